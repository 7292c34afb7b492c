/* np-inventory-services.c: the Services, Ingresses and Routes of an inventory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Ingress / Route analysis (np-ingress.c) needs: Services with
 * their ports, and the Services each Ingress or Route sends traffic to.
 * A field of the wrong type is left out with a warning that says where.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-inventory-private.h"
#include "np-k8s-names.h"

static void
service_port_free (gpointer data)
{
  NpServicePort *port = data;

  g_free (port->name);
  g_free (port->target_name);
  g_free (port->protocol);
  g_free (port);
}

void
np_service_free (gpointer data)
{
  NpService *s = data;

  g_free (s->namespace_);
  g_free (s->name);
  g_clear_pointer (&s->selector, g_hash_table_unref);
  g_clear_pointer (&s->labels, g_hash_table_unref);
  g_clear_pointer (&s->ports, g_ptr_array_unref);
  g_free (s->file);
  g_free (s);
}

static void
exposer_backend_free (gpointer data)
{
  NpExposerBackend *backend = data;

  g_free (backend->service);
  g_free (backend->port_name);
  g_free (backend);
}

void
np_exposer_free (gpointer data)
{
  NpExposer *e = data;

  g_free (e->namespace_);
  g_free (e->name);
  g_clear_pointer (&e->backends, g_ptr_array_unref);
  g_clear_pointer (&e->ignored, g_ptr_array_unref);
  g_free (e->file);
  g_free (e);
}

/* Records that @node, the field @path of the object @what (e.g. "Service
 * ns/name"), is not @expected and was left out. */
static void
warn_type (NpInventory *self,
           const char  *file,
           NpNode      *object,
           NpNode      *node,
           const char  *what,
           const char  *path,
           const char  *expected)
{
  guint line = node != NULL && np_node_get_line (node) > 0 ? np_node_get_line (node)
                                                           : np_node_get_line (object);

  g_ptr_array_add (self->warnings,
                   /* TRANSLATORS: "FILE:LINE: Service ns/name: spec.ports[0].port is a string,
                    * not a number; it is left out." */
                   g_strdup_printf (_("%s:%u: %s: %s is %s, not %s; it is left out."), file, line, what,
                                    path, np_node_describe_type (node), expected));
}

/* The value at @key of the mapping @node when it is a @kind; NULL when it
 * is absent or null, and a warning when it is of another kind. */
static NpNode *
typed_at (NpInventory *self,
          const char  *file,
          NpNode      *object,
          const char  *what,
          NpNode      *node,
          const char  *path,
          const char  *key,
          NpNodeKind   kind)
{
  NpNode *value;
  g_autofree char *full = NULL;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return NULL;
  value = np_node_lookup (node, key);
  if (value == NULL || np_node_is_null (value))
    return NULL;
  if (np_node_get_kind (value) == kind)
    return value;
  full = path != NULL ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);
  warn_type (self, file, object, value, what, full,
             kind == NP_NODE_MAPPING ? _("a mapping") : kind == NP_NODE_SEQUENCE ? _("a list")
                                                                                 : _("a scalar"));
  return NULL;
}

/* A port number (1-65535) at @key of @node: TRUE with @number set, FALSE
 * (with a warning when something else is written) otherwise. */
static gboolean
port_number_at (NpInventory *self,
                const char  *file,
                NpNode      *object,
                const char  *what,
                NpNode      *node,
                const char  *path,
                const char  *key,
                guint       *number)
{
  NpNode *value = node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING ?
                  np_node_lookup (node, key) : NULL;
  gint64 n;
  g_autofree char *full = NULL;

  if (value == NULL || np_node_is_null (value))
    return FALSE;
  if (np_node_get_int (value, &n) && n >= 1 && n <= 65535)
    {
      *number = (guint) n;
      return TRUE;
    }
  full = g_strdup_printf ("%s.%s", path, key);
  warn_type (self, file, object, value, what, full, _("a port number (1-65535)"));
  return FALSE;
}

/* A name (a string) at @key of @node, or NULL (with a warning when
 * something else than a string is written). */
