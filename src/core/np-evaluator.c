/* np-evaluator.c: decides which connections the policies of an inventory allow
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-evaluator.h"
#include "np-ip-block.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"

#define MIN_PORT 1
#define MAX_PORT 65535

/* Connection sets ------------------------------------------------------- */

typedef struct {
  guint first;
  guint last;
} PortRange;

struct _NpConnSet
{
  GArray *ranges[NP_N_PROTOCOLS];  /* PortRange, sorted, disjoint, not adjacent */
};

static const char * const protocol_names[NP_N_PROTOCOLS] = { "SCTP", "TCP", "UDP" };

const char *
np_protocol_to_string (NpProtocol protocol)
{
  g_return_val_if_fail (protocol < NP_N_PROTOCOLS, NULL);
  return protocol_names[protocol];
}

gboolean
np_protocol_parse (const char *text,
                   NpProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, FALSE);

  for (guint i = 0; text != NULL && i < NP_N_PROTOCOLS; i++)
    if (g_ascii_strcasecmp (text, protocol_names[i]) == 0)
      {
        *protocol = i;
        return TRUE;
      }
  return FALSE;
}

NpConnSet *
np_conn_set_new (void)
{
  NpConnSet *set = g_new0 (NpConnSet, 1);

  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    set->ranges[i] = g_array_new (FALSE, FALSE, sizeof (PortRange));
  return set;
}

NpConnSet *
np_conn_set_new_all (void)
{
  NpConnSet *set = np_conn_set_new ();

  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    np_conn_set_add_range (set, i, MIN_PORT, MAX_PORT);
  return set;
}

NpConnSet *
np_conn_set_copy (const NpConnSet *set)
{
  NpConnSet *copy;

  g_return_val_if_fail (set != NULL, NULL);

  copy = g_new0 (NpConnSet, 1);
  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    copy->ranges[i] = g_array_copy (set->ranges[i]);
  return copy;
}

void
np_conn_set_free (NpConnSet *set)
{
  if (set == NULL)
    return;
  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    g_array_unref (set->ranges[i]);
  g_free (set);
}

void
np_conn_set_add_range (NpConnSet  *set,
                       NpProtocol  protocol,
                       guint       first,
                       guint       last)
{
  GArray *ranges;
  g_autoptr(GArray) merged = NULL;
  PortRange add;
  guint i = 0;

  g_return_if_fail (set != NULL);
  g_return_if_fail (protocol < NP_N_PROTOCOLS);

  first = MAX (first, MIN_PORT);
  last = MIN (last, MAX_PORT);
  if (first > last)
    return;

  ranges = set->ranges[protocol];
  merged = g_array_sized_new (FALSE, FALSE, sizeof (PortRange), ranges->len + 1);
  add.first = first;
  add.last = last;
  /* Ranges wholly before the new one stay as they are. */
  for (; i < ranges->len && g_array_index (ranges, PortRange, i).last + 1 < first; i++)
    g_array_append_val (merged, g_array_index (ranges, PortRange, i));
  /* Overlapping or adjacent ones join it. */
  for (; i < ranges->len && g_array_index (ranges, PortRange, i).first <= last + 1; i++)
    {
      add.first = MIN (add.first, g_array_index (ranges, PortRange, i).first);
      add.last = MAX (add.last, g_array_index (ranges, PortRange, i).last);
    }
  g_array_append_val (merged, add);
  for (; i < ranges->len; i++)
    g_array_append_val (merged, g_array_index (ranges, PortRange, i));

  g_array_unref (set->ranges[protocol]);
  set->ranges[protocol] = g_steal_pointer (&merged);
}

void
np_conn_set_union (NpConnSet       *set,
                   const NpConnSet *other)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (other != NULL);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    for (guint i = 0; i < other->ranges[p]->len; i++)
      {
        PortRange *r = &g_array_index (other->ranges[p], PortRange, i);

        np_conn_set_add_range (set, p, r->first, r->last);
      }
}

void
np_conn_set_intersect (NpConnSet       *set,
                       const NpConnSet *other)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (other != NULL);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      GArray *a = set->ranges[p];
      GArray *b = other->ranges[p];
      GArray *out = g_array_new (FALSE, FALSE, sizeof (PortRange));
      guint i = 0, j = 0;

      while (i < a->len && j < b->len)
        {
          PortRange *ra = &g_array_index (a, PortRange, i);
          PortRange *rb = &g_array_index (b, PortRange, j);
          PortRange r = { MAX (ra->first, rb->first), MIN (ra->last, rb->last) };

          if (r.first <= r.last)
            g_array_append_val (out, r);
          if (ra->last < rb->last)
            i++;
          else
            j++;
        }
      g_array_unref (set->ranges[p]);
      set->ranges[p] = out;
    }
}

void
np_conn_set_subtract (NpConnSet       *set,
                      const NpConnSet *other)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (other != NULL);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      GArray *out = g_array_new (FALSE, FALSE, sizeof (PortRange));
      GArray *cut = other->ranges[p];

      for (guint i = 0; i < set->ranges[p]->len; i++)
        {
          PortRange rest = g_array_index (set->ranges[p], PortRange, i);

          for (guint j = 0; j < cut->len && rest.first <= rest.last; j++)
            {
              PortRange *c = &g_array_index (cut, PortRange, j);

              if (c->last < rest.first || c->first > rest.last)
                continue;
              if (c->first > rest.first)
                {
                  PortRange before = { rest.first, c->first - 1 };

                  g_array_append_val (out, before);
                }
              rest.first = c->last + 1;
            }
          if (rest.first <= rest.last)
            g_array_append_val (out, rest);
        }
      g_array_unref (set->ranges[p]);
      set->ranges[p] = out;
    }
}

gboolean
np_conn_set_is_empty (const NpConnSet *set)
{
  g_return_val_if_fail (set != NULL, TRUE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    if (set->ranges[p]->len > 0)
      return FALSE;
  return TRUE;
}

gboolean
np_conn_set_is_all (const NpConnSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      GArray *r = set->ranges[p];

      if (r->len != 1 || g_array_index (r, PortRange, 0).first != MIN_PORT ||
          g_array_index (r, PortRange, 0).last != MAX_PORT)
        return FALSE;
    }
  return TRUE;
}

