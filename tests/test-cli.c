/* test-cli.c: the netpol command as a user runs it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "np-test-util.h"

typedef NpTestRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, np_test_run_clear)

static const char valid_policy[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  namespace: default\n"
  "  name: web\n"
  "spec:\n"
  "  ingress:\n"
  "  - ports:\n"
  "    - port: 80\n"
  "  podSelector:\n"
  "    matchLabels: {app: web}\n";

static const char invalid_policy[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: web\n"
  "  namespace: default\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  ingres:\n"
  "  - from:\n"
  "    - ipBlock:\n"
  "        cidr: 10.0.0.0\n";

static const char host_bits_policy[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: web, namespace: default}\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  egress:\n"
  "  - to:\n"
  "    - ipBlock: {cidr: 10.1.2.3/8}\n";

static void
test_usage (void)
{
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "--version", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "netpol " PACKAGE_VERSION "\n");
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "validate"));
    g_assert_nonnull (strstr (run.out, "fmt"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Usage"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown command"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--strict"));
    g_assert_nonnull (strstr (run.out, "Exit status"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "help", "fmt", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--write"));
  }
  /* The usage line names the arguments once (GOption adds the
   * remaining-arguments description itself). */
  {
    static const char * const usages[][2] = {
      { "validate", "  netpol validate [OPTION…] FILE… — check network policies\n" },
      { "explain", "  netpol explain [OPTION…] PATH… --from SRC --to DST — explain one connection\n" },
      { "diff", "  netpol diff [OPTION…] OLD NEW — compare what two sets of policies allow\n" },
      { "replay", "  netpol replay [OPTION…] FLOWS POLICY… — replay recorded flows against policies\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
      {
        g_auto(Run) run = { 0 };

        np_test_run_netpol (&run, NULL, "help", usages[i][0], NULL);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_nonnull (strstr (run.out, usages[i][1]));
      }
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", "--bogus", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", "-o", "xml", "x", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

static void
test_validate (void)
{
  g_autofree char *good = np_test_temp_file ("good.yaml", valid_policy);
  g_autofree char *bad = np_test_temp_file ("bad.yaml", invalid_policy);
  g_autofree char *expected_unknown = g_strdup_printf ("%s:8:3: error: Unknown field “ingres”", bad);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", good, bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, expected_unknown));
    g_assert_nonnull (strstr (run.out, "[spec.ingres]\n"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, invalid_policy, "validate", "-", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, "<stdin>:8:3: error: "));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, "a: [1\n", "validate", "-", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, "<stdin>:2:1: error: "));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", "/nonexistent/policy.yaml", good, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "/nonexistent/policy.yaml"));
  }

  np_test_remove_temp (good);
  np_test_remove_temp (bad);
}

/* The cluster-scoped kinds are validated beside NetworkPolicies: a finding
 * of one is positioned like any other, counts as a policy and fails the
 * run; a valid mix passes; fmt keeps them. */
static void
test_validate_cluster (void)
{
  static const char mixed[] =
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata: {name: np, namespace: shop}\n"
    "spec: {podSelector: {}}\n"
    "---\n"
    "apiVersion: policy.networking.k8s.io/v1alpha1\n"
    "kind: AdminNetworkPolicy\n"
    "metadata: {name: block-metadata}\n"
    "spec:\n"
    "  priority: %s\n"
    "  subject: {namespaces: {}}\n"
    "  egress:\n"
    "  - {action: Deny, to: [{networks: [169.254.169.254/32]}]}\n"
    "---\n"
    "apiVersion: policy.networking.k8s.io/v1alpha1\n"
    "kind: BaselineAdminNetworkPolicy\n"
    "metadata: {name: default}\n"
    "spec: {subject: {namespaces: {}}}\n"
    "---\n"
    "apiVersion: policy.networking.k8s.io/v1alpha2\n"
    "kind: ClusterNetworkPolicy\n"
    "metadata: {name: c}\n"
    "spec: {tier: Baseline, priority: 1, subject: {pods: {podSelector: {}}}}\n";
  g_autofree char *bad_text = g_strdup_printf (mixed, "1001");
  g_autofree char *good_text = g_strdup_printf (mixed, "10");
  g_autofree char *bad = np_test_temp_file ("cluster-bad.yaml", bad_text);
  g_autofree char *good = np_test_temp_file ("cluster-good.yaml", good_text);
  g_autofree char *expected = g_strdup_printf ("%s:10:13: error: ", bad);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, expected));
    g_assert_nonnull (strstr (run.out, "[spec.priority]\n"));
    g_assert_nonnull (strstr (run.err, "4 policies checked: 1 error, 0 warnings"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    /* Only the flow mappings become block style; nothing is dropped. */
    g_assert_nonnull (strstr (run.out, "kind: ClusterNetworkPolicy\nmetadata:\n  name: c\nspec:\n  tier: Baseline\n"));
    g_assert_nonnull (strstr (run.out, "  - action: Deny\n    to:\n    - networks:\n      - 169.254.169.254/32\n"));
  }
  np_test_remove_temp (bad);
  np_test_remove_temp (good);
}

static void
test_validate_strict (void)
{
  g_autofree char *path = np_test_temp_file ("bits.yaml", host_bits_policy);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ":8:23: warning: "));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", "--strict", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, ":8:23: error: "));
  }
  np_test_remove_temp (path);
}

static void
test_validate_json (void)
{
  g_autofree char *bad = np_test_temp_file ("bad.yaml", invalid_policy);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *file, *first;
  JsonArray *diagnostics;

  np_test_run_netpol (&run, NULL, "validate", "--output", "json", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member (root, "valid"));
  file = json_array_get_object_element (json_object_get_array_member (root, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, bad);
  diagnostics = json_object_get_array_member (file, "diagnostics");
  g_assert_cmpuint (json_array_get_length (diagnostics), ==, 1);
  first = json_array_get_object_element (diagnostics, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "unknown-field");
  g_assert_cmpstr (json_object_get_string_member (first, "path"), ==, "spec.ingres");
  g_assert_cmpint (json_object_get_int_member (first, "line"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (first, "column"), ==, 3);
  np_test_remove_temp (bad);
}

/* The API server reads a missing podSelector, and a missing or empty
 * spec, as the empty selector (Go's ValidateNetworkPolicySpec): validate
 * accepts them, fmt keeps them as written and lint notes what they mean. */
static void
test_validate_no_pod_selector (void)
{
  static const char no_selector[] =
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata:\n"
    "  name: web\n"
    "  namespace: default\n"
    "spec:\n"
    "  ingress:\n"
    "  - ports:\n"
    "    - port: 80\n";
  static const char empty_spec[] =
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata:\n"
    "  name: web\n"
    "  namespace: default\n"
    "spec: {}\n";
  g_autofree char *path = np_test_temp_file ("no-selector.yaml", no_selector);
  g_autofree char *empty = np_test_temp_file ("empty-spec.yaml", empty_spec);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", path, empty, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, no_selector);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", empty, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, empty_spec);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("%s:6:1: info: ", path);

    np_test_run_netpol (&run, NULL, "lint", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, expected));
    g_assert_nonnull (strstr (run.out, "every pod in namespace “default”"));
  }
  np_test_remove_temp (path);
  np_test_remove_temp (empty);
}

static void
test_fmt (void)
{
  g_autofree char *path = np_test_temp_file ("web.yaml", valid_policy);
  const char *canonical =
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata:\n"
    "  name: web\n"
    "  namespace: default\n"
    "spec:\n"
    "  podSelector:\n"
    "    matchLabels:\n"
    "      app: web\n"
    "  ingress:\n"
    "  - ports:\n"
    "    - port: 80\n";

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, canonical);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, canonical, "fmt", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, canonical);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", "-o", "json", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "{\n    \"apiVersion\" : \"networking.k8s.io/v1\",\n") ||
                   g_str_has_prefix (run.out, "{\n    \"apiVersion\": \"networking.k8s.io/v1\",\n"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", "-w", "-", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  np_test_remove_temp (path);
}

