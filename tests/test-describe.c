/* test-describe.c: policies in plain words, and the canvas's verdicts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-describe.h"
#include "np-history.h"
#include "np-label-selector.h"
#include "np-policy-edit.h"
#include "np-policy-codec.h"
#include "np-policy-rule.h"
#include "np-policy.h"

static NpPolicy *
read_policy (const char *spec)
{
  g_autofree char *text = g_strdup_printf ("metadata: {name: p, namespace: prod}\nspec:\n%s", spec);
  NpPolicy *policy = np_policy_new_from_yaml (text, -1, NULL);

  g_assert_nonnull (policy);
  return policy;
}

static void
test_sentences (void)
{
  struct { const char *spec; NpDirection direction; const char *sentence; } cases[] = {
    { "  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: frontend}}\n    ports:\n    - {protocol: TCP, port: 8080}\n",
      NP_DIRECTION_INGRESS,
      "Ingress traffic from pods labelled app=frontend in this namespace on TCP 8080 will be allowed." },
    { "  podSelector: {}\n  ingress:\n  - {}\n", NP_DIRECTION_INGRESS,
      "Ingress traffic from any source on any port will be allowed." },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n    ports:\n    - port: 443\n",
      NP_DIRECTION_EGRESS,
      "Egress traffic to addresses in 10.0.0.0/8 except 10.1.0.0/16 on TCP 443 will be allowed." },
    { "  podSelector: {}\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports:\n    - {protocol: UDP, port: 53}\n    - {protocol: TCP, port: 53}\n",
      NP_DIRECTION_EGRESS,
      "Egress traffic to pods labelled k8s-app=kube-dns in the namespace kube-system on UDP 53 and TCP 53 will be allowed." },
    { "  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n    - namespaceSelector: {matchLabels: {team: ops}}\n      podSelector: {matchExpressions: [{key: tier, operator: In, values: [web, api]}]}\n    - podSelector: {}\n    ports:\n    - {port: http}\n    - {protocol: UDP}\n    - {port: 8000, endPort: 9000}\n",
      NP_DIRECTION_INGRESS,
      "Ingress traffic from any pod in any namespace, pods labelled tier in (web, api) in namespaces labelled team=ops or any pod in this namespace on the TCP port named http, any UDP port and TCP 8000-9000 will be allowed." },
    { "  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - {}\n", NP_DIRECTION_EGRESS,
      "Egress traffic to any destination on any port is ignored: the policy's policyTypes leave Egress out." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpPolicy) policy = read_policy (cases[i].spec);
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (np_policy_get_rules (policy, cases[i].direction), 0);
      g_autofree char *sentence = np_describe_rule (policy, rule);

      g_test_message ("case %u", i);
      g_assert_cmpstr (sentence, ==, cases[i].sentence);
    }
}

static void
test_verdicts (void)
{
  struct {
    const char *spec;
    NpDirection direction;
    NpPeerGroup group;
    NpRuleEffect verdict;
    const char *ports;
  } cases[] = {
    /* not isolated: everything goes */
    { "  podSelector: {}\n  policyTypes: [Ingress]\n", NP_DIRECTION_EGRESS, NP_PEER_GROUP_OUTSIDE, NP_RULE_EFFECT_ALLOWED, NULL },
    { "  podSelector: {}\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_OUTSIDE, NP_RULE_EFFECT_DENIED, NULL },
    { "  podSelector: {}\n  ingress: [{}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_CLUSTER, NP_RULE_EFFECT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{ports: [{port: 80}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_RULE_EFFECT_PARTIAL, "TCP 80" },
    { "  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_RULE_EFFECT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_CLUSTER, NP_RULE_EFFECT_DENIED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_CLUSTER, NP_RULE_EFFECT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: prod}}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_RULE_EFFECT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{podSelector: {matchLabels: {a: b}}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_RULE_EFFECT_DENIED, NULL },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]\n", NP_DIRECTION_EGRESS, NP_PEER_GROUP_OUTSIDE, NP_RULE_EFFECT_ALLOWED, NULL },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]\n", NP_DIRECTION_EGRESS, NP_PEER_GROUP_OUTSIDE, NP_RULE_EFFECT_DENIED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpPolicy) policy = read_policy (cases[i].spec);
      g_autofree char *ports = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (np_policy_get_group_verdict (policy, cases[i].direction, cases[i].group, &ports), ==, cases[i].verdict);
      g_assert_cmpstr (ports, ==, cases[i].ports);
    }
}

