/* np-validator.h: the API server's checks of a NetworkPolicy, and strict field checking
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

typedef enum {
  NP_VALIDATE_DEFAULT     = 0,
  /* Reject CIDRs with leading zeros, IPv4-mapped IPv6 addresses or host
   * bits set (Kubernetes 1.36 on); otherwise they are warnings. */
  NP_VALIDATE_STRICT_CIDR = 1 << 0,
} NpValidateFlags;

/* Appends what is wrong with @policy to @diagnostics (element-type
 * NpDiagnostic): every rule of semantics §1.2, unknown or misspelt fields
 * (as kubectl's strict field validation), and the few things kubectl fills
 * in for you (a missing namespace) as warnings. Positions come from the
 * nodes the policy was read from, when it was (after an edit: the node at
 * each finding's field path there). The checks are those of
 * np_policy_validate_node(), on the tree the model gives. */
void      np_policy_validate          (NpPolicy        *policy,
                                       NpValidateFlags  flags,
                                       GPtrArray       *diagnostics);

/* The same checks on the tree of a NetworkPolicy as read: values of the
 * wrong type are reported as np_policy_new_from_node() reports them, and
 * then nothing else (FALSE: the tree does not read as a policy). Positions
 * come from the tree. */
gboolean  np_policy_validate_node     (NpNode          *root,
                                       NpValidateFlags  flags,
                                       GPtrArray       *diagnostics);

/* Points each diagnostic of @diagnostics (from @first on) at the node of its
 * field path in @root, the data tree of a text that shows the policy (the
 * editor's YAML preview): so that validating the model gives positions in
 * that text without reading it back into a second model. */
void      np_diagnostics_relocate     (GPtrArray       *diagnostics,
                                       guint            first,
                                       NpNode          *root);

/* TRUE when some diagnostic of @diagnostics is an error. */
gboolean  np_diagnostics_have_errors  (GPtrArray       *diagnostics);

/* The closest of @candidates to a misspelt @word, for "did you mean"
 * hints; NULL when none is close. */
const char *np_suggest_field          (const char          *word,
                                       const char * const  *candidates);

G_END_DECLS
