/* np-cilium-edit.c: user-level edits of a Cilium policy, one change each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-cilium-edit.h"
#include "np-cilium-private.h"
#include "np-label-selector.h"
#include "np-policy-port.h"
#include "np-selector-requirement.h"

#define POD_NAMESPACE_K8S  "k8s:" NP_CILIUM_POD_NAMESPACE_KEY

static gboolean entry_is_empty (NpCiliumRuleEntry *entry);

NpCiliumRule *
np_cilium_edit_get_rule (NpCiliumPolicy *policy)
{
  GListModel *rules;
  g_autoptr(NpCiliumRule) rule = NULL;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (policy), NULL);

  rules = np_cilium_policy_get_rules (policy);
  if (g_list_model_get_n_items (rules) == 0)
    return NULL;
  rule = g_list_model_get_item (rules, 0);
  /* the policy's list keeps it alive */
  return rule;
}

NpCiliumRule *
np_cilium_edit_ensure_rule (NpCiliumPolicy *policy)
{
  NpCiliumRule *rule;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (policy), NULL);

  rule = np_cilium_edit_get_rule (policy);
  if (rule == NULL)
    {
      g_autoptr(NpLabelSelector) all = np_label_selector_new ();

      np_cilium_policy_begin_change (policy);
      rule = np_cilium_policy_add_rule (policy);
      /* A rule must select something: every pod of the namespace (or, for
       * a clusterwide policy, of the cluster) until the user narrows it. */
      np_cilium_rule_set_endpoint_selector (rule, all);
      np_cilium_policy_end_change (policy);
    }
  return rule;
}

NpCiliumRule *
np_cilium_edit_add_rule (NpCiliumPolicy *policy)
{
  g_autoptr(NpLabelSelector) all = np_label_selector_new ();
  NpCiliumRule *rule;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (policy), NULL);

  np_cilium_policy_begin_change (policy);
  rule = np_cilium_policy_add_rule (policy);
  np_cilium_rule_set_endpoint_selector (rule, all);
  np_cilium_policy_end_change (policy);
  return rule;
}

static NpNode *
entry_node (NpCiliumRuleEntry *entry)
{
  return np_cilium_rule_entry_get_node (entry);
}

static gboolean
selector_is_kube_dns (NpLabelSelector *selector)
{
  return np_selector_match_kube_dns (selector, NULL) == NP_KUBE_DNS_EXACT;
}

gboolean
np_cilium_entry_is_kube_dns (NpCiliumRuleEntry *entry)
{
  g_autoptr(GPtrArray) selectors = NULL;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), FALSE);

  if (np_cilium_rule_entry_get_section (entry) != NP_CILIUM_EGRESS ||
      np_cilium_rule_entry_get_peer_kinds (entry) != (1u << NP_CILIUM_PEER_ENDPOINTS))
    return FALSE;
  selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);
  if (selectors->len != 1 || !selector_is_kube_dns (g_ptr_array_index (selectors, 0)))
    return FALSE;
  for (guint r = 0; r < np_cilium_rule_entry_get_n_port_rules (entry); r++)
    {
      g_autoptr(GPtrArray) ports = np_cilium_rule_entry_get_ports (entry, r);

      for (guint i = 0; i < ports->len; i++)
        if (g_strcmp0 (((NpCiliumPort *) g_ptr_array_index (ports, i))->port, "53") != 0)
          return FALSE;
    }
  return np_cilium_rule_entry_get_n_port_rules (entry) > 0;
}

gboolean
np_cilium_selector_names_namespace (NpLabelSelector *selector)
{
  GListModel *requirements = np_label_selector_get_requirements (selector);

  if (np_label_selector_get_label (selector, POD_NAMESPACE_K8S) != NULL ||
      np_label_selector_get_label (selector, NP_CILIUM_POD_NAMESPACE_KEY) != NULL ||
      np_label_selector_get_label (selector, "any:" NP_CILIUM_POD_NAMESPACE_KEY) != NULL)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
    {
      g_autoptr(GObject) requirement = g_list_model_get_item (requirements, i);
      g_autofree char *key = NULL;

      g_object_get (requirement, "key", &key, NULL);
      if (key != NULL && g_str_has_suffix (key, NP_CILIUM_POD_NAMESPACE_KEY))
        return TRUE;
    }
  return FALSE;
}

