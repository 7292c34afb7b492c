/* test-cluster-edit.c: editing AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cluster-edit.h"
#include "np-cluster-policy.h"
#include "np-document.h"
#include "np-history.h"
#include "np-label-selector.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-test-util.h"
#include "np-diagnostic.h"
#include "np-yaml.h"

static char *
np_manifest_to_string (NpManifest *manifest)
{
  g_autoptr(GBytes) bytes = np_manifest_to_bytes (manifest);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
policy_yaml (NpClusterPolicy *policy)
{
  return np_yaml_write (np_cluster_policy_get_node (policy), 0, NULL);
}

static void
assert_yaml (NpClusterPolicy *policy, const char *expected)
{
  g_autofree char *text = policy_yaml (policy);

  g_assert_cmpstr (text, ==, expected);
}

static guint
count_changed (NpClusterPolicy *policy)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (policy), "n-changed"));
}

static void
on_changed (NpClusterPolicy *policy)
{
  g_object_set_data (G_OBJECT (policy), "n-changed", GUINT_TO_POINTER (count_changed (policy) + 1));
}

static void
test_new_policies (void)
{
  g_autoptr(NpClusterPolicy) anp = np_cluster_policy_new (NP_CLUSTER_POLICY_ANP);
  g_autoptr(NpClusterPolicy) banp = np_cluster_policy_new (NP_CLUSTER_POLICY_BANP);
  g_autoptr(NpClusterPolicy) cnp = np_cluster_policy_new (NP_CLUSTER_POLICY_CNP);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 priority;

  assert_yaml (anp, "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {}\n"
                    "spec:\n  priority: 10\n  subject:\n    namespaces: {}\n");
  g_assert_true (np_cluster_policy_get_priority (anp, &priority));
  g_assert_cmpint (priority, ==, NP_CLUSTER_DEFAULT_PRIORITY);
  g_assert_cmpint (np_cluster_policy_get_subject (anp, NULL, NULL), ==, NP_CLUSTER_SUBJECT_NAMESPACES);
  g_assert_false (np_cluster_policy_get_priority (banp, &priority));
  g_assert_cmpint (np_cluster_policy_get_kind (banp), ==, NP_CLUSTER_POLICY_BANP);
  g_assert_cmpstr (np_cluster_policy_get_tier (cnp), ==, "Admin");
  g_assert_true (np_cluster_policy_get_priority (cnp, &priority));

  /* Named, each is valid as it stands (a BANP must be called default). */
  np_cluster_edit_set_name (anp, "admin");
  np_cluster_edit_set_name (banp, "default");
  np_cluster_edit_set_name (cnp, "cluster");
  np_cluster_policy_validate (anp, 0, found);
  np_cluster_policy_validate (banp, 0, found);
  np_cluster_policy_validate (cnp, 0, found);
  if (found->len > 0)
    np_test_fail_listing ("new policies", found, "%u findings", found->len);
}

