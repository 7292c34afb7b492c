/* np-cilium-validator-ports.c: the toPorts and icmps of a Cilium rule: ports, L7 rules, listeners, TLS, ICMP types
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-cilium-validator-private.h"
#include "np-diagnostic.h"
#include "np-k8s-names.h"
#include "np-model-private.h"

/* Sources: cilium/cilium pkg/policy/api (rule_validation.go, l4.go, icmp.go
 * and the types) and the CRD schemas of cilium.io/v2, as in
 * np-cilium-validator.c, which checks the rest of the policy. */

#define MAX_PORTS        40
#define MAX_ICMP_FIELDS  40

/* Ports ------------------------------------------------------------------------- */

/* pkg/iana: 1 to 15 letters, digits and '-', at least one letter, no
 * leading, trailing or double '-'. Cilium lower-cases it. */
static gboolean
is_service_name (const char *text)
{
  gsize len = strlen (text);
  gboolean letter = FALSE;

  if (len == 0 || len > 15 || text[0] == '-' || text[len - 1] == '-' || strstr (text, "--") != NULL)
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isalpha (*p))
        letter = TRUE;
      else if (!g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }
  return letter;
}

/* strconv.ParseUint (s, 0, 16) on what is not a service name: decimal, or
 * 0x / 0o / 0b / 0 (octal) prefixed. */
static gboolean
parse_port_number (const char *text, guint *out)
{
  guint base = 10;
  const char *p = text;
  guint64 value = 0;

  if (*p == '\0')
    return FALSE;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    base = 16, p += 2;
  else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O'))
    base = 8, p += 2;
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
    base = 2, p += 2;
  else if (p[0] == '0' && p[1] != '\0')
    base = 8, p += 1;
  if (*p == '\0')
    return FALSE;
  for (; *p; p++)
    {
      int digit = g_ascii_xdigit_value (*p);

      if (*p == '_')
        continue;
      if (digit < 0 || (guint) digit >= base)
        return FALSE;
      value = value * base + digit;
      if (value > 65535)
        return FALSE;
    }
  *out = value;
  return TRUE;
}

typedef struct {
  gboolean has_l7;          /* rules set (even with empty lists, as Go's IsEmpty) */
  gboolean dns;
  gboolean zero_port;
} PortSummary;

