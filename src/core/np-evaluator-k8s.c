/* np-evaluator-k8s.c: compiling and deciding Kubernetes NetworkPolicies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-evaluator-private.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"

/* A selector's requirements, taken out of its list model once: matching
 * runs millions of times for a whole list, and the model's item lookups
 * cost more than the requirements themselves. */
typedef struct {
  guint                   n;
  NpSelectorRequirement **requirements;  /* (owned) */
} Requirements;

/* A peer of pod and namespace selectors (either may be absent, not both). */
typedef struct {
  gboolean     has_pods;
  gboolean     has_namespaces;  /* otherwise the policy's own namespace */
  Requirements pods;
  /* Per workload: PEER_UNKNOWN, or whether the pod selector matches its
   * labels; shared by every peer with the same selector (State's
   * pod_selectors), as many rules select by the same few labels. */
  guint8      *pod_matches;
  Requirements namespaces;
  /* Per namespace (State's numbering): PEER_UNKNOWN, or whether the
   * namespace selector matches its labels, asked once per namespace
   * rather than once per workload; shared as @pod_matches is
   * (State's namespace_selectors). */
  guint8      *namespace_matches;
} SelectorPeer;

/* What rule_selects() knows of a workload: not asked yet, or the answer. */
enum { PEER_UNKNOWN, PEER_NO, PEER_YES };

typedef struct {
  gboolean   all_peers;  /* no `from`/`to`: every peer */
  /* Per workload: PEER_UNKNOWN until a pair asks, then whether a selector
   * peer matches it. Filled lazily, so that deciding one pair (netpol
   * explain) matches the selectors against two workloads, not all of them;
   * the whole list still matches each (rule, workload) once. */
  guint8    *workloads;
  GArray    *selector_peers;  /* SelectorPeer */
  char      *namespace_;      /* the policy's */
  guint      namespace_number;  /* its number in State's numbering; G_MAXUINT: no workload's */
  const guint *namespace_of;  /* State's: per workload, its namespace's number */
  GArray    *blocks;     /* NpAddressBlock */
  NpConnSet *conns;      /* (nullable) what the ports allow, when none is named */
  GPtrArray *ports;      /* NpPolicyPort; empty: every port */
  char      *where;
  NpRuleRef  ref;        /* borrows: the inventory's policy and file, @where */
  guint      index;      /* of the rules of every policy, for np_eval_k8s_rule_index() */
} Rule;

typedef struct {
  NpRuleRef  ref;        /* the same; first, for np_side_decision_add_selected() */
  char      *where;
  char      *name;       /* "NetworkPolicy 'ns/name'", as netpol-analyzer names it */
  GPtrArray *rules[2];   /* Rule, per NpDirection */
} Policy;
G_STATIC_ASSERT (G_STRUCT_OFFSET (Policy, ref) == 0);

typedef struct {
  GPtrArray  *policies;      /* Policy */
  GPtrArray  *selecting[2];  /* per subject (workloads, then the nodes): GPtrArray of Policy (borrowed) */
  GHashTable *in_namespace;  /* namespace name -> GArray of workload indices, while compiling */
  guint      *namespace_of;  /* per workload: its namespace's number */
  GPtrArray  *members;       /* per namespace number: GArray of its workloads */
  GHashTable *pod_selectors; /* selector_key() -> guint8 per workload (SelectorPeer's pod_matches) */
  GHashTable *namespace_selectors; /* selector_key() -> guint8 per namespace (namespace_matches) */
  guint       n_namespaces;
  guint       n_rules;
} State;

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->workloads);
  g_clear_pointer (&rule->selector_peers, g_array_unref);
  g_free (rule->namespace_);
  g_clear_pointer (&rule->conns, np_conn_set_free);
  g_clear_pointer (&rule->blocks, g_array_unref);
  g_clear_pointer (&rule->ports, g_ptr_array_unref);
  g_free (rule->where);
  g_free (rule);
}

static void
requirements_init (Requirements *out, NpLabelSelector *selector)
{
  GListModel *model = np_label_selector_get_requirements (selector);

  out->n = g_list_model_get_n_items (model);
  out->requirements = g_new (NpSelectorRequirement *, MAX (out->n, 1));
  for (guint i = 0; i < out->n; i++)
    out->requirements[i] = g_list_model_get_item (model, i);
}

