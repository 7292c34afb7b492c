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
 * np_policy_set_dns_allowed() adds: one peer k8s-app=kube-dns in
 * kube-system (np_peer_is_kube_dns()), ports UDP 53 and TCP 53 and no
 * other. Any other rule to kube-dns (one protocol, more ports or peers) is
 * a rule of its own: the DNS switch neither shows it nor removes it. */
gboolean      np_rule_is_dns_rule         (NpPolicyRule *rule);
/* Adds the rule "egress to k8s-app=kube-dns in kube-system on UDP 53 and
 * TCP 53", or removes every such rule (np_policy_remove_dns_rules()). One
 * change. */
void          np_policy_set_dns_allowed   (NpPolicy     *policy,
                                           gboolean      allowed);
/* Whether a rule np_rule_is_dns_rule() accepts is there: the DNS switch's
 * state. What the policy lets through to kube-dns is
 * np_policy_describe_dns()'s to say. */
gboolean      np_policy_get_dns_allowed   (NpPolicy     *policy);
/* Removes every rule np_rule_is_dns_rule() accepts, as one change (one
 * undo step), and returns a sentence for a toast that names them ("Removed
 * egress rule 3: …"), or NULL when there was none. (transfer full) */
char         *np_policy_remove_dns_rules  (NpPolicy     *policy);

/* A new rule with one peer of @group, ready to be filled in: a pod selector
 * (NAMESPACE), a namespace selector (CLUSTER) or an ipBlock with @cidr
 * (OUTSIDE; "0.0.0.0/0" when NULL). Not added to any policy.
 * (transfer full) */
NpPolicyRule *np_policy_rule_new_for_group (NpDirection  direction,
                                            NpPeerGroup  group);

G_END_DECLS
