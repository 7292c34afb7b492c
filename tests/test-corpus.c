/* test-corpus.c: every NetworkPolicy and Cilium policy of ../shared/corpus reads, validates and round-trips
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-policy.h"
#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy.h"
#include "np-yaml.h"
#include "np-test-util.h"

/* Upstream files that the API server would reject, and the one error each
 * must get. Everything else in these folders must have no error at all. */
static const struct {
  const char *suffix;
  const char *code;
  guint line, column;
} known_invalid[] = {
  /* netpol-analyzer never validates names; a NetworkPolicy name is a DNS-1123
   * subdomain, and underscores are not allowed in one. */
  { "example_pods_w_same_owner_and_labels_gap_with_good_match_expression/netpol.yaml",
    "invalid-name", 4, 9 },
  /* Every file of cilium/examples and cilium/test-manifests is valid for
   * the newest Cilium (warnings allowed): none is listed here. */
};

/* cilium/invalid: wrong in every Cilium version (corpus README). Each must
 * get an error with this code at this position, with a field path. */
static const struct {
  const char *file;
  const char *code;
  guint line, column;
} cilium_invalid[] = {
  /* `operator: "in"`: operators are case-sensitive. */
  { "and-statement.yaml", "invalid-operator", 11, 19 },
  { "or-statement.yaml", "invalid-operator", 11, 19 },
  /* `apiversion:` in lower case: an unknown field, and no apiVersion. */
  { "from_nodes.yaml", "unknown-field", 1, 1 },
  /* The mis-indented `role:` is a key of the selector itself. */
  { "multi_rule.yaml", "unknown-field", 12, 7 },
  /* `spec:` null and no specs: no rules at all. */
  { "cnp-update-no-specs.yaml", "no-rules", 5, 1 },
  /* The test placeholder NODE_WITHOUT_CILIUM_IP/32 is no CIDR. */
  { "ccnp-host-ingress-from-cidr-to-ports.yaml", "invalid-cidr", 14, 9 },
  { "ccnp-host-policy-nodeport-tests.yaml", "invalid-cidr", 28, 7 },
  { "cnp-ingress-from-cidr-to-ports.yaml", "invalid-cidr", 16, 9 },
  /* The documentation placeholder port is neither a number nor a name. */
  { "lock-down-ingress.yaml", "invalid-port", 26, 15 },
  /* HTTP rules on a UDP port. */
  { "invalid_cnp.yaml", "l7-protocol", 16, 19 },
};

/* cilium/version-dependent: accepted with a warning, or rejected, each
 * time with a positioned message that says which versions differ. */
static const struct {
  const char *file;
  NpSeverity  severity;
  const char *code;
  guint       line, column;
  const char *fragment;    /* a part of the message */
} cilium_version_dependent[] = {
  { "auth.yaml", NP_SEVERITY_ERROR, "renamed-field", 13, 5, "Cilium 1.14" },
  { "allow-extended-protocols.yaml", NP_SEVERITY_WARNING, "version-dependent-protocol", 23, 19, "Cilium 1.19" },
  { "cidr.yaml", NP_SEVERITY_ERROR, "multiple-peer-kinds", 12, 5, "Cilium 1.x" },
  { "fqdn-short.yaml", NP_SEVERITY_WARNING, "fqdn-multilevel-wildcard", 20, 31, "Cilium 1.19" },
  { "service-empty.yaml", NP_SEVERITY_WARNING, "empty-service", 12, 9, "every Cilium version" },
  { "l7.yaml", NP_SEVERITY_ERROR, "unknown-field", 3, 1, "every Cilium version" },
  { "host-policy.yaml", NP_SEVERITY_ERROR, "unknown-field", 3, 1, "every Cilium version" },
  { "wildcard-from-endpoints.yaml", NP_SEVERITY_ERROR, "unknown-field", 3, 1, "every Cilium version" },
  { "cross-cluster-policy.yaml", NP_SEVERITY_ERROR, "unknown-field", 5, 3, "whatever the Cilium version" },
};

