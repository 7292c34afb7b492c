/* np-cluster-lint.c: the mistakes of cluster-wide policies the API server accepts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-cluster-analysis.h"
#include "np-cluster-lint.h"
#include "np-diagnostic.h"
#include "np-node.h"

typedef struct {
  GPtrArray       *policies;
  GPtrArray       *files;
  GPtrArray       *diagnostics;
  gboolean         below_admin;   /* a NetworkPolicy or a baseline in the files */
} Lint;

static const char *
direction_key (NpClusterDirection direction)
{
  return direction == NP_CLUSTER_INGRESS ? "ingress" : "egress";
}

static const char *
peers_key (NpClusterDirection direction)
{
  return direction == NP_CLUSTER_INGRESS ? "from" : "to";
}

static gboolean
is_baseline (NpClusterPolicy *policy)
{
  return g_strcmp0 (np_cluster_policy_get_tier (policy), "Baseline") == 0;
}

static void G_GNUC_PRINTF (7, 8)
add (Lint         *lint,
     guint         p,
     NpSeverity    severity,
     const char   *code,
     const char   *path,
     const NpNode *node,
     const char   *format,
     ...)
{
  NpClusterPolicy *policy = g_ptr_array_index (lint->policies, p);
  g_autofree char *message = NULL;
  NpDiagnostic *diagnostic;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = np_diagnostic_new (severity, code, path, message);
  np_diagnostic_set_file (diagnostic, g_ptr_array_index (lint->files, p));
  if (node == NULL || np_node_get_line (node) == 0)
    node = np_cluster_policy_get_node (policy);
  if (node != NULL && np_node_get_line (node) > 0)
    np_diagnostic_set_position (diagnostic, np_node_get_line (node), np_node_get_column (node));
  g_ptr_array_add (lint->diagnostics, diagnostic);
}

/* "spec.ingress[2]", and "spec.ingress[2] “name”" for people. */
static char *
rule_path (NpClusterDirection direction, guint index)
{
  return g_strdup_printf ("spec.%s[%u]", direction_key (direction), index);
}

static char *
rule_label (NpClusterPolicy *policy, NpClusterDirection direction, guint index)
{
  const NpClusterRule *rule = np_cluster_policy_get_rule (policy, direction, index);
  g_autofree char *path = rule_path (direction, index);

  if (rule->name != NULL && *rule->name != '\0')
    /* Translators: a rule: “spec.ingress[0] (allow-monitoring)”. */
    return g_strdup_printf (_("%s (%s)"), path, rule->name);
  return g_steal_pointer (&path);
}

/* Whether a rule before @index matches every pod on every port: after it,
 * a networks peer can no longer reach pod addresses. */
static gboolean
pods_handled_before (NpClusterPolicy *policy, NpClusterDirection direction, guint index)
{
  for (guint i = 0; i < index; i++)
    {
      const NpClusterRule *rule = np_cluster_policy_get_rule (policy, direction, i);

      if (rule->peers == NULL || np_node_lookup (rule->node, np_cluster_policy_get_kind (policy) ==
                                                 NP_CLUSTER_POLICY_CNP ? "protocols" : "ports") != NULL)
        continue;
      for (guint j = 0; j < np_node_get_n_items (rule->peers); j++)
        if (np_cluster_peer_is_all_pods (np_node_get_item (rule->peers, j)))
          return TRUE;
    }
  return FALSE;
}

/* Whether a Deny rule follows rule @index of policy @p in the baseline
 * tier: later in the policy, or in a baseline evaluated after it (a larger
 * priority number; an equal one may go either way, so it counts). */
