/* test-cluster-eval.c: AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy in the evaluator
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected results were worked out by hand from
 * shared/docs/cluster-policies.md (§3.1, §4, §4.1 and the ten edge cases
 * of §5); the inputs under tests/data/cluster are this project's own.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-cluster-policy.h"
#include "np-conndiff.h"
#include "np-connlist-explain.h"
#include "np-connlist.h"
#include "np-connlist-private.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-test-util.h"
#include "np-traffic.h"

/* Three pods: a/x (ports http 8080/TCP, dns 53/UDP), a/w, b/z; namespace a
 * is labelled zone=inner. Addresses from status. */
static const char base[] =
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {zone: inner}}\n---\n"
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: a, labels: {app: x}}\n"
  "spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}, "
  "{name: dns, containerPort: 53, protocol: UDP}]}]}\nstatus: {podIP: 10.0.0.10}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: w, namespace: a, labels: {app: w}}\n"
  "spec: {containers: [{name: c}]}\nstatus: {podIP: 10.0.0.11}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: z, namespace: b, labels: {app: z}}\n"
  "spec: {containers: [{name: c}]}\nstatus: {podIP: 10.0.1.10}\n---\n";

#define ANP(name, priority, subject) \
  "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n" \
  "metadata: {name: " name "}\nspec:\n  priority: " priority "\n  subject: " subject "\n"
#define BANP(subject) \
  "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n" \
  "metadata: {name: default}\nspec:\n  subject: " subject "\n"
#define CNP(name, tier, priority, subject) \
  "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\n" \
  "metadata: {name: " name "}\nspec:\n  tier: " tier "\n  priority: " priority "\n  subject: " subject "\n"
#define NP(ns, name, body) \
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: " name ", namespace: " ns "}\n" \
  "spec:\n" body
#define SEP "---\n"

#define SUBJECT_X   "{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: x}}}}"
#define SUBJECT_Z   "{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: z}}}}"
#define SUBJECT_ALL "{namespaces: {}}"
#define FROM_Z      "[{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: z}}}}]"
#define FROM_ALL    "[{namespaces: {}}]"

static NpEvaluator *
evaluator_of (const char *policies, NpEvalFlags flags)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autofree char *text = g_strconcat (base, policies, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, flags);
}

static NpEvaluator *
evaluator_of_dir (const char *name, NpEvalFlags flags)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autofree char *dir = g_build_filename (g_getenv ("NP_TEST_SRCDIR"), "data", "cluster", name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_path (inventory, dir, &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, flags);
}

static void
endpoint (NpEvaluator *evaluator, const char *name, NpEndpoint *end)
{
  int w;

  if (np_endpoint_init_address (end, name))
    return;
  w = np_inventory_find_workload (np_evaluator_get_inventory (evaluator), name);
  g_assert_cmpint (w, >=, 0);
  np_endpoint_init_workload (end, w);
}

/* What @evaluator allows from @from to @to, as the list prints it. */
static char *
conns (NpEvaluator *evaluator, const char *from, const char *to)
{
  g_autoptr(NpConnSet) set = NULL;
  NpEndpoint source, destination;

  endpoint (evaluator, from, &source);
  endpoint (evaluator, to, &destination);
  set = np_evaluator_allowed (evaluator, &source, &destination);
  return np_conn_set_is_empty (set) ? g_strdup ("No Connections") : np_conn_set_to_string (set);
}

#define assert_conns(ev, from, to, expected) \
  G_STMT_START { g_autofree char *got_ = conns ((ev), (from), (to)); \
                 g_assert_cmpstr (got_, ==, (expected)); } G_STMT_END

static char *
connlist_text (NpEvaluator *evaluator)
{
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, NULL);

  return np_connlist_to_string (list, NP_CONNLIST_TEXT);
}

/* §4.1 ------------------------------------------------------------------- */

static void
test_worked_example (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of_dir ("anp-pass-np", NP_EVAL_FLAGS_NONE);
  g_autofree char *text = connlist_text (evaluator);

  g_assert_null (np_evaluator_get_cluster_error (evaluator));
  g_assert_cmpstr (text, ==,
                   "0.0.0.0-255.255.255.255[External] => ns2/pod1[Deployment] : All Connections\n"
                   "ns2/pod1[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
                   "ns2/pod1[Deployment] => ns1/pod1[Deployment] : TCP 80,UDP 80\n");
  g_assert_cmpuint (np_inventory_get_n_cluster_policies (np_evaluator_get_inventory (evaluator)), ==, 1);
}

/* The ten edge cases of §5 ------------------------------------------------ */

/* 1: Allow then Deny of the same peer in one policy: the first wins. */
static void
test_edge_first_rule_wins (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("first", "5", SUBJECT_X)
    "  ingress:\n  - {name: allow-z, action: Allow, from: " FROM_Z "}\n"
    "  - {name: deny-z, action: Deny, from: " FROM_Z "}\n", NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "b/z", "a/x", "All Connections");
}

/* Selectors are matched once per way of writing them: two that differ by a
 * label's key alone, or a value alone, select apart; one written both as
 * matchLabels and as matchExpressions selects alike. */
