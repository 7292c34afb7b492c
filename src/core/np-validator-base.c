/* np-validator-base.c: reporting, positions, and the label, selector and metadata checks of both validators
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "np-k8s-names.h"
#include "np-model-private.h"
#include "np-validator-private.h"

#define MAX_ANNOTATIONS_SIZE (256 * 1024)

/* Positions ---------------------------------------------------------------- */

const NpNode *
np_validation_value_at (const NpNode *mapping,
                        const char   *key)
{
  const NpNode *value = np_node_lookup (mapping, key);

  return value != NULL ? value : mapping;
}

const NpNode *
np_validation_field_at (const NpNode *mapping,
                        const char   *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  if (value == NULL)
    return mapping;
  if (np_node_is_null (value) || np_node_get_line (value) == 0)
    {
      NpNode *key_node = np_node_lookup_key (mapping, key);

      if (key_node != NULL && np_node_get_line (key_node) != 0)
        return key_node;
    }
  return value;
}

const NpNode *
np_validation_key_at (const NpNode *mapping,
                      const char   *key)
{
  NpNode *key_node = np_node_lookup_key (mapping, key);

  return key_node != NULL ? key_node : mapping;
}

const NpNode *
np_validation_at (NpValidation *v,
                  const NpNode *mapping,
                  const char   *key)
{
  return v->point_at_fields ? np_validation_field_at (mapping, key) : np_validation_value_at (mapping, key);
}

char *
np_validation_join (const char *path,
                    const char *key)
{
  return path != NULL && *path != '\0' ? np_path_join (path, key) : g_strdup (key);
}

/* (nullable) the text of the scalar at @key; numbers and booleans too,
 * which the schema walk or the reader has reported where a string was due */
static const char *
scalar_at (const NpNode *mapping, const char *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  if (value == NULL || np_node_get_kind (value) != NP_NODE_SCALAR || np_node_is_null (value))
    return NULL;
  return np_node_get_text (value);
}

/* (nullable) the list at @key, when it is one */
static NpNode *
list_at (const NpNode *mapping, const char *key)
{
  NpNode *value = np_node_lookup (mapping, key);

  return value != NULL && np_node_get_kind (value) == NP_NODE_SEQUENCE ? value : NULL;
}

/* Fields ------------------------------------------------------------------- */

