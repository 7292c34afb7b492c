/* np-lint.c: the classic mistakes of network policies, with positions and fixes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-cluster-analysis.h"
#include "np-cluster-lint.h"
#include "np-describe.h"
#include "np-diagnostic.h"
#include "np-document.h"
#include "np-inventory-private.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-lint.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"

#define DNS_PORT 53

typedef struct {
  NpInventory *inventory;
  NpEvaluator *evaluator;
  guint        n_workloads;
  GPtrArray   *diagnostics;
  GArray      *dns_workloads;   /* guint: workloads that look like kube-dns */
} Lint;

/* Adds a finding at @path of the policy @entry (its key when the path ends
 * in one), falling back to the policy's own line. */
static void G_GNUC_PRINTF (5, 6)
add (Lint                    *lint,
     const NpInventoryPolicy *entry,
     NpSeverity               severity,
     const char              *code_and_path,
     const char              *format,
     ...)
{
  g_auto(GStrv) parts = g_strsplit (code_and_path, " ", 2);
  NpNode *root = entry->node;
  NpNode *node = NULL;
  g_autofree char *message = NULL;
  NpDiagnostic *diagnostic;
  va_list args;

  if (root == NULL && NP_IS_CILIUM_POLICY (entry->policy))
    root = np_cilium_policy_get_node (NP_CILIUM_POLICY (entry->policy));
  if (parts[1] != NULL)
    node = np_node_lookup_path (root, parts[1], TRUE, NULL);
  if (node == NULL)
    node = root;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = np_diagnostic_new (severity, parts[0], parts[1], message);
  np_diagnostic_set_file (diagnostic, entry->file);
  if (node != NULL && np_node_get_line (node) > 0)
    np_diagnostic_set_position (diagnostic, np_node_get_line (node), np_node_get_column (node));
  else
    np_diagnostic_set_position (diagnostic, entry->line, 1);
  g_ptr_array_add (lint->diagnostics, diagnostic);
}

static const char *
policy_namespace (NpPolicy *policy)
{
  return np_k8s_namespace_or_default (np_policy_get_namespace (policy));
}

static const char *
direction_key (NpDirection direction)
{
  return direction == NP_DIRECTION_INGRESS ? "ingress" : "egress";
}

static const char *
peers_key (NpDirection direction)
{
  return direction == NP_DIRECTION_INGRESS ? "from" : "to";
}

/* Workload matching ----------------------------------------------------- */

static gboolean
policy_selects (Lint *lint, NpPolicy *policy, const NpWorkload *workload)
{
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);

  return g_str_equal (workload->namespace_, policy_namespace (policy)) &&
         (selector == NULL || np_label_selector_matches (selector, workload->labels));
}

static gboolean
peer_matches (Lint *lint, NpPolicy *policy, NpPolicyPeer *peer, const NpWorkload *workload)
{
  NpLabelSelector *pod_selector = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *ns_selector = np_policy_peer_get_namespace_selector (peer);

  if (ns_selector == NULL)
    {
      if (!g_str_equal (workload->namespace_, policy_namespace (policy)))
        return FALSE;
    }
  else
    {
      GHashTable *labels = np_inventory_get_namespace_labels (lint->inventory, workload->namespace_);

      if (labels == NULL || !np_label_selector_matches (ns_selector, labels))
        return FALSE;
    }
  return pod_selector == NULL || np_label_selector_matches (pod_selector, workload->labels);
}

/* DNS ------------------------------------------------------------------- */

static gboolean
port_may_be_dns (NpPolicyPort *port)
{
  const char *protocol = np_policy_port_get_effective_protocol (port);
  const char *name;

  if (g_ascii_strcasecmp (protocol, "UDP") != 0 && g_ascii_strcasecmp (protocol, "TCP") != 0)
    return FALSE;
  switch (np_policy_port_get_port_kind (port))
    {
    case NP_PORT_KIND_NONE:
      return TRUE;
    case NP_PORT_KIND_NUMBER:
      if (np_policy_port_get_has_end_port (port))
        return np_policy_port_get_port_number (port) <= DNS_PORT &&
               np_policy_port_get_end_port (port) >= DNS_PORT;
      return np_policy_port_get_port_number (port) == DNS_PORT;
    case NP_PORT_KIND_NAME:
    default:
      name = np_policy_port_get_port_name (port);
      return name != NULL && (g_str_equal (name, "dns") || g_str_equal (name, "dns-tcp") ||
                              g_str_equal (name, "domain"));
    }
}

