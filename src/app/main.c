/* main.c: the entry point of the netpol-editor program
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-application.h"

int
main (int   argc,
      char *argv[])
{
  /* First thing: the start-up report measures from here. */
  gint64 main_start = g_get_monotonic_time ();
  g_autoptr(NpApplication) app = NULL;
  const char *localedir;

  /* Run uninstalled (the UI tests), the translations are in the build folder. */
  localedir = g_getenv ("NETPOL_EDITOR_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Network Policy Editor"));

  app = np_application_new ();
  np_application_set_start_time (app, main_start);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
