/* np-connlist-rows-cluster.h: the connectivity list a whole row at a time, with the cluster tiers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to np-connlist-rows.c, which hands its rows here when the
 * inventory has AdminNetworkPolicies, BaselineAdminNetworkPolicies or
 * ClusterNetworkPolicies: the same four calls as np-connlist-rows.h, on
 * top of its NetworkPolicy tier.
 */
#pragma once

#include "np-connlist-k8s-tier.h"

G_BEGIN_DECLS

typedef struct _NpConnRowsCluster NpConnRowsCluster;

/* The row of one source in a slot of np-connlist-rows.c, with or without
 * the cluster tiers: per class, set numbers (np-conn-set-table.h). */
typedef struct {
  guint       source;   /* the class, G_MAXUINT before any */
  guint      *egress;   /* per class: what the source's egress allows toward it */
  guint      *ingress;  /* per class: what its ingress allows from the source */
  guint8     *live;     /* per class: whether the pair may allow anything (or warn) */
  /* Without the cluster tiers: no NetworkPolicy isolates the source's
   * egress, @egress is not filled. */
  gboolean    all;
  /* With them: per NpDirection, class -> GPtrArray of the rules that warn. */
  GHashTable *warns[2];
} NpConnRow;

/* The rows of @evaluator, which has cluster-wide policies and no Cilium
 * policy, over the classes of @k8s, its NetworkPolicy tier; sets numbered
 * in @sets. Both borrowed: they must outlive the rows. @class_of per
 * workload its class. (transfer full) */
NpConnRowsCluster *np_conn_rows_cluster_new     (NpEvaluator       *evaluator,
                                                 NpConnSetTable    *sets,
                                                 NpConnK8sTier     *k8s,
                                                 const guint       *class_of);
void               np_conn_rows_cluster_free    (NpConnRowsCluster *rows);
/* Decides @row (its arrays made, @pair too) for its source. */
void               np_conn_rows_cluster_start   (NpConnRowsCluster *rows,
                                                 NpConnRow         *row);
/* As np_evaluator_allowed() between the representatives, netpol-analyzer's
 * warnings included: those of a pair are added when it is first asked,
 * as the pair-by-pair list adds them. (transfer none) */
const NpConnSet   *np_conn_rows_cluster_allowed (NpConnRowsCluster *rows,
                                                 NpConnRow         *row,
                                                 guint              destination);

/* For the tests: FALSE makes np_conn_rows_new() return NULL for
 * inventories with cluster-wide policies, so that the list decides them
 * pair by pair, as before. */
void               np_conn_rows_cluster_set_enabled (gboolean enabled);
gboolean           np_conn_rows_cluster_get_enabled (void);
/* For the tests: how many bytes the states shared between sources alike
 * may take (1: none is shared; 0: the default, 64 MB). */
void               np_conn_rows_cluster_set_profile_limit (gsize bytes);
/* For the tests: how many rows np_conn_rows_cluster_new() made so far. */
guint              np_conn_rows_cluster_get_n_made  (void);

G_END_DECLS
