/* np-node.c: a YAML/JSON data tree that remembers where every value came from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "np-node.h"

/* Above this many keys a mapping keeps a hash index, so that reading a huge
 * mapping does not cost quadratic duplicate-key checks. */
#define INDEX_THRESHOLD 8

struct _NpNode
{
  grefcount     ref_count;
  NpNodeKind    kind;
  NpScalarType  scalar_type;
  guint         quoted : 1;
  guint         line;
  guint         column;
  gsize         offset;
  char         *text;    /* scalars */
  GPtrArray    *keys;    /* mappings: key nodes */
  GPtrArray    *values;  /* mapping values, sequence items */
  GHashTable   *index;   /* mappings: key text -> position + 1 */
};

G_DEFINE_BOXED_TYPE (NpNode, np_node, np_node_ref, np_node_unref)

static NpNode *
node_alloc (NpNodeKind kind)
{
  NpNode *node = g_new0 (NpNode, 1);

  g_ref_count_init (&node->ref_count);
  node->kind = kind;
  return node;
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
  NpNode *node = node_alloc (NP_NODE_MAPPING);

  node->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  node->values = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  return node;
}

NpNode *
np_node_new_sequence (void)
{
  NpNode *node = node_alloc (NP_NODE_SEQUENCE);

  node->values = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  return node;
}

NpNode *
np_node_ref (NpNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_ref_count_inc (&node->ref_count);
  return node;
}

void
np_node_unref (NpNode *node)
{
  g_return_if_fail (node != NULL);

  if (!g_ref_count_dec (&node->ref_count))
    return;

  g_free (node->text);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_clear_pointer (&node->values, g_ptr_array_unref);
  g_clear_pointer (&node->index, g_hash_table_unref);
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
  node->offset = offset;
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
  return node->quoted;
}

void
np_node_set_quoted (NpNode *node, gboolean quoted)
{
  node->quoted = !!quoted;
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

  clean = g_strdup (text);
  w = clean;
  for (p = text; *p; p++)
    if (*p != '_')
      *w++ = *p;
  *w = '\0';

  p = clean;
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
  char *end = NULL;
  char *w;

  /* every accepted spelling starts with one of these: skip the
   * comparisons below for the many words that do not */
  if (!(g_ascii_isdigit (text[0]) || text[0] == '+' || text[0] == '-' || text[0] == '.'))
    return FALSE;

  if (g_str_equal (text, ".inf") || g_str_equal (text, ".Inf") || g_str_equal (text, ".INF") ||
      g_str_equal (text, "+.inf") || g_str_equal (text, "+.Inf") || g_str_equal (text, "+.INF"))
    return (*value = INFINITY), TRUE;
  if (g_str_equal (text, "-.inf") || g_str_equal (text, "-.Inf") || g_str_equal (text, "-.INF"))
    return (*value = -INFINITY), TRUE;
  if (g_str_equal (text, ".nan") || g_str_equal (text, ".NaN") || g_str_equal (text, ".NAN"))
    return (*value = NAN), TRUE;

  clean = g_strdup (text);
  w = clean;
  for (const char *p = text; *p; p++)
    if (*p != '_')
      *w++ = *p;
  *w = '\0';

  /* strtod would also take hex floats and "nan"/"inf" words after a sign;
   * Go's ParseFloat does too, so that is faithful. */
  errno = 0;
  *value = g_ascii_strtod (clean, &end);
  return end != clean && *end == '\0';
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

  /* no null or boolean spelling is longer than five bytes */
  if (strnlen (text, 6) <= 5)
    {
      if (g_strv_contains (nulls, text))
        return NP_SCALAR_NULL;
      if (g_strv_contains (bools, text))
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
  return node->keys->len;
}

NpNode *
np_node_get_key_node (const NpNode *node, guint index)
{
  g_return_val_if_fail (node->kind == NP_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->keys->len, NULL);
  return g_ptr_array_index (node->keys, index);
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
  g_return_val_if_fail (index < node->values->len, NULL);
  return g_ptr_array_index (node->values, index);
}

static void
rebuild_index (NpNode *node)
{
  g_clear_pointer (&node->index, g_hash_table_unref);
  if (node->keys->len <= INDEX_THRESHOLD)
    return;
  node->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < node->keys->len; i++)
    {
      NpNode *key = g_ptr_array_index (node->keys, i);

      if (!g_hash_table_contains (node->index, key->text))
        g_hash_table_insert (node->index, key->text, GUINT_TO_POINTER (i + 1));
    }
}

