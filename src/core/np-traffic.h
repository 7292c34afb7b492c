/* np-traffic.h: test traffic: naming endpoints and finding egress the other side drops
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-evaluator.h"
#include "np-types.h"

G_BEGIN_DECLS

/* Resolves what a person typed as a source or destination: an IP address,
 * a Cilium entity (host, world …), a workload "ns/name" (owner, pod or
 * "ns/name[Kind]"), "ns:key=value,…" matching exactly one workload, or a
 * DNS name. @text must outlive @endpoint when it is a DNS name. */
gboolean   np_traffic_resolve_endpoint  (NpInventory  *inventory,
                                         const char   *text,
                                         NpEndpoint   *endpoint,
                                         GError      **error);

/* Whether one connection is allowed, and why: @source and @destination
 * resolved as np_traffic_resolve_endpoint() does, then decided by
 * @evaluator. The one path `netpol explain` and the Test Traffic page
 * take. NULL with @error when an endpoint names nothing. (transfer full) */
NpVerdict *np_traffic_decide            (NpEvaluator  *evaluator,
                                         const char   *source,
                                         const char   *destination,
                                         NpProtocol    protocol,
                                         guint         port,
                                         GError      **error);

/* The inventory test traffic is judged on: every manifest under @folder
 * (nullable), then @edited (nullable: an NpPolicy or an NpCiliumPolicy; the
 * document on show, whatever its kind) in place of its saved copy, then for
 * each of @typed (nullable) written "ns:key=value,…" that matches no
 * workload, a pod "ns/typed-N" with those labels, so a source or
 * destination can be described without a cluster folder. (transfer full) */
NpInventory *np_traffic_build_inventory (const char         *folder,
                                         gpointer            edited,
                                         const char * const *typed,
                                         GError            **error);

/* Why a verdict is what it is, for people, one line each: per side
 * "Egress of the source: allowed", its note, which tier decided (when a
 * cluster-wide policy takes part: "Decided by: AdminNetworkPolicy 'x'
 * passes by Ingress rule y, then NetworkPolicy 'ns/z' allows"), the
 * policies that isolate
 * it, the rules that allow and the deny rules that refuse, then the
 * evaluator's notes ("Note: …"). Each line ends in a newline. Paths under
 * @folder (nullable) are written relative to it. What `netpol explain`
 * prints and the Test traffic page shows. (transfer full) */
char      *np_traffic_describe_verdict  (const NpVerdict *verdict,
                                         const char      *folder);

/* Reads "443", "53/UDP" or "8080/tcp". */
gboolean   np_traffic_parse_port        (const char   *text,
                                         guint        *port,
                                         NpProtocol   *protocol);

/* The connections that an egress rule of @policy allows but that the
 * ingress policies of the destination still drop ("the other side does
 * not allow this"), one sentence each, such as
 * "egress rule 1: prod/web[Deployment] → prod/db[Deployment] TCP 5432: the
 * other side does not allow this (isolated by …)".
 * @policy must be one of the evaluator's inventory. Ports probed: those of
 * the rule, else the destination's container ports, else TCP 80.
 * (transfer full) (element-type utf8) */
GPtrArray *np_traffic_unanswered_egress (NpEvaluator  *evaluator,
                                         NpPolicy     *policy);

G_END_DECLS