NpPeerGroup
np_cilium_entry_get_group (NpCiliumPolicy    *policy,
                           NpCiliumRuleEntry *entry)
{
  guint kinds;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NP_PEER_GROUP_OUTSIDE);

  kinds = np_cilium_rule_entry_get_peer_kinds (entry);
  if (kinds & (1u << NP_CILIUM_PEER_ENDPOINTS))
    {
      g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);

      /* In a clusterwide policy a selector without a namespace reaches
       * every namespace (semantics §2.2). */
      if (np_cilium_policy_is_clusterwide (policy))
        return NP_PEER_GROUP_CLUSTER;
      for (guint i = 0; i < selectors->len; i++)
        if (np_cilium_selector_names_namespace (g_ptr_array_index (selectors, i)))
          return NP_PEER_GROUP_CLUSTER;
      return NP_PEER_GROUP_NAMESPACE;
    }
  if (kinds & ((1u << NP_CILIUM_PEER_SERVICES) | (1u << NP_CILIUM_PEER_NODES)))
    return NP_PEER_GROUP_CLUSTER;
  /* entities, CIDRs, FQDNs, groups, and "any peer" (ports only) */
  return NP_PEER_GROUP_OUTSIDE;
}

char *
np_cilium_entry_format_ports (NpCiliumRuleEntry *entry)
{
  g_autoptr(GPtrArray) ports = NULL;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NULL);

  if (np_cilium_rule_entry_get_n_port_rules (entry) == 0)
    return g_strdup ("");
  ports = np_cilium_rule_entry_get_ports (entry, 0);
  return np_policy_port_format_cilium (ports);
}

void
np_cilium_edit_rule_set_subject (NpCiliumRule    *rule,
                                 NpLabelSelector *selector)
{
  NpCiliumPolicy *policy;

  g_return_if_fail (NP_IS_CILIUM_RULE (rule));
  g_return_if_fail (selector != NULL);

  policy = np_cilium_rule_get_policy (rule);
  g_return_if_fail (policy != NULL);
  np_cilium_policy_begin_change (policy);
  if (np_cilium_rule_is_host_policy (rule))
    np_cilium_rule_set_node_selector (rule, selector);
  else
    np_cilium_rule_set_endpoint_selector (rule, selector);
  np_cilium_policy_end_change (policy);
}

gboolean
np_cilium_entry_is_placeholder (NpCiliumRuleEntry *entry)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), FALSE);
  return entry_is_empty (entry);
}

NpRuleEffect
np_cilium_entry_get_verdict (NpCiliumRuleEntry *entry)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NP_RULE_EFFECT_IGNORED);

  if (np_cilium_section_is_deny (np_cilium_rule_entry_get_section (entry)))
    return NP_RULE_EFFECT_DENIED;
  if (entry_is_empty (entry))
    return NP_RULE_EFFECT_IGNORED;
  return NP_RULE_EFFECT_ALLOWED;
}

static void     remove_entry   (NpCiliumRule *rule, NpCiliumRuleEntry *entry);

static NpCiliumRuleEntry *
begin_entry (NpCiliumRule *rule, NpCiliumSection section)
{
  NpDirection direction = np_cilium_section_get_direction (section);
  NpCiliumSection allow = direction == NP_DIRECTION_INGRESS ? NP_CILIUM_INGRESS : NP_CILIUM_EGRESS;
  GListModel *entries;

  np_cilium_policy_begin_change (np_cilium_rule_get_policy (rule));
  /* An empty item only switched default deny on; the new one does that
   * too (semantics §2.3), so it goes. */
  entries = np_cilium_rule_get_entries (rule, allow);
  for (guint i = g_list_model_get_n_items (entries); i > 0; i--)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i - 1);

      if (entry_is_empty (entry))
        remove_entry (rule, entry);
    }
  return np_cilium_rule_add_entry (rule, section);
}

/* @ports (element-type NpCiliumPort, nullable) as a list node */
static NpNode *
ports_node (GPtrArray *ports)
{
  NpNode *list = np_node_new_sequence ();

  for (guint i = 0; i < ports->len; i++)
    {
      NpCiliumPort *port = g_ptr_array_index (ports, i);
      NpNode *item = np_node_new_mapping ();

      /* Cilium reads ports as strings (semantics §2) */
      np_node_set (item, "port", np_node_new_string (port->port != NULL ? port->port : "0"));
      if (port->end_port != 0)
        np_node_set (item, "endPort", np_node_new_int (port->end_port));
      if (port->protocol != NULL && *port->protocol != '\0')
        np_node_set (item, "protocol", np_node_new_string (port->protocol));
      np_node_append (list, item);
    }
  return list;
}

