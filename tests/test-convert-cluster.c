/* test-convert-cluster.c: AdminNetworkPolicy / BaselineAdminNetworkPolicy ↔
 * ClusterNetworkPolicy (cluster-policies.md §1.1): every mapping, every loss,
 * the splits at 25, what is kept, and round trips that validate clean
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cluster-policy.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-node.h"
#include "np-yaml.h"
#include "np-test-util.h"

#define V1 "apiVersion: policy.networking.k8s.io/v1alpha1\n"
#define V2 "apiVersion: policy.networking.k8s.io/v1alpha2\n"

#define MAX_LOSSES 6

typedef struct {
  const char *name;
  const char *input;
  gboolean    to_v1alpha1;
  const char *expected;            /* the result, flow style allowed */
  const char *losses[MAX_LOSSES];  /* "W|I path", in order */
} Case;

static const Case cases[] = {
  { "anp to cnp", V1
    "kind: AdminNetworkPolicy\n"
    "metadata:\n"
    "  name: tenant\n"
    "  labels: {team: platform}\n"
    "  annotations: {why: audit}\n"
    "  resourceVersion: \"42\"\n"
    "  uid: 0b4c\n"
    "spec:\n"
    "  priority: 20\n"
    "  subject: {namespaces: {matchLabels: {tenant: blue}}}\n"
    "  ingress:\n"
    "  - name: mon\n"
    "    action: Allow\n"
    "    from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]\n"
    "    ports:\n"
    "    - portNumber: {port: 9090}\n"
    "    - portNumber: {protocol: UDP, port: 53}\n"
    "    - portRange: {protocol: SCTP, start: 5000, end: 5000}\n"
    "    - portRange: {start: 6000, end: 6100}\n"
    "    - namedPort: metrics\n"
    "  - {name: same, action: Pass, from: [{pods: {namespaceSelector: {}, podSelector: {}}}]}\n"
    "  egress:\n"
    "  - {name: imds, action: Deny, to: [{networks: [169.254.169.254/32]}]}\n"
    "status: {conditions: []}\n",
    FALSE, V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: tenant, labels: {team: platform}, annotations: {why: audit}}\n"
    "spec:\n"
    "  tier: Admin\n"
    "  priority: 20\n"
    "  subject: {namespaces: {matchLabels: {tenant: blue}}}\n"
    "  ingress:\n"
    "  - name: mon\n"
    "    action: Accept\n"
    "    from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]\n"
    "    protocols:\n"
    "    - tcp: {destinationPort: {number: 9090}}\n"
    "    - udp: {destinationPort: {number: 53}}\n"
    "    - sctp: {destinationPort: {number: 5000}}\n"
    "    - tcp: {destinationPort: {range: {start: 6000, end: 6100}}}\n"
    "    - destinationNamedPort: metrics\n"
    "  - {name: same, action: Pass, from: [{pods: {namespaceSelector: {}, podSelector: {}}}]}\n"
    "  egress:\n"
    "  - {name: imds, action: Deny, to: [{networks: [169.254.169.254/32]}]}\n",
    { NULL } },

  { "banp to cnp", V1
    "kind: BaselineAdminNetworkPolicy\n"
    "metadata: {name: default}\n"
    "spec:\n"
    "  subject: {pods: {namespaceSelector: {}, podSelector: {}}}\n"
    "  egress:\n"
    "  - {action: Allow, to: [{namespaces: {}}], ports: [{portNumber: {protocol: UDP, port: 53}}]}\n"
    "  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}\n",
    FALSE, V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: default}\n"
    "spec:\n"
    "  tier: Baseline\n"
    "  priority: 10\n"
    "  subject: {pods: {namespaceSelector: {}, podSelector: {}}}\n"
    "  egress:\n"
    "  - {action: Accept, to: [{namespaces: {}}], protocols: [{udp: {destinationPort: {number: 53}}}]}\n"
    "  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}\n",
    { "I spec", NULL } },

  { "unknown fields kept", V1
    "kind: AdminNetworkPolicy\n"
    "metadata: {name: x, finalizers: [keep]}\n"
    "spec:\n"
    "  priority: 1\n"
    "  subject: {namespaces: {}}\n"
    "  extension: {a: 1}\n"
    "  ingress:\n"
    "  - {action: Deny, vendorField: true, from: [{namespaces: {}, vendorPeer: 1}]}\n",
    FALSE, V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: x, finalizers: [keep]}\n"
    "spec:\n"
    "  tier: Admin\n"
    "  priority: 1\n"
    "  subject: {namespaces: {}}\n"
    "  extension: {a: 1}\n"
    "  ingress:\n"
    "  - {action: Deny, vendorField: true, from: [{namespaces: {}, vendorPeer: 1}]}\n",
    { NULL } },

  { "ports that cannot be said", V1
    "kind: AdminNetworkPolicy\n"
    "metadata: {name: x}\n"
    "spec:\n"
    "  priority: 1\n"
    "  subject: {namespaces: {}}\n"
    "  ingress:\n"
    "  - {action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {protocol: ICMP, port: 1}}]}\n"
    "  - {action: Allow, from: [{namespaces: {}}],\n"
    "     ports: [{portNumber: {protocol: ICMP, port: 1}}, {portRange: {start: 9, end: 3}}, {portNumber: {port: 80}}]}\n",
    FALSE, V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: x}\n"
    "spec:\n"
    "  tier: Admin\n"
    "  priority: 1\n"
    "  subject: {namespaces: {}}\n"
    "  ingress:\n"
    "  - {action: Accept, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}\n",
    { "W spec.ingress[0].ports[0]", "W spec.ingress[0]", "W spec.ingress[1].ports[0]",
      "W spec.ingress[1].ports[1]", NULL } },

  { "cnp admin to anp", V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: admin, labels: {a: b}}\n"
    "spec:\n"
    "  tier: Admin\n"
    "  priority: 7\n"
    "  subject: {pods: {podSelector: {matchLabels: {app: db}}}}\n"
    "  ingress:\n"
    "  - name: web\n"
    "    action: Accept\n"
    "    from: [{pods: {podSelector: {}}}]\n"
    "    protocols:\n"
    "    - tcp: {destinationPort: {number: 5432}}\n"
    "    - udp: {destinationPort: {range: {start: 1, end: 65535}}}\n"
    "    - destinationNamedPort: pg\n"
    "  egress:\n"
    "  - {action: Pass, to: [{domainNames: [\"*.example.com\"]}]}\n",
    TRUE, V1
    "kind: AdminNetworkPolicy\n"
    "metadata: {name: admin, labels: {a: b}}\n"
    "spec:\n"
    "  priority: 7\n"
    "  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}\n"
    "  ingress:\n"
    "  - name: web\n"
    "    action: Allow\n"
    "    from: [{pods: {namespaceSelector: {}, podSelector: {}}}]\n"
    "    ports:\n"
    "    - portNumber: {protocol: TCP, port: 5432}\n"
    "    - portRange: {protocol: UDP, start: 1, end: 65535}\n"
    "    - namedPort: pg\n"
    "  egress:\n"
    "  - {action: Pass, to: [{domainNames: [\"*.example.com\"]}]}\n",
    { NULL } },

  { "cnp baseline to banp", V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: cluster-baseline}\n"
    "spec:\n"
    "  tier: Baseline\n"
    "  priority: 3\n"
    "  subject: {namespaces: {}}\n"
    "  egress:\n"
    "  - {action: Pass, to: [{namespaces: {}}]}\n"
    "  - {action: Accept, to: [{domainNames: [example.com]}, {networks: [10.0.0.0/8]}]}\n"
    "  - {action: Accept, to: [{domainNames: [example.org]}]}\n"
    "  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}\n",
    TRUE, V1
    "kind: BaselineAdminNetworkPolicy\n"
    "metadata: {name: default}\n"
    "spec:\n"
    "  subject: {namespaces: {}}\n"
    "  egress:\n"
    "  - {action: Allow, to: [{namespaces: {}}]}\n"
    "  - {action: Allow, to: [{networks: [10.0.0.0/8]}]}\n"
    "  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}\n",
    { "W metadata.name", "I spec.egress[0]", "W spec.egress[1].to[0]", "W spec.egress[2].to[0]",
      "W spec.egress[2]", NULL } },

  { "already the target", V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: c}\n"
    "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}}\n",
    FALSE, V2
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: c}\n"
    "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}}\n",
    { NULL } },
};

