/* test-flows.c: reading Hubble flow logs, policies from flows, replaying flows against policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
#include "np-diagnostic.h"
#include "np-flow-generator.h"
#include "np-flow-replay.h"
#include "np-flow.h"
#include "np-history.h"
#include "np-cilium-rule.h"
#include "np-inventory.h"
#include "np-label-selector.h"
#include "np-manifest.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-test-util.h"
#include "np-validator.h"

/* Pods of the synthetic flows. */
#define WEB "{\"namespace\":\"shop\",\"pod_name\":\"web-5d9c7-abcde\",\"identity\":1001,\"labels\":[" \
            "\"k8s:app=web\",\"k8s:pod-template-hash=5d9c7\",\"k8s:io.kubernetes.pod.namespace=shop\"," \
            "\"k8s:io.cilium.k8s.policy.cluster=default\",\"k8s:io.cilium.k8s.policy.serviceaccount=web\"," \
            "\"k8s:io.cilium.k8s.namespace.labels.team=shop\"]}"
#define API "{\"namespace\":\"shop\",\"pod_name\":\"api-0\",\"identity\":1002,\"labels\":[" \
            "\"k8s:app=api\",\"k8s:statefulset.kubernetes.io/pod-name=api-0\"," \
            "\"k8s:controller-revision-hash=api-6f\",\"k8s:io.kubernetes.pod.namespace=shop\"]}"
#define DB  "{\"namespace\":\"data\",\"pod_name\":\"db-1\",\"identity\":1003,\"labels\":[" \
            "\"k8s:app=db\",\"k8s:io.kubernetes.pod.namespace=data\"]}"
#define DNS "{\"namespace\":\"kube-system\",\"pod_name\":\"coredns-1\",\"identity\":1004,\"labels\":[" \
            "\"k8s:k8s-app=kube-dns\",\"k8s:io.kubernetes.pod.namespace=kube-system\"]}"
#define HOST  "{\"identity\":1,\"labels\":[\"reserved:host\"]}"
#define WORLD "{\"identity\":2,\"labels\":[\"reserved:world\"]}"

#define FLOW(verdict, src, dst, proto, port, extra) \
  "{\"flow\":{\"verdict\":\"" verdict "\",\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"10.0.0.2\"}," \
  "\"l4\":{\"" proto "\":{\"source_port\":40000,\"destination_port\":" #port "}},\"source\":" src \
  ",\"destination\":" dst extra "},\"node_name\":\"n1\"}\n"

static GListModel *
read_text (const char *text, guint *n_records, GPtrArray *diagnostics)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return np_flow_read_bytes (bytes, "flows.json", n_records, diagnostics);
}

static guint
total_count (GListModel *flows)
{
  guint total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);

      total += np_flow_get_count (flow);
    }
  return total;
}

/* Labels ------------------------------------------------------------------ */

static void
test_labels (void)
{
  static const struct {
    const char *label;
    const char *stable;  /* NULL: left out */
  } rows[] = {
    { "k8s:app=web", "app=web" },
    { "app=web", "app=web" },
    { "any:tier=api", "tier=api" },
    { "k8s:app.kubernetes.io/name=shop", "app.kubernetes.io/name=shop" },
    { "k8s:security.istio.io/tlsMode=istio", "security.istio.io/tlsMode=istio" },
    { "k8s:flag", "flag=" },
    { "k8s:pod-template-hash=5d9c7", NULL },
    { "k8s:controller-revision-hash=api-6f", NULL },
    { "k8s:statefulset.kubernetes.io/pod-name=api-0", NULL },
    { "k8s:pod-template-generation=3", NULL },
    { "k8s:job-name=backup-28", NULL },
    { "k8s:batch.kubernetes.io/controller-uid=1234", NULL },
    { "k8s:io.kubernetes.pod.namespace=shop", NULL },
    { "k8s:io.cilium.k8s.policy.cluster=default", NULL },
    { "k8s:io.cilium.k8s.policy.serviceaccount=web", NULL },
    { "k8s:io.cilium.k8s.namespace.labels.team=shop", NULL },
    { "reserved:host", NULL },
    { "cidr:10.0.0.0/8", NULL },
    { "k8s:=x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *stable = np_flow_label_to_stable (rows[i].label);

      if (g_strcmp0 (stable, rows[i].stable) != 0)
        np_test_fail ("label %s: expected %s, got %s", rows[i].label,
                      rows[i].stable ? rows[i].stable : "(left out)", stable ? stable : "(left out)");
    }
  g_assert_true (np_flow_label_is_bookkeeping ("k8s:pod-template-hash=1"));
  g_assert_false (np_flow_label_is_bookkeeping ("k8s:app=web"));
}

/* Reading ------------------------------------------------------------------ */

static void
test_read_fields (void)
{
  static const char text[] =
    FLOW ("FORWARDED", WEB, API, "TCP", 8080, ",\"traffic_direction\":\"EGRESS\",\"is_reply\":false")
    FLOW ("FORWARDED", WEB, API, "TCP", 8080, ",\"traffic_direction\":\"EGRESS\",\"is_reply\":false")
    /* a bare flow, protobuf camelCase, numeric enums */
    "{\"verdict\":2,\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"10.0.0.9\"},"
    "\"l4\":{\"UDP\":{\"sourcePort\":1,\"destinationPort\":\"5353\"}},\"source\":" WEB ",\"destination\":" DB
    ",\"trafficDirection\":2,\"isReply\":true,\"unknownField\":{\"x\":[1,2]}}\n"
    FLOW ("REDIRECTED", WEB, DNS, "UDP", 53, ",\"l7\":{\"type\":\"REQUEST\",\"dns\":{\"query\":\"db.data.svc.\"}}")
    "{\"flow\":{\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"10.0.0.3\"},"
    "\"l4\":{\"ICMPv4\":{\"type\":8}},\"source\":" WEB ",\"destination\":" HOST ",\"reply\":true}}\n";
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(NpFlow) first = NULL;
  g_autoptr(NpFlow) bare = NULL;
  g_autoptr(NpFlow) dns = NULL;
  g_autoptr(NpFlow) icmp = NULL;
  g_autofree char *source = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *protocol = NULL;
  guint n_records = 0, port = 0, count = 0;
  const NpFlowEndpoint *web;

  flows = read_text (text, &n_records, diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (n_records, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 4);
  g_assert_cmpuint (total_count (flows), ==, 5);

  first = g_list_model_get_item (flows, 0);
  g_object_get (first, "source", &source, "destination", &destination, "protocol", &protocol,
                "port", &port, "count", &count, NULL);
  g_assert_cmpstr (source, ==, "shop/web-5d9c7-abcde");
  g_assert_cmpstr (destination, ==, "shop/api-0");
  g_assert_cmpstr (protocol, ==, "TCP");
  g_assert_cmpuint (port, ==, 8080);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (np_flow_get_line (first), ==, 1);
  g_assert_cmpstr (np_flow_get_direction (first), ==, "EGRESS");
  g_assert_true (np_flow_is_forwarded (first));
  web = np_flow_get_source (first);
  g_assert_cmpint (web->kind, ==, NP_FLOW_PEER_POD);
  g_assert_cmpuint (web->identity, ==, 1001);
  g_assert_cmpuint (g_strv_length (web->labels), ==, 6);
  g_assert_cmpuint (g_strv_length (web->stable), ==, 1);
  g_assert_cmpstr (web->stable[0], ==, "app=web");

  bare = g_list_model_get_item (flows, 1);
  g_assert_cmpstr (np_flow_get_verdict (bare), ==, "DROPPED");
  g_assert_cmpstr (np_flow_get_direction (bare), ==, "EGRESS");
  g_assert_cmpstr (np_flow_get_protocol (bare), ==, "UDP");
  g_assert_cmpuint (np_flow_get_port (bare), ==, 5353);
  g_assert_true (np_flow_get_is_reply (bare));
  g_assert_false (np_flow_is_forwarded (bare));

  dns = g_list_model_get_item (flows, 2);
  g_assert_cmpstr (np_flow_get_l7 (dns), ==, "DNS db.data.svc.");
  g_assert_true (np_flow_is_forwarded (dns));

  icmp = g_list_model_get_item (flows, 3);
  g_assert_cmpstr (np_flow_get_protocol (icmp), ==, "ICMPv4");
  g_assert_cmpuint (np_flow_get_port (icmp), ==, 0);
  g_assert_true (np_flow_get_is_reply (icmp));  /* the old "reply" field */
  g_assert_cmpint (np_flow_get_destination (icmp)->kind, ==, NP_FLOW_PEER_ENTITY);
  g_assert_cmpstr (np_flow_get_destination (icmp)->entity, ==, "host");
}

static void
check_read (const char *case_name, const char *text, guint n_flows, guint n_records,
            const NpTestExpected *expected)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = NULL;
  guint records = G_MAXUINT;
  guint n_expected = 0;

  flows = read_text (text, &records, diagnostics);
  while (n_expected < NP_TEST_MAX_EXPECTED && expected[n_expected].code != NULL)
    n_expected++;
  np_test_check_findings (case_name, NP_TEST_EXPECT, TRUE, diagnostics, expected, n_expected);
  if (g_list_model_get_n_items (flows) != n_flows || records != n_records)
    np_test_case_failed (case_name, diagnostics, "expected %u flows from %u records, got %u from %u",
                         n_flows, n_records, g_list_model_get_n_items (flows), records);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (np_diagnostic_get_file (d), "flows.json") != 0)
        np_test_case_failed (case_name, diagnostics, "a diagnostic without the file name");
    }
}

