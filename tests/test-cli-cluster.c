/* test-cli-cluster.c: the netpol command on AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy and ClusterNetworkPolicy, as a user runs it:
 * convert both ways, lint, rate, and validate/fmt of a mixed file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "np-test-util.h"

typedef NpTestRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, np_test_run_clear)

static const char v1alpha1[] =
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: AdminNetworkPolicy\n"
  "metadata:\n"
  "  name: tenants\n"
  "  labels: {owner: platform}\n"
  "spec:\n"
  "  priority: 10\n"
  "  subject:\n"
  "    namespaces: {matchLabels: {tenant: blue}}\n"
  "  ingress:\n"
  "  - name: same-tenant\n"
  "    action: Pass\n"
  "    from:\n"
  "    - namespaces: {matchLabels: {tenant: blue}}\n"
  "  - name: web\n"
  "    action: Allow\n"
  "    from:\n"
  "    - namespaces: {}\n"
  "    ports:\n"
  "    - portRange: {start: 443, end: 443}\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: BaselineAdminNetworkPolicy\n"
  "metadata:\n"
  "  name: default\n"
  "spec:\n"
  "  subject:\n"
  "    namespaces: {}\n"
  "  ingress:\n"
  "  - action: Deny\n"
  "    from:\n"
  "    - namespaces: {}\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: web\n"
  "  namespace: shop\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  policyTypes:\n"
  "  - Ingress\n";

static const char expected_v1alpha2[] =
  "apiVersion: policy.networking.k8s.io/v1alpha2\n"
  "kind: ClusterNetworkPolicy\n"
  "metadata:\n"
  "  name: tenants\n"
  "  labels:\n"
  "    owner: platform\n"
  "spec:\n"
  "  tier: Admin\n"
  "  priority: 10\n"
  "  subject:\n"
  "    namespaces:\n"
  "      matchLabels:\n"
  "        tenant: blue\n"
  "  ingress:\n"
  "  - name: same-tenant\n"
  "    action: Pass\n"
  "    from:\n"
  "    - namespaces:\n"
  "        matchLabels:\n"
  "          tenant: blue\n"
  "  - name: web\n"
  "    action: Accept\n"
  "    from:\n"
  "    - namespaces: {}\n"
  "    protocols:\n"
  "    - tcp:\n"
  "        destinationPort:\n"
  "          number: 443\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha2\n"
  "kind: ClusterNetworkPolicy\n"
  "metadata:\n"
  "  name: default\n"
  "spec:\n"
  "  tier: Baseline\n"
  "  priority: 10\n"
  "  subject:\n"
  "    namespaces: {}\n"
  "  ingress:\n"
  "  - action: Deny\n"
  "    from:\n"
  "    - namespaces: {}\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: web\n"
  "  namespace: shop\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  policyTypes:\n"
  "  - Ingress\n";

static void
test_convert (void)
{
  g_autofree char *path = np_test_temp_file ("v1.yaml", v1alpha1);

  {
    /* A note (the baseline's priority) does not stop the conversion; the
     * NetworkPolicy is left as it is. */
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cluster-network-policy", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, expected_v1alpha2);
    g_assert_nonnull (strstr (run.err, "v1.yaml:27:3: info: "));
    g_assert_null (strstr (run.err, "warning"));
  }
  {
    /* Validates clean, and comes back as it was (but for the one-port
     * range, which v1alpha2 spells as a number). */
    g_auto(Run) there = { 0 };
    g_auto(Run) valid = { 0 };
    g_auto(Run) back = { 0 };

    np_test_run_netpol (&there, NULL, "convert", "--to", "cluster-network-policy", path, NULL);
    np_test_run_netpol (&valid, there.out, "validate", "-", NULL);
    g_assert_cmpint (valid.status, ==, 0);
    g_assert_cmpstr (valid.out, ==, "");
    np_test_run_netpol (&back, there.out, "convert", "--to", "admin-network-policy", "-", NULL);
    g_assert_cmpint (back.status, ==, 0);
    g_assert_cmpstr (back.err, ==, "");
    g_assert_nonnull (strstr (back.out, "kind: AdminNetworkPolicy\n"));
    g_assert_nonnull (strstr (back.out, "kind: BaselineAdminNetworkPolicy\n"));
    g_assert_nonnull (strstr (back.out, "    - portNumber:\n        protocol: TCP\n        port: 443\n"));
    g_assert_null (strstr (back.out, "tier:"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cluster-network-policy", "-o", "json", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"kind\" : \"List\""));
    g_assert_nonnull (strstr (run.out, "\"tier\" : \"Baseline\""));
  }
  np_test_remove_temp (path);
}

