/* np-describe.c: policies in plain words, and the canvas's view of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-describe.h"
#include "np-ip-block.h"
#include "np-label-selector.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"

#define NAMESPACE_NAME_LABEL "kubernetes.io/metadata.name"

/* "app=web and tier in (api, web)" */
static char *
selector_words (NpLabelSelector *selector)
{
  GListModel *terms = np_label_selector_get_requirements (selector);
  guint n = g_list_model_get_n_items (terms);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      g_autofree char *text = np_selector_requirement_to_string (term);

      if (i > 0)
        g_string_append (out, i + 1 == n ? _(" and ") : ", ");
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

char *
np_describe_peer (NpPolicyPeer *peer)
{
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (peer);
  NpIpBlock *block = np_policy_peer_get_ip_block (peer);
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;

  g_return_val_if_fail (NP_IS_POLICY_PEER (peer), NULL);

  if (block != NULL)
    {
      const char * const *except = np_ip_block_get_except (block);
      const char *cidr = np_ip_block_get_cidr (block);

      if (except != NULL && except[0] != NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) except);
          /* Translators: the first %s is a CIDR such as “10.0.0.0/8”, the second a list of CIDRs; this describes a peer of a network rule. */
          return g_strdup_printf (_("addresses in %s except %s"), cidr ? cidr : "?", list);
        }
      return g_strdup_printf (_("addresses in %s"), cidr ? cidr : "?");
    }

  if (pods == NULL && namespaces == NULL)
    return g_strdup (_("nothing (an empty peer)"));

  if (pods == NULL || np_label_selector_is_empty (pods))
    who = g_strdup (_("any pod"));
  else
    {
      g_autofree char *words = selector_words (pods);
      /* Translators: %s is a list of label terms such as “app=web and tier in (api, web)”. This phrase is followed by a phrase such as “in this namespace”, and may follow “Ingress traffic from ”. */
      who = g_strdup_printf (_("pods labelled %s"), words);
    }

  if (namespaces == NULL)
    where = g_strdup (_("in this namespace"));
  else if (np_label_selector_is_empty (namespaces))
    where = g_strdup (_("in any namespace"));
  else
    {
      const char *name = np_label_selector_get_label (namespaces, NAMESPACE_NAME_LABEL);

      if (name != NULL && g_list_model_get_n_items (np_label_selector_get_requirements (namespaces)) == 1)
        where = g_strdup_printf (_("in the namespace %s"), name);
      else
        {
          g_autofree char *words = selector_words (namespaces);
          /* Translators: %s is a list of label terms such as “team=web”. */
          where = g_strdup_printf (_("in namespaces labelled %s"), words);
        }
    }
  /* Translators: describes a peer: the first %s says which pods (“pods labelled app=web”), the second where (“in this namespace”). */
  return g_strdup_printf (_("%s %s"), who, where);
}

static char *
port_words (NpPolicyPort *port)
{
  const char *protocol = np_policy_port_get_effective_protocol (port);

  switch (np_policy_port_get_port_kind (port))
    {
    case NP_PORT_KIND_NUMBER:
      if (np_policy_port_get_has_end_port (port))
        return g_strdup_printf ("%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, protocol,
                                np_policy_port_get_port_number (port), np_policy_port_get_end_port (port));
      return g_strdup_printf ("%s %" G_GINT64_FORMAT, protocol, np_policy_port_get_port_number (port));
    case NP_PORT_KIND_NAME:
      /* Translators: the first %s is a protocol (TCP, UDP or SCTP), the second a port name such as “http”. This follows “on ”. */
      return g_strdup_printf (_("the %s port named %s"), protocol, np_policy_port_get_port_name (port));
    case NP_PORT_KIND_NONE:
    default:
      /* Translators: %s is a protocol (TCP, UDP or SCTP). This follows “on ”. */
      return g_strdup_printf (_("any %s port"), protocol);
    }
}

char *
np_describe_ports (GListModel *ports)
{
  guint n = g_list_model_get_n_items (ports);
  GString *out;

  if (n == 0)
    return g_strdup (_("on any port"));

  /* Translators: begins a list of ports, such as “on TCP 80 and the UDP port named dns”; “ and ” joins the last two. */
  out = g_string_new (_("on "));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);
      g_autofree char *words = port_words (port);

      if (i > 0)
        g_string_append (out, i + 1 == n ? _(" and ") : ", ");
      g_string_append (out, words);
    }
  return g_string_free (out, FALSE);
}

