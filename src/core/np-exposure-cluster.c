/* np-exposure-cluster.c: AdminNetworkPolicies and the BaselineAdminNetworkPolicy in the exposure analysis
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * netpol-analyzer's exposure analysis with the cluster tiers (its PR #486:
 * pkg/netpol/eval/internal/k8s/adminnetpol.go
 * GetPolicyRulesSelectorsAndUpdateExposureClusterWideConns, policy_connections.go,
 * pkg/netpol/eval/check.go allAllowedXgressConnectionsByk8sNetpols):
 *
 * - a policy with rules in a direction whose subject selects a workload
 *   protects it that way, as a NetworkPolicy does;
 * - a rule peer `namespaces: {}`, or `pods` with both selectors empty, is
 *   the entire cluster; any other namespaces or pods peer becomes a
 *   representative (`namespaces` with every pod of them);
 * - a peer matches a representative when its selectors are empty or equal
 *   to the representative's (SelectorsFullMatch), never by overlap; the
 *   subject of a policy selects a representative the same way;
 * - per side, the Admin tier's rules decide first (first match, by
 *   priority then rule order); if they allow or deny everything, that is
 *   the result; otherwise the NetworkPolicies selecting the workload decide
 *   what is left, or, where none does, the Baseline tier's Deny rules
 *   refuse what the Admin tier did not allow, and the rest is allowed.
 *
 * Named ports resolve on the workload when it is the destination (its
 * Ingress); toward the entire cluster or a representative they are left
 * out, as the NetworkPolicy part of the analysis does (netpol-analyzer
 * keeps them as a port of no protocol, which connection sets cannot hold),
 * and the analysis warns about it.
 * ClusterNetworkPolicies are not read, as netpol-analyzer reads none.
 */
#include "config.h"

#include <string.h>

#include "np-cilium-private.h"
#include "np-cluster-policy.h"
#include "np-exposure-private.h"
#include "np-inventory-private.h"
#include "np-node.h"

typedef struct {
  NpLabelSelector *ns;        /* (nullable): every namespace */
  NpLabelSelector *pod;       /* (nullable): every pod (a namespaces peer) */
  char            *ns_key;
  char            *pod_key;
  gboolean         pods_field;
  gboolean         everything; /* the entire cluster */
} Peer;

typedef struct {
  NpClusterAction  action;
  GPtrArray       *peers;      /* Peer: namespaces and pods peers only */
  NpConnSet       *fixed;      /* numbered ports and ranges (every port without ports) */
  GPtrArray       *named;      /* (element-type utf8) borrowed from the tree */
} Rule;

typedef struct {
  gboolean         baseline;
  gint64           priority;
  guint            order;
  gboolean         has_subject;
  Peer             subject;
  GPtrArray       *rules[2];   /* Rule, per NpDirection */
} Policy;

struct _NpExposureTiers {
  NpInventory *inventory;
  GPtrArray   *policies;       /* Policy: Admin by priority, then Baseline */
  gboolean     has_cnp;
  gboolean     named_left_out; /* a matching rule had a named port no destination resolves */
};

static void
peer_clear (Peer *peer)
{
  g_clear_object (&peer->ns);
  g_clear_object (&peer->pod);
  g_clear_pointer (&peer->ns_key, g_free);
  g_clear_pointer (&peer->pod_key, g_free);
}

static void
peer_free (gpointer data)
{
  peer_clear (data);
  g_free (data);
}

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_ptr_array_unref (rule->peers);
  np_conn_set_free (rule->fixed);
  g_ptr_array_unref (rule->named);
  g_free (rule);
}

static void
policy_free (gpointer data)
{
  Policy *policy = data;

  peer_clear (&policy->subject);
  g_clear_pointer (&policy->rules[0], g_ptr_array_unref);
  g_clear_pointer (&policy->rules[1], g_ptr_array_unref);
  g_free (policy);
}

void
np_exposure_tiers_free (NpExposureTiers *tiers)
{
  if (tiers == NULL)
    return;
  g_ptr_array_unref (tiers->policies);
  g_free (tiers);
}

