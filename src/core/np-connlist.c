/* np-connlist.c: every allowed connection between workloads and external ranges
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-addr.h"
#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-cluster-policy.h"
#include "np-connlist.h"
#include "np-connlist-private.h"
#include "np-connlist-ranges.h"
#include "np-connlist-rows.h"
#include "np-evaluator-private.h"
#include "np-ingress.h"
#include "np-ip-block.h"
#include "np-node.h"
#include "np-policy-peer.h"
#include "np-policy-rule.h"
#include "np-policy.h"

void
np_connection_free (NpConnection *connection)
{
  if (connection == NULL)
    return;
  g_free (connection->source);
  g_free (connection->destination);
  np_conn_set_free (connection->conns);
  g_free (connection);
}

/* The list ----------------------------------------------------------------- */

/* One end of a line: a workload, or an external range. */
typedef struct {
  const char *display;   /* the workload's, or @owned */
  char       *owned;
  int         workload;  /* -1 for a range */
  NpEndpoint  endpoint;
} End;

static void
end_clear (gpointer data)
{
  g_free (((End *) data)->owned);
}

/* Sorts as the whole lines would sort: each end holds one "]", at its end,
 * so no end is a prefix of another and comparing the ends in turn is the
 * same as comparing the lines. Equal displays stay in inventory order. */
static int
compare_ends (gconstpointer a, gconstpointer b)
{
  const End *x = a;
  const End *y = b;
  int order = strcmp (x->display, y->display);

  if (order != 0)
    return order;
  return (x->workload > y->workload) - (x->workload < y->workload);
}

/* The workloads and the ranges of one side, sorted by display; their
 * displays point into @packed (to be freed after them). */
static GArray *
sorted_ends (NpInventory *inventory, GArray *ranges, char **packed)
{
  guint n = np_inventory_get_n_workloads (inventory);
  GArray *ends = g_array_sized_new (FALSE, TRUE, sizeof (End), n + ranges->len);

  g_array_set_clear_func (ends, end_clear);
  for (guint w = 0; w < n; w++)
    {
      End end = { 0 };

      end.display = np_inventory_get_workload (inventory, w)->display;
      end.workload = w;
      np_endpoint_init_workload (&end.endpoint, w);
      g_array_append_val (ends, end);
    }
  for (guint r = 0; r < ranges->len; r++)
    {
      NpIpRange *range = &g_array_index (ranges, NpIpRange, r);
      End end = { 0 };

      end.owned = np_connlist_range_display (range);
      end.display = end.owned;
      end.workload = -1;
      np_connlist_range_endpoint (range, &end.endpoint);
      g_array_append_val (ends, end);
    }
  g_array_sort (ends, compare_ends);
  /* The names copied in that order, one after the other: a row reads its
   * destinations' names in turn, which then come from a few cache lines
   * rather than from allocations all over the heap (with thousands of
   * workloads that is most of writing a line). */
  {
    gsize size = 0;
    char *cursor;

    for (guint i = 0; i < ends->len; i++)
      size += strlen (g_array_index (ends, End, i).display) + 1;
    *packed = cursor = g_malloc (MAX (size, 1));
    for (guint i = 0; i < ends->len; i++)
      {
        End *end = &g_array_index (ends, End, i);
        gsize length = strlen (end->display) + 1;

        memcpy (cursor, end->display, length);
        end->display = cursor;
        cursor += length;
      }
  }
  return ends;
}

/* The length of the run of ends from @i on that share a display: pods
 * grouped under one workload name make one line. */
static guint
group_length (GArray *ends, guint i)
{
  const char *display = g_array_index (ends, End, i).display;
  guint j = i + 1;

  while (j < ends->len && g_str_equal (g_array_index (ends, End, j).display, display))
    j++;
  return j - i;
}

/* Focus --------------------------------------------------------------------- */

NpConnlistFocus *
np_connlist_focus_new (void)
{
  NpConnlistFocus *focus = g_new0 (NpConnlistFocus, 1);

  focus->workloads = g_ptr_array_new_with_free_func (g_free);
  focus->peers = g_ptr_array_new_with_free_func (g_free);
  return focus;
}

void
np_connlist_focus_free (NpConnlistFocus *focus)
{
  if (focus == NULL)
    return;
  g_ptr_array_unref (focus->workloads);
  g_ptr_array_unref (focus->peers);
  g_free (focus);
}

