/* np-node.c: a YAML/JSON data tree that remembers where every value came from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "np-node-private.h"

/* Above this many keys a mapping keeps a hash index, so that reading a huge
 * mapping does not cost quadratic duplicate-key checks. */
#define INDEX_THRESHOLD 8

/* Nodes read from a file live in an arena: blocks of this size, aligned to
 * it, so that a node finds its block from its own address. A block counts
 * what lives in it (nodes with their text, children arrays) and goes when
 * that count drops to zero and the reader has moved on: a 10 MB manifest is
 * about two million nodes, and a malloc and a free for each (and more for
 * their text and children) cost more than the parsing, while a reader that
 * drops each document when done with it keeps only a block or two. */
#define ARENA_BLOCK_SIZE  (256 * 1024)
#define ARENA_BIG         (ARENA_BLOCK_SIZE / 8)

enum {
  FLAG_QUOTED     = 1 << 0,
  FLAG_IN_ARENA   = 1 << 1, /* the node itself (and its text) */
  FLAG_ARENA_DATA = 1 << 2, /* its text or children array */
};

/* In front of every children array. */
typedef struct {
  guint       capacity;  /* items, or pairs for a mapping */
  GHashTable *index;     /* mappings: key text -> position + 1 */
} Children;

/* 32 bytes. Mappings hold key and value nodes in turn in one array. */
struct _NpNode
{
  int           ref_count;
  guint8        kind;
  guint8        scalar_type;
  guint8        flags;
  guint32       line;
  guint32       column;
  guint32       offset;
  guint32       n;       /* items, or pairs */
  union {
    char       *text;    /* scalars */
    NpNode    **children;
  };
};

/* At the start of every block: what lives in it (nodes with their text,
 * children arrays), plus one while the arena allocates from it. Atomic: a
 * reader may hand finished documents to another thread while it reads on
 * into the same block. */
typedef struct {
  int live;
} Block;

#define BLOCK_HEADER_SIZE 16
G_STATIC_ASSERT (sizeof (Block) <= BLOCK_HEADER_SIZE);

struct _NpNodeArena
{
  Block *block;       /* the current block, or NULL */
  char  *cursor;
  gsize  left;
};

G_STATIC_ASSERT (sizeof (NpNode) <= 32);

G_DEFINE_BOXED_TYPE (NpNode, np_node, np_node_ref, np_node_unref)

NpNodeArena *
np_node_arena_new (void)
{
  return g_new0 (NpNodeArena, 1);
}

/* A few blocks freed are kept for the next ones: reading a large file
 * goes through a block every few documents, and fresh memory from the
 * system costs a page fault per page. */
#define SPARE_BLOCKS 8

static GMutex spare_lock;
static Block *spare[SPARE_BLOCKS];
static guint  n_spare;

static void
block_release (Block *block)
{
  if (!g_atomic_int_dec_and_test (&block->live))
    return;
  g_mutex_lock (&spare_lock);
  if (n_spare < SPARE_BLOCKS)
    {
      spare[n_spare++] = block;
      block = NULL;
    }
  g_mutex_unlock (&spare_lock);
  free (block);
}

static Block *
block_new (void)
{
  void *block = NULL;

  g_mutex_lock (&spare_lock);
  if (n_spare > 0)
    block = spare[--n_spare];
  g_mutex_unlock (&spare_lock);
  if (block == NULL &&
      (posix_memalign (&block, ARENA_BLOCK_SIZE, ARENA_BLOCK_SIZE) != 0 || block == NULL))
    g_error ("out of memory");
  return block;
}

void
np_node_arena_release (NpNodeArena *arena)
{
  if (arena == NULL)
    return;
  if (arena->block != NULL)
    block_release (arena->block);
  g_free (arena);
}

static Block *
block_of (gconstpointer memory)
{
  return (Block *) ((guintptr) memory & ~(guintptr) (ARENA_BLOCK_SIZE - 1));
}