static void
check_port (Validator *v, const NpNode *item, const char *path, gboolean dns, PortSummary *summary)
{
  const char *port = np_cilium_get_text (item, "port");
  const char *protocol = np_cilium_get_text (item, "protocol");
  NpNode *end_node = np_node_lookup (item, "endPort");
  g_autofree char *port_path = join (path, "port");
  g_autofree char *protocol_path = join (path, "protocol");
  g_autofree char *end_path = join (path, "endPort");
  gboolean extended = protocol != NULL && g_strv_contains (np_cilium_extended_protocols, protocol);
  guint number = 0;
  gint64 end = 0;

  if (protocol != NULL && *protocol != '\0' && np_node_is_string (np_node_lookup (item, "protocol")) &&
      !g_strv_contains (np_cilium_protocols, protocol))
    {
      g_autofree char *upper = g_ascii_strup (protocol, -1);

      if (extended)
        report (v, NP_SEVERITY_WARNING, "version-dependent-protocol", protocol_path, at (item, "protocol"),
                /* Translators: %s is a protocol name such as “VRRP”. */
                _("%s is accepted by Cilium 1.19 and later only (and needs the agent option "
                "--enable-extended-ip-protocols); Cilium 1.18 and earlier reject the policy."), protocol);
      else if (g_strv_contains (np_cilium_protocols, upper) || g_strv_contains (np_cilium_extended_protocols, upper))
        report (v, NP_SEVERITY_ERROR, "invalid-protocol", protocol_path, at (item, "protocol"),
                _("“%s” is not a protocol: write it in capitals, “%s” (the CRD schema is case-sensitive)."),
                protocol, upper);
      else if (g_ascii_strcasecmp (protocol, "ICMP") == 0 || g_ascii_strcasecmp (protocol, "ICMPv6") == 0)
        report (v, NP_SEVERITY_ERROR, "invalid-protocol", protocol_path, at (item, "protocol"),
                _("%s has no ports: allow it with an “icmps” rule instead of toPorts."), protocol);
      else
        report (v, NP_SEVERITY_ERROR, "invalid-protocol", protocol_path, at (item, "protocol"),
                _("“%s” is not a protocol Cilium supports in toPorts: use TCP, UDP, SCTP or ANY."), protocol);
    }

  if (np_node_get_int (end_node, &end) && (end < 0 || end > 65535))
    report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, end_node,
            _("endPort %lld is out of range: use 0 to 65535."), (long long) end);

  if (port == NULL || *port == '\0')
    {
      if (!extended && np_node_lookup (item, "port") == NULL)
        report (v, NP_SEVERITY_ERROR, "required", port_path, item,
                _("A port entry needs a port: a number (\"0\" for every port) or a port name. "
                "Only VRRP and IGMP may leave it out, in Cilium 1.19 and later."));
      else if (!extended && np_node_lookup (item, "port") != NULL)
        report (v, NP_SEVERITY_ERROR, "required", port_path, at (item, "port"),
                _("The port is empty: write a number (\"0\" for every port) or a port name."));
    }
  else if (!np_node_is_string (np_node_lookup (item, "port")))
    ; /* reported by the schema walk */
  else if (is_service_name (port))
    {
      if (end != 0)
        report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, end_node,
                _("endPort cannot be used with a named port (“%s”): a range needs a numeric port."), port);
      if (extended)
        report (v, NP_SEVERITY_ERROR, "invalid-port", port_path, at (item, "port"),
                _("%s has no ports: leave the port out or write \"0\"."), protocol);
    }
  else if (!parse_port_number (port, &number))
    report (v, NP_SEVERITY_ERROR, "invalid-port", port_path, at (item, "port"),
            _("“%s” is neither a port number (0 to 65535) nor a port name (at most 15 letters, digits and '-', "
            "with at least one letter)."), port);
  else
    {
      if (number == 0)
        summary->zero_port = TRUE;
      if (extended && number != 0)
        report (v, NP_SEVERITY_ERROR, "invalid-port", port_path, at (item, "port"),
                _("%s has no ports: leave the port out or write \"0\"."), protocol);
      if (end != 0 && end < number)
        report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, end_node,
                _("endPort %lld must be greater than or equal to port %u."), (long long) end, number);
      if (dns && end > number)
        report (v, NP_SEVERITY_ERROR, "dns-port-range", end_path, end_node,
                _("DNS rules do not support port ranges: give port 53 alone."));
    }

  /* L7 rules: TCP only, except DNS (TCP, UDP or ANY). */
  if (summary->has_l7)
    {
      const char *effective = protocol != NULL && *protocol != '\0' ? protocol : "ANY";
      const NpNode *where = present (item, "protocol") ? at (item, "protocol") : item;
      g_autofree char *upper = g_ascii_strup (effective, -1);

      if (dns && !g_str_equal (upper, "TCP") && !g_str_equal (upper, "UDP") && !g_str_equal (upper, "ANY"))
        report (v, NP_SEVERITY_ERROR, "l7-protocol", protocol_path, where,
                _("DNS rules work on TCP, UDP or ANY only, not on %s."), effective);
      else if (!dns && !g_str_equal (upper, "TCP"))
        report (v, NP_SEVERITY_ERROR, "l7-protocol", protocol_path, where,
                /* Translators: the first %s is a protocol such as “UDP”; the second is the sentence “Move the L7 rules to a TCP port.” or “Add “protocol: TCP”.” */
                _("L7 rules can only apply to TCP (not %s): only DNS rules work on UDP. %s"),
                effective, present (item, "protocol") ? _("Move the L7 rules to a TCP port.")
                                                      : _("Add “protocol: TCP”."));
    }
}