#define I(code, line, column) { NP_SEVERITY_INFO, code, "", line, column, NULL }
#define ERR(code, line, column, message) { NP_SEVERITY_ERROR, code, "", line, column, message }
#define WARN(code, line, column, message) { NP_SEVERITY_WARNING, code, "", line, column, message }

#define DEEP8 "[[[[[[[["
#define DEEP DEEP8 DEEP8 DEEP8 DEEP8 DEEP8 DEEP8 DEEP8 DEEP8 DEEP8 DEEP8

static void
test_read_malformed (void)
{
  static const struct {
    const char     *name;
    const char     *text;
    guint           n_flows;
    guint           n_records;
    NpTestExpected  expected[NP_TEST_MAX_EXPECTED];
  } rows[] = {
    { "empty file", "", 0, 0, { WARN ("flow-empty-file", 0, 0, "no flow records") } },
    { "blank lines only", "\n  \r\n\n", 0, 0, { WARN ("flow-empty-file", 0, 0, "no flow records") } },
    { "bad JSON line",
      FLOW ("FORWARDED", WEB, API, "TCP", 80, "") "{\"flow\": {\"verdict\": }\n" FLOW ("FORWARDED", WEB, DB, "TCP", 5432, ""),
      2, 2, { ERR ("flow-syntax", 2, 22, "not valid JSON") } },
    { "truncated last line without newline",
      FLOW ("FORWARDED", WEB, API, "TCP", 80, "") "{\"flow\":{\"verdict\":\"FORW",
      1, 1, { ERR ("flow-syntax", 2, 0, "not valid JSON") } },
    { "CRLF line ends", "{\"flow\":{\"source\":" WEB ",\"destination\":" API "}}\r\n\r\n", 1, 1, { { 0 } } },
    { "array, not object", "[1, 2, 3]\n", 0, 0, { ERR ("flow-not-object", 1, 1, "not a JSON object") } },
    { "number, not object", "\n42\n", 0, 0, { ERR ("flow-not-object", 2, 1, "not a JSON object") } },
    { "flow not an object", "{\"flow\": \"x\"}\n", 0, 0, { ERR ("flow-wrong-type", 1, 1, "“flow”") } },
    { "no flow in record", "{\"node_status\":{\"state\":\"NODE_CONNECTED\"},\"time\":\"x\"}\n", 0, 0,
      { I ("flow-none", 1, 1) } },
    { "missing endpoints", "{\"flow\":{\"verdict\":\"FORWARDED\",\"l4\":{\"TCP\":{\"destination_port\":80}}}}\n",
      0, 0, { WARN ("flow-no-endpoints", 1, 1, "neither source nor destination") } },
    { "missing l4 and verdict", "{\"flow\":{\"source\":" WEB ",\"destination\":" API "}}\n", 1, 1, { { 0 } } },
    { "l4 of wrong type", "{\"flow\":{\"source\":" WEB ",\"l4\":5}}\n", 0, 0,
      { ERR ("flow-wrong-type", 1, 1, "“l4” should be an object") } },
    { "labels of wrong type", "{\"flow\":{\"source\":{\"labels\":\"k8s:app=x\"}}}\n", 0, 0,
      { ERR ("flow-wrong-type", 1, 1, "“labels” should be a list of strings") } },
    { "port out of range", "{\"flow\":{\"source\":" WEB ",\"l4\":{\"TCP\":{\"destination_port\":70000}}}}\n", 0, 0,
      { ERR ("flow-wrong-type", 1, 1, "“destination_port”") } },
    { "nested too deep", "{\"flow\":{\"source\":{\"labels\":" DEEP "}}}\n", 0, 0,
      /* three objects, then the 62nd "[" (column 28 + 62) is the 65th level */
      { ERR ("flow-syntax", 1, 90, "more than 64 levels") } },
    { "deep inside a string is fine", "{\"flow\":{\"source\":{\"namespace\":\"" DEEP "\"}}}\n", 1, 1, { { 0 } } },
    { "invalid UTF-8", "{\"flow\":{\"source\":{\"namespace\":\"\xff\"}}}\n", 0, 0,
      { ERR ("flow-syntax", 1, 1, "UTF-8") } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    check_read (rows[i].name, rows[i].text, rows[i].n_flows, rows[i].n_records, rows[i].expected);
}

/* Generation ---------------------------------------------------------------- */

/* "PEER : PORTS" for each rule of @direction. */
static char *
rules_to_string (NpPolicy *policy, NpDirection direction)
{
  GListModel *rules = np_policy_get_rules (policy, direction);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *peers = np_policy_rule_get_peers (rule);
      GListModel *ports = np_policy_rule_get_ports (rule);

      for (guint j = 0; j < g_list_model_get_n_items (peers); j++)
        {
          g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, j);
          g_autofree char *text = np_policy_peer_to_string (peer);

          g_string_append_printf (out, "%s%s", j > 0 ? " | " : "", text);
        }
      g_string_append (out, " :");
      for (guint j = 0; j < g_list_model_get_n_items (ports); j++)
        {
          g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, j);
          g_autofree char *text = np_policy_port_to_string (port);

          g_string_append_printf (out, " %s", text);
        }
      g_string_append (out, "\n");
    }
  return g_string_free (out, FALSE);
}

