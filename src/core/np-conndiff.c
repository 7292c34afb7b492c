/* np-conndiff.c: connections gained, lost and changed between two connectivity lists
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workload pairs are matched by name. Pairs with an external range cannot
 * be: the two sides cut the address space at the boundaries of their own
 * ipBlocks, so "0.0.0.0-255.255.255.255" on one side may be
 * "0.0.0.0-127.255.255.255" and "128.0.0.0-255.255.255.255" on the other.
 * As netpol-analyzer does (diff.go, eval/peer.go DisjointPeerIPMap and
 * MergePeerIPList), both sides' ranges are cut at the union of their
 * boundaries, compared piece by piece, and the neighbouring pieces that
 * changed alike are joined again.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-addr.h"
#include "np-conndiff.h"

void
np_conn_diff_free (NpConnDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->source);
  g_free (diff->destination);
  g_clear_pointer (&diff->old_conns, np_conn_set_free);
  g_clear_pointer (&diff->new_conns, np_conn_set_free);
  g_free (diff);
}

static int
compare_pair (const char *source_a, const char *destination_a,
              const char *source_b, const char *destination_b)
{
  int cmp = strcmp (source_a, source_b);

  return cmp != 0 ? cmp : strcmp (destination_a, destination_b);
}

static int
compare_diff_ptrs (gconstpointer a, gconstpointer b)
{
  const NpConnDiff *x = *(NpConnDiff * const *) a;
  const NpConnDiff *y = *(NpConnDiff * const *) b;

  return compare_pair (x->source, x->destination, y->source, y->destination);
}

static gboolean
sets_equal (const NpConnSet *a, const NpConnSet *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return np_conn_set_equal (a, b);
}

/* A new row; @old_conns and @new_conns are copied, NULL where the side
 * allows nothing. */
static NpConnDiff *
conn_diff_new (const char *source, const char *destination,
               const NpConnSet *old_conns, const NpConnSet *new_conns)
{
  NpConnDiff *diff = g_new0 (NpConnDiff, 1);

  if (old_conns == NULL)
    diff->kind = NP_CONN_DIFF_ADDED;
  else if (new_conns == NULL)
    diff->kind = NP_CONN_DIFF_REMOVED;
  else if (np_conn_set_equal (old_conns, new_conns))
    diff->kind = NP_CONN_DIFF_UNCHANGED;
  else
    diff->kind = NP_CONN_DIFF_CHANGED;
  diff->source = g_strdup (source);
  diff->destination = g_strdup (destination);
  diff->old_conns = old_conns != NULL ? np_conn_set_copy (old_conns) : NULL;
  diff->new_conns = new_conns != NULL ? np_conn_set_copy (new_conns) : NULL;
  return diff;
}

/* Addresses ---------------------------------------------------------------- */

/* One interval of an external end, with what one side allows it. */
typedef struct {
  int              family;
  NpAddr             first;
  NpAddr             last;
  const NpConnSet *conns;  /* borrowed from the connection */
} Segment;

static int
compare_segments (gconstpointer a, gconstpointer b)
{
  const Segment *x = a;
  const Segment *y = b;

  return np_addr_compare (&x->first, &y->first);
}

#define EXTERNAL_SUFFIX "[External]"

/* Appends the intervals of @display ("A-B[External]", several joined by
 * ","), each with @conns, to @segments. FALSE when @display is no external
 * range, or one this code cannot read (then it is compared as text). */
static gboolean
parse_external (const char *display, const NpConnSet *conns, GArray *segments)
{
  g_autofree char *body = NULL;
  g_auto(GStrv) parts = NULL;
  guint start = segments->len;

  if (!g_str_has_suffix (display, EXTERNAL_SUFFIX))
    return FALSE;
  body = g_strndup (display, strlen (display) - strlen (EXTERNAL_SUFFIX));
  parts = g_strsplit (body, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      /* IPv6 addresses hold no "-", so the first one separates the ends. */
      char *dash = strchr (parts[i], '-');
      Segment segment = { 0 };
      int last_family = 0;

      segment.conns = conns;
      if (dash != NULL)
        *dash = '\0';
      if (!np_addr_parse (parts[i], &segment.family, &segment.first) ||
          !np_addr_parse (dash != NULL ? dash + 1 : parts[i], &last_family, &segment.last) ||
          last_family != segment.family || np_addr_compare (&segment.first, &segment.last) > 0)
        {
          g_array_set_size (segments, start);
          return FALSE;
        }
      g_array_append_val (segments, segment);
    }
  return parts[0] != NULL;
}

