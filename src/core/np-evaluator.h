/* np-evaluator.h: decides which connections the policies of an inventory allow
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-inventory.h"
#include "np-k8s-names.h"
#include "np-types.h"

G_BEGIN_DECLS

/* Connection sets ------------------------------------------------------- */

/* The protocols a connection set tracks, in the order they are printed. */
typedef enum {
  NP_PROTOCOL_SCTP,
  NP_PROTOCOL_TCP,
  NP_PROTOCOL_UDP,
  NP_N_PROTOCOLS,
} NpProtocol;

/* A set of (protocol, port range) intervals, ports 1..65535. */
typedef struct _NpConnSet NpConnSet;

NpConnSet  *np_conn_set_new          (void);
/* Every port of every protocol. */
NpConnSet  *np_conn_set_new_all      (void);
NpConnSet  *np_conn_set_copy         (const NpConnSet *set);
void        np_conn_set_free         (NpConnSet       *set);
void        np_conn_set_add_range    (NpConnSet       *set,
                                      NpProtocol       protocol,
                                      guint            first,
                                      guint            last);
void        np_conn_set_union        (NpConnSet       *set,
                                      const NpConnSet *other);
void        np_conn_set_intersect    (NpConnSet       *set,
                                      const NpConnSet *other);
/* Removes from @set what @other holds. */
void        np_conn_set_subtract     (NpConnSet       *set,
                                      const NpConnSet *other);
gboolean    np_conn_set_is_empty     (const NpConnSet *set);
gboolean    np_conn_set_is_all       (const NpConnSet *set);
gboolean    np_conn_set_equal        (const NpConnSet *a,
                                      const NpConnSet *b);
gboolean    np_conn_set_contains     (const NpConnSet *set,
                                      NpProtocol       protocol,
                                      guint            port);
/* "All Connections", "TCP 8080,9090-9092,UDP 53", or "" when empty.
 * (transfer full) */
char       *np_conn_set_to_string    (const NpConnSet *set);
/* "TCP" → NP_PROTOCOL_TCP (case-insensitive); FALSE for anything else. */
gboolean    np_protocol_parse        (const char      *text,
                                      NpProtocol      *protocol);
const char *np_protocol_to_string    (NpProtocol       protocol);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpConnSet, np_conn_set_free)

/* Endpoints -------------------------------------------------------------- */

typedef enum {
  NP_ENDPOINT_WORKLOAD,  /* a workload of the inventory */
  NP_ENDPOINT_EXTERNAL,  /* an address outside the cluster */
  NP_ENDPOINT_NODE,      /* the pod's own node (kubelet probes); Cilium's "host" */
  /* Cilium reserved identities inside the cluster, none of them a pod: */
  NP_ENDPOINT_REMOTE_NODE,     /* another node of the cluster */
  NP_ENDPOINT_KUBE_APISERVER,  /* the Kubernetes API server */
  NP_ENDPOINT_INIT,            /* an endpoint whose identity is not resolved yet */
  NP_ENDPOINT_HEALTH,          /* Cilium's health endpoints */
  NP_ENDPOINT_UNMANAGED,       /* pods Cilium does not manage */
  NP_ENDPOINT_INGRESS,         /* Cilium's ingress proxy */
  NP_ENDPOINT_NAME,            /* an outside endpoint known only by its DNS name */
} NpEndpointKind;

typedef struct {
  NpEndpointKind kind;
  guint          workload;  /* NP_ENDPOINT_WORKLOAD: the inventory index */
  NpCidr         address;   /* NP_ENDPOINT_EXTERNAL: a /32 or /128 */
  const char    *name;      /* NP_ENDPOINT_NAME: the DNS name (not owned: keep it alive) */
} NpEndpoint;

void        np_endpoint_init_workload (NpEndpoint *endpoint,
                                       guint       workload);
/* FALSE when @address is no IP address. */
gboolean    np_endpoint_init_address  (NpEndpoint *endpoint,
                                       const char *address);
/* A reserved identity by its Cilium entity name: "host", "remote-node",
 * "kube-apiserver", "init", "health", "unmanaged", "ingress", or "world"
 * (an example outside address, 192.0.2.1). FALSE for any other name. */
gboolean    np_endpoint_init_reserved (NpEndpoint *endpoint,
                                       const char *name);
/* An outside endpoint known by its DNS name (@name is borrowed). FALSE
 * when @name is no DNS name. */
gboolean    np_endpoint_init_name     (NpEndpoint *endpoint,
                                       const char *name);
/* Whether @name matches a Cilium toFQDNs matchPattern: `*` within one
 * label, a bare `*` every name, a leading `**.` any number of labels. */
gboolean    np_fqdn_pattern_matches   (const char *pattern,
                                       const char *name);

/* Verdicts -------------------------------------------------------------- */

/* One side of a connection: the egress of the source or the ingress of the
 * destination. */
typedef struct {
  gboolean   applies;    /* FALSE when the side is outside the cluster */
  gboolean   isolated;   /* some policy selects the pod for this direction (Kubernetes),
                          * or puts it in default-deny (Cilium) */
  gboolean   allowed;
  GPtrArray *policies;   /* (element-type utf8): "file:line: ns/name", selecting ones */
  GPtrArray *rules;      /* (element-type utf8): the rules that allow, with positions */
  GPtrArray *denials;    /* (element-type utf8): the Cilium deny rules that match */
  char      *note;       /* (nullable) why, when not from rules */
} NpSideDecision;

typedef struct {
  gboolean        allowed;
  NpSideDecision  egress;
  NpSideDecision  ingress;
  GPtrArray      *notes;  /* (element-type utf8): e.g. Cilium policies not evaluated */
} NpVerdict;

void        np_verdict_free           (NpVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpVerdict, np_verdict_free)

/* The evaluator ---------------------------------------------------------- */

typedef enum {
  NP_EVAL_FLAGS_NONE            = 0,
  NP_EVAL_IPBLOCK_MATCHES_PODS  = 1 << 0, /* ipBlock also matches pod IPs (from status) */
  NP_EVAL_DENY_FROM_NODE        = 1 << 1, /* do not always allow the pod's node */
} NpEvalFlags;

#define NP_TYPE_EVALUATOR (np_evaluator_get_type ())
G_DECLARE_FINAL_TYPE (NpEvaluator, np_evaluator, NP, EVALUATOR, GObject)

/* Indexes the policies of @inventory (which must not change afterwards). */
NpEvaluator *np_evaluator_new              (NpInventory      *inventory,
                                            NpEvalFlags       flags);
/* (transfer none) */
NpInventory *np_evaluator_get_inventory    (NpEvaluator      *self);
/* The connections from @source to @destination that every side allows.
 * (transfer full) */
NpConnSet   *np_evaluator_allowed          (NpEvaluator      *self,
                                            const NpEndpoint *source,
                                            const NpEndpoint *destination);
/* Whether one connection is allowed, and why. (transfer full) */
NpVerdict   *np_evaluator_decide           (NpEvaluator      *self,
                                            const NpEndpoint *source,
                                            const NpEndpoint *destination,
                                            NpProtocol        protocol,
                                            guint             port);
/* Notes about what was not evaluated (host policies selecting nodes by
 * label, fromNodes/toNodes with labels, toServices without a Service,
 * CIDR groups, undefined protocols ...). (transfer none) (element-type utf8) */
GPtrArray   *np_evaluator_get_notes        (NpEvaluator      *self);

G_END_DECLS
