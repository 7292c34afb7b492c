/* np-cilium-rule-entry.c: one item of ingress, ingressDeny, egress or egressDeny
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-cilium-private.h"
#include "np-label-selector.h"

struct _NpCiliumRuleEntry
{
  GObject          parent_instance;

  GWeakRef         rule;
  NpCiliumSection  section;
  guint            index;
  NpNode          *node;
};

G_DEFINE_FINAL_TYPE (NpCiliumRuleEntry, np_cilium_rule_entry, G_TYPE_OBJECT)

static const char * const ingress_peer_keys[NP_CILIUM_N_PEER_KINDS] = {
  NULL, "fromEndpoints", "fromEntities", "fromCIDR", "fromCIDRSet", NULL, NULL, "fromNodes", "fromGroups"
};
static const char * const egress_peer_keys[NP_CILIUM_N_PEER_KINDS] = {
  NULL, "toEndpoints", "toEntities", "toCIDR", "toCIDRSet", "toFQDNs", "toServices", "toNodes", "toGroups"
};

const char *
np_cilium_peer_kind_to_key (NpCiliumPeerKind kind,
                            NpCiliumSection  section)
{
  g_return_val_if_fail (kind < NP_CILIUM_N_PEER_KINDS, NULL);

  if (np_cilium_section_get_direction (section) == NP_DIRECTION_INGRESS)
    return ingress_peer_keys[kind];
  if (kind == NP_CILIUM_PEER_FQDNS && section == NP_CILIUM_EGRESS_DENY)
    return NULL;
  return egress_peer_keys[kind];
}

void
np_cilium_port_free (NpCiliumPort *port)
{
  g_free (port->port);
  g_free (port->protocol);
  g_free (port);
}

void
np_cilium_fqdn_free (NpCiliumFqdn *fqdn)
{
  g_free (fqdn->match_name);
  g_free (fqdn->match_pattern);
  g_free (fqdn);
}

void
np_cilium_http_rule_free (NpCiliumHttpRule *rule)
{
  g_free (rule->method);
  g_free (rule->path);
  g_free (rule->host);
  g_strfreev (rule->headers);
  g_free (rule);
}

void
np_cilium_icmp_field_free (NpCiliumIcmpField *field)
{
  g_free (field->family);
  g_free (field->type);
  g_free (field);
}

void
np_cilium_cidr_rule_free (NpCiliumCidrRule *rule)
{
  g_free (rule->cidr);
  g_free (rule->group_ref);
  g_clear_object (&rule->group_selector);
  g_strfreev (rule->except);
  g_free (rule);
}

void
np_cilium_service_free (NpCiliumService *service)
{
  g_free (service->service_name);
  g_free (service->namespace_);
  g_clear_object (&service->selector);
  g_free (service);
}

static void
np_cilium_rule_entry_finalize (GObject *object)
{
  NpCiliumRuleEntry *self = NP_CILIUM_RULE_ENTRY (object);

  g_weak_ref_clear (&self->rule);
  g_clear_pointer (&self->node, np_node_unref);

  G_OBJECT_CLASS (np_cilium_rule_entry_parent_class)->finalize (object);
}

static void
np_cilium_rule_entry_class_init (NpCiliumRuleEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = np_cilium_rule_entry_finalize;
}

static void
np_cilium_rule_entry_init (NpCiliumRuleEntry *self)
{
  g_weak_ref_init (&self->rule, NULL);
}

NpCiliumRuleEntry *
np_cilium_rule_entry_new_view (NpCiliumRule    *rule,
                               NpCiliumSection  section,
                               NpNode          *node,
                               guint            index)
{
  NpCiliumRuleEntry *self = g_object_new (NP_TYPE_CILIUM_RULE_ENTRY, NULL);

  g_weak_ref_set (&self->rule, rule);
  self->section = section;
  self->node = np_node_ref (node);
  self->index = index;
  return self;
}

void
np_cilium_rule_entry_set_index (NpCiliumRuleEntry *entry,
                                guint              index)
{
  entry->index = index;
}

void
np_cilium_rule_entry_detach (NpCiliumRuleEntry *entry)
{
  g_weak_ref_set (&entry->rule, NULL);
}

static void
changed (NpCiliumRuleEntry *self)
{
  g_autoptr(NpCiliumRule) rule = g_weak_ref_get (&self->rule);

  if (rule != NULL)
    np_cilium_rule_changed (rule);
}

/* The item's mapping, put in place of a null item on first use. */
static NpNode *
ensure_node (NpCiliumRuleEntry *self)
{
  g_autoptr(NpCiliumRule) rule = NULL;
  NpNode *fresh;

  if (np_node_get_kind (self->node) == NP_NODE_MAPPING)
    return self->node;

  fresh = np_node_new_mapping ();
  rule = g_weak_ref_get (&self->rule);
  if (rule != NULL)
    {
      NpNode *list = np_cilium_get_list (np_cilium_rule_get_node (rule), np_cilium_section_to_key (self->section));

      if (list != NULL && self->index < np_node_get_n_items (list))
        np_node_replace_item (list, self->index, np_node_ref (fresh));
    }
  np_node_unref (self->node);
  self->node = fresh;
  return fresh;
}

