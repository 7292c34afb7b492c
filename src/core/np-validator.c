/* np-validator.c: the API server's checks of a NetworkPolicy, and strict field checking
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "np-diagnostic.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-k8s-schema.h"
#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"

#define MAX_ANNOTATIONS_SIZE (256 * 1024)

typedef struct {
  GPtrArray       *out;
  NpValidateFlags  flags;
} Validator;

/* Findings go to the validator's list. */
#define report(v, ...) np_diagnostic_list_add ((v)->out, __VA_ARGS__)

/* The node to point at for @key of an object read from @source: the value,
 * else the object itself. */
static const NpNode *
at (const NpNode *source, const char *key)
{
  const NpNode *value = np_node_lookup (source, key);

  return value != NULL ? value : source;
}

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and swaps of neighbours ("form" for "from") each count one; case is
 * ignored. */
static guint
edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *d = g_new (guint, (la + 1) * (lb + 1));

#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
        guint best = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);

        if (i > 1 && j > 1 &&
            g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 2]) &&
            g_ascii_tolower (a[i - 2]) == g_ascii_tolower (b[j - 1]))
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (la, lb);
#undef D
}

const char *
np_suggest_field (const char *word, const char * const *candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      guint d = edit_distance (word, candidates[i]);

      if (d < best_distance)
        best = candidates[i], best_distance = d;
    }
  /* Case-only differences count as 0; allow one or two slips beyond that. */
  if (best != NULL && best_distance <= MAX (1u, MIN (2u, (guint) strlen (word) / 3)))
    return best;
  return NULL;
}