/* g_strv_contains(), with no string comparison for most fields */
static gboolean
known_field (const char * const *known, const char *key)
{
  for (guint i = 0; known[i] != NULL; i++)
    if (known[i][0] == key[0] && strcmp (known[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* A field the API does not know would be dropped by the server, and a
 * typo must never silently drop a rule. */
void
np_validation_check_fields (NpValidation       *v,
                            const NpNode       *source,
                            const char         *path,
                            const char * const *known)
{
  if (v->object_name == NULL || source == NULL || np_node_get_kind (source) != NP_NODE_MAPPING)
    return;

  for (guint i = 0; i < np_node_get_n_pairs (source); i++)
    {
      const char *key = np_node_get_key (source, i);
      g_autofree char *field_path = NULL;
      const char *suggestion;

      if (known_field (known, key))
        continue;
      field_path = np_validation_join (path, key);
      suggestion = np_suggest_field (key, known);
      if (suggestion != NULL)
        np_validation_report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, np_node_get_key_node (source, i),
                              /* Translators: the first %s is the unknown field name, the second the known field it resembles. */
                              _("Unknown field “%s”: did you mean “%s”? The API server would reject it, or drop it and everything under it."),
                              key, suggestion);
      else
        np_validation_report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, np_node_get_key_node (source, i),
                              /* Translators: the first %s is the unknown field name; the second is the field path of the object that holds it (such as “spec.ingress[0]”) or “a NetworkPolicy”. */
                              _("Unknown field “%s”: %s has no such field, so the API server would reject it, or drop it and everything under it."),
                              key, path && *path ? path : v->object_name);
    }
}

/* Labels ------------------------------------------------------------------- */

void
np_validation_check_label_key (NpValidation *v,
                               const char   *key,
                               const char   *path,
                               const NpNode *node)
{
  g_autofree char *reason = NULL;

  if (!np_k8s_check_label_key (key, &reason))
    np_validation_report (v, NP_SEVERITY_ERROR, "invalid-label-key", path, node,
                          /* Translators: the second %s is a reason such as “must be no more than 63 characters”. */
                          _("“%s” is not a valid label key: %s."), key, reason);
}

void
np_validation_check_label_value (NpValidation *v,
                                 const char   *value,
                                 const char   *path,
                                 const NpNode *node)
{
  g_autofree char *reason = NULL;

  if (!np_k8s_check_label_value (value, &reason))
    np_validation_report (v, NP_SEVERITY_ERROR, "invalid-label-value", path, node,
                          _("“%s” is not a valid label value: %s."), value, reason);
}

/* A plain label key is valid for every kind; only the others go to the
 * kind's own check, so that a valid selector costs no path. */
static void
check_selector_key (NpValidation *v, const char *key, const char *path, const NpNode *node)
{
  if (v->selector_key != NULL)
    v->selector_key (v, key, path, node);
  else
    np_validation_check_label_key (v, key, path, node);
}

/* Selectors ---------------------------------------------------------------- */

/* apimachinery ValidateLabelSelectorRequirement */
static void
check_expression (NpValidation *v, const NpNode *term, const char *path, guint index)
{
  g_autofree char *term_path = np_path_join_index (path, "matchExpressions", index);
  const char *key = scalar_at (term, "key");
  const char *op = scalar_at (term, "operator");
  NpNode *values = list_at (term, "values");
  guint n_values = values != NULL ? np_node_get_n_items (values) : 0;

  if (v->requirement_fields != NULL)
    np_validation_check_fields (v, term, term_path, v->requirement_fields);

  if (key == NULL || *key == '\0')
    {
      g_autofree char *key_path = np_path_join (term_path, "key");

      np_validation_report (v, NP_SEVERITY_ERROR, "required", key_path,
                            v->point_at_fields ? np_validation_field_at (term, "key") : term,
                            _("A selector expression needs a key."));
    }
  else if (!np_k8s_check_label_key (key, NULL))
    {
      g_autofree char *key_path = np_path_join (term_path, "key");

      check_selector_key (v, key, key_path, np_validation_at (v, term, "key"));
    }

  if (g_strcmp0 (op, "In") == 0 || g_strcmp0 (op, "NotIn") == 0)
    {
      if (n_values == 0)
        {
          g_autofree char *values_path = np_path_join (term_path, "values");

          np_validation_report (v, NP_SEVERITY_ERROR, "selector-values", values_path,
                                np_validation_at (v, term, "values"),
                                _("The operator %s needs at least one value."), op);
        }
    }
  else if (g_strcmp0 (op, "Exists") == 0 || g_strcmp0 (op, "DoesNotExist") == 0)
    {
      if (n_values > 0)
        {
          g_autofree char *values_path = np_path_join (term_path, "values");

          np_validation_report (v, NP_SEVERITY_ERROR, "selector-values", values_path,
                                np_validation_at (v, term, "values"),
                                _("The operator %s takes no values; remove them."), op);
        }
    }
  else if (op == NULL || *op == '\0')
    {
      g_autofree char *op_path = np_path_join (term_path, "operator");

      np_validation_report (v, NP_SEVERITY_ERROR, "required", op_path,
                            v->point_at_fields ? np_validation_field_at (term, "operator") : term,
                            _("A selector expression needs an operator: In, NotIn, Exists or DoesNotExist."));
    }
  else
    {
      static const char * const operators[] = { "In", "NotIn", "Exists", "DoesNotExist", NULL };
      g_autofree char *op_path = np_path_join (term_path, "operator");
      const char *suggestion = np_suggest_field (op, operators);

      np_validation_report (v, NP_SEVERITY_ERROR, "invalid-operator", op_path, np_validation_at (v, term, "operator"),
                            /* Translators: the first %s is what was written as the operator; the next three %s are empty, or “ (did you mean “”, the suggested operator and “”?)”. */
                            _("“%s” is not an operator%s%s%s: use In, NotIn, Exists or DoesNotExist (they are case-sensitive)."),
                            /* Translators: this and “”?)” enclose a suggested word, such as “ (did you mean “NotIn”?)”, inside a longer message. */
                            op, suggestion ? _(" (did you mean “") : "", suggestion ? suggestion : "", suggestion ? _("”?)") : "");
    }

  /* Values of another type have been reported; null reads as "". */
  for (guint j = 0; j < n_values; j++)
    {
      NpNode *value = np_node_get_item (values, j);

      if (np_node_is_string (value) && !np_k8s_check_label_value (np_node_get_text (value), NULL))
        {
          g_autofree char *values_path = np_path_join (term_path, "values");
          g_autofree char *value_path = np_path_index (values_path, j);

          np_validation_check_label_value (v, np_node_get_text (value), value_path, value);
        }
    }
}

void
np_validation_check_selector (NpValidation *v,
                              const NpNode *node,
                              const char   *path)
{
  NpNode *labels, *expressions;

  if (node == NULL || np_node_get_kind (node) != NP_NODE_MAPPING)
    return;
  labels = np_node_lookup (node, "matchLabels");
  expressions = list_at (node, "matchExpressions");

  if (v->selector_fields != NULL)
    np_validation_check_fields (v, node, path, v->selector_fields);

  if (labels != NULL && np_node_get_kind (labels) == NP_NODE_MAPPING)
    for (guint i = 0; i < np_node_get_n_pairs (labels); i++)
      {
        const char *key = np_node_get_key (labels, i);
        NpNode *value = np_node_get_value (labels, i);
        /* Values of another type have been reported; null reads as "". */
        const char *text = np_node_is_string (value) ? np_node_get_text (value) : NULL;

        if (!np_k8s_check_label_key (key, NULL) || (text != NULL && !np_k8s_check_label_value (text, NULL)))
          {
            g_autofree char *label_path = g_strconcat (path, ".matchLabels.", key, NULL);

            if (!np_k8s_check_label_key (key, NULL))
              check_selector_key (v, key, label_path, np_node_get_key_node (labels, i));
            if (text != NULL)
              np_validation_check_label_value (v, text, label_path, value);
          }
      }

  for (guint i = 0; expressions != NULL && i < np_node_get_n_items (expressions); i++)
    check_expression (v, np_node_get_item (expressions, i), path, i);
}

/* Metadata (apimachinery ValidateObjectMeta) --------------------------------- */

void
np_validation_check_name (NpValidation *v,
                          const NpNode *root,
                          const NpNode *metadata)
{
  const char *name = scalar_at (metadata, "name");
  g_autofree char *reason = NULL;

  if (name == NULL || *name == '\0')
    {
      if (!np_node_is_string (np_node_lookup (metadata, "generateName")))
        np_validation_report (v, NP_SEVERITY_ERROR, "required", "metadata.name", metadata ? metadata : root,
                              _("The policy needs a name (metadata.name)."));
    }
  else if (np_node_is_string (np_node_lookup (metadata, "name")) &&
           !np_k8s_check_dns1123_subdomain (name, &reason))
    np_validation_report (v, NP_SEVERITY_ERROR, "invalid-name", "metadata.name", np_validation_at (v, metadata, "name"),
                          _("“%s” is not a valid name: %s."), name, reason);
}

void
np_validation_check_namespace (NpValidation *v,
                               const NpNode *root,
                               const NpNode *metadata,
                               const char   *missing)
{
  const char *namespace_ = scalar_at (metadata, "namespace");
  g_autofree char *reason = NULL;

  if (namespace_ == NULL || *namespace_ == '\0')
    np_validation_report (v, NP_SEVERITY_WARNING, "no-namespace", "metadata.namespace", metadata ? metadata : root,
                          "%s", missing);
  else if (np_node_is_string (np_node_lookup (metadata, "namespace")) &&
           !np_k8s_check_dns1123_label (namespace_, &reason))
    np_validation_report (v, NP_SEVERITY_ERROR, "invalid-namespace", "metadata.namespace",
                          np_validation_at (v, metadata, "namespace"),
                          _("“%s” is not a valid namespace: %s."), namespace_, reason);
}

void
np_validation_check_string_map (NpValidation *v,
                                const NpNode *map,
                                const char   *path,
                                gboolean      labels)
{
  gsize total = 0;

  if (map == NULL || np_node_is_null (map))
    return;
  if (np_node_get_kind (map) != NP_NODE_MAPPING)
    {
      if (v->object_name != NULL)
        np_validation_report (v, NP_SEVERITY_ERROR, "wrong-type", path, map,
                              /* Translators: the first %s is a field path such as “metadata.labels”; the second a YAML type such as “a list”. */
                              _("%s must be a mapping of strings, not %s."), path, np_node_describe_type (map));
      return;
    }
  for (guint i = 0; i < np_node_get_n_pairs (map); i++)
    {
      const char *key = np_node_get_key (map, i);
      NpNode *value = np_node_get_value (map, i);
      g_autofree char *item_path = np_validation_join (path, key);
      const char *text;

      if (labels)
        np_validation_check_label_key (v, key, item_path, np_node_get_key_node (map, i));
      else
        {
          /* The API server lower-cases annotation keys before checking them. */
          g_autofree char *lower = g_ascii_strdown (key, -1);

          np_validation_check_label_key (v, lower, item_path, np_node_get_key_node (map, i));
        }
      if (!np_node_is_string (value) && !np_node_is_null (value))
        {
          if (v->object_name != NULL)
            np_validation_report (v, NP_SEVERITY_ERROR, "wrong-type", item_path, value,
                                  /* Translators: the first %s is a field path such as “metadata.labels.app”; the second a YAML type such as “a number”. */
                                  _("%s must be a string, not %s (quote it)."), item_path, np_node_describe_type (value));
          continue;
        }
      /* null decodes to the empty string */
      text = np_node_is_null (value) ? "" : np_node_get_text (value);
      total += strlen (key) + strlen (text);
      if (labels)
        np_validation_check_label_value (v, text, item_path, value);
    }
  if (!labels && total > MAX_ANNOTATIONS_SIZE)
    np_validation_report (v, NP_SEVERITY_ERROR, "annotations-too-long", path, map,
                          _("The annotations add up to %llu bytes; the limit is 256 KiB."), (unsigned long long) total);
}
