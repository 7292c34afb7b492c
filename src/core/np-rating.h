/* np-rating.h: a 0 to 5 score for how tightly a policy limits traffic, with its reasons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

/* The criteria, each worth some points (in parentheses). A criterion that
 * does not apply to a policy is left out of both the points earned and the
 * points possible (and of the reasons).
 *
 *  "default-deny-ingress"   (2) the selected pods are isolated for ingress
 *  "default-deny-egress"    (2) ... and for egress
 *  "no-allow-all-ingress"   (2) no ingress rule admits every source on every
 *                               port (a direction not denied by default
 *                               fails this: it admits everything)
 *  "no-allow-all-egress"    (2) the same for egress (every destination, or
 *                               the whole internet, 0.0.0.0/0 or ::/0)
 *  "dns-limited"            (2) every egress rule for port 53 goes to
 *                               kube-dns only, and some rule lets lookups
 *                               reach kube-dns (a policy that blocks DNS
 *                               does not meet it); applies when egress is
 *                               denied by default
 *  "no-any-namespace-without-ports" (1) no peer "every namespace" (an empty
 *                               namespaceSelector; Cilium: entity cluster or
 *                               all) in a rule without ports
 *  "ports-listed"           (1) every rule lists its ports; applies when
 *                               the policy has rules in effect
 *  "namespace-set"          (1) metadata.namespace is written; not for
 *                               clusterwide Cilium policies
 *
 * Score = round(5 × earned / possible), halves rounded up, computed in
 * integers: (10 × earned + possible) / (2 × possible).
 *
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy
 * isolate nothing by themselves: they are rated on what they open.
 * "default-deny-*" applies to the Baseline tier only (met by a rule,
 * before any that allows everything, that denies every pod or every
 * address on every port); "no-allow-all-*" to each direction with rules
 * (an Admin-tier allow overrides every NetworkPolicy); "dns-limited" when
 * a rule denies all egress (lookups must be let through before it);
 * "no-any-namespace-without-ports" and "ports-listed" look at the rules
 * that allow (Allow/Accept, and Pass in the Baseline tier, where it
 * allows); "namespace-set" does not apply. Deny and Admin-tier Pass rules
 * cost nothing: a Deny-only admin policy scores 5, Pass hands the decision
 * to the NetworkPolicies. */

#define NP_TYPE_RATING (np_rating_get_type ())
G_DECLARE_FINAL_TYPE (NpRating, np_rating, NP, RATING, GObject)

/* Rates @policy, an NpPolicy, an NpCiliumPolicy or an NpClusterPolicy, as it is now (a rating
 * does not follow later changes). Properties "score", "points",
 * "max-points" (uint, read-only). (transfer full) */
NpRating   *np_rating_new                (gpointer  policy);

guint       np_rating_get_score          (NpRating *self);   /* 0..5 */
guint       np_rating_get_points         (NpRating *self);
guint       np_rating_get_max_points     (NpRating *self);

/* The applicable criteria in the order listed above. */
guint       np_rating_get_n_reasons      (NpRating *self);
/* The criterion's code, e.g. "default-deny-egress". */
const char *np_rating_get_reason_code    (NpRating *self,
                                          guint     index);
gboolean    np_rating_get_reason_met     (NpRating *self,
                                          guint     index);
/* Points earned (0 when not met) and possible. */
guint       np_rating_get_reason_points  (NpRating *self,
                                          guint     index);
guint       np_rating_get_reason_max_points (NpRating *self,
                                          guint     index);
/* A translated sentence saying what was found, e.g. "Egress is denied by
 * default." or "Egress is allowed to everything unless a rule says
 * otherwise." */
const char *np_rating_get_reason_text    (NpRating *self,
                                          guint     index);
/* Codes of the unmet criteria, comma-separated ("" when all are met), for
 * tests and scripts. (transfer full) */
char       *np_rating_dup_failed_codes   (NpRating *self);

G_END_DECLS
