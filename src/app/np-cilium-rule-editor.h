/* np-cilium-rule-editor.h: the dialog that adds an item to a Cilium policy, or edits one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_CILIUM_RULE_EDITOR (np_cilium_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (NpCiliumRuleEditor, np_cilium_rule_editor, NP, CILIUM_RULE_EDITOR, AdwWindow)

/* Adds one item for @group in @direction to @rule (NULL: the policy's
 * first rule, made when missing) when the person presses Add: entities,
 * address ranges or DNS names outside the cluster; pods by labels in the
 * namespace or the cluster. */
NpCiliumRuleEditor *np_cilium_rule_editor_new           (GtkWindow         *parent,
                                                         NpCiliumPolicy    *policy,
                                                         NpCiliumRule      *rule,
                                                         NpDirection        direction,
                                                         NpPeerGroup        group);
/* The same filled with @entry; Save replaces it, as one undo step. */
NpCiliumRuleEditor *np_cilium_rule_editor_new_for_entry (GtkWindow         *parent,
                                                         NpCiliumRuleEntry *entry);

G_END_DECLS
