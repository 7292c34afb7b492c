/* np-rating.c: a 0 to 5 score for how tightly a policy limits traffic, with its reasons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-private.h"
#include "np-cilium-rule.h"
#include "np-cluster-analysis.h"
#include "np-cluster-policy.h"
#include "np-describe.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-rating.h"

/* The criteria, in the order they are listed. Which ones apply:
 *  - "dns-limited" only when egress is denied by default (otherwise DNS is
 *    open anyway, which "default-deny-egress" already counts);
 *  - "ports-listed" only when the policy has rules in effect;
 *  - "namespace-set" not for clusterwide Cilium policies.
 * A direction that is not denied by default counts as allowing everything
 * for "no-allow-all-*": it does. */
typedef enum {
  DEFAULT_DENY_INGRESS,
  DEFAULT_DENY_EGRESS,
  NO_ALLOW_ALL_INGRESS,
  NO_ALLOW_ALL_EGRESS,
  DNS_LIMITED,
  NO_ANY_NAMESPACE,
  PORTS_LISTED,
  NAMESPACE_SET,
  N_CRITERIA
} Criterion;

typedef struct {
  const char *code;
  guint       points;
  const char *met;     /* N_() */
  const char *unmet;   /* N_() */
} CriterionInfo;

/* "dns-limited" is also unmet when no lookup can be made at all: a policy
 * that blocks DNS does not send lookups to kube-dns only, it breaks them. */
static const char dns_blocked[] =
  N_("No rule allows name lookups (port 53) to kube-dns: the pods cannot resolve names.");

static const CriterionInfo criteria[N_CRITERIA] = {
  { "default-deny-ingress", 2,
    N_("Incoming traffic is denied unless a rule allows it."),
    N_("Incoming traffic is not denied by default: everything may connect to the pods.") },
  { "default-deny-egress", 2,
    N_("Outgoing traffic is denied unless a rule allows it."),
    N_("Outgoing traffic is not denied by default: the pods may connect anywhere.") },
  { "no-allow-all-ingress", 2,
    N_("No rule admits every source on every port."),
    N_("Every source may reach the pods on every port.") },
  { "no-allow-all-egress", 2,
    N_("No rule lets the pods reach every destination, or the whole internet, on every port."),
    N_("The pods may reach every destination, or the whole internet, on every port.") },
  { "dns-limited", 2,
    N_("Name lookups (port 53) go to kube-dns only."),
    N_("A rule allows port 53 to more than kube-dns: lookups can bypass the cluster DNS.") },
  { "no-any-namespace-without-ports", 1,
    N_("No rule opens every port to pods of every namespace."),
    N_("A rule allows pods of every namespace on every port.") },
  { "ports-listed", 1,
    N_("Every rule lists the ports it allows."),
    N_("Some rules allow every port: list the ports that are needed.") },
  { "namespace-set", 1,
    N_("The namespace is written in the policy."),
    N_("The policy has no namespace: it lands in whichever namespace it is applied to.") },
};

typedef struct {
  gboolean    applies;
  gboolean    met;
  const char *why;   /* N_(), nullable: in place of the criterion's unmet text */
} Finding;

struct _NpRating
{
  GObject   parent_instance;

  Finding   findings[N_CRITERIA];
  guint     index[N_CRITERIA];   /* reason index → criterion */
  guint     n_reasons;
  guint     points;
  guint     max_points;
  guint     score;
};

