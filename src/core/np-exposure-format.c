/* np-exposure-format.c: the connectivity list with its exposure sections, as netpol-analyzer prints them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * shared/docs/analysis-formats.md §1 (JSON), §2 (DOT), §5 (txt, csv, md);
 * upstream pkg/netpol/connlist/conns_formatter_{txt,csv,md,json,dot}.go.
 * The list part is np_connlist_to_string()'s, except in json and dot, where
 * the exposure shares one value (one graph) with the list.
 */
#include "config.h"

#include <string.h>

#include "np-exposure.h"
#include "np-go-text.h"

/* The other end of the exposure rows, as netpol-analyzer names them. */
#define ENTIRE_CLUSTER "entire-cluster"

/* Rows ---------------------------------------------------------------------- */

/* The connection of @row as printed: an unprotected workload's
 * entire-cluster row always reads All Connections; a representative that
 * an AdminNetworkPolicy's Deny rule takes out of an entire-cluster
 * exposure, No Connections. (transfer full) */
static char *
row_conns (const NpExposureRow *row)
{
  if (np_conn_set_is_empty (row->conns))
    return g_strdup ("No Connections");
  return np_conn_set_to_string (row->conns);
}

/* The title of the exposure part: "Exposure Analysis Result:", or with a
 * focus connection "Exposure Analysis Result On TCP 8080:". (transfer full) */
static char *
title (const NpConnlist *list)
{
  if (list->focus_conn != NULL)
    return g_strdup_printf ("Exposure Analysis Result On %s:", list->focus_conn);
  return g_strdup ("Exposure Analysis Result:");
}

