/* np-policy-list.c: the policies of a manifest, one list item each, read as they are asked for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-document.h"
#include "np-manifest.h"
#include "np-policy-list.h"

struct _NpPolicyList
{
  GObject     parent_instance;

  NpManifest *manifest;
  GListModel *documents;  /* the manifest's */
  /* guint: the first item of each document, then the number of items; a
   * document's share is found by bisection, and a change of documents
   * moves only what follows it. */
  GArray     *starts;
};

static void np_policy_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NpPolicyList, np_policy_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, np_policy_list_list_model_init))

enum {
  PROP_0,
  PROP_MANIFEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define START(self, i) g_array_index ((self)->starts, guint, (i))

/* A policy document is one item, its policy or (when it cannot be read)
 * itself, which needs no reading to know; only a List's items are counted. */
static guint
n_items_of (NpDocument *document)
{
  if (np_document_get_kind (document) != NP_DOCUMENT_LIST)
    return 1;
  return MAX (1, np_document_count_policies (document));
}

static void
on_documents_changed (NpPolicyList *self,
                      guint         position,
                      guint         removed,
                      guint         added,
                      GListModel   *documents)
{
  guint first = START (self, position);
  guint old_end = START (self, position + removed);
  guint end = first;

  /* Each entry after @position is where the previous document ends. */
  g_array_remove_range (self->starts, position + 1, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, position + i);

      end += n_items_of (document);
      g_array_insert_val (self->starts, position + 1 + i, end);
    }
  if (end != old_end)
    for (guint i = position + 1 + added; i < self->starts->len; i++)
      START (self, i) = START (self, i) - old_end + end;

  if (old_end != first || end != first)
    g_list_model_items_changed (G_LIST_MODEL (self), first, old_end - first, end - first);
}

static void
np_policy_list_constructed (GObject *object)
{
  NpPolicyList *self = NP_POLICY_LIST (object);

  G_OBJECT_CLASS (np_policy_list_parent_class)->constructed (object);

  g_assert (NP_IS_MANIFEST (self->manifest));
  self->documents = g_object_ref (np_manifest_get_documents (self->manifest));
  /* The documents there already are added as any later ones are. */
  on_documents_changed (self, 0, 0, g_list_model_get_n_items (self->documents), self->documents);
  g_signal_connect_object (self->documents, "items-changed",
                           G_CALLBACK (on_documents_changed), self, G_CONNECT_SWAPPED);
}

static void
np_policy_list_dispose (GObject *object)
{
  NpPolicyList *self = NP_POLICY_LIST (object);

  g_clear_object (&self->documents);
  g_clear_object (&self->manifest);

  G_OBJECT_CLASS (np_policy_list_parent_class)->dispose (object);
}

static void
np_policy_list_finalize (GObject *object)
{
  NpPolicyList *self = NP_POLICY_LIST (object);

  g_array_unref (self->starts);

  G_OBJECT_CLASS (np_policy_list_parent_class)->finalize (object);
}

static void
np_policy_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NpPolicyList *self = NP_POLICY_LIST (object);

  switch (prop_id)
    {
    case PROP_MANIFEST:
      g_value_set_object (value, self->manifest);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NpPolicyList *self = NP_POLICY_LIST (object);

  switch (prop_id)
    {
    case PROP_MANIFEST:
      self->manifest = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_list_class_init (NpPolicyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = np_policy_list_constructed;
  object_class->dispose = np_policy_list_dispose;
  object_class->finalize = np_policy_list_finalize;
  object_class->get_property = np_policy_list_get_property;
  object_class->set_property = np_policy_list_set_property;

  properties[PROP_MANIFEST] =
    g_param_spec_object ("manifest", NULL, NULL,
                         NP_TYPE_MANIFEST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_policy_list_init (NpPolicyList *self)
{
  self->starts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (self->starts, 1);
}

static GType
np_policy_list_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
np_policy_list_get_n_items (GListModel *model)
{
  NpPolicyList *self = NP_POLICY_LIST (model);

  return START (self, self->starts->len - 1);
}

static gpointer
np_policy_list_get_item (GListModel *model,
                         guint       position)
{
  NpPolicyList *self = NP_POLICY_LIST (model);
  g_autoptr(NpDocument) document = NULL;
  guint low = 0, high = self->starts->len - 1;
  GListModel *policies;
  guint index;

  if (position >= np_policy_list_get_n_items (model))
    return NULL;

  /* The last document starting at or before @position. */
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (START (self, middle) <= position)
        low = middle;
      else
        high = middle;
    }
  document = g_list_model_get_item (self->documents, low);
  index = position - START (self, low);

  switch (np_document_get_kind (document))
    {
    case NP_DOCUMENT_POLICY:
    case NP_DOCUMENT_CILIUM_POLICY:
    case NP_DOCUMENT_LIST:
      policies = np_document_get_policies (document);
      if (index < g_list_model_get_n_items (policies))
        return g_list_model_get_item (policies, index);
      break;

    case NP_DOCUMENT_EMPTY:
    case NP_DOCUMENT_OTHER:
    default:
      break;
    }
  return g_steal_pointer (&document);
}

static void
np_policy_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = np_policy_list_get_item_type;
  iface->get_n_items = np_policy_list_get_n_items;
  iface->get_item = np_policy_list_get_item;
}

NpPolicyList *
np_policy_list_new (NpManifest *manifest)
{
  g_return_val_if_fail (NP_IS_MANIFEST (manifest), NULL);

  return g_object_new (NP_TYPE_POLICY_LIST, "manifest", manifest, NULL);
}

NpManifest *
np_policy_list_get_manifest (NpPolicyList *self)
{
  g_return_val_if_fail (NP_IS_POLICY_LIST (self), NULL);

  return self->manifest;
}

gboolean
np_policy_list_find (NpPolicyList *self,
                     gpointer      item,
                     guint        *position)
{
  guint n;

  g_return_val_if_fail (NP_IS_POLICY_LIST (self), FALSE);

  if (item == NULL)
    return FALSE;
  n = g_list_model_get_n_items (self->documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (self->documents, i);
      guint index;

      if (document == item)
        {
          /* A document is an item of its own only when it holds no policy. */
          if (np_document_count_policies (document) > 0)
            return FALSE;
          index = 0;
        }
      else if (!np_document_find_policy (document, item, &index))
        continue;
      if (position != NULL)
        *position = START (self, i) + index;
      return TRUE;
    }
  return FALSE;
}
