/* test-traffic.c: naming endpoints, the edited policy replacing its saved copy, egress the other side drops
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "np-cilium-policy.h"
#include "np-inventory.h"
#include "np-node.h"
#include "np-yaml.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-test-util.h"
#include "np-traffic.h"

static const char cluster[] =
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n"
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
  "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
  "    spec:\n      containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]\n---\n"
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace: shop}\n"
  "spec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n"
  "    spec:\n      containers: [{name: c, image: x, ports: [{containerPort: 5432}]}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-in, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n";

static const char web_out[] =
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-out, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n"
  "  egress:\n  - to: [{podSelector: {matchLabels: {app: db}}}]\n    ports: [{port: 5432}]\n";

static const char db_in_open[] =
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-in, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n";

static NpInventory *
load_cluster (void)
{
  NpInventory *inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (cluster, strlen (cluster));

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", NULL));
  return inventory;
}

static void
test_resolve (void)
{
  g_autoptr(NpInventory) inventory = load_cluster ();
  g_autoptr(GError) error = NULL;
  NpEndpoint endpoint;

  g_assert_true (np_traffic_resolve_endpoint (inventory, "shop/web", &endpoint, &error));
  g_assert_cmpint (endpoint.kind, ==, NP_ENDPOINT_WORKLOAD);
  g_assert_cmpstr (np_inventory_get_workload (inventory, endpoint.workload)->name, ==, "web");
  g_assert_true (np_traffic_resolve_endpoint (inventory, "shop:app=db", &endpoint, &error));
  g_assert_cmpstr (np_inventory_get_workload (inventory, endpoint.workload)->name, ==, "db");
  g_assert_true (np_traffic_resolve_endpoint (inventory, "10.1.2.3", &endpoint, &error));
  g_assert_cmpint (endpoint.kind, ==, NP_ENDPOINT_EXTERNAL);
  g_assert_true (np_traffic_resolve_endpoint (inventory, "api.example.com", &endpoint, &error));
  g_assert_cmpint (endpoint.kind, ==, NP_ENDPOINT_NAME);
  g_assert_no_error (error);

  g_assert_false (np_traffic_resolve_endpoint (inventory, "shop:app=none", &endpoint, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "app=none"));
  g_clear_error (&error);
  g_assert_false (np_traffic_resolve_endpoint (inventory, "shop/nobody", &endpoint, &error));
  g_assert_nonnull (strstr (error->message, "names no workload"));
}

static void
test_parse_port (void)
{
  guint port = 0;
  NpProtocol protocol = NP_N_PROTOCOLS;

  g_assert_true (np_traffic_parse_port ("443", &port, &protocol));
  g_assert_cmpuint (port, ==, 443);
  g_assert_cmpint (protocol, ==, NP_PROTOCOL_TCP);
  g_assert_true (np_traffic_parse_port (" 53/udp", &port, &protocol));
  g_assert_cmpuint (port, ==, 53);
  g_assert_cmpint (protocol, ==, NP_PROTOCOL_UDP);
  g_assert_false (np_traffic_parse_port ("0", &port, &protocol));
  g_assert_false (np_traffic_parse_port ("70000", &port, &protocol));
  g_assert_false (np_traffic_parse_port ("80/ICMP", &port, &protocol));
  g_assert_false (np_traffic_parse_port ("http", &port, &protocol));
}

static NpVerdict *
decide (NpEvaluator *evaluator, const char *from, const char *to, guint port)
{
  NpInventory *inventory = np_evaluator_get_inventory (evaluator);
  NpEndpoint source, destination;

  g_assert_true (np_traffic_resolve_endpoint (inventory, from, &source, NULL));
  g_assert_true (np_traffic_resolve_endpoint (inventory, to, &destination, NULL));
  return np_evaluator_decide (evaluator, &source, &destination, NP_PROTOCOL_TCP, port);
}

static void
test_unanswered_egress (void)
{
  g_autoptr(NpInventory) inventory = load_cluster ();
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (web_out, -1, NULL);
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(NpVerdict) verdict = NULL;

  np_inventory_put_policy (inventory, policy, "(edited)");
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  verdict = decide (evaluator, "shop/web", "shop/db", 5432);
  g_assert_true (verdict->egress.allowed);
  g_assert_false (verdict->ingress.allowed);

  found = np_traffic_unanswered_egress (evaluator, policy);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_nonnull (strstr (found->pdata[0], "shop/web[Deployment] → shop/db[Deployment] TCP 5432"));
  g_assert_nonnull (strstr (found->pdata[0], "does not allow"));
}

/* The rules that decided are data: np_traffic_unanswered_egress() finds
 * its rule by them, not by the end of a sentence. */