/* As cobra's string slices: split at commas (empty parts dropped). */
static void
add_names (GPtrArray *names, const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (names, g_strdup (parts[i]));
}

void
np_connlist_focus_add_workloads (NpConnlistFocus *focus,
                                 const char      *names)
{
  g_return_if_fail (focus != NULL && names != NULL);
  add_names (focus->workloads, names);
}

void
np_connlist_focus_add_peers (NpConnlistFocus *focus,
                             const char      *names)
{
  g_return_if_fail (focus != NULL && names != NULL);
  add_names (focus->peers, names);
}

gboolean
np_connlist_focus_set_direction (NpConnlistFocus  *focus,
                                 const char       *text,
                                 GError          **error)
{
  g_return_val_if_fail (focus != NULL && text != NULL, FALSE);

  if (g_str_equal (text, "ingress"))
    focus->direction = NP_FOCUS_DIRECTION_INGRESS;
  else if (g_str_equal (text, "egress"))
    focus->direction = NP_FOCUS_DIRECTION_EGRESS;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is no focus direction: it must be one of ingress,egress."), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
np_connlist_focus_set_conn (NpConnlistFocus  *focus,
                            const char       *text,
                            GError          **error)
{
  g_auto(GStrv) parts = NULL;
  NpProtocol protocol;
  guint64 port = 0;

  g_return_val_if_fail (focus != NULL && text != NULL, FALSE);

  /* netpol-analyzer splits at "-" into exactly two parts. */
  parts = g_strsplit (text, "-", -1);
  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is no focus connection: write it as PROTOCOL-PORT, for example TCP-8080."), text);
      return FALSE;
    }
  if (!np_protocol_parse (parts[0], &protocol))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is no focus connection: unknown protocol “%s” (TCP, UDP or SCTP)."),
                   text, parts[0]);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (parts[1], 10, NP_PORT_MIN, NP_PORT_MAX, &port, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is no focus connection: “%s” is no port number from 1 to 65535."),
                   text, parts[1]);
      return FALSE;
    }
  focus->has_conn = TRUE;
  focus->conn_protocol = protocol;
  focus->conn_port = (guint) port;
  return TRUE;
}

void
np_connlist_free (NpConnlist *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->connections, g_ptr_array_unref);
  g_clear_pointer (&list->nodes, g_ptr_array_unref);
  g_clear_pointer (&list->warnings, g_ptr_array_unref);
  g_free (list->focus_conn);
  g_free (list);
}

/* Whether @workload is @name: its name in any namespace, ns/name, or its
 * display form [CL isPeerFocusWorkload; the display form is ours]. */
static gboolean
workload_is (const NpWorkload *workload, const char *name)
{
  const char *slash = strchr (name, '/');

  if (slash == NULL)
    return g_str_equal (workload->name, name);
  if (g_str_equal (workload->display, name))
    return TRUE;
  return strncmp (workload->namespace_, name, slash - name) == 0 &&
         workload->namespace_[slash - name] == '\0' && g_str_equal (workload->name, slash + 1);
}

/* Per workload (by inventory index): whether it matches one of @names. */
static guint8 *
match_workloads (NpInventory *inventory, GPtrArray *names)
{
  guint n = np_inventory_get_n_workloads (inventory);
  guint8 *matches = g_new0 (guint8, MAX (n, 1));

  for (guint w = 0; w < n; w++)
    for (guint i = 0; i < names->len && !matches[w]; i++)
      matches[w] = workload_is (np_inventory_get_workload (inventory, w), names->pdata[i]);
  return matches;
}

/* Warns about each of @names that matches no workload; whether any does
 * [CL checkFocusWorkloadsExistence]. */
static gboolean
check_names (NpInventory *inventory, GPtrArray *names, GPtrArray *warnings)
{
  guint missing = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      gboolean found = FALSE;

      for (guint w = 0; w < np_inventory_get_n_workloads (inventory) && !found; w++)
        found = workload_is (np_inventory_get_workload (inventory, w), name);
      /* The ingress controller exists when an Ingress or Route was read. */
      if (!found && (g_str_equal (name, NP_INGRESS_CONTROLLER_POD) || g_str_equal (name, NP_INGRESS_CONTROLLER)))
        found = np_inventory_get_n_exposers (inventory) > 0;
      if (found)
        continue;
      missing++;
      g_ptr_array_add (warnings, g_strdup_printf (_("Workload %s does not exist in the input resources."), name));
    }
  return missing == 0 || missing < names->len;
}