static const char shop_flows[] =
  /* three adjacent ports and an overlapping repeat become 8080-8082; 9000 stays apart */
  FLOW ("FORWARDED", WEB, API, "TCP", 8082, "")
  FLOW ("FORWARDED", WEB, API, "TCP", 8080, "")
  FLOW ("FORWARDED", WEB, API, "TCP", 9000, "")
  FLOW ("FORWARDED", WEB, API, "TCP", 8081, "")
  FLOW ("FORWARDED", WEB, API, "TCP", 8081, "")
  FLOW ("FORWARDED", WEB, API, "UDP", 5000, "")
  FLOW ("FORWARDED", WEB, DB, "TCP", 5432, "")
  FLOW ("REDIRECTED", WEB, DNS, "UDP", 53, "")
  FLOW ("FORWARDED", WEB, DNS, "TCP", 53, "")
  /* the DNS answer that names the outside address */
  "{\"flow\":{\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.0.53\",\"destination\":\"10.0.0.1\"},"
  "\"l4\":{\"UDP\":{\"source_port\":53,\"destination_port\":40000}},\"source\":" DNS ",\"destination\":" WEB ","
  "\"is_reply\":true,\"l7\":{\"type\":\"RESPONSE\",\"dns\":{\"query\":\"api.example.com.\",\"ips\":[\"192.0.2.80\"]}}}}\n"
  "{\"flow\":{\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"192.0.2.80\"},"
  "\"l4\":{\"TCP\":{\"source_port\":40001,\"destination_port\":443}},\"source\":" WEB ",\"destination\":" WORLD "}}\n"
  "{\"flow\":{\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"2001:db8::1\"},"
  "\"l4\":{\"TCP\":{\"source_port\":40001,\"destination_port\":443}},\"source\":" WEB ",\"destination\":" WORLD "}}\n"
  FLOW ("FORWARDED", HOST, WEB, "TCP", 8080, "")
  FLOW ("FORWARDED", API, WEB, "TCP", 80, "")
  FLOW ("FORWARDED", API, WEB, "TCP", 81, "")
  FLOW ("FORWARDED", API, WEB, "TCP", 33000, ",\"is_reply\":true")
  FLOW ("DROPPED", DB, WEB, "TCP", 7000, "")
  "{\"flow\":{\"verdict\":\"FORWARDED\",\"l4\":{\"ICMPv4\":{\"type\":8}},\"source\":" WEB ",\"destination\":" API "}}\n";

static void
test_generate_kubernetes (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = read_text (shop_flows, NULL, NULL);
  g_autoptr(GPtrArray) workloads = np_flow_list_workloads (flows, NP_FLOW_GENERATE_DEFAULT);
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=web", NULL);
  g_autoptr(GObject) policy = NULL;
  g_autofree char *egress = NULL;
  g_autofree char *ingress = NULL;
  g_autofree char *yaml = NULL;
  const char * const *types;
  gboolean host_reported = FALSE, icmp_reported = FALSE;

  /* The dropped db → web flow does not make db:app=db a workload of web's... but db is a
   * destination of web's forwarded flows, so it is listed. */
  g_assert_cmpuint (workloads->len, ==, 4);
  {
    const char *expected[] = { "data:app=db", "kube-system:k8s-app=kube-dns", "shop:app=api", "shop:app=web" };

    for (guint i = 0; i < workloads->len; i++)
      {
        g_autofree char *text = np_flow_workload_to_string (g_ptr_array_index (workloads, i));

        g_assert_cmpstr (text, ==, expected[i]);
      }
  }

  policy = np_flow_generate_policy (flows, "shop", selector, NP_POLICY_KIND_KUBERNETES,
                                    NP_FLOW_GENERATE_DEFAULT, diagnostics);
  g_assert_nonnull (policy);
  g_assert_true (NP_IS_POLICY (policy));
  g_assert_cmpstr (np_policy_get_name (NP_POLICY (policy)), ==, "web-from-flows");
  g_assert_cmpstr (np_policy_get_namespace (NP_POLICY (policy)), ==, "shop");
  types = np_policy_get_policy_types (NP_POLICY (policy));
  g_assert_nonnull (types);
  g_assert_cmpstr (types[0], ==, "Ingress");
  g_assert_cmpstr (types[1], ==, "Egress");
  g_assert_null (types[2]);

  egress = rules_to_string (NP_POLICY (policy), NP_DIRECTION_EGRESS);
  g_assert_cmpstr (egress, ==,
                   "pods app=api : TCP 8080-8082 TCP 9000 UDP 5000\n"
                   "pods app=db in namespaces kubernetes.io/metadata.name=data : TCP 5432\n"
                   "192.0.2.80/32 : TCP 443\n"
                   "2001:db8::1/128 : TCP 443\n"
                   "pods k8s-app=kube-dns in namespaces kubernetes.io/metadata.name=kube-system : UDP 53 TCP 53\n");
  ingress = rules_to_string (NP_POLICY (policy), NP_DIRECTION_INGRESS);
  g_assert_cmpstr (ingress, ==, "pods app=api : TCP 80-81\n");

  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_cmpint (np_diagnostic_get_severity (d), ==, NP_SEVERITY_WARNING);
      if (strstr (np_diagnostic_get_message (d), "“host”") != NULL)
        host_reported = TRUE;
      if (strstr (np_diagnostic_get_message (d), "ICMP") != NULL)
        icmp_reported = TRUE;
    }
  g_assert_true (host_reported);
  g_assert_true (icmp_reported);

  np_policy_validate (NP_POLICY (policy), NP_VALIDATE_STRICT_CIDR, problems);
  if (problems->len > 0)
    np_test_fail_listing ("generated policy", problems, "the generated policy has findings");

  /* Deterministic: the same flows give the same text. */
  yaml = np_flow_policy_to_yaml (policy);
  {
    g_autoptr(GObject) again = np_flow_generate_policy (flows, "shop", selector, NP_POLICY_KIND_KUBERNETES,
                                                        NP_FLOW_GENERATE_DEFAULT, NULL);
    g_autofree char *yaml2 = np_flow_policy_to_yaml (again);

    g_assert_cmpstr (yaml, ==, yaml2);
  }
}

