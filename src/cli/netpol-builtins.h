/* netpol-builtins.h: the commands of `netpol`, one file each, and what they share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As flatpak's CLI: netpol.c holds main, the command table and the help;
 * netpol-COMMAND.c one command (or a few close ones); netpol-util.c reading
 * inputs, options and printing errors the same way for every command.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "np-inventory.h"
#include "np-manifest.h"

G_BEGIN_DECLS

/* Exit statuses: each command's --help says what it means by them. */
enum {
  NETPOL_EXIT_OK      = 0,
  NETPOL_EXIT_INVALID = 1,
  NETPOL_EXIT_TROUBLE = 2,
};

/* Each builtin is run with argv[0] the command name (g_get_prgname () is
 * "netpol COMMAND") and returns the exit status. */
int netpol_builtin_validate     (int argc, char **argv);
int netpol_builtin_fmt          (int argc, char **argv);
int netpol_builtin_convert      (int argc, char **argv);
int netpol_builtin_connectivity (int argc, char **argv);
int netpol_builtin_explain      (int argc, char **argv);
int netpol_builtin_diff         (int argc, char **argv);
int netpol_builtin_lint         (int argc, char **argv);
int netpol_builtin_rate         (int argc, char **argv);
int netpol_builtin_from_flows   (int argc, char **argv);
int netpol_builtin_replay       (int argc, char **argv);

/* netpol-util.c ------------------------------------------------------------ */

/* A command's option context: @entries (translated in GETTEXT_PACKAGE),
 * @parameter_string after the command name, @summary above the options and
 * @description (exit status, examples) below them; the last two are
 * already translated and may be NULL. (transfer full) */
GOptionContext *netpol_option_context_new   (const char          *parameter_string,
                                             const GOptionEntry  *entries,
                                             const char          *summary,
                                             const char          *description);
/* Parses the command line; on a mistake says what it was and how to get
 * help, and returns FALSE. */
gboolean        netpol_option_context_parse (GOptionContext      *context,
                                             int                 *argc,
                                             char              ***argv);

/* The --output choices of most commands, for netpol_parse_output(): the
 * plain format first (the default), then "json". */
extern const char * const netpol_text_or_json[];
extern const char * const netpol_yaml_or_json[];
enum {
  NETPOL_OUTPUT_PLAIN = 0,
  NETPOL_OUTPUT_JSON  = 1,
};

/* Checks --output: NULL (not given) is @formats[0]; otherwise it must be
 * one of @formats (NULL-terminated), whose index goes to @format. When it
 * is none of them, says which are allowed and returns FALSE. */
gboolean        netpol_parse_output         (const char          *output,
                                             const char * const  *formats,
                                             guint               *format);

/* "netpol: [SUBJECT: ]MESSAGE" on standard error; @subject may be NULL. */
void            netpol_print_error          (const char          *subject,
                                             const GError        *error);
/* Prints the errors among @diagnostics (element-type NpDiagnostic) on
 * standard error; whether there were any. */
gboolean        netpol_print_errors         (GPtrArray           *diagnostics);
/* Prints each of @notes (element-type utf8) on standard error as a note. */
void            netpol_print_notes          (GPtrArray           *notes);
/* Prints @root as indented JSON and a newline on standard output. */
void            netpol_print_json           (JsonNode            *root);

/* A file's text, read whole; "-" is standard input. @display_name is what
 * messages call it. (transfer full) */
GBytes         *netpol_read_input           (const char          *path,
                                             char               **display_name,
                                             GError             **error);
/* Reads and parses one FILE argument. On failure prints why and marks it:
 * text that is not YAML or JSON is @invalid, a file that cannot be read is
 * @trouble. (transfer full) (nullable) */
NpManifest     *netpol_load_manifest        (const char          *path,
                                             char               **display_name,
                                             gboolean            *invalid,
                                             gboolean            *trouble);
/* The workloads and policies of @paths (files or folders). (transfer full) */
NpInventory    *netpol_load_inventory       (char               **paths,
                                             GError             **error);

G_END_DECLS
