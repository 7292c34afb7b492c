/* np-connlist-rows-cluster.c: the connectivity list a whole row at a time, with the cluster tiers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * np-connlist-rows.c decides the NetworkPolicy tier a row at a time; this
 * does the same when AdminNetworkPolicies, BaselineAdminNetworkPolicies
 * or ClusterNetworkPolicies decide too (no Cilium policy). One side of a
 * pair is, as side_allowed() in np-evaluator.c has it:
 *
 *   (NetworkPolicy tier, or everything when it does not isolate)
 *     ∩ (what the Admin tier left undecided, less the Baseline tier's
 *        denials when the NetworkPolicy tier does not isolate)
 *     ∪ what the Admin tier allowed
 *
 * and the tiers' rules take connections from what is still open in their
 * order (np_eval_cluster_decide()). Rules are walked in that order, each
 * over the classes it decides at once, with a state per class (what is
 * open, undecided, allowed, denied) kept as interned set numbers: for a
 * source, its egress rules over the destination classes they take; and
 * the other way round, the ingress rules that take the source, over the
 * destination classes their policy selects, in the global order of
 * priorities (each class sees its own rules in their order). Destination
 * classes that no rule tells apart (a block) share one state while the
 * tiers decide. The NetworkPolicy tier is np-connlist-rows.c's
 * (np-connlist-k8s-tier.c), and so is the table that numbers the sets
 * (np-conn-set-table.c).
 *
 * netpol-analyzer's warnings about named ports (np_eval_cluster_rule_conns())
 * name the destination pod; the pair-by-pair list adds them when it
 * decides a pair, in the order of the lines, and the ingress side only
 * when the egress side allows something. The rows note which rules would
 * warn for which pair and add the warnings when the pair is asked.
 * test-connlist-classes compares both lists and their warnings.
 */
#include "config.h"

#include "np-connlist-k8s-tier.h"
#include "np-connlist-rows-cluster.h"
#include "np-evaluator-cluster-private.h"

/* Beyond this, the tiers' states are decided again for each source. */
#define PROFILE_BYTES_MAX ((gsize) 64 << 20)

static gboolean enabled = TRUE;
static gint n_made;
static gsize profile_bytes_max = PROFILE_BYTES_MAX;

/* What the tiers leave of one side, per class, for sources alike: what
 * the NetworkPolicy tier still decides (undecided by the Admin tier, not
 * denied by the Baseline tier), what the Admin tier allowed, and the
 * rules that warn. */
typedef struct {
  GArray *entries;  /* (class, undecided, allowed) for the classes a rule took from */
  GArray *noted;
} Profile;

static void
profile_free (gpointer data)
{
  Profile *profile = data;

  g_array_unref (profile->entries);
  g_array_unref (profile->noted);
  g_free (profile);
}

struct _NpConnRowsCluster
{
  NpEvaluator      *evaluator;
  NpEvalCluster    *cluster;
  guint             n_classes;
  guint             n_workload_classes;
  const NpEndpoint *representatives; /* the tier's, per class */
  guint            *second;          /* per class: another workload of it, or G_MAXUINT */
  GArray           *peers[2];        /* per direction: the classes on the peer's side (the tier's) */
  NpConnSetTable   *sets;            /* (not owned) the sets of every tier */

  /* The NetworkPolicy tier. (not owned) */
  NpConnK8sTier    *k8s;
  const guint      *k8s_ingress;     /* per class: NP_SET_EMPTY when it isolates its ingress */

  /* The cluster tiers. */
  GHashTable    *rule_index;     /* NpEvalClusterRule -> index + 1 */
  GPtrArray     *rules;          /* NpEvalClusterRule, by index */
  guint         *rule_set;       /* per rule: its set + 1, when no named port */
  guint        **rule_named;     /* per rule with named ports, per destination class:
                                  * (set + 1) << 1 | warns, 0 before it is known */
  GArray       **rule_matches;   /* per rule: the peer classes it takes */
  GHashTable    *subjects;       /* NpEvalClusterPolicy -> GArray: the destination classes it selects */
  GArray        *taking[2];      /* per tier: (class, rule) pairs, by class then order */
  guint         *taking_first[2];/* per tier, per class + 1: where its pairs begin in @taking */

  /* Destination classes that every rule of the tiers takes alike (the same
   * rules' peers, the same policies' subjects, the same isolation, the
   * same named ports) go through the tiers alike: the tiers decide a block
   * of them once, by its first class. */
  guint          n_blocks;
  guint         *block_of;       /* per destination class: its block */
  guint         *block_class;    /* per block: its first class */
  guint         *block_first;    /* per block + 1: where its classes begin in @block_members */
  guint         *block_members;  /* the classes, block by block */
  GArray       **rule_blocks;    /* per egress rule: the blocks of its peer classes */
  GHashTable    *subject_blocks; /* NpEvalClusterRule -> GArray: the blocks its policy selects */

