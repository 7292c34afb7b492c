/* test-explain-list.c: netpol-analyzer's `list --explain` (np-connlist-explain)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected texts were written by hand from shared/docs/analysis-formats.md
 * §6 (and the upstream sources it cites) for the small cluster below; they
 * are not copies of any tool's output.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-connlist-explain.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-test-util.h"

/* Three pods in namespace ns. b is isolated for ingress by two policies:
 * web allows TCP 80 from a (one rule), web2 TCP 80-81 from a. c is
 * isolated for egress by lock, which has no egress rule. */
static const char cluster[] =
  "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns, labels: {app: a}}\n"
  "spec: {containers: [{name: c}]}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: ns, labels: {app: b}}\n"
  "spec: {containers: [{name: c}]}\n---\n"
  "apiVersion: v1\nkind: Pod\nmetadata: {name: c, namespace: ns, labels: {app: c}}\n"
  "spec: {containers: [{name: c}]}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: ns}\n"
  "spec:\n  podSelector: {matchLabels: {app: b}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: a}}}]\n    ports: [{port: 80}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web2, namespace: ns}\n"
  "spec:\n  podSelector: {matchLabels: {app: b}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: a}}}]\n    ports: [{port: 80, endPort: 81}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: lock, namespace: ns}\n"
  "spec:\n  podSelector: {matchLabels: {app: c}}\n  policyTypes: [Egress]\n";

#define EXT "0.0.0.0-255.255.255.255[External]"
#define DASHES10 "----------"
#define DASHES160 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 \
                  DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10
#define BETWEEN(src, dst) DASHES160 "\nConnections between " src " => " dst ":\n\n"
#define RULES " due to the following policies and rules:\n"
#define EGRESS_DEFAULT "\t\tEgress (Allowed) due to the system default (Allow all)\n"
#define INGRESS_DEFAULT "\t\tIngress (Allowed) due to the system default (Allow all)\n"
#define LOCK(dst) "\t\tEgress (Denied)\n" \
  "\t\t\tNetworkPolicy 'ns/lock' selects ns/c[Pod], but " dst " is not allowed by any Egress rule (no rules defined)\n"
#define B_NOT_ALLOWED(src) "\t\tIngress (Denied)\n\t\t\tNetworkPolicy list:\n" \
  "\t\t\t\t- NetworkPolicy 'ns/web' selects ns/b[Pod], but " src " is not allowed by any Ingress rule\n" \
  "\t\t\t\t- NetworkPolicy 'ns/web2' selects ns/b[Pod], but " src " is not allowed by any Ingress rule\n\n"

#define SPECIFIC_HEADER "\n##########################################\n" \
  "# Specific connections and their reasons #\n##########################################\n"
#define DEFAULT_HEADER "\n#########################################################\n" \
  "# All Connections due to the system default (Allow all) #\n" \
  "#########################################################\n"

/* From outside to b: no rule of web or web2 selects an address. */
#define BLOCK_EXT_B BETWEEN (EXT, "ns/b[Pod]") \
  "Denied connections:\n" \
  "\tDenied TCP, UDP, SCTP" RULES EGRESS_DEFAULT B_NOT_ALLOWED (EXT) "\n"

/* a to b: TCP 80 allowed by both policies (the list form), TCP 81 by
 * web2 alone, the rest refused by both rules' ports. */
#define BLOCK_A_B BETWEEN ("ns/a[Pod]", "ns/b[Pod]") \
  "Allowed connections:\n" \
  "\tAllowed TCP:[80]" RULES EGRESS_DEFAULT "\t\tIngress (Allowed)\n\t\t\tNetworkPolicy list:\n" \
  "\t\t\t\t- NetworkPolicy 'ns/web' allows connections by Ingress rule #1\n" \
  "\t\t\t\t- NetworkPolicy 'ns/web2' allows connections by Ingress rule #1\n\n\n" \
  "\tAllowed TCP:[81]" RULES EGRESS_DEFAULT "\t\tIngress (Allowed)\n" \
  "\t\t\tNetworkPolicy 'ns/web2' allows connections by Ingress rule #1\n\n" \
  "Denied connections:\n" \
  "\tDenied TCP:[1-79,82-65535], UDP, SCTP" RULES EGRESS_DEFAULT "\t\tIngress (Denied)\n" \
  "\t\t\tNetworkPolicy list:\n" \
  "\t\t\t\t- NetworkPolicy 'ns/web' selects ns/b[Pod], and Ingress rule #1 selects ns/a[Pod], " \
  "but the protocols and ports do not match\n" \
  "\t\t\t\t- NetworkPolicy 'ns/web2' selects ns/b[Pod], and Ingress rule #1 selects ns/a[Pod], " \
  "but the protocols and ports do not match\n\n\n"

