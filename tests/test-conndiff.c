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
  return np_conndiff_format (diffs, json ? NP_CONNDIFF_JSON : NP_CONNDIFF_TEXT);
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

/* Refinement of external ranges ------------------------------------------- */

/* shop/db isolated for ingress, with @rules; shop/web open. */
#define DB_INGRESS(rules) \
  "---\n" \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: db, namespace: shop}\n" \
  "spec:\n" \
  "  podSelector: {matchLabels: {app: db}}\n" \
  "  policyTypes: [Ingress]\n" \
  "  ingress: " rules "\n"

static gboolean
list_has_line (GPtrArray *list, const char *source, const char *destination)
{
  for (guint i = 0; i < list->len; i++)
    {
      const NpConnection *c = g_ptr_array_index (list, i);

      if (g_str_equal (c->source, source) && g_str_equal (c->destination, destination))
        return TRUE;
    }
  return FALSE;
}

/* The example: a new rule that allows 0.0.0.0/1, which was already
 * allowed, splits the printed range in two but changes nothing. */
static void
test_refine_overlap_unchanged (void)
{
  const char *old_text = CLUSTER DB_INGRESS ("[{}]");
  const char *new_text = CLUSTER DB_INGRESS ("[{}, {from: [{ipBlock: {cidr: 0.0.0.0/1}}]}]");
  g_autoptr(GPtrArray) old_list = connections (old_text);
  g_autoptr(GPtrArray) new_list = connections (new_text);
  g_autoptr(GPtrArray) diffs = np_conndiff_compute (old_list, new_list);
  g_autoptr(GPtrArray) all = np_conndiff_compute_full (old_list, new_list, NULL, NULL,
                                                       NP_CONNDIFF_WITH_UNCHANGED);
  g_autofree char *text = np_conndiff_format (diffs, NP_CONNDIFF_TEXT);
  g_autofree char *txt = np_conndiff_format (all, NP_CONNDIFF_TXT);

  /* The lists print the outside differently... */
  g_assert_true (list_has_line (old_list, "0.0.0.0-255.255.255.255[External]", "shop/db[Deployment]"));
  g_assert_true (list_has_line (new_list, "0.0.0.0-127.255.255.255[External]", "shop/db[Deployment]"));
  g_assert_true (list_has_line (new_list, "128.0.0.0-255.255.255.255[External]", "shop/db[Deployment]"));
  /* ...but allow the same. */
  g_assert_cmpuint (diffs->len, ==, 0);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpstr (txt, ==, "");
  /* The unchanged pairs are whole again: one row per workload and direction. */
  g_assert_cmpuint (np_conndiff_count_changes (all), ==, 0);
  for (guint i = 0; i < all->len; i++)
    {
      const NpConnDiff *diff = g_ptr_array_index (all, i);

      g_assert_cmpint (diff->kind, ==, NP_CONN_DIFF_UNCHANGED);
      g_assert_true (strstr (diff->source, "127.255") == NULL && strstr (diff->source, "128.0") == NULL);
    }
}

/* A change inside a range: exactly the piece that changed. */
static void
test_refine_changed_piece (void)
{
  guint n;
  g_autofree char *gained = diff_text (
    CLUSTER DB_INGRESS ("[{from: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 80}]}]"),
    CLUSTER DB_INGRESS ("[{from: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 80}]},"
                        " {from: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 443}]}]"),
    FALSE, &n);
  g_autofree char *lost = diff_text (
    CLUSTER DB_INGRESS ("[{from: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 80}]}]"),
    CLUSTER DB_INGRESS ("[{from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}], ports: [{port: 80}]}]"),
    FALSE, NULL);

  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (gained, ==,
                   "~ 10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 80 -> TCP 80,443\n");
  g_assert_cmpstr (lost, ==, "- 10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 80\n");
}

/* Neighbouring pieces that changed alike make one row; a piece that changed
 * otherwise (here: not at all) or a gap ends it. */
