/* np-document.c: one document of a manifest file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-private.h"
#include "np-cilium-validator.h"
#include "np-cluster-policy.h"
#include "np-diagnostic.h"
#include "np-document.h"
#include "np-model-private.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"

struct _NpDocument
{
  GObject         parent_instance;

  GBytes         *text;          /* the whole file; NULL for a new document */
  gsize           start;
  gsize           end;
  gsize           content_start;
  gsize           content_end;
  NpNode         *root;
  NpDocumentKind  kind;
  guint           line;
  GListStore     *policies;
  GArray         *item_index;    /* LIST: policies[i] is items[item_index[i]] */
  GPtrArray      *load_diagnostics;
  gboolean        modified;
  /* The text the person typed for this document (np_document_set_text()),
   * written as it is until a policy changes some other way. */
  char           *typed_text;
  /* The policy models are built when first asked for: a one-off check or
   * reformat of a large file builds each document's models only for the
   * moment it needs them (see with_policies()), instead of all at once. */
  gboolean        materialized;
  int             n_readable;    /* policies that read, -1 while unknown */
  /* CLUSTER_POLICY: the model, over a copy of @root, made when first asked
   * for. It is kept out of @policies, whose readers know NetworkPolicies
   * and Cilium policies only. */
  NpClusterPolicy *cluster;
};

G_DEFINE_FINAL_TYPE (NpDocument, np_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_policy_changed (NpDocument *self)
{
  /* The model moved on: the typed text no longer says what it holds. */
  g_clear_pointer (&self->typed_text, g_free);
  np_document_set_modified (self, TRUE);
}

static void
np_document_dispose (GObject *object)
{
  NpDocument *self = NP_DOCUMENT (object);

  if (self->policies != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->policies)); i++)
      {
        g_autoptr(GObject) policy = g_list_model_get_item (G_LIST_MODEL (self->policies), i);

        g_signal_handlers_disconnect_by_func (policy, on_policy_changed, self);
      }
  g_clear_object (&self->policies);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_func (self->cluster, on_policy_changed, self);
  g_clear_object (&self->cluster);

  G_OBJECT_CLASS (np_document_parent_class)->dispose (object);
}

static void
np_document_finalize (GObject *object)
{
  NpDocument *self = NP_DOCUMENT (object);

  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->root, np_node_unref);
  g_clear_pointer (&self->item_index, g_array_unref);
  g_clear_pointer (&self->load_diagnostics, g_ptr_array_unref);
  g_free (self->typed_text);

  G_OBJECT_CLASS (np_document_parent_class)->finalize (object);
}

