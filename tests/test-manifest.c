/* test-manifest.c: files of several documents: load, edit, save, validate
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "np-cilium-policy.h"
#include "np-diagnostic.h"
#include "np-history.h"
#include "np-manifest.h"
#include "np-policy.h"
#include "np-yaml.h"

/* The policies of a manifest are NpPolicy or NpCiliumPolicy objects: these
 * tests read NetworkPolicies only. (transfer full) */
static NpPolicy *
get_network_policy (GListModel *policies, guint position)
{
  GObject *item = g_list_model_get_item (policies, position);

  g_assert_true (NP_IS_POLICY (item));
  return NP_POLICY (item);
}

static const char multi[] =
  "# Deployment first\n"
  "apiVersion: apps/v1\n"
  "kind: Deployment\n"
  "metadata: {name: web}   # flow style, kept as written\n"
  "spec:\n"
  "  replicas: 2\n"
  "---\n"
  "# the policy\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: web\n"
  "  namespace: prod\n"
  "spec:\n"
  "  podSelector:\n"
  "    matchLabels: {app: web}\n"
  "  ingress: []\n"
  "---\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: List\n"
  "items:\n"
  "- apiVersion: v1\n"
  "  kind: ConfigMap\n"
  "  metadata: {name: c}\n"
  "- apiVersion: networking.k8s.io/v1\n"
  "  kind: NetworkPolicy\n"
  "  metadata: {name: second, namespace: prod}\n"
  "  spec: {podSelector: {}}\n"
  "# end of file\n";

static NpManifest *
load_text (const char *text, gsize length, const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(GError) error = NULL;
  NpManifest *manifest = np_manifest_new ();

  g_assert_true (np_manifest_load_bytes (manifest, bytes, name, &error));
  g_assert_no_error (error);
  return manifest;
}

static char *
share_of (NpManifest *manifest, guint index)
{
  g_autoptr(NpDocument) document = g_list_model_get_item (np_manifest_get_documents (manifest), index);
  GString *out = g_string_new (NULL);

  np_document_write (document, out);
  return g_string_free (out, FALSE);
}

static void
test_classify (void)
{
  g_autoptr(NpManifest) manifest = load_text (multi, strlen (multi), "multi.yaml");
  GListModel *documents = np_manifest_get_documents (manifest);
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  const NpDocumentKind kinds[] = { NP_DOCUMENT_OTHER, NP_DOCUMENT_POLICY, NP_DOCUMENT_EMPTY, NP_DOCUMENT_LIST };

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      g_assert_cmpint (np_document_get_kind (document), ==, kinds[i]);
    }
  g_assert_cmpuint (g_list_model_get_n_items (policies), ==, 2);
  {
    g_autoptr(NpDocument) first = g_list_model_get_item (documents, 0);
    g_autoptr(NpDocument) second = g_list_model_get_item (documents, 1);

    g_assert_cmpstr (np_document_get_object_kind (first), ==, "Deployment");
    g_assert_cmpstr (np_document_get_object_name (first), ==, "web");
    g_assert_cmpuint (np_document_get_line (second), ==, 9);
  }
  g_assert_false (np_manifest_get_modified (manifest));
  g_assert_cmpint (np_manifest_get_format (manifest), ==, NP_FORMAT_YAML);
}

static void
test_edit_keeps_others (void)
{
  g_autoptr(NpManifest) original = load_text (multi, strlen (multi), "multi.yaml");
  g_autoptr(NpManifest) manifest = load_text (multi, strlen (multi), "multi.yaml");
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(NpPolicy) in_list = get_network_policy (policies, 1);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(NpManifest) reread = NULL;
  g_autofree char *list_share = NULL;

  np_policy_set_namespace (in_list, "staging");
  g_assert_true (np_manifest_get_modified (manifest));

  saved = np_manifest_to_bytes (manifest);
  reread = load_text (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "saved.yaml");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *a = share_of (original, i);
      g_autofree char *b = share_of (reread, i);

      g_assert_cmpstr (a, ==, b);
    }
  list_share = share_of (reread, 3);
  g_test_message ("list share:\n%s", list_share);
  /* the separator before the list and the comment after it survive */
  g_assert_true (g_str_has_prefix (list_share, "---\napiVersion: v1\nkind: List\n"));
  g_assert_true (g_str_has_suffix (list_share, "# end of file\n"));
  g_assert_nonnull (strstr (list_share, "namespace: staging"));
  g_assert_nonnull (strstr (list_share, "kind: ConfigMap"));
}

