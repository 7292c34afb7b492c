/* np-ingress.c: what Ingresses and Routes let the cluster's ingress controller reach
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * netpol-analyzer's Ingress / Route analysis (connlist/internal/ingressanalyzer/
 * ingress_analyzer.go and getIngressAllowedConnections in connlist/connlist.go):
 *
 * - a Service without a selector is ignored with a warning; otherwise it
 *   stands for the workloads of its namespace its selector matches (an
 *   empty selector matches them all); one that matches none is unknown;
 * - a Route sends traffic to spec.to and to each of spec.alternateBackends
 *   whose kind is Service (or not written), on spec.port.targetPort; an
 *   Ingress to spec.defaultBackend.service and to the service of every
 *   rules[].http.paths[].backend, on the port name or number given;
 * - the Services are looked up in the object's namespace; an object in a
 *   namespace with no known Service is skipped without a word, a missing
 *   Service in one that has some is warned about;
 * - the ports (getPeerAccessPort): with no port asked for, every port of
 *   the Service; otherwise the first whose name, port or targetPort is the
 *   one asked for. Each gives its targetPort (its port when unset); a name
 *   is looked up among the workload's containerPorts and must be TCP; the
 *   number must be one of the workload's containerPorts (each of which
 *   counts as TCP, whatever its protocol: netpol-analyzer's
 *   PodExposedTCPConnections does so). The result is TCP ports only;
 * - the ports are cut down to what the policies allow from a fake pod
 *   "ingress-controller" with no labels in namespace ingress-controller-ns
 *   (which carries only its kubernetes.io/metadata.name label unless the
 *   manifests define it). When nothing is left, the pair is dropped with
 *   a warning, even when the workload simply has no such containerPort.
 *
 * The warnings are netpol-analyzer's texts, word for word and untranslated,
 * so that logs compare; they come in the order Services, then Ingresses and
 * Routes (their ignored backends), then the missing Services and the
 * blocked workloads, where netpol-analyzer logs the first three in the
 * order of its input files. One difference: netpol-analyzer warns about
 * every Service without a selector; here only when some Ingress or Route
 * was read, so files without either keep their output unchanged.
 */
#include "config.h"

#include <string.h>

#include "np-evaluator-private.h"
#include "np-ingress.h"

/* A Service whose selector matches workloads. */
typedef struct {
  const NpService *service;
  GArray          *workloads;  /* guint: inventory indexes */
} KnownService;

static void
known_service_clear (gpointer data)
{
  g_clear_pointer (&((KnownService *) data)->workloads, g_array_unref);
}

/* What the ingress controller may reach on one workload (one display: the
 * variants of a workload make one line). */
typedef struct {
  char       *display;
  GArray     *workloads;   /* guint */
  NpConnSet  *conns;
  char       *owned[2];    /* "ns/name" of the first Ingress [0] and Route [1] that
                            * lead here, for the warning */
  GPtrArray  *reasons;     /* (element-type NpIngressReason) for np_connlist_explain() */
} Target;

static void
ingress_reason_free (gpointer data)
{
  NpIngressReason *r = data;

  g_free (r->object);
  g_free (r->service);
  np_conn_set_free (r->conns);
  g_free (r->file);
  g_free (r);
}

/* Drops @text when @notes is NULL: the explanation computes the targets
 * again and must not repeat the warnings the list already gave. */
static void
add_note (NpEvaluator *notes, char *text)
{
  if (notes != NULL)
    np_evaluator_add_note (notes, text);
  else
    g_free (text);
}

static void
target_free (gpointer data)
{
  Target *t = data;

  g_free (t->display);
  g_array_unref (t->workloads);
  np_conn_set_free (t->conns);
  g_free (t->owned[0]);
  g_free (t->owned[1]);
  g_ptr_array_unref (t->reasons);
  g_free (t);
}