static void
np_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NpDocument *self = NP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NpDocument *self = NP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      np_document_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_document_class_init (NpDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_document_dispose;
  object_class->finalize = np_document_finalize;
  object_class->get_property = np_document_get_property;
  object_class->set_property = np_document_set_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_document_init (NpDocument *self)
{
  self->policies = g_list_store_new (G_TYPE_OBJECT);
  self->load_diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  self->item_index = g_array_new (FALSE, FALSE, sizeof (guint));
  self->n_readable = -1;
}

static const char *
string_at (const NpNode *node, const char *key)
{
  NpNode *value = np_node_lookup (node, key);

  return np_node_is_string (value) ? np_node_get_text (value) : NULL;
}

/* Something meant as a NetworkPolicy, even if misspelt: it gets validated
 * (and its errors reported) rather than passed over as a foreign object. */
static gboolean
looks_like_policy (const NpNode *node)
{
  const char *kind, *api_version;
  g_autofree char *folded = NULL;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return FALSE;
  kind = string_at (node, "kind");
  api_version = string_at (node, "apiVersion");
  if (kind == NULL)
    return g_strcmp0 (api_version, NP_K8S_API_VERSION) == 0 &&
           np_node_has_key (np_node_lookup (node, "spec"), "podSelector");
  if (g_str_equal (kind, NP_K8S_KIND))
    return TRUE;
  folded = g_ascii_strdown (kind, -1);
  g_strdelimit (folded, "-_ ", '\0');
  return g_str_has_prefix (folded, "networkpolic") && !g_str_has_suffix (folded, "list");
}

/* Something meant as a Cilium policy: a kind naming one (even misspelt), a
 * cilium.io apiVersion (however its key is spelt, as `apiversion:`) with a
 * policy kind or none, or, with neither, a spec with an endpointSelector. */
static gboolean
looks_like_cilium (const NpNode *node)
{
  const char *kind, *api_version = NULL;
  g_autofree char *folded = NULL;
  NpNode *spec;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return FALSE;
  kind = string_at (node, "kind");
  if (kind != NULL)
    {
      folded = g_ascii_strdown (kind, -1);
      g_strdelimit (folded, "-_ ", '\0');
      if (g_str_has_suffix (folded, "list"))
        return FALSE;
      if (g_str_has_prefix (folded, "ciliumnetworkpolic") || g_str_has_prefix (folded, "ciliumclusterwidenetworkpolic") ||
          g_str_has_prefix (folded, "ciliumclusterwidepolic") || g_str_equal (folded, "cnp") || g_str_equal (folded, "ccnp"))
        return TRUE;
    }
  for (guint i = 0; i < np_node_get_n_pairs (node); i++)
    if (g_ascii_strcasecmp (np_node_get_key (node, i), "apiVersion") == 0 && np_node_is_string (np_node_get_value (node, i)))
      api_version = np_node_get_text (np_node_get_value (node, i));
  if (api_version != NULL)
    return g_str_has_prefix (api_version, "cilium.io/") && (kind == NULL || strstr (folded, "polic") != NULL);
  if (kind != NULL)
    return FALSE;
  /* Neither apiVersion nor kind: only what no other object has. */
  spec = np_node_lookup (node, "spec");
  return np_node_has_key (node, "specs") || np_node_has_key (spec, "endpointSelector");
}

static void
add_policy (NpDocument *self, gpointer policy, guint item)
{
  g_list_store_append (self->policies, policy);
  g_array_append_val (self->item_index, item);
  g_signal_connect_swapped (policy, "changed", G_CALLBACK (on_policy_changed), self);
}

/* What reading a document's policies gives: the models (NpPolicy or
 * NpCiliumPolicy), the item of each, and the problems of those that do not
 * read. */
typedef struct {
  GPtrArray *policies;
  GArray    *item_index;
  GPtrArray *load_diagnostics;
} Policies;

static void
policies_clear (Policies *read)
{
  g_clear_pointer (&read->policies, g_ptr_array_unref);
  g_clear_pointer (&read->item_index, g_array_unref);
  g_clear_pointer (&read->load_diagnostics, g_ptr_array_unref);
}

/* Diagnostics of one policy of the document, moved under items[@item] when
 * it is an item of a List (@item G_MAXUINT: it is not). */
static void
add_under_item (GPtrArray *found,
                guint      item,
                GPtrArray *diagnostics)
{
  for (guint i = 0; i < found->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (found, i);
      const char *path = np_diagnostic_get_path (d);

      if (item != G_MAXUINT)
        {
          g_autofree char *under = g_strdup_printf ("items[%u]%s%s", item, path != NULL ? "." : "",
                                                    path != NULL ? path : "");
          NpDiagnostic *copy = np_diagnostic_new (np_diagnostic_get_severity (d), np_diagnostic_get_code (d),
                                                  under, np_diagnostic_get_message (d));

          np_diagnostic_set_position (copy, np_diagnostic_get_line (d), np_diagnostic_get_column (d));
          g_ptr_array_add (diagnostics, copy);
        }
      else
        g_ptr_array_add (diagnostics, g_object_ref (d));
    }
}

/* @keep: the models are for keeping (and editing); otherwise they live only
 * while the caller looks at them and may share the document's tree. */
static void
read_policy (Policies *read, NpNode *node, guint item, gboolean prefixed, gboolean keep)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GObject) policy = NULL;

  /* A Cilium policy edits its tree in place: one kept gets a copy, so that
   * the document's root stays the data as read. */
  if (looks_like_cilium (node))
    {
      g_autoptr(NpNode) copy = keep ? np_node_copy (node) : np_node_ref (node);

      policy = (GObject *) np_cilium_policy_new_from_node (copy, problems);
    }
  else
    policy = (GObject *) np_policy_new_from_node (node, problems);

  if (policy != NULL)
    {
      g_ptr_array_add (read->policies, g_steal_pointer (&policy));
      g_array_append_val (read->item_index, item);
      return;
    }
  add_under_item (problems, prefixed ? item : G_MAXUINT, read->load_diagnostics);
}

