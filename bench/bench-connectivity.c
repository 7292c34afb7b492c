/* bench-connectivity.c: how the connectivity list scales with the cluster and its policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates (with a fixed seed) a cluster of 1,000 workloads in 50
 * namespaces with 1,000 policies mixing pod selectors, namespace selectors,
 * ipBlocks with excepts, named and numbered ports and port ranges, and the
 * same doubled; then computes the connectivity list of each through the
 * core, as `netpol connectivity` does (read the manifests, index the
 * policies, list and format every allowed connection). Prints a markdown
 * table with the times and their ratio, against the target of at most ~4.5×
 * for doubling both (the number of pairs grows 4×). Each size runs
 * RUNS times and the fastest run counts, so that a busy machine disturbs
 * the ratio less.
 *
 * A third row lists a cluster of 10,000 workloads in 500 label sets (25
 * namespaces, 20 label sets each, 20 Deployments alike per set) that
 * default-deny and open a few paths: its time follows the label sets, not
 * the workloads (the list decides each pair of classes once). It runs
 * once, in a child process, so that its peak memory is its own.
 *
 * A fourth row lists the 1,000-workload cluster again with 100
 * AdminNetworkPolicies added (priorities 0-99, subjects by tier, team or
 * app, Allow, Deny and Pass rules on ports, port ranges, named ports and
 * networks): the Admin tier decides before the NetworkPolicies.
 *
 * Last, one pair of the 2,000-workload cluster explained, by `netpol
 * explain` and by `netpol connectivity --explain` focused on the pair:
 * the time after reading, against the target of 50 ms (neither must
 * decide the whole matrix). `--explain` prints that table alone; `--print
 * N` prints the cluster of N namespaces, to profile the command line on,
 * `--print-admin` the AdminNetworkPolicies of the fourth row, and
 * `--print-few-labels` the few-labels cluster.
 */
#define _GNU_SOURCE  /* fopencookie */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "np-connlist-explain.h"
#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-manifest.h"
#include "np-traffic.h"

#define WORKLOADS_PER_NAMESPACE 20
#define POLICIES_PER_NAMESPACE  20
#define TARGET_RATIO            4.5
#define RUNS                    5
#define EXPLAIN_RUNS            5
#define TARGET_FORMAT_RATIO     2.0
#define TARGET_LARGE_MS         3000.0
#define TARGET_VALIDATE_RATIO   3.0
#define EXPLAIN_TARGET_MS       50.0

static const char * const tiers[] = { "web", "api", "db", "cache" };

