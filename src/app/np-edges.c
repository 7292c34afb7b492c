/* np-edges.c: the edges both canvases draw between their items and the centre card
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-edges.h"

void
np_edges_append (GArray       *edges,
                 GtkWidget    *canvas,
                 GtkWidget    *item,
                 double        card_x,
                 NpRuleEffect  verdict)
{
  graphene_rect_t bounds;
  NpEdge edge = { 0, };

  if (!gtk_widget_compute_bounds (item, canvas, &bounds))
    return;

  edge.peer_x = card_x;
  edge.peer_y = bounds.origin.y + bounds.size.height / 2.0;
  edge.verdict = verdict;
  g_array_append_val (edges, edge);
}

/* Theme colours, so that the edges follow the dark style and high contrast:
 * on a dark background the lighter "*_color" variants read better, on a light
 * one the saturated "*_bg_color" ones. */
void
np_edges_get_verdict_color (GtkWidget    *widget,
                            NpRuleEffect  verdict,
                            GdkRGBA      *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char *name;
  const char *fallback;

  switch (verdict)
    {
    case NP_RULE_EFFECT_ALLOWED:
      name = dark ? "success_color" : "success_bg_color";
      fallback = "#26a269";
      break;
    case NP_RULE_EFFECT_PARTIAL:
      name = dark ? "warning_color" : "warning_bg_color";
      fallback = dark ? "#f8e45c" : "#cd9309";
      break;
    case NP_RULE_EFFECT_DENIED:
      name = dark ? "error_color" : "error_bg_color";
      fallback = dark ? "#ff7b63" : "#c01c28";
      break;
    case NP_RULE_EFFECT_IGNORED:
    default:
      gtk_style_context_get_color (context, rgba);
      rgba->alpha *= 0.45f;
      return;
    }

  if (!gtk_style_context_lookup_color (context, name, rgba))
    gdk_rgba_parse (rgba, fallback);
}

#define ARROW_LENGTH 9.0
#define ARROW_HALF_WIDTH 5.0

/* One edge from (x0, y0) to (x1, y1), x0 < x1, with the arrowhead at the
 * right end: traffic flows left to right on both sides of the canvas. */
static void
draw_edge (cairo_t       *cr,
           double         x0,
           double         y0,
           double         x1,
           double         y1,
           NpRuleEffect   verdict,
           const GdkRGBA *color)
{
  static const double dashes[] = { 6.0, 4.0 };
  double end = x1 - ARROW_LENGTH;
  double dx = (end - x0) / 2.0;

  if (end <= x0)
    return;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, verdict == NP_RULE_EFFECT_IGNORED ? 1.5 : 2.0);
  cairo_set_dash (cr, dashes, verdict == NP_RULE_EFFECT_IGNORED ? G_N_ELEMENTS (dashes) : 0, 0);

  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr, x0 + dx, y0, end - dx, y1, end, y1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Arrowhead */
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, end, y1 - ARROW_HALF_WIDTH);
  cairo_line_to (cr, end, y1 + ARROW_HALF_WIDTH);
  cairo_close_path (cr);
  cairo_fill (cr);

  /* Not by colour alone: a denied edge carries a cross at its middle. */
  if (verdict == NP_RULE_EFFECT_DENIED)
    {
      double mx = (x0 + end) / 2.0;
      double my = (y0 + y1) / 2.0;

      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, mx - 4, my - 4);
      cairo_line_to (cr, mx + 4, my + 4);
      cairo_move_to (cr, mx + 4, my - 4);
      cairo_line_to (cr, mx - 4, my + 4);
      cairo_stroke (cr);
    }
}

/* Cairo nodes are drawn to an image of their whole size: a policy with
 * hundreds of rules makes a canvas taller than any texture. The edges of a
 * side are drawn in tiles of this height instead, each with the edges that
 * cross it. */
#define TILE_HEIGHT 1024.0
#define EDGE_MARGIN 8.0

/* Ends on the centre card spread around its middle, in the order of the
 * edges, so that arrowheads do not pile up. */
static void
spread_ends (GArray                *edges,
             const graphene_rect_t *centre)
{
  double spacing = MIN (14.0, centre->size.height * 0.7 / edges->len);

  for (guint i = 0; i < edges->len; i++)
    {
      NpEdge *edge = &g_array_index (edges, NpEdge, i);

      edge->pods_y = centre->origin.y + centre->size.height / 2.0 +
                     (i - (edges->len - 1) / 2.0) * spacing;
    }
}

void
np_edges_draw_side (GtkWidget             *canvas,
                    GtkSnapshot           *snapshot,
                    GArray                *edges,
                    NpDirection            direction,
                    const graphene_rect_t *centre)
{
  GdkRGBA colors[NP_RULE_EFFECT_IGNORED + 1];
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  double pods_x;

  if (edges->len == 0)
    return;

  spread_ends (edges, centre);
  pods_x = direction == NP_DIRECTION_INGRESS ? centre->origin.x
                                             : centre->origin.x + centre->size.width;
  for (guint i = 0; i < edges->len; i++)
    {
      const NpEdge *edge = &g_array_index (edges, NpEdge, i);

      left = MIN (left, MIN (edge->peer_x, pods_x));
      right = MAX (right, MAX (edge->peer_x, pods_x));
      top = MIN (top, MIN (edge->peer_y, edge->pods_y));
      bottom = MAX (bottom, MAX (edge->peer_y, edge->pods_y));
    }
  left -= EDGE_MARGIN;
  right += EDGE_MARGIN;
  top -= EDGE_MARGIN;
  bottom += EDGE_MARGIN;
  if (right <= left)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    np_edges_get_verdict_color (canvas, i, &colors[i]);

  for (double tile_top = top; tile_top < bottom; tile_top += TILE_HEIGHT)
    {
      double tile_bottom = MIN (tile_top + TILE_HEIGHT, bottom);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (left, tile_top,
                                                                    right - left,
                                                                    tile_bottom - tile_top));

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint i = 0; i < edges->len; i++)
        {
          const NpEdge *edge = &g_array_index (edges, NpEdge, i);
          const GdkRGBA *color = &colors[edge->verdict];

          /* A bezier curve stays within the box of its end points. */
          if (MAX (edge->peer_y, edge->pods_y) + EDGE_MARGIN < tile_top ||
              MIN (edge->peer_y, edge->pods_y) - EDGE_MARGIN > tile_bottom)
            continue;

          if (direction == NP_DIRECTION_INGRESS)
            draw_edge (cr, edge->peer_x, edge->peer_y,
                       pods_x, edge->pods_y, edge->verdict, color);
          else
            draw_edge (cr, pods_x, edge->pods_y,
                       edge->peer_x, edge->peer_y, edge->verdict, color);
        }
      cairo_destroy (cr);
    }
}

void
np_edges_draw_bar (GtkWidget   *canvas,
                   GtkSnapshot *snapshot,
                   GtkWidget   *item,
                   NpRuleEffect verdict)
{
  graphene_rect_t bounds;
  GdkRGBA color;
  GskRoundedRect bar;

  if (!gtk_widget_compute_bounds (item, canvas, &bounds) || bounds.size.height < 16)
    return;

  np_edges_get_verdict_color (canvas, verdict, &color);
  gsk_rounded_rect_init_from_rect (&bar,
                                   &GRAPHENE_RECT_INIT (bounds.origin.x + 3, bounds.origin.y + 8,
                                                        4, bounds.size.height - 16),
                                   2);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, &color, &bar.bounds);
  gtk_snapshot_pop (snapshot);
}
