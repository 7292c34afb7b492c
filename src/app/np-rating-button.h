/* np-rating-button.h: the header bar's policy rating: a 0 to 5 score that opens its reasons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_RATING_BUTTON (np_rating_button_get_type ())
G_DECLARE_FINAL_TYPE (NpRatingButton, np_rating_button, NP, RATING_BUTTON, GtkWidget)

/* Property "policy" (NpPolicy, nullable): rated again on each "changed". */
GtkWidget *np_rating_button_new        (void);
/* @policy: an NpPolicy, an NpCiliumPolicy or NULL */
void       np_rating_button_set_policy (NpRatingButton *self,
                                        gpointer        policy);

G_END_DECLS
