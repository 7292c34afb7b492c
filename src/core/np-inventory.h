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

/* A Service, for display and Cilium toServices. Owned by the inventory. */
typedef struct {
  char       *namespace_;
  char       *name;
  GHashTable *selector;  /* (element-type utf8 utf8) */
  GHashTable *labels;    /* (element-type utf8 utf8) metadata.labels */
} NpService;

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

guint               np_inventory_get_n_services       (NpInventory  *self);
/* (transfer none) */
const NpService    *np_inventory_get_service          (NpInventory  *self,
                                                       guint         index);

G_END_DECLS
