/* np-cilium-policy.h: a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_CILIUM_API_VERSION      "cilium.io/v2"
#define NP_CILIUM_KIND             "CiliumNetworkPolicy"
#define NP_CILIUM_CLUSTERWIDE_KIND "CiliumClusterwideNetworkPolicy"

#define NP_TYPE_CILIUM_POLICY (np_cilium_policy_get_type ())
G_DECLARE_FINAL_TYPE (NpCiliumPolicy, np_cilium_policy, NP, CILIUM_POLICY, GObject)

/* The Cilium schema is large and still growing, so this model is a typed
 * view over its data tree: the tree is the only copy of the policy, edits
 * change it in place, and whatever the views do not know (unknown fields,
 * key order) stays exactly as it was.
 *
 * Properties: "clusterwide" (boolean, construct-only), "name", "namespace"
 * (nullable strings).
 *
 * Signal "changed": emitted once per user-level change of the policy or of
 * one of its rules. Wrap several edits in np_cilium_policy_begin_change()
 * and np_cilium_policy_end_change() to have them count as one. */

/* A new policy with apiVersion, kind and an empty metadata, and no rules.
 * (transfer full) */
NpCiliumPolicy *np_cilium_policy_new              (gboolean         clusterwide);

/* Wraps @root (taking a reference: edits change @root itself). Values of a
 * container type where another is needed (`toPorts: 3`, `spec: []`) make
 * the policy unreadable: they are reported as "wrong-type" errors in
 * @diagnostics (element-type NpDiagnostic) and NULL is returned. Scalars of
 * the wrong type (`port: 80` for "80") are left to the validator.
 * A kind containing "Clusterwide" makes a clusterwide policy.
 * (transfer full) (nullable) */
NpCiliumPolicy *np_cilium_policy_new_from_node    (NpNode          *root,
                                                   GPtrArray       *diagnostics);

/* (transfer none) the data tree, as the edits left it */
/* Makes @self hold @root (taking a reference), in place, as one change;
 * rule views are made afresh. On shape errors returns FALSE, adds the
 * reasons to @diagnostics and leaves @self as it was. */
gboolean        np_cilium_policy_update_from_node (NpCiliumPolicy *self,
                                                   NpNode         *root,
                                                   GPtrArray      *diagnostics);
NpNode         *np_cilium_policy_get_node         (NpCiliumPolicy  *self);
gboolean        np_cilium_policy_is_clusterwide   (NpCiliumPolicy  *self);
/* (nullable) apiVersion and kind as written */
const char     *np_cilium_policy_get_api_version  (NpCiliumPolicy  *self);
const char     *np_cilium_policy_get_kind         (NpCiliumPolicy  *self);
/* (nullable) */
const char     *np_cilium_policy_get_name         (NpCiliumPolicy  *self);
void            np_cilium_policy_set_name         (NpCiliumPolicy  *self,
                                                   const char      *name);
const char     *np_cilium_policy_get_namespace    (NpCiliumPolicy  *self);
void            np_cilium_policy_set_namespace    (NpCiliumPolicy  *self,
                                                   const char      *namespace_);

/* The rules: `spec` (unless absent or null), then each item of `specs`.
 * (transfer none) (element-type NpCiliumRule) */
GListModel     *np_cilium_policy_get_rules        (NpCiliumPolicy  *self);
/* Adds an empty rule: as `spec` when the policy has none, else at the end
 * of `specs`. (transfer none) */
NpCiliumRule   *np_cilium_policy_add_rule         (NpCiliumPolicy  *self);
void            np_cilium_policy_remove_rule      (NpCiliumPolicy  *self,
                                                   NpCiliumRule    *rule);

void            np_cilium_policy_begin_change     (NpCiliumPolicy  *self);
void            np_cilium_policy_end_change       (NpCiliumPolicy  *self);

/* What Cilium makes of a selector of this policy (semantics §2.2,
 * ParseToCiliumRule in pkg/k8s/apis/cilium.io/utils/utils.go): every key
 * gets its source ("app" becomes "any:app"); the endpointSelector of a
 * namespaced policy is restricted to the policy's namespace; a peer selector
 * (@peer: from/toEndpoints of @rule) that does not constrain
 * k8s:io.kubernetes.pod.namespace gets the policy's namespace (namespaced
 * policy, unless it selects by namespace labels) or "namespace Exists"
 * (clusterwide policy, unless @rule applies to initializing endpoints);
 * reserved: selectors stay as they are. Without a namespace in the
 * metadata, a namespaced policy's namespace is not added. (transfer full) */
NpLabelSelector *np_cilium_policy_effective_selector (NpCiliumPolicy  *self,
                                                      NpCiliumRule    *rule,
                                                      NpLabelSelector *selector,
                                                      gboolean         peer);

/* A policy over a deep copy of the tree. (transfer full) */
NpCiliumPolicy *np_cilium_policy_copy             (NpCiliumPolicy  *self);

/* The tree with the top-level keys in the order apiVersion, kind,
 * metadata, spec, specs, then the others as written; nothing below the
 * top level moves, nothing is added. (transfer full) */
NpNode         *np_cilium_policy_to_node          (NpCiliumPolicy  *self,
                                                   gboolean         canonical);

G_END_DECLS
