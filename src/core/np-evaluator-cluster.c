/* np-evaluator-cluster.c: the Admin and Baseline tiers: AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cluster-policies.md §3.1 and §4. Per side, on connection sets: the
 * Admin-tier policies that select the subject, by ascending priority, then
 * their rules in order; each rule that matches the peer takes the
 * connections of its ports out of what is still undecided (Allow: allowed,
 * Deny: denied, Pass: on to the NetworkPolicy tier). What no Admin rule
 * matches goes on as well. The driver (np-evaluator.c) then asks the
 * NetworkPolicy tier, and for a side that tier does not isolate, the
 * Baseline tier here, whose Deny rules refuse what its earlier Allow rules
 * did not already take; the rest is allowed.
 *
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy follow netpol-analyzer
 * (§4): `networks` peers match external addresses only (unless
 * NP_EVAL_NETWORKS_MATCH_PODS), `nodes` peers and IPv6 prefixes are skipped
 * with its warnings, named ports resolve on the destination pod, and its
 * fatal errors are found by np-evaluator-cluster-check.c. netpol-analyzer
 * reads no ClusterNetworkPolicy: those are evaluated as upstream says, with
 * the same choices where upstream leaves one open.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-private.h"
#include "np-cluster-policy.h"
#include "np-evaluator-cluster-private.h"
#include "np-inventory-private.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-selector-requirement.h"

/* One entry of a rule's ports (v1alpha1) or protocols (v1alpha2). */
typedef struct {
  gboolean    known;     /* a protocol the connection sets track */
  NpProtocol  protocol;
  guint       first;     /* 0 for a named port */
  guint       last;
  const char *name;      /* (nullable) a named port, borrowed from the tree */
} PortEntry;

/* The compiled rules and policies (NpEvalClusterRule, NpEvalClusterPolicy)
 * are in np-evaluator-cluster-private.h: the connectivity rows
 * (np-connlist-rows-cluster.c) read them too. */
typedef NpEvalClusterRule Rule;
typedef NpEvalClusterPolicy Policy;

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->workloads);
  g_clear_pointer (&rule->blocks, g_array_unref);
  g_clear_pointer (&rule->ports, g_array_unref);
  g_clear_pointer (&rule->fixed, np_conn_set_free);
  g_free (rule->label);
  g_free (rule->prefix);
  g_free (rule->where);
  g_free (rule);
}

static void
policy_free (gpointer data)
{
  Policy *policy = data;

  g_free (policy->where);
  g_free (policy->name);
  g_free (policy->subjects);
  g_clear_pointer (&policy->rules[0], g_ptr_array_unref);
  g_clear_pointer (&policy->rules[1], g_ptr_array_unref);
  g_free (policy);
}

void
np_eval_cluster_free (NpEvalCluster *cluster)
{
  if (cluster == NULL)
    return;
  for (guint t = 0; t < 2; t++)
    for (guint d = 0; d < 2; d++)
      g_clear_pointer (&cluster->selecting[t][d], g_ptr_array_unref);
  g_clear_pointer (&cluster->admin, g_ptr_array_unref);
  g_clear_pointer (&cluster->baseline, g_ptr_array_unref);
  g_clear_pointer (&cluster->policies, g_ptr_array_unref);
  g_free (cluster->error);
  g_free (cluster->label_set);
  g_free (cluster->namespace_of);
  g_clear_pointer (&cluster->selected, g_hash_table_unref);
  g_free (cluster);
}

const char *
np_eval_cluster_get_error (NpEvalCluster *cluster)
{
  return cluster != NULL ? cluster->error : NULL;
}

/* Compiling ---------------------------------------------------------------- */

static const char *
kind_name (NpClusterPolicyKind kind)
{
  switch (kind)
    {
    case NP_CLUSTER_POLICY_ANP:
      return "AdminNetworkPolicy";
    case NP_CLUSTER_POLICY_BANP:
      return "BaselineAdminNetworkPolicy";
    case NP_CLUSTER_POLICY_CNP:
    default:
      return "ClusterNetworkPolicy";
    }
}

char *
np_eval_cluster_wrapper (NpClusterPolicyKind  kind,
                         const char          *name,
                         const char          *rule)
{
  const char *n = name != NULL ? name : "";

  switch (kind)
    {
    case NP_CLUSTER_POLICY_BANP:
      /* netpol-analyzer's two spaces before "in rule" (sic). */
      return rule != NULL ? g_strdup_printf ("default baseline admin network policy:  in rule \"%s\": ", rule)
                          : g_strdup ("default baseline admin network policy: ");
    case NP_CLUSTER_POLICY_CNP:
      return rule != NULL ? g_strdup_printf ("cluster network policy \"%s\": in rule \"%s\": ", n, rule)
                          : g_strdup_printf ("cluster network policy \"%s\": ", n);
    case NP_CLUSTER_POLICY_ANP:
    default:
      return rule != NULL ? g_strdup_printf ("admin network policy \"%s\": in rule \"%s\": ", n, rule)
                          : g_strdup_printf ("admin network policy \"%s\": ", n);
    }
}

