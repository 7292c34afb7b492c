/* test-cilium-edit.c: user-level edits of Cilium policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-describe.h"
#include "np-cilium-edit.h"
#include "np-cilium-policy.h"
#include "np-cilium-rule.h"
#include "np-cilium-validator.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-history.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-yaml.h"

/* The ports typed as @text, kept until the test ends. (transfer none) */
static GPtrArray *
P (const char *text)
{
  static GPtrArray *kept;
  g_autoptr(GError) error = NULL;
  GPtrArray *ports = np_policy_port_parse_cilium (text, &error);

  g_assert_no_error (error);
  if (kept == NULL)
    kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (kept, ports);
  return ports;
}

static NpNode *
parse (const char *yaml)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  NpNode *root = np_yaml_parse_one (yaml, strlen (yaml), &diagnostic);

  if (root == NULL)
    g_error ("cannot parse: %s\n%s", diagnostic ? np_diagnostic_get_message (diagnostic) : "empty", yaml);
  return root;
}

static NpCiliumPolicy *
read_policy (const char *yaml)
{
  g_autoptr(NpNode) root = parse (yaml);
  NpCiliumPolicy *policy = np_cilium_policy_new_from_node (root, NULL);

  g_assert_nonnull (policy);
  return policy;
}

/* The policy's spec equals @spec_yaml, as data. */
static void
assert_spec (NpCiliumPolicy *policy, const char *spec_yaml)
{
  g_autoptr(NpNode) expected = parse (spec_yaml);
  NpNode *spec = np_node_lookup (np_cilium_policy_get_node (policy), "spec");

  if (spec == NULL || !np_node_equal (spec, expected))
    {
      g_autofree char *got = spec ? np_yaml_write (spec, 0, NULL) : g_strdup ("(none)");

      g_error ("spec differs; got:\n%s\nexpected:\n%s", got, spec_yaml);
    }
}

static void
assert_valid (NpCiliumPolicy *policy)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);

  np_cilium_policy_validate (policy, 0, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    if (np_diagnostic_get_severity (g_ptr_array_index (diagnostics, i)) == NP_SEVERITY_ERROR &&
        /* the fixture's unknown field, kept on purpose */
        g_strcmp0 (np_diagnostic_get_path (g_ptr_array_index (diagnostics, i)), "spec.future") != 0)
      g_error ("unexpected finding: %s", np_diagnostic_get_message (g_ptr_array_index (diagnostics, i)));
}

/* (transfer full) item @index of @section of the first rule */
static NpCiliumRuleEntry *
entry_at (NpCiliumPolicy *policy, NpCiliumSection section, guint index)
{
  NpCiliumRule *rule = np_cilium_edit_get_rule (policy);

  g_assert_nonnull (rule);
  g_assert_cmpuint (index, <, g_list_model_get_n_items (np_cilium_rule_get_entries (rule, section)));
  return g_list_model_get_item (np_cilium_rule_get_entries (rule, section), index);
}

static void
count_changed (gpointer policy, guint *count)
{
  (*count)++;
}

typedef struct {
  NpCiliumPolicy *policy;
  NpHistory      *history;
  guint           changes;
  NpNode         *before;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->policy = read_policy ("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"
                           "metadata: {name: web, namespace: prod}\n"
                           "spec:\n  endpointSelector: {matchLabels: {app: web}}\n"
                           "  future: kept\n");
  f->history = np_history_new ();
  np_history_watch_cilium_policy (f->history, f->policy);
  g_signal_connect (f->policy, "changed", G_CALLBACK (count_changed), &f->changes);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->before, np_node_unref);
  g_clear_object (&f->history);
  g_clear_object (&f->policy);
}

static void
begin (Fixture *f)
{
  g_clear_pointer (&f->before, np_node_unref);
  f->before = np_cilium_policy_to_node (f->policy, FALSE);
  f->changes = 0;
  np_history_seal (f->history);
}

/* The edit since begin() was one change, one undo step back to where it
 * started, and redo gives it back. */
static void
assert_one_step (Fixture *f)
{
  g_autoptr(NpNode) after = np_cilium_policy_to_node (f->policy, FALSE);

  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_true (np_history_undo (f->history) == (gpointer) f->policy);
  {
    g_autoptr(NpNode) now = np_cilium_policy_to_node (f->policy, FALSE);
    g_assert_true (np_node_equal (now, f->before));
  }
  g_assert_true (np_history_redo (f->history) == (gpointer) f->policy);
  {
    g_autoptr(NpNode) now = np_cilium_policy_to_node (f->policy, FALSE);
    g_assert_true (np_node_equal (now, after));
  }
}

static void
test_entity (Fixture *f, gconstpointer data)
{
  NpCiliumRuleEntry *entry;

  begin (f);
  entry = np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, "host", NULL);
  g_assert_nonnull (entry);
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "ingress: [{fromEntities: [host]}]\n");
  assert_one_step (f);
  assert_valid (f->policy);

  /* The views were made afresh by redo: find the item again. */
  {
    NpCiliumRule *rule = np_cilium_edit_get_rule (f->policy);
    g_autoptr(NpCiliumRuleEntry) again = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_INGRESS), 0);
    g_autofree char *text = np_cilium_describe_peers (again);
    g_autofree char *ports = np_cilium_describe_ports (again);

    g_assert_cmpstr (text, ==, "host");
    g_assert_cmpstr (ports, ==, "all ports");
    g_assert_cmpint (np_cilium_entry_get_group (f->policy, again), ==, NP_PEER_GROUP_OUTSIDE);

    begin (f);
    np_cilium_edit_remove_entry (again);
    assert_spec (f->policy, "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n");
    assert_one_step (f);
  }
}

