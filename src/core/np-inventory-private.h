/* np-inventory-private.h: what the inventory's source files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-inventory.h"
#include "np-node.h"

G_BEGIN_DECLS

struct _NpInventory
{
  GObject     parent_instance;

  GPtrArray  *manifests;      /* NpManifest */
  GPtrArray  *workloads;      /* NpWorkload */
  GHashTable *workload_keys;  /* display + variant → NpWorkload (borrowed) */
  GHashTable *namespaces;     /* name → GHashTable labels */
  GPtrArray  *policies;       /* NpInventoryPolicy */
  GPtrArray  *cluster_policies; /* NpInventoryPolicy of an NpClusterPolicy */
  GPtrArray  *services;       /* NpService */
  GPtrArray  *exposers;       /* NpExposer: Ingresses and Routes */
  GPtrArray  *warnings;       /* utf8 */
};

/* np-inventory.c: reading helpers. The value at @key of the mapping @node
 * when it is a non-null scalar, a mapping, a list; NULL otherwise. */
const char *np_inventory_string_at       (const NpNode *node,
                                          const char   *key);
NpNode     *np_inventory_mapping_at      (const NpNode *node,
                                          const char   *key);
NpNode     *np_inventory_sequence_at     (const NpNode *node,
                                          const char   *key);
/* A string map (labels, selectors) as a hash table; empty when absent. */
GHashTable *np_inventory_read_string_map (NpNode      *map);

/* np-inventory-services.c */
void        np_service_free              (gpointer     data);
void        np_exposer_free              (gpointer     data);
/* (transfer full) */
NpService  *np_service_copy              (const NpService *service);
NpExposer  *np_exposer_copy              (const NpExposer *exposer);
void        np_inventory_add_service     (NpInventory *self,
                                          NpNode      *object,
                                          const char  *file);
void        np_inventory_add_ingress     (NpInventory *self,
                                          NpNode      *object,
                                          const char  *file);
void        np_inventory_add_route       (NpInventory *self,
                                          NpNode      *object,
                                          const char  *file);

G_END_DECLS
