/* np-conndiff.h: connections gained, lost and changed between two connectivity lists
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-connlist.h"

G_BEGIN_DECLS

typedef enum {
  NP_CONN_DIFF_ADDED,      /* allowed only in the new list */
  NP_CONN_DIFF_REMOVED,    /* allowed only in the old list */
  NP_CONN_DIFF_CHANGED,    /* allowed in both, with different connections */
  NP_CONN_DIFF_UNCHANGED,  /* allowed in both alike: only the DOT graph shows it */
} NpConnDiffKind;

/* One (source, destination) pair and how its connections changed. An
 * external end always holds one contiguous range. */
typedef struct {
  NpConnDiffKind  kind;
  char           *source;
  char           *destination;
  NpConnSet      *old_conns;        /* (nullable) NULL for ADDED */
  NpConnSet      *new_conns;        /* (nullable) NULL for REMOVED */
  /* In an ADDED row: the end is no workload of the old side (a new
   * workload); in a REMOVED row: no workload of the new side (a lost one).
   * Never set for external ranges, nor without the workload lists. */
  gboolean        source_new_or_lost;
  gboolean        destination_new_or_lost;
} NpConnDiff;

void        np_conn_diff_free       (NpConnDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpConnDiff, np_conn_diff_free)

typedef enum {
  NP_CONNDIFF_FLAGS_NONE      = 0,
  NP_CONNDIFF_WITH_UNCHANGED  = 1 << 0,  /* keep the UNCHANGED pairs too */
} NpConnDiffFlags;

/* Compares two lists from np_connlist_compute() pair by pair, as
 * netpol-analyzer's diff does. External ranges are compared by address, not
 * by text: both sides' ranges are cut at the union of their boundaries, each
 * piece is compared on its own, and neighbouring pieces with the same old and
 * new connections are joined again. A range that only one side splits
 * therefore shows no change where nothing changed.
 * @old_workloads and @new_workloads (nullable, "ns/name[Kind]") are every
 * workload of each side, connected or not; they decide which ends of an
 * added or removed pair are new or lost workloads.
 * The result is sorted by source, then destination. Without
 * NP_CONNDIFF_WITH_UNCHANGED it is empty when both lists allow the same.
 * (transfer full) (element-type NpConnDiff) */
GPtrArray  *np_conndiff_compute_full (GPtrArray          *old_connections,
                                      GPtrArray          *new_connections,
                                      const char * const *old_workloads,
                                      const char * const *new_workloads,
                                      NpConnDiffFlags     flags);
/* The differences only, without the workload lists.
 * (transfer full) (element-type NpConnDiff) */
GPtrArray  *np_conndiff_compute     (GPtrArray  *old_connections,
                                     GPtrArray  *new_connections);
/* Both sides' connectivity lists and workloads, then
 * np_conndiff_compute_full() with NP_CONNDIFF_WITH_UNCHANGED.
 * (transfer full) (element-type NpConnDiff) */
GPtrArray  *np_conndiff_compute_evaluators (NpEvaluator *old_evaluator,
                                            NpEvaluator *new_evaluator);
/* The pairs that are not UNCHANGED. */
guint       np_conndiff_count_changes (GPtrArray *diffs);

typedef enum {
  NP_CONNDIFF_TEXT,  /* netpol's own: "+ SRC => DST : CONNS", "- ...", "~ SRC => DST : OLD -> NEW" */
  NP_CONNDIFF_JSON,  /* netpol's own: {"identical", "added", "removed", "changed"} */
  NP_CONNDIFF_TXT,   /* netpol-analyzer's txt, csv, md and dot */
  NP_CONNDIFF_CSV,
  NP_CONNDIFF_MD,
  NP_CONNDIFF_DOT,
} NpConnDiffFormat;

/* "txt", "csv", "md", "dot", "text" or "json". */
gboolean    np_conndiff_format_parse (const char       *name,
                                      NpConnDiffFormat *format);

/* The differences of @diffs (from np_conndiff_compute*()) in @format; the
 * DOT graph also draws the UNCHANGED pairs. Every format is empty when
 * nothing changed.
 * TEXT: one line per pair, sorted by source and destination.
 * JSON: {"identical": bool, "added": [...], "removed": [...], "changed": [...]}.
 * TXT, CSV, MD, DOT: netpol-analyzer's layouts with its diff types
 * (changed, added, removed), its dir1/dir2 columns, the workloads-diff-info
 * column and its row order (changed, added, removed; pairs from the ingress
 * controller last).
 * (transfer full) */
char       *np_conndiff_format      (GPtrArray        *diffs,
                                     NpConnDiffFormat  format);

G_END_DECLS
