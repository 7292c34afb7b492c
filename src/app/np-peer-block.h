/* np-peer-block.h: one peer of a rule in the rule editor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_PEER_BLOCK (np_peer_block_get_type ())
G_DECLARE_FINAL_TYPE (NpPeerBlock, np_peer_block, NP, PEER_BLOCK, GtkWidget)

/* Edits @peer in place (it belongs to the rule editor's copy of the rule,
 * never to the policy): a "From"/"To" drop-down of the peer's type ("Pods in
 * this namespace", "Pods in other namespaces", "Addresses outside the
 * cluster (CIDR)") with a remove button, then the namespace and pod selectors
 * or the CIDR and its exceptions. Switching type puts aside what the old type
 * had, so switching back restores it. The remove button removes @peer from
 * @peers. An "or" label above the block says that peers are OR'd; the dialog
 * shows it on every block but the first.
 *
 * Property: "valid" (boolean, read-only: every field holds what the peer can
 * take, or an old value left untouched). */
NpPeerBlock *np_peer_block_new             (NpPolicyPeer *peer,
                                            GListStore   *peers,
                                            NpDirection   direction);
gboolean     np_peer_block_get_valid       (NpPeerBlock  *self);
void         np_peer_block_set_show_or     (NpPeerBlock  *self,
                                            gboolean      show_or);
/* Adds what the selector entries still hold; FALSE when one does not parse. */
gboolean     np_peer_block_commit          (NpPeerBlock  *self);
/* Focuses the type drop-down. */
void         np_peer_block_grab_focus      (NpPeerBlock  *self);
/* The field a person fills in first for this kind of peer. */
GtkWidget   *np_peer_block_get_first_field (NpPeerBlock  *self);

G_END_DECLS