static void
test_fmt_write (void)
{
  g_autofree char *path = np_test_temp_file ("web.yaml", valid_policy);
  g_autofree char *broken = np_test_temp_file ("broken.yaml", "a: [1\n");
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", "-w", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A file that does not parse is reported and left alone. */
  g_clear_pointer (&contents, g_free);
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", "-w", broken, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, ":2:1: error: "));
  }
  g_assert_true (g_file_get_contents (broken, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a: [1\n");

  np_test_remove_temp (path);
  np_test_remove_temp (broken);
}

/* A write that fails half way (a full disk) is reported and leaves the file
 * as it was, with no temporary file beside it. */
static void
test_fmt_write_failure (void)
{
  static const char messy[] = "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\n"
                              "metadata: {name: web}\nspec: {podSelector: {}}\n";
  g_autofree char *path = np_test_temp_file ("messy.yaml", messy);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint count = 0;

  g_setenv ("NP_TEST_SAVE_FAIL", "write", TRUE);
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", "-w", path, NULL);
    g_assert_cmpint (run.status, !=, 0);
    g_assert_nonnull (strstr (run.err, "Could not save"));
    g_assert_nonnull (strstr (run.err, "messy.yaml"));
    g_assert_nonnull (strstr (run.err, "No space left on device"));
  }
  g_unsetenv ("NP_TEST_SAVE_FAIL");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, messy);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_cmpstr (name, ==, "messy.yaml");
      count++;
    }
  g_assert_cmpuint (count, ==, 1);
  np_test_remove_temp (path);
}

static const char cilium_policy[] =
  "# keep me\n"
  "metadata: {name: web, namespace: default}\n"
  "spec:\n"
  "  endpointSelector: {matchLabels: {app: web}}\n"
  "  ingress:\n"
  "  - fromEndpoints: [{matchLabels: {\"k8s:app\": lb}}]\n"
  "    toPorts:\n"
  "    - ports: [{port: \"80\", protocol: TCP}]\n"
  "      rules:\n"
  "        http: [{method: GET}]\n"
  "  - fromEntities: [world]\n"
  "kind: CiliumNetworkPolicy\n"
  "apiVersion: cilium.io/v2\n";

static const char invalid_cilium_policy[] =
  "apiVersion: cilium.io/v2\n"
  "kind: CiliumNetworkPolicy\n"
  "metadata: {name: web, namespace: default}\n"
  "spec:\n"
  "  endpointSelector: {}\n"
  "  ingress:\n"
  "  - fromEntities: [wrld]\n";

/* Runs `netpol validate -` on @text: its exit status. */
static int
validate_text (const char *text)
{
  g_auto(Run) run = { 0 };

  np_test_run_netpol (&run, text, "validate", "-", NULL);
  return run.status;
}

static void
test_cilium_validate_fmt (void)
{
  g_autofree char *path = np_test_temp_file ("cnp.yaml", cilium_policy);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "validate", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, invalid_cilium_policy, "validate", "-", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, "<stdin>:7:20: error: "));
    g_assert_nonnull (strstr (run.out, "[spec.ingress[0].fromEntities[0]]"));
  }
  {
    /* fmt moves the top-level keys only. */
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "fmt", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n"
                                              "  name: web\n  namespace: default\nspec:\n  endpointSelector:\n"));
    g_assert_cmpint (validate_text (run.out), ==, 0);
  }
  np_test_remove_temp (path);
}

static void
test_convert_usage (void)
{
  g_autofree char *good = np_test_temp_file ("good.yaml", valid_policy);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", good, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--to"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "calico", good, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cilium", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cilium", "-o", "xml", good, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cilium", "/nonexistent/policy.yaml", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "help", "convert", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--allow-lossy"));
    g_assert_nonnull (strstr (run.out, "Exit status"));
  }
  np_test_remove_temp (good);
}

static void
test_convert_to_cilium (void)
{
  g_autofree char *good = np_test_temp_file ("good.yaml", valid_policy);
  g_autofree char *bad = np_test_temp_file ("bad.yaml", invalid_policy);

  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cilium", good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpstr (run.out, ==,
                     "apiVersion: cilium.io/v2\n"
                     "kind: CiliumNetworkPolicy\n"
                     "metadata:\n"
                     "  name: web\n"
                     "  namespace: default\n"
                     "spec:\n"
                     "  endpointSelector:\n"
                     "    matchLabels:\n"
                     "      k8s:app: web\n"
                     "  ingress:\n"
                     "  - toPorts:\n"
                     "    - ports:\n"
                     "      - port: \"80\"\n"
                     "        protocol: TCP\n");
    g_assert_cmpint (validate_text (run.out), ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, valid_policy, "convert", "--to", "cilium-clusterwide", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "kind: CiliumClusterwideNetworkPolicy\n"));
    g_assert_nonnull (strstr (run.out, "k8s:io.kubernetes.pod.namespace: default\n"));
    g_assert_cmpint (validate_text (run.out), ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root;

    np_test_run_netpol (&run, NULL, "convert", "--to", "cilium", "-o", "json", good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "CiliumNetworkPolicy");
  }
  {
    /* Two files: two documents. */
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cilium", good, good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\n---\napiVersion: cilium.io/v2\n"));
  }
  {
    /* An invalid policy is not converted. */
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "cilium", bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, ":8:3: error: "));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, "a: [1\n", "convert", "--to", "cilium", "-", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  np_test_remove_temp (good);
  np_test_remove_temp (bad);
}

static void
test_convert_to_kubernetes (void)
{
  g_autofree char *path = np_test_temp_file ("cnp.yaml", cilium_policy);
  g_autofree char *expected_loss = g_strdup_printf ("%s:9:7: warning: ", path);

  {
    /* L7 rules cannot be said: refused. */
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "kubernetes", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_true (g_str_has_prefix (run.err, expected_loss));
    g_assert_nonnull (strstr (run.err, "[spec.ingress[0].toPorts[0].rules]\n"));
    g_assert_nonnull (strstr (run.err, "--allow-lossy"));
  }
  {
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, NULL, "convert", "--to", "kubernetes", "--allow-lossy", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.err, expected_loss));
    g_assert_cmpstr (run.out, ==,
                     "apiVersion: networking.k8s.io/v1\n"
                     "kind: NetworkPolicy\n"
                     "metadata:\n"
                     "  name: web\n"
                     "  namespace: default\n"
                     "spec:\n"
                     "  podSelector:\n"
                     "    matchLabels:\n"
                     "      app: web\n"
                     "  policyTypes:\n"
                     "  - Ingress\n"
                     "  ingress:\n"
                     "  - from:\n"
                     "    - ipBlock:\n"
                     "        cidr: 0.0.0.0/0\n"
                     "    - ipBlock:\n"
                     "        cidr: ::/0\n");
    g_assert_cmpint (validate_text (run.out), ==, 0);
  }
  {
    /* A NetworkPolicy stays one. */
    g_auto(Run) run = { 0 };
    np_test_run_netpol (&run, valid_policy, "convert", "--to", "kubernetes", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "kind: NetworkPolicy\n"));
  }
  np_test_remove_temp (path);
}

/* connectivity and explain ------------------------------------------------ */

static const char cluster[] =
  "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n"
  "spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}\n---\n"
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: client, namespace: shop}\n"
  "spec: {template: {metadata: {labels: {app: client}}, spec: {containers: [{name: c}]}}}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-in, namespace: shop}\n"
  "spec:\n"
  "  podSelector: {matchLabels: {app: web}}\n"
  "  ingress:\n"
  "  - from: [{podSelector: {matchLabels: {app: client}}}]\n"
  "    ports: [{port: http}]\n";

static void
test_connectivity (void)
{
  g_autofree char *path = np_test_temp_file ("cluster.yaml", cluster);

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "0.0.0.0-255.255.255.255[External] => shop/client[Deployment] : All Connections\n"
                     "shop/client[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
                     "shop/client[Deployment] => shop/web[Pod] : TCP 8080\n"
                     "shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
                     "shop/web[Pod] => shop/client[Deployment] : All Connections\n");
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *array;

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "json", "--focus-workload", "shop/web", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "conn"), ==,
                     "TCP 8080");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "xml", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown output format"));
  }
  {
    g_auto(Run) run = { 0 };

    /* As netpol-analyzer: a warning and an empty list, not an error. */
    np_test_run_netpol (&run, NULL, "connectivity", "--focus-workload", "shop/none", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "netpol: warning: Workload shop/none does not exist in the input resources.\n"));
    g_assert_nonnull (strstr (run.err, "The connectivity list is empty."));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "help", "connectivity", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--focus-workload"));
  }
  np_test_remove_temp (path);
}

/* Ingress and Route: the ingress controller's rows come last in every
 * list format, and netpol-analyzer's warnings go to stderr as notes. */
