/* np-window-bench.c: the window's frame times, measured on itself for `build-aux/dev bench`
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With NETPOL_EDITOR_BENCH_FRAMES=quit the application, after its first
 * frame, runs np_window_bench_frames(): it shows the list and the YAML,
 * waits for the frame clock to stand still, selects policies of the list one
 * after another, then types into the YAML preview of the list's last
 * policy, and times each from just before the change to the end of the
 * next frame the window paints (its frame clock's after-paint), as the
 * start-up report times the first frame, and the main thread's CPU time
 * over the same span (the rest it waited: for the X server, which under
 * Xvfb on a busy machine answers late); then, after a pause in the
 * typing, the frame after the text is read back into the policy, and
 * frames that change nothing. A pick in the list shows in the list and
 * the YAML in the next frame and on the canvas in the one after (see
 * np_window_defer_canvas()): the bench times both, the second as
 * "to the canvas". The keystrokes are put into the buffer as
 * typing does (gtk_text_buffer_insert_interactive_at_cursor(), backspace),
 * not through the X server. For the first frame after each pick and each
 * keystroke it also notes where the time went: the wait from the end of
 * the change to the frame's start (the frame clock's before-paint), the
 * layout phase and the paint phase (snapshot and render), each marked by a
 * handler connected after GDK's own. It prints two fixed lines that
 * bench/bench-start.py reads and quits. Nothing here runs otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "np-canvas.h"
#include "np-cilium-canvas.h"
#include "np-file-watch.h"
#include "np-history.h"
#include "np-policy-list.h"
#include "np-window-private.h"

#define N_SELECTIONS 40
#define N_KEYSTROKES 40
#define N_IDLE       20
#define SETTLE_MS    600  /* after showing the panes, and after the typing target is shown */
#define SELECT_GAP_MS 150  /* a person picking policies one after another */
#define KEY_GAP_MS   150   /* about seven keys a second, as a person types */
#define FRAME_MS     17    /* one frame of GTK's 60 Hz clock, rounded up */
#define QUIET_MS     2600  /* the clock still this long before the picks (see wait_for_quiet()) */
#define QUIET_MAX_MS 8000  /* but no longer than this: a clock that never stops holds nothing up */

typedef enum {
  PHASE_SELECT,
  PHASE_KEYS,
  PHASE_READ_BACK,  /* the typing read back into the policy, after its pause */
  PHASE_IDLE,       /* a frame with no change: what painting alone costs */
} Phase;

typedef struct {
  NpWindow      *window;   /* (owned) */
  GdkFrameClock *clock;    /* (owned) */
  GtkTextView   *view;     /* the YAML preview (borrowed from the window) */
  Phase          phase;
  guint          step;
  gint64         started;
  gulong         paint_handler;
  GArray        *select_ms;  /* double */
  GArray        *key_ms;     /* double */
  GArray        *select_change_ms;  /* double: the part before the frame, */
  GArray        *key_change_ms;     /* the change's own handlers */
  GArray        *idle_ms;           /* double */
  GArray        *select_cpu_ms;     /* double: the main thread's CPU time to the frame's end; */
  GArray        *key_cpu_ms;        /* the rest of the wall time it waited (for the X server) */
  GArray        *canvas_ms;         /* double: a pick to the frame that shows its canvas, */
  GArray        *canvas_cpu_ms;     /* and the main thread's CPU time over it */
  /* The first frame after a change, in phases (double, ms), select then keys */
  GArray        *wait_ms[2];        /* the change's end to the frame's start */
  GArray        *layout_ms[2];      /* the frame's start to the end of its layout */
  GArray        *paint_ms[2];       /* the layout's end to the end of its paint */
  GArray        *own_ms[2];         /* all of it but the wait: the editor's own work */
  gint64         changed;           /* when the change's own handlers ended; 0: no change timed */
  gint64         frame_started;
  gint64         laid_out;
  gint64         painted;
  gulong         phase_handlers[3];
  gulong         cycle_handlers[2];
  gint64         last_cycle;        /* when the frame clock last ran a frame */
  gint64         settle_started;
  double         quiet_ms;          /* the wait for a still clock before the picks */
  gulong         canvas_handler;
  double         cpu_started;
  double         read_back_ms;      /* last keystroke to the frame after it was read back */
  gulong         read_handler;
  GSourceFunc    done;
  gpointer       done_data;
} FrameBench;