G_DEFINE_FINAL_TYPE (NpRating, np_rating, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCORE,
  PROP_POINTS,
  PROP_MAX_POINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
np_rating_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NpRating *self = NP_RATING (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      g_value_set_uint (value, self->score);
      break;
    case PROP_POINTS:
      g_value_set_uint (value, self->points);
      break;
    case PROP_MAX_POINTS:
      g_value_set_uint (value, self->max_points);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_rating_class_init (NpRatingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = np_rating_get_property;

  properties[PROP_SCORE] =
    g_param_spec_uint ("score", NULL, NULL, 0, 5, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINTS] =
    g_param_spec_uint ("points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_POINTS] =
    g_param_spec_uint ("max-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_rating_init (NpRating *self)
{
}

static void
found (NpRating *self, Criterion criterion, gboolean met)
{
  self->findings[criterion].applies = TRUE;
  self->findings[criterion].met = met;
}

/* "dns-limited": lookups go to kube-dns, and only there. */
static void
found_dns (NpRating *self, gboolean elsewhere, gboolean to_kube_dns)
{
  found (self, DNS_LIMITED, !elsewhere && to_kube_dns);
  if (!elsewhere && !to_kube_dns)
    self->findings[DNS_LIMITED].why = dns_blocked;
}

/* ---- Kubernetes ---- */

static gboolean
cidr_is_everything (const char *cidr)
{
  return g_strcmp0 (cidr, "0.0.0.0/0") == 0 || g_strcmp0 (cidr, "::/0") == 0;
}

/* No peers (every source or destination), or an ipBlock of every address. */
static gboolean
rule_reaches_everything (NpPolicyRule *rule)
{
  GListModel *peers = np_policy_rule_get_peers (rule);
  guint n = g_list_model_get_n_items (peers);

  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
      NpIpBlock *block = np_policy_peer_get_ip_block (peer);

      if (block != NULL && cidr_is_everything (np_ip_block_get_cidr (block)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
rule_has_ports (NpPolicyRule *rule)
{
  return g_list_model_get_n_items (np_policy_rule_get_ports (rule)) > 0;
}

static gboolean
port_covers_53 (NpPolicyPort *port)
{
  gint64 first, last;

  if (np_policy_port_get_port_kind (port) != NP_PORT_KIND_NUMBER)
    return np_policy_port_get_port_kind (port) == NP_PORT_KIND_NONE;
  first = np_policy_port_get_port_number (port);
  last = np_policy_port_get_has_end_port (port) ? np_policy_port_get_end_port (port) : first;
  return first <= 53 && 53 <= last;
}

/* A rule that names port 53 (or every port of a protocol) and a peer that
 * is not kube-dns. Rules without ports are "no-allow-all-egress" and
 * "ports-listed" matters, not this one's. */
static gboolean
rule_opens_dns_elsewhere (NpPolicyRule *rule)
{
  GListModel *ports = np_policy_rule_get_ports (rule);
  GListModel *peers = np_policy_rule_get_peers (rule);
  gboolean dns = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (ports) && !dns; i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);

      dns = port_covers_53 (port);
    }
  if (!dns)
    return FALSE;
  if (g_list_model_get_n_items (peers) == 0)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);

      if (!np_peer_is_kube_dns (peer))
        return TRUE;
    }
  return FALSE;
}

/* A peer with an empty namespaceSelector: pods of every namespace. */
static gboolean
rule_has_any_namespace_peer (NpPolicyRule *rule)
{
  GListModel *peers = np_policy_rule_get_peers (rule);

  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
      NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (peer);

      if (namespaces != NULL && np_label_selector_is_empty (namespaces))
        return TRUE;
    }
  return FALSE;
}

static void
rate_policy (NpRating *self, NpPolicy *policy)
{
  gboolean any_rule = FALSE, all_ports = TRUE, any_namespace = FALSE, dns_elsewhere = FALSE;

  for (NpDirection direction = NP_DIRECTION_INGRESS; direction <= NP_DIRECTION_EGRESS; direction++)
    {
      gboolean isolated = np_policy_affects (policy, direction);
      gboolean allow_all = !isolated;
      GListModel *rules = np_policy_get_rules (policy, direction);

      found (self, direction == NP_DIRECTION_INGRESS ? DEFAULT_DENY_INGRESS : DEFAULT_DENY_EGRESS,
             isolated);
      /* Rules of a direction policyTypes leaves out do nothing. */
      for (guint i = 0; isolated && i < g_list_model_get_n_items (rules); i++)
        {
          g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
          gboolean ports = rule_has_ports (rule);

          any_rule = TRUE;
          all_ports &= ports;
          allow_all |= !ports && rule_reaches_everything (rule);
          any_namespace |= !ports && rule_has_any_namespace_peer (rule);
          if (direction == NP_DIRECTION_EGRESS)
            dns_elsewhere |= rule_opens_dns_elsewhere (rule);
        }
      found (self, direction == NP_DIRECTION_INGRESS ? NO_ALLOW_ALL_INGRESS : NO_ALLOW_ALL_EGRESS,
             !allow_all);
      if (direction == NP_DIRECTION_EGRESS && isolated)
        found_dns (self, dns_elsewhere, np_policy_get_dns_verdict (policy) != NP_RULE_EFFECT_DENIED);
    }
  found (self, NO_ANY_NAMESPACE, !any_namespace);
  if (any_rule)
    found (self, PORTS_LISTED, all_ports);
  found (self, NAMESPACE_SET, np_policy_get_namespace (policy) != NULL &&
                              *np_policy_get_namespace (policy) != '\0');
}

/* ---- Cilium ---- */

static gboolean
strv_has (char **strv, const char *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

/* Every address, every endpoint, or (with no L3 field but ports) every
 * peer. */
static gboolean
entry_reaches_everything (NpCiliumRuleEntry *entry)
{
  g_auto(GStrv) entities = np_cilium_rule_entry_get_entities (entry);
  g_auto(GStrv) cidrs = np_cilium_rule_entry_get_cidrs (entry);
  g_autoptr(GPtrArray) cidr_rules = np_cilium_rule_entry_get_cidr_rules (entry);

  if (np_cilium_rule_entry_get_peer_kinds (entry) == 0)
    return TRUE;
  if (strv_has (entities, "all") || strv_has (entities, "world"))
    return TRUE;
  for (guint i = 0; cidrs != NULL && cidrs[i] != NULL; i++)
    if (cidr_is_everything (cidrs[i]))
      return TRUE;
  for (guint i = 0; cidr_rules != NULL && i < cidr_rules->len; i++)
    {
      NpCiliumCidrRule *rule = g_ptr_array_index (cidr_rules, i);

      if (cidr_is_everything (rule->cidr))
        return TRUE;
    }
  return FALSE;
}

static gboolean
entry_reaches_every_namespace (NpCiliumRuleEntry *entry)
{
  g_auto(GStrv) entities = np_cilium_rule_entry_get_entities (entry);

  return strv_has (entities, "cluster") || strv_has (entities, "all");
}

static gboolean
selector_is_kube_dns (NpLabelSelector *selector)
{
  return np_selector_match_kube_dns (selector, NULL) != NP_KUBE_DNS_NONE;
}

/* Whether a port of @entry lets UDP to port 53 through (no port rule:
 * every port). */
static gboolean
entry_ports_allow_dns (NpCiliumRuleEntry *entry)
{
  if (np_cilium_rule_entry_get_n_port_rules (entry) == 0)
    return TRUE;
  for (guint i = 0; i < np_cilium_rule_entry_get_n_port_rules (entry); i++)
    {
      g_autoptr(GPtrArray) ports = np_cilium_rule_entry_get_ports (entry, i);

      if (ports->len == 0)
        return TRUE;
      for (guint j = 0; j < ports->len; j++)
        {
          NpCiliumPort *port = g_ptr_array_index (ports, j);
          gint64 first = 0;

          if (port->protocol != NULL && *port->protocol != '\0' &&
              g_ascii_strcasecmp (port->protocol, "UDP") != 0 && g_ascii_strcasecmp (port->protocol, "ANY") != 0)
            continue;
          if (port->port == NULL || *port->port == '\0')
            return TRUE;
          if (!g_ascii_string_to_signed (port->port, 10, 0, 65535, &first, NULL))
            continue;  /* a named port: not kube-dns's "dns" as far as we know */
          if (first == 0 || first == 53 || (first < 53 && port->end_port >= 53))
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether @entry (an egress allow entry of a policy in @namespace_, NULL
 * when clusterwide) lets lookups reach kube-dns. */
static gboolean
entry_allows_dns (NpCiliumRuleEntry *entry,
                  const char        *namespace_)
{
  guint kinds = np_cilium_rule_entry_get_peer_kinds (entry);
  gboolean peer = kinds == 0;

  if (!entry_ports_allow_dns (entry))
    return FALSE;
  if (!peer && (kinds & (1u << NP_CILIUM_PEER_ENTITIES)))
    peer = entry_reaches_every_namespace (entry);
  if (!peer && (kinds & (1u << NP_CILIUM_PEER_ENDPOINTS)))
    {
      g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);

      for (guint i = 0; i < selectors->len && !peer; i++)
        {
          NpLabelSelector *selector = g_ptr_array_index (selectors, i);

          if (selector_is_kube_dns (selector))
            peer = TRUE;
          /* An empty selector: every endpoint of the policy's namespace,
           * or of the cluster for a clusterwide policy. */
          else if (np_label_selector_is_empty (selector))
            peer = namespace_ == NULL || g_str_equal (namespace_, "kube-system");
        }
    }
  return peer;
}

static gboolean
entry_opens_dns_elsewhere (NpCiliumRuleEntry *entry)
{
  gboolean dns = FALSE;
  g_autoptr(GPtrArray) selectors = NULL;

  for (guint i = 0; i < np_cilium_rule_entry_get_n_port_rules (entry) && !dns; i++)
    {
      g_autoptr(GPtrArray) ports = np_cilium_rule_entry_get_ports (entry, i);

      for (guint j = 0; j < ports->len && !dns; j++)
        {
          NpCiliumPort *port = g_ptr_array_index (ports, j);
          gint64 first;

          if (port->port == NULL || !g_ascii_string_to_signed (port->port, 10, 0, 65535, &first, NULL))
            continue;
          dns = first == 53 || (first < 53 && port->end_port >= 53);
        }
    }
  if (!dns)
    return FALSE;
  if (np_cilium_rule_entry_get_peer_kinds (entry) != (1u << NP_CILIUM_PEER_ENDPOINTS))
    return TRUE;
  selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);
  for (guint i = 0; i < selectors->len; i++)
    if (!selector_is_kube_dns (g_ptr_array_index (selectors, i)))
      return TRUE;
  return FALSE;
}

static void
rate_cilium_policy (NpRating *self, NpCiliumPolicy *policy)
{
  GListModel *rules = np_cilium_policy_get_rules (policy);
  guint n_rules = g_list_model_get_n_items (rules);
  gboolean any_entry = FALSE, all_ports = TRUE, any_namespace = FALSE, dns_elsewhere = FALSE;
  gboolean dns_allowed = FALSE;
  /* The namespace the policy's selectors are in; NULL: every namespace. */
  const char *namespace_ = NULL;

  if (!np_cilium_policy_is_clusterwide (policy))
    {
      namespace_ = np_k8s_namespace_or_default (np_cilium_policy_get_namespace (policy));
    }

  for (NpDirection direction = NP_DIRECTION_INGRESS; direction <= NP_DIRECTION_EGRESS; direction++)
    {
      NpCiliumSection section = direction == NP_DIRECTION_INGRESS ? NP_CILIUM_INGRESS : NP_CILIUM_EGRESS;
      /* Each rule selects its own endpoints: all of them must deny. */
      gboolean isolated = n_rules > 0;
      gboolean allow_all = FALSE;

      for (guint i = 0; i < n_rules; i++)
        {
          g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, i);
          GListModel *entries = np_cilium_rule_get_entries (rule, section);

          isolated &= np_cilium_rule_enables_default_deny (rule, direction);
          for (guint j = 0; j < g_list_model_get_n_items (entries); j++)
            {
              g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, j);
              gboolean ports = np_cilium_rule_entry_get_n_port_rules (entry) > 0;

              /* `{}`: no peer and no port allows nothing (it only turns
               * default deny on). */
              if (np_cilium_rule_entry_get_peer_kinds (entry) == 0 && !ports)
                continue;
              any_entry = TRUE;
              all_ports &= ports;
              allow_all |= !ports && entry_reaches_everything (entry);
              any_namespace |= !ports && entry_reaches_every_namespace (entry);
              if (direction == NP_DIRECTION_EGRESS)
                {
                  dns_elsewhere |= entry_opens_dns_elsewhere (entry);
                  dns_allowed |= entry_allows_dns (entry, namespace_);
                }
            }
        }
      found (self, direction == NP_DIRECTION_INGRESS ? DEFAULT_DENY_INGRESS : DEFAULT_DENY_EGRESS,
             isolated);
      found (self, direction == NP_DIRECTION_INGRESS ? NO_ALLOW_ALL_INGRESS : NO_ALLOW_ALL_EGRESS,
             isolated && !allow_all);
      if (direction == NP_DIRECTION_EGRESS && isolated)
        found_dns (self, dns_elsewhere, dns_allowed);
    }
  found (self, NO_ANY_NAMESPACE, !any_namespace);
  if (any_entry)
    found (self, PORTS_LISTED, all_ports);
  if (!np_cilium_policy_is_clusterwide (policy))
    found (self, NAMESPACE_SET, np_cilium_policy_get_namespace (policy) != NULL &&
                                *np_cilium_policy_get_namespace (policy) != '\0');
}

/* ---- AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy ---- */

/* Reasons in the words of the cluster-wide policies, where the general
 * sentences would mislead (they speak of isolation, which these policies
 * do not have). */
static const char baseline_ingress_open[] =
  N_("The baseline has no last rule denying all incoming traffic: what no NetworkPolicy decides is allowed.");
static const char baseline_egress_open[] =
  N_("The baseline has no last rule denying all outgoing traffic: what no NetworkPolicy decides is allowed.");
static const char cluster_allow_all_ingress[] =
  N_("A rule allows every source on every port, and no NetworkPolicy below can narrow it.");
static const char cluster_allow_all_egress[] =
  N_("A rule allows every destination on every port, and no NetworkPolicy below can narrow it.");

/* Every pod (namespaces: {}, or pods with empty selectors) or every
 * address (networks 0.0.0.0/0 or ::/0, which include pod addresses). */
static gboolean
cluster_rule_reaches_everything (const NpClusterRule *rule)
{
  if (np_cluster_rule_has_all_networks (rule))
    return TRUE;
  for (guint i = 0; rule->peers != NULL && i < np_node_get_n_items (rule->peers); i++)
    if (np_cluster_peer_is_all_pods (np_node_get_item (rule->peers, i)))
      return TRUE;
  return FALSE;
}

/* A peer of pods in every namespace (the pods may be narrowed). */
static gboolean
cluster_rule_has_any_namespace_peer (const NpClusterRule *rule)
{
  for (guint i = 0; rule->peers != NULL && i < np_node_get_n_items (rule->peers); i++)
    {
      NpNode *peer = np_node_get_item (rule->peers, i);
      NpNode *namespaces = np_node_lookup (peer, "namespaces");
      NpNode *pods = np_node_lookup (peer, "pods");

      if (namespaces != NULL && np_cluster_selector_is_empty (namespaces))
        return TRUE;
      if (pods != NULL && np_node_get_kind (pods) == NP_NODE_MAPPING &&
          np_cluster_selector_is_empty (np_node_lookup (pods, "namespaceSelector")))
        return TRUE;
    }
  return FALSE;
}

/* How a peer stands to kube-dns: *@reaches when lookups can get there,
 * *@only when it is kube-dns and nothing else. */
static void
cluster_peer_kube_dns (const NpNode *peer, gboolean *reaches, gboolean *only)
{
  NpNode *namespaces = np_node_lookup (peer, "namespaces");
  NpNode *pods = np_node_lookup (peer, "pods");

  *reaches = FALSE;
  *only = FALSE;
  if (namespaces != NULL && np_node_get_kind (namespaces) == NP_NODE_MAPPING)
    {
      g_autoptr(NpLabelSelector) selector = np_cilium_selector_from_node (namespaces);

      *reaches = np_label_selector_matches (selector, np_kube_dns_namespace_labels ());
    }
  else if (pods != NULL && np_node_get_kind (pods) == NP_NODE_MAPPING)
    {
      NpNode *ns_node = np_node_lookup (pods, "namespaceSelector");
      NpNode *pod_node = np_node_lookup (pods, "podSelector");
      g_autoptr(NpLabelSelector) ns = ns_node != NULL ? np_cilium_selector_from_node (ns_node) : np_label_selector_new ();
      g_autoptr(NpLabelSelector) selector = pod_node != NULL ? np_cilium_selector_from_node (pod_node)
                                                             : np_label_selector_new ();

      *reaches = np_label_selector_matches (ns, np_kube_dns_namespace_labels ()) &&
                 np_label_selector_matches (selector, np_kube_dns_pod_labels ());
      *only = np_selector_match_kube_dns (selector, ns) != NP_KUBE_DNS_NONE;
    }
}

static void
rate_cluster_policy (NpRating *self, NpClusterPolicy *policy)
{
  NpClusterPolicyKind kind = np_cluster_policy_get_kind (policy);
  gboolean baseline = g_strcmp0 (np_cluster_policy_get_tier (policy), "Baseline") == 0;
  gboolean any_allow = FALSE, all_ports = TRUE, any_namespace = FALSE;

  for (NpClusterDirection direction = NP_CLUSTER_INGRESS; direction <= NP_CLUSTER_EGRESS; direction++)
    {
      guint n = np_cluster_policy_get_n_rules (policy, direction);
      gboolean ingress = direction == NP_CLUSTER_INGRESS;
      gboolean denies_rest = FALSE, allow_all = FALSE;
      gboolean dns_elsewhere = FALSE, dns_reached = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const NpClusterRule *rule = np_cluster_policy_get_rule (policy, direction, i);
          NpClusterAction action = np_cluster_rule_get_action (rule, kind);
          gboolean ports = rule->ports != NULL;
          /* In the baseline tier Pass goes on to the default: it allows. */
          gboolean allows = action == NP_CLUSTER_ACTION_ALLOW || (baseline && action == NP_CLUSTER_ACTION_PASS);
          gboolean lets_through = allows || action == NP_CLUSTER_ACTION_PASS;

          if (denies_rest)
            break;   /* nothing after a rule that denies everything matters */
          /* After a rule that allows everything, a deny-all denies nothing. */
          if (action == NP_CLUSTER_ACTION_DENY && !ports && cluster_rule_reaches_everything (rule) && !allow_all)
            {
              denies_rest = TRUE;
              continue;
            }
          if (allows)
            {
              any_allow = TRUE;
              all_ports &= ports;
              allow_all |= !ports && cluster_rule_reaches_everything (rule);
              any_namespace |= !ports && cluster_rule_has_any_namespace_peer (rule);
            }
          if (ingress || !lets_through || rule->peers == NULL)
            continue;
          for (guint j = 0; j < np_node_get_n_items (rule->peers); j++)
            {
              gboolean reaches, only;

              cluster_peer_kube_dns (np_node_get_item (rule->peers, j), &reaches, &only);
              /* Every pod, or every address (pod addresses included). */
              reaches |= np_cluster_peer_is_all_pods (np_node_get_item (rule->peers, j)) ||
                         np_cluster_rule_has_all_networks (rule);
              if (np_cluster_rule_ports_include (rule, "udp", 53))
                dns_reached |= reaches;
              /* Port 53 named outright, to more than kube-dns. */
              if (allows && ports && !only &&
                  (np_cluster_rule_ports_include (rule, "udp", 53) || np_cluster_rule_ports_include (rule, "tcp", 53)))
                dns_elsewhere = TRUE;
            }
        }

      /* Default deny is the baseline's job: an admin policy that denies
       * everything overrides every NetworkPolicy, which is no default. */
      if (baseline)
        {
          found (self, ingress ? DEFAULT_DENY_INGRESS : DEFAULT_DENY_EGRESS, denies_rest);
          if (!denies_rest)
            self->findings[ingress ? DEFAULT_DENY_INGRESS : DEFAULT_DENY_EGRESS].why =
              ingress ? baseline_ingress_open : baseline_egress_open;
        }
      /* A direction without rules is left to the other policies. */
      if (n > 0)
        {
          found (self, ingress ? NO_ALLOW_ALL_INGRESS : NO_ALLOW_ALL_EGRESS, !allow_all);
          if (allow_all && !baseline)
            self->findings[ingress ? NO_ALLOW_ALL_INGRESS : NO_ALLOW_ALL_EGRESS].why =
              ingress ? cluster_allow_all_ingress : cluster_allow_all_egress;
        }
      if (!ingress && denies_rest)
        found_dns (self, dns_elsewhere, dns_reached);
    }
  found (self, NO_ANY_NAMESPACE, !any_namespace);
  if (any_allow)
    found (self, PORTS_LISTED, all_ports);
  /* Cluster-scoped: no namespace to write. */
}

NpRating *
np_rating_new (gpointer policy)
{
  NpRating *self;

  g_return_val_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy) || NP_IS_CLUSTER_POLICY (policy),
                        NULL);

  self = g_object_new (NP_TYPE_RATING, NULL);
  if (NP_IS_POLICY (policy))
    rate_policy (self, policy);
  else if (NP_IS_CLUSTER_POLICY (policy))
    rate_cluster_policy (self, policy);
  else
    rate_cilium_policy (self, policy);

  for (guint i = 0; i < N_CRITERIA; i++)
    {
      if (!self->findings[i].applies)
        continue;
      self->index[self->n_reasons++] = i;
      self->max_points += criteria[i].points;
      if (self->findings[i].met)
        self->points += criteria[i].points;
    }
  /* round(5 × points / max), halves up, without floating point. */
  if (self->max_points > 0)
    self->score = (10 * self->points + self->max_points) / (2 * self->max_points);
  return self;
}