static void
check_http (Validator *v, const NpNode *list, const char *path)
{
  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      g_autofree char *sub = item_path (path, i);
      static const char * const regex_fields[] = { "method", "path", "host", NULL };
      NpNode *matches = np_cilium_get_list (item, "headerMatches");

      for (guint k = 0; regex_fields[k] != NULL; k++)
        {
          const char *text = np_cilium_get_text (item, regex_fields[k]);
          g_autoptr(GRegex) regex = NULL;
          g_autoptr(GError) error = NULL;

          if (text == NULL || !np_node_is_string (np_node_lookup (item, regex_fields[k])))
            continue;
          regex = g_regex_new (text, 0, 0, &error);
          if (regex == NULL)
            {
              g_autofree char *field_path = join (sub, regex_fields[k]);

              report (v, NP_SEVERITY_ERROR, "invalid-regex", field_path, at (item, regex_fields[k]),
                      /* Translators: the second %s is an error message from the regular expression parser. */
                      _("“%s” is not a valid regular expression: %s."), text, error->message);
            }
        }

      for (guint j = 0; matches != NULL && j < np_node_get_n_items (matches); j++)
        {
          static const char * const mismatches[] = { "LOG", "ADD", "DELETE", "REPLACE", NULL };
          NpNode *match = np_node_get_item (matches, j);
          g_autofree char *match_path = np_path_join_index (sub, "headerMatches", j);
          const char *name = np_cilium_get_text (match, "name");
          const char *mismatch = np_cilium_get_text (match, "mismatch");

          if (name == NULL || *name == '\0')
            report (v, NP_SEVERITY_ERROR, "required", match_path, match, _("A header match needs a name."));
          if (mismatch != NULL && !g_strv_contains (mismatches, mismatch))
            {
              g_autofree char *mismatch_path = join (match_path, "mismatch");

              report (v, NP_SEVERITY_ERROR, "invalid-value", mismatch_path, at (match, "mismatch"),
                      _("“%s” is not a mismatch action: use LOG, ADD, DELETE or REPLACE."), mismatch);
            }
          if (present (match, "secret") && np_cilium_get_text (np_node_lookup (match, "secret"), "name") == NULL)
            {
              g_autofree char *secret_path = join (match_path, "secret.name");

              report (v, NP_SEVERITY_ERROR, "required", secret_path, at (match, "secret"),
                      _("A secret reference needs a name."));
            }
        }
    }
}

static void
check_kafka (Validator *v, const NpNode *rules, const char *path)
{
  NpNode *list = np_cilium_get_list (rules, "kafka");
  g_autofree char *list_path = join (path, "kafka");

  report (v, NP_SEVERITY_WARNING, "deprecated-kafka", list_path, key_at (rules, "kafka"),
          _("Kafka rules are deprecated since Cilium 1.19 and removed in Cilium 1.20 (the field is gone from the "
          "CRD); Cilium 1.19 and earlier still enforce them. Plan to allow the Kafka ports at L4 instead."));

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      g_autofree char *sub = item_path (list_path, i);
      const char *role = np_cilium_get_text (item, "role");

      if (role != NULL && !g_str_equal (role, "produce") && !g_str_equal (role, "consume"))
        {
          g_autofree char *role_path = join (sub, "role");

          report (v, NP_SEVERITY_ERROR, "invalid-value", role_path, at (item, "role"),
                  _("“%s” is not a Kafka role: use produce or consume."), role);
        }
      if (role != NULL && present (item, "apiKey"))
        {
          g_autofree char *key_path = join (sub, "apiKey");

          report (v, NP_SEVERITY_ERROR, "kafka-role-and-key", key_path, at (item, "apiKey"),
                  _("A Kafka rule takes a role or an apiKey, not both."));
        }
    }
}