gboolean
np_conn_set_equal (const NpConnSet *a,
                   const NpConnSet *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      if (a->ranges[p]->len != b->ranges[p]->len)
        return FALSE;
      if (a->ranges[p]->len > 0 &&
          memcmp (a->ranges[p]->data, b->ranges[p]->data, a->ranges[p]->len * sizeof (PortRange)) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
np_conn_set_contains (const NpConnSet *set,
                      NpProtocol       protocol,
                      guint            port)
{
  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (protocol < NP_N_PROTOCOLS, FALSE);

  for (guint i = 0; i < set->ranges[protocol]->len; i++)
    {
      PortRange *r = &g_array_index (set->ranges[protocol], PortRange, i);

      if (r->first <= port && port <= r->last)
        return TRUE;
    }
  return FALSE;
}

char *
np_conn_set_to_string (const NpConnSet *set)
{
  GString *out;

  g_return_val_if_fail (set != NULL, NULL);

  if (np_conn_set_is_all (set))
    return g_strdup ("All Connections");
  out = g_string_new (NULL);
  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      GArray *ranges = set->ranges[p];

      if (ranges->len == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "%s ", protocol_names[p]);
      for (guint i = 0; i < ranges->len; i++)
        {
          PortRange *r = &g_array_index (ranges, PortRange, i);

          if (i > 0)
            g_string_append_c (out, ',');
          if (r->first == r->last)
            g_string_append_printf (out, "%u", r->first);
          else
            g_string_append_printf (out, "%u-%u", r->first, r->last);
        }
    }
  return g_string_free (out, FALSE);
}

/* Endpoints and verdicts -------------------------------------------------- */

void
np_endpoint_init_workload (NpEndpoint *endpoint,
                           guint       workload)
{
  g_return_if_fail (endpoint != NULL);

  memset (endpoint, 0, sizeof *endpoint);
  endpoint->kind = NP_ENDPOINT_WORKLOAD;
  endpoint->workload = workload;
}

gboolean
np_endpoint_init_address (NpEndpoint *endpoint,
                          const char *address)
{
  g_return_val_if_fail (endpoint != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  memset (endpoint, 0, sizeof *endpoint);
  endpoint->kind = NP_ENDPOINT_EXTERNAL;
  return np_ip_parse (address, &endpoint->address, NULL);
}

static const struct {
  const char     *name;
  NpEndpointKind  kind;
} reserved_names[] = {
  { "host", NP_ENDPOINT_NODE },
  { "remote-node", NP_ENDPOINT_REMOTE_NODE },
  { "kube-apiserver", NP_ENDPOINT_KUBE_APISERVER },
  { "init", NP_ENDPOINT_INIT },
  { "health", NP_ENDPOINT_HEALTH },
  { "unmanaged", NP_ENDPOINT_UNMANAGED },
  { "ingress", NP_ENDPOINT_INGRESS },
};

gboolean
np_endpoint_init_reserved (NpEndpoint *endpoint,
                           const char *name)
{
  g_return_val_if_fail (endpoint != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, "world"))
    return np_endpoint_init_address (endpoint, "192.0.2.1");
  for (guint i = 0; i < G_N_ELEMENTS (reserved_names); i++)
    if (g_str_equal (name, reserved_names[i].name))
      {
        memset (endpoint, 0, sizeof *endpoint);
        endpoint->kind = reserved_names[i].kind;
        return TRUE;
      }
  return FALSE;
}

gboolean
np_endpoint_init_name (NpEndpoint *endpoint,
                       const char *name)
{
  NpCidr ignored;
  gsize length;

  g_return_val_if_fail (endpoint != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  length = strlen (name);
  if (length == 0 || length > 254 || strchr (name, '.') == NULL || name[0] == '.' ||
      np_ip_parse (name, &ignored, NULL))
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.' && *c != '_')
      return FALSE;
  memset (endpoint, 0, sizeof *endpoint);
  endpoint->kind = NP_ENDPOINT_NAME;
  endpoint->name = name;
  return TRUE;
}

/* Lower case, without the trailing dot of a fully qualified name. */
static char *
fqdn_normalize (const char *name)
{
  char *result = g_ascii_strdown (name, -1);
  gsize length = strlen (result);

  if (length > 1 && result[length - 1] == '.')
    result[length - 1] = '\0';
  return result;
}

/* `*` matches any run of characters within one label. */
static gboolean
label_glob (const char *pattern, const char *name)
{
  if (*pattern == '\0')
    return *name == '\0';
  if (*pattern == '*')
    {
      for (const char *n = name;; n++)
        {
          if (label_glob (pattern + 1, n))
            return TRUE;
          if (*n == '\0' || *n == '.')
            return FALSE;
        }
    }
  return *name != '\0' && *pattern == *name && label_glob (pattern + 1, name + 1);
}

gboolean
np_fqdn_pattern_matches (const char *pattern,
                         const char *name)
{
  g_autofree char *p = NULL;
  g_autofree char *n = NULL;

  g_return_val_if_fail (pattern != NULL && name != NULL, FALSE);

  p = fqdn_normalize (pattern);
  n = fqdn_normalize (name);
  if (g_str_equal (p, "*"))
    return TRUE;
  if (g_str_has_prefix (p, "**."))
    {
      /* One label or more, then the rest of the pattern. */
      for (const char *dot = strchr (n, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
        if (dot > n && label_glob (p + 3, dot + 1))
          return TRUE;
      return FALSE;
    }
  return label_glob (p, n);
}

static gboolean
fqdn_matches (const NpCiliumFqdn *fqdn, const char *name)
{
  if (fqdn->match_name != NULL)
    {
      g_autofree char *a = fqdn_normalize (fqdn->match_name);
      g_autofree char *b = fqdn_normalize (name);

      return g_str_equal (a, b);
    }
  return fqdn->match_pattern != NULL && np_fqdn_pattern_matches (fqdn->match_pattern, name);
}

static void
side_decision_clear (NpSideDecision *side)
{
  g_clear_pointer (&side->policies, g_ptr_array_unref);
  g_clear_pointer (&side->rules, g_ptr_array_unref);
  g_clear_pointer (&side->denials, g_ptr_array_unref);
  g_clear_pointer (&side->note, g_free);
}

void
np_verdict_free (NpVerdict *verdict)
{
  if (verdict == NULL)
    return;
  side_decision_clear (&verdict->egress);
  side_decision_clear (&verdict->ingress);
  g_clear_pointer (&verdict->notes, g_ptr_array_unref);
  g_free (verdict);
}

/* Compiled policies ------------------------------------------------------ */

typedef struct {
  NpCidr  cidr;
  GArray *excepts;  /* NpCidr */
} Block;

typedef struct {
  gboolean   all_peers;  /* no `from`/`to`: every peer */
  guint8    *workloads;  /* per workload: a selector peer matches it */
  GArray    *blocks;     /* Block */
  GPtrArray *ports;      /* NpPolicyPort; empty: every port */
  char      *where;
} Rule;

typedef struct {
  char      *where;
  GPtrArray *rules[2];   /* Rule, per NpDirection */
} Policy;

/* Cilium entities the evaluator can tell apart. */
enum {
  ENTITY_WORLD          = 1 << 0,  /* outside the cluster */
  ENTITY_PODS           = 1 << 1,  /* every pod */
  ENTITY_HOST           = 1 << 2,  /* the local node */
  ENTITY_REMOTE_NODE    = 1 << 3,
  ENTITY_KUBE_APISERVER = 1 << 4,
  ENTITY_INIT           = 1 << 5,
  ENTITY_HEALTH         = 1 << 6,
  ENTITY_UNMANAGED      = 1 << 7,
  ENTITY_INGRESS        = 1 << 8,
};

/* `cluster`: every pod and every reserved identity inside the cluster. */
#define ENTITY_CLUSTER (ENTITY_PODS | ENTITY_HOST | ENTITY_REMOTE_NODE | ENTITY_KUBE_APISERVER | \
                        ENTITY_INIT | ENTITY_HEALTH | ENTITY_UNMANAGED | ENTITY_INGRESS)

static const struct {
  const char *name;
  guint       bits;
} entity_names[] = {
  { "all", ENTITY_WORLD | ENTITY_CLUSTER },
  { "world", ENTITY_WORLD },
  { "world-ipv4", ENTITY_WORLD },
  { "world-ipv6", ENTITY_WORLD },
  { "cluster", ENTITY_CLUSTER },
  { "host", ENTITY_HOST },
  { "remote-node", ENTITY_REMOTE_NODE },
  { "kube-apiserver", ENTITY_KUBE_APISERVER },
  { "init", ENTITY_INIT },
  { "health", ENTITY_HEALTH },
  { "unmanaged", ENTITY_UNMANAGED },
  { "ingress", ENTITY_INGRESS },
  { "none", 0 },
};

/* The entity bit of a reserved endpoint kind, 0 for others. */
static guint
entity_of_kind (NpEndpointKind kind)
{
  switch (kind)
    {
    case NP_ENDPOINT_WORKLOAD: return ENTITY_PODS;
    case NP_ENDPOINT_NODE: return ENTITY_HOST;
    case NP_ENDPOINT_REMOTE_NODE: return ENTITY_REMOTE_NODE;
    case NP_ENDPOINT_KUBE_APISERVER: return ENTITY_KUBE_APISERVER;
    case NP_ENDPOINT_INIT: return ENTITY_INIT;
    case NP_ENDPOINT_HEALTH: return ENTITY_HEALTH;
    case NP_ENDPOINT_UNMANAGED: return ENTITY_UNMANAGED;
    case NP_ENDPOINT_INGRESS: return ENTITY_INGRESS;
    case NP_ENDPOINT_EXTERNAL:
    case NP_ENDPOINT_NAME:
      return ENTITY_WORLD;
    default:
      return 0;
    }
}

/* One item of a Cilium rule's ingress, ingressDeny, egress or egressDeny. */
typedef struct {
  char      *where;
  gboolean   deny;
  gboolean   any_peer;    /* no L3, but toPorts: any peer on those ports */
  gboolean   no_peer;     /* matches nothing (`ingress: [{}]`, or an L3 not evaluated) */
  guint      entities;
  guint8    *workloads;   /* from/toEndpoints */
  GArray    *blocks;      /* Block: CIDR rules (outside addresses only) */
  GPtrArray *fqdns;       /* NpCiliumFqdn: toFQDNs (names only) */
  gboolean   all_ports;
  GPtrArray *ports;       /* NpCiliumPort */
} CiliumEntry;

typedef struct {
  char      *where;
  GPtrArray *entries[2];  /* CiliumEntry, per NpDirection, allow and deny */
} CiliumRule;

struct _NpEvaluator
{
  GObject      parent_instance;

  NpInventory *inventory;
  NpEvalFlags  flags;
  guint        n_workloads;
  GPtrArray   *policies;        /* Policy */
  GPtrArray   *selecting[2];    /* per workload: GPtrArray of Policy (borrowed) */
  GPtrArray   *notes;           /* utf8 */

  GPtrArray   *cilium_rules;             /* CiliumRule */
  GPtrArray   *cilium_selecting[2];      /* per workload, then the nodes (host policies):
                                          * GPtrArray of CiliumRule (borrowed) */
  guint8      *default_deny[2];          /* the same: a Cilium rule asks for default-deny */
};

G_DEFINE_FINAL_TYPE (NpEvaluator, np_evaluator, G_TYPE_OBJECT)

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->excepts, g_array_unref);
}

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->workloads);
  g_clear_pointer (&rule->blocks, g_array_unref);
  g_clear_pointer (&rule->ports, g_ptr_array_unref);
  g_free (rule->where);
  g_free (rule);
}