/* What the focus keeps, per workload; NULL arrays when there is no focus. */
typedef struct {
  guint8           *focus;  /* (nullable) */
  guint8           *peer;   /* (nullable) */
  NpFocusDirection  direction;
  NpConnSet        *conn;   /* (nullable) */
  gboolean          ingress_focus;  /* the ingress controller is a focus workload */
  gboolean          ingress_peer;   /* ... or a focus peer */
  gboolean          keep_empty;        /* pairs that allow nothing stay (explain) */
  gboolean          by_pairs;          /* every pod pair evaluated (no classes): tests compare */
} Filter;

static gboolean
names_ingress_controller (GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], NP_INGRESS_CONTROLLER_POD) ||
        g_str_equal (names->pdata[i], NP_INGRESS_CONTROLLER))
      return TRUE;
  return FALSE;
}

/* The workload shown as @display, or -1. */
static int
workload_index (NpInventory *inventory, const char *display)
{
  for (guint w = 0; w < np_inventory_get_n_workloads (inventory); w++)
    if (g_str_equal (np_inventory_get_workload (inventory, w)->display, display))
      return (int) w;
  return -1;
}

static gboolean
end_is_focus (const Filter *filter, const End *end)
{
  return filter->focus == NULL || (end->workload >= 0 && filter->focus[end->workload]);
}

static gboolean
end_is_peer (const Filter *filter, const End *end)
{
  return filter->peer == NULL || (end->workload >= 0 && filter->peer[end->workload]);
}

/* [CL includePairOfWorkloads] */
static gboolean
filter_keeps (const Filter *filter, const End *src, const End *dst)
{
  if (filter->direction == NP_FOCUS_DIRECTION_INGRESS && !end_is_focus (filter, dst))
    return FALSE;
  if (filter->direction == NP_FOCUS_DIRECTION_EGRESS && !end_is_focus (filter, src))
    return FALSE;
  return (end_is_focus (filter, src) && end_is_peer (filter, dst)) ||
         (end_is_focus (filter, dst) && end_is_peer (filter, src));
}

/* Equivalence classes -------------------------------------------------------
 *
 * What the evaluator reads of a workload endpoint (np-evaluator-k8s.c,
 * np-evaluator-cilium.c, np-evaluator.c): its namespace name (a
 * NetworkPolicy selects pods of its own namespace; Cilium's
 * io.kubernetes.pod.namespace label) and through it the namespace labels;
 * its pod labels (pod selectors, Cilium endpoint labels, Service selectors
 * of toServices); its container ports in order (named ports resolve to the
 * first that fits); and, with NP_EVAL_IPBLOCK_MATCHES_PODS or cluster
 * networks that match pods (np_eval_cluster_reads_pod_ips()), its pod IPs.
 * Cluster-wide policies (np-evaluator-cluster.c) read the same.
 * Apart from that only the inventory index, to tell a pod from itself
 * (same_workload), which the lines never ask: ends of one display are
 * never paired. Workloads equal in all of these are decided alike by every
 * policy, so each pair of classes is evaluated once, on representatives.
 * External ranges are already cut at every boundary: each is its own class. */

static void
append_field (GString *key, const char *text)
{
  if (text == NULL)
    g_string_append (key, "-;");
  else
    g_string_append_printf (key, "%zu:%s;", strlen (text), text);
}

