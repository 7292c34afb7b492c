/* np-go-text.h: text escaped the way netpol-analyzer's Go code writes it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connectivity list, its diff and the exposure analysis print CSV, DOT
 * and JSON byte for byte as netpol-analyzer does: these are the one place
 * that knows how Go escapes each.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A field as Go's encoding/csv writes it: quoted, with inner quotes doubled,
 * when it holds a comma, a quote, CR or LF, starts with white space, or is
 * exactly "\.". */
void np_go_append_csv_field  (GString    *out,
                              const char *text);
/* A string as Go's %q (strconv.Quote) writes it, as the DOT files have them. */
void np_go_append_quoted     (GString    *out,
                              const char *text);
/* A JSON string as Go's encoding/json writes it: <, > and & escaped too. */
void np_go_append_json_string (GString    *out,
                               const char *text);

G_END_DECLS
