/* np-preferences-window.h: preferences: rename and delete the user's templates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NP_TYPE_PREFERENCES_WINDOW (np_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (NpPreferencesWindow, np_preferences_window, NP, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits the templates kept in @settings (construct-only property
 * "settings"); changes are written at once. */
GtkWidget *np_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
