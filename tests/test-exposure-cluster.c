/* test-exposure-cluster.c: the exposure analysis with AdminNetworkPolicies and the BaselineAdminNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inputs are under tests/data/cluster/exposure-* (and tiers-demo); each
 * policies.yaml says what the exposure is and why. The expected outputs
 * were worked out by hand from netpol-analyzer's exposure code with the
 * cluster tiers (its PR #486: adminnetpol.go, policy_connections.go,
 * check.go, exposure_map.go), in the shapes of its tests
 * exposure_test_with_anp_6, _9 and _12 and anp_banp_blog_demo, with names
 * and values of our own:
 *
 * - deny-rep: a Deny rule toward a representative before an Allow to every
 *   namespace: the entire-cluster row, and the representative's row with
 *   No Connections (the exception) [exposure_map.go addConnToExposureMap].
 * - baseline-port: the baseline's Deny of TCP 7000 to every pod takes that
 *   port out of the entire-cluster rows; the admin tier's Allow toward the
 *   pods of lab comes first, so lab/[all pods] keeps All Connections. A
 *   `pods` peer without podSelector is every pod of its namespaces.
 * - pass-np: what the admin tier passes the NetworkPolicy decides, so
 *   front's rows are its NetworkPolicy's; back is protected by the admin
 *   tier only: entire cluster, All Connections, no "not protected" line.
 * - rep-subject: an AdminNetworkPolicy whose subject is every namespace
 *   selects the representatives too; its Deny of ingress from ops on TCP
 *   5432 leaves ops/tool no exposure toward role=db.
 * - any-ns-label: a `pods` peer without namespaceSelector is a
 *   representative of every namespace ([all namespaces]/[pod with …]); the
 *   admin tier's Deny of everything with it is an exception to the
 *   NetworkPolicy's entire-cluster exposure, both ways (exposure_test_with_anp_16).
 * - expressions: matchExpressions in two orders are one representative,
 *   written as §5 says; the baseline closes apps to every pod, so only the
 *   admin Allow toward it is exposure, and worker, which has none, is not
 *   listed, not even its address rows (exposure_test_with_anp_14).
 * - priorities: four admin policies, out of written order: an Allow of
 *   priority 5 comes before a Deny of 60; what priority 20 passes toward a
 *   representative is left undecided by the Deny-everything of 90 and so
 *   allowed by default (exposure_test_with_anp_15).
 * - tiers-demo: the blog demo's shape: the baseline denies everything into
 *   the inner namespaces, so store/db has no entire-cluster row; shop/web's
 *   NetworkPolicy lets in what the admin tier passes from observer.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-exposure.h"
#include "np-inventory.h"
#include "np-test-util.h"

static char *
data_path (const char *dir, const char *file)
{
  return g_build_filename (g_getenv ("NP_TEST_SRCDIR"), "data", "cluster", dir, file, NULL);
}

static NpEvaluator *
evaluator_for_dir (const char *dir)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  const char *files[] = { "cluster.yaml", "policies.yaml" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (dir, files[i]);
      g_autofree char *text = np_test_read_file (path, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;

      g_assert_true (np_inventory_add_bytes (inventory, bytes, files[i], &error));
      g_assert_no_error (error);
    }
  return np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
}

static NpEvaluator *
evaluator_for (const char *yaml)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
}

/* The txt list with exposure; the warnings joined by "|" in @warnings. */
static char *
exposure_text (NpEvaluator *evaluator, const NpConnlistFocus *focus, NpConnlistFormat format, char **warnings)
{
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, focus);
  g_autoptr(NpExposure) exposure = np_exposure_compute (evaluator, list, focus);

  if (warnings != NULL)
    {
      g_ptr_array_add (exposure->warnings, NULL);
      *warnings = g_strjoinv ("|", (char **) exposure->warnings->pdata);
      g_ptr_array_remove_index (exposure->warnings, exposure->warnings->len - 1);
    }
  return np_exposure_to_string (list, exposure, format);
}

static void
check_case (gconstpointer data)
{
  const char *dir = data;
  g_autoptr(NpEvaluator) evaluator = evaluator_for_dir (dir);
  g_autofree char *expected_path = data_path (dir, "expected.txt");
  g_autofree char *expected = np_test_read_file (expected_path, NULL);
  g_autofree char *warnings = NULL;
  g_autofree char *text = exposure_text (evaluator, NULL, NP_CONNLIST_TEXT, &warnings);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (warnings, ==, "");
}

/* The blog demo's shape (tiers-demo has no expected.txt of its own: the
 * connectivity tests use it without exposure). */
