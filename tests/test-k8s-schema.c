/* test-k8s-schema.c: one table of NetworkPolicy fields for the writer, the
 * canonical form and the validator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-diagnostic.h"
#include "np-k8s-schema.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"

/* Every object of a NetworkPolicy with every field the model holds, each
 * object's keys written in the reverse of the canonical order (so that
 * putting them in order is the writer's work, not the input's). */
static const char full_policy[] =
  "spec:\n"
  "  egress:\n"
  "  - ports:\n"
  "    - endPort: 9100\n"
  "      port: 9000\n"
  "      protocol: TCP\n"
  "    to:\n"
  "    - ipBlock:\n"
  "        except: [10.1.0.0/16]\n"
  "        cidr: 10.0.0.0/8\n"
  "      namespaceSelector:\n"
  "        matchExpressions:\n"
  "        - values: [prod]\n"
  "          operator: In\n"
  "          key: env\n"
  "        matchLabels: {team: a}\n"
  "      podSelector:\n"
  "        matchLabels: {app: db}\n"
  "  ingress:\n"
  "  - ports:\n"
  "    - endPort: 8100\n"
  "      port: 8000\n"
  "      protocol: UDP\n"
  "    from:\n"
  "    - ipBlock:\n"
  "        except: [192.168.1.0/24]\n"
  "        cidr: 192.168.0.0/16\n"
  "      namespaceSelector:\n"
  "        matchLabels: {team: b}\n"
  "      podSelector:\n"
  "        matchExpressions:\n"
  "        - values: [web]\n"
  "          operator: In\n"
  "          key: app\n"
  "        matchLabels: {tier: front}\n"
  "  policyTypes: [Ingress, Egress]\n"
  "  podSelector:\n"
  "    matchExpressions:\n"
  "    - values: [a, b]\n"
  "      operator: NotIn\n"
  "      key: role\n"
  "    matchLabels: {app: web}\n"
  "metadata:\n"
  "  namespace: shop\n"
  "  name: full\n"
  "kind: NetworkPolicy\n"
  "apiVersion: networking.k8s.io/v1\n";

/* Where each object is found in full_policy (NULL: the root); the ingress
 * side holds the objects the egress side also has, and the other way round. */
static const struct {
  NpK8sObject  object;
  const char  *path;
} places[] = {
  { NP_K8S_OBJECT_POLICY, NULL },
  { NP_K8S_OBJECT_METADATA, "metadata" },
  { NP_K8S_OBJECT_SPEC, "spec" },
  { NP_K8S_OBJECT_SELECTOR, "spec.podSelector" },
  { NP_K8S_OBJECT_REQUIREMENT, "spec.podSelector.matchExpressions[0]" },
  { NP_K8S_OBJECT_INGRESS_RULE, "spec.ingress[0]" },
  { NP_K8S_OBJECT_PEER, "spec.ingress[0].from[0]" },
  { NP_K8S_OBJECT_SELECTOR, "spec.ingress[0].from[0].podSelector" },
  { NP_K8S_OBJECT_REQUIREMENT, "spec.ingress[0].from[0].podSelector.matchExpressions[0]" },
  { NP_K8S_OBJECT_IP_BLOCK, "spec.ingress[0].from[0].ipBlock" },
  { NP_K8S_OBJECT_PORT, "spec.ingress[0].ports[0]" },
  { NP_K8S_OBJECT_EGRESS_RULE, "spec.egress[0]" },
  { NP_K8S_OBJECT_PEER, "spec.egress[0].to[0]" },
  { NP_K8S_OBJECT_SELECTOR, "spec.egress[0].to[0].namespaceSelector" },
  { NP_K8S_OBJECT_REQUIREMENT, "spec.egress[0].to[0].namespaceSelector.matchExpressions[0]" },
  { NP_K8S_OBJECT_IP_BLOCK, "spec.egress[0].to[0].ipBlock" },
  { NP_K8S_OBJECT_PORT, "spec.egress[0].ports[0]" },
};

