/* np-application.h: the editor's application object
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NP_TYPE_APPLICATION (np_application_get_type ())
G_DECLARE_FINAL_TYPE (NpApplication, np_application, NP, APPLICATION, AdwApplication)

NpApplication *np_application_new (void);

/* With NETPOL_EDITOR_REPORT_STARTUP set (to anything but "0"), the editor
 * prints one line to standard error when the main window has drawn its
 * first frame:
 *   netpol-editor: first frame: process MS ms, main MS ms; renderer NAME, OpenGL NAME
 * the time since the process started (from /proc/self/stat) and since
 * @main_start (g_get_monotonic_time() taken first thing in main()), the
 * type of the window's renderer and the display's GL_RENDERER ("none"
 * without OpenGL; see np-renderer.c). With
 * NETPOL_EDITOR_REPORT_STARTUP=quit it then quits, for benchmarks. */
void           np_application_set_start_time (NpApplication *self,
                                              gint64         main_start);

G_END_DECLS
