/* np-selector-requirement.c: one term of a label selector
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-model-private.h"
#include "np-selector-requirement.h"

struct _NpSelectorRequirement
{
  GObject   parent_instance;

  char     *key;
  char     *operator_;
  char     *value;
  GStrv     values;
};

G_DEFINE_FINAL_TYPE (NpSelectorRequirement, np_selector_requirement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_OPERATOR,
  PROP_VALUE,
  PROP_VALUES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
np_selector_requirement_finalize (GObject *object)
{
  NpSelectorRequirement *self = (NpSelectorRequirement *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->operator_, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->values, g_strfreev);

  G_OBJECT_CLASS (np_selector_requirement_parent_class)->finalize (object);
}

static void
np_selector_requirement_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  NpSelectorRequirement *self = NP_SELECTOR_REQUIREMENT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_OPERATOR:
      g_value_set_string (value, self->operator_);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_VALUES:
      g_value_set_boxed (value, self->values);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_selector_requirement_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  NpSelectorRequirement *self = NP_SELECTOR_REQUIREMENT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      np_selector_requirement_set_key (self, g_value_get_string (value));
      break;

    case PROP_OPERATOR:
      np_selector_requirement_set_operator (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      np_selector_requirement_set_value (self, g_value_get_string (value));
      break;

    case PROP_VALUES:
      np_selector_requirement_set_values (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_selector_requirement_class_init (NpSelectorRequirementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = np_selector_requirement_finalize;
  object_class->get_property = np_selector_requirement_get_property;
  object_class->set_property = np_selector_requirement_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_VALUES] =
    g_param_spec_boxed ("values", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  np_model_new_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
np_selector_requirement_init (NpSelectorRequirement *self)
{
}

/**
 * np_selector_requirement_new_label:
 *
 * A matchLabels entry `key: value`. (transfer full)
 */
NpSelectorRequirement *
np_selector_requirement_new_label (const char *key,
                                   const char *value)
{
  return g_object_new (NP_TYPE_SELECTOR_REQUIREMENT,
                       "key", key,
                       "value", value,
                       NULL);
}

/**
 * np_selector_requirement_new_expression:
 *
 * A matchExpressions entry. @values may be NULL. (transfer full)
 */
NpSelectorRequirement *
np_selector_requirement_new_expression (const char         *key,
                                        const char         *operator_,
                                        const char * const *values)
{
  return g_object_new (NP_TYPE_SELECTOR_REQUIREMENT,
                       "key", key,
                       "operator", operator_,
                       "values", values,
                       NULL);
}

gboolean
np_selector_requirement_is_label (NpSelectorRequirement *self)
{
  g_return_val_if_fail (NP_IS_SELECTOR_REQUIREMENT (self), FALSE);

  return self->operator_ == NULL;
}

const char *
np_selector_requirement_get_key (NpSelectorRequirement *self)
{
  g_return_val_if_fail (NP_IS_SELECTOR_REQUIREMENT (self), NULL);

  return self->key;
}

void
np_selector_requirement_set_key (NpSelectorRequirement *self,
                                 const char            *key)
{
  g_return_if_fail (NP_IS_SELECTOR_REQUIREMENT (self));

  if (np_set_str (&self->key, key))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
      np_model_emit_changed (self);
    }
}

const char *
np_selector_requirement_get_operator (NpSelectorRequirement *self)
{
  g_return_val_if_fail (NP_IS_SELECTOR_REQUIREMENT (self), NULL);

  return self->operator_;
}

void
np_selector_requirement_set_operator (NpSelectorRequirement *self,
                                      const char            *operator_)
{
  g_return_if_fail (NP_IS_SELECTOR_REQUIREMENT (self));

  if (np_set_str (&self->operator_, operator_))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
      np_model_emit_changed (self);
    }
}

const char *
np_selector_requirement_get_value (NpSelectorRequirement *self)
{
  g_return_val_if_fail (NP_IS_SELECTOR_REQUIREMENT (self), NULL);

  return self->value;
}

void
np_selector_requirement_set_value (NpSelectorRequirement *self,
                                   const char            *value)
{
  g_return_if_fail (NP_IS_SELECTOR_REQUIREMENT (self));

  if (np_set_str (&self->value, value))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
      np_model_emit_changed (self);
    }
}