/* The trees of the document's policies (see classify()), and the item of
 * each in a List. (transfer none) */
static void
policy_nodes (NpDocument *self, GPtrArray *nodes, GArray *item_index)
{
  NpNode *root = self->root;
  guint zero = 0;

  switch (self->kind)
    {
    case NP_DOCUMENT_POLICY:
    case NP_DOCUMENT_CILIUM_POLICY:
      if (root != NULL)
        {
          g_ptr_array_add (nodes, root);
          g_array_append_val (item_index, zero);
        }
      break;

    case NP_DOCUMENT_LIST:
      {
        const char *kind = string_at (root, "kind");
        NpNode *items = np_node_lookup (root, "items");

        for (guint i = 0; i < np_node_get_n_items (items); i++)
          {
            NpNode *item = np_node_get_item (items, i);

            /* The items of a NetworkPolicyList may leave their kind out. */
            if (looks_like_cilium (item) || looks_like_policy (item) ||
                (g_str_equal (kind, "NetworkPolicyList") && np_node_get_kind (item) == NP_NODE_MAPPING &&
                 string_at (item, "kind") == NULL))
              {
                g_ptr_array_add (nodes, item);
                g_array_append_val (item_index, i);
              }
          }
      }
      break;

    case NP_DOCUMENT_EMPTY:
    case NP_DOCUMENT_OTHER:
    default:
      break;
    }
}

/* Reads the policies of the document's tree (see classify()). */
static void
read_policies (NpDocument *self, Policies *read, gboolean keep)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));

  read->policies = g_ptr_array_new_with_free_func (g_object_unref);
  read->item_index = g_array_new (FALSE, FALSE, sizeof (guint));
  read->load_diagnostics = g_ptr_array_new_with_free_func (g_object_unref);

  /* Models only looked at for a moment need no change tracking. */
  if (!keep)
    np_model_begin_unwatched ();
  policy_nodes (self, nodes, items);
  for (guint i = 0; i < nodes->len; i++)
    read_policy (read, g_ptr_array_index (nodes, i), g_array_index (items, guint, i),
                 self->kind == NP_DOCUMENT_LIST, keep);
  if (!keep)
    np_model_end_unwatched ();
  self->n_readable = read->policies->len;
}

/* Builds the models to keep, once. */
static void
materialize (NpDocument *self)
{
  Policies read = { 0 };

  if (self->materialized)
    return;
  self->materialized = TRUE;
  read_policies (self, &read, TRUE);
  for (guint i = 0; i < read.policies->len; i++)
    add_policy (self, g_ptr_array_index (read.policies, i), g_array_index (read.item_index, guint, i));
  g_ptr_array_extend_and_steal (self->load_diagnostics, g_steal_pointer (&read.load_diagnostics));
  policies_clear (&read);
}

