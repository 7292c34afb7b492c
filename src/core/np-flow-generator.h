/* np-flow-generator.h: policies that allow what flow logs show
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-flow.h"
#include "np-policy-kind.h"
#include "np-types.h"

G_BEGIN_DECLS

typedef enum {
  NP_FLOW_GENERATE_DEFAULT          = 0,
  /* Also allow what was DROPPED (to open up a workload that is blocked). */
  NP_FLOW_GENERATE_INCLUDE_DROPPED  = 1 << 0,
} NpFlowGenerateFlags;

/* A workload seen in flows: its namespace and the stable labels of its pods
 * ("app=web", sorted). */
typedef struct {
  char  *namespace_;
  char **labels;
} NpFlowWorkload;

void             np_flow_workload_free          (NpFlowWorkload *workload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpFlowWorkload, np_flow_workload_free)
/* "NAMESPACE:key=value,key=value", the form `netpol from-flows --workload`
 * takes. (transfer full) */
char            *np_flow_workload_to_string     (const NpFlowWorkload *workload);
/* matchLabels of every stable label. (transfer full) */
NpLabelSelector *np_flow_workload_to_selector   (const NpFlowWorkload *workload);

/* Parses "NAMESPACE:LABELS" (LABELS in selector syntax, "app=web,tier=x").
 * Returns FALSE with @error set when it is not that. */
gboolean         np_flow_parse_workload         (const char       *text,
                                                 char            **namespace_,
                                                 NpLabelSelector **selector,
                                                 GError          **error);

/* TRUE when @flow counts for policies: not a reply, FORWARDED or REDIRECTED
 * (or DROPPED with INCLUDE_DROPPED), with a port. */
gboolean         np_flow_is_usable              (NpFlow              *flow,
                                                 NpFlowGenerateFlags  flags);

/* The sentence that says why @name, holding @n_records flow records, gives
 * no policy: none of them is a usable flow of a labelled pod. (transfer full) */
char            *np_flow_describe_nothing_usable (const char *name,
                                                  guint       n_records);

/* The labelled pods that take part in usable flows, sorted by namespace
 * and labels. (transfer full) (element-type NpFlowWorkload) */
GPtrArray       *np_flow_list_workloads         (GListModel          *flows,
                                                 NpFlowGenerateFlags  flags);

/* A policy for the pods in @namespace_ that @selector matches (by their
 * stable labels), with ingress rules from the sources and egress rules to
 * the destinations of usable flows (element-type NpFlow of @flows): one
 * rule per peer, ports merged into sorted ranges. Only directions with
 * rules are isolated. Peers: same-namespace pods by labels, pods of other
 * namespaces by namespace name and labels, kube-dns on port 53 as the DNS
 * rule, outside addresses as /32 or /128 (Cilium: as DNS names when known,
 * with a DNS rule that lets the proxy see the lookups), Cilium entities
 * (host, remote-node, ...). What cannot be said (entities in a
 * NetworkPolicy, ICMP, unlabelled pods) is reported in @diagnostics
 * (element-type NpDiagnostic) as warnings. Returns an NpPolicy or an
 * NpCiliumPolicy, or NULL (with an error diagnostic "flow-nothing") when no
 * usable flow involves the workload. @kind is NP_POLICY_KIND_KUBERNETES or
 * NP_POLICY_KIND_CILIUM (a policy of one namespace's pods).
 * (transfer full) (nullable) */
GObject         *np_flow_generate_policy        (GListModel          *flows,
                                                 const char          *namespace_,
                                                 NpLabelSelector     *selector,
                                                 NpPolicyKind         kind,
                                                 NpFlowGenerateFlags  flags,
                                                 GPtrArray           *diagnostics);

/* Adds to @policy (an NpPolicy, or a namespaced NpCiliumPolicy) the rules
 * that np_flow_generate_policy() makes from @flows for the policy's own
 * pods: its namespace ("default" when it has none) and its podSelector
 * (Cilium: the first rule's endpointSelector, source prefixes dropped).
 * Rules (Cilium: ingress and egress items) equal to ones the policy already
 * has are left out. All of it is one change, so NpHistory makes it one undo
 * step. A direction that gets rules is isolated by them: an explicit
 * policyTypes gains that direction. Returns how many rules were added; 0
 * when none, with the reason in @diagnostics (element-type NpDiagnostic)
 * when there was nothing to generate or the policy cannot take rules. */
guint            np_flow_add_rules_to_policy    (GObject             *policy,
                                                 GListModel          *flows,
                                                 NpFlowGenerateFlags  flags,
                                                 GPtrArray           *diagnostics);

/* The policy's text: YAML as np_policy_to_yaml() writes it, or the Cilium
 * policy's canonical tree. (transfer full) */
char            *np_flow_policy_to_yaml         (GObject             *policy);

G_END_DECLS
