/* np-convert.h: Kubernetes NetworkPolicy to Cilium policy and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cluster-policy.h"
#include "np-types.h"

G_BEGIN_DECLS

/* A Cilium policy meaning exactly what @policy means (semantics §2.2,
 * §2.3): the namespace Cilium injects is taken into account, namespace
 * selectors become namespace-label selectors, peers of different kinds
 * become separate rules, ports get their protocol written out. With
 * @clusterwide a CiliumClusterwideNetworkPolicy is made, its selectors
 * pinned to the policy's namespace. What cannot be said is added to
 * @losses as NpDiagnostic warnings with code "conversion-loss" (element-
 * type NpDiagnostic, may be NULL). (transfer full) */
NpCiliumPolicy *np_convert_to_cilium     (NpPolicy       *policy,
                                          gboolean        clusterwide,
                                          GPtrArray      *losses);

/* A NetworkPolicy for what @policy says that Kubernetes can say. Every
 * construct it cannot say (deny rules, L7 rules, FQDNs, entities other
 * than world and all, node selectors, cluster scope, services, ICMP, ...)
 * is added to @losses as a "conversion-loss" warning with its field path
 * and position. A construct whose loss would widen what is allowed drops
 * its whole rule. (transfer full) */
NpPolicy       *np_convert_to_kubernetes (NpCiliumPolicy *policy,
                                          GPtrArray      *losses);

/* A copy of @policy as the other scope (CiliumNetworkPolicy ↔
 * CiliumClusterwideNetworkPolicy) meaning the same where it can (semantics
 * §2.2): to clusterwide, the namespace moves into the selectors; to
 * namespaced, peers without a namespace get "any namespace". What cannot
 * be kept is added to @losses (NpDiagnostic). (transfer full) */
NpCiliumPolicy *np_convert_cilium_scope  (NpCiliumPolicy *policy,
                                          gboolean        clusterwide,
                                          GPtrArray      *losses);

/* np-convert-cluster.c (cluster-policies.md §1.1) ----------------------- */

/* An AdminNetworkPolicy or BaselineAdminNetworkPolicy (v1alpha1) as a
 * ClusterNetworkPolicy (v1alpha2): ANP → tier Admin with its priority,
 * BANP → tier Baseline with priority 10 (upstream's example; a BANP has
 * none), Allow → Accept, ports → protocols (portNumber → destinationPort
 * number, portRange → range, or number when start = end, namedPort →
 * destinationNamedPort, protocol TCP/UDP/SCTP → tcp/udp/sctp). A rule with
 * more than 25 peers or ports becomes several rules in a row (same
 * meaning); rules beyond 25 per direction are left out. Metadata (without
 * the fields the server sets) and unknown fields are kept; status is
 * dropped. A ClusterNetworkPolicy is copied as it is.
 *
 * @losses (element-type NpDiagnostic, nullable) gets a "conversion-loss"
 * warning for each part left out and a "conversion-note" (INFO) for each
 * change of form that keeps the meaning. (transfer full) */
NpClusterPolicy *np_convert_cluster_to_v1alpha2 (NpClusterPolicy *policy,
                                                 GPtrArray       *losses);

/* A ClusterNetworkPolicy as an AdminNetworkPolicy (tier Admin) or a
 * BaselineAdminNetworkPolicy (tier Baseline): the tier picks the kind.
 * Accept → Allow; a Baseline Pass → Allow (the same there: a note);
 * protocols → ports (an empty tcp/udp/sctp, every port, → portRange
 * 1–65535); a pods selector without namespaceSelector gets {} (v1alpha1
 * requires it). Losses: a baseline not named "default" (renamed), a
 * second baseline (@n_baselines, nullable, counts the BANPs made so far
 * across calls), domainNames in a baseline (the peer is left out). An
 * ANP or BANP is copied as it is. (transfer full) */
NpClusterPolicy *np_convert_cluster_to_v1alpha1 (NpClusterPolicy *policy,
                                                 guint           *n_baselines,
                                                 GPtrArray       *losses);

G_END_DECLS