static void
test_refine_merge (void)
{
  g_autoptr(GPtrArray) old_list = connections (
    CLUSTER DB_INGRESS ("[{from: [{ipBlock: {cidr: 10.0.0.0/8}}, {ipBlock: {cidr: 11.0.0.0/8}},"
                        " {ipBlock: {cidr: 12.0.0.0/8}}, {ipBlock: {cidr: 13.0.0.0/8}}], ports: [{port: 80}]}]"));
  g_autoptr(GPtrArray) new_list = connections (
    CLUSTER DB_INGRESS ("[{from: [{ipBlock: {cidr: 10.0.0.0/8}}, {ipBlock: {cidr: 11.0.0.0/8}},"
                        " {ipBlock: {cidr: 13.0.0.0/8}}], ports: [{port: 80}, {port: 443}]},"
                        " {from: [{ipBlock: {cidr: 12.0.0.0/8}}], ports: [{port: 80}]}]"));
  g_autoptr(GPtrArray) diffs = np_conndiff_compute (old_list, new_list);
  g_autofree char *text = np_conndiff_format (diffs, NP_CONNDIFF_TEXT);
  g_autofree char *gap = diff_text (
    CLUSTER DB_INGRESS ("[{from: [{ipBlock: {cidr: 10.0.0.0/8}}, {ipBlock: {cidr: 12.0.0.0/8}}], ports: [{port: 80}]}]"),
    CLUSTER DB_INGRESS ("[]"), FALSE, NULL);

  /* Each side lists 10/8 and 11/8 apart. */
  g_assert_true (list_has_line (old_list, "10.0.0.0-10.255.255.255[External]", "shop/db[Deployment]"));
  g_assert_true (list_has_line (new_list, "11.0.0.0-11.255.255.255[External]", "shop/db[Deployment]"));
  g_assert_cmpstr (text, ==,
                   "~ 10.0.0.0-11.255.255.255[External] => shop/db[Deployment] : TCP 80 -> TCP 80,443\n"
                   "~ 13.0.0.0-13.255.255.255[External] => shop/db[Deployment] : TCP 80 -> TCP 80,443\n");
  /* 11/8 was never allowed: the two lost pieces stay apart. */
  g_assert_cmpstr (gap, ==,
                   "- 10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 80\n"
                   "- 12.0.0.0-12.255.255.255[External] => shop/db[Deployment] : TCP 80\n");
}

/* Ranges written with several intervals, and IPv6, are read too. */
static NpConnSet *
tcp (guint first, guint last)
{
  NpConnSet *set = np_conn_set_new ();

  np_conn_set_add_range (set, NP_PROTOCOL_TCP, first, last);
  return set;
}

static void
add_line (GPtrArray *list, const char *source, const char *destination, NpConnSet *conns)
{
  NpConnection *c = g_new0 (NpConnection, 1);

  c->source = g_strdup (source);
  c->destination = g_strdup (destination);
  c->conns = conns;
  g_ptr_array_add (list, c);
}

static void
test_refine_intervals (void)
{
  g_autoptr(GPtrArray) old_list = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  g_autoptr(GPtrArray) new_list = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  g_autoptr(GPtrArray) diffs = NULL;
  g_autofree char *text = NULL;

  add_line (old_list, "ns/a[Pod]", "1.0.0.0-1.0.0.255,1.0.2.0-1.0.2.255[External]", tcp (80, 80));
  add_line (old_list, "ns/a[Pod]", "2001:db8::-2001:db8::ffff[External]", tcp (80, 80));
  add_line (new_list, "ns/a[Pod]", "1.0.0.0-1.0.0.127[External]", tcp (80, 80));
  add_line (new_list, "ns/a[Pod]", "1.0.0.128-1.0.0.255[External]", tcp (80, 80));
  add_line (new_list, "ns/a[Pod]", "1.0.1.0-1.0.2.255[External]", tcp (80, 80));
  add_line (new_list, "ns/a[Pod]", "2001:db8::-2001:db8::ff[External]", tcp (80, 81));
  add_line (new_list, "ns/a[Pod]", "2001:db8::100-2001:db8::ffff[External]", tcp (80, 80));
  diffs = np_conndiff_compute (old_list, new_list);
  text = np_conndiff_format (diffs, NP_CONNDIFF_TEXT);
  g_assert_cmpstr (text, ==,
                   "+ ns/a[Pod] => 1.0.1.0-1.0.1.255[External] : TCP 80\n"
                   "~ ns/a[Pod] => 2001:db8::-2001:db8::ff[External] : TCP 80 -> TCP 80-81\n");
}

