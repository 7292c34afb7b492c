/* np-history.h: one undo and redo stack for every edit of the open policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_HISTORY (np_history_get_type ())
G_DECLARE_FINAL_TYPE (NpHistory, np_history, NP, HISTORY, GObject)

/* Records every "changed" of the policies it watches, from whatever source
 * (the canvas, the rule editor, the YAML text), as a step that can be undone
 * and redone. Steps are snapshots of the policy's data, so undo restores
 * exactly what was there, unknown fields included. Typing into one text
 * field makes one step, not one per key: consecutive changes of the same
 * single value within a second are merged.
 *
 * Properties "can-undo" and "can-redo" (boolean, read-only). */
NpHistory *np_history_new            (void);

void       np_history_watch_policy   (NpHistory *self,
                                      NpPolicy  *policy);
void       np_history_unwatch_policy (NpHistory *self,
                                      NpPolicy  *policy);
gboolean   np_history_get_can_undo   (NpHistory *self);
gboolean   np_history_get_can_redo   (NpHistory *self);
/* The same for a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy. */
void       np_history_watch_cilium_policy   (NpHistory      *self,
                                             NpCiliumPolicy *policy);
void       np_history_unwatch_cilium_policy (NpHistory      *self,
                                             NpCiliumPolicy *policy);
/* The same for an AdminNetworkPolicy, BaselineAdminNetworkPolicy or
 * ClusterNetworkPolicy (unwatch with np_history_unwatch_policy()). */
void       np_history_watch_cluster_policy  (NpHistory       *self,
                                             NpClusterPolicy *policy);
/* Undoing a replace step calls @func (@new_policy, @old_policy,
 * @user_data) to put the old object back in place; redoing it calls it
 * the other way round. */
typedef void (*NpHistoryReplaceFunc) (gpointer out_policy,
                                      gpointer in_policy,
                                      gpointer user_data);
/* Records that @new_policy took the place of @old_policy (a change of
 * kind) as one step. */
void       np_history_record_replace (NpHistory            *self,
                                      gpointer              old_policy,
                                      gpointer              new_policy,
                                      NpHistoryReplaceFunc  func,
                                      gpointer              user_data);
/* Return the policy that changed (an NpPolicy or an NpCiliumPolicy; after
 * a replace step, the one now in place), or NULL when there was nothing
 * to do. (transfer none) (nullable) */
gpointer   np_history_undo           (NpHistory *self);
gpointer   np_history_redo           (NpHistory *self);
/* Forgets every step (after opening a file, say). */
void       np_history_clear          (NpHistory *self);
/* Ends merging: the next change starts a new step even if it edits the
 * same value (a field lost focus, say). */
void       np_history_seal           (NpHistory *self);

G_END_DECLS
