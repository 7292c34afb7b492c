/* np-user-templates.c: built-in templates and the user's, kept in GSettings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-user-templates.h"

/* The templates shipped in the resource bundle, in menu order. */
static const struct {
  const char *id;
  const char *title;
} builtins[] = {
  { "deny-all", N_("Deny All Traffic") },
  { "allow-dns-only", N_("Deny All but DNS") },
  { "deny-egress-but-dns", N_("Deny Egress but DNS") },
  { "allow-same-namespace", N_("Allow from the Same Namespace") },
  { "allow-from-ingress-namespace", N_("Allow from the Ingress Controller Namespace") },
  { "web-server", N_("Web Server (HTTP and HTTPS In)") },
};

NpTemplateStore *
np_user_templates_load (GSettings *settings)
{
  NpTemplateStore *store = np_template_store_new ();
  g_autoptr(GVariant) value = g_settings_get_value (settings, NP_USER_TEMPLATES_KEY);
  g_autoptr(GError) error = NULL;

  /* The schema fixes the type, so this only fails on a damaged store. */
  if (!np_template_store_load (store, value, &error))
    g_warning ("%s", error->message);
  return store;
}

gboolean
np_user_templates_save (GSettings       *settings,
                        NpTemplateStore *store)
{
  return g_settings_set_value (settings, NP_USER_TEMPLATES_KEY, np_template_store_to_variant (store));
}

void
np_user_templates_fill_menu (GMenu           *menu,
                             NpTemplateStore *store)
{
  g_autoptr(GMenu) shipped = g_menu_new ();
  g_autoptr(GMenu) own = g_menu_new ();
  g_auto(GStrv) names = store != NULL ? np_template_store_list (store) : NULL;

  g_menu_remove_all (menu);
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(builtins[i].title), NULL);

      g_menu_item_set_action_and_target (item, "win.new-from-template", "s", builtins[i].id);
      g_menu_append_item (shipped, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (shipped));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (names[i], NULL);

      g_menu_item_set_action_and_target (item, "win.new-from-user-template", "s", names[i]);
      g_menu_append_item (own, item);
    }
  if (names != NULL && names[0] != NULL)
    g_menu_append_section (menu, _("Your Templates"), G_MENU_MODEL (own));
}

NpPolicy *
np_user_templates_load_builtin (const char  *id,
                                GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (g_str_equal (builtins[i].id, id))
      {
        path = g_strdup_printf ("/io/github/netpoleditor/NetpolEditor/templates/%s.yaml", id);
        break;
      }
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no template “%s”."), id);
      return NULL;
    }
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return np_policy_new_from_yaml (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
}
