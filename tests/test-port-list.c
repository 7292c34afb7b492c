/* test-port-list.c: the editor's ports field, read and written for both
 * kinds of policy by np-policy-port alone
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "np-cilium-rule-entry.h"
#include "np-policy-port.h"

/* @text parsed with @syntax and written back (transfer full) */
static char *
round_trip (const char *text, NpPortSyntax syntax)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ports = np_policy_port_parse_list (text, syntax, &error);
  g_autoptr(GListStore) store = g_list_store_new (NP_TYPE_POLICY_PORT);

  g_assert_no_error (error);
  g_assert_nonnull (ports);
  for (guint i = 0; i < ports->len; i++)
    g_list_store_append (store, g_ptr_array_index (ports, i));
  return np_policy_port_format_list (G_LIST_MODEL (store), syntax);
}

/* @text through the Cilium face: NpCiliumPort and back (transfer full) */
static char *
cilium_round_trip (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ports = np_policy_port_parse_cilium (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ports);
  return np_policy_port_format_cilium (ports);
}

/* Where both kinds read the same, they read and write alike. */
static void
test_same (void)
{
  const char *texts[] = {
    "",
    "80",
    "80, 443/TCP, 53/UDP, 8000-9000, http, /SCTP",
    "8000-9000/UDP, dns-tcp/UDP",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *k8s = round_trip (texts[i], NP_PORT_SYNTAX_KUBERNETES);
      g_autofree char *cilium = round_trip (texts[i], NP_PORT_SYNTAX_CILIUM);
      g_autofree char *cilium_ports = cilium_round_trip (texts[i]);

      g_assert_cmpstr (k8s, ==, texts[i]);
      g_assert_cmpstr (cilium, ==, texts[i]);
      g_assert_cmpstr (cilium_ports, ==, texts[i]);
    }

  /* protocols are written upper case, spaces go */
  {
    g_autofree char *k8s = round_trip (" 443/tcp ,/udp", NP_PORT_SYNTAX_KUBERNETES);
    g_autofree char *cilium = cilium_round_trip (" 443/tcp ,/udp");

    g_assert_cmpstr (k8s, ==, "443/TCP, /UDP");
    g_assert_cmpstr (cilium, ==, "443/TCP, /UDP");
  }
}

/* The cases where the four copies (the Kubernetes rule editor's field,
 * the Cilium field, the Kubernetes and the Cilium parser) differed. */