static char *
range_display (int family, const NpAddr *first, const NpAddr *last)
{
  g_autofree char *a = np_addr_to_string (family, first);
  g_autofree char *b = np_addr_to_string (family, last);

  return g_strdup_printf ("%s-%s" EXTERNAL_SUFFIX, a, b);
}

/* The external ends of one workload end ----------------------------------- */

/* Everything both sides allow between one workload and the outside, in
 * one direction. */
typedef struct {
  char     *workload;
  gboolean  external_is_source;
  GArray   *old_segments;  /* Segment */
  GArray   *new_segments;
} ExternalGroup;

static void
external_group_free (gpointer data)
{
  ExternalGroup *group = data;

  g_free (group->workload);
  g_array_unref (group->old_segments);
  g_array_unref (group->new_segments);
  g_free (group);
}

/* The connections of @segments (sorted by first address) at @address, or
 * NULL; @cursor walks forward as @address grows. The ranges of one side are
 * disjoint, as np_connlist_compute() cuts them, so the first segment that
 * holds @address is the only one. */
static const NpConnSet *
segment_at (GArray *segments, guint *cursor, int family, const NpAddr *address)
{
  while (*cursor < segments->len)
    {
      const Segment *s = &g_array_index (segments, Segment, *cursor);

      if (s->family < family || (s->family == family && np_addr_compare (&s->last, address) < 0))
        (*cursor)++;
      else
        break;
    }
  for (guint i = *cursor; i < segments->len; i++)
    {
      const Segment *s = &g_array_index (segments, Segment, i);

      if (s->family != family || np_addr_compare (&s->first, address) > 0)
        break;
      if (np_addr_compare (&s->last, address) >= 0)
        return s->conns;
    }
  return NULL;
}

static int
compare_family_segments (gconstpointer a, gconstpointer b)
{
  const Segment *x = a;
  const Segment *y = b;

  if (x->family != y->family)
    return x->family - y->family;
  return compare_segments (a, b);
}

/* The rows of @group: the address space cut at every boundary of either
 * side, each piece compared, and neighbouring pieces that changed alike
 * joined into one row. */
static void
refine_group (ExternalGroup *group, NpConnDiffFlags flags, GPtrArray *diffs)
{
  g_array_sort (group->old_segments, compare_family_segments);
  g_array_sort (group->new_segments, compare_family_segments);

  for (int family = 4; family <= 6; family += 2)
    {
      g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (NpAddr));
      GArray *sides[2] = { group->old_segments, group->new_segments };
      guint old_cursor = 0, new_cursor = 0;
      const NpConnSet *run_old = NULL, *run_new = NULL;
      NpAddr run_first = { 0, 0 }, run_last = { 0, 0 };
      gboolean in_run = FALSE;

      for (guint side = 0; side < 2; side++)
        for (guint i = 0; i < sides[side]->len; i++)
          {
            const Segment *s = &g_array_index (sides[side], Segment, i);
            NpAddr next;

            if (s->family != family)
              continue;
            g_array_append_val (bounds, s->first);
            if (np_addr_next (family, &s->last, &next))
              g_array_append_val (bounds, next);
          }
      g_array_sort (bounds, np_addr_compare_func);

      for (guint i = 0; i <= bounds->len; i++)
        {
          const NpAddr *first = i < bounds->len ? &g_array_index (bounds, NpAddr, i) : NULL;
          const NpConnSet *old_conns = NULL, *new_conns = NULL;
          NpAddr last;
          gboolean joins;

          if (first != NULL && i + 1 < bounds->len &&
              np_addr_compare (first, &g_array_index (bounds, NpAddr, i + 1)) == 0)
            continue;  /* the same boundary twice */
          if (first != NULL)
            {
              old_conns = segment_at (group->old_segments, &old_cursor, family, first);
              new_conns = segment_at (group->new_segments, &new_cursor, family, first);
            }

          joins = in_run && (old_conns != NULL || new_conns != NULL) &&
                  sets_equal (old_conns, run_old) && sets_equal (new_conns, run_new);
          if (in_run && !joins)
            {
              /* The run ends here: it becomes one row. */
              g_autofree char *range = range_display (family, &run_first, &run_last);
              NpConnDiff *diff = group->external_is_source
                ? conn_diff_new (range, group->workload, run_old, run_new)
                : conn_diff_new (group->workload, range, run_old, run_new);

              if (diff->kind != NP_CONN_DIFF_UNCHANGED || (flags & NP_CONNDIFF_WITH_UNCHANGED))
                g_ptr_array_add (diffs, diff);
              else
                np_conn_diff_free (diff);
              in_run = FALSE;
            }
          if (first == NULL)
            break;

          /* This piece reaches up to the next boundary, or to the end of
           * the space (when no segment covers it, nothing uses @last). */
          if (i + 1 < bounds->len)
            last = np_addr_previous (&g_array_index (bounds, NpAddr, i + 1));
          else
            {
              last.hi = family == 6 ? G_MAXUINT64 : 0;
              last.lo = family == 6 ? G_MAXUINT64 : 0xffffffffULL;
            }
          if (joins)
            run_last = last;
          else if (old_conns != NULL || new_conns != NULL)
            {
              in_run = TRUE;
              run_first = *first;
              run_last = last;
              run_old = old_conns;
              run_new = new_conns;
            }
        }
    }
}

