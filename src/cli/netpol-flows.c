/* netpol-flows.c: `netpol from-flows` and `replay`: policies and Hubble flow logs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "netpol-builtins.h"
#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
#include "np-diagnostic.h"
#include "np-flow-generator.h"
#include "np-flow-replay.h"
#include "np-flow.h"
#include "np-label-selector.h"
#include "np-policy.h"
#include "np-validator.h"

/* Reads a flow log; prints what was wrong with it. NULL when it cannot be read. */
static GListModel *
read_flows (const char *path, char **display_name, guint *n_records, gboolean *trouble)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = netpol_read_input (path, display_name, &error);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *flows;

  if (bytes == NULL)
    {
      netpol_print_error (NULL, error);
      *trouble = TRUE;
      return NULL;
    }
  flows = np_flow_read_bytes (bytes, *display_name, n_records, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (np_diagnostic_get_severity (d) == NP_SEVERITY_INFO)
        continue;
      line = np_diagnostic_format (d);
      g_printerr ("%s\n", line);
    }
  return flows;
}

static void
print_generator_diagnostics (const char *workload, GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_printerr ("netpol: %s: %s\n", workload, line);
    }
}

int
netpol_builtin_from_flows (int    argc,
                           char **argv)
{
  g_autofree char *workload = NULL;
  g_autofree char *to = NULL;
  gboolean include_dropped = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "workload", 'w', 0, G_OPTION_ARG_STRING, &workload,
      N_("The pods to write a policy for (default: one policy for each workload seen)"), N_("NAMESPACE:LABELS") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to, N_("The kind of policy: kubernetes (default) or cilium"), N_("KIND") },
    { "include-dropped", 0, 0, G_OPTION_ARG_NONE, &include_dropped,
      N_("Also allow the flows that were dropped"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FLOWS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GPtrArray) workloads = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = NULL;
  NpPolicyKind kind = NP_POLICY_KIND_KUBERNETES;
  NpFlowGenerateFlags flags;
  gboolean trouble = FALSE, invalid = FALSE;
  guint n_records = 0, n_written = 0;

  context = netpol_option_context_new (_("— write policies from Hubble flow logs"), entries,
    _("Reads FLOWS, the output of “hubble observe -o json” (or -o jsonpb, or a hubble-exporter file;\n"
      "“-” for standard input), and writes a policy for a workload that allows what it was seen to do:\n"
      "ingress from the sources and egress to the destinations of its forwarded (or proxy-redirected)\n"
      "flows that are not replies, one rule per peer with the ports merged. Pods of the same namespace\n"
      "are selected by their stable labels (pod-template-hash and Cilium's bookkeeping labels are left\n"
      "out), pods of other namespaces by the namespace name too, kube-dns on port 53 by the usual DNS\n"
      "rule, outside addresses by /32 (/128) CIDRs, or by DNS name for Cilium when the flows name them.\n"
      "Cilium policies also allow host, remote-node and other entities; a NetworkPolicy cannot, and a\n"
      "warning says so. Only the directions with rules are isolated.\n"
      "\n"
      "Without --workload, one policy is written for each labelled workload seen, as one multi-document\n"
      "YAML stream. Lines that are not flows are reported (FILE:LINE:COLUMN) and skipped."),
    _("Exit status:\n"
      "  0  the policies were written\n"
      "  1  no usable flow (only replies, dropped flows or reserved identities, or an empty file),\n"
      "     or no workload matches --workload\n"
      "  2  the file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  hubble observe -n shop -o json --last 10000 > flows.json\n"
      "  netpol from-flows flows.json --workload shop:app=web --to cilium > web-policy.yaml\n"
      "  netpol from-flows flows.json > policies.yaml"));

  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr ("%s", _("netpol from-flows: name exactly one FLOWS file (or - for standard input)\n"));
      return NETPOL_EXIT_TROUBLE;
    }
  /* Flows are of one namespace's pods: no cluster-wide policy. */
  if (to != NULL && (!np_policy_kind_from_string (to, &kind) || kind == NP_POLICY_KIND_CILIUM_CLUSTERWIDE))
    {
      g_printerr (_("netpol from-flows: unknown kind “%s”: use kubernetes or cilium\n"), to);
      return NETPOL_EXIT_TROUBLE;
    }
  flags = include_dropped ? NP_FLOW_GENERATE_INCLUDE_DROPPED : NP_FLOW_GENERATE_DEFAULT;

  workloads = g_ptr_array_new_with_free_func ((GDestroyNotify) np_flow_workload_free);
  if (workload != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *namespace_ = NULL;
      g_autoptr(NpLabelSelector) selector = NULL;

      if (!np_flow_parse_workload (workload, &namespace_, &selector, &error))
        {
          g_printerr ("netpol from-flows: %s\n", error->message);
          return NETPOL_EXIT_TROUBLE;
        }
    }

  flows = read_flows (files[0], &name, &n_records, &trouble);
  if (flows == NULL)
    return NETPOL_EXIT_TROUBLE;

  if (workload == NULL)
    {
      g_ptr_array_unref (workloads);
      workloads = np_flow_list_workloads (flows, flags);
      if (workloads->len == 0)
        {
          g_autofree char *none = np_flow_describe_nothing_usable (name, n_records);

          g_printerr ("netpol from-flows: %s%s\n", none,
                      include_dropped ? "" : _(" Use --include-dropped to count dropped flows too."));
          return NETPOL_EXIT_INVALID;
        }
    }

  for (guint i = 0; i < MAX (workloads->len, 1); i++)
    {
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *namespace_ = NULL;
      g_autofree char *label = NULL;
      g_autoptr(NpLabelSelector) selector = NULL;
      g_autoptr(GObject) policy = NULL;
      g_autofree char *text = NULL;

      if (workload != NULL)
        {
          np_flow_parse_workload (workload, &namespace_, &selector, NULL);
          label = g_strdup (workload);
        }
      else
        {
          NpFlowWorkload *w = g_ptr_array_index (workloads, i);

          namespace_ = g_strdup (w->namespace_);
          selector = np_flow_workload_to_selector (w);
          label = np_flow_workload_to_string (w);
        }
      policy = np_flow_generate_policy (flows, namespace_, selector, kind, flags, diagnostics);
      print_generator_diagnostics (label, diagnostics);
      if (policy == NULL)
        {
          /* Without --workload, a workload whose flows cannot be said is only left out. */
          if (workload != NULL)
            invalid = TRUE;
          continue;
        }
      /* A generated policy that the checks refuse would be a bug; say so rather than print it. */
      if (NP_IS_POLICY (policy))
        np_policy_validate (NP_POLICY (policy), NP_VALIDATE_DEFAULT, problems);
      else
        np_cilium_policy_validate (NP_CILIUM_POLICY (policy), NP_VALIDATE_DEFAULT, problems);
      if (np_diagnostics_have_errors (problems))
        {
          print_generator_diagnostics (label, problems);
          invalid = TRUE;
          continue;
        }
      /* Two workloads whose labels shorten to the same name must not overwrite each other. */
      {
        const char *base = NP_IS_POLICY (policy) ? np_policy_get_name (NP_POLICY (policy))
                                                 : np_cilium_policy_get_name (NP_CILIUM_POLICY (policy));
        g_autofree char *unique = g_strdup_printf ("%s/%s", namespace_, base);

        for (guint n = 2; g_hash_table_contains (names, unique); n++)
          {
            g_autofree char *renamed = g_strdup_printf ("%s-%u", base, n);

            g_free (unique);
            unique = g_strdup_printf ("%s/%s", namespace_, renamed);
            if (!g_hash_table_contains (names, unique))
              {
                if (NP_IS_POLICY (policy))
                  np_policy_set_name (NP_POLICY (policy), renamed);
                else
                  np_cilium_policy_set_name (NP_CILIUM_POLICY (policy), renamed);
              }
          }
        g_hash_table_add (names, g_steal_pointer (&unique));
      }
      text = np_flow_policy_to_yaml (policy);
      if (n_written++ > 0)
        g_print ("---\n");
      g_print ("%s", text);
    }
  fflush (stdout);
  if (trouble)
    return NETPOL_EXIT_TROUBLE;
  return invalid || n_written == 0 ? NETPOL_EXIT_INVALID : NETPOL_EXIT_OK;
}

