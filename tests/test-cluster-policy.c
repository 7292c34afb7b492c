/* test-cluster-policy.c: AdminNetworkPolicy, BaselineAdminNetworkPolicy and
 * ClusterNetworkPolicy (cluster-policies.md §2): the model's view of the
 * tree, every schema constraint and CEL rule valid and invalid with exact
 * positions, channels, the priority check across policies, and `fmt`
 * leaving the three kinds as they were
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cluster-policy.h"
#include "np-diagnostic.h"
#include "np-document.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-yaml.h"
#include "np-test-util.h"

/* Each head ends with `spec:` on line 5: a case's spec starts on line 6. */
#define ANP \
  "apiVersion: policy.networking.k8s.io/v1alpha1\n" /* 1 */ \
  "kind: AdminNetworkPolicy\n"                      /* 2 */ \
  "metadata:\n"                                     /* 3 */ \
  "  name: a\n"                                     /* 4 */ \
  "spec:\n"                                         /* 5 */
#define BANP \
  "apiVersion: policy.networking.k8s.io/v1alpha1\n" \
  "kind: BaselineAdminNetworkPolicy\n" \
  "metadata:\n" \
  "  name: default\n" \
  "spec:\n"
#define CNP \
  "apiVersion: policy.networking.k8s.io/v1alpha2\n" \
  "kind: ClusterNetworkPolicy\n" \
  "metadata:\n" \
  "  name: c\n" \
  "spec:\n"
/* Lines 6–8 of a valid ANP spec before the rules (line 10 on). */
#define ANP_OK ANP "  priority: 5\n  subject:\n    namespaces: {}\n"
#define CNP_OK CNP "  tier: Admin\n  priority: 5\n  subject:\n    namespaces: {}\n"  /* rules from line 11 */
#define BANP_OK BANP "  subject:\n    namespaces: {}\n"                             /* rules from line 9 */

typedef struct {
  const char *name;
  const char *yaml;
  /* Every finding, in order: "E|W code LINE:COL" joined by ", "; "" for none. */
  const char *expected;
} Case;

