/* np-conndiff-format.c: `netpol diff` output, netpol's own and netpol-analyzer's
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The txt, csv, md and dot layouts are netpol-analyzer's (pkg/netpol/diff/
 * diff_formatter*.go, as ../shared/docs/analysis-formats.md §4 describes
 * them), so that its users can swap the tool in CI and keep their expected
 * files. They are machine formats: nothing here is translated.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "np-conndiff.h"
#include "np-go-text.h"

gboolean
np_conndiff_format_parse (const char       *name,
                          NpConnDiffFormat *format)
{
  static const struct { const char *name; NpConnDiffFormat format; } formats[] = {
    { "txt", NP_CONNDIFF_TXT }, { "csv", NP_CONNDIFF_CSV }, { "md", NP_CONNDIFF_MD },
    { "dot", NP_CONNDIFF_DOT }, { "text", NP_CONNDIFF_TEXT }, { "json", NP_CONNDIFF_JSON },
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

/* netpol's own text and JSON ---------------------------------------------- */

static char *
conns_text (const NpConnSet *set)
{
  return set != NULL ? np_conn_set_to_string (set) : g_strdup ("No Connections");
}

static void
add_json_entry (JsonBuilder *builder, const NpConnDiff *diff)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "src");
  json_builder_add_string_value (builder, diff->source);
  json_builder_set_member_name (builder, "dst");
  json_builder_add_string_value (builder, diff->destination);
  if (diff->kind == NP_CONN_DIFF_CHANGED)
    {
      g_autofree char *old_text = np_conn_set_to_string (diff->old_conns);
      g_autofree char *new_text = np_conn_set_to_string (diff->new_conns);

      json_builder_set_member_name (builder, "old_conn");
      json_builder_add_string_value (builder, old_text);
      json_builder_set_member_name (builder, "new_conn");
      json_builder_add_string_value (builder, new_text);
    }
  else
    {
      const NpConnSet *set = diff->kind == NP_CONN_DIFF_ADDED ? diff->new_conns : diff->old_conns;
      g_autofree char *text = np_conn_set_to_string (set);

      json_builder_set_member_name (builder, "conn");
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);
}