GPtrArray *
np_document_read_policies (NpDocument *self)
{
  Policies read = { 0 };
  GPtrArray *policies;

  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  if (self->materialized)
    {
      GListModel *model = G_LIST_MODEL (self->policies);

      policies = g_ptr_array_new_full (g_list_model_get_n_items (model), g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (policies, g_list_model_get_item (model, i));
      return policies;
    }
  /* Unwatched and not kept: the tree is read once, by whoever only looks. */
  read_policies (self, &read, FALSE);
  policies = g_steal_pointer (&read.policies);
  policies_clear (&read);
  return policies;
}

/* The models of the document: the kept ones when built, else fresh ones for
 * the moment (@read is to be cleared by the caller). (transfer none) */
static void
with_policies (NpDocument *self, Policies *read)
{
  if (self->materialized)
    {
      GListModel *model = G_LIST_MODEL (self->policies);

      read->policies = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (read->policies, g_list_model_get_item (model, i));
      read->item_index = g_array_ref (self->item_index);
      read->load_diagnostics = g_ptr_array_ref (self->load_diagnostics);
      return;
    }
  read_policies (self, read, FALSE);
}

/* The data of one policy of the document, as it is now. */
static NpNode *
policy_to_node (GObject *policy, NpCodecFlags flags)
{
  if (NP_IS_CILIUM_POLICY (policy))
    return np_cilium_policy_to_node (NP_CILIUM_POLICY (policy), (flags & NP_CODEC_CANONICAL) != 0);
  return np_policy_to_node (NP_POLICY (policy), flags);
}

/* Only says what the document holds: the policies are read later. */
static void
classify (NpDocument *self)
{
  NpNode *root = self->root;
  const char *kind;
  NpNode *items;

  if (root == NULL || np_node_is_null (root))
    {
      self->kind = NP_DOCUMENT_EMPTY;
      return;
    }
  if (np_cluster_policy_kind_of_node (root, NULL))
    {
      self->kind = NP_DOCUMENT_CLUSTER_POLICY;
      return;
    }
  if (looks_like_cilium (root))
    {
      self->kind = NP_DOCUMENT_CILIUM_POLICY;
      return;
    }
  if (looks_like_policy (root))
    {
      self->kind = NP_DOCUMENT_POLICY;
      return;
    }

  kind = string_at (root, "kind");
  items = np_node_lookup (root, "items");
  if (kind != NULL && g_str_has_suffix (kind, "List") && items != NULL &&
      np_node_get_kind (items) == NP_NODE_SEQUENCE)
    {
      self->kind = NP_DOCUMENT_LIST;
      return;
    }

  self->kind = NP_DOCUMENT_OTHER;
}

NpDocument *
np_document_new (GBytes *text,
                 gsize   start,
                 gsize   end,
                 gsize   content_start,
                 gsize   content_end,
                 NpNode *root)
{
  NpDocument *self;
  gsize size;

  g_return_val_if_fail (text != NULL, NULL);
  size = g_bytes_get_size (text);
  g_return_val_if_fail (start <= content_start && content_start <= content_end, NULL);
  g_return_val_if_fail (start <= end && end <= size, NULL);

  self = g_object_new (NP_TYPE_DOCUMENT, NULL);
  self->text = g_bytes_ref (text);
  self->start = start;
  self->end = end;
  self->content_start = MIN (content_start, end);
  self->content_end = MIN (MAX (content_end, self->content_start), end);
  self->root = root ? np_node_ref (root) : NULL;
  self->line = root ? np_node_get_line (root) : 0;
  classify (self);
  return self;
}

NpDocument *
np_document_new_for_policy (gpointer policy)
{
  NpDocument *self;

  g_return_val_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy), NULL);

  self = g_object_new (NP_TYPE_DOCUMENT, NULL);
  self->kind = NP_IS_POLICY (policy) ? NP_DOCUMENT_POLICY : NP_DOCUMENT_CILIUM_POLICY;
  self->modified = TRUE;
  self->materialized = TRUE;
  add_policy (self, policy, 0);
  return self;
}

NpDocument *
np_document_new_for_cluster_policy (NpClusterPolicy *policy)
{
  NpDocument *self;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (policy), NULL);

  self = g_object_new (NP_TYPE_DOCUMENT, NULL);
  self->kind = NP_DOCUMENT_CLUSTER_POLICY;
  self->modified = TRUE;
  self->materialized = TRUE;
  self->cluster = g_object_ref (policy);
  g_signal_connect_swapped (policy, "changed", G_CALLBACK (on_policy_changed), self);
  return self;
}

