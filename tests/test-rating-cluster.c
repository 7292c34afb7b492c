/* test-rating-cluster.c: the 0 to 5 rating of AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy and ClusterNetworkPolicy and its reasons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cluster-policy.h"
#include "np-node.h"
#include "np-rating.h"
#include "np-yaml.h"
#include "np-test-util.h"

#define ANP(spec) \
  "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n" \
  "metadata: {name: a}\nspec:\n  priority: 5\n  subject: {namespaces: {}}\n" spec
#define BANP(spec) \
  "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n" \
  "metadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n" spec
#define CNP(tier, spec) \
  "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\n" \
  "metadata: {name: c}\nspec:\n  tier: " tier "\n  priority: 5\n  subject: {namespaces: {}}\n" spec

#define DNS_V2 \
  "  - action: Accept\n" \
  "    to: [{pods: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}},\n" \
  "                 podSelector: {matchLabels: {k8s-app: kube-dns}}}}]\n" \
  "    protocols: [{udp: {destinationPort: {number: 53}}}, {tcp: {destinationPort: {number: 53}}}]\n"
#define DNS_V1 \
  "  - action: Allow\n" \
  "    to: [{pods: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}},\n" \
  "                 podSelector: {matchLabels: {k8s-app: kube-dns}}}}]\n" \
  "    ports: [{portNumber: {protocol: UDP, port: 53}}, {portNumber: {protocol: TCP, port: 53}}]\n"

static const struct {
  const char *name;
  const char *yaml;
  guint       score;
  guint       points;
  guint       max_points;
  const char *failed;
} rows[] = {
  /* Restricting only: full marks. */
  { "deny-only admin",
    ANP ("  egress:\n  - {action: Deny, to: [{networks: [169.254.169.254/32]}]}\n"),
    5, 3, 3, "" },
  /* Pass hands over: it opens nothing. */
  { "pass-only admin",
    CNP ("Admin", "  ingress:\n  - {action: Pass, from: [{namespaces: {matchLabels: {tenant: a}}}]}\n"),
    5, 3, 3, "" },
  /* An admin allow of everything overrides every NetworkPolicy. */
  { "admin allows all",
    CNP ("Admin", "  ingress:\n  - {action: Accept, from: [{namespaces: {}}]}\n"),
    0, 0, 4, "no-allow-all-ingress,no-any-namespace-without-ports,ports-listed" },
  { "admin denies all egress, DNS blocked",
    ANP ("  egress:\n  - {action: Deny, to: [{networks: [0.0.0.0/0, \"::/0\"]}]}\n"),
    3, 3, 5, "dns-limited" },
  /* The baseline deny-all with DNS let through: everything met. */
  { "baseline deny-all with DNS",
    CNP ("Baseline", "  ingress:\n  - {action: Deny, from: [{namespaces: {}}]}\n"
         "  egress:\n" DNS_V2 "  - {action: Deny, to: [{networks: [0.0.0.0/0, \"::/0\"]}]}\n"),
    5, 12, 12, "" },
  { "banp deny-all with DNS",
    BANP ("  ingress:\n  - {action: Deny, from: [{namespaces: {}}]}\n"
          "  egress:\n" DNS_V1 "  - {action: Deny, to: [{namespaces: {}}]}\n"),
    5, 12, 12, "" },
  /* A baseline without egress rules leaves egress open. */
  { "baseline ingress only",
    BANP ("  ingress:\n  - {action: Deny, from: [{namespaces: {}}]}\n"),
    4, 5, 7, "default-deny-egress" },
  /* Port 53 to every address: lookups may bypass kube-dns. */
  { "baseline DNS anywhere",
    CNP ("Baseline", "  egress:\n  - action: Accept\n    to: [{networks: [0.0.0.0/0]}]\n"
         "    protocols: [{udp: {destinationPort: {number: 53}}}]\n"
         "  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}\n"),
    3, 6, 10, "default-deny-ingress,dns-limited" },
  /* A deny after an allow-all denies nothing: no default deny. */
  { "baseline allow all first",
    CNP ("Baseline", "  ingress:\n  - {action: Pass, from: [{namespaces: {}}]}\n"
         "  - {action: Deny, from: [{namespaces: {}}]}\n"),
    0, 0, 8, "default-deny-ingress,default-deny-egress,no-allow-all-ingress,no-any-namespace-without-ports,ports-listed" },
};

static void
test_rows (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(NpNode) root = np_yaml_parse_one (rows[i].yaml, strlen (rows[i].yaml), NULL);
      g_autoptr(NpClusterPolicy) policy = NULL;
      g_autoptr(NpRating) rating = NULL;
      g_autofree char *failed = NULL;

      g_assert_nonnull (root);
      policy = np_cluster_policy_new_from_node (root);
      g_assert_nonnull (policy);
      rating = np_rating_new (policy);
      failed = np_rating_dup_failed_codes (rating);
      if (np_rating_get_score (rating) != rows[i].score || np_rating_get_points (rating) != rows[i].points ||
          np_rating_get_max_points (rating) != rows[i].max_points || !g_str_equal (failed, rows[i].failed))
        np_test_case_failed (rows[i].name, NULL, "%u/5 (%u of %u), failed “%s”; expected %u/5 (%u of %u), “%s”",
                             np_rating_get_score (rating), np_rating_get_points (rating),
                             np_rating_get_max_points (rating), failed, rows[i].score, rows[i].points,
                             rows[i].max_points, rows[i].failed);
      /* Every reason has a sentence; none asks for a namespace. */
      for (guint r = 0; r < np_rating_get_n_reasons (rating); r++)
        {
          g_assert_nonnull (np_rating_get_reason_text (rating, r));
          g_assert_cmpstr (np_rating_get_reason_code (rating, r), !=, "namespace-set");
        }
    }
}

/* The baseline's own words for an open direction. */
static void
test_baseline_reason (void)
{
  static const char yaml[] = BANP ("  ingress:\n  - {action: Deny, from: [{namespaces: {}}]}\n");
  g_autoptr(NpNode) root = np_yaml_parse_one (yaml, strlen (yaml), NULL);
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new_from_node (root);
  g_autoptr(NpRating) rating = np_rating_new (policy);
  gboolean seen = FALSE;

  for (guint r = 0; r < np_rating_get_n_reasons (rating); r++)
    if (g_str_equal (np_rating_get_reason_code (rating, r), "default-deny-egress"))
      {
        g_assert_false (np_rating_get_reason_met (rating, r));
        g_assert_nonnull (strstr (np_rating_get_reason_text (rating, r), "baseline"));
        seen = TRUE;
      }
  g_assert_true (seen);
}

int
main (int argc, char *argv[])
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/rating-cluster/rows", test_rows);
  g_test_add_func ("/rating-cluster/baseline-reason", test_baseline_reason);
  return g_test_run ();
}