static const char *
name_at (NpInventory *self,
         const char  *file,
         NpNode      *object,
         const char  *what,
         NpNode      *node,
         const char  *path,
         const char  *key)
{
  NpNode *value = node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING ?
                  np_node_lookup (node, key) : NULL;
  g_autofree char *full = NULL;

  if (value == NULL || np_node_is_null (value))
    return NULL;
  if (np_node_get_kind (value) == NP_NODE_SCALAR && np_node_is_string (value))
    return np_node_get_text (value);
  full = g_strdup_printf ("%s.%s", path, key);
  warn_type (self, file, object, value, what, full, _("a string"));
  return NULL;
}

/* An IntOrString port (targetPort): a number, or a name when written as a
 * string, as Kubernetes reads it ("8080" in quotes is a name). */
static void
int_or_string_at (NpInventory  *self,
                  const char   *file,
                  NpNode       *object,
                  const char   *what,
                  NpNode       *node,
                  const char   *path,
                  const char   *key,
                  guint        *number,
                  char        **name)
{
  NpNode *value = node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING ?
                  np_node_lookup (node, key) : NULL;

  *number = 0;
  *name = NULL;
  if (value == NULL || np_node_is_null (value))
    return;
  if (np_node_get_kind (value) == NP_NODE_SCALAR && np_node_is_string (value))
    {
      *name = g_strdup (np_node_get_text (value));
      return;
    }
  port_number_at (self, file, object, what, node, path, key, number);
}

void
np_inventory_add_service (NpInventory *self, NpNode *object, const char *file)
{
  NpNode *metadata = np_inventory_mapping_at (object, "metadata");
  const char *name = np_inventory_string_at (metadata, "name");
  const char *namespace_ = np_inventory_string_at (metadata, "namespace");
  g_autofree char *what = NULL;
  NpNode *spec, *selector, *ports;
  NpService *service;

  if (name == NULL)
    return;
  service = g_new0 (NpService, 1);
  service->namespace_ = g_strdup (np_k8s_namespace_or_default (namespace_));
  service->name = g_strdup (name);
  what = g_strdup_printf ("Service %s/%s", service->namespace_, name);
  spec = typed_at (self, file, object, what, object, NULL, "spec", NP_NODE_MAPPING);
  selector = typed_at (self, file, object, what, spec, "spec", "selector", NP_NODE_MAPPING);
  service->has_selector = selector != NULL;
  service->selector = np_inventory_read_string_map (selector);
  service->labels = np_inventory_read_string_map (np_inventory_mapping_at (metadata, "labels"));
  service->ports = g_ptr_array_new_with_free_func (service_port_free);
  service->file = g_strdup (file);
  service->line = np_node_get_line (object);

  ports = typed_at (self, file, object, what, spec, "spec", "ports", NP_NODE_SEQUENCE);
  for (guint i = 0; ports != NULL && i < np_node_get_n_items (ports); i++)
    {
      NpNode *entry = np_node_get_item (ports, i);
      g_autofree char *path = g_strdup_printf ("spec.ports[%u]", i);
      NpServicePort *port;
      const char *protocol;

      if (np_node_get_kind (entry) != NP_NODE_MAPPING)
        {
          warn_type (self, file, object, entry, what, path, _("a mapping"));
          continue;
        }
      port = g_new0 (NpServicePort, 1);
      port->name = g_strdup (name_at (self, file, object, what, entry, path, "name"));
      port_number_at (self, file, object, what, entry, path, "port", &port->port);
      int_or_string_at (self, file, object, what, entry, path, "targetPort",
                        &port->target_port, &port->target_name);
      protocol = name_at (self, file, object, what, entry, path, "protocol");
      port->protocol = g_strdup (protocol != NULL && *protocol ? protocol : "TCP");
      g_ptr_array_add (service->ports, port);
    }
  g_ptr_array_add (self->services, service);
}

static void
add_backend (NpExposer *exposer, const char *service, guint port, const char *port_name)
{
  NpExposerBackend *backend = g_new0 (NpExposerBackend, 1);

  backend->service = g_strdup (service != NULL ? service : "");
  backend->port = port;
  backend->port_name = port_name != NULL && *port_name ? g_strdup (port_name) : NULL;
  g_ptr_array_add (exposer->backends, backend);
}

