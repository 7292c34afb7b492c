/* np-cluster-lint.h: the mistakes of cluster-wide policies the API server accepts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cluster-policy.h"

G_BEGIN_DECLS

/* Lints @policies (element-type NpClusterPolicy), read from the files
 * @files (element-type utf8, one per policy), adding to @diagnostics
 * (element-type NpDiagnostic), each at the position of the field it names:
 *
 *  "shadowed-rule"          (warning) an earlier rule of the same policy and
 *                           direction matches everything the rule matches
 *                           (np_cluster_policy_rule_shadowed_by())
 *  "pass-to-nothing"        (info) an Admin-tier Pass while the files hold no
 *                           NetworkPolicy (@has_network_policies) and no
 *                           baseline: Pass then allows
 *  "pass-in-baseline"       (info) a Baseline-tier Pass, which allows
 *  "deny-all-networks"      (warning) a Deny rule with networks 0.0.0.0/0 or
 *                           ::/0, which upstream also applies to pod
 *                           addresses, and no earlier rule for all pods
 *  "domain-names-not-allow" (warning) domainNames in a Deny or Pass rule
 *  "baseline-allow-shields-nothing" (info) a baseline Allow/Accept rule with
 *                           no Deny rule after it (in its policy or a later
 *                           baseline): the default allows anyway
 *  "named-port-ip-peer"     (warning) a ClusterNetworkPolicy egress rule with
 *                           networks, nodes or domainNames peers and a
 *                           destinationNamedPort, which never matches them */
void np_cluster_lint_run (GPtrArray *policies,
                          GPtrArray *files,
                          gboolean   has_network_policies,
                          GPtrArray *diagnostics);

G_END_DECLS