static const Case cases[] = {
  /* Valid, one of each kind, every field set once. */
  { "anp-valid", ANP_OK
    "  ingress:\n"
    "  - name: from-monitoring\n"
    "    action: Pass\n"
    "    from:\n"
    "    - namespaces: {matchLabels: {team: mon}}\n"
    "    - pods: {namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: In, values: [x]}]}}\n"
    "    ports:\n"
    "    - portNumber: {protocol: UDP, port: 53}\n"
    "    - portRange: {start: 8000, end: 9000}\n"
    "  egress:\n"
    "  - action: Deny\n"
    "    to:\n"
    "    - networks: [169.254.169.254/32, fd00::/8]\n", "" },
  { "banp-valid", BANP_OK
    "  egress:\n"
    "  - action: Allow\n"
    "    to:\n"
    "    - pods: {namespaceSelector: {}, podSelector: {}}\n"
    "    - networks: [10.0.0.0/8]\n", "" },
  { "cnp-valid", CNP_OK
    "  egress:\n"
    "  - action: Accept\n"
    "    to:\n"
    "    - pods: {podSelector: {}}\n"
    "    protocols:\n"
    "    - tcp: {destinationPort: {number: 443}}\n"
    "    - udp: {destinationPort: {range: {start: 1, end: 65535}}}\n"
    "    - destinationNamedPort: dns\n", "" },
  /* Top level and metadata. */
  { "api-version", "apiVersion: policy.networking.k8s.io/v1\nkind: AdminNetworkPolicy\nmetadata:\n  name: a\n"
    "spec:\n  priority: 1\n  subject: {namespaces: {}}\n", "E invalid-api-version 1:13" },
  { "cnp-v1alpha1", "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: ClusterNetworkPolicy\nmetadata:\n  name: c\n"
    "spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n", "E invalid-api-version 1:13" },
  { "namespace", ANP_OK "  ingress: []\n" "status: {}\nmetadata2: 1\n", "E unknown-field 11:1" },
  { "no-spec", "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: a\n"
    "  namespace: x\n", "E required 1:1, W cluster-scoped 5:3" },
  { "bad-name", "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: A_b\n"
    "spec:\n  priority: 1\n  subject: {namespaces: {}}\n", "E invalid-name 4:9" },
  { "spec-type", ANP "  - 1\n", "E wrong-type 6:3" },
  { "wrong-types", ANP "  priority: 1\n  subject: {pods: 4}\n  ingress: 5\n"
    "  egress: [{action: Deny, to: [{networks: 5}], ports: [3]}]\n",
    "E wrong-type 7:19, E wrong-type 8:12, E wrong-type 9:43, E wrong-type 9:56" },
  { "banp-no-name", "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n"
    "metadata: {}\nspec: {subject: {namespaces: {}}}\n", "E required 3:11" },
  /* BANP: the CEL name rule, no priority, no Pass, no domainNames. */
  { "banp-name", "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n"
    "  name: other\nspec:\n  subject: {namespaces: {}}\n", "E banp-name 4:9" },
  { "banp-priority", BANP_OK "  priority: 3\n", "E unknown-field 8:3" },
  { "banp-pass", BANP_OK "  ingress:\n  - action: Pass\n    from: [{namespaces: {}}]\n", "E invalid-action 9:13" },
  { "banp-domain", BANP_OK "  egress:\n  - action: Allow\n    to: [{domainNames: [a.com]}]\n",
    "E one-of 10:10, E unknown-field 10:11" },
  /* priority and tier */
  { "priority-missing", ANP "  subject: {namespaces: {}}\n", "E required 6:3" },
  { "priority-range", ANP "  priority: 1001\n  subject: {namespaces: {}}\n", "E out-of-range 6:13" },
  { "priority-negative", CNP "  tier: Admin\n  priority: -1\n  subject: {namespaces: {}}\n", "E out-of-range 7:13" },
  { "priority-string", ANP "  priority: \"5\"\n  subject: {namespaces: {}}\n", "E wrong-type 6:13" },
  { "priority-bounds", ANP "  priority: 0\n  subject: {namespaces: {}}\n", "" },
  { "tier-missing", CNP "  priority: 1\n  subject: {namespaces: {}}\n", "E required 6:3" },
  { "tier-enum", CNP "  tier: admin\n  priority: 1\n  subject: {namespaces: {}}\n", "E invalid-tier 6:9" },
  /* subject: one of, pods needs both selectors in v1alpha1 only */
  { "subject-missing", ANP "  priority: 1\n", "E required 6:3" },
  { "subject-empty", ANP "  priority: 1\n  subject: {}\n", "E one-of 7:12" },
  { "subject-both", ANP "  priority: 1\n  subject:\n    namespaces: {}\n    pods: {namespaceSelector: {}, podSelector: {}}\n",
    "E one-of 9:5" },
  { "subject-pods-v1", ANP "  priority: 1\n  subject:\n    pods: {podSelector: {}}\n", "E required 8:11" },
  { "subject-pods-v2", CNP "  tier: Baseline\n  priority: 1\n  subject:\n    pods: {podSelector: {}}\n", "" },
  { "subject-pods-v2-pod", CNP "  tier: Baseline\n  priority: 1\n  subject:\n    pods: {namespaceSelector: {}}\n",
    "E required 9:11" },
  { "subject-selector", ANP "  priority: 1\n  subject:\n    namespaces: {matchLabels: {\"-x\": y}}\n",
    "E invalid-label-key 8:32" },
  /* rules */
  { "action-missing", ANP_OK "  ingress:\n  - from: [{namespaces: {}}]\n", "E required 10:5" },
  { "action-enum", ANP_OK "  ingress:\n  - action: Accept\n    from: [{namespaces: {}}]\n", "E invalid-action 10:13" },
  { "action-cnp", CNP_OK "  ingress:\n  - action: Allow\n    from: [{namespaces: {}}]\n", "E invalid-action 11:13" },
  { "rule-name-long", ANP_OK "  ingress:\n  - name: "
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
    "    action: Deny\n    from: [{namespaces: {}}]\n", "E too-long 10:11" },
  { "from-missing", ANP_OK "  ingress:\n  - action: Deny\n", "E required 10:5" },
  { "from-empty", ANP_OK "  ingress:\n  - action: Deny\n    from: []\n", "E too-few-items 11:11" },
  { "rule-unknown", ANP_OK "  egress:\n  - action: Deny\n    from: [{namespaces: {}}]\n",
    "E required 10:5, E unknown-field 11:5" },
  { "ingress-networks", ANP_OK "  ingress:\n  - action: Deny\n    from: [{networks: [10.0.0.0/8]}]\n",
    "E one-of 11:12, E unknown-field 11:13" },
  { "peer-both", ANP_OK "  ingress:\n  - action: Deny\n    from:\n    - namespaces: {}\n      pods: {namespaceSelector: {}, podSelector: {}}\n",
    "E one-of 13:7" },
  { "peer-pods-v1", ANP_OK "  ingress:\n  - action: Deny\n    from:\n    - pods: {podSelector: {}}\n", "E required 12:13" },
  /* networks: CIDR CEL rule, length, set, count */
  { "cidr-bad", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/33, 10.0.0.1, \"fd00::/129\", 1.2.3.4/8]\n",
    "E invalid-cidr 12:18, E invalid-cidr 12:31, E invalid-cidr 12:41" },
  { "cidr-duplicate", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/8, 10.0.0.0/8]\n",
    "E duplicate 12:30" },
  { "cidr-empty", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - networks: []\n", "E too-few-items 12:17" },
  { "cidr-long", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - networks: [\"0000:0000:0000:0000:0000:0000:0000:00000/128\"]\n",
    "E too-long 12:18" },
  { "cidr-43", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - networks: [\"0000:0000:0000:0000:0000:0000:0000:0000/128\"]\n", "" },
  /* nodes and domainNames: experimental */
  { "nodes", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - nodes: {matchLabels: {role: cp}}\n",
    "W experimental-field 12:7" },
  { "domains", ANP_OK "  egress:\n  - action: Allow\n    to:\n    - domainNames: [\"*.example.com\", kubernetes.io., bad, \"*.x\"]\n",
    "W experimental-field 12:7, E invalid-domain-name 12:54, E invalid-domain-name 12:59" },
  { "domains-cnp", CNP_OK "  egress:\n  - action: Accept\n    to:\n    - domainNames: [a.b]\n",
    "W experimental-field 13:7" },
  /* v1alpha1 ports */
  { "port-range", ANP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    ports:\n"
    "    - portNumber: {port: 0}\n    - portNumber: {protocol: TCP}\n    - portRange: {start: 90, end: 80}\n"
    "    - portRange: {start: 1, end: 70000}\n",
    "E out-of-range 13:26, E required 14:19, W port-range 15:18, E out-of-range 16:34" },
  { "port-one-of", ANP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    ports:\n"
    "    - {}\n    - portNumber: {port: 80}\n      namedPort: http\n",
    "E one-of 13:7, E one-of 15:7" },
  { "port-protocol", ANP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    ports:\n"
    "    - portNumber: {protocol: ICMP, port: 1}\n", "W unknown-protocol 13:30" },
  { "named-port", ANP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    ports:\n    - namedPort: http\n",
    "W experimental-field 13:7" },
  /* the egress CEL rule on named ports */
  { "named-port-networks", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/8]\n"
    "    ports:\n    - namedPort: http\n", "E named-port-peer 10:5, W experimental-field 14:7" },
  { "named-port-pods", ANP_OK "  egress:\n  - action: Deny\n    to:\n    - pods: {namespaceSelector: {}, podSelector: {}}\n"
    "    ports:\n    - namedPort: http\n", "W experimental-field 14:7" },
  { "named-port-banp", BANP_OK "  egress:\n  - action: Deny\n    to:\n    - nodes: {}\n"
    "    ports:\n    - namedPort: http\n", "E named-port-peer 9:5, W experimental-field 11:7, W experimental-field 13:7" },
  { "named-port-cnp-networks", CNP_OK "  egress:\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/8]\n"
    "    protocols:\n    - destinationNamedPort: http\n", "W named-port-peer 11:5" },
  { "named-port-cnp-nodes", CNP_OK "  egress:\n  - action: Deny\n    to:\n    - nodes: {}\n"
    "    protocols:\n    - destinationNamedPort: http\n", "E named-port-peer 11:5, W experimental-field 13:7" },
  /* v1alpha2 protocols and the range CEL rule */
  { "protocols", CNP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    protocols:\n"
    "    - tcp: {}\n    - udp: {destinationPort: {number: 0}}\n    - sctp: {destinationPort: {number: 1, range: {start: 1, end: 2}}}\n"
    "    - tcp: {destinationPort: {range: {start: 80, end: 80}}}\n    - icmp: {}\n    - udp: {port: 1, destinationPort: {number: 5}}\n",
    "E required 14:12, E out-of-range 15:39, E one-of 16:43, E port-range 17:38, E unknown-field 18:7, E one-of 18:7, "
    "E unknown-field 19:13" },
  { "ports-in-cnp", CNP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    ports:\n    - portNumber: {port: 1}\n",
    "E unknown-field 13:5" },
  /* limits: v1alpha2 allows 25 peers, v1alpha1 100 */
  { "cnp-26-peers", CNP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}, {namespaces: {}}, {namespaces: {}}, "
    "{namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, "
    "{namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, "
    "{namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, "
    "{namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}, {namespaces: {}}]\n",
    "E too-many-items 12:11" },
};

