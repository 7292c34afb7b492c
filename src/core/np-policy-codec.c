/* np-policy-codec.c: NetworkPolicy data trees to model objects and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-diagnostic.h"
#include "np-ip-block.h"
#include "np-k8s-schema.h"
#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-node-private.h"
#include "np-policy-codec.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"
#include "np-yaml.h"

/* Reading ---------------------------------------------------------------- */

typedef struct {
  GPtrArray *diagnostics;
  gboolean   failed;
  gboolean   build;     /* FALSE: only check that the tree reads */
} Reader;

typedef NpNodePath Path;

#define KEY(parent, k)   (&(const Path) { (parent), (k), 0 })
#define INDEX(parent, i) (&(const Path) { (parent), NULL, (i) })


/* @path NULL: the object itself */
static void
type_error (Reader *reader, const Path *at, const NpNode *node, const char *expected)
{
  g_autofree char *path = NULL;

  reader->failed = TRUE;
  if (reader->diagnostics == NULL)
    return;
  path = np_node_path_to_string (at);
  np_diagnostic_list_add (reader->diagnostics, NP_SEVERITY_ERROR, "wrong-type", path, node,
                          _("%s must be %s, not %s."), path ? path : _("The policy"),
                          expected, np_node_describe_type (node));
}

/* Go's JSON decoder leaves a field alone when it reads null: for our
 * purposes null and absent read the same. */
static gboolean
is_absent (const NpNode *node)
{
  return node == NULL || np_node_is_null (node);
}

static gboolean
read_string (Reader *reader, const NpNode *node, const Path *path, char **out)
{
  if (out != NULL)
    *out = NULL;
  if (is_absent (node))
    return TRUE;
  if (!np_node_is_string (node))
    {
      type_error (reader, path, node, _("a string"));
      return FALSE;
    }
  if (out != NULL)
    *out = g_strdup (np_node_get_text (node));
  return TRUE;
}

static gboolean
expect_mapping (Reader *reader, const NpNode *node, const Path *path)
{
  if (np_node_get_kind (node) == NP_NODE_MAPPING)
    return TRUE;
  type_error (reader, path, node, _("a mapping"));
  return FALSE;
}

static gboolean
expect_sequence (Reader *reader, const NpNode *node, const Path *path)
{
  if (is_absent (node) || np_node_get_kind (node) == NP_NODE_SEQUENCE)
    return TRUE;
  type_error (reader, path, node, _("a list"));
  return FALSE;
}

/* (transfer full) a NULL-terminated vector, or NULL when absent */
static char **
read_string_list (Reader *reader, const NpNode *node, const Path *path)
{
  GPtrArray *items;

  if (is_absent (node) || !expect_sequence (reader, node, path))
    return NULL;

  items = reader->build ? g_ptr_array_new () : NULL;
  for (guint i = 0; i < np_node_get_n_items (node); i++)
    {
      NpNode *item = np_node_get_item (node, i);

      if (!np_node_is_string (item))
        type_error (reader, INDEX (path, i), item, _("a string"));
      else if (items != NULL)
        g_ptr_array_add (items, g_strdup (np_node_get_text (item)));
    }
  if (items == NULL)
    return NULL;
  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (items, FALSE);
}

static NpLabelSelector *
read_selector (Reader *reader, NpNode *node, const Path *path)
{
  g_autoptr(NpLabelSelector) selector = reader->build ? np_label_selector_new () : NULL;
  GListStore *store = selector ? G_LIST_STORE (np_label_selector_get_requirements (selector)) : NULL;
  NpNode *labels, *expressions;

  if (selector != NULL)
    np_model_set_source (selector, node);
  if (np_node_is_null (node))
    return g_steal_pointer (&selector);
  if (!expect_mapping (reader, node, path))
    return NULL;

  labels = np_node_lookup (node, "matchLabels");
  if (!is_absent (labels))
    {
      const Path *labels_path = KEY (path, "matchLabels");

      if (expect_mapping (reader, labels, labels_path))
        for (guint i = 0; i < np_node_get_n_pairs (labels); i++)
          {
            NpNode *value = np_node_get_value (labels, i);
            const char *key = np_node_get_key (labels, i);
            g_autoptr(NpSelectorRequirement) term = NULL;

            if (!is_absent (value) && !np_node_is_string (value))
              {
                type_error (reader, KEY (labels_path, key), value, _("a string (quote values such as \"true\" or \"80\")"));
                continue;
              }
            if (store == NULL)
              continue;
            term = np_selector_requirement_new_label (key, is_absent (value) ? "" : np_node_get_text (value));
            np_model_set_source (term, value);
            g_list_store_append (store, term);
          }
    }

  expressions = np_node_lookup (node, "matchExpressions");
  if (!is_absent (expressions))
    {
      const Path *exprs_path = KEY (path, "matchExpressions");

      if (expect_sequence (reader, expressions, exprs_path))
        for (guint i = 0; i < np_node_get_n_items (expressions); i++)
          {
            NpNode *item = np_node_get_item (expressions, i);
            const Path *item_path = INDEX (exprs_path, i);
            const Path *key_path = KEY (item_path, "key");
            const Path *op_path = KEY (item_path, "operator");
            const Path *values_path = KEY (item_path, "values");
            g_autofree char *key = NULL;
            g_autofree char *op = NULL;
            g_auto(GStrv) values = NULL;
            g_autoptr(NpSelectorRequirement) term = NULL;

            if (!is_absent (item))
              {
                if (!expect_mapping (reader, item, item_path))
                  continue;
                read_string (reader, np_node_lookup (item, "key"), key_path, store ? &key : NULL);
                read_string (reader, np_node_lookup (item, "operator"), op_path, store ? &op : NULL);
                values = read_string_list (reader, np_node_lookup (item, "values"), values_path);
              }
            if (store == NULL)
              continue;
            /* An expression always has an operator, if only "" (absent):
             * NULL would make it a matchLabels entry. */
            term = np_selector_requirement_new_expression (key ? key : "", op ? op : "",
                                                           (const char * const *) values);
            np_model_set_source (term, item);
            g_list_store_append (store, term);
          }
    }

  return g_steal_pointer (&selector);
}

