/* np-cilium-rule.c: one rule (spec or an item of specs) of a Cilium policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-cilium-private.h"
#include "np-label-selector.h"

struct _NpCiliumRule
{
  GObject     parent_instance;

  GWeakRef    policy;
  NpNode     *node;
  int         index;      /* -1: spec; N: specs[N]; G_MININT: removed */
  GListStore *entries[NP_CILIUM_N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (NpCiliumRule, np_cilium_rule, G_TYPE_OBJECT)

static const char * const section_keys[NP_CILIUM_N_SECTIONS] = {
  "ingress", "ingressDeny", "egress", "egressDeny"
};

const char *
np_cilium_section_to_key (NpCiliumSection section)
{
  g_return_val_if_fail (section < NP_CILIUM_N_SECTIONS, NULL);
  return section_keys[section];
}

NpDirection
np_cilium_section_get_direction (NpCiliumSection section)
{
  return section == NP_CILIUM_INGRESS || section == NP_CILIUM_INGRESS_DENY
         ? NP_DIRECTION_INGRESS : NP_DIRECTION_EGRESS;
}

gboolean
np_cilium_section_is_deny (NpCiliumSection section)
{
  return section == NP_CILIUM_INGRESS_DENY || section == NP_CILIUM_EGRESS_DENY;
}

static void
np_cilium_rule_dispose (GObject *object)
{
  NpCiliumRule *self = NP_CILIUM_RULE (object);

  for (guint s = 0; s < NP_CILIUM_N_SECTIONS; s++)
    g_clear_object (&self->entries[s]);

  G_OBJECT_CLASS (np_cilium_rule_parent_class)->dispose (object);
}

static void
np_cilium_rule_finalize (GObject *object)
{
  NpCiliumRule *self = NP_CILIUM_RULE (object);

  g_weak_ref_clear (&self->policy);
  g_clear_pointer (&self->node, np_node_unref);

  G_OBJECT_CLASS (np_cilium_rule_parent_class)->finalize (object);
}

static void
np_cilium_rule_class_init (NpCiliumRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_cilium_rule_dispose;
  object_class->finalize = np_cilium_rule_finalize;
}

static void
np_cilium_rule_init (NpCiliumRule *self)
{
  g_weak_ref_init (&self->policy, NULL);
  for (guint s = 0; s < NP_CILIUM_N_SECTIONS; s++)
    self->entries[s] = g_list_store_new (NP_TYPE_CILIUM_RULE_ENTRY);
}

static void
read_entries (NpCiliumRule *self)
{
  for (guint s = 0; s < NP_CILIUM_N_SECTIONS; s++)
    {
      NpNode *list = np_cilium_get_list (self->node, section_keys[s]);

      g_list_store_remove_all (self->entries[s]);
      for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
        {
          g_autoptr(NpCiliumRuleEntry) entry = np_cilium_rule_entry_new_view (self, s, np_node_get_item (list, i), i);

          g_list_store_append (self->entries[s], entry);
        }
    }
}

NpCiliumRule *
np_cilium_rule_new_view (NpCiliumPolicy *policy,
                         NpNode         *node,
                         int             index)
{
  NpCiliumRule *self = g_object_new (NP_TYPE_CILIUM_RULE, NULL);

  g_weak_ref_set (&self->policy, policy);
  self->node = np_node_ref (node);
  self->index = index;
  read_entries (self);
  return self;
}

void
np_cilium_rule_set_index (NpCiliumRule *rule,
                          int           index)
{
  rule->index = index;
  if (index == G_MININT)
    {
      g_weak_ref_set (&rule->policy, NULL);
      for (guint s = 0; s < NP_CILIUM_N_SECTIONS; s++)
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rule->entries[s])); i++)
          {
            g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (G_LIST_MODEL (rule->entries[s]), i);

            np_cilium_rule_entry_detach (entry);
          }
    }
}

int
np_cilium_rule_get_index (NpCiliumRule *rule)
{
  return rule->index;
}

void
np_cilium_rule_changed (NpCiliumRule *rule)
{
  g_autoptr(NpCiliumPolicy) policy = g_weak_ref_get (&rule->policy);

  if (policy != NULL)
    np_cilium_policy_changed (policy);
}

