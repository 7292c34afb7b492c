/* np-cilium-describe.c: Cilium rules and items in words, for the editor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-cilium-describe.h"
#include "np-cilium-edit.h"
#include "np-cilium-private.h"
#include "np-label-selector.h"

char *
np_cilium_describe_rule (NpCiliumRule *rule)
{
  g_autoptr(NpLabelSelector) selector = NULL;
  g_autofree char *text = NULL;
  gboolean host;

  g_return_val_if_fail (NP_IS_CILIUM_RULE (rule), NULL);

  host = np_cilium_rule_is_host_policy (rule);
  selector = host ? np_cilium_rule_get_node_selector (rule) : np_cilium_rule_get_endpoint_selector (rule);
  text = selector != NULL ? np_label_selector_to_string (selector) : NULL;
  if (text == NULL || *text == '\0')
    return g_strdup (host ? _("all nodes") : _("all pods"));
  if (host)
    /* Translators: %s is a label selector such as "role=worker" */
    return g_strdup_printf (_("nodes %s"), text);
  return g_steal_pointer (&text);
}

static void
append_selector_text (GString *out, NpLabelSelector *selector)
{
  g_autofree char *text = np_label_selector_to_string (selector);

  if (out->len > 0)
    g_string_append (out, ", ");
  if (text == NULL || *text == '\0')
    g_string_append (out, _("all pods"));
  else
    g_string_append (out, text);
}

char *
np_cilium_describe_peers (NpCiliumRuleEntry *entry)
{
  GString *out = g_string_new (NULL);
  guint kinds;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NULL);

  if (np_cilium_entry_is_kube_dns (entry))
    {
      g_string_free (out, TRUE);
      return g_strdup (_("Kubernetes DNS"));
    }

  kinds = np_cilium_rule_entry_get_peer_kinds (entry);
  if (kinds & (1u << NP_CILIUM_PEER_ENTITIES))
    {
      g_auto(GStrv) entities = np_cilium_rule_entry_get_entities (entry);

      for (guint i = 0; entities[i] != NULL; i++)
        g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", entities[i]);
    }
  if (kinds & (1u << NP_CILIUM_PEER_CIDR))
    {
      g_auto(GStrv) cidrs = np_cilium_rule_entry_get_cidrs (entry);

      for (guint i = 0; cidrs[i] != NULL; i++)
        g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", cidrs[i]);
    }
  if (kinds & (1u << NP_CILIUM_PEER_CIDR_SET))
    {
      g_autoptr(GPtrArray) rules = np_cilium_rule_entry_get_cidr_rules (entry);

      for (guint i = 0; i < rules->len; i++)
        {
          NpCiliumCidrRule *rule = g_ptr_array_index (rules, i);

          if (out->len > 0)
            g_string_append (out, ", ");
          if (rule->cidr != NULL)
            g_string_append (out, rule->cidr);
          else if (rule->group_ref != NULL)
            /* Translators: %s names a CiliumCIDRGroup. */
            g_string_append_printf (out, _("CIDR group %s"), rule->group_ref);
          else
            g_string_append (out, _("CIDR groups by label"));
          if (rule->except[0] != NULL)
            {
              g_autofree char *except = g_strjoinv (", ", rule->except);

              /* Translators: addresses left out of the range before it. */
              g_string_append_printf (out, _(" except %s"), except);
            }
        }
    }
  if (kinds & (1u << NP_CILIUM_PEER_FQDNS))
    {
      g_autoptr(GPtrArray) fqdns = np_cilium_rule_entry_get_fqdns (entry);

      for (guint i = 0; i < fqdns->len; i++)
        {
          NpCiliumFqdn *fqdn = g_ptr_array_index (fqdns, i);

          g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "",
                                  fqdn->match_name != NULL ? fqdn->match_name : fqdn->match_pattern);
        }
    }
  if (kinds & (1u << NP_CILIUM_PEER_ENDPOINTS))
    {
      g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_ENDPOINTS);

      for (guint i = 0; i < selectors->len; i++)
        append_selector_text (out, g_ptr_array_index (selectors, i));
    }
  if (kinds & (1u << NP_CILIUM_PEER_NODES))
    {
      g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (entry, NP_CILIUM_PEER_NODES);

      for (guint i = 0; i < selectors->len; i++)
        {
          g_autofree char *text = np_label_selector_to_string (g_ptr_array_index (selectors, i));

          /* Translators: %s is a label selector of nodes. */
          g_string_append_printf (out, _("%snodes %s"), out->len > 0 ? ", " : "", text ? text : "");
        }
    }
  if (kinds & (1u << NP_CILIUM_PEER_SERVICES))
    {
      g_autoptr(GPtrArray) services = np_cilium_rule_entry_get_services (entry);

      for (guint i = 0; i < services->len; i++)
        {
          NpCiliumService *service = g_ptr_array_index (services, i);

          /* Translators: %s is a Kubernetes Service name. */
          g_string_append_printf (out, _("%sservice %s"), out->len > 0 ? ", " : "",
                                  service->service_name ? service->service_name : "…");
        }
    }
  if (kinds & (1u << NP_CILIUM_PEER_GROUPS))
    g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", _("cloud provider groups"));
  if (out->len == 0)
    /* ports or ICMP types without a peer: any peer; nothing at all: nothing */
    g_string_append (out, !np_cilium_entry_is_placeholder (entry) ? _("any peer") : _("nothing (only switches on default deny)"));
  return g_string_free (out, FALSE);
}