/* [FT writeExposureOutput] */
static void
format_txt (GString *out, const NpConnlist *list, const NpExposure *exposure)
{
  g_autofree char *head = title (list);
  GPtrArray *sections[2] = { exposure->egress, exposure->ingress };
  const char *names[2] = { "Egress Exposure:", "Ingress Exposure:" };

  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", head);
  for (guint s = 0; s < 2; s++)
    {
      GPtrArray *rows = sections[s];

      if (rows->len == 0)
        continue;
      if (s == 1 && exposure->egress->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s\n", names[s]);
      for (guint i = 0; i < rows->len; i++)
        {
          const NpExposureRow *row = rows->pdata[i];

          g_string_append_printf (out, "%-*s \t%s \t%s", (int) exposure->width, row->workload,
                                  s == 0 ? "=>" : "<=", row->other);
          if (list->focus_conn == NULL)
            {
              g_autofree char *conns = row_conns (row);

              g_string_append_printf (out, " : %s", conns);
            }
          g_string_append_c (out, '\n');
        }
    }
  if (exposure->unprotected->len > 0 && list->focus_conn == NULL)
    {
      g_string_append (out, "\nWorkloads not protected by network policies:\n");
      for (guint i = 0; i < exposure->unprotected->len; i++)
        g_string_append_printf (out, "%s\n", (char *) exposure->unprotected->pdata[i]);
    }
}

/* [FC writeCsvExposureTable] */
static void
format_csv (GString *out, const NpConnlist *list, const NpExposure *exposure)
{
  g_autofree char *head = title (list);
  GPtrArray *sections[2] = { exposure->egress, exposure->ingress };
  const char *names[2] = { "Egress Exposure:", "Ingress Exposure:" };

  np_go_append_csv_field (out, head);
  g_string_append (out, ",,\n");
  for (guint s = 0; s < 2; s++)
    {
      GPtrArray *rows = sections[s];

      if (rows->len == 0)
        continue;
      g_string_append_printf (out, "%s,,\n", names[s]);
      g_string_append (out, s == 0 ? "src,dst" : "dst,src");
      g_string_append (out, list->focus_conn == NULL ? ",conn\n" : "\n");
      for (guint i = 0; i < rows->len; i++)
        {
          const NpExposureRow *row = rows->pdata[i];

          np_go_append_csv_field (out, row->workload);
          g_string_append_c (out, ',');
          np_go_append_csv_field (out, row->other);
          if (list->focus_conn == NULL)
            {
              g_autofree char *conns = row_conns (row);

              g_string_append_c (out, ',');
              np_go_append_csv_field (out, conns);
            }
          g_string_append_c (out, '\n');
        }
    }
}

/* [FM writeMdExposureLines]: the blocks are joined to the list by "\n", an
 * empty block being an empty string. */
static void
format_md (GString *out, const NpConnlist *list, const NpExposure *exposure)
{
  g_autofree char *head = title (list);
  GPtrArray *sections[2] = { exposure->egress, exposure->ingress };
  const char *names[2] = { "Egress Exposure:", "Ingress Exposure:" };

  g_string_append_printf (out, "## %s", head);
  for (guint s = 0; s < 2; s++)
    {
      GPtrArray *rows = sections[s];

      g_string_append_c (out, '\n');
      if (rows->len == 0)
        continue;
      g_string_append_printf (out, "### %s\n", names[s]);
      if (list->focus_conn == NULL)
        g_string_append (out, s == 0 ? "| src | dst | conn |\n|-----|-----|------|\n"
                                     : "| dst | src | conn |\n|-----|-----|------|\n");
      else
        g_string_append (out, s == 0 ? "| src | dst |\n|-----|-----|\n" : "| dst | src |\n|-----|-----|\n");
      for (guint i = 0; i < rows->len; i++)
        {
          const NpExposureRow *row = rows->pdata[i];
          g_autofree char *conns = row_conns (row);

          if (list->focus_conn == NULL)
            g_string_append_printf (out, "| %s | %s | %s |\n", row->workload, row->other, conns);
          else
            g_string_append_printf (out, "| %s | %s |\n", row->workload, row->other);
        }
    }
}

/* JSON ------------------------------------------------------------------- */

/* One {src, dst[, conn]} object at @indent spaces. */
static void
json_item (GString *out, guint indent, const char *src, const char *dst, const char *conns)
{
  g_string_append_printf (out, "%*s{\n%*s\"src\": ", indent, "", indent + 2, "");
  np_go_append_json_string (out, src);
  g_string_append_printf (out, ",\n%*s\"dst\": ", indent + 2, "");
  np_go_append_json_string (out, dst);
  if (conns != NULL)
    {
      g_string_append_printf (out, ",\n%*s\"conn\": ", indent + 2, "");
      np_go_append_json_string (out, conns);
    }
  g_string_append_printf (out, "\n%*s}", indent, "");
}

/* An exposure section: null when empty (a nil Go slice) [CF]. */
static void
json_section (GString *out, const NpConnlist *list, GPtrArray *rows, gboolean ingress)
{
  if (rows->len == 0)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, "[\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const NpExposureRow *row = rows->pdata[i];
      g_autofree char *conns = list->focus_conn == NULL ? row_conns (row) : NULL;

      json_item (out, 6, ingress ? row->other : row->workload, ingress ? row->workload : row->other, conns);
      g_string_append (out, i + 1 < rows->len ? ",\n" : "\n");
    }
  g_string_append (out, "    ]");
}

/* [FJ writeOutput] with json.MarshalIndent (v, "", "  "). */
static void
format_json (GString *out, const NpConnlist *list, const NpExposure *exposure)
{
  gboolean focused = list->focus_conn != NULL;
  GPtrArray *connections = list->connections;

  g_string_append_printf (out, "{\n  \"%s\": ", focused ? "connlist_conn_focus_results" : "connlist_results");
  if (connections->len == 0)
    g_string_append (out, "[]");
  else
    {
      g_string_append (out, "[\n");
      for (guint i = 0; i < connections->len; i++)
        {
          NpConnection *c = connections->pdata[i];
          g_autofree char *conns = focused ? NULL : np_conn_set_to_string (c->conns);

          json_item (out, 4, c->source, c->destination, conns);
          g_string_append (out, i + 1 < connections->len ? ",\n" : "\n");
        }
      g_string_append (out, "  ]");
    }
  g_string_append_printf (out, ",\n  \"%s\": {\n    \"egress_exposure\": ",
                          focused ? "exposure_conn_focus_results" : "exposure_results");
  json_section (out, list, exposure->egress, FALSE);
  g_string_append (out, ",\n    \"ingress_exposure\": ");
  json_section (out, list, exposure->ingress, TRUE);
  g_string_append (out, "\n  }\n}");
}