static void
block_unref (gconstpointer memory)
{
  block_release (block_of (memory));
}

/* @size bytes in the current block (counted as one more thing alive in
 * it); the caller keeps @size under ARENA_BIG. */
static gpointer
arena_alloc (NpNodeArena *arena, gsize size)
{
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;
  if (arena->block == NULL || size > arena->left)
    {
      Block *block;

      if (arena->block != NULL)
        block_release (arena->block);
      block = block_new ();
      arena->block = block;
      arena->block->live = 1;
      arena->cursor = (char *) block + BLOCK_HEADER_SIZE;
      arena->left = ARENA_BLOCK_SIZE - BLOCK_HEADER_SIZE;
    }
  memory = arena->cursor;
  arena->cursor += size;
  arena->left -= size;
  g_atomic_int_inc (&arena->block->live);
  return memory;
}

static NpNode *
node_alloc (NpNodeKind kind)
{
  NpNode *node = g_new0 (NpNode, 1);

  node->ref_count = 1;
  node->kind = kind;
  return node;
}

NpNode *
np_node_arena_new_node (NpNodeArena  *arena,
                        NpNodeKind    kind,
                        NpScalarType  type,
                        const char   *text,
                        gsize         length)
{
  gboolean inline_text = kind == NP_NODE_SCALAR && length < ARENA_BIG;
  NpNode *node;

  /* A node and its text share one allocation, so that they share a block. */
  node = arena_alloc (arena, sizeof (NpNode) + (inline_text ? length + 1 : 0));
  memset (node, 0, sizeof *node);
  node->ref_count = 1;
  node->kind = kind;
  node->flags = FLAG_IN_ARENA;
  if (kind == NP_NODE_SCALAR)
    {
      node->scalar_type = type;
      if (inline_text)
        {
          node->text = (char *) (node + 1);
          node->flags |= FLAG_ARENA_DATA;
        }
      else
        node->text = g_malloc (length + 1);
      memcpy (node->text, text, length);
      node->text[length] = '\0';
    }
  return node;
}

static Children *
children_header (const NpNode *node)
{
  return node->children != NULL ? ((Children *) node->children) - 1 : NULL;
}

static guint
stride (const NpNode *node)
{
  return node->kind == NP_NODE_MAPPING ? 2 : 1;
}

static void rebuild_index (NpNode *node);

void
np_node_arena_set_children (NpNodeArena  *arena,
                            NpNode       *node,
                            NpNode      **children,
                            guint         n)
{
  Children *header;
  gsize count = (gsize) n * stride (node);
  gsize size = sizeof (Children) + count * sizeof (NpNode *);

  g_assert (node->kind != NP_NODE_SCALAR && node->children == NULL);
  if (n == 0)
    return;
  if (size < ARENA_BIG)
    {
      header = arena_alloc (arena, size);
      node->flags |= FLAG_ARENA_DATA;
    }
  else
    header = g_malloc (size);
  header->capacity = n;
  header->index = NULL;
  node->children = (NpNode **) (header + 1);
  memcpy (node->children, children, count * sizeof (NpNode *));
  node->n = n;
  if (node->kind == NP_NODE_MAPPING && n > INDEX_THRESHOLD)
    rebuild_index (node);
}

/* Room for @needed items (pairs), in an array of the node's own. */
static void
reserve (NpNode *node, guint needed)
{
  Children *header = children_header (node);
  Children *grown;
  guint capacity;

  if (header != NULL && header->capacity >= needed && !(node->flags & FLAG_ARENA_DATA))
    return;
  capacity = MAX (needed, 4);
  if (header != NULL)
    capacity = MAX (capacity, header->capacity * 2);
  grown = g_malloc (sizeof (Children) + (gsize) capacity * stride (node) * sizeof (NpNode *));
  grown->capacity = capacity;
  grown->index = header != NULL ? header->index : NULL;
  if (node->n > 0)
    memcpy (grown + 1, node->children, (gsize) node->n * stride (node) * sizeof (NpNode *));
  if (header != NULL && !(node->flags & FLAG_ARENA_DATA))
    g_free (header);
  else if (header != NULL)
    block_unref (header);
  node->children = (NpNode **) (grown + 1);
  node->flags &= ~FLAG_ARENA_DATA;
}

