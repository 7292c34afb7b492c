/* np-window.c: the main window: a policy's form and its YAML
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "np-manifest.h"
#include "np-policy.h"
#include "np-policy-codec.h"
#include "np-window.h"

struct _NpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *main_menu_button;
  GtkEntry             *name_entry;
  GtkEntry             *namespace_entry;
  GtkSourceView        *preview_view;

  /* Owned */
  NpManifest           *manifest;
  NpPolicy             *policy;
  GSettings            *settings;
  GBinding             *name_binding;
  GBinding             *namespace_binding;
};

G_DEFINE_FINAL_TYPE (NpWindow, np_window, ADW_TYPE_APPLICATION_WINDOW)

/* An empty entry means the field is absent from the policy, and the other
 * way around: GtkEntry's "text" cannot be NULL. */
static gboolean
np_window_string_to_text (GBinding     *binding,
                          const GValue *from_value,
                          GValue       *to_value,
                          gpointer      user_data)
{
  const char *string = g_value_get_string (from_value);

  g_value_set_string (to_value, string != NULL ? string : "");
  return TRUE;
}

static gboolean
np_window_text_to_string (GBinding     *binding,
                          const GValue *from_value,
                          GValue       *to_value,
                          gpointer      user_data)
{
  const char *text = g_value_get_string (from_value);

  g_value_set_string (to_value, text != NULL && text[0] != '\0' ? text : NULL);
  return TRUE;
}

static GBinding *
np_window_bind_entry (NpWindow   *self,
                      const char *property,
                      GtkEntry   *entry)
{
  return g_object_bind_property_full (self->policy, property,
                                      entry, "text",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                      np_window_string_to_text,
                                      np_window_text_to_string,
                                      NULL, NULL);
}

static void
np_window_update_preview (NpWindow *self)
{
  g_autofree char *yaml = NULL;
  GtkTextBuffer *buffer;

  g_assert (NP_IS_WINDOW (self));

  yaml = np_policy_to_yaml (self->policy);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
  gtk_text_buffer_set_text (buffer, yaml != NULL ? yaml : "", -1);
}

/* Shows @policy: the form binds to it and the preview follows it. */
static void
np_window_set_policy (NpWindow *self,
                      NpPolicy *policy)
{
  g_clear_pointer (&self->name_binding, g_binding_unbind);
  g_clear_pointer (&self->namespace_binding, g_binding_unbind);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, np_window_update_preview, self);
  g_set_object (&self->policy, policy);

  g_signal_connect_object (self->policy,
                           "changed",
                           G_CALLBACK (np_window_update_preview),
                           self,
                           G_CONNECT_SWAPPED);
  self->name_binding = np_window_bind_entry (self, "name", self->name_entry);
  self->namespace_binding = np_window_bind_entry (self, "namespace", self->namespace_entry);
  np_window_update_preview (self);
}

static void
np_window_update_style_scheme (NpWindow *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;
  GtkTextBuffer *buffer;

  g_assert (NP_IS_WINDOW (self));

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes,
                                                       adw_style_manager_get_dark (style_manager)
                                                       ? "Adwaita-dark" : "Adwaita");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

static void
np_window_restore_state (NpWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
np_window_save_state (NpWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width;
  int height;

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* The default size follows the window's size while it is neither
   * maximized nor fullscreen; keep the unmaximized size for next time. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

static gboolean
np_window_close_request (GtkWindow *window)
{
  NpWindow *self = NP_WINDOW (window);

  np_window_save_state (self);

  return GTK_WINDOW_CLASS (np_window_parent_class)->close_request (window);
}

static void
np_window_dispose (GObject *object)
{
  NpWindow *self = NP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_WINDOW);

  g_clear_object (&self->policy);
  g_clear_object (&self->manifest);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (np_window_parent_class)->dispose (object);
}

static void
np_window_class_init (NpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = np_window_dispose;

  window_class->close_request = np_window_close_request;

  /* The template names GtkSourceView: make sure the type exists. */
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NpWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, namespace_entry);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, preview_view);
}

static void
np_window_init (NpWindow *self)
{
  GtkSourceLanguageManager *languages;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  np_window_restore_state (self);

  languages = gtk_source_language_manager_get_default ();
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "yaml"));
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);

  g_signal_connect_object (adw_style_manager_get_default (),
                           "notify::dark",
                           G_CALLBACK (np_window_update_style_scheme),
                           self,
                           G_CONNECT_SWAPPED);
  np_window_update_style_scheme (self);

  {
    g_autoptr(NpPolicy) policy = np_policy_new ();

    np_policy_set_name (policy, "new-policy");
    np_policy_set_namespace (policy, "default");
    np_window_set_policy (self, policy);
  }
}

NpWindow *
np_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (NP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

NpPolicy *
np_window_get_policy (NpWindow *self)
{
  g_return_val_if_fail (NP_IS_WINDOW (self), NULL);

  return self->policy;
}

/* Opens @file and shows its first policy. Returns FALSE, with @error set to
 * a message that names the file (and line and column for a syntax error),
 * when the file cannot be read or holds no policy. */
gboolean
np_window_open_file (NpWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(NpPolicy) policy = NULL;

  g_return_val_if_fail (NP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!np_manifest_load_file (manifest, file, NULL, error))
    return FALSE;

  policies = np_manifest_list_policies (manifest);
  if (g_list_model_get_n_items (policies) == 0)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s holds no NetworkPolicy that can be edited"), name);
      return FALSE;
    }

  policy = g_list_model_get_item (policies, 0);
  g_set_object (&self->manifest, manifest);
  np_window_set_policy (self, policy);
  return TRUE;
}
