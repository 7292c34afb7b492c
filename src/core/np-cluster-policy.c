/* np-cluster-policy.c: an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cluster-policy.h"
#include "np-cluster-private.h"
#include "np-model-private.h"
#include "np-node.h"

struct _NpClusterPolicy
{
  GObject              parent_instance;

  NpNode              *root;
  NpClusterPolicyKind  kind;
  GArray              *rules[2];  /* element-type NpClusterRule */
};

G_DEFINE_FINAL_TYPE (NpClusterPolicy, np_cluster_policy, G_TYPE_OBJECT)

static void
np_cluster_policy_finalize (GObject *object)
{
  NpClusterPolicy *self = NP_CLUSTER_POLICY (object);

  g_clear_pointer (&self->rules[0], g_array_unref);
  g_clear_pointer (&self->rules[1], g_array_unref);
  g_clear_pointer (&self->root, np_node_unref);
  G_OBJECT_CLASS (np_cluster_policy_parent_class)->finalize (object);
}

static void
np_cluster_policy_class_init (NpClusterPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = np_cluster_policy_finalize;
  np_model_new_changed_signal (NP_TYPE_CLUSTER_POLICY);
}

static void
np_cluster_policy_init (NpClusterPolicy *self)
{
  self->rules[0] = g_array_new (FALSE, TRUE, sizeof (NpClusterRule));
  self->rules[1] = g_array_new (FALSE, TRUE, sizeof (NpClusterRule));
}

static const char *
string_at (const NpNode *node,
           const char   *key)
{
  NpNode *value = np_node_lookup (node, key);

  return np_node_is_string (value) ? np_node_get_text (value) : NULL;
}

static const NpNode *
of_kind (const NpNode *node,
         NpNodeKind    kind)
{
  return node != NULL && np_node_get_kind (node) == kind ? node : NULL;
}

gboolean
np_cluster_policy_kind_of_node (const NpNode        *root,
                                NpClusterPolicyKind *kind)
{
  const char *k, *api_version;
  NpClusterPolicyKind found;

  if (root == NULL || np_node_get_kind (root) != NP_NODE_MAPPING)
    return FALSE;
  k = string_at (root, "kind");
  if (k == NULL)
    return FALSE;
  if (g_str_equal (k, NP_CLUSTER_ANP_KIND))
    found = NP_CLUSTER_POLICY_ANP;
  else if (g_str_equal (k, NP_CLUSTER_BANP_KIND))
    found = NP_CLUSTER_POLICY_BANP;
  else if (g_str_equal (k, NP_CLUSTER_CNP_KIND))
    found = NP_CLUSTER_POLICY_CNP;
  else
    return FALSE;
  /* Another group's kind of the same name (Calico's projectcalico.org
   * ClusterNetworkPolicy does not exist, but others might) is not ours. */
  api_version = string_at (root, "apiVersion");
  if (api_version != NULL && !g_str_has_prefix (api_version, "policy.networking.k8s.io/"))
    return FALSE;
  if (kind != NULL)
    *kind = found;
  return TRUE;
}

static void reread (NpClusterPolicy *self);

static void
read_rules (NpClusterPolicy    *self,
            const NpNode       *spec,
            NpClusterDirection  direction)
{
  const NpNode *list = of_kind (np_node_lookup (spec, direction == NP_CLUSTER_INGRESS ? "ingress" : "egress"),
                                NP_NODE_SEQUENCE);
  const char *peers_key = direction == NP_CLUSTER_INGRESS ? "from" : "to";
  const char *ports_key = self->kind == NP_CLUSTER_POLICY_CNP ? "protocols" : "ports";

  g_array_set_size (self->rules[direction], 0);
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      const NpNode *item = np_node_get_item (list, i);
      NpClusterRule rule = { 0 };

      /* A rule that is no object is still a rule in the list (the
       * validator points at it); it just has nothing in it. */
      rule.node = of_kind (item, NP_NODE_MAPPING);
      rule.name = string_at (rule.node, "name");
      rule.action = string_at (rule.node, "action");
      rule.peers = of_kind (np_node_lookup (rule.node, peers_key), NP_NODE_SEQUENCE);
      rule.ports = of_kind (np_node_lookup (rule.node, ports_key), NP_NODE_SEQUENCE);
      g_array_append_val (self->rules[direction], rule);
    }
}