static char *
generate (guint n_namespaces, guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_new (NULL);

  for (guint n = 0; n < n_namespaces; n++)
    g_string_append_printf (out,
                            "---\napiVersion: v1\nkind: Namespace\n"
                            "metadata: {name: ns-%u, labels: {team: team-%u, env: %s}}\n",
                            n, n % 10, n % 3 == 0 ? "prod" : "dev");

  for (guint n = 0; n < n_namespaces; n++)
    for (guint w = 0; w < WORKLOADS_PER_NAMESPACE; w++)
      g_string_append_printf (out,
                              "---\napiVersion: apps/v1\nkind: Deployment\n"
                              "metadata: {name: app-%u, namespace: ns-%u}\n"
                              "spec:\n  template:\n"
                              "    metadata: {labels: {app: app-%u, tier: %s}}\n"
                              "    spec: {containers: [{name: c, image: x, ports: "
                              "[{containerPort: 8080, name: http}, {containerPort: %u, name: data}]}]}\n",
                              w, n, w, tiers[w % G_N_ELEMENTS (tiers)],
                              g_rand_boolean (rand) ? 5432 : 6379);

  for (guint n = 0; n < n_namespaces; n++)
    for (guint p = 0; p < POLICIES_PER_NAMESPACE; p++)
      {
        guint app = g_rand_int_range (rand, 0, WORKLOADS_PER_NAMESPACE);
        guint other = g_rand_int_range (rand, 0, WORKLOADS_PER_NAMESPACE);
        const char *tier = tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))];
        guint octet = g_rand_int_range (rand, 0, 256);
        guint kind = p == 0 ? 0 : g_rand_int_range (rand, 1, 6);

        g_string_append_printf (out,
                                "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                "metadata: {name: p-%u, namespace: ns-%u}\nspec:\n", p, n);
        switch (kind)
          {
          case 0: /* deny all ingress in the namespace */
            g_string_append (out, "  podSelector: {}\n  policyTypes: [Ingress]\n");
            break;
          case 1: /* pods of a tier to one app, on a numbered port */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {app: app-%u}}\n"
                                    "  ingress: [{from: [{podSelector: {matchLabels: {tier: %s}}}], "
                                    "ports: [{port: 8080}]}]\n", app, tier);
            break;
          case 2: /* from another team's app, on a named port */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {tier: %s}}\n"
                                    "  ingress: [{from: [{namespaceSelector: {matchLabels: {team: team-%u}}, "
                                    "podSelector: {matchLabels: {app: app-%u}}}], "
                                    "ports: [{port: http}, {port: data}]}]\n",
                                    tier, g_rand_int_range (rand, 0, 10), other);
            break;
          case 3: /* egress to an outside range with a hole */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {app: app-%u}}\n"
                                    "  policyTypes: [Egress]\n"
                                    "  egress:\n"
                                    "  - to: [{ipBlock: {cidr: 10.%u.0.0/16, except: [10.%u.%u.0/24]}}]\n"
                                    "    ports: [{port: 443}]\n"
                                    "  - to: [{namespaceSelector: {matchLabels: {env: prod}}}]\n"
                                    "    ports: [{protocol: UDP, port: 53}, {port: 5432, endPort: 5440}]\n",
                                    app, octet, octet, g_rand_int_range (rand, 0, 256));
            break;
          case 4: /* from an outside range and a namespace set */
            g_string_append_printf (out,
                                    "  podSelector: {matchExpressions: [{key: tier, operator: In, values: [%s, api]}]}\n"
                                    "  ingress:\n"
                                    "  - from: [{ipBlock: {cidr: 192.168.%u.0/24}}, "
                                    "{namespaceSelector: {matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}}]\n"
                                    "    ports: [{port: 8080}, {protocol: UDP, port: 9000, endPort: 9100}]\n",
                                    tier, octet);
            break;
          default: /* egress inside the namespace */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {app: app-%u}}\n"
                                    "  policyTypes: [Egress]\n"
                                    "  egress: [{to: [{podSelector: {matchLabels: {tier: %s}}}]}]\n",
                                    app, tier);
            break;
          }
      }
  return g_string_free (out, FALSE);
}

/* 100 AdminNetworkPolicies over the cluster of generate (). */
static char *
generate_admin (guint n_policies, guint32 seed)
{
  static const char * const actions[] = { "Allow", "Deny", "Pass" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_new (NULL);

  for (guint p = 0; p < n_policies; p++)
    {
      const char *tier = tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))];
      guint team = g_rand_int_range (rand, 0, 10);
      guint app = g_rand_int_range (rand, 0, WORKLOADS_PER_NAMESPACE);
      guint port = g_rand_int_range (rand, 1000, 9000);

      g_string_append_printf (out,
                              "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n"
                              "metadata: {name: anp-%u}\nspec:\n  priority: %u\n", p, p);
      if (p % 3 == 0)
        g_string_append_printf (out, "  subject: {namespaces: {matchLabels: {team: team-%u}}}\n", team);
      else
        g_string_append_printf (out, "  subject: {pods: {namespaceSelector: {}, podSelector: "
                                "{matchLabels: {tier: %s}}}}\n", tier);
      g_string_append_printf (out,
                              "  ingress:\n"
                              "  - name: r1\n    action: %s\n"
                              "    from: [{pods: {namespaceSelector: {matchLabels: {env: prod}}, "
                              "podSelector: {matchLabels: {app: app-%u}}}}]\n"
                              "    ports: [{portNumber: {port: %u}}, {portRange: {protocol: UDP, start: %u, end: %u}}]\n"
                              "  - name: r2\n    action: %s\n"
                              "    from: [{namespaces: {matchLabels: {team: team-%u}}}]\n"
                              "    ports: [{namedPort: http}]\n"
                              "  egress:\n"
                              "  - name: r3\n    action: %s\n"
                              "    to: [{networks: [172.%u.0.0/16]}, {pods: {namespaceSelector: {}, "
                              "podSelector: {matchLabels: {tier: %s}}}}]\n",
                              actions[p % 3], app, port, port, port + 100,
                              actions[(p + 1) % 3], g_rand_int_range (rand, 0, 10),
                              actions[(p + 2) % 3], 16 + p % 16, tiers[(p + 1) % G_N_ELEMENTS (tiers)]);
    }
  return g_string_free (out, FALSE);
}