static NpNode *
parse (const char *yaml)
{
  NpNode *node = np_yaml_parse_one (yaml, strlen (yaml), NULL);

  g_assert_nonnull (node);
  return node;
}

static char *
loss_key (NpDiagnostic *d)
{
  return g_strdup_printf ("%c %s", np_diagnostic_get_severity (d) == NP_SEVERITY_INFO ? 'I' : 'W',
                          np_diagnostic_get_path (d));
}

static void
check_clean (const char *name, NpClusterPolicy *policy)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);

  np_cluster_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    if (np_diagnostic_get_severity (g_ptr_array_index (diagnostics, i)) == NP_SEVERITY_ERROR)
      {
        np_test_case_failed (name, diagnostics, "the result has errors");
        return;
      }
}

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(NpNode) root = parse (c->input);
      g_autoptr(NpNode) expected = parse (c->expected);
      g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new_from_node (root);
      g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpClusterPolicy) result = NULL;
      guint n_expected = 0;

      g_assert_nonnull (policy);
      result = c->to_v1alpha1 ? np_convert_cluster_to_v1alpha1 (policy, NULL, losses)
                              : np_convert_cluster_to_v1alpha2 (policy, losses);
      g_assert_nonnull (result);
      if (!np_node_equal (np_cluster_policy_get_node (result), expected))
        {
          g_autofree char *got = np_yaml_write (np_cluster_policy_get_node (result), 0, NULL);

          np_test_case_failed (c->name, NULL, "got\n%s", got);
        }
      /* Unknown fields are kept, and the validator still says so. */
      if (strstr (c->name, "unknown") == NULL)
        check_clean (c->name, result);

      while (n_expected < MAX_LOSSES && c->losses[n_expected] != NULL)
        n_expected++;
      if (losses->len != n_expected)
        np_test_case_failed (c->name, losses, "%u losses, expected %u", losses->len, n_expected);
      for (guint j = 0; j < MIN (losses->len, n_expected); j++)
        {
          NpDiagnostic *d = g_ptr_array_index (losses, j);
          g_autofree char *key = loss_key (d);

          if (!g_str_equal (key, c->losses[j]))
            np_test_case_failed (c->name, losses, "loss %u is “%s”, expected “%s”", j, key, c->losses[j]);
          /* Every loss points into the source. */
          if (np_diagnostic_get_line (d) == 0)
            np_test_case_failed (c->name, losses, "loss %u has no position", j);
        }
    }
}