static char *
describe (GPtrArray *diagnostics)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_string_append_printf (out, "%s%c %s %u:%u", i ? ", " : "",
                              np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR ? 'E' : 'W',
                              np_diagnostic_get_code (d), np_diagnostic_get_line (d), np_diagnostic_get_column (d));
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
validate_text (const char *yaml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  GPtrArray *diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_policies = 0;

  g_assert_true (np_manifest_validate_bytes (bytes, "t.yaml", NP_VALIDATE_DEFAULT, diagnostics, &n_policies, &error));
  g_assert_no_error (error);
  return diagnostics;
}

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) diagnostics = validate_text (cases[i].yaml);
      g_autofree char *got = describe (diagnostics);

      if (!g_str_equal (got, cases[i].expected))
        np_test_fail_listing (cases[i].name, diagnostics, "expected “%s”, got “%s”", cases[i].expected, got);
    }
}

/* The CEL messages are the API server's, word for word. */
static void
test_cel_messages (void)
{
  g_autoptr(GPtrArray) banp = validate_text ("apiVersion: policy.networking.k8s.io/v1alpha1\n"
                                             "kind: BaselineAdminNetworkPolicy\nmetadata:\n  name: x\n"
                                             "spec:\n  subject: {namespaces: {}}\n"
                                             "  egress:\n  - action: Deny\n    to: [{networks: [1.2.3.4/99]}]\n"
                                             "    ports: [{namedPort: dns}]\n");
  g_autoptr(GPtrArray) cnp = validate_text (CNP_OK "  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n"
                                            "    protocols: [{tcp: {destinationPort: {range: {start: 2, end: 1}}}}]\n");
  g_autoptr(GPtrArray) anp = validate_text (ANP_OK "  egress:\n  - action: Deny\n    to: [{domainNames: [a.b]}]\n"
                                            "    ports: [{namedPort: dns}]\n");

  g_assert_cmpuint (banp->len, ==, 4);
  g_assert_cmpstr (np_diagnostic_get_message (g_ptr_array_index (banp, 0)), ==,
                   "Only one baseline admin network policy with metadata.name=\"default\" can be created in the cluster");
  g_assert_true (g_str_has_prefix (np_diagnostic_get_message (g_ptr_array_index (banp, 1)),
                                   "networks/nodes peer cannot be set with namedPorts since there are no namedPorts for "
                                   "networks/nodes "));
  g_assert_cmpstr (np_diagnostic_get_message (g_ptr_array_index (banp, 2)), ==, "Invalid CIDR format provided");
  g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (banp, 3)), ==, "experimental-field");
  g_assert_cmpuint (cnp->len, ==, 1);
  g_assert_cmpstr (np_diagnostic_get_message (g_ptr_array_index (cnp, 0)), ==, "Start port must be less than End port");
  g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (anp, 0)), ==, "named-port-peer");
  g_assert_true (g_str_has_prefix (np_diagnostic_get_message (g_ptr_array_index (anp, 0)),
                                   "networks/nodes/domainNames peer cannot be set with namedPorts since there are no "
                                   "namedPorts for networks/nodes/domainNames "));
  /* A channel finding names the channel. */
  g_assert_nonnull (strstr (np_diagnostic_get_message (g_ptr_array_index (anp, 1)), "experimental channel"));
}

