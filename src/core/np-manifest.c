/* np-manifest.c: a manifest file: its documents, loading, saving, checking
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cluster-policy.h"
#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy.h"
#include "np-safe-write.h"
#include "np-yaml.h"

struct _NpManifest
{
  GObject       parent_instance;

  char         *display_name;
  NpFormat      format;
  GBytes       *text;
  GListStore   *documents;
  NpDiagnostic *parse_diagnostic;
  gboolean      modified;
  /* Documents added, removed or replaced since the last load or save:
   * then no undo brings back the text as saved (np_manifest_check_saved()). */
  gboolean      reshaped;
  /* policy → the document that holds it, as np_manifest_find_document()
   * last found it: a search of thousands of documents for each policy
   * shown. Borrowed pointers, forgotten whenever the documents change; a
   * document that rebuilt its policies fails the check on the way out. */
  GHashTable   *homes;
};

G_DEFINE_FINAL_TYPE (NpManifest, np_manifest, G_TYPE_OBJECT)

G_DEFINE_QUARK (np-manifest-error-quark, np_manifest_error)

enum {
  PROP_0,
  PROP_DISPLAY_NAME,
  PROP_FORMAT,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_modified (NpManifest *self, gboolean modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
on_document_modified (NpManifest *self, GParamSpec *pspec, NpDocument *document)
{
  if (np_document_get_modified (document))
    set_modified (self, TRUE);
}

static void
clear_documents (NpManifest *self)
{
  GListModel *model = G_LIST_MODEL (self->documents);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_func (document, on_document_modified, self);
    }
  g_list_store_remove_all (self->documents);
}

static void
np_manifest_dispose (GObject *object)
{
  NpManifest *self = NP_MANIFEST (object);

  if (self->documents != NULL)
    {
      clear_documents (self);
      g_signal_handlers_disconnect_by_data (self->documents, self);
    }
  g_clear_object (&self->documents);
  g_clear_pointer (&self->homes, g_hash_table_unref);
  g_clear_object (&self->parse_diagnostic);

  G_OBJECT_CLASS (np_manifest_parent_class)->dispose (object);
}

static void
np_manifest_finalize (GObject *object)
{
  NpManifest *self = NP_MANIFEST (object);

  g_free (self->display_name);
  g_clear_pointer (&self->text, g_bytes_unref);

  G_OBJECT_CLASS (np_manifest_parent_class)->finalize (object);
}

static void
np_manifest_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NpManifest *self = NP_MANIFEST (object);

  switch (prop_id)
    {
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_FORMAT:
      g_value_set_int (value, self->format);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_manifest_class_init (NpManifestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_manifest_dispose;
  object_class->finalize = np_manifest_finalize;
  object_class->get_property = np_manifest_get_property;

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL, NP_FORMAT_YAML, NP_FORMAT_JSON, NP_FORMAT_YAML,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
forget_homes (NpManifest *self)
{
  g_hash_table_remove_all (self->homes);
}

static void
np_manifest_init (NpManifest *self)
{
  self->documents = g_list_store_new (NP_TYPE_DOCUMENT);
  self->homes = g_hash_table_new (NULL, NULL);
  g_signal_connect_swapped (self->documents, "items-changed", G_CALLBACK (forget_homes), self);
}

NpManifest *
np_manifest_new (void)
{
  return g_object_new (NP_TYPE_MANIFEST, NULL);
}

static NpFormat
detect_format (const char *data, gsize length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && (data[i] == '{' || data[i] == '[') ? NP_FORMAT_JSON : NP_FORMAT_YAML;
}

static void
append_document (NpManifest *self, NpDocument *document)
{
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_modified),
                           self, G_CONNECT_SWAPPED);
  g_list_store_append (self->documents, document);
}

/* What loading @text starts with, whichever way it is read: its name, and
 * FALSE (with @error set) when it is too large to read. */
static gboolean
load_begin (NpManifest  *self,
            gsize        length,
            const char  *display_name,
            GError     **error)
{
  g_clear_object (&self->parse_diagnostic);
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);