static void
test_rules_and_undo (void)
{
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new (NP_CLUSTER_POLICY_ANP);
  g_autoptr(NpHistory) history = np_history_new ();
  g_autoptr(NpLabelSelector) ns = np_label_selector_new_from_string ("team=a", NULL);
  g_autoptr(NpClusterPort) port = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *message = NULL;
  g_autofree char *before_move = NULL;
  const char * const cidrs[] = { "10.0.0.0/8", NULL };
  guint deny, pass, allow;

  np_cluster_edit_set_name (policy, "tenants");
  np_history_watch_cluster_policy (history, policy);
  g_signal_connect (policy, "changed", G_CALLBACK (on_changed), NULL);

  deny = np_cluster_edit_add_rule (policy, NP_CLUSTER_EGRESS, NP_CLUSTER_ACTION_DENY, "no-metadata");
  np_cluster_edit_add_list_peer (policy, NP_CLUSTER_EGRESS, deny, NP_CLUSTER_PEER_NETWORKS, cidrs);
  pass = np_cluster_edit_add_rule (policy, NP_CLUSTER_EGRESS, NP_CLUSTER_ACTION_PASS, NULL);
  np_cluster_edit_set_rule_name (policy, NP_CLUSTER_EGRESS, pass, "to-team");
  np_cluster_edit_add_selector_peer (policy, NP_CLUSTER_EGRESS, pass, NP_CLUSTER_PEER_NAMESPACES, ns, NULL);
  allow = np_cluster_edit_add_rule (policy, NP_CLUSTER_EGRESS, NP_CLUSTER_ACTION_ALLOW, "dns");
  np_cluster_edit_add_selector_peer (policy, NP_CLUSTER_EGRESS, allow, NP_CLUSTER_PEER_PODS, NULL, NULL);
  port = np_cluster_port_parse ("53/UDP", &message);
  g_assert_nonnull (port);
  np_cluster_edit_add_port (policy, NP_CLUSTER_EGRESS, allow, port);
  g_clear_pointer (&port, np_cluster_port_free);
  port = np_cluster_port_parse ("1000-2000", &message);
  np_cluster_edit_add_port (policy, NP_CLUSTER_EGRESS, allow, port);
  g_assert_cmpuint (count_changed (policy), ==, 9);

  assert_yaml (policy,
               "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n"
               "metadata:\n  name: tenants\nspec:\n  priority: 10\n  subject:\n    namespaces: {}\n"
               "  egress:\n"
               "  - name: no-metadata\n    action: Deny\n    to:\n    - networks:\n      - 10.0.0.0/8\n"
               "  - name: to-team\n    action: Pass\n    to:\n    - namespaces:\n        matchLabels:\n          team: a\n"
               "  - name: dns\n    action: Allow\n    to:\n    - pods:\n        namespaceSelector: {}\n        podSelector: {}\n"
               "    ports:\n    - portNumber:\n        protocol: UDP\n        port: 53\n"
               "    - portRange:\n        protocol: TCP\n        start: 1000\n        end: 2000\n");
  np_cluster_policy_validate (policy, 0, found);
  if (found->len > 0)
    np_test_fail_listing ("built ANP", found, "%u findings", found->len);

  /* A rule without ports has none to list. */
  {
    g_autoptr(GPtrArray) none = np_cluster_rule_get_ports (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, deny),
                                                           NP_CLUSTER_POLICY_ANP);

    g_assert_cmpuint (none->len, ==, 0);
  }

  /* The views follow the tree. */
  g_assert_cmpuint (np_cluster_policy_get_n_rules (policy, NP_CLUSTER_EGRESS), ==, 3);
  g_assert_cmpint (np_cluster_rule_get_action (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 1),
                                               NP_CLUSTER_POLICY_ANP), ==, NP_CLUSTER_ACTION_PASS);

  /* A move is one change and one undo step. */
  before_move = policy_yaml (policy);
  np_history_seal (history);
  np_cluster_edit_move_rule (policy, NP_CLUSTER_EGRESS, 2, 0);
  g_assert_cmpuint (count_changed (policy), ==, 10);
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 0)->name, ==, "dns");
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 1)->name, ==, "no-metadata");
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 2)->name, ==, "to-team");
  g_assert_true (np_history_undo (history) == (gpointer) policy);
  {
    g_autofree char *after_undo = policy_yaml (policy);

    g_assert_cmpstr (after_undo, ==, before_move);
  }
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 0)->name, ==, "no-metadata");
  g_assert_true (np_history_redo (history) == (gpointer) policy);
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 0)->name, ==, "dns");

  /* Moving down to the end, then back. */
  np_cluster_edit_move_rule (policy, NP_CLUSTER_EGRESS, 0, 2);
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 2)->name, ==, "dns");

  /* Action, removing a peer, a port and a rule. */
  np_cluster_edit_set_rule_action (policy, NP_CLUSTER_EGRESS, 0, NP_CLUSTER_ACTION_ALLOW);
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 0)->action, ==, "Allow");
  np_cluster_edit_remove_port (policy, NP_CLUSTER_EGRESS, 2, 0);
  np_cluster_edit_remove_port (policy, NP_CLUSTER_EGRESS, 2, 0);
  g_assert_null (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 2)->ports);
  np_cluster_edit_remove_peer (policy, NP_CLUSTER_EGRESS, 1, 0);
  g_assert_cmpuint (np_node_get_n_items (np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, 1)->peers), ==, 0);
  np_cluster_edit_remove_rule (policy, NP_CLUSTER_EGRESS, 1);
  g_assert_cmpuint (np_cluster_policy_get_n_rules (policy, NP_CLUSTER_EGRESS), ==, 2);

  /* Priority and subject */
  np_cluster_edit_set_priority (policy, 1000);
  {
    gint64 priority;

    g_assert_true (np_cluster_policy_get_priority (policy, &priority));
    g_assert_cmpint (priority, ==, 1000);
  }
  np_cluster_edit_set_subject (policy, NP_CLUSTER_SUBJECT_PODS, ns, NULL);
  {
    const NpNode *nsel = NULL, *psel = NULL;

    g_assert_cmpint (np_cluster_policy_get_subject (policy, &nsel, &psel), ==, NP_CLUSTER_SUBJECT_PODS);
    g_assert_cmpstr (np_node_get_text (np_node_lookup (np_node_lookup (nsel, "matchLabels"), "team")), ==, "a");
    g_assert_nonnull (psel);
  }
  /* The same again changes nothing and makes no step. */
  {
    guint n = count_changed (policy);

    np_cluster_edit_set_subject (policy, NP_CLUSTER_SUBJECT_PODS, ns, NULL);
    np_cluster_edit_set_priority (policy, 1000);
    np_cluster_edit_set_rule_action (policy, NP_CLUSTER_EGRESS, 0, NP_CLUSTER_ACTION_ALLOW);
    g_assert_cmpuint (count_changed (policy), ==, n);
  }
}

