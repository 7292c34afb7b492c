/* np-exposure.h: which workloads the policies open to the whole cluster or to selectors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-connlist.h"

G_BEGIN_DECLS

/* What the other end of an exposure row is. */
typedef enum {
  NP_EXPOSURE_ENTIRE_CLUSTER,   /* "entire-cluster": every pod of every namespace */
  NP_EXPOSURE_REPRESENTATIVE,   /* pods of namespaces a rule's selectors describe */
  NP_EXPOSURE_EXTERNAL,         /* an address range: a row of the connectivity list */
} NpExposureKind;

/* One row of an exposure section: the workload, and what reaches it (Ingress)
 * or what it reaches (Egress). */
typedef struct {
  char           *workload;     /* "ns/name[Kind]" */
  NpExposureKind  kind;
  char           *other;        /* "entire-cluster", "[all namespaces]/[pod with {app=x}]",
                                 * or the range "A.B.C.D-E.F.G.H[External]" */
  char           *namespace_part;  /* representatives: "team=payments" style parts for */
  char           *pod_part;        /* DOT and sentences, without square brackets */
  NpConnSet      *conns;
  gboolean        unprotected;  /* the entire-cluster row of a workload no policy isolates */
} NpExposureRow;

/* The exposure analysis of netpol-analyzer's `list --exposure`
 * (shared/docs/analysis-formats.md §5). */
typedef struct {
  GPtrArray *egress;       /* (element-type NpExposureRow) sorted by workload, other */
  GPtrArray *ingress;      /* (element-type NpExposureRow) sorted by workload, other */
  GPtrArray *unprotected;  /* (element-type utf8) "W is not protected on Egress", sorted */
  guint      width;        /* the longest exposed workload, in bytes */
  GPtrArray *warnings;     /* (element-type utf8) */
  gboolean   off;          /* the focus turned the analysis off: the list is printed alone */
} NpExposure;

void        np_exposure_free       (NpExposure *exposure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpExposure, np_exposure_free)

/* The exposure of the workloads of @evaluator's inventory, given the list
 * @list that np_connlist_compute_focused() made with @focus (nullable): its
 * rows with address ranges are repeated in the sections, its focus limits
 * the workloads, the direction and the connection. With focus peers the
 * analysis is off (a warning, and empty sections), as in netpol-analyzer.
 * NetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy
 * are read (not ClusterNetworkPolicies: a warning says so); workloads that
 * a Cilium policy selects are left out, with a warning. (transfer full) */
NpExposure *np_exposure_compute    (NpEvaluator           *evaluator,
                                    const NpConnlist      *list,
                                    const NpConnlistFocus *focus);

/* @list followed by @exposure, as netpol-analyzer prints them with
 * --exposure in @format; @list alone when the exposure is off. (transfer full) */
/* Appends @exposure's txt section to @out, after an empty line when @out
 * is not empty (as after an explanation). */
void        np_exposure_append_text (GString               *out,
                                     const NpConnlist      *list,
                                     const NpExposure      *exposure);
char       *np_exposure_to_string  (const NpConnlist      *list,
                                    const NpExposure      *exposure,
                                    NpConnlistFormat       format);

/* For the editor: who may reach the pods @policy selects (Ingress:
 * "Reachable from: any pod in namespaces labelled team=payments; outside the
 * cluster") or what they may reach (Egress: "Can reach: …"), from @policy and
 * the other NetworkPolicies of @manifest (nullable) that select those pods
 * too: same namespace, and an empty pod selector, an equal one, or
 * matchLabels that @policy's all have. A peer selecting every namespace is
 * "any pod in the cluster", other selector pairs the pods they describe,
 * ipBlocks addresses outside the cluster; ports are named unless every port
 * is allowed. Translated. (transfer full) */
char       *np_exposure_describe_policy (NpManifest  *manifest,
                                         NpPolicy    *policy,
                                         NpDirection  direction);
/* The caveat under those sentences: the kinds of @manifest's other
 * policies that may decide the traffic of @policy's pods too and that the
 * sentences do not read (the cluster-wide AdminNetworkPolicies,
 * BaselineAdminNetworkPolicies and ClusterNetworkPolicies, and the Cilium
 * policies of @policy's namespace or of the whole cluster), or NULL when
 * there are none. Translated. (transfer full) (nullable) */
char       *np_exposure_describe_others (NpManifest  *manifest,
                                         NpPolicy    *policy);
/* The editor's centre card: the sentence of each direction and, when there
 * is one, the caveat, a line each, as the two functions above write them,
 * from one walk of @manifest's documents instead of three (the card asks
 * after every pick), except that a sentence names at most
 * NP_EXPOSURE_CARD_MAX_PARTS parts and counts the rest ("; and 195 more"):
 * a policy of many rules would otherwise make the card many screens tall,
 * its default-deny switches out of reach. Translated. (transfer full) */
#define NP_EXPOSURE_CARD_MAX_PARTS 5
char       *np_exposure_describe_card   (NpManifest  *manifest,
                                         NpPolicy    *policy);

G_END_DECLS
