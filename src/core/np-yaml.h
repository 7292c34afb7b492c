/* np-yaml.h: reading and writing YAML (and JSON) streams with positions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-node.h"

G_BEGIN_DECLS

/* Limits that keep hostile input from taking the machine down. */
#define NP_YAML_MAX_DEPTH            200
#define NP_YAML_MAX_ALIAS_EXPANSION  1000000  /* nodes reachable through aliases */
#define NP_YAML_MAX_DOCUMENTS        100000
#define NP_YAML_MAX_SCALAR           (1024 * 1024) /* bytes of one value */

/* One document of a stream, and where it lies in the text.
 *
 * [start, end) is the document's share of the file: the shares of all
 * documents of a stream, in order, cover the whole text without gaps, so
 * concatenating them gives the file back byte for byte. Comments and the
 * `---` line in front of a document belong to it; the content proper is
 * [content_start, content_end). */
typedef struct {
  NpNode *root;          /* (nullable) for an empty document */
  gsize   start;
  gsize   end;
  gsize   content_start;
  gsize   content_end;
  guint   line;          /* 1-based line of content_start */
} NpYamlDocument;

void          np_yaml_document_free     (NpYamlDocument  *document);

/* Parses every document of @data. On failure returns NULL and sets
 * @diagnostic to an error with the line and column of the problem (syntax
 * errors, duplicate keys, alias bombs, nesting too deep, invalid UTF-8,
 * NUL bytes, unsupported tags). An empty text gives an empty array.
 * (transfer full) (element-type NpYamlDocument) */
GPtrArray    *np_yaml_parse             (const char      *data,
                                         gsize            length,
                                         NpDiagnostic   **diagnostic);

/* Receives a document of a stream (transfer full: free it with
 * np_yaml_document_free()). */
typedef void (*NpYamlDocumentFunc) (NpYamlDocument *document,
                                    gpointer        user_data);

/* np_yaml_parse(), handing each document to @func as soon as it is read
 * (the documents before a syntax error too): a caller that drops them as
 * they come holds one document's tree at a time, not the whole stream's.
 * The reader keeps no reference to a document it handed over: @func may
 * pass it to another thread. Returns FALSE with @diagnostic set on failure. */
gboolean      np_yaml_parse_each        (const char          *data,
                                         gsize                length,
                                         NpYamlDocumentFunc   func,
                                         gpointer             user_data,
                                         NpDiagnostic       **diagnostic);

/* Parses exactly one document (zero documents give a NULL node). */
NpNode       *np_yaml_parse_one         (const char      *data,
                                         gsize            length,
                                         NpDiagnostic   **diagnostic);

typedef enum {
  NP_YAML_WRITE_DEFAULT = 0,
  NP_YAML_WRITE_CRLF    = 1 << 0, /* Windows line ends */
  NP_YAML_WRITE_DOCUMENT_START = 1 << 1, /* begin with "---" */
} NpYamlWriteFlags;

/* kubectl-like block YAML, 2-space indents, a string quoted exactly when a
 * plain scalar would read back as something else.
 * (transfer full) */
char         *np_yaml_write             (const NpNode    *root,
                                         NpYamlWriteFlags flags,
                                         gsize           *length);

/* Appends np_yaml_write()'s text to @out; with @first_keys (nullable), a
 * mapping @root has those of its keys first, in that order, and the others
 * after them in their order (see np_node_reorder_k8s()), without copying. */
void          np_yaml_write_append      (GString            *out,
                                         const NpNode       *root,
                                         const char * const *first_keys,
                                         NpYamlWriteFlags    flags);

/* apiVersion, kind, metadata, spec: the order of np_node_reorder_k8s(). */
extern const char * const np_yaml_k8s_first_keys[];

/* JSON as `kubectl get -o json` prints it (4-space indents).
 * (transfer full) */
char         *np_json_write             (const NpNode    *root,
                                         gsize           *length);

/* Returns a copy of @root with the top-level keys apiVersion, kind, metadata
 * and spec first, the others after them in their original order. */
NpNode       *np_node_reorder_k8s       (const NpNode    *root);

G_END_DECLS