/* Port merging and grouping by peer: each row's flows go from web to the
 * pods named, and web's egress must come out as the rules given. */
static void
test_generate_grouping (void)
{
  static const struct {
    const char *name;
    const char *ports;     /* "PROTO PORT[@POD]" separated by ";"; POD is a or b (default a) */
    const char *expected;  /* the egress rules */
  } rows[] = {
    { "single port", "TCP 80", "pods app=api : TCP 80\n" },
    { "duplicates", "TCP 80;TCP 80;TCP 80", "pods app=api : TCP 80\n" },
    { "adjacent merge", "TCP 81;TCP 80;TCP 82", "pods app=api : TCP 80-82\n" },
    { "gap kept", "TCP 80;TCP 82", "pods app=api : TCP 80 TCP 82\n" },
    { "sorted", "TCP 9000;TCP 443;TCP 80", "pods app=api : TCP 80 TCP 443 TCP 9000\n" },
    { "protocols apart", "UDP 53;TCP 53;UDP 54;SCTP 7",
      "pods app=api : TCP 53 UDP 53-54 SCTP 7\n" },
    { "edges", "TCP 1;TCP 2;TCP 65535;TCP 65534", "pods app=api : TCP 1-2 TCP 65534-65535\n" },
    /* two pods of one workload (only bookkeeping labels differ) are one peer */
    { "one peer for pods of a workload", "TCP 80@a;TCP 81@b", "pods app=api : TCP 80-81\n" },
    /* a pod with other labels is another peer, in label order */
    { "two peers", "TCP 80@a;TCP 80@c", "pods app=api : TCP 80\npods app=cache : TCP 80\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_auto(GStrv) entries = g_strsplit (rows[i].ports, ";", -1);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GListModel) flows = NULL;
      g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=web", NULL);
      g_autoptr(GObject) policy = NULL;
      g_autofree char *egress = NULL;

      for (guint j = 0; entries[j] != NULL; j++)
        {
          g_autofree char *proto = NULL;
          const char *at = strchr (entries[j], '@');
          const char *pod = at != NULL ? at + 1 : "a";
          const char *destination;
          guint port;

          proto = g_strndup (entries[j], strchr (entries[j], ' ') - entries[j]);
          port = atoi (strchr (entries[j], ' ') + 1);
          if (g_str_equal (pod, "a"))
            destination = "{\"namespace\":\"shop\",\"pod_name\":\"api-1-x\",\"labels\":[\"k8s:app=api\",\"k8s:pod-template-hash=1\"]}";
          else if (g_str_equal (pod, "b"))
            destination = "{\"namespace\":\"shop\",\"pod_name\":\"api-2-y\",\"labels\":[\"k8s:app=api\",\"k8s:pod-template-hash=2\"]}";
          else
            destination = "{\"namespace\":\"shop\",\"pod_name\":\"cache-0\",\"labels\":[\"k8s:app=cache\"]}";
          g_string_append_printf (text,
                                  "{\"flow\":{\"verdict\":\"FORWARDED\",\"l4\":{\"%s\":{\"destination_port\":%u}},"
                                  "\"source\":" WEB ",\"destination\":%s}}\n", proto, port, destination);
        }
      flows = read_text (text->str, NULL, NULL);
      policy = np_flow_generate_policy (flows, "shop", selector, NP_POLICY_KIND_KUBERNETES,
                                        NP_FLOW_GENERATE_DEFAULT, NULL);
      if (policy == NULL)
        {
          np_test_case_failed (rows[i].name, NULL, "no policy");
          continue;
        }
      egress = rules_to_string (NP_POLICY (policy), NP_DIRECTION_EGRESS);
      if (!g_str_equal (egress, rows[i].expected))
        np_test_case_failed (rows[i].name, NULL, "expected\n%sgot\n%s", rows[i].expected, egress);
    }
}

static void
test_generate_include_dropped (void)
{
  g_autoptr(GListModel) flows = read_text (shop_flows, NULL, NULL);
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=web", NULL);
  g_autoptr(GObject) policy = np_flow_generate_policy (flows, "shop", selector, NP_POLICY_KIND_KUBERNETES,
                                                       NP_FLOW_GENERATE_INCLUDE_DROPPED, NULL);
  g_autofree char *ingress = rules_to_string (NP_POLICY (policy), NP_DIRECTION_INGRESS);

  g_assert_cmpstr (ingress, ==,
                   "pods app=api : TCP 80-81\n"
                   "pods app=db in namespaces kubernetes.io/metadata.name=data : TCP 7000\n");
}

static void
test_generate_cilium (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = read_text (shop_flows, NULL, NULL);
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=web", NULL);
  g_autoptr(GObject) policy = NULL;
  g_autofree char *yaml = NULL;

  policy = np_flow_generate_policy (flows, "shop", selector, NP_POLICY_KIND_CILIUM,
                                    NP_FLOW_GENERATE_DEFAULT, diagnostics);
  g_assert_nonnull (policy);
  g_assert_true (NP_IS_CILIUM_POLICY (policy));
  yaml = np_flow_policy_to_yaml (policy);
  g_test_message ("%s", yaml);
  /* The named outside address by its name, with the DNS proxy rule it needs;
   * the unnamed one by its address; the host as an entity. */
  g_assert_nonnull (strstr (yaml, "  - toFQDNs:\n    - matchName: api.example.com\n"));
  g_assert_nonnull (strstr (yaml, "      rules:\n        dns:\n        - matchPattern: '*'\n"));
  g_assert_nonnull (strstr (yaml, "2001:db8::1/128"));
  g_assert_null (strstr (yaml, "192.0.2.80"));
  g_assert_nonnull (strstr (yaml, "  - fromEntities:\n    - host\n    toPorts:\n    - ports:\n      - port: \"8080\"\n"));
  g_assert_nonnull (strstr (yaml, "- port: \"8080\"\n        endPort: 8082\n        protocol: TCP\n"));
  for (guint i = 0; i < diagnostics->len; i++)
    g_assert_null (strstr (np_diagnostic_get_message (g_ptr_array_index (diagnostics, i)), "“host”"));

  np_cilium_policy_validate (NP_CILIUM_POLICY (policy), NP_VALIDATE_STRICT_CIDR, problems);
  if (np_diagnostics_have_errors (problems))
    np_test_fail_listing ("generated policy", problems, "the generated policy has errors");
}

static void
test_generate_nothing (void)
{
  static const char text[] =
    FLOW ("DROPPED", WEB, API, "TCP", 80, "")
    FLOW ("FORWARDED", API, WEB, "TCP", 40000, ",\"is_reply\":true")
    FLOW ("FORWARDED", HOST, WORLD, "TCP", 443, "");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = read_text (text, NULL, NULL);
  g_autoptr(GPtrArray) workloads = np_flow_list_workloads (flows, NP_FLOW_GENERATE_DEFAULT);
  g_autoptr(GPtrArray) with_dropped = np_flow_list_workloads (flows, NP_FLOW_GENERATE_INCLUDE_DROPPED);
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=web", NULL);
  g_autoptr(GObject) policy = NULL;

  g_assert_cmpuint (workloads->len, ==, 0);
  g_assert_cmpuint (with_dropped->len, ==, 2);
  policy = np_flow_generate_policy (flows, "shop", selector, NP_POLICY_KIND_KUBERNETES,
                                    NP_FLOW_GENERATE_DEFAULT, diagnostics);
  g_assert_null (policy);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (diagnostics, 0)), ==, "flow-nothing");
}

