/* np-recovery.c: unsaved changes kept on disk so that a crash does not lose them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "np-recovery.h"
#include "np-safe-write.h"

#define FORMAT_VERSION 1

struct _NpRecovery
{
  GObject     parent_instance;

  char       *directory;
  char       *path;
  GFile      *file;
  GBytes     *text;
  char       *typed_text;    /* text typed for document @typed_index of @text */
  int         typed_index;
  GDateTime  *saved_at;
  NpManifest *pending;   /* the manifest a scheduled write reads */
  NpDocument *pending_document;  /* with this document's text ... */
  char       *pending_text;      /* ... replaced by this typed text */
  gboolean    pending_force;
  guint       pending_source;

  /* Writes are numbered in the order they are asked for (main thread).
   * @written is the newest written or discarded, under @write_lock, which
   * a write to the file and the file's removal hold: a write older than
   * it is skipped. @applied is the newest whose text this object took. */
  GMutex      write_lock;
  guint64     next_write;
  guint64     written;
  guint64     applied;
};

G_DEFINE_FINAL_TYPE (NpRecovery, np_recovery, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_FILE,
  PROP_TEXT,
  PROP_SAVED_AT,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
np_recovery_default_directory (void)
{
  return g_build_filename (g_get_user_state_dir (), "netpol-editor", "recovery", NULL);
}

static void
np_recovery_dispose (GObject *object)
{
  NpRecovery *self = NP_RECOVERY (object);

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_object (&self->pending);
  g_clear_object (&self->pending_document);
  g_clear_pointer (&self->pending_text, g_free);
  G_OBJECT_CLASS (np_recovery_parent_class)->dispose (object);
}

static void
np_recovery_finalize (GObject *object)
{
  NpRecovery *self = NP_RECOVERY (object);

  g_mutex_clear (&self->write_lock);
  g_free (self->directory);
  g_free (self->path);
  g_clear_object (&self->file);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->typed_text, g_free);
  g_clear_pointer (&self->saved_at, g_date_time_unref);
  G_OBJECT_CLASS (np_recovery_parent_class)->finalize (object);
}

