/* np-flow-generator.c: policies that allow what flow logs show
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-private.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-convert.h"
#include "np-describe.h"
#include "np-diagnostic.h"
#include "np-flow-generator.h"
#include "np-flow-private.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy-edit.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"
#include "np-yaml.h"

#define NS_NAME_LABEL "kubernetes.io/metadata.name"

void
np_flow_workload_free (NpFlowWorkload *workload)
{
  if (workload == NULL)
    return;
  g_free (workload->namespace_);
  g_strfreev (workload->labels);
  g_free (workload);
}

char *
np_flow_workload_to_string (const NpFlowWorkload *workload)
{
  g_autofree char *labels = NULL;

  g_return_val_if_fail (workload != NULL, NULL);
  labels = g_strjoinv (",", workload->labels);
  return g_strdup_printf ("%s:%s", workload->namespace_, labels);
}

static NpLabelSelector *
selector_from_labels (char **labels)
{
  NpLabelSelector *selector = np_label_selector_new ();

  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *equals = strchr (labels[i], '=');
      g_autofree char *key = g_strndup (labels[i], equals - labels[i]);

      np_label_selector_set_label (selector, key, equals + 1);
    }
  return selector;
}

NpLabelSelector *
np_flow_workload_to_selector (const NpFlowWorkload *workload)
{
  g_return_val_if_fail (workload != NULL, NULL);
  return selector_from_labels (workload->labels);
}

gboolean
np_flow_parse_workload (const char       *text,
                        char            **namespace_,
                        NpLabelSelector **selector,
                        GError          **error)
{
  const char *colon;
  g_autoptr(NpLabelSelector) parsed = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  colon = strchr (text, ':');
  if (colon == NULL || colon == text)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is no workload; write it as NAMESPACE:LABEL=VALUE[,LABEL=VALUE…]."), text);
      return FALSE;
    }
  parsed = np_label_selector_new_from_string (colon + 1, error);
  if (parsed == NULL)
    return FALSE;
  if (np_label_selector_is_empty (parsed))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” names no labels; write it as NAMESPACE:LABEL=VALUE[,LABEL=VALUE…]."), text);
      return FALSE;
    }
  *namespace_ = g_strndup (text, colon - text);
  *selector = g_steal_pointer (&parsed);
  return TRUE;
}

gboolean
np_flow_is_usable (NpFlow              *flow,
                   NpFlowGenerateFlags  flags)
{
  g_return_val_if_fail (NP_IS_FLOW (flow), FALSE);

  if (flow->is_reply)
    return FALSE;
  if (!np_flow_is_forwarded (flow) &&
      !((flags & NP_FLOW_GENERATE_INCLUDE_DROPPED) && g_str_equal (flow->verdict, "DROPPED")))
    return FALSE;
  return np_flow_protocol_has_ports (flow->protocol) && flow->port > 0;
}

static gboolean
is_labelled_pod (const NpFlowEndpoint *e)
{
  return e->kind == NP_FLOW_PEER_POD && e->stable[0] != NULL;
}

static int
compare_workloads (gconstpointer a, gconstpointer b)
{
  const NpFlowWorkload *wa = *(NpFlowWorkload * const *) a;
  const NpFlowWorkload *wb = *(NpFlowWorkload * const *) b;
  g_autofree char *sa = np_flow_workload_to_string (wa);
  g_autofree char *sb = np_flow_workload_to_string (wb);

  return strcmp (sa, sb);
}

GPtrArray *
np_flow_list_workloads (GListModel          *flows,
                        NpFlowGenerateFlags  flags)
{
  GPtrArray *workloads = g_ptr_array_new_with_free_func ((GDestroyNotify) np_flow_workload_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (G_IS_LIST_MODEL (flows), workloads);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);
      const NpFlowEndpoint *ends[2] = { &flow->source, &flow->destination };

      if (!np_flow_is_usable (flow, flags))
        continue;
      for (guint j = 0; j < 2; j++)
        {
          NpFlowWorkload w = { ends[j]->namespace_, ends[j]->stable };
          NpFlowWorkload *copy;
          char *key;

          if (!is_labelled_pod (ends[j]))
            continue;
          key = np_flow_workload_to_string (&w);
          if (g_hash_table_contains (seen, key))
            {
              g_free (key);
              continue;
            }
          g_hash_table_add (seen, key);
          copy = g_new0 (NpFlowWorkload, 1);
          copy->namespace_ = g_strdup (w.namespace_);
          copy->labels = g_strdupv (w.labels);
          g_ptr_array_add (workloads, copy);
        }
    }
  g_ptr_array_sort (workloads, compare_workloads);
  return workloads;
}

/* Generation ------------------------------------------------------------- */