/* Whether a peer of @policy could be kube-dns: judged on the policy alone,
 * with the labels kube-dns and kube-system usually have. */
static gboolean
peer_may_be_dns (Lint *lint, NpPolicy *policy, NpPolicyPeer *peer)
{
  NpLabelSelector *pod_selector = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *ns_selector = np_policy_peer_get_namespace_selector (peer);

  if (np_policy_peer_get_ip_block (peer) != NULL)
    return FALSE;
  if (ns_selector == NULL)
    {
      if (!g_str_equal (policy_namespace (policy), "kube-system"))
        return FALSE;
    }
  else
    {
      GHashTable *labels = np_inventory_get_namespace_labels (lint->inventory, "kube-system");

      if (!np_label_selector_matches (ns_selector, labels != NULL ? labels : np_kube_dns_namespace_labels ()))
        return FALSE;
    }
  return pod_selector == NULL || np_label_selector_matches (pod_selector, np_kube_dns_pod_labels ());
}

static gboolean
rule_may_allow_dns (Lint *lint, NpPolicy *policy, NpPolicyRule *rule)
{
  GListModel *peers = np_policy_rule_get_peers (rule);
  GListModel *ports = np_policy_rule_get_ports (rule);
  gboolean port_ok = g_list_model_get_n_items (ports) == 0;
  gboolean peer_ok = g_list_model_get_n_items (peers) == 0;

  for (guint i = 0; !port_ok && i < g_list_model_get_n_items (ports); i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);

      port_ok = port_may_be_dns (port);
    }
  for (guint i = 0; port_ok && !peer_ok && i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);

      peer_ok = peer_may_be_dns (lint, policy, peer);
    }
  return port_ok && peer_ok;
}

static gboolean
policy_may_allow_dns (Lint *lint, NpPolicy *policy)
{
  GListModel *rules = np_policy_get_egress (policy);

  if (!np_policy_affects (policy, NP_DIRECTION_EGRESS))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);

      if (rule_may_allow_dns (lint, policy, rule))
        return TRUE;
    }
  return FALSE;
}

/* Whether workload @w may reach DNS: through the evaluator when kube-dns is
 * among the workloads, otherwise when some policy that isolates it for
 * egress has a rule that may allow DNS. */
static gboolean
workload_reaches_dns (Lint *lint, guint w)
{
  const NpWorkload *workload = np_inventory_get_workload (lint->inventory, w);

  if (lint->dns_workloads->len > 0)
    {
      NpEndpoint source;

      np_endpoint_init_workload (&source, w);
      for (guint i = 0; i < lint->dns_workloads->len; i++)
        {
          NpEndpoint destination;
          g_autoptr(NpConnSet) conns = NULL;

          if (g_array_index (lint->dns_workloads, guint, i) == w)
            return TRUE;
          np_endpoint_init_workload (&destination, g_array_index (lint->dns_workloads, guint, i));
          conns = np_evaluator_allowed (lint->evaluator, &source, &destination);
          if (np_conn_set_contains (conns, NP_PROTOCOL_UDP, DNS_PORT) ||
              np_conn_set_contains (conns, NP_PROTOCOL_TCP, DNS_PORT))
            return TRUE;
        }
      return FALSE;
    }

  for (guint i = 0; i < np_inventory_get_n_policies (lint->inventory); i++)
    {
      const NpInventoryPolicy *entry = np_inventory_get_policy (lint->inventory, i);

      if (NP_IS_POLICY (entry->policy) &&
          policy_selects (lint, NP_POLICY (entry->policy), workload) &&
          policy_may_allow_dns (lint, NP_POLICY (entry->policy)))
        return TRUE;
    }
  return FALSE;
}