static NpCiliumRuleEntry *
end_entry (NpCiliumRule *rule, NpCiliumRuleEntry *entry, GPtrArray *ports)
{
  if (ports != NULL && ports->len > 0)
    {
      NpNode *port_rule = np_node_new_mapping ();

      np_node_set (port_rule, "ports", ports_node (ports));
      np_node_append (np_cilium_ensure_list (entry_node (entry), "toPorts"), port_rule);
      np_cilium_rule_changed (rule);
    }
  np_cilium_policy_end_change (np_cilium_rule_get_policy (rule));
  return entry;
}

/* @selector with the namespace the editor means: NULL the policy's own,
 * "*" any, otherwise that one. (transfer full) */
static NpLabelSelector *
peer_selector (NpLabelSelector *selector, const char *namespace_)
{
  NpLabelSelector *copy = selector != NULL ? np_label_selector_copy (selector) : np_label_selector_new ();

  if (namespace_ != NULL && g_str_equal (namespace_, "*"))
    np_label_selector_add_expression (copy, POD_NAMESPACE_K8S, "Exists", NULL);
  else if (namespace_ != NULL)
    np_label_selector_set_label (copy, POD_NAMESPACE_K8S, namespace_);
  return copy;
}

NpCiliumRuleEntry *
np_cilium_edit_rule_add_entity (NpCiliumRule    *rule,
                                NpCiliumSection  section,
                                const char      *entity,
                                GPtrArray      *ports)
{
  NpCiliumRuleEntry *entry;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (rule), NULL);
  g_return_val_if_fail (np_cilium_rule_get_policy (rule) != NULL, NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  entry = begin_entry (rule, section);
  np_cilium_rule_entry_add_entity (entry, entity);
  return end_entry (rule, entry, ports);
}

NpCiliumRuleEntry *
np_cilium_edit_rule_add_cidr (NpCiliumRule       *rule,
                              NpCiliumSection     section,
                              const char         *cidr,
                              const char * const *except,
                              GPtrArray         *ports)
{
  NpCiliumRuleEntry *entry;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (rule), NULL);
  g_return_val_if_fail (np_cilium_rule_get_policy (rule) != NULL, NULL);
  g_return_val_if_fail (cidr != NULL, NULL);

  entry = begin_entry (rule, section);
  if (except != NULL && except[0] != NULL)
    np_cilium_rule_entry_add_cidr_rule (entry, cidr, except);
  else
    np_cilium_rule_entry_add_cidr (entry, cidr);
  return end_entry (rule, entry, ports);
}

NpCiliumRuleEntry *
np_cilium_edit_rule_add_fqdn (NpCiliumRule   *rule,
                              const char     *match_name,
                              const char     *match_pattern,
                              GPtrArray     *ports)
{
  NpCiliumRuleEntry *entry;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (rule), NULL);
  g_return_val_if_fail (np_cilium_rule_get_policy (rule) != NULL, NULL);
  g_return_val_if_fail ((match_name != NULL) != (match_pattern != NULL), NULL);

  entry = begin_entry (rule, NP_CILIUM_EGRESS);
  np_cilium_rule_entry_add_fqdn (entry, match_name, match_pattern);
  return end_entry (rule, entry, ports);
}

NpCiliumRuleEntry *
np_cilium_edit_rule_add_endpoints (NpCiliumRule    *rule,
                                   NpCiliumSection  section,
                                   NpLabelSelector *selector,
                                   const char      *namespace_,
                                   GPtrArray      *ports)
{
  g_autoptr(NpLabelSelector) copy = NULL;
  NpCiliumRuleEntry *entry;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (rule), NULL);
  g_return_val_if_fail (np_cilium_rule_get_policy (rule) != NULL, NULL);

  copy = peer_selector (selector, namespace_);

  entry = begin_entry (rule, section);
  np_cilium_rule_entry_add_selector (entry, NP_CILIUM_PEER_ENDPOINTS, copy);
  return end_entry (rule, entry, ports);
}

