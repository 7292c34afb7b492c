/* test-json-out.c: findings, verdicts and ratings as JSON, the shape `netpol -o json` prints
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-diagnostic.h"
#include "np-inventory.h"
#include "np-json-out.h"
#include "np-manifest.h"
#include "np-rating.h"
#include "np-test-util.h"
#include "np-traffic.h"

/* The member names of @object, in order, joined by commas. */
static char *
member_names (JsonObject *object)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", (char *) l->data);
  return g_strdup (names->str);
}

static void
test_diagnostic (void)
{
  g_autoptr(NpDiagnostic) full = np_diagnostic_new (NP_SEVERITY_ERROR, "invalid-cidr",
                                                    "spec.ingress[0].from[0].ipBlock.cidr", "Not a CIDR.");
  g_autoptr(NpDiagnostic) bare = np_diagnostic_new (NP_SEVERITY_INFO, "allows-all", NULL, "Allows all.");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) with_file = NULL;
  g_autoptr(JsonNode) bare_node = NULL;
  g_autofree char *names = NULL;
  JsonObject *object;

  np_diagnostic_set_file (full, "policy.yaml");
  np_diagnostic_set_position (full, 12, 7);
  np_diagnostic_set_document (full, 2);

  node = np_diagnostic_to_json (full, NP_JSON_OUT_DEFAULT);
  object = json_node_get_object (node);
  names = member_names (object);
  /* The file is left to whoever groups the findings by file. */
  g_assert_cmpstr (names, ==, "severity,code,message,path,line,column,document");
  g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, "invalid-cidr");
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, "Not a CIDR.");
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, "spec.ingress[0].from[0].ipBlock.cidr");
  g_assert_cmpint (json_object_get_int_member (object, "line"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (object, "column"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (object, "document"), ==, 2);

  with_file = np_diagnostic_to_json (full, NP_JSON_OUT_WITH_FILE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (with_file), "file"), ==, "policy.yaml");

  /* What is not known is left out, not written as null or 0. */
  bare_node = np_diagnostic_to_json (bare, NP_JSON_OUT_WITH_FILE);
  g_clear_pointer (&names, g_free);
  names = member_names (json_node_get_object (bare_node));
  g_assert_cmpstr (names, ==, "severity,code,message");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (bare_node), "severity"), ==, "info");
}

static void
test_diagnostics (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  empty = np_diagnostics_to_json (diagnostics, NP_JSON_OUT_DEFAULT);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (empty));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty)), ==, 0);

  g_ptr_array_add (diagnostics, np_diagnostic_new (NP_SEVERITY_WARNING, "one", NULL, "First."));
  g_ptr_array_add (diagnostics, np_diagnostic_new (NP_SEVERITY_ERROR, "two", "spec", "Second."));
  np_diagnostic_set_file (g_ptr_array_index (diagnostics, 1), "b.yaml");
  node = np_diagnostics_to_json (diagnostics, NP_JSON_OUT_WITH_FILE);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "code"), ==, "one");
  g_assert_false (json_object_has_member (json_array_get_object_element (array, 0), "file"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "file"), ==, "b.yaml");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "severity"), ==,
                   "error");
}

static const char cluster[] =
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
  "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
  "    spec:\n      containers: [{name: c, image: x}]\n---\n"
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace: shop}\n"
  "spec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n"
  "    spec:\n      containers: [{name: c, image: x}]\n---\n"
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-in, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 5432}]\n";

/* The JSON of one decision on @cluster, checked against the verdict itself. */
static void
check_verdict (NpEvaluator *evaluator, NpInventory *inventory, guint port, gboolean allowed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *names = NULL;
  NpEndpoint source, destination;
  JsonObject *object, *ingress, *egress;
  JsonArray *policies;

  g_assert_true (np_traffic_resolve_endpoint (inventory, "shop/web", &source, &error));
  g_assert_true (np_traffic_resolve_endpoint (inventory, "shop/db", &destination, &error));
  verdict = np_evaluator_decide (evaluator, &source, &destination, NP_PROTOCOL_UDP, port);
  g_assert_cmpint (verdict->allowed, ==, allowed);

  node = np_verdict_to_json (verdict, "shop/web", "shop/db", NP_PROTOCOL_UDP, port);
  object = json_node_get_object (node);
  names = member_names (object);
  g_assert_cmpstr (names, ==, "from,to,port,protocol,allowed,egress,ingress,notes");
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "shop/web");
  g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, "shop/db");
  g_assert_cmpint (json_object_get_int_member (object, "port"), ==, port);
  g_assert_cmpstr (json_object_get_string_member (object, "protocol"), ==, "UDP");
  g_assert_cmpint (json_object_get_boolean_member (object, "allowed"), ==, allowed);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "notes")), ==,
                    verdict->notes->len);

  egress = json_object_get_object_member (object, "egress");
  g_clear_pointer (&names, g_free);
  names = member_names (egress);
  /* "note" only when the verdict has one (here: no policy selects web for egress). */
  g_assert_cmpstr (names, ==, verdict->egress.note != NULL ? "applies,isolated,allowed,policies,rules,denied-by,note"
                                                           : "applies,isolated,allowed,policies,rules,denied-by");
  if (verdict->egress.note != NULL)
    g_assert_cmpstr (json_object_get_string_member (egress, "note"), ==, verdict->egress.note);
  g_assert_false (json_object_get_boolean_member (egress, "isolated"));
  g_assert_true (json_object_get_boolean_member (egress, "allowed"));

  ingress = json_object_get_object_member (object, "ingress");
  g_assert_true (json_object_get_boolean_member (ingress, "applies"));
  g_assert_true (json_object_get_boolean_member (ingress, "isolated"));
  g_assert_cmpint (json_object_get_boolean_member (ingress, "allowed"), ==, verdict->ingress.allowed);
  policies = json_object_get_array_member (ingress, "policies");
  g_assert_cmpuint (json_array_get_length (policies), ==, verdict->ingress.policies->len);
  g_assert_cmpuint (json_array_get_length (policies), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (policies, 0), ==, verdict->ingress.policies->pdata[0]);
  g_assert_nonnull (strstr (json_array_get_string_element (policies, 0), "db-in"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ingress, "rules")), ==,
                    verdict->ingress.rules != NULL ? verdict->ingress.rules->len : 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ingress, "rules")), ==,
                    allowed ? 1 : 0);
  g_assert_cmpint (json_object_has_member (ingress, "note"), ==, verdict->ingress.note != NULL);
}