NpNode *
np_node_new_scalar (NpScalarType type, const char *text)
{
  NpNode *node = node_alloc (NP_NODE_SCALAR);

  node->scalar_type = type;
  node->text = g_strdup (text != NULL ? text : "");
  return node;
}

NpNode *
np_node_new_string (const char *text)
{
  return np_node_new_scalar (NP_SCALAR_STRING, text);
}

NpNode *
np_node_new_int (gint64 value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return np_node_new_scalar (NP_SCALAR_INT, buf);
}

NpNode *
np_node_new_bool (gboolean value)
{
  return np_node_new_scalar (NP_SCALAR_BOOL, value ? "true" : "false");
}

NpNode *
np_node_new_null (void)
{
  return np_node_new_scalar (NP_SCALAR_NULL, "null");
}

NpNode *
np_node_new_mapping (void)
{
  return node_alloc (NP_NODE_MAPPING);
}

NpNode *
np_node_new_sequence (void)
{
  return node_alloc (NP_NODE_SEQUENCE);
}

NpNode *
np_node_new_list (NpNode *items)
{
  NpNode *list;

  g_return_val_if_fail (items != NULL && items->kind == NP_NODE_SEQUENCE, NULL);

  list = np_node_new_mapping ();
  np_node_set (list, "apiVersion", np_node_new_string ("v1"));
  np_node_set (list, "kind", np_node_new_string ("List"));
  np_node_set (list, "items", items);
  return list;
}

NpNode *
np_node_wrap_list (GPtrArray *nodes)
{
  NpNode *items;

  g_return_val_if_fail (nodes != NULL, NULL);

  if (nodes->len == 1)
    return np_node_ref (g_ptr_array_index (nodes, 0));
  items = np_node_new_sequence ();
  for (guint i = 0; i < nodes->len; i++)
    np_node_append (items, np_node_ref (g_ptr_array_index (nodes, i)));
  return np_node_new_list (items);
}

NpNode *
np_node_ref (NpNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  node->ref_count++;
  return node;
}

void
np_node_unref (NpNode *node)
{
  g_return_if_fail (node != NULL);

  if (--node->ref_count > 0)
    return;

  if (node->kind == NP_NODE_SCALAR)
    {
      if (!(node->flags & FLAG_ARENA_DATA))
        g_free (node->text);
    }
  else if (node->children != NULL)
    {
      Children *header = children_header (node);
      gsize count = (gsize) node->n * stride (node);

      for (gsize i = 0; i < count; i++)
        np_node_unref (node->children[i]);
      g_clear_pointer (&header->index, g_hash_table_unref);
      if (!(node->flags & FLAG_ARENA_DATA))
        g_free (header);
      else
        block_unref (header);
    }
  if (node->flags & FLAG_IN_ARENA)
    block_unref (node);
  else
    g_free (node);
}

NpNodeKind
np_node_get_kind (const NpNode *node)
{
  return node->kind;
}

guint
np_node_get_line (const NpNode *node)
{
  return node != NULL ? node->line : 0;
}

guint
np_node_get_column (const NpNode *node)
{
  return node != NULL ? node->column : 0;
}

void
np_node_set_position (NpNode *node, guint line, guint column)
{
  node->line = line;
  node->column = column;
}

gsize
np_node_get_offset (const NpNode *node)
{
  return node->offset;
}

void
np_node_set_offset (NpNode *node, gsize offset)
{
  /* Manifests are at most 256 MiB (NP_MANIFEST_MAX_SIZE). */
  node->offset = (guint32) MIN (offset, (gsize) G_MAXUINT32);
}

