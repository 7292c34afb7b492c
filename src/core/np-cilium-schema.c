/* np-cilium-schema.c: the cilium.io/v2 schema and helpers shared by the Cilium classes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-private.h"
#include "np-label-selector.h"
#include "np-selector-requirement.h"

/* The schema follows the CRD of the newest Cilium (spec and specs share the
 * rule schema). Fields removed upstream but still met in real files
 * (fromRequires, toRequires, kafka) are kept so that the validator can say
 * what became of them instead of calling them unknown. */

#define LEAF(id, k, w) static const NpCsSchema id = { k, NULL, NULL, w }
#define OBJECT(id, fields, w) static const NpCsSchema id = { NP_CS_OBJECT, fields, NULL, w }
#define LIST(id, item, w) static const NpCsSchema id = { NP_CS_LIST, NULL, &item, w }

LEAF (s_any, NP_CS_ANY, "a value");
LEAF (s_string, NP_CS_STRING, "a string");
LEAF (s_int, NP_CS_INT, "a whole number");
LEAF (s_bool, NP_CS_BOOL, "true or false");
LEAF (s_int_or_string, NP_CS_INT_OR_STRING, "a number or a name");
LEAF (s_string_map, NP_CS_STRING_MAP, "a mapping of strings");
LIST (s_strings, s_string, "a list of strings");
LIST (s_string_maps, s_string_map, "a list of mappings of strings");

/* metav1.LabelSelector */
static const NpCsField requirement_fields[] = {
  { "key", &s_string }, { "operator", &s_string }, { "values", &s_strings }, { NULL }
};
OBJECT (s_requirement, requirement_fields, "a selector expression");
LIST (s_requirements, s_requirement, "a list of selector expressions");
static const NpCsField selector_fields[] = {
  { "matchLabels", &s_string_map }, { "matchExpressions", &s_requirements }, { NULL }
};
const NpCsSchema np_cs_selector = { NP_CS_OBJECT, selector_fields, NULL, "a label selector" };
static const NpCsSchema s_selectors = { NP_CS_LIST, NULL, &np_cs_selector, "a list of label selectors" };

/* metadata (ObjectMeta) */
static const NpCsField metadata_fields[] = {
  { "name", &s_string }, { "generateName", &s_string }, { "namespace", &s_string },
  { "selfLink", &s_string }, { "uid", &s_string }, { "resourceVersion", &s_string },
  { "generation", &s_int }, { "creationTimestamp", &s_any }, { "deletionTimestamp", &s_any },
  { "deletionGracePeriodSeconds", &s_int }, { "labels", &s_string_map },
  { "annotations", &s_string_map }, { "ownerReferences", &s_any }, { "finalizers", &s_strings },
  { "managedFields", &s_any }, { NULL }
};
const NpCsSchema np_cs_metadata = { NP_CS_OBJECT, metadata_fields, NULL, "metadata" };

/* CIDRRule */
static const NpCsField cidr_rule_fields[] = {
  { "cidr", &s_string }, { "cidrGroupRef", &s_string }, { "cidrGroupSelector", &np_cs_selector },
  { "except", &s_strings }, { NULL }
};
OBJECT (s_cidr_rule, cidr_rule_fields, "a CIDR rule");
LIST (s_cidr_rules, s_cidr_rule, "a list of CIDR rules");

/* FQDNSelector and PortRuleDNS */
static const NpCsField fqdn_fields[] = {
  { "matchName", &s_string }, { "matchPattern", &s_string }, { NULL }
};
OBJECT (s_fqdn, fqdn_fields, "a DNS name selector");
LIST (s_fqdns, s_fqdn, "a list of DNS name selectors");

/* Service */
static const NpCsField k8s_service_fields[] = {
  { "serviceName", &s_string }, { "namespace", &s_string }, { NULL }
};
OBJECT (s_k8s_service, k8s_service_fields, "a service reference");
static const NpCsField k8s_service_selector_fields[] = {
  { "selector", &np_cs_selector }, { "namespace", &s_string }, { NULL }
};
OBJECT (s_k8s_service_selector, k8s_service_selector_fields, "a service selector");
static const NpCsField service_fields[] = {
  { "k8sService", &s_k8s_service }, { "k8sServiceSelector", &s_k8s_service_selector }, { NULL }
};
OBJECT (s_service, service_fields, "a service");
LIST (s_services, s_service, "a list of services");