#define SET_NAMESPACES      25
#define SETS_PER_NAMESPACE  20
#define WORKLOADS_PER_SET   20

/* 10,000 workloads in 500 label sets, each namespace denying all but
 * web -> api on 8080, api -> db on the named port pg, and DNS out. */
static char *
generate_label_sets (void)
{
  GString *out = g_string_new (NULL);

  for (guint n = 0; n < SET_NAMESPACES; n++)
    {
      g_string_append_printf (out,
                              "---\napiVersion: v1\nkind: Namespace\n"
                              "metadata: {name: ns-%u, labels: {team: team-%u}}\n", n, n % 5);
      for (guint set = 0; set < SETS_PER_NAMESPACE; set++)
        for (guint r = 0; r < WORKLOADS_PER_SET; r++)
          g_string_append_printf (out,
                                  "---\napiVersion: apps/v1\nkind: Deployment\n"
                                  "metadata: {name: app-%u-%u, namespace: ns-%u}\n"
                                  "spec:\n  template:\n"
                                  "    metadata: {labels: {app: app-%u, tier: %s}}\n"
                                  "    spec: {containers: [{name: c, image: x, ports: "
                                  "[{containerPort: 8080, name: http}, {containerPort: 5432, name: pg}]}]}\n",
                                  set, r, n, set, set % 3 == 0 ? "web" : set % 3 == 1 ? "api" : "db");
      g_string_append_printf (out,
                              "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                              "metadata: {name: deny, namespace: ns-%u}\n"
                              "spec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n"
                              "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                              "metadata: {name: dns, namespace: ns-%u}\n"
                              "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n"
                              "  egress: [{to: [{ipBlock: {cidr: 10.96.0.0/12}}], ports: [{protocol: UDP, port: 53}]}]\n"
                              "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                              "metadata: {name: web, namespace: ns-%u}\n"
                              "spec:\n  podSelector: {matchLabels: {tier: web}}\n  policyTypes: [Egress]\n"
                              "  egress: [{to: [{podSelector: {matchLabels: {tier: api}}}], ports: [{port: 8080}]}]\n"
                              "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                              "metadata: {name: api, namespace: ns-%u}\n"
                              "spec:\n  podSelector: {matchLabels: {tier: api}}\n  policyTypes: [Ingress, Egress]\n"
                              "  ingress: [{from: [{podSelector: {matchLabels: {tier: web}}}], ports: [{port: http}]}]\n"
                              "  egress: [{to: [{podSelector: {matchLabels: {tier: db}}}], ports: [{port: pg}]}]\n"
                              "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                              "metadata: {name: db, namespace: ns-%u}\n"
                              "spec:\n  podSelector: {matchLabels: {tier: db}}\n  policyTypes: [Ingress]\n"
                              "  ingress: [{from: [{podSelector: {matchLabels: {tier: api}}}], ports: [{port: pg}]}]\n",
                              n, n, n, n, n);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  guint   n_workloads;
  guint   n_policies;
  guint   n_lines;
  double  load_ms;
  double  list_ms;    /* evaluate and list: the lines written as decided */
  double  format_ms;  /* the same lines written from a table computed beforehand */
} Result;

/* What the stream below was given: its newlines are the lines written. */
static guint64 written_lines;

static ssize_t
count_lines (void *cookie, const char *data, size_t size)
{
  for (const char *p = data; (p = memchr (p, '\n', data + size - p)) != NULL; p++)
    written_lines++;
  return size;
}

/* A stream that, like /dev/null, keeps nothing, but counts the lines. */
static FILE *
null_stream (void)
{
  static FILE *stream;
  static const cookie_io_functions_t functions = { NULL, count_lines, NULL, NULL };

  if (stream == NULL && (stream = fopencookie (NULL, "w", functions)) == NULL)
    g_error ("cannot open a stream");
  return stream;
}

/* The format-only baseline: @list's lines, computed beforehand, written
 * as np_connlist_write() writes them (same functions, same 64 KB chunks). */
static void
write_table (const NpConnlist *list, FILE *stream)
{
  g_autoptr(GString) buffer = g_string_sized_new (65 * 1024);

  np_connlist_append_header (buffer, NP_CONNLIST_TEXT, NULL);
  for (guint i = 0; i < list->connections->len; i++)
    {
      np_connlist_append_line (buffer, list->connections->pdata[i], NP_CONNLIST_TEXT, NULL, i);
      if (buffer->len >= 64 * 1024)
        {
          fwrite (buffer->str, 1, buffer->len, stream);
          g_string_truncate (buffer, 0);
        }
    }
  np_connlist_append_footer (buffer, NP_CONNLIST_TEXT, list->connections->len);
  fwrite (buffer->str, 1, buffer->len, stream);
  fflush (stream);
}

/* Read, then evaluate and list as `netpol connectivity` does (the lines
 * streamed to /dev/null); with @format_too, then the format-only baseline
 * on the list computed again into a table (not timed). */
static void
run_once (const char *text, gboolean format_too, Result *result)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpConnlist) streamed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, loaded, listed;

  start = g_get_monotonic_time ();
  if (!np_inventory_add_bytes (inventory, bytes, "bench.yaml", &error))
    g_error ("%s", error->message);
  loaded = g_get_monotonic_time ();
  written_lines = 0;
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  streamed = np_connlist_write (evaluator, NULL, NP_CONNLIST_TEXT, null_stream ());
  fflush (null_stream ());
  listed = g_get_monotonic_time ();
  result->list_ms = (listed - loaded) / 1000.0;
  result->load_ms = (loaded - start) / 1000.0;
  result->n_workloads = np_inventory_get_n_workloads (inventory);
  result->n_policies = np_inventory_count_all_policies (inventory);
  result->format_ms = 0;
  result->n_lines = (guint) written_lines;
  if (format_too)
    {
      g_autoptr(NpConnlist) table = np_connlist_compute_focused (evaluator, NULL);
      gint64 before = g_get_monotonic_time ();

      write_table (table, null_stream ());
      result->format_ms = (g_get_monotonic_time () - before) / 1000.0;
      if (table->connections->len != result->n_lines)
        g_error ("the table has %u lines, the stream %u", table->connections->len, result->n_lines);
    }
}