NpCiliumRule *
np_cilium_rule_entry_get_rule (NpCiliumRuleEntry *self)
{
  g_autoptr(NpCiliumRule) rule = NULL;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  /* Borrowed: the rule's list holds this entry while it is in it. */
  rule = g_weak_ref_get (&self->rule);
  return rule;
}

NpCiliumSection
np_cilium_rule_entry_get_section (NpCiliumRuleEntry *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NP_CILIUM_INGRESS);
  return self->section;
}

NpNode *
np_cilium_rule_entry_get_node (NpCiliumRuleEntry *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return self->node;
}

char *
np_cilium_rule_entry_get_path (NpCiliumRuleEntry *self)
{
  g_autoptr(NpCiliumRule) rule = NULL;
  g_autofree char *rule_path = NULL;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);

  rule = g_weak_ref_get (&self->rule);
  rule_path = rule != NULL ? np_cilium_rule_get_path (rule) : g_strdup ("spec");
  return g_strdup_printf ("%s.%s[%u]", rule_path, np_cilium_section_to_key (self->section), self->index);
}

/* Peers ------------------------------------------------------------------ */

static const char *
peer_key (NpCiliumRuleEntry *self, NpCiliumPeerKind kind)
{
  return np_cilium_peer_kind_to_key (kind, self->section);
}

guint
np_cilium_rule_entry_get_peer_kinds (NpCiliumRuleEntry *self)
{
  guint kinds = 0;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), 0);

  for (guint k = NP_CILIUM_PEER_ENDPOINTS; k < NP_CILIUM_N_PEER_KINDS; k++)
    {
      const char *key = peer_key (self, k);

      if (key != NULL && np_cilium_list_length (self->node, key) > 0)
        kinds |= 1u << k;
    }
  return kinds;
}

NpCiliumPeerKind
np_cilium_rule_entry_get_peer_kind (NpCiliumRuleEntry *self)
{
  guint kinds;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NP_CILIUM_PEER_NONE);

  kinds = np_cilium_rule_entry_get_peer_kinds (self);
  for (guint k = NP_CILIUM_PEER_ENDPOINTS; k < NP_CILIUM_N_PEER_KINDS; k++)
    if (kinds & (1u << k))
      return k;
  return NP_CILIUM_PEER_NONE;
}

guint
np_cilium_rule_entry_get_n_peers (NpCiliumRuleEntry *self,
                                  NpCiliumPeerKind   kind)
{
  const char *key;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), 0);

  key = peer_key (self, kind);
  return key != NULL ? np_cilium_list_length (self->node, key) : 0;
}

