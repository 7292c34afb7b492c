/* np-export.c: pictures of a widget as PNG or SVG files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "np-canvas.h"
#include "np-cilium-canvas.h"
#include "np-export.h"

void
np_export_hide_controls (GtkWidget *widget,
                         GPtrArray *hidden)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (hidden != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      /* An empty entry is a place to type (the pod selector's "Add a
       * label"), not part of the policy. */
      if (gtk_widget_has_css_class (child, NP_EDIT_CONTROL_CLASS) ||
          (GTK_IS_EDITABLE (child) && *gtk_editable_get_text (GTK_EDITABLE (child)) == '\0'))
        {
          gtk_widget_set_visible (child, FALSE);
          g_ptr_array_add (hidden, g_object_ref (child));
        }
      else
        np_export_hide_controls (child, hidden);
    }
}

void
np_export_show_controls (GPtrArray *hidden)
{
  g_return_if_fail (hidden != NULL);

  for (guint i = 0; i < hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (hidden, i), TRUE);
  g_ptr_array_set_free_func (hidden, g_object_unref);
  g_ptr_array_set_size (hidden, 0);
}

void
np_export_get_background (GtkWidget *widget,
                          GdkRGBA   *rgba)
{
  /* An opaque background: a picture with holes reads badly in documents. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color", rgba))
    *rgba = (GdkRGBA) { 1, 1, 1, 1 };
  rgba->alpha = 1;
}

static GskRenderNode *
snapshot_widget (GtkWidget *widget,
                 int        width,
                 int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkRGBA background;

  np_export_get_background (widget, &background);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  return gtk_snapshot_free_to_node (snapshot);
}

static gboolean
write_png (GtkWidget     *widget,
           GskRenderNode *node,
           int            width,
           int            height,
           const char    *path)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node,
                                                               &GRAPHENE_RECT_INIT (0, 0, width, height));

  return gdk_texture_save_to_png (texture, path);
}

/* Cairo draws the render nodes as vectors: text stays text-shaped and
 * lines stay sharp at any zoom, which is what a diagram in a document needs. */
static gboolean
write_svg (GskRenderNode *node,
           int            width,
           int            height,
           const char    *path)
{
  cairo_surface_t *surface = cairo_svg_surface_create (path, width, height);
  cairo_t *cr;
  cairo_status_t status;

  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status == CAIRO_STATUS_SUCCESS;
}

gboolean
np_export_widget (GtkWidget  *widget,
                  GFile      *file,
                  GError    **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (width <= 0 || height <= 0 || gtk_widget_get_native (widget) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The diagram is not shown yet."));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The diagram can only be exported to a local file."));
      return FALSE;
    }
  if (NP_IS_CANVAS (widget))
    node = np_canvas_render_diagram (NP_CANVAS (widget), &width, &height);
  else if (NP_IS_CILIUM_CANVAS (widget))
    node = np_cilium_canvas_render_diagram (NP_CILIUM_CANVAS (widget), &width, &height);
  else
    node = snapshot_widget (widget, width, height);
  if (g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG"))
    ok = write_svg (node, width, height, path);
  else
    ok = write_png (widget, node, width, height, path);
  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s."), path);
      return FALSE;
    }
  return TRUE;
}
