/* np-traffic.c: test traffic: naming endpoints and finding egress the other side drops
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "np-cilium-policy.h"
#include "np-inventory.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-traffic.h"

gboolean
np_traffic_resolve_endpoint (NpInventory  *inventory,
                             const char   *text,
                             NpEndpoint   *endpoint,
                             GError      **error)
{
  const char *colon;
  int index;

  g_return_val_if_fail (NP_IS_INVENTORY (inventory), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  colon = strchr (text, ':');
  if (np_endpoint_init_address (endpoint, text) || np_endpoint_init_reserved (endpoint, text))
    return TRUE;
  index = np_inventory_find_workload (inventory, text);
  if (index >= 0)
    {
      np_endpoint_init_workload (endpoint, index);
      return TRUE;
    }
  if (colon != NULL && strchr (text, '/') == NULL)
    {
      g_autofree char *namespace_ = g_strndup (text, colon - text);
      g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string (colon + 1, error);
      int found = -1;

      if (selector == NULL)
        return FALSE;
      for (guint i = 0; i < np_inventory_get_n_workloads (inventory); i++)
        {
          const NpWorkload *w = np_inventory_get_workload (inventory, i);

          if (!g_str_equal (w->namespace_, namespace_) || !np_label_selector_matches (selector, w->labels))
            continue;
          if (found >= 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("“%s” matches more than one workload (%s and %s); be more precise."), text,
                           np_inventory_get_workload (inventory, found)->display, w->display);
              return FALSE;
            }
          found = i;
        }
      if (found >= 0)
        {
          np_endpoint_init_workload (endpoint, found);
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No workload in namespace “%s” has the labels “%s”."), namespace_, colon + 1);
      return FALSE;
    }
  /* A DNS name: an outside endpoint that only toFQDNs rules name. */
  if (np_endpoint_init_name (endpoint, text))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("“%s” is no IP address and names no workload; use NAMESPACE/NAME, NAMESPACE:LABEL=VALUE, "
                 "an address, a DNS name or a Cilium entity (host, remote-node, kube-apiserver, world …)."),
               text);
  return FALSE;
}

NpVerdict *
np_traffic_decide (NpEvaluator  *evaluator,
                   const char   *source,
                   const char   *destination,
                   NpProtocol    protocol,
                   guint         port,
                   GError      **error)
{
  NpInventory *inventory;
  NpEndpoint from, to;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (source != NULL && destination != NULL, NULL);

  /* A DNS name endpoint borrows its text: @source and @destination outlive
   * the call. */
  inventory = np_evaluator_get_inventory (evaluator);
  if (!np_traffic_resolve_endpoint (inventory, source, &from, error) ||
      !np_traffic_resolve_endpoint (inventory, destination, &to, error))
    return NULL;
  return np_evaluator_decide (evaluator, &from, &to, protocol, port);
}

/* Adds a pod for "ns:labels" when no workload matches it. */
static gboolean
add_typed_pod (NpInventory  *inventory,
               const char   *text,
               guint         number,
               GError      **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *namespace_ = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  g_autoptr(NpLabelSelector) selector = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) terms = NULL;
  gsize length = 0;

  NpEndpoint address;

  if (colon == NULL || strchr (text, '/') != NULL || colon == text ||
      np_endpoint_init_address (&address, text))
    return TRUE;
  namespace_ = g_strndup (text, colon - text);
  selector = np_label_selector_new_from_string (colon + 1, error);
  if (selector == NULL)
    return FALSE;
  for (guint i = 0; i < np_inventory_get_n_workloads (inventory); i++)
    {
      const NpWorkload *w = np_inventory_get_workload (inventory, i);

      if (g_str_equal (w->namespace_, namespace_) && np_label_selector_matches (selector, w->labels))
        return TRUE;
    }

  /* Only key=value terms describe a pod; "app in (a,b)" says what to match,
   * not what a pod has. */
  terms = g_strsplit (colon + 1, ",", -1);
  name = g_strdup_printf ("typed-%u", number);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_string_value (builder, "v1");
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "Pod");
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "namespace");
  json_builder_add_string_value (builder, namespace_);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (terms[i], "=", 2);

      g_strstrip (pair[0]);
      if (pair[1] == NULL || *pair[0] == '\0' || strchr (pair[0], '!') != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s”: no workload has these labels, and only KEY=VALUE terms can describe a new one."),
                       text);
          return FALSE;
        }
      json_builder_set_member_name (builder, pair[0]);
      json_builder_add_string_value (builder, g_strstrip (pair[1]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "spec");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (g_steal_pointer (&json), length);
  return np_inventory_add_bytes (inventory, bytes, _("typed in"), error);
}