  if (length > NP_MANIFEST_MAX_SIZE)
    {
      g_set_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_TOO_LARGE,
                   _("%s: the file is %llu MiB; files over %d MiB are not read."),
                   display_name ? display_name : "<input>", (unsigned long long) (length / (1024 * 1024)),
                   NP_MANIFEST_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

/* Keeps @text whole, with @documents (NULL: it does not parse, and
 * @diagnostic, taken, says why; FALSE with @error set then). @connected:
 * the documents already tell the manifest when they change, and go in
 * with one change of the list. */
static gboolean
load_end (NpManifest    *self,
          GBytes        *text,
          GPtrArray     *documents,
          gboolean       connected,
          NpDiagnostic  *diagnostic,
          GError       **error)
{
  const char *data;
  gsize length;

  data = g_bytes_get_data (text, &length);
  if (data == NULL)
    data = "";

  /* A text that does not parse is still kept whole: it has no documents,
   * and saving gives it back unchanged. */
  clear_documents (self);
  g_clear_pointer (&self->text, g_bytes_unref);
  self->text = g_bytes_ref (text);
  self->format = detect_format (data, length);

  if (documents == NULL)
    {
      g_autofree char *message = NULL;

      np_diagnostic_set_file (diagnostic, self->display_name);
      message = np_diagnostic_format (diagnostic);
      self->parse_diagnostic = diagnostic;
      self->reshaped = FALSE;
      set_modified (self, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
      g_set_error_literal (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE, message);
      return FALSE;
    }

  if (connected)
    g_list_store_splice (self->documents, 0, 0, documents->pdata, documents->len);
  else
    for (guint i = 0; i < documents->len; i++)
      append_document (self, documents->pdata[i]);
  self->reshaped = FALSE;
  set_modified (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
  return TRUE;
}

gboolean
np_manifest_load_bytes (NpManifest  *self,
                        GBytes      *text,
                        const char  *display_name,
                        GError     **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  NpDiagnostic *diagnostic = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  data = g_bytes_get_data (text, &length);
  if (data == NULL)
    data = "";
  if (!load_begin (self, length, display_name, error))
    return FALSE;

  parsed = np_yaml_parse (data, length, &diagnostic);
  if (parsed != NULL)
    {
      documents = g_ptr_array_new_full (parsed->len, g_object_unref);
      for (guint i = 0; i < parsed->len; i++)
        {
          NpYamlDocument *d = g_ptr_array_index (parsed, i);

          g_ptr_array_add (documents, np_document_new (text, d->start, d->end, d->content_start,
                                                       d->content_end, d->root));
        }
    }
  return load_end (self, text, documents, FALSE, diagnostic, error);
}

gboolean
np_manifest_load_file (NpManifest    *self,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_size (info) > NP_MANIFEST_MAX_SIZE)
    {
      g_set_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_TOO_LARGE,
                   _("%s: the file is %llu MiB; files over %d MiB are not read."),
                   name, (unsigned long long) (g_file_info_get_size (info) / (1024 * 1024)),
                   NP_MANIFEST_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return FALSE;
  return np_manifest_load_bytes (self, bytes, name, error);
}

const char *
np_manifest_get_display_name (NpManifest *self)
{
  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);
  return self->display_name;
}

NpFormat
np_manifest_get_format (NpManifest *self)
{
  g_return_val_if_fail (NP_IS_MANIFEST (self), NP_FORMAT_YAML);
  return self->format;
}

gboolean
np_manifest_check_saved (NpManifest *self)
{
  g_autoptr(GPtrArray) modified = NULL;
  GListModel *documents;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);

  if (!self->modified)
    return TRUE;
  /* Nothing read (a new file), or a text that did not parse: no saved
   * text to come back to. */
  if (self->reshaped || self->text == NULL || self->parse_diagnostic != NULL)
    return FALSE;
  /* Flags are cleared only once every modified document is found back at
   * its saved data: one that differs leaves them all as they are. */
  modified = g_ptr_array_new_with_free_func (g_object_unref);
  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      if (!np_document_get_modified (document))
        continue;
      if (!np_document_matches_saved (document))
        return FALSE;
      g_ptr_array_add (modified, g_steal_pointer (&document));
    }
  for (guint i = 0; i < modified->len; i++)
    np_document_set_modified (modified->pdata[i], FALSE);
  set_modified (self, FALSE);
  return TRUE;
}

gboolean
np_manifest_get_modified (NpManifest *self)
{
  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  return self->modified;
}

NpDiagnostic *
np_manifest_get_parse_diagnostic (NpManifest *self)
{
  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);
  return self->parse_diagnostic;
}