static void
test_cidr (Fixture *f, gconstpointer data)
{
  const char *except[] = { "10.1.0.0/16", NULL };

  begin (f);
  np_cilium_edit_rule_add_cidr (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_EGRESS, "10.0.0.0/8", except, P ("5432/TCP"));
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "egress: [{toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}],"
               " toPorts: [{ports: [{port: '5432', protocol: TCP}]}]}]\n");
  assert_one_step (f);
  assert_valid (f->policy);

  begin (f);
  np_cilium_edit_rule_add_cidr (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS_DENY, "192.0.2.0/24", NULL, NULL);
  assert_one_step (f);
  {
    NpCiliumRule *rule = np_cilium_edit_get_rule (f->policy);
    g_autoptr(NpCiliumRuleEntry) set = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS), 0);
    g_autoptr(NpCiliumRuleEntry) deny = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_INGRESS_DENY), 0);
    g_autofree char *set_text = np_cilium_describe_peers (set);
    g_autofree char *set_ports = np_cilium_describe_ports (set);
    g_autofree char *deny_text = np_cilium_describe_peers (deny);

    g_assert_cmpstr (set_text, ==, "10.0.0.0/8 except 10.1.0.0/16");
    g_assert_cmpstr (set_ports, ==, "5432/TCP");
    g_assert_cmpstr (deny_text, ==, "192.0.2.0/24");
    /* the canvas colours the edges by these */
    g_assert_cmpint (np_cilium_entry_get_verdict (set), ==, NP_RULE_EFFECT_ALLOWED);
    g_assert_cmpint (np_cilium_entry_get_verdict (deny), ==, NP_RULE_EFFECT_DENIED);
  }
  assert_valid (f->policy);
}

static void
test_fqdn_and_ports (Fixture *f, gconstpointer data)
{
  NpCiliumRuleEntry *entry;

  begin (f);
  entry = np_cilium_edit_rule_add_fqdn (np_cilium_edit_ensure_rule (f->policy), "api.example.com", NULL, P ("443/TCP"));
  assert_one_step (f);

  begin (f);
  entry = np_cilium_edit_rule_add_fqdn (np_cilium_edit_ensure_rule (f->policy), NULL, "*.example.org", NULL);
  np_history_seal (f->history);
  f->changes = 0;
  g_clear_pointer (&f->before, np_node_unref);
  f->before = np_cilium_policy_to_node (f->policy, FALSE);
  np_cilium_edit_add_port (entry, "80", "TCP");
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "egress:\n"
               "- toFQDNs: [{matchName: api.example.com}]\n"
               "  toPorts: [{ports: [{port: '443', protocol: TCP}]}]\n"
               "- toFQDNs: [{matchPattern: '*.example.org'}]\n"
               "  toPorts: [{ports: [{port: '80', protocol: TCP}]}]\n");
  assert_one_step (f);

  {
    g_autoptr(NpCiliumRuleEntry) again = entry_at (f->policy, NP_CILIUM_EGRESS, 1);

    begin (f);
    np_cilium_edit_add_port (again, "8080", NULL);
    g_assert_cmpuint (f->changes, ==, 1);
  }
  {
    /* undo and redo make the views afresh */
    g_autoptr(NpCiliumRuleEntry) again = entry_at (f->policy, NP_CILIUM_EGRESS, 1);

    begin (f);
    np_cilium_edit_remove_port (again, 0);
    assert_one_step (f);
  }
  {
    g_autoptr(NpCiliumRuleEntry) third = entry_at (f->policy, NP_CILIUM_EGRESS, 1);
    g_autofree char *ports = np_cilium_describe_ports (third);

    g_assert_cmpstr (ports, ==, "8080/ANY");
  }
}

static void
test_endpoints (Fixture *f, gconstpointer data)
{
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=db", NULL);
  NpCiliumRuleEntry *entry;

  begin (f);
  entry = np_cilium_edit_rule_add_endpoints (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_EGRESS, selector, NULL, P ("5432/TCP"));
  g_assert_cmpint (np_cilium_entry_get_group (f->policy, entry), ==, NP_PEER_GROUP_NAMESPACE);
  assert_one_step (f);

  begin (f);
  entry = np_cilium_edit_rule_add_endpoints (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, selector, "monitoring", NULL);
  g_assert_cmpint (np_cilium_entry_get_group (f->policy, entry), ==, NP_PEER_GROUP_CLUSTER);
  assert_one_step (f);

  begin (f);
  entry = np_cilium_edit_rule_add_endpoints (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS_DENY, NULL, "*", NULL);
  g_assert_cmpint (np_cilium_entry_get_group (f->policy, entry), ==, NP_PEER_GROUP_CLUSTER);
  assert_one_step (f);

  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "egress: [{toEndpoints: [{matchLabels: {app: db}}], toPorts: [{ports: [{port: '5432', protocol: TCP}]}]}]\n"
               "ingress: [{fromEndpoints: [{matchLabels: {app: db, 'k8s:io.kubernetes.pod.namespace': monitoring}}]}]\n"
               "ingressDeny: [{fromEndpoints: [{matchExpressions: [{key: 'k8s:io.kubernetes.pod.namespace', operator: Exists}]}]}]\n");
  assert_valid (f->policy);
}

