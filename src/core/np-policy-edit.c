/* np-policy-edit.c: edits at the level a person thinks of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

static gboolean
selector_is_label (NpLabelSelector *selector, const char *key, const char *value)
{
  return selector != NULL &&
         g_list_model_get_n_items (np_label_selector_get_requirements (selector)) == 1 &&
         g_strcmp0 (np_label_selector_get_label (selector, key), value) == 0;
}

gboolean
np_rule_is_dns_rule (NpPolicyRule *rule)
{
  GListModel *peers = np_policy_rule_get_peers (rule);
  GListModel *ports = np_policy_rule_get_ports (rule);
  g_autoptr(NpPolicyPeer) peer = NULL;
  /* UDP 53 makes it a DNS rule; TCP 53 beside it is usual, not required. */
  gboolean udp = FALSE;

  g_return_val_if_fail (NP_IS_POLICY_RULE (rule), FALSE);

  if (np_policy_rule_get_direction (rule) != NP_DIRECTION_EGRESS ||
      g_list_model_get_n_items (peers) != 1 || g_list_model_get_n_items (ports) == 0)
    return FALSE;
  peer = g_list_model_get_item (peers, 0);
  if (np_policy_peer_get_ip_block (peer) != NULL ||
      !selector_is_label (np_policy_peer_get_pod_selector (peer), "k8s-app", "kube-dns") ||
      !selector_is_label (np_policy_peer_get_namespace_selector (peer), "kubernetes.io/metadata.name", "kube-system"))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (ports); i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);
      const char *protocol = np_policy_port_get_effective_protocol (port);

      if (np_policy_port_get_port_kind (port) != NP_PORT_KIND_NUMBER ||
          np_policy_port_get_port_number (port) != 53 || np_policy_port_get_has_end_port (port))
        return FALSE;
      udp |= g_str_equal (protocol, "UDP");
    }
  return udp;
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

void
np_policy_set_dns_allowed (NpPolicy *policy,
                           gboolean  allowed)
{
  GListStore *rules;

  g_return_if_fail (NP_IS_POLICY (policy));

  if (allowed == np_policy_get_dns_allowed (policy))
    return;

  rules = G_LIST_STORE (np_policy_get_egress (policy));
  np_policy_begin_change (policy);
  if (allowed)
    {
      g_autoptr(NpPolicyRule) rule = np_policy_rule_new (NP_DIRECTION_EGRESS);
      g_autoptr(NpPolicyPeer) peer = np_policy_peer_new ();
      g_autoptr(NpLabelSelector) pods = np_label_selector_new ();
      g_autoptr(NpLabelSelector) namespaces = np_label_selector_new ();
      g_autoptr(NpPolicyPort) udp = np_policy_port_new_number ("UDP", 53);
      g_autoptr(NpPolicyPort) tcp = np_policy_port_new_number ("TCP", 53);

      np_label_selector_set_label (namespaces, "kubernetes.io/metadata.name", "kube-system");
      np_label_selector_set_label (pods, "k8s-app", "kube-dns");
      np_policy_peer_set_namespace_selector (peer, namespaces);
      np_policy_peer_set_pod_selector (peer, pods);
      np_policy_rule_add_peer (rule, peer);
      np_policy_rule_add_port (rule, udp);
      np_policy_rule_add_port (rule, tcp);
      g_list_store_append (rules, rule);
    }
  else
    {
      for (guint i = g_list_model_get_n_items (G_LIST_MODEL (rules)); i > 0; i--)
        {
          g_autoptr(NpPolicyRule) rule = g_list_model_get_item (G_LIST_MODEL (rules), i - 1);

          if (np_rule_is_dns_rule (rule))
            g_list_store_remove (rules, i - 1);
        }
    }
  np_policy_end_change (policy);
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