/* The selector mapping @selector compiled; NULL when absent, which
 * selects everything, as an empty one does. (transfer full) */
static NpLabelSelector *
compile_selector (const NpNode *selector)
{
  return selector != NULL ? np_cilium_selector_from_node (selector) : NULL;
}

static gboolean
selector_matches (NpLabelSelector *selector, GHashTable *labels)
{
  if (selector == NULL)
    return TRUE;
  return labels != NULL && np_label_selector_matches (selector, labels);
}

static const char *
string_at (const NpNode *node, const char *key)
{
  NpNode *value = node != NULL ? np_node_lookup (node, key) : NULL;

  return value != NULL && np_node_is_string (value) ? np_node_get_text (value) : NULL;
}

static gboolean
int_at (const NpNode *node, const char *key, gint64 *out)
{
  NpNode *value = node != NULL ? np_node_lookup (node, key) : NULL;

  return value != NULL && np_node_get_kind (value) == NP_NODE_SCALAR && np_node_get_int (value, out);
}

static int
compare_strings (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Numbers the workloads' pod label sets (equal labels, equal number) and
 * their namespaces. */
static void
number_label_sets (NpEvaluator *self, NpEvalCluster *cluster)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) namespaces = g_hash_table_new (g_str_hash, g_str_equal);

  cluster->label_set = g_new0 (guint, MAX (self->n_workloads, 1));
  cluster->namespace_of = g_new0 (guint, MAX (self->n_workloads, 1));
  for (guint w = 0; w < self->n_workloads; w++)
    {
      const NpWorkload *workload = np_inventory_get_workload (self->inventory, w);
      GHashTable *labels = workload->labels;
      GString *key = g_string_new (labels == NULL ? "-" : "+");
      g_autofree gpointer *names = NULL;
      guint n_names = 0;
      gpointer found;

      if (labels != NULL)
        {
          names = g_hash_table_get_keys_as_array (labels, &n_names);
          g_qsort_with_data (names, n_names, sizeof (gpointer), compare_strings, NULL);
        }
      for (guint i = 0; i < n_names; i++)
        {
          const char *value = g_hash_table_lookup (labels, names[i]);

          g_string_append_printf (key, "%zu:%s%zu:%s", strlen (names[i]), (char *) names[i],
                                  value != NULL ? strlen (value) : 0, value != NULL ? value : "");
        }
      if (!g_hash_table_lookup_extended (numbers, key->str, NULL, &found))
        {
          found = GUINT_TO_POINTER (g_hash_table_size (numbers));
          g_hash_table_insert (numbers, g_strdup (key->str), found);
        }
      cluster->label_set[w] = GPOINTER_TO_UINT (found);
      g_string_free (key, TRUE);
      if (!g_hash_table_lookup_extended (namespaces, workload->namespace_, NULL, &found))
        {
          found = GUINT_TO_POINTER (g_hash_table_size (namespaces));
          g_hash_table_insert (namespaces, workload->namespace_, found);
        }
      cluster->namespace_of[w] = GPOINTER_TO_UINT (found);
    }
  cluster->n_label_sets = g_hash_table_size (numbers);
  cluster->n_namespaces = g_hash_table_size (namespaces);
}

/* Appends @selector's requirements to @key ("N" for no selector). */
static void
append_selector_key (GString *key, NpLabelSelector *selector)
{
  GListModel *requirements;

  if (selector == NULL)
    {
      g_string_append (key, "N|");
      return;
    }
  requirements = np_label_selector_get_requirements (selector);
  g_string_append_c (key, 'S');
  for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
    {
      g_autoptr(NpSelectorRequirement) r = g_list_model_get_item (requirements, i);

      np_selector_requirement_append_key (r, key);
    }
  g_string_append_c (key, '|');
}

/* The workloads that the pair of selectors selects (a NULL selector:
 * every namespace, or every pod), in order. */