/* The data trees of a text's non-empty documents. */
static GPtrArray *
trees_of (const char *text, gsize length)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  g_autoptr(GPtrArray) documents = np_yaml_parse (text, length, &diagnostic);
  GPtrArray *trees = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);

  if (documents == NULL)
    g_error ("cannot re-read: %s\n%.*s", np_diagnostic_get_message (diagnostic), (int) length, text);
  for (guint i = 0; i < documents->len; i++)
    {
      NpYamlDocument *d = g_ptr_array_index (documents, i);

      if (d->root != NULL && !np_node_is_null (d->root))
        g_ptr_array_add (trees, np_node_ref (d->root));
    }
  return trees;
}

static void
assert_same_trees (GPtrArray *expected, GPtrArray *actual, const char *what)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    if (!np_node_equal (g_ptr_array_index (expected, i), g_ptr_array_index (actual, i)))
      {
        g_autofree char *a = np_yaml_write (g_ptr_array_index (expected, i), 0, NULL);
        g_autofree char *b = np_yaml_write (g_ptr_array_index (actual, i), 0, NULL);

        g_error ("%s: document %u differs:\n--- expected\n%s--- actual\n%s", what, i, a, b);
      }
}

static NpManifest *
load (const char *path, GBytes **bytes_out)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  char *contents = np_test_read_file (path, &length);
  g_autoptr(GBytes) bytes = g_bytes_new_take (contents, length);
  NpManifest *manifest = np_manifest_new ();

  if (!np_manifest_load_bytes (manifest, bytes, path, &error))
    g_error ("%s", error->message);
  if (bytes_out)
    *bytes_out = g_bytes_ref (bytes);
  return manifest;
}

static void
test_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NpManifest) manifest = load (path, &bytes);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) formatted = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(GPtrArray) input_trees = NULL;
  g_autoptr(GPtrArray) output_trees = NULL;
  g_autoptr(NpManifest) again = np_manifest_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);

  /* Valid: no errors (warnings such as a missing namespace are fine). */
  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_test_message ("%s", line);
    }
  for (guint i = 0; i < G_N_ELEMENTS (known_invalid); i++)
    if (g_str_has_suffix (path, known_invalid[i].suffix))
      {
        NpDiagnostic *d = NULL;
        guint n_errors = 0;

        for (guint j = 0; j < diagnostics->len; j++)
          if (np_diagnostic_get_severity (g_ptr_array_index (diagnostics, j)) == NP_SEVERITY_ERROR)
            d = g_ptr_array_index (diagnostics, j), n_errors++;
        g_assert_cmpuint (n_errors, ==, 1);
        g_assert_cmpstr (np_diagnostic_get_code (d), ==, known_invalid[i].code);
        g_assert_cmpuint (np_diagnostic_get_line (d), ==, known_invalid[i].line);
        g_assert_cmpuint (np_diagnostic_get_column (d), ==, known_invalid[i].column);
        g_ptr_array_set_size (diagnostics, 0);
      }
  g_assert_false (np_diagnostics_have_errors (diagnostics));

  /* Saving an untouched file gives back its bytes. */
  saved = np_manifest_to_bytes (manifest);
  g_assert_true (g_bytes_equal (saved, bytes));

  /* fmt keeps the data and is idempotent. */
  input_trees = trees_of (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  formatted = np_manifest_format (manifest, NP_FORMAT_YAML);
  output_trees = trees_of (g_bytes_get_data (formatted, NULL), g_bytes_get_size (formatted));
  assert_same_trees (input_trees, output_trees, "fmt");

  g_assert_true (np_manifest_load_bytes (again, formatted, "formatted", &error));
  g_assert_no_error (error);
  twice = np_manifest_format (again, NP_FORMAT_YAML);
  if (!g_bytes_equal (twice, formatted))
    g_error ("fmt is not idempotent:\n--- once\n%s--- twice\n%s",
             (char *) g_bytes_get_data (formatted, NULL), (char *) g_bytes_get_data (twice, NULL));

  /* JSON output holds the same data (one document) or a List of it. */
  if (input_trees->len == 1)
    {
      g_autoptr(GBytes) json = np_manifest_format (manifest, NP_FORMAT_JSON);
      g_autoptr(GPtrArray) json_trees = trees_of (g_bytes_get_data (json, NULL), g_bytes_get_size (json));

      assert_same_trees (input_trees, json_trees, "fmt -o json");
    }

  g_test_message ("%u policies, %u documents", g_list_model_get_n_items (policies),
                  g_list_model_get_n_items (np_manifest_get_documents (manifest)));
}

