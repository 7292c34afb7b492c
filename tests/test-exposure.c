/* test-exposure.c: netpol-analyzer's exposure analysis (connectivity --exposure)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected outputs were worked out by hand from
 * shared/docs/analysis-formats.md §1, §2, §3 and §5 for the small cluster
 * below (the reasoning is in the comments); they are not copies of any
 * tool's output. The corpus case at the end is netpol-analyzer's own.
 *
 * The cluster:
 * - ops/toolbox: no policy selects it: unprotected both ways, an
 *   entire-cluster row with All Connections, the list's address rows
 *   repeated, and two "not protected" lines.
 * - shop/web: isolated on Ingress only. namespaceSelector {} opens TCP 80 to
 *   the entire cluster; pods of namespaces labelled team=payments get 443
 *   more (TCP 80,443, which differs from the entire cluster, so a row);
 *   shop/[pod with {app=monitor}] gets 9090 more; namespaces env=dev get
 *   only TCP 80, already the entire cluster's, so no row; the pair
 *   team=payments + app=pay has matchLabels only and the real pod
 *   payments/pay matches it, so that representative is dropped; the
 *   ipBlock row 10.0.0.0/8 : TCP 22 is repeated. Egress is unprotected.
 * - shop/db: isolated both ways; its only peer (app=web in shop) is matched
 *   by the real shop/web, so it has no exposure and is not listed.
 * - payments/pay: isolated both ways; egress only to shop's app=web, which
 *   a real pod matches: not listed either.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-exposure.h"
#include "np-inventory.h"
#include "np-manifest.h"
#include "np-policy.h"
#include "np-test-util.h"

static const char cluster[] =
  "apiVersion: v1\n"
  "kind: Namespace\n"
  "metadata: {name: payments, labels: {team: payments}}\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: web, namespace: shop, labels: {app: web}}\n"
  "spec: {containers: [{name: c}]}\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: db, namespace: shop, labels: {app: db}}\n"
  "spec: {containers: [{name: c}]}\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: pay, namespace: payments, labels: {app: pay}}\n"
  "spec: {containers: [{name: c}]}\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: Pod\n"
  "metadata: {name: toolbox, namespace: ops, labels: {app: tool}}\n"
  "spec: {containers: [{name: c}]}\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: web, namespace: shop}\n"
  "spec:\n"
  "  podSelector: {matchLabels: {app: web}}\n"
  "  policyTypes: [Ingress]\n"
  "  ingress:\n"
  "  - from: [{namespaceSelector: {}}]\n"
  "    ports: [{port: 80}]\n"
  "  - from: [{namespaceSelector: {matchLabels: {team: payments}}}]\n"
  "    ports: [{port: 443}]\n"
  "  - from: [{podSelector: {matchLabels: {app: monitor}}}]\n"
  "    ports: [{port: 9090}]\n"
  "  - from: [{namespaceSelector: {matchLabels: {env: dev}}}]\n"
  "    ports: [{port: 80}]\n"
  "  - from: [{namespaceSelector: {matchLabels: {team: payments}}, podSelector: {matchLabels: {app: pay}}}]\n"
  "    ports: [{port: 8443}]\n"
  "  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]\n"
  "    ports: [{port: 22}]\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: db, namespace: shop}\n"
  "spec:\n"
  "  podSelector: {matchLabels: {app: db}}\n"
  "  policyTypes: [Ingress, Egress]\n"
  "  ingress:\n"
  "  - from: [{podSelector: {matchLabels: {app: web}}}]\n"
  "    ports: [{port: 5432}]\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: pay, namespace: payments}\n"
  "spec:\n"
  "  podSelector: {}\n"
  "  policyTypes: [Ingress, Egress]\n"
  "  egress:\n"
  "  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}, podSelector: {matchLabels: {app: web}}}]\n"
  "    ports: [{port: 443}]\n";

static const char expected_txt[] =
  "0.0.0.0-9.255.255.255[External] => ops/toolbox[Pod] : All Connections\n"
  "10.0.0.0-10.255.255.255[External] => ops/toolbox[Pod] : All Connections\n"
  "10.0.0.0-10.255.255.255[External] => shop/web[Pod] : TCP 22\n"
  "11.0.0.0-255.255.255.255[External] => ops/toolbox[Pod] : All Connections\n"
  "ops/toolbox[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
  "ops/toolbox[Pod] => shop/web[Pod] : TCP 80\n"
  "payments/pay[Pod] => shop/web[Pod] : TCP 443\n"
  "shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
  "shop/web[Pod] => ops/toolbox[Pod] : All Connections\n"
  "shop/web[Pod] => shop/db[Pod] : TCP 5432\n"
  "\n"
  "Exposure Analysis Result:\n"
  "Egress Exposure:\n"
  "ops/toolbox[Pod] \t=> \t0.0.0.0-255.255.255.255[External] : All Connections\n"
  "ops/toolbox[Pod] \t=> \tentire-cluster : All Connections\n"
  "shop/web[Pod]    \t=> \t0.0.0.0-255.255.255.255[External] : All Connections\n"
  "shop/web[Pod]    \t=> \tentire-cluster : All Connections\n"
  "\n"
  "Ingress Exposure:\n"
  "ops/toolbox[Pod] \t<= \t0.0.0.0-9.255.255.255[External] : All Connections\n"
  "ops/toolbox[Pod] \t<= \t10.0.0.0-10.255.255.255[External] : All Connections\n"
  "ops/toolbox[Pod] \t<= \t11.0.0.0-255.255.255.255[External] : All Connections\n"
  "ops/toolbox[Pod] \t<= \tentire-cluster : All Connections\n"
  "shop/web[Pod]    \t<= \t10.0.0.0-10.255.255.255[External] : TCP 22\n"
  "shop/web[Pod]    \t<= \t[namespace with {team=payments}]/[all pods] : TCP 80,443\n"
  "shop/web[Pod]    \t<= \tentire-cluster : TCP 80\n"
  "shop/web[Pod]    \t<= \tshop/[pod with {app=monitor}] : TCP 80,9090\n"
  "\n"
  "Workloads not protected by network policies:\n"
  "ops/toolbox[Pod] is not protected on Egress\n"
  "ops/toolbox[Pod] is not protected on Ingress\n"
  "shop/web[Pod] is not protected on Egress\n";

static const char expected_csv[] =
  "src,dst,conn\n"
  "10.0.0.0-10.255.255.255[External],shop/web[Pod],TCP 22\n"
  "ops/toolbox[Pod],shop/web[Pod],TCP 80\n"
  "payments/pay[Pod],shop/web[Pod],TCP 443\n"
  "shop/web[Pod],0.0.0.0-255.255.255.255[External],All Connections\n"
  "shop/web[Pod],ops/toolbox[Pod],All Connections\n"
  "shop/web[Pod],shop/db[Pod],TCP 5432\n"
  "Exposure Analysis Result:,,\n"
  "Egress Exposure:,,\n"
  "src,dst,conn\n"
  "shop/web[Pod],0.0.0.0-255.255.255.255[External],All Connections\n"
  "shop/web[Pod],entire-cluster,All Connections\n"
  "Ingress Exposure:,,\n"
  "dst,src,conn\n"
  "shop/web[Pod],10.0.0.0-10.255.255.255[External],TCP 22\n"
  "shop/web[Pod],[namespace with {team=payments}]/[all pods],\"TCP 80,443\"\n"
  "shop/web[Pod],entire-cluster,TCP 80\n"
  "shop/web[Pod],shop/[pod with {app=monitor}],\"TCP 80,9090\"\n";

static const char expected_md[] =
  "| src | dst | conn |\n"
  "|-----|-----|------|\n"
  "| 10.0.0.0-10.255.255.255[External] | shop/web[Pod] | TCP 22 |\n"
  "| ops/toolbox[Pod] | shop/web[Pod] | TCP 80 |\n"
  "| payments/pay[Pod] | shop/web[Pod] | TCP 443 |\n"
  "| shop/web[Pod] | 0.0.0.0-255.255.255.255[External] | All Connections |\n"
  "| shop/web[Pod] | ops/toolbox[Pod] | All Connections |\n"
  "| shop/web[Pod] | shop/db[Pod] | TCP 5432 |\n"
  "## Exposure Analysis Result:\n"
  "### Egress Exposure:\n"
  "| src | dst | conn |\n"
  "|-----|-----|------|\n"
  "| shop/web[Pod] | 0.0.0.0-255.255.255.255[External] | All Connections |\n"
  "| shop/web[Pod] | entire-cluster | All Connections |\n"
  "\n"
  "### Ingress Exposure:\n"
  "| dst | src | conn |\n"
  "|-----|-----|------|\n"
  "| shop/web[Pod] | 10.0.0.0-10.255.255.255[External] | TCP 22 |\n"
  "| shop/web[Pod] | [namespace with {team=payments}]/[all pods] | TCP 80,443 |\n"
  "| shop/web[Pod] | entire-cluster | TCP 80 |\n"
  "| shop/web[Pod] | shop/[pod with {app=monitor}] | TCP 80,9090 |\n";

static const char expected_json[] =
  "{\n"
  "  \"connlist_results\": [\n"
  "    {\n"
  "      \"src\": \"10.0.0.0-10.255.255.255[External]\",\n"
  "      \"dst\": \"shop/web[Pod]\",\n"
  "      \"conn\": \"TCP 22\"\n"
  "    },\n"
  "    {\n"
  "      \"src\": \"ops/toolbox[Pod]\",\n"
  "      \"dst\": \"shop/web[Pod]\",\n"
  "      \"conn\": \"TCP 80\"\n"
  "    },\n"
  "    {\n"
  "      \"src\": \"payments/pay[Pod]\",\n"
  "      \"dst\": \"shop/web[Pod]\",\n"
  "      \"conn\": \"TCP 443\"\n"
  "    },\n"
  "    {\n"
  "      \"src\": \"shop/web[Pod]\",\n"
  "      \"dst\": \"0.0.0.0-255.255.255.255[External]\",\n"
  "      \"conn\": \"All Connections\"\n"
  "    },\n"
  "    {\n"
  "      \"src\": \"shop/web[Pod]\",\n"
  "      \"dst\": \"ops/toolbox[Pod]\",\n"
  "      \"conn\": \"All Connections\"\n"
  "    },\n"
  "    {\n"
  "      \"src\": \"shop/web[Pod]\",\n"
  "      \"dst\": \"shop/db[Pod]\",\n"
  "      \"conn\": \"TCP 5432\"\n"
  "    }\n"
  "  ],\n"
  "  \"exposure_results\": {\n"
  "    \"egress_exposure\": [\n"
  "      {\n"
  "        \"src\": \"shop/web[Pod]\",\n"
  "        \"dst\": \"0.0.0.0-255.255.255.255[External]\",\n"
  "        \"conn\": \"All Connections\"\n"
  "      },\n"
  "      {\n"
  "        \"src\": \"shop/web[Pod]\",\n"
  "        \"dst\": \"entire-cluster\",\n"
  "        \"conn\": \"All Connections\"\n"
  "      }\n"
  "    ],\n"
  "    \"ingress_exposure\": [\n"
  "      {\n"
  "        \"src\": \"10.0.0.0-10.255.255.255[External]\",\n"
  "        \"dst\": \"shop/web[Pod]\",\n"
  "        \"conn\": \"TCP 22\"\n"
  "      },\n"
  "      {\n"
  "        \"src\": \"[namespace with {team=payments}]/[all pods]\",\n"
  "        \"dst\": \"shop/web[Pod]\",\n"
  "        \"conn\": \"TCP 80,443\"\n"
  "      },\n"
  "      {\n"
  "        \"src\": \"entire-cluster\",\n"
  "        \"dst\": \"shop/web[Pod]\",\n"
  "        \"conn\": \"TCP 80\"\n"
  "      },\n"
  "      {\n"
  "        \"src\": \"shop/[pod with {app=monitor}]\",\n"
  "        \"dst\": \"shop/web[Pod]\",\n"
  "        \"conn\": \"TCP 80,9090\"\n"
  "      }\n"
  "    ]\n"
  "  }\n"
  "}";

static const char expected_dot[] =
  "digraph {\n"
  "\tsubgraph \"cluster_ops[namespace]\" {\n"
  "\t\tcolor=\"black\"\n"
  "\t\tfontcolor=\"black\"\n"
  "\t\t\"ops/toolbox[Pod]\" [label=\"toolbox[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n"
  "\t\tlabel=\"ops[namespace]\"\n"
  "\t}\n"
  "\tsubgraph \"cluster_payments[namespace]\" {\n"
  "\t\tcolor=\"black\"\n"
  "\t\tfontcolor=\"black\"\n"
  "\t\t\"payments/pay[Pod]\" [label=\"pay[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n"
  "\t\tlabel=\"payments[namespace]\"\n"
  "\t}\n"
  "\tsubgraph \"cluster_shop[namespace]\" {\n"
  "\t\tcolor=\"black\"\n"
  "\t\tfontcolor=\"black\"\n"
  "\t\t\"shop/db[Pod]\" [label=\"db[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n"
  "\t\t\"shop/web[Pod]\" [label=\"web[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n"
  "\t\tlabel=\"shop[namespace]\"\n"
  "\t}\n"
  "\tsubgraph \"cluster_namespace with {team=payments}[namespace]\" {\n"
  "\t\tcolor=\"red2\"\n"
  "\t\tfontcolor=\"red2\"\n"
  "\t\t\"all pods_in_namespace with {team=payments}\" [label=\"all pods\" color=\"red2\" fontcolor=\"red2\"]\n"
  "\t\tlabel=\"namespace with {team=payments}[namespace]\"\n"
  "\t}\n"
  "\tsubgraph \"cluster_shop[namespace]\" {\n"
  "\t\tcolor=\"red2\"\n"
  "\t\tfontcolor=\"red2\"\n"
  "\t\t\"pod with {app=monitor}_in_shop\" [label=\"pod with {app=monitor}\" color=\"red2\" fontcolor=\"red2\"]\n"
  "\t\tlabel=\"shop[namespace]\"\n"
  "\t}\n"
  "\t\"0.0.0.0-255.255.255.255[External]\" [label=\"0.0.0.0-255.255.255.255[External]\" color=\"red2\" fontcolor=\"red2\"]\n"
  "\t\"10.0.0.0-10.255.255.255[External]\" [label=\"10.0.0.0-10.255.255.255[External]\" color=\"red2\" fontcolor=\"red2\"]\n"
  "\t\"entire-cluster\" [label=\"entire-cluster\" color=\"red2\" fontcolor=\"red2\" shape=diamond]\n"
  "\t\"10.0.0.0-10.255.255.255[External]\" -> \"shop/web[Pod]\" [label=\"TCP 22\" color=\"gold2\" fontcolor=\"darkgreen\" weight=0.5]\n"
  "\t\"all pods_in_namespace with {team=payments}\" -> \"shop/web[Pod]\" [label=\"TCP 80,443\" color=\"darkorange2\" fontcolor=\"darkgreen\" weight=1 style=dashed]\n"
  "\t\"entire-cluster\" -> \"shop/web[Pod]\" [label=\"TCP 80\" color=\"darkorange2\" fontcolor=\"darkgreen\" weight=1 style=dashed]\n"
  "\t\"ops/toolbox[Pod]\" -> \"shop/web[Pod]\" [label=\"TCP 80\" color=\"gold2\" fontcolor=\"darkgreen\" weight=0.5]\n"
  "\t\"payments/pay[Pod]\" -> \"shop/web[Pod]\" [label=\"TCP 443\" color=\"gold2\" fontcolor=\"darkgreen\" weight=0.5]\n"
  "\t\"pod with {app=monitor}_in_shop\" -> \"shop/web[Pod]\" [label=\"TCP 80,9090\" color=\"darkorange2\" fontcolor=\"darkgreen\" weight=1 style=dashed]\n"
  "\t\"shop/web[Pod]\" -> \"0.0.0.0-255.255.255.255[External]\" [label=\"All Connections\" color=\"gold2\" fontcolor=\"darkgreen\" weight=1]\n"
  "\t\"shop/web[Pod]\" -> \"entire-cluster\" [label=\"All Connections\" color=\"darkorange4\" fontcolor=\"darkgreen\" weight=0.5 style=dashed]\n"
  "\t\"shop/web[Pod]\" -> \"ops/toolbox[Pod]\" [label=\"All Connections\" color=\"gold2\" fontcolor=\"darkgreen\" weight=1]\n"
  "\t\"shop/web[Pod]\" -> \"shop/db[Pod]\" [label=\"TCP 5432\" color=\"gold2\" fontcolor=\"darkgreen\" weight=1]\n"
  "}";

static const char expected_conn_txt[] =
  "Permitted connections on TCP 443:\n"
  "payments/pay[Pod] => shop/web[Pod]\n"
  "shop/web[Pod] => 0.0.0.0-255.255.255.255[External]\n"
  "shop/web[Pod] => ops/toolbox[Pod]\n"
  "\n"
  "Exposure Analysis Result On TCP 443:\n"
  "Egress Exposure:\n"
  "shop/web[Pod] \t=> \t0.0.0.0-255.255.255.255[External]\n"
  "shop/web[Pod] \t=> \tentire-cluster\n"
  "\n"
  "Ingress Exposure:\n"
  "shop/web[Pod] \t<= \t[namespace with {team=payments}]/[all pods]\n";

static const char expected_conn_json[] =
  "{\n"
  "  \"connlist_conn_focus_results\": [\n"
  "    {\n"
  "      \"src\": \"payments/pay[Pod]\",\n"
  "      \"dst\": \"shop/web[Pod]\"\n"
  "    },\n"
  "    {\n"
  "      \"src\": \"shop/web[Pod]\",\n"
  "      \"dst\": \"0.0.0.0-255.255.255.255[External]\"\n"
  "    },\n"
  "    {\n"
  "      \"src\": \"shop/web[Pod]\",\n"
  "      \"dst\": \"ops/toolbox[Pod]\"\n"
  "    }\n"
  "  ],\n"
  "  \"exposure_conn_focus_results\": {\n"
  "    \"egress_exposure\": [\n"
  "      {\n"
  "        \"src\": \"shop/web[Pod]\",\n"
  "        \"dst\": \"0.0.0.0-255.255.255.255[External]\"\n"
  "      },\n"
  "      {\n"
  "        \"src\": \"shop/web[Pod]\",\n"
  "        \"dst\": \"entire-cluster\"\n"
  "      }\n"
  "    ],\n"
  "    \"ingress_exposure\": [\n"
  "      {\n"
  "        \"src\": \"[namespace with {team=payments}]/[all pods]\",\n"
  "        \"dst\": \"shop/web[Pod]\"\n"
  "      }\n"
  "    ]\n"
  "  }\n"
  "}";

static const char expected_conn_dot[] =
  "digraph {\n"
  "\tsubgraph \"cluster_ops[namespace]\" {\n"
  "\t\tcolor=\"black\"\n"
  "\t\tfontcolor=\"black\"\n"
  "\t\t\"ops/toolbox[Pod]\" [label=\"toolbox[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n"
  "\t\tlabel=\"ops[namespace]\"\n"
  "\t}\n"
  "\tsubgraph \"cluster_payments[namespace]\" {\n"
  "\t\tcolor=\"black\"\n"
  "\t\tfontcolor=\"black\"\n"
  "\t\t\"payments/pay[Pod]\" [label=\"pay[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n"
  "\t\tlabel=\"payments[namespace]\"\n"
  "\t}\n"
  "\tsubgraph \"cluster_shop[namespace]\" {\n"
  "\t\tcolor=\"black\"\n"
  "\t\tfontcolor=\"black\"\n"
  "\t\t\"shop/web[Pod]\" [label=\"web[Pod]\" color=\"blue\" fontcolor=\"blue\"]\n"
  "\t\tlabel=\"shop[namespace]\"\n"
  "\t}\n"
  "\tsubgraph \"cluster_namespace with {team=payments}[namespace]\" {\n"
  "\t\tcolor=\"red2\"\n"
  "\t\tfontcolor=\"red2\"\n"
  "\t\t\"all pods_in_namespace with {team=payments}\" [label=\"all pods\" color=\"red2\" fontcolor=\"red2\"]\n"
  "\t\tlabel=\"namespace with {team=payments}[namespace]\"\n"
  "\t}\n"
  "\t\"0.0.0.0-255.255.255.255[External]\" [label=\"0.0.0.0-255.255.255.255[External]\" color=\"red2\" fontcolor=\"red2\"]\n"
  "\t\"entire-cluster\" [label=\"entire-cluster\" color=\"red2\" fontcolor=\"red2\" shape=diamond]\n"
  "\t\"all pods_in_namespace with {team=payments}\" -> \"shop/web[Pod]\" [label=\"TCP 443\" color=\"darkorange2\" fontcolor=\"darkgreen\" weight=1 style=dashed]\n"
  "\t\"payments/pay[Pod]\" -> \"shop/web[Pod]\" [label=\"TCP 443\" color=\"gold2\" fontcolor=\"darkgreen\" weight=0.5]\n"
  "\t\"shop/web[Pod]\" -> \"0.0.0.0-255.255.255.255[External]\" [label=\"TCP 443\" color=\"gold2\" fontcolor=\"darkgreen\" weight=1]\n"
  "\t\"shop/web[Pod]\" -> \"entire-cluster\" [label=\"All Connections\" color=\"darkorange4\" fontcolor=\"darkgreen\" weight=0.5 style=dashed]\n"
  "\t\"shop/web[Pod]\" -> \"ops/toolbox[Pod]\" [label=\"TCP 443\" color=\"gold2\" fontcolor=\"darkgreen\" weight=1]\n"
  "}";

static const char expected_ingress_txt[] =
  "10.0.0.0-10.255.255.255[External] => shop/web[Pod] : TCP 22\n"
  "ops/toolbox[Pod] => shop/web[Pod] : TCP 80\n"
  "payments/pay[Pod] => shop/web[Pod] : TCP 443\n"
  "\n"
  "Exposure Analysis Result:\n"
  "Ingress Exposure:\n"
  "shop/web[Pod] \t<= \t10.0.0.0-10.255.255.255[External] : TCP 22\n"
  "shop/web[Pod] \t<= \t[namespace with {team=payments}]/[all pods] : TCP 80,443\n"
  "shop/web[Pod] \t<= \tentire-cluster : TCP 80\n"
  "shop/web[Pod] \t<= \tshop/[pod with {app=monitor}] : TCP 80,9090\n";

static NpEvaluator *
evaluator_for (const char *yaml)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
}

/* The list with its exposure for @focus (nullable) in @format; the
 * exposure warnings joined by "|" go to @warnings when not NULL.
 * (transfer full) */
