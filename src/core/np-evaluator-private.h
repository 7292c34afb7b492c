/* np-evaluator-private.h: what the evaluator's driver shares with the policy families
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-evaluator.h"

G_BEGIN_DECLS

/* Each kind of policy the evaluator understands is one family: it compiles
 * the inventory's policies of its kind into its own state, and decides one
 * side (the egress of a source, the ingress of a destination) of a
 * connection. The driver (np-evaluator.c) knows no policy field; it asks
 * the families in the order of families[] and combines their answers.
 *
 * Tiers say where a family's answer stands. Kubernetes NetworkPolicy and
 * Cilium policies share one tier: a side is isolated when any of them
 * isolates it, their allow rules add up, then Cilium deny rules remove
 * connections from the result. The tiers before and after it are the place
 * for the cluster-wide policies of the Network Policy API:
 *
 * - NP_EVAL_TIER_ADMIN (AdminNetworkPolicy) decides before NetworkPolicy:
 *   the connections its rules Allow or Deny are settled there, and only
 *   what it Passes (or does not match) goes on to the next tier;
 * - NP_EVAL_TIER_BASELINE (BaselineAdminNetworkPolicy) decides after it,
 *   and only for a side no NetworkPolicy-tier family isolates.
 *
 * Those two tiers are not families: np-evaluator-cluster.c compiles the
 * AdminNetworkPolicies, BaselineAdminNetworkPolicies and
 * ClusterNetworkPolicies, and side_allowed() asks it before and after the
 * families (np_eval_cluster_*() below). */
typedef enum {
  NP_EVAL_TIER_ADMIN,
  NP_EVAL_TIER_NETWORK_POLICY,
  NP_EVAL_TIER_BASELINE,
} NpEvalTier;

/* The subject of the nodes (host policies) in per-subject tables: the
 * workloads have 0 .. n_workloads - 1. */
#define NP_EVAL_NODES(self) ((self)->n_workloads)

struct _NpEvaluator
{
  GObject      parent_instance;

  NpInventory *inventory;
  NpEvalFlags  flags;
  guint        n_workloads;
  GPtrArray   *notes;           /* utf8 */
  GPtrArray   *warnings;        /* utf8: netpol-analyzer's, about cluster policies */
  gpointer     cluster;         /* (nullable) the compiled cluster-wide policies
                                 * (np-evaluator-cluster.c); NULL when there are none */
  gpointer    *family_state;    /* per family of families[], its compiled policies */
};

/* One side of one connection, as the driver asks the families about it. */
typedef struct {
  NpDirection       direction;
  guint             subject;      /* the workload, or NP_EVAL_NODES() for host policies */
  const NpEndpoint *peer;         /* the other end */
  const NpEndpoint *destination;  /* resolves named ports */
  NpSideDecision   *side;         /* (nullable) filled when the caller wants reasons */
  NpProtocol        protocol;     /* with @side: the connection the reasons are about */
  guint             port;
} NpSideQuery;

typedef struct {
  const char *name;
  NpEvalTier  tier;
  /* Compiles the inventory's policies of this family. (transfer full) */
  gpointer  (*compile)         (NpEvaluator       *self);
  void      (*free_state)      (gpointer           state);
  /* Whether some policy isolates @subject in @direction. */
  gboolean  (*isolates)        (NpEvaluator       *self,
                                gpointer           state,
                                NpDirection        direction,
                                guint              subject);
  /* Appends the policies that select the query's subject to side->policies. */
  void      (*list_policies)   (NpEvaluator       *self,
                                gpointer           state,
                                const NpSideQuery *query);
  /* Adds to @allowed what the family's allow rules let through, and the
   * rules that allow the query's connection to side->rules. */
  void      (*allow)           (NpEvaluator       *self,
                                gpointer           state,
                                const NpSideQuery *query,
                                NpConnSet         *allowed);
  /* (nullable) Removes from @allowed what the family's deny rules refuse,
   * and lists those that refuse the query's connection in side->denials.
   * Applied after every family's allow rules: a deny wins. */
  void      (*deny)            (NpEvaluator       *self,
                                gpointer           state,
                                const NpSideQuery *query,
                                NpConnSet         *allowed);
  /* (nullable) Appends an NpPolicyReasons to @policies for each policy of
   * the family that selects the query's subject: what its rules say about
   * the peer, rule by rule (np_evaluator_explain_side()). */
  void      (*explain)         (NpEvaluator       *self,
                                gpointer           state,
                                const NpSideQuery *query,
                                GPtrArray         *policies);
} NpEvalFamily;

/* A new NpRuleReason: a copy of @ref, @rule (transfer full), a copy of
 * @conns (nullable). */
NpRuleReason *np_rule_reason_new (NpRuleReasonKind  kind,
                                  const NpRuleRef  *ref,
                                  char             *rule,
                                  const NpConnSet  *conns);
/* A new NpPolicyReasons; @name transfer full. */
NpPolicyReasons *np_policy_reasons_new (const char *kind,
                                        char       *name,
                                        gboolean    isolates);

extern const NpEvalFamily np_eval_family_k8s;
extern const NpEvalFamily np_eval_family_cilium;

/* Appends a copy of @ref to @refs and its sentence to @texts: @where
 * (transfer full) when given, else ref->where. The copy's direction is
 * @direction. */
