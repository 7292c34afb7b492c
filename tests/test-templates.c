/* test-templates.c: the user's template map and its GVariant a{ss} form
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-policy.h"
#include "np-policy.h"
#include "np-template-store.h"

static const char web[] =
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
  "metadata: {name: web, namespace: prod}\n"
  "spec:\n  podSelector: {matchLabels: {app: web}}\n";
static const char db[] =
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
  "metadata: {name: db}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n";

static int changes;

static void
count_change (void)
{
  changes++;
}

static void
test_add_list_roundtrip (void)
{
  g_autoptr(NpTemplateStore) store = np_template_store_new ();
  g_autoptr(NpTemplateStore) again = np_template_store_new ();
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  changes = 0;
  g_signal_connect (store, "changed", G_CALLBACK (count_change), NULL);
  g_assert_true (np_template_store_add (store, "  Web tier ", web, &error));
  g_assert_no_error (error);
  g_assert_true (np_template_store_add (store, "Database", db, &error));
  g_assert_cmpint (changes, ==, 2);

  names = np_template_store_list (store);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Database");
  g_assert_cmpstr (names[1], ==, "Web tier");
  g_assert_cmpstr (np_template_store_get_yaml (store, "Web tier"), ==, web);

  variant = g_variant_ref_sink (np_template_store_to_variant (store));
  g_assert_cmpstr (g_variant_get_type_string (variant), ==, "a{ss}");
  g_assert_cmpuint (g_variant_n_children (variant), ==, 2);
  g_assert_true (np_template_store_load (again, variant, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (np_template_store_get_yaml (again, "Database"), ==, db);
  g_assert_cmpstr (np_template_store_get_yaml (again, "Web tier"), ==, web);

  /* Adding under a used name replaces. */
  g_assert_true (np_template_store_add (again, "Database", web, &error));
  g_assert_cmpstr (np_template_store_get_yaml (again, "Database"), ==, web);
  g_clear_pointer (&names, g_strfreev);
  names = np_template_store_list (again);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
}

static void
test_validation (void)
{
  g_autoptr(NpTemplateStore) store = np_template_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (np_template_store_add (store, "Broken", "metadata: [unclosed\n", &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_YAML);
  /* The message says where the text is wrong. */
  g_assert_nonnull (strstr (error->message, ":1:") ? error->message : strstr (error->message, ":2:"));
  g_clear_error (&error);

  g_assert_false (np_template_store_add (store, "Pod", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_YAML);
  g_clear_error (&error);

  g_assert_false (np_template_store_add (store, "", web, &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (np_template_store_add (store, "   ", web, &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_NAME);
  g_clear_error (&error);

  g_assert_false (np_template_store_validate ("", &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_YAML);
  g_clear_error (&error);
  g_assert_true (np_template_store_validate (db, &error));
  g_assert_no_error (error);

  g_auto(GStrv) names = np_template_store_list (store);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
}

static void
test_rename_remove (void)
{
  g_autoptr(NpTemplateStore) store = np_template_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (np_template_store_add (store, "a", web, NULL));
  g_assert_true (np_template_store_add (store, "b", db, NULL));

  g_assert_false (np_template_store_rename (store, "a", "b", &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (np_template_store_rename (store, "missing", "c", &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (np_template_store_rename (store, "a", " ", &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_NAME);
  g_clear_error (&error);

  g_assert_true (np_template_store_rename (store, "a", "z", &error));
  g_assert_no_error (error);
  g_assert_null (np_template_store_get_yaml (store, "a"));
  g_assert_cmpstr (np_template_store_get_yaml (store, "z"), ==, web);
  /* Renaming to the same name changes nothing. */
  g_assert_true (np_template_store_rename (store, "z", "z", &error));

  g_assert_true (np_template_store_remove (store, "b", &error));
  g_assert_false (np_template_store_remove (store, "b", &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_NOT_FOUND);
  names = np_template_store_list (store);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "z");
}

static void
test_load_bad_variant (void)
{
  g_autoptr(NpTemplateStore) store = np_template_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new_string ("x"));
  g_autoptr(GVariant) with_blank = NULL;
  GVariantBuilder builder;
  g_auto(GStrv) names = NULL;

  g_assert_true (np_template_store_add (store, "keep", web, NULL));
  g_assert_false (np_template_store_load (store, wrong, &error));
  g_assert_error (error, NP_TEMPLATE_STORE_ERROR, NP_TEMPLATE_STORE_ERROR_INVALID_DATA);
  /* A failed load keeps what was there. */
  g_assert_cmpstr (np_template_store_get_yaml (store, "keep"), ==, web);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "  ", web);
  g_variant_builder_add (&builder, "{ss}", "ok", db);
  with_blank = g_variant_ref_sink (g_variant_builder_end (&builder));
  g_assert_true (np_template_store_load (store, with_blank, NULL));
  names = np_template_store_list (store);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "ok");
}

/* A Cilium policy saved as a template opens as a Cilium policy again. */
static void
test_cilium_template (void)
{
  static const char cilium[] =
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumNetworkPolicy\n"
    "metadata:\n"
    "  name: api\n"
    "spec:\n"
    "  endpointSelector:\n"
    "    matchLabels:\n"
    "      app: api\n";
  g_autoptr(NpTemplateStore) store = np_template_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) policy = NULL;
  g_autoptr(GObject) k8s = NULL;

  g_assert_true (np_template_store_add (store, "cilium api", cilium, &error));
  g_assert_no_error (error);
  policy = np_template_store_read_policy (np_template_store_get_yaml (store, "cilium api"), NULL);
  g_assert_true (NP_IS_CILIUM_POLICY (policy));
  g_assert_cmpstr (np_cilium_policy_get_name (NP_CILIUM_POLICY (policy)), ==, "api");

  k8s = np_template_store_read_policy ("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                       "metadata: {name: web}\nspec: {podSelector: {}}\n", NULL);
  g_assert_true (NP_IS_POLICY (k8s));
  g_assert_null (np_template_store_read_policy ("kind: [broken", NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/templates/add-list-roundtrip", test_add_list_roundtrip);
  g_test_add_func ("/templates/validation", test_validation);
  g_test_add_func ("/templates/rename-remove", test_rename_remove);
  g_test_add_func ("/templates/cilium", test_cilium_template);
  g_test_add_func ("/templates/load-bad-variant", test_load_bad_variant);

  return g_test_run ();
}
