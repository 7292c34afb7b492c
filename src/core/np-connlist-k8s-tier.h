/* np-connlist-k8s-tier.h: the NetworkPolicy tier of the connectivity rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to np-connlist-rows.c and np-connlist-rows-cluster.c: what
 * NetworkPolicies allow from one source class toward every destination
 * class, as interned set numbers (np-conn-set-table.h), each rule's peers
 * found once.
 */
#pragma once

#include "np-conn-set-table.h"
#include "np-evaluator.h"

G_BEGIN_DECLS

typedef struct _NpConnK8sTier NpConnK8sTier;

/* The tier over @n_classes classes, as np_conn_rows_new() has them; its
 * sets are numbered in @sets (borrowed: it must outlive the tier).
 * (transfer full) */
NpConnK8sTier *np_conn_k8s_tier_new         (NpEvaluator      *evaluator,
                                             NpConnSetTable   *sets,
                                             guint             n_classes,
                                             guint             n_workload_classes,
                                             const NpEndpoint *representatives,
                                             const guint      *class_of,
                                             const guint8     *sides);
void           np_conn_k8s_tier_free        (NpConnK8sTier    *tier);
/* The classes: @n_classes, the first @n_workload_classes of them
 * workloads, and per class its representative. (transfer none) */
const NpEndpoint *np_conn_k8s_tier_get_classes (NpConnK8sTier *tier,
                                                guint         *n_classes,
                                                guint         *n_workload_classes);
/* The classes on the peer's side in @direction: destinations for egress,
 * sources for ingress. (transfer none) */
GArray        *np_conn_k8s_tier_get_peers   (NpConnK8sTier    *tier,
                                             NpDirection       direction);
/* Per class: NP_SET_EMPTY when a NetworkPolicy isolates its ingress, else
 * NP_SET_ALL. (transfer none) */
const guint   *np_conn_k8s_tier_get_ingress (NpConnK8sTier    *tier);
/* Fills @row (per class, those of the egress peers) with what the egress
 * of workload class @source allows toward them; FALSE (nothing filled)
 * when no NetworkPolicy isolates it. */
gboolean       np_conn_k8s_tier_egress      (NpConnK8sTier    *tier,
                                             guint             source,
                                             guint            *row);
/* Fills @row (per class) with what every class's ingress allows from
 * class @source. */
void           np_conn_k8s_tier_ingress     (NpConnK8sTier    *tier,
                                             guint             source,
                                             guint            *row);

G_END_DECLS