NpScalarType
np_node_get_scalar_type (const NpNode *node)
{
  g_return_val_if_fail (node->kind == NP_NODE_SCALAR, NP_SCALAR_NULL);
  return node->scalar_type;
}

const char *
np_node_get_text (const NpNode *node)
{
  if (node == NULL || node->kind != NP_NODE_SCALAR)
    return NULL;
  return node->text;
}

gboolean
np_node_is_null (const NpNode *node)
{
  return node != NULL && node->kind == NP_NODE_SCALAR && node->scalar_type == NP_SCALAR_NULL;
}

gboolean
np_node_is_string (const NpNode *node)
{
  return node != NULL && node->kind == NP_NODE_SCALAR && node->scalar_type == NP_SCALAR_STRING;
}

gboolean
np_node_get_quoted (const NpNode *node)
{
  return (node->flags & FLAG_QUOTED) != 0;
}

void
np_node_set_quoted (NpNode *node, gboolean quoted)
{
  if (quoted)
    node->flags |= FLAG_QUOTED;
  else
    node->flags &= ~FLAG_QUOTED;
}

/* YAML 1.1 integers as Go's strconv.ParseInt(s, 0, 64) reads them after
 * yaml.v2 dropped the underscores: optional sign, then 0x / 0o / 0b / 0
 * (octal) prefixes or decimal. */
static gboolean
parse_int (const char *text, gint64 *value, gboolean *overflow)
{
  g_autofree char *clean = NULL;
  const char *p;
  gboolean negative = FALSE;
  guint base = 10;
  guint64 magnitude = 0;
  gboolean any = FALSE;
  char *w;

  *overflow = FALSE;
  if (text == NULL || *text == '\0')
    return FALSE;

  /* Most numbers have no underscores to drop: no copy for them. */
  if (strchr (text, '_') != NULL)
    {
      clean = g_strdup (text);
      w = clean;
      for (p = text; *p; p++)
        if (*p != '_')
          *w++ = *p;
      *w = '\0';
      p = clean;
    }
  else
    p = text;
  if (*p == '+' || *p == '-')
    negative = (*p++ == '-');
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    base = 16, p += 2;
  else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O'))
    base = 8, p += 2;
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
    base = 2, p += 2;
  else if (p[0] == '0' && p[1] != '\0')
    base = 8, p += 1;

  for (; *p; p++)
    {
      guint digit;

      if (g_ascii_isdigit (*p))
        digit = *p - '0';
      else if (g_ascii_isxdigit (*p))
        digit = g_ascii_xdigit_value (*p);
      else
        return FALSE;
      if (digit >= base)
        return FALSE;
      any = TRUE;
      if (magnitude > (G_MAXUINT64 - digit) / base)
        *overflow = TRUE;
      else
        magnitude = magnitude * base + digit;
    }
  if (!any)
    return FALSE;
  if (*overflow)
    return TRUE;
  if (negative ? magnitude > (guint64) G_MAXINT64 + 1 : magnitude > (guint64) G_MAXINT64)
    {
      *overflow = TRUE;
      return TRUE;
    }
  *value = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  return TRUE;
}

static gboolean
parse_float (const char *text, double *value)
{
  g_autofree char *clean = NULL;
  const char *start;
  char *end = NULL;
  char *w;

  /* every accepted spelling starts with one of these: skip the
   * comparisons below for the many words that do not */
  if (!(g_ascii_isdigit (text[0]) || text[0] == '+' || text[0] == '-' || text[0] == '.'))
    return FALSE;

  /* Nothing strtod reads has these (addresses, CIDRs, times): no need to
   * try it. */
  if (strpbrk (text, "/: ") != NULL)
    return FALSE;

  if ((text[0] == '.' || text[1] == '.') &&
      (g_str_equal (text, ".inf") || g_str_equal (text, ".Inf") || g_str_equal (text, ".INF") ||
      g_str_equal (text, "+.inf") || g_str_equal (text, "+.Inf") || g_str_equal (text, "+.INF")))
    return (*value = INFINITY), TRUE;
  if (text[0] == '-' && text[1] == '.' && (g_str_equal (text, "-.inf") || g_str_equal (text, "-.Inf") || g_str_equal (text, "-.INF")))
    return (*value = -INFINITY), TRUE;
  if (text[0] == '.' && (g_str_equal (text, ".nan") || g_str_equal (text, ".NaN") || g_str_equal (text, ".NAN")))
    return (*value = NAN), TRUE;

  if (strchr (text, '_') != NULL)
    {
      clean = g_strdup (text);
      w = clean;
      for (const char *p = text; *p; p++)
        if (*p != '_')
          *w++ = *p;
      *w = '\0';
      start = clean;
    }
  else
    start = text;

  /* strtod would also take hex floats and "nan"/"inf" words after a sign;
   * Go's ParseFloat does too, so that is faithful. */
  errno = 0;
  *value = g_ascii_strtod (start, &end);
  return end != start && *end == '\0';
}

