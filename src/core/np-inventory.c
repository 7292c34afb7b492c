/* np-inventory.c: the namespaces, workloads and policies that manifests describe
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-policy.h"
#include "np-cluster-policy.h"
#include "np-inventory-private.h"
#include "np-k8s-names.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy.h"

#define NS_NAME_LABEL "kubernetes.io/metadata.name"

G_DEFINE_FINAL_TYPE (NpInventory, np_inventory, G_TYPE_OBJECT)

static void
container_port_free (gpointer data)
{
  NpContainerPort *port = data;

  g_free (port->name);
  g_free (port->protocol);
  g_free (port);
}

static void
workload_free (gpointer data)
{
  NpWorkload *w = data;

  g_free (w->namespace_);
  g_free (w->name);
  g_free (w->kind);
  g_free (w->display);
  g_clear_pointer (&w->labels, g_hash_table_unref);
  g_clear_pointer (&w->ports, g_ptr_array_unref);
  g_clear_pointer (&w->pods, g_ptr_array_unref);
  g_clear_pointer (&w->ips, g_ptr_array_unref);
  g_free (w->file);
  g_free (w);
}

static void
inventory_policy_free (gpointer data)
{
  NpInventoryPolicy *p = data;

  g_clear_object (&p->policy);
  g_free (p->file);
  g_clear_pointer (&p->node, np_node_unref);
  g_free (p);
}

static void
np_inventory_finalize (GObject *object)
{
  NpInventory *self = NP_INVENTORY (object);

  g_clear_pointer (&self->workload_keys, g_hash_table_unref);
  g_clear_pointer (&self->workloads, g_ptr_array_unref);
  g_clear_pointer (&self->namespaces, g_hash_table_unref);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  g_clear_pointer (&self->cluster_policies, g_ptr_array_unref);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->exposers, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->manifests, g_ptr_array_unref);

  G_OBJECT_CLASS (np_inventory_parent_class)->finalize (object);
}

static void
np_inventory_class_init (NpInventoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = np_inventory_finalize;
}

static void
np_inventory_init (NpInventory *self)
{
  self->manifests = g_ptr_array_new_with_free_func (g_object_unref);
  self->workloads = g_ptr_array_new_with_free_func (workload_free);
  self->workload_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
  self->policies = g_ptr_array_new_with_free_func (inventory_policy_free);
  self->cluster_policies = g_ptr_array_new_with_free_func (inventory_policy_free);
  self->services = g_ptr_array_new_with_free_func (np_service_free);
  self->exposers = g_ptr_array_new_with_free_func (np_exposer_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

/**
 * np_inventory_new:
 *
 * Returns: (transfer full): an empty inventory
 */
NpInventory *
np_inventory_new (void)
{
  return g_object_new (NP_TYPE_INVENTORY, NULL);
}

/* Reading objects ------------------------------------------------------ */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The keys of @table, sorted; borrowed strings. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

const char *
np_inventory_string_at (const NpNode *node, const char *key)
{
  NpNode *value;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return NULL;
  value = np_node_lookup (node, key);
  if (value == NULL || np_node_get_kind (value) != NP_NODE_SCALAR || np_node_is_null (value))
    return NULL;
  return np_node_get_text (value);
}

NpNode *
np_inventory_mapping_at (const NpNode *node, const char *key)
{
  NpNode *value;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return NULL;
  value = np_node_lookup (node, key);
  if (value == NULL || np_node_get_kind (value) != NP_NODE_MAPPING)
    return NULL;
  return value;
}

NpNode *
np_inventory_sequence_at (const NpNode *node, const char *key)
{
  NpNode *value;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return NULL;
  value = np_node_lookup (node, key);
  if (value == NULL || np_node_get_kind (value) != NP_NODE_SEQUENCE)
    return NULL;
  return value;
}