static int
compare_targets (gconstpointer a, gconstpointer b)
{
  const Target *x = *(Target * const *) a;
  const Target *y = *(Target * const *) b;

  return strcmp (x->display, y->display);
}

static gboolean
selector_matches (GHashTable *selector, GHashTable *labels)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, selector);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (labels, key), value) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
workload_has_port (const NpWorkload *w, guint number)
{
  for (guint i = 0; i < w->ports->len; i++)
    if (((NpContainerPort *) w->ports->pdata[i])->port == number)
      return TRUE;
  return FALSE;
}

/* Whether the Service port @sp is the one @backend asks for. netpol-analyzer
 * compares the targetPort with the asked port as whole IntOrString values:
 * a Route's targetPort is one, read as written, so a name matches a named
 * targetPort; an Ingress's port name is not (only its text is set), so it
 * never matches a targetPort, while its number matches a numbered one. */
static gboolean
port_is_asked (const NpServicePort      *sp,
               const NpExposerBackend   *backend,
               NpExposerKind             kind)
{
  if (sp->name != NULL && *sp->name && backend->port_name != NULL &&
      g_str_equal (sp->name, backend->port_name))
    return TRUE;
  /* A port name leaves the asked number 0, which only a Service port
   * without a port number equals, as upstream. */
  if (sp->port == backend->port)
    return TRUE;
  if (backend->port_name != NULL)
    return kind == NP_EXPOSER_ROUTE && g_strcmp0 (sp->target_name, backend->port_name) == 0;
  return sp->target_name == NULL && sp->target_port == backend->port;
}

/* Adds to @conns the TCP port the Service port @sp leads to on @w. */
static void
add_access_port (NpConnSet *conns, const NpServicePort *sp, const NpWorkload *w)
{
  guint number = 0;

  if (sp->target_name != NULL)
    {
      for (guint i = 0; i < w->ports->len; i++)
        {
          const NpContainerPort *cp = w->ports->pdata[i];

          if (cp->name != NULL && g_str_equal (cp->name, sp->target_name))
            {
              /* Only TCP ports are reached through an Ingress or a Route. */
              if (g_str_equal (cp->protocol, "TCP"))
                number = cp->port;
              break;
            }
        }
    }
  else
    number = sp->target_port != 0 ? sp->target_port : sp->port;
  if (number != 0 && workload_has_port (w, number))
    np_conn_set_add_range (conns, NP_PROTOCOL_TCP, number, number);
}

/* The TCP ports @backend reaches on @w through @service. */
static void
add_backend_ports (NpConnSet              *conns,
                   const NpService        *service,
                   const NpExposerBackend *backend,
                   NpExposerKind           kind,
                   const NpWorkload       *w)
{
  gboolean any = backend->port == 0 && backend->port_name == NULL;

  for (guint i = 0; i < service->ports->len; i++)
    {
      const NpServicePort *sp = service->ports->pdata[i];

      if (any)
        add_access_port (conns, sp, w);
      else if (port_is_asked (sp, backend, kind))
        {
          add_access_port (conns, sp, w);
          break;
        }
    }
}

static Target *
target_for (GHashTable *targets, NpInventory *inventory, guint workload)
{
  const NpWorkload *w = np_inventory_get_workload (inventory, workload);
  Target *t = g_hash_table_lookup (targets, w->display);

  if (t == NULL)
    {
      t = g_new0 (Target, 1);
      t->display = g_strdup (w->display);
      t->workloads = g_array_new (FALSE, FALSE, sizeof (guint));
      t->conns = np_conn_set_new ();
      t->reasons = g_ptr_array_new_with_free_func (ingress_reason_free);
      g_hash_table_insert (targets, t->display, t);
    }
  for (guint i = 0; i < t->workloads->len; i++)
    if (g_array_index (t->workloads, guint, i) == workload)
      return t;
  g_array_append_val (t->workloads, workload);
  return t;
}

/* The reason of @t for the Service @service of @exposer, made on first use
 * (netpol-analyzer keeps one per object and Service). */
