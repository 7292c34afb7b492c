/* test-yaml.c: the YAML reader and writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-diagnostic.h"
#include "np-yaml.h"

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  GPtrArray *documents = np_yaml_parse (text, strlen (text), &diagnostic);

  if (documents == NULL)
    g_error ("unexpected parse failure: %s", np_diagnostic_get_message (diagnostic));
  g_assert_null (diagnostic);
  return documents;
}

static NpDiagnostic *
parse_fail (const char *text, gsize length)
{
  NpDiagnostic *diagnostic = NULL;
  g_autoptr(GPtrArray) documents = np_yaml_parse (text, length, &diagnostic);

  g_assert_null (documents);
  g_assert_nonnull (diagnostic);
  g_assert_cmpint (np_diagnostic_get_severity (diagnostic), ==, NP_SEVERITY_ERROR);
  g_assert_cmpuint (np_diagnostic_get_line (diagnostic), >, 0);
  g_assert_cmpuint (np_diagnostic_get_column (diagnostic), >, 0);
  return diagnostic;
}

static void
assert_shares_cover (const char *text, GPtrArray *documents)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      NpYamlDocument *d = g_ptr_array_index (documents, i);

      g_assert_cmpuint (d->start, <=, d->content_start);
      g_assert_cmpuint (d->content_start, <=, d->content_end);
      g_assert_cmpuint (d->content_end, <=, d->end);
      g_string_append_len (joined, text + d->start, d->end - d->start);
    }
  g_assert_cmpstr (joined->str, ==, text);
  g_string_free (joined, TRUE);
}

static void
test_positions (void)
{
  const char *text = "a: 1\nb:\n  c: [x, \"y\"]\n";
  g_autoptr(GPtrArray) docs = parse_ok (text);
  NpYamlDocument *doc = g_ptr_array_index (docs, 0);
  NpNode *b, *c;

  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpint (np_node_get_kind (doc->root), ==, NP_NODE_MAPPING);
  b = np_node_lookup (doc->root, "b");
  c = np_node_lookup (b, "c");
  g_assert_cmpuint (np_node_get_line (c), ==, 3);
  g_assert_cmpuint (np_node_get_column (c), ==, 6);
  g_assert_cmpuint (np_node_get_line (np_node_lookup_key (b, "c")), ==, 3);
  g_assert_cmpuint (np_node_get_column (np_node_lookup_key (b, "c")), ==, 3);
  g_assert_cmpint (np_node_get_scalar_type (np_node_lookup (doc->root, "a")), ==, NP_SCALAR_INT);
  g_assert_true (np_node_is_string (np_node_get_item (c, 1)));
  g_assert_true (np_node_get_quoted (np_node_get_item (c, 1)));
  g_assert_cmpuint (np_node_get_column (np_node_get_item (c, 1)), ==, 10);
}

static void
test_documents_share_text (void)
{
  const char *texts[] = {
    "a: 1\n",
    "# leading comment\n---\na: 1\n---\n# about b\nb: 2\n# trailing\n",
    "a: 1\n...\n---\nb: [1,\n  2]   # end\n\n\n",
    "---\n{ a: 1, }\n---\n---\nc: 3",
    "\xEF\xBB\xBFname: caf\xC3\xA9 # \xE2\x82\xAC\r\n---\r\nother: \xC3\xA9t\xC3\xA9\r\n",
    "a: |\n  line\n  two\n\n---\nb: 1\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) docs = parse_ok (texts[i]);

      g_test_message ("text %u", i);
      g_assert_cmpuint (docs->len, >, 0);
      assert_shares_cover (texts[i], docs);
    }

  {
    const char *text = texts[1];
    g_autoptr(GPtrArray) docs = parse_ok (text);
    NpYamlDocument *second = g_ptr_array_index (docs, 1);
    g_autofree char *share = g_strndup (text + second->start, second->end - second->start);

    g_assert_cmpuint (docs->len, ==, 2);
    /* The comment and the separator before a document belong to it. */
    g_assert_cmpstr (share, ==, "---\n# about b\nb: 2\n# trailing\n");
    g_assert_cmpuint (second->line, ==, 6);
  }

  {
    /* Multi-byte characters before a document: shares are in bytes. */
    const char *text = texts[4];
    g_autoptr(GPtrArray) docs = parse_ok (text);
    NpYamlDocument *second = g_ptr_array_index (docs, 1);

    g_assert_cmpstr (text + second->content_start, ==, "other: \xC3\xA9t\xC3\xA9\r\n");
    g_assert_cmpstr (np_node_get_text (np_node_lookup (second->root, "other")), ==, "\xC3\xA9t\xC3\xA9");
  }
}