GListModel *
np_manifest_get_documents (NpManifest *self)
{
  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);
  return G_LIST_MODEL (self->documents);
}

GListModel *
np_manifest_list_policies (NpManifest *self)
{
  GListStore *all = g_list_store_new (G_TYPE_OBJECT);
  GListModel *documents;

  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);

  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      GListModel *policies = np_document_get_policies (document);

      for (guint j = 0; j < g_list_model_get_n_items (policies); j++)
        {
          g_autoptr(GObject) policy = g_list_model_get_item (policies, j);

          g_list_store_append (all, policy);
        }
    }
  return G_LIST_MODEL (all);
}

guint
np_manifest_count_policies (NpManifest *self)
{
  GListModel *documents;
  guint n = 0;

  g_return_val_if_fail (NP_IS_MANIFEST (self), 0);

  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      n += np_document_count_policies (document);
      /* A cluster-scoped policy is checked and counted as one, as the
       * streamed check counts it (np_manifest_validate_bytes()). */
      n += np_document_get_kind (document) == NP_DOCUMENT_CLUSTER_POLICY;
    }
  return n;
}

void
np_manifest_add_policy (NpManifest *self,
                        gpointer    policy)
{
  g_autoptr(NpDocument) document = NULL;

  g_return_if_fail (NP_IS_MANIFEST (self));
  g_return_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy) || NP_IS_CLUSTER_POLICY (policy));

  document = NP_IS_CLUSTER_POLICY (policy) ? np_document_new_for_cluster_policy (policy)
                                           : np_document_new_for_policy (policy);
  append_document (self, document);
  self->reshaped = TRUE;
  set_modified (self, TRUE);
}

void
np_manifest_remove_document (NpManifest *self,
                             NpDocument *document)
{
  guint position;

  g_return_if_fail (NP_IS_MANIFEST (self));
  g_return_if_fail (NP_IS_DOCUMENT (document));

  if (!g_list_store_find (self->documents, document, &position))
    return;
  g_signal_handlers_disconnect_by_func (document, on_document_modified, self);
  g_list_store_remove (self->documents, position);
  self->reshaped = TRUE;
  set_modified (self, TRUE);
}

gboolean
np_manifest_replace_policy (NpManifest *self,
                            gpointer    old_policy,
                            gpointer    new_policy)
{
  g_autoptr(NpDocument) document = NULL;
  NpDocument *old;
  guint position;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (new_policy), FALSE);

  old = np_manifest_find_document (self, old_policy);
  /* Only a document holding the one policy can change kind: a List's
   * items are NetworkPolicies by definition. */
  if (old == NULL || g_list_model_get_n_items (np_document_get_policies (old)) != 1 ||
      np_document_get_kind (old) == NP_DOCUMENT_LIST ||
      !g_list_store_find (self->documents, old, &position))
    return FALSE;

  document = np_document_new_for_policy (new_policy);
  g_signal_handlers_disconnect_by_func (old, on_document_modified, self);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_modified),
                           self, G_CONNECT_SWAPPED);
  g_list_store_splice (self->documents, position, 1, (gpointer *) &document, 1);
  self->reshaped = TRUE;
  set_modified (self, TRUE);
  return TRUE;
}

/* A document that has not built its policies has none to remember: it
 * builds them when asked, and a later search finds them. */
static void
remember_homes (NpManifest *self,
                NpDocument *document)
{
  GListModel *policies;
  NpClusterPolicy *cluster = np_document_peek_cluster_policy (document);

  if (cluster != NULL)
    g_hash_table_insert (self->homes, cluster, document);
  policies = np_document_peek_policies (document);
  if (policies == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(GObject) policy = g_list_model_get_item (policies, i);

      g_hash_table_insert (self->homes, policy, document);
    }
}

