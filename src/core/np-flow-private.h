/* np-flow-private.h: what the flow reader, generator and replay share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-flow.h"

G_BEGIN_DECLS

struct _NpFlow
{
  GObject         parent_instance;

  NpFlowEndpoint  source;
  NpFlowEndpoint  destination;
  char           *protocol;
  guint           port;
  char           *verdict;
  char           *direction;
  gboolean        is_reply;
  char           *l7;
  guint           count;
  guint           line;
};

NpFlow *np_flow_new_empty          (void);
void    np_flow_endpoint_clear     (NpFlowEndpoint *endpoint);
/* Fills endpoint->stable and the kind from the labels and names read, and
 * keeps one value per label key. Returns the first key that was given two
 * different values, or NULL. (transfer full) */
char   *np_flow_endpoint_finish    (NpFlowEndpoint *endpoint);
/* A key that identical flows share. (transfer full) */
char   *np_flow_dup_key            (NpFlow         *self);
void    np_flow_add_count          (NpFlow         *self,
                                    guint           count);
/* TRUE for ICMP and other protocols without ports. */
gboolean np_flow_protocol_has_ports (const char    *protocol);

G_END_DECLS