static char *
exposure_text (const char *yaml, const NpConnlistFocus *focus, NpConnlistFormat format, char **warnings)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for (yaml);
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, focus);
  g_autoptr(NpExposure) exposure = np_exposure_compute (evaluator, list, focus);

  if (warnings != NULL)
    {
      g_ptr_array_add (exposure->warnings, NULL);
      *warnings = g_strjoinv ("|", (char **) exposure->warnings->pdata);
      g_ptr_array_remove_index (exposure->warnings, exposure->warnings->len - 1);
    }
  return np_exposure_to_string (list, exposure, format);
}

/* Every kind of row in txt, with the sections and the padding of §5. */
static void
test_txt (void)
{
  g_autofree char *warnings = NULL;
  g_autofree char *text = exposure_text (cluster, NULL, NP_CONNLIST_TEXT, &warnings);

  g_assert_cmpstr (text, ==, expected_txt);
  g_assert_cmpstr (warnings, ==, "");
}

/* The rows of the core's structure: kinds, parts and connections. */
static void
test_rows (void)
{
  g_autoptr(NpEvaluator) evaluator = evaluator_for (cluster);
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, NULL);
  g_autoptr(NpExposure) exposure = np_exposure_compute (evaluator, list, NULL);
  const NpExposureRow *row;
  g_autofree char *conns = NULL;

  g_assert_cmpuint (exposure->egress->len, ==, 4);
  g_assert_cmpuint (exposure->ingress->len, ==, 8);
  g_assert_cmpuint (exposure->width, ==, strlen ("ops/toolbox[Pod]"));
  row = exposure->ingress->pdata[5];
  g_assert_cmpstr (row->workload, ==, "shop/web[Pod]");
  g_assert_cmpint (row->kind, ==, NP_EXPOSURE_REPRESENTATIVE);
  g_assert_cmpstr (row->namespace_part, ==, "namespace with {team=payments}");
  g_assert_cmpstr (row->pod_part, ==, "all pods");
  conns = np_conn_set_to_string (row->conns);
  g_assert_cmpstr (conns, ==, "TCP 80,443");
  row = exposure->ingress->pdata[3];
  g_assert_cmpint (row->kind, ==, NP_EXPOSURE_ENTIRE_CLUSTER);
  g_assert_true (row->unprotected);
  row = exposure->ingress->pdata[0];
  g_assert_cmpint (row->kind, ==, NP_EXPOSURE_EXTERNAL);
}