NpDocument *
np_manifest_find_document (NpManifest *self,
                           gpointer    policy)
{
  GListModel *documents;
  NpDocument *home;

  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);

  home = g_hash_table_lookup (self->homes, policy);
  if (home != NULL && np_document_find_policy (home, policy, NULL))
    return home;

  /* Not known: every document is searched, and every policy passed on
   * the way is remembered, so that the next policy asked for, most often
   * another of the same file, is found at once. */
  home = NULL;
  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      remember_homes (self, document);
      /* A document that never built its policies holds none of @policy. */
      if (home == NULL && np_document_find_policy (document, policy, NULL))
        home = document;
    }
  if (home == NULL)
    g_hash_table_remove (self->homes, policy);
  return home;
}

NpDocument *
np_manifest_find_typed_error (NpManifest    *self,
                              NpDiagnostic **problem)
{
  GListModel *documents;

  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);
  g_return_val_if_fail (problem != NULL && *problem == NULL, NULL);

  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      *problem = np_document_check_typed_text (document);
      if (*problem != NULL)
        return document;
    }
  return NULL;
}

/* JSON holds one value: several documents become a List, as kubectl does. */
static NpNode *
json_root (NpManifest *self, NpCodecFlags flags)
{
  GListModel *documents = G_LIST_MODEL (self->documents);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      NpNode *node = np_document_to_node (document, flags);

      if (node != NULL && !np_node_is_null (node))
        g_ptr_array_add (nodes, node);
      else if (node != NULL)
        np_node_unref (node);
    }

  return np_node_wrap_list (nodes);
}

GBytes *
np_manifest_to_bytes (NpManifest *self)
{
  GListModel *documents;
  GString *out;

  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);

  if ((!self->modified || self->parse_diagnostic != NULL) && self->text != NULL)
    return g_bytes_ref (self->text);

  documents = G_LIST_MODEL (self->documents);
  if (self->format == NP_FORMAT_JSON && g_list_model_get_n_items (documents) == 1)
    {
      g_autoptr(NpDocument) only = g_list_model_get_item (documents, 0);
      const char *typed = np_document_get_typed_text (only);

      /* Text the person typed (and chose to save as typed) is the file. */
      if (typed != NULL)
        return g_bytes_new (typed, strlen (typed));
    }

  if (self->format == NP_FORMAT_JSON)
    {
      g_autoptr(NpNode) root = json_root (self, NP_CODEC_DEFAULT);
      gsize length;
      char *json = np_json_write (root, &length);

      return g_bytes_new_take (json, length);
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      np_document_write (document, out);
    }
  /* No document at all (a file of comments): the text is all there is. */
  if (g_list_model_get_n_items (documents) == 0 && self->text != NULL)
    g_string_append_len (out, g_bytes_get_data (self->text, NULL), g_bytes_get_size (self->text));
  return g_string_free_to_bytes (out);
}

char *
np_manifest_dup_document_text (NpManifest *self,
                               NpDocument *document)
{
  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);
  g_return_val_if_fail (NP_IS_DOCUMENT (document), NULL);

  if (self->format == NP_FORMAT_JSON &&
      g_list_model_get_n_items (G_LIST_MODEL (self->documents)) == 1 &&
      np_document_get_typed_text (document) == NULL &&
      np_document_get_modified (document))
    {
      g_autoptr(GBytes) bytes = np_manifest_to_bytes (self);

      return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return np_document_dup_text (document);
}

GBytes *
np_manifest_format (NpManifest *self,
                    NpFormat    format)
{
  GListModel *documents;
  GString *out;
  guint written = 0;

  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);

  if (format == NP_FORMAT_JSON)
    {
      g_autoptr(NpNode) root = json_root (self, NP_CODEC_CANONICAL);
      g_autoptr(NpNode) ordered = np_node_reorder_k8s (root);
      gsize length;
      char *json = np_json_write (ordered, &length);

      return g_bytes_new_take (json, length);
    }

  out = g_string_sized_new (self->text != NULL ? g_bytes_get_size (self->text) + 64 : 64);
  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      const char * const *first_keys = NULL;
      g_autoptr(NpNode) node = np_document_to_canonical_node (document, &first_keys);

      if (node == NULL)
        continue;
      if (written++ > 0)
        g_string_append (out, "---\n");
      np_yaml_write_append (out, node, first_keys, 0);
    }
  return g_string_free_to_bytes (out);
}

