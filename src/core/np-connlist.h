/* np-connlist.h: every allowed connection between workloads and external ranges
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-evaluator.h"

G_BEGIN_DECLS

/* One line of the list: "SRC => DST : CONNS". */
typedef struct {
  char      *source;       /* "ns/name[Kind]" or "A.B.C.D-E.F.G.H[External]" */
  char      *destination;
  NpConnSet *conns;
} NpConnection;

void        np_connection_free     (NpConnection *connection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpConnection, np_connection_free)

typedef enum {
  NP_CONNLIST_TEXT,
  NP_CONNLIST_JSON,
  NP_CONNLIST_CSV,
  NP_CONNLIST_MD,
  NP_CONNLIST_DOT,
} NpConnlistFormat;

/* The allowed connections, sorted as netpol-analyzer prints them, the
 * ingress controller's (np_ingress_compute()) last. Pairs of a
 * workload with itself and empty sets are left out. With @focus_workload
 * ("ns/name"), only the lines that involve it. Returns NULL and sets @error
 * when @focus_workload names no workload.
 * (transfer full) (element-type NpConnection) */
GPtrArray  *np_connlist_compute      (NpEvaluator       *evaluator,
                                      const char        *focus_workload,
                                      GError           **error);
/* "txt" (or "text"), "json", "csv", "md", "dot" */
gboolean    np_connlist_format_parse (const char        *name,
                                      NpConnlistFormat  *format);
/* (transfer full) */
char       *np_connlist_format       (GPtrArray         *connections,
                                      NpConnlistFormat   format);

G_END_DECLS