/* c may send nothing: lock has no egress rule. */
#define BLOCK_C_EXT BETWEEN ("ns/c[Pod]", EXT) \
  "Denied connections:\n\tDenied TCP, UDP, SCTP" RULES LOCK (EXT) INGRESS_DEFAULT "\n"
#define BLOCK_C_A BETWEEN ("ns/c[Pod]", "ns/a[Pod]") \
  "Denied connections:\n\tDenied TCP, UDP, SCTP" RULES LOCK ("ns/a[Pod]") INGRESS_DEFAULT "\n"
#define BLOCK_C_B BETWEEN ("ns/c[Pod]", "ns/b[Pod]") \
  "Denied connections:\n\tDenied TCP, UDP, SCTP" RULES LOCK ("ns/b[Pod]") B_NOT_ALLOWED ("ns/c[Pod]") "\n"

#define DEFAULT_PAIRS \
  EXT " => ns/a[Pod]\n" EXT " => ns/c[Pod]\n" \
  "ns/a[Pod] => " EXT "\n" "ns/a[Pod] => ns/c[Pod]\n" \
  "ns/b[Pod] => " EXT "\n" "ns/b[Pod] => ns/a[Pod]\n" "ns/b[Pod] => ns/c[Pod]\n"

static NpEvaluator *
evaluator_for (const char *text)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
}

static char *
explain (const char *text, NpExplainOnly only, gboolean with_lines)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for (text);
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(NpConnlist) list = NULL;

  focus->keep_empty = TRUE;
  list = np_connlist_compute_focused (evaluator, focus);
  return np_connlist_explain (evaluator, list, only, with_lines);
}

static void
test_explain_all (void)
{
  g_autofree char *text = explain (cluster, NP_EXPLAIN_ONLY_ALL, FALSE);

  g_assert_cmpstr (text, ==,
                   SPECIFIC_HEADER BLOCK_EXT_B BLOCK_A_B BLOCK_C_EXT BLOCK_C_A BLOCK_C_B
                   DEFAULT_HEADER DEFAULT_PAIRS);
}

