/* np-export.h: pictures of a widget as PNG or SVG files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The style class of controls a picture of the policy leaves out: add,
 * edit and remove buttons, hints, switches that only offer a change. */
#define NP_EDIT_CONTROL_CLASS "np-edit-control"

/* Writes a picture of @widget to @file: SVG (vector shapes and text) when
 * the name ends in ".svg", PNG otherwise. A canvas (NpCanvas,
 * NpCiliumCanvas) draws its three-column diagram with its edges and without
 * its editing controls, however narrow the window; any other widget is
 * drawn as it shows. */
gboolean np_export_widget        (GtkWidget  *widget,
                                  GFile      *file,
                                  GError    **error);

/* Hides the visible widgets under @widget that have the style class
 * NP_EDIT_CONTROL_CLASS, and empty entries, adding them to @hidden; np_export_show_controls()
 * shows them again. */
void     np_export_hide_controls (GtkWidget  *widget,
                                  GPtrArray  *hidden);
void     np_export_show_controls (GPtrArray  *hidden);

/* The background a picture of @widget goes on: the window's. */
void     np_export_get_background (GtkWidget *widget,
                                   GdkRGBA   *rgba);

G_END_DECLS
