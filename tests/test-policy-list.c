/* test-policy-list.c: a manifest's policies as a list model, and how it follows the file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-cilium-policy.h"
#include "np-document.h"
#include "np-manifest.h"
#include "np-policy-list.h"
#include "np-policy.h"

static const char text[] =
  "apiVersion: apps/v1\n"
  "kind: Deployment\n"
  "metadata: {name: shop}\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: web, namespace: prod}\n"
  "spec: {podSelector: {}}\n"
  "---\n"
  "# nothing but a comment\n"
  "---\n"
  "apiVersion: v1\n"
  "kind: List\n"
  "items:\n"
  "- apiVersion: v1\n"
  "  kind: ConfigMap\n"
  "  metadata: {name: c}\n"
  "- apiVersion: networking.k8s.io/v1\n"
  "  kind: NetworkPolicy\n"
  "  metadata: {name: first-item}\n"
  "  spec: {podSelector: {}}\n"
  "- apiVersion: networking.k8s.io/v1\n"
  "  kind: NetworkPolicy\n"
  "  metadata: {name: second-item}\n"
  "  spec: {podSelector: {}}\n"
  "---\n"
  "apiVersion: cilium.io/v2\n"
  "kind: CiliumNetworkPolicy\n"
  "metadata: {name: cilium-one}\n"
  "spec: {endpointSelector: {}}\n"
  "---\n"
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata: {name: broken}\n"
  "spec: [not, a, mapping]\n";

static NpManifest *
load (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  NpManifest *manifest = np_manifest_new ();

  g_assert_true (np_manifest_load_bytes (manifest, bytes, "list.yaml", &error));
  g_assert_no_error (error);
  return manifest;
}

/* What the item at @position is called: a policy's name, or "doc:" and the
 * object kind (or "empty") of a document holding none. */
static char *
describe (GListModel *model, guint position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  if (NP_IS_POLICY (item))
    return g_strdup (np_policy_get_name (NP_POLICY (item)));
  if (NP_IS_CILIUM_POLICY (item))
    return g_strdup_printf ("cilium:%s", np_cilium_policy_get_name (NP_CILIUM_POLICY (item)));
  g_assert_true (NP_IS_DOCUMENT (item));
  if (np_document_get_kind (NP_DOCUMENT (item)) == NP_DOCUMENT_EMPTY)
    return g_strdup ("doc:empty");
  return g_strdup_printf ("doc:%s", np_document_get_object_kind (NP_DOCUMENT (item)));
}

static char *
describe_all (GListModel *model)
{
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autofree char *one = describe (model, i);

      g_string_append_printf (all, "%s%s", i > 0 ? " " : "", one);
    }
  g_assert_null (g_list_model_get_item (model, g_list_model_get_n_items (model)));
  return g_string_free (all, FALSE);
}

static void
test_items (void)
{
  g_autoptr(NpManifest) manifest = load ();
  g_autoptr(NpPolicyList) list = np_policy_list_new (manifest);
  GListModel *model = G_LIST_MODEL (list);
  g_autofree char *all = NULL;
  g_autoptr(GObject) web = NULL;
  g_autoptr(GObject) again = NULL;
  g_autoptr(NpDocument) web_document = NULL;
  g_autoptr(GObject) kept = NULL;

  g_assert_true (np_policy_list_get_manifest (list) == manifest);
  g_assert_true (g_list_model_get_item_type (model) == G_TYPE_OBJECT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  all = describe_all (model);
  g_assert_cmpstr (all, ==, "doc:Deployment web doc:empty first-item second-item cilium:cilium-one doc:NetworkPolicy");

  /* The items are the manifest's own policies, not copies. */
  web = g_list_model_get_item (model, 1);
  again = g_list_model_get_item (model, 1);
  g_assert_true (web == again);
  web_document = g_list_model_get_item (np_manifest_get_documents (manifest), 1);
  kept = g_list_model_get_item (np_document_get_policies (web_document), 0);
  g_assert_true (web == kept);
  g_assert_true (np_manifest_find_document (manifest, web) == web_document);
}

static void
test_find (void)
{
  g_autoptr(NpManifest) manifest = load ();
  g_autoptr(NpPolicyList) list = np_policy_list_new (manifest);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(NpPolicy) stranger = np_policy_new ();
  g_autoptr(NpDocument) list_document = g_list_model_get_item (np_manifest_get_documents (manifest), 3);
  guint position = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (np_policy_list_find (list, item, &position));
      g_assert_cmpuint (position, ==, i);
    }
  g_assert_false (np_policy_list_find (list, stranger, &position));
  g_assert_false (np_policy_list_find (list, NULL, &position));
  /* A document that holds policies is no item: its policies are. */
  g_assert_false (np_policy_list_find (list, list_document, &position));
}

typedef struct {
  guint position, removed, added, count;
} Change;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Change *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static void
assert_change (Change *change, guint position, guint removed, guint added)
{
  g_assert_cmpuint (change->count, ==, 1);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  change->count = 0;
}

static void
test_follows_manifest (void)
{
  g_autoptr(NpManifest) manifest = load ();
  g_autoptr(NpPolicyList) list = np_policy_list_new (manifest);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(NpPolicy) added = np_policy_new ();
  g_autoptr(NpPolicy) replacement = np_policy_new ();
  g_autoptr(NpDocument) list_document = g_list_model_get_item (np_manifest_get_documents (manifest), 3);
  g_autoptr(GObject) web = g_list_model_get_item (model, 1);
  Change change = { 0 };
  g_autofree char *after_add = NULL;
  g_autofree char *after_remove = NULL;
  g_autofree char *after_replace = NULL;
  guint position;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  np_policy_set_name (added, "added");
  np_manifest_add_policy (manifest, added);
  assert_change (&change, 7, 0, 1);
  after_add = describe_all (model);
  g_assert_cmpstr (after_add, ==, "doc:Deployment web doc:empty first-item second-item cilium:cilium-one doc:NetworkPolicy added");
  g_assert_true (np_policy_list_find (list, added, &position));
  g_assert_cmpuint (position, ==, 7);

  /* The List goes with both its policies; what follows moves up. */
  np_manifest_remove_document (manifest, list_document);
  assert_change (&change, 3, 2, 0);
  after_remove = describe_all (model);
  g_assert_cmpstr (after_remove, ==, "doc:Deployment web doc:empty cilium:cilium-one doc:NetworkPolicy added");
  g_assert_true (np_policy_list_find (list, added, &position));
  g_assert_cmpuint (position, ==, 5);

  np_policy_set_name (replacement, "replacement");
  g_assert_true (np_manifest_replace_policy (manifest, web, replacement));
  assert_change (&change, 1, 1, 1);
  after_replace = describe_all (model);
  g_assert_cmpstr (after_replace, ==, "doc:Deployment replacement doc:empty cilium:cilium-one doc:NetworkPolicy added");
  g_assert_false (np_policy_list_find (list, web, &position));

  /* Loading again replaces every item. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("kind: ConfigMap\n", 16);

    change.count = 0;
    g_assert_true (np_manifest_load_bytes (manifest, bytes, "other.yaml", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpuint (change.count, >=, 1);
  }

  g_signal_handlers_disconnect_by_func (list, on_items_changed, &change);
  g_assert_finalize_object (g_steal_pointer (&list));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/policy-list/items", test_items);
  g_test_add_func ("/policy-list/find", test_find);
  g_test_add_func ("/policy-list/follows-manifest", test_follows_manifest);

  return g_test_run ();
}
