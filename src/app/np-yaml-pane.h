/* np-yaml-pane.h: the shown policy's YAML, editable, and the list of its problems
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_YAML_PANE (np_yaml_pane_get_type ())
G_DECLARE_FINAL_TYPE (NpYamlPane, np_yaml_pane, NP, YAML_PANE, GtkWidget)

/* The text is exactly what saving writes for the policy's document
 * (np_document_dup_text()): an untouched file as it is on disk, comments
 * included. Text typed into it is read back into the policy when it parses
 * and becomes the document's text (np_document_set_text()).
 *
 * Properties:
 *  "text-visible"  boolean: whether the YAML shows (the problems always do)
 *  "text-differs"  boolean, read-only: the text is not what saving would
 *                  write (typed, and not read back: a syntax error, or not
 *                  read yet); an unsaved edit all the same
 *  "can-undo-text" boolean, read-only: the text's own undo has a step the
 *                  policy does not know (see np_yaml_pane_undo_text())
 * Signals:
 *  "problem-activated" (NpDiagnostic *): a problem was picked; the text
 *                  already shows it, the window may point at it elsewhere
 *  "text-read"     the typed text was read back (it may not have parsed):
 *                  a moment to keep it in the recovery file */
GtkWidget  *np_yaml_pane_new               (void);
/* Shows @policy (an NpPolicy, an NpCiliumPolicy or NULL) of @manifest;
 * without a policy, the manifest's own problems. */
void        np_yaml_pane_set_policy        (NpYamlPane *self,
                                            NpManifest *manifest,
                                            gpointer    policy);
/* Rewrites the text from the policy (after it changed in a way the pane
 * does not see, such as a save). */
void        np_yaml_pane_refresh           (NpYamlPane *self);
gboolean    np_yaml_pane_get_text_differs  (NpYamlPane *self);
/* (transfer full) (nullable) the typed text when it differs from the
 * policy, and the document it was typed for in @document (transfer none). */
char       *np_yaml_pane_dup_typed_text   (NpYamlPane  *self,
                                           NpDocument **document);
/* Puts @text in the preview as if typed (a restored recovery's). */
void        np_yaml_pane_type_text        (NpYamlPane  *self,
                                           const char  *text);
gboolean    np_yaml_pane_get_can_undo_text (NpYamlPane *self);
gboolean    np_yaml_pane_get_can_redo_text (NpYamlPane *self);
/* Reads text typed but not read back yet into the policy now (before a
 * save or an undo). FALSE when the text does not parse. */
gboolean    np_yaml_pane_flush             (NpYamlPane *self);
/* (nullable) (transfer none) why the text typed cannot be the policy */
NpDiagnostic *np_yaml_pane_get_text_error  (NpYamlPane *self);
/* (transfer none) the preview's text view, for the frame benchmark */
GtkTextView *np_yaml_pane_get_text_view    (NpYamlPane *self);
/* (transfer full) the text as shown */
char       *np_yaml_pane_dup_text          (NpYamlPane *self);
/* Makes the text as typed the document's text, parsed or not ("save it as
 * typed"). FALSE when the policy is not alone in its document (an item of
 * a List), which has no text of its own. */
gboolean    np_yaml_pane_keep_text         (NpYamlPane *self);
/* Undoes or redoes typing in the text that the policy's history does not
 * hold (text that does not parse); FALSE when there is none. */
gboolean    np_yaml_pane_undo_text         (NpYamlPane *self);
gboolean    np_yaml_pane_redo_text         (NpYamlPane *self);
void        np_yaml_pane_focus_text        (NpYamlPane *self);
/* (transfer none) (element-type NpDiagnostic) the problems listed */
GListModel *np_yaml_pane_get_problems      (NpYamlPane *self);

G_END_DECLS