char *
np_describe_rule (NpPolicy     *policy,
                  NpPolicyRule *rule)
{
  gboolean ingress = np_policy_rule_get_direction (rule) == NP_DIRECTION_INGRESS;
  GListModel *peers = np_policy_rule_get_peers (rule);
  guint n = g_list_model_get_n_items (peers);
  g_autofree char *ports = np_describe_ports (np_policy_rule_get_ports (rule));
  /* Translators: a rule in words: “Ingress traffic from ” + the peers (such as “pods labelled app=web in this namespace”, joined with “, ” and “ or ”) + “ ” + the ports (such as “on TCP 80”) + “ will be allowed.” or “ is ignored: …”. */
  GString *out = g_string_new (ingress ? _("Ingress traffic from ") : _("Egress traffic to "));

  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  if (n == 0)
    g_string_append (out, ingress ? _("any source") : _("any destination"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
      g_autofree char *words = np_describe_peer (peer);

      if (i > 0)
        g_string_append (out, i + 1 == n ? _(" or ") : ", ");
      g_string_append (out, words);
    }
  g_string_append_printf (out, " %s", ports);

  if (np_rule_get_verdict (policy, rule) == NP_RULE_EFFECT_IGNORED)
    /* Translators: %s is “Ingress” or “Egress”, a value of policyTypes (not translated). */
    g_string_append_printf (out, _(" is ignored: the policy's policyTypes leave %s out."),
                            ingress ? "Ingress" : "Egress");
  else
    g_string_append (out, _(" will be allowed."));
  return g_string_free (out, FALSE);
}

NpPeerGroup
np_peer_get_group (NpPolicyPeer *peer)
{
  g_return_val_if_fail (NP_IS_POLICY_PEER (peer), NP_PEER_GROUP_OUTSIDE);

  if (np_policy_peer_get_ip_block (peer) != NULL)
    return NP_PEER_GROUP_OUTSIDE;
  if (np_policy_peer_get_namespace_selector (peer) != NULL)
    return NP_PEER_GROUP_CLUSTER;
  return NP_PEER_GROUP_NAMESPACE;
}

const char *
np_peer_group_get_title (NpPeerGroup group)
{
  switch (group)
    {
    case NP_PEER_GROUP_OUTSIDE:
      return _("Outside cluster");
    case NP_PEER_GROUP_NAMESPACE:
      return _("In namespace");
    case NP_PEER_GROUP_CLUSTER:
    default:
      return _("In cluster");
    }
}

/* Cilium writes the pod's namespace as a label of the endpoint. */
#define CILIUM_NAMESPACE_LABEL "io.kubernetes.pod.namespace"
#define KUBE_DNS_APP_KEY       "k8s-app"
#define KUBE_DNS_APP           "kube-dns"
#define KUBE_DNS_NAMESPACE     "kube-system"

NpKubeDnsMatch
np_selector_match_kube_dns (NpLabelSelector *pods,
                            NpLabelSelector *namespaces)
{
  const char *app, *ns = NULL;
  guint n;

  g_return_val_if_fail (pods == NULL || NP_IS_LABEL_SELECTOR (pods), NP_KUBE_DNS_NONE);
  g_return_val_if_fail (namespaces == NULL || NP_IS_LABEL_SELECTOR (namespaces), NP_KUBE_DNS_NONE);

  if (pods == NULL)
    return NP_KUBE_DNS_NONE;
  app = np_label_selector_get_label (pods, KUBE_DNS_APP_KEY);
  if (app == NULL)
    app = np_label_selector_get_label (pods, "k8s:" KUBE_DNS_APP_KEY);
  if (g_strcmp0 (app, KUBE_DNS_APP) != 0)
    return NP_KUBE_DNS_NONE;

  /* The namespace: a namespaceSelector (Kubernetes), or a label of the
   * endpoint itself (Cilium, with or without its "k8s:" source). */
  if (namespaces != NULL)
    ns = np_label_selector_get_label (namespaces, NAMESPACE_NAME_LABEL);
  else if ((ns = np_label_selector_get_label (pods, "k8s:" CILIUM_NAMESPACE_LABEL)) == NULL)
    ns = np_label_selector_get_label (pods, CILIUM_NAMESPACE_LABEL);
  if (ns != NULL && !g_str_equal (ns, KUBE_DNS_NAMESPACE))
    return NP_KUBE_DNS_NONE;
  if (ns == NULL)
    return NP_KUBE_DNS_WITHIN;

  /* The terms of a selector all hold at once: any other term only narrows
   * the selection (kube-dns pods still, but not the editor's own rule). */
  n = g_list_model_get_n_items (np_label_selector_get_requirements (pods));
  if (namespaces != NULL)
    return n == 1 && g_list_model_get_n_items (np_label_selector_get_requirements (namespaces)) == 1
           ? NP_KUBE_DNS_EXACT : NP_KUBE_DNS_WITHIN;
  return n == 2 ? NP_KUBE_DNS_EXACT : NP_KUBE_DNS_WITHIN;
}

gboolean
np_pod_is_kube_dns (const char *namespace_,
                    GHashTable *labels)
{
  g_return_val_if_fail (labels != NULL, FALSE);

  return g_strcmp0 (namespace_, KUBE_DNS_NAMESPACE) == 0 &&
         g_strcmp0 (g_hash_table_lookup (labels, KUBE_DNS_APP_KEY), KUBE_DNS_APP) == 0;
}

gboolean
np_workload_looks_like_kube_dns (const char *namespace_,
                                 const char *name,
                                 GHashTable *labels)
{
  g_return_val_if_fail (labels != NULL, FALSE);

  return g_strcmp0 (g_hash_table_lookup (labels, KUBE_DNS_APP_KEY), KUBE_DNS_APP) == 0 ||
         (g_strcmp0 (namespace_, KUBE_DNS_NAMESPACE) == 0 &&
          (g_strcmp0 (name, "coredns") == 0 || g_strcmp0 (name, "kube-dns") == 0));
}

NpLabelSelector *
np_kube_dns_selector_new (NpLabelSelector **namespaces)
{
  NpLabelSelector *pods = np_label_selector_new ();

  if (namespaces != NULL)
    {
      *namespaces = np_label_selector_new ();
      np_label_selector_set_label (*namespaces, NAMESPACE_NAME_LABEL, KUBE_DNS_NAMESPACE);
      np_label_selector_set_label (pods, KUBE_DNS_APP_KEY, KUBE_DNS_APP);
    }
  else
    {
      np_label_selector_set_label (pods, "k8s:" CILIUM_NAMESPACE_LABEL, KUBE_DNS_NAMESPACE);
      np_label_selector_set_label (pods, "k8s:" KUBE_DNS_APP_KEY, KUBE_DNS_APP);
    }
  return pods;
}

GHashTable *
np_kube_dns_pod_labels (void)
{
  static GHashTable *labels;

  if (g_once_init_enter (&labels))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (table, (gpointer) KUBE_DNS_APP_KEY, (gpointer) KUBE_DNS_APP);
      g_once_init_leave (&labels, table);
    }
  return labels;
}