static void
requirements_clear (Requirements *requirements)
{
  for (guint i = 0; i < requirements->n; i++)
    g_object_unref (requirements->requirements[i]);
  g_clear_pointer (&requirements->requirements, g_free);
  requirements->n = 0;
}

/* A text that two selectors share exactly when they have the same
 * requirements in the same order, so that they match the same labels. */
static char *
selector_key (const Requirements *requirements)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < requirements->n; i++)
    np_selector_requirement_append_key (requirements->requirements[i], out);
  return g_string_free (out, FALSE);
}

/* The answers (PEER_UNKNOWN until asked) of the selector of
 * @requirements for @n workloads or namespaces, in @table: one array per
 * distinct selector, owned by @table. */
static guint8 *
shared_matches (GHashTable *table, const Requirements *requirements, guint n)
{
  g_autofree char *key = selector_key (requirements);
  guint8 *matches = g_hash_table_lookup (table, key);

  if (matches == NULL)
    {
      matches = g_new0 (guint8, MAX (n, 1));
      g_hash_table_insert (table, g_steal_pointer (&key), matches);
    }
  return matches;
}

/* As np_label_selector_matches(). */
static gboolean
requirements_match (const Requirements *requirements, GHashTable *labels)
{
  for (guint i = 0; i < requirements->n; i++)
    if (!np_selector_requirement_matches (requirements->requirements[i], labels))
      return FALSE;
  return TRUE;
}

static void
selector_peer_clear (gpointer data)
{
  SelectorPeer *peer = data;

  requirements_clear (&peer->pods);
  requirements_clear (&peer->namespaces);
  /* @pod_matches and @namespace_matches belong to State's tables. */
}

static void
policy_free (gpointer data)
{
  Policy *policy = data;

  g_free (policy->where);
  g_free (policy->name);
  g_clear_pointer (&policy->rules[0], g_ptr_array_unref);
  g_clear_pointer (&policy->rules[1], g_ptr_array_unref);
  g_free (policy);
}


static guint
rule_line (const NpInventoryPolicy *entry, NpDirection direction, guint index)
{
  g_autofree char *path = g_strdup_printf ("spec.%s[%u]",
                                           direction == NP_DIRECTION_INGRESS ? "ingress" : "egress",
                                           index);
  gboolean exact = FALSE;
  NpNode *node;

  if (entry->node == NULL)
    return entry->line;
  node = np_node_lookup_path (entry->node, path, FALSE, &exact);
  if (node == NULL || !exact || np_node_get_line (node) == 0)
    return entry->line;
  return np_node_get_line (node);
}

static gboolean
rule_has_named_port (const Rule *rule)
{
  for (guint i = 0; i < rule->ports->len; i++)
    if (np_policy_port_get_port_kind (rule->ports->pdata[i]) == NP_PORT_KIND_NAME)
      return TRUE;
  return FALSE;
}

