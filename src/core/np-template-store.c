/* np-template-store.c: the user's policy templates, a name → YAML map kept as GVariant a{ss}
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "np-cilium-policy.h"
#include "np-diagnostic.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-template-store.h"
#include "np-yaml.h"

struct _NpTemplateStore
{
  GObject     parent_instance;

  GTree      *templates;  /* name → YAML, both owned */
};

G_DEFINE_FINAL_TYPE (NpTemplateStore, np_template_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (np-template-store-error-quark, np_template_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
np_template_store_finalize (GObject *object)
{
  NpTemplateStore *self = NP_TEMPLATE_STORE (object);

  g_clear_pointer (&self->templates, g_tree_unref);

  G_OBJECT_CLASS (np_template_store_parent_class)->finalize (object);
}

static void
np_template_store_class_init (NpTemplateStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = np_template_store_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return g_utf8_collate (a, b);
}

static GTree *
new_tree (void)
{
  return g_tree_new_full (compare_names, NULL, g_free, g_free);
}

static void
np_template_store_init (NpTemplateStore *self)
{
  self->templates = new_tree ();
}

NpTemplateStore *
np_template_store_new (void)
{
  return g_object_new (NP_TYPE_TEMPLATE_STORE, NULL);
}

/* Trims @name; NULL after setting @error when nothing is left. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_NAME,
                           _("A template needs a name."));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

/* A template's policy: a NetworkPolicy, or a CiliumNetworkPolicy or
 * CiliumClusterwideNetworkPolicy (the kind says which). */
gpointer
np_template_store_read_policy (const char *yaml,
                               GPtrArray  *diagnostics)
{
  g_autoptr(NpNode) root = NULL;
  g_autoptr(NpDiagnostic) syntax = NULL;
  NpNode *kind;

  g_return_val_if_fail (yaml != NULL, NULL);

  root = np_yaml_parse_one (yaml, strlen (yaml), &syntax);
  if (root == NULL)
    {
      if (syntax != NULL && diagnostics != NULL)
        g_ptr_array_add (diagnostics, g_steal_pointer (&syntax));
      return NULL;
    }
  kind = np_node_lookup (root, "kind");
  if (kind != NULL && g_str_has_prefix (np_node_get_text (kind) ? np_node_get_text (kind) : "", "Cilium"))
    return np_cilium_policy_new_from_node (root, diagnostics);
  return np_policy_new_from_yaml (yaml, -1, diagnostics);
}

gboolean
np_template_store_validate (const char  *yaml,
                            GError     **error)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GObject) policy = NULL;

  if (yaml == NULL || *yaml == '\0')
    {
      g_set_error_literal (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_YAML,
                           _("The template is empty."));
      return FALSE;
    }
  policy = np_template_store_read_policy (yaml, diagnostics);
  if (policy != NULL && NP_IS_POLICY (policy))
    {
      g_autoptr(NpNode) root = np_yaml_parse_one (yaml, strlen (yaml), NULL);
      NpNode *kind = root != NULL ? np_node_lookup (root, "kind") : NULL;

      /* The reader is lenient about the kind; a template must say it. */
      if (kind == NULL || g_strcmp0 (np_node_get_text (kind), "NetworkPolicy") != 0)
        {
          g_set_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_YAML,
                       _("The template is no NetworkPolicy: its kind is “%s”."),
                       kind != NULL && np_node_get_text (kind) != NULL ? np_node_get_text (kind) : "");
          return FALSE;
        }
    }
  if (policy == NULL)
    {
      g_autofree char *reason = diagnostics->len > 0 ?
                                np_diagnostic_format (g_ptr_array_index (diagnostics, 0)) :
                                g_strdup (_("it is no NetworkPolicy"));

      g_set_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_YAML,
                   _("The template is no readable NetworkPolicy: %s"), reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
np_template_store_load (NpTemplateStore  *self,
                        GVariant         *variant,
                        GError          **error)
{
  g_autoptr(GTree) templates = NULL;
  GVariantIter iter;
  const char *name, *yaml;

  g_return_val_if_fail (NP_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (variant != NULL, FALSE);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE ("a{ss}")))
    {
      g_set_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_DATA,
                   _("Templates are stored as a{ss}, not as %s."), g_variant_get_type_string (variant));
      return FALSE;
    }
  templates = new_tree ();
  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &yaml))
    {
      g_autofree char *clean = clean_name (name, NULL);

      /* A nameless entry cannot be shown nor deleted: drop it. */
      if (clean != NULL)
        g_tree_replace (templates, g_steal_pointer (&clean), g_strdup (yaml));
    }
  g_clear_pointer (&self->templates, g_tree_unref);
  self->templates = g_steal_pointer (&templates);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
add_entry (gpointer key,
           gpointer value,
           gpointer data)
{
  g_variant_builder_add (data, "{ss}", key, value);
  return FALSE;
}

GVariant *
np_template_store_to_variant (NpTemplateStore *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (NP_IS_TEMPLATE_STORE (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_tree_foreach (self->templates, add_entry, &builder);
  return g_variant_builder_end (&builder);
}

static gboolean
add_name (gpointer key,
          gpointer value,
          gpointer data)
{
  g_strv_builder_add (data, key);
  return FALSE;
}

GStrv
np_template_store_list (NpTemplateStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (NP_IS_TEMPLATE_STORE (self), NULL);

  g_tree_foreach (self->templates, add_name, builder);
  return g_strv_builder_end (builder);
}

const char *
np_template_store_get_yaml (NpTemplateStore *self,
                            const char      *name)
{
  g_return_val_if_fail (NP_IS_TEMPLATE_STORE (self), NULL);

  return name != NULL ? g_tree_lookup (self->templates, name) : NULL;
}

gboolean
np_template_store_add (NpTemplateStore  *self,
                       const char       *name,
                       const char       *yaml,
                       GError          **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (NP_IS_TEMPLATE_STORE (self), FALSE);

  clean = clean_name (name, error);
  if (clean == NULL || !np_template_store_validate (yaml, error))
    return FALSE;
  g_tree_replace (self->templates, g_steal_pointer (&clean), g_strdup (yaml));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
find (NpTemplateStore  *self,
      const char       *name,
      GError          **error)
{
  if (name == NULL || g_tree_lookup (self->templates, name) == NULL)
    {
      g_set_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_NOT_FOUND,
                   _("There is no template “%s”."), name != NULL ? name : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
np_template_store_rename (NpTemplateStore  *self,
                          const char       *old_name,
                          const char       *new_name,
                          GError          **error)
{
  g_autofree char *clean = NULL;
  char *yaml;

  g_return_val_if_fail (NP_IS_TEMPLATE_STORE (self), FALSE);

  if (!find (self, old_name, error))
    return FALSE;
  clean = clean_name (new_name, error);
  if (clean == NULL)
    return FALSE;
  if (g_str_equal (clean, old_name))
    return TRUE;
  if (g_tree_lookup (self->templates, clean) != NULL)
    {
      g_set_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_EXISTS,
                   _("There is a template “%s” already."), clean);
      return FALSE;
    }
  yaml = g_strdup (g_tree_lookup (self->templates, old_name));
  g_tree_remove (self->templates, old_name);
  g_tree_replace (self->templates, g_steal_pointer (&clean), yaml);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
np_template_store_remove (NpTemplateStore  *self,
                          const char       *name,
                          GError          **error)
{
  g_return_val_if_fail (NP_IS_TEMPLATE_STORE (self), FALSE);

  if (!find (self, name, error))
    return FALSE;
  g_tree_remove (self->templates, name);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}
