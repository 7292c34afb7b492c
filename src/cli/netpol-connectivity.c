/* netpol-connectivity.c: `netpol connectivity`, `explain` and `diff`: what the policies allow
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "netpol-builtins.h"
#include "np-conndiff.h"
#include "np-connlist-explain.h"
#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-exposure.h"
#include "np-json-out.h"
#include "np-traffic.h"

/* An evaluator of the workloads and policies of @paths, or NULL after
 * saying why they could not be read. (transfer full) */
static NpEvaluator *
load_evaluator (char        **paths,
                NpEvalFlags   flags)
{
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(NpEvaluator) evaluator = NULL;

  inventory = netpol_load_inventory (paths, &error);
  if (inventory == NULL)
    {
      netpol_print_error (NULL, error);
      return NULL;
    }
  evaluator = np_evaluator_new (inventory, flags);
  /* netpol-analyzer stops at these (two AdminNetworkPolicies with one
   * priority, a second baseline …): so does the analysis here. */
  if (np_evaluator_get_cluster_error (evaluator) != NULL)
    {
      g_printerr ("netpol: %s\n", np_evaluator_get_cluster_error (evaluator));
      return NULL;
    }
  return g_steal_pointer (&evaluator);
}

/* netpol-analyzer's warnings about the cluster-wide policies, once each. */
static void
print_warnings (NpEvaluator *evaluator)
{
  GPtrArray *warnings = np_evaluator_get_warnings (evaluator);

  for (guint i = 0; i < warnings->len; i++)
    g_printerr (_("netpol: warning: %s\n"), (char *) warnings->pdata[i]);
}

/* The evaluator flags of the options shared by the three commands. */
static NpEvalFlags
eval_flags (gboolean ipblock_pods, gboolean networks_pods)
{
  return (ipblock_pods ? NP_EVAL_IPBLOCK_MATCHES_PODS : NP_EVAL_FLAGS_NONE) |
         (networks_pods ? NP_EVAL_NETWORKS_MATCH_PODS : NP_EVAL_FLAGS_NONE);
}

/* GOption cannot take "--explain=lines" and a bare "--explain" followed by
 * a path both (an optional argument swallows the path): "--explain=lines"
 * is rewritten to its other spelling, --explain-lines, before parsing. */