static char *
format_json (GPtrArray *diffs)
{
  static const struct { NpConnDiffKind kind; const char *name; } groups[] = {
    { NP_CONN_DIFF_ADDED, "added" },
    { NP_CONN_DIFF_REMOVED, "removed" },
    { NP_CONN_DIFF_CHANGED, "changed" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identical");
  json_builder_add_boolean_value (builder, np_conndiff_count_changes (diffs) == 0);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      json_builder_set_member_name (builder, groups[g].name);
      json_builder_begin_array (builder);
      for (guint i = 0; i < diffs->len; i++)
        {
          const NpConnDiff *diff = g_ptr_array_index (diffs, i);

          if (diff->kind == groups[g].kind)
            add_json_entry (builder, diff);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

static char *
format_text (GPtrArray *diffs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diffs->len; i++)
    {
      const NpConnDiff *diff = g_ptr_array_index (diffs, i);
      g_autofree char *old_text = conns_text (diff->old_conns);
      g_autofree char *new_text = conns_text (diff->new_conns);

      switch (diff->kind)
        {
        case NP_CONN_DIFF_ADDED:
          g_string_append_printf (out, "+ %s => %s : %s\n", diff->source, diff->destination, new_text);
          break;
        case NP_CONN_DIFF_REMOVED:
          g_string_append_printf (out, "- %s => %s : %s\n", diff->source, diff->destination, old_text);
          break;
        case NP_CONN_DIFF_CHANGED:
          g_string_append_printf (out, "~ %s => %s : %s -> %s\n", diff->source, diff->destination,
                                  old_text, new_text);
          break;
        case NP_CONN_DIFF_UNCHANGED:
        default:
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* netpol-analyzer's txt, csv, md ------------------------------------------ */

#define INGRESS_CONTROLLER "{ingress-controller}"

static const char *
kind_name (NpConnDiffKind kind)
{
  switch (kind)
    {
    case NP_CONN_DIFF_ADDED:
      return "added";
    case NP_CONN_DIFF_REMOVED:
      return "removed";
    case NP_CONN_DIFF_CHANGED:
      return "changed";
    case NP_CONN_DIFF_UNCHANGED:
    default:
      return "unchanged";
    }
}

/* "workload S added", "workload D removed", "workload S and D added", or
 * "" (diff_formatter.go getDiffInfo). */
static char *
diff_info (const NpConnDiff *diff)
{
  GString *info;

  if (!diff->source_new_or_lost && !diff->destination_new_or_lost)
    return g_strdup ("");
  info = g_string_new ("workload ");
  if (diff->source_new_or_lost)
    g_string_append (info, diff->source);
  if (diff->source_new_or_lost && diff->destination_new_or_lost)
    g_string_append (info, " and ");
  if (diff->destination_new_or_lost)
    g_string_append (info, diff->destination);
  g_string_append_printf (info, " %s", kind_name (diff->kind));
  return g_string_free (info, FALSE);
}

static char *
table_line (const NpConnDiff *diff, NpConnDiffFormat format)
{
  g_autofree char *old_text = conns_text (diff->old_conns);
  g_autofree char *new_text = conns_text (diff->new_conns);
  g_autofree char *info = diff_info (diff);
  const char *type = kind_name (diff->kind);

  switch (format)
    {
    case NP_CONNDIFF_TXT:
      return g_strdup_printf ("diff-type: %s, source: %s, destination: %s, dir1: %s, dir2: %s%s%s",
                              type, diff->source, diff->destination, old_text, new_text,
                              *info != '\0' ? ", workloads-diff-info: " : "", info);
    case NP_CONNDIFF_MD:
      return g_strdup_printf ("| %s | %s | %s | %s | %s | %s |", type, diff->source,
                              diff->destination, old_text, new_text, info);
    case NP_CONNDIFF_CSV:
    default:
      /* The sort key; each field is quoted when the row is written. */
      return g_strjoin (";", type, diff->source, diff->destination, old_text, new_text, info, NULL);
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The rendered rows in netpol-analyzer's order: changed, added, removed,
 * each sorted by its text; then the same three for the rows whose source is
 * the ingress controller (diff_formatter.go writeDiffLinesOrderedByCategory). */
static GPtrArray *
ordered_lines (GPtrArray *diffs, NpConnDiffFormat format)
{
  static const NpConnDiffKind order[] = {
    NP_CONN_DIFF_CHANGED, NP_CONN_DIFF_ADDED, NP_CONN_DIFF_REMOVED,
  };
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint ingress = 0; ingress < 2; ingress++)
    for (guint k = 0; k < G_N_ELEMENTS (order); k++)
      {
        guint start = lines->len;

        for (guint i = 0; i < diffs->len; i++)
          {
            const NpConnDiff *diff = g_ptr_array_index (diffs, i);

            if (diff->kind == order[k] &&
                g_str_equal (diff->source, INGRESS_CONTROLLER) == (gboolean) ingress)
              g_ptr_array_add (lines, table_line (diff, format));
          }
        /* (an empty GPtrArray has no pdata at all) */
        if (lines->len > start)
          qsort (lines->pdata + start, lines->len - start, sizeof (gpointer), compare_strings);
      }
  return lines;
}

static char *
format_table (GPtrArray *diffs, NpConnDiffFormat format)
{
  g_autoptr(GPtrArray) lines = ordered_lines (diffs, format);
  GString *out = g_string_new (NULL);

  switch (format)
    {
    case NP_CONNDIFF_TXT:
      g_string_append (out, "Connectivity diff:\n");
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
      break;
    case NP_CONNDIFF_MD:
      /* Joined by newlines, without a final one, as netpol-analyzer writes it. */
      g_string_append (out, "| diff-type | source | destination | dir1 | dir2 | workloads-diff-info |\n"
                            "|-----------|--------|-------------|------|------|---------------------|");
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (out, "\n%s", (char *) lines->pdata[i]);
      break;
    case NP_CONNDIFF_CSV:
    default:
      g_string_append (out, "diff-type,source,destination,dir1,dir2,workloads-diff-info\n");
      for (guint i = 0; i < lines->len; i++)
        {
          g_auto(GStrv) fields = g_strsplit (lines->pdata[i], ";", -1);

          for (guint f = 0; fields[f] != NULL; f++)
            {
              if (f > 0)
                g_string_append_c (out, ',');
              np_go_append_csv_field (out, fields[f]);
            }
          g_string_append_c (out, '\n');
        }
      break;
    }
  return g_string_free (out, FALSE);
}

/* netpol-analyzer's dot ---------------------------------------------------- */

static gboolean
is_outside (const char *peer)
{
  return g_str_has_suffix (peer, "[External]") || g_str_equal (peer, INGRESS_CONTROLLER) ||
         strchr (peer, '/') == NULL;
}

/* "\t"ID" [label="LABEL" color="C" fontcolor="C"]": a workload's label drops
 * its namespace, which its cluster shows. */
static char *
node_line (const char *peer, const char *color)
{
  GString *line = g_string_new ("\t");

  np_go_append_quoted (line, peer);
  g_string_append (line, " [label=");
  np_go_append_quoted (line, is_outside (peer) ? peer : strchr (peer, '/') + 1);
  g_string_append_printf (line, " color=\"%s\" fontcolor=\"%s\"]", color, color);
  return g_string_free (line, FALSE);
}

static char *
edge_line (const NpConnDiff *diff)
{
  g_autofree char *old_text = conns_text (diff->old_conns);
  g_autofree char *new_text = conns_text (diff->new_conns);
  g_autofree char *label = NULL;
  const char *color;
  GString *line = g_string_new ("\t");

  switch (diff->kind)
    {
    case NP_CONN_DIFF_CHANGED:
      label = g_strdup_printf ("%s (dir1: %s)", new_text, old_text);
      color = "magenta";
      break;
    case NP_CONN_DIFF_ADDED:
      label = g_strdup (new_text);
      color = "#008000";
      break;
    case NP_CONN_DIFF_REMOVED:
      label = g_strdup (old_text);
      color = "red2";
      break;
    case NP_CONN_DIFF_UNCHANGED:
    default:
      label = g_strdup (old_text);
      color = "grey";
      break;
    }
  np_go_append_quoted (line, diff->source);
  g_string_append (line, " -> ");
  np_go_append_quoted (line, diff->destination);
  g_string_append (line, " [label=");
  np_go_append_quoted (line, label);
  g_string_append_printf (line, " color=\"%s\" fontcolor=\"%s\" weight=%s]", color, color,
                          strcmp (diff->source, diff->destination) <= 0 ? "0.5" : "1");
  return g_string_free (line, FALSE);
}

static void
add_peer (GHashTable *seen, GHashTable *clusters, GPtrArray *outside, const char *peer,
          const NpConnDiff *diff, gboolean new_or_lost)
{
  const char *color = "blue";
  char *line;

  if (!g_hash_table_add (seen, (gpointer) peer))
    return;
  if (new_or_lost && diff->kind == NP_CONN_DIFF_ADDED)
    color = "#008000";
  else if (new_or_lost && diff->kind == NP_CONN_DIFF_REMOVED)
    color = "red";
  line = node_line (peer, color);
  if (is_outside (peer))
    g_ptr_array_add (outside, line);
  else
    {
      g_autofree char *ns = g_strndup (peer, strchr (peer, '/') - peer);
      char *key = g_strconcat (ns, "[namespace]", NULL);
      GPtrArray *members = g_hash_table_lookup (clusters, key);

      if (members == NULL)
        {
          members = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (clusters, key, members);
        }
      else
        g_free (key);
      g_ptr_array_add (members, line);
    }
}

static const char *const dot_legend[] = {
  "\tnodesep=0.5",
  "\tsubgraph cluster_legend {",
  "\t\tlabel=\"Legend\"",
  "\t\tfontsize = 10",
  "\t\tmargin=0",
  "\t\ta [style=invis height=0 width=0]",
  "\t\tb [style=invis height=0 width=0]",
  "\t\tc [style=invis height=0 width=0]",
  "\t\td [style=invis height=0 width=0]",
  "\t\te [style=invis height=0 width=0]",
  "\t\tf [style=invis height=0 width=0]",
  "\t\tg [style=invis height=0 width=0]",
  "\t\th [style=invis height=0 width=0]",
  "\t\t{rank=source a b c d}",
  "\t\t{rank=same e f g h}",
  "\t\ta -> b [label=\"added connection\", color=\"#008000\" fontcolor=\"#008000\" fontsize = 10 arrowsize=0.2]",
  "\t\tc -> d [label=\"removed connection\", color=\"red2\" fontcolor=\"red2\" fontsize = 10 arrowsize=0.2]",
  "\t\te -> f [label=\"changed connection\", color=\"magenta\" fontcolor=\"magenta\" fontsize = 10 arrowsize=0.2]",
  "\t\tg -> h [label=\"unchanged connection\", color=\"grey\" fontcolor=\"grey\" fontsize = 10 arrowsize=0.2]",
  "\t\tnp [label=\"new peer\" color=\"#008000\" fontcolor=\"#008000\" fontsize = 10]",
  "\t\tlp [label=\"lost peer\" color=\"red\" fontcolor=\"red\" fontsize = 10]",
  "\t\tpp [label=\"persistent peer\" color=\"blue\" fontcolor=\"blue\" fontsize = 10]",
  "\t\t{rank=sink np lp pp}",
  "\t\tnp->lp [style=invis]",
  "\t\tlp->pp [style=invis]",
  "\t}",
};

/* diff_formatter_dot.go writeDiffOutput: namespace clusters, outside
 * nodes, edges, edges from the ingress controller, legend; no final newline. */
static char *
format_dot (GPtrArray *diffs)
{
  static const NpConnDiffKind scan[] = {
    NP_CONN_DIFF_UNCHANGED, NP_CONN_DIFF_CHANGED, NP_CONN_DIFF_ADDED, NP_CONN_DIFF_REMOVED,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) outside = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) edges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ingress_edges = g_ptr_array_new_with_free_func (g_free);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;
  GString *out = g_string_new ("digraph {");

  /* A node's colour is fixed where it first appears, in this order. */
  for (guint k = 0; k < G_N_ELEMENTS (scan); k++)
    for (guint i = 0; i < diffs->len; i++)
      {
        const NpConnDiff *diff = g_ptr_array_index (diffs, i);

        if (diff->kind != scan[k])
          continue;
        add_peer (seen, clusters, outside, diff->source, diff, diff->source_new_or_lost);
        add_peer (seen, clusters, outside, diff->destination, diff, diff->destination_new_or_lost);
        g_ptr_array_add (g_str_equal (diff->source, INGRESS_CONTROLLER) ? ingress_edges : edges,
                         edge_line (diff));
      }

  keys = g_hash_table_get_keys_as_array (clusters, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_keys; i++)
    {
      GPtrArray *members = g_hash_table_lookup (clusters, keys[i]);
      g_autofree char *name = g_strdup (keys[i]);

      g_strdelimit (name, "-", '_');
      g_string_append_printf (out, "\n\tsubgraph \"cluster_%s\" {\n\t\tcolor=\"black\"\n\t\tfontcolor=\"black\"",
                              name);
      g_ptr_array_sort (members, compare_strings);
      for (guint m = 0; m < members->len; m++)
        g_string_append_printf (out, "\n\t%s", (char *) members->pdata[m]);
      g_string_append_printf (out, "\n\t\tlabel=\"%s\"\n\t}", (char *) keys[i]);
    }
  g_ptr_array_sort (outside, compare_strings);
  g_ptr_array_sort (edges, compare_strings);
  g_ptr_array_sort (ingress_edges, compare_strings);
  for (guint i = 0; i < outside->len; i++)
    g_string_append_printf (out, "\n%s", (char *) outside->pdata[i]);
  for (guint i = 0; i < edges->len; i++)
    g_string_append_printf (out, "\n%s", (char *) edges->pdata[i]);
  for (guint i = 0; i < ingress_edges->len; i++)
    g_string_append_printf (out, "\n%s", (char *) ingress_edges->pdata[i]);
  for (guint i = 0; i < G_N_ELEMENTS (dot_legend); i++)
    g_string_append_printf (out, "\n%s", dot_legend[i]);
  g_string_append (out, "\n}");
  return g_string_free (out, FALSE);
}

char *
np_conndiff_format (GPtrArray        *diffs,
                    NpConnDiffFormat  format)
{
  g_return_val_if_fail (diffs != NULL, NULL);

  switch (format)
    {
    case NP_CONNDIFF_TEXT:
      return format_text (diffs);
    case NP_CONNDIFF_JSON:
      return format_json (diffs);
    case NP_CONNDIFF_TXT:
    case NP_CONNDIFF_CSV:
    case NP_CONNDIFF_MD:
    case NP_CONNDIFF_DOT:
      /* netpol-analyzer prints nothing at all, not even a header, when
       * nothing changed (diff.go ConnectivityDiffToString). */
      if (np_conndiff_count_changes (diffs) == 0)
        return g_strdup ("");
      return format == NP_CONNDIFF_DOT ? format_dot (diffs) : format_table (diffs, format);
    default:
      g_return_val_if_reached (NULL);
    }
}
