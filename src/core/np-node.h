/* np-node.h: a YAML/JSON data tree that remembers where every value came from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

typedef enum {
  NP_NODE_SCALAR,
  NP_NODE_MAPPING,
  NP_NODE_SEQUENCE,
} NpNodeKind;

/* What a scalar means once resolved the way Kubernetes' YAML decoder
 * (YAML 1.1 rules: yes/no/on/off are booleans) resolves it. */
typedef enum {
  NP_SCALAR_NULL,
  NP_SCALAR_BOOL,
  NP_SCALAR_INT,
  NP_SCALAR_FLOAT,
  NP_SCALAR_STRING,
} NpScalarType;

#define NP_TYPE_NODE (np_node_get_type ())
GType np_node_get_type (void) G_GNUC_CONST;

/* Constructors. Line and column are 1-based; 0 means "not from a file". */
NpNode       *np_node_new_scalar        (NpScalarType  type,
                                         const char   *text);
NpNode       *np_node_new_string        (const char   *text);
NpNode       *np_node_new_int           (gint64        value);
NpNode       *np_node_new_bool          (gboolean      value);
NpNode       *np_node_new_null          (void);
NpNode       *np_node_new_mapping       (void);
NpNode       *np_node_new_sequence      (void);
/* A Kubernetes "v1 List" object ({apiVersion: v1, kind: List, items})
 * holding @items, a sequence. (transfer full: @items too) */
NpNode       *np_node_new_list          (NpNode       *items);
/* The one node of @nodes (element-type NpNode), or else a "v1 List" of
 * them all (also when there is none). (transfer full) */
NpNode       *np_node_wrap_list         (GPtrArray    *nodes);

NpNode       *np_node_ref               (NpNode       *node);
void          np_node_unref             (NpNode       *node);

NpNodeKind    np_node_get_kind          (const NpNode *node);
guint         np_node_get_line          (const NpNode *node);
guint         np_node_get_column        (const NpNode *node);
void          np_node_set_position      (NpNode       *node,
                                         guint         line,
                                         guint         column);
gsize         np_node_get_offset        (const NpNode *node);
void          np_node_set_offset        (NpNode       *node,
                                         gsize         offset);

/* Scalars */
NpScalarType  np_node_get_scalar_type   (const NpNode *node);
const char   *np_node_get_text          (const NpNode *node);
gboolean      np_node_is_null           (const NpNode *node);
gboolean      np_node_is_string         (const NpNode *node);
/* TRUE and *value set when the node is an integer scalar that fits. */
gboolean      np_node_get_int           (const NpNode *node,
                                         gint64       *value);
gboolean      np_node_get_bool          (const NpNode *node,
                                         gboolean     *value);
/* The scalar was written quoted in the source (style only; not data). */
gboolean      np_node_get_quoted        (const NpNode *node);
void          np_node_set_quoted        (NpNode       *node,
                                         gboolean      quoted);

/* Mappings keep their keys in insertion order. Keys are scalar nodes. */
guint         np_node_get_n_pairs       (const NpNode *node);
NpNode       *np_node_get_key_node      (const NpNode *node,
                                         guint         index);
const char   *np_node_get_key           (const NpNode *node,
                                         guint         index);
NpNode       *np_node_get_value         (const NpNode *node,
                                         guint         index);
/* (transfer none) (nullable) */
NpNode       *np_node_lookup            (const NpNode *node,
                                         const char   *key);
/* (transfer none) (nullable): the key node of @key, for its position */
NpNode       *np_node_lookup_key        (const NpNode *node,
                                         const char   *key);
gboolean      np_node_has_key           (const NpNode *node,
                                         const char   *key);
/* Takes ownership of both. Returns FALSE (and takes nothing) when a key with
 * the same text already exists. */
gboolean      np_node_insert            (NpNode       *mapping,
                                         NpNode       *key,
                                         NpNode       *value);
/* Appends @key: @value (string key); replaces the value if the key exists.
 * Takes ownership of @value. */
void          np_node_set               (NpNode       *mapping,
                                         const char   *key,
                                         NpNode       *value);
gboolean      np_node_remove            (NpNode       *mapping,
                                         const char   *key);

/* Sequences */
guint         np_node_get_n_items       (const NpNode *node);
NpNode       *np_node_get_item          (const NpNode *node,
                                         guint         index);
/* Takes ownership of @item. */
void          np_node_append            (NpNode       *sequence,
                                         NpNode       *item);
/* Takes ownership of @item. */
void          np_node_replace_item      (NpNode       *sequence,
                                         guint         index,
                                         NpNode       *item);
void          np_node_remove_item       (NpNode       *sequence,
                                         guint         index);

/* Compares data, not layout: mapping key order, quoting and positions do not
 * count, scalars compare by resolved type and value (0x10 == 16). */
gboolean      np_node_equal             (const NpNode *a,
                                         const NpNode *b);
/* A deep copy without shared structure. */
NpNode       *np_node_copy              (const NpNode *node);

/* The type a plain (unquoted) scalar with this text resolves to. */
NpScalarType  np_scalar_resolve_plain   (const char   *text);
/* TRUE when writing @text as a plain scalar would read back as anything but
 * the same string: it must then be quoted. */
gboolean      np_scalar_needs_quotes    (const char   *text);

/* The node at a field path such as "spec.ingress[0].from[1].ipBlock" (keys
 * may contain dots: "metadata.labels.app.kubernetes.io/name" works), or the
 * deepest node on the way when the path goes further than the tree; NULL
 * for an empty path. With @want_key, a path that ends in a mapping key gives
 * the key node instead of its value. @exact (nullable) says whether the
 * whole path was found. (transfer none) */
NpNode       *np_node_lookup_path       (NpNode       *root,
                                         const char   *path,
                                         gboolean      want_key,
                                         gboolean     *exact);

/* A short human name for the node's type: "a string", "a list", ... */
const char   *np_node_describe_type     (const NpNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpNode, np_node_unref)

G_END_DECLS