NpLabelSelector *
np_cilium_entry_get_pod_selector (NpCiliumRuleEntry  *entry,
                                  char              **namespace_)
{
  g_autoptr(GPtrArray) selectors = NULL;
  NpLabelSelector *selector;
  GListModel *terms;
  g_autofree char *found = NULL;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NULL);

  selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);
  if (selectors == NULL || selectors->len == 0)
    return NULL;
  selector = np_label_selector_copy (g_ptr_array_index (selectors, 0));
  terms = np_label_selector_get_requirements (selector);
  for (guint i = g_list_model_get_n_items (terms); i > 0; i--)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i - 1);
      const char *key = np_selector_requirement_get_key (term);

      if (g_strcmp0 (key, POD_NAMESPACE_K8S) != 0 && g_strcmp0 (key, NP_CILIUM_POD_NAMESPACE_KEY) != 0)
        continue;
      if (np_selector_requirement_is_label (term))
        {
          g_free (found);
          found = g_strdup (np_selector_requirement_get_value (term));
        }
      else if (g_strcmp0 (np_selector_requirement_get_operator (term), "Exists") == 0)
        {
          g_free (found);
          found = g_strdup ("*");
        }
      else
        continue;
      g_list_store_remove (G_LIST_STORE (terms), i - 1);
    }
  if (namespace_ != NULL)
    *namespace_ = g_steal_pointer (&found);
  return selector;
}

/* Replacing ---------------------------------------------------------------- */

/* Starts replacing @entry: its peers go, whatever else it holds (ports, L7
 * rules, fields the editor does not know) stays; when @section differs
 * (allow ↔ deny) the item moves there. Returns the item to fill. */
/* @position: where the item's peers were (G_MAXUINT: nowhere); the new
 * ones go there, so that an item whose port changed still reads as it
 * did. */
static NpCiliumRuleEntry *
begin_replace (NpCiliumRuleEntry *entry, NpCiliumSection section, guint *position)
{
  NpCiliumRule *rule = np_cilium_rule_entry_get_rule (entry);
  NpCiliumSection old = np_cilium_rule_entry_get_section (entry);
  NpNode *node = entry_node (entry);
  gboolean mapping = !np_cilium_is_absent (node) && np_node_get_kind (node) == NP_NODE_MAPPING;
  NpCiliumRuleEntry *target = entry;

  np_cilium_policy_begin_change (np_cilium_rule_get_policy (rule));
  *position = G_MAXUINT;
  if (mapping)
    for (NpCiliumPeerKind kind = NP_CILIUM_PEER_ENDPOINTS; kind < NP_CILIUM_N_PEER_KINDS; kind++)
      {
        const char *key = np_cilium_peer_kind_to_key (kind, old);

        for (guint i = 0; key != NULL && i < np_node_get_n_pairs (node); i++)
          if (g_strcmp0 (np_node_get_key (node, i), key) == 0)
            {
              *position = MIN (*position, i);
              np_node_remove (node, key);
              break;
            }
      }
  if (section != old || !mapping)
    {
      target = np_cilium_rule_add_entry (rule, section);
      for (guint i = 0; mapping && i < np_node_get_n_pairs (node); i++)
        np_node_set (entry_node (target), np_node_get_key (node, i),
                     np_node_copy (np_node_get_value (node, i)));
      remove_entry (rule, entry);
    }
  np_cilium_rule_changed (rule);
  return target;
}

/* Moves the last pair of @mapping to @position, the others keeping their
 * order. */
static void
move_last_pair (NpNode *mapping, guint position)
{
  guint n = np_node_get_n_pairs (mapping);

  for (guint i = position; i + 1 < n; i++)
    {
      /* the pair now at @position goes to the end */
      g_autofree char *key = g_strdup (np_node_get_key (mapping, position));
      NpNode *value = np_node_ref (np_node_get_value (mapping, position));

      np_node_remove (mapping, key);
      np_node_set (mapping, key, value);
    }
}

/* The ports of the item's first toPorts entry become @ports (none: they
 * go, and the entry when nothing else is in it); its L7 rules and other
 * toPorts entries stay. Ends the change. */