static void
rewrite_explain_lines (int argc, char **argv)
{
  for (int i = 1; i < argc && argv[i] != NULL && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--explain=lines"))
      argv[i] = (char *) "--explain-lines";  /* argv is main()'s: not ours to free */
}

int
netpol_builtin_connectivity (int    argc,
                             char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) focus_workloads = NULL;
  g_auto(GStrv) focus_workloads_alias = NULL;
  g_auto(GStrv) focus_peers = NULL;
  g_auto(GStrv) focus_peers_alias = NULL;
  g_autofree char *focus_direction = NULL;
  g_autofree char *focus_conn = NULL;
  g_autofree char *explain_only = NULL;
  gboolean explain = FALSE;
  gboolean explain_lines = FALSE;
  gboolean ipblock_pods = FALSE;
  gboolean networks_pods = FALSE;
  gboolean exposure = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
      N_("Output format: txt (default), json, csv, md or dot"), N_("FORMAT") },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &explain,
      N_("Say for every pair which policies and rules allow or deny its connections (txt)"), NULL },
    { "explain-lines", 0, 0, G_OPTION_ARG_NONE, &explain_lines,
      N_("The same, each rule line ending in (FILE:LINE); also written --explain=lines"), NULL },
    { "explain-only", 0, 0, G_OPTION_ARG_STRING, &explain_only,
      N_("With --explain, only the pairs that allow something (allow) or nothing (deny)"), N_("allow|deny") },
    { "focus-workload", 0, 0, G_OPTION_ARG_STRING_ARRAY, &focus_workloads,
      N_("Only the connections of these workloads (repeat it, or separate names by commas)"),
      N_("[NAMESPACE/]NAME") },
    { "focusworkload", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING_ARRAY, &focus_workloads_alias,
      NULL, NULL },
    { "focus-workload-peer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &focus_peers,
      N_("Only the connections of the focus workloads with these workloads"), N_("[NAMESPACE/]NAME") },
    { "focusworkload-peer", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING_ARRAY, &focus_peers_alias,
      NULL, NULL },
    { "focus-direction", 0, 0, G_OPTION_ARG_STRING, &focus_direction,
      N_("Only the connections into (ingress) or out of (egress) the focus workloads"), N_("ingress|egress") },
    { "focus-conn", 0, 0, G_OPTION_ARG_STRING, &focus_conn,
      N_("Only the pairs that allow this protocol and port, listed without their connections"),
      N_("PROTOCOL-PORT") },
    { "ipblock-matches-pods", 0, 0, G_OPTION_ARG_NONE, &ipblock_pods,
      N_("Let ipBlock rules match pod addresses (from the pods' status) too"), NULL },
    { "networks-match-pods", 0, 0, G_OPTION_ARG_NONE, &networks_pods,
      N_("Let networks peers of cluster-wide policies match pod addresses (from the pods' status) too, "
         "as upstream says (netpol-analyzer: external addresses only)"), NULL },
    { "exposure", 0, 0, G_OPTION_ARG_NONE, &exposure,
      N_("Also list which workloads are open to the entire cluster, to selected namespaces or pods, or to the outside"),
      NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpConnlist) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  /* What np_connlist_format_parse() knows, "text" being another name for "txt". */
  const char * const formats[] = { "txt", "json", "csv", "md", "dot", "text", NULL };
  char **name_lists[4];
  guint index;
  NpConnlistFormat format = NP_CONNLIST_TEXT;
  NpExplainOnly only = NP_EXPLAIN_ONLY_ALL;
  int explain_mode;

  context = netpol_option_context_new (_("— list the connections the policies allow"), entries,
    (summary = g_strconcat (_("Reads every PATH (a manifest file, or a folder of .yaml, .yml and .json files): namespaces,\n"
      "pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs,\n"
      "CronJobs and NetworkPolicies, and lists every allowed connection between workloads and\n"
      "external address ranges, as np-guard's netpol-analyzer does:\n"
      "  SRC => DST : CONNS\n"
      "Pods are grouped under the workload that owns them (ns/name[Kind]); the addresses outside\n"
      "the cluster are split at every ipBlock boundary the policies name. A pod may always reach\n"
      "itself, so such lines are left out. CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies\n"
      "take part (default-deny, deny rules, entities, CIDR rules, toServices, host policies\n"
      "that select every node); CIDR groups and node labels are not known here, and a note\n"
      "says where that leaves a rule unevaluated. DNS names (toFQDNs) are not addresses, so they\n"
      "appear in “netpol explain --to NAME”, not in this list.\n"
      "\n"
      "The formats are netpol-analyzer's, byte for byte: json is an array of {\"src\", \"dst\",\n"
      "\"conn\"} with a two-space indent and no final newline; dot puts each namespace's workloads\n"
      "in a cluster, address ranges outside it, and weighs and colours the edges as netpol-analyzer\n"
      "does (no legend, no final newline).\n"
      "\n"
      "--exposure adds netpol-analyzer's exposure analysis: which workloads the policies open\n"
      "to the entire cluster (a rule peer namespaceSelector: {}, or a rule without peers), to\n"
      "pods that may exist in namespaces or with labels a rule's selectors describe (written\n"
      "[namespace with {team=payments}]/[all pods], or ns/[pod with {app=x}] for one namespace),\n"
      "or to the outside (the list's address-range lines, repeated), and which no policy isolates.\n"
      "txt adds an “Exposure Analysis Result:” section after the list, csv and md their tables,\n"
      "json becomes {\"connlist_results\", \"exposure_results\"}, dot gets dashed edges to an\n"
      "entire-cluster node and to red representative clusters. A selector pair that only has\n"
      "matchLabels and matches a real pod is not reported. Only NetworkPolicies are read, as in\n"
      "netpol-analyzer: workloads that a Cilium policy selects are left out of the exposure part,\n"
      "with a warning. Unlike netpol-analyzer, named ports resolve on the workload for ingress\n"
      "and are left out for egress to representatives. With --focus-workload the analysis covers\n"
      "the focus workloads (and --focus-direction); with --focus-workload-peer it is off.\n"
      "\n"
      "Focus, as netpol-analyzer's list command has it (its spellings --focusworkload and\n"
      "--focusworkload-peer are accepted too):\n"
      "  --focus-workload keeps the lines with a focus workload at one end. NAME matches the\n"
      "    workload (owner or bare pod) of that name in every namespace, NAMESPACE/NAME one\n"
      "    namespace's; ns/name[Kind] as printed works too (netpol-analyzer does not take it).\n"
      "    A name that matches nothing is warned about on standard error; when none of the focus\n"
      "    workloads (or none of the focus peers) exists, the list is empty. Neither is an error.\n"
      "  --focus-workload-peer keeps only the lines whose other end is one of these workloads\n"
      "    (so no address ranges).\n"
      "  --focus-direction ingress keeps the lines into a focus workload, egress those out of one.\n"
      "  Without --focus-workload, the last two are ignored with a warning.\n"
      "  --focus-conn TCP-8080 keeps the pairs that allow that port, without the connection\n"
      "    column: txt prints “Permitted connections on TCP 8080:” and SRC => DST lines, csv and\n"
      "    md the src and dst columns, json {\"src\", \"dst\"} items, dot edges labelled TCP 8080.\n"
      "\n"
      "Ingress and OpenShift Route objects add, last, the lines of netpol-analyzer's ingress\n"
      "controller: “{ingress-controller} => ns/name[Kind] : TCP PORTS”, the TCP ports their Services\n"
      "lead to on the workloads (through targetPort and named containerPorts) that the policies allow\n"
      "from a pod with no labels in namespace ingress-controller-ns; a Service without a selector,\n"
      "a missing Service and a workload the policies shut off are noted on stderr. The focus flags\n"
      "call the controller ingress-controller.\n"
      "\n"
      "Explain, as netpol-analyzer's list --explain has it (txt):\n"
      "  --explain prints every pair of the list, those that allow nothing too, in a block that\n"
      "    splits its ports into classes with the same reasons: per direction (Egress of the\n"
      "    source, Ingress of the destination), the policies and rules that allow or deny them:\n"
      "      NetworkPolicy 'ns/name' allows connections by Ingress rule #1\n"
      "      NetworkPolicy 'ns/name' selects D, but S is not allowed by any Ingress rule\n"
      "      NetworkPolicy 'ns/name' selects D, and Ingress rule #1 selects S, but the protocols\n"
      "        and ports do not match\n"
      "    The pairs that only the system default (Allow all) decides come last, as SRC => DST.\n"
      "    Cilium policies, which netpol-analyzer does not read, are named the same way:\n"
      "    CiliumNetworkPolicy 'ns/name' allows connections by Ingress rule #N (the N-th entry of\n"
      "    ingress), … denies connections by IngressDeny rule #N; a policy with several specs adds\n"
      "    (specs #K). A Cilium deny rule is then the only reason of the ports it refuses.\n"
      "    A pair of grouped pods is explained by its first pod.\n"
      "  --explain-lines (netpol's own; also written --explain=lines) ends each rule line in\n"
      "    (FILE:LINE), where netpol read the rule.\n"
      "  --explain-only allow keeps the pairs that allow something, deny those that allow nothing.\n"
      "  With -o dot the pairs that allow nothing are edges labelled No Connections; json, csv and\n"
      "  md ignore --explain with a warning, and so does --focus-conn."),
      "\n\n", _("The cluster-wide policies of policy.networking.k8s.io take part too: AdminNetworkPolicy\n"
        "(v1alpha1) and ClusterNetworkPolicy with tier: Admin decide first, by ascending priority and\n"
        "rules in order (Allow or Accept and Deny settle a connection, Pass leaves it to the next\n"
        "tier); then the NetworkPolicies of a pod they isolate; then, for a pod no NetworkPolicy\n"
        "isolates, BaselineAdminNetworkPolicy and ClusterNetworkPolicy with tier: Baseline; then\n"
        "allow. For AdminNetworkPolicy and BaselineAdminNetworkPolicy, netpol-analyzer's reading is\n"
        "kept: networks peers match outside addresses only (--networks-match-pods makes them match\n"
        "pod addresses too, as upstream says), nodes peers and IPv6 networks are skipped with its\n"
        "warnings, address ranges are also split at the networks prefixes, and its errors stop the\n"
        "analysis: two AdminNetworkPolicies with one priority, a priority outside 0-1000, a second\n"
        "or misnamed BaselineAdminNetworkPolicy, a rule without peers or with an unknown action.\n"
        "netpol-analyzer reads no ClusterNetworkPolicy; netpol evaluates it as upstream describes.\n"
        "--explain names their rules as netpol-analyzer does: AdminNetworkPolicy 'NAME'\n"
        "allows|denies|passes connections by Ingress rule RULE, BaselineAdminNetworkPolicy 'default'\n"
        "likewise, before and after the NetworkPolicies (a Pass first, then what decided next);\n"
        "ClusterNetworkPolicy 'NAME' the same way."), NULL)),
    _("Exit status:\n"
      "  0  the list was printed\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol connectivity -o dot cluster/ > cluster.dot\n"
      "  netpol connectivity --exposure -o csv cluster/\n"
      "  netpol connectivity --focus-workload shop/web,db --focus-direction ingress cluster/\n"
      "  netpol connectivity --focus-workload web --focus-workload-peer client --focus-conn TCP-8080 cluster/\n"
      "  netpol connectivity --explain=lines --explain-only deny cluster/"));
  rewrite_explain_lines (argc, argv);
  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("netpol: name at least one file or folder to read.\n"));
      return NETPOL_EXIT_TROUBLE;
    }
  if (!netpol_parse_output (output, formats, &index))
    return NETPOL_EXIT_TROUBLE;
  np_connlist_format_parse (formats[index], &format);
  explain_mode = explain_lines ? 2 : explain ? 1 : 0;

  /* GOption gives the parsed arrays only after parsing. */
  name_lists[0] = focus_workloads;
  name_lists[1] = focus_workloads_alias;
  name_lists[2] = focus_peers;
  name_lists[3] = focus_peers_alias;
  for (guint l = 0; l < G_N_ELEMENTS (name_lists); l++)
    for (guint i = 0; name_lists[l] != NULL && name_lists[l][i] != NULL; i++)
      {
        if (l < 2)
          np_connlist_focus_add_workloads (focus, name_lists[l][i]);
        else
          np_connlist_focus_add_peers (focus, name_lists[l][i]);
      }
  if ((focus_direction != NULL && !np_connlist_focus_set_direction (focus, focus_direction, &error)) ||
      (focus_conn != NULL && !np_connlist_focus_set_conn (focus, focus_conn, &error)))
    {
      netpol_print_error (NULL, error);
      return NETPOL_EXIT_TROUBLE;
    }

  if (explain_only != NULL && !np_explain_only_parse (explain_only, &only, &error))
    {
      netpol_print_error (NULL, error);
      return NETPOL_EXIT_TROUBLE;
    }
  if (explain_only != NULL && explain_mode == 0)
    g_printerr ("%s", _("netpol: warning: --explain-only applies only with --explain; it is ignored.\n"));
  if (explain_mode > 0 && format != NP_CONNLIST_TEXT && format != NP_CONNLIST_DOT)
    {
      /* As netpol-analyzer: the list as without it [CL]. */
      g_printerr (_("netpol: warning: --explain is supported with -o txt (and dot) only; it is ignored with -o %s.\n"),
                  formats[index]);
      explain_mode = 0;
    }
  if (explain_mode > 0 && focus->has_conn)
    {
      g_printerr ("%s", _("netpol: warning: --focus-conn is not supported with --explain; it is ignored.\n"));
      focus->has_conn = FALSE;
    }
  focus->keep_empty = explain_mode > 0;

  evaluator = load_evaluator (paths, eval_flags (ipblock_pods, networks_pods));
  if (evaluator == NULL)
    return NETPOL_EXIT_TROUBLE;
  /* The plain list is written as it is decided: the first lines come
   * at once and no list of millions of lines waits in memory. */
  if (explain_mode == 0 && !exposure && np_connlist_format_streams (format))
    {
      list = np_connlist_write (evaluator, focus, format, stdout);
      fflush (stdout);
      netpol_print_notes (np_evaluator_get_notes (evaluator));
      print_warnings (evaluator);
      for (guint i = 0; i < list->warnings->len; i++)
        g_printerr (_("netpol: warning: %s\n"), (char *) list->warnings->pdata[i]);
      return NETPOL_EXIT_OK;
    }
  list = np_connlist_compute_focused (evaluator, focus);
  netpol_print_notes (np_evaluator_get_notes (evaluator));
  print_warnings (evaluator);
  for (guint i = 0; i < list->warnings->len; i++)
    g_printerr (_("netpol: warning: %s\n"), (char *) list->warnings->pdata[i]);
  if (explain_mode > 0 && format == NP_CONNLIST_TEXT)
    {
      g_autofree char *explained = np_connlist_explain (evaluator, list, only, explain_mode == 2);
      g_autoptr(GString) out = g_string_new (explained);

      /* netpol-analyzer follows the explanation with the exposure section
       * (not with --explain-only), computed on the list without the pairs
       * that allow nothing. */
      if (exposure && only == NP_EXPLAIN_ONLY_ALL)
        {
          g_autoptr(NpConnlist) allowed = NULL;
          g_autoptr(NpExposure) result = NULL;

          focus->keep_empty = FALSE;
          allowed = np_connlist_compute_focused (evaluator, focus);
          result = np_exposure_compute (evaluator, allowed, focus);
          for (guint i = 0; i < result->warnings->len; i++)
            g_printerr (_("netpol: warning: %s\n"), (char *) result->warnings->pdata[i]);
          np_exposure_append_text (out, allowed, result);
        }
      text = g_string_free (g_steal_pointer (&out), FALSE);
    }
  else if (exposure)
    {
      g_autoptr(NpExposure) result = np_exposure_compute (evaluator, list, focus);

      for (guint i = 0; i < result->warnings->len; i++)
        g_printerr (_("netpol: warning: %s\n"), (char *) result->warnings->pdata[i]);
      text = np_exposure_to_string (list, result, format);
    }
  else
    text = np_connlist_to_string (list, format);
  fputs (text, stdout);
  fflush (stdout);
  return NETPOL_EXIT_OK;
}

