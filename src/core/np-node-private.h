/* np-node-private.h: building NpNode trees in bulk, for the readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-node.h"

G_BEGIN_DECLS

/* Memory for the nodes of one read: freed in one go when the reader has
 * released it and the last of its nodes is gone. Nodes from an arena behave
 * like any other (refcounts, edits). */
typedef struct _NpNodeArena NpNodeArena;

NpNodeArena *np_node_arena_new          (void);
/* The reader is done with @arena (its nodes keep it alive). */
void         np_node_arena_release      (NpNodeArena  *arena);

/* A scalar (with @length bytes of @text) or an empty collection. */
NpNode      *np_node_arena_new_node     (NpNodeArena  *arena,
                                         NpNodeKind    kind,
                                         NpScalarType  type,
                                         const char   *text,
                                         gsize         length);
/* Gives a new, empty collection its @n items (sequence) or @n pairs
 * (mapping: key and value nodes in turn, keys unique), taking the
 * references. */
void         np_node_arena_set_children (NpNodeArena  *arena,
                                         NpNode       *node,
                                         NpNode      **children,
                                         guint         n);

/* A field path such as "spec.ingress[0].from", as a chain of steps on the
 * stack: a checker spells it out only when a diagnostic needs it, which for
 * a valid file is never. */
typedef struct _NpNodePath NpNodePath;
struct _NpNodePath {
  const NpNodePath *parent;
  const char       *key;    /* ".key" (or "key" first), or NULL for "[index]" */
  guint             index;
};

/* The path spelt out, or NULL for a NULL @path. (transfer full) */
char        *np_node_path_to_string     (const NpNodePath *path);

G_END_DECLS
