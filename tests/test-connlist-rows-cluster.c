/* test-connlist-rows-cluster.c: the connectivity list a row at a time with the cluster tiers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With AdminNetworkPolicies, BaselineAdminNetworkPolicies or
 * ClusterNetworkPolicies the list is decided a row at a time
 * (np-connlist-rows-cluster.c). Each inventory here is listed three ways:
 * by those rows, by classes pair by pair (the rows turned off, as before
 * them) and pod pair by pod pair (np_connlist_compute_pairwise()); the
 * lines must be the same, and netpol-analyzer's warnings the same, in the
 * same order, as pair by pair over classes. The inventories: hand-made
 * ones for each shape (Pass chains, a Deny over a NetworkPolicy's allow,
 * the Baseline under NetworkPolicies, named ports that resolve or not,
 * networks, selectors with matchExpressions, ClusterNetworkPolicy tiers,
 * empty rules), many generated from seeds, the folders of tests/data/cluster, and the
 * workloads of the netpol-analyzer corpus cases under generated policies.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-connlist-private.h"
#include "np-connlist-rows-cluster.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-test-util.h"

typedef struct {
  char *text;
  char *warnings;
} Listed;

static void
listed_clear (Listed *listed)
{
  g_free (listed->text);
  g_free (listed->warnings);
}

static NpInventory *
inventory_of (const char * const *texts, guint n_texts)
{
  NpInventory *inventory = np_inventory_new ();

  for (guint i = 0; i < n_texts; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (texts[i], strlen (texts[i]));
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("part-%u.yaml", i);

      if (!np_inventory_add_bytes (inventory, bytes, name, &error))
        g_error ("%s: %s\n%s", name, error->message, texts[i]);
    }
  return inventory;
}

/* One list of @inventory, on a fresh evaluator (its warnings are its own). */
static void
list (NpInventory *inventory, NpEvalFlags flags, gboolean rows, gboolean pairwise, Listed *out)
{
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, flags);
  g_autoptr(NpConnlist) connlist = NULL;

  np_conn_rows_cluster_set_enabled (rows);
  connlist = pairwise ? np_connlist_compute_pairwise (evaluator, NULL) : np_connlist_compute_focused (evaluator, NULL);
  np_conn_rows_cluster_set_enabled (TRUE);
  out->text = np_connlist_to_string (connlist, NP_CONNLIST_TEXT);
  out->warnings = np_test_join_lines (np_evaluator_get_warnings (evaluator));
}

/* Lists @inventory the three ways, with and without networks (and
 * ipBlocks) matching pods; returns how many lines the rows listed. */
static guint
assert_same (const char *what, NpInventory *inventory)
{
  static const NpEvalFlags flags[] = { NP_EVAL_FLAGS_NONE, NP_EVAL_NETWORKS_MATCH_PODS,
                                       NP_EVAL_IPBLOCK_MATCHES_PODS };
  guint n_lines = 0;

  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      Listed rows = { 0 }, classes = { 0 }, pairs = { 0 };
      guint made = np_conn_rows_cluster_get_n_made ();

      list (inventory, flags[f], TRUE, FALSE, &rows);
      /* The rows decided (no Cilium policy here). */
      g_assert_cmpuint (np_conn_rows_cluster_get_n_made (), ==, made + 1);
      list (inventory, flags[f], FALSE, FALSE, &classes);
      g_assert_cmpuint (np_conn_rows_cluster_get_n_made (), ==, made + 1);
      list (inventory, flags[f], TRUE, TRUE, &pairs);
      if (g_strcmp0 (rows.text, classes.text) != 0 || g_strcmp0 (rows.text, pairs.text) != 0 ||
          g_strcmp0 (rows.warnings, classes.warnings) != 0)
        g_error ("%s (flags %d): the lists differ\n-- rows:\n%s%s-- classes:\n%s%s-- pairs:\n%s", what, flags[f],
                 rows.text, rows.warnings, classes.text, classes.warnings, pairs.text);
      for (const char *p = rows.text; *p != '\0'; p++)
        n_lines += *p == '\n';
      listed_clear (&rows);
      listed_clear (&classes);
      listed_clear (&pairs);
    }
  return n_lines;
}

/* Hand-made shapes ----------------------------------------------------------- */

