/* test-codec.c: NetworkPolicy data trees to model objects and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-diagnostic.h"
#include "np-ip-block.h"
#include "np-label-selector.h"
#include "np-policy-codec.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-yaml.h"

static NpPolicy *
read_ok (const char *text)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  NpPolicy *policy = np_policy_new_from_yaml (text, -1, diagnostics);

  if (policy == NULL)
    g_error ("cannot read: %s", np_diagnostic_get_message (g_ptr_array_index (diagnostics, 0)));
  g_assert_cmpuint (diagnostics->len, ==, 0);
  return policy;
}

static char *
write_default (NpPolicy *policy)
{
  g_autoptr(NpNode) node = np_policy_to_node (policy, NP_CODEC_DEFAULT);

  return np_yaml_write (node, 0, NULL);
}

/* The policy the tutorial builds, from scratch, through the model. */
static void
test_build_from_scratch (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new ();
  g_autoptr(NpLabelSelector) backend = np_label_selector_new ();
  g_autoptr(NpLabelSelector) frontend = np_label_selector_new ();
  g_autoptr(NpLabelSelector) dns_ns = np_label_selector_new ();
  g_autoptr(NpLabelSelector) dns_pods = np_label_selector_new ();
  g_autoptr(NpPolicyRule) in = np_policy_rule_new (NP_DIRECTION_INGRESS);
  g_autoptr(NpPolicyRule) dns = np_policy_rule_new (NP_DIRECTION_EGRESS);
  g_autoptr(NpPolicyRule) out = np_policy_rule_new (NP_DIRECTION_EGRESS);
  g_autoptr(NpPolicyPeer) frontend_peer = NULL;
  g_autoptr(NpPolicyPeer) dns_peer = np_policy_peer_new ();
  g_autoptr(NpPolicyPeer) cidr_peer = NULL;
  g_autoptr(NpIpBlock) block = NULL;
  g_autoptr(NpPolicyPort) p8080 = np_policy_port_new_number ("TCP", 8080);
  g_autoptr(NpPolicyPort) udp53 = np_policy_port_new_number ("UDP", 53);
  g_autoptr(NpPolicyPort) tcp53 = np_policy_port_new_number ("TCP", 53);
  g_autoptr(NpPolicyPort) p443 = np_policy_port_new_number ("TCP", 443);
  const char * const types[] = { "Ingress", "Egress", NULL };
  const char * const except[] = { "10.1.0.0/16", NULL };
  g_autofree char *yaml = NULL;
  g_autoptr(NpPolicy) back = NULL;
  g_autoptr(NpNode) a = NULL;
  g_autoptr(NpNode) b = NULL;

  np_policy_set_name (policy, "backend");
  np_policy_set_namespace (policy, "default");
  np_label_selector_set_label (backend, "app", "backend");
  np_policy_set_pod_selector (policy, backend);
  np_policy_set_policy_types (policy, types);

  np_label_selector_set_label (frontend, "app", "frontend");
  frontend_peer = np_policy_peer_new_pods (frontend);
  np_policy_rule_add_peer (in, frontend_peer);
  np_policy_rule_add_port (in, p8080);
  g_list_store_append (G_LIST_STORE (np_policy_get_ingress (policy)), in);

  np_label_selector_set_label (dns_ns, "kubernetes.io/metadata.name", "kube-system");
  np_label_selector_set_label (dns_pods, "k8s-app", "kube-dns");
  np_policy_peer_set_namespace_selector (dns_peer, dns_ns);
  np_policy_peer_set_pod_selector (dns_peer, dns_pods);
  np_policy_rule_add_peer (dns, dns_peer);
  np_policy_rule_add_port (dns, udp53);
  np_policy_rule_add_port (dns, tcp53);
  g_list_store_append (G_LIST_STORE (np_policy_get_egress (policy)), dns);

  block = np_ip_block_new ("10.0.0.0/8", except);
  cidr_peer = np_policy_peer_new_ip_block (block);
  np_policy_rule_add_peer (out, cidr_peer);
  np_policy_rule_add_port (out, p443);
  g_list_store_append (G_LIST_STORE (np_policy_get_egress (policy)), out);

  yaml = np_policy_to_yaml (policy);
  g_assert_cmpstr (yaml, ==,
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata:\n"
    "  name: backend\n"
    "  namespace: default\n"
    "spec:\n"
    "  podSelector:\n"
    "    matchLabels:\n"
    "      app: backend\n"
    "  policyTypes:\n"
    "  - Ingress\n"
    "  - Egress\n"
    "  ingress:\n"
    "  - from:\n"
    "    - podSelector:\n"
    "        matchLabels:\n"
    "          app: frontend\n"
    "    ports:\n"
    "    - protocol: TCP\n"
    "      port: 8080\n"
    "  egress:\n"
    "  - to:\n"
    "    - podSelector:\n"
    "        matchLabels:\n"
    "          k8s-app: kube-dns\n"
    "      namespaceSelector:\n"
    "        matchLabels:\n"
    "          kubernetes.io/metadata.name: kube-system\n"
    "    ports:\n"
    "    - protocol: UDP\n"
    "      port: 53\n"
    "    - protocol: TCP\n"
    "      port: 53\n"
    "  - to:\n"
    "    - ipBlock:\n"
    "        cidr: 10.0.0.0/8\n"
    "        except:\n"
    "        - 10.1.0.0/16\n"
    "    ports:\n"
    "    - protocol: TCP\n"
    "      port: 443\n");

  /* and it reads back to the same data */
  back = read_ok (yaml);
  a = np_policy_to_node (policy, NP_CODEC_CANONICAL);
  b = np_policy_to_node (back, NP_CODEC_CANONICAL);
  g_assert_true (np_node_equal (a, b));
}

