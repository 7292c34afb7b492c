/* netpol.c: the command-line front of the policy core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "np-cilium-policy.h"
#include "np-conndiff.h"
#include "np-connlist.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-cilium-validator.h"
#include "np-evaluator.h"
#include "np-flow-generator.h"
#include "np-flow-replay.h"
#include "np-flow.h"
#include "np-inventory.h"
#include "np-lint.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-label-selector.h"
#include "np-policy.h"
#include "np-rating.h"
#include "np-traffic.h"
#include "np-yaml.h"

enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_TROUBLE = 2,
};

typedef struct {
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static int run_validate (int argc, char **argv);
static int run_fmt (int argc, char **argv);
static int run_convert (int argc, char **argv);
static int run_connectivity (int argc, char **argv);
static int run_explain (int argc, char **argv);
static int run_diff (int argc, char **argv);
static int run_lint (int argc, char **argv);
static int run_rate (int argc, char **argv);
static int run_from_flows (int argc, char **argv);
static int run_replay (int argc, char **argv);
static int run_help (int argc, char **argv);

static const Command commands[] = {
  { "validate", N_("Check policies as the API server would, and more"), run_validate },
  { "fmt", N_("Print or rewrite manifests in canonical YAML"), run_fmt },
  { "convert", N_("Convert between NetworkPolicy and Cilium policies"), run_convert },
  { "connectivity", N_("List every connection the policies allow"), run_connectivity },
  { "explain", N_("Say whether one connection is allowed, and why"), run_explain },
  { "diff", N_("Show the connections gained, lost and changed between two sets of files"), run_diff },
  { "lint", N_("Point out policy mistakes the API server accepts"), run_lint },
  { "rate", N_("Score how tightly each policy limits traffic, from 0 to 5"), run_rate },
  { "from-flows", N_("Write policies that allow the traffic Hubble flow logs show"), run_from_flows },
  { "replay", N_("Say which recorded Hubble flows policies would allow or drop"), run_replay },
  { "help", N_("Show help for a command"), run_help },
};

/* Prints what @builder holds as indented JSON and a newline. */
static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage:\n  netpol COMMAND [OPTION…] FILE…\n\n"));
  fprintf (stream, "%s", _("Edit, check, format and convert Kubernetes network policies\n"
                           "(NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy).\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "%s", _("\nOptions:\n"
                           "  -h, --help     Show this help\n"
                           "  --version      Show the version\n\n"
                           "Run “netpol help COMMAND” or “netpol COMMAND --help” for a command's options.\n"
                           "A FILE of “-” reads standard input.\n"));
}

/* A file's text, read whole; "-" is standard input. */
static GBytes *
read_input (const char *path, char **display_name, GError **error)
{
  if (g_str_equal (path, "-"))
    {
      GByteArray *buffer = g_byte_array_new ();
      guint8 chunk[65536];
      ssize_t n;

      *display_name = g_strdup ("<stdin>");
      while ((n = read (STDIN_FILENO, chunk, sizeof chunk)) != 0)
        {
          if (n < 0)
            {
              if (errno == EINTR)
                continue;
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                           _("Cannot read standard input: %s"), g_strerror (errno));
              g_byte_array_unref (buffer);
              return NULL;
            }
          g_byte_array_append (buffer, chunk, n);
          if (buffer->len > NP_MANIFEST_MAX_SIZE)
            {
              g_set_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_TOO_LARGE,
                           _("Standard input is larger than %d MiB; refusing to read it."),
                           NP_MANIFEST_MAX_SIZE / (1024 * 1024));
              g_byte_array_unref (buffer);
              return NULL;
            }
        }
      return g_byte_array_free_to_bytes (buffer);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GError) local_error = NULL;
      GBytes *bytes;

      *display_name = g_strdup (path);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("%s: is a folder; name the files in it"), path);
          return NULL;
        }
      bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
      if (bytes == NULL)
        g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
      return bytes;
    }
}

/* Checks --output against PLAIN ("text" or "yaml") and "json"; says what is
 * allowed when it is neither. */
static gboolean
parse_output (const char *output, const char *plain, gboolean *json)
{
  if (output != NULL && !g_str_equal (output, plain) && !g_str_equal (output, "json"))
    {
      if (g_str_equal (plain, "yaml"))
        g_printerr (_("netpol: unknown output format “%s”: use yaml or json\n"), output);
      else
        g_printerr (_("netpol: unknown output format “%s”: use text or json\n"), output);
      return FALSE;
    }
  *json = output != NULL && g_str_equal (output, "json");
  return TRUE;
}

/* Reads and parses one FILE argument. On failure prints why and marks it:
 * text that is not YAML or JSON is @invalid, a file that cannot be read is
 * @trouble. */
static NpManifest *
load_manifest (const char *path, char **display_name, gboolean *invalid, gboolean *trouble)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = read_input (path, display_name, &error);
  g_autoptr(NpManifest) manifest = np_manifest_new ();

  if (bytes == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
      *trouble = TRUE;
      return NULL;
    }
  if (!np_manifest_load_bytes (manifest, bytes, *display_name, &error))
    {
      g_printerr ("%s\n", error->message);
      if (np_manifest_get_parse_diagnostic (manifest) != NULL)
        *invalid = TRUE;
      else
        *trouble = TRUE;
      return NULL;
    }
  return g_steal_pointer (&manifest);
}