#define NS(name, labels) \
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: " name ", labels: " labels "}\n---\n"
#define POD(name, ns, labels, ports, ip) \
  "apiVersion: v1\nkind: Pod\nmetadata: {name: " name ", namespace: " ns ", labels: " labels "}\n" \
  "spec: {containers: [{name: c, ports: " ports "}]}\nstatus: {podIP: " ip "}\n---\n"
#define OWNED(name, ns, labels, ports, ip) \
  "apiVersion: v1\nkind: Pod\nmetadata: {name: " name ", namespace: " ns ", labels: " labels ", " \
  "ownerReferences: [{kind: ReplicaSet, name: mix-7d, controller: true}]}\n" \
  "spec: {containers: [{name: c, ports: " ports "}]}\nstatus: {podIP: " ip "}\n---\n"
#define ANP(name, priority, body) \
  "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: " name "}\n" \
  "spec:\n  priority: " priority "\n" body "---\n"
#define BANP(body) \
  "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n" \
  "metadata: {name: default}\nspec:\n" body "---\n"
#define CNP(name, tier, priority, body) \
  "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: " name "}\n" \
  "spec:\n  tier: " tier "\n  priority: " priority "\n" body "---\n"
#define NETPOL(name, ns, body) \
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: " name ", namespace: " ns "}\n" \
  "spec:\n" body "---\n"

static const char workloads[] =
  NS ("shop", "{zone: inner, team: a}")
  NS ("store", "{zone: inner, team: b}")
  NS ("lobby", "{team: a}")
  NS ("lab", "{zone: outer}")
  POD ("web-1", "shop", "{app: web, tier: front}", "[{containerPort: 80, name: http}]", "10.1.0.1")
  POD ("web-2", "shop", "{app: web, tier: front}", "[{containerPort: 80, name: http}]", "10.1.0.2")
  POD ("api-1", "shop", "{app: api, tier: back}", "[{containerPort: 8080, name: http}]", "10.1.0.3")
  POD ("api-2", "shop", "{app: api, tier: back}", "[{containerPort: 8080, name: http}]", "10.2.0.4")
  POD ("db-1", "store", "{app: db, tier: back}", "[{containerPort: 5432, name: pg}]", "10.2.0.5")
  POD ("db-2", "store", "{app: db, tier: back}", "[{containerPort: 5432, name: pg}]", "10.2.0.6")
  POD ("web-1", "store", "{app: web}", "[{containerPort: 81, name: http, protocol: UDP}]", "10.2.0.7")
  POD ("guest", "lobby", "{app: guest}", "[]", "10.3.0.8")
  POD ("guest-2", "lobby", "{app: guest}", "[]", "10.3.0.9")
  POD ("probe", "lab", "{app: probe, tier: front}", "[{containerPort: 53, name: dns, protocol: UDP}]", "10.4.0.1")
  /* One line for two pods of one ReplicaSet that are decided apart. */
  OWNED ("mix-7d-a", "shop", "{app: web, tier: front}", "[{containerPort: 80, name: http}]", "10.1.0.9")
  OWNED ("mix-7d-b", "shop", "{app: api}", "[]", "10.2.0.9");

