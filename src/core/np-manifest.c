/* np-manifest.c: a manifest file: its documents, loading, saving, checking
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy.h"
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
    clear_documents (self);
  g_clear_object (&self->documents);
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
np_manifest_init (NpManifest *self)
{
  self->documents = g_list_store_new (NP_TYPE_DOCUMENT);
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

gboolean
np_manifest_load_bytes (NpManifest  *self,
                        GBytes      *text,
                        const char  *display_name,
                        GError     **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  NpDiagnostic *diagnostic = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  data = g_bytes_get_data (text, &length);
  if (data == NULL)
    data = "";

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

  parsed = np_yaml_parse (data, length, &diagnostic);

  /* A text that does not parse is still kept whole: it has no documents,
   * and saving gives it back unchanged. */
  clear_documents (self);
  g_clear_pointer (&self->text, g_bytes_unref);
  self->text = g_bytes_ref (text);
  self->format = detect_format (data, length);

  if (parsed == NULL)
    {
      g_autofree char *message = NULL;

      np_diagnostic_set_file (diagnostic, display_name);
      message = np_diagnostic_format (diagnostic);
      self->parse_diagnostic = diagnostic;
      set_modified (self, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
      g_set_error_literal (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE, message);
      return FALSE;
    }

  for (guint i = 0; i < parsed->len; i++)
    {
      NpYamlDocument *d = g_ptr_array_index (parsed, i);
      g_autoptr(NpDocument) document = np_document_new (text, d->start, d->end, d->content_start,
                                                        d->content_end, d->root);

      append_document (self, document);
    }

  set_modified (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
  return TRUE;
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

void
np_manifest_add_policy (NpManifest *self,
                        NpPolicy   *policy)
{
  g_autoptr(NpDocument) document = NULL;

  g_return_if_fail (NP_IS_MANIFEST (self));
  g_return_if_fail (NP_IS_POLICY (policy));

  document = np_document_new_for_policy (policy);
  append_document (self, document);
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
  set_modified (self, TRUE);
  return TRUE;
}

NpDocument *
np_manifest_find_document (NpManifest *self,
                           gpointer    policy)
{
  GListModel *documents;

  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);

  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      GListModel *policies = np_document_get_policies (document);

      for (guint j = 0; j < g_list_model_get_n_items (policies); j++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (policies, j);

          if (item == policy)
            return document;
        }
    }
  return NULL;
}

/* JSON holds one value: several documents become a List, as kubectl does. */
static NpNode *
json_root (NpManifest *self, NpCodecFlags flags)
{
  GListModel *documents = G_LIST_MODEL (self->documents);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  NpNode *list, *items;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      NpNode *node = np_document_to_node (document, flags);

      if (node != NULL && !np_node_is_null (node))
        g_ptr_array_add (nodes, node);
      else if (node != NULL)
        np_node_unref (node);
    }

  if (nodes->len == 1)
    return np_node_ref (g_ptr_array_index (nodes, 0));

  list = np_node_new_mapping ();
  items = np_node_new_sequence ();
  np_node_set (list, "apiVersion", np_node_new_string ("v1"));
  np_node_set (list, "kind", np_node_new_string ("List"));
  for (guint i = 0; i < nodes->len; i++)
    np_node_append (items, np_node_ref (g_ptr_array_index (nodes, i)));
  np_node_set (list, "items", items);
  return list;
}

GBytes *
np_manifest_to_bytes (NpManifest *self)
{
  GListModel *documents;
  GString *out;

  g_return_val_if_fail (NP_IS_MANIFEST (self), NULL);

  if ((!self->modified || self->parse_diagnostic != NULL) && self->text != NULL)
    return g_bytes_ref (self->text);

  if (self->format == NP_FORMAT_JSON)
    {
      g_autoptr(NpNode) root = json_root (self, NP_CODEC_DEFAULT);
      gsize length;
      char *json = np_json_write (root, &length);

      return g_bytes_new_take (json, length);
    }

  out = g_string_new (NULL);
  documents = G_LIST_MODEL (self->documents);
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

  out = g_string_new (NULL);
  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(NpNode) node = np_document_to_node (document, NP_CODEC_CANONICAL);
      g_autoptr(NpNode) ordered = NULL;
      g_autofree char *text = NULL;

      if (node == NULL)
        continue;
      ordered = np_node_reorder_k8s (node);
      text = np_yaml_write (ordered, 0, NULL);
      if (written++ > 0)
        g_string_append (out, "---\n");
      g_string_append (out, text);
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
  /* GIO writes a temporary file beside the target, copies the target's mode,
   * syncs and renames: a crash leaves either the old or the new file. */
  return g_file_replace_contents (file, contents, length, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, cancellable, error);
}

gboolean
np_manifest_save (NpManifest    *self,
                  GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GListModel *documents;

  g_return_val_if_fail (NP_IS_MANIFEST (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = np_manifest_to_bytes (self);
  if (!np_write_file_atomically (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 cancellable, error))
    return FALSE;

  /* What is on disk now is the reference for the next save. */
  if (self->modified)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (!np_manifest_load_bytes (self, bytes, name, error))
        return FALSE;
    }
  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      np_document_set_modified (document, FALSE);
    }
  set_modified (self, FALSE);
  return TRUE;
}

void
np_manifest_validate (NpManifest      *self,
                      NpValidateFlags  flags,
                      GPtrArray       *diagnostics)
{
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
      guint before = diagnostics->len;

      np_document_validate (document, flags, diagnostics);
      for (guint j = before; j < diagnostics->len; j++)
        {
          NpDiagnostic *d = g_ptr_array_index (diagnostics, j);

          np_diagnostic_set_document (d, i);
          np_diagnostic_set_file (d, self->display_name);
          /* A diagnostic without a position points at its document. */
          if (np_diagnostic_get_line (d) == 0)
            np_diagnostic_set_position (d, np_document_get_line (document), 1);
        }
    }

  /* Sort only what this call added, by position. */
  if (diagnostics->len > first + 1)
    {
      g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = first; j < diagnostics->len; j++)
        g_ptr_array_add (tail, g_object_ref (g_ptr_array_index (diagnostics, j)));
      g_ptr_array_sort (tail, np_diagnostic_compare);
      g_ptr_array_remove_range (diagnostics, first, diagnostics->len - first);
      for (guint j = 0; j < tail->len; j++)
        g_ptr_array_add (diagnostics, g_object_ref (g_ptr_array_index (tail, j)));
    }
}