/* Groups */
static const NpCsField aws_fields[] = {
  { "labels", &s_string_map }, { "securityGroupsIds", &s_strings },
  { "securityGroupsNames", &s_strings }, { "region", &s_string }, { NULL }
};
OBJECT (s_aws, aws_fields, "an AWS group");
static const NpCsField group_fields[] = { { "aws", &s_aws }, { NULL } };
OBJECT (s_group, group_fields, "a group");
LIST (s_groups, s_group, "a list of groups");

/* ICMPRule */
static const NpCsField icmp_field_fields[] = {
  { "family", &s_string }, { "type", &s_int_or_string }, { NULL }
};
OBJECT (s_icmp_field, icmp_field_fields, "an ICMP field");
LIST (s_icmp_fields, s_icmp_field, "a list of ICMP fields");
static const NpCsField icmp_fields[] = { { "fields", &s_icmp_fields }, { NULL } };
OBJECT (s_icmp, icmp_fields, "an ICMP rule");
LIST (s_icmps, s_icmp, "a list of ICMP rules");

/* Authentication */
static const NpCsField authentication_fields[] = { { "mode", &s_string }, { NULL } };
OBJECT (s_authentication, authentication_fields, "an authentication setting");

/* PortProtocol */
static const NpCsField port_fields[] = {
  { "port", &s_string }, { "endPort", &s_int }, { "protocol", &s_string }, { NULL }
};
OBJECT (s_port, port_fields, "a port");
LIST (s_ports, s_port, "a list of ports");

/* L7 */
static const NpCsField secret_fields[] = { { "name", &s_string }, { "namespace", &s_string }, { NULL } };
OBJECT (s_secret, secret_fields, "a secret reference");
static const NpCsField header_match_fields[] = {
  { "name", &s_string }, { "value", &s_string }, { "secret", &s_secret }, { "mismatch", &s_string }, { NULL }
};
OBJECT (s_header_match, header_match_fields, "a header match");
LIST (s_header_matches, s_header_match, "a list of header matches");
static const NpCsField http_fields[] = {
  { "method", &s_string }, { "path", &s_string }, { "host", &s_string }, { "headers", &s_strings },
  { "headerMatches", &s_header_matches }, { NULL }
};
OBJECT (s_http, http_fields, "an HTTP rule");
LIST (s_https, s_http, "a list of HTTP rules");
static const NpCsField kafka_fields[] = {
  { "role", &s_string }, { "apiKey", &s_string }, { "apiVersion", &s_string }, { "clientID", &s_string },
  { "topic", &s_string }, { NULL }
};
OBJECT (s_kafka, kafka_fields, "a Kafka rule");
LIST (s_kafkas, s_kafka, "a list of Kafka rules");
static const NpCsField l7_rules_fields[] = {
  { "http", &s_https }, { "kafka", &s_kafkas }, { "dns", &s_fqdns }, { "l7proto", &s_string },
  { "l7", &s_string_maps }, { NULL }
};
OBJECT (s_l7_rules, l7_rules_fields, "L7 rules");
static const NpCsField tls_fields[] = {
  { "secret", &s_secret }, { "trustedCA", &s_string }, { "certificate", &s_string },
  { "privateKey", &s_string }, { NULL }
};
OBJECT (s_tls, tls_fields, "a TLS context");
static const NpCsField envoy_config_fields[] = { { "kind", &s_string }, { "name", &s_string }, { NULL } };
OBJECT (s_envoy_config, envoy_config_fields, "an Envoy configuration reference");
static const NpCsField listener_fields[] = {
  { "envoyConfig", &s_envoy_config }, { "name", &s_string }, { "priority", &s_int }, { NULL }
};
OBJECT (s_listener, listener_fields, "a listener");

