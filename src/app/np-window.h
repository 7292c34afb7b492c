/* np-window.h: the main window: a policy's form and its YAML
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_WINDOW (np_window_get_type ())
G_DECLARE_FINAL_TYPE (NpWindow, np_window, NP, WINDOW, AdwApplicationWindow)

NpWindow *np_window_new        (AdwApplication *application);
/* (transfer none) */
NpPolicy *np_window_get_policy (NpWindow       *self);
/* Opens @file after asking about unsaved changes. */
void      np_window_open       (NpWindow       *self,
                                GFile          *file);
/* Opens @file at once, dropping unsaved changes. */
gboolean  np_window_open_file  (NpWindow       *self,
                                GFile          *file,
                                GError        **error);
/* Shows @manifest, already read from @file, dropping unsaved changes. */
void      np_window_show_manifest (NpWindow    *self,
                                   NpManifest  *manifest,
                                   GFile       *file);

/* Offers to restore unsaved changes left by an editor that crashed or was
 * killed (see NpRecovery), if there are any. */
/* Reads the first of @files that reads in a worker, and shows it; the
 * window stays usable meanwhile (see np-window-read.c). */
void      np_window_read_files (NpWindow       *self,
                                GFile         **files,
                                guint           n_files,
                                gboolean        report);
void      np_window_show_reading_now (NpWindow *self);
gboolean  np_window_get_reading (NpWindow      *self);

void      np_window_offer_recovery (NpWindow     *self);

/* np-window-bench.c: times selecting policies and typing into the YAML
 * preview, each to its next frame, prints them to stderr, then calls
 * @done (@done_data). For `build-aux/dev bench` only. */
void        np_window_bench_frames           (NpWindow             *self,
                                              GSourceFunc           done,
                                              gpointer              done_data);

G_END_DECLS