static int
compare_names (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
class_key (const NpWorkload *workload, gboolean by_ip)
{
  GString *key = g_string_new (NULL);
  g_autofree gpointer *names = NULL;
  guint n_names = 0;

  append_field (key, workload->namespace_);
  names = g_hash_table_get_keys_as_array (workload->labels, &n_names);
  g_qsort_with_data (names, n_names, sizeof (gpointer), compare_names, NULL);
  g_string_append_printf (key, "L%u;", n_names);
  for (guint i = 0; i < n_names; i++)
    {
      append_field (key, names[i]);
      append_field (key, g_hash_table_lookup (workload->labels, names[i]));
    }
  g_string_append_printf (key, "P%u;", workload->ports->len);
  for (guint i = 0; i < workload->ports->len; i++)
    {
      const NpContainerPort *port = workload->ports->pdata[i];

      append_field (key, port->name);
      g_string_append_printf (key, "%u;", port->port);
      append_field (key, port->protocol);
    }
  if (by_ip)
    {
      g_string_append_printf (key, "I%u;", workload->ips->len);
      for (guint i = 0; i < workload->ips->len; i++)
        append_field (key, workload->ips->pdata[i]);
    }
  return g_string_free (key, FALSE);
}

typedef struct {
  guint      *of_end[2];   /* per side (sources, destinations): per end, its class */
  guint      *size;        /* per class: its workloads (a range: 1) */
  guint      *first;       /* per class: the inventory index of its first workload */
  guint      *second;      /* per class: another one (G_MAXUINT when alone) */
  guint       n_classes;
  /* What each pair of classes that recurs allows: a table when the
   * classes are few, otherwise (class pair) -> NpConnSet. */
  NpConnSet **table;
  GHashTable *decided;
  NpConnRows *rows;        /* (nullable) when the rows decide (np-connlist-rows.c) */
} Classes;

/* Up to 1,024 classes, a table of their pairs (8 MB at most). */
#define CLASS_TABLE_MAX 1024

static void
classes_clear (Classes *classes)
{
  g_free (classes->of_end[0]);
  g_free (classes->of_end[1]);
  g_free (classes->size);
  g_free (classes->first);
  g_free (classes->second);
  if (classes->table != NULL)
    for (gsize i = 0; i < (gsize) classes->n_classes * classes->n_classes; i++)
      np_conn_set_free (classes->table[i]);
  g_free (classes->table);
  g_clear_pointer (&classes->decided, g_hash_table_unref);
  g_clear_pointer (&classes->rows, np_conn_rows_free);
}

/* Workload classes first (shared by both sides), then each range of each
 * side a class of its own. */
static void
classes_init (Classes *classes, NpEvaluator *evaluator, GArray *sources, GArray *destinations)
{
  NpInventory *inventory = np_evaluator_get_inventory (evaluator);
  guint n = np_inventory_get_n_workloads (inventory);
  gboolean by_ip = (evaluator->flags & NP_EVAL_IPBLOCK_MATCHES_PODS) != 0 ||
                   np_eval_cluster_reads_pod_ips (evaluator);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *of_workload = g_new0 (guint, MAX (n, 1));
  guint n_classes = 0, n_workload_classes;
  guint total = n + sources->len + destinations->len + 1;
  g_autofree NpEndpoint *representatives = g_new0 (NpEndpoint, total);
  g_autofree guint8 *sides_of = g_new0 (guint8, total);
  GArray *sides[2] = { sources, destinations };

  classes->size = g_new0 (guint, total);
  classes->first = g_new0 (guint, total);
  classes->second = g_new (guint, total);
  for (guint c = 0; c < total; c++)
    classes->second[c] = G_MAXUINT;
  for (guint w = 0; w < n; w++)
    {
      char *key = class_key (np_inventory_get_workload (inventory, w), by_ip);
      gpointer found;

      if (g_hash_table_lookup_extended (ids, key, NULL, &found))
        {
          of_workload[w] = GPOINTER_TO_UINT (found);
          g_free (key);
          if (classes->second[of_workload[w]] == G_MAXUINT)
            classes->second[of_workload[w]] = w;
        }
      else
        {
          of_workload[w] = n_classes;
          classes->first[n_classes] = w;
          g_hash_table_insert (ids, key, GUINT_TO_POINTER (n_classes++));
        }
      classes->size[of_workload[w]]++;
    }
  n_workload_classes = n_classes;
  for (guint side = 0; side < 2; side++)
    {
      classes->of_end[side] = g_new0 (guint, MAX (sides[side]->len, 1));
      for (guint e = 0; e < sides[side]->len; e++)
        {
          const End *end = &g_array_index (sides[side], End, e);

          if (end->workload >= 0)
            classes->of_end[side][e] = of_workload[end->workload];
          else
            {
              classes->of_end[side][e] = n_classes;
              classes->size[n_classes++] = 1;
            }
          representatives[classes->of_end[side][e]] = end->endpoint;
          if (end->workload >= 0)
            representatives[classes->of_end[side][e]].workload = classes->first[classes->of_end[side][e]];
          sides_of[classes->of_end[side][e]] |= 1 << side;
        }
    }
  classes->n_classes = n_classes;
  if ((classes->rows = np_conn_rows_new (evaluator, n_classes, n_workload_classes, representatives,
                                         of_workload, sides_of)) != NULL)
    return;
  if (n_classes <= CLASS_TABLE_MAX)
    classes->table = g_new0 (NpConnSet *, MAX ((gsize) n_classes * n_classes, 1));
  else
    classes->decided = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) np_conn_set_free);
}

