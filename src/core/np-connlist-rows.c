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
 * costs two reads and mostly no set at all. The result is the same as np_evaluator_allowed()'s
 * (test-connlist-classes compares them).
 */
#include "config.h"

#include <string.h>

#include "np-connlist-rows.h"
#include "np-connlist-rows-cluster.h"
#include "np-cilium-policy.h"
#include "np-evaluator-private.h"

enum { SET_EMPTY, SET_ALL };

#define RECENT_SIZE 4096

/* A union or intersection of two set numbers, remembered. */
typedef struct {
  guint a, b, result;
} Recent;

typedef struct {
  guint  source;  /* the class the row is of, G_MAXUINT before any */
  guint *row;     /* per class: the set egress allows toward it */
  guint *in;      /* per class: the set its ingress allows from the source */
  guint8 *live;   /* per class: whether both are other than the empty set */
  gboolean all;   /* the source is not isolated: every entry SET_ALL */
} Row;

struct _NpConnRows
{
  NpConnRowsCluster *cluster;    /* (nullable) the cluster tiers decide too: it does all */
  NpEvaluator *evaluator;
  guint        n_classes;
  guint        n_workload_classes;
  NpEndpoint  *representatives;  /* per class */
  guint       *class_of;         /* per workload: its class */
  guint       *seen;             /* per class: the last rule (index + 1) that listed it */
  GArray      *workloads;        /* scratch */
  GArray      *peers[2];         /* per direction: the classes a rule may take as peer */
  GPtrArray   *sets;             /* interned NpConnSet, by number */
  GHashTable  *numbers;          /* NpConnSet (borrowed from @sets) -> number + 1 */
  GHashTable  *unions;           /* (a << 32 | b) -> number + 1 */
  GHashTable  *intersections;
  guint       *rule_set;         /* per rule: the number of its set + 1, when fixed */
  GArray     **matches[2];       /* per direction, per rule: (nullable) the classes it takes */
  guint       *ingress;          /* per class: SET_EMPTY when ingress is isolated, else SET_ALL */
  GArray     **subjects;         /* per rule: (nullable) the classes whose ingress it is a rule of */
  gpointer    *rule_of;          /* per rule index: the rule, once met */
  /* Rule indices, not rules: a row reads them for every source, and the
   * rules themselves lie all over the heap. */
  GArray     **taking;           /* per class: (nullable) the ingress rules (guint) that take it as peer */
  GArray      *taking_all;       /* the ingress rules (guint) that take every peer */
  GHashTable  *named;            /* (rule << 32 | destination) -> number + 1, for named ports */
  /* In front of @unions and @intersections: the last answers, by a hash
   * of their operands (the same few pairs recur millions of times). */
  Recent       recent[2][RECENT_SIZE];
  GPtrArray   *rows;             /* Row, per slot */
  GPtrArray   *rules;            /* scratch */
};

/* The number of @set (transfer full). */
static guint
intern (NpConnRows *self, NpConnSet *set)
{
  gpointer found = g_hash_table_lookup (self->numbers, set);

  if (found != NULL)
    {
      np_conn_set_free (set);
      return GPOINTER_TO_UINT (found) - 1;
    }
  g_ptr_array_add (self->sets, set);
  g_hash_table_insert (self->numbers, set, GUINT_TO_POINTER (self->sets->len));
  return self->sets->len - 1;
}

static guint
combine (NpConnRows *self, guint a, guint b, gboolean unite)
{
  GHashTable *memo = unite ? self->unions : self->intersections;
  gint64 key;
  gpointer found;
  NpConnSet *set;
  Recent *recent;

  if (a == b)
    return a;
  if (a > b)
    {
      guint t = a;

      a = b;
      b = t;
    }
  /* a < b: the empty set and every connection settle it at once. */
  if (a == SET_EMPTY)
    return unite ? b : SET_EMPTY;
  if (a == SET_ALL)
    return unite ? SET_ALL : b;
  recent = &self->recent[unite][(a * 2654435761u + b) & (RECENT_SIZE - 1)];
  if (recent->a == a && recent->b == b)
    return recent->result;
  key = ((gint64) a << 32) | b;
  if ((found = g_hash_table_lookup (memo, &key)) != NULL)
    {
      *recent = (Recent) { a, b, GPOINTER_TO_UINT (found) - 1 };
      return recent->result;
    }
  set = np_conn_set_copy (self->sets->pdata[a]);
  if (unite)
    np_conn_set_union (set, self->sets->pdata[b]);
  else
    np_conn_set_intersect (set, self->sets->pdata[b]);
  found = GUINT_TO_POINTER (intern (self, set) + 1);
  g_hash_table_insert (memo, g_memdup2 (&key, sizeof key), found);
  *recent = (Recent) { a, b, GPOINTER_TO_UINT (found) - 1 };
  return recent->result;
}

/* What @rule allows toward class @destination. */
static guint
rule_set (NpConnRows *self, gpointer rule, guint index, guint destination)
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
        number = intern (self, owned);
        g_hash_table_insert (self->named, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (number + 1));
        return number;
      }
  }
  number = intern (self, np_conn_set_copy (conns));
  self->rule_set[index] = number + 1;
  return number;
}

