/* np-connlist.h: every allowed connection between workloads and external ranges
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "np-evaluator.h"

G_BEGIN_DECLS

/* One line of the list: "SRC => DST : CONNS". */
typedef struct {
  char      *source;       /* "ns/name[Kind]" or "A.B.C.D-E.F.G.H[External]" */
  char      *destination;
  NpConnSet *conns;
  NpEndpoint source_end;       /* the first pod (or the first address) of each end: */
  NpEndpoint destination_end;  /* the one np-connlist-explain evaluates */
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

/* Which way the lines of the focus workloads must point. */
typedef enum {
  NP_FOCUS_DIRECTION_BOTH,
  NP_FOCUS_DIRECTION_INGRESS,  /* into a focus workload */
  NP_FOCUS_DIRECTION_EGRESS,   /* out of a focus workload */
} NpFocusDirection;

/* netpol-analyzer's focus flags. A name is NAME (the owner's name, or a bare
 * pod's, in any namespace), NS/NAME, or the display form ns/name[Kind]. With
 * no @workloads, @peers and @direction do nothing (with a warning). */
typedef struct {
  GPtrArray        *workloads;      /* (element-type utf8) */
  GPtrArray        *peers;          /* (element-type utf8) the other end must match one */
  NpFocusDirection  direction;
  gboolean          has_conn;       /* only the pairs that allow this one port */
  NpProtocol        conn_protocol;
  guint             conn_port;
  gboolean          keep_empty;     /* the pairs that allow nothing stay too (--explain) */
} NpConnlistFocus;

NpConnlistFocus *np_connlist_focus_new           (void);
void             np_connlist_focus_free          (NpConnlistFocus   *focus);
/* Adds the comma-separated names of @names to @focus->workloads or ->peers. */
void             np_connlist_focus_add_workloads (NpConnlistFocus   *focus,
                                                  const char        *names);
void             np_connlist_focus_add_peers     (NpConnlistFocus   *focus,
                                                  const char        *names);
/* "ingress" or "egress"; otherwise sets @error (G_IO_ERROR_INVALID_ARGUMENT). */
gboolean         np_connlist_focus_set_direction (NpConnlistFocus   *focus,
                                                  const char        *text,
                                                  GError           **error);
/* PROTOCOL-PORT, as "TCP-8080" or "udp-53" (TCP, UDP or SCTP, port 1-65535);
 * otherwise sets @error (G_IO_ERROR_INVALID_ARGUMENT). */
gboolean         np_connlist_focus_set_conn      (NpConnlistFocus   *focus,
                                                  const char        *text,
                                                  GError           **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpConnlistFocus, np_connlist_focus_free)

/* A connectivity list and what its outputs need besides the lines. */
typedef struct {
  GPtrArray *connections;  /* (element-type NpConnection) sorted */
  GPtrArray *nodes;        /* (element-type utf8) (nullable): the workloads a graph shows even
                            * without a connection: all of them, or those the focus names */
  char      *focus_conn;   /* (nullable) "TCP 8080" when the lines are focused on one port */
  GPtrArray *warnings;     /* (element-type utf8): focus names that match nothing, ignored flags */
} NpConnlist;

void        np_connlist_free         (NpConnlist *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpConnlist, np_connlist_free)

/* The allowed connections that @focus (nullable) keeps, as netpol-analyzer's
 * list command with its focus flags. A focus name that matches no workload
 * is a warning; when none of the focus workloads (or, given them, none of
 * the focus peers) exists, the list is empty. (transfer full) */
NpConnlist *np_connlist_compute_focused (NpEvaluator           *evaluator,
                                         const NpConnlistFocus *focus);

/* One line of a streamed list: @connection and its strings are the
 * list's, valid during the call only. */
typedef void (*NpConnlistLineFunc) (const NpConnection *connection,
                                    gpointer            user_data);

/* As np_connlist_compute_focused(), but each line goes to @func as soon as
 * it is decided, in the list's order, and none is kept: the returned
 * list's connections are NULL (its nodes, focus_conn and warnings are
 * set). (transfer full) */
NpConnlist *np_connlist_compute_streamed (NpEvaluator           *evaluator,
                                          const NpConnlistFocus *focus,
                                          NpConnlistLineFunc     func,
                                          gpointer               user_data);

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
/* @connections as netpol-analyzer prints them; a graph shows only the ends
 * of the lines. (transfer full) */
char       *np_connlist_format       (GPtrArray         *connections,
                                      NpConnlistFormat   format);
/* @list as netpol-analyzer prints it: json and dot without a final newline,
 * dot with a node for each of @list->nodes; with a focus connection, the
 * lines without their connections. (transfer full) */
/* netpol-analyzer's DOT subgraphs: for each key of @clusters (a namespace
 * as "ns[namespace]"), sorted, its node lines (a GPtrArray of strings,
 * sorted here) inside "cluster_KEY" drawn in @color [GF AddNsGroups]. */
void        np_connlist_append_dot_clusters (GString     *out,
                                             GHashTable  *clusters,
                                             const char  *color);
char       *np_connlist_to_string    (const NpConnlist  *list,
                                      NpConnlistFormat   format);

/* Writing a list line by line, as np_connlist_compute_streamed() hands
 * them out, byte for byte as np_connlist_to_string(): the header, each line
 * (@index counts from 0), then the footer after @n_lines lines. Every
 * format but dot, whose nodes and edges are sorted as a whole. */
gboolean    np_connlist_format_streams   (NpConnlistFormat    format);
void        np_connlist_append_header    (GString            *out,
                                          NpConnlistFormat    format,
                                          const char         *focus_conn);
void        np_connlist_append_line      (GString            *out,
                                          const NpConnection *connection,
                                          NpConnlistFormat    format,
                                          const char         *focus_conn,
                                          guint               index);
void        np_connlist_append_footer    (GString            *out,
                                          NpConnlistFormat    format,
                                          guint               n_lines);
/* Computes the list as np_connlist_compute_focused() and writes it to
 * @stream as np_connlist_to_string() would, line by line as the lines are
 * decided, holding a few kilobytes of them at a time. Not for dot. The
 * list returned has no connections (see np_connlist_compute_streamed()).
 * (transfer full) */
NpConnlist *np_connlist_write            (NpEvaluator           *evaluator,
                                          const NpConnlistFocus *focus,
                                          NpConnlistFormat       format,
                                          FILE                  *stream);

G_END_DECLS