static NpNode *
object_at (NpNode *root, const char *path)
{
  gboolean exact = FALSE;
  NpNode *node;

  if (path == NULL)
    return root;
  node = np_node_lookup_path (root, path, FALSE, &exact);
  g_assert_true (exact);
  g_assert_cmpint (np_node_get_kind (node), ==, NP_NODE_MAPPING);
  return node;
}

/* @tree has, at every place, exactly the schema's fields in its order. */
static void
assert_schema_order (const char *what, NpNode *tree)
{
  gboolean seen[NP_K8S_N_OBJECTS] = { FALSE };

  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    {
      NpNode *node = object_at (tree, places[p].path);
      const char * const *fields = np_k8s_schema_fields (places[p].object);
      guint n = g_strv_length ((char **) fields);

      seen[places[p].object] = TRUE;
      g_assert_cmpuint (n, >, 0);
      if (np_node_get_n_pairs (node) != n)
        g_test_fail_printf ("%s: %s has %u keys, the schema %u", what,
                            places[p].path ? places[p].path : "the policy", np_node_get_n_pairs (node), n);
      for (guint i = 0; i < n && i < np_node_get_n_pairs (node); i++)
        if (!g_str_equal (np_node_get_key (node, i), fields[i]))
          g_test_fail_printf ("%s: key %u of %s is “%s”, the schema says “%s”", what, i,
                              places[p].path ? places[p].path : "the policy",
                              np_node_get_key (node, i), fields[i]);
    }
  for (guint o = 0; o < NP_K8S_N_OBJECTS; o++)
    g_assert_true (seen[o]);
}

/* @node's keys are the first of @object's fields, in the schema's order,
 * skipping none but the last one. */
static void
assert_keys (NpNode *node, NpK8sObject object)
{
  const char * const *fields = np_k8s_schema_fields (object);

  g_assert_nonnull (node);
  g_assert_cmpuint (np_node_get_n_pairs (node), >=, g_strv_length ((char **) fields) - 1);
  for (guint i = 0; i < np_node_get_n_pairs (node); i++)
    g_assert_cmpstr (np_node_get_key (node, i), ==, fields[i]);
}

/* The writer (from the model, canonical and not) and the canonical form
 * (from the tree) put every object's keys in the schema's order. */
static void
test_writer_order (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (full_policy, -1, diagnostics);
  g_autoptr(NpDiagnostic) syntax = NULL;
  g_autoptr(NpNode) root = np_yaml_parse_one (full_policy, strlen (full_policy), &syntax);
  g_autoptr(NpNode) written = NULL;
  g_autoptr(NpNode) canonical = NULL;
  g_autoptr(NpNode) tree = NULL;
  g_autoptr(NpNode) source_order = NULL;
  g_autoptr(NpPolicy) partial = NULL;
  g_autoptr(NpLabelSelector) selector = np_label_selector_new ();
  g_autoptr(NpNode) added = NULL;
  const char * const types[] = { "Ingress", NULL };

  g_assert_nonnull (policy);
  g_assert_nonnull (root);

  written = np_policy_to_node (policy, NP_CODEC_CANONICAL);
  assert_schema_order ("np_policy_to_node (canonical)", written);
  tree = np_policy_canonical_node (root);
  assert_schema_order ("np_policy_canonical_node", tree);

  /* Without the canonical flag the source's order stays; so the test
   * above is not passed by the input. */
  source_order = np_policy_to_node (policy, NP_CODEC_DEFAULT);
  g_assert_cmpstr (np_node_get_key (source_order, 0), ==, "spec");
  g_assert_true (np_node_equal (source_order, root));

  /* Keys the model adds to a source that lacks them go next to their
   * neighbours in the schema's order. */
  partial = np_policy_new_from_yaml ("apiVersion: networking.k8s.io/v1\n"
                                     "kind: NetworkPolicy\n"
                                     "metadata:\n"
                                     "  namespace: shop\n"
                                     "spec:\n"
                                     "  ingress: []\n", -1, NULL);
  g_assert_nonnull (partial);
  np_policy_set_name (partial, "added");
  np_policy_set_policy_types (partial, types);
  np_policy_set_pod_selector (partial, selector);
  added = np_policy_to_node (partial, NP_CODEC_DEFAULT);
  assert_keys (np_node_lookup (added, "metadata"), NP_K8S_OBJECT_METADATA);
  assert_keys (np_node_lookup (added, "spec"), NP_K8S_OBJECT_SPEC);
}