int
netpol_builtin_explain (int    argc,
                        char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *output = NULL;
  gboolean ipblock_pods = FALSE;
  gboolean networks_pods = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("The source: NAMESPACE/WORKLOAD, NAMESPACE/POD, NAMESPACE:LABEL=VALUE, an IP address, a DNS "
         "name or a Cilium entity (host, remote-node, kube-apiserver, init, health, unmanaged, ingress, world)"),
      N_("SRC") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The destination, written as SRC is"), N_("DST") },
    { "port", 'p', 0, G_OPTION_ARG_STRING, &port_text,
      N_("The destination port and protocol (default 80/TCP)"), N_("PORT[/PROTOCOL]") },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "ipblock-matches-pods", 0, 0, G_OPTION_ARG_NONE, &ipblock_pods,
      N_("Let ipBlock rules match pod addresses (from the pods' status) too"), NULL },
    { "networks-match-pods", 0, 0, G_OPTION_ARG_NONE, &networks_pods,
      N_("Let networks peers of cluster-wide policies match pod addresses (from the pods' status) too, "
         "as upstream says (netpol-analyzer: external addresses only)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  NpProtocol protocol = NP_PROTOCOL_TCP;
  guint port = 80;
  guint format;

  context = netpol_option_context_new (_("--from SRC --to DST — explain one connection"), entries,
    (summary = g_strconcat (_("Reads every PATH (a manifest file or a folder) and says whether the NetworkPolicies and\n"
      "Cilium policies allow one connection: the source's egress, the destination's ingress, the\n"
      "policies that isolate each side, the rules (FILE:LINE) that allow it and the Cilium deny\n"
      "rules that refuse it."),
      "\n", _("AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy take part as in\n"
        "“netpol connectivity”: their Deny rules are listed with the deny rules, and a “Decided by:”\n"
        "line names the tiers in order, as “AdminNetworkPolicy 'x' passes by Ingress rule y, then\n"
        "NetworkPolicy 'shop/web' allows”. netpol-analyzer's errors about AdminNetworkPolicies stop\n"
        "it as they stop “netpol connectivity”; --networks-match-pods is the same option as there."), NULL)),
    _("Exit status:\n"
      "  0  the connection is allowed\n"
      "  1  the connection is denied\n"
      "  2  a file could not be read, or the command line is wrong"));
  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (from == NULL || to == NULL || paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("netpol: give --from, --to and at least one file or folder to read.\n"));
      return NETPOL_EXIT_TROUBLE;
    }
  if (!netpol_parse_output (output, netpol_text_or_json, &format))
    return NETPOL_EXIT_TROUBLE;
  if (port_text != NULL)
    {
      if (!np_traffic_parse_port (port_text, &port, &protocol))
        {
          g_printerr (_("netpol: “%s” is no port; write it as 443 or 53/UDP (TCP, UDP or SCTP).\n"), port_text);
          return NETPOL_EXIT_TROUBLE;
        }
    }

  evaluator = load_evaluator (paths, eval_flags (ipblock_pods, networks_pods));
  if (evaluator == NULL)
    return NETPOL_EXIT_TROUBLE;
  /* The same path as the editor's Test Traffic page. */
  verdict = np_traffic_decide (evaluator, from, to, protocol, (guint) port, &error);
  if (verdict == NULL)
    {
      netpol_print_error (NULL, error);
      return NETPOL_EXIT_TROUBLE;
    }
  print_warnings (evaluator);

  if (format == NETPOL_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) root = np_verdict_to_json (verdict, from, to, protocol, port);

      netpol_print_json (root);
    }
  else
    {
      g_print (_("%s → %s, %s %u: %s\n"), from, to, np_protocol_to_string (protocol), (guint) port,
               verdict->allowed ? _("allowed") : _("denied"));
      g_autofree char *why = np_traffic_describe_verdict (verdict, NULL);

      g_print ("%s", why);
    }
  return verdict->allowed ? NETPOL_EXIT_OK : NETPOL_EXIT_INVALID;
}