static void
np_recovery_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NpRecovery *self = NP_RECOVERY (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TEXT:
      g_value_set_boxed (value, self->text);
      break;
    case PROP_SAVED_AT:
      g_value_set_boxed (value, self->saved_at);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_recovery_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NpRecovery *self = NP_RECOVERY (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      if (self->directory == NULL)
        self->directory = np_recovery_default_directory ();
      break;
    case PROP_FILE:
      np_recovery_set_file (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_recovery_constructed (GObject *object)
{
  NpRecovery *self = NP_RECOVERY (object);

  G_OBJECT_CLASS (np_recovery_parent_class)->constructed (object);

  /* Unique across processes and windows: time, process and a random part. */
  if (self->path == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT "-%d-%08x.json",
                                               g_get_real_time (), (int) getpid (),
                                               g_random_int ());

      self->path = g_build_filename (self->directory, name, NULL);
    }
}

static void
np_recovery_class_init (NpRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_recovery_dispose;
  object_class->finalize = np_recovery_finalize;
  object_class->constructed = np_recovery_constructed;
  object_class->get_property = np_recovery_get_property;
  object_class->set_property = np_recovery_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_boxed ("text", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVED_AT] =
    g_param_spec_boxed ("saved-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_recovery_init (NpRecovery *self)
{
  self->typed_index = -1;
  g_mutex_init (&self->write_lock);
}

NpRecovery *
np_recovery_new (const char *directory)
{
  return g_object_new (NP_TYPE_RECOVERY, "directory", directory, NULL);
}

/* Whether the editor that wrote a recovery file still runs: then the file
 * is its live copy, not something left behind. */
static gboolean
process_alive (gint64 pid)
{
  if (pid <= 0 || pid == getpid () || pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static NpRecovery *
recovery_load (const char  *directory,
               const char  *name)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) saved_at = NULL;
  JsonObject *object;
  JsonNode *root;
  NpRecovery *self;
  const char *text;
  char *utf8;
  const char *typed;
  gint64 typed_index;
  const char *uri;
  GStatBuf st;

  /* Recovery files are small; anything huge is not ours. */
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > NP_MANIFEST_MAX_SIZE * 2)
    return NULL;
  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (json_object_get_int_member_with_default (object, "version", 0) != FORMAT_VERSION)
    return NULL;
  if (process_alive (json_object_get_int_member_with_default (object, "pid", 0)))
    return NULL;
  text = json_object_get_string_member_with_default (object, "text", NULL);
  if (text == NULL)
    return NULL;
  saved_at = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (object, "saved-at", ""), NULL);
  if (saved_at == NULL)
    return NULL;

  self = g_object_new (NP_TYPE_RECOVERY, "directory", directory, NULL);
  g_free (self->path);
  self->path = g_steal_pointer (&path);
  /* json-glib takes escapes JSON has not (an octal "\202" gives the byte
   * 0x82): the texts are made valid UTF-8 here as job_write() makes them,
   * so that what is read is what storing it again writes (fuzz-recovery). */
  utf8 = g_utf8_make_valid (text, -1);
  self->text = g_bytes_new_take (utf8, strlen (utf8));
  typed = json_object_get_string_member_with_default (object, "typed-text", NULL);
  typed_index = json_object_get_int_member_with_default (object, "typed-document", -1);
  if (typed != NULL && typed_index >= 0 && typed_index < G_MAXINT)
    {
      self->typed_text = g_utf8_make_valid (typed, -1);
      self->typed_index = (int) typed_index;
    }
  self->saved_at = g_steal_pointer (&saved_at);
  uri = json_object_get_string_member_with_default (object, "file", NULL);
  if (uri != NULL && *uri != '\0')
    self->file = g_file_new_for_uri (uri);
  return self;
}

static int
compare_saved_at (gconstpointer a,
                  gconstpointer b)
{
  NpRecovery *ra = *(NpRecovery **) a;
  NpRecovery *rb = *(NpRecovery **) b;

  return g_date_time_compare (ra->saved_at, rb->saved_at);
}

GPtrArray *
np_recovery_list (const char *directory)
{
  g_autofree char *fallback = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  if (directory == NULL)
    directory = fallback = np_recovery_default_directory ();
  dir = g_dir_open (directory, 0, NULL);
  if (dir == NULL)
    return list;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      NpRecovery *recovery;

      /* Only finished files: the temporary ones of a write in progress
       * start with a dot. */
      if (name[0] == '.' || !g_str_has_suffix (name, ".json"))
        continue;
      recovery = recovery_load (directory, name);
      if (recovery != NULL)
        g_ptr_array_add (list, recovery);
    }
  g_ptr_array_sort (list, compare_saved_at);
  return list;
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_task_return_pointer (task, np_recovery_list (task_data), (GDestroyNotify) g_ptr_array_unref);
}

void
np_recovery_list_async (const char          *directory,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, np_recovery_list_async);
  g_task_set_task_data (task, g_strdup (directory), g_free);
  g_task_run_in_thread (task, list_in_thread);
}

GPtrArray *
np_recovery_list_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == np_recovery_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
np_recovery_get_file (NpRecovery *self)
{
  g_return_val_if_fail (NP_IS_RECOVERY (self), NULL);

  return self->file;
}

