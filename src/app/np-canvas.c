/* np-canvas.c: the policy as a picture: peers, the selected pods, and the edges between them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-canvas.h"
#include "np-centre-card.h"
#include "np-edges.h"
#include "np-export.h"
#include "np-peer-card.h"
#include "np-policy-rule.h"
#include "np-policy.h"

struct _NpCanvas
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *ingress_column;
  GtkWidget    *egress_column;
  NpCentreCard *centre_card;
  NpPeerCard   *ingress_outside;
  NpPeerCard   *ingress_namespace;
  NpPeerCard   *ingress_cluster;
  NpPeerCard   *egress_outside;
  NpPeerCard   *egress_namespace;
  NpPeerCard   *egress_cluster;

  /* Owned */
  NpPolicy      *policy;

  /* Borrowed: the vertical adjustment of the scrolled window the canvas is
   * in, if any; the centre card follows it. */
  GtkAdjustment *vadjustment;

  /* Layout */
  guint          follow_tick;
  int            centre_y;
  int            content_bottom;  /* of the taller column */
  gboolean       compact;
  gboolean       exporting;       /* the whole canvas is "visible" */
};

G_DEFINE_FINAL_TYPE (NpCanvas, np_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  N_PROPS
};

enum {
  EDIT_RULE,
  ADD_RULE,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Edges (drawn by np-edges.c) */

typedef struct
{
  NpCanvas *self;
  GArray   *edges;
  double    card_x;
} CollectData;

static NpPeerCard **
np_canvas_get_cards (NpCanvas    *self,
                     NpDirection  direction,
                     NpPeerCard  *cards[3])
{
  if (direction == NP_DIRECTION_INGRESS)
    {
      cards[0] = self->ingress_outside;
      cards[1] = self->ingress_namespace;
      cards[2] = self->ingress_cluster;
    }
  else
    {
      cards[0] = self->egress_outside;
      cards[1] = self->egress_namespace;
      cards[2] = self->egress_cluster;
    }
  return cards;
}

static void
np_canvas_collect_item (GtkWidget    *item,
                        NpRuleEffect  verdict,
                        gpointer      user_data)
{
  CollectData *data = user_data;

  np_edges_append (data->edges, GTK_WIDGET (data->self), item, data->card_x, verdict);
}

/* The edges of one side, top to bottom. */
static void
np_canvas_draw_side (NpCanvas              *self,
                     GtkSnapshot           *snapshot,
                     NpDirection            direction,
                     const graphene_rect_t *centre)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, TRUE, sizeof (NpEdge));
  CollectData data = { self, edges, 0 };
  NpPeerCard *cards[3];

  np_canvas_get_cards (self, direction, cards);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (GTK_WIDGET (cards[i]), GTK_WIDGET (self), &bounds))
        continue;
      data.card_x = direction == NP_DIRECTION_INGRESS ? bounds.origin.x + bounds.size.width
                                                      : bounds.origin.x;
      np_peer_card_foreach_item (cards[i], np_canvas_collect_item, &data);
    }
  np_edges_draw_side (GTK_WIDGET (self), snapshot, edges, direction, centre);
}

typedef struct
{
  NpCanvas    *self;
  GtkSnapshot *snapshot;
} BarData;

static void
np_canvas_draw_item_bar (GtkWidget    *item,
                         NpRuleEffect  verdict,
                         gpointer      user_data)
{
  BarData *data = user_data;

  np_edges_draw_bar (GTK_WIDGET (data->self), data->snapshot, item, verdict);
}

static void
np_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  NpCanvas *self = NP_CANVAS (widget);
  graphene_rect_t centre;

  if (self->policy != NULL && !self->compact &&
      gtk_widget_compute_bounds (GTK_WIDGET (self->centre_card), widget, &centre))
    {
      np_canvas_draw_side (self, snapshot, NP_DIRECTION_INGRESS, &centre);
      np_canvas_draw_side (self, snapshot, NP_DIRECTION_EGRESS, &centre);
    }

  /* The cards go over the edges: each edge then starts and ends exactly at
   * a card's border. */
  GTK_WIDGET_CLASS (np_canvas_parent_class)->snapshot (widget, snapshot);

  if (self->policy != NULL && self->compact)
    {
      for (guint d = 0; d < 2; d++)
        {
          NpPeerCard *cards[3];

          np_canvas_get_cards (self, d, cards);
          for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
            {
              BarData data = { self, snapshot };

              np_peer_card_foreach_item (cards[i], np_canvas_draw_item_bar, &data);
            }
        }
    }
}