void
np_cilium_rule_entry_remove_peer (NpCiliumRuleEntry *self,
                                  NpCiliumPeerKind   kind,
                                  guint              index)
{
  const char *key;
  NpNode *list;

  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));

  key = peer_key (self, kind);
  list = key != NULL ? np_cilium_get_list (self->node, key) : NULL;
  g_return_if_fail (list != NULL && index < np_node_get_n_items (list));

  np_node_remove_item (list, index);
  /* An empty list means something else than no list (it selects
   * nothing): the last peer takes its key with it. */
  if (np_node_get_n_items (list) == 0)
    np_node_remove (self->node, key);
  changed (self);
}

/* Appends @item to the list of @kind. Takes @item. */
static void
append_peer (NpCiliumRuleEntry *self, NpCiliumPeerKind kind, NpNode *item)
{
  const char *key = peer_key (self, kind);

  if (key == NULL)
    {
      g_critical ("%s has no peers of kind %d", np_cilium_section_to_key (self->section), kind);
      np_node_unref (item);
      return;
    }
  np_node_append (np_cilium_ensure_list (ensure_node (self), key), item);
  changed (self);
}

GPtrArray *
np_cilium_rule_entry_get_selectors (NpCiliumRuleEntry *self,
                                    NpCiliumPeerKind   kind)
{
  GPtrArray *selectors = g_ptr_array_new_with_free_func (g_object_unref);
  const char *key;
  NpNode *list;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), selectors);
  g_return_val_if_fail (kind == NP_CILIUM_PEER_ENDPOINTS || kind == NP_CILIUM_PEER_NODES, selectors);

  key = peer_key (self, kind);
  list = np_cilium_get_list (self->node, key);
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    g_ptr_array_add (selectors, np_cilium_selector_from_node (np_node_get_item (list, i)));
  return selectors;
}

void
np_cilium_rule_entry_add_selector (NpCiliumRuleEntry *self,
                                   NpCiliumPeerKind   kind,
                                   NpLabelSelector   *selector)
{
  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));
  g_return_if_fail (kind == NP_CILIUM_PEER_ENDPOINTS || kind == NP_CILIUM_PEER_NODES);
  g_return_if_fail (NP_IS_LABEL_SELECTOR (selector));

  append_peer (self, kind, np_cilium_selector_to_node (selector));
}

void
np_cilium_rule_entry_set_selector (NpCiliumRuleEntry *self,
                                   NpCiliumPeerKind   kind,
                                   guint              index,
                                   NpLabelSelector   *selector)
{
  NpNode *list, *item;

  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));
  g_return_if_fail (kind == NP_CILIUM_PEER_ENDPOINTS || kind == NP_CILIUM_PEER_NODES);
  g_return_if_fail (NP_IS_LABEL_SELECTOR (selector));

  list = np_cilium_get_list (self->node, peer_key (self, kind));
  g_return_if_fail (list != NULL && index < np_node_get_n_items (list));

  item = np_node_get_item (list, index);
  if (np_node_get_kind (item) != NP_NODE_MAPPING)
    {
      item = np_node_new_mapping ();
      np_node_replace_item (list, index, item);
    }
  np_cilium_selector_apply (item, selector);
  changed (self);
}

char **
np_cilium_rule_entry_get_entities (NpCiliumRuleEntry *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return np_cilium_get_strv (self->node, peer_key (self, NP_CILIUM_PEER_ENTITIES));
}

void
np_cilium_rule_entry_add_entity (NpCiliumRuleEntry *self,
                                 const char        *entity)
{
  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));
  g_return_if_fail (entity != NULL);
  append_peer (self, NP_CILIUM_PEER_ENTITIES, np_node_new_string (entity));
}

char **
np_cilium_rule_entry_get_cidrs (NpCiliumRuleEntry *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return np_cilium_get_strv (self->node, peer_key (self, NP_CILIUM_PEER_CIDR));
}

void
np_cilium_rule_entry_add_cidr (NpCiliumRuleEntry *self,
                               const char        *cidr)
{
  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));
  g_return_if_fail (cidr != NULL);
  append_peer (self, NP_CILIUM_PEER_CIDR, np_node_new_string (cidr));
}