typedef enum {
  PEER_PODS,      /* same namespace, by labels */
  PEER_NS_PODS,   /* another namespace, by its name and labels */
  PEER_CIDR,
  PEER_FQDN,
  PEER_ENTITY,
} PeerKind;

typedef struct {
  guint first;
  guint last;
} Range;

typedef struct {
  PeerKind    kind;
  char       *namespace_;
  char      **labels;     /* PODS, NS_PODS */
  char       *value;      /* CIDR, ENTITY; FQDN: the names joined by "," */
  GArray     *ports[3];   /* (element-type Range) TCP, UDP, SCTP */
} Peer;

static const char * const protocols[] = { "TCP", "UDP", "SCTP" };

static void
peer_free (Peer *peer)
{
  g_free (peer->namespace_);
  g_strfreev (peer->labels);
  g_free (peer->value);
  for (guint i = 0; i < G_N_ELEMENTS (peer->ports); i++)
    g_array_unref (peer->ports[i]);
  g_free (peer);
}

static guint
protocol_index (const char *protocol)
{
  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    if (g_str_equal (protocols[i], protocol))
      return i;
  g_assert_not_reached ();
}

static int
compare_ranges (gconstpointer a, gconstpointer b)
{
  const Range *ra = a, *rb = b;

  if (ra->first != rb->first)
    return ra->first < rb->first ? -1 : 1;
  return ra->last < rb->last ? -1 : ra->last > rb->last;
}

/* Sorts @ranges and merges the ones that overlap or touch. */
static void
merge_ranges (GArray *ranges)
{
  guint out = 0;

  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      Range r = g_array_index (ranges, Range, i);

      if (out > 0 && r.first <= g_array_index (ranges, Range, out - 1).last + 1)
        {
          Range *prev = &g_array_index (ranges, Range, out - 1);

          prev->last = MAX (prev->last, r.last);
          continue;
        }
      g_array_index (ranges, Range, out++) = r;
    }
  g_array_set_size (ranges, out);
}

typedef struct {
  const char          *namespace_;
  NpLabelSelector     *selector;
  NpPolicyKind         kind;
  GHashTable          *peers[2];  /* per NpDirection: key → Peer */
  gboolean             dns;       /* egress to kube-dns on port 53 seen */
  gboolean             fqdns;     /* some FQDN peer */
  GHashTable          *reported;  /* diagnostics already given */
  GPtrArray           *diagnostics;
} Generator;

static void
report (Generator *g, const char *code, const char *message)
{
  if (g->diagnostics == NULL || g_hash_table_contains (g->reported, message))
    return;
  g_hash_table_add (g->reported, g_strdup (message));
  g_ptr_array_add (g->diagnostics, np_diagnostic_new (NP_SEVERITY_WARNING, code, NULL, message));
}

static GHashTable *
labels_table (char **labels)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *equals = strchr (labels[i], '=');

      g_hash_table_insert (table, g_strndup (labels[i], equals - labels[i]), g_strdup (equals + 1));
    }
  return table;
}

static gboolean
is_selected (Generator *g, const NpFlowEndpoint *e)
{
  g_autoptr(GHashTable) labels = NULL;

  if (!is_labelled_pod (e) || g_strcmp0 (e->namespace_, g->namespace_) != 0)
    return FALSE;
  labels = labels_table (e->stable);
  return np_label_selector_matches (g->selector, labels);
}

static gboolean
is_kube_dns (const NpFlowEndpoint *e)
{
  g_autoptr(GHashTable) labels = NULL;

  if (e->kind != NP_FLOW_PEER_POD || e->stable == NULL)
    return FALSE;
  labels = labels_table (e->stable);
  return np_pod_is_kube_dns (e->namespace_, labels);
}

/* "192.0.2.1/32", "2001:db8::1/128"; NULL when @ip is no address. */
static char *
host_cidr (const char *ip)
{
  NpCidr address;

  if (ip == NULL || !np_ip_parse (ip, &address, NULL))
    return NULL;
  return np_cidr_to_string (&address);
}