static NpCiliumRuleEntry *
end_replace (NpCiliumRuleEntry *entry, guint position, GPtrArray *ports)
{
  NpCiliumRule *rule = np_cilium_rule_entry_get_rule (entry);
  NpNode *to_ports = np_cilium_get_list (entry_node (entry), "toPorts");
  NpNode *port_rule = to_ports != NULL && np_node_get_n_items (to_ports) > 0 ? np_node_get_item (to_ports, 0) : NULL;
  gboolean has_ports = ports != NULL && ports->len > 0;

  if (position < np_node_get_n_pairs (entry_node (entry)))
    move_last_pair (entry_node (entry), position);

  if (port_rule != NULL && np_node_get_kind (port_rule) == NP_NODE_MAPPING)
    {
      g_autoptr(NpNode) wanted = has_ports ? ports_node (ports) : NULL;
      NpNode *current = np_cilium_get_list (port_rule, "ports");

      if (wanted != NULL && (current == NULL || !np_node_equal (current, wanted)))
        {
          np_node_set (port_rule, "ports", np_node_ref (wanted));
          np_cilium_rule_changed (rule);
        }
      else if (wanted == NULL && current != NULL)
        {
          np_node_remove (port_rule, "ports");
          /* Nothing left of the port rule: it would read as "all ports"
           * anyway, so it goes, and toPorts with it when empty. */
          if (np_node_get_n_pairs (port_rule) == 0)
            np_node_remove_item (to_ports, 0);
          if (np_node_get_n_items (to_ports) == 0)
            np_node_remove (entry_node (entry), "toPorts");
          np_cilium_rule_changed (rule);
        }
    }
  else if (has_ports)
    {
      NpNode *item = np_node_new_mapping ();

      np_node_set (item, "ports", ports_node (ports));
      np_node_append (np_cilium_ensure_list (entry_node (entry), "toPorts"), item);
      np_cilium_rule_changed (rule);
    }
  np_cilium_policy_end_change (np_cilium_rule_get_policy (rule));
  return entry;
}

#define CHECK_REPLACEABLE(entry)                                                   \
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NULL);                    \
  g_return_val_if_fail (np_cilium_rule_entry_get_rule (entry) != NULL, NULL);      \
  g_return_val_if_fail (np_cilium_section_get_direction (section) ==               \
                        np_cilium_section_get_direction (np_cilium_rule_entry_get_section (entry)), NULL)

NpCiliumRuleEntry *
np_cilium_edit_replace_entity (NpCiliumRuleEntry *entry,
                               NpCiliumSection    section,
                               const char        *entity,
                               GPtrArray        *ports)
{
  guint position;
  CHECK_REPLACEABLE (entry);
  g_return_val_if_fail (entity != NULL, NULL);

  entry = begin_replace (entry, section, &position);
  np_cilium_rule_entry_add_entity (entry, entity);
  return end_replace (entry, position, ports);
}

NpCiliumRuleEntry *
np_cilium_edit_replace_cidr (NpCiliumRuleEntry  *entry,
                             NpCiliumSection     section,
                             const char         *cidr,
                             const char * const *except,
                             GPtrArray         *ports)
{
  guint position;
  CHECK_REPLACEABLE (entry);
  g_return_val_if_fail (cidr != NULL, NULL);

  entry = begin_replace (entry, section, &position);
  if (except != NULL && except[0] != NULL)
    np_cilium_rule_entry_add_cidr_rule (entry, cidr, except);
  else
    np_cilium_rule_entry_add_cidr (entry, cidr);
  return end_replace (entry, position, ports);
}

NpCiliumRuleEntry *
np_cilium_edit_replace_fqdn (NpCiliumRuleEntry *entry,
                             const char        *match_name,
                             const char        *match_pattern,
                             GPtrArray        *ports)
{
  guint position;
  NpCiliumSection section = NP_CILIUM_EGRESS;

  CHECK_REPLACEABLE (entry);
  g_return_val_if_fail ((match_name != NULL) != (match_pattern != NULL), NULL);

  entry = begin_replace (entry, section, &position);
  np_cilium_rule_entry_add_fqdn (entry, match_name, match_pattern);
  return end_replace (entry, position, ports);
}

NpCiliumRuleEntry *
np_cilium_edit_replace_endpoints (NpCiliumRuleEntry *entry,
                                  NpCiliumSection    section,
                                  NpLabelSelector   *selector,
                                  const char        *namespace_,
                                  GPtrArray        *ports)
{
  guint position;
  g_autoptr(NpLabelSelector) copy = NULL;

  CHECK_REPLACEABLE (entry);

  copy = peer_selector (selector, namespace_);
  entry = begin_replace (entry, section, &position);
  np_cilium_rule_entry_add_selector (entry, NP_CILIUM_PEER_ENDPOINTS, copy);
  return end_replace (entry, position, ports);
}

