/* np-cilium-policy.c: a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-cilium-private.h"
#include "np-diagnostic.h"
#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-selector-requirement.h"

struct _NpCiliumPolicy
{
  GObject     parent_instance;

  NpNode     *root;
  gboolean    clusterwide;
  GListStore *rules;
};

G_DEFINE_FINAL_TYPE (NpCiliumPolicy, np_cilium_policy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLUSTERWIDE,
  PROP_NAME,
  PROP_NAMESPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
np_cilium_policy_dispose (GObject *object)
{
  NpCiliumPolicy *self = NP_CILIUM_POLICY (object);

  g_clear_object (&self->rules);

  G_OBJECT_CLASS (np_cilium_policy_parent_class)->dispose (object);
}

static void
np_cilium_policy_finalize (GObject *object)
{
  NpCiliumPolicy *self = NP_CILIUM_POLICY (object);

  g_clear_pointer (&self->root, np_node_unref);

  G_OBJECT_CLASS (np_cilium_policy_parent_class)->finalize (object);
}

static void
np_cilium_policy_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NpCiliumPolicy *self = NP_CILIUM_POLICY (object);

  switch (prop_id)
    {
    case PROP_CLUSTERWIDE:
      g_value_set_boolean (value, self->clusterwide);
      break;
    case PROP_NAME:
      g_value_set_string (value, np_cilium_policy_get_name (self));
      break;
    case PROP_NAMESPACE:
      g_value_set_string (value, np_cilium_policy_get_namespace (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_cilium_policy_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NpCiliumPolicy *self = NP_CILIUM_POLICY (object);

  switch (prop_id)
    {
    case PROP_CLUSTERWIDE:
      self->clusterwide = g_value_get_boolean (value);
      break;
    case PROP_NAME:
      np_cilium_policy_set_name (self, g_value_get_string (value));
      break;
    case PROP_NAMESPACE:
      np_cilium_policy_set_namespace (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_cilium_policy_class_init (NpCiliumPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_cilium_policy_dispose;
  object_class->finalize = np_cilium_policy_finalize;
  object_class->get_property = np_cilium_policy_get_property;
  object_class->set_property = np_cilium_policy_set_property;

  properties[PROP_CLUSTERWIDE] =
    g_param_spec_boolean ("clusterwide", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAMESPACE] =
    g_param_spec_string ("namespace", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  np_model_new_changed_signal (NP_TYPE_CILIUM_POLICY);
}

static void
np_cilium_policy_init (NpCiliumPolicy *self)
{
  self->rules = g_list_store_new (NP_TYPE_CILIUM_RULE);
}

void
np_cilium_policy_changed (NpCiliumPolicy *policy)
{
  np_model_emit_changed (policy);
}

/* Builds the rule views from the tree. */
static void
read_rules (NpCiliumPolicy *self)
{
  NpNode *spec = np_node_lookup (self->root, "spec");
  NpNode *specs = np_cilium_get_list (self->root, "specs");

  g_list_store_remove_all (self->rules);
  if (!np_cilium_is_absent (spec))
    {
      g_autoptr(NpCiliumRule) rule = np_cilium_rule_new_view (self, spec, -1);

      g_list_store_append (self->rules, rule);
    }
  for (guint i = 0; specs != NULL && i < np_node_get_n_items (specs); i++)
    {
      g_autoptr(NpCiliumRule) rule = np_cilium_rule_new_view (self, np_node_get_item (specs, i), i);

      g_list_store_append (self->rules, rule);
    }
}

NpCiliumPolicy *
np_cilium_policy_new (gboolean clusterwide)
{
  g_autoptr(NpNode) root = np_node_new_mapping ();

  np_node_set (root, "apiVersion", np_node_new_string (NP_CILIUM_API_VERSION));
  np_node_set (root, "kind", np_node_new_string (clusterwide ? NP_CILIUM_CLUSTERWIDE_KIND : NP_CILIUM_KIND));
  np_node_set (root, "metadata", np_node_new_mapping ());
  return np_cilium_policy_new_from_node (root, NULL);
}

