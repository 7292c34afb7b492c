/* test-bad-input.c: hostile and broken files (tests/bad-input/): reading
 * them never crashes, and either fails with a positioned message or gives
 * the expected findings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "np-diagnostic.h"
#include "np-document.h"
#include "np-manifest.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"
#include "np-test-util.h"

#define ANY G_MAXUINT   /* a count or a column not checked */

typedef struct {
  NpSeverity  severity;
  const char *code;      /* NULL ends the list */
  guint       line;
  guint       column;    /* 0: not checked */
  const char *path;      /* NULL: not checked */
  const char *message;   /* NULL: not checked; a part of it; "!x": must not contain x */
} Finding;

#define MAX_FINDINGS 4

typedef struct {
  const char *file;
  gboolean    loads;
  /* when the file cannot be read */
  const char *error_code;
  guint       error_line;
  guint       error_column;   /* 0: not stable, not checked */
  const char *error_message;  /* a part of the message */
  /* when it can */
  guint       n_documents;    /* ANY: not checked */
  guint       n_policies;     /* ANY: not checked */
  Finding     findings[MAX_FINDINGS];  /* exactly these, in any order */
} BadInput;

#define REFUSED(file, code, line, column, message) \
  { file, FALSE, code, line, column, message, 0, 0, { { 0 } } }
#define E(code, line, column, path) { NP_SEVERITY_ERROR, code, line, column, path, NULL }
#define EM(code, line, column, path, message) { NP_SEVERITY_ERROR, code, line, column, path, message }

static const BadInput inputs[] = {
  /* Malformed YAML */
  REFUSED ("unclosed-flow.yaml", "yaml-syntax", 8, 3, "expected ',' or '}'"),
  REFUSED ("unclosed-quote.yaml", "yaml-syntax", 8, 0, "quoted scalar"),
  REFUSED ("bad-indentation.yaml", "yaml-syntax", 11, 4, "expected"),
  REFUSED ("tab-indentation.yaml", "yaml-syntax", 4, 1, "cannot start any token"),
  REFUSED ("truncated.json", "yaml-syntax", 4, 0, "flow"),
  REFUSED ("second-document-broken.yaml", "yaml-syntax", 16, 0, "flow"),
  REFUSED ("mapping-key.yaml", "yaml-key", 8, 5, "key"),
  REFUSED ("duplicate-keys.yaml", "yaml-duplicate-key", 9, 3, "“ingress” appears twice"),
  REFUSED ("undefined-alias.yaml", "yaml-alias", 7, 16, "*selector"),
  REFUSED ("python-tag.yaml", "yaml-tag", 6, 11, "python/object"),
  /* Hostile input */
  REFUSED ("alias-bomb.yaml", "yaml-alias", 6, 0, "billion laughs"),
  REFUSED ("deep-nesting.yaml", "yaml-depth", 1, NP_YAML_MAX_DEPTH + 1, "nested"),
  /* Encodings */
  REFUSED ("invalid-utf8.yaml", "yaml-encoding", 4, 12, "0xE9"),
  REFUSED ("utf16.yaml", "yaml-encoding", 1, 1, "UTF-8"),

  /* Files that read well, and what is wrong with them */
  { "empty.yaml", TRUE, NULL, 0, 0, NULL, 0, 0, { { 0 } } },
  { "comments-only.yaml", TRUE, NULL, 0, 0, NULL, 0, 0, { { 0 } } },
  { "only-separators.yaml", TRUE, NULL, 0, 0, NULL, 2, 0, { { 0 } } },
  { "scalar.yaml", TRUE, NULL, 0, 0, NULL, 1, 0, { { 0 } } },
  { "wrong-types.yaml", TRUE, NULL, 0, 0, NULL, 1, 0,
    { E ("wrong-type", 9, 16, "spec.podSelector.matchLabels.enabled"),
      E ("wrong-type", 11, 11, "spec.ingress[0].from"),
      E ("wrong-type", 13, 13, "spec.ingress[0].ports[0].port") } },
  { "huge-integer.yaml", TRUE, NULL, 0, 0, NULL, 1, 0,
    /* a whole number too large for any integer type: "not a number" would contradict what
     * the user sees */
    { EM ("wrong-type", 10, 13, "spec.ingress[0].ports[0].port", "!not a number") } },
  { "crlf.yaml", TRUE, NULL, 0, 0, NULL, 1, 1,
    { E ("invalid-port", 11, 13, "spec.ingress[0].ports[0].port") } },
  { "bom.yaml", TRUE, NULL, 0, 0, NULL, 1, 1,
    { E ("wrong-api-version", 1, 13, "apiVersion") } },
  { "list-non-policy.yaml", TRUE, NULL, 0, 0, NULL, 1, 1,
    { E ("invalid-port", 20, 15, "items[2].spec.ingress[0].ports[0].port") } },
  { "wrong-kinds-mixed.yaml", TRUE, NULL, 0, 0, NULL, 2, 1,
    { E ("unknown-field", 9, 3, "spec.ingres") } },
};

