/* np-flow-reader.c: reads Hubble flow logs (hubble observe -o json/jsonpb, hubble-exporter)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "np-diagnostic.h"
#include "np-flow-private.h"

/* A field that does not have the type the flow schema gives it. */
typedef struct {
  const char *field;
  const char *expected;
} WrongType;

/* The member @name (protobuf JSON may also use lowerCamelCase: @alt). */
static JsonNode *
member (JsonObject *object, const char *name, const char *alt)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL && alt != NULL)
    node = json_object_get_member (object, alt);
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
get_object (JsonObject *object, const char *name, const char *alt, JsonObject **out, WrongType *wrong)
{
  JsonNode *node = member (object, name, alt);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong->field = name;
      wrong->expected = N_("an object");
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_string (JsonObject *object, const char *name, const char *alt, char **out, WrongType *wrong)
{
  JsonNode *node = member (object, name, alt);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      wrong->field = name;
      wrong->expected = N_("a string");
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* A number, also written as a string (protobuf JSON writes 64-bit numbers so). */
static gboolean
get_uint (JsonObject *object, const char *name, const char *alt, guint64 max, guint64 *out, WrongType *wrong)
{
  JsonNode *node = member (object, name, alt);
  guint64 value;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= 0 && (guint64) json_node_get_int (node) <= max)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, max, &value, NULL))
    {
      *out = value;
      return TRUE;
    }
  wrong->field = name;
  wrong->expected = N_("a number in range");
  return FALSE;
}

static gboolean
get_bool (JsonObject *object, const char *name, const char *alt, gboolean *out, WrongType *wrong)
{
  JsonNode *node = member (object, name, alt);

  if (node == NULL)
    return TRUE;
  /* google.protobuf.BoolValue may also come as {"value": true}. */
  if (JSON_NODE_HOLDS_OBJECT (node))
    return get_bool (json_node_get_object (node), "value", NULL, out, wrong);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      wrong->field = name;
      wrong->expected = N_("true or false");
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A list of strings; items of @item_member when the items are objects. */
static gboolean
get_strings (JsonObject *object, const char *name, const char *alt, char ***out, WrongType *wrong)
{
  JsonNode *node = member (object, name, alt);
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto wrong;
  array = json_node_get_array (node);
  items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        goto wrong;
      g_ptr_array_add (items, g_strdup (json_node_get_string (item)));
    }
  g_ptr_array_add (items, NULL);
  g_strfreev (*out);
  *out = (char **) g_ptr_array_steal (items, NULL);
  return TRUE;

wrong:
  wrong->field = name;
  wrong->expected = N_("a list of strings");
  return FALSE;
}

static gboolean
read_workloads (JsonObject *object, NpFlowEndpoint *endpoint, WrongType *wrong)
{
  JsonNode *node = member (object, "workloads", NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto wrong;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *name = NULL;
      g_autofree char *kind = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          !get_string (json_node_get_object (item), "name", NULL, &name, wrong) ||
          !get_string (json_node_get_object (item), "kind", NULL, &kind, wrong))
        goto wrong;
      g_ptr_array_add (items, g_strdup_printf ("%s/%s", kind ? kind : "", name ? name : ""));
    }
  g_ptr_array_add (items, NULL);
  endpoint->workloads = (char **) g_ptr_array_steal (items, NULL);
  return TRUE;

wrong:
  wrong->field = "workloads";
  wrong->expected = N_("a list of {name, kind} objects");
  return FALSE;
}

static gboolean
read_endpoint (JsonObject *object, NpFlowEndpoint *endpoint, WrongType *wrong)
{
  guint64 identity = 0;

  if (object == NULL)
    return TRUE;
  if (!get_string (object, "namespace", NULL, &endpoint->namespace_, wrong) ||
      !get_string (object, "pod_name", "podName", &endpoint->pod_name, wrong) ||
      !get_strings (object, "labels", NULL, &endpoint->labels, wrong) ||
      !get_uint (object, "identity", NULL, G_MAXUINT32, &identity, wrong) ||
      !read_workloads (object, endpoint, wrong))
    return FALSE;
  endpoint->identity = identity;
  return TRUE;
}

/* Enums come as names or, from some encoders, as numbers. */
static gboolean
get_enum (JsonObject *object, const char *name, const char *alt, const char * const *names,
          char **out, WrongType *wrong)
{
  JsonNode *node = member (object, name, alt);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      g_free (*out);
      *out = value >= 0 && value < (gint64) g_strv_length ((char **) names)
             ? g_strdup (names[value]) : g_strdup_printf ("%" G_GINT64_FORMAT, value);
      return TRUE;
    }
  return get_string (object, name, alt, out, wrong);
}