/* csv, md, json and dot for the focus workload shop/web: the focus keeps
 * only its rows [§3]. */
static void
test_formats (void)
{
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  struct { NpConnlistFormat format; const char *expected; } cases[] = {
    { NP_CONNLIST_CSV, expected_csv },
    { NP_CONNLIST_MD, expected_md },
    { NP_CONNLIST_JSON, expected_json },
    { NP_CONNLIST_DOT, expected_dot },
  };

  np_connlist_focus_add_workloads (focus, "shop/web");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = exposure_text (cluster, focus, cases[i].format, NULL);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* --focus-conn TCP-443: only the rows that allow it, without the
 * connection; no unprotected section in txt; json's focus keys; dot labels
 * the focus connection except the unprotected entire-cluster edge. */
static void
test_focus_conn (void)
{
  g_autoptr(NpConnlistFocus) focus = np_connlist_focus_new ();
  g_autoptr(GError) error = NULL;
  struct { NpConnlistFormat format; const char *expected; } cases[] = {
    { NP_CONNLIST_TEXT, expected_conn_txt },
    { NP_CONNLIST_JSON, expected_conn_json },
    { NP_CONNLIST_DOT, expected_conn_dot },
  };

  np_connlist_focus_add_workloads (focus, "web");
  g_assert_true (np_connlist_focus_set_conn (focus, "tcp-443", &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = exposure_text (cluster, focus, cases[i].format, NULL);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* --focus-direction ingress keeps the Ingress section only; with
 * --focus-workload-peer the analysis is off. */
static void
test_focus_direction_and_peer (void)
{
  g_autoptr(NpConnlistFocus) ingress = np_connlist_focus_new ();
  g_autoptr(NpConnlistFocus) peer = np_connlist_focus_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *warnings = NULL;

  np_connlist_focus_add_workloads (ingress, "web");
  g_assert_true (np_connlist_focus_set_direction (ingress, "ingress", &error));
  text = exposure_text (cluster, ingress, NP_CONNLIST_TEXT, NULL);
  g_assert_cmpstr (text, ==, expected_ingress_txt);
  g_clear_pointer (&text, g_free);

  np_connlist_focus_add_workloads (peer, "web");
  np_connlist_focus_add_peers (peer, "db");
  text = exposure_text (cluster, peer, NP_CONNLIST_JSON, &warnings);
  g_assert_cmpstr (warnings, ==, "--exposure is ignored with --focus-workload-peer.");
  /* The list alone, as without --exposure. */
  g_assert_cmpstr (text, ==,
                   "[\n  {\n    \"src\": \"shop/web[Pod]\",\n    \"dst\": \"shop/db[Pod]\",\n"
                   "    \"conn\": \"TCP 5432\"\n  }\n]");
}

/* A rule without peers, a podSelector-only rule (the policy's namespace,
 * written bare) and matchExpressions in txt and md [§5]. */
static void
test_selectors (void)
{
  static const char yaml[] =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns1, labels: {app: a}}\n"
    "spec: {containers: [{name: c}]}\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: ns1}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n"
    "  ingress:\n  - ports: [{port: 53, protocol: UDP}]\n"
    "  - from: [{podSelector: {matchLabels: {role: x, app: b}}}]\n    ports: [{port: 80}]\n"
    "  egress:\n  - to: [{namespaceSelector: {matchExpressions: [{key: env, operator: NotIn, values: [b, a]}]},"
    " podSelector: {matchLabels: {app: z}}}]\n";
  g_autofree char *txt = exposure_text (yaml, NULL, NP_CONNLIST_TEXT, NULL);
  g_autofree char *md = exposure_text (yaml, NULL, NP_CONNLIST_MD, NULL);

  /* Ingress: UDP 53 from the entire cluster (a rule without peers); TCP 80
   * more from ns1's pods app=b,role=x (sorted by key). Egress: a selector
   * pair with an expression, its values as written. The rule without peers
   * also lets every address in: the list's one line, repeated in Ingress. */
  g_assert_cmpstr (txt, ==,
                   "0.0.0.0-255.255.255.255[External] => ns1/a[Pod] : UDP 53\n"
                   "\n"
                   "Exposure Analysis Result:\n"
                   "Egress Exposure:\n"
                   "ns1/a[Pod] \t=> \t[namespace with {{Key:env,Operator:NotIn,Values:[b a],}}]/[pod with {app=z}] : All Connections\n"
                   "\n"
                   "Ingress Exposure:\n"
                   "ns1/a[Pod] \t<= \t0.0.0.0-255.255.255.255[External] : UDP 53\n"
                   "ns1/a[Pod] \t<= \tentire-cluster : UDP 53\n"
                   "ns1/a[Pod] \t<= \tns1/[pod with {app=b,role=x}] : TCP 80,UDP 53\n");
  g_assert_cmpstr (md, ==,
                   "| src | dst | conn |\n|-----|-----|------|\n"
                   "| 0.0.0.0-255.255.255.255[External] | ns1/a[Pod] | UDP 53 |\n"
                   "## Exposure Analysis Result:\n"
                   "### Egress Exposure:\n| src | dst | conn |\n|-----|-----|------|\n"
                   "| ns1/a[Pod] | [namespace with {{Key:env,Operator:NotIn,Values:[b a],}}]/[pod with {app=z}] | All Connections |\n"
                   "\n"
                   "### Ingress Exposure:\n| dst | src | conn |\n|-----|-----|------|\n"
                   "| ns1/a[Pod] | 0.0.0.0-255.255.255.255[External] | UDP 53 |\n"
                   "| ns1/a[Pod] | entire-cluster | UDP 53 |\n"
                   "| ns1/a[Pod] | ns1/[pod with {app=b,role=x}] | TCP 80,UDP 53 |\n");
}

/* Workloads that a Cilium policy selects are left out, with one warning. */
static void
test_cilium (void)
{
  static const char yaml[] =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns1, labels: {app: a}}\n"
    "spec: {containers: [{name: c}]}\n---\n"
    "apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: ns1, labels: {app: b}}\n"
    "spec: {containers: [{name: c}]}\n---\n"
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a, namespace: ns1}\n"
    "spec:\n  endpointSelector: {matchLabels: {app: a}}\n  ingress:\n  - fromEntities: [cluster]\n";
  g_autoptr(NpEvaluator) evaluator = evaluator_for (yaml);
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, NULL);
  g_autoptr(NpExposure) exposure = np_exposure_compute (evaluator, list, NULL);

  g_assert_cmpuint (exposure->warnings->len, ==, 1);
  g_assert_nonnull (strstr (exposure->warnings->pdata[0], "ns1/a[Pod]"));
  for (guint d = 0; d < 2; d++)
    {
      GPtrArray *rows = d == 0 ? exposure->egress : exposure->ingress;

      g_assert_cmpuint (rows->len, >, 0);
      for (guint i = 0; i < rows->len; i++)
        g_assert_cmpstr (((NpExposureRow *) rows->pdata[i])->workload, ==, "ns1/b[Pod]");
    }
}

