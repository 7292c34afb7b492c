/* np-application.c: the editor's application object, its actions and windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "np-application.h"
#include "np-manifest.h"
#include "np-window.h"

struct _NpApplication
{
  AdwApplication parent_instance;

  gboolean       recovery_offered;
  gint64         main_start;     /* g_get_monotonic_time() at main() */
  gboolean       startup_reported;
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

/* Milliseconds since this process started: /proc/self/stat's starttime
 * (field 22, clock ticks since boot) against CLOCK_BOOTTIME. Negative when
 * unknown. The tick is coarse (10 ms), but it counts what main() cannot:
 * exec, the dynamic linker and the libraries' constructors. */
static double
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  struct timespec now;
  guint64 start_ticks;
  long ticks_per_second = sysconf (_SC_CLK_TCK);

  if (ticks_per_second <= 0 || !g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;
  /* The command name (field 2) may hold spaces: count fields after it. */
  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;
  for (guint field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL)
    return -1;
  start_ticks = g_ascii_strtoull (p + 1, NULL, 10);
  return (now.tv_sec * 1000.0 + now.tv_nsec / 1e6) - start_ticks * 1000.0 / ticks_per_second;
}

static gboolean
quit_when_done (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock *clock,
                NpApplication *self)
{
  const char *mode = g_getenv ("NETPOL_EDITOR_REPORT_STARTUP");

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  if (self->startup_reported)
    return;
  self->startup_reported = TRUE;
  /* A fixed, untranslated format: scripts read it. */
  fprintf (stderr, "netpol-editor: first frame: process %.1f ms, main %.1f ms\n",
           process_age_ms (), (g_get_monotonic_time () - self->main_start) / 1000.0);
  fflush (stderr);
  /* The frame benchmark goes on from here and quits when done. */
  if (g_strcmp0 (g_getenv ("NETPOL_EDITOR_BENCH_FRAMES"), "quit") == 0)
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (NP_IS_WINDOW (window))
        {
          np_window_bench_frames (NP_WINDOW (window), quit_when_done, self);
          return;
        }
    }
  if (g_strcmp0 (mode, "quit") == 0)
    g_application_quit (G_APPLICATION (self));
}

static void
watch_first_frame (NpApplication *self,
                   GtkWindow     *window)
{
  const char *mode = g_getenv ("NETPOL_EDITOR_REPORT_STARTUP");
  GdkSurface *surface;

  if (self->startup_reported || mode == NULL || *mode == '\0' || g_str_equal (mode, "0"))
    return;
  /* Called after gtk_window_present(): the window is realized by now. */
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface == NULL)
    return;
  g_signal_connect_object (gdk_surface_get_frame_clock (surface), "after-paint",
                           G_CALLBACK (on_first_frame), self, 0);
}

static void
np_application_activate (GApplication *app)
{
  NpApplication *self = NP_APPLICATION (app);
  GtkWindow *window = GTK_WINDOW (np_application_get_main_window (self));

  gtk_window_present (window);
  watch_first_frame (self, window);
  np_application_offer_recovery (self, NP_WINDOW (window));
}

typedef struct {
  GFile      *file;
  NpManifest *manifest;  /* read, or NULL and @error set */
  GError     *error;
} Load;

static gpointer
load_in_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(NpManifest) manifest = np_manifest_new ();

  if (np_manifest_load_file (manifest, load->file, NULL, &load->error))
    load->manifest = g_steal_pointer (&manifest);
  return NULL;
}

static void
np_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NpApplication *self = NP_APPLICATION (app);
  Load first = { n_files > 0 ? files[0] : NULL, NULL, NULL };
  GThread *thread = NULL;
  NpWindow *window;

  /* A large file takes about as long to read as the window to build:
   * both at once. The manifest is the window's only after the join. */
  if (n_files > 0)
    thread = g_thread_new ("np-open", load_in_thread, &first);
  window = np_application_get_main_window (self);

  /* One window for now: it shows the first file that opens. */
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;

      if (i == 0)
        {
          g_autoptr(NpManifest) manifest = NULL;

          g_thread_join (g_steal_pointer (&thread));
          manifest = g_steal_pointer (&first.manifest);
          error = g_steal_pointer (&first.error);
          if (manifest != NULL)
            {
              np_window_show_manifest (window, manifest, files[0]);
              break;
            }
        }
      else if (np_window_open_file (window, files[i], &error))
        break;
      g_printerr ("netpol-editor: %s\n", error->message);
    }

  gtk_window_present (GTK_WINDOW (window));
  np_application_offer_recovery (self, window);
  watch_first_frame (self, GTK_WINDOW (window));
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

void
np_application_set_start_time (NpApplication *self,
                               gint64         main_start)
{
  g_return_if_fail (NP_IS_APPLICATION (self));
  self->main_start = main_start;
}
