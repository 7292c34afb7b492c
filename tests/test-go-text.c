/* test-go-text.c: CSV, %q and JSON escaped as netpol-analyzer's Go code does
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-go-text.h"

typedef void (*AppendFunc) (GString *out, const char *text);

static void
check (AppendFunc append, const char *text, const char *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append (out, text);
  g_assert_cmpstr (out->str, ==, expected);
}

/* encoding/csv fieldNeedsQuotes */
static void
test_csv (void)
{
  check (np_go_append_csv_field, "", "");
  check (np_go_append_csv_field, "ns/a[Deployment]", "ns/a[Deployment]");
  check (np_go_append_csv_field, "TCP 80,UDP 53", "\"TCP 80,UDP 53\"");
  check (np_go_append_csv_field, "say \"hi\"", "\"say \"\"hi\"\"\"");
  check (np_go_append_csv_field, "a\rb", "\"a\rb\"");
  check (np_go_append_csv_field, " lead", "\" lead\"");
  check (np_go_append_csv_field, "\\.", "\"\\.\"");
}

/* strconv.Quote */
static void
test_quoted (void)
{
  check (np_go_append_quoted, "ns/a[Deployment]", "\"ns/a[Deployment]\"");
  check (np_go_append_quoted, "a\"b\\c", "\"a\\\"b\\\\c\"");
  check (np_go_append_quoted, "tab\there\n", "\"tab\\there\\n\"");
  check (np_go_append_quoted, "\x01", "\"\\x01\"");
}

/* encoding/json with HTML escaping */
static void
test_json (void)
{
  check (np_go_append_json_string, "0.0.0.0-255.255.255.255[External]", "\"0.0.0.0-255.255.255.255[External]\"");
  check (np_go_append_json_string, "<a & b>", "\"\\u003ca \\u0026 b\\u003e\"");
  check (np_go_append_json_string, "q\"\\", "\"q\\\"\\\\\"");
  check (np_go_append_json_string, "\x01\n", "\"\\u0001\\n\"");
  check (np_go_append_json_string, "grüße", "\"grüße\"");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/go-text/csv", test_csv);
  g_test_add_func ("/go-text/quoted", test_quoted);
  g_test_add_func ("/go-text/json", test_json);
  return g_test_run ();
}