static Rule *
compile_rule (NpEvaluator             *self,
              State                   *state,
              const NpInventoryPolicy *entry,
              NpPolicy                *policy,
              const char              *policy_namespace,
              NpPolicyRule            *source,
              NpDirection              direction,
              guint                    index)
{
  GListModel *peers = np_policy_rule_get_peers (source);
  GListModel *ports = np_policy_rule_get_ports (source);
  guint n_peers = g_list_model_get_n_items (peers);
  guint line = rule_line (entry, direction, index);
  Rule *rule = g_new0 (Rule, 1);

  rule->workloads = g_new0 (guint8, MAX (self->n_workloads, 1));
  rule->selector_peers = g_array_new (FALSE, FALSE, sizeof (SelectorPeer));
  g_array_set_clear_func (rule->selector_peers, selector_peer_clear);
  rule->namespace_ = g_strdup (policy_namespace);
  rule->namespace_of = state->namespace_of;
  {
    GArray *members = g_hash_table_lookup (state->in_namespace, policy_namespace);

    rule->namespace_number = members != NULL && members->len > 0
                             ? state->namespace_of[g_array_index (members, guint, 0)] : G_MAXUINT;
  }
  rule->blocks = g_array_new (FALSE, TRUE, sizeof (NpAddressBlock));
  g_array_set_clear_func (rule->blocks, (GDestroyNotify) np_address_block_clear);
  rule->ports = g_ptr_array_new_with_free_func (g_object_unref);
  rule->all_peers = n_peers == 0;
  rule->index = state->n_rules++;
  rule->where = g_strdup_printf ("%s:%u: %s/%s, %s rule %u", entry->file, line, policy_namespace,
                                 np_policy_get_name (policy),
                                 direction == NP_DIRECTION_INGRESS ? "ingress" : "egress",
                                 index + 1);
  rule->ref = (NpRuleRef) { entry->policy, entry->file, line, direction, -1, (int) index, FALSE,
                            rule->where };

  for (guint i = 0; i < n_peers; i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
      NpIpBlock *ip_block = np_policy_peer_get_ip_block (peer);
      NpLabelSelector *pod_selector = np_policy_peer_get_pod_selector (peer);
      NpLabelSelector *ns_selector = np_policy_peer_get_namespace_selector (peer);

      if (ip_block != NULL)
        {
          NpAddressBlock block = { 0 };

          if (np_address_block_init (&block, np_ip_block_get_cidr (ip_block),
                                     np_ip_block_get_except (ip_block), FALSE))
            g_array_append_val (rule->blocks, block);
          continue;
        }
      if (pod_selector == NULL && ns_selector == NULL)
        continue;
      {
        SelectorPeer selector_peer = { 0 };

        selector_peer.has_pods = pod_selector != NULL;
        selector_peer.has_namespaces = ns_selector != NULL;
        if (pod_selector != NULL)
          {
            requirements_init (&selector_peer.pods, pod_selector);
            selector_peer.pod_matches = shared_matches (state->pod_selectors, &selector_peer.pods,
                                                        self->n_workloads);
          }
        if (ns_selector != NULL)
          {
            requirements_init (&selector_peer.namespaces, ns_selector);
            selector_peer.namespace_matches = shared_matches (state->namespace_selectors,
                                                              &selector_peer.namespaces, state->n_namespaces);
          }
        g_array_append_val (rule->selector_peers, selector_peer);
      }
    }

  for (guint i = 0; i < g_list_model_get_n_items (ports); i++)
    {
      NpPolicyPort *port = g_list_model_get_item (ports, i);
      NpProtocol protocol;

      if (!np_protocol_parse (np_policy_port_get_effective_protocol (port), &protocol))
        g_ptr_array_add (self->notes,
                         g_strdup_printf (_("%s uses the protocol “%s”, which Kubernetes leaves "
                                            "undefined; that port entry is ignored."),
                                          rule->where, np_policy_port_get_effective_protocol (port)));
      g_ptr_array_add (rule->ports, port);
    }
  if (!rule_has_named_port (rule))
    rule->conns = np_evaluator_ports_allow ((NpPolicyPort * const *) rule->ports->pdata, rule->ports->len, NULL);
  return rule;
}