gboolean
np_write_file_atomically (GFile         *file,
                          const char    *contents,
                          gsize          length,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const char *path = g_file_peek_path (file);

  /* Local files go through np_safe_write_file(), whose every step is tested
   * against failure; other locations leave the same care to GIO. */
  if (path != NULL)
    return np_safe_write_file (path, contents, length, error);
  return g_file_replace_contents (file, contents, length, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, cancellable, error);
}

/* Moves each document of @self onto its copy read back from the saved
 * file; FALSE (and nothing moved) when they are not the same documents. */
static gboolean
rebase_documents (NpManifest *self,
                  NpManifest *saved)
{
  GListModel *mine = G_LIST_MODEL (self->documents);
  GListModel *theirs = G_LIST_MODEL (saved->documents);
  guint n = g_list_model_get_n_items (mine);

  if (n != g_list_model_get_n_items (theirs))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpDocument) a = g_list_model_get_item (mine, i);
      g_autoptr(NpDocument) b = g_list_model_get_item (theirs, i);

      if (np_document_get_kind (a) != np_document_get_kind (b))
        return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpDocument) a = g_list_model_get_item (mine, i);
      g_autoptr(NpDocument) b = g_list_model_get_item (theirs, i);

      if (!np_document_rebase (a, b))
        return FALSE;
    }
  return TRUE;
}

gboolean
np_manifest_save (NpManifest    *self,
                  GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GListModel *documents;
  gboolean reshaped;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  reshaped = self->reshaped;
  bytes = np_manifest_to_bytes (self);
  if (!np_write_file_atomically (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 cancellable, error))
    return FALSE;

  /* What is on disk now is the reference for the next save. The policy
   * objects stay (an editor's undo history and views hold them); only
   * when the saved text reads back as other documents is it read anew. */
  if (self->modified)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autoptr(NpManifest) saved = np_manifest_new ();
      gboolean read_back = np_manifest_load_bytes (saved, bytes, name, NULL);

      /* Text that does not read back leaves the documents their old
       * texts: they are not the file's, so no undo comes back to it. */
      reshaped = !read_back;

      if (read_back && !rebase_documents (self, saved))
        {
          if (!np_manifest_load_bytes (self, bytes, name, error))
            return FALSE;
        }
      else
        {
          /* Read back, or text typed as it is that does not parse (see
           * np_document_set_text()): the documents keep their text. */
          g_clear_pointer (&self->text, g_bytes_unref);
          self->text = g_bytes_ref (bytes);
          g_free (self->display_name);
          self->display_name = g_steal_pointer (&name);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
        }
    }
  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      np_document_set_modified (document, FALSE);
    }
  self->reshaped = reshaped;
  set_modified (self, FALSE);
  return TRUE;
}

/* Keeps @document's cluster-scoped policy (when it holds one) for the
 * priority check across the file's policies. */
static gboolean
collect_cluster_policy (NpDocument *document,
                        guint       index,
                        GPtrArray  *cluster,
                        GArray     *cluster_docs)
{
  NpClusterPolicy *policy;

  /* The model as edited (made over a copy of the tree when not yet). */
  if ((policy = np_document_get_cluster_policy (document)) == NULL)
    return FALSE;
  g_ptr_array_add (cluster, g_object_ref (policy));
  g_array_append_val (cluster_docs, index);
  return TRUE;
}

/* The findings across a file's cluster-scoped policies. */
static void
check_cluster_policies (GPtrArray  *cluster,
                        GArray     *cluster_docs,
                        const char *display_name,
                        GPtrArray  *diagnostics)
{
  guint before = diagnostics->len;

  np_cluster_policy_check_priorities (cluster, cluster_docs, diagnostics);
  for (guint j = before; j < diagnostics->len; j++)
    np_diagnostic_set_file (g_ptr_array_index (diagnostics, j), display_name);
}

/* The findings of one document, with its index, the file name and a
 * position for those without one. */
static void
validate_document (NpDocument      *document,
                   guint            index,
                   const char      *display_name,
                   NpValidateFlags  flags,
                   GPtrArray       *diagnostics)
{
  guint before = diagnostics->len;

  np_document_validate (document, flags, diagnostics);
  for (guint j = before; j < diagnostics->len; j++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, j);

      np_diagnostic_set_document (d, index);
      np_diagnostic_set_file (d, display_name);
      /* A diagnostic without a position points at its document. */
      if (np_diagnostic_get_line (d) == 0)
        np_diagnostic_set_position (d, np_document_get_line (document), 1);
    }
}

