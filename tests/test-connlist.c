/* test-connlist.c: netpol-analyzer's json and dot layouts and its focus flags
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected outputs were written by hand from
 * shared/docs/analysis-formats.md (§1 JSON, §2 DOT, §3 focus) for the small
 * cluster below; they are not copies of any tool's output.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-test-util.h"

/* Four pods in three namespaces (two named "web"), all isolated:
 * shop/client reaches shop/web on TCP 8080 and any address on UDP 53;
 * shop/web reaches shop-db/db on TCP 5432; other/web has no connection. */
static const char cluster[] =
  "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n"
  "spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: client, namespace: shop, labels: {app: client}}\n"
  "spec: {containers: [{name: c}]}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop-db, labels: {app: db}}\n"
  "spec: {containers: [{name: c}]}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: other, labels: {app: web}}\n"
  "spec: {containers: [{name: c}]}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress, Egress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: client}}}]\n    ports: [{port: 8080}]\n"
  "  egress:\n  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop-db}}}]\n"
  "    ports: [{port: 5432}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: client, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: client}}\n  policyTypes: [Ingress, Egress]\n"
  "  egress:\n  - to: [{podSelector: {matchLabels: {app: web}}}]\n"
  "  - to: [{ipBlock: {cidr: 0.0.0.0/0}}]\n    ports: [{protocol: UDP, port: 53}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: shop-db}\n"
  "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n"
  "  ingress:\n  - from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}]\n"
  "    ports: [{port: 5432}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: other}\n"
  "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";

#define LINE_DNS    "shop/client[Pod] => 0.0.0.0-255.255.255.255[External] : UDP 53\n"
#define LINE_WEB    "shop/client[Pod] => shop/web[Pod] : TCP 8080\n"
#define LINE_DB     "shop/web[Pod] => shop-db/db[Pod] : TCP 5432\n"

#define DOT_CLUSTER_HEAD(name) "\tsubgraph \"cluster_" name "\" {\n\t\tcolor=\"black\"\n\t\tfontcolor=\"black\"\n"
#define DOT_NODE(id, label) "\t\t\"" id "\" [label=\"" label "\" color=\"blue\" fontcolor=\"blue\"]\n"
#define DOT_CLUSTER_TAIL(key) "\t\tlabel=\"" key "\"\n\t}\n"
#define DOT_OTHER \
  DOT_CLUSTER_HEAD ("other[namespace]") DOT_NODE ("other/web[Pod]", "web[Pod]") DOT_CLUSTER_TAIL ("other[namespace]")
#define DOT_SHOP_DB \
  DOT_CLUSTER_HEAD ("shop_db[namespace]") DOT_NODE ("shop-db/db[Pod]", "db[Pod]") DOT_CLUSTER_TAIL ("shop-db[namespace]")
#define DOT_SHOP \
  DOT_CLUSTER_HEAD ("shop[namespace]") DOT_NODE ("shop/client[Pod]", "client[Pod]") \
  DOT_NODE ("shop/web[Pod]", "web[Pod]") DOT_CLUSTER_TAIL ("shop[namespace]")
#define DOT_ALL_RANGE \
  "\t\"0.0.0.0-255.255.255.255[External]\" [label=\"0.0.0.0-255.255.255.255[External]\" color=\"red2\" fontcolor=\"red2\"]\n"
#define DOT_EDGE(src, dst, label, weight) \
  "\t\"" src "\" -> \"" dst "\" [label=\"" label "\" color=\"gold2\" fontcolor=\"darkgreen\" weight=" weight "]\n"

static NpEvaluator *
cluster_evaluator (void)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (cluster, strlen (cluster));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
}

/* The list @focus keeps, in @format; its warnings joined by "|" go to
 * @warnings when not NULL. (transfer full) */