static NpIpBlock *
read_ip_block (Reader *reader, NpNode *node, const Path *path)
{
  const Path *cidr_path = KEY (path, "cidr");
  const Path *except_path = KEY (path, "except");
  g_autofree char *cidr = NULL;
  g_auto(GStrv) except = NULL;
  NpIpBlock *block;

  if (!expect_mapping (reader, node, path))
    return NULL;
  read_string (reader, np_node_lookup (node, "cidr"), cidr_path, reader->build ? &cidr : NULL);
  except = read_string_list (reader, np_node_lookup (node, "except"), except_path);
  if (!reader->build)
    return NULL;
  block = np_ip_block_new (cidr, (const char * const *) except);
  np_model_set_source (block, node);
  return block;
}

static NpPolicyPeer *
read_peer (Reader *reader, NpNode *node, const Path *path)
{
  g_autoptr(NpPolicyPeer) peer = reader->build ? np_policy_peer_new () : NULL;
  NpNode *value;

  if (peer != NULL)
    np_model_set_source (peer, node);
  if (np_node_is_null (node))
    return g_steal_pointer (&peer);
  if (!expect_mapping (reader, node, path))
    return NULL;

  if (!is_absent (value = np_node_lookup (node, "podSelector")))
    {
      const Path *sub = KEY (path, "podSelector");
      g_autoptr(NpLabelSelector) selector = read_selector (reader, value, sub);

      if (selector && peer)
        np_policy_peer_set_pod_selector (peer, selector);
    }
  if (!is_absent (value = np_node_lookup (node, "namespaceSelector")))
    {
      const Path *sub = KEY (path, "namespaceSelector");
      g_autoptr(NpLabelSelector) selector = read_selector (reader, value, sub);

      if (selector && peer)
        np_policy_peer_set_namespace_selector (peer, selector);
    }
  if (!is_absent (value = np_node_lookup (node, "ipBlock")))
    {
      const Path *sub = KEY (path, "ipBlock");
      g_autoptr(NpIpBlock) block = read_ip_block (reader, value, sub);

      if (block && peer)
        np_policy_peer_set_ip_block (peer, block);
    }
  return g_steal_pointer (&peer);
}

static gboolean
looks_integral (const char *text)
{
  if (*text == '-' || *text == '+')
    text++;
  if (*text == '\0')
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_isdigit (*text) && *text != '_')
      return FALSE;
  return TRUE;
}

/* The API's integers are 32-bit: a larger one fails to decode. */
static gboolean
read_int32 (Reader *reader, const NpNode *node, const Path *at, gint64 *out)
{
  g_autofree char *path = NULL;

  if (np_node_get_int (node, out) && *out >= G_MININT32 && *out <= G_MAXINT32)
    return TRUE;

  reader->failed = TRUE;
  if (reader->diagnostics == NULL)
    return FALSE;
  path = np_node_path_to_string (at);
  if (np_node_get_kind (node) == NP_NODE_SCALAR &&
      (np_node_get_scalar_type (node) == NP_SCALAR_INT ||
       (np_node_get_scalar_type (node) == NP_SCALAR_FLOAT && looks_integral (np_node_get_text (node)))))
    g_ptr_array_add (reader->diagnostics,
                     np_diagnostic_new_at_node (NP_SEVERITY_ERROR, "wrong-type", path, node,
                                                _("%s is %s, far too large a number: a port is 1 to 65535."),
                                                path, np_node_get_text (node)));
  else
    type_error (reader, at, node, _("a whole number"));
  return FALSE;
}

