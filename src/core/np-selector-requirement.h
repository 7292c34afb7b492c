/* np-selector-requirement.h: one term of a label selector
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_SELECTOR_REQUIREMENT (np_selector_requirement_get_type ())
G_DECLARE_FINAL_TYPE (NpSelectorRequirement, np_selector_requirement, NP, SELECTOR_REQUIREMENT, GObject)

/* A term is either a matchLabels entry (`key: value`, operator NULL) or a
 * matchExpressions entry (operator In, NotIn, Exists, DoesNotExist). The
 * operator is kept as written, so that a file with `operator: in` reads back
 * the same; the validator reports it. */

/* Properties: "key" (string), "operator" (string, nullable), "value" (string,
 * for a matchLabels entry), "values" (GStrv, for an expression). */
NpSelectorRequirement *np_selector_requirement_new_label       (const char         *key,
                                                                const char         *value);
NpSelectorRequirement *np_selector_requirement_new_expression  (const char         *key,
                                                                const char         *operator_,
                                                                const char * const *values);

gboolean            np_selector_requirement_is_label           (NpSelectorRequirement *self);
const char         *np_selector_requirement_get_key            (NpSelectorRequirement *self);
void                np_selector_requirement_set_key            (NpSelectorRequirement *self,
                                                                const char            *key);
/* (nullable): NULL for a matchLabels entry */
const char         *np_selector_requirement_get_operator       (NpSelectorRequirement *self);
void                np_selector_requirement_set_operator       (NpSelectorRequirement *self,
                                                                const char            *operator_);
/* (nullable) */
const char         *np_selector_requirement_get_value          (NpSelectorRequirement *self);
void                np_selector_requirement_set_value          (NpSelectorRequirement *self,
                                                                const char            *value);
/* (transfer none) (nullable): NULL when the expression has no values */
const char * const *np_selector_requirement_get_values         (NpSelectorRequirement *self);
void                np_selector_requirement_set_values         (NpSelectorRequirement *self,
                                                                const char * const    *values);

/* Kubernetes selector syntax: "app=web", "tier in (api,web)",
 * "tier notin (db)", "tier", "!tier". (transfer full) */
char               *np_selector_requirement_to_string          (NpSelectorRequirement *self);

/* Appends to @out a text that two requirements share exactly when they
 * match the same labels the same way: each field with its length, or "-"
 * when it is not written, then "|". */
void                np_selector_requirement_append_key         (NpSelectorRequirement *self,
                                                                GString               *out);

/* @labels maps label keys to values (char* to char*). Unknown operators match
 * nothing. */
gboolean            np_selector_requirement_matches            (NpSelectorRequirement *self,
                                                                GHashTable            *labels);

G_END_DECLS
