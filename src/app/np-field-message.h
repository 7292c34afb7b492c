/* np-field-message.h: a message under a form field, in the style of its state
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How a field's message reads: a warning still lets the form be applied. */
typedef enum {
  NP_FIELD_OK,
  NP_FIELD_WARNING,
  NP_FIELD_ERROR,
} NpFieldState;

/* Shows @message in @label (under @field) in the style of @state, marks
 * the field and tells assistive technologies why. @field is an entry or an
 * entry row; a row's text is the part a screen reader lands on, so it gets
 * the state. The label is hidden for NP_FIELD_OK. */
void np_field_message_set (GtkWidget    *field,
                           GtkLabel     *label,
                           NpFieldState  state,
                           const char   *message);

G_END_DECLS
