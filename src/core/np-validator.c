/* np-validator.c: the API server's checks of a NetworkPolicy, and strict field checking
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "np-diagnostic.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"
#include "np-validator.h"

#define MAX_ANNOTATIONS_SIZE (256 * 1024)

typedef struct {
  GPtrArray       *out;
  NpValidateFlags  flags;
} Validator;

static const char * const top_fields[] = { "apiVersion", "kind", "metadata", "spec", "status", NULL };
static const char * const metadata_fields[] = {
  "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
  "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
  "annotations", "ownerReferences", "finalizers", "managedFields", NULL
};
static const char * const spec_fields[] = { "podSelector", "policyTypes", "ingress", "egress", NULL };
static const char * const ingress_fields[] = { "from", "ports", NULL };
static const char * const egress_fields[] = { "to", "ports", NULL };
static const char * const peer_fields[] = { "podSelector", "namespaceSelector", "ipBlock", NULL };
static const char * const ip_block_fields[] = { "cidr", "except", NULL };
static const char * const port_fields[] = { "protocol", "port", "endPort", NULL };
static const char * const selector_fields[] = { "matchLabels", "matchExpressions", NULL };
static const char * const requirement_fields[] = { "key", "operator", "values", NULL };

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

      if (g_strv_contains (known, key))
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

static void
check_selector (Validator *v, NpLabelSelector *selector, const char *path, const NpNode *parent)
{
  NpNode *source = np_model_get_source (selector);
  const NpNode *here = source != NULL ? source : parent;
  GListModel *terms = np_label_selector_get_requirements (selector);
  guint expression_index = 0;

  check_fields (v, source, path, selector_fields);

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      NpNode *term_source = np_model_get_source (term);
      const char *key = np_selector_requirement_get_key (term);

      if (np_selector_requirement_is_label (term))
        {
          g_autofree char *label_path = g_strconcat (path, ".matchLabels.", key, NULL);
          NpNode *labels = np_node_lookup (source, "matchLabels");
          const NpNode *key_node = np_node_lookup_key (labels, key);

          check_label_key (v, key, label_path, key_node ? key_node : here);
          check_label_value (v, np_selector_requirement_get_value (term), label_path,
                             term_source ? term_source : here);
        }
      else
        {
          g_autofree char *term_path = np_path_join_index (path, "matchExpressions", expression_index++);
          g_autofree char *key_path = np_path_join (term_path, "key");
          g_autofree char *op_path = np_path_join (term_path, "operator");
          g_autofree char *values_path = np_path_join (term_path, "values");
          const char *op = np_selector_requirement_get_operator (term);
          const char * const *values = np_selector_requirement_get_values (term);
          guint n_values = values ? g_strv_length ((char **) values) : 0;
          const NpNode *term_here = term_source ? term_source : here;

          check_fields (v, term_source, term_path, requirement_fields);

          if (key == NULL || *key == '\0')
            report (v, NP_SEVERITY_ERROR, "required", key_path, term_here,
                    _("A selector expression needs a key."));
          else
            check_label_key (v, key, key_path, at (term_source, "key"));

          if (g_strcmp0 (op, "In") == 0 || g_strcmp0 (op, "NotIn") == 0)
            {
              if (n_values == 0)
                report (v, NP_SEVERITY_ERROR, "selector-values", values_path, at (term_source, "values"),
                        _("The operator %s needs at least one value."), op);
            }
          else if (g_strcmp0 (op, "Exists") == 0 || g_strcmp0 (op, "DoesNotExist") == 0)
            {
              if (n_values > 0)
                report (v, NP_SEVERITY_ERROR, "selector-values", values_path, at (term_source, "values"),
                        _("The operator %s takes no values; remove them."), op);
            }
          else if (op == NULL || *op == '\0')
            report (v, NP_SEVERITY_ERROR, "required", op_path, term_here,
                    _("A selector expression needs an operator: In, NotIn, Exists or DoesNotExist."));
          else
            {
              static const char * const operators[] = { "In", "NotIn", "Exists", "DoesNotExist", NULL };
              const char *suggestion = np_suggest_field (op, operators);

              report (v, NP_SEVERITY_ERROR, "invalid-operator", op_path, at (term_source, "operator"),
                      /* Translators: the first %s is what was written as the operator; the next three %s are empty, or “ (did you mean “”, the suggested operator and “”?)”. */
                      _("“%s” is not an operator%s%s%s: use In, NotIn, Exists or DoesNotExist (they are case-sensitive)."),
                      /* Translators: this and “”?)” enclose a suggested operator, such as “ (did you mean “NotIn”?)”, inside a longer message. */
                      op, suggestion ? _(" (did you mean “") : "", suggestion ? suggestion : "", suggestion ? _("”?)") : "");
            }

          for (guint j = 0; j < n_values; j++)
            {
              g_autofree char *value_path = np_path_index (values_path, j);
              NpNode *values_node = np_node_lookup (term_source, "values");
              const NpNode *value_node = values_node && np_node_get_kind (values_node) == NP_NODE_SEQUENCE &&
                                         j < np_node_get_n_items (values_node)
                                         ? np_node_get_item (values_node, j) : term_here;

              check_label_value (v, values[j], value_path, value_node);
            }
        }
    }
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
check_ip_block (Validator *v, NpIpBlock *block, const char *path, const NpNode *parent)
{
  NpNode *source = np_model_get_source (block);
  const NpNode *here = source ? source : parent;
  const char *cidr_text = np_ip_block_get_cidr (block);
  const char * const *except = np_ip_block_get_except (block);
  g_autofree char *cidr_path = np_path_join (path, "cidr");
  NpCidr cidr;
  gboolean cidr_ok = FALSE;

  check_fields (v, source, path, ip_block_fields);

  if (cidr_text == NULL || *cidr_text == '\0')
    report (v, NP_SEVERITY_ERROR, "required", cidr_path, here,
            _("An ipBlock needs a cidr, such as 10.0.0.0/8."));
  else
    check_cidr_text (v, cidr_text, cidr_path, at (source, "cidr"), &cidr, &cidr_ok);

  for (guint i = 0; except != NULL && except[i] != NULL; i++)
    {
      g_autofree char *except_path = np_path_join_index (path, "except", i);
      NpNode *list = np_node_lookup (source, "except");
      const NpNode *node = list && np_node_get_kind (list) == NP_NODE_SEQUENCE && i < np_node_get_n_items (list)
                           ? np_node_get_item (list, i) : here;
      NpCidr inner;
      gboolean inner_ok;

      check_cidr_text (v, except[i], except_path, node, &inner, &inner_ok);
      if (!inner_ok || !cidr_ok)
        continue;
      if (inner.family != cidr.family)
        report (v, NP_SEVERITY_ERROR, "except-outside", except_path, node,
                /* Translators: %d is an IP version, 4 or 6. */
                _("The exception “%s” is IPv%d but the cidr “%s” is IPv%d."),
                except[i], inner.family, cidr_text, cidr.family);
      else if (!np_cidr_contains (&cidr, &inner) || inner.prefix <= cidr.prefix)
        report (v, NP_SEVERITY_ERROR, "except-outside", except_path, node,
                _("The exception “%s” must be a range strictly inside “%s”."), except[i], cidr_text);
    }
}

