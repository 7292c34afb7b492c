/* np-flow-replay.c: whether policies would allow the flows that were recorded
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-evaluator.h"
#include "np-flow-private.h"
#include "np-flow-replay.h"
#include "np-inventory.h"
#include "np-node.h"
#include "np-yaml.h"

#define NS_LABEL_PREFIX "io.cilium.k8s.namespace.labels."

void
np_flow_replay_result_free (NpFlowReplayResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->flow);
  g_free (result->note);
  g_free (result);
}

/* The name a pod gets in the inventory: its own, or one made from its
 * identity when the record left the name out. */
static char *
pod_name_of (const NpFlowEndpoint *e)
{
  if (e->pod_name != NULL && *e->pod_name != '\0')
    return g_strdup (e->pod_name);
  if (e->identity != 0)
    return g_strdup_printf ("identity-%u", e->identity);
  {
    g_autofree char *joined = g_strjoinv (",", e->labels);

    return g_strdup_printf ("labels-%08x", g_str_hash (joined));
  }
}

static NpNode *
mapping_child (NpNode *parent, const char *key)
{
  NpNode *child = np_node_lookup (parent, key);

  if (child == NULL)
    {
      child = np_node_new_mapping ();
      np_node_set (parent, key, child);
    }
  return child;
}

static void
add_endpoint (const NpFlowEndpoint *e, NpNode *items, GHashTable *pods, GHashTable *namespaces)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  NpNode *pod, *labels, *ns, *ns_labels;

  if (e->kind != NP_FLOW_PEER_POD)
    return;
  name = pod_name_of (e);
  key = g_strdup_printf ("%s/%s", e->namespace_, name);

  ns = g_hash_table_lookup (namespaces, e->namespace_);
  if (ns == NULL)
    {
      ns = np_node_new_mapping ();
      np_node_set (ns, "apiVersion", np_node_new_string ("v1"));
      np_node_set (ns, "kind", np_node_new_string ("Namespace"));
      np_node_set (mapping_child (ns, "metadata"), "name", np_node_new_string (e->namespace_));
      np_node_append (items, ns);
      g_hash_table_insert (namespaces, g_strdup (e->namespace_), ns);
    }
  ns_labels = mapping_child (mapping_child (ns, "metadata"), "labels");

  pod = g_hash_table_lookup (pods, key);
  if (pod == NULL)
    {
      NpNode *metadata;

      pod = np_node_new_mapping ();
      np_node_set (pod, "apiVersion", np_node_new_string ("v1"));
      np_node_set (pod, "kind", np_node_new_string ("Pod"));
      metadata = mapping_child (pod, "metadata");
      np_node_set (metadata, "name", np_node_new_string (name));
      np_node_set (metadata, "namespace", np_node_new_string (e->namespace_));
      np_node_append (items, pod);
      g_hash_table_insert (pods, g_strdup (key), pod);
    }
  labels = mapping_child (mapping_child (pod, "metadata"), "labels");

  for (guint i = 0; e->labels[i] != NULL; i++)
    {
      const char *label = e->labels[i];
      const char *colon = strchr (label, ':');
      const char *equals;
      g_autofree char *label_key = NULL;

      if (g_str_has_prefix (label, "reserved:") || g_str_has_prefix (label, "cidr:") ||
          g_str_has_prefix (label, "fqdn:"))
        continue;
      if (colon != NULL && (strchr (label, '=') == NULL || colon < strchr (label, '=')))
        label = colon + 1;
      equals = strchr (label, '=');
      label_key = equals != NULL ? g_strndup (label, equals - label) : g_strdup (label);
      if (*label_key == '\0' || g_str_equal (label_key, "io.kubernetes.pod.namespace"))
        continue;
      if (g_str_has_prefix (label_key, NS_LABEL_PREFIX))
        {
          if (label_key[strlen (NS_LABEL_PREFIX)] != '\0')
            np_node_set (ns_labels, label_key + strlen (NS_LABEL_PREFIX),
                         np_node_new_string (equals != NULL ? equals + 1 : ""));
          continue;
        }
      np_node_set (labels, label_key, np_node_new_string (equals != NULL ? equals + 1 : ""));
    }
}