/* Cilium's matchName: ^([-a-zA-Z0-9_]+[.]?)+$ */
static gboolean
is_match_name (const char *name)
{
  gboolean after_dot = TRUE;

  if (*name == '\0' || strlen (name) > 255)
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    {
      if (*c == '.')
        {
          if (after_dot)
            return FALSE;
          after_dot = TRUE;
        }
      else if (g_ascii_isalnum (*c) || *c == '-' || *c == '_')
        after_dot = FALSE;
      else
        return FALSE;
    }
  return TRUE;
}

/* The names toFQDNs can match, joined by ","; NULL when none. */
static char *
fqdn_names (char **names)
{
  g_autoptr(GPtrArray) valid = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (is_match_name (names[i]))
        g_ptr_array_add (valid, names[i]);
    }
  if (valid->len == 0)
    return NULL;
  g_ptr_array_add (valid, NULL);
  return g_strjoinv (",", (char **) valid->pdata);
}

static void
add_peer_port (Generator *g, NpDirection direction, const NpFlowEndpoint *other, NpFlow *flow)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autofree char *joined = NULL;
  PeerKind kind;
  Peer *peer;
  Range range = { flow->port, flow->port };

  switch (other->kind)
    {
    case NP_FLOW_PEER_POD:
      if (other->stable[0] == NULL)
        {
          g_autofree char *name = np_flow_endpoint_to_string (other);
          g_autofree char *message = g_strdup_printf (_("The pod %s has no labels to select it by; "
                                                        "its flows are left out."), name);

          report (g, "flow-unlabelled", message);
          return;
        }
      if (direction == NP_DIRECTION_EGRESS && flow->port == 53 && is_kube_dns (other))
        {
          g->dns = TRUE;
          return;
        }
      joined = g_strjoinv (",", other->stable);
      kind = g_str_equal (other->namespace_, g->namespace_) ? PEER_PODS : PEER_NS_PODS;
      key = g_strdup_printf ("%d|%s|%s", kind, other->namespace_, joined);
      break;
    case NP_FLOW_PEER_ENTITY:
      if (g->kind == NP_POLICY_KIND_KUBERNETES)
        {
          g_autofree char *message = g_strdup_printf (
            direction == NP_DIRECTION_EGRESS
            ? _("Traffic to the Cilium entity “%s” cannot be expressed in a NetworkPolicy; it is left out.")
            : _("Traffic from the Cilium entity “%s” cannot be expressed in a NetworkPolicy; it is left out."),
            other->entity);

          report (g, "flow-inexpressible", message);
          return;
        }
      kind = PEER_ENTITY;
      value = g_strdup (other->entity);
      key = g_strdup_printf ("%d|%s", kind, value);
      break;
    case NP_FLOW_PEER_WORLD:
    case NP_FLOW_PEER_UNKNOWN:
    default:
      if (g->kind == NP_POLICY_KIND_CILIUM && direction == NP_DIRECTION_EGRESS &&
          (value = fqdn_names (other->names)) != NULL)
        {
          kind = PEER_FQDN;
          g->fqdns = TRUE;
        }
      else if ((value = host_cidr (other->ip)) != NULL)
        kind = PEER_CIDR;
      else
        {
          report (g, "flow-no-address", _("Some flows name neither an address nor a pod at one end; they are left out."));
          return;
        }
      key = g_strdup_printf ("%d|%s", kind, value);
      break;
    }

  peer = g_hash_table_lookup (g->peers[direction], key);
  if (peer == NULL)
    {
      peer = g_new0 (Peer, 1);
      peer->kind = kind;
      peer->namespace_ = g_strdup (other->namespace_);
      peer->labels = g_strdupv (other->stable);
      peer->value = g_steal_pointer (&value);
      for (guint i = 0; i < G_N_ELEMENTS (peer->ports); i++)
        peer->ports[i] = g_array_new (FALSE, FALSE, sizeof (Range));
      g_hash_table_insert (g->peers[direction], g_strdup (key), peer);
    }
  g_array_append_val (peer->ports[protocol_index (flow->protocol)], range);
}

static void
add_rule_ports (NpPolicyRule *rule, Peer *peer)
{
  for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
    {
      merge_ranges (peer->ports[p]);
      for (guint i = 0; i < peer->ports[p]->len; i++)
        {
          Range r = g_array_index (peer->ports[p], Range, i);
          g_autoptr(NpPolicyPort) port = r.first == r.last
                                         ? np_policy_port_new_number (protocols[p], r.first)
                                         : np_policy_port_new_range (protocols[p], r.first, r.last);

          np_policy_rule_add_port (rule, port);
        }
    }
}