/* Sorts only what a call added (from @first on), by position. */
static void
sort_tail (GPtrArray *diagnostics,
           guint      first)
{
  g_autoptr(GPtrArray) tail = NULL;

  if (diagnostics->len <= first + 1)
    return;
  tail = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint j = first; j < diagnostics->len; j++)
    g_ptr_array_add (tail, g_object_ref (g_ptr_array_index (diagnostics, j)));
  g_ptr_array_sort (tail, np_diagnostic_compare);
  g_ptr_array_remove_range (diagnostics, first, diagnostics->len - first);
  for (guint j = 0; j < tail->len; j++)
    g_ptr_array_add (diagnostics, g_object_ref (g_ptr_array_index (tail, j)));
}

void
np_manifest_validate (NpManifest      *self,
                      NpValidateFlags  flags,
                      GPtrArray       *diagnostics)
{
  g_autoptr(GPtrArray) cluster = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) cluster_docs = g_array_new (FALSE, FALSE, sizeof (guint));
  GListModel *documents;
  guint first = diagnostics->len;

  g_return_if_fail (NP_IS_MANIFEST (self));
  g_return_if_fail (diagnostics != NULL);

  if (self->parse_diagnostic != NULL)
    {
      g_ptr_array_add (diagnostics, g_object_ref (self->parse_diagnostic));
      return;
    }

  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      validate_document (document, i, self->display_name, flags, diagnostics);
      collect_cluster_policy (document, i, cluster, cluster_docs);
    }
  check_cluster_policies (cluster, cluster_docs, self->display_name, diagnostics);
  sort_tail (diagnostics, first);
}

/* Reading and checking (or formatting) a large file take about as long as
 * each other: with a second processor, a worker thread takes each document
 * as the reader finishes it, in order. A few documents at most wait
 * between them, so that memory stays at a few documents' worth. */
#define PIPELINE_DEPTH 32
/* The worker wakes for this many documents at once (or the end): a wake-up
 * costs the reader a system call, more than a small document takes. */
#define PIPELINE_BATCH 8

typedef struct {
  GMutex              lock;
  GCond               cond;
  GQueue              queue;     /* NpYamlDocument, in file order */
  gboolean            done;
  gboolean            waiting;   /* the worker waits for a batch */
  GThread            *thread;    /* NULL: documents are handled directly */
  NpYamlDocumentFunc  func;
  gpointer            user_data;
} Pipeline;

static gpointer
pipeline_worker (gpointer data)
{
  Pipeline *pipeline = data;

  for (;;)
    {
      GQueue batch = G_QUEUE_INIT;
      NpYamlDocument *document;

      /* Everything waiting at once: fewer hand-overs between the threads. */
      g_mutex_lock (&pipeline->lock);
      while (g_queue_get_length (&pipeline->queue) < PIPELINE_BATCH && !pipeline->done)
        {
          pipeline->waiting = TRUE;
          g_cond_wait (&pipeline->cond, &pipeline->lock);
          pipeline->waiting = FALSE;
        }
      if (g_queue_get_length (&pipeline->queue) >= PIPELINE_DEPTH)
        g_cond_broadcast (&pipeline->cond);
      batch = pipeline->queue;
      g_queue_init (&pipeline->queue);
      g_mutex_unlock (&pipeline->lock);
      if (g_queue_is_empty (&batch))
        return NULL;
      while ((document = g_queue_pop_head (&batch)) != NULL)
        pipeline->func (document, pipeline->user_data);
    }
}

static void
pipeline_push (NpYamlDocument *document,
               gpointer        data)
{
  Pipeline *pipeline = data;

  if (pipeline->thread == NULL)
    {
      pipeline->func (document, pipeline->user_data);
      return;
    }
  g_mutex_lock (&pipeline->lock);
  while (g_queue_get_length (&pipeline->queue) >= PIPELINE_DEPTH)
    g_cond_wait (&pipeline->cond, &pipeline->lock);
  g_queue_push_tail (&pipeline->queue, document);
  if (pipeline->waiting && g_queue_get_length (&pipeline->queue) >= PIPELINE_BATCH)
    g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);
}

