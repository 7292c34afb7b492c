/* test-reliability.c: saving never loses the file, outside changes are noticed, unsaved work is recoverable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "np-file-watch.h"
#include "np-manifest.h"
#include "np-policy.h"
#include "np-recovery.h"
#include "np-safe-write.h"

static const char original[] =
  "# keep this comment\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: web\n"
  "  namespace: prod\n"
  "spec:\n"
  "  podSelector: {matchLabels: {app: web}}\n"
  "  policyTypes: [Ingress]\n";

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static NpManifest *
load_and_edit (const char *path,
               GFile      *file)
{
  NpManifest *manifest = np_manifest_new ();
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GObject) policy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  g_assert_true (np_manifest_load_file (manifest, file, NULL, &error));
  g_assert_no_error (error);
  policies = np_manifest_list_policies (manifest);
  policy = g_list_model_get_item (policies, 0);
  np_policy_set_name (NP_POLICY (policy), "edited");
  g_assert_true (np_manifest_get_modified (manifest));
  return manifest;
}

/* Each step of the save failing (as a full disk or a dying disk would)
 * leaves the original byte for byte, no temporary file, and the document
 * still modified with the edit in it. */
static void
test_save_failure_stages (void)
{
  static const char * const stages[] = { "create", "write", "sync", "rename" };
  g_autofree char *dir = g_dir_make_tmp ("np-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NpManifest) manifest = NULL;

  manifest = load_and_edit (path, file);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) text = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *names = NULL;
      GStatBuf st;

      g_test_message ("failing at %s", stages[i]);
      g_setenv ("NP_TEST_SAVE_FAIL", stages[i], TRUE);
      g_assert_false (np_manifest_save (manifest, file, NULL, &error));
      g_unsetenv ("NP_TEST_SAVE_FAIL");
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR);
      g_assert_nonnull (strstr (error->message, "policy.yaml"));

      g_assert_true (np_manifest_get_modified (manifest));
      text = np_manifest_to_bytes (manifest);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "name: edited\n"));

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, original);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0640);
      names = list_dir (dir);
      g_assert_cmpstr (names, ==, "policy.yaml");
    }

  /* Once the disk works again the same document saves. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;
    g_autofree char *names = NULL;
    GStatBuf st;

    g_assert_true (np_manifest_save (manifest, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (np_manifest_get_modified (manifest));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "# keep this comment\n"));
    g_assert_nonnull (strstr (contents, "  name: edited\n"));
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
    names = list_dir (dir);
    g_assert_cmpstr (names, ==, "policy.yaml");
  }
  remove_tree (dir);
}

static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NpManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;

  manifest = load_and_edit (path, file);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) == 0)
    {
      /* root (and CAP_DAC_OVERRIDE) writes anyway: nothing to test. */
      g_chmod (dir, 0700);
      remove_tree (dir);
      g_test_skip ("a read-only folder is writable for this user");
      return;
    }
  g_assert_false (np_manifest_save (manifest, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_true (np_manifest_get_modified (manifest));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, original);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "policy.yaml");
  g_chmod (dir, 0700);
  remove_tree (dir);
}

/* The folder went away (an unmounted drive, a removed checkout): the save
 * fails with the reason and the document keeps its changes. */
static void
test_save_folder_removed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NpManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;

  manifest = load_and_edit (path, file);
  remove_tree (dir);
  g_assert_false (np_manifest_save (manifest, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "policy.yaml"));
  g_assert_true (np_manifest_get_modified (manifest));
  text = np_manifest_to_bytes (manifest);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "name: edited\n"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* A new file gets the mode any program would give it: 0666 less the umask. */
static void
test_save_new_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.yaml", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old_mask = umask (027);
  GStatBuf st;

  g_assert_true (np_safe_write_file (path, "a: 1\n", 5, &error));
  umask (old_mask);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_cmpint (st.st_size, ==, 5);
  remove_tree (dir);
}

/* Saving through a symbolic link replaces the file it points to and keeps
 * the link. */
