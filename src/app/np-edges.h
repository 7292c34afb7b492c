/* np-edges.h: the edges both canvases draw between their items and the centre card
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

/* One edge, in the coordinates of the canvas that draws it. */
typedef struct
{
  double        peer_x;  /* where the edge leaves the item's card */
  double        peer_y;
  double        pods_y;  /* where it meets the centre card */
  NpRuleEffect  verdict;
} NpEdge;

/* Appends an edge for @item (a row of a card), leaving its card at @card_x
 * on the canvas @canvas; nothing when @item has no bounds (not laid out). */
void np_edges_append          (GArray                *edges,
                               GtkWidget             *canvas,
                               GtkWidget             *item,
                               double                 card_x,
                               NpRuleEffect           verdict);

/* The colour of @verdict in the theme of @widget (dark style, high
 * contrast). */
void np_edges_get_verdict_color (GtkWidget           *widget,
                                 NpRuleEffect         verdict,
                                 GdkRGBA             *rgba);

/* Draws the edges (element-type NpEdge) of one side of @canvas, spreading
 * their ends on @centre around its middle; traffic flows left to right:
 * ingress edges end at the centre card, egress edges start at it. */
void np_edges_draw_side       (GtkWidget             *canvas,
                               GtkSnapshot           *snapshot,
                               GArray                *edges,
                               NpDirection            direction,
                               const graphene_rect_t *centre);

/* The compact layout has no room for edges: a bar in the verdict's colour
 * at the start of @item says the same. */
void np_edges_draw_bar        (GtkWidget             *canvas,
                               GtkSnapshot           *snapshot,
                               GtkWidget             *item,
                               NpRuleEffect           verdict);

G_END_DECLS