static GArray *
select_workloads (NpEvaluator *self, NpLabelSelector *namespaces, NpLabelSelector *pods)
{
  NpEvalCluster *cluster = self->cluster;
  GArray *selected = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Per label set: 0 not asked yet, 1 the pod selector takes it, 2 not
   * (pods of equal labels are many: the selector is asked once); the
   * same per namespace for the namespace selector. */
  g_autofree guint8 *taken = g_new0 (guint8, MAX (cluster->n_label_sets, 1));
  g_autofree guint8 *namespace_taken = g_new0 (guint8, MAX (cluster->n_namespaces, 1));

  for (guint w = 0; w < self->n_workloads; w++)
    {
      guint8 *namespace_ok = &namespace_taken[cluster->namespace_of[w]];
      guint8 *pods_ok = &taken[cluster->label_set[w]];
      const NpWorkload *workload = NULL;

      if (*namespace_ok == 0)
        {
          workload = np_inventory_get_workload (self->inventory, w);
          *namespace_ok = selector_matches (namespaces,
                                            np_inventory_get_namespace_labels (self->inventory,
                                                                               workload->namespace_)) ? 1 : 2;
        }
      if (*namespace_ok == 2)
        continue;
      if (*pods_ok == 0)
        {
          if (workload == NULL)
            workload = np_inventory_get_workload (self->inventory, w);
          *pods_ok = selector_matches (pods, workload->labels) ? 1 : 2;
        }
      if (*pods_ok == 1)
        g_array_append_val (selected, w);
    }
  return selected;
}

/* Appends @node's data to @key so that different data never give the same
 * key: kinds as letters, texts after their lengths; no node as "-". */
static void
append_node_key (GString *key, const NpNode *node)
{
  if (node == NULL)
    {
      g_string_append_c (key, '-');
      return;
    }
  switch (np_node_get_kind (node))
    {
    case NP_NODE_MAPPING:
      g_string_append_c (key, '{');
      for (guint i = 0; i < np_node_get_n_pairs (node); i++)
        {
          const char *name = np_node_get_key (node, i);

          g_string_append_printf (key, "%zu:%s", strlen (name), name);
          append_node_key (key, np_node_get_value (node, i));
        }
      g_string_append_c (key, '}');
      break;
    case NP_NODE_SEQUENCE:
      g_string_append_c (key, '[');
      for (guint i = 0; i < np_node_get_n_items (node); i++)
        append_node_key (key, np_node_get_item (node, i));
      g_string_append_c (key, ']');
      break;
    case NP_NODE_SCALAR:
    default:
      {
        const char *text = np_node_get_text (node);

        g_string_append_printf (key, "%d%zu:%s", (int) np_node_get_scalar_type (node),
                                text != NULL ? strlen (text) : 0, text != NULL ? text : "");
      }
      break;
    }
}

/* Marks in @marks the workloads that the pair of selectors selects. */
static void
mark_workloads (NpEvaluator  *self,
                guint8       *marks,
                const NpNode *namespace_selector,
                const NpNode *pod_selector)
{
  NpEvalCluster *cluster = self->cluster;
  g_autoptr(GString) written = g_string_new ("T");
  GArray *selected;

  /* Selectors written alike select alike, without being compiled: the
   * policies repeat a few of them many times. Those written otherwise
   * (other key order, matchLabels for matchExpressions) meet under the
   * key of their requirements. */
  append_node_key (written, namespace_selector);
  append_node_key (written, pod_selector);
  selected = g_hash_table_lookup (cluster->selected, written->str);
  if (selected == NULL)
    {
      g_autoptr(NpLabelSelector) namespaces = compile_selector (namespace_selector);
      g_autoptr(NpLabelSelector) pods = compile_selector (pod_selector);
      g_autoptr(GString) key = g_string_new ("R");

      append_selector_key (key, namespaces);
      append_selector_key (key, pods);
      selected = g_hash_table_lookup (cluster->selected, key->str);
      if (selected == NULL)
        {
          selected = select_workloads (self, namespaces, pods);
          g_hash_table_insert (cluster->selected, g_strdup (key->str), selected);
        }
      g_hash_table_insert (cluster->selected, g_strdup (written->str), g_array_ref (selected));
    }
  for (guint i = 0; i < selected->len; i++)
    marks[g_array_index (selected, guint, i)] = 1;
}

static void
add_port_entry (GArray *ports, const char *protocol_name, gint64 first, gint64 last)
{
  PortEntry entry = { 0 };

  entry.known = np_cluster_port_protocol_parse (protocol_name, &entry.protocol);
  if (first < NP_PORT_MIN || last > NP_PORT_MAX || first > last)
    return;  /* the check refuses it (netpol-analyzer), or the schema does */
  entry.first = first;
  entry.last = last;
  g_array_append_val (ports, entry);
}

static void
add_named_port (GArray *ports, const char *name)
{
  PortEntry entry = { 0 };

  entry.name = name;
  g_array_append_val (ports, entry);
}

/* v1alpha1: ports[] of portNumber {protocol, port}, namedPort, portRange
 * {protocol, start, end}. */