/* Prints the errors among @diagnostics; whether there were any. */
static gboolean
print_errors (GPtrArray *diagnostics)
{
  gboolean any = FALSE;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (np_diagnostic_get_severity (d) != NP_SEVERITY_ERROR)
        continue;
      line = np_diagnostic_format (d);
      g_printerr ("%s\n", line);
      any = TRUE;
    }
  return any;
}

static gboolean
parse_options (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  g_printerr ("netpol: %s\n", error->message);
  g_printerr (_("Run “%s --help” for the options.\n"), g_get_prgname ());
  return FALSE;
}

/* validate --------------------------------------------------------------- */

static JsonNode *
diagnostic_to_json (NpDiagnostic *d)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, np_severity_to_string (np_diagnostic_get_severity (d)));
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, np_diagnostic_get_code (d));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, np_diagnostic_get_message (d));
  if (np_diagnostic_get_path (d) != NULL)
    {
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, np_diagnostic_get_path (d));
    }
  if (np_diagnostic_get_line (d) > 0)
    {
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, np_diagnostic_get_line (d));
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, np_diagnostic_get_column (d));
    }
  if (np_diagnostic_get_document (d) >= 0)
    {
      json_builder_set_member_name (builder, "document");
      json_builder_add_int_value (builder, np_diagnostic_get_document (d));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
run_validate (int argc, char **argv)
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — check network policies"));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json;
  gboolean any_invalid = FALSE, any_trouble = FALSE;
  guint n_errors = 0, n_warnings = 0, n_policies = 0;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads each FILE (YAML with one or more documents, or JSON; “-” for standard input) and checks\n"
      "every NetworkPolicy in it the way the Kubernetes API server does, with strict field\n"
      "validation: a misspelt or unknown field is an error, because the server would drop it\n"
      "and, with it, the rule it holds. CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy\n"
      "objects are checked against the cilium.io/v2 schema and the rules the Cilium agent\n"
      "enforces; what only some Cilium versions accept is a warning that names them.\n"
      "Other objects (Deployments, Services…) are left alone.\n"
      "\n"
      "Each finding is printed as\n"
      "  FILE:LINE:COLUMN: error|warning: MESSAGE [FIELD PATH]"));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  every policy is valid (warnings may have been printed)\n"
      "  1  some file is not valid YAML or JSON, or some policy has errors\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol validate policy.yaml\n"
      "  kubectl get networkpolicy -A -o yaml | netpol validate -\n"
      "  netpol validate --strict --output json policies/*.yaml"));

  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (!parse_output (output, "text", &json))
    return EXIT_TROUBLE;
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol validate: name at least one FILE (or - for standard input)\n"));
      return EXIT_TROUBLE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GBytes) bytes = read_input (files[i], &name, &error);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_file_policies = 0;
      gboolean valid;

      if (bytes == NULL)
        {
          g_printerr ("netpol: %s\n", error->message);
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
          g_printerr ("netpol: %s\n", error->message);
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
            json_builder_add_value (builder, diagnostic_to_json (d));
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
      print_json (builder);
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
    return EXIT_TROUBLE;
  return any_invalid ? EXIT_INVALID : EXIT_OK;
}

/* fmt -------------------------------------------------------------------- */

static int
run_fmt (int argc, char **argv)
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — print manifests in canonical form"));
  int status = EXIT_OK;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Prints each FILE in canonical form: apiVersion, kind, metadata and spec first, policy\n"
      "fields in the order the Kubernetes documentation uses, 2-space block YAML, and a string\n"
      "quoted exactly when it would otherwise read back as a number, a boolean or null. Nothing\n"
      "is added or dropped: fields the editor does not know are kept. Comments are not kept.\n"
      "Cilium policies only have their top-level keys put in order (apiVersion, kind, metadata,\n"
      "spec, specs); everything below stays as written.\n"
      "JSON input gives JSON output unless --output says otherwise."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  done\n"
      "  1  some file is not valid YAML or JSON (it is left as it was)\n"
      "  2  a file could not be read or written, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol fmt policy.yaml\n"
      "  netpol fmt -w policies/*.yaml\n"
      "  kubectl get networkpolicy web -o json | netpol fmt -o yaml -"));

  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (output != NULL && !g_str_equal (output, "yaml") && !g_str_equal (output, "json"))
    {
      g_printerr (_("netpol: unknown output format “%s”: use yaml or json\n"), output);
      return EXIT_TROUBLE;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol fmt: name at least one FILE (or - for standard input)\n"));
      return EXIT_TROUBLE;
    }
  if (write && g_strv_contains ((const char * const *) files, "-"))
    {
      g_printerr ("%s", _("netpol fmt: --write cannot rewrite standard input\n"));
      return EXIT_TROUBLE;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GBytes) bytes = read_input (files[i], &name, &error);
      g_autoptr(GBytes) formatted = NULL;
      NpFormat format;

      if (bytes == NULL)
        {
          g_printerr ("netpol: %s\n", error->message);
          status = EXIT_TROUBLE;
          continue;
        }

      format = np_manifest_detect_format (bytes);
      if (output != NULL)
        format = g_str_equal (output, "json") ? NP_FORMAT_JSON : NP_FORMAT_YAML;
      /* A document at a time: a large file is never held as a whole tree. */
      formatted = np_manifest_format_bytes (bytes, name, format, &error);
      if (formatted == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = MAX (status, g_error_matches (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE)
                                ? EXIT_INVALID : EXIT_TROUBLE);
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
              g_printerr ("netpol: %s: %s\n", name, error->message);
              status = EXIT_TROUBLE;
            }
        }
    }

  fflush (stdout);
  return status;
}