/* netpol-analyzer's formats ------------------------------------------------ */

static NpConnSet *
conns_of (NpProtocol protocol, guint a, guint b)
{
  NpConnSet *set = np_conn_set_new ();

  np_conn_set_add_range (set, protocol, a, a);
  if (b != 0)
    np_conn_set_add_range (set, protocol, b, b);
  return set;
}

/* Changed, added and removed rows, with an external range cut differently
 * on each side, a new and a lost workload and the ingress controller. */
static GPtrArray *
sample_diffs (void)
{
  g_autoptr(GPtrArray) old_list = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  g_autoptr(GPtrArray) new_list = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  const char *old_workloads[] = { "ns1/a[Deployment]", "ns1/b[Deployment]", "ns-old/gone[Deployment]", NULL };
  const char *new_workloads[] = { "ns1/a[Deployment]", "ns1/b[Deployment]", "ns2/new[Pod]", NULL };

  add_line (old_list, "ns1/a[Deployment]", "ns1/b[Deployment]", conns_of (NP_PROTOCOL_TCP, 80, 0));
  add_line (old_list, "0.0.0.0-255.255.255.255[External]", "ns1/a[Deployment]", conns_of (NP_PROTOCOL_TCP, 80, 0));
  add_line (old_list, "{ingress-controller}", "ns1/a[Deployment]", conns_of (NP_PROTOCOL_TCP, 8080, 0));
  add_line (old_list, "ns1/b[Deployment]", "ns-old/gone[Deployment]", np_conn_set_new_all ());

  add_line (new_list, "ns1/a[Deployment]", "ns1/b[Deployment]", conns_of (NP_PROTOCOL_TCP, 80, 443));
  add_line (new_list, "0.0.0.0-9.255.255.255[External]", "ns1/a[Deployment]", conns_of (NP_PROTOCOL_TCP, 80, 0));
  add_line (new_list, "10.0.0.0-10.255.255.255[External]", "ns1/a[Deployment]", conns_of (NP_PROTOCOL_TCP, 80, 443));
  add_line (new_list, "11.0.0.0-255.255.255.255[External]", "ns1/a[Deployment]", conns_of (NP_PROTOCOL_TCP, 80, 0));
  add_line (new_list, "{ingress-controller}", "ns1/a[Deployment]", conns_of (NP_PROTOCOL_TCP, 8080, 9090));
  add_line (new_list, "ns2/new[Pod]", "ns1/a[Deployment]", conns_of (NP_PROTOCOL_UDP, 53, 0));
  add_line (new_list, "{ingress-controller}", "ns1/b[Deployment]", conns_of (NP_PROTOCOL_TCP, 80, 0));

  return np_conndiff_compute_full (old_list, new_list, old_workloads, new_workloads,
                                   NP_CONNDIFF_WITH_UNCHANGED);
}

