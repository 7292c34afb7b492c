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

struct _NpConnSet
{
  GArray *ranges[NP_N_PROTOCOLS];  /* PortRange, sorted, disjoint, not adjacent */
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

NpConnSet *
np_conn_set_new (void)
{
  NpConnSet *set = g_new0 (NpConnSet, 1);

  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    set->ranges[i] = g_array_new (FALSE, FALSE, sizeof (PortRange));
  return set;
}

NpConnSet *
np_conn_set_new_all (void)
{
  NpConnSet *set = np_conn_set_new ();

  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    np_conn_set_add_range (set, i, NP_PORT_MIN, NP_PORT_MAX);
  return set;
}

NpConnSet *
np_conn_set_copy (const NpConnSet *set)
{
  NpConnSet *copy;

  g_return_val_if_fail (set != NULL, NULL);

  copy = g_new0 (NpConnSet, 1);
  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    copy->ranges[i] = g_array_copy (set->ranges[i]);
  return copy;
}

void
np_conn_set_free (NpConnSet *set)
{
  if (set == NULL)
    return;
  for (guint i = 0; i < NP_N_PROTOCOLS; i++)
    g_array_unref (set->ranges[i]);
  g_free (set);
}

void
np_conn_set_add_range (NpConnSet  *set,
                       NpProtocol  protocol,
                       guint       first,
                       guint       last)
{
  GArray *ranges;
  g_autoptr(GArray) merged = NULL;
  PortRange add;
  guint i = 0;

  g_return_if_fail (set != NULL);
  g_return_if_fail (protocol < NP_N_PROTOCOLS);

  first = MAX (first, NP_PORT_MIN);
  last = MIN (last, NP_PORT_MAX);
  if (first > last)
    return;

  ranges = set->ranges[protocol];
  merged = g_array_sized_new (FALSE, FALSE, sizeof (PortRange), ranges->len + 1);
  add.first = first;
  add.last = last;
  /* Ranges wholly before the new one stay as they are. */
  for (; i < ranges->len && g_array_index (ranges, PortRange, i).last + 1 < first; i++)
    g_array_append_val (merged, g_array_index (ranges, PortRange, i));
  /* Overlapping or adjacent ones join it. */
  for (; i < ranges->len && g_array_index (ranges, PortRange, i).first <= last + 1; i++)
    {
      add.first = MIN (add.first, g_array_index (ranges, PortRange, i).first);
      add.last = MAX (add.last, g_array_index (ranges, PortRange, i).last);
    }
  g_array_append_val (merged, add);
  for (; i < ranges->len; i++)
    g_array_append_val (merged, g_array_index (ranges, PortRange, i));

  g_array_unref (set->ranges[protocol]);
  set->ranges[protocol] = g_steal_pointer (&merged);
}

void
np_conn_set_union (NpConnSet       *set,
                   const NpConnSet *other)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (other != NULL);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    for (guint i = 0; i < other->ranges[p]->len; i++)
      {
        PortRange *r = &g_array_index (other->ranges[p], PortRange, i);

        np_conn_set_add_range (set, p, r->first, r->last);
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
      GArray *a = set->ranges[p];
      GArray *b = other->ranges[p];
      GArray *out = g_array_new (FALSE, FALSE, sizeof (PortRange));
      guint i = 0, j = 0;

      while (i < a->len && j < b->len)
        {
          PortRange *ra = &g_array_index (a, PortRange, i);
          PortRange *rb = &g_array_index (b, PortRange, j);
          PortRange r = { MAX (ra->first, rb->first), MIN (ra->last, rb->last) };

          if (r.first <= r.last)
            g_array_append_val (out, r);
          if (ra->last < rb->last)
            i++;
          else
            j++;
        }
      g_array_unref (set->ranges[p]);
      set->ranges[p] = out;
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
      GArray *out = g_array_new (FALSE, FALSE, sizeof (PortRange));
      GArray *cut = other->ranges[p];

      for (guint i = 0; i < set->ranges[p]->len; i++)
        {
          PortRange rest = g_array_index (set->ranges[p], PortRange, i);

          for (guint j = 0; j < cut->len && rest.first <= rest.last; j++)
            {
              PortRange *c = &g_array_index (cut, PortRange, j);

              if (c->last < rest.first || c->first > rest.last)
                continue;
              if (c->first > rest.first)
                {
                  PortRange before = { rest.first, c->first - 1 };

                  g_array_append_val (out, before);
                }
              rest.first = c->last + 1;
            }
          if (rest.first <= rest.last)
            g_array_append_val (out, rest);
        }
      g_array_unref (set->ranges[p]);
      set->ranges[p] = out;
    }
}

gboolean
np_conn_set_is_empty (const NpConnSet *set)
{
  g_return_val_if_fail (set != NULL, TRUE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    if (set->ranges[p]->len > 0)
      return FALSE;
  return TRUE;
}

gboolean
np_conn_set_is_all (const NpConnSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);

  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      GArray *r = set->ranges[p];

      if (r->len != 1 || g_array_index (r, PortRange, 0).first != NP_PORT_MIN ||
          g_array_index (r, PortRange, 0).last != NP_PORT_MAX)
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
      if (a->ranges[p]->len != b->ranges[p]->len)
        return FALSE;
      if (a->ranges[p]->len > 0 &&
          memcmp (a->ranges[p]->data, b->ranges[p]->data, a->ranges[p]->len * sizeof (PortRange)) != 0)
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

  for (guint i = 0; i < set->ranges[protocol]->len; i++)
    {
      PortRange *r = &g_array_index (set->ranges[protocol], PortRange, i);

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

  for (guint i = 0; i < set->ranges[protocol]->len; i++)
    {
      PortRange *r = &g_array_index (set->ranges[protocol], PortRange, i);
      guint after = r->last + 1;

      g_array_append_val (bounds, r->first);
      g_array_append_val (bounds, after);
    }
}

char *
np_conn_set_to_string (const NpConnSet *set)
{
  GString *out;

  g_return_val_if_fail (set != NULL, NULL);

  if (np_conn_set_is_all (set))
    return g_strdup ("All Connections"); /* not translated: netpol-analyzer's output, compared by tools */
  out = g_string_new (NULL);
  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    {
      GArray *ranges = set->ranges[p];

      if (ranges->len == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "%s ", protocol_names[p]);
      for (guint i = 0; i < ranges->len; i++)
        {
          PortRange *r = &g_array_index (ranges, PortRange, i);

          if (i > 0)
            g_string_append_c (out, ',');
          if (r->first == r->last)
            g_string_append_printf (out, "%u", r->first);
          else
            g_string_append_printf (out, "%u-%u", r->first, r->last);
        }
    }
  return g_string_free (out, FALSE);
}
