/* test-connlist-classes.c: the connectivity list decided by equivalence classes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * np_connlist_compute_focused() evaluates each pair of workload classes
 * (namespace, pod labels, container ports) once; np_connlist_compute_pairwise()
 * evaluates every pair of pods. The cluster below is built so that a class
 * key missing one of those would decide some pair wrongly: replicas with
 * equal labels, equal labels in two namespaces, one named port on two
 * numbers, ipBlocks and pod IPs, and Cilium policies that select by
 * namespace and namespace labels. Both lists must be the same, line by
 * line and end by end.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-connlist-private.h"
#include "np-evaluator.h"
#include "np-inventory.h"

#define POD(name, ns, labels, ports, ip) \
  "apiVersion: v1\nkind: Pod\nmetadata: {name: " name ", namespace: " ns ", labels: " labels "}\n" \
  "spec: {containers: [{name: c, ports: " ports "}]}\nstatus: {podIP: " ip "}\n---\n"

static const char cluster[] =
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: a}}\n---\n"
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: other, labels: {team: a}}\n---\n"
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: lab, labels: {team: b}}\n---\n"
  /* Four replicas alike, and their twins in another namespace. */
  POD ("web-1", "shop", "{app: web}", "[{containerPort: 80, name: http}]", "10.1.0.1")
  POD ("web-2", "shop", "{app: web}", "[{containerPort: 80, name: http}]", "10.1.0.2")
  POD ("web-3", "shop", "{app: web}", "[{containerPort: 80, name: http}]", "10.2.0.3")
  POD ("web-4", "shop", "{app: web}", "[{containerPort: 80, name: http}]", "10.2.0.4")
  POD ("web-1", "other", "{app: web}", "[{containerPort: 80, name: http}]", "10.1.0.5")
  POD ("web-2", "other", "{app: web}", "[{containerPort: 80, name: http}]", "10.3.0.6")
  /* One label set, the named port on two numbers. */
  POD ("api-1", "shop", "{app: api}", "[{containerPort: 8080, name: http}]", "10.1.0.7")
  POD ("api-2", "shop", "{app: api}", "[{containerPort: 9090, name: http}]", "10.1.0.8")
  POD ("api-3", "shop", "{app: api}", "[{containerPort: 9090, name: http}]", "10.2.0.9")
  POD ("db-1", "shop", "{app: db}", "[{containerPort: 5432, name: pg}]", "10.1.0.10")
  POD ("db-2", "shop", "{app: db}", "[{containerPort: 5432, name: pg}]", "10.1.0.11")
  POD ("db-1", "lab", "{app: db}", "[{containerPort: 5432, name: pg}]", "10.2.0.12")
  POD ("db-2", "lab", "{app: db}", "[{containerPort: 5432, name: pg}]", "10.2.0.13")
  /* The API takes its named port from the web pods of its namespace
   * only, and from the addresses of 10.2.0.0/16. */
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: http}]\n"
  "  - from: [{ipBlock: {cidr: 10.2.0.0/16}}]\n    ports: [{port: http}]\n---\n"
  /* The web pods of shop reach the API, the DB and 10.0.0.0/8 except
   * 10.1.0.0/16, nothing else. */
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n"
  "  egress:\n  - to: [{podSelector: {matchLabels: {app: api}}}, {podSelector: {matchLabels: {app: db}}}]\n"
  "  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]\n    ports: [{port: 443}]\n---\n";

/* NetworkPolicies alone, in place of the Cilium ones below. */
static const char k8s_only[] =
  /* The lab DB reaches the named port http of any pod, and every pod of
   * "other" takes anything from anyone on 80 and 81 (a rule without peers). */
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: lab}\n"
  "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n"
  "  egress:\n  - to: [{namespaceSelector: {}}]\n    ports: [{port: http}]\n"
  "  - to: [{ipBlock: {cidr: 10.2.0.0/15}}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: any, namespace: other}\n"
  "spec:\n  podSelector: {matchLabels: {app: web}}\n"
  "  ingress:\n  - ports: [{port: 80, endPort: 81}]\n  - from: [{namespaceSelector: {matchLabels: {team: a}}}]\n"
  "    ports: [{protocol: UDP, port: 53}]\n---\n";

/* Cilium policies too: the list decides them pair by pair, the
 * Kubernetes policies alone above a whole row at a time. */
static const char cilium[] =
  /* Cilium: shop's DB takes connections from the namespace "other" by
   * name, and the lab DB from namespaces of team a on its named port. */
  "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: db, namespace: shop}\n"
  "spec:\n  endpointSelector: {matchLabels: {app: db}}\n"
  "  ingress:\n  - fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: other}}]\n---\n"
  "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: db, namespace: lab}\n"
  "spec:\n  endpointSelector: {matchLabels: {app: db}}\n"
  "  ingress:\n  - fromEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: shop}}, "
  "{matchLabels: {k8s:io.cilium.k8s.namespace.labels.team: a, app: web}}]\n"
  "    toPorts: [{ports: [{port: pg}]}]\n";

