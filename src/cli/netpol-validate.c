/* netpol-validate.c: `netpol validate`: check policies as the API server would, and more
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "netpol-builtins.h"
#include "np-diagnostic.h"
#include "np-json-out.h"
#include "np-manifest.h"

int
netpol_builtin_validate (int    argc,
                         char **argv)
{
  gboolean strict = FALSE;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Strict CIDR checking, as Kubernetes 1.36 and later do: leading zeros, IPv4-mapped "
         "IPv6 addresses and host bits become errors"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint format;
  gboolean json;
  gboolean any_invalid = FALSE, any_trouble = FALSE;
  guint n_errors = 0, n_warnings = 0, n_policies = 0;

  context = netpol_option_context_new (_("— check network policies"), entries,
    _("Reads each FILE (YAML with one or more documents, or JSON; “-” for standard input) and checks\n"
      "every NetworkPolicy in it the way the Kubernetes API server does, with strict field\n"
      "validation: a misspelt or unknown field is an error, because the server would drop it\n"
      "and, with it, the rule it holds. CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy\n"
      "objects are checked against the cilium.io/v2 schema and the rules the Cilium agent\n"
      "enforces; what only some Cilium versions accept is a warning that names them.\n"
      "AdminNetworkPolicy, BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and\n"
      "ClusterNetworkPolicy (v1alpha2) are checked against their CRD schemas and CEL rules; a\n"
      "field that only the experimental channel's CRDs have is a warning that says so.\n"
      "Other objects (Deployments, Services…) are left alone.\n"
      "\n"
      "Each finding is printed as\n"
      "  FILE:LINE:COLUMN: error|warning: MESSAGE [FIELD PATH]"),
    _("Exit status:\n"
      "  0  every policy is valid (warnings may have been printed)\n"
      "  1  some file is not valid YAML or JSON, or some policy has errors\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol validate policy.yaml\n"
      "  kubectl get networkpolicy -A -o yaml | netpol validate -\n"
      "  netpol validate --strict --output json policies/*.yaml"));

  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (!netpol_parse_output (output, netpol_text_or_json, &format))
    return NETPOL_EXIT_TROUBLE;
  json = format == NETPOL_OUTPUT_JSON;
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol validate: name at least one FILE (or - for standard input)\n"));
      return NETPOL_EXIT_TROUBLE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GBytes) bytes = netpol_read_input (files[i], &name, &error);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_file_policies = 0;
      gboolean valid;

      if (bytes == NULL)
        {
          netpol_print_error (NULL, error);
          any_trouble = TRUE;
          if (json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "file");
              json_builder_add_string_value (builder, files[i]);
              json_builder_set_member_name (builder, "error");
              json_builder_add_string_value (builder, error->message);
              json_builder_end_object (builder);
            }
          continue;
        }

      /* A document at a time: a large file is never held as a whole tree. */
      if (!np_manifest_validate_bytes (bytes, name, strict ? NP_VALIDATE_STRICT_CIDR : NP_VALIDATE_DEFAULT,
                                       diagnostics, &n_file_policies, &error))
        {
          netpol_print_error (NULL, error);
          any_trouble = TRUE;
          continue;
        }
      n_policies += n_file_policies;
      valid = !np_diagnostics_have_errors (diagnostics);
      any_invalid |= !valid;

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, name);
          json_builder_set_member_name (builder, "valid");
          json_builder_add_boolean_value (builder, valid);
          json_builder_set_member_name (builder, "policies");
          json_builder_add_int_value (builder, n_file_policies);
          json_builder_set_member_name (builder, "diagnostics");
          json_builder_begin_array (builder);
        }
      for (guint j = 0; j < diagnostics->len; j++)
        {
          NpDiagnostic *d = g_ptr_array_index (diagnostics, j);

          if (np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR)
            n_errors++;
          else if (np_diagnostic_get_severity (d) == NP_SEVERITY_WARNING)
            n_warnings++;
          if (json)
            json_builder_add_value (builder, np_diagnostic_to_json (d, NP_JSON_OUT_DEFAULT));
          else
            {
              g_autofree char *line = np_diagnostic_format (d);
              g_print ("%s\n", line);
            }
        }
      if (json)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, !any_invalid && !any_trouble);
  json_builder_end_object (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      netpol_print_json (root);
    }
  else if (isatty (STDERR_FILENO) || n_errors + n_warnings > 0)
    {
      g_autofree char *policies = g_strdup_printf (ngettext ("%u policy checked", "%u policies checked", n_policies), n_policies);
      g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
      g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);

      /* Translators: "3 policies checked: 1 error, 2 warnings" */
      g_printerr (_("%s: %s, %s\n"), policies, errors, warnings);
    }

  if (any_trouble)
    return NETPOL_EXIT_TROUBLE;
  return any_invalid ? NETPOL_EXIT_INVALID : NETPOL_EXIT_OK;
}
