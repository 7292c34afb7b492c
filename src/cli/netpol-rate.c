/* netpol-rate.c: `netpol rate`: score how tightly each policy limits traffic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "netpol-builtins.h"
#include "np-cilium-policy.h"
#include "np-cluster-analysis.h"
#include "np-cluster-policy.h"
#include "np-diagnostic.h"
#include "np-json-out.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy.h"
#include "np-rating.h"

static void
print_rating (NpRating *rating, const char *file, const char *name, guint line)
{
  /* Translators: "FILE:LINE: NAME 4/5" */
  g_print (_("%s:%u: %s %u/5\n"), file, line, name != NULL ? name : _("(unnamed)"),
           np_rating_get_score (rating));
  for (guint i = 0; i < np_rating_get_n_reasons (rating); i++)
    g_print ("  %c%u %s [%s]\n", np_rating_get_reason_met (rating, i) ? '+' : '-',
             np_rating_get_reason_max_points (rating, i),
             np_rating_get_reason_text (rating, i), np_rating_get_reason_code (rating, i));
}

int
netpol_builtin_rate (int    argc,
                     char **argv)
{
  g_autofree char *output = NULL;
  int min_score = 0;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "min-score", 0, 0, G_OPTION_ARG_INT, &min_score,
      N_("Exit with status 1 when a policy scores lower than N (0 to 5)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint format;
  gboolean json, invalid = FALSE, trouble = FALSE, low = FALSE;

  context = netpol_option_context_new (_("— score network policies"), entries,
    _("Gives every NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy,\n"
      "AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy in each FILE\n"
      "a score from 0 to 5 for how tightly it limits traffic, with the reasons: default deny\n"
      "for ingress (2 points) and egress (2), no rule open to everything on every port in\n"
      "either direction (2 each), DNS allowed and only to kube-dns (2), no rule for every\n"
      "namespace without ports (1), ports listed in every rule (1), a namespace written (1).\n"
      "Criteria that do not apply are left out; the score is 5 × points / possible points,\n"
      "rounded, halves up.\n"
      "\n"
      "The cluster-wide policies isolate nothing by themselves, so they are rated on what\n"
      "they open: default deny applies to the Baseline tier only (a last rule denying every\n"
      "peer); a direction with rules must not allow everything (an Admin-tier allow\n"
      "overrides every NetworkPolicy); DNS counts after a rule denying all egress; ports\n"
      "must be listed in allowing rules only. Deny and Pass rules cost nothing: a Deny-only\n"
      "admin policy scores 5, Pass hands the decision to the NetworkPolicies (in the\n"
      "Baseline tier, Pass allows and is rated as an allow).\n"
      "\n"
      "Each policy is printed as\n"
      "  FILE:LINE: NAME SCORE/5\n"
      "followed by one line per criterion: + met or - not met, its points, why, [code]."),
    _("Exit status:\n"
      "  0  every policy was rated (and scored at least --min-score)\n"
      "  1  some file is not valid YAML or JSON, some policy has errors, or a policy scored\n"
      "     lower than --min-score\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol rate policy.yaml\n"
      "  netpol rate --min-score 4 --output json policies/*.yaml"));

  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (!netpol_parse_output (output, netpol_text_or_json, &format))
    return NETPOL_EXIT_TROUBLE;
  json = format == NETPOL_OUTPUT_JSON;
  if (min_score < 0 || min_score > 5)
    {
      g_printerr (_("netpol rate: --min-score must be between 0 and 5, not %d\n"), min_score);
      return NETPOL_EXIT_TROUBLE;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol rate: name at least one FILE (or - for standard input)\n"));
      return NETPOL_EXIT_TROUBLE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(NpManifest) manifest = netpol_load_manifest (files[i], &name, &invalid, &trouble);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
      GListModel *documents;

      if (manifest == NULL)
        continue;

      /* A policy with errors means something else to the API server (or is
       * refused): its score would mislead. */
      np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
      if (netpol_print_errors (diagnostics))
        {
          g_printerr (_("netpol rate: %s: not rated, fix the errors first\n"), name);
          invalid = TRUE;
          continue;
        }

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, name);
          json_builder_set_member_name (builder, "policies");
          json_builder_begin_array (builder);
        }
      /* The policies in the order written, cluster-wide ones included. */
      documents = np_manifest_get_documents (manifest);
      for (guint j = 0; j < g_list_model_get_n_items (documents); j++)
        {
          g_autoptr(NpDocument) document = g_list_model_get_item (documents, j);
          GListModel *in_document = np_document_get_policies (document);
          NpNode *root = np_document_get_root (document);

          for (guint k = 0; k < g_list_model_get_n_items (in_document); k++)
            {
              g_autoptr(GObject) policy = g_list_model_get_item (in_document, k);
              NpDocument *home = np_manifest_find_document (manifest, policy);
              guint line = home != NULL ? np_document_get_line (home) : 0;

              g_ptr_array_add (policies, g_steal_pointer (&policy));
              g_array_append_val (lines, line);
            }
          if (g_list_model_get_n_items (in_document) == 0 && root != NULL)
            {
              g_autoptr(GPtrArray) cluster = np_cluster_policies_in_node (root);

              for (guint k = 0; k < cluster->len; k++)
                {
                  NpNode *node = np_cluster_policy_get_node (g_ptr_array_index (cluster, k));
                  guint line = node == root ? np_document_get_line (document) : np_node_get_line (node);

                  g_ptr_array_add (policies, g_object_ref (g_ptr_array_index (cluster, k)));
                  g_array_append_val (lines, line);
                }
            }
        }
      for (guint j = 0; j < policies->len; j++)
        {
          GObject *policy = g_ptr_array_index (policies, j);
          g_autoptr(NpRating) rating = np_rating_new (policy);
          guint line = g_array_index (lines, guint, j);
          const char *policy_name, *kind;

          if (NP_IS_POLICY (policy))
            {
              policy_name = np_policy_get_name (NP_POLICY (policy));
              kind = np_policy_get_kind (NP_POLICY (policy));
            }
          else if (NP_IS_CLUSTER_POLICY (policy))
            {
              policy_name = np_cluster_policy_get_name (NP_CLUSTER_POLICY (policy));
              kind = np_node_get_text (np_node_lookup (np_cluster_policy_get_node (NP_CLUSTER_POLICY (policy)),
                                                       "kind"));
            }
          else
            {
              policy_name = np_cilium_policy_get_name (NP_CILIUM_POLICY (policy));
              kind = np_cilium_policy_get_kind (NP_CILIUM_POLICY (policy));
            }
          low |= np_rating_get_score (rating) < (guint) min_score;
          if (json)
            json_builder_add_value (builder, np_rating_to_json (rating, kind, policy_name, line));
          else
            print_rating (rating, name, policy_name, line);
        }
      if (json)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      netpol_print_json (root);
    }

  if (trouble)
    return NETPOL_EXIT_TROUBLE;
  return invalid || low ? NETPOL_EXIT_INVALID : NETPOL_EXIT_OK;
}
