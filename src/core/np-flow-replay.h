/* np-flow-replay.h: whether policies would allow the flows that were recorded
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-evaluator.h"
#include "np-flow.h"
#include "np-types.h"

G_BEGIN_DECLS

typedef enum {
  NP_FLOW_REPLAY_ALLOWED,
  NP_FLOW_REPLAY_DROPPED,
  NP_FLOW_REPLAY_SKIPPED,  /* cannot be evaluated: no ports (ICMP), an end not known */
} NpFlowReplayOutcome;

typedef struct {
  NpFlow              *flow;            /* (owned) */
  NpFlowReplayOutcome  outcome;
  gboolean             egress_denied;   /* the source's egress refuses it */
  gboolean             ingress_denied;  /* the destination's ingress refuses it */
  char                *note;            /* (nullable) SKIPPED: why */
} NpFlowReplayResult;

void         np_flow_replay_result_free (NpFlowReplayResult *result);

/* An inventory of the pods (namespace, name, labels as recorded without
 * their source prefix) and namespaces (with the namespace labels Cilium
 * recorded) that the flows show, to which the policies to replay are then
 * added (np_inventory_add_path() ...). (transfer full) */
NpInventory *np_flow_inventory_new      (GListModel  *flows);

/* Decides each flow of @flows (element-type NpFlow) that is not a reply
 * with an evaluator over @inventory (built by np_flow_inventory_new() plus
 * policies): outside ends by address, and by their DNS names too when the
 * address is refused; entities as Cilium's reserved identities.
 * (transfer full) (element-type NpFlowReplayResult) */
GPtrArray   *np_flow_replay             (GListModel  *flows,
                                         NpInventory *inventory,
                                         NpEvalFlags  flags);

G_END_DECLS