static void
test_dns (Fixture *f, gconstpointer data)
{
  gboolean proxy = TRUE;

  g_assert_false (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (f->policy), &proxy));
  g_assert_false (proxy);

  begin (f);
  np_cilium_edit_rule_set_dns (np_cilium_edit_ensure_rule (f->policy), TRUE, FALSE);
  assert_one_step (f);
  g_assert_true (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (f->policy), &proxy));
  g_assert_false (proxy);
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "egress:\n"
               "- toEndpoints: [{matchLabels: {'k8s:io.kubernetes.pod.namespace': kube-system, 'k8s:k8s-app': kube-dns}}]\n"
               "  toPorts: [{ports: [{port: '53', protocol: UDP}, {port: '53', protocol: TCP}]}]\n");

  /* Switching the proxy on replaces the item: still one change. */
  begin (f);
  np_cilium_edit_rule_set_dns (np_cilium_edit_ensure_rule (f->policy), TRUE, TRUE);
  assert_one_step (f);
  g_assert_true (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (f->policy), &proxy));
  g_assert_true (proxy);
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "egress:\n"
               "- toEndpoints: [{matchLabels: {'k8s:io.kubernetes.pod.namespace': kube-system, 'k8s:k8s-app': kube-dns}}]\n"
               "  toPorts:\n"
               "  - ports: [{port: '53', protocol: UDP}, {port: '53', protocol: TCP}]\n"
               "    rules: {dns: [{matchPattern: '*'}]}\n");
  assert_valid (f->policy);
  {
    NpCiliumRule *rule = np_cilium_edit_get_rule (f->policy);
    g_autoptr(NpCiliumRuleEntry) dns = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS), 0);
    g_autofree char *text = np_cilium_describe_peers (dns);
    g_autofree char *ports = np_cilium_describe_ports (dns);

    g_assert_cmpstr (text, ==, "Kubernetes DNS");
    g_assert_cmpstr (ports, ==, "53/UDP, 53/TCP (DNS proxy)");
  }

  /* The same again changes nothing. */
  begin (f);
  np_cilium_edit_rule_set_dns (np_cilium_edit_ensure_rule (f->policy), TRUE, TRUE);
  g_assert_cmpuint (f->changes, ==, 0);

  begin (f);
  np_cilium_edit_rule_set_dns (np_cilium_edit_ensure_rule (f->policy), FALSE, FALSE);
  assert_one_step (f);
  g_assert_false (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (f->policy), NULL));
}

static void
test_default_deny (Fixture *f, gconstpointer data)
{
  g_assert_false (np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_INGRESS));

  /* On without any ingress item: an empty one switches it on. */
  begin (f);
  np_cilium_edit_rule_set_default_deny (np_cilium_edit_ensure_rule (f->policy), NP_DIRECTION_INGRESS, TRUE);
  assert_one_step (f);
  g_assert_true (np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_INGRESS));
  g_assert_false (np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_EGRESS));
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\ningress: [{}]\n");
  assert_valid (f->policy);

  /* A real item replaces the empty one: it switches default deny on too. */
  begin (f);
  np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, "host", NULL);
  assert_one_step (f);
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\ningress: [{fromEntities: [host]}]\n");
  g_assert_true (np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_INGRESS));
  np_history_undo (f->history);

  /* Off again: the empty item goes, nothing else is left. */
  begin (f);
  np_cilium_edit_rule_set_default_deny (np_cilium_edit_ensure_rule (f->policy), NP_DIRECTION_INGRESS, FALSE);
  assert_one_step (f);
  assert_spec (f->policy, "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n");

  /* With a real egress rule, off means enableDefaultDeny.egress: false. */
  np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_EGRESS, "world", P ("443/TCP"));
  g_assert_true (np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_EGRESS));
  begin (f);
  np_cilium_edit_rule_set_default_deny (np_cilium_edit_ensure_rule (f->policy), NP_DIRECTION_EGRESS, FALSE);
  assert_one_step (f);
  g_assert_false (np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_EGRESS));
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "egress: [{toEntities: [world], toPorts: [{ports: [{port: '443', protocol: TCP}]}]}]\n"
               "enableDefaultDeny: {egress: false}\n");
  begin (f);
  np_cilium_edit_rule_set_default_deny (np_cilium_edit_ensure_rule (f->policy), NP_DIRECTION_EGRESS, TRUE);
  assert_one_step (f);
  g_assert_true (np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_EGRESS));
  assert_valid (f->policy);
}

static void
test_change_scope (void)
{
  g_autoptr(NpCiliumPolicy) policy = read_policy (
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"
    "metadata: {name: web, namespace: prod}\n"
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n"
    "  ingress: [{fromEndpoints: [{matchLabels: {app: api}}]}]\n");
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpCiliumPolicy) wide = np_convert_cilium_scope (policy, TRUE, losses);
  g_autoptr(NpCiliumPolicy) back = NULL;

  /* To clusterwide the namespace moves into the selectors: same meaning. */
  g_assert_cmpuint (losses->len, ==, 0);
  g_assert_true (np_cilium_policy_is_clusterwide (wide));
  g_assert_null (np_cilium_policy_get_namespace (wide));
  assert_spec (wide,
               "endpointSelector: {matchLabels: {app: web, 'k8s:io.kubernetes.pod.namespace': prod}}\n"
               "ingress: [{fromEndpoints: [{matchLabels: {app: api, 'k8s:io.kubernetes.pod.namespace': prod}}]}]\n");
  assert_valid (wide);

  /* And back: the namespace comes from the subject's selector. */
  back = np_convert_cilium_scope (wide, FALSE, losses);
  g_assert_cmpuint (losses->len, ==, 0);
  g_assert_cmpstr (np_cilium_policy_get_namespace (back), ==, "prod");
  g_assert_cmpstr (np_cilium_policy_get_kind (back), ==, "CiliumNetworkPolicy");
  assert_valid (back);

  /* A clusterwide policy for every namespace cannot become namespaced. */
  {
    g_autoptr(NpCiliumPolicy) all = read_policy (
      "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\n"
      "metadata: {name: all}\nspec: {endpointSelector: {}, egress: [{toEntities: [world]}]}\n");
    g_autoptr(NpCiliumPolicy) narrowed = np_convert_cilium_scope (all, FALSE, losses);

    g_assert_nonnull (narrowed);
    g_assert_cmpuint (losses->len, ==, 1);
    g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (losses, 0)), ==, "namespace-scope");
  }
}