static void
test_format_txt (void)
{
  g_autoptr(GPtrArray) diffs = sample_diffs ();
  g_autofree char *txt = np_conndiff_format (diffs, NP_CONNDIFF_TXT);
  g_autofree char *text = np_conndiff_format (diffs, NP_CONNDIFF_TEXT);

  g_assert_cmpuint (diffs->len, ==, 8);
  g_assert_cmpuint (np_conndiff_count_changes (diffs), ==, 6);
  /* Changed, added, removed; then the ingress controller's; each sorted. */
  g_assert_cmpstr (txt, ==,
    "Connectivity diff:\n"
    "diff-type: changed, source: 10.0.0.0-10.255.255.255[External], destination: ns1/a[Deployment], dir1: TCP 80, dir2: TCP 80,443\n"
    "diff-type: changed, source: ns1/a[Deployment], destination: ns1/b[Deployment], dir1: TCP 80, dir2: TCP 80,443\n"
    "diff-type: added, source: ns2/new[Pod], destination: ns1/a[Deployment], dir1: No Connections, dir2: UDP 53, workloads-diff-info: workload ns2/new[Pod] added\n"
    "diff-type: removed, source: ns1/b[Deployment], destination: ns-old/gone[Deployment], dir1: All Connections, dir2: No Connections, workloads-diff-info: workload ns-old/gone[Deployment] removed\n"
    "diff-type: changed, source: {ingress-controller}, destination: ns1/a[Deployment], dir1: TCP 8080, dir2: TCP 8080,9090\n"
    "diff-type: added, source: {ingress-controller}, destination: ns1/b[Deployment], dir1: No Connections, dir2: TCP 80\n");
  /* netpol's own text leaves the unchanged pairs out too. */
  g_assert_cmpstr (text, ==,
    "~ 10.0.0.0-10.255.255.255[External] => ns1/a[Deployment] : TCP 80 -> TCP 80,443\n"
    "~ ns1/a[Deployment] => ns1/b[Deployment] : TCP 80 -> TCP 80,443\n"
    "- ns1/b[Deployment] => ns-old/gone[Deployment] : All Connections\n"
    "+ ns2/new[Pod] => ns1/a[Deployment] : UDP 53\n"
    "~ {ingress-controller} => ns1/a[Deployment] : TCP 8080 -> TCP 8080,9090\n"
    "+ {ingress-controller} => ns1/b[Deployment] : TCP 80\n");
}

static void
test_format_csv_md (void)
{
  g_autoptr(GPtrArray) diffs = sample_diffs ();
  g_autofree char *csv = np_conndiff_format (diffs, NP_CONNDIFF_CSV);
  g_autofree char *md = np_conndiff_format (diffs, NP_CONNDIFF_MD);

  g_assert_cmpstr (csv, ==,
    "diff-type,source,destination,dir1,dir2,workloads-diff-info\n"
    "changed,10.0.0.0-10.255.255.255[External],ns1/a[Deployment],TCP 80,\"TCP 80,443\",\n"
    "changed,ns1/a[Deployment],ns1/b[Deployment],TCP 80,\"TCP 80,443\",\n"
    "added,ns2/new[Pod],ns1/a[Deployment],No Connections,UDP 53,workload ns2/new[Pod] added\n"
    "removed,ns1/b[Deployment],ns-old/gone[Deployment],All Connections,No Connections,workload ns-old/gone[Deployment] removed\n"
    "changed,{ingress-controller},ns1/a[Deployment],TCP 8080,\"TCP 8080,9090\",\n"
    "added,{ingress-controller},ns1/b[Deployment],No Connections,TCP 80,\n");
  /* No final newline. */
  g_assert_cmpstr (md, ==,
    "| diff-type | source | destination | dir1 | dir2 | workloads-diff-info |\n"
    "|-----------|--------|-------------|------|------|---------------------|\n"
    "| changed | 10.0.0.0-10.255.255.255[External] | ns1/a[Deployment] | TCP 80 | TCP 80,443 |  |\n"
    "| changed | ns1/a[Deployment] | ns1/b[Deployment] | TCP 80 | TCP 80,443 |  |\n"
    "| added | ns2/new[Pod] | ns1/a[Deployment] | No Connections | UDP 53 | workload ns2/new[Pod] added |\n"
    "| removed | ns1/b[Deployment] | ns-old/gone[Deployment] | All Connections | No Connections | workload ns-old/gone[Deployment] removed |\n"
    "| changed | {ingress-controller} | ns1/a[Deployment] | TCP 8080 | TCP 8080,9090 |  |\n"
    "| added | {ingress-controller} | ns1/b[Deployment] | No Connections | TCP 80 |  |");
}

