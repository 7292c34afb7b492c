/* np-policy-rule.h: one ingress or egress rule (peers AND ports)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_DIRECTION (np_direction_get_type ())
GType np_direction_get_type (void) G_GNUC_CONST;

#define NP_TYPE_POLICY_RULE (np_policy_rule_get_type ())
G_DECLARE_FINAL_TYPE (NpPolicyRule, np_policy_rule, NP, POLICY_RULE, GObject)

/* Property "direction" (NpDirection, construct-only). The peers are `from`
 * for ingress and `to` for egress; an empty list matches every peer, an empty
 * ports list every port. */
NpPolicyRule *np_policy_rule_new           (NpDirection   direction);
NpDirection   np_policy_rule_get_direction (NpPolicyRule *self);
/* (transfer none) (element-type NpPolicyPeer): a GListStore */
GListModel   *np_policy_rule_get_peers     (NpPolicyRule *self);
/* (transfer none) (element-type NpPolicyPort): a GListStore */
GListModel   *np_policy_rule_get_ports     (NpPolicyRule *self);
void          np_policy_rule_add_peer      (NpPolicyRule *self,
                                            NpPolicyPeer *peer);
void          np_policy_rule_add_port      (NpPolicyRule *self,
                                            NpPolicyPort *port);
NpPolicyRule *np_policy_rule_copy          (NpPolicyRule *self);

G_END_DECLS