/* The fastest of RUNS runs, reading and listing counted apart; with
 * @n_admin AdminNetworkPolicies added. */
static void
run (guint n_namespaces, guint n_admin, Result *best)
{
  g_autofree char *cluster = generate (n_namespaces, 20261126);
  g_autofree char *admin = n_admin > 0 ? generate_admin (n_admin, 20261207) : g_strdup ("");
  g_autofree char *text = g_strconcat (cluster, admin, NULL);

  /* The format-only runs come after all the others: each leaves a table
   * of every line freed behind it, and a run right after one pays for
   * the pages given back (up to 40 % more with 2,000 workloads). */
  for (guint i = 0; i < 2 * RUNS; i++)
    {
      Result result;

      run_once (text, i >= RUNS, &result);
      if (i == 0)
        *best = result;
      if (i < RUNS)
        {
          best->load_ms = MIN (best->load_ms, result.load_ms);
          best->list_ms = MIN (best->list_ms, result.list_ms);
        }
      else
        best->format_ms = i == RUNS ? result.format_ms : MIN (best->format_ms, result.format_ms);
    }
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The pair both explain rows ask about. */
#define EXPLAIN_SOURCE      "ns-3/app-4"
#define EXPLAIN_DESTINATION "ns-7/app-2"

/* One pair explained after reading @text, as `netpol explain --from SRC
 * --to DST --port 8080` does (@focused FALSE), or as `netpol connectivity
 * --explain --focus-workload SRC --focus-workload-peer DST` does: the time
 * to read, and the time after it (the evaluator, the decision, the text). */
static void
explain_once (const char *text, gboolean focused, double *read_ms, double *explain_ms)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, loaded;

  start = g_get_monotonic_time ();
  if (!np_inventory_add_bytes (inventory, bytes, "bench.yaml", &error))
    g_error ("%s", error->message);
  loaded = g_get_monotonic_time ();
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  if (!focused)
    {
      g_autoptr(NpVerdict) verdict = np_traffic_decide (evaluator, EXPLAIN_SOURCE, EXPLAIN_DESTINATION,
                                                        NP_PROTOCOL_TCP, 8080, &error);
      g_autofree char *why = NULL;

      if (verdict == NULL)
        g_error ("%s", error->message);
      why = np_traffic_describe_verdict (verdict, NULL);
    }
  else
    {
      g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
      g_autoptr(NpConnlist) list = NULL;
      g_autofree char *explained = NULL;

      np_connlist_focus_add_workloads (focus, EXPLAIN_SOURCE);
      np_connlist_focus_add_peers (focus, EXPLAIN_DESTINATION);
      focus->keep_empty = TRUE;
      list = np_connlist_compute_focused (evaluator, focus);
      explained = np_connlist_explain (evaluator, list, NP_EXPLAIN_ONLY_ALL, FALSE);
      if (list->connections->len == 0)
        g_error ("the focused explanation has no pair");
    }
  *explain_ms = (g_get_monotonic_time () - loaded) / 1000.0;
  *read_ms = (loaded - start) / 1000.0;
}