static NpIngressReason *
reason_for (Target *t, const NpExposer *exposer, const char *service)
{
  const char *kind = exposer->kind == NP_EXPOSER_INGRESS ? "Ingress" : "Route";
  g_autofree char *object = g_strdup_printf ("%s/%s", exposer->namespace_, exposer->name);
  NpIngressReason *r;

  for (guint i = 0; i < t->reasons->len; i++)
    {
      r = t->reasons->pdata[i];
      if (g_str_equal (r->kind, kind) && g_str_equal (r->object, object) && g_str_equal (r->service, service))
        return r;
    }
  r = g_new0 (NpIngressReason, 1);
  r->kind = kind;
  r->object = g_steal_pointer (&object);
  r->service = g_strdup (service);
  r->conns = np_conn_set_new ();
  r->file = g_strdup (exposer->file);
  r->line = exposer->line;
  g_ptr_array_add (t->reasons, r);
  return r;
}

static const KnownService *
find_service (GArray *known, const char *namespace_, const char *name)
{
  for (guint i = 0; i < known->len; i++)
    {
      const KnownService *k = &g_array_index (known, KnownService, i);

      if (g_str_equal (k->service->namespace_, namespace_) && g_str_equal (k->service->name, name))
        return k;
    }
  return NULL;
}

/* The Services whose selector matches some workload; warns (to @notes,
 * when not NULL) about those without a selector. */
static GArray *
known_services (NpEvaluator *notes, NpInventory *inventory)
{
  GArray *known = g_array_new (FALSE, TRUE, sizeof (KnownService));

  g_array_set_clear_func (known, known_service_clear);
  for (guint s = 0; s < np_inventory_get_n_services (inventory); s++)
    {
      const NpService *service = np_inventory_get_service (inventory, s);
      KnownService k = { service, NULL };

      if (!service->has_selector)
        {
          add_note (notes, g_strdup_printf ("Ignoring Service %s/%s: K8s Service without selectors "
                                            "is not supported", service->namespace_, service->name));
          continue;
        }
      k.workloads = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint w = 0; w < np_inventory_get_n_workloads (inventory); w++)
        {
          const NpWorkload *workload = np_inventory_get_workload (inventory, w);

          if (g_str_equal (workload->namespace_, service->namespace_) &&
              selector_matches (service->selector, workload->labels))
            g_array_append_val (k.workloads, w);
        }
      if (k.workloads->len == 0)
        {
          g_array_unref (k.workloads);
          continue;
        }
      /* A later Service of the same name replaces an earlier one. */
      for (guint i = 0; i < known->len; i++)
        {
          KnownService *old = &g_array_index (known, KnownService, i);

          if (g_str_equal (old->service->namespace_, service->namespace_) &&
              g_str_equal (old->service->name, service->name))
            {
              g_array_remove_index (known, i);
              break;
            }
        }
      g_array_append_val (known, k);
    }
  return known;
}

static gboolean
namespace_has_service (GArray *known, const char *namespace_)
{
  for (guint i = 0; i < known->len; i++)
    if (g_str_equal (g_array_index (known, KnownService, i).service->namespace_, namespace_))
      return TRUE;
  return FALSE;
}