static const char *
replay_outcome_name (NpFlowReplayOutcome outcome)
{
  switch (outcome)
    {
    case NP_FLOW_REPLAY_ALLOWED:
      return "allowed";
    case NP_FLOW_REPLAY_DROPPED:
      return "dropped";
    case NP_FLOW_REPLAY_SKIPPED:
    default:
      return "skipped";
    }
}

/* `netpol replay -o json`: the counts, then every flow replayed with what
 * became of it, for scripts. */
static void
print_replay_json (const char *name,
                   GPtrArray  *results,
                   guint       n_allowed,
                   guint       n_dropped,
                   guint       n_skipped)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "allowed");
  json_builder_add_int_value (builder, n_allowed);
  json_builder_set_member_name (builder, "dropped");
  json_builder_add_int_value (builder, n_dropped);
  json_builder_set_member_name (builder, "skipped");
  json_builder_add_int_value (builder, n_skipped);
  json_builder_set_member_name (builder, "flows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      NpFlowReplayResult *r = g_ptr_array_index (results, i);
      g_autofree char *source = np_flow_dup_source_name (r->flow);
      g_autofree char *destination = np_flow_dup_destination_name (r->flow);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, np_flow_get_line (r->flow));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
      json_builder_set_member_name (builder, "destination");
      json_builder_add_string_value (builder, destination);
      json_builder_set_member_name (builder, "port");
      json_builder_add_int_value (builder, np_flow_get_port (r->flow));
      json_builder_set_member_name (builder, "protocol");
      if (np_flow_get_protocol (r->flow) != NULL)
        json_builder_add_string_value (builder, np_flow_get_protocol (r->flow));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, np_flow_get_verdict (r->flow));
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, np_flow_get_count (r->flow));
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, replay_outcome_name (r->outcome));
      json_builder_set_member_name (builder, "egress_denied");
      json_builder_add_boolean_value (builder, r->egress_denied);
      json_builder_set_member_name (builder, "ingress_denied");
      json_builder_add_boolean_value (builder, r->ingress_denied);
      if (r->note != NULL)
        {
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, r->note);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  netpol_print_json (root);
  fflush (stdout);
}