  /* Per block, while a row is decided. */
  guint         *open, *undecided, *allowed, *denied;
  GArray        *noted;          /* (block, rule index): the rules that warn, in order */
  /* What the tiers leave per class depends only on the policies that
   * select the source (egress) or the rules that take it (ingress):
   * sources alike share it. Per direction: key (GBytes) -> Profile. */
  GHashTable    *profiles[2];
  gsize          profile_bytes;
  Profile        unkept;         /* when there is no room left for more */
};

void
np_conn_rows_cluster_set_enabled (gboolean value)
{
  enabled = value;
}

gboolean
np_conn_rows_cluster_get_enabled (void)
{
  return enabled;
}

void
np_conn_rows_cluster_set_profile_limit (gsize bytes)
{
  profile_bytes_max = bytes != 0 ? bytes : PROFILE_BYTES_MAX;
}

guint
np_conn_rows_cluster_get_n_made (void)
{
  return (guint) g_atomic_int_get (&n_made);
}

/* The cluster tiers --------------------------------------------------------- */

static guint
index_of (NpConnRowsCluster *self, const NpEvalClusterRule *rule)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->rule_index, rule)) - 1;
}

/* What @rule's ports give toward class @destination; *@warns whether
 * netpol-analyzer warns about it. */
static guint
cluster_rule_set (NpConnRowsCluster *self, const NpEvalClusterRule *rule, guint index, guint destination,
                  gboolean *warns)
{
  guint *named;
  guint number;

  *warns = FALSE;
  if (self->rule_set[index] != 0)
    return self->rule_set[index] - 1;
  if (rule->has_named && self->rule_named[index] == NULL)
    self->rule_named[index] = g_new0 (guint, MAX (self->n_classes, 1));
  named = rule->has_named ? &self->rule_named[index][destination] : NULL;
  if (named == NULL || *named == 0)
    {
      gboolean warned = FALSE;
      NpConnSet *set = np_eval_cluster_rule_conns (self->evaluator, rule, &self->representatives[destination],
                                                   &warned);

      number = np_conn_set_table_intern (self->sets, set);
      if (named == NULL)
        {
          self->rule_set[index] = number + 1;
          return number;
        }
      *named = ((number + 1) << 1) | warned;
    }
  *warns = *named & 1;
  return (*named >> 1) - 1;
}

static void
note_warning (NpConnRow *row, NpDirection direction, guint peer, gpointer rule)
{
  GPtrArray *rules;

  if (row->warns[direction] == NULL)
    row->warns[direction] = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  rules = g_hash_table_lookup (row->warns[direction], GUINT_TO_POINTER (peer));
  if (rules == NULL)
    {
      rules = g_ptr_array_new ();
      g_hash_table_insert (row->warns[direction], GUINT_TO_POINTER (peer), rules);
    }
  g_ptr_array_add (rules, (gpointer) rule);
}

/* @rule of a tier, on the state of block @peer (its other end the
 * block's class @destination), as np_eval_cluster_decide() takes it. */
static void
apply_rule (NpConnRowsCluster *self, gboolean baseline, const NpEvalClusterRule *rule, guint index, guint peer,
            guint destination)
{
  guint open = self->open[peer];
  NpClusterAction action = rule->action;
  guint conns;

  if (open == NP_SET_EMPTY)
    return;
  if (rule->all_ports)
    {
      conns = open;
      self->open[peer] = NP_SET_EMPTY;
    }
  else
    {
      gboolean warns;
      guint set = cluster_rule_set (self, rule, index, destination, &warns);

      conns = np_conn_set_table_intersect (self->sets, set, open);
      if (warns)
        {
          guint noted[2] = { peer, index };

          g_array_append_vals (self->noted, noted, 2);
        }
      self->open[peer] = np_conn_set_table_subtract (self->sets, open, conns);
    }
  if (conns == NP_SET_EMPTY)
    return;
  if (baseline && action == NP_CLUSTER_ACTION_PASS)
    action = NP_CLUSTER_ACTION_ALLOW;
  if (!baseline && action != NP_CLUSTER_ACTION_PASS)
    self->undecided[peer] = np_conn_set_table_subtract (self->sets, self->undecided[peer], conns);
  if (!baseline && action == NP_CLUSTER_ACTION_ALLOW)
    self->allowed[peer] = np_conn_set_table_unite (self->sets, self->allowed[peer], conns);
  if (baseline && action == NP_CLUSTER_ACTION_DENY)
    self->denied[peer] = np_conn_set_table_unite (self->sets, self->denied[peer], conns);
}