static void
test_parse_workload (void)
{
  static const struct {
    const char *text;
    const char *namespace_;  /* NULL: refused */
    const char *selector;
  } rows[] = {
    { "shop:app=web", "shop", "app=web" },
    { "shop:app=web,tier=front", "shop", "app=web, tier=front" },
    { "shop", NULL, NULL },
    { ":app=web", NULL, NULL },
    { "shop:", NULL, NULL },
    { "shop:app in (", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *namespace_ = NULL;
      g_autoptr(NpLabelSelector) selector = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = np_flow_parse_workload (rows[i].text, &namespace_, &selector, &error);

      if (ok != (rows[i].namespace_ != NULL))
        {
          np_test_fail ("workload %s: %s", rows[i].text, ok ? "accepted" : error->message);
          continue;
        }
      if (ok)
        {
          g_autofree char *text = np_label_selector_to_string (selector);

          g_assert_cmpstr (namespace_, ==, rows[i].namespace_);
          g_assert_cmpstr (text, ==, rows[i].selector);
        }
      else
        g_assert_nonnull (error);
    }
}

/* Replay ------------------------------------------------------------------- */

/* Whether the flow's other end is something a NetworkPolicy cannot name
 * (the generator said so in a warning). */
static gboolean
involves_entity (NpFlow *flow)
{
  return np_flow_get_source (flow)->kind == NP_FLOW_PEER_ENTITY ||
         np_flow_get_destination (flow)->kind == NP_FLOW_PEER_ENTITY;
}

/* Replays @flows against @policies; fails for every forwarded flow that
 * would be dropped (for a NetworkPolicy, except those to or from entities). */
static void
check_replay (const char *subject, GListModel *flows, GPtrArray *policies, gboolean kubernetes,
              guint *n_allowed)
{
  g_autoptr(NpInventory) inventory = np_flow_inventory_new (flows);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < policies->len; i++)
    {
      g_autofree char *yaml = np_flow_policy_to_yaml (g_ptr_array_index (policies, i));

      g_string_append_printf (text, "---\n%s", yaml);
    }
  bytes = g_bytes_new (text->str, text->len);
  g_assert_true (np_inventory_add_bytes (inventory, bytes, "generated.yaml", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (np_inventory_get_n_policies (inventory), ==, policies->len);

  results = np_flow_replay (flows, inventory, NP_EVAL_FLAGS_NONE);
  for (guint i = 0; i < results->len; i++)
    {
      NpFlowReplayResult *r = g_ptr_array_index (results, i);

      g_assert_false (np_flow_get_is_reply (r->flow));
      if (r->outcome == NP_FLOW_REPLAY_ALLOWED)
        *n_allowed += np_flow_get_count (r->flow);
      if (r->outcome != NP_FLOW_REPLAY_DROPPED || !np_flow_is_forwarded (r->flow))
        continue;
      if (kubernetes && involves_entity (r->flow))
        continue;
      {
        g_autofree char *source = np_flow_dup_source_name (r->flow);
        g_autofree char *destination = np_flow_dup_destination_name (r->flow);

        np_test_fail ("%s: the flow of line %u, %s → %s %s %u, would be dropped (%s%s)", subject,
                      np_flow_get_line (r->flow), source, destination, np_flow_get_protocol (r->flow),
                      np_flow_get_port (r->flow), r->egress_denied ? "egress " : "",
                      r->ingress_denied ? "ingress" : "");
      }
    }
}

/* The inventory knows the pods by name with their labels (without source
 * prefix or bookkeeping about the namespace), and their namespaces with the
 * namespace labels Cilium recorded. */
static void
test_replay_inventory (void)
{
  g_autoptr(GListModel) flows = read_text (shop_flows, NULL, NULL);
  g_autoptr(NpInventory) inventory = np_flow_inventory_new (flows);
  GHashTable *namespace_labels;
  const NpWorkload *web;
  int index;

  index = np_inventory_find_workload (inventory, "shop/web-5d9c7-abcde");
  g_assert_cmpint (index, >=, 0);
  web = np_inventory_get_workload (inventory, index);
  g_assert_cmpstr (web->namespace_, ==, "shop");
  g_assert_cmpstr (g_hash_table_lookup (web->labels, "app"), ==, "web");
  g_assert_cmpstr (g_hash_table_lookup (web->labels, "pod-template-hash"), ==, "5d9c7");
  g_assert_null (g_hash_table_lookup (web->labels, "io.kubernetes.pod.namespace"));
  g_assert_null (g_hash_table_lookup (web->labels, "io.cilium.k8s.namespace.labels.team"));
  namespace_labels = np_inventory_get_namespace_labels (inventory, "shop");
  g_assert_nonnull (namespace_labels);
  g_assert_cmpstr (g_hash_table_lookup (namespace_labels, "team"), ==, "shop");
  g_assert_cmpstr (g_hash_table_lookup (namespace_labels, "kubernetes.io/metadata.name"), ==, "shop");
  g_assert_cmpint (np_inventory_find_workload (inventory, "kube-system/coredns-1"), >=, 0);
  g_assert_cmpint (np_inventory_find_workload (inventory, "data/db-1"), >=, 0);
  /* web, api, db, coredns: nothing else is a pod */
  g_assert_cmpuint (np_inventory_get_n_workloads (inventory), ==, 4);
}

static void
test_replay_synthetic (void)
{
  g_autoptr(GListModel) flows = read_text (shop_flows, NULL, NULL);
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=web", NULL);

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) narrow = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpInventory) inventory = np_flow_inventory_new (flows);
      g_autoptr(GPtrArray) results = NULL;
      guint n_allowed = 0, n_dropped = 0;
      g_autofree char *yaml = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_ptr_array_add (policies, np_flow_generate_policy (flows, "shop", selector, k, NP_FLOW_GENERATE_DEFAULT, NULL));
      check_replay (k == 0 ? "kubernetes" : "cilium", flows, policies, k == 0, &n_allowed);
      g_assert_cmpuint (n_allowed, >, 0);

      /* A policy from fewer flows drops the ones it was not told about. */
      {
        static const char fewer[] = FLOW ("FORWARDED", WEB, API, "TCP", 8080, "");
        g_autoptr(GListModel) some = read_text (fewer, NULL, NULL);
        g_autoptr(GObject) policy = np_flow_generate_policy (some, "shop", selector, k, NP_FLOW_GENERATE_DEFAULT, NULL);

        yaml = np_flow_policy_to_yaml (policy);
      }
      bytes = g_bytes_new (yaml, strlen (yaml));
      g_assert_true (np_inventory_add_bytes (inventory, bytes, "narrow.yaml", NULL));
      results = np_flow_replay (flows, inventory, NP_EVAL_FLAGS_NONE);
      for (guint i = 0; i < results->len; i++)
        {
          NpFlowReplayResult *r = g_ptr_array_index (results, i);

          if (r->outcome == NP_FLOW_REPLAY_DROPPED)
            {
              n_dropped += np_flow_get_count (r->flow);
              /* web is isolated for egress only: what it sends is refused there */
              g_assert_true (r->egress_denied);
              g_assert_false (r->ingress_denied);
              g_assert_cmpint (np_flow_get_source (r->flow)->kind, ==, NP_FLOW_PEER_POD);
              g_assert_cmpstr (np_flow_get_source (r->flow)->pod_name, ==, "web-5d9c7-abcde");
            }
          if (r->outcome == NP_FLOW_REPLAY_SKIPPED)
            g_assert_cmpstr (np_flow_get_protocol (r->flow), ==, "ICMPv4");
        }
      /* 8082, 9000, 8081 ×2, UDP 5000, 5432, DNS ×2, 443 ×2 */
      g_assert_cmpuint (n_dropped, ==, 10);
    }
}