/* convert ---------------------------------------------------------------- */

typedef enum {
  TARGET_KUBERNETES,
  TARGET_CILIUM,
  TARGET_CILIUM_CLUSTERWIDE,
} Target;

/* Converts the policies of @document, appending the results (or the
 * document itself, when nothing is to be converted) to @out and the
 * losses to @losses. */
static void
convert_document (NpDocument *document,
                  Target      target,
                  GPtrArray  *out,
                  GPtrArray  *losses)
{
  GListModel *policies = np_document_get_policies (document);
  NpDocumentKind kind = np_document_get_kind (document);

  if (kind == NP_DOCUMENT_EMPTY)
    return;
  if (kind == NP_DOCUMENT_OTHER || g_list_model_get_n_items (policies) == 0)
    {
      NpNode *node = np_document_to_node (document, NP_CODEC_DEFAULT);

      if (node != NULL)
        g_ptr_array_add (out, node);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (policies, i);

      if (NP_IS_POLICY (item) && target == TARGET_KUBERNETES)
        g_ptr_array_add (out, np_policy_to_node (NP_POLICY (item), NP_CODEC_CANONICAL));
      else if (NP_IS_POLICY (item))
        {
          g_autoptr(NpCiliumPolicy) cilium =
            np_convert_to_cilium (NP_POLICY (item), target == TARGET_CILIUM_CLUSTERWIDE, losses);

          g_ptr_array_add (out, np_cilium_policy_to_node (cilium, TRUE));
        }
      else if (target == TARGET_KUBERNETES)
        {
          g_autoptr(NpPolicy) policy = np_convert_to_kubernetes (NP_CILIUM_POLICY (item), losses);

          g_ptr_array_add (out, np_policy_to_node (policy, NP_CODEC_CANONICAL));
        }
      else
        /* Already a Cilium policy: it stays as it is. */
        g_ptr_array_add (out, np_cilium_policy_to_node (NP_CILIUM_POLICY (item), TRUE));
    }
}