static void
test_unmodified_bytes (void)
{
  const char *texts[] = {
    multi,
    "\xEF\xBB\xBF" "a: 1\r\n---\r\nb: 2",
    "# nothing but a comment",
    "",
    "---\n---\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(NpManifest) manifest = load_text (texts[i], strlen (texts[i]), "x.yaml");
      g_autoptr(GBytes) saved = np_manifest_to_bytes (manifest);

      g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), texts[i], strlen (texts[i]));
    }
}

static void
test_crlf (void)
{
  const char *text = "apiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata:\r\n  name: a\r\nspec:\r\n  podSelector: {}\r\n";
  g_autoptr(NpManifest) manifest = load_text (text, strlen (text), "crlf.yaml");
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(NpPolicy) policy = get_network_policy (policies, 0);
  g_autoptr(GBytes) saved = NULL;
  const char *data;

  np_policy_set_namespace (policy, "prod");
  saved = np_manifest_to_bytes (manifest);
  data = g_bytes_get_data (saved, NULL);
  g_assert_nonnull (g_strstr_len (data, g_bytes_get_size (saved), "  name: a\r\n  namespace: prod\r\n"));
  /* every line end is CR LF */
  for (gsize i = 0; i < g_bytes_get_size (saved); i++)
    if (data[i] == '\n')
      g_assert_cmpint (data[i - 1], ==, '\r');
}

/* Old Mac line ends: a lone CR breaks lines for libyaml too, so the
 * documents split at the same places, and the bytes come back unchanged
 * (a fuzz finding: the first document ran into the second). */
static void
test_cr_only (void)
{
  static const char fuzzed[] = "ei\r\n--\r---\r=\r\nCP\n";
  static const char text[] =
    "apiVersion: networking.k8s.io/v1\rkind: NetworkPolicy\rmetadata:\r  name: a\r"
    "spec:\r  podSelector: {}\r---\r"
    "apiVersion: networking.k8s.io/v1\rkind: NetworkPolicy\rmetadata:\r  name: b\r"
    "spec:\r  podSelector: {}\r";
  g_autoptr(NpManifest) odd = np_manifest_new ();
  g_autoptr(GBytes) odd_bytes = g_bytes_new_static (fuzzed, strlen (fuzzed));
  g_autoptr(NpManifest) manifest = load_text (text, strlen (text), "cr.yaml");
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(NpPolicy) second = get_network_policy (policies, 1);
  g_autoptr(GBytes) saved = np_manifest_to_bytes (manifest);

  np_manifest_load_bytes (odd, odd_bytes, "fuzzed.yaml", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (np_manifest_get_documents (odd)); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (np_manifest_get_documents (odd), i);

      g_assert_true (NP_IS_DOCUMENT (document));
    }

  g_assert_cmpuint (g_list_model_get_n_items (policies), ==, 2);
  g_assert_cmpstr (np_policy_get_name (second), ==, "b");
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), text, strlen (text));
}