static void
test_selectors_written_alike (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("by-app", "5", SUBJECT_X) "  ingress:\n  - {name: d, action: Deny, from: " FROM_Z "}\n" SEP
    ANP ("by-role", "6", "{pods: {namespaceSelector: {}, podSelector: {matchLabels: {role: x}}}}")
    "  ingress:\n  - {name: d, action: Deny, from: " FROM_ALL "}\n" SEP
    ANP ("by-value", "7", "{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: y}}}}")
    "  ingress:\n  - {name: d, action: Deny, from: " FROM_ALL "}\n" SEP
    ANP ("by-expression", "8",
         "{pods: {namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: In, values: [w]}]}}}")
    "  ingress:\n  - {name: d, action: Deny, from: " FROM_Z "}\n" SEP
    ANP ("by-labels", "9", "{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: w}}}}")
    "  ingress:\n  - {name: d, action: Deny, from: [{namespaces: {matchLabels: {zone: inner}}}]}\n",
    NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "b/z", "a/x", "No Connections");
  assert_conns (evaluator, "a/w", "a/x", "All Connections");
  assert_conns (evaluator, "b/z", "a/w", "No Connections");
  assert_conns (evaluator, "a/x", "a/w", "No Connections");
  assert_conns (evaluator, "a/x", "b/z", "All Connections");
}

/* 2: Pass at 40 comes before a Deny at 50; the baseline allows. */
static void
test_edge_pass_before_deny (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("pass40", "40", SUBJECT_X) "  ingress:\n  - {name: p, action: Pass, from: " FROM_Z "}\n" SEP
    ANP ("deny50", "50", SUBJECT_X) "  ingress:\n  - {name: d, action: Deny, from: " FROM_Z "}\n" SEP
    BANP (SUBJECT_X) "  ingress:\n  - {name: a, action: Allow, from: " FROM_Z "}\n", NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "b/z", "a/x", "All Connections");
  g_assert_null (np_evaluator_get_cluster_error (evaluator));
}

/* 3: two AdminNetworkPolicies of one priority: netpol-analyzer's fatal
 * error; the evaluator still answers (input order). */
static void
test_edge_equal_priority (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("one", "7", SUBJECT_X) "  ingress:\n  - {name: d, action: Deny, from: " FROM_Z "}\n" SEP
    ANP ("two", "7", SUBJECT_X) "  ingress:\n  - {name: a, action: Allow, from: " FROM_Z "}\n", NP_EVAL_FLAGS_NONE);

  g_autoptr(NpVerdict) verdict = NULL;

  g_assert_cmpstr (np_evaluator_get_cluster_error (evaluator), ==,
                   "Admin Network Policies: one and two have same priority;Two policies are considered to be "
                   "conflicting if they are assigned the same priority.");
  assert_conns (evaluator, "b/z", "a/x", "No Connections");
  /* The Test traffic page says so in a note. */
  verdict = np_traffic_decide (evaluator, "b/z", "a/x", NP_PROTOCOL_TCP, 80, NULL);
  g_assert_cmpuint (verdict->notes->len, ==, 1);
  g_assert_nonnull (strstr (verdict->notes->pdata[0], "one and two have same priority"));
}

/* 4: Pass, and the NetworkPolicy that isolates the destination does not
 * allow the port. */
static void
test_edge_pass_np_denies (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("pass", "1", SUBJECT_X) "  ingress:\n  - {name: p, action: Pass, from: " FROM_Z "}\n" SEP
    NP ("a", "web", "  podSelector: {matchLabels: {app: x}}\n  ingress:\n  - ports: [{port: 8080}]\n"),
    NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "b/z", "a/x", "TCP 8080");
}

/* 5: Pass with no NetworkPolicy: the baseline denies what it matches. */
static void
test_edge_pass_to_baseline (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("pass", "1", SUBJECT_ALL) "  ingress:\n  - {name: p, action: Pass, from: " FROM_ALL "}\n" SEP
    BANP ("{namespaces: {matchLabels: {zone: inner}}}")
    "  ingress:\n  - {name: d, action: Deny, from: " FROM_Z "}\n", NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "b/z", "a/x", "No Connections");
  assert_conns (evaluator, "a/w", "a/x", "All Connections");
  assert_conns (evaluator, "a/x", "b/z", "All Connections");
}

/* 6: ingress rules only: the subject's egress is not touched. */
static void
test_edge_one_direction (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("closed", "1", SUBJECT_X) "  ingress:\n  - {name: d, action: Deny, from: " FROM_ALL "}\n",
    NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "a/x", "b/z", "All Connections");
  assert_conns (evaluator, "b/z", "a/x", "No Connections");
  assert_conns (evaluator, "a/x", "a/x", "All Connections");
}

/* 7: an egress Deny of 0.0.0.0/0: netpol-analyzer lets pods through, the
 * upstream reading (NP_EVAL_NETWORKS_MATCH_PODS) does not. */
static void
test_edge_networks_and_pods (void)
{
  const char *policies = ANP ("outside", "1", SUBJECT_X)
                         "  egress:\n  - {name: d, action: Deny, to: [{networks: [0.0.0.0/0]}]}\n";
  g_autoptr(NpEvaluator) nga = evaluator_of (policies, NP_EVAL_FLAGS_NONE);
  g_autoptr(NpEvaluator) upstream = evaluator_of (policies, NP_EVAL_NETWORKS_MATCH_PODS);

  assert_conns (nga, "a/x", "b/z", "All Connections");
  assert_conns (nga, "a/x", "192.0.2.1", "No Connections");
  assert_conns (upstream, "a/x", "b/z", "No Connections");
  assert_conns (upstream, "a/x", "192.0.2.1", "No Connections");
}