static void
test_rule_refs (void)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (cluster, strlen (cluster));
  g_autoptr(NpPolicy) out = np_policy_new_from_yaml (web_out, -1, NULL);
  g_autoptr(NpPolicy) open = np_policy_new_from_yaml (db_in_open, -1, NULL);
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autofree char *text = NULL;
  g_autofree char *relative = NULL;
  const NpRuleRef *ref;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "/srv/cluster/cluster.yaml", NULL));
  np_inventory_put_policy (inventory, out, "(edited)");
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  verdict = decide (evaluator, "shop/web", "shop/db", 5432);

  g_assert_cmpuint (verdict->egress.rule_refs->len, ==, verdict->egress.rules->len);
  g_assert_cmpuint (verdict->egress.rule_refs->len, ==, 1);
  ref = verdict->egress.rule_refs->pdata[0];
  g_assert_true (ref->policy == G_OBJECT (out));
  g_assert_cmpstr (ref->file, ==, "(edited)");
  g_assert_cmpint (ref->direction, ==, NP_DIRECTION_EGRESS);
  g_assert_cmpint (ref->rule, ==, 0);
  g_assert_cmpint (ref->spec, ==, -1);
  g_assert_false (ref->deny);
  g_assert_cmpstr (ref->where, ==, verdict->egress.rules->pdata[0]);
  g_assert_cmpuint (ref->line, >, 0);

  /* The saved db-in isolates the destination and allows nothing. */
  g_assert_cmpuint (verdict->ingress.policy_refs->len, ==, 1);
  ref = verdict->ingress.policy_refs->pdata[0];
  g_assert_true (NP_IS_POLICY (ref->policy));
  g_assert_cmpstr (np_policy_get_name (NP_POLICY (ref->policy)), ==, "db-in");
  g_assert_cmpint (ref->direction, ==, NP_DIRECTION_INGRESS);
  g_assert_cmpint (ref->rule, ==, -1);
  g_assert_cmpuint (verdict->ingress.rule_refs->len, ==, 0);
  g_assert_cmpuint (verdict->ingress.denial_refs->len, ==, 0);

  /* One description for `netpol explain` and the Test traffic page; the
   * page leaves out the folder it shows above. */
  text = np_traffic_describe_verdict (verdict, NULL);
  g_assert_nonnull (strstr (text, "Egress of the source: allowed\n  Isolated by:\n    (edited):"));
  g_assert_nonnull (strstr (text, "\n  Allowed by:\n    (edited):"));
  g_assert_nonnull (strstr (text, "Ingress of the destination: denied\n"));
  g_assert_nonnull (strstr (text, "  Isolated by:\n    /srv/cluster/cluster.yaml:"));
  g_assert_true (g_str_has_suffix (text, "\n"));
  relative = np_traffic_describe_verdict (verdict, "/srv/cluster");
  g_assert_nonnull (strstr (relative, "  Isolated by:\n    cluster.yaml:"));
  g_assert_null (strstr (relative, "/srv/cluster"));

  /* The edited db-in takes the saved one's place: its rule allows. */
  np_inventory_put_policy (inventory, open, "(edited)");
  g_clear_object (&evaluator);
  g_clear_pointer (&verdict, np_verdict_free);
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  verdict = decide (evaluator, "shop/web", "shop/db", 5432);
  g_assert_cmpuint (verdict->ingress.rule_refs->len, ==, 1);
  ref = verdict->ingress.rule_refs->pdata[0];
  g_assert_true (ref->policy == G_OBJECT (open));
  g_assert_cmpint (ref->direction, ==, NP_DIRECTION_INGRESS);
  g_assert_cmpint (ref->rule, ==, 0);
}

