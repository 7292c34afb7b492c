/* np-k8s-schema.h: the fields of each object of a Kubernetes NetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The objects a networking.k8s.io/v1 NetworkPolicy is made of. */
typedef enum {
  NP_K8S_OBJECT_POLICY,       /* the NetworkPolicy itself */
  NP_K8S_OBJECT_METADATA,     /* ObjectMeta */
  NP_K8S_OBJECT_SPEC,         /* NetworkPolicySpec */
  NP_K8S_OBJECT_INGRESS_RULE, /* NetworkPolicyIngressRule */
  NP_K8S_OBJECT_EGRESS_RULE,  /* NetworkPolicyEgressRule */
  NP_K8S_OBJECT_PEER,         /* NetworkPolicyPeer */
  NP_K8S_OBJECT_IP_BLOCK,     /* IPBlock */
  NP_K8S_OBJECT_PORT,         /* NetworkPolicyPort */
  NP_K8S_OBJECT_SELECTOR,     /* LabelSelector */
  NP_K8S_OBJECT_REQUIREMENT,  /* LabelSelectorRequirement (matchExpressions) */
  NP_K8S_N_OBJECTS
} NpK8sObject;

/* The fields of @object the editor's model holds, in canonical order (the
 * order kubectl and the API server write them): the policy writer and the
 * canonical form write them in this order, and the writer drops any of them
 * the model no longer has. NULL-terminated. */
const char * const *np_k8s_schema_fields       (NpK8sObject object);

/* Every field the API server knows in @object: the fields above first, then
 * the ones the editor keeps as they are (status, labels, annotations, ...).
 * The validator reports any other field as unknown. NULL-terminated. */
const char * const *np_k8s_schema_known_fields (NpK8sObject object);

G_END_DECLS
