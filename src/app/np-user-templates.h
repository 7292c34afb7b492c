/* np-user-templates.h: built-in templates and the user's, kept in GSettings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "np-template-store.h"
#include "np-types.h"

G_BEGIN_DECLS

/* The GSettings key holding the user's templates (a{ss}: name → YAML). */
#define NP_USER_TEMPLATES_KEY "user-templates"

/* The user's templates as stored in @settings. (transfer full) */
NpTemplateStore *np_user_templates_load       (GSettings        *settings);
/* Writes @store back to @settings. */
gboolean         np_user_templates_save       (GSettings        *settings,
                                               NpTemplateStore  *store);
/* Fills @menu with the built-in templates (action win.new-from-template,
 * target the template id) and, in a section of their own, the user's
 * (action win.new-from-user-template, target the name). */
void             np_user_templates_fill_menu  (GMenu            *menu,
                                               NpTemplateStore  *store);
/* A built-in template's policy by id ("deny-all" …). (transfer full) */
NpPolicy        *np_user_templates_load_builtin (const char     *id,
                                                 GError        **error);

G_END_DECLS
