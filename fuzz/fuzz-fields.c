/* fuzz-fields.c: libFuzzer target: the editor's text fields (ports, selectors, CIDRs)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever a person types must give a value or an error, never a crash, and a
 * selector that parses must print back to text that parses to the same.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-policy-port.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) ports = NULL;
  g_autoptr(NpLabelSelector) selector = NULL;
  g_autoptr(GError) error = NULL;
  NpCidr cidr;
  NpCidrLaxIssues issues;

  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  ports = np_policy_port_parse_list (text, NP_PORT_SYNTAX_KUBERNETES, &error);
  if ((ports == NULL) == (error == NULL))
    abort ();
  g_clear_error (&error);

  selector = np_label_selector_new_from_string (text, &error);
  if ((selector == NULL) == (error == NULL))
    abort ();
  if (selector != NULL)
    {
      g_autofree char *printed = np_label_selector_to_string (selector);
      g_autoptr(NpLabelSelector) again = np_label_selector_new_from_string (printed, NULL);
      g_autofree char *printed_again = NULL;

      if (again == NULL)
        abort ();
      printed_again = np_label_selector_to_string (again);
      if (strcmp (printed, printed_again) != 0)
        abort ();
    }

  if (np_cidr_parse (text, &cidr, &issues, NULL))
    {
      g_autofree char *canonical = np_cidr_to_string (&cidr);
      NpCidr back;

      if (!np_cidr_parse (canonical, &back, &issues, NULL) || !np_cidr_contains (&cidr, &back) ||
          !np_cidr_contains (&back, &cidr))
        abort ();
    }
  return 0;
}