static void
begin_admin (NpConnRowsCluster *self, guint c)
{
  self->open[c] = self->undecided[c] = NP_SET_ALL;
  self->allowed[c] = self->denied[c] = NP_SET_EMPTY;
}

/* The Baseline tier decides a side no NetworkPolicy isolates, from what
 * the Admin tier left (none left: it is not asked). */
static void
begin_baseline (NpConnRowsCluster *self, guint c, gboolean isolated)
{
  self->open[c] = isolated ? NP_SET_EMPTY : self->undecided[c];
}

/* @side (per class, its NetworkPolicy tier) with the tiers of @profile;
 * where no rule of theirs took anything, the NetworkPolicy tier decides. */
static void
finish_side (NpConnRowsCluster *self, const Profile *profile, guint *side)
{
  for (guint i = 0; i + 2 < profile->entries->len; i += 3)
    {
      const guint *entry = &g_array_index (profile->entries, guint, i);
      guint left = np_conn_set_table_intersect (self->sets, side[entry[0]], entry[1]);

      side[entry[0]] = np_conn_set_table_unite (self->sets, left, entry[2]);
    }
}

/* The profile of @key (transfer full), or NULL when there is none yet:
 * then self->noted is emptied for the tiers to decide. */
static const Profile *
find_profile (NpConnRowsCluster *self, NpDirection direction, GBytes *key)
{
  const Profile *profile = g_hash_table_lookup (self->profiles[direction], key);

  g_array_set_size (self->noted, 0);
  return profile;
}

/* Keeps what the tiers just decided as @key's profile (when there is room
 * left), and gives the state to finish the row with; notes the warnings
 * in @row. */
static const Profile *
keep_profile (NpConnRowsCluster *self, NpConnRow *row, NpDirection direction, GBytes *key,
              const Profile *found)
{
  const Profile *state = found;

  if (found == NULL)
    {
      Profile *profile = &self->unkept;
      gsize size;
      guint n = 0;

      /* Both sides' states are kept for the destinations (egress peers),
       * class by class: room for every class first, the entries written
       * in place. */
      g_array_set_size (profile->entries, 3 * self->block_first[self->n_blocks]);
      for (guint b = 0; b < self->n_blocks; b++)
        {
          guint undecided = np_conn_set_table_subtract (self->sets, self->undecided[b], self->denied[b]);
          guint *entry;

          if (undecided == NP_SET_ALL && self->allowed[b] == NP_SET_EMPTY)
            continue;
          entry = &g_array_index (profile->entries, guint, n);
          for (guint m = self->block_first[b]; m < self->block_first[b + 1]; m++, entry += 3)
            {
              entry[0] = self->block_members[m];
              entry[1] = undecided;
              entry[2] = self->allowed[b];
            }
          n += 3 * (self->block_first[b + 1] - self->block_first[b]);
        }
      g_array_set_size (profile->entries, n);
      g_array_set_size (profile->noted, 0);
      for (guint i = 0; i + 1 < self->noted->len; i += 2)
        {
          guint b = g_array_index (self->noted, guint, i);

          for (guint m = self->block_first[b]; m < self->block_first[b + 1]; m++)
            {
              guint noted[2] = { self->block_members[m], g_array_index (self->noted, guint, i + 1) };

              g_array_append_vals (profile->noted, noted, 2);
            }
        }
      size = sizeof (guint) * (profile->entries->len + profile->noted->len) + 64;
      if (self->profile_bytes + size <= profile_bytes_max)
        {
          profile = g_new0 (Profile, 1);
          profile->entries = g_array_copy (self->unkept.entries);
          profile->noted = g_array_copy (self->unkept.noted);
          g_hash_table_insert (self->profiles[direction], g_bytes_ref (key), profile);
          self->profile_bytes += size;
        }
      state = profile;
    }
  for (guint i = 0; i + 1 < state->noted->len; i += 2)
    note_warning (row, direction, g_array_index (state->noted, guint, i),
                  self->rules->pdata[g_array_index (state->noted, guint, i + 1)]);
  return state;
}

/* The source's egress toward every destination class; @isolated whether
 * a NetworkPolicy isolates it. */