static NpCiliumPolicy *
entry_policy (NpCiliumRuleEntry *entry)
{
  NpCiliumRule *rule = np_cilium_rule_entry_get_rule (entry);

  return rule != NULL ? np_cilium_rule_get_policy (rule) : NULL;
}

void
np_cilium_edit_add_port (NpCiliumRuleEntry *entry,
                         const char        *port,
                         const char        *protocol)
{
  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry));
  g_return_if_fail (port != NULL);

  np_cilium_rule_entry_add_port (entry, 0, port, 0, protocol);
}

void
np_cilium_edit_remove_port (NpCiliumRuleEntry *entry,
                            guint              index)
{
  NpCiliumPolicy *policy;

  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry));

  policy = entry_policy (entry);
  if (policy != NULL)
    np_cilium_policy_begin_change (policy);
  for (guint r = 0; r < np_cilium_rule_entry_get_n_port_rules (entry); r++)
    {
      g_autoptr(GPtrArray) ports = np_cilium_rule_entry_get_ports (entry, r);

      if (index < ports->len)
        {
          np_cilium_rule_entry_remove_port (entry, r, index);
          break;
        }
      index -= ports->len;
    }
  if (policy != NULL)
    np_cilium_policy_end_change (policy);
}

/* Removes @entry, and its section when nothing is left in it: an empty
 * `ingress: []` reads as no section at all, so it only adds noise. */
static void
remove_entry (NpCiliumRule *rule, NpCiliumRuleEntry *entry)
{
  NpCiliumSection section = np_cilium_rule_entry_get_section (entry);
  NpNode *node;

  np_cilium_rule_remove_entry (rule, entry);
  node = np_cilium_rule_get_node (rule);
  if (g_list_model_get_n_items (np_cilium_rule_get_entries (rule, section)) == 0 &&
      np_node_get_kind (node) == NP_NODE_MAPPING &&
      np_cilium_get_list (node, np_cilium_section_to_key (section)) != NULL)
    {
      np_node_remove (node, np_cilium_section_to_key (section));
      np_cilium_rule_changed (rule);
    }
}

void
np_cilium_edit_remove_entry (NpCiliumRuleEntry *entry)
{
  NpCiliumRule *rule;
  NpCiliumPolicy *policy;

  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry));

  rule = np_cilium_rule_entry_get_rule (entry);
  if (rule == NULL)
    return;
  policy = np_cilium_rule_get_policy (rule);
  np_cilium_policy_begin_change (policy);
  remove_entry (rule, entry);
  np_cilium_policy_end_change (policy);
}

/* DNS ------------------------------------------------------------------- */

static gboolean
entry_has_dns_proxy (NpCiliumRuleEntry *entry)
{
  for (guint r = 0; r < np_cilium_rule_entry_get_n_port_rules (entry); r++)
    if (np_cilium_rule_entry_get_l7_kind (entry, r) == NP_CILIUM_L7_DNS)
      return TRUE;
  return FALSE;
}

gboolean
np_cilium_edit_rule_get_dns (NpCiliumRule *rule,
                             gboolean     *proxy)
{
  GListModel *entries;
  gboolean found = FALSE, with_proxy = FALSE;

  g_return_val_if_fail (rule == NULL || NP_IS_CILIUM_RULE (rule), FALSE);

  if (rule != NULL)
    {
      entries = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);

          if (np_cilium_entry_is_kube_dns (entry))
            {
              found = TRUE;
              with_proxy |= entry_has_dns_proxy (entry);
            }
        }
    }
  if (proxy != NULL)
    *proxy = with_proxy;
  return found;
}

static void
remove_dns_entries (NpCiliumRule *rule)
{
  GListModel *entries = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);

  for (guint i = g_list_model_get_n_items (entries); i > 0; i--)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i - 1);

      if (np_cilium_entry_is_kube_dns (entry))
        remove_entry (rule, entry);
    }
}

/* Adds (or removes) the DNS proxy's rule, rules.dns matchPattern "*", on
 * every port rule of the kube-dns entries of @rule, and nothing else. A
 * port rule with other L7 rules is left alone: Cilium takes one kind of L7
 * rule per port rule. */
