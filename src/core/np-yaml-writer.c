/* np-yaml-writer.c: NpNode trees to YAML (libyaml's emitter) and JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <yaml.h>

#include "np-yaml.h"

static int
write_to_gstring (void *data, unsigned char *buffer, size_t size)
{
  g_string_append_len (data, (const char *) buffer, size);
  return 1;
}

static gboolean
emit (yaml_emitter_t *emitter, yaml_event_t *event)
{
  if (yaml_emitter_emit (emitter, event))
    return TRUE;
  g_critical ("YAML emitter: %s", emitter->problem ? emitter->problem : "unknown error");
  return FALSE;
}

static gboolean
emit_scalar (yaml_emitter_t *emitter, const NpNode *node)
{
  yaml_event_t event;
  const char *text = np_node_get_text (node);
  yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;

  switch (np_node_get_scalar_type (node))
    {
    case NP_SCALAR_STRING:
      if (np_scalar_needs_quotes (text))
        style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
      else if (strchr (text, '\n') != NULL)
        style = YAML_LITERAL_SCALAR_STYLE;
      break;
    case NP_SCALAR_NULL:
      text = "null";
      break;
    case NP_SCALAR_BOOL:
    case NP_SCALAR_INT:
    case NP_SCALAR_FLOAT:
    default:
      /* A value that no longer resolves to its type (built by hand) is
       * written in its canonical form instead. */
      if (np_scalar_resolve_plain (text) != np_node_get_scalar_type (node))
        {
          gboolean b;
          text = np_node_get_bool (node, &b) ? (b ? "true" : "false") : text;
        }
      break;
    }

  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) text, strlen (text),
                                1, 1, style);
  return emit (emitter, &event);
}

static gboolean emit_node (yaml_emitter_t *emitter, const NpNode *node);

/* One pair of a mapping. Keys are strings in Kubernetes objects, whatever
 * they look like. */
static gboolean
emit_pair (yaml_emitter_t *emitter, const NpNode *key, const NpNode *value)
{
  g_autoptr(NpNode) string_key = NULL;

  if (np_node_get_scalar_type (key) != NP_SCALAR_STRING)
    key = string_key = np_node_new_string (np_node_get_text (key));
  return emit_scalar (emitter, key) && emit_node (emitter, value);
}

static gboolean
emit_node (yaml_emitter_t *emitter, const NpNode *node)
{
  yaml_event_t event;

  switch (np_node_get_kind (node))
    {
    case NP_NODE_SCALAR:
      return emit_scalar (emitter, node);

    case NP_NODE_SEQUENCE:
      yaml_sequence_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
      if (!emit (emitter, &event))
        return FALSE;
      for (guint i = 0; i < np_node_get_n_items (node); i++)
        if (!emit_node (emitter, np_node_get_item (node, i)))
          return FALSE;
      yaml_sequence_end_event_initialize (&event);
      return emit (emitter, &event);

    case NP_NODE_MAPPING:
      yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
      if (!emit (emitter, &event))
        return FALSE;
      for (guint i = 0; i < np_node_get_n_pairs (node); i++)
        {
          if (!emit_pair (emitter, np_node_get_key_node (node, i), np_node_get_value (node, i)))
            return FALSE;
        }
      yaml_mapping_end_event_initialize (&event);
      return emit (emitter, &event);

    default:
      g_assert_not_reached ();
    }
}

/* The writer for the common case ------------------------------------------
 *
 * libyaml's emitter works out the style of every scalar character by
 * character and goes through an event queue; for block YAML of keys and
 * values that are plain words, what it writes is simple to write directly,
 * several times faster. Anything else (quoting, several lines, long keys,
 * non-ASCII text) and the whole document goes to libyaml, so the text is
 * the same either way. */

typedef struct {
  GString    *out;
  const char *line_break;
} Direct;

/* TRUE when libyaml would write @text as a plain scalar exactly so: ASCII
 * letters, digits, spaces between them and a few marks, not starting with
 * an indicator, no ": " or "#", and no other type when read back. */