static NpPolicyRule *
kubernetes_rule (NpDirection direction, Peer *peer)
{
  g_autoptr(NpPolicyRule) rule = np_policy_rule_new (direction);
  g_autoptr(NpPolicyPeer) policy_peer = NULL;

  switch (peer->kind)
    {
    case PEER_PODS:
      {
        g_autoptr(NpLabelSelector) pods = selector_from_labels (peer->labels);

        policy_peer = np_policy_peer_new_pods (pods);
      }
      break;
    case PEER_NS_PODS:
      {
        g_autoptr(NpLabelSelector) pods = selector_from_labels (peer->labels);
        g_autoptr(NpLabelSelector) namespaces = np_label_selector_new ();

        np_label_selector_set_label (namespaces, NS_NAME_LABEL, peer->namespace_);
        policy_peer = np_policy_peer_new_pods (pods);
        np_policy_peer_set_namespace_selector (policy_peer, namespaces);
      }
      break;
    case PEER_CIDR:
      {
        g_autoptr(NpIpBlock) block = np_ip_block_new (peer->value, NULL);

        policy_peer = np_policy_peer_new_ip_block (block);
      }
      break;
    case PEER_FQDN:
    case PEER_ENTITY:
    default:
      return NULL;
    }
  np_policy_rule_add_peer (rule, policy_peer);
  add_rule_ports (rule, peer);
  return g_steal_pointer (&rule);
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The peers of a direction, in key order. (element-type Peer) (transfer container) */
static GPtrArray *
sorted_peers (GHashTable *peers)
{
  g_autofree gpointer *keys = NULL;
  guint n;
  GPtrArray *out = g_ptr_array_new ();

  keys = g_hash_table_get_keys_as_array (peers, &n);
  qsort (keys, n, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, g_hash_table_lookup (peers, keys[i]));
  return out;
}

/* Labels that name what a workload is, and its variant, as Kubernetes'
 * recommended labels and common practice use them. */
static const char * const name_keys[] = { "app.kubernetes.io/name", "app", "k8s-app", "name", NULL };
static const char * const variant_keys[] = { "app.kubernetes.io/component", "component", "tier",
                                             "app.kubernetes.io/version", "version", NULL };

static void
append_name_part (GString *name, const char *value)
{
  if (name->len > 0)
    g_string_append_c (name, '-');
  for (const char *c = value; *c != '\0' && name->len < 40; c++)
    g_string_append_c (name, g_ascii_isalnum (*c) ? g_ascii_tolower (*c) : '-');
}

/* "web-from-flows", "reviews-v2-from-flows": the workload's name label and
 * variant when it has them, else every label value. */
static char *
policy_name (NpLabelSelector *selector)
{
  GListModel *terms = np_label_selector_get_requirements (selector);
  GString *name = g_string_new (NULL);
  const char *app = NULL;

  for (guint i = 0; app == NULL && name_keys[i] != NULL; i++)
    app = np_label_selector_get_label (selector, name_keys[i]);
  if (app != NULL && *app != '\0')
    {
      append_name_part (name, app);
      for (guint i = 0; variant_keys[i] != NULL; i++)
        {
          const char *variant = np_label_selector_get_label (selector, variant_keys[i]);

          if (variant != NULL && *variant != '\0')
            append_name_part (name, variant);
        }
    }
  for (guint i = 0; app == NULL && i < g_list_model_get_n_items (terms) && name->len < 40; i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      const char *value = np_selector_requirement_get_value (term);

      append_name_part (name, value != NULL && *value != '\0' ? value : np_selector_requirement_get_key (term));
    }
  /* DNS-1123: alphanumeric at both ends, no "--" runs. */
  while (name->len > 0 && name->str[0] == '-')
    g_string_erase (name, 0, 1);
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  for (char *dd; (dd = strstr (name->str, "--")) != NULL; )
    g_string_erase (name, dd - name->str, 1);
  if (name->len == 0)
    g_string_append (name, "workload");
  g_string_append (name, "-from-flows");
  return g_string_free (name, FALSE);
}

/* The Cilium DNS rule lets the DNS proxy see lookups, which toFQDNs needs:
 * every port rule of the kube-dns entry gets rules.dns matchPattern "*". */
static void
add_dns_inspection (NpCiliumRule *rule)
{
  GListModel *entries = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
      NpNode *node = np_cilium_rule_entry_get_node (entry);
      NpNode *to_ports = node != NULL ? np_node_lookup (node, "toPorts") : NULL;
      NpNode *endpoints = node != NULL ? np_node_lookup (node, "toEndpoints") : NULL;
      g_autoptr(GPtrArray) selectors = NULL;
      gboolean kube_dns = FALSE;

      if (to_ports == NULL || endpoints == NULL || np_node_get_kind (to_ports) != NP_NODE_SEQUENCE)
        continue;
      selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);
      for (guint j = 0; j < selectors->len; j++)
        if (np_selector_match_kube_dns (g_ptr_array_index (selectors, j), NULL) != NP_KUBE_DNS_NONE)
          kube_dns = TRUE;
      if (!kube_dns)
        continue;
      for (guint j = 0; j < np_node_get_n_items (to_ports); j++)
        {
          NpNode *port_rule = np_node_get_item (to_ports, j);
          NpNode *rules = np_node_new_mapping ();
          NpNode *dns = np_node_new_sequence ();
          NpNode *pattern = np_node_new_mapping ();

          if (np_node_get_kind (port_rule) != NP_NODE_MAPPING)
            {
              np_node_unref (rules);
              np_node_unref (dns);
              np_node_unref (pattern);
              continue;
            }
          np_node_set (pattern, "matchPattern", np_node_new_string ("*"));
          np_node_append (dns, pattern);
          np_node_set (rules, "dns", dns);
          np_node_set (port_rule, "rules", rules);
        }
    }
}