/* The explain rows on the 2,000-workload cluster: medians of EXPLAIN_RUNS,
 * the two commands alternating. */
static void
print_explain (void)
{
  g_autofree char *text = generate (100, 20261126);
  double read[2][EXPLAIN_RUNS], explain[2][EXPLAIN_RUNS];
  const char * const names[2] = {
    "`netpol explain --from " EXPLAIN_SOURCE " --to " EXPLAIN_DESTINATION " --port 8080`",
    "`netpol connectivity --explain --focus-workload " EXPLAIN_SOURCE " --focus-workload-peer " EXPLAIN_DESTINATION "`",
  };

  for (guint i = 0; i < EXPLAIN_RUNS; i++)
    for (guint c = 0; c < 2; c++)
      explain_once (text, c == 1, &read[c][i], &explain[c][i]);
  printf ("One pair of the 2,000-workload cluster explained: median of %d runs each, alternating.\n\n",
          EXPLAIN_RUNS);
  printf ("| command | read (ms) | after reading (ms) | target |\n");
  printf ("|---|---:|---:|---|\n");
  for (guint c = 0; c < 2; c++)
    {
      double after = median (explain[c], EXPLAIN_RUNS);

      printf ("| %s | %.0f | %.1f | read + ≤ %.0f ms %s |\n", names[c], median (read[c], EXPLAIN_RUNS),
              after, EXPLAIN_TARGET_MS, after <= EXPLAIN_TARGET_MS ? "(met)" : "(MISSED)");
    }
}

static void
print_row (const char *name, const Result *r)
{
  printf ("| %s | %u | %u | %u | %.0f | %.0f |", name, r->n_workloads, r->n_policies, r->n_lines,
          r->load_ms, r->list_ms);
  if (r->format_ms > 0)
    printf (" %.0f | %.2f× %s |", r->format_ms, r->list_ms / r->format_ms,
            r->list_ms / r->format_ms <= TARGET_FORMAT_RATIO ? "(met)" : "(MISSED)");
  else
    printf (" | |");
  printf (" %.0f |\n", r->load_ms + r->list_ms);
}

/* 2,000 workloads in 100 namespaces (labelled team) and 2,000 policies
 * that select only by tier, group and team: every workload also has its
 * own app label, so no two are alike and classes cannot help. */