static const char lossy[] =
  "apiVersion: policy.networking.k8s.io/v1alpha2\n"
  "kind: ClusterNetworkPolicy\n"
  "metadata:\n"
  "  name: cluster-baseline\n"
  "spec:\n"
  "  tier: Baseline\n"
  "  priority: 50\n"
  "  subject: {namespaces: {}}\n"
  "  egress:\n"
  "  - action: Accept\n"
  "    to:\n"
  "    - domainNames: [example.com]\n"
  "    - networks: [10.0.0.0/8]\n";

static void
test_convert_losses (void)
{
  g_autofree char *path = np_test_temp_file ("lossy.yaml", lossy);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "admin-network-policy", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "lossy.yaml:4:9: warning: "));
    g_assert_nonnull (strstr (run.err, "lossy.yaml:12:7: warning: "));
    g_assert_nonnull (strstr (run.err, "2 parts cannot be converted"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "admin-network-policy", "--allow-lossy", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "kind: BaselineAdminNetworkPolicy\n"));
    g_assert_nonnull (strstr (run.out, "  name: default\n"));
    g_assert_null (strstr (run.out, "domainNames"));
    g_assert_nonnull (strstr (run.out, "10.0.0.0/8"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "anp", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "cluster-network-policy"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "help", "convert", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "admin-network-policy"));
  }
  np_test_remove_temp (path);
}

static const char to_lint[] =
  "apiVersion: policy.networking.k8s.io/v1alpha2\n"
  "kind: ClusterNetworkPolicy\n"
  "metadata: {name: egress}\n"
  "spec:\n"
  "  tier: Admin\n"
  "  priority: 1\n"
  "  subject: {namespaces: {}}\n"
  "  egress:\n"
  "  - {name: block, action: Deny, to: [{networks: [0.0.0.0/0]}]}\n"
  "  - {name: never, action: Accept, to: [{networks: [10.0.0.0/8]}]}\n";

static void
test_lint_and_rate (void)
{
  g_autofree char *path = np_test_temp_file ("egress.yaml", to_lint);
  g_autofree char *clean = np_test_temp_file ("v1.yaml", v1alpha1);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "lint", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "egress.yaml:9:33: warning: This Deny rule")); /* on `to` */
    g_assert_nonnull (strstr (run.out, "[spec.egress[0].to]\n"));
    g_assert_nonnull (strstr (run.out, "egress.yaml:10:5: warning: This rule can never match"));
    /* The summary counts the cluster-wide policy it linted. */
    g_assert_nonnull (strstr (run.err, "1 policy checked: 2 warnings"));
  }
  {
    /* The pass has a NetworkPolicy and a baseline below it: nothing to say
     * about the cluster-wide policies (the NetworkPolicy gets its notice). */
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "lint", clean, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "warning"));
    g_assert_null (strstr (run.out, "Pass"));
    g_assert_nonnull (strstr (run.out, "v1.yaml:41:3: info: "));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "rate", clean, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ":1: tenants 5/5\n"));
    g_assert_nonnull (strstr (run.out, ":22: default 4/5\n"));
    g_assert_nonnull (strstr (run.out, "[default-deny-egress]"));
    g_assert_nonnull (strstr (run.out, ":34: web "));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "rate", "--min-score", "5", clean, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "rate", "-o", "json", clean, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"BaselineAdminNetworkPolicy\""));
  }
  np_test_remove_temp (path);
  np_test_remove_temp (clean);
}

/* kubectl get anp,banp -o yaml prints a List: its items are converted,
 * rated and linted one by one. */
static const char list[] =
  "apiVersion: v1\n"
  "kind: List\n"
  "items:\n"
  "- apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "  kind: AdminNetworkPolicy\n"
  "  metadata: {name: in-list}\n"
  "  spec:\n"
  "    priority: 1\n"
  "    subject: {namespaces: {}}\n"
  "    egress: [{action: Deny, to: [{networks: [0.0.0.0/0]}]}]\n"
  "- apiVersion: v1\n"
  "  kind: ConfigMap\n"
  "  metadata: {name: other}\n";

