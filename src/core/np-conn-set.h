/* np-conn-set.h: sets of connections (protocol and port ranges)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The ports a connection set tracks. */
#define NP_PORT_MIN 1
#define NP_PORT_MAX 65535

/* The protocols a connection set tracks, in the order they are printed. */
typedef enum {
  NP_PROTOCOL_SCTP,
  NP_PROTOCOL_TCP,
  NP_PROTOCOL_UDP,
  NP_N_PROTOCOLS,
} NpProtocol;

/* A set of (protocol, port range) intervals, ports 1..65535. */
typedef struct _NpConnSet NpConnSet;

NpConnSet  *np_conn_set_new          (void);
/* Every port of every protocol. */
NpConnSet  *np_conn_set_new_all      (void);
NpConnSet  *np_conn_set_copy         (const NpConnSet *set);
void        np_conn_set_free         (NpConnSet       *set);
/* For hash tables of sets, with np_conn_set_equal(). */
guint       np_conn_set_hash         (gconstpointer    set);
void        np_conn_set_add_range    (NpConnSet       *set,
                                      NpProtocol       protocol,
                                      guint            first,
                                      guint            last);
void        np_conn_set_union        (NpConnSet       *set,
                                      const NpConnSet *other);
void        np_conn_set_intersect    (NpConnSet       *set,
                                      const NpConnSet *other);
/* Removes from @set what @other holds. */
void        np_conn_set_subtract     (NpConnSet       *set,
                                      const NpConnSet *other);
gboolean    np_conn_set_is_empty     (const NpConnSet *set);
gboolean    np_conn_set_is_all       (const NpConnSet *set);
gboolean    np_conn_set_equal        (const NpConnSet *a,
                                      const NpConnSet *b);
gboolean    np_conn_set_contains     (const NpConnSet *set,
                                      NpProtocol       protocol,
                                      guint            port);
/* Appends to @bounds (guint) where each range of @protocol starts and the
 * port after its end (up to NP_PORT_MAX + 1): the points where membership
 * can change. */
void        np_conn_set_get_bounds   (const NpConnSet *set,
                                      NpProtocol       protocol,
                                      GArray          *bounds);
/* "All Connections", "TCP 8080,9090-9092,UDP 53", or "" when empty.
 * (transfer full) */
char       *np_conn_set_to_string    (const NpConnSet *set);
/* The same, appended to @out. */
void        np_conn_set_append_string (GString        *out,
                                       const NpConnSet *set);
/* "TCP" → NP_PROTOCOL_TCP (case-insensitive); FALSE for anything else. */
gboolean    np_protocol_parse        (const char      *text,
                                      NpProtocol      *protocol);
const char *np_protocol_to_string    (NpProtocol       protocol);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpConnSet, np_conn_set_free)

G_END_DECLS