static void
test_json (void)
{
  const char *text =
    "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"List\",\n    \"items\": [\n"
    "        {\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"NetworkPolicy\",\n"
    "         \"metadata\": {\"name\": \"a\", \"namespace\": \"x\"},\n"
    "         \"spec\": {\"podSelector\": {}, \"ingress\": [{\"ports\": [{\"port\": 80}]}]}}\n    ]\n}\n";
  g_autoptr(NpManifest) manifest = load_text (text, strlen (text), "list.json");
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(NpPolicy) policy = get_network_policy (policies, 0);
  g_autoptr(GBytes) unchanged = np_manifest_to_bytes (manifest);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(NpNode) root = NULL;
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  NpNode *item;

  g_assert_cmpint (np_manifest_get_format (manifest), ==, NP_FORMAT_JSON);
  g_assert_cmpmem (g_bytes_get_data (unchanged, NULL), g_bytes_get_size (unchanged), text, strlen (text));

  np_policy_set_name (policy, "renamed");
  saved = np_manifest_to_bytes (manifest);
  g_assert_cmpint (((const char *) g_bytes_get_data (saved, NULL))[0], ==, '{');
  root = np_yaml_parse_one (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &diagnostic);
  g_assert_nonnull (root);
  item = np_node_get_item (np_node_lookup (root, "items"), 0);
  g_assert_cmpstr (np_node_get_text (np_node_lookup (np_node_lookup (item, "metadata"), "name")), ==, "renamed");
  g_assert_cmpint (np_node_get_scalar_type (np_node_lookup (np_node_get_item (np_node_lookup (np_node_get_item (
    np_node_lookup (np_node_lookup (item, "spec"), "ingress"), 0), "ports"), 0), "port")), ==, NP_SCALAR_INT);
}

static void
test_parse_error (void)
{
  g_autoptr(NpManifest) manifest = load_text (multi, strlen (multi), "good.yaml");
  g_autoptr(GBytes) bad = g_bytes_new_static ("a: 1\nb: [\n", 10);
  g_autoptr(GError) error = NULL;
  NpDiagnostic *diagnostic;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_false (np_manifest_load_bytes (manifest, bad, "bad.yaml", &error));
  g_assert_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "bad.yaml:3:1: error: "));
  diagnostic = np_manifest_get_parse_diagnostic (manifest);
  g_assert_nonnull (diagnostic);
  g_assert_cmpuint (np_diagnostic_get_line (diagnostic), ==, 3);
  /* nothing half-read, and nothing lost: saving gives the text back */
  g_assert_cmpuint (g_list_model_get_n_items (np_manifest_get_documents (manifest)), ==, 0);
  {
    g_autoptr(GBytes) saved = np_manifest_to_bytes (manifest);

    g_assert_true (g_bytes_equal (saved, bad));
  }
  np_manifest_validate (manifest, 0, diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 1);
}

static void
test_validate (void)
{
  const char *text =
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: x}\nspec:\n  podSelector: {}\n"
    "---\n"
    "apiVersion: v1\nkind: List\nitems:\n"
    "- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: B, namespace: x}\n  spec: {podSelector: {}}\n"
    "---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: c, namespace: x}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: [80]\n";
  g_autoptr(NpManifest) manifest = load_text (text, strlen (text), "v.yaml");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  NpDiagnostic *first, *second;

  np_manifest_validate (manifest, 0, diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  first = g_ptr_array_index (diagnostics, 0);
  second = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpstr (np_diagnostic_get_file (first), ==, "v.yaml");
  g_assert_cmpstr (np_diagnostic_get_path (first), ==, "items[0].metadata.name");
  g_assert_cmpint (np_diagnostic_get_document (first), ==, 1);
  g_assert_cmpuint (np_diagnostic_get_line (first), ==, 12);
  g_assert_cmpstr (np_diagnostic_get_code (second), ==, "wrong-type");
  g_assert_cmpint (np_diagnostic_get_document (second), ==, 2);
  g_assert_cmpuint (np_diagnostic_get_line (second), ==, 22);
}