/* Pairing ------------------------------------------------------------------ */

typedef struct {
  const NpConnection *old_c;
  const NpConnection *new_c;
} Pair;

static ExternalGroup *
lookup_group (GHashTable *groups, const char *workload, gboolean external_is_source)
{
  g_autofree char *key = g_strdup_printf ("%c%s", external_is_source ? 'S' : 'D', workload);
  ExternalGroup *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      group = g_new0 (ExternalGroup, 1);
      group->workload = g_strdup (workload);
      group->external_is_source = external_is_source;
      group->old_segments = g_array_new (FALSE, FALSE, sizeof (Segment));
      group->new_segments = g_array_new (FALSE, FALSE, sizeof (Segment));
      g_hash_table_insert (groups, g_steal_pointer (&key), group);
    }
  return group;
}

/* Sorts the connections of one side into @pairs (workload to workload) or
 * @groups (a workload and the outside). */
static void
collect_side (GPtrArray *connections, gboolean is_new, GHashTable *pairs, GPtrArray *pair_order,
              GHashTable *groups, GPtrArray *group_order)
{
  for (guint i = 0; i < connections->len; i++)
    {
      const NpConnection *c = g_ptr_array_index (connections, i);
      g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Segment));
      gboolean source_external, destination_external;

      if (np_conn_set_is_empty (c->conns))
        continue;
      source_external = parse_external (c->source, c->conns, scratch);
      destination_external = !source_external && parse_external (c->destination, c->conns, scratch);

      if (source_external || destination_external)
        {
          const char *workload = source_external ? c->destination : c->source;
          g_autofree char *key = g_strdup_printf ("%c%s", source_external ? 'S' : 'D', workload);
          gboolean known = g_hash_table_contains (groups, key);
          ExternalGroup *group = lookup_group (groups, workload, source_external);

          if (!known)
            g_ptr_array_add (group_order, group);
          g_array_append_vals (is_new ? group->new_segments : group->old_segments,
                               scratch->data, scratch->len);
        }
      else
        {
          /* "\n" never appears in a display. */
          g_autofree char *key = g_strconcat (c->source, "\n", c->destination, NULL);
          Pair *pair = g_hash_table_lookup (pairs, key);

          if (pair == NULL)
            {
              pair = g_new0 (Pair, 1);
              g_hash_table_insert (pairs, g_steal_pointer (&key), pair);
              g_ptr_array_add (pair_order, pair);
            }
          if (is_new)
            pair->new_c = c;
          else
            pair->old_c = c;
        }
    }
}

static GHashTable *
workload_set (const char * const *workloads)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; workloads[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) workloads[i]);
  return set;
}

/* A workload end missing from @set; external ranges and the ingress
 * controller never count. */
static gboolean
is_missing (GHashTable *set, const char *end)
{
  return !g_str_has_suffix (end, EXTERNAL_SUFFIX) && !g_str_equal (end, "{ingress-controller}") &&
         !g_hash_table_contains (set, end);
}

