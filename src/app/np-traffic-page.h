/* np-traffic-page.h: the side panel's test traffic page: would this connection be allowed?
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_TRAFFIC_PAGE (np_traffic_page_get_type ())
G_DECLARE_FINAL_TYPE (NpTrafficPage, np_traffic_page, NP, TRAFFIC_PAGE, GtkWidget)

/* Property "policy" (an NpPolicy or an NpCiliumPolicy, nullable): the
 * policy being edited, whatever its kind; it takes
 * part in every verdict in place of a same-named policy of the cluster
 * folder. Property "folder" (string, nullable): the cluster folder whose
 * manifests give the workloads and the other policies. */
GtkWidget  *np_traffic_page_new        (void);
void        np_traffic_page_set_policy (NpTrafficPage *self,
                                        gpointer       policy);
/* (transfer none) an NpPolicy, an NpCiliumPolicy or NULL */
gpointer    np_traffic_page_get_policy (NpTrafficPage *self);
/* Loads @folder now; FALSE with the reason shown on the page and in @error. */
gboolean    np_traffic_page_set_folder (NpTrafficPage *self,
                                        const char    *folder,
                                        GError       **error);
const char *np_traffic_page_get_folder (NpTrafficPage *self);

G_END_DECLS