/* A string map (labels, selectors) as a hash table; empty when absent. */
GHashTable *
np_inventory_read_string_map (NpNode *map)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (map == NULL || np_node_get_kind (map) != NP_NODE_MAPPING)
    return table;
  for (guint i = 0; i < np_node_get_n_pairs (map); i++)
    {
      NpNode *value = np_node_get_value (map, i);
      const char *text = "";

      if (np_node_get_kind (value) == NP_NODE_SCALAR && !np_node_is_null (value))
        text = np_node_get_text (value);
      g_hash_table_replace (table, g_strdup (np_node_get_key (map, i)), g_strdup (text));
    }
  return table;
}

static void
ensure_namespace (NpInventory *self, const char *name)
{
  GHashTable *labels;

  if (g_hash_table_contains (self->namespaces, name))
    return;
  labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (labels, g_strdup (NS_NAME_LABEL), g_strdup (name));
  g_hash_table_replace (self->namespaces, g_strdup (name), labels);
}

static void
add_namespace (NpInventory *self, NpNode *object)
{
  NpNode *metadata = np_inventory_mapping_at (object, "metadata");
  const char *name = np_inventory_string_at (metadata, "name");
  GHashTable *labels;

  if (name == NULL)
    return;
  labels = np_inventory_read_string_map (np_inventory_mapping_at (metadata, "labels"));
  /* The control plane sets this label whatever the manifest says. */
  g_hash_table_replace (labels, g_strdup (NS_NAME_LABEL), g_strdup (name));
  g_hash_table_replace (self->namespaces, g_strdup (name), labels);
}

static GPtrArray *
read_container_ports (NpNode *pod_spec)
{
  GPtrArray *ports = g_ptr_array_new_with_free_func (container_port_free);
  const char *lists[] = { "initContainers", "containers" };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      NpNode *containers = np_inventory_sequence_at (pod_spec, lists[l]);

      /* Init containers do not serve traffic. */
      if (containers == NULL || l == 0)
        continue;
      for (guint i = 0; i < np_node_get_n_items (containers); i++)
        {
          NpNode *list = np_inventory_sequence_at (np_node_get_item (containers, i), "ports");

          for (guint j = 0; list != NULL && j < np_node_get_n_items (list); j++)
            {
              NpNode *entry = np_node_get_item (list, j);
              NpNode *number = np_node_get_kind (entry) == NP_NODE_MAPPING ?
                               np_node_lookup (entry, "containerPort") : NULL;
              const char *protocol = np_inventory_string_at (entry, "protocol");
              gint64 value;
              NpContainerPort *port;

              if (number == NULL || np_node_get_kind (number) != NP_NODE_SCALAR)
                continue;
              if (!np_node_get_int (number, &value) &&
                  !g_ascii_string_to_signed (np_node_get_text (number), 10, 1, 65535, &value, NULL))
                continue;
              if (value < 1 || value > 65535)
                continue;
              port = g_new0 (NpContainerPort, 1);
              port->name = g_strdup (np_inventory_string_at (entry, "name"));
              port->port = (guint) value;
              port->protocol = g_strdup (protocol != NULL && *protocol ? protocol : "TCP");
              g_ptr_array_add (ports, port);
            }
        }
    }
  return ports;
}

static char *
labels_key (GHashTable *labels)
{
  g_autoptr(GPtrArray) keys = sorted_keys (labels);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (out, "%s=%s\n", (char *) keys->pdata[i],
                            (char *) g_hash_table_lookup (labels, keys->pdata[i]));
  return g_string_free (out, FALSE);
}

