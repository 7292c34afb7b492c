/* np-tooltip.h: tooltips that cost no round trip to the display server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        np_tooltip_set_text (GtkWidget  *widget,
                                 const char *text);
const char *np_tooltip_get_text (GtkWidget  *widget);
/* gtk_widget_set_tooltip_text() (a tooltip on screen follows at once), for
 * a widget that is set often with the same text: only a change costs the
 * round trip. */
void        np_tooltip_update_text (GtkWidget  *widget,
                                    const char *text);

G_END_DECLS
