/* np-cluster-canvas.h: the canvas of an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_CLUSTER_CANVAS (np_cluster_canvas_get_type ())
G_DECLARE_FINAL_TYPE (NpClusterCanvas, np_cluster_canvas, NP, CLUSTER_CANVAS, GtkWidget)

/* Property "policy" (NpClusterPolicy, nullable). The centre card holds the
 * subject, the priority and the tier; the sides hold the ingress and egress
 * rules in order (order decides), each in its action's colour, with an
 * edge to the centre card. Every edit goes through np-cluster-edit.h, so
 * each gesture is one undo step. */
GtkWidget       *np_cluster_canvas_new        (void);
NpClusterPolicy *np_cluster_canvas_get_policy (NpClusterCanvas *self);
void             np_cluster_canvas_set_policy (NpClusterCanvas *self,
                                               NpClusterPolicy *policy);

G_END_DECLS