static void
read_v1alpha1_ports (GArray *ports, const NpNode *list)
{
  for (guint i = 0; i < np_node_get_n_items (list); i++)
    {
      const NpNode *item = np_node_get_item (list, i);
      const NpNode *number = np_inventory_mapping_at (item, "portNumber");
      const NpNode *range = np_inventory_mapping_at (item, "portRange");
      const char *named = string_at (item, "namedPort");
      gint64 first, last;

      /* netpol-analyzer refuses an entry with other than one field
       * (np-evaluator-cluster-check.c); upstream's schema too. */
      if ((number != NULL) + (range != NULL) + (named != NULL) != 1)
        continue;
      if (number != NULL && int_at (number, "port", &first))
        add_port_entry (ports, string_at (number, "protocol"), first, first);
      else if (range != NULL && int_at (range, "start", &first) && int_at (range, "end", &last))
        add_port_entry (ports, string_at (range, "protocol"), first, last);
      else if (named != NULL)
        add_named_port (ports, named);
    }
}

/* v1alpha2: protocols[] of tcp|udp|sctp {destinationPort: {number | range}},
 * destinationNamedPort. */
static void
read_v1alpha2_ports (GArray *ports, const NpNode *list)
{
  static const char * const protocols[] = { "tcp", "udp", "sctp" };

  for (guint i = 0; i < np_node_get_n_items (list); i++)
    {
      const NpNode *item = np_node_get_item (list, i);
      const char *named = string_at (item, "destinationNamedPort");

      if (named != NULL)
        add_named_port (ports, named);
      for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
        {
          const NpNode *destination = np_inventory_mapping_at (np_inventory_mapping_at (item, protocols[p]), "destinationPort");
          const NpNode *range = np_inventory_mapping_at (destination, "range");
          gint64 first, last;

          if (int_at (destination, "number", &first))
            add_port_entry (ports, protocols[p], first, first);
          else if (range != NULL && int_at (range, "start", &first) && int_at (range, "end", &last))
            add_port_entry (ports, protocols[p], first, last);
        }
    }
}

