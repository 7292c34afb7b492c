/* np-peer-card.h: one column card of the canvas: the peers of one group in one direction
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_PEER_CARD (np_peer_card_get_type ())
G_DECLARE_FINAL_TYPE (NpPeerCard, np_peer_card, NP, PEER_CARD, GtkWidget)

/* Properties: "policy" (NpPolicy, nullable), "direction" (NpDirection,
 * construct-only), "group" (int: an NpPeerGroup, construct-only; the core has
 * no GType for it).
 *
 * The card lists the group's default item ("Any endpoint", "Any pod",
 * "Everything in the cluster") with the policy's verdict for it, then one
 * item per peer of the direction's rules that falls into the group. It
 * follows the policy's "changed" signal.
 *
 * Signals:
 *  "add-rule" (): the header's add button was pressed
 *  "edit-rule" (NpPolicyRule *rule): an item of @rule was activated */
GtkWidget   *np_peer_card_new           (NpDirection  direction,
                                         NpPeerGroup  group);
NpPolicy    *np_peer_card_get_policy    (NpPeerCard  *self);
void         np_peer_card_set_policy    (NpPeerCard  *self,
                                         NpPolicy    *policy);
NpDirection  np_peer_card_get_direction (NpPeerCard  *self);
NpPeerGroup  np_peer_card_get_group     (NpPeerCard  *self);

/* Calls @func for every item the canvas joins to the centre card with an
 * edge, top to bottom, with the item's row and its verdict. */
typedef void (*NpPeerCardItemFunc) (GtkWidget    *item,
                                    NpRuleEffect  verdict,
                                    gpointer      user_data);
void         np_peer_card_foreach_item  (NpPeerCard         *self,
                                         NpPeerCardItemFunc  func,
                                         gpointer            user_data);

/* Draws again the rows whose content np_canvas_shows() would now draw or
 * leave out otherwise than when they were last drawn. */
void         np_peer_card_redraw_shown  (NpPeerCard         *self);

/* Marks the item of rule @rule_index's peer @peer_index (-1: the rule's first
 * item in this card) with the "selected" style class and returns its row, or
 * returns NULL (and marks nothing) when this card has no such item. */
GtkWidget   *np_peer_card_select_item   (NpPeerCard  *self,
                                         guint        rule_index,
                                         int          peer_index);
void         np_peer_card_unselect      (NpPeerCard  *self);
/* Removes the item that has the keyboard focus (the peer from its rule, or
 * the rule when it is its only peer). FALSE when no removable item of this
 * card has the focus. */
gboolean     np_peer_card_remove_focused_item (NpPeerCard *self);

G_END_DECLS
