/* np-conn-set-table.c: connection sets interned as numbers, their combinations remembered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-conn-set-table.h"

NpConnSetTable *
np_conn_set_table_new (guint recent_size)
{
  NpConnSetTable *self;

  g_return_val_if_fail (recent_size > 0 && (recent_size & (recent_size - 1)) == 0, NULL);
  self = g_new0 (NpConnSetTable, 1);
  self->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) np_conn_set_free);
  self->numbers = g_hash_table_new (np_conn_set_hash, (GEqualFunc) np_conn_set_equal);
  np_conn_set_table_intern (self, np_conn_set_new ());
  np_conn_set_table_intern (self, np_conn_set_new_all ());
  self->recent_mask = recent_size - 1;
  for (guint op = 0; op < NP_SET_N_OPS; op++)
    {
      self->memo[op] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      self->recent[op] = g_new (NpSetRecent, recent_size);
      /* No number is G_MAXUINT: nothing is remembered yet. */
      for (guint i = 0; i < recent_size; i++)
        self->recent[op][i].a = G_MAXUINT;
    }
  return self;
}

void
np_conn_set_table_free (NpConnSetTable *self)
{
  if (self == NULL)
    return;
  for (guint op = 0; op < NP_SET_N_OPS; op++)
    {
      g_hash_table_unref (self->memo[op]);
      g_free (self->recent[op]);
    }
  g_hash_table_unref (self->numbers);
  g_ptr_array_unref (self->sets);
  g_free (self);
}

guint
np_conn_set_table_intern (NpConnSetTable *self,
                          NpConnSet      *set)
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

/* Called with the operands ordered (union and intersection) and neither
 * quick answer nor a recent one found. */
guint
np_conn_set_table_combine_slow (NpConnSetTable *self,
                                guint           a,
                                guint           b,
                                NpSetOp         op)
{
  NpSetRecent *recent = &self->recent[op][(a * 2654435761u + b) & self->recent_mask];
  gint64 key = ((gint64) a << 32) | b;
  gpointer found = g_hash_table_lookup (self->memo[op], &key);

  if (found == NULL)
    {
      NpConnSet *set = np_conn_set_copy (self->sets->pdata[a]);

      if (op == NP_SET_OP_UNION)
        np_conn_set_union (set, self->sets->pdata[b]);
      else if (op == NP_SET_OP_INTERSECT)
        np_conn_set_intersect (set, self->sets->pdata[b]);
      else
        np_conn_set_subtract (set, self->sets->pdata[b]);
      found = GUINT_TO_POINTER (np_conn_set_table_intern (self, set) + 1);
      g_hash_table_insert (self->memo[op], g_memdup2 (&key, sizeof key), found);
    }
  *recent = (NpSetRecent) { a, b, GPOINTER_TO_UINT (found) - 1 };
  return recent->result;
}
