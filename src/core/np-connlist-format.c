/* np-connlist-format.c: the connectivity list in netpol-analyzer's txt, csv, md, json and dot
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "np-connlist.h"
#include "np-go-text.h"

gboolean
np_connlist_format_parse (const char       *name,
                          NpConnlistFormat *format)
{
  static const struct { const char *name; NpConnlistFormat format; } formats[] = {
    { "txt", NP_CONNLIST_TEXT }, { "text", NP_CONNLIST_TEXT }, { "json", NP_CONNLIST_JSON },
    { "csv", NP_CONNLIST_CSV }, { "md", NP_CONNLIST_MD }, { "dot", NP_CONNLIST_DOT },
  };

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name))
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

/* DOT --------------------------------------------------------------------- */

typedef struct {
  GHashTable *seen;        /* node ids */
  GHashTable *namespaces;  /* "<ns>[namespace]" → GPtrArray of node lines */
  GPtrArray  *outside;     /* node lines */
} Graph;

static void
graph_add_node (Graph *graph, const char *id)
{
  const char *slash = strchr (id, '/');
  gboolean external = g_str_has_suffix (id, "[External]");
  const char *color = external ? "red2" : "blue";
  GString *line;

  if (!g_hash_table_add (graph->seen, g_strdup (id)))
    return;
  /* Workloads (ns/name[Kind]) go into their namespace's cluster under
   * their short label; address ranges and {ingress-controller} stay
   * outside [FD getPeerLine]. */
  line = g_string_new (NULL);
  g_string_append (line, external || slash == NULL ? "\t" : "\t\t");
  np_go_append_quoted (line, id);
  g_string_append (line, " [label=");
  np_go_append_quoted (line, external || slash == NULL ? id : slash + 1);
  g_string_append_printf (line, " color=\"%s\" fontcolor=\"%s\"]", color, color);
  if (external || slash == NULL)
    g_ptr_array_add (graph->outside, g_string_free (line, FALSE));
  else
    {
      g_autofree char *key = g_strdup_printf ("%.*s[namespace]", (int) (slash - id), id);
      GPtrArray *lines = g_hash_table_lookup (graph->namespaces, key);

      if (lines == NULL)
        {
          lines = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (graph->namespaces, g_steal_pointer (&key), lines);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

void
np_connlist_append_dot_clusters (GString     *out,
                                 GHashTable  *clusters,
                                 const char  *color)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GList *key_list = g_hash_table_get_keys (clusters);

  for (GList *l = key_list; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_list_free (key_list);
  g_ptr_array_sort (keys, compare_strings);
  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = keys->pdata[k];
      GPtrArray *lines = g_hash_table_lookup (clusters, key);
      g_autofree char *name = g_strdelimit (g_strdup (key), "-", '_');

      g_string_append_printf (out, "\tsubgraph \"cluster_%s\" {\n\t\tcolor=\"%s\"\n\t\tfontcolor=\"%s\"\n",
                              name, color, color);
      g_ptr_array_sort (lines, compare_strings);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
      g_string_append_printf (out, "\t\tlabel=\"%s\"\n\t}\n", key);
    }
}

/* Namespace clusters by key, outside nodes, edges, each sorted; lines
 * joined by "\n", no final newline [FD writeOutput, GF AddNsGroups]. */
static void
format_dot (GString *out, const NpConnlist *list)
{
  Graph graph;
  g_autoptr(GPtrArray) edges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) outside = g_ptr_array_new_with_free_func (g_free);

  graph.seen = seen;
  graph.namespaces = namespaces;
  graph.outside = outside;

  for (guint i = 0; i < list->connections->len; i++)
    {
      NpConnection *c = list->connections->pdata[i];
      g_autofree char *conns = np_conn_set_to_string (c->conns);
      GString *edge = g_string_new ("\t");

      /* With --explain the pairs that allow nothing stay [§2]. */
      if (*conns == '\0')
        {
          g_free (conns);
          conns = g_strdup ("No Connections");
        }

      np_go_append_quoted (edge, c->source);
      g_string_append (edge, " -> ");
      np_go_append_quoted (edge, c->destination);
      g_string_append (edge, " [label=");
      np_go_append_quoted (edge, conns);
      /* The lighter weight for edges that point "forward" [GF GetEdgeLine]. */
      g_string_append_printf (edge, " color=\"gold2\" fontcolor=\"darkgreen\" weight=%s]",
                              strcmp (c->source, c->destination) <= 0 ? "0.5" : "1");
      g_ptr_array_add (edges, g_string_free (edge, FALSE));
      graph_add_node (&graph, c->source);
      graph_add_node (&graph, c->destination);
    }
  for (guint i = 0; list->nodes != NULL && i < list->nodes->len; i++)
    if (!g_str_has_suffix (list->nodes->pdata[i], "[External]"))
      graph_add_node (&graph, list->nodes->pdata[i]);

  g_string_append (out, "digraph {\n");
  np_connlist_append_dot_clusters (out, namespaces, "black");
  g_ptr_array_sort (outside, compare_strings);
  for (guint i = 0; i < outside->len; i++)
    g_string_append_printf (out, "%s\n", (char *) outside->pdata[i]);
  g_ptr_array_sort (edges, compare_strings);
  for (guint i = 0; i < edges->len; i++)
    g_string_append_printf (out, "%s\n", (char *) edges->pdata[i]);
  g_string_append_c (out, '}');
}

char *
np_connlist_format (GPtrArray        *connections,
                    NpConnlistFormat  format)
{
  NpConnlist list = { connections, NULL, NULL, NULL };

  g_return_val_if_fail (connections != NULL, NULL);

  return np_connlist_to_string (&list, format);
}

gboolean
np_connlist_format_streams (NpConnlistFormat format)
{
  return format != NP_CONNLIST_DOT;
}

void
np_connlist_append_header (GString          *out,
                           NpConnlistFormat  format,
                           const char       *focus_conn)
{
  g_return_if_fail (out != NULL && np_connlist_format_streams (format));

  switch (format)
    {
    case NP_CONNLIST_TEXT:
      /* [FT writeFocusConnTxtOutput] */
      if (focus_conn != NULL)
        {
          g_string_append (out, "Permitted connections on ");
          g_string_append (out, focus_conn);
          g_string_append (out, ":\n");
        }
      break;
    case NP_CONNLIST_CSV:
      g_string_append (out, focus_conn != NULL ? "src,dst\n" : "src,dst,conn\n");
      break;
    case NP_CONNLIST_MD:
      g_string_append (out, focus_conn != NULL ? "| src | dst |\n|-----|-----|\n"
                                               : "| src | dst | conn |\n|-----|-----|------|\n");
      break;
    case NP_CONNLIST_JSON:
      /* "[" waits for the first line: an empty list is "[]". */
    default:
      break;
    }
}

/* Plain appends, no printf: the list may have millions of lines. */
void
np_connlist_append_line (GString            *out,
                         const NpConnection *c,
                         NpConnlistFormat    format,
                         const char         *focus_conn,
                         guint               index)
{
  g_return_if_fail (out != NULL && c != NULL && np_connlist_format_streams (format));

  switch (format)
    {
    case NP_CONNLIST_TEXT:
      g_string_append (out, c->source);
      g_string_append (out, " => ");
      g_string_append (out, c->destination);
      if (focus_conn == NULL)
        {
          g_string_append (out, " : ");
          np_conn_set_append_string (out, c->conns);
        }
      g_string_append_c (out, '\n');
      break;

    case NP_CONNLIST_JSON:
      /* json.MarshalIndent (v, "", "  "): {src, dst[, conn]} items, each
       * but the last followed by ",". */
      g_string_append (out, index == 0 ? "[\n  {\n    \"src\": " : ",\n  {\n    \"src\": ");
      np_go_append_json_string (out, c->source);
      g_string_append (out, ",\n    \"dst\": ");
      np_go_append_json_string (out, c->destination);
      if (focus_conn == NULL)
        {
          g_autofree char *conns = np_conn_set_to_string (c->conns);

          g_string_append (out, ",\n    \"conn\": ");
          np_go_append_json_string (out, conns);
        }
      g_string_append (out, "\n  }");
      break;

    case NP_CONNLIST_CSV:
      np_go_append_csv_field (out, c->source);
      g_string_append_c (out, ',');
      np_go_append_csv_field (out, c->destination);
      if (focus_conn == NULL)
        {
          g_autofree char *conns = np_conn_set_to_string (c->conns);

          g_string_append_c (out, ',');
          np_go_append_csv_field (out, conns);
        }
      g_string_append_c (out, '\n');
      break;

    case NP_CONNLIST_MD:
      g_string_append (out, "| ");
      g_string_append (out, c->source);
      g_string_append (out, " | ");
      g_string_append (out, c->destination);
      if (focus_conn == NULL)
        {
          g_string_append (out, " | ");
          np_conn_set_append_string (out, c->conns);
        }
      g_string_append (out, " |\n");
      break;

    default:
      break;
    }
}

void
np_connlist_append_footer (GString          *out,
                           NpConnlistFormat  format,
                           guint             n_lines)
{
  g_return_if_fail (out != NULL && np_connlist_format_streams (format));

  /* json: no final newline */
  if (format == NP_CONNLIST_JSON)
    g_string_append (out, n_lines == 0 ? "[]" : "\n]");
}

char *
np_connlist_to_string (const NpConnlist *list,
                       NpConnlistFormat  format)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (list != NULL && list->connections != NULL, NULL);

  if (format == NP_CONNLIST_DOT)
    format_dot (out, list);
  else
    {
      np_connlist_append_header (out, format, list->focus_conn);
      for (guint i = 0; i < list->connections->len; i++)
        np_connlist_append_line (out, list->connections->pdata[i], format, list->focus_conn, i);
      np_connlist_append_footer (out, format, list->connections->len);
    }
  return g_string_free (out, FALSE);
}