static NpEvaluator *
cluster_evaluator (NpEvalFlags flags, gboolean with_cilium)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autofree char *text = g_strconcat (cluster, with_cilium ? cilium : k8s_only, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, flags);
}

/* Both lists, as text and end by end; returns the text. */
static char *
assert_same_lists (NpEvalFlags flags, const NpConnlistFocus *focus, gboolean with_cilium)
{
  g_autoptr(NpEvaluator) evaluator = cluster_evaluator (flags, with_cilium);
  g_autoptr(NpConnlist) by_classes = np_connlist_compute_focused (evaluator, focus);
  g_autoptr(NpConnlist) by_pairs = np_connlist_compute_pairwise (evaluator, focus);
  g_autofree char *text = np_connlist_to_string (by_classes, NP_CONNLIST_TEXT);
  g_autofree char *expected = np_connlist_to_string (by_pairs, NP_CONNLIST_TEXT);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (by_classes->connections->len, ==, by_pairs->connections->len);
  for (guint i = 0; i < by_pairs->connections->len; i++)
    {
      NpConnection *a = by_classes->connections->pdata[i];
      NpConnection *b = by_pairs->connections->pdata[i];

      g_assert_cmpstr (a->source, ==, b->source);
      g_assert_cmpstr (a->destination, ==, b->destination);
      g_assert_true (np_conn_set_equal (a->conns, b->conns));
      g_assert_cmpmem (&a->source_end, sizeof a->source_end, &b->source_end, sizeof b->source_end);
      g_assert_cmpmem (&a->destination_end, sizeof a->destination_end,
                       &b->destination_end, sizeof b->destination_end);
    }
  return g_steal_pointer (&text);
}

static void
assert_line (const char *text, const char *line)
{
  g_autofree char *full = g_strconcat (line, "\n", NULL);

  if (strstr (text, full) == NULL)
    g_error ("no line “%s” in:\n%s", line, text);
}

static void
assert_no_line (const char *text, const char *prefix)
{
  if (strstr (text, prefix) != NULL)
    g_error ("a line “%s…” in:\n%s", prefix, text);
}

static void
test_classes_equal_pairs (void)
{
  g_autofree char *text = assert_same_lists (NP_EVAL_FLAGS_NONE, NULL, TRUE);

  /* What tells the classes apart shows in the lines themselves. */
  assert_line (text, "shop/web-1[Pod] => shop/api-1[Pod] : TCP 8080");
  assert_line (text, "shop/web-2[Pod] => shop/api-2[Pod] : TCP 9090");
  assert_line (text, "shop/web-3[Pod] => shop/api-3[Pod] : TCP 9090");
  assert_no_line (text, "other/web-1[Pod] => shop/api-1[Pod]");
  assert_line (text, "other/web-1[Pod] => shop/db-1[Pod] : All Connections");
  assert_line (text, "other/web-2[Pod] => lab/db-2[Pod] : TCP 5432");
  assert_line (text, "shop/api-1[Pod] => lab/db-1[Pod] : TCP 5432");
  assert_no_line (text, "shop/web-4[Pod] => lab/db-1[Pod]");
  assert_line (text, "other/web-1[Pod] => other/web-2[Pod] : All Connections");
  assert_no_line (text, "shop/web-1[Pod] => shop/web-2[Pod]");
  assert_line (text, "shop/web-2[Pod] => 10.0.0.0-10.0.255.255[External] : TCP 443");
  assert_no_line (text, "shop/web-2[Pod] => 10.1.0.0-10.1.255.255[External]");
}

static void
test_classes_ip_block_pods (void)
{
  g_autofree char *text = assert_same_lists (NP_EVAL_IPBLOCK_MATCHES_PODS, NULL, TRUE);

  /* With pod IPs in ipBlocks, lab's DB at 10.2.0.12 reaches the API's
   * named port, but shop's DB at 10.1.0.10 does not. */
  assert_line (text, "lab/db-1[Pod] => shop/api-3[Pod] : TCP 9090");
  assert_no_line (text, "shop/db-1[Pod] => shop/api-3[Pod]");
}

static void
test_classes_focus (void)
{
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autofree char *text = NULL;

  np_connlist_focus_add_workloads (focus, "shop/web-2,lab/db-1");
  focus->keep_empty = TRUE;
  text = assert_same_lists (NP_EVAL_FLAGS_NONE, focus, TRUE);
  assert_line (text, "shop/web-2[Pod] => shop/api-2[Pod] : TCP 9090");
}