NpClusterPolicy *
np_document_get_cluster_policy (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  if (self->kind != NP_DOCUMENT_CLUSTER_POLICY)
    return NULL;
  if (self->cluster == NULL && self->root != NULL)
    {
      /* Edits change the model's tree in place: it gets a copy, so that
       * the document's root stays the data as read. */
      g_autoptr(NpNode) copy = np_node_copy (self->root);

      self->cluster = np_cluster_policy_new_from_node (copy);
      if (self->cluster != NULL)
        g_signal_connect_swapped (self->cluster, "changed", G_CALLBACK (on_policy_changed), self);
    }
  return self->cluster;
}

NpDocumentKind
np_document_get_kind (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NP_DOCUMENT_OTHER);
  return self->kind;
}

const char *
np_document_get_object_kind (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);
  if (self->root == NULL && self->kind == NP_DOCUMENT_POLICY)
    return NP_K8S_KIND;
  if (self->root == NULL && self->kind == NP_DOCUMENT_CILIUM_POLICY && self->materialized &&
      g_list_model_get_n_items (G_LIST_MODEL (self->policies)) == 1)
    {
      g_autoptr(NpCiliumPolicy) policy = g_list_model_get_item (G_LIST_MODEL (self->policies), 0);

      return np_cilium_policy_get_kind (policy);
    }
  if (self->cluster != NULL)
    return string_at (np_cluster_policy_get_node (self->cluster), "kind");
  return string_at (self->root, "kind");
}

const char *
np_document_get_object_name (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);
  if (self->root == NULL && self->materialized &&
      g_list_model_get_n_items (G_LIST_MODEL (self->policies)) == 1)
    {
      g_autoptr(GObject) policy = g_list_model_get_item (G_LIST_MODEL (self->policies), 0);

      if (NP_IS_CILIUM_POLICY (policy))
        return np_cilium_policy_get_name (NP_CILIUM_POLICY (policy));
      return np_policy_get_name (NP_POLICY (policy));
    }
  if (self->cluster != NULL)
    return np_cluster_policy_get_name (self->cluster);
  return string_at (np_node_lookup (self->root, "metadata"), "name");
}

NpNode *
np_document_get_root (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);
  return self->root;
}

guint
np_document_get_line (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), 0);
  return self->line;
}

GListModel *
np_document_get_policies (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);
  materialize (self);
  return G_LIST_MODEL (self->policies);
}

gboolean
np_document_find_policy (NpDocument *self,
                         gpointer    policy,
                         guint      *position)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), FALSE);

  if (policy != NULL && policy == (gpointer) self->cluster)
    {
      if (position != NULL)
        *position = 0;
      return TRUE;
    }
  if (!self->materialized || policy == NULL)
    return FALSE;
  return g_list_store_find (self->policies, policy, position);
}

GListModel *
np_document_peek_policies (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  return self->materialized ? G_LIST_MODEL (self->policies) : NULL;
}

NpClusterPolicy *
np_document_peek_cluster_policy (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  return self->cluster;
}

GPtrArray *
np_document_get_load_diagnostics (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);
  materialize (self);
  return self->load_diagnostics;
}

