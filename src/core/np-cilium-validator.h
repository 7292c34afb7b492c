/* np-cilium-validator.h: what the API server and the Cilium agent check in a Cilium policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"
#include "np-validator.h"

G_BEGIN_DECLS

/* Appends what is wrong with @policy to @diagnostics (element-type
 * NpDiagnostic), each with a field path and the position of the offending
 * value: unknown or misspelt fields at every level (strict field
 * validation against the CRD schema), values of the wrong type, and every
 * rule of semantics §2.1 and of the agent's rule_validation.go, as the
 * newest Cilium applies them. Constructs whose verdict depends on the
 * Cilium version are warnings, or errors whose message says which versions
 * differ. */
void np_cilium_policy_validate (NpCiliumPolicy  *policy,
                                NpValidateFlags  flags,
                                GPtrArray       *diagnostics);

/* The same checks on the tree of a Cilium policy as read, without building
 * the model: a tree that does not read as one gets the errors
 * np_cilium_policy_new_from_node() gives, and nothing else (FALSE). */
gboolean np_cilium_validate_node (NpNode          *root,
                                  NpValidateFlags  flags,
                                  GPtrArray       *diagnostics);

G_END_DECLS