static gboolean
looks_like_timestamp (const char *text)
{
  /* yaml.v2 turns plain YYYY-MM-DD... into a time and Kubernetes then
   * re-prints it differently: such strings must stay quoted. */
  return g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) && text[4] == '-' &&
         g_ascii_isdigit (text[5]);
}

NpScalarType
np_scalar_resolve_plain (const char *text)
{
  static const char * const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
  static const char * const bools[] = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF", NULL
  };
  gint64 i;
  gboolean overflow;
  double d;

  /* no null or boolean spelling is longer than five bytes, and all start
   * with one of these */
  if (text[0] == '\0')
    return NP_SCALAR_NULL;
  if ((text[0] == '~' || text[0] == 'n' || text[0] == 'N' || text[0] == 'y' || text[0] == 'Y' ||
       text[0] == 't' || text[0] == 'T' || text[0] == 'f' || text[0] == 'F' || text[0] == 'o' ||
       text[0] == 'O') && strnlen (text, 6) <= 5)
    {
      /* Most words fail on their first or second letter ("name", "from",
       * "TCP"): no string comparison for them. */
      for (guint k = 0; nulls[k] != NULL; k++)
        if (nulls[k][0] == text[0] && nulls[k][1] == text[1] && strcmp (nulls[k], text) == 0)
          return NP_SCALAR_NULL;
      for (guint k = 0; bools[k] != NULL; k++)
        if (bools[k][0] == text[0] && bools[k][1] == text[1] && strcmp (bools[k], text) == 0)
          return NP_SCALAR_BOOL;
    }
  if ((g_ascii_isdigit (text[0]) || text[0] == '+' || text[0] == '-' || text[0] == '.') &&
      parse_int (text, &i, &overflow))
    return overflow ? NP_SCALAR_FLOAT : NP_SCALAR_INT;
  if (parse_float (text, &d))
    return NP_SCALAR_FLOAT;
  return NP_SCALAR_STRING;
}

gboolean
np_scalar_needs_quotes (const char *text)
{
  if (np_scalar_resolve_plain (text) != NP_SCALAR_STRING)
    return TRUE;
  /* The YAML 1.1 merge key and the value key. */
  if (g_str_equal (text, "<<") || g_str_equal (text, "="))
    return TRUE;
  return looks_like_timestamp (text);
}

gboolean
np_node_get_int (const NpNode *node, gint64 *value)
{
  gint64 v;
  gboolean overflow;

  if (node == NULL || node->kind != NP_NODE_SCALAR || node->scalar_type != NP_SCALAR_INT)
    return FALSE;
  if (!parse_int (node->text, &v, &overflow) || overflow)
    return FALSE;
  if (value)
    *value = v;
  return TRUE;
}

