/* np-convert.h: Kubernetes NetworkPolicy to Cilium policy and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_END_DECLS
