/* np-renderer.h: which of GTK's renderers draws the editor's windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @gl_renderer, an OpenGL GL_RENDERER string, names one of Mesa's
 * rasterizers that draw on the CPU (llvmpipe, softpipe, swrast). */
gboolean  np_renderer_is_software_gl (const char *gl_renderer);

/* Called at startup, before the first window is realized. When OpenGL on
 * @display is drawn by the CPU and GSK_RENDERER does not choose, the
 * windows of @display are drawn with GTK's cairo renderer (see
 * np-renderer.c). Returns the GL_RENDERER string of @display's OpenGL,
 * NULL when it has none, or "not asked (GTK chooses)" from GTK 4.14 on,
 * which makes this choice itself. (transfer full) (nullable) */
char     *np_renderer_choose         (GdkDisplay *display);

G_END_DECLS
