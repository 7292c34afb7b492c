/* np-addr.h: an IP address as a 128-bit number, for cutting and joining ranges
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connectivity list cuts the outside of the cluster at every boundary a
 * policy names, and its diff cuts both sides at each other's: both count
 * addresses the same way here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* IPv4 in the low 32 bits of @lo; IPv6 in both. */
typedef struct {
  guint64 hi;
  guint64 lo;
} NpAddr;

int       np_addr_compare       (const NpAddr *a,
                                 const NpAddr *b);
/* A GCompareFunc for arrays of NpAddr. */
int       np_addr_compare_func  (gconstpointer  a,
                                 gconstpointer  b);
/* The last address of @family (4 or 6). */
NpAddr    np_addr_max           (int            family);
/* @a + 1 in @next; FALSE when @a is the last address of @family. */
gboolean  np_addr_next          (int            family,
                                 const NpAddr  *a,
                                 NpAddr        *next);
/* @a - 1 (@a must not be 0). */
NpAddr    np_addr_previous      (const NpAddr  *a);
/* An address as written, IPv4 or IPv6; FALSE when @text is none. */
gboolean  np_addr_parse         (const char    *text,
                                 int           *family,
                                 NpAddr        *address);
/* "10.0.0.1" or "fd00::1". (transfer full) */
char     *np_addr_to_string     (int            family,
                                 const NpAddr  *address);

G_END_DECLS