static void
test_save_symlink (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-save-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.yaml", NULL);
  g_autofree char *link = g_build_filename (dir, "link.yaml", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (real, original, -1, NULL));
  g_assert_cmpint (symlink ("real.yaml", link), ==, 0);
  g_assert_true (np_safe_write_file (link, "new\n", 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new\n");
  remove_tree (dir);
}

/* The child of test_kill_during_save: saves two different large texts
 * alternately until it is killed. */
static int
save_loop (const char *path)
{
  gsize size = 4 * 1024 * 1024;
  g_autofree char *a = g_malloc (size);
  g_autofree char *b = g_malloc (size);

  memset (a, 'a', size);
  memset (b, 'b', size);
  for (guint i = 0;; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!np_safe_write_file (path, i % 2 ? b : a, size, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  return 0;
}

/* The child of test_real_write_error: saves a large text with files limited
 * to 64 KiB, so that write() itself fails (EFBIG) as on a full disk; prints
 * the error. */
static int
save_limited (const char *path)
{
  struct rlimit limit = { 64 * 1024, 64 * 1024 };
  gsize size = 1024 * 1024;
  g_autofree char *big = g_malloc (size);
  g_autoptr(GError) error = NULL;

  memset (big, 'x', size);
  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    return 2;
  if (np_safe_write_file (path, big, size, &error))
    return 3;
  g_print ("%s\n", error->message);
  return 0;
}

static const char *self_exe;

/* A real failure of write(), not an injected one (this works as root too,
 * where a read-only folder does not stop anything). */
static void
test_real_write_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--save-limited", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_assert_nonnull (strstr (out, "Could not save"));
  g_assert_nonnull (strstr (out, "policy.yaml"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, original);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "policy.yaml");
  remove_tree (dir);
}

/* Kills a process in the middle of saving, many times at random moments: the
 * file is always one complete version, never a mix or a truncation. */
static void
test_kill_during_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.yaml", NULL);
  gsize size = 4 * 1024 * 1024;
  guint interrupted = 0;
  guint rounds = 40;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *names = NULL;
      gsize length = 0;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                self_exe, "--save-loop", path, NULL);
      g_assert_no_error (error);
      g_usleep (g_random_int_range (20, 150) * 1000);
      g_subprocess_force_exit (child);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (g_subprocess_get_if_exited (child));

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (length == 4)
        g_assert_cmpstr (contents, ==, "old\n");
      else
        {
          g_assert_cmpuint (length, ==, size);
          /* every byte the same: one whole version */
          for (gsize i = 1; i < length; i++)
            if (contents[i] != contents[0])
              g_error ("round %u: byte %" G_GSIZE_FORMAT " is '%c' in a file of '%c'",
                       round, i, contents[i], contents[0]);
          g_assert_true (contents[0] == 'a' || contents[0] == 'b');
        }

      /* A temporary file left by the kill shows the save was cut short;
       * only that one, hidden, and never under the real name. */
      names = list_dir (dir);
      if (!g_str_equal (names, "big.yaml"))
        {
          g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
          const char *name;

          interrupted++;
          while ((name = g_dir_read_name (d)) != NULL)
            {
              g_autofree char *temp = g_build_filename (dir, name, NULL);

              if (g_str_equal (name, "big.yaml"))
                continue;
              g_assert_true (g_str_has_prefix (name, ".big.yaml."));
              g_unlink (temp);
            }
        }
    }
  g_test_message ("%u of %u kills interrupted a save", interrupted, rounds);
  g_assert_cmpuint (interrupted, >, 0);
  remove_tree (dir);
}

/* File watch ------------------------------------------------------------- */

typedef struct {
  guint   changed;
  guint   deleted;
  GBytes *last;
} WatchLog;

static void
on_changed (NpFileWatch *watch,
            GBytes      *contents,
            WatchLog    *log)
{
  log->changed++;
  g_clear_pointer (&log->last, g_bytes_unref);
  log->last = g_bytes_ref (contents);
}

static void
on_deleted (NpFileWatch *watch,
            WatchLog    *log)
{
  log->deleted++;
}

