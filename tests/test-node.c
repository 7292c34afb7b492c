/* test-node.c: the data tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-yaml.h"

static NpNode *
parse (const char *text)
{
  NpNode *node = np_yaml_parse_one (text, strlen (text), NULL);

  g_assert_nonnull (node);
  return node;
}

static void
test_equal (void)
{
  struct { const char *a, *b; gboolean equal; } cases[] = {
    { "{a: 1, b: 2}", "{b: 2, a: 1}", TRUE },
    { "[1, 2]", "[2, 1]", FALSE },
    { "a: 0x10", "a: 16", TRUE },
    { "a: '16'", "a: 16", FALSE },
    { "a: yes", "a: true", TRUE },
    { "a: ~", "a: null", TRUE },
    { "a:", "a: null", TRUE },
    { "a: 1.0", "a: 1", FALSE },
    { "a: 1.50", "a: 1.5", TRUE },
    { "a: {}", "a: []", FALSE },
    { "a: {b: 1}", "a: {b: 1, c: 2}", FALSE },
    { "a: \"x\"", "a: x", TRUE },
    { "a: .nan", "a: .NaN", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpNode) a = parse (cases[i].a);
      g_autoptr(NpNode) b = parse (cases[i].b);

      g_test_message ("%s vs %s", cases[i].a, cases[i].b);
      g_assert_cmpint (np_node_equal (a, b), ==, cases[i].equal);
      g_assert_cmpint (np_node_equal (b, a), ==, cases[i].equal);
    }
}

static void
test_copy (void)
{
  g_autoptr(NpNode) node = parse ("a:\n  b: [1, {c: \"2\"}]\n");
  g_autoptr(NpNode) copy = np_node_copy (node);

  g_assert_true (copy != node);
  g_assert_true (np_node_equal (node, copy));
  g_assert_cmpuint (np_node_get_line (np_node_lookup (copy, "a")), ==, 2);
  np_node_set (np_node_lookup (copy, "a"), "b", np_node_new_null ());
  g_assert_false (np_node_equal (node, copy));
  g_assert_cmpint (np_node_get_kind (np_node_lookup (np_node_lookup (node, "a"), "b")), ==, NP_NODE_SEQUENCE);
}

static void
test_large_mapping (void)
{
  g_autoptr(NpNode) map = np_node_new_mapping ();

  for (int i = 0; i < 100; i++)
    {
      g_autofree char *key = g_strdup_printf ("key%d", i);

      g_assert_true (np_node_insert (map, np_node_new_string (key), np_node_new_int (i)));
    }
  /* a duplicate is refused and nothing is taken */
  {
    NpNode *key = np_node_new_string ("key50");
    NpNode *value = np_node_new_int (0);

    g_assert_false (np_node_insert (map, key, value));
    np_node_unref (key);
    np_node_unref (value);
  }
  g_assert_cmpuint (np_node_get_n_pairs (map), ==, 100);
  for (int i = 0; i < 100; i += 7)
    {
      g_autofree char *key = g_strdup_printf ("key%d", i);
      gint64 v;

      g_assert_true (np_node_get_int (np_node_lookup (map, key), &v));
      g_assert_cmpint (v, ==, i);
    }
  g_assert_true (np_node_remove (map, "key10"));
  g_assert_false (np_node_has_key (map, "key10"));
  g_assert_true (np_node_has_key (map, "key11"));
  g_assert_cmpstr (np_node_get_key (map, 10), ==, "key11");
  g_assert_false (np_node_remove (map, "key10"));
  np_node_set (map, "key11", np_node_new_string ("eleven"));
  g_assert_cmpstr (np_node_get_text (np_node_lookup (map, "key11")), ==, "eleven");
  g_assert_cmpuint (np_node_get_n_pairs (map), ==, 99);
}