static void
policy_free (gpointer data)
{
  Policy *policy = data;

  g_free (policy->where);
  g_clear_pointer (&policy->rules[0], g_ptr_array_unref);
  g_clear_pointer (&policy->rules[1], g_ptr_array_unref);
  g_free (policy);
}

static void
cilium_entry_free (gpointer data)
{
  CiliumEntry *entry = data;

  g_free (entry->where);
  g_free (entry->workloads);
  g_clear_pointer (&entry->blocks, g_array_unref);
  g_clear_pointer (&entry->fqdns, g_ptr_array_unref);
  g_clear_pointer (&entry->ports, g_ptr_array_unref);
  g_free (entry);
}

static void
cilium_rule_free (gpointer data)
{
  CiliumRule *rule = data;

  g_free (rule->where);
  g_clear_pointer (&rule->entries[0], g_ptr_array_unref);
  g_clear_pointer (&rule->entries[1], g_ptr_array_unref);
  g_free (rule);
}

static void
np_evaluator_finalize (GObject *object)
{
  NpEvaluator *self = NP_EVALUATOR (object);

  g_clear_pointer (&self->cilium_selecting[0], g_ptr_array_unref);
  g_clear_pointer (&self->cilium_selecting[1], g_ptr_array_unref);
  g_clear_pointer (&self->cilium_rules, g_ptr_array_unref);
  g_clear_pointer (&self->default_deny[0], g_free);
  g_clear_pointer (&self->default_deny[1], g_free);

  g_clear_pointer (&self->selecting[0], g_ptr_array_unref);
  g_clear_pointer (&self->selecting[1], g_ptr_array_unref);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (np_evaluator_parent_class)->finalize (object);
}

static void
np_evaluator_class_init (NpEvaluatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = np_evaluator_finalize;
}

