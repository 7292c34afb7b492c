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
#include "np-renderer.h"
#include "np-window.h"

struct _NpApplication
{
  AdwApplication parent_instance;

  gboolean       recovery_offered;
  gint64         main_start;     /* g_get_monotonic_time() at main() */
  gboolean       startup_reported;
  char          *gl_renderer;    /* the display's OpenGL (GL_RENDERER), NULL: none */
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
report (NpApplication *self,
        const char    *what)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GskRenderer *renderer = window != NULL ? gtk_native_get_renderer (GTK_NATIVE (window)) : NULL;

  /* A fixed, untranslated format: scripts read it. */
  fprintf (stderr, "netpol-editor: %s: process %.1f ms, main %.1f ms; renderer %s, OpenGL %s\n",
           what, process_age_ms (), (g_get_monotonic_time () - self->main_start) / 1000.0,
           renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none",
           self->gl_renderer != NULL ? self->gl_renderer : "none");
  fflush (stderr);
}

static void
on_first_frame (GdkFrameClock *clock,
                NpApplication *self);

/* The file is read: the next frame is the first that shows it. */
static void
on_read (NpWindow      *window,
         GParamSpec    *pspec,
         NpApplication *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (np_window_get_reading (window))
    return;
  g_signal_handlers_disconnect_by_func (window, on_read, self);
  if (surface != NULL)
    g_signal_connect_object (gdk_surface_get_frame_clock (surface), "after-paint",
                             G_CALLBACK (on_first_frame), self, 0);
}

/* "first frame" is the first frame with the document in it; with a file
 * read in a worker, the window's own first frame (the loading page) comes
 * before it, reported as "first window". */
static void
on_first_frame (GdkFrameClock *clock,
                NpApplication *self)
{
  const char *mode = g_getenv ("NETPOL_EDITOR_REPORT_STARTUP");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  if (self->startup_reported)
    return;
  if (NP_IS_WINDOW (window) && np_window_get_reading (NP_WINDOW (window)))
    {
      report (self, "first window");
      g_signal_connect_object (window, "notify::reading", G_CALLBACK (on_read), self, 0);
      return;
    }
  self->startup_reported = TRUE;
  report (self, "first frame");
  /* The frame benchmark goes on from here and quits when done. */
  if (g_strcmp0 (g_getenv ("NETPOL_EDITOR_BENCH_FRAMES"), "quit") == 0 && NP_IS_WINDOW (window))
    {
      np_window_bench_frames (NP_WINDOW (window), quit_when_done, self);
      return;
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

/* A file this small reads in a few milliseconds, before the window is
 * built: it is read at once and the first frame shows it. A larger one is
 * read in a worker while the window shows its loading page; a blank
 * policy shown for a moment first would be a flicker. */
#define READ_AT_ONCE_BYTES (64 * 1024)

static gboolean
is_small_local_file (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  /* A remote file's size may itself take a while to learn. */
  if (!g_file_is_native (file))
    return FALSE;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  /* A pipe's size says nothing of what is to come through it. */
  return info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
         g_file_info_get_size (info) <= READ_AT_ONCE_BYTES;
}

static void
np_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NpApplication *self = NP_APPLICATION (app);
  NpWindow *window = np_application_get_main_window (self);
  g_autoptr(GError) error = NULL;

  /* One window for now: it shows the first file that opens. A small
   * first file that does not read is read again with the rest, which
   * reports each failure. */
  if (n_files > 0 &&
      !(is_small_local_file (files[0]) && np_window_open_file (window, files[0], &error)))
    {
      np_window_read_files (window, files, n_files, TRUE);
      np_window_show_reading_now (window);
    }

  gtk_window_present (GTK_WINDOW (window));
  np_application_offer_recovery (self, window);
  watch_first_frame (self, GTK_WINDOW (window));
}

/* Before any window: which renderer draws them (see np-renderer.c). */
static void
np_application_startup (GApplication *app)
{
  NpApplication *self = NP_APPLICATION (app);
  GdkDisplay *display;

  G_APPLICATION_CLASS (np_application_parent_class)->startup (app);

  display = gdk_display_get_default ();
  if (display != NULL)
    self->gl_renderer = np_renderer_choose (display);
}

static void
np_application_finalize (GObject *object)
{
  NpApplication *self = NP_APPLICATION (object);

  g_free (self->gl_renderer);

  G_OBJECT_CLASS (np_application_parent_class)->finalize (object);
}

static void
np_application_class_init (NpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = np_application_finalize;

  app_class->startup = np_application_startup;
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