static void
test_group_verdicts (Fixture *f, gconstpointer data)
{
  /* No ingress section: nothing is in default deny. */
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_INGRESS, NP_PEER_GROUP_OUTSIDE), ==, NP_RULE_EFFECT_ALLOWED);
  np_cilium_edit_rule_set_default_deny (np_cilium_edit_ensure_rule (f->policy), NP_DIRECTION_INGRESS, TRUE);
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_INGRESS, NP_PEER_GROUP_OUTSIDE), ==, NP_RULE_EFFECT_DENIED);
  np_cilium_edit_rule_add_cidr (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, "192.0.2.0/24", NULL, P ("443/TCP"));
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_INGRESS, NP_PEER_GROUP_OUTSIDE), ==, NP_RULE_EFFECT_PARTIAL);
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE), ==, NP_RULE_EFFECT_DENIED);
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_EGRESS, NP_PEER_GROUP_NAMESPACE), ==, NP_RULE_EFFECT_ALLOWED);
  /* A deny item alone also puts the direction in default deny. */
  np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_EGRESS_DENY, "world", NULL);
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (np_cilium_edit_get_rule (f->policy), NP_DIRECTION_EGRESS, NP_PEER_GROUP_CLUSTER), ==, NP_RULE_EFFECT_DENIED);
}

static void
test_describe_icmp (void)
{
  g_autoptr(NpCiliumPolicy) policy = read_policy (
    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: h}\n"
    "spec:\n  nodeSelector: {}\n  ingress:\n  - icmps: [{fields: [{type: 8, family: IPv4}]}]\n  - {}\n");
  g_autoptr(NpCiliumRuleEntry) icmp = entry_at (policy, NP_CILIUM_INGRESS, 0);
  g_autoptr(NpCiliumRuleEntry) empty = entry_at (policy, NP_CILIUM_INGRESS, 1);
  g_autofree char *peers = np_cilium_describe_peers (icmp);
  g_autofree char *ports = np_cilium_describe_ports (icmp);

  g_assert_cmpstr (peers, ==, "any peer");
  g_assert_cmpstr (ports, ==, "ICMP type 8");
  g_assert_false (np_cilium_entry_is_placeholder (icmp));
  g_assert_true (np_cilium_entry_is_placeholder (empty));
  /* an empty item matches nothing: no verdict of its own */
  g_assert_cmpint (np_cilium_entry_get_verdict (empty), ==, NP_RULE_EFFECT_IGNORED);
}

static void
test_new_policy (void)
{
  g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (TRUE);
  guint changes = 0;

  g_signal_connect (policy, "changed", G_CALLBACK (count_changed), &changes);
  g_assert_null (np_cilium_edit_get_rule (policy));
  /* Creating the rule and adding to it is one change, when the caller
   * makes them one (as the editor does). */
  np_cilium_policy_begin_change (policy);
  np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (policy), NP_CILIUM_EGRESS, "kube-apiserver", P ("443/TCP"));
  np_cilium_policy_end_change (policy);
  g_assert_cmpuint (changes, ==, 1);
  assert_spec (policy,
               "endpointSelector: {}\n"
               "egress: [{toEntities: [kube-apiserver], toPorts: [{ports: [{port: '443', protocol: TCP}]}]}]\n");
  {
    g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (
      np_cilium_rule_get_entries (np_cilium_edit_get_rule (policy), NP_CILIUM_EGRESS), 0);
    g_autoptr(NpLabelSelector) any = np_label_selector_new ();

    g_assert_cmpint (np_cilium_entry_get_group (policy, entry), ==, NP_PEER_GROUP_OUTSIDE);
    np_cilium_edit_rule_add_endpoints (np_cilium_edit_ensure_rule (policy), NP_CILIUM_INGRESS, any, NULL, NULL);
  }
  {
    g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (
      np_cilium_rule_get_entries (np_cilium_edit_get_rule (policy), NP_CILIUM_INGRESS), 0);
    g_autofree char *text = np_cilium_describe_peers (entry);

    /* clusterwide: a selector without namespace reaches every namespace */
    g_assert_cmpint (np_cilium_entry_get_group (policy, entry), ==, NP_PEER_GROUP_CLUSTER);
    g_assert_cmpstr (text, ==, "all pods");
  }
}