/* What source end @i allows toward destination end @j, decided on the
 * representatives of their classes, once per pair of classes that recurs.
 * (transfer none) unless *@owned is set to it. */
static const NpConnSet *
classes_allowed (Classes *classes, NpEvaluator *evaluator, GArray *sources, guint i,
                 GArray *destinations, guint j, NpConnSet **owned)
{
  const End *src = &g_array_index (sources, End, i);
  const End *dst = &g_array_index (destinations, End, j);
  guint s = classes->of_end[0][i];
  guint d = classes->of_end[1][j];
  NpEndpoint source = src->endpoint;
  NpEndpoint destination = dst->endpoint;
  gint64 pair = ((gint64) s << 32) | d;
  NpConnSet **slot = NULL;
  NpConnSet *allowed;

  /* A pair that happens once is not worth remembering. */
  if (classes->size[s] == 1 && classes->size[d] == 1)
    return *owned = np_evaluator_allowed (evaluator, &source, &destination);
  if (classes->table != NULL)
    {
      slot = &classes->table[(gsize) s * classes->n_classes + d];
      if (*slot != NULL)
        return *slot;
    }
  else if ((allowed = g_hash_table_lookup (classes->decided, &pair)) != NULL)
    return allowed;
  /* Two pods of one class: two representatives, as a pod always reaches itself. */
  if (src->workload >= 0)
    source.workload = classes->first[s];
  if (dst->workload >= 0)
    destination.workload = s == d ? classes->second[d] : classes->first[d];
  allowed = np_evaluator_allowed (evaluator, &source, &destination);
  if (slot != NULL)
    *slot = allowed;
  else
    g_hash_table_insert (classes->decided, g_memdup2 (&pair, sizeof pair), allowed);
  return allowed;
}

/* Where compute_lines() puts each line, as it is decided: into an array,
 * or to a caller's function that keeps nothing. */
typedef struct {
  GPtrArray          *array;  /* (nullable) (element-type NpConnection) */
  NpConnlistLineFunc  func;   /* when not @array */
  gpointer            data;
} Sink;

/* Hands @connection (transfer full) to @sink. */
static void
sink_take (Sink *sink, NpConnection *connection)
{
  if (sink->array != NULL)
    g_ptr_array_add (sink->array, connection);
  else
    {
      sink->func (connection, sink->data);
      np_connection_free (connection);
    }
}

/* Shows the line @source => @destination : @conns (borrowed, as the
 * names) to a @sink that keeps nothing. */
static void
sink_lend (Sink *sink, const End *source, const End *destination, const NpConnSet *conns)
{
  NpConnection connection = { (char *) source->display, (char *) destination->display, (NpConnSet *) conns,
                               source->endpoint, destination->endpoint };

  sink->func (&connection, sink->data);
}

/* Hands the line @source => @destination : @conns (transfer full) to @sink;
 * the names are borrowed when nothing keeps them. */
static void
sink_line (Sink *sink, const End *source, const End *destination, NpConnSet *conns)
{
  if (sink->array != NULL)
    {
      NpConnection connection = { g_strdup (source->display), g_strdup (destination->display), conns,
                                   source->endpoint, destination->endpoint };

      g_ptr_array_add (sink->array, g_memdup2 (&connection, sizeof connection));
      return;
    }
  sink_lend (sink, source, destination, conns);
  np_conn_set_free (conns);
}

/* The lines @filter keeps, in order, to @sink: both sides are walked in
 * the order of their displays, so each line is written as soon as it is
 * decided, with no list of all lines to build and sort first. */