/* Equal priorities of AdminNetworkPolicies whose subjects may overlap:
 * a warning on the later one; disjoint subjects, other priorities, or an
 * ANP beside an Admin-tier CNP: nothing. */
static void
test_equal_priority (void)
{
  g_autoptr(GPtrArray) same = validate_text (ANP_OK "---\n" ANP_OK "---\n" CNP_OK);
  g_autoptr(GPtrArray) disjoint = validate_text (ANP "  priority: 5\n  subject:\n    namespaces: {matchLabels: {t: a}}\n"
                                                 "---\n"
                                                 ANP "  priority: 5\n  subject:\n    pods:\n"
                                                 "      namespaceSelector: {matchLabels: {t: b}}\n      podSelector: {}\n");
  g_autoptr(GPtrArray) other = validate_text (ANP_OK "---\n" ANP "  priority: 6\n  subject: {namespaces: {}}\n");
  g_autoptr(GPtrArray) overlap = validate_text (ANP "  priority: 5\n  subject:\n    namespaces: {matchLabels: {t: a}}\n"
                                                "---\n"
                                                ANP "  priority: 5\n  subject:\n    namespaces: {matchLabels: {u: a}}\n");
  g_autofree char *got = describe (same);

  g_assert_cmpstr (got, ==, "W equal-priority 15:13");
  g_assert_cmpint (np_diagnostic_get_document (g_ptr_array_index (same, 0)), ==, 1);
  g_assert_cmpuint (disjoint->len, ==, 0);
  g_assert_cmpuint (other->len, ==, 0);
  g_assert_cmpuint (overlap->len, ==, 1);
}