static void
test_cnp_ports_and_tier (void)
{
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new (NP_CLUSTER_POLICY_CNP);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ports = NULL;
  g_autofree char *message = NULL;
  const char *texts[] = { "443", "8000-9000/UDP", "metrics" };
  const char *expected[] = { "443/TCP", "8000-9000/UDP", "metrics" };
  const char * const domains[] = { "*.example.com", NULL };
  guint rule;

  np_cluster_edit_set_name (policy, "web");
  np_cluster_edit_set_tier (policy, "Baseline");
  g_assert_cmpstr (np_cluster_policy_get_tier (policy), ==, "Baseline");
  rule = np_cluster_edit_add_rule (policy, NP_CLUSTER_INGRESS, NP_CLUSTER_ACTION_ALLOW, NULL);
  g_assert_cmpstr (np_cluster_policy_get_rule (policy, NP_CLUSTER_INGRESS, rule)->action, ==, "Accept");
  np_cluster_edit_add_selector_peer (policy, NP_CLUSTER_INGRESS, rule, NP_CLUSTER_PEER_NAMESPACES, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(NpClusterPort) port = np_cluster_port_parse (texts[i], &message);

      g_assert_nonnull (port);
      np_cluster_edit_add_port (policy, NP_CLUSTER_INGRESS, rule, port);
    }
  ports = np_cluster_rule_get_ports (np_cluster_policy_get_rule (policy, NP_CLUSTER_INGRESS, rule),
                                     NP_CLUSTER_POLICY_CNP);
  g_assert_cmpuint (ports->len, ==, 3);
  for (guint i = 0; i < ports->len; i++)
    {
      g_autofree char *text = np_cluster_port_format (g_ptr_array_index (ports, i));

      g_assert_cmpstr (text, ==, expected[i]);
    }
  rule = np_cluster_edit_add_rule (policy, NP_CLUSTER_EGRESS, NP_CLUSTER_ACTION_ALLOW, "out");
  np_cluster_edit_add_list_peer (policy, NP_CLUSTER_EGRESS, rule, NP_CLUSTER_PEER_DOMAIN_NAMES, domains);
  assert_yaml (policy,
               "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\n"
               "metadata:\n  name: web\nspec:\n  tier: Baseline\n  priority: 10\n  subject:\n    namespaces: {}\n"
               "  ingress:\n  - action: Accept\n    from:\n    - namespaces: {}\n    protocols:\n"
               "    - tcp:\n        destinationPort:\n          number: 443\n"
               "    - udp:\n        destinationPort:\n          range:\n            start: 8000\n            end: 9000\n"
               "    - destinationNamedPort: metrics\n"
               "  egress:\n  - name: out\n    action: Accept\n    to:\n    - domainNames:\n      - '*.example.com'\n");
  /* domainNames need the experimental channel: the only finding. */
  np_cluster_policy_validate (policy, 0, found);
  for (guint i = 0; i < found->len; i++)
    if (strstr (np_diagnostic_get_message (g_ptr_array_index (found, i)), "experimental") == NULL)
      np_test_fail_listing ("built CNP", found, "unexpected finding");

  /* Bad port text gets a reason. */
  g_assert_null (np_cluster_port_parse ("0", &message));
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  g_assert_null (np_cluster_port_parse ("90-80", &message));
  g_clear_pointer (&message, g_free);
  g_assert_null (np_cluster_port_parse ("80/ICMP", &message));
  g_clear_pointer (&message, g_free);
  g_assert_null (np_cluster_port_parse ("Not_A_Name", &message));
}

