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

/* Models created between these, on the calling thread, do not forward
 * their children's "changed" (no signal wiring): for short-lived models
 * that nobody watches, such as the ones `netpol validate` checks and drops.
 * Nests. */
void     np_model_begin_unwatched   (void);
void     np_model_end_unwatched     (void);

/* Replaces the items of @dest by copies of @source's, made by @copy_func
 * (transfer full), in one splice. */
typedef gpointer (*NpModelCopyFunc) (gpointer item);
void     np_model_copy_list         (GListStore      *dest,
                                     GListModel      *source,
                                     NpModelCopyFunc  copy_func);

/* Between begin_batch() and the matching end_batch(), np_model_emit_changed()
 * on @object only remembers that something changed; the outermost
 * end_batch() then emits "changed" once if it did. Nests. */
void     np_model_begin_batch       (gpointer    object);
void     np_model_end_batch         (gpointer    object);

/* Field paths: "@path.@key" and "@path[@index]", as g_strdup_printf()
 * would spell them, without its cost (checking builds many). */
char    *np_path_join               (const char  *path,
                                     const char  *key);
char    *np_path_index              (const char  *path,
                                     guint        index);
/* "@path.@key[@index]" */
char    *np_path_join_index         (const char  *path,
                                     const char  *key,
                                     guint        index);

/* Helpers for string-vector properties. */
gboolean np_strv_equal0             (const char * const *a,
                                     const char * const *b);
/* Replace *@str (*@strv) by a copy of @new_str (@new_strv) and return TRUE,
 * or return FALSE when they are equal. (g_set_str() is GLib 2.76.) */
gboolean np_set_str                 (char              **str,
                                     const char         *new_str);
gboolean np_set_strv                (char             ***strv,
                                     const char * const *new_strv);

G_END_DECLS