/* NetworkPolicies alone: the rows decide (np-connlist-rows.c), named
 * ports on either side, rules without peers, ranges on both. */
static void
test_classes_rows (void)
{
  g_autofree char *text = assert_same_lists (NP_EVAL_FLAGS_NONE, NULL, FALSE);
  g_autofree char *by_ip = assert_same_lists (NP_EVAL_IPBLOCK_MATCHES_PODS, NULL, FALSE);

  assert_line (text, "lab/db-1[Pod] => shop/web-2[Pod] : TCP 80");
  assert_no_line (text, "lab/db-1[Pod] => shop/api-2[Pod]");
  assert_line (text, "lab/db-1[Pod] => other/web-1[Pod] : TCP 80");
  assert_line (text, "lab/db-1[Pod] => 10.2.0.0-10.3.255.255[External] : All Connections");
  assert_line (text, "0.0.0.0-10.1.255.255[External] => other/web-2[Pod] : TCP 80-81");
  assert_line (text, "shop/db-1[Pod] => other/web-2[Pod] : TCP 80-81,UDP 53");
  assert_no_line (text, "lab/db-1[Pod] => shop/db-2[Pod]");
  assert_line (by_ip, "lab/db-1[Pod] => shop/api-3[Pod] : TCP 9090");
}

/* Rules share what one pod selector or namespace selector matches
 * (np-evaluator-k8s.c): the same selectors in two namespaces' policies,
 * and selectors that differ only a little (a value that is a prefix of
 * another, matchExpressions on the same key), each keep their own answer,
 * whichever rule asks first. */
static const char shared_selectors[] =
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: x}}\n"
  "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {team: y}}\n"
  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a, labels: {app: web}}\n"
  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: we, namespace: a, labels: {app: we}}\n"
  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: b, labels: {app: web}}\n"
  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: a, labels: {app: db}}\n"
  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: b, labels: {app: db}}\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p1, namespace: b}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n"
  "  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: we}}}]}]\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p2, namespace: b}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n"
  "  ingress: [{from: [{podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [web, db]}]}}]}]\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p3, namespace: a}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n"
  "  ingress: [{from: [{namespaceSelector: {matchLabels: {team: x}}, podSelector: {matchLabels: {app: web}}}]}]\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p4, namespace: b}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n"
  "  ingress: [{from: [{namespaceSelector: {matchLabels: {team: x}}, podSelector: {matchLabels: {app: web}}}]}]\n";

static void
test_classes_shared_selectors (void)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (shared_selectors, strlen (shared_selectors));
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpConnlist) by_classes = NULL;
  g_autoptr(NpConnlist) by_pairs = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "shared.yaml", NULL));
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  by_classes = np_connlist_compute_focused (evaluator, NULL);
  text = np_connlist_to_string (by_classes, NP_CONNLIST_TEXT);
  /* Into a's DB: web pods of team x's namespaces (a's web, not b's). */
  assert_line (text, "a/web[Pod] => a/db[Pod] : All Connections");
  assert_no_line (text, "b/web[Pod] => a/db[Pod]");
  assert_no_line (text, "a/we[Pod] => a/db[Pod]");
  /* Into b's DB: "we" from anywhere (not "web"); the same team x web
   * selector as a's, from a's web; NotIn in b takes no pod of b. */
  assert_line (text, "a/we[Pod] => b/db[Pod] : All Connections");
  assert_line (text, "a/web[Pod] => b/db[Pod] : All Connections");
  assert_no_line (text, "b/web[Pod] => b/db[Pod]");
  assert_no_line (text, "a/db[Pod] => b/db[Pod]");
  assert_line (text, "b/db[Pod] => b/web[Pod] : All Connections");
  /* 3 into the DBs, 4 into each other pod; every pod out to the rest of
   * the world, which reaches the 3 pods no policy isolates. */
  g_assert_cmpuint (by_classes->connections->len, ==, 3 + 4 * 3 + 5 + 3);
  /* Pair by pair (each pair asked in another order) the same. */
  g_clear_object (&evaluator);
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  by_pairs = np_connlist_compute_pairwise (evaluator, NULL);
  expected = np_connlist_to_string (by_pairs, NP_CONNLIST_TEXT);
  g_assert_cmpstr (text, ==, expected);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/connlist-classes/equal-pairs", test_classes_equal_pairs);
  g_test_add_func ("/connlist-classes/ip-block-pods", test_classes_ip_block_pods);
  g_test_add_func ("/connlist-classes/focus", test_classes_focus);
  g_test_add_func ("/connlist-classes/rows", test_classes_rows);
  g_test_add_func ("/connlist-classes/shared-selectors", test_classes_shared_selectors);
  return g_test_run ();
}