/* Reading ---------------------------------------------------------------- */

typedef struct {
  GPtrArray *diagnostics;
  gboolean   failed;
} Reader;

static void
type_error (Reader *reader, const char *path, const NpNode *node, const char *expected)
{
  reader->failed = TRUE;
  if (reader->diagnostics != NULL)
    np_diagnostic_list_add (reader->diagnostics, NP_SEVERITY_ERROR, "wrong-type", path, node,
                            _("%s must be %s, not %s."), path ? path : _("The policy"),
                            expected, np_node_describe_type (node));
}

/* The field path of a value being checked, as a chain on the stack: it is
 * only spelt out for an error, which for a policy that reads is never. */
typedef struct ShapePath ShapePath;
struct ShapePath {
  const ShapePath *parent;
  const char      *key;     /* NULL: [index] */
  guint            index;
};

static void
append_shape_path (GString *out, const ShapePath *path)
{
  if (path->parent != NULL)
    append_shape_path (out, path->parent);
  if (path->key == NULL)
    g_string_append_printf (out, "[%u]", path->index);
  else
    {
      /* a key at the top has no dot before it */
      if (path->parent != NULL)
        g_string_append_c (out, '.');
      g_string_append (out, path->key);
    }
}

/* (transfer full) (nullable) */
static char *
shape_path_string (const ShapePath *path)
{
  GString *out;

  if (path == NULL)
    return NULL;
  out = g_string_new (NULL);
  append_shape_path (out, path);
  return g_string_free (out, FALSE);
}

static void
shape_error (Reader *reader, const ShapePath *at, const NpNode *node, const char *expected)
{
  g_autofree char *path = shape_path_string (at);

  type_error (reader, path, node, expected);
}

