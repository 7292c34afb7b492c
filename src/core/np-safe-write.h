/* np-safe-write.h: replace a file's contents so that a failure or a crash never leaves it half written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The steps of a safe write, in order. Tests make one of them fail by
 * setting the environment variable NP_TEST_SAVE_FAIL to its name ("create",
 * "write", "sync", "rename"): the write then stops there with an I/O error,
 * exactly as if the disk had refused. */
typedef enum {
  NP_SAFE_WRITE_STAGE_NONE,
  NP_SAFE_WRITE_STAGE_CREATE,
  NP_SAFE_WRITE_STAGE_WRITE,
  NP_SAFE_WRITE_STAGE_SYNC,
  NP_SAFE_WRITE_STAGE_RENAME,
} NpSafeWriteStage;

/* Writes @contents to a new file beside @path (same folder, so the rename is
 * atomic), gives it the original's permissions, flushes it to disk and
 * renames it over @path; a symbolic link is followed and the file it points
 * to is replaced. On failure @path is untouched and the temporary file is
 * removed. Errors are in the G_IO_ERROR domain and name the file. */
gboolean np_safe_write_file (const char  *path,
                             const char  *contents,
                             gsize        length,
                             GError     **error);

G_END_DECLS