/* Adds a pod (or a template's pod) under @kind/@name; takes @labels and @ports. */
static void
add_workload (NpInventory *self,
              const char  *namespace_,
              const char  *name,
              const char  *kind,
              const char  *pod_name,
              GHashTable  *labels,
              GPtrArray   *ports,
              GPtrArray   *ips,
              const char  *file,
              guint        line)
{
  g_autofree char *display = g_strdup_printf ("%s/%s[%s]", namespace_, name, kind);
  g_autofree char *variant = labels_key (labels);
  g_autofree char *key = g_strconcat (display, "\n", variant, NULL);
  NpWorkload *w;

  ensure_namespace (self, namespace_);
  w = g_hash_table_lookup (self->workload_keys, key);
  if (w != NULL)
    {
      g_ptr_array_add (w->pods, g_strdup (pod_name));
      for (guint i = 0; ips != NULL && i < ips->len; i++)
        g_ptr_array_add (w->ips, g_strdup (ips->pdata[i]));
      g_hash_table_unref (labels);
      g_ptr_array_unref (ports);
      g_clear_pointer (&ips, g_ptr_array_unref);
      return;
    }

  w = g_new0 (NpWorkload, 1);
  w->namespace_ = g_strdup (namespace_);
  w->name = g_strdup (name);
  w->kind = g_strdup (kind);
  w->display = g_steal_pointer (&display);
  w->labels = labels;
  w->ports = ports;
  w->pods = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (w->pods, g_strdup (pod_name));
  w->ips = ips != NULL ? ips : g_ptr_array_new_with_free_func (g_free);
  w->file = g_strdup (file);
  w->line = line;
  g_ptr_array_add (self->workloads, w);
  g_hash_table_insert (self->workload_keys, g_steal_pointer (&key), w);
}

static void
add_pod (NpInventory *self, NpNode *object, const char *file)
{
  NpNode *metadata = np_inventory_mapping_at (object, "metadata");
  const char *name = np_inventory_string_at (metadata, "name");
  const char *namespace_ = np_inventory_string_at (metadata, "namespace");
  NpNode *owners = np_inventory_sequence_at (metadata, "ownerReferences");
  NpNode *status = np_inventory_mapping_at (object, "status");
  NpNode *pod_ips = np_inventory_sequence_at (status, "podIPs");
  const char *owner_name = NULL;
  const char *owner_kind = NULL;
  GPtrArray *ips = g_ptr_array_new_with_free_func (g_free);

  if (name == NULL)
    {
      g_ptr_array_unref (ips);
      return;
    }
  namespace_ = np_k8s_namespace_or_default (namespace_);

  /* netpol-analyzer: the first reference with controller: true names the
   * owner, unless it is a Node (static pods). */
  for (guint i = 0; owners != NULL && i < np_node_get_n_items (owners); i++)
    {
      NpNode *ref = np_node_get_item (owners, i);
      NpNode *controller = np_node_get_kind (ref) == NP_NODE_MAPPING ?
                           np_node_lookup (ref, "controller") : NULL;
      gboolean is_controller = FALSE;

      if (controller == NULL || !np_node_get_bool (controller, &is_controller) || !is_controller)
        continue;
      if (g_strcmp0 (np_inventory_string_at (ref, "kind"), "Node") != 0)
        {
          owner_name = np_inventory_string_at (ref, "name");
          owner_kind = np_inventory_string_at (ref, "kind");
        }
      break;
    }

  for (guint i = 0; pod_ips != NULL && i < np_node_get_n_items (pod_ips); i++)
    {
      const char *ip = np_inventory_string_at (np_node_get_item (pod_ips, i), "ip");

      if (ip != NULL)
        g_ptr_array_add (ips, g_strdup (ip));
    }
  if (ips->len == 0 && np_inventory_string_at (status, "podIP") != NULL)
    g_ptr_array_add (ips, g_strdup (np_inventory_string_at (status, "podIP")));

  add_workload (self, namespace_,
                owner_name != NULL && *owner_name ? owner_name : name,
                owner_kind != NULL && *owner_kind ? owner_kind : "Pod",
                name,
                np_inventory_read_string_map (np_inventory_mapping_at (metadata, "labels")),
                read_container_ports (np_inventory_mapping_at (object, "spec")),
                ips, file, np_node_get_line (object));
}

static void
add_template_workload (NpInventory *self, NpNode *object, const char *kind, const char *file)
{
  NpNode *metadata = np_inventory_mapping_at (object, "metadata");
  const char *name = np_inventory_string_at (metadata, "name");
  const char *namespace_ = np_inventory_string_at (metadata, "namespace");
  NpNode *spec = np_inventory_mapping_at (object, "spec");
  NpNode *template;

  if (name == NULL)
    return;
  namespace_ = np_k8s_namespace_or_default (namespace_);
  if (g_str_equal (kind, "CronJob"))
    template = np_inventory_mapping_at (np_inventory_mapping_at (np_inventory_mapping_at (spec, "jobTemplate"), "spec"), "template");
  else
    template = np_inventory_mapping_at (spec, "template");

  add_workload (self, namespace_, name, kind, name,
                np_inventory_read_string_map (np_inventory_mapping_at (np_inventory_mapping_at (template, "metadata"), "labels")),
                read_container_ports (np_inventory_mapping_at (template, "spec")),
                NULL, file, np_node_get_line (object));
}