/* Adds what the objects of @kind send to the workloads to @targets. */
static void
collect_targets (NpEvaluator   *notes,
                 NpInventory   *inventory,
                 GArray        *known,
                 NpExposerKind  kind,
                 GHashTable    *targets)
{
  for (guint e = 0; e < np_inventory_get_n_exposers (inventory); e++)
    {
      const NpExposer *exposer = np_inventory_get_exposer (inventory, e);

      if (exposer->kind != kind || !namespace_has_service (known, exposer->namespace_))
        continue;
      for (guint b = 0; b < exposer->backends->len; b++)
        {
          const NpExposerBackend *backend = exposer->backends->pdata[b];
          const KnownService *k = find_service (known, exposer->namespace_, backend->service);

          if (k == NULL)
            {
              add_note (notes, g_strdup_printf ("Ignoring target service %s : service not found",
                                                backend->service));
              continue;
            }
          for (guint i = 0; i < k->workloads->len; i++)
            {
              guint w = g_array_index (k->workloads, guint, i);
              Target *t = target_for (targets, inventory, w);
              guint slot = kind == NP_EXPOSER_INGRESS ? 0 : 1;
              NpIngressReason *reason = reason_for (t, exposer, backend->service);
              g_autoptr(NpConnSet) ports = np_conn_set_new ();

              add_backend_ports (ports, k->service, backend, kind,
                                 np_inventory_get_workload (inventory, w));
              np_conn_set_union (t->conns, ports);
              np_conn_set_union (reason->conns, ports);
              if (t->owned[slot] == NULL)
                t->owned[slot] = g_strdup_printf ("%s/%s", exposer->namespace_, exposer->name);
            }
        }
    }
}

/* What the policies allow from the fake ingress controller pod to the
 * workloads of @t, in a copy of @inventory that holds that pod. */
static NpConnSet *
allowed_from_controller (NpEvaluator *controller_evaluator, guint controller, const Target *t)
{
  NpConnSet *allowed = np_conn_set_new ();
  NpEndpoint source;

  np_endpoint_init_workload (&source, controller);
  for (guint i = 0; i < t->workloads->len; i++)
    {
      g_autoptr(NpConnSet) one = NULL;
      NpEndpoint destination;

      np_endpoint_init_workload (&destination, g_array_index (t->workloads, guint, i));
      one = np_evaluator_allowed (controller_evaluator, &source, &destination);
      np_conn_set_union (allowed, one);
    }
  return allowed;
}

/* The targets of the Ingresses and Routes of @evaluator's inventory, by
 * display (NULL when there are none), with netpol-analyzer's warnings
 * added to @notes when not NULL. */
static GHashTable *
compute_targets (NpEvaluator *evaluator,
                 NpEvaluator *notes)
{
  NpInventory *inventory = np_evaluator_get_inventory (evaluator);
  g_autoptr(GArray) known = NULL;
  g_autoptr(GHashTable) targets = NULL;
  GPtrArray *warnings;
  gboolean any_backend = FALSE;

  if (np_inventory_get_n_exposers (inventory) == 0)
    return NULL;

  /* The reading problems of Services, Ingresses and Routes matter here. */
  warnings = np_inventory_get_warnings (inventory);
  for (guint i = 0; i < warnings->len; i++)
    add_note (notes, g_strdup (warnings->pdata[i]));
  known = known_services (notes, inventory);
  for (guint e = 0; e < np_inventory_get_n_exposers (inventory); e++)
    {
      const NpExposer *exposer = np_inventory_get_exposer (inventory, e);

      for (guint i = 0; i < exposer->ignored->len; i++)
        add_note (notes, g_strdup (exposer->ignored->pdata[i]));
      any_backend = any_backend || exposer->backends->len > 0;
    }
  /* netpol-analyzer analyses nothing without a workload (then no Service
   * is known either), nor without a Service that selects one and an
   * object that names a Service. */
  if (known->len == 0 || !any_backend)
    return NULL;

  targets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, target_free);
  /* Routes first, as netpol-analyzer's AllowedIngressConnections. */
  collect_targets (notes, inventory, known, NP_EXPOSER_ROUTE, targets);
  collect_targets (notes, inventory, known, NP_EXPOSER_INGRESS, targets);
  if (g_hash_table_size (targets) == 0)
    return NULL;
  return g_steal_pointer (&targets);
}

/* A copy of @evaluator's inventory with the fake ingress controller pod
 * (its index in @controller), and an evaluator over it. */