static void
test_edited_replaces_saved (void)
{
  g_autoptr(NpInventory) inventory = load_cluster ();
  g_autoptr(NpPolicy) out = np_policy_new_from_yaml (web_out, -1, NULL);
  g_autoptr(NpPolicy) open = np_policy_new_from_yaml (db_in_open, -1, NULL);
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  guint before = np_inventory_get_n_policies (inventory);

  np_inventory_put_policy (inventory, out, "(edited)");
  /* Same namespace and name as the saved db-in: it takes its place. */
  np_inventory_put_policy (inventory, open, "(edited)");
  g_assert_cmpuint (np_inventory_get_n_policies (inventory), ==, before + 1);
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  verdict = decide (evaluator, "shop/web", "shop/db", 5432);
  g_assert_true (verdict->allowed);
  found = np_traffic_unanswered_egress (evaluator, out);
  g_assert_cmpuint (found->len, ==, 0);
}

/* A policy without podSelector selects every pod of its namespace, in the
 * evaluator and in the egress that goes unanswered alike. */
static void
test_no_pod_selector (void)
{
  static const char all_out[] =
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: all-out, namespace: shop}\n"
    "spec:\n  policyTypes: [Egress]\n"
    "  egress:\n  - to: [{podSelector: {matchLabels: {app: db}}}]\n    ports: [{port: 5432}]\n";
  g_autoptr(NpInventory) inventory = load_cluster ();
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (all_out, -1, NULL);
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(NpVerdict) to_db = NULL;
  g_autoptr(NpVerdict) to_web = NULL;
  gboolean web_to_db = FALSE;

  g_assert_nonnull (policy);
  g_assert_null (np_policy_get_pod_selector (policy));
  np_inventory_put_policy (inventory, policy, "(edited)");
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  to_db = decide (evaluator, "shop/web", "shop/db", 5432);
  to_web = decide (evaluator, "shop/db", "shop/web", 8080);
  g_assert_true (to_db->egress.allowed);
  /* db is selected too: its egress to web is not allowed. */
  g_assert_false (to_web->egress.allowed);

  found = np_traffic_unanswered_egress (evaluator, policy);
  for (guint i = 0; i < found->len; i++)
    if (strstr (found->pdata[i], "shop/web[Deployment] → shop/db[Deployment] TCP 5432") != NULL)
      web_to_db = TRUE;
  g_assert_true (web_to_db);
}

static void
test_corpus_verdicts (void)
{
  g_autofree char *root = np_test_corpus_path ("connectivity/minimal_test_in_ns");
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpVerdict) allowed = NULL;
  g_autoptr(NpVerdict) denied = NULL;

  g_assert_true (np_inventory_add_path (inventory, root, NULL));
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  allowed = decide (evaluator, "hello-world/workload-b", "hello-world/workload-a", 8050);
  denied = decide (evaluator, "hello-world/workload-b", "hello-world/workload-a", 8051);
  g_assert_true (allowed->allowed);
  g_assert_false (denied->allowed);
}

