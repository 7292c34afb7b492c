/* netpol-lint.c: `netpol lint`: policy mistakes the API server accepts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "netpol-builtins.h"
#include "np-diagnostic.h"
#include "np-json-out.h"
#include "np-lint.h"

int
netpol_builtin_lint (int    argc,
                     char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  guint format;
  guint n_warnings = 0, n_infos = 0;

  context = netpol_option_context_new (_("— point out policy mistakes"), entries,
    _("Reads every PATH (a manifest file, or a folder of .yaml, .yml and .json files) and points\n"
      "out mistakes the API server accepts: rules ignored because policyTypes omits their\n"
      "direction, egress isolation that blocks DNS, a policy or a peer that matches no workload\n"
      "(when workloads are among the files), the same name twice in a namespace, a missing\n"
      "namespace, separate namespaceSelector and podSelector entries where one combined entry\n"
      "was probably meant, Cilium toFQDNs without a DNS rule; and, as notices, rules that allow\n"
      "or deny everything.\n"
      "In AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy: a rule an\n"
      "earlier rule of the policy already covers (it never matches), a Deny of networks\n"
      "0.0.0.0/0 or ::/0 (which also hits pod addresses), domainNames in a Deny or Pass rule,\n"
      "a ClusterNetworkPolicy egress rule giving a named port to networks, nodes or\n"
      "domainNames peers; and, as notices, a Pass with no NetworkPolicy and no baseline among\n"
      "the files (it then allows), a Pass in the Baseline tier (it allows), and a baseline\n"
      "allow rule with no Deny rule after it (it changes nothing).\n"
      "Each finding says how to fix it, printed as\n"
      "  FILE:LINE:COLUMN: warning|info: MESSAGE [FIELD PATH]\n"
      "Run “netpol validate” for what the API server would reject."),
    _("Exit status:\n"
      "  0  no warnings (notices may have been printed)\n"
      "  1  some warnings\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol lint policies/\n"
      "  netpol lint -o json cluster.yaml policies/"));
  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("netpol: name at least one file or folder to read.\n"));
      return NETPOL_EXIT_TROUBLE;
    }
  if (!netpol_parse_output (output, netpol_text_or_json, &format))
    return NETPOL_EXIT_TROUBLE;

  inventory = netpol_load_inventory (paths, &error);
  if (inventory == NULL)
    {
      netpol_print_error (NULL, error);
      return NETPOL_EXIT_TROUBLE;
    }
  diagnostics = np_lint_run (inventory, NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (np_diagnostic_get_severity (d) == NP_SEVERITY_INFO)
        n_infos++;
      else
        n_warnings++;
    }

  if (format == NETPOL_OUTPUT_JSON)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

      json_object_set_member (object, "diagnostics", np_diagnostics_to_json (diagnostics, NP_JSON_OUT_WITH_FILE));
      json_object_set_int_member (object, "warnings", n_warnings);
      json_object_set_int_member (object, "notices", n_infos);
      json_node_set_object (root, object);
      netpol_print_json (root);
    }
  else
    {
      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *line = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

          g_print ("%s\n", line);
        }
      if (isatty (STDERR_FILENO) || diagnostics->len > 0)
        {
          guint n_policies = np_inventory_count_all_policies (inventory);
          g_autofree char *policies = g_strdup_printf (ngettext ("%u policy checked", "%u policies checked",
                                                                 n_policies),
                                                       n_policies);
          g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
          g_autofree char *notices = g_strdup_printf (ngettext ("%u notice", "%u notices", n_infos), n_infos);

          /* Translators: "3 policies checked: 1 warning, 2 notices" */
          g_printerr (_("%s: %s, %s\n"), policies, warnings, notices);
        }
    }
  fflush (stdout);
  return n_warnings > 0 ? NETPOL_EXIT_INVALID : NETPOL_EXIT_OK;
}
