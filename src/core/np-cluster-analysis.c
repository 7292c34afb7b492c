/* np-cluster-analysis.c: what the rules of a cluster-wide policy mean to each other
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-addr.h"
#include "np-cluster-analysis.h"
#include "np-node.h"

/* Every test here answers "surely" or "cannot tell": a FALSE never claims
 * the opposite. That keeps a rule greyed out in the editor, or reported by
 * lint, only when it really can never match. */

static gboolean
is_mapping (const NpNode *node)
{
  return node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING;
}

static gboolean
is_sequence (const NpNode *node)
{
  return node != NULL && np_node_get_kind (node) == NP_NODE_SEQUENCE;
}

static const char *
text_of (const NpNode *node)
{
  return node != NULL && np_node_is_string (node) ? np_node_get_text (node) : NULL;
}

/* ---- selectors ---- */

/* Only matchLabels and matchExpressions, of the right types. */
static gboolean
selector_readable (const NpNode *selector)
{
  if (selector == NULL)
    return TRUE;
  if (!is_mapping (selector))
    return FALSE;
  for (guint i = 0; i < np_node_get_n_pairs (selector); i++)
    {
      const char *key = np_node_get_key (selector, i);
      NpNode *value = np_node_get_value (selector, i);

      if (g_str_equal (key, "matchLabels") && (is_mapping (value) || np_node_is_null (value)))
        continue;
      if (g_str_equal (key, "matchExpressions") && (is_sequence (value) || np_node_is_null (value)))
        continue;
      return FALSE;
    }
  return TRUE;
}

gboolean
np_cluster_selector_is_empty (const NpNode *selector)
{
  NpNode *labels, *expressions;

  if (selector == NULL)
    return TRUE;
  if (!selector_readable (selector))
    return FALSE;
  labels = np_node_lookup (selector, "matchLabels");
  expressions = np_node_lookup (selector, "matchExpressions");
  return (labels == NULL || np_node_get_n_pairs (labels) == 0) &&
         (expressions == NULL || np_node_get_n_items (expressions) == 0);
}

/* Whether the string list @values holds @value. */
static gboolean
values_contain (const NpNode *values, const char *value)
{
  for (guint i = 0; is_sequence (values) && i < np_node_get_n_items (values); i++)
    if (g_strcmp0 (text_of (np_node_get_item (values, i)), value) == 0)
      return TRUE;
  return FALSE;
}

/* Whether every value of @a is in @b. */
static gboolean
values_within (const NpNode *a, const NpNode *b)
{
  if (!is_sequence (a))
    return FALSE;
  for (guint i = 0; i < np_node_get_n_items (a); i++)
    if (text_of (np_node_get_item (a, i)) == NULL || !values_contain (b, text_of (np_node_get_item (a, i))))
      return FALSE;
  return TRUE;
}

static gboolean
values_disjoint (const NpNode *a, const NpNode *b)
{
  for (guint i = 0; is_sequence (a) && i < np_node_get_n_items (a); i++)
    if (values_contain (b, text_of (np_node_get_item (a, i))))
      return FALSE;
  return TRUE;
}

/* Whether every object @inner matches has label @key = @value. */
static gboolean
inner_requires_label (const NpNode *inner, const char *key, const char *value)
{
  NpNode *labels = np_node_lookup (inner, "matchLabels");
  NpNode *expressions = np_node_lookup (inner, "matchExpressions");

  if (value != NULL && g_strcmp0 (text_of (np_node_lookup (labels, key)), value) == 0)
    return TRUE;
  for (guint i = 0; is_sequence (expressions) && i < np_node_get_n_items (expressions); i++)
    {
      NpNode *e = np_node_get_item (expressions, i);
      NpNode *values = np_node_lookup (e, "values");

      if (g_strcmp0 (text_of (np_node_lookup (e, "key")), key) == 0 &&
          g_strcmp0 (text_of (np_node_lookup (e, "operator")), "In") == 0 &&
          is_sequence (values) && np_node_get_n_items (values) == 1 && values_contain (values, value))
        return TRUE;
    }
  return FALSE;
}