GPtrArray *
np_cilium_rule_entry_get_cidr_rules (NpCiliumRuleEntry *self)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_cidr_rule_free);
  NpNode *list;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), rules);

  list = np_cilium_get_list (self->node, peer_key (self, NP_CILIUM_PEER_CIDR_SET));
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      NpCiliumCidrRule *rule = g_new0 (NpCiliumCidrRule, 1);
      NpNode *group_selector = np_node_lookup (item, "cidrGroupSelector");

      rule->cidr = g_strdup (np_cilium_get_text (item, "cidr"));
      rule->group_ref = g_strdup (np_cilium_get_text (item, "cidrGroupRef"));
      if (!np_cilium_is_absent (group_selector))
        rule->group_selector = np_cilium_selector_from_node (group_selector);
      rule->except = np_cilium_get_strv (item, "except");
      g_ptr_array_add (rules, rule);
    }
  return rules;
}

void
np_cilium_rule_entry_add_cidr_rule (NpCiliumRuleEntry  *self,
                                    const char         *cidr,
                                    const char * const *except)
{
  NpNode *item;

  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));
  g_return_if_fail (cidr != NULL);

  item = np_node_new_mapping ();
  np_node_set (item, "cidr", np_node_new_string (cidr));
  if (except != NULL && except[0] != NULL)
    {
      NpNode *list = np_cilium_ensure_list (item, "except");

      for (guint i = 0; except[i] != NULL; i++)
        np_node_append (list, np_node_new_string (except[i]));
    }
  append_peer (self, NP_CILIUM_PEER_CIDR_SET, item);
}

static NpCiliumFqdn *
read_fqdn (const NpNode *item)
{
  NpCiliumFqdn *fqdn = g_new0 (NpCiliumFqdn, 1);

  fqdn->match_name = g_strdup (np_cilium_get_text (item, "matchName"));
  fqdn->match_pattern = g_strdup (np_cilium_get_text (item, "matchPattern"));
  return fqdn;
}

GPtrArray *
np_cilium_rule_entry_get_fqdns (NpCiliumRuleEntry *self)
{
  GPtrArray *fqdns = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_fqdn_free);
  const char *key;
  NpNode *list;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), fqdns);

  key = peer_key (self, NP_CILIUM_PEER_FQDNS);
  list = key != NULL ? np_cilium_get_list (self->node, key) : NULL;
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    g_ptr_array_add (fqdns, read_fqdn (np_node_get_item (list, i)));
  return fqdns;
}

void
np_cilium_rule_entry_add_fqdn (NpCiliumRuleEntry *self,
                               const char        *match_name,
                               const char        *match_pattern)
{
  NpNode *item;

  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));
  g_return_if_fail ((match_name != NULL) != (match_pattern != NULL));

  item = np_node_new_mapping ();
  if (match_name != NULL)
    np_node_set (item, "matchName", np_node_new_string (match_name));
  else
    np_node_set (item, "matchPattern", np_node_new_string (match_pattern));
  append_peer (self, NP_CILIUM_PEER_FQDNS, item);
}

GPtrArray *
np_cilium_rule_entry_get_services (NpCiliumRuleEntry *self)
{
  GPtrArray *services = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_service_free);
  const char *key;
  NpNode *list;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), services);

  key = peer_key (self, NP_CILIUM_PEER_SERVICES);
  list = key != NULL ? np_cilium_get_list (self->node, key) : NULL;
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      NpNode *by_name = np_node_lookup (item, "k8sService");
      NpNode *by_selector = np_node_lookup (item, "k8sServiceSelector");
      NpCiliumService *service = g_new0 (NpCiliumService, 1);

      if (!np_cilium_is_absent (by_selector))
        {
          NpNode *selector = np_node_lookup (by_selector, "selector");

          service->by_selector = TRUE;
          service->namespace_ = g_strdup (np_cilium_get_text (by_selector, "namespace"));
          if (!np_cilium_is_absent (selector))
            service->selector = np_cilium_selector_from_node (selector);
        }
      else
        {
          service->service_name = g_strdup (np_cilium_get_text (by_name, "serviceName"));
          service->namespace_ = g_strdup (np_cilium_get_text (by_name, "namespace"));
        }
      g_ptr_array_add (services, service);
    }
  return services;
}

