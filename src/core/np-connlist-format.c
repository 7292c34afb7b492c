/* np-connlist-format.c: the connectivity list in netpol-analyzer's txt, csv, md, json and dot
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

/* json.MarshalIndent (v, "", "  "): {src, dst[, conn]} items, "[]" when
 * empty, no final newline. */
static void
format_json (GString *out, const NpConnlist *list)
{
  GPtrArray *connections = list->connections;

  if (connections->len == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append (out, "[\n");
  for (guint i = 0; i < connections->len; i++)
    {
      NpConnection *c = connections->pdata[i];

      g_string_append (out, "  {\n    \"src\": ");
      np_go_append_json_string (out, c->source);
      g_string_append (out, ",\n    \"dst\": ");
      np_go_append_json_string (out, c->destination);
      if (list->focus_conn == NULL)
        {
          g_autofree char *conns = np_conn_set_to_string (c->conns);

          g_string_append (out, ",\n    \"conn\": ");
          np_go_append_json_string (out, conns);
        }
      g_string_append (out, i + 1 < connections->len ? "\n  },\n" : "\n  }\n");
    }
  g_string_append_c (out, ']');
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

static char *
connection_line (const NpConnection *connection)
{
  g_autofree char *conns = np_conn_set_to_string (connection->conns);

  return g_strdup_printf ("%s => %s : %s", connection->source, connection->destination, conns);
}

char *
np_connlist_format (GPtrArray        *connections,
                    NpConnlistFormat  format)
{
  NpConnlist list = { connections, NULL, NULL, NULL };

  g_return_val_if_fail (connections != NULL, NULL);

  return np_connlist_to_string (&list, format);
}

char *
np_connlist_to_string (const NpConnlist *list,
                       NpConnlistFormat  format)
{
  GPtrArray *connections;
  const char *focus_conn;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (list != NULL && list->connections != NULL, NULL);

  connections = list->connections;
  focus_conn = list->focus_conn;
  switch (format)
    {
    case NP_CONNLIST_TEXT:
      /* [FT writeFocusConnTxtOutput] */
      if (focus_conn != NULL)
        g_string_append_printf (out, "Permitted connections on %s:\n", focus_conn);
      for (guint i = 0; i < connections->len; i++)
        {
          NpConnection *c = connections->pdata[i];
          g_autofree char *line = NULL;

          if (focus_conn != NULL)
            g_string_append_printf (out, "%s => %s\n", c->source, c->destination);
          else
            {
              line = connection_line (c);
              g_string_append_printf (out, "%s\n", line);
            }
        }
      break;

    case NP_CONNLIST_JSON:
      format_json (out, list);
      break;

    case NP_CONNLIST_CSV:
      g_string_append (out, focus_conn != NULL ? "src,dst\n" : "src,dst,conn\n");
      for (guint i = 0; i < connections->len; i++)
        {
          NpConnection *c = connections->pdata[i];

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
        }
      break;

    case NP_CONNLIST_MD:
      g_string_append (out, focus_conn != NULL ? "| src | dst |\n|-----|-----|\n"
                                               : "| src | dst | conn |\n|-----|-----|------|\n");
      for (guint i = 0; i < connections->len; i++)
        {
          NpConnection *c = connections->pdata[i];
          g_autofree char *conns = np_conn_set_to_string (c->conns);

          if (focus_conn != NULL)
            g_string_append_printf (out, "| %s | %s |\n", c->source, c->destination);
          else
            g_string_append_printf (out, "| %s | %s | %s |\n", c->source, c->destination, conns);
        }
      break;

    case NP_CONNLIST_DOT:
      format_dot (out, list);
      break;

    default:
      g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}
