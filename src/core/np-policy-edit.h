/* np-policy-edit.h: edits at the level a person thinks of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

/* Whether the selected pods are isolated (deny by default) in @direction,
 * i.e. np_policy_affects(). */
gboolean      np_policy_get_isolated      (NpPolicy     *policy,
                                           NpDirection   direction);
/* Makes policyTypes say so explicitly. A NetworkPolicy always isolates at
 * least one direction (an empty policyTypes means Ingress): turning off the
 * last one is refused (FALSE, nothing changes). One change. */
gboolean      np_policy_set_isolated      (NpPolicy     *policy,
                                           NpDirection   direction,
                                           gboolean      isolated);

/* TRUE when an egress rule is exactly the kube-dns rule that
 * np_policy_set_dns_allowed() adds. */
gboolean      np_rule_is_dns_rule         (NpPolicyRule *rule);
/* Adds the rule "egress to k8s-app=kube-dns in kube-system on UDP 53 and
 * TCP 53", or removes every such rule. One change. */
void          np_policy_set_dns_allowed   (NpPolicy     *policy,
                                           gboolean      allowed);
gboolean      np_policy_get_dns_allowed   (NpPolicy     *policy);

/* A new rule with one peer of @group, ready to be filled in: a pod selector
 * (NAMESPACE), a namespace selector (CLUSTER) or an ipBlock with @cidr
 * (OUTSIDE; "0.0.0.0/0" when NULL). Not added to any policy.
 * (transfer full) */
NpPolicyRule *np_policy_rule_new_for_group (NpDirection  direction,
                                            NpPeerGroup  group);

G_END_DECLS