static void
test_differences (void)
{
  g_autoptr(GError) error = NULL;

  /* Every port with no protocol written: Kubernetes means TCP, Cilium any
   * protocol (semantics §1, §2); each writes what it means, as before. */
  {
    g_autoptr(GListStore) store = g_list_store_new (NP_TYPE_POLICY_PORT);
    g_autoptr(NpPolicyPort) all = np_policy_port_new ();
    g_autofree char *k8s = NULL;
    g_autofree char *cilium = NULL;

    g_list_store_append (store, all);
    k8s = np_policy_port_format_list (G_LIST_MODEL (store), NP_PORT_SYNTAX_KUBERNETES);
    cilium = np_policy_port_format_list (G_LIST_MODEL (store), NP_PORT_SYNTAX_CILIUM);
    g_assert_cmpstr (k8s, ==, "/TCP");
    g_assert_cmpstr (cilium, ==, "/ANY");
  }
  {
    g_autoptr(GPtrArray) ports = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_port_free);
    NpCiliumPort *zero = g_new0 (NpCiliumPort, 1);
    NpCiliumPort *unset = g_new0 (NpCiliumPort, 1);
    g_autofree char *text = NULL;

    /* Cilium's port "0" (or none) is every port (semantics §2) */
    zero->port = g_strdup ("0");
    unset->protocol = g_strdup ("UDP");
    g_ptr_array_add (ports, zero);
    g_ptr_array_add (ports, unset);
    text = np_policy_port_format_cilium (ports);
    g_assert_cmpstr (text, ==, "/ANY, /UDP");
  }

  /* An empty protocol is none written. The Cilium copy wrote "80"; the
   * Kubernetes one wrote "80/", which its own field could not read back:
   * both now write "80". */
  {
    g_autoptr(GListStore) store = g_list_store_new (NP_TYPE_POLICY_PORT);
    g_autoptr(NpPolicyPort) port = np_policy_port_new_number ("", 80);
    g_autofree char *k8s = NULL;

    g_list_store_append (store, port);
    k8s = np_policy_port_format_list (G_LIST_MODEL (store), NP_PORT_SYNTAX_KUBERNETES);
    g_assert_cmpstr (k8s, ==, "80");
  }

  /* ANY is a protocol of Cilium only. */
  {
    g_autofree char *cilium = round_trip ("9/any", NP_PORT_SYNTAX_CILIUM);
    g_autoptr(GPtrArray) k8s = np_policy_port_parse_list ("9/any", NP_PORT_SYNTAX_KUBERNETES, &error);

    g_assert_cmpstr (cilium, ==, "9/ANY");
    g_assert_null (k8s);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "“any” is not a protocol: use TCP, UDP or SCTP (at character 3)");
    g_clear_error (&error);
  }

  /* Cilium takes at most NP_CILIUM_MAX_PORTS in one rule; Kubernetes has
   * no such bound. */
  {
    g_autoptr(GString) many = g_string_new ("1");
    g_autoptr(GPtrArray) k8s = NULL;

    for (guint i = 2; i <= NP_CILIUM_MAX_PORTS + 1; i++)
      g_string_append_printf (many, ", %u", i);
    k8s = np_policy_port_parse_list (many->str, NP_PORT_SYNTAX_KUBERNETES, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (k8s->len, ==, NP_CILIUM_MAX_PORTS + 1);
    g_assert_null (np_policy_port_parse_list (many->str, NP_PORT_SYNTAX_CILIUM, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "41 ports are too many: Cilium takes at most 40 in one rule");
    g_clear_error (&error);
    g_assert_null (np_policy_port_parse_cilium (many->str, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
}

/* A Cilium port is a string: written oddly in the YAML it stays as
 * written in the field, as the Cilium copy kept it. */
static void
test_cilium_as_written (void)
{
  g_autoptr(GPtrArray) ports = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_port_free);
  const char *written[][2] = {
    { "080", NULL },
    { "8000", "UDP" },
    { "http", "TCP" },
  };
  g_autofree char *text = NULL;
  NpCiliumPort *port;

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      port = g_new0 (NpCiliumPort, 1);
      port->port = g_strdup (written[i][0]);
      port->protocol = g_strdup (written[i][1]);
      g_ptr_array_add (ports, port);
    }
  ((NpCiliumPort *) g_ptr_array_index (ports, 0))->end_port = 90;
  ((NpCiliumPort *) g_ptr_array_index (ports, 1))->end_port = 9000;
  text = np_policy_port_format_cilium (ports);
  g_assert_cmpstr (text, ==, "080-90, 8000-9000/UDP, http/TCP");

  /* and what is typed becomes Cilium's strings */
  {
    g_autoptr(GPtrArray) parsed = np_policy_port_parse_cilium ("/udp, 8000-9000, http/tcp", NULL);

    g_assert_cmpuint (parsed->len, ==, 3);
    port = g_ptr_array_index (parsed, 0);
    g_assert_cmpstr (port->port, ==, "0");
    g_assert_cmpstr (port->protocol, ==, "UDP");
    port = g_ptr_array_index (parsed, 1);
    g_assert_cmpstr (port->port, ==, "8000");
    g_assert_cmpint (port->end_port, ==, 9000);
    g_assert_null (port->protocol);
    port = g_ptr_array_index (parsed, 2);
    g_assert_cmpstr (port->port, ==, "http");
    g_assert_cmpstr (port->protocol, ==, "TCP");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/port-list/same", test_same);
  g_test_add_func ("/port-list/differences", test_differences);
  g_test_add_func ("/port-list/cilium-as-written", test_cilium_as_written);
  return g_test_run ();
}
