/* np-conn-set-table.h: connection sets interned as numbers, their combinations remembered
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the connectivity rows (np-connlist-rows.c,
 * np-connlist-rows-cluster.c, np-connlist-k8s-tier.c). A row combines the
 * same few sets millions of times: as numbers, equal sets are one number,
 * and a combination already made is two reads. 0 is the empty set, 1
 * every connection; those and equal operands settle a combination at
 * once, here in the header so that the rows' loops do not call out.
 */
#pragma once

#include "np-conn-set.h"

G_BEGIN_DECLS

enum { NP_SET_EMPTY, NP_SET_ALL };

typedef enum {
  NP_SET_OP_UNION,
  NP_SET_OP_INTERSECT,
  NP_SET_OP_SUBTRACT,
  NP_SET_N_OPS
} NpSetOp;

/* A combination of two set numbers, remembered. */
typedef struct {
  guint a, b, result;
} NpSetRecent;

typedef struct {
  GPtrArray   *sets;                  /* interned NpConnSet, by number */
  GHashTable  *numbers;               /* NpConnSet (borrowed from @sets) -> number + 1 */
  GHashTable  *memo[NP_SET_N_OPS];    /* (a << 32 | b) -> number + 1 */
  /* In front of @memo: the last answers, by a hash of their operands. */
  NpSetRecent *recent[NP_SET_N_OPS];
  guint        recent_mask;
} NpConnSetTable;

/* @recent_size answers remembered per operation in front of the tables
 * (a power of two). (transfer full) */
NpConnSetTable *np_conn_set_table_new     (guint           recent_size);
void            np_conn_set_table_free    (NpConnSetTable *table);
/* The number of @set. (transfer full) */
guint           np_conn_set_table_intern  (NpConnSetTable *table,
                                           NpConnSet      *set);
/* np_conn_set_table_combine() past the quick answers. */
guint           np_conn_set_table_combine_slow (NpConnSetTable *table,
                                                guint           a,
                                                guint           b,
                                                NpSetOp         op);

/* The set numbered @number. (transfer none) */
static inline const NpConnSet *
np_conn_set_table_get (NpConnSetTable *table,
                       guint           number)
{
  return table->sets->pdata[number];
}

/* The number of @a @op @b. */
static inline guint
np_conn_set_table_combine (NpConnSetTable *table,
                           guint           a,
                           guint           b,
                           NpSetOp         op)
{
  const NpSetRecent *recent;

  if (op == NP_SET_OP_SUBTRACT)
    {
      if (a == b || a == NP_SET_EMPTY || b == NP_SET_ALL)
        return NP_SET_EMPTY;
      if (b == NP_SET_EMPTY)
        return a;
    }
  else
    {
      if (a == b)
        return a;
      if (a > b)
        {
          guint t = a;

          a = b;
          b = t;
        }
      /* a < b: the empty set and every connection settle it at once. */
      if (a == NP_SET_EMPTY)
        return op == NP_SET_OP_UNION ? b : NP_SET_EMPTY;
      if (a == NP_SET_ALL)
        return op == NP_SET_OP_UNION ? NP_SET_ALL : b;
    }
  recent = &table->recent[op][(a * 2654435761u + b) & table->recent_mask];
  if (recent->a == a && recent->b == b)
    return recent->result;
  return np_conn_set_table_combine_slow (table, a, b, op);
}

static inline guint
np_conn_set_table_unite (NpConnSetTable *table, guint a, guint b)
{
  return np_conn_set_table_combine (table, a, b, NP_SET_OP_UNION);
}

static inline guint
np_conn_set_table_intersect (NpConnSetTable *table, guint a, guint b)
{
  return np_conn_set_table_combine (table, a, b, NP_SET_OP_INTERSECT);
}

static inline guint
np_conn_set_table_subtract (NpConnSetTable *table, guint a, guint b)
{
  return np_conn_set_table_combine (table, a, b, NP_SET_OP_SUBTRACT);
}

G_END_DECLS
