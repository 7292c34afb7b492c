/* np-policy-list.h: the policies of a manifest, one list item each, read as they are asked for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_POLICY_LIST (np_policy_list_get_type ())
G_DECLARE_FINAL_TYPE (NpPolicyList, np_policy_list, NP, POLICY_LIST, GObject)

/* A GListModel (element-type GObject) of @manifest in file order: each
 * policy (NpPolicy or NpCiliumPolicy) of each document, and each document
 * that holds none (the NpDocument itself: a Deployment, an empty document, a
 * policy that cannot be read). It follows the manifest's documents.
 * Counting the items reads no policy (a List document's items excepted); a
 * document builds its policies when one of its items is first asked for,
 * so a view that shows a few rows of a large file reads only those.
 * Property "manifest" (construct-only). */
NpPolicyList *np_policy_list_new          (NpManifest   *manifest);
/* (transfer none) */
NpManifest   *np_policy_list_get_manifest (NpPolicyList *self);
/* The position of @item (a policy or a document of the manifest) in the
 * list. A policy is looked for only in documents that built their
 * policies: an NpPolicy always comes from one. FALSE when it is not there. */
gboolean      np_policy_list_find         (NpPolicyList *self,
                                           gpointer      item,
                                           guint        *position);

G_END_DECLS
