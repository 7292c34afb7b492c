/* test-tutorial.c: the guided tutorial's checks and actions, and the lessons' content
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
#include "np-diagnostic.h"
#include "np-history.h"
#include "np-label-selector.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy-edit.h"
#include "np-policy.h"
#include "np-test-util.h"
#include "np-tutorial.h"
#include "np-validator.h"
#include "np-yaml.h"

/* The main tutorial's steps, in order, and whether they have a "Do it for
 * me" (the others are advice). */
static const struct {
  const char *id;
  gboolean    action;
} main_steps[] = {
  { "select-pods", TRUE },
  { "default-deny", TRUE },
  { "dns", TRUE },
  { "same-namespace", TRUE },
  { "from-outside", FALSE },
  { "to-outside", TRUE },
  { "other-namespaces", FALSE },
  { "probes", FALSE },
  { "save", FALSE },
};

/* What every "Do it for me" of the main tutorial makes of the policy the
 * editor creates with New (name new-policy, namespace default). The UI test
 * of the tutorial compares against the same policy. */
static const char expected_yaml[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: new-policy\n"
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
  "    - podSelector: {}\n"
  "  egress:\n"
  "  - to:\n"
  "    - namespaceSelector:\n"
  "        matchLabels:\n"
  "          kubernetes.io/metadata.name: kube-system\n"
  "      podSelector:\n"
  "        matchLabels:\n"
  "          k8s-app: kube-dns\n"
  "    ports:\n"
  "    - protocol: UDP\n"
  "      port: 53\n"
  "    - protocol: TCP\n"
  "      port: 53\n"
  "  - to:\n"
  "    - podSelector: {}\n"
  "  - to:\n"
  "    - ipBlock:\n"
  "        cidr: 0.0.0.0/0\n"
  "        except:\n"
  "        - 10.0.0.0/8\n"
  "        - 172.16.0.0/12\n"
  "        - 192.168.0.0/16\n"
  "    ports:\n"
  "    - protocol: TCP\n"
  "      port: 443\n";

static NpPolicy *
new_editor_policy (void)
{
  NpPolicy *policy = np_policy_new ();

  np_policy_set_name (policy, "new-policy");
  np_policy_set_namespace (policy, "default");
  return policy;
}

static NpNode *
node_of (NpPolicy *policy)
{
  return np_policy_to_node (policy, 0);
}

static void
assert_same_data (NpNode *actual, const char *expected_text)
{
  g_autoptr(NpNode) expected = np_yaml_parse_one (expected_text, strlen (expected_text), NULL);

  g_assert_nonnull (expected);
  if (!np_node_equal (actual, expected))
    {
      g_autofree char *text = np_yaml_write (actual, NP_YAML_WRITE_DEFAULT, NULL);

      g_test_message ("expected:\n%s\ngot:\n%s", expected_text, text);
      g_test_fail ();
    }
}

static void
test_main_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NpTutorial) tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, &error);
  GListModel *model;

  g_assert_no_error (error);
  model = G_LIST_MODEL (tutorial);
  g_assert_true (g_list_model_get_item_type (model) == NP_TYPE_TUTORIAL_STEP);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (main_steps));
  g_assert_cmpstr (np_tutorial_get_id (tutorial), ==, "main");
  g_assert_cmpstr (np_tutorial_get_title (tutorial), ==, "Write your first policy");
  g_assert_false (np_tutorial_get_has_example (tutorial));
  g_assert_nonnull (np_tutorial_get_summary (tutorial));

  for (guint i = 0; i < G_N_ELEMENTS (main_steps); i++)
    {
      g_autoptr(NpTutorialStep) step = g_list_model_get_item (model, i);
      g_autofree char *title = NULL;

      g_assert_cmpstr (np_tutorial_step_get_id (step), ==, main_steps[i].id);
      g_assert_cmpint (np_tutorial_step_get_has_action (step), ==, main_steps[i].action);
      g_assert_cmpint (np_tutorial_step_get_needs_action (step), ==, main_steps[i].action);
      g_assert_true (np_tutorial_find_step (tutorial, main_steps[i].id) == step);
      g_object_get (step, "title", &title, NULL);
      g_assert_cmpstr (title, !=, "");
      g_assert_cmpstr (title, ==, np_tutorial_step_get_title (step));
      /* Paragraphs are joined with a blank line, white space collapsed. */
      g_assert_null (strstr (np_tutorial_step_get_body (step), "  "));
      g_assert_false (g_str_has_prefix (np_tutorial_step_get_body (step), " "));
    }
  g_assert_null (g_list_model_get_item (model, G_N_ELEMENTS (main_steps)));
  g_assert_null (np_tutorial_find_step (tutorial, "no-such-step"));
  {
    NpTutorialStep *select = np_tutorial_find_step (tutorial, "select-pods");
    g_assert_nonnull (strstr (np_tutorial_step_get_body (select), ".\n\nPick the scope"));
  }
}