static void
add_cilium_entry (NpCiliumRule *rule, NpDirection direction, Peer *peer)
{
  NpCiliumRuleEntry *entry;
  int port_rule = -1;

  entry = np_cilium_rule_add_entry (rule, direction == NP_DIRECTION_EGRESS ? NP_CILIUM_EGRESS : NP_CILIUM_INGRESS);
  if (peer->kind == PEER_ENTITY)
    np_cilium_rule_entry_add_entity (entry, peer->value);
  else
    {
      g_auto(GStrv) names = g_strsplit (peer->value, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        np_cilium_rule_entry_add_fqdn (entry, names[i], NULL);
    }
  for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
    {
      merge_ranges (peer->ports[p]);
      for (guint i = 0; i < peer->ports[p]->len; i++)
        {
          Range r = g_array_index (peer->ports[p], Range, i);
          g_autofree char *first = g_strdup_printf ("%u", r.first);

          port_rule = np_cilium_rule_entry_add_port (entry, port_rule, first,
                                                     r.first == r.last ? 0 : r.last, protocols[p]);
        }
    }
}

/* Removes the `{}` items the conversion writes for a direction isolated
 * without rules, now that the direction has entries of its own. */
static void
remove_empty_entries (NpCiliumRule *rule, NpCiliumSection section)
{
  GListModel *entries = np_cilium_rule_get_entries (rule, section);

  if (g_list_model_get_n_items (entries) < 2)
    return;
  for (guint i = g_list_model_get_n_items (entries); i-- > 0; )
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
      NpNode *node = np_cilium_rule_entry_get_node (entry);

      if (node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING && np_node_get_n_pairs (node) == 0 &&
          g_list_model_get_n_items (entries) > 1)
        np_cilium_rule_remove_entry (rule, entry);
    }
}