/* A loaded manifest (as the editor holds one) gives the same findings as
 * the streamed check: per document and across them. */
static void
test_manifest (void)
{
  static const char text[] = ANP_OK "---\n" ANP "  priority: 5\n  subject: {namespaces: {}}\n  ingress: [{action: Allow}]\n";
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) streamed = validate_text (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL, *got_streamed = NULL;

  g_assert_true (np_manifest_load_bytes (manifest, bytes, "t.yaml", &error));
  g_assert_no_error (error);
  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, found);
  got = describe (found);
  got_streamed = describe (streamed);
  g_assert_cmpstr (got, ==, "W equal-priority 15:13, E required 17:13");
  g_assert_cmpstr (got, ==, got_streamed);
  g_assert_cmpstr (np_diagnostic_get_file (g_ptr_array_index (found, 0)), ==, "t.yaml");
  /* and counts the same policies (a fuzz finding: the loaded count left
   * the cluster-scoped ones out) */
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
    guint n_streamed = 0;

    g_assert_true (np_manifest_validate_bytes (bytes, "t.yaml", NP_VALIDATE_DEFAULT, again, &n_streamed, NULL));
    g_assert_cmpuint (n_streamed, ==, 2);
    g_assert_cmpuint (np_manifest_count_policies (manifest), ==, n_streamed);
  }
}

/* A List's cluster-scoped items are checked too, under items[N]. */
static void
test_list_items (void)
{
  g_autoptr(GPtrArray) found = validate_text ("apiVersion: v1\n"
                                              "kind: List\n"
                                              "items:\n"
                                              "- apiVersion: v1\n"
                                              "  kind: ConfigMap\n"
                                              "- apiVersion: policy.networking.k8s.io/v1alpha1\n"
                                              "  kind: AdminNetworkPolicy\n"
                                              "  metadata: {name: a}\n"
                                              "  spec: {priority: -3, subject: {namespaces: {}}}\n");
  g_autofree char *got = describe (found);

  g_assert_cmpstr (got, ==, "E out-of-range 9:20");
  g_assert_cmpstr (np_diagnostic_get_path (g_ptr_array_index (found, 0)), ==, "items[1].spec.priority");
}

