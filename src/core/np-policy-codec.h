/* np-policy-codec.h: NetworkPolicy data trees to model objects and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

typedef enum {
  NP_CODEC_DEFAULT   = 0,
  /* Known keys in canonical order (apiVersion, kind, metadata, spec;
   * podSelector, policyTypes, ingress, egress; ...) instead of the order
   * they were read in. Unknown keys follow, in their original order. */
  NP_CODEC_CANONICAL = 1 << 0,
} NpCodecFlags;

/* Builds a policy from a NetworkPolicy object. Values of the wrong type
 * (`port: [1]`, `podSelector: 3`) cannot be represented: they are reported
 * as errors in @diagnostics (element-type NpDiagnostic) and NULL is
 * returned. Unknown fields are kept (the validator reports them).
 * (transfer full) (nullable) */
NpPolicy *np_policy_new_from_node (NpNode       *root,
                                   GPtrArray    *diagnostics);

/* Whether np_policy_new_from_node() would read @root, without building the
 * model: the same errors go to @diagnostics (nullable). */
gboolean  np_policy_check_node    (NpNode       *root,
                                   GPtrArray    *diagnostics);

/* The policy as a data tree: every field of the model, every unknown field
 * it was read with, nothing the user did not write (no defaults).
 * (transfer full) */
NpNode   *np_policy_to_node       (NpPolicy     *policy,
                                   NpCodecFlags  flags);

/* For a @root that reads (np_policy_check_node()): the tree
 * np_policy_to_node (NP_CODEC_CANONICAL) gives for the policy read from it,
 * without the model. (transfer full) */
NpNode   *np_policy_canonical_node (NpNode      *root);

/* Reads a single NetworkPolicy from YAML or JSON text. On failure returns
 * NULL and adds the reasons (with line and column) to @diagnostics.
 * (transfer full) (nullable) */
NpPolicy *np_policy_new_from_yaml (const char   *text,
                                   gssize        length,
                                   GPtrArray    *diagnostics);

/* Makes @policy hold what @root says, in place (the same objects stay
 * bound), as one change. On type errors returns FALSE, adds the reasons to
 * @diagnostics and leaves @policy as it was. */
gboolean  np_policy_update_from_node (NpPolicy  *policy,
                                      NpNode    *root,
                                      GPtrArray *diagnostics);

/* The policy as canonical YAML. (transfer full) */
char     *np_policy_to_yaml       (NpPolicy     *policy);

G_END_DECLS
