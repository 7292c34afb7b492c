/* np-conndiff.h: connections gained, lost and changed between two connectivity lists
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-connlist.h"

G_BEGIN_DECLS

typedef enum {
  NP_CONN_DIFF_ADDED,    /* allowed only in the new list */
  NP_CONN_DIFF_REMOVED,  /* allowed only in the old list */
  NP_CONN_DIFF_CHANGED,  /* allowed in both, with different connections */
} NpConnDiffKind;

/* One (source, destination) pair whose connections differ. */
typedef struct {
  NpConnDiffKind  kind;
  char           *source;
  char           *destination;
  NpConnSet      *old_conns;  /* (nullable) NULL for ADDED */
  NpConnSet      *new_conns;  /* (nullable) NULL for REMOVED */
} NpConnDiff;

void        np_conn_diff_free       (NpConnDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpConnDiff, np_conn_diff_free)

/* Compares two lists from np_connlist_compute() pair by pair. The result is
 * sorted by source, then destination; it is empty when both lists allow the
 * same. External ranges are compared by their text, so a range that one side
 * splits differently shows as lost and gained.
 * (transfer full) (element-type NpConnDiff) */
GPtrArray  *np_conndiff_compute     (GPtrArray  *old_connections,
                                     GPtrArray  *new_connections);

/* Text: "+ SRC => DST : CONNS", "- SRC => DST : CONNS" and
 * "~ SRC => DST : OLD -> NEW", one a line; or a JSON object
 * {"identical": bool, "added": [...], "removed": [...], "changed": [...]}.
 * (transfer full) */
char       *np_conndiff_format      (GPtrArray  *diffs,
                                     gboolean    json);

G_END_DECLS
