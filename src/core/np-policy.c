/* np-policy.c: a Kubernetes NetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-policy.h"
#include "np-policy-rule.h"

struct _NpPolicy
{
  GObject          parent_instance;

  char            *api_version;
  char            *kind;
  char            *name;
  char            *namespace_;
  NpLabelSelector *pod_selector;
  GStrv            policy_types;
  GListStore      *ingress;
  GListStore      *egress;
};

G_DEFINE_FINAL_TYPE (NpPolicy, np_policy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_VERSION,
  PROP_KIND,
  PROP_NAME,
  PROP_NAMESPACE,
  PROP_POD_SELECTOR,
  PROP_POLICY_TYPES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
np_policy_dispose (GObject *object)
{
  NpPolicy *self = (NpPolicy *) object;

  np_model_unwatch_child (self, self->pod_selector);
  g_clear_object (&self->pod_selector);
  g_clear_object (&self->ingress);
  g_clear_object (&self->egress);

  G_OBJECT_CLASS (np_policy_parent_class)->dispose (object);
}

static void
np_policy_finalize (GObject *object)
{
  NpPolicy *self = (NpPolicy *) object;

  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->namespace_, g_free);
  g_clear_pointer (&self->policy_types, g_strfreev);

  G_OBJECT_CLASS (np_policy_parent_class)->finalize (object);
}

static void
np_policy_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NpPolicy *self = NP_POLICY (object);

  switch (prop_id)
    {
    case PROP_API_VERSION:
      g_value_set_string (value, self->api_version);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NAMESPACE:
      g_value_set_string (value, self->namespace_);
      break;

    case PROP_POD_SELECTOR:
      g_value_set_object (value, self->pod_selector);
      break;

    case PROP_POLICY_TYPES:
      g_value_set_boxed (value, self->policy_types);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NpPolicy *self = NP_POLICY (object);

  switch (prop_id)
    {
    case PROP_API_VERSION:
      np_policy_set_api_version (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      np_policy_set_kind (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      np_policy_set_name (self, g_value_get_string (value));
      break;

    case PROP_NAMESPACE:
      np_policy_set_namespace (self, g_value_get_string (value));
      break;

    case PROP_POD_SELECTOR:
      np_policy_set_pod_selector (self, g_value_get_object (value));
      break;

    case PROP_POLICY_TYPES:
      np_policy_set_policy_types (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_class_init (NpPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_policy_dispose;
  object_class->finalize = np_policy_finalize;
  object_class->get_property = np_policy_get_property;
  object_class->set_property = np_policy_set_property;

  properties[PROP_API_VERSION] =
    g_param_spec_string ("api-version", NULL, NULL,
                         NP_K8S_API_VERSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NP_K8S_KIND,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAMESPACE] =
    g_param_spec_string ("namespace", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_POD_SELECTOR] =
    g_param_spec_object ("pod-selector", NULL, NULL,
                         NP_TYPE_LABEL_SELECTOR,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_POLICY_TYPES] =
    g_param_spec_boxed ("policy-types", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  np_model_new_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
np_policy_init (NpPolicy *self)
{
  self->api_version = g_strdup (NP_K8S_API_VERSION);
  self->kind = g_strdup (NP_K8S_KIND);

  self->pod_selector = np_label_selector_new ();
  np_model_watch_child (self, self->pod_selector);

  self->ingress = g_list_store_new (NP_TYPE_POLICY_RULE);
  self->egress = g_list_store_new (NP_TYPE_POLICY_RULE);
  np_model_watch_list (self, self->ingress);
  np_model_watch_list (self, self->egress);
}

/**
 * np_policy_new:
 *
 * A networking.k8s.io/v1 NetworkPolicy with an empty pod selector (every pod
 * of the namespace), no policyTypes and no rules. (transfer full)
 */
NpPolicy *
np_policy_new (void)
{
  return g_object_new (NP_TYPE_POLICY, NULL);
}

static void
set_string_property (NpPolicy    *self,
                     char       **field,
                     const char  *value,
                     guint        prop_id)
{
  if (np_set_str (field, value))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
      np_model_emit_changed (self);
    }
}

const char *
np_policy_get_api_version (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return self->api_version;
}

void
np_policy_set_api_version (NpPolicy   *self,
                           const char *api_version)
{
  g_return_if_fail (NP_IS_POLICY (self));

  set_string_property (self, &self->api_version, api_version, PROP_API_VERSION);
}

const char *
np_policy_get_kind (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return self->kind;
}

void
np_policy_set_kind (NpPolicy   *self,
                    const char *kind)
{
  g_return_if_fail (NP_IS_POLICY (self));

  set_string_property (self, &self->kind, kind, PROP_KIND);
}

