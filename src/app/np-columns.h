/* np-columns.h: the three-part layout the Cilium and cluster-wide canvases share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The parts, in the order of the @parts arrays below. */
enum { NP_COLUMN_INGRESS, NP_COLUMN_CENTRE, NP_COLUMN_EGRESS };

typedef enum {
  NP_COLUMNS_NONE            = 0,
  NP_COLUMNS_CENTRE_OWN_HEIGHT = 1 << 0, /* wide, the centre card keeps its natural height */
} NpColumnsFlags;

/* Wide, the three parts side by side with room between them for the edges,
 * the sides sharing what is left over; narrower than the three need
 * ("compact"), one column, the centre card above ingress above egress, so
 * that nothing is cut off beside the YAML preview and the side panel. */

/* What the canvas holding @parts needs (its measure vfunc). */
void     np_columns_measure        (GtkWidget * const parts[3],
                                    GtkOrientation     orientation,
                                    int                for_size,
                                    int               *minimum,
                                    int               *natural);
/* Lays @parts out in a canvas @width × @height (its size_allocate vfunc).
 * Returns whether the layout is compact: no room for edges. */
gboolean np_columns_allocate       (GtkWidget * const parts[3],
                                    NpColumnsFlags     flags,
                                    int                width,
                                    int                height);
/* The width for a picture of the canvas: @shown_width when the parts fit
 * side by side in it, else their natural width side by side. */
int      np_columns_picture_width  (GtkWidget * const parts[3],
                                    int                shown_width);

G_END_DECLS
