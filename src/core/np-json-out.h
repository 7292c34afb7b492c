/* np-json-out.h: findings, verdicts and ratings as JSON, for scripts (`netpol -o json`)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON counterparts of np_diagnostic_format() and of the CLI's text for
 * verdicts and ratings: one owner for each member name, so every command and
 * every test sees the same shape.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "np-evaluator.h"
#include "np-rating.h"
#include "np-types.h"

G_BEGIN_DECLS

typedef enum {
  NP_JSON_OUT_DEFAULT   = 0,
  /* Add "file" when the diagnostic knows its file (lint lists the findings
   * of many files in one array; validate groups them by file instead). */
  NP_JSON_OUT_WITH_FILE = 1 << 0,
} NpJsonOutFlags;

/* {"severity", "code", "message", "path"?, "line"?, "column"?, "document"?,
 * "file"?}: the parts that are unknown are left out. (transfer full) */
JsonNode *np_diagnostic_to_json  (NpDiagnostic    *diagnostic,
                                  NpJsonOutFlags   flags);
/* An array of np_diagnostic_to_json() of each of @diagnostics
 * (element-type NpDiagnostic). (transfer full) */
JsonNode *np_diagnostics_to_json (GPtrArray       *diagnostics,
                                  NpJsonOutFlags   flags);

/* One side of a verdict: {"applies", "isolated", "allowed", "policies",
 * "rules", "denied-by", "note"?}. (transfer full) */
JsonNode *np_side_decision_to_json (const NpSideDecision *side);
/* The answer to "may @from reach @to on @port/@protocol": {"from", "to",
 * "port", "protocol", "allowed", "egress", "ingress", "notes"}.
 * (transfer full) */
JsonNode *np_verdict_to_json     (const NpVerdict *verdict,
                                  const char      *from,
                                  const char      *to,
                                  NpProtocol       protocol,
                                  guint            port);

/* {"kind", "name" (or null), "line", "score", "points", "max_points",
 * "reasons": [{"code", "met", "points", "max_points", "message"}]}.
 * (transfer full) */
JsonNode *np_rating_to_json      (NpRating        *rating,
                                  const char      *kind,
                                  const char      *name,
                                  guint            line);

/* @root as indented JSON text, without a final newline. (transfer full) */
char     *np_json_out_to_text    (JsonNode        *root);

G_END_DECLS