/* Layout. Wide: three columns, the sides equally wide, with room for the
 * edges between them; the centre card keeps to the middle of what is
 * visible of the canvas, so that with a long list of peers it stays on
 * screen and the edges always reach it. Narrower than that: compact, the
 * centre card above the ingress column above the egress column. */

#define PADDING 18          /* around everything */
#define EDGE_GAP 56         /* either side of the centre card, for the edges */
#define COMPACT_SPACING 24
#define SIDE_MAX_WIDTH 480  /* wider, lines of text get hard to read */

typedef struct
{
  int side_min, side_nat;
  int centre_min, centre_nat;
} Widths;

static void
np_canvas_measure_widths (NpCanvas *self,
                          Widths   *widths)
{
  int ingress_min, ingress_nat, egress_min, egress_nat;

  gtk_widget_measure (self->ingress_column, GTK_ORIENTATION_HORIZONTAL, -1,
                      &ingress_min, &ingress_nat, NULL, NULL);
  gtk_widget_measure (self->egress_column, GTK_ORIENTATION_HORIZONTAL, -1,
                      &egress_min, &egress_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->centre_card), GTK_ORIENTATION_HORIZONTAL, -1,
                      &widths->centre_min, &widths->centre_nat, NULL, NULL);

  /* Both sides as wide as the wider one. */
  widths->side_min = MAX (ingress_min, egress_min);
  widths->side_nat = MAX (widths->side_min, MIN (MAX (ingress_nat, egress_nat), SIDE_MAX_WIDTH));
}

static int
wide_min_width (const Widths *widths)
{
  return 2 * PADDING + 2 * EDGE_GAP + 2 * widths->side_min + widths->centre_min;
}

/* The columns' widths in the wide layout for a canvas @width wide. */
static void
np_canvas_compute_widths (const Widths *widths,
                          int           width,
                          int          *side_width,
                          int          *centre_width)
{
  GtkRequestedSize sizes[3] = {
    { NULL, widths->side_min, widths->side_nat },
    { NULL, widths->side_min, widths->side_nat },
    { NULL, widths->centre_min, widths->centre_nat },
  };
  int extra = MAX (0, width - wide_min_width (widths));

  extra = gtk_distribute_natural_allocation (extra, G_N_ELEMENTS (sizes), sizes);
  *centre_width = sizes[2].minimum_size;
  /* What is left goes to the sides, up to a width that still reads well. */
  *side_width = MIN (sizes[0].minimum_size, sizes[1].minimum_size) + extra / 2;
  *side_width = MAX (widths->side_min, MIN (*side_width, MAX (SIDE_MAX_WIDTH, widths->side_nat)));
}

static GtkSizeRequestMode
np_canvas_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static int
natural_height (GtkWidget *widget,
                int        width,
                int       *minimum)
{
  int min, nat;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  if (minimum != NULL)
    *minimum = min;
  return nat;
}

