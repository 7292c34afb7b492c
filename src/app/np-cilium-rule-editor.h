/* np-cilium-rule-editor.h: the dialog that adds an item to a Cilium policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_CILIUM_RULE_EDITOR (np_cilium_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (NpCiliumRuleEditor, np_cilium_rule_editor, NP, CILIUM_RULE_EDITOR, AdwWindow)

/* Adds one item for @group in @direction when the person presses Add:
 * entities, address ranges or DNS names outside the cluster; pods by
 * labels in the namespace or the cluster. */
NpCiliumRuleEditor *np_cilium_rule_editor_new (GtkWindow      *parent,
                                               NpCiliumPolicy *policy,
                                               NpDirection     direction,
                                               NpPeerGroup     group);

G_END_DECLS
