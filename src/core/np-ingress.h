/* np-ingress.h: what Ingresses and Routes let the cluster's ingress controller reach
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-connlist.h"

G_BEGIN_DECLS

/* How netpol-analyzer prints the ingress controller, and the fake pod
 * that stands for it in the policies' eyes. */
#define NP_INGRESS_CONTROLLER           "{ingress-controller}"
#define NP_INGRESS_CONTROLLER_POD       "ingress-controller"
#define NP_INGRESS_CONTROLLER_NAMESPACE "ingress-controller-ns"

/* The rows "{ingress-controller} => ns/name[Kind] : TCP PORTS" for the
 * workloads the Ingresses and Routes of the evaluator's inventory send
 * traffic to (through their Services), limited to what the policies allow
 * from a pod with no labels in namespace ingress-controller-ns, sorted by
 * destination. With @focus (a workload's "ns/name[Kind]"), only the row
 * to it. netpol-analyzer's warnings (Service without selector, Service not
 * found, blocked by policies …) join the evaluator's notes. Empty, with no
 * notes, when the inventory has no Ingress or Route.
 * (transfer full) (element-type NpConnection) */
GPtrArray *np_ingress_compute (NpEvaluator *evaluator,
                               const char  *focus);

/* Why the ingress controller may reach a workload, for np_connlist_explain():
 * one per Ingress or Route and Service that leads to it [netpol-analyzer's
 * getIngressObjectTargetedPeersAndPorts keeps one rule per object and
 * Service]. */
typedef struct {
  const char *kind;     /* "Ingress" or "Route" (static) */
  char       *object;   /* "ns/name" */
  char       *service;  /* the Service's name */
  NpConnSet  *conns;    /* the TCP ports it opens on the workload (maybe none) */
  char       *file;     /* (nullable) where the object is written */
  guint       line;
} NpIngressReason;

/* The Ingress / Route side of np_connlist_explain(): the same targets as
 * np_ingress_compute(), without its warnings, and the evaluator over the
 * inventory with the fake controller pod. */
typedef struct _NpIngressExplainer NpIngressExplainer;

NpIngressExplainer *np_ingress_explainer_new    (NpEvaluator         *evaluator);
/* For the workload displayed @destination: the evaluator to ask, the
 * controller's and the workload's endpoints in it, and the reasons
 * (element-type NpIngressReason) (transfer none). FALSE when no Ingress
 * or Route leads to it. */
gboolean            np_ingress_explainer_lookup (NpIngressExplainer  *self,
                                                 const char          *destination,
                                                 NpEvaluator        **evaluator,
                                                 NpEndpoint          *source,
                                                 NpEndpoint          *target,
                                                 GPtrArray          **reasons);
void                np_ingress_explainer_free   (NpIngressExplainer  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpIngressExplainer, np_ingress_explainer_free)

G_END_DECLS