static GBytes *
read_input (const char *file)
{
  const char *srcdir = g_getenv ("NP_TEST_SRCDIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (srcdir);
  path = g_build_filename (srcdir, "bad-input", file, NULL);
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("cannot read %s: %s", path, error->message);
  return g_bytes_new_take (contents, length);
}

/* The reader of single policies copes with the same input. */
static void
check_policy_reader (const char *file, GBytes *bytes)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (data ? data : "", length, diagnostics);

  if (policy == NULL && diagnostics->len == 0)
    np_test_fail_listing (file, diagnostics, "np_policy_new_from_yaml() failed without saying why");
  if (policy != NULL)
    np_policy_validate (policy, NP_VALIDATE_STRICT_CIDR, diagnostics);
}

/* "NAME:LINE:COL: " with the expected line (and column, if given). */
static gboolean
has_position_prefix (const char *message, const char *file, guint line, guint column)
{
  g_autofree char *prefix = g_strdup_printf ("%s:%u:", file, line);
  const char *p;

  if (!g_str_has_prefix (message, prefix))
    return FALSE;
  p = message + strlen (prefix);
  if (column != 0)
    {
      g_autofree char *rest = g_strdup_printf ("%u: ", column);

      return g_str_has_prefix (p, rest);
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return g_str_has_prefix (p, ": ");
}

static void
check_refused (const BadInput *input, NpManifest *manifest, GError *error)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  NpDiagnostic *parse = np_manifest_get_parse_diagnostic (manifest);

  if (error == NULL)
    {
      np_test_fail_listing (input->file, NULL, "loading failed without an error");
      return;
    }
  if (!g_error_matches (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE))
    np_test_fail_listing (input->file, NULL, "not a parse error: %s", error->message);
  if (!has_position_prefix (error->message, input->file, input->error_line, input->error_column))
    np_test_fail_listing (input->file, NULL, "the message should start with “%s:%u:%s”: %s", input->file,
                          input->error_line, input->error_column ? "COL: " : "", error->message);
  if (strstr (error->message, input->error_message) == NULL)
    np_test_fail_listing (input->file, NULL, "the message should say “%s”: %s", input->error_message,
                          error->message);
  if (!g_str_has_suffix (error->message, "."))
    np_test_fail_listing (input->file, NULL, "the message should end in a full stop: %s", error->message);

  if (parse == NULL)
    {
      np_test_fail_listing (input->file, NULL, "no parse diagnostic kept");
      return;
    }
  if (g_strcmp0 (np_diagnostic_get_code (parse), input->error_code) != 0)
    np_test_fail_listing (input->file, NULL, "the code should be “%s”, not “%s” (%s)", input->error_code,
                          np_diagnostic_get_code (parse), error->message);
  if (np_diagnostic_get_severity (parse) != NP_SEVERITY_ERROR)
    np_test_fail_listing (input->file, NULL, "the parse diagnostic should be an error");
  if (np_diagnostic_get_line (parse) != input->error_line)
    np_test_fail_listing (input->file, NULL, "the parse diagnostic should be on line %u, not %u", input->error_line,
                          np_diagnostic_get_line (parse));
  if (g_strcmp0 (np_diagnostic_get_file (parse), input->file) != 0)
    np_test_fail_listing (input->file, NULL, "the parse diagnostic should name the file");

  /* Checking a file that could not be read reports why. */
  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  if (diagnostics->len != 1 || g_ptr_array_index (diagnostics, 0) == NULL ||
      g_strcmp0 (np_diagnostic_get_code (g_ptr_array_index (diagnostics, 0)), input->error_code) != 0)
    np_test_fail_listing (input->file, diagnostics, "validating should give the parse error, and only that");
  g_assert_cmpuint (g_list_model_get_n_items (np_manifest_get_documents (manifest)), ==, 0);
}