/* 8: an address is no namespace: the baseline Deny from every namespace
 * leaves it allowed. */
static void
test_edge_external_baseline (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    BANP (SUBJECT_ALL) "  ingress:\n  - {name: d, action: Deny, from: " FROM_ALL "}\n", NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "192.0.2.1", "a/x", "All Connections");
  assert_conns (evaluator, "b/z", "a/x", "No Connections");
}

/* 9: an egress Allow leaves the destination's ingress in force. */
static void
test_edge_egress_allow_ingress_np (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    CNP ("out", "Admin", "3", SUBJECT_Z)
    "  egress:\n  - {name: a, action: Accept, to: [{pods: {podSelector: {}}}]}\n" SEP
    NP ("a", "deny-in", "  podSelector: {}\n  policyTypes: [Ingress]\n"), NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "b/z", "a/x", "No Connections");
}

/* 10: a named port the destination does not have matches nothing (with
 * netpol-analyzer's warning); with a networks peer too. */
static void
test_edge_named_ports (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("named", "2", SUBJECT_Z)
    "  egress:\n  - name: deny-named\n    action: Deny\n"
    "    to: [{namespaces: {}}, {networks: [192.0.2.0/24]}]\n"
    "    ports: [{namedPort: http}, {namedPort: dns}]\n", NP_EVAL_FLAGS_NONE);
  g_autofree char *warnings = NULL;

  /* a/x has both: TCP 8080 and UDP 53 are denied. */
  assert_conns (evaluator, "b/z", "a/x", "SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-52,54-65535");
  /* a/w has neither. */
  assert_conns (evaluator, "b/z", "a/w", "All Connections");
  /* An address has no named port. */
  assert_conns (evaluator, "b/z", "192.0.2.7", "All Connections");
  warnings = np_test_join_lines (np_evaluator_get_warnings (evaluator));
  g_assert_cmpstr (warnings, ==,
                   "admin network policy \"named\": in rule \"deny-named\": port name:  \"http\" has no match in the "
                   "configuration of the destination peer \"a/w\"\n"
                   "admin network policy \"named\": in rule \"deny-named\": port name:  \"dns\" has no match in the "
                   "configuration of the destination peer \"a/w\"\n"
                   "admin network policy \"named\": in rule \"deny-named\": named port is not defined for IP "
                   "addresses; skipped\n");
}

/* Precedence and ports ----------------------------------------------------- */

/* ANP before NetworkPolicy before baseline; priorities ascend. */
static void
test_precedence (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("late-allow", "20", SUBJECT_X) "  ingress:\n  - {name: a, action: Allow, from: " FROM_ALL "}\n" SEP
    ANP ("early-deny", "10", SUBJECT_X)
    "  ingress:\n  - name: d\n    action: Deny\n    from: " FROM_Z "\n"
    "    ports: [{portRange: {protocol: tcp, start: 8000, end: 8100}}]\n" SEP
    NP ("a", "x-closed", "  podSelector: {matchLabels: {app: x}}\n  policyTypes: [Ingress]\n") SEP
    NP ("a", "w-open", "  podSelector: {matchLabels: {app: w}}\n  ingress:\n  - {}\n") SEP
    BANP (SUBJECT_ALL) "  ingress:\n  - {name: d, action: Deny, from: " FROM_ALL "}\n", NP_EVAL_FLAGS_NONE);

  /* The early Deny takes 8000-8100 (protocol written in lower case); the
   * late Allow the rest, whatever the NetworkPolicy isolating x says. */
  assert_conns (evaluator, "b/z", "a/x", "SCTP 1-65535,TCP 1-7999,8101-65535,UDP 1-65535");
  assert_conns (evaluator, "a/w", "a/x", "All Connections");
  /* w: the NetworkPolicy allows; the baseline is not asked. */
  assert_conns (evaluator, "b/z", "a/w", "All Connections");
  /* z: no NetworkPolicy; the baseline denies. */
  assert_conns (evaluator, "a/x", "b/z", "No Connections");
}

/* Pass chains: the first policy by priority decides, a Pass included. */
static void
test_pass_chain (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("pass-udp", "1", SUBJECT_X)
    "  ingress:\n  - {name: p, action: Pass, from: " FROM_Z ", ports: [{portNumber: {protocol: UDP, port: 53}}]}\n" SEP
    ANP ("deny-all", "2", SUBJECT_X) "  ingress:\n  - {name: d, action: Deny, from: " FROM_Z "}\n" SEP
    NP ("a", "dns", "  podSelector: {}\n  ingress:\n  - ports: [{protocol: UDP, port: 53}, {port: 8080}]\n"),
    NP_EVAL_FLAGS_NONE);

  /* UDP 53 passes to the NetworkPolicy, which allows it; TCP 8080 is
   * denied before. */
  assert_conns (evaluator, "b/z", "a/x", "UDP 53");
  assert_conns (evaluator, "a/w", "a/x", "TCP 8080,UDP 53");
}

