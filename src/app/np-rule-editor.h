/* np-rule-editor.h: the dialog that adds or edits one rule
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_RULE_EDITOR (np_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (NpRuleEditor, np_rule_editor, NP, RULE_EDITOR, AdwWindow)

/* A modal dialog over @parent that edits a copy of @rule (NULL: a new rule
 * of @direction whose first peer is of @group) of @policy. Nothing changes in
 * the policy until the user presses the apply button ("Add rule" / "Apply");
 * then the rule's peers and ports are replaced (or the new rule appended) as
 * one change of the policy, so one undo step. A "Remove rule" button removes
 * an existing rule. Escape or "Cancel" closes without a change. */
NpRuleEditor *np_rule_editor_new (GtkWindow    *parent,
                                  NpPolicy     *policy,
                                  NpDirection   direction,
                                  NpPolicyRule *rule,
                                  NpPeerGroup   group);

G_END_DECLS
