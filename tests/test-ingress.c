/* test-ingress.c: the ingress controller's connections through Ingresses and Routes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected list below was worked out by hand from
 * ../shared/docs/analysis-formats.md §7 (and netpol-analyzer's
 * ingress_analyzer.go where the doc is silent): the Service resolution, the
 * containerPort check, the intersection with the policies and the warnings.
 */
#include "config.h"

#include <string.h>

#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-ingress.h"
#include "np-inventory.h"

/* A namespace "shop" with a Deployment "web" (containerPorts 8080 named
 * http-alt, 8443 named https, 9090 named metrics and 5353/UDP named dns)
 * and a Service "web" selecting it. */
#define WORKLOAD \
  "apiVersion: v1\n" \
  "kind: Namespace\n" \
  "metadata: {name: shop}\n" \
  "---\n" \
  "apiVersion: apps/v1\n" \
  "kind: Deployment\n" \
  "metadata: {name: web, namespace: shop}\n" \
  "spec:\n" \
  "  template:\n" \
  "    metadata: {labels: {app: web}}\n" \
  "    spec:\n" \
  "      containers:\n" \
  "      - name: web\n" \
  "        ports:\n" \
  "        - {containerPort: 8080, name: http-alt}\n" \
  "        - {containerPort: 8443, name: https}\n" \
  "        - {containerPort: 9090, name: metrics}\n" \
  "        - {containerPort: 5353, name: dns, protocol: UDP}\n" \
  "---\n" \
  "apiVersion: v1\n" \
  "kind: Service\n" \
  "metadata: {name: web, namespace: shop}\n" \
  "spec:\n" \
  "  selector: {app: web}\n" \
  "  ports:\n" \
  "  - {name: http, port: 80, targetPort: 8080}\n" \
  "  - {name: tls, port: 443, targetPort: https}\n" \
  "  - {name: dns, port: 53, targetPort: dns, protocol: UDP}\n" \
  "---\n"

/* One Ingress in shop with a single path to @backend. */
#define INGRESS(backend) \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: Ingress\n" \
  "metadata: {name: front, namespace: shop}\n" \
  "spec:\n" \
  "  rules:\n" \
  "  - host: shop.example.com\n" \
  "    http:\n" \
  "      paths:\n" \
  "      - path: /\n" \
  "        pathType: Prefix\n" \
  "        backend: " backend "\n" \
  "---\n"

typedef struct {
  char *rows;   /* the ingress controller's rows, as txt */
  char *list;   /* the whole connectivity list, as txt */
  char *notes;  /* the evaluator's notes, one a line */
} Result;

static void
result_clear (Result *r)
{
  g_free (r->rows);
  g_free (r->list);
  g_free (r->notes);
}

static void
analyse (const char *text, const char *focus, Result *r)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpEvaluator) list_evaluator = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GString *notes = g_string_new (NULL);
  GPtrArray *all;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "test.yaml", &error));
  g_assert_no_error (error);
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  rows = np_ingress_compute (evaluator, focus);
  r->rows = np_connlist_format (rows, NP_CONNLIST_TEXT);
  all = np_evaluator_get_notes (evaluator);
  for (guint i = 0; i < all->len; i++)
    g_string_append_printf (notes, "%s\n", (char *) all->pdata[i]);
  r->notes = g_string_free (notes, FALSE);

  list_evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  list = np_connlist_compute (list_evaluator, focus, &error);
  g_assert_no_error (error);
  r->list = np_connlist_format (list, NP_CONNLIST_TEXT);
}

#define BLOCKED(kind, object, workload) \
  kind " resource " object " specified workload " workload " as a backend, but network policies are " \
  "blocking ingress connections from an arbitrary in-cluster source to this workload. Connectivity map " \
  "will not include a possibly allowed connection between the ingress controller and this workload.\n"