/* g_strv_contains(), with no string comparison for most fields */
static gboolean
known_field (const char * const *known, const char *key)
{
  for (guint i = 0; known[i] != NULL; i++)
    if (known[i][0] == key[0] && strcmp (known[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* kubectl --validate=strict: a field the API does not know would be
 * dropped by the server, and a typo must never silently drop a rule. */
static void
check_fields (Validator *v, const NpNode *source, const char *path, const char * const *known)
{
  if (source == NULL || np_node_get_kind (source) != NP_NODE_MAPPING)
    return;

  for (guint i = 0; i < np_node_get_n_pairs (source); i++)
    {
      const char *key = np_node_get_key (source, i);
      g_autofree char *field_path = NULL;
      const char *suggestion;

      if (known_field (known, key))
        continue;
      field_path = path && *path ? np_path_join (path, key) : g_strdup (key);
      suggestion = np_suggest_field (key, known);
      if (suggestion != NULL)
        report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, np_node_get_key_node (source, i),
                /* Translators: the first %s is the unknown field name, the second the known field it resembles. */
                _("Unknown field “%s”: did you mean “%s”? The API server would reject it, or drop it and everything under it."),
                key, suggestion);
      else
        report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, np_node_get_key_node (source, i),
                /* Translators: the first %s is the unknown field name; the second is the field path of the object that holds it (such as “spec.ingress[0]”) or “a NetworkPolicy”. */
                _("Unknown field “%s”: %s has no such field, so the API server would reject it, or drop it and everything under it."),
                key, path && *path ? path : _("a NetworkPolicy"));
    }
}

static void
check_label_key (Validator *v, const char *key, const char *path, const NpNode *node)
{
  g_autofree char *reason = NULL;

  if (!np_k8s_check_label_key (key, &reason))
    report (v, NP_SEVERITY_ERROR, "invalid-label-key", path, node,
            /* Translators: the second %s is a reason such as “must be no more than 63 characters”. */
            _("“%s” is not a valid label key: %s."), key, reason);
}

static void
check_label_value (Validator *v, const char *value, const char *path, const NpNode *node)
{
  g_autofree char *reason = NULL;

  if (!np_k8s_check_label_value (value, &reason))
    report (v, NP_SEVERITY_ERROR, "invalid-label-value", path, node,
            _("“%s” is not a valid label value: %s."), value, reason);
}

/* The validator reads the tree the way the codec reads it into a model (see
 * np-policy-codec.c): null and absent are the same, and values of the wrong
 * type have been reported (and the policy left unchecked) before. */
static gboolean
is_absent (const NpNode *node)
{
  return node == NULL || np_node_is_null (node);
}

/* (nullable) */
static const char *
text_at (const NpNode *node, const char *key)
{
  NpNode *value = np_node_lookup (node, key);

  return np_node_is_string (value) ? np_node_get_text (value) : NULL;
}

/* (nullable) the list at @key, when it is one */
static NpNode *
list_at (const NpNode *node, const char *key)
{
  NpNode *value = np_node_lookup (node, key);

  return value != NULL && np_node_get_kind (value) == NP_NODE_SEQUENCE ? value : NULL;
}

static void
check_expression (Validator *v, const NpNode *term, const char *path, guint index)
{
  g_autofree char *term_path = np_path_join_index (path, "matchExpressions", index);
  const char *key = text_at (term, "key");
  const char *op = text_at (term, "operator");
  NpNode *values = list_at (term, "values");
  guint n_values = values != NULL ? np_node_get_n_items (values) : 0;

  /* An expression always has an operator, if only "" (absent). */
  if (op == NULL)
    op = "";

  check_fields (v, term, term_path, np_k8s_schema_known_fields (NP_K8S_OBJECT_REQUIREMENT));

  if (key == NULL || *key == '\0')
    {
      g_autofree char *key_path = np_path_join (term_path, "key");

      report (v, NP_SEVERITY_ERROR, "required", key_path, term,
              _("A selector expression needs a key."));
    }
  else if (!np_k8s_check_label_key (key, NULL))
    {
      g_autofree char *key_path = np_path_join (term_path, "key");

      check_label_key (v, key, key_path, at (term, "key"));
    }

  if (g_str_equal (op, "In") || g_str_equal (op, "NotIn"))
    {
      if (n_values == 0)
        {
          g_autofree char *values_path = np_path_join (term_path, "values");

          report (v, NP_SEVERITY_ERROR, "selector-values", values_path, at (term, "values"),
                  _("The operator %s needs at least one value."), op);
        }
    }
  else if (g_str_equal (op, "Exists") || g_str_equal (op, "DoesNotExist"))
    {
      if (n_values > 0)
        {
          g_autofree char *values_path = np_path_join (term_path, "values");

          report (v, NP_SEVERITY_ERROR, "selector-values", values_path, at (term, "values"),
                  _("The operator %s takes no values; remove them."), op);
        }
    }
  else if (*op == '\0')
    {
      g_autofree char *op_path = np_path_join (term_path, "operator");

      report (v, NP_SEVERITY_ERROR, "required", op_path, term,
              _("A selector expression needs an operator: In, NotIn, Exists or DoesNotExist."));
    }
  else
    {
      static const char * const operators[] = { "In", "NotIn", "Exists", "DoesNotExist", NULL };
      g_autofree char *op_path = np_path_join (term_path, "operator");
      const char *suggestion = np_suggest_field (op, operators);

      report (v, NP_SEVERITY_ERROR, "invalid-operator", op_path, at (term, "operator"),
              /* Translators: the first %s is what was written as the operator; the next three %s are empty, or “ (did you mean “”, the suggested operator and “”?)”. */
              _("“%s” is not an operator%s%s%s: use In, NotIn, Exists or DoesNotExist (they are case-sensitive)."),
              /* Translators: this and “”?)” enclose a suggested operator, such as “ (did you mean “NotIn”?)”, inside a longer message. */
              op, suggestion ? _(" (did you mean “") : "", suggestion ? suggestion : "", suggestion ? _("”?)") : "");
    }

  for (guint j = 0; j < n_values; j++)
    {
      NpNode *value = np_node_get_item (values, j);
      const char *text = np_node_is_string (value) ? np_node_get_text (value) : "";

      if (!np_k8s_check_label_value (text, NULL))
        {
          g_autofree char *values_path = np_path_join (term_path, "values");
          g_autofree char *value_path = np_path_index (values_path, j);

          check_label_value (v, text, value_path, value);
        }
    }
}

/* @node: the selector (a mapping, or null for {}) */
static void
check_selector (Validator *v, const NpNode *node, const char *path)
{
  NpNode *labels = np_node_lookup (node, "matchLabels");
  NpNode *expressions = list_at (node, "matchExpressions");

  check_fields (v, node, path, np_k8s_schema_known_fields (NP_K8S_OBJECT_SELECTOR));

  if (labels != NULL && np_node_get_kind (labels) == NP_NODE_MAPPING)
    for (guint i = 0; i < np_node_get_n_pairs (labels); i++)
      {
        const char *key = np_node_get_key (labels, i);
        NpNode *value = np_node_get_value (labels, i);
        const char *text = is_absent (value) ? "" : np_node_get_text (value);

        if (!np_k8s_check_label_key (key, NULL) || !np_k8s_check_label_value (text, NULL))
          {
            g_autofree char *label_path = g_strconcat (path, ".matchLabels.", key, NULL);

            check_label_key (v, key, label_path, np_node_get_key_node (labels, i));
            check_label_value (v, text, label_path, value);
          }
      }

  for (guint i = 0; expressions != NULL && i < np_node_get_n_items (expressions); i++)
    check_expression (v, np_node_get_item (expressions, i), path, i);
}

static void
check_cidr_text (Validator *v, const char *text, const char *path, const NpNode *node,
                 NpCidr *out, gboolean *ok)
{
  g_autofree char *reason = NULL;
  NpCidrLaxIssues issues = NP_CIDR_LAX_NONE;

  *ok = FALSE;
  if (!np_cidr_parse (text, out, &issues, &reason))
    {
      report (v, NP_SEVERITY_ERROR, "invalid-cidr", path, node,
              _("“%s” is not a valid CIDR: %s."), text, reason);
      return;
    }
  *ok = TRUE;
  if (issues != NP_CIDR_LAX_NONE)
    {
      g_autofree char *why = np_cidr_describe_issues (issues);
      g_autofree char *canonical = np_cidr_to_string (out);
      gboolean strict = (v->flags & NP_VALIDATE_STRICT_CIDR) != 0;

      report (v, strict ? NP_SEVERITY_ERROR : NP_SEVERITY_WARNING, "lax-cidr", path, node,
              /* Translators: the first %s is the CIDR as written, the second the problems with it, the third the canonical form; the last %s is empty or the sentence “ Kubernetes 1.36 and later reject it.” */
              _("“%s” is not a canonical CIDR (%s); write “%s”.%s"), text, why, canonical,
              strict ? "" : _(" Kubernetes 1.36 and later reject it."));
    }
}

static void
check_ip_block (Validator *v, const NpNode *node, const char *path)
{
  const char *cidr_text = text_at (node, "cidr");
  NpNode *except = list_at (node, "except");
  g_autofree char *cidr_path = np_path_join (path, "cidr");
  NpCidr cidr;
  gboolean cidr_ok = FALSE;

  check_fields (v, node, path, np_k8s_schema_known_fields (NP_K8S_OBJECT_IP_BLOCK));

  if (cidr_text == NULL || *cidr_text == '\0')
    report (v, NP_SEVERITY_ERROR, "required", cidr_path, node,
            _("An ipBlock needs a cidr, such as 10.0.0.0/8."));
  else
    check_cidr_text (v, cidr_text, cidr_path, at (node, "cidr"), &cidr, &cidr_ok);

  for (guint i = 0; except != NULL && i < np_node_get_n_items (except); i++)
    {
      g_autofree char *except_path = np_path_join_index (path, "except", i);
      NpNode *item = np_node_get_item (except, i);
      const char *text = np_node_is_string (item) ? np_node_get_text (item) : "";
      NpCidr inner;
      gboolean inner_ok;

      check_cidr_text (v, text, except_path, item, &inner, &inner_ok);
      if (!inner_ok || !cidr_ok)
        continue;
      if (inner.family != cidr.family)
        report (v, NP_SEVERITY_ERROR, "except-outside", except_path, item,
                /* Translators: %d is an IP version, 4 or 6. */
                _("The exception “%s” is IPv%d but the cidr “%s” is IPv%d."),
                text, inner.family, cidr_text, cidr.family);
      else if (!np_cidr_contains (&cidr, &inner) || inner.prefix <= cidr.prefix)
        report (v, NP_SEVERITY_ERROR, "except-outside", except_path, item,
                _("The exception “%s” must be a range strictly inside “%s”."), text, cidr_text);
    }
}

/* @node: the peer (a mapping, or null) */
static void
check_peer (Validator *v, const NpNode *node, const char *path)
{
  NpNode *pods = np_node_lookup (node, "podSelector");
  NpNode *namespaces = np_node_lookup (node, "namespaceSelector");
  NpNode *block = np_node_lookup (node, "ipBlock");
  guint n;

  /* A pointer in Go: null is no selector at all. */
  pods = is_absent (pods) ? NULL : pods;
  namespaces = is_absent (namespaces) ? NULL : namespaces;
  block = is_absent (block) ? NULL : block;
  n = (pods != NULL) + (namespaces != NULL) + (block != NULL);

  check_fields (v, node, path, np_k8s_schema_known_fields (NP_K8S_OBJECT_PEER));

  if (n == 0)
    report (v, NP_SEVERITY_ERROR, "empty-peer", path, node,
            _("A peer must say who: podSelector, namespaceSelector or ipBlock. "
            "To allow every peer, leave the peer list out instead of writing {}."));
  else if (block != NULL && n > 1)
    report (v, NP_SEVERITY_ERROR, "ipblock-with-selector", path, node,
            _("An ipBlock must stand alone in its peer: put the selectors in a separate entry."));

  if (pods != NULL)
    {
      g_autofree char *sub = np_path_join (path, "podSelector");
      check_selector (v, pods, sub);
    }
  if (namespaces != NULL)
    {
      g_autofree char *sub = np_path_join (path, "namespaceSelector");
      check_selector (v, namespaces, sub);
    }
  if (block != NULL)
    {
      g_autofree char *sub = np_path_join (path, "ipBlock");
      check_ip_block (v, block, sub);
    }
}

static void
check_port_number (Validator *v, gint64 number, const char *path, const NpNode *node, const char *what)
{
  if (number < 1 || number > 65535)
    report (v, NP_SEVERITY_ERROR, "invalid-port", path, node,
            _("%s %lld is out of range: use 1 to 65535."), what, (long long) number);
}

/* @node: the port (a mapping, or null) */
static void
check_port (Validator *v, const NpNode *node, const char *path)
{
  static const char * const protocols[] = { "TCP", "UDP", "SCTP", NULL };
  const char *protocol = text_at (node, "protocol");
  NpNode *port = np_node_lookup (node, "port");
  NpNode *end_port = np_node_lookup (node, "endPort");
  gboolean has_end = !is_absent (end_port);
  gint64 end = 0;

  check_fields (v, node, path, np_k8s_schema_known_fields (NP_K8S_OBJECT_PORT));

  if (has_end)
    np_node_get_int (end_port, &end);

  if (protocol != NULL && !g_strv_contains (protocols, protocol))
    {
      g_autofree char *protocol_path = np_path_join (path, "protocol");
      g_autofree char *upper = g_ascii_strup (protocol, -1);

      if (g_strv_contains (protocols, upper))
        report (v, NP_SEVERITY_ERROR, "invalid-protocol", protocol_path, at (node, "protocol"),
                _("“%s” is not a protocol: write it in capitals, “%s”."), protocol, upper);
      else
        report (v, NP_SEVERITY_ERROR, "invalid-protocol", protocol_path, at (node, "protocol"),
                _("“%s” is not a protocol a NetworkPolicy supports: use TCP, UDP or SCTP."), protocol);
    }

  if (is_absent (port))
    {
      if (has_end)
        {
          g_autofree char *end_path = np_path_join (path, "endPort");

          report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, at (node, "endPort"),
                  _("endPort needs a port to start the range from."));
        }
    }
  else if (np_node_is_string (port))
    {
      const char *name = np_node_get_text (port);
      g_autofree char *reason = NULL;
      gint64 number;

      if (has_end)
        {
          g_autofree char *end_path = np_path_join (path, "endPort");

          report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, at (node, "endPort"),
                  _("endPort cannot be used with a named port (“%s”): a range needs a numeric port."), name);
        }
      if (!np_k8s_check_port_name (name, &reason))
        {
          g_autofree char *port_path = np_path_join (path, "port");
          char *end_ptr = NULL;

          number = g_ascii_strtoll (name, &end_ptr, 10);
          if (*name != '\0' && end_ptr != NULL && *end_ptr == '\0')
            report (v, NP_SEVERITY_ERROR, "invalid-port", port_path, port,
                    _("The port “%s” is written as a string, so it would be a port name, and a name "
                      "needs a letter: remove the quotes to mean port %lld."), name, (long long) number);
          else
            report (v, NP_SEVERITY_ERROR, "invalid-port", port_path, port,
                    _("“%s” is not a valid port name: %s."), name, reason);
        }
    }
  else
    {
      gint64 number = 0;

      np_node_get_int (port, &number);
      if (number < 1 || number > 65535)
        {
          g_autofree char *port_path = np_path_join (path, "port");

          /* Translators: used as “The port 70000 is out of range…”. */
          check_port_number (v, number, port_path, port, _("The port"));
        }
      if (has_end && (end < number || end < 1 || end > 65535))
        {
          g_autofree char *end_path = np_path_join (path, "endPort");

          if (end < number)
            report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, end_port,
                    _("endPort %lld must be greater than or equal to port %lld."),
                    (long long) end, (long long) number);
          check_port_number (v, end, end_path, end_port, _("The end port"));
        }
    }
}