static gboolean next_step (gpointer data);

/* The wait before the next change: @base and 0 to 16 ms more, each offset
 * once in 17 steps. A person's changes fall anywhere between two frames of
 * the clock; the same 150 ms after each frame (nine frames at 60 Hz) would
 * put every change at the same place between them, and time them all with
 * the same wait for the next frame. */
static guint
gap_ms (FrameBench *bench, guint base)
{
  return base + (bench->step * 7) % FRAME_MS;
}

/* The calling thread's CPU time, in milliseconds. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0;
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value below which @percent % of @values lie (nearest rank). */
static double
percentile (GArray *values, double percent)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  rank = (guint) (percent / 100.0 * values->len + 0.999999);
  return g_array_index (values, double, CLAMP (rank, 1, values->len) - 1);
}

static void
on_frame_started (GdkFrameClock *clock,
                  FrameBench    *bench)
{
  if (bench->changed != 0 && bench->frame_started == 0)
    bench->frame_started = g_get_monotonic_time ();
}

static void
on_laid_out (GdkFrameClock *clock,
             FrameBench    *bench)
{
  if (bench->frame_started != 0 && bench->laid_out == 0)
    bench->laid_out = g_get_monotonic_time ();
}

static void
on_painted (GdkFrameClock *clock,
            FrameBench    *bench)
{
  if (bench->laid_out != 0 && bench->painted == 0)
    bench->painted = g_get_monotonic_time ();
}

static void
on_cycle (GdkFrameClock *clock,
          FrameBench    *bench)
{
  bench->last_cycle = g_get_monotonic_time ();
}

/* The picks start once the window's frame clock has stood still for
 * QUIET_MS. Showing the panes scrolls the list to the policy shown, and
 * GTK then fades the list's overlay scrollbar in, and out again two
 * seconds after (a second each, the clock ticking at 60 Hz all along;
 * GTK checks every 0.5 s whether the 2 s have passed). A pick made while
 * the clock ticks waits for its next tick, so picks made in those
 * seconds would time GTK's fade after showing the list, not the pick. */
static gboolean
wait_for_quiet (gpointer data)
{
  FrameBench *bench = data;
  gint64 now = g_get_monotonic_time ();

  if ((now - bench->settle_started) / 1000 < SETTLE_MS ||
      ((now - bench->last_cycle) / 1000 < QUIET_MS && (now - bench->settle_started) / 1000 < QUIET_MAX_MS))
    return G_SOURCE_CONTINUE;
  bench->quiet_ms = (now - bench->settle_started) / 1000.0;
  next_step (bench);
  return G_SOURCE_REMOVE;
}

/* The first frame after the change has ended: its phases. A frame that
 * painted nothing has no paint phase; it still counts, with 0. */
static void
note_phases (FrameBench *bench)
{
  guint kind = bench->phase == PHASE_SELECT ? 0 : 1;
  double wait, layout, paint, own;

  if (bench->changed == 0 || bench->frame_started == 0 || bench->laid_out == 0)
    return;
  wait = (bench->frame_started - bench->changed) / 1000.0;
  layout = (bench->laid_out - bench->frame_started) / 1000.0;
  paint = bench->painted != 0 ? (bench->painted - bench->laid_out) / 1000.0 : 0;
  g_array_append_val (bench->wait_ms[kind], wait);
  g_array_append_val (bench->layout_ms[kind], layout);
  g_array_append_val (bench->paint_ms[kind], paint);
  /* Up to the frame's end, less the wait for the clock to start it. */
  own = (g_get_monotonic_time () - bench->started) / 1000.0 - wait;
  g_array_append_val (bench->own_ms[kind], own);
  bench->changed = 0;
}

