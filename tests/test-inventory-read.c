/* test-inventory-read.c: reading a text into an inventory while it parses, against the manifest path
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * np_inventory_add_bytes() builds each document's policy models beside the
 * parsing of the next documents (np_manifest_load_bytes_each()), models
 * that no document keeps nor watches. What it reads must be what
 * np_inventory_add_manifest() reads from the same text loaded by
 * np_manifest_load_bytes(): every workload, namespace, policy, Service,
 * Ingress and warning, in the same order, and the same connectivity list.
 * A text that does not parse adds nothing, though some of its documents
 * were read before the error.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cluster-policy.h"
#include "np-connlist.h"
#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-yaml.h"

/* Namespaces with and without labels (one only implied), the same
 * labels on two namespaces, workloads of every kind (a CronJob, pods grouped under an owner,
 * a pod of the same name twice, the same labels in two namespaces), named and numbered ports (init containers
 * left out, a port out of range), policies with matchExpressions, empty
 * selectors, named ports, ipBlocks, a List of policies, a Cilium policy,
 * an AdminNetworkPolicy, a Service with a port of the wrong type, an
 * Ingress, documents that are no policy or not readable. */
static const char tricky[] =
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: a, env: prod}}\n"
  "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: dup, labels: {team: a, env: prod}}\n"
  "---\n# a comment only\n"
  "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
  "spec:\n  template:\n    metadata: {labels: {app: web, tier: edge}}\n"
  "    spec:\n      initContainers: [{name: i, ports: [{containerPort: 9999, name: init}]}]\n"
  "      containers:\n      - name: c\n        ports: [{containerPort: 8080, name: http}, {containerPort: 70000},"
  " {containerPort: '53', protocol: UDP, name: dns}]\n"
  "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: dup}\n"
  "spec: {template: {metadata: {labels: {app: web, tier: edge}}, spec: {containers: [{name: c}]}}}\n"
  "---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: other}\n"
  "spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: batch}}, spec: {containers: [{name: c}]}}}}}\n"
  "---\napiVersion: v1\nkind: List\nitems:\n"
  "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: api-1\n    namespace: shop\n    labels: {app: api}\n"
  "    ownerReferences: [{kind: ReplicaSet, name: api-rs, controller: true}]\n"
  "  spec: {containers: [{name: c, ports: [{containerPort: 5432, name: pg}]}]}\n"
  "  status: {podIPs: [{ip: 10.0.0.1}]}\n"
  "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: api-2\n    namespace: shop\n    labels: {app: api}\n"
  "    ownerReferences: [{kind: ReplicaSet, name: api-rs, controller: true}]\n"
  "  spec: {containers: [{name: c, ports: [{containerPort: 5432, name: pg}]}]}\n"
  "  status: {podIP: 10.0.0.2}\n"
  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: lone}\nspec: {containers: [{name: c}]}\n"
  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: lone}\nspec: {containers: [{name: c}]}\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\n"
  "spec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: exprs, namespace: shop}\n"
  "spec:\n  podSelector: {matchExpressions: [{key: tier, operator: In, values: [edge, front]},"
  " {key: legacy, operator: DoesNotExist}]}\n"
  "  ingress:\n  - from:\n    - namespaceSelector: {matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}\n"
  "      podSelector: {matchLabels: {app: api}}\n    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n"
  "    ports: [{port: http}, {protocol: UDP, port: 53, endPort: 60}]\n"
  "  egress:\n  - to: [{namespaceSelector: {}}]\n    ports: [{port: pg}]\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n"
  "- metadata: {name: in-list, namespace: other}\n  spec: {podSelector: {matchLabels: {app: batch}}, ingress: [{}]}\n"
  "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: not-a-policy}\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: unreadable, namespace: shop}\n"
  "spec: {podSelector: 12, ingress: nope}\n"
  "---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cil, namespace: shop}\n"
  "spec: {endpointSelector: {matchLabels: {app: web}}, ingress: [{fromEndpoints: [{matchLabels: {app: api}}]}]}\n"
  "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: admin}\n"
  "spec:\n  priority: 5\n  subject: {namespaces: {matchLabels: {team: a}}}\n"
  "  ingress: [{name: r, action: Deny, from: [{namespaces: {matchLabels: {env: dev}}}]}]\n"
  "---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\n"
  "spec: {selector: {app: api}, ports: [{port: 80, targetPort: pg}, {port: [1]}]}\n"
  "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: in, namespace: shop}\n"
  "spec: {defaultBackend: {service: {name: api, port: {number: 80}}}}\n"
  "---\n- just\n- a list\n";

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
append_map (GString *out, GHashTable *map)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (map == NULL)
    {
      g_string_append (out, " (none)");
      return;
    }
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (out, " %s=%s", (char *) keys->pdata[i],
                            (char *) g_hash_table_lookup (map, keys->pdata[i]));
}