static const char * const template_kinds[] = {
  "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
  "Job", "CronJob", NULL,
};

/* A cluster-scoped policy of policy.networking.k8s.io: decided by the
 * object itself, whatever document kind its file is read as. */
static void
add_cluster_policy (NpInventory *self, NpNode *object, const char *file)
{
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new_from_node (object);
  NpInventoryPolicy *entry;

  if (policy == NULL)
    return;
  entry = g_new0 (NpInventoryPolicy, 1);
  entry->policy = G_OBJECT (g_steal_pointer (&policy));
  entry->file = g_strdup (file);
  entry->node = np_node_ref (object);
  entry->line = np_node_get_line (object);
  g_ptr_array_add (self->cluster_policies, entry);
}

static void
add_object (NpInventory *self, NpNode *object, const char *default_kind, const char *file)
{
  const char *kind;
  NpNode *items;

  if (object == NULL || np_node_get_kind (object) != NP_NODE_MAPPING)
    return;
  kind = np_inventory_string_at (object, "kind");
  if (kind == NULL)
    kind = default_kind;
  /* An item of a plain List without a kind: a pod spec says what it is. */
  if (kind == NULL && np_inventory_sequence_at (np_inventory_mapping_at (object, "spec"), "containers") != NULL)
    kind = "Pod";
  if (kind == NULL)
    return;

  items = np_inventory_sequence_at (object, "items");
  if (g_str_has_suffix (kind, "List") && items != NULL)
    {
      /* "PodList" items may leave their kind out; a plain "List" has to say. */
      g_autofree char *item_kind = g_str_equal (kind, "List") ? NULL :
                                   g_strndup (kind, strlen (kind) - strlen ("List"));

      for (guint i = 0; i < np_node_get_n_items (items); i++)
        add_object (self, np_node_get_item (items, i), item_kind, file);
      return;
    }

  if (np_cluster_policy_kind_of_node (object, NULL))
    add_cluster_policy (self, object, file);
  else if (g_str_equal (kind, "Namespace"))
    add_namespace (self, object);
  else if (g_str_equal (kind, "Pod"))
    add_pod (self, object, file);
  else if (g_str_equal (kind, "Service"))
    np_inventory_add_service (self, object, file);
  else if (g_str_equal (kind, "Ingress"))
    np_inventory_add_ingress (self, object, file);
  else if (g_str_equal (kind, "Route"))
    np_inventory_add_route (self, object, file);
  else if (g_strv_contains (template_kinds, kind))
    add_template_workload (self, object, kind, file);
}

/* The object node of the policy called @name inside @root (itself, or an item
 * of a list), for positions. */
