/* test-lint.c: each lint, on a case that triggers it and one that does not
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-diagnostic.h"
#include "np-inventory.h"
#include "np-lint.h"
#include "np-test-util.h"

/* Lines 1-6 of a NetworkPolicy in namespace "shop"; spec's fields start on line 7. */
#define K8S(name) \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata:\n" \
  "  name: " name "\n" \
  "  namespace: shop\n" \
  "spec:\n"

#define CNP(name) \
  "apiVersion: cilium.io/v2\n" \
  "kind: CiliumNetworkPolicy\n" \
  "metadata:\n" \
  "  name: " name "\n" \
  "  namespace: shop\n" \
  "spec:\n"

/* Workloads, to append after a policy so that its lines stay put. */
#define WORKLOADS \
  "---\n" \
  "apiVersion: v1\n" \
  "kind: Namespace\n" \
  "metadata: {name: shop, labels: {team: shop}}\n" \
  "---\n" \
  "apiVersion: v1\n" \
  "kind: Namespace\n" \
  "metadata: {name: kube-system}\n" \
  "---\n" \
  "apiVersion: apps/v1\n" \
  "kind: Deployment\n" \
  "metadata: {name: web, namespace: shop}\n" \
  "spec:\n" \
  "  template:\n" \
  "    metadata: {labels: {app: web}}\n" \
  "    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n" \
  "---\n" \
  "apiVersion: apps/v1\n" \
  "kind: Deployment\n" \
  "metadata: {name: coredns, namespace: kube-system}\n" \
  "spec:\n" \
  "  template:\n" \
  "    metadata: {labels: {k8s-app: kube-dns}}\n" \
  "    spec: {containers: [{name: c, image: x, ports: [{containerPort: 53, protocol: UDP}]}]}\n"

#define ALLOW_DNS \
  "---\n" \
  K8S ("allow-dns") \
  "  podSelector: {}\n" \
  "  policyTypes: [Egress]\n" \
  "  egress:\n" \
  "  - to:\n" \
  "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n" \
  "      podSelector: {matchLabels: {k8s-app: kube-dns}}\n" \
  "    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n"

typedef struct {
  const char *name;
  const char *code;
  const char *triggers;      /* a text where @code is found ... */
  guint       line;          /* ... at this position ... */
  guint       column;
  const char *path;          /* ... on this field */
  const char *quiet;         /* a text without @code */
} LintCase;

