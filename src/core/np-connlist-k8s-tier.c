/* np-connlist-k8s-tier.c: the NetworkPolicy tier of the connectivity rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a side allows in the NetworkPolicy tier is the union of its
 * matching rules' ports, so the rows are made the other way round from
 * np_evaluator_allowed(): each rule's peers are found once (a list of
 * classes); a source's egress is then its rules over their peers, and
 * every destination's ingress from it the ingress rules that take it as
 * peer, over their destinations. Shared by np-connlist-rows.c (this tier
 * alone) and np-connlist-rows-cluster.c (with the cluster tiers).
 */
#include "config.h"

#include <string.h>

#include "np-connlist-k8s-tier.h"
#include "np-evaluator-private.h"

struct _NpConnK8sTier
{
  NpEvaluator    *evaluator;
  NpConnSetTable *sets;           /* (not owned) */
  guint           n_classes;
  guint           n_workload_classes;
  guint           n_rules;
  NpEndpoint     *representatives;  /* per class */
  guint          *class_of;         /* per workload: its class */
  guint          *seen;             /* per class: the last rule (index + 1) that listed it */
  GArray         *workloads;        /* scratch */
  GPtrArray      *rules;            /* scratch */
  GArray         *peers[2];         /* per direction: the classes a rule may take as peer */
  guint          *rule_set;         /* per rule: the number of its set + 1, when fixed */
  GHashTable     *named;            /* (rule << 32 | destination) -> number + 1, for named ports */
  GArray        **matches[2];       /* per direction, per rule: (nullable) the classes it takes */
  guint          *ingress;          /* per class: NP_SET_EMPTY when ingress is isolated, else NP_SET_ALL */
  GArray        **subjects;         /* per rule: (nullable) the classes whose ingress it is a rule of */
  gpointer       *rule_of;          /* per rule index: the rule, once met */
  /* Rule indices, not rules: a row reads them for every source, and the
   * rules themselves lie all over the heap. */
  GArray        **taking;           /* per class: (nullable) the ingress rules (guint) that take it as peer */
  GArray         *taking_all;       /* the ingress rules (guint) that take every peer */
};

/* What @rule (numbered @index) allows toward class @destination. */
static guint
rule_set (NpConnK8sTier *self, gpointer rule, guint index, guint destination)
{
  NpConnSet *owned = NULL;
  const NpConnSet *conns;
  guint number;

  if (self->rule_set[index] != 0)
    return self->rule_set[index] - 1;
  {
    gint64 key = ((gint64) index << 32) | destination;
    gpointer found = g_hash_table_lookup (self->named, &key);

    if (found != NULL)
      return GPOINTER_TO_UINT (found) - 1;
    conns = np_eval_k8s_rule_conns (self->evaluator, rule, &self->representatives[destination], &owned);
    if (owned != NULL)
      {
        number = np_conn_set_table_intern (self->sets, owned);
        g_hash_table_insert (self->named, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (number + 1));
        return number;
      }
  }
  number = np_conn_set_table_intern (self->sets, np_conn_set_copy (conns));
  self->rule_set[index] = number + 1;
  return number;
}

/* The classes @rule takes as peer in @direction, found once. */
static GArray *
rule_matches (NpConnK8sTier *self, gpointer rule, NpDirection direction)
{
  guint index = np_eval_k8s_rule_index (rule);
  GArray *peers = self->peers[direction];
  GArray *matches = self->matches[direction][index];

  if (matches != NULL)
    return matches;
  /* A rule without peers takes them all: the list is shared, not copied. */
  if (np_eval_k8s_rule_matches_all (rule))
    return self->matches[direction][index] = g_array_ref (peers);
  matches = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_size (self->workloads, 0);
  if (np_eval_k8s_rule_workloads (self->evaluator, rule, self->workloads))
    {
      /* The workloads its selectors take, by class, then the ranges. */
      for (guint i = 0; i < self->workloads->len; i++)
        {
          guint c = self->class_of[g_array_index (self->workloads, guint, i)];

          if (self->seen[c] != index + 1)
            {
              self->seen[c] = index + 1;
              g_array_append_val (matches, c);
            }
        }
      /* Only ipBlocks take ranges. */
      for (guint i = 0, n = np_eval_k8s_rule_has_blocks (rule) ? peers->len : 0; i < n; i++)
        {
          guint c = g_array_index (peers, guint, i);

          if (c >= self->n_workload_classes &&
              np_eval_k8s_rule_matches (self->evaluator, rule, &self->representatives[c]))
            g_array_append_val (matches, c);
        }
    }
  else
    for (guint i = 0; i < peers->len; i++)
      {
        guint c = g_array_index (peers, guint, i);

        if (np_eval_k8s_rule_matches (self->evaluator, rule, &self->representatives[c]))
          g_array_append_val (matches, c);
      }
  return self->matches[direction][index] = matches;
}