/* Port 80 of the Service has targetPort 8080, a containerPort of web. */
static void
test_numbered_port (void)
{
  Result r = { 0 };

  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {number: 80}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8080\n");
  g_assert_cmpstr (r.notes, ==, "");
  /* Last in the whole list, after the external ranges. */
  g_assert_true (g_str_has_suffix (r.list, "\n{ingress-controller} => shop/web[Deployment] : TCP 8080\n"));
  g_assert_true (g_str_has_prefix (r.list, "0.0.0.0-255.255.255.255[External] => shop/web[Deployment]"));
  result_clear (&r);

  /* The number may also be the targetPort itself. */
  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {number: 8080}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8080\n");
  result_clear (&r);

  /* A number no Service port has: nothing to reach, so netpol-analyzer
   * drops the pair with its "blocked" warning. */
  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {number: 81}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==, BLOCKED ("K8s-Ingress", "shop/front", "shop/web[Deployment]"));
  result_clear (&r);
}

/* "tls" is the Service port 443, whose targetPort is the containerPort
 * named https: 8443. */
static void
test_named_port (void)
{
  Result r = { 0 };

  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {name: tls}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8443\n");
  g_assert_cmpstr (r.notes, ==, "");
  result_clear (&r);

  /* "dns" leads to a UDP containerPort: an Ingress reaches TCP only. */
  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {name: dns}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==, BLOCKED ("K8s-Ingress", "shop/front", "shop/web[Deployment]"));
  result_clear (&r);

  /* An Ingress port name is matched against the Service port names only,
   * never against a named targetPort (upstream compares IntOrString values
   * and the Ingress's has no type): "https" names no Service port. */
  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {name: https}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  result_clear (&r);
}

/* A defaultBackend without a port: every port of the Service, here 8080
 * and 8443 (the UDP one is named dns, which is UDP on the pod: left out). */
static void
test_default_backend (void)
{
  Result r = { 0 };

  analyse (WORKLOAD
           "apiVersion: networking.k8s.io/v1\n"
           "kind: Ingress\n"
           "metadata: {name: catch-all, namespace: shop}\n"
           "spec:\n"
           "  defaultBackend:\n"
           "    service: {name: web}\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8080,8443\n");
  g_assert_cmpstr (r.notes, ==, "");
  result_clear (&r);

  /* A resource backend is not a Service: left out with upstream's words. */
  analyse (WORKLOAD
           "apiVersion: networking.k8s.io/v1\n"
           "kind: Ingress\n"
           "metadata: {name: static, namespace: shop}\n"
           "spec:\n"
           "  defaultBackend:\n"
           "    resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: assets}\n"
           "  rules:\n"
           "  - http:\n"
           "      paths:\n"
           "      - path: /\n"
           "        backend: {service: {name: web, port: {number: 443}}}\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8443\n");
  g_assert_cmpstr (r.notes, ==, "Ingress shop/static: ignoring default backend\n");
  result_clear (&r);
}