static void
np_evaluator_init (NpEvaluator *self)
{
  self->policies = g_ptr_array_new_with_free_func (policy_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->cilium_rules = g_ptr_array_new_with_free_func (cilium_rule_free);
}

static gboolean
block_contains (const Block *block, const NpCidr *address)
{
  if (block->cidr.family != address->family || !np_cidr_contains (&block->cidr, address))
    return FALSE;
  for (guint i = 0; i < block->excepts->len; i++)
    {
      const NpCidr *except = &g_array_index (block->excepts, NpCidr, i);

      if (except->family == address->family && np_cidr_contains (except, address))
        return FALSE;
    }
  return TRUE;
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

static Rule *
compile_rule (NpEvaluator             *self,
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
  Rule *rule = g_new0 (Rule, 1);

  rule->workloads = g_new0 (guint8, MAX (self->n_workloads, 1));
  rule->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (rule->blocks, block_clear);
  rule->ports = g_ptr_array_new_with_free_func (g_object_unref);
  rule->all_peers = n_peers == 0;
  rule->where = g_strdup_printf ("%s:%u: %s/%s, %s rule %u", entry->file,
                                 rule_line (entry, direction, index), policy_namespace,
                                 np_policy_get_name (policy),
                                 direction == NP_DIRECTION_INGRESS ? "ingress" : "egress",
                                 index + 1);

  for (guint i = 0; i < n_peers; i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
      NpIpBlock *ip_block = np_policy_peer_get_ip_block (peer);
      NpLabelSelector *pod_selector = np_policy_peer_get_pod_selector (peer);
      NpLabelSelector *ns_selector = np_policy_peer_get_namespace_selector (peer);

      if (ip_block != NULL)
        {
          Block block = { 0 };
          const char * const *excepts = np_ip_block_get_except (ip_block);

          if (np_ip_block_get_cidr (ip_block) == NULL ||
              !np_cidr_parse (np_ip_block_get_cidr (ip_block), &block.cidr, NULL, NULL))
            continue;
          block.excepts = g_array_new (FALSE, TRUE, sizeof (NpCidr));
          for (guint j = 0; excepts != NULL && excepts[j] != NULL; j++)
            {
              NpCidr except;

              if (np_cidr_parse (excepts[j], &except, NULL, NULL))
                g_array_append_val (block.excepts, except);
            }
          g_array_append_val (rule->blocks, block);
          continue;
        }
      if (pod_selector == NULL && ns_selector == NULL)
        continue;

      for (guint w = 0; w < self->n_workloads; w++)
        {
          const NpWorkload *workload = np_inventory_get_workload (self->inventory, w);
          gboolean ns_ok;

          if (rule->workloads[w])
            continue;
          if (ns_selector == NULL)
            ns_ok = g_str_equal (workload->namespace_, policy_namespace);
          else
            {
              GHashTable *labels = np_inventory_get_namespace_labels (self->inventory,
                                                                      workload->namespace_);

              ns_ok = labels != NULL && np_label_selector_matches (ns_selector, labels);
            }
          if (ns_ok && (pod_selector == NULL ||
                        np_label_selector_matches (pod_selector, workload->labels)))
            rule->workloads[w] = 1;
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (ports); i++)
    {
      NpPolicyPort *port = g_list_model_get_item (ports, i);
      NpProtocol protocol;

      if (!np_protocol_parse (np_policy_port_get_effective_protocol (port), &protocol))
        g_ptr_array_add (self->notes,
                         g_strdup_printf (("%s uses the protocol “%s”, which Kubernetes leaves "
                                            "undefined; that port entry is ignored."),
                                          rule->where, np_policy_port_get_effective_protocol (port)));
      g_ptr_array_add (rule->ports, port);
    }
  return rule;
}

static void
compile_policy (NpEvaluator *self, const NpInventoryPolicy *entry)
{
  NpPolicy *policy = NP_POLICY (entry->policy);
  const char *namespace_ = np_policy_get_namespace (policy);
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);
  Policy *compiled;

  if (namespace_ == NULL || *namespace_ == '\0')
    namespace_ = "default";

  compiled = g_new0 (Policy, 1);
  compiled->where = g_strdup_printf ("%s:%u: %s/%s", entry->file, entry->line, namespace_,
                                     np_policy_get_name (policy));
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
                           compile_rule (self, entry, policy, namespace_, rule, d, i));
        }
    }
  g_ptr_array_add (self->policies, compiled);

  /* The index: which policies select each workload, per direction. */
  for (guint w = 0; w < self->n_workloads; w++)
    {
      const NpWorkload *workload = np_inventory_get_workload (self->inventory, w);

      if (!g_str_equal (workload->namespace_, namespace_))
        continue;
      if (selector != NULL && !np_label_selector_matches (selector, workload->labels))
        continue;
      for (guint d = 0; d < 2; d++)
        if (np_policy_affects (policy, d))
          g_ptr_array_add (g_ptr_array_index (self->selecting[d], w), compiled);
    }
}


/* Cilium ------------------------------------------------------------------- */

static void
add_note (NpEvaluator *self, char *note)
{
  for (guint i = 0; i < self->notes->len; i++)
    if (g_str_equal (self->notes->pdata[i], note))
      {
        g_free (note);
        return;
      }
  g_ptr_array_add (self->notes, note);
}

static void
add_both (GHashTable *table, const char *key, const char *value)
{
  g_hash_table_replace (table, g_strconcat ("k8s:", key, NULL), g_strdup (value));
  g_hash_table_replace (table, g_strconcat ("any:", key, NULL), g_strdup (value));
}

/* The labels Cilium gives a workload's endpoints: its pod labels, namespace,
 * the labels of its namespace, cluster and service account, each with the
 * k8s: and any: sources. */
static GHashTable *
cilium_labels (NpEvaluator *self, const NpWorkload *workload)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *ns_labels = np_inventory_get_namespace_labels (self->inventory, workload->namespace_);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, workload->labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_both (table, key, value);
  if (ns_labels != NULL)
    {
      g_hash_table_iter_init (&iter, ns_labels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *name = g_strconcat ("io.cilium.k8s.namespace.labels.", (char *) key, NULL);

          add_both (table, name, value);
        }
    }
  add_both (table, "io.kubernetes.pod.namespace", workload->namespace_);
  add_both (table, "io.cilium.k8s.policy.cluster", "default");
  add_both (table, "io.cilium.k8s.policy.serviceaccount", "default");
  return table;
}

static guint
entry_line (NpCiliumRuleEntry *entry, guint fallback)
{
  NpNode *node = np_cilium_rule_entry_get_node (entry);

  return node != NULL && np_node_get_line (node) > 0 ? np_node_get_line (node) : fallback;
}

/* toServices: the pods the named or selected Services of the inventory
 * select. A Service without a selector has endpoints we do not know. */
static void
compile_cilium_services (NpEvaluator       *self,
                         NpCiliumPolicy    *policy,
                         CiliumEntry       *entry,
                         NpCiliumRuleEntry *source)
{
  g_autoptr(GPtrArray) services = np_cilium_rule_entry_get_services (source);
  const char *policy_namespace = np_cilium_policy_get_namespace (policy);

  if (policy_namespace == NULL || *policy_namespace == '\0')
    policy_namespace = "default";

  for (guint i = 0; i < services->len; i++)
    {
      const NpCiliumService *ref = services->pdata[i];
      const char *namespace_ = ref->namespace_ != NULL && *ref->namespace_ != '\0' ?
                               ref->namespace_ : policy_namespace;
      gboolean found = FALSE;

      for (guint s = 0; s < np_inventory_get_n_services (self->inventory); s++)
        {
          const NpService *service = np_inventory_get_service (self->inventory, s);

          if (ref->by_selector)
            {
              if (ref->namespace_ != NULL && *ref->namespace_ != '\0' &&
                  !g_str_equal (service->namespace_, ref->namespace_))
                continue;
              if (ref->selector != NULL && !np_label_selector_matches (ref->selector, service->labels))
                continue;
            }
          else if (!g_str_equal (service->namespace_, namespace_) ||
                   g_strcmp0 (service->name, ref->service_name) != 0)
            continue;

          found = TRUE;
          if (service->selector == NULL || g_hash_table_size (service->selector) == 0)
            {
              add_note (self, g_strdup_printf (_("%s: the Service %s/%s has no selector; its endpoints "
                                                 "are unknown, so the rule matches none of them here."),
                                               entry->where, service->namespace_, service->name));
              continue;
            }
          for (guint w = 0; w < self->n_workloads; w++)
            {
              const NpWorkload *workload = np_inventory_get_workload (self->inventory, w);
              GHashTableIter iter;
              gpointer key, value;
              gboolean match = g_str_equal (workload->namespace_, service->namespace_);

              g_hash_table_iter_init (&iter, service->selector);
              while (match && g_hash_table_iter_next (&iter, &key, &value))
                match = g_strcmp0 (g_hash_table_lookup (workload->labels, key), value) == 0;
              if (match)
                entry->workloads[w] = 1;
            }
        }
      if (!found)
        add_note (self, g_strdup_printf (_("%s: no Service of the files read matches this toServices "
                                           "entry; it matches nothing here."), entry->where));
    }
}