NpConnK8sTier *
np_conn_k8s_tier_new (NpEvaluator      *evaluator,
                      NpConnSetTable   *sets,
                      guint             n_classes,
                      guint             n_workload_classes,
                      const NpEndpoint *representatives,
                      const guint      *class_of,
                      const guint8     *sides)
{
  NpInventory *inventory = np_evaluator_get_inventory (evaluator);
  NpConnK8sTier *self = g_new0 (NpConnK8sTier, 1);
  g_autoptr(GPtrArray) all_rules = g_ptr_array_new ();
  guint n_rules = np_eval_k8s_n_rules (evaluator);

  self->evaluator = evaluator;
  self->sets = sets;
  self->n_classes = n_classes;
  self->n_workload_classes = n_workload_classes;
  self->n_rules = n_rules;
  self->representatives = g_memdup2 (representatives, sizeof (NpEndpoint) * MAX (n_classes, 1));
  self->class_of = g_memdup2 (class_of, sizeof (guint) * MAX (np_inventory_get_n_workloads (inventory), 1));
  self->seen = g_new0 (guint, MAX (n_classes, 1));
  self->workloads = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rules = g_ptr_array_new ();
  /* Egress peers are destinations, ingress peers sources. */
  for (guint d = 0; d < 2; d++)
    {
      guint side = d == NP_DIRECTION_EGRESS ? 2 : 1;

      self->peers[d] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint c = 0; c < n_classes; c++)
        if (sides[c] & side)
          g_array_append_val (self->peers[d], c);
      self->matches[d] = g_new0 (GArray *, MAX (n_rules, 1));
    }
  self->rule_set = g_new0 (guint, MAX (n_rules, 1));
  self->named = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* Ingress, the other way round: per destination whether a policy
   * isolates it and its rules; per source class the rules that take it. */
  self->ingress = g_new (guint, MAX (n_classes, 1));
  self->subjects = g_new0 (GArray *, MAX (n_rules, 1));
  self->rule_of = g_new0 (gpointer, MAX (n_rules, 1));
  self->taking = g_new0 (GArray *, MAX (n_classes, 1));
  self->taking_all = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < n_classes; c++)
    {
      /* Ranges have no ingress policy. */
      self->ingress[c] = NP_SET_ALL;
      if (c >= n_workload_classes)
        continue;
      g_ptr_array_set_size (self->rules, 0);
      if (!np_eval_k8s_side_rules (evaluator, NP_DIRECTION_INGRESS, representatives[c].workload, self->rules))
        continue;
      self->ingress[c] = NP_SET_EMPTY;
      for (guint r = 0; r < self->rules->len; r++)
        {
          guint index = np_eval_k8s_rule_index (self->rules->pdata[r]);

          if (self->subjects[index] == NULL)
            {
              self->subjects[index] = g_array_new (FALSE, FALSE, sizeof (guint));
              g_ptr_array_add (all_rules, self->rules->pdata[r]);
            }
          g_array_append_val (self->subjects[index], c);
        }
    }
  /* Each rule once, though many classes share it. */
  for (guint r = 0; r < all_rules->len; r++)
    {
      gpointer rule = all_rules->pdata[r];
      guint index = np_eval_k8s_rule_index (rule);
      GArray *matches = rule_matches (self, rule, NP_DIRECTION_INGRESS);

      self->rule_of[index] = rule;
      if (np_eval_k8s_rule_matches_all (rule))
        {
          g_array_append_val (self->taking_all, index);
          continue;
        }
      for (guint m = 0; m < matches->len; m++)
        {
          guint c = g_array_index (matches, guint, m);

          if (self->taking[c] == NULL)
            self->taking[c] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (self->taking[c], index);
        }
    }
  return self;
}