static void
cluster_egress (NpConnRowsCluster *self, NpConnRow *row, guint source, gboolean isolated)
{
  guint workload = self->representatives[source].workload;
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GBytes) key = NULL;
  const Profile *found;

  /* The key: whether NetworkPolicies isolate it, the policies selecting it. */
  g_array_append_val (words, isolated);
  for (guint t = 0; t < 2; t++)
    {
      GPtrArray *policies = g_ptr_array_index (self->cluster->selecting[t][NP_DIRECTION_EGRESS], workload);

      g_array_append_val (words, policies->len);
      for (guint p = 0; p < policies->len; p++)
        g_array_append_val (words, ((NpEvalClusterPolicy *) policies->pdata[p])->order);
    }
  key = g_bytes_new (words->data, words->len * sizeof (guint));
  if ((found = find_profile (self, NP_DIRECTION_EGRESS, key)) != NULL)
    goto finish;

  for (guint b = 0; b < self->n_blocks; b++)
    begin_admin (self, b);
  for (guint t = 0; t < 2; t++)
    {
      GPtrArray *policies = g_ptr_array_index (self->cluster->selecting[t][NP_DIRECTION_EGRESS], workload);

      if (t == 1)
        {
          if (isolated || policies->len == 0)
            break;
          for (guint b = 0; b < self->n_blocks; b++)
            begin_baseline (self, b, isolated);
        }
      for (guint p = 0; p < policies->len; p++)
        {
          NpEvalClusterPolicy *policy = policies->pdata[p];

          for (guint r = 0; r < policy->rules[NP_DIRECTION_EGRESS]->len; r++)
            {
              const NpEvalClusterRule *rule = policy->rules[NP_DIRECTION_EGRESS]->pdata[r];
              guint index = index_of (self, rule);
              GArray *blocks = self->rule_blocks[index];

              for (guint m = 0; blocks != NULL && m < blocks->len; m++)
                {
                  guint b = g_array_index (blocks, guint, m);

                  apply_rule (self, t == 1, rule, index, b, self->block_class[b]);
                }
            }
        }
    }
finish:
  finish_side (self, keep_profile (self, row, NP_DIRECTION_EGRESS, key, found), row->egress);
}

/* Every destination class's ingress from the source. */
static void
cluster_ingress (NpConnRowsCluster *self, NpConnRow *row, guint source)
{
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GBytes) key = NULL;
  const Profile *found;

  /* The key: the rules that take the source, tier by tier. */
  for (guint t = 0; t < 2; t++)
    {
      guint n = self->taking_first[t][source + 1] - self->taking_first[t][source];

      g_array_append_val (words, n);
      for (guint k = self->taking_first[t][source]; k < self->taking_first[t][source + 1]; k++)
        g_array_append_val (words, g_array_index (self->taking[t], guint, 2 * k + 1));
    }
  key = g_bytes_new (words->data, words->len * sizeof (guint));
  if ((found = find_profile (self, NP_DIRECTION_INGRESS, key)) != NULL)
    goto finish;

  for (guint b = 0; b < self->n_blocks; b++)
    begin_admin (self, b);
  for (guint t = 0; t < 2; t++)
    {
      GArray *taking = self->taking[t];

      if (t == 1)
        for (guint b = 0; b < self->n_blocks; b++)
          begin_baseline (self, b, self->k8s_ingress[self->block_class[b]] == NP_SET_EMPTY);
      for (guint k = self->taking_first[t][source]; k < self->taking_first[t][source + 1]; k++)
        {
          guint index = g_array_index (taking, guint, 2 * k + 1);
          const NpEvalClusterRule *rule = self->rules->pdata[index];
          GArray *blocks = g_hash_table_lookup (self->subject_blocks, rule);

          for (guint i = 0; blocks != NULL && i < blocks->len; i++)
            {
              guint b = g_array_index (blocks, guint, i);

              apply_rule (self, t == 1, rule, index, b, self->block_class[b]);
            }
        }
    }
finish:
  finish_side (self, keep_profile (self, row, NP_DIRECTION_INGRESS, key, found), row->ingress);
}

static int
compare_taking (gconstpointer a, gconstpointer b)
{
  const guint *x = a, *y = b;

  /* By class, then by the rules' order (their index). */
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return (x[1] > y[1]) - (x[1] < y[1]);
}

/* What decides a destination class's way through the tiers, besides the
 * rules' peers and subjects: whether it is a workload, whether a
 * NetworkPolicy isolates its ingress, and its named ports (a named port
 * resolves on the destination). */