static void
test_peer_rules (void)
{
  g_assert_false (np_cluster_peer_allowed (NP_CLUSTER_POLICY_ANP, NP_CLUSTER_INGRESS, NP_CLUSTER_PEER_NETWORKS));
  g_assert_true (np_cluster_peer_allowed (NP_CLUSTER_POLICY_ANP, NP_CLUSTER_EGRESS, NP_CLUSTER_PEER_DOMAIN_NAMES));
  g_assert_false (np_cluster_peer_allowed (NP_CLUSTER_POLICY_BANP, NP_CLUSTER_EGRESS, NP_CLUSTER_PEER_DOMAIN_NAMES));
  g_assert_true (np_cluster_peer_allowed (NP_CLUSTER_POLICY_CNP, NP_CLUSTER_EGRESS, NP_CLUSTER_PEER_DOMAIN_NAMES));
  g_assert_false (np_cluster_action_allowed (NP_CLUSTER_POLICY_BANP, NP_CLUSTER_ACTION_PASS));
  g_assert_true (np_cluster_action_allowed (NP_CLUSTER_POLICY_CNP, NP_CLUSTER_ACTION_PASS));
  g_assert_cmpstr (np_cluster_action_to_string (NP_CLUSTER_POLICY_CNP, NP_CLUSTER_ACTION_ALLOW), ==, "Accept");
  g_assert_cmpstr (np_cluster_action_to_string (NP_CLUSTER_POLICY_BANP, NP_CLUSTER_ACTION_ALLOW), ==, "Allow");
}