static void
append_policy (GString *out, const NpInventoryPolicy *p)
{
  g_autoptr(NpNode) node = NULL;

  if (NP_IS_POLICY (p->policy))
    node = np_policy_to_node (NP_POLICY (p->policy), NP_CODEC_CANONICAL);
  else if (NP_IS_CILIUM_POLICY (p->policy))
    node = np_cilium_policy_to_node (NP_CILIUM_POLICY (p->policy), TRUE);
  else
    node = np_cluster_policy_to_node (NP_CLUSTER_POLICY (p->policy));
  g_string_append_printf (out, "policy %s %s:%u node:%d\n", G_OBJECT_TYPE_NAME (p->policy), p->file, p->line,
                          p->node != NULL ? (int) np_node_get_line (p->node) : -1);
  np_yaml_write_append (out, node, NULL, 0);
}

/* Everything @inventory holds, as text, in its order. */
static char *
dump (NpInventory *inventory)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) namespaces = np_inventory_get_namespaces (inventory);
  GPtrArray *warnings = np_inventory_get_warnings (inventory);

  for (guint i = 0; namespaces[i] != NULL; i++)
    {
      g_string_append_printf (out, "namespace %s:", namespaces[i]);
      append_map (out, np_inventory_get_namespace_labels (inventory, namespaces[i]));
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < np_inventory_get_n_workloads (inventory); i++)
    {
      const NpWorkload *w = np_inventory_get_workload (inventory, i);

      g_string_append_printf (out, "workload %s %s %s %s %s:%u labels:", w->display, w->namespace_, w->name,
                              w->kind, w->file, w->line);
      append_map (out, w->labels);
      for (guint p = 0; p < w->ports->len; p++)
        {
          const NpContainerPort *port = w->ports->pdata[p];

          g_string_append_printf (out, " port:%s/%u/%s", port->name ? port->name : "-", port->port, port->protocol);
        }
      for (guint p = 0; p < w->pods->len; p++)
        g_string_append_printf (out, " pod:%s", (char *) w->pods->pdata[p]);
      for (guint p = 0; p < w->ips->len; p++)
        g_string_append_printf (out, " ip:%s", (char *) w->ips->pdata[p]);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    append_policy (out, np_inventory_get_policy (inventory, i));
  for (guint i = 0; i < np_inventory_get_n_cluster_policies (inventory); i++)
    append_policy (out, np_inventory_get_cluster_policy (inventory, i));
  for (guint i = 0; i < np_inventory_get_n_services (inventory); i++)
    {
      const NpService *s = np_inventory_get_service (inventory, i);

      g_string_append_printf (out, "service %s/%s %s:%u ports:%u selector:", s->namespace_, s->name, s->file,
                              s->line, s->ports->len);
      append_map (out, s->selector);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < np_inventory_get_n_exposers (inventory); i++)
    {
      const NpExposer *e = np_inventory_get_exposer (inventory, i);

      g_string_append_printf (out, "exposer %d %s/%s %s:%u backends:%u\n", e->kind, e->namespace_, e->name,
                              e->file, e->line, e->backends->len);
    }
  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (out, "warning %s\n", (char *) warnings->pdata[i]);
  g_string_append_printf (out, "all policies %u\n", np_inventory_count_all_policies (inventory));
  return g_string_free (out, FALSE);
}

static char *
connectivity (NpInventory *inventory)
{
  g_autoptr(NpEvaluator) evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  g_autoptr(NpConnlist) list = np_connlist_compute_focused (evaluator, NULL);

  return np_connlist_to_string (list, NP_CONNLIST_TEXT);
}

/* @text read by np_inventory_add_bytes() and by the manifest path. */
static void
check_same_read (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(NpInventory) streamed = np_inventory_new ();
  g_autoptr(NpInventory) whole = np_inventory_new ();
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *streamed_dump = NULL;
  g_autofree char *whole_dump = NULL;
  g_autofree char *streamed_list = NULL;
  g_autofree char *whole_list = NULL;

  g_assert_true (np_inventory_add_bytes (streamed, bytes, "tricky.yaml", &error));
  g_assert_no_error (error);
  g_assert_true (np_manifest_load_bytes (manifest, bytes, "tricky.yaml", &error));
  g_assert_no_error (error);
  np_inventory_add_manifest (whole, manifest);

  streamed_dump = dump (streamed);
  whole_dump = dump (whole);
  g_assert_cmpstr (streamed_dump, ==, whole_dump);
  streamed_list = connectivity (streamed);
  whole_list = connectivity (whole);
  g_assert_cmpstr (streamed_list, ==, whole_list);
}