static gboolean
deny_follows (Lint *lint, guint p, NpClusterDirection direction, guint index)
{
  NpClusterPolicy *policy = g_ptr_array_index (lint->policies, p);
  NpClusterPolicyKind kind = np_cluster_policy_get_kind (policy);
  gint64 priority = 0;

  for (guint i = index + 1; i < np_cluster_policy_get_n_rules (policy, direction); i++)
    if (np_cluster_rule_get_action (np_cluster_policy_get_rule (policy, direction, i), kind) ==
        NP_CLUSTER_ACTION_DENY)
      return TRUE;
  /* A BaselineAdminNetworkPolicy is alone in its tier. */
  if (kind != NP_CLUSTER_POLICY_CNP || !np_cluster_policy_get_priority (policy, &priority))
    return FALSE;
  for (guint q = 0; q < lint->policies->len; q++)
    {
      NpClusterPolicy *other = g_ptr_array_index (lint->policies, q);
      gint64 other_priority;

      if (q == p || np_cluster_policy_get_kind (other) != NP_CLUSTER_POLICY_CNP || !is_baseline (other) ||
          !np_cluster_policy_get_priority (other, &other_priority) || other_priority < priority)
        continue;
      for (guint i = 0; i < np_cluster_policy_get_n_rules (other, direction); i++)
        if (np_cluster_rule_get_action (np_cluster_policy_get_rule (other, direction, i), NP_CLUSTER_POLICY_CNP) ==
            NP_CLUSTER_ACTION_DENY)
          return TRUE;
    }
  return FALSE;
}

