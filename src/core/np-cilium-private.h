/* np-cilium-private.h: the cilium.io/v2 schema and helpers shared by the Cilium classes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-node.h"

G_BEGIN_DECLS

/* The shape of the CRD (pkg/k8s/apis/cilium.io/client/crds/v2), as far as
 * the reader (container types) and the validator (field names, scalar
 * types) need it. Semantic rules live in the validator. */
typedef enum {
  NP_CS_ANY,          /* not looked into (status, managedFields) */
  NP_CS_STRING,
  NP_CS_INT,
  NP_CS_BOOL,
  NP_CS_INT_OR_STRING,
  NP_CS_OBJECT,       /* a mapping with known fields */
  NP_CS_LIST,         /* a sequence of items */
  NP_CS_STRING_MAP,   /* a mapping of strings to strings */
} NpCsKind;

typedef struct _NpCsSchema NpCsSchema;

typedef struct {
  const char       *name;
  const NpCsSchema *schema;
} NpCsField;

struct _NpCsSchema {
  NpCsKind          kind;
  const NpCsField  *fields;   /* NP_CS_OBJECT: NULL-name terminated */
  const NpCsSchema *items;    /* NP_CS_LIST */
  const char       *what;     /* "an ingress rule": for messages */
};

extern const NpCsSchema np_cs_policy;
extern const NpCsSchema np_cs_metadata;
extern const NpCsSchema np_cs_rule;
extern const NpCsSchema np_cs_selector;

/* (nullable) the schema of @name in @object */
const NpCsSchema *np_cs_lookup          (const NpCsSchema *object,
                                         const char       *name);
/* (transfer full) the field names of @object, for "did you mean" hints */
const char      **np_cs_field_names     (const NpCsSchema *object);

/* The label sources a selector key may start with ("k8s:app"). */
extern const char * const np_cilium_label_sources[];
/* Splits "k8s:app" into "k8s" and "app". Returns the key without its
 * source; *@source is set to a copy of the source (NULL when there is
 * none or it is no known source, in which case the whole key is returned). */
const char       *np_cilium_split_label_key (const char *key,
                                             char      **source);

/* Every entity name (entity.go) and every protocol of a port entry. */
extern const char * const np_cilium_entities[];
extern const char * const np_cilium_protocols[];          /* TCP UDP SCTP ANY */
extern const char * const np_cilium_extended_protocols[]; /* VRRP IGMP: newest only */

/* A toFQDNs matchName (or, with @pattern, matchPattern) Cilium accepts:
 * at most 255 characters of labels with single dots between them. */
gboolean np_cilium_dns_text_valid (const char *text,
                                   gboolean    pattern);

/* The label keys Cilium gives every pod. */
#define NP_CILIUM_POD_NAMESPACE_KEY     "io.kubernetes.pod.namespace"
#define NP_CILIUM_NAMESPACE_LABELS      "io.cilium.k8s.namespace.labels."
#define NP_CILIUM_SERVICE_ACCOUNT_KEY   "io.cilium.k8s.policy.serviceaccount"
#define NP_CILIUM_CLUSTER_KEY           "io.cilium.k8s.policy.cluster"

/* Data-tree helpers. Null values read as absent, as in Go. */
/* Whether np_cilium_policy_new_from_node() would read @root: the same
 * type errors go to @diagnostics (nullable). */
gboolean          np_cilium_check_node      (const NpNode *root,
                                             GPtrArray    *diagnostics);
/* A kind naming a clusterwide policy (however spelt). */
gboolean          np_cilium_kind_is_clusterwide (const char *kind);
gboolean          np_cilium_is_absent       (const NpNode *node);
/* (nullable) the sequence at @key, NULL when absent or not a sequence */
NpNode           *np_cilium_get_list        (const NpNode *mapping,
                                             const char   *key);
guint             np_cilium_list_length     (const NpNode *mapping,
                                             const char   *key);
/* (nullable) the text of a scalar at @key (not for null) */
const char       *np_cilium_get_text        (const NpNode *mapping,
                                             const char   *key);
/* The sequence at @key, created (or put in place of a null) when needed. */
NpNode           *np_cilium_ensure_list     (NpNode       *mapping,
                                             const char   *key);
/* The mapping at @key, created (or put in place of a null) when needed. */
NpNode           *np_cilium_ensure_mapping  (NpNode       *mapping,
                                             const char   *key);
/* Sets @key to a string, or removes it when @value is NULL. */
void              np_cilium_set_string      (NpNode       *mapping,
                                             const char   *key,
                                             const char   *value);
/* (transfer full) the strings of a sequence (scalars only), NULL-terminated */
char            **np_cilium_get_strv        (const NpNode *mapping,
                                             const char   *key);

/* Selectors: the data tree of a label selector, keys kept as written.
 * (transfer full) */
NpLabelSelector  *np_cilium_selector_from_node (const NpNode    *node);
NpNode           *np_cilium_selector_to_node   (NpLabelSelector *selector);
/* Rewrites matchLabels and matchExpressions of the mapping @target to say
 * what @selector says; other keys of @target stay. */
void              np_cilium_selector_apply     (NpNode          *target,
                                                NpLabelSelector *selector);

/* Views are made by the policy (and the rule) only. */
/* @index: -1 for `spec`, N for `specs[N]` */
NpCiliumRule      *np_cilium_rule_new_view       (NpCiliumPolicy *policy,
                                                  NpNode         *node,
                                                  int             index);
void               np_cilium_rule_set_index      (NpCiliumRule   *rule,
                                                  int             index);
int                np_cilium_rule_get_index      (NpCiliumRule   *rule);
/* The rule's mapping, replacing a null in the tree on first use. */
NpNode            *np_cilium_rule_ensure_node    (NpCiliumRule   *rule);
void               np_cilium_rule_changed        (NpCiliumRule   *rule);

NpCiliumRuleEntry *np_cilium_rule_entry_new_view (NpCiliumRule      *rule,
                                                  NpCiliumSection    section,
                                                  NpNode            *node,
                                                  guint              index);
void               np_cilium_rule_entry_set_index (NpCiliumRuleEntry *entry,
                                                   guint              index);
void               np_cilium_rule_entry_detach   (NpCiliumRuleEntry *entry);

void               np_cilium_policy_changed      (NpCiliumPolicy *policy);

G_END_DECLS
