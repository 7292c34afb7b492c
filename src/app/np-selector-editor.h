/* np-selector-editor.h: a label selector as chips, with an entry to add terms
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_SELECTOR_EDITOR (np_selector_editor_get_type ())
G_DECLARE_FINAL_TYPE (NpSelectorEditor, np_selector_editor, NP, SELECTOR_EDITOR, GtkWidget)

/* Edits an NpLabelSelector in place: one chip per term ("app=backend",
 * "tier in (web, api)"), each with a remove button, and an entry that adds
 * the terms typed into it (Kubernetes selector syntax, several separated by
 * commas) on Enter. A term that does not parse leaves the text in the entry,
 * marks it with the "error" style and says why in a label under it.
 *
 * Properties: "selector" (NpLabelSelector, nullable), "label" (string: the
 * accessible name of the entry, e.g. "Pod selector"), "empty-text" (string
 * shown when there is no term, e.g. "All pods in the namespace"), "has-error"
 * (boolean, read-only: the entry holds text that does not parse, so a dialog
 * can refuse to apply). */
GtkWidget       *np_selector_editor_new          (const char       *label);
NpLabelSelector *np_selector_editor_get_selector (NpSelectorEditor *self);
void             np_selector_editor_set_selector (NpSelectorEditor *self,
                                                  NpLabelSelector  *selector);
/* Adds what the entry holds; FALSE (entry marked) when it does not parse. */
gboolean         np_selector_editor_commit       (NpSelectorEditor *self);

G_END_DECLS