static void
np_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  NpCanvas *self = NP_CANVAS (widget);
  Widths widths;

  np_canvas_measure_widths (self, &widths);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the compact layout can be; as wide as the wide one
       * would like. */
      *minimum = 2 * PADDING + MAX (widths.side_min, widths.centre_min);
      *natural = 2 * PADDING + 2 * EDGE_GAP + 2 * widths.side_nat + widths.centre_nat;
      return;
    }

  /* A height for no width in particular (the window working out its own
   * size): the height at the width the canvas has, which its rows were
   * just measured at, rather than at its natural width, which lays out
   * every row again, seconds for a policy of a few hundred rules. The
   * scrolled window around the canvas takes nothing of this height. */
  if (for_size < 0 && gtk_widget_get_width (widget) > 0)
    for_size = gtk_widget_get_width (widget);
  if (for_size < 0)
    for_size = 2 * PADDING + 2 * EDGE_GAP + 2 * widths.side_nat + widths.centre_nat;

  if (for_size >= wide_min_width (&widths))
    {
      int side_width, centre_width;
      int min[3], nat[3];

      np_canvas_compute_widths (&widths, for_size, &side_width, &centre_width);
      nat[0] = natural_height (self->ingress_column, side_width, &min[0]);
      nat[1] = natural_height (GTK_WIDGET (self->centre_card), centre_width, &min[1]);
      nat[2] = natural_height (self->egress_column, side_width, &min[2]);
      *minimum = 2 * PADDING + MAX (MAX (min[0], min[1]), min[2]);
      *natural = 2 * PADDING + MAX (MAX (nat[0], nat[1]), nat[2]);
    }
  else
    {
      int width = MAX (0, for_size - 2 * PADDING);
      int min[3], nat[3];

      nat[0] = natural_height (self->ingress_column, width, &min[0]);
      nat[1] = natural_height (GTK_WIDGET (self->centre_card), width, &min[1]);
      nat[2] = natural_height (self->egress_column, width, &min[2]);
      *minimum = 2 * PADDING + 2 * COMPACT_SPACING + min[0] + min[1] + min[2];
      *natural = 2 * PADDING + 2 * COMPACT_SPACING + nat[0] + nat[1] + nat[2];
    }
}

/* The part of the canvas the scrolled window shows, in canvas coordinates. */
static void
np_canvas_get_visible_range (NpCanvas *self,
                             int       height,
                             double   *top,
                             double   *bottom)
{
  GtkWidget *scrolled;
  GtkWidget *content;
  graphene_point_t origin;
  double page;

  *top = 0;
  *bottom = height;

  if (self->vadjustment == NULL || self->exporting)
    return;
  page = gtk_adjustment_get_page_size (self->vadjustment);
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  content = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (page <= 0 || content == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self), content, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return;

  /* The canvas's place in the scrolled content does not move when it
   * scrolls, unlike its place on screen. */
  *top = MAX (0, gtk_adjustment_get_value (self->vadjustment) - origin.y);
  *bottom = MIN (height, gtk_adjustment_get_value (self->vadjustment) - origin.y + page);
  if (*bottom <= *top)
    {
      *top = 0;
      *bottom = height;
    }
}

/* The cairo renderer GTK 4.8 falls back to draws every node of the window
 * in every frame, however small the change (a blink of the YAML preview's
 * cursor) and however little of it the clip lets through: a 200-rule
 * policy's rows, nearly all scrolled out of sight, were three quarters of
 * each frame's text. The rows draw their content only near what the
 * scrolled window shows (np_canvas_shows()); whenever that changes, the
 * rows whose answer changed are drawn again. A page above and below keeps
 * a scroll step from redrawing rows at every turn of the wheel. */
gboolean
np_canvas_shows (NpCanvas  *self,
                 GtkWidget *descendant)
{
  graphene_rect_t bounds;
  double top, bottom, margin;

  g_return_val_if_fail (NP_IS_CANVAS (self), TRUE);

  if (self->exporting ||
      !gtk_widget_compute_bounds (descendant, GTK_WIDGET (self), &bounds))
    return TRUE;

  np_canvas_get_visible_range (self, gtk_widget_get_height (GTK_WIDGET (self)), &top, &bottom);
  margin = bottom - top;
  return bounds.origin.y + bounds.size.height >= top - margin &&
         bounds.origin.y <= bottom + margin;
}

static void
np_canvas_redraw_shown (NpCanvas *self)
{
  for (guint d = 0; d < 2; d++)
    {
      NpPeerCard *cards[3];

      np_canvas_get_cards (self, d, cards);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        np_peer_card_redraw_shown (cards[i]);
    }
}

/* Where the centre card goes in the wide layout: the middle of what shows
 * of the columns, within them. */
static int
np_canvas_get_centre_y (NpCanvas *self,
                        int       centre_height)
{
  double top, bottom;
  int y;

  np_canvas_get_visible_range (self, self->content_bottom, &top, &bottom);
  top = MAX (top, PADDING);
  y = (int) ((top + bottom - centre_height) / 2);
  return CLAMP (y, PADDING, MAX (PADDING, self->content_bottom - centre_height));
}