static void
test_verdict (void)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (cluster, strlen (cluster));
  g_autoptr(NpEvaluator) evaluator = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", NULL));
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  /* The rule says TCP: UDP 5432 is denied, by the isolation alone. */
  check_verdict (evaluator, inventory, 5432, FALSE);
}

static void
test_verdict_allowed (void)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GString) text = g_string_new (cluster);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;

  g_assert_cmpuint (g_string_replace (text, "[{port: 5432}]", "[{port: 5432, protocol: UDP}]", 1), ==, 1);
  bytes = g_bytes_new (text->str, text->len);
  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", NULL));
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  check_verdict (evaluator, inventory, 5432, TRUE);
}

static const char rated[] =
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-in, namespace: shop}\n"
  "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n"
  "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n";

static void
test_rating (void)
{
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (rated, strlen (rated));
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GObject) policy = NULL;
  g_autoptr(NpRating) rating = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) unnamed = NULL;
  g_autofree char *names = NULL;
  JsonObject *object;
  JsonArray *reasons;

  g_assert_true (np_manifest_load_bytes (manifest, bytes, "rated.yaml", NULL));
  policies = np_manifest_list_policies (manifest);
  policy = g_list_model_get_item (policies, 0);
  rating = np_rating_new (policy);

  node = np_rating_to_json (rating, "NetworkPolicy", "db-in", 3);
  object = json_node_get_object (node);
  names = member_names (object);
  g_assert_cmpstr (names, ==, "kind,name,line,score,points,max_points,reasons");
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "NetworkPolicy");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "db-in");
  g_assert_cmpint (json_object_get_int_member (object, "line"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "score"), ==, np_rating_get_score (rating));
  g_assert_cmpint (json_object_get_int_member (object, "points"), ==, np_rating_get_points (rating));
  g_assert_cmpint (json_object_get_int_member (object, "max_points"), ==, np_rating_get_max_points (rating));
  reasons = json_object_get_array_member (object, "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, np_rating_get_n_reasons (rating));
  g_assert_cmpuint (json_array_get_length (reasons), >, 0);
  for (guint i = 0; i < np_rating_get_n_reasons (rating); i++)
    {
      JsonObject *reason = json_array_get_object_element (reasons, i);

      g_clear_pointer (&names, g_free);
      names = member_names (reason);
      g_assert_cmpstr (names, ==, "code,met,points,max_points,message");
      g_assert_cmpstr (json_object_get_string_member (reason, "code"), ==, np_rating_get_reason_code (rating, i));
      g_assert_cmpint (json_object_get_boolean_member (reason, "met"), ==, np_rating_get_reason_met (rating, i));
      g_assert_cmpint (json_object_get_int_member (reason, "points"), ==, np_rating_get_reason_points (rating, i));
      g_assert_cmpint (json_object_get_int_member (reason, "max_points"), ==,
                       np_rating_get_reason_max_points (rating, i));
      g_assert_cmpstr (json_object_get_string_member (reason, "message"), ==,
                       np_rating_get_reason_text (rating, i));
    }

  /* A policy without a name is rated too: its name is null. */
  unnamed = np_rating_to_json (rating, "NetworkPolicy", NULL, 1);
  g_assert_true (json_object_get_null_member (json_node_get_object (unnamed), "name"));
}

static void
test_to_text (void)
{
  g_autoptr(NpDiagnostic) diagnostic = np_diagnostic_new (NP_SEVERITY_WARNING, "code", NULL, "“Quoted” text.");
  g_autoptr(JsonNode) node = np_diagnostic_to_json (diagnostic, NP_JSON_OUT_DEFAULT);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = np_json_out_to_text (node);

  /* Indented for people, and read back the same by scripts. */
  g_assert_true (g_str_has_prefix (text, "{\n  \"severity\" : \"warning\""));
  g_assert_false (g_str_has_suffix (text, "\n"));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  g_assert_true (json_node_equal (json_parser_get_root (parser), node));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-out/diagnostic", test_diagnostic);
  g_test_add_func ("/json-out/diagnostics", test_diagnostics);
  g_test_add_func ("/json-out/verdict", test_verdict);
  g_test_add_func ("/json-out/verdict-allowed", test_verdict_allowed);
  g_test_add_func ("/json-out/rating", test_rating);
  g_test_add_func ("/json-out/to-text", test_to_text);

  return g_test_run ();
}