static NpExposer *
new_exposer (NpNode *object, NpExposerKind kind, const char *file)
{
  NpNode *metadata = np_inventory_mapping_at (object, "metadata");
  const char *name = np_inventory_string_at (metadata, "name");
  NpExposer *exposer;

  if (name == NULL)
    return NULL;
  exposer = g_new0 (NpExposer, 1);
  exposer->kind = kind;
  exposer->namespace_ = g_strdup (np_k8s_namespace_or_default (np_inventory_string_at (metadata, "namespace")));
  exposer->name = g_strdup (name);
  exposer->backends = g_ptr_array_new_with_free_func (exposer_backend_free);
  exposer->ignored = g_ptr_array_new_with_free_func (g_free);
  exposer->file = g_strdup (file);
  exposer->line = np_node_get_line (object);
  return exposer;
}

/* An Ingress backend ("spec.defaultBackend" or a path's "backend"): its
 * service, or FALSE when it names none (a resource backend). */
static gboolean
add_ingress_backend (NpInventory *self,
                     NpExposer   *exposer,
                     const char  *file,
                     NpNode      *object,
                     const char  *what,
                     NpNode      *backend,
                     const char  *path)
{
  g_autofree char *service_path = g_strdup_printf ("%s.service", path);
  g_autofree char *port_path = g_strdup_printf ("%s.service.port", path);
  NpNode *service = typed_at (self, file, object, what, backend, path, "service", NP_NODE_MAPPING);
  NpNode *port;
  const char *port_name;
  guint number = 0;

  if (service == NULL)
    return FALSE;
  port = typed_at (self, file, object, what, service, service_path, "port", NP_NODE_MAPPING);
  port_name = name_at (self, file, object, what, port, port_path, "name");
  /* Name and number exclude each other; netpol-analyzer takes the name. */
  if (port_name == NULL || *port_name == '\0')
    port_number_at (self, file, object, what, port, port_path, "number", &number);
  add_backend (exposer, name_at (self, file, object, what, service, service_path, "name"),
               number, port_name);
  return TRUE;
}

void
np_inventory_add_ingress (NpInventory *self, NpNode *object, const char *file)
{
  NpExposer *exposer = new_exposer (object, NP_EXPOSER_INGRESS, file);
  g_autofree char *what = NULL;
  NpNode *spec, *backend, *rules;

  if (exposer == NULL)
    return;
  what = g_strdup_printf ("Ingress %s/%s", exposer->namespace_, exposer->name);
  spec = typed_at (self, file, object, what, object, NULL, "spec", NP_NODE_MAPPING);
  /* The warnings in English, word for word as netpol-analyzer logs them
   * (ingress_analyzer.go), so logs can be compared. */
  backend = typed_at (self, file, object, what, spec, "spec", "defaultBackend", NP_NODE_MAPPING);
  if (backend != NULL &&
      !add_ingress_backend (self, exposer, file, object, what, backend, "spec.defaultBackend"))
    g_ptr_array_add (exposer->ignored, g_strdup_printf ("%s: ignoring default backend", what));

  rules = typed_at (self, file, object, what, spec, "spec", "rules", NP_NODE_SEQUENCE);
  for (guint r = 0; rules != NULL && r < np_node_get_n_items (rules); r++)
    {
      NpNode *rule = np_node_get_item (rules, r);
      g_autofree char *rule_path = g_strdup_printf ("spec.rules[%u]", r);
      g_autofree char *http_path = g_strdup_printf ("spec.rules[%u].http", r);
      NpNode *http, *paths;

      if (np_node_get_kind (rule) != NP_NODE_MAPPING)
        {
          warn_type (self, file, object, rule, what, rule_path, _("a mapping"));
          continue;
        }
      http = typed_at (self, file, object, what, rule, rule_path, "http", NP_NODE_MAPPING);
      paths = typed_at (self, file, object, what, http, http_path, "paths", NP_NODE_SEQUENCE);
      for (guint p = 0; paths != NULL && p < np_node_get_n_items (paths); p++)
        {
          NpNode *entry = np_node_get_item (paths, p);
          g_autofree char *path = g_strdup_printf ("%s.paths[%u]", http_path, p);
          g_autofree char *backend_path = g_strdup_printf ("%s.backend", path);

          if (np_node_get_kind (entry) != NP_NODE_MAPPING)
            {
              warn_type (self, file, object, entry, what, path, _("a mapping"));
              continue;
            }
          backend = typed_at (self, file, object, what, entry, path, "backend", NP_NODE_MAPPING);
          if (!add_ingress_backend (self, exposer, file, object, what, backend, backend_path))
            g_ptr_array_add (exposer->ignored,
                             g_strdup_printf ("%s: ignoring rule backend without Service", what));
        }
    }
  g_ptr_array_add (self->exposers, exposer);
}

