/* np-evaluator-cilium.c: compiling and deciding CiliumNetworkPolicies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-evaluator-private.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-node.h"

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
  GArray    *blocks;      /* NpAddressBlock: CIDR rules (outside addresses only) */
  GPtrArray *fqdns;       /* NpCiliumFqdn: toFQDNs (names only) */
  gboolean   all_ports;
  GPtrArray *ports;       /* NpCiliumPort */
  NpRuleRef  ref;         /* borrows: the inventory's policy and file, @where */
} CiliumEntry;

typedef struct {
  NpRuleRef  ref;         /* the same; first, for np_side_decision_add_selected() */
  char      *where;
  char      *title;       /* "CiliumNetworkPolicy 'ns/name'", for explanations */
  gboolean   isolates[2]; /* it asks for default-deny, per NpDirection */
  GPtrArray *entries[2];  /* CiliumEntry, per NpDirection, allow and deny */
} CiliumRule;
G_STATIC_ASSERT (G_STRUCT_OFFSET (CiliumRule, ref) == 0);


typedef struct {
  GPtrArray *rules;          /* CiliumRule */
  GPtrArray *selecting[2];   /* per subject (workloads, then the nodes for host policies):
                              * GPtrArray of CiliumRule (borrowed) */
  guint8    *default_deny[2];  /* the same: a Cilium rule asks for default-deny */
} State;

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
  g_free (rule->title);
  g_clear_pointer (&rule->entries[0], g_ptr_array_unref);
  g_clear_pointer (&rule->entries[1], g_ptr_array_unref);
  g_free (rule);
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
  const char *policy_namespace = np_k8s_namespace_or_default (np_cilium_policy_get_namespace (policy));

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
              np_evaluator_add_note (self, g_strdup_printf (_("%s: the Service %s/%s has no selector; its endpoints "
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
        np_evaluator_add_note (self, g_strdup_printf (_("%s: no Service of the files read matches this toServices "
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
                      guint                    spec,
                      guint                    index)
{
  NpCiliumSection section = np_cilium_rule_entry_get_section (source);
  NpCiliumPeerKind kind = np_cilium_rule_entry_get_peer_kind (source);
  guint n_port_rules = np_cilium_rule_entry_get_n_port_rules (source);
  guint line = entry_line (source, entry_info->line);
  CiliumEntry *entry = g_new0 (CiliumEntry, 1);

  entry->where = g_strdup_printf ("%s:%u: %s, %s %u", entry_info->file, line, policy_name,
                                  np_cilium_section_to_key (section), index + 1);
  entry->deny = np_cilium_section_is_deny (section);
  entry->ref = (NpRuleRef) { entry_info->policy, entry_info->file, line,
                             np_cilium_section_get_direction (section), (int) spec, (int) index,
                             entry->deny, entry->where };
  entry->workloads = g_new0 (guint8, MAX (self->n_workloads, 1));
  entry->blocks = g_array_new (FALSE, TRUE, sizeof (NpAddressBlock));
  g_array_set_clear_func (entry->blocks, (GDestroyNotify) np_address_block_clear);
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
              np_evaluator_add_note (self, g_strdup_printf (_("%s: the entity “%s” matches none of the "
                                                              "workloads or addresses evaluated here."),
                                                            entry->where, e));
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
              NpAddressBlock block = { 0 };

              if (np_address_block_init (&block, cidrs[i], NULL, TRUE))
                g_array_append_val (entry->blocks, block);
            }
        }
      else
        {
          g_autoptr(GPtrArray) sets = np_cilium_rule_entry_get_cidr_rules (source);

          for (guint i = 0; i < sets->len; i++)
            {
              NpCiliumCidrRule *cidr_rule = sets->pdata[i];
              NpAddressBlock block = { 0 };

              if (!np_address_block_init (&block, cidr_rule->cidr,
                                          (const char * const *) cidr_rule->except, FALSE))
                {
                  np_evaluator_add_note (self, g_strdup_printf (_("%s: CIDR groups are not evaluated yet."),
                                                                entry->where));
                  continue;
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
            np_evaluator_add_note (self, g_strdup_printf (_("%s: node labels are unknown here, so a %s selector other "
                                               "than {} matches no node."),
                                             entry->where, np_cilium_peer_kind_to_key (kind, section)));
      }
      break;

    default:
      entry->no_peer = TRUE;
      np_evaluator_add_note (self, g_strdup_printf (_("%s: %s peers are not evaluated yet; the rule matches "
                                                      "nothing here."),
                                                    entry->where, np_cilium_peer_kind_to_key (kind, section)));
      break;
    }
  return entry;
}

static void
compile_cilium_policy (NpEvaluator *self, State *state, const NpInventoryPolicy *info, GPtrArray *labels)
{
  NpCiliumPolicy *policy = NP_CILIUM_POLICY (info->policy);
  GListModel *rules = np_cilium_policy_get_rules (policy);
  const char *namespace_ = np_cilium_policy_get_namespace (policy);
  g_autofree char *name = NULL;

  if (np_cilium_policy_is_clusterwide (policy))
    name = g_strdup (np_cilium_policy_get_name (policy));
  else
    name = g_strdup_printf ("%s/%s", np_k8s_namespace_or_default (namespace_),
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
              np_evaluator_add_note (self, g_strdup_printf (_("%s:%u: %s is a host policy whose nodeSelector names node "
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
      compiled->ref = (NpRuleRef) { info->policy, info->file, info->line, NP_DIRECTION_INGRESS,
                                    (int) r, -1, FALSE, compiled->where };
      /* netpol-analyzer knows no Cilium policy: its NetworkPolicy names,
       * with the rule of spec/specs when there are several. */
      compiled->title = g_strdup_printf ("%s '%s'", np_cilium_policy_is_clusterwide (policy) ?
                                         "CiliumClusterwideNetworkPolicy" : "CiliumNetworkPolicy", name);
      if (g_list_model_get_n_items (rules) > 1)
        {
          char *title = g_strdup_printf ("%s (specs #%u)", compiled->title, r + 1);

          g_free (compiled->title);
          compiled->title = title;
        }
      for (guint d = 0; d < 2; d++)
        compiled->isolates[d] = np_cilium_rule_enables_default_deny (rule, d);
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
                               compile_cilium_entry (self, policy, rule, entry, info, name, labels, r, i));
            }
        }
      g_ptr_array_add (state->rules, compiled);

      for (guint w = 0; w <= self->n_workloads; w++)
        {
          if (all_nodes ? w != self->n_workloads :
              (w == self->n_workloads || !np_label_selector_matches (effective, labels->pdata[w])))
            continue;
          for (guint d = 0; d < 2; d++)
            {
              g_ptr_array_add (g_ptr_array_index (state->selecting[d], w), compiled);
              if (np_cilium_rule_enables_default_deny (rule, d))
                state->default_deny[d][w] = 1;
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
        if (np_address_block_contains (&g_array_index (entry->blocks, NpAddressBlock, b), &peer->address))
          return entry;
      return NULL;
    case NP_ENDPOINT_NAME:
      for (guint i = 0; entry->fqdns != NULL && i < entry->fqdns->len; i++)
        {
          const NpCiliumFqdn *fqdn = entry->fqdns->pdata[i];

          if (np_fqdn_matches (fqdn->match_name, fqdn->match_pattern, peer->name))
            return fqdn;
        }
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

static gpointer
cilium_compile (NpEvaluator *self)
{
  NpInventory *inventory = self->inventory;
  State *state = g_new0 (State, 1);
  guint n_cilium = 0;

  state->rules = g_ptr_array_new_with_free_func (cilium_rule_free);
  for (guint d = 0; d < 2; d++)
    {
      state->selecting[d] = np_evaluator_new_subject_table (self);
      state->default_deny[d] = g_new0 (guint8, self->n_workloads + 1);
    }

  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    if (NP_IS_CILIUM_POLICY (np_inventory_get_policy (inventory, i)->policy))
      n_cilium++;
  if (n_cilium > 0)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

      for (guint w = 0; w < self->n_workloads; w++)
        g_ptr_array_add (labels, cilium_labels (self, np_inventory_get_workload (inventory, w)));
      for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
        {
          const NpInventoryPolicy *entry = np_inventory_get_policy (inventory, i);

          if (NP_IS_CILIUM_POLICY (entry->policy))
            compile_cilium_policy (self, state, entry, labels);
        }
    }
  return state;
}

static void
cilium_free_state (gpointer data)
{
  State *state = data;

  g_clear_pointer (&state->selecting[0], g_ptr_array_unref);
  g_clear_pointer (&state->selecting[1], g_ptr_array_unref);
  g_clear_pointer (&state->rules, g_ptr_array_unref);
  g_clear_pointer (&state->default_deny[0], g_free);
  g_clear_pointer (&state->default_deny[1], g_free);
  g_free (state);
}

static GPtrArray *
selecting (gpointer data, NpDirection direction, guint subject)
{
  State *state = data;

  return g_ptr_array_index (state->selecting[direction], subject);
}

/* A Cilium rule isolates the endpoints it selects only when it puts them
 * in default-deny (np_cilium_rule_enables_default_deny()). */
static gboolean
cilium_isolates (NpEvaluator *self,
                 gpointer     data,
                 NpDirection  direction,
                 guint        subject)
{
  State *state = data;

  return state->default_deny[direction][subject];
}

static void
cilium_list_policies (NpEvaluator       *self,
                      gpointer           state,
                      const NpSideQuery *query)
{
  np_side_decision_add_selected (query, selecting (state, query->direction, query->subject));
}

/* Goes through the allow (@deny FALSE) or deny entries that match the
 * query's peer; adds their connections to @allowed or takes them away. */
static void
apply_entries (NpEvaluator       *self,
               gpointer           state,
               const NpSideQuery *query,
               gboolean           deny,
               NpConnSet         *allowed)
{
  GPtrArray *rules = selecting (state, query->direction, query->subject);

  for (guint i = 0; i < rules->len; i++)
    {
      GPtrArray *entries = ((CiliumRule *) rules->pdata[i])->entries[query->direction];

      for (guint e = 0; e < entries->len; e++)
        {
          CiliumEntry *entry = entries->pdata[e];
          g_autoptr(NpConnSet) conns = NULL;

          if (entry->deny != deny || !cilium_peer_matches (self, entry, query->peer))
            continue;
          conns = cilium_connections (self, entry, query->destination);
          if (query->side != NULL && np_conn_set_contains (conns, query->protocol, query->port))
            np_side_decision_add (deny ? query->side->denials : query->side->rules,
                                  deny ? query->side->denial_refs : query->side->rule_refs, &entry->ref,
                                  query->direction, cilium_match_description (self, entry, query->peer));
          if (deny)
            np_conn_set_subtract (allowed, conns);
          else
            np_conn_set_union (allowed, conns);
        }
    }
}

static void
cilium_allow (NpEvaluator       *self,
              gpointer           state,
              const NpSideQuery *query,
              NpConnSet         *allowed)
{
  apply_entries (self, state, query, FALSE, allowed);
}

/* A matching deny rule overrides every allow, Kubernetes ones included. */
static void
cilium_deny (NpEvaluator       *self,
             gpointer           state,
             const NpSideQuery *query,
             NpConnSet         *allowed)
{
  apply_entries (self, state, query, TRUE, allowed);
}

static char *
entry_rule_name (const CiliumEntry *entry, NpDirection direction)
{
  return g_strdup_printf ("%s%s rule #%d", direction == NP_DIRECTION_INGRESS ? "Ingress" : "Egress",
                          entry->deny ? "Deny" : "", entry->ref.rule + 1);
}

/* The reasons as netpol-analyzer gives them for NetworkPolicies (see
 * k8s_explain()), per rule of spec/specs: its allow entries that select
 * the peer allow their ports, its deny entries refuse theirs. */
static void
cilium_explain (NpEvaluator       *self,
                gpointer           state,
                const NpSideQuery *query,
                GPtrArray         *out)
{
  GPtrArray *rules = selecting (state, query->direction, query->subject);

  for (guint i = 0; i < rules->len; i++)
    {
      CiliumRule *rule = rules->pdata[i];
      GPtrArray *entries = rule->entries[query->direction];
      NpPolicyReasons *reasons;
      gboolean any_allow = FALSE;

      reasons = np_policy_reasons_new (np_cilium_policy_is_clusterwide (NP_CILIUM_POLICY (rule->ref.policy)) ?
                                       "CiliumClusterwideNetworkPolicy" : "CiliumNetworkPolicy",
                                       g_strdup (rule->title), rule->isolates[query->direction]);
      for (guint e = 0; e < entries->len; e++)
        {
          CiliumEntry *entry = entries->pdata[e];
          g_autoptr(NpConnSet) conns = NULL;

          any_allow |= !entry->deny;
          if (!cilium_peer_matches (self, entry, query->peer))
            continue;
          conns = cilium_connections (self, entry, query->destination);
          g_ptr_array_add (reasons->reasons,
                           np_rule_reason_new (entry->deny ? NP_RULE_REASON_DENY : NP_RULE_REASON_ALLOW,
                                               &entry->ref, entry_rule_name (entry, query->direction), conns));
          if (!entry->deny && reasons->fallback == NULL)
            reasons->fallback = np_rule_reason_new (NP_RULE_REASON_PORTS, &entry->ref,
                                                    entry_rule_name (entry, query->direction), NULL);
        }
      if (reasons->fallback == NULL)
        reasons->fallback = np_rule_reason_new (any_allow ? NP_RULE_REASON_NOT_SELECTED : NP_RULE_REASON_NO_RULES,
                                                &rule->ref, NULL, NULL);
      g_ptr_array_add (out, reasons);
    }
}

/* CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, host policies
 * included (the subject NP_EVAL_NODES()). */
const NpEvalFamily np_eval_family_cilium = {
  .name = "CiliumNetworkPolicy",
  .tier = NP_EVAL_TIER_NETWORK_POLICY,
  .compile = cilium_compile,
  .free_state = cilium_free_state,
  .isolates = cilium_isolates,
  .list_policies = cilium_list_policies,
  .allow = cilium_allow,
  .deny = cilium_deny,
  .explain = cilium_explain,
};