static const LintCase cases[] = {
  { "ignored-egress", "ignored-egress-rules",
    K8S ("p")
    "  podSelector: {}\n"
    "  policyTypes: [Ingress]\n"
    "  ingress:\n"
    "  - ports: [{port: 80}]\n"
    "  egress:\n"
    "  - ports: [{port: 443}]\n",
    11, 3, "spec.egress",
    K8S ("p")
    "  podSelector: {}\n"
    "  policyTypes: [Ingress, Egress]\n"
    "  ingress:\n"
    "  - ports: [{port: 80}]\n"
    "  egress:\n"
    "  - ports: [{port: 53, protocol: UDP}]\n" },
  { "ignored-ingress", "ignored-ingress-rules",
    K8S ("p")
    "  podSelector: {}\n"
    "  policyTypes: [Egress]\n"
    "  ingress:\n"
    "  - ports: [{port: 80}]\n"
    "  egress:\n"
    "  - ports: [{port: 53, protocol: UDP}]\n",
    9, 3, "spec.ingress",
    /* no policyTypes: Ingress is implied */
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress:\n"
    "  - ports: [{port: 80}]\n" },
  { "dns-policy-alone", "dns-blocked",
    K8S ("p")
    "  podSelector: {matchLabels: {app: web}}\n"
    "  policyTypes: [Egress]\n"
    "  egress:\n"
    "  - to: [{podSelector: {matchLabels: {app: db}}}]\n",
    9, 3, "spec.egress",
    K8S ("p")
    "  podSelector: {matchLabels: {app: web}}\n"
    "  policyTypes: [Egress]\n"
    "  egress:\n"
    "  - to: [{podSelector: {matchLabels: {app: db}}}]\n"
    ALLOW_DNS },
  { "dns-evaluator", "dns-blocked",
    K8S ("p")
    "  podSelector: {}\n"
    "  policyTypes: [Egress]\n"
    WORKLOADS,
    8, 3, "spec.policyTypes",
    K8S ("p")
    "  podSelector: {}\n"
    "  policyTypes: [Egress]\n"
    WORKLOADS
    ALLOW_DNS },
  { "selects-nothing", "selects-nothing",
    K8S ("p")
    "  podSelector: {matchLabels: {app: ghost}}\n"
    "  ingress: []\n"
    WORKLOADS,
    7, 3, "spec.podSelector",
    K8S ("p")
    "  podSelector: {matchLabels: {app: web}}\n"
    "  ingress: []\n"
    WORKLOADS },
  { "implicit-pod-selector", "implicit-pod-selector",
    K8S ("p")
    "  ingress: []\n"
    WORKLOADS,
    6, 1, "spec",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress: []\n"
    WORKLOADS },
  { "implicit-pod-selector-no-spec", "implicit-pod-selector",
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata: {name: p, namespace: shop}\n",
    1, 1, "spec",
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata: {name: p, namespace: shop}\n"
    "spec: {podSelector: {}}\n" },
  { "peer-matches-nothing", "peer-matches-nothing",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress:\n"
    "  - from:\n"
    "    - podSelector: {matchLabels: {app: web}}\n"
    "    - namespaceSelector: {matchLabels: {team: ghost}}\n"
    "      podSelector: {}\n"
    WORKLOADS,
    11, 7, "spec.ingress[0].from[1]",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress:\n"
    "  - from:\n"
    "    - podSelector: {matchLabels: {app: web}}\n"
    "    - namespaceSelector: {matchLabels: {team: shop}}\n"
    "      podSelector: {}\n"
    WORKLOADS },
  { "duplicate-name", "duplicate-name",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress: [{}]\n"
    "---\n"
    K8S ("p")
    "  podSelector: {matchLabels: {app: web}}\n"
    "  ingress: []\n",
    13, 3, "metadata.name",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress: [{}]\n"
    "---\n"
    K8S ("q")
    "  podSelector: {matchLabels: {app: web}}\n"
    "  ingress: []\n" },
  { "no-namespace", "no-namespace",
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata:\n"
    "  name: p\n"
    "spec:\n"
    "  podSelector: {}\n",
    3, 1, "metadata",
    K8S ("p")
    "  podSelector: {}\n" },
  { "and-or-mixup", "and-or-mixup",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress:\n"
    "  - from:\n"
    "    - namespaceSelector: {matchLabels: {team: ops}}\n"
    "    - podSelector: {matchLabels: {app: monitor}}\n",
    11, 7, "spec.ingress[0].from[1]",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress:\n"
    "  - from:\n"
    "    - namespaceSelector: {matchLabels: {team: ops}}\n"
    "      podSelector: {matchLabels: {app: monitor}}\n" },
  { "fqdn-without-dns", "fqdn-without-dns",
    CNP ("p")
    "  endpointSelector: {}\n"
    "  egress:\n"
    "  - toFQDNs:\n"
    "    - matchName: api.example.com\n",
    9, 5, "spec.egress[0].toFQDNs",
    CNP ("p")
    "  endpointSelector: {}\n"
    "  egress:\n"
    "  - toFQDNs:\n"
    "    - matchName: api.example.com\n"
    "  - toEndpoints:\n"
    "    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}\n"
    "    toPorts:\n"
    "    - ports: [{port: \"53\", protocol: ANY}]\n"
    "      rules:\n"
    "        dns: [{matchPattern: \"*\"}]\n" },
  { "allow-all", "allow-all",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress:\n"
    "  - {}\n",
    9, 5, "spec.ingress[0]",
    K8S ("p")
    "  podSelector: {}\n"
    "  ingress:\n"
    "  - ports: [{port: 80}]\n" },
  { "deny-all", "deny-all",
    K8S ("p")
    "  podSelector: {}\n"
    "  policyTypes: [Ingress]\n",
    8, 3, "spec.policyTypes",
    K8S ("p")
    "  podSelector: {}\n"
    "  policyTypes: [Ingress]\n"
    "  ingress:\n"
    "  - ports: [{port: 80}]\n" },
  { "cilium-deny-all", "deny-all",
    CNP ("p")
    "  endpointSelector: {}\n"
    "  ingress:\n"
    "  - {}\n",
    9, 5, "spec.ingress[0]",
    CNP ("p")
    "  endpointSelector: {}\n"
    "  ingress:\n"
    "  - fromEntities: [cluster]\n" },
};

