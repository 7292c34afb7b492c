/* np-connlist-private.h: the connectivity list without equivalence classes, for tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-connlist.h"

G_BEGIN_DECLS

/* As np_connlist_compute_focused(), but evaluating every pair of pods
 * and ranges on its own: the reference the class-based list must equal. */
NpConnlist *np_connlist_compute_pairwise (NpEvaluator           *evaluator,
                                          const NpConnlistFocus *focus);

G_END_DECLS