/* 30 peers and 30 ports in one rule: 2 × 2 rules in a row; 30 rules of
 * a direction: the last ones go, and say so. */
static void
test_split (void)
{
  g_autoptr(GString) yaml = g_string_new (V1 "kind: AdminNetworkPolicy\nmetadata: {name: big}\n"
                                          "spec:\n  priority: 1\n  subject: {namespaces: {}}\n  ingress:\n"
                                          "  - action: Deny\n    from:\n");
  g_autoptr(NpNode) root = NULL;
  g_autoptr(NpClusterPolicy) policy = NULL;
  g_autoptr(NpClusterPolicy) result = NULL;
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  NpNode *rules;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (yaml, "    - namespaces: {matchLabels: {n: \"%u\"}}\n", i);
  g_string_append (yaml, "    ports:\n");
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (yaml, "    - portNumber: {port: %u}\n", 1000 + i);
  for (guint i = 0; i < 24; i++)
    g_string_append_printf (yaml, "  - {action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {port: %u}}]}\n",
                            i + 1);

  root = parse (yaml->str);
  policy = np_cluster_policy_new_from_node (root);
  result = np_convert_cluster_to_v1alpha2 (policy, losses);
  rules = np_node_lookup (np_node_lookup (np_cluster_policy_get_node (result), "spec"), "ingress");
  g_assert_cmpuint (np_node_get_n_items (rules), ==, 25);
  /* The four parts of the first rule: peers 0–24 × ports 0–24, 0–24 ×
   * 25–29, 25–29 × 0–24, 25–29 × 25–29. */
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (rules, 0), "from")), ==, 25);
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (rules, 0), "protocols")), ==, 25);
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (rules, 1), "protocols")), ==, 5);
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (rules, 2), "from")), ==, 5);
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (rules, 3), "from")), ==, 5);
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (rules, 3), "protocols")), ==, 5);
  g_assert_cmpstr (np_node_get_text (np_node_lookup (np_node_get_item (rules, 3), "action")), ==, "Deny");
  g_assert_cmpstr (np_node_get_text (np_node_lookup (np_node_get_item (rules, 4), "action")), ==, "Accept");
  check_clean ("split", result);

  /* A note for the split, a loss for the 3 rules (1 split into 4, + 24)
   * beyond 25. */
  g_assert_cmpuint (losses->len, ==, 2);
  g_assert_cmpint (np_diagnostic_get_severity (g_ptr_array_index (losses, 0)), ==, NP_SEVERITY_INFO);
  g_assert_cmpint (np_diagnostic_get_severity (g_ptr_array_index (losses, 1)), ==, NP_SEVERITY_WARNING);
  g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (losses, 1)), ==, "conversion-loss");
  g_assert_nonnull (strstr (np_diagnostic_get_message (g_ptr_array_index (losses, 1)), "last 3 rules"));
}