static void
compile_policy (NpEvaluator *self, State *state, const NpInventoryPolicy *entry)
{
  NpPolicy *policy = NP_POLICY (entry->policy);
  const char *namespace_ = np_k8s_namespace_or_default (np_policy_get_namespace (policy));
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);
  Requirements requirements = { 0 };
  gboolean affects[2];
  GArray *members;
  Policy *compiled;

  compiled = g_new0 (Policy, 1);
  compiled->where = g_strdup_printf ("%s:%u: %s/%s", entry->file, entry->line, namespace_,
                                     np_policy_get_name (policy));
  compiled->ref = (NpRuleRef) { entry->policy, entry->file, entry->line, NP_DIRECTION_INGRESS,
                                -1, -1, FALSE, compiled->where };
  compiled->name = g_strdup_printf ("NetworkPolicy '%s/%s'", namespace_, np_policy_get_name (policy));
  for (guint d = 0; d < 2; d++)
    {
      GListModel *rules = np_policy_get_rules (policy, d);

      compiled->rules[d] = g_ptr_array_new_with_free_func (rule_free);
      if (!np_policy_affects (policy, d))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
        {
          g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);

          g_ptr_array_add (compiled->rules[d],
                           compile_rule (self, state, entry, policy, namespace_, rule, d, i));
        }
    }
  g_ptr_array_add (state->policies, compiled);

  /* The index: which policies select each workload, per direction; only
   * the workloads of the policy's namespace can be. */
  members = g_hash_table_lookup (state->in_namespace, namespace_);
  if (members == NULL || members->len == 0)
    return;
  /* The requirements out of their model once, not once per member. */
  if (selector != NULL)
    requirements_init (&requirements, selector);
  for (guint d = 0; d < 2; d++)
    affects[d] = np_policy_affects (policy, d);
  for (guint m = 0; m < members->len; m++)
    {
      guint w = g_array_index (members, guint, m);
      const NpWorkload *workload = np_inventory_get_workload (self->inventory, w);

      if (selector != NULL && !requirements_match (&requirements, workload->labels))
        continue;
      for (guint d = 0; d < 2; d++)
        if (affects[d])
          g_ptr_array_add (g_ptr_array_index (state->selecting[d], w), compiled);
    }
  requirements_clear (&requirements);
}

/* Deciding ----------------------------------------------------------------- */

/* Whether @peer of @rule takes the namespace of workload @w. */
static gboolean
peer_namespace_ok (NpEvaluator *self, Rule *rule, SelectorPeer *peer, guint w)
{
  guint8 *known;

  /* Numbers, not names: this runs for every (rule, workload). */
  if (!peer->has_namespaces)
    return rule->namespace_of[w] == rule->namespace_number;
  known = &peer->namespace_matches[rule->namespace_of[w]];
  if (*known == PEER_UNKNOWN)
    {
      const char *namespace_ = np_inventory_get_workload (self->inventory, w)->namespace_;
      GHashTable *labels = np_inventory_get_namespace_labels (self->inventory, namespace_);

      *known = labels != NULL && requirements_match (&peer->namespaces, labels) ? PEER_YES : PEER_NO;
    }
  return *known == PEER_YES;
}

/* Whether @peer's pod selector takes workload @w; remembered for every
 * peer with the same selector. */
static gboolean
pod_selector_ok (SelectorPeer *peer, const NpWorkload *workload, guint w)
{
  guint8 *known = &peer->pod_matches[w];

  if (*known == PEER_UNKNOWN)
    *known = requirements_match (&peer->pods, workload->labels) ? PEER_YES : PEER_NO;
  return *known == PEER_YES;
}

/* Whether a selector peer of @rule matches workload @w; remembered. */
static gboolean
rule_selects (NpEvaluator *self, Rule *rule, guint w)
{
  const NpWorkload *workload;
  gboolean found = FALSE;

  if (rule->workloads[w] != PEER_UNKNOWN)
    return rule->workloads[w] == PEER_YES;
  workload = np_inventory_get_workload (self->inventory, w);
  for (guint i = 0; i < rule->selector_peers->len && !found; i++)
    {
      SelectorPeer *peer = &g_array_index (rule->selector_peers, SelectorPeer, i);

      found = peer_namespace_ok (self, rule, peer, w) && (!peer->has_pods || pod_selector_ok (peer, workload, w));
    }
  rule->workloads[w] = found ? PEER_YES : PEER_NO;
  return found;
}

/* @rule is not const: it remembers which workloads its selectors match. */
static gboolean
peer_matches (NpEvaluator *self, Rule *rule, const NpEndpoint *peer)
{
  if (rule->all_peers)
    return TRUE;
  switch (peer->kind)
    {
    case NP_ENDPOINT_WORKLOAD:
      if (rule_selects (self, rule, peer->workload))
        return TRUE;
      if (self->flags & NP_EVAL_IPBLOCK_MATCHES_PODS)
        {
          const NpWorkload *w = np_inventory_get_workload (self->inventory, peer->workload);

          for (guint i = 0; i < w->ips->len; i++)
            {
              NpCidr address;

              if (!np_ip_parse (w->ips->pdata[i], &address, NULL))
                continue;
              for (guint b = 0; b < rule->blocks->len; b++)
                if (np_address_block_contains (&g_array_index (rule->blocks, NpAddressBlock, b), &address))
                  return TRUE;
            }
        }
      return FALSE;
    case NP_ENDPOINT_EXTERNAL:
      for (guint b = 0; b < rule->blocks->len; b++)
        if (np_address_block_contains (&g_array_index (rule->blocks, NpAddressBlock, b), &peer->address))
          return TRUE;
      return FALSE;
    case NP_ENDPOINT_NODE:
    default:
      return FALSE;
    }
}

