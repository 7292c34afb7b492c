/* np-cilium-canvas.h: the canvas of a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_CILIUM_CANVAS (np_cilium_canvas_get_type ())
G_DECLARE_FINAL_TYPE (NpCiliumCanvas, np_cilium_canvas, NP, CILIUM_CANVAS, GtkWidget)

/* Property "policy" (NpCiliumPolicy, nullable). Every edit goes through
 * np-cilium-edit.h, so each gesture is one undo step. */
GtkWidget      *np_cilium_canvas_new        (void);
NpCiliumPolicy *np_cilium_canvas_get_policy (NpCiliumCanvas *self);
void            np_cilium_canvas_set_policy (NpCiliumCanvas *self,
                                             NpCiliumPolicy *policy);

/* The three-column diagram with its edges, without the editing controls;
 * see np_canvas_render_diagram(). */
GskRenderNode  *np_cilium_canvas_render_diagram (NpCiliumCanvas *self,
                                                 int            *width,
                                                 int            *height);

G_END_DECLS