/* Whether every object @inner matches meets the requirement @e of another
 * selector. */
static gboolean
inner_meets_expression (const NpNode *inner, const NpNode *e)
{
  NpNode *labels = np_node_lookup (inner, "matchLabels");
  NpNode *expressions = np_node_lookup (inner, "matchExpressions");
  const char *key = text_of (np_node_lookup (e, "key"));
  const char *op = text_of (np_node_lookup (e, "operator"));
  NpNode *values = np_node_lookup (e, "values");
  const char *label;

  if (key == NULL || op == NULL)
    return FALSE;
  label = text_of (np_node_lookup (labels, key));
  if (label != NULL)
    {
      if (g_str_equal (op, "In") && values_contain (values, label))
        return TRUE;
      if (g_str_equal (op, "NotIn") && !values_contain (values, label))
        return TRUE;
      if (g_str_equal (op, "Exists"))
        return TRUE;
    }
  for (guint i = 0; is_sequence (expressions) && i < np_node_get_n_items (expressions); i++)
    {
      NpNode *other = np_node_get_item (expressions, i);
      const char *other_op = text_of (np_node_lookup (other, "operator"));
      NpNode *other_values = np_node_lookup (other, "values");

      if (g_strcmp0 (text_of (np_node_lookup (other, "key")), key) != 0 || other_op == NULL)
        continue;
      if (np_node_equal (other, e))
        return TRUE;
      if (g_str_equal (op, "In") && g_str_equal (other_op, "In") && values_within (other_values, values))
        return TRUE;
      if (g_str_equal (op, "Exists") && g_str_equal (other_op, "In"))
        return TRUE;
      if (g_str_equal (op, "NotIn") && g_str_equal (other_op, "NotIn") && values_within (values, other_values))
        return TRUE;
      if (g_str_equal (op, "NotIn") && g_str_equal (other_op, "In") && values_disjoint (other_values, values))
        return TRUE;
      if (g_str_equal (op, "DoesNotExist") && g_str_equal (other_op, "DoesNotExist"))
        return TRUE;
    }
  return FALSE;
}

/* Whether @outer matches everything @inner matches: every requirement of
 * @outer is one @inner makes too (or implies). */
static gboolean
selector_covers (const NpNode *outer, const NpNode *inner)
{
  NpNode *labels, *expressions;

  if (!selector_readable (outer) || !selector_readable (inner))
    return FALSE;
  if (np_cluster_selector_is_empty (outer))
    return TRUE;
  if (inner == NULL)
    return FALSE;
  labels = np_node_lookup (outer, "matchLabels");
  expressions = np_node_lookup (outer, "matchExpressions");
  for (guint i = 0; is_mapping (labels) && i < np_node_get_n_pairs (labels); i++)
    if (!inner_requires_label (inner, np_node_get_key (labels, i), text_of (np_node_get_value (labels, i))))
      return FALSE;
  for (guint i = 0; is_sequence (expressions) && i < np_node_get_n_items (expressions); i++)
    if (!inner_meets_expression (inner, np_node_get_item (expressions, i)))
      return FALSE;
  return TRUE;
}

/* ---- networks and domain names ---- */

typedef struct {
  int    family;
  NpAddr first;
  NpAddr last;
} Span;

