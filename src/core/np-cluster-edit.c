/* np-cluster-edit.c: user-level edits of a cluster-scoped policy, one change each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "np-cilium-private.h"
#include "np-cluster-edit.h"
#include "np-cluster-private.h"
#include "np-node.h"

static const char * const peer_keys[] = {
  [NP_CLUSTER_PEER_NAMESPACES] = "namespaces",
  [NP_CLUSTER_PEER_PODS] = "pods",
  [NP_CLUSTER_PEER_NODES] = "nodes",
  [NP_CLUSTER_PEER_NETWORKS] = "networks",
  [NP_CLUSTER_PEER_DOMAIN_NAMES] = "domainNames",
};

void
np_cluster_port_free (NpClusterPort *port)
{
  if (port == NULL)
    return;
  g_free (port->protocol);
  g_free (port->name);
  g_free (port);
}

const char *
np_cluster_action_to_string (NpClusterPolicyKind kind,
                             NpClusterAction     action)
{
  switch (action)
    {
    case NP_CLUSTER_ACTION_ALLOW:
      return kind == NP_CLUSTER_POLICY_CNP ? "Accept" : "Allow";
    case NP_CLUSTER_ACTION_DENY:
      return "Deny";
    case NP_CLUSTER_ACTION_PASS:
      return "Pass";
    case NP_CLUSTER_ACTION_NONE:
    default:
      return NULL;
    }
}

gboolean
np_cluster_action_allowed (NpClusterPolicyKind kind,
                           NpClusterAction     action)
{
  if (action == NP_CLUSTER_ACTION_NONE)
    return FALSE;
  /* v1alpha1's baseline is the last tier: nothing to pass to. */
  return action != NP_CLUSTER_ACTION_PASS || kind != NP_CLUSTER_POLICY_BANP;
}

gboolean
np_cluster_peer_allowed (NpClusterPolicyKind kind,
                         NpClusterDirection  direction,
                         NpClusterPeerKind   peer_kind)
{
  switch (peer_kind)
    {
    case NP_CLUSTER_PEER_NAMESPACES:
    case NP_CLUSTER_PEER_PODS:
      return TRUE;
    case NP_CLUSTER_PEER_NODES:
    case NP_CLUSTER_PEER_NETWORKS:
      /* Ingress peers are pods only: outside sources cannot be matched. */
      return direction == NP_CLUSTER_EGRESS;
    case NP_CLUSTER_PEER_DOMAIN_NAMES:
      return direction == NP_CLUSTER_EGRESS && kind != NP_CLUSTER_POLICY_BANP;
    case NP_CLUSTER_PEER_UNKNOWN:
    default:
      return FALSE;
    }
}

NpClusterPeerKind
np_cluster_peer_get_kind (const NpNode *peer)
{
  NpClusterPeerKind found = NP_CLUSTER_PEER_UNKNOWN;

  if (peer == NULL || np_node_get_kind (peer) != NP_NODE_MAPPING)
    return NP_CLUSTER_PEER_UNKNOWN;
  for (guint k = 0; k < G_N_ELEMENTS (peer_keys); k++)
    if (np_node_has_key (peer, peer_keys[k]))
      {
        /* A peer is one of these, exactly (the validator says so). */
        if (found != NP_CLUSTER_PEER_UNKNOWN)
          return NP_CLUSTER_PEER_UNKNOWN;
        found = k;
      }
  return found;
}

static char *
selector_text (const NpNode *node)
{
  g_autoptr(NpLabelSelector) selector = NULL;
  g_autofree char *text = NULL;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return g_strdup (_("(none)"));
  selector = np_cilium_selector_from_node (node);
  text = np_label_selector_to_string (selector);
  return g_strdup (*text != '\0' ? text : _("all"));
}

static char *
strings_text (const NpNode *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; list != NULL && np_node_get_kind (list) == NP_NODE_SEQUENCE && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);

      if (!np_node_is_string (item) && np_node_get_kind (item) != NP_NODE_SCALAR)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, np_node_get_text (item));
    }
  return g_string_free (out, FALSE);
}