static const char * const shapes[][2] = {
  { "pass chain to NetworkPolicy and Baseline",
    ANP ("pass-then-deny", "10",
         "  subject: {namespaces: {matchLabels: {zone: inner}}}\n"
         "  ingress:\n"
         "  - {name: pass-front, action: Pass, from: [{pods: {namespaceSelector: {}, podSelector: "
         "{matchLabels: {tier: front}}}}], ports: [{portNumber: {port: 80}}, {portRange: {start: 8000, end: 8100}}]}\n"
         "  - {name: deny-rest, action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {port: 80}}]}\n"
         "  - {name: allow-all, action: Allow, from: [{namespaces: {matchLabels: {team: a}}}]}\n")
    ANP ("later", "20",
         "  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}\n"
         "  ingress:\n"
         "  - {name: deny-everything, action: Deny, from: [{namespaces: {}}]}\n")
    NETPOL ("api", "shop",
            "  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n"
            "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: http}]\n")
    BANP ("  subject: {namespaces: {}}\n"
          "  ingress:\n"
          "  - {name: open-80, action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {port: 80}}]}\n"
          "  - {name: closed, action: Deny, from: [{namespaces: {}}]}\n") },
  { "deny over a NetworkPolicy allow, egress and ingress",
    ANP ("no-db", "1",
         "  subject: {pods: {namespaceSelector: {matchLabels: {team: a}}, podSelector: "
         "{matchExpressions: [{key: app, operator: In, values: [web, guest]}]}}}\n"
         "  egress:\n"
         "  - {name: no-db, action: Deny, to: [{pods: {namespaceSelector: {}, podSelector: "
         "{matchLabels: {app: db}}}}], ports: [{namedPort: pg}]}\n"
         "  - {name: no-outside, action: Deny, to: [{networks: [10.2.0.0/16, 192.168.0.0/24]}]}\n"
         "  - {name: allow-lab, action: Allow, to: [{namespaces: {matchExpressions: "
         "[{key: zone, operator: NotIn, values: [inner]}]}}]}\n")
    NETPOL ("out", "shop",
            "  podSelector: {}\n  policyTypes: [Egress]\n"
            "  egress:\n  - to: [{namespaceSelector: {}}]\n  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n") },
  { "named ports that resolve or not, toward pods and networks",
    ANP ("named", "5",
         "  subject: {namespaces: {matchExpressions: [{key: team, operator: Exists}]}}\n"
         "  egress:\n"
         "  - {name: to-http, action: Allow, to: [{namespaces: {}}, {networks: [10.3.0.0/16, 172.16.0.0/12]}], "
         "ports: [{namedPort: http}, {portNumber: {port: 443}}]}\n"
         "  - {name: pass-dns, action: Pass, to: [{pods: {namespaceSelector: {}, podSelector: "
         "{matchLabels: {app: probe}}}}], ports: [{namedPort: dns}, {namedPort: nothing}]}\n"
         "  - {name: deny-rest, action: Deny, to: [{namespaces: {}}]}\n"
         "  ingress:\n"
         "  - {name: in-http, action: Allow, from: [{namespaces: {}}], ports: [{namedPort: http}]}\n"
         "  - {name: in-pg, action: Deny, from: [{namespaces: {matchLabels: {team: a}}}], "
         "ports: [{namedPort: pg}, {namedPort: nope}]}\n")
    BANP ("  subject: {pods: {namespaceSelector: {}, podSelector: {matchExpressions: "
          "[{key: tier, operator: DoesNotExist}]}}}\n"
          "  egress:\n"
          "  - {name: deny-http, action: Deny, to: [{networks: [0.0.0.0/0]}], ports: [{namedPort: http}]}\n"
          "  - {name: deny-out, action: Deny, to: [{networks: [10.0.0.0/8]}]}\n") },
  { "ClusterNetworkPolicy tiers, empty port lists",
    CNP ("admin-pass", "Admin", "3",
         "  subject: {namespaces: {matchLabels: {zone: inner}}}\n"
         "  ingress:\n"
         "  - {name: pass-lobby, action: Pass, from: [{namespaces: {matchLabels: "
         "{kubernetes.io/metadata.name: lobby}}}]}\n"
         "  - {name: accept-tcp, action: Accept, from: [{namespaces: {}}], protocols: "
         "[{tcp: {destinationPort: {number: 8080}}}, {destinationNamedPort: http}]}\n"
         "  - {name: none, action: Deny, from: [{namespaces: {}}], protocols: []}\n"
         "  egress:\n"
         "  - {name: to-net, action: Accept, to: [{networks: [10.1.0.0/24]}], protocols: "
         "[{udp: {destinationPort: {range: {start: 50, end: 60}}}}]}\n")
    CNP ("baseline-deny", "Baseline", "1",
         "  subject: {namespaces: {}}\n"
         "  ingress:\n"
         "  - {name: pass-web, action: Pass, from: [{pods: {namespaceSelector: {}, podSelector: "
         "{matchLabels: {app: web}}}}]}\n"
         "  - {name: deny, action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: "
         "{range: {start: 1, end: 1000}}}}]}\n")
    ANP ("empty-ports", "7",
         "  subject: {namespaces: {}}\n"
         "  ingress:\n"
         "  - {name: nothing, action: Deny, from: [{namespaces: {}}], ports: []}\n"
         "  - {name: guests, action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: "
         "{matchLabels: {app: guest}}}}], ports: [{portNumber: {protocol: UDP, port: 53}}]}\n")
    NETPOL ("lobby-in", "lobby",
            "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n"
            "  ingress:\n  - from: [{namespaceSelector: {matchLabels: {zone: inner}}}]\n"
            "  egress:\n  - ports: [{port: 53, protocol: UDP}]\n") },
  { "Admin tier settles everything for some pairs",
    ANP ("all-allowed", "0",
         "  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {tier: back}}}}\n"
         "  ingress:\n  - {name: all, action: Allow, from: [{namespaces: {matchLabels: {zone: inner}}}]}\n"
         "  egress:\n  - {name: all-out, action: Deny, to: [{namespaces: {}}]}\n")
    NETPOL ("deny-all", "store", "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n")
    BANP ("  subject: {namespaces: {matchLabels: {team: a}}}\n"
          "  ingress:\n  - {name: pass-is-allow, action: Deny, from: [{pods: {namespaceSelector: {}, "
          "podSelector: {matchLabels: {app: probe}}}}]}\n"
          "  egress:\n  - {name: a, action: Allow, to: [{networks: [10.4.0.0/16]}], ports: [{namedPort: dns}]}\n"
          "  - {name: b, action: Deny, to: [{networks: [10.0.0.0/8]}, {namespaces: {}}]}\n") },
};