void np_side_decision_add (GPtrArray       *texts,
                           GPtrArray       *refs,
                           const NpRuleRef *ref,
                           NpDirection      direction,
                           char            *where);

/* A new per-subject table for a family's state: one empty GPtrArray
 * (borrowing its items) for each workload and one for the nodes
 * (NP_EVAL_NODES()), indexed by subject. (transfer full) */
GPtrArray *np_evaluator_new_subject_table (NpEvaluator *self);

/* Appends the policies of @selected (a row of a subject table: items that
 * begin with their NpRuleRef) to the query's side->policies. The
 * list_policies of a family whose compiled policies are kept that way. */
void np_side_decision_add_selected (const NpSideQuery *query,
                                    GPtrArray         *selected);

/* np-evaluator-cluster.c: the Admin and Baseline tiers. */
typedef struct _NpEvalCluster NpEvalCluster;

/* (transfer full) (nullable): NULL when the inventory has no cluster policy. */
NpEvalCluster *np_eval_cluster_compile   (NpEvaluator       *self);
void           np_eval_cluster_free      (NpEvalCluster     *cluster);
const char    *np_eval_cluster_get_error (NpEvalCluster     *cluster);
/* Whether some networks peer matches pod addresses (a ClusterNetworkPolicy's,
 * or any with NP_EVAL_NETWORKS_MATCH_PODS): pods alike but for their
 * addresses are then decided apart. */
gboolean       np_eval_cluster_reads_pod_ips (NpEvaluator   *self);
/* Whether some policy of @tier (ADMIN or BASELINE) selects the subject in
 * the direction (and has rules there). */
gboolean       np_eval_cluster_selects   (NpEvaluator       *self,
                                          NpEvalTier         tier,
                                          NpDirection        direction,
                                          guint              subject);
/* Whether some rule (with an action) of @tier's policies selecting the
 * query's subject matches its peer: when none does, the tier decides
 * nothing for it. */
gboolean       np_eval_cluster_matches   (NpEvaluator       *self,
                                          NpEvalTier         tier,
                                          const NpSideQuery *query);
/* Decides what the rules of @tier's policies selecting the query's subject
 * say about the connections of @undecided (which shrinks by what they
 * allow or deny; what they pass stays for the next tier), adding them to @allowed, @denied and @passed (each nullable).
 * With query->side, records the rules that decide the query's connection
 * and appends to @tiers a sentence for it ("AdminNetworkPolicy 'x'
 * passes"); with @reasons, appends an NpPolicyReasons per policy that
 * decides anything. A baseline Pass (ClusterNetworkPolicy) counts as
 * allowed. */
void           np_eval_cluster_decide    (NpEvaluator       *self,
                                          NpEvalTier         tier,
                                          const NpSideQuery *query,
                                          NpConnSet         *undecided,
                                          NpConnSet        **allowed,
                                          NpConnSet        **denied,
                                          NpConnSet        **passed,
                                          GString           *tiers,
                                          GPtrArray         *reasons);

/* The compiled state of @family. */
gpointer np_evaluator_get_family_state (NpEvaluator        *self,
                                        const NpEvalFamily *family);

/* np-evaluator-k8s.c, for the rows of np-connlist-rows.c, which decide the
 * NetworkPolicy tier alone a whole row at a time. Rules are borrowed.
 * Appends the rules of the NetworkPolicies selecting @subject in
 * @direction to @rules; returns whether any selects it (isolates it). */
gboolean         np_eval_k8s_side_rules       (NpEvaluator       *self,
                                               NpDirection        direction,
                                               guint              subject,
                                               GPtrArray         *rules);
/* How many rules there are, and each one's number below that. */
guint            np_eval_k8s_n_rules          (NpEvaluator       *self);
guint            np_eval_k8s_rule_index       (gpointer           rule);
/* Whether @rule's peers take @peer; whether it has none (takes every peer). */
gboolean         np_eval_k8s_rule_matches     (NpEvaluator       *self,
                                               gpointer           rule,
                                               const NpEndpoint  *peer);
gboolean         np_eval_k8s_rule_matches_all (gpointer           rule);
/* Whether @rule has ipBlock peers: without them it takes no address
 * outside the cluster. */
gboolean         np_eval_k8s_rule_has_blocks  (gpointer           rule);
/* Appends to @workloads those @rule's pod and namespace selectors take
 * (ipBlocks aside), looking only at the namespaces they may take; FALSE
 * (nothing appended) when ipBlocks take pods too, or the rule every peer:
 * ask np_eval_k8s_rule_matches() for each then. */
gboolean         np_eval_k8s_rule_workloads   (NpEvaluator       *self,
                                               gpointer           rule,
                                               GArray            *workloads);
/* What @rule's ports allow toward @destination: (transfer none), unless
 * it depends on @destination's named ports: then *@owned is set to it. */
const NpConnSet *np_eval_k8s_rule_conns       (NpEvaluator       *self,
                                               gpointer           rule,
                                               const NpEndpoint  *destination,
                                               NpConnSet        **owned);

/* Adds @warning (transfer full) once. */
void np_evaluator_add_warning (NpEvaluator *self,
                               char        *warning);

/* Adds @note (transfer full) to the evaluator's notes unless it is there. */
void np_evaluator_add_note (NpEvaluator *self,
                            char        *note);

G_END_DECLS