#define DOT_LEGEND \
  "\tnodesep=0.5\n" \
  "\tsubgraph cluster_legend {\n" \
  "\t\tlabel=\"Legend\"\n" \
  "\t\tfontsize = 10\n" \
  "\t\tmargin=0\n" \
  "\t\ta [style=invis height=0 width=0]\n" \
  "\t\tb [style=invis height=0 width=0]\n" \
  "\t\tc [style=invis height=0 width=0]\n" \
  "\t\td [style=invis height=0 width=0]\n" \
  "\t\te [style=invis height=0 width=0]\n" \
  "\t\tf [style=invis height=0 width=0]\n" \
  "\t\tg [style=invis height=0 width=0]\n" \
  "\t\th [style=invis height=0 width=0]\n" \
  "\t\t{rank=source a b c d}\n" \
  "\t\t{rank=same e f g h}\n" \
  "\t\ta -> b [label=\"added connection\", color=\"#008000\" fontcolor=\"#008000\" fontsize = 10 arrowsize=0.2]\n" \
  "\t\tc -> d [label=\"removed connection\", color=\"red2\" fontcolor=\"red2\" fontsize = 10 arrowsize=0.2]\n" \
  "\t\te -> f [label=\"changed connection\", color=\"magenta\" fontcolor=\"magenta\" fontsize = 10 arrowsize=0.2]\n" \
  "\t\tg -> h [label=\"unchanged connection\", color=\"grey\" fontcolor=\"grey\" fontsize = 10 arrowsize=0.2]\n" \
  "\t\tnp [label=\"new peer\" color=\"#008000\" fontcolor=\"#008000\" fontsize = 10]\n" \
  "\t\tlp [label=\"lost peer\" color=\"red\" fontcolor=\"red\" fontsize = 10]\n" \
  "\t\tpp [label=\"persistent peer\" color=\"blue\" fontcolor=\"blue\" fontsize = 10]\n" \
  "\t\t{rank=sink np lp pp}\n" \
  "\t\tnp->lp [style=invis]\n" \
  "\t\tlp->pp [style=invis]\n" \
  "\t}\n"

static void
test_format_dot (void)
{
  g_autoptr(GPtrArray) diffs = sample_diffs ();
  g_autofree char *dot = np_conndiff_format (diffs, NP_CONNDIFF_DOT);

  /* Clusters by key ("-" sorts before "1"), outside nodes, edges (the
   * unchanged ones in grey), the ingress controller's edges, legend; no
   * final newline. */
  g_assert_cmpstr (dot, ==,
    "digraph {\n"
    "\tsubgraph \"cluster_ns_old[namespace]\" {\n"
    "\t\tcolor=\"black\"\n"
    "\t\tfontcolor=\"black\"\n"
    "\t\t\"ns-old/gone[Deployment]\" [label=\"gone[Deployment]\" color=\"red\" fontcolor=\"red\"]\n"
    "\t\tlabel=\"ns-old[namespace]\"\n"
    "\t}\n"
    "\tsubgraph \"cluster_ns1[namespace]\" {\n"
    "\t\tcolor=\"black\"\n"
    "\t\tfontcolor=\"black\"\n"
    "\t\t\"ns1/a[Deployment]\" [label=\"a[Deployment]\" color=\"blue\" fontcolor=\"blue\"]\n"
    "\t\t\"ns1/b[Deployment]\" [label=\"b[Deployment]\" color=\"blue\" fontcolor=\"blue\"]\n"
    "\t\tlabel=\"ns1[namespace]\"\n"
    "\t}\n"
    "\tsubgraph \"cluster_ns2[namespace]\" {\n"
    "\t\tcolor=\"black\"\n"
    "\t\tfontcolor=\"black\"\n"
    "\t\t\"ns2/new[Pod]\" [label=\"new[Pod]\" color=\"#008000\" fontcolor=\"#008000\"]\n"
    "\t\tlabel=\"ns2[namespace]\"\n"
    "\t}\n"
    "\t\"0.0.0.0-9.255.255.255[External]\" [label=\"0.0.0.0-9.255.255.255[External]\" color=\"blue\" fontcolor=\"blue\"]\n"
    "\t\"10.0.0.0-10.255.255.255[External]\" [label=\"10.0.0.0-10.255.255.255[External]\" color=\"blue\" fontcolor=\"blue\"]\n"
    "\t\"11.0.0.0-255.255.255.255[External]\" [label=\"11.0.0.0-255.255.255.255[External]\" color=\"blue\" fontcolor=\"blue\"]\n"
    "\t\"{ingress-controller}\" [label=\"{ingress-controller}\" color=\"blue\" fontcolor=\"blue\"]\n"
    "\t\"0.0.0.0-9.255.255.255[External]\" -> \"ns1/a[Deployment]\" [label=\"TCP 80\" color=\"grey\" fontcolor=\"grey\" weight=0.5]\n"
    "\t\"10.0.0.0-10.255.255.255[External]\" -> \"ns1/a[Deployment]\" [label=\"TCP 80,443 (dir1: TCP 80)\" color=\"magenta\" fontcolor=\"magenta\" weight=0.5]\n"
    "\t\"11.0.0.0-255.255.255.255[External]\" -> \"ns1/a[Deployment]\" [label=\"TCP 80\" color=\"grey\" fontcolor=\"grey\" weight=0.5]\n"
    "\t\"ns1/a[Deployment]\" -> \"ns1/b[Deployment]\" [label=\"TCP 80,443 (dir1: TCP 80)\" color=\"magenta\" fontcolor=\"magenta\" weight=0.5]\n"
    "\t\"ns1/b[Deployment]\" -> \"ns-old/gone[Deployment]\" [label=\"All Connections\" color=\"red2\" fontcolor=\"red2\" weight=1]\n"
    "\t\"ns2/new[Pod]\" -> \"ns1/a[Deployment]\" [label=\"UDP 53\" color=\"#008000\" fontcolor=\"#008000\" weight=1]\n"
    "\t\"{ingress-controller}\" -> \"ns1/a[Deployment]\" [label=\"TCP 8080,9090 (dir1: TCP 8080)\" color=\"magenta\" fontcolor=\"magenta\" weight=1]\n"
    "\t\"{ingress-controller}\" -> \"ns1/b[Deployment]\" [label=\"TCP 80\" color=\"#008000\" fontcolor=\"#008000\" weight=1]\n"
    DOT_LEGEND
    "}");
}