/* Without workloads: some egress policy of the namespace that applies to
 * at least the same pods (an empty selector, or the same one) allows DNS. */
static gboolean
namespace_allows_dns (Lint *lint, NpPolicy *policy)
{
  g_autofree char *selector = np_policy_get_pod_selector (policy) != NULL ?
                              np_label_selector_to_string (np_policy_get_pod_selector (policy)) :
                              g_strdup ("");

  for (guint i = 0; i < np_inventory_get_n_policies (lint->inventory); i++)
    {
      const NpInventoryPolicy *entry = np_inventory_get_policy (lint->inventory, i);
      NpPolicy *other;
      g_autofree char *other_selector = NULL;

      if (!NP_IS_POLICY (entry->policy))
        continue;
      other = NP_POLICY (entry->policy);
      if (!g_str_equal (policy_namespace (other), policy_namespace (policy)))
        continue;
      other_selector = np_policy_get_pod_selector (other) != NULL ?
                       np_label_selector_to_string (np_policy_get_pod_selector (other)) :
                       g_strdup ("");
      if ((*other_selector == '\0' || g_str_equal (other_selector, selector)) &&
          policy_may_allow_dns (lint, other))
        return TRUE;
    }
  return FALSE;
}

static void
lint_dns (Lint *lint, const NpInventoryPolicy *entry, GHashTable *reported)
{
  NpPolicy *policy = NP_POLICY (entry->policy);
  g_autoptr(NpLabelSelector) namespaces = NULL;
  g_autoptr(NpLabelSelector) pods = np_kube_dns_selector_new (&namespaces);
  g_autofree char *dns_namespaces = np_label_selector_to_string (namespaces);
  g_autofree char *dns_pods = np_label_selector_to_string (pods);
  const char *path;

  if (!np_policy_affects (policy, NP_DIRECTION_EGRESS))
    return;
  if (g_list_model_get_n_items (np_policy_get_egress (policy)) > 0)
    path = "dns-blocked spec.egress";
  else if (np_policy_get_policy_types (policy) != NULL)
    path = "dns-blocked spec.policyTypes";
  else
    path = "dns-blocked spec";

  if (lint->n_workloads > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint n_blocked = 0;

      for (guint w = 0; w < lint->n_workloads; w++)
        {
          const NpWorkload *workload = np_inventory_get_workload (lint->inventory, w);

          if (!policy_selects (lint, policy, workload) ||
              g_hash_table_contains (reported, GUINT_TO_POINTER (w + 1)) ||
              workload_reaches_dns (lint, w))
            continue;
          g_hash_table_add (reported, GUINT_TO_POINTER (w + 1));
          if (n_blocked < 3)
            g_string_append_printf (names, "%s%s", n_blocked > 0 ? ", " : "", workload->display);
          n_blocked++;
        }
      if (n_blocked > 3)
        g_string_append_printf (names, _(" and %u more"), n_blocked - 3);
      if (n_blocked > 0)
        add (lint, entry, NP_SEVERITY_WARNING, path,
             /* Translators: the two selectors the editor writes for the cluster DNS (np_kube_dns_selector_new) */
             _("This policy isolates %s for egress, and no policy lets them reach DNS: name "
               "lookups will fail. Add an egress rule to UDP and TCP port 53 with "
               "namespaceSelector %s and podSelector %s."), names->str, dns_namespaces, dns_pods);
      return;
    }

  if (!namespace_allows_dns (lint, policy))
    add (lint, entry, NP_SEVERITY_WARNING, path,
         /* Translators: the two selectors the editor writes for the cluster DNS (np_kube_dns_selector_new) */
         _("This policy isolates its pods for egress, and no egress rule for them allows UDP or "
           "TCP port 53 to kube-dns: name lookups will fail. Add an egress rule to port 53 (UDP "
           "and TCP) with namespaceSelector %s and podSelector %s."), dns_namespaces, dns_pods);
}