/* Into an inventory that already holds a file, the documents are added
 * once the text parsed (not as they are read): the same again. */
static void
check_same_second_read (const char *first, const char *second)
{
  g_autoptr(GBytes) first_bytes = g_bytes_new_static (first, strlen (first));
  g_autoptr(GBytes) second_bytes = g_bytes_new_static (second, strlen (second));
  g_autoptr(NpInventory) streamed = np_inventory_new ();
  g_autoptr(NpInventory) whole = np_inventory_new ();
  g_autoptr(NpManifest) first_manifest = np_manifest_new ();
  g_autoptr(NpManifest) second_manifest = np_manifest_new ();
  g_autofree char *streamed_dump = NULL;
  g_autofree char *whole_dump = NULL;

  g_assert_true (np_inventory_add_bytes (streamed, first_bytes, "first.yaml", NULL));
  g_assert_true (np_inventory_add_bytes (streamed, second_bytes, "second.yaml", NULL));
  g_assert_true (np_manifest_load_bytes (first_manifest, first_bytes, "first.yaml", NULL));
  g_assert_true (np_manifest_load_bytes (second_manifest, second_bytes, "second.yaml", NULL));
  np_inventory_add_manifest (whole, first_manifest);
  np_inventory_add_manifest (whole, second_manifest);
  streamed_dump = dump (streamed);
  whole_dump = dump (whole);
  g_assert_cmpstr (streamed_dump, ==, whole_dump);
  g_assert_nonnull (strstr (streamed_dump, "second.yaml"));
}

static void
test_same_as_manifest (void)
{
  g_autofree char *twice = g_strconcat (tricky, "---\n", tricky, NULL);

  check_same_read (tricky);
  /* Again after itself: workloads met twice are one, policies twice. */
  check_same_read (twice);
  check_same_second_read (tricky, tricky);
  /* Only a namespace first: the inventory is no longer empty. */
  check_same_second_read ("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: b}}\n", tricky);
}

/* The read covers what the test means to: workloads of every source, the
 * policies read and the unreadable one left out, Services and warnings. */
static void
test_tricky_content (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (tricky, strlen (tricky));
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "tricky.yaml", &error));
  text = dump (inventory);
  if (g_test_verbose ()) g_printerr ("%s", text);
  g_assert_nonnull (strstr (text, "workload shop/web[Deployment]"));
  g_assert_nonnull (strstr (text, "port:http/8080/TCP port:dns/53/UDP pod:web\n"));
  g_assert_null (strstr (text, "9999"));
  g_assert_nonnull (strstr (text, "workload shop/api-rs[ReplicaSet]"));
  g_assert_nonnull (strstr (text, "pod:api-1 pod:api-2 ip:10.0.0.1 ip:10.0.0.2"));
  g_assert_nonnull (strstr (text, "workload other/nightly[CronJob]"));
  g_assert_nonnull (strstr (text, "workload dup/web[Deployment]"));
  g_assert_nonnull (strstr (text, "pod:lone pod:lone"));
  g_assert_nonnull (strstr (text, "namespace dup: env=prod kubernetes.io/metadata.name=dup team=a"));
  g_assert_nonnull (strstr (text, "namespace other: kubernetes.io/metadata.name=other\n"));
  g_assert_cmpuint (np_inventory_get_n_policies (inventory), ==, 4);
  g_assert_cmpuint (np_inventory_get_n_cluster_policies (inventory), ==, 1);
  g_assert_nonnull (strstr (text, "name: in-list"));
  g_assert_null (strstr (text, "name: unreadable"));
  g_assert_cmpuint (np_inventory_get_n_services (inventory), ==, 1);
  g_assert_cmpuint (np_inventory_get_n_exposers (inventory), ==, 1);
  g_assert_cmpuint (np_inventory_get_warnings (inventory)->len, >, 0);
}

/* A syntax error after documents already read: the same error as the
 * manifest's, and the inventory as it was. */