NpInventory *
np_flow_inventory_new (GListModel *flows)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpNode) list = NULL;
  g_autoptr(GHashTable) pods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  NpNode *items = np_node_new_sequence ();
  char *text;
  gsize length;

  g_return_val_if_fail (G_IS_LIST_MODEL (flows), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);

      add_endpoint (&flow->source, items, pods, namespaces);
      add_endpoint (&flow->destination, items, pods, namespaces);
    }
  list = np_node_new_list (items);
  text = np_yaml_write (list, 0, &length);
  bytes = g_bytes_new_take (text, length);
  /* The text is ours and well-formed, so reading it cannot fail. */
  if (!np_inventory_add_bytes (inventory, bytes, _("(pods seen in the flows)"), &error))
    g_critical ("Cannot read the inventory made from flows: %s", error->message);
  return g_steal_pointer (&inventory);
}

/* Sets @endpoint for @e; FALSE (and a note) when it cannot be evaluated. */
static gboolean
resolve (NpInventory *inventory, const NpFlowEndpoint *e, NpEndpoint *endpoint, char **note)
{
  switch (e->kind)
    {
    case NP_FLOW_PEER_POD:
      {
        g_autofree char *name = pod_name_of (e);
        g_autofree char *key = g_strdup_printf ("%s/%s", e->namespace_, name);
        int index = np_inventory_find_workload (inventory, key);

        if (index >= 0)
          {
            np_endpoint_init_workload (endpoint, index);
            return TRUE;
          }
        *note = g_strdup_printf (_("the pod %s is not known"), key);
        return FALSE;
      }
    case NP_FLOW_PEER_ENTITY:
      if (np_endpoint_init_reserved (endpoint, e->entity))
        return TRUE;
      *note = g_strdup_printf (_("the reserved identity “%s” cannot be evaluated"), e->entity);
      return FALSE;
    case NP_FLOW_PEER_WORLD:
    case NP_FLOW_PEER_UNKNOWN:
    default:
      if (e->ip != NULL && np_endpoint_init_address (endpoint, e->ip))
        return TRUE;
      if (e->names[0] != NULL && np_endpoint_init_name (endpoint, e->names[0]))
        return TRUE;
      if (e->kind == NP_FLOW_PEER_WORLD && np_endpoint_init_reserved (endpoint, "world"))
        return TRUE;
      *note = g_strdup (_("an end has no address"));
      return FALSE;
    }
}

GPtrArray *
np_flow_replay (GListModel  *flows,
                NpInventory *inventory,
                NpEvalFlags  flags)
{
  g_autoptr(NpEvaluator) evaluator = NULL;
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) np_flow_replay_result_free);

  g_return_val_if_fail (G_IS_LIST_MODEL (flows), results);
  g_return_val_if_fail (NP_IS_INVENTORY (inventory), results);

  evaluator = np_evaluator_new (inventory, flags);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);
      NpFlowReplayResult *result;
      NpEndpoint source, destination;
      NpProtocol protocol;
      g_autoptr(NpVerdict) verdict = NULL;
      char *note = NULL;

      if (flow->is_reply)
        continue;
      result = g_new0 (NpFlowReplayResult, 1);
      result->flow = g_object_ref (flow);
      g_ptr_array_add (results, result);

      if (!np_flow_protocol_has_ports (flow->protocol) || flow->port == 0 ||
          !np_protocol_parse (flow->protocol, &protocol))
        {
          result->outcome = NP_FLOW_REPLAY_SKIPPED;
          result->note = g_strdup (_("no port to evaluate (ICMP or no layer 4)"));
          continue;
        }
      if (!resolve (inventory, &flow->source, &source, &note) ||
          !resolve (inventory, &flow->destination, &destination, &note))
        {
          result->outcome = NP_FLOW_REPLAY_SKIPPED;
          result->note = note;
          continue;
        }
      verdict = np_evaluator_decide (evaluator, &source, &destination, protocol, flow->port);
      /* toFQDNs rules allow by name what the address alone does not show. */
      for (guint n = 0; !verdict->allowed && flow->destination.kind == NP_FLOW_PEER_WORLD &&
                        flow->destination.names[n] != NULL; n++)
        {
          NpEndpoint named;

          if (!np_endpoint_init_name (&named, flow->destination.names[n]))
            continue;
          np_verdict_free (verdict);
          verdict = np_evaluator_decide (evaluator, &source, &named, protocol, flow->port);
        }
      result->outcome = verdict->allowed ? NP_FLOW_REPLAY_ALLOWED : NP_FLOW_REPLAY_DROPPED;
      result->egress_denied = !verdict->egress.allowed;
      result->ingress_denied = !verdict->ingress.allowed;
    }
  return results;
}