/* Kubernetes policies ---------------------------------------------------- */

static void
lint_rules (Lint *lint, const NpInventoryPolicy *entry, NpDirection direction)
{
  NpPolicy *policy = NP_POLICY (entry->policy);
  GListModel *rules = np_policy_get_rules (policy, direction);
  guint n_rules = g_list_model_get_n_items (rules);
  gboolean affects = np_policy_affects (policy, direction);
  const char *dir = direction_key (direction);

  if (!affects && n_rules > 0)
    {
      g_autofree char *where = g_strdup_printf ("%s spec.%s",
                                                direction == NP_DIRECTION_EGRESS ? "ignored-egress-rules"
                                                                                 : "ignored-ingress-rules",
                                                dir);

      add (lint, entry, NP_SEVERITY_WARNING, where,
           direction == NP_DIRECTION_EGRESS
           ? _("These egress rules are ignored: policyTypes does not list Egress. Add Egress to "
               "spec.policyTypes, or remove the egress rules.")
           : _("These ingress rules are ignored: policyTypes does not list Ingress. Add Ingress to "
               "spec.policyTypes, or remove the ingress rules."));
    }

  if (affects && n_rules == 0)
    {
      g_autofree char *where = g_strdup_printf ("deny-all %s",
                                                np_policy_get_policy_types (policy) != NULL
                                                ? "spec.policyTypes" : "spec");

      add (lint, entry, NP_SEVERITY_INFO, where,
           direction == NP_DIRECTION_EGRESS
           ? _("This policy denies all egress from the pods it selects, unless another policy "
               "allows it. Add egress rules for what these pods must reach.")
           : _("This policy denies all ingress to the pods it selects, unless another policy "
               "allows it. Add ingress rules for what must reach these pods."));
    }

  for (guint i = 0; i < n_rules; i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *peers = np_policy_rule_get_peers (rule);
      guint n_peers = g_list_model_get_n_items (peers);
      int ns_only = -1, pods_only = -1;

      if (affects && n_peers == 0 && g_list_model_get_n_items (np_policy_rule_get_ports (rule)) == 0)
        {
          g_autofree char *where = g_strdup_printf ("allow-all spec.%s[%u]", dir, i);

          add (lint, entry, NP_SEVERITY_INFO, where,
               direction == NP_DIRECTION_EGRESS
               ? _("This rule allows all egress from the pods the policy selects. Add “to” "
                   "peers or ports if that is more than you meant.")
               : _("This rule allows all ingress to the pods the policy selects. Add “from” "
                   "peers or ports if that is more than you meant."));
        }

      for (guint j = 0; j < n_peers; j++)
        {
          g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, j);
          NpLabelSelector *pod_selector = np_policy_peer_get_pod_selector (peer);
          NpLabelSelector *ns_selector = np_policy_peer_get_namespace_selector (peer);

          if (np_policy_peer_get_ip_block (peer) != NULL)
            continue;
          if (ns_selector != NULL && pod_selector == NULL && ns_only < 0)
            ns_only = j;
          if (pod_selector != NULL && ns_selector == NULL && pods_only < 0)
            pods_only = j;

          if (lint->n_workloads > 0 && (pod_selector != NULL || ns_selector != NULL))
            {
              gboolean any = FALSE;

              for (guint w = 0; !any && w < lint->n_workloads; w++)
                any = peer_matches (lint, policy, peer, np_inventory_get_workload (lint->inventory, w));
              if (!any)
                {
                  g_autofree char *where = g_strdup_printf ("peer-matches-nothing spec.%s[%u].%s[%u]",
                                                            dir, i, peers_key (direction), j);
                  g_autofree char *text = np_policy_peer_to_string (peer);

                  add (lint, entry, NP_SEVERITY_WARNING, where,
                       _("This peer (%s) matches none of the workloads read, so it allows "
                         "nothing. Check its labels and namespace against the workloads, or "
                         "remove it."), text);
                }
            }
        }

      if (ns_only >= 0 && pods_only >= 0)
        {
          g_autofree char *where = g_strdup_printf ("and-or-mixup spec.%s[%u].%s[%u]", dir, i,
                                                    peers_key (direction), MAX (ns_only, pods_only));

          add (lint, entry, NP_SEVERITY_WARNING, where,
               _("This rule has a “%s” entry with only a namespaceSelector and another with only "
                 "a podSelector: they are OR'd, so it matches every pod of those namespaces and "
                 "also the selected pods of the policy's own namespace. To match only the selected "
                 "pods inside those namespaces, put both selectors in one entry (drop the “-” "
                 "before the second)."), peers_key (direction));
        }
    }
}