static void
check_tls (Validator *v, const NpNode *port_rule, const char *key, const char *path)
{
  NpNode *tls = np_node_lookup (port_rule, key);
  g_autofree char *tls_path = join (path, key);
  NpNode *secret;

  if (np_cilium_is_absent (tls))
    return;
  secret = np_node_lookup (tls, "secret");
  if (np_cilium_is_absent (secret))
    report (v, NP_SEVERITY_ERROR, "required", tls_path, tls, _("A TLS context needs a secret."));
  else if (np_cilium_get_text (secret, "name") == NULL)
    {
      g_autofree char *name_path = join (tls_path, "secret.name");

      report (v, NP_SEVERITY_ERROR, "required", name_path, secret, _("A secret reference needs a name."));
    }
}

static void
check_listener (Validator *v, const NpNode *port_rule, const char *path, gboolean ingress, gboolean has_l7)
{
  NpNode *listener = np_node_lookup (port_rule, "listener");
  g_autofree char *listener_path = join (path, "listener");
  NpNode *config, *priority;
  const char *config_kind;
  gint64 value;

  if (np_cilium_is_absent (listener))
    return;
  if (ingress)
    report (v, NP_SEVERITY_ERROR, "listener-on-ingress", listener_path, key_at (port_rule, "listener"),
            _("A listener is not allowed on ingress: Cilium redirects egress traffic only."));
  if (has_l7)
    report (v, NP_SEVERITY_ERROR, "listener-with-l7", listener_path, key_at (port_rule, "listener"),
            _("A listener cannot be combined with L7 rules in the same port rule."));
  if (np_cilium_get_text (listener, "name") == NULL)
    report (v, NP_SEVERITY_ERROR, "required", listener_path, listener, _("A listener needs a name."));

  config = np_node_lookup (listener, "envoyConfig");
  if (np_cilium_is_absent (config))
    report (v, NP_SEVERITY_ERROR, "required", listener_path, listener,
            _("A listener needs an envoyConfig: the CiliumEnvoyConfig that defines it."));
  else
    {
      g_autofree char *config_path = join (listener_path, "envoyConfig");

      if (np_cilium_get_text (config, "name") == NULL)
        report (v, NP_SEVERITY_ERROR, "required", config_path, config, _("envoyConfig needs a name."));
      config_kind = np_cilium_get_text (config, "kind");
      if (config_kind != NULL && !g_str_equal (config_kind, "CiliumEnvoyConfig") &&
          !g_str_equal (config_kind, "CiliumClusterwideEnvoyConfig"))
        {
          g_autofree char *kind_path = join (config_path, "kind");

          report (v, NP_SEVERITY_ERROR, "invalid-value", kind_path, at (config, "kind"),
                  _("“%s” is not a kind of Envoy configuration: use CiliumEnvoyConfig or "
                  "CiliumClusterwideEnvoyConfig."), config_kind);
        }
      else if (v->clusterwide && g_strcmp0 (config_kind, "CiliumEnvoyConfig") == 0)
        {
          g_autofree char *kind_path = join (config_path, "kind");

          report (v, NP_SEVERITY_ERROR, "invalid-value", kind_path, at (config, "kind"),
                  _("A clusterwide policy cannot use a namespaced listener: refer to a "
                  "CiliumClusterwideEnvoyConfig."));
        }
    }

  priority = np_node_lookup (listener, "priority");
  if (np_node_get_int (priority, &value) && (value < 1 || value > 100))
    {
      g_autofree char *priority_path = join (listener_path, "priority");

      report (v, NP_SEVERITY_ERROR, "invalid-value", priority_path, priority,
              _("The listener priority %lld is out of range: use 1 to 100."), (long long) value);
    }
}