static Rule *
compile_rule (NpEvaluator             *self,
              const NpInventoryPolicy *entry,
              Policy                  *policy,
              const NpClusterRule     *source,
              NpDirection              direction,
              guint                    index)
{
  NpClusterPolicy *cluster = NP_CLUSTER_POLICY (entry->policy);
  const char *policy_name = np_cluster_policy_get_name (cluster);
  gboolean nga = policy->kind != NP_CLUSTER_POLICY_CNP;
  /* netpol-analyzer warns about a rule when it reads it, for a pod its
   * policy selects: not for a policy that selects none. */
  gboolean warn = FALSE;
  guint line = source->node != NULL && np_node_get_line (source->node) > 0 ?
               np_node_get_line (source->node) : entry->line;
  Rule *rule = g_new0 (Rule, 1);

  rule->action = np_cluster_rule_get_action (source, policy->kind);
  /* Upstream: networks hold pod addresses too. netpol-analyzer: never;
   * it reads no ClusterNetworkPolicy, so those follow upstream. */
  rule->pod_ips = !nga || (self->flags & NP_EVAL_NETWORKS_MATCH_PODS);
  rule->workloads = g_new0 (guint8, MAX (self->n_workloads, 1));
  rule->blocks = g_array_new (FALSE, TRUE, sizeof (NpAddressBlock));
  g_array_set_clear_func (rule->blocks, (GDestroyNotify) np_address_block_clear);
  rule->ports = g_array_new (FALSE, TRUE, sizeof (PortEntry));
  rule->label = g_strdup_printf ("%s rule %s", direction == NP_DIRECTION_INGRESS ? "Ingress" : "Egress",
                                 source->name != NULL ? source->name : "");
  rule->prefix = np_eval_cluster_wrapper (policy->kind, policy_name, source->name != NULL ? source->name : "");
  rule->where = g_strdup_printf ("%s:%u: %s '%s', %s rule %u%s%s%s", entry->file, line, policy->kind_name,
                                 policy_name != NULL ? policy_name : "",
                                 direction == NP_DIRECTION_INGRESS ? "ingress" : "egress", index + 1,
                                 source->name != NULL ? " (" : "", source->name != NULL ? source->name : "",
                                 source->name != NULL ? ")" : "");
  rule->ref = (NpRuleRef) { entry->policy, entry->file, line, direction, -1, (int) index,
                            rule->action == NP_CLUSTER_ACTION_DENY, rule->where };
  for (guint w = 0; w < self->n_workloads && !warn; w++)
    warn = policy->subjects[w];

  for (guint i = 0; source->peers != NULL && i < np_node_get_n_items (source->peers); i++)
    {
      const NpNode *peer = np_node_get_item (source->peers, i);
      const NpNode *namespaces = np_inventory_mapping_at (peer, "namespaces");
      const NpNode *pods = np_inventory_mapping_at (peer, "pods");
      const NpNode *networks = np_inventory_sequence_at (peer, "networks");

      if (namespaces != NULL)
        mark_workloads (self, rule->workloads, namespaces, NULL);
      else if (pods != NULL)
        mark_workloads (self, rule->workloads, np_inventory_mapping_at (pods, "namespaceSelector"),
                        np_inventory_mapping_at (pods, "podSelector"));
      else if (networks != NULL && direction == NP_DIRECTION_EGRESS)
        for (guint n = 0; n < np_node_get_n_items (networks); n++)
          {
            NpNode *item = np_node_get_item (networks, n);
            const char *text = np_node_is_string (item) ? np_node_get_text (item) : NULL;
            NpAddressBlock block = { 0 };

            if (text == NULL || !np_address_block_init (&block, text, NULL, FALSE))
              continue;
            if (block.cidr.family == 6 && nga)
              {
                if (warn)
                  np_evaluator_add_warning (self, g_strconcat (rule->prefix, "IPv6 addresses are not supported",
                                                               NULL));
                np_address_block_clear (&block);
                continue;
              }
            g_array_append_val (rule->blocks, block);
          }
      else if (np_node_lookup (peer, "domainNames") != NULL && direction == NP_DIRECTION_EGRESS && !nga)
        np_evaluator_add_note (self, g_strdup_printf (_("%s: domainNames peers are not evaluated: the "
                                                        "addresses names resolve to are not known here."),
                                                      rule->where));
      else if (np_node_lookup (peer, "nodes") != NULL && direction == NP_DIRECTION_EGRESS)
        {
          if (nga && warn)
            np_evaluator_add_warning (self, g_strconcat (rule->prefix, "Nodes field of an AdminNetworkPolicyEgressPeer "
                                                         "is not supported", NULL));
          else if (!nga)
            np_evaluator_add_note (self, g_strdup_printf (_("%s: nodes peers are not evaluated: node addresses "
                                                            "are not known here."), rule->where));
        }
    }

  {
    NpNode *ports = np_node_lookup (source->node, nga ? "ports" : "protocols");

    /* Absent or null: every port; an empty list: none. */
    rule->all_ports = ports == NULL || np_node_is_null (ports);
  }
  if (source->ports != NULL)
    {
      if (nga)
        read_v1alpha1_ports (rule->ports, source->ports);
      else
        read_v1alpha2_ports (rule->ports, source->ports);
    }
  rule->fixed = rule->all_ports ? np_conn_set_new_all () : np_conn_set_new ();
  for (guint i = 0; i < rule->ports->len; i++)
    {
      const PortEntry *port = &g_array_index (rule->ports, PortEntry, i);

      if (port->name != NULL)
        rule->has_named = TRUE;
      else if (port->known)
        np_conn_set_add_range (rule->fixed, port->protocol, port->first, port->last);
    }
  return rule;
}

static NpEvalTier
policy_tier (NpClusterPolicy *cluster, gboolean *known)
{
  const char *tier = np_cluster_policy_get_tier (cluster);

  *known = tier != NULL && (g_str_equal (tier, "Admin") || g_str_equal (tier, "Baseline"));
  return tier != NULL && g_str_equal (tier, "Baseline") ? NP_EVAL_TIER_BASELINE : NP_EVAL_TIER_ADMIN;
}

static Policy *
compile_policy (NpEvaluator *self, const NpInventoryPolicy *entry, guint order)
{
  NpClusterPolicy *cluster = NP_CLUSTER_POLICY (entry->policy);
  const char *name = np_cluster_policy_get_name (cluster);
  const NpNode *ns_selector, *pod_selector;
  NpClusterSubjectKind subject;
  gboolean known_tier;
  Policy *policy;

  policy = g_new0 (Policy, 1);
  policy->kind = np_cluster_policy_get_kind (cluster);
  policy->kind_name = kind_name (policy->kind);
  policy->tier = policy_tier (cluster, &known_tier);
  policy->order = order;
  /* No priority reads as 0, as netpol-analyzer's decoder leaves it. */
  if (!np_cluster_policy_get_priority (cluster, &policy->priority))
    policy->priority = 0;
  policy->name = g_strdup_printf ("%s '%s'", policy->kind_name, name != NULL ? name : "");
  policy->where = g_strdup_printf ("%s:%u: %s", entry->file, entry->line, policy->name);
  policy->ref = (NpRuleRef) { entry->policy, entry->file, entry->line, NP_DIRECTION_INGRESS, -1, -1, FALSE,
                              policy->where };
  policy->subjects = g_new0 (guint8, MAX (self->n_workloads, 1));
  subject = np_cluster_policy_get_subject (cluster, &ns_selector, &pod_selector);
  /* A ClusterNetworkPolicy without a tier, or a subject, decides nothing
   * (the validator says why); netpol-analyzer stops at such an ANP. */
  if (known_tier && subject == NP_CLUSTER_SUBJECT_NAMESPACES)
    mark_workloads (self, policy->subjects, ns_selector, NULL);
  else if (known_tier && subject == NP_CLUSTER_SUBJECT_PODS)
    mark_workloads (self, policy->subjects, ns_selector, pod_selector);

  for (guint d = 0; d < 2; d++)
    {
      policy->rules[d] = g_ptr_array_new_with_free_func (rule_free);
      for (guint i = 0; i < np_cluster_policy_get_n_rules (cluster, (NpClusterDirection) d); i++)
        g_ptr_array_add (policy->rules[d],
                         compile_rule (self, entry, policy, np_cluster_policy_get_rule (cluster, d, i), d, i));
    }
  return policy;
}

