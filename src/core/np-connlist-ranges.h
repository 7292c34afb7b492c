/* np-connlist-ranges.h: the external ranges of the connectivity list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-addr.h"
#include "np-endpoint.h"
#include "np-inventory.h"

G_BEGIN_DECLS

typedef struct {
  int    family;  /* 4 or 6 */
  NpAddr first;
  NpAddr last;
} NpIpRange;

/* The IPv4 space (and IPv6, when some policy names it) split into disjoint
 * ranges at the boundaries of what the policies name for @direction's
 * peers. (transfer full) (element-type NpIpRange) */
GArray *np_connlist_external_ranges (NpInventory     *inventory,
                                     NpDirection      direction);
/* "FIRST-LAST[External]". (transfer full) */
char   *np_connlist_range_display   (const NpIpRange *range);
/* An endpoint at the first address of @range. */
void    np_connlist_range_endpoint  (const NpIpRange *range,
                                     NpEndpoint      *endpoint);

G_END_DECLS
