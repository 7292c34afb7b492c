/* np-document.h: one document of a manifest file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-policy-codec.h"
#include "np-types.h"
#include "np-validator.h"

G_BEGIN_DECLS

typedef enum {
  NP_DOCUMENT_EMPTY,   /* nothing but comments, or null */
  NP_DOCUMENT_POLICY,  /* a NetworkPolicy (or something meant to be one) */
  NP_DOCUMENT_LIST,    /* a List / NetworkPolicyList: its items may hold policies */
  NP_DOCUMENT_OTHER,   /* any other object: kept as it is, never touched */
  NP_DOCUMENT_CILIUM_POLICY, /* a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy
                              * (or something meant to be one) */
  NP_DOCUMENT_CLUSTER_POLICY, /* an AdminNetworkPolicy, BaselineAdminNetworkPolicy or
                               * ClusterNetworkPolicy: its model is
                               * np_document_get_cluster_policy(), not one
                               * of np_document_get_policies() */
} NpDocumentKind;

#define NP_TYPE_DOCUMENT (np_document_get_type ())
G_DECLARE_FINAL_TYPE (NpDocument, np_document, NP, DOCUMENT, GObject)

/* Takes its share of @text (see NpYamlDocument) and classifies it. Policies
 * that cannot be read (values of the wrong type) are kept untouched, with
 * their reasons in np_document_get_load_diagnostics().
 * Property "modified" turns TRUE when one of its policies changes. */
NpDocument     *np_document_new                 (GBytes          *text,
                                                 gsize            start,
                                                 gsize            end,
                                                 gsize            content_start,
                                                 gsize            content_end,
                                                 NpNode          *root);
/* A new document holding @policy (an NpPolicy or an NpCiliumPolicy), for
 * adding to a manifest. */
NpDocument     *np_document_new_for_policy      (gpointer         policy);

/* The same for a cluster-scoped policy (NpClusterPolicy). */
NpDocument     *np_document_new_for_cluster_policy (NpClusterPolicy *policy);

NpDocumentKind  np_document_get_kind            (NpDocument      *self);
/* The model of a CLUSTER_POLICY document, made when first asked for over a
 * copy of the tree (NULL for other kinds). Its "changed" sets "modified".
 * (transfer none) (nullable) */
NpClusterPolicy *np_document_get_cluster_policy (NpDocument      *self);
/* The object's kind as written ("Deployment"), or NULL */
const char     *np_document_get_object_kind     (NpDocument      *self);
/* metadata.name as written, or NULL */
const char     *np_document_get_object_name     (NpDocument      *self);
/* (nullable) the data as read */
NpNode         *np_document_get_root            (NpDocument      *self);
/* 1-based line where the document's content starts (0 for a new one) */
guint           np_document_get_line            (NpDocument      *self);
/* (transfer none) (element-type GObject): the policies, in order; each is an
 * NpPolicy or an NpCiliumPolicy (check with NP_IS_POLICY/NP_IS_CILIUM_POLICY) */
GListModel     *np_document_get_policies        (NpDocument      *self);
/* (transfer full) (element-type GObject): the policies of
 * np_document_get_policies(), for a reader that only looks at them: when
 * the document has not built its models, fresh ones that it does not keep
 * and that do not report changes (their trees shared with the document's).
 * Callable from another thread than the one that made the document, as
 * long as nothing else uses the document meanwhile. */
GPtrArray      *np_document_read_policies       (NpDocument      *self);
/* How many policies np_document_get_policies() has, without keeping
 * their models when they are not built yet. */
guint           np_document_count_policies      (NpDocument      *self);
/* Whether @policy is one of the document's policies, and at which index
 * (@position may be NULL); the cluster policy of a CLUSTER_POLICY document
 * counts, at 0. Only built policy models are looked at: a
 * document that never built them holds no policy object yet. */
gboolean        np_document_find_policy         (NpDocument      *self,
                                                 gpointer         policy,
                                                 guint           *position);
/* (transfer none) (nullable): the policy models np_document_find_policy()
 * would look at, without building any: the policies if built, else NULL;
 * the cluster policy if built, else NULL. */
GListModel     *np_document_peek_policies       (NpDocument      *self);
NpClusterPolicy *np_document_peek_cluster_policy (NpDocument     *self);
/* (transfer none) (element-type NpDiagnostic) */
GPtrArray      *np_document_get_load_diagnostics (NpDocument     *self);
gboolean        np_document_get_modified        (NpDocument      *self);
/* Whether the document's policies hold the data read from its text (as
 * read or last saved: np_document_rebase()), whatever their layout, so
 * that its text as read may be written for them; FALSE for a new
 * document and for text typed as it is. */
gboolean        np_document_matches_saved       (NpDocument      *self);
void            np_document_set_modified        (NpDocument      *self,
                                                 gboolean         modified);

/* The document as data, policies as the model has them now.
 * (transfer full) (nullable) */
NpNode         *np_document_to_node             (NpDocument      *self,
                                                 NpCodecFlags     flags);

/* np_node_reorder_k8s (np_document_to_node (@self, NP_CODEC_CANONICAL)),
 * for `netpol fmt`: the node to write with np_yaml_write_append() and
 * @first_keys, with as little copying as can be. (transfer full) (nullable) */
NpNode         *np_document_to_canonical_node   (NpDocument          *self,
                                                 const char * const **first_keys);

/* Appends the document as it is to be saved: its original bytes when
 * unchanged, otherwise its comments and separator line followed by fresh
 * YAML (keeping the original's line ends). */
void            np_document_write               (NpDocument      *self,
                                                 GString         *out);

/* Validation findings of this document: load errors, then the validator's
 * for each policy, NetworkPolicy or Cilium (paths of List items start with
 * "items[N]."). */
void            np_document_validate            (NpDocument      *self,
                                                 NpValidateFlags  flags,
                                                 GPtrArray       *diagnostics);

/* The document's text exactly as np_document_write() writes it when it is
 * the first document of a file: for an untouched document its original
 * bytes (comments, key order, indentation), for a changed one the text that
 * will be saved. (transfer full) */
char           *np_document_dup_text            (NpDocument      *self);
/* Makes @text (YAML the person typed for this document) its text: it is
 * written exactly as it is, until one of its policies changes in another
 * way (an edit elsewhere, an undo), which writes fresh YAML again. The
 * caller updates the policies from @text first when it parses; text that
 * does not parse is kept too ("save it as typed"). Sets "modified". */
void            np_document_set_text            (NpDocument      *self,
                                                 const char      *text);
/* (nullable) the text set with np_document_set_text(), while it stands. */
const char     *np_document_get_typed_text      (NpDocument      *self);
/* (nullable) why the text set with np_document_set_text() is not YAML of
 * one document (positioned in that text), or NULL when it is, or when no
 * text was typed. Saving writes such text as typed; the editor asks first.
 * (transfer full) */
NpDiagnostic   *np_document_check_typed_text    (NpDocument      *self);
/* After a save: takes the position and bytes of @saved (the same document
 * read back from the saved file), keeping its own policy objects, so that
 * an undo history and the views that show them stay valid. FALSE (nothing
 * done) when @saved is not the same kind of document. */
gboolean        np_document_rebase              (NpDocument      *self,
                                                 NpDocument      *saved);

G_END_DECLS