static void
test_new_policy_minimal (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new ();
  g_autofree char *yaml = np_policy_to_yaml (policy);

  /* No defaults the user did not write: no policyTypes, no rules. */
  g_assert_cmpstr (yaml, ==,
                   "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  podSelector: {}\n");
}

static void
test_absent_and_empty (void)
{
  const char *cases[] = {
    "spec:\n  podSelector: {}\n  ingress: []\n",
    "spec:\n  podSelector: {}\n  ingress:\n  - {}\n",
    "spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - {}\n",
    "spec:\n  podSelector: {}\n  egress:\n  - to: []\n    ports: []\n",
    "spec:\n  podSelector:\n    matchLabels: {}\n    matchExpressions: []\n",
    "spec:\n  podSelector:\n    matchLabels: null\n",
    "spec:\n  podSelector: null\n",
    "spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n    - namespaceSelector: {}\n    - podSelector: {}\n      namespaceSelector: {}\n",
    "spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: null\n      namespaceSelector: {matchLabels: {a: b}}\n",
    "spec:\n  podSelector: {}\n  policyTypes: []\n  ingress: null\n",
    "spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except: []\n",
    "spec:\n  podSelector:\n    matchExpressions:\n    - key: a\n      operator: Exists\n      values: []\n",
    "spec:\n  podSelector:\n    matchLabels:\n      a: null\n      b: \"\"\n",
    "spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: null\n      protocol: null\n      endPort: null\n",
    "metadata: {}\nspec:\n  podSelector: {}\n",
    "metadata:\n  namespace: \"\"\nspec:\n  podSelector: {}\n",
    "spec:\n  podSelector: {}\n  ingress:\n  - null\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpNode) input = np_yaml_parse_one (cases[i], strlen (cases[i]), NULL);
      g_autoptr(NpPolicy) policy = read_ok (cases[i]);
      g_autoptr(NpNode) out = np_policy_to_node (policy, NP_CODEC_DEFAULT);
      g_autoptr(NpNode) canonical = np_policy_to_node (policy, NP_CODEC_CANONICAL);

      g_test_message ("case %u:\n%s", i, cases[i]);
      g_assert_true (np_node_equal (input, out));
      g_assert_true (np_node_equal (input, canonical));
    }
}

static void
test_pointer_selectors (void)
{
  g_autoptr(NpPolicy) absent = read_ok ("spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n");
  g_autoptr(NpPolicy) no_spec_selector = read_ok ("spec:\n  ingress: []\n");
  g_autoptr(NpPolicyRule) rule = g_list_model_get_item (np_policy_get_ingress (absent), 0);
  g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (np_policy_rule_get_peers (rule), 0);

  g_assert_null (np_policy_peer_get_pod_selector (peer));
  g_assert_nonnull (np_policy_peer_get_namespace_selector (peer));
  g_assert_true (np_label_selector_is_empty (np_policy_peer_get_namespace_selector (peer)));
  g_assert_null (np_policy_get_pod_selector (no_spec_selector));
}