static void
test_peer_values (void)
{
  const struct { NpClusterPeerKind kind; const char *text; gboolean ok; } cases[] = {
    { NP_CLUSTER_PEER_NETWORKS, "10.0.0.0/8", TRUE },
    { NP_CLUSTER_PEER_NETWORKS, "fd00::/64", TRUE },
    { NP_CLUSTER_PEER_NETWORKS, "10.0.0.1", FALSE },
    { NP_CLUSTER_PEER_NETWORKS, "10.0.0.0/33", FALSE },
    { NP_CLUSTER_PEER_DOMAIN_NAMES, "*.kubernetes.io", TRUE },
    { NP_CLUSTER_PEER_DOMAIN_NAMES, "example.com.", TRUE },
    { NP_CLUSTER_PEER_DOMAIN_NAMES, "localhost", FALSE },
    { NP_CLUSTER_PEER_DOMAIN_NAMES, "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      gboolean ok = np_cluster_check_peer_value (cases[i].kind, cases[i].text, &message);

      if (ok != cases[i].ok)
        np_test_fail ("%s: expected %s", cases[i].text, cases[i].ok ? "valid" : "invalid");
      g_assert_true (ok == (message == NULL));
    }
}

static const char manifest_text[] =
  "# admin\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: AdminNetworkPolicy\n"
  "metadata: {name: a,  labels: {x: y}}   # odd spacing stays\n"
  "spec:\n"
  "  priority: 5\n"
  "  subject: {namespaces: {}}\n"
  "  egress:\n"
  "  - {name: one, action: Deny, to: [{networks: [169.254.169.254/32]}]}\n"
  "  - {name: two, action: Allow, to: [{namespaces: {}}]}\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha2\n"
  "kind: ClusterNetworkPolicy\n"
  "metadata: {name: c}\n"
  "spec: {tier: Admin, priority: 3, subject: {namespaces: {}}}\n";

static void
test_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) text = g_bytes_new_static (manifest_text, strlen (manifest_text));
  g_autoptr(NpDocument) first = NULL;
  g_autoptr(NpDocument) second = NULL;
  g_autoptr(NpHistory) history = np_history_new ();
  g_autofree char *same = NULL;
  g_autofree char *edited = NULL;
  NpClusterPolicy *cnp;

  np_manifest_load_bytes (manifest, text, "test.yaml", &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (np_manifest_get_documents (manifest), 0);
  second = g_list_model_get_item (np_manifest_get_documents (manifest), 1);
  g_assert_cmpint (np_document_get_kind (first), ==, NP_DOCUMENT_CLUSTER_POLICY);
  g_assert_cmpint (np_document_get_kind (second), ==, NP_DOCUMENT_CLUSTER_POLICY);
  g_assert_cmpuint (g_list_model_get_n_items (np_document_get_policies (first)), ==, 0);
  g_assert_cmpuint (np_manifest_count_policies (manifest), ==, 2);

  /* A model made and looked at changes nothing: byte for byte. */
  g_assert_nonnull (np_document_get_cluster_policy (first));
  cnp = np_document_get_cluster_policy (second);
  same = np_manifest_to_string (manifest);
  g_assert_cmpstr (same, ==, manifest_text);

  /* An edit of the second leaves the first as written. */
  np_history_watch_cluster_policy (history, cnp);
  np_cluster_edit_set_tier (cnp, "Baseline");
  g_assert_true (np_document_get_modified (second));
  g_assert_false (np_document_get_modified (first));
  edited = np_manifest_to_string (manifest);
  g_assert_true (g_str_has_prefix (edited, "# admin\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n"
                                           "metadata: {name: a,  labels: {x: y}}   # odd spacing stays\n"));
  g_assert_nonnull (strstr (edited, "  tier: Baseline\n"));
  g_assert_cmpstr (np_document_get_object_name (second), ==, "c");

  /* Undo puts the tier back in the document's text. */
  np_history_undo (history);
  g_clear_pointer (&edited, g_free);
  edited = np_manifest_to_string (manifest);
  g_assert_nonnull (strstr (edited, "tier: Admin"));

  /* A new policy added to a manifest is a document of its own. */
  {
    g_autoptr(NpClusterPolicy) banp = np_cluster_policy_new (NP_CLUSTER_POLICY_BANP);
    g_autoptr(NpDocument) third = NULL;

    np_cluster_edit_set_name (banp, "default");
    np_manifest_add_policy (manifest, banp);
    third = g_list_model_get_item (np_manifest_get_documents (manifest), 2);
    g_assert_true (np_document_get_cluster_policy (third) == banp);
    g_assert_cmpstr (np_document_get_object_kind (third), ==, "BaselineAdminNetworkPolicy");
    g_assert_cmpuint (np_manifest_count_policies (manifest), ==, 3);
  }
}

int
main (int argc, char *argv[])
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/cluster-edit/new", test_new_policies);
  g_test_add_func ("/cluster-edit/rules-and-undo", test_rules_and_undo);
  g_test_add_func ("/cluster-edit/cnp-ports-and-tier", test_cnp_ports_and_tier);
  g_test_add_func ("/cluster-edit/peer-rules", test_peer_rules);
  g_test_add_func ("/cluster-edit/peer-values", test_peer_values);
  g_test_add_func ("/cluster-edit/document", test_document);
  return g_test_run ();
}