/* A pair of selectors; @pods_field: a pods peer (or subject), whose missing
 * selectors read as empty; otherwise a namespaces one. */
static void
peer_init (Peer *peer, const NpNode *ns, const NpNode *pod, gboolean pods_field)
{
  peer->ns = ns != NULL ? np_cilium_selector_from_node (ns) : NULL;
  peer->pod = pods_field && pod != NULL ? np_cilium_selector_from_node (pod) : NULL;
  peer->ns_key = np_exposure_selector_key (peer->ns);
  peer->pod_key = np_exposure_selector_key (peer->pod);
  peer->pods_field = pods_field;
  peer->everything = *peer->ns_key == '\0' && *peer->pod_key == '\0';
}

static gboolean
selector_matches (NpLabelSelector *selector, GHashTable *labels)
{
  if (selector == NULL || np_label_selector_is_empty (selector))
    return TRUE;
  return labels != NULL && np_label_selector_matches (selector, labels);
}

/* Whether @peer selects the real @workload. */
static gboolean
peer_selects_workload (NpExposureTiers *tiers, const Peer *peer, const NpWorkload *workload)
{
  return selector_matches (peer->ns, np_inventory_get_namespace_labels (tiers->inventory, workload->namespace_)) &&
         selector_matches (peer->pod, workload->labels);
}

/* Whether @peer selects @rep: each selector empty or equal to the
 * representative's [representative_selectors.go SelectorsFullMatch]; a
 * namespaces peer does not look at pods. */
static gboolean
peer_selects_rep (const Peer *peer, const NpExposureRep *rep)
{
  if (*peer->ns_key != '\0' && !g_str_equal (peer->ns_key, rep->ns_key))
    return FALSE;
  return !peer->pods_field || *peer->pod_key == '\0' || g_str_equal (peer->pod_key, rep->pod_key);
}

/* The rule's ports as netpol-analyzer reads an AdminNetworkPolicyPort
 * [adminnetpol.go ruleConnections]: protocol empty = TCP; a range outside
 * 1-65535 is the fatal error the evaluator reports. */
static void
read_ports (Rule *rule, const NpNode *node)
{
  NpNode *ports = np_node_lookup (node, "ports");

  if (ports == NULL || np_node_is_null (ports))
    {
      rule->fixed = np_conn_set_new_all ();
      return;
    }
  rule->fixed = np_conn_set_new ();
  for (guint i = 0; np_node_get_kind (ports) == NP_NODE_SEQUENCE && i < np_node_get_n_items (ports); i++)
    {
      NpNode *entry = np_node_get_item (ports, i);
      const NpNode *number = np_inventory_mapping_at (entry, "portNumber");
      const NpNode *range = np_inventory_mapping_at (entry, "portRange");
      NpNode *named = np_node_lookup (entry, "namedPort");
      const NpNode *with_protocol = number != NULL ? number : range;
      NpNode *protocol_node = with_protocol != NULL ? np_node_lookup (with_protocol, "protocol") : NULL;
      const char *protocol_name = np_node_is_string (protocol_node) ? np_node_get_text (protocol_node) : NULL;
      NpProtocol protocol;
      gint64 first = 0, last = 0;

      if (named != NULL && np_node_is_string (named))
        {
          g_ptr_array_add (rule->named, (gpointer) np_node_get_text (named));
          continue;
        }
      if (with_protocol == NULL || !np_cluster_port_protocol_parse (protocol_name, &protocol))
        continue;
      if (number != NULL)
        {
          NpNode *port = np_node_lookup (number, "port");

          if (port == NULL || !np_node_get_int (port, &first))
            continue;
          last = first;
        }
      else
        {
          NpNode *start = np_node_lookup (range, "start");
          NpNode *end = np_node_lookup (range, "end");

          if (start == NULL || end == NULL || !np_node_get_int (start, &first) || !np_node_get_int (end, &last))
            continue;
        }
      if (first < NP_PORT_MIN || last > NP_PORT_MAX || first > last)
        continue;
      np_conn_set_add_range (rule->fixed, protocol, (guint) first, (guint) last);
    }
}