static void
pipeline_start (Pipeline           *pipeline,
                NpYamlDocumentFunc  func,
                gpointer            user_data)
{
  memset (pipeline, 0, sizeof *pipeline);
  g_mutex_init (&pipeline->lock);
  g_cond_init (&pipeline->cond);
  g_queue_init (&pipeline->queue);
  pipeline->func = func;
  pipeline->user_data = user_data;
  if (g_get_num_processors () > 1)
    pipeline->thread = g_thread_try_new ("netpol-check", pipeline_worker, pipeline, NULL);
}

/* Waits until every document pushed has been handled. */
static void
pipeline_finish (Pipeline *pipeline)
{
  if (pipeline->thread != NULL)
    {
      g_mutex_lock (&pipeline->lock);
      pipeline->done = TRUE;
      g_cond_broadcast (&pipeline->cond);
      g_mutex_unlock (&pipeline->lock);
      g_thread_join (g_steal_pointer (&pipeline->thread));
    }
  g_assert (g_queue_is_empty (&pipeline->queue));
  g_mutex_clear (&pipeline->lock);
  g_cond_clear (&pipeline->cond);
}

typedef struct {
  NpManifest             *manifest;
  GBytes                 *text;
  GPtrArray              *documents;  /* NpDocument, in file order */
  NpManifestDocumentFunc  func;
  gpointer                user_data;
} StreamLoad;

static void
load_streamed_document (NpYamlDocument *d,
                        gpointer        user_data)
{
  StreamLoad *load = user_data;
  NpDocument *document = np_document_new (load->text, d->start, d->end, d->content_start,
                                          d->content_end, d->root);

  np_yaml_document_free (d);
  /* Here rather than after the reading: connecting is not free, and the
   * manifest is not looked at meanwhile. */
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_modified),
                           load->manifest, G_CONNECT_SWAPPED);
  g_ptr_array_add (load->documents, document);
  load->func (document, load->documents->len - 1, load->user_data);
}

gboolean
np_manifest_load_bytes_each (NpManifest              *self,
                             GBytes                  *text,
                             const char              *display_name,
                             NpManifestDocumentFunc   func,
                             gpointer                 user_data,
                             GError                 **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  StreamLoad load = { self, text, documents, func, user_data };
  NpDiagnostic *diagnostic = NULL;
  Pipeline pipeline;
  gboolean parsed;
  const char *data;
  gsize length;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  data = g_bytes_get_data (text, &length);
  if (data == NULL)
    data = "";
  if (!load_begin (self, length, display_name, error))
    return FALSE;

  pipeline_start (&pipeline, load_streamed_document, &load);
  parsed = np_yaml_parse_each (data, length, pipeline_push, &pipeline, &diagnostic);
  pipeline_finish (&pipeline);
  return load_end (self, text, parsed ? documents : NULL, TRUE, diagnostic, error);
}

typedef struct {
  GBytes          *text;
  const char      *display_name;
  NpValidateFlags  flags;
  GPtrArray       *diagnostics;
  guint            n_documents;
  guint            n_policies;
  GPtrArray       *cluster;      /* NpClusterPolicy, for the check across them */
  GArray          *cluster_docs; /* guint: the document of each */
} StreamCheck;

static void
check_streamed_document (NpYamlDocument *d,
                         gpointer        user_data)
{
  StreamCheck *check = user_data;
  g_autoptr(NpDocument) document = np_document_new (check->text, d->start, d->end, d->content_start,
                                                    d->content_end, d->root);

  /* The tree goes with the document, right after its check. */
  np_yaml_document_free (d);
  validate_document (document, check->n_documents, check->display_name, check->flags,
                     check->diagnostics);
  check->n_policies += np_document_count_policies (document);
  if (collect_cluster_policy (document, check->n_documents, check->cluster, check->cluster_docs))
    check->n_policies++;
  check->n_documents++;
}