GHashTable *
np_kube_dns_namespace_labels (void)
{
  static GHashTable *labels;

  if (g_once_init_enter (&labels))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (table, (gpointer) NAMESPACE_NAME_LABEL, (gpointer) KUBE_DNS_NAMESPACE);
      g_once_init_leave (&labels, table);
    }
  return labels;
}

gboolean
np_peer_is_kube_dns (NpPolicyPeer *peer)
{
  NpLabelSelector *namespaces;

  g_return_val_if_fail (NP_IS_POLICY_PEER (peer), FALSE);

  /* Without a namespaceSelector the peer is in the policy's own namespace. */
  namespaces = np_policy_peer_get_namespace_selector (peer);
  return namespaces != NULL && np_policy_peer_get_ip_block (peer) == NULL &&
         np_selector_match_kube_dns (np_policy_peer_get_pod_selector (peer), namespaces) == NP_KUBE_DNS_EXACT;
}

NpRuleEffect
np_rule_get_verdict (NpPolicy     *policy,
                     NpPolicyRule *rule)
{
  g_return_val_if_fail (NP_IS_POLICY (policy), NP_RULE_EFFECT_DENIED);

  return np_policy_affects (policy, np_policy_rule_get_direction (rule)) ? NP_RULE_EFFECT_ALLOWED
                                                                         : NP_RULE_EFFECT_IGNORED;
}

