/* np-file-watch.h: notices when the open file changes or disappears underneath the editor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NP_TYPE_FILE_WATCH (np_file_watch_get_type ())
G_DECLARE_FINAL_TYPE (NpFileWatch, np_file_watch, NP, FILE_WATCH, GObject)

/* Watches @file. Its contents as last loaded or saved by the editor are the
 * reference (np_file_watch_set_contents()): a change on disk that leaves
 * the same bytes, such as the editor's own save, is not reported.
 *
 * Signals:
 *   "changed-on-disk" (GBytes *contents): the file now holds other bytes;
 *     they become the new reference.
 *   "deleted-on-disk": the file is gone (reported once until it comes back).
 *
 * Property "file" (GFile, construct-only). */
NpFileWatch *np_file_watch_new          (GFile       *file);
GFile       *np_file_watch_get_file     (NpFileWatch *self);
void         np_file_watch_set_contents (NpFileWatch *self,
                                         GBytes      *contents);
/* Looks at the file now instead of waiting for the monitor; emits the
 * signals as needed. */
void         np_file_watch_check        (NpFileWatch *self);

G_END_DECLS
