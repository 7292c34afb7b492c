/* np-preferences-window.c: preferences: rename and delete the user's templates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-preferences-window.h"
#include "np-template-store.h"
#include "np-user-templates.h"

struct _NpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *templates_group;
  GtkListBox           *templates_list;

  /* Owned */
  GSettings            *settings;
  NpTemplateStore      *store;
};

G_DEFINE_FINAL_TYPE (NpPreferencesWindow, np_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (NpPreferencesWindow *self);

static void
show_error (NpPreferencesWindow *self,
            const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
on_rename_apply (AdwEntryRow         *row,
                 NpPreferencesWindow *self)
{
  const char *old_name = g_object_get_data (G_OBJECT (row), "np-template");
  const char *new_name = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  if (!np_template_store_rename (self->store, old_name, new_name, &error))
    {
      show_error (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (row), old_name);
      return;
    }
  /* Writing the key rebuilds the list through "changed::". */
  np_user_templates_save (self->settings, self->store);
}

static void
on_delete_clicked (GtkButton           *button,
                   NpPreferencesWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "np-template");
  g_autoptr(GError) error = NULL;

  if (!np_template_store_remove (self->store, name, &error))
    {
      show_error (self, error->message);
      return;
    }
  np_user_templates_save (self->settings, self->store);
}

static void
rebuild (NpPreferencesWindow *self)
{
  g_auto(GStrv) names = NULL;
  GtkWidget *child;

  g_clear_object (&self->store);
  self->store = np_user_templates_load (self->settings);
  names = np_template_store_list (self->store);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->templates_list))) != NULL)
    gtk_list_box_remove (self->templates_list, child);

  if (names[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No templates saved yet"));
      gtk_list_box_append (self->templates_list, row);
      return;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *row_label = g_strdup_printf (_("Template name: %s"), names[i]);
      g_autofree char *delete_label = g_strdup_printf (_("Delete template: %s"), names[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
      gtk_editable_set_text (GTK_EDITABLE (row), names[i]);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "np-template", g_strdup (names[i]), g_free);
      g_signal_connect (row, "apply", G_CALLBACK (on_rename_apply), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, row_label, -1);

      gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_set_tooltip_text (delete, _("Delete the Template"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
      g_object_set_data_full (G_OBJECT (delete), "np-template", g_strdup (names[i]), g_free);
      g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), delete);
      gtk_list_box_append (self->templates_list, row);
    }
}

static gboolean
rebuild_cb (gpointer data)
{
  rebuild (data);
  return G_SOURCE_REMOVE;
}

/* Rebuilding removes the row whose button or entry changed the key: wait
 * until that row's signal is over. */
static void
on_templates_changed (NpPreferencesWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_cb, g_object_ref (self), g_object_unref);
}

static void
np_preferences_window_constructed (GObject *object)
{
  NpPreferencesWindow *self = NP_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (np_preferences_window_parent_class)->constructed (object);

  g_signal_connect_object (self->settings, "changed::" NP_USER_TEMPLATES_KEY,
                           G_CALLBACK (on_templates_changed), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
np_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  NpPreferencesWindow *self = NP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  NpPreferencesWindow *self = NP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_preferences_window_dispose (GObject *object)
{
  NpPreferencesWindow *self = NP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (np_preferences_window_parent_class)->dispose (object);
}

static void
np_preferences_window_class_init (NpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = np_preferences_window_constructed;
  object_class->dispose = np_preferences_window_dispose;
  object_class->get_property = np_preferences_window_get_property;
  object_class->set_property = np_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NpPreferencesWindow, templates_group);
  gtk_widget_class_bind_template_child (widget_class, NpPreferencesWindow, templates_list);
}

static void
np_preferences_window_init (NpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
np_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (NP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