int
netpol_builtin_replay (int    argc,
                       char **argv)
{
  gboolean ipblock_pods = FALSE;
  guint format;
  g_autofree char *output = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "ipblock-matches-pods", 0, 0, G_OPTION_ARG_NONE, &ipblock_pods,
      N_("Let ipBlock rules match pod addresses (from the pods' status) too"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("FLOWS POLICY…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *name = NULL;
  gboolean trouble = FALSE;
  guint n_records = 0, n_allowed = 0, n_dropped = 0, n_skipped = 0, n_forwarded_dropped = 0;

  context = netpol_option_context_new (_("— replay recorded flows against policies"), entries,
    _("Reads FLOWS (Hubble flow logs, as from-flows reads them) and every POLICY (a manifest file or a\n"
      "folder; NetworkPolicies and Cilium policies) and says, for each recorded flow that is not a\n"
      "reply, whether these policies would allow it or drop it: a summary, then every flow that would\n"
      "be dropped (source → destination port/protocol, the recorded verdict, how many records, and\n"
      "which side drops it: the egress of the source or the ingress of the destination).\n"
      "The pods are known by the namespace, name and labels the flows recorded. Flows without ports\n"
      "(ICMP) are not evaluated."),
    _("Exit status:\n"
      "  0  every flow that went through (FORWARDED or REDIRECTED) would still be allowed\n"
      "  1  some flow that went through would be dropped by these policies\n"
      "  2  a file could not be read, or the command line is wrong"));
  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (!netpol_parse_output (output, netpol_text_or_json, &format))
    return NETPOL_EXIT_TROUBLE;
  if (paths == NULL || paths[0] == NULL || paths[1] == NULL)
    {
      g_printerr ("%s", _("netpol replay: name a FLOWS file and at least one POLICY file or folder\n"));
      return NETPOL_EXIT_TROUBLE;
    }

  flows = read_flows (paths[0], &name, &n_records, &trouble);
  if (flows == NULL)
    return NETPOL_EXIT_TROUBLE;
  inventory = np_flow_inventory_new (flows);
  for (guint i = 1; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!np_inventory_add_path (inventory, paths[i], &error))
        {
          netpol_print_error (NULL, error);
          return NETPOL_EXIT_TROUBLE;
        }
    }

  results = np_flow_replay (flows, inventory, ipblock_pods ? NP_EVAL_IPBLOCK_MATCHES_PODS : NP_EVAL_FLAGS_NONE);
  for (guint i = 0; i < results->len; i++)
    {
      NpFlowReplayResult *r = g_ptr_array_index (results, i);
      guint count = np_flow_get_count (r->flow);

      if (r->outcome == NP_FLOW_REPLAY_ALLOWED)
        n_allowed += count;
      else if (r->outcome == NP_FLOW_REPLAY_DROPPED)
        {
          n_dropped += count;
          if (np_flow_is_forwarded (r->flow))
            n_forwarded_dropped += count;
        }
      else
        n_skipped += count;
    }

  if (format == NETPOL_OUTPUT_JSON)
    {
      print_replay_json (name, results, n_allowed, n_dropped, n_skipped);
      if (trouble)
        return NETPOL_EXIT_TROUBLE;
      return n_forwarded_dropped > 0 ? NETPOL_EXIT_INVALID : NETPOL_EXIT_OK;
    }
  g_print (_("%s: %u flows replayed (replies left out): %u allowed, %u dropped, %u not evaluated.\n"),
           name, n_allowed + n_dropped + n_skipped, n_allowed, n_dropped, n_skipped);
  if (n_dropped > 0)
    g_print ("%s", _("Dropped:\n"));
  for (guint i = 0; i < results->len; i++)
    {
      NpFlowReplayResult *r = g_ptr_array_index (results, i);
      g_autofree char *source = NULL;
      g_autofree char *destination = NULL;
      const char *side;

      if (r->outcome != NP_FLOW_REPLAY_DROPPED)
        continue;
      source = np_flow_dup_source_name (r->flow);
      destination = np_flow_dup_destination_name (r->flow);
      if (r->egress_denied && r->ingress_denied)
        side = _("by the egress of the source and the ingress of the destination");
      else if (r->egress_denied)
        side = _("by the egress of the source");
      else
        side = _("by the ingress of the destination");
      g_print (_("  %s → %s %u/%s (recorded %s, %u×, line %u): dropped %s\n"), source, destination,
               np_flow_get_port (r->flow), np_flow_get_protocol (r->flow), np_flow_get_verdict (r->flow),
               np_flow_get_count (r->flow), np_flow_get_line (r->flow), side);
    }
  fflush (stdout);
  if (trouble)
    return NETPOL_EXIT_TROUBLE;
  return n_forwarded_dropped > 0 ? NETPOL_EXIT_INVALID : NETPOL_EXIT_OK;
}