static NpEvaluator *
controller_evaluator_new (NpEvaluator *evaluator, guint *controller)
{
  g_autoptr(NpInventory) with_controller = np_inventory_copy (np_evaluator_get_inventory (evaluator));

  *controller = np_inventory_add_bare_pod (with_controller, NP_INGRESS_CONTROLLER_NAMESPACE,
                                           NP_INGRESS_CONTROLLER_POD);
  return np_evaluator_new (with_controller, evaluator->flags);
}

GPtrArray *
np_ingress_compute (NpEvaluator *evaluator,
                    const char  *focus)
{
  GPtrArray *result;
  g_autoptr(GHashTable) targets = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(NpEvaluator) controller_evaluator = NULL;
  guint controller;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);
  targets = compute_targets (evaluator, evaluator);
  if (targets == NULL)
    return result;

  controller_evaluator = controller_evaluator_new (evaluator, &controller);

  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, targets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_targets);

  for (guint i = 0; i < sorted->len; i++)
    {
      Target *t = sorted->pdata[i];
      g_autoptr(NpConnSet) allowed = NULL;
      NpConnection *connection;

      if (focus != NULL && !g_str_equal (focus, t->display))
        continue;
      allowed = allowed_from_controller (controller_evaluator, controller, t);
      np_conn_set_intersect (t->conns, allowed);
      if (np_conn_set_is_empty (t->conns))
        {
          /* netpol-analyzer names the first Ingress when there is one. */
          gboolean ingress = t->owned[0] != NULL;

          np_evaluator_add_note (evaluator,
                                 g_strdup_printf ("%s resource %s specified workload %s as a backend, but "
                                                  "network policies are blocking ingress connections from "
                                                  "an arbitrary in-cluster source to this workload. "
                                                  "Connectivity map will not include a possibly allowed "
                                                  "connection between the ingress controller and this "
                                                  "workload.", /* not translated: netpol-analyzer's words */
                                                  ingress ? "K8s-Ingress" : "Route",
                                                  ingress ? t->owned[0] : t->owned[1], t->display));
          continue;
        }
      connection = g_new0 (NpConnection, 1);
      connection->source = g_strdup (NP_INGRESS_CONTROLLER);
      connection->destination = g_strdup (t->display);
      connection->conns = g_steal_pointer (&t->conns);
      t->conns = np_conn_set_new ();
      g_ptr_array_add (result, connection);
    }
  return result;
}

struct _NpIngressExplainer {
  GHashTable  *targets;               /* display -> Target */
  NpEvaluator *controller_evaluator;
  guint        controller;
};

NpIngressExplainer *
np_ingress_explainer_new (NpEvaluator *evaluator)
{
  NpIngressExplainer *self;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);

  self = g_new0 (NpIngressExplainer, 1);
  /* np_ingress_compute() gave the warnings already. */
  self->targets = compute_targets (evaluator, NULL);
  if (self->targets != NULL)
    self->controller_evaluator = controller_evaluator_new (evaluator, &self->controller);
  return self;
}

gboolean
np_ingress_explainer_lookup (NpIngressExplainer  *self,
                             const char          *destination,
                             NpEvaluator        **evaluator,
                             NpEndpoint          *source,
                             NpEndpoint          *target,
                             GPtrArray          **reasons)
{
  const Target *t;

  g_return_val_if_fail (self != NULL && destination != NULL, FALSE);

  t = self->targets != NULL ? g_hash_table_lookup (self->targets, destination) : NULL;
  if (t == NULL)
    return FALSE;
  *evaluator = self->controller_evaluator;
  np_endpoint_init_workload (source, self->controller);
  /* A display of several variants is explained by its first, as the
   * other pairs of the list. */
  np_endpoint_init_workload (target, g_array_index (t->workloads, guint, 0));
  *reasons = t->reasons;
  return TRUE;
}

void
np_ingress_explainer_free (NpIngressExplainer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->targets, g_hash_table_unref);
  g_clear_object (&self->controller_evaluator);
  g_free (self);
}