/* DOT -------------------------------------------------------------------- */

typedef struct {
  GHashTable *seen;        /* node ids */
  GHashTable *clusters[2]; /* real, representative: "<ns>[namespace]" → GPtrArray of node lines */
  GPtrArray  *outside;     /* node lines */
  GPtrArray  *edges;
} Graph;

static void
add_to_cluster (GHashTable *clusters, const char *ns, char *line)
{
  g_autofree char *key = g_strdup_printf ("%s[namespace]", ns);
  GPtrArray *lines = g_hash_table_lookup (clusters, key);

  if (lines == NULL)
    {
      lines = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (clusters, g_steal_pointer (&key), lines);
    }
  g_ptr_array_add (lines, line);
}

/* A node line: @indent tabs, then "<id>" [label="<label>" color="c" fontcolor="c"<extra>]
 * [FD getPeerLine]. (transfer full) */
static char *
node_line (const char *indent, const char *id, const char *label, const char *color, const char *extra)
{
  GString *line = g_string_new (indent);

  np_go_append_quoted (line, id);
  g_string_append (line, " [label=");
  np_go_append_quoted (line, label);
  g_string_append_printf (line, " color=\"%s\" fontcolor=\"%s\"%s]", color, color, extra);
  return g_string_free (line, FALSE);
}

/* A workload, an address range or the ingress controller. */
static void
graph_add_peer (Graph *graph, const char *id)
{
  const char *slash = strchr (id, '/');
  gboolean external = g_str_has_suffix (id, "[External]");

  if (!g_hash_table_add (graph->seen, g_strdup (id)))
    return;
  if (external || slash == NULL)
    g_ptr_array_add (graph->outside, node_line ("\t", id, id, external ? "red2" : "blue", ""));
  else
    {
      g_autofree char *ns = g_strndup (id, slash - id);

      add_to_cluster (graph->clusters[0], ns, node_line ("\t\t", id, slash + 1, "blue", ""));
    }
}

static void
graph_add_edge (Graph *graph, const char *src, const char *dst, const char *label,
                const char *color, const char *weight, const char *style)
{
  GString *edge = g_string_new ("\t");

  np_go_append_quoted (edge, src);
  g_string_append (edge, " -> ");
  np_go_append_quoted (edge, dst);
  g_string_append (edge, " [label=");
  np_go_append_quoted (edge, label);
  g_string_append_printf (edge, " color=\"%s\" fontcolor=\"darkgreen\" weight=%s%s]", color, weight, style);
  g_ptr_array_add (graph->edges, g_string_free (edge, FALSE));
}

/* The exposure rows of one direction as nodes and dashed edges
 * [FD getXgressExposureEdges, getExposureEdgeLine]. */
