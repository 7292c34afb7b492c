/* test-policy-kind.c: one enum of policy kinds, with its names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-policy-kind.h"

/* Every kind has the name GSettings ("policy-kind") and `netpol convert
 * --to` use, and reads back from it. */
static void
test_names (void)
{
  static const struct {
    NpPolicyKind  kind;
    const char   *name;
  } kinds[] = {
    { NP_POLICY_KIND_KUBERNETES, "kubernetes" },
    { NP_POLICY_KIND_CILIUM, "cilium" },
    { NP_POLICY_KIND_CILIUM_CLUSTERWIDE, "cilium-clusterwide" },
  };

  g_assert_cmpuint (G_N_ELEMENTS (kinds), ==, NP_N_POLICY_KINDS);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      NpPolicyKind kind = NP_N_POLICY_KINDS;

      g_assert_cmpuint (kinds[i].kind, ==, i);
      g_assert_cmpstr (np_policy_kind_to_string (kinds[i].kind), ==, kinds[i].name);
      g_assert_true (np_policy_kind_from_string (kinds[i].name, &kind));
      g_assert_cmpuint (kind, ==, kinds[i].kind);
    }
}

/* The command line has always taken "k8s" too. */
static void
test_alias (void)
{
  NpPolicyKind kind = NP_POLICY_KIND_CILIUM;

  g_assert_true (np_policy_kind_from_string ("k8s", &kind));
  g_assert_cmpuint (kind, ==, NP_POLICY_KIND_KUBERNETES);
}

/* Anything else is no kind, and leaves the kind as it was. */
static void
test_wrong (void)
{
  static const char * const wrong[] = {
    "", "Kubernetes", "KUBERNETES", "cilium ", "ciliumclusterwide", "cilium_clusterwide",
    "clusterwide", "calico", "NetworkPolicy", "k8", NULL
  };

  for (guint i = 0; wrong[i] != NULL; i++)
    {
      NpPolicyKind kind = NP_POLICY_KIND_CILIUM_CLUSTERWIDE;

      if (np_policy_kind_from_string (wrong[i], &kind))
        g_test_fail_printf ("“%s” reads as kind %u", wrong[i], kind);
      g_assert_cmpuint (kind, ==, NP_POLICY_KIND_CILIUM_CLUSTERWIDE);
    }
  {
    NpPolicyKind kind = NP_POLICY_KIND_CILIUM;

    g_assert_false (np_policy_kind_from_string (NULL, &kind));
    g_assert_cmpuint (kind, ==, NP_POLICY_KIND_CILIUM);
  }
}

/* The GEnum (for properties and signals) has the names as its nicks. */
static void
test_gtype (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (NP_TYPE_POLICY_KIND);

  g_assert_true (G_TYPE_IS_ENUM (NP_TYPE_POLICY_KIND));
  g_assert_cmpuint (klass->n_values, ==, NP_N_POLICY_KINDS);
  for (guint i = 0; i < klass->n_values; i++)
    g_assert_cmpstr (klass->values[i].value_nick, ==, np_policy_kind_to_string (klass->values[i].value));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/policy-kind/names", test_names);
  g_test_add_func ("/policy-kind/alias", test_alias);
  g_test_add_func ("/policy-kind/wrong", test_wrong);
  g_test_add_func ("/policy-kind/gtype", test_gtype);
  return g_test_run ();
}
