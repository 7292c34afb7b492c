/* np-cluster-policy.h: an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-conn-set.h"
#include "np-types.h"
#include "np-validator.h"

G_BEGIN_DECLS

#define NP_CLUSTER_V1ALPHA1            "policy.networking.k8s.io/v1alpha1"
#define NP_CLUSTER_V1ALPHA2            "policy.networking.k8s.io/v1alpha2"
#define NP_CLUSTER_ANP_KIND            "AdminNetworkPolicy"
#define NP_CLUSTER_BANP_KIND           "BaselineAdminNetworkPolicy"
#define NP_CLUSTER_CNP_KIND            "ClusterNetworkPolicy"

typedef enum {
  NP_CLUSTER_POLICY_ANP,   /* AdminNetworkPolicy, v1alpha1 */
  NP_CLUSTER_POLICY_BANP,  /* BaselineAdminNetworkPolicy, v1alpha1 */
  NP_CLUSTER_POLICY_CNP,   /* ClusterNetworkPolicy, v1alpha2 */
} NpClusterPolicyKind;

typedef enum {
  NP_CLUSTER_INGRESS,
  NP_CLUSTER_EGRESS,
} NpClusterDirection;

typedef enum {
  NP_CLUSTER_SUBJECT_NONE,        /* absent or not an object */
  NP_CLUSTER_SUBJECT_NAMESPACES,  /* subject.namespaces: a namespace selector */
  NP_CLUSTER_SUBJECT_PODS,        /* subject.pods: namespaceSelector and podSelector */
} NpClusterSubjectKind;

/* What a rule does with the connections it matches, whatever the
 * version calls it (Allow in v1alpha1, Accept in v1alpha2). */
typedef enum {
  NP_CLUSTER_ACTION_NONE,   /* absent, or not one the policy's kind allows */
  NP_CLUSTER_ACTION_ALLOW,  /* Allow (ANP, BANP) or Accept (CNP) */
  NP_CLUSTER_ACTION_DENY,
  NP_CLUSTER_ACTION_PASS,   /* ANP and CNP only */
} NpClusterAction;

/* One ingress or egress rule as read; every pointer points into the
 * policy's tree and is NULL where the field is absent or of the wrong type
 * (the validator reports those). */
typedef struct {
  const NpNode *node;    /* the rule's mapping */
  const char   *name;    /* (nullable) */
  const char   *action;  /* (nullable) as written: Allow, Accept, Deny, Pass */
  const NpNode *peers;   /* (nullable) the sequence `from` or `to` */
  const NpNode *ports;   /* (nullable) the sequence `ports` (v1alpha1) or `protocols` (v1alpha2) */
} NpClusterRule;

#define NP_TYPE_CLUSTER_POLICY (np_cluster_policy_get_type ())
G_DECLARE_FINAL_TYPE (NpClusterPolicy, np_cluster_policy, NP, CLUSTER_POLICY, GObject)

/* A typed view over the data tree of a cluster-scoped policy of
 * policy.networking.k8s.io, like NpCiliumPolicy: the tree is the only copy,
 * so unknown fields and key order stay exactly as written. The edits of
 * np-cluster-edit.h change the tree in place.
 *
 * Signal "changed": emitted once per user-level change (an edit, an update
 * from a tree). Rule views (NpClusterRule) are read again after each
 * change: do not keep them across one. Wrap several edits in
 * np_cluster_policy_begin_change() / np_cluster_policy_end_change() to have
 * them count as one. */

/* The priority a new AdminNetworkPolicy or ClusterNetworkPolicy starts
 * with: upstream's examples use small numbers, and 10 leaves room both
 * above and below for the policies an administrator adds around it. */
#define NP_CLUSTER_DEFAULT_PRIORITY 10

/* A new policy of @kind: apiVersion, kind, an empty metadata, and a spec
 * with the subject `namespaces: {}` (every namespace), no rules; a priority
 * of NP_CLUSTER_DEFAULT_PRIORITY except for a BANP (it has none), and the
 * tier Admin for a CNP. (transfer full) */
NpClusterPolicy     *np_cluster_policy_new            (NpClusterPolicyKind  kind);
/* Makes @self hold @root (taking a reference), as one change; FALSE (and
 * nothing done) when @root is none of the three kinds. */