/* netpol-analyzer's case exposure_test_pod_exposed_only_to_representative_peers:
 * the output its documentation (docs/exposure_analysis.md) prints, with the
 * [External] suffix its current list has. */
static void
test_corpus_case (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpConnlist) list = NULL;
  g_autoptr(NpExposure) exposure = NULL;
  g_autofree char *text = NULL;
  const char *files[] = { "namespace_and_deployments.yaml", "netpol.yaml" };

  if (np_test_shared_dir () == NULL)
    return;
  dir = np_test_corpus_path ("connectivity/exposure_test_pod_exposed_only_to_representative_peers");
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      gsize length;
      g_autofree char *contents = np_test_read_file (path, &length);
      g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
      g_autoptr(GError) error = NULL;

      g_assert_true (np_inventory_add_bytes (inventory, bytes, path, &error));
      g_assert_no_error (error);
    }
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  list = np_connlist_compute_focused (evaluator, NULL);
  exposure = np_exposure_compute (evaluator, list, NULL);
  text = np_exposure_to_string (list, exposure, NP_CONNLIST_TEXT);
  g_assert_cmpstr (text, ==,
    "0.0.0.0-255.255.255.255[External] => hello-world/workload-a[Deployment] : All Connections\n"
    "hello-world/workload-a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n"
    "\n"
    "Exposure Analysis Result:\n"
    "Egress Exposure:\n"
    "hello-world/workload-a[Deployment] \t=> \t0.0.0.0-255.255.255.255[External] : All Connections\n"
    "hello-world/workload-a[Deployment] \t=> \tentire-cluster : All Connections\n"
    "hello-world/workload-b[Deployment] \t=> \t[namespace with {{Key:foo.com/managed-state,Operator:In,Values:[managed],}}]/[all pods] : TCP 8050\n"
    "\n"
    "Ingress Exposure:\n"
    "hello-world/workload-a[Deployment] \t<= \t0.0.0.0-255.255.255.255[External] : All Connections\n"
    "hello-world/workload-a[Deployment] \t<= \tentire-cluster : All Connections\n"
    "hello-world/workload-b[Deployment] \t<= \t[namespace with {{Key:foo.com/managed-state,Operator:In,Values:[managed],}}]/[all pods] : TCP 8050\n"
    "\n"
    "Workloads not protected by network policies:\n"
    "hello-world/workload-a[Deployment] is not protected on Egress\n"
    "hello-world/workload-a[Deployment] is not protected on Ingress\n");
}