/* A ClusterNetworkPolicy: Admin and Baseline tiers, a baseline Pass. */
static void
test_cluster_network_policy (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    CNP ("admin", "Admin", "5", SUBJECT_X)
    "  ingress:\n  - {name: a, action: Accept, from: " FROM_Z ", protocols: [{tcp: {destinationPort: {number: 8080}}}]}\n"
    SEP CNP ("base", "Baseline", "5", SUBJECT_ALL)
    "  ingress:\n  - {name: p, action: Pass, from: [{namespaces: {matchLabels: {zone: inner}}}]}\n"
    "  - {name: d, action: Deny, from: " FROM_ALL ", protocols: [{udp: {destinationPort: {range: {start: 50, end: 60}}}}]}\n",
    NP_EVAL_FLAGS_NONE);

  assert_conns (evaluator, "b/z", "a/x", "SCTP 1-65535,TCP 1-65535,UDP 1-49,61-65535");
  assert_conns (evaluator, "a/w", "a/x", "All Connections");
  /* netpol-analyzer reads no ClusterNetworkPolicy: none of its errors. */
  g_assert_null (np_evaluator_get_cluster_error (evaluator));
}

/* A ClusterNetworkPolicy's networks hold pod addresses too (upstream),
 * without NP_EVAL_NETWORKS_MATCH_PODS; domainNames get a note. */
static void
test_cluster_network_policy_networks (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    CNP ("fence", "Admin", "5", SUBJECT_X)
    "  egress:\n  - {name: d, action: Deny, to: [{networks: [10.0.1.0/24]}, {domainNames: [example.com]}]}\n",
    NP_EVAL_FLAGS_NONE);
  GPtrArray *notes = np_evaluator_get_notes (evaluator);

  assert_conns (evaluator, "a/x", "b/z", "No Connections");
  assert_conns (evaluator, "a/x", "a/w", "All Connections");
  assert_conns (evaluator, "a/x", "10.0.1.99", "No Connections");
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_nonnull (strstr (notes->pdata[0], "domainNames peers are not evaluated"));
  g_assert_cmpuint (np_evaluator_get_warnings (evaluator)->len, ==, 0);
}

/* Warnings: nodes peers and IPv6 networks are skipped, once per rule. */
static void
test_warnings (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of_dir ("networks", NP_EVAL_FLAGS_NONE);
  g_autofree char *text = connlist_text (evaluator);
  g_autofree char *warnings = np_test_join_lines (np_evaluator_get_warnings (evaluator));

  g_assert_cmpstr (warnings, ==,
                   "admin network policy \"egress-fence\": in rule \"inner-net\": IPv6 addresses are not supported\n"
                   "admin network policy \"egress-fence\": in rule \"inner-net\": Nodes field of an "
                   "AdminNetworkPolicyEgressPeer is not supported\n");
  /* The external space is cut at 10.1.0.0/16 and 0.0.0.0/0. */
  g_assert_cmpstr (text, ==,
                   "0.0.0.0-255.255.255.255[External] => team/api[Pod] : All Connections\n"
                   "0.0.0.0-255.255.255.255[External] => team/app[Pod] : All Connections\n"
                   "team/api[Pod] => 10.1.0.0-10.1.255.255[External] : All Connections\n"
                   "team/api[Pod] => team/app[Pod] : All Connections\n"
                   "team/app[Pod] => 0.0.0.0-10.0.255.255[External] : All Connections\n"
                   "team/app[Pod] => 10.1.0.0-10.1.255.255[External] : All Connections\n"
                   "team/app[Pod] => 10.2.0.0-255.255.255.255[External] : All Connections\n"
                   "team/app[Pod] => team/api[Pod] : All Connections\n");
}

/* No warning about a policy that selects no pod: netpol-analyzer never
 * reads its rules. */
static void
test_warnings_unselected (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("nobody", "1", "{namespaces: {matchLabels: {zone: nowhere}}}")
    "  egress:\n  - {name: r, action: Deny, to: [{nodes: {}}, {networks: [\"fd00::/8\"]}]}\n",
    NP_EVAL_FLAGS_NONE);

  g_assert_cmpuint (np_evaluator_get_warnings (evaluator)->len, ==, 0);
}

/* netpol-analyzer's fatal errors ------------------------------------------- */