NpClusterPolicy *
np_cluster_policy_new_from_node (NpNode *root)
{
  NpClusterPolicy *self;
  NpClusterPolicyKind kind;

  g_return_val_if_fail (root != NULL, NULL);

  if (!np_cluster_policy_kind_of_node (root, &kind))
    return NULL;
  self = g_object_new (NP_TYPE_CLUSTER_POLICY, NULL);
  self->root = np_node_ref (root);
  self->kind = kind;
  reread (self);
  return self;
}

/* The rule views point into the tree: after any change of it they are
 * read again, so that no view outlives what it points at. */
static void
reread (NpClusterPolicy *self)
{
  const NpNode *spec = of_kind (np_node_lookup (self->root, "spec"), NP_NODE_MAPPING);

  read_rules (self, spec, NP_CLUSTER_INGRESS);
  read_rules (self, spec, NP_CLUSTER_EGRESS);
}

void
np_cluster_policy_edited (NpClusterPolicy *self)
{
  g_return_if_fail (NP_IS_CLUSTER_POLICY (self));
  reread (self);
  np_model_emit_changed (self);
}

NpClusterPolicy *
np_cluster_policy_new (NpClusterPolicyKind kind)
{
  g_autoptr(NpNode) root = np_node_new_mapping ();
  NpNode *spec = np_node_new_mapping ();
  NpNode *subject = np_node_new_mapping ();
  NpClusterPolicy *self;

  g_return_val_if_fail (kind <= NP_CLUSTER_POLICY_CNP, NULL);

  np_node_set (root, "apiVersion", np_node_new_string (kind == NP_CLUSTER_POLICY_CNP ? NP_CLUSTER_V1ALPHA2
                                                                                     : NP_CLUSTER_V1ALPHA1));
  np_node_set (root, "kind", np_node_new_string (kind == NP_CLUSTER_POLICY_ANP ? NP_CLUSTER_ANP_KIND :
                                                 kind == NP_CLUSTER_POLICY_BANP ? NP_CLUSTER_BANP_KIND :
                                                 NP_CLUSTER_CNP_KIND));
  np_node_set (root, "metadata", np_node_new_mapping ());
  /* Every namespace until the user narrows it: `namespaces: {}` is the
   * subject the upstream examples start from, and it reads as "all". */
  np_node_set (subject, "namespaces", np_node_new_mapping ());
  if (kind == NP_CLUSTER_POLICY_CNP)
    np_node_set (spec, "tier", np_node_new_string ("Admin"));
  if (kind != NP_CLUSTER_POLICY_BANP)
    np_node_set (spec, "priority", np_node_new_int (NP_CLUSTER_DEFAULT_PRIORITY));
  np_node_set (spec, "subject", subject);
  np_node_set (root, "spec", spec);
  self = np_cluster_policy_new_from_node (root);
  return self;
}

gboolean
np_cluster_policy_update_from_node (NpClusterPolicy *self,
                                    NpNode          *root)
{
  NpClusterPolicyKind kind;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  if (!np_cluster_policy_kind_of_node (root, &kind))
    return FALSE;
  if (root != self->root)
    {
      np_node_ref (root);
      g_clear_pointer (&self->root, np_node_unref);
      self->root = root;
    }
  self->kind = kind;
  np_cluster_policy_edited (self);
  return TRUE;
}

NpNode *
np_cluster_policy_to_node (NpClusterPolicy *self)
{
  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NULL);
  return np_node_copy (self->root);
}

NpClusterPolicy *
np_cluster_policy_copy (NpClusterPolicy *self)
{
  g_autoptr(NpNode) copy = NULL;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NULL);
  copy = np_node_copy (self->root);
  return np_cluster_policy_new_from_node (copy);
}

void
np_cluster_policy_begin_change (NpClusterPolicy *self)
{
  g_return_if_fail (NP_IS_CLUSTER_POLICY (self));
  np_model_begin_batch (self);
}

void
np_cluster_policy_end_change (NpClusterPolicy *self)
{
  g_return_if_fail (NP_IS_CLUSTER_POLICY (self));
  np_model_end_batch (self);
}

NpNode *
np_cluster_policy_get_node (NpClusterPolicy *self)
{
  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NULL);
  return self->root;
}

NpClusterPolicyKind
np_cluster_policy_get_kind (NpClusterPolicy *self)
{
  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NP_CLUSTER_POLICY_ANP);
  return self->kind;
}

const char *
np_cluster_policy_get_name (NpClusterPolicy *self)
{
  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NULL);
  return string_at (np_node_lookup (self->root, "metadata"), "name");
}

