/* np-file-watch.c: notices when the open file changes or disappears underneath the editor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-file-watch.h"
#include "np-manifest.h"

/* Editors and tools write in several steps (truncate, write, rename): the
 * file is looked at once the events have been quiet this long. */
#define SETTLE_MS 150

struct _NpFileWatch
{
  GObject       parent_instance;

  GFile        *file;
  GFileMonitor *monitor;
  GBytes       *contents;
  guint         settle_source;
  gboolean      deleted;
};

G_DEFINE_FINAL_TYPE (NpFileWatch, np_file_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

enum {
  CHANGED_ON_DISK,
  DELETED_ON_DISK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
np_file_watch_check (NpFileWatch *self)
{
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_return_if_fail (NP_IS_FILE_WATCH (self));

  g_clear_handle_id (&self->settle_source, g_source_remove);
  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && !self->deleted)
        {
          self->deleted = TRUE;
          g_signal_emit (self, signals[DELETED_ON_DISK], 0);
        }
      return;
    }
  self->deleted = FALSE;

  /* A file too large to open is "changed"; loading it says why it fails. */
  if (g_file_info_get_size (info) > NP_MANIFEST_MAX_SIZE)
    now = g_bytes_new_static ("", 0);
  else if (g_file_load_contents (self->file, NULL, &data, &length, NULL, NULL))
    now = g_bytes_new_take (data, length);
  else
    return;  /* caught half way through a replace: the next event comes */

  if (self->contents != NULL && g_bytes_equal (now, self->contents))
    return;
  g_clear_pointer (&self->contents, g_bytes_unref);
  self->contents = g_bytes_ref (now);
  g_signal_emit (self, signals[CHANGED_ON_DISK], 0, now);
}

static gboolean
settled (gpointer data)
{
  NpFileWatch *self = data;

  self->settle_source = 0;
  g_object_ref (self);
  np_file_watch_check (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (NpFileWatch       *self,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (SETTLE_MS, settled, self);
}

static void
np_file_watch_constructed (GObject *object)
{
  NpFileWatch *self = NP_FILE_WATCH (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (np_file_watch_parent_class)->constructed (object);

  /* Without WATCH_MOVES a file renamed over ours (how most editors and
   * np_safe_write_file() save) is reported as created. */
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      g_debug ("Cannot watch %s: %s", name, error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
np_file_watch_dispose (GObject *object)
{
  NpFileWatch *self = NP_FILE_WATCH (object);

  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (np_file_watch_parent_class)->dispose (object);
}

static void
np_file_watch_finalize (GObject *object)
{
  NpFileWatch *self = NP_FILE_WATCH (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->contents, g_bytes_unref);
  G_OBJECT_CLASS (np_file_watch_parent_class)->finalize (object);
}

static void
np_file_watch_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NpFileWatch *self = NP_FILE_WATCH (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_file_watch_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NpFileWatch *self = NP_FILE_WATCH (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_file_watch_class_init (NpFileWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = np_file_watch_constructed;
  object_class->dispose = np_file_watch_dispose;
  object_class->finalize = np_file_watch_finalize;
  object_class->get_property = np_file_watch_get_property;
  object_class->set_property = np_file_watch_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED_ON_DISK] =
    g_signal_new ("changed-on-disk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[DELETED_ON_DISK] =
    g_signal_new ("deleted-on-disk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
np_file_watch_init (NpFileWatch *self)
{
}

NpFileWatch *
np_file_watch_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (NP_TYPE_FILE_WATCH, "file", file, NULL);
}

GFile *
np_file_watch_get_file (NpFileWatch *self)
{
  g_return_val_if_fail (NP_IS_FILE_WATCH (self), NULL);

  return self->file;
}

void
np_file_watch_set_contents (NpFileWatch *self,
                            GBytes      *contents)
{
  g_return_if_fail (NP_IS_FILE_WATCH (self));

  g_clear_pointer (&self->contents, g_bytes_unref);
  if (contents != NULL)
    self->contents = g_bytes_ref (contents);
  self->deleted = FALSE;
}