/* @text as the span of addresses it names; a bare address is one. */
static gboolean
cidr_span (const char *text, Span *span, guint *prefix_out)
{
  g_auto(GStrv) parts = NULL;
  guint64 prefix;
  guint bits;
  NpAddr address;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "/", 2);
  if (!np_addr_parse (parts[0], &span->family, &address))
    return FALSE;
  bits = span->family == 4 ? 32 : 128;
  prefix = bits;
  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 0, bits, &prefix, NULL))
    return FALSE;
  span->first = address;
  span->last = address;
  /* Clear (first) and set (last) the host bits, lo holding the low 64. */
  for (guint b = 0; b < bits - prefix; b++)
    {
      if (b < 64)
        {
          span->first.lo &= ~(G_GUINT64_CONSTANT (1) << b);
          span->last.lo |= G_GUINT64_CONSTANT (1) << b;
        }
      else
        {
          span->first.hi &= ~(G_GUINT64_CONSTANT (1) << (b - 64));
          span->last.hi |= G_GUINT64_CONSTANT (1) << (b - 64);
        }
    }
  if (prefix_out != NULL)
    *prefix_out = prefix;
  return TRUE;
}

static gboolean
networks_cover (const NpNode *outer, const NpNode *inner)
{
  if (!is_sequence (outer) || !is_sequence (inner) || np_node_get_n_items (inner) == 0)
    return FALSE;
  for (guint i = 0; i < np_node_get_n_items (inner); i++)
    {
      Span in;
      gboolean covered = FALSE;

      if (!cidr_span (text_of (np_node_get_item (inner, i)), &in, NULL))
        return FALSE;
      for (guint j = 0; !covered && j < np_node_get_n_items (outer); j++)
        {
          Span out;

          covered = cidr_span (text_of (np_node_get_item (outer, j)), &out, NULL) && out.family == in.family &&
                    np_addr_compare (&out.first, &in.first) <= 0 && np_addr_compare (&in.last, &out.last) <= 0;
        }
      if (!covered)
        return FALSE;
    }
  return TRUE;
}

/* "*.example.com" matches one or more whole labels before example.com
 * (cluster-policies.md §2.3); names compare without case and final dot. */
static gboolean
domain_covers (const char *outer, const char *inner)
{
  g_autofree char *o = NULL;
  g_autofree char *i = NULL;

  if (outer == NULL || inner == NULL)
    return FALSE;
  o = g_ascii_strdown (outer, -1);
  i = g_ascii_strdown (inner, -1);
  if (g_str_has_suffix (o, ".") && strlen (o) > 1)
    o[strlen (o) - 1] = '\0';
  if (g_str_has_suffix (i, ".") && strlen (i) > 1)
    i[strlen (i) - 1] = '\0';
  if (g_str_equal (o, i))
    return TRUE;
  if (!g_str_has_prefix (o, "*."))
    return FALSE;
  /* inner ends in ".example.com" with at least one label before it. */
  return strlen (i) > strlen (o) - 1 && g_str_has_suffix (i, o + 1) &&
         (!g_str_has_prefix (i, "*.") || strlen (i) > strlen (o));
}

static gboolean
domains_cover (const NpNode *outer, const NpNode *inner)
{
  if (!is_sequence (outer) || !is_sequence (inner) || np_node_get_n_items (inner) == 0)
    return FALSE;
  for (guint i = 0; i < np_node_get_n_items (inner); i++)
    {
      gboolean covered = FALSE;

      for (guint j = 0; !covered && j < np_node_get_n_items (outer); j++)
        covered = domain_covers (text_of (np_node_get_item (outer, j)), text_of (np_node_get_item (inner, i)));
      if (!covered)
        return FALSE;
    }
  return TRUE;
}

/* ---- peers ---- */

/* The one field of a peer, or NULL when it has another count of fields. */
static const char *
peer_kind (const NpNode *peer, NpNode **value)
{
  static const char * const known[] = { "namespaces", "pods", "nodes", "networks", "domainNames", NULL };
  const char *key;

  if (!is_mapping (peer) || np_node_get_n_pairs (peer) != 1)
    return NULL;
  key = np_node_get_key (peer, 0);
  if (!g_strv_contains (known, key))
    return NULL;
  *value = np_node_get_value (peer, 0);
  return key;
}

/* A pods peer's selectors; FALSE when it holds anything else. A missing
 * namespaceSelector reads as {} (v1alpha2; v1alpha1 requires it). */
