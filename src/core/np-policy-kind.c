/* np-policy-kind.c: the kinds of policy the editor reads, writes and converts between
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-policy-kind.h"

/* The nicks are the names: one table for the type and the strings. */
G_DEFINE_ENUM_TYPE (NpPolicyKind, np_policy_kind,
  G_DEFINE_ENUM_VALUE (NP_POLICY_KIND_KUBERNETES, "kubernetes"),
  G_DEFINE_ENUM_VALUE (NP_POLICY_KIND_CILIUM, "cilium"),
  G_DEFINE_ENUM_VALUE (NP_POLICY_KIND_CILIUM_CLUSTERWIDE, "cilium-clusterwide"))

/* Other names people type for a kind. */
static const struct {
  const char   *alias;
  NpPolicyKind  kind;
} aliases[] = {
  { "k8s", NP_POLICY_KIND_KUBERNETES },
};

static GEnumClass *
kind_class (void)
{
  static GEnumClass *klass;

  if (g_once_init_enter (&klass))
    g_once_init_leave (&klass, g_type_class_ref (NP_TYPE_POLICY_KIND));
  return klass;
}

const char *
np_policy_kind_to_string (NpPolicyKind kind)
{
  GEnumValue *value = g_enum_get_value (kind_class (), kind);

  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

gboolean
np_policy_kind_from_string (const char   *text,
                            NpPolicyKind *kind)
{
  GEnumValue *value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  value = g_enum_get_value_by_nick (kind_class (), text);
  if (value != NULL)
    {
      *kind = value->value;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].alias, text))
      {
        *kind = aliases[i].kind;
        return TRUE;
      }
  return FALSE;
}