/* Nothing changed: every format is empty, even with unchanged pairs. */
static void
test_format_empty (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  g_autoptr(GPtrArray) diffs = NULL;
  NpConnDiffFormat format;

  add_line (list, "ns/a[Pod]", "ns/b[Pod]", tcp (80, 80));
  diffs = np_conndiff_compute_full (list, list, NULL, NULL, NP_CONNDIFF_WITH_UNCHANGED);
  g_assert_cmpuint (diffs->len, ==, 1);
  for (format = NP_CONNDIFF_TEXT; format <= NP_CONNDIFF_DOT; format++)
    {
      g_autofree char *text = np_conndiff_format (diffs, format);

      if (format == NP_CONNDIFF_JSON)
        g_assert_nonnull (strstr (text, "\"identical\" : true"));
      else
        g_assert_cmpstr (text, ==, "");
    }
  g_assert_true (np_conndiff_format_parse ("txt", &format));
  g_assert_cmpint (format, ==, NP_CONNDIFF_TXT);
  g_assert_true (np_conndiff_format_parse ("text", &format));
  g_assert_cmpint (format, ==, NP_CONNDIFF_TEXT);
  g_assert_false (np_conndiff_format_parse ("svg", &format));
}

/* workloads-diff-info from whole manifests ---------------------------------- */

#define DEPLOYMENT(name) \
  "---\n" \
  "apiVersion: apps/v1\n" \
  "kind: Deployment\n" \
  "metadata: {name: " name ", namespace: shop}\n" \
  "spec:\n" \
  "  template:\n" \
  "    metadata: {labels: {app: " name "}}\n" \
  "    spec: {containers: [{name: c, image: x}]}\n"

static NpEvaluator *
evaluator (const char *text)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "test.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
}

static char *
evaluators_diff (const char *old_text, const char *new_text, NpConnDiffFormat format)
{
  g_autoptr(NpEvaluator) old_evaluator = evaluator (old_text);
  g_autoptr(NpEvaluator) new_evaluator = evaluator (new_text);
  g_autoptr(GPtrArray) diffs = np_conndiff_compute_evaluators (old_evaluator, new_evaluator);

  return np_conndiff_format (diffs, format);
}