static void
lint_rule (Lint *lint, guint p, NpClusterDirection direction, guint index)
{
  NpClusterPolicy *policy = g_ptr_array_index (lint->policies, p);
  NpClusterPolicyKind kind = np_cluster_policy_get_kind (policy);
  const NpClusterRule *rule = np_cluster_policy_get_rule (policy, direction, index);
  NpClusterAction action = np_cluster_rule_get_action (rule, kind);
  g_autofree char *path = rule_path (direction, index);
  g_autofree char *action_path = g_strdup_printf ("%s.action", path);
  NpNode *action_node = np_node_lookup (rule->node, "action");
  gint shadow;
  gboolean ip_peer = FALSE;

  if (rule->node == NULL)
    return;

  shadow = np_cluster_policy_rule_shadowed_by (policy, direction, index);
  if (shadow >= 0)
    {
      g_autofree char *earlier = rule_label (policy, direction, (guint) shadow);

      add (lint, p, NP_SEVERITY_WARNING, "shadowed-rule", path, rule->node,
           /* Translators: %s names the earlier rule, e.g. “spec.ingress[0] (allow-monitoring)”. */
           _("This rule can never match: the earlier rule %s matches every connection it matches, and the "
             "first matching rule decides. Remove it, or move it above that rule if it should win."),
           earlier);
    }

  if (action == NP_CLUSTER_ACTION_PASS && is_baseline (policy))
    add (lint, p, NP_SEVERITY_INFO, "pass-in-baseline", action_path, action_node,
         _("In the Baseline tier, Pass allows: it skips the remaining baseline rules, and the default allows. "
           "Write Accept to say so, or Deny if that was meant."));
  else if (action == NP_CLUSTER_ACTION_PASS && !lint->below_admin)
    add (lint, p, NP_SEVERITY_INFO, "pass-to-nothing", action_path, action_node,
         _("Pass hands these connections to the NetworkPolicies and then to the baseline, and the files read "
           "have neither: as they stand, Pass allows. That is fine if namespace owners write "
           "NetworkPolicies; otherwise say Allow or Deny."));

  if (action == NP_CLUSTER_ACTION_ALLOW && is_baseline (policy) && !deny_follows (lint, p, direction, index))
    add (lint, p, NP_SEVERITY_INFO, "baseline-allow-shields-nothing", action_path, action_node,
         /* Translators: %s is “ingress” or “egress”. */
         _("This baseline rule allows, and no Deny rule of the baseline tier follows it for %s: it changes "
           "nothing, since what the baseline does not decide is allowed anyway. Remove it, or add the Deny "
           "rule it was meant to make an exception to."), direction_key (direction));

  if (action == NP_CLUSTER_ACTION_DENY && direction == NP_CLUSTER_EGRESS && np_cluster_rule_has_all_networks (rule) &&
      !pods_handled_before (policy, direction, index))
    {
      g_autofree char *peers_path = g_strdup_printf ("%s.%s", path, peers_key (direction));

      add (lint, p, NP_SEVERITY_WARNING, "deny-all-networks", peers_path, np_node_lookup_key (rule->node, "to"),
           _("This Deny rule names every address (0.0.0.0/0 or ::/0), and networks also match pod addresses: "
             "it denies traffic to every pod as well as to the outside. If only external traffic is meant, "
             "put a rule for the pods (e.g. Pass to “namespaces: {}”) before it."));
    }

  for (guint i = 0; rule->peers != NULL && i < np_node_get_n_items (rule->peers); i++)
    {
      NpNode *peer = np_node_get_item (rule->peers, i);
      g_autofree char *peer_path = g_strdup_printf ("%s.%s[%u]", path, peers_key (direction), i);

      if (np_node_has_key (peer, "networks") || np_node_has_key (peer, "nodes") ||
          np_node_has_key (peer, "domainNames"))
        ip_peer = TRUE;
      if (np_node_has_key (peer, "domainNames") &&
          (action == NP_CLUSTER_ACTION_DENY || action == NP_CLUSTER_ACTION_PASS))
        {
          g_autofree char *field = g_strdup_printf ("%s.domainNames", peer_path);

          add (lint, p, NP_SEVERITY_WARNING, "domain-names-not-allow", field, np_node_lookup_key (peer, "domainNames"),
               /* Translators: %s is the rule's action, Deny or Pass. */
               _("domainNames is meant for Allow/Accept rules only: implementations learn the addresses from "
                 "the pods' own DNS lookups, so a %s by name is easily bypassed (another name, a cached or "
                 "hard-coded address). Deny by networks instead, or allow the names and deny the rest."),
               rule->action);
        }
    }

  /* The standard channel of v1alpha2 takes this; the experimental CEL
   * rule refuses it (cluster-policies.md §2.3). */
  if (kind == NP_CLUSTER_POLICY_CNP && direction == NP_CLUSTER_EGRESS && ip_peer && rule->ports != NULL)
    for (guint i = 0; i < np_node_get_n_items (rule->ports); i++)
      {
        NpNode *entry = np_node_get_item (rule->ports, i);

        if (np_node_has_key (entry, "destinationNamedPort"))
          {
            g_autofree char *field = g_strdup_printf ("%s.protocols[%u].destinationNamedPort", path, i);

            add (lint, p, NP_SEVERITY_WARNING, "named-port-ip-peer", field,
                 np_node_lookup_key (entry, "destinationNamedPort"),
                 _("A named port is looked up on the destination pod, and networks, nodes and domainNames peers "
                   "are no pods: for them this entry never matches. Give the port number, or move the named "
                   "port to a rule with pods or namespaces peers."));
            break;
          }
      }
}

void
np_cluster_lint_run (GPtrArray *policies,
                     GPtrArray *files,
                     gboolean   has_network_policies,
                     GPtrArray *diagnostics)
{
  Lint lint = { policies, files, diagnostics, has_network_policies };

  g_return_if_fail (policies != NULL && files != NULL && diagnostics != NULL);
  g_return_if_fail (policies->len == files->len);

  for (guint p = 0; p < policies->len; p++)
    lint.below_admin |= is_baseline (g_ptr_array_index (policies, p));

  for (guint p = 0; p < policies->len; p++)
    {
      NpClusterPolicy *policy = g_ptr_array_index (policies, p);

      for (NpClusterDirection d = NP_CLUSTER_INGRESS; d <= NP_CLUSTER_EGRESS; d++)
        for (guint i = 0; i < np_cluster_policy_get_n_rules (policy, d); i++)
          lint_rule (&lint, p, d, i);
    }
}