static void
test_unknown_tutorial (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NpTutorial) tutorial = np_tutorial_new ("no-such-tutorial", &error);

  g_assert_null (tutorial);
  g_assert_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-tutorial"));
}

/* Runs every "Do it for me" on a new policy, one undo step each, checking
 * the marks before and after, then the result, then undoes them one by
 * one back to the new policy. */
static void
test_do_it_all (void)
{
  g_autoptr(NpTutorial) tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, NULL);
  g_autoptr(NpPolicy) policy = new_editor_policy ();
  g_autoptr(NpHistory) history = np_history_new ();
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  GListModel *model = G_LIST_MODEL (tutorial);
  guint n = g_list_model_get_n_items (model);
  guint applied = 0;

  np_history_watch_policy (history, policy);
  np_tutorial_set_policy (tutorial, policy);
  g_assert_true (np_tutorial_get_policy (tutorial) == policy);

  /* A new policy satisfies no step yet. */
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpTutorialStep) step = g_list_model_get_item (model, i);
      g_autoptr(GError) error = NULL;
      guint done_before = np_tutorial_get_n_done (tutorial);

      g_assert_false (np_tutorial_step_get_done (step));
      g_assert_false (np_tutorial_step_check (step, policy));
      if (!np_tutorial_step_get_has_action (step))
        {
          g_assert_false (np_tutorial_step_apply (step, policy, &error));
          g_assert_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_NO_ACTION);
          continue;
        }

      g_ptr_array_add (snapshots, node_of (policy));
      np_history_seal (history);
      g_assert_true (np_tutorial_step_apply (step, policy, &error));
      g_assert_no_error (error);
      applied++;
      /* The tutorial saw the policy change. */
      g_assert_true (np_tutorial_step_check (step, policy));
      g_assert_true (np_tutorial_step_get_done (step));
      g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, done_before + 1);

      /* Applying again changes nothing and adds no undo step. */
      {
        g_autoptr(NpNode) before = node_of (policy);
        g_autoptr(NpNode) after = NULL;

        g_assert_true (np_tutorial_step_apply (step, policy, NULL));
        after = node_of (policy);
        g_assert_true (np_node_equal (before, after));
      }
    }
  g_assert_cmpuint (applied, ==, 5);
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 5);

  {
    g_autoptr(NpNode) result = node_of (policy);
    g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);

    assert_same_data (result, expected_yaml);
    np_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
    for (guint i = 0; i < diagnostics->len; i++)
      {
        g_autofree char *text = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

        g_test_message ("%s", text);
        g_assert_cmpint (np_diagnostic_get_severity (g_ptr_array_index (diagnostics, i)), !=,
                         NP_SEVERITY_ERROR);
      }
  }

  /* One undo per applied step, newest first, each back to the snapshot. */
  for (guint i = snapshots->len; i > 0; i--)
    {
      g_autoptr(NpNode) now = NULL;

      g_assert_true (np_history_undo (history) == policy);
      now = node_of (policy);
      g_assert_true (np_node_equal (now, g_ptr_array_index (snapshots, i - 1)));
      g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, i - 1);
    }
  g_assert_false (np_history_get_can_undo (history));
  np_tutorial_set_policy (tutorial, NULL);
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 0);
}

/* Advice steps are done once acknowledged; steps with a check are done by
 * what the policy says only. */
static void
test_acknowledge (void)
{
  g_autoptr(NpTutorial) tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, NULL);
  g_autoptr(NpPolicy) policy = new_editor_policy ();
  NpTutorialStep *probes = np_tutorial_find_step (tutorial, "probes");
  NpTutorialStep *dns = np_tutorial_find_step (tutorial, "dns");
  NpTutorialStep *select = np_tutorial_find_step (tutorial, "select-pods");
  gboolean done = FALSE;

  np_tutorial_set_policy (tutorial, policy);
  np_tutorial_step_set_acknowledged (probes, TRUE);
  g_assert_true (np_tutorial_step_get_done (probes));
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 1);
  /* Editing the policy by hand marks a step. */
  np_policy_set_dns_allowed (policy, TRUE);
  g_assert_true (np_tutorial_step_get_done (dns));
  /* An egress rule isolates egress too (no policyTypes written). */
  g_assert_true (np_tutorial_step_get_done (np_tutorial_find_step (tutorial, "default-deny")));
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 3);
  np_policy_set_dns_allowed (policy, FALSE);
  g_assert_false (np_tutorial_step_get_done (dns));
  /* So does acknowledging it: keeping every pod of the namespace is a
   * choice the check cannot see. */
  g_object_set (select, "acknowledged", TRUE, NULL);
  g_assert_true (np_tutorial_step_get_acknowledged (select));
  g_object_get (select, "done", &done, NULL);
  g_assert_true (done);
  g_assert_false (np_tutorial_step_check (select, policy));
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 2);
  np_tutorial_step_set_acknowledged (probes, FALSE);
  np_tutorial_step_set_acknowledged (select, FALSE);
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 0);
}

