/* np-history.c: one undo and redo stack for every edit of the open policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-history.h"
#include "np-cilium-policy.h"
#include "np-cluster-policy.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"

#define MERGE_WINDOW_USEC (G_USEC_PER_SEC)
#define MAX_STEPS 1000

/* A step either changes one policy's data (before/after) or puts one
 * policy object in place of another (a kind switch): then before/after are
 * NULL and @replaced is the object the step removed. */
typedef struct {
  gpointer  policy;      /* NpPolicy or NpCiliumPolicy */
  gpointer  replaced;
  NpHistoryReplaceFunc replace_func;
  gpointer  replace_data;
  NpNode   *before;
  NpNode   *after;
  char     *merge_path;  /* the single value this step changed, if so */
  gint64    time;
} Step;

typedef struct {
  gpointer   policy;     /* weak: the policy owns us through its handler */
  NpNode    *last;       /* the policy's data after the last recorded step */
  gulong     handler;
} Watch;

struct _NpHistory
{
  GObject    parent_instance;

  GPtrArray *watches;    /* Watch */
  GPtrArray *undo;       /* Step */
  GPtrArray *redo;       /* Step */
  gboolean   applying;
  gboolean   sealed;
};

G_DEFINE_FINAL_TYPE (NpHistory, np_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_free (Step *step)
{
  g_clear_object (&step->policy);
  g_clear_object (&step->replaced);
  g_clear_pointer (&step->before, np_node_unref);
  g_clear_pointer (&step->after, np_node_unref);
  g_free (step->merge_path);
  g_free (step);
}

static void
watch_free (Watch *watch)
{
  if (watch->policy != NULL)
    {
      g_signal_handler_disconnect (watch->policy, watch->handler);
      g_object_remove_weak_pointer (G_OBJECT (watch->policy), (gpointer *) &watch->policy);
    }
  g_clear_pointer (&watch->last, np_node_unref);
  g_free (watch);
}

static Watch *
find_watch (NpHistory *self, gpointer policy)
{
  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *watch = g_ptr_array_index (self->watches, i);

      if (watch->policy == policy)
        return watch;
    }
  return NULL;
}