static gboolean
selector_is_all (NpLabelSelector *selector)
{
  return selector == NULL || np_label_selector_is_empty (selector);
}

/* Does @peer take in every peer of @group? */
static gboolean
peer_covers (NpPolicy *policy, NpPolicyPeer *peer, NpPeerGroup group)
{
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (peer);
  NpIpBlock *block = np_policy_peer_get_ip_block (peer);

  switch (group)
    {
    case NP_PEER_GROUP_OUTSIDE:
      {
        const char *cidr = block ? np_ip_block_get_cidr (block) : NULL;
        const char * const *except = block ? np_ip_block_get_except (block) : NULL;

        return cidr != NULL && (g_str_equal (cidr, "0.0.0.0/0") || g_str_equal (cidr, "::/0")) &&
               (except == NULL || except[0] == NULL);
      }
    case NP_PEER_GROUP_NAMESPACE:
      {
        const char *own = np_policy_get_namespace (policy);

        if (block != NULL || (pods == NULL && namespaces == NULL) || !selector_is_all (pods))
          return FALSE;
        if (namespaces == NULL || np_label_selector_is_empty (namespaces))
          return TRUE;
        return own != NULL &&
               g_list_model_get_n_items (np_label_selector_get_requirements (namespaces)) == 1 &&
               g_strcmp0 (np_label_selector_get_label (namespaces, NAMESPACE_NAME_LABEL), own) == 0;
      }
    case NP_PEER_GROUP_CLUSTER:
    default:
      return block == NULL && namespaces != NULL && np_label_selector_is_empty (namespaces) &&
             selector_is_all (pods);
    }
}

static gboolean
rule_covers (NpPolicy *policy, NpPolicyRule *rule, NpPeerGroup group)
{
  GListModel *peers = np_policy_rule_get_peers (rule);

  if (g_list_model_get_n_items (peers) == 0)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);

      if (peer_covers (policy, peer, group))
        return TRUE;
    }
  return FALSE;
}

NpRuleEffect
np_policy_get_group_verdict (NpPolicy     *policy,
                             NpDirection   direction,
                             NpPeerGroup   group,
                             char        **ports)
{
  GListModel *rules;
  GString *partial = NULL;

  g_return_val_if_fail (NP_IS_POLICY (policy), NP_RULE_EFFECT_DENIED);

  if (ports)
    *ports = NULL;
  if (!np_policy_affects (policy, direction))
    return NP_RULE_EFFECT_ALLOWED;

  rules = np_policy_get_rules (policy, direction);
  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *rule_ports = np_policy_rule_get_ports (rule);

      if (!rule_covers (policy, rule, group))
        continue;
      if (g_list_model_get_n_items (rule_ports) == 0)
        {
          if (partial)
            g_string_free (partial, TRUE);
          return NP_RULE_EFFECT_ALLOWED;
        }
      for (guint j = 0; j < g_list_model_get_n_items (rule_ports); j++)
        {
          g_autoptr(NpPolicyPort) port = g_list_model_get_item (rule_ports, j);
          g_autofree char *text = np_policy_port_to_string (port);

          if (partial == NULL)
            partial = g_string_new (NULL);
          else
            g_string_append (partial, ", ");
          g_string_append (partial, text);
        }
    }

  if (partial == NULL)
    return NP_RULE_EFFECT_DENIED;
  if (ports)
    *ports = g_string_free (partial, FALSE);
  else
    g_string_free (partial, TRUE);
  return NP_RULE_EFFECT_PARTIAL;
}

/* Whether @port lets @protocol reach port 53 of kube-dns (whose ports
 * are named "dns" for UDP and "dns-tcp" for TCP). */
