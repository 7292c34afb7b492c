/* test-connlist-stream.c: the connectivity list written as it is decided, and the sets it is made of
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * np_connlist_write() writes each line as soon as it is decided; its
 * output must be np_connlist_to_string()'s of the whole list, byte for
 * byte, in every format it streams and with every focus. The connection
 * sets keep their ranges inline until they outgrow them: a model of one
 * bit per port checks them through every operation, past that size.
 */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "np-conn-set.h"
#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-inventory.h"

/* Connection sets ----------------------------------------------------------- */

typedef struct {
  guint8 port[NP_N_PROTOCOLS][NP_PORT_MAX + 2];
} Model;

static void
model_add (Model *model, NpProtocol protocol, guint first, guint last)
{
  for (guint p = MAX (first, NP_PORT_MIN); p <= MIN (last, NP_PORT_MAX); p++)
    model->port[protocol][p] = 1;
}

/* The model as np_conn_set_to_string() writes a set. */
static char *
model_to_string (const Model *model)
{
  GString *out = g_string_new (NULL);
  gboolean all = TRUE;

  for (guint pr = 0; pr < NP_N_PROTOCOLS; pr++)
    for (guint p = NP_PORT_MIN; p <= NP_PORT_MAX; p++)
      all &= model->port[pr][p];
  if (all)
    {
      g_string_free (out, TRUE);
      return g_strdup ("All Connections");
    }
  for (guint pr = 0; pr < NP_N_PROTOCOLS; pr++)
    {
      gboolean named = FALSE;

      for (guint p = NP_PORT_MIN; p <= NP_PORT_MAX; p++)
        {
          guint last = p;

          if (!model->port[pr][p])
            continue;
          while (last < NP_PORT_MAX && model->port[pr][last + 1])
            last++;
          if (!named)
            g_string_append_printf (out, "%s%s ", out->len > 0 ? "," : "", np_protocol_to_string (pr));
          else
            g_string_append_c (out, ',');
          named = TRUE;
          if (last == p)
            g_string_append_printf (out, "%u", p);
          else
            g_string_append_printf (out, "%u-%u", p, last);
          p = last;
        }
    }
  return g_string_free (out, FALSE);
}

static void
check_model (const NpConnSet *set, const Model *model)
{
  g_autofree char *text = np_conn_set_to_string (set);
  g_autofree char *expected = model_to_string (model);
  g_autoptr(GString) appended = g_string_new ("x");

  g_assert_cmpstr (text, ==, expected);
  np_conn_set_append_string (appended, set);
  g_assert_cmpstr (appended->str + 1, ==, expected);
  for (guint pr = 0; pr < NP_N_PROTOCOLS; pr++)
    for (guint p = NP_PORT_MIN; p <= NP_PORT_MAX; p += 97)
      g_assert_cmpint (np_conn_set_contains (set, pr, p), ==, model->port[pr][p]);
}

/* A random set of @n ranges, in @set and @model both. */
static void
random_set (GRand *rand, guint n, NpConnSet *set, Model *model)
{
  for (guint i = 0; i < n; i++)
    {
      NpProtocol protocol = g_rand_int_range (rand, 0, NP_N_PROTOCOLS);
      guint first = g_rand_int_range (rand, 0, 400);
      guint last = first + g_rand_int_range (rand, 0, 12);

      np_conn_set_add_range (set, protocol, first, last);
      model_add (model, protocol, first, last);
    }
}

static void
test_conn_set_model (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(NpConnSet) a = np_conn_set_new ();
      g_autoptr(NpConnSet) b = np_conn_set_new ();
      g_autoptr(NpConnSet) copy = NULL;
      g_autofree Model *ma = g_new0 (Model, 1);
      g_autofree Model *mb = g_new0 (Model, 1);
      g_autofree Model *expected = g_new0 (Model, 1);
      guint op = round % 3;

      /* From none to dozens of ranges a protocol: inline and spilled. */
      random_set (rand, round, a, ma);
      random_set (rand, g_rand_int_range (rand, 0, 40), b, mb);
      check_model (a, ma);
      copy = np_conn_set_copy (a);
      g_assert_true (np_conn_set_equal (copy, a));
      for (guint pr = 0; pr < NP_N_PROTOCOLS; pr++)
        for (guint p = 0; p <= NP_PORT_MAX; p++)
          expected->port[pr][p] = op == 0 ? (ma->port[pr][p] | mb->port[pr][p])
                                : op == 1 ? (ma->port[pr][p] & mb->port[pr][p])
                                          : (ma->port[pr][p] & !mb->port[pr][p]);
      if (op == 0)
        np_conn_set_union (copy, b);
      else if (op == 1)
        np_conn_set_intersect (copy, b);
      else
        np_conn_set_subtract (copy, b);
      check_model (copy, expected);
      check_model (a, ma);  /* the copy is its own */
    }
}