NpConnSet *
np_evaluator_ports_allow (NpPolicyPort * const *ports,
                          guint                 n_ports,
                          const NpWorkload     *destination)
{
  NpConnSet *set;

  if (n_ports == 0)
    return np_conn_set_new_all ();

  set = np_conn_set_new ();
  for (guint i = 0; i < n_ports; i++)
    {
      NpPolicyPort *port = ports[i];
      const char *protocol_name = np_policy_port_get_effective_protocol (port);
      NpProtocol protocol;

      if (!np_protocol_parse (protocol_name, &protocol))
        continue;
      switch (np_policy_port_get_port_kind (port))
        {
        case NP_PORT_KIND_NONE:
          np_conn_set_add_range (set, protocol, NP_PORT_MIN, NP_PORT_MAX);
          break;
        case NP_PORT_KIND_NUMBER:
          {
            gint64 first = np_policy_port_get_port_number (port);
            gint64 last = np_policy_port_get_has_end_port (port) ?
                          np_policy_port_get_end_port (port) : first;

            if (first >= NP_PORT_MIN && last <= NP_PORT_MAX && first <= last)
              np_conn_set_add_range (set, protocol, first, last);
          }
          break;
        case NP_PORT_KIND_NAME:
          /* A named port resolves on the destination pod: same name and
           * same protocol. It never matches an external destination. */
          for (guint j = 0; destination != NULL && j < destination->ports->len; j++)
            {
              const NpContainerPort *cp = destination->ports->pdata[j];

              if (g_strcmp0 (cp->name, np_policy_port_get_port_name (port)) == 0 &&
                  g_ascii_strcasecmp (cp->protocol, protocol_name) == 0)
                {
                  np_conn_set_add_range (set, protocol, cp->port, cp->port);
                  break;
                }
            }
          break;
        default:
          break;
        }
    }
  return set;
}

/* The connections a rule's ports allow toward @destination. */
static NpConnSet *
rule_connections (NpEvaluator *self, const Rule *rule, const NpEndpoint *destination)
{
  const NpWorkload *workload = destination->kind == NP_ENDPOINT_WORKLOAD
                               ? np_inventory_get_workload (self->inventory, destination->workload) : NULL;

  return np_evaluator_ports_allow ((NpPolicyPort * const *) rule->ports->pdata, rule->ports->len, workload);
}

/* What the policies of @subject allow in @direction with @peer;
 * @destination resolves named ports. Fills @side when given. */

static gpointer
k8s_compile (NpEvaluator *self)
{
  State *state = g_new0 (State, 1);
  NpInventory *inventory = self->inventory;

  state->policies = g_ptr_array_new_with_free_func (policy_free);
  for (guint d = 0; d < 2; d++)
    state->selecting[d] = np_evaluator_new_subject_table (self);
  state->in_namespace = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  state->namespace_of = g_new0 (guint, MAX (self->n_workloads, 1));
  state->members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  state->pod_selectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->namespace_selectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint w = 0; w < self->n_workloads; w++)
    {
      const NpWorkload *workload = np_inventory_get_workload (inventory, w);
      GArray *members = g_hash_table_lookup (state->in_namespace, workload->namespace_);

      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (state->in_namespace, (gpointer) workload->namespace_, members);
          g_ptr_array_add (state->members, g_array_ref (members));
          /* Numbered in order of appearance: the first member tells. */
        }
      state->namespace_of[w] = members->len == 0 ? state->n_namespaces++
                                                 : state->namespace_of[g_array_index (members, guint, 0)];
      g_array_append_val (members, w);
    }
  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    {
      const NpInventoryPolicy *entry = np_inventory_get_policy (inventory, i);

      if (NP_IS_POLICY (entry->policy))
        compile_policy (self, state, entry);
    }
  g_clear_pointer (&state->in_namespace, g_hash_table_unref);
  return state;
}

