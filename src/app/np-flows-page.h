/* np-flows-page.h: the side panel's flows page: recorded Hubble flows, policies from them, replay
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_FLOWS_PAGE (np_flows_page_get_type ())
G_DECLARE_FINAL_TYPE (NpFlowsPage, np_flows_page, NP, FLOWS_PAGE, GtkWidget)

/* Property "policy" (NpPolicy or NpCiliumPolicy, nullable): the policy
 * being edited; rules from flows go into it, flows are replayed against it
 * and generated policies are of its kind.
 *
 * Signal "open-policy" (GObject *policy): a policy generated for a
 * workload, to be opened as a new, untitled document.
 * Signal "toast" (const char *message): something to tell in passing. */
GtkWidget  *np_flows_page_new        (void);
void        np_flows_page_set_policy (NpFlowsPage *self,
                                      GObject     *policy);
GObject    *np_flows_page_get_policy (NpFlowsPage *self);
/* Reads the flow log at @file in a worker thread and shows it. */
void        np_flows_page_open       (NpFlowsPage *self,
                                      GFile       *file);

G_END_DECLS
