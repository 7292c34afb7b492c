/* np-wrap-label.h: a wrapping line of text that shapes it once
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NP_TYPE_WRAP_LABEL (np_wrap_label_get_type ())
G_DECLARE_FINAL_TYPE (NpWrapLabel, np_wrap_label, NP, WRAP_LABEL, GtkWidget)

GtkWidget  *np_wrap_label_new        (const char  *css_class);
const char *np_wrap_label_get_text   (NpWrapLabel *self);
void        np_wrap_label_set_text   (NpWrapLabel *self,
                                      const char  *text);
void        np_wrap_label_set_lines  (NpWrapLabel *self,
                                      int          lines);

G_END_DECLS