gboolean
np_document_get_modified (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

gboolean
np_document_matches_saved (NpDocument *self)
{
  g_autoptr(NpNode) node = NULL;

  g_return_val_if_fail (NP_IS_DOCUMENT (self), FALSE);

  if (self->text == NULL || self->root == NULL || self->typed_text != NULL)
    return FALSE;
  node = np_document_to_node (self, NP_CODEC_DEFAULT);
  return node != NULL && np_node_equal (node, self->root);
}

void
np_document_set_modified (NpDocument *self,
                          gboolean    modified)
{
  g_return_if_fail (NP_IS_DOCUMENT (self));

  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

NpNode *
np_document_to_node (NpDocument   *self,
                     NpCodecFlags  flags)
{
  Policies read = { 0 };
  NpNode *node = NULL;

  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  switch (self->kind)
    {
    case NP_DOCUMENT_POLICY:
    case NP_DOCUMENT_CILIUM_POLICY:
      with_policies (self, &read);
      if (read.policies->len == 1)
        node = policy_to_node (g_ptr_array_index (read.policies, 0), flags);
      policies_clear (&read);
      if (node != NULL)
        return node;
      break;

    case NP_DOCUMENT_LIST:
      {
        /* Copy the list so that the tree we read stays as it was. */
        NpNode *copy = np_node_copy (self->root);
        NpNode *items = np_node_lookup (copy, "items");

        with_policies (self, &read);
        for (guint i = 0; i < read.policies->len; i++)
          np_node_replace_item (items, g_array_index (read.item_index, guint, i),
                                policy_to_node (g_ptr_array_index (read.policies, i), flags));
        policies_clear (&read);
        return copy;
      }

    case NP_DOCUMENT_CLUSTER_POLICY:
      if (self->cluster != NULL)
        return np_cluster_policy_to_node (self->cluster);
      break;

    case NP_DOCUMENT_EMPTY:
    case NP_DOCUMENT_OTHER:
    default:
      break;
    }
  return self->root ? np_node_ref (self->root) : NULL;
}

NpNode *
np_document_to_canonical_node (NpDocument          *self,
                               const char * const **first_keys)
{
  static const char * const cilium_first[] = { "apiVersion", "kind", "metadata", "spec", "specs", NULL };
  Policies read = { 0 };
  NpNode *node = NULL;

  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (first_keys != NULL, NULL);

  *first_keys = np_yaml_k8s_first_keys;
  /* Without models (as np_manifest_format_bytes() reads), the same trees
   * come straight from the document's own. */
  if (!self->materialized && self->root != NULL)
    {
      if (self->kind == NP_DOCUMENT_POLICY)
        return np_policy_check_node (self->root, NULL) ? np_policy_canonical_node (self->root)
                                                       : np_node_ref (self->root);
      if (self->kind == NP_DOCUMENT_CILIUM_POLICY)
        {
          if (np_cilium_check_node (self->root, NULL))
            *first_keys = cilium_first;
          return np_node_ref (self->root);
        }
    }
  if (self->kind != NP_DOCUMENT_CILIUM_POLICY)
    return np_document_to_node (self, NP_CODEC_CANONICAL);

  /* np_cilium_policy_to_node (canonical) puts these keys first, and the
   * k8s order then changes nothing: the tree itself, in that order, is
   * the text, no copy needed. */
  with_policies (self, &read);
  if (read.policies->len == 1)
    {
      node = np_node_ref (np_cilium_policy_get_node (g_ptr_array_index (read.policies, 0)));
      *first_keys = cilium_first;
    }
  policies_clear (&read);
  if (node == NULL && self->root != NULL)
    node = np_node_ref (self->root);
  return node;
}

guint
np_document_count_policies (NpDocument *self)
{
  Policies read = { 0 };

  g_return_val_if_fail (NP_IS_DOCUMENT (self), 0);

  if (self->materialized)
    return g_list_model_get_n_items (G_LIST_MODEL (self->policies));
  if (self->n_readable < 0)
    {
      read_policies (self, &read, FALSE);
      policies_clear (&read);
    }
  return self->n_readable;
}

void
np_document_write (NpDocument *self,
                   GString    *out)
{
  const char *data = NULL;
  g_autoptr(NpNode) node = NULL;
  g_autofree char *body = NULL;
  gsize prefix_end, body_end;
  gboolean crlf = FALSE;

  g_return_if_fail (NP_IS_DOCUMENT (self));

  if (self->typed_text != NULL)
    {
      /* Written exactly as typed; only a separator from what comes before
       * is added when the text has none. */
      if (out->len > 0 && !g_str_has_prefix (self->typed_text, "---"))
        {
          if (out->str[out->len - 1] != '\n')
            g_string_append_c (out, '\n');
          g_string_append (out, "---\n");
        }
      g_string_append (out, self->typed_text);
      return;
    }

  if (self->text != NULL)
    data = g_bytes_get_data (self->text, NULL);

  if (!self->modified && data != NULL)
    {
      g_string_append_len (out, data + self->start, self->end - self->start);
      return;
    }

  node = np_document_to_node (self, NP_CODEC_DEFAULT);

  if (data == NULL)
    {
      /* A new document: separate it from what comes before. */
      if (out->len > 0)
        {
          if (out->str[out->len - 1] != '\n')
            g_string_append_c (out, '\n');
          g_string_append (out, "---\n");
        }
      if (node != NULL)
        {
          body = np_yaml_write (node, 0, NULL);
          g_string_append (out, body);
        }
      return;
    }

  /* Keep what stands before the content (comments, "---") up to the start
   * of the content's line, and whatever follows the content's last line. */
  prefix_end = self->content_start;
  while (prefix_end > self->start && (data[prefix_end - 1] == ' ' || data[prefix_end - 1] == '\t'))
    prefix_end--;
  crlf = g_strstr_len (data + self->start, self->end - self->start, "\r\n") != NULL;

  g_string_append_len (out, data + self->start, prefix_end - self->start);
  if (prefix_end > self->start && data[prefix_end - 1] != '\n')
    g_string_append (out, crlf ? "\r\n" : "\n");

  if (node != NULL)
    {
      body = np_yaml_write (node, crlf ? NP_YAML_WRITE_CRLF : 0, NULL);
      g_string_append (out, body);
    }

  /* Whatever follows the content's last line (comments) stays. */
  body_end = self->content_end;
  while (body_end < self->end && data[body_end] != '\n')
    body_end++;
  if (body_end < self->end)
    body_end++;
  g_string_append_len (out, data + body_end, self->end - body_end);
}


/* Checks the document's trees themselves, without models: what the models
 * would say (np_policy_validate() checks the same trees), much faster. */
static void
validate_nodes (NpDocument      *self,
                NpValidateFlags  flags,
                GPtrArray       *diagnostics)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) readable = g_array_new (FALSE, FALSE, sizeof (gboolean));
  int n_readable = 0;

  policy_nodes (self, nodes, items);
  if (self->kind != NP_DOCUMENT_LIST)
    {
      /* One policy: its problems, whether it reads or not, in one go. */
      for (guint i = 0; i < nodes->len; i++)
        {
          NpNode *node = g_ptr_array_index (nodes, i);

          if (looks_like_cilium (node) ? np_cilium_validate_node (node, flags, diagnostics)
                                       : np_policy_validate_node (node, flags, diagnostics))
            n_readable++;
        }
      self->n_readable = n_readable;
      return;
    }
  /* As with models: first what does not read, then what the others break. */
  for (guint i = 0; i < nodes->len; i++)
    {
      NpNode *node = g_ptr_array_index (nodes, i);
      gboolean ok;

      g_ptr_array_set_size (found, 0);
      ok = looks_like_cilium (node) ? np_cilium_check_node (node, found) : np_policy_check_node (node, found);
      g_array_append_val (readable, ok);
      n_readable += ok;
      add_under_item (found, self->kind == NP_DOCUMENT_LIST ? g_array_index (items, guint, i) : G_MAXUINT,
                      diagnostics);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      NpNode *node = g_ptr_array_index (nodes, i);

      if (!g_array_index (readable, gboolean, i))
        continue;
      g_ptr_array_set_size (found, 0);
      if (looks_like_cilium (node))
        np_cilium_validate_node (node, flags, found);
      else
        np_policy_validate_node (node, flags, found);
      add_under_item (found, self->kind == NP_DOCUMENT_LIST ? g_array_index (items, guint, i) : G_MAXUINT,
                      diagnostics);
    }
  self->n_readable = n_readable;
}

