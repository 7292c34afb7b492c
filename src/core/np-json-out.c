/* np-json-out.c: findings, verdicts and ratings as JSON, for scripts (`netpol -o json`)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-diagnostic.h"
#include "np-json-out.h"
#include "np-rating.h"

JsonNode *
np_diagnostic_to_json (NpDiagnostic   *diagnostic,
                       NpJsonOutFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (NP_IS_DIAGNOSTIC (diagnostic), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, np_severity_to_string (np_diagnostic_get_severity (diagnostic)));
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, np_diagnostic_get_code (diagnostic));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, np_diagnostic_get_message (diagnostic));
  if (np_diagnostic_get_path (diagnostic) != NULL)
    {
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, np_diagnostic_get_path (diagnostic));
    }
  if (np_diagnostic_get_line (diagnostic) > 0)
    {
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, np_diagnostic_get_line (diagnostic));
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, np_diagnostic_get_column (diagnostic));
    }
  if (np_diagnostic_get_document (diagnostic) >= 0)
    {
      json_builder_set_member_name (builder, "document");
      json_builder_add_int_value (builder, np_diagnostic_get_document (diagnostic));
    }
  if ((flags & NP_JSON_OUT_WITH_FILE) && np_diagnostic_get_file (diagnostic) != NULL)
    {
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, np_diagnostic_get_file (diagnostic));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
np_diagnostics_to_json (GPtrArray      *diagnostics,
                        NpJsonOutFlags  flags)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  g_return_val_if_fail (diagnostics != NULL, NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    json_array_add_element (array, np_diagnostic_to_json (g_ptr_array_index (diagnostics, i), flags));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static void
add_strings (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

JsonNode *
np_side_decision_to_json (const NpSideDecision *side)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (side != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "applies");
  json_builder_add_boolean_value (builder, side->applies);
  json_builder_set_member_name (builder, "isolated");
  json_builder_add_boolean_value (builder, side->isolated);
  json_builder_set_member_name (builder, "allowed");
  json_builder_add_boolean_value (builder, side->allowed);
  add_strings (builder, "policies", side->policies);
  add_strings (builder, "rules", side->rules);
  add_strings (builder, "denied-by", side->denials);
  if (side->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, side->note);
    }
  /* Only when a cluster-wide policy takes part: the output of others stays. */
  if (side->tiers != NULL)
    {
      json_builder_set_member_name (builder, "decided-by");
      json_builder_add_string_value (builder, side->tiers);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
np_verdict_to_json (const NpVerdict *verdict,
                    const char      *from,
                    const char      *to,
                    NpProtocol       protocol,
                    guint            port)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (verdict != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, port);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, np_protocol_to_string (protocol));
  json_builder_set_member_name (builder, "allowed");
  json_builder_add_boolean_value (builder, verdict->allowed);
  json_builder_set_member_name (builder, "egress");
  json_builder_add_value (builder, np_side_decision_to_json (&verdict->egress));
  json_builder_set_member_name (builder, "ingress");
  json_builder_add_value (builder, np_side_decision_to_json (&verdict->ingress));
  add_strings (builder, "notes", verdict->notes);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
np_rating_to_json (NpRating   *rating,
                   const char *kind,
                   const char *name,
                   guint       line)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (NP_IS_RATING (rating), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "name");
  if (name != NULL)
    json_builder_add_string_value (builder, name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, line);
  json_builder_set_member_name (builder, "score");
  json_builder_add_int_value (builder, np_rating_get_score (rating));
  json_builder_set_member_name (builder, "points");
  json_builder_add_int_value (builder, np_rating_get_points (rating));
  json_builder_set_member_name (builder, "max_points");
  json_builder_add_int_value (builder, np_rating_get_max_points (rating));
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < np_rating_get_n_reasons (rating); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, np_rating_get_reason_code (rating, i));
      json_builder_set_member_name (builder, "met");
      json_builder_add_boolean_value (builder, np_rating_get_reason_met (rating, i));
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, np_rating_get_reason_points (rating, i));
      json_builder_set_member_name (builder, "max_points");
      json_builder_add_int_value (builder, np_rating_get_reason_max_points (rating, i));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, np_rating_get_reason_text (rating, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
np_json_out_to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
