/* np-export.h: pictures of a widget as PNG or SVG files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Writes what @widget shows, at its size, on white, to @file: SVG (vector
 * shapes and text) when the name ends in ".svg", PNG otherwise. */
gboolean np_export_widget (GtkWidget  *widget,
                           GFile      *file,
                           GError    **error);

G_END_DECLS