static void
graph_add_exposure (Graph *graph, const NpConnlist *list, GPtrArray *rows, gboolean ingress)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const NpExposureRow *row = rows->pdata[i];
      g_autofree char *conns = NULL;
      g_autofree char *id = NULL;

      if (row->kind == NP_EXPOSURE_EXTERNAL)
        continue;  /* already an edge of the list */
      graph_add_peer (graph, row->workload);
      if (row->kind == NP_EXPOSURE_ENTIRE_CLUSTER)
        {
          id = g_strdup (ENTIRE_CLUSTER);
          if (g_hash_table_add (graph->seen, g_strdup (id)))
            g_ptr_array_add (graph->outside, node_line ("\t", id, id, "red2", " shape=diamond"));
        }
      else
        {
          id = g_strdup_printf ("%s_in_%s", row->pod_part, row->namespace_part);
          if (g_hash_table_add (graph->seen, g_strdup (id)))
            add_to_cluster (graph->clusters[1], row->namespace_part,
                            node_line ("\t\t", id, row->pod_part, "red2", ""));
        }
      /* With a focus connection the label is that connection, except for
       * an unprotected workload's All Connections. */
      conns = list->focus_conn != NULL && !row->unprotected ? g_strdup (list->focus_conn) : row_conns (row);
      if (ingress)
        graph_add_edge (graph, id, row->workload, conns, "darkorange2", "1", " style=dashed");
      else
        graph_add_edge (graph, row->workload, id, conns, "darkorange4", "0.5", " style=dashed");
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* [FD writeOutput]: real clusters, representative clusters, outside nodes,
 * edges, each sorted, no final newline. */
static void
format_dot (GString *out, const NpConnlist *list, const NpExposure *exposure)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) real = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) reps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) outside = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) edges = g_ptr_array_new_with_free_func (g_free);
  Graph graph = { seen, { real, reps }, outside, edges };

  for (guint i = 0; i < list->connections->len; i++)
    {
      NpConnection *c = list->connections->pdata[i];
      g_autofree char *conns = list->focus_conn != NULL ? g_strdup (list->focus_conn)
                                                        : np_conn_set_to_string (c->conns);

      graph_add_edge (&graph, c->source, c->destination, conns, "gold2",
                      strcmp (c->source, c->destination) <= 0 ? "0.5" : "1", "");
      graph_add_peer (&graph, c->source);
      graph_add_peer (&graph, c->destination);
    }
  for (guint i = 0; list->nodes != NULL && i < list->nodes->len; i++)
    if (!g_str_has_suffix (list->nodes->pdata[i], "[External]"))
      graph_add_peer (&graph, list->nodes->pdata[i]);
  graph_add_exposure (&graph, list, exposure->ingress, TRUE);
  graph_add_exposure (&graph, list, exposure->egress, FALSE);

  g_string_append (out, "digraph {\n");
  np_connlist_append_dot_clusters (out, real, "black");
  np_connlist_append_dot_clusters (out, reps, "red2");
  g_ptr_array_sort (outside, compare_strings);
  for (guint i = 0; i < outside->len; i++)
    g_string_append_printf (out, "%s\n", (char *) outside->pdata[i]);
  g_ptr_array_sort (edges, compare_strings);
  for (guint i = 0; i < edges->len; i++)
    g_string_append_printf (out, "%s\n", (char *) edges->pdata[i]);
  g_string_append_c (out, '}');
}

void
np_exposure_append_text (GString          *out,
                         const NpConnlist *list,
                         const NpExposure *exposure)
{
  g_return_if_fail (out != NULL && list != NULL && exposure != NULL);

  if (!exposure->off)
    format_txt (out, list, exposure);
}

char *
np_exposure_to_string (const NpConnlist *list,
                       const NpExposure *exposure,
                       NpConnlistFormat  format)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (list != NULL && list->connections != NULL, NULL);
  g_return_val_if_fail (exposure != NULL, NULL);

  if (exposure->off)
    {
      g_string_free (out, TRUE);
      return np_connlist_to_string (list, format);
    }
  switch (format)
    {
    case NP_CONNLIST_TEXT:
    case NP_CONNLIST_CSV:
    case NP_CONNLIST_MD:
      {
        g_autofree char *head = np_connlist_to_string (list, format);

        g_string_append (out, head);
        if (format == NP_CONNLIST_TEXT)
          format_txt (out, list, exposure);
        else if (format == NP_CONNLIST_CSV)
          format_csv (out, list, exposure);
        else
          format_md (out, list, exposure);
      }
      break;
    case NP_CONNLIST_JSON:
      format_json (out, list, exposure);
      break;
    case NP_CONNLIST_DOT:
      format_dot (out, list, exposure);
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}