/* Changing one policy rewrites its document only: every other document's
 * bytes stay, and the changed one differs from the original by that change. */
static void
test_edit_one (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NpManifest) probe = load (path, &bytes);
  GListModel *documents = np_manifest_get_documents (probe);
  guint n_documents = g_list_model_get_n_items (documents);

  for (guint target = 0; target < n_documents; target++)
    {
      g_autoptr(NpManifest) manifest = load (path, NULL);
      GListModel *docs = np_manifest_get_documents (manifest);
      g_autoptr(NpDocument) document = g_list_model_get_item (docs, target);
      GListModel *policies = np_document_get_policies (document);
      g_autoptr(GObject) policy = NULL;
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(NpManifest) reread = np_manifest_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(NpNode) expected = NULL;
      g_autoptr(NpNode) actual = NULL;
      g_autoptr(NpDocument) changed = NULL;

      if (g_list_model_get_n_items (policies) == 0)
        continue;
      policy = g_list_model_get_item (policies, 0);
      if (NP_IS_CILIUM_POLICY (policy))
        np_cilium_policy_set_name (NP_CILIUM_POLICY (policy), "renamed-by-test");
      else
        np_policy_set_name (NP_POLICY (policy), "renamed-by-test");
      g_assert_true (np_manifest_get_modified (manifest));

      saved = np_manifest_to_bytes (manifest);
      g_assert_true (np_manifest_load_bytes (reread, saved, "saved", &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (np_manifest_get_documents (reread)), ==, n_documents);

      if (np_manifest_get_format (manifest) == NP_FORMAT_YAML)
        for (guint i = 0; i < n_documents; i++)
          {
            g_autoptr(NpDocument) before = g_list_model_get_item (documents, i);
            g_autoptr(NpDocument) after = g_list_model_get_item (np_manifest_get_documents (reread), i);
            g_autoptr(GString) a = g_string_new (NULL);
            g_autoptr(GString) b = g_string_new (NULL);

            if (i == target)
              continue;
            np_document_write (before, a);
            np_document_write (after, b);
            g_assert_cmpstr (a->str, ==, b->str);
          }

      expected = np_node_copy (np_document_get_root (document));
      {
        NpNode *item = expected;

        if (np_document_get_kind (document) == NP_DOCUMENT_LIST)
          {
            /* the first policy item of the list */
            NpNode *items = np_node_lookup (expected, "items");

            for (guint i = 0; i < np_node_get_n_items (items); i++)
              if (g_strcmp0 (np_node_get_text (np_node_lookup (np_node_get_item (items, i), "kind")), "NetworkPolicy") == 0 ||
                  g_str_has_prefix (np_node_get_text (np_node_lookup (np_node_get_item (items, i), "kind")), "Cilium"))
                {
                  item = np_node_get_item (items, i);
                  break;
                }
          }
        np_node_set (np_node_lookup (item, "metadata"), "name", np_node_new_string ("renamed-by-test"));
      }
      changed = g_list_model_get_item (np_manifest_get_documents (reread), target);
      actual = np_node_ref (np_document_get_root (changed));
      if (!np_node_equal (expected, actual))
        g_error ("document %u after the edit:\n%s", target, (char *) g_bytes_get_data (saved, NULL));
    }
}