static void
test_parse_error_adds_nothing (void)
{
  g_autofree char *text = g_strconcat (tricky, "---\nkind: [unclosed\n", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) good = g_bytes_new_static (tricky, strlen (tricky));
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) manifest_error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Into an empty inventory, where the documents go as they are read. */
  {
    g_autoptr(NpInventory) empty = np_inventory_new ();
    g_autoptr(NpInventory) fresh = np_inventory_new ();
    g_autoptr(GError) empty_error = NULL;
    g_autofree char *empty_dump = NULL;
    g_autofree char *fresh_dump = dump (fresh);
    g_autofree char *again_dump = NULL;
    g_autofree char *fresh_good_dump = NULL;

    g_assert_false (np_inventory_add_bytes (empty, bytes, "bad.yaml", &empty_error));
    g_assert_error (empty_error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE);
    empty_dump = dump (empty);
    g_assert_cmpstr (empty_dump, ==, fresh_dump);
    g_assert_cmpuint (np_inventory_get_n_workloads (empty), ==, 0);
    /* And it reads a good text afterwards as a new one does. */
    g_assert_true (np_inventory_add_bytes (empty, good, "good.yaml", NULL));
    g_assert_true (np_inventory_add_bytes (fresh, good, "good.yaml", NULL));
    again_dump = dump (empty);
    fresh_good_dump = dump (fresh);
    g_assert_cmpstr (again_dump, ==, fresh_good_dump);
  }

  g_assert_true (np_inventory_add_bytes (inventory, good, "good.yaml", &error));
  before = dump (inventory);
  g_assert_false (np_inventory_add_bytes (inventory, bytes, "bad.yaml", &error));
  g_assert_error (error, NP_MANIFEST_ERROR, NP_MANIFEST_ERROR_PARSE);
  g_assert_false (np_manifest_load_bytes (manifest, bytes, "bad.yaml", &manifest_error));
  g_assert_cmpstr (error->message, ==, manifest_error->message);
  after = dump (inventory);
  g_assert_cmpstr (before, ==, after);
}

typedef struct {
  guint      calls;
  GPtrArray *lines;  /* guint per call: the document's line */
} Seen;

static void
on_document (NpDocument *document, guint index, gpointer user_data)
{
  Seen *seen = user_data;

  g_assert_cmpuint (index, ==, seen->calls);
  seen->calls++;
  g_ptr_array_add (seen->lines, GUINT_TO_POINTER (np_document_get_line (document)));
}

/* Counts the changes that add documents. */
static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  if (added > 0)
    (*(guint *) user_data)++;
}

/* np_manifest_load_bytes_each(): the documents np_manifest_load_bytes()
 * makes, each handed out once, in order; a parse error as it reports it. */
static void
test_load_bytes_each (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (tricky, strlen (tricky));
  g_autoptr(NpManifest) each = np_manifest_new ();
  g_autoptr(NpManifest) whole = np_manifest_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) each_text = NULL;
  g_autoptr(GBytes) whole_text = NULL;
  Seen seen = { 0, lines };
  guint changes = 0;
  GListModel *documents;

  g_signal_connect (np_manifest_get_documents (each), "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (np_manifest_load_bytes_each (each, bytes, "t.yaml", on_document, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (np_manifest_load_bytes (whole, bytes, "t.yaml", &error));
  documents = np_manifest_get_documents (each);
  g_assert_cmpuint (seen.calls, ==, g_list_model_get_n_items (documents));
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==,
                    g_list_model_get_n_items (np_manifest_get_documents (whole)));
  for (guint i = 0; i < seen.calls; i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      g_assert_cmpuint (GPOINTER_TO_UINT (lines->pdata[i]), ==, np_document_get_line (document));
    }
  g_assert_cmpuint (np_manifest_count_policies (each), ==, np_manifest_count_policies (whole));
  g_assert_false (np_manifest_get_modified (each));
  g_assert_cmpstr (np_manifest_get_display_name (each), ==, "t.yaml");
  each_text = np_manifest_to_bytes (each);
  whole_text = np_manifest_to_bytes (whole);
  g_assert_true (g_bytes_equal (each_text, whole_text));
  /* Its documents, connected while read, still mark it modified. */
  {
    g_autoptr(NpDocument) last = g_list_model_get_item (documents, seen.calls - 1);

    np_document_set_modified (last, TRUE);
    g_assert_true (np_manifest_get_modified (each));
  }

  {
    static const char bad[] = "kind: Namespace\nmetadata: {name: a}\n---\nkind: [unclosed\n";
    g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, strlen (bad));
    g_autoptr(GError) each_error = NULL;
    g_autoptr(GError) whole_error = NULL;

    g_assert_false (np_manifest_load_bytes_each (each, bad_bytes, "b.yaml", on_document, &seen, &each_error));
    g_assert_false (np_manifest_load_bytes (whole, bad_bytes, "b.yaml", &whole_error));
    g_assert_cmpstr (each_error->message, ==, whole_error->message);
    g_assert_cmpuint (g_list_model_get_n_items (np_manifest_get_documents (each)), ==, 0);
    g_assert_nonnull (np_manifest_get_parse_diagnostic (each));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/inventory-read/same-as-manifest", test_same_as_manifest);
  g_test_add_func ("/inventory-read/tricky-content", test_tricky_content);
  g_test_add_func ("/inventory-read/parse-error-adds-nothing", test_parse_error_adds_nothing);
  g_test_add_func ("/inventory-read/load-bytes-each", test_load_bytes_each);
  return g_test_run ();
}