static guint
block_traits (NpConnRowsCluster *self, guint c, GHashTable *port_lists)
{
  const NpEndpoint *representative = &self->representatives[c];
  g_autoptr(GString) ports = g_string_new (NULL);
  gpointer found;

  if (representative->kind == NP_ENDPOINT_WORKLOAD)
    {
      const NpWorkload *workload = np_inventory_get_workload (np_evaluator_get_inventory (self->evaluator),
                                                              representative->workload);

      g_string_append_c (ports, 'w');
      for (guint i = 0; i < workload->ports->len; i++)
        {
          const NpContainerPort *port = workload->ports->pdata[i];

          /* Lengths first: no name or protocol can pass for another. */
          g_string_append_printf (ports, "%zu:%s%zu:%s%u;", port->name != NULL ? strlen (port->name) : 0,
                                  port->name != NULL ? port->name : "",
                                  port->protocol != NULL ? strlen (port->protocol) : 0,
                                  port->protocol != NULL ? port->protocol : "", port->port);
        }
    }
  else
    g_string_append_printf (ports, "k%d", representative->kind);
  g_string_append_c (ports, self->k8s_ingress[c] == NP_SET_EMPTY ? 'i' : 'o');
  if (!g_hash_table_lookup_extended (port_lists, ports->str, NULL, &found))
    {
      found = GUINT_TO_POINTER (g_hash_table_size (port_lists));
      g_hash_table_insert (port_lists, g_strdup (ports->str), found);
    }
  return GPOINTER_TO_UINT (found);
}

/* The blocks of @classes, each once, in their first class's order. */
static GArray *
blocks_of (NpConnRowsCluster *self, GArray *classes, guint8 *seen)
{
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < classes->len; i++)
    {
      guint b = self->block_of[g_array_index (classes, guint, i)];

      if (!seen[b])
        {
          seen[b] = 1;
          g_array_append_val (blocks, b);
        }
    }
  for (guint i = 0; i < blocks->len; i++)
    seen[g_array_index (blocks, guint, i)] = 0;
  return blocks;
}

/* Parts the destination classes into blocks: a class's key is its traits,
 * then the egress rules whose peers take it and the policies that select
 * it, in their order. */
static void
init_blocks (NpConnRowsCluster *self, GPtrArray *policy_subjects, GArray *egress_rules)
{
  GArray *destinations = self->peers[NP_DIRECTION_EGRESS];
  g_autoptr(GHashTable) port_lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  g_autofree GArray **words = g_new0 (GArray *, MAX (self->n_classes, 1));
  g_autofree guint *count = NULL;
  g_autofree guint8 *seen = NULL;

  self->block_of = g_new0 (guint, MAX (self->n_classes, 1));
  for (guint i = 0; i < destinations->len; i++)
    {
      guint c = g_array_index (destinations, guint, i);
      guint traits = block_traits (self, c, port_lists);

      words[c] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (words[c], traits);
    }
  for (guint k = 0; k < egress_rules->len; k++)
    {
      guint index = g_array_index (egress_rules, guint, k);
      GArray *matches = self->rule_matches[index];

      for (guint m = 0; m < matches->len; m++)
        g_array_append_val (words[g_array_index (matches, guint, m)], index);
    }
  for (guint p = 0; p < policy_subjects->len; p++)
    {
      GArray *subjects = policy_subjects->pdata[p];
      guint word = self->rules->len + p;

      for (guint m = 0; m < subjects->len; m++)
        g_array_append_val (words[g_array_index (subjects, guint, m)], word);
    }

  /* Numbered in the order of their first class. */
  self->block_class = g_new (guint, MAX (destinations->len, 1));
  for (guint i = 0; i < destinations->len; i++)
    {
      guint c = g_array_index (destinations, guint, i);
      GBytes *key = g_bytes_new (words[c]->data, words[c]->len * sizeof (guint));
      gpointer found;

      if (!g_hash_table_lookup_extended (keys, key, NULL, &found))
        {
          found = GUINT_TO_POINTER (self->n_blocks);
          self->block_class[self->n_blocks++] = c;
          g_hash_table_insert (keys, g_bytes_ref (key), found);
        }
      self->block_of[c] = GPOINTER_TO_UINT (found);
      g_bytes_unref (key);
      g_array_unref (words[c]);
    }
  /* Their classes, block by block, in the destinations' order. */
  count = g_new0 (guint, self->n_blocks + 1);
  for (guint i = 0; i < destinations->len; i++)
    count[self->block_of[g_array_index (destinations, guint, i)] + 1]++;
  self->block_first = g_new0 (guint, self->n_blocks + 1);
  for (guint b = 0; b < self->n_blocks; b++)
    self->block_first[b + 1] = self->block_first[b] + count[b + 1];
  self->block_members = g_new (guint, MAX (destinations->len, 1));
  memset (count, 0, (self->n_blocks + 1) * sizeof (guint));
  for (guint i = 0; i < destinations->len; i++)
    {
      guint c = g_array_index (destinations, guint, i);
      guint b = self->block_of[c];

      self->block_members[self->block_first[b] + count[b]++] = c;
    }

  seen = g_new0 (guint8, MAX (self->n_blocks, 1));
  self->rule_blocks = g_new0 (GArray *, MAX (self->rules->len, 1));
  for (guint k = 0; k < egress_rules->len; k++)
    {
      guint index = g_array_index (egress_rules, guint, k);

      self->rule_blocks[index] = blocks_of (self, self->rule_matches[index], seen);
    }
  self->subject_blocks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  {
    GHashTableIter iter;
    gpointer rule, subjects;
    g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);

    /* A policy's ingress rules share its subjects, and so its blocks. */
    g_hash_table_iter_init (&iter, self->subjects);
    while (g_hash_table_iter_next (&iter, &rule, &subjects))
      {
        GArray *blocks = g_hash_table_lookup (done, subjects);

        if (blocks == NULL)
          {
            blocks = blocks_of (self, subjects, seen);
            g_hash_table_insert (done, subjects, blocks);
          }
        else
          g_array_ref (blocks);
        g_hash_table_insert (self->subject_blocks, rule, blocks);
      }
  }
}