static NpPolicyPort *
read_port (Reader *reader, NpNode *node, const Path *path)
{
  g_autoptr(NpPolicyPort) port = reader->build ? np_policy_port_new () : NULL;
  const Path *protocol_path = KEY (path, "protocol");
  const Path *port_path = KEY (path, "port");
  const Path *end_path = KEY (path, "endPort");
  g_autofree char *protocol = NULL;
  NpNode *value;
  gint64 number;

  if (port != NULL)
    np_model_set_source (port, node);
  if (np_node_is_null (node))
    return g_steal_pointer (&port);
  if (!expect_mapping (reader, node, path))
    return NULL;

  if (read_string (reader, np_node_lookup (node, "protocol"), protocol_path, port ? &protocol : NULL) && protocol)
    np_policy_port_set_protocol (port, protocol);

  value = np_node_lookup (node, "port");
  if (!is_absent (value))
    {
      /* IntOrString: a number, or a (named) port as a string. */
      if (np_node_is_string (value))
        {
          if (port != NULL)
            np_policy_port_set_port_name (port, np_node_get_text (value));
        }
      else if (np_node_get_kind (value) == NP_NODE_SCALAR &&
               (np_node_get_scalar_type (value) == NP_SCALAR_INT ||
                (np_node_get_scalar_type (value) == NP_SCALAR_FLOAT &&
                 looks_integral (np_node_get_text (value)))))
        {
          if (read_int32 (reader, value, port_path, &number) && port != NULL)
            np_policy_port_set_port_number (port, number);
        }
      else
        type_error (reader, port_path, value, _("a port number or a port name"));
    }

  value = np_node_lookup (node, "endPort");
  if (!is_absent (value) && read_int32 (reader, value, end_path, &number) && port != NULL)
    np_policy_port_set_end_port (port, number);

  return g_steal_pointer (&port);
}

static NpPolicyRule *
read_rule (Reader *reader, NpNode *node, NpDirection direction, const Path *path)
{
  g_autoptr(NpPolicyRule) rule = reader->build ? np_policy_rule_new (direction) : NULL;
  const char *peers_key = direction == NP_DIRECTION_INGRESS ? "from" : "to";
  NpNode *peers, *ports;

  if (rule != NULL)
    np_model_set_source (rule, node);
  if (np_node_is_null (node))
    return g_steal_pointer (&rule);
  if (!expect_mapping (reader, node, path))
    return NULL;

  peers = np_node_lookup (node, peers_key);
  if (!is_absent (peers))
    {
      const Path *peers_path = KEY (path, peers_key);

      if (expect_sequence (reader, peers, peers_path))
        for (guint i = 0; i < np_node_get_n_items (peers); i++)
          {
            g_autoptr(NpPolicyPeer) peer = read_peer (reader, np_node_get_item (peers, i), INDEX (peers_path, i));

            if (peer && rule)
              np_policy_rule_add_peer (rule, peer);
          }
    }

  ports = np_node_lookup (node, "ports");
  if (!is_absent (ports))
    {
      const Path *ports_path = KEY (path, "ports");

      if (expect_sequence (reader, ports, ports_path))
        for (guint i = 0; i < np_node_get_n_items (ports); i++)
          {
            g_autoptr(NpPolicyPort) port = read_port (reader, np_node_get_item (ports, i), INDEX (ports_path, i));

            if (port && rule)
              np_policy_rule_add_port (rule, port);
          }
    }

  return g_steal_pointer (&rule);
}

static void
read_rules (Reader *reader, NpPolicy *policy, NpNode *spec, NpDirection direction)
{
  const char *key = direction == NP_DIRECTION_INGRESS ? "ingress" : "egress";
  const Path *path = KEY (KEY (NULL, "spec"), key);
  GListStore *store = policy ? G_LIST_STORE (np_policy_get_rules (policy, direction)) : NULL;
  NpNode *rules = np_node_lookup (spec, key);

  if (is_absent (rules) || !expect_sequence (reader, rules, path))
    return;

  for (guint i = 0; i < np_node_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = read_rule (reader, np_node_get_item (rules, i), direction, INDEX (path, i));

      if (rule && store)
        g_list_store_append (store, rule);
    }
}

/* Reads @root; with reader->build FALSE only checks it and returns NULL.
 * Either way reader->failed says whether it reads. */
