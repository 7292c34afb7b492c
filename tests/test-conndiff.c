/* test-conndiff.c: connections gained, lost and changed between two sets of policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "np-conndiff.h"
#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-test-util.h"

#define CLUSTER \
  "apiVersion: v1\n" \
  "kind: Namespace\n" \
  "metadata: {name: shop}\n" \
  "---\n" \
  "apiVersion: apps/v1\n" \
  "kind: Deployment\n" \
  "metadata: {name: web, namespace: shop}\n" \
  "spec:\n" \
  "  template:\n" \
  "    metadata: {labels: {app: web}}\n" \
  "    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n" \
  "---\n" \
  "apiVersion: apps/v1\n" \
  "kind: Deployment\n" \
  "metadata: {name: db, namespace: shop}\n" \
  "spec:\n" \
  "  template:\n" \
  "    metadata: {labels: {app: db}}\n" \
  "    spec: {containers: [{name: c, image: x, ports: [{containerPort: 5432}]}]}\n"

/* Everything in shop isolated; web may reach db on @ports. */
#define POLICIES(ports) \
  "---\n" \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: deny, namespace: shop}\n" \
  "spec:\n" \
  "  podSelector: {}\n" \
  "  policyTypes: [Ingress, Egress]\n" \
  "---\n" \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: db, namespace: shop}\n" \
  "spec:\n" \
  "  podSelector: {matchLabels: {app: db}}\n" \
  "  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: " ports "}]\n" \
  "---\n" \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: web, namespace: shop}\n" \
  "spec:\n" \
  "  podSelector: {matchLabels: {app: web}}\n" \
  "  policyTypes: [Egress]\n" \
  "  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]\n"

static GPtrArray *
connections (const char *text)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "test.yaml", &error));
  g_assert_no_error (error);
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  list = np_connlist_compute (evaluator, NULL, &error);
  g_assert_no_error (error);
  return list;
}

static char *
diff_text (const char *old_text, const char *new_text, gboolean json, guint *n_diffs)
{
  g_autoptr(GPtrArray) old_list = connections (old_text);
  g_autoptr(GPtrArray) new_list = connections (new_text);
  g_autoptr(GPtrArray) diffs = np_conndiff_compute (old_list, new_list);

  if (n_diffs != NULL)
    *n_diffs = diffs->len;
  return np_conndiff_format (diffs, json);
}

static void
test_identical (void)
{
  guint n;
  g_autofree char *text = diff_text (CLUSTER POLICIES ("[{port: 5432}]"),
                                     CLUSTER POLICIES ("[{port: 5432}]"), FALSE, &n);

  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (text, ==, "");
}

static void
test_changed (void)
{
  guint n;
  g_autofree char *text = diff_text (CLUSTER POLICIES ("[{port: 5432}]"),
                                     CLUSTER POLICIES ("[{port: 5432}, {port: 5433}]"), FALSE, &n);

  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (text, ==, "~ shop/web[Deployment] => shop/db[Deployment] : TCP 5432 -> TCP 5432-5433\n");
}

static void
test_gained_lost (void)
{
  guint n;
  /* Old: nothing isolated, all pairs allowed (web<->db and the outside).
   * New: only web => db on 5432. */
  g_autofree char *text = diff_text (CLUSTER POLICIES ("[{port: 5432}]"), CLUSTER, FALSE, &n);
  g_autofree char *back = diff_text (CLUSTER, CLUSTER POLICIES ("[{port: 5432}]"), FALSE, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) back_lines = g_strsplit (back, "\n", -1);

  g_assert_cmpuint (n, >, 1);
  g_assert_nonnull (strstr (text, "+ shop/db[Deployment] => shop/web[Deployment] : All Connections\n"));
  g_assert_nonnull (strstr (text, "~ shop/web[Deployment] => shop/db[Deployment] : TCP 5432 -> All Connections\n"));
  g_assert_nonnull (strstr (back, "- shop/db[Deployment] => shop/web[Deployment] : All Connections\n"));
  g_assert_nonnull (strstr (back, "~ shop/web[Deployment] => shop/db[Deployment] : All Connections -> TCP 5432\n"));

  /* Sorted by source, then destination: "+" lines and "~" lines interleave. */
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_assert_cmpint (strcmp (lines[i - 1] + 2, lines[i] + 2), <, 0);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (back_lines));
}

static void
test_json (void)
{
  g_autofree char *text = diff_text (CLUSTER POLICIES ("[{port: 5432}]"),
                                     CLUSTER POLICIES ("[{port: 5433}]"), TRUE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *changed;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member (root, "identical"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "added")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "removed")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "changed")), ==, 1);
  changed = json_array_get_object_element (json_object_get_array_member (root, "changed"), 0);
  g_assert_cmpstr (json_object_get_string_member (changed, "src"), ==, "shop/web[Deployment]");
  g_assert_cmpstr (json_object_get_string_member (changed, "old_conn"), ==, "TCP 5432");
  g_assert_cmpstr (json_object_get_string_member (changed, "new_conn"), ==, "TCP 5433");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conndiff/identical", test_identical);
  g_test_add_func ("/conndiff/changed", test_changed);
  g_test_add_func ("/conndiff/gained-lost", test_gained_lost);
  g_test_add_func ("/conndiff/json", test_json);
  return g_test_run ();
}
