/* np-cluster-rule-editor.h: the dialog that edits one rule of a cluster-wide policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-cluster-policy.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_CLUSTER_RULE_EDITOR (np_cluster_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (NpClusterRuleEditor, np_cluster_rule_editor, NP, CLUSTER_RULE_EDITOR, AdwWindow)

/* Edits rule @index of @direction of @policy in place: its name, action,
 * peers and ports. Each change is made at once, through np-cluster-edit.h,
 * as one undo step; Done (or Escape) closes the dialog. */
NpClusterRuleEditor *np_cluster_rule_editor_new (GtkWindow          *parent,
                                                 NpClusterPolicy    *policy,
                                                 NpClusterDirection  direction,
                                                 guint               index);

G_END_DECLS