static void
test_list (void)
{
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, list, "convert", "--to", "cluster-network-policy", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "apiVersion: policy.networking.k8s.io/v1alpha2\n"
                                              "kind: ClusterNetworkPolicy\n"));
    g_assert_nonnull (strstr (run.out, "---\napiVersion: v1\nkind: ConfigMap\n"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, list, "rate", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ":4: in-list "));
  }
  {
    g_autofree char *path = np_test_temp_file ("list.yaml", list);
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "lint", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "list.yaml:10:"));
    np_test_remove_temp (path);
  }
}

/* validate and fmt take the three kinds among other objects. */
static void
test_validate_fmt_mixed (void)
{
  g_autofree char *path = np_test_temp_file ("v1.yaml", v1alpha1);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "kind: AdminNetworkPolicy\n"));
    g_assert_nonnull (strstr (run.out, "    - portRange:\n        start: 443\n        end: 443\n"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "--help", NULL);
    g_assert_nonnull (strstr (run.out, "ClusterNetworkPolicy"));
  }
  np_test_remove_temp (path);
}

/* Every example of data/examples validates without a finding, and lints
 * with exactly the findings its comments announce, one line each:
 * "# lint: CODE" (none, for the examples as they are). */
static void
test_data_examples (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("NP_TEST_SRCDIR"), "..", "data", "examples", NULL);
  static const char * const suffixes[] = { ".yaml", NULL };
  g_autoptr(GPtrArray) files = np_test_list_files (dir, suffixes);
  guint n_cluster = 0;

  g_assert_cmpuint (files->len, >=, 4);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *text = np_test_read_file (path, NULL);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autoptr(GPtrArray) announced = g_ptr_array_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_auto(Run) valid = { 0 };
      g_auto(Run) lint = { 0 };
      JsonArray *found;

      n_cluster += strstr (text, "policy.networking.k8s.io/") != NULL;
      for (guint l = 0; lines[l] != NULL; l++)
        if (g_str_has_prefix (lines[l], "# lint: "))
          g_ptr_array_add (announced, lines[l] + strlen ("# lint: "));

      np_test_run_netpol (&valid, NULL, "validate", path, NULL);
      if (valid.status != 0 || *valid.out != '\0')
        np_test_fail ("%s does not validate clean:\n%s", path, valid.out);

      np_test_run_netpol (&lint, NULL, "lint", "-o", "json", path, NULL);
      g_assert_true (json_parser_load_from_data (parser, lint.out, -1, &error));
      g_assert_no_error (error);
      found = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "diagnostics");
      for (guint d = 0; d < json_array_get_length (found); d++)
        {
          const char *code = json_object_get_string_member (json_array_get_object_element (found, d), "code");

          if (!g_ptr_array_find_with_equal_func (announced, code, g_str_equal, NULL))
            np_test_fail ("%s: lint finds %s, which no “# lint: %s” comment announces", path, code, code);
        }
      for (guint a = 0; a < announced->len; a++)
        {
          gboolean seen = FALSE;

          for (guint d = 0; d < json_array_get_length (found) && !seen; d++)
            seen = g_str_equal (json_object_get_string_member (json_array_get_object_element (found, d), "code"),
                                g_ptr_array_index (announced, a));
          if (!seen)
            np_test_fail ("%s announces %s, which lint does not find", path, (char *) g_ptr_array_index (announced, a));
        }
    }
  /* The tenant isolation, the baseline and the metadata block. */
  g_assert_cmpuint (n_cluster, >=, 3);
}

int
main (int argc, char *argv[])
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/cli-cluster/convert", test_convert);
  g_test_add_func ("/cli-cluster/convert-losses", test_convert_losses);
  g_test_add_func ("/cli-cluster/lint-and-rate", test_lint_and_rate);
  g_test_add_func ("/cli-cluster/validate-fmt-mixed", test_validate_fmt_mixed);
  g_test_add_func ("/cli-cluster/list", test_list);
  g_test_add_func ("/cli-cluster/data-examples", test_data_examples);
  return g_test_run ();
}