static void
test_scalars (void)
{
  g_autoptr(NpNode) big = parse ("a: 9223372036854775807\nb: 9223372036854775808\nc: -9223372036854775808\nd: on\n");
  gint64 v;
  gboolean b;

  g_assert_true (np_node_get_int (np_node_lookup (big, "a"), &v));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_false (np_node_get_int (np_node_lookup (big, "b"), &v));
  g_assert_true (np_node_get_int (np_node_lookup (big, "c"), &v));
  g_assert_cmpint (v, ==, G_MININT64);
  g_assert_true (np_node_get_bool (np_node_lookup (big, "d"), &b));
  g_assert_true (b);
  g_assert_cmpstr (np_node_describe_type (np_node_lookup (big, "d")), ==, "a boolean");
  g_assert_cmpstr (np_node_describe_type (big), ==, "a mapping");
}

static void
test_needs_quotes (void)
{
  const char *quoted[] = { "80", "yes", "No", "null", "", "~", "1e3", "0x1f", "2024-01-31", "<<", "=", "-1", ".5", NULL };
  const char *plain[] = { "web", "TCP", "10.0.0.0/8", "kube-dns", "app.kubernetes.io/name", "1.2.3", "v1", NULL };

  for (guint i = 0; quoted[i]; i++)
    g_assert_true (np_scalar_needs_quotes (quoted[i]));
  for (guint i = 0; plain[i]; i++)
    g_assert_false (np_scalar_needs_quotes (plain[i]));
}

static void
test_lookup_path (void)
{
  g_autoptr(NpNode) root = parse ("metadata:\n  labels:\n    app.kubernetes.io/name: web\n"
                                   "spec:\n  ingress:\n  - from:\n    - ipBlock: {cidr: x, except: [a, b]}\n");
  struct { const char *path; gboolean key; guint line, column; gboolean exact; } cases[] = {
    { "metadata.labels.app.kubernetes.io/name", FALSE, 3, 29, TRUE },
    { "metadata.labels.app.kubernetes.io/name", TRUE, 3, 5, TRUE },
    { "spec.ingress[0].from[0].ipBlock.except[1]", FALSE, 7, 38, TRUE },
    { "spec.ingress[0].from[0].ipBlock.cidr", TRUE, 7, 17, TRUE },
    { "spec.ingress[3].from", FALSE, 6, 3, FALSE },
    { "spec.egress", FALSE, 5, 3, FALSE },
    { "metadata.name", FALSE, 2, 3, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean exact;
      NpNode *node = np_node_lookup_path (root, cases[i].path, cases[i].key, &exact);

      g_test_message ("%s", cases[i].path);
      g_assert_nonnull (node);
      g_assert_cmpuint (np_node_get_line (node), ==, cases[i].line);
      g_assert_cmpuint (np_node_get_column (node), ==, cases[i].column);
      g_assert_cmpint (exact, ==, cases[i].exact);
    }
  g_assert_null (np_node_lookup_path (root, "", FALSE, NULL));
}

/* One node stays itself; none or several become a Kubernetes "v1 List". */
static void
test_wrap_list (void)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  g_autoptr(NpNode) none = NULL;
  g_autoptr(NpNode) one = NULL;
  g_autoptr(NpNode) two = NULL;
  g_autofree char *text = NULL;

  none = np_node_wrap_list (nodes);
  text = np_yaml_write (none, 0, NULL);
  g_assert_cmpstr (text, ==, "apiVersion: v1\nkind: List\nitems: []\n");

  g_ptr_array_add (nodes, parse ("kind: A\n"));
  one = np_node_wrap_list (nodes);
  g_assert_true (one == g_ptr_array_index (nodes, 0));

  g_ptr_array_add (nodes, parse ("kind: B\n"));
  two = np_node_wrap_list (nodes);
  g_clear_pointer (&text, g_free);
  text = np_yaml_write (two, 0, NULL);
  g_assert_cmpstr (text, ==, "apiVersion: v1\nkind: List\nitems:\n- kind: A\n- kind: B\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/node/equal", test_equal);
  g_test_add_func ("/node/copy", test_copy);
  g_test_add_func ("/node/large-mapping", test_large_mapping);
  g_test_add_func ("/node/scalars", test_scalars);
  g_test_add_func ("/node/needs-quotes", test_needs_quotes);
  g_test_add_func ("/node/lookup-path", test_lookup_path);
  g_test_add_func ("/node/wrap-list", test_wrap_list);

  return g_test_run ();
}
