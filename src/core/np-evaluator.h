/* np-evaluator.h: decides which connections the policies of an inventory allow
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-conn-set.h"
#include "np-endpoint.h"
#include "np-inventory.h"
#include "np-types.h"

G_BEGIN_DECLS

/* Verdicts -------------------------------------------------------------- */

/* Which policy, and which of its rules, one line of a side decision names:
 * the data behind the sentence, for code that needs to find the rule. */
typedef struct {
  GObject     *policy;     /* the NpPolicy, NpCiliumPolicy or NpClusterPolicy of the
                            * inventory (a reference) */
  char        *file;       /* the document the policy was read from */
  guint        line;       /* where the rule (or the policy) is written in it */
  NpDirection  direction;
  int          spec;       /* Cilium: the rule's index in spec/specs; -1 for a NetworkPolicy */
  int          rule;       /* the index in spec.ingress or spec.egress, or for Cilium in its
                            * section (ingress, ingressDeny …); -1: the policy as a whole */
  gboolean     deny;       /* a Cilium deny rule */
  char        *where;      /* for people: "FILE:LINE: ns/name, egress rule 2" */
} NpRuleRef;

NpRuleRef  *np_rule_ref_copy          (const NpRuleRef *ref);
void        np_rule_ref_free          (NpRuleRef       *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpRuleRef, np_rule_ref_free)

/* One side of a connection: the egress of the source or the ingress of the
 * destination. Each sentence of @policies, @rules and @denials has its data
 * at the same index of @policy_refs, @rule_refs and @denial_refs. */
typedef struct {
  gboolean   applies;    /* FALSE when the side is outside the cluster */
  gboolean   isolated;   /* some policy selects the pod for this direction (Kubernetes),
                          * or puts it in default-deny (Cilium) */
  gboolean   allowed;
  GPtrArray *policies;   /* (element-type utf8): "file:line: ns/name", selecting ones */
  GPtrArray *rules;      /* (element-type utf8): the rules that allow, with positions */
  GPtrArray *denials;    /* (element-type utf8): the Cilium deny rules that match */
  GPtrArray *policy_refs;  /* (element-type NpRuleRef) */
  GPtrArray *rule_refs;    /* (element-type NpRuleRef) */
  GPtrArray *denial_refs;  /* (element-type NpRuleRef) */
  char      *note;       /* (nullable) why, when not from rules */
  char      *tiers;      /* (nullable) when a cluster-wide policy (AdminNetworkPolicy,
                          * BaselineAdminNetworkPolicy, ClusterNetworkPolicy) takes part:
                          * which tier, policy and rule decided, in order, as
                          * "AdminNetworkPolicy 'x' passes, then NetworkPolicy 'ns/y' allows" */
} NpSideDecision;

typedef struct {
  gboolean        allowed;
  NpSideDecision  egress;
  NpSideDecision  ingress;
  GPtrArray      *notes;  /* (element-type utf8): e.g. Cilium policies not evaluated */
} NpVerdict;

void        np_verdict_free           (NpVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpVerdict, np_verdict_free)

/* Rule by rule ------------------------------------------------------------ */

/* What one rule, or one policy as a whole, says about a peer on one side:
 * the data behind netpol-analyzer's explanations (np-connlist-explain). */
typedef enum {
  NP_RULE_REASON_ALLOW,         /* the rule selects the peer and allows @conns */
  NP_RULE_REASON_DENY,          /* a Cilium deny rule selects the peer and refuses @conns */
  NP_RULE_REASON_NO_RULES,      /* the policy has no rule in this direction */
  NP_RULE_REASON_NOT_SELECTED,  /* no rule of the policy selects the peer */
  NP_RULE_REASON_PORTS,         /* @rule selects the peer, but not on these ports */
  NP_RULE_REASON_NAMED_PORTS,   /* @rule selects the peer, but its named ports do not resolve */
  NP_RULE_REASON_PASS,          /* an AdminNetworkPolicy rule passes @conns to the next tier */
} NpRuleReasonKind;

typedef struct {
  NpRuleReasonKind  kind;
  NpRuleRef        *ref;    /* the rule, or the policy (rule -1) */
  char             *rule;   /* "Ingress rule #2", "EgressDeny rule #1"; NULL for the policy */
  NpConnSet        *conns;  /* (nullable) ALLOW and DENY: the rule's connections */
} NpRuleReason;

/* One policy (for Cilium: one rule of spec/specs) that selects the subject
 * of a side. */