static const char exposed[] =
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
  "spec: {template: {metadata: {labels: {app: web}},\n"
  "  spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}\n---\n"
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace: shop}\n"
  "spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}}}\n---\n"
  "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
  "spec: {selector: {app: web}, ports: [{name: www, port: 80, targetPort: http}]}\n---\n"
  "apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: shop}\n"
  "spec: {selector: {app: db}, ports: [{port: 5432}]}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: front, namespace: shop}\n"
  "spec: {rules: [{http: {paths: [{path: /, backend: {service: {name: web, port: {name: www}}}}]}}]}\n---\n"
  "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: db, namespace: shop}\n"
  "spec: {to: {kind: Service, name: db}, alternateBackends: [{name: gone}]}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-in, namespace: shop}\n"
  "spec: {podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}\n";

static void
test_connectivity_ingress (void)
{
  g_autofree char *path = np_test_temp_file ("exposed.yaml", exposed);

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections\n"
                     "shop/db[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
                     "shop/db[Deployment] => shop/web[Deployment] : All Connections\n"
                     "shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
                     "shop/web[Deployment] => shop/db[Deployment] : All Connections\n"
                     "{ingress-controller} => shop/web[Deployment] : TCP 8080\n");
    g_assert_cmpstr (run.err, ==,
                     "netpol: note: Ignoring target service gone : service not found\n"
                     "netpol: note: Route resource shop/db specified workload shop/db[Deployment] as a "
                     "backend, but network policies are blocking ingress connections from an arbitrary "
                     "in-cluster source to this workload. Connectivity map will not include a possibly "
                     "allowed connection between the ingress controller and this workload.\n");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "csv", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, "\n{ingress-controller},shop/web[Deployment],TCP 8080\n"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "md", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, "\n| {ingress-controller} | shop/web[Deployment] | TCP 8080 |\n"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "help", "connectivity", NULL);
    g_assert_nonnull (strstr (run.out, "{ingress-controller}"));
  }
  np_test_remove_temp (path);
}

static void
test_connectivity_corpus_case (void)
{
  g_autofree char *dir = np_test_corpus_path ("connectivity/netpol-analysis-example-minimal");
  g_autofree char *expected_path = g_build_filename (dir, "expected_connlist.txt", NULL);
  g_autofree char *expected = np_test_read_file (expected_path, NULL);
  g_auto(Run) run = { 0 };

  np_test_run_netpol (&run, NULL, "connectivity", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_strchomp (run.out);
  g_strchomp (expected);
  g_assert_cmpstr (run.out, ==, expected);
}

/* The lines of `cluster`, each with its newline. */
#define EXT "0.0.0.0-255.255.255.255[External]"
#define EXT_TO_CLIENT EXT " => shop/client[Deployment] : All Connections\n"
#define CLIENT_TO_EXT "shop/client[Deployment] => " EXT " : All Connections\n"
#define CLIENT_TO_WEB "shop/client[Deployment] => shop/web[Pod] : TCP 8080\n"
#define WEB_TO_EXT "shop/web[Pod] => " EXT " : All Connections\n"
#define WEB_TO_CLIENT "shop/web[Pod] => shop/client[Deployment] : All Connections\n"
#define DOT_EDGE(src, dst, label, weight) \
  "\t\"" src "\" -> \"" dst "\" [label=\"" label "\" color=\"gold2\" fontcolor=\"darkgreen\" weight=" weight "]\n"
#define DOT_SHOP_CLUSTER \
  "\tsubgraph \"cluster_shop[namespace]\" {\n" \
  "\t\tcolor=\"black\"\n" \
  "\t\tfontcolor=\"black\"\n" \
  "\t\t\"shop/client[Deployment]\" [label=\"client[Deployment]\" color=\"blue\" fontcolor=\"blue\"]\n" \
  "\t\t\"shop/web[Pod]\" [label=\"web[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n" \
  "\t\tlabel=\"shop[namespace]\"\n" \
  "\t}\n" \
  "\t\"" EXT "\" [label=\"" EXT "\" color=\"red2\" fontcolor=\"red2\"]\n"

/* netpol-analyzer's json and dot layouts, written by hand from
 * shared/docs/analysis-formats.md §1 and §2. */
static void
test_connectivity_layouts (void)
{
  g_autofree char *path = np_test_temp_file ("cluster.yaml", cluster);

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "json", "--focus-workload", "shop/web",
            "--focus-direction", "ingress", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "[\n  {\n    \"src\": \"shop/client[Deployment]\",\n    \"dst\": \"shop/web[Pod]\",\n"
                     "    \"conn\": \"TCP 8080\"\n  }\n]");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "dot", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "digraph {\n"
                     DOT_SHOP_CLUSTER
                     DOT_EDGE (EXT, "shop/client[Deployment]", "All Connections", "0.5")
                     DOT_EDGE ("shop/client[Deployment]", EXT, "All Connections", "1")
                     DOT_EDGE ("shop/client[Deployment]", "shop/web[Pod]", "TCP 8080", "0.5")
                     DOT_EDGE ("shop/web[Pod]", EXT, "All Connections", "1")
                     DOT_EDGE ("shop/web[Pod]", "shop/client[Deployment]", "All Connections", "1")
                     "}");
  }
  {
    g_auto(Run) run = { 0 };

    /* An empty list: [] and a graph without nodes, no final newline. */
    np_test_run_netpol (&run, NULL, "connectivity", "-o", "json", "--focus-workload", "nobody", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "[]");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "dot", "--focusworkload", "nobody", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "digraph {\n}");
  }
  np_test_remove_temp (path);
}

/* Each focus flag, its netpol-analyzer spelling, comma lists and repeats. */
/* --exposure in each format, for the focus workload shop/web of `cluster`:
 * its ingress rule names app=client, which the real client matches, so no
 * representative; it is not isolated on Egress: an entire-cluster row with
 * All Connections, its address row repeated, and the "not protected" line
 * (shared/docs/analysis-formats.md §5, written by hand). */
#define EXPOSURE_LIST \
  "shop/client[Deployment] => shop/web[Pod] : TCP 8080\n" WEB_TO_EXT WEB_TO_CLIENT
#define EXPOSURE_ROWS(sep, end) \
  "shop/web[Pod]" sep EXT " : All Connections" end \
  "shop/web[Pod]" sep "entire-cluster : All Connections" end