gboolean
np_manifest_validate_bytes (GBytes           *text,
                            const char       *display_name,
                            NpValidateFlags   flags,
                            GPtrArray        *diagnostics,
                            guint            *n_policies,
                            GError          **error)
{
  g_autoptr(GPtrArray) cluster = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) cluster_docs = g_array_new (FALSE, FALSE, sizeof (guint));
  StreamCheck check = { text, display_name, flags, diagnostics, 0, 0, cluster, cluster_docs };
  NpDiagnostic *diagnostic = NULL;
  Pipeline pipeline;
  gboolean parsed;
  guint first;
  const char *data;
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (diagnostics != NULL, FALSE);

  data = g_bytes_get_data (text, &length);
  if (data == NULL)
    data = "";
  if (n_policies != NULL)
    *n_policies = 0;
  if (length > NP_MANIFEST_MAX_SIZE)
    {
      g_set_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_TOO_LARGE,
                   _("%s: the file is %llu MiB; files over %d MiB are not read."),
                   display_name ? display_name : "<input>", (unsigned long long) (length / (1024 * 1024)),
                   NP_MANIFEST_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  first = diagnostics->len;
  pipeline_start (&pipeline, check_streamed_document, &check);
  parsed = np_yaml_parse_each (data, length, pipeline_push, &pipeline, &diagnostic);
  pipeline_finish (&pipeline);
  if (!parsed)
    {
      /* As np_manifest_load_bytes(): a text that does not parse has no
       * documents, only its syntax error. */
      g_ptr_array_remove_range (diagnostics, first, diagnostics->len - first);
      np_diagnostic_set_file (diagnostic, display_name);
      g_ptr_array_add (diagnostics, diagnostic);
      return TRUE;
    }
  check_cluster_policies (cluster, cluster_docs, display_name, diagnostics);
  sort_tail (diagnostics, first);
  if (n_policies != NULL)
    *n_policies = check.n_policies;
  return TRUE;
}

NpFormat
np_manifest_detect_format (GBytes *text)
{
  const char *data;
  gsize length;

  g_return_val_if_fail (text != NULL, NP_FORMAT_YAML);

  data = g_bytes_get_data (text, &length);
  return data != NULL ? detect_format (data, length) : NP_FORMAT_YAML;
}

typedef struct {
  GBytes  *text;
  GString *out;
  guint    written;
} StreamFormat;

static void
format_streamed_document (NpYamlDocument *d,
                          gpointer        user_data)
{
  StreamFormat *format = user_data;
  g_autoptr(NpDocument) document = np_document_new (format->text, d->start, d->end, d->content_start,
                                                    d->content_end, d->root);
  const char * const *first_keys = NULL;
  g_autoptr(NpNode) node = NULL;

  np_yaml_document_free (d);
  node = np_document_to_canonical_node (document, &first_keys);
  if (node == NULL)
    return;
  if (format->written++ > 0)
    g_string_append (format->out, "---\n");
  np_yaml_write_append (format->out, node, first_keys, 0);
}

GBytes *
np_manifest_format_bytes (GBytes      *text,
                          const char  *display_name,
                          NpFormat     format,
                          GError     **error)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  StreamFormat stream = { text, NULL, 0 };
  Pipeline pipeline;
  gboolean parsed;
  const char *data;
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  data = g_bytes_get_data (text, &length);
  if (data == NULL)
    data = "";
  if (length > NP_MANIFEST_MAX_SIZE || format == NP_FORMAT_JSON)
    {
      /* JSON makes one List of all documents: it needs them all at once. */
      g_autoptr(NpManifest) manifest = np_manifest_new ();

      if (!np_manifest_load_bytes (manifest, text, display_name, error))
        return NULL;
      return np_manifest_format (manifest, format);
    }

  stream.out = g_string_sized_new (length + 64);
  pipeline_start (&pipeline, format_streamed_document, &stream);
  parsed = np_yaml_parse_each (data, length, pipeline_push, &pipeline, &diagnostic);
  pipeline_finish (&pipeline);
  if (!parsed)
    {
      g_autofree char *message = NULL;

      /* As np_manifest_load_bytes() reports it. */
      np_diagnostic_set_file (diagnostic, display_name);
      message = np_diagnostic_format (diagnostic);
      g_set_error_literal (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE, message);
      g_string_free (stream.out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (stream.out);
}