static const char * const verdict_names[] = {
  "VERDICT_UNKNOWN", "FORWARDED", "DROPPED", "ERROR", "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED", NULL,
};

static const char * const direction_names[] = {
  "TRAFFIC_DIRECTION_UNKNOWN", "INGRESS", "EGRESS", NULL,
};

static gboolean
read_l4 (JsonObject *l4, NpFlow *flow, WrongType *wrong)
{
  static const char * const with_ports[] = { "TCP", "UDP", "SCTP", NULL };
  static const char * const without_ports[] = { "ICMPv4", "ICMPv6", NULL };

  if (l4 == NULL)
    return TRUE;
  for (guint i = 0; with_ports[i] != NULL; i++)
    {
      JsonObject *object;
      guint64 port = 0;

      if (!get_object (l4, with_ports[i], NULL, &object, wrong))
        return FALSE;
      if (object == NULL)
        continue;
      if (!get_uint (object, "destination_port", "destinationPort", 65535, &port, wrong))
        return FALSE;
      flow->protocol = g_strdup (with_ports[i]);
      flow->port = port;
      return TRUE;
    }
  for (guint i = 0; without_ports[i] != NULL; i++)
    {
      JsonObject *object;

      if (!get_object (l4, without_ports[i], NULL, &object, wrong))
        return FALSE;
      if (object != NULL)
        {
          flow->protocol = g_strdup (without_ports[i]);
          return TRUE;
        }
    }
  return TRUE;
}

/* Fills @flow->l7 and records DNS answers (address → name) in @answers. */
static gboolean
read_l7 (JsonObject *l7, NpFlow *flow, GHashTable *answers, WrongType *wrong)
{
  JsonObject *dns, *http;

  if (l7 == NULL)
    return TRUE;
  if (!get_object (l7, "dns", NULL, &dns, wrong) || !get_object (l7, "http", NULL, &http, wrong))
    return FALSE;
  if (dns != NULL)
    {
      g_autofree char *query = NULL;
      g_auto(GStrv) ips = NULL;

      if (!get_string (dns, "query", NULL, &query, wrong) || !get_strings (dns, "ips", NULL, &ips, wrong))
        return FALSE;
      flow->l7 = g_strdup_printf ("DNS %s", query ? query : "");
      if (query != NULL && *query != '\0' && ips != NULL)
        {
          g_autofree char *name = g_strdup (query);
          gsize len = strlen (name);

          if (name[len - 1] == '.')
            name[len - 1] = '\0';
          for (guint i = 0; ips[i] != NULL; i++)
            if (*name != '\0')
              g_hash_table_insert (answers, g_strdup (ips[i]), g_strdup (name));
        }
    }
  else if (http != NULL)
    {
      g_autofree char *method = NULL;
      g_autofree char *url = NULL;

      if (!get_string (http, "method", NULL, &method, wrong) || !get_string (http, "url", NULL, &url, wrong))
        return FALSE;
      flow->l7 = g_strdup_printf ("HTTP %s %s", method ? method : "", url ? url : "");
    }
  return TRUE;
}

static NpFlow *
read_flow (JsonObject *object, GHashTable *answers, WrongType *wrong)
{
  g_autoptr(NpFlow) flow = np_flow_new_empty ();
  JsonObject *ip, *l4, *l7, *source, *destination;
  gboolean reply = FALSE;

  if (!get_object (object, "IP", "ip", &ip, wrong) ||
      !get_object (object, "l4", NULL, &l4, wrong) ||
      !get_object (object, "l7", NULL, &l7, wrong) ||
      !get_object (object, "source", NULL, &source, wrong) ||
      !get_object (object, "destination", NULL, &destination, wrong) ||
      !get_enum (object, "verdict", NULL, verdict_names, &flow->verdict, wrong) ||
      !get_enum (object, "traffic_direction", "trafficDirection", direction_names, &flow->direction, wrong) ||
      !get_bool (object, "is_reply", "isReply", &flow->is_reply, wrong) ||
      !get_bool (object, "reply", NULL, &reply, wrong) ||
      !get_strings (object, "destination_names", "destinationNames", &flow->destination.names, wrong) ||
      !get_strings (object, "source_names", "sourceNames", &flow->source.names, wrong) ||
      !read_endpoint (source, &flow->source, wrong) ||
      !read_endpoint (destination, &flow->destination, wrong) ||
      !read_l4 (l4, flow, wrong) ||
      !read_l7 (l7, flow, answers, wrong))
    return NULL;
  if (ip != NULL &&
      (!get_string (ip, "source", NULL, &flow->source.ip, wrong) ||
       !get_string (ip, "destination", NULL, &flow->destination.ip, wrong)))
    return NULL;
  /* Older Hubble only had the deprecated "reply". */
  if (member (object, "is_reply", "isReply") == NULL)
    flow->is_reply = reply;
  if (flow->direction != NULL && g_str_equal (flow->direction, "TRAFFIC_DIRECTION_UNKNOWN"))
    g_clear_pointer (&flow->direction, g_free);
  return g_steal_pointer (&flow);
}