static void
test_shapes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      const char * const texts[] = { workloads, shapes[i][1] };
      g_autoptr(NpInventory) inventory = inventory_of (texts, G_N_ELEMENTS (texts));

      g_assert_cmpuint (assert_same (shapes[i][0], inventory), >, 0);
    }
}

/* A named port that does not resolve warns, naming the pod: the rows warn
 * as the pairs do, the first of a class's replicas (the second toward
 * itself), and not for a pair whose egress allows nothing. */
static void
test_warnings (void)
{
  const char * const texts[] = {
    workloads,
    ANP ("warns", "1",
         "  subject: {namespaces: {}}\n"
         "  ingress:\n  - {name: in-missing, action: Allow, from: [{namespaces: {}}], ports: [{namedPort: missing}]}\n"
         "  egress:\n  - {name: out-missing, action: Deny, to: [{networks: [10.9.0.0/16]}], "
         "ports: [{namedPort: gone}]}\n")
    NETPOL ("lobby-out", "lobby", "  podSelector: {}\n  policyTypes: [Egress]\n")
  };
  g_autoptr(NpInventory) inventory = inventory_of (texts, G_N_ELEMENTS (texts));
  Listed rows = { 0 };

  assert_same ("warnings", inventory);
  list (inventory, NP_EVAL_FLAGS_NONE, TRUE, FALSE, &rows);
  g_assert_nonnull (strstr (rows.warnings, "admin network policy \"warns\": in rule \"in-missing\": port name:  "
                                           "\"missing\" has no match in the configuration of the destination peer "
                                           "\"shop/web-1\""));
  g_assert_nonnull (strstr (rows.warnings, "in rule \"out-missing\": named port is not defined for IP addresses; "
                                           "skipped"));
  /* A class toward itself names its second pod: shop/web-2 from
   * shop/web-1; but the lobby's egress allows nothing, so its guests'
   * pair adds no ingress warning, and only the first guest is named (as
   * the destination of other classes). */
  g_assert_nonnull (strstr (rows.warnings, "destination peer \"shop/web-2\""));
  g_assert_nonnull (strstr (rows.warnings, "destination peer \"lobby/guest\""));
  g_assert_null (strstr (rows.warnings, "destination peer \"lobby/guest-2\""));
  /* The ReplicaSet's two pods, two classes, make one line. */
  g_assert_nonnull (strstr (rows.text, "shop/mix-7d[ReplicaSet] => "));
  listed_clear (&rows);
}

/* Generated inventories ------------------------------------------------------ */

static const char * const apps[] = { "web", "api", "db", "probe" };
static const char * const actions[] = { "Allow", "Deny", "Pass" };

