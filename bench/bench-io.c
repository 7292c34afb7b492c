/* bench-io.c: how long opening, checking and formatting a large manifest takes against libyaml alone
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates (with a fixed seed, see np-bench-gen.c) a multi-document file
 * of 5,000 policies (~10 MB) in a temporary folder, then measures, reading
 * the file each time, what `netpol validate FILE` does
 * (np_manifest_validate_bytes: a document at a time) against a baseline that
 * only scans the same file with libyaml's event parser, and what `netpol fmt
 * FILE` does (np_manifest_format_bytes: a document at a time) against a baseline
 * that parses the file into events and emits the same events again with
 * libyaml's emitter. Runs alternate between the subject and its baseline;
 * the median of RUNS runs counts. Peak memory is the VmHWM of a child
 * process (this program run again with --peak) that resets its high-water
 * mark before reading the file. Prints markdown tables with each figure,
 * its baseline, their ratio and the target.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <yaml.h>

#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-bench-gen.h"

#define N_POLICIES    5000
#define N_WORKLOADS   500
#define SEED          20261126
#define RUNS          5
#define TARGET_TIME   1.5
#define TARGET_MEMORY 5.0

typedef enum {
  TASK_SCAN,
  TASK_VALIDATE,
  TASK_EMIT,
  TASK_FMT,
  N_TASKS
} Task;

static const char * const task_names[N_TASKS] = { "scan", "validate", "emit", "fmt" };

typedef struct {
  gsize n_out;        /* events, diagnostics or bytes written */
  guint n_policies;
  guint n_errors;
} Outcome;

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (contents, length);
}

static void
scan (const char *path,
      Outcome    *outcome)
{
  g_autoptr(GBytes) bytes = read_file (path);
  yaml_parser_t parser;
  gboolean done = FALSE;
  gsize n_events = 0;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        g_error ("libyaml: %s", parser.problem);
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete (&event);
      n_events++;
    }
  yaml_parser_delete (&parser);
  outcome->n_out = n_events;
}

static int
append_output (void          *data,
               unsigned char *buffer,
               size_t         size)
{
  g_string_append_len (data, (const char *) buffer, size);
  return 1;
}

static void
emit (const char *path,
      Outcome    *outcome)
{
  g_autoptr(GBytes) bytes = read_file (path);
  g_autoptr(GString) out = g_string_sized_new (g_bytes_get_size (bytes));
  yaml_parser_t parser;
  yaml_emitter_t emitter;
  gboolean done = FALSE;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  yaml_emitter_initialize (&emitter);
  yaml_emitter_set_output (&emitter, append_output, out);
  yaml_emitter_set_unicode (&emitter, 1);
  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        g_error ("libyaml: %s", parser.problem);
      done = event.type == YAML_STREAM_END_EVENT;
      /* the emitter takes the event, and frees it even on failure */
      if (!yaml_emitter_emit (&emitter, &event))
        g_error ("libyaml: %s", emitter.problem);
    }
  yaml_emitter_delete (&emitter);
  yaml_parser_delete (&parser);
  outcome->n_out = out->len;
}

static void
validate (const char *path,
          Outcome    *outcome)
{
  g_autoptr(GBytes) bytes = read_file (path);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (!np_manifest_validate_bytes (bytes, "bench.yaml", NP_VALIDATE_DEFAULT, diagnostics,
                                   &outcome->n_policies, &error))
    g_error ("%s", error->message);
  outcome->n_out = diagnostics->len;
  outcome->n_errors = 0;
  for (guint i = 0; i < diagnostics->len; i++)
    if (np_diagnostic_get_severity (g_ptr_array_index (diagnostics, i)) == NP_SEVERITY_ERROR)
      outcome->n_errors++;
}

static void
fmt (const char *path,
     Outcome    *outcome)
{
  g_autoptr(GBytes) bytes = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) formatted = np_manifest_format_bytes (bytes, "bench.yaml",
                                                          np_manifest_detect_format (bytes), &error);

  if (formatted == NULL)
    g_error ("%s", error->message);
  outcome->n_out = g_bytes_get_size (formatted);
}

static double
run_task (Task        task,
          const char *path,
          Outcome    *outcome)
{
  gint64 start = g_get_monotonic_time ();

  switch (task)
    {
    case TASK_SCAN: scan (path, outcome); break;
    case TASK_VALIDATE: validate (path, outcome); break;
    case TASK_EMIT: emit (path, outcome); break;
    case TASK_FMT: fmt (path, outcome); break;
    case N_TASKS:
    default: g_assert_not_reached ();
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The high-water mark of this process's resident memory, in bytes. */
static guint64
read_vm_hwm (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) * 1024;
}

/* bench-io --peak TASK FILE: runs TASK once and prints its peak memory. */
static int
peak_main (const char *name,
           const char *path)
{
  Outcome outcome = { 0 };

  /* start the high-water mark from what is resident now */
  if (!g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL))
    {
      FILE *stream = fopen ("/proc/self/clear_refs", "w");

      if (stream == NULL || fputs ("5", stream) < 0 || fclose (stream) != 0)
        g_warning ("cannot reset the peak memory");
    }
  for (Task task = 0; task < N_TASKS; task++)
    if (g_str_equal (name, task_names[task]))
      {
        run_task (task, path, &outcome);
        printf ("%" G_GUINT64_FORMAT "\n", read_vm_hwm ());
        return 0;
      }
  g_printerr ("bench-io: unknown task %s\n", name);
  return 2;
}

