/* test-connectivity.c: the inventory, the evaluator and the connectivity list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-policy.h"
#include "np-connlist.h"
#include "np-convert.h"
#include "np-document.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-yaml.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-test-util.h"

/* Helpers ------------------------------------------------------------------ */

static NpInventory *
inventory_from_text (const char *text)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "test.yaml", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&inventory);
}

static void
endpoint (NpInventory *inventory, const char *name, NpEndpoint *result)
{
  int index;

  if (np_endpoint_init_address (result, name) || np_endpoint_init_reserved (result, name))
    return;
  index = np_inventory_find_workload (inventory, name);
  if (index < 0 && np_endpoint_init_name (result, name))
    return;
  if (index < 0)
    g_error ("no workload %s", name);
  np_endpoint_init_workload (result, index);
}

/* Whether @from may reach @to on @port/@protocol. */
static gboolean
allowed (NpEvaluator *evaluator, const char *from, const char *to, NpProtocol protocol, guint port)
{
  NpInventory *inventory = np_evaluator_get_inventory (evaluator);
  NpEndpoint source, destination;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autoptr(NpConnSet) conns = NULL;

  endpoint (inventory, from, &source);
  endpoint (inventory, to, &destination);
  verdict = np_evaluator_decide (evaluator, &source, &destination, protocol, port);
  conns = np_evaluator_allowed (evaluator, &source, &destination);
  /* The verdict and the connection set must agree. */
  g_assert_cmpint (verdict->allowed, ==, np_conn_set_contains (conns, protocol, port));
  return verdict->allowed;
}

static char *
connlist_text (NpEvaluator *evaluator)
{
  g_autoptr(GPtrArray) list = np_connlist_compute (evaluator, NULL, NULL);

  g_assert_nonnull (list);
  return np_connlist_format (list, NP_CONNLIST_TEXT);
}

/* Connection sets ------------------------------------------------------- */

static void
test_conn_set (void)
{
  g_autoptr(NpConnSet) set = np_conn_set_new ();
  g_autoptr(NpConnSet) all = np_conn_set_new_all ();
  g_autoptr(NpConnSet) other = np_conn_set_new ();
  g_autofree char *text = NULL;
  g_autofree char *all_text = NULL;
  g_autofree char *inter = NULL;

  g_assert_true (np_conn_set_is_empty (set));
  np_conn_set_add_range (set, NP_PROTOCOL_UDP, 53, 53);
  np_conn_set_add_range (set, NP_PROTOCOL_TCP, 9090, 9091);
  np_conn_set_add_range (set, NP_PROTOCOL_TCP, 8080, 8080);
  np_conn_set_add_range (set, NP_PROTOCOL_TCP, 9092, 9092);  /* adjacent: joins */
  text = np_conn_set_to_string (set);
  g_assert_cmpstr (text, ==, "TCP 8080,9090-9092,UDP 53");

  all_text = np_conn_set_to_string (all);
  g_assert_cmpstr (all_text, ==, "All Connections");
  g_assert_true (np_conn_set_is_all (all));

  np_conn_set_add_range (other, NP_PROTOCOL_TCP, 9000, 9091);
  np_conn_set_add_range (other, NP_PROTOCOL_SCTP, 1, 65535);
  np_conn_set_intersect (other, set);
  inter = np_conn_set_to_string (other);
  g_assert_cmpstr (inter, ==, "TCP 9090-9091");
  np_conn_set_union (other, all);
  g_assert_true (np_conn_set_equal (other, all));
}

/* Inventory ------------------------------------------------------------------ */

static const char inventory_yaml[] =
  "apiVersion: v1\n"
  "kind: Namespace\n"
  "metadata: {name: shop, labels: {team: a}}\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata:\n"
  "  name: web-7d-abcde\n"
  "  namespace: shop\n"
  "  labels: {app: web}\n"
  "  ownerReferences: [{kind: ReplicaSet, name: web-7d, controller: true}]\n"
  "spec:\n"
  "  containers:\n"
  "  - name: c\n"
  "    ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata:\n"
  "  name: web-7d-fghij\n"
  "  namespace: shop\n"
  "  labels: {app: web}\n"
  "  ownerReferences: [{kind: ReplicaSet, name: web-7d, controller: true}]\n"
  "spec: {containers: [{name: c}]}\n"
  "---\n"
  "apiVersion: batch/v1\n"
  "kind: CronJob\n"
  "metadata: {name: report}\n"
  "spec:\n"
  "  jobTemplate:\n"
  "    spec:\n"
  "      template:\n"
  "        metadata: {labels: {app: report}}\n"
  "        spec: {containers: [{name: r}]}\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: List\n"
  "items:\n"
  "- apiVersion: apps/v1\n"
  "  kind: Deployment\n"
  "  metadata: {name: api, namespace: backend}\n"
  "  spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a}]}}}\n"
  "- metadata: {name: loose, namespace: backend, labels: {app: loose}}\n"
  "  spec: {containers: [{name: l}]}\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: PodList\n"
  "items:\n"
  "- metadata: {name: static-node1, namespace: kube-system, ownerReferences: [{kind: Node, name: n1, controller: true}]}\n"
  "  spec: {containers: [{name: s}]}\n";