guint
np_rating_get_score (NpRating *self)
{
  g_return_val_if_fail (NP_IS_RATING (self), 0);

  return self->score;
}

guint
np_rating_get_points (NpRating *self)
{
  g_return_val_if_fail (NP_IS_RATING (self), 0);

  return self->points;
}

guint
np_rating_get_max_points (NpRating *self)
{
  g_return_val_if_fail (NP_IS_RATING (self), 0);

  return self->max_points;
}

guint
np_rating_get_n_reasons (NpRating *self)
{
  g_return_val_if_fail (NP_IS_RATING (self), 0);

  return self->n_reasons;
}

const char *
np_rating_get_reason_code (NpRating *self,
                           guint     index)
{
  g_return_val_if_fail (NP_IS_RATING (self), NULL);
  g_return_val_if_fail (index < self->n_reasons, NULL);

  return criteria[self->index[index]].code;
}

gboolean
np_rating_get_reason_met (NpRating *self,
                          guint     index)
{
  g_return_val_if_fail (NP_IS_RATING (self), FALSE);
  g_return_val_if_fail (index < self->n_reasons, FALSE);

  return self->findings[self->index[index]].met;
}

guint
np_rating_get_reason_points (NpRating *self,
                             guint     index)
{
  g_return_val_if_fail (NP_IS_RATING (self), 0);
  g_return_val_if_fail (index < self->n_reasons, 0);

  return self->findings[self->index[index]].met ? criteria[self->index[index]].points : 0;
}

guint
np_rating_get_reason_max_points (NpRating *self,
                                 guint     index)
{
  g_return_val_if_fail (NP_IS_RATING (self), 0);
  g_return_val_if_fail (index < self->n_reasons, 0);

  return criteria[self->index[index]].points;
}

const char *
np_rating_get_reason_text (NpRating *self,
                           guint     index)
{
  const CriterionInfo *info;

  g_return_val_if_fail (NP_IS_RATING (self), NULL);
  g_return_val_if_fail (index < self->n_reasons, NULL);

  info = &criteria[self->index[index]];
  if (self->findings[self->index[index]].met)
    return _(info->met);
  return _(self->findings[self->index[index]].why != NULL ? self->findings[self->index[index]].why : info->unmet);
}

char *
np_rating_dup_failed_codes (NpRating *self)
{
  GString *codes = g_string_new (NULL);

  g_return_val_if_fail (NP_IS_RATING (self), NULL);

  for (guint i = 0; i < self->n_reasons; i++)
    if (!self->findings[self->index[i]].met)
      {
        if (codes->len > 0)
          g_string_append_c (codes, ',');
        g_string_append (codes, criteria[self->index[i]].code);
      }
  return g_string_free (codes, FALSE);
}