/* Streaming to a file ------------------------------------------------------ */

/* What np_connlist_write() buffers before writing. */
#define WRITE_CHUNK (64 * 1024)

typedef struct {
  GString          *buffer;
  FILE             *stream;
  NpConnlistFormat  format;
  const char       *focus_conn;  /* (nullable) */
  guint             n_lines;
} Writer;

static void
writer_flush (Writer *writer)
{
  if (writer->buffer->len > 0)
    fwrite (writer->buffer->str, 1, writer->buffer->len, writer->stream);
  g_string_truncate (writer->buffer, 0);
}

static void
write_line (const NpConnection *connection, gpointer user_data)
{
  Writer *writer = user_data;

  np_connlist_append_line (writer->buffer, connection, writer->format, writer->focus_conn,
                           writer->n_lines++);
  if (writer->buffer->len >= WRITE_CHUNK)
    writer_flush (writer);
}

NpConnlist *
np_connlist_write (NpEvaluator           *evaluator,
                   const NpConnlistFocus *focus,
                   NpConnlistFormat       format,
                   FILE                  *stream)
{
  g_autoptr(GString) buffer = g_string_sized_new (WRITE_CHUNK + 1024);
  g_autofree char *focus_conn = NULL;
  Writer writer = { buffer, stream, format, NULL, 0 };
  NpConnlist *list;

  g_return_val_if_fail (stream != NULL && np_connlist_format_streams (format), NULL);

  /* The header names the focus connection as the list will. */
  if (focus != NULL && focus->has_conn)
    {
      g_autoptr(NpConnSet) conn = np_conn_set_new ();

      np_conn_set_add_range (conn, focus->conn_protocol, focus->conn_port, focus->conn_port);
      writer.focus_conn = focus_conn = np_conn_set_to_string (conn);
    }
  np_connlist_append_header (buffer, format, writer.focus_conn);
  list = np_connlist_compute_streamed (evaluator, focus, write_line, &writer);
  np_connlist_append_footer (buffer, format, writer.n_lines);
  writer_flush (&writer);
  return list;
}