static void
check_loaded (const BadInput *input, NpManifest *manifest, GBytes *bytes)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(GBytes) saved = NULL;
  g_autofree gboolean *used = NULL;
  guint n_documents = g_list_model_get_n_items (np_manifest_get_documents (manifest));

  if (np_manifest_get_parse_diagnostic (manifest) != NULL)
    np_test_fail_listing (input->file, NULL, "a parse diagnostic after a good load");
  if (input->n_documents != ANY && n_documents != input->n_documents)
    np_test_fail_listing (input->file, NULL, "%u documents, expected %u", n_documents, input->n_documents);
  if (input->n_policies != ANY && g_list_model_get_n_items (policies) != input->n_policies)
    np_test_fail_listing (input->file, NULL, "%u policies, expected %u", g_list_model_get_n_items (policies),
                          input->n_policies);

  /* Nothing changed: saving gives back every byte as it was. */
  saved = np_manifest_to_bytes (manifest);
  if (np_manifest_get_modified (manifest))
    np_test_fail_listing (input->file, NULL, "modified right after loading");
  if (!g_bytes_equal (saved, bytes))
    np_test_fail_listing (input->file, NULL, "np_manifest_to_bytes() gives %" G_GSIZE_FORMAT " bytes that differ "
                          "from the %" G_GSIZE_FORMAT " read", g_bytes_get_size (saved), g_bytes_get_size (bytes));

  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  used = g_new0 (gboolean, diagnostics->len + 1);
  for (guint f = 0; f < MAX_FINDINGS && input->findings[f].code != NULL; f++)
    {
      const Finding *x = &input->findings[f];
      gboolean found = FALSE;

      for (guint i = 0; i < diagnostics->len && !found; i++)
        {
          NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

          if (used[i] || g_strcmp0 (np_diagnostic_get_code (d), x->code) != 0 ||
              np_diagnostic_get_line (d) != x->line ||
              (x->path != NULL && g_strcmp0 (np_diagnostic_get_path (d), x->path) != 0))
            continue;
          found = used[i] = TRUE;
          if (np_diagnostic_get_severity (d) != x->severity)
            np_test_fail_listing (input->file, diagnostics, "“%s” on line %u should be a %s", x->code, x->line,
                                  np_severity_to_string (x->severity));
          if (x->column != 0 && np_diagnostic_get_column (d) != x->column)
            np_test_fail_listing (input->file, diagnostics, "“%s” on line %u should be in column %u, not %u",
                                  x->code, x->line, x->column, np_diagnostic_get_column (d));
          if (x->message != NULL)
            {
              const char *message = np_diagnostic_get_message (d);
              gboolean negated = x->message[0] == '!';
              gboolean contains = strstr (message, x->message + (negated ? 1 : 0)) != NULL;

              if (contains == negated)
                np_test_fail_listing (input->file, diagnostics, "the message of “%s” should %s “%s”: %s",
                                      x->code, negated ? "not contain" : "contain",
                                      x->message + (negated ? 1 : 0), message);
            }
        }
      if (!found)
        np_test_fail_listing (input->file, diagnostics, "expected “%s” on line %u (%s)", x->code, x->line,
                              x->path ? x->path : "");
    }
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (!used[i])
        {
          g_autofree char *text = np_diagnostic_format (d);

          np_test_fail_listing (input->file, diagnostics, "unexpected %s", text);
        }
      if (g_strcmp0 (np_diagnostic_get_file (d), input->file) != 0)
        np_test_fail_listing (input->file, diagnostics, "a finding that does not name the file");
      if (np_diagnostic_get_document (d) < 0 || (guint) np_diagnostic_get_document (d) >= n_documents)
        np_test_fail_listing (input->file, diagnostics, "a finding with document index %d",
                              np_diagnostic_get_document (d));
    }
}

static void
test_bad_input (gconstpointer data)
{
  const BadInput *input = data;
  g_autoptr(GBytes) bytes = read_input (input->file);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  check_policy_reader (input->file, bytes);

  loaded = np_manifest_load_bytes (manifest, bytes, input->file, &error);
  if (loaded != input->loads)
    {
      np_test_fail_listing (input->file, NULL, "%s", loaded ? "loaded, but should be refused" : error->message);
      return;
    }
  g_assert_cmpstr (np_manifest_get_display_name (manifest), ==, input->file);
  if (loaded)
    check_loaded (input, manifest, bytes);
  else
    check_refused (input, manifest, error);
}

/* Every file under bad-input/ has a row in the table, so that none is
 * forgotten. */
