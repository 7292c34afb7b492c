/* np-evaluator-cluster-private.h: what the cluster tiers' two files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cluster-policy.h"
#include "np-evaluator-private.h"

G_BEGIN_DECLS

/* netpol-analyzer's prefix for messages about a policy of @kind (and its
 * rule @rule, nullable): `admin network policy "NAME": in rule "RULE": `,
 * `default baseline admin network policy:  in rule "RULE": ` (two spaces,
 * sic). (transfer full) */
char *np_eval_cluster_wrapper (NpClusterPolicyKind  kind,
                               const char          *name,
                               const char          *rule);

/* The first fatal error netpol-analyzer reports about the
 * AdminNetworkPolicies and BaselineAdminNetworkPolicies of @inventory, in
 * its words (cluster-policies.md §4), or NULL. (transfer full) */
char *np_eval_cluster_check   (NpInventory         *inventory);

G_END_DECLS