static NpNode *
find_policy_node (NpNode *root, const char *name)
{
  NpNode *items;

  if (root == NULL || np_node_get_kind (root) != NP_NODE_MAPPING)
    return NULL;
  if (g_strcmp0 (np_inventory_string_at (np_inventory_mapping_at (root, "metadata"), "name"), name) == 0 &&
      (np_node_has_key (root, "spec") || np_node_has_key (root, "specs")))
    return root;
  items = np_inventory_sequence_at (root, "items");
  for (guint i = 0; items != NULL && i < np_node_get_n_items (items); i++)
    {
      NpNode *found = find_policy_node (np_node_get_item (items, i), name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The objects of @document and its NetworkPolicies and Cilium policies
 * (@policies, in order). */
static void
add_document (NpInventory *self,
              NpDocument  *document,
              GPtrArray   *policies,
              const char  *file)
{
  NpNode *root = np_document_get_root (document);

  add_object (self, root, NULL, file);
  for (guint j = 0; j < policies->len; j++)
    {
      GObject *policy = policies->pdata[j];
      NpInventoryPolicy *entry;
      const char *name;
      NpNode *node;

      /* Cluster-scoped policies are read by add_object(), from the
       * tree, whatever the document makes of them. */
      if (!NP_IS_POLICY (policy) && !NP_IS_CILIUM_POLICY (policy))
        continue;
      entry = g_new0 (NpInventoryPolicy, 1);
      name = NP_IS_POLICY (policy) ? np_policy_get_name (NP_POLICY (policy)) :
             np_cilium_policy_get_name (NP_CILIUM_POLICY (policy));
      node = find_policy_node (root, name);
      entry->policy = g_object_ref (policy);
      entry->file = g_strdup (file);
      entry->node = node != NULL ? np_node_ref (node) : NULL;
      entry->line = node != NULL && np_node_get_line (node) > 0 ?
                    np_node_get_line (node) : np_document_get_line (document);
      g_ptr_array_add (self->policies, entry);
    }
}

/**
 * np_inventory_add_manifest:
 * @manifest: a loaded manifest
 *
 * Adds the namespaces, workloads, services and policies of @manifest.
 */
void
np_inventory_add_manifest (NpInventory *self,
                           NpManifest  *manifest)
{
  GListModel *documents;
  const char *file;

  g_return_if_fail (NP_IS_INVENTORY (self));
  g_return_if_fail (NP_IS_MANIFEST (manifest));

  g_ptr_array_add (self->manifests, g_object_ref (manifest));
  file = np_manifest_get_display_name (manifest);
  documents = np_manifest_get_documents (manifest);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      GListModel *model = np_document_get_policies (document);
      g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);

      /* The document's own models: an edited one is judged as it is now. */
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        g_ptr_array_add (policies, g_list_model_get_item (model, j));
      add_document (self, document, policies, file);
    }
}

/* The name and namespace ("default" when none is written) of an NpPolicy
 * or an NpCiliumPolicy; a clusterwide Cilium policy has none (NULL). */
static void
policy_identity (GObject     *policy,
                 const char **name,
                 const char **namespace_)
{
  if (NP_IS_POLICY (policy))
    {
      *name = np_policy_get_name (NP_POLICY (policy));
      *namespace_ = np_policy_get_namespace (NP_POLICY (policy));
    }
  else
    {
      *name = np_cilium_policy_get_name (NP_CILIUM_POLICY (policy));
      *namespace_ = np_cilium_policy_is_clusterwide (NP_CILIUM_POLICY (policy))
                    ? NULL : np_cilium_policy_get_namespace (NP_CILIUM_POLICY (policy));
      if (np_cilium_policy_is_clusterwide (NP_CILIUM_POLICY (policy)))
        return;
    }
  *namespace_ = np_k8s_namespace_or_default (*namespace_);
}

/**
 * np_inventory_put_policy:
 * @policy: (type GObject): a NetworkPolicy or a Cilium policy being edited
 * @display_name: where it comes from, for messages
 *
 * Adds @policy in place of any policy of the same kind, namespace and name,
 * so an edited policy is judged instead of its saved copy.
 */
void
np_inventory_put_policy (NpInventory *self,
                         gpointer     policy,
                         const char  *display_name)
{
  const char *name, *namespace_;
  NpInventoryPolicy *entry;

  g_return_if_fail (NP_IS_INVENTORY (self));
  g_return_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy));

  policy_identity (policy, &name, &namespace_);
  for (guint i = self->policies->len; i > 0; i--)
    {
      NpInventoryPolicy *old = g_ptr_array_index (self->policies, i - 1);
      const char *old_name, *old_namespace;

      /* Same kind: a NetworkPolicy, a CiliumNetworkPolicy and a clusterwide
       * one may share a name. */
      if (G_OBJECT_TYPE (old->policy) != G_OBJECT_TYPE (policy) ||
          (NP_IS_CILIUM_POLICY (policy) &&
           np_cilium_policy_is_clusterwide (NP_CILIUM_POLICY (old->policy)) !=
           np_cilium_policy_is_clusterwide (NP_CILIUM_POLICY (policy))))
        continue;
      policy_identity (old->policy, &old_name, &old_namespace);
      if (g_strcmp0 (old_name, name) == 0 && g_strcmp0 (old_namespace, namespace_) == 0)
        g_ptr_array_remove_index (self->policies, i - 1);
    }
  if (namespace_ != NULL)
    ensure_namespace (self, namespace_);
  entry = g_new0 (NpInventoryPolicy, 1);
  entry->policy = g_object_ref (G_OBJECT (policy));
  entry->file = g_strdup (display_name != NULL ? display_name : "");
  entry->line = 1;
  g_ptr_array_add (self->policies, entry);
}

