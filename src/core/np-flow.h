/* np-flow.h: one observed Hubble flow (or several identical ones), and reading flow logs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

/* What an end of a flow is. */
typedef enum {
  NP_FLOW_PEER_UNKNOWN, /* nothing but, perhaps, an address */
  NP_FLOW_PEER_POD,     /* a pod: namespace, pod name and/or labels */
  NP_FLOW_PEER_WORLD,   /* outside the cluster (reserved:world) */
  NP_FLOW_PEER_ENTITY,  /* another reserved identity: host, remote-node, health, ... */
} NpFlowPeerKind;

/* One end of a flow, as recorded. */
typedef struct {
  NpFlowPeerKind kind;
  char    *namespace_;  /* (nullable) */
  char    *pod_name;    /* (nullable) */
  char    *entity;      /* (nullable) ENTITY: the Cilium entity name ("host", "remote-node") */
  char    *ip;          /* (nullable) */
  char   **labels;      /* every label as recorded ("k8s:app=web"), never NULL */
  char   **stable;      /* the labels that select the workload ("app=web"): bookkeeping
                         * labels dropped, source prefix stripped; sorted, never NULL */
  char   **names;       /* DNS names (destination_names, or DNS answers seen); sorted, never NULL */
  char   **workloads;   /* "Kind/name" of the owning workloads, never NULL */
  guint32  identity;
} NpFlowEndpoint;

/* TRUE when @label ("k8s:pod-template-hash=abc", "app=web") is bookkeeping
 * rather than a label that says what a workload is; such labels change from
 * one rollout to the next or repeat the namespace. */
gboolean     np_flow_label_is_bookkeeping (const char *label);
/* The label without its source prefix ("k8s:app=web" → "app=web"), or NULL
 * for labels of another source than k8s:, any:, container:, unspec: or none
 * (reserved:, cidr:, ...), for bookkeeping labels, and for keys or values a
 * Kubernetes selector cannot name. (transfer full) (nullable) */
char        *np_flow_label_to_stable      (const char *label);

#define NP_TYPE_FLOW (np_flow_get_type ())
G_DECLARE_FINAL_TYPE (NpFlow, np_flow, NP, FLOW, GObject)

/* Read-only properties, for list views: "source", "destination" (display
 * strings: "ns/pod", "ns:app=web", "host", "example.com", "192.0.2.1"),
 * "protocol" (string: TCP, UDP, SCTP, ICMPv4, ICMPv6; nullable), "port"
 * (uint: the destination port, 0 for none), "verdict" (string: FORWARDED,
 * REDIRECTED, DROPPED, ...), "direction" (string INGRESS/EGRESS, nullable),
 * "is-reply" (boolean), "l7" (string summary such as "DNS example.com." or
 * "HTTP GET http://x/"; nullable), "count" (uint: how many identical records),
 * "line" (uint: the line of the first of them). */
const NpFlowEndpoint *np_flow_get_source       (NpFlow *self);
const NpFlowEndpoint *np_flow_get_destination  (NpFlow *self);
/* (transfer full) */
char                 *np_flow_dup_source_name      (NpFlow *self);
char                 *np_flow_dup_destination_name (NpFlow *self);
/* (nullable) */
const char           *np_flow_get_protocol     (NpFlow *self);
guint                 np_flow_get_port         (NpFlow *self);
const char           *np_flow_get_verdict      (NpFlow *self);
/* (nullable) */
const char           *np_flow_get_direction    (NpFlow *self);
gboolean              np_flow_get_is_reply     (NpFlow *self);
/* (nullable) */
const char           *np_flow_get_l7           (NpFlow *self);
guint                 np_flow_get_count        (NpFlow *self);
guint                 np_flow_get_line         (NpFlow *self);
/* FORWARDED, or REDIRECTED to the proxy: the traffic went through. */
gboolean              np_flow_is_forwarded     (NpFlow *self);

/* "ns/pod", "ns:app=web", "host", "example.com" or "192.0.2.1".
 * (transfer full) */
char                 *np_flow_endpoint_to_string (const NpFlowEndpoint *endpoint);

/* Reading --------------------------------------------------------------- */

/* Reads `hubble observe -o json` / `-o jsonpb` output or hubble-exporter
 * files: one JSON object per line, {"flow": {...}, ...} or a bare flow.
 * Unknown fields are ignored. Lines that are not JSON objects, or flows
 * with fields of the wrong type, are reported in @diagnostics (element-type
 * NpDiagnostic, with @display_name, line and column) and skipped; records
 * that hold no flow (node status, lost events) are reported as info. An
 * empty text gives a warning. Outside addresses get the names that DNS
 * answers in the same text gave them. Identical flows are aggregated
 * (property "count"), in the order first seen; @n_records (nullable) gets
 * the number of flow records read.
 * (transfer full) (element-type NpFlow) */
GListModel           *np_flow_read_bytes       (GBytes     *text,
                                                const char *display_name,
                                                guint      *n_records,
                                                GPtrArray  *diagnostics);

G_END_DECLS