/* netpol-analyzer's onlineboutique: its expected list, then the exposure
 * part its exposure output for that case has (kube-dns in any namespace on
 * UDP 53 for four workloads, redis-cart unprotected). */
static void
test_corpus_onlineboutique (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *expected_list = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpConnlist) list = NULL;
  g_autoptr(NpExposure) exposure = NULL;
  g_autoptr(GPtrArray) files = NULL;
  const char * const suffixes[] = { ".yaml", ".yml", ".json", NULL };

  if (np_test_shared_dir () == NULL)
    return;
  dir = np_test_corpus_path ("connectivity/onlineboutique");
  files = np_test_list_files (dir, suffixes);
  for (guint i = 0; i < files->len; i++)
    {
      gsize length;
      g_autofree char *contents = np_test_read_file (files->pdata[i], &length);
      g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
      g_autoptr(GError) error = NULL;

      g_assert_true (np_inventory_add_bytes (inventory, bytes, files->pdata[i], &error));
      g_assert_no_error (error);
    }
  expected_path = g_build_filename (dir, "expected_connlist.txt", NULL);
  expected_list = np_test_read_file (expected_path, NULL);
  expected = g_strconcat (expected_list,
    "\n"
    "Exposure Analysis Result:\n"
    "Egress Exposure:\n"
    "default/checkoutservice-69c8ff664b[ReplicaSet]       \t=> \t[all namespaces]/[pod with {k8s-app=kube-dns}] : UDP 53\n"
    "default/frontend-99684f7f8[ReplicaSet]               \t=> \t[all namespaces]/[pod with {k8s-app=kube-dns}] : UDP 53\n"
    "default/loadgenerator-555fbdc87d[ReplicaSet]         \t=> \t[all namespaces]/[pod with {k8s-app=kube-dns}] : UDP 53\n"
    "default/recommendationservice-5f8c456796[ReplicaSet] \t=> \t[all namespaces]/[pod with {k8s-app=kube-dns}] : UDP 53\n"
    "default/redis-cart-78746d49dc[ReplicaSet]            \t=> \t0.0.0.0-255.255.255.255[External] : All Connections\n"
    "default/redis-cart-78746d49dc[ReplicaSet]            \t=> \tentire-cluster : All Connections\n"
    "\n"
    "Ingress Exposure:\n"
    "default/redis-cart-78746d49dc[ReplicaSet]            \t<= \t0.0.0.0-255.255.255.255[External] : All Connections\n"
    "default/redis-cart-78746d49dc[ReplicaSet]            \t<= \tentire-cluster : All Connections\n"
    "\n"
    "Workloads not protected by network policies:\n"
    "default/redis-cart-78746d49dc[ReplicaSet] is not protected on Egress\n"
    "default/redis-cart-78746d49dc[ReplicaSet] is not protected on Ingress\n", NULL);

  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  list = np_connlist_compute_focused (evaluator, NULL);
  exposure = np_exposure_compute (evaluator, list, NULL);
  text = np_exposure_to_string (list, exposure, NP_CONNLIST_TEXT);
  g_assert_cmpstr (text, ==, expected);
}

