/* np-tutorial-page.h: the side panel's tutorial page: steps with check marks and "Do it for me", and lessons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_TUTORIAL_PAGE (np_tutorial_page_get_type ())
G_DECLARE_FINAL_TYPE (NpTutorialPage, np_tutorial_page, NP, TUTORIAL_PAGE, GtkWidget)

/* Property "policy" (an NpPolicy or an NpCiliumPolicy, nullable): the policy the steps are checked
 * against and "Do it for me" changes (one undoable change per step).
 *
 * Signals:
 *  "load-lesson" (NpTutorial *lesson): the person asked for the lesson's
 *                example as a new document.
 *  "toast" (const char *message): a step could not be done, and why. */
GtkWidget *np_tutorial_page_new        (void);
void       np_tutorial_page_set_policy (NpTutorialPage *self,
                                        gpointer        policy);
/* Whether a cluster-wide policy (AdminNetworkPolicy and the like) is shown:
 * the steps are about namespaced policies, and the page then says so. */
void       np_tutorial_page_set_cluster_shown (NpTutorialPage *self,
                                               gboolean        shown);
/* (transfer none) an NpPolicy, an NpCiliumPolicy or NULL */
gpointer   np_tutorial_page_get_policy (NpTutorialPage *self);

G_END_DECLS