static gboolean
port_allows_dns (NpPolicyPort *port,
                 const char   *protocol)
{
  if (g_strcmp0 (np_policy_port_get_effective_protocol (port), protocol) != 0)
    return FALSE;
  switch (np_policy_port_get_port_kind (port))
    {
    case NP_PORT_KIND_NONE:
      return TRUE;
    case NP_PORT_KIND_NUMBER:
      {
        gint64 first = np_policy_port_get_port_number (port);
        gint64 last = np_policy_port_get_has_end_port (port) ? np_policy_port_get_end_port (port) : first;

        return first <= 53 && 53 <= last;
      }
    case NP_PORT_KIND_NAME:
    default:
      return g_strcmp0 (np_policy_port_get_port_name (port),
                        g_str_equal (protocol, "UDP") ? "dns" : "dns-tcp") == 0;
    }
}

/* Whether @peer selects the kube-dns pods, judged by the labels they have
 * in every cluster. */
static gboolean
peer_reaches_kube_dns (NpPolicy     *policy,
                       NpPolicyPeer *peer)
{
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (peer);
  g_autoptr(GHashTable) pod_labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) namespace_labels = g_hash_table_new (g_str_hash, g_str_equal);

  if (np_policy_peer_get_ip_block (peer) != NULL)
    return FALSE;
  g_hash_table_insert (pod_labels, (gpointer) "k8s-app", (gpointer) KUBE_DNS_APP);
  g_hash_table_insert (namespace_labels, (gpointer) NAMESPACE_NAME_LABEL, (gpointer) KUBE_DNS_NAMESPACE);
  if (pods != NULL && !np_label_selector_matches (pods, pod_labels))
    return FALSE;
  if (namespaces == NULL)
    return g_strcmp0 (np_policy_get_namespace (policy), KUBE_DNS_NAMESPACE) == 0;
  return np_label_selector_matches (namespaces, namespace_labels);
}

/* Whether some egress rule lets the selected pods reach kube-dns on port
 * 53 over @protocol. */
static gboolean
dns_allowed_over (NpPolicy   *policy,
                  const char *protocol)
{
  GListModel *rules;

  if (!np_policy_affects (policy, NP_DIRECTION_EGRESS))
    return TRUE;

  rules = np_policy_get_egress (policy);
  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *peers = np_policy_rule_get_peers (rule);
      GListModel *ports = np_policy_rule_get_ports (rule);
      gboolean peer_ok = g_list_model_get_n_items (peers) == 0;
      gboolean port_ok = g_list_model_get_n_items (ports) == 0;

      for (guint j = 0; j < g_list_model_get_n_items (peers) && !peer_ok; j++)
        {
          g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, j);

          peer_ok = peer_reaches_kube_dns (policy, peer);
        }
      for (guint j = 0; j < g_list_model_get_n_items (ports) && !port_ok; j++)
        {
          g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, j);

          port_ok = port_allows_dns (port, protocol);
        }
      if (peer_ok && port_ok)
        return TRUE;
    }
  return FALSE;
}

NpRuleEffect
np_policy_describe_dns (NpPolicy  *policy,
                        char     **text)
{
  gboolean udp, tcp;

  g_return_val_if_fail (NP_IS_POLICY (policy), NP_RULE_EFFECT_DENIED);

  udp = dns_allowed_over (policy, "UDP");
  tcp = dns_allowed_over (policy, "TCP");
  if (text != NULL)
    {
      if (udp && !tcp)
        *text = g_strdup (_("kube-dns in kube-system on UDP 53 only"));
      else if (tcp && !udp)
        *text = g_strdup (_("kube-dns in kube-system on TCP 53 only"));
      else if (!udp && !tcp)
        *text = g_strdup (_("kube-dns in kube-system: no rule allows port 53"));
      else
        *text = g_strdup (_("kube-dns in kube-system on UDP and TCP 53"));
    }
  if (udp && tcp)
    return NP_RULE_EFFECT_ALLOWED;
  return udp || tcp ? NP_RULE_EFFECT_PARTIAL : NP_RULE_EFFECT_DENIED;
}

NpRuleEffect
np_policy_get_dns_verdict (NpPolicy *policy)
{
  return np_policy_describe_dns (policy, NULL);
}
