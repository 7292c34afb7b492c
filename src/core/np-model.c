/* np-model.c: plumbing shared by the model classes (source nodes, "changed")
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-model-private.h"

/* Like G_DEFINE_QUARK, but static. A race only computes the same quark twice. */
#define NP_DEFINE_STATIC_QUARK(QN, q_n)                                 \
  static GQuark                                                         \
  q_n##_quark (void)                                                    \
  {                                                                     \
    static GQuark q;                                                    \
                                                                        \
    if G_UNLIKELY (q == 0)                                              \
      q = g_quark_from_static_string (#QN);                             \
    return q;                                                           \
  }

NP_DEFINE_STATIC_QUARK (np-model-source, np_model_source)
NP_DEFINE_STATIC_QUARK (np-model-batch, np_model_batch)
NP_DEFINE_STATIC_QUARK (np-model-watched-items, np_model_watched_items)
NP_DEFINE_STATIC_QUARK (np-model-changed-signal, np_model_changed_signal)

/* Models built between np_model_begin_unwatched() and its end, on this
 * thread, get no "changed" forwarding. */
static __thread guint unwatched_depth;

typedef struct
{
  guint    depth;
  gboolean pending;
} Batch;

typedef struct
{
  GObject *item;
  gulong   handler_id;
} WatchedItem;

void
np_model_set_source (gpointer  object,
                     NpNode   *source)
{
  g_return_if_fail (G_IS_OBJECT (object));

  if (source != NULL)
    g_object_set_qdata_full (object, np_model_source_quark (),
                             np_node_ref (source),
                             (GDestroyNotify) np_node_unref);
  else
    g_object_set_qdata (object, np_model_source_quark (), NULL);
}

NpNode *
np_model_get_source (gpointer object)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  return g_object_get_qdata (object, np_model_source_quark ());
}

guint
np_model_new_changed_signal (GType type)
{
  guint id = g_signal_new ("changed",
                           type,
                           G_SIGNAL_RUN_LAST,
                           0,
                           NULL, NULL,
                           NULL,
                           G_TYPE_NONE, 0);

  /* Kept with the type: emitting needs no lookup by name. */
  g_type_set_qdata (type, np_model_changed_signal_quark (), GUINT_TO_POINTER (id));
  return id;
}

/* "changed" has no class handler: without handlers, emitting it does
 * nothing, and skipping that saves a lot while a model is being built. */
static void
emit_changed_now (gpointer object)
{
  guint id = GPOINTER_TO_UINT (g_type_get_qdata (G_OBJECT_TYPE (object), np_model_changed_signal_quark ()));

  if (id == 0)
    g_signal_emit_by_name (object, "changed");
  else if (g_signal_has_handler_pending (object, id, 0, TRUE))
    g_signal_emit (object, id, 0);
}

void
np_model_begin_unwatched (void)
{
  unwatched_depth++;
}

void
np_model_end_unwatched (void)
{
  g_return_if_fail (unwatched_depth > 0);
  unwatched_depth--;
}

void
np_model_emit_changed (gpointer object)
{
  Batch *batch;

  g_return_if_fail (G_IS_OBJECT (object));

  batch = g_object_get_qdata (object, np_model_batch_quark ());
  if (batch != NULL && batch->depth > 0)
    {
      batch->pending = TRUE;
      return;
    }

  emit_changed_now (object);
}

void
np_model_begin_batch (gpointer object)
{
  Batch *batch;

  g_return_if_fail (G_IS_OBJECT (object));

  batch = g_object_get_qdata (object, np_model_batch_quark ());
  if (batch == NULL)
    {
      batch = g_new0 (Batch, 1);
      g_object_set_qdata_full (object, np_model_batch_quark (), batch, g_free);
    }
  batch->depth++;
}

void
np_model_end_batch (gpointer object)
{
  Batch *batch;

  g_return_if_fail (G_IS_OBJECT (object));

  batch = g_object_get_qdata (object, np_model_batch_quark ());
  g_return_if_fail (batch != NULL && batch->depth > 0);

  batch->depth--;
  if (batch->depth == 0 && batch->pending)
    {
      batch->pending = FALSE;
      emit_changed_now (object);
    }
}

static void
forward_changed (GObject *parent,
                 GObject *child)
{
  np_model_emit_changed (parent);
}

static gulong
connect_child (gpointer parent,
               gpointer child)
{
  /* connect_object: the child does not keep the parent alive, and the
   * handler goes away with the parent. */
  return g_signal_connect_object (child, "changed",
                                  G_CALLBACK (forward_changed),
                                  parent, G_CONNECT_SWAPPED);
}

void
np_model_watch_child (gpointer parent,
                      gpointer child)
{
  g_return_if_fail (G_IS_OBJECT (parent));
  g_return_if_fail (child == NULL || G_IS_OBJECT (child));

  if (child != NULL && unwatched_depth == 0)
    connect_child (parent, child);
}

void
np_model_unwatch_child (gpointer parent,
                        gpointer child)
{
  gulong id;

  g_return_if_fail (G_IS_OBJECT (parent));
  g_return_if_fail (child == NULL || G_IS_OBJECT (child));

  if (child == NULL)
    return;

  /* Only one handler: the same child may be watched twice by one parent. */
  id = g_signal_handler_find (child,
                              G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA,
                              0, 0, NULL, forward_changed, parent);
  if (id != 0)
    g_signal_handler_disconnect (child, id);
}