static void
lint_policy (Lint *lint, const NpInventoryPolicy *entry, GHashTable *dns_reported)
{
  NpPolicy *policy = NP_POLICY (entry->policy);
  const char *namespace_ = np_policy_get_namespace (policy);

  if (namespace_ == NULL || *namespace_ == '\0')
    add (lint, entry, NP_SEVERITY_WARNING, "no-namespace metadata",
         _("This policy names no namespace: kubectl puts it in the namespace of the current "
           "context, which may not be the one you mean (it is taken as “default” here). Add "
           "metadata.namespace."));

  /* The API server reads a missing (or null) podSelector as {}, as Go's
   * ValidateNetworkPolicySpec does with a value field; written out, the
   * choice cannot be mistaken for a forgotten selector. */
  if (np_policy_get_pod_selector (policy) == NULL)
    add (lint, entry, NP_SEVERITY_INFO, "implicit-pod-selector spec",
         _("This policy has no spec.podSelector, so it applies to every pod in namespace “%s” "
           "(the API server reads a missing selector as {}). Write “podSelector: {}” to say so, "
           "or a selector for the pods you mean."), policy_namespace (policy));

  if (lint->n_workloads > 0)
    {
      gboolean any = FALSE;

      for (guint w = 0; !any && w < lint->n_workloads; w++)
        any = policy_selects (lint, policy, np_inventory_get_workload (lint->inventory, w));
      if (!any)
        add (lint, entry, NP_SEVERITY_WARNING, "selects-nothing spec.podSelector",
             _("This policy selects none of the workloads read in namespace “%s”, so it has no "
               "effect. Check spec.podSelector against the pods' labels and the policy's "
               "namespace."), policy_namespace (policy));
    }

  lint_rules (lint, entry, NP_DIRECTION_INGRESS);
  lint_rules (lint, entry, NP_DIRECTION_EGRESS);
  lint_dns (lint, entry, dns_reported);
}

/* Cilium policies ------------------------------------------------------- */

static gboolean
cilium_entry_has_dns_rule (NpCiliumRuleEntry *item)
{
  for (guint p = 0; p < np_cilium_rule_entry_get_n_port_rules (item); p++)
    {
      g_autoptr(GPtrArray) ports = NULL;

      if (np_cilium_rule_entry_get_l7_kind (item, p) != NP_CILIUM_L7_DNS)
        continue;
      ports = np_cilium_rule_entry_get_ports (item, p);
      for (guint k = 0; k < ports->len; k++)
        {
          const NpCiliumPort *port = g_ptr_array_index (ports, k);

          if (port->port != NULL && g_str_equal (port->port, "53"))
            return TRUE;
        }
    }
  return FALSE;
}