static void
test_checks (void)
{
  g_autofree char *message = NULL;

  g_assert_true (np_cilium_check_fqdn ("api.example.com", FALSE, NULL));
  g_assert_true (np_cilium_check_fqdn ("*.example.com", TRUE, NULL));
  g_assert_false (np_cilium_check_fqdn ("*.example.com", FALSE, &message));
  g_assert_nonnull (strstr (message, "wildcard"));
  g_assert_false (np_cilium_check_fqdn ("a..b", FALSE, &message));
  g_assert_false (np_cilium_check_fqdn ("", TRUE, &message));
  g_assert_false (np_cilium_check_fqdn ("bad name", TRUE, &message));
  g_assert_true (np_cilium_check_entity ("remote-node", NULL));
  g_assert_false (np_cilium_check_entity ("everything", &message));
  g_assert_nonnull (strstr (message, "everything"));
  g_assert_true (g_strv_contains (np_cilium_list_entities (), "kube-apiserver"));
}

static void
test_update_from_node (void)
{
  g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (FALSE);
  g_autoptr(NpNode) good = parse ("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"
                                  "metadata: {name: x}\nspec: {endpointSelector: {}, ingress: [{fromEntities: [world]}]}\n");
  g_autoptr(NpNode) bad = parse ("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nspec: {ingress: 3}\n");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  guint changes = 0;

  g_signal_connect (policy, "changed", G_CALLBACK (count_changed), &changes);
  g_assert_true (np_cilium_policy_update_from_node (policy, good, NULL));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (np_cilium_policy_get_name (policy), ==, "x");
  g_assert_cmpuint (g_list_model_get_n_items (np_cilium_policy_get_rules (policy)), ==, 1);
  g_assert_false (np_cilium_policy_update_from_node (policy, bad, diagnostics));
  g_assert_cmpuint (diagnostics->len, >, 0);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (np_cilium_policy_get_name (policy), ==, "x");
}

static void
swap_in (gpointer out_policy, gpointer in_policy, gpointer user_data)
{
  gpointer *slot = user_data;

  g_assert_true (*slot == out_policy);
  *slot = in_policy;
}

static void
test_replace_step (void)
{
  g_autoptr(NpCiliumPolicy) a = np_cilium_policy_new (FALSE);
  g_autoptr(NpCiliumPolicy) b = np_cilium_policy_new (TRUE);
  g_autoptr(NpHistory) history = np_history_new ();
  gpointer current = b;

  np_history_record_replace (history, a, b, swap_in, &current);
  g_assert_true (np_history_get_can_undo (history));
  g_assert_true (np_history_undo (history) == (gpointer) a);
  g_assert_true (current == (gpointer) a);
  g_assert_true (np_history_redo (history) == (gpointer) b);
  g_assert_true (current == (gpointer) b);
}

static void
test_replace (Fixture *f, gconstpointer data)
{
  NpCiliumRuleEntry *entry;
  NpCiliumRuleEntry *other;

  entry = np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, "host", P ("80/TCP"));
  other = np_cilium_edit_rule_add_cidr (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, "10.0.0.0/8", NULL, NULL);
  g_assert_nonnull (other);

  /* Another port, in place: the item keeps its place before the other. */
  begin (f);
  entry = np_cilium_edit_replace_entity (entry, NP_CILIUM_INGRESS, "host", P ("8080/TCP"));
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "ingress: [{fromEntities: [host], toPorts: [{ports: [{port: '8080', protocol: TCP}]}]},"
               " {fromCIDR: [10.0.0.0/8]}]\n");
  assert_one_step (f);
  assert_valid (f->policy);
  /* in place: the peers stay where they were, before the ports (the views
   * were made afresh by undo and redo) */
  {
    g_autoptr(NpCiliumRuleEntry) again = entry_at (f->policy, NP_CILIUM_INGRESS, 0);

    g_assert_cmpstr (np_node_get_key (np_cilium_rule_entry_get_node (again), 0), ==, "fromEntities");
  }

  /* Another kind of peer, and no port. */
  {
    g_autoptr(NpCiliumRuleEntry) again = entry_at (f->policy, NP_CILIUM_INGRESS, 0);

    begin (f);
    np_cilium_edit_replace_cidr (again, NP_CILIUM_INGRESS, "192.0.2.0/24", NULL, NULL);
  }
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "ingress: [{fromCIDR: [192.0.2.0/24]}, {fromCIDR: [10.0.0.0/8]}]\n");
  assert_one_step (f);

  /* Allow to deny: the item moves to ingressDeny. */
  {
    g_autoptr(NpCiliumRuleEntry) again = entry_at (f->policy, NP_CILIUM_INGRESS, 0);

    begin (f);
    entry = np_cilium_edit_replace_cidr (again, NP_CILIUM_INGRESS_DENY, "192.0.2.0/24", NULL, P ("22"));
  }
  g_assert_cmpint (np_cilium_rule_entry_get_section (entry), ==, NP_CILIUM_INGRESS_DENY);
  g_assert_cmpint (np_cilium_entry_get_verdict (entry), ==, NP_RULE_EFFECT_DENIED);
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "ingress: [{fromCIDR: [10.0.0.0/8]}]\n"
               "ingressDeny: [{fromCIDR: [192.0.2.0/24], toPorts: [{ports: [{port: '22'}]}]}]\n");
  assert_one_step (f);
  assert_valid (f->policy);
}