static void
test_tiers_demo (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for_dir ("tiers-demo");
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, NULL);
  g_autoptr(NpExposure) exposure = np_exposure_compute (evaluator, list, NULL);
  g_autoptr(GString) ingress = g_string_new (NULL);

  for (guint i = 0; i < exposure->ingress->len; i++)
    {
      const NpExposureRow *row = exposure->ingress->pdata[i];
      g_autofree char *conns = np_conn_set_to_string (row->conns);

      g_string_append_printf (ingress, "%s <= %s : %s\n", row->workload, row->other, conns);
    }
  /* store/db: inner, no NetworkPolicy: the baseline denies every
   * namespace; the observer's pods are passed by the admin tier, then
   * denied by the baseline too: no row but the address range's. */
  g_assert_cmpstr (ingress->str, ==,
                   "lobby/guest[Pod] <= 0.0.0.0-255.255.255.255[External] : All Connections\n"
                   "lobby/guest[Pod] <= entire-cluster : All Connections\n"
                   "observer/probe[Pod] <= 0.0.0.0-255.255.255.255[External] : All Connections\n"
                   "observer/probe[Pod] <= entire-cluster : All Connections\n"
                   "shop/web[Pod] <= observer/[all pods] : All Connections\n"
                   "store/db[Pod] <= 0.0.0.0-255.255.255.255[External] : All Connections\n");
  /* The admin policy with subject {} selects every workload on Ingress. */
  g_assert_cmpuint (exposure->unprotected->len, ==, 4);
  for (guint i = 0; i < exposure->unprotected->len; i++)
    g_assert_true (g_str_has_suffix (exposure->unprotected->pdata[i], " is not protected on Egress"));
}

/* The exception row in the core's structure, and in csv, md and json. */
static void
test_no_connections_row (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for_dir ("exposure-deny-rep");
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, NULL);
  g_autoptr(NpExposure) exposure = np_exposure_compute (evaluator, list, NULL);
  g_autofree char *csv = NULL;
  g_autofree char *md = NULL;
  g_autofree char *json = NULL;
  const NpExposureRow *row = NULL;

  for (guint i = 0; i < exposure->egress->len; i++)
    if (((NpExposureRow *) exposure->egress->pdata[i])->kind == NP_EXPOSURE_REPRESENTATIVE)
      row = exposure->egress->pdata[i];
  g_assert_nonnull (row);
  g_assert_true (np_conn_set_is_empty (row->conns));
  g_assert_cmpstr (row->namespace_part, ==, "namespace with {zone=vault}");
  g_assert_cmpstr (row->pod_part, ==, "all pods");
  g_assert_false (row->unprotected);

  csv = np_exposure_to_string (list, exposure, NP_CONNLIST_CSV);
  g_assert_nonnull (strstr (csv, "shop/cart[Deployment],[namespace with {zone=vault}]/[all pods],No Connections\n"));
  md = np_exposure_to_string (list, exposure, NP_CONNLIST_MD);
  g_assert_nonnull (strstr (md, "| shop/cart[Deployment] | [namespace with {zone=vault}]/[all pods] | No Connections |\n"));
  json = np_exposure_to_string (list, exposure, NP_CONNLIST_JSON);
  g_assert_nonnull (strstr (json, "\"conn\": \"No Connections\""));
}

/* With a focus connection an empty representative connection is no row
 * (netpol-analyzer skips the pair: the focus is not in it). */
static void
test_focus_conn (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for_dir ("exposure-deny-rep");
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (np_connlist_focus_set_conn (focus, "tcp-8000", &error));
  text = exposure_text (evaluator, focus, NP_CONNLIST_TEXT, NULL);
  g_assert_null (strstr (text, "vault"));
  g_assert_nonnull (strstr (text, "shop/cart[Deployment] \t=> \tentire-cluster\n"));
}

static const char with_cnp[] =
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: p, namespace: n, labels: {app: p}}\n"
  "spec: {containers: [{name: c}]}\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha2\n"
  "kind: ClusterNetworkPolicy\n"
  "metadata: {name: cnp}\n"
  "spec:\n"
  "  tier: Admin\n"
  "  priority: 5\n"
  "  subject: {namespaces: {}}\n"
  "  ingress:\n"
  "  - name: deny-all\n"
  "    action: Deny\n"
  "    from: [{namespaces: {}}]\n";

/* ClusterNetworkPolicies are not read (netpol-analyzer reads none): a
 * warning names them rather than rows that look complete. */
static void
test_cnp_warning (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for (with_cnp);
  g_autofree char *warnings = NULL;
  g_autofree char *text = exposure_text (evaluator, NULL, NP_CONNLIST_TEXT, &warnings);

  g_assert_nonnull (strstr (warnings, "ClusterNetworkPolicies"));
}