static void
test_explain_only (void)
{
  g_autofree char *allow = explain (cluster, NP_EXPLAIN_ONLY_ALLOW, FALSE);
  g_autofree char *deny = explain (cluster, NP_EXPLAIN_ONLY_DENY, FALSE);
  NpExplainOnly only = NP_EXPLAIN_ONLY_ALL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (allow, ==, SPECIFIC_HEADER BLOCK_A_B DEFAULT_HEADER DEFAULT_PAIRS);
  g_assert_cmpstr (deny, ==, SPECIFIC_HEADER BLOCK_EXT_B BLOCK_C_EXT BLOCK_C_A BLOCK_C_B);

  g_assert_true (np_explain_only_parse ("deny", &only, NULL));
  g_assert_cmpint (only, ==, NP_EXPLAIN_ONLY_DENY);
  g_assert_false (np_explain_only_parse ("Allow", &only, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* With lines, each rule line ends in where the rule (or, for a reason of
 * the whole policy, the policy) is written. */
static void
test_explain_lines (void)
{
  g_autofree char *text = explain (cluster, NP_EXPLAIN_ONLY_ALL, TRUE);

  /* web's ingress rule is on line 23 of the stream, lock starts on line 36. */
  g_assert_nonnull (strstr (text, "\t\t\t\t- NetworkPolicy 'ns/web' allows connections by Ingress rule #1 (cluster.yaml:23)\n"));
  g_assert_nonnull (strstr (text, "\t\t\tNetworkPolicy 'ns/lock' selects ns/c[Pod], but ns/a[Pod] is not allowed by "
                                  "any Egress rule (no rules defined) (cluster.yaml:36)\n"));
}

/* A named port the destination does not define: netpol-analyzer's
 * named-port reason, not the port mismatch. */
static void
test_explain_named_port (void)
{
  static const char named[] =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns, labels: {app: a}}\n"
    "spec: {containers: [{name: c}]}\n---\n"
    "apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: ns, labels: {app: b}}\n"
    "spec: {containers: [{name: c}]}\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: ns}\n"
    "spec:\n  podSelector: {matchLabels: {app: b}}\n  policyTypes: [Ingress]\n"
    "  ingress:\n  - from: [{podSelector: {}}]\n    ports: [{port: http}]\n";
  g_autofree char *text = explain (named, NP_EXPLAIN_ONLY_ALL, FALSE);

  g_assert_nonnull (strstr (text, BETWEEN ("ns/a[Pod]", "ns/b[Pod]")
                                  "Denied connections:\n\tDenied TCP, UDP, SCTP" RULES EGRESS_DEFAULT
                                  "\t\tIngress (Denied)\n\t\t\tNetworkPolicy 'ns/web' selects ns/b[Pod], "
                                  "and Ingress rule #1 selects ns/a[Pod], but named ports of the rule have no "
                                  "match in the configuration of the destination peer\n\n"));
}

/* Cilium: the allow entry allows TCP 80-81 from a, the deny entry takes
 * TCP 81 away and is then its only reason. */
static void
test_explain_cilium (void)
{
  static const char cilium[] =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns, labels: {app: a}}\n"
    "spec: {containers: [{name: c}]}\n---\n"
    "apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: ns, labels: {app: b}}\n"
    "spec: {containers: [{name: c}]}\n---\n"
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cw, namespace: ns}\n"
    "spec:\n  endpointSelector: {matchLabels: {app: b}}\n"
    "  ingress:\n  - fromEndpoints: [{matchLabels: {app: a}}]\n"
    "    toPorts: [{ports: [{port: \"80\", endPort: 81, protocol: TCP}]}]\n"
    "  ingressDeny:\n  - fromEndpoints: [{matchLabels: {app: a}}]\n"
    "    toPorts: [{ports: [{port: \"81\", protocol: TCP}]}]\n";
  g_autofree char *text = explain (cilium, NP_EXPLAIN_ONLY_ALL, FALSE);

  g_assert_nonnull (strstr (text, BETWEEN ("ns/a[Pod]", "ns/b[Pod]")
                                  "Allowed connections:\n\tAllowed TCP:[80]" RULES EGRESS_DEFAULT
                                  "\t\tIngress (Allowed)\n"
                                  "\t\t\tCiliumNetworkPolicy 'ns/cw' allows connections by Ingress rule #1\n\n"
                                  "Denied connections:\n"
                                  "\tDenied TCP:[1-79,82-65535], UDP, SCTP" RULES EGRESS_DEFAULT
                                  "\t\tIngress (Denied)\n"
                                  "\t\t\tCiliumNetworkPolicy 'ns/cw' selects ns/b[Pod], and Ingress rule #1 selects "
                                  "ns/a[Pod], but the protocols and ports do not match\n\n"
                                  "\tDenied TCP:[81]" RULES EGRESS_DEFAULT "\t\tIngress (Denied)\n"
                                  "\t\t\tCiliumNetworkPolicy 'ns/cw' denies connections by IngressDeny rule #1\n\n"));
}

/* With --explain, dot keeps the pairs that allow nothing as "No
 * Connections" edges [§2]; without it they are left out. */
