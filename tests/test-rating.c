/* test-rating.c: the 0 to 5 rating of policies and its reasons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-manifest.h"
#include "np-rating.h"
#include "np-test-util.h"

#define K8S(spec) \
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n" \
  "metadata: {name: p, namespace: shop}\nspec:\n" spec
#define CNP(spec) \
  "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n" \
  "metadata: {name: p, namespace: shop}\nspec:\n" spec

#define BOTH "  policyTypes: [Ingress, Egress]\n"
#define KUBE_DNS \
  "  - to:\n" \
  "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n" \
  "      podSelector: {matchLabels: {k8s-app: kube-dns}}\n" \
  "    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n"

/* Each row: the policy, its score, points out of how many, and the codes
 * of the criteria it fails (comma-separated, in criterion order). */
static const struct {
  const char *name;
  const char *yaml;
  guint       score;
  guint       points;
  guint       max_points;
  const char *failed;
} rows[] = {
  { "deny-all-both",
    K8S ("  podSelector: {}\n" BOTH),
    /* Egress is isolated and nothing reaches kube-dns: lookups are not
     * limited to kube-dns, they are blocked: 10 of 12 points, 4/5. */
    4, 10, 12, "dns-limited" },
  { "ingress-only-empty",
    K8S ("  podSelector: {}\n"),
    3, 6, 10, "default-deny-egress,no-allow-all-egress" },
  { "allow-all-ingress",
    K8S ("  podSelector: {}\n  ingress:\n  - {}\n"),
    2, 4, 11, "default-deny-egress,no-allow-all-ingress,no-allow-all-egress,ports-listed" },
  { "tutorial-result",
    K8S ("  podSelector: {matchLabels: {app: backend}}\n" BOTH
         "  ingress:\n  - from:\n    - podSelector: {}\n"
         "  egress:\n" KUBE_DNS
         "  - to:\n    - podSelector: {}\n"
         "  - to:\n    - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}\n"
         "    ports: [{protocol: TCP, port: 443}]\n"),
    5, 12, 13, "ports-listed" },
  { "world-egress-every-port",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0}\n"),
    3, 8, 13, "no-allow-all-egress,dns-limited,ports-listed" },
  { "world-egress-443",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0}\n"
         "    ports: [{protocol: TCP, port: 443}]\n"),
    4, 11, 13, "dns-limited" },
  { "world-443-and-kube-dns",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0}\n"
         "    ports: [{protocol: TCP, port: 443}]\n" KUBE_DNS),
    5, 13, 13, "" },
  { "kube-dns-udp-only",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - to:\n"
         "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n"
         "      podSelector: {matchLabels: {k8s-app: kube-dns}}\n"
         "    ports: [{protocol: UDP, port: 53}]\n"),
    5, 13, 13, "" },
  { "kube-dns-tcp-only",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - to:\n"
         "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n"
         "      podSelector: {matchLabels: {k8s-app: kube-dns}}\n"
         "    ports: [{protocol: TCP, port: 53}]\n"),
    5, 13, 13, "" },
  { "dns-to-anywhere",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - ports: [{protocol: UDP, port: 53}]\n"),
    4, 11, 13, "dns-limited" },
  { "dns-kube-dns-only",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n" KUBE_DNS),
    5, 13, 13, "" },
  { "any-namespace-every-port",
    K8S ("  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n"),
    2, 5, 11, "default-deny-egress,no-allow-all-egress,no-any-namespace-without-ports,ports-listed" },
  { "any-namespace-with-port",
    K8S ("  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n"
         "    ports: [{port: 8080}]\n"),
    3, 7, 11, "default-deny-egress,no-allow-all-egress" },
  { "no-namespace",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\n"
    "spec:\n  podSelector: {}\n" BOTH,
    4, 9, 12, "dns-limited,namespace-set" },
  { "egress-only",
    K8S ("  podSelector: {}\n  policyTypes: [Egress]\n"),
    3, 6, 12, "default-deny-ingress,no-allow-all-ingress,dns-limited" },
  { "ignored-egress-rules",
    K8S ("  podSelector: {}\n  policyTypes: [Ingress]\n"
         "  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0}\n"),
    3, 6, 10, "default-deny-egress,no-allow-all-egress" },
  { "dns-in-port-range",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/8}\n"
         "    ports: [{protocol: UDP, port: 50, endPort: 60}]\n"),
    4, 11, 13, "dns-limited" },
  { "db-and-web-ports",
    K8S ("  podSelector: {matchLabels: {app: api}}\n" BOTH
         "  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: web}}\n"
         "    ports: [{protocol: TCP, port: 8080}]\n"
         "  egress:\n  - to:\n    - podSelector: {matchLabels: {app: db}}\n"
         "    ports: [{protocol: TCP, port: 5432}]\n" KUBE_DNS),
    5, 13, 13, "" },
  { "port-range-below-dns",
    K8S ("  podSelector: {}\n" BOTH "  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/8}\n"
         "    ports: [{protocol: UDP, port: 40, endPort: 52}]\n" KUBE_DNS),
    5, 13, 13, "" },
  { "ipv6-world-ingress",
    K8S ("  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: '::/0'}\n"),
    2, 4, 11, "default-deny-egress,no-allow-all-ingress,no-allow-all-egress,ports-listed" },
  { "cilium-deny-all",
    CNP ("  endpointSelector: {}\n  ingress:\n  - {}\n  egress:\n  - {}\n"),
    4, 10, 12, "dns-limited" },
  { "cilium-kube-dns",
    CNP ("  endpointSelector: {}\n  ingress:\n  - {}\n  egress:\n"
         "  - toEndpoints:\n    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}\n"
         "    toPorts:\n    - ports: [{port: '53', protocol: ANY}]\n"),
    5, 13, 13, "" },
  { "cilium-port-443-only",
    CNP ("  endpointSelector: {}\n  ingress:\n  - {}\n  egress:\n"
         "  - toEndpoints:\n    - {}\n"
         "    toPorts:\n    - ports: [{port: '443', protocol: TCP}]\n"),
    4, 11, 13, "dns-limited" },
  { "cilium-world-egress",
    CNP ("  endpointSelector: {matchLabels: {app: web}}\n"
         "  egress:\n  - toEntities: [world]\n"),
    2, 4, 13, "default-deny-ingress,no-allow-all-ingress,no-allow-all-egress,dns-limited,ports-listed" },
  { "cilium-clusterwide",
    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: p}\n"
    "spec:\n  endpointSelector: {}\n"
    "  ingress:\n  - fromEntities: [cluster]\n"
    "  egress:\n  - toEndpoints:\n    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}\n"
    "    toPorts:\n    - ports: [{port: '53', protocol: UDP}]\n",
    4, 10, 12, "no-any-namespace-without-ports,ports-listed" },
};