static guint64
measure_peak (const char *self,
              Task        task,
              const char *path)
{
  const char *argv[] = { self, "--peak", task_names[task], path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("bench-io --peak %s: %s", task_names[task], error->message);
  return g_ascii_strtoull (out, NULL, 10);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof *values, compare_doubles);
  return values[RUNS / 2];
}

static const char *
verdict (double ratio,
         double target)
{
  return ratio <= target ? "met" : "MISSED";
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *self = NULL;
  double times[N_TASKS][RUNS];
  double med[N_TASKS];
  guint64 peak[N_TASKS];
  Outcome outcome[N_TASKS] = { { 0 } };
  gsize length;
  double size_mb;

  if (argc == 4 && g_str_equal (argv[1], "--peak"))
    return peak_main (argv[2], argv[3]);
  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "--generate"))
    {
      /* bench-io --generate FILE [N_POLICIES]: writes the file, for
       * profiling and for the start-up benchmark */
      guint n_policies = argc == 4 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : N_POLICIES;

      text = np_bench_gen_manifest (n_policies, N_WORKLOADS * n_policies / N_POLICIES, SEED, &length);
      if (!g_file_set_contents (argv[2], text, length, &error))
        g_error ("%s", error->message);
      return 0;
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  dir = g_dir_make_tmp ("bench-io-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "policies.yaml", NULL);
  text = np_bench_gen_manifest (N_POLICIES, N_WORKLOADS, SEED, &length);
  if (!g_file_set_contents (path, text, length, &error))
    g_error ("%s", error->message);
  g_clear_pointer (&text, g_free);
  size_mb = length / 1e6;

  /* one run each to warm the caches, then alternate subject and baseline */
  for (Task task = 0; task < N_TASKS; task++)
    run_task (task, path, &outcome[task]);
  for (guint i = 0; i < RUNS; i++)
    for (Task task = 0; task < N_TASKS; task++)
      times[task][i] = run_task (task, path, &outcome[task]);
  for (Task task = 0; task < N_TASKS; task++)
    {
      med[task] = median (times[task]);
      peak[task] = measure_peak (self, task, path);
    }

  printf ("A generated file of %u policies and %u workloads, %.1f MB; "
          "median of %d runs each, reading the file included.\n\n",
          outcome[TASK_VALIDATE].n_policies, N_WORKLOADS, size_mb, RUNS);
  printf ("| figure | value | baseline | ratio | target |\n");
  printf ("|---|---:|---:|---:|---|\n");
  printf ("| `netpol validate` time (load, validate) vs libyaml event scan | %.0f ms | %.0f ms | %.2f× | ≤ %.1f× (%s) |\n",
          med[TASK_VALIDATE], med[TASK_SCAN], med[TASK_VALIDATE] / med[TASK_SCAN], TARGET_TIME,
          verdict (med[TASK_VALIDATE] / med[TASK_SCAN], TARGET_TIME));
  printf ("| `netpol validate` peak memory vs file size | %.1f MB | %.1f MB | %.2f× | ≤ %.0f× (%s) |\n",
          peak[TASK_VALIDATE] / 1e6, size_mb, peak[TASK_VALIDATE] / 1e6 / size_mb, TARGET_MEMORY,
          verdict (peak[TASK_VALIDATE] / 1e6 / size_mb, TARGET_MEMORY));
  printf ("| `netpol fmt` time (load, format) vs libyaml parse and emit | %.0f ms | %.0f ms | %.2f× | ≤ %.1f× (%s) |\n",
          med[TASK_FMT], med[TASK_EMIT], med[TASK_FMT] / med[TASK_EMIT], TARGET_TIME,
          verdict (med[TASK_FMT] / med[TASK_EMIT], TARGET_TIME));
  printf ("\n");
  printf ("| run | median (ms) | fastest (ms) | peak memory (MB) | output |\n");
  printf ("|---|---:|---:|---:|---|\n");
  for (Task task = 0; task < N_TASKS; task++)
    {
      g_autofree char *what = NULL;

      switch (task)
        {
        case TASK_SCAN: what = g_strdup_printf ("%" G_GSIZE_FORMAT " events", outcome[task].n_out); break;
        case TASK_VALIDATE:
          what = g_strdup_printf ("%" G_GSIZE_FORMAT " findings, %u errors", outcome[task].n_out,
                                  outcome[task].n_errors);
          break;
        case TASK_EMIT:
        case TASK_FMT: what = g_strdup_printf ("%.1f MB", outcome[task].n_out / 1e6); break;
        case N_TASKS:
        default: g_assert_not_reached ();
        }
      printf ("| %s | %.0f | %.0f | %.1f | %s |\n", task_names[task], med[task], times[task][0],
              peak[task] / 1e6, what);
    }

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