/* Runs the main loop until *@counter reaches @wanted or @ms pass. */
static void
wait_for (guint *counter,
          guint  wanted,
          guint  ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (*counter < wanted && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

static void
test_file_watch (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-watch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NpFileWatch) watch = NULL;
  g_autoptr(GBytes) mine = g_bytes_new_static (original, strlen (original));
  g_autoptr(GError) error = NULL;
  WatchLog log = { 0 };

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  watch = np_file_watch_new (file);
  g_assert_true (np_file_watch_get_file (watch) == file);
  np_file_watch_set_contents (watch, mine);
  g_signal_connect (watch, "changed-on-disk", G_CALLBACK (on_changed), &log);
  g_signal_connect (watch, "deleted-on-disk", G_CALLBACK (on_deleted), &log);

  /* The editor's own save writes what it already knows: no report. */
  g_assert_true (np_safe_write_file (path, original, strlen (original), &error));
  g_assert_no_error (error);
  wait_for (&log.changed, 1, 1000);
  g_assert_cmpuint (log.changed, ==, 0);

  /* Another program replaces it. */
  g_assert_true (g_file_set_contents (path, "changed: 1\n", -1, NULL));
  wait_for (&log.changed, 1, 5000);
  g_assert_cmpuint (log.changed, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (log.last, NULL), g_bytes_get_size (log.last), "changed: 1\n", 11);

  /* ... or writes into it in place. */
  {
    FILE *stream = fopen (path, "a");

    g_assert_nonnull (stream);
    fputs ("more: 2\n", stream);
    fclose (stream);
  }
  wait_for (&log.changed, 2, 5000);
  g_assert_cmpuint (log.changed, ==, 2);
  g_assert_cmpmem (g_bytes_get_data (log.last, NULL), g_bytes_get_size (log.last),
                   "changed: 1\nmore: 2\n", 19);

  /* Deleted: reported once. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_for (&log.deleted, 1, 5000);
  g_assert_cmpuint (log.deleted, ==, 1);
  np_file_watch_check (watch);
  g_assert_cmpuint (log.deleted, ==, 1);

  /* Back again with other text: changed. */
  g_assert_true (g_file_set_contents (path, "back: 3\n", -1, NULL));
  wait_for (&log.changed, 3, 5000);
  g_assert_cmpuint (log.changed, ==, 3);
  g_assert_cmpuint (log.deleted, ==, 1);

  g_clear_object (&watch);
  g_clear_pointer (&log.last, g_bytes_unref);
  remove_tree (dir);
}

/* Recovery --------------------------------------------------------------- */

/* Quotes, backslashes and tabs survive the JSON of the recovery file. */
static const char odd_text[] = "kind: Other\n\"quoted\" \\ tab\t\n";

static void
test_recovery_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-recovery-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(GFile) file = g_file_new_for_path ("/srv/policies/web policy.yaml");
  g_autoptr(NpRecovery) first = np_recovery_new (state);
  g_autoptr(NpRecovery) second = np_recovery_new (state);
  g_autoptr(GBytes) text = g_bytes_new_static (original, strlen (original));
  g_autoptr(GBytes) other = g_bytes_new_static (odd_text, strlen (odd_text));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  NpRecovery *entry;
  GStatBuf st;

  g_assert_cmpstr (np_recovery_get_path (first), !=, np_recovery_get_path (second));
  g_assert_true (g_str_has_prefix (np_recovery_get_path (first), state));

  /* Nothing yet, not even the folder. */
  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  np_recovery_set_file (first, file);
  g_assert_true (np_recovery_store (first, text, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (np_recovery_store (second, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (state, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Half-written and foreign files are skipped. */
  {
    g_autofree char *temp = g_build_filename (state, ".123-1-0.json.ABCDEF~", NULL);
    g_autofree char *broken = g_build_filename (state, "1-1-1.json", NULL);
    g_autofree char *future = g_build_filename (state, "2-1-1.json", NULL);
    g_autofree char *live = g_build_filename (state, "3-1-1.json", NULL);
    g_autofree char *live_text = g_strdup_printf ("{\"version\":1,\"pid\":%d,\"file\":\"\","
                                                  "\"saved-at\":\"2026-01-01T00:00:00Z\",\"text\":\"x\"}",
                                                  (int) getppid ());

    g_assert_true (g_file_set_contents (temp, "{\"version\": 1", -1, NULL));
    g_assert_true (g_file_set_contents (broken, "{\"version\": 1, \"text\": ", -1, NULL));
    g_assert_true (g_file_set_contents (future, "{\"version\":2,\"saved-at\":\"2026-01-01T00:00:00Z\",\"text\":\"x\"}", -1, NULL));
    /* still being edited by a running editor (our parent is alive) */
    g_assert_true (g_file_set_contents (live, live_text, -1, NULL));
  }

  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 2);
  entry = g_ptr_array_index (found, 0);
  g_assert_cmpstr (np_recovery_get_path (entry), ==, np_recovery_get_path (first));
  g_assert_true (g_bytes_equal (np_recovery_get_text (entry), text));
  g_assert_nonnull (np_recovery_get_file (entry));
  g_assert_true (g_file_equal (np_recovery_get_file (entry), file));
  g_assert_nonnull (np_recovery_get_saved_at (entry));
  g_assert_cmpint (g_date_time_compare (np_recovery_get_saved_at (entry),
                                        np_recovery_get_saved_at (first)), ==, 0);
  entry = g_ptr_array_index (found, 1);
  g_assert_true (g_bytes_equal (np_recovery_get_text (entry), other));
  g_assert_null (np_recovery_get_file (entry));

  /* Discarding a listed entry removes its file. */
  np_recovery_discard (g_ptr_array_index (found, 0));
  g_assert_false (g_file_test (np_recovery_get_path (first), G_FILE_TEST_EXISTS));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 1);

  remove_tree (dir);
}

static void
on_listed (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The list read in a worker is the same list; a cancelled read gives
 * none. */
static void
test_recovery_list_async (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-recovery-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(NpRecovery) first = np_recovery_new (state);
  g_autoptr(NpRecovery) second = np_recovery_new (state);
  g_autoptr(GBytes) text = g_bytes_new_static (original, strlen (original));
  g_autoptr(GBytes) other = g_bytes_new_static (odd_text, strlen (odd_text));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (np_recovery_store (first, text, NULL));
  g_usleep (2000);
  g_assert_true (np_recovery_store (second, other, NULL));
  {
    g_autoptr(GAsyncResult) result = NULL;

    np_recovery_list_async (state, NULL, on_listed, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    found = np_recovery_list_finish (result, &error);
    g_assert_no_error (error);
    g_assert_nonnull (found);
    g_assert_cmpuint (found->len, ==, 2);
    g_assert_cmpstr (np_recovery_get_path (g_ptr_array_index (found, 0)), ==, np_recovery_get_path (first));
    g_assert_cmpstr (np_recovery_get_path (g_ptr_array_index (found, 1)), ==, np_recovery_get_path (second));
    g_assert_true (g_bytes_equal (np_recovery_get_text (g_ptr_array_index (found, 1)), other));
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GPtrArray) none = NULL;

    g_cancellable_cancel (cancellable);
    np_recovery_list_async (state, cancellable, on_listed, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    none = np_recovery_list_finish (result, &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  remove_tree (dir);
}

static void
test_recovery_schedule (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-recovery-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.yaml", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NpRecovery) recovery = np_recovery_new (state);
  g_autoptr(NpManifest) manifest = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 start;

  manifest = load_and_edit (path, file);
  np_recovery_set_file (recovery, file);

  /* A burst of edits: one write, after the delay. */
  start = g_get_monotonic_time ();
  np_recovery_schedule (recovery, manifest, FALSE);
  np_recovery_schedule (recovery, manifest, FALSE);
  g_assert_false (g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS));
  while (!g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS) &&
         g_get_monotonic_time () - start < 10 * G_TIME_SPAN_SECOND)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  g_assert_true (g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (NP_RECOVERY_DELAY_MS - 50) * G_TIME_SPAN_MILLISECOND);

  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 1);
  {
    GBytes *text = np_recovery_get_text (g_ptr_array_index (found, 0));

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "  name: edited\n"));
  }
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Saved: the next flush removes the recovery file. */
  g_assert_true (np_manifest_save (manifest, file, NULL, NULL));
  np_recovery_schedule (recovery, manifest, FALSE);
  np_recovery_flush (recovery);
  g_assert_false (g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS));

  /* A document known to differ from disk (restored, or its file deleted)
   * is kept even though no policy changed. */
  np_recovery_schedule (recovery, manifest, TRUE);
  np_recovery_flush (recovery);
  g_assert_true (g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS));
  np_recovery_discard (recovery);
  g_assert_false (g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS));

  remove_tree (dir);
}