static gboolean
pods_selectors (const NpNode *pods, NpNode **namespaces, NpNode **selector)
{
  if (!is_mapping (pods))
    return FALSE;
  for (guint i = 0; i < np_node_get_n_pairs (pods); i++)
    if (!g_str_equal (np_node_get_key (pods, i), "namespaceSelector") &&
        !g_str_equal (np_node_get_key (pods, i), "podSelector"))
      return FALSE;
  *namespaces = np_node_lookup (pods, "namespaceSelector");
  *selector = np_node_lookup (pods, "podSelector");
  return selector_readable (*namespaces) && selector_readable (*selector);
}

gboolean
np_cluster_peer_is_all_pods (const NpNode *peer)
{
  NpNode *value = NULL, *namespaces, *selector;
  const char *kind = peer_kind (peer, &value);

  if (g_strcmp0 (kind, "namespaces") == 0)
    return np_cluster_selector_is_empty (value);
  if (g_strcmp0 (kind, "pods") == 0)
    return pods_selectors (value, &namespaces, &selector) &&
           np_cluster_selector_is_empty (namespaces) && np_cluster_selector_is_empty (selector);
  return FALSE;
}

static gboolean
peer_covers (const NpNode *outer, const NpNode *inner)
{
  NpNode *o = NULL, *i = NULL, *o_ns, *o_pods, *i_ns, *i_pods;
  const char *ok = peer_kind (outer, &o);
  const char *ik = peer_kind (inner, &i);

  if (ok == NULL || ik == NULL)
    return FALSE;
  if (g_str_equal (ok, "namespaces") && g_str_equal (ik, "namespaces"))
    return selector_covers (o, i);
  if (g_str_equal (ok, "namespaces") && g_str_equal (ik, "pods"))
    return pods_selectors (i, &i_ns, &i_pods) && selector_covers (o, i_ns);
  if (g_str_equal (ok, "pods") && g_str_equal (ik, "pods"))
    return pods_selectors (o, &o_ns, &o_pods) && pods_selectors (i, &i_ns, &i_pods) &&
           selector_covers (o_ns, i_ns) && selector_covers (o_pods, i_pods);
  if (g_str_equal (ok, "pods") && g_str_equal (ik, "namespaces"))
    return pods_selectors (o, &o_ns, &o_pods) && np_cluster_selector_is_empty (o_pods) && selector_covers (o_ns, i);
  if (g_str_equal (ok, "nodes") && g_str_equal (ik, "nodes"))
    return selector_covers (o, i);
  if (g_str_equal (ok, "networks") && g_str_equal (ik, "networks"))
    return networks_cover (o, i);
  if (g_str_equal (ok, "domainNames") && g_str_equal (ik, "domainNames"))
    return domains_cover (o, i);
  return FALSE;
}

/* ---- ports ---- */

typedef struct {
  char        protocol[8];  /* "tcp", "udp", "sctp"; "" for a named port */
  gint64      first;
  gint64      last;
  const char *name;         /* a named port, or NULL */
} PortSpan;

/* One entry of `ports` (v1alpha1) or `protocols` (v1alpha2); FALSE when
 * it is not one this code reads. */
