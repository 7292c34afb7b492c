/* np-recovery.h: unsaved changes kept on disk so that a crash does not lose them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "np-document.h"
#include "np-manifest.h"

G_BEGIN_DECLS

#define NP_TYPE_RECOVERY (np_recovery_get_type ())
G_DECLARE_FINAL_TYPE (NpRecovery, np_recovery, NP, RECOVERY, GObject)

/* How long after an edit the recovery file is written. */
#define NP_RECOVERY_DELAY_MS 2000

/* One recovery file: the text of a manifest with unsaved changes, the file
 * it belongs to (none for a new document) and when it was written. Each
 * file is JSON, written with np_safe_write_file(), in a folder of its own:
 * by default $XDG_STATE_HOME/netpol-editor/recovery.
 *
 * Properties: "directory" (string, construct-only), "file" (GFile, the
 * document's own file, nullable), "text" (GBytes, nullable), "saved-at"
 * (GDateTime, nullable), "path" (string: the recovery file). */

/* (transfer full) the default folder */
char        *np_recovery_default_directory (void);

/* A new, empty recovery in @directory (NULL: the default); nothing is
 * written until np_recovery_store() or a scheduled write. */
NpRecovery  *np_recovery_new           (const char   *directory);

/* Every recovery file in @directory (NULL: the default) left behind by an
 * editor that is no longer running, oldest first. Files that cannot be read
 * are skipped. (transfer full) (element-type NpRecovery) */
GPtrArray   *np_recovery_list          (const char   *directory);
/* np_recovery_list() in a worker thread: each file is read whole (a
 * recovered large file is megabytes of JSON), which a window about to
 * show must not wait for. */
void         np_recovery_list_async    (const char          *directory,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* (transfer full) (element-type NpRecovery), or NULL with @error set when
 * cancelled. */
GPtrArray   *np_recovery_list_finish   (GAsyncResult        *result,
                                        GError             **error);

GFile       *np_recovery_get_file      (NpRecovery   *self);
void         np_recovery_set_file      (NpRecovery   *self,
                                        GFile        *file);
GBytes      *np_recovery_get_text      (NpRecovery   *self);
/* (nullable) text typed for the document at @document_index of the text,
 * kept as it was typed (it may not parse), or NULL. */
const char  *np_recovery_get_typed_text (NpRecovery  *self,
                                         guint       *document_index);
GDateTime   *np_recovery_get_saved_at  (NpRecovery   *self);
const char  *np_recovery_get_path      (NpRecovery   *self);

/* Writes @text now, replacing what this recovery held. */
gboolean     np_recovery_store         (NpRecovery   *self,
                                        GBytes       *text,
                                        GError      **error);
/* Writes @manifest's text NP_RECOVERY_DELAY_MS after the last call (a
 * burst of edits makes one write), or removes the recovery file if by then
 * @manifest has no unsaved changes (np_manifest_get_modified()) and
 * @force_modified is FALSE. The text is taken then; the file is written
 * in a worker, and "text" and "saved-at" change once it is. */
void         np_recovery_schedule      (NpRecovery   *self,
                                        NpManifest   *manifest,
                                        gboolean      force_modified);
/* The same for text typed for @document that the policy does not hold yet
 * (it may not parse): the recovery keeps @manifest's text and, beside it,
 * @text and the position of @document (np_recovery_get_typed_text()). */
void         np_recovery_schedule_typed (NpRecovery  *self,
                                         NpManifest  *manifest,
                                         NpDocument  *document,
                                         const char  *text);
/* Writes a scheduled change now, if any, in the calling thread. */
void         np_recovery_flush         (NpRecovery   *self);
/* Removes the recovery file and forgets a scheduled write (after saving,
 * discarding or closing without changes); a write already in a worker is
 * waited for, or skipped if it has not begun. */
void         np_recovery_discard       (NpRecovery   *self);

G_END_DECLS
