/* np-test-util.c: helpers shared by the test programs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "np-test-util.h"

const char *
np_test_shared_dir (void)
{
  const char *dir = g_getenv ("NP_SHARED_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared is not beside the project");
      return NULL;
    }
  return dir;
}

char *
np_test_corpus_path (const char *relative)
{
  const char *shared = np_test_shared_dir ();

  if (shared == NULL)
    return NULL;
  return g_build_filename (shared, "corpus", relative, NULL);
}

static gboolean
has_suffix (const char *name, const char * const *suffixes)
{
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (name, suffixes[i]))
      return TRUE;
  return FALSE;
}

static void
list_into (const char *dir, const char * const *suffixes, GPtrArray *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_into (path, suffixes, out);
      else if (has_suffix (name, suffixes))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

GPtrArray *
np_test_list_files (const char *dir, const char * const *suffixes)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  list_into (dir, suffixes, out);
  g_ptr_array_sort (out, compare_strings);
  return out;
}

char *
np_test_read_file (const char *path, gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
record_notify (GObject *object, GParamSpec *pspec, GPtrArray *seen)
{
  g_ptr_array_add (seen, g_strdup (pspec->name));
}

void
np_test_assert_notifies (gpointer            object,
                         NpTestFunc          func,
                         gpointer            data,
                         const char * const *expected)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  gulong id = g_signal_connect (object, "notify", G_CALLBACK (record_notify), seen);
  guint n = 0;

  func (data);
  g_signal_handler_disconnect (object, id);

  for (; expected[n] != NULL; n++)
    {
      g_assert_cmpuint (n, <, seen->len);
      g_assert_cmpstr (g_ptr_array_index (seen, n), ==, expected[n]);
    }
  g_assert_cmpuint (seen->len, ==, n);
}

static void
count_emission (gpointer instance, guint *count)
{
  (*count)++;
}

guint
np_test_count_signal (gpointer    object,
                      const char *signal,
                      NpTestFunc  func,
                      gpointer    data)
{
  guint count = 0;
  gulong id = g_signal_connect (object, signal, G_CALLBACK (count_emission), &count);

  func (data);
  g_signal_handler_disconnect (object, id);
  return count;
}

void
np_test_init_keep_going (int *argc, char ***argv)
{
  /* kept for the whole run, as the arguments are */
  static char **args;
  int n_args = *argc;

  args = g_new0 (char *, *argc + 2);
  memcpy (args, *argv, sizeof (char *) * *argc);
  args[n_args++] = (char *) "--keep-going";
  *argv = args;
  *argc = n_args;

  g_test_init (argc, argv, NULL);
}

/* how many failures have been reported, to tell whether a check found any */
static guint n_failures;

static void fail_valist (const char *subject,
                         GPtrArray  *diagnostics,
                         const char *format,
                         va_list     args) G_GNUC_PRINTF (3, 0);

/* "FAILED subject: why", every diagnostic, and the test marked failed. */
static void
fail_valist (const char *subject,
             GPtrArray  *diagnostics,
             const char *format,
             va_list     args)
{
  g_autofree char *why = g_strdup_vprintf (format, args);

  n_failures++;
  g_test_message ("FAILED %s: %s", subject, why);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *text = np_diagnostic_format (d);

      g_test_message ("    got %s (%s)", text, np_diagnostic_get_code (d));
    }
  g_test_fail_printf ("%s: %s", subject, why);
}

void
np_test_fail (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  n_failures++;
  g_test_message ("FAILED: %s", message);
  g_test_fail_printf ("%s", message);
}

void
np_test_fail_listing (const char *subject, GPtrArray *diagnostics, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (subject, diagnostics, format, args);
  va_end (args);
}

void
np_test_case_failed (const char *case_name, GPtrArray *diagnostics, const char *format, ...)
{
  g_autofree char *subject = g_strdup_printf ("case “%s”", case_name);
  va_list args;

  va_start (args, format);
  fail_valist (subject, diagnostics, format, args);
  va_end (args);
}