static CiliumEntry *
compile_cilium_entry (NpEvaluator             *self,
                      NpCiliumPolicy          *policy,
                      NpCiliumRule            *rule,
                      NpCiliumRuleEntry       *source,
                      const NpInventoryPolicy *entry_info,
                      const char              *policy_name,
                      GPtrArray               *labels,
                      guint                    index)
{
  NpCiliumSection section = np_cilium_rule_entry_get_section (source);
  NpCiliumPeerKind kind = np_cilium_rule_entry_get_peer_kind (source);
  guint n_port_rules = np_cilium_rule_entry_get_n_port_rules (source);
  CiliumEntry *entry = g_new0 (CiliumEntry, 1);

  entry->where = g_strdup_printf ("%s:%u: %s, %s %u", entry_info->file,
                                  entry_line (source, entry_info->line), policy_name,
                                  np_cilium_section_to_key (section), index + 1);
  entry->deny = np_cilium_section_is_deny (section);
  entry->workloads = g_new0 (guint8, MAX (self->n_workloads, 1));
  entry->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (entry->blocks, block_clear);
  entry->ports = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_port_free);
  /* Cilium reads an entry as L3-only (every port) only when it has neither
   * toPorts nor icmps: an ICMP-only entry lets no TCP, UDP or SCTP through. */
  entry->all_ports = n_port_rules == 0 && !np_cilium_rule_entry_has_icmps (source);

  for (guint r = 0; r < n_port_rules; r++)
    {
      g_autoptr(GPtrArray) ports = np_cilium_rule_entry_get_ports (source, r);

      if (ports->len == 0)
        entry->all_ports = TRUE;
      for (guint i = 0; i < ports->len; i++)
        g_ptr_array_add (entry->ports, g_steal_pointer (&ports->pdata[i]));
      g_ptr_array_set_free_func (ports, NULL);
    }

  switch (kind)
    {
    case NP_CILIUM_PEER_NONE:
      /* Ports without a peer: any peer on those ports. Neither: nothing. */
      if (n_port_rules > 0)
        entry->any_peer = TRUE;
      else
        entry->no_peer = TRUE;
      break;

    case NP_CILIUM_PEER_ENDPOINTS:
      {
        g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (source, kind);

        for (guint i = 0; i < selectors->len; i++)
          {
            g_autoptr(NpLabelSelector) effective =
              np_cilium_policy_effective_selector (policy, rule, selectors->pdata[i], TRUE);

            for (guint w = 0; w < self->n_workloads; w++)
              if (!entry->workloads[w] && np_label_selector_matches (effective, labels->pdata[w]))
                entry->workloads[w] = 1;
          }
      }
      break;

    case NP_CILIUM_PEER_ENTITIES:
      {
        g_auto(GStrv) entities = np_cilium_rule_entry_get_entities (source);

        for (guint i = 0; entities[i] != NULL; i++)
          {
            const char *e = entities[i];
            gboolean known = FALSE;

            for (guint n = 0; n < G_N_ELEMENTS (entity_names); n++)
              if (g_str_equal (e, entity_names[n].name))
                {
                  entry->entities |= entity_names[n].bits;
                  known = TRUE;
                  break;
                }
            if (!known)
              add_note (self, g_strdup_printf ("%s: the entity “%s” matches none of the workloads "
                                               "or addresses evaluated here.", entry->where, e));
          }
      }
      break;

    case NP_CILIUM_PEER_CIDR:
    case NP_CILIUM_PEER_CIDR_SET:
      if (kind == NP_CILIUM_PEER_CIDR)
        {
          g_auto(GStrv) cidrs = np_cilium_rule_entry_get_cidrs (source);

          for (guint i = 0; cidrs[i] != NULL; i++)
            {
              Block block = { 0 };

              if (!np_cidr_parse (cidrs[i], &block.cidr, NULL, NULL) &&
                  !np_ip_parse (cidrs[i], &block.cidr, NULL))
                continue;
              block.excepts = g_array_new (FALSE, TRUE, sizeof (NpCidr));
              g_array_append_val (entry->blocks, block);
            }
        }
      else
        {
          g_autoptr(GPtrArray) sets = np_cilium_rule_entry_get_cidr_rules (source);

          for (guint i = 0; i < sets->len; i++)
            {
              NpCiliumCidrRule *cidr_rule = sets->pdata[i];
              Block block = { 0 };

              if (cidr_rule->cidr == NULL || !np_cidr_parse (cidr_rule->cidr, &block.cidr, NULL, NULL))
                {
                  add_note (self, g_strdup_printf ("%s: CIDR groups are not evaluated yet.", entry->where));
                  continue;
                }
              block.excepts = g_array_new (FALSE, TRUE, sizeof (NpCidr));
              for (guint e = 0; cidr_rule->except[e] != NULL; e++)
                {
                  NpCidr except;

                  if (np_cidr_parse (cidr_rule->except[e], &except, NULL, NULL))
                    g_array_append_val (block.excepts, except);
                }
              g_array_append_val (entry->blocks, block);
            }
        }
      break;

    case NP_CILIUM_PEER_FQDNS:
      /* Names only: an address is never matched by a toFQDNs rule here. */
      entry->fqdns = np_cilium_rule_entry_get_fqdns (source);
      break;

    case NP_CILIUM_PEER_SERVICES:
      compile_cilium_services (self, policy, entry, source);
      break;

    case NP_CILIUM_PEER_NODES:
      {
        g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (source, kind);

        /* Node labels are unknown: `{}` is every node, the local one and
         * the others; any other selector matches none here. */
        for (guint i = 0; i < selectors->len; i++)
          if (np_label_selector_is_empty (selectors->pdata[i]))
            entry->entities |= ENTITY_HOST | ENTITY_REMOTE_NODE;
          else
            add_note (self, g_strdup_printf (_("%s: node labels are unknown here, so a %s selector other "
                                               "than {} matches no node."),
                                             entry->where, np_cilium_peer_kind_to_key (kind, section)));
      }
      break;

    default:
      entry->no_peer = TRUE;
      add_note (self, g_strdup_printf ("%s: %s peers are not evaluated yet; the rule matches nothing here.",
                                       entry->where, np_cilium_peer_kind_to_key (kind, section)));
      break;
    }
  return entry;
}