static char *
focused_text (const NpConnlistFocus *focus, NpConnlistFormat format, char **warnings)
{
  g_autoptr(NpEvaluator) evaluator = cluster_evaluator ();
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, focus);

  if (warnings != NULL)
    {
      g_ptr_array_add (list->warnings, NULL);
      *warnings = g_strjoinv ("|", (char **) list->warnings->pdata);
      g_ptr_array_set_size (list->warnings, list->warnings->len - 1);
    }
  return np_connlist_to_string (list, format);
}

static void
assert_focus_text (NpConnlistFocus *focus, const char *expected, const char *expected_warnings)
{
  g_autofree char *warnings = NULL;
  g_autofree char *text = focused_text (focus, NP_CONNLIST_TEXT, &warnings);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (warnings, ==, expected_warnings);
}

/* §1: two-space indent, "key": value, no final newline, [] when empty. */
static void
test_json_layout (void)
{
  g_autoptr(NpConnlistFocus) nobody = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) port = np_connlist_focus_new ();
  g_autofree char *json = focused_text (NULL, NP_CONNLIST_JSON, NULL);
  g_autofree char *empty = NULL;
  g_autofree char *pairs = NULL;
  g_autoptr(GPtrArray) escaped = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  NpConnection *odd = g_new0 (NpConnection, 1);
  g_autofree char *escaped_json = NULL;

  g_assert_cmpstr (json, ==,
                   "[\n"
                   "  {\n"
                   "    \"src\": \"shop/client[Pod]\",\n"
                   "    \"dst\": \"0.0.0.0-255.255.255.255[External]\",\n"
                   "    \"conn\": \"UDP 53\"\n"
                   "  },\n"
                   "  {\n"
                   "    \"src\": \"shop/client[Pod]\",\n"
                   "    \"dst\": \"shop/web[Pod]\",\n"
                   "    \"conn\": \"TCP 8080\"\n"
                   "  },\n"
                   "  {\n"
                   "    \"src\": \"shop/web[Pod]\",\n"
                   "    \"dst\": \"shop-db/db[Pod]\",\n"
                   "    \"conn\": \"TCP 5432\"\n"
                   "  }\n"
                   "]");

  np_connlist_focus_add_workloads (nobody, "ghost");
  empty = focused_text (nobody, NP_CONNLIST_JSON, NULL);
  g_assert_cmpstr (empty, ==, "[]");

  /* With --focus-conn the items have no "conn". */
  g_assert_true (np_connlist_focus_set_conn (port, "TCP-5432", NULL));
  pairs = focused_text (port, NP_CONNLIST_JSON, NULL);
  g_assert_cmpstr (pairs, ==,
                   "[\n"
                   "  {\n"
                   "    \"src\": \"shop/web[Pod]\",\n"
                   "    \"dst\": \"shop-db/db[Pod]\"\n"
                   "  }\n"
                   "]");

  /* Go's encoding/json escapes <, > and & too. */
  odd->source = g_strdup ("a/\"x\"<&>\\[Pod]");
  odd->destination = g_strdup ("b/y\t[Pod]");
  odd->conns = np_conn_set_new_all ();
  g_ptr_array_add (escaped, odd);
  escaped_json = np_connlist_format (escaped, NP_CONNLIST_JSON);
  g_assert_cmpstr (escaped_json, ==,
                   "[\n  {\n    \"src\": \"a/\\\"x\\\"\\u003c\\u0026\\u003e\\\\[Pod]\",\n"
                   "    \"dst\": \"b/y\\t[Pod]\",\n    \"conn\": \"All Connections\"\n  }\n]");
}

/* §2: namespace clusters sorted by "<ns>[namespace]" ("-" sorts before
 * "["), every workload a node, ranges outside, weighted edges. */
