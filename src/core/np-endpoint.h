/* np-endpoint.h: the ends of a connection, and matching addresses and DNS names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-k8s-names.h"

G_BEGIN_DECLS

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

/* Whether @name matches a toFQDNs selector: equal to @match_name (case and
 * a trailing dot aside) when it is set, otherwise matching @match_pattern. */
gboolean    np_fqdn_matches           (const char *match_name,
                                       const char *match_pattern,
                                       const char *name);

/* Address blocks ----------------------------------------------------------- */

/* A prefix without its exceptions: a Kubernetes ipBlock, a Cilium toCIDR
 * or toCIDRSet entry. */
typedef struct {
  NpCidr  cidr;
  GArray *excepts;  /* NpCidr */
} NpAddressBlock;

/* Reads @cidr and @excepts (nullable) into @block. An exception that is no
 * prefix is left out. @bare_address also takes an address without a prefix
 * length as @cidr (Cilium's toCIDR does). FALSE, and @block untouched, when
 * @cidr cannot be read: the block matches nothing then. */
gboolean    np_address_block_init     (NpAddressBlock     *block,
                                       const char         *cidr,
                                       const char * const *excepts,
                                       gboolean            bare_address);
void        np_address_block_clear    (NpAddressBlock     *block);
/* Whether @address lies in the block's prefix and in none of its exceptions. */
gboolean    np_address_block_contains (const NpAddressBlock *block,
                                       const NpCidr         *address);

G_END_DECLS