void
np_conn_k8s_tier_free (NpConnK8sTier *self)
{
  if (self == NULL)
    return;
  for (guint d = 0; d < 2; d++)
    {
      for (guint r = 0; r < self->n_rules; r++)
        if (self->matches[d][r] != NULL)
          g_array_unref (self->matches[d][r]);
      g_free (self->matches[d]);
      g_array_unref (self->peers[d]);
    }
  for (guint r = 0; r < self->n_rules; r++)
    if (self->subjects[r] != NULL)
      g_array_unref (self->subjects[r]);
  g_free (self->subjects);
  for (guint c = 0; c < self->n_classes; c++)
    if (self->taking[c] != NULL)
      g_array_unref (self->taking[c]);
  g_free (self->taking);
  g_array_unref (self->taking_all);
  g_free (self->rule_of);
  g_free (self->rule_set);
  g_free (self->ingress);
  g_hash_table_unref (self->named);
  g_free (self->representatives);
  g_free (self->class_of);
  g_free (self->seen);
  g_array_unref (self->workloads);
  g_ptr_array_unref (self->rules);
  g_free (self);
}

const NpEndpoint *
np_conn_k8s_tier_get_classes (NpConnK8sTier *self,
                              guint         *n_classes,
                              guint         *n_workload_classes)
{
  *n_classes = self->n_classes;
  *n_workload_classes = self->n_workload_classes;
  return self->representatives;
}

GArray *
np_conn_k8s_tier_get_peers (NpConnK8sTier *self,
                            NpDirection    direction)
{
  return self->peers[direction];
}

const guint *
np_conn_k8s_tier_get_ingress (NpConnK8sTier *self)
{
  return self->ingress;
}

gboolean
np_conn_k8s_tier_egress (NpConnK8sTier *self,
                         guint          source,
                         guint         *row)
{
  GArray *peers = self->peers[NP_DIRECTION_EGRESS];

  g_ptr_array_set_size (self->rules, 0);
  if (!np_eval_k8s_side_rules (self->evaluator, NP_DIRECTION_EGRESS, self->representatives[source].workload,
                               self->rules))
    return FALSE;
  for (guint i = 0; i < peers->len; i++)
    row[g_array_index (peers, guint, i)] = NP_SET_EMPTY;
  for (guint r = 0; r < self->rules->len; r++)
    {
      gpointer rule = self->rules->pdata[r];
      guint index = np_eval_k8s_rule_index (rule);
      GArray *matches = rule_matches (self, rule, NP_DIRECTION_EGRESS);

      for (guint m = 0; m < matches->len; m++)
        {
          guint peer = g_array_index (matches, guint, m);

          /* Named ports resolve on the destination: the peer. */
          row[peer] = np_conn_set_table_unite (self->sets, row[peer], rule_set (self, rule, index, peer));
        }
    }
  return TRUE;
}

/* Adds to @row what @rules (indices of ingress rules that take its
 * source) allow at their destinations. */
static void
take_rules (NpConnK8sTier *self, GArray *rules, guint *row)
{
  for (guint r = 0; r < rules->len; r++)
    {
      guint index = g_array_index (rules, guint, r);
      GArray *subjects = self->subjects[index];
      const guint *d = (const guint *) subjects->data;

      /* The same set at every destination unless a port is named. */
      if (self->rule_set[index] != 0)
        {
          guint set = self->rule_set[index] - 1;

          for (guint i = 0; i < subjects->len; i++)
            row[d[i]] = np_conn_set_table_unite (self->sets, row[d[i]], set);
        }
      else
        for (guint i = 0; i < subjects->len; i++)
          row[d[i]] = np_conn_set_table_unite (self->sets, row[d[i]],
                                               rule_set (self, self->rule_of[index], index, d[i]));
    }
}

void
np_conn_k8s_tier_ingress (NpConnK8sTier *self,
                          guint          source,
                          guint         *row)
{
  /* What isolates, then the rules that take the source, at their
   * destinations. */
  memcpy (row, self->ingress, sizeof (guint) * self->n_classes);
  if (self->taking[source] != NULL)
    take_rules (self, self->taking[source], row);
  take_rules (self, self->taking_all, row);
}