/* Several baselines: the first becomes the BANP, the next ones are losses. */
static void
test_two_baselines (void)
{
  static const char yaml[] = V2 "kind: ClusterNetworkPolicy\nmetadata: {name: default}\n"
                             "spec: {tier: Baseline, priority: 1, subject: {namespaces: {}}}\n";
  g_autoptr(NpNode) root = parse (yaml);
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new_from_node (root);
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpClusterPolicy) first = NULL;
  g_autoptr(NpClusterPolicy) second = NULL;
  guint n_baselines = 0;

  first = np_convert_cluster_to_v1alpha1 (policy, &n_baselines, losses);
  g_assert_cmpuint (losses->len, ==, 0);
  g_assert_cmpint (np_cluster_policy_get_kind (first), ==, NP_CLUSTER_POLICY_BANP);
  second = np_convert_cluster_to_v1alpha1 (policy, &n_baselines, losses);
  g_assert_cmpint (np_cluster_policy_get_kind (second), ==, NP_CLUSTER_POLICY_BANP);
  g_assert_cmpuint (n_baselines, ==, 2);
  g_assert_cmpuint (losses->len, ==, 1);
  g_assert_cmpstr (np_diagnostic_get_path (g_ptr_array_index (losses, 0)), ==, "spec.tier");
  g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (losses, 0)), ==, "conversion-loss");
}

/* There and back: the same policy, ports spelled as v1alpha2 left them. */
static void
test_round_trip (void)
{
  static const char yaml[] = V1
    "kind: AdminNetworkPolicy\n"
    "metadata: {name: rt, annotations: {a: b}}\n"
    "spec:\n"
    "  priority: 30\n"
    "  subject: {pods: {namespaceSelector: {matchLabels: {x: y}}, podSelector: {}}}\n"
    "  ingress:\n"
    "  - {name: r1, action: Allow, from: [{namespaces: {}}],\n"
    "     ports: [{portNumber: {protocol: TCP, port: 80}}, {portRange: {protocol: UDP, start: 1, end: 9}}]}\n"
    "  - {name: r2, action: Pass, from: [{pods: {namespaceSelector: {}, podSelector: {}}}]}\n"
    "  egress:\n"
    "  - {name: r3, action: Deny, to: [{networks: [10.0.0.0/8]}, {nodes: {}}], ports: [{namedPort: http}]}\n";
  g_autoptr(NpNode) root = parse (yaml);
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new_from_node (root);
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpClusterPolicy) there = np_convert_cluster_to_v1alpha2 (policy, losses);
  g_autoptr(NpClusterPolicy) back = np_convert_cluster_to_v1alpha1 (there, NULL, losses);

  g_assert_cmpuint (losses->len, ==, 0);
  g_assert_true (np_node_equal (np_cluster_policy_get_node (back), root));
}

int
main (int argc, char *argv[])
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/convert-cluster/cases", test_cases);
  g_test_add_func ("/convert-cluster/split", test_split);
  g_test_add_func ("/convert-cluster/two-baselines", test_two_baselines);
  g_test_add_func ("/convert-cluster/round-trip", test_round_trip);
  return g_test_run ();
}