static void
test_dot_layout (void)
{
  g_autoptr(NpConnlistFocus) nobody = np_connlist_focus_new ();
  g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  NpConnection *odd = g_new0 (NpConnection, 1);
  g_autofree char *dot = focused_text (NULL, NP_CONNLIST_DOT, NULL);
  g_autofree char *empty = NULL;
  g_autofree char *quoted_dot = NULL;

  g_assert_cmpstr (dot, ==,
                   "digraph {\n"
                   DOT_OTHER
                   DOT_SHOP_DB
                   DOT_SHOP
                   DOT_ALL_RANGE
                   DOT_EDGE ("shop/client[Pod]", "0.0.0.0-255.255.255.255[External]", "UDP 53", "1")
                   DOT_EDGE ("shop/client[Pod]", "shop/web[Pod]", "TCP 8080", "0.5")
                   DOT_EDGE ("shop/web[Pod]", "shop-db/db[Pod]", "TCP 5432", "1")
                   "}");

  np_connlist_focus_add_workloads (nobody, "ghost");
  empty = focused_text (nobody, NP_CONNLIST_DOT, NULL);
  g_assert_cmpstr (empty, ==, "digraph {\n}");

  /* Strings as Go's %q; the edge to itself weighs 0.5 (src <= dst). */
  odd->source = g_strdup ("n/a\"b\\[Pod]");
  odd->destination = g_strdup ("n/a\"b\\[Pod]");
  odd->conns = np_conn_set_new_all ();
  g_ptr_array_add (quoted, odd);
  quoted_dot = np_connlist_format (quoted, NP_CONNLIST_DOT);
  g_assert_cmpstr (quoted_dot, ==,
                   "digraph {\n"
                   DOT_CLUSTER_HEAD ("n[namespace]")
                   DOT_NODE ("n/a\\\"b\\\\[Pod]", "a\\\"b\\\\[Pod]")
                   DOT_CLUSTER_TAIL ("n[namespace]")
                   DOT_EDGE ("n/a\\\"b\\\\[Pod]", "n/a\\\"b\\\\[Pod]", "All Connections", "0.5")
                   "}");
}

/* txt, csv and md keep their layout; only --focus-conn changes them. */
static void
test_other_layouts (void)
{
  g_autoptr(NpConnlistFocus) port = np_connlist_focus_new ();
  g_autofree char *text = focused_text (NULL, NP_CONNLIST_TEXT, NULL);
  g_autofree char *csv = focused_text (NULL, NP_CONNLIST_CSV, NULL);
  g_autofree char *md = focused_text (NULL, NP_CONNLIST_MD, NULL);
  g_autofree char *port_text = NULL;
  g_autofree char *port_csv = NULL;
  g_autofree char *port_md = NULL;
  g_autofree char *port_dot = NULL;

  g_assert_cmpstr (text, ==, LINE_DNS LINE_WEB LINE_DB);
  g_assert_cmpstr (csv, ==,
                   "src,dst,conn\n"
                   "shop/client[Pod],0.0.0.0-255.255.255.255[External],UDP 53\n"
                   "shop/client[Pod],shop/web[Pod],TCP 8080\n"
                   "shop/web[Pod],shop-db/db[Pod],TCP 5432\n");
  g_assert_cmpstr (md, ==,
                   "| src | dst | conn |\n|-----|-----|------|\n"
                   "| shop/client[Pod] | 0.0.0.0-255.255.255.255[External] | UDP 53 |\n"
                   "| shop/client[Pod] | shop/web[Pod] | TCP 8080 |\n"
                   "| shop/web[Pod] | shop-db/db[Pod] | TCP 5432 |\n");

  /* §3 --focus-conn: the protocol in any case; only the pairs that allow
   * the port, without the conn column. */
  g_assert_true (np_connlist_focus_set_conn (port, "udp-53", NULL));
  port_text = focused_text (port, NP_CONNLIST_TEXT, NULL);
  g_assert_cmpstr (port_text, ==,
                   "Permitted connections on UDP 53:\n"
                   "shop/client[Pod] => 0.0.0.0-255.255.255.255[External]\n");
  port_csv = focused_text (port, NP_CONNLIST_CSV, NULL);
  g_assert_cmpstr (port_csv, ==, "src,dst\nshop/client[Pod],0.0.0.0-255.255.255.255[External]\n");
  port_md = focused_text (port, NP_CONNLIST_MD, NULL);
  g_assert_cmpstr (port_md, ==,
                   "| src | dst |\n|-----|-----|\n| shop/client[Pod] | 0.0.0.0-255.255.255.255[External] |\n");
  port_dot = focused_text (port, NP_CONNLIST_DOT, NULL);
  g_assert_cmpstr (port_dot, ==,
                   "digraph {\n" DOT_OTHER DOT_SHOP_DB DOT_SHOP DOT_ALL_RANGE
                   DOT_EDGE ("shop/client[Pod]", "0.0.0.0-255.255.255.255[External]", "UDP 53", "1")
                   "}");
}