GObject *
np_flow_generate_policy (GListModel          *flows,
                         const char          *namespace_,
                         NpLabelSelector     *selector,
                         NpPolicyKind         kind,
                         NpFlowGenerateFlags  flags,
                         GPtrArray           *diagnostics)
{
  g_autoptr(NpPolicy) policy = NULL;
  g_autoptr(NpCiliumPolicy) cilium = NULL;
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  GPtrArray *peer_lists[2] = { NULL, NULL };
  Generator g = { 0 };
  gboolean any_flow = FALSE, cilium_only[2] = { FALSE, FALSE };

  g_return_val_if_fail (G_IS_LIST_MODEL (flows), NULL);
  g_return_val_if_fail (namespace_ != NULL, NULL);
  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (selector), NULL);
  g_return_val_if_fail (kind == NP_POLICY_KIND_KUBERNETES || kind == NP_POLICY_KIND_CILIUM, NULL);

  g.namespace_ = namespace_;
  g.selector = selector;
  g.kind = kind;
  g.reported = reported;
  g.diagnostics = diagnostics;
  for (guint d = 0; d < 2; d++)
    g.peers[d] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) peer_free);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);
      gboolean from = is_selected (&g, &flow->source), to = is_selected (&g, &flow->destination);

      if (!from && !to)
        continue;
      if (!np_flow_is_usable (flow, flags))
        {
          if (!flow->is_reply && np_flow_is_forwarded (flow) && !np_flow_protocol_has_ports (flow->protocol))
            report (&g, "flow-inexpressible",
                    _("Flows without ports (ICMP and the like) are not turned into rules."));
          continue;
        }
      any_flow = TRUE;
      if (from)
        add_peer_port (&g, NP_DIRECTION_EGRESS, &flow->destination, flow);
      if (to)
        add_peer_port (&g, NP_DIRECTION_INGRESS, &flow->source, flow);
    }

  if (!any_flow)
    {
      g_autofree char *text = np_label_selector_to_string (selector);
      g_autofree char *message = g_strdup_printf (_("No forwarded flow involves the pods %s in namespace %s; "
                                                    "there is nothing to allow."), text, namespace_);

      if (diagnostics != NULL)
        g_ptr_array_add (diagnostics, np_diagnostic_new (NP_SEVERITY_ERROR, "flow-nothing", NULL, message));
      goto out;
    }

  if (g.fqdns)
    g.dns = TRUE;

  policy = np_policy_new ();
  name = policy_name (selector);
  np_policy_begin_change (policy);
  np_policy_set_name (policy, name);
  np_policy_set_namespace (policy, namespace_);
  {
    g_autoptr(NpLabelSelector) pods = np_label_selector_copy (selector);

    np_policy_set_pod_selector (policy, pods);
  }
  for (guint d = 0; d < 2; d++)
    {
      GListStore *rules = G_LIST_STORE (np_policy_get_rules (policy, d));

      peer_lists[d] = sorted_peers (g.peers[d]);
      for (guint i = 0; i < peer_lists[d]->len; i++)
        {
          Peer *peer = g_ptr_array_index (peer_lists[d], i);
          g_autoptr(NpPolicyRule) rule = kubernetes_rule (d, peer);

          if (rule != NULL)
            g_list_store_append (rules, rule);
          else
            cilium_only[d] = TRUE;
        }
    }
  if (g.dns)
    np_policy_set_dns_allowed (policy, TRUE);
  if (g_list_model_get_n_items (np_policy_get_ingress (policy)) > 0 || cilium_only[NP_DIRECTION_INGRESS])
    g_ptr_array_add (types, (gpointer) "Ingress");
  if (g_list_model_get_n_items (np_policy_get_egress (policy)) > 0 || cilium_only[NP_DIRECTION_EGRESS])
    g_ptr_array_add (types, (gpointer) "Egress");
  if (types->len == 0)
    {
      if (diagnostics != NULL)
        g_ptr_array_add (diagnostics,
                         np_diagnostic_new (NP_SEVERITY_ERROR, "flow-nothing", NULL,
                                            _("None of the flows of this workload can be expressed in a policy.")));
      np_policy_end_change (policy);
      g_clear_object (&policy);
      goto out;
    }
  g_ptr_array_add (types, NULL);
  np_policy_set_policy_types (policy, (const char * const *) types->pdata);
  np_policy_end_change (policy);

  if (kind == NP_POLICY_KIND_KUBERNETES)
    goto out;

  {
    g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(NpCiliumRule) rule = NULL;
    GListModel *rules;

    cilium = np_convert_to_cilium (policy, FALSE, losses);
    rules = np_cilium_policy_get_rules (cilium);
    g_assert (g_list_model_get_n_items (rules) == 1);
    rule = g_list_model_get_item (rules, 0);
    np_cilium_policy_begin_change (cilium);
    for (guint d = 0; d < 2; d++)
      for (guint i = 0; i < peer_lists[d]->len; i++)
        {
          Peer *peer = g_ptr_array_index (peer_lists[d], i);

          if (peer->kind == PEER_ENTITY || peer->kind == PEER_FQDN)
            add_cilium_entry (rule, d, peer);
        }
    remove_empty_entries (rule, NP_CILIUM_INGRESS);
    remove_empty_entries (rule, NP_CILIUM_EGRESS);
    if (g.fqdns)
      add_dns_inspection (rule);
    np_cilium_policy_end_change (cilium);
    for (guint i = 0; diagnostics != NULL && i < losses->len; i++)
      g_ptr_array_add (diagnostics, g_object_ref (g_ptr_array_index (losses, i)));
  }

