/* np-yaml-reader.c: YAML and JSON text to NpNode trees, with positions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <yaml.h>

#include "np-diagnostic.h"
#include "np-node-private.h"
#include "np-yaml.h"

/* A collection being read. Its children wait in Reader.children (from
 * @first on) until it ends, and then go into it in one array. */
typedef struct {
  NpNode     *node;
  NpNode     *pending_key;   /* mappings: the key waiting for its value */
  char       *anchor;        /* the anchor to register when the node is complete */
  guint64     size;          /* nodes in this subtree, aliases expanded */
  guint       first;
  GHashTable *keys;          /* big mappings: key text -> key node */
} Frame;

typedef struct {
  const char   *data;
  gsize         length;
  gsize         bom;         /* bytes of a UTF-8 byte-order mark */
  gsize         cursor_char; /* libyaml marks count characters: this pair */
  gsize         cursor_byte; /* maps them back to bytes */
  gboolean      ascii;       /* no multi-byte characters: no mapping needed */
  GArray       *stack;       /* Frame */
  GPtrArray    *children;    /* (owned) children of the open collections */
  NpNodeArena  *arena;
  GHashTable   *anchors;     /* name -> NpNode (ref) */
  GHashTable   *anchor_size; /* name -> guint64* */
  guint64       expanded;
  NpDiagnostic *error;
  /* the document being read */
  NpNode       *root;
  gsize         content_start;
  gsize         content_end;
  guint         content_line;
  gboolean      have_content;
  /* the documents read */
  NpYamlDocumentFunc func;
  gpointer      user_data;
  NpYamlDocument *pending;   /* the last one: its end depends on what follows */
  guint         n_documents;
  gsize         previous_end;
} Reader;

void
np_yaml_document_free (NpYamlDocument *document)
{
  if (document == NULL)
    return;
  g_clear_pointer (&document->root, np_node_unref);
  g_free (document);
}

/* Line and column (1-based, in characters) of a byte offset. */
static void
offset_position (const char *data, gsize offset, guint *line, guint *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  *column = 1;
  for (gsize i = line_start; i < offset; i++)
    if (((guchar) data[i] & 0xC0) != 0x80)
      (*column)++;
}

static void
set_error (Reader *reader, guint line, guint column, const char *code, const char *format, ...) G_GNUC_PRINTF (5, 6);