/* Step 1 takes the label from the policy name when it says something. */
static void
test_select_pods_names (void)
{
  static const struct {
    const char *name;
    const char *app;
  } rows[] = {
    { "new-policy", "backend" },
    { NULL, "backend" },
    { "frontend", "frontend" },
    { "allow-billing-api-policy", "billing-api" },
    { "web-netpol", "web" },
    { "default-deny", "backend" },
    { "deny-all", "backend" },
    { "db.example-np", "db.example" },
  };
  g_autoptr(NpTutorial) tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, NULL);
  NpTutorialStep *step = np_tutorial_find_step (tutorial, "select-pods");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(NpPolicy) policy = np_policy_new ();
      NpLabelSelector *selector;

      np_policy_set_name (policy, rows[i].name);
      g_assert_true (np_tutorial_step_apply (step, policy, NULL));
      selector = np_policy_get_pod_selector (policy);
      g_assert_nonnull (selector);
      g_assert_cmpstr (np_label_selector_get_label (selector, "app"), ==, rows[i].app);
    }

  /* A selector with terms is left alone. */
  {
    g_autoptr(NpPolicy) policy = np_policy_new ();
    g_autoptr(NpLabelSelector) tier = np_label_selector_new ();

    np_policy_set_name (policy, "web");
    np_label_selector_set_label (tier, "tier", "db");
    np_policy_set_pod_selector (policy, tier);
    g_assert_true (np_tutorial_step_check (step, policy));
    g_assert_true (np_tutorial_step_apply (step, policy, NULL));
    g_assert_cmpstr (np_label_selector_get_label (np_policy_get_pod_selector (policy), "tier"), ==, "db");
    g_assert_null (np_label_selector_get_label (np_policy_get_pod_selector (policy), "app"));
  }
}

/* One "changed" per apply, so one undo step. */
static void
apply_dns (gpointer data)
{
  gpointer *args = data;

  g_assert_true (np_tutorial_step_apply (args[0], args[1], NULL));
}

static void
test_one_change (void)
{
  g_autoptr(NpTutorial) tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, NULL);
  const char *ids[] = { "select-pods", "default-deny", "dns", "same-namespace", "to-outside" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(NpPolicy) policy = new_editor_policy ();
      gpointer args[2] = { np_tutorial_find_step (tutorial, ids[i]), policy };

      g_assert_cmpuint (np_test_count_signal (policy, "changed", apply_dns, args), ==, 1);
    }
}

static const struct {
  const char *id;
  guint       n_policies;
} lessons[] = {
  { "cross-namespace", 1 },
  { "egress-needs-ingress", 2 },
  { "dns", 1 },
  { "combining-rules", 1 },
  { "empty-selectors", 1 },
};

/* Every lesson loads its example, and the example is a valid policy. */
static void
test_lessons (void)
{
  g_autoptr(GListModel) list = np_tutorial_list_lessons ();

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (lessons));
  for (guint i = 0; i < G_N_ELEMENTS (lessons); i++)
    {
      g_autoptr(NpTutorial) lesson = g_list_model_get_item (list, i);
      g_autoptr(NpTutorial) by_id = np_tutorial_new (lessons[i].id, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(NpManifest) manifest = NULL;
      g_autoptr(GListModel) policies = NULL;
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);

      g_assert_cmpstr (np_tutorial_get_id (lesson), ==, lessons[i].id);
      g_assert_nonnull (by_id);
      g_assert_cmpstr (np_tutorial_get_title (by_id), ==, np_tutorial_get_title (lesson));
      g_assert_true (np_tutorial_get_has_example (lesson));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lesson)), >=, 1);

      manifest = np_tutorial_load_example (lesson, &error);
      g_assert_no_error (error);
      g_assert_nonnull (manifest);
      policies = np_manifest_list_policies (manifest);
      g_assert_cmpuint (g_list_model_get_n_items (policies), ==, lessons[i].n_policies);
      np_manifest_validate (manifest, NP_VALIDATE_STRICT_CIDR, diagnostics);
      for (guint j = 0; j < diagnostics->len; j++)
        {
          g_autofree char *text = np_diagnostic_format (g_ptr_array_index (diagnostics, j));

          g_test_message ("%s: %s", lessons[i].id, text);
        }
      g_assert_cmpuint (diagnostics->len, ==, 0);
    }

  {
    g_autoptr(NpTutorial) main_tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_null (np_tutorial_get_example (main_tutorial, &error));
    g_assert_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_NOT_FOUND);
  }
}