typedef struct {
  const char   *kind;      /* "NetworkPolicy", "CiliumNetworkPolicy" … (static) */
  char         *name;      /* "NetworkPolicy 'ns/name'" */
  gboolean      isolates;  /* it puts the subject in default-deny for this direction */
  GPtrArray    *reasons;   /* (element-type NpRuleReason) ALLOW and DENY in rule order */
  NpRuleReason *fallback;  /* (nullable) why it allows nothing else: NO_RULES, NOT_SELECTED,
                            * PORTS or NAMED_PORTS of the first rule that selects the peer */
} NpPolicyReasons;

typedef struct {
  gboolean   applies;    /* FALSE when the side is outside the cluster */
  gboolean   isolated;
  GPtrArray *policies;   /* (element-type NpPolicyReasons) the policies that select the subject */
  /* The cluster-wide tiers: the policies of each whose rules decide some of
   * the side's connections, each reason's @conns being exactly what that
   * rule decides (rules before it, and policies before it, took the rest).
   * Admin: ALLOW, DENY, PASS; Baseline: ALLOW, DENY. */
  GPtrArray *admin;      /* (element-type NpPolicyReasons) */
  GPtrArray *baseline;   /* (element-type NpPolicyReasons) */
} NpSideReasons;

void        np_side_reasons_free      (NpSideReasons *side);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpSideReasons, np_side_reasons_free)

/* The evaluator ---------------------------------------------------------- */

typedef enum {
  NP_EVAL_FLAGS_NONE            = 0,
  NP_EVAL_IPBLOCK_MATCHES_PODS  = 1 << 0, /* ipBlock also matches pod IPs (from status) */
  NP_EVAL_DENY_FROM_NODE        = 1 << 1, /* do not always allow the pod's node */
  NP_EVAL_NETWORKS_MATCH_PODS   = 1 << 2, /* cluster policies' `networks` peers also match pod IPs
                                           * (from status), as upstream says; netpol-analyzer
                                           * matches external addresses only */
} NpEvalFlags;

#define NP_TYPE_EVALUATOR (np_evaluator_get_type ())
G_DECLARE_FINAL_TYPE (NpEvaluator, np_evaluator, NP, EVALUATOR, GObject)

/* Indexes the policies of @inventory (which must not change afterwards). */
NpEvaluator *np_evaluator_new              (NpInventory      *inventory,
                                            NpEvalFlags       flags);
/* (transfer none) */
NpInventory *np_evaluator_get_inventory    (NpEvaluator      *self);
/* The connections from @source to @destination that every side allows.
 * (transfer full) */
NpConnSet   *np_evaluator_allowed          (NpEvaluator      *self,
                                            const NpEndpoint *source,
                                            const NpEndpoint *destination);
/* The connections a NetworkPolicy rule's @ports allow (all, when there are
 * none); named ports resolve on @destination, the pod the traffic goes to,
 * and match nothing when it is NULL (an address, or a pod not known).
 * (transfer full) */
NpConnSet   *np_evaluator_ports_allow      (NpPolicyPort * const *ports,
                                            guint                 n_ports,
                                            const NpWorkload     *destination);
/* Whether one connection is allowed, and why. (transfer full) */
NpVerdict   *np_evaluator_decide           (NpEvaluator      *self,
                                            const NpEndpoint *source,
                                            const NpEndpoint *destination,
                                            NpProtocol        protocol,
                                            guint             port);
/* The egress side of @source (@direction NP_DIRECTION_EGRESS) or the
 * ingress side of @destination toward the other end, rule by rule: every
 * policy that selects the side's pod, what each of its rules says about
 * the other end and on which connections. (transfer full) */
NpSideReasons *np_evaluator_explain_side (NpEvaluator      *self,
                                          NpDirection       direction,
                                          const NpEndpoint *source,
                                          const NpEndpoint *destination);
/* Notes about what was not evaluated (host policies selecting nodes by
 * label, fromNodes/toNodes with labels, toServices without a Service,
 * CIDR groups, undefined protocols ...). (transfer none) (element-type utf8) */
GPtrArray   *np_evaluator_get_notes        (NpEvaluator      *self);
/* netpol-analyzer's warnings about AdminNetworkPolicies and the baseline
 * (nodes peers, IPv6 networks, named ports that do not resolve), each
 * once, with netpol-analyzer's wrappers; some are found while evaluating,
 * so read them after. (transfer none) (element-type utf8) */
GPtrArray   *np_evaluator_get_warnings     (NpEvaluator      *self);
/* The error for which netpol-analyzer refuses the AdminNetworkPolicies or
 * the BaselineAdminNetworkPolicy of the inventory (two with one priority, a
 * second baseline, a rule without peers …), in its words; NULL when there
 * is none. Connections are still computed, as if the faulty part were not
 * there. (transfer none) (nullable) */
const char  *np_evaluator_get_cluster_error (NpEvaluator     *self);

G_END_DECLS