static void
test_fatal_errors (void)
{
  static const struct {
    const char *policies;
    const char *error;
  } cases[] = {
    { ANP ("p", "1001", SUBJECT_X) "  ingress:\n  - {name: a, action: Allow, from: " FROM_Z "}\n",
      "Invalid Priority Value: 1001 in Admin Network Policy: \"p\"; Priority value must be between 0-1000" },
    { ANP ("p", "1", SUBJECT_X) SEP ANP ("p", "2", SUBJECT_X),
      "an AdminNetworkPolicy \"p\" is already exists. Only one object of a given kind can have a given name at a time." },
    { BANP (SUBJECT_X) SEP BANP (SUBJECT_X),
      "only one baseline admin network policy may be provided in input resources; one already exists" },
    { "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n"
      "metadata: {name: base}\nspec: {subject: {namespaces: {}}}\n",
      "only one baseline admin network policy with metadata.name=default can be created in the cluster" },
    { ANP ("p", "1", "{namespaces: {}, pods: {podSelector: {}, namespaceSelector: {}}}"),
      "admin network policy \"p\": exactly one field must be set in a subject" },
    { BANP ("{}"), "default baseline admin network policy: exactly one field must be set in a subject" },
    { ANP ("p", "1", SUBJECT_X) "  ingress:\n  - {name: r, action: Allow, from: []}\n",
      "admin network policy \"p\": in rule \"r\": from field must be defined and contain at least one item" },
    { ANP ("p", "1", SUBJECT_X) "  egress:\n  - {name: r, action: Allow}\n",
      "admin network policy \"p\": in rule \"r\": to field must be defined and contain at least one item" },
    { ANP ("p", "1", SUBJECT_X) "  egress:\n  - {name: r, action: Allow, to: [{namespaces: {}, networks: [10.0.0.0/8]}]}\n",
      "admin network policy \"p\": in rule \"r\": exactly one field must be set in a rule peer" },
    { ANP ("p", "1", SUBJECT_X) "  egress:\n  - {name: r, action: Allow, to: [{domainNames: [example.com]}]}\n",
      "admin network policy \"p\": in rule \"r\": exactly one field must be set in a rule peer" },
    { ANP ("p", "1", SUBJECT_X) "  ingress:\n  - {name: r, action: Accept, from: " FROM_Z "}\n",
      "admin network policy \"p\": in rule \"r\": unrecognized action" },
    { BANP (SUBJECT_X) "  ingress:\n  - {name: r, action: Pass, from: " FROM_Z "}\n",
      "default baseline admin network policy:  in rule \"r\": unrecognized action" },
    { ANP ("p", "1", SUBJECT_X) "  egress:\n  - {name: r, action: Deny, to: [{networks: [10.0.0.0/33]}]}\n",
      "admin network policy \"p\": in rule \"r\": invalid CIDR address" },
    { ANP ("p", "1", SUBJECT_X) "  ingress:\n  - {name: r, action: Deny, from: " FROM_Z ", ports: [{}]}\n",
      "admin network policy \"p\": in rule \"r\": exactly one field must be set in an AdminNetworkPolicyPort" },
    { ANP ("p", "1", SUBJECT_X)
      "  ingress:\n  - {name: r, action: Deny, from: " FROM_Z ", ports: [{portRange: {start: 90, end: 80}}]}\n",
      "admin network policy \"p\": in rule \"r\": port range 90-80 is legal; start and end values of the port range "
      "should be in {1-65535} and end may not be less than start" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpEvaluator) evaluator = evaluator_of (cases[i].policies, NP_EVAL_FLAGS_NONE);

      if (g_strcmp0 (np_evaluator_get_cluster_error (evaluator), cases[i].error) != 0)
        np_test_fail ("case %u: got “%s”, expected “%s”", i, np_evaluator_get_cluster_error (evaluator),
                      cases[i].error);
    }
}

/* The list decides classes of alike workloads once: with networks that
 * match pod addresses, two pods alike but for their address differ. */
static void
test_classes (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: z2, namespace: b, labels: {app: z}}\n"
    "spec: {containers: [{name: c}]}\nstatus: {podIP: 10.9.0.1}\n---\n"
    ANP ("fence", "1", SUBJECT_X) "  egress:\n  - {name: d, action: Deny, to: [{networks: [10.9.0.0/16]}]}\n",
    NP_EVAL_NETWORKS_MATCH_PODS);
  g_autoptr(NpConnlist) by_classes = np_connlist_compute_focused (evaluator, NULL);
  g_autoptr(NpConnlist) by_pairs = np_connlist_compute_pairwise (evaluator, NULL);
  g_autofree char *got = np_connlist_to_string (by_classes, NP_CONNLIST_TEXT);
  g_autofree char *expected = np_connlist_to_string (by_pairs, NP_CONNLIST_TEXT);

  g_assert_cmpstr (got, ==, expected);
  g_assert_null (strstr (got, "a/x[Pod] => b/z2[Pod]"));
  g_assert_nonnull (strstr (got, "a/x[Pod] => b/z[Pod] : All Connections\n"));
}

/* Fields of the wrong type, unknown tiers and actions, an unnamed
 * baseline, Lists of nothing: netpol-analyzer's error, and an evaluation
 * that neither crashes nor warns (G_DEBUG=fatal-warnings). */
static const char bad_input[] =
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: p, namespace: n, labels: {a: b}}\n"
  "spec: {containers: [{name: c, ports: [{name: web, containerPort: 80}]}]}\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: AdminNetworkPolicy\n"
  "metadata: {name: weird}\n"
  "spec:\n"
  "  priority: \"abc\"\n"
  "  subject: \"everything\"\n"
  "  ingress: \"none\"\n"
  "  egress:\n"
  "  - \"rule\"\n"
  "  - name: 5\n"
  "    action: [Allow]\n"
  "    to: {namespaces: {}}\n"
  "    ports: 7\n"
  "  - action: Deny\n"
  "    to: [null, 5, {networks: \"10.0.0.0/8\"}, {networks: [5, null, \"garbage\", \"10.0.0.0/8\"]}, {pods: \"x\"}]\n"
  "    ports: [null, {portNumber: null}, {portRange: {start: \"a\", end: 99999}}, {namedPort: 5}]\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha2\n"
  "kind: ClusterNetworkPolicy\n"
  "metadata: {name: c}\n"
  "spec:\n"
  "  tier: Middle\n"
  "  priority: -5\n"
  "  subject: {pods: {podSelector: {matchExpressions: [{key: a, operator: Bogus}]}}}\n"
  "  ingress:\n"
  "  - action: Accept\n"
  "    from: [{namespaces: {matchLabels: null}}]\n"
  "    protocols: [{tcp: {destinationPort: {range: {start: 9, end: 1}}}}, {destinationNamedPort: web}, \"x\"]\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: BaselineAdminNetworkPolicy\n"
  "metadata: {}\n"
  "spec: null\n"
  "---\n"
  "kind: AdminNetworkPolicyList\n"
  "apiVersion: v1\n"
  "items: [5, null, {kind: AdminNetworkPolicy}]\n";