static void
test_typed_endpoints (void)
{
  const char * const typed[] = { "shop:app=web", "shop:app=db", "shop:app=other", NULL };
  g_autoptr(NpPolicy) open = np_policy_new_from_yaml (db_in_open, -1, NULL);
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  const char * const bad[] = { "shop:app in (a,b)", NULL };

  /* No cluster folder: the typed labels become pods. */
  inventory = np_traffic_build_inventory (NULL, open, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (np_inventory_get_n_workloads (inventory), ==, 3);
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  verdict = decide (evaluator, "shop:app=web", "shop:app=db", 5432);
  g_assert_true (verdict->allowed);
  g_clear_pointer (&verdict, np_verdict_free);
  verdict = decide (evaluator, "shop:app=other", "shop:app=db", 5432);
  g_assert_false (verdict->allowed);

  g_clear_object (&inventory);
  inventory = np_traffic_build_inventory (NULL, NULL, bad, &error);
  g_assert_null (inventory);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static const char fqdn_allowed[] =
  "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: to-api, namespace: shop}\n"
  "spec:\n  endpointSelector: {matchLabels: {app: web}}\n"
  "  egress:\n  - toFQDNs: [{matchName: api.example.com}]\n"
  "    toPorts: [{ports: [{port: '443', protocol: TCP}]}]\n";

static NpCiliumPolicy *
read_cilium (const char *yaml)
{
  g_autoptr(NpNode) root = np_yaml_parse_one (yaml, strlen (yaml), NULL);
  NpCiliumPolicy *policy = np_cilium_policy_new_from_node (root, NULL);

  g_assert_nonnull (policy);
  return policy;
}

/* A Cilium document on show takes part in test traffic as a NetworkPolicy
 * does, and the page's path (the edited policy) gives the verdict `netpol
 * explain` gives for the saved file: a DNS name its toFQDNs allow. */
static void
test_edited_cilium (void)
{
  g_autofree char *folder = g_dir_make_tmp ("np-traffic-XXXXXX", NULL);
  g_autofree char *cluster_path = g_build_filename (folder, "cluster.yaml", NULL);
  g_autofree char *policy_path = g_build_filename (folder, "to-api.yaml", NULL);
  g_autoptr(NpCiliumPolicy) edited = read_cilium (fqdn_allowed);
  g_autoptr(NpInventory) page = NULL;
  g_autoptr(NpInventory) cli = np_inventory_new ();
  g_autoptr(NpEvaluator) page_evaluator = NULL;
  g_autoptr(NpEvaluator) cli_evaluator = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *to; guint port; gboolean allowed; } cases[] = {
    { "api.example.com", 443, TRUE },
    { "api.example.com", 80, FALSE },
    { "www.example.com", 443, FALSE },
  };

  g_assert_true (g_file_set_contents (cluster_path, cluster, -1, NULL));
  g_assert_true (g_file_set_contents (policy_path, fqdn_allowed, -1, NULL));

  /* The page: the cluster folder, the policy on show in place of its saved
   * copy (the folder holds it too). */
  page = np_traffic_build_inventory (folder, edited, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (np_inventory_get_n_policies (page), ==, 2);
  page_evaluator = np_evaluator_new (page, NP_EVAL_FLAGS_NONE);
  /* netpol explain: the files. */
  g_assert_true (np_inventory_add_path (cli, folder, NULL));
  cli_evaluator = np_evaluator_new (cli, NP_EVAL_FLAGS_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpVerdict) from_page = np_traffic_decide (page_evaluator, "shop/web", cases[i].to,
                                                          NP_PROTOCOL_TCP, cases[i].port, &error);
      g_autoptr(NpVerdict) from_cli = np_traffic_decide (cli_evaluator, "shop/web", cases[i].to,
                                                         NP_PROTOCOL_TCP, cases[i].port, &error);

      g_test_message ("shop/web → %s %u", cases[i].to, cases[i].port);
      g_assert_no_error (error);
      g_assert_cmpint (from_page->allowed, ==, cases[i].allowed);
      g_assert_cmpint (from_cli->allowed, ==, cases[i].allowed);
    }

  /* An edit counts before it is saved: without the rule, the name is denied. */
  {
    g_autoptr(NpCiliumPolicy) closed = read_cilium (
      "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: to-api, namespace: shop}\n"
      "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  egress:\n  - {}\n");
    g_autoptr(NpInventory) edited_inventory = np_traffic_build_inventory (folder, closed, NULL, &error);
    g_autoptr(NpEvaluator) evaluator = np_evaluator_new (edited_inventory, NP_EVAL_FLAGS_NONE);
    g_autoptr(NpVerdict) verdict = np_traffic_decide (evaluator, "shop/web", "api.example.com",
                                                      NP_PROTOCOL_TCP, 443, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (np_inventory_get_n_policies (edited_inventory), ==, 2);
    g_assert_false (verdict->allowed);
  }

  /* An endpoint that names nothing is an error, not a verdict. */
  g_assert_null (np_traffic_decide (page_evaluator, "shop/nobody", "api.example.com", NP_PROTOCOL_TCP, 443, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (cluster_path);
  g_unlink (policy_path);
  g_rmdir (folder);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/traffic/resolve", test_resolve);
  g_test_add_func ("/traffic/parse-port", test_parse_port);
  g_test_add_func ("/traffic/unanswered-egress", test_unanswered_egress);
  g_test_add_func ("/traffic/rule-refs", test_rule_refs);
  g_test_add_func ("/traffic/edited-replaces-saved", test_edited_replaces_saved);
  g_test_add_func ("/traffic/corpus-verdicts", test_corpus_verdicts);
  g_test_add_func ("/traffic/no-pod-selector", test_no_pod_selector);
  g_test_add_func ("/traffic/typed-endpoints", test_typed_endpoints);
  g_test_add_func ("/traffic/edited-cilium", test_edited_cilium);

  return g_test_run ();
}