#define TO_KUBE_DNS \
  "  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n" \
  "      podSelector: {matchLabels: {k8s-app: kube-dns}}\n"

/* The "Kubernetes DNS" row says what the policy lets through to kube-dns,
 * protocol by protocol. */
static void
test_dns (void)
{
  struct { const char *spec; NpRuleEffect verdict; const char *text; } cases[] = {
    { "  podSelector: {}\n", NP_RULE_EFFECT_ALLOWED, "kube-dns in kube-system on UDP and TCP 53" },
    { "  podSelector: {}\n  policyTypes: [Egress]\n", NP_RULE_EFFECT_DENIED,
      "kube-dns in kube-system: no rule allows port 53" },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n" TO_KUBE_DNS "    ports: [{protocol: UDP, port: 53}]\n",
      NP_RULE_EFFECT_PARTIAL, "kube-dns in kube-system on UDP 53 only" },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n" TO_KUBE_DNS "    ports: [{protocol: TCP, port: 53}]\n",
      NP_RULE_EFFECT_PARTIAL, "kube-dns in kube-system on TCP 53 only" },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n" TO_KUBE_DNS "    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n",
      NP_RULE_EFFECT_ALLOWED, "kube-dns in kube-system on UDP and TCP 53" },
    /* kube-dns's ports are named dns (UDP) and dns-tcp (TCP). */
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n" TO_KUBE_DNS "    ports: [{protocol: UDP, port: dns}]\n",
      NP_RULE_EFFECT_PARTIAL, "kube-dns in kube-system on UDP 53 only" },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{ports: [{protocol: UDP, port: 1, endPort: 100}]}]\n",
      NP_RULE_EFFECT_PARTIAL, "kube-dns in kube-system on UDP 53 only" },
    /* Every pod of kube-system takes in kube-dns. */
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n"
      "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n",
      NP_RULE_EFFECT_ALLOWED, "kube-dns in kube-system on UDP and TCP 53" },
    /* kube-dns of another namespace is not the cluster's. */
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector: {matchLabels: {k8s-app: kube-dns}}\n",
      NP_RULE_EFFECT_DENIED, "kube-dns in kube-system: no rule allows port 53" },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0}\n",
      NP_RULE_EFFECT_DENIED, "kube-dns in kube-system: no rule allows port 53" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpPolicy) policy = read_policy (cases[i].spec);
      g_autofree char *text = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (np_policy_describe_dns (policy, &text), ==, cases[i].verdict);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (np_policy_get_dns_verdict (policy), ==, cases[i].verdict);
    }
}

