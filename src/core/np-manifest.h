/* np-manifest.h: a manifest file: its documents, loading, saving, checking
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-document.h"
#include "np-types.h"

G_BEGIN_DECLS

#define NP_MANIFEST_ERROR (np_manifest_error_quark ())
GQuark np_manifest_error_quark (void);

typedef enum {
  NP_MANIFEST_ERROR_PARSE,     /* not YAML or JSON; see np_manifest_get_parse_diagnostic() */
  NP_MANIFEST_ERROR_TOO_LARGE,
} NpManifestError;

/* Files larger than this are refused before reading them. */
#define NP_MANIFEST_MAX_SIZE (256 * 1024 * 1024)

#define NP_TYPE_MANIFEST (np_manifest_get_type ())
G_DECLARE_FINAL_TYPE (NpManifest, np_manifest, NP, MANIFEST, GObject)

/* Properties: "display-name" (string: the file name used in messages),
 * "format" (NpFormat of the text read), "modified" (boolean: some document
 * changed since loading or saving). */
NpManifest   *np_manifest_new                  (void);

/* Reads @text: YAML (one or more documents) or JSON, replacing what the
 * manifest held. On a syntax error returns FALSE with @error set to
 * "NAME:LINE:COL: error: message"; the same finding is kept in
 * np_manifest_get_parse_diagnostic(), the manifest then has no documents
 * and np_manifest_to_bytes() gives @text back unchanged. */
gboolean      np_manifest_load_bytes           (NpManifest    *self,
                                                GBytes        *text,
                                                const char    *display_name,
                                                GError       **error);
/* Called for each document of a text being loaded, in order, as soon as
 * it is read: in a second thread when there is a second processor (the
 * document is the function's alone meanwhile), so that the work done on
 * one document overlaps the reading of the next. */
typedef void (*NpManifestDocumentFunc) (NpDocument *document,
                                        guint       index,
                                        gpointer    user_data);
/* np_manifest_load_bytes(), calling @func on each document as it is read
 * (before this returns, and before the manifest holds it); the documents
 * go into the list in one change ("items-changed" once). The manifest must
 * not be used from another thread meanwhile. When @text does
 * not parse, @func may have been called on documents the manifest then
 * does not hold: FALSE says to forget what it did. */
gboolean      np_manifest_load_bytes_each      (NpManifest              *self,
                                                GBytes                  *text,
                                                const char              *display_name,
                                                NpManifestDocumentFunc   func,
                                                gpointer                 user_data,
                                                GError                 **error);
gboolean      np_manifest_load_file            (NpManifest    *self,
                                                GFile         *file,
                                                GCancellable  *cancellable,
                                                GError       **error);

const char   *np_manifest_get_display_name     (NpManifest    *self);
NpFormat      np_manifest_get_format           (NpManifest    *self);
gboolean      np_manifest_get_modified         (NpManifest    *self);
/* After an undo or a redo: when the documents are those of the last load
 * or save (none added, removed or replaced since) and each holds the data
 * it held then (np_document_matches_saved()), clears "modified" on them
 * and on the manifest, as saving would write the same text. Returns
 * whether the manifest is unmodified. */
gboolean      np_manifest_check_saved          (NpManifest    *self);
/* (nullable) (transfer none) the reason the last load failed */
NpDiagnostic *np_manifest_get_parse_diagnostic (NpManifest    *self);

/* (transfer none) (element-type NpDocument) */
GListModel   *np_manifest_get_documents        (NpManifest    *self);
/* Every policy of every document, in file order: NpPolicy and
 * NpCiliumPolicy objects. (transfer full) (element-type GObject) */
GListModel   *np_manifest_list_policies        (NpManifest    *self);
/* g_list_model_get_n_items (np_manifest_list_policies ()), without
 * building (and keeping) every policy's model when that was not done. */
guint         np_manifest_count_policies       (NpManifest    *self);
/* Appends @policy (an NpPolicy, an NpCiliumPolicy or an NpClusterPolicy) as a new document. */
void          np_manifest_add_policy           (NpManifest    *self,
                                                gpointer       policy);

/* Removes @document (and its policies) from the file. */
void          np_manifest_remove_document      (NpManifest    *self,
                                                NpDocument    *document);
/* The document that holds @policy, or NULL. (transfer none) */
/* Puts @new_policy (an NpPolicy or NpCiliumPolicy) in place of the
 * document holding @old_policy, as a fresh document at the same position.
 * FALSE when @old_policy is not alone in its document (a List item). */
gboolean      np_manifest_replace_policy       (NpManifest    *self,
                                                gpointer       old_policy,
                                                gpointer       new_policy);
NpDocument   *np_manifest_find_document        (NpManifest    *self,
                                                gpointer       policy);
/* (nullable) the first document whose typed text is not YAML
 * (np_document_check_typed_text()), with the reason in @problem. */
NpDocument   *np_manifest_find_typed_error     (NpManifest    *self,
                                                NpDiagnostic **problem);

/* The text to save: untouched documents byte for byte, changed ones
 * re-written (JSON files as JSON). (transfer full) */
GBytes       *np_manifest_to_bytes             (NpManifest    *self);
/* The text of @document, one of @self's, exactly as saving writes it: see
 * np_document_dup_text(); the one policy of an edited JSON file is JSON,
 * as saving writes it. (transfer full) */
char         *np_manifest_dup_document_text    (NpManifest    *self,
                                                NpDocument    *document);
/* Canonical text of every document, for `netpol fmt`. (transfer full) */
GBytes       *np_manifest_format               (NpManifest    *self,
                                                NpFormat       format);
/* The format @text is in: JSON when it starts with "{" or "[". */
NpFormat      np_manifest_detect_format        (GBytes        *text);
/* np_manifest_format() of @text loaded with np_manifest_load_bytes(), and
 * the same errors, reading and writing a document at a time (YAML; JSON,
 * one List of all documents, reads them all first). (transfer full) */
GBytes       *np_manifest_format_bytes         (GBytes        *text,
                                                const char    *display_name,
                                                NpFormat       format,
                                                GError       **error);
/* Writes np_manifest_to_bytes() atomically (a temporary file renamed over
 * the original) and clears "modified". */
gboolean      np_manifest_save                 (NpManifest    *self,
                                                GFile         *file,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* Every finding for every document, with file name and document index set,
 * sorted by position. (element-type NpDiagnostic) */
void          np_manifest_validate             (NpManifest    *self,
                                                NpValidateFlags flags,
                                                GPtrArray     *diagnostics);

/* What np_manifest_load_bytes(), np_manifest_validate() and
 * np_manifest_count_policies() on a new manifest give (@n_policies may be
 * NULL), reading @text a document at a time: only one document's data is
 * held at once (`netpol validate` of a large file). Returns FALSE with
 * @error set only when @text is too large to read; a syntax error is a
 * diagnostic like the others. */
gboolean      np_manifest_validate_bytes       (GBytes          *text,
                                                const char      *display_name,
                                                NpValidateFlags  flags,
                                                GPtrArray       *diagnostics,
                                                guint           *n_policies,
                                                GError         **error);

/* Writes @contents to @file through a temporary file in the same folder,
 * keeping the original's permissions. */
gboolean      np_write_file_atomically         (GFile         *file,
                                                const char    *contents,
                                                gsize          length,
                                                GCancellable  *cancellable,
                                                GError       **error);

G_END_DECLS