static NpPolicy *
read_policy (Reader *reader, NpNode *root)
{
  g_autoptr(NpPolicy) policy = NULL;
  g_autofree char *api_version = NULL;
  g_autofree char *kind = NULL;
  gboolean build = reader->build;
  NpNode *metadata, *spec, *value;

  if (!expect_mapping (reader, root, NULL))
    return NULL;

  if (build)
    {
      policy = np_policy_new ();
      np_model_set_source (policy, root);
    }

  read_string (reader, np_node_lookup (root, "apiVersion"), KEY (NULL, "apiVersion"), build ? &api_version : NULL);
  read_string (reader, np_node_lookup (root, "kind"), KEY (NULL, "kind"), build ? &kind : NULL);
  if (build)
    {
      np_policy_set_api_version (policy, api_version);
      np_policy_set_kind (policy, kind);
    }

  metadata = np_node_lookup (root, "metadata");
  if (!is_absent (metadata) && expect_mapping (reader, metadata, KEY (NULL, "metadata")))
    {
      g_autofree char *name = NULL;
      g_autofree char *namespace_ = NULL;

      read_string (reader, np_node_lookup (metadata, "name"), KEY (KEY (NULL, "metadata"), "name"),
                   build ? &name : NULL);
      read_string (reader, np_node_lookup (metadata, "namespace"), KEY (KEY (NULL, "metadata"), "namespace"),
                   build ? &namespace_ : NULL);
      if (build)
        {
          np_policy_set_name (policy, name);
          np_policy_set_namespace (policy, namespace_);
        }
    }

  spec = np_node_lookup (root, "spec");
  if (build)
    np_policy_set_pod_selector (policy, NULL);
  if (!is_absent (spec) && expect_mapping (reader, spec, KEY (NULL, "spec")))
    {
      g_auto(GStrv) types = NULL;

      value = np_node_lookup (spec, "podSelector");
      if (value != NULL)
        {
          /* A value, not a pointer, in Go: null reads as {} (all pods). */
          g_autoptr(NpLabelSelector) selector = read_selector (reader, value, KEY (KEY (NULL, "spec"), "podSelector"));

          if (selector)
            np_policy_set_pod_selector (policy, selector);
        }

      types = read_string_list (reader, np_node_lookup (spec, "policyTypes"), KEY (KEY (NULL, "spec"), "policyTypes"));
      if (build)
        np_policy_set_policy_types (policy, (const char * const *) types);
      read_rules (reader, policy, spec, NP_DIRECTION_INGRESS);
      read_rules (reader, policy, spec, NP_DIRECTION_EGRESS);
    }

  if (reader->failed)
    return NULL;
  return g_steal_pointer (&policy);
}

NpPolicy *
np_policy_new_from_node (NpNode    *root,
                         GPtrArray *diagnostics)
{
  Reader reader = { diagnostics, FALSE, TRUE };

  g_return_val_if_fail (root != NULL, NULL);

  return read_policy (&reader, root);
}

gboolean
np_policy_check_node (NpNode    *root,
                      GPtrArray *diagnostics)
{
  Reader reader = { diagnostics, FALSE, FALSE };

  g_return_val_if_fail (root != NULL, FALSE);

  read_policy (&reader, root);
  return !reader.failed;
}

NpPolicy *
np_policy_new_from_yaml (const char *text,
                         gssize      length,
                         GPtrArray  *diagnostics)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  g_autoptr(NpNode) root = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  root = np_yaml_parse_one (text, length, &diagnostic);
  if (root == NULL)
    {
      if (diagnostic == NULL)
        diagnostic = np_diagnostic_new (NP_SEVERITY_ERROR, "empty", NULL,
                                        _("There is no policy here: the text is empty."));
      if (diagnostics)
        g_ptr_array_add (diagnostics, g_steal_pointer (&diagnostic));
      return NULL;
    }
  return np_policy_new_from_node (root, diagnostics);
}

/* Writing ---------------------------------------------------------------- */

/* The value the model gives one field of an object (NULL: the model has
 * nothing to say). The schema (np-k8s-schema.c) decides the fields' order. */
typedef struct {
  const char *key;
  NpNode     *value;
} Field;

/* The most fields an object of the schema has that the model holds. */
#define MAX_FIELDS 8

static int
canonical_index (const char * const *order, const char *key)
{
  for (int i = 0; order[i] != NULL; i++)
    if (g_str_equal (order[i], key))
      return i;
  return -1;
}

/* Merges the model's @fields of an @object with the @source mapping it was
 * read from: unknown keys of the source are kept in place, known keys the
 * model no longer has are dropped, new known keys go next to their canonical
 * neighbours (or, with NP_CODEC_CANONICAL, every known key comes first in
 * canonical order). An object read from null that is still empty stays
 * null. Takes the values of @fields, which name each of the schema's fields
 * of @object once, in any order. */