/* Container types only: what the views need to be safe. */
static void
check_shape (Reader *reader, const NpNode *node, const NpCsSchema *schema, const ShapePath *path)
{
  if (np_cilium_is_absent (node))
    return;

  switch (schema->kind)
    {
    case NP_CS_ANY:
      break;

    case NP_CS_STRING:
    case NP_CS_INT:
    case NP_CS_BOOL:
    case NP_CS_INT_OR_STRING:
      if (np_node_get_kind (node) != NP_NODE_SCALAR)
        shape_error (reader, path, node, schema->what);
      break;

    case NP_CS_STRING_MAP:
      if (np_node_get_kind (node) != NP_NODE_MAPPING)
        {
          shape_error (reader, path, node, schema->what);
          break;
        }
      for (guint i = 0; i < np_node_get_n_pairs (node); i++)
        if (np_node_get_kind (np_node_get_value (node, i)) != NP_NODE_SCALAR)
          {
            const ShapePath sub = { path, np_node_get_key (node, i), 0 };

            shape_error (reader, &sub, np_node_get_value (node, i), _("a string"));
          }
      break;

    case NP_CS_OBJECT:
      if (np_node_get_kind (node) != NP_NODE_MAPPING)
        {
          shape_error (reader, path, node, schema->what);
          break;
        }
      for (guint i = 0; i < np_node_get_n_pairs (node); i++)
        {
          const NpCsSchema *field = np_cs_lookup (schema, np_node_get_key (node, i));
          const ShapePath sub = { path, np_node_get_key (node, i), 0 };

          if (field != NULL)
            check_shape (reader, np_node_get_value (node, i), field, &sub);
        }
      break;

    case NP_CS_LIST:
      if (np_node_get_kind (node) != NP_NODE_SEQUENCE)
        {
          shape_error (reader, path, node, schema->what);
          break;
        }
      for (guint i = 0; i < np_node_get_n_items (node); i++)
        {
          const ShapePath sub = { path, NULL, i };

          check_shape (reader, np_node_get_item (node, i), schema->items, &sub);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

gboolean
np_cilium_kind_is_clusterwide (const char *kind)
{
  g_autofree char *folded = kind ? g_ascii_strdown (kind, -1) : NULL;

  return folded != NULL && strstr (folded, "clusterwide") != NULL;
}

gboolean
np_cilium_check_node (const NpNode *root,
                      GPtrArray    *diagnostics)
{
  Reader reader = { diagnostics, FALSE };

  g_return_val_if_fail (root != NULL, FALSE);

  if (np_node_get_kind (root) != NP_NODE_MAPPING)
    {
      type_error (&reader, NULL, root, _("a mapping"));
      return FALSE;
    }
  check_shape (&reader, root, &np_cs_policy, NULL);
  return !reader.failed;
}

NpCiliumPolicy *
np_cilium_policy_new_from_node (NpNode    *root,
                                GPtrArray *diagnostics)
{
  NpCiliumPolicy *self;

  g_return_val_if_fail (root != NULL, NULL);

  if (!np_cilium_check_node (root, diagnostics))
    return NULL;

  self = g_object_new (NP_TYPE_CILIUM_POLICY,
                       "clusterwide", np_cilium_kind_is_clusterwide (np_cilium_get_text (root, "kind")),
                       NULL);
  self->root = np_node_ref (root);
  read_rules (self);
  return self;
}

gboolean
np_cilium_policy_update_from_node (NpCiliumPolicy *self,
                                   NpNode         *root,
                                   GPtrArray      *diagnostics)
{
  Reader reader = { diagnostics, FALSE };
  gboolean clusterwide;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  if (np_node_get_kind (root) != NP_NODE_MAPPING)
    {
      type_error (&reader, NULL, root, _("a mapping"));
      return FALSE;
    }
  check_shape (&reader, root, &np_cs_policy, NULL);
  if (reader.failed)
    return FALSE;

  clusterwide = np_cilium_kind_is_clusterwide (np_cilium_get_text (root, "kind"));
  g_object_freeze_notify (G_OBJECT (self));
  np_node_ref (root);
  g_clear_pointer (&self->root, np_node_unref);
  self->root = root;
  read_rules (self);
  if (clusterwide != self->clusterwide)
    {
      self->clusterwide = clusterwide;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTERWIDE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMESPACE]);
  g_object_thaw_notify (G_OBJECT (self));
  np_cilium_policy_changed (self);
  return TRUE;
}

/* Properties --------------------------------------------------------------- */

NpNode *
np_cilium_policy_get_node (NpCiliumPolicy *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);
  return self->root;
}

gboolean
np_cilium_policy_is_clusterwide (NpCiliumPolicy *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), FALSE);
  return self->clusterwide;
}

const char *
np_cilium_policy_get_api_version (NpCiliumPolicy *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);
  return np_cilium_get_text (self->root, "apiVersion");
}

const char *
np_cilium_policy_get_kind (NpCiliumPolicy *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);
  return np_cilium_get_text (self->root, "kind");
}

const char *
np_cilium_policy_get_name (NpCiliumPolicy *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);
  return np_cilium_get_text (np_node_lookup (self->root, "metadata"), "name");
}

static void
set_metadata_string (NpCiliumPolicy *self, const char *key, const char *value, GParamSpec *pspec)
{
  NpNode *metadata = np_node_lookup (self->root, "metadata");

  if (g_strcmp0 (np_cilium_get_text (metadata, key), value) == 0)
    return;
  if (value == NULL && np_cilium_is_absent (metadata))
    return;
  metadata = np_cilium_ensure_mapping (self->root, "metadata");
  np_cilium_set_string (metadata, key, value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  np_cilium_policy_changed (self);
}

void
np_cilium_policy_set_name (NpCiliumPolicy *self,
                           const char     *name)
{
  g_return_if_fail (NP_IS_CILIUM_POLICY (self));
  set_metadata_string (self, "name", name, properties[PROP_NAME]);
}

const char *
np_cilium_policy_get_namespace (NpCiliumPolicy *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);
  return np_cilium_get_text (np_node_lookup (self->root, "metadata"), "namespace");
}