static void
cluster_init (NpConnRowsCluster *self)
{
  NpEvalCluster *cluster = self->cluster;
  g_autoptr(GPtrArray) policy_subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) egress_rules = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_rules;

  self->rule_index = g_hash_table_new (NULL, NULL);
  self->rules = g_ptr_array_new ();
  self->subjects = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  /* Rules numbered in the order the tiers ask them: Admin then Baseline,
   * by priority, each policy's rules in order. */
  for (guint t = 0; t < 2; t++)
    {
      GPtrArray *sorted = t == 0 ? cluster->admin : cluster->baseline;

      for (guint p = 0; p < sorted->len; p++)
        {
          NpEvalClusterPolicy *policy = sorted->pdata[p];
          GArray *subjects = g_array_new (FALSE, FALSE, sizeof (guint));

          for (guint d = 0; d < 2; d++)
            for (guint r = 0; r < policy->rules[d]->len; r++)
              {
                g_ptr_array_add (self->rules, policy->rules[d]->pdata[r]);
                g_hash_table_insert (self->rule_index, policy->rules[d]->pdata[r],
                                     GUINT_TO_POINTER (self->rules->len));
              }
          /* The destination classes it selects, for its ingress rules. */
          for (guint i = 0; i < self->peers[NP_DIRECTION_EGRESS]->len; i++)
            {
              guint c = g_array_index (self->peers[NP_DIRECTION_EGRESS], guint, i);

              if (c < self->n_workload_classes && policy->subjects[self->representatives[c].workload])
                g_array_append_val (subjects, c);
            }
          for (guint r = 0; r < policy->rules[NP_DIRECTION_INGRESS]->len; r++)
            g_hash_table_insert (self->subjects, policy->rules[NP_DIRECTION_INGRESS]->pdata[r],
                                 g_array_ref (subjects));
          g_ptr_array_add (policy_subjects, subjects);
        }
    }
  n_rules = self->rules->len;
  self->rule_set = g_new0 (guint, MAX (n_rules, 1));
  self->rule_named = g_new0 (guint *, MAX (n_rules, 1));
  self->rule_matches = g_new0 (GArray *, MAX (n_rules, 1));
  for (guint t = 0; t < 2; t++)
    {
      self->taking[t] = g_array_new (FALSE, FALSE, sizeof (guint));
      self->taking_first[t] = g_new0 (guint, self->n_classes + 1);
    }
  /* Each rule's peer classes; the ingress ones by the class they take. */
  for (guint t = 0, index = 0; t < 2; t++)
    {
      GPtrArray *sorted = t == 0 ? cluster->admin : cluster->baseline;

      for (guint p = 0; p < sorted->len; p++)
        {
          NpEvalClusterPolicy *policy = sorted->pdata[p];

          for (guint d = 0; d < 2; d++)
            for (guint r = 0; r < policy->rules[d]->len; r++, index++)
              {
                const NpEvalClusterRule *rule = policy->rules[d]->pdata[r];
                GArray *peers = self->peers[d];
                const guint *peer = (const guint *) peers->data;
                GArray *matches;
                guint *match;
                guint n = 0;

                /* An action netpol-analyzer does not know decides nothing. */
                if (rule->action == NP_CLUSTER_ACTION_NONE)
                  continue;
                /* Room for every peer, written in place. */
                matches = g_array_sized_new (FALSE, FALSE, sizeof (guint), peers->len);
                g_array_set_size (matches, peers->len);
                match = (guint *) matches->data;
                for (guint i = 0; i < peers->len; i++)
                  {
                    guint c = peer[i];

                    /* Without networks peers only a workload's own selectors
                     * can take it (np_eval_cluster_peer_matches()). */
                    if (rule->blocks->len == 0
                        ? c < self->n_workload_classes && rule->workloads[self->representatives[c].workload]
                        : np_eval_cluster_peer_matches (self->evaluator, rule, &self->representatives[c]))
                      match[n++] = c;
                  }
                g_array_set_size (matches, n);
                if (d == NP_DIRECTION_INGRESS)
                  {
                    GArray *taking = self->taking[t];
                    guint *pair;
                    guint first = taking->len;

                    g_array_set_size (taking, first + 2 * n);
                    pair = &g_array_index (taking, guint, first);
                    for (guint m = 0; m < n; m++, pair += 2)
                      {
                        pair[0] = match[m];
                        pair[1] = index;
                      }
                  }
                self->rule_matches[index] = matches;
                if (d == NP_DIRECTION_EGRESS)
                  g_array_append_val (egress_rules, index);
              }
        }
    }
  init_blocks (self, policy_subjects, egress_rules);
  for (guint t = 0; t < 2; t++)
    {
      GArray *taking = self->taking[t];
      guint n = taking->len / 2;

      if (n > 0)
        qsort (taking->data, n, 2 * sizeof (guint), compare_taking);
      /* taking_first[c] .. taking_first[c + 1]: class c's pairs. */
      for (guint k = 0, c = 0; c <= self->n_classes; c++)
        {
          while (k < n && g_array_index (taking, guint, 2 * k) < c)
            k++;
          self->taking_first[t][c] = k;
        }
    }
}