static void
check_rules (Validator *v, NpDirection direction, const NpNode *spec)
{
  const char *key = direction == NP_DIRECTION_INGRESS ? "ingress" : "egress";
  const char *peers_key = direction == NP_DIRECTION_INGRESS ? "from" : "to";
  NpNode *rules = list_at (spec, key);

  for (guint i = 0; rules != NULL && i < np_node_get_n_items (rules); i++)
    {
      NpNode *rule = np_node_get_item (rules, i);
      g_autofree char *path = np_path_join_index ("spec", key, i);
      NpNode *peers = list_at (rule, peers_key);
      NpNode *ports = list_at (rule, "ports");

      check_fields (v, rule, path,
                    np_k8s_schema_known_fields (direction == NP_DIRECTION_INGRESS ? NP_K8S_OBJECT_INGRESS_RULE
                                                                                  : NP_K8S_OBJECT_EGRESS_RULE));

      for (guint j = 0; peers != NULL && j < np_node_get_n_items (peers); j++)
        {
          g_autofree char *peer_path = np_path_join_index (path, peers_key, j);

          check_peer (v, np_node_get_item (peers, j), peer_path);
        }
      for (guint j = 0; ports != NULL && j < np_node_get_n_items (ports); j++)
        {
          g_autofree char *port_path = np_path_join_index (path, "ports", j);

          check_port (v, np_node_get_item (ports, j), port_path);
        }
    }
}