const char *
np_policy_get_name (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return self->name;
}

void
np_policy_set_name (NpPolicy   *self,
                    const char *name)
{
  g_return_if_fail (NP_IS_POLICY (self));

  set_string_property (self, &self->name, name, PROP_NAME);
}

const char *
np_policy_get_namespace (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return self->namespace_;
}

void
np_policy_set_namespace (NpPolicy   *self,
                         const char *namespace_)
{
  g_return_if_fail (NP_IS_POLICY (self));

  set_string_property (self, &self->namespace_, namespace_, PROP_NAMESPACE);
}

/**
 * np_policy_get_pod_selector:
 *
 * (transfer none) (nullable): NULL when `spec.podSelector` is absent.
 */
NpLabelSelector *
np_policy_get_pod_selector (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return self->pod_selector;
}

/**
 * np_policy_set_pod_selector:
 * @selector: (transfer none) (nullable)
 */
void
np_policy_set_pod_selector (NpPolicy        *self,
                            NpLabelSelector *selector)
{
  g_return_if_fail (NP_IS_POLICY (self));
  g_return_if_fail (selector == NULL || NP_IS_LABEL_SELECTOR (selector));

  if (self->pod_selector == selector)
    return;

  np_model_unwatch_child (self, self->pod_selector);
  g_set_object (&self->pod_selector, selector);
  np_model_watch_child (self, self->pod_selector);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POD_SELECTOR]);
  np_model_emit_changed (self);
}

const char * const *
np_policy_get_policy_types (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return (const char * const *) self->policy_types;
}

/**
 * np_policy_set_policy_types:
 * @types: (nullable): NULL for no `policyTypes` key; an empty array is kept
 *   as an explicit empty list.
 */
void
np_policy_set_policy_types (NpPolicy           *self,
                            const char * const *types)
{
  g_return_if_fail (NP_IS_POLICY (self));

  if (np_set_strv (&self->policy_types, types))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY_TYPES]);
      np_model_emit_changed (self);
    }
}

GListModel *
np_policy_get_ingress (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return G_LIST_MODEL (self->ingress);
}

GListModel *
np_policy_get_egress (NpPolicy *self)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return G_LIST_MODEL (self->egress);
}

GListModel *
np_policy_get_rules (NpPolicy    *self,
                     NpDirection  direction)
{
  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  return G_LIST_MODEL (direction == NP_DIRECTION_EGRESS ? self->egress : self->ingress);
}

gboolean
np_policy_affects (NpPolicy    *self,
                   NpDirection  direction)
{
  g_return_val_if_fail (NP_IS_POLICY (self), FALSE);

  if (self->policy_types != NULL && self->policy_types[0] != NULL)
    return g_strv_contains ((const char * const *) self->policy_types,
                            direction == NP_DIRECTION_EGRESS ? "Egress" : "Ingress");

  if (direction == NP_DIRECTION_INGRESS)
    return TRUE;
  return g_list_model_get_n_items (G_LIST_MODEL (self->egress)) > 0;
}

/**
 * np_policy_begin_change:
 *
 * Until the matching np_policy_end_change(), changes do not emit "changed";
 * the outermost end_change() emits it once if anything changed. Nests.
 */
void
np_policy_begin_change (NpPolicy *self)
{
  g_return_if_fail (NP_IS_POLICY (self));

  np_model_begin_batch (self);
}

void
np_policy_end_change (NpPolicy *self)
{
  g_return_if_fail (NP_IS_POLICY (self));

  np_model_end_batch (self);
}

/**
 * np_policy_copy:
 *
 * A deep copy: selector and rules are copied too; the source nodes are not.
 * (transfer full)
 */
NpPolicy *
np_policy_copy (NpPolicy *self)
{
  g_autoptr(NpLabelSelector) pod_selector = NULL;
  NpPolicy *copy;

  g_return_val_if_fail (NP_IS_POLICY (self), NULL);

  if (self->pod_selector != NULL)
    pod_selector = np_label_selector_copy (self->pod_selector);

  copy = np_policy_new ();
  np_policy_set_api_version (copy, self->api_version);
  np_policy_set_kind (copy, self->kind);
  np_policy_set_name (copy, self->name);
  np_policy_set_namespace (copy, self->namespace_);
  np_policy_set_pod_selector (copy, pod_selector);
  np_policy_set_policy_types (copy, (const char * const *) self->policy_types);
  np_model_copy_list (copy->ingress, G_LIST_MODEL (self->ingress),
                      (NpModelCopyFunc) np_policy_rule_copy);
  np_model_copy_list (copy->egress, G_LIST_MODEL (self->egress),
                      (NpModelCopyFunc) np_policy_rule_copy);

  return copy;
}