static void
test_replace_keeps (void)
{
  g_autoptr(NpCiliumPolicy) policy =
    read_policy ("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a, namespace: b}\n"
                 "spec:\n  endpointSelector: {}\n"
                 "  egress:\n  - toFQDNs: [{matchName: a.example.com}]\n"
                 "    toPorts: [{ports: [{port: '443', protocol: TCP}, {port: '80', protocol: TCP}],"
                 " rules: {http: [{method: GET}]}}]\n");
  g_autoptr(NpCiliumRuleEntry) entry = entry_at (policy, NP_CILIUM_EGRESS, 0);
  g_autoptr(NpLabelSelector) db = np_label_selector_new_from_string ("app=db", NULL);

  {
    g_autoptr(NpCiliumRuleEntry) pods = NULL;
    g_autoptr(NpLabelSelector) read = NULL;
    g_autofree char *text = NULL;
    g_autofree char *namespace_ = NULL;

    g_assert_null (np_cilium_entry_get_pod_selector (entry, &namespace_));
    pods = g_object_ref (np_cilium_edit_rule_add_endpoints (np_cilium_edit_ensure_rule (policy), NP_CILIUM_EGRESS, db, "billing", NULL));
    read = np_cilium_entry_get_pod_selector (pods, &namespace_);
    text = np_label_selector_to_string (read);
    g_assert_cmpstr (text, ==, "app=db");
    g_assert_cmpstr (namespace_, ==, "billing");
    np_cilium_edit_remove_entry (pods);
  }
  /* The ports given, and the L7 rules stay. */
  np_cilium_edit_replace_fqdn (entry, NULL, "*.example.com", P ("8443/TCP, 80/TCP"));
  assert_spec (policy,
               "endpointSelector: {}\n"
               "egress:\n- toFQDNs: [{matchPattern: '*.example.com'}]\n"
               "  toPorts: [{ports: [{port: '8443', protocol: TCP}, {port: '80', protocol: TCP}],"
               " rules: {http: [{method: GET}]}}]\n");
  {
    g_autoptr(NpCiliumRuleEntry) again = entry_at (policy, NP_CILIUM_EGRESS, 0);

    np_cilium_edit_replace_endpoints (again, NP_CILIUM_EGRESS, db, "*", P ("8443/TCP, 80/TCP"));
  }
  assert_spec (policy,
               "endpointSelector: {}\n"
               "egress:\n- toPorts: [{ports: [{port: '8443', protocol: TCP}, {port: '80', protocol: TCP}],"
               " rules: {http: [{method: GET}]}}]\n"
               "  toEndpoints: [{matchLabels: {app: db}, matchExpressions: "
               "[{key: k8s:io.kubernetes.pod.namespace, operator: Exists}]}]\n");
}

/* A policy with several rules: each is edited on its own. */
static void
test_rules (void)
{
  g_autoptr(NpCiliumPolicy) policy =
    read_policy ("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a, namespace: b}\n"
                 "specs:\n- endpointSelector: {matchLabels: {app: web}}\n"
                 "  ingress: [{fromEntities: [host]}]\n"
                 "- endpointSelector: {matchLabels: {app: db}}\n"
                 "- nodeSelector: {matchLabels: {role: worker}}\n");
  g_autoptr(NpHistory) history = np_history_new ();
  GListModel *rules = np_cilium_policy_get_rules (policy);
  g_autoptr(NpCiliumRule) web = g_list_model_get_item (rules, 0);
  g_autoptr(NpCiliumRule) db = g_list_model_get_item (rules, 1);
  g_autoptr(NpCiliumRule) nodes = g_list_model_get_item (rules, 2);
  g_autoptr(NpLabelSelector) backend = np_label_selector_new_from_string ("app=backend", NULL);
  g_autofree char *web_text = np_cilium_describe_rule (web);
  g_autofree char *nodes_text = np_cilium_describe_rule (nodes);
  NpCiliumRule *added;
  guint changes = 0;

  np_history_watch_cilium_policy (history, policy);
  g_signal_connect (policy, "changed", G_CALLBACK (count_changed), &changes);
  g_assert_cmpstr (web_text, ==, "app=web");
  g_assert_cmpstr (nodes_text, ==, "nodes role=worker");

  /* Edits of the second rule leave the first alone. */
  g_assert_false (np_cilium_edit_rule_get_default_deny (db, NP_DIRECTION_INGRESS));
  np_cilium_edit_rule_add_endpoints (db, NP_CILIUM_INGRESS, backend, NULL, P ("5432/TCP"));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (np_cilium_edit_rule_get_default_deny (db, NP_DIRECTION_INGRESS));
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (db, NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE),
                   ==, NP_RULE_EFFECT_PARTIAL);
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (db, NP_DIRECTION_INGRESS, NP_PEER_GROUP_OUTSIDE),
                   ==, NP_RULE_EFFECT_DENIED);
  g_assert_cmpint (np_cilium_edit_rule_get_group_verdict (db, NP_DIRECTION_EGRESS, NP_PEER_GROUP_OUTSIDE),
                   ==, NP_RULE_EFFECT_ALLOWED);
  np_cilium_edit_rule_set_dns (db, TRUE, FALSE);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (np_cilium_edit_rule_get_dns (db, NULL));
  g_assert_false (np_cilium_edit_rule_get_dns (web, NULL));
  np_cilium_edit_rule_set_subject (db, backend);
  np_cilium_edit_rule_set_default_deny (db, NP_DIRECTION_EGRESS, FALSE);
  g_assert_cmpuint (changes, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (np_cilium_rule_get_entries (web, NP_CILIUM_INGRESS)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (np_cilium_rule_get_entries (web, NP_CILIUM_EGRESS)), ==, 0);
  {
    g_autoptr(NpNode) expected = parse ("- endpointSelector: {matchLabels: {app: web}}\n"
                                        "  ingress: [{fromEntities: [host]}]\n"
                                        "- endpointSelector: {matchLabels: {app: backend}}\n"
                                        "  ingress: [{fromEndpoints: [{matchLabels: {app: backend}}],"
                                        " toPorts: [{ports: [{port: '5432', protocol: TCP}]}]}]\n"
                                        "  egress: [{toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system,"
                                        " k8s:k8s-app: kube-dns}}], toPorts: [{ports: [{port: '53', protocol: UDP},"
                                        " {port: '53', protocol: TCP}]}]}]\n"
                                        "  enableDefaultDeny: {egress: false}\n"
                                        "- nodeSelector: {matchLabels: {role: worker}}\n");
    NpNode *specs = np_node_lookup (np_cilium_policy_get_node (policy), "specs");

    if (!np_node_equal (specs, expected))
      g_error ("specs differ:\n%s", np_yaml_write (specs, 0, NULL));
  }

  /* One more rule, one undo step. */
  added = np_cilium_edit_add_rule (policy);
  g_assert_cmpuint (changes, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 4);
  {
    g_autofree char *text = np_cilium_describe_rule (added);

    g_assert_cmpstr (text, ==, "all pods");
  }
  np_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (np_cilium_policy_get_rules (policy)), ==, 3);
}