static void
compute_lines (NpEvaluator *evaluator, const Filter *filter, Sink *sink)
{
  NpInventory *inventory = np_evaluator_get_inventory (evaluator);
  g_autoptr(GArray) source_ranges = NULL;
  g_autoptr(GArray) destination_ranges = NULL;
  g_autofree char *source_names = NULL;       /* the ends' displays */
  g_autofree char *destination_names = NULL;
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GArray) destinations = NULL;
  Classes classes = { 0 };
  g_autofree guint *line_of = NULL;
  g_autofree guint *destination_lens = NULL;
  g_autofree guint *groups = NULL;        /* the first end of each destination group */
  g_autofree guint *focus_groups = NULL;  /* ... of those that are focus workloads */
  g_autofree guint *group_class = NULL;   /* per group: its class when the rows decide it alone */
  guint n_groups = 0, n_focus_groups = 0;
  guint n_workloads;
  gboolean by_pairs;

  /* With focus peers both ends of a line are workloads: no range is cut.
   * With a focus the pairs are few: classes are not worth their keys. */
  if (filter->peer != NULL)
    {
      source_ranges = g_array_new (FALSE, FALSE, sizeof (NpIpRange));
      destination_ranges = g_array_new (FALSE, FALSE, sizeof (NpIpRange));
    }
  else
    {
      source_ranges = np_connlist_external_ranges (inventory, NP_DIRECTION_INGRESS);
      destination_ranges = np_connlist_external_ranges (inventory, NP_DIRECTION_EGRESS);
    }
  sources = sorted_ends (inventory, source_ranges, &source_names);
  destinations = sorted_ends (inventory, destination_ranges, &destination_names);
  by_pairs = filter->by_pairs || filter->focus != NULL;
  if (!by_pairs)
    classes_init (&classes, evaluator, sources, destinations);

  /* Which workloads share a display (one line), and each destination
   * run's length, found once rather than by comparing names per pair. */
  n_workloads = np_inventory_get_n_workloads (inventory);
  line_of = g_new0 (guint, MAX (n_workloads, 1));
  {
    g_autoptr(GHashTable) lines = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint w = 0; w < n_workloads; w++)
      {
        const char *display = np_inventory_get_workload (inventory, w)->display;
        gpointer found;

        if (!g_hash_table_lookup_extended (lines, display, NULL, &found))
          g_hash_table_insert (lines, (gpointer) display, found = GUINT_TO_POINTER (g_hash_table_size (lines)));
        line_of[w] = GPOINTER_TO_UINT (found);
      }
  }
  destination_lens = g_new0 (guint, MAX (destinations->len, 1));
  groups = g_new (guint, MAX (destinations->len, 1));
  focus_groups = g_new (guint, MAX (destinations->len, 1));
  for (guint d = 0; d < destinations->len; d += destination_lens[d])
    {
      destination_lens[d] = group_length (destinations, d);
      groups[n_groups++] = d;
      if (filter->focus != NULL && end_is_focus (filter, &g_array_index (destinations, End, d)))
        focus_groups[n_focus_groups++] = d;
    }
  /* With the rows, most pairs of a sparse cluster allow nothing: each
   * group's class, side by side, lets a row pass over them reading two
   * small arrays in turn rather than each destination's end. */
  if (classes.rows != NULL)
    {
      group_class = g_new (guint, MAX (n_groups, 1));
      for (guint k = 0; k < n_groups; k++)
        group_class[k] = destination_lens[groups[k]] == 1 ? classes.of_end[1][groups[k]] : G_MAXUINT;
    }

  /* Both sides in line order, so the lines come out sorted, with no table
   * of all pairs to build and sort. */
  for (guint s = 0, s_len; s < sources->len; s += s_len)
    {
      const End *src = &g_array_index (sources, End, s);
      /* A line from a source outside the focus has a focus destination
       * (filter_keeps()): only those are visited, so that a focus on one
       * pair (explain) looks at a few thousand pairs, not millions. */
      gboolean all = end_is_focus (filter, src);
      const guint *visit = all ? groups : focus_groups;
      guint n_visit = all ? n_groups : n_focus_groups;

      const guint8 *live = NULL;

      s_len = group_length (sources, s);
      for (guint i = s; classes.rows != NULL && i < s + s_len; i++)
        np_conn_rows_start (classes.rows, i - s, classes.of_end[0][i]);
      if (classes.rows != NULL && s_len == 1 && !filter->keep_empty)
        live = np_conn_rows_live (classes.rows, 0);

      for (guint k = 0, d_len; k < n_visit; k++)
        {
          guint d;
          const End *dst;
          NpConnSet *conns = NULL;

          /* Most pairs allow nothing: the row tells before any name is compared. */
          if (live != NULL && visit == groups && group_class[k] != G_MAXUINT && !live[group_class[k]])
            continue;
          d = visit[k];
          dst = &g_array_index (destinations, End, d);
          d_len = destination_lens[d];
          if (live != NULL && d_len == 1 && !live[classes.of_end[1][d]])
            continue;
          /* Ranges only ever meet workloads; a workload never meets itself
           * (a range's display, with no "/", is never a workload's). */
          if (src->workload < 0 ? dst->workload < 0 :
              dst->workload >= 0 && line_of[src->workload] == line_of[dst->workload])
            continue;
          if (!filter_keeps (filter, src, dst))
            continue;

          /* One pair the rows decided, streamed: its set is lent, not copied. */
          if (classes.rows != NULL && s_len == 1 && d_len == 1 && sink->array == NULL && filter->conn == NULL)
            {
              const NpConnSet *allowed = np_conn_rows_allowed (classes.rows, 0, classes.of_end[1][d]);

              if (!np_conn_set_is_empty (allowed) || filter->keep_empty)
                sink_lend (sink, src, dst, allowed);
              continue;
            }
          for (guint i = s; i < s + s_len; i++)
            for (guint j = d; j < d + d_len; j++)
              {
                NpConnSet *owned = NULL;
                const NpConnSet *allowed;

                if (by_pairs)
                  allowed = owned = np_evaluator_allowed (evaluator, &g_array_index (sources, End, i).endpoint,
                                                          &g_array_index (destinations, End, j).endpoint);
                else if (classes.rows != NULL)
                  allowed = np_conn_rows_allowed (classes.rows, i - s, classes.of_end[1][j]);
                else
                  allowed = classes_allowed (&classes, evaluator, sources, i, destinations, j, &owned);

                /* Most pairs allow nothing: no set is made for them. */
                if (!np_conn_set_is_empty (allowed))
                  {
                    if (conns == NULL)
                      conns = owned != NULL ? g_steal_pointer (&owned) : np_conn_set_copy (allowed);
                    else
                      np_conn_set_union (conns, allowed);
                  }
                np_conn_set_free (owned);
              }
          if (conns == NULL && !filter->keep_empty)
            continue;
          if (conns == NULL)
            conns = np_conn_set_new ();

          /* With --focus-conn only the pairs that allow it, and only it. */
          if (filter->conn != NULL && !np_conn_set_is_empty (conns))
            {
              NpConnSet *focused = np_conn_set_copy (filter->conn);

              np_conn_set_intersect (focused, conns);
              np_conn_set_free (conns);
              conns = focused;
            }
          if (np_conn_set_is_empty (conns) && !filter->keep_empty)
            np_conn_set_free (conns);
          else
            sink_line (sink, src, dst, conns);
        }
    }
  /* The ingress controller's rows (Ingress and Route objects) come last,
   * as "{" sorts after every workload and range; the focus flags treat the
   * controller as a workload named ingress-controller. */
  {
    g_autoptr(GPtrArray) ingress = np_ingress_compute (evaluator, NULL);

    for (guint i = 0; i < ingress->len; i++)
      {
        NpConnection *connection = ingress->pdata[i];
        End dst = { connection->destination, NULL, workload_index (inventory, connection->destination), { 0 } };
        gboolean keep;

        keep = filter->focus == NULL ||
               (filter->direction != NP_FOCUS_DIRECTION_INGRESS && filter->ingress_focus && end_is_peer (filter, &dst)) ||
               (filter->direction != NP_FOCUS_DIRECTION_EGRESS && end_is_focus (filter, &dst) &&
                (filter->peer == NULL || filter->ingress_peer));
        if (keep && filter->conn != NULL)
          {
            NpConnSet *focused = np_conn_set_copy (filter->conn);

            np_conn_set_intersect (focused, connection->conns);
            np_conn_set_free (connection->conns);
            connection->conns = focused;
            keep = !np_conn_set_is_empty (focused);
          }
        if (keep)
          sink_take (sink, g_steal_pointer (&ingress->pdata[i]));
      }
  }
  classes_clear (&classes);
}

