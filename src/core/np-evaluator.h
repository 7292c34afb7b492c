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
  GObject     *policy;     /* the NpPolicy or NpCiliumPolicy of the inventory (a reference) */
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
} NpSideDecision;

typedef struct {
  gboolean        allowed;
  NpSideDecision  egress;
  NpSideDecision  ingress;
  GPtrArray      *notes;  /* (element-type utf8): e.g. Cilium policies not evaluated */
} NpVerdict;

void        np_verdict_free           (NpVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpVerdict, np_verdict_free)

/* The evaluator ---------------------------------------------------------- */

typedef enum {
  NP_EVAL_FLAGS_NONE            = 0,
  NP_EVAL_IPBLOCK_MATCHES_PODS  = 1 << 0, /* ipBlock also matches pod IPs (from status) */
  NP_EVAL_DENY_FROM_NODE        = 1 << 1, /* do not always allow the pod's node */
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
/* Whether one connection is allowed, and why. (transfer full) */
NpVerdict   *np_evaluator_decide           (NpEvaluator      *self,
                                            const NpEndpoint *source,
                                            const NpEndpoint *destination,
                                            NpProtocol        protocol,
                                            guint             port);
/* Notes about what was not evaluated (host policies selecting nodes by
 * label, fromNodes/toNodes with labels, toServices without a Service,
 * CIDR groups, undefined protocols ...). (transfer none) (element-type utf8) */
GPtrArray   *np_evaluator_get_notes        (NpEvaluator      *self);

G_END_DECLS