static void
test_inventory (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (inventory_yaml);
  g_auto(GStrv) namespaces = np_inventory_get_namespaces (inventory);
  const char * const expected_namespaces[] = { "backend", "default", "kube-system", "shop", NULL };
  const char * const expected_workloads[] = {
    "shop/web-7d[ReplicaSet]", "default/report[CronJob]", "backend/api[Deployment]",
    "backend/loose[Pod]", "kube-system/static-node1[Pod]",
  };
  const NpWorkload *web;
  GHashTable *labels;

  g_assert_cmpuint (np_inventory_get_n_workloads (inventory), ==, G_N_ELEMENTS (expected_workloads));
  for (guint i = 0; i < G_N_ELEMENTS (expected_workloads); i++)
    g_assert_cmpstr (np_inventory_get_workload (inventory, i)->display, ==, expected_workloads[i]);
  g_assert_true (g_strv_equal ((const char * const *) namespaces, expected_namespaces));

  web = np_inventory_get_workload (inventory, 0);
  g_assert_cmpuint (web->pods->len, ==, 2);
  g_assert_cmpuint (web->ports->len, ==, 2);
  g_assert_cmpstr (((NpContainerPort *) web->ports->pdata[0])->protocol, ==, "TCP");
  g_assert_cmpstr (((NpContainerPort *) web->ports->pdata[1])->protocol, ==, "UDP");

  /* Defined namespaces keep their labels and gain the name label; missing
   * ones are created with only that label. */
  labels = np_inventory_get_namespace_labels (inventory, "shop");
  g_assert_cmpstr (g_hash_table_lookup (labels, "team"), ==, "a");
  g_assert_cmpstr (g_hash_table_lookup (labels, "kubernetes.io/metadata.name"), ==, "shop");
  labels = np_inventory_get_namespace_labels (inventory, "backend");
  g_assert_cmpuint (g_hash_table_size (labels), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (labels, "kubernetes.io/metadata.name"), ==, "backend");

  g_assert_cmpint (np_inventory_find_workload (inventory, "shop/web-7d"), ==, 0);
  g_assert_cmpint (np_inventory_find_workload (inventory, "shop/web-7d-fghij"), ==, 0);
  g_assert_cmpint (np_inventory_find_workload (inventory, "shop/web-7d[ReplicaSet]"), ==, 0);
  g_assert_cmpint (np_inventory_find_workload (inventory, "shop/nothing"), ==, -1);
}

/* Semantics §1.4 ------------------------------------------------------------ */

/* Two namespaces, web and db in "a", client in "b"; db serves named ports. */
#define WORKLOADS \
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n" \
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {zone: dmz}}\n---\n" \
  "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a, labels: {app: web}}\n" \
  "spec: {containers: [{name: c}]}\nstatus: {podIP: 10.0.0.5, podIPs: [{ip: 10.0.0.5}]}\n---\n" \
  "apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: a, labels: {app: db}}\n" \
  "spec: {containers: [{name: c, ports: [{name: sql, containerPort: 5432}, " \
  "{name: dns, containerPort: 53, protocol: UDP}]}]}\n---\n" \
  "apiVersion: v1\nkind: Pod\nmetadata: {name: client, namespace: b, labels: {app: client}}\n" \
  "spec: {containers: [{name: c}]}\n---\n"

static void
test_named_port_protocol (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - ports: [{port: sql}, {port: dns, protocol: TCP}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);

  g_assert_true (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  /* "dns" is a UDP port of the pod: a TCP rule naming it matches nothing. */
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 53));
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_UDP, 53));
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 80));
}

static void
test_named_port_external (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Egress]\n  egress:\n"
    "  - ports: [{port: sql}, {port: 443}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);

  /* A named port never matches an external destination; a numbered one does. */
  g_assert_false (allowed (evaluator, "a/db", "8.8.8.8", NP_PROTOCOL_TCP, 5432));
  g_assert_true (allowed (evaluator, "a/db", "8.8.8.8", NP_PROTOCOL_TCP, 443));
  /* Toward db itself "sql" resolves on the destination. */
  g_assert_true (allowed (evaluator, "a/db", "a/db", NP_PROTOCOL_TCP, 1));
}

static const char except_policy[] =
  WORKLOADS
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: a}\n"
  "spec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n"
  "  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]\n";

static void
test_except_boundaries (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (except_policy);
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autofree char *text = NULL;

  g_assert_false (allowed (evaluator, "9.255.255.255", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "10.0.0.0", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "10.0.255.255", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "10.1.0.0", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "10.1.255.255", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "10.2.0.0", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "10.255.255.255", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "11.0.0.0", "a/web", NP_PROTOCOL_TCP, 80));

  /* The list splits the source space at each boundary; the egress side
   * names no block, so destinations stay one range. */
  text = connlist_text (evaluator);
  g_assert_nonnull (strstr (text, "10.0.0.0-10.0.255.255[External] => a/web[Pod] : All Connections\n"));
  g_assert_nonnull (strstr (text, "10.2.0.0-10.255.255.255[External] => a/web[Pod] : All Connections\n"));
  g_assert_null (strstr (text, "10.1.0.0-10.1.255.255[External] => a/web"));
  g_assert_nonnull (strstr (text, "10.1.0.0-10.1.255.255[External] => a/db[Pod] : All Connections\n"));
  g_assert_nonnull (strstr (text, "a/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n"));
  g_assert_null (strstr (text, "=> a/web[Pod]\n"));
  g_assert_null (strstr (text, "a/db[Pod] => a/web"));
}

