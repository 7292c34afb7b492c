/* np-tooltip.c: tooltips that cost no round trip to the display server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_widget_set_tooltip_text() on a visible widget (GTK 4.8) asks the
 * display server where the pointer is, to show the new tooltip at once if
 * it is over the widget: one synchronous X request per call. A canvas of a
 * few hundred rows set up anew for each policy shown spent most of its
 * main-thread time waiting for those answers. np_tooltip_set_text() keeps
 * the text itself and hands it over when GTK asks for the tooltip
 * (::query-tooltip), which happens only when the pointer rests on the
 * widget; the accessible description follows the text, as it does with
 * gtk_widget_set_tooltip_text(). A tooltip already on screen keeps its old
 * text until the pointer moves: the widgets that use this are rebuilt or
 * refilled for another policy, not changed under a resting pointer.
 */
#include "config.h"

#include "np-tooltip.h"

static GQuark
tooltip_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("np-tooltip-text");
  return quark;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Like gtk_widget_set_tooltip_text() (an empty @text is none), for widgets
 * whose tooltip is set only through this function. */
void
np_tooltip_set_text (GtkWidget  *widget,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (np_tooltip_get_text (widget), text) == 0 &&
      (text != NULL || g_object_get_data (G_OBJECT (widget), "np-tooltip-connected") != NULL))
    return;
  if (g_object_get_data (G_OBJECT (widget), "np-tooltip-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), "np-tooltip-connected", GINT_TO_POINTER (TRUE));
    }
  g_object_set_qdata_full (G_OBJECT (widget), tooltip_quark (), g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The text np_tooltip_set_text() last gave @widget, or NULL. */
const char *
np_tooltip_get_text (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
}

void
np_tooltip_update_text (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}
