/* np-label-selector.h: matchLabels + matchExpressions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_LABEL_SELECTOR (np_label_selector_get_type ())
G_DECLARE_FINAL_TYPE (NpLabelSelector, np_label_selector, NP, LABEL_SELECTOR, GObject)

/* Emits "changed" whenever a term is added, removed or edited. */
NpLabelSelector *np_label_selector_new               (void);

/* Parses Kubernetes selector syntax, as printed by to_string():
 * "app=web, tier in (api, web), !legacy". (transfer full) (nullable) */
NpLabelSelector *np_label_selector_new_from_string   (const char      *text,
                                                      GError         **error);

/* The terms in order: the matchLabels entries first, in their written order,
 * then the matchExpressions. (transfer none) (element-type NpSelectorRequirement)
 * A GListStore: add and remove terms through it. */
GListModel      *np_label_selector_get_requirements  (NpLabelSelector *self);

/* Convenience: appends a matchLabels entry (or replaces the value of an
 * existing one with the same key). */
void             np_label_selector_set_label         (NpLabelSelector *self,
                                                      const char      *key,
                                                      const char      *value);
/* (nullable) the value of matchLabels[key] */
const char      *np_label_selector_get_label         (NpLabelSelector *self,
                                                      const char      *key);
void             np_label_selector_add_expression    (NpLabelSelector *self,
                                                      const char      *key,
                                                      const char      *operator_,
                                                      const char * const *values);
/* Edits between these two count as one change: the selector (and the
 * policy that owns it) emits "changed" once, at the end. */
void             np_label_selector_begin_change      (NpLabelSelector *self);
void             np_label_selector_end_change        (NpLabelSelector *self);
/* TRUE when it has no terms: it selects everything. */
gboolean         np_label_selector_is_empty          (NpLabelSelector *self);
gboolean         np_label_selector_matches           (NpLabelSelector *self,
                                                      GHashTable      *labels);
/* "app=web, tier in (api,web)"; "" for the empty selector. (transfer full) */
char            *np_label_selector_to_string         (NpLabelSelector *self);
NpLabelSelector *np_label_selector_copy              (NpLabelSelector *self);

G_END_DECLS