gboolean
np_node_get_bool (const NpNode *node, gboolean *value)
{
  static const char * const truths[] = { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", NULL };

  if (node == NULL || node->kind != NP_NODE_SCALAR || node->scalar_type != NP_SCALAR_BOOL)
    return FALSE;
  if (value)
    *value = g_strv_contains (truths, node->text);
  return TRUE;
}

guint
np_node_get_n_pairs (const NpNode *node)
{
  g_return_val_if_fail (node->kind == NP_NODE_MAPPING, 0);
  return node->n;
}

NpNode *
np_node_get_key_node (const NpNode *node, guint index)
{
  g_return_val_if_fail (node->kind == NP_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->n, NULL);
  return node->children[2 * index];
}

const char *
np_node_get_key (const NpNode *node, guint index)
{
  return np_node_get_key_node (node, index)->text;
}

NpNode *
np_node_get_value (const NpNode *node, guint index)
{
  g_return_val_if_fail (node->kind == NP_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->n, NULL);
  return node->children[2 * index + 1];
}

static void
rebuild_index (NpNode *node)
{
  Children *header = children_header (node);

  if (header == NULL)
    return;
  g_clear_pointer (&header->index, g_hash_table_unref);
  if (node->n <= INDEX_THRESHOLD)
    return;
  header->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < node->n; i++)
    {
      NpNode *key = node->children[2 * i];

      if (!g_hash_table_contains (header->index, key->text))
        g_hash_table_insert (header->index, key->text, GUINT_TO_POINTER (i + 1));
    }
}

static int
find_key (const NpNode *node, const char *key)
{
  Children *header = children_header (node);

  if (header != NULL && header->index != NULL)
    return GPOINTER_TO_UINT (g_hash_table_lookup (header->index, key)) - 1;

  for (guint i = 0; i < node->n; i++)
    {
      const char *k = node->children[2 * i]->text;

      /* keys often share a first letter ("podSelector", "policyTypes",
       * "ports"): the second rules most of them out too */
      if (k[0] == key[0] && (key[0] == '\0' || (k[1] == key[1] && strcmp (k + 1, key + 1) == 0)))
        return i;
    }
  return -1;
}

NpNode *
np_node_lookup (const NpNode *node, const char *key)
{
  int i;

  if (node == NULL || node->kind != NP_NODE_MAPPING)
    return NULL;
  i = find_key (node, key);
  return i < 0 ? NULL : node->children[2 * i + 1];
}

NpNode *
np_node_lookup_key (const NpNode *node, const char *key)
{
  int i;

  if (node == NULL || node->kind != NP_NODE_MAPPING)
    return NULL;
  i = find_key (node, key);
  return i < 0 ? NULL : node->children[2 * i];
}

gboolean
np_node_has_key (const NpNode *node, const char *key)
{
  return node != NULL && node->kind == NP_NODE_MAPPING && find_key (node, key) >= 0;
}

gboolean
np_node_insert (NpNode *mapping, NpNode *key, NpNode *value)
{
  Children *header;

  g_return_val_if_fail (mapping->kind == NP_NODE_MAPPING, FALSE);
  g_return_val_if_fail (key->kind == NP_NODE_SCALAR, FALSE);

  if (find_key (mapping, key->text) >= 0)
    return FALSE;

  reserve (mapping, mapping->n + 1);
  mapping->children[2 * mapping->n] = key;
  mapping->children[2 * mapping->n + 1] = value;
  mapping->n++;
  header = children_header (mapping);
  if (header != NULL && header->index != NULL)
    g_hash_table_insert (header->index, key->text, GUINT_TO_POINTER (mapping->n));
  else if (mapping->n > INDEX_THRESHOLD)
    rebuild_index (mapping);
  return TRUE;
}

void
np_node_set (NpNode *mapping, const char *key, NpNode *value)
{
  int i;

  g_return_if_fail (mapping->kind == NP_NODE_MAPPING);

  i = find_key (mapping, key);
  if (i >= 0)
    {
      np_node_unref (mapping->children[2 * i + 1]);
      mapping->children[2 * i + 1] = value;
      return;
    }
  np_node_insert (mapping, np_node_new_string (key), value);
}