/* The position of the first diagnostic of @code, or fail. */
static NpDiagnostic *
find_diagnostic (GPtrArray *diagnostics, const char *code, guint line, const char *path)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (np_diagnostic_get_code (d), code) == 0 && np_diagnostic_get_line (d) == line)
        return d;
    }
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_test_message ("got %s (%s)", text, np_diagnostic_get_code (g_ptr_array_index (diagnostics, i)));
    }
  g_error ("%s: no “%s” on line %u", path, code, line);
  return NULL;
}

/* Reading a file of the corpus, writing it unchanged and through fmt keeps
 * its data, whatever its validity. */
static void
assert_round_trip (const char *path, NpManifest *manifest, GBytes *bytes)
{
  g_autoptr(GBytes) saved = np_manifest_to_bytes (manifest);
  g_autoptr(GBytes) formatted = np_manifest_format (manifest, NP_FORMAT_YAML);
  g_autoptr(GPtrArray) input_trees = trees_of (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GPtrArray) output_trees = trees_of (g_bytes_get_data (formatted, NULL), g_bytes_get_size (formatted));

  g_assert_true (g_bytes_equal (saved, bytes));
  assert_same_trees (input_trees, output_trees, path);
}

static void
test_cilium_invalid (gconstpointer data)
{
  const char *path = data;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NpManifest) manifest = load (path, &bytes);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);

  g_assert_cmpuint (g_list_model_get_n_items (policies), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(GObject) policy = g_list_model_get_item (policies, i);

      g_assert_true (NP_IS_CILIUM_POLICY (policy));
    }
  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  for (guint i = 0; i < G_N_ELEMENTS (cilium_invalid); i++)
    if (g_str_equal (base, cilium_invalid[i].file))
      {
        NpDiagnostic *d = find_diagnostic (diagnostics, cilium_invalid[i].code, cilium_invalid[i].line, path);

        g_assert_cmpint (np_diagnostic_get_severity (d), ==, NP_SEVERITY_ERROR);
        g_assert_cmpuint (np_diagnostic_get_column (d), ==, cilium_invalid[i].column);
        g_assert_nonnull (np_diagnostic_get_path (d));
        assert_round_trip (path, manifest, bytes);
        return;
      }
  g_error ("%s is not in the table of invalid Cilium files", base);
}

static void
test_cilium_version_dependent (gconstpointer data)
{
  const char *path = data;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NpManifest) manifest = load (path, &bytes);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);

  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  for (guint i = 0; i < G_N_ELEMENTS (cilium_version_dependent); i++)
    if (g_str_equal (base, cilium_version_dependent[i].file))
      {
        NpDiagnostic *d = find_diagnostic (diagnostics, cilium_version_dependent[i].code,
                                           cilium_version_dependent[i].line, path);

        g_assert_cmpint (np_diagnostic_get_severity (d), ==, cilium_version_dependent[i].severity);
        g_assert_cmpuint (np_diagnostic_get_column (d), ==, cilium_version_dependent[i].column);
        g_assert_nonnull (strstr (np_diagnostic_get_message (d), cilium_version_dependent[i].fragment));
        /* Accepted with a warning: then nothing else may be an error. */
        if (cilium_version_dependent[i].severity == NP_SEVERITY_WARNING)
          g_assert_false (np_diagnostics_have_errors (diagnostics));
        assert_round_trip (path, manifest, bytes);
        return;
      }
  g_error ("%s is not in the table of version-dependent Cilium files", base);
}

/* `netpol validate` and `netpol fmt` read the documents' trees without
 * models (np_manifest_validate_bytes(), np_manifest_format_bytes()): the
 * findings and the canonical text are the same as with the models the
 * editor builds. */
