/* np-evaluator-cluster-check.c: the errors for which netpol-analyzer refuses AdminNetworkPolicies
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cluster-policies.md §4, "Fatal errors": netpol-analyzer stops at the
 * first of these, with these words (not translated: scripts compare them).
 * netpol reports the same, then (for the GUI) still evaluates what it can.
 * ClusterNetworkPolicies are not looked at: netpol-analyzer skips them, and
 * the validator (np-cluster-validator.c) reports their problems.
 */
#include "config.h"

#include <string.h>

#include "np-evaluator-cluster-private.h"
#include "np-k8s-names.h"
#include "np-node.h"

#define SAME_PRIORITY  "Admin Network Policies: %s and %s have same priority;Two policies are considered to be " \
                       "conflicting if they are assigned the same priority."
#define BAD_PRIORITY   "Invalid Priority Value: %" G_GINT64_FORMAT " in Admin Network Policy: \"%s\"; " \
                       "Priority value must be between 0-1000"
#define SAME_NAME      "an AdminNetworkPolicy \"%s\" is already exists. Only one object of a given kind can have " \
                       "a given name at a time."
#define SECOND_BANP    "only one baseline admin network policy may be provided in input resources; one already exists"
#define BANP_NAME      "only one baseline admin network policy with metadata.name=default can be created in the cluster"
#define ONE_SUBJECT    "exactly one field must be set in a subject"
#define ONE_PEER       "exactly one field must be set in a rule peer"
#define ONE_PORT       "exactly one field must be set in an AdminNetworkPolicyPort"
#define NO_FROM        "from field must be defined and contain at least one item"
#define NO_TO          "to field must be defined and contain at least one item"
#define BAD_ACTION     "unrecognized action"
#define BAD_CIDR       "invalid CIDR address"
#define BAD_RANGE      "port range %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " is legal; start and end values of the " \
                       "port range should be in {1-65535} and end may not be less than start"

/* Whether @key of @node is set (to anything but null), as Go's decoder
 * leaves a pointer field non-nil. */
static gboolean
is_set (const NpNode *node, const char *key)
{
  NpNode *value = node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING ? np_node_lookup (node, key) : NULL;

  return value != NULL && !np_node_is_null (value);
}

static guint
count_set (const NpNode *node, const char * const *keys)
{
  guint n = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    n += is_set (node, keys[i]);
  return n;
}

static gint64
int_or_zero (const NpNode *node, const char *key)
{
  NpNode *value = node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING ? np_node_lookup (node, key) : NULL;
  gint64 number = 0;

  if (value == NULL || np_node_get_kind (value) != NP_NODE_SCALAR || !np_node_get_int (value, &number))
    return 0;
  return number;
}

/* As Go's net.ParseCIDR: a prefix, no leading zeros in IPv4. */
static gboolean
cidr_valid (const NpNode *item)
{
  NpCidrLaxIssues issues = NP_CIDR_LAX_NONE;
  NpCidr cidr;

  if (!np_node_is_string (item))
    return FALSE;
  return np_cidr_parse (np_node_get_text (item), &cidr, &issues, NULL) && !(issues & NP_CIDR_LAX_LEADING_ZERO);
}

static char *
check_ports (const NpNode *ports)
{
  static const char * const fields[] = { "portNumber", "namedPort", "portRange", NULL };

  for (guint i = 0; ports != NULL && i < np_node_get_n_items (ports); i++)
    {
      const NpNode *port = np_node_get_item (ports, i);
      const NpNode *range;
      gint64 start, end;

      if (count_set (port, fields) != 1)
        return g_strdup (ONE_PORT);
      if (!is_set (port, "portRange"))
        continue;
      range = np_node_lookup (port, "portRange");
      start = int_or_zero (range, "start");
      end = int_or_zero (range, "end");
      if (start < NP_PORT_MIN || end > NP_PORT_MAX || end < start || start > NP_PORT_MAX || end < NP_PORT_MIN)
        return g_strdup_printf (BAD_RANGE, start, end);
    }
  return NULL;
}