static void
np_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  NpCanvas *self = NP_CANVAS (widget);
  Widths widths;

  np_canvas_measure_widths (self, &widths);
  self->compact = width < wide_min_width (&widths);

  if (self->compact)
    {
      int child_width = MAX (0, width - 2 * PADDING);
      int y = PADDING;
      GtkWidget *order[3] = { GTK_WIDGET (self->centre_card), self->ingress_column, self->egress_column };

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          int child_height = natural_height (order[i], child_width, NULL);

          gtk_widget_size_allocate (order[i],
                                    &(GtkAllocation) { PADDING, y, child_width, child_height }, -1);
          y += child_height + COMPACT_SPACING;
        }
      self->centre_y = PADDING;
    }
  else
    {
      int side_width, centre_width, centre_height;
      int x;

      np_canvas_compute_widths (&widths, width, &side_width, &centre_width);
      centre_height = natural_height (GTK_WIDGET (self->centre_card), centre_width, NULL);

      /* The centre card sits by the columns, not in the middle of a window
       * much taller than they are. */
      self->content_bottom = PADDING + MAX (MAX (natural_height (self->ingress_column, side_width, NULL),
                                                 natural_height (self->egress_column, side_width, NULL)),
                                            centre_height);
      self->content_bottom = MIN (self->content_bottom, height - PADDING);
      self->centre_y = np_canvas_get_centre_y (self, centre_height);

      /* Wider than it needs: the columns stay together in the middle.
       * Ingress comes in from the left in every text direction: the
       * picture is of traffic, not of text. */
      x = MAX (PADDING, (width - 2 * side_width - centre_width - 2 * EDGE_GAP) / 2);

      gtk_widget_size_allocate (self->ingress_column,
                                &(GtkAllocation) { x, PADDING, side_width, height - 2 * PADDING }, -1);
      x += side_width + EDGE_GAP;
      gtk_widget_size_allocate (GTK_WIDGET (self->centre_card),
                                &(GtkAllocation) { x, self->centre_y, centre_width, centre_height }, -1);
      x += centre_width + EDGE_GAP;
      gtk_widget_size_allocate (self->egress_column,
                                &(GtkAllocation) { x, PADDING, side_width, height - 2 * PADDING }, -1);
    }

  /* The edges join the children where they are now. */
  gtk_widget_queue_draw (widget);
  np_canvas_redraw_shown (self);
}

static gboolean
np_canvas_follow_tick (GtkWidget     *widget,
                       GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  NpCanvas *self = NP_CANVAS (widget);

  self->follow_tick = 0;
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

/* The adjustment also changes while the scrolled window lays itself out,
 * when a new layout cannot be asked for: move the centre card at the next
 * frame, and only when it has to move. */
static void
np_canvas_vadjustment_changed (NpCanvas *self)
{
  int centre_height = gtk_widget_get_height (GTK_WIDGET (self->centre_card));

  np_canvas_redraw_shown (self);
  if (self->compact || self->follow_tick != 0 || self->content_bottom <= 0 ||
      np_canvas_get_centre_y (self, centre_height) == self->centre_y)
    return;

  self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), np_canvas_follow_tick, NULL, NULL);
}

static void
np_canvas_set_vadjustment (NpCanvas      *self,
                           GtkAdjustment *vadjustment)
{
  if (self->vadjustment == vadjustment)
    return;

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, np_canvas_vadjustment_changed, self);
  self->vadjustment = vadjustment;
  if (vadjustment != NULL)
    {
      g_signal_connect_object (vadjustment, "value-changed",
                               G_CALLBACK (np_canvas_vadjustment_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (vadjustment, "changed",
                               G_CALLBACK (np_canvas_vadjustment_changed),
                               self, G_CONNECT_SWAPPED);
    }
}

/* Tab goes through the centre card (what the policy is), then the ingress
 * and the egress column: the default order would follow the cards' heights,
 * which change with the policy. */
static gboolean
np_canvas_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  NpCanvas *self = NP_CANVAS (widget);
  GtkWidget *order[3] = { GTK_WIDGET (self->centre_card), self->ingress_column, self->egress_column };
  GtkWidget *focus_child;
  int n = G_N_ELEMENTS (order);
  int step, start;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (np_canvas_parent_class)->focus (widget, direction);

  step = direction == GTK_DIR_TAB_FORWARD ? 1 : -1;
  start = step > 0 ? 0 : n - 1;
  focus_child = gtk_widget_get_focus_child (widget);
  for (int i = 0; i < n; i++)
    if (order[i] == focus_child)
      start = i;

  for (int i = start; i >= 0 && i < n; i += step)
    {
      if (gtk_widget_child_focus (order[i], direction))
        return TRUE;
    }
  return FALSE;
}