static void
test_bad_input (void)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (bad_input, strlen (bad_input));
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(NpConnlist) list = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autofree char *explained = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "bad.yaml", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (np_inventory_get_n_cluster_policies (inventory), ==, 4);
  /* What a person is told was read counts them with the namespaced ones. */
  g_assert_cmpuint (np_inventory_count_all_policies (inventory), ==,
                    np_inventory_get_n_policies (inventory) + 4);
  evaluator = np_evaluator_new (inventory, NP_EVAL_NETWORKS_MATCH_PODS);
  g_assert_cmpstr (np_evaluator_get_cluster_error (evaluator), ==,
                   "only one baseline admin network policy with metadata.name=default can be created in the cluster");
  focus->keep_empty = TRUE;
  list = np_connlist_compute_focused (evaluator, focus);
  explained = np_connlist_explain (evaluator, list, NP_EXPLAIN_ONLY_ALL, TRUE);
  g_assert_nonnull (explained);
  verdict = np_traffic_decide (evaluator, "n/p", "10.0.0.1", NP_PROTOCOL_TCP, 80, NULL);
  g_assert_nonnull (verdict);
}

/* Inventory ------------------------------------------------------------------ */

/* Cluster policies are taken from Lists too; with none, nothing changes. */
static void
test_inventory (void)
{
  g_autoptr(NpEvaluator) listed = evaluator_of (
    "apiVersion: v1\nkind: List\nitems:\n"
    "- apiVersion: policy.networking.k8s.io/v1alpha1\n  kind: AdminNetworkPolicy\n"
    "  metadata: {name: in-list}\n  spec:\n    priority: 3\n    subject: " SUBJECT_X "\n"
    "    ingress:\n    - {name: d, action: Deny, from: " FROM_ALL "}\n", NP_EVAL_FLAGS_NONE);
  g_autoptr(NpEvaluator) plain = evaluator_of ("", NP_EVAL_FLAGS_NONE);
  NpInventory *inventory = np_evaluator_get_inventory (listed);
  const NpInventoryPolicy *entry;

  g_assert_cmpuint (np_inventory_get_n_cluster_policies (inventory), ==, 1);
  g_assert_cmpuint (np_inventory_get_n_policies (inventory), ==, 0);
  entry = np_inventory_get_cluster_policy (inventory, 0);
  g_assert_true (NP_IS_CLUSTER_POLICY (entry->policy));
  g_assert_cmpstr (entry->file, ==, "cluster.yaml");
  g_assert_cmpuint (entry->line, >, 20);
  assert_conns (listed, "b/z", "a/x", "No Connections");
  assert_conns (plain, "b/z", "a/x", "All Connections");
  g_assert_cmpuint (np_inventory_get_n_cluster_policies (np_evaluator_get_inventory (plain)), ==, 0);
}

/* Explain ------------------------------------------------------------------- */

#define RULE_LINE "----------------------------------------------------------------------------------------------------" \
                  "------------------------------------------------------------\n"

static void
test_explain (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of_dir ("tiers-demo", NP_EVAL_FLAGS_NONE);
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(NpConnlist) list = NULL;
  g_autofree char *text = NULL;

  focus->keep_empty = TRUE;
  list = np_connlist_compute_focused (evaluator, focus);
  text = np_connlist_explain (evaluator, list, NP_EXPLAIN_ONLY_ALL, FALSE);
  /* Pass, then the NetworkPolicy allows. */
  g_assert_nonnull (strstr (text, RULE_LINE
    "Connections between observer/probe[Pod] => shop/web[Pod]:\n\n"
    "Allowed connections:\n"
    "\tAllowed TCP, UDP, SCTP due to the following policies and rules:\n"
    "\t\tEgress (Allowed) due to the system default (Allow all)\n"
    "\t\tIngress (Allowed)\n"
    "\t\t\tAdminNetworkPolicy 'observer-inner-passes' passes connections by Ingress rule pass-observer\n"
    "\t\t\tNetworkPolicy 'shop/let-observer-in' allows connections by Ingress rule #1\n\n"));
  /* Pass, then the baseline denies. */
  g_assert_nonnull (strstr (text, RULE_LINE
    "Connections between observer/probe[Pod] => store/db[Pod]:\n\n"
    "Denied connections:\n"
    "\tDenied TCP, UDP, SCTP due to the following policies and rules:\n"
    "\t\tEgress (Allowed) due to the system default (Allow all)\n"
    "\t\tIngress (Denied)\n"
    "\t\t\tAdminNetworkPolicy 'observer-inner-passes' passes connections by Ingress rule pass-observer\n"
    "\t\t\tBaselineAdminNetworkPolicy 'default' denies connections by Ingress rule inner-closed\n\n"));
  /* Allowed by an AdminNetworkPolicy alone. */
  g_assert_nonnull (strstr (text, RULE_LINE
    "Connections between observer/probe[Pod] => lobby/guest[Pod]:\n\n"
    "Allowed connections:\n"
    "\tAllowed TCP, UDP, SCTP due to the following policies and rules:\n"
    "\t\tEgress (Allowed) due to the system default (Allow all)\n"
    "\t\tIngress (Allowed)\n"
    "\t\t\tAdminNetworkPolicy 'observer-everywhere' allows connections by Ingress rule from-observer\n\n"));
  /* An address is no namespace: the baseline leaves it to the default. */
  g_assert_nonnull (strstr (text, "# All Connections due to the system default (Allow all) #\n"));
  g_assert_nonnull (strstr (text, "\n0.0.0.0-255.255.255.255[External] => store/db[Pod]\n"));
}