/* PortRule and PortDenyRule */
static const NpCsField port_rule_fields[] = {
  { "ports", &s_ports }, { "rules", &s_l7_rules }, { "serverNames", &s_strings },
  { "terminatingTLS", &s_tls }, { "originatingTLS", &s_tls }, { "listener", &s_listener }, { NULL }
};
OBJECT (s_port_rule, port_rule_fields, "a port rule");
LIST (s_port_rules, s_port_rule, "a list of port rules");
static const NpCsField port_deny_rule_fields[] = { { "ports", &s_ports }, { NULL } };
OBJECT (s_port_deny_rule, port_deny_rule_fields, "a port rule of a deny rule");
LIST (s_port_deny_rules, s_port_deny_rule, "a list of port rules");

/* IngressRule, IngressDenyRule, EgressRule, EgressDenyRule */
#define INGRESS_COMMON \
  { "fromEndpoints", &s_selectors }, { "fromRequires", &s_selectors }, { "fromCIDR", &s_strings }, \
  { "fromCIDRSet", &s_cidr_rules }, { "fromEntities", &s_strings }, { "fromGroups", &s_groups }, \
  { "fromNodes", &s_selectors }, { "icmps", &s_icmps }
#define EGRESS_COMMON \
  { "toEndpoints", &s_selectors }, { "toRequires", &s_selectors }, { "toCIDR", &s_strings }, \
  { "toCIDRSet", &s_cidr_rules }, { "toEntities", &s_strings }, { "toServices", &s_services }, \
  { "toGroups", &s_groups }, { "toNodes", &s_selectors }, { "icmps", &s_icmps }

static const NpCsField ingress_fields[] = {
  INGRESS_COMMON, { "toPorts", &s_port_rules }, { "authentication", &s_authentication }, { NULL }
};
OBJECT (s_ingress, ingress_fields, "an ingress rule");
LIST (s_ingresses, s_ingress, "a list of ingress rules");
static const NpCsField ingress_deny_fields[] = { INGRESS_COMMON, { "toPorts", &s_port_deny_rules }, { NULL } };
OBJECT (s_ingress_deny, ingress_deny_fields, "an ingressDeny rule");
LIST (s_ingress_denies, s_ingress_deny, "a list of ingressDeny rules");
static const NpCsField egress_fields[] = {
  EGRESS_COMMON, { "toFQDNs", &s_fqdns }, { "toPorts", &s_port_rules },
  { "authentication", &s_authentication }, { NULL }
};
OBJECT (s_egress, egress_fields, "an egress rule");
LIST (s_egresses, s_egress, "a list of egress rules");
static const NpCsField egress_deny_fields[] = { EGRESS_COMMON, { "toPorts", &s_port_deny_rules }, { NULL } };
OBJECT (s_egress_deny, egress_deny_fields, "an egressDeny rule");
LIST (s_egress_denies, s_egress_deny, "a list of egressDeny rules");

/* Rule */
static const NpCsField default_deny_fields[] = { { "ingress", &s_bool }, { "egress", &s_bool }, { NULL } };
OBJECT (s_default_deny, default_deny_fields, "enableDefaultDeny");
static const NpCsField log_fields[] = { { "value", &s_string }, { NULL } };
OBJECT (s_log, log_fields, "a log setting");
static const NpCsField label_fields[] = {
  { "key", &s_string }, { "value", &s_string }, { "source", &s_string }, { NULL }
};
OBJECT (s_label, label_fields, "a rule label");
LIST (s_labels, s_label, "a list of rule labels");
static const NpCsField rule_fields[] = {
  { "endpointSelector", &np_cs_selector }, { "nodeSelector", &np_cs_selector },
  { "ingress", &s_ingresses }, { "ingressDeny", &s_ingress_denies }, { "egress", &s_egresses },
  { "egressDeny", &s_egress_denies }, { "labels", &s_labels }, { "enableDefaultDeny", &s_default_deny },
  { "description", &s_string }, { "log", &s_log }, { NULL }
};
const NpCsSchema np_cs_rule = { NP_CS_OBJECT, rule_fields, NULL, "a rule" };
static const NpCsSchema s_rules = { NP_CS_LIST, NULL, &np_cs_rule, "a list of rules" };

/* CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy */
static const NpCsField policy_fields[] = {
  { "apiVersion", &s_string }, { "kind", &s_string }, { "metadata", &np_cs_metadata },
  { "spec", &np_cs_rule }, { "specs", &s_rules }, { "status", &s_any }, { NULL }
};
const NpCsSchema np_cs_policy = { NP_CS_OBJECT, policy_fields, NULL, "a Cilium policy" };

const NpCsSchema *
np_cs_lookup (const NpCsSchema *object,
              const char       *name)
{
  if (object == NULL || object->kind != NP_CS_OBJECT)
    return NULL;
  /* the first letter rules out most fields without a string comparison */
  for (const NpCsField *f = object->fields; f->name != NULL; f++)
    if (f->name[0] == name[0] && strcmp (f->name, name) == 0)
      return f->schema;
  return NULL;
}

const char **
np_cs_field_names (const NpCsSchema *object)
{
  GPtrArray *names = g_ptr_array_new ();

  if (object != NULL && object->kind == NP_CS_OBJECT)
    for (const NpCsField *f = object->fields; f->name != NULL; f++)
      g_ptr_array_add (names, (gpointer) f->name);
  g_ptr_array_add (names, NULL);
  return (const char **) g_ptr_array_free (names, FALSE);
}

/* pkg/labels: the sources a label may come from. */
const char * const np_cilium_label_sources[] = {
  "any", "k8s", "reserved", "cidr", "unspec", "container", "cilium-generated", "fqdn",
  "cidrgroup", "node", "kvstore", NULL
};

const char *
np_cilium_split_label_key (const char  *key,
                           char       **source)
{
  const char *colon = strchr (key, ':');

  *source = NULL;
  if (colon != NULL)
    {
      g_autofree char *prefix = g_strndup (key, colon - key);

      if (g_strv_contains (np_cilium_label_sources, prefix))
        {
          *source = g_steal_pointer (&prefix);
          return colon + 1;
        }
    }
  return key;
}

const char * const np_cilium_entities[] = {
  "all", "world", "cluster", "host", "remote-node", "kube-apiserver", "init", "health",
  "unmanaged", "ingress", "none", NULL
};

const char * const np_cilium_protocols[] = { "TCP", "UDP", "SCTP", "ANY", NULL };
const char * const np_cilium_extended_protocols[] = { "VRRP", "IGMP", NULL };

gboolean
np_cilium_is_absent (const NpNode *node)
{
  return node == NULL || np_node_is_null (node);
}

NpNode *
np_cilium_get_list (const NpNode *mapping,
                    const char   *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  return value != NULL && np_node_get_kind (value) == NP_NODE_SEQUENCE ? value : NULL;
}

guint
np_cilium_list_length (const NpNode *mapping,
                       const char   *key)
{
  NpNode *list = np_cilium_get_list (mapping, key);

  return list != NULL ? np_node_get_n_items (list) : 0;
}

const char *
np_cilium_get_text (const NpNode *mapping,
                    const char   *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  if (value == NULL || np_node_get_kind (value) != NP_NODE_SCALAR || np_node_is_null (value))
    return NULL;
  return np_node_get_text (value);
}

NpNode *
np_cilium_ensure_list (NpNode     *mapping,
                       const char *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  if (value != NULL && np_node_get_kind (value) == NP_NODE_SEQUENCE)
    return value;
  value = np_node_new_sequence ();
  np_node_set (mapping, key, value);
  return value;
}

NpNode *
np_cilium_ensure_mapping (NpNode     *mapping,
                          const char *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  if (value != NULL && np_node_get_kind (value) == NP_NODE_MAPPING)
    return value;
  value = np_node_new_mapping ();
  np_node_set (mapping, key, value);
  return value;
}