static void
set_dns_proxy (NpCiliumRule *rule,
               gboolean      proxy)
{
  GListModel *entries = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
      NpNode *to_ports;

      if (!np_cilium_entry_is_kube_dns (entry))
        continue;
      to_ports = np_cilium_get_list (entry_node (entry), "toPorts");
      for (guint r = 0; to_ports != NULL && r < np_node_get_n_items (to_ports); r++)
        {
          NpNode *port_rule = np_node_get_item (to_ports, r);
          NpNode *rules = np_node_lookup (port_rule, "rules");

          if (np_node_get_kind (port_rule) != NP_NODE_MAPPING)
            continue;
          if (proxy)
            {
              NpNode *any;

              if (rules != NULL && !np_cilium_is_absent (rules) &&
                  (np_node_get_kind (rules) != NP_NODE_MAPPING || np_node_get_n_pairs (rules) > 0))
                continue;
              any = np_node_new_mapping ();
              np_node_set (any, "matchPattern", np_node_new_string ("*"));
              np_node_append (np_cilium_ensure_list (np_cilium_ensure_mapping (port_rule, "rules"), "dns"), any);
            }
          else if (rules != NULL && np_node_get_kind (rules) == NP_NODE_MAPPING)
            {
              np_node_remove (rules, "dns");
              if (np_node_get_n_pairs (rules) == 0)
                np_node_remove (port_rule, "rules");
            }
        }
    }
  np_cilium_rule_changed (rule);
}

void
np_cilium_edit_rule_set_dns (NpCiliumRule *rule,
                             gboolean      allowed,
                             gboolean      proxy)
{
  g_autoptr(NpLabelSelector) kube_dns = NULL;
  NpCiliumPolicy *policy;
  NpCiliumRuleEntry *entry;
  gboolean had_proxy = FALSE;
  gboolean had;

  g_return_if_fail (NP_IS_CILIUM_RULE (rule));
  policy = np_cilium_rule_get_policy (rule);
  g_return_if_fail (policy != NULL);

  had = np_cilium_edit_rule_get_dns (rule, &had_proxy);
  if (had == !!allowed && (!allowed || had_proxy == !!proxy))
    return;

  np_cilium_policy_begin_change (policy);
  if (had && allowed)
    {
      /* Only the proxy changes: the entries keep the protocols and ports
       * they were written with (a UDP-only rule stays UDP-only). */
      set_dns_proxy (rule, proxy);
      np_cilium_policy_end_change (policy);
      return;
    }
  remove_dns_entries (rule);
  if (allowed)
    {
      kube_dns = np_kube_dns_selector_new (NULL);
      entry = np_cilium_rule_add_entry (rule, NP_CILIUM_EGRESS);
      np_cilium_rule_entry_add_selector (entry, NP_CILIUM_PEER_ENDPOINTS, kube_dns);
      np_cilium_rule_entry_add_port (entry, 0, "53", 0, "UDP");
      np_cilium_rule_entry_add_port (entry, 0, "53", 0, "TCP");
      if (proxy)
        {
          NpNode *port_rule = np_node_get_item (np_cilium_get_list (entry_node (entry), "toPorts"), 0);
          NpNode *dns = np_cilium_ensure_list (np_cilium_ensure_mapping (port_rule, "rules"), "dns");
          NpNode *any = np_node_new_mapping ();

          np_node_set (any, "matchPattern", np_node_new_string ("*"));
          np_node_append (dns, any);
          np_cilium_rule_changed (rule);
        }
    }
  np_cilium_policy_end_change (policy);
}

/* Default deny ------------------------------------------------------------ */

gboolean
np_cilium_edit_rule_get_default_deny (NpCiliumRule *rule,
                                      NpDirection   direction)
{
  g_return_val_if_fail (rule == NULL || NP_IS_CILIUM_RULE (rule), FALSE);

  return rule != NULL && np_cilium_rule_enables_default_deny (rule, direction);
}

static NpCiliumSection
allow_section (NpDirection direction)
{
  return direction == NP_DIRECTION_INGRESS ? NP_CILIUM_INGRESS : NP_CILIUM_EGRESS;
}

static guint
n_direction_entries (NpCiliumRule *rule, NpDirection direction)
{
  NpCiliumSection allow = allow_section (direction);

  return g_list_model_get_n_items (np_cilium_rule_get_entries (rule, allow)) +
         g_list_model_get_n_items (np_cilium_rule_get_entries (rule, allow + 1));
}