static void
lint_cilium_policy (Lint *lint, const NpInventoryPolicy *entry)
{
  NpCiliumPolicy *policy = NP_CILIUM_POLICY (entry->policy);
  GListModel *rules = np_cilium_policy_get_rules (policy);
  const char *namespace_ = np_cilium_policy_get_namespace (policy);
  gboolean has_dns = FALSE;

  if (!np_cilium_policy_is_clusterwide (policy) && (namespace_ == NULL || *namespace_ == '\0'))
    add (lint, entry, NP_SEVERITY_WARNING, "no-namespace metadata",
         _("This CiliumNetworkPolicy names no namespace: kubectl puts it in the namespace of the "
           "current context, which may not be the one you mean. Add metadata.namespace."));

  for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
    {
      g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, r);
      GListModel *items = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);

      for (guint i = 0; !has_dns && i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(NpCiliumRuleEntry) item = g_list_model_get_item (items, i);

          has_dns = cilium_entry_has_dns_rule (item);
        }
    }

  for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
    {
      g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, r);

      for (guint s = 0; s < NP_CILIUM_N_SECTIONS; s++)
        {
          GListModel *items = np_cilium_rule_get_entries (rule, s);

          for (guint i = 0; i < g_list_model_get_n_items (items); i++)
            {
              g_autoptr(NpCiliumRuleEntry) item = g_list_model_get_item (items, i);
              g_autofree char *item_path = np_cilium_rule_entry_get_path (item);
              g_autoptr(GPtrArray) icmps = np_cilium_rule_entry_get_icmp_fields (item);
              g_auto(GStrv) entities = NULL;
              gboolean deny = np_cilium_section_is_deny (s);

              if (s == NP_CILIUM_EGRESS && !has_dns &&
                  np_cilium_rule_entry_get_n_peers (item, NP_CILIUM_PEER_FQDNS) > 0)
                {
                  g_autofree char *where = g_strdup_printf ("fqdn-without-dns %s.toFQDNs", item_path);

                  add (lint, entry, NP_SEVERITY_WARNING, where,
                       _("toFQDNs only works when Cilium's DNS proxy sees the lookups, and this "
                         "policy has no DNS rule: the names never resolve to addresses, so "
                         "nothing is allowed. Add an egress rule to kube-dns on port 53 (protocol "
                         "ANY) with rules.dns, e.g. matchPattern “*”."));
                }

              if (!deny && np_cilium_rule_entry_get_peer_kind (item) == NP_CILIUM_PEER_NONE &&
                  np_cilium_rule_entry_get_n_port_rules (item) == 0 && icmps->len == 0)
                {
                  g_autofree char *where = g_strdup_printf ("deny-all %s", item_path);

                  add (lint, entry, NP_SEVERITY_INFO, where,
                       _("This empty rule allows nothing: in Cilium it only puts the selected "
                         "endpoints in default-deny for %s (in Kubernetes, the same rule would "
                         "allow everything). Add peers or ports to allow something."),
                       direction_key (np_cilium_section_get_direction (s)));
                  continue;
                }

              if (deny || np_cilium_rule_entry_get_peer_kind (item) != NP_CILIUM_PEER_ENTITIES ||
                  np_cilium_rule_entry_get_n_port_rules (item) > 0)
                continue;
              entities = np_cilium_rule_entry_get_entities (item);
              if (g_strv_contains ((const char * const *) entities, "all"))
                {
                  g_autofree char *where = g_strdup_printf ("allow-all %s", item_path);

                  add (lint, entry, NP_SEVERITY_INFO, where,
                       _("This rule allows all %s of the selected endpoints (entity “all”). "
                         "Name narrower entities, endpoints or ports if that is more than you "
                         "meant."), direction_key (np_cilium_section_get_direction (s)));
                }
            }
        }
    }
}

/* Both ------------------------------------------------------------------- */