static void
test_explain_dot (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for (cluster);
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(NpConnlist) list = NULL;
  g_autoptr(NpConnlist) plain = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *plain_dot = NULL;
  const char *edge = "\t\"ns/c[Pod]\" -> \"ns/b[Pod]\" [label=\"No Connections\" color=\"gold2\" "
                     "fontcolor=\"darkgreen\" weight=1]\n";

  plain = np_connlist_compute_focused (evaluator, focus);
  focus->keep_empty = TRUE;
  list = np_connlist_compute_focused (evaluator, focus);
  dot = np_connlist_to_string (list, NP_CONNLIST_DOT);
  plain_dot = np_connlist_to_string (plain, NP_CONNLIST_DOT);
  g_assert_nonnull (strstr (dot, edge));
  g_assert_nonnull (strstr (dot, "\t\"ns/a[Pod]\" -> \"ns/b[Pod]\" [label=\"TCP 80-81\""));
  g_assert_null (strstr (plain_dot, "No Connections"));
  g_assert_cmpuint (list->connections->len, ==, 12);
  g_assert_cmpuint (plain->connections->len, ==, 8);
}

/* The ingress controller's pairs: its fake pod on both sides, and on the
 * Ingress side the Route beside the policies. frontend-netpol's rule #2
 * lets every namespace in on TCP 8080, which the Route opens too; the
 * default deny and the Route refuse the other ports. */
static const char frontend[] =
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: frontend, namespace: default}\n"
  "spec:\n  selector: {matchLabels: {app: frontend}}\n"
  "  template:\n    metadata: {labels: {app: frontend}}\n"
  "    spec: {containers: [{name: server, ports: [{containerPort: 8080}]}]}\n---\n"
  "apiVersion: v1\nkind: Service\nmetadata: {name: frontend, namespace: default}\n"
  "spec: {selector: {app: frontend}, ports: [{name: http, port: 80, targetPort: 8080}]}\n---\n"
  "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: frontend, namespace: default}\n"
  "spec: {to: {kind: Service, name: frontend}, port: {targetPort: http}}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
  "metadata: {name: default-deny-in-namespace, namespace: default}\n"
  "spec: {podSelector: {}, policyTypes: [Ingress]}\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: frontend-netpol, namespace: default}\n"
  "spec:\n  podSelector: {matchLabels: {app: frontend}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: loadgenerator}}}]\n    ports: [{port: 8080}]\n"
  "  - from: [{namespaceSelector: {}}]\n    ports: [{port: 8080, protocol: TCP}]\n";

#define CONTROLLER "{ingress-controller}"
#define FRONTEND "default/frontend[Deployment]"
#define BLOCK_CONTROLLER_FRONTEND BETWEEN (CONTROLLER, FRONTEND) \
  "Allowed connections:\n" \
  "\tAllowed TCP:[8080]" RULES EGRESS_DEFAULT "\t\tIngress (Allowed)\n" \
  "\t\t\tNetworkPolicy 'default/frontend-netpol' allows connections by Ingress rule #2\n" \
  "\t\t\tRoute 'default/frontend' allows ingress connections through service frontend\n\n" \
  "Denied connections:\n" \
  "\tDenied TCP:[1-8079,8081-65535], UDP, SCTP" RULES EGRESS_DEFAULT "\t\tIngress (Denied)\n" \
  "\t\t\tNetworkPolicy list:\n" \
  "\t\t\t\t- NetworkPolicy 'default/default-deny-in-namespace' selects " FRONTEND ", but " CONTROLLER \
  " is not allowed by any Ingress rule (no rules defined)\n" \
  "\t\t\t\t- NetworkPolicy 'default/frontend-netpol' selects " FRONTEND ", and Ingress rule #2 selects " \
  CONTROLLER ", but the protocols and ports do not match\n\n" \
  "\t\t\tRoute 'default/frontend' allows ingress to service frontend, but the protocols and ports do not match\n\n"