static void
set_error (Reader *reader, guint line, guint column, const char *code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (reader->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  reader->error = np_diagnostic_new (NP_SEVERITY_ERROR, code, NULL, message);
  np_diagnostic_set_position (reader->error, line, column);
}

static void
set_error_at_mark (Reader *reader, const yaml_mark_t *mark, const char *code, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
set_error_at_mark (Reader *reader, const yaml_mark_t *mark, const char *code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  set_error (reader, mark->line + 1, mark->column + 1, code, "%s", message);
}

static gboolean
check_encoding (Reader *reader)
{
  const char *end = NULL;
  guint line, column;

  if (g_utf8_validate_len (reader->data, reader->length, &end))
    return TRUE;

  offset_position (reader->data, end - reader->data, &line, &column);
  if (*end == '\0')
    set_error (reader, line, column, "yaml-encoding",
               _("The text contains a NUL byte: this looks like binary data, not YAML or JSON."));
  else
    set_error (reader, line, column, "yaml-encoding",
               _("The text is not valid UTF-8 (byte 0x%02X); save the file as UTF-8."),
               (guchar) *end);
  return FALSE;
}

static char *
describe_problem (const yaml_parser_t *parser)
{
  const char *problem = parser->problem != NULL ? parser->problem : _("invalid YAML");
  GString *out = g_string_new (NULL);

  g_string_append (out, problem);
  if (parser->context != NULL)
    g_string_append_printf (out, _(" (%s at line %zu, column %zu)"), parser->context,
                            parser->context_mark.line + 1, parser->context_mark.column + 1);
  if (out->len > 0)
    out->str[0] = g_ascii_toupper (out->str[0]);
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

static NpScalarType
scalar_type_for (Reader *reader, const yaml_event_t *event)
{
  const char *tag = (const char *) event->data.scalar.tag;
  const char *value = (const char *) event->data.scalar.value;

  if (tag != NULL && !g_str_equal (tag, "!"))
    {
      if (g_str_equal (tag, YAML_STR_TAG))
        return NP_SCALAR_STRING;
      if (g_str_equal (tag, YAML_INT_TAG))
        return NP_SCALAR_INT;
      if (g_str_equal (tag, YAML_BOOL_TAG))
        return NP_SCALAR_BOOL;
      if (g_str_equal (tag, YAML_NULL_TAG))
        return NP_SCALAR_NULL;
      if (g_str_equal (tag, YAML_FLOAT_TAG))
        return NP_SCALAR_FLOAT;
      set_error_at_mark (reader, &event->start_mark, "yaml-tag",
                         _("The tag “%s” is not supported: Kubernetes manifests use plain YAML values."), tag);
      return NP_SCALAR_STRING;
    }
  if (tag != NULL || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return NP_SCALAR_STRING;
  return np_scalar_resolve_plain (value);
}

static gboolean
check_collection_tag (Reader *reader, const yaml_event_t *event, const char *tag, const char *expected)
{
  if (tag == NULL || g_str_equal (tag, "!") || g_str_equal (tag, expected))
    return TRUE;
  set_error_at_mark (reader, &event->start_mark, "yaml-tag",
                     _("The tag “%s” is not supported: Kubernetes manifests use plain YAML values."), tag);
  return FALSE;
}

/* libyaml's mark.index counts characters (a CR LF pair as two), after a
 * byte-order mark; the document shares are in bytes. Lookups mostly move
 * forward, so a cursor keeps this linear overall. */
static gsize
char_to_byte (Reader *reader, gsize index)
{
  if (reader->ascii)
    return MIN (reader->bom + index, reader->length);
  if (reader->cursor_byte < reader->bom)
    reader->cursor_byte = reader->bom;
  while (reader->cursor_char > index && reader->cursor_byte > reader->bom)
    {
      do
        reader->cursor_byte--;
      while (reader->cursor_byte > reader->bom &&
             ((guchar) reader->data[reader->cursor_byte] & 0xC0) == 0x80);
      reader->cursor_char--;
    }
  while (reader->cursor_char < index && reader->cursor_byte < reader->length)
    {
      reader->cursor_byte++;
      while (reader->cursor_byte < reader->length &&
             ((guchar) reader->data[reader->cursor_byte] & 0xC0) == 0x80)
        reader->cursor_byte++;
      reader->cursor_char++;
    }
  return reader->cursor_byte;
}

static void
note_content_end (Reader *reader, const yaml_mark_t *end)
{
  gsize offset = char_to_byte (reader, end->index);

  if (offset > reader->content_end)
    reader->content_end = offset;
}

/* Places a finished node in its parent (or makes it the document root). */
static gboolean
attach (Reader *reader, NpNode *node, guint64 size, const yaml_mark_t *mark)
{
  Frame *parent;

  if (reader->stack->len == 0)
    {
      g_assert (reader->root == NULL);
      reader->root = node;
      return TRUE;
    }

  parent = &g_array_index (reader->stack, Frame, reader->stack->len - 1);
  parent->size += size;

  if (np_node_get_kind (parent->node) == NP_NODE_SEQUENCE)
    {
      g_ptr_array_add (reader->children, node);
      return TRUE;
    }

  if (parent->pending_key == NULL)
    {
      if (np_node_get_kind (node) != NP_NODE_SCALAR)
        {
          set_error (reader, np_node_get_line (node), np_node_get_column (node), "yaml-key",
                     _("A mapping key must be a plain value, not %s."), np_node_describe_type (node));
          np_node_unref (node);
          return FALSE;
        }
      parent->pending_key = node;
      return TRUE;
    }

  {
    NpNode *key = g_steal_pointer (&parent->pending_key);
    const char *text = np_node_get_text (key);
    guint n_pairs = (reader->children->len - parent->first) / 2;
    NpNode *first = NULL;

    if (parent->keys != NULL)
      first = g_hash_table_lookup (parent->keys, text);
    else
      for (guint i = parent->first; i < reader->children->len; i += 2)
        {
          NpNode *other = g_ptr_array_index (reader->children, i);

          const char *other_text = np_node_get_text (other);

          if (other_text[0] == text[0] && strcmp (other_text, text) == 0)
            {
              first = other;
              break;
            }
        }
    if (first != NULL)
      {
        set_error (reader, np_node_get_line (key), np_node_get_column (key), "yaml-duplicate-key",
                   _("The key “%s” appears twice in the same mapping: first at line %u, again at line %u."),
                   text, np_node_get_line (first), np_node_get_line (key));
        np_node_unref (key);
        np_node_unref (node);
        return FALSE;
      }
    g_ptr_array_add (reader->children, key);
    g_ptr_array_add (reader->children, node);
    n_pairs++;
    /* Past a few keys, a hash keeps the duplicate checks linear. */
    if (parent->keys == NULL && n_pairs > 8)
      {
        parent->keys = g_hash_table_new (g_str_hash, g_str_equal);
        for (guint i = parent->first; i < reader->children->len; i += 2)
          {
            NpNode *k = g_ptr_array_index (reader->children, i);

            g_hash_table_insert (parent->keys, (gpointer) np_node_get_text (k), k);
          }
      }
    else if (parent->keys != NULL)
      g_hash_table_insert (parent->keys, (gpointer) text, key);
  }
  (void) mark;
  return TRUE;
}

static void
register_anchor (Reader *reader, char *anchor, NpNode *node, guint64 size)
{
  guint64 *stored = g_new (guint64, 1);

  *stored = size;
  /* A later anchor of the same name replaces the earlier one, as in YAML. */
  g_hash_table_replace (reader->anchors, g_strdup (anchor), np_node_ref (node));
  g_hash_table_replace (reader->anchor_size, anchor, stored);
}

static void
begin_content (Reader *reader, const yaml_mark_t *start)
{
  if (reader->have_content)
    return;
  reader->have_content = TRUE;
  reader->content_start = char_to_byte (reader, start->index);
  reader->content_line = start->line + 1;
}

static NpNode *
new_positioned (Reader *reader, NpNode *node, const yaml_mark_t *mark)
{
  np_node_set_position (node, mark->line + 1, mark->column + 1);
  np_node_set_offset (node, char_to_byte (reader, mark->index));
  return node;
}

static void
push_collection (Reader *reader, NpNode *node, const yaml_event_t *event, const yaml_char_t *anchor)
{
  Frame frame = { 0 };

  frame.node = new_positioned (reader, node, &event->start_mark);
  frame.anchor = g_strdup ((const char *) anchor);
  frame.size = 1;
  frame.first = reader->children->len;
  g_array_append_val (reader->stack, frame);

  if (reader->stack->len > NP_YAML_MAX_DEPTH)
    set_error_at_mark (reader, &event->start_mark, "yaml-depth",
                       _("The data is nested more than %d levels deep; refusing to read further."),
                       NP_YAML_MAX_DEPTH);
}

static void
pop_collection (Reader *reader, const yaml_event_t *event)
{
  Frame frame = g_array_index (reader->stack, Frame, reader->stack->len - 1);

  g_array_set_size (reader->stack, reader->stack->len - 1);

  if (event->start_mark.index != event->end_mark.index &&
      (event->type == YAML_MAPPING_END_EVENT || event->type == YAML_SEQUENCE_END_EVENT))
    {
      /* Only flow collections end on a character of their own ("}" or "]");
       * block ones end where the next token starts. */
      gsize at = char_to_byte (reader, event->start_mark.index);
      char c = at < reader->length ? reader->data[at] : 0;

      if (c == '}' || c == ']')
        note_content_end (reader, &event->end_mark);
    }

  g_clear_pointer (&frame.pending_key, np_node_unref);
  g_clear_pointer (&frame.keys, g_hash_table_unref);
  /* An empty GPtrArray has no pdata: no offset may be added to NULL. */
  np_node_arena_set_children (reader->arena, frame.node,
                              reader->children->len > frame.first
                                ? (NpNode **) reader->children->pdata + frame.first : NULL,
                              (reader->children->len - frame.first) /
                              (np_node_get_kind (frame.node) == NP_NODE_MAPPING ? 2 : 1));
  g_ptr_array_set_size (reader->children, frame.first);
  if (frame.anchor != NULL)
    register_anchor (reader, g_steal_pointer (&frame.anchor), frame.node, frame.size);
  attach (reader, frame.node, frame.size, &event->start_mark);
}

static void
clear_stack (Reader *reader)
{
  for (guint i = 0; i < reader->stack->len; i++)
    {
      Frame *frame = &g_array_index (reader->stack, Frame, i);

      g_clear_pointer (&frame->node, np_node_unref);
      g_clear_pointer (&frame->pending_key, np_node_unref);
      g_clear_pointer (&frame->anchor, g_free);
      g_clear_pointer (&frame->keys, g_hash_table_unref);
    }
  g_array_set_size (reader->stack, 0);
  for (guint i = 0; i < reader->children->len; i++)
    np_node_unref (g_ptr_array_index (reader->children, i));
  g_ptr_array_set_size (reader->children, 0);
}

/* Past the line break that ends the line of @offset: YAML breaks lines
 * at "\r\n", "\n" and a lone "\r" alike (libyaml counts all three). */
static gsize
end_of_line (Reader *reader, gsize offset)
{
  while (offset < reader->length && reader->data[offset] != '\n' && reader->data[offset] != '\r')
    offset++;
  if (offset < reader->length && reader->data[offset] == '\r')
    {
      offset++;
      if (offset < reader->length && reader->data[offset] == '\n')
        offset++;
    }
  else if (offset < reader->length)
    offset++;
  return offset;
}

/* Each document owns from the end of the previous one's last content line
 * up to the end of its own (the last one: to the end of the text). */
static void
deliver_pending (Reader *reader, gboolean last)
{
  NpYamlDocument *document = g_steal_pointer (&reader->pending);

  if (document == NULL)
    return;
  if (last)
    document->end = reader->length;
  else
    {
      document->end = MAX (end_of_line (reader, document->content_end), document->start);
      /* Never into the next document's content (it began at content_start). */
      if (reader->content_start >= document->start && document->end > reader->content_start)
        document->end = reader->content_start;
    }
  reader->previous_end = document->end;
  reader->func (document, reader->user_data);
}

static gboolean
handle_event (Reader *reader, yaml_event_t *event)
{
  switch (event->type)
    {
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
      break;

    case YAML_DOCUMENT_START_EVENT:
      if (reader->n_documents >= NP_YAML_MAX_DOCUMENTS)
        {
          set_error_at_mark (reader, &event->start_mark, "yaml-limit",
                             _("The stream has more than %d documents; refusing to read further."),
                             NP_YAML_MAX_DOCUMENTS);
          return FALSE;
        }
      reader->root = NULL;
      reader->have_content = FALSE;
      reader->content_start = char_to_byte (reader, event->start_mark.index);
      reader->content_end = reader->content_start;
      reader->content_line = event->start_mark.line + 1;
      g_hash_table_remove_all (reader->anchors);
      g_hash_table_remove_all (reader->anchor_size);
      break;

    case YAML_DOCUMENT_END_EVENT:
      {
        NpYamlDocument *document = g_new0 (NpYamlDocument, 1);

        /* Anchors do not reach past their document; and once delivered, a
         * document's nodes are its receiver's alone (it may be another
         * thread), so the reader must hold none of them. */
        g_hash_table_remove_all (reader->anchors);
        g_hash_table_remove_all (reader->anchor_size);

        document->root = g_steal_pointer (&reader->root);
        document->content_start = reader->content_start;
        document->content_end = MAX (reader->content_end, reader->content_start);
        document->line = reader->content_line;
        reader->n_documents++;
        deliver_pending (reader, FALSE);
        document->start = reader->previous_end;
        reader->pending = document;
      }
      break;

    case YAML_ALIAS_EVENT:
      {
        const char *name = (const char *) event->data.alias.anchor;
        NpNode *target = g_hash_table_lookup (reader->anchors, name);
        guint64 *size = g_hash_table_lookup (reader->anchor_size, name);

        begin_content (reader, &event->start_mark);
        note_content_end (reader, &event->end_mark);
        if (target == NULL)
          {
            set_error_at_mark (reader, &event->start_mark, "yaml-alias",
                               _("The alias “*%s” refers to no anchor defined before it."), name);
            return FALSE;
          }
        reader->expanded += *size;
        if (reader->expanded > NP_YAML_MAX_ALIAS_EXPANSION)
          {
            set_error_at_mark (reader, &event->start_mark, "yaml-alias",
                               _("Aliases expand to more than %d values (a “billion laughs” file?); refusing to read further."),
                               NP_YAML_MAX_ALIAS_EXPANSION);
            return FALSE;
          }
        /* Shared, not copied: the tree stays as small as the text. */
        return attach (reader, np_node_ref (target), *size, &event->start_mark);
      }

    case YAML_SCALAR_EVENT:
      {
        NpScalarType type;
        NpNode *node;

        if (event->data.scalar.length > NP_YAML_MAX_SCALAR)
          {
            set_error_at_mark (reader, &event->start_mark, "yaml-limit",
                               _("A single value is %u KiB long; values over %u KiB are refused."),
                               (guint) (event->data.scalar.length / 1024), (guint) (NP_YAML_MAX_SCALAR / 1024));
            return FALSE;
          }

        /* An empty document reads as an empty plain scalar placed at the
         * next token (often the next "---"), which is not its content. */
        if (!(reader->stack->len == 0 && event->data.scalar.length == 0 &&
              event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE))
          {
            begin_content (reader, &event->start_mark);
            note_content_end (reader, &event->end_mark);
          }
        type = scalar_type_for (reader, event);
        if (reader->error != NULL)
          return FALSE;
        node = new_positioned (reader,
                               np_node_arena_new_node (reader->arena, NP_NODE_SCALAR, type,
                                                       (const char *) event->data.scalar.value,
                                                       event->data.scalar.length),
                               &event->start_mark);
        np_node_set_quoted (node, event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE);
        if (event->data.scalar.anchor != NULL)
          register_anchor (reader, g_strdup ((const char *) event->data.scalar.anchor), node, 1);
        return attach (reader, node, 1, &event->start_mark);
      }

    case YAML_SEQUENCE_START_EVENT:
      begin_content (reader, &event->start_mark);
      if (!check_collection_tag (reader, event, (const char *) event->data.sequence_start.tag, YAML_SEQ_TAG))
        return FALSE;
      push_collection (reader, np_node_arena_new_node (reader->arena, NP_NODE_SEQUENCE, 0, NULL, 0),
                       event, event->data.sequence_start.anchor);
      break;

    case YAML_MAPPING_START_EVENT:
      begin_content (reader, &event->start_mark);
      if (!check_collection_tag (reader, event, (const char *) event->data.mapping_start.tag, YAML_MAP_TAG))
        return FALSE;
      push_collection (reader, np_node_arena_new_node (reader->arena, NP_NODE_MAPPING, 0, NULL, 0),
                       event, event->data.mapping_start.anchor);
      break;

    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      pop_collection (reader, event);
      break;

    case YAML_NO_EVENT:
    default:
      break;
    }

  return reader->error == NULL;
}

gboolean
np_yaml_parse_each (const char          *data,
                    gsize                length,
                    NpYamlDocumentFunc   func,
                    gpointer             user_data,
                    NpDiagnostic       **diagnostic)
{
  yaml_parser_t parser;
  Reader reader = { 0 };
  gboolean done = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  reader.func = func;
  reader.user_data = user_data;

  reader.data = data != NULL ? data : "";
  reader.length = length;
  if (length >= 3 && memcmp (reader.data, "\xEF\xBB\xBF", 3) == 0)
    reader.bom = 3;

  /* ASCII without NUL bytes is valid UTF-8: no need to check it again. */
  reader.ascii = TRUE;
  for (gsize i = reader.bom; i < length; i++)
    if ((guchar) reader.data[i] >= 0x80 || reader.data[i] == '\0')
      {
        reader.ascii = FALSE;
        break;
      }

  if (!reader.ascii && !check_encoding (&reader))
    {
      if (diagnostic)
        *diagnostic = g_steal_pointer (&reader.error);
      g_clear_object (&reader.error);
      return FALSE;
    }

  reader.stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  reader.children = g_ptr_array_new ();
  reader.arena = np_node_arena_new ();
  reader.anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) np_node_unref);
  reader.anchor_size = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) reader.data, length);

  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        {
          g_autofree char *message = describe_problem (&parser);

          set_error_at_mark (&reader, &parser.problem_mark, "yaml-syntax", "%s", message);
          break;
        }

      done = event.type == YAML_STREAM_END_EVENT;
      if (!handle_event (&reader, &event))
        done = TRUE;
      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);
  if (reader.error == NULL)
    deliver_pending (&reader, TRUE);
  g_clear_pointer (&reader.pending, np_yaml_document_free);
  clear_stack (&reader);
  g_clear_pointer (&reader.root, np_node_unref);
  g_array_unref (reader.stack);
  g_hash_table_unref (reader.anchors);
  g_hash_table_unref (reader.anchor_size);
  g_ptr_array_unref (reader.children);
  np_node_arena_release (reader.arena);

  if (reader.error != NULL)
    {
      if (diagnostic)
        *diagnostic = g_steal_pointer (&reader.error);
      g_clear_object (&reader.error);
      return FALSE;
    }
  return TRUE;
}