GPtrArray *
np_conndiff_compute_full (GPtrArray          *old_connections,
                          GPtrArray          *new_connections,
                          const char * const *old_workloads,
                          const char * const *new_workloads,
                          NpConnDiffFlags     flags)
{
  g_autoptr(GHashTable) pairs = NULL;
  g_autoptr(GPtrArray) pair_order = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) group_order = NULL;
  g_autoptr(GHashTable) old_set = NULL;
  g_autoptr(GHashTable) new_set = NULL;
  GPtrArray *diffs;

  g_return_val_if_fail (old_connections != NULL, NULL);
  g_return_val_if_fail (new_connections != NULL, NULL);

  pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pair_order = g_ptr_array_new ();
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, external_group_free);
  group_order = g_ptr_array_new ();
  collect_side (old_connections, FALSE, pairs, pair_order, groups, group_order);
  collect_side (new_connections, TRUE, pairs, pair_order, groups, group_order);

  diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) np_conn_diff_free);
  for (guint i = 0; i < pair_order->len; i++)
    {
      const Pair *pair = g_ptr_array_index (pair_order, i);
      const NpConnection *any = pair->old_c != NULL ? pair->old_c : pair->new_c;
      NpConnDiff *diff = conn_diff_new (any->source, any->destination,
                                        pair->old_c != NULL ? pair->old_c->conns : NULL,
                                        pair->new_c != NULL ? pair->new_c->conns : NULL);

      if (diff->kind != NP_CONN_DIFF_UNCHANGED || (flags & NP_CONNDIFF_WITH_UNCHANGED))
        g_ptr_array_add (diffs, diff);
      else
        np_conn_diff_free (diff);
    }
  for (guint i = 0; i < group_order->len; i++)
    refine_group (g_ptr_array_index (group_order, i), flags, diffs);

  /* New and lost workloads: netpol-analyzer's updateNewOrLostFields. */
  if (old_workloads != NULL && new_workloads != NULL)
    {
      old_set = workload_set (old_workloads);
      new_set = workload_set (new_workloads);
      for (guint i = 0; i < diffs->len; i++)
        {
          NpConnDiff *diff = g_ptr_array_index (diffs, i);
          GHashTable *other_side = diff->kind == NP_CONN_DIFF_ADDED ? old_set
                                   : diff->kind == NP_CONN_DIFF_REMOVED ? new_set : NULL;

          if (other_side == NULL)
            continue;
          diff->source_new_or_lost = is_missing (other_side, diff->source);
          diff->destination_new_or_lost = is_missing (other_side, diff->destination);
        }
    }

  g_ptr_array_sort (diffs, compare_diff_ptrs);
  return diffs;
}

GPtrArray *
np_conndiff_compute (GPtrArray *old_connections,
                     GPtrArray *new_connections)
{
  return np_conndiff_compute_full (old_connections, new_connections, NULL, NULL,
                                   NP_CONNDIFF_FLAGS_NONE);
}

static GStrv
workload_names (NpInventory *inventory)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < np_inventory_get_n_workloads (inventory); i++)
    g_strv_builder_add (builder, np_inventory_get_workload (inventory, i)->display);
  return g_strv_builder_end (builder);
}

GPtrArray *
np_conndiff_compute_evaluators (NpEvaluator *old_evaluator,
                                NpEvaluator *new_evaluator)
{
  g_autoptr(GPtrArray) old_connections = NULL;
  g_autoptr(GPtrArray) new_connections = NULL;
  g_auto(GStrv) old_workloads = NULL;
  g_auto(GStrv) new_workloads = NULL;

  g_return_val_if_fail (NP_IS_EVALUATOR (old_evaluator), NULL);
  g_return_val_if_fail (NP_IS_EVALUATOR (new_evaluator), NULL);

  /* Without a focus workload, computing the list cannot fail. */
  old_connections = np_connlist_compute (old_evaluator, NULL, NULL);
  new_connections = np_connlist_compute (new_evaluator, NULL, NULL);
  old_workloads = workload_names (np_evaluator_get_inventory (old_evaluator));
  new_workloads = workload_names (np_evaluator_get_inventory (new_evaluator));
  return np_conndiff_compute_full (old_connections, new_connections,
                                   (const char * const *) old_workloads,
                                   (const char * const *) new_workloads,
                                   NP_CONNDIFF_WITH_UNCHANGED);
}

guint
np_conndiff_count_changes (GPtrArray *diffs)
{
  guint n = 0;

  g_return_val_if_fail (diffs != NULL, 0);

  for (guint i = 0; i < diffs->len; i++)
    if (((NpConnDiff *) g_ptr_array_index (diffs, i))->kind != NP_CONN_DIFF_UNCHANGED)
      n++;
  return n;
}