/* The editor's sentences: the policy shown and the others of its file that
 * select its pods (same namespace; empty, equal or fewer matchLabels), not
 * those of another namespace or of other pods. */
static void
test_describe (void)
{
  static const char yaml[] =
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\n"
    "spec:\n  podSelector: {matchLabels: {app: web, tier: front}}\n  policyTypes: [Ingress]\n"
    "  ingress:\n  - from: [{namespaceSelector: {matchLabels: {team: payments}}}]\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: outside, namespace: shop}\n"
    "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n"
    "  ingress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: shop}\n"
    "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress, Egress]\n"
    "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}, namespaceSelector: {}}]\n"
    "    ports: [{port: 5432}, {port: metrics, protocol: TCP}]\n"
    "  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}}]\n"
    "  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]\n"
    "    ports: [{protocol: UDP}]\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: other, namespace: elsewhere}\n"
    "spec:\n  podSelector: {}\n  ingress:\n  - {}\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: wide, namespace: wide}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n"
    "  ingress:\n  - from: [{namespaceSelector: {}}, {podSelector: {matchLabels: {app: x}}}]\n"
    "  - from: [{namespaceSelector: {matchLabels: {team: a}}}]\n    ports: [{port: 80}]\n";
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;
  struct { guint index; NpDirection direction; const char *expected; } cases[] = {
    /* web: its own rule and "outside" (app=web selects app=web,tier=front). */
    { 0, NP_DIRECTION_INGRESS, "Reachable from: any pod in namespaces labelled team=payments; outside the cluster" },
    { 0, NP_DIRECTION_EGRESS, "Can reach: anywhere (no policy isolates these pods)" },
    /* outside: web's policy selects fewer pods, so only its own rule. */
    { 1, NP_DIRECTION_INGRESS, "Reachable from: outside the cluster" },
    { 2, NP_DIRECTION_INGRESS,
      "Reachable from: pods labelled app=web in any namespace on TCP 5432, TCP metrics; "
      "any pod in namespace ops; addresses in 10.0.0.0/8 except 10.1.0.0/16 on every UDP port" },
    { 2, NP_DIRECTION_EGRESS, "Can reach: nowhere" },
    /* The entire cluster on every port covers app=x in the namespace, and
     * team=a on port 80. */
    { 4, NP_DIRECTION_INGRESS, "Reachable from: any pod in the cluster" },
  };

  g_assert_true (np_manifest_load_bytes (manifest, bytes, "policies.yaml", &error));
  g_assert_no_error (error);
  policies = np_manifest_list_policies (manifest);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpPolicy) policy = g_list_model_get_item (policies, cases[i].index);
      g_autofree char *text = np_exposure_describe_policy (manifest, policy, cases[i].direction);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  {
    /* Without a manifest, the policy alone. */
    g_autoptr(NpPolicy) policy = g_list_model_get_item (policies, 0);
    g_autofree char *text = np_exposure_describe_policy (NULL, policy, NP_DIRECTION_INGRESS);

    g_assert_cmpstr (text, ==, "Reachable from: any pod in namespaces labelled team=payments");
  }
}

