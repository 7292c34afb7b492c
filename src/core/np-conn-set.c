/* np-conn-set.c: sets of connections (protocol and port ranges)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-conn-set.h"

typedef struct {
  guint first;
  guint last;
} PortRange;

/* Most sets hold a range or two per protocol: those live inside the set,
 * so that a set is one allocation (the connectivity list makes and drops
 * several per pair of workloads); longer lists move to the heap. */
#define INLINE_RANGES 2

typedef struct {
  PortRange *items;  /* @inline_items, or g_new'd when @capacity > INLINE_RANGES */
  guint      len;
  guint      capacity;
  PortRange  inline_items[INLINE_RANGES];
} RangeList;

struct _NpConnSet
{
  RangeList ranges[NP_N_PROTOCOLS];  /* sorted, disjoint, not adjacent */
};

static const char * const protocol_names[NP_N_PROTOCOLS] = { "SCTP", "TCP", "UDP" };

const char *
np_protocol_to_string (NpProtocol protocol)
{
  g_return_val_if_fail (protocol < NP_N_PROTOCOLS, NULL);
  return protocol_names[protocol];
}

gboolean
np_protocol_parse (const char *text,
                   NpProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, FALSE);

  for (guint i = 0; text != NULL && i < NP_N_PROTOCOLS; i++)
    if (g_ascii_strcasecmp (text, protocol_names[i]) == 0)
      {
        *protocol = i;
        return TRUE;
      }
  return FALSE;
}

static void
range_list_init (RangeList *list)
{
  list->items = list->inline_items;
  list->len = 0;
  list->capacity = INLINE_RANGES;
}

static void
range_list_clear (RangeList *list)
{
  if (list->items != list->inline_items)
    g_free (list->items);
  range_list_init (list);
}

/* Room for @n ranges; what is there stays. */
static void
range_list_reserve (RangeList *list, guint n)
{
  guint capacity = list->capacity;

  if (n <= capacity)
    return;
  while (capacity < n)
    capacity *= 2;
  if (list->items == list->inline_items)
    {
      list->items = g_new (PortRange, capacity);
      memcpy (list->items, list->inline_items, list->len * sizeof (PortRange));
    }
  else
    list->items = g_renew (PortRange, list->items, capacity);
  list->capacity = capacity;
}

static void
range_list_append (RangeList *list, guint first, guint last)
{
  range_list_reserve (list, list->len + 1);
  list->items[list->len++] = (PortRange) { first, last };
}

/* @list becomes @other's ranges. */
static void
range_list_assign (RangeList *list, const RangeList *other)
{
  list->len = 0;
  range_list_reserve (list, other->len);
  if (other->len > 0)
    memcpy (list->items, other->items, other->len * sizeof (PortRange));
  list->len = other->len;
}

/* @list takes @other's ranges (@other is left empty). */
static void
range_list_move (RangeList *list, RangeList *other)
{
  range_list_clear (list);
  if (other->items == other->inline_items)
    {
      memcpy (list->inline_items, other->inline_items, other->len * sizeof (PortRange));
      list->len = other->len;
    }
  else
    {
      list->items = other->items;
      list->len = other->len;
      list->capacity = other->capacity;
    }
  range_list_init (other);
}

NpConnSet *
np_conn_set_new (void)
{
  NpConnSet *set = g_new (NpConnSet, 1);

  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    range_list_init (&set->ranges[i]);
  return set;
}

NpConnSet *
np_conn_set_new_all (void)
{
  NpConnSet *set = np_conn_set_new ();

  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    range_list_append (&set->ranges[i], NP_PORT_MIN, NP_PORT_MAX);
  return set;
}

NpConnSet *
np_conn_set_copy (const NpConnSet *set)
{
  NpConnSet *copy;

  g_return_val_if_fail (set != NULL, NULL);

  copy = np_conn_set_new ();
  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    range_list_assign (&copy->ranges[i], &set->ranges[i]);
  return copy;
}

guint
np_conn_set_hash (gconstpointer set)
{
  const NpConnSet *self = set;
  guint hash = 5381;

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      hash = hash * 33 + self->ranges[p].len;
      for (guint i = 0; i < self->ranges[p].len; i++)
        hash = (hash * 33 + self->ranges[p].items[i].first) * 33 + self->ranges[p].items[i].last;
    }
  return hash;
}

void
np_conn_set_free (NpConnSet *set)
{
  if (set == NULL)
    return;
  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    range_list_clear (&set->ranges[i]);
  g_free (set);
}

void
np_conn_set_add_range (NpConnSet  *set,
                       NpProtocol  protocol,
                       guint       first,
                       guint       last)
{
  RangeList *list;
  guint i, j;

  g_return_if_fail (set != NULL);
  g_return_if_fail (protocol < NP_N_PROTOCOLS);

  first = MAX (first, NP_PORT_MIN);
  last = MIN (last, NP_PORT_MAX);
  if (first > last)
    return;

  list = &set->ranges[protocol];
  /* Ranges wholly before the new one stay as they are: [0, i). */
  for (i = 0; i < list->len && list->items[i].last + 1 < first; i++)
    ;
  /* Overlapping or adjacent ones join it: [i, j). */
  for (j = i; j < list->len && list->items[j].first <= last + 1; j++)
    {
      first = MIN (first, list->items[j].first);
      last = MAX (last, list->items[j].last);
    }
  if (j == i)
    {
      /* Nothing joins: room for one more at i. */
      range_list_reserve (list, list->len + 1);
      memmove (&list->items[i + 1], &list->items[i], (list->len - i) * sizeof (PortRange));
      list->len++;
    }
  else if (j > i + 1)
    {
      /* Several join: they become the one at i. */
      memmove (&list->items[i + 1], &list->items[j], (list->len - j) * sizeof (PortRange));
      list->len -= j - i - 1;
    }
  list->items[i] = (PortRange) { first, last };
}