/* The model: kind, name, priority, tier, subject, rules in order. */
static void
test_model (void)
{
  static const char yaml[] =
    CNP "  tier: Baseline\n  priority: 7\n  subject:\n    pods:\n      podSelector: {matchLabels: {a: b}}\n"
    "  egress:\n  - name: first\n    action: Pass\n    to: [{networks: [10.0.0.0/8]}]\n"
    "    protocols: [{tcp: {destinationPort: {number: 1}}}]\n"
    "  - 3\n"
    "  - action: Deny\n    to: [{namespaces: {}}]\n"
    "  future: {}\n";
  g_autoptr(NpNode) root = np_yaml_parse_one (yaml, strlen (yaml), NULL);
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new_from_node (root);
  g_autoptr(NpNode) other = np_yaml_parse_one ("apiVersion: example.com/v1\nkind: ClusterNetworkPolicy\n", 48, NULL);
  const NpNode *ns, *pods;
  const NpClusterRule *rule;
  gint64 priority = 0;

  g_assert_nonnull (policy);
  g_assert_null (np_cluster_policy_new_from_node (other));
  g_assert_true (np_cluster_policy_get_node (policy) == root);
  g_assert_cmpint (np_cluster_policy_get_kind (policy), ==, NP_CLUSTER_POLICY_CNP);
  g_assert_cmpstr (np_cluster_policy_get_name (policy), ==, "c");
  g_assert_cmpstr (np_cluster_policy_get_tier (policy), ==, "Baseline");
  g_assert_true (np_cluster_policy_get_priority (policy, &priority));
  g_assert_cmpint (priority, ==, 7);
  g_assert_cmpint (np_cluster_policy_get_subject (policy, &ns, &pods), ==, NP_CLUSTER_SUBJECT_PODS);
  g_assert_null (ns);
  g_assert_true (np_node_has_key (np_node_lookup (pods, "matchLabels"), "a"));
  g_assert_cmpuint (np_cluster_policy_get_n_rules (policy, NP_CLUSTER_INGRESS), ==, 0);
  g_assert_cmpuint (np_cluster_policy_get_n_rules (policy, NP_CLUSTER_EGRESS), ==, 3);
  rule = np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 0);
  g_assert_cmpstr (rule->name, ==, "first");
  g_assert_cmpstr (rule->action, ==, "Pass");
  g_assert_cmpint (np_cluster_rule_get_action (rule, NP_CLUSTER_POLICY_CNP), ==, NP_CLUSTER_ACTION_PASS);
  /* The baseline of v1alpha1 has no Pass, and v1alpha1 says Allow. */
  g_assert_cmpint (np_cluster_rule_get_action (rule, NP_CLUSTER_POLICY_BANP), ==, NP_CLUSTER_ACTION_NONE);
  g_assert_cmpuint (np_node_get_n_items (rule->peers), ==, 1);
  g_assert_cmpuint (np_node_get_n_items (rule->ports), ==, 1);
  rule = np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 1);
  g_assert_null (rule->node);
  g_assert_null (rule->action);
  rule = np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 2);
  g_assert_null (rule->name);
  g_assert_cmpstr (rule->action, ==, "Deny");
  g_assert_cmpint (np_cluster_rule_get_action (rule, NP_CLUSTER_POLICY_ANP), ==, NP_CLUSTER_ACTION_DENY);
  g_assert_null (rule->ports);

  /* ANP and BANP map to their tiers; a BANP has no priority. */
  {
    g_autoptr(NpNode) banp_root = np_yaml_parse_one (BANP_OK, strlen (BANP_OK), NULL);
    g_autoptr(NpClusterPolicy) banp = np_cluster_policy_new_from_node (banp_root);
    g_autoptr(NpNode) anp_root = np_yaml_parse_one (ANP_OK, strlen (ANP_OK), NULL);
    g_autoptr(NpClusterPolicy) anp = np_cluster_policy_new_from_node (anp_root);

    g_assert_cmpint (np_cluster_policy_get_kind (banp), ==, NP_CLUSTER_POLICY_BANP);
    g_assert_cmpstr (np_cluster_policy_get_tier (banp), ==, "Baseline");
    g_assert_false (np_cluster_policy_get_priority (banp, &priority));
    g_assert_cmpstr (np_cluster_policy_get_tier (anp), ==, "Admin");
    g_assert_cmpint (np_cluster_policy_get_subject (anp, &ns, &pods), ==, NP_CLUSTER_SUBJECT_NAMESPACES);
    g_assert_nonnull (ns);
    g_assert_null (pods);
  }
}

