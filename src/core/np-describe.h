/* np-describe.h: policies in plain words, and the canvas's view of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

/* Where a peer sits on the canvas. */
typedef enum {
  NP_PEER_GROUP_OUTSIDE,    /* ipBlock: addresses outside the cluster */
  NP_PEER_GROUP_NAMESPACE,  /* pods of the policy's own namespace */
  NP_PEER_GROUP_CLUSTER,    /* pods of (other) namespaces */
} NpPeerGroup;

/* What the policy does to one kind of traffic. */
typedef enum {
  NP_RULE_EFFECT_ALLOWED,   /* all of it */
  NP_RULE_EFFECT_PARTIAL,   /* some ports of it */
  NP_RULE_EFFECT_DENIED,
  NP_RULE_EFFECT_IGNORED,   /* a rule the policy's policyTypes switch off */
} NpRuleEffect;

/* "pods labelled app=web in this namespace", "any pod in namespaces
 * labelled team=ops", "addresses in 10.0.0.0/8 except 10.1.0.0/16".
 * (transfer full) */
char        *np_describe_peer            (NpPolicyPeer *peer);
/* "on TCP 8080 and UDP 53", "on any port", "on any TCP port".
 * (transfer full) */
char        *np_describe_ports           (GListModel   *ports);
/* The whole rule as a sentence: "Ingress traffic from pods labelled
 * app=frontend in this namespace on TCP 8080 will be allowed."
 * (transfer full) */
char        *np_describe_rule            (NpPolicy     *policy,
                                          NpPolicyRule *rule);

NpPeerGroup  np_peer_get_group           (NpPolicyPeer *peer);
/* The canvas card's title: "Outside cluster", "In namespace", "In cluster". */
const char  *np_peer_group_get_title     (NpPeerGroup   group);
/* How a selector names the kube-dns pods. The one place that decides what
 * "kube-dns" is, for Kubernetes and Cilium policies alike. */
typedef enum {
  NP_KUBE_DNS_NONE,    /* not k8s-app=kube-dns, or in another namespace */
  NP_KUBE_DNS_WITHIN,  /* k8s-app=kube-dns with more terms, or no namespace
                        * term (the policy's own, or any: as the caller knows) */
  NP_KUBE_DNS_EXACT,   /* k8s-app=kube-dns in kube-system and nothing else */
} NpKubeDnsMatch;

/* @pods: a podSelector (Kubernetes) or an endpoint selector (Cilium:
 * "k8s:k8s-app", the namespace as "k8s:io.kubernetes.pod.namespace");
 * @namespaces: the peer's namespaceSelector (Kubernetes; it must say
 * kubernetes.io/metadata.name=kube-system), or NULL for Cilium. */
NpKubeDnsMatch np_selector_match_kube_dns (NpLabelSelector *pods,
                                           NpLabelSelector *namespaces);
/* Whether a pod with @labels in @namespace_ is kube-dns: k8s-app=kube-dns
 * in kube-system. */
gboolean     np_pod_is_kube_dns          (const char   *namespace_,
                                          GHashTable   *labels);
/* Whether a workload looks like the cluster's DNS server, to find it among
 * the workloads read: k8s-app=kube-dns in any namespace, or a workload
 * named coredns or kube-dns in kube-system. */
gboolean     np_workload_looks_like_kube_dns (const char *namespace_,
                                              const char *name,
                                              GHashTable *labels);
/* The labels kube-dns pods, and the namespace kube-system, usually have:
 * to judge a selector when no kube-dns workload is known.
 * (transfer none) (element-type utf8 utf8) */
GHashTable  *np_kube_dns_pod_labels      (void);
GHashTable  *np_kube_dns_namespace_labels (void);
/* The kube-dns pods, exactly: k8s-app=kube-dns in the kube-system namespace. */
gboolean     np_peer_is_kube_dns         (NpPolicyPeer *peer);
/* The selectors the editor writes for the kube-dns pods, which
 * np_selector_match_kube_dns() finds EXACT: for a NetworkPolicy peer the
 * pods k8s-app=kube-dns and in @namespaces the kube-system namespace; with
 * @namespaces NULL, one Cilium endpoint selector that names both as
 * labels of the endpoint. (transfer full) */
NpLabelSelector *np_kube_dns_selector_new (NpLabelSelector **namespaces);

/* The verdict for a rule's own traffic: ALLOWED, or IGNORED when the
 * policy's policyTypes leave its direction out. */
NpRuleEffect np_rule_get_verdict         (NpPolicy     *policy,
                                          NpPolicyRule *rule);
/* The verdict for all traffic of @group in @direction ("any endpoint",
 * "any pod in this namespace", "everything in the cluster"): ALLOWED when
 * the direction is not isolated or a rule lets all of it through; PARTIAL
 * when rules let it through on some ports only (listed in @ports, may be
 * NULL); DENIED otherwise. */
NpRuleEffect np_policy_get_group_verdict (NpPolicy     *policy,
                                          NpDirection   direction,
                                          NpPeerGroup   group,
                                          char        **ports);
/* What the selected pods may send to kube-dns on port 53, as the canvas's
 * "Kubernetes DNS" row shows it: ALLOWED over UDP and TCP, PARTIAL over one
 * of them only, DENIED. @text (nullable) gets the row's subtitle: "kube-dns
 * in kube-system on UDP and TCP 53", "… on UDP 53 only", "… on TCP 53
 * only" or "…: no rule allows port 53". (transfer full) */
NpRuleEffect np_policy_describe_dns      (NpPolicy     *policy,
                                          char        **text);
/* np_policy_describe_dns() without the text. */
NpRuleEffect np_policy_get_dns_verdict   (NpPolicy     *policy);

G_END_DECLS
