/* np-renderer.c: which of GTK's renderers draws the editor's windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 draws with OpenGL wherever it has some, even where Mesa draws
 * OpenGL on the CPU (llvmpipe: virtual machines, remote and virtual
 * displays, machines without a GPU driver). There its GL renderer redraws
 * the whole window for every frame (to redraw less it needs the age of
 * the buffer, which Mesa's EGL does not tell there) and compiles its
 * shaders for the first one; the cairo renderer redraws only what changed.
 * On a 2-core machine under Xvfb (build-aux/dev bench) the first frame
 * came about 100 ms sooner with cairo, and a pick in the list of a
 * 5,000-policy file or a keystroke in its YAML reached the screen in about
 * 14 ms instead of 30. Later GTK releases ask the same question
 * (gsk/gskrenderer.c looks for "llvmpipe" in GL_RENDERER) and try their
 * other renderers first there: from GTK 4.14 on (the Flatpak's runtime)
 * the choice is left to GTK.
 *
 * The choice is GTK's own per-display one (the "gsk-renderer" data of the
 * display, read before GSK_RENDERER), made only when GSK_RENDERER is not
 * set, so that a person can still choose; it is not put in the
 * environment, which programs the editor starts would inherit.
 */
#include "config.h"

#include <epoxy/gl.h>
#include <string.h>

#include "np-renderer.h"

gboolean
np_renderer_is_software_gl (const char *gl_renderer)
{
  static const char * const software[] = { "llvmpipe", "softpipe", "Software Rasterizer", "swrast" };

  if (gl_renderer == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (gl_renderer, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
np_renderer_choose (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  char *gl_renderer;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  if (gtk_check_version (4, 14, 0) == NULL)
    return g_strdup ("not asked (GTK chooses)");
  /* A few milliseconds: a context beside the one GTK made when it opened
   * the display, to read the renderer's name. */
  if (!gdk_display_prepare_gl (display, &error))
    return NULL;
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    return NULL;
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  gl_renderer = g_strdup (name);
  gdk_gl_context_clear_current ();

  if (g_getenv ("GSK_RENDERER") == NULL && np_renderer_is_software_gl (gl_renderer))
    g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
  return gl_renderer;
}