static int
run_convert (int argc, char **argv)
{
  gboolean allow_lossy = FALSE;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      N_("What to convert to: kubernetes, cilium or cilium-clusterwide (required)"), N_("KIND") },
    { "allow-lossy", 0, 0, G_OPTION_ARG_NONE, &allow_lossy,
      N_("Write the result even when some of a policy cannot be said in the target kind; the parts "
         "left out are listed as warnings"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: yaml (default) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — convert network policies"));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  g_autoptr(GPtrArray) all_losses = g_ptr_array_new_with_free_func (g_object_unref);
  Target target;
  gboolean json;
  gboolean invalid = FALSE, trouble = FALSE;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads each FILE (YAML or JSON; “-” for standard input) and prints every policy in it\n"
      "converted to the kind that --to names; other objects are printed as they are.\n"
      "\n"
      "To Cilium, the meaning is kept exactly: the namespace Cilium adds to a namespaced\n"
      "policy is accounted for, namespaceSelector becomes io.cilium.k8s.namespace.labels\n"
      "selectors ({} becomes “any namespace”), ipBlock becomes toCIDRSet/fromCIDRSet,\n"
      "an isolated direction without rules becomes “ingress: [{}]” (default deny), an\n"
      "allow-all rule becomes the entity “all”, and every port gets its protocol written out.\n"
      "\n"
      "To Kubernetes, what a NetworkPolicy cannot say (deny rules, L7 rules, DNS names,\n"
      "entities other than world and all, nodes, services, ICMP, cluster scope…) is left out\n"
      "and listed as FILE:LINE:COLUMN: warning: MESSAGE [FIELD PATH]. Where leaving a part out\n"
      "would allow more than the original, the whole rule is left out instead. Nothing is\n"
      "written unless --allow-lossy is given."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  converted (with --allow-lossy, possibly with parts left out)\n"
      "  1  some policy could not be converted without loss and --allow-lossy was not given,\n"
      "     or some file is not valid YAML or JSON, or some policy has errors\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol convert --to cilium policy.yaml > cilium-policy.yaml\n"
      "  netpol convert --to cilium-clusterwide -o json policy.yaml\n"
      "  kubectl get cnp -n web -o yaml | netpol convert --to kubernetes --allow-lossy -"));

  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (to == NULL)
    {
      g_printerr ("%s", _("netpol convert: say what to convert to with --to kubernetes, cilium or cilium-clusterwide\n"));
      return EXIT_TROUBLE;
    }
  if (g_str_equal (to, "kubernetes") || g_str_equal (to, "k8s"))
    target = TARGET_KUBERNETES;
  else if (g_str_equal (to, "cilium"))
    target = TARGET_CILIUM;
  else if (g_str_equal (to, "cilium-clusterwide"))
    target = TARGET_CILIUM_CLUSTERWIDE;
  else
    {
      g_printerr (_("netpol convert: unknown kind “%s”: use kubernetes, cilium or cilium-clusterwide\n"), to);
      return EXIT_TROUBLE;
    }
  if (!parse_output (output, "yaml", &json))
    return EXIT_TROUBLE;
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol convert: name at least one FILE (or - for standard input)\n"));
      return EXIT_TROUBLE;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(NpManifest) manifest = load_manifest (files[i], &name, &invalid, &trouble);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      GListModel *documents;

      if (manifest == NULL)
        continue;

      /* Only valid policies are converted: a broken one has no meaning to keep. */
      np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
      if (print_errors (diagnostics))
        {
          invalid = TRUE;
          continue;
        }

      documents = np_manifest_get_documents (manifest);
      for (guint j = 0; j < g_list_model_get_n_items (documents); j++)
        {
          g_autoptr(NpDocument) document = g_list_model_get_item (documents, j);
          g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);

          convert_document (document, target, nodes, losses);
          for (guint k = 0; k < losses->len; k++)
            {
              NpDiagnostic *d = g_ptr_array_index (losses, k);

              np_diagnostic_set_file (d, name);
              np_diagnostic_set_document (d, j);
              g_ptr_array_add (all_losses, g_object_ref (d));
            }
        }
    }

  for (guint i = 0; i < all_losses->len; i++)
    {
      g_autofree char *line = np_diagnostic_format (g_ptr_array_index (all_losses, i));

      g_printerr ("%s\n", line);
    }
  if (trouble)
    return EXIT_TROUBLE;
  if (invalid)
    return EXIT_INVALID;
  if (all_losses->len > 0 && !allow_lossy)
    {
      g_printerr (ngettext ("netpol convert: %u part cannot be converted (listed above); nothing was written. "
                            "Run again with --allow-lossy to convert the rest.\n",
                            "netpol convert: %u parts cannot be converted (listed above); nothing was written. "
                            "Run again with --allow-lossy to convert the rest.\n", all_losses->len),
                  all_losses->len);
      return EXIT_INVALID;
    }

  if (json)
    {
      g_autoptr(NpNode) root = NULL;
      g_autofree char *text = NULL;

      if (nodes->len == 1)
        root = np_node_ref (g_ptr_array_index (nodes, 0));
      else
        {
          NpNode *items = np_node_new_sequence ();

          root = np_node_new_mapping ();
          np_node_set (root, "apiVersion", np_node_new_string ("v1"));
          np_node_set (root, "kind", np_node_new_string ("List"));
          for (guint i = 0; i < nodes->len; i++)
            np_node_append (items, np_node_ref (g_ptr_array_index (nodes, i)));
          np_node_set (root, "items", items);
        }
      text = np_json_write (root, NULL);
      g_print ("%s", text);
    }
  else
    for (guint i = 0; i < nodes->len; i++)
      {
        g_autofree char *text = np_yaml_write (g_ptr_array_index (nodes, i), 0, NULL);

        if (i > 0)
          g_print ("---\n");
        g_print ("%s", text);
      }
  fflush (stdout);
  return EXIT_OK;
}

/* connectivity and explain ------------------------------------------------ */

static NpInventory *
load_inventory (char **paths, GError **error)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    if (!np_inventory_add_path (inventory, paths[i], error))
      return NULL;
  return g_steal_pointer (&inventory);
}

static void
print_notes (GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    g_printerr (_("netpol: note: %s\n"), (char *) notes->pdata[i]);
}

static int
run_connectivity (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *focus = NULL;
  gboolean ipblock_pods = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
      N_("Output format: txt (default), json, csv, md or dot"), N_("FORMAT") },
    { "focus-workload", 0, 0, G_OPTION_ARG_STRING, &focus,
      N_("Only the connections of this workload"), N_("NAMESPACE/NAME") },
    { "ipblock-matches-pods", 0, 0, G_OPTION_ARG_NONE, &ipblock_pods,
      N_("Let ipBlock rules match pod addresses (from the pods' status) too"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PATH… — list the connections the policies allow"));
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  NpConnlistFormat format = NP_CONNLIST_TEXT;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads every PATH (a manifest file, or a folder of .yaml, .yml and .json files): namespaces,\n"
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
      "appear in “netpol explain --to NAME”, not in this list."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  the list was printed\n"
      "  2  a file could not be read, or the command line is wrong"));
  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("netpol: name at least one file or folder to read.\n"));
      return EXIT_TROUBLE;
    }
  if (output != NULL && !np_connlist_format_parse (output, &format))
    {
      g_printerr (_("netpol: unknown output format “%s”; use txt, json, csv, md or dot.\n"), output);
      return EXIT_TROUBLE;
    }

  inventory = load_inventory (paths, &error);
  if (inventory == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
      return EXIT_TROUBLE;
    }
  evaluator = np_evaluator_new (inventory, ipblock_pods ? NP_EVAL_IPBLOCK_MATCHES_PODS : NP_EVAL_FLAGS_NONE);
  connections = np_connlist_compute (evaluator, focus, &error);
  if (connections == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
      return EXIT_TROUBLE;
    }
  print_notes (np_evaluator_get_notes (evaluator));
  text = np_connlist_format (connections, format);
  fputs (text, stdout);
  fflush (stdout);
  return EXIT_OK;
}