static void
test_explain_ingress_route (void)
{
  g_autofree char *text = explain (frontend, NP_EXPLAIN_ONLY_ALL, FALSE);
  g_autofree char *lines = explain (frontend, NP_EXPLAIN_ONLY_ALL, TRUE);
  g_autofree char *deny = explain (frontend, NP_EXPLAIN_ONLY_DENY, FALSE);

  /* The controller's block comes last among the specific ones. */
  g_assert_cmpstr (text, ==,
                   SPECIFIC_HEADER
                   BETWEEN (EXT, FRONTEND)
                   "Denied connections:\n\tDenied TCP, UDP, SCTP" RULES EGRESS_DEFAULT "\t\tIngress (Denied)\n"
                   "\t\t\tNetworkPolicy list:\n"
                   "\t\t\t\t- NetworkPolicy 'default/default-deny-in-namespace' selects " FRONTEND ", but " EXT
                   " is not allowed by any Ingress rule (no rules defined)\n"
                   "\t\t\t\t- NetworkPolicy 'default/frontend-netpol' selects " FRONTEND ", but " EXT
                   " is not allowed by any Ingress rule\n\n\n"
                   BLOCK_CONTROLLER_FRONTEND
                   DEFAULT_HEADER FRONTEND " => " EXT "\n");
  /* The Route starts on line 15 of the stream. */
  g_assert_nonnull (strstr (lines, "\t\t\tRoute 'default/frontend' allows ingress connections through service "
                                   "frontend (cluster.yaml:15)\n"));
  /* The controller's pair allows something. */
  g_assert_null (strstr (deny, CONTROLLER));
}

/* Two Routes to one Service, each for one of its ports, and no policy:
 * the ports each opens are a class of their own, the other ports are
 * refused by both (the third containerPort, 8050, too: no Route asks for
 * it), and nothing is the system default's on the Ingress side. */
static void
test_explain_ingress_ports (void)
{
  static const char routes[] =
    "apiVersion: v1\nkind: Namespace\nmetadata: {name: ingressworld}\n---\n"
    "apiVersion: apps/v1\nkind: Deployment\n"
    "metadata: {name: ingress-world-multiple-ports, namespace: ingressworld}\n"
    "spec:\n  selector: {matchLabels: {app: ingress-world}}\n"
    "  template:\n    metadata: {labels: {app: ingress-world}}\n"
    "    spec: {containers: [{name: c, ports: [{containerPort: 8000}, {containerPort: 8050}, "
    "{containerPort: 8090}]}]}\n---\n"
    "apiVersion: v1\nkind: Service\nmetadata: {name: ingress-world, namespace: ingressworld}\n"
    "spec: {selector: {app: ingress-world}, ports: [{name: first, port: 8000}, {name: second, port: 8090}]}\n---\n"
    "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: route-1, namespace: ingressworld}\n"
    "spec: {to: {kind: Service, name: ingress-world}, port: {targetPort: 8000}}\n---\n"
    "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: route-2, namespace: ingressworld}\n"
    "spec: {to: {name: ingress-world}, port: {targetPort: second}}\n";
  g_autofree char *text = explain (routes, NP_EXPLAIN_ONLY_ALL, FALSE);

#define WORLD "ingressworld/ingress-world-multiple-ports[Deployment]"
  g_assert_cmpstr (text, ==,
                   SPECIFIC_HEADER
                   BETWEEN (CONTROLLER, WORLD)
                   "Allowed connections:\n"
                   "\tAllowed TCP:[8000]" RULES EGRESS_DEFAULT "\t\tIngress (Allowed)\n"
                   "\t\t\tRoute 'ingressworld/route-1' allows ingress connections through service ingress-world\n\n"
                   "\tAllowed TCP:[8090]" RULES EGRESS_DEFAULT "\t\tIngress (Allowed)\n"
                   "\t\t\tRoute 'ingressworld/route-2' allows ingress connections through service ingress-world\n\n"
                   "Denied connections:\n"
                   "\tDenied TCP:[1-7999,8001-8089,8091-65535], UDP, SCTP" RULES EGRESS_DEFAULT
                   "\t\tIngress (Denied)\n\t\t\tRoute list:\n"
                   "\t\t\t\t- Route 'ingressworld/route-1' allows ingress to service ingress-world, "
                   "but the protocols and ports do not match\n"
                   "\t\t\t\t- Route 'ingressworld/route-2' allows ingress to service ingress-world, "
                   "but the protocols and ports do not match\n\n\n"
                   DEFAULT_HEADER EXT " => " WORLD "\n" WORLD " => " EXT "\n");
#undef WORLD
}

/* An Ingress is named by its kind word, Ingress, and sorts before the
 * NetworkPolicy: here the policy allows TCP 8080 from everywhere, and the
 * Ingress reaches the Service's port by name. */