static void
test_connectivity_exposure (void)
{
  g_autofree char *path = np_test_temp_file ("cluster.yaml", cluster);
  const struct { const char *format; const char *expected; } cases[] = {
    { "txt",
      EXPOSURE_LIST "\nExposure Analysis Result:\nEgress Exposure:\n"
      "shop/web[Pod] \t=> \t" EXT " : All Connections\n"
      "shop/web[Pod] \t=> \tentire-cluster : All Connections\n"
      "\nWorkloads not protected by network policies:\nshop/web[Pod] is not protected on Egress\n" },
    { "csv",
      "src,dst,conn\nshop/client[Deployment],shop/web[Pod],TCP 8080\n"
      "shop/web[Pod]," EXT ",All Connections\nshop/web[Pod],shop/client[Deployment],All Connections\n"
      "Exposure Analysis Result:,,\nEgress Exposure:,,\nsrc,dst,conn\n"
      "shop/web[Pod]," EXT ",All Connections\nshop/web[Pod],entire-cluster,All Connections\n" },
    { "md",
      "| src | dst | conn |\n|-----|-----|------|\n"
      "| shop/client[Deployment] | shop/web[Pod] | TCP 8080 |\n"
      "| shop/web[Pod] | " EXT " | All Connections |\n"
      "| shop/web[Pod] | shop/client[Deployment] | All Connections |\n"
      "## Exposure Analysis Result:\n### Egress Exposure:\n| src | dst | conn |\n|-----|-----|------|\n"
      "| shop/web[Pod] | " EXT " | All Connections |\n"
      "| shop/web[Pod] | entire-cluster | All Connections |\n\n" },
    { "json",
      "{\n  \"connlist_results\": [\n"
      "    {\n      \"src\": \"shop/client[Deployment]\",\n      \"dst\": \"shop/web[Pod]\",\n      \"conn\": \"TCP 8080\"\n    },\n"
      "    {\n      \"src\": \"shop/web[Pod]\",\n      \"dst\": \"" EXT "\",\n      \"conn\": \"All Connections\"\n    },\n"
      "    {\n      \"src\": \"shop/web[Pod]\",\n      \"dst\": \"shop/client[Deployment]\",\n      \"conn\": \"All Connections\"\n    }\n"
      "  ],\n  \"exposure_results\": {\n    \"egress_exposure\": [\n"
      "      {\n        \"src\": \"shop/web[Pod]\",\n        \"dst\": \"" EXT "\",\n        \"conn\": \"All Connections\"\n      },\n"
      "      {\n        \"src\": \"shop/web[Pod]\",\n        \"dst\": \"entire-cluster\",\n        \"conn\": \"All Connections\"\n      }\n"
      "    ],\n    \"ingress_exposure\": null\n  }\n}" },
    { "dot",
      "digraph {\n" DOT_SHOP_CLUSTER
      "\t\"entire-cluster\" [label=\"entire-cluster\" color=\"red2\" fontcolor=\"red2\" shape=diamond]\n"
      DOT_EDGE ("shop/client[Deployment]", "shop/web[Pod]", "TCP 8080", "0.5")
      DOT_EDGE ("shop/web[Pod]", EXT, "All Connections", "1")
      "\t\"shop/web[Pod]\" -> \"entire-cluster\" [label=\"All Connections\" color=\"darkorange4\" "
      "fontcolor=\"darkgreen\" weight=0.5 style=dashed]\n"
      DOT_EDGE ("shop/web[Pod]", "shop/client[Deployment]", "All Connections", "1")
      "}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      np_test_run_netpol (&run, NULL, "connectivity", "--exposure", "--focus-workload", "web", "-o", cases[i].format,
              path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, cases[i].expected);
      g_assert_cmpstr (run.err, ==, "");
    }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "--exposure", "--focus-workload", "web",
            "--focus-workload-peer", "client", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "--exposure is ignored with --focus-workload-peer."));
    g_assert_cmpstr (run.out, ==, "shop/client[Deployment] => shop/web[Pod] : TCP 8080\n"
                                  "shop/web[Pod] => shop/client[Deployment] : All Connections\n");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "help", "connectivity", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--exposure"));
    g_assert_nonnull (strstr (run.out, "Cilium policy selects are left out"));
  }
  np_test_remove_temp (path);
}

static void
test_connectivity_focus (void)
{
  g_autofree char *path = np_test_temp_file ("cluster.yaml", cluster);
  const struct {
    const char *args[9];
    const char *out;
  } cases[] = {
    /* NAME in any namespace; the upstream spelling. */
    { { "--focus-workload", "web" }, CLIENT_TO_WEB WEB_TO_EXT WEB_TO_CLIENT },
    { { "--focusworkload", "web" }, CLIENT_TO_WEB WEB_TO_EXT WEB_TO_CLIENT },
    { { "--focus-workload", "shop/web", "--focus-direction", "ingress" }, CLIENT_TO_WEB },
    { { "--focus-workload", "shop/web", "--focus-direction", "egress" }, WEB_TO_EXT WEB_TO_CLIENT },
    /* The peer list: workloads only, so no address range. */
    { { "--focus-workload", "web", "--focus-workload-peer", "client" }, CLIENT_TO_WEB WEB_TO_CLIENT },
    { { "--focusworkload", "web", "--focusworkload-peer", "shop/client" }, CLIENT_TO_WEB WEB_TO_CLIENT },
    { { "--focus-workload", "shop/web,client", "--focus-workload-peer", "web" }, CLIENT_TO_WEB WEB_TO_CLIENT },
    /* A comma list and repeated flags (either spelling) add up. */
    { { "--focus-workload", "client,ghost" }, EXT_TO_CLIENT CLIENT_TO_EXT CLIENT_TO_WEB WEB_TO_CLIENT },
    { { "--focus-workload", "ghost", "--focusworkload", "client" },
      EXT_TO_CLIENT CLIENT_TO_EXT CLIENT_TO_WEB WEB_TO_CLIENT },
    /* Only the pairs that allow TCP 9090 (not client => web, TCP 8080). */
    { { "--focus-conn", "TCP-9090" },
      "Permitted connections on TCP 9090:\n"
      EXT " => shop/client[Deployment]\nshop/client[Deployment] => " EXT "\n"
      "shop/web[Pod] => " EXT "\nshop/web[Pod] => shop/client[Deployment]\n" },
    { { "--focus-conn", "tcp-8080", "--focus-workload", "web", "--focus-direction", "ingress" },
      "Permitted connections on TCP 8080:\nshop/client[Deployment] => shop/web[Pod]\n" },
    { { "--focus-conn", "udp-53", "-o", "csv", "--focus-workload", "web", "--focus-direction", "ingress" },
      "src,dst\n" },
    { { "--focus-conn", "SCTP-1", "-o", "md", "--focus-workload", "web", "--focus-direction", "egress" },
      "| src | dst |\n|-----|-----|\n| shop/web[Pod] | " EXT " |\n| shop/web[Pod] | shop/client[Deployment] |\n" },
    { { "--focus-conn", "TCP-9090", "-o", "json", "--focus-workload", "web", "--focus-direction", "egress" },
      "[\n  {\n    \"src\": \"shop/web[Pod]\",\n    \"dst\": \"" EXT "\"\n  },\n"
      "  {\n    \"src\": \"shop/web[Pod]\",\n    \"dst\": \"shop/client[Deployment]\"\n  }\n]" },
    { { "--focus-conn", "TCP-9090", "-o", "dot", "--focus-workload", "web", "--focus-direction", "egress" },
      "digraph {\n" DOT_SHOP_CLUSTER
      DOT_EDGE ("shop/web[Pod]", EXT, "TCP 9090", "1")
      DOT_EDGE ("shop/web[Pod]", "shop/client[Deployment]", "TCP 9090", "1") "}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char * const *a = cases[i].args;

      /* The path in the middle: options may follow it; a NULL ends the list. */
      np_test_run_netpol (&run, NULL, "connectivity", a[0], a[1], path, a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_test_message ("case %u: %s %s", i, a[0], a[1]);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, cases[i].out);
      for (guint k = 0; k < G_N_ELEMENTS (cases[i].args) && a[k] != NULL; k++)
        if (strstr (a[k], "ghost") != NULL)
          g_assert_nonnull (strstr (run.err, "netpol: warning: Workload ghost does not exist in the input resources.\n"));
    }

  {
    g_auto(Run) run = { 0 };

    /* Without --focus-workload the other two are ignored, with a warning. */
    np_test_run_netpol (&run, NULL, "connectivity", "--focus-direction", "ingress", "--focusworkload-peer", "web", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, EXT_TO_CLIENT CLIENT_TO_EXT CLIENT_TO_WEB WEB_TO_EXT WEB_TO_CLIENT);
    g_assert_nonnull (strstr (run.err, "netpol: warning: --focus-direction applies only with --focus-workload"));
    g_assert_nonnull (strstr (run.err, "netpol: warning: --focus-workload-peer applies only with --focus-workload"));
  }
  {
    const char *bad[][2] = {
      { "--focus-direction", "sideways" }, { "--focus-conn", "TCP:80" }, { "--focus-conn", "tcp-99999" },
      { "--focus-conn", "ICMP-8" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(Run) run = { 0 };

        np_test_run_netpol (&run, NULL, "connectivity", "--focus-workload", "web", bad[i][0], bad[i][1], path, NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, bad[i][1]));
      }
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "--focus-direction", "sideways", path, NULL);
    g_assert_nonnull (strstr (run.err, "it must be one of ingress,egress"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "help", "connectivity", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--focus-workload-peer"));
    g_assert_nonnull (strstr (run.out, "--focus-direction"));
    g_assert_nonnull (strstr (run.out, "--focus-conn"));
    g_assert_nonnull (strstr (run.out, "--focusworkload"));
  }
  np_test_remove_temp (path);
}

/* netpol-analyzer's list --explain, written by hand from
 * shared/docs/analysis-formats.md §6 for `cluster`. */
#define X_DASHES10 "----------"
#define X_BETWEEN(src, dst) X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 \
  X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 X_DASHES10 \
  "\nConnections between " src " => " dst ":\n\n"
#define X_RULES " due to the following policies and rules:\n"
#define X_EGRESS_DEFAULT "\t\tEgress (Allowed) due to the system default (Allow all)\n"
#define X_EXPLAIN_EXT_WEB X_BETWEEN (EXT, "shop/web[Pod]") \
  "Denied connections:\n\tDenied TCP, UDP, SCTP" X_RULES X_EGRESS_DEFAULT "\t\tIngress (Denied)\n" \
  "\t\t\tNetworkPolicy 'shop/web-in' selects shop/web[Pod], but " EXT " is not allowed by any Ingress rule\n\n"
#define X_EXPLAIN_CLIENT_WEB X_BETWEEN ("shop/client[Deployment]", "shop/web[Pod]") \
  "Allowed connections:\n\tAllowed TCP:[8080]" X_RULES X_EGRESS_DEFAULT "\t\tIngress (Allowed)\n" \
  "\t\t\tNetworkPolicy 'shop/web-in' allows connections by Ingress rule #1\n\n" \
  "Denied connections:\n\tDenied TCP:[1-8079,8081-65535], UDP, SCTP" X_RULES X_EGRESS_DEFAULT \
  "\t\tIngress (Denied)\n\t\t\tNetworkPolicy 'shop/web-in' selects shop/web[Pod], and Ingress rule #1 " \
  "selects shop/client[Deployment], but the protocols and ports do not match\n\n"
#define X_SPECIFIC_HEADER "\n##########################################\n" \
  "# Specific connections and their reasons #\n##########################################\n"
#define X_DEFAULT_HEADER "\n#########################################################\n" \
  "# All Connections due to the system default (Allow all) #\n" \
  "#########################################################\n"

static void
test_connectivity_explain (void)
{
  g_autofree char *path = np_test_temp_file ("cluster.yaml", cluster);
  const char *ignoring[] = { "json", "csv", "md" };

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "--explain", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     X_SPECIFIC_HEADER X_EXPLAIN_EXT_WEB X_EXPLAIN_CLIENT_WEB
                     X_DEFAULT_HEADER
                     EXT " => shop/client[Deployment]\n"
                     "shop/client[Deployment] => " EXT "\n"
                     "shop/web[Pod] => " EXT "\n"
                     "shop/web[Pod] => shop/client[Deployment]\n");
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "--explain", "--explain-only", "deny", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, X_SPECIFIC_HEADER X_EXPLAIN_EXT_WEB);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *where = g_strdup_printf (" allows connections by Ingress rule #1 (%s:17)\n", path);

    /* The rule "- from: …" is on line 17 of `cluster`. */
    np_test_run_netpol (&run, NULL, "connectivity", "--explain=lines", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, where));
  }
  for (guint i = 0; i < G_N_ELEMENTS (ignoring); i++)
    {
      g_auto(Run) run = { 0 };
      g_auto(Run) plain = { 0 };

      /* As netpol-analyzer: the list as without --explain, and a warning. */
      np_test_run_netpol (&run, NULL, "connectivity", "--explain", "-o", ignoring[i], path, NULL);
      np_test_run_netpol (&plain, NULL, "connectivity", "-o", ignoring[i], path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, plain.out);
      g_assert_nonnull (strstr (run.err, "netpol: warning: --explain is supported with -o txt"));
    }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "--explain", "--explain-only", "all", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "it must be allow or deny"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "help", "connectivity", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--explain-only"));
    g_assert_nonnull (strstr (run.out, "--explain-lines"));
    g_assert_nonnull (strstr (run.out, "CiliumNetworkPolicy 'ns/name' allows connections by Ingress rule #N"));
  }
  np_test_remove_temp (path);
}

