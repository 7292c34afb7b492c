/* np-policy-edit.c: edits at the level a person thinks of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-ip-block.h"
#include "np-label-selector.h"
#include "np-policy-edit.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"

gboolean
np_policy_get_isolated (NpPolicy    *policy,
                        NpDirection  direction)
{
  return np_policy_affects (policy, direction);
}

gboolean
np_policy_set_isolated (NpPolicy    *policy,
                        NpDirection  direction,
                        gboolean     isolated)
{
  gboolean ingress, egress;
  const char *types[3] = { NULL, NULL, NULL };
  guint n = 0;

  g_return_val_if_fail (NP_IS_POLICY (policy), FALSE);

  ingress = np_policy_affects (policy, NP_DIRECTION_INGRESS);
  egress = np_policy_affects (policy, NP_DIRECTION_EGRESS);
  if (direction == NP_DIRECTION_INGRESS)
    ingress = isolated;
  else
    egress = isolated;
  if (!ingress && !egress)
    return FALSE;

  if (ingress)
    types[n++] = "Ingress";
  if (egress)
    types[n++] = "Egress";
  np_policy_set_policy_types (policy, types);
  return TRUE;
}

/* Whether @port is @protocol on port 53 and nothing more. */
static gboolean
port_is_dns (NpPolicyPort *port,
             const char   *protocol)
{
  return np_policy_port_get_port_kind (port) == NP_PORT_KIND_NUMBER &&
         np_policy_port_get_port_number (port) == 53 && !np_policy_port_get_has_end_port (port) &&
         g_strcmp0 (np_policy_port_get_effective_protocol (port), protocol) == 0;
}

gboolean
np_rule_is_dns_rule (NpPolicyRule *rule)
{
  GListModel *peers;
  GListModel *ports;
  g_autoptr(NpPolicyPeer) peer = NULL;
  g_autoptr(NpPolicyPort) first = NULL;
  g_autoptr(NpPolicyPort) second = NULL;

  g_return_val_if_fail (NP_IS_POLICY_RULE (rule), FALSE);

  /* Only the rule the switch writes, exactly: the switch can put back
   * nothing else, so a rule with other ports, one protocol or more peers
   * stays a rule of its own (with its own remove button). */
  peers = np_policy_rule_get_peers (rule);
  ports = np_policy_rule_get_ports (rule);
  if (np_policy_rule_get_direction (rule) != NP_DIRECTION_EGRESS ||
      g_list_model_get_n_items (peers) != 1 || g_list_model_get_n_items (ports) != 2)
    return FALSE;
  peer = g_list_model_get_item (peers, 0);
  if (!np_peer_is_kube_dns (peer))
    return FALSE;
  first = g_list_model_get_item (ports, 0);
  second = g_list_model_get_item (ports, 1);
  return (port_is_dns (first, "UDP") && port_is_dns (second, "TCP")) ||
         (port_is_dns (first, "TCP") && port_is_dns (second, "UDP"));
}

gboolean
np_policy_get_dns_allowed (NpPolicy *policy)
{
  GListModel *rules = np_policy_get_egress (policy);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);

      if (np_rule_is_dns_rule (rule))
        return TRUE;
    }
  return FALSE;
}

char *
np_policy_remove_dns_rules (NpPolicy *policy)
{
  GListStore *rules;
  g_autoptr(GString) numbers = g_string_new (NULL);
  guint n_removed = 0;
  guint n;

  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  rules = G_LIST_STORE (np_policy_get_egress (policy));
  n = g_list_model_get_n_items (G_LIST_MODEL (rules));
  /* The numbers the person saw, counted before any is removed. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (G_LIST_MODEL (rules), i);

      if (!np_rule_is_dns_rule (rule))
        continue;
      if (numbers->len > 0)
        g_string_append (numbers, ", ");
      g_string_append_printf (numbers, "%u", i + 1);
      n_removed++;
    }
  if (n_removed == 0)
    return NULL;

  np_policy_begin_change (policy);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (G_LIST_MODEL (rules), i - 1);

      if (np_rule_is_dns_rule (rule))
        g_list_store_remove (rules, i - 1);
    }
  np_policy_end_change (policy);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Removed egress rule %s: to kube-dns in kube-system on UDP and TCP 53. Undo brings it back.",
                                       "Removed egress rules %s: to kube-dns in kube-system on UDP and TCP 53. Undo brings them back.",
                                       n_removed),
                          numbers->str);
}

void
np_policy_set_dns_allowed (NpPolicy *policy,
                           gboolean  allowed)
{
  g_return_if_fail (NP_IS_POLICY (policy));

  if (allowed == np_policy_get_dns_allowed (policy))
    return;

  if (allowed)
    {
      GListStore *rules = G_LIST_STORE (np_policy_get_egress (policy));
      g_autoptr(NpPolicyRule) rule = np_policy_rule_new (NP_DIRECTION_EGRESS);
      g_autoptr(NpPolicyPeer) peer = np_policy_peer_new ();
      g_autoptr(NpLabelSelector) namespaces = NULL;
      g_autoptr(NpLabelSelector) pods = np_kube_dns_selector_new (&namespaces);
      g_autoptr(NpPolicyPort) udp = np_policy_port_new_number ("UDP", 53);
      g_autoptr(NpPolicyPort) tcp = np_policy_port_new_number ("TCP", 53);

      np_policy_peer_set_namespace_selector (peer, namespaces);
      np_policy_peer_set_pod_selector (peer, pods);
      np_policy_rule_add_peer (rule, peer);
      np_policy_rule_add_port (rule, udp);
      np_policy_rule_add_port (rule, tcp);
      np_policy_begin_change (policy);
      g_list_store_append (rules, rule);
      np_policy_end_change (policy);
    }
  else
    g_free (np_policy_remove_dns_rules (policy));
}

NpPolicyRule *
np_policy_rule_new_for_group (NpDirection direction,
                              NpPeerGroup group)
{
  NpPolicyRule *rule = np_policy_rule_new (direction);
  g_autoptr(NpPolicyPeer) peer = np_policy_peer_new ();

  switch (group)
    {
    case NP_PEER_GROUP_OUTSIDE:
      {
        g_autoptr(NpIpBlock) block = np_ip_block_new ("0.0.0.0/0", NULL);

        np_policy_peer_set_ip_block (peer, block);
      }
      break;
    case NP_PEER_GROUP_NAMESPACE:
      {
        g_autoptr(NpLabelSelector) pods = np_label_selector_new ();

        np_policy_peer_set_pod_selector (peer, pods);
      }
      break;
    case NP_PEER_GROUP_CLUSTER:
    default:
      {
        g_autoptr(NpLabelSelector) namespaces = np_label_selector_new ();

        np_policy_peer_set_namespace_selector (peer, namespaces);
      }
      break;
    }
  np_policy_rule_add_peer (rule, peer);
  return rule;
}
