/* np-lint.c: input of build-aux/check-marked-messages.py --self-test: a
 * file's own helper (the table names add() of src/core/np-lint.c). */
#include <glib/gi18n.h>

static void
fixture (Lint *lint, const NpInventoryPolicy *entry)
{
  add (lint, entry, NP_SEVERITY_WARNING, "deny-all spec.ingress", "This policy denies all."); /* expect: unmarked */
  add (lint, entry, NP_SEVERITY_WARNING, "deny-all spec.ingress", _("This policy denies all."));
}