static void
test_ipblock_matches_pods (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - from: [{ipBlock: {cidr: 10.0.0.0/24}}]\n");
  g_autoptr(NpEvaluator) strict = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autoptr(NpEvaluator) lax = np_evaluator_new (inventory, NP_EVAL_IPBLOCK_MATCHES_PODS);

  /* web's pod IP is 10.0.0.5: only the option lets the block match it. */
  g_assert_false (allowed (strict, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  g_assert_true (allowed (lax, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  g_assert_true (allowed (strict, "10.0.0.9", "a/db", NP_PROTOCOL_TCP, 5432));
  /* Selectors never match external addresses. */
  g_assert_false (allowed (strict, "192.168.0.1", "a/db", NP_PROTOCOL_TCP, 5432));
}

static void
test_isolation_per_direction (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);

  /* web is isolated for egress only: it still receives everything. */
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  g_assert_false (allowed (evaluator, "a/web", "1.1.1.1", NP_PROTOCOL_UDP, 53));
  g_assert_true (allowed (evaluator, "a/db", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "1.1.1.1", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "b/client", "a/db", NP_PROTOCOL_TCP, 80));
}

static void
test_both_sides (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    /* client may send anywhere in a; db takes only what comes from zone=dmz web pods */
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: client-out, namespace: b}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n"
    "  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: a}}}]\n"
    "---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-in, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - from: [{namespaceSelector: {matchLabels: {zone: dmz}}, podSelector: {matchLabels: {app: web}}}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  NpEndpoint source, destination;
  g_autoptr(NpVerdict) verdict = NULL;

  /* Egress of client allows a/db, ingress of db refuses client. */
  endpoint (inventory, "b/client", &source);
  endpoint (inventory, "a/db", &destination);
  verdict = np_evaluator_decide (evaluator, &source, &destination, NP_PROTOCOL_TCP, 5432);
  g_assert_false (verdict->allowed);
  g_assert_true (verdict->egress.isolated);
  g_assert_true (verdict->egress.allowed);
  g_assert_cmpuint (verdict->egress.rules->len, ==, 1);
  g_assert_cmpstr (verdict->egress.rules->pdata[0], ==, "test.yaml:32: b/client-out, egress rule 1");
  g_assert_true (verdict->ingress.isolated);
  g_assert_false (verdict->ingress.allowed);
  g_assert_cmpuint (verdict->ingress.policies->len, ==, 1);
  g_assert_cmpstr (verdict->ingress.policies->pdata[0], ==, "test.yaml:34: a/db-in");

  /* web is in a, not in a dmz namespace: the AND of both selectors fails. */
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  /* client cannot leave toward the outside. */
  g_assert_false (allowed (evaluator, "b/client", "8.8.8.8", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "b/client", "a/web", NP_PROTOCOL_TCP, 443));
}

static void
test_self_and_node (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: a}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autoptr(NpEvaluator) no_node = np_evaluator_new (inventory, NP_EVAL_DENY_FROM_NODE);
  NpEndpoint node, web;
  g_autoptr(NpVerdict) from_node = NULL;
  g_autoptr(NpVerdict) refused = NULL;

  g_assert_true (allowed (evaluator, "a/web", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 80));

  memset (&node, 0, sizeof node);
  node.kind = NP_ENDPOINT_NODE;
  endpoint (inventory, "a/web", &web);
  from_node = np_evaluator_decide (evaluator, &node, &web, NP_PROTOCOL_TCP, 8080);
  g_assert_true (from_node->allowed);
  refused = np_evaluator_decide (no_node, &node, &web, NP_PROTOCOL_TCP, 8080);
  g_assert_false (refused->allowed);
}

static void
test_ingress_all_and_ports (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: all-in, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{}]\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ranges, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - ports: [{port: 9090, endPort: 9092}, {port: 8080}, {protocol: UDP, port: 53}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;

  /* Kubernetes `ingress: [{}]` allows everything. */
  g_assert_true (allowed (evaluator, "b/client", "a/web", NP_PROTOCOL_SCTP, 9));
  g_assert_true (allowed (evaluator, "4.4.4.4", "a/web", NP_PROTOCOL_UDP, 1000));

  list = np_connlist_compute (evaluator, "a/db", NULL);
  text = np_connlist_format (list, NP_CONNLIST_TEXT);
  g_assert_cmpstr (text, ==,
                   "0.0.0.0-255.255.255.255[External] => a/db[Pod] : TCP 8080,9090-9092,UDP 53\n"
                   "a/db[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
                   "a/db[Pod] => a/web[Pod] : All Connections\n"
                   "a/db[Pod] => b/client[Pod] : All Connections\n"
                   "a/web[Pod] => a/db[Pod] : TCP 8080,9090-9092,UDP 53\n"
                   "b/client[Pod] => a/db[Pod] : TCP 8080,9090-9092,UDP 53\n");
}

/* Semantics §2.3 ---------------------------------------------------------------- */

#define CNP(name, ns) \
  "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: " name ", namespace: " ns "}\n"

static void
test_cilium_deny_precedence (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: all-in, namespace: a}\n"
    "spec:\n  podSelector: {}\n  ingress: [{}]\n---\n"
    CNP ("no-web", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  ingressDeny:\n"
    "  - fromEndpoints: [{matchLabels: {app: web}}]\n    toPorts: [{ports: [{port: \"5432\", protocol: TCP}]}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  NpEndpoint source, destination;
  g_autoptr(NpVerdict) verdict = NULL;

  /* The Kubernetes policy allows everything; the deny rule wins on its port. */
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  g_assert_true (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5433));
  g_assert_true (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_UDP, 5432));
  g_assert_true (allowed (evaluator, "b/client", "a/db", NP_PROTOCOL_TCP, 5432));

  endpoint (inventory, "a/web", &source);
  endpoint (inventory, "a/db", &destination);
  verdict = np_evaluator_decide (evaluator, &source, &destination, NP_PROTOCOL_TCP, 5432);
  g_assert_cmpuint (verdict->ingress.denials->len, ==, 1);
  g_assert_nonnull (strstr (verdict->ingress.denials->pdata[0], "a/no-web, ingressDeny 1"));
  g_assert_cmpuint (verdict->ingress.rules->len, ==, 1);
  /* The same, as data. */
  g_assert_cmpuint (verdict->ingress.denial_refs->len, ==, 1);
  {
    const NpRuleRef *ref = verdict->ingress.denial_refs->pdata[0];

    g_assert_true (NP_IS_CILIUM_POLICY (ref->policy));
    g_assert_cmpstr (np_cilium_policy_get_name (NP_CILIUM_POLICY (ref->policy)), ==, "no-web");
    g_assert_true (ref->deny);
    g_assert_cmpint (ref->direction, ==, NP_DIRECTION_INGRESS);
    g_assert_cmpint (ref->spec, ==, 0);
    g_assert_cmpint (ref->rule, ==, 0);
    g_assert_cmpstr (ref->where, ==, verdict->ingress.denials->pdata[0]);
  }
  g_assert_cmpuint (verdict->ingress.rule_refs->len, ==, 1);
}

static void
test_cilium_empty_rule (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    CNP ("web", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  ingress: [{}]\n---\n"
    CNP ("db", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  enableDefaultDeny: {ingress: false}\n"
    "  ingress: [{fromEntities: [world]}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);

  /* Cilium `ingress: [{}]` matches nothing and only switches on default-deny. */
  g_assert_false (allowed (evaluator, "b/client", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "1.2.3.4", "a/web", NP_PROTOCOL_TCP, 80));
  /* web's egress is untouched. */
  g_assert_true (allowed (evaluator, "a/web", "b/client", NP_PROTOCOL_TCP, 80));
  /* enableDefaultDeny.ingress: false leaves db open. */
  g_assert_true (allowed (evaluator, "b/client", "a/db", NP_PROTOCOL_TCP, 80));
}

static void
test_cilium_icmp_only (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    CNP ("ping", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {app: web}}]\n    icmps: [{fields: [{type: 8, family: IPv4}]}]\n"
    "  - fromEndpoints: [{matchLabels: {app: web}}]\n    toPorts: [{ports: [{port: \"5432\", protocol: TCP}]}]\n---\n"
    CNP ("l3", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {app: db}}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);

  /* An entry with only icmps lets ICMP through, not every port (Cilium's
   * mergeIngress makes an L3-only filter only without toPorts and icmps). */
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_UDP, 53));
  g_assert_true (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  /* Without either, the entry is L3-only: every port. */
  g_assert_true (allowed (evaluator, "a/db", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "a/db", "a/web", NP_PROTOCOL_UDP, 53));
}