static void
test_explain (void)
{
  g_autofree char *path = np_test_temp_file ("cluster.yaml", cluster);

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/client", "--to", "shop/web", "--port", "8080/TCP",
            path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "shop/client → shop/web, TCP 8080: allowed\n"));
    g_assert_nonnull (strstr (run.out, "No policy isolates the source for egress"));
    g_assert_nonnull (strstr (run.out, "cluster.yaml:17: shop/web-in, ingress rule 1\n"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "10.1.2.3", "--to", "shop:app=web", "--port", "8080",
            path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "denied"));
    g_assert_nonnull (strstr (run.out, "cluster.yaml:11: shop/web-in\n"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/client", "--to", "shop/web", "-p", "9090",
            "-o", "json", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_false (json_object_get_boolean_member (object, "allowed"));
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "egress"), "allowed"));
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "ingress"), "isolated"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/nobody", "--to", "shop/web", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "names no workload"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/client", "--to", "shop/web", "--port", "http", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "is no port"));
  }
  np_test_remove_temp (path);
}

static const char cilium_cluster[] =
  "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n"
  "spec: {containers: [{name: c}]}\n---\n"
  "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: web-out, namespace: shop}\n"
  "spec:\n"
  "  endpointSelector: {matchLabels: {app: web}}\n"
  "  egress:\n"
  "  - toFQDNs: [{matchPattern: \"*.example.com\"}]\n"
  "    toPorts: [{ports: [{port: \"443\", protocol: TCP}]}]\n"
  "  - toEntities: [kube-apiserver]\n"
  "  ingress:\n"
  "  - fromEntities: [remote-node]\n";

static void
test_explain_cilium (void)
{
  g_autofree char *path = np_test_temp_file ("cilium.yaml", cilium_cluster);

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/web", "--to", "www.example.com", "--port", "443",
            path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "shop/web → www.example.com, TCP 443: allowed\n"));
    g_assert_nonnull (strstr (run.out, "cilium.yaml:12: shop/web-out, egress 1 (toFQDNs matchPattern: *.example.com)\n"));
    g_assert_nonnull (strstr (run.out, "The destination is outside the cluster"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/web", "--to", "example.com", "--port", "443", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/web", "--to", "kube-apiserver", "--port", "6443",
            path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "cilium.yaml:14: shop/web-out, egress 2\n"));
    g_assert_nonnull (strstr (run.out, "reserved identity"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "shop/web", "--to", "world", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "remote-node", "--to", "shop/web", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "cilium.yaml:16: shop/web-out, ingress 1\n"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "kube-apiserver", "--to", "shop/web", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "host", "--to", "shop/web", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  np_test_remove_temp (path);

  /* A host policy selecting every node. */
  g_free (path);
  path = np_test_temp_file ("host.yaml",
                    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: nodes}\n"
                    "spec:\n  nodeSelector: {}\n  ingress:\n  - fromEntities: [remote-node]\n");
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "remote-node", "--to", "host", "-p", "22", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "host.yaml:7: nodes, ingress 1\n"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "explain", "--from", "world", "--to", "remote-node", "-p", "22", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "host.yaml:1: nodes\n"));
  }
  np_test_remove_temp (path);
}

