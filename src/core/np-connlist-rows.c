/* np-connlist-rows.c: the connectivity list decided a whole row at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deciding each pair of classes on its own (np_evaluator_allowed()) asks
 * every rule of both sides about the peer, pair after pair: with a few
 * thousand classes that is millions of rule look-ups. When only
 * NetworkPolicies decide (no Cilium policy, no cluster tier), what a side
 * allows is the union of its matching rules' ports, so the list is made
 * the other way round: each rule's peers are found once (a list of
 * classes), and for each source two rows are filled from them: its
 * egress toward every destination class (its rules, their peers), and
 * every destination's ingress from it (the ingress rules that take it as
 * peer, their destinations); a pair is then the intersection of two
 * entries. Sets are interned (a number each, 0 the empty set, 1 every
 * connection) and their unions and intersections remembered, so a pair
 * costs two reads and mostly no set at all. The result is the same as
 * np_evaluator_allowed()'s (test-connlist-classes compares them).
 *
 * np-connlist-k8s-tier.c finds the rules' peers and fills the rows,
 * np-conn-set-table.c numbers the sets; with the cluster tiers,
 * np-connlist-rows-cluster.c fills the rows on top of that tier.
 */
#include "config.h"

#include "np-connlist-rows.h"
#include "np-connlist-k8s-tier.h"
#include "np-connlist-rows-cluster.h"
#include "np-cilium-policy.h"
#include "np-evaluator-private.h"

/* Answers remembered in front of the set table: the cluster tiers'
 * states combine many more distinct sets than the NetworkPolicy tier. */
#define RECENT_SIZE         4096
#define RECENT_SIZE_CLUSTER 65536

struct _NpConnRows
{
  NpConnRowsCluster *cluster;  /* (nullable) the cluster tiers decide too: it fills the rows */
  guint              n_classes;
  guint              n_workload_classes;
  NpConnSetTable    *sets;
  NpConnK8sTier     *tier;     /* the NetworkPolicy tier */
  GPtrArray         *rows;     /* NpConnRow, per slot */
};

static void
row_free (gpointer data)
{
  NpConnRow *row = data;

  for (guint d = 0; d < 2; d++)
    g_clear_pointer (&row->warns[d], g_hash_table_unref);
  g_free (row->egress);
  g_free (row->ingress);
  g_free (row->live);
  g_free (row);
}

NpConnRows *
np_conn_rows_new (NpEvaluator      *evaluator,
                  guint             n_classes,
                  guint             n_workload_classes,
                  const NpEndpoint *representatives,
                  const guint      *class_of,
                  const guint8     *sides)
{
  NpInventory *inventory = np_evaluator_get_inventory (evaluator);
  NpConnRows *self;

  /* Only the NetworkPolicy tier's Kubernetes family adds up rule by rule
   * like this, and the cluster tiers (np-connlist-rows-cluster.c) on top
   * of it; Cilium denies are decided pair by pair. */
  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    if (NP_IS_CILIUM_POLICY (np_inventory_get_policy (inventory, i)->policy))
      return NULL;
  if (evaluator->cluster != NULL && !np_conn_rows_cluster_get_enabled ())
    return NULL;

  self = g_new0 (NpConnRows, 1);
  self->n_classes = n_classes;
  self->n_workload_classes = n_workload_classes;
  self->sets = np_conn_set_table_new (evaluator->cluster != NULL ? RECENT_SIZE_CLUSTER : RECENT_SIZE);
  self->tier = np_conn_k8s_tier_new (evaluator, self->sets, n_classes, n_workload_classes, representatives,
                                     class_of, sides);
  if (evaluator->cluster != NULL)
    self->cluster = np_conn_rows_cluster_new (evaluator, self->sets, self->tier, class_of);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  return self;
}

void
np_conn_rows_free (NpConnRows *self)
{
  if (self == NULL)
    return;
  np_conn_rows_cluster_free (self->cluster);
  g_ptr_array_unref (self->rows);
  np_conn_k8s_tier_free (self->tier);
  np_conn_set_table_free (self->sets);
  g_free (self);
}

void
np_conn_rows_start (NpConnRows *self,
                    guint       slot,
                    guint       source)
{
  NpConnRow *row;

  while (self->rows->len <= slot)
    {
      row = g_new0 (NpConnRow, 1);
      row->source = G_MAXUINT;
      row->egress = g_new (guint, MAX (self->n_classes, 1));
      row->ingress = g_new (guint, MAX (self->n_classes, 1));
      row->live = g_new (guint8, MAX (self->n_classes, 1));
      g_ptr_array_add (self->rows, row);
    }
  row = self->rows->pdata[slot];
  if (row->source == source)
    return;
  row->source = source;
  if (self->cluster != NULL)
    {
      np_conn_rows_cluster_start (self->cluster, row);
      return;
    }
  /* Ranges have no egress policy. */
  row->all = source >= self->n_workload_classes ||
             !np_conn_k8s_tier_egress (self->tier, source, row->egress);
  /* Every destination's ingress from the source. */
  np_conn_k8s_tier_ingress (self->tier, source, row->ingress);
  for (guint c = 0; c < self->n_classes; c++)
    row->live[c] = (row->all || row->egress[c] != NP_SET_EMPTY) && row->ingress[c] != NP_SET_EMPTY;
}

const guint8 *
np_conn_rows_live (NpConnRows *self,
                   guint       slot)
{
  return ((NpConnRow *) self->rows->pdata[slot])->live;
}

const NpConnSet *
np_conn_rows_allowed (NpConnRows *self,
                      guint       slot,
                      guint       destination)
{
  NpConnRow *row = self->rows->pdata[slot];
  guint egress;

  if (self->cluster != NULL)
    return np_conn_rows_cluster_allowed (self->cluster, row, destination);
  egress = row->all ? NP_SET_ALL : row->egress[destination];
  if (egress == NP_SET_EMPTY)
    return np_conn_set_table_get (self->sets, NP_SET_EMPTY);
  return np_conn_set_table_get (self->sets,
                                np_conn_set_table_intersect (self->sets, egress, row->ingress[destination]));
}