static NpNode *
merge_fields (NpNode       *source,
              NpK8sObject   object,
              Field        *given,
              guint         n_given,
              NpCodecFlags  flags)
{
  const char * const *order = np_k8s_schema_fields (object);
  guint n_fields = g_strv_length ((char **) order);
  Field fields[MAX_FIELDS] = { { NULL, NULL } };
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  NpNode *out;
  gboolean have_source = source != NULL && np_node_get_kind (source) == NP_NODE_MAPPING;
  guint n_present = 0;

  /* The model's values in the schema's order. */
  g_assert (n_given == n_fields && n_fields <= MAX_FIELDS);
  for (guint i = 0; i < n_given; i++)
    {
      int k = canonical_index (order, given[i].key);

      g_assert (k >= 0 && fields[k].key == NULL);
      fields[k] = given[i];
    }

  /* Known keys in source order (or canonical order). */
  if (have_source && !(flags & NP_CODEC_CANONICAL))
    {
      for (guint i = 0; i < np_node_get_n_pairs (source); i++)
        {
          const char *key = np_node_get_key (source, i);
          int k = canonical_index (order, key);

          if (k < 0)
            {
              g_ptr_array_add (keys, (gpointer) key);
              g_ptr_array_add (values, np_node_ref (np_node_get_value (source, i)));
            }
          else if (fields[k].value != NULL)
            {
              g_ptr_array_add (keys, (gpointer) key);
              g_ptr_array_add (values, g_steal_pointer (&fields[k].value));
            }
        }

      /* Known keys the source did not have. */
      for (guint k = 0; k < n_fields; k++)
        {
          guint at = keys->len;
          gboolean placed = FALSE;

          if (fields[k].value == NULL)
            continue;
          for (int j = (int) keys->len - 1; j >= 0 && !placed; j--)
            {
              int other = canonical_index (order, g_ptr_array_index (keys, j));

              if (other >= 0 && other < (int) k)
                at = j + 1, placed = TRUE;
            }
          for (guint j = 0; j < keys->len && !placed; j++)
            if (canonical_index (order, g_ptr_array_index (keys, j)) >= 0)
              at = j, placed = TRUE;
          g_ptr_array_insert (keys, at, (gpointer) fields[k].key);
          g_ptr_array_insert (values, at, g_steal_pointer (&fields[k].value));
        }
    }
  else
    {
      for (guint k = 0; k < n_fields; k++)
        if (fields[k].value != NULL)
          {
            g_ptr_array_add (keys, (gpointer) fields[k].key);
            g_ptr_array_add (values, g_steal_pointer (&fields[k].value));
          }
      if (have_source)
        for (guint i = 0; i < np_node_get_n_pairs (source); i++)
          if (canonical_index (order, np_node_get_key (source, i)) < 0)
            {
              g_ptr_array_add (keys, (gpointer) np_node_get_key (source, i));
              g_ptr_array_add (values, np_node_ref (np_node_get_value (source, i)));
            }
    }

  n_present = keys->len;
  if (n_present == 0 && np_node_is_null (source))
    return np_node_new_null ();

  out = np_node_new_mapping ();
  for (guint i = 0; i < keys->len; i++)
    np_node_insert (out, np_node_new_string (g_ptr_array_index (keys, i)), g_ptr_array_index (values, i));
  return out;
}

/* What a source's key held when the model has no value for it: null stays
 * null, an empty list or mapping stays one (so `ingress: []` survives). */
static NpNode *
keep_empty (NpNode *source, const char *key)
{
  NpNode *old = np_node_lookup (source, key);

  if (old == NULL)
    return NULL;
  if (np_node_is_null (old))
    return np_node_new_null ();
  if (np_node_get_kind (old) == NP_NODE_SEQUENCE)
    return np_node_new_sequence ();
  if (np_node_get_kind (old) == NP_NODE_MAPPING)
    return np_node_new_mapping ();
  return NULL;
}

static NpNode *
string_field (NpNode *source, const char *key, const char *value)
{
  NpNode *old = np_node_lookup (source, key);

  if (value != NULL && (*value != '\0' || old != NULL))
    {
      if (np_node_is_null (old) && *value == '\0')
        return np_node_new_null ();
      return np_node_new_string (value);
    }
  return np_node_is_null (old) ? np_node_new_null () : NULL;
}

static NpNode *
string_list_field (NpNode *source, const char *key, const char * const *values)
{
  NpNode *list;

  if (values == NULL || values[0] == NULL)
    return keep_empty (source, key);
  list = np_node_new_sequence ();
  for (guint i = 0; values[i] != NULL; i++)
    np_node_append (list, np_node_new_string (values[i]));
  return list;
}

static NpNode *
selector_to_node (NpLabelSelector *selector, NpCodecFlags flags)
{
  NpNode *source = np_model_get_source (selector);
  GListModel *terms = np_label_selector_get_requirements (selector);
  g_autoptr(NpNode) labels = NULL;
  g_autoptr(NpNode) expressions = NULL;
  Field fields[2] = { { "matchLabels", NULL }, { "matchExpressions", NULL } };

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      NpNode *term_source = np_model_get_source (term);

      if (np_selector_requirement_is_label (term))
        {
          const char *value = np_selector_requirement_get_value (term);

          if (labels == NULL)
            labels = np_node_new_mapping ();
          if ((value == NULL || *value == '\0') && np_node_is_null (term_source))
            np_node_set (labels, np_selector_requirement_get_key (term), np_node_new_null ());
          else
            np_node_set (labels, np_selector_requirement_get_key (term), np_node_new_string (value ? value : ""));
        }
      else
        {
          Field term_fields[3] = {
            { "key", string_field (term_source, "key", np_selector_requirement_get_key (term)) },
            { "operator", string_field (term_source, "operator", np_selector_requirement_get_operator (term)) },
            { "values", string_list_field (term_source, "values", np_selector_requirement_get_values (term)) },
          };

          if (expressions == NULL)
            expressions = np_node_new_sequence ();
          np_node_append (expressions, merge_fields (term_source, NP_K8S_OBJECT_REQUIREMENT, term_fields, G_N_ELEMENTS (term_fields), flags));
        }
    }

  fields[0].value = labels ? g_steal_pointer (&labels) : keep_empty (source, "matchLabels");
  fields[1].value = expressions ? g_steal_pointer (&expressions) : keep_empty (source, "matchExpressions");
  return merge_fields (source, NP_K8S_OBJECT_SELECTOR, fields, G_N_ELEMENTS (fields), flags);
}