/* The cluster-scoped policies among a List's items (not read as policies
 * of the document yet), each checked with its items[N] path. */
static void
validate_cluster_items (NpDocument      *self,
                        NpValidateFlags  flags,
                        GPtrArray       *diagnostics)
{
  NpNode *items = np_node_lookup (self->root, "items");

  for (guint i = 0; i < np_node_get_n_items (items); i++)
    {
      NpNode *item = np_node_get_item (items, i);
      g_autoptr(GPtrArray) found = NULL;

      if (!np_cluster_policy_kind_of_node (item, NULL))
        continue;
      found = g_ptr_array_new_with_free_func (g_object_unref);
      np_cluster_policy_validate_node (item, flags, found);
      add_under_item (found, i, diagnostics);
    }
}

void
np_document_validate (NpDocument      *self,
                      NpValidateFlags  flags,
                      GPtrArray       *diagnostics)
{
  Policies read = { 0 };

  g_return_if_fail (NP_IS_DOCUMENT (self));

  /* The cluster-scoped kinds: their model's tree once it is made (it is
   * the one edited), else the tree as read. */
  if (self->kind == NP_DOCUMENT_CLUSTER_POLICY)
    {
      if (self->cluster != NULL)
        np_cluster_policy_validate (self->cluster, flags, diagnostics);
      else if (self->root != NULL)
        np_cluster_policy_validate_node (self->root, flags, diagnostics);
      return;
    }
  if (self->kind == NP_DOCUMENT_LIST && self->root != NULL)
    validate_cluster_items (self, flags, diagnostics);
  if (!self->materialized)
    {
      validate_nodes (self, flags, diagnostics);
      return;
    }
  with_policies (self, &read);
  for (guint i = 0; i < read.load_diagnostics->len; i++)
    g_ptr_array_add (diagnostics, g_object_ref (g_ptr_array_index (read.load_diagnostics, i)));

  for (guint i = 0; i < read.policies->len; i++)
    {
      GObject *policy = g_ptr_array_index (read.policies, i);
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

      if (NP_IS_CILIUM_POLICY (policy))
        np_cilium_policy_validate (NP_CILIUM_POLICY (policy), flags, found);
      else
        np_policy_validate (NP_POLICY (policy), flags, found);
      add_under_item (found, self->kind == NP_DOCUMENT_LIST ? g_array_index (read.item_index, guint, i) : G_MAXUINT,
                      diagnostics);
    }
  policies_clear (&read);
}