/* §4.1 explained: port classes by the tier that decided them. */
static void
test_explain_worked_example (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of_dir ("anp-pass-np", NP_EVAL_FLAGS_NONE);
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(NpConnlist) list = NULL;
  g_autofree char *text = NULL;

  focus->keep_empty = TRUE;
  list = np_connlist_compute_focused (evaluator, focus);
  text = np_connlist_explain (evaluator, list, NP_EXPLAIN_ONLY_ALL, FALSE);
  g_assert_nonnull (strstr (text, RULE_LINE
    "Connections between ns2/pod1[Deployment] => ns1/pod1[Deployment]:\n\n"
    "Allowed connections:\n"
    "\tAllowed TCP:[80] due to the following policies and rules:\n"
    "\t\tEgress (Allowed) due to the system default (Allow all)\n"
    "\t\tIngress (Allowed)\n"
    "\t\t\tAdminNetworkPolicy 'pass-example-with-np' allows connections by Ingress rule allow-tcp-80\n\n"
    "\tAllowed UDP:[80] due to the following policies and rules:\n"
    "\t\tEgress (Allowed) due to the system default (Allow all)\n"
    "\t\tIngress (Allowed)\n"
    "\t\t\tAdminNetworkPolicy 'pass-example-with-np' passes connections by Ingress rule pass-the-rest\n"
    "\t\t\tNetworkPolicy 'ns1/ns1-isolated' allows connections by Ingress rule #1\n\n"
    "Denied connections:\n"
    "\tDenied TCP:[1-79,82-65535], UDP:[1-79,82-65535], SCTP due to the following policies and rules:\n"
    "\t\tEgress (Allowed) due to the system default (Allow all)\n"
    "\t\tIngress (Denied)\n"
    "\t\t\tNetworkPolicy 'ns1/ns1-isolated' selects ns1/pod1[Deployment], and Ingress rule #1 selects "
    "ns2/pod1[Deployment], but the protocols and ports do not match\n\n"
    "\tDenied TCP:[81], UDP:[81] due to the following policies and rules:\n"
    "\t\tEgress (Allowed) due to the system default (Allow all)\n"
    "\t\tIngress (Denied)\n"
    "\t\t\tAdminNetworkPolicy 'pass-example-with-np' passes connections by Ingress rule pass-the-rest\n"
    "\t\t\tNetworkPolicy 'ns1/ns1-isolated' selects ns1/pod1[Deployment], and Ingress rule #1 selects "
    "ns2/pod1[Deployment], but the protocols and ports do not match\n\n"));
}

/* The verdict names the tiers in order. */
static void
test_verdict (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of_dir ("anp-pass-np", NP_EVAL_FLAGS_NONE);
  g_autoptr(NpVerdict) udp = np_traffic_decide (evaluator, "ns2/pod1", "ns1/pod1", NP_PROTOCOL_UDP, 80, NULL);
  g_autoptr(NpVerdict) tcp = np_traffic_decide (evaluator, "ns2/pod1", "ns1/pod1", NP_PROTOCOL_TCP, 80, NULL);
  g_autoptr(NpVerdict) tcp81 = np_traffic_decide (evaluator, "ns2/pod1", "ns1/pod1", NP_PROTOCOL_TCP, 81, NULL);
  g_autofree char *text = np_traffic_describe_verdict (udp, NULL);
  const NpRuleRef *ref;

  g_assert_true (udp->allowed);
  g_assert_cmpstr (udp->ingress.tiers, ==,
                   "AdminNetworkPolicy 'pass-example-with-np' passes by Ingress rule pass-the-rest, "
                   "then NetworkPolicy 'ns1/ns1-isolated' allows");
  g_assert_nonnull (strstr (text, "  Decided by: AdminNetworkPolicy 'pass-example-with-np' passes"));
  g_assert_null (udp->egress.tiers);

  g_assert_true (tcp->allowed);
  g_assert_cmpstr (tcp->ingress.tiers, ==, "AdminNetworkPolicy 'pass-example-with-np' allows by Ingress rule allow-tcp-80");
  g_assert_cmpuint (tcp->ingress.rule_refs->len, ==, 1);
  ref = tcp->ingress.rule_refs->pdata[0];
  g_assert_true (NP_IS_CLUSTER_POLICY (ref->policy));
  g_assert_cmpint (ref->rule, ==, 0);
  g_assert_cmpuint (ref->line, ==, 14);

  g_assert_false (tcp81->allowed);
  g_assert_cmpstr (tcp81->ingress.tiers, ==,
                   "AdminNetworkPolicy 'pass-example-with-np' passes by Ingress rule pass-the-rest, "
                   "then NetworkPolicy 'ns1/ns1-isolated' denies");
}

/* When the Admin tier decides, the NetworkPolicy rules that would allow
 * are not listed. */