static NpNode *
ip_block_to_node (NpIpBlock *block, NpCodecFlags flags)
{
  NpNode *source = np_model_get_source (block);
  Field fields[2] = {
    { "cidr", string_field (source, "cidr", np_ip_block_get_cidr (block)) },
    { "except", string_list_field (source, "except", np_ip_block_get_except (block)) },
  };

  return merge_fields (source, NP_K8S_OBJECT_IP_BLOCK, fields, G_N_ELEMENTS (fields), flags);
}

static NpNode *
peer_to_node (NpPolicyPeer *peer, NpCodecFlags flags)
{
  NpNode *source = np_model_get_source (peer);
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (peer);
  NpIpBlock *block = np_policy_peer_get_ip_block (peer);
  Field fields[3] = {
    { "podSelector", pods ? selector_to_node (pods, flags) : keep_empty (source, "podSelector") },
    { "namespaceSelector", namespaces ? selector_to_node (namespaces, flags) : keep_empty (source, "namespaceSelector") },
    { "ipBlock", block ? ip_block_to_node (block, flags) : keep_empty (source, "ipBlock") },
  };

  /* Pointers in Go: an absent selector must not come back as {}. */
  for (guint i = 0; i < 3; i++)
    if (fields[i].value != NULL && np_node_get_kind (fields[i].value) == NP_NODE_MAPPING &&
        np_node_get_n_pairs (fields[i].value) == 0 &&
        ((i == 0 && !pods) || (i == 1 && !namespaces) || (i == 2 && !block)))
      g_clear_pointer (&fields[i].value, np_node_unref);

  return merge_fields (source, NP_K8S_OBJECT_PEER, fields, G_N_ELEMENTS (fields), flags);
}

static NpNode *
port_to_node (NpPolicyPort *port, NpCodecFlags flags)
{
  NpNode *source = np_model_get_source (port);
  NpNode *port_value = NULL;
  NpNode *end_value = NULL;
  Field fields[3];

  switch (np_policy_port_get_port_kind (port))
    {
    case NP_PORT_KIND_NUMBER:
      port_value = np_node_new_int (np_policy_port_get_port_number (port));
      break;
    case NP_PORT_KIND_NAME:
      port_value = np_node_new_string (np_policy_port_get_port_name (port));
      break;
    case NP_PORT_KIND_NONE:
    default:
      port_value = np_node_is_null (np_node_lookup (source, "port")) ? np_node_new_null () : NULL;
      break;
    }
  if (np_policy_port_get_has_end_port (port))
    end_value = np_node_new_int (np_policy_port_get_end_port (port));
  else if (np_node_is_null (np_node_lookup (source, "endPort")))
    end_value = np_node_new_null ();

  fields[0] = (Field) { "protocol", string_field (source, "protocol", np_policy_port_get_protocol (port)) };
  fields[1] = (Field) { "port", port_value };
  fields[2] = (Field) { "endPort", end_value };
  return merge_fields (source, NP_K8S_OBJECT_PORT, fields, G_N_ELEMENTS (fields), flags);
}

static NpNode *
list_to_node (GListModel *list, NpNode *(*item_to_node) (gpointer, NpCodecFlags), NpCodecFlags flags)
{
  NpNode *out = np_node_new_sequence ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      np_node_append (out, item_to_node (item, flags));
    }
  return out;
}

static NpNode *
rule_to_node (NpPolicyRule *rule, NpCodecFlags flags)
{
  gboolean ingress = np_policy_rule_get_direction (rule) == NP_DIRECTION_INGRESS;
  const char *peers_key = ingress ? "from" : "to";
  NpNode *source = np_model_get_source (rule);
  GListModel *peers = np_policy_rule_get_peers (rule);
  GListModel *ports = np_policy_rule_get_ports (rule);
  Field fields[2] = {
    { peers_key, g_list_model_get_n_items (peers) > 0
                   ? list_to_node (peers, (gpointer) peer_to_node, flags)
                   : keep_empty (source, peers_key) },
    { "ports", g_list_model_get_n_items (ports) > 0
                 ? list_to_node (ports, (gpointer) port_to_node, flags)
                 : keep_empty (source, "ports") },
  };

  return merge_fields (source, ingress ? NP_K8S_OBJECT_INGRESS_RULE : NP_K8S_OBJECT_EGRESS_RULE,
                       fields, G_N_ELEMENTS (fields), flags);
}

static NpNode *
rules_field (NpPolicy *policy, NpNode *spec_source, NpDirection direction, NpCodecFlags flags)
{
  GListModel *rules = np_policy_get_rules (policy, direction);
  const char *key = direction == NP_DIRECTION_INGRESS ? "ingress" : "egress";

  if (g_list_model_get_n_items (rules) == 0)
    return keep_empty (spec_source, key);
  return list_to_node (rules, (gpointer) rule_to_node, flags);
}