NpInventory *
np_traffic_build_inventory (const char         *folder,
                            gpointer            edited,
                            const char * const *typed,
                            GError            **error)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();

  g_return_val_if_fail (edited == NULL || NP_IS_POLICY (edited) || NP_IS_CILIUM_POLICY (edited), NULL);

  if (folder != NULL && *folder != '\0' && !np_inventory_add_path (inventory, folder, error))
    return NULL;
  if (edited != NULL)
    np_inventory_put_policy (inventory, edited, _("the edited policy"));
  for (guint i = 0; typed != NULL && typed[i] != NULL; i++)
    if (!add_typed_pod (inventory, typed[i], i + 1, error))
      return NULL;
  return g_steal_pointer (&inventory);
}

/* Appends @where ("FILE:LINE: ns/name …") with @folder left out of FILE:
 * the page is narrow and shows the folder above. */
static void
append_where (GString    *text,
              const char *folder,
              const char *where)
{
  g_autofree char *prefix = NULL;

  if (folder != NULL)
    prefix = g_str_has_suffix (folder, G_DIR_SEPARATOR_S) ? g_strdup (folder)
                                                          : g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);
  if (prefix != NULL && g_str_has_prefix (where, prefix))
    where += strlen (prefix);
  g_string_append_printf (text, "    %s\n", where);
}

static void
append_list (GString    *text,
             const char *folder,
             const char *heading,
             GPtrArray  *lines)
{
  if (lines == NULL || lines->len == 0)
    return;
  g_string_append_printf (text, "  %s\n", heading);
  for (guint i = 0; i < lines->len; i++)
    append_where (text, folder, lines->pdata[i]);
}

static void
describe_side (GString              *text,
               const char           *folder,
               const char           *title,
               const NpSideDecision *side)
{
  g_string_append_printf (text, "%s: %s\n", title, side->allowed ? _("allowed") : _("denied"));
  if (side->note != NULL)
    g_string_append_printf (text, "  %s\n", side->note);
  /* Which tier decided, when a cluster-wide policy takes part. */
  if (side->tiers != NULL)
    g_string_append_printf (text, _("  Decided by: %s\n"), side->tiers);
  /* A side is isolated only by policies that select it, so the list is
   * never empty then. */
  if (side->isolated)
    append_list (text, folder, _("Isolated by:"), side->policies);
  append_list (text, folder, _("Allowed by:"), side->rules);
  append_list (text, folder, _("Denied by:"), side->denials);
}

char *
np_traffic_describe_verdict (const NpVerdict *verdict,
                             const char      *folder)
{
  GString *text;

  g_return_val_if_fail (verdict != NULL, NULL);

  text = g_string_new (NULL);
  describe_side (text, folder, _("Egress of the source"), &verdict->egress);
  describe_side (text, folder, _("Ingress of the destination"), &verdict->ingress);
  for (guint i = 0; verdict->notes != NULL && i < verdict->notes->len; i++)
    g_string_append_printf (text, _("Note: %s\n"), (char *) verdict->notes->pdata[i]);
  return g_string_free (text, FALSE);
}

gboolean
np_traffic_parse_port (const char *text,
                       guint      *port,
                       NpProtocol *protocol)
{
  g_auto(GStrv) parts = NULL;
  guint64 number;

  g_return_val_if_fail (port != NULL && protocol != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "/", 2);
  g_strstrip (parts[0]);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 65535, &number, NULL))
    return FALSE;
  *protocol = NP_PROTOCOL_TCP;
  if (parts[1] != NULL && !np_protocol_parse (g_strstrip (parts[1]), protocol))
    return FALSE;
  *port = (guint) number;
  return TRUE;
}

typedef struct {
  NpProtocol protocol;
  guint      port;
} Probe;

