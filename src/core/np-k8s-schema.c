/* np-k8s-schema.c: the fields of each object of a Kubernetes NetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-k8s-schema.h"

/* networking.k8s.io/v1 types.go, with each object's fields in the order of
 * its Go struct (which is the order kubectl and the API server write). The
 * policy writer, the canonical form and the validator all read this table,
 * so a field added here is written, ordered and accepted at once. */

/* The fields the model holds; each macro is used by both lists below. */
#define POLICY_FIELDS      "apiVersion", "kind", "metadata", "spec"
#define METADATA_FIELDS    "name", "namespace"

static const char * const policy_fields[] = { POLICY_FIELDS, NULL };
static const char * const policy_known[] = { POLICY_FIELDS, "status", NULL };
static const char * const metadata_fields[] = { METADATA_FIELDS, NULL };
static const char * const metadata_known[] = {
  METADATA_FIELDS, "generateName", "selfLink", "uid", "resourceVersion", "generation",
  "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
  "annotations", "ownerReferences", "finalizers", "managedFields", NULL
};
static const char * const spec_fields[] = { "podSelector", "policyTypes", "ingress", "egress", NULL };
static const char * const ingress_rule_fields[] = { "from", "ports", NULL };
static const char * const egress_rule_fields[] = { "to", "ports", NULL };
static const char * const peer_fields[] = { "podSelector", "namespaceSelector", "ipBlock", NULL };
static const char * const ip_block_fields[] = { "cidr", "except", NULL };
static const char * const port_fields[] = { "protocol", "port", "endPort", NULL };
static const char * const selector_fields[] = { "matchLabels", "matchExpressions", NULL };
static const char * const requirement_fields[] = { "key", "operator", "values", NULL };

static const struct {
  const char * const *fields;
  const char * const *known;  /* NULL: the same as fields */
} schema[NP_K8S_N_OBJECTS] = {
  [NP_K8S_OBJECT_POLICY]       = { policy_fields, policy_known },
  [NP_K8S_OBJECT_METADATA]     = { metadata_fields, metadata_known },
  [NP_K8S_OBJECT_SPEC]         = { spec_fields, NULL },
  [NP_K8S_OBJECT_INGRESS_RULE] = { ingress_rule_fields, NULL },
  [NP_K8S_OBJECT_EGRESS_RULE]  = { egress_rule_fields, NULL },
  [NP_K8S_OBJECT_PEER]         = { peer_fields, NULL },
  [NP_K8S_OBJECT_IP_BLOCK]     = { ip_block_fields, NULL },
  [NP_K8S_OBJECT_PORT]         = { port_fields, NULL },
  [NP_K8S_OBJECT_SELECTOR]     = { selector_fields, NULL },
  [NP_K8S_OBJECT_REQUIREMENT]  = { requirement_fields, NULL },
};

const char * const *
np_k8s_schema_fields (NpK8sObject object)
{
  g_return_val_if_fail ((guint) object < NP_K8S_N_OBJECTS, NULL);

  return schema[object].fields;
}

const char * const *
np_k8s_schema_known_fields (NpK8sObject object)
{
  g_return_val_if_fail ((guint) object < NP_K8S_N_OBJECTS, NULL);

  return schema[object].known ? schema[object].known : schema[object].fields;
}