void
np_recovery_set_file (NpRecovery *self,
                      GFile      *file)
{
  g_return_if_fail (NP_IS_RECOVERY (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

GBytes *
np_recovery_get_text (NpRecovery *self)
{
  g_return_val_if_fail (NP_IS_RECOVERY (self), NULL);

  return self->text;
}

GDateTime *
np_recovery_get_saved_at (NpRecovery *self)
{
  g_return_val_if_fail (NP_IS_RECOVERY (self), NULL);

  return self->saved_at;
}

const char *
np_recovery_get_path (NpRecovery *self)
{
  g_return_val_if_fail (NP_IS_RECOVERY (self), NULL);

  return self->path;
}

/* One write of the recovery file. Made on the main thread; the JSON is
 * built and written by job_write(), which may run in a worker: for a large
 * file that is megabytes of text, copied, escaped and written, which on
 * the main thread froze the window for a quarter of a second two seconds
 * after each pause in the typing (5,000 policies). */
typedef struct {
  guint64    number;
  char      *uri;         /* (nullable) the document's own file */
  GBytes    *text;
  int        typed_index;
  char      *typed_text;  /* (nullable) */
  GDateTime *now;
  char      *utf8;        /* written: the text, and the typed text, as kept */
  char      *typed_utf8;
  gboolean   written;     /* FALSE: skipped, a newer write or a removal came first */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->uri);
  g_bytes_unref (job->text);
  g_free (job->typed_text);
  g_date_time_unref (job->now);
  g_free (job->utf8);
  g_free (job->typed_utf8);
  g_free (job);
}

static Job *
job_new (NpRecovery *self, GBytes *text, int typed_index, const char *typed_text)
{
  Job *job = g_new0 (Job, 1);

  job->number = ++self->next_write;
  job->uri = self->file != NULL ? g_file_get_uri (self->file) : NULL;
  job->text = g_bytes_ref (text);
  job->typed_index = typed_text != NULL ? typed_index : -1;
  job->typed_text = g_strdup (typed_text);
  job->now = g_date_time_new_now_utc ();
  return job;
}

/* Writes @job's file unless a newer write or a removal came first. Reads
 * only the object's constant fields and, under the lock, @written: any
 * thread. */
static gboolean
job_write (NpRecovery *self, Job *job, GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *stamp = g_date_time_format_iso8601 (job->now);
  g_autofree char *json = NULL;
  gsize json_length;
  gsize size;
  const char *data = g_bytes_get_data (job->text, &size);
  gboolean ok = TRUE;

  /* JSON holds text; bytes that are not UTF-8 (the parser refuses them
   * anyway) are replaced rather than losing the rest. */
  job->utf8 = g_utf8_make_valid (data != NULL ? data : "", size);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, job->uri != NULL ? job->uri : "");
  json_builder_set_member_name (builder, "saved-at");
  json_builder_add_string_value (builder, stamp);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, job->utf8);
  if (job->typed_text != NULL)
    {
      job->typed_utf8 = g_utf8_make_valid (job->typed_text, -1);
      json_builder_set_member_name (builder, "typed-document");
      json_builder_add_int_value (builder, job->typed_index);
      json_builder_set_member_name (builder, "typed-text");
      json_builder_add_string_value (builder, job->typed_utf8);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &json_length);

  g_mutex_lock (&self->write_lock);
  if (job->number > self->written)
    {
      if (g_mkdir_with_parents (self->directory, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", self->directory, g_strerror (saved_errno));
          ok = FALSE;
        }
      else if (np_safe_write_file (self->path, json, json_length, error))
        {
          self->written = job->number;
          job->written = TRUE;
        }
      else
        ok = FALSE;
    }
  g_mutex_unlock (&self->write_lock);
  return ok;
}

/* On the main thread, after job_write(): the object takes what was
 * written, unless a newer write or a removal has been applied since. */
static void
job_apply (NpRecovery *self, Job *job)
{
  gsize length;

  if (!job->written || job->number <= self->applied)
    return;
  self->applied = job->number;
  length = strlen (job->utf8);
  g_clear_pointer (&self->text, g_bytes_unref);
  self->text = g_bytes_new_take (g_steal_pointer (&job->utf8), length);
  g_free (self->typed_text);
  self->typed_text = g_steal_pointer (&job->typed_utf8);
  self->typed_index = self->typed_text != NULL ? job->typed_index : -1;
  g_clear_pointer (&self->saved_at, g_date_time_unref);
  self->saved_at = g_date_time_ref (job->now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_AT]);
}

