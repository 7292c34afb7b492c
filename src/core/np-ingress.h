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

G_END_DECLS