static GPtrArray *
lint_text (const char *text)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "lint.yaml", &error));
  g_assert_no_error (error);
  return np_lint_run (inventory, NULL);
}

static NpDiagnostic *
find_code (GPtrArray *diagnostics, const char *code)
{
  for (guint i = 0; i < diagnostics->len; i++)
    if (g_str_equal (np_diagnostic_get_code (diagnostics->pdata[i]), code))
      return diagnostics->pdata[i];
  return NULL;
}

static void
test_case (gconstpointer data)
{
  const LintCase *c = data;
  g_autoptr(GPtrArray) found = lint_text (c->triggers);
  g_autoptr(GPtrArray) quiet = lint_text (c->quiet);
  NpDiagnostic *d = find_code (found, c->code);

  if (d == NULL)
    {
      np_test_fail_listing (c->code, found, "not found");
      return;
    }
  g_assert_cmpstr (np_diagnostic_get_file (d), ==, "lint.yaml");
  g_assert_cmpuint (np_diagnostic_get_line (d), ==, c->line);
  g_assert_cmpuint (np_diagnostic_get_column (d), ==, c->column);
  g_assert_cmpstr (np_diagnostic_get_path (d), ==, c->path);
  g_assert_cmpuint (np_diagnostic_get_severity (d), ==,
                    g_str_equal (c->code, "allow-all") || g_str_equal (c->code, "deny-all") ||
                    g_str_equal (c->code, "implicit-pod-selector")
                    ? NP_SEVERITY_INFO : NP_SEVERITY_WARNING);
  g_assert_cmpuint (strlen (np_diagnostic_get_message (d)), >, 40);

  d = find_code (quiet, c->code);
  if (d != NULL)
    np_test_fail_listing (c->code, quiet, "found in the quiet case");
}

/* The DNS warning names each blocked workload once, at the first policy
 * that isolates it. */
static void
test_dns_once (void)
{
  g_autoptr(GPtrArray) found = lint_text (K8S ("a")
                                          "  podSelector: {}\n"
                                          "  policyTypes: [Egress]\n"
                                          "---\n"
                                          K8S ("b")
                                          "  podSelector: {matchLabels: {app: web}}\n"
                                          "  policyTypes: [Egress]\n"
                                          WORKLOADS);
  guint n = 0;

  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (np_diagnostic_get_code (found->pdata[i]), "dns-blocked"))
      {
        n++;
        g_assert_nonnull (strstr (np_diagnostic_get_message (found->pdata[i]), "shop/web[Deployment]"));
      }
  g_assert_cmpuint (n, ==, 1);
}

static void
test_sorted (void)
{
  g_autoptr(GPtrArray) found = lint_text ("apiVersion: networking.k8s.io/v1\n"
                                          "kind: NetworkPolicy\n"
                                          "metadata: {name: p}\n"
                                          "spec:\n"
                                          "  podSelector: {}\n"
                                          "  policyTypes: [Ingress]\n"
                                          "  egress: [{}]\n");

  g_assert_cmpuint (found->len, >=, 3);
  for (guint i = 1; i < found->len; i++)
    g_assert_cmpint (np_diagnostic_compare (&found->pdata[i - 1], &found->pdata[i]), <=, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lint/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/lint/dns-once", test_dns_once);
  g_test_add_func ("/lint/sorted", test_sorted);
  return g_test_run ();
}