/* The rows ------------------------------------------------------------------- */

NpConnRowsCluster *
np_conn_rows_cluster_new (NpEvaluator    *evaluator,
                          NpConnSetTable *sets,
                          NpConnK8sTier  *k8s,
                          const guint    *class_of)
{
  guint n_workloads = np_inventory_get_n_workloads (np_evaluator_get_inventory (evaluator));
  const NpEndpoint *representatives;
  guint n_classes, n_workload_classes;
  NpConnRowsCluster *self;

  g_return_val_if_fail (evaluator->cluster != NULL, NULL);
  g_atomic_int_inc (&n_made);
  representatives = np_conn_k8s_tier_get_classes (k8s, &n_classes, &n_workload_classes);
  self = g_new0 (NpConnRowsCluster, 1);
  self->evaluator = evaluator;
  self->cluster = evaluator->cluster;
  self->n_classes = n_classes;
  self->n_workload_classes = n_workload_classes;
  self->representatives = representatives;
  self->sets = sets;
  self->k8s = k8s;
  self->k8s_ingress = np_conn_k8s_tier_get_ingress (k8s);
  for (guint d = 0; d < 2; d++)
    self->peers[d] = np_conn_k8s_tier_get_peers (k8s, d);
  /* The pair of a class with itself is decided between two of its pods
   * (np-connlist.c's classes_allowed()): the warnings name the second. */
  self->second = g_new (guint, MAX (n_classes, 1));
  for (guint c = 0; c < n_classes; c++)
    self->second[c] = G_MAXUINT;
  for (guint w = 0; w < n_workloads; w++)
    {
      guint c = class_of[w];

      if (c < n_workload_classes && representatives[c].workload != w && self->second[c] == G_MAXUINT)
        self->second[c] = w;
    }
  self->open = g_new (guint, MAX (n_classes, 1));
  self->undecided = g_new (guint, MAX (n_classes, 1));
  self->allowed = g_new (guint, MAX (n_classes, 1));
  self->denied = g_new (guint, MAX (n_classes, 1));
  self->noted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->unkept.entries = g_array_new (FALSE, FALSE, sizeof (guint));
  self->unkept.noted = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint d = 0; d < 2; d++)
    self->profiles[d] = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                               profile_free);
  cluster_init (self);
  return self;
}

void
np_conn_rows_cluster_free (NpConnRowsCluster *self)
{
  if (self == NULL)
    return;
  for (guint r = 0; r < self->rules->len; r++)
    if (self->rule_matches[r] != NULL)
      g_array_unref (self->rule_matches[r]);
  g_free (self->rule_matches);
  g_free (self->rule_set);
  for (guint r = 0; r < self->rules->len; r++)
    g_free (self->rule_named[r]);
  g_free (self->rule_named);
  g_hash_table_unref (self->rule_index);
  g_hash_table_unref (self->subjects);
  for (guint r = 0; r < self->rules->len; r++)
    if (self->rule_blocks[r] != NULL)
      g_array_unref (self->rule_blocks[r]);
  g_free (self->rule_blocks);
  g_hash_table_unref (self->subject_blocks);
  g_free (self->block_of);
  g_free (self->block_class);
  g_free (self->block_first);
  g_free (self->block_members);
  g_ptr_array_unref (self->rules);
  for (guint t = 0; t < 2; t++)
    {
      g_array_unref (self->taking[t]);
      g_free (self->taking_first[t]);
    }
  g_free (self->open);
  g_free (self->undecided);
  g_free (self->allowed);
  g_free (self->denied);
  g_array_unref (self->noted);
  g_array_unref (self->unkept.entries);
  g_array_unref (self->unkept.noted);
  for (guint d = 0; d < 2; d++)
    g_hash_table_unref (self->profiles[d]);
  g_free (self->second);
  g_free (self);
}

