/* np-template-store.h: the user's policy templates, a name → YAML map kept as GVariant a{ss}
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TEMPLATE_STORE_ERROR (np_template_store_error_quark ())

typedef enum {
  NP_TEMPLATE_STORE_ERROR_INVALID_NAME, /* empty, or only spaces */
  NP_TEMPLATE_STORE_ERROR_INVALID_YAML, /* not one readable NetworkPolicy */
  NP_TEMPLATE_STORE_ERROR_EXISTS,       /* rename onto a name in use */
  NP_TEMPLATE_STORE_ERROR_NOT_FOUND,
  NP_TEMPLATE_STORE_ERROR_INVALID_DATA, /* a stored value of the wrong type */
} NpTemplateStoreError;

GQuark np_template_store_error_quark (void);

#define NP_TYPE_TEMPLATE_STORE (np_template_store_get_type ())
G_DECLARE_FINAL_TYPE (NpTemplateStore, np_template_store, NP, TEMPLATE_STORE, GObject)

/* Templates are kept sorted by name. Signal "changed" after every change. */
NpTemplateStore *np_template_store_new          (void);

/* Replaces the content with @variant (type a{ss}; entries whose YAML is
 * no policy are kept, so nothing the user saved is lost silently, but
 * np_template_store_validate() reports them). */
gboolean         np_template_store_load         (NpTemplateStore  *self,
                                                 GVariant         *variant,
                                                 GError          **error);
/* (transfer floating) type a{ss} */
GVariant        *np_template_store_to_variant   (NpTemplateStore  *self);

/* (transfer full) the names, sorted */
GStrv            np_template_store_list         (NpTemplateStore  *self);
/* (transfer none) (nullable) */
const char      *np_template_store_get_yaml     (NpTemplateStore  *self,
                                                 const char       *name);
/* Adds or replaces @name after checking @yaml is one NetworkPolicy; the
 * name is trimmed. */
gboolean         np_template_store_add          (NpTemplateStore  *self,
                                                 const char       *name,
                                                 const char       *yaml,
                                                 GError          **error);
gboolean         np_template_store_rename       (NpTemplateStore  *self,
                                                 const char       *old_name,
                                                 const char       *new_name,
                                                 GError          **error);
gboolean         np_template_store_remove       (NpTemplateStore  *self,
                                                 const char       *name,
                                                 GError          **error);
/* The policy a template's @yaml holds: an NpPolicy, or an NpCiliumPolicy
 * when its kind is a Cilium one; NULL with the reasons in @diagnostics.
 * (transfer full) (nullable) */
gpointer         np_template_store_read_policy  (const char       *yaml,
                                                 GPtrArray        *diagnostics);
/* Whether @yaml is one policy a template may hold (a NetworkPolicy, a
 * CiliumNetworkPolicy or a CiliumClusterwideNetworkPolicy); the error says
 * line, column and what is wrong. */
gboolean         np_template_store_validate     (const char       *yaml,
                                                 GError          **error);

G_END_DECLS
