/* np-application.c: the editor's application object, its actions and windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-application.h"
#include "np-window.h"

struct _NpApplication
{
  AdwApplication parent_instance;

  gboolean       recovery_offered;
};

G_DEFINE_FINAL_TYPE (NpApplication, np_application, ADW_TYPE_APPLICATION)

static NpWindow *
np_application_get_main_window (NpApplication *self)
{
  GtkWindow *window;

  g_assert (NP_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (NP_IS_WINDOW (window))
    return NP_WINDOW (window);

  return np_window_new (ADW_APPLICATION (self));
}

/* Once per run, at the first window: what an editor that crashed or was
 * killed left unsaved. */
static void
np_application_offer_recovery (NpApplication *self,
                               NpWindow      *window)
{
  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;
  np_window_offer_recovery (window);
}

static void
np_application_activate (GApplication *app)
{
  NpApplication *self = NP_APPLICATION (app);

  NpWindow *window = np_application_get_main_window (self);

  gtk_window_present (GTK_WINDOW (window));
  np_application_offer_recovery (self, window);
}

static void
np_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NpApplication *self = NP_APPLICATION (app);

  NpWindow *window = np_application_get_main_window (self);

  /* One window for now: it shows the first file that opens. */
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;

      if (np_window_open_file (window, files[i], &error))
        break;
      g_printerr ("netpol-editor: %s\n", error->message);
    }

  gtk_window_present (GTK_WINDOW (window));
  np_application_offer_recovery (self, window);
}

static void
np_application_class_init (NpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = np_application_activate;
  app_class->open = np_application_open;
}

static void
np_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  NpApplication *self = user_data;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert (NP_IS_APPLICATION (self));

  /* Close the windows, rather than exit at once, so that each saves its
   * state (and, later, may ask about unsaved changes). The application
   * exits when the last one is gone. */
  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (self));
       iter != NULL;
       iter = iter->next)
    {
      /* Dialogs go with the window they belong to. */
      if (NP_IS_WINDOW (iter->data))
        g_ptr_array_add (windows, g_object_ref (iter->data));
    }

  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static void
np_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = {
    "The Network Policy Editor authors",
    NULL
  };
  NpApplication *self = user_data;
  GtkWindow *window;

  g_assert (NP_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Network Policy Editor"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Network Policy Editor authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Write and check Kubernetes network policies"),
                         "website", "https://github.com/netpoleditor/netpol-editor",
                         "issue-url", "https://github.com/netpoleditor/netpol-editor/issues",
                         "developers", developers,
                         /* Translators: Replace "translator-credits" with your name(s), one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Network Policy Editor authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = np_application_quit_action },
  { .name = "about", .activate = np_application_about_action },
};

static void
np_application_init (NpApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

NpApplication *
np_application_new (void)
{
  return g_object_new (NP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/netpoleditor/NetpolEditor",
                       NULL);
}
