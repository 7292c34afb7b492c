/* np-test-util.c: helpers shared by the test programs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