void
np_conn_rows_cluster_start (NpConnRowsCluster *self,
                            NpConnRow         *row)
{
  guint source = row->source;
  /* Locals, so that the loops below need not read them again after each
   * store into the row. */
  guint n_classes = self->n_classes;
  guint *egress = row->egress;
  const guint *ingress = row->ingress;
  guint8 *live = row->live;

  for (guint d = 0; d < 2; d++)
    g_clear_pointer (&row->warns[d], g_hash_table_unref);
  for (guint c = 0; c < n_classes; c++)
    egress[c] = NP_SET_ALL;
  /* Ranges have no egress policy, nor ingress. The NetworkPolicy tier
   * fills the whole ingress row. */
  if (source < self->n_workload_classes)
    cluster_egress (self, row, source, np_conn_k8s_tier_egress (self->k8s, source, egress));
  np_conn_k8s_tier_ingress (self->k8s, source, row->ingress);
  cluster_ingress (self, row, source);
  /* As np-connlist-rows.c's: two sides that allow something may still
   * allow nothing together; the pair is decided when asked. */
  for (guint c = 0; c < n_classes; c++)
    live[c] = egress[c] != NP_SET_EMPTY && ingress[c] != NP_SET_EMPTY;
  /* A pair with warnings is asked, whatever it allows. */
  for (guint d = 0; d < 2; d++)
    {
      GHashTableIter iter;
      gpointer key;

      if (row->warns[d] == NULL)
        continue;
      g_hash_table_iter_init (&iter, row->warns[d]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (d == NP_DIRECTION_EGRESS || egress[GPOINTER_TO_UINT (key)] != NP_SET_EMPTY)
          live[GPOINTER_TO_UINT (key)] = TRUE;
    }
}

/* Adds the warnings of the pair (source, @destination) the first time the
 * row is asked about it: egress, then ingress when egress allows
 * something. (A later row of the same class adds them again: the
 * evaluator keeps each once, where it came first.) */
static void
add_warnings (NpConnRowsCluster *self, NpConnRow *row, guint destination)
{
  NpEndpoint endpoint = self->representatives[destination];

  if (!(row->warns[NP_DIRECTION_EGRESS] != NULL &&
        g_hash_table_contains (row->warns[NP_DIRECTION_EGRESS], GUINT_TO_POINTER (destination))) &&
      !(row->warns[NP_DIRECTION_INGRESS] != NULL &&
        g_hash_table_contains (row->warns[NP_DIRECTION_INGRESS], GUINT_TO_POINTER (destination))))
    return;
  if (row->source == destination && self->second[destination] != G_MAXUINT)
    endpoint.workload = self->second[destination];
  for (guint k = 0; k < 2; k++)
    {
      NpDirection d = k == 0 ? NP_DIRECTION_EGRESS : NP_DIRECTION_INGRESS;
      GPtrArray *rules;

      if (row->warns[d] == NULL || (d == NP_DIRECTION_INGRESS && row->egress[destination] == NP_SET_EMPTY))
        continue;
      rules = g_hash_table_lookup (row->warns[d], GUINT_TO_POINTER (destination));
      for (guint r = 0; rules != NULL && r < rules->len; r++)
        np_conn_set_free (np_eval_cluster_rule_conns (self->evaluator, rules->pdata[r], &endpoint, NULL));
    }
  /* Once per row: forget them. */
  for (guint d = 0; d < 2; d++)
    if (row->warns[d] != NULL)
      g_hash_table_remove (row->warns[d], GUINT_TO_POINTER (destination));
}

const NpConnSet *
np_conn_rows_cluster_allowed (NpConnRowsCluster *self,
                              NpConnRow         *row,
                              guint              destination)
{
  if (row->warns[0] != NULL || row->warns[1] != NULL)
    add_warnings (self, row, destination);
  return np_conn_set_table_get (self->sets,
                                np_conn_set_table_intersect (self->sets, row->egress[destination],
                                                             row->ingress[destination]));
}