static const char lint_yaml[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: db\n"
  "  namespace: shop\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  policyTypes: [Ingress]\n"
  "  ingress:\n"
  "  - ports: [{port: 5432}]\n"
  "  egress:\n"
  "  - ports: [{port: 53, protocol: UDP}]\n";

static const char lint_clean_yaml[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: db\n"
  "  namespace: shop\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  policyTypes: [Ingress]\n";

static void
test_lint (void)
{
  g_autofree char *path = np_test_temp_file ("policy.yaml", lint_yaml);
  g_autofree char *clean = np_test_temp_file ("clean.yaml", lint_clean_yaml);

  {
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("%s:11:3: warning: ", path);

    np_test_run_netpol (&run, NULL, "lint", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, expected));
    g_assert_nonnull (strstr (run.out, "[spec.egress]\n"));
    g_assert_nonnull (strstr (run.err, "1 warning"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root, *first;

    np_test_run_netpol (&run, NULL, "lint", "-o", "json", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "warnings"), ==, 1);
    first = json_array_get_object_element (json_object_get_array_member (root, "diagnostics"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "ignored-egress-rules");
    g_assert_cmpint (json_object_get_int_member (first, "line"), ==, 11);
    g_assert_cmpstr (json_object_get_string_member (first, "file"), ==, path);
  }
  {
    /* A notice (deny-all) is no warning. */
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "lint", clean, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ": info: "));
    g_assert_nonnull (strstr (run.out, "[spec.policyTypes]"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "lint", "/nonexistent/policy.yaml", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "lint", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Exit status"));
  }
  np_test_remove_temp (path);
  np_test_remove_temp (clean);
}

static const char diff_cluster_yaml[] =
  "apiVersion: apps/v1\n"
  "kind: Deployment\n"
  "metadata: {name: web, namespace: shop}\n"
  "spec:\n"
  "  template:\n"
  "    metadata: {labels: {app: web}}\n"
  "    spec: {containers: [{name: c, image: x}]}\n"
  "---\n"
  "apiVersion: apps/v1\n"
  "kind: Deployment\n"
  "metadata: {name: db, namespace: shop}\n"
  "spec:\n"
  "  template:\n"
  "    metadata: {labels: {app: db}}\n"
  "    spec: {containers: [{name: c, image: x}]}\n";

#define DIFF_POLICY(port) \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: db, namespace: shop}\n" \
  "spec:\n" \
  "  podSelector: {matchLabels: {app: db}}\n" \
  "  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: " port "}]}]\n"

static void
test_diff (void)
{
  g_autofree char *cluster_path = np_test_temp_file ("cluster.yaml", diff_cluster_yaml);
  g_autofree char *old_policy = np_test_temp_file ("old.yaml", DIFF_POLICY ("5432"));
  g_autofree char *new_policy = np_test_temp_file ("new.yaml", DIFF_POLICY ("5433"));
  g_autofree char *old_side = g_strdup_printf ("%s,%s", cluster_path, old_policy);
  g_autofree char *new_side = g_strdup_printf ("%s,%s", cluster_path, new_policy);

  {
    g_auto(Run) run = { 0 };

    /* netpol's own +/-/~ text is -o text; the default is netpol-analyzer's txt. */
    np_test_run_netpol (&run, NULL, "diff", "-o", "text", old_side, new_side, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "~ shop/web[Deployment] => shop/db[Deployment] : TCP 5432 -> TCP 5433\n");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", "-o", "text", cluster_path, new_side, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==,
                     "- 0.0.0.0-255.255.255.255[External] => shop/db[Deployment] : All Connections\n"
                     "~ shop/web[Deployment] => shop/db[Deployment] : All Connections -> TCP 5433\n");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", old_side, old_side, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    np_test_run_netpol (&run, NULL, "diff", "-o", "json", old_side, new_side, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    g_assert_false (json_object_get_boolean_member (json_node_get_object (json_parser_get_root (parser)),
                                                    "identical"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", cluster_path, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", cluster_path, "/nonexistent/x.yaml", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "commas"));
    g_assert_nonnull (strstr (run.out, "Exit status"));
    g_assert_nonnull (strstr (run.out, "workloads-diff-info"));
    g_assert_nonnull (strstr (run.out, "--dir1"));
  }
  np_test_remove_temp (cluster_path);
  np_test_remove_temp (old_policy);
  np_test_remove_temp (new_policy);
}

/* A rule for 0.0.0.0/1 beside one that allows every source: the lists
 * print the outside in other pieces, the diff sees no change. */
#define DIFF_OPEN_POLICY(extra) \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: db, namespace: shop}\n" \
  "spec:\n" \
  "  podSelector: {matchLabels: {app: db}}\n" \
  "  ingress: [{}" extra "]\n"

static void
test_diff_analyzer_formats (void)
{
  g_autofree char *cluster_path = np_test_temp_file ("cluster.yaml", diff_cluster_yaml);
  g_autofree char *old_policy = np_test_temp_file ("old.yaml", DIFF_POLICY ("5432"));
  g_autofree char *new_policy = np_test_temp_file ("new.yaml", DIFF_POLICY ("5433"));
  g_autofree char *open_policy = np_test_temp_file ("open.yaml", DIFF_OPEN_POLICY (""));
  g_autofree char *half_policy = np_test_temp_file ("half.yaml",
                                            DIFF_OPEN_POLICY (", {from: [{ipBlock: {cidr: 0.0.0.0/1}}]}"));
  g_autofree char *old_side = g_strdup_printf ("%s,%s", cluster_path, old_policy);
  g_autofree char *new_side = g_strdup_printf ("%s,%s", cluster_path, new_policy);
  g_autofree char *open_side = g_strdup_printf ("%s,%s", cluster_path, open_policy);
  g_autofree char *half_side = g_strdup_printf ("%s,%s", cluster_path, half_policy);

  {
    g_auto(Run) run = { 0 };

    /* The default, and --dir1/--dir2 as netpol-analyzer spells the sides. */
    np_test_run_netpol (&run, NULL, "diff", "--dir1", cluster_path, "--dir2", new_side, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==,
      "Connectivity diff:\n"
      "diff-type: changed, source: shop/web[Deployment], destination: shop/db[Deployment], dir1: All Connections, dir2: TCP 5433\n"
      "diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination: shop/db[Deployment], dir1: All Connections, dir2: No Connections\n");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", "-o", "csv", old_side, new_side, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==,
      "diff-type,source,destination,dir1,dir2,workloads-diff-info\n"
      "changed,shop/web[Deployment],shop/db[Deployment],TCP 5432,TCP 5433,\n");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", "-o", "md", old_side, new_side, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==,
      "| diff-type | source | destination | dir1 | dir2 | workloads-diff-info |\n"
      "|-----------|--------|-------------|------|------|---------------------|\n"
      "| changed | shop/web[Deployment] | shop/db[Deployment] | TCP 5432 | TCP 5433 |  |");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", "-o", "dot", old_side, new_side, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, "digraph {\n\tsubgraph \"cluster_shop[namespace]\" {\n"));
    g_assert_nonnull (strstr (run.out,
      "\t\"shop/web[Deployment]\" -> \"shop/db[Deployment]\" [label=\"TCP 5433 (dir1: TCP 5432)\" "
      "color=\"magenta\" fontcolor=\"magenta\" weight=1]\n"));
    /* Unchanged pairs are drawn in grey. */
    g_assert_nonnull (strstr (run.out,
      "\t\"shop/db[Deployment]\" -> \"shop/web[Deployment]\" [label=\"All Connections\" "
      "color=\"grey\" fontcolor=\"grey\" weight=0.5]\n"));
    g_assert_true (g_str_has_suffix (run.out, "\t\tlp->pp [style=invis]\n\t}\n}"));
  }
  for (guint i = 0; i < 3; i++)
    {
      const char *formats[] = { "txt", "text", "csv" };
      g_auto(Run) run = { 0 };

      np_test_run_netpol (&run, NULL, "diff", "-o", formats[i], open_side, half_side, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, "");
    }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "diff", "--dir1", cluster_path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--dir2"));
  }
  np_test_remove_temp (cluster_path);
  np_test_remove_temp (old_policy);
  np_test_remove_temp (new_policy);
  np_test_remove_temp (open_policy);
  np_test_remove_temp (half_policy);
}

/* ---- netpol rate ---- */

static const char rate_yaml[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: open-egress, namespace: shop}\n"
  "spec:\n"
  "  podSelector: {}\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: locked, namespace: shop}\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  policyTypes: [Ingress, Egress]\n"
  "---\n"
  "apiVersion: cilium.io/v2\n"
  "kind: CiliumNetworkPolicy\n"
  "metadata: {name: world}\n"
  "spec:\n"
  "  endpointSelector: {}\n"
  "  egress:\n"
  "  - toEntities: [world]\n";