static Rule *
rule_new (const NpClusterRule *source, NpClusterPolicyKind kind)
{
  Rule *rule = g_new0 (Rule, 1);

  rule->action = np_cluster_rule_get_action (source, kind);
  rule->peers = g_ptr_array_new_with_free_func (peer_free);
  rule->named = g_ptr_array_new ();
  for (guint i = 0; source->peers != NULL && i < np_node_get_n_items (source->peers); i++)
    {
      const NpNode *item = np_node_get_item (source->peers, i);
      const NpNode *namespaces = np_inventory_mapping_at (item, "namespaces");
      const NpNode *pods = np_inventory_mapping_at (item, "pods");
      Peer *peer;

      /* networks and nodes peers are no pods: not representatives. */
      if (namespaces == NULL && pods == NULL)
        continue;
      peer = g_new0 (Peer, 1);
      if (namespaces != NULL)
        peer_init (peer, namespaces, NULL, FALSE);
      else
        peer_init (peer, np_inventory_mapping_at (pods, "namespaceSelector"), np_inventory_mapping_at (pods, "podSelector"), TRUE);
      g_ptr_array_add (rule->peers, peer);
    }
  read_ports (rule, source->node);
  return rule;
}

static int
compare_policies (gconstpointer a, gconstpointer b)
{
  const Policy *x = *(const Policy * const *) a;
  const Policy *y = *(const Policy * const *) b;

  if (x->baseline != y->baseline)
    return x->baseline ? 1 : -1;
  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

NpExposureTiers *
np_exposure_tiers_new (NpInventory *inventory)
{
  NpExposureTiers *tiers = NULL;

  for (guint i = 0; i < np_inventory_get_n_cluster_policies (inventory); i++)
    {
      NpClusterPolicy *cluster = NP_CLUSTER_POLICY (np_inventory_get_cluster_policy (inventory, i)->policy);
      NpClusterPolicyKind kind = np_cluster_policy_get_kind (cluster);
      const NpNode *ns_selector = NULL, *pod_selector = NULL;
      NpClusterSubjectKind subject;
      Policy *policy;

      if (tiers == NULL)
        {
          tiers = g_new0 (NpExposureTiers, 1);
          tiers->inventory = inventory;
          tiers->policies = g_ptr_array_new_with_free_func (policy_free);
        }
      if (kind == NP_CLUSTER_POLICY_CNP)
        {
          tiers->has_cnp = TRUE;
          continue;
        }
      policy = g_new0 (Policy, 1);
      policy->baseline = kind == NP_CLUSTER_POLICY_BANP;
      policy->order = i;
      if (!np_cluster_policy_get_priority (cluster, &policy->priority))
        policy->priority = 0;
      subject = np_cluster_policy_get_subject (cluster, &ns_selector, &pod_selector);
      policy->has_subject = subject != NP_CLUSTER_SUBJECT_NONE;
      peer_init (&policy->subject, ns_selector, pod_selector, subject == NP_CLUSTER_SUBJECT_PODS);
      for (guint d = 0; d < 2; d++)
        {
          policy->rules[d] = g_ptr_array_new_with_free_func (rule_free);
          for (guint r = 0; r < np_cluster_policy_get_n_rules (cluster, (NpClusterDirection) d); r++)
            g_ptr_array_add (policy->rules[d],
                             rule_new (np_cluster_policy_get_rule (cluster, (NpClusterDirection) d, r), kind));
        }
      g_ptr_array_add (tiers->policies, policy);
    }
  if (tiers != NULL)
    g_ptr_array_sort (tiers->policies, compare_policies);
  return tiers;
}

gboolean
np_exposure_tiers_left_out_named (NpExposureTiers *tiers)
{
  return tiers != NULL && tiers->named_left_out;
}

gboolean
np_exposure_tiers_has_cnp (NpExposureTiers *tiers)
{
  return tiers != NULL && tiers->has_cnp;
}

void
np_exposure_tiers_collect_reps (NpExposureTiers *tiers, NpExposureRepFunc func, gpointer data)
{
  for (guint p = 0; tiers != NULL && p < tiers->policies->len; p++)
    {
      Policy *policy = tiers->policies->pdata[p];

      for (guint d = 0; d < 2; d++)
        for (guint r = 0; r < policy->rules[d]->len; r++)
          {
            Rule *rule = policy->rules[d]->pdata[r];

            for (guint i = 0; i < rule->peers->len; i++)
              {
                Peer *peer = rule->peers->pdata[i];

                /* A namespaces peer stands for every pod of its namespaces;
                 * a pods peer's empty namespaceSelector for every namespace. */
                if (!peer->everything)
                  func (peer->ns, peer->pods_field ? peer->pod : NULL, data);
              }
          }
    }
}

/* Whether @policy selects @workload in @direction [adminnetpol.go Selects]. */
static gboolean
selects_workload (NpExposureTiers *tiers, Policy *policy, const NpWorkload *workload, NpDirection direction)
{
  return policy->has_subject && policy->rules[direction]->len > 0 &&
         peer_selects_workload (tiers, &policy->subject, workload);
}

gboolean
np_exposure_tiers_protect (NpExposureTiers *tiers, const NpWorkload *workload, NpDirection direction)
{
  for (guint p = 0; tiers != NULL && p < tiers->policies->len; p++)
    if (selects_workload (tiers, tiers->policies->pdata[p], workload, direction))
      return TRUE;
  return FALSE;
}

/* The connections of @rule's ports; named ports resolve on @destination
 * (nullable: left out). (transfer full) */
static NpConnSet *
rule_connections (NpExposureTiers *tiers, const Rule *rule, const NpWorkload *destination)
{
  NpConnSet *set = np_conn_set_copy (rule->fixed);

  if (destination == NULL && rule->named->len > 0)
    tiers->named_left_out = TRUE;
  for (guint i = 0; destination != NULL && i < rule->named->len; i++)
    for (guint j = 0; j < destination->ports->len; j++)
      {
        const NpContainerPort *cp = destination->ports->pdata[j];
        NpProtocol protocol;

        if (g_strcmp0 (cp->name, rule->named->pdata[i]) == 0 &&
            np_protocol_parse (cp->protocol != NULL ? cp->protocol : "TCP", &protocol))
          {
            np_conn_set_add_range (set, protocol, cp->port, cp->port);
            break;
          }
      }
  return set;
}

/* What a side is: the subject (a workload or a representative) and the
 * peer at the other end (the entire cluster, a representative or a
 * workload). */
typedef struct {
  const NpWorkload    *subject;     /* (nullable) with @subject_rep */
  const NpExposureRep *subject_rep; /* (nullable) */
  const NpWorkload    *peer;        /* (nullable) */
  const NpExposureRep *peer_rep;    /* (nullable); both NULL: the entire cluster */
  const NpWorkload    *resolver;    /* (nullable) the destination, for named ports */
} Side;

static gboolean
rule_matches (NpExposureTiers *tiers, const Rule *rule, const Side *side)
{
  for (guint i = 0; i < rule->peers->len; i++)
    {
      const Peer *peer = rule->peers->pdata[i];

      if (side->peer != NULL ? peer_selects_workload (tiers, peer, side->peer)
          : side->peer_rep != NULL ? peer_selects_rep (peer, side->peer_rep)
          : peer->everything)
        return TRUE;
    }
  return FALSE;
}

/* One tier on one side: first match over the policies selecting the
 * subject, by priority, and their rules in order [policy_connections.go
 * UpdateWithRuleConns, CollectANPConns]. */
static void
tier_side (NpExposureTiers *tiers, gboolean baseline, NpDirection direction, const Side *side,
           NpConnSet *allowed, NpConnSet *denied)
{
  g_autoptr(NpConnSet) passed = np_conn_set_new ();

  for (guint p = 0; p < tiers->policies->len; p++)
    {
      Policy *policy = tiers->policies->pdata[p];
      gboolean selects;

      if (policy->baseline != baseline || !policy->has_subject || policy->rules[direction]->len == 0)
        continue;
      if (side->subject != NULL)
        selects = peer_selects_workload (tiers, &policy->subject, side->subject);
      else
        selects = peer_selects_rep (&policy->subject, side->subject_rep);
      if (!selects)
        continue;
      for (guint r = 0; r < policy->rules[direction]->len; r++)
        {
          Rule *rule = policy->rules[direction]->pdata[r];
          g_autoptr(NpConnSet) conns = NULL;

          if (rule->action == NP_CLUSTER_ACTION_NONE || !rule_matches (tiers, rule, side))
            continue;
          conns = rule_connections (tiers, rule, side->resolver);
          np_conn_set_subtract (conns, allowed);
          np_conn_set_subtract (conns, denied);
          np_conn_set_subtract (conns, passed);
          switch (rule->action)
            {
            case NP_CLUSTER_ACTION_ALLOW:
              np_conn_set_union (allowed, conns);
              break;
            case NP_CLUSTER_ACTION_DENY:
              np_conn_set_union (denied, conns);
              break;
            default:
              np_conn_set_union (passed, conns);
              break;
            }
        }
    }
}

/* The tiers' precedence [check.go allAllowedXgressConnsConsideringAllLayersConns]:
 * what the Admin tier allows or denies stands; if it decides everything,
 * that is all; the rest is the NetworkPolicies' (@np_allowed, when some
 * select the subject) or else allowed but for the Baseline tier's denials.
 * (transfer full) */
static NpConnSet *
side_connections (NpExposureTiers *tiers, NpDirection direction, const Side *side, const NpConnSet *np_allowed)
{
  g_autoptr(NpConnSet) admin_allowed = np_conn_set_new ();
  g_autoptr(NpConnSet) admin_denied = np_conn_set_new ();
  g_autoptr(NpConnSet) decided = NULL;
  NpConnSet *result;

  tier_side (tiers, FALSE, direction, side, admin_allowed, admin_denied);
  decided = np_conn_set_copy (admin_allowed);
  np_conn_set_union (decided, admin_denied);
  if (np_conn_set_is_all (decided))
    return np_conn_set_copy (admin_allowed);
  if (np_allowed != NULL)
    {
      result = np_conn_set_copy (np_allowed);
      np_conn_set_subtract (result, admin_denied);
      np_conn_set_union (result, admin_allowed);
    }
  else
    {
      g_autoptr(NpConnSet) baseline_allowed = np_conn_set_new ();
      g_autoptr(NpConnSet) baseline_denied = np_conn_set_new ();

      tier_side (tiers, TRUE, direction, side, baseline_allowed, baseline_denied);
      np_conn_set_subtract (baseline_denied, admin_allowed);
      result = np_conn_set_new_all ();
      np_conn_set_subtract (result, admin_denied);
      np_conn_set_subtract (result, baseline_denied);
    }
  return result;
}

NpConnSet *
np_exposure_tiers_side (NpExposureTiers     *tiers,
                        const NpWorkload    *workload,
                        NpDirection          direction,
                        const NpExposureRep *rep,
                        const NpConnSet     *np_allowed)
{
  Side side = { workload, NULL, NULL, rep, direction == NP_DIRECTION_INGRESS ? workload : NULL };

  return side_connections (tiers, direction, &side, np_allowed);
}

NpConnSet *
np_exposure_tiers_rep_side (NpExposureTiers     *tiers,
                            const NpWorkload    *workload,
                            NpDirection          direction,
                            const NpExposureRep *rep)
{
  /* @rep's side runs the other way: its Egress toward @workload when
   * @workload receives, and then @workload is the destination. */
  NpDirection rep_direction = direction == NP_DIRECTION_INGRESS ? NP_DIRECTION_EGRESS : NP_DIRECTION_INGRESS;
  Side side = { NULL, rep, workload, NULL, direction == NP_DIRECTION_INGRESS ? workload : NULL };

  return side_connections (tiers, rep_direction, &side, NULL);
}