static void
np_canvas_root (GtkWidget *widget)
{
  NpCanvas *self = NP_CANVAS (widget);
  GtkWidget *scrolled;

  GTK_WIDGET_CLASS (np_canvas_parent_class)->root (widget);

  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  np_canvas_set_vadjustment (self, scrolled != NULL
                                   ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))
                                   : NULL);
}

static void
np_canvas_unroot (GtkWidget *widget)
{
  NpCanvas *self = NP_CANVAS (widget);

  np_canvas_set_vadjustment (self, NULL);
  if (self->follow_tick != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->follow_tick);
      self->follow_tick = 0;
    }

  GTK_WIDGET_CLASS (np_canvas_parent_class)->unroot (widget);
}

/* Signals of the cards */

static void
np_canvas_unselect_all (NpCanvas *self)
{
  for (guint d = 0; d < 2; d++)
    {
      NpPeerCard *cards[3];

      np_canvas_get_cards (self, d, cards);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        np_peer_card_unselect (cards[i]);
    }
}

static void
np_canvas_card_edit_rule (NpCanvas     *self,
                          NpPolicyRule *rule,
                          NpPeerCard   *card)
{
  /* The card marked its own item; only one item is the selected one. */
  for (guint d = 0; d < 2; d++)
    {
      NpPeerCard *cards[3];

      np_canvas_get_cards (self, d, cards);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        if (cards[i] != card)
          np_peer_card_unselect (cards[i]);
    }
  g_signal_emit (self, signals[EDIT_RULE], 0, rule);
}

static void
np_canvas_card_add_rule (NpCanvas   *self,
                         NpPeerCard *card)
{
  g_signal_emit (self, signals[ADD_RULE], 0,
                 np_peer_card_get_direction (card),
                 (int) np_peer_card_get_group (card));
}

static void
np_canvas_centre_toast (NpCanvas   *self,
                        const char *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
np_canvas_remove_item_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  NpCanvas *self = NP_CANVAS (widget);

  for (guint d = 0; d < 2; d++)
    {
      NpPeerCard *cards[3];

      np_canvas_get_cards (self, d, cards);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        if (np_peer_card_remove_focused_item (cards[i]))
          return;
    }
}

static void
np_canvas_style_changed (NpCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
np_canvas_dispose (GObject *object)
{
  NpCanvas *self = NP_CANVAS (object);

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_clear_object (&self->policy);
  np_canvas_set_vadjustment (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_CANVAS);

  G_OBJECT_CLASS (np_canvas_parent_class)->dispose (object);
}

static void
np_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NpCanvas *self = NP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NpCanvas *self = NP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_canvas_set_policy (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_canvas_class_init (NpCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_canvas_dispose;
  object_class->get_property = np_canvas_get_property;
  object_class->set_property = np_canvas_set_property;

  widget_class->snapshot = np_canvas_snapshot;
  widget_class->measure = np_canvas_measure;
  widget_class->size_allocate = np_canvas_size_allocate;
  widget_class->get_request_mode = np_canvas_get_request_mode;
  widget_class->focus = np_canvas_focus;
  widget_class->root = np_canvas_root;
  widget_class->unroot = np_canvas_unroot;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL,
                         NP_TYPE_POLICY,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EDIT_RULE] =
    g_signal_new ("edit-rule",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, NP_TYPE_POLICY_RULE);

  /* The group is an NpPeerGroup as an int: the core registers no GType
   * for it. */
  signals[ADD_RULE] =
    g_signal_new ("add-rule",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, NP_TYPE_DIRECTION, G_TYPE_INT);

  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "canvas.remove-item", NULL,
                                   np_canvas_remove_item_action);

  g_type_ensure (NP_TYPE_CENTRE_CARD);
  g_type_ensure (NP_TYPE_PEER_CARD);

  gtk_widget_class_set_css_name (widget_class, "npcanvas");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-canvas.ui");
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, ingress_column);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, egress_column);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, centre_card);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, ingress_outside);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, ingress_namespace);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, ingress_cluster);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, egress_outside);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, egress_namespace);
  gtk_widget_class_bind_template_child (widget_class, NpCanvas, egress_cluster);
}