static void
test_rate_text (void)
{
  g_autofree char *path = np_test_temp_file ("rate.yaml", rate_yaml);
  g_auto(Run) run = { 0 };
  g_autofree char *first = NULL, *second = NULL, *third = NULL;

  np_test_run_netpol (&run, NULL, "rate", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  first = g_strdup_printf ("%s:1: open-egress 3/5\n", path);
  second = g_strdup_printf ("%s:7: locked 4/5\n", path);
  /* "world" blocks name lookups: dns-limited is not met (3 of 12). */
  third = g_strdup_printf ("%s:14: world 1/5\n", path);
  g_assert_true (g_str_has_prefix (run.out, first));
  g_assert_nonnull (strstr (run.out, second));
  g_assert_nonnull (strstr (run.out, third));
  g_assert_nonnull (strstr (run.out, "  +2 Incoming traffic is denied unless a rule allows it. [default-deny-ingress]\n"));
  g_assert_nonnull (strstr (run.out, "  -2 Outgoing traffic is not denied by default"));
  g_assert_nonnull (strstr (run.out, "  -1 The policy has no namespace"));
  /* "locked" denies everything, DNS too: 10 of 12 points, 4/5. */
  g_assert_nonnull (strstr (run.out, "  -2 No rule allows name lookups (port 53) to kube-dns: "
                                     "the pods cannot resolve names. [dns-limited]\n"));
  g_assert_cmpstr (run.err, ==, "");
  np_test_remove_temp (path);
}

static void
test_rate_json (void)
{
  g_autofree char *path = np_test_temp_file ("rate.yaml", rate_yaml);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *file, *policy, *reason;
  JsonArray *policies, *reasons;

  np_test_run_netpol (&run, NULL, "rate", "-o", "json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  file = json_array_get_object_element (json_object_get_array_member (root, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, path);
  policies = json_object_get_array_member (file, "policies");
  g_assert_cmpuint (json_array_get_length (policies), ==, 3);

  policy = json_array_get_object_element (policies, 0);
  g_assert_cmpstr (json_object_get_string_member (policy, "name"), ==, "open-egress");
  g_assert_cmpstr (json_object_get_string_member (policy, "kind"), ==, "NetworkPolicy");
  g_assert_cmpint (json_object_get_int_member (policy, "line"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (policy, "score"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (policy, "points"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (policy, "max_points"), ==, 10);
  reasons = json_object_get_array_member (policy, "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 6);
  reason = json_array_get_object_element (reasons, 1);
  g_assert_cmpstr (json_object_get_string_member (reason, "code"), ==, "default-deny-egress");
  g_assert_false (json_object_get_boolean_member (reason, "met"));
  g_assert_cmpint (json_object_get_int_member (reason, "points"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (reason, "max_points"), ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (reason, "message"), "Outgoing"));

  policy = json_array_get_object_element (policies, 2);
  g_assert_cmpstr (json_object_get_string_member (policy, "kind"), ==, "CiliumNetworkPolicy");
  g_assert_cmpint (json_object_get_int_member (policy, "score"), ==, 1);
  np_test_remove_temp (path);
}

static void
test_rate_errors (void)
{
  g_autofree char *path = np_test_temp_file ("rate.yaml", rate_yaml);
  g_autofree char *bad = np_test_temp_file ("bad.yaml", invalid_policy);
  g_autofree char *broken = np_test_temp_file ("broken.yaml", "a: [\n");

  {
    /* --min-score fails the run, and still prints every rating. */
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "rate", "--min-score", "3", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "world 1/5"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "rate", "--min-score", "1", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "rate", "--min-score", "6", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--min-score must be between 0 and 5"));
  }
  {
    /* A policy with errors is not rated: its errors say why. */
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("%s:8:3: error: ", bad);

    np_test_run_netpol (&run, NULL, "rate", bad, path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, expected));
    g_assert_nonnull (strstr (run.err, "not rated, fix the errors first"));
    g_assert_nonnull (strstr (run.out, "locked 4/5"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("%s:2:1: error: ", broken);

    np_test_run_netpol (&run, NULL, "rate", broken, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, expected));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "rate", "/nonexistent/policy.yaml", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "/nonexistent/policy.yaml"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "rate", "-o", "xml", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown output format"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "rate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "name at least one FILE"));
  }
  {
    /* Standard input. */
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, rate_yaml, "rate", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "<stdin>:1: open-egress 3/5\n"));
  }
  np_test_remove_temp (path);
  np_test_remove_temp (bad);
  np_test_remove_temp (broken);
}

/* from-flows and replay ------------------------------------------------------ */

#define CLI_WEB "{\"namespace\":\"shop\",\"pod_name\":\"web-1\",\"labels\":[\"k8s:app=web\",\"k8s:pod-template-hash=9f\"]}"
#define CLI_API "{\"namespace\":\"shop\",\"pod_name\":\"api-1\",\"labels\":[\"k8s:app=api\"]}"
#define CLI_FLOW(src, dst, port) \
  "{\"flow\":{\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"10.0.0.2\"}," \
  "\"l4\":{\"TCP\":{\"source_port\":40000,\"destination_port\":" #port "}},\"source\":" src ",\"destination\":" dst "}}\n"

static const char cli_flows[] =
  CLI_FLOW (CLI_WEB, CLI_API, 8080)
  "{\"flow\": nope}\n"
  CLI_FLOW (CLI_WEB, CLI_API, 8081)
  CLI_FLOW (CLI_API, CLI_WEB, 80);

static void
test_from_flows (void)
{
  g_autofree char *flows = np_test_temp_file ("flows.json", cli_flows);
  g_autofree char *empty = np_test_temp_file ("empty.json", "");

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", "--workload", "shop:app=web", flows, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "kind: NetworkPolicy\n"));
    g_assert_nonnull (strstr (run.out, "  name: web-from-flows\n"));
    g_assert_nonnull (strstr (run.out, "    - protocol: TCP\n      port: 8080\n      endPort: 8081\n"));
    g_assert_null (strstr (run.out, "pod-template-hash"));
    /* the malformed line, with its position */
    g_assert_nonnull (strstr (run.err, "flows.json:2:"));
    g_assert_nonnull (strstr (run.err, "not valid JSON"));
  }
  {
    g_auto(Run) run = { 0 };

    /* one policy per workload, as a multi-document stream */
    np_test_run_netpol (&run, NULL, "from-flows", "--to", "cilium", flows, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "  name: api-from-flows\n"));
    g_assert_nonnull (strstr (run.out, "\n---\n"));
    g_assert_nonnull (strstr (run.out, "  name: web-from-flows\n"));
    g_assert_nonnull (strstr (run.out, "kind: CiliumNetworkPolicy\n"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", "--workload", "shop:app=none", flows, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "No forwarded flow involves the pods app=none in namespace shop"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", empty, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "holds no flow records"));
    g_assert_nonnull (strstr (run.err, "nothing to write a policy for"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", "--workload", "app=web", flows, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "NAMESPACE:LABEL=VALUE"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", "--to", "calico", flows, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown kind “calico”"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", "/nonexistent/flows.json", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, cli_flows, "from-flows", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "<stdin>:2:"));
  }
  {
    g_auto(Run) run = { 0 };
    static const char twins[] =
      CLI_FLOW ("{\"namespace\":\"shop\",\"pod_name\":\"a\",\"labels\":[\"k8s:app=web\",\"k8s:team=a\",\"k8s:version=v2\"]}",
                CLI_API, 80)
      CLI_FLOW ("{\"namespace\":\"shop\",\"pod_name\":\"b\",\"labels\":[\"k8s:app=web\",\"k8s:team=b\",\"k8s:version=v2\"]}",
                CLI_API, 80);

    /* named after app and version; the second of the same name gets a number */
    np_test_run_netpol (&run, twins, "from-flows", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "  name: api-from-flows\n"));
    g_assert_nonnull (strstr (run.out, "  name: web-v2-from-flows\n"));
    g_assert_nonnull (strstr (run.out, "  name: web-v2-from-flows-2\n"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "help", "from-flows", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--include-dropped"));
    g_assert_nonnull (strstr (run.out, "Exit status:"));
  }
  np_test_remove_temp (flows);
  np_test_remove_temp (empty);
}

static void
test_replay (void)
{
  static const char narrow_text[] = CLI_FLOW (CLI_WEB, CLI_API, 8080);
  g_autofree char *flows = np_test_temp_file ("flows.json", cli_flows);
  g_autofree char *narrow_flows = np_test_temp_file ("narrow.json", narrow_text);
  g_autofree char *policy = NULL;
  g_autofree char *narrow = NULL;

  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", flows, NULL);
    g_assert_cmpint (run.status, ==, 0);
    policy = np_test_temp_file ("policy.yaml", run.out);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "from-flows", narrow_flows, NULL);
    g_assert_cmpint (run.status, ==, 0);
    narrow = np_test_temp_file ("narrow.yaml", run.out);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "replay", flows, policy, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "3 flows replayed (replies left out): 3 allowed, 0 dropped, 0 not evaluated."));
    g_assert_null (strstr (run.out, "Dropped:"));
  }
  {
    g_auto(Run) run = { 0 };

    /* web may only send to api on 8080 now, and api only take 8080 from web: 8081 is refused on both sides */
    np_test_run_netpol (&run, NULL, "replay", flows, narrow, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "1 dropped"));
    g_assert_nonnull (strstr (run.out, "Dropped:\n  shop/web-1 → shop/api-1 8081/TCP (recorded FORWARDED, 1×, line 3): "
                                       "dropped by the egress of the source and the ingress of the destination\n"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root, *dropped = NULL;
    JsonArray *list;

    /* The same replay for scripts: counts, and each flow with its outcome. */
    np_test_run_netpol (&run, NULL, "replay", "-o", "json", flows, narrow, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "allowed"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (root, "dropped"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (root, "skipped"), ==, 0);
    list = json_object_get_array_member (root, "flows");
    g_assert_cmpuint (json_array_get_length (list), ==, 3);
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *flow = json_array_get_object_element (list, i);

        if (g_str_equal (json_object_get_string_member (flow, "outcome"), "dropped"))
          dropped = flow;
        else
          g_assert_cmpstr (json_object_get_string_member (flow, "outcome"), ==, "allowed");
      }
    g_assert_nonnull (dropped);
    g_assert_cmpstr (json_object_get_string_member (dropped, "source"), ==, "shop/web-1");
    g_assert_cmpstr (json_object_get_string_member (dropped, "destination"), ==, "shop/api-1");
    g_assert_cmpint (json_object_get_int_member (dropped, "port"), ==, 8081);
    g_assert_cmpint (json_object_get_int_member (dropped, "line"), ==, 3);
    g_assert_true (json_object_get_boolean_member (dropped, "egress_denied"));
    g_assert_true (json_object_get_boolean_member (dropped, "ingress_denied"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "replay", "-o", "yaml", flows, narrow, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "use text or json"));
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "replay", flows, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "help", "replay", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Exit status:"));
  }
  np_test_remove_temp (flows);
  np_test_remove_temp (narrow_flows);
  np_test_remove_temp (policy);
  np_test_remove_temp (narrow);
}

