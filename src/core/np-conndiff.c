/* np-conndiff.c: connections gained, lost and changed between two connectivity lists
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "np-conndiff.h"

void
np_conn_diff_free (NpConnDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->source);
  g_free (diff->destination);
  g_clear_pointer (&diff->old_conns, np_conn_set_free);
  g_clear_pointer (&diff->new_conns, np_conn_set_free);
  g_free (diff);
}

static int
compare_pair (const char *source_a, const char *destination_a,
              const char *source_b, const char *destination_b)
{
  int cmp = strcmp (source_a, source_b);

  return cmp != 0 ? cmp : strcmp (destination_a, destination_b);
}

static int
compare_connection_ptrs (gconstpointer a, gconstpointer b)
{
  const NpConnection *x = *(NpConnection * const *) a;
  const NpConnection *y = *(NpConnection * const *) b;

  return compare_pair (x->source, x->destination, y->source, y->destination);
}

static NpConnDiff *
conn_diff_new (NpConnDiffKind kind, const NpConnection *old_c, const NpConnection *new_c)
{
  NpConnDiff *diff = g_new0 (NpConnDiff, 1);
  const NpConnection *any = old_c != NULL ? old_c : new_c;

  diff->kind = kind;
  diff->source = g_strdup (any->source);
  diff->destination = g_strdup (any->destination);
  diff->old_conns = old_c != NULL ? np_conn_set_copy (old_c->conns) : NULL;
  diff->new_conns = new_c != NULL ? np_conn_set_copy (new_c->conns) : NULL;
  return diff;
}

/* A sorted shallow copy, so that the inputs keep their order. */
static GPtrArray *
sorted_view (GPtrArray *connections)
{
  GPtrArray *view = g_ptr_array_sized_new (connections->len);

  for (guint i = 0; i < connections->len; i++)
    {
      const NpConnection *c = g_ptr_array_index (connections, i);

      if (!np_conn_set_is_empty (c->conns))
        g_ptr_array_add (view, (gpointer) c);
    }
  g_ptr_array_sort (view, compare_connection_ptrs);
  return view;
}

GPtrArray *
np_conndiff_compute (GPtrArray *old_connections,
                     GPtrArray *new_connections)
{
  g_autoptr(GPtrArray) old_view = NULL;
  g_autoptr(GPtrArray) new_view = NULL;
  GPtrArray *diffs;
  guint i = 0, j = 0;

  g_return_val_if_fail (old_connections != NULL, NULL);
  g_return_val_if_fail (new_connections != NULL, NULL);

  old_view = sorted_view (old_connections);
  new_view = sorted_view (new_connections);
  diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) np_conn_diff_free);

  /* A merge of the two sorted lists; each pair appears once per list. */
  while (i < old_view->len || j < new_view->len)
    {
      const NpConnection *o = i < old_view->len ? g_ptr_array_index (old_view, i) : NULL;
      const NpConnection *n = j < new_view->len ? g_ptr_array_index (new_view, j) : NULL;
      int cmp;

      if (o == NULL)
        cmp = 1;
      else if (n == NULL)
        cmp = -1;
      else
        cmp = compare_pair (o->source, o->destination, n->source, n->destination);

      if (cmp < 0)
        {
          g_ptr_array_add (diffs, conn_diff_new (NP_CONN_DIFF_REMOVED, o, NULL));
          i++;
        }
      else if (cmp > 0)
        {
          g_ptr_array_add (diffs, conn_diff_new (NP_CONN_DIFF_ADDED, NULL, n));
          j++;
        }
      else
        {
          if (!np_conn_set_equal (o->conns, n->conns))
            g_ptr_array_add (diffs, conn_diff_new (NP_CONN_DIFF_CHANGED, o, n));
          i++;
          j++;
        }
    }
  return diffs;
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
  json_builder_add_boolean_value (builder, diffs->len == 0);
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

char *
np_conndiff_format (GPtrArray *diffs,
                    gboolean   json)
{
  GString *out;

  g_return_val_if_fail (diffs != NULL, NULL);

  if (json)
    return format_json (diffs);

  out = g_string_new (NULL);
  for (guint i = 0; i < diffs->len; i++)
    {
      const NpConnDiff *diff = g_ptr_array_index (diffs, i);
      g_autofree char *old_text = diff->old_conns != NULL ? np_conn_set_to_string (diff->old_conns) : NULL;
      g_autofree char *new_text = diff->new_conns != NULL ? np_conn_set_to_string (diff->new_conns) : NULL;

      switch (diff->kind)
        {
        case NP_CONN_DIFF_ADDED:
          g_string_append_printf (out, "+ %s => %s : %s\n", diff->source, diff->destination, new_text);
          break;
        case NP_CONN_DIFF_REMOVED:
          g_string_append_printf (out, "- %s => %s : %s\n", diff->source, diff->destination, old_text);
          break;
        case NP_CONN_DIFF_CHANGED:
        default:
          g_string_append_printf (out, "~ %s => %s : %s -> %s\n", diff->source, diff->destination,
                                  old_text, new_text);
          break;
        }
    }
  return g_string_free (out, FALSE);
}
