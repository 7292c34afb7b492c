/* netpol.c: the command-line front of the policy core: main, the commands and the help
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command is a builtin in its own file (netpol-builtins.h).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "netpol-builtins.h"

typedef struct {
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static int run_help (int argc, char **argv);

static const Command commands[] = {
  { "validate", N_("Check policies as the API server would, and more"), netpol_builtin_validate },
  { "fmt", N_("Print or rewrite manifests in canonical YAML"), netpol_builtin_fmt },
  { "convert", N_("Convert between NetworkPolicy and Cilium policies, or cluster policy versions"),
    netpol_builtin_convert },
  { "connectivity", N_("List every connection the policies allow"), netpol_builtin_connectivity },
  { "explain", N_("Say whether one connection is allowed, and why"), netpol_builtin_explain },
  { "diff", N_("Show the connections gained, lost and changed between two sets of files"), netpol_builtin_diff },
  { "lint", N_("Point out policy mistakes the API server accepts"), netpol_builtin_lint },
  { "rate", N_("Score how tightly each policy limits traffic, from 0 to 5"), netpol_builtin_rate },
  { "from-flows", N_("Write policies that allow the traffic Hubble flow logs show"), netpol_builtin_from_flows },
  { "replay", N_("Say which recorded Hubble flows policies would allow or drop"), netpol_builtin_replay },
  { "help", N_("Show help for a command"), run_help },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage:\n  netpol COMMAND [OPTION…] FILE…\n\n"));
  fprintf (stream, "%s", _("Edit, check, format and convert Kubernetes network policies\n"
                           "(NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy) and the\n"
                           "cluster-wide AdminNetworkPolicy, BaselineAdminNetworkPolicy and\n"
                           "ClusterNetworkPolicy, which every command below handles too.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "%s", _("\nOptions:\n"
                           "  -h, --help     Show this help\n"
                           "  --version      Show the version\n\n"
                           "Run “netpol help COMMAND” or “netpol COMMAND --help” for a command's options.\n"
                           "A FILE of “-” reads standard input.\n"));
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
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
      return NETPOL_EXIT_OK;
    }
  command = find_command (argv[1]);
  if (command == NULL || command->run == run_help)
    {
      g_printerr (_("netpol: no command “%s”\n"), argv[1]);
      return NETPOL_EXIT_TROUBLE;
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
      return NETPOL_EXIT_TROUBLE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (stdout);
      return NETPOL_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("netpol %s\n", PACKAGE_VERSION);
      return NETPOL_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_printerr (_("netpol: unknown command “%s”\n\n"), argv[1]);
      print_usage (stderr);
      return NETPOL_EXIT_TROUBLE;
    }

  prgname = g_strdup_printf ("netpol %s", command->name);
  g_set_prgname (prgname);
  return command->run (argc - 1, argv + 1);
}
