/* fuzz-flows.c: libFuzzer target: write policies from any Hubble flow log and replay them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every input that reads as flows: every policy written from them passes
 * the validators, and replaying it over the same flows drops no forwarded
 * flow between pods. Any difference aborts (a finding). The reader's own
 * checks are in fuzz-flow-reader.c; this target runs with a small input
 * bound (build-aux/dev), since a few records reach every branch of the
 * generator and the replay and each one costs an evaluation.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
#include "np-diagnostic.h"
#include "np-flow-generator.h"
#include "np-flow-replay.h"
#include "np-flow.h"
#include "np-inventory.h"
#include "np-label-selector.h"
#include "np-policy.h"
#include "np-validator.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Enough to reach every branch without letting one input run for long. */
#define MAX_WORKLOADS 3

/* TRUE when some pod is recorded with different labels in different
 * records (a pod relabelled during the capture): the replay knows a pod by
 * its name, with the labels of all its records, so a policy from one label
 * set may then rightly drop flows recorded under the other. */
static gboolean
labels_differ (GListModel *flows)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);
      const NpFlowEndpoint *ends[2] = { np_flow_get_source (flow), np_flow_get_destination (flow) };

      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *name = NULL;
          g_autofree char *labels = NULL;
          const char *before;

          if (ends[j]->kind != NP_FLOW_PEER_POD)
            continue;
          /* the replay's name for the pod: its own, else its identity */
          if (ends[j]->pod_name != NULL && *ends[j]->pod_name != '\0')
            name = g_strdup_printf ("%s/%s", ends[j]->namespace_, ends[j]->pod_name);
          else
            name = g_strdup_printf ("%s/#%u", ends[j]->namespace_, ends[j]->identity);
          labels = g_strjoinv ("\n", ends[j]->labels);
          before = g_hash_table_lookup (seen, name);
          if (before != NULL && !g_str_equal (before, labels))
            return TRUE;
          g_hash_table_insert (seen, g_steal_pointer (&name), g_steal_pointer (&labels));
        }
    }
  return FALSE;
}

static void
check_policy (GListModel *flows, GObject *policy, gboolean replay)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpInventory) inventory = np_flow_inventory_new (flows);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *yaml = np_flow_policy_to_yaml (policy);
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));

  if (NP_IS_POLICY (policy))
    np_policy_validate (NP_POLICY (policy), NP_VALIDATE_DEFAULT, problems);
  else
    np_cilium_policy_validate (NP_CILIUM_POLICY (policy), NP_VALIDATE_DEFAULT, problems);
  if (np_diagnostics_have_errors (problems))
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = np_diagnostic_format (g_ptr_array_index (problems, i));

          g_printerr ("%s\n", line);
        }
      g_printerr ("%s", yaml);
      abort ();
    }
  if (!np_inventory_add_bytes (inventory, bytes, "generated", NULL))
    abort ();
  results = np_flow_replay (flows, inventory, NP_EVAL_FLAGS_NONE);
  for (guint i = 0; replay && i < results->len; i++)
    {
      NpFlowReplayResult *r = g_ptr_array_index (results, i);

      /* Pods to pods is what both kinds can say; other ends depend on the kind. */
      if (r->outcome == NP_FLOW_REPLAY_DROPPED && np_flow_is_forwarded (r->flow) &&
          np_flow_get_source (r->flow)->kind == NP_FLOW_PEER_POD &&
          np_flow_get_destination (r->flow)->kind == NP_FLOW_PEER_POD &&
          np_flow_get_source (r->flow)->stable[0] != NULL &&
          np_flow_get_destination (r->flow)->stable[0] != NULL)
        {
          g_printerr ("a forwarded flow of line %u would be dropped by its own policy\n%s",
                      np_flow_get_line (r->flow), yaml);
          abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GPtrArray) workloads = NULL;
  guint n_records = 0;
  gboolean consistent;

  flows = np_flow_read_bytes (bytes, "fuzz", &n_records, diagnostics);
  workloads = np_flow_list_workloads (flows, NP_FLOW_GENERATE_INCLUDE_DROPPED);
  consistent = !labels_differ (flows);
  for (guint i = 0; i < workloads->len && i < MAX_WORKLOADS; i++)
    {
      NpFlowWorkload *workload = g_ptr_array_index (workloads, i);
      g_autoptr(NpLabelSelector) selector = np_flow_workload_to_selector (workload);

      for (guint k = NP_POLICY_KIND_KUBERNETES; k <= NP_POLICY_KIND_CILIUM; k++)
        {
          g_autoptr(GObject) policy = np_flow_generate_policy (flows, workload->namespace_, selector, k,
                                                               NP_FLOW_GENERATE_INCLUDE_DROPPED, NULL);

          if (policy != NULL)
            check_policy (flows, policy, consistent);
        }
    }
  return 0;
}