static void
np_canvas_init (NpCanvas *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint d = 0; d < 2; d++)
    {
      NpPeerCard *cards[3];

      np_canvas_get_cards (self, d, cards);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        {
          g_signal_connect_object (cards[i], "edit-rule",
                                   G_CALLBACK (np_canvas_card_edit_rule),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (cards[i], "add-rule",
                                   G_CALLBACK (np_canvas_card_add_rule),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (cards[i], "toast",
                                   G_CALLBACK (np_canvas_centre_toast),
                                   self, G_CONNECT_SWAPPED);
        }
    }
  g_signal_connect_object (self->centre_card, "toast",
                           G_CALLBACK (np_canvas_centre_toast),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (np_canvas_style_changed),
                           self, G_CONNECT_SWAPPED);
}

void
np_canvas_scroll_to_top (GtkWidget *canvas)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (canvas, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustments[2];

  g_return_if_fail (GTK_IS_WIDGET (canvas));

  if (scrolled == NULL)
    return;
  adjustments[0] = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  adjustments[1] = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_lower (adjustments[i]));
}

GtkWidget *
np_canvas_new (void)
{
  return g_object_new (NP_TYPE_CANVAS, NULL);
}

NpPolicy *
np_canvas_get_policy (NpCanvas *self)
{
  g_return_val_if_fail (NP_IS_CANVAS (self), NULL);

  return self->policy;
}

void
np_canvas_set_manifest (NpCanvas   *self,
                        NpManifest *manifest)
{
  g_return_if_fail (NP_IS_CANVAS (self));

  np_centre_card_set_manifest (self->centre_card, manifest);
}

void
np_canvas_set_policy (NpCanvas *self,
                      NpPolicy *policy)
{
  g_return_if_fail (NP_IS_CANVAS (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy));

  if (self->policy == policy)
    return;

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_set_object (&self->policy, policy);

  np_centre_card_set_policy (self->centre_card, policy);
  for (guint d = 0; d < 2; d++)
    {
      NpPeerCard *cards[3];

      np_canvas_get_cards (self, d, cards);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        np_peer_card_set_policy (cards[i], policy);
    }

  /* Another policy (a new document, another of the file) shows from its
   * top, not where the last one was scrolled to. */
  if (policy != NULL)
    np_canvas_scroll_to_top (GTK_WIDGET (self));

  /* The cards update themselves; the edges are the canvas's. */
  if (policy != NULL)
    g_signal_connect_object (policy, "changed",
                             G_CALLBACK (gtk_widget_queue_draw),
                             self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

/* Scrolls the scrolled window the canvas is in, if any, to show @widget. */
static void
np_canvas_scroll_to (NpCanvas  *self,
                     GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_rect_t bounds;

  if (scrolled == NULL)
    return;

  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return;

  gtk_adjustment_clamp_page (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                             bounds.origin.x, bounds.origin.x + bounds.size.width);
  gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                             bounds.origin.y, bounds.origin.y + bounds.size.height);
}

void
np_canvas_select_item (NpCanvas    *self,
                       NpDirection  direction,
                       guint        rule_index,
                       int          peer_index)
{
  g_autoptr(NpPolicyRule) rule = NULL;
  NpPeerCard *cards[3];
  GListModel *rules;
  GtkWidget *item = NULL;

  g_return_if_fail (NP_IS_CANVAS (self));

  np_canvas_unselect_all (self);
  if (self->policy == NULL)
    return;

  rules = np_policy_get_rules (self->policy, direction);
  if (rule_index >= g_list_model_get_n_items (rules))
    return;
  rule = g_list_model_get_item (rules, rule_index);

  /* The rule's first item is in the card of its first peer. */
  if (peer_index < 0 && g_list_model_get_n_items (np_policy_rule_get_peers (rule)) > 0)
    peer_index = 0;

  np_canvas_get_cards (self, direction, cards);
  for (guint i = 0; i < G_N_ELEMENTS (cards) && item == NULL; i++)
    item = np_peer_card_select_item (cards[i], rule_index, peer_index);

  if (item == NULL)
    return;

  gtk_widget_grab_focus (item);
  np_canvas_scroll_to (self, item);
}

/* "spec.ingress[2].from[1].podSelector" → ingress, 2, 1 */
static gboolean
parse_rule_path (const char  *path,
                 NpDirection *direction,
                 guint       *rule_index,
                 int         *peer_index)
{
  const char *peers_key;
  const char *rest;
  char *end;
  guint64 value;

  if (g_str_has_prefix (path, "spec.ingress["))
    {
      *direction = NP_DIRECTION_INGRESS;
      peers_key = ".from[";
      rest = path + strlen ("spec.ingress[");
    }
  else if (g_str_has_prefix (path, "spec.egress["))
    {
      *direction = NP_DIRECTION_EGRESS;
      peers_key = ".to[";
      rest = path + strlen ("spec.egress[");
    }
  else
    return FALSE;

  value = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != ']' || value > G_MAXUINT)
    return FALSE;
  *rule_index = (guint) value;
  *peer_index = -1;

  rest = end + 1;
  if (g_str_has_prefix (rest, peers_key))
    {
      rest += strlen (peers_key);
      value = g_ascii_strtoull (rest, &end, 10);
      if (end != rest && *end == ']' && value <= G_MAXINT)
        *peer_index = (int) value;
    }
  return TRUE;
}