static void
test_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-manifest-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(NpPolicy) policy = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, multi, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (np_manifest_load_file (manifest, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (np_manifest_get_display_name (manifest), ==, path);

  policies = np_manifest_list_policies (manifest);
  policy = get_network_policy (policies, 0);
  np_policy_set_name (policy, "saved");
  g_assert_true (np_manifest_save (manifest, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (np_manifest_get_modified (manifest));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "  name: saved\n"));
  g_assert_true (g_str_has_prefix (contents, "# Deployment first\napiVersion: apps/v1\n"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  /* editing after a save still works on the new state */
  {
    g_autoptr(GListModel) again = np_manifest_list_policies (manifest);
    g_autoptr(NpPolicy) reloaded = get_network_policy (again, 0);

    g_assert_cmpstr (np_policy_get_name (reloaded), ==, "saved");
    np_policy_set_name (reloaded, "saved-twice");
    g_assert_true (np_manifest_get_modified (manifest));
  }

  g_remove (path);
  g_rmdir (dir);
}

/* Back at the data of the last load or save (an edit undone, a name typed
 * back), the file is unmodified again and would be written as it was read;
 * not after documents came or went, nor for data that differs. */
static void
test_check_saved (void)
{
  g_autoptr(NpManifest) manifest = load_text (multi, strlen (multi), "multi.yaml");
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(NpPolicy) web = get_network_policy (policies, 0);
  g_autoptr(NpPolicy) second = get_network_policy (policies, 1);
  g_autoptr(NpHistory) history = np_history_new ();
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (np_manifest_check_saved (manifest));

  /* The same value again is the data as read. */
  np_history_watch_policy (history, web);
  np_policy_set_namespace (web, "staging");
  g_assert_true (np_manifest_get_modified (manifest));
  g_assert_false (np_manifest_check_saved (manifest));
  g_assert_true (np_manifest_get_modified (manifest));
  g_assert_true (np_history_undo (history) == (gpointer) web);
  g_assert_true (np_manifest_check_saved (manifest));
  g_assert_false (np_manifest_get_modified (manifest));
  bytes = np_manifest_to_bytes (manifest);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), multi, strlen (multi));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A List's policy, written in flow style: the file as it was, layout and
   * comments included. */
  np_policy_set_name (second, "renamed");
  g_assert_false (np_manifest_check_saved (manifest));
  np_policy_set_name (second, "second");
  g_assert_true (np_manifest_check_saved (manifest));
  bytes = np_manifest_to_bytes (manifest);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), multi, strlen (multi));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Text typed as it is stays an edit. */
  {
    NpDocument *document = np_manifest_find_document (manifest, web);

    np_document_set_text (document, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n");
    g_assert_false (np_manifest_check_saved (manifest));
    g_assert_true (np_manifest_get_modified (manifest));
  }

  /* A document added and removed again: the file is not back. */
  {
    g_autoptr(NpManifest) other = load_text (multi, strlen (multi), "multi.yaml");
    g_autoptr(NpPolicy) added = np_policy_new ();
    GListModel *documents = np_manifest_get_documents (other);
    g_autoptr(NpDocument) last = NULL;

    np_manifest_add_policy (other, added);
    last = g_list_model_get_item (documents, g_list_model_get_n_items (documents) - 1);
    np_manifest_remove_document (other, last);
    g_assert_false (np_manifest_check_saved (other));
    g_assert_true (np_manifest_get_modified (other));
  }
}

/* After a save, the saved data is the one to come back to. */
static void
test_check_saved_after_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-manifest-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(NpPolicy) web = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, multi, -1, NULL));
  g_assert_true (np_manifest_load_file (manifest, file, NULL, &error));
  g_assert_no_error (error);
  policies = np_manifest_list_policies (manifest);
  web = get_network_policy (policies, 0);
  np_policy_set_name (web, "saved");
  g_assert_true (np_manifest_save (manifest, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  /* The name as first read is no longer what is on disk. */
  np_policy_set_name (web, "web");
  g_assert_false (np_manifest_check_saved (manifest));
  np_policy_set_name (web, "saved");
  g_assert_true (np_manifest_check_saved (manifest));
  bytes = np_manifest_to_bytes (manifest);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, strlen (contents));

  g_remove (path);
  g_rmdir (dir);
}