/* One owner decides "kube-dns", for Kubernetes and Cilium selectors. */
/* The facts about kube-dns the lint and the flow generator kept copies of. */
static void
test_kube_dns_pods (void)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string ("k8s-app=kube-dns", NULL);
  g_autoptr(NpLabelSelector) namespaces =
    np_label_selector_new_from_string ("kubernetes.io/metadata.name=kube-system", NULL);

  g_hash_table_insert (labels, (gpointer) "k8s-app", (gpointer) "kube-dns");
  g_assert_true (np_pod_is_kube_dns ("kube-system", labels));
  g_assert_false (np_pod_is_kube_dns ("shop", labels));
  g_assert_true (np_workload_looks_like_kube_dns ("shop", "resolver", labels));
  g_hash_table_insert (labels, (gpointer) "k8s-app", (gpointer) "web");
  g_assert_false (np_pod_is_kube_dns ("kube-system", labels));
  g_assert_false (np_workload_looks_like_kube_dns ("kube-system", "web", labels));
  g_assert_true (np_workload_looks_like_kube_dns ("kube-system", "coredns", labels));
  g_assert_false (np_workload_looks_like_kube_dns ("shop", "coredns", labels));

  /* The labels assumed when no kube-dns workload is known match the
   * editor's own kube-dns selectors. */
  g_assert_true (np_label_selector_matches (selector, np_kube_dns_pod_labels ()));
  g_assert_true (np_label_selector_matches (namespaces, np_kube_dns_namespace_labels ()));
  g_assert_true (np_pod_is_kube_dns ("kube-system", np_kube_dns_pod_labels ()));
}

static void
test_kube_dns_selector (void)
{
  struct { const char *pods; const char *namespaces; NpKubeDnsMatch match; } cases[] = {
    { "k8s-app=kube-dns", "kubernetes.io/metadata.name=kube-system", NP_KUBE_DNS_EXACT },
    { "k8s-app=kube-dns,tier=x", "kubernetes.io/metadata.name=kube-system", NP_KUBE_DNS_WITHIN },
    { "k8s-app=kube-dns", "kubernetes.io/metadata.name=prod", NP_KUBE_DNS_NONE },
    { "k8s-app=kube-dns", "team=ops", NP_KUBE_DNS_WITHIN },
    { "app=web", "kubernetes.io/metadata.name=kube-system", NP_KUBE_DNS_NONE },
    { "k8s:k8s-app=kube-dns,k8s:io.kubernetes.pod.namespace=kube-system", NULL, NP_KUBE_DNS_EXACT },
    { "k8s-app=kube-dns,io.kubernetes.pod.namespace=kube-system", NULL, NP_KUBE_DNS_EXACT },
    { "k8s:k8s-app=kube-dns", NULL, NP_KUBE_DNS_WITHIN },
    { "k8s:k8s-app=kube-dns,k8s:io.kubernetes.pod.namespace=prod", NULL, NP_KUBE_DNS_NONE },
  };

  g_assert_cmpint (np_selector_match_kube_dns (NULL, NULL), ==, NP_KUBE_DNS_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpLabelSelector) pods = np_label_selector_new_from_string (cases[i].pods, NULL);
      g_autoptr(NpLabelSelector) namespaces =
        cases[i].namespaces != NULL ? np_label_selector_new_from_string (cases[i].namespaces, NULL) : NULL;

      g_test_message ("case %u: %s / %s", i, cases[i].pods, cases[i].namespaces);
      g_assert_nonnull (pods);
      g_assert_cmpint (np_selector_match_kube_dns (pods, namespaces), ==, cases[i].match);
    }
}

/* The DNS switch stands for one rule, exactly: any other rule to kube-dns
 * is a rule of its own, which the switch neither shows nor removes. */