/* The caveat under the sentences: the kinds of the file's other policies
 * that may decide too (cluster-wide ones; Cilium ones of the policy's
 * namespace or of the whole cluster), none for a file of NetworkPolicies. */
static void
test_describe_others (void)
{
  static const char np[] =
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\n"
    "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n";
  static const char cilium_elsewhere[] =
    "---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c, namespace: other}\n"
    "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [world]\n";
  static const char cilium_here[] =
    "---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c, namespace: shop}\n"
    "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [world]\n";
  static const char clusterwide[] =
    "---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: cc}\n"
    "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [world]\n";
  static const char admin[] =
    "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\n"
    "spec:\n  priority: 10\n  subject: {namespaces: {}}\n  ingress:\n"
    "  - {name: deny, action: Deny, from: [{namespaces: {}}]}\n";
  static const char baseline[] =
    "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n"
    "metadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  ingress:\n"
    "  - {name: deny, action: Deny, from: [{namespaces: {}}]}\n";
  static const char cnp[] =
    "---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: t}\n"
    "spec:\n  tier: Admin\n  priority: 5\n  subject: {namespaces: {}}\n  ingress:\n"
    "  - {name: deny, action: Deny, from: [{namespaces: {}}]}\n";
  struct { const char *extra; const char *expected; } cases[] = {
    { "", NULL },
    { cnp, "Read from NetworkPolicies only: the file's ClusterNetworkPolicies may decide too." },
    { cilium_elsewhere, NULL },
    { cilium_here, "Read from NetworkPolicies only: the file's CiliumNetworkPolicies may decide too." },
    { clusterwide, "Read from NetworkPolicies only: the file's CiliumClusterwideNetworkPolicies may decide too." },
    { admin, "Read from NetworkPolicies only: the file's AdminNetworkPolicies may decide too." },
    /* Named in a fixed order, whatever the file's. */
    { baseline, "Read from NetworkPolicies only: the file's BaselineAdminNetworkPolicies may decide too." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *yaml = g_strconcat (np, cases[i].extra, NULL);
      g_autoptr(NpManifest) manifest = np_manifest_new ();
      g_autoptr(GBytes) bytes = g_bytes_new_static (yaml, strlen (yaml));
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) policies = NULL;
      g_autoptr(NpPolicy) policy = NULL;
      g_autofree char *text = NULL;

      g_assert_true (np_manifest_load_bytes (manifest, bytes, "policies.yaml", &error));
      g_assert_no_error (error);
      policies = np_manifest_list_policies (manifest);
      policy = g_list_model_get_item (policies, 0);
      g_assert_true (NP_IS_POLICY (policy));
      text = np_exposure_describe_others (manifest, policy);
      g_assert_cmpstr (text, ==, cases[i].expected);
      g_clear_pointer (&text, g_free);
      /* Without a file, nothing else is open. */
      text = np_exposure_describe_others (NULL, policy);
      g_assert_null (text);
    }
  {
    g_autofree char *yaml = g_strconcat (np, baseline, cilium_here, admin, clusterwide, NULL);
    g_autoptr(NpManifest) manifest = np_manifest_new ();
    g_autoptr(GBytes) bytes = g_bytes_new_static (yaml, strlen (yaml));
    g_autoptr(GListModel) policies = NULL;
    g_autoptr(NpPolicy) policy = NULL;
    g_autofree char *text = NULL;

    g_assert_true (np_manifest_load_bytes (manifest, bytes, "policies.yaml", NULL));
    policies = np_manifest_list_policies (manifest);
    policy = g_list_model_get_item (policies, 0);
    text = np_exposure_describe_others (manifest, policy);
    g_assert_cmpstr (text, ==, "Read from NetworkPolicies only: the file's AdminNetworkPolicies, "
                               "BaselineAdminNetworkPolicies, CiliumNetworkPolicies, "
                               "CiliumClusterwideNetworkPolicies may decide too.");
  }
}

/* The centre card's text from one walk: the two sentences and the caveat,
 * a line each, with NetworkPolicies and other kinds mixed in one file, as
 * the three functions write them one by one. */