static void
test_missing_service (void)
{
  Result r = { 0 };

  analyse (WORKLOAD INGRESS ("{service: {name: shop-api, port: {number: 80}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==, "Ignoring target service shop-api : service not found\n");
  result_clear (&r);

  /* In a namespace without any Service that selects something, the object
   * is skipped without a word, as netpol-analyzer does. */
  analyse (WORKLOAD
           "apiVersion: networking.k8s.io/v1\n"
           "kind: Ingress\n"
           "metadata: {name: elsewhere, namespace: other}\n"
           "spec:\n"
           "  defaultBackend: {service: {name: web}}\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==, "");
  result_clear (&r);
}

static void
test_service_without_selector (void)
{
  Result r = { 0 };

  analyse (WORKLOAD
           "apiVersion: v1\n"
           "kind: Service\n"
           "metadata: {name: external-db, namespace: shop}\n"
           "spec:\n"
           "  ports: [{port: 5432}]\n"
           "---\n"
           INGRESS ("{service: {name: external-db, port: {number: 5432}}}"), NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==,
                   "Ignoring Service shop/external-db: K8s Service without selectors is not supported\n"
                   "Ignoring target service external-db : service not found\n");
  result_clear (&r);

  /* Without any Ingress or Route nothing is said about such a Service. */
  analyse (WORKLOAD
           "apiVersion: v1\n"
           "kind: Service\n"
           "metadata: {name: external-db, namespace: shop}\n"
           "spec: {ports: [{port: 5432}]}\n", NULL, &r);
  g_assert_cmpstr (r.notes, ==, "");
  g_assert_null (strstr (r.list, "{ingress-controller}"));
  result_clear (&r);
}

/* A Route to "blue" with weighted alternate backends: the weights only share
 * the traffic out, so both Services' workloads are reached, on the
 * targetPort named http (a Service port name here). A backend of another
 * kind is left out with netpol-analyzer's warning (its trailing space
 * included). */
static void
test_route_alternate_backends (void)
{
  Result r = { 0 };

  analyse ("apiVersion: apps/v1\n"
           "kind: Deployment\n"
           "metadata: {name: blue, namespace: prod}\n"
           "spec:\n"
           "  template:\n"
           "    metadata: {labels: {app: shop, track: blue}}\n"
           "    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}\n"
           "---\n"
           "apiVersion: apps/v1\n"
           "kind: StatefulSet\n"
           "metadata: {name: green, namespace: prod}\n"
           "spec:\n"
           "  template:\n"
           "    metadata: {labels: {app: shop, track: green}}\n"
           "    spec: {containers: [{name: c, ports: [{containerPort: 8081, name: web}]}]}\n"
           "---\n"
           "apiVersion: v1\n"
           "kind: Service\n"
           "metadata: {name: blue, namespace: prod}\n"
           "spec:\n"
           "  selector: {track: blue}\n"
           "  ports: [{name: http, port: 80, targetPort: 8080}]\n"
           "---\n"
           "apiVersion: v1\n"
           "kind: Service\n"
           "metadata: {name: green, namespace: prod}\n"
           "spec:\n"
           "  selector: {track: green}\n"
           "  ports: [{name: http, port: 80, targetPort: web}]\n"
           "---\n"
           "apiVersion: route.openshift.io/v1\n"
           "kind: Route\n"
           "metadata: {name: shop, namespace: prod}\n"
           "spec:\n"
           "  host: shop.example.com\n"
           "  port: {targetPort: http}\n"
           "  to: {kind: Service, name: blue, weight: 80}\n"
           "  alternateBackends:\n"
           "  - {kind: Service, name: green, weight: 20}\n"
           "  - {kind: Deployment, name: canary, weight: 0}\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==,
                   "{ingress-controller} => prod/blue[Deployment] : TCP 8080\n"
                   "{ingress-controller} => prod/green[StatefulSet] : TCP 8081\n");
  g_assert_cmpstr (r.notes, ==, "Route prod/shop: ignoring alternate backend without Service \n");
  result_clear (&r);
}

/* Only pods of shop may reach web: the fake controller pod, in namespace
 * ingress-controller-ns, may not, so the pair is dropped with a warning. */
static void
test_blocked_by_policy (void)
{
  Result r = { 0 };

  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {number: 80}}}")
           "apiVersion: networking.k8s.io/v1\n"
           "kind: NetworkPolicy\n"
           "metadata: {name: same-namespace, namespace: shop}\n"
           "spec:\n"
           "  podSelector: {}\n"
           "  ingress: [{from: [{podSelector: {}}]}]\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==, BLOCKED ("K8s-Ingress", "shop/front", "shop/web[Deployment]"));
  g_assert_null (strstr (r.list, "{ingress-controller}"));
  result_clear (&r);

  /* A Route alone: the warning names it. */
  analyse (WORKLOAD
           "apiVersion: route.openshift.io/v1\n"
           "kind: Route\n"
           "metadata: {name: web, namespace: shop}\n"
           "spec: {to: {name: web}}\n"
           "---\n"
           "apiVersion: networking.k8s.io/v1\n"
           "kind: NetworkPolicy\n"
           "metadata: {name: deny-all, namespace: shop}\n"
           "spec: {podSelector: {}, policyTypes: [Ingress]}\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==, BLOCKED ("Route", "shop/web", "shop/web[Deployment]"));
  result_clear (&r);

  /* The controller's namespace carries its kubernetes.io/metadata.name
   * label, so a rule naming it lets the controller in. */
  analyse (WORKLOAD INGRESS ("{service: {name: web, port: {number: 80}}}")
           "apiVersion: networking.k8s.io/v1\n"
           "kind: NetworkPolicy\n"
           "metadata: {name: from-ingress, namespace: shop}\n"
           "spec:\n"
           "  podSelector: {}\n"
           "  ingress:\n"
           "  - from:\n"
           "    - namespaceSelector:\n"
           "        matchLabels: {kubernetes.io/metadata.name: ingress-controller-ns}\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8080\n");
  g_assert_cmpstr (r.notes, ==, "");
  result_clear (&r);
}

/* The defaultBackend reaches 8080 and 8443; the policy lets any namespace
 * in on 8443 and 9090 only: 8443 is left. */
static void
test_policy_intersection (void)
{
  Result r = { 0 };

  analyse (WORKLOAD
           "apiVersion: networking.k8s.io/v1\n"
           "kind: Ingress\n"
           "metadata: {name: catch-all, namespace: shop}\n"
           "spec: {defaultBackend: {service: {name: web}}}\n"
           "---\n"
           "apiVersion: networking.k8s.io/v1\n"
           "kind: NetworkPolicy\n"
           "metadata: {name: tls-only, namespace: shop}\n"
           "spec:\n"
           "  podSelector: {matchLabels: {app: web}}\n"
           "  ingress:\n"
           "  - from: [{namespaceSelector: {}}]\n"
           "    ports: [{port: 8443}, {port: metrics}]\n", NULL, &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8443\n");
  g_assert_cmpstr (r.notes, ==, "");
  result_clear (&r);
}

static void
test_focus (void)
{
  const char *text =
    WORKLOAD
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata: {name: api, namespace: shop}\n"
    "spec:\n"
    "  template:\n"
    "    metadata: {labels: {app: api}}\n"
    "    spec: {containers: [{name: c, ports: [{containerPort: 3000}]}]}\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: Service\n"
    "metadata: {name: api, namespace: shop}\n"
    "spec: {selector: {app: api}, ports: [{port: 3000}]}\n"
    "---\n"
    "apiVersion: networking.k8s.io/v1\n"
    "kind: Ingress\n"
    "metadata: {name: both, namespace: shop}\n"
    "spec:\n"
    "  rules:\n"
    "  - http:\n"
    "      paths:\n"
    "      - {path: /, backend: {service: {name: web, port: {name: http}}}}\n"
    "      - {path: /api, backend: {service: {name: api, port: {number: 3000}}}}\n";
  Result r = { 0 };

  analyse (text, NULL, &r);
  g_assert_cmpstr (r.rows, ==,
                   "{ingress-controller} => shop/api[Deployment] : TCP 3000\n"
                   "{ingress-controller} => shop/web[Deployment] : TCP 8080\n");
  result_clear (&r);
  analyse (text, "shop/web[Deployment]", &r);
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8080\n");
  /* the list's focus keeps the controller's row into web, not into api */
  g_assert_true (g_str_has_suffix (r.list, "\n{ingress-controller} => shop/web[Deployment] : TCP 8080\n"));
  g_assert_null (strstr (r.list, "=> shop/api[Deployment] : TCP 3000"));
  result_clear (&r);

  /* netpol-analyzer's focus names the controller "ingress-controller". */
  {
    g_autoptr(NpInventory) inventory = np_inventory_new ();
    g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
    g_autoptr(NpEvaluator) evaluator = NULL;
    g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
    g_autoptr(NpConnlist) list = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *lines = NULL;

    g_assert_true (np_inventory_add_bytes (inventory, bytes, "test.yaml", &error));
    evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
    np_connlist_focus_add_workloads (focus, "ingress-controller");
    g_assert_true (np_connlist_focus_set_conn (focus, "TCP-3000", NULL));
    list = np_connlist_compute_focused (evaluator, focus);
    g_assert_cmpuint (list->warnings->len, ==, 0);
    lines = np_connlist_format (list->connections, NP_CONNLIST_TEXT);
    g_assert_cmpstr (lines, ==, "{ingress-controller} => shop/api[Deployment] : TCP 3000\n");
  }
}

/* Fields of the wrong type are left out with a positioned warning. */
static void
test_wrong_types (void)
{
  Result r = { 0 };

  analyse ("apiVersion: apps/v1\n"
           "kind: Deployment\n"
           "metadata: {name: web, namespace: shop}\n"
           "spec:\n"
           "  template:\n"
           "    metadata: {labels: {app: web}}\n"
           "    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}\n"
           "---\n"
           "apiVersion: v1\n"
           "kind: Service\n"
           "metadata: {name: web, namespace: shop}\n"
           "spec:\n"
           "  selector: {app: web}\n"
           "  ports:\n"
           "  - {port: eighty, targetPort: 8080}\n"
           "  - just-a-string\n"
           "---\n"
           "apiVersion: networking.k8s.io/v1\n"
           "kind: Ingress\n"
           "metadata: {name: front, namespace: shop}\n"
           "spec:\n"
           "  rules:\n"
           "  - http: {paths: {path: /}}\n"
           "  - http:\n"
           "      paths:\n"
           "      - backend: {service: {name: web, port: [80]}}\n"
           "---\n"
           "apiVersion: route.openshift.io/v1\n"
           "kind: Route\n"
           "metadata: {name: r, namespace: shop}\n"
           "spec: {to: web, port: {targetPort: {number: 1}}}\n", NULL, &r);
  g_assert_cmpstr (r.notes, ==,
                   "test.yaml:15: Service shop/web: spec.ports[0].port is a string, not a port number "
                   "(1-65535); it is left out.\n"
                   "test.yaml:16: Service shop/web: spec.ports[1] is a string, not a mapping; it is left out.\n"
                   "test.yaml:23: Ingress shop/front: spec.rules[0].http.paths is a mapping, not a list; "
                   "it is left out.\n"
                   "test.yaml:26: Ingress shop/front: spec.rules[1].http.paths[0].backend.service.port is "
                   "a list, not a mapping; it is left out.\n"
                   "test.yaml:31: Route shop/r: spec.port.targetPort is a mapping, not a port number "
                   "(1-65535); it is left out.\n"
                   "test.yaml:31: Route shop/r: spec.to is a string, not a mapping; it is left out.\n"
                   "Ignoring target service  : service not found\n");
  /* The Ingress path without a port reaches every Service port: the first,
   * whose port is unreadable, still leads to its targetPort 8080. */
  g_assert_cmpstr (r.rows, ==, "{ingress-controller} => shop/web[Deployment] : TCP 8080\n");
  result_clear (&r);

  analyse ("apiVersion: networking.k8s.io/v1\n"
           "kind: Ingress\n"
           "metadata: {name: x, namespace: shop}\n"
           "spec: [1]\n", NULL, &r);
  g_assert_cmpstr (r.notes, ==, "test.yaml:4: Ingress shop/x: spec is a list, not a mapping; it is left out.\n");
  g_assert_cmpstr (r.rows, ==, "");
  result_clear (&r);
}

/* Without Ingress or Route nothing changes. */
static void
test_no_exposer (void)
{
  Result r = { 0 };

  analyse (WORKLOAD, NULL, &r);
  g_assert_cmpstr (r.rows, ==, "");
  g_assert_cmpstr (r.notes, ==, "");
  g_assert_cmpstr (r.list, ==,
                   "0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections\n"
                   "shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n");
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ingress/numbered-port", test_numbered_port);
  g_test_add_func ("/ingress/named-port", test_named_port);
  g_test_add_func ("/ingress/default-backend", test_default_backend);
  g_test_add_func ("/ingress/missing-service", test_missing_service);
  g_test_add_func ("/ingress/service-without-selector", test_service_without_selector);
  g_test_add_func ("/ingress/route-alternate-backends", test_route_alternate_backends);
  g_test_add_func ("/ingress/blocked-by-policy", test_blocked_by_policy);
  g_test_add_func ("/ingress/policy-intersection", test_policy_intersection);
  g_test_add_func ("/ingress/focus", test_focus);
  g_test_add_func ("/ingress/wrong-types", test_wrong_types);
  g_test_add_func ("/ingress/no-exposer", test_no_exposer);
  return g_test_run ();
}