/* A port the pairs do not allow leaves only the title. */
static void
test_focus_conn_none (void)
{
  g_autoptr(NpConnlistFocus) port = np_connlist_focus_new ();

  g_assert_true (np_connlist_focus_set_conn (port, "SCTP-5432", NULL));
  assert_focus_text (port, "Permitted connections on SCTP 5432:\n", "");
}

static void
test_focus_workload (void)
{
  g_autoptr(NpConnlistFocus) bare = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) qualified = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) display = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) several = np_connlist_focus_new ();
  g_autofree char *dot = NULL;

  /* NAME: both "web"s (other/web has no line, but is a node). */
  np_connlist_focus_add_workloads (bare, "web");
  assert_focus_text (bare, LINE_WEB LINE_DB, "");
  dot = focused_text (bare, NP_CONNLIST_DOT, NULL);
  g_assert_cmpstr (dot, ==,
                   "digraph {\n" DOT_OTHER DOT_SHOP_DB DOT_SHOP
                   DOT_EDGE ("shop/client[Pod]", "shop/web[Pod]", "TCP 8080", "0.5")
                   DOT_EDGE ("shop/web[Pod]", "shop-db/db[Pod]", "TCP 5432", "1")
                   "}");

  /* NS/NAME: one namespace only; the display form as printed works too. */
  np_connlist_focus_add_workloads (qualified, "shop-db/db");
  assert_focus_text (qualified, LINE_DB, "");
  np_connlist_focus_add_workloads (display, "shop/client[Pod]");
  assert_focus_text (display, LINE_DNS LINE_WEB, "");

  /* Comma-separated, and several calls (repeated flags) add up; a missing
   * name is warned about, the others still count. */
  np_connlist_focus_add_workloads (several, "shop-db/db,ghost");
  np_connlist_focus_add_workloads (several, "shop/client");
  g_assert_cmpuint (several->workloads->len, ==, 3);
  assert_focus_text (several, LINE_DNS LINE_WEB LINE_DB,
                     "Workload ghost does not exist in the input resources.");
}

static void
test_focus_peer_and_direction (void)
{
  g_autoptr(NpConnlistFocus) peer = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) ingress = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) egress = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) both = np_connlist_focus_new ();
  g_autofree char *dot = NULL;

  /* The peer list drops the address range too. */
  np_connlist_focus_add_workloads (peer, "client");
  np_connlist_focus_add_peers (peer, "web");
  assert_focus_text (peer, LINE_WEB, "");
  /* Nodes: the focus workloads and the peers. */
  dot = focused_text (peer, NP_CONNLIST_DOT, NULL);
  g_assert_cmpstr (dot, ==,
                   "digraph {\n" DOT_OTHER DOT_SHOP
                   DOT_EDGE ("shop/client[Pod]", "shop/web[Pod]", "TCP 8080", "0.5")
                   "}");

  np_connlist_focus_add_workloads (ingress, "shop/web");
  g_assert_true (np_connlist_focus_set_direction (ingress, "ingress", NULL));
  assert_focus_text (ingress, LINE_WEB, "");
  np_connlist_focus_add_workloads (egress, "shop/web");
  g_assert_true (np_connlist_focus_set_direction (egress, "egress", NULL));
  assert_focus_text (egress, LINE_DB, "");

  /* Direction and peers together: out of client, to web only. */
  np_connlist_focus_add_workloads (both, "shop/client,shop/web");
  np_connlist_focus_add_peers (both, "web");
  g_assert_true (np_connlist_focus_set_direction (both, "egress", NULL));
  assert_focus_text (both, LINE_WEB, "");
}