static void
compile_cilium_policy (NpEvaluator *self, const NpInventoryPolicy *info, GPtrArray *labels)
{
  NpCiliumPolicy *policy = NP_CILIUM_POLICY (info->policy);
  GListModel *rules = np_cilium_policy_get_rules (policy);
  const char *namespace_ = np_cilium_policy_get_namespace (policy);
  g_autofree char *name = NULL;

  if (np_cilium_policy_is_clusterwide (policy))
    name = g_strdup (np_cilium_policy_get_name (policy));
  else
    name = g_strdup_printf ("%s/%s", namespace_ != NULL ? namespace_ : "default",
                            np_cilium_policy_get_name (policy));

  for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
    {
      g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, r);
      g_autoptr(NpLabelSelector) selector = np_cilium_rule_get_endpoint_selector (rule);
      g_autoptr(NpLabelSelector) effective = NULL;
      CiliumRule *compiled;
      gboolean all_nodes = FALSE;

      if (selector == NULL)
        {
          g_autoptr(NpLabelSelector) node_selector = np_cilium_rule_get_node_selector (rule);

          /* Node labels are unknown: only `nodeSelector: {}` (every node)
           * can be evaluated; it applies to the host and remote-node. */
          if (node_selector == NULL || !np_label_selector_is_empty (node_selector))
            {
              add_note (self, g_strdup_printf (_("%s:%u: %s is a host policy whose nodeSelector names node "
                                                 "labels, which are unknown here; it is not evaluated."),
                                               info->file, info->line, name));
              continue;
            }
          all_nodes = TRUE;
        }
      else
        effective = np_cilium_policy_effective_selector (policy, rule, selector, FALSE);

      compiled = g_new0 (CiliumRule, 1);
      compiled->where = g_strdup_printf ("%s:%u: %s", info->file, info->line, name);
      for (guint d = 0; d < 2; d++)
        compiled->entries[d] = g_ptr_array_new_with_free_func (cilium_entry_free);
      for (guint sec = 0; sec < NP_CILIUM_N_SECTIONS; sec++)
        {
          GListModel *entries = np_cilium_rule_get_entries (rule, sec);
          NpDirection direction = np_cilium_section_get_direction (sec);

          for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
            {
              g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);

              g_ptr_array_add (compiled->entries[direction],
                               compile_cilium_entry (self, policy, rule, entry, info, name, labels, i));
            }
        }
      g_ptr_array_add (self->cilium_rules, compiled);

      for (guint w = 0; w <= self->n_workloads; w++)
        {
          if (all_nodes ? w != self->n_workloads :
              (w == self->n_workloads || !np_label_selector_matches (effective, labels->pdata[w])))
            continue;
          for (guint d = 0; d < 2; d++)
            {
              g_ptr_array_add (g_ptr_array_index (self->cilium_selecting[d], w), compiled);
              if (np_cilium_rule_enables_default_deny (rule, d))
                self->default_deny[d][w] = 1;
            }
        }
    }
}

/* The toFQDNs selector that matches @peer, the entry itself for any other
 * match, or NULL. */
static gconstpointer
cilium_peer_match (NpEvaluator *self, const CiliumEntry *entry, const NpEndpoint *peer)
{
  if (entry->entities & entity_of_kind (peer->kind))
    return entry;
  switch (peer->kind)
    {
    case NP_ENDPOINT_WORKLOAD:
      return entry->workloads[peer->workload] ? entry : NULL;
    case NP_ENDPOINT_EXTERNAL:
      /* CIDR rules only ever match addresses outside the cluster. */
      for (guint b = 0; b < entry->blocks->len; b++)
        if (block_contains (&g_array_index (entry->blocks, Block, b), &peer->address))
          return entry;
      return NULL;
    case NP_ENDPOINT_NAME:
      for (guint i = 0; entry->fqdns != NULL && i < entry->fqdns->len; i++)
        if (fqdn_matches (entry->fqdns->pdata[i], peer->name))
          return entry->fqdns->pdata[i];
      return NULL;
    default:
      return NULL;
    }
}

/* How @entry matched @peer, for the verdict. (transfer full) */
static char *
cilium_match_description (NpEvaluator *self, const CiliumEntry *entry, const NpEndpoint *peer)
{
  const NpCiliumFqdn *fqdn;

  if (entry->any_peer || peer->kind != NP_ENDPOINT_NAME || entry->fqdns == NULL)
    return g_strdup (entry->where);
  fqdn = cilium_peer_match (self, entry, peer);
  if (fqdn == NULL || (gconstpointer) fqdn == (gconstpointer) entry)
    return g_strdup (entry->where);
  if (fqdn->match_name != NULL)
    return g_strdup_printf ("%s (toFQDNs matchName: %s)", entry->where, fqdn->match_name);
  return g_strdup_printf ("%s (toFQDNs matchPattern: %s)", entry->where, fqdn->match_pattern);
}

static gboolean
cilium_peer_matches (NpEvaluator *self, const CiliumEntry *entry, const NpEndpoint *peer)
{
  if (entry->no_peer)
    return FALSE;
  if (entry->any_peer)
    return TRUE;
  return cilium_peer_match (self, entry, peer) != NULL;
}

static NpConnSet *
cilium_connections (NpEvaluator *self, const CiliumEntry *entry, const NpEndpoint *destination)
{
  NpConnSet *set;

  if (entry->all_ports)
    return np_conn_set_new_all ();

  set = np_conn_set_new ();
  for (guint i = 0; i < entry->ports->len; i++)
    {
      const NpCiliumPort *port = entry->ports->pdata[i];
      gboolean any_protocol = port->protocol == NULL || *port->protocol == '\0' ||
                              g_ascii_strcasecmp (port->protocol, "ANY") == 0;
      NpProtocol protocol = NP_PROTOCOL_TCP;
      guint64 number = 0;

      if (!any_protocol && !np_protocol_parse (port->protocol, &protocol))
        continue;  /* ICMP and other protocols are not tracked */

      if (port->port == NULL || g_ascii_string_to_unsigned (port->port, 10, 0, 65535, &number, NULL))
        {
          guint first = number == 0 ? 1 : number;
          guint last = number == 0 ? 65535 :
                       port->end_port > (gint64) number ? (guint) port->end_port : (guint) number;

          for (guint p = 0; p < NP_N_PROTOCOLS; p++)
            if (any_protocol || p == protocol)
              np_conn_set_add_range (set, p, first, last);
          continue;
        }

      /* A named port resolves on the destination. */
      if (destination->kind == NP_ENDPOINT_WORKLOAD)
        {
          const NpWorkload *w = np_inventory_get_workload (self->inventory, destination->workload);

          for (guint j = 0; j < w->ports->len; j++)
            {
              const NpContainerPort *cp = w->ports->pdata[j];
              NpProtocol cp_protocol;

              if (g_strcmp0 (cp->name, port->port) != 0 || !np_protocol_parse (cp->protocol, &cp_protocol))
                continue;
              if (any_protocol || cp_protocol == protocol)
                {
                  np_conn_set_add_range (set, cp_protocol, cp->port, cp->port);
                  break;
                }
            }
        }
    }
  return set;
}

/**
 * np_evaluator_new:
 * @inventory: the workloads and policies
 * @flags: options
 *
 * Returns: (transfer full): an evaluator for @inventory
 */