static void
check_server_names (Validator *v, const NpNode *port_rule, const char *path, gboolean has_l7)
{
  NpNode *list = np_cilium_get_list (port_rule, "serverNames");
  g_autofree char *list_path = join (path, "serverNames");

  if (list == NULL || np_node_get_n_items (list) == 0)
    return;
  if (has_l7 && !present (port_rule, "terminatingTLS"))
    report (v, NP_SEVERITY_ERROR, "sni-with-l7", list_path, key_at (port_rule, "serverNames"),
            _("serverNames cannot be combined with L7 rules unless the proxy terminates TLS (terminatingTLS)."));
  for (guint i = 0; i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      g_autofree char *sub = item_path (list_path, i);
      const char *name;

      if (!np_node_is_string (item))
        continue;
      name = np_node_get_text (item);
      if (*name == '\0')
        report (v, NP_SEVERITY_ERROR, "invalid-server-name", sub, item, _("An empty server name is not allowed."));
      else
        {
          const char *rest = g_str_has_prefix (name, "**.") ? name + 3 : g_str_has_prefix (name, "*.") ? name + 2 : name;

          if (strlen (name) > NP_CILIUM_MAX_DNS_NAME || !np_cilium_match_dns (rest, FALSE))
            report (v, NP_SEVERITY_ERROR, "invalid-server-name", sub, item,
                    _("“%s” is not a server name Cilium accepts: a DNS name, optionally starting with “*.” or “**.”."),
                    name);
        }
    }
}

void
np_cilium_validator_check_port_rules (Validator       *v,
                                      const NpNode    *entry,
                                      const char      *path,
                                      NpCiliumSection  section,
                                      gboolean         host)
{
  NpNode *list = np_cilium_get_list (entry, "toPorts");
  g_autofree char *list_path = join (path, "toPorts");
  gboolean ingress = np_cilium_section_get_direction (section) == NP_DIRECTION_INGRESS;
  gboolean deny = np_cilium_section_is_deny (section);

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *port_rule = np_node_get_item (list, i);
      g_autofree char *sub = item_path (list_path, i);
      NpNode *ports = np_cilium_get_list (port_rule, "ports");
      g_autofree char *ports_path = join (sub, "ports");
      NpNode *rules = deny ? NULL : np_node_lookup (port_rule, "rules");
      g_autofree char *rules_path = join (sub, "rules");
      PortSummary summary = { 0, };
      guint n_kinds = 0;

      if (rules != NULL && np_node_get_kind (rules) == NP_NODE_MAPPING)
        {
          static const char * const kinds[] = { "http", "kafka", "dns", "l7proto", NULL };

          for (guint k = 0; kinds[k] != NULL; k++)
            if (present (rules, kinds[k]))
              n_kinds++;
          summary.has_l7 = n_kinds > 0 || present (rules, "l7");
          summary.dns = present (rules, "dns");
        }

      if (ports != NULL && np_node_get_n_items (ports) > MAX_PORTS)
        report (v, NP_SEVERITY_ERROR, "too-many-ports", ports_path, key_at (port_rule, "ports"),
                /* Translators: %d is the limit (40), %u the number of ports given, always more than the limit. */
                _("A port rule takes at most %d ports, not %u: split them over several toPorts entries."),
                MAX_PORTS, np_node_get_n_items (ports));

      for (guint j = 0; ports != NULL && j < np_node_get_n_items (ports); j++)
        {
          NpNode *port = np_node_get_item (ports, j);
          g_autofree char *port_path = item_path (ports_path, j);

          if (np_node_get_kind (port) == NP_NODE_MAPPING)
            check_port (v, port, port_path, summary.dns, &summary);
          else
            report (v, NP_SEVERITY_ERROR, "required", port_path, port,
                    _("An empty port entry: it needs a port."));
        }

      if (!summary.has_l7)
        {
          if (!deny)
            {
              check_server_names (v, port_rule, sub, FALSE);
              check_listener (v, port_rule, sub, ingress, FALSE);
              check_tls (v, port_rule, "terminatingTLS", sub);
              check_tls (v, port_rule, "originatingTLS", sub);
            }
          continue;
        }

      /* L7 rules. */
      check_server_names (v, port_rule, sub, TRUE);
      check_listener (v, port_rule, sub, ingress, TRUE);
      check_tls (v, port_rule, "terminatingTLS", sub);
      check_tls (v, port_rule, "originatingTLS", sub);

      if (n_kinds > 1)
        report (v, NP_SEVERITY_ERROR, "multiple-l7-kinds", rules_path, rules,
                /* Translators: %u is the number of kinds given, 2 or more. */
                _("A port rule takes one kind of L7 rules (http, dns, kafka or l7proto), not %u."), n_kinds);
      if (present (rules, "l7proto"))
        {
          g_autofree char *proto_path = join (rules_path, "l7proto");

          report (v, NP_SEVERITY_WARNING, "deprecated-l7proto", proto_path, key_at (rules, "l7proto"),
                  _("Generic L7 rules (l7proto and l7) are removed in Cilium 1.20, with the proxylib parsers "
                  "behind them; Cilium 1.19 and earlier accept them."));
        }
      if (present (rules, "l7") && !present (rules, "l7proto"))
        {
          g_autofree char *l7_path = join (rules_path, "l7");

          report (v, NP_SEVERITY_ERROR, "l7-without-proto", l7_path, key_at (rules, "l7"),
                  _("“l7” rules need an “l7proto” naming the protocol parser."));
        }
      if (summary.zero_port)
        report (v, NP_SEVERITY_ERROR, "l7-port-zero", ports_path, key_at (port_rule, "ports"),
                _("L7 rules cannot be used when a port is 0: name the ports the proxy must parse."));
      if (host)
        {
          if (ingress || !summary.dns)
            report (v, NP_SEVERITY_ERROR, "l7-in-host-policy", rules_path, key_at (port_rule, "rules"),
                    /* Translators: %s is “ on ingress” or “ other than DNS”. */
                    _("A host policy (nodeSelector) cannot have L7 rules%s: the node's traffic does not go "
                    "through Cilium's proxy."), ingress ? _(" on ingress") : _(" other than DNS"));
          else
            report (v, NP_SEVERITY_WARNING, "version-dependent-l7", rules_path, key_at (port_rule, "rules"),
                    _("Recent Cilium versions accept DNS rules on the egress of a host policy; older ones "
                    "reject every L7 rule in a host policy."));
        }

      if (summary.dns)
        {
          v->has_dns_rules = TRUE;
          if (ingress)
            report (v, NP_SEVERITY_ERROR, "dns-on-ingress", rules_path, key_at (rules, "dns"),
                    _("DNS rules are not allowed on ingress: they filter the lookups a pod makes (egress)."));
          if (ports == NULL || np_node_get_n_items (ports) == 0)
            report (v, NP_SEVERITY_ERROR, "dns-port-required", rules_path, key_at (rules, "dns"),
                    _("DNS rules need their port: add “ports: [{port: \"53\", protocol: ANY}]”."));
          {
            NpNode *dns = np_cilium_get_list (rules, "dns");
            g_autofree char *dns_path = join (rules_path, "dns");

            for (guint j = 0; dns != NULL && j < np_node_get_n_items (dns); j++)
              {
                g_autofree char *dns_item = item_path (dns_path, j);

                np_cilium_validator_check_fqdn (v, np_node_get_item (dns, j), dns_item, TRUE);
              }
          }
        }
      if (present (rules, "http"))
        {
          g_autofree char *http_path = join (rules_path, "http");

          check_http (v, np_cilium_get_list (rules, "http"), http_path);
        }
      if (present (rules, "kafka"))
        check_kafka (v, rules, rules_path);
    }
}