static void
test_trees_agree (gconstpointer data)
{
  const char *path = data;
  g_autoptr(NpManifest) trees = load (path, NULL);
  g_autoptr(NpManifest) models = load (path, NULL);
  g_autoptr(GPtrArray) from_trees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) from_models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) text_trees = NULL;
  g_autoptr(GBytes) text_models = NULL;
  GListModel *documents = np_manifest_get_documents (models);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      np_document_get_policies (document);
    }
  np_manifest_validate (trees, NP_VALIDATE_DEFAULT, from_trees);
  np_manifest_validate (models, NP_VALIDATE_DEFAULT, from_models);
  g_assert_cmpuint (from_trees->len, ==, from_models->len);
  for (guint i = 0; i < from_trees->len; i++)
    {
      g_autofree char *a = np_diagnostic_format (g_ptr_array_index (from_trees, i));
      g_autofree char *b = np_diagnostic_format (g_ptr_array_index (from_models, i));

      g_assert_cmpstr (a, ==, b);
      g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (from_trees, i)), ==,
                       np_diagnostic_get_code (g_ptr_array_index (from_models, i)));
    }

  text_trees = np_manifest_format (trees, NP_FORMAT_YAML);
  text_models = np_manifest_format (models, NP_FORMAT_YAML);
  g_assert_cmpmem (g_bytes_get_data (text_trees, NULL), g_bytes_get_size (text_trees),
                   g_bytes_get_data (text_models, NULL), g_bytes_get_size (text_models));
}

static void
add_cilium_folder (const char *relative, GTestDataFunc func, guint expected)
{
  static const char * const yaml[] = { ".yaml", NULL };
  g_autofree char *dir = np_test_corpus_path (relative);
  g_autoptr(GPtrArray) files = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return;
  files = np_test_list_files (dir, yaml);
  /* Every file has its row, and every row its file. */
  g_assert_cmpuint (files->len, ==, expected);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/corpus/%s/%s", relative, base);

      g_test_add_data_func_full (test_path, g_strdup (path), func, g_free);
    }
}

static void
add_folder (const char *relative, const char * const *suffixes)
{
  g_autofree char *dir = np_test_corpus_path (relative);
  g_autoptr(GPtrArray) files = NULL;
  const char *shared = g_getenv ("NP_SHARED_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return;
  files = np_test_list_files (dir, suffixes);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      const char *name = path + strlen (shared) + strlen ("/corpus/");
      g_autofree char *test_path = g_strdup_printf ("/corpus/round-trip/%s", name);
      g_autofree char *edit_path = g_strdup_printf ("/corpus/edit-one/%s", name);
      g_autofree char *trees_path = g_strdup_printf ("/corpus/trees-agree/%s", name);

      g_test_add_data_func_full (test_path, g_strdup (path), test_file, g_free);
      g_test_add_data_func_full (edit_path, g_strdup (path), test_edit_one, g_free);
      g_test_add_data_func_full (trees_path, g_strdup (path), test_trees_agree, g_free);
    }
}

static void
test_shared_present (void)
{
  /* Skipped (not failed) where ../shared is missing; CI always has it. */
  np_test_shared_dir ();
}

int
main (int argc, char **argv)
{
  static const char * const yaml[] = { ".yaml", ".yml", NULL };
  static const char * const inputs[] = { ".yaml", ".yml", ".json", NULL };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/shared-present", test_shared_present);
  if (g_getenv ("NP_SHARED_DIR") != NULL)
    {
      add_folder ("kubernetes-docs", yaml);
      add_folder ("recipes", yaml);
      add_folder ("connectivity", inputs);
      add_folder ("cilium/examples", yaml);
      add_folder ("cilium/test-manifests", yaml);
      add_cilium_folder ("cilium/invalid", test_cilium_invalid, G_N_ELEMENTS (cilium_invalid));
      add_cilium_folder ("cilium/version-dependent", test_cilium_version_dependent,
                         G_N_ELEMENTS (cilium_version_dependent));
    }

  return g_test_run ();
}
