/* fuzz-recovery.c: libFuzzer target: recovery files of any content are read without crashing, and round-trip
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor reads every file in its recovery folder at start, so a damaged
 * or foreign file there must never crash it. Each input is such a file; a
 * recovery that reads is stored again and must read back the same (text and
 * original file), or the run aborts (a finding).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "np-recovery.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *input_dir;
static char *again_dir;

static void
empty_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
}

static void
remove_dirs (void)
{
  empty_dir (input_dir);
  empty_dir (again_dir);
  g_rmdir (input_dir);
  g_rmdir (again_dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (input_dir == NULL)
    {
      /* Storing a recovery syncs it to disk: on tmpfs that costs nothing,
       * elsewhere it would bound the run at a few hundred inputs a second. */
      const char *base = g_access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir ();

      input_dir = g_mkdtemp (g_build_filename (base, "np-fuzz-recovery-XXXXXX", NULL));
      again_dir = g_mkdtemp (g_build_filename (base, "np-fuzz-recovery-XXXXXX", NULL));
      if (input_dir == NULL || again_dir == NULL)
        abort ();
      atexit (remove_dirs);
    }

  path = g_build_filename (input_dir, "1-1-1.json", NULL);
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();
  found = np_recovery_list (input_dir);
  if (found->len > 1)
    abort ();

  for (guint i = 0; i < found->len; i++)
    {
      NpRecovery *recovery = g_ptr_array_index (found, i);
      g_autoptr(NpRecovery) copy = np_recovery_new (again_dir);
      g_autoptr(GPtrArray) reread = NULL;
      g_autoptr(GError) error = NULL;
      NpRecovery *back;

      if (np_recovery_get_text (recovery) == NULL || np_recovery_get_saved_at (recovery) == NULL)
        abort ();
      np_recovery_set_file (copy, np_recovery_get_file (recovery));
      if (!np_recovery_store (copy, np_recovery_get_text (recovery), &error))
        {
          g_printerr ("storing again failed: %s\n", error->message);
          abort ();
        }
      reread = np_recovery_list (again_dir);
      if (reread->len != 1)
        abort ();
      back = g_ptr_array_index (reread, 0);
      if (!g_bytes_equal (np_recovery_get_text (back), np_recovery_get_text (recovery)))
        {
          g_printerr ("the text changed when stored again\n");
          abort ();
        }
      if ((np_recovery_get_file (back) == NULL) != (np_recovery_get_file (recovery) == NULL) ||
          (np_recovery_get_file (back) != NULL &&
           !g_file_equal (np_recovery_get_file (back), np_recovery_get_file (recovery))))
        {
          g_printerr ("the original file changed when stored again\n");
          abort ();
        }
      np_recovery_discard (back);
    }
  g_unlink (path);
  return 0;
}