char *
np_cilium_describe_ports (NpCiliumRuleEntry *entry)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NULL);

  for (guint r = 0; r < np_cilium_rule_entry_get_n_port_rules (entry); r++)
    {
      g_autoptr(GPtrArray) ports = np_cilium_rule_entry_get_ports (entry, r);
      NpCiliumL7Kind l7 = np_cilium_rule_entry_get_l7_kind (entry, r);

      for (guint i = 0; i < ports->len; i++)
        {
          NpCiliumPort *port = g_ptr_array_index (ports, i);
          const char *protocol = port->protocol != NULL && *port->protocol != '\0' ? port->protocol : "ANY";

          if (out->len > 0)
            g_string_append (out, ", ");
          if (port->port == NULL || g_str_equal (port->port, "0"))
            /* Translators: every port of a protocol, "TCP" */
            g_string_append_printf (out, _("all %s ports"), protocol);
          else if (port->end_port != 0)
            g_string_append_printf (out, "%s-%" G_GINT64_FORMAT "/%s", port->port, port->end_port, protocol);
          else
            g_string_append_printf (out, "%s/%s", port->port, protocol);
        }
      if (l7 == NP_CILIUM_L7_DNS)
        g_string_append (out, _(" (DNS proxy)"));
      else if (l7 == NP_CILIUM_L7_HTTP)
        g_string_append (out, _(" (HTTP rules)"));
      else if (l7 != NP_CILIUM_L7_NONE)
        g_string_append (out, _(" (L7 rules)"));
    }
  {
    g_autoptr(GPtrArray) icmps = np_cilium_rule_entry_get_icmp_fields (entry);

    for (guint i = 0; i < icmps->len; i++)
      {
        NpCiliumIcmpField *field = g_ptr_array_index (icmps, i);
        gboolean v6 = g_strcmp0 (field->family, "IPv6") == 0;

        if (out->len > 0)
          g_string_append (out, ", ");
        /* Translators: %s is an ICMP type, a number or a name (EchoRequest) */
        g_string_append_printf (out, v6 ? _("ICMPv6 type %s") : _("ICMP type %s"), field->type ? field->type : "?");
      }
  }
  if (out->len == 0)
    g_string_append (out, _("all ports"));
  return g_string_free (out, FALSE);
}

char *
np_cilium_describe_entry (NpCiliumRuleEntry *entry)
{
  NpCiliumSection section;
  g_autofree char *peers = NULL;
  g_autofree char *ports = NULL;
  gboolean ingress, deny;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NULL);

  section = np_cilium_rule_entry_get_section (entry);
  ingress = np_cilium_section_get_direction (section) == NP_DIRECTION_INGRESS;
  deny = np_cilium_section_is_deny (section);
  if (np_cilium_entry_is_placeholder (entry))
    return g_strdup (ingress ? _("This empty item matches no ingress traffic: it only switches on default deny.")
                             : _("This empty item matches no egress traffic: it only switches on default deny."));

  peers = np_cilium_describe_peers (entry);
  ports = np_cilium_describe_ports (entry);
  /* Translators: the first %s names peers ("host", "10.0.0.0/8", "app=web"),
   * the second ports ("80/TCP, 53/UDP" or "all ports"). */
  if (ingress)
    return g_strdup_printf (deny ? _("Ingress traffic from %s on %s will be denied")
                                 : _("Ingress traffic from %s on %s will be allowed"), peers, ports);
  return g_strdup_printf (deny ? _("Egress traffic to %s on %s will be denied")
                               : _("Egress traffic to %s on %s will be allowed"), peers, ports);
}

char *
np_cilium_describe_dns (NpCiliumRule *rule)
{
  GListModel *entries;
  GString *out = NULL;

  g_return_val_if_fail (rule == NULL || NP_IS_CILIUM_RULE (rule), NULL);

  if (rule == NULL)
    return NULL;
  entries = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *sentence = NULL;

      if (!np_cilium_entry_is_kube_dns (entry))
        continue;
      sentence = np_cilium_describe_entry (entry);
      if (out == NULL)
        out = g_string_new (sentence);
      else
        g_string_append_printf (out, "; %s", sentence);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}
