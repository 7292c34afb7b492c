/* np-cluster-private.h: what the cluster-policy model and its edits share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cluster-policy.h"

G_BEGIN_DECLS

/* After an edit of the tree: reads the rule views again and emits
 * "changed" (once, or at the end of a begin_change/end_change batch). */
void np_cluster_policy_edited (NpClusterPolicy *self);

G_END_DECLS
