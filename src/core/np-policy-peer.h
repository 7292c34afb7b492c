/* np-policy-peer.h: one entry of a rule's `from` or `to`
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_POLICY_PEER (np_policy_peer_get_type ())
G_DECLARE_FINAL_TYPE (NpPolicyPeer, np_policy_peer, NP, POLICY_PEER, GObject)

/* Properties: "pod-selector", "namespace-selector" (NpLabelSelector,
 * nullable: NULL means the key is absent, an empty selector means "all"),
 * "ip-block" (NpIpBlock, nullable). Both selectors set in one peer means
 * pods matching the pod selector inside namespaces matching the namespace
 * selector (AND); separate peers are OR'd. */
NpPolicyPeer    *np_policy_peer_new                    (void);
NpPolicyPeer    *np_policy_peer_new_pods               (NpLabelSelector *pod_selector);
NpPolicyPeer    *np_policy_peer_new_namespaces         (NpLabelSelector *namespace_selector);
NpPolicyPeer    *np_policy_peer_new_ip_block           (NpIpBlock       *ip_block);

NpLabelSelector *np_policy_peer_get_pod_selector       (NpPolicyPeer    *self);
void             np_policy_peer_set_pod_selector       (NpPolicyPeer    *self,
                                                        NpLabelSelector *selector);
NpLabelSelector *np_policy_peer_get_namespace_selector (NpPolicyPeer    *self);
void             np_policy_peer_set_namespace_selector (NpPolicyPeer    *self,
                                                        NpLabelSelector *selector);
NpIpBlock       *np_policy_peer_get_ip_block           (NpPolicyPeer    *self);
void             np_policy_peer_set_ip_block           (NpPolicyPeer    *self,
                                                        NpIpBlock       *ip_block);
/* "pods app=web in namespaces team=ops", "10.0.0.0/8 except 10.1.0.0/16" ...
 * (transfer full) */
char            *np_policy_peer_to_string              (NpPolicyPeer    *self);
NpPolicyPeer    *np_policy_peer_copy                   (NpPolicyPeer    *self);

G_END_DECLS
