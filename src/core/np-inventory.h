/* np-inventory.h: the namespaces, workloads and policies that manifests describe
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

/* One container port of a workload. */
typedef struct {
  char  *name;      /* (nullable) */
  guint  port;
  char  *protocol;  /* "TCP" when not written */
} NpContainerPort;

/* Pods grouped under their owner, as netpol-analyzer shows them, or the pod
 * template of a Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job or CronJob. Owned by the inventory. */
typedef struct {
  char       *namespace_;
  char       *name;      /* the owner's name, or the bare pod's */
  char       *kind;      /* "Deployment", "ReplicaSet", "Pod", ... */
  char       *display;   /* "ns/name[Kind]" */
  GHashTable *labels;    /* (element-type utf8 utf8) */
  GPtrArray  *ports;     /* (element-type NpContainerPort) */
  GPtrArray  *pods;      /* (element-type utf8): names of the pods grouped here */
  GPtrArray  *ips;       /* (element-type utf8): pod IPs from status, if any */
  char       *file;
  guint       line;
} NpWorkload;

/* A policy of the inventory and where it was written. Owned by the inventory. */
typedef struct {
  GObject *policy;     /* an NpPolicy or an NpCiliumPolicy */
  char    *file;
  guint    line;
  NpNode  *node;       /* (nullable) the policy's object as read, for positions */
} NpInventoryPolicy;

/* One entry of a Service's spec.ports. */
typedef struct {
  char  *name;         /* (nullable) */
  guint  port;         /* 0 when not written */
  guint  target_port;  /* targetPort when it is a number; otherwise 0 */
  char  *target_name;  /* (nullable) targetPort when it is a string (a port name) */
  char  *protocol;     /* "TCP" when not written */
} NpServicePort;

/* A Service, for display, Cilium toServices and the Ingress / Route
 * analysis. Owned by the inventory. */
typedef struct {
  char       *namespace_;
  char       *name;
  GHashTable *selector;      /* (element-type utf8 utf8) */
  GHashTable *labels;        /* (element-type utf8 utf8) metadata.labels */
  gboolean    has_selector;  /* spec.selector is written (an empty one selects every pod) */
  GPtrArray  *ports;         /* (element-type NpServicePort) */
  char       *file;
  guint       line;
} NpService;

/* What exposes Services to the cluster's ingress controller. */
typedef enum {
  NP_EXPOSER_INGRESS,  /* networking.k8s.io/v1 Ingress */
  NP_EXPOSER_ROUTE,    /* route.openshift.io/v1 Route */
} NpExposerKind;

/* One Service an Ingress or a Route sends traffic to. */
typedef struct {
  char  *service;
  guint  port;       /* the port number asked for; 0 when none */
  char  *port_name;  /* (nullable) the port name asked for */
} NpExposerBackend;

/* An Ingress or a Route. Owned by the inventory. */
typedef struct {
  NpExposerKind  kind;
  char          *namespace_;
  char          *name;
  GPtrArray     *backends;  /* (element-type NpExposerBackend) */
  GPtrArray     *ignored;   /* (element-type utf8): netpol-analyzer's warnings about the
                             * backends left out (not a Service) */
  char          *file;
  guint          line;
} NpExposer;

#define NP_TYPE_INVENTORY (np_inventory_get_type ())
G_DECLARE_FINAL_TYPE (NpInventory, np_inventory, NP, INVENTORY, GObject)

NpInventory        *np_inventory_new                  (void);
/* Reads a file, or every .yaml, .yml and .json file under a folder. */
gboolean            np_inventory_add_path             (NpInventory  *self,
                                                       const char   *path,
                                                       GError      **error);
/* Reads @text (YAML or JSON) as if it were the file @display_name. */
gboolean            np_inventory_add_bytes            (NpInventory  *self,
                                                       GBytes       *text,
                                                       const char   *display_name,
                                                       GError      **error);
/* Adds what @manifest holds; keeps a reference to it. */
void                np_inventory_add_manifest         (NpInventory  *self,
                                                       NpManifest   *manifest);

/* Adds @policy, an NpPolicy or an NpCiliumPolicy, in place of any policy
 * of the same kind, namespace and name (the one being edited replaces its
 * saved copy). */
void                np_inventory_put_policy           (NpInventory  *self,
                                                       gpointer      policy,
                                                       const char   *display_name);
guint               np_inventory_get_n_workloads      (NpInventory  *self);
/* (transfer none) */
const NpWorkload   *np_inventory_get_workload         (NpInventory  *self,
                                                       guint         index);
/* The workload named "ns/name" (its owner name, a pod of it, or its display
 * form "ns/name[Kind]"), or -1. */
int                 np_inventory_find_workload        (NpInventory  *self,
                                                       const char   *name);

/* (transfer full) the namespace names, sorted */
GStrv               np_inventory_get_namespaces       (NpInventory  *self);
/* (transfer none) (nullable) the labels of namespace @name, including
 * kubernetes.io/metadata.name */
GHashTable         *np_inventory_get_namespace_labels (NpInventory  *self,
                                                       const char   *name);

guint               np_inventory_get_n_policies       (NpInventory  *self);
/* (transfer none) */
const NpInventoryPolicy *np_inventory_get_policy      (NpInventory  *self,
                                                       guint         index);

/* The AdminNetworkPolicies, BaselineAdminNetworkPolicies and
 * ClusterNetworkPolicies read (any object, or item of a List, of those
 * kinds), in the order read; entry->policy is an NpClusterPolicy. They are
 * apart from np_inventory_get_policy()'s, whose callers know two kinds. */
guint               np_inventory_get_n_cluster_policies (NpInventory *self);
/* (transfer none) */
const NpInventoryPolicy *np_inventory_get_cluster_policy (NpInventory *self,
                                                          guint        index);
/* Every policy read, of every kind: what a person is told was read. */
guint               np_inventory_count_all_policies   (NpInventory  *self);

guint               np_inventory_get_n_services       (NpInventory  *self);
/* (transfer none) */
const NpService    *np_inventory_get_service          (NpInventory  *self,
                                                       guint         index);

guint               np_inventory_get_n_exposers       (NpInventory  *self);
/* (transfer none) an Ingress or a Route */
const NpExposer    *np_inventory_get_exposer          (NpInventory  *self,
                                                       guint         index);
/* Problems met while reading Services, Ingresses and Routes ("FILE:LINE:
 * …"): fields of the wrong type, which are left out.
 * (transfer none) (element-type utf8) */
GPtrArray          *np_inventory_get_warnings         (NpInventory  *self);

/* A copy of everything @self holds, to which pods can be added without
 * changing @self (an evaluator needs an inventory that does not change).
 * (transfer full) */
NpInventory        *np_inventory_copy                 (NpInventory  *self);
/* Adds a pod with no labels and no ports in @namespace_ (created with only
 * its kubernetes.io/metadata.name label when unknown) and returns its
 * workload index. */
guint               np_inventory_add_bare_pod         (NpInventory  *self,
                                                       const char   *namespace_,
                                                       const char   *name);

G_END_DECLS