/* A Cilium policy takes the tutorial as a NetworkPolicy does: a new one
 * has no step done, each "Do it for me" is one undo step and is then done,
 * and a finished Cilium file counts its steps done as soon as it is set. */
static void
test_cilium (void)
{
  g_autoptr(NpTutorial) tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, NULL);
  g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (FALSE);
  g_autoptr(NpHistory) history = np_history_new ();
  GListModel *model = G_LIST_MODEL (tutorial);
  guint applied = 0;

  np_cilium_policy_set_name (policy, "web-policy");
  np_cilium_policy_set_namespace (policy, "shop");
  np_history_watch_cilium_policy (history, policy);
  np_tutorial_set_policy (tutorial, policy);
  g_assert_true (np_tutorial_get_policy (tutorial) == (gpointer) policy);
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(NpTutorialStep) step = g_list_model_get_item (model, i);
      g_autoptr(GError) error = NULL;

      if (!np_tutorial_step_get_has_action (step))
        continue;
      g_assert_false (np_tutorial_step_check (step, policy));
      np_history_seal (history);
      g_assert_true (np_tutorial_step_apply (step, policy, &error));
      g_assert_no_error (error);
      g_assert_true (np_tutorial_step_check (step, policy));
      g_assert_true (np_tutorial_step_get_done (step));
      applied++;
    }
  g_assert_cmpuint (applied, ==, 5);
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 5);

  {
    g_autoptr(NpNode) node = np_cilium_policy_to_node (policy, FALSE);
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

    assert_same_data (np_node_lookup (node, "spec"),
                      "endpointSelector: {matchLabels: {app: web}}\n"
                      "egress:\n"
                      "- toEndpoints: [{matchLabels: {'k8s:io.kubernetes.pod.namespace': kube-system, 'k8s:k8s-app': kube-dns}}]\n"
                      "  toPorts: [{ports: [{port: '53', protocol: UDP}, {port: '53', protocol: TCP}]}]\n"
                      "- toEndpoints: [{}]\n"
                      "- toCIDRSet: [{cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}]\n"
                      "  toPorts: [{ports: [{port: '443', protocol: TCP}]}]\n"
                      "ingress:\n- fromEndpoints: [{}]\n");
    np_cilium_policy_validate (policy, NP_VALIDATE_DEFAULT, found);
    for (guint i = 0; i < found->len; i++)
      g_assert_cmpint (np_diagnostic_get_severity (g_ptr_array_index (found, i)), !=, NP_SEVERITY_ERROR);
  }

  for (guint i = applied; i > 0; i--)
    g_assert_true (np_history_undo (history) == (gpointer) policy);
  g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 0);

  /* Set to a finished file, the tutorial sees its steps done at once. */
  {
    const char yaml[] =
      "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: web, namespace: shop}\n"
      "spec:\n  endpointSelector: {matchLabels: {app: web}}\n"
      "  ingress:\n  - fromEndpoints: [{}]\n"
      "  egress:\n  - toEndpoints: [{}]\n"
      "  - toEndpoints: [{matchLabels: {'k8s:io.kubernetes.pod.namespace': kube-system, 'k8s:k8s-app': kube-dns}}]\n"
      "    toPorts: [{ports: [{port: '53', protocol: UDP}, {port: '53', protocol: TCP}]}]\n"
      "  - toFQDNs: [{matchName: api.example.com}]\n    toPorts: [{ports: [{port: '443', protocol: TCP}]}]\n";
    g_autoptr(NpNode) root = np_yaml_parse_one (yaml, strlen (yaml), NULL);
    g_autoptr(NpCiliumPolicy) done = np_cilium_policy_new_from_node (root, NULL);

    np_tutorial_set_policy (tutorial, done);
    g_assert_cmpuint (np_tutorial_get_n_done (tutorial), ==, 5);
    np_tutorial_set_policy (tutorial, NULL);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tutorial/main-steps", test_main_steps);
  g_test_add_func ("/tutorial/unknown", test_unknown_tutorial);
  g_test_add_func ("/tutorial/do-it-all", test_do_it_all);
  g_test_add_func ("/tutorial/acknowledge", test_acknowledge);
  g_test_add_func ("/tutorial/select-pods-names", test_select_pods_names);
  g_test_add_func ("/tutorial/one-change", test_one_change);
  g_test_add_func ("/tutorial/lessons", test_lessons);
  g_test_add_func ("/tutorial/cilium", test_cilium);

  return g_test_run ();
}