gboolean
np_node_remove (NpNode *mapping, const char *key)
{
  int i;

  g_return_val_if_fail (mapping->kind == NP_NODE_MAPPING, FALSE);

  i = find_key (mapping, key);
  if (i < 0)
    return FALSE;
  np_node_unref (mapping->children[2 * i]);
  np_node_unref (mapping->children[2 * i + 1]);
  memmove (mapping->children + 2 * i, mapping->children + 2 * i + 2,
           (gsize) (mapping->n - i - 1) * 2 * sizeof (NpNode *));
  mapping->n--;
  rebuild_index (mapping);
  return TRUE;
}

guint
np_node_get_n_items (const NpNode *node)
{
  g_return_val_if_fail (node->kind == NP_NODE_SEQUENCE, 0);
  return node->n;
}

NpNode *
np_node_get_item (const NpNode *node, guint index)
{
  g_return_val_if_fail (node->kind == NP_NODE_SEQUENCE, NULL);
  g_return_val_if_fail (index < node->n, NULL);
  return node->children[index];
}

void
np_node_append (NpNode *sequence, NpNode *item)
{
  g_return_if_fail (sequence->kind == NP_NODE_SEQUENCE);
  reserve (sequence, sequence->n + 1);
  sequence->children[sequence->n++] = item;
}

void
np_node_replace_item (NpNode *sequence, guint index, NpNode *item)
{
  g_return_if_fail (sequence->kind == NP_NODE_SEQUENCE);
  g_return_if_fail (index < sequence->n);
  np_node_unref (sequence->children[index]);
  sequence->children[index] = item;
}

void
np_node_remove_item (NpNode *sequence, guint index)
{
  g_return_if_fail (sequence->kind == NP_NODE_SEQUENCE);
  g_return_if_fail (index < sequence->n);
  np_node_unref (sequence->children[index]);
  memmove (sequence->children + index, sequence->children + index + 1,
           (gsize) (sequence->n - index - 1) * sizeof (NpNode *));
  sequence->n--;
}

static gboolean
scalar_equal (const NpNode *a, const NpNode *b)
{
  if (a->scalar_type != b->scalar_type)
    return FALSE;

  switch (a->scalar_type)
    {
    case NP_SCALAR_NULL:
      return TRUE;
    case NP_SCALAR_BOOL:
      {
        gboolean x = FALSE, y = FALSE;
        np_node_get_bool (a, &x);
        np_node_get_bool (b, &y);
        return x == y;
      }
    case NP_SCALAR_INT:
      {
        gint64 x, y;
        if (np_node_get_int (a, &x) && np_node_get_int (b, &y))
          return x == y;
        return g_str_equal (a->text, b->text);
      }
    case NP_SCALAR_FLOAT:
      {
        double x, y;
        gint64 i;
        gboolean overflow;
        if (parse_float (a->text, &x) && parse_float (b->text, &y))
          return x == y || (isnan (x) && isnan (y));
        if (parse_int (a->text, &i, &overflow) || parse_int (b->text, &i, &overflow))
          return g_str_equal (a->text, b->text);
        return FALSE;
      }
    case NP_SCALAR_STRING:
    default:
      return g_str_equal (a->text, b->text);
    }
}