static gpointer
load_policy (const char *name, const char *yaml)
{
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;

  if (!np_manifest_load_bytes (manifest, bytes, name, &error))
    {
      np_test_case_failed (name, NULL, "does not load: %s", error->message);
      return NULL;
    }
  policies = np_manifest_list_policies (manifest);
  if (g_list_model_get_n_items (policies) != 1)
    {
      np_test_case_failed (name, NULL, "%u policies", g_list_model_get_n_items (policies));
      return NULL;
    }
  return g_list_model_get_item (policies, 0);
}

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GObject) policy = load_policy (rows[i].name, rows[i].yaml);
      g_autoptr(NpRating) rating = NULL;
      g_autofree char *failed = NULL;
      guint sum = 0, max = 0;

      if (policy == NULL)
        continue;
      rating = np_rating_new (policy);
      failed = np_rating_dup_failed_codes (rating);
      if (np_rating_get_score (rating) != rows[i].score ||
          np_rating_get_points (rating) != rows[i].points ||
          np_rating_get_max_points (rating) != rows[i].max_points ||
          g_strcmp0 (failed, rows[i].failed) != 0)
        np_test_case_failed (rows[i].name, NULL, "got %u/5 (%u of %u points) failing \"%s\"; "
                             "expected %u/5 (%u of %u) failing \"%s\"",
                             np_rating_get_score (rating), np_rating_get_points (rating),
                             np_rating_get_max_points (rating), failed, rows[i].score,
                             rows[i].points, rows[i].max_points, rows[i].failed);

      /* The reasons add up to the points, and each says something. */
      for (guint j = 0; j < np_rating_get_n_reasons (rating); j++)
        {
          gboolean met = np_rating_get_reason_met (rating, j);

          sum += np_rating_get_reason_points (rating, j);
          max += np_rating_get_reason_max_points (rating, j);
          g_assert_cmpuint (np_rating_get_reason_points (rating, j), ==,
                            met ? np_rating_get_reason_max_points (rating, j) : 0);
          g_assert_cmpstr (np_rating_get_reason_code (rating, j), !=, "");
          g_assert_cmpuint (strlen (np_rating_get_reason_text (rating, j)), >, 10);
        }
      g_assert_cmpuint (sum, ==, np_rating_get_points (rating));
      g_assert_cmpuint (max, ==, np_rating_get_max_points (rating));
    }
}