/* A record that lists one label key twice (seen in a damaged log): the
 * policy writer and the replay must take the same value, or the policy
 * written from the flow drops that very flow. The reader says which
 * value it kept. */
static void
test_repeated_label (void)
{
  static const char text[] =
    FLOW ("FORWARDED", WEB,
          "{\"namespace\":\"shop\",\"pod_name\":\"api-0\",\"identity\":1002,\"labels\":["
          "\"k8s:app=api\",\"k8s:track=zebra\",\"k8s:io.kubernetes.pod.namespace=shop\","
          "\"k8s:track=alpha\"]}",
          "TCP", 8080, "");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = read_text (text, NULL, diagnostics);
  g_autoptr(NpLabelSelector) web = np_label_selector_new_from_string ("app=web", NULL);
  g_autoptr(NpLabelSelector) api = np_label_selector_new_from_string ("app=api", NULL);
  g_autoptr(NpFlow) flow = g_list_model_get_item (flows, 0);
  g_autofree char *message = NULL;

  g_assert_cmpuint (diagnostics->len, ==, 1);
  message = np_diagnostic_format (g_ptr_array_index (diagnostics, 0));
  g_assert_cmpstr (message, ==, "flows.json:1:1: warning: The destination lists label “track” twice with "
                                "different values; the first value is used.");
  /* the first value, for every reader of the labels */
  g_assert_true (g_strv_contains ((const char * const *) np_flow_get_destination (flow)->stable, "track=zebra"));
  g_assert_false (g_strv_contains ((const char * const *) np_flow_get_destination (flow)->stable, "track=alpha"));
  g_assert_false (g_strv_contains ((const char * const *) np_flow_get_destination (flow)->labels, "k8s:track=alpha"));

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_allowed = 0;

      g_ptr_array_add (policies, np_flow_generate_policy (flows, "shop", web, k, NP_FLOW_GENERATE_DEFAULT, NULL));
      g_ptr_array_add (policies, np_flow_generate_policy (flows, "shop", api, k, NP_FLOW_GENERATE_DEFAULT, NULL));
      check_replay (k == 0 ? "kubernetes" : "cilium", flows, policies, k == 0, &n_allowed);
      g_assert_cmpuint (n_allowed, ==, 1);
    }
}

/* Adding rules from flows to a policy ------------------------------------------ */

