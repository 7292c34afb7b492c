/* np-ip-block.h: a CIDR with exceptions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_IP_BLOCK (np_ip_block_get_type ())
G_DECLARE_FINAL_TYPE (NpIpBlock, np_ip_block, NP, IP_BLOCK, GObject)

/* Properties: "cidr" (string, nullable), "except" (GStrv, nullable). */
NpIpBlock          *np_ip_block_new         (const char         *cidr,
                                             const char * const *except);
const char         *np_ip_block_get_cidr    (NpIpBlock          *self);
void                np_ip_block_set_cidr    (NpIpBlock          *self,
                                             const char         *cidr);
/* (transfer none) (nullable) */
const char * const *np_ip_block_get_except  (NpIpBlock          *self);
void                np_ip_block_set_except  (NpIpBlock          *self,
                                             const char * const *except);
/* "10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16" (transfer full) */
char               *np_ip_block_to_string   (NpIpBlock          *self);
NpIpBlock          *np_ip_block_copy        (NpIpBlock          *self);

G_END_DECLS