static void
check_string_map (Validator *v, const NpNode *map, const char *path, gboolean values_are_labels)
{
  gsize total = 0;

  if (map == NULL || np_node_is_null (map))
    return;
  if (np_node_get_kind (map) != NP_NODE_MAPPING)
    {
      report (v, NP_SEVERITY_ERROR, "wrong-type", path, map,
              /* Translators: the first %s is a field path such as “metadata.labels”; the second a YAML type such as “a list”. */
              _("%s must be a mapping of strings, not %s."), path, np_node_describe_type (map));
      return;
    }
  for (guint i = 0; i < np_node_get_n_pairs (map); i++)
    {
      const char *key = np_node_get_key (map, i);
      NpNode *value = np_node_get_value (map, i);
      g_autofree char *item_path = np_path_join (path, key);

      const char *text;

      if (values_are_labels)
        check_label_key (v, key, item_path, np_node_get_key_node (map, i));
      else
        {
          /* The API server lower-cases annotation keys before checking them. */
          g_autofree char *lower = g_ascii_strdown (key, -1);
          check_label_key (v, lower, item_path, np_node_get_key_node (map, i));
        }
      if (!np_node_is_string (value) && !np_node_is_null (value))
        {
          report (v, NP_SEVERITY_ERROR, "wrong-type", item_path, value,
                  /* Translators: the first %s is a field path such as “metadata.labels.app”; the second a YAML type such as “a number”. */
                  _("%s must be a string, not %s (quote it)."), item_path, np_node_describe_type (value));
          continue;
        }
      /* null decodes to the empty string */
      text = np_node_is_null (value) ? "" : np_node_get_text (value);
      total += strlen (key) + strlen (text);
      if (values_are_labels)
        check_label_value (v, text, item_path, value);
    }
  if (!values_are_labels && total > MAX_ANNOTATIONS_SIZE)
    report (v, NP_SEVERITY_ERROR, "annotations-too-long", path, map,
            _("The annotations add up to %llu bytes; the limit is 256 KiB."), (unsigned long long) total);
}