gboolean             np_cluster_policy_update_from_node (NpClusterPolicy   *self,
                                                         NpNode            *root);
/* A deep copy of the tree as it is now. (transfer full) */
NpNode              *np_cluster_policy_to_node        (NpClusterPolicy     *self);
/* A policy over a deep copy of the tree. (transfer full) */
NpClusterPolicy     *np_cluster_policy_copy           (NpClusterPolicy     *self);
void                 np_cluster_policy_begin_change   (NpClusterPolicy     *self);
void                 np_cluster_policy_end_change     (NpClusterPolicy     *self);

/* Which of the three kinds @root is: its kind names one and its apiVersion
 * is of the group policy.networking.k8s.io (or absent). */
gboolean             np_cluster_policy_kind_of_node   (const NpNode        *root,
                                                       NpClusterPolicyKind *kind);

/* Wraps @root (taking a reference). NULL when @root is not a mapping of one
 * of the three kinds. Fields of the wrong type read as absent: the
 * validator says what is wrong with them. (transfer full) (nullable) */
NpClusterPolicy     *np_cluster_policy_new_from_node  (NpNode              *root);

NpNode              *np_cluster_policy_get_node       (NpClusterPolicy     *self);
NpClusterPolicyKind  np_cluster_policy_get_kind       (NpClusterPolicy     *self);
/* (nullable) metadata.name */
const char          *np_cluster_policy_get_name       (NpClusterPolicy     *self);
/* spec.priority; FALSE when absent or no integer (BANP has none). */
gboolean             np_cluster_policy_get_priority   (NpClusterPolicy     *self,
                                                       gint64              *priority);
/* spec.tier of a CNP as written; "Admin" for an ANP and "Baseline" for a
 * BANP (the tiers they map to); NULL for a CNP without one. */
const char          *np_cluster_policy_get_tier       (NpClusterPolicy     *self);
/* The subject and its selectors (each may be NULL; nodes of the tree). For
 * NAMESPACES, @namespace_selector is subject.namespaces; for PODS, the two
 * selectors of subject.pods. */
NpClusterSubjectKind np_cluster_policy_get_subject    (NpClusterPolicy     *self,
                                                       const NpNode       **namespace_selector,
                                                       const NpNode       **pod_selector);
/* The rules of @direction, in order (order decides). */
guint                np_cluster_policy_get_n_rules    (NpClusterPolicy     *self,
                                                       NpClusterDirection   direction);
const NpClusterRule *np_cluster_policy_get_rule       (NpClusterPolicy     *self,
                                                       NpClusterDirection   direction,
                                                       guint                index);

/* The action @rule of a policy of @kind takes: NONE when it is absent or
 * not a value that kind accepts (an ANP's Accept, a BANP's Pass). */
NpClusterAction      np_cluster_rule_get_action       (const NpClusterRule *rule,
                                                       NpClusterPolicyKind  kind);

/* The protocol @name of a rule's port entry as netpol-analyzer reads it
 * (cluster-policies.md §4): missing or empty is TCP, case does not matter.
 * FALSE when it is not a protocol the connection sets track. */
gboolean             np_cluster_port_protocol_parse   (const char          *name,
                                                       NpProtocol          *protocol);

/* The CRD schema and CEL rules of cluster-policies.md §2 on @root (one of
 * the three kinds), with metadata and selector checks as for every policy.
 * Findings that need the experimental channel of the CRDs say so. */
void                 np_cluster_policy_validate_node  (NpNode              *root,
                                                       NpValidateFlags      flags,
                                                       GPtrArray           *diagnostics);
/* The same on the policy's tree. */
void                 np_cluster_policy_validate       (NpClusterPolicy     *self,
                                                       NpValidateFlags      flags,
                                                       GPtrArray           *diagnostics);

/* Across policies (element-type NpClusterPolicy; @documents: NULL, or the
 * index of each one's document, set on its findings): a warning for each AdminNetworkPolicy (or
 * Admin-tier ClusterNetworkPolicy) with the same priority as an earlier one
 * whose subject may overlap its own, since upstream leaves the order of the
 * two undefined. */
void                 np_cluster_policy_check_priorities (GPtrArray         *policies,
                                                         GArray            *documents,
                                                         GPtrArray         *diagnostics);

G_END_DECLS