char *
np_cluster_peer_describe (const NpNode *peer)
{
  NpClusterPeerKind kind = np_cluster_peer_get_kind (peer);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  NpNode *value;

  if (kind == NP_CLUSTER_PEER_UNKNOWN)
    return g_strdup (_("A peer the editor does not know"));
  value = np_node_lookup (peer, peer_keys[kind]);
  switch (kind)
    {
    case NP_CLUSTER_PEER_NAMESPACES:
      a = selector_text (value);
      return g_strdup_printf (_("Namespaces %s"), a);
    case NP_CLUSTER_PEER_PODS:
      a = selector_text (np_node_lookup (value, "podSelector"));
      b = np_node_has_key (value, "namespaceSelector") ? selector_text (np_node_lookup (value, "namespaceSelector"))
                                                        : g_strdup (_("all"));
      return g_strdup_printf (_("Pods %s in namespaces %s"), a, b);
    case NP_CLUSTER_PEER_NODES:
      a = selector_text (value);
      return g_strdup_printf (_("Nodes %s"), a);
    case NP_CLUSTER_PEER_NETWORKS:
      a = strings_text (value);
      return g_strdup_printf (_("Networks %s"), a);
    case NP_CLUSTER_PEER_DOMAIN_NAMES:
      a = strings_text (value);
      return g_strdup_printf (_("Domain names %s"), a);
    case NP_CLUSTER_PEER_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_port_number (const NpNode *node, guint *out)
{
  gint64 value;

  if (node == NULL || !np_node_get_int (node, &value) || value < 0 || value > 65535)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static NpClusterPort *
read_v1alpha1_port (const NpNode *item)
{
  NpClusterPort *port = g_new0 (NpClusterPort, 1);
  NpNode *value;

  if ((value = np_node_lookup (item, "portNumber")) != NULL)
    {
      const char *protocol = np_node_is_string (np_node_lookup (value, "protocol"))
                             ? np_node_get_text (np_node_lookup (value, "protocol")) : "TCP";

      port->protocol = g_ascii_strup (protocol, -1);
      if (read_port_number (np_node_lookup (value, "port"), &port->start))
        return port;
    }
  else if ((value = np_node_lookup (item, "portRange")) != NULL)
    {
      const char *protocol = np_node_is_string (np_node_lookup (value, "protocol"))
                             ? np_node_get_text (np_node_lookup (value, "protocol")) : "TCP";

      port->protocol = g_ascii_strup (protocol, -1);
      if (read_port_number (np_node_lookup (value, "start"), &port->start) &&
          read_port_number (np_node_lookup (value, "end"), &port->end))
        return port;
    }
  else if (np_node_is_string (value = np_node_lookup (item, "namedPort")))
    {
      port->name = g_strdup (np_node_get_text (value));
      return port;
    }
  np_cluster_port_free (port);
  return NULL;
}

static NpClusterPort *
read_v1alpha2_port (const NpNode *item)
{
  static const char * const protocols[] = { "tcp", "udp", "sctp" };
  NpNode *value;

  if (np_node_is_string (value = np_node_lookup (item, "destinationNamedPort")))
    {
      NpClusterPort *port = g_new0 (NpClusterPort, 1);

      port->name = g_strdup (np_node_get_text (value));
      return port;
    }
  for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
    if ((value = np_node_lookup (np_node_lookup (item, protocols[p]), "destinationPort")) != NULL)
      {
        NpClusterPort *port = g_new0 (NpClusterPort, 1);
        NpNode *range = np_node_lookup (value, "range");

        port->protocol = g_ascii_strup (protocols[p], -1);
        if (range != NULL ? read_port_number (np_node_lookup (range, "start"), &port->start) &&
                            read_port_number (np_node_lookup (range, "end"), &port->end)
                          : read_port_number (np_node_lookup (value, "number"), &port->start))
          return port;
        np_cluster_port_free (port);
        return NULL;
      }
  return NULL;
}

GPtrArray *
np_cluster_rule_get_ports (const NpClusterRule *rule,
                           NpClusterPolicyKind  kind)
{
  GPtrArray *ports = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cluster_port_free);

  g_return_val_if_fail (rule != NULL, ports);

  for (guint i = 0; rule->ports != NULL && i < np_node_get_n_items (rule->ports); i++)
    {
      NpNode *item = np_node_get_item (rule->ports, i);
      NpClusterPort *port = kind == NP_CLUSTER_POLICY_CNP ? read_v1alpha2_port (item) : read_v1alpha1_port (item);

      if (port != NULL)
        g_ptr_array_add (ports, port);
    }
  return ports;
}

char *
np_cluster_port_format (const NpClusterPort *port)
{
  g_return_val_if_fail (port != NULL, NULL);

  if (port->name != NULL)
    return g_strdup (port->name);
  if (port->end > 0)
    return g_strdup_printf ("%u-%u/%s", port->start, port->end, port->protocol);
  return g_strdup_printf ("%u/%s", port->start, port->protocol);
}

static gboolean
parse_number (const char *text, guint *out)
{
  char *end = NULL;
  guint64 value;

  if (text[0] == '\0' || !g_ascii_isdigit (text[0]))
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || value < 1 || value > 65535)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

NpClusterPort *
np_cluster_port_parse (const char  *text,
                       char       **message)
{
  g_autoptr(NpClusterPort) port = g_new0 (NpClusterPort, 1);
  g_autofree char *body = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *slash, *dash;

  g_return_val_if_fail (message != NULL, NULL);
  *message = NULL;

  slash = strchr (body, '/');
  if (slash != NULL)
    {
      *slash = '\0';
      port->protocol = g_ascii_strup (slash + 1, -1);
      if (!g_str_equal (port->protocol, "TCP") && !g_str_equal (port->protocol, "UDP") &&
          !g_str_equal (port->protocol, "SCTP"))
        {
          *message = g_strdup (_("The protocol must be TCP, UDP or SCTP."));
          return NULL;
        }
    }
  else
    port->protocol = g_strdup ("TCP");

  if (body[0] == '\0')
    {
      *message = g_strdup (_("Type a port (80), a range (1000-2000) or a port name (http), optionally with /TCP, /UDP or /SCTP."));
      return NULL;
    }
  if (g_ascii_isdigit (body[0]))
    {
      dash = strchr (body, '-');
      if (dash != NULL)
        *dash = '\0';
      if (!parse_number (body, &port->start) || (dash != NULL && !parse_number (dash + 1, &port->end)))
        {
          *message = g_strdup (_("A port is a number from 1 to 65535."));
          return NULL;
        }
      if (dash != NULL && port->end <= port->start)
        {
          *message = g_strdup (_("A port range must start below its end."));
          return NULL;
        }
      return g_steal_pointer (&port);
    }
  /* A named port: an IANA_SVC_NAME, at most 15 characters of a-z, 0-9
   * and '-', with a letter. */
  if (slash != NULL)
    {
      *message = g_strdup (_("A named port takes its protocol from the pod: leave out the /protocol."));
      return NULL;
    }
  if (strlen (body) > 15 || strspn (body, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (body) ||
      body[0] == '-' || body[strlen (body) - 1] == '-')
    {
      *message = g_strdup (_("A port name has at most 15 lower-case letters, digits and dashes."));
      return NULL;
    }
  g_clear_pointer (&port->protocol, g_free);
  port->name = g_strdup (body);
  return g_steal_pointer (&port);
}

gboolean
np_cluster_check_peer_value (NpClusterPeerKind   peer_kind,
                             const char         *text,
                             char              **message)
{
  g_return_val_if_fail (message != NULL, FALSE);
  *message = NULL;

  if (text == NULL || *text == '\0')
    {
      *message = g_strdup (_("Type at least one value."));
      return FALSE;
    }
  if (peer_kind == NP_CLUSTER_PEER_NETWORKS)
    {
      g_autoptr(GInetAddressMask) mask = NULL;

      if (strchr (text, '/') == NULL || (mask = g_inet_address_mask_new_from_string (text, NULL)) == NULL)
        {
          *message = g_strdup_printf (_("“%s” is no CIDR: write an address and a prefix length, as 10.0.0.0/8."), text);
          return FALSE;
        }
      return TRUE;
    }
  if (peer_kind == NP_CLUSTER_PEER_DOMAIN_NAMES)
    {
      /* The DomainName pattern of cluster-policies.md §2.3, copied as
       * upstream writes it (A-z included). */
      static const char pattern[] =
        "^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$";

      if (!g_regex_match_simple (pattern, text, 0, 0))
        {
          *message = g_strdup_printf (_("“%s” is no domain name: write at least two labels, as example.com or *.example.com."), text);
          return FALSE;
        }
      return TRUE;
    }
  return TRUE;
}

NpLabelSelector *
np_cluster_selector_from_node (const NpNode *node)
{
  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return np_label_selector_new ();
  return np_cilium_selector_from_node (node);
}

/* Tree helpers */

static NpNode *
ensure_mapping (NpNode *mapping, const char *key)
{
  return np_cilium_ensure_mapping (mapping, key);
}

static NpNode *
spec_of (NpClusterPolicy *policy)
{
  return ensure_mapping (np_cluster_policy_get_node (policy), "spec");
}

static const char *
rules_key (NpClusterDirection direction)
{
  return direction == NP_CLUSTER_INGRESS ? "ingress" : "egress";
}

/* The rule's own mapping, writable (the view's pointer is const). */
static NpNode *
rule_node (NpClusterPolicy *policy, NpClusterDirection direction, guint index)
{
  NpNode *list = np_node_lookup (np_node_lookup (np_cluster_policy_get_node (policy), "spec"),
                                 rules_key (direction));

  if (list == NULL || np_node_get_kind (list) != NP_NODE_SEQUENCE || index >= np_node_get_n_items (list))
    return NULL;
  return np_node_get_item (list, index);
}

static NpNode *
ensure_sequence (NpNode *mapping, const char *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  if (value == NULL || np_node_get_kind (value) != NP_NODE_SEQUENCE)
    {
      value = np_node_new_sequence ();
      np_node_set (mapping, key, value);
    }
  return value;
}

static NpNode *
selector_node (NpLabelSelector *selector)
{
  return selector != NULL ? np_cilium_selector_to_node (selector) : np_node_new_mapping ();
}

#define RULE_OR_RETURN(node, policy, direction, index)                           \
  G_STMT_START {                                                                 \
    g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));                            \
    node = rule_node (policy, direction, index);                                 \
    g_return_if_fail (node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING); \
  } G_STMT_END

void
np_cluster_edit_set_name (NpClusterPolicy *policy,
                          const char      *name)
{
  NpNode *metadata;

  g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));

  if (g_strcmp0 (np_cluster_policy_get_name (policy), name) == 0)
    return;
  metadata = ensure_mapping (np_cluster_policy_get_node (policy), "metadata");
  np_cilium_set_string (metadata, "name", name != NULL && *name != '\0' ? name : NULL);
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_set_priority (NpClusterPolicy *policy,
                              gint64           priority)
{
  gint64 old;

  g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));
  g_return_if_fail (np_cluster_policy_get_kind (policy) != NP_CLUSTER_POLICY_BANP);
  g_return_if_fail (priority >= 0 && priority <= 1000);

  if (np_cluster_policy_get_priority (policy, &old) && old == priority)
    return;
  np_node_set (spec_of (policy), "priority", np_node_new_int (priority));
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_set_tier (NpClusterPolicy *policy,
                          const char      *tier)
{
  g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));
  g_return_if_fail (np_cluster_policy_get_kind (policy) == NP_CLUSTER_POLICY_CNP);
  g_return_if_fail (g_strcmp0 (tier, "Admin") == 0 || g_strcmp0 (tier, "Baseline") == 0);

  if (g_strcmp0 (np_cluster_policy_get_tier (policy), tier) == 0)
    return;
  np_node_set (spec_of (policy), "tier", np_node_new_string (tier));
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_set_subject (NpClusterPolicy      *policy,
                             NpClusterSubjectKind  kind,
                             NpLabelSelector      *namespaces,
                             NpLabelSelector      *pods)
{
  g_autoptr(NpNode) before = NULL;
  NpNode *spec, *subject, *value;

  g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));
  g_return_if_fail (kind == NP_CLUSTER_SUBJECT_NAMESPACES || kind == NP_CLUSTER_SUBJECT_PODS);

  spec = spec_of (policy);
  before = np_node_copy (np_node_lookup (spec, "subject") ? np_node_lookup (spec, "subject") : spec);
  subject = ensure_mapping (spec, "subject");
  if (kind == NP_CLUSTER_SUBJECT_NAMESPACES)
    {
      np_node_remove (subject, "pods");
      value = ensure_mapping (subject, "namespaces");
      if (namespaces != NULL)
        np_cilium_selector_apply (value, namespaces);
      else
        np_node_set (subject, "namespaces", np_node_new_mapping ());
    }
  else
    {
      np_node_remove (subject, "namespaces");
      value = ensure_mapping (subject, "pods");
      np_node_set (value, "namespaceSelector", selector_node (namespaces));
      np_node_set (value, "podSelector", selector_node (pods));
    }
  if (np_node_equal (before, subject))
    return;
  np_cluster_policy_edited (policy);
}