static JsonNode *
side_to_json (const NpSideDecision *side)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "applies");
  json_builder_add_boolean_value (builder, side->applies);
  json_builder_set_member_name (builder, "isolated");
  json_builder_add_boolean_value (builder, side->isolated);
  json_builder_set_member_name (builder, "allowed");
  json_builder_add_boolean_value (builder, side->allowed);
  json_builder_set_member_name (builder, "policies");
  json_builder_begin_array (builder);
  for (guint i = 0; side->policies != NULL && i < side->policies->len; i++)
    json_builder_add_string_value (builder, side->policies->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; side->rules != NULL && i < side->rules->len; i++)
    json_builder_add_string_value (builder, side->rules->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "denied-by");
  json_builder_begin_array (builder);
  for (guint i = 0; side->denials != NULL && i < side->denials->len; i++)
    json_builder_add_string_value (builder, side->denials->pdata[i]);
  json_builder_end_array (builder);
  if (side->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, side->note);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_side (const char *title, const NpSideDecision *side)
{
  g_print ("%s: %s\n", title, side->allowed ? _("allowed") : _("denied"));
  if (side->note != NULL)
    g_print ("  %s\n", side->note);
  if (side->isolated && side->policies != NULL)
    {
      g_print ("  %s\n", _("Isolated by:"));
      for (guint i = 0; i < side->policies->len; i++)
        g_print ("    %s\n", (char *) side->policies->pdata[i]);
    }
  if (side->rules != NULL && side->rules->len > 0)
    {
      g_print ("  %s\n", _("Allowed by:"));
      for (guint i = 0; i < side->rules->len; i++)
        g_print ("    %s\n", (char *) side->rules->pdata[i]);
    }
  if (side->denials != NULL && side->denials->len > 0)
    {
      g_print ("  %s\n", _("Denied by:"));
      for (guint i = 0; i < side->denials->len; i++)
        g_print ("    %s\n", (char *) side->denials->pdata[i]);
    }
}