NpEvaluator *
np_evaluator_new (NpInventory *inventory,
                  NpEvalFlags  flags)
{
  NpEvaluator *self;
  guint n_cilium = 0;

  g_return_val_if_fail (NP_IS_INVENTORY (inventory), NULL);

  self = g_object_new (NP_TYPE_EVALUATOR, NULL);
  self->inventory = g_object_ref (inventory);
  self->flags = flags;
  self->n_workloads = np_inventory_get_n_workloads (inventory);
  for (guint d = 0; d < 2; d++)
    {
      self->selecting[d] = g_ptr_array_new_full (self->n_workloads + 1, (GDestroyNotify) g_ptr_array_unref);
      for (guint w = 0; w <= self->n_workloads; w++)
        g_ptr_array_add (self->selecting[d], g_ptr_array_new ());
    }

  for (guint d = 0; d < 2; d++)
    {
      self->cilium_selecting[d] = g_ptr_array_new_full (self->n_workloads + 1, (GDestroyNotify) g_ptr_array_unref);
      for (guint w = 0; w <= self->n_workloads; w++)
        g_ptr_array_add (self->cilium_selecting[d], g_ptr_array_new ());
      self->default_deny[d] = g_new0 (guint8, self->n_workloads + 1);
    }

  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    {
      const NpInventoryPolicy *entry = np_inventory_get_policy (inventory, i);

      if (NP_IS_POLICY (entry->policy))
        compile_policy (self, entry);
      else
        n_cilium++;
    }
  if (n_cilium > 0)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

      for (guint w = 0; w < self->n_workloads; w++)
        g_ptr_array_add (labels, cilium_labels (self, np_inventory_get_workload (inventory, w)));
      for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
        {
          const NpInventoryPolicy *entry = np_inventory_get_policy (inventory, i);

          if (NP_IS_CILIUM_POLICY (entry->policy))
            compile_cilium_policy (self, entry, labels);
        }
    }
  return self;
}

NpInventory *
np_evaluator_get_inventory (NpEvaluator *self)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  return self->inventory;
}

GPtrArray *
np_evaluator_get_notes (NpEvaluator *self)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  return self->notes;
}

/* Deciding ----------------------------------------------------------------- */

static gboolean
peer_matches (NpEvaluator *self, const Rule *rule, const NpEndpoint *peer)
{
  if (rule->all_peers)
    return TRUE;
  switch (peer->kind)
    {
    case NP_ENDPOINT_WORKLOAD:
      if (rule->workloads[peer->workload])
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
                if (block_contains (&g_array_index (rule->blocks, Block, b), &address))
                  return TRUE;
            }
        }
      return FALSE;
    case NP_ENDPOINT_EXTERNAL:
      for (guint b = 0; b < rule->blocks->len; b++)
        if (block_contains (&g_array_index (rule->blocks, Block, b), &peer->address))
          return TRUE;
      return FALSE;
    case NP_ENDPOINT_NODE:
    default:
      return FALSE;
    }
}

/* The connections a rule's ports allow toward @destination. */
static NpConnSet *
rule_connections (NpEvaluator *self, const Rule *rule, const NpEndpoint *destination)
{
  NpConnSet *set;

  if (rule->ports->len == 0)
    return np_conn_set_new_all ();

  set = np_conn_set_new ();
  for (guint i = 0; i < rule->ports->len; i++)
    {
      NpPolicyPort *port = rule->ports->pdata[i];
      const char *protocol_name = np_policy_port_get_effective_protocol (port);
      NpProtocol protocol;

      if (!np_protocol_parse (protocol_name, &protocol))
        continue;
      switch (np_policy_port_get_port_kind (port))
        {
        case NP_PORT_KIND_NONE:
          np_conn_set_add_range (set, protocol, MIN_PORT, MAX_PORT);
          break;
        case NP_PORT_KIND_NUMBER:
          {
            gint64 first = np_policy_port_get_port_number (port);
            gint64 last = np_policy_port_get_has_end_port (port) ?
                          np_policy_port_get_end_port (port) : first;

            if (first >= MIN_PORT && last <= MAX_PORT && first <= last)
              np_conn_set_add_range (set, protocol, first, last);
          }
          break;
        case NP_PORT_KIND_NAME:
          /* A named port resolves on the destination pod: same name and
           * same protocol. It never matches an external destination. */
          if (destination->kind == NP_ENDPOINT_WORKLOAD)
            {
              const NpWorkload *w = np_inventory_get_workload (self->inventory, destination->workload);

              for (guint j = 0; j < w->ports->len; j++)
                {
                  const NpContainerPort *cp = w->ports->pdata[j];

                  if (g_strcmp0 (cp->name, np_policy_port_get_port_name (port)) == 0 &&
                      g_ascii_strcasecmp (cp->protocol, protocol_name) == 0)
                    {
                      np_conn_set_add_range (set, protocol, cp->port, cp->port);
                      break;
                    }
                }
            }
          break;
        default:
          break;
        }
    }
  return set;
}

/* What the policies of @subject allow in @direction with @peer;
 * @destination resolves named ports. Fills @side when given. */
static NpConnSet *
side_allowed (NpEvaluator      *self,
              NpDirection       direction,
              guint             subject,
              const NpEndpoint *peer,
              const NpEndpoint *destination,
              NpSideDecision   *side,
              NpProtocol        protocol,
              guint             port)
{
  GPtrArray *selecting = g_ptr_array_index (self->selecting[direction], subject);
  GPtrArray *cilium = g_ptr_array_index (self->cilium_selecting[direction], subject);
  gboolean isolated = selecting->len > 0 || self->default_deny[direction][subject];
  NpConnSet *result;

  if (side != NULL)
    {
      side->applies = TRUE;
      side->isolated = isolated;
      side->policies = g_ptr_array_new_with_free_func (g_free);
      side->rules = g_ptr_array_new_with_free_func (g_free);
      side->denials = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < selecting->len; i++)
        g_ptr_array_add (side->policies, g_strdup (((Policy *) selecting->pdata[i])->where));
      for (guint i = 0; i < cilium->len; i++)
        g_ptr_array_add (side->policies, g_strdup (((CiliumRule *) cilium->pdata[i])->where));
    }

  if (direction == NP_DIRECTION_INGRESS && peer->kind == NP_ENDPOINT_NODE &&
      subject < self->n_workloads && !(self->flags & NP_EVAL_DENY_FROM_NODE))
    {
      if (side != NULL)
        side->note = g_strdup ("Traffic from the pod's own node is always allowed.");
      return np_conn_set_new_all ();
    }

  if (!isolated)
    {
      if (side != NULL)
        side->note = g_strdup (direction == NP_DIRECTION_INGRESS ?
                               "No policy isolates the destination for ingress: it is not isolated." :
                               "No policy isolates the source for egress: it is not isolated.");
      result = np_conn_set_new_all ();
    }
  else
    {
      result = np_conn_set_new ();
      for (guint i = 0; i < selecting->len; i++)
        {
          Policy *policy = selecting->pdata[i];
          GPtrArray *rules = policy->rules[direction];

          for (guint r = 0; r < rules->len; r++)
            {
              Rule *rule = rules->pdata[r];
              g_autoptr(NpConnSet) conns = NULL;

              if (!peer_matches (self, rule, peer))
                continue;
              conns = rule_connections (self, rule, destination);
              if (side != NULL && np_conn_set_contains (conns, protocol, port))
                g_ptr_array_add (side->rules, g_strdup (rule->where));
              np_conn_set_union (result, conns);
            }
        }
      for (guint i = 0; i < cilium->len; i++)
        {
          GPtrArray *entries = ((CiliumRule *) cilium->pdata[i])->entries[direction];

          for (guint e = 0; e < entries->len; e++)
            {
              CiliumEntry *entry = entries->pdata[e];
              g_autoptr(NpConnSet) conns = NULL;

              if (entry->deny || !cilium_peer_matches (self, entry, peer))
                continue;
              conns = cilium_connections (self, entry, destination);
              if (side != NULL && np_conn_set_contains (conns, protocol, port))
                g_ptr_array_add (side->rules, cilium_match_description (self, entry, peer));
              np_conn_set_union (result, conns);
            }
        }
      if (side != NULL && side->rules->len == 0)
        side->note = g_strdup ("No allow rule of the policies that isolate it matches both the peer and the port.");
    }

  /* A matching deny rule overrides every allow, Kubernetes ones included. */
  for (guint i = 0; i < cilium->len; i++)
    {
      GPtrArray *entries = ((CiliumRule *) cilium->pdata[i])->entries[direction];

      for (guint e = 0; e < entries->len; e++)
        {
          CiliumEntry *entry = entries->pdata[e];
          g_autoptr(NpConnSet) conns = NULL;

          if (!entry->deny || !cilium_peer_matches (self, entry, peer))
            continue;
          conns = cilium_connections (self, entry, destination);
          if (side != NULL && np_conn_set_contains (conns, protocol, port))
            g_ptr_array_add (side->denials, cilium_match_description (self, entry, peer));
          np_conn_set_subtract (result, conns);
        }
    }
  return result;
}