guint
np_cluster_edit_add_rule (NpClusterPolicy    *policy,
                          NpClusterDirection  direction,
                          NpClusterAction     action,
                          const char         *name)
{
  NpClusterPolicyKind kind;
  NpNode *list, *rule;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (policy), 0);
  kind = np_cluster_policy_get_kind (policy);
  g_return_val_if_fail (np_cluster_action_allowed (kind, action), 0);

  list = ensure_sequence (spec_of (policy), rules_key (direction));
  rule = np_node_new_mapping ();
  if (name != NULL && *name != '\0')
    np_node_set (rule, "name", np_node_new_string (name));
  np_node_set (rule, "action", np_node_new_string (np_cluster_action_to_string (kind, action)));
  np_node_set (rule, direction == NP_CLUSTER_INGRESS ? "from" : "to", np_node_new_sequence ());
  np_node_append (list, rule);
  np_cluster_policy_edited (policy);
  return np_node_get_n_items (list) - 1;
}

void
np_cluster_edit_remove_rule (NpClusterPolicy    *policy,
                             NpClusterDirection  direction,
                             guint               index)
{
  NpNode *spec, *list;

  g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));

  spec = np_node_lookup (np_cluster_policy_get_node (policy), "spec");
  list = np_node_lookup (spec, rules_key (direction));
  g_return_if_fail (list != NULL && np_node_get_kind (list) == NP_NODE_SEQUENCE &&
                    index < np_node_get_n_items (list));
  np_node_remove_item (list, index);
  /* No rules left: the direction goes too, as a new policy has it. */
  if (np_node_get_n_items (list) == 0)
    np_node_remove (spec, rules_key (direction));
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_set_rule_name (NpClusterPolicy    *policy,
                               NpClusterDirection  direction,
                               guint               index,
                               const char         *name)
{
  NpNode *rule;
  NpNode *old;

  RULE_OR_RETURN (rule, policy, direction, index);
  if (name != NULL && *name == '\0')
    name = NULL;
  old = np_node_lookup (rule, "name");
  if (g_strcmp0 (old != NULL && np_node_is_string (old) ? np_node_get_text (old) : NULL, name) == 0 &&
      (name != NULL || old == NULL))
    return;
  if (name == NULL)
    np_node_remove (rule, "name");
  else if (old != NULL)
    np_node_set (rule, "name", np_node_new_string (name));
  else
    {
      /* A new name goes first, where upstream's examples put it. */
      g_autoptr(NpNode) copy = np_node_copy (rule);
      NpNode *fresh = np_node_new_mapping ();

      np_node_set (fresh, "name", np_node_new_string (name));
      for (guint i = 0; i < np_node_get_n_pairs (copy); i++)
        np_node_insert (fresh, np_node_copy (np_node_get_key_node (copy, i)), np_node_copy (np_node_get_value (copy, i)));
      np_node_replace_item (np_node_lookup (np_node_lookup (np_cluster_policy_get_node (policy), "spec"),
                                            rules_key (direction)), index, fresh);
    }
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_set_rule_action (NpClusterPolicy    *policy,
                                 NpClusterDirection  direction,
                                 guint               index,
                                 NpClusterAction     action)
{
  NpClusterPolicyKind kind;
  const char *word;
  NpNode *rule, *old;

  RULE_OR_RETURN (rule, policy, direction, index);
  kind = np_cluster_policy_get_kind (policy);
  g_return_if_fail (np_cluster_action_allowed (kind, action));

  word = np_cluster_action_to_string (kind, action);
  old = np_node_lookup (rule, "action");
  if (old != NULL && np_node_is_string (old) && g_str_equal (np_node_get_text (old), word))
    return;
  np_node_set (rule, "action", np_node_new_string (word));
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_move_rule (NpClusterPolicy    *policy,
                           NpClusterDirection  direction,
                           guint               from,
                           guint               to)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  NpNode *list;
  gpointer moving;
  guint n;

  g_return_if_fail (NP_IS_CLUSTER_POLICY (policy));

  list = np_node_lookup (np_node_lookup (np_cluster_policy_get_node (policy), "spec"), rules_key (direction));
  g_return_if_fail (list != NULL && np_node_get_kind (list) == NP_NODE_SEQUENCE);
  n = np_node_get_n_items (list);
  g_return_if_fail (from < n && to < n);
  if (from == to)
    return;

  /* The sequence has no insert: take the items out and put them back in
   * the new order (the same nodes, so their contents stay as written). */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, np_node_ref (np_node_get_item (list, i)));
  moving = g_ptr_array_steal_index (items, from);
  g_ptr_array_insert (items, to, moving);
  for (guint i = n; i > 0; i--)
    np_node_remove_item (list, i - 1);
  for (guint i = 0; i < n; i++)
    np_node_append (list, np_node_ref (g_ptr_array_index (items, i)));
  np_cluster_policy_edited (policy);
}