NpNode *
np_policy_to_node (NpPolicy     *policy,
                   NpCodecFlags  flags)
{
  NpNode *source;
  NpNode *metadata_source, *spec_source;
  NpLabelSelector *pod_selector;
  Field metadata_fields[2];
  Field spec_fields[4];
  Field fields[4];
  NpNode *metadata, *spec;

  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  source = np_model_get_source (policy);
  metadata_source = np_node_lookup (source, "metadata");
  spec_source = np_node_lookup (source, "spec");
  pod_selector = np_policy_get_pod_selector (policy);

  metadata_fields[0] = (Field) { "name", string_field (metadata_source, "name", np_policy_get_name (policy)) };
  metadata_fields[1] = (Field) { "namespace", string_field (metadata_source, "namespace", np_policy_get_namespace (policy)) };
  metadata = merge_fields (metadata_source, NP_K8S_OBJECT_METADATA, metadata_fields, G_N_ELEMENTS (metadata_fields), flags);
  if (np_node_get_kind (metadata) == NP_NODE_MAPPING && np_node_get_n_pairs (metadata) == 0 &&
      metadata_source == NULL)
    g_clear_pointer (&metadata, np_node_unref);

  spec_fields[0] = (Field) { "podSelector", pod_selector ? selector_to_node (pod_selector, flags) : NULL };
  spec_fields[1] = (Field) { "policyTypes", string_list_field (spec_source, "policyTypes", np_policy_get_policy_types (policy)) };
  spec_fields[2] = (Field) { "ingress", rules_field (policy, spec_source, NP_DIRECTION_INGRESS, flags) };
  spec_fields[3] = (Field) { "egress", rules_field (policy, spec_source, NP_DIRECTION_EGRESS, flags) };
  spec = merge_fields (spec_source, NP_K8S_OBJECT_SPEC, spec_fields, G_N_ELEMENTS (spec_fields), flags);
  if (np_node_get_kind (spec) == NP_NODE_MAPPING && np_node_get_n_pairs (spec) == 0 && spec_source == NULL)
    g_clear_pointer (&spec, np_node_unref);

  fields[0] = (Field) { "apiVersion", string_field (source, "apiVersion", np_policy_get_api_version (policy)) };
  fields[1] = (Field) { "kind", string_field (source, "kind", np_policy_get_kind (policy)) };
  fields[2] = (Field) { "metadata", metadata ? metadata : keep_empty (source, "metadata") };
  fields[3] = (Field) { "spec", spec ? spec : keep_empty (source, "spec") };
  return merge_fields (source, NP_K8S_OBJECT_POLICY, fields, G_N_ELEMENTS (fields), flags);
}

/* Canonical trees straight from a tree ------------------------------------
 *
 * What np_policy_to_node (NP_CODEC_CANONICAL) gives for a model just read
 * from a tree, without the model: every object with its known keys first in
 * canonical order (the schema's, as above), then its unknown keys as they
 * were; port numbers in their plain form. Everything else the model would
 * give back unchanged (strings, null, empty lists and mappings), so the
 * source's own nodes are used. tests/test-validation.c holds both ways to
 * the same output. */

typedef NpNode *(*CanonFunc) (NpNode *value);

/* How to write the value of one field (fields not named: as it is). */
typedef struct {
  const char *key;
  CanonFunc   func;
} CanonField;

static NpNode *
canon_ref (NpNode *value)
{
  return np_node_ref (value);
}

/* @funcs: how to write the value of some fields of @object, ending with
 * { NULL } (the others, or all when @funcs is NULL: as they are) */
static NpNode *
canon_object (NpNode           *source,
              NpK8sObject       object,
              const CanonField *funcs)
{
  const char * const *order = np_k8s_schema_fields (object);
  NpNode *out;

  if (np_node_get_kind (source) != NP_NODE_MAPPING)
    return np_node_ref (source);
  out = np_node_new_mapping ();
  for (guint k = 0; order[k] != NULL; k++)
    {
      NpNode *value = np_node_lookup (source, order[k]);

      CanonFunc func = canon_ref;

      for (guint f = 0; funcs != NULL && funcs[f].key != NULL; f++)
        if (g_str_equal (funcs[f].key, order[k]))
          func = funcs[f].func;
      if (value != NULL)
        np_node_insert (out, np_node_new_string (order[k]), func (value));
    }
  for (guint i = 0; i < np_node_get_n_pairs (source); i++)
    if (canonical_index (order, np_node_get_key (source, i)) < 0)
      np_node_insert (out, np_node_new_string (np_node_get_key (source, i)),
                      np_node_ref (np_node_get_value (source, i)));
  return out;
}

/* A list of objects: each written by @func; an empty one stays as it is. */
static NpNode *
canon_list (NpNode *source, CanonFunc func)
{
  NpNode *out;

  if (np_node_get_kind (source) != NP_NODE_SEQUENCE || np_node_get_n_items (source) == 0)
    return np_node_ref (source);
  out = np_node_new_sequence ();
  for (guint i = 0; i < np_node_get_n_items (source); i++)
    np_node_append (out, func (np_node_get_item (source, i)));
  return out;
}

static NpNode *
canon_expression (NpNode *source)
{
  return canon_object (source, NP_K8S_OBJECT_REQUIREMENT, NULL);
}

static NpNode *
canon_expressions (NpNode *source)
{
  return canon_list (source, canon_expression);
}