gboolean
np_cluster_policy_get_priority (NpClusterPolicy *self,
                                gint64          *priority)
{
  NpNode *node;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), FALSE);

  node = np_node_lookup (np_node_lookup (self->root, "spec"), "priority");
  return node != NULL && np_node_get_kind (node) == NP_NODE_SCALAR && np_node_get_int (node, priority);
}

const char *
np_cluster_policy_get_tier (NpClusterPolicy *self)
{
  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NULL);

  switch (self->kind)
    {
    case NP_CLUSTER_POLICY_ANP:
      return "Admin";
    case NP_CLUSTER_POLICY_BANP:
      return "Baseline";
    case NP_CLUSTER_POLICY_CNP:
    default:
      return string_at (np_node_lookup (self->root, "spec"), "tier");
    }
}

NpClusterSubjectKind
np_cluster_policy_get_subject (NpClusterPolicy  *self,
                               const NpNode    **namespace_selector,
                               const NpNode    **pod_selector)
{
  const NpNode *subject, *value;
  NpClusterSubjectKind kind = NP_CLUSTER_SUBJECT_NONE;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NP_CLUSTER_SUBJECT_NONE);

  if (namespace_selector != NULL)
    *namespace_selector = NULL;
  if (pod_selector != NULL)
    *pod_selector = NULL;
  subject = of_kind (np_node_lookup (np_node_lookup (self->root, "spec"), "subject"), NP_NODE_MAPPING);
  if ((value = of_kind (np_node_lookup (subject, "namespaces"), NP_NODE_MAPPING)) != NULL)
    {
      kind = NP_CLUSTER_SUBJECT_NAMESPACES;
      if (namespace_selector != NULL)
        *namespace_selector = value;
    }
  else if ((value = of_kind (np_node_lookup (subject, "pods"), NP_NODE_MAPPING)) != NULL)
    {
      kind = NP_CLUSTER_SUBJECT_PODS;
      if (namespace_selector != NULL)
        *namespace_selector = of_kind (np_node_lookup (value, "namespaceSelector"), NP_NODE_MAPPING);
      if (pod_selector != NULL)
        *pod_selector = of_kind (np_node_lookup (value, "podSelector"), NP_NODE_MAPPING);
    }
  return kind;
}

guint
np_cluster_policy_get_n_rules (NpClusterPolicy    *self,
                               NpClusterDirection  direction)
{
  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), 0);
  g_return_val_if_fail (direction <= NP_CLUSTER_EGRESS, 0);
  return self->rules[direction]->len;
}

const NpClusterRule *
np_cluster_policy_get_rule (NpClusterPolicy    *self,
                            NpClusterDirection  direction,
                            guint               index)
{
  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (self), NULL);
  g_return_val_if_fail (direction <= NP_CLUSTER_EGRESS, NULL);
  g_return_val_if_fail (index < self->rules[direction]->len, NULL);
  return &g_array_index (self->rules[direction], NpClusterRule, index);
}

void
np_cluster_policy_validate (NpClusterPolicy *self,
                            NpValidateFlags  flags,
                            GPtrArray       *diagnostics)
{
  g_return_if_fail (NP_IS_CLUSTER_POLICY (self));
  np_cluster_policy_validate_node (self->root, flags, diagnostics);
}

NpClusterAction
np_cluster_rule_get_action (const NpClusterRule *rule,
                            NpClusterPolicyKind  kind)
{
  const char *allow = kind == NP_CLUSTER_POLICY_CNP ? "Accept" : "Allow";

  g_return_val_if_fail (rule != NULL, NP_CLUSTER_ACTION_NONE);

  if (rule->action == NULL)
    return NP_CLUSTER_ACTION_NONE;
  if (g_str_equal (rule->action, allow))
    return NP_CLUSTER_ACTION_ALLOW;
  if (g_str_equal (rule->action, "Deny"))
    return NP_CLUSTER_ACTION_DENY;
  /* The baseline of v1alpha1 has no tier below it to pass to. */
  if (g_str_equal (rule->action, "Pass") && kind != NP_CLUSTER_POLICY_BANP)
    return NP_CLUSTER_ACTION_PASS;
  return NP_CLUSTER_ACTION_NONE;
}

gboolean
np_cluster_port_protocol_parse (const char *name,
                                NpProtocol *protocol)
{
  return np_protocol_parse (name != NULL && *name != '\0' ? name : "TCP", protocol);
}
