/* np-side-panel.h: the window's side panel: tutorial, test traffic, flows … as switchable pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NP_TYPE_SIDE_PANEL (np_side_panel_get_type ())
G_DECLARE_FINAL_TYPE (NpSidePanel, np_side_panel, NP, SIDE_PANEL, GtkWidget)

/* Pages are shown one at a time under a view switcher. Property
 * "visible-page" (string): the name of the page shown. */
GtkWidget        *np_side_panel_new                (void);
/* Adds @child as a page named @name (a stable id such as "flows") with a
 * translated @title and a symbolic @icon_name. (transfer none) */
AdwViewStackPage *np_side_panel_add_page           (NpSidePanel *self,
                                                    GtkWidget   *child,
                                                    const char  *name,
                                                    const char  *title,
                                                    const char  *icon_name);
/* Puts @child (nullable) in place of the page @name's content, keeping
 * its place, title and icon; FALSE when there is no such page. */
gboolean          np_side_panel_set_page_child     (NpSidePanel *self,
                                                    const char  *name,
                                                    GtkWidget   *child);
/* (transfer none) (nullable) */
GtkWidget        *np_side_panel_get_page_child     (NpSidePanel *self,
                                                    const char  *name);
const char       *np_side_panel_get_visible_page   (NpSidePanel *self);
void              np_side_panel_set_visible_page   (NpSidePanel *self,
                                                    const char  *name);

G_END_DECLS