static void
test_focus_missing_and_ignored (void)
{
  g_autoptr(NpConnlistFocus) missing = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) missing_peer = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) ignored = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) ingress_controller = np_connlist_focus_new ();
  g_autofree char *dot = NULL;

  np_connlist_focus_add_workloads (missing, "ghost,shop/nobody");
  assert_focus_text (missing, "",
                     "Workload ghost does not exist in the input resources.|"
                     "Workload shop/nobody does not exist in the input resources.|"
                     "The connectivity list is empty.");

  /* Every peer missing: empty too, but the graph still shows the focus
   * workload. */
  np_connlist_focus_add_workloads (missing_peer, "shop-db/db");
  np_connlist_focus_add_peers (missing_peer, "ghost");
  assert_focus_text (missing_peer, "",
                     "Workload ghost does not exist in the input resources.|The connectivity list is empty.");
  dot = focused_text (missing_peer, NP_CONNLIST_DOT, NULL);
  g_assert_cmpstr (dot, ==, "digraph {\n" DOT_SHOP_DB "}");

  /* Without --focus-workload, the peer and direction flags do nothing. */
  np_connlist_focus_add_peers (ignored, "web");
  g_assert_true (np_connlist_focus_set_direction (ignored, "ingress", NULL));
  assert_focus_text (ignored, LINE_DNS LINE_WEB LINE_DB,
                     "--focus-direction applies only with --focus-workload; it is ignored.|"
                     "--focus-workload-peer applies only with --focus-workload; it is ignored.");

  np_connlist_focus_add_workloads (ingress_controller, "ingress-controller");
  assert_focus_text (ingress_controller, "",
                     "Workload ingress-controller does not exist in the input resources.|"
                     "The connectivity list is empty.");
}

static void
test_focus_bad_values (void)
{
  const char *bad_conns[] = { "TCP8080", "TCP-80-90", "ICMP-8", "-80", "TCP-", "TCP-0", "TCP-65536", "TCP-8o" };
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (np_connlist_focus_set_direction (focus, "Ingress", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "must be one of ingress,egress"));
  g_clear_error (&error);
  g_assert_cmpint (focus->direction, ==, NP_FOCUS_DIRECTION_BOTH);

  for (guint i = 0; i < G_N_ELEMENTS (bad_conns); i++)
    {
      g_assert_false (np_connlist_focus_set_conn (focus, bad_conns[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, bad_conns[i]));
      g_clear_error (&error);
      g_assert_false (focus->has_conn);
    }
  g_assert_true (np_connlist_focus_set_conn (focus, "Sctp-65535", &error));
  g_assert_no_error (error);
  g_assert_cmpint (focus->conn_protocol, ==, NP_PROTOCOL_SCTP);
  g_assert_cmpuint (focus->conn_port, ==, 65535);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connlist/json-layout", test_json_layout);
  g_test_add_func ("/connlist/dot-layout", test_dot_layout);
  g_test_add_func ("/connlist/other-layouts", test_other_layouts);
  g_test_add_func ("/connlist/focus-conn-none", test_focus_conn_none);
  g_test_add_func ("/connlist/focus-workload", test_focus_workload);
  g_test_add_func ("/connlist/focus-peer-and-direction", test_focus_peer_and_direction);
  g_test_add_func ("/connlist/focus-missing-and-ignored", test_focus_missing_and_ignored);
  g_test_add_func ("/connlist/focus-bad-values", test_focus_bad_values);

  return g_test_run ();
}