static void
test_cilium_namespace_injection (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    CNP ("same-ns", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {app: client}}, {}]\n---\n"
    CNP ("other-ns", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: b, app: client}}]\n---\n"
    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: cw}\n"
    "spec:\n  endpointSelector: {matchLabels: {app: client}}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name: a}}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);

  /* fromEndpoints of a namespaced policy gets the policy's namespace: the
   * client in b is not matched, `{}` is every pod of a. */
  g_assert_false (allowed (evaluator, "b/client", "a/db", NP_PROTOCOL_TCP, 5432));
  g_assert_true (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  /* Naming the namespace reaches another one. */
  g_assert_true (allowed (evaluator, "b/client", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "a/db", "a/web", NP_PROTOCOL_TCP, 80));
  /* Namespace labels select by namespace. */
  g_assert_true (allowed (evaluator, "a/web", "b/client", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "9.9.9.9", "b/client", NP_PROTOCOL_TCP, 80));
}

static void
test_cilium_entities_and_cidr (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    CNP ("db-out", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  egress:\n"
    "  - toEntities: [world]\n    toPorts: [{ports: [{port: \"443\"}]}]\n"
    "  - toCIDR: [10.0.0.0/8]\n---\n"
    CNP ("web-out", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  egress:\n"
    "  - toEntities: [cluster]\n"
    "  - toPorts: [{ports: [{port: \"0\", protocol: UDP}, {port: \"53\", protocol: ANY}]}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autoptr(NpEvaluator) lax = np_evaluator_new (inventory, NP_EVAL_IPBLOCK_MATCHES_PODS);
  g_autofree char *text = NULL;

  g_assert_true (allowed (evaluator, "a/db", "8.8.8.8", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "a/db", "8.8.8.8", NP_PROTOCOL_SCTP, 443));  /* no protocol: ANY */
  g_assert_false (allowed (evaluator, "a/db", "8.8.8.8", NP_PROTOCOL_TCP, 80));
  g_assert_true (allowed (evaluator, "a/db", "10.9.9.9", NP_PROTOCOL_TCP, 80));
  /* CIDR rules never match pods, whatever their address (web is 10.0.0.5). */
  g_assert_false (allowed (evaluator, "a/db", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (lax, "a/db", "a/web", NP_PROTOCOL_TCP, 80));
  /* world is not cluster, and the other way round. */
  g_assert_false (allowed (evaluator, "a/db", "b/client", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "a/web", "b/client", NP_PROTOCOL_SCTP, 9));
  g_assert_false (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_TCP, 443));
  /* Ports without a peer: any peer; port 0 is every port; ANY is every protocol. */
  g_assert_true (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_UDP, 12345));
  g_assert_true (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_TCP, 53));
  g_assert_true (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_SCTP, 53));
  g_assert_false (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_TCP, 54));

  /* The list splits the destinations at the CIDR's boundaries. */
  text = connlist_text (evaluator);
  g_assert_nonnull (strstr (text, "a/db[Pod] => 10.0.0.0-10.255.255.255[External] : All Connections\n"));
  g_assert_nonnull (strstr (text, "a/db[Pod] => 0.0.0.0-9.255.255.255[External] : SCTP 443,TCP 443,UDP 443\n"));
  g_assert_nonnull (strstr (text, "a/web[Pod] => 11.0.0.0-255.255.255.255[External] : SCTP 53,TCP 53,UDP 1-65535\n"));
  g_assert_null (strstr (text, "a/db[Pod] => a/web"));
}

