/* bench-textview.c: a keystroke in a bare GtkSourceView, timed as the editor's frames bench times its own
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `bench-textview FILE` shows FILE in a window holding nothing but a
 * GtkSourceView set up as the editor's YAML preview is (YAML, the Adwaita
 * scheme, line numbers, monospace), types into it as
 * np-window-bench.c types into the preview (the cursor at the end of the
 * first "name:" line, "x" and backspace in turn, 150 to 166 ms apart,
 * through gtk_text_buffer_insert_interactive_at_cursor()), and times
 * each keystroke from just before the change to the end of the next
 * frame (the frame clock's after-paint), with the wait for the clock to
 * start that frame apart. It prints one fixed line that
 * bench/bench-start.py reads, and quits.
 *
 * What it gives is the floor GTK sets for the editor's keystroke row: the
 * same widget with no editor around it. In particular, while the cursor
 * blinks, GTK 4.8's text view fades it from a tick callback that keeps
 * the frame clock at 60 Hz, and every keystroke waits for the clock's
 * next tick, here as in the editor.
 */
#include <stdio.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#define N_KEYSTROKES 40
#define SETTLE_MS    600
#define KEY_GAP_MS   150
#define FRAME_MS     17

typedef struct {
  GtkTextView   *view;
  GdkFrameClock *clock;
  guint          step;
  gint64         started;
  gint64         changed;
  gint64         frame_started;
  gulong         paint_handler;
  gulong         start_handler;
  GArray        *key_ms;   /* double: the change to the frame's end */
  GArray        *wait_ms;  /* double: the change's end to the frame's start */
  GArray        *own_ms;   /* double: the first less the second */
  GApplication  *app;
} Bench;

static gboolean next_key (gpointer data);

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value below which @percent % of @values lie (nearest rank), as np-window-bench.c has it. */
static double
percentile (GArray *values, double percent)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  rank = (guint) ((percent / 100.0) * values->len + 0.999999);
  return g_array_index (values, double, CLAMP (rank, 1, values->len) - 1);
}

static void
on_frame_started (GdkFrameClock *clock,
                  Bench         *bench)
{
  if (bench->changed != 0 && bench->frame_started == 0)
    bench->frame_started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  double ms = (now - bench->started) / 1000.0;
  double wait = bench->frame_started != 0 ? (bench->frame_started - bench->changed) / 1000.0 : 0;
  double own = ms - wait;

  g_clear_signal_handler (&bench->paint_handler, clock);
  g_array_append_val (bench->key_ms, ms);
  g_array_append_val (bench->wait_ms, wait);
  g_array_append_val (bench->own_ms, own);
  bench->changed = 0;
  g_timeout_add (KEY_GAP_MS + (bench->step * 7) % FRAME_MS, next_key, bench);
}

static void
type_key (Bench *bench)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (bench->view);

  if (bench->step % 2 == 0)
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "x", 1, TRUE);
  else
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_backspace (buffer, &cursor, TRUE, TRUE);
    }
}

static gboolean
next_key (gpointer data)
{
  Bench *bench = data;

  if (bench->step == N_KEYSTROKES)
    {
      GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (bench->view));
      gboolean blinks;

      g_object_get (settings, "gtk-cursor-blink", &blinks, NULL);
      /* A fixed, untranslated format: bench/bench-start.py reads it. */
      printf ("bench-textview: keystroke p50 %.1f ms, p95 %.1f ms, max %.1f ms, n %u, "
              "wait p50 %.1f ms, without the wait p50 %.1f ms, p95 %.1f ms; cursor %s\n",
              percentile (bench->key_ms, 50), percentile (bench->key_ms, 95), percentile (bench->key_ms, 100),
              bench->key_ms->len, percentile (bench->wait_ms, 50), percentile (bench->own_ms, 50),
              percentile (bench->own_ms, 95), blinks ? "blinking" : "not blinking");
      fflush (stdout);
      g_application_quit (bench->app);
      return G_SOURCE_REMOVE;
    }
  bench->paint_handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  bench->started = g_get_monotonic_time ();
  type_key (bench);
  bench->changed = g_get_monotonic_time ();
  bench->frame_started = 0;
  bench->step++;
  /* A frame even if the change drew nothing, so that the wait ends. */
  gtk_widget_queue_draw (GTK_WIDGET (bench->view));
  return G_SOURCE_REMOVE;
}

/* After the first frame: the cursor where np-window-bench.c puts it. */
static gboolean
start (gpointer data)
{
  Bench *bench = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (bench->view);
  GtkTextIter iter, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (gtk_text_iter_forward_search (&iter, "name:", 0, &match_start, &match_end, NULL))
    {
      gtk_text_iter_forward_to_line_end (&match_end);
      gtk_text_buffer_place_cursor (buffer, &match_end);
    }
  gtk_widget_grab_focus (GTK_WIDGET (bench->view));
  g_timeout_add (SETTLE_MS, next_key, bench);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock *clock,
                Bench         *bench)
{
  g_clear_signal_handler (&bench->start_handler, clock);
  g_idle_add (start, bench);
}

static void
on_map (GtkWidget *window,
        Bench     *bench)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  bench->clock = gdk_surface_get_frame_clock (surface);
  /* Connected after GDK's own handler: marks the end of its phase. */
  g_signal_connect (bench->clock, "before-paint", G_CALLBACK (on_frame_started), bench);
  bench->start_handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_first_frame), bench);
}

static void
on_activate (GApplication *app,
             Bench        *bench)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = gtk_source_buffer_new_with_language (
    gtk_source_language_manager_get_language (languages, "yaml"));
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (app));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_source_view_new_with_buffer (buffer);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (app), "path");

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      fprintf (stderr, "bench-textview: %s\n", error->message);
      g_application_quit (app);
      return;
    }
  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, "Adwaita"));
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text, -1);
  g_object_set (view, "monospace", TRUE, "show-line-numbers", TRUE, "auto-indent", TRUE,
                "insert-spaces-instead-of-tabs", TRUE, "tab-width", 2, "top-margin", 12, "bottom-margin", 12,
                "left-margin", 6, "right-margin", 12, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  bench->view = GTK_TEXT_VIEW (view);
  g_signal_connect (window, "map", G_CALLBACK (on_map), bench);
  gtk_window_present (GTK_WINDOW (window));
  g_object_unref (buffer);
}

int
main (int argc, char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  Bench bench = { 0 };
  int status;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-textview FILE\n");
      return 2;
    }
  gtk_source_init ();
  app = adw_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_object_set_data_full (G_OBJECT (app), "path", g_strdup (argv[1]), g_free);
  bench.app = G_APPLICATION (app);
  bench.key_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.wait_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.own_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &bench);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_array_unref (bench.key_ms);
  g_array_unref (bench.wait_ms);
  g_array_unref (bench.own_ms);
  gtk_source_finalize ();
  return status;
}
