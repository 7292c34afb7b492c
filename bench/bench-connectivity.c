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
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-inventory.h"

#define WORKLOADS_PER_NAMESPACE 20
#define POLICIES_PER_NAMESPACE  20
#define TARGET_RATIO            4.5
#define RUNS                    3

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
  double  list_ms;
} Result;

static void
run_once (const char *text, Result *result)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  gint64 start, loaded;

  start = g_get_monotonic_time ();
  if (!np_inventory_add_bytes (inventory, bytes, "bench.yaml", &error))
    g_error ("%s", error->message);
  loaded = g_get_monotonic_time ();
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  connections = np_connlist_compute (evaluator, NULL, &error);
  if (connections == NULL)
    g_error ("%s", error->message);
  listing = np_connlist_format (connections, NP_CONNLIST_TEXT);
  result->list_ms = (g_get_monotonic_time () - loaded) / 1000.0;
  result->load_ms = (loaded - start) / 1000.0;
  result->n_workloads = np_inventory_get_n_workloads (inventory);
  result->n_policies = np_inventory_get_n_policies (inventory) +
                       np_inventory_get_n_cluster_policies (inventory);
  result->n_lines = connections->len;
}

/* The fastest of RUNS runs, reading and listing counted apart; with
 * @n_admin AdminNetworkPolicies added. */
static void
run (guint n_namespaces, guint n_admin, Result *best)
{
  g_autofree char *cluster = generate (n_namespaces, 20261126);
  g_autofree char *admin = n_admin > 0 ? generate_admin (n_admin, 20261207) : g_strdup ("");
  g_autofree char *text = g_strconcat (cluster, admin, NULL);

  for (guint i = 0; i < RUNS; i++)
    {
      Result result;

      run_once (text, &result);
      if (i == 0)
        *best = result;
      best->load_ms = MIN (best->load_ms, result.load_ms);
      best->list_ms = MIN (best->list_ms, result.list_ms);
    }
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
      run_once (text, &child);
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
  double ratio, total_ratio;
  long peak_kb = 0;
  gboolean sets_ok;

  /* --admin: that row and the one without them, for a quick look. */
  if (argc > 1 && g_str_equal (argv[1], "--admin"))
    {
      run (50, 0, &small);
      run (50, 100, &admin);
      printf ("| 50 namespaces | %u | %u | %u | %.0f | %.0f | %.0f |\n", small.n_workloads,
              small.n_policies, small.n_lines, small.load_ms, small.list_ms, small.load_ms + small.list_ms);
      printf ("| 50 namespaces + 100 AdminNetworkPolicies | %u | %u | %u | %.0f | %.0f | %.0f |\n",
              admin.n_workloads, admin.n_policies, admin.n_lines, admin.load_ms, admin.list_ms,
              admin.load_ms + admin.list_ms);
      return 0;
    }

  /* First, while no other child has run, so that the peak is its own. */
  sets_ok = run_label_sets (&sets, &peak_kb);
  run (50, 0, &small);
  run (100, 0, &large);
  run (50, 100, &admin);
  ratio = large.list_ms / small.list_ms;
  total_ratio = (large.load_ms + large.list_ms) / (small.load_ms + small.list_ms);

  printf ("Fastest of %d runs each (the label-set cluster: one run).\n\n", RUNS);
  printf ("| cluster | workloads | policies | lines | read (ms) | evaluate and list (ms) | total (ms) |\n");
  printf ("|---|---:|---:|---:|---:|---:|---:|\n");
  printf ("| 50 namespaces | %u | %u | %u | %.0f | %.0f | %.0f |\n", small.n_workloads,
          small.n_policies, small.n_lines, small.load_ms, small.list_ms, small.load_ms + small.list_ms);
  printf ("| 100 namespaces | %u | %u | %u | %.0f | %.0f | %.0f |\n", large.n_workloads,
          large.n_policies, large.n_lines, large.load_ms, large.list_ms, large.load_ms + large.list_ms);
  printf ("| 50 namespaces + 100 AdminNetworkPolicies | %u | %u | %u | %.0f | %.0f | %.0f |\n", admin.n_workloads,
          admin.n_policies, admin.n_lines, admin.load_ms, admin.list_ms, admin.load_ms + admin.list_ms);
  if (sets_ok)
    printf ("| 500 label sets (one run; peak memory %.0f MB) | %u | %u | %u | %.0f | %.0f | %.0f |\n",
            peak_kb / 1024.0, sets.n_workloads, sets.n_policies, sets.n_lines, sets.load_ms, sets.list_ms,
            sets.load_ms + sets.list_ms);
  else
    printf ("| 500 label sets | the run failed | | | | | |\n");
  printf ("\n");
  printf ("| ratio (doubled / base) | value | target |\n");
  printf ("|---|---:|---|\n");
  printf ("| evaluate and list | %.2f× | ≤ ~%.1f× %s |\n", ratio, TARGET_RATIO,
          ratio <= TARGET_RATIO ? "(met)" : "(MISSED)");
  printf ("| total, with reading | %.2f× | ≤ ~%.1f× %s |\n", total_ratio, TARGET_RATIO,
          total_ratio <= TARGET_RATIO ? "(met)" : "(MISSED)");
  return 0;
}
