/* test-cli-cluster.c: `netpol connectivity`, `explain` and `diff` with cluster-wide policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the netpol binary (NETPOL) on the inputs under tests/data/cluster;
 * the expected texts follow shared/docs/cluster-policies.md §4 and §4.1.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "np-test-util.h"

typedef NpTestRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, np_test_run_clear)

static char *
data_dir (const char *name)
{
  return g_build_filename (g_getenv ("NP_TEST_SRCDIR"), "data", "cluster", name, NULL);
}

/* §4.1, byte for byte, nothing on stderr. */
static void
test_worked_example (void)
{
  g_autofree char *dir = data_dir ("anp-pass-np");
  g_auto(Run) run = { 0 };

  np_test_run_netpol (&run, NULL, "connectivity", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "0.0.0.0-255.255.255.255[External] => ns2/pod1[Deployment] : All Connections\n"
                   "ns2/pod1[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
                   "ns2/pod1[Deployment] => ns1/pod1[Deployment] : TCP 80,UDP 80\n");
  g_assert_cmpstr (run.err, ==, "");
}

/* Two AdminNetworkPolicies with one priority: netpol-analyzer's error. */
static void
test_equal_priority (void)
{
  g_autofree char *dir = g_dir_make_tmp ("netpol-cluster-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "anp.yaml", NULL);
  static const char text[] =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\nspec: {containers: [{name: c}]}\n---\n"
    "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: first}\n"
    "spec: {priority: 3, subject: {namespaces: {}}}\n---\n"
    "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: second}\n"
    "spec: {priority: 3, subject: {namespaces: {}}}\n";
  const char * const commands[] = { "connectivity", "diff" };

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      if (i == 0)
        np_test_run_netpol (&run, NULL, commands[i], path, NULL);
      else
        np_test_run_netpol (&run, NULL, commands[i], path, path, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==,
                       "netpol: Admin Network Policies: first and second have same priority;Two policies are "
                       "considered to be conflicting if they are assigned the same priority.\n");
    }
  g_remove (path);
  g_rmdir (dir);
}

/* Warnings once each on stderr; --networks-match-pods changes the list. */
static void
test_networks (void)
{
  g_autofree char *dir = data_dir ("networks");
  g_auto(Run) nga = { 0 };
  g_auto(Run) upstream = { 0 };

  np_test_run_netpol (&nga, NULL, "connectivity", dir, NULL);
  g_assert_cmpint (nga.status, ==, 0);
  g_assert_cmpstr (nga.err, ==,
                   "netpol: warning: admin network policy \"egress-fence\": in rule \"inner-net\": IPv6 addresses "
                   "are not supported\n"
                   "netpol: warning: admin network policy \"egress-fence\": in rule \"inner-net\": Nodes field of "
                   "an AdminNetworkPolicyEgressPeer is not supported\n");
  g_assert_nonnull (strstr (nga.out, "team/api[Pod] => team/app[Pod] : All Connections\n"));
  g_assert_nonnull (strstr (nga.out, "team/app[Pod] => 10.1.0.0-10.1.255.255[External] : All Connections\n"));

  /* team/app is at 172.16.0.5: in 0.0.0.0/0, which the api may not reach. */
  np_test_run_netpol (&upstream, NULL, "connectivity", "--networks-match-pods", dir, NULL);
  g_assert_cmpint (upstream.status, ==, 0);
  g_assert_null (strstr (upstream.out, "team/api[Pod] => team/app[Pod]"));
}