static void
test_add_rules_kubernetes (void)
{
  g_autoptr(GListModel) flows = read_text (shop_flows, NULL, NULL);
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("app=web", NULL);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpHistory) history = np_history_new ();
  g_autoptr(GListStore) one = g_list_store_new (NP_TYPE_FLOW);
  g_autoptr(GObject) generated = NULL;
  g_autofree char *full_egress = NULL;
  g_autofree char *egress = NULL;
  g_autofree char *ingress = NULL;
  const char * const ingress_only[] = { "Ingress", NULL };
  const char * const *types;
  NpPolicy *policy;
  guint n_egress;

  /* The policy for web, without its egress rules and isolating ingress only. */
  generated = np_flow_generate_policy (flows, "shop", selector, NP_POLICY_KIND_KUBERNETES,
                                       NP_FLOW_GENERATE_DEFAULT, NULL);
  policy = NP_POLICY (generated);
  full_egress = rules_to_string (policy, NP_DIRECTION_EGRESS);
  n_egress = g_list_model_get_n_items (np_policy_get_egress (policy));
  g_assert_cmpuint (n_egress, ==, 5);
  g_list_store_remove_all (G_LIST_STORE (np_policy_get_egress (policy)));
  np_policy_set_policy_types (policy, ingress_only);
  np_history_watch_policy (history, policy);
  g_assert_false (np_history_get_can_undo (history));

  /* Only what is missing is added, and policyTypes gains Egress. */
  g_assert_cmpuint (np_flow_add_rules_to_policy (generated, flows, NP_FLOW_GENERATE_DEFAULT, diagnostics), ==, n_egress);
  egress = rules_to_string (policy, NP_DIRECTION_EGRESS);
  g_assert_cmpstr (egress, ==, full_egress);
  ingress = rules_to_string (policy, NP_DIRECTION_INGRESS);
  g_assert_cmpstr (ingress, ==, "pods app=api : TCP 80-81\n");
  types = np_policy_get_policy_types (policy);
  g_assert_cmpstr (types[0], ==, "Ingress");
  g_assert_cmpstr (types[1], ==, "Egress");
  g_assert_null (types[2]);

  /* One undo step takes all of it back. */
  g_assert_true (np_history_get_can_undo (history));
  g_assert_true (np_history_undo (history) == (gpointer) policy);
  g_assert_false (np_history_get_can_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_get_egress (policy)), ==, 0);
  g_assert_cmpstr (np_policy_get_policy_types (policy)[1], ==, NULL);
  g_assert_true (np_history_redo (history) == (gpointer) policy);
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_get_egress (policy)), ==, n_egress);

  /* Nothing new: nothing added, no step. */
  g_assert_cmpuint (np_flow_add_rules_to_policy (generated, flows, NP_FLOW_GENERATE_DEFAULT, diagnostics), ==, 0);
  g_assert_false (np_diagnostics_have_errors (diagnostics));
  np_history_undo (history);
  g_assert_false (np_history_get_can_undo (history));

  /* A chosen subset: web → db only. */
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);
      g_autofree char *destination = np_flow_dup_destination_name (flow);

      if (np_flow_is_usable (flow, NP_FLOW_GENERATE_DEFAULT) && g_str_has_prefix (destination, "data/"))
        g_list_store_append (one, flow);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (one)), ==, 1);
  g_assert_cmpuint (np_flow_add_rules_to_policy (generated, G_LIST_MODEL (one), NP_FLOW_GENERATE_DEFAULT, NULL), ==, 1);
  g_clear_pointer (&egress, g_free);
  egress = rules_to_string (policy, NP_DIRECTION_EGRESS);
  g_assert_cmpstr (egress, ==, "pods app=db in namespaces kubernetes.io/metadata.name=data : TCP 5432\n");
}

static void
test_add_rules_cilium (void)
{
  g_autoptr(GListModel) flows = read_text (shop_flows, NULL, NULL);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (FALSE);
  g_autoptr(NpCiliumPolicy) clusterwide = np_cilium_policy_new (TRUE);
  g_autoptr(NpLabelSelector) subject = np_label_selector_new ();
  g_autoptr(NpHistory) history = np_history_new ();
  g_autofree char *yaml = NULL;
  guint added;

  np_cilium_policy_set_name (policy, "web");
  np_cilium_policy_set_namespace (policy, "shop");
  /* As Cilium writes it: with the source of the label. */
  np_label_selector_set_label (subject, "k8s:app", "web");
  np_cilium_rule_set_endpoint_selector (np_cilium_policy_add_rule (policy), subject);
  np_history_watch_cilium_policy (history, policy);

  added = np_flow_add_rules_to_policy (G_OBJECT (policy), flows, NP_FLOW_GENERATE_DEFAULT, diagnostics);
  g_assert_cmpuint (added, >, 3);
  yaml = np_flow_policy_to_yaml (G_OBJECT (policy));
  g_test_message ("%s", yaml);
  g_assert_nonnull (strstr (yaml, "k8s:app: web"));
  g_assert_nonnull (strstr (yaml, "  - toFQDNs:\n    - matchName: api.example.com\n"));
  g_assert_nonnull (strstr (yaml, "  - fromEntities:\n    - host\n"));
  np_cilium_policy_validate (policy, NP_VALIDATE_STRICT_CIDR, problems);
  if (np_diagnostics_have_errors (problems))
    np_test_fail_listing ("policy with rules from flows", problems, "it has errors");

  /* Again: nothing new. Undo: one step back to the bare policy. */
  g_assert_cmpuint (np_flow_add_rules_to_policy (G_OBJECT (policy), flows, NP_FLOW_GENERATE_DEFAULT, NULL), ==, 0);
  g_assert_true (np_history_undo (history) == (gpointer) policy);
  g_assert_false (np_history_get_can_undo (history));
  g_clear_pointer (&yaml, g_free);
  yaml = np_flow_policy_to_yaml (G_OBJECT (policy));
  g_assert_null (strstr (yaml, "toFQDNs"));
  g_assert_null (strstr (yaml, "ingress"));

  /* Clusterwide policies are not for one namespace's pods. */
  g_ptr_array_set_size (diagnostics, 0);
  g_assert_cmpuint (np_flow_add_rules_to_policy (G_OBJECT (clusterwide), flows, NP_FLOW_GENERATE_DEFAULT, diagnostics), ==, 0);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpstr (np_diagnostic_get_code (g_ptr_array_index (diagnostics, 0)), ==, "flow-scope");
}

/* The corpus ---------------------------------------------------------------- */