void
np_cilium_set_string (NpNode     *mapping,
                      const char *key,
                      const char *value)
{
  if (value == NULL)
    np_node_remove (mapping, key);
  else
    np_node_set (mapping, key, np_node_new_string (value));
}

char **
np_cilium_get_strv (const NpNode *mapping,
                    const char   *key)
{
  NpNode *list = np_cilium_get_list (mapping, key);
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);

      if (np_node_get_kind (item) == NP_NODE_SCALAR && !np_node_is_null (item))
        g_ptr_array_add (items, g_strdup (np_node_get_text (item)));
    }
  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (items, FALSE);
}

NpLabelSelector *
np_cilium_selector_from_node (const NpNode *node)
{
  NpLabelSelector *selector = np_label_selector_new ();
  GListStore *store = G_LIST_STORE (np_label_selector_get_requirements (selector));
  NpNode *labels = np_node_lookup (node, "matchLabels");
  NpNode *expressions = np_cilium_get_list (node, "matchExpressions");

  if (labels != NULL && np_node_get_kind (labels) == NP_NODE_MAPPING)
    for (guint i = 0; i < np_node_get_n_pairs (labels); i++)
      {
        NpNode *value = np_node_get_value (labels, i);
        const char *text = np_node_get_kind (value) == NP_NODE_SCALAR && !np_node_is_null (value)
                           ? np_node_get_text (value) : "";
        g_autoptr(NpSelectorRequirement) term = np_selector_requirement_new_label (np_node_get_key (labels, i), text);

        g_list_store_append (store, term);
      }

  for (guint i = 0; expressions != NULL && i < np_node_get_n_items (expressions); i++)
    {
      NpNode *item = np_node_get_item (expressions, i);
      const char *key = np_cilium_get_text (item, "key");
      const char *op = np_cilium_get_text (item, "operator");
      g_auto(GStrv) values = np_cilium_get_strv (item, "values");
      g_autoptr(NpSelectorRequirement) term = NULL;

      term = np_selector_requirement_new_expression (key ? key : "", op ? op : "",
                                                     values[0] != NULL ? (const char * const *) values : NULL);
      g_list_store_append (store, term);
    }
  return selector;
}

NpNode *
np_cilium_selector_to_node (NpLabelSelector *selector)
{
  GListModel *terms = np_label_selector_get_requirements (selector);
  NpNode *node = np_node_new_mapping ();
  NpNode *labels = NULL;
  NpNode *expressions = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);

      if (np_selector_requirement_is_label (term))
        {
          const char *value = np_selector_requirement_get_value (term);

          if (labels == NULL)
            labels = np_cilium_ensure_mapping (node, "matchLabels");
          np_node_set (labels, np_selector_requirement_get_key (term), np_node_new_string (value ? value : ""));
        }
      else
        {
          const char * const *values = np_selector_requirement_get_values (term);
          NpNode *item = np_node_new_mapping ();

          np_node_set (item, "key", np_node_new_string (np_selector_requirement_get_key (term)));
          np_node_set (item, "operator", np_node_new_string (np_selector_requirement_get_operator (term)));
          if (values != NULL && values[0] != NULL)
            {
              NpNode *list = np_node_new_sequence ();

              for (guint j = 0; values[j] != NULL; j++)
                np_node_append (list, np_node_new_string (values[j]));
              np_node_set (item, "values", list);
            }
          if (expressions == NULL)
            expressions = np_cilium_ensure_list (node, "matchExpressions");
          np_node_append (expressions, item);
        }
    }
  return node;
}

void
np_cilium_selector_apply (NpNode          *target,
                          NpLabelSelector *selector)
{
  g_autoptr(NpNode) fresh = np_cilium_selector_to_node (selector);
  static const char * const keys[] = { "matchLabels", "matchExpressions", NULL };

  for (guint k = 0; keys[k] != NULL; k++)
    {
      NpNode *value = np_node_lookup (fresh, keys[k]);

      if (value == NULL)
        np_node_remove (target, keys[k]);
      else if (!np_node_equal (value, np_node_lookup (target, keys[k])))
        np_node_set (target, keys[k], np_node_ref (value));
    }
}