static int
compare_priority (gconstpointer a, gconstpointer b)
{
  const Policy *x = *(const Policy * const *) a;
  const Policy *y = *(const Policy * const *) b;

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

NpEvalCluster *
np_eval_cluster_compile (NpEvaluator *self)
{
  guint n = np_inventory_get_n_cluster_policies (self->inventory);
  NpEvalCluster *cluster;

  if (n == 0)
    return NULL;
  cluster = g_new0 (NpEvalCluster, 1);
  cluster->policies = g_ptr_array_new_with_free_func (policy_free);
  cluster->admin = g_ptr_array_new ();
  cluster->baseline = g_ptr_array_new ();
  cluster->error = np_eval_cluster_check (self->inventory);
  /* The policies are compiled with the cluster in place (mark_workloads()
   * reads its label sets); np_evaluator_new() sets it again from the result. */
  number_label_sets (self, cluster);
  cluster->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->cluster = cluster;
  for (guint i = 0; i < n; i++)
    {
      Policy *policy = compile_policy (self, np_inventory_get_cluster_policy (self->inventory, i), i);

      g_ptr_array_add (cluster->policies, policy);
      g_ptr_array_add (policy->tier == NP_EVAL_TIER_BASELINE ? cluster->baseline : cluster->admin, policy);
    }
  g_clear_pointer (&cluster->selected, g_hash_table_unref);
  /* g_ptr_array_sort is not stable: the order breaks ties. */
  g_ptr_array_sort (cluster->admin, compare_priority);
  g_ptr_array_sort (cluster->baseline, compare_priority);
  /* netpol-analyzer's Selects: the subject matches and the policy has
   * rules in the direction (the rules decide nothing otherwise anyway). */
  for (guint t = 0; t < 2; t++)
    {
      GPtrArray *sorted = t == 0 ? cluster->admin : cluster->baseline;

      for (guint d = 0; d < 2; d++)
        {
          cluster->selecting[t][d] = np_evaluator_new_subject_table (self);
          for (guint p = 0; p < sorted->len; p++)
            {
              Policy *policy = sorted->pdata[p];

              if (policy->rules[d]->len == 0)
                continue;
              for (guint w = 0; w < self->n_workloads; w++)
                if (policy->subjects[w])
                  g_ptr_array_add (g_ptr_array_index (cluster->selecting[t][d], w), policy);
            }
        }
    }
  return cluster;
}

/* Deciding ----------------------------------------------------------------- */

/* The policies of @tier that select @subject in @direction, in order. */
static GPtrArray *
selecting (NpEvaluator *self, NpEvalTier tier, NpDirection direction, guint subject)
{
  NpEvalCluster *cluster = self->cluster;

  return g_ptr_array_index (cluster->selecting[tier == NP_EVAL_TIER_BASELINE][direction], subject);
}

gboolean
np_eval_cluster_reads_pod_ips (NpEvaluator *self)
{
  NpEvalCluster *cluster = self->cluster;

  for (guint p = 0; cluster != NULL && p < cluster->policies->len; p++)
    {
      Policy *policy = cluster->policies->pdata[p];

      for (guint d = 0; d < 2; d++)
        for (guint r = 0; r < policy->rules[d]->len; r++)
          {
            Rule *rule = policy->rules[d]->pdata[r];

            if (rule->pod_ips && rule->blocks->len > 0)
              return TRUE;
          }
    }
  return FALSE;
}

gboolean
np_eval_cluster_selects (NpEvaluator *self,
                         NpEvalTier   tier,
                         NpDirection  direction,
                         guint        subject)
{
  if (self->cluster == NULL || subject >= self->n_workloads)
    return FALSE;
  return selecting (self, tier, direction, subject)->len > 0;
}

static gboolean
address_in_blocks (const Rule *rule, const NpCidr *address)
{
  for (guint b = 0; b < rule->blocks->len; b++)
    if (np_address_block_contains (&g_array_index (rule->blocks, NpAddressBlock, b), address))
      return TRUE;
  return FALSE;
}

gboolean
np_eval_cluster_peer_matches (NpEvaluator *self, const Rule *rule, const NpEndpoint *peer)
{
  switch (peer->kind)
    {
    case NP_ENDPOINT_WORKLOAD:
      if (rule->workloads[peer->workload])
        return TRUE;
      if (rule->pod_ips && rule->blocks->len > 0)
        {
          const NpWorkload *w = np_inventory_get_workload (self->inventory, peer->workload);

          for (guint i = 0; i < w->ips->len; i++)
            {
              NpCidr address;

              if (np_ip_parse (w->ips->pdata[i], &address, NULL) && address_in_blocks (rule, &address))
                return TRUE;
            }
        }
      return FALSE;
    case NP_ENDPOINT_EXTERNAL:
      return address_in_blocks (rule, &peer->address);
    default:
      /* Nodes peers are not evaluated; reserved identities are no pods. */
      return FALSE;
    }
}

NpConnSet *
np_eval_cluster_rule_conns (NpEvaluator *self, const Rule *rule, const NpEndpoint *destination, gboolean *warns)
{
  const NpWorkload *workload = destination->kind == NP_ENDPOINT_WORKLOAD
                               ? np_inventory_get_workload (self->inventory, destination->workload) : NULL;
  NpConnSet *set;

  /* Numbered ports and ranges are the same for every destination. */
  set = np_conn_set_copy (rule->fixed);
  for (guint i = 0; rule->has_named && i < rule->ports->len; i++)
    {
      const PortEntry *entry = &g_array_index (rule->ports, PortEntry, i);
      gboolean found = FALSE;

      if (entry->name == NULL)
        continue;
      if (workload == NULL)
        {
          if (warns != NULL)
            *warns = TRUE;
          else
            np_evaluator_add_warning (self, g_strconcat (rule->prefix, "named port is not defined for IP "
                                                         "addresses; skipped", NULL));
          continue;
        }
      /* netpol-analyzer: the pod's container port of that name, with its
       * protocol (TCP when it names none). */
      for (guint j = 0; j < workload->ports->len && !found; j++)
        {
          const NpContainerPort *cp = workload->ports->pdata[j];
          NpProtocol protocol;

          if (g_strcmp0 (cp->name, entry->name) != 0)
            continue;
          found = TRUE;
          if (np_protocol_parse (cp->protocol != NULL ? cp->protocol : "TCP", &protocol))
            np_conn_set_add_range (set, protocol, cp->port, cp->port);
        }
      if (!found && warns != NULL)
        *warns = TRUE;
      else if (!found)
        np_evaluator_add_warning (self, g_strdup_printf ("%sport name:  \"%s\" has no match in the configuration "
                                                         "of the destination peer \"%s/%s\"", rule->prefix,
                                                         entry->name, workload->namespace_, workload->name));
    }
  return set;
}

gboolean
np_eval_cluster_matches (NpEvaluator       *self,
                         NpEvalTier         tier,
                         const NpSideQuery *query)
{
  GPtrArray *policies;

  if (self->cluster == NULL || query->subject >= self->n_workloads)
    return FALSE;
  policies = selecting (self, tier, query->direction, query->subject);
  for (guint p = 0; p < policies->len; p++)
    {
      Policy *policy = policies->pdata[p];
      GPtrArray *rules = policy->rules[query->direction];

      for (guint r = 0; r < rules->len; r++)
        {
          Rule *rule = rules->pdata[r];

          if (rule->action != NP_CLUSTER_ACTION_NONE && np_eval_cluster_peer_matches (self, rule, query->peer))
            return TRUE;
        }
    }
  return FALSE;
}

/* The tiers sentence of a rule: "AdminNetworkPolicy 'x' passes by Ingress
 * rule y". (transfer full) */
static char *
action_sentence (NpClusterAction action, const char *policy, const char *rule)
{
  switch (action)
    {
    case NP_CLUSTER_ACTION_ALLOW:
      /* TRANSLATORS: "AdminNetworkPolicy 'x' allows by Ingress rule y" */
      return g_strdup_printf (_("%s allows by %s"), policy, rule);
    case NP_CLUSTER_ACTION_DENY:
      return g_strdup_printf (_("%s denies by %s"), policy, rule);
    case NP_CLUSTER_ACTION_PASS:
    default:
      return g_strdup_printf (_("%s passes by %s"), policy, rule);
    }
}

static NpRuleReasonKind
action_reason (NpClusterAction action)
{
  switch (action)
    {
    case NP_CLUSTER_ACTION_ALLOW:
      return NP_RULE_REASON_ALLOW;
    case NP_CLUSTER_ACTION_DENY:
      return NP_RULE_REASON_DENY;
    case NP_CLUSTER_ACTION_PASS:
    default:
      return NP_RULE_REASON_PASS;
    }
}

void
np_eval_cluster_decide (NpEvaluator       *self,
                        NpEvalTier         tier,
                        const NpSideQuery *query,
                        NpConnSet         *undecided,
                        NpConnSet        **allowed,
                        NpConnSet        **denied,
                        NpConnSet        **passed,
                        GString           *tiers,
                        GPtrArray         *reasons)
{
  g_autoptr(NpConnSet) open = NULL;
  gboolean exhausted = FALSE;  /* a rule of every port took what was open */
  GPtrArray *policies;

  if (self->cluster == NULL || query->subject >= self->n_workloads)
    return;
  policies = selecting (self, tier, query->direction, query->subject);
  /* What no rule of the tier took yet (made when a rule first matches);
   * a Pass takes connections from here, not from @undecided: the next
   * tier decides them. */
  for (guint p = 0; p < policies->len && !exhausted && (open == NULL || !np_conn_set_is_empty (open)); p++)
    {
      Policy *policy = policies->pdata[p];
      GPtrArray *rules = policy->rules[query->direction];
      NpPolicyReasons *explained = NULL;

      for (guint r = 0; r < rules->len && !exhausted && (open == NULL || !np_conn_set_is_empty (open)); r++)
        {
          Rule *rule = rules->pdata[r];
          NpClusterAction action = rule->action;
          g_autoptr(NpConnSet) conns = NULL;
          NpConnSet **target;

          /* An action netpol-analyzer does not know stops it (the check
           * says so); upstream's schema rejects it: nothing to decide. */
          if (action == NP_CLUSTER_ACTION_NONE || !np_eval_cluster_peer_matches (self, rule, query->peer))
            continue;
          if (rule->all_ports)
            {
              /* Every port: the rule takes all that is left. */
              conns = open != NULL ? g_steal_pointer (&open) : np_conn_set_copy (undecided);
              exhausted = TRUE;
              if (np_conn_set_is_empty (conns))
                continue;
            }
          else
            {
              if (open == NULL)
                open = np_conn_set_copy (undecided);
              conns = np_eval_cluster_rule_conns (self, rule, query->destination, NULL);
              np_conn_set_intersect (conns, open);
              if (np_conn_set_is_empty (conns))
                continue;
              np_conn_set_subtract (open, conns);
            }
          /* A baseline Pass (ClusterNetworkPolicy) goes to the default:
           * allowed. */
          if (tier == NP_EVAL_TIER_BASELINE && action == NP_CLUSTER_ACTION_PASS)
            action = NP_CLUSTER_ACTION_ALLOW;
          if (action != NP_CLUSTER_ACTION_PASS)
            np_conn_set_subtract (undecided, conns);
          target = action == NP_CLUSTER_ACTION_ALLOW ? allowed : action == NP_CLUSTER_ACTION_DENY ? denied : passed;
          if (target != NULL)
            {
              if (*target == NULL)
                *target = np_conn_set_new ();
              np_conn_set_union (*target, conns);
            }

          if (query->side != NULL && np_conn_set_contains (conns, query->protocol, query->port))
            {
              if (action == NP_CLUSTER_ACTION_ALLOW)
                np_side_decision_add (query->side->rules, query->side->rule_refs, &rule->ref, query->direction, NULL);
              else if (action == NP_CLUSTER_ACTION_DENY)
                np_side_decision_add (query->side->denials, query->side->denial_refs, &rule->ref,
                                      query->direction, NULL);
              if (tiers != NULL)
                {
                  g_autofree char *sentence = action_sentence (action, policy->name, rule->label);

                  if (tiers->len > 0)
                    g_string_append (tiers, _(", then "));
                  g_string_append (tiers, sentence);
                }
            }
          if (reasons != NULL)
            {
              if (explained == NULL)
                {
                  explained = np_policy_reasons_new (policy->kind_name, g_strdup (policy->name), FALSE);
                  g_ptr_array_add (reasons, explained);
                }
              g_ptr_array_add (explained->reasons,
                               np_rule_reason_new (action_reason (action), &rule->ref, g_strdup (rule->label), conns));
            }
        }
    }
}