static void
test_all_files_listed (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("NP_TEST_SRCDIR"), "bad-input", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gboolean listed = FALSE;

      if (name[0] == '.')
        continue;
      n++;
      for (guint i = 0; i < G_N_ELEMENTS (inputs) && !listed; i++)
        listed = g_str_equal (inputs[i].file, name);
      if (!listed)
        g_test_fail_printf ("bad-input/%s has no row in the table", name);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (inputs));
}

/* A few KB of binary data with NUL bytes, written at run time so that no
 * binary file needs to be kept: the reader names the first NUL byte. */
static void
test_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) reread = NULL;
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  g_autofree char *expected_prefix = NULL;
  static const guint8 header[] = { 0x7f, 'E', 'L', 'F', 0x02, 0x01, 0x01, 0x00 };
  guint32 state = 12345;
  int fd;

  /* an ELF-like header (its first NUL is the 8th byte of line 1), then
   * 4 KiB of pseudo-random bytes */
  g_byte_array_append (data, header, sizeof header);
  for (guint i = 0; i < 4096; i++)
    {
      guint8 byte;

      state = state * 1103515245u + 12345u;
      byte = (guint8) (state >> 16);
      g_byte_array_append (data, &byte, 1);
    }

  fd = g_file_open_tmp ("np-bad-input-XXXXXX.bin", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, (const char *) data->data, data->len, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  reread = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (reread), ==, data->len);

  g_assert_false (np_manifest_load_bytes (manifest, reread, "binary.bin", &error));
  g_assert_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE);
  expected_prefix = g_strdup ("binary.bin:1:8: ");
  if (!g_str_has_prefix (error->message, expected_prefix))
    g_test_fail_printf ("the message should start with “%s”: %s", expected_prefix, error->message);
  g_assert_nonnull (strstr (error->message, "NUL"));
  g_assert_cmpstr (np_diagnostic_get_code (np_manifest_get_parse_diagnostic (manifest)), ==, "yaml-encoding");
  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_clear_error (&error);

  /* The same through the file loader, which names the file by its path. */
  g_clear_object (&manifest);
  manifest = np_manifest_new ();
  g_assert_false (np_manifest_load_file (manifest, file, NULL, &error));
  g_assert_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  /* and the policy reader */
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  check_policy_reader ("binary.bin", bytes);

  g_unlink (path);
}

/* More documents than the reader takes: refused, pointing at the line where
 * the first document too many starts (not past the end of the file).
 * Written at run time (a few hundred KB). */
static void
test_too_many_documents (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;

  for (guint i = 0; i < NP_YAML_MAX_DOCUMENTS + 1; i++)
    g_string_append (text, "--- {}\n");
  bytes = g_bytes_new (text->str, text->len);

  g_assert_false (np_manifest_load_bytes (manifest, bytes, "many.yaml", &error));
  g_assert_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE);
  g_assert_cmpstr (np_diagnostic_get_code (np_manifest_get_parse_diagnostic (manifest)), ==, "yaml-limit");
  prefix = g_strdup_printf ("many.yaml:%u:", NP_YAML_MAX_DOCUMENTS + 1);
  if (!g_str_has_prefix (error->message, prefix))
    g_test_fail_printf ("the message should start with “%s”: %s", prefix, error->message);
}

/* A failed load is reported until a later good load replaces it. */
static void
test_reload_after_failure (void)
{
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) bad = read_input ("tab-indentation.yaml");
  static const char good_text[] = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                  "metadata:\n  name: a\n  namespace: b\nspec:\n  podSelector: {}\n";
  g_autoptr(GBytes) good = g_bytes_new_static (good_text, strlen (good_text));
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_assert_false (np_manifest_load_bytes (manifest, bad, "bad.yaml", &error));
  g_clear_error (&error);
  g_assert_nonnull (np_manifest_get_parse_diagnostic (manifest));

  g_assert_true (np_manifest_load_bytes (manifest, good, "good.yaml", &error));
  g_assert_no_error (error);
  g_assert_null (np_manifest_get_parse_diagnostic (manifest));
  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (np_manifest_get_documents (manifest)), ==, 1);
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

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/bad-input/file/%s", inputs[i].file);

      g_test_add_data_func (test_path, &inputs[i], test_bad_input);
    }
  g_test_add_func ("/bad-input/all-files-listed", test_all_files_listed);
  g_test_add_func ("/bad-input/binary", test_binary);
  g_test_add_func ("/bad-input/too-many-documents", test_too_many_documents);
  g_test_add_func ("/bad-input/reload-after-failure", test_reload_after_failure);

  return g_test_run ();
}