static void
test_cilium_reserved_entities (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    CNP ("web-out", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  egress:\n"
    "  - toEntities: [remote-node]\n    toPorts: [{ports: [{port: \"10250\"}]}]\n"
    "  - toEntities: [kube-apiserver]\n    toPorts: [{ports: [{port: \"443\", protocol: TCP}]}]\n"
    "  - toEntities: [health, init]\n---\n"
    CNP ("db-out", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  egress:\n"
    "  - toEntities: [cluster]\n---\n"
    CNP ("db-in", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - fromEntities: [ingress, unmanaged]\n---\n"
    CNP ("client-out", "b")
    "spec:\n  endpointSelector: {}\n  egress:\n  - toEntities: [all]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  static const struct {
    const char *from, *to;
    NpProtocol  protocol;
    guint       port;
    gboolean    allowed;
  } cases[] = {
    /* Each reserved entity matches its own identity only. */
    { "a/web", "remote-node", NP_PROTOCOL_TCP, 10250, TRUE },
    { "a/web", "remote-node", NP_PROTOCOL_TCP, 22, FALSE },
    { "a/web", "host", NP_PROTOCOL_TCP, 10250, FALSE },
    { "a/web", "kube-apiserver", NP_PROTOCOL_TCP, 443, TRUE },
    { "a/web", "kube-apiserver", NP_PROTOCOL_UDP, 443, FALSE },
    { "a/web", "remote-node", NP_PROTOCOL_TCP, 443, FALSE },
    { "a/web", "health", NP_PROTOCOL_TCP, 4240, TRUE },
    { "a/web", "init", NP_PROTOCOL_UDP, 1, TRUE },
    { "a/web", "unmanaged", NP_PROTOCOL_TCP, 80, FALSE },
    { "a/web", "ingress", NP_PROTOCOL_TCP, 80, FALSE },
    { "a/web", "world", NP_PROTOCOL_TCP, 443, FALSE },
    { "a/web", "a/db", NP_PROTOCOL_TCP, 80, FALSE },
    /* cluster covers every reserved identity inside the cluster and every pod, not world. */
    { "a/db", "host", NP_PROTOCOL_TCP, 80, TRUE },
    { "a/db", "remote-node", NP_PROTOCOL_TCP, 80, TRUE },
    { "a/db", "kube-apiserver", NP_PROTOCOL_TCP, 443, TRUE },
    { "a/db", "init", NP_PROTOCOL_TCP, 80, TRUE },
    { "a/db", "health", NP_PROTOCOL_TCP, 80, TRUE },
    { "a/db", "unmanaged", NP_PROTOCOL_TCP, 80, TRUE },
    { "a/db", "ingress", NP_PROTOCOL_TCP, 80, TRUE },
    { "a/db", "b/client", NP_PROTOCOL_TCP, 80, TRUE },
    { "a/db", "world", NP_PROTOCOL_TCP, 80, FALSE },
    { "a/db", "www.example.com", NP_PROTOCOL_TCP, 80, FALSE },
    /* Ingress by reserved identity; the local host is always allowed. */
    { "ingress", "a/db", NP_PROTOCOL_TCP, 80, TRUE },
    { "unmanaged", "a/db", NP_PROTOCOL_TCP, 80, TRUE },
    { "host", "a/db", NP_PROTOCOL_TCP, 80, TRUE },
    { "remote-node", "a/db", NP_PROTOCOL_TCP, 80, FALSE },
    { "kube-apiserver", "a/db", NP_PROTOCOL_TCP, 80, FALSE },
    { "health", "a/db", NP_PROTOCOL_TCP, 80, FALSE },
    { "world", "a/db", NP_PROTOCOL_TCP, 80, FALSE },
    /* all: world, names and every identity of the cluster. */
    { "b/client", "world", NP_PROTOCOL_TCP, 80, TRUE },
    { "b/client", "www.example.com", NP_PROTOCOL_TCP, 80, TRUE },
    { "b/client", "remote-node", NP_PROTOCOL_TCP, 80, TRUE },
    { "b/client", "kube-apiserver", NP_PROTOCOL_TCP, 80, TRUE },
  };
  NpEndpoint endpoint_value;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s → %s %u", cases[i].from, cases[i].to, cases[i].port);
      g_assert_cmpint (allowed (evaluator, cases[i].from, cases[i].to, cases[i].protocol, cases[i].port),
                       ==, cases[i].allowed);
    }
  g_assert_false (np_endpoint_init_reserved (&endpoint_value, "cluster"));
  g_assert_false (np_endpoint_init_reserved (&endpoint_value, "a/web"));
  g_assert_true (np_endpoint_init_reserved (&endpoint_value, "world"));
  g_assert_cmpint (endpoint_value.kind, ==, NP_ENDPOINT_EXTERNAL);
  g_assert_cmpuint (np_evaluator_get_notes (evaluator)->len, ==, 0);
}

static void
test_fqdn_patterns (void)
{
  static const struct {
    const char *pattern, *name;
    gboolean    matches;
  } cases[] = {
    { "*", "www.example.com", TRUE },
    { "*", "localhost.", TRUE },
    { "*.example.com", "www.example.com", TRUE },
    { "*.example.com", "WWW.Example.COM.", TRUE },
    { "*.example.com", "example.com", FALSE },
    { "*.example.com", "a.b.example.com", FALSE },
    { "www.*.com", "www.example.com", TRUE },
    { "www.*.com", "www.a.b.com", FALSE },
    { "w*w.example.com", "www.example.com", TRUE },
    { "w*w.example.com", "ww.example.com", TRUE },
    { "w*w.example.com", "wxy.example.com", FALSE },
    { "**.example.com", "www.example.com", TRUE },
    { "**.example.com", "a.b.c.example.com", TRUE },
    { "**.example.com", "example.com", FALSE },
    { "**.example.com", "wwwexample.com", FALSE },
    { "**.*.example.com", "a.b.example.com", TRUE },
    { "example.com", "example.com.", TRUE },
    { "example.com", "www.example.com", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s ~ %s", cases[i].pattern, cases[i].name);
      g_assert_cmpint (np_fqdn_pattern_matches (cases[i].pattern, cases[i].name), ==, cases[i].matches);
    }
}

/* One reader for ipBlock, toCIDR and toCIDRSet (three copies before):
 * only toCIDR takes a bare address, and an unreadable exception is left
 * out rather than voiding the block. */
static void
test_address_block (void)
{
  const char *excepts[] = { "10.1.0.0/16", "not-a-cidr", "fd00::/8", NULL };
  NpAddressBlock block = { 0 };
  NpCidr address;

  g_assert_true (np_address_block_init (&block, "10.0.0.0/8", excepts, FALSE));
  g_assert_cmpuint (block.excepts->len, ==, 2);
  g_assert_true (np_ip_parse ("10.2.3.4", &address, NULL));
  g_assert_true (np_address_block_contains (&block, &address));
  g_assert_true (np_ip_parse ("10.1.3.4", &address, NULL));
  g_assert_false (np_address_block_contains (&block, &address));
  g_assert_true (np_ip_parse ("11.0.0.1", &address, NULL));
  g_assert_false (np_address_block_contains (&block, &address));
  /* An IPv6 exception never removes an IPv4 address, nor the reverse. */
  g_assert_true (np_ip_parse ("fd00::1", &address, NULL));
  g_assert_false (np_address_block_contains (&block, &address));
  np_address_block_clear (&block);
  g_assert_null (block.excepts);

  g_assert_false (np_address_block_init (&block, "192.0.2.7", NULL, FALSE));
  g_assert_null (block.excepts);
  g_assert_false (np_address_block_init (&block, NULL, NULL, TRUE));
  g_assert_false (np_address_block_init (&block, "not-a-cidr", NULL, TRUE));
  g_assert_true (np_address_block_init (&block, "192.0.2.7", NULL, TRUE));
  g_assert_true (np_ip_parse ("192.0.2.7", &address, NULL));
  g_assert_true (np_address_block_contains (&block, &address));
  g_assert_true (np_ip_parse ("192.0.2.8", &address, NULL));
  g_assert_false (np_address_block_contains (&block, &address));
  np_address_block_clear (&block);
}

static void
test_cilium_fqdn (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    CNP ("fqdn", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  egress:\n"
    "  - toFQDNs: [{matchName: api.example.com}, {matchPattern: \"*.cdn.example.net\"}]\n"
    "    toPorts: [{ports: [{port: \"443\", protocol: TCP}]}]\n"
    "  - toCIDR: [0.0.0.0/0]\n"
    "  - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system}}]\n"
    "    toPorts: [{ports: [{port: \"53\", protocol: ANY}], rules: {dns: [{matchPattern: \"*\"}]}}]\n---\n"
    CNP ("deny-bad", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  egressDeny:\n"
    "  - toEntities: [world]\n    toPorts: [{ports: [{port: \"8443\"}]}]\n---\n"
    CNP ("everything", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  egress:\n"
    "  - toFQDNs: [{matchPattern: \"*\"}]\n---\n"
    CNP ("deep", "b")
    "spec:\n  endpointSelector: {}\n  egress:\n"
    "  - toFQDNs: [{matchPattern: \"**.example.org\"}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  NpEndpoint source, destination;
  g_autoptr(NpVerdict) verdict = NULL;

  g_assert_true (allowed (evaluator, "a/web", "api.example.com", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "a/web", "API.example.com.", NP_PROTOCOL_TCP, 443));
  g_assert_false (allowed (evaluator, "a/web", "api.example.com", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "a/web", "www.api.example.com", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "a/web", "img.cdn.example.net", NP_PROTOCOL_TCP, 443));
  g_assert_false (allowed (evaluator, "a/web", "cdn.example.net", NP_PROTOCOL_TCP, 443));
  /* A CIDR rule never matches a name, and toFQDNs never matches an address. */
  g_assert_false (allowed (evaluator, "a/web", "other.example.com", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_TCP, 8080));
  g_assert_false (allowed (evaluator, "a/db", "8.8.8.8", NP_PROTOCOL_TCP, 80));
  /* Bare `*` is every name; `**.` any number of labels. */
  g_assert_true (allowed (evaluator, "a/db", "anything.test", NP_PROTOCOL_UDP, 9));
  g_assert_true (allowed (evaluator, "b/client", "a.b.example.org", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "b/client", "example.org", NP_PROTOCOL_TCP, 80));

  /* The verdict names the toFQDNs selector that matched. */
  endpoint (inventory, "a/web", &source);
  endpoint (inventory, "img.cdn.example.net", &destination);
  verdict = np_evaluator_decide (evaluator, &source, &destination, NP_PROTOCOL_TCP, 443);
  g_assert_true (verdict->allowed);
  g_assert_cmpuint (verdict->egress.rules->len, ==, 1);
  g_assert_nonnull (strstr (verdict->egress.rules->pdata[0],
                            "a/fqdn, egress 1 (toFQDNs matchPattern: *.cdn.example.net)"));
  g_assert_true (verdict->ingress.allowed);
  g_clear_pointer (&verdict, np_verdict_free);
  verdict = np_evaluator_decide (evaluator, &source, &destination, NP_PROTOCOL_TCP, 8443);
  g_assert_false (verdict->allowed);
  g_assert_cmpuint (verdict->egress.denials->len, ==, 1);
  g_assert_nonnull (strstr (verdict->egress.denials->pdata[0], "a/deny-bad, egressDeny 1"));
  g_assert_cmpuint (np_evaluator_get_notes (evaluator)->len, ==, 0);
}

static void
test_cilium_services (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: a, labels: {tier: data}}\n"
    "spec: {selector: {app: db}, ports: [{port: 5432}]}\n---\n"
    "apiVersion: v1\nkind: Service\nmetadata: {name: client, namespace: b}\n"
    "spec: {selector: {app: client}}\n---\n"
    "apiVersion: v1\nkind: Service\nmetadata: {name: external, namespace: a}\n"
    "spec: {ports: [{port: 443}]}\n---\n"
    CNP ("by-name", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  egress:\n"
    "  - toServices: [{k8sService: {serviceName: db}}]\n"
    "  - toServices: [{k8sService: {serviceName: external, namespace: a}}]\n---\n"
    CNP ("by-selector", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  egress:\n"
    "  - toServices: [{k8sServiceSelector: {selector: {matchLabels: {tier: data}}}}]\n"
    "  - toServices: [{k8sService: {serviceName: client, namespace: b}}]\n"
    "  - toServices: [{k8sService: {serviceName: missing}}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  GPtrArray *notes = np_evaluator_get_notes (evaluator);

  /* A Service stands for the pods its selector selects in its namespace. */
  g_assert_true (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));
  g_assert_false (allowed (evaluator, "a/web", "b/client", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "a/db", "b/client", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "a/db", "a/web", NP_PROTOCOL_TCP, 80));
  /* A Service without a selector, and one not found, leave a note each. */
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_nonnull (strstr (notes->pdata[0], "a/by-name, egress 2: the Service a/external has no selector"));
  g_assert_nonnull (strstr (notes->pdata[1], "a/by-selector, egress 3: no Service of the files read"));
}

static void
test_cilium_host_policies (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: nodes}\n"
    "spec:\n  nodeSelector: {}\n  ingress:\n"
    "  - fromEntities: [cluster]\n    toPorts: [{ports: [{port: \"22\", protocol: TCP}]}]\n"
    "  - fromEndpoints: [{matchLabels: {app: web}}]\n    toPorts: [{ports: [{port: \"10250\"}]}]\n"
    "  egress:\n  - toEntities: [kube-apiserver]\n---\n"
    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: some-nodes}\n"
    "spec:\n  nodeSelector: {matchLabels: {role: edge}}\n  ingress: [{fromEntities: [world]}]\n---\n"
    CNP ("from-nodes", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: db}}\n  ingress:\n"
    "  - fromNodes: [{}]\n    toPorts: [{ports: [{port: \"5432\"}]}]\n"
    "  - fromNodes: [{matchLabels: {role: edge}}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  GPtrArray *notes = np_evaluator_get_notes (evaluator);

  /* nodeSelector {} selects every node: the host and the remote nodes. */
  g_assert_true (allowed (evaluator, "a/db", "host", NP_PROTOCOL_TCP, 22));
  g_assert_true (allowed (evaluator, "a/db", "remote-node", NP_PROTOCOL_TCP, 22));
  /* Node to node: the sender's egress (kube-apiserver only) applies too. */
  g_assert_false (allowed (evaluator, "remote-node", "host", NP_PROTOCOL_TCP, 22));
  g_assert_false (allowed (evaluator, "world", "host", NP_PROTOCOL_TCP, 22));
  g_assert_false (allowed (evaluator, "a/db", "host", NP_PROTOCOL_TCP, 10250));
  g_assert_true (allowed (evaluator, "a/web", "remote-node", NP_PROTOCOL_UDP, 10250));
  g_assert_true (allowed (evaluator, "host", "kube-apiserver", NP_PROTOCOL_TCP, 6443));
  g_assert_false (allowed (evaluator, "host", "world", NP_PROTOCOL_TCP, 443));
  /* The host may still reach its pods (allow-from-node); a remote node is
   * matched by fromNodes: [{}], and its own egress is open to kube-apiserver only. */
  g_assert_true (allowed (evaluator, "host", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "remote-node", "a/web", NP_PROTOCOL_TCP, 80));
  g_assert_false (allowed (evaluator, "remote-node", "a/db", NP_PROTOCOL_TCP, 5432));
  /* Pods are no nodes. */
  g_assert_false (allowed (evaluator, "a/web", "a/db", NP_PROTOCOL_TCP, 5432));

  /* A nodeSelector with labels, and a fromNodes selector with labels, are noted. */
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_nonnull (strstr (notes->pdata[0], "some-nodes is a host policy whose nodeSelector names node "
                            "labels, which are unknown here; it is not evaluated."));
  g_assert_nonnull (strstr (notes->pdata[1], "a/from-nodes, ingress 2: node labels are unknown here"));
}

static void
test_ipv6_ranges (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-out, namespace: a}\n"
    "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Egress]\n  egress:\n"
    "  - to: [{ipBlock: {cidr: \"2001:db8::/32\", except: [\"2001:db8:1::/48\"]}}]\n"
    "  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n---\n"
    CNP ("web-out", "a")
    "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  egress:\n"
    "  - toCIDRSet: [{cidr: \"::/0\", except: [\"fd00::/8\"]}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autofree char *text = connlist_text (evaluator);

  g_assert_true (allowed (evaluator, "a/db", "2001:db8:2::1", NP_PROTOCOL_TCP, 443));
  g_assert_false (allowed (evaluator, "a/db", "2001:db8:1::1", NP_PROTOCOL_TCP, 443));
  g_assert_false (allowed (evaluator, "a/web", "fd00::1", NP_PROTOCOL_TCP, 443));
  g_assert_true (allowed (evaluator, "a/web", "2001:db8:1::1", NP_PROTOCOL_TCP, 443));

  /* The IPv6 space is split at the IPv6 boundaries only, and printed as
   * netpol-analyzer prints IPv4 ranges (RFC 5952 addresses). */
  g_assert_nonnull (strstr (text, "a/db[Pod] => 2001:db8::-2001:db8:0:ffff:ffff:ffff:ffff:ffff[External] : All Connections\n"));
  g_assert_nonnull (strstr (text, "a/db[Pod] => 2001:db8:2::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections\n"));
  g_assert_null (strstr (text, "a/db[Pod] => 2001:db8:1::"));
  g_assert_null (strstr (text, "a/db[Pod] => ::-"));
  g_assert_nonnull (strstr (text, "a/web[Pod] => ::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections\n"));
  g_assert_nonnull (strstr (text, "a/web[Pod] => fe00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections\n"));
  g_assert_null (strstr (text, "a/web[Pod] => fd00::"));
  g_assert_nonnull (strstr (text, "a/web[Pod] => 2001:db8:1::-2001:db8:1:ffff:ffff:ffff:ffff:ffff[External] : All Connections\n"));
  /* Ingress names no IPv6 prefix: the sources stay IPv4 only. */
  g_assert_nonnull (strstr (text, "0.0.0.0-255.255.255.255[External] => a/db[Pod] : All Connections\n"));
  g_assert_null (strstr (text, ":[External] =>"));
  g_assert_null (strstr (text, "ff[External] =>"));
  /* IPv4 still split at 10.0.0.0/8. */
  g_assert_nonnull (strstr (text, "a/db[Pod] => 10.0.0.0-10.255.255.255[External] : All Connections\n"));
}

static void
test_cilium_not_evaluated (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (
    WORKLOADS
    CNP ("fqdn", "a")
    "spec:\n  endpointSelector: {}\n  egress:\n  - toGroups: [{aws: {securityGroupsIds: [sg-1]}}]\n");
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  GPtrArray *notes = np_evaluator_get_notes (evaluator);

  g_assert_cmpuint (np_inventory_get_n_policies (inventory), ==, 1);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_nonnull (strstr (notes->pdata[0], "toGroups peers are not evaluated yet"));
  /* The rule still switches on default-deny. */
  g_assert_false (allowed (evaluator, "a/web", "8.8.8.8", NP_PROTOCOL_TCP, 443));
}

static void
test_formats (void)
{
  g_autoptr(NpInventory) inventory = inventory_from_text (except_policy);
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autoptr(GPtrArray) list = np_connlist_compute (evaluator, "a/web", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = np_connlist_compute (evaluator, "a/nothing", &error);
  NpConnlistFormat format;
  g_autofree char *csv = NULL;
  g_autofree char *md = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *json = NULL;

  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (np_connlist_format_parse ("md", &format));
  g_assert_cmpint (format, ==, NP_CONNLIST_MD);
  g_assert_false (np_connlist_format_parse ("xml", &format));

  csv = np_connlist_format (list, NP_CONNLIST_CSV);
  g_assert_true (g_str_has_prefix (csv, "src,dst,conn\n"));
  g_assert_nonnull (strstr (csv, "10.0.0.0-10.0.255.255[External],a/web[Pod],All Connections\n"));
  md = np_connlist_format (list, NP_CONNLIST_MD);
  g_assert_nonnull (strstr (md, "| a/web[Pod] | a/db[Pod] | All Connections |\n"));
  dot = np_connlist_format (list, NP_CONNLIST_DOT);
  g_assert_true (g_str_has_prefix (dot, "digraph {\n"));
  g_assert_nonnull (strstr (dot, "\"a/web[Pod]\" -> \"a/db[Pod]\""));
  json = np_connlist_format (list, NP_CONNLIST_JSON);
  g_assert_nonnull (strstr (json, "\"src\": \"a/web[Pod]\""));
}

/* The netpol-analyzer corpus -------------------------------------------------- */

/* @node with every NetworkPolicy in it (also List items) replaced by the
 * CiliumNetworkPolicy np_convert_to_cilium() makes of it. */
static NpNode *
convert_node (NpNode *node)
{
  NpNode *kind = np_node_lookup (node, "kind");
  NpNode *items = np_node_lookup (node, "items");

  if (np_node_is_string (kind) && g_str_equal (np_node_get_text (kind), "NetworkPolicy"))
    {
      g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpPolicy) policy = np_policy_new_from_node (node, NULL);
      g_autoptr(NpCiliumPolicy) converted = NULL;

      g_assert_nonnull (policy);
      converted = np_convert_to_cilium (policy, FALSE, losses);
      g_assert_nonnull (converted);
      g_assert_cmpuint (losses->len, ==, 0);
      return np_cilium_policy_to_node (converted, TRUE);
    }
  if (items != NULL && np_node_get_kind (items) == NP_NODE_SEQUENCE)
    {
      NpNode *copy = np_node_copy (node);
      NpNode *copy_items = np_node_lookup (copy, "items");

      for (guint i = 0; i < np_node_get_n_items (copy_items); i++)
        np_node_replace_item (copy_items, i, convert_node (np_node_get_item (items, i)));
      return copy;
    }
  return np_node_ref (node);
}

/* The files of @folder, each NetworkPolicy converted to Cilium. */
static void
add_converted (NpInventory *inventory,
               const char  *folder)
{
  static const char * const suffixes[] = { ".yaml", ".yml", ".json", NULL };
  g_autoptr(GPtrArray) files = np_test_list_files (folder, suffixes);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(NpManifest) manifest = np_manifest_new ();
      g_autoptr(GError) error = NULL;
      GListModel *documents;
      GString *text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (g_str_has_suffix (path, "expected_connlist.txt"))
        continue;
      g_assert_true (np_manifest_load_file (manifest, file, NULL, &error));
      g_assert_no_error (error);
      documents = np_manifest_get_documents (manifest);
      for (guint j = 0; j < g_list_model_get_n_items (documents); j++)
        {
          g_autoptr(NpDocument) document = g_list_model_get_item (documents, j);
          NpNode *root = np_document_get_root (document);
          g_autoptr(NpNode) converted = NULL;
          g_autofree char *yaml = NULL;

          if (root == NULL || np_node_is_null (root))
            continue;
          converted = convert_node (root);
          yaml = np_yaml_write (converted, 0, NULL);
          g_string_append (text, "---\n");
          g_string_append (text, yaml);
        }
      bytes = g_string_free_to_bytes (text);
      g_assert_true (np_inventory_add_bytes (inventory, bytes, path, &error));
      g_assert_no_error (error);
    }
}

