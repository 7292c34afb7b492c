/* np-validator-private.h: what the NetworkPolicy and Cilium validators share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed. Both validators walk a tree and report findings with a
 * field path and the node to point at; Kubernetes' ObjectMeta and label
 * selector rules are the same for both kinds (the API server runs
 * ValidateObjectMeta and, for a selector, the apimachinery label checks),
 * so they are written once here. Where the two differ in what they already
 * reported (the Cilium validator walks a schema first) or where they
 * point, NpValidation says which way.
 */
#pragma once

#include "np-diagnostic.h"
#include "np-node.h"
#include "np-validator.h"

G_BEGIN_DECLS

typedef struct _NpValidation NpValidation;

/* Checks the key of a selector's label (matchLabels key or expression
 * key) that is no plain Kubernetes label key; reports what is wrong. */
typedef void (*NpValidationKeyCheck) (NpValidation *v,
                                      const char   *key,
                                      const char   *path,
                                      const NpNode *node);

struct _NpValidation {
  GPtrArray            *out;            /* element-type NpDiagnostic */
  NpValidateFlags       flags;
  /* "a NetworkPolicy": the object named in an unknown-field message at the
   * top level; NULL when a schema walk has reported unknown fields and
   * values of the wrong type already (Cilium), so that the shared checks
   * leave them out. */
  const char           *object_name;
  /* (nullable) the fields of a label selector and of one of its
   * requirements, for the check of unknown fields; NULL as above. */
  const char * const   *selector_fields;
  const char * const   *requirement_fields;
  /* A field that is written but empty or null is pointed at (at its key
   * when null), rather than at the object that holds it. */
  gboolean              point_at_fields;
  /* (nullable) the check of a selector key that is no plain label key;
   * NULL: np_validation_check_label_key(). */
  NpValidationKeyCheck  selector_key;
};

/* Findings go to the validation's list. */
#define np_validation_report(v, ...) np_diagnostic_list_add ((v)->out, __VA_ARGS__)

/* Positions ---------------------------------------------------------------- */

/* The node to point at for @key of @mapping: the value, else @mapping. */
const NpNode *np_validation_value_at       (const NpNode *mapping,
                                            const char   *key);
/* The same, but the key when the value is null or has no position (there
 * is nothing to point at). */
const NpNode *np_validation_field_at       (const NpNode *mapping,
                                            const char   *key);
/* The key node of @key in @mapping, else @mapping. */
const NpNode *np_validation_key_at         (const NpNode *mapping,
                                            const char   *key);
/* One of the two above, as @v points. */
const NpNode *np_validation_at             (NpValidation *v,
                                            const NpNode *mapping,
                                            const char   *key);

/* @path.@key, or @key at the top (@path NULL or empty). */
char         *np_validation_join           (const char   *path,
                                            const char   *key);

/* Fields ------------------------------------------------------------------- */

/* kubectl --validate=strict: the fields of @source not in @known (a
 * NULL-terminated list) are errors, with a "did you mean" when one is
 * close. Nothing when v->object_name is NULL. */
void          np_validation_check_fields   (NpValidation       *v,
                                            const NpNode       *source,
                                            const char         *path,
                                            const char * const *known);

/* Labels, selectors, metadata ----------------------------------------------- */

void          np_validation_check_label_key   (NpValidation *v,
                                               const char   *key,
                                               const char   *path,
                                               const NpNode *node);
void          np_validation_check_label_value (NpValidation *v,
                                               const char   *value,
                                               const char   *path,
                                               const NpNode *node);

/* A label selector at @path (@node: a mapping, or NULL/null for none):
 * unknown fields, matchLabels keys and values, and each matchExpressions
 * term as apimachinery's ValidateLabelSelectorRequirement: a key, an
 * operator of the four, values for In and NotIn only. */
void          np_validation_check_selector    (NpValidation *v,
                                               const NpNode *node,
                                               const char   *path);

/* metadata.name (ValidateObjectMeta: a DNS-1123 subdomain, or
 * generateName); @metadata NULL when the policy has none. */
void          np_validation_check_name        (NpValidation *v,
                                               const NpNode *root,
                                               const NpNode *metadata);
/* metadata.namespace: a DNS-1123 label, and when absent the warning
 * @missing (kubectl fills in the context's namespace). */
void          np_validation_check_namespace   (NpValidation *v,
                                               const NpNode *root,
                                               const NpNode *metadata,
                                               const char   *missing);
/* metadata.labels (@labels) or metadata.annotations at @path: keys as
 * label keys (annotation keys lower-cased, as the API server does), label
 * values, and the 256 KiB limit on all annotations together. */
void          np_validation_check_string_map  (NpValidation *v,
                                               const NpNode *map,
                                               const char   *path,
                                               gboolean      labels);

G_END_DECLS