static const char *
pick (GRand *rand, const char * const *items, guint n)
{
  return items[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, items) pick (rand, items, G_N_ELEMENTS (items))

static void
append_selector (GString *out, GRand *rand, gboolean namespaces)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      g_string_append (out, "{}");
      break;
    case 1:
      if (namespaces)
        g_string_append_printf (out, "{matchLabels: {team: t%d}}", g_rand_int_range (rand, 0, 3));
      else
        g_string_append_printf (out, "{matchLabels: {app: %s}}", PICK (rand, apps));
      break;
    case 2:
      g_string_append_printf (out, "{matchExpressions: [{key: %s, operator: %s, values: [%s, %s]}]}",
                              namespaces ? "team" : "app", g_rand_boolean (rand) ? "In" : "NotIn",
                              namespaces ? "t0" : PICK (rand, apps), namespaces ? "t2" : PICK (rand, apps));
      break;
    default:
      g_string_append_printf (out, "{matchExpressions: [{key: %s, operator: %s}]}",
                              namespaces ? "zone" : "tier", g_rand_boolean (rand) ? "Exists" : "DoesNotExist");
      break;
    }
}

static void
append_peer (GString *out, GRand *rand, gboolean egress)
{
  switch (g_rand_int_range (rand, 0, egress ? 3 : 2))
    {
    case 0:
      g_string_append (out, "{namespaces: ");
      append_selector (out, rand, TRUE);
      g_string_append (out, "}");
      break;
    case 1:
      g_string_append (out, "{pods: {namespaceSelector: ");
      append_selector (out, rand, TRUE);
      g_string_append (out, ", podSelector: ");
      append_selector (out, rand, FALSE);
      g_string_append (out, "}}");
      break;
    default:
      g_string_append_printf (out, "{networks: [10.%d.0.0/16, 10.%d.%d.0/24]}", g_rand_int_range (rand, 0, 4),
                              g_rand_int_range (rand, 0, 4), g_rand_int_range (rand, 0, 2));
      break;
    }
}

static void
append_ports (GString *out, GRand *rand, gboolean v1alpha2)
{
  guint kind = g_rand_int_range (rand, 0, 5);

  if (kind == 0)
    return;  /* every port */
  g_string_append (out, v1alpha2 ? "    protocols: [" : "    ports: [");
  for (guint i = 0; kind > 1 && i < kind - 1; i++)
    {
      guint port = 80 + g_rand_int_range (rand, 0, 3) * 1000;
      const char *named = g_rand_boolean (rand) ? "http" : g_rand_boolean (rand) ? "pg" : "absent";

      if (i > 0)
        g_string_append (out, ", ");
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          g_string_append_printf (out, v1alpha2 ? "{tcp: {destinationPort: {number: %u}}}" :
                                  "{portNumber: {protocol: TCP, port: %u}}", port);
          break;
        case 1:
          g_string_append_printf (out, v1alpha2 ? "{udp: {destinationPort: {range: {start: %u, end: %u}}}}" :
                                  "{portRange: {protocol: UDP, start: %u, end: %u}}", port, port + 500);
          break;
        default:
          g_string_append_printf (out, v1alpha2 ? "{destinationNamedPort: %s}" : "{namedPort: %s}", named);
          break;
        }
    }
  g_string_append (out, "]\n");  /* kind 1: an empty list, no port */
}

static void
append_rules (GString *out, GRand *rand, gboolean v1alpha2, gboolean baseline)
{
  for (guint d = 0; d < 2; d++)
    {
      guint n = g_rand_int_range (rand, 0, 4);

      if (n == 0)
        continue;
      g_string_append (out, d == 0 ? "  ingress:\n" : "  egress:\n");
      for (guint r = 0; r < n; r++)
        {
          const char *action = baseline && !v1alpha2 ? (g_rand_boolean (rand) ? "Allow" : "Deny") : PICK (rand, actions);

          if (v1alpha2 && g_str_equal (action, "Allow"))
            action = "Accept";
          g_string_append_printf (out, "  - name: r%u\n    action: %s\n    %s: [", r, action, d == 0 ? "from" : "to");
          for (guint p = 0, n_peers = g_rand_int_range (rand, 1, 3); p < n_peers; p++)
            {
              if (p > 0)
                g_string_append (out, ", ");
              append_peer (out, rand, d == 1);
            }
          g_string_append (out, "]\n");
          append_ports (out, rand, v1alpha2);
        }
    }
}