NpNode *
np_cilium_rule_ensure_node (NpCiliumRule *rule)
{
  g_autoptr(NpCiliumPolicy) policy = NULL;
  NpNode *fresh;

  if (np_node_get_kind (rule->node) == NP_NODE_MAPPING)
    return rule->node;

  /* `specs: [~]`: the item becomes a mapping in the tree on its first edit.
   * A removed rule edits its own, detached, tree. */
  fresh = np_node_new_mapping ();
  policy = g_weak_ref_get (&rule->policy);
  if (policy != NULL && rule->index >= 0)
    {
      NpNode *specs = np_cilium_get_list (np_cilium_policy_get_node (policy), "specs");

      np_node_replace_item (specs, rule->index, np_node_ref (fresh));
    }
  else if (policy != NULL)
    np_node_set (np_cilium_policy_get_node (policy), "spec", np_node_ref (fresh));
  np_node_unref (rule->node);
  rule->node = fresh;
  return fresh;
}

NpCiliumPolicy *
np_cilium_rule_get_policy (NpCiliumRule *self)
{
  g_autoptr(NpCiliumPolicy) policy = NULL;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);

  /* The policy holds the rule, so a borrowed pointer stays valid as long
   * as the caller's rule is in it. */
  policy = g_weak_ref_get (&self->policy);
  return policy;
}

NpNode *
np_cilium_rule_get_node (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  return self->node;
}

char *
np_cilium_rule_get_path (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  if (self->index < 0)
    return g_strdup ("spec");
  return g_strdup_printf ("specs[%d]", self->index);
}

static NpLabelSelector *
get_selector (NpCiliumRule *self, const char *key)
{
  NpNode *node = np_node_lookup (self->node, key);

  if (np_cilium_is_absent (node))
    return NULL;
  return np_cilium_selector_from_node (node);
}

static void
set_selector (NpCiliumRule *self, const char *key, NpLabelSelector *selector)
{
  NpNode *node;

  if (selector == NULL)
    {
      if (np_node_lookup (self->node, key) == NULL)
        return;
      np_node_remove (np_cilium_rule_ensure_node (self), key);
    }
  else
    {
      node = np_cilium_ensure_mapping (np_cilium_rule_ensure_node (self), key);
      np_cilium_selector_apply (node, selector);
    }
  np_cilium_rule_changed (self);
}

NpLabelSelector *
np_cilium_rule_get_endpoint_selector (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  return get_selector (self, "endpointSelector");
}

NpLabelSelector *
np_cilium_rule_get_node_selector (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  return get_selector (self, "nodeSelector");
}

void
np_cilium_rule_set_endpoint_selector (NpCiliumRule    *self,
                                      NpLabelSelector *selector)
{
  g_return_if_fail (NP_IS_CILIUM_RULE (self));
  g_return_if_fail (selector == NULL || NP_IS_LABEL_SELECTOR (selector));
  set_selector (self, "endpointSelector", selector);
}

void
np_cilium_rule_set_node_selector (NpCiliumRule    *self,
                                  NpLabelSelector *selector)
{
  g_return_if_fail (NP_IS_CILIUM_RULE (self));
  g_return_if_fail (selector == NULL || NP_IS_LABEL_SELECTOR (selector));
  set_selector (self, "nodeSelector", selector);
}

gboolean
np_cilium_rule_is_host_policy (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), FALSE);
  return !np_cilium_is_absent (np_node_lookup (self->node, "nodeSelector"));
}

const char *
np_cilium_rule_get_description (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  return np_cilium_get_text (self->node, "description");
}

void
np_cilium_rule_set_description (NpCiliumRule *self,
                                const char   *description)
{
  g_return_if_fail (NP_IS_CILIUM_RULE (self));

  if (g_strcmp0 (np_cilium_get_text (self->node, "description"), description) == 0)
    return;
  np_cilium_set_string (np_cilium_rule_ensure_node (self), "description", description);
  np_cilium_rule_changed (self);
}

NpNode *
np_cilium_rule_get_labels (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  return np_cilium_get_list (self->node, "labels");
}

const char *
np_cilium_rule_get_log_value (NpCiliumRule *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  return np_cilium_get_text (np_node_lookup (self->node, "log"), "value");
}