/* After a pick: the frame that drew the canvas of the policy picked. */
static void
on_canvas_painted (GdkFrameClock *clock,
                   FrameBench    *bench)
{
  double ms, cpu;

  if (np_window_get_canvas_pending (bench->window))
    return;
  ms = (g_get_monotonic_time () - bench->started) / 1000.0;
  cpu = thread_cpu_ms () - bench->cpu_started;
  g_clear_signal_handler (&bench->canvas_handler, clock);
  g_array_append_val (bench->canvas_ms, ms);
  g_array_append_val (bench->canvas_cpu_ms, cpu);
  g_timeout_add (gap_ms (bench, SELECT_GAP_MS), next_step, bench);
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameBench    *bench)
{
  double ms = (g_get_monotonic_time () - bench->started) / 1000.0;

  g_clear_signal_handler (&bench->paint_handler, clock);
  if (bench->phase == PHASE_SELECT || bench->phase == PHASE_KEYS)
    note_phases (bench);
  if (bench->phase == PHASE_READ_BACK)
    {
      bench->read_back_ms = (g_get_monotonic_time () - bench->started) / 1000.0;
      bench->phase = PHASE_IDLE;
      bench->step = 0;
      g_timeout_add (SETTLE_MS, next_step, bench);
      return;
    }
  if (bench->phase == PHASE_SELECT)
    {
      /* The canvas follows in a frame of its own, or came with this one. */
      bench->canvas_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_canvas_painted), bench);
      if (np_window_get_canvas_pending (bench->window))
        gtk_widget_queue_draw (GTK_WIDGET (bench->window));
      else
        on_canvas_painted (clock, bench);
    }
  g_array_append_val (bench->phase == PHASE_SELECT ? bench->select_ms :
                      bench->phase == PHASE_KEYS ? bench->key_ms : bench->idle_ms, ms);
  if (bench->phase != PHASE_IDLE)
    {
      double cpu = thread_cpu_ms () - bench->cpu_started;

      g_array_append_val (bench->phase == PHASE_SELECT ? bench->select_cpu_ms : bench->key_cpu_ms, cpu);
    }
  if (bench->phase != PHASE_SELECT)
    g_timeout_add (gap_ms (bench, KEY_GAP_MS), next_step, bench);
}

/* Starts the clock, makes the change, and waits for the frame after it. */
static void
time_change (FrameBench *bench, void (*change) (FrameBench *bench))
{
  bench->paint_handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  bench->cpu_started = thread_cpu_ms ();
  bench->started = g_get_monotonic_time ();
  change (bench);
  bench->changed = bench->phase == PHASE_SELECT || bench->phase == PHASE_KEYS ? g_get_monotonic_time () : 0;
  bench->frame_started = bench->laid_out = bench->painted = 0;
  {
    double ms = (g_get_monotonic_time () - bench->started) / 1000.0;

    if (bench->phase != PHASE_IDLE)
      g_array_append_val (bench->phase == PHASE_SELECT ? bench->select_change_ms : bench->key_change_ms, ms);
  }
  /* A frame even if the change drew nothing, so that the wait ends. */
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
}

static guint
n_policies (FrameBench *bench)
{
  return g_list_model_get_n_items (G_LIST_MODEL (bench->window->documents_selection));
}

static void
select_next (FrameBench *bench)
{
  /* Spread over the list, never the one shown, never the typing target. */
  guint n = MAX (n_policies (bench), 3) - 1;
  guint position = (bench->step * 7919 + 1) % n;

  if (position == gtk_single_selection_get_selected (bench->window->documents_selection))
    position = (position + 1) % n;
  gtk_single_selection_set_selected (bench->window->documents_selection, position);
}

/* The typed text was read back into the policy: time the frame after it
 * from the last keystroke (the wait for a pause in the typing included). */
static void
on_text_read (NpYamlPane *pane,
              FrameBench *bench)
{
  g_clear_signal_handler (&bench->read_handler, pane);
  bench->paint_handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
}

static void
no_change (FrameBench *bench)
{
}

