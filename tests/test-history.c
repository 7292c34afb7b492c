/* test-history.c: undo and redo of policy edits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-history.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-yaml.h"

static const char text[] =
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
  "metadata: {name: web, namespace: prod, labels: {keep: me}}\n"
  "spec:\n  podSelector: {matchLabels: {app: web}}\n  future: 1\n";

static char *
yaml_of (NpPolicy *policy)
{
  return np_policy_to_yaml (policy);
}

static void
test_undo_redo (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (text, -1, NULL);
  g_autoptr(NpHistory) history = np_history_new ();
  g_autofree char *original = yaml_of (policy);
  g_autofree char *renamed = NULL;
  g_autoptr(NpPolicyRule) rule = np_policy_rule_new (NP_DIRECTION_INGRESS);
  g_autofree char *with_rule = NULL;

  np_history_watch_policy (history, policy);
  g_assert_false (np_history_get_can_undo (history));
  g_assert_null (np_history_undo (history));

  np_policy_set_name (policy, "api");
  renamed = yaml_of (policy);
  np_history_seal (history);
  g_list_store_append (G_LIST_STORE (np_policy_get_ingress (policy)), rule);
  with_rule = yaml_of (policy);
  g_assert_true (np_history_get_can_undo (history));
  g_assert_false (np_history_get_can_redo (history));

  g_assert_true (np_history_undo (history) == policy);
  {
    g_autofree char *now = yaml_of (policy);
    g_assert_cmpstr (now, ==, renamed);
  }
  g_assert_true (np_history_undo (history) == policy);
  {
    g_autofree char *now = yaml_of (policy);
    g_assert_cmpstr (now, ==, original);
  }
  g_assert_false (np_history_get_can_undo (history));
  g_assert_true (np_history_get_can_redo (history));

  g_assert_true (np_history_redo (history) == policy);
  g_assert_true (np_history_redo (history) == policy);
  {
    g_autofree char *now = yaml_of (policy);
    g_assert_cmpstr (now, ==, with_rule);
  }
  g_assert_false (np_history_get_can_redo (history));

  /* a new edit after undo drops the redo steps */
  np_history_undo (history);
  np_policy_set_namespace (policy, "dev");
  g_assert_false (np_history_get_can_redo (history));
}

static void
test_typing_merges (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (text, -1, NULL);
  g_autoptr(NpHistory) history = np_history_new ();
  const char *typed[] = { "w", "we", "web", "web-", "web-a", "web-ap", "web-api" };

  np_history_watch_policy (history, policy);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    np_policy_set_name (policy, typed[i]);
  np_history_undo (history);
  g_assert_cmpstr (np_policy_get_name (policy), ==, "web");
  g_assert_false (np_history_get_can_undo (history));

  /* another field is another step */
  np_history_redo (history);
  np_policy_set_namespace (policy, "p");
  np_policy_set_namespace (policy, "pr");
  np_history_undo (history);
  g_assert_cmpstr (np_policy_get_namespace (policy), ==, "prod");
  g_assert_cmpstr (np_policy_get_name (policy), ==, "web-api");
}

static void
test_yaml_edit_and_unknown_fields (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (text, -1, NULL);
  g_autoptr(NpHistory) history = np_history_new ();
  g_autoptr(NpNode) edited = np_yaml_parse_one ("metadata: {name: other}\nspec: {podSelector: {}}\n", -1 + sizeof "metadata: {name: other}\nspec: {podSelector: {}}\n", NULL);
  g_autoptr(NpNode) before = np_policy_to_node (policy, 0);
  g_autoptr(NpNode) after_undo = NULL;
  NpLabelSelector *selector_before = np_policy_get_pod_selector (policy);
  guint changes = 0;

  g_assert_nonnull (edited);
  g_assert_nonnull (selector_before);
  np_history_watch_policy (history, policy);
  g_signal_connect_swapped (policy, "changed", G_CALLBACK (g_atomic_int_inc), &changes);

  g_assert_true (np_policy_update_from_node (policy, edited, NULL));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (np_policy_get_name (policy), ==, "other");
  g_assert_null (np_policy_get_api_version (policy));

  np_history_undo (history);
  after_undo = np_policy_to_node (policy, 0);
  /* everything back, the unknown spec.future and metadata.labels too */
  g_assert_true (np_node_equal (before, after_undo));
  g_assert_cmpint (np_node_get_int (np_node_lookup (np_node_lookup (after_undo, "spec"), "future"), NULL), ==, TRUE);
}

static void
test_notifies (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new ();
  g_autoptr(NpHistory) history = np_history_new ();
  guint undo_notes = 0, redo_notes = 0;

  np_history_watch_policy (history, policy);
  g_signal_connect_swapped (history, "notify::can-undo", G_CALLBACK (g_atomic_int_inc), &undo_notes);
  g_signal_connect_swapped (history, "notify::can-redo", G_CALLBACK (g_atomic_int_inc), &redo_notes);

  np_policy_set_name (policy, "a");
  g_assert_cmpuint (undo_notes, ==, 1);
  np_policy_set_name (policy, "ab");
  g_assert_cmpuint (undo_notes, ==, 1);
  /* adding metadata, then changing a value in it: two steps */
  np_history_undo (history);
  g_assert_cmpuint (undo_notes, ==, 1);
  g_assert_cmpuint (redo_notes, ==, 1);
  np_history_undo (history);
  g_assert_cmpuint (undo_notes, ==, 2);
  g_assert_null (np_policy_get_name (policy));
  np_history_clear (history);
  g_assert_cmpuint (redo_notes, ==, 2);
  g_assert_false (np_history_get_can_undo (history));

  np_history_unwatch_policy (history, policy);
  np_policy_set_name (policy, "c");
  g_assert_false (np_history_get_can_undo (history));
}

/* Two terms typed at once into a selector are one step. */
static void
test_selector_batch (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (text, -1, NULL);
  g_autoptr(NpHistory) history = np_history_new ();
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);
  guint changes = 0;

  np_history_watch_policy (history, policy);
  g_signal_connect_swapped (policy, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  np_label_selector_begin_change (selector);
  np_label_selector_set_label (selector, "tier", "web");
  np_label_selector_set_label (selector, "team", "shop");
  g_assert_cmpuint (changes, ==, 0);
  np_label_selector_end_change (selector);
  g_assert_cmpuint (changes, ==, 1);

  np_history_undo (history);
  g_assert_null (np_label_selector_get_label (np_policy_get_pod_selector (policy), "tier"));
  g_assert_null (np_label_selector_get_label (np_policy_get_pod_selector (policy), "team"));
  g_assert_false (np_history_get_can_undo (history));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/undo-redo", test_undo_redo);
  g_test_add_func ("/history/typing-merges", test_typing_merges);
  g_test_add_func ("/history/yaml-edit-and-unknown-fields", test_yaml_edit_and_unknown_fields);
  g_test_add_func ("/history/notifies", test_notifies);
  g_test_add_func ("/history/selector-batch", test_selector_batch);

  return g_test_run ();
}