static int
find_key (const NpNode *node, const char *key)
{
  if (node->index != NULL)
    return GPOINTER_TO_UINT (g_hash_table_lookup (node->index, key)) - 1;

  for (guint i = 0; i < node->keys->len; i++)
    {
      NpNode *k = g_ptr_array_index (node->keys, i);

      if (g_str_equal (k->text, key))
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
  return i < 0 ? NULL : g_ptr_array_index (node->values, i);
}

NpNode *
np_node_lookup_key (const NpNode *node, const char *key)
{
  int i;

  if (node == NULL || node->kind != NP_NODE_MAPPING)
    return NULL;
  i = find_key (node, key);
  return i < 0 ? NULL : g_ptr_array_index (node->keys, i);
}

gboolean
np_node_has_key (const NpNode *node, const char *key)
{
  return node != NULL && node->kind == NP_NODE_MAPPING && find_key (node, key) >= 0;
}

gboolean
np_node_insert (NpNode *mapping, NpNode *key, NpNode *value)
{
  g_return_val_if_fail (mapping->kind == NP_NODE_MAPPING, FALSE);
  g_return_val_if_fail (key->kind == NP_NODE_SCALAR, FALSE);

  if (find_key (mapping, key->text) >= 0)
    return FALSE;

  g_ptr_array_add (mapping->keys, key);
  g_ptr_array_add (mapping->values, value);
  if (mapping->index != NULL)
    g_hash_table_insert (mapping->index, key->text, GUINT_TO_POINTER (mapping->keys->len));
  else if (mapping->keys->len > INDEX_THRESHOLD)
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
      np_node_unref (g_ptr_array_index (mapping->values, i));
      g_ptr_array_index (mapping->values, i) = value;
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
  g_ptr_array_remove_index (mapping->keys, i);
  g_ptr_array_remove_index (mapping->values, i);
  if (mapping->index != NULL)
    rebuild_index (mapping);
  return TRUE;
}

guint
np_node_get_n_items (const NpNode *node)
{
  g_return_val_if_fail (node->kind == NP_NODE_SEQUENCE, 0);
  return node->values->len;
}

NpNode *
np_node_get_item (const NpNode *node, guint index)
{
  g_return_val_if_fail (node->kind == NP_NODE_SEQUENCE, NULL);
  g_return_val_if_fail (index < node->values->len, NULL);
  return g_ptr_array_index (node->values, index);
}

void
np_node_append (NpNode *sequence, NpNode *item)
{
  g_return_if_fail (sequence->kind == NP_NODE_SEQUENCE);
  g_ptr_array_add (sequence->values, item);
}

void
np_node_replace_item (NpNode *sequence, guint index, NpNode *item)
{
  g_return_if_fail (sequence->kind == NP_NODE_SEQUENCE);
  g_return_if_fail (index < sequence->values->len);
  np_node_unref (g_ptr_array_index (sequence->values, index));
  g_ptr_array_index (sequence->values, index) = item;
}

void
np_node_remove_item (NpNode *sequence, guint index)
{
  g_return_if_fail (sequence->kind == NP_NODE_SEQUENCE);
  g_return_if_fail (index < sequence->values->len);
  g_ptr_array_remove_index (sequence->values, index);
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
      if (a->values->len != b->values->len)
        return FALSE;
      for (guint i = 0; i < a->values->len; i++)
        if (!np_node_equal (g_ptr_array_index (a->values, i), g_ptr_array_index (b->values, i)))
          return FALSE;
      return TRUE;

    case NP_NODE_MAPPING:
      if (a->keys->len != b->keys->len)
        return FALSE;
      for (guint i = 0; i < a->keys->len; i++)
        {
          NpNode *key = g_ptr_array_index (a->keys, i);
          NpNode *other = np_node_lookup (b, key->text);

          if (other == NULL || !np_node_equal (g_ptr_array_index (a->values, i), other))
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
      copy->quoted = node->quoted;
      break;
    case NP_NODE_SEQUENCE:
      copy = np_node_new_sequence ();
      for (guint i = 0; i < node->values->len; i++)
        np_node_append (copy, np_node_copy (g_ptr_array_index (node->values, i)));
      break;
    case NP_NODE_MAPPING:
      copy = np_node_new_mapping ();
      for (guint i = 0; i < node->keys->len; i++)
        np_node_insert (copy, np_node_copy (g_ptr_array_index (node->keys, i)),
                        np_node_copy (g_ptr_array_index (node->values, i)));
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