static void
check_metadata (Validator *v, const NpNode *root)
{
  const NpNode *metadata = np_node_lookup (root, "metadata");
  const char *name, *namespace_;
  g_autofree char *reason = NULL;

  if (metadata != NULL && np_node_get_kind (metadata) != NP_NODE_MAPPING)
    metadata = NULL;
  name = text_at (metadata, "name");
  namespace_ = text_at (metadata, "namespace");
  check_fields (v, metadata, "metadata", np_k8s_schema_known_fields (NP_K8S_OBJECT_METADATA));

  if (name == NULL || *name == '\0')
    {
      if (!np_node_is_string (np_node_lookup (metadata, "generateName")))
        report (v, NP_SEVERITY_ERROR, "required", "metadata.name", metadata ? metadata : root,
                _("The policy needs a name (metadata.name)."));
    }
  else if (!np_k8s_check_dns1123_subdomain (name, &reason))
    report (v, NP_SEVERITY_ERROR, "invalid-name", "metadata.name", at (metadata, "name"),
            _("“%s” is not a valid name: %s."), name, reason);

  g_clear_pointer (&reason, g_free);
  if (namespace_ == NULL || *namespace_ == '\0')
    report (v, NP_SEVERITY_WARNING, "no-namespace", "metadata.namespace", metadata ? metadata : root,
            _("No namespace: kubectl will put the policy in the current context's namespace. "
            "Say which namespace it protects."));
  else if (!np_k8s_check_dns1123_label (namespace_, &reason))
    report (v, NP_SEVERITY_ERROR, "invalid-namespace", "metadata.namespace", at (metadata, "namespace"),
            _("“%s” is not a valid namespace: %s."), namespace_, reason);

  check_string_map (v, np_node_lookup (metadata, "labels"), "metadata.labels", TRUE);
  check_string_map (v, np_node_lookup (metadata, "annotations"), "metadata.annotations", FALSE);
}