static gboolean
entry_is_empty (NpCiliumRuleEntry *entry)
{
  NpNode *node = entry_node (entry);

  return np_cilium_is_absent (node) ||
         (np_node_get_kind (node) == NP_NODE_MAPPING && np_node_get_n_pairs (node) == 0);
}

void
np_cilium_edit_rule_set_default_deny (NpCiliumRule *rule,
                                      NpDirection   direction,
                                      gboolean      deny)
{
  NpCiliumPolicy *policy;
  GListModel *entries;

  g_return_if_fail (NP_IS_CILIUM_RULE (rule));
  policy = np_cilium_rule_get_policy (rule);
  g_return_if_fail (policy != NULL);

  if (np_cilium_edit_rule_get_default_deny (rule, direction) == !!deny)
    return;

  np_cilium_policy_begin_change (policy);
  entries = np_cilium_rule_get_entries (rule, allow_section (direction));
  if (deny)
    {
      /* An explicit false is what switched it off; without it a section
       * of this direction switches it on (semantics §2.3). */
      np_cilium_rule_set_default_deny (rule, direction, FALSE, FALSE);
      if (n_direction_entries (rule, direction) == 0)
        np_cilium_rule_add_entry (rule, allow_section (direction));
    }
  else
    {
      /* Empty items only served to switch default deny on. */
      for (guint i = g_list_model_get_n_items (entries); i > 0; i--)
        {
          g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i - 1);

          if (entry_is_empty (entry))
            remove_entry (rule, entry);
        }
      if (n_direction_entries (rule, direction) > 0)
        np_cilium_rule_set_default_deny (rule, direction, TRUE, FALSE);
      else
        np_cilium_rule_set_default_deny (rule, direction, FALSE, FALSE);
    }
  np_cilium_policy_end_change (policy);
}

NpRuleEffect
np_cilium_edit_rule_get_group_verdict (NpCiliumRule *rule,
                                  NpDirection   direction,
                                  NpPeerGroup   group)
{
  NpCiliumPolicy *policy;
  GListModel *entries;

  g_return_val_if_fail (rule == NULL || NP_IS_CILIUM_RULE (rule), NP_RULE_EFFECT_ALLOWED);

  if (!np_cilium_edit_rule_get_default_deny (rule, direction))
    return NP_RULE_EFFECT_ALLOWED;
  policy = np_cilium_rule_get_policy (rule);
  entries = np_cilium_rule_get_entries (rule, allow_section (direction));
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);

      /* An empty item matches nothing (semantics §2.3). */
      if (!entry_is_empty (entry) && np_cilium_entry_get_group (policy, entry) == group)
        return NP_RULE_EFFECT_PARTIAL;
    }
  return NP_RULE_EFFECT_DENIED;
}

/* Checks ---------------------------------------------------------------- */

static void
set_message (char **message, const char *text)
{
  if (message != NULL)
    {
      g_free (*message);
      *message = g_strdup (text);
    }
}

gboolean
np_cilium_check_fqdn (const char  *text,
                      gboolean     pattern,
                      char       **message)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (*text == '\0')
    {
      set_message (message, _("Type a DNS name, such as api.example.com."));
      return FALSE;
    }
  if (!pattern && strchr (text, '*') != NULL)
    {
      set_message (message, _("A DNS name has no wildcards: use a pattern for “*”."));
      return FALSE;
    }
  if (!np_cilium_dns_text_valid (text, pattern))
    {
      set_message (message, pattern
                 ? _("Use letters, digits, “-”, “_” and “*” in labels separated by single dots, at most 255 characters.")
                 : _("Use letters, digits, “-” and “_” in labels separated by single dots, at most 255 characters."));
      return FALSE;
    }
  return TRUE;
}

const char * const *
np_cilium_list_entities (void)
{
  return np_cilium_entities;
}

gboolean
np_cilium_check_entity (const char  *entity,
                        char       **message)
{
  g_return_val_if_fail (entity != NULL, FALSE);

  if (g_strv_contains (np_cilium_entities, entity))
    return TRUE;
  /* Translators: %s is what the user typed as a Cilium entity. */
  if (message != NULL)
    {
      g_free (*message);
      *message = g_strdup_printf (_("“%s” is no Cilium entity."), entity);
    }
  return FALSE;
}