char *
np_document_dup_text (NpDocument *self)
{
  GString *out;

  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  if (self->typed_text != NULL)
    return g_strdup (self->typed_text);
  out = g_string_new (NULL);
  np_document_write (self, out);
  return g_string_free (out, FALSE);
}

void
np_document_set_text (NpDocument *self,
                      const char *text)
{
  g_return_if_fail (NP_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (self->typed_text, text) == 0)
    return;
  g_free (self->typed_text);
  self->typed_text = g_strdup (text);
  self->modified = FALSE;  /* notified below, whatever it was */
  np_document_set_modified (self, TRUE);
}

const char *
np_document_get_typed_text (NpDocument *self)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  return self->typed_text;
}

NpDiagnostic *
np_document_check_typed_text (NpDocument *self)
{
  g_autoptr(NpNode) node = NULL;
  NpDiagnostic *problem = NULL;

  g_return_val_if_fail (NP_IS_DOCUMENT (self), NULL);

  if (self->typed_text == NULL)
    return NULL;
  node = np_yaml_parse_one (self->typed_text, strlen (self->typed_text), &problem);
  if (node == NULL && problem == NULL)
    problem = np_diagnostic_new (NP_SEVERITY_ERROR, "empty", NULL, _("The text is empty."));
  return problem;
}

gboolean
np_document_rebase (NpDocument *self,
                    NpDocument *saved)
{
  g_return_val_if_fail (NP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (NP_IS_DOCUMENT (saved), FALSE);

  if (self->kind != saved->kind ||
      (self->materialized && np_document_count_policies (self) != np_document_count_policies (saved)))
    return FALSE;
  g_clear_pointer (&self->text, g_bytes_unref);
  self->text = saved->text ? g_bytes_ref (saved->text) : NULL;
  self->start = saved->start;
  self->end = saved->end;
  self->content_start = saved->content_start;
  self->content_end = saved->content_end;
  g_clear_pointer (&self->root, np_node_unref);
  self->root = saved->root ? np_node_ref (saved->root) : NULL;
  self->line = saved->line;
  g_clear_pointer (&self->typed_text, g_free);
  return TRUE;
}
