/* np-lint.h: the classic mistakes of network policies, with positions and fixes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-evaluator.h"
#include "np-inventory.h"

G_BEGIN_DECLS

/* Checks the policies of @inventory for mistakes the API server accepts:
 * rules ignored by policyTypes ("ignored-egress-rules",
 * "ignored-ingress-rules"), egress isolation without DNS ("dns-blocked"), a
 * policy or a peer that matches no workload ("selects-nothing",
 * "peer-matches-nothing"; only when the inventory has workloads), the same
 * name twice in a namespace ("duplicate-name"), no namespace
 * ("no-namespace"), separate namespaceSelector and podSelector entries in
 * one rule ("and-or-mixup"), Cilium toFQDNs without a DNS rule
 * ("fqdn-without-dns"), and notices for rules that allow or deny everything
 * ("allow-all", "deny-all", severity info). The AdminNetworkPolicies,
 * BaselineAdminNetworkPolicies and ClusterNetworkPolicies of the files read
 * get the checks of np_cluster_lint_run() (np-cluster-lint.h).
 *
 * @evaluator (nullable) is used for the DNS check when the inventory has
 * workloads; without it one is made. Each diagnostic carries its file, the
 * position of the field it names and a suggested fix; the list is sorted
 * with np_diagnostic_compare(). (transfer full) (element-type NpDiagnostic) */
GPtrArray  *np_lint_run (NpInventory *inventory,
                         NpEvaluator *evaluator);

G_END_DECLS