static GHashTable *
lines_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (*lines[i] != '\0')
        g_hash_table_add (set, g_strdup (lines[i]));
    }
  return set;
}

static guint
report_missing (const char *name, GHashTable *from, GHashTable *in, const char *what)
{
  GHashTableIter iter;
  gpointer line;
  guint n = 0;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &line, NULL))
    if (!g_hash_table_contains (in, line))
      {
        g_test_message ("%s: %s line: %s", name, what, (char *) line);
        n++;
      }
  return n;
}

/* Every case gives netpol-analyzer's list; with @cilium, after converting
 * each NetworkPolicy to a CiliumNetworkPolicy (conversion keeps meaning). */
static void
check_corpus (gboolean cilium)
{
  g_autofree char *root = np_test_corpus_path ("connectivity");
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_cases = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *case_name = names->pdata[i];
      g_autofree char *folder = g_build_filename (root, case_name, NULL);
      g_autofree char *expected_path = g_build_filename (folder, "expected_connlist.txt", NULL);
      g_autofree char *expected_text = np_test_read_file (expected_path, NULL);
      g_autoptr(NpInventory) inventory = np_inventory_new ();
      g_autoptr(NpEvaluator) evaluator = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GHashTable) expected = NULL;
      g_autoptr(GHashTable) got = NULL;
      guint extra, missing;

      if (cilium)
        add_converted (inventory, folder);
      else if (!np_inventory_add_path (inventory, folder, &error))
        {
          np_test_case_failed (case_name, NULL, "cannot read: %s", error->message);
          continue;
        }
      evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
      text = connlist_text (evaluator);
      expected = lines_of (expected_text);
      got = lines_of (text);
      extra = report_missing (case_name, got, expected, "unexpected");
      missing = report_missing (case_name, expected, got, "missing");
      if (extra + missing > 0)
        np_test_case_failed (case_name, NULL, "%u unexpected and %u missing lines of %u",
                             extra, missing, g_hash_table_size (expected));
      n_cases++;
    }
  g_assert_cmpuint (n_cases, ==, 10);
}