/* The error of one rule, without the wrapper. */
static char *
check_rule (NpClusterPolicy *policy, const NpClusterRule *rule, NpClusterDirection direction)
{
  static const char * const ingress_fields[] = { "namespaces", "pods", NULL };
  static const char * const egress_fields[] = { "namespaces", "pods", "nodes", "networks", NULL };
  const NpNode *peers = rule->peers;
  char *error;

  if (peers == NULL || np_node_get_n_items (peers) == 0)
    return g_strdup (direction == NP_CLUSTER_INGRESS ? NO_FROM : NO_TO);
  for (guint i = 0; i < np_node_get_n_items (peers); i++)
    {
      const NpNode *peer = np_node_get_item (peers, i);
      NpNode *networks;

      if (count_set (peer, direction == NP_CLUSTER_INGRESS ? ingress_fields : egress_fields) != 1)
        return g_strdup (ONE_PEER);
      networks = direction == NP_CLUSTER_EGRESS ? np_node_lookup (peer, "networks") : NULL;
      for (guint n = 0; networks != NULL && np_node_get_kind (networks) == NP_NODE_SEQUENCE &&
                        n < np_node_get_n_items (networks); n++)
        if (!cidr_valid (np_node_get_item (networks, n)))
          return g_strdup (BAD_CIDR);
    }
  if ((error = check_ports (rule->ports)) != NULL)
    return error;
  if (np_cluster_rule_get_action (rule, np_cluster_policy_get_kind (policy)) == NP_CLUSTER_ACTION_NONE)
    return g_strdup (BAD_ACTION);
  return NULL;
}

static char *
check_policy (NpClusterPolicy *policy)
{
  static const char * const subject_fields[] = { "namespaces", "pods", NULL };
  NpClusterPolicyKind kind = np_cluster_policy_get_kind (policy);
  const char *name = np_cluster_policy_get_name (policy);
  NpNode *spec = np_node_lookup (np_cluster_policy_get_node (policy), "spec");

  if (count_set (spec != NULL ? np_node_lookup (spec, "subject") : NULL, subject_fields) != 1)
    {
      g_autofree char *wrapper = np_eval_cluster_wrapper (kind, name, NULL);

      return g_strconcat (wrapper, ONE_SUBJECT, NULL);
    }
  for (guint d = 0; d < 2; d++)
    for (guint i = 0; i < np_cluster_policy_get_n_rules (policy, d); i++)
      {
        const NpClusterRule *rule = np_cluster_policy_get_rule (policy, d, i);
        g_autofree char *error = check_rule (policy, rule, d);

        if (error != NULL)
          {
            g_autofree char *wrapper = np_eval_cluster_wrapper (kind, name, rule->name != NULL ? rule->name : "");

            return g_strconcat (wrapper, error, NULL);
          }
      }
  return NULL;
}

static gint64
priority_of (NpClusterPolicy *policy)
{
  gint64 priority = 0;

  if (!np_cluster_policy_get_priority (policy, &priority))
    return 0;
  return priority;
}

static int
compare_priority (gconstpointer a, gconstpointer b)
{
  gint64 x = priority_of (*(NpClusterPolicy * const *) a);
  gint64 y = priority_of (*(NpClusterPolicy * const *) b);

  return (x > y) - (x < y);
}

char *
np_eval_cluster_check (NpInventory *inventory)
{
  g_autoptr(GPtrArray) admin = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  NpClusterPolicy *baseline = NULL;

  /* Reading the objects [RES]. */
  for (guint i = 0; i < np_inventory_get_n_cluster_policies (inventory); i++)
    {
      NpClusterPolicy *policy = NP_CLUSTER_POLICY (np_inventory_get_cluster_policy (inventory, i)->policy);
      const char *name = np_cluster_policy_get_name (policy);

      switch (np_cluster_policy_get_kind (policy))
        {
        case NP_CLUSTER_POLICY_ANP:
          if (g_hash_table_contains (names, name != NULL ? name : ""))
            return g_strdup_printf (SAME_NAME, name != NULL ? name : "");
          g_hash_table_add (names, (gpointer) (name != NULL ? name : ""));
          g_ptr_array_add (admin, policy);
          break;
        case NP_CLUSTER_POLICY_BANP:
          if (baseline != NULL)
            return g_strdup (SECOND_BANP);
          if (g_strcmp0 (name, "default") != 0)
            return g_strdup (BANP_NAME);
          baseline = policy;
          break;
        case NP_CLUSTER_POLICY_CNP:
        default:
          break;
        }
    }

  /* Sorting by priority [RES sortAdminNetpolsByPriority]. */
  for (guint i = 0; i < admin->len; i++)
    {
      NpClusterPolicy *policy = admin->pdata[i];
      gint64 priority = priority_of (policy);

      if (priority < 0 || priority > 1000)
        return g_strdup_printf (BAD_PRIORITY, priority, np_cluster_policy_get_name (policy));
      for (guint j = 0; j < i; j++)
        if (priority_of (admin->pdata[j]) == priority)
          return g_strdup_printf (SAME_PRIORITY, np_cluster_policy_get_name (admin->pdata[j]),
                                  np_cluster_policy_get_name (policy));
    }
  g_ptr_array_sort (admin, compare_priority);

  /* The policies, in the order they are evaluated. */
  if (baseline != NULL)
    g_ptr_array_add (admin, baseline);
  for (guint i = 0; i < admin->len; i++)
    {
      char *error = check_policy (admin->pdata[i]);

      if (error != NULL)
        return error;
    }
  return NULL;
}