static void
append_subject (GString *out, GRand *rand)
{
  if (g_rand_boolean (rand))
    {
      g_string_append (out, "  subject: {namespaces: ");
      append_selector (out, rand, TRUE);
      g_string_append (out, "}\n");
    }
  else
    {
      g_string_append (out, "  subject: {pods: {namespaceSelector: ");
      append_selector (out, rand, TRUE);
      g_string_append (out, ", podSelector: ");
      append_selector (out, rand, FALSE);
      g_string_append (out, "}}\n");
    }
}

/* Cluster policies of every kind, and NetworkPolicies, from @seed. */
static char *
generate_policies (guint32 seed, gboolean with_workloads)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_new (NULL);
  guint n_admin = g_rand_int_range (rand, 1, 6);

  if (with_workloads)
    {
      for (guint n = 0; n < 4; n++)
        g_string_append_printf (out, "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns%u, labels: "
                                "{team: t%u%s}}\n---\n", n, n % 3, n % 2 ? ", zone: z" : "");
      for (guint n = 0, ip = 1; n < 4; n++)
        for (guint p = 0, n_pods = g_rand_int_range (rand, 2, 6); p < n_pods; p++, ip++)
          {
            const char *app = PICK (rand, apps);
            guint port = g_rand_boolean (rand) ? 80 : 8080;

            g_string_append_printf (out, "apiVersion: v1\nkind: Pod\nmetadata: {name: %s-%u, namespace: ns%u, "
                                    "labels: {app: %s%s}}\nspec: {containers: [{name: c, ports: "
                                    "[{containerPort: %u, name: %s}]}]}\nstatus: {podIP: 10.%u.%u.%u}\n---\n",
                                    app, p, n, app, p % 2 ? ", tier: t" : "", port,
                                    g_str_equal (app, "db") ? "pg" : "http", n, p % 2, ip);
          }
    }
  for (guint p = 0; p < n_admin; p++)
    {
      g_string_append_printf (out, "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n"
                              "metadata: {name: anp-%u}\nspec:\n  priority: %u\n", p, p * 7 % 50);
      append_subject (out, rand);
      append_rules (out, rand, FALSE, FALSE);
      g_string_append (out, "---\n");
    }
  if (g_rand_boolean (rand))
    {
      g_string_append (out, "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n"
                            "metadata: {name: default}\nspec:\n");
      append_subject (out, rand);
      append_rules (out, rand, FALSE, TRUE);
      g_string_append (out, "---\n");
    }
  for (guint p = 0, n = g_rand_int_range (rand, 0, 3); p < n; p++)
    {
      g_string_append_printf (out, "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\n"
                              "metadata: {name: cnp-%u}\nspec:\n  tier: %s\n  priority: %u\n", p,
                              g_rand_boolean (rand) ? "Admin" : "Baseline", g_rand_int_range (rand, 0, 60));
      append_subject (out, rand);
      append_rules (out, rand, TRUE, FALSE);
      g_string_append (out, "---\n");
    }
  for (guint p = 0, n = g_rand_int_range (rand, 0, 3); p < n; p++)
    g_string_append_printf (out, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                            "metadata: {name: np-%u, namespace: ns%u}\nspec:\n  podSelector: {matchLabels: "
                            "{app: %s}}\n  policyTypes: [%s]\n  ingress:\n  - from: [{namespaceSelector: "
                            "{matchLabels: {team: t%d}}}]\n    ports: [{port: http}, {port: 8080}]\n"
                            "  egress:\n  - to: [{podSelector: {}}, {ipBlock: {cidr: 10.0.0.0/14, except: "
                            "[10.1.0.0/16]}}]\n---\n", p, p, PICK (rand, apps),
                            g_rand_boolean (rand) ? "Ingress, Egress" : "Egress", g_rand_int_range (rand, 0, 3));
  return g_string_free (out, FALSE);
}

static void
test_generated (void)
{
  guint n_lines = 0;

  for (guint32 seed = 1; seed <= 60; seed++)
    {
      g_autofree char *text = generate_policies (seed, TRUE);
      const char * const texts[] = { text };
      g_autoptr(NpInventory) inventory = inventory_of (texts, 1);
      g_autofree char *what = g_strdup_printf ("seed %u", seed);

      n_lines += assert_same (what, inventory);
    }
  g_assert_cmpuint (n_lines, >, 1000);
}

