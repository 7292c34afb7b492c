/* np-diagnostic.h: one finding about a policy or a file, with its position
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_DIAGNOSTIC (np_diagnostic_get_type ())
G_DECLARE_FINAL_TYPE (NpDiagnostic, np_diagnostic, NP, DIAGNOSTIC, GObject)

/* @code is a stable identifier ("yaml-syntax", "unknown-field", "invalid-cidr"),
 * @path a field path such as "spec.ingress[0].from[1].ipBlock.except[0]" (may
 * be NULL), @message a sentence meant for a person. */
NpDiagnostic *np_diagnostic_new            (NpSeverity          severity,
                                            const char         *code,
                                            const char         *path,
                                            const char         *message);
NpDiagnostic *np_diagnostic_new_at_node    (NpSeverity          severity,
                                            const char         *code,
                                            const char         *path,
                                            const NpNode       *node,
                                            const char         *format,
                                            ...) G_GNUC_PRINTF (5, 6);

/* Appends a new diagnostic, at @node's position when @node is not NULL,
 * to @list (element-type NpDiagnostic). */
void          np_diagnostic_list_add       (GPtrArray          *list,
                                            NpSeverity          severity,
                                            const char         *code,
                                            const char         *path,
                                            const NpNode       *node,
                                            const char         *format,
                                            ...) G_GNUC_PRINTF (6, 7);

NpSeverity    np_diagnostic_get_severity   (NpDiagnostic       *self);
const char   *np_diagnostic_get_code       (NpDiagnostic       *self);
const char   *np_diagnostic_get_path       (NpDiagnostic       *self);
const char   *np_diagnostic_get_message    (NpDiagnostic       *self);
/* (nullable) */
const char   *np_diagnostic_get_file       (NpDiagnostic       *self);
void          np_diagnostic_set_file       (NpDiagnostic       *self,
                                            const char         *file);
/* 1-based; 0 when unknown */
guint         np_diagnostic_get_line       (NpDiagnostic       *self);
guint         np_diagnostic_get_column     (NpDiagnostic       *self);
void          np_diagnostic_set_position   (NpDiagnostic       *self,
                                            guint               line,
                                            guint               column);
/* Index of the document in its file (0-based), -1 when not applicable. */
int           np_diagnostic_get_document   (NpDiagnostic       *self);
void          np_diagnostic_set_document   (NpDiagnostic       *self,
                                            int                 document);

const char   *np_severity_to_string        (NpSeverity          severity);

/* "FILE:LINE:COL: error: message [path]"; parts that are unknown are left out.
 * (transfer full) */
char         *np_diagnostic_format         (NpDiagnostic       *self);

/* Sort order for listings: file, line, column, then severity. */
int           np_diagnostic_compare        (gconstpointer       a,
                                            gconstpointer       b);

G_END_DECLS