static void
test_add_policy (void)
{
  g_autoptr(NpManifest) manifest = load_text ("a: 1\n", 5, "x.yaml");
  g_autoptr(NpPolicy) policy = np_policy_new ();
  g_autoptr(GBytes) saved = NULL;

  np_policy_set_name (policy, "added");
  np_manifest_add_policy (manifest, policy);
  g_assert_true (np_manifest_get_modified (manifest));
  saved = np_manifest_to_bytes (manifest);
  g_assert_cmpstr (g_bytes_get_data (saved, NULL), ==,
                   "a: 1\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: added\nspec:\n  podSelector: {}\n");
}

/* A Cilium policy is added as its own document too. */
static void
test_add_cilium_policy (void)
{
  g_autoptr(NpManifest) manifest = load_text ("a: 1\n", 5, "x.yaml");
  g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (FALSE);
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GObject) listed = NULL;
  g_autoptr(GBytes) saved = NULL;

  np_cilium_policy_set_name (policy, "added");
  np_manifest_add_policy (manifest, policy);
  g_assert_true (np_manifest_get_modified (manifest));
  policies = np_manifest_list_policies (manifest);
  g_assert_cmpuint (g_list_model_get_n_items (policies), ==, 1);
  listed = g_list_model_get_item (policies, 0);
  g_assert_true (listed == G_OBJECT (policy));
  saved = np_manifest_to_bytes (manifest);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (saved, NULL),
                                   "a: 1\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"));
}

static void
test_remove_document (void)
{
  g_autoptr(NpManifest) manifest = load_text (multi, strlen (multi), "multi.yaml");
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(NpPolicy) policy = get_network_policy (policies, 0);
  NpDocument *document = np_manifest_find_document (manifest, policy);
  g_autoptr(GBytes) saved = NULL;

  g_assert_nonnull (document);
  g_assert_cmpint (np_document_get_kind (document), ==, NP_DOCUMENT_POLICY);
  np_manifest_remove_document (manifest, document);
  g_assert_true (np_manifest_get_modified (manifest));
  g_assert_cmpuint (g_list_model_get_n_items (np_manifest_get_documents (manifest)), ==, 3);
  saved = np_manifest_to_bytes (manifest);
  g_assert_null (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "name: web\n  namespace: prod"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "kind: Deployment"));
}

/* np_manifest_find_document() remembers where it found policies: what it
 * remembers must follow documents that are replaced, removed and added. */
static void
test_find_document (void)
{
  g_autoptr(NpManifest) manifest = load_text (multi, strlen (multi), "multi.yaml");
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(NpPolicy) web = get_network_policy (policies, 0);
  g_autoptr(NpPolicy) second = get_network_policy (policies, 1);
  g_autoptr(NpPolicy) fresh = np_policy_new ();
  g_autoptr(NpPolicy) added = np_policy_new ();
  g_autoptr(NpDocument) web_document = g_list_model_get_item (np_manifest_get_documents (manifest), 1);
  g_autoptr(NpDocument) list_document = g_list_model_get_item (np_manifest_get_documents (manifest), 3);
  NpDocument *found;

  g_assert_true (np_manifest_find_document (manifest, web) == web_document);
  /* The second search of the file remembered the List's policy too. */
  g_assert_true (np_manifest_find_document (manifest, second) == list_document);
  g_assert_true (np_manifest_find_document (manifest, web) == web_document);
  g_assert_null (np_manifest_find_document (manifest, fresh));

  /* Replaced: the old policy has no document any more, the new one has. */
  g_assert_true (np_manifest_replace_policy (manifest, web, fresh));
  g_assert_null (np_manifest_find_document (manifest, web));
  found = np_manifest_find_document (manifest, fresh);
  g_assert_nonnull (found);
  g_assert_true (found != web_document);
  g_assert_true (np_document_find_policy (found, fresh, NULL));

  /* Removed: not found, although it was found before. */
  g_assert_true (np_manifest_find_document (manifest, second) == list_document);
  np_manifest_remove_document (manifest, list_document);
  g_assert_null (np_manifest_find_document (manifest, second));

  /* Added after the searches above. */
  np_manifest_add_policy (manifest, added);
  found = np_manifest_find_document (manifest, added);
  g_assert_nonnull (found);
  g_assert_true (np_document_find_policy (found, added, NULL));
  g_assert_true (np_manifest_find_document (manifest, fresh) != found);
}

