/* np-cilium-edit.h: user-level edits of a Cilium policy, one change each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cilium-rule-entry.h"
#include "np-describe.h"
#include "np-policy-port.h"
#include "np-types.h"

G_BEGIN_DECLS

/* Every edit below is what one gesture in the editor does to the rule (or
 * item) given, and emits "changed" exactly once, so NpHistory records it
 * as one undo step. A caller that has no rule yet gets one with
 * np_cilium_edit_ensure_rule(); to keep making the rule and the edit one
 * undo step, it wraps both in np_cilium_policy_begin_change() /
 * np_cilium_policy_end_change().
 *
 * @ports (element-type NpCiliumPort, nullable) are written as one toPorts
 * entry (NULL or empty: no toPorts); np_policy_port_parse_cilium() reads them
 * from what the user types. */

/* (transfer none) the rule the editor works on; created when missing */
NpCiliumRule      *np_cilium_edit_ensure_rule      (NpCiliumPolicy   *policy);
/* (transfer none) (nullable) the first rule, NULL when there is none */
NpCiliumRule      *np_cilium_edit_get_rule         (NpCiliumPolicy   *policy);

/* Adds a rule selecting every pod (endpointSelector {}): `spec` when the
 * policy has no rule, else at the end of `specs`. (transfer none) */
NpCiliumRule      *np_cilium_edit_add_rule         (NpCiliumPolicy   *policy);
/* Replaces the rule's endpointSelector (or nodeSelector, for a host
 * policy) with @selector. */
void               np_cilium_edit_rule_set_subject (NpCiliumRule     *rule,
                                                    NpLabelSelector  *selector);

/* The item in the "Outside cluster", "In namespace" or "In cluster" group,
 * or "Kubernetes DNS" (see np_cilium_entry_is_kube_dns()). */
NpPeerGroup        np_cilium_entry_get_group       (NpCiliumPolicy    *policy,
                                                    NpCiliumRuleEntry *entry);
gboolean           np_cilium_entry_is_kube_dns     (NpCiliumRuleEntry *entry);
/* Whether @selector says which namespace its pods are in (a label or an
 * expression on io.kubernetes.pod.namespace, any source). */
gboolean           np_cilium_selector_names_namespace (NpLabelSelector *selector);
/* An empty item (`ingress: [{}]`): it matches nothing and only switches
 * default deny on (semantics §2.3). */
gboolean           np_cilium_entry_is_placeholder  (NpCiliumRuleEntry *entry);
/* What the item does to the traffic it matches, for its edge on the
 * canvas: NP_RULE_EFFECT_DENIED for an item of ingressDeny/egressDeny (a deny
 * wins over every allow, semantics §2.3), NP_RULE_EFFECT_IGNORED for an empty
 * item (it matches nothing), NP_RULE_EFFECT_ALLOWED otherwise. */
NpRuleEffect       np_cilium_entry_get_verdict     (NpCiliumRuleEntry *entry);
/* The ports of the item's first toPorts entry, for the editor's field
 * (empty when it has none). (transfer full) */
char              *np_cilium_entry_format_ports    (NpCiliumRuleEntry *entry);

/* What np_cilium_edit_rule_add_endpoints() wrote, read back for the editor:
 * the item's first pod selector without its namespace term, and in
 * @namespace_ NULL (the policy's own namespace), "*" (any namespace) or
 * the namespace. NULL when the item names no pods. (transfer full) */
NpLabelSelector   *np_cilium_entry_get_pod_selector (NpCiliumRuleEntry *entry,
                                                     char             **namespace_);

/* (transfer none) the new item in @rule.
 * fromCIDR/toCIDR without @except, fromCIDRSet/toCIDRSet with it;
 * FQDNs: egress only, exactly one of @match_name and @match_pattern;
 * pods: @namespace_ NULL means the policy's own namespace; "*" any
 * namespace; otherwise that namespace (k8s:io.kubernetes.pod.namespace) */
NpCiliumRuleEntry *np_cilium_edit_rule_add_entity    (NpCiliumRule       *rule,
                                                      NpCiliumSection     section,
                                                      const char         *entity,
                                                      GPtrArray          *ports);
NpCiliumRuleEntry *np_cilium_edit_rule_add_cidr      (NpCiliumRule       *rule,
                                                      NpCiliumSection     section,
                                                      const char         *cidr,
                                                      const char * const *except,
                                                      GPtrArray          *ports);
