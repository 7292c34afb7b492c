/* np-connlist-explain.h: why each pair of the connectivity list allows or denies what it does
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-connlist.h"

G_BEGIN_DECLS

/* netpol-analyzer's --explain-only. */
typedef enum {
  NP_EXPLAIN_ONLY_ALL,
  NP_EXPLAIN_ONLY_ALLOW,  /* only the pairs that allow something */
  NP_EXPLAIN_ONLY_DENY,   /* only the pairs that allow nothing */
} NpExplainOnly;

/* "allow" or "deny"; otherwise sets @error (G_IO_ERROR_INVALID_ARGUMENT). */
gboolean  np_explain_only_parse (const char     *text,
                                 NpExplainOnly  *only,
                                 GError        **error);

/* netpol-analyzer's `list --explain` text for @list, which must have been
 * computed with focus->keep_empty (every pair, denied ones too): a block per
 * pair naming, for each class of ports with the same reasons, the policies
 * and rules of each direction that allowed or denied them, then the pairs
 * that only the system default decides. The ingress controller's pairs
 * name the Ingresses and Routes beside the policies. With @with_lines each rule line
 * ends in " (FILE:LINE)", where netpol read the rule. (transfer full) */
char     *np_connlist_explain   (NpEvaluator       *evaluator,
                                 const NpConnlist  *list,
                                 NpExplainOnly      only,
                                 gboolean           with_lines);

G_END_DECLS