/* ICMP type names (icmp.go), per family. */
static const char * const icmpv4_types[] = {
  "EchoReply", "DestinationUnreachable", "Redirect", "Echo", "EchoRequest", "RouterAdvertisement",
  "RouterSelection", "TimeExceeded", "ParameterProblem", "Timestamp", "TimestampReply", "Photuris",
  "ExtendedEchoRequest", "ExtendedEchoReply", NULL
};
static const char * const icmpv6_types[] = {
  "DestinationUnreachable", "PacketTooBig", "TimeExceeded", "ParameterProblem", "EchoRequest", "EchoReply",
  "MulticastListenerQuery", "MulticastListenerReport", "MulticastListenerDone", "RouterSolicitation",
  "RouterAdvertisement", "NeighborSolicitation", "NeighborAdvertisement", "RedirectMessage",
  "RouterRenumbering", "ICMPNodeInformationQuery", "ICMPNodeInformationResponse",
  "InverseNeighborDiscoverySolicitation", "InverseNeighborDiscoveryAdvertisement",
  "HomeAgentAddressDiscoveryRequest", "HomeAgentAddressDiscoveryReply", "MobilePrefixSolicitation",
  "MobilePrefixAdvertisement", "DuplicateAddressRequestCodeSuffix", "DuplicateAddressConfirmationCodeSuffix",
  "ExtendedEchoRequest", "ExtendedEchoReply", NULL
};

