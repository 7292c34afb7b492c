/* np-centre-card.h: the canvas's centre card: the policy and the pods it selects
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_CENTRE_CARD (np_centre_card_get_type ())
G_DECLARE_FINAL_TYPE (NpCentreCard, np_centre_card, NP, CENTRE_CARD, GtkWidget)

/* Property "policy" (NpPolicy, nullable). Shows and edits, in place, the
 * policy's name, namespace and pod selector, and the two "Deny ... by
 * default" toggles (policyTypes). Property "manifest" (NpManifest,
 * nullable): the file or folder of the policy; the "Exposure" label says
 * who may reach the selected pods and what they may reach, from the policy
 * and the manifest's other NetworkPolicies, with a caveat naming the other
 * kinds of policy that may decide too (np_exposure_describe_card()).
 *
 * Signal "toast" (const char *message): an edit was refused, and why. */
GtkWidget *np_centre_card_new          (void);
NpPolicy  *np_centre_card_get_policy   (NpCentreCard *self);
void       np_centre_card_set_policy   (NpCentreCard *self,
                                        NpPolicy     *policy);
NpManifest *np_centre_card_get_manifest (NpCentreCard *self);
void       np_centre_card_set_manifest (NpCentreCard *self,
                                        NpManifest   *manifest);
/* Focuses the field of @path ("metadata.name", "metadata.namespace",
 * "spec.podSelector", "spec.policyTypes", or a path below one of them);
 * FALSE when the card has no such field. */
gboolean   np_centre_card_focus_field  (NpCentreCard *self,
                                        const char   *path);

G_END_DECLS