static void
check_policy_types (Validator *v, const NpNode *spec)
{
  static const char * const allowed[] = { "Ingress", "Egress", NULL };
  NpNode *list = list_at (spec, "policyTypes");
  guint n = list != NULL ? np_node_get_n_items (list) : 0;

  if (n > 2)
    report (v, NP_SEVERITY_ERROR, "too-many-policy-types", "spec.policyTypes", at (spec, "policyTypes"),
            g_dngettext (GETTEXT_PACKAGE, "policyTypes has %u entry; it takes at most two, Ingress and Egress.",
                         "policyTypes has %u entries; it takes at most two, Ingress and Egress.", n), n);
  for (guint i = 0; i < n; i++)
    {
      NpNode *node = np_node_get_item (list, i);
      const char *type = np_node_is_string (node) ? np_node_get_text (node) : "";
      g_autofree char *path = NULL;
      const char *suggestion;

      if (g_strv_contains (allowed, type))
        continue;
      path = g_strdup_printf ("spec.policyTypes[%u]", i);
      suggestion = np_suggest_field (type, allowed);
      report (v, NP_SEVERITY_ERROR, "invalid-policy-type", path, node,
              _("“%s” is not a policy type: use “%s”."), type,
              /* Translators: this fills the %s of ““%s” is not a policy type: use “%s”.”, inside its quotation marks. */
              suggestion ? suggestion : _("Ingress” or “Egress"));
    }
}

/* The checks themselves, on a tree that reads as a policy. @spec_optional:
 * a policy built in the editor, which has no spec until something is in
 * it, counts as having an empty one. */
