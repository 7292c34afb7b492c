/* test-describe.c: policies in plain words, and the canvas's verdicts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-describe.h"
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
    NpVerdict verdict;
    const char *ports;
  } cases[] = {
    /* not isolated: everything goes */
    { "  podSelector: {}\n  policyTypes: [Ingress]\n", NP_DIRECTION_EGRESS, NP_PEER_GROUP_OUTSIDE, NP_VERDICT_ALLOWED, NULL },
    { "  podSelector: {}\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_OUTSIDE, NP_VERDICT_DENIED, NULL },
    { "  podSelector: {}\n  ingress: [{}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_CLUSTER, NP_VERDICT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{ports: [{port: 80}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_VERDICT_PARTIAL, "TCP 80" },
    { "  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_VERDICT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_CLUSTER, NP_VERDICT_DENIED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_CLUSTER, NP_VERDICT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: prod}}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_VERDICT_ALLOWED, NULL },
    { "  podSelector: {}\n  ingress: [{from: [{podSelector: {matchLabels: {a: b}}}]}]\n", NP_DIRECTION_INGRESS, NP_PEER_GROUP_NAMESPACE, NP_VERDICT_DENIED, NULL },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]\n", NP_DIRECTION_EGRESS, NP_PEER_GROUP_OUTSIDE, NP_VERDICT_ALLOWED, NULL },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]\n", NP_DIRECTION_EGRESS, NP_PEER_GROUP_OUTSIDE, NP_VERDICT_DENIED, NULL },
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

static void
test_dns (void)
{
  struct { const char *spec; NpVerdict verdict; } cases[] = {
    { "  podSelector: {}\n", NP_VERDICT_ALLOWED },
    { "  podSelector: {}\n  policyTypes: [Egress]\n", NP_VERDICT_DENIED },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports: [{protocol: UDP, port: 53}]\n", NP_VERDICT_ALLOWED },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports: [{protocol: TCP, port: 53}]\n", NP_VERDICT_DENIED },
    { "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{ports: [{protocol: UDP, port: 1, endPort: 100}]}]\n", NP_VERDICT_ALLOWED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpPolicy) policy = read_policy (cases[i].spec);

      g_test_message ("case %u", i);
      g_assert_cmpint (np_policy_get_dns_verdict (policy), ==, cases[i].verdict);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/describe/sentences", test_sentences);
  g_test_add_func ("/describe/verdicts", test_verdicts);
  g_test_add_func ("/describe/dns", test_dns);

  return g_test_run ();
}