static void
notify_state (NpHistory *self, gboolean could_undo, gboolean could_redo)
{
  if (could_undo != np_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != np_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* The path of the only scalar that differs between @a and @b, when exactly
 * one does and the shapes are otherwise the same; NULL otherwise. */
static gboolean
single_change (const NpNode *a, const NpNode *b, GString *path, gboolean *found)
{
  if (np_node_equal (a, b))
    return TRUE;
  if (np_node_get_kind (a) != np_node_get_kind (b))
    return FALSE;

  switch (np_node_get_kind (a))
    {
    case NP_NODE_SCALAR:
      if (*found)
        return FALSE;
      *found = TRUE;
      return TRUE;

    case NP_NODE_SEQUENCE:
      if (np_node_get_n_items (a) != np_node_get_n_items (b))
        return FALSE;
      for (guint i = 0; i < np_node_get_n_items (a); i++)
        {
          gsize len = path->len;

          if (np_node_equal (np_node_get_item (a, i), np_node_get_item (b, i)))
            continue;
          g_string_append_printf (path, "[%u]", i);
          if (!single_change (np_node_get_item (a, i), np_node_get_item (b, i), path, found))
            return FALSE;
          if (!*found)
            g_string_truncate (path, len);
        }
      return TRUE;

    case NP_NODE_MAPPING:
    default:
      if (np_node_get_n_pairs (a) != np_node_get_n_pairs (b))
        return FALSE;
      for (guint i = 0; i < np_node_get_n_pairs (a); i++)
        {
          const char *key = np_node_get_key (a, i);
          NpNode *other = np_node_lookup (b, key);

          if (other == NULL)
            return FALSE;
          if (np_node_equal (np_node_get_value (a, i), other))
            continue;
          g_string_append_printf (path, ".%s", key);
          if (!single_change (np_node_get_value (a, i), other, path, found))
            return FALSE;
        }
      return TRUE;
    }
}

static char *
changed_path (const NpNode *a, const NpNode *b)
{
  GString *path = g_string_new (NULL);
  gboolean found = FALSE;

  if (!single_change (a, b, path, &found) || !found)
    {
      g_string_free (path, TRUE);
      return NULL;
    }
  return g_string_free (path, FALSE);
}

static NpNode *
snapshot (gpointer policy)
{
  if (NP_IS_CILIUM_POLICY (policy))
    return np_cilium_policy_to_node (policy, FALSE);
  if (NP_IS_CLUSTER_POLICY (policy))
    return np_cluster_policy_to_node (policy);
  return np_policy_to_node (policy, NP_CODEC_DEFAULT);
}

static void
on_policy_changed (gpointer policy, NpHistory *self)
{
  Watch *watch = find_watch (self, policy);
  g_autoptr(NpNode) now = NULL;
  gboolean could_undo, could_redo;
  Step *top;
  Step *step;
  gint64 time;

  if (watch == NULL || self->applying)
    return;

  now = snapshot (policy);
  if (np_node_equal (watch->last, now))
    return;

  could_undo = np_history_get_can_undo (self);
  could_redo = np_history_get_can_redo (self);
  g_ptr_array_set_size (self->redo, 0);

  time = g_get_monotonic_time ();
  top = self->undo->len > 0 ? g_ptr_array_index (self->undo, self->undo->len - 1) : NULL;
  if (top != NULL && !self->sealed && top->policy == policy && top->merge_path != NULL &&
      time - top->time < MERGE_WINDOW_USEC)
    {
      g_autofree char *path = changed_path (top->after, now);

      if (g_strcmp0 (path, top->merge_path) == 0)
        {
          g_clear_pointer (&top->after, np_node_unref);
          top->after = np_node_ref (now);
          top->time = time;
          g_clear_pointer (&watch->last, np_node_unref);
          watch->last = g_steal_pointer (&now);
          notify_state (self, could_undo, could_redo);
          return;
        }
    }

  step = g_new0 (Step, 1);
  step->policy = g_object_ref (policy);
  step->before = np_node_ref (watch->last);
  step->after = np_node_ref (now);
  step->merge_path = changed_path (step->before, step->after);
  step->time = time;
  g_ptr_array_add (self->undo, step);
  if (self->undo->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo, 0);
  self->sealed = FALSE;

  g_clear_pointer (&watch->last, np_node_unref);
  watch->last = g_steal_pointer (&now);
  notify_state (self, could_undo, could_redo);
}

static void
np_history_dispose (GObject *object)
{
  NpHistory *self = NP_HISTORY (object);

  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (np_history_parent_class)->dispose (object);
}

static void
np_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NpHistory *self = NP_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, np_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, np_history_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_history_class_init (NpHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_history_dispose;
  object_class->get_property = np_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_history_init (NpHistory *self)
{
  self->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_free);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}

NpHistory *
np_history_new (void)
{
  return g_object_new (NP_TYPE_HISTORY, NULL);
}

static void
watch_object (NpHistory *self, gpointer policy);

void
np_history_watch_policy (NpHistory *self,
                         NpPolicy  *policy)
{
  g_return_if_fail (NP_IS_HISTORY (self));
  g_return_if_fail (NP_IS_POLICY (policy));
  watch_object (self, policy);
}

void
np_history_watch_cilium_policy (NpHistory      *self,
                                NpCiliumPolicy *policy)
{
  g_return_if_fail (NP_IS_HISTORY (self));
  g_return_if_fail (NP_IS_CILIUM_POLICY (policy));
  watch_object (self, policy);
}

void
np_history_watch_cluster_policy (NpHistory       *self,
                                 NpClusterPolicy *policy)
{
  g_return_if_fail (NP_IS_HISTORY (self));
  g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));
  watch_object (self, policy);
}

void
np_history_unwatch_cilium_policy (NpHistory      *self,
                                  NpCiliumPolicy *policy)
{
  np_history_unwatch_policy (self, (NpPolicy *) policy);
}

static void
watch_object (NpHistory *self, gpointer policy)
{
  Watch *watch;

  if (find_watch (self, policy) != NULL)
    return;

  watch = g_new0 (Watch, 1);
  watch->policy = policy;
  g_object_add_weak_pointer (G_OBJECT (policy), (gpointer *) &watch->policy);
  watch->last = snapshot (policy);
  watch->handler = g_signal_connect (policy, "changed", G_CALLBACK (on_policy_changed), self);
  g_ptr_array_add (self->watches, watch);
}