void
np_inventory_add_route (NpInventory *self, NpNode *object, const char *file)
{
  NpExposer *exposer = new_exposer (object, NP_EXPOSER_ROUTE, file);
  g_autofree char *what = NULL;
  g_autofree char *port_name = NULL;
  NpNode *spec, *to, *port, *alternates;
  guint number = 0;
  const char *kind;

  if (exposer == NULL)
    return;
  what = g_strdup_printf ("Route %s/%s", exposer->namespace_, exposer->name);
  spec = typed_at (self, file, object, what, object, NULL, "spec", NP_NODE_MAPPING);
  port = typed_at (self, file, object, what, spec, "spec", "port", NP_NODE_MAPPING);
  int_or_string_at (self, file, object, what, port, "spec.port", "targetPort", &number, &port_name);

  /* Only Services may be targets; netpol-analyzer's own warning texts. */
  to = typed_at (self, file, object, what, spec, "spec", "to", NP_NODE_MAPPING);
  kind = name_at (self, file, object, what, to, "spec.to", "kind");
  if (kind != NULL && *kind && !g_str_equal (kind, "Service"))
    g_ptr_array_add (exposer->ignored,
                     g_strdup_printf ("%s: ignoring target with unsupported kind", what));
  else
    add_backend (exposer, name_at (self, file, object, what, to, "spec.to", "name"), number, port_name);

  alternates = typed_at (self, file, object, what, spec, "spec", "alternateBackends", NP_NODE_SEQUENCE);
  for (guint i = 0; alternates != NULL && i < np_node_get_n_items (alternates); i++)
    {
      NpNode *entry = np_node_get_item (alternates, i);
      g_autofree char *path = g_strdup_printf ("spec.alternateBackends[%u]", i);

      if (np_node_get_kind (entry) != NP_NODE_MAPPING)
        {
          warn_type (self, file, object, entry, what, path, _("a mapping"));
          continue;
        }
      /* The weight only shares traffic out; any backend may be reached. */
      kind = name_at (self, file, object, what, entry, path, "kind");
      if (kind != NULL && *kind && !g_str_equal (kind, "Service"))
        /* The trailing space is netpol-analyzer's. */
        g_ptr_array_add (exposer->ignored,
                         g_strdup_printf ("%s: ignoring alternate backend without Service ", what));
      else
        add_backend (exposer, name_at (self, file, object, what, entry, path, "name"), number, port_name);
    }
  g_ptr_array_add (self->exposers, exposer);
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

NpService *
np_service_copy (const NpService *s)
{
  NpService *c = g_new0 (NpService, 1);

  c->namespace_ = g_strdup (s->namespace_);
  c->name = g_strdup (s->name);
  c->selector = copy_string_map (s->selector);
  c->labels = copy_string_map (s->labels);
  c->has_selector = s->has_selector;
  c->ports = g_ptr_array_new_full (s->ports->len, service_port_free);
  for (guint p = 0; p < s->ports->len; p++)
    {
      const NpServicePort *port = s->ports->pdata[p];
      NpServicePort *port_copy = g_new0 (NpServicePort, 1);

      port_copy->name = g_strdup (port->name);
      port_copy->port = port->port;
      port_copy->target_port = port->target_port;
      port_copy->target_name = g_strdup (port->target_name);
      port_copy->protocol = g_strdup (port->protocol);
      g_ptr_array_add (c->ports, port_copy);
    }
  c->file = g_strdup (s->file);
  c->line = s->line;
  return c;
}

NpExposer *
np_exposer_copy (const NpExposer *e)
{
  NpExposer *c = g_new0 (NpExposer, 1);

  c->kind = e->kind;
  c->namespace_ = g_strdup (e->namespace_);
  c->name = g_strdup (e->name);
  c->backends = g_ptr_array_new_full (e->backends->len, exposer_backend_free);
  for (guint b = 0; b < e->backends->len; b++)
    {
      const NpExposerBackend *backend = e->backends->pdata[b];

      add_backend (c, backend->service, backend->port, backend->port_name);
    }
  c->ignored = g_ptr_array_new_full (e->ignored->len, g_free);
  for (guint i = 0; i < e->ignored->len; i++)
    g_ptr_array_add (c->ignored, g_strdup (e->ignored->pdata[i]));
  c->file = g_strdup (e->file);
  c->line = e->line;
  return c;
}
