/* np-safe-write.c: replace a file's contents so that a failure or a crash never leaves it half written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "np-safe-write.h"

static NpSafeWriteStage
injected_failure (void)
{
  const char *stage = g_getenv ("NP_TEST_SAVE_FAIL");

  if (stage == NULL)
    return NP_SAFE_WRITE_STAGE_NONE;
  if (g_str_equal (stage, "create"))
    return NP_SAFE_WRITE_STAGE_CREATE;
  if (g_str_equal (stage, "write"))
    return NP_SAFE_WRITE_STAGE_WRITE;
  if (g_str_equal (stage, "sync"))
    return NP_SAFE_WRITE_STAGE_SYNC;
  if (g_str_equal (stage, "rename"))
    return NP_SAFE_WRITE_STAGE_RENAME;
  return NP_SAFE_WRITE_STAGE_NONE;
}

static gboolean
fail (GError     **error,
      int          saved_errno,
      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* The file a symbolic link points to, so that saving through a link keeps
 * the link; the path itself otherwise (also when it does not exist yet). */
static char *
resolve_target (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy;

  if (real == NULL)
    return g_strdup (path);
  copy = g_strdup (real);
  free (real);
  return copy;
}

gboolean
np_safe_write_file (const char  *path,
                    const char  *contents,
                    gsize        length,
                    GError     **error)
{
  NpSafeWriteStage injected = injected_failure ();
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  GStatBuf st;
  gboolean have_mode;
  gsize done = 0;
  int fd;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  target = resolve_target (path);
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  have_mode = g_stat (target, &st) == 0;
  if (have_mode && !S_ISREG (st.st_mode))
    return fail (error, EISDIR, path);

  /* A hidden name in the same folder: the rename cannot cross file systems. */
  temp = g_strdup_printf ("%s%c.%s.XXXXXX~", dir, G_DIR_SEPARATOR, base);
  if (injected == NP_SAFE_WRITE_STAGE_CREATE)
    {
      errno = EACCES;
      fd = -1;
    }
  else
    fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return fail (error, errno, path);

  /* A new file gets the usual mode (0666 less the umask, as created above);
   * a replaced one keeps its mode and, where allowed, its owner and group. */
  if (have_mode)
    {
      if ((st.st_uid != geteuid () || st.st_gid != getegid ()) &&
          fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", target, g_strerror (errno));
      if (fchmod (fd, st.st_mode & 07777) != 0)
        goto failed;
    }

  while (done < length)
    {
      gsize chunk = length - done;
      gssize n;

      /* An injected write failure stops half way, like a full disk. */
      if (injected == NP_SAFE_WRITE_STAGE_WRITE && done >= length / 2)
        {
          errno = ENOSPC;
          goto failed;
        }
      if (injected == NP_SAFE_WRITE_STAGE_WRITE)
        chunk = MAX (length / 2 - done, 1);
      n = write (fd, contents + done, chunk);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          goto failed;
        }
      done += n;
    }
  if (injected == NP_SAFE_WRITE_STAGE_WRITE)
    {
      errno = ENOSPC;
      goto failed;
    }

  if (injected == NP_SAFE_WRITE_STAGE_SYNC)
    {
      errno = EIO;
      goto failed;
    }
  if (fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  if (injected == NP_SAFE_WRITE_STAGE_RENAME)
    {
      errno = EIO;
      goto failed;
    }
  if (g_rename (temp, target) != 0)
    goto failed;

  /* The rename itself must reach the disk too; a folder that cannot be
   * synced (some network file systems) does not make the save fail. */
  {
    int dir_fd = g_open (dir, O_RDONLY | O_CLOEXEC, 0);

    if (dir_fd >= 0)
      {
        fsync (dir_fd);
        close (dir_fd);
      }
  }
  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  return fail (error, saved_errno, path);
}
