/* np-evaluator-cluster-private.h: what the cluster tiers' two files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cluster-policy.h"
#include "np-evaluator-private.h"

G_BEGIN_DECLS

/* One compiled rule of a cluster-wide policy (np-evaluator-cluster.c). */
typedef struct {
  NpClusterAction  action;
  guint8          *workloads;   /* per workload: a namespaces or pods peer selects it */
  GArray          *blocks;      /* NpAddressBlock: the networks peers */
  gboolean         all_ports;   /* no ports (protocols) field: every port */
  gboolean         pod_ips;     /* networks match pod addresses too (upstream) */
  GArray          *ports;       /* PortEntry (np-evaluator-cluster.c) */
  NpConnSet       *fixed;       /* what the entries other than named ports give (all:
                                 * every port) */
  gboolean         has_named;   /* some entry is a named port */
  char            *label;       /* "Ingress rule NAME", as netpol-analyzer names it */
  char            *prefix;      /* netpol-analyzer's wrapper for warnings about the rule */
  char            *where;
  NpRuleRef        ref;         /* borrows the inventory's policy and file, @where */
} NpEvalClusterRule;

typedef struct {
  NpRuleRef            ref;       /* the policy as a whole; first, as in the other families */
  char                *where;
  char                *name;      /* "AdminNetworkPolicy 'x'" */
  const char          *kind_name; /* "AdminNetworkPolicy" … (static) */
  NpClusterPolicyKind  kind;
  NpEvalTier           tier;
  gint64               priority;
  guint                order;     /* in the inventory: ties keep it */
  guint8              *subjects;  /* per workload */
  GPtrArray           *rules[2];  /* NpEvalClusterRule, per NpDirection */
} NpEvalClusterPolicy;
G_STATIC_ASSERT (G_STRUCT_OFFSET (NpEvalClusterPolicy, ref) == 0);

struct _NpEvalCluster {
  GPtrArray *policies;  /* NpEvalClusterPolicy */
  GPtrArray *admin;     /* NpEvalClusterPolicy (borrowed), by ascending priority */
  GPtrArray *baseline;  /* NpEvalClusterPolicy (borrowed), by ascending priority */
  /* Per tier (0 Admin, 1 Baseline) and NpDirection, per subject: the
   * policies that select it there, in order (np_evaluator_new_subject_table()). */
  GPtrArray *selecting[2][2];
  char      *error;     /* (nullable) netpol-analyzer's fatal error */
  guint     *label_set; /* per workload: the number of its pod labels (equal labels, equal number) */
  guint      n_label_sets;
  guint     *namespace_of; /* per workload: the number of its namespace */
  guint      n_namespaces;
  /* While compiling: a pair of selectors' key (as written, "T…", or of
   * their requirements, "R…") -> GArray of the workloads they select (the
   * policies repeat a few selectors many times). */
  GHashTable *selected;
};

/* Whether @rule's peers take @peer. */
gboolean   np_eval_cluster_peer_matches (NpEvaluator             *self,
                                         const NpEvalClusterRule *rule,
                                         const NpEndpoint        *peer);
/* The connections of @rule's ports toward @destination (named ports
 * resolve on it). With @warns NULL, netpol-analyzer's warnings about named
 * ports that resolve to nothing are added to the evaluator's; otherwise
 * none is added and *@warns says whether some would be. (transfer full) */
NpConnSet *np_eval_cluster_rule_conns   (NpEvaluator             *self,
                                         const NpEvalClusterRule *rule,
                                         const NpEndpoint        *destination,
                                         gboolean                *warns);

/* netpol-analyzer's prefix for messages about a policy of @kind (and its
 * rule @rule, nullable): `admin network policy "NAME": in rule "RULE": `,
 * `default baseline admin network policy:  in rule "RULE": ` (two spaces,
 * sic). (transfer full) */
char *np_eval_cluster_wrapper (NpClusterPolicyKind  kind,
                               const char          *name,
                               const char          *rule);

/* The first fatal error netpol-analyzer reports about the
 * AdminNetworkPolicies and BaselineAdminNetworkPolicies of @inventory, in
 * its words (cluster-policies.md §4), or NULL. (transfer full) */
char *np_eval_cluster_check   (NpInventory         *inventory);

G_END_DECLS
