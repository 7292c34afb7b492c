/* np-tutorial-private.h: what NpTutorial needs of its steps
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-tutorial-step.h"

G_BEGIN_DECLS

/* @action names one of the built-in checks and actions ("select-pods",
 * "default-deny", "dns", "same-namespace", "to-outside") or is NULL for
 * advice. Returns NULL with NP_TUTORIAL_ERROR_INVALID_DATA for an unknown
 * action. @title and @body are already translated. (transfer full) */
NpTutorialStep *np_tutorial_step_new         (const char      *id,
                                              const char      *title,
                                              const char      *body,
                                              const char      *action,
                                              GError         **error);
/* Recomputes "done" for @policy (nullable). */
void            np_tutorial_step_update_done (NpTutorialStep  *self,
                                              gpointer         policy);

G_END_DECLS