/* The findings of @text, formatted, one a line: through a manifest, or a
 * document at a time. */
static char *
check_text (const char *text, gboolean streamed, guint *n_policies)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  GString *out = g_string_new (NULL);

  if (streamed)
    g_assert_true (np_manifest_validate_bytes (bytes, "check.yaml", NP_VALIDATE_DEFAULT, diagnostics,
                                               n_policies, NULL));
  else
    {
      g_autoptr(NpManifest) manifest = np_manifest_new ();

      np_manifest_load_bytes (manifest, bytes, "check.yaml", NULL);
      np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
      *n_policies = np_manifest_count_policies (manifest);
    }
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_string_append_printf (out, "%u %s\n", np_diagnostic_get_document (g_ptr_array_index (diagnostics, i)), line);
    }
  return g_string_free (out, FALSE);
}

static void
test_validate_streamed (void)
{
  static const char * const texts[] = {
    multi,
    /* findings in several documents, a List, a Cilium policy */
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\n"
    "spec: {podSelector: {}, ingress: [{form: []}]}\n"
    "---\napiVersion: v1\nkind: List\nitems:\n"
    "- {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: b, namespace: x},"
    " spec: {podSelector: {matchLabels: {app: \"-bad\"}}}}\n"
    "- {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, spec: {podSelector: 3}}\n"
    "---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c}\n"
    "spec: {endpointSelector: {}, ingress: [{fromCIDR: [10.0.0.0/33]}]}\n",
    /* a syntax error after a document with findings: only the error */
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: {podSelector: {}, egres: []}\n"
    "---\nkey: [1\n",
    "",
    "# nothing but a comment\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      guint n_whole = 0, n_streamed = 0;
      g_autofree char *whole = check_text (texts[i], FALSE, &n_whole);
      g_autofree char *streamed = check_text (texts[i], TRUE, &n_streamed);

      g_assert_cmpstr (streamed, ==, whole);
      g_assert_cmpuint (n_streamed, ==, n_whole);
    }

  /* and the findings are there at all */
  {
    guint n = 0;
    g_autofree char *found = check_text (texts[1], TRUE, &n);

    g_assert_cmpuint (n, ==, 3);
    g_assert_nonnull (strstr (found, "form"));
    g_assert_nonnull (strstr (found, "-bad"));
    g_assert_nonnull (strstr (found, "items[1].spec.podSelector"));
    g_assert_nonnull (strstr (found, "10.0.0.0/33"));
  }
  {
    guint n = 1;
    g_autofree char *found = check_text (texts[2], TRUE, &n);

    g_assert_cmpuint (n, ==, 0);
    g_assert_null (strstr (found, "egres"));
    g_assert_nonnull (strstr (found, "check.yaml:6:1: error"));
  }
}