static int
run_explain (int argc, char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *output = NULL;
  gboolean ipblock_pods = FALSE;
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
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("--from SRC --to DST PATH… — explain one connection"));
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  NpProtocol protocol = NP_PROTOCOL_TCP;
  guint port = 80;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads every PATH (a manifest file or a folder) and says whether the NetworkPolicies and\n"
      "Cilium policies allow one connection: the source's egress, the destination's ingress, the\n"
      "policies that isolate each side, the rules (FILE:LINE) that allow it and the Cilium deny\n"
      "rules that refuse it."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  the connection is allowed\n"
      "  1  the connection is denied\n"
      "  2  a file could not be read, or the command line is wrong"));
  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (from == NULL || to == NULL || paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("netpol: give --from, --to and at least one file or folder to read.\n"));
      return EXIT_TROUBLE;
    }
  if (output != NULL && !g_str_equal (output, "text") && !g_str_equal (output, "json"))
    {
      g_printerr (_("netpol: unknown output format “%s”; use text or json.\n"), output);
      return EXIT_TROUBLE;
    }
  if (port_text != NULL)
    {
      if (!np_traffic_parse_port (port_text, &port, &protocol))
        {
          g_printerr (_("netpol: “%s” is no port; write it as 443 or 53/UDP (TCP, UDP or SCTP).\n"), port_text);
          return EXIT_TROUBLE;
        }
    }

  inventory = load_inventory (paths, &error);
  if (inventory != NULL)
    {
      evaluator = np_evaluator_new (inventory, ipblock_pods ? NP_EVAL_IPBLOCK_MATCHES_PODS : NP_EVAL_FLAGS_NONE);
      /* The same path as the editor's Test Traffic page. */
      verdict = np_traffic_decide (evaluator, from, to, protocol, (guint) port, &error);
    }
  if (verdict == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
      return EXIT_TROUBLE;
    }

  if (output != NULL && g_str_equal (output, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, to);
      json_builder_set_member_name (builder, "port");
      json_builder_add_int_value (builder, port);
      json_builder_set_member_name (builder, "protocol");
      json_builder_add_string_value (builder, np_protocol_to_string (protocol));
      json_builder_set_member_name (builder, "allowed");
      json_builder_add_boolean_value (builder, verdict->allowed);
      json_builder_set_member_name (builder, "egress");
      json_builder_add_value (builder, side_to_json (&verdict->egress));
      json_builder_set_member_name (builder, "ingress");
      json_builder_add_value (builder, side_to_json (&verdict->ingress));
      json_builder_set_member_name (builder, "notes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < verdict->notes->len; i++)
        json_builder_add_string_value (builder, verdict->notes->pdata[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      g_print (_("%s → %s, %s %u: %s\n"), from, to, np_protocol_to_string (protocol), (guint) port,
               verdict->allowed ? _("allowed") : _("denied"));
      print_side (_("Egress of the source"), &verdict->egress);
      print_side (_("Ingress of the destination"), &verdict->ingress);
      for (guint i = 0; i < verdict->notes->len; i++)
        g_print (_("Note: %s\n"), (char *) verdict->notes->pdata[i]);
    }
  return verdict->allowed ? EXIT_OK : EXIT_INVALID;
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

/* The connectivity list of the files of one side, or NULL after saying why. */
static GPtrArray *
side_connections (const char *arg, NpEvalFlags flags)
{
  g_auto(GStrv) paths = split_side (arg);
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *connections;

  if (paths[0] == NULL)
    {
      g_printerr (_("netpol: “%s” names no file or folder.\n"), arg);
      return NULL;
    }
  inventory = load_inventory (paths, &error);
  if (inventory == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
      return NULL;
    }
  evaluator = np_evaluator_new (inventory, flags);
  connections = np_connlist_compute (evaluator, NULL, &error);
  if (connections == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
      return NULL;
    }
  print_notes (np_evaluator_get_notes (evaluator));
  return connections;
}

static int
run_diff (int argc, char **argv)
{
  g_autofree char *output = NULL;
  gboolean ipblock_pods = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "ipblock-matches-pods", 0, 0, G_OPTION_ARG_NONE, &ipblock_pods,
      N_("Let ipBlock rules match pod addresses (from the pods' status) too"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("OLD NEW") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("OLD NEW — compare what two sets of policies allow"));
  g_autoptr(GPtrArray) old_connections = NULL;
  g_autoptr(GPtrArray) new_connections = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autofree char *text = NULL;
  NpEvalFlags flags;
  gboolean json;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Computes the connectivity list (as “netpol connectivity” does) of OLD and of NEW and prints\n"
      "what changed, pair by pair, sorted:\n"
      "  + SRC => DST : CONNS          allowed only in NEW\n"
      "  - SRC => DST : CONNS          allowed only in OLD\n"
      "  ~ SRC => DST : OLD -> NEW     allowed in both, but not the same connections\n"
      "OLD and NEW are each a manifest file or a folder of .yaml, .yml and .json files; to give\n"
      "several, separate them with commas (“base.yaml,policies/”). A path that exists as written\n"
      "is never split. External ranges are compared as printed, so a range that OLD and NEW split\n"
      "at different boundaries shows as lost and gained."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  both allow exactly the same connections\n"
      "  1  the connections differ\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol diff old/ new/\n"
      "  netpol diff -o json cluster.yaml,policies-v1/ cluster.yaml,policies-v2/"));
  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (paths == NULL || g_strv_length (paths) != 2)
    {
      g_printerr ("%s", _("netpol diff: name exactly two sides, OLD and NEW.\n"));
      return EXIT_TROUBLE;
    }
  if (!parse_output (output, "text", &json))
    return EXIT_TROUBLE;
  flags = ipblock_pods ? NP_EVAL_IPBLOCK_MATCHES_PODS : NP_EVAL_FLAGS_NONE;

  old_connections = side_connections (paths[0], flags);
  if (old_connections == NULL)
    return EXIT_TROUBLE;
  new_connections = side_connections (paths[1], flags);
  if (new_connections == NULL)
    return EXIT_TROUBLE;

  diffs = np_conndiff_compute (old_connections, new_connections);
  text = np_conndiff_format (diffs, json);
  fputs (text, stdout);
  fflush (stdout);
  return diffs->len == 0 ? EXIT_OK : EXIT_INVALID;
}

/* lint ------------------------------------------------------------------- */

static int
run_lint (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PATH… — point out policy mistakes"));
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  guint n_warnings = 0, n_infos = 0;
  gboolean json;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads every PATH (a manifest file, or a folder of .yaml, .yml and .json files) and points\n"
      "out mistakes the API server accepts: rules ignored because policyTypes omits their\n"
      "direction, egress isolation that blocks DNS, a policy or a peer that matches no workload\n"
      "(when workloads are among the files), the same name twice in a namespace, a missing\n"
      "namespace, separate namespaceSelector and podSelector entries where one combined entry\n"
      "was probably meant, Cilium toFQDNs without a DNS rule; and, as notices, rules that allow\n"
      "or deny everything. Each finding says how to fix it, printed as\n"
      "  FILE:LINE:COLUMN: warning|info: MESSAGE [FIELD PATH]\n"
      "Run “netpol validate” for what the API server would reject."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  no warnings (notices may have been printed)\n"
      "  1  some warnings\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol lint policies/\n"
      "  netpol lint -o json cluster.yaml policies/"));
  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("netpol: name at least one file or folder to read.\n"));
      return EXIT_TROUBLE;
    }
  if (!parse_output (output, "text", &json))
    return EXIT_TROUBLE;

  inventory = load_inventory (paths, &error);
  if (inventory == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
      return EXIT_TROUBLE;
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

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "diagnostics");
      json_builder_begin_array (builder);
      for (guint i = 0; i < diagnostics->len; i++)
        {
          NpDiagnostic *d = g_ptr_array_index (diagnostics, i);
          JsonNode *node = diagnostic_to_json (d);

          if (np_diagnostic_get_file (d) != NULL)
            json_object_set_string_member (json_node_get_object (node), "file", np_diagnostic_get_file (d));
          json_builder_add_value (builder, node);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "warnings");
      json_builder_add_int_value (builder, n_warnings);
      json_builder_set_member_name (builder, "notices");
      json_builder_add_int_value (builder, n_infos);
      json_builder_end_object (builder);
      print_json (builder);
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
          g_autofree char *policies = g_strdup_printf (ngettext ("%u policy checked", "%u policies checked",
                                                                 np_inventory_get_n_policies (inventory)),
                                                       np_inventory_get_n_policies (inventory));
          g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
          g_autofree char *notices = g_strdup_printf (ngettext ("%u notice", "%u notices", n_infos), n_infos);

          /* Translators: "3 policies checked: 1 warning, 2 notices" */
          g_printerr (_("%s: %s, %s\n"), policies, warnings, notices);
        }
    }
  fflush (stdout);
  return n_warnings > 0 ? EXIT_INVALID : EXIT_OK;
}

