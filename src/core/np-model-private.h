/* np-model-private.h: plumbing shared by the model classes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-node.h"

G_BEGIN_DECLS

/* Every model object may remember the mapping node it was read from. The
 * writer uses it to keep unknown fields (in their order) and the original
 * key order; the validator uses it for positions. */
void     np_model_set_source        (gpointer    object,
                                     NpNode     *source);
/* (transfer none) (nullable) */
NpNode  *np_model_get_source        (gpointer    object);

/* Every model class has a "changed" signal (no arguments, G_SIGNAL_RUN_LAST).
 * np_model_emit_changed() emits it; watch_child() forwards a child's
 * "changed" to its parent; watch_list() does that for every item of a
 * GListStore, following additions and removals, and emits the parent's
 * "changed" when items are added or removed. */
guint    np_model_new_changed_signal (GType      type);
void     np_model_emit_changed      (gpointer    object);
void     np_model_watch_child       (gpointer    parent,
                                     gpointer    child);
void     np_model_unwatch_child     (gpointer    parent,
                                     gpointer    child);
void     np_model_watch_list        (gpointer    parent,
                                     GListStore *store);

/* Helpers for string-vector properties. */
gboolean np_strv_equal0             (const char * const *a,
                                     const char * const *b);

G_END_DECLS