static void
test_unknown_fields_kept_in_order (void)
{
  const char *text =
    "kind: NetworkPolicy\n"
    "apiVersion: networking.k8s.io/v1\n"
    "metadata:\n"
    "  labels: {team: a}\n"
    "  name: web\n"
    "  annotations: {note: x}\n"
    "spec:\n"
    "  ingress:\n"
    "  - ports:\n"
    "    - port: 80\n"
    "      future: yes\n"
    "    from:\n"
    "    - podSelector: {}\n"
    "  podSelector: {}\n"
    "  experimental: {a: 1}\n"
    "status: {}\n";
  g_autoptr(NpPolicy) policy = read_ok (text);
  g_autofree char *unchanged = write_default (policy);
  g_autofree char *changed = NULL;
  g_autofree char *canonical = NULL;

  /* Untouched: the same keys in the same order. */
  g_assert_cmpstr (unchanged, ==,
    "kind: NetworkPolicy\n"
    "apiVersion: networking.k8s.io/v1\n"
    "metadata:\n"
    "  labels:\n"
    "    team: a\n"
    "  name: web\n"
    "  annotations:\n"
    "    note: x\n"
    "spec:\n"
    "  ingress:\n"
    "  - ports:\n"
    "    - port: 80\n"
    "      future: yes\n"
    "    from:\n"
    "    - podSelector: {}\n"
    "  podSelector: {}\n"
    "  experimental:\n"
    "    a: 1\n"
    "status: {}\n");

  /* A new known field lands next to its canonical neighbour. */
  np_policy_set_namespace (policy, "prod");
  changed = write_default (policy);
  g_assert_nonnull (strstr (changed, "  name: web\n  namespace: prod\n  annotations:"));

  {
    g_autoptr(NpNode) node = np_policy_to_node (policy, NP_CODEC_CANONICAL);
    canonical = np_yaml_write (node, 0, NULL);
  }
  g_assert_true (g_str_has_prefix (canonical, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: prod\n  labels:"));
  g_assert_nonnull (strstr (canonical, "spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n    ports:\n    - port: 80\n      future: yes\n  experimental:"));
}

static void
test_edits (void)
{
  g_autoptr(NpPolicy) policy = read_ok (
    "spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: a}}\n    ports:\n    - port: 80\n");
  g_autoptr(NpPolicyRule) rule = g_list_model_get_item (np_policy_get_ingress (policy), 0);
  g_autoptr(NpPolicyPort) port = g_list_model_get_item (np_policy_rule_get_ports (rule), 0);
  g_autofree char *after_port = NULL;
  g_autofree char *after_peers = NULL;
  g_autofree char *after_rules = NULL;

  np_policy_port_set_port_name (port, "http");
  np_policy_port_set_protocol (port, "UDP");
  after_port = write_default (policy);
  g_assert_nonnull (strstr (after_port, "    ports:\n    - protocol: UDP\n      port: http\n"));

  g_list_store_remove_all (G_LIST_STORE (np_policy_rule_get_peers (rule)));
  after_peers = write_default (policy);
  /* an emptied list stays an (empty) list: same meaning as absent */
  g_assert_nonnull (strstr (after_peers, "  - from: []\n"));

  g_list_store_remove_all (G_LIST_STORE (np_policy_get_ingress (policy)));
  after_rules = write_default (policy);
  g_assert_nonnull (strstr (after_rules, "  ingress: []\n"));
}

static void
test_quoting (void)
{
  g_autoptr(NpPolicy) policy = read_ok (
    "metadata:\n  name: \"123\"\nspec:\n  podSelector:\n    matchLabels:\n      enabled: \"true\"\n      version: \"1.0\"\n"
    "  ingress:\n  - ports:\n    - port: \"80\"\n");
  g_autofree char *yaml = np_policy_to_yaml (policy);
  g_autoptr(NpPolicy) back = read_ok (yaml);
  g_autoptr(NpNode) a = np_policy_to_node (policy, 0);
  g_autoptr(NpNode) b = np_policy_to_node (back, 0);

  g_assert_nonnull (strstr (yaml, "name: \"123\""));
  g_assert_nonnull (strstr (yaml, "enabled: \"true\""));
  g_assert_nonnull (strstr (yaml, "version: \"1.0\""));
  g_assert_nonnull (strstr (yaml, "port: \"80\""));
  g_assert_true (np_node_equal (a, b));
}

static void
test_type_errors (void)
{
  struct {
    const char *text;
    const char *path;
    guint line, column;
  } cases[] = {
    { "spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: [1]\n", "spec.ingress[0].ports[0].port", 5, 13 },
    { "spec:\n  podSelector: 3\n", "spec.podSelector", 2, 16 },
    { "spec:\n  podSelector: {}\n  ingress: {}\n", "spec.ingress", 3, 12 },
    { "spec:\n  podSelector: {}\n  egress:\n  - to: x\n", "spec.egress[0].to", 4, 9 },
    { "metadata:\n  name: 123\nspec: {}\n", "metadata.name", 2, 9 },
    { "spec:\n  podSelector:\n    matchLabels:\n      on: true\n", "spec.podSelector.matchLabels.on", 4, 11 },
    { "spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 99999999999\n", "spec.ingress[0].ports[0].port", 5, 13 },
    { "spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 1.5\n", "spec.ingress[0].ports[0].port", 5, 13 },
    { "spec:\n  podSelector: {}\n  policyTypes: [Ingress, [Egress]]\n", "spec.policyTypes[1]", 3, 26 },
    { "- not a mapping\n", NULL, 1, 1 },
    { "spec: [1]\n", "spec", 1, 7 },
    { "spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: [1]}\n", "spec.ingress[0].from[0].ipBlock.cidr", 5, 23 },
    { "spec:\n  podSelector:\n    matchExpressions:\n    - {key: a, operator: In, values: [1]}\n", "spec.podSelector.matchExpressions[0].values[0]", 4, 39 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (cases[i].text, -1, diagnostics);
      NpDiagnostic *d;

      g_test_message ("case %u:\n%s", i, cases[i].text);
      g_assert_null (policy);
      g_assert_cmpuint (diagnostics->len, >=, 1);
      d = g_ptr_array_index (diagnostics, 0);
      g_assert_cmpstr (np_diagnostic_get_code (d), ==, "wrong-type");
      g_assert_cmpstr (np_diagnostic_get_path (d), ==, cases[i].path);
      g_assert_cmpuint (np_diagnostic_get_line (d), ==, cases[i].line);
      g_assert_cmpuint (np_diagnostic_get_column (d), ==, cases[i].column);
      g_assert_true (g_str_has_suffix (np_diagnostic_get_message (d), "."));
    }
}

static void
test_yaml_errors (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpPolicy) broken = np_policy_new_from_yaml ("spec:\n  podSelector: {\n", -1, diagnostics);
  g_autoptr(GPtrArray) empty_diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpPolicy) empty = np_policy_new_from_yaml ("# nothing\n", -1, empty_diagnostics);

  g_assert_null (broken);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (diagnostics, 0)), ==, "yaml-syntax");
  g_assert_cmpuint (np_diagnostic_get_line (g_ptr_array_index (diagnostics, 0)), ==, 3);
  g_assert_null (empty);
  g_assert_cmpuint (empty_diagnostics->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codec/build-from-scratch", test_build_from_scratch);
  g_test_add_func ("/codec/new-policy-minimal", test_new_policy_minimal);
  g_test_add_func ("/codec/absent-and-empty", test_absent_and_empty);
  g_test_add_func ("/codec/pointer-selectors", test_pointer_selectors);
  g_test_add_func ("/codec/unknown-fields-kept-in-order", test_unknown_fields_kept_in_order);
  g_test_add_func ("/codec/edits", test_edits);
  g_test_add_func ("/codec/quoting", test_quoting);
  g_test_add_func ("/codec/type-errors", test_type_errors);
  g_test_add_func ("/codec/yaml-errors", test_yaml_errors);

  return g_test_run ();
}