NpNode *
np_cilium_rule_entry_get_groups (NpCiliumRuleEntry *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return np_cilium_get_list (self->node, peer_key (self, NP_CILIUM_PEER_GROUPS));
}

/* Ports ------------------------------------------------------------------ */

static NpNode *
port_rule_node (NpCiliumRuleEntry *self, guint port_rule)
{
  NpNode *list = np_cilium_get_list (self->node, "toPorts");

  if (list == NULL || port_rule >= np_node_get_n_items (list))
    return NULL;
  return np_node_get_item (list, port_rule);
}

guint
np_cilium_rule_entry_get_n_port_rules (NpCiliumRuleEntry *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), 0);
  return np_cilium_list_length (self->node, "toPorts");
}

GPtrArray *
np_cilium_rule_entry_get_ports (NpCiliumRuleEntry *self,
                                guint              port_rule)
{
  GPtrArray *ports = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_port_free);
  NpNode *list;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), ports);

  list = np_cilium_get_list (port_rule_node (self, port_rule), "ports");
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      NpCiliumPort *port = g_new0 (NpCiliumPort, 1);
      gint64 end = 0;

      port->port = g_strdup (np_cilium_get_text (item, "port"));
      port->protocol = g_strdup (np_cilium_get_text (item, "protocol"));
      if (np_node_get_int (np_node_lookup (item, "endPort"), &end))
        port->end_port = end;
      g_ptr_array_add (ports, port);
    }
  return ports;
}

guint
np_cilium_rule_entry_add_port (NpCiliumRuleEntry *self,
                               int                port_rule,
                               const char        *port,
                               gint64             end_port,
                               const char        *protocol)
{
  NpNode *list, *target, *item;
  guint index;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), 0);

  list = np_cilium_ensure_list (ensure_node (self), "toPorts");
  if (port_rule < 0 || (guint) port_rule >= np_node_get_n_items (list))
    {
      target = np_node_new_mapping ();
      np_node_append (list, target);
      index = np_node_get_n_items (list) - 1;
    }
  else
    {
      index = port_rule;
      target = np_node_get_item (list, index);
      if (np_node_get_kind (target) != NP_NODE_MAPPING)
        {
          target = np_node_new_mapping ();
          np_node_replace_item (list, index, target);
        }
    }

  item = np_node_new_mapping ();
  if (port != NULL)
    np_node_set (item, "port", np_node_new_string (port));
  if (end_port != 0)
    np_node_set (item, "endPort", np_node_new_int (end_port));
  if (protocol != NULL)
    np_node_set (item, "protocol", np_node_new_string (protocol));
  np_node_append (np_cilium_ensure_list (target, "ports"), item);
  changed (self);
  return index;
}

void
np_cilium_rule_entry_remove_port (NpCiliumRuleEntry *self,
                                  guint              port_rule,
                                  guint              index)
{
  NpNode *list;

  g_return_if_fail (NP_IS_CILIUM_RULE_ENTRY (self));

  list = np_cilium_get_list (port_rule_node (self, port_rule), "ports");
  g_return_if_fail (list != NULL && index < np_node_get_n_items (list));
  np_node_remove_item (list, index);
  changed (self);
}

static NpNode *
l7_rules (NpCiliumRuleEntry *self, guint port_rule)
{
  NpNode *rules = np_node_lookup (port_rule_node (self, port_rule), "rules");

  return rules != NULL && np_node_get_kind (rules) == NP_NODE_MAPPING ? rules : NULL;
}

