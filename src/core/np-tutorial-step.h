/* np-tutorial-step.h: one step of a tutorial: its text, its check, its "Do it for me"
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TUTORIAL_ERROR (np_tutorial_error_quark ())
GQuark np_tutorial_error_quark (void);

typedef enum {
  NP_TUTORIAL_ERROR_NO_ACTION,    /* the step is advice: there is nothing to apply */
  NP_TUTORIAL_ERROR_NOT_FOUND,    /* no tutorial or example of that id */
  NP_TUTORIAL_ERROR_INVALID_DATA, /* the shipped content is damaged */
} NpTutorialError;

#define NP_TYPE_TUTORIAL_STEP (np_tutorial_step_get_type ())
G_DECLARE_FINAL_TYPE (NpTutorialStep, np_tutorial_step, NP, TUTORIAL_STEP, GObject)

/* Steps are made by NpTutorial from the shipped content.
 *
 * Properties (read-only unless said otherwise):
 *  "id"           string, stable, e.g. "select-pods", "default-deny", "dns"
 *  "title"        string, translated
 *  "body"         string, translated; paragraphs separated by "\n\n"
 *  "has-action"   boolean: np_tutorial_step_apply() can do the step
 *  "needs-action" boolean: the step has a check on the policy; FALSE for
 *                 advice, which is done once acknowledged
 *  "acknowledged" boolean, read-write: the person has read the step or
 *                 handled it their way (e.g. kept the empty pod selector
 *                 to protect every pod of the namespace)
 *  "done"         boolean: "acknowledged", or np_tutorial_step_check() on
 *                 the tutorial's policy. Kept up to date by the NpTutorial
 *                 holding the step.
 *
 * The checks and actions (see data/tutorials/netpol.tutorials.xml):
 *  select-pods     done: the pod selector has a term. Do it: app=NAME, NAME
 *                  from the policy name without "allow-"/"deny-"/"default-"
 *                  and "-policy"/"-netpol"/"-np"..., "backend" when nothing
 *                  meaningful is left (a new "new-policy" gets app=backend)
 *  default-deny    done: isolated for ingress and egress. Do it: policyTypes
 *                  [Ingress, Egress]
 *  dns             done/do it: np_policy_get/set_dns_allowed()
 *  same-namespace  done: an ingress and an egress rule with a peer "pods of
 *                  this namespace". Do it: adds `from/to: [podSelector: {}]`
 *                  for the missing direction(s)
 *  to-outside      done: an egress rule to ipBlocks only, with ports. Do
 *                  it: 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12,
 *                  192.168.0.0/16 on TCP 443
 *  from-outside, other-namespaces, probes, save: advice. */
const char *np_tutorial_step_get_id           (NpTutorialStep *self);
const char *np_tutorial_step_get_title        (NpTutorialStep *self);
const char *np_tutorial_step_get_body         (NpTutorialStep *self);
gboolean    np_tutorial_step_get_has_action   (NpTutorialStep *self);
gboolean    np_tutorial_step_get_needs_action (NpTutorialStep *self);
gboolean    np_tutorial_step_get_acknowledged (NpTutorialStep *self);
void        np_tutorial_step_set_acknowledged (NpTutorialStep *self,
                                               gboolean        acknowledged);
gboolean    np_tutorial_step_get_done         (NpTutorialStep *self);

/* @policy: an NpPolicy or an NpCiliumPolicy (the editor's first rule of
 * it: endpointSelector, enableDefaultDeny, Kubernetes DNS, toEndpoints {},
 * toCIDRSet with ports), checked and done alike.
 *
 * Whether @policy already satisfies the step (not counting
 * "acknowledged"). Always FALSE for advice steps (needs-action FALSE). */
gboolean    np_tutorial_step_check            (NpTutorialStep *self,
                                               gpointer        policy);
/* Does the step on @policy as one change (one undo step in NpHistory).
 * A step that @policy already satisfies changes nothing and returns TRUE.
 * Advice steps fail with NP_TUTORIAL_ERROR_NO_ACTION. */
gboolean    np_tutorial_step_apply            (NpTutorialStep *self,
                                               gpointer        policy,
                                               GError        **error);

G_END_DECLS