static void
lint_duplicates (Lint *lint)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < np_inventory_get_n_policies (lint->inventory); i++)
    {
      const NpInventoryPolicy *entry = np_inventory_get_policy (lint->inventory, i);
      const char *kind, *namespace_, *name;
      const NpInventoryPolicy *first;
      char *key;

      if (NP_IS_POLICY (entry->policy))
        {
          kind = NP_K8S_KIND;
          namespace_ = policy_namespace (NP_POLICY (entry->policy));
          name = np_policy_get_name (NP_POLICY (entry->policy));
        }
      else if (NP_IS_CILIUM_POLICY (entry->policy))
        {
          NpCiliumPolicy *policy = NP_CILIUM_POLICY (entry->policy);

          kind = np_cilium_policy_is_clusterwide (policy) ? NP_CILIUM_CLUSTERWIDE_KIND : NP_CILIUM_KIND;
          namespace_ = np_cilium_policy_is_clusterwide (policy) ? ""
                       : np_k8s_namespace_or_default (np_cilium_policy_get_namespace (policy));
          name = np_cilium_policy_get_name (policy);
        }
      else
        continue;
      if (name == NULL)
        continue;

      key = g_strdup_printf ("%s\n%s\n%s", kind, namespace_, name);
      first = g_hash_table_lookup (seen, key);
      if (first == NULL)
        {
          g_hash_table_insert (seen, key, (gpointer) entry);
          continue;
        }
      g_free (key);
      add (lint, entry, NP_SEVERITY_WARNING, "duplicate-name metadata.name",
           _("A %s named “%s” already exists in namespace “%s” (%s:%u): applying both keeps only "
             "the last one. Rename one of them, or merge their rules."),
           kind, name, *namespace_ != '\0' ? namespace_ : "(cluster)", first->file, first->line);
    }
}

/* The cluster-wide policies of the files read (the inventory keeps the
 * manifests it read), with what lies below the admin tier. */
static void
lint_cluster_policies (Lint *lint)
{
  g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  gboolean has_network_policies = FALSE;

  for (guint i = 0; i < np_inventory_get_n_policies (lint->inventory); i++)
    has_network_policies |= NP_IS_POLICY (np_inventory_get_policy (lint->inventory, i)->policy);

  for (guint m = 0; m < lint->inventory->manifests->len; m++)
    {
      NpManifest *manifest = g_ptr_array_index (lint->inventory->manifests, m);
      GListModel *documents = np_manifest_get_documents (manifest);

      for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
        {
          g_autoptr(NpDocument) document = g_list_model_get_item (documents, d);
          NpNode *root = np_document_get_root (document);
          g_autoptr(GPtrArray) found = NULL;

          if (root == NULL)
            continue;
          found = np_cluster_policies_in_node (root);
          for (guint k = 0; k < found->len; k++)
            {
              g_ptr_array_add (policies, g_object_ref (g_ptr_array_index (found, k)));
              g_ptr_array_add (files, (gpointer) np_manifest_get_display_name (manifest));
            }
        }
    }
  np_cluster_lint_run (policies, files, has_network_policies, lint->diagnostics);
}

GPtrArray *
np_lint_run (NpInventory *inventory,
             NpEvaluator *evaluator)
{
  g_autoptr(NpEvaluator) own_evaluator = NULL;
  g_autoptr(GHashTable) dns_reported = g_hash_table_new (NULL, NULL);
  Lint lint = { 0 };

  g_return_val_if_fail (NP_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (evaluator == NULL || NP_IS_EVALUATOR (evaluator), NULL);

  lint.inventory = inventory;
  lint.n_workloads = np_inventory_get_n_workloads (inventory);
  lint.diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  lint.dns_workloads = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint w = 0; w < lint.n_workloads; w++)
    {
      const NpWorkload *workload = np_inventory_get_workload (inventory, w);

      if (np_workload_looks_like_kube_dns (workload->namespace_, workload->name, workload->labels))
        g_array_append_val (lint.dns_workloads, w);
    }
  if (lint.dns_workloads->len > 0)
    {
      if (evaluator == NULL)
        evaluator = own_evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
      lint.evaluator = evaluator;
    }

  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    {
      const NpInventoryPolicy *entry = np_inventory_get_policy (inventory, i);

      if (NP_IS_POLICY (entry->policy))
        lint_policy (&lint, entry, dns_reported);
      else if (NP_IS_CILIUM_POLICY (entry->policy))
        lint_cilium_policy (&lint, entry);
    }
  lint_duplicates (&lint);
  lint_cluster_policies (&lint);

  g_ptr_array_sort (lint.diagnostics, np_diagnostic_compare);
  g_array_unref (lint.dns_workloads);
  return lint.diagnostics;
}