out:
  for (guint d = 0; d < 2; d++)
    {
      g_clear_pointer (&peer_lists[d], g_ptr_array_unref);
      g_hash_table_unref (g.peers[d]);
    }
  if (kind == NP_POLICY_KIND_CILIUM)
    return cilium != NULL ? G_OBJECT (g_steal_pointer (&cilium)) : NULL;
  return policy != NULL ? G_OBJECT (g_steal_pointer (&policy)) : NULL;
}

char *
np_flow_policy_to_yaml (GObject *policy)
{
  g_autoptr(NpNode) root = NULL;

  g_return_val_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy), NULL);

  if (NP_IS_POLICY (policy))
    return np_policy_to_yaml (NP_POLICY (policy));
  root = np_cilium_policy_to_node (NP_CILIUM_POLICY (policy), TRUE);
  return np_yaml_write (root, 0, NULL);
}

/* Adding to a policy ------------------------------------------------------- */

/* Appends to @into[@key] the items of @from[@key] it does not hold yet. */
static guint
merge_items (NpNode     *into,
             NpNode     *from,
             const char *key)
{
  NpNode *add = np_node_lookup (from, key);
  NpNode *have;
  guint added = 0;

  if (add == NULL || np_node_get_kind (add) != NP_NODE_SEQUENCE)
    return 0;
  have = np_cilium_ensure_list (into, key);
  for (guint i = 0; i < np_node_get_n_items (add); i++)
    {
      NpNode *item = np_node_get_item (add, i);
      gboolean known = FALSE;

      for (guint j = 0; j < np_node_get_n_items (have) && !known; j++)
        known = np_node_equal (np_node_get_item (have, j), item);
      if (known)
        continue;
      np_node_append (have, np_node_copy (item));
      added++;
    }
  return added;
}

/* An explicit policyTypes must name the directions that now have rules, or
 * they would not count. */
static void
ensure_policy_type (NpNode     *spec,
                    const char *type)
{
  NpNode *types = np_node_lookup (spec, "policyTypes");

  if (types == NULL || np_node_get_kind (types) != NP_NODE_SEQUENCE || np_node_get_n_items (types) == 0)
    return;
  for (guint i = 0; i < np_node_get_n_items (types); i++)
    if (g_strcmp0 (np_node_get_text (np_node_get_item (types, i)), type) == 0)
      return;
  np_node_append (types, np_node_new_string (type));
}

/* The Cilium endpointSelector in the labels flows record ("app=web"
 * rather than "k8s:app=web"); the namespace label is the policy's
 * namespace, not a pod label. (transfer full) */
static NpLabelSelector *
stable_selector (NpLabelSelector *selector)
{
  NpLabelSelector *stable = np_label_selector_new ();
  GListModel *terms;

  if (selector == NULL)
    return stable;
  terms = np_label_selector_get_requirements (selector);
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      const char *key = np_selector_requirement_get_key (term);
      const char *colon = strchr (key, ':');
      const char *op = np_selector_requirement_get_operator (term);

      if (colon != NULL && (g_str_has_prefix (key, "k8s:") || g_str_has_prefix (key, "any:")))
        key = colon + 1;
      if (g_str_equal (key, "io.kubernetes.pod.namespace"))
        continue;
      if (op == NULL)
        np_label_selector_set_label (stable, key, np_selector_requirement_get_value (term));
      else
        np_label_selector_add_expression (stable, key, op, np_selector_requirement_get_values (term));
    }
  return stable;
}

static guint
add_to_kubernetes (NpPolicy            *policy,
                   GListModel          *flows,
                   NpFlowGenerateFlags  flags,
                   GPtrArray           *diagnostics)
{
  const char *namespace_ = np_policy_get_namespace (policy);
  NpLabelSelector *pods = np_policy_get_pod_selector (policy);
  g_autoptr(NpLabelSelector) selector = pods != NULL ? np_label_selector_copy (pods) : np_label_selector_new ();
  g_autoptr(GObject) generated = NULL;
  g_autoptr(NpNode) root = NULL;
  g_autoptr(NpNode) from = NULL;
  NpNode *spec, *from_spec;
  guint ingress, egress;

  generated = np_flow_generate_policy (flows, np_k8s_namespace_or_default (namespace_), selector,
                                       NP_POLICY_KIND_KUBERNETES, flags, diagnostics);
  if (generated == NULL)
    return 0;
  root = np_policy_to_node (policy, 0);
  from = np_policy_to_node (NP_POLICY (generated), 0);
  from_spec = np_node_lookup (from, "spec");
  spec = np_cilium_ensure_mapping (root, "spec");
  ingress = merge_items (spec, from_spec, "ingress");
  egress = merge_items (spec, from_spec, "egress");
  if (ingress > 0)
    ensure_policy_type (spec, "Ingress");
  if (egress > 0)
    ensure_policy_type (spec, "Egress");
  if (ingress + egress > 0 && !np_policy_update_from_node (policy, root, diagnostics))
    return 0;
  return ingress + egress;
}