static void
check_peer (Validator *v, NpPolicyPeer *peer, const char *path, const NpNode *parent)
{
  NpNode *source = np_model_get_source (peer);
  const NpNode *here = source ? source : parent;
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (peer);
  NpIpBlock *block = np_policy_peer_get_ip_block (peer);
  guint n = (pods != NULL) + (namespaces != NULL) + (block != NULL);

  check_fields (v, source, path, peer_fields);

  if (n == 0)
    report (v, NP_SEVERITY_ERROR, "empty-peer", path, here,
            _("A peer must say who: podSelector, namespaceSelector or ipBlock. "
            "To allow every peer, leave the peer list out instead of writing {}."));
  else if (block != NULL && n > 1)
    report (v, NP_SEVERITY_ERROR, "ipblock-with-selector", path, here,
            _("An ipBlock must stand alone in its peer: put the selectors in a separate entry."));

  if (pods != NULL)
    {
      g_autofree char *sub = np_path_join (path, "podSelector");
      check_selector (v, pods, sub, here);
    }
  if (namespaces != NULL)
    {
      g_autofree char *sub = np_path_join (path, "namespaceSelector");
      check_selector (v, namespaces, sub, here);
    }
  if (block != NULL)
    {
      g_autofree char *sub = np_path_join (path, "ipBlock");
      check_ip_block (v, block, sub, here);
    }
}

static void
check_port_number (Validator *v, gint64 number, const char *path, const NpNode *node, const char *what)
{
  if (number < 1 || number > 65535)
    report (v, NP_SEVERITY_ERROR, "invalid-port", path, node,
            _("%s %lld is out of range: use 1 to 65535."), what, (long long) number);
}