static gboolean
read_port (const NpNode *entry, PortSpan *span)
{
  const char *key;
  NpNode *value;

  memset (span, 0, sizeof *span);
  if (!is_mapping (entry) || np_node_get_n_pairs (entry) != 1)
    return FALSE;
  key = np_node_get_key (entry, 0);
  value = np_node_get_value (entry, 0);
  if (g_str_equal (key, "namedPort") || g_str_equal (key, "destinationNamedPort"))
    {
      span->name = text_of (value);
      return span->name != NULL;
    }
  if (g_str_equal (key, "portNumber") || g_str_equal (key, "portRange"))
    {
      const char *protocol = text_of (np_node_lookup (value, "protocol"));
      g_autofree char *lower = g_ascii_strdown (protocol != NULL ? protocol : "TCP", -1);

      if (!is_mapping (value) || strlen (lower) >= sizeof span->protocol)
        return FALSE;
      strcpy (span->protocol, lower);
      if (g_str_equal (key, "portNumber"))
        {
          if (!np_node_get_int (np_node_lookup (value, "port"), &span->first))
            return FALSE;
          span->last = span->first;
          return TRUE;
        }
      return np_node_get_int (np_node_lookup (value, "start"), &span->first) &&
             np_node_get_int (np_node_lookup (value, "end"), &span->last);
    }
  if (g_str_equal (key, "tcp") || g_str_equal (key, "udp") || g_str_equal (key, "sctp"))
    {
      NpNode *destination = np_node_lookup (value, "destinationPort");
      NpNode *range = np_node_lookup (destination, "range");

      strcpy (span->protocol, key);
      if (!is_mapping (value))
        return FALSE;
      if (destination == NULL)
        {
          /* Every port of the protocol (site-src/api-overview.md). */
          span->first = 1;
          span->last = 65535;
          return np_node_get_n_pairs (value) == 0;
        }
      if (np_node_get_int (np_node_lookup (destination, "number"), &span->first))
        {
          span->last = span->first;
          return TRUE;
        }
      return np_node_get_int (np_node_lookup (range, "start"), &span->first) &&
             np_node_get_int (np_node_lookup (range, "end"), &span->last);
    }
  return FALSE;
}

/* Whether the entries of @outer together hold @inner. */
static gboolean
ports_hold (const NpNode *outer, const PortSpan *inner)
{
  gint64 next = inner->first;
  gboolean progress = TRUE;

  for (guint i = 0; inner->name != NULL && i < np_node_get_n_items (outer); i++)
    {
      PortSpan o;

      if (read_port (np_node_get_item (outer, i), &o) && o.name != NULL && g_str_equal (o.name, inner->name))
        return TRUE;
    }
  if (inner->name != NULL)
    return FALSE;
  /* Walk up from the first port, hopping over each entry that holds the
   * next port not yet covered. */
  while (next <= inner->last && progress)
    {
      progress = FALSE;
      for (guint i = 0; i < np_node_get_n_items (outer) && next <= inner->last; i++)
        {
          PortSpan o;

          if (read_port (np_node_get_item (outer, i), &o) && o.name == NULL &&
              g_str_equal (o.protocol, inner->protocol) && o.first <= next && next <= o.last)
            {
              next = o.last + 1;
              progress = TRUE;
            }
        }
    }
  return next > inner->last;
}

/* ---- rules ---- */

static const char *
ports_key (NpClusterPolicy *policy)
{
  return np_cluster_policy_get_kind (policy) == NP_CLUSTER_POLICY_CNP ? "protocols" : "ports";
}

/* Whether the rule's peers and ports are all ones this code reads. */
static gboolean
rule_readable (NpClusterPolicy *policy, const NpClusterRule *rule)
{
  if (rule->node == NULL || rule->peers == NULL || np_node_get_n_items (rule->peers) == 0)
    return FALSE;
  if (np_cluster_rule_get_action (rule, np_cluster_policy_get_kind (policy)) == NP_CLUSTER_ACTION_NONE)
    return FALSE;
  for (guint i = 0; i < np_node_get_n_items (rule->peers); i++)
    {
      NpNode *value = NULL;

      if (peer_kind (np_node_get_item (rule->peers, i), &value) == NULL)
        return FALSE;
    }
  /* `ports` of the wrong type reads as NULL: not "every port". */
  if (rule->ports == NULL)
    return np_node_lookup (rule->node, ports_key (policy)) == NULL;
  if (np_node_get_n_items (rule->ports) == 0)
    return FALSE;
  for (guint i = 0; i < np_node_get_n_items (rule->ports); i++)
    {
      PortSpan span;

      if (!read_port (np_node_get_item (rule->ports, i), &span))
        return FALSE;
    }
  return TRUE;
}