static void
test_explain_ingress_object (void)
{
  static const char text[] =
    "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n"
    "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n"
    "spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}\n---\n"
    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
    "spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\n"
    "spec: {defaultBackend: {service: {name: web, port: {name: http}}}}\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open, namespace: shop}\n"
    "spec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 8080}]\n";
  g_autofree char *explained = explain (text, NP_EXPLAIN_ONLY_ALLOW, FALSE);

  g_assert_nonnull (strstr (explained, BETWEEN (CONTROLLER, "shop/web[Pod]")
                                       "Allowed connections:\n"
                                       "\tAllowed TCP:[8080]" RULES EGRESS_DEFAULT "\t\tIngress (Allowed)\n"
                                       "\t\t\tIngress 'shop/web' allows ingress connections through service web\n"
                                       "\t\t\tNetworkPolicy 'shop/open' allows connections by Ingress rule #1\n\n"
                                       "Denied connections:\n"
                                       "\tDenied TCP:[1-8079,8081-65535], UDP, SCTP" RULES EGRESS_DEFAULT
                                       "\t\tIngress (Denied)\n"
                                       "\t\t\tIngress 'shop/web' allows ingress to service web, but the protocols "
                                       "and ports do not match\n"
                                       "\t\t\tNetworkPolicy 'shop/open' selects shop/web[Pod], and Ingress rule #1 "
                                       "selects " CONTROLLER ", but the protocols and ports do not match\n\n"));
}

/* A port the Route opens but the policy refuses is denied with the
 * policy's reasons alone, and the pair still shows the port both allow. */
static void
test_explain_ingress_refused (void)
{
  static const char text[] =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n"
    "spec: {containers: [{name: c, ports: [{containerPort: 8080}, {containerPort: 9090}]}]}\n---\n"
    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
    "spec: {selector: {app: web}, ports: [{port: 8080}, {port: 9090}]}\n---\n"
    "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: web, namespace: shop}\n"
    "spec: {to: {kind: Service, name: web}}\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open, namespace: shop}\n"
    "spec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 8080}]\n";
  g_autofree char *explained = explain (text, NP_EXPLAIN_ONLY_ALL, FALSE);
  const char *policy_refuses = "\t\t\tNetworkPolicy 'shop/open' selects shop/web[Pod], and Ingress rule #1 "
                               "selects " CONTROLLER ", but the protocols and ports do not match\n";

  g_assert_nonnull (strstr (explained, BETWEEN (CONTROLLER, "shop/web[Pod]") "Allowed connections:\n"
                                       "\tAllowed TCP:[8080]" RULES EGRESS_DEFAULT "\t\tIngress (Allowed)\n"
                                       "\t\t\tNetworkPolicy 'shop/open' allows connections by Ingress rule #1\n"
                                       "\t\t\tRoute 'shop/web' allows ingress connections through service web\n\n"
                                       "Denied connections:\n"));
  g_assert_nonnull (strstr (explained, "\tDenied TCP:[9090]" RULES EGRESS_DEFAULT "\t\tIngress (Denied)\n"));
  g_assert_nonnull (strstr (strstr (explained, "\tDenied TCP:[9090]"), policy_refuses));
  g_assert_null (strstr (strstr (explained, "\tDenied TCP:[9090]"), "service web, but"));
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/explain-list/all", test_explain_all);
  g_test_add_func ("/explain-list/only", test_explain_only);
  g_test_add_func ("/explain-list/lines", test_explain_lines);
  g_test_add_func ("/explain-list/named-port", test_explain_named_port);
  g_test_add_func ("/explain-list/cilium", test_explain_cilium);
  g_test_add_func ("/explain-list/dot", test_explain_dot);
  g_test_add_func ("/explain-list/ingress-route", test_explain_ingress_route);
  g_test_add_func ("/explain-list/ingress-ports", test_explain_ingress_ports);
  g_test_add_func ("/explain-list/ingress-object", test_explain_ingress_object);
  g_test_add_func ("/explain-list/ingress-refused", test_explain_ingress_refused);
  return g_test_run ();
}