static void
add_probe (GArray *probes, const char *protocol_text, guint port)
{
  Probe probe = { NP_PROTOCOL_TCP, port };

  if (protocol_text != NULL && !np_protocol_parse (protocol_text, &probe.protocol))
    return;
  for (guint i = 0; i < probes->len; i++)
    {
      Probe *p = &g_array_index (probes, Probe, i);

      if (p->protocol == probe.protocol && p->port == probe.port)
        return;
    }
  g_array_append_val (probes, probe);
}

/* The ports worth trying for @rule towards @destination. */
static GArray *
probes_for (NpPolicyRule *rule, const NpWorkload *destination)
{
  GListModel *ports = np_policy_rule_get_ports (rule);
  GArray *probes = g_array_new (FALSE, FALSE, sizeof (Probe));

  for (guint i = 0; i < g_list_model_get_n_items (ports); i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);

      if (np_policy_port_get_port_kind (port) == NP_PORT_KIND_NUMBER)
        add_probe (probes, np_policy_port_get_effective_protocol (port),
                   (guint) np_policy_port_get_port_number (port));
    }
  if (probes->len == 0 && g_list_model_get_n_items (ports) == 0)
    for (guint i = 0; destination->ports != NULL && i < destination->ports->len; i++)
      {
        NpContainerPort *cp = g_ptr_array_index (destination->ports, i);

        add_probe (probes, cp->protocol, cp->port);
      }
  if (probes->len == 0 && g_list_model_get_n_items (ports) == 0)
    add_probe (probes, "TCP", 80);
  return probes;
}

static gboolean
selects (NpPolicy *policy, const NpWorkload *workload)
{
  const char *namespace_ = np_k8s_namespace_or_default (np_policy_get_namespace (policy));
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);

  /* No podSelector is the empty one: every pod of the namespace. */
  return g_str_equal (workload->namespace_, namespace_) &&
         (selector == NULL || np_label_selector_matches (selector, workload->labels));
}

/* Whether egress rule @index of @policy is among those that allow @side. */
static gboolean
allowed_by (const NpSideDecision *side, NpPolicy *policy, guint index)
{
  for (guint i = 0; side->rule_refs != NULL && i < side->rule_refs->len; i++)
    {
      const NpRuleRef *ref = side->rule_refs->pdata[i];

      if (ref->policy == G_OBJECT (policy) && ref->direction == NP_DIRECTION_EGRESS &&
          ref->rule == (int) index)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
np_traffic_unanswered_egress (NpEvaluator *evaluator,
                              NpPolicy    *policy)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  NpInventory *inventory;
  GListModel *egress;
  guint n;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), found);
  g_return_val_if_fail (NP_IS_POLICY (policy), found);

  inventory = np_evaluator_get_inventory (evaluator);
  egress = np_policy_get_egress (policy);
  n = np_inventory_get_n_workloads (inventory);
  for (guint r = 0; r < g_list_model_get_n_items (egress); r++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (egress, r);

      for (guint s = 0; s < n; s++)
        {
          const NpWorkload *source = np_inventory_get_workload (inventory, s);

          if (!selects (policy, source))
            continue;
          for (guint d = 0; d < n; d++)
            {
              const NpWorkload *destination = np_inventory_get_workload (inventory, d);
              g_autoptr(GArray) probes = NULL;
              NpEndpoint from, to;

              if (d == s)
                continue;
              np_endpoint_init_workload (&from, s);
              np_endpoint_init_workload (&to, d);
              probes = probes_for (rule, destination);
              for (guint p = 0; p < probes->len; p++)
                {
                  Probe *probe = &g_array_index (probes, Probe, p);
                  g_autoptr(NpVerdict) verdict = np_evaluator_decide (evaluator, &from, &to,
                                                                      probe->protocol, probe->port);

                  if (!verdict->egress.allowed || verdict->ingress.allowed ||
                      !allowed_by (&verdict->egress, policy, r))
                    continue;
                  g_ptr_array_add (found,
                                   g_strdup_printf (_("Egress rule %u: %s → %s %s %u: the other side does not allow this."),
                                                    r + 1, source->display, destination->display,
                                                    np_protocol_to_string (probe->protocol), probe->port));
                }
            }
        }
    }
  return found;
}