static guint
add_to_cilium (NpCiliumPolicy      *policy,
               GListModel          *flows,
               NpFlowGenerateFlags  flags,
               GPtrArray           *diagnostics)
{
  const char *namespace_ = np_cilium_policy_get_namespace (policy);
  GListModel *rules = np_cilium_policy_get_rules (policy);
  g_autoptr(NpCiliumRule) first = g_list_model_get_n_items (rules) > 0 ? g_list_model_get_item (rules, 0) : NULL;
  g_autoptr(NpLabelSelector) selector = NULL;
  g_autoptr(GObject) generated = NULL;
  g_autoptr(NpCiliumRule) made = NULL;
  g_autoptr(NpNode) root = NULL;
  NpNode *rule, *specs;
  guint added = 0;

  if (np_cilium_policy_is_clusterwide (policy) || (first != NULL && np_cilium_rule_is_host_policy (first)))
    {
      if (diagnostics != NULL)
        g_ptr_array_add (diagnostics,
                         np_diagnostic_new (NP_SEVERITY_ERROR, "flow-scope", NULL,
                                            _("Rules from flows go into policies for the pods of one namespace; "
                                              "this policy is clusterwide or for hosts.")));
      return 0;
    }
  selector = stable_selector (first != NULL ? np_cilium_rule_get_endpoint_selector (first) : NULL);
  generated = np_flow_generate_policy (flows, np_k8s_namespace_or_default (namespace_), selector,
                                       NP_POLICY_KIND_CILIUM, flags, diagnostics);
  if (generated == NULL)
    return 0;
  made = g_list_model_get_item (np_cilium_policy_get_rules (NP_CILIUM_POLICY (generated)), 0);

  root = np_node_copy (np_cilium_policy_get_node (policy));
  rule = np_node_lookup (root, "spec");
  specs = np_node_lookup (root, "specs");
  if ((rule == NULL || np_node_get_kind (rule) != NP_NODE_MAPPING) &&
      specs != NULL && np_node_get_kind (specs) == NP_NODE_SEQUENCE && np_node_get_n_items (specs) > 0)
    rule = np_node_get_item (specs, 0);
  if (rule == NULL || np_node_get_kind (rule) != NP_NODE_MAPPING)
    {
      NpNode *subject = np_node_lookup (np_cilium_rule_get_node (made), "endpointSelector");

      rule = np_cilium_ensure_mapping (root, "spec");
      np_node_set (rule, "endpointSelector", subject != NULL ? np_node_copy (subject) : np_node_new_mapping ());
    }
  added += merge_items (rule, np_cilium_rule_get_node (made), np_cilium_section_to_key (NP_CILIUM_INGRESS));
  added += merge_items (rule, np_cilium_rule_get_node (made), np_cilium_section_to_key (NP_CILIUM_EGRESS));
  if (added > 0 && !np_cilium_policy_update_from_node (policy, root, diagnostics))
    return 0;
  return added;
}

guint
np_flow_add_rules_to_policy (GObject             *policy,
                             GListModel          *flows,
                             NpFlowGenerateFlags  flags,
                             GPtrArray           *diagnostics)
{
  g_return_val_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (flows), 0);

  if (NP_IS_POLICY (policy))
    return add_to_kubernetes (NP_POLICY (policy), flows, flags, diagnostics);
  return add_to_cilium (NP_CILIUM_POLICY (policy), flows, flags, diagnostics);
}

char *
np_flow_describe_nothing_usable (const char *name,
                                 guint       n_records)
{
  return g_strdup_printf (ngettext ("%s: none of its %u flow record shows a labelled pod sending or "
                                    "receiving forwarded traffic (not a reply); there is nothing "
                                    "to write a policy for.",
                                    "%s: none of its %u flow records shows a labelled pod sending or "
                                    "receiving forwarded traffic (not a reply); there is nothing "
                                    "to write a policy for.",
                                    n_records),
                          name, n_records);
}