static void
test_format_streamed (void)
{
  static const char * const texts[] = {
    multi,
    "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n"
    "    - podSelector: {matchLabels: {\"app\": \"80\"}}\nmetadata: {name: a}\n---\n# just a comment\n---\n"
    "kind: CiliumNetworkPolicy\nspecs: [{endpointSelector: {}}]\napiVersion: cilium.io/v2\nmetadata: {name: c}\n",
    "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"NetworkPolicy\", \"spec\": {\"podSelector\": {}}}\n",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (NpFormat format = NP_FORMAT_YAML; format <= NP_FORMAT_JSON; format++)
      {
        g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
        g_autoptr(NpManifest) manifest = np_manifest_new ();
        g_autoptr(GBytes) whole = NULL;
        g_autoptr(GBytes) streamed = NULL;

        g_assert_true (np_manifest_load_bytes (manifest, bytes, "fmt.yaml", NULL));
        whole = np_manifest_format (manifest, format);
        streamed = np_manifest_format_bytes (bytes, "fmt.yaml", format, NULL);
        g_assert_nonnull (streamed);
        g_assert_cmpmem (g_bytes_get_data (streamed, NULL), g_bytes_get_size (streamed),
                         g_bytes_get_data (whole, NULL), g_bytes_get_size (whole));
      }

  {
    g_autoptr(GBytes) json = g_bytes_new_static ("  [1]", 5);

    g_assert_cmpint (np_manifest_detect_format (json), ==, NP_FORMAT_JSON);
  }

  /* a syntax error: the same message as loading gives */
  {
    const char *bad = "a: 1\n---\nb: [1\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (bad, strlen (bad));
    g_autoptr(NpManifest) manifest = np_manifest_new ();
    g_autoptr(GError) load_error = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_false (np_manifest_load_bytes (manifest, bytes, "bad.yaml", &load_error));
    g_assert_null (np_manifest_format_bytes (bytes, "bad.yaml", NP_FORMAT_YAML, &error));
    g_assert_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE);
    g_assert_cmpstr (error->message, ==, load_error->message);
  }
}

/* The text of a document as save writes it: untouched, its bytes as read;
 * typed, exactly the typed text; edited some other way, fresh YAML after
 * its comments. Saving keeps the policy objects. */
/* A JSON file's text typed in the preview and saved as typed is written
 * as typed, not re-made from the last valid policy. */