static void
add_peer (NpClusterPolicy *policy, NpClusterDirection direction, guint index, NpNode *rule, NpNode *peer)
{
  np_node_append (ensure_sequence (rule, direction == NP_CLUSTER_INGRESS ? "from" : "to"), peer);
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_add_selector_peer (NpClusterPolicy    *policy,
                                   NpClusterDirection  direction,
                                   guint               index,
                                   NpClusterPeerKind   peer_kind,
                                   NpLabelSelector    *namespaces,
                                   NpLabelSelector    *pods)
{
  NpNode *rule, *peer;

  RULE_OR_RETURN (rule, policy, direction, index);
  g_return_if_fail (peer_kind == NP_CLUSTER_PEER_NAMESPACES || peer_kind == NP_CLUSTER_PEER_PODS ||
                    peer_kind == NP_CLUSTER_PEER_NODES);
  g_return_if_fail (np_cluster_peer_allowed (np_cluster_policy_get_kind (policy), direction, peer_kind));

  peer = np_node_new_mapping ();
  if (peer_kind == NP_CLUSTER_PEER_PODS)
    {
      NpNode *pods_node = np_node_new_mapping ();

      np_node_set (pods_node, "namespaceSelector", selector_node (namespaces));
      np_node_set (pods_node, "podSelector", selector_node (pods));
      np_node_set (peer, "pods", pods_node);
    }
  else
    np_node_set (peer, peer_keys[peer_kind], selector_node (namespaces));
  add_peer (policy, direction, index, rule, peer);
}

void
np_cluster_edit_add_list_peer (NpClusterPolicy    *policy,
                               NpClusterDirection  direction,
                               guint               index,
                               NpClusterPeerKind   peer_kind,
                               const char * const *values)
{
  NpNode *rule, *peer, *list;

  RULE_OR_RETURN (rule, policy, direction, index);
  g_return_if_fail (peer_kind == NP_CLUSTER_PEER_NETWORKS || peer_kind == NP_CLUSTER_PEER_DOMAIN_NAMES);
  g_return_if_fail (np_cluster_peer_allowed (np_cluster_policy_get_kind (policy), direction, peer_kind));
  g_return_if_fail (values != NULL && values[0] != NULL);

  peer = np_node_new_mapping ();
  list = np_node_new_sequence ();
  for (guint i = 0; values[i] != NULL; i++)
    np_node_append (list, np_node_new_string (values[i]));
  np_node_set (peer, peer_keys[peer_kind], list);
  add_peer (policy, direction, index, rule, peer);
}

void
np_cluster_edit_remove_peer (NpClusterPolicy    *policy,
                             NpClusterDirection  direction,
                             guint               index,
                             guint               peer)
{
  NpNode *rule, *list;

  RULE_OR_RETURN (rule, policy, direction, index);
  list = np_node_lookup (rule, direction == NP_CLUSTER_INGRESS ? "from" : "to");
  g_return_if_fail (list != NULL && np_node_get_kind (list) == NP_NODE_SEQUENCE &&
                    peer < np_node_get_n_items (list));
  np_node_remove_item (list, peer);
  np_cluster_policy_edited (policy);
}

static NpNode *
port_node (NpClusterPolicyKind kind, const NpClusterPort *port)
{
  NpNode *item = np_node_new_mapping ();
  NpNode *value = np_node_new_mapping ();
  const char *protocol = port->protocol != NULL ? port->protocol : "TCP";

  if (kind == NP_CLUSTER_POLICY_CNP)
    {
      g_autofree char *lower = g_ascii_strdown (protocol, -1);
      NpNode *destination;

      if (port->name != NULL)
        {
          np_node_unref (value);
          np_node_set (item, "destinationNamedPort", np_node_new_string (port->name));
          return item;
        }
      destination = np_node_new_mapping ();
      if (port->end > 0)
        {
          NpNode *range = np_node_new_mapping ();

          np_node_set (range, "start", np_node_new_int (port->start));
          np_node_set (range, "end", np_node_new_int (port->end));
          np_node_set (destination, "range", range);
        }
      else
        np_node_set (destination, "number", np_node_new_int (port->start));
      np_node_set (value, "destinationPort", destination);
      np_node_set (item, lower, value);
      return item;
    }

  if (port->name != NULL)
    {
      np_node_unref (value);
      np_node_set (item, "namedPort", np_node_new_string (port->name));
      return item;
    }
  np_node_set (value, "protocol", np_node_new_string (protocol));
  if (port->end > 0)
    {
      np_node_set (value, "start", np_node_new_int (port->start));
      np_node_set (value, "end", np_node_new_int (port->end));
      np_node_set (item, "portRange", value);
    }
  else
    {
      np_node_set (value, "port", np_node_new_int (port->start));
      np_node_set (item, "portNumber", value);
    }
  return item;
}

void
np_cluster_edit_add_port (NpClusterPolicy     *policy,
                          NpClusterDirection   direction,
                          guint                index,
                          const NpClusterPort *port)
{
  NpClusterPolicyKind kind;
  NpNode *rule;

  RULE_OR_RETURN (rule, policy, direction, index);
  g_return_if_fail (port != NULL);
  g_return_if_fail (port->name != NULL || (port->start >= 1 && port->start <= 65535 &&
                                           (port->end == 0 || (port->end > port->start && port->end <= 65535))));

  kind = np_cluster_policy_get_kind (policy);
  np_node_append (ensure_sequence (rule, kind == NP_CLUSTER_POLICY_CNP ? "protocols" : "ports"),
                  port_node (kind, port));
  np_cluster_policy_edited (policy);
}

void
np_cluster_edit_remove_port (NpClusterPolicy    *policy,
                             NpClusterDirection  direction,
                             guint               index,
                             guint               port)
{
  const char *key;
  NpNode *rule, *list;

  RULE_OR_RETURN (rule, policy, direction, index);
  key = np_cluster_policy_get_kind (policy) == NP_CLUSTER_POLICY_CNP ? "protocols" : "ports";
  list = np_node_lookup (rule, key);
  g_return_if_fail (list != NULL && np_node_get_kind (list) == NP_NODE_SEQUENCE &&
                    port < np_node_get_n_items (list));
  np_node_remove_item (list, port);
  /* An empty list is invalid (minItems 1) and means the same as none. */
  if (np_node_get_n_items (list) == 0)
    np_node_remove (rule, key);
  np_cluster_policy_edited (policy);
}
