/* np-bench-gen.h: deterministic generator of large, realistic policy manifests for the benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A multi-document YAML manifest (block style, as `kubectl get -o yaml`
 * writes it): @n_workloads Deployments spread over the namespaces, then
 * @n_policies policies, about two in three Kubernetes NetworkPolicies and
 * the rest CiliumNetworkPolicies, each with 1 to 20 rules mixing pod and
 * namespace selectors (matchLabels and matchExpressions), CIDRs with
 * excepts, numbered and named ports and port ranges. The same @seed always
 * gives the same text. (transfer full) */
char *np_bench_gen_manifest (guint    n_policies,
                             guint    n_workloads,
                             guint32  seed,
                             gsize   *length);

G_END_DECLS