static void
test_describe_card (void)
{
  static const char yaml[] =
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\n"
    "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n---\n"
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c, namespace: shop}\n"
    "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [world]\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: all, namespace: shop}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]\n---\n"
    "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\n"
    "spec:\n  priority: 10\n  subject: {namespaces: {}}\n  ingress:\n"
    "  - {name: deny, action: Deny, from: [{namespaces: {}}]}\n---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: other}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n";
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(NpPolicy) web = NULL;
  g_autoptr(NpPolicy) db = NULL;
  g_autoptr(NpPolicy) loose = np_policy_new ();
  g_autofree char *text = NULL;
  NpPolicy *each[3];

  g_assert_true (np_manifest_load_bytes (manifest, bytes, "policies.yaml", &error));
  g_assert_no_error (error);
  policies = np_manifest_list_policies (manifest);
  web = g_list_model_get_item (policies, 0);
  db = g_list_model_get_item (policies, 3);
  g_assert_true (NP_IS_POLICY (web) && NP_IS_POLICY (db));
  /* "all" selects web's pods too; the Cilium policy is of web's namespace. */
  text = np_exposure_describe_card (manifest, web);
  g_assert_cmpstr (text, ==,
                   "Reachable from: outside the cluster\n"
                   "Can reach: anywhere (no policy isolates these pods)\n"
                   "Read from NetworkPolicies only: the file's AdminNetworkPolicies, "
                   "CiliumNetworkPolicies may decide too.");
  g_clear_pointer (&text, g_free);
  /* Another namespace: not the Cilium policy's, still the cluster-wide one's. */
  text = np_exposure_describe_card (manifest, db);
  g_assert_cmpstr (text, ==,
                   "Reachable from: anywhere (no policy isolates these pods)\n"
                   "Can reach: nowhere\n"
                   "Read from NetworkPolicies only: the file's AdminNetworkPolicies may decide too.");
  g_clear_pointer (&text, g_free);
  /* Without a file: the policy alone, and no caveat line. */
  text = np_exposure_describe_card (NULL, web);
  g_assert_cmpstr (text, ==, "Reachable from: nowhere\nCan reach: anywhere (no policy isolates these pods)");
  g_clear_pointer (&text, g_free);

  /* Line for line what the three functions say, a policy not yet in the
   * file among them. */
  np_policy_set_namespace (loose, "shop");
  each[0] = web;
  each[1] = db;
  each[2] = loose;
  for (guint i = 0; i < G_N_ELEMENTS (each); i++)
    {
      g_autofree char *ingress = np_exposure_describe_policy (manifest, each[i], NP_DIRECTION_INGRESS);
      g_autofree char *egress = np_exposure_describe_policy (manifest, each[i], NP_DIRECTION_EGRESS);
      g_autofree char *others = np_exposure_describe_others (manifest, each[i]);
      g_autofree char *joined = g_strjoin ("\n", ingress, egress, others, NULL);
      g_autofree char *card = np_exposure_describe_card (manifest, each[i]);

      g_assert_cmpstr (card, ==, joined);
    }
}

/* A policy of many rules: the card names the first parts and counts the
 * rest, one part more than the limit it names whole, and the sentence of
 * np_exposure_describe_policy() stays whole. */
static void
test_describe_card_long (void)
{
  const guint counts[] = { NP_EXPOSURE_CARD_MAX_PARTS, NP_EXPOSURE_CARD_MAX_PARTS + 1, 60 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(GString) yaml = g_string_new ("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                              "metadata: {name: web, namespace: shop}\n"
                                              "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n");
      g_autoptr(NpManifest) manifest = np_manifest_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) policies = NULL;
      g_autoptr(NpPolicy) web = NULL;
      g_autoptr(GString) expected = g_string_new ("Reachable from: ");
      g_autofree char *card = NULL;
      g_autofree char *whole = NULL;
      g_autofree char *last = NULL;
      guint listed = counts[c] > NP_EXPOSURE_CARD_MAX_PARTS + 1 ? NP_EXPOSURE_CARD_MAX_PARTS : counts[c];

      for (guint i = 0; i < counts[c]; i++)
        g_string_append_printf (yaml, "  - from: [{podSelector: {matchLabels: {app: client-%u}}}]\n"
                                      "    ports: [{port: %u}]\n", i, 8000 + i);
      bytes = g_bytes_new (yaml->str, yaml->len);
      g_assert_true (np_manifest_load_bytes (manifest, bytes, "long.yaml", &error));
      g_assert_no_error (error);
      policies = np_manifest_list_policies (manifest);
      web = g_list_model_get_item (policies, 0);

      for (guint i = 0; i < listed; i++)
        g_string_append_printf (expected, "%spods labelled app=client-%u in namespace shop on TCP %u",
                                i > 0 ? "; " : "", i, 8000 + i);
      if (listed < counts[c])
        g_string_append_printf (expected, "; and %u more", counts[c] - listed);
      g_string_append (expected, "\nCan reach: anywhere (no policy isolates these pods)");
      card = np_exposure_describe_card (manifest, web);
      g_assert_cmpstr (card, ==, expected->str);

      whole = np_exposure_describe_policy (manifest, web, NP_DIRECTION_INGRESS);
      last = g_strdup_printf ("app=client-%u in namespace shop on TCP %u", counts[c] - 1, 8000 + counts[c] - 1);
      g_assert_nonnull (strstr (whole, "app=client-0 "));
      g_assert_nonnull (strstr (whole, last));
      g_assert_null (strstr (whole, " more"));
    }
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);
  g_test_add_func ("/exposure/txt", test_txt);
  g_test_add_func ("/exposure/rows", test_rows);
  g_test_add_func ("/exposure/formats", test_formats);
  g_test_add_func ("/exposure/focus-conn", test_focus_conn);
  g_test_add_func ("/exposure/focus-direction-and-peer", test_focus_direction_and_peer);
  g_test_add_func ("/exposure/selectors", test_selectors);
  g_test_add_func ("/exposure/cilium", test_cilium);
  g_test_add_func ("/exposure/corpus-case", test_corpus_case);
  g_test_add_func ("/exposure/corpus-onlineboutique", test_corpus_onlineboutique);
  g_test_add_func ("/exposure/describe", test_describe);
  g_test_add_func ("/exposure/describe-others", test_describe_others);
  g_test_add_func ("/exposure/describe-card", test_describe_card);
  g_test_add_func ("/exposure/describe-card-long", test_describe_card_long);
  return g_test_run ();
}