static void
check_port (Validator *v, NpPolicyPort *port, const char *path, const NpNode *parent)
{
  static const char * const protocols[] = { "TCP", "UDP", "SCTP", NULL };
  NpNode *source = np_model_get_source (port);
  const char *protocol = np_policy_port_get_protocol (port);
  g_autofree char *protocol_path = np_path_join (path, "protocol");
  g_autofree char *port_path = np_path_join (path, "port");
  g_autofree char *end_path = np_path_join (path, "endPort");
  gboolean has_end = np_policy_port_get_has_end_port (port);
  gint64 end = np_policy_port_get_end_port (port);

  check_fields (v, source, path, port_fields);

  if (protocol != NULL && !g_strv_contains (protocols, protocol))
    {
      g_autofree char *upper = g_ascii_strup (protocol, -1);

      if (g_strv_contains (protocols, upper))
        report (v, NP_SEVERITY_ERROR, "invalid-protocol", protocol_path, at (source, "protocol"),
                _("“%s” is not a protocol: write it in capitals, “%s”."), protocol, upper);
      else
        report (v, NP_SEVERITY_ERROR, "invalid-protocol", protocol_path, at (source, "protocol"),
                _("“%s” is not a protocol a NetworkPolicy supports: use TCP, UDP or SCTP."), protocol);
    }

  switch (np_policy_port_get_port_kind (port))
    {
    case NP_PORT_KIND_NUMBER:
      {
        gint64 number = np_policy_port_get_port_number (port);

        /* Translators: used as “The port 70000 is out of range…”. */
        check_port_number (v, number, port_path, at (source, "port"), _("The port"));
        if (has_end)
          {
            if (end < number)
              report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, at (source, "endPort"),
                      _("endPort %lld must be greater than or equal to port %lld."),
                      (long long) end, (long long) number);
            check_port_number (v, end, end_path, at (source, "endPort"), _("The end port"));
          }
      }
      break;

    case NP_PORT_KIND_NAME:
      {
        const char *name = np_policy_port_get_port_name (port);
        g_autofree char *reason = NULL;
        gint64 number;

        if (has_end)
          report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, at (source, "endPort"),
                  _("endPort cannot be used with a named port (“%s”): a range needs a numeric port."), name);
        if (!np_k8s_check_port_name (name, &reason))
          {
            char *end_ptr = NULL;

            number = g_ascii_strtoll (name, &end_ptr, 10);
            if (*name != '\0' && end_ptr != NULL && *end_ptr == '\0')
              report (v, NP_SEVERITY_ERROR, "invalid-port", port_path, at (source, "port"),
                      _("The port “%s” is written as a string, so it would be a port name, and a name "
                        "needs a letter: remove the quotes to mean port %lld."), name, (long long) number);
            else
              report (v, NP_SEVERITY_ERROR, "invalid-port", port_path, at (source, "port"),
                      _("“%s” is not a valid port name: %s."), name, reason);
          }
      }
      break;

    case NP_PORT_KIND_NONE:
    default:
      if (has_end)
        report (v, NP_SEVERITY_ERROR, "invalid-end-port", end_path, at (source, "endPort"),
                _("endPort needs a port to start the range from."));
      break;
    }
}