/* Whether @self holds nothing at all: then a read that fails half-way can
 * be undone by emptying it again. */
static gboolean
inventory_is_empty (NpInventory *self)
{
  return self->manifests->len == 0 && self->workloads->len == 0 &&
         g_hash_table_size (self->namespaces) == 0 && self->policies->len == 0 &&
         self->cluster_policies->len == 0 && self->services->len == 0 &&
         self->exposers->len == 0 && self->warnings->len == 0;
}

static void
inventory_clear (NpInventory *self)
{
  g_hash_table_remove_all (self->workload_keys);
  g_ptr_array_set_size (self->workloads, 0);
  g_hash_table_remove_all (self->namespaces);
  g_ptr_array_set_size (self->policies, 0);
  g_ptr_array_set_size (self->cluster_policies, 0);
  g_ptr_array_set_size (self->services, 0);
  g_ptr_array_set_size (self->exposers, 0);
  g_ptr_array_set_size (self->warnings, 0);
}

typedef struct {
  NpInventory *self;
  const char  *file;
  GPtrArray   *per_document;  /* (nullable): the policies of each document, to add after */
} Reading;

/* Run beside the reading of the next documents: the models of the
 * document's policies, which take longer to build than their text to read,
 * and, into an inventory that was empty, the document's objects. */
static void
read_document (NpDocument *document,
               guint       index,
               gpointer    user_data)
{
  Reading *reading = user_data;
  g_autoptr(GPtrArray) policies = np_document_read_policies (document);

  if (reading->per_document == NULL)
    add_document (reading->self, document, policies, reading->file);
  else
    {
      g_assert (index == reading->per_document->len);
      g_ptr_array_add (reading->per_document, g_steal_pointer (&policies));
    }
}

/**
 * np_inventory_add_bytes:
 * @text: YAML or JSON
 * @display_name: the file name to use in messages
 *
 * Returns: TRUE when @text could be read
 */
gboolean
np_inventory_add_bytes (NpInventory  *self,
                        GBytes       *text,
                        const char   *display_name,
                        GError      **error)
{
  g_autoptr(NpManifest) manifest = NULL;
  g_autoptr(GPtrArray) per_document = NULL;
  Reading reading = { self, display_name, NULL };
  GListModel *documents;

  g_return_val_if_fail (NP_IS_INVENTORY (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nobody edits this manifest: its policies are read as models that are
   * not kept by their documents nor watched for changes, each as soon as
   * its document is read. A text that does not parse adds nothing: into
   * an empty inventory each document goes as it is read (emptied again on
   * an error, the main thread meanwhile only reads the text), into one
   * that holds something once the whole text parsed. */
  manifest = np_manifest_new ();
  if (!inventory_is_empty (self))
    reading.per_document = per_document = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  if (!np_manifest_load_bytes_each (manifest, text, display_name, read_document, &reading, error))
    {
      if (per_document == NULL)
        inventory_clear (self);
      return FALSE;
    }
  g_ptr_array_add (self->manifests, g_object_ref (manifest));
  if (per_document == NULL)
    return TRUE;
  documents = np_manifest_get_documents (manifest);
  g_assert (g_list_model_get_n_items (documents) == per_document->len);
  for (guint i = 0; i < per_document->len; i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      add_document (self, document, per_document->pdata[i], display_name);
    }
  return TRUE;
}

static gboolean
collect_files (const char *path, GPtrArray *files, GError **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, (char *) names->pdata[i], NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!collect_files (child, files, error))
            return FALSE;
        }
      else if (g_str_has_suffix (child, ".yaml") || g_str_has_suffix (child, ".yml") ||
               g_str_has_suffix (child, ".json"))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
  return TRUE;
}