void
np_cilium_policy_set_namespace (NpCiliumPolicy *self,
                                const char     *namespace_)
{
  g_return_if_fail (NP_IS_CILIUM_POLICY (self));
  set_metadata_string (self, "namespace", namespace_, properties[PROP_NAMESPACE]);
}

/* Rules ------------------------------------------------------------------ */

GListModel *
np_cilium_policy_get_rules (NpCiliumPolicy *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);
  return G_LIST_MODEL (self->rules);
}

NpCiliumRule *
np_cilium_policy_add_rule (NpCiliumPolicy *self)
{
  g_autoptr(NpCiliumRule) rule = NULL;
  NpNode *node = np_node_new_mapping ();

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->rules)) == 0 &&
      np_cilium_list_length (self->root, "specs") == 0 &&
      np_node_lookup (self->root, "specs") == NULL)
    {
      np_node_set (self->root, "spec", node);
      rule = np_cilium_rule_new_view (self, node, -1);
      g_list_store_insert (self->rules, 0, rule);
    }
  else
    {
      NpNode *specs = np_cilium_ensure_list (self->root, "specs");

      np_node_append (specs, node);
      rule = np_cilium_rule_new_view (self, node, np_node_get_n_items (specs) - 1);
      g_list_store_append (self->rules, rule);
    }
  np_cilium_policy_changed (self);
  return rule;
}

void
np_cilium_policy_remove_rule (NpCiliumPolicy *self,
                              NpCiliumRule   *rule)
{
  GListModel *rules;
  guint position;
  int index;

  g_return_if_fail (NP_IS_CILIUM_POLICY (self));
  g_return_if_fail (NP_IS_CILIUM_RULE (rule));

  if (!g_list_store_find (self->rules, rule, &position))
    return;

  index = np_cilium_rule_get_index (rule);
  if (index < 0)
    np_node_remove (self->root, "spec");
  else
    {
      NpNode *specs = np_cilium_get_list (self->root, "specs");

      np_node_remove_item (specs, index);
      rules = G_LIST_MODEL (self->rules);
      for (guint i = position + 1; i < g_list_model_get_n_items (rules); i++)
        {
          g_autoptr(NpCiliumRule) later = g_list_model_get_item (rules, i);

          np_cilium_rule_set_index (later, np_cilium_rule_get_index (later) - 1);
        }
    }
  np_cilium_rule_set_index (rule, G_MININT);
  g_list_store_remove (self->rules, position);
  np_cilium_policy_changed (self);
}

void
np_cilium_policy_begin_change (NpCiliumPolicy *self)
{
  g_return_if_fail (NP_IS_CILIUM_POLICY (self));
  np_model_begin_batch (self);
}

void
np_cilium_policy_end_change (NpCiliumPolicy *self)
{
  g_return_if_fail (NP_IS_CILIUM_POLICY (self));
  np_model_end_batch (self);
}

NpCiliumPolicy *
np_cilium_policy_copy (NpCiliumPolicy *self)
{
  g_autoptr(NpNode) copy = NULL;
  NpCiliumPolicy *policy;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);

  copy = np_node_copy (self->root);
  policy = np_cilium_policy_new_from_node (copy, NULL);
  g_assert (policy != NULL);
  return policy;
}

NpNode *
np_cilium_policy_to_node (NpCiliumPolicy *self,
                          gboolean        canonical)
{
  static const char * const first[] = { "apiVersion", "kind", "metadata", "spec", "specs", NULL };
  NpNode *out;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);

  if (!canonical)
    return np_node_copy (self->root);

  out = np_node_new_mapping ();
  for (guint k = 0; first[k] != NULL; k++)
    {
      NpNode *key = np_node_lookup_key (self->root, first[k]);

      if (key != NULL)
        np_node_insert (out, np_node_copy (key), np_node_copy (np_node_lookup (self->root, first[k])));
    }
  for (guint i = 0; i < np_node_get_n_pairs (self->root); i++)
    if (!g_strv_contains (first, np_node_get_key (self->root, i)))
      np_node_insert (out, np_node_copy (np_node_get_key_node (self->root, i)),
                      np_node_copy (np_node_get_value (self->root, i)));
  np_node_set_position (out, np_node_get_line (self->root), np_node_get_column (self->root));
  return out;
}