static NpNode *
canon_selector (NpNode *source)
{
  static const CanonField funcs[] = { { "matchExpressions", canon_expressions }, { NULL } };

  return canon_object (source, NP_K8S_OBJECT_SELECTOR, funcs);
}

static NpNode *
canon_ip_block (NpNode *source)
{
  return canon_object (source, NP_K8S_OBJECT_IP_BLOCK, NULL);
}

static NpNode *
canon_peer (NpNode *source)
{
  static const CanonField funcs[] = { { "podSelector", canon_selector }, { "namespaceSelector", canon_selector },
                                      { "ipBlock", canon_ip_block }, { NULL } };

  return canon_object (source, NP_K8S_OBJECT_PEER, funcs);
}

static NpNode *
canon_peers (NpNode *source)
{
  return canon_list (source, canon_peer);
}

/* A number as the model keeps it; a name or null as it is. */
static NpNode *
canon_number (NpNode *source)
{
  gint64 number;

  if (np_node_is_string (source) || np_node_is_null (source) || !np_node_get_int (source, &number))
    return np_node_ref (source);
  return np_node_new_int (number);
}

static NpNode *
canon_port (NpNode *source)
{
  static const CanonField funcs[] = { { "port", canon_number }, { "endPort", canon_number }, { NULL } };

  return canon_object (source, NP_K8S_OBJECT_PORT, funcs);
}

static NpNode *
canon_ports (NpNode *source)
{
  return canon_list (source, canon_port);
}

static NpNode *
canon_ingress_rule (NpNode *source)
{
  static const CanonField funcs[] = { { "from", canon_peers }, { "ports", canon_ports }, { NULL } };

  return canon_object (source, NP_K8S_OBJECT_INGRESS_RULE, funcs);
}

static NpNode *
canon_egress_rule (NpNode *source)
{
  static const CanonField funcs[] = { { "to", canon_peers }, { "ports", canon_ports }, { NULL } };

  return canon_object (source, NP_K8S_OBJECT_EGRESS_RULE, funcs);
}

static NpNode *
canon_ingress (NpNode *source)
{
  return canon_list (source, canon_ingress_rule);
}

static NpNode *
canon_egress (NpNode *source)
{
  return canon_list (source, canon_egress_rule);
}

static NpNode *
canon_spec (NpNode *source)
{
  static const CanonField funcs[] = { { "podSelector", canon_selector }, { "ingress", canon_ingress },
                                      { "egress", canon_egress }, { NULL } };

  return canon_object (source, NP_K8S_OBJECT_SPEC, funcs);
}

static NpNode *
canon_metadata (NpNode *source)
{
  return canon_object (source, NP_K8S_OBJECT_METADATA, NULL);
}

NpNode *
np_policy_canonical_node (NpNode *root)
{
  static const CanonField funcs[] = { { "metadata", canon_metadata }, { "spec", canon_spec }, { NULL } };

  g_return_val_if_fail (root != NULL, NULL);

  return canon_object (root, NP_K8S_OBJECT_POLICY, funcs);
}

char *
np_policy_to_yaml (NpPolicy *policy)
{
  g_autoptr(NpNode) node = NULL;

  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  node = np_policy_to_node (policy, NP_CODEC_CANONICAL);
  return np_yaml_write (node, 0, NULL);
}

gboolean
np_policy_update_from_node (NpPolicy  *policy,
                            NpNode    *root,
                            GPtrArray *diagnostics)
{
  g_autoptr(NpPolicy) fresh = NULL;
  GListStore *stores[2];
  GListStore *fresh_stores[2];

  g_return_val_if_fail (NP_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  fresh = np_policy_new_from_node (root, diagnostics);
  if (fresh == NULL)
    return FALSE;

  stores[0] = G_LIST_STORE (np_policy_get_ingress (policy));
  stores[1] = G_LIST_STORE (np_policy_get_egress (policy));
  fresh_stores[0] = G_LIST_STORE (np_policy_get_ingress (fresh));
  fresh_stores[1] = G_LIST_STORE (np_policy_get_egress (fresh));

  np_policy_begin_change (policy);
  np_model_set_source (policy, root);
  np_policy_set_api_version (policy, np_policy_get_api_version (fresh));
  np_policy_set_kind (policy, np_policy_get_kind (fresh));
  np_policy_set_name (policy, np_policy_get_name (fresh));
  np_policy_set_namespace (policy, np_policy_get_namespace (fresh));
  np_policy_set_pod_selector (policy, np_policy_get_pod_selector (fresh));
  np_policy_set_policy_types (policy, np_policy_get_policy_types (fresh));
  for (guint d = 0; d < 2; d++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (fresh_stores[d]));
      g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (rules, g_list_model_get_item (G_LIST_MODEL (fresh_stores[d]), i));
      g_list_store_splice (stores[d], 0, g_list_model_get_n_items (G_LIST_MODEL (stores[d])),
                           rules->pdata, rules->len);
    }
  /* A source change alone must count as a change too (unknown fields). */
  np_model_emit_changed (policy);
  np_policy_end_change (policy);
  return TRUE;
}