/* from-flows and replay --------------------------------------------------- */

/* Reads a flow log; prints what was wrong with it. NULL when it cannot be read. */
static GListModel *
read_flows (const char *path, char **display_name, guint *n_records, gboolean *trouble)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = read_input (path, display_name, &error);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *flows;

  if (bytes == NULL)
    {
      g_printerr ("netpol: %s\n", error->message);
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

static int
run_from_flows (int argc, char **argv)
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("FLOWS — write policies from Hubble flow logs"));
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GPtrArray) workloads = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = NULL;
  NpFlowPolicyKind kind = NP_FLOW_POLICY_KUBERNETES;
  NpFlowGenerateFlags flags;
  gboolean trouble = FALSE, invalid = FALSE;
  guint n_records = 0, n_written = 0;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
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
      "YAML stream. Lines that are not flows are reported (FILE:LINE:COLUMN) and skipped."));
  g_option_context_set_description (context,
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

  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr ("%s", _("netpol from-flows: name exactly one FLOWS file (or - for standard input)\n"));
      return EXIT_TROUBLE;
    }
  if (to == NULL || g_str_equal (to, "kubernetes") || g_str_equal (to, "k8s"))
    kind = NP_FLOW_POLICY_KUBERNETES;
  else if (g_str_equal (to, "cilium"))
    kind = NP_FLOW_POLICY_CILIUM;
  else
    {
      g_printerr (_("netpol from-flows: unknown kind “%s”: use kubernetes or cilium\n"), to);
      return EXIT_TROUBLE;
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
          return EXIT_TROUBLE;
        }
    }

  flows = read_flows (files[0], &name, &n_records, &trouble);
  if (flows == NULL)
    return EXIT_TROUBLE;

  if (workload == NULL)
    {
      g_ptr_array_unref (workloads);
      workloads = np_flow_list_workloads (flows, flags);
      if (workloads->len == 0)
        {
          g_autofree char *none = np_flow_describe_nothing_usable (name, n_records);

          g_printerr ("netpol from-flows: %s%s\n", none,
                      include_dropped ? "" : _(" Use --include-dropped to count dropped flows too."));
          return EXIT_INVALID;
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
    return EXIT_TROUBLE;
  return invalid || n_written == 0 ? EXIT_INVALID : EXIT_OK;
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

  print_json (builder);
  fflush (stdout);
}

static int
run_replay (int argc, char **argv)
{
  gboolean ipblock_pods = FALSE;
  gboolean json = FALSE;
  g_autofree char *output = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "ipblock-matches-pods", 0, 0, G_OPTION_ARG_NONE, &ipblock_pods,
      N_("Let ipBlock rules match pod addresses (from the pods' status) too"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("FLOWS POLICY…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FLOWS POLICY… — replay recorded flows against policies"));
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *name = NULL;
  gboolean trouble = FALSE;
  guint n_records = 0, n_allowed = 0, n_dropped = 0, n_skipped = 0, n_forwarded_dropped = 0;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads FLOWS (Hubble flow logs, as from-flows reads them) and every POLICY (a manifest file or a\n"
      "folder; NetworkPolicies and Cilium policies) and says, for each recorded flow that is not a\n"
      "reply, whether these policies would allow it or drop it: a summary, then every flow that would\n"
      "be dropped (source → destination port/protocol, the recorded verdict, how many records, and\n"
      "which side drops it: the egress of the source or the ingress of the destination).\n"
      "The pods are known by the namespace, name and labels the flows recorded. Flows without ports\n"
      "(ICMP) are not evaluated."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  every flow that went through (FORWARDED or REDIRECTED) would still be allowed\n"
      "  1  some flow that went through would be dropped by these policies\n"
      "  2  a file could not be read, or the command line is wrong"));
  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (!parse_output (output, "text", &json))
    return EXIT_TROUBLE;
  if (paths == NULL || paths[0] == NULL || paths[1] == NULL)
    {
      g_printerr ("%s", _("netpol replay: name a FLOWS file and at least one POLICY file or folder\n"));
      return EXIT_TROUBLE;
    }

  flows = read_flows (paths[0], &name, &n_records, &trouble);
  if (flows == NULL)
    return EXIT_TROUBLE;
  inventory = np_flow_inventory_new (flows);
  for (guint i = 1; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!np_inventory_add_path (inventory, paths[i], &error))
        {
          g_printerr ("netpol: %s\n", error->message);
          return EXIT_TROUBLE;
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

  if (json)
    {
      print_replay_json (name, results, n_allowed, n_dropped, n_skipped);
      if (trouble)
        return EXIT_TROUBLE;
      return n_forwarded_dropped > 0 ? EXIT_INVALID : EXIT_OK;
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
    return EXIT_TROUBLE;
  return n_forwarded_dropped > 0 ? EXIT_INVALID : EXIT_OK;
}

/* help ------------------------------------------------------------------- */

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

/* ---- netpol rate ---- */

static JsonNode *
rating_to_json (NpRating *rating, const char *kind, const char *name, guint line)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "name");
  if (name != NULL)
    json_builder_add_string_value (builder, name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, line);
  json_builder_set_member_name (builder, "score");
  json_builder_add_int_value (builder, np_rating_get_score (rating));
  json_builder_set_member_name (builder, "points");
  json_builder_add_int_value (builder, np_rating_get_points (rating));
  json_builder_set_member_name (builder, "max_points");
  json_builder_add_int_value (builder, np_rating_get_max_points (rating));
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < np_rating_get_n_reasons (rating); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, np_rating_get_reason_code (rating, i));
      json_builder_set_member_name (builder, "met");
      json_builder_add_boolean_value (builder, np_rating_get_reason_met (rating, i));
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, np_rating_get_reason_points (rating, i));
      json_builder_set_member_name (builder, "max_points");
      json_builder_add_int_value (builder, np_rating_get_reason_max_points (rating, i));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, np_rating_get_reason_text (rating, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

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

static int
run_rate (int argc, char **argv)
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — score network policies"));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json, invalid = FALSE, trouble = FALSE, low = FALSE;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Gives every NetworkPolicy, CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy in\n"
      "each FILE a score from 0 to 5 for how tightly it limits traffic, with the reasons:\n"
      "default deny for ingress (2 points) and egress (2), no rule open to everything on\n"
      "every port in either direction (2 each), DNS allowed and only to kube-dns (1), no rule\n"
      "for every namespace without ports (1), ports listed in every rule (1), a namespace\n"
      "written (1).\n"
      "Criteria that do not apply are left out; the score is 5 × points / possible points,\n"
      "rounded, halves up.\n"
      "\n"
      "Each policy is printed as\n"
      "  FILE:LINE: NAME SCORE/5\n"
      "followed by one line per criterion: + met or - not met, its points, why, [code]."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  every policy was rated (and scored at least --min-score)\n"
      "  1  some file is not valid YAML or JSON, some policy has errors, or a policy scored\n"
      "     lower than --min-score\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol rate policy.yaml\n"
      "  netpol rate --min-score 4 --output json policies/*.yaml"));

  if (!parse_options (context, &argc, &argv))
    return EXIT_TROUBLE;
  if (!parse_output (output, "text", &json))
    return EXIT_TROUBLE;
  if (min_score < 0 || min_score > 5)
    {
      g_printerr (_("netpol rate: --min-score must be between 0 and 5, not %d\n"), min_score);
      return EXIT_TROUBLE;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol rate: name at least one FILE (or - for standard input)\n"));
      return EXIT_TROUBLE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(NpManifest) manifest = load_manifest (files[i], &name, &invalid, &trouble);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GListModel) policies = NULL;

      if (manifest == NULL)
        continue;

      /* A policy with errors means something else to the API server (or is
       * refused): its score would mislead. */
      np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
      if (print_errors (diagnostics))
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
      policies = np_manifest_list_policies (manifest);
      for (guint j = 0; j < g_list_model_get_n_items (policies); j++)
        {
          g_autoptr(GObject) policy = g_list_model_get_item (policies, j);
          g_autoptr(NpRating) rating = np_rating_new (policy);
          NpDocument *document = np_manifest_find_document (manifest, policy);
          guint line = document != NULL ? np_document_get_line (document) : 0;
          const char *policy_name, *kind;

          if (NP_IS_POLICY (policy))
            {
              policy_name = np_policy_get_name (NP_POLICY (policy));
              kind = np_policy_get_kind (NP_POLICY (policy));
            }
          else
            {
              policy_name = np_cilium_policy_get_name (NP_CILIUM_POLICY (policy));
              kind = np_cilium_policy_get_kind (NP_CILIUM_POLICY (policy));
            }
          low |= np_rating_get_score (rating) < (guint) min_score;
          if (json)
            json_builder_add_value (builder, rating_to_json (rating, kind, policy_name, line));
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
      print_json (builder);
    }

  if (trouble)
    return EXIT_TROUBLE;
  return invalid || low ? EXIT_INVALID : EXIT_OK;
}

static int
run_help (int argc, char **argv)
{
  const Command *command;
  char *help_argv[3];
  g_autofree char *prgname = NULL;

  if (argc < 2)
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  command = find_command (argv[1]);
  if (command == NULL || command->run == run_help)
    {
      g_printerr (_("netpol: no command “%s”\n"), argv[1]);
      return EXIT_TROUBLE;
    }
  prgname = g_strdup_printf ("netpol %s", command->name);
  g_set_prgname (prgname);
  help_argv[0] = prgname;
  help_argv[1] = (char *) "--help";
  help_argv[2] = NULL;
  return command->run (2, help_argv);
}

int
main (int argc, char **argv)
{
  const Command *command;
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_TROUBLE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("netpol %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_printerr (_("netpol: unknown command “%s”\n\n"), argv[1]);
      print_usage (stderr);
      return EXIT_TROUBLE;
    }

  prgname = g_strdup_printf ("netpol %s", command->name);
  g_set_prgname (prgname);
  return command->run (argc - 1, argv + 1);
}
