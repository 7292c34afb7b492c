/* np-policy.h: a Kubernetes NetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_K8S_API_VERSION "networking.k8s.io/v1"
#define NP_K8S_KIND        "NetworkPolicy"

#define NP_TYPE_POLICY (np_policy_get_type ())
G_DECLARE_FINAL_TYPE (NpPolicy, np_policy, NP, POLICY, GObject)

/* Properties: "api-version", "kind" (strings, as written), "name",
 * "namespace" (nullable strings), "pod-selector" (NpLabelSelector, nullable:
 * NULL means the key is absent), "policy-types" (GStrv, nullable: NULL means
 * absent).
 *
 * Signal "changed": emitted once per user-level change of the policy or of
 * anything it owns (rules, peers, ports, selectors). Wrap several edits in
 * np_policy_begin_change()/np_policy_end_change() to have them count as one. */
NpPolicy           *np_policy_new                 (void);

const char         *np_policy_get_api_version     (NpPolicy          *self);
void                np_policy_set_api_version     (NpPolicy          *self,
                                                   const char        *api_version);
const char         *np_policy_get_kind            (NpPolicy          *self);
void                np_policy_set_kind            (NpPolicy          *self,
                                                   const char        *kind);
const char         *np_policy_get_name            (NpPolicy          *self);
void                np_policy_set_name            (NpPolicy          *self,
                                                   const char        *name);
const char         *np_policy_get_namespace       (NpPolicy          *self);
void                np_policy_set_namespace       (NpPolicy          *self,
                                                   const char        *namespace_);
NpLabelSelector    *np_policy_get_pod_selector    (NpPolicy          *self);
void                np_policy_set_pod_selector    (NpPolicy          *self,
                                                   NpLabelSelector   *selector);
/* (transfer none) (nullable) */
const char * const *np_policy_get_policy_types    (NpPolicy          *self);
void                np_policy_set_policy_types    (NpPolicy          *self,
                                                   const char * const *types);
/* (transfer none) (element-type NpPolicyRule): GListStores */
GListModel         *np_policy_get_ingress         (NpPolicy          *self);
GListModel         *np_policy_get_egress          (NpPolicy          *self);
GListModel         *np_policy_get_rules           (NpPolicy          *self,
                                                   NpDirection        direction);

/* The policy types in effect (semantics §1.1): explicit policyTypes when
 * given and not empty; otherwise Ingress, plus Egress when there is at least
 * one egress rule. */
gboolean            np_policy_affects             (NpPolicy          *self,
                                                   NpDirection        direction);

void                np_policy_begin_change        (NpPolicy          *self);
void                np_policy_end_change          (NpPolicy          *self);

NpPolicy           *np_policy_copy                (NpPolicy          *self);

G_END_DECLS