static const struct {
  const char *file;
  guint       records;
  gboolean    generates;  /* holds forwarded flows of labelled workloads */
} corpus_files[] = {
  /* field-masked DROPPED records without labels (corpus README) */
  { "cilium-docs-hubble-exporter-events.jsonl", 2, FALSE },
  { "hubble-otel-basic-sample-10-flows.json", 10, TRUE },
  { "hubble-otel-basic-sample-330-dns-flows.json", 330, TRUE },
  { "hubble-otel-basic-sample-348-http-flows.json", 348, TRUE },
  /* ICMP between reserved identities only; 18 records despite the name */
  { "hubble-otel-basic-sample-400-icmpv4-flows.json", 18, FALSE },
  { "hubble-otel-basic-sample-400-l7-redirected-flows.json", 400, TRUE },
  { "hubble-otel-basic-sample-400-tcp-flows.json", 400, TRUE },
  { "hubble-otel-basic-sample-400-udp-flows.json", 400, TRUE },
  { "hubble-otel-basic-sample-5-dns-flows.json", 5, TRUE },
  { "hubble-otel-basic-sample-5-http-flows.json", 5, TRUE },
};

static GListModel *
read_corpus_file (const char *file, guint *n_records, GPtrArray *diagnostics)
{
  g_autofree char *relative = g_build_filename ("flows", file, NULL);
  g_autofree char *path = np_test_corpus_path (relative);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  if (path == NULL)
    return NULL;
  text = np_test_read_file (path, &length);
  bytes = g_bytes_new (text, length);
  return np_flow_read_bytes (bytes, file, n_records, diagnostics);
}

static void
test_corpus_listed (void)
{
  g_autofree char *dir = np_test_corpus_path ("flows");
  const char * const suffixes[] = { ".json", ".jsonl", NULL };
  g_autoptr(GPtrArray) files = NULL;
  guint total = 0;

  if (dir == NULL)
    return;
  files = np_test_list_files (dir, suffixes);
  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (corpus_files));
  for (guint i = 0; i < G_N_ELEMENTS (corpus_files); i++)
    total += corpus_files[i].records;
  /* the corpus README's total */
  g_assert_cmpuint (total, ==, 1918);
}

static void
test_corpus_read (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = NULL;
  guint n_records = 0;

  flows = read_corpus_file (corpus_files[i].file, &n_records, diagnostics);
  if (flows == NULL)
    return;
  if (diagnostics->len > 0)
    np_test_fail_listing (corpus_files[i].file, diagnostics, "reading gave findings");
  g_assert_cmpuint (n_records, ==, corpus_files[i].records);
  g_assert_cmpuint (total_count (flows), ==, corpus_files[i].records);
  g_assert_cmpuint (g_list_model_get_n_items (flows), <=, n_records);
}

static void
test_corpus_generate (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GListModel) flows = read_corpus_file (corpus_files[i].file, NULL, NULL);
  g_autoptr(GPtrArray) workloads = NULL;

  if (flows == NULL)
    return;
  workloads = np_flow_list_workloads (flows, NP_FLOW_GENERATE_DEFAULT);
  if (!corpus_files[i].generates)
    {
      g_assert_cmpuint (workloads->len, ==, 0);
      return;
    }
  g_assert_cmpuint (workloads->len, >, 0);

  for (NpPolicyKind k = NP_POLICY_KIND_KUBERNETES; k <= NP_POLICY_KIND_CILIUM; k++)
    {
      g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *subject = g_strdup_printf ("%s (%s)", corpus_files[i].file, np_policy_kind_to_string (k));
      guint n_allowed = 0;

      for (guint w = 0; w < workloads->len; w++)
        {
          NpFlowWorkload *workload = g_ptr_array_index (workloads, w);
          g_autoptr(NpLabelSelector) selector = np_flow_workload_to_selector (workload);
          g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
          GObject *policy = np_flow_generate_policy (flows, workload->namespace_, selector, k,
                                                     NP_FLOW_GENERATE_DEFAULT, diagnostics);

          if (policy == NULL)
            {
              /* only when every flow of the workload is to or from an entity (Kubernetes) */
              g_assert_cmpuint (k, ==, NP_POLICY_KIND_KUBERNETES);
              continue;
            }
          g_ptr_array_add (policies, policy);
          if (k == NP_POLICY_KIND_KUBERNETES)
            np_policy_validate (NP_POLICY (policy), NP_VALIDATE_STRICT_CIDR, problems);
          else
            np_cilium_policy_validate (NP_CILIUM_POLICY (policy), NP_VALIDATE_STRICT_CIDR, problems);
          if (np_diagnostics_have_errors (problems))
            np_test_fail_listing (subject, problems, "a generated policy has errors");
        }
      g_assert_cmpuint (policies->len, >, 0);
      check_replay (subject, flows, policies, k == NP_POLICY_KIND_KUBERNETES, &n_allowed);
      g_assert_cmpuint (n_allowed, >, 0);
    }
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/flows/labels", test_labels);
  g_test_add_func ("/flows/read/fields", test_read_fields);
  g_test_add_func ("/flows/read/malformed", test_read_malformed);
  g_test_add_func ("/flows/generate/kubernetes", test_generate_kubernetes);
  g_test_add_func ("/flows/generate/grouping", test_generate_grouping);
  g_test_add_func ("/flows/generate/include-dropped", test_generate_include_dropped);
  g_test_add_func ("/flows/generate/cilium", test_generate_cilium);
  g_test_add_func ("/flows/generate/nothing", test_generate_nothing);
  g_test_add_func ("/flows/parse-workload", test_parse_workload);
  g_test_add_func ("/flows/add-rules/kubernetes", test_add_rules_kubernetes);
  g_test_add_func ("/flows/add-rules/cilium", test_add_rules_cilium);
  g_test_add_func ("/flows/replay/inventory", test_replay_inventory);
  g_test_add_func ("/flows/replay/synthetic", test_replay_synthetic);
  g_test_add_func ("/flows/read/repeated-label", test_repeated_label);
  g_test_add_func ("/flows/corpus/listed", test_corpus_listed);
  for (guint i = 0; i < G_N_ELEMENTS (corpus_files); i++)
    {
      g_autofree char *read_path = g_strdup_printf ("/flows/corpus/read/%s", corpus_files[i].file);
      g_autofree char *generate_path = g_strdup_printf ("/flows/corpus/generate-replay/%s", corpus_files[i].file);

      g_test_add_data_func (read_path, GUINT_TO_POINTER (i), test_corpus_read);
      g_test_add_data_func (generate_path, GUINT_TO_POINTER (i), test_corpus_generate);
    }
  return g_test_run ();
}