/* Every corpus flow file: from-flows writes valid policies (or says there is
 * nothing to write), and replaying them over the same flows drops no
 * forwarded flow, except, for NetworkPolicies, those to or from Cilium
 * entities, which a NetworkPolicy cannot name. */
static void
test_from_flows_corpus (void)
{
  g_autofree char *dir = np_test_corpus_path ("flows");
  const char * const suffixes[] = { ".json", ".jsonl", NULL };
  const char * const nothing[] = { "cilium-docs-hubble-exporter-events.jsonl",
                                   "hubble-otel-basic-sample-400-icmpv4-flows.json", NULL };
  g_autoptr(GPtrArray) files = NULL;

  if (dir == NULL)
    return;
  files = np_test_list_files (dir, suffixes);
  g_assert_cmpuint (files->len, ==, 10);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (path);

      for (guint k = 0; k < 2; k++)
        {
          const char *kind = k == 0 ? "kubernetes" : "cilium";
          g_auto(Run) run = { 0 };
          g_auto(Run) check = { 0 };
          g_auto(Run) replay = { 0 };
          g_autofree char *policy = NULL;
          const char *dropped;

          np_test_run_netpol (&run, NULL, "from-flows", path, "--to", kind, NULL);
          if (g_strv_contains (nothing, base))
            {
              if (run.status != 1 || strstr (run.err, "nothing to write a policy for") == NULL)
                np_test_fail ("%s --to %s: expected the “nothing to write” message, got exit %d: %s",
                              base, kind, run.status, run.err);
              continue;
            }
          if (run.status != 0 || strstr (run.out, "kind: ") == NULL)
            {
              np_test_fail ("%s --to %s: exit %d: %s", base, kind, run.status, run.err);
              continue;
            }
          policy = np_test_temp_file ("generated.yaml", run.out);
          np_test_run_netpol (&check, NULL, "validate", policy, NULL);
          if (check.status != 0)
            np_test_fail ("%s --to %s: the policies do not validate: %s", base, kind, check.out);

          np_test_run_netpol (&replay, NULL, "replay", path, policy, NULL);
          dropped = strstr (replay.out, "Dropped:\n");
          if (k == 1 && (replay.status != 0 || dropped != NULL))
            np_test_fail ("%s --to cilium: replay drops flows: %s", base, replay.out);
          if (k == 0 && dropped != NULL)
            {
              g_auto(GStrv) lines = g_strsplit (dropped + strlen ("Dropped:\n"), "\n", -1);

              for (guint j = 0; lines[j] != NULL && *lines[j] != '\0'; j++)
                if (!g_str_has_prefix (lines[j], "  host ") && !g_str_has_prefix (lines[j], "  remote-node ") &&
                    strstr (lines[j], "→ host ") == NULL && strstr (lines[j], "→ remote-node ") == NULL)
                  np_test_fail ("%s --to kubernetes: replay drops %s", base, lines[j]);
            }
          if (k == 0 && replay.status != (dropped != NULL ? 1 : 0))
            np_test_fail ("%s: replay exit %d", base, replay.status);
          np_test_remove_temp (policy);
        }
    }
}

/* Every command checks --output the same way, with one message that names
 * the formats it takes, before reading any file. */
static void
test_output_option (void)
{
  g_autofree char *path = np_test_temp_file ("policy.yaml", valid_policy);
  static const struct {
    const char *args[6];
    const char *choices;
  } cases[] = {
    { { "validate", NULL }, "text or json" },
    { { "fmt", NULL }, "yaml or json" },
    { { "convert", "--to", "cilium", NULL }, "yaml or json" },
    { { "connectivity", NULL }, "txt, json, csv, md, dot or text" },
    { { "explain", "--from", "default/a", "--to", "default/b", NULL }, "text or json" },
    { { "diff", "FILE", NULL }, "txt, csv, md, dot, text or json" },
    { { "lint", NULL }, "text or json" },
    { { "rate", NULL }, "text or json" },
    { { "replay", NULL }, "text or json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *expected = g_strdup_printf ("netpol: unknown output format “xml”: use %s\n",
                                                   cases[i].choices);
      const char *argv[10] = { NULL };
      guint n = 0;

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        argv[n++] = g_str_equal (cases[i].args[j], "FILE") ? path : cases[i].args[j];
      argv[n++] = "--output";
      argv[n++] = "xml";
      argv[n++] = path;
      np_test_run_netpol (&run, NULL, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], argv[8], argv[9],
              NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, expected);
    }

  /* Each format a command names is taken. */
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "-o", "text", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "fmt", "-o", "json", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "{"));
  }
  np_test_remove_temp (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("NETPOL") == NULL)
    {
      g_printerr ("NETPOL must name the netpol binary\n");
      return 1;
    }

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/validate-cluster", test_validate_cluster);
  g_test_add_func ("/cli/validate-strict", test_validate_strict);
  g_test_add_func ("/cli/validate-json", test_validate_json);
  g_test_add_func ("/cli/validate-no-pod-selector", test_validate_no_pod_selector);
  g_test_add_func ("/cli/fmt", test_fmt);
  g_test_add_func ("/cli/fmt-write", test_fmt_write);
  g_test_add_func ("/cli/fmt-write-failure", test_fmt_write_failure);
  g_test_add_func ("/cli/cilium-validate-fmt", test_cilium_validate_fmt);
  g_test_add_func ("/cli/convert-usage", test_convert_usage);
  g_test_add_func ("/cli/convert-to-cilium", test_convert_to_cilium);
  g_test_add_func ("/cli/convert-to-kubernetes", test_convert_to_kubernetes);
  g_test_add_func ("/cli/connectivity", test_connectivity);
  g_test_add_func ("/cli/connectivity-corpus-case", test_connectivity_corpus_case);
  g_test_add_func ("/cli/connectivity-layouts", test_connectivity_layouts);
  g_test_add_func ("/cli/connectivity-focus", test_connectivity_focus);
  g_test_add_func ("/cli/connectivity-ingress", test_connectivity_ingress);
  g_test_add_func ("/cli/connectivity-explain", test_connectivity_explain);
  g_test_add_func ("/cli/connectivity-exposure", test_connectivity_exposure);
  g_test_add_func ("/cli/explain", test_explain);
  g_test_add_func ("/cli/explain-cilium", test_explain_cilium);
  g_test_add_func ("/cli/lint", test_lint);
  g_test_add_func ("/cli/diff", test_diff);
  g_test_add_func ("/cli/diff/analyzer-formats", test_diff_analyzer_formats);
  g_test_add_func ("/cli/rate-text", test_rate_text);
  g_test_add_func ("/cli/rate-json", test_rate_json);
  g_test_add_func ("/cli/rate-errors", test_rate_errors);
  g_test_add_func ("/cli/from-flows", test_from_flows);
  g_test_add_func ("/cli/replay", test_replay);
  g_test_add_func ("/cli/from-flows-corpus", test_from_flows_corpus);
  g_test_add_func ("/cli/output-option", test_output_option);

  return g_test_run ();
}
