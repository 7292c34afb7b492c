/* np-types.h: forward declarations and shared enums of the policy core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _NpNode NpNode;

typedef struct _NpCiliumPolicy NpCiliumPolicy;
typedef struct _NpClusterPolicy NpClusterPolicy;
typedef struct _NpCiliumRule NpCiliumRule;
typedef struct _NpCiliumRuleEntry NpCiliumRuleEntry;
typedef struct _NpDiagnostic NpDiagnostic;
typedef struct _NpDocument NpDocument;
typedef struct _NpIpBlock NpIpBlock;
typedef struct _NpLabelSelector NpLabelSelector;
typedef struct _NpManifest NpManifest;
typedef struct _NpPolicy NpPolicy;
typedef struct _NpPolicyPeer NpPolicyPeer;
typedef struct _NpPolicyPort NpPolicyPort;
typedef struct _NpPolicyRule NpPolicyRule;
typedef struct _NpSelectorRequirement NpSelectorRequirement;

typedef enum {
  NP_SEVERITY_ERROR,
  NP_SEVERITY_WARNING,
  NP_SEVERITY_INFO,
} NpSeverity;

typedef enum {
  NP_DIRECTION_INGRESS,
  NP_DIRECTION_EGRESS,
} NpDirection;

/* How a port entry names its port. Kubernetes' IntOrString. */
typedef enum {
  NP_PORT_KIND_NONE,   /* no `port` key: every port of the protocol */
  NP_PORT_KIND_NUMBER, /* `port: 8080` */
  NP_PORT_KIND_NAME,   /* `port: http` (also `port: "80"`, which is an invalid name) */
} NpPortKind;

typedef enum {
  NP_FORMAT_YAML,
  NP_FORMAT_JSON,
} NpFormat;

G_END_DECLS
