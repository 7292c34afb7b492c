/* np-columns.c: the three-part layout the Cilium and cluster-wide canvases share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-columns.h"

#define PADDING 18          /* around everything */
#define EDGE_GAP 56         /* either side of the centre card, for the edges */
#define COMPACT_SPACING 24

static int
wide_min_width (GtkWidget * const parts[3],
                int               min[3],
                int               nat[3])
{
  int sum = 0;

  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_measure (parts[i], GTK_ORIENTATION_HORIZONTAL, -1, &min[i], &nat[i], NULL, NULL);
      sum += min[i];
    }
  return 2 * PADDING + 2 * EDGE_GAP + sum;
}

static int
wide_natural_width (const int nat[3])
{
  return 2 * PADDING + 2 * EDGE_GAP + nat[0] + nat[1] + nat[2];
}

/* The three columns' widths in the wide layout for a canvas @width wide. */
static void
wide_widths (int       width,
             int       wide_min,
             const int min[3],
             const int nat[3],
             int       widths[3])
{
  GtkRequestedSize sizes[3];
  int extra = MAX (0, width - wide_min);

  for (guint i = 0; i < 3; i++)
    sizes[i] = (GtkRequestedSize) { NULL, min[i], nat[i] };
  extra = gtk_distribute_natural_allocation (extra, 3, sizes);
  for (guint i = 0; i < 3; i++)
    widths[i] = sizes[i].minimum_size;
  /* The sides take what is still left: they hold the long lists. */
  widths[NP_COLUMN_INGRESS] += extra / 2;
  widths[NP_COLUMN_EGRESS] += extra - extra / 2;
}

void
np_columns_measure (GtkWidget * const parts[3],
                    GtkOrientation     orientation,
                    int                for_size,
                    int               *minimum,
                    int               *natural)
{
  int min[3], nat[3];
  int wide_min = wide_min_width (parts, min, nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * PADDING + MAX (MAX (min[0], min[1]), min[2]);
      *natural = wide_natural_width (nat);
      return;
    }

  if (for_size < 0)
    for_size = wide_natural_width (nat);
  *minimum = *natural = 0;
  if (for_size >= wide_min)
    {
      int widths[3];

      wide_widths (for_size, wide_min, min, nat, widths);
      for (guint i = 0; i < 3; i++)
        {
          int child_min, child_nat;

          gtk_widget_measure (parts[i], GTK_ORIENTATION_VERTICAL, widths[i], &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
  else
    {
      int width = MAX (0, for_size - 2 * PADDING);

      for (guint i = 0; i < 3; i++)
        {
          int child_min, child_nat;

          gtk_widget_measure (parts[i], GTK_ORIENTATION_VERTICAL, width, &child_min, &child_nat, NULL, NULL);
          *minimum += child_min;
          *natural += child_nat;
        }
      *minimum += 2 * COMPACT_SPACING;
      *natural += 2 * COMPACT_SPACING;
    }
  *minimum += 2 * PADDING;
  *natural += 2 * PADDING;
}

gboolean
np_columns_allocate (GtkWidget * const parts[3],
                     NpColumnsFlags     flags,
                     int                width,
                     int                height)
{
  int min[3], nat[3];
  int wide_min = wide_min_width (parts, min, nat);

  if (width >= wide_min)
    {
      int widths[3];
      int x = PADDING;

      wide_widths (width, wide_min, min, nat, widths);
      for (guint i = 0; i < 3; i++)
        {
          int part_height = MAX (0, height - 2 * PADDING);

          if (i == NP_COLUMN_CENTRE && (flags & NP_COLUMNS_CENTRE_OWN_HEIGHT))
            gtk_widget_measure (parts[i], GTK_ORIENTATION_VERTICAL, widths[i], NULL, &part_height, NULL, NULL);
          else if (flags & NP_COLUMNS_CENTRE_OWN_HEIGHT)
            {
              int child_height;

              /* Never less than the part needs, whatever the canvas got. */
              gtk_widget_measure (parts[i], GTK_ORIENTATION_VERTICAL, widths[i], NULL, &child_height, NULL, NULL);
              part_height = MAX (child_height, part_height);
            }
          gtk_widget_size_allocate (parts[i], &(GtkAllocation) { x, PADDING, widths[i], part_height }, -1);
          x += widths[i] + EDGE_GAP;
        }
      return FALSE;
    }
  else
    {
      static const guint order[3] = { NP_COLUMN_CENTRE, NP_COLUMN_INGRESS, NP_COLUMN_EGRESS };
      int child_width = MAX (0, width - 2 * PADDING);
      int y = PADDING;

      for (guint i = 0; i < 3; i++)
        {
          GtkWidget *part = parts[order[i]];
          int child_height;

          gtk_widget_measure (part, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);
          gtk_widget_size_allocate (part, &(GtkAllocation) { PADDING, y, child_width, child_height }, -1);
          y += child_height + COMPACT_SPACING;
        }
      return TRUE;
    }
}

int
np_columns_picture_width (GtkWidget * const parts[3],
                          int                shown_width)
{
  int min[3], nat[3];

  return shown_width >= wide_min_width (parts, min, nat) ? shown_width : wide_natural_width (nat);
}