/* The classes @rule takes as peer in @direction, found once. */
static GArray *
rule_matches (NpConnRows *self, gpointer rule, NpDirection direction)
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
      for (guint i = 0; i < peers->len; i++)
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

/* Fills @row (per class, those of @direction's peers) with what @subject's
 * side allows; FALSE (nothing filled) when no policy isolates it. */
static gboolean
fill_side (NpConnRows *self, NpDirection direction, guint subject, guint *row)
{
  GArray *peers = self->peers[direction];
  guint workload = self->representatives[subject].workload;

  g_ptr_array_set_size (self->rules, 0);
  if (!np_eval_k8s_side_rules (self->evaluator, direction, workload, self->rules))
    return FALSE;
  for (guint i = 0; i < peers->len; i++)
    row[g_array_index (peers, guint, i)] = SET_EMPTY;
  for (guint r = 0; r < self->rules->len; r++)
    {
      gpointer rule = self->rules->pdata[r];
      guint index = np_eval_k8s_rule_index (rule);
      GArray *matches = rule_matches (self, rule, direction);

      for (guint m = 0; m < matches->len; m++)
        {
          guint peer = g_array_index (matches, guint, m);
          guint *entry = &row[peer];
          /* Named ports resolve on the destination: the peer for egress. */
          guint set = rule_set (self, rule, index, direction == NP_DIRECTION_EGRESS ? peer : subject);

          *entry = combine (self, *entry, set, TRUE);
        }
    }
  return TRUE;
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->row);
  g_free (row->in);
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
  guint n_rules;

  /* Only the NetworkPolicy tier's Kubernetes family adds up rule by rule
   * like this; with the cluster tiers np-connlist-rows-cluster.c decides;
   * Cilium denies are decided pair by pair. */
  if (evaluator->cluster != NULL)
    {
      NpConnRowsCluster *cluster = np_conn_rows_cluster_new (evaluator, n_classes, n_workload_classes,
                                                             representatives, class_of, sides);

      if (cluster == NULL)
        return NULL;
      self = g_new0 (NpConnRows, 1);
      self->cluster = cluster;
      return self;
    }
  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    if (NP_IS_CILIUM_POLICY (np_inventory_get_policy (inventory, i)->policy))
      return NULL;

  self = g_new0 (NpConnRows, 1);
  self->evaluator = evaluator;
  self->n_classes = n_classes;
  self->n_workload_classes = n_workload_classes;
  self->representatives = g_memdup2 (representatives, sizeof (NpEndpoint) * MAX (n_classes, 1));
  self->class_of = g_memdup2 (class_of, sizeof (guint) * MAX (np_inventory_get_n_workloads (inventory), 1));
  self->seen = g_new0 (guint, MAX (n_classes, 1));
  self->workloads = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Egress peers are destinations, ingress peers sources. */
  for (guint d = 0; d < 2; d++)
    {
      guint side = d == NP_DIRECTION_EGRESS ? 2 : 1;

      self->peers[d] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint c = 0; c < n_classes; c++)
        if (sides[c] & side)
          g_array_append_val (self->peers[d], c);
    }
  self->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) np_conn_set_free);
  self->numbers = g_hash_table_new (np_conn_set_hash, (GEqualFunc) np_conn_set_equal);
  intern (self, np_conn_set_new ());
  intern (self, np_conn_set_new_all ());
  for (guint u = 0; u < 2; u++)
    for (guint i = 0; i < RECENT_SIZE; i++)
      self->recent[u][i].a = G_MAXUINT;
  self->unions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->intersections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  n_rules = np_eval_k8s_n_rules (evaluator);
  self->rule_set = g_new0 (guint, MAX (n_rules, 1));
  for (guint d = 0; d < 2; d++)
    self->matches[d] = g_new0 (GArray *, MAX (n_rules, 1));
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->rules = g_ptr_array_new ();

  /* Ingress, the other way round: per destination whether a policy
   * isolates it and its rules; per source class the rules that take it. */
  self->named = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->ingress = g_new (guint, MAX (n_classes, 1));
  self->subjects = g_new0 (GArray *, MAX (n_rules, 1));
  self->rule_of = g_new0 (gpointer, MAX (n_rules, 1));
  self->taking = g_new0 (GArray *, MAX (n_classes, 1));
  self->taking_all = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < n_classes; c++)
    {
      /* Ranges have no ingress policy. */
      self->ingress[c] = SET_ALL;
      if (c >= n_workload_classes)
        continue;
      g_ptr_array_set_size (self->rules, 0);
      if (!np_eval_k8s_side_rules (evaluator, NP_DIRECTION_INGRESS, representatives[c].workload, self->rules))
        continue;
      self->ingress[c] = SET_EMPTY;
      for (guint r = 0; r < self->rules->len; r++)
        {
          guint index = np_eval_k8s_rule_index (self->rules->pdata[r]);

          if (self->subjects[index] == NULL)
            self->subjects[index] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (self->subjects[index], c);
        }
    }
  {
    g_autoptr(GPtrArray) all_rules = g_ptr_array_new ();

    for (guint c = 0; c < n_workload_classes; c++)
      np_eval_k8s_side_rules (evaluator, NP_DIRECTION_INGRESS, representatives[c].workload, all_rules);
    for (guint r = 0; r < all_rules->len; r++)
      {
        gpointer rule = all_rules->pdata[r];
        guint index = np_eval_k8s_rule_index (rule);
        GArray *matches;

        /* Each rule once, though many classes share it. */
        if (self->matches[NP_DIRECTION_INGRESS][index] != NULL)
          continue;
        matches = rule_matches (self, rule, NP_DIRECTION_INGRESS);
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
  }
  return self;
}

