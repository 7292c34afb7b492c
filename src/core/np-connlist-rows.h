/* np-connlist-rows.h: the connectivity list decided a whole row at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-evaluator.h"

G_BEGIN_DECLS

typedef struct _NpConnRows NpConnRows;

/* Rows over @n_classes classes of ends, the first @n_workload_classes of
 * them workloads, each decided on its representative in @representatives;
 * @class_of per workload (inventory index) its class;
 * @sides per class: 1 when it is a source end, 2 a destination, or both.
 * NULL when the evaluator has policies the rows do not decide (Cilium)
 * or the table would be too large: ask the pairs then. With the cluster
 * tiers, np-connlist-rows-cluster.c decides the rows.
 * (transfer full) */
NpConnRows      *np_conn_rows_new     (NpEvaluator      *evaluator,
                                       guint             n_classes,
                                       guint             n_workload_classes,
                                       const NpEndpoint *representatives,
                                       const guint      *class_of,
                                       const guint8     *sides);
void             np_conn_rows_free    (NpConnRows       *rows);
/* Decides the row of class @source into @slot (kept until started again). */
void             np_conn_rows_start   (NpConnRows       *rows,
                                       guint             slot,
                                       guint             source);
/* What the row in @slot allows toward class @destination, as
 * np_evaluator_allowed() between their representatives. (transfer none) */
const NpConnSet *np_conn_rows_allowed (NpConnRows       *rows,
                                       guint             slot,
                                       guint             destination);

/* Per class, whether the row in @slot may allow anything toward it: when
 * not, np_conn_rows_allowed() is the empty set. (transfer none) */
const guint8    *np_conn_rows_live    (NpConnRows       *rows,
                                       guint             slot);

G_END_DECLS