static void
test_verdict_admin_decides (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_of (
    ANP ("deny", "1", SUBJECT_X) "  ingress:\n  - {name: no-z, action: Deny, from: " FROM_Z "}\n" SEP
    NP ("a", "open", "  podSelector: {}\n  ingress:\n  - {}\n"), NP_EVAL_FLAGS_NONE);
  g_autoptr(NpVerdict) denied = np_traffic_decide (evaluator, "b/z", "a/x", NP_PROTOCOL_TCP, 80, NULL);
  g_autoptr(NpVerdict) allowed = np_traffic_decide (evaluator, "a/w", "a/x", NP_PROTOCOL_TCP, 80, NULL);

  g_assert_false (denied->allowed);
  g_assert_cmpuint (denied->ingress.rules->len, ==, 0);
  g_assert_cmpuint (denied->ingress.denials->len, ==, 1);
  g_assert_nonnull (strstr (denied->ingress.denials->pdata[0], "AdminNetworkPolicy 'deny', ingress rule 1 (no-z)"));
  g_assert_cmpstr (denied->ingress.tiers, ==, "AdminNetworkPolicy 'deny' denies by Ingress rule no-z");
  g_assert_null (denied->ingress.note);

  g_assert_true (allowed->allowed);
  g_assert_cmpuint (allowed->ingress.rules->len, ==, 1);
  g_assert_cmpstr (allowed->ingress.tiers, ==, "NetworkPolicy 'a/open' allows");
}

/* diff: the connections change when an AdminNetworkPolicy is added. */
static void
test_diff (void)
{
  const char *np = NP ("a", "only-8080", "  podSelector: {matchLabels: {app: x}}\n  ingress:\n  - ports: [{port: 8080}]\n");
  g_autofree char *with_anp = g_strconcat (np, SEP,
                                           ANP ("open-dns", "4", SUBJECT_X)
                                           "  ingress:\n  - {name: dns, action: Allow, from: " FROM_Z
                                           ", ports: [{portNumber: {protocol: UDP, port: 53}}]}\n", NULL);
  g_autoptr(NpEvaluator) old_evaluator = evaluator_of (np, NP_EVAL_FLAGS_NONE);
  g_autoptr(NpEvaluator) new_evaluator = evaluator_of (with_anp, NP_EVAL_FLAGS_NONE);
  g_autoptr(GPtrArray) diffs = np_conndiff_compute_evaluators (old_evaluator, new_evaluator);
  g_autofree char *text = np_conndiff_format (diffs, NP_CONNDIFF_TXT);

  g_assert_cmpstr (text, ==,
                   "Connectivity diff:\n"
                   "diff-type: changed, source: b/z[Pod], destination: a/x[Pod], dir1: TCP 8080, dir2: TCP 8080,UDP 53\n");
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  if (g_getenv ("NP_TEST_SRCDIR") == NULL)
    {
      g_printerr ("NP_TEST_SRCDIR is not set: run this test through meson test\n");
      return 77;
    }
  g_test_add_func ("/cluster-eval/worked-example", test_worked_example);
  g_test_add_func ("/cluster-eval/edge/1-first-rule-wins", test_edge_first_rule_wins);
  g_test_add_func ("/cluster-eval/edge/2-pass-before-deny", test_edge_pass_before_deny);
  g_test_add_func ("/cluster-eval/selectors-written-alike", test_selectors_written_alike);
  g_test_add_func ("/cluster-eval/edge/3-equal-priority", test_edge_equal_priority);
  g_test_add_func ("/cluster-eval/edge/4-pass-np-denies", test_edge_pass_np_denies);
  g_test_add_func ("/cluster-eval/edge/5-pass-to-baseline", test_edge_pass_to_baseline);
  g_test_add_func ("/cluster-eval/edge/6-one-direction", test_edge_one_direction);
  g_test_add_func ("/cluster-eval/edge/7-networks-and-pods", test_edge_networks_and_pods);
  g_test_add_func ("/cluster-eval/edge/8-external-baseline", test_edge_external_baseline);
  g_test_add_func ("/cluster-eval/edge/9-egress-allow-ingress-np", test_edge_egress_allow_ingress_np);
  g_test_add_func ("/cluster-eval/edge/10-named-ports", test_edge_named_ports);
  g_test_add_func ("/cluster-eval/precedence", test_precedence);
  g_test_add_func ("/cluster-eval/pass-chain", test_pass_chain);
  g_test_add_func ("/cluster-eval/cluster-network-policy", test_cluster_network_policy);
  g_test_add_func ("/cluster-eval/cluster-network-policy-networks", test_cluster_network_policy_networks);
  g_test_add_func ("/cluster-eval/warnings", test_warnings);
  g_test_add_func ("/cluster-eval/warnings-unselected", test_warnings_unselected);
  g_test_add_func ("/cluster-eval/fatal-errors", test_fatal_errors);
  g_test_add_func ("/cluster-eval/classes", test_classes);
  g_test_add_func ("/cluster-eval/inventory", test_inventory);
  g_test_add_func ("/cluster-eval/bad-input", test_bad_input);
  g_test_add_func ("/cluster-eval/explain", test_explain);
  g_test_add_func ("/cluster-eval/explain-worked-example", test_explain_worked_example);
  g_test_add_func ("/cluster-eval/verdict", test_verdict);
  g_test_add_func ("/cluster-eval/verdict-admin-decides", test_verdict_admin_decides);
  g_test_add_func ("/cluster-eval/diff", test_diff);
  return g_test_run ();
}