static void
test_empty (void)
{
  const char *texts[] = { "", "# only a comment\n", "\n\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) docs = parse_ok (texts[i]);
      g_assert_cmpuint (docs->len, ==, 0);
    }
}

static void
test_errors (void)
{
  struct {
    const char *text;
    const char *code;
    guint line, column;
    const char *needle;
  } cases[] = {
    { "a: 1\nb: [1, 2\n", "yaml-syntax", 3, 1, NULL },
    { "a: 1\n  b: 2\n", "yaml-syntax", 2, 4, "not allowed" },
    { "a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3, 1, "line 1" },
    { "x:\n  k: 1\n  k: 2\n", "yaml-duplicate-key", 3, 3, "again at line 3" },
    { "a: *nothing\n", "yaml-alias", 1, 4, "no anchor" },
    { "a: !custom 1\n", "yaml-tag", 1, 4, "custom" },
    { "? [a, b]\n: 1\n", "yaml-key", 1, 3, "list" },
    { "a:\n\tb: 1\n", "yaml-syntax", 2, 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpDiagnostic) d = NULL;

      g_test_message ("case %u: %s", i, cases[i].text);
      d = parse_fail (cases[i].text, strlen (cases[i].text));
      g_assert_cmpstr (np_diagnostic_get_code (d), ==, cases[i].code);
      g_assert_cmpuint (np_diagnostic_get_line (d), ==, cases[i].line);
      g_assert_cmpuint (np_diagnostic_get_column (d), ==, cases[i].column);
      if (cases[i].needle)
        g_assert_nonnull (strstr (np_diagnostic_get_message (d), cases[i].needle));
    }
}

static void
test_encoding (void)
{
  g_autoptr(NpDiagnostic) nul = parse_fail ("a: 1\nb: x\0y\n", 12);
  g_autoptr(NpDiagnostic) bad = parse_fail ("a: 1\nbb: \xC3\xA9\xFF\n", 12);

  g_assert_cmpstr (np_diagnostic_get_code (nul), ==, "yaml-encoding");
  g_assert_cmpuint (np_diagnostic_get_line (nul), ==, 2);
  g_assert_cmpuint (np_diagnostic_get_column (nul), ==, 5);
  g_assert_nonnull (strstr (np_diagnostic_get_message (nul), "NUL"));
  g_assert_cmpuint (np_diagnostic_get_line (bad), ==, 2);
  g_assert_cmpuint (np_diagnostic_get_column (bad), ==, 6);
  g_assert_nonnull (strstr (np_diagnostic_get_message (bad), "0xFF"));
}

static void
test_aliases (void)
{
  g_autoptr(GPtrArray) docs = parse_ok ("base: &b {app: web}\nuse: *b\n");
  NpYamlDocument *doc = g_ptr_array_index (docs, 0);
  GString *bomb = g_string_new ("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
  g_autoptr(NpDiagnostic) d = NULL;
  gint64 start;

  g_assert_true (np_node_equal (np_node_lookup (doc->root, "base"), np_node_lookup (doc->root, "use")));

  for (char c = 'b'; c <= 'j'; c++)
    g_string_append_printf (bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                            c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  start = g_get_monotonic_time ();
  d = parse_fail (bomb->str, bomb->len);
  g_assert_cmpstr (np_diagnostic_get_code (d), ==, "yaml-alias");
  g_assert_nonnull (strstr (np_diagnostic_get_message (d), "billion laughs"));
  /* Refused long before expanding a billion nodes (a loose bound, not a benchmark). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_string_free (bomb, TRUE);
}

static void
test_depth (void)
{
  GString *deep = g_string_new (NULL);
  g_autoptr(NpDiagnostic) d = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  d = parse_fail (deep->str, deep->len);
  g_assert_cmpstr (np_diagnostic_get_code (d), ==, "yaml-depth");
  g_assert_cmpuint (np_diagnostic_get_column (d), ==, NP_YAML_MAX_DEPTH + 1);
  g_string_free (deep, TRUE);
}

static void
test_long_scalar (void)
{
  GString *text = g_string_new ("kind: ConfigMap\ndata:\n  blob: ");
  g_autoptr(NpDiagnostic) d = NULL;
  g_autoptr(GPtrArray) fits = NULL;

  for (guint i = 0; i < NP_YAML_MAX_SCALAR; i++)
    g_string_append_c (text, 'x');
  /* exactly at the limit: read */
  fits = parse_ok (text->str);
  g_assert_cmpuint (fits->len, ==, 1);

  g_string_append (text, "y\n");
  d = parse_fail (text->str, text->len);
  g_assert_cmpstr (np_diagnostic_get_code (d), ==, "yaml-limit");
  g_assert_cmpuint (np_diagnostic_get_line (d), ==, 3);
  g_assert_cmpuint (np_diagnostic_get_column (d), ==, 9);
  g_string_free (text, TRUE);
}

static void
test_tags (void)
{
  g_autoptr(GPtrArray) docs = parse_ok ("a: !!str 80\nb: !!int \"80\"\nc: ! 12\n");
  NpNode *root = ((NpYamlDocument *) g_ptr_array_index (docs, 0))->root;

  g_assert_true (np_node_is_string (np_node_lookup (root, "a")));
  g_assert_cmpint (np_node_get_scalar_type (np_node_lookup (root, "b")), ==, NP_SCALAR_INT);
  g_assert_true (np_node_is_string (np_node_lookup (root, "c")));
}

static void
test_resolve (void)
{
  struct { const char *text; NpScalarType type; } cases[] = {
    { "", NP_SCALAR_NULL }, { "~", NP_SCALAR_NULL }, { "null", NP_SCALAR_NULL }, { "NULL", NP_SCALAR_NULL },
    { "true", NP_SCALAR_BOOL }, { "False", NP_SCALAR_BOOL }, { "yes", NP_SCALAR_BOOL }, { "off", NP_SCALAR_BOOL },
    { "y", NP_SCALAR_BOOL }, { "N", NP_SCALAR_BOOL },
    { "80", NP_SCALAR_INT }, { "-3", NP_SCALAR_INT }, { "0x1F", NP_SCALAR_INT }, { "0o17", NP_SCALAR_INT },
    { "017", NP_SCALAR_INT }, { "1_000", NP_SCALAR_INT }, { "0b101", NP_SCALAR_INT },
    { "1.5", NP_SCALAR_FLOAT }, { "1e3", NP_SCALAR_FLOAT }, { ".inf", NP_SCALAR_FLOAT }, { ".NaN", NP_SCALAR_FLOAT },
    { "99999999999999999999", NP_SCALAR_FLOAT },
    { "http", NP_SCALAR_STRING }, { "10.0.0.0/8", NP_SCALAR_STRING }, { "1.2.3", NP_SCALAR_STRING },
    { "nulls", NP_SCALAR_STRING }, { "TCP", NP_SCALAR_STRING }, { "089", NP_SCALAR_FLOAT }, { "08x", NP_SCALAR_STRING },
    { "yes please", NP_SCALAR_STRING }, { "0x", NP_SCALAR_STRING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (np_scalar_resolve_plain (cases[i].text), ==, cases[i].type);
    }
}

static NpNode *
reparse (const char *text)
{
  g_autoptr(NpDiagnostic) d = NULL;
  NpNode *node = np_yaml_parse_one (text, strlen (text), &d);

  if (node == NULL)
    g_error ("cannot re-read:\n%s\n%s", text, d ? np_diagnostic_get_message (d) : "(no document)");
  return node;
}

static void
test_write_quoting (void)
{
  const char *strings[] = {
    "80", "yes", "no", "on", "true", "null", "~", "", "1e3", "0x1F", "1.5", ".inf",
    "*alias", "&anchor", "!tag", "- item", "a: b", "x #y", " lead", "trail ", "2024-01-01",
    "<<", "@at", "`tick", "%pct", "{a}", "[b]", "multi\nline\n", "tab\there", "quote\"s", "caf\xC3\xA9",
    "plain-value", "10.0.0.0/8", "kubernetes.io/metadata.name", "--", "-", "?", ":",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autoptr(NpNode) map = np_node_new_mapping ();
      g_autoptr(NpNode) back = NULL;
      g_autofree char *text = NULL;

      np_node_set (map, "value", np_node_new_string (strings[i]));
      np_node_set (map, strings[i], np_node_new_int (1));
      text = np_yaml_write (map, 0, NULL);
      g_test_message ("%s", text);
      back = reparse (text);
      g_assert_true (np_node_equal (map, back));
    }

  {
    g_autoptr(NpNode) map = np_node_new_mapping ();
    g_autofree char *text = NULL;

    np_node_set (map, "a", np_node_new_string ("80"));
    np_node_set (map, "b", np_node_new_string ("web"));
    np_node_set (map, "c", np_node_new_int (80));
    np_node_set (map, "d", np_node_new_bool (TRUE));
    np_node_set (map, "e", np_node_new_null ());
    text = np_yaml_write (map, 0, NULL);
    g_assert_cmpstr (text, ==, "a: \"80\"\nb: web\nc: 80\nd: true\ne: null\n");
  }
}

static void
test_write_layout (void)
{
  const char *input =
    "apiVersion: v1\nkind: X\nspec:\n  list:\n  - a: 1\n    b: [x, y]\n  empty: {}\n  none: []\n";
  g_autoptr(NpNode) root = reparse (input);
  g_autofree char *text = np_yaml_write (root, 0, NULL);
  g_autofree char *crlf = np_yaml_write (root, NP_YAML_WRITE_CRLF | NP_YAML_WRITE_DOCUMENT_START, NULL);

  g_assert_cmpstr (text, ==,
                   "apiVersion: v1\nkind: X\nspec:\n  list:\n  - a: 1\n    b:\n    - x\n    - y\n"
                   "  empty: {}\n  none: []\n");
  g_assert_true (g_str_has_prefix (crlf, "---\r\napiVersion: v1\r\n"));
}

static void
test_json (void)
{
  const char *input = "{\"kind\": \"List\", \"items\": [{\"a\": 1, \"b\": \"80\", \"c\": true, \"d\": null, \"e\": 1.5}]}";
  g_autoptr(NpNode) root = reparse (input);
  g_autofree char *json = np_json_write (root, NULL);
  g_autoptr(NpNode) back = reparse (json);

  g_assert_true (np_node_equal (root, back));
  g_assert_nonnull (strstr (json, "    \"items\""));
  g_assert_nonnull (strstr (json, "\"b\" : \"80\"") ? "" : strstr (json, "\"b\": \"80\""));
}

static void
test_reorder (void)
{
  g_autoptr(NpNode) root = reparse ("status: {}\nspec: {a: 1}\nkind: K\nmetadata: {name: n}\nextra: 1\napiVersion: v\n");
  g_autoptr(NpNode) ordered = np_node_reorder_k8s (root);
  const char *expected[] = { "apiVersion", "kind", "metadata", "spec", "status", "extra" };

  g_assert_true (np_node_equal (root, ordered));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (np_node_get_key (ordered, i), ==, expected[i]);
}

/* A random tree of keys and values, from words that are plain and words
 * that are not. */
static NpNode *
random_tree (GRand *rand, guint depth)
{
  static const char * const words[] = {
    "a", "app", "k8s:app", "a:b", "a:", "-a", "-", "a-b", "x/y", "/x", "_x", "1", "80", "1.5",
    "true", "yes", "null", "~", "", "a b", "a#b", "a #b", "\xc3\xa9t\xc3\xa9", "UDP", "10.0.0.0/8",
    "2024-01-01", "0x10", "<<", "=", "...", "---x", ".x", "two\nlines", " lead", "trail ",
    "key-of-a-length-over-one-hundred-and-twenty-eight-characters-which-libyaml-writes-as-a-complex-key-"
    "instead-of-a-simple-one-so-that-it-is",
    /* quoted: plain ASCII, or with something to escape; keys near 128 */
    "-1", "+1", ".5", "1e3", "Off", "NULL", "2024-01-01T00:00:00Z", "2024-01-01\\x", "2024-01-01 \"q\"",
    "1:2", " 80", "80 ", "rule set 2", "a  b", "a: b", "a :b", "a - b", "a b ", "a ?b", "a b:", "a \\b", ".inf", "-.Inf", "2024-01-01\t", "2024-01-01\xc3\xa9",
    "12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678",
    "123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789",
    NULL
  };
  guint n_words = g_strv_length ((char **) words);
  guint kind = g_rand_int_range (rand, 0, depth > 3 ? 1 : 4);

  if (kind == 0 || kind == 3)
    {
      const char *word = words[g_rand_int_range (rand, 0, n_words)];

      return g_rand_boolean (rand) ? np_node_new_string (word)
                                   : np_node_new_scalar (np_scalar_resolve_plain (word), word);
    }
  if (kind == 1)
    {
      NpNode *mapping = np_node_new_mapping ();

      for (int i = g_rand_int_range (rand, 0, 4); i > 0; i--)
        np_node_set (mapping, words[g_rand_int_range (rand, 0, n_words)], random_tree (rand, depth + 1));
      return mapping;
    }
  {
    NpNode *sequence = np_node_new_sequence ();

    for (int i = g_rand_int_range (rand, 0, 4); i > 0; i--)
      np_node_append (sequence, random_tree (rand, depth + 1));
    return sequence;
  }
}

/* np_yaml_write() writes the common cases itself and leaves the rest to
 * libyaml's emitter; an explicit "---" always goes to libyaml: both must
 * give the same text. */
static void
test_write_direct (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(NpNode) root = random_tree (rand, 0);
      g_autofree char *direct = NULL;
      g_autofree char *emitted = NULL;

      if (np_node_get_kind (root) == NP_NODE_SCALAR)
        continue;
      direct = np_yaml_write (root, i % 2 ? NP_YAML_WRITE_CRLF : 0, NULL);
      emitted = np_yaml_write (root, NP_YAML_WRITE_DOCUMENT_START | (i % 2 ? NP_YAML_WRITE_CRLF : 0), NULL);
      g_assert_true (g_str_has_prefix (emitted, "---"));
      /* "---" then a space before a flow value, or a line break */
      if (emitted[3] == ' ')
        g_assert_cmpstr (direct, ==, emitted + 4);
      else
        g_assert_cmpstr (direct, ==, emitted + (i % 2 ? 5 : 4));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/yaml/positions", test_positions);
  g_test_add_func ("/yaml/documents-share-text", test_documents_share_text);
  g_test_add_func ("/yaml/empty", test_empty);
  g_test_add_func ("/yaml/errors", test_errors);
  g_test_add_func ("/yaml/encoding", test_encoding);
  g_test_add_func ("/yaml/aliases", test_aliases);
  g_test_add_func ("/yaml/depth", test_depth);
  g_test_add_func ("/yaml/tags", test_tags);
  g_test_add_func ("/yaml/long-scalar", test_long_scalar);
  g_test_add_func ("/yaml/resolve", test_resolve);
  g_test_add_func ("/yaml/write-quoting", test_write_quoting);
  g_test_add_func ("/yaml/write-layout", test_write_layout);
  g_test_add_func ("/yaml/write-direct", test_write_direct);
  g_test_add_func ("/yaml/json", test_json);
  g_test_add_func ("/yaml/reorder", test_reorder);

  return g_test_run ();
}