/* Effective selectors ----------------------------------------------------- */

#define POD_NAMESPACE_K8S "k8s:" NP_CILIUM_POD_NAMESPACE_KEY
#define POD_NAMESPACE_ANY "any:" NP_CILIUM_POD_NAMESPACE_KEY

static char *
with_source (const char *key)
{
  g_autofree char *source = NULL;

  np_cilium_split_label_key (key, &source);
  return source != NULL ? g_strdup (key) : g_strconcat ("any:", key, NULL);
}

static gboolean
selector_has_key (NpLabelSelector *selector, const char *key, gboolean prefix)
{
  GListModel *terms = np_label_selector_get_requirements (selector);

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      const char *k = np_selector_requirement_get_key (term);

      if (prefix ? g_str_has_prefix (k, key) : g_str_equal (k, key))
        return TRUE;
    }
  return FALSE;
}

NpLabelSelector *
np_cilium_policy_effective_selector (NpCiliumPolicy  *self,
                                     NpCiliumRule    *rule,
                                     NpLabelSelector *selector,
                                     gboolean         peer)
{
  NpLabelSelector *out;
  GListModel *terms;
  const char *namespace_;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (self), NULL);
  g_return_val_if_fail (rule == NULL || NP_IS_CILIUM_RULE (rule), NULL);
  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (selector), NULL);

  out = np_label_selector_new ();
  terms = np_label_selector_get_requirements (selector);
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      g_autofree char *key = with_source (np_selector_requirement_get_key (term));

      if (np_selector_requirement_is_label (term))
        np_label_selector_set_label (out, key, np_selector_requirement_get_value (term));
      else
        np_label_selector_add_expression (out, key, np_selector_requirement_get_operator (term),
                                          np_selector_requirement_get_values (term));
    }

  namespace_ = self->clusterwide ? NULL : np_cilium_policy_get_namespace (self);

  if (!peer)
    {
      /* The rule applies in the policy's namespace, whatever it says. */
      if (namespace_ != NULL)
        {
          GListStore *store = G_LIST_STORE (np_label_selector_get_requirements (out));

          for (guint i = g_list_model_get_n_items (G_LIST_MODEL (store)); i > 0; i--)
            {
              g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (G_LIST_MODEL (store), i - 1);

              if (np_selector_requirement_is_label (term) &&
                  g_str_equal (np_selector_requirement_get_key (term), POD_NAMESPACE_K8S))
                g_list_store_remove (store, i - 1);
            }
          np_label_selector_set_label (out, POD_NAMESPACE_K8S, namespace_);
        }
      return out;
    }

  if (selector_has_key (out, "reserved:", TRUE))
    return out;
  if (selector_has_key (out, POD_NAMESPACE_K8S, FALSE) || selector_has_key (out, POD_NAMESPACE_ANY, FALSE))
    return out;

  if (self->clusterwide)
    {
      g_autoptr(NpLabelSelector) subject = rule != NULL ? np_cilium_rule_get_endpoint_selector (rule) : NULL;
      gboolean matches_init = FALSE;

      if (subject != NULL)
        {
          GListModel *subject_terms = np_label_selector_get_requirements (subject);

          for (guint i = 0; i < g_list_model_get_n_items (subject_terms); i++)
            {
              g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (subject_terms, i);

              if (g_str_equal (np_selector_requirement_get_key (term), "reserved:init"))
                matches_init = TRUE;
            }
        }
      if (!matches_init)
        np_label_selector_add_expression (out, POD_NAMESPACE_K8S, "Exists", NULL);
    }
  else if (namespace_ != NULL &&
           !selector_has_key (out, "k8s:" NP_CILIUM_NAMESPACE_LABELS, TRUE) &&
           !selector_has_key (out, "any:" NP_CILIUM_NAMESPACE_LABELS, TRUE))
    np_label_selector_set_label (out, POD_NAMESPACE_K8S, namespace_);
  return out;
}