static gboolean
path_matches (const char *expected, const char *actual)
{
  if (*expected == '\0')
    return actual == NULL || *actual == '\0';
  return g_strcmp0 (expected, actual) == 0;
}

/* The diagnostic of @diagnostics, not yet @used, with the code and path of
 * @x; marks it used. */
static NpDiagnostic *
take_finding (GPtrArray *diagnostics, gboolean *used, const NpTestExpected *x)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (!used[i] && g_strcmp0 (np_diagnostic_get_code (d), x->code) == 0 &&
          path_matches (x->path, np_diagnostic_get_path (d)))
        {
          used[i] = TRUE;
          return d;
        }
    }
  return NULL;
}

gboolean
np_test_check_findings (const char           *case_name,
                        NpTestOutcome         outcome,
                        gboolean              loaded,
                        GPtrArray            *diagnostics,
                        const NpTestExpected *expected,
                        guint                 n_expected)
{
  g_autofree gboolean *used = g_new0 (gboolean, diagnostics->len + 1);
  guint n_failures_before = n_failures;

  if (outcome == NP_TEST_LOAD && loaded)
    {
      np_test_case_failed (case_name, diagnostics, "the text was read as a policy, but reading should fail");
      return FALSE;
    }
  if (outcome != NP_TEST_LOAD && !loaded)
    {
      np_test_case_failed (case_name, diagnostics, "the text could not be read as a policy");
      return FALSE;
    }

  for (guint e = 0; e < n_expected && expected[e].code != NULL; e++)
    {
      const NpTestExpected *x = &expected[e];
      NpDiagnostic *found = take_finding (diagnostics, used, x);

      if (found == NULL)
        {
          np_test_case_failed (case_name, diagnostics, "expected %s “%s” at path “%s”, which did not come",
                               np_severity_to_string (x->severity), x->code, x->path);
          continue;
        }
      if (np_diagnostic_get_severity (found) != x->severity)
        np_test_case_failed (case_name, diagnostics, "“%s” at “%s” should be a %s, not a %s", x->code, x->path,
                             np_severity_to_string (x->severity),
                             np_severity_to_string (np_diagnostic_get_severity (found)));
      if ((x->line != 0 && np_diagnostic_get_line (found) != x->line) ||
          (x->column != 0 && np_diagnostic_get_column (found) != x->column))
        np_test_case_failed (case_name, diagnostics, "“%s” at “%s” should point at %u:%u, not %u:%u",
                             x->code, x->path, x->line, x->column,
                             np_diagnostic_get_line (found), np_diagnostic_get_column (found));
      if (x->message != NULL)
        {
          const char *message = np_diagnostic_get_message (found);

          if (x->message[0] == '!' && strstr (message, x->message + 1) != NULL)
            np_test_case_failed (case_name, diagnostics, "the message of “%s” should not contain “%s”: %s",
                                 x->code, x->message + 1, message);
          else if (x->message[0] != '!' && strstr (message, x->message) == NULL)
            np_test_case_failed (case_name, diagnostics, "the message of “%s” should contain “%s”: %s",
                                 x->code, x->message, message);
        }
    }

  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *text = NULL;

      if (used[i])
        continue;
      if (outcome == NP_TEST_VALID && np_diagnostic_get_severity (d) != NP_SEVERITY_ERROR)
        continue;
      text = np_diagnostic_format (d);
      np_test_case_failed (case_name, diagnostics, "unexpected %s “%s”: %s",
                           np_severity_to_string (np_diagnostic_get_severity (d)), np_diagnostic_get_code (d), text);
    }
  return n_failures == n_failures_before;
}

void
np_test_run_clear (NpTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
np_test_run_netpol (NpTestRun  *run,
                    const char *input,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("NETPOL"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Messages in English, whatever the machine's locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, in, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  run->status = g_subprocess_get_exit_status (process);
  run->out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

char *
np_test_temp_file (const char *name,
                   const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("netpol-test-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

void
np_test_remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

char *
np_test_join_lines (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}