static const char named_ports[] =
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: api, namespace: edge, labels: {app: api}}\n"
  "spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: closed, namespace: edge}\n"
  "spec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: AdminNetworkPolicy\n"
  "metadata: {name: http-both-ways}\n"
  "spec:\n"
  "  priority: 3\n"
  "  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: edge}}}\n"
  "  ingress:\n"
  "  - {name: in, action: Allow, from: [{namespaces: {}}], ports: [{namedPort: http}]}\n"
  "  egress:\n"
  "  - {name: out, action: Allow, to: [{namespaces: {}}], ports: [{namedPort: http}]}\n";

/* A named port resolves on the workload when it receives (TCP 8080 from
 * the entire cluster); toward the entire cluster it is left out, with a
 * warning that says so. */
static void
test_named_ports (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for (named_ports);
  g_autofree char *warnings = NULL;
  g_autofree char *text = exposure_text (evaluator, NULL, NP_CONNLIST_TEXT, &warnings);

  /* The list is empty, so no empty line before the section (§5). */
  g_assert_cmpstr (text, ==,
                   "Exposure Analysis Result:\n"
                   "Ingress Exposure:\n"
                   "edge/api[Pod] \t<= \tentire-cluster : TCP 8080\n");
  g_assert_nonnull (strstr (warnings, "named ports of AdminNetworkPolicy"));
}

/* Fields of the wrong type everywhere (netpol-analyzer stops at such
 * input; the editor still asks the core): no crash, no critical. */
static const char malformed[] =
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: p, namespace: n, labels: {app: p}}\n"
  "spec: {containers: [{name: c}]}\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: AdminNetworkPolicy\n"
  "metadata: {name: a}\n"
  "spec:\n"
  "  priority: 1\n"
  "  subject: {pods: 3}\n"
  "  ingress:\n"
  "  - {name: x, action: Allow, from: [7, {pods: {}}, {namespaces: [1]}, {pods: {namespaceSelector: 5, podSelector: {matchExpressions: [{key: a, operator: In}]}}}], ports: [{portRange: {start: 9, end: 2}}, {portNumber: {port: 99999}}, {namedPort: 4}, 5]}\n"
  "  egress: 3\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: AdminNetworkPolicy\n"
  "metadata: {name: b}\n"
  "spec:\n"
  "  priority: 2\n"
  "  subject: {namespaces: {matchLabels: 3}}\n"
  "  egress:\n"
  "  - {name: y, action: Pass, to: {a: b}, ports: 4}\n"
  "  - {action: Bogus, to: [{namespaces: {}}]}\n"
  "---\n"
  "apiVersion: policy.networking.k8s.io/v1alpha1\n"
  "kind: BaselineAdminNetworkPolicy\n"
  "metadata: {name: default}\n"
  "spec:\n"
  "  subject: {namespaces: {}}\n"
  "  ingress:\n"
  "  - {name: z, action: Deny, from: [{pods: {podSelector: {matchLabels: {app: q}}}}]}\n"
;

static void
test_malformed (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for (malformed);
  g_autofree char *text = exposure_text (evaluator, NULL, NP_CONNLIST_TEXT, NULL);

  g_assert_nonnull (strstr (text, "Exposure Analysis Result:"));
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_data_func ("/exposure-cluster/deny-rep", "exposure-deny-rep", check_case);
  g_test_add_data_func ("/exposure-cluster/baseline-port", "exposure-baseline-port", check_case);
  g_test_add_data_func ("/exposure-cluster/pass-np", "exposure-pass-np", check_case);
  g_test_add_data_func ("/exposure-cluster/rep-subject", "exposure-rep-subject", check_case);
  g_test_add_data_func ("/exposure-cluster/any-ns-label", "exposure-any-ns-label", check_case);
  g_test_add_data_func ("/exposure-cluster/expressions", "exposure-expressions", check_case);
  g_test_add_data_func ("/exposure-cluster/priorities", "exposure-priorities", check_case);
  g_test_add_func ("/exposure-cluster/tiers-demo", test_tiers_demo);
  g_test_add_func ("/exposure-cluster/no-connections-row", test_no_connections_row);
  g_test_add_func ("/exposure-cluster/focus-conn", test_focus_conn);
  g_test_add_func ("/exposure-cluster/cnp-warning", test_cnp_warning);
  g_test_add_func ("/exposure-cluster/named-ports", test_named_ports);
  g_test_add_func ("/exposure-cluster/malformed", test_malformed);
  return g_test_run ();
}