static gboolean
rule_covers (const NpClusterRule *outer, const NpClusterRule *inner)
{
  for (guint i = 0; i < np_node_get_n_items (inner->peers); i++)
    {
      gboolean covered = FALSE;

      for (guint j = 0; !covered && j < np_node_get_n_items (outer->peers); j++)
        covered = peer_covers (np_node_get_item (outer->peers, j), np_node_get_item (inner->peers, i));
      if (!covered)
        return FALSE;
    }
  if (outer->ports == NULL)
    return TRUE;
  if (inner->ports == NULL)
    return FALSE;
  for (guint i = 0; i < np_node_get_n_items (inner->ports); i++)
    {
      PortSpan span;

      if (!read_port (np_node_get_item (inner->ports, i), &span) || !ports_hold (outer->ports, &span))
        return FALSE;
    }
  return TRUE;
}

gint
np_cluster_policy_rule_shadowed_by (NpClusterPolicy    *policy,
                                    NpClusterDirection  direction,
                                    guint               index)
{
  const NpClusterRule *rule;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (policy), -1);
  g_return_val_if_fail (index < np_cluster_policy_get_n_rules (policy, direction), -1);

  rule = np_cluster_policy_get_rule (policy, direction, index);
  if (!rule_readable (policy, rule))
    return -1;
  for (guint i = 0; i < index; i++)
    {
      const NpClusterRule *earlier = np_cluster_policy_get_rule (policy, direction, i);

      if (rule_readable (policy, earlier) && rule_covers (earlier, rule))
        return (gint) i;
    }
  return -1;
}

gboolean
np_cluster_rule_has_all_networks (const NpClusterRule *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  for (guint i = 0; rule->peers != NULL && i < np_node_get_n_items (rule->peers); i++)
    {
      NpNode *networks = np_node_lookup (np_node_get_item (rule->peers, i), "networks");

      for (guint j = 0; is_sequence (networks) && j < np_node_get_n_items (networks); j++)
        {
          Span span;
          guint prefix = 1;

          if (cidr_span (text_of (np_node_get_item (networks, j)), &span, &prefix) && prefix == 0)
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
np_cluster_rule_ports_include (const NpClusterRule *rule,
                               const char          *protocol,
                               guint                port)
{
  PortSpan span = { { 0 }, port, port, NULL };

  g_return_val_if_fail (rule != NULL && protocol != NULL, FALSE);
  g_return_val_if_fail (strlen (protocol) < sizeof span.protocol, FALSE);

  if (rule->ports == NULL)
    return np_node_lookup (rule->node, "ports") == NULL && np_node_lookup (rule->node, "protocols") == NULL;
  strcpy (span.protocol, protocol);
  return ports_hold (rule->ports, &span);
}

GPtrArray *
np_cluster_policies_in_node (NpNode *root)
{
  GPtrArray *policies = g_ptr_array_new_with_free_func (g_object_unref);
  NpClusterPolicy *policy;
  const char *kind;
  NpNode *items;

  if (root == NULL || np_node_get_kind (root) != NP_NODE_MAPPING)
    return policies;
  if ((policy = np_cluster_policy_new_from_node (root)) != NULL)
    {
      g_ptr_array_add (policies, policy);
      return policies;
    }
  /* kubectl get … -o yaml: a List (or a …List kind) with items. */
  items = np_node_lookup (root, "items");
  kind = text_of (np_node_lookup (root, "kind"));
  if (!is_sequence (items) || kind == NULL || !g_str_has_suffix (kind, "List"))
    return policies;
  for (guint i = 0; i < np_node_get_n_items (items); i++)
    if ((policy = np_cluster_policy_new_from_node (np_node_get_item (items, i))) != NULL)
      g_ptr_array_add (policies, policy);
  return policies;
}