static NpConnlist *
connlist_compute (NpEvaluator           *evaluator,
                  const NpConnlistFocus *focus,
                  gboolean               by_pairs,
                  NpConnlistLineFunc     func,
                  gpointer               user_data)
{
  Sink sink = { NULL, func, user_data };
  g_autoptr(GHashTable) nodes = g_hash_table_new (g_str_hash, g_str_equal);
  NpInventory *inventory;
  NpConnlist *list;
  Filter filter = { NULL, NULL, NP_FOCUS_DIRECTION_BOTH, NULL, FALSE, FALSE, focus != NULL && focus->keep_empty };
  gboolean focused;
  gboolean empty = FALSE;

  filter.by_pairs = by_pairs;

  inventory = np_evaluator_get_inventory (evaluator);
  list = g_new0 (NpConnlist, 1);
  list->warnings = g_ptr_array_new_with_free_func (g_free);
  list->nodes = g_ptr_array_new_with_free_func (g_free);
  focused = focus != NULL && focus->workloads->len > 0;

  if (focus != NULL && !focused && focus->direction != NP_FOCUS_DIRECTION_BOTH)
    g_ptr_array_add (list->warnings, g_strdup (_("--focus-direction applies only with --focus-workload; it is ignored.")));
  if (focus != NULL && !focused && focus->peers->len > 0)
    g_ptr_array_add (list->warnings, g_strdup (_("--focus-workload-peer applies only with --focus-workload; it is ignored.")));
  if (focused)
    {
      filter.focus = match_workloads (inventory, focus->workloads);
      if (focus->peers->len > 0)
        filter.peer = match_workloads (inventory, focus->peers);
      filter.direction = focus->direction;
      filter.ingress_focus = names_ingress_controller (focus->workloads);
      filter.ingress_peer = names_ingress_controller (focus->peers);
      empty = !check_names (inventory, focus->workloads, list->warnings) ||
              !check_names (inventory, focus->peers, list->warnings);
      if (empty)
        g_ptr_array_add (list->warnings, g_strdup (_("The connectivity list is empty.")));
    }
  if (focus != NULL && focus->has_conn)
    {
      filter.conn = np_conn_set_new ();
      np_conn_set_add_range (filter.conn, focus->conn_protocol, focus->conn_port, focus->conn_port);
      list->focus_conn = np_conn_set_to_string (filter.conn);
    }

  /* A graph shows every workload, or those the focus names
   * [CL getPeersForConnsComputation]. */
  for (guint w = 0; w < np_inventory_get_n_workloads (inventory); w++)
    {
      const char *display = np_inventory_get_workload (inventory, w)->display;

      if ((filter.focus == NULL || filter.focus[w] || (filter.peer != NULL && filter.peer[w])) &&
          g_hash_table_add (nodes, (gpointer) display))
        g_ptr_array_add (list->nodes, g_strdup (display));
    }

  if (func == NULL)
    sink.array = list->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  if (!empty)
    compute_lines (evaluator, &filter, &sink);

  g_free (filter.focus);
  g_free (filter.peer);
  g_clear_pointer (&filter.conn, np_conn_set_free);
  return list;
}