void
np_history_unwatch_policy (NpHistory *self,
                           NpPolicy  *policy)
{
  g_return_if_fail (NP_IS_HISTORY (self));

  for (guint i = 0; i < self->watches->len; i++)
    if (((Watch *) g_ptr_array_index (self->watches, i))->policy == policy)
      {
        g_ptr_array_remove_index (self->watches, i);
        return;
      }
}

gboolean
np_history_get_can_undo (NpHistory *self)
{
  g_return_val_if_fail (NP_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
np_history_get_can_redo (NpHistory *self)
{
  g_return_val_if_fail (NP_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

static gpointer
apply (NpHistory *self, GPtrArray *from, GPtrArray *to, gboolean backwards)
{
  gboolean could_undo = np_history_get_can_undo (self);
  gboolean could_redo = np_history_get_can_redo (self);
  Step *step;
  Watch *watch;
  NpNode *target;

  if (from->len == 0)
    return NULL;

  step = g_ptr_array_steal_index (from, from->len - 1);
  if (step->replace_func != NULL)
    {
      /* The object in place swaps with the one the step keeps. */
      gpointer out = step->policy;

      step->policy = step->replaced;
      step->replaced = out;
      self->applying = TRUE;
      step->replace_func (out, step->policy, step->replace_data);
      self->applying = FALSE;
      self->sealed = TRUE;
      g_ptr_array_add (to, step);
      notify_state (self, could_undo, could_redo);
      return step->policy;
    }
  target = backwards ? step->before : step->after;

  self->applying = TRUE;
  if (NP_IS_CILIUM_POLICY (step->policy))
    {
      g_autoptr(NpNode) copy = np_node_copy (target);

      np_cilium_policy_update_from_node (step->policy, copy, NULL);
    }
  else if (NP_IS_CLUSTER_POLICY (step->policy))
    {
      g_autoptr(NpNode) copy = np_node_copy (target);

      np_cluster_policy_update_from_node (step->policy, copy);
    }
  else
    np_policy_update_from_node (step->policy, target, NULL);
  self->applying = FALSE;

  watch = find_watch (self, step->policy);
  if (watch != NULL)
    {
      g_clear_pointer (&watch->last, np_node_unref);
      watch->last = np_node_ref (target);
    }
  self->sealed = TRUE;
  g_ptr_array_add (to, step);
  notify_state (self, could_undo, could_redo);
  return step->policy;
}

gpointer
np_history_undo (NpHistory *self)
{
  g_return_val_if_fail (NP_IS_HISTORY (self), NULL);
  return apply (self, self->undo, self->redo, TRUE);
}

gpointer
np_history_redo (NpHistory *self)
{
  g_return_val_if_fail (NP_IS_HISTORY (self), NULL);
  return apply (self, self->redo, self->undo, FALSE);
}

void
np_history_clear (NpHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (NP_IS_HISTORY (self));

  could_undo = np_history_get_can_undo (self);
  could_redo = np_history_get_can_redo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *watch = g_ptr_array_index (self->watches, i);

      if (watch->policy == NULL)
        continue;
      g_clear_pointer (&watch->last, np_node_unref);
      watch->last = snapshot (watch->policy);
    }
  notify_state (self, could_undo, could_redo);
}

void
np_history_seal (NpHistory *self)
{
  g_return_if_fail (NP_IS_HISTORY (self));
  self->sealed = TRUE;
}

void
np_history_record_replace (NpHistory            *self,
                           gpointer              old_policy,
                           gpointer              new_policy,
                           NpHistoryReplaceFunc  func,
                           gpointer              user_data)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_if_fail (NP_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (old_policy) && G_IS_OBJECT (new_policy));
  g_return_if_fail (func != NULL);

  could_undo = np_history_get_can_undo (self);
  could_redo = np_history_get_can_redo (self);
  g_ptr_array_set_size (self->redo, 0);
  step = g_new0 (Step, 1);
  step->policy = g_object_ref (new_policy);
  step->replaced = g_object_ref (old_policy);
  step->replace_func = func;
  step->replace_data = user_data;
  step->time = g_get_monotonic_time ();
  g_ptr_array_add (self->undo, step);
  if (self->undo->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo, 0);
  self->sealed = TRUE;
  notify_state (self, could_undo, could_redo);
}