/* diff ------------------------------------------------------------------- */

/* The paths of one side of diff: @arg itself when it exists, otherwise its
 * comma-separated parts. */
static GStrv
split_side (const char *arg)
{
  if (strchr (arg, ',') == NULL || g_file_test (arg, G_FILE_TEST_EXISTS))
    {
      char **paths = g_new0 (char *, 2);

      paths[0] = g_strdup (arg);
      return paths;
    }
  else
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit (arg, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (builder, parts[i]);
      return g_strv_builder_end (builder);
    }
}

/* The evaluator of the files of one side, or NULL after saying why. */
static NpEvaluator *
side_evaluator (const char *arg, NpEvalFlags flags)
{
  g_auto(GStrv) paths = split_side (arg);

  if (paths[0] == NULL)
    {
      g_printerr (_("netpol: “%s” names no file or folder.\n"), arg);
      return NULL;
    }
  return load_evaluator (paths, flags);
}

int
netpol_builtin_diff (int    argc,
                     char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *dir1 = NULL;
  g_autofree char *dir2 = NULL;
  gboolean ipblock_pods = FALSE;
  gboolean networks_pods = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
      N_("Output format: txt (default), csv, md, dot, text or json"), N_("FORMAT") },
    { "dir1", 0, 0, G_OPTION_ARG_FILENAME, &dir1,
      N_("OLD, as netpol-analyzer names it (instead of the first argument)"), N_("OLD") },
    { "dir2", 0, 0, G_OPTION_ARG_FILENAME, &dir2,
      N_("NEW, as netpol-analyzer names it (instead of the second argument)"), N_("NEW") },
    { "ipblock-matches-pods", 0, 0, G_OPTION_ARG_NONE, &ipblock_pods,
      N_("Let ipBlock rules match pod addresses (from the pods' status) too"), NULL },
    { "networks-match-pods", 0, 0, G_OPTION_ARG_NONE, &networks_pods,
      N_("Let networks peers of cluster-wide policies match pod addresses (from the pods' status) too, "
         "as upstream says (netpol-analyzer: external addresses only)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("OLD NEW") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(NpEvaluator) old_evaluator = NULL;
  g_autoptr(NpEvaluator) new_evaluator = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autofree char *text = NULL;
  /* What np_conndiff_format_parse() knows; the first is the default. */
  const char * const formats[] = { "txt", "csv", "md", "dot", "text", "json", NULL };
  const char *old_side, *new_side;
  NpConnDiffFormat format = NP_CONNDIFF_TXT;
  NpEvalFlags flags;
  guint index;

  context = netpol_option_context_new (_("— compare what two sets of policies allow"), entries,
    (summary = g_strconcat (_("Computes the connectivity list (as “netpol connectivity” does) of OLD and of NEW and prints\n"
      "the pairs whose connections differ, in np-guard's netpol-analyzer layouts:\n"
      "  Connectivity diff:\n"
      "  diff-type: changed, source: SRC, destination: DST, dir1: OLD-CONNS, dir2: NEW-CONNS\n"
      "The diff types are changed, added (allowed only in NEW) and removed (allowed only in OLD);\n"
      "the side that allows nothing reads “No Connections”. An added or removed pair whose\n"
      "workload exists on one side only ends in “, workloads-diff-info: workload NAME added”\n"
      "(or “removed”, or “workload SRC and DST added”). Rows come changed, added, removed, each\n"
      "sorted, the ingress controller's last. -o csv and -o md print the same six columns\n"
      "(diff-type, source, destination, dir1, dir2, workloads-diff-info); -o dot draws the\n"
      "graph with the unchanged pairs too, in grey, and a legend. When nothing changed, nothing\n"
      "is printed, not even the header.\n"
      "External ranges are compared by address, not as printed: both sides' ranges are cut at\n"
      "every boundary either side names, compared piece by piece, and neighbouring pieces that\n"
      "changed alike are joined again, so a new ipBlock that allows what was already allowed\n"
      "changes nothing, and a change inside a range shows exactly the part that changed.\n"
      "Two formats are netpol's own: -o text, one line a pair, sorted:\n"
      "  + SRC => DST : CONNS          allowed only in NEW\n"
      "  - SRC => DST : CONNS          allowed only in OLD\n"
      "  ~ SRC => DST : OLD -> NEW     allowed in both, but not the same connections\n"
      "and -o json (netpol-analyzer has no JSON diff).\n"
      "OLD and NEW are each a manifest file or a folder of .yaml, .yml and .json files; to give\n"
      "several, separate them with commas (“base.yaml,policies/”). A path that exists as written\n"
      "is never split. --dir1 OLD --dir2 NEW is netpol-analyzer's spelling of the same.\n"
      "There is no -o svg: pipe -o dot to “dot -Tsvg”."),
      "\n", _("Both sides are evaluated as “netpol connectivity” does, AdminNetworkPolicy,\n"
        "BaselineAdminNetworkPolicy and ClusterNetworkPolicy included (a changed priority or a new\n"
        "Pass shows as changed pairs); netpol-analyzer's errors about AdminNetworkPolicies on either\n"
        "side stop the diff."), NULL)),
    _("Exit status (netpol-analyzer exits 0 whether or not the connections differ):\n"
      "  0  both allow exactly the same connections\n"
      "  1  the connections differ\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol diff old/ new/\n"
      "  netpol diff --dir1 old/ --dir2 new/ -o csv\n"
      "  netpol diff -o json cluster.yaml,policies-v1/ cluster.yaml,policies-v2/"));
  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (dir1 != NULL || dir2 != NULL)
    {
      if (dir1 == NULL || dir2 == NULL || (paths != NULL && paths[0] != NULL))
        {
          g_printerr ("%s", _("netpol diff: give both --dir1 and --dir2, and no other side.\n"));
          return NETPOL_EXIT_TROUBLE;
        }
      old_side = dir1;
      new_side = dir2;
    }
  else if (paths == NULL || g_strv_length (paths) != 2)
    {
      g_printerr ("%s", _("netpol diff: name exactly two sides, OLD and NEW.\n"));
      return NETPOL_EXIT_TROUBLE;
    }
  else
    {
      old_side = paths[0];
      new_side = paths[1];
    }
  if (!netpol_parse_output (output, formats, &index))
    return NETPOL_EXIT_TROUBLE;
  np_conndiff_format_parse (formats[index], &format);
  flags = eval_flags (ipblock_pods, networks_pods);

  old_evaluator = side_evaluator (old_side, flags);
  if (old_evaluator == NULL)
    return NETPOL_EXIT_TROUBLE;
  new_evaluator = side_evaluator (new_side, flags);
  if (new_evaluator == NULL)
    return NETPOL_EXIT_TROUBLE;

  diffs = np_conndiff_compute_evaluators (old_evaluator, new_evaluator);
  netpol_print_notes (np_evaluator_get_notes (old_evaluator));
  netpol_print_notes (np_evaluator_get_notes (new_evaluator));
  print_warnings (old_evaluator);
  print_warnings (new_evaluator);
  text = np_conndiff_format (diffs, format);
  fputs (text, stdout);
  fflush (stdout);
  return np_conndiff_count_changes (diffs) == 0 ? NETPOL_EXIT_OK : NETPOL_EXIT_INVALID;
}