/* The subject index of an endpoint policies may select: a workload, or the
 * nodes (n_workloads) for host policies; -1 for the others. */
static int
endpoint_subject (NpEvaluator *self, const NpEndpoint *endpoint)
{
  switch (endpoint->kind)
    {
    case NP_ENDPOINT_WORKLOAD:
      return endpoint->workload;
    case NP_ENDPOINT_NODE:
    case NP_ENDPOINT_REMOTE_NODE:
      return self->n_workloads;
    default:
      return -1;
    }
}

/* Whether the local host talks to one of its pods, which host policies
 * do not restrict either (allow-from-node). */
static gboolean
host_to_pod (NpEvaluator *self, const NpEndpoint *source, const NpEndpoint *destination)
{
  return source->kind == NP_ENDPOINT_NODE && destination->kind == NP_ENDPOINT_WORKLOAD &&
         !(self->flags & NP_EVAL_DENY_FROM_NODE);
}

static gboolean
same_workload (const NpEndpoint *a, const NpEndpoint *b)
{
  return a->kind == NP_ENDPOINT_WORKLOAD && b->kind == NP_ENDPOINT_WORKLOAD &&
         a->workload == b->workload;
}

static gboolean
endpoint_valid (NpEvaluator *self, const NpEndpoint *endpoint)
{
  return endpoint->kind != NP_ENDPOINT_WORKLOAD || endpoint->workload < self->n_workloads;
}

/**
 * np_evaluator_allowed:
 * @source: where the connection starts
 * @destination: where it goes
 *
 * Returns: (transfer full): the connections allowed from @source to
 *   @destination (egress of the source AND ingress of the destination)
 */
NpConnSet *
np_evaluator_allowed (NpEvaluator      *self,
                      const NpEndpoint *source,
                      const NpEndpoint *destination)
{
  NpConnSet *result;

  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (source != NULL && endpoint_valid (self, source), NULL);
  g_return_val_if_fail (destination != NULL && endpoint_valid (self, destination), NULL);

  if (same_workload (source, destination))
    return np_conn_set_new_all ();

  if (endpoint_subject (self, source) >= 0 && !host_to_pod (self, source, destination))
    result = side_allowed (self, NP_DIRECTION_EGRESS, endpoint_subject (self, source), destination,
                           destination, NULL, 0, 0);
  else
    result = np_conn_set_new_all ();
  if (endpoint_subject (self, destination) >= 0 && !np_conn_set_is_empty (result))
    {
      g_autoptr(NpConnSet) ingress = side_allowed (self, NP_DIRECTION_INGRESS,
                                                   endpoint_subject (self, destination),
                                                   source, destination, NULL, 0, 0);

      np_conn_set_intersect (result, ingress);
    }
  return result;
}

/**
 * np_evaluator_decide:
 * @source: where the connection starts
 * @destination: where it goes
 * @protocol: its protocol
 * @port: its destination port
 *
 * Returns: (transfer full): the verdict, each side's decision and the rules
 *   that allowed it
 */
NpVerdict *
np_evaluator_decide (NpEvaluator      *self,
                     const NpEndpoint *source,
                     const NpEndpoint *destination,
                     NpProtocol        protocol,
                     guint             port)
{
  NpVerdict *verdict;

  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (source != NULL && endpoint_valid (self, source), NULL);
  g_return_val_if_fail (destination != NULL && endpoint_valid (self, destination), NULL);
  g_return_val_if_fail (protocol < NP_N_PROTOCOLS, NULL);

  verdict = g_new0 (NpVerdict, 1);
  verdict->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->notes->len; i++)
    g_ptr_array_add (verdict->notes, g_strdup (self->notes->pdata[i]));

  if (same_workload (source, destination))
    {
      verdict->allowed = TRUE;
      verdict->egress.allowed = verdict->ingress.allowed = TRUE;
      verdict->egress.note = g_strdup (("A pod may always reach itself."));
      verdict->ingress.note = g_strdup (("A pod may always reach itself."));
      return verdict;
    }

  if (host_to_pod (self, source, destination))
    {
      verdict->egress.allowed = TRUE;
      verdict->egress.note = g_strdup ("Traffic from the pod's own node is always allowed.");
    }
  else if (endpoint_subject (self, source) >= 0)
    {
      g_autoptr(NpConnSet) conns = side_allowed (self, NP_DIRECTION_EGRESS, endpoint_subject (self, source),
                                                 destination, destination, &verdict->egress,
                                                 protocol, port);

      verdict->egress.allowed = np_conn_set_contains (conns, protocol, port);
    }
  else
    {
      verdict->egress.allowed = TRUE;
      if (source->kind == NP_ENDPOINT_EXTERNAL || source->kind == NP_ENDPOINT_NAME)
        verdict->egress.note = g_strdup (("The source is outside the cluster: no egress policy applies."));
      else
        verdict->egress.note = g_strdup (_("The source is no pod but a reserved identity of the cluster: "
                                           "no egress policy applies to it here."));
    }

  if (endpoint_subject (self, destination) >= 0)
    {
      g_autoptr(NpConnSet) conns = side_allowed (self, NP_DIRECTION_INGRESS,
                                                 endpoint_subject (self, destination),
                                                 source, destination, &verdict->ingress,
                                                 protocol, port);

      verdict->ingress.allowed = np_conn_set_contains (conns, protocol, port);
    }
  else
    {
      verdict->ingress.allowed = TRUE;
      if (destination->kind == NP_ENDPOINT_EXTERNAL || destination->kind == NP_ENDPOINT_NAME)
        verdict->ingress.note = g_strdup (("The destination is outside the cluster: no ingress policy applies."));
      else
        verdict->ingress.note = g_strdup (_("The destination is no pod but a reserved identity of the cluster: "
                                            "no ingress policy applies to it here."));
    }

  verdict->allowed = verdict->egress.allowed && verdict->ingress.allowed;
  return verdict;
}