void
np_conn_set_union (NpConnSet       *set,
                   const NpConnSet *other)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (other != NULL);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    for (guint i = 0; i < other->ranges[p].len; i++)
      {
        PortRange r = other->ranges[p].items[i];

        np_conn_set_add_range (set, p, r.first, r.last);
      }
}

void
np_conn_set_intersect (NpConnSet       *set,
                       const NpConnSet *other)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (other != NULL);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      const RangeList *a = &set->ranges[p];
      const RangeList *b = &other->ranges[p];
      RangeList out;
      guint i = 0, j = 0;

      range_list_init (&out);
      while (i < a->len && j < b->len)
        {
          const PortRange *ra = &a->items[i];
          const PortRange *rb = &b->items[j];
          PortRange r = { MAX (ra->first, rb->first), MIN (ra->last, rb->last) };

          if (r.first <= r.last)
            range_list_append (&out, r.first, r.last);
          if (ra->last < rb->last)
            i++;
          else
            j++;
        }
      range_list_move (&set->ranges[p], &out);
    }
}

void
np_conn_set_subtract (NpConnSet       *set,
                      const NpConnSet *other)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (other != NULL);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      const RangeList *cut = &other->ranges[p];
      RangeList out;

      range_list_init (&out);
      for (guint i = 0; i < set->ranges[p].len; i++)
        {
          PortRange rest = set->ranges[p].items[i];

          for (guint j = 0; j < cut->len && rest.first <= rest.last; j++)
            {
              const PortRange *c = &cut->items[j];

              if (c->last < rest.first || c->first > rest.last)
                continue;
              if (c->first > rest.first)
                range_list_append (&out, rest.first, c->first - 1);
              rest.first = c->last + 1;
            }
          if (rest.first <= rest.last)
            range_list_append (&out, rest.first, rest.last);
        }
      range_list_move (&set->ranges[p], &out);
    }
}

gboolean
np_conn_set_is_empty (const NpConnSet *set)
{
  g_return_val_if_fail (set != NULL, TRUE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    if (set->ranges[p].len > 0)
      return FALSE;
  return TRUE;
}

gboolean
np_conn_set_is_all (const NpConnSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      const RangeList *r = &set->ranges[p];

      if (r->len != 1 || r->items[0].first != NP_PORT_MIN || r->items[0].last != NP_PORT_MAX)
        return FALSE;
    }
  return TRUE;
}

gboolean
np_conn_set_equal (const NpConnSet *a,
                   const NpConnSet *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      if (a->ranges[p].len != b->ranges[p].len)
        return FALSE;
      if (a->ranges[p].len > 0 &&
          memcmp (a->ranges[p].items, b->ranges[p].items, a->ranges[p].len * sizeof (PortRange)) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
np_conn_set_contains (const NpConnSet *set,
                      NpProtocol       protocol,
                      guint            port)
{
  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (protocol < NP_N_PROTOCOLS, FALSE);

  for (guint i = 0; i < set->ranges[protocol].len; i++)
    {
      const PortRange *r = &set->ranges[protocol].items[i];

      if (r->first <= port && port <= r->last)
        return TRUE;
    }
  return FALSE;
}

void
np_conn_set_get_bounds (const NpConnSet *set,
                        NpProtocol       protocol,
                        GArray          *bounds)
{
  g_return_if_fail (set != NULL && bounds != NULL);
  g_return_if_fail (protocol < NP_N_PROTOCOLS);

  for (guint i = 0; i < set->ranges[protocol].len; i++)
    {
      const PortRange *r = &set->ranges[protocol].items[i];
      guint after = r->last + 1;

      g_array_append_val (bounds, r->first);
      g_array_append_val (bounds, after);
    }
}

/* @value in decimal, without printf: lists write millions of ports. */
static void
append_uint (GString *out, guint value)
{
  char digits[16];
  guint n = 0;

  do
    digits[n++] = '0' + value % 10;
  while ((value /= 10) > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

void
np_conn_set_append_string (GString         *out,
                           const NpConnSet *set)
{
  gboolean any = FALSE;

  g_return_if_fail (out != NULL && set != NULL);

  if (np_conn_set_is_all (set))
    {
      g_string_append (out, "All Connections"); /* not translated: netpol-analyzer's output, compared by tools */
      return;
    }
  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      const RangeList *ranges = &set->ranges[p];

      if (ranges->len == 0)
        continue;
      if (any)
        g_string_append_c (out, ',');
      any = TRUE;
      g_string_append (out, protocol_names[p]);
      g_string_append_c (out, ' ');
      for (guint i = 0; i < ranges->len; i++)
        {
          const PortRange *r = &ranges->items[i];

          if (i > 0)
            g_string_append_c (out, ',');
          append_uint (out, r->first);
          if (r->first != r->last)
            {
              g_string_append_c (out, '-');
              append_uint (out, r->last);
            }
        }
    }
}

char *
np_conn_set_to_string (const NpConnSet *set)
{
  GString *out;

  g_return_val_if_fail (set != NULL, NULL);

  out = g_string_new (NULL);
  np_conn_set_append_string (out, set);
  return g_string_free (out, FALSE);
}