static void
k8s_free_state (gpointer data)
{
  State *state = data;

  g_clear_pointer (&state->selecting[0], g_ptr_array_unref);
  g_clear_pointer (&state->selecting[1], g_ptr_array_unref);
  g_clear_pointer (&state->policies, g_ptr_array_unref);
  g_free (state->namespace_of);
  g_clear_pointer (&state->members, g_ptr_array_unref);
  /* After the policies: their peers borrow the tables. */
  g_clear_pointer (&state->pod_selectors, g_hash_table_unref);
  g_clear_pointer (&state->namespace_selectors, g_hash_table_unref);
  g_free (state);
}

static GPtrArray *
selecting (gpointer data, NpDirection direction, guint subject)
{
  State *state = data;

  return g_ptr_array_index (state->selecting[direction], subject);
}

static gboolean
k8s_isolates (NpEvaluator *self,
              gpointer     state,
              NpDirection  direction,
              guint        subject)
{
  return selecting (state, direction, subject)->len > 0;
}

static void
k8s_list_policies (NpEvaluator       *self,
                   gpointer           state,
                   const NpSideQuery *query)
{
  np_side_decision_add_selected (query, selecting (state, query->direction, query->subject));
}

static void
k8s_allow (NpEvaluator       *self,
           gpointer           state,
           const NpSideQuery *query,
           NpConnSet         *allowed)
{
  GPtrArray *policies = selecting (state, query->direction, query->subject);

  for (guint i = 0; i < policies->len; i++)
    {
      Policy *policy = policies->pdata[i];
      GPtrArray *rules = policy->rules[query->direction];

      for (guint r = 0; r < rules->len; r++)
        {
          Rule *rule = rules->pdata[r];
          g_autoptr(NpConnSet) owned = NULL;
          const NpConnSet *conns;

          if (!peer_matches (self, rule, query->peer))
            continue;
          /* Ports without names allow the same toward every destination:
           * made once per rule rather than once per pair. */
          conns = rule->conns != NULL ? rule->conns
                                      : (owned = rule_connections (self, rule, query->destination));
          if (query->side != NULL && np_conn_set_contains (conns, query->protocol, query->port))
            np_side_decision_add (query->side->rules, query->side->rule_refs, &rule->ref,
                                  query->direction, NULL);
          np_conn_set_union (allowed, conns);
        }
    }
}


static char *
rule_name (NpDirection direction, int index)
{
  return g_strdup_printf ("%s rule #%d", direction == NP_DIRECTION_INGRESS ? "Ingress" : "Egress", index + 1);
}

/* netpol-analyzer's reasons [NP GetXgressAllowedConns]: each rule that
 * selects the peer allows its ports; what none allows is refused by the
 * first of them ("the protocols and ports do not match"), or by the policy
 * when no rule selects the peer, or has no rule at all. */
static void
k8s_explain (NpEvaluator       *self,
             gpointer           state,
             const NpSideQuery *query,
             GPtrArray         *out)
{
  GPtrArray *policies = selecting (state, query->direction, query->subject);

  for (guint i = 0; i < policies->len; i++)
    {
      Policy *policy = policies->pdata[i];
      GPtrArray *rules = policy->rules[query->direction];
      NpPolicyReasons *reasons = np_policy_reasons_new ("NetworkPolicy", g_strdup (policy->name), TRUE);

      for (guint r = 0; r < rules->len; r++)
        {
          Rule *rule = rules->pdata[r];
          g_autoptr(NpConnSet) conns = NULL;

          if (!peer_matches (self, rule, query->peer))
            continue;
          conns = rule_connections (self, rule, query->destination);
          g_ptr_array_add (reasons->reasons,
                           np_rule_reason_new (NP_RULE_REASON_ALLOW, &rule->ref,
                                               rule_name (query->direction, r), conns));
          if (reasons->fallback == NULL)
            reasons->fallback = np_rule_reason_new (np_conn_set_is_empty (conns) && rule_has_named_port (rule) ?
                                                    NP_RULE_REASON_NAMED_PORTS : NP_RULE_REASON_PORTS,
                                                    &rule->ref, rule_name (query->direction, r), NULL);
        }
      if (reasons->fallback == NULL)
        reasons->fallback = np_rule_reason_new (rules->len == 0 ? NP_RULE_REASON_NO_RULES :
                                                NP_RULE_REASON_NOT_SELECTED, &policy->ref, NULL, NULL);
      g_ptr_array_add (out, reasons);
    }
}