static gboolean
is_plain_word (const char *text, gboolean key)
{
  const char *p = text;

  if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '/'))
    return FALSE;
  for (; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || c == '.' || c == '_' || c == '/' || c == '-')
        continue;
      if (c == ':' && p[1] != '\0' && p[1] != ' ')
        continue;
      /* between words ("rule set 2"), as libyaml allows */
      if (c == ' ' && p[1] != '\0')
        continue;
      return FALSE;
    }
  /* libyaml writes a longer key as a complex key ("? ...") */
  if (key && p - text > 128)
    return FALSE;
  return TRUE;
}

/* TRUE when libyaml writes @text in double quotes as it is: printable
 * ASCII with nothing to escape (and, for a key, short enough to stay a
 * simple key). */
static gboolean
is_plain_quoted (const char *text, gboolean key)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
      return FALSE;
  return !key || p - text <= 128;
}

/* Appends a scalar as libyaml would write it (plainly, or in double quotes
 * when it must be quoted), or returns FALSE. */
static gboolean
direct_scalar (Direct *d, const NpNode *node, gboolean key)
{
  const char *text = np_node_get_text (node);
  NpScalarType type = np_node_get_scalar_type (node);

  if (key || type == NP_SCALAR_STRING)
    {
      /* emit_scalar() asks for double quotes exactly then */
      if (np_scalar_needs_quotes (text))
        {
          if (!is_plain_quoted (text, key))
            return FALSE;
          g_string_append_c (d->out, '"');
          g_string_append (d->out, text);
          g_string_append_c (d->out, '"');
          return TRUE;
        }
      if (!is_plain_word (text, key))
        return FALSE;
    }
  else if (type == NP_SCALAR_NULL)
    text = "null";
  /* bools, numbers: as written, when they still read as what they are */
  else if (np_scalar_resolve_plain (text) != type || !is_plain_word (text, FALSE))
    return FALSE;
  g_string_append (d->out, text);
  return TRUE;
}

static void
direct_indent (Direct *d, guint indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append_c (d->out, ' ');
}

static gboolean direct_mapping (Direct *d, const NpNode *node, guint indent, gboolean inline_first,
                                const char * const *first);
static gboolean direct_sequence (Direct *d, const NpNode *node, guint indent, gboolean inline_first);

static gboolean
is_empty_collection (const NpNode *node)
{
  switch (np_node_get_kind (node))
    {
    case NP_NODE_MAPPING:
      return np_node_get_n_pairs (node) == 0;
    case NP_NODE_SEQUENCE:
      return np_node_get_n_items (node) == 0;
    case NP_NODE_SCALAR:
    default:
      return FALSE;
    }
}

/* A scalar or an empty collection, and the line break after it. */
static gboolean
direct_leaf (Direct *d, const NpNode *node)
{
  if (np_node_get_kind (node) == NP_NODE_SCALAR)
    {
      if (!direct_scalar (d, node, FALSE))
        return FALSE;
    }
  else
    g_string_append (d->out, np_node_get_kind (node) == NP_NODE_MAPPING ? "{}" : "[]");
  g_string_append (d->out, d->line_break);
  return TRUE;
}

static gboolean
direct_pair (Direct *d, const NpNode *key, const NpNode *value, guint indent)
{
  if (!direct_scalar (d, key, TRUE))
    return FALSE;
  g_string_append_c (d->out, ':');
  if (np_node_get_kind (value) == NP_NODE_SCALAR || is_empty_collection (value))
    {
      g_string_append_c (d->out, ' ');
      return direct_leaf (d, value);
    }
  g_string_append (d->out, d->line_break);
  /* kubectl's layout: a list under a key is not indented further */
  if (np_node_get_kind (value) == NP_NODE_SEQUENCE)
    return direct_sequence (d, value, indent, FALSE);
  return direct_mapping (d, value, indent + 2, FALSE, NULL);
}

static gboolean
direct_mapping (Direct *d, const NpNode *node, guint indent, gboolean inline_first,
                const char * const *first)
{
  gboolean at_line_start = !inline_first;

  if (first != NULL)
    for (guint k = 0; first[k] != NULL; k++)
      {
        NpNode *key = np_node_lookup_key (node, first[k]);

        if (key == NULL)
          continue;
        if (at_line_start)
          direct_indent (d, indent);
        at_line_start = TRUE;
        if (!direct_pair (d, key, np_node_lookup (node, first[k]), indent))
          return FALSE;
      }
  for (guint i = 0; i < np_node_get_n_pairs (node); i++)
    {
      if (first != NULL && g_strv_contains (first, np_node_get_key (node, i)))
        continue;
      if (at_line_start)
        direct_indent (d, indent);
      at_line_start = TRUE;
      if (!direct_pair (d, np_node_get_key_node (node, i), np_node_get_value (node, i), indent))
        return FALSE;
    }
  return TRUE;
}

