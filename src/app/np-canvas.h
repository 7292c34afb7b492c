/* np-canvas.h: the policy as a picture: peers, the selected pods, and the edges between them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-describe.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_CANVAS (np_canvas_get_type ())
G_DECLARE_FINAL_TYPE (NpCanvas, np_canvas, NP, CANVAS, GtkWidget)

/* Property "policy" (NpPolicy, nullable): the policy shown and edited.
 *
 * Signals:
 *  "edit-rule" (NpPolicyRule *rule): the user activated an item of that rule
 *  "add-rule" (NpDirection direction, NpPeerGroup group): the user pressed a
 *     card's add button
 *  "toast" (const char *message): something to tell the user briefly
 *
 * Actions (gtk_widget_class_install_action): "canvas.remove-item" removes
 * the focused item's peer (or its rule when it is the rule's only peer). */
GtkWidget *np_canvas_new          (void);
NpPolicy  *np_canvas_get_policy   (NpCanvas    *self);
void       np_canvas_set_policy   (NpCanvas    *self,
                                   NpPolicy    *policy);
/* The file or folder the policy belongs to (nullable), for the centre
 * card's exposure sentences. */
void       np_canvas_set_manifest (NpCanvas    *self,
                                   NpManifest  *manifest);
/* Highlights the item of rule @rule_index (peer @peer_index, -1 for the
 * rule's first) of @direction, scrolls to it and focuses it. */
void       np_canvas_select_item  (NpCanvas    *self,
                                   NpDirection  direction,
                                   guint        rule_index,
                                   int          peer_index);
/* Focuses the centre card's field for a path such as "metadata.name" or
 * "spec.podSelector"; FALSE when the path is not one of them. */
gboolean   np_canvas_focus_field  (NpCanvas    *self,
                                   const char  *path);

/* The three-column diagram with its edges, without the editing controls,
 * at the canvas's width when that has room for three columns, else at the
 * width they want; for np_export_widget(). */
GskRenderNode *np_canvas_render_diagram (NpCanvas *self,
                                         int      *width,
                                         int      *height);

/* Whether @descendant (a row of the canvas's cards) lies in or near the part
 * of the canvas its scrolled window shows, or the canvas is being exported:
 * the rows draw their content only then, and the canvas has them drawn
 * again when the answer changes (np_peer_card_redraw_shown()). */
gboolean       np_canvas_shows          (NpCanvas  *self,
                                         GtkWidget *descendant);

/* Scrolls the scrolled window @canvas is in, if any, to its top left
 * corner; both canvases do when they get another policy. */
void           np_canvas_scroll_to_top  (GtkWidget *canvas);

G_END_DECLS