void
np_conn_rows_free (NpConnRows *self)
{
  if (self == NULL)
    return;
  if (self->cluster != NULL)
    {
      np_conn_rows_cluster_free (self->cluster);
      g_free (self);
      return;
    }
  for (guint d = 0; d < 2; d++)
    {
      for (guint r = 0; r < np_eval_k8s_n_rules (self->evaluator); r++)
        if (self->matches[d][r] != NULL)
          g_array_unref (self->matches[d][r]);
      g_free (self->matches[d]);
      g_array_unref (self->peers[d]);
    }
  g_hash_table_unref (self->numbers);
  g_hash_table_unref (self->unions);
  g_hash_table_unref (self->intersections);
  g_ptr_array_unref (self->sets);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->rules);
  g_free (self->rule_set);
  g_free (self->ingress);
  for (guint r = 0; r < np_eval_k8s_n_rules (self->evaluator); r++)
    if (self->subjects[r] != NULL)
      g_array_unref (self->subjects[r]);
  g_free (self->subjects);
  for (guint c = 0; c < self->n_classes; c++)
    if (self->taking[c] != NULL)
      g_array_unref (self->taking[c]);
  g_free (self->taking);
  g_array_unref (self->taking_all);
  g_free (self->rule_of);
  g_hash_table_unref (self->named);
  g_free (self->representatives);
  g_free (self->class_of);
  g_free (self->seen);
  g_array_unref (self->workloads);
  g_free (self);
}

/* Adds to @row's ingress what @rules (indices of ingress rules that take
 * its source) allow at their destinations. */
static void
take_rules (NpConnRows *self, Row *row, GArray *rules)
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
            row->in[d[i]] = combine (self, row->in[d[i]], set, TRUE);
        }
      else
        for (guint i = 0; i < subjects->len; i++)
          row->in[d[i]] = combine (self, row->in[d[i]], rule_set (self, self->rule_of[index], index, d[i]), TRUE);
    }
}

void
np_conn_rows_start (NpConnRows *self,
                    guint       slot,
                    guint       source)
{
  Row *row;

  if (self->cluster != NULL)
    {
      np_conn_rows_cluster_start (self->cluster, slot, source);
      return;
    }
  while (self->rows->len <= slot)
    {
      row = g_new0 (Row, 1);
      row->source = G_MAXUINT;
      row->row = g_new (guint, MAX (self->n_classes, 1));
      row->in = g_new (guint, MAX (self->n_classes, 1));
      row->live = g_new (guint8, MAX (self->n_classes, 1));
      g_ptr_array_add (self->rows, row);
    }
  row = self->rows->pdata[slot];
  if (row->source == source)
    return;
  row->source = source;
  /* Ranges have no egress policy. */
  row->all = source >= self->n_workload_classes ||
             !fill_side (self, NP_DIRECTION_EGRESS, source, row->row);
  /* Every destination's ingress from the source: what isolates, then
   * the rules that take the source, at their destinations. */
  memcpy (row->in, self->ingress, sizeof (guint) * self->n_classes);
  if (self->taking[source] != NULL)
    take_rules (self, row, self->taking[source]);
  take_rules (self, row, self->taking_all);
  for (guint c = 0; c < self->n_classes; c++)
    row->live[c] = (row->all || row->row[c] != SET_EMPTY) && row->in[c] != SET_EMPTY;
}

const guint8 *
np_conn_rows_live (NpConnRows *self,
                   guint       slot)
{
  if (self->cluster != NULL)
    return np_conn_rows_cluster_live (self->cluster, slot);
  return ((Row *) self->rows->pdata[slot])->live;
}

const NpConnSet *
np_conn_rows_allowed (NpConnRows *self,
                      guint       slot,
                      guint       destination)
{
  const Row *row;
  guint egress;

  if (self->cluster != NULL)
    return np_conn_rows_cluster_allowed (self->cluster, slot, destination);
  row = self->rows->pdata[slot];
  egress = row->all ? SET_ALL : row->row[destination];

  if (egress == SET_EMPTY)
    return self->sets->pdata[SET_EMPTY];
  return self->sets->pdata[combine (self, egress, row->in[destination], FALSE)];
}