static char *
generate_few_labels (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_new (NULL);

  for (guint n = 0; n < 100; n++)
    {
      g_string_append_printf (out,
                              "---\napiVersion: v1\nkind: Namespace\n"
                              "metadata: {name: ns-%u, labels: {team: team-%u}}\n", n, n % 10);
      for (guint w = 0; w < WORKLOADS_PER_NAMESPACE; w++)
        g_string_append_printf (out,
                                "---\napiVersion: apps/v1\nkind: Deployment\n"
                                "metadata: {name: app-%u, namespace: ns-%u}\n"
                                "spec:\n  template:\n"
                                "    metadata: {labels: {app: app-%u, tier: %s, group: g-%u}}\n"
                                "    spec: {containers: [{name: c, image: x, ports: "
                                "[{containerPort: 8080, name: http}]}]}\n",
                                w, n, w, tiers[w % G_N_ELEMENTS (tiers)], w % 5);
    }
  for (guint n = 0; n < 100; n++)
    for (guint p = 0; p < POLICIES_PER_NAMESPACE; p++)
      {
        const char *tier = tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))];
        const char *peer_tier = tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))];
        guint group = g_rand_int_range (rand, 0, 5);
        guint team = g_rand_int_range (rand, 0, 10);

        g_string_append_printf (out,
                                "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                "metadata: {name: p-%u, namespace: ns-%u}\nspec:\n", p, n);
        switch (p % 4)
          {
          case 0: /* a tier from a group in the namespace */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {tier: %s}}\n"
                                    "  ingress: [{from: [{podSelector: {matchLabels: {group: g-%u}}}], "
                                    "ports: [{port: 8080}]}]\n", tier, group);
            break;
          case 1: /* a group from a tier of another team */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {group: g-%u}}\n"
                                    "  ingress: [{from: [{namespaceSelector: {matchLabels: {team: team-%u}}, "
                                    "podSelector: {matchLabels: {tier: %s}}}], ports: [{port: http}]}]\n",
                                    group, team, peer_tier);
            break;
          case 2: /* a tier out to a team's namespaces */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {tier: %s}}\n  policyTypes: [Egress]\n"
                                    "  egress: [{to: [{namespaceSelector: {matchLabels: {team: team-%u}}}], "
                                    "ports: [{port: 8080}]}]\n", tier, team);
            break;
          default: /* a tier and group out to a tier in the namespace */
            g_string_append_printf (out,
                                    "  podSelector: {matchLabels: {tier: %s, group: g-%u}}\n"
                                    "  policyTypes: [Egress]\n"
                                    "  egress: [{to: [{podSelector: {matchLabels: {tier: %s}}}]}]\n",
                                    tier, group, peer_tier);
            break;
          }
      }
  return g_string_free (out, FALSE);
}

/* The few-labels cluster listed, against `netpol validate` of the same
 * text (the core's validation of it): medians of EXPLAIN_RUNS, alternating. */
static void
print_few_labels (void)
{
  g_autofree char *text = generate_few_labels (20261207);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  double validate[EXPLAIN_RUNS], listed[EXPLAIN_RUNS], read[EXPLAIN_RUNS];
  double v, l;
  Result result = { 0 };

  for (guint i = 0; i < EXPLAIN_RUNS; i++)
    {
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      guint n_policies = 0;
      gint64 start = g_get_monotonic_time ();

      if (!np_manifest_validate_bytes (bytes, "bench.yaml", NP_VALIDATE_DEFAULT, diagnostics, &n_policies, &error))
        g_error ("%s", error->message);
      validate[i] = (g_get_monotonic_time () - start) / 1000.0;
      run_once (text, FALSE, &result);
      listed[i] = result.load_ms + result.list_ms;
      read[i] = result.load_ms;
    }
  v = median (validate, EXPLAIN_RUNS);
  l = median (listed, EXPLAIN_RUNS);
  printf ("%u workloads and %u policies selecting by tier, group and team only (each workload with its own\n"
          "app label): read, evaluate and list, against `netpol validate` of the same text; median of %d\n"
          "runs each, alternating.\n\n", result.n_workloads, result.n_policies, EXPLAIN_RUNS);
  printf ("| lines | validate (ms) | read, evaluate and list (ms) | of which read (ms) | ÷ validate | target |\n");
  printf ("|---:|---:|---:|---:|---:|---|\n");
  printf ("| %u | %.0f | %.0f | %.0f | %.1f× | ≤ %.0f× %s |\n", result.n_lines, v, l, median (read, EXPLAIN_RUNS),
          l / v, TARGET_VALIDATE_RATIO,
          l / v <= TARGET_VALIDATE_RATIO ? "(met)" : "(MISSED)");
}

/* One run in a child process; FALSE when it failed. @peak_kb: its peak
 * resident memory. */
static gboolean
run_label_sets (Result *result, long *peak_kb)
{
  int fds[2];
  pid_t pid;
  int status = 0;
  struct rusage usage;
  gboolean read_ok;

  if (pipe (fds) != 0)
    return FALSE;
  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      g_autofree char *text = generate_label_sets ();
      Result child;

      close (fds[0]);
      run_once (text, FALSE, &child);
      _exit (write (fds[1], &child, sizeof child) == sizeof child ? 0 : 1);
    }
  close (fds[1]);
  read_ok = read (fds[0], result, sizeof *result) == sizeof *result;
  close (fds[0]);
  if (waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0 || !read_ok)
    return FALSE;
  getrusage (RUSAGE_CHILDREN, &usage);
  *peak_kb = usage.ru_maxrss;
  return TRUE;
}

