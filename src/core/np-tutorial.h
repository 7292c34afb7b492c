/* np-tutorial.h: the guided tutorial and the short lessons, from shipped content
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-tutorial-step.h"
#include "np-types.h"

G_BEGIN_DECLS

/* The id of the main tutorial ("write your first policy"). */
#define NP_TUTORIAL_MAIN "main"

#define NP_TYPE_TUTORIAL (np_tutorial_get_type ())
G_DECLARE_FINAL_TYPE (NpTutorial, np_tutorial, NP, TUTORIAL, GObject)

/* A tutorial is a GListModel of NpTutorialStep, in order.
 *
 * Properties:
 *  "id"       string (read-only): NP_TUTORIAL_MAIN or a lesson id
 *  "title"    string (read-only), translated
 *  "summary"  string (read-only), translated: one or two sentences
 *  "policy"   NpPolicy or NpCiliumPolicy (read-write, nullable): the policy
 *             the steps' "done" is computed for, whatever its kind;
 *             recomputed on each of its "changed" signals
 *  "n-done"   uint (read-only): how many steps are done
 *  "has-example" boolean (read-only): the tutorial loads an example policy
 *             (the lessons do, the main tutorial does not)
 *
 * The text comes from the content shipped as a GResource in the core
 * (data/tutorials), translated with the netpol-editor text domain. */

/* The tutorial with @id, or NULL with NP_TUTORIAL_ERROR_NOT_FOUND.
 * (transfer full) */
NpTutorial   *np_tutorial_new              (const char  *id,
                                            GError     **error);
/* Every lesson (not the main tutorial), in the order shipped.
 * (transfer full) (element-type NpTutorial) */
GListModel   *np_tutorial_list_lessons     (void);

const char   *np_tutorial_get_id           (NpTutorial  *self);
const char   *np_tutorial_get_title        (NpTutorial  *self);
const char   *np_tutorial_get_summary      (NpTutorial  *self);
gboolean      np_tutorial_get_has_example  (NpTutorial  *self);
/* (transfer none) (nullable): an NpPolicy or an NpCiliumPolicy */
gpointer      np_tutorial_get_policy       (NpTutorial  *self);
/* @policy: an NpPolicy, an NpCiliumPolicy or NULL */
void          np_tutorial_set_policy       (NpTutorial  *self,
                                            gpointer     policy);
guint         np_tutorial_get_n_done       (NpTutorial  *self);
/* (transfer none) (nullable): the step with @step_id */
NpTutorialStep *np_tutorial_find_step      (NpTutorial  *self,
                                            const char  *step_id);

/* The lesson's example as YAML text (display name "<id>.yaml"), ready for
 * np_manifest_load_bytes(). NULL with NP_TUTORIAL_ERROR_NOT_FOUND for a
 * tutorial without example. (transfer full) */
GBytes       *np_tutorial_get_example      (NpTutorial  *self,
                                            GError     **error);
/* The same, loaded: a new manifest holding the example's policies.
 * (transfer full) */
NpManifest   *np_tutorial_load_example     (NpTutorial  *self,
                                            GError     **error);

G_END_DECLS
