/* np-exposure-private.h: what the exposure analysis's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-conn-set.h"
#include "np-inventory.h"
#include "np-label-selector.h"

G_BEGIN_DECLS

/* Pods that may exist: those of the namespaces @ns describes (or of
 * @ns_name, from a NetworkPolicy rule without namespaceSelector) that @pod
 * selects; a "representative" peer [netpol-analyzer]. */
typedef struct {
  NpLabelSelector *ns;       /* (nullable) with @ns_name */
  char            *ns_name;  /* (nullable) */
  NpLabelSelector *pod;      /* (nullable): every pod */
  char            *ns_key;   /* np_exposure_selector_key() of @ns (NS_NAME_LABEL=ns_name without @ns) */
  char            *pod_key;
  char            *ns_part;  /* "all namespaces", "namespace with {…}" or a bare name */
  char            *pod_part; /* "all pods" or "pod with {…}" */
  gboolean         ns_bare;  /* @ns_part is a namespace name, written without brackets */
} NpExposureRep;

/* The requirements of @selector as the labels package compares them, "" for
 * an empty or missing one: two selectors are equal for netpol-analyzer's
 * SelectorsFullMatch when their keys are. (transfer full) */
char *np_exposure_selector_key (NpLabelSelector *selector);

/* The AdminNetworkPolicies and the BaselineAdminNetworkPolicy as the
 * exposure analysis reads them (np-exposure-cluster.c). */
typedef struct _NpExposureTiers NpExposureTiers;

typedef void (*NpExposureRepFunc) (NpLabelSelector *ns, NpLabelSelector *pod, gpointer data);

/* NULL when @inventory has no AdminNetworkPolicy nor BaselineAdminNetworkPolicy. */
NpExposureTiers *np_exposure_tiers_new         (NpInventory       *inventory);
void             np_exposure_tiers_free        (NpExposureTiers   *tiers);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpExposureTiers, np_exposure_tiers_free)

/* Calls @func for each selector pair of the rules that is not every
 * namespace: each becomes a representative. */
void             np_exposure_tiers_collect_reps (NpExposureTiers  *tiers,
                                                 NpExposureRepFunc func,
                                                 gpointer          data);
/* Whether a policy of the tiers selects @workload in @direction (and has
 * rules there): the workload is then protected that way. */
gboolean         np_exposure_tiers_protect     (NpExposureTiers   *tiers,
                                                const NpWorkload  *workload,
                                                NpDirection        direction);
/* What @workload may do with the entire cluster (@rep NULL) or with @rep
 * in @direction on its own side, given what the NetworkPolicies selecting
 * it there allow (@np_allowed, NULL when none selects it), the tiers'
 * precedence applied. (transfer full) */
NpConnSet       *np_exposure_tiers_side        (NpExposureTiers     *tiers,
                                                const NpWorkload    *workload,
                                                NpDirection          direction,
                                                const NpExposureRep *rep,
                                                const NpConnSet     *np_allowed);
/* What the tiers let @rep do with @workload on @rep's side (its egress
 * when @direction, @workload's side, is Ingress), for policies whose
 * subject equals @rep's selectors. (transfer full) */
NpConnSet       *np_exposure_tiers_rep_side    (NpExposureTiers     *tiers,
                                                const NpWorkload    *workload,
                                                NpDirection          direction,
                                                const NpExposureRep *rep);
/* Whether the inventory has ClusterNetworkPolicies, which the analysis does
 * not read (netpol-analyzer reads none). */
gboolean         np_exposure_tiers_has_cnp     (NpExposureTiers   *tiers);
/* Whether a rule that decided some exposure had a named port that could
 * not be resolved (toward the entire cluster or a representative). */
gboolean         np_exposure_tiers_left_out_named (NpExposureTiers *tiers);

G_END_DECLS