static gboolean
looks_like_flow (JsonObject *object)
{
  static const char * const keys[] = { "source", "destination", "IP", "l4", "verdict", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    if (json_object_has_member (object, keys[i]))
      return TRUE;
  return FALSE;
}

static void
add_diagnostic (GPtrArray *diagnostics, NpSeverity severity, const char *code, const char *display_name,
                guint line, guint column, const char *message)
{
  NpDiagnostic *d;

  if (diagnostics == NULL)
    return;
  d = np_diagnostic_new (severity, code, NULL, message);
  np_diagnostic_set_file (d, display_name);
  np_diagnostic_set_position (d, line, column);
  g_ptr_array_add (diagnostics, d);
}

/* json-glib's messages start with "<data>:LINE:COL: Parse error: "; the
 * position is given separately, so only the reason is kept. */
static const char *
parse_reason (const char *message)
{
  const char *p = strstr (message, "error: ");

  return p != NULL ? p + strlen ("error: ") : message;
}

/* Hubble flows nest a few levels; json-glib parses recursively, so a
 * hostile line nested much deeper could exhaust the stack. */
#define MAX_DEPTH 64

/* The 1-based column where @text (of @length bytes) nests deeper than
 * MAX_DEPTH, or 0. */
static guint
too_deep_at (const char *text, gsize length)
{
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return i + 1;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return 0;
}

/* The column of "<data>:LINE:COL: ..." */
static guint
parse_column (const char *message)
{
  const char *p = strchr (message, ':');
  guint64 line, column;
  char *end;

  if (p == NULL)
    return 0;
  line = g_ascii_strtoull (p + 1, &end, 10);
  if (end == p + 1 || *end != ':')
    return 0;
  column = g_ascii_strtoull (end + 1, &end, 10);
  (void) line;
  return column <= G_MAXUINT ? (guint) column : 0;
}

static void
apply_answers (NpFlowEndpoint *endpoint, GHashTable *answers)
{
  const char *name;

  if (endpoint->ip == NULL || (endpoint->names != NULL && endpoint->names[0] != NULL))
    return;
  name = g_hash_table_lookup (answers, endpoint->ip);
  if (name == NULL)
    return;
  g_strfreev (endpoint->names);
  endpoint->names = g_new0 (char *, 2);
  endpoint->names[0] = g_strdup (name);
}

GListModel *
np_flow_read_bytes (GBytes     *text,
                    const char *display_name,
                    guint      *n_records,
                    GPtrArray  *diagnostics)
{
  g_autoptr(GPtrArray) flows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GListStore *store = g_list_store_new (NP_TYPE_FLOW);
  const char *data, *end, *p;
  gsize size;
  guint line = 0, records = 0;
  gboolean any_content = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (display_name == NULL)
    display_name = "<flows>";
  data = g_bytes_get_data (text, &size);
  if (data == NULL)
    data = "";
  end = data + size;

  for (p = data; p < end; )
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      gsize length = line_end - p;
      g_autoptr(GError) error = NULL;
      JsonNode *root;
      JsonObject *object, *flow_object;
      WrongType wrong = { NULL, NULL };
      NpFlow *flow;

      guint indent = 0, deep;

      line++;
      if (length > 0 && p[length - 1] == '\r')
        length--;
      while (length > 0 && g_ascii_isspace (*p))
        p++, length--, indent++;
      if (length == 0)
        {
          p = nl != NULL ? nl + 1 : end;
          continue;
        }
      any_content = TRUE;

      if (!g_utf8_validate (p, length, NULL) || memchr (p, '\0', length) != NULL)
        {
          add_diagnostic (diagnostics, NP_SEVERITY_ERROR, "flow-syntax", display_name, line, 1,
                          _("This line is not valid UTF-8 text; it was skipped."));
          p = nl != NULL ? nl + 1 : end;
          continue;
        }
      deep = too_deep_at (p, length);
      if (deep > 0)
        {
          g_autofree char *message = g_strdup_printf (_("This line nests more than %d levels deep; it was skipped."),
                                                      MAX_DEPTH);

          add_diagnostic (diagnostics, NP_SEVERITY_ERROR, "flow-syntax", display_name, line, deep + indent, message);
          p = nl != NULL ? nl + 1 : end;
          continue;
        }
      if (!json_parser_load_from_data (parser, p, length, &error))
        {
          g_autofree char *message = g_strdup_printf (_("This line is not valid JSON (%s); it was skipped."),
                                                      parse_reason (error->message));
          guint column = parse_column (error->message);

          add_diagnostic (diagnostics, NP_SEVERITY_ERROR, "flow-syntax", display_name, line,
                          column > 0 ? column + indent : 1, message);
          p = nl != NULL ? nl + 1 : end;
          continue;
        }
      p = nl != NULL ? nl + 1 : end;

      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          add_diagnostic (diagnostics, NP_SEVERITY_ERROR, "flow-not-object", display_name, line, 1,
                          _("This line is not a JSON object, so it holds no flow; it was skipped."));
          continue;
        }
      object = json_node_get_object (root);
      if (!get_object (object, "flow", NULL, &flow_object, &wrong))
        {
          add_diagnostic (diagnostics, NP_SEVERITY_ERROR, "flow-wrong-type", display_name, line, 1,
                          _("The member “flow” is not an object; the line was skipped."));
          continue;
        }
      if (flow_object == NULL)
        {
          if (!looks_like_flow (object))
            {
              /* node_status, lost_events and the like: not flows, not wrong. */
              add_diagnostic (diagnostics, NP_SEVERITY_INFO, "flow-none", display_name, line, 1,
                              _("This record holds no flow; it was skipped."));
              continue;
            }
          flow_object = object;
        }

      flow = read_flow (flow_object, answers, &wrong);
      if (flow == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The flow's field “%s” should be %s; the line was skipped."),
                                                      wrong.field, _(wrong.expected));

          add_diagnostic (diagnostics, NP_SEVERITY_ERROR, "flow-wrong-type", display_name, line, 1, message);
          continue;
        }
      if (member (flow_object, "source", NULL) == NULL && member (flow_object, "destination", NULL) == NULL &&
          member (flow_object, "IP", "ip") == NULL)
        {
          add_diagnostic (diagnostics, NP_SEVERITY_WARNING, "flow-no-endpoints", display_name, line, 1,
                          _("This flow names neither source nor destination; it was skipped."));
          g_object_unref (flow);
          continue;
        }
      flow->line = line;
      records++;
      g_ptr_array_add (flows, flow);
    }

  if (!any_content)
    add_diagnostic (diagnostics, NP_SEVERITY_WARNING, "flow-empty-file", display_name, 0, 0,
                    _("The file holds no flow records."));

  for (guint i = 0; i < flows->len; i++)
    {
      NpFlow *flow = g_ptr_array_index (flows, i);
      g_autofree char *key = NULL;
      NpFlow *first;

      apply_answers (&flow->source, answers);
      apply_answers (&flow->destination, answers);
      for (guint j = 0; j < 2; j++)
        {
          NpFlowEndpoint *endpoint = j == 0 ? &flow->source : &flow->destination;
          g_autofree char *repeated = np_flow_endpoint_finish (endpoint);

          if (repeated != NULL)
            {
              g_autofree char *message =
                j == 0 ? g_strdup_printf (_("The source lists label “%s” twice with different values; "
                                            "the first value is used."), repeated)
                       : g_strdup_printf (_("The destination lists label “%s” twice with different values; "
                                            "the first value is used."), repeated);

              add_diagnostic (diagnostics, NP_SEVERITY_WARNING, "flow-repeated-label", display_name,
                              flow->line, 1, message);
            }
        }
      key = np_flow_dup_key (flow);
      first = g_hash_table_lookup (seen, key);
      if (first != NULL)
        {
          np_flow_add_count (first, 1);
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), flow);
      g_list_store_append (store, flow);
    }

  if (n_records != NULL)
    *n_records = records;
  return G_LIST_MODEL (store);
}