/**
 * np_inventory_add_path:
 * @path: a manifest file or a folder of them
 *
 * Returns: TRUE when every file could be read
 */
gboolean
np_inventory_add_path (NpInventory  *self,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (NP_IS_INVENTORY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!collect_files (path, files, error))
        return FALSE;
    }
  else
    g_ptr_array_add (files, g_strdup (path));

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files->pdata[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;

      bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                       (char *) files->pdata[i], local_error->message);
          return FALSE;
        }
      if (!np_inventory_add_bytes (self, bytes, files->pdata[i], error))
        return FALSE;
    }
  return TRUE;
}

/* Access ---------------------------------------------------------------- */

guint
np_inventory_get_n_workloads (NpInventory *self)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), 0);
  return self->workloads->len;
}

const NpWorkload *
np_inventory_get_workload (NpInventory *self,
                           guint        index)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (index < self->workloads->len, NULL);
  return self->workloads->pdata[index];
}

int
np_inventory_find_workload (NpInventory *self,
                            const char  *name)
{
  const char *slash;
  g_autofree char *namespace_ = NULL;
  const char *local;

  g_return_val_if_fail (NP_IS_INVENTORY (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  slash = strchr (name, '/');
  if (slash == NULL)
    return -1;
  namespace_ = g_strndup (name, slash - name);
  local = slash + 1;

  for (guint i = 0; i < self->workloads->len; i++)
    {
      NpWorkload *w = self->workloads->pdata[i];

      if (g_str_equal (w->display, name))
        return i;
      if (!g_str_equal (w->namespace_, namespace_))
        continue;
      if (g_str_equal (w->name, local))
        return i;
    }
  for (guint i = 0; i < self->workloads->len; i++)
    {
      NpWorkload *w = self->workloads->pdata[i];

      if (g_str_equal (w->namespace_, namespace_))
        for (guint j = 0; j < w->pods->len; j++)
          if (g_str_equal (w->pods->pdata[j], local))
            return i;
    }
  return -1;
}

GStrv
np_inventory_get_namespaces (NpInventory *self)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);

  keys = sorted_keys (self->namespaces);
  for (guint i = 0; i < keys->len; i++)
    keys->pdata[i] = g_strdup (keys->pdata[i]);
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

GHashTable *
np_inventory_get_namespace_labels (NpInventory *self,
                                   const char  *name)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->namespaces, name);
}

guint
np_inventory_get_n_policies (NpInventory *self)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), 0);
  return self->policies->len;
}

const NpInventoryPolicy *
np_inventory_get_policy (NpInventory *self,
                         guint        index)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (index < self->policies->len, NULL);
  return self->policies->pdata[index];
}

guint
np_inventory_count_all_policies (NpInventory *self)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), 0);
  return self->policies->len + self->cluster_policies->len;
}

guint
np_inventory_get_n_cluster_policies (NpInventory *self)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), 0);
  return self->cluster_policies->len;
}

const NpInventoryPolicy *
np_inventory_get_cluster_policy (NpInventory *self,
                                 guint        index)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (index < self->cluster_policies->len, NULL);
  return self->cluster_policies->pdata[index];
}

guint
np_inventory_get_n_services (NpInventory *self)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), 0);
  return self->services->len;
}

const NpService *
np_inventory_get_service (NpInventory *self,
                          guint        index)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (index < self->services->len, NULL);
  return self->services->pdata[index];
}

guint
np_inventory_get_n_exposers (NpInventory *self)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), 0);
  return self->exposers->len;
}

const NpExposer *
np_inventory_get_exposer (NpInventory *self,
                          guint        index)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (index < self->exposers->len, NULL);
  return self->exposers->pdata[index];
}

GPtrArray *
np_inventory_get_warnings (NpInventory *self)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);
  return self->warnings;
}

/* Copies ------------------------------------------------------------------ */

static GHashTable *
copy_string_map (GHashTable *table)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  GPtrArray *copy = g_ptr_array_new_full (strings->len, g_free);

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (copy, g_strdup (strings->pdata[i]));
  return copy;
}

