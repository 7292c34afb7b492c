/* np-convert-scope.c: a Cilium policy as the other scope
 * (CiliumNetworkPolicy <-> CiliumClusterwideNetworkPolicy)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-cilium-edit.h"
#include "np-cilium-private.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"

#define POD_NAMESPACE_K8S "k8s:" NP_CILIUM_POD_NAMESPACE_KEY

static void
add_loss (GPtrArray *losses, const char *code, const char *path, const char *message)
{
  if (losses != NULL)
    g_ptr_array_add (losses, np_diagnostic_new (NP_SEVERITY_WARNING, code, path, message));
}

/* Puts @namespace_ (or, when NULL, "any namespace") into every endpoint
 * selector of @rule's peers that does not name one already. */
static void
scope_peers (NpCiliumRule *rule, const char *namespace_)
{
  for (NpCiliumSection section = 0; section < NP_CILIUM_N_SECTIONS; section++)
    {
      GListModel *entries = np_cilium_rule_get_entries (rule, section);

      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
          g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);

          for (guint j = 0; j < selectors->len; j++)
            {
              NpLabelSelector *selector = g_ptr_array_index (selectors, j);

              if (np_cilium_selector_names_namespace (selector))
                continue;
              if (namespace_ != NULL)
                np_label_selector_set_label (selector, POD_NAMESPACE_K8S, namespace_);
              else
                np_label_selector_add_expression (selector, POD_NAMESPACE_K8S, "Exists", NULL);
              np_cilium_rule_entry_set_selector (entry, NP_CILIUM_PEER_ENDPOINTS, j, selector);
            }
        }
    }
}

NpCiliumPolicy *
np_convert_cilium_scope (NpCiliumPolicy *policy,
                         gboolean        clusterwide,
                         GPtrArray      *losses)
{
  g_autoptr(NpNode) root = NULL;
  g_autofree char *namespace_ = NULL;
  NpCiliumPolicy *copy;
  GListModel *rules;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (policy), NULL);

  if (np_cilium_policy_is_clusterwide (policy) == !!clusterwide)
    return np_cilium_policy_copy (policy);

  root = np_node_copy (np_cilium_policy_get_node (policy));
  np_node_set (root, "kind", np_node_new_string (clusterwide ? NP_CILIUM_CLUSTERWIDE_KIND : NP_CILIUM_KIND));
  copy = np_cilium_policy_new_from_node (root, NULL);
  g_return_val_if_fail (copy != NULL, NULL);
  rules = np_cilium_policy_get_rules (copy);

  if (clusterwide)
    {
      /* A CNP works in its namespace only: say so in the selectors. */
      namespace_ = g_strdup (np_k8s_namespace_or_default (np_cilium_policy_get_namespace (policy)));
      np_cilium_policy_set_namespace (copy, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
        {
          g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, i);
          g_autoptr(NpLabelSelector) subject = np_cilium_rule_get_endpoint_selector (rule);

          if (subject != NULL && !np_cilium_selector_names_namespace (subject))
            {
              np_label_selector_set_label (subject, POD_NAMESPACE_K8S, namespace_);
              np_cilium_rule_set_endpoint_selector (rule, subject);
            }
          scope_peers (rule, namespace_);
        }
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
        {
          g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, i);
          g_autoptr(NpLabelSelector) subject = np_cilium_rule_get_endpoint_selector (rule);
          const char *named = subject ? np_label_selector_get_label (subject, POD_NAMESPACE_K8S) : NULL;

          if (np_cilium_rule_is_host_policy (rule))
            add_loss (losses, "host-policy-clusterwide", "spec.nodeSelector",
                      _("A policy for nodes (nodeSelector) exists only clusterwide: a CiliumNetworkPolicy cannot hold it."));
          else if (named != NULL && namespace_ == NULL)
            namespace_ = g_strdup (named);
          else if (named == NULL || g_strcmp0 (named, namespace_) != 0)
            add_loss (losses, "namespace-scope", "spec.endpointSelector",
                      _("The policy applies to pods of every namespace; a CiliumNetworkPolicy applies to one "
                        "namespace only."));
          scope_peers (rule, NULL);
        }
      np_cilium_policy_set_namespace (copy, namespace_ != NULL ? namespace_ : "default");
    }
  return copy;
}