NpCiliumRuleEntry *np_cilium_edit_rule_add_fqdn      (NpCiliumRule       *rule,
                                                      const char         *match_name,
                                                      const char         *match_pattern,
                                                      GPtrArray          *ports);
NpCiliumRuleEntry *np_cilium_edit_rule_add_endpoints (NpCiliumRule       *rule,
                                                      NpCiliumSection     section,
                                                      NpLabelSelector    *selector,
                                                      const char         *namespace_,
                                                      GPtrArray          *ports);

/* Editing an item in place, as one change: its peers become the ones given
 * (in @section, which may be the deny or the allow list of the same
 * direction: the item then moves there); the ports of its first toPorts
 * entry become @ports (NULL or empty: they go, and the entry with them
 * when nothing else is in it); its L7 rules, other toPorts entries and
 * fields the editor does not show stay. Returns the item, which is a new
 * one when it moved. (transfer none) */
NpCiliumRuleEntry *np_cilium_edit_replace_entity    (NpCiliumRuleEntry  *entry,
                                                     NpCiliumSection     section,
                                                     const char         *entity,
                                                     GPtrArray          *ports);
NpCiliumRuleEntry *np_cilium_edit_replace_cidr      (NpCiliumRuleEntry  *entry,
                                                     NpCiliumSection     section,
                                                     const char         *cidr,
                                                     const char * const *except,
                                                     GPtrArray          *ports);
/* egress only */
NpCiliumRuleEntry *np_cilium_edit_replace_fqdn      (NpCiliumRuleEntry  *entry,
                                                     const char         *match_name,
                                                     const char         *match_pattern,
                                                     GPtrArray          *ports);
NpCiliumRuleEntry *np_cilium_edit_replace_endpoints (NpCiliumRuleEntry  *entry,
                                                     NpCiliumSection     section,
                                                     NpLabelSelector    *selector,
                                                     const char         *namespace_,
                                                     GPtrArray          *ports);

void               np_cilium_edit_add_port         (NpCiliumRuleEntry *entry,
                                                    const char        *port,
                                                    const char        *protocol);
void               np_cilium_edit_remove_port      (NpCiliumRuleEntry *entry,
                                                    guint              index);
void               np_cilium_edit_remove_entry     (NpCiliumRuleEntry *entry);

/* Kubernetes DNS: egress to kube-dns on 53/UDP and 53/TCP; with @proxy the
 * DNS proxy sees every query (rules.dns matchPattern "*"), which toFQDNs
 * needs. Turning it off removes every such item. */
void               np_cilium_edit_rule_set_dns     (NpCiliumRule     *rule,
                                                    gboolean          allowed,
                                                    gboolean          proxy);
/* @rule may be NULL (no rule: no DNS) */
gboolean           np_cilium_edit_rule_get_dns     (NpCiliumRule     *rule,
                                                    gboolean         *proxy);
/* Default deny (semantics §2.3): on when the rule has the direction and
 * does not set enableDefaultDeny.<dir>: false. Turning it on without any
 * section of that direction adds an empty item (`ingress: [{}]`), which
 * matches nothing and only switches default deny on. */
/* @rule may be NULL (no rule: no default deny) */
gboolean           np_cilium_edit_rule_get_default_deny (NpCiliumRule *rule,
                                                         NpDirection   direction);
void               np_cilium_edit_rule_set_default_deny (NpCiliumRule *rule,
                                                         NpDirection   direction,
                                                         gboolean      deny);

/* What the canvas says about a group of peers in @direction, for @rule
 * (NULL: no rule, all allowed): NP_RULE_EFFECT_ALLOWED when the direction is not in default deny
 * (only deny items block), NP_RULE_EFFECT_PARTIAL when it is and the group has
 * allow items (those get through, nothing else), NP_RULE_EFFECT_DENIED when
 * nothing of the group gets through. */
NpRuleEffect       np_cilium_edit_rule_get_group_verdict (NpCiliumRule *rule,
                                                          NpDirection   direction,
                                                          NpPeerGroup   group);

/* Checks of what the user types; on failure returns FALSE and sets
 * @message to a translated reason. */
gboolean           np_cilium_check_fqdn            (const char       *text,
                                                    gboolean          pattern,
                                                    char            **message);
gboolean           np_cilium_check_entity          (const char       *entity,
                                                    char            **message);
/* (transfer none) the entity names, NULL-terminated */
const char * const *np_cilium_list_entities        (void);

G_END_DECLS