static void
check_policy (Validator *v, const NpNode *root, gboolean spec_optional)
{
  const NpNode *spec;
  const NpNode *pod_selector;
  const char *api_version, *kind;

  spec = np_node_lookup (root, "spec");
  if (spec != NULL && np_node_get_kind (spec) != NP_NODE_MAPPING)
    spec = NULL;

  check_fields (v, root, NULL, np_k8s_schema_known_fields (NP_K8S_OBJECT_POLICY));

  api_version = text_at (root, "apiVersion");
  kind = text_at (root, "kind");
  if (api_version == NULL || *api_version == '\0')
    report (v, NP_SEVERITY_ERROR, "required", "apiVersion", root,
            _("apiVersion is missing: a NetworkPolicy needs “apiVersion: %s”."), NP_K8S_API_VERSION);
  else if (!g_str_equal (api_version, NP_K8S_API_VERSION))
    report (v, NP_SEVERITY_ERROR, "wrong-api-version", "apiVersion", at (root, "apiVersion"),
            _("“%s” is not the API of a NetworkPolicy: use “%s”."), api_version, NP_K8S_API_VERSION);
  if (kind == NULL || *kind == '\0')
    report (v, NP_SEVERITY_ERROR, "required", "kind", root,
            _("kind is missing: write “kind: %s”."), NP_K8S_KIND);
  else if (!g_str_equal (kind, NP_K8S_KIND))
    report (v, NP_SEVERITY_ERROR, "wrong-kind", "kind", at (root, "kind"),
            /* Translators: the second %s is an API version such as “networking.k8s.io/v1”; the third a kind such as “NetworkPolicy”. */
            _("“%s” is not a kind of the %s API: use “%s”."), kind, NP_K8S_API_VERSION, NP_K8S_KIND);

  check_metadata (v, root);

  if (spec == NULL && !spec_optional)
    {
      report (v, NP_SEVERITY_ERROR, "required", "spec", root,
              _("The policy has no spec: it needs at least “spec: {podSelector: {}}”."));
      return;
    }
  check_fields (v, spec, "spec", np_k8s_schema_known_fields (NP_K8S_OBJECT_SPEC));

  /* A value, not a pointer, in Go: null reads as {} (all pods). */
  pod_selector = np_node_lookup (spec, "podSelector");
  if (pod_selector == NULL)
    report (v, NP_SEVERITY_ERROR, "required", "spec.podSelector", spec,
            _("spec.podSelector is required: use {} to select every pod in the namespace."));
  else
    check_selector (v, pod_selector, "spec.podSelector");

  check_policy_types (v, spec);
  check_rules (v, NP_DIRECTION_INGRESS, spec);
  check_rules (v, NP_DIRECTION_EGRESS, spec);
}

gboolean
np_policy_validate_node (NpNode          *root,
                         NpValidateFlags  flags,
                         GPtrArray       *diagnostics)
{
  Validator v = { diagnostics, flags };

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (diagnostics != NULL, FALSE);

  /* What does not read as a policy has only its type errors. */
  if (!np_policy_check_node (root, diagnostics))
    return FALSE;
  check_policy (&v, root, FALSE);
  return TRUE;
}

void
np_policy_validate (NpPolicy        *policy,
                    NpValidateFlags  flags,
                    GPtrArray       *diagnostics)
{
  Validator v = { diagnostics, flags };
  NpNode *source;
  g_autoptr(NpNode) tree = NULL;
  guint first = diagnostics != NULL ? diagnostics->len : 0;

  g_return_if_fail (NP_IS_POLICY (policy));
  g_return_if_fail (diagnostics != NULL);

  /* One set of checks, on trees: the model's own tree is its source while
   * the model says what the source says (positions and all), else the tree
   * the model writes. */
  source = np_model_get_source (policy);
  tree = np_policy_to_node (policy, NP_CODEC_DEFAULT);
  if (source != NULL && np_node_equal (tree, source))
    {
      check_policy (&v, source, FALSE);
      return;
    }
  check_policy (&v, tree, source == NULL);
  /* The new tree has no positions: give those of the source where it has
   * the field, as the editor does for its preview. */
  if (source != NULL)
    np_diagnostics_relocate (diagnostics, first, source);
}

void
np_diagnostics_relocate (GPtrArray *diagnostics,
                         guint      first,
                         NpNode    *root)
{
  g_return_if_fail (diagnostics != NULL);

  for (guint i = first; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);
      const char *path = np_diagnostic_get_path (d);
      gboolean key = g_strcmp0 (np_diagnostic_get_code (d), "unknown-field") == 0;
      NpNode *node = path ? np_node_lookup_path (root, path, key, NULL) : root;

      if (node == NULL)
        node = root;
      if (node != NULL)
        np_diagnostic_set_position (d, np_node_get_line (node), np_node_get_column (node));
    }
}

gboolean
np_diagnostics_have_errors (GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    if (np_diagnostic_get_severity (g_ptr_array_index (diagnostics, i)) == NP_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}