static gboolean
store_full (NpRecovery  *self,
            GBytes      *text,
            int          typed_index,
            const char  *typed_text,
            GError     **error)
{
  Job *job;
  gboolean ok;

  g_return_val_if_fail (NP_IS_RECOVERY (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  job = job_new (self, text, typed_index, typed_text);
  ok = job_write (self, job, error);
  if (ok)
    job_apply (self, job);
  job_free (job);
  return ok;
}

gboolean
np_recovery_store (NpRecovery  *self,
                   GBytes      *text,
                   GError     **error)
{
  return store_full (self, text, -1, NULL, error);
}

static void
store_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  if (job_write (source, data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A disk that refuses a scheduled write refuses saving too, which the
 * window reports; here a note in the log is enough. */
static void
note_not_kept (const GError *error)
{
  g_message ("Could not keep unsaved changes: %s", error->message);
}

static void
stored (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    note_not_kept (error);
  else
    job_apply (NP_RECOVERY (source), g_task_get_task_data (G_TASK (result)));
}

/* store_full() with the JSON built and written in a worker. */
static void
store_in_worker (NpRecovery *self, GBytes *text, int typed_index, const char *typed_text)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, stored, NULL);

  g_task_set_source_tag (task, store_in_worker);
  g_task_set_task_data (task, job_new (self, text, typed_index, typed_text), job_free);
  g_task_run_in_thread (task, store_in_thread);
}

/* The scheduled write, if any: the manifest's text is taken here (the
 * manifest lives on the main thread); with @in_worker the rest is done in a
 * worker. */
static void
flush (NpRecovery *self, gboolean in_worker)
{
  g_autoptr(NpManifest) manifest = NULL;
  g_autoptr(NpDocument) document = NULL;
  g_autofree char *typed = NULL;

  g_clear_handle_id (&self->pending_source, g_source_remove);
  manifest = g_steal_pointer (&self->pending);
  document = g_steal_pointer (&self->pending_document);
  typed = g_steal_pointer (&self->pending_text);
  if (manifest == NULL)
    return;
  if (np_manifest_get_modified (manifest) || self->pending_force || typed != NULL)
    {
      g_autoptr(GBytes) text = np_manifest_to_bytes (manifest);
      int index = -1;

      if (typed != NULL)
        {
          GListModel *documents = np_manifest_get_documents (manifest);

          for (guint i = 0; i < g_list_model_get_n_items (documents) && index < 0; i++)
            {
              g_autoptr(NpDocument) item = g_list_model_get_item (documents, i);

              if (item == document)
                index = (int) i;
            }
          if (index < 0)
            g_clear_pointer (&typed, g_free);
        }
      g_autoptr(GError) error = NULL;

      if (in_worker)
        store_in_worker (self, text, index, typed);
      else if (!store_full (self, text, index, typed, &error))
        note_not_kept (error);
    }
  else
    np_recovery_discard (self);
}

void
np_recovery_flush (NpRecovery *self)
{
  g_return_if_fail (NP_IS_RECOVERY (self));

  flush (self, FALSE);
}

static gboolean
pending_due (gpointer data)
{
  NpRecovery *self = data;

  self->pending_source = 0;
  flush (self, TRUE);
  return G_SOURCE_REMOVE;
}

void
np_recovery_schedule (NpRecovery *self,
                      NpManifest *manifest,
                      gboolean    force_modified)
{
  g_return_if_fail (NP_IS_RECOVERY (self));
  g_return_if_fail (NP_IS_MANIFEST (manifest));

  g_set_object (&self->pending, manifest);
  g_clear_object (&self->pending_document);
  g_clear_pointer (&self->pending_text, g_free);
  self->pending_force = force_modified;
  g_clear_handle_id (&self->pending_source, g_source_remove);
  self->pending_source = g_timeout_add (NP_RECOVERY_DELAY_MS, pending_due, self);
}

void
np_recovery_schedule_typed (NpRecovery *self,
                            NpManifest *manifest,
                            NpDocument *document,
                            const char *text)
{
  g_return_if_fail (NP_IS_RECOVERY (self));
  g_return_if_fail (NP_IS_DOCUMENT (document));
  g_return_if_fail (text != NULL);

  np_recovery_schedule (self, manifest, TRUE);
  g_set_object (&self->pending_document, document);
  self->pending_text = g_strdup (text);
}

void
np_recovery_discard (NpRecovery *self)
{
  g_return_if_fail (NP_IS_RECOVERY (self));

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_object (&self->pending);
  g_clear_object (&self->pending_document);
  g_clear_pointer (&self->pending_text, g_free);
  /* Writes asked for before now are out of date: one that has not
   * written yet skips, one that has is removed here and not applied. */
  g_mutex_lock (&self->write_lock);
  self->written = self->applied = ++self->next_write;
  if (g_unlink (self->path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", self->path, g_strerror (errno));
  g_mutex_unlock (&self->write_lock);
  if (self->text != NULL)
    {
      g_clear_pointer (&self->text, g_bytes_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}

const char *
np_recovery_get_typed_text (NpRecovery *self,
                            guint      *document_index)
{
  g_return_val_if_fail (NP_IS_RECOVERY (self), NULL);

  if (document_index != NULL)
    *document_index = self->typed_text != NULL ? (guint) self->typed_index : 0;
  return self->typed_text;
}