/* `netpol fmt` (np_manifest_format_bytes) writes the three kinds, in
 * canonical form already, back byte for byte, unknown fields and the
 * order of keys below the top included; loading and saving untouched
 * keeps even flow style and comments. */
static void
test_round_trip (void)
{
  static const char canonical[] =
    "apiVersion: policy.networking.k8s.io/v1alpha1\n"
    "kind: AdminNetworkPolicy\n"
    "metadata:\n"
    "  name: tenant\n"
    "spec:\n"
    "  priority: 10\n"
    "  subject:\n"
    "    pods:\n"
    "      podSelector:\n"
    "        matchLabels:\n"
    "          app: web\n"
    "      namespaceSelector: {}\n"
    "  egress:\n"
    "  - to:\n"
    "    - networks:\n"
    "      - 10.0.0.0/8\n"
    "    ports:\n"
    "    - portRange:\n"
    "        end: 90\n"
    "        start: 80\n"
    "    action: Deny\n"
    "    name: block\n"
    "  future: 1\n"
    "status:\n"
    "  conditions: []\n"
    "---\n"
    BANP_OK
    "  ingress:\n"
    "  - action: Deny\n"
    "    from:\n"
    "    - pods:\n"
    "        podSelector: {}\n"
    "        namespaceSelector: {}\n"
    "---\n"
    CNP_OK
    "  egress:\n"
    "  - name: dns\n"
    "    action: Accept\n"
    "    to:\n"
    "    - namespaces: {}\n"
    "    protocols:\n"
    "    - udp:\n"
    "        destinationPort:\n"
    "          number: 53\n";
  static const char flow[] =
    "# tenant isolation\n"
    ANP "  {priority: 3, subject: {namespaces: {}}, ingress: [{action: Pass, from: [{namespaces: {}}]}]}  # kept\n";
  g_autoptr(GBytes) in = g_bytes_new_static (canonical, strlen (canonical));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = np_manifest_format_bytes (in, "t.yaml", NP_FORMAT_YAML, &error);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) flow_in = g_bytes_new_static (flow, strlen (flow));
  g_autoptr(GBytes) saved = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), canonical, strlen (canonical));

  g_assert_true (np_manifest_load_bytes (manifest, flow_in, "t.yaml", &error));
  g_assert_no_error (error);
  saved = np_manifest_to_bytes (manifest);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), flow, strlen (flow));
}

/* Port entries: a missing or empty protocol is TCP, the case of a named one
 * does not matter, and an unknown one is refused. */
static void
test_port_protocol (void)
{
  NpProtocol protocol = NP_PROTOCOL_SCTP;

  g_assert_true (np_cluster_port_protocol_parse (NULL, &protocol));
  g_assert_cmpint (protocol, ==, NP_PROTOCOL_TCP);
  protocol = NP_PROTOCOL_SCTP;
  g_assert_true (np_cluster_port_protocol_parse ("", &protocol));
  g_assert_cmpint (protocol, ==, NP_PROTOCOL_TCP);
  g_assert_true (np_cluster_port_protocol_parse ("udp", &protocol));
  g_assert_cmpint (protocol, ==, NP_PROTOCOL_UDP);
  g_assert_true (np_cluster_port_protocol_parse ("Sctp", &protocol));
  g_assert_cmpint (protocol, ==, NP_PROTOCOL_SCTP);
  g_assert_false (np_cluster_port_protocol_parse ("ICMP", &protocol));
  g_assert_false (np_cluster_port_protocol_parse (" tcp", &protocol));
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);
  g_test_add_func ("/cluster-policy/table", test_table);
  g_test_add_func ("/cluster-policy/cel-messages", test_cel_messages);
  g_test_add_func ("/cluster-policy/equal-priority", test_equal_priority);
  g_test_add_func ("/cluster-policy/manifest", test_manifest);
  g_test_add_func ("/cluster-policy/list-items", test_list_items);
  g_test_add_func ("/cluster-policy/model", test_model);
  g_test_add_func ("/cluster-policy/round-trip", test_round_trip);
  g_test_add_func ("/cluster-policy/port-protocol", test_port_protocol);
  return g_test_run ();
}