const char * const *
np_selector_requirement_get_values (NpSelectorRequirement *self)
{
  g_return_val_if_fail (NP_IS_SELECTOR_REQUIREMENT (self), NULL);

  return (const char * const *) self->values;
}

void
np_selector_requirement_append_key (NpSelectorRequirement *self,
                                    GString               *out)
{
  const char *fields[3];

  g_return_if_fail (NP_IS_SELECTOR_REQUIREMENT (self));
  g_return_if_fail (out != NULL);

  fields[0] = self->key;
  fields[1] = np_selector_requirement_get_operator (self);
  fields[2] = np_selector_requirement_get_value (self);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    if (fields[f] == NULL)
      g_string_append (out, "-;");
    else
      g_string_append_printf (out, "%zu:%s;", strlen (fields[f]), fields[f]);
  if (self->values == NULL)
    g_string_append (out, "-;");
  else
    {
      g_string_append_printf (out, "%u[", g_strv_length (self->values));
      for (guint v = 0; self->values[v] != NULL; v++)
        g_string_append_printf (out, "%zu:%s;", strlen (self->values[v]), self->values[v]);
    }
  g_string_append_c (out, '|');
}

void
np_selector_requirement_set_values (NpSelectorRequirement *self,
                                    const char * const    *values)
{
  g_return_if_fail (NP_IS_SELECTOR_REQUIREMENT (self));

  /* No values is always NULL, as the header promises. */
  if (values != NULL && values[0] == NULL)
    values = NULL;

  if (np_set_strv (&self->values, values))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUES]);
      np_model_emit_changed (self);
    }
}

static void
append_values (GString            *out,
               const char * const *values)
{
  g_string_append_c (out, '(');
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, values[i]);
    }
  g_string_append_c (out, ')');
}

/**
 * np_selector_requirement_to_string:
 *
 * Kubernetes selector syntax, which np_label_selector_new_from_string()
 * reads back. (transfer full)
 */
char *
np_selector_requirement_to_string (NpSelectorRequirement *self)
{
  const char *key;
  const char * const *values;
  GString *out;

  g_return_val_if_fail (NP_IS_SELECTOR_REQUIREMENT (self), NULL);

  key = self->key != NULL ? self->key : "";
  values = (const char * const *) self->values;

  if (self->operator_ == NULL)
    return g_strdup_printf ("%s=%s", key, self->value != NULL ? self->value : "");
  if (g_str_equal (self->operator_, "Exists"))
    return g_strdup (key);
  if (g_str_equal (self->operator_, "DoesNotExist"))
    return g_strdup_printf ("!%s", key);

  /* "k!=" (not the empty value) has no set form: "k notin ()" is no set. */
  if (g_str_equal (self->operator_, "NotIn") && values != NULL && values[0] != NULL &&
      values[0][0] == '\0' && values[1] == NULL)
    return g_strdup_printf ("%s!=", key);

  out = g_string_new (key);
  if (g_str_equal (self->operator_, "In"))
    g_string_append (out, " in ");
  else if (g_str_equal (self->operator_, "NotIn"))
    g_string_append (out, " notin ");
  else
    g_string_append_printf (out, " %s ", self->operator_);
  append_values (out, values);

  return g_string_free (out, FALSE);
}

gboolean
np_selector_requirement_matches (NpSelectorRequirement *self,
                                 GHashTable            *labels)
{
  const char *found = NULL;
  gboolean present;
  gboolean in_set;

  g_return_val_if_fail (NP_IS_SELECTOR_REQUIREMENT (self), FALSE);
  g_return_val_if_fail (labels != NULL, FALSE);

  if (self->key == NULL)
    return FALSE;

  present = g_hash_table_lookup_extended (labels, self->key, NULL, (gpointer *) &found);

  if (self->operator_ == NULL)
    return present && g_strcmp0 (found != NULL ? found : "",
                                 self->value != NULL ? self->value : "") == 0;

  in_set = present && self->values != NULL && found != NULL &&
           g_strv_contains ((const char * const *) self->values, found);

  if (g_str_equal (self->operator_, "In"))
    return in_set;
  if (g_str_equal (self->operator_, "NotIn"))
    return !in_set;
  if (g_str_equal (self->operator_, "Exists"))
    return present;
  if (g_str_equal (self->operator_, "DoesNotExist"))
    return !present;

  return FALSE;
}