/* Runs the main loop until g_get_monotonic_time() reaches @end: the
 * scheduled write's timer and the worker's result arrive in it. */
static void
run_until (gint64 end)
{
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Until the scheduled write has been handed to its worker (the timer is
 * due), and a little longer. */
static void
run_past_delay (gint64 start)
{
  run_until (start + (NP_RECOVERY_DELAY_MS + 5) * G_TIME_SPAN_MILLISECOND);
}

static void
run_for (guint ms)
{
  run_until (g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND);
}

/* The scheduled write is built and written in a worker (a large file's is
 * megabytes of JSON): the object takes the text when it is written, a
 * removal while the worker runs leaves no file and no text behind, and a
 * write asked for later wins over one still running. */
static void
test_recovery_in_worker (void)
{
  g_autofree char *dir = g_dir_make_tmp ("np-recovery-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(NpRecovery) recovery = np_recovery_new (state);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) later = g_bytes_new_static ("later: text\n", strlen ("later: text\n"));
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 start;

  /* Large enough (16 MB of notes) that the worker is still at it when
   * the loop returns. */
  for (guint i = 0; i < 1024; i++)
    {
      g_string_append_printf (text, "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                              "metadata:\n  name: p-%u\n  namespace: ns\n  annotations:\n    note: \"", i);
      for (guint j = 0; j < 16 * 1024 / 64; j++)
        g_string_append (text, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\\n");
      g_string_append (text, "\"\nspec:\n  podSelector: {}\n");
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (np_manifest_load_bytes (manifest, bytes, "large.yaml", &error));
    g_assert_no_error (error);
  }
  expected = np_manifest_to_bytes (manifest);

  /* Written and taken. */
  start = g_get_monotonic_time ();
  np_recovery_schedule (recovery, manifest, TRUE);
  while (np_recovery_get_saved_at (recovery) == NULL &&
         g_get_monotonic_time () - start < 20 * G_TIME_SPAN_SECOND)
    run_for (10);
  g_assert_nonnull (np_recovery_get_saved_at (recovery));
  g_assert_true (g_bytes_equal (np_recovery_get_text (recovery), expected));
  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_bytes_equal (np_recovery_get_text (g_ptr_array_index (found, 0)), expected));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Removed while the worker writes: nothing comes back. */
  start = g_get_monotonic_time ();
  np_recovery_schedule (recovery, manifest, TRUE);
  run_past_delay (start);
  np_recovery_discard (recovery);
  run_for (1500);
  g_assert_false (g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS));
  g_assert_null (np_recovery_get_text (recovery));

  /* A write asked for after the scheduled one, while it runs, wins. */
  start = g_get_monotonic_time ();
  np_recovery_schedule (recovery, manifest, TRUE);
  run_past_delay (start);
  g_assert_true (np_recovery_store (recovery, later, NULL));
  run_for (1500);
  g_assert_true (g_bytes_equal (np_recovery_get_text (recovery), later));
  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_bytes_equal (np_recovery_get_text (g_ptr_array_index (found, 0)), later));
  np_recovery_discard (recovery);

  remove_tree (dir);
}