static void
watched_item_clear (gpointer data)
{
  WatchedItem *watched = data;

  /* The parent may already be gone, which disconnected the handler. */
  if (g_signal_handler_is_connected (watched->item, watched->handler_id))
    g_signal_handler_disconnect (watched->item, watched->handler_id);
  g_clear_object (&watched->item);
}

static void
watch_items (GArray     *shadow,
             gpointer    parent,
             GListModel *model,
             guint       position,
             guint       n_items)
{
  g_autoptr(GArray) added = g_array_sized_new (FALSE, FALSE, sizeof (WatchedItem), n_items);

  for (guint i = 0; i < n_items; i++)
    {
      WatchedItem watched;

      watched.item = g_list_model_get_item (model, position + i);
      watched.handler_id = connect_child (parent, watched.item);
      g_array_append_val (added, watched);
    }

  /* Plain insert: the clear func belongs to @shadow only. */
  g_array_insert_vals (shadow, position, added->data, added->len);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    parent)
{
  GArray *shadow = g_object_get_qdata (G_OBJECT (model), np_model_watched_items_quark ());

  g_assert (shadow != NULL);
  g_assert (position + removed <= shadow->len);

  /* Items leaving the store must stop reaching the parent; the shadow
   * holds a reference so that they can still be disconnected here. */
  if (removed > 0)
    g_array_remove_range (shadow, position, removed);
  if (added > 0)
    watch_items (shadow, parent, model, position, added);

  np_model_emit_changed (parent);
}

void
np_model_watch_list (gpointer    parent,
                     GListStore *store)
{
  GArray *shadow;

  g_return_if_fail (G_IS_OBJECT (parent));
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (g_object_get_qdata (G_OBJECT (store), np_model_watched_items_quark ()) == NULL);

  if (unwatched_depth > 0)
    return;

  shadow = g_array_new (FALSE, FALSE, sizeof (WatchedItem));
  g_array_set_clear_func (shadow, watched_item_clear);
  g_object_set_qdata_full (G_OBJECT (store), np_model_watched_items_quark (),
                           shadow, (GDestroyNotify) g_array_unref);

  watch_items (shadow, parent, G_LIST_MODEL (store), 0,
               g_list_model_get_n_items (G_LIST_MODEL (store)));

  g_signal_connect_object (store, "items-changed",
                           G_CALLBACK (on_items_changed), parent, 0);
}

char *
np_path_join (const char *path,
              const char *key)
{
  gsize path_len, key_len;
  char *out;

  if (path == NULL)
    path = "(null)";
  if (key == NULL)
    key = "(null)";
  path_len = strlen (path);
  key_len = strlen (key);
  out = g_malloc (path_len + key_len + 2);
  memcpy (out, path, path_len);
  out[path_len] = '.';
  memcpy (out + path_len + 1, key, key_len + 1);
  return out;
}

char *
np_path_index (const char *path,
               guint       index)
{
  char digits[16];
  char *p = digits + sizeof digits;
  gsize path_len, n_digits;
  char *out;

  if (path == NULL)
    path = "(null)";
  do
    *--p = '0' + index % 10;
  while ((index /= 10) > 0);
  n_digits = digits + sizeof digits - p;
  path_len = strlen (path);
  out = g_malloc (path_len + n_digits + 3);
  memcpy (out, path, path_len);
  out[path_len] = '[';
  memcpy (out + path_len + 1, p, n_digits);
  out[path_len + 1 + n_digits] = ']';
  out[path_len + 2 + n_digits] = '\0';
  return out;
}

char *
np_path_join_index (const char *path,
                    const char *key,
                    guint       index)
{
  g_autofree char *joined = np_path_join (path, key);

  return np_path_index (joined, index);
}

gboolean
np_strv_equal0 (const char * const *a,
                const char * const *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return g_strv_equal (a, b);
}

gboolean
np_set_str (char       **str,
            const char  *new_str)
{
  char *copy;

  g_assert (str != NULL);

  if (*str == new_str || g_strcmp0 (*str, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str);
  *str = copy;
  return TRUE;
}

gboolean
np_set_strv (char               ***strv,
             const char * const   *new_strv)
{
  char **copy;

  g_assert (strv != NULL);

  if (np_strv_equal0 ((const char * const *) *strv, new_strv))
    return FALSE;

  copy = g_strdupv ((char **) new_strv);
  g_strfreev (*strv);
  *strv = copy;
  return TRUE;
}

void
np_model_copy_list (GListStore      *dest,
                    GListModel      *source,
                    NpModelCopyFunc  copy_func)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  g_return_if_fail (G_IS_LIST_STORE (dest));
  g_return_if_fail (G_IS_LIST_MODEL (source));
  g_return_if_fail (copy_func != NULL);

  n = g_list_model_get_n_items (source);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (source, i);

      g_ptr_array_add (items, copy_func (item));
    }

  g_list_store_splice (dest, 0, g_list_model_get_n_items (G_LIST_MODEL (dest)),
                       items->pdata, items->len);
}