void
np_cilium_validator_check_icmps (Validator    *v,
                                 const NpNode *entry,
                                 const char   *path)
{
  NpNode *list = np_cilium_get_list (entry, "icmps");
  g_autofree char *list_path = join (path, "icmps");

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *rule = np_node_get_item (list, i);
      NpNode *fields = np_cilium_get_list (rule, "fields");
      g_autofree char *sub = item_path (list_path, i);
      g_autofree char *fields_path = join (sub, "fields");

      if (fields != NULL && np_node_get_n_items (fields) > MAX_ICMP_FIELDS)
        report (v, NP_SEVERITY_ERROR, "too-many-icmp-fields", fields_path, key_at (rule, "fields"),
                /* Translators: %d is the limit, %u the number of fields given, always more than the limit. */
                _("An ICMP rule takes at most %d fields, not %u."), MAX_ICMP_FIELDS, np_node_get_n_items (fields));

      for (guint j = 0; fields != NULL && j < np_node_get_n_items (fields); j++)
        {
          NpNode *field = np_node_get_item (fields, j);
          g_autofree char *field_path = item_path (fields_path, j);
          g_autofree char *type_path = join (field_path, "type");
          const char *family = np_cilium_get_text (field, "family");
          NpNode *type = np_node_lookup (field, "type");
          gboolean v6 = g_strcmp0 (family, "IPv6") == 0;
          gint64 number;

          if (family != NULL && !g_str_equal (family, "IPv4") && !v6)
            {
              g_autofree char *family_path = join (field_path, "family");

              report (v, NP_SEVERITY_ERROR, "invalid-icmp-family", family_path, at (field, "family"),
                      _("“%s” is not an ICMP family: use IPv4 or IPv6 (case-sensitive)."), family);
            }
          if (np_cilium_is_absent (type))
            report (v, NP_SEVERITY_ERROR, "required", type_path, field,
                    _("An ICMP field needs a type: a number from 0 to 255 or a name such as EchoRequest."));
          else if (np_node_get_int (type, &number))
            {
              if (number < 0 || number > 255)
                report (v, NP_SEVERITY_ERROR, "invalid-icmp-type", type_path, type,
                        _("The ICMP type %lld is out of range: use 0 to 255."), (long long) number);
            }
          else if (np_node_is_string (type))
            {
              const char *text = np_node_get_text (type);
              char *end = NULL;
              guint64 n = g_ascii_strtoull (text, &end, 10);

              if (*text != '\0' && end != NULL && *end == '\0' && g_ascii_isdigit (*text))
                {
                  if (n > 255)
                    report (v, NP_SEVERITY_ERROR, "invalid-icmp-type", type_path, type,
                            _("The ICMP type %s is out of range: use 0 to 255."), text);
                }
              else if (!g_strv_contains (v6 ? icmpv6_types : icmpv4_types, text))
                {
                  const char *suggestion = np_suggest_field (text, v6 ? icmpv6_types : icmpv4_types);

                  report (v, NP_SEVERITY_ERROR, "invalid-icmp-type", type_path, type,
                          /* Translators: the first %s is what was written, the second “IPv4” or “IPv6”; the last three %s are empty, or “ (did you mean “”, the suggested type and “”?)”. */
                          _("“%s” is not an %s ICMP type%s%s%s."), text, v6 ? "IPv6" : "IPv4",
                          suggestion ? _(" (did you mean “") : "", suggestion ? suggestion : "",
                          suggestion ? _("”?)") : "");
                }
            }
        }
    }
}