gboolean
np_cilium_rule_get_default_deny (NpCiliumRule *self,
                                 NpDirection   direction,
                                 gboolean     *value)
{
  NpNode *config, *field;
  gboolean b;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), FALSE);

  config = np_node_lookup (self->node, "enableDefaultDeny");
  field = np_node_lookup (config, direction == NP_DIRECTION_INGRESS ? "ingress" : "egress");
  if (!np_node_get_bool (field, &b))
    return FALSE;
  if (value != NULL)
    *value = b;
  return TRUE;
}

void
np_cilium_rule_set_default_deny (NpCiliumRule *self,
                                 NpDirection   direction,
                                 gboolean      set,
                                 gboolean      value)
{
  const char *key = direction == NP_DIRECTION_INGRESS ? "ingress" : "egress";
  gboolean old_value = FALSE;
  gboolean old_set;
  NpNode *config;

  g_return_if_fail (NP_IS_CILIUM_RULE (self));

  old_set = np_cilium_rule_get_default_deny (self, direction, &old_value);
  if (old_set == set && (!set || old_value == !!value))
    return;

  if (set)
    {
      config = np_cilium_ensure_mapping (np_cilium_rule_ensure_node (self), "enableDefaultDeny");
      np_node_set (config, key, np_node_new_bool (value));
    }
  else
    {
      config = np_node_lookup (self->node, "enableDefaultDeny");
      if (config != NULL && np_node_get_kind (config) == NP_NODE_MAPPING)
        {
          np_node_remove (config, key);
          if (np_node_get_n_pairs (config) == 0)
            np_node_remove (self->node, "enableDefaultDeny");
        }
    }
  np_cilium_rule_changed (self);
}

gboolean
np_cilium_rule_enables_default_deny (NpCiliumRule *self,
                                     NpDirection   direction)
{
  gboolean value;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), FALSE);

  if (np_cilium_rule_get_default_deny (self, direction, &value))
    return value;
  if (direction == NP_DIRECTION_INGRESS)
    return np_cilium_list_length (self->node, "ingress") > 0 ||
           np_cilium_list_length (self->node, "ingressDeny") > 0;
  return np_cilium_list_length (self->node, "egress") > 0 ||
         np_cilium_list_length (self->node, "egressDeny") > 0;
}

GListModel *
np_cilium_rule_get_entries (NpCiliumRule    *self,
                            NpCiliumSection  section)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  g_return_val_if_fail (section < NP_CILIUM_N_SECTIONS, NULL);
  return G_LIST_MODEL (self->entries[section]);
}

NpCiliumRuleEntry *
np_cilium_rule_add_entry (NpCiliumRule    *self,
                          NpCiliumSection  section)
{
  g_autoptr(NpCiliumRuleEntry) entry = NULL;
  NpNode *list, *item;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (self), NULL);
  g_return_val_if_fail (section < NP_CILIUM_N_SECTIONS, NULL);

  list = np_cilium_ensure_list (np_cilium_rule_ensure_node (self), section_keys[section]);
  item = np_node_new_mapping ();
  np_node_append (list, item);
  entry = np_cilium_rule_entry_new_view (self, section, item, np_node_get_n_items (list) - 1);
  g_list_store_append (self->entries[section], entry);
  np_cilium_rule_changed (self);
  return entry;
}

void
np_cilium_rule_remove_entry (NpCiliumRule      *self,
                             NpCiliumRuleEntry *entry)
{
  NpCiliumSection section;
  GListModel *entries;
  guint position;
  NpNode *list;

  g_return_if_fail (NP_IS_CILIUM_RULE (self));
  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry));

  section = np_cilium_rule_entry_get_section (entry);
  if (!g_list_store_find (self->entries[section], entry, &position))
    return;

  list = np_cilium_get_list (self->node, section_keys[section]);
  np_node_remove_item (list, position);
  entries = G_LIST_MODEL (self->entries[section]);
  for (guint i = position + 1; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(NpCiliumRuleEntry) later = g_list_model_get_item (entries, i);

      np_cilium_rule_entry_set_index (later, i - 1);
    }
  np_cilium_rule_entry_detach (entry);
  g_list_store_remove (self->entries[section], position);
  np_cilium_rule_changed (self);
}