static void
test_dns_switch (void)
{
  struct { const char *ports; gboolean is_switch; } cases[] = {
    { "[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]", TRUE },
    { "[{protocol: TCP, port: 53}, {protocol: UDP, port: 53}]", TRUE },
    { "[{protocol: UDP, port: 53}]", FALSE },
    { "[{protocol: TCP, port: 53}]", FALSE },
    { "[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}, {protocol: TCP, port: 9153}]", FALSE },
    { "[{protocol: UDP, port: 53}, {protocol: UDP, port: 53}]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *spec = g_strdup_printf ("  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n" TO_KUBE_DNS
                                               "    ports: %s\n", cases[i].ports);
      g_autoptr(NpPolicy) policy = read_policy (spec);
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (np_policy_get_egress (policy), 0);
      g_autofree char *removed = NULL;

      g_test_message ("case %u: %s", i, cases[i].ports);
      g_assert_cmpint (np_rule_is_dns_rule (rule), ==, cases[i].is_switch);
      g_assert_cmpint (np_policy_get_dns_allowed (policy), ==, cases[i].is_switch);
      /* Turning the switch off removes only the switch's rule. */
      np_policy_set_dns_allowed (policy, FALSE);
      g_assert_cmpuint (g_list_model_get_n_items (np_policy_get_egress (policy)), ==, cases[i].is_switch ? 0 : 1);
    }

  /* A rule with one more peer is the user's too. */
  {
    g_autoptr(NpPolicy) policy = read_policy ("  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n" TO_KUBE_DNS
                                              "    - podSelector: {matchLabels: {app: cache}}\n"
                                              "    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n");

    g_assert_false (np_policy_get_dns_allowed (policy));
    g_assert_null (np_policy_remove_dns_rules (policy));
    g_assert_cmpuint (g_list_model_get_n_items (np_policy_get_egress (policy)), ==, 1);
  }
}

/* Turning the switch off is one undo step, and says what went. */
static void
test_dns_switch_off (void)
{
  g_autoptr(NpPolicy) policy = read_policy ("  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n"
                                            "  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n"
                                            TO_KUBE_DNS "    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n");
  g_autoptr(NpHistory) history = np_history_new ();
  g_autofree char *before = np_policy_to_yaml (policy);
  g_autofree char *removed = NULL;
  g_autofree char *after = NULL;

  np_history_watch_policy (history, policy);
  g_assert_true (np_policy_get_dns_allowed (policy));
  removed = np_policy_remove_dns_rules (policy);
  g_assert_cmpstr (removed, ==, "Removed egress rule 2: to kube-dns in kube-system on UDP and TCP 53. "
                               "Undo brings it back.");
  g_assert_false (np_policy_get_dns_allowed (policy));
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_get_egress (policy)), ==, 1);
  g_assert_null (np_policy_remove_dns_rules (policy));

  g_assert_true (np_history_undo (history) == policy);
  after = np_policy_to_yaml (policy);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (np_history_get_can_undo (history));
}

/* What the editor writes for kube-dns is what the one owner finds. */
static void
test_dns_selector (void)
{
  g_autoptr(NpLabelSelector) namespaces = NULL;
  g_autoptr(NpLabelSelector) pods = np_kube_dns_selector_new (&namespaces);
  g_autoptr(NpLabelSelector) endpoint = np_kube_dns_selector_new (NULL);
  g_autofree char *pods_text = np_label_selector_to_string (pods);
  g_autofree char *namespaces_text = np_label_selector_to_string (namespaces);
  g_autofree char *endpoint_text = np_label_selector_to_string (endpoint);

  g_assert_cmpstr (pods_text, ==, "k8s-app=kube-dns");
  g_assert_cmpstr (namespaces_text, ==, "kubernetes.io/metadata.name=kube-system");
  g_assert_cmpstr (endpoint_text, ==, "k8s:io.kubernetes.pod.namespace=kube-system, k8s:k8s-app=kube-dns");
  g_assert_cmpint (np_selector_match_kube_dns (pods, namespaces), ==, NP_KUBE_DNS_EXACT);
  g_assert_cmpint (np_selector_match_kube_dns (endpoint, NULL), ==, NP_KUBE_DNS_EXACT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/describe/sentences", test_sentences);
  g_test_add_func ("/describe/verdicts", test_verdicts);
  g_test_add_func ("/describe/dns", test_dns);
  g_test_add_func ("/describe/dns-selector", test_dns_selector);
  g_test_add_func ("/describe/kube-dns-selector", test_kube_dns_selector);
  g_test_add_func ("/describe/kube-dns-pods", test_kube_dns_pods);
  g_test_add_func ("/describe/dns-switch", test_dns_switch);
  g_test_add_func ("/describe/dns-switch-off", test_dns_switch_off);

  return g_test_run ();
}