static void
test_document_text_json (void)
{
  static const char file[] =
    "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"NetworkPolicy\",\n"
    " \"metadata\": {\"name\": \"web\"}, \"spec\": {\"podSelector\": {}}}\n";
  static const char typed[] =
    "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"NetworkPolicy\",\n"
    " \"metadata\": {\"name\": \"web\"}, \"spec\": {\"podSelector\": {\n";
  g_autoptr(NpManifest) manifest = load_text (file, strlen (file), "web.json");
  g_autoptr(NpDocument) document = g_list_model_get_item (np_manifest_get_documents (manifest), 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *written = NULL;

  g_assert_cmpint (np_manifest_get_format (manifest), ==, NP_FORMAT_JSON);
  {
    /* Untouched: the file as it is; edited: the JSON that saving writes. */
    g_autoptr(NpPolicy) policy = get_network_policy (np_document_get_policies (document), 0);
    g_autofree char *before = np_manifest_dup_document_text (manifest, document);
    g_autofree char *after = NULL;
    g_autofree char *saved = NULL;
    g_autoptr(GBytes) save = NULL;

    g_assert_cmpstr (before, ==, file);
    np_policy_set_name (policy, "renamed");
    after = np_manifest_dup_document_text (manifest, document);
    save = np_manifest_to_bytes (manifest);
    saved = g_strndup (g_bytes_get_data (save, NULL), g_bytes_get_size (save));
    g_assert_cmpstr (after, ==, saved);
    g_assert_true (g_str_has_prefix (after, "{"));
    g_assert_nonnull (strstr (after, "renamed"));
  }
  np_document_set_text (document, typed);
  bytes = np_manifest_to_bytes (manifest);
  written = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpstr (written, ==, typed);
}

static void
test_document_text (void)
{
  static const char file[] =
    "# my policy, hand written\n"
    "kind: NetworkPolicy\n"
    "apiVersion: networking.k8s.io/v1\n"
    "metadata:\n"
    "    name: web   # indented by four\n"
    "spec:\n"
    "    podSelector: {}\n";
  static const char typed[] =
    "# typed\n"
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata: {name: typed}\n"
    "spec: {podSelector: {}}\n";
  g_autoptr(NpManifest) manifest = load_text (file, strlen (file), "web.yaml");
  g_autoptr(NpDocument) document = g_list_model_get_item (np_manifest_get_documents (manifest), 0);
  g_autoptr(NpPolicy) policy = get_network_policy (np_document_get_policies (document), 0);
  g_autofree char *untouched = np_document_dup_text (document);
  g_autofree char *edited = NULL;
  g_autofree char *dir = g_dir_make_tmp ("np-manifest-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "web.yaml", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(NpPolicy) after = NULL;
  g_autoptr(NpNode) node = NULL;

  g_assert_cmpstr (untouched, ==, file);

  /* Typed text is what save writes, byte for byte. */
  node = np_yaml_parse_one (typed, strlen (typed), NULL);
  g_assert_true (np_policy_update_from_node (policy, node, NULL));
  np_document_set_text (document, typed);
  g_assert_true (np_manifest_get_modified (manifest));
  edited = np_document_dup_text (document);
  g_assert_cmpstr (edited, ==, typed);
  g_assert_true (np_manifest_save (manifest, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, typed);

  /* The same policy object after saving: an undo history stays valid. */
  after = get_network_policy (np_document_get_policies (document), 0);
  g_assert_true (after == policy);
  g_assert_false (np_manifest_get_modified (manifest));
  g_clear_pointer (&edited, g_free);
  edited = np_document_dup_text (document);
  g_assert_cmpstr (edited, ==, typed);

  /* An edit of the model drops the typed text: fresh YAML after the comment. */
  np_policy_set_name (policy, "renamed");
  g_clear_pointer (&edited, g_free);
  edited = np_document_dup_text (document);
  g_assert_true (g_str_has_prefix (edited, "# typed\n"));
  g_assert_nonnull (strstr (edited, "name: renamed"));

  /* Text that does not parse is saved as typed, and read as it is. */
  {
    g_autoptr(NpDiagnostic) none = NULL;

    /* typed text that parses, and no typed text: nothing to ask about */
    g_assert_null (np_document_check_typed_text (document));
    g_assert_null (np_manifest_find_typed_error (manifest, &none));
    g_assert_null (none);
  }
  np_document_set_text (document, "kind: [broken\n");
  {
    g_autoptr(NpDiagnostic) problem = NULL;

    /* The editor asks before saving this, wherever the policy is shown. */
    g_assert_true (np_manifest_find_typed_error (manifest, &problem) == document);
    g_assert_nonnull (problem);
    g_assert_cmpuint (np_diagnostic_get_line (problem), ==, 2);
  }
  g_assert_true (np_manifest_save (manifest, out, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&saved, g_free);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, "kind: [broken\n");
  g_assert_false (np_manifest_get_modified (manifest));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/manifest/classify", test_classify);
  g_test_add_func ("/manifest/edit-keeps-others", test_edit_keeps_others);
  g_test_add_func ("/manifest/unmodified-bytes", test_unmodified_bytes);
  g_test_add_func ("/manifest/crlf", test_crlf);
  g_test_add_func ("/manifest/cr-only", test_cr_only);
  g_test_add_func ("/manifest/json", test_json);
  g_test_add_func ("/manifest/parse-error", test_parse_error);
  g_test_add_func ("/manifest/validate", test_validate);
  g_test_add_func ("/manifest/validate-streamed", test_validate_streamed);
  g_test_add_func ("/manifest/format-streamed", test_format_streamed);
  g_test_add_func ("/manifest/save", test_save);
  g_test_add_func ("/manifest/check-saved", test_check_saved);
  g_test_add_func ("/manifest/check-saved-after-save", test_check_saved_after_save);
  g_test_add_func ("/manifest/add-policy", test_add_policy);
  g_test_add_func ("/manifest/add-cilium-policy", test_add_cilium_policy);
  g_test_add_func ("/manifest/remove-document", test_remove_document);
  g_test_add_func ("/manifest/find-document", test_find_document);
  g_test_add_func ("/manifest/document-text", test_document_text);
  g_test_add_func ("/manifest/document-text-json", test_document_text_json);

  return g_test_run ();
}