static guint
count_unknown (NpNode *root, const char *path)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = 0;

  np_policy_validate_node (root, NP_VALIDATE_DEFAULT, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (np_diagnostic_get_code (d), "unknown-field") &&
          (path == NULL || g_strcmp0 (np_diagnostic_get_path (d), path) == 0))
        n++;
    }
  return n;
}

/* The validator knows exactly the schema's known fields: each of them is
 * accepted in its object, a field the schema does not know is reported. */
static void
test_validator_fields (void)
{
  g_autoptr(NpDiagnostic) syntax = NULL;
  g_autoptr(NpNode) clean = np_yaml_parse_one (full_policy, strlen (full_policy), &syntax);

  g_assert_nonnull (clean);
  g_assert_cmpuint (count_unknown (clean, NULL), ==, 0);

  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    {
      const char * const *known = np_k8s_schema_known_fields (places[p].object);
      const char * const *fields = np_k8s_schema_fields (places[p].object);
      g_autofree char *unknown_path = NULL;

      /* The fields the model holds come first among the known ones. */
      for (guint i = 0; fields[i] != NULL; i++)
        g_assert_cmpstr (known[i], ==, fields[i]);

      for (guint i = 0; known[i] != NULL; i++)
        {
          g_autoptr(NpNode) root = np_node_copy (clean);
          NpNode *node = object_at (root, places[p].path);

          if (np_node_lookup (node, known[i]) == NULL)
            np_node_set (node, known[i], np_node_new_null ());
          if (count_unknown (root, NULL) != 0)
            g_test_fail_printf ("“%s” of %s is reported as unknown", known[i],
                                places[p].path ? places[p].path : "the policy");
        }

      {
        g_autoptr(NpNode) root = np_node_copy (clean);
        NpNode *node = object_at (root, places[p].path);

        /* One slip from a known field, and one far from all of them. */
        np_node_set (node, "notAField", np_node_new_null ());
        unknown_path = places[p].path ? g_strconcat (places[p].path, ".notAField", NULL) : g_strdup ("notAField");
        g_assert_cmpuint (count_unknown (root, unknown_path), ==, 1);
        g_assert_cmpuint (count_unknown (root, NULL), ==, 1);
      }
    }
}

static void
test_tables (void)
{
  for (guint o = 0; o < NP_K8S_N_OBJECTS; o++)
    {
      const char * const *known = np_k8s_schema_known_fields (o);

      g_assert_nonnull (np_k8s_schema_fields (o));
      /* No field twice. */
      for (guint i = 0; known[i] != NULL; i++)
        for (guint j = i + 1; known[j] != NULL; j++)
          g_assert_cmpstr (known[i], !=, known[j]);
    }
  g_assert_cmpstr (np_k8s_schema_fields (NP_K8S_OBJECT_PORT)[2], ==, "endPort");
  g_assert_true (g_strv_contains (np_k8s_schema_known_fields (NP_K8S_OBJECT_POLICY), "status"));
  g_assert_false (g_strv_contains (np_k8s_schema_fields (NP_K8S_OBJECT_POLICY), "status"));
  g_assert_true (g_strv_contains (np_k8s_schema_known_fields (NP_K8S_OBJECT_METADATA), "labels"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/k8s-schema/tables", test_tables);
  g_test_add_func ("/k8s-schema/writer-order", test_writer_order);
  g_test_add_func ("/k8s-schema/validator-fields", test_validator_fields);
  return g_test_run ();
}