/* The same, with no state shared between sources alike: each row's
 * tiers decided on their own. */
static void
test_unshared (void)
{
  np_conn_rows_cluster_set_profile_limit (1);
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      const char * const texts[] = { workloads, shapes[i][1] };
      g_autoptr(NpInventory) inventory = inventory_of (texts, G_N_ELEMENTS (texts));

      assert_same (shapes[i][0], inventory);
    }
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autofree char *text = generate_policies (seed, TRUE);
      const char * const texts[] = { text };
      g_autoptr(NpInventory) inventory = inventory_of (texts, 1);
      g_autofree char *what = g_strdup_printf ("seed %u, unshared", seed);

      assert_same (what, inventory);
    }
  np_conn_rows_cluster_set_profile_limit (0);
}

/* tests/data/cluster/ and the corpus ---------------------------------------- */

static gboolean
has_cilium (const char *text)
{
  return strstr (text, "cilium.io/") != NULL;
}

static void
test_data_folders (void)
{
  const char *srcdir = g_getenv ("NP_TEST_SRCDIR");
  g_autofree char *root = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_folders = 0;

  if (srcdir == NULL)
    {
      g_test_skip ("NP_TEST_SRCDIR is not set");
      return;
    }
  root = g_build_filename (srcdir, "data", "cluster", NULL);
  dir = g_dir_open (root, 0, NULL);
  g_assert_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *folder = g_build_filename (root, name, NULL);
      static const char * const yaml[] = { ".yaml", NULL };
      g_autoptr(GPtrArray) files = np_test_list_files (folder, yaml);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(NpInventory) inventory = NULL;
      gboolean cilium = FALSE;

      for (guint i = 0; i < files->len; i++)
        {
          char *text = np_test_read_file (files->pdata[i], NULL);

          cilium |= has_cilium (text);
          g_ptr_array_add (texts, text);
        }
      /* Cilium policies are decided pair by pair: nothing to compare. */
      if (cilium || texts->len == 0)
        continue;
      inventory = inventory_of ((const char * const *) texts->pdata, texts->len);
      assert_same (name, inventory);
      n_folders++;
    }
  g_assert_cmpuint (n_folders, >=, 9);
}

/* The corpus holds no cluster-wide policy: the workloads and
 * NetworkPolicies of its netpol-analyzer cases, under generated ones. */
static void
test_corpus_cases (void)
{
  g_autofree char *root = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_cases = 0;

  if (np_test_shared_dir () == NULL)
    return;
  root = np_test_corpus_path ("connectivity");
  dir = g_dir_open (root, 0, NULL);
  g_assert_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *folder = g_build_filename (root, name, NULL);
      static const char * const yaml[] = { ".yaml", ".yml", NULL };
      g_autoptr(GPtrArray) files = NULL;

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        continue;
      files = np_test_list_files (folder, yaml);
      for (guint32 seed = 100; seed < 103; seed++)
        {
          g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(NpInventory) inventory = NULL;
          g_autofree char *what = g_strdup_printf ("%s, seed %u", name, seed);

          for (guint i = 0; i < files->len; i++)
            g_ptr_array_add (texts, np_test_read_file (files->pdata[i], NULL));
          g_ptr_array_add (texts, generate_policies (seed + n_cases, FALSE));
          inventory = inventory_of ((const char * const *) texts->pdata, texts->len);
          if (np_inventory_get_n_workloads (inventory) == 0)
            break;
          assert_same (what, inventory);
        }
      n_cases++;
    }
  g_assert_cmpuint (n_cases, >=, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/connlist-rows-cluster/shapes", test_shapes);
  g_test_add_func ("/connlist-rows-cluster/warnings", test_warnings);
  g_test_add_func ("/connlist-rows-cluster/generated", test_generated);
  g_test_add_func ("/connlist-rows-cluster/unshared", test_unshared);
  g_test_add_func ("/connlist-rows-cluster/data-folders", test_data_folders);
  g_test_add_func ("/connlist-rows-cluster/corpus-cases", test_corpus_cases);
  return g_test_run ();
}