static void
test_corpus (void)
{
  check_corpus (FALSE);
}

static void
test_corpus_converted_to_cilium (void)
{
  check_corpus (TRUE);
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/connectivity/conn-set", test_conn_set);
  g_test_add_func ("/connectivity/inventory", test_inventory);
  g_test_add_func ("/connectivity/named-port-protocol", test_named_port_protocol);
  g_test_add_func ("/connectivity/named-port-external", test_named_port_external);
  g_test_add_func ("/connectivity/except-boundaries", test_except_boundaries);
  g_test_add_func ("/connectivity/ipblock-matches-pods", test_ipblock_matches_pods);
  g_test_add_func ("/connectivity/isolation-per-direction", test_isolation_per_direction);
  g_test_add_func ("/connectivity/both-sides", test_both_sides);
  g_test_add_func ("/connectivity/self-and-node", test_self_and_node);
  g_test_add_func ("/connectivity/ingress-all-and-ports", test_ingress_all_and_ports);
  g_test_add_func ("/connectivity/cilium-deny-precedence", test_cilium_deny_precedence);
  g_test_add_func ("/connectivity/cilium-empty-rule", test_cilium_empty_rule);
  g_test_add_func ("/connectivity/cilium-icmp-only", test_cilium_icmp_only);
  g_test_add_func ("/connectivity/cilium-namespace-injection", test_cilium_namespace_injection);
  g_test_add_func ("/connectivity/cilium-entities-and-cidr", test_cilium_entities_and_cidr);
  g_test_add_func ("/connectivity/cilium-reserved-entities", test_cilium_reserved_entities);
  g_test_add_func ("/connectivity/fqdn-patterns", test_fqdn_patterns);
  g_test_add_func ("/connectivity/address-block", test_address_block);
  g_test_add_func ("/connectivity/cilium-fqdn", test_cilium_fqdn);
  g_test_add_func ("/connectivity/cilium-services", test_cilium_services);
  g_test_add_func ("/connectivity/cilium-host-policies", test_cilium_host_policies);
  g_test_add_func ("/connectivity/ipv6-ranges", test_ipv6_ranges);
  g_test_add_func ("/connectivity/cilium-not-evaluated", test_cilium_not_evaluated);
  g_test_add_func ("/connectivity/formats", test_formats);
  g_test_add_func ("/connectivity/corpus", test_corpus);
  g_test_add_func ("/connectivity/corpus-converted-to-cilium", test_corpus_converted_to_cilium);

  return g_test_run ();
}