/* The rows (np-connlist-rows.c) --------------------------------------------- */

gboolean
np_eval_k8s_side_rules (NpEvaluator *self,
                        NpDirection  direction,
                        guint        subject,
                        GPtrArray   *rules)
{
  GPtrArray *policies = selecting (np_evaluator_get_family_state (self, &np_eval_family_k8s), direction, subject);

  for (guint i = 0; i < policies->len; i++)
    {
      GPtrArray *policy_rules = ((Policy *) policies->pdata[i])->rules[direction];

      for (guint r = 0; r < policy_rules->len; r++)
        g_ptr_array_add (rules, policy_rules->pdata[r]);
    }
  return policies->len > 0;
}

guint
np_eval_k8s_n_rules (NpEvaluator *self)
{
  return ((State *) np_evaluator_get_family_state (self, &np_eval_family_k8s))->n_rules;
}

guint
np_eval_k8s_rule_index (gpointer rule)
{
  return ((Rule *) rule)->index;
}

gboolean
np_eval_k8s_rule_matches (NpEvaluator      *self,
                          gpointer          rule,
                          const NpEndpoint *peer)
{
  return peer_matches (self, rule, peer);
}

gboolean
np_eval_k8s_rule_workloads (NpEvaluator *self,
                            gpointer     rule,
                            GArray      *workloads)
{
  State *state = np_evaluator_get_family_state (self, &np_eval_family_k8s);
  Rule *compiled = rule;

  if (compiled->all_peers || (self->flags & NP_EVAL_IPBLOCK_MATCHES_PODS))
    return FALSE;
  /* Only the namespaces some peer takes: a rule of pod selectors alone
   * looks at its own namespace's workloads, not at the cluster's. */
  for (guint n = 0; n < state->n_namespaces; n++)
    {
      GArray *members = state->members->pdata[n];
      guint first = g_array_index (members, guint, 0);
      gboolean candidate = FALSE;

      for (guint i = 0; i < compiled->selector_peers->len && !candidate; i++)
        candidate = peer_namespace_ok (self, compiled, &g_array_index (compiled->selector_peers, SelectorPeer, i),
                                       first);
      for (guint m = 0; candidate && m < members->len; m++)
        if (rule_selects (self, compiled, g_array_index (members, guint, m)))
          g_array_append_val (workloads, g_array_index (members, guint, m));
    }
  return TRUE;
}

gboolean
np_eval_k8s_rule_matches_all (gpointer rule)
{
  return ((Rule *) rule)->all_peers;
}

gboolean
np_eval_k8s_rule_has_blocks (gpointer rule)
{
  return ((Rule *) rule)->blocks->len > 0;
}

const NpConnSet *
np_eval_k8s_rule_conns (NpEvaluator       *self,
                        gpointer           rule,
                        const NpEndpoint  *destination,
                        NpConnSet        **owned)
{
  Rule *compiled = rule;

  return compiled->conns != NULL ? compiled->conns : (*owned = rule_connections (self, compiled, destination));
}

/* Kubernetes NetworkPolicy: a pod selected for a direction is isolated in
 * it; the union of the selecting policies' rules is what it allows. No
 * deny rules. */
const NpEvalFamily np_eval_family_k8s = {
  .name = "NetworkPolicy",
  .tier = NP_EVAL_TIER_NETWORK_POLICY,
  .compile = k8s_compile,
  .free_state = k8s_free_state,
  .isolates = k8s_isolates,
  .list_policies = k8s_list_policies,
  .allow = k8s_allow,
  .deny = NULL,
  .explain = k8s_explain,
};