/**
 * np_inventory_copy:
 *
 * Returns: (transfer full): an inventory holding copies of what @self holds
 */
NpInventory *
np_inventory_copy (NpInventory *self)
{
  NpInventory *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (NP_IS_INVENTORY (self), NULL);

  copy = np_inventory_new ();
  for (guint i = 0; i < self->manifests->len; i++)
    g_ptr_array_add (copy->manifests, g_object_ref (self->manifests->pdata[i]));

  for (guint i = 0; i < self->workloads->len; i++)
    {
      const NpWorkload *w = self->workloads->pdata[i];
      NpWorkload *c = g_new0 (NpWorkload, 1);
      g_autofree char *variant = labels_key (w->labels);

      c->namespace_ = g_strdup (w->namespace_);
      c->name = g_strdup (w->name);
      c->kind = g_strdup (w->kind);
      c->display = g_strdup (w->display);
      c->labels = copy_string_map (w->labels);
      c->ports = g_ptr_array_new_full (w->ports->len, container_port_free);
      for (guint p = 0; p < w->ports->len; p++)
        {
          const NpContainerPort *port = w->ports->pdata[p];
          NpContainerPort *port_copy = g_new0 (NpContainerPort, 1);

          port_copy->name = g_strdup (port->name);
          port_copy->port = port->port;
          port_copy->protocol = g_strdup (port->protocol);
          g_ptr_array_add (c->ports, port_copy);
        }
      c->pods = copy_strings (w->pods);
      c->ips = copy_strings (w->ips);
      c->file = g_strdup (w->file);
      c->line = w->line;
      g_ptr_array_add (copy->workloads, c);
      g_hash_table_insert (copy->workload_keys, g_strconcat (c->display, "\n", variant, NULL), c);
    }

  g_hash_table_iter_init (&iter, self->namespaces);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy->namespaces, g_strdup (key), copy_string_map (value));

  for (guint i = 0; i < self->policies->len; i++)
    {
      const NpInventoryPolicy *p = self->policies->pdata[i];
      NpInventoryPolicy *c = g_new0 (NpInventoryPolicy, 1);

      c->policy = g_object_ref (p->policy);
      c->file = g_strdup (p->file);
      c->line = p->line;
      c->node = p->node != NULL ? np_node_ref (p->node) : NULL;
      g_ptr_array_add (copy->policies, c);
    }

  for (guint i = 0; i < self->cluster_policies->len; i++)
    {
      const NpInventoryPolicy *p = self->cluster_policies->pdata[i];
      NpInventoryPolicy *c = g_new0 (NpInventoryPolicy, 1);

      c->policy = g_object_ref (p->policy);
      c->file = g_strdup (p->file);
      c->line = p->line;
      c->node = p->node != NULL ? np_node_ref (p->node) : NULL;
      g_ptr_array_add (copy->cluster_policies, c);
    }

  for (guint i = 0; i < self->services->len; i++)
    g_ptr_array_add (copy->services, np_service_copy (self->services->pdata[i]));
  for (guint i = 0; i < self->exposers->len; i++)
    g_ptr_array_add (copy->exposers, np_exposer_copy (self->exposers->pdata[i]));

  for (guint i = 0; i < self->warnings->len; i++)
    g_ptr_array_add (copy->warnings, g_strdup (self->warnings->pdata[i]));
  return copy;
}

guint
np_inventory_add_bare_pod (NpInventory *self,
                           const char  *namespace_,
                           const char  *name)
{
  g_return_val_if_fail (NP_IS_INVENTORY (self), 0);
  g_return_val_if_fail (namespace_ != NULL && name != NULL, 0);

  add_workload (self, namespace_, name, "Pod", name,
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                g_ptr_array_new_with_free_func (container_port_free),
                NULL, "", 0);
  {
    /* A pod of the same name and no labels may have been read already: the
     * two are one workload then. */
    g_autofree char *display = g_strdup_printf ("%s/%s[Pod]", namespace_, name);

    return (guint) np_inventory_find_workload (self, display);
  }
}