static void
collect_document (NpYamlDocument *document,
                  gpointer        user_data)
{
  g_ptr_array_add (user_data, document);
}

GPtrArray *
np_yaml_parse (const char    *data,
               gsize          length,
               NpDiagnostic **diagnostic)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) np_yaml_document_free);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!np_yaml_parse_each (data, length, collect_document, documents, diagnostic))
    return NULL;
  return g_steal_pointer (&documents);
}

NpNode *
np_yaml_parse_one (const char    *data,
                   gsize          length,
                   NpDiagnostic **diagnostic)
{
  g_autoptr(GPtrArray) documents = np_yaml_parse (data, length, diagnostic);
  NpYamlDocument *document;

  if (documents == NULL)
    return NULL;
  if (documents->len == 0)
    return NULL;
  if (documents->len > 1)
    {
      document = g_ptr_array_index (documents, 1);
      if (diagnostic)
        {
          guint line, column;

          offset_position (data, document->content_start, &line, &column);
          *diagnostic = np_diagnostic_new (NP_SEVERITY_ERROR, "yaml-documents", NULL,
                                           _("Only one document is expected here, but a second one starts."));
          np_diagnostic_set_position (*diagnostic, line, column);
        }
      return NULL;
    }
  document = g_ptr_array_index (documents, 0);
  return document->root != NULL ? np_node_ref (document->root) : NULL;
}
