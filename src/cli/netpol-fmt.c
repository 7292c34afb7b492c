/* netpol-fmt.c: `netpol fmt`: print or rewrite manifests in canonical YAML
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "netpol-builtins.h"
#include "np-manifest.h"
#include "np-safe-write.h"

int
netpol_builtin_fmt (int    argc,
                    char **argv)
{
  gboolean write = FALSE;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "write", 'w', 0, G_OPTION_ARG_NONE, &write,
      N_("Rewrite each FILE in place (atomically) instead of printing it"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
      N_("Output format: yaml or json (default: the format of the input)"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  guint output_format;
  int status = NETPOL_EXIT_OK;

  context = netpol_option_context_new (_("— print manifests in canonical form"), entries,
    _("Prints each FILE in canonical form: apiVersion, kind, metadata and spec first, policy\n"
      "fields in the order the Kubernetes documentation uses, 2-space block YAML, and a string\n"
      "quoted exactly when it would otherwise read back as a number, a boolean or null. Nothing\n"
      "is added or dropped: fields the editor does not know are kept. Comments are not kept.\n"
      "Cilium policies only have their top-level keys put in order (apiVersion, kind, metadata,\n"
      "spec, specs); everything below stays as written. So do AdminNetworkPolicy,\n"
      "BaselineAdminNetworkPolicy and ClusterNetworkPolicy (apiVersion, kind, metadata, spec).\n"
      "JSON input gives JSON output unless --output says otherwise."),
    _("Exit status:\n"
      "  0  done\n"
      "  1  some file is not valid YAML or JSON (it is left as it was)\n"
      "  2  a file could not be read or written, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol fmt policy.yaml\n"
      "  netpol fmt -w policies/*.yaml\n"
      "  kubectl get networkpolicy web -o json | netpol fmt -o yaml -"));

  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (!netpol_parse_output (output, netpol_yaml_or_json, &output_format))
    return NETPOL_EXIT_TROUBLE;
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol fmt: name at least one FILE (or - for standard input)\n"));
      return NETPOL_EXIT_TROUBLE;
    }
  if (write && g_strv_contains ((const char * const *) files, "-"))
    {
      g_printerr ("%s", _("netpol fmt: --write cannot rewrite standard input\n"));
      return NETPOL_EXIT_TROUBLE;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GBytes) bytes = netpol_read_input (files[i], &name, &error);
      g_autoptr(GBytes) formatted = NULL;
      NpFormat format;

      if (bytes == NULL)
        {
          netpol_print_error (NULL, error);
          status = NETPOL_EXIT_TROUBLE;
          continue;
        }

      format = np_manifest_detect_format (bytes);
      /* Without --output, the format of the input. */
      if (output != NULL)
        format = output_format == NETPOL_OUTPUT_JSON ? NP_FORMAT_JSON : NP_FORMAT_YAML;
      /* A document at a time: a large file is never held as a whole tree. */
      formatted = np_manifest_format_bytes (bytes, name, format, &error);
      if (formatted == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = MAX (status, g_error_matches (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE)
                                ? NETPOL_EXIT_INVALID : NETPOL_EXIT_TROUBLE);
          continue;
        }

      if (!write)
        {
          fwrite (g_bytes_get_data (formatted, NULL), 1, g_bytes_get_size (formatted), stdout);
          continue;
        }
      if (!g_bytes_equal (formatted, bytes))
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);

          if (!np_write_file_atomically (file, g_bytes_get_data (formatted, NULL),
                                         g_bytes_get_size (formatted), NULL, &error))
            {
              netpol_print_error (name, error);
              status = NETPOL_EXIT_TROUBLE;
            }
        }
    }

  fflush (stdout);
  return status;
}
