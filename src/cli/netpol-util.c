/* netpol-util.c: what every netpol command does the same way: options, inputs, errors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "netpol-builtins.h"
#include "np-diagnostic.h"
#include "np-json-out.h"

const char * const netpol_text_or_json[] = { "text", "json", NULL };
const char * const netpol_yaml_or_json[] = { "yaml", "json", NULL };

GOptionContext *
netpol_option_context_new (const char         *parameter_string,
                           const GOptionEntry *entries,
                           const char         *summary,
                           const char         *description)
{
  GOptionContext *context = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  return context;
}

gboolean
netpol_option_context_parse (GOptionContext   *context,
                             int              *argc,
                             char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  netpol_print_error (NULL, error);
  g_printerr (_("Run “%s --help” for the options.\n"), g_get_prgname ());
  return FALSE;
}

/* "a, b or c" */
static char *
join_choices (const char * const *choices)
{
  guint n = g_strv_length ((char **) choices);
  g_autofree char *head = NULL;

  if (n == 1)
    return g_strdup (choices[0]);
  head = g_strjoinv (", ", (char **) choices);
  /* Cut the last ", X" off the joined list, to put " or X" there. */
  head[strlen (head) - strlen (choices[n - 1]) - 2] = '\0';
  /* Translators: the end of a list of choices, as in "text, json or dot" */
  return g_strdup_printf (_("%s or %s"), head, choices[n - 1]);
}

gboolean
netpol_parse_output (const char         *output,
                     const char * const *formats,
                     guint              *format)
{
  g_autofree char *choices = NULL;

  g_return_val_if_fail (formats != NULL && formats[0] != NULL, FALSE);

  if (output == NULL)
    {
      *format = 0;
      return TRUE;
    }
  for (guint i = 0; formats[i] != NULL; i++)
    if (g_str_equal (output, formats[i]))
      {
        *format = i;
        return TRUE;
      }
  choices = join_choices (formats);
  /* Translators: the second %s is a list of formats, "text or json" */
  g_printerr (_("netpol: unknown output format “%s”: use %s\n"), output, choices);
  return FALSE;
}

void
netpol_print_error (const char   *subject,
                    const GError *error)
{
  if (subject != NULL)
    g_printerr ("netpol: %s: %s\n", subject, error->message);
  else
    g_printerr ("netpol: %s\n", error->message);
}

gboolean
netpol_print_errors (GPtrArray *diagnostics)
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

void
netpol_print_notes (GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    g_printerr (_("netpol: note: %s\n"), (char *) g_ptr_array_index (notes, i));
}

void
netpol_print_json (JsonNode *root)
{
  g_autofree char *text = np_json_out_to_text (root);

  g_print ("%s\n", text);
}

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];
  ssize_t n;

  while ((n = read (STDIN_FILENO, chunk, sizeof chunk)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("Cannot read standard input: %s"), g_strerror (errno));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
      if (buffer->len > NP_MANIFEST_MAX_SIZE)
        {
          g_set_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_TOO_LARGE,
                       _("Standard input is larger than %d MiB; refusing to read it."),
                       NP_MANIFEST_MAX_SIZE / (1024 * 1024));
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GBytes *
netpol_read_input (const char  *path,
                   char       **display_name,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  if (g_str_equal (path, "-"))
    {
      *display_name = g_strdup ("<stdin>");
      return read_stdin (error);
    }

  *display_name = g_strdup (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: is a folder; name the files in it"), path);
      return NULL;
    }
  file = g_file_new_for_commandline_arg (path);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
  return bytes;
}

NpManifest *
netpol_load_manifest (const char  *path,
                      char       **display_name,
                      gboolean    *invalid,
                      gboolean    *trouble)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = netpol_read_input (path, display_name, &error);
  g_autoptr(NpManifest) manifest = np_manifest_new ();

  if (bytes == NULL)
    {
      netpol_print_error (NULL, error);
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

NpInventory *
netpol_load_inventory (char    **paths,
                       GError  **error)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    if (!np_inventory_add_path (inventory, paths[i], error))
      return NULL;
  return g_steal_pointer (&inventory);
}