static gboolean
direct_sequence (Direct *d, const NpNode *node, guint indent, gboolean inline_first)
{
  for (guint i = 0; i < np_node_get_n_items (node); i++)
    {
      NpNode *item = np_node_get_item (node, i);
      gboolean ok;

      if (i > 0 || !inline_first)
        direct_indent (d, indent);
      g_string_append (d->out, "- ");
      if (np_node_get_kind (item) == NP_NODE_SCALAR || is_empty_collection (item))
        ok = direct_leaf (d, item);
      else if (np_node_get_kind (item) == NP_NODE_MAPPING)
        ok = direct_mapping (d, item, indent + 2, TRUE, NULL);
      else
        ok = direct_sequence (d, item, indent + 2, TRUE);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Appends the document to @out and returns TRUE, or appends nothing and
 * returns FALSE when it is not of the common kind. */
static gboolean
write_direct (GString *out, const NpNode *root, const char * const *first_keys, NpYamlWriteFlags flags)
{
  Direct d = { out, (flags & NP_YAML_WRITE_CRLF) ? "\r\n" : "\n" };
  gsize mark = out->len;
  gboolean ok;

  if ((flags & NP_YAML_WRITE_DOCUMENT_START) || is_empty_collection (root))
    return FALSE;
  switch (np_node_get_kind (root))
    {
    case NP_NODE_MAPPING:
      ok = direct_mapping (&d, root, 0, FALSE, first_keys);
      break;
    case NP_NODE_SEQUENCE:
      ok = direct_sequence (&d, root, 0, FALSE);
      break;
    case NP_NODE_SCALAR:
    default:
      ok = FALSE;
      break;
    }
  if (!ok)
    g_string_truncate (out, mark);
  return ok;
}

/* A mapping with the keys of @first (those it has) in front, in that order. */
static gboolean
emit_ordered_mapping (yaml_emitter_t *emitter, const NpNode *node, const char * const *first)
{
  yaml_event_t event;

  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  if (!emit (emitter, &event))
    return FALSE;
  for (guint k = 0; first[k] != NULL; k++)
    {
      NpNode *key = np_node_lookup_key (node, first[k]);

      if (key != NULL && !emit_pair (emitter, key, np_node_lookup (node, first[k])))
        return FALSE;
    }
  for (guint i = 0; i < np_node_get_n_pairs (node); i++)
    {
      NpNode *key = np_node_get_key_node (node, i);

      if (g_strv_contains (first, np_node_get_text (key)))
        continue;
      if (!emit_pair (emitter, key, np_node_get_value (node, i)))
        return FALSE;
    }
  yaml_mapping_end_event_initialize (&event);
  return emit (emitter, &event);
}

void
np_yaml_write_append (GString            *out,
                      const NpNode       *root,
                      const char * const *first_keys,
                      NpYamlWriteFlags    flags)
{
  yaml_emitter_t emitter;
  yaml_event_t event;
  gboolean ok;

  g_return_if_fail (out != NULL);
  g_return_if_fail (root != NULL);

  if (write_direct (out, root, first_keys, flags))
    return;

  yaml_emitter_initialize (&emitter);
  yaml_emitter_set_output (&emitter, write_to_gstring, out);
  yaml_emitter_set_indent (&emitter, 2);
  yaml_emitter_set_width (&emitter, -1);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_break (&emitter, (flags & NP_YAML_WRITE_CRLF) ? YAML_CRLN_BREAK : YAML_LN_BREAK);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  ok = emit (&emitter, &event);
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL,
                                        (flags & NP_YAML_WRITE_DOCUMENT_START) ? 0 : 1);
  ok = ok && emit (&emitter, &event);
  if (first_keys != NULL && np_node_get_kind (root) == NP_NODE_MAPPING)
    ok = ok && emit_ordered_mapping (&emitter, root, first_keys);
  else
    ok = ok && emit_node (&emitter, root);
  yaml_document_end_event_initialize (&event, 1);
  ok = ok && emit (&emitter, &event);
  yaml_stream_end_event_initialize (&event);
  ok = ok && emit (&emitter, &event);
  yaml_emitter_flush (&emitter);
  yaml_emitter_delete (&emitter);

  /* The emitter only fails on events it was handed in the wrong order,
   * which would be a bug here, reported above. */
  g_warn_if_fail (ok);
}

char *
np_yaml_write (const NpNode     *root,
               NpYamlWriteFlags  flags,
               gsize            *length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (root != NULL, NULL);

  np_yaml_write_append (out, root, NULL, flags);
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static JsonNode *
to_json (const NpNode *node)
{
  JsonNode *json;

  switch (np_node_get_kind (node))
    {
    case NP_NODE_SCALAR:
      {
        const char *text = np_node_get_text (node);
        gint64 i;
        gboolean b;
        double d;

        switch (np_node_get_scalar_type (node))
          {
          case NP_SCALAR_NULL:
            return json_node_new (JSON_NODE_NULL);
          case NP_SCALAR_BOOL:
            np_node_get_bool (node, &b);
            json = json_node_new (JSON_NODE_VALUE);
            json_node_set_boolean (json, b);
            return json;
          case NP_SCALAR_INT:
            if (np_node_get_int (node, &i))
              {
                json = json_node_new (JSON_NODE_VALUE);
                json_node_set_int (json, i);
                return json;
              }
            G_GNUC_FALLTHROUGH;
          case NP_SCALAR_FLOAT:
            {
              g_autofree char *clean = g_strdup (text);
              char *end = NULL;

              g_strdelimit (clean, "_", ' ');
              g_strstrip (clean);
              d = g_ascii_strtod (clean, &end);
              if (end != clean && *end == '\0' && isfinite (d))
                {
                  json = json_node_new (JSON_NODE_VALUE);
                  json_node_set_double (json, d);
                  return json;
                }
            }
            /* JSON has no infinities: keep the text. */
            G_GNUC_FALLTHROUGH;
          case NP_SCALAR_STRING:
          default:
            json = json_node_new (JSON_NODE_VALUE);
            json_node_set_string (json, text);
            return json;
          }
      }

    case NP_NODE_SEQUENCE:
      {
        JsonArray *array = json_array_sized_new (np_node_get_n_items (node));

        for (guint i = 0; i < np_node_get_n_items (node); i++)
          json_array_add_element (array, to_json (np_node_get_item (node, i)));
        json = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (json, array);
        return json;
      }

    case NP_NODE_MAPPING:
      {
        JsonObject *object = json_object_new ();

        for (guint i = 0; i < np_node_get_n_pairs (node); i++)
          json_object_set_member (object, np_node_get_key (node, i),
                                  to_json (np_node_get_value (node, i)));
        json = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (json, object);
        return json;
      }

    default:
      g_assert_not_reached ();
    }
}

char *
np_json_write (const NpNode *root,
               gsize        *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) json = NULL;
  GString *out;

  g_return_val_if_fail (root != NULL, NULL);

  json = to_json (root);
  json_generator_set_root (generator, json);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 4);
  json_generator_set_indent_char (generator, ' ');
  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

const char * const np_yaml_k8s_first_keys[] = { "apiVersion", "kind", "metadata", "spec", NULL };

NpNode *
np_node_reorder_k8s (const NpNode *root)
{
  const char * const *first = np_yaml_k8s_first_keys;
  NpNode *copy;

  g_return_val_if_fail (root != NULL, NULL);

  if (np_node_get_kind (root) != NP_NODE_MAPPING)
    return np_node_copy (root);

  copy = np_node_new_mapping ();
  for (guint k = 0; first[k] != NULL; k++)
    {
      NpNode *key = np_node_lookup_key (root, first[k]);

      if (key != NULL)
        np_node_insert (copy, np_node_copy (key), np_node_copy (np_node_lookup (root, first[k])));
    }
  for (guint i = 0; i < np_node_get_n_pairs (root); i++)
    {
      const char *key = np_node_get_key (root, i);

      if (!g_strv_contains (first, key))
        np_node_insert (copy, np_node_copy (np_node_get_key_node (root, i)),
                        np_node_copy (np_node_get_value (root, i)));
    }
  np_node_set_position (copy, np_node_get_line (root), np_node_get_column (root));
  return copy;
}