/* explain names the tiers; connectivity --explain netpol-analyzer's lines. */
static void
test_explain (void)
{
  g_autofree char *dir = data_dir ("tiers-demo");
  g_auto(Run) one = { 0 };
  g_auto(Run) list = { 0 };

  np_test_run_netpol (&one, NULL, "explain", "--from", "observer/probe", "--to", "store/db", dir, NULL);
  g_assert_cmpint (one.status, ==, 1);
  g_assert_nonnull (strstr (one.out, "Ingress of the destination: denied\n"
                                     "  Decided by: AdminNetworkPolicy 'observer-inner-passes' passes by Ingress rule "
                                     "pass-observer, then BaselineAdminNetworkPolicy 'default' denies by Ingress rule "
                                     "inner-closed\n"));

  np_test_run_netpol (&list, NULL, "connectivity", "--explain", dir, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "\t\tIngress (Allowed)\n"
                                      "\t\t\tAdminNetworkPolicy 'observer-inner-passes' passes connections by "
                                      "Ingress rule pass-observer\n"
                                      "\t\t\tNetworkPolicy 'shop/let-observer-in' allows connections by Ingress "
                                      "rule #1\n"));
}

/* diff across an added AdminNetworkPolicy. */
static void
test_diff (void)
{
  g_autofree char *old_dir = data_dir ("anp-pass-np");
  g_autofree char *cluster = g_build_filename (old_dir, "cluster.yaml", NULL);
  g_auto(Run) run = { 0 };

  /* NEW: the workloads alone, every pair open. */
  np_test_run_netpol (&run, NULL, "diff", old_dir, cluster, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "Connectivity diff:\n"
                                   "diff-type: changed, source: ns2/pod1[Deployment], destination: "
                                   "ns1/pod1[Deployment], dir1: TCP 80,UDP 80, dir2: All Connections\n"));
}

static void
test_help (void)
{
  const char * const commands[] = { "connectivity", "explain", "diff" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      np_test_run_netpol (&run, NULL, "help", commands[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "AdminNetworkPolicy"));
      g_assert_nonnull (strstr (run.out, "BaselineAdminNetworkPolicy"));
      g_assert_nonnull (strstr (run.out, "ClusterNetworkPolicy"));
      g_assert_nonnull (strstr (run.out, "--networks-match-pods"));
    }
}

/* --exposure reads the cluster tiers: the exception row of the admin
 * tier's Deny, as the core computes it, nothing on stderr; and in csv. */
static void
test_exposure (void)
{
  const char *cases[] = { "exposure-deny-rep", "exposure-baseline-port", "exposure-pass-np",
                          "exposure-rep-subject", "exposure-any-ns-label",
                          "exposure-expressions", "exposure-priorities" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = data_dir (cases[i]);
      g_autofree char *expected_path = g_build_filename (dir, "expected.txt", NULL);
      g_autofree char *expected = np_test_read_file (expected_path, NULL);
      g_auto(Run) run = { 0 };

      np_test_run_netpol (&run, NULL, "connectivity", "--exposure", dir, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, expected);
      g_assert_cmpstr (run.err, ==, "");
    }

  {
    g_autofree char *dir = data_dir ("exposure-deny-rep");
    g_auto(Run) run = { 0 };

    np_test_run_netpol (&run, NULL, "connectivity", "--exposure", "-o", "csv", dir, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Egress Exposure:,,\nsrc,dst,conn\n"
                                       "shop/cart[Deployment],0.0.0.0-255.255.255.255[External],All Connections\n"
                                       "shop/cart[Deployment],[namespace with {zone=vault}]/[all pods],No Connections\n"
                                       "shop/cart[Deployment],entire-cluster,All Connections\n"));
  }
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  if (g_getenv ("NETPOL") == NULL || g_getenv ("NP_TEST_SRCDIR") == NULL)
    {
      g_printerr ("NETPOL or NP_TEST_SRCDIR is not set: run this test through meson test\n");
      return 77;
    }
  g_test_add_func ("/cli-cluster/worked-example", test_worked_example);
  g_test_add_func ("/cli-cluster/equal-priority", test_equal_priority);
  g_test_add_func ("/cli-cluster/networks", test_networks);
  g_test_add_func ("/cli-cluster/explain", test_explain);
  g_test_add_func ("/cli-cluster/diff", test_diff);
  g_test_add_func ("/cli-cluster/help", test_help);
  g_test_add_func ("/cli-cluster/exposure", test_exposure);
  return g_test_run ();
}