static void
check_rules (Validator *v, NpPolicy *policy, NpDirection direction, const NpNode *spec)
{
  GListModel *rules = np_policy_get_rules (policy, direction);
  const char *key = direction == NP_DIRECTION_INGRESS ? "ingress" : "egress";
  const char *peers_key = direction == NP_DIRECTION_INGRESS ? "from" : "to";

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      NpNode *source = np_model_get_source (rule);
      const NpNode *here = source ? source : spec;
      g_autofree char *path = np_path_join_index ("spec", key, i);
      GListModel *peers = np_policy_rule_get_peers (rule);
      GListModel *ports = np_policy_rule_get_ports (rule);

      check_fields (v, source, path,
                    direction == NP_DIRECTION_INGRESS ? ingress_fields : egress_fields);

      for (guint j = 0; j < g_list_model_get_n_items (peers); j++)
        {
          g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, j);
          g_autofree char *peer_path = np_path_join_index (path, peers_key, j);

          check_peer (v, peer, peer_path, here);
        }
      for (guint j = 0; j < g_list_model_get_n_items (ports); j++)
        {
          g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, j);
          g_autofree char *port_path = np_path_join_index (path, "ports", j);

          check_port (v, port, port_path, here);
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
check_metadata (Validator *v, NpPolicy *policy, const NpNode *root)
{
  const NpNode *metadata = np_node_lookup (root, "metadata");
  const char *name = np_policy_get_name (policy);
  const char *namespace_ = np_policy_get_namespace (policy);
  g_autofree char *reason = NULL;

  if (metadata != NULL && np_node_get_kind (metadata) != NP_NODE_MAPPING)
    metadata = NULL;
  check_fields (v, metadata, "metadata", metadata_fields);

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
check_policy_types (Validator *v, NpPolicy *policy, const NpNode *spec)
{
  static const char * const allowed[] = { "Ingress", "Egress", NULL };
  const char * const *types = np_policy_get_policy_types (policy);
  NpNode *list = np_node_lookup (spec, "policyTypes");
  guint n = types ? g_strv_length ((char **) types) : 0;

  if (n > 2)
    report (v, NP_SEVERITY_ERROR, "too-many-policy-types", "spec.policyTypes", at (spec, "policyTypes"),
            g_dngettext (GETTEXT_PACKAGE, "policyTypes has %u entry; it takes at most two, Ingress and Egress.",
                         "policyTypes has %u entries; it takes at most two, Ingress and Egress.", n), n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("spec.policyTypes[%u]", i);
      const NpNode *node = list && np_node_get_kind (list) == NP_NODE_SEQUENCE && i < np_node_get_n_items (list)
                           ? np_node_get_item (list, i) : at (spec, "policyTypes");
      const char *suggestion;

      if (g_strv_contains (allowed, types[i]))
        continue;
      suggestion = np_suggest_field (types[i], allowed);
      report (v, NP_SEVERITY_ERROR, "invalid-policy-type", path, node,
              _("“%s” is not a policy type: use “%s”."), types[i],
              /* Translators: this fills the %s of ““%s” is not a policy type: use “%s”.”, inside its quotation marks. */
              suggestion ? suggestion : _("Ingress” or “Egress"));
    }
}

void
np_policy_validate (NpPolicy        *policy,
                    NpValidateFlags  flags,
                    GPtrArray       *diagnostics)
{
  Validator v = { diagnostics, flags };
  NpNode *root;
  const NpNode *spec;
  const char *api_version, *kind;
  NpLabelSelector *pod_selector;

  g_return_if_fail (NP_IS_POLICY (policy));
  g_return_if_fail (diagnostics != NULL);

  root = np_model_get_source (policy);
  spec = np_node_lookup (root, "spec");
  if (spec != NULL && np_node_get_kind (spec) != NP_NODE_MAPPING)
    spec = NULL;

  check_fields (&v, root, NULL, top_fields);

  api_version = np_policy_get_api_version (policy);
  kind = np_policy_get_kind (policy);
  if (api_version == NULL || *api_version == '\0')
    report (&v, NP_SEVERITY_ERROR, "required", "apiVersion", root,
            _("apiVersion is missing: a NetworkPolicy needs “apiVersion: %s”."), NP_K8S_API_VERSION);
  else if (!g_str_equal (api_version, NP_K8S_API_VERSION))
    report (&v, NP_SEVERITY_ERROR, "wrong-api-version", "apiVersion", at (root, "apiVersion"),
            _("“%s” is not the API of a NetworkPolicy: use “%s”."), api_version, NP_K8S_API_VERSION);
  if (kind == NULL || *kind == '\0')
    report (&v, NP_SEVERITY_ERROR, "required", "kind", root,
            _("kind is missing: write “kind: %s”."), NP_K8S_KIND);
  else if (!g_str_equal (kind, NP_K8S_KIND))
    report (&v, NP_SEVERITY_ERROR, "wrong-kind", "kind", at (root, "kind"),
            /* Translators: the second %s is an API version such as “networking.k8s.io/v1”; the third a kind such as “NetworkPolicy”. */
            _("“%s” is not a kind of the %s API: use “%s”."), kind, NP_K8S_API_VERSION, NP_K8S_KIND);

  check_metadata (&v, policy, root);

  if (root != NULL && spec == NULL)
    {
      report (&v, NP_SEVERITY_ERROR, "required", "spec", root,
              _("The policy has no spec: it needs at least “spec: {podSelector: {}}”."));
      return;
    }
  check_fields (&v, spec, "spec", spec_fields);

  pod_selector = np_policy_get_pod_selector (policy);
  if (pod_selector == NULL)
    report (&v, NP_SEVERITY_ERROR, "required", "spec.podSelector", spec,
            _("spec.podSelector is required: use {} to select every pod in the namespace."));
  else
    check_selector (&v, pod_selector, "spec.podSelector", spec);

  check_policy_types (&v, policy, spec);
  check_rules (&v, policy, NP_DIRECTION_INGRESS, spec);
  check_rules (&v, policy, NP_DIRECTION_EGRESS, spec);
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