static void
test_workloads_info (void)
{
  g_autofree char *added = evaluators_diff (DEPLOYMENT ("web"), DEPLOYMENT ("web") DEPLOYMENT ("cache"),
                                            NP_CONNDIFF_TXT);
  g_autofree char *removed = evaluators_diff (DEPLOYMENT ("web") DEPLOYMENT ("cache"), DEPLOYMENT ("web"),
                                              NP_CONNDIFF_CSV);
  g_autofree char *both = evaluators_diff (DEPLOYMENT ("web"),
                                           DEPLOYMENT ("web") DEPLOYMENT ("a") DEPLOYMENT ("b"),
                                           NP_CONNDIFF_TXT);
  /* A workload that exists on both sides is not new, even where its
   * connections are: db isolated in OLD, open in NEW. */
  g_autofree char *persistent = evaluators_diff (CLUSTER DB_INGRESS ("[]"), CLUSTER, NP_CONNDIFF_MD);

  g_assert_cmpstr (added, ==,
    "Connectivity diff:\n"
    "diff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: shop/cache[Deployment], dir1: No Connections, dir2: All Connections, workloads-diff-info: workload shop/cache[Deployment] added\n"
    "diff-type: added, source: shop/cache[Deployment], destination: 0.0.0.0-255.255.255.255[External], dir1: No Connections, dir2: All Connections, workloads-diff-info: workload shop/cache[Deployment] added\n"
    "diff-type: added, source: shop/cache[Deployment], destination: shop/web[Deployment], dir1: No Connections, dir2: All Connections, workloads-diff-info: workload shop/cache[Deployment] added\n"
    "diff-type: added, source: shop/web[Deployment], destination: shop/cache[Deployment], dir1: No Connections, dir2: All Connections, workloads-diff-info: workload shop/cache[Deployment] added\n");
  g_assert_cmpstr (removed, ==,
    "diff-type,source,destination,dir1,dir2,workloads-diff-info\n"
    "removed,0.0.0.0-255.255.255.255[External],shop/cache[Deployment],All Connections,No Connections,workload shop/cache[Deployment] removed\n"
    "removed,shop/cache[Deployment],0.0.0.0-255.255.255.255[External],All Connections,No Connections,workload shop/cache[Deployment] removed\n"
    "removed,shop/cache[Deployment],shop/web[Deployment],All Connections,No Connections,workload shop/cache[Deployment] removed\n"
    "removed,shop/web[Deployment],shop/cache[Deployment],All Connections,No Connections,workload shop/cache[Deployment] removed\n");
  g_assert_nonnull (strstr (both,
    "diff-type: added, source: shop/a[Deployment], destination: shop/b[Deployment], dir1: No Connections, dir2: All Connections, workloads-diff-info: workload shop/a[Deployment] and shop/b[Deployment] added\n"));
  g_assert_nonnull (strstr (both,
    "diff-type: added, source: shop/a[Deployment], destination: shop/web[Deployment], dir1: No Connections, dir2: All Connections, workloads-diff-info: workload shop/a[Deployment] added\n"));
  g_assert_cmpstr (persistent, ==,
    "| diff-type | source | destination | dir1 | dir2 | workloads-diff-info |\n"
    "|-----------|--------|-------------|------|------|---------------------|\n"
    "| added | 0.0.0.0-255.255.255.255[External] | shop/db[Deployment] | No Connections | All Connections |  |\n"
    "| added | shop/web[Deployment] | shop/db[Deployment] | No Connections | All Connections |  |");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conndiff/identical", test_identical);
  g_test_add_func ("/conndiff/changed", test_changed);
  g_test_add_func ("/conndiff/gained-lost", test_gained_lost);
  g_test_add_func ("/conndiff/json", test_json);
  g_test_add_func ("/conndiff/refine/overlap-unchanged", test_refine_overlap_unchanged);
  g_test_add_func ("/conndiff/refine/changed-piece", test_refine_changed_piece);
  g_test_add_func ("/conndiff/refine/merge", test_refine_merge);
  g_test_add_func ("/conndiff/refine/intervals", test_refine_intervals);
  g_test_add_func ("/conndiff/format/txt", test_format_txt);
  g_test_add_func ("/conndiff/format/csv-md", test_format_csv_md);
  g_test_add_func ("/conndiff/format/dot", test_format_dot);
  g_test_add_func ("/conndiff/format/empty", test_format_empty);
  g_test_add_func ("/conndiff/workloads-info", test_workloads_info);
  return g_test_run ();
}