/* Rates the same way twice, and reads the properties. */
static void
test_properties (void)
{
  g_autoptr(GObject) policy = load_policy ("properties", rows[1].yaml);
  g_autoptr(NpRating) first = np_rating_new (policy);
  g_autoptr(NpRating) second = np_rating_new (policy);
  guint score = 0, points = 0, max = 0;

  g_object_get (first, "score", &score, "points", &points, "max-points", &max, NULL);
  g_assert_cmpuint (score, ==, 3);
  g_assert_cmpuint (points, ==, 6);
  g_assert_cmpuint (max, ==, 10);
  g_assert_cmpuint (np_rating_get_score (second), ==, score);
  g_assert_cmpuint (np_rating_get_n_reasons (first), ==, 6);
  g_assert_cmpstr (np_rating_get_reason_code (first, 0), ==, "default-deny-ingress");
  g_assert_true (np_rating_get_reason_met (first, 0));
  g_assert_cmpstr (np_rating_get_reason_code (first, 1), ==, "default-deny-egress");
  g_assert_false (np_rating_get_reason_met (first, 1));
}

/* A policy that blocks DNS does not send lookups "to kube-dns only": the
 * reason says they are blocked. */
static void
test_dns_blocked (void)
{
  const char *names[] = { "deny-all-both", "cilium-deny-all", "dns-kube-dns-only", "cilium-kube-dns" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autoptr(GObject) policy = NULL;
        g_autoptr(NpRating) rating = NULL;
        gboolean seen = FALSE;

        if (!g_str_equal (rows[i].name, names[n]))
          continue;
        policy = load_policy (rows[i].name, rows[i].yaml);
        rating = np_rating_new (policy);
        for (guint j = 0; j < np_rating_get_n_reasons (rating); j++)
          {
            if (!g_str_equal (np_rating_get_reason_code (rating, j), "dns-limited"))
              continue;
            seen = TRUE;
            g_test_message ("%s: %s", names[n], np_rating_get_reason_text (rating, j));
            if (n < 2)
              {
                g_assert_false (np_rating_get_reason_met (rating, j));
                g_assert_cmpstr (np_rating_get_reason_text (rating, j), ==,
                                 "No rule allows name lookups (port 53) to kube-dns: the pods cannot resolve names.");
              }
            else
              {
                g_assert_true (np_rating_get_reason_met (rating, j));
                g_assert_cmpstr (np_rating_get_reason_text (rating, j), ==, "Name lookups (port 53) go to kube-dns only.");
              }
          }
        g_assert_true (seen);
      }
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/rating/table", test_table);
  g_test_add_func ("/rating/properties", test_properties);
  g_test_add_func ("/rating/dns-blocked", test_dns_blocked);

  return g_test_run ();
}