/* The ports field, the Cilium way: one toPorts entry with every port,
 * ANY and endPort, and what is wrong in a bad entry. */
static void
test_port_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GString) forty_one = g_string_new (NULL);

  begin (f);
  np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, "host",
                             P ("80, 443/tcp, 53/UDP, 8000-9000/TCP, http, /SCTP, 9/any"));
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "ingress: [{fromEntities: [host], toPorts: [{ports: [{port: '80'}, {port: '443', protocol: TCP},"
               " {port: '53', protocol: UDP}, {port: '8000', endPort: 9000, protocol: TCP}, {port: http},"
               " {port: '0', protocol: SCTP}, {port: '9', protocol: ANY}]}]}]\n");
  assert_one_step (f);
  assert_valid (f->policy);
  {
    g_autoptr(NpCiliumRuleEntry) again_entry = entry_at (f->policy, NP_CILIUM_INGRESS, 0);
    g_autofree char *text = np_cilium_entry_format_ports (again_entry);
    g_autoptr(GPtrArray) again = np_policy_port_parse_cilium (text, NULL);
    g_autofree char *back = np_policy_port_format_cilium (again);

    g_assert_cmpstr (text, ==, "80, 443/TCP, 53/UDP, 8000-9000/TCP, http, /SCTP, 9/ANY");
    g_assert_cmpstr (back, ==, text);
  }

  /* Every port goes in one change (the views were made afresh by undo
   * and redo). */
  begin (f);
  {
    g_autoptr(NpCiliumRuleEntry) again_entry = entry_at (f->policy, NP_CILIUM_INGRESS, 0);

    np_cilium_edit_replace_entity (again_entry, NP_CILIUM_INGRESS, "host", P ("22/TCP"));
  }
  assert_spec (f->policy,
               "endpointSelector: {matchLabels: {app: web}}\nfuture: kept\n"
               "ingress: [{fromEntities: [host], toPorts: [{ports: [{port: '22', protocol: TCP}]}]}]\n");
  assert_one_step (f);

  none = np_policy_port_parse_cilium ("  ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  /* "80x" is a port name (a letter, digits), as Kubernetes and Cilium read it */
  {
    g_autoptr(GPtrArray) named = np_policy_port_parse_cilium ("80x", &error);
    NpCiliumPort *port = named != NULL ? g_ptr_array_index (named, 0) : NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (port->port, ==, "80x");
    g_assert_null (port->protocol);
  }
  g_assert_null (np_policy_port_parse_cilium ("80, 80_x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "80_x"));
  g_clear_error (&error);
  g_assert_null (np_policy_port_parse_cilium ("70000", &error));
  g_clear_error (&error);
  g_assert_null (np_policy_port_parse_cilium ("80/ICMP", &error));
  g_assert_nonnull (strstr (error->message, "ANY"));
  g_clear_error (&error);
  g_assert_null (np_policy_port_parse_cilium ("90-80", &error));
  g_clear_error (&error);

  for (guint i = 1; i <= NP_CILIUM_MAX_PORTS; i++)
    g_string_append_printf (forty_one, "%u, ", i);
  many = np_policy_port_parse_cilium (forty_one->str, &error);
  /* a trailing comma is an entry missing */
  g_assert_null (many);
  g_clear_error (&error);
  g_string_append (forty_one, "41");
  g_assert_null (np_policy_port_parse_cilium (forty_one->str, &error));
  g_assert_nonnull (strstr (error->message, "40"));
  g_clear_error (&error);
  g_string_truncate (forty_one, forty_one->len - 4);
  many = np_policy_port_parse_cilium (forty_one->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, ==, NP_CILIUM_MAX_PORTS);
}

/* The sentence of an item, for allow and deny, either direction. */
static void
test_describe_entry (Fixture *f, gconstpointer data)
{
  NpCiliumRuleEntry *entry;
  g_autofree char *host = NULL;
  g_autofree char *denied = NULL;
  g_autofree char *all = NULL;

  entry = np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS, "host", P ("80/TCP, 53/UDP"));
  host = np_cilium_describe_entry (entry);
  g_assert_cmpstr (host, ==, "Ingress traffic from host on 80/TCP, 53/UDP will be allowed");
  entry = np_cilium_edit_rule_add_cidr (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_EGRESS_DENY, "10.0.0.0/8", NULL, NULL);
  denied = np_cilium_describe_entry (entry);
  g_assert_cmpstr (denied, ==, "Egress traffic to 10.0.0.0/8 on all ports will be denied");
  entry = np_cilium_edit_rule_add_entity (np_cilium_edit_ensure_rule (f->policy), NP_CILIUM_INGRESS_DENY, "world", P ("8000-9000"));
  all = np_cilium_describe_entry (entry);
  g_assert_cmpstr (all, ==, "Ingress traffic from world on 8000-9000/ANY will be denied");
}

/* "Inspect DNS queries" adds the DNS proxy's rule to a kube-dns rule the
 * user wrote, and nothing else: a UDP-only rule stays UDP-only, and its
 * sentence says so. Turning the proxy off takes only that rule away. */
static void
test_dns_proxy_keeps_ports (void)
{
  g_autoptr(NpCiliumPolicy) policy = read_policy (
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: prod}\n"
    "spec:\n  endpointSelector: {}\n  egress:\n"
    "  - toEndpoints: [{matchLabels: {'k8s:io.kubernetes.pod.namespace': kube-system, 'k8s:k8s-app': kube-dns}}]\n"
    "    toPorts: [{ports: [{port: '53', protocol: UDP}]}]\n");
  g_autoptr(NpHistory) history = np_history_new ();
  NpCiliumRule *rule = np_cilium_edit_get_rule (policy);
  gboolean proxy = TRUE;

  np_history_watch_cilium_policy (history, policy);
  g_assert_true (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (policy), &proxy));
  g_assert_false (proxy);

  np_cilium_edit_rule_set_dns (np_cilium_edit_ensure_rule (policy), TRUE, TRUE);
  g_assert_true (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (policy), &proxy));
  g_assert_true (proxy);
  assert_spec (policy,
               "endpointSelector: {}\n"
               "egress:\n"
               "- toEndpoints: [{matchLabels: {'k8s:io.kubernetes.pod.namespace': kube-system, 'k8s:k8s-app': kube-dns}}]\n"
               "  toPorts: [{ports: [{port: '53', protocol: UDP}], rules: {dns: [{matchPattern: '*'}]}}]\n");
  {
    g_autoptr(NpCiliumRuleEntry) dns = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS), 0);
    g_autofree char *sentence = np_cilium_describe_entry (dns);

    g_autofree char *option = np_cilium_describe_dns (rule);

    g_assert_cmpstr (sentence, ==, "Egress traffic to Kubernetes DNS on 53/UDP (DNS proxy) will be allowed");
    g_assert_cmpstr (option, ==, sentence);
  }

  np_cilium_edit_rule_set_dns (np_cilium_edit_ensure_rule (policy), TRUE, FALSE);
  g_assert_true (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (policy), &proxy));
  g_assert_false (proxy);
  assert_spec (policy,
               "endpointSelector: {}\n"
               "egress:\n"
               "- toEndpoints: [{matchLabels: {'k8s:io.kubernetes.pod.namespace': kube-system, 'k8s:k8s-app': kube-dns}}]\n"
               "  toPorts: [{ports: [{port: '53', protocol: UDP}]}]\n");

  /* Each toggle is one undo step. */
  g_assert_true (np_history_undo (history) == policy);
  g_assert_true (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (policy), &proxy));
  g_assert_true (proxy);
  g_assert_true (np_history_undo (history) == policy);
  g_assert_true (np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (policy), &proxy));
  g_assert_false (proxy);
  g_assert_false (np_history_get_can_undo (history));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cilium-edit/entity", Fixture, NULL, fixture_set_up, test_entity, fixture_tear_down);
  g_test_add ("/cilium-edit/cidr", Fixture, NULL, fixture_set_up, test_cidr, fixture_tear_down);
  g_test_add ("/cilium-edit/fqdn-and-ports", Fixture, NULL, fixture_set_up, test_fqdn_and_ports, fixture_tear_down);
  g_test_add ("/cilium-edit/endpoints", Fixture, NULL, fixture_set_up, test_endpoints, fixture_tear_down);
  g_test_add ("/cilium-edit/dns", Fixture, NULL, fixture_set_up, test_dns, fixture_tear_down);
  g_test_add ("/cilium-edit/default-deny", Fixture, NULL, fixture_set_up, test_default_deny, fixture_tear_down);
  g_test_add ("/cilium-edit/group-verdicts", Fixture, NULL, fixture_set_up, test_group_verdicts, fixture_tear_down);
  g_test_add_func ("/cilium-edit/new-policy", test_new_policy);
  g_test_add_func ("/cilium-edit/dns-proxy-keeps-ports", test_dns_proxy_keeps_ports);
  g_test_add_func ("/cilium-edit/describe-icmp", test_describe_icmp);
  g_test_add_func ("/cilium-edit/change-scope", test_change_scope);
  g_test_add_func ("/cilium-edit/checks", test_checks);
  g_test_add_func ("/cilium-edit/update-from-node", test_update_from_node);
  g_test_add_func ("/cilium-edit/replace-step", test_replace_step);
  g_test_add ("/cilium-edit/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add_func ("/cilium-edit/replace-keeps", test_replace_keeps);
  g_test_add_func ("/cilium-edit/rules", test_rules);
  g_test_add ("/cilium-edit/port-list", Fixture, NULL, fixture_set_up, test_port_list, fixture_tear_down);
  g_test_add ("/cilium-edit/describe-entry", Fixture, NULL, fixture_set_up, test_describe_entry, fixture_tear_down);

  return g_test_run ();
}