gboolean
np_canvas_focus_field (NpCanvas   *self,
                       const char *path)
{
  NpDirection direction;
  guint rule_index;
  int peer_index;

  g_return_val_if_fail (NP_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (np_centre_card_focus_field (self->centre_card, path))
    {
      np_canvas_scroll_to (self, GTK_WIDGET (self->centre_card));
      return TRUE;
    }

  /* Findings about a rule or a peer: show its item. */
  if (self->policy != NULL && parse_rule_path (path, &direction, &rule_index, &peer_index) &&
      rule_index < g_list_model_get_n_items (np_policy_get_rules (self->policy, direction)))
    {
      np_canvas_select_item (self, direction, rule_index, peer_index);
      return TRUE;
    }
  return FALSE;
}

GskRenderNode *
np_canvas_render_diagram (NpCanvas *self,
                          int      *width,
                          int      *height)
{
  g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
  GtkWidget *widget = GTK_WIDGET (self);
  GtkAllocation shown;
  GtkSnapshot *snapshot;
  GdkRGBA background;
  Widths widths;
  int natural;

  g_return_val_if_fail (NP_IS_CANVAS (self), NULL);
  g_return_val_if_fail (width != NULL && height != NULL, NULL);

  gtk_widget_get_allocation (widget, &shown);

  /* Laid out again, out of the window's layout, for the picture alone; the
   * window's next frame lays it out as it was. */
  np_export_hide_controls (widget, hidden);
  np_canvas_measure_widths (self, &widths);
  *width = shown.width >= wide_min_width (&widths)
           ? shown.width
           : 2 * PADDING + 2 * EDGE_GAP + 2 * widths.side_nat + widths.centre_nat;
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, *width, NULL, &natural, NULL, NULL);
  *height = *width == shown.width ? MAX (shown.height, natural) : natural;

  self->exporting = TRUE;
  gtk_widget_size_allocate (widget, &(GtkAllocation) { 0, 0, *width, *height }, -1);
  /* Every row, not only those the window shows (np_canvas_shows()). */
  np_canvas_redraw_shown (self);
  snapshot = gtk_snapshot_new ();
  np_export_get_background (widget, &background);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  np_canvas_snapshot (widget, snapshot);
  self->exporting = FALSE;
  np_canvas_redraw_shown (self);

  np_export_show_controls (hidden);
  gtk_widget_size_allocate (widget, &shown, -1);
  gtk_widget_queue_resize (widget);

  return gtk_snapshot_free_to_node (snapshot);
}