int
main (int argc, char **argv)
{
  Result small, large, sets, admin;
  double ratio, total_ratio, lines_ratio;
  long peak_kb = 0;
  gboolean sets_ok;

  /* --admin: that row and the one without them, for a quick look. */
  if (argc > 1 && g_str_equal (argv[1], "--admin"))
    {
      run (50, 0, &small);
      run (50, 100, &admin);
      print_row ("50 namespaces", &small);
      print_row ("50 namespaces + 100 AdminNetworkPolicies", &admin);
      return 0;
    }

  /* --print N: the cluster of N namespaces as the bench generates it, for
   * profiling the command line on it. */
  if (argc == 3 && g_str_equal (argv[1], "--print"))
    {
      g_autofree char *text = generate ((guint) g_ascii_strtoull (argv[2], NULL, 10), 20261126);

      fputs (text, stdout);
      return 0;
    }

  /* --print-admin: the 100 AdminNetworkPolicies of the admin row, to go
   * with --print 50. */
  if (argc == 2 && g_str_equal (argv[1], "--print-admin"))
    {
      g_autofree char *text = generate_admin (100, 20261207);

      fputs (text, stdout);
      return 0;
    }

  if (argc == 2 && g_str_equal (argv[1], "--print-few-labels"))
    {
      g_autofree char *text = generate_few_labels (20261207);

      fputs (text, stdout);
      return 0;
    }

  if (argc == 2 && g_str_equal (argv[1], "--explain"))
    {
      print_explain ();
      return 0;
    }
  if (argc == 2 && g_str_equal (argv[1], "--few-labels"))
    {
      print_few_labels ();
      return 0;
    }

  /* First, while no other child has run, so that the peak is its own. */
  sets_ok = run_label_sets (&sets, &peak_kb);
  run (50, 0, &small);
  run (100, 0, &large);
  run (50, 100, &admin);
  ratio = large.list_ms / small.list_ms;
  total_ratio = (large.load_ms + large.list_ms) / (small.load_ms + small.list_ms);
  lines_ratio = (double) large.n_lines / MAX (small.n_lines, 1);

  printf ("Fastest of %d runs each (the label-set cluster: one run). Evaluate and list: the lines\n"
          "written as they are decided, as `netpol connectivity` does; format only: the same lines\n"
          "written the same way from a table computed beforehand.\n\n", RUNS);
  printf ("| cluster | workloads | policies | lines | read (ms) | evaluate and list (ms) | format only (ms) "
          "| evaluate and list ÷ format only (target ≤ %.0f×) | total (ms) |\n", TARGET_FORMAT_RATIO);
  printf ("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  print_row ("50 namespaces", &small);
  print_row ("100 namespaces", &large);
  print_row ("50 namespaces + 100 AdminNetworkPolicies", &admin);
  if (sets_ok)
    {
      g_autofree char *name = g_strdup_printf ("500 label sets (one run; peak memory %.0f MB)", peak_kb / 1024.0);

      print_row (name, &sets);
    }
  else
    printf ("| 500 label sets | the run failed | | | | | | | |\n");
  printf ("\n");
  printf ("| ratio (doubled / base) | value | target |\n");
  printf ("|---|---:|---|\n");
  printf ("| lines listed | %.2f× | |\n", lines_ratio);
  printf ("| evaluate and list | %.2f× | ≤ the lines' %.2f× %s |\n", ratio, lines_ratio,
          ratio <= lines_ratio ? "(met)" : "(MISSED)");
  printf ("| total, with reading | %.2f× | ≤ ~%.1f× %s |\n", total_ratio, TARGET_RATIO,
          total_ratio <= TARGET_RATIO ? "(met)" : "(MISSED)");
  printf ("| 2,000/2,000 evaluate and list | %.0f ms | ≤ %.0f ms %s |\n", large.list_ms, TARGET_LARGE_MS,
          large.list_ms <= TARGET_LARGE_MS ? "(met)" : "(MISSED)");
  printf ("\n");
  print_few_labels ();
  printf ("\n");
  print_explain ();
  return 0;
}