/* json-glib takes escapes that JSON has not: "\202" gives the byte 0x82.
 * A recovery file holding one reads as valid UTF-8, and storing it again
 * writes back what was read (a finding of fuzz-recovery). */
static void
test_recovery_not_utf8 (void)
{
  static const char file[] =
    "{\"version\": 1, \"pid\": 2147483647, \"file\": \"file:///tmp/a.yaml\", "
    "\"saved-at\": \"2026-03-01T08:00:00Z\", \"text\": \"{\\202628\", "
    "\"typed-document\": 0, \"typed-text\": \"a\\202b\"}\n";
  g_autofree char *dir = g_dir_make_tmp ("np-recovery-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autofree char *again = g_build_filename (dir, "again", NULL);
  g_autofree char *path = g_build_filename (state, "1-1-1.json", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) reread = NULL;
  g_autoptr(NpRecovery) copy = np_recovery_new (again);
  NpRecovery *read;
  GBytes *text;

  g_assert_cmpint (g_mkdir_with_parents (state, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, file, -1, NULL));
  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 1);
  read = g_ptr_array_index (found, 0);
  text = np_recovery_get_text (read);
  g_assert_true (g_utf8_validate (g_bytes_get_data (text, NULL), g_bytes_get_size (text), NULL));
  g_assert_true (g_utf8_validate (np_recovery_get_typed_text (read, NULL), -1, NULL));

  g_assert_true (np_recovery_store (copy, text, NULL));
  reread = np_recovery_list (again);
  g_assert_cmpuint (reread->len, ==, 1);
  g_assert_true (g_bytes_equal (np_recovery_get_text (g_ptr_array_index (reread, 0)), text));
  np_recovery_discard (g_ptr_array_index (reread, 0));
  np_recovery_discard (read);

  remove_tree (dir);
}

