/* np-field-message.c: a message under a form field, in the style of its state
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "np-field-message.h"

void
np_field_message_set (GtkWidget    *field,
                      GtkLabel     *label,
                      NpFieldState  state,
                      const char   *message)
{
  GtkWidget *text = field;

  if (ADW_IS_ENTRY_ROW (field))
    text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field)));

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), state != NP_FIELD_OK && message != NULL);

  gtk_widget_remove_css_class (field, "error");
  gtk_widget_remove_css_class (field, "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  if (state != NP_FIELD_OK)
    {
      const char *css = state == NP_FIELD_ERROR ? "error" : "warning";

      gtk_widget_add_css_class (field, css);
      gtk_widget_add_css_class (GTK_WIDGET (label), css);
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (text),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               state == NP_FIELD_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                       : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (state != NP_FIELD_OK && message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (text),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}