NpCiliumL7Kind
np_cilium_rule_entry_get_l7_kind (NpCiliumRuleEntry *self,
                                  guint              port_rule)
{
  NpNode *rules;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NP_CILIUM_L7_NONE);

  rules = l7_rules (self, port_rule);
  if (!np_cilium_is_absent (np_node_lookup (rules, "http")))
    return NP_CILIUM_L7_HTTP;
  if (!np_cilium_is_absent (np_node_lookup (rules, "dns")))
    return NP_CILIUM_L7_DNS;
  if (!np_cilium_is_absent (np_node_lookup (rules, "kafka")))
    return NP_CILIUM_L7_KAFKA;
  if (!np_cilium_is_absent (np_node_lookup (rules, "l7proto")))
    return NP_CILIUM_L7_GENERIC;
  return NP_CILIUM_L7_NONE;
}

GPtrArray *
np_cilium_rule_entry_get_http_rules (NpCiliumRuleEntry *self,
                                     guint              port_rule)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_http_rule_free);
  NpNode *list;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), out);

  list = np_cilium_get_list (l7_rules (self, port_rule), "http");
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      NpCiliumHttpRule *rule = g_new0 (NpCiliumHttpRule, 1);

      rule->method = g_strdup (np_cilium_get_text (item, "method"));
      rule->path = g_strdup (np_cilium_get_text (item, "path"));
      rule->host = g_strdup (np_cilium_get_text (item, "host"));
      rule->headers = np_cilium_get_strv (item, "headers");
      g_ptr_array_add (out, rule);
    }
  return out;
}

GPtrArray *
np_cilium_rule_entry_get_dns_rules (NpCiliumRuleEntry *self,
                                    guint              port_rule)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_fqdn_free);
  NpNode *list;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), out);

  list = np_cilium_get_list (l7_rules (self, port_rule), "dns");
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    g_ptr_array_add (out, read_fqdn (np_node_get_item (list, i)));
  return out;
}

const char *
np_cilium_rule_entry_get_l7_proto (NpCiliumRuleEntry *self,
                                   guint              port_rule)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return np_cilium_get_text (l7_rules (self, port_rule), "l7proto");
}

char **
np_cilium_rule_entry_get_server_names (NpCiliumRuleEntry *self,
                                       guint              port_rule)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return np_cilium_get_strv (port_rule_node (self, port_rule), "serverNames");
}

const char *
np_cilium_rule_entry_get_listener (NpCiliumRuleEntry *self,
                                   guint              port_rule)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return np_cilium_get_text (np_node_lookup (port_rule_node (self, port_rule), "listener"), "name");
}

gboolean
np_cilium_rule_entry_has_tls (NpCiliumRuleEntry *self,
                              guint              port_rule,
                              gboolean           originating)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), FALSE);
  return !np_cilium_is_absent (np_node_lookup (port_rule_node (self, port_rule),
                                               originating ? "originatingTLS" : "terminatingTLS"));
}

GPtrArray *
np_cilium_rule_entry_get_icmp_fields (NpCiliumRuleEntry *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_icmp_field_free);
  NpNode *icmps;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), out);

  icmps = np_cilium_get_list (self->node, "icmps");
  for (guint i = 0; icmps != NULL && i < np_node_get_n_items (icmps); i++)
    {
      NpNode *fields = np_cilium_get_list (np_node_get_item (icmps, i), "fields");

      for (guint j = 0; fields != NULL && j < np_node_get_n_items (fields); j++)
        {
          NpNode *item = np_node_get_item (fields, j);
          NpCiliumIcmpField *field = g_new0 (NpCiliumIcmpField, 1);

          field->family = g_strdup (np_cilium_get_text (item, "family"));
          field->type = g_strdup (np_cilium_get_text (item, "type"));
          g_ptr_array_add (out, field);
        }
    }
  return out;
}

gboolean
np_cilium_rule_entry_has_icmps (NpCiliumRuleEntry *self)
{
  NpNode *icmps;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), FALSE);

  icmps = np_cilium_get_list (self->node, "icmps");
  return icmps != NULL && np_node_get_n_items (icmps) > 0;
}

const char *
np_cilium_rule_entry_get_authentication (NpCiliumRuleEntry *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (self), NULL);
  return np_cilium_get_text (np_node_lookup (self->node, "authentication"), "mode");
}