NpConnlist *
np_connlist_compute_focused (NpEvaluator           *evaluator,
                             const NpConnlistFocus *focus)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  return connlist_compute (evaluator, focus, FALSE, NULL, NULL);
}

NpConnlist *
np_connlist_compute_streamed (NpEvaluator           *evaluator,
                              const NpConnlistFocus *focus,
                              NpConnlistLineFunc     func,
                              gpointer               user_data)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (func != NULL, NULL);
  return connlist_compute (evaluator, focus, FALSE, func, user_data);
}

NpConnlist *
np_connlist_compute_pairwise (NpEvaluator           *evaluator,
                              const NpConnlistFocus *focus)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  return connlist_compute (evaluator, focus, TRUE, NULL, NULL);
}

GPtrArray *
np_connlist_compute (NpEvaluator  *evaluator,
                     const char   *focus_workload,
                     GError      **error)
{
  NpInventory *inventory;
  g_autoptr(NpConnlistFocus) focus = NULL;
  g_autoptr(NpConnlist) list = NULL;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  inventory = np_evaluator_get_inventory (evaluator);
  if (focus_workload != NULL)
    {
      int index = np_inventory_find_workload (inventory, focus_workload);

      if (index < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("No workload “%s” in the manifests; name one as NAMESPACE/NAME."),
                       focus_workload);
          return NULL;
        }
      focus = np_connlist_focus_new ();
      g_ptr_array_add (focus->workloads, g_strdup (np_inventory_get_workload (inventory, index)->display));
    }
  list = np_connlist_compute_focused (evaluator, focus);
  return g_steal_pointer (&list->connections);
}