/* The list written as decided -------------------------------------------- */

static const char cluster[] =
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: a}}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n"
  "spec: {containers: [{name: c, ports: [{containerPort: 80, name: http}]}]}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: api, namespace: shop, labels: {app: api}}\n"
  "spec: {containers: [{name: c, ports: [{containerPort: 8080, name: http}]}]}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: \"db\", namespace: shop, labels: {app: db}}\n"
  "spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: http}]\n"
  "  - from: [{ipBlock: {cidr: 10.2.0.0/16, except: [10.2.3.0/24]}}]\n    ports: [{port: 8080}, {protocol: UDP, port: 53}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress, Egress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n";

static NpEvaluator *
cluster_evaluator (void)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (cluster, strlen (cluster));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
}

/* np_connlist_write()'s bytes, and its list. */
static char *
written (NpEvaluator *evaluator, const NpConnlistFocus *focus, NpConnlistFormat format, NpConnlist **list)
{
  char *text = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&text, &size);

  g_assert_nonnull (stream);
  *list = np_connlist_write (evaluator, focus, format, stream);
  fclose (stream);
  return text;
}

static void
test_stream_formats (void)
{
  g_autoptr(NpEvaluator) evaluator = cluster_evaluator ();
  const NpConnlistFormat formats[] = { NP_CONNLIST_TEXT, NP_CONNLIST_JSON, NP_CONNLIST_CSV, NP_CONNLIST_MD };
  const char * const focus_workloads[] = { NULL, "shop/api", "nothing", "shop/web" };
  const char * const focus_conns[] = { NULL, NULL, NULL, "TCP-8080" };

  g_assert_false (np_connlist_format_streams (NP_CONNLIST_DOT));
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint c = 0; c < G_N_ELEMENTS (focus_workloads); c++)
      {
        g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
        g_autoptr(NpConnlist) whole = NULL;
        g_autoptr(NpConnlist) streamed = NULL;
        g_autofree char *expected = NULL;
        g_autofree char *text = NULL;

        g_assert_true (np_connlist_format_streams (formats[f]));
        if (focus_workloads[c] != NULL)
          np_connlist_focus_add_workloads (focus, focus_workloads[c]);
        if (focus_conns[c] != NULL)
          g_assert_true (np_connlist_focus_set_conn (focus, focus_conns[c], NULL));
        whole = np_connlist_compute_focused (evaluator, focus);
        expected = np_connlist_to_string (whole, formats[f]);
        text = written (evaluator, focus, formats[f], &streamed);
        g_assert_cmpstr (text, ==, expected);
        /* The same warnings, and no lines kept. */
        g_assert_null (streamed->connections);
        g_assert_cmpuint (streamed->warnings->len, ==, whole->warnings->len);
        g_assert_cmpstr (streamed->focus_conn, ==, whole->focus_conn);
        /* Not a vacuous check: the plain list has lines, the missing
         * focus none, and json's empty list is "[]". */
        if (c == 0)
          g_assert_cmpuint (whole->connections->len, >, 5);
        if (c == 2)
          {
            g_assert_cmpuint (whole->connections->len, ==, 0);
            if (formats[f] == NP_CONNLIST_JSON)
              g_assert_cmpstr (text, ==, "[]");
          }
      }
}

typedef struct {
  GPtrArray *lines;
} Collected;

static void
collect_line (const NpConnection *connection, gpointer user_data)
{
  Collected *collected = user_data;
  g_autofree char *conns = np_conn_set_to_string (connection->conns);

  g_ptr_array_add (collected->lines, g_strdup_printf ("%s => %s : %s", connection->source,
                                                      connection->destination, conns));
}

static void
test_stream_lines (void)
{
  g_autoptr(NpEvaluator) evaluator = cluster_evaluator ();
  g_autoptr(NpConnlist) whole = np_connlist_compute_focused (evaluator, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  Collected collected = { lines };
  g_autoptr(NpConnlist) streamed = np_connlist_compute_streamed (evaluator, NULL, collect_line, &collected);

  g_assert_null (streamed->connections);
  g_assert_cmpuint (lines->len, ==, whole->connections->len);
  for (guint i = 0; i < lines->len; i++)
    {
      NpConnection *c = whole->connections->pdata[i];
      g_autofree char *conns = np_conn_set_to_string (c->conns);
      g_autofree char *line = g_strdup_printf ("%s => %s : %s", c->source, c->destination, conns);

      g_assert_cmpstr (lines->pdata[i], ==, line);
    }
  g_assert_cmpuint (streamed->nodes->len, ==, whole->nodes->len);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conn-set/model", test_conn_set_model);
  g_test_add_func ("/connlist-stream/formats", test_stream_formats);
  g_test_add_func ("/connlist-stream/lines", test_stream_lines);
  return g_test_run ();
}