gboolean
np_node_equal (const NpNode *a, const NpNode *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->kind != b->kind)
    return FALSE;

  switch (a->kind)
    {
    case NP_NODE_SCALAR:
      return scalar_equal (a, b);

    case NP_NODE_SEQUENCE:
      if (a->n != b->n)
        return FALSE;
      for (guint i = 0; i < a->n; i++)
        if (!np_node_equal (a->children[i], b->children[i]))
          return FALSE;
      return TRUE;

    case NP_NODE_MAPPING:
      if (a->n != b->n)
        return FALSE;
      for (guint i = 0; i < a->n; i++)
        {
          NpNode *other = np_node_lookup (b, a->children[2 * i]->text);

          if (other == NULL || !np_node_equal (a->children[2 * i + 1], other))
            return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

NpNode *
np_node_copy (const NpNode *node)
{
  NpNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  switch (node->kind)
    {
    case NP_NODE_SCALAR:
      copy = np_node_new_scalar (node->scalar_type, node->text);
      copy->flags |= node->flags & FLAG_QUOTED;
      break;
    case NP_NODE_SEQUENCE:
      copy = np_node_new_sequence ();
      if (node->n > 0)
        reserve (copy, node->n);
      for (guint i = 0; i < node->n; i++)
        copy->children[i] = np_node_copy (node->children[i]);
      copy->n = node->n;
      break;
    case NP_NODE_MAPPING:
      copy = np_node_new_mapping ();
      if (node->n > 0)
        reserve (copy, node->n);
      for (guint i = 0; i < node->n; i++)
        np_node_insert (copy, np_node_copy (node->children[2 * i]),
                        np_node_copy (node->children[2 * i + 1]));
      break;
    default:
      g_assert_not_reached ();
    }
  copy->line = node->line;
  copy->column = node->column;
  copy->offset = node->offset;
  return copy;
}

const char *
np_node_describe_type (const NpNode *node)
{
  if (node == NULL)
    return _("nothing");
  switch (node->kind)
    {
    case NP_NODE_MAPPING:
      return _("a mapping");
    case NP_NODE_SEQUENCE:
      return _("a list");
    case NP_NODE_SCALAR:
    default:
      switch (node->scalar_type)
        {
        case NP_SCALAR_NULL:
          return "null";
        case NP_SCALAR_BOOL:
          return _("a boolean");
        case NP_SCALAR_INT:
          return _("an integer");
        case NP_SCALAR_FLOAT:
          return _("a number");
        case NP_SCALAR_STRING:
        default:
          return _("a string");
        }
    }
}

NpNode *
np_node_lookup_path (NpNode     *root,
                     const char *path,
                     gboolean    want_key,
                     gboolean   *exact)
{
  NpNode *node = root;
  NpNode *key_node = NULL;
  const char *p = path;

  if (exact)
    *exact = FALSE;
  if (root == NULL || path == NULL || *path == '\0')
    return NULL;

  while (*p != '\0')
    {
      key_node = NULL;
      if (*p == '[')
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);

          if (end == p + 1 || *end != ']' || np_node_get_kind (node) != NP_NODE_SEQUENCE ||
              index >= np_node_get_n_items (node))
            return node;
          node = np_node_get_item (node, (guint) index);
          p = end + 1;
        }
      else
        {
          gsize best = 0;
          int best_index = -1;

          if (*p == '.')
            p++;
          if (np_node_get_kind (node) != NP_NODE_MAPPING)
            return node;
          /* The longest key that the path goes on with: keys may hold dots. */
          for (guint i = 0; i < np_node_get_n_pairs (node); i++)
            {
              const char *key = np_node_get_key (node, i);
              gsize len = strlen (key);

              if (len > best && strncmp (p, key, len) == 0 &&
                  (p[len] == '\0' || p[len] == '.' || p[len] == '['))
                best = len, best_index = i;
            }
          if (best_index < 0)
            return node;
          key_node = np_node_get_key_node (node, best_index);
          node = np_node_get_value (node, best_index);
          p += best;
        }
    }
  if (exact)
    *exact = TRUE;
  return want_key && key_node != NULL ? key_node : node;
}

static void
append_node_path (GString          *out,
                  const NpNodePath *path)
{
  if (path->parent != NULL)
    append_node_path (out, path->parent);
  if (path->key == NULL)
    g_string_append_printf (out, "[%u]", path->index);
  else
    {
      /* no dot after an empty path */
      if (out->len > 0)
        g_string_append_c (out, '.');
      g_string_append (out, path->key);
    }
}

char *
np_node_path_to_string (const NpNodePath *path)
{
  GString *out;

  if (path == NULL)
    return NULL;
  out = g_string_new (NULL);
  append_node_path (out, path);
  return g_string_free (out, FALSE);
}