static void
type_key (FrameBench *bench)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (bench->view);

  /* "x" and backspace in turn: the policy's name grows and shrinks. */
  if (bench->step % 2 == 0)
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "x", 1, TRUE);
  else
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_backspace (buffer, &cursor, TRUE, TRUE);
    }
}

/* The cursor at the end of the first "name:" line, as a person would put it. */
static void
place_cursor (FrameBench *bench)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (bench->view);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (gtk_text_iter_forward_search (&start, "name:", 0, &match_start, &match_end, NULL))
    {
      gtk_text_iter_forward_to_line_end (&match_end);
      gtk_text_buffer_place_cursor (buffer, &match_end);
    }
  gtk_widget_grab_focus (GTK_WIDGET (bench->view));
}

static void
finish (FrameBench *bench)
{
  /* A fixed, untranslated format: bench/bench-start.py reads it. */
  fprintf (stderr, "netpol-editor: frames: select p50 %.1f ms, p95 %.1f ms, max %.1f ms, n %u, "
           "change p50 %.1f ms, cpu p50 %.1f ms, p95 %.1f ms; keystroke p50 %.1f ms, p95 %.1f ms, max %.1f ms, n %u, "
           "change p50 %.1f ms, cpu p50 %.1f ms, p95 %.1f ms; to the canvas p50 %.1f ms, p95 %.1f ms, "
           "cpu p50 %.1f ms, p95 %.1f ms; read back %.1f ms; unchanged p50 %.1f ms, p95 %.1f ms, n %u\n",
           percentile (bench->select_ms, 50), percentile (bench->select_ms, 95),
           percentile (bench->select_ms, 100), bench->select_ms->len,
           percentile (bench->select_change_ms, 50), percentile (bench->select_cpu_ms, 50),
           percentile (bench->select_cpu_ms, 95),
           percentile (bench->key_ms, 50), percentile (bench->key_ms, 95),
           percentile (bench->key_ms, 100), bench->key_ms->len,
           percentile (bench->key_change_ms, 50), percentile (bench->key_cpu_ms, 50),
           percentile (bench->key_cpu_ms, 95),
           percentile (bench->canvas_ms, 50), percentile (bench->canvas_ms, 95),
           percentile (bench->canvas_cpu_ms, 50), percentile (bench->canvas_cpu_ms, 95), bench->read_back_ms,
           percentile (bench->idle_ms, 50), percentile (bench->idle_ms, 95), bench->idle_ms->len);
  fprintf (stderr, "netpol-editor: frame phases: select wait p50 %.1f ms, layout p50 %.1f ms, paint p50 %.1f ms; "
           "keystroke wait p50 %.1f ms, layout p50 %.1f ms, paint p50 %.1f ms; "
           "without the wait: select p50 %.1f ms, p95 %.1f ms, keystroke p50 %.1f ms, p95 %.1f ms; "
           "the clock still after %.0f ms\n",
           percentile (bench->wait_ms[0], 50), percentile (bench->layout_ms[0], 50),
           percentile (bench->paint_ms[0], 50), percentile (bench->wait_ms[1], 50),
           percentile (bench->layout_ms[1], 50), percentile (bench->paint_ms[1], 50),
           percentile (bench->own_ms[0], 50), percentile (bench->own_ms[0], 95),
           percentile (bench->own_ms[1], 50), percentile (bench->own_ms[1], 95), bench->quiet_ms);
  fflush (stderr);
  bench->done (bench->done_data);
  g_array_unref (bench->select_ms);
  g_array_unref (bench->key_ms);
  g_array_unref (bench->select_change_ms);
  g_array_unref (bench->key_change_ms);
  g_array_unref (bench->idle_ms);
  g_array_unref (bench->select_cpu_ms);
  g_array_unref (bench->key_cpu_ms);
  g_array_unref (bench->canvas_ms);
  g_array_unref (bench->canvas_cpu_ms);
  for (guint i = 0; i < 2; i++)
    {
      g_array_unref (bench->wait_ms[i]);
      g_array_unref (bench->layout_ms[i]);
      g_array_unref (bench->paint_ms[i]);
      g_array_unref (bench->own_ms[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bench->phase_handlers); i++)
    g_clear_signal_handler (&bench->phase_handlers[i], bench->clock);
  for (guint i = 0; i < G_N_ELEMENTS (bench->cycle_handlers); i++)
    g_clear_signal_handler (&bench->cycle_handlers[i], bench->clock);
  g_object_unref (bench->clock);
  g_object_unref (bench->window);
  g_free (bench);
}

static gboolean
next_step (gpointer data)
{
  FrameBench *bench = data;

  if (bench->phase == PHASE_SELECT && bench->step < N_SELECTIONS)
    {
      bench->step++;
      time_change (bench, select_next);
      return G_SOURCE_REMOVE;
    }
  if (bench->phase == PHASE_SELECT)
    {
      /* The last policy of the list is the one typed into. */
      bench->phase = PHASE_KEYS;
      bench->step = 0;
      gtk_single_selection_set_selected (bench->window->documents_selection, n_policies (bench) - 1);
      g_timeout_add (SETTLE_MS, next_step, bench);
      return G_SOURCE_REMOVE;
    }
  if (bench->phase == PHASE_KEYS && bench->step == 0)
    place_cursor (bench);
  if (bench->phase == PHASE_KEYS && bench->step < N_KEYSTROKES)
    {
      time_change (bench, type_key);
      bench->step++;
      return G_SOURCE_REMOVE;
    }
  if (bench->phase == PHASE_KEYS)
    {
      /* One more key, then a pause: the text is read back into the policy
       * (its canvas too); then frames that change nothing. */
      bench->phase = PHASE_READ_BACK;
      bench->read_handler = g_signal_connect (bench->window->yaml_pane, "text-read",
                                              G_CALLBACK (on_text_read), bench);
      bench->started = g_get_monotonic_time ();
      type_key (bench);
      return G_SOURCE_REMOVE;
    }
  if (bench->step < N_IDLE)
    {
      time_change (bench, no_change);
      bench->step++;
      return G_SOURCE_REMOVE;
    }
  finish (bench);
  return G_SOURCE_REMOVE;
}

void
np_window_bench_frames (NpWindow    *self,
                        GSourceFunc  done,
                        gpointer     done_data)
{
  FrameBench *bench;
  GdkSurface *surface;

  g_return_if_fail (NP_IS_WINDOW (self));

  surface = gtk_native_get_surface (GTK_NATIVE (self));
  g_return_if_fail (surface != NULL);
  bench = g_new0 (FrameBench, 1);
  bench->window = g_object_ref (self);
  bench->clock = g_object_ref (gdk_surface_get_frame_clock (surface));
  bench->view = np_yaml_pane_get_text_view (self->yaml_pane);
  bench->select_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->key_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->select_change_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->key_change_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->idle_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->select_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->key_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->canvas_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->canvas_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < 2; i++)
    {
      bench->wait_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
      bench->layout_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
      bench->paint_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
      bench->own_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  /* Connected after GDK's own handlers: each marks the end of its phase. */
  bench->phase_handlers[0] = g_signal_connect (bench->clock, "before-paint", G_CALLBACK (on_frame_started), bench);
  bench->phase_handlers[1] = g_signal_connect (bench->clock, "layout", G_CALLBACK (on_laid_out), bench);
  bench->phase_handlers[2] = g_signal_connect (bench->clock, "paint", G_CALLBACK (on_painted), bench);
  /* The update phase runs in every frame, the after-paint in every one
   * that a change asked for. */
  bench->cycle_handlers[0] = g_signal_connect (bench->clock, "update", G_CALLBACK (on_cycle), bench);
  bench->cycle_handlers[1] = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_cycle), bench);
  bench->done = done;
  bench->done_data = done_data;
  /* As a person works on a large file: the list and the YAML shown. */
  adw_flap_set_reveal_flap (self->flap, TRUE);
  g_object_set (self->yaml_pane, "text-visible", TRUE, NULL);
  bench->settle_started = bench->last_cycle = g_get_monotonic_time ();
  g_timeout_add (FRAME_MS, wait_for_quiet, bench);
}