/* Text typed for one document that does not parse yet is kept in the
 * recovery beside the file's text, with the place of its document. */
static void
test_recovery_typed (void)
{
  static const char two[] =
    "# first\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\n"
    "---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: b}\nspec: {podSelector: {}}\n";
  static const char typed[] = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: b\n";
  g_autofree char *dir = g_dir_make_tmp ("np-recovery-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(NpRecovery) recovery = np_recovery_new (state);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) text = g_bytes_new_static (two, strlen (two));
  g_autoptr(NpDocument) second = NULL;
  g_autoptr(GPtrArray) found = NULL;
  NpRecovery *entry;
  guint index = 99;

  g_assert_true (np_manifest_load_bytes (manifest, text, "two.yaml", NULL));
  second = g_list_model_get_item (np_manifest_get_documents (manifest), 1);

  /* Nothing changed in the policies: only the typed text makes it worth
   * keeping. */
  np_recovery_schedule_typed (recovery, manifest, second, typed);
  np_recovery_flush (recovery);
  g_assert_false (np_manifest_get_modified (manifest));
  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 1);
  entry = g_ptr_array_index (found, 0);
  g_assert_true (g_bytes_equal (np_recovery_get_text (entry), text));
  g_assert_cmpstr (np_recovery_get_typed_text (entry, &index), ==, typed);
  g_assert_cmpuint (index, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A plain schedule afterwards forgets the typed text: the manifest is
   * unchanged, so the recovery goes. */
  np_recovery_schedule (recovery, manifest, FALSE);
  np_recovery_flush (recovery);
  g_assert_false (g_file_test (np_recovery_get_path (recovery), G_FILE_TEST_EXISTS));

  /* A recovery written without typed text has none. */
  g_assert_true (np_recovery_store (recovery, text, NULL));
  found = np_recovery_list (state);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_null (np_recovery_get_typed_text (g_ptr_array_index (found, 0), NULL));
  np_recovery_discard (recovery);

  remove_tree (dir);
}

static void
test_recovery_default_directory (void)
{
  g_autofree char *dir = np_recovery_default_directory ();
  g_autofree char *expected = g_build_filename (g_get_user_state_dir (), "netpol-editor", "recovery", NULL);

  g_assert_cmpstr (dir, ==, expected);
}

int
main (int argc, char **argv)
{
  self_exe = argv[0];
  if (argc == 3 && g_str_equal (argv[1], "--save-loop"))
    return save_loop (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--save-limited"))
    return save_limited (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reliability/save-failure-stages", test_save_failure_stages);
  g_test_add_func ("/reliability/save-read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/reliability/save-folder-removed", test_save_folder_removed);
  g_test_add_func ("/reliability/save-new-file", test_save_new_file);
  g_test_add_func ("/reliability/save-symlink", test_save_symlink);
  g_test_add_func ("/reliability/real-write-error", test_real_write_error);
  g_test_add_func ("/reliability/kill-during-save", test_kill_during_save);
  g_test_add_func ("/reliability/file-watch", test_file_watch);
  g_test_add_func ("/reliability/recovery-store", test_recovery_store);
  g_test_add_func ("/reliability/recovery-list-async", test_recovery_list_async);
  g_test_add_func ("/reliability/recovery-schedule", test_recovery_schedule);
  g_test_add_func ("/reliability/recovery-typed", test_recovery_typed);
  g_test_add_func ("/reliability/recovery-in-worker", test_recovery_in_worker);
  g_test_add_func ("/reliability/recovery-not-utf8", test_recovery_not_utf8);
  g_test_add_func ("/reliability/recovery-default-directory", test_recovery_default_directory);
  return g_test_run ();
}
