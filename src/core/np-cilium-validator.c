/* np-cilium-validator.c: what the API server and the Cilium agent check in a Cilium policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "np-cilium-validator-private.h"
#include "np-diagnostic.h"
#include "np-k8s-names.h"
#include "np-model-private.h"
#include "np-node-private.h"

/* Sources: cilium/cilium pkg/policy/api (rule_validation.go and the types),
 * pkg/k8s/apis/cilium.io/utils/utils.go and the CRD schemas of cilium.io/v2.
 * Where a verdict differs between Cilium versions, the newest version
 * decides and the message names the others. The toPorts and icmps of a
 * rule are checked in np-cilium-validator-ports.c; reporting, positions
 * and the label, selector and metadata checks come from
 * np-validator-base.c, shared with the NetworkPolicy validator. */

#define MAX_LOG_VALUE    32

/* Schema walk: unknown fields and scalar types ------------------------------ */

static gboolean
special_unknown_field (Validator *v, const NpCsSchema *schema, const NpNode *mapping, guint i, const char *path)
{
  const char *key = np_node_get_key (mapping, i);
  const NpNode *key_node = np_node_get_key_node (mapping, i);
  g_autofree char *field_path = join (path, key);

  if (schema == &np_cs_policy && g_str_equal (key, "description"))
    {
      report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, key_node,
              _("Unknown field “description” at the top level: a Cilium policy keeps its description in "
              "spec.description. The CRD schema of every Cilium version lacks this field, so the API server "
              "drops it (schema pruning), or rejects the object under strict field validation."));
      return TRUE;
    }
  if (schema == &np_cs_metadata && g_str_equal (key, "description"))
    {
      report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, key_node,
              _("Unknown field “description” in metadata: ObjectMeta has no description (put it in "
              "spec.description, or in an annotation). The API server drops it, or rejects the object under "
              "strict field validation, whatever the Cilium version."));
      return TRUE;
    }
  if (g_str_equal (key, "auth") && (np_cs_lookup (schema, "authentication") != NULL ||
                                    np_cs_lookup (schema, "toPorts") != NULL))
    {
      report (v, NP_SEVERITY_ERROR, "renamed-field", field_path, key_node,
              _("“auth” is the mutual-authentication field of Cilium 1.14 development snapshots; released "
              "versions (Cilium 1.14 and later) call it “authentication” and take “mode: required”. "
              "The API server drops “auth”, or rejects it under strict field validation."));
      return TRUE;
    }
  if (g_str_equal (key, "toFQDNs") && np_cs_lookup (schema, "toServices") != NULL)
    {
      report (v, NP_SEVERITY_ERROR, "fqdn-in-deny", field_path, key_node,
              _("toFQDNs is not supported in egressDeny: Cilium only learns DNS names for allow rules. "
              "Deny the addresses with toCIDRSet, or allow only what is needed."));
      return TRUE;
    }
  if (g_str_equal (key, "authentication") && np_cs_lookup (schema, "toPorts") != NULL)
    {
      report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, key_node,
              _("A deny rule cannot require authentication: “authentication” only exists in ingress and egress."));
      return TRUE;
    }
  if (np_cs_lookup (schema, "ports") != NULL && np_cs_lookup (schema, "rules") == NULL &&
      (g_str_equal (key, "rules") || g_str_equal (key, "serverNames") || g_str_equal (key, "listener") ||
       g_str_equal (key, "terminatingTLS") || g_str_equal (key, "originatingTLS")))
    {
      report (v, NP_SEVERITY_ERROR, "l7-in-deny", field_path, key_node,
              /* Translators: %s is a Cilium field name such as “serverNames”. */
              _("A deny rule cannot have “%s”: Cilium denies by address and port only, so the toPorts of "
              "ingressDeny and egressDeny take ports and nothing else."), key);
      return TRUE;
    }
  return FALSE;
}

static void
unknown_field (Validator *v, const NpCsSchema *schema, const NpNode *mapping, guint i, const char *path)
{
  const char *key = np_node_get_key (mapping, i);
  g_autofree char *field_path = join (path, key);
  g_autofree const char **names = NULL;
  const char *suggestion;

  if (special_unknown_field (v, schema, mapping, i, path))
    return;

  names = np_cs_field_names (schema);
  suggestion = np_suggest_field (key, names);
  if (suggestion != NULL)
    report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, np_node_get_key_node (mapping, i),
            /* Translators: the first %s is the unknown field name, the second the known field it resembles. */
            _("Unknown field “%s”: did you mean “%s”? The API server would reject it, or drop it and "
            "everything under it."), key, suggestion);
  else
    report (v, NP_SEVERITY_ERROR, "unknown-field", field_path, np_node_get_key_node (mapping, i),
            /* Translators: the first %s is the unknown field name; the second is the field path of the object that holds it (such as “specs[0].ingress[0]”) or “a Cilium policy”. */
            _("Unknown field “%s”: %s has no such field, so the API server would reject it, or drop it "
            "and everything under it."), key, path && *path ? path : _("a Cilium policy"));
}

static void
wrong_scalar (Validator *v, const NpNode *node, const char *path, const char *expected)
{
  if (np_node_get_kind (node) == NP_NODE_SCALAR && expected != NULL && g_str_equal (expected, "a string"))
    report (v, NP_SEVERITY_ERROR, "wrong-type", path, node,
            /* Translators: the first %s is a field path, the second a YAML type such as “a number”, the third the value as written. */
            _("%s must be a string, not %s: write it in quotes, “\"%s\"”."), path, np_node_describe_type (node),
            np_node_get_text (node));
  else
    report (v, NP_SEVERITY_ERROR, "wrong-type", path, node,
            /* Translators: the first %s is a field path, the second what it must be (such as “a list”), the third the YAML type found (such as “a number”). */
            _("%s must be %s, not %s."), path, expected, np_node_describe_type (node));
}

/* The field path of a value walk() looks at, as a chain on the stack: it
 * is only spelt out for a finding, which for a valid policy is never. */
typedef NpNodePath WalkPath;

static void
walk (Validator *v, const NpNode *node, const NpCsSchema *schema, const WalkPath *at_path)
{
  g_autofree char *path = NULL;

  if (np_cilium_is_absent (node))
    return;

  switch (schema->kind)
    {
    case NP_CS_ANY:
      break;

    case NP_CS_STRING:
      if (!np_node_is_string (node))
        {
          path = np_node_path_to_string (at_path);
          wrong_scalar (v, node, path, "a string");
        }
      break;

    case NP_CS_INT:
      if (!np_node_get_int (node, NULL))
        {
          path = np_node_path_to_string (at_path);
          wrong_scalar (v, node, path, schema->what);
        }
      break;

    case NP_CS_BOOL:
      if (!np_node_get_bool (node, NULL))
        {
          path = np_node_path_to_string (at_path);
          wrong_scalar (v, node, path, schema->what);
        }
      break;

    case NP_CS_INT_OR_STRING:
      if (!np_node_is_string (node) && !np_node_get_int (node, NULL))
        {
          path = np_node_path_to_string (at_path);
          wrong_scalar (v, node, path, schema->what);
        }
      break;

    case NP_CS_STRING_MAP:
      if (np_node_get_kind (node) != NP_NODE_MAPPING)
        break;
      for (guint i = 0; i < np_node_get_n_pairs (node); i++)
        {
          NpNode *value = np_node_get_value (node, i);

          if (!np_node_is_string (value) && !np_node_is_null (value))
            {
              const WalkPath sub_path = { at_path, np_node_get_key (node, i), 0 };
              g_autofree char *sub = np_node_path_to_string (&sub_path);

              report (v, NP_SEVERITY_ERROR, "wrong-type", sub, value,
                      _("%s must be a string, not %s (quote it)."), sub, np_node_describe_type (value));
            }
        }
      break;

    case NP_CS_OBJECT:
      if (np_node_get_kind (node) != NP_NODE_MAPPING)
        break;
      for (guint i = 0; i < np_node_get_n_pairs (node); i++)
        {
          const NpCsSchema *field = np_cs_lookup (schema, np_node_get_key (node, i));
          const WalkPath sub_path = { at_path, np_node_get_key (node, i), 0 };

          if (field == NULL)
            {
              if (path == NULL)
                path = np_node_path_to_string (at_path);
              unknown_field (v, schema, node, i, path);
              continue;
            }
          walk (v, np_node_get_value (node, i), field, &sub_path);
        }
      break;

    case NP_CS_LIST:
      if (np_node_get_kind (node) != NP_NODE_SEQUENCE)
        break;
      for (guint i = 0; i < np_node_get_n_items (node); i++)
        {
          NpNode *item = np_node_get_item (node, i);
          const WalkPath sub_path = { at_path, NULL, i };

          /* A null item of a list of scalars is no value at all. */
          if (np_node_is_null (item) && schema->items->kind != NP_CS_OBJECT)
            {
              g_autofree char *sub = np_node_path_to_string (&sub_path);

              report (v, NP_SEVERITY_ERROR, "wrong-type", sub, item,
                      /* Translators: the first %s is a field path, the second what it must be, such as “a list of strings”. */
                      _("%s is empty: it must be %s."), sub, schema->items->what);
            }
          else
            walk (v, item, schema->items, &sub_path);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Names and labels ---------------------------------------------------------- */

/* A selector's label key may name its source ("k8s:app", "reserved:host");
 * the shared selector check sends here each key that is no plain label key. */
static void
check_selector_key (NpValidation *base, const char *key, const char *path, const NpNode *node)
{
  Validator *v = (Validator *) base;
  g_autofree char *source = NULL;
  g_autofree char *reason = NULL;
  const char *name = np_cilium_split_label_key (key, &source);

  if (source != NULL && g_str_equal (source, "reserved"))
    {
      static const char * const reserved[] = {
        "host", "world", "world-ipv4", "world-ipv6", "cluster", "health", "init", "ingress",
        "remote-node", "kube-apiserver", "unmanaged", "unknown", NULL
      };

      if (!g_strv_contains (reserved, name))
        report (v, NP_SEVERITY_WARNING, "unknown-reserved-label", path, node,
                _("“%s” is no reserved identity Cilium knows (host, world, cluster, health, init, ingress, "
                "remote-node, kube-apiserver, unmanaged…), so the selector matches nothing."), key);
      return;
    }
  if (source != NULL && g_str_equal (source, "cidr"))
    return;
  if (!np_k8s_check_label_key (name, &reason))
    {
      if (source == NULL && strchr (key, ':') != NULL)
        report (v, NP_SEVERITY_ERROR, "invalid-label-key", path, node,
                /* Translators: the first %s is the label key; the second %s is a reason such as “must be no more than 63 characters”. */
                _("“%s” is not a valid label key: the part before the ':' is no label source Cilium knows "
                "(k8s, any, reserved, cidr, …), and the rest %s."), key, reason);
      else
        report (v, NP_SEVERITY_ERROR, "invalid-label-key", path, node,
                _("“%s” is not a valid label key: %s."), key, reason);
    }
}

static void
check_selector (Validator *v, const NpNode *node, const char *path)
{
  np_validation_check_selector (&v->base, node, path);
}

static void
check_selector_list (Validator *v, const NpNode *entry, const char *key, const char *path)
{
  NpNode *list = np_cilium_get_list (entry, key);
  g_autofree char *list_path = join (path, key);

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      g_autofree char *sub = item_path (list_path, i);

      check_selector (v, np_node_get_item (list, i), sub);
    }
}

/* The whole object ------------------------------------------------------------ */

static void
check_type_meta (Validator *v, const NpNode *root)
{
  const char *api_version = np_cilium_get_text (root, "apiVersion");
  const char *kind = np_cilium_get_text (root, "kind");

  if (api_version == NULL || *api_version == '\0')
    report (v, NP_SEVERITY_ERROR, "required", "apiVersion", root,
            /* Translators: the first %s is a kind such as “CiliumNetworkPolicy”, the second an API version such as “cilium.io/v2”. */
            _("apiVersion is missing: a %s needs “apiVersion: %s”."), v->kind_name, NP_CILIUM_API_VERSION);
  else if (!g_str_equal (api_version, NP_CILIUM_API_VERSION))
    report (v, NP_SEVERITY_ERROR, "wrong-api-version", "apiVersion", at (root, "apiVersion"),
            /* Translators: the first %s is the apiVersion as written, the second a kind such as “CiliumNetworkPolicy”, the third an API version such as “cilium.io/v2”. */
            _("“%s” is not the API of a %s: use “%s”."), api_version, v->kind_name, NP_CILIUM_API_VERSION);

  if (kind == NULL || *kind == '\0')
    report (v, NP_SEVERITY_ERROR, "required", "kind", root,
            _("kind is missing: write “kind: %s”."), v->kind_name);
  else if (!g_str_equal (kind, NP_CILIUM_KIND) && !g_str_equal (kind, NP_CILIUM_CLUSTERWIDE_KIND))
    report (v, NP_SEVERITY_ERROR, "wrong-kind", "kind", at (root, "kind"),
            /* Translators: the second %s is an API version such as “cilium.io/v2”; the third a kind such as “CiliumNetworkPolicy”. */
            _("“%s” is not a kind of the %s API: use “%s”."), kind, NP_CILIUM_API_VERSION, v->kind_name);
}

static void
check_metadata (Validator *v, const NpNode *root)
{
  const NpNode *metadata = np_node_lookup (root, "metadata");

  if (metadata != NULL && np_node_get_kind (metadata) != NP_NODE_MAPPING)
    metadata = NULL;

  np_validation_check_name (&v->base, root, metadata);
  if (v->clusterwide)
    {
      const char *namespace_ = np_cilium_get_text (metadata, "namespace");

      if (namespace_ != NULL && *namespace_ != '\0')
        report (v, NP_SEVERITY_WARNING, "namespace-ignored", "metadata.namespace", at (metadata, "namespace"),
                _("A CiliumClusterwideNetworkPolicy is cluster-scoped: its namespace “%s” is ignored, and the "
                "rules apply in every namespace."), namespace_);
    }
  else
    np_validation_check_namespace (&v->base, root, metadata,
                                   _("No namespace: kubectl will put the policy in the current context's namespace, and the policy "
                                   "selects pods of that namespace only. Say which namespace it protects."));

  np_validation_check_string_map (&v->base, np_node_lookup (metadata, "labels"), "metadata.labels", TRUE);
  np_validation_check_string_map (&v->base, np_node_lookup (metadata, "annotations"), "metadata.annotations", FALSE);
}

/* Peers ----------------------------------------------------------------------- */

static void
check_entities (Validator *v, const NpNode *entry, const char *key, const char *path)
{
  NpNode *list = np_cilium_get_list (entry, key);
  g_autofree char *list_path = join (path, key);

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      g_autofree char *sub = item_path (list_path, i);
      const char *entity = np_node_is_string (item) ? np_node_get_text (item) : NULL;
      const char *suggestion;

      if (entity == NULL || g_strv_contains (np_cilium_entities, entity))
        continue;
      suggestion = np_suggest_field (entity, np_cilium_entities);
      report (v, NP_SEVERITY_ERROR, "unknown-entity", sub, item,
              /* Translators: the first %s is what was written; the next three %s are empty, or “ (did you mean “”, the suggested entity and “”?)”. */
              _("“%s” is not an entity%s%s%s: use all, world, cluster, host, remote-node, kube-apiserver, init, "
              "health, unmanaged, ingress or none."), entity,
              suggestion ? _(" (did you mean “") : "", suggestion ? suggestion : "", suggestion ? _("”?)") : "");
    }
}

/* A prefix ("10.0.0.0/8") or, when @bare_ok, a single address. Go's netip
 * parser rejects leading zeros and accepts host bits. */
static gboolean
parse_cidr (Validator *v, const char *text, gboolean bare_ok, const char *path, const NpNode *node, NpCidr *out)
{
  g_autofree char *reason = NULL;
  NpCidrLaxIssues issues = NP_CIDR_LAX_NONE;

  if (bare_ok && strchr (text, '/') == NULL)
    {
      if (np_ip_parse (text, out, &reason))
        return TRUE;
      report (v, NP_SEVERITY_ERROR, "invalid-cidr", path, node,
              /* Translators: the second %s is a reason such as “must not contain spaces”. */
              _("“%s” is not a valid CIDR or IP address: it %s."), text, reason);
      return FALSE;
    }
  if (!np_cidr_parse (text, out, &issues, &reason))
    {
      report (v, NP_SEVERITY_ERROR, "invalid-cidr", path, node,
              /* Translators: the second %s is a reason such as “must not contain spaces”. */
              _("“%s” is not a valid CIDR: it %s."), text, reason);
      return FALSE;
    }
  if (issues & NP_CIDR_LAX_LEADING_ZERO)
    {
      report (v, NP_SEVERITY_ERROR, "invalid-cidr", path, node,
              _("“%s” is not a valid CIDR: Cilium rejects leading zeros in addresses and prefix lengths."), text);
      return FALSE;
    }
  return TRUE;
}

static void
check_cidrs (Validator *v, const NpNode *entry, const char *key, const char *path)
{
  NpNode *list = np_cilium_get_list (entry, key);
  g_autofree char *list_path = join (path, key);

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      g_autofree char *sub = item_path (list_path, i);
      NpCidr cidr;

      if (!np_node_is_string (item))
        continue;
      if (*np_node_get_text (item) == '\0')
        report (v, NP_SEVERITY_ERROR, "invalid-cidr", sub, item, _("An empty CIDR: give an address or a prefix."));
      else
        parse_cidr (v, np_node_get_text (item), TRUE, sub, item, &cidr);
    }
}

static void
check_cidr_set (Validator *v, const NpNode *entry, const char *key, const char *path)
{
  NpNode *list = np_cilium_get_list (entry, key);
  g_autofree char *list_path = join (path, key);

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      g_autofree char *sub = item_path (list_path, i);
      const char *cidr_text = np_cilium_get_text (item, "cidr");
      const char *group_ref = np_cilium_get_text (item, "cidrGroupRef");
      gboolean has_cidr = cidr_text != NULL && *cidr_text != '\0';
      gboolean has_ref = group_ref != NULL && *group_ref != '\0';
      gboolean has_selector = present (item, "cidrGroupSelector");
      guint n = has_cidr + has_ref + has_selector;
      NpNode *except = np_cilium_get_list (item, "except");
      NpCidr cidr;
      gboolean cidr_ok = FALSE;

      if (n == 0)
        report (v, NP_SEVERITY_ERROR, "cidr-set-choice", sub, item ? item : entry,
                /* Translators: %s is a Cilium field name such as “toCIDRSet”. */
                _("A %s entry needs one of cidr, cidrGroupRef or cidrGroupSelector."), key);
      else if (n > 1)
        report (v, NP_SEVERITY_ERROR, "cidr-set-choice", sub, item,
                /* Translators: the first %s is a Cilium field name such as “toCIDRSet”; %u is a number of fields, 2 or 3. */
                _("A %s entry takes exactly one of cidr, cidrGroupRef and cidrGroupSelector, not %u of them."),
                key, n);

      if (has_cidr && np_node_is_string (np_node_lookup (item, "cidr")))
        {
          g_autofree char *cidr_path = join (sub, "cidr");

          cidr_ok = parse_cidr (v, cidr_text, FALSE, cidr_path, at (item, "cidr"), &cidr);
        }
      if (has_ref && np_node_is_string (np_node_lookup (item, "cidrGroupRef")))
        {
          g_autofree char *ref_path = join (sub, "cidrGroupRef");
          g_autofree char *reason = NULL;

          if (!np_k8s_check_dns1123_subdomain (group_ref, &reason))
            report (v, NP_SEVERITY_ERROR, "invalid-name", ref_path, at (item, "cidrGroupRef"),
                    _("“%s” is not a valid CiliumCIDRGroup name: %s."), group_ref, reason);
        }
      if (has_selector)
        {
          g_autofree char *selector_path = join (sub, "cidrGroupSelector");

          check_selector (v, np_node_lookup (item, "cidrGroupSelector"), selector_path);
        }
      if (except != NULL && np_node_get_n_items (except) > 0 && !has_cidr && (has_ref || has_selector))
        {
          g_autofree char *except_path = join (sub, "except");

          report (v, NP_SEVERITY_WARNING, "except-ignored", except_path, at (item, "except"),
                  _("except only works together with cidr: Cilium does not support it with a CIDR group."));
        }

      for (guint j = 0; except != NULL && j < np_node_get_n_items (except); j++)
        {
          NpNode *e = np_node_get_item (except, j);
          g_autofree char *e_path = np_path_join_index (sub, "except", j);
          NpCidr inner;

          if (!np_node_is_string (e) || !parse_cidr (v, np_node_get_text (e), FALSE, e_path, e, &inner) || !cidr_ok)
            continue;
          /* Unlike Kubernetes, an exception equal to the cidr is allowed. */
          if (inner.family != cidr.family)
            report (v, NP_SEVERITY_ERROR, "except-outside", e_path, e,
                    /* Translators: %d is an IP version, 4 or 6. */
                    _("The exception “%s” is IPv%d but the cidr “%s” is IPv%d."),
                    np_node_get_text (e), inner.family, cidr_text, cidr.family);
          else if (inner.prefix < cidr.prefix || !np_cidr_contains (&cidr, &inner))
            report (v, NP_SEVERITY_ERROR, "except-outside", e_path, e,
                    _("The exception “%s” must lie inside “%s”."), np_node_get_text (e), cidr_text);
        }
    }
}

gboolean
np_cilium_match_dns (const char *text, gboolean pattern)
{
  /* ^([-a-zA-Z0-9_]+[.]?)+$, with '*' too for patterns: labels of at
   * least one character, each followed by at most one dot. */
  gboolean in_label = FALSE;

  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (pattern && *p == '*'))
        in_label = TRUE;
      else if (*p == '.' && in_label)
        in_label = FALSE;
      else
        return FALSE;
    }
  return TRUE;
}

gboolean
np_cilium_dns_text_valid (const char *text,
                          gboolean    pattern)
{
  return strlen (text) <= NP_CILIUM_MAX_DNS_NAME && np_cilium_match_dns (text, pattern);
}

void
np_cilium_validator_check_fqdn (Validator *v, const NpNode *item, const char *path, gboolean dns_rule)
{
  const char *name = np_cilium_get_text (item, "matchName");
  const char *pattern = np_cilium_get_text (item, "matchPattern");
  gboolean has_name = name != NULL && *name != '\0';
  gboolean has_pattern = pattern != NULL && *pattern != '\0';
  /* Translators: these fill the %s of “%s needs matchName…” and “%s takes exactly one of matchName and matchPattern…”. */
  const char *what = dns_rule ? _("A DNS rule") : _("A toFQDNs entry");

  if (!has_name && !has_pattern)
    report (v, NP_SEVERITY_ERROR, "fqdn-choice", path, item,
            _("%s needs matchName (one DNS name) or matchPattern (with * wildcards)."), what);
  else if (has_name && has_pattern)
    report (v, NP_SEVERITY_ERROR, "fqdn-choice", path, at (item, "matchPattern"),
            _("%s takes exactly one of matchName and matchPattern: split it in two."), what);

  if (has_name && np_node_is_string (np_node_lookup (item, "matchName")))
    {
      g_autofree char *sub = join (path, "matchName");

      if (!np_cilium_dns_text_valid (name, FALSE))
        report (v, NP_SEVERITY_ERROR, "invalid-fqdn", sub, at (item, "matchName"),
                _("“%s” is not a DNS name Cilium accepts: at most 255 characters, letters, digits, '-' and '_' "
                "in labels separated by single dots (wildcards belong in matchPattern)."), name);
    }
  if (has_pattern && np_node_is_string (np_node_lookup (item, "matchPattern")))
    {
      g_autofree char *sub = join (path, "matchPattern");
      const char *rest = g_str_has_prefix (pattern, "**.") ? pattern + 3 : pattern;

      if (!np_cilium_dns_text_valid (pattern, TRUE))
        report (v, NP_SEVERITY_ERROR, "invalid-fqdn", sub, at (item, "matchPattern"),
                _("“%s” is not a DNS pattern Cilium accepts: at most 255 characters, letters, digits, '-', '_' "
                "and '*' in labels separated by single dots."), pattern);
      else if (rest != pattern)
        report (v, NP_SEVERITY_WARNING, "fqdn-multilevel-wildcard", sub, at (item, "matchPattern"),
                _("“%s” starts with “**.”: Cilium 1.19 and later match any number of subdomain levels with it, "
                "while earlier versions read “**” as “*” and match exactly one level."), pattern);
      if (strstr (rest, "**") != NULL)
        report (v, NP_SEVERITY_WARNING, "fqdn-double-star", sub, at (item, "matchPattern"),
                _("“**” inside “%s” means the same as “*” (within one label); only a leading “**.” matches "
                "several levels, in Cilium 1.19 and later."), pattern);
    }
}

static void
check_fqdns (Validator *v, const NpNode *entry, const char *path)
{
  NpNode *list = np_cilium_get_list (entry, "toFQDNs");
  g_autofree char *list_path = join (path, "toFQDNs");

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      g_autofree char *sub = item_path (list_path, i);

      np_cilium_validator_check_fqdn (v, np_node_get_item (list, i), sub, FALSE);
    }
  if (list != NULL && np_node_get_n_items (list) > 0 && !v->has_fqdns)
    {
      v->has_fqdns = TRUE;
      v->first_fqdn = key_at (entry, "toFQDNs");
      v->first_fqdn_path = g_steal_pointer (&list_path);
    }
}

static void
check_services (Validator *v, const NpNode *entry, const char *path)
{
  NpNode *list = np_cilium_get_list (entry, "toServices");
  g_autofree char *list_path = join (path, "toServices");

  for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
    {
      NpNode *item = np_node_get_item (list, i);
      g_autofree char *sub = item_path (list_path, i);
      gboolean by_name = present (item, "k8sService");
      gboolean by_selector = present (item, "k8sServiceSelector");

      if (!by_name && !by_selector)
        report (v, NP_SEVERITY_WARNING, "empty-service", sub, item,
                _("This toServices entry names no service (k8sService or k8sServiceSelector), so it selects "
                "nothing in every Cilium version; it only puts egress in default-deny."));
      else if (by_name && by_selector)
        report (v, NP_SEVERITY_ERROR, "service-choice", sub, at (item, "k8sServiceSelector"),
                _("A toServices entry takes k8sService or k8sServiceSelector, not both."));
      if (by_name)
        {
          NpNode *service = np_node_lookup (item, "k8sService");
          g_autofree char *name_path = g_strdup_printf ("%s.k8sService.serviceName", sub);

          if (np_cilium_get_text (service, "serviceName") == NULL)
            report (v, NP_SEVERITY_ERROR, "required", name_path, service,
                    _("k8sService needs a serviceName."));
        }
      if (by_selector)
        {
          NpNode *by = np_node_lookup (item, "k8sServiceSelector");
          g_autofree char *selector_path = g_strdup_printf ("%s.k8sServiceSelector.selector", sub);

          if (!present (by, "selector"))
            report (v, NP_SEVERITY_ERROR, "required", selector_path, by,
                    _("k8sServiceSelector needs a selector."));
          else
            check_selector (v, np_node_lookup (by, "selector"), selector_path);
        }
    }
}

/* Rules ------------------------------------------------------------------------ */

static void
check_entry (Validator *v, const NpNode *entry, const char *path, NpCiliumSection section, gboolean host)
{
  const char *first_name = NULL;
  NpDirection direction = np_cilium_section_get_direction (section);
  gboolean egress = direction == NP_DIRECTION_EGRESS;
  const char *requires_key = egress ? "toRequires" : "fromRequires";

  if (entry == NULL || np_node_get_kind (entry) != NP_NODE_MAPPING)
    return;

  /* One kind of peer per rule, in the order they are written. */
  for (guint i = 0; i < np_node_get_n_pairs (entry); i++)
    {
      const char *key = np_node_get_key (entry, i);
      gboolean is_peer = FALSE;

      for (guint k = NP_CILIUM_PEER_ENDPOINTS; k < NP_CILIUM_N_PEER_KINDS; k++)
        if (g_strcmp0 (np_cilium_peer_kind_to_key (k, section), key) == 0)
          is_peer = TRUE;
      if (!is_peer || np_cilium_list_length (entry, key) == 0)
        continue;
      if (first_name == NULL)
        {
          first_name = key;
          continue;
        }
      {
        g_autofree char *sub = join (path, key);
        gboolean cidr_pair = (g_str_has_suffix (first_name, "CIDR") && g_str_has_suffix (key, "CIDRSet")) ||
                             (g_str_has_suffix (first_name, "CIDRSet") && g_str_has_suffix (key, "CIDR"));

        report (v, NP_SEVERITY_ERROR, "multiple-peer-kinds", sub, np_node_get_key_node (entry, i),
                /* Translators: the first two %s are Cilium field names such as “toEndpoints” and “toCIDR”; the last %s is empty or “ (early Cilium 1.x releases accepted this pair; every current version rejects it)”. */
                _("Combining %s and %s in one rule is not supported: Cilium takes one kind of peer per rule, so "
                "put them in separate rules%s."), first_name, key,
                cidr_pair ? _(" (early Cilium 1.x releases accepted this pair; every current version rejects it)") : "");
      }
    }

  if (np_cilium_list_length (entry, requires_key) > 0)
    {
      g_autofree char *sub = join (path, requires_key);

      report (v, NP_SEVERITY_WARNING, "deprecated-field", sub, key_at (entry, requires_key),
              /* Translators: %s is “fromRequires” or “toRequires”. */
              _("%s is deprecated since Cilium 1.17 and no longer accepted from Cilium 1.19 on (the field must "
              "then be empty): express the requirement in the selectors of every rule instead."), requires_key);
    }

  check_selector_list (v, entry, egress ? "toEndpoints" : "fromEndpoints", path);
  check_selector_list (v, entry, requires_key, path);
  check_selector_list (v, entry, egress ? "toNodes" : "fromNodes", path);
  if (np_cilium_list_length (entry, egress ? "toNodes" : "fromNodes") > 0)
    {
      const char *key = egress ? "toNodes" : "fromNodes";
      g_autofree char *sub = join (path, key);

      report (v, NP_SEVERITY_WARNING, "needs-agent-option", sub, key_at (entry, key),
              /* Translators: %s is a Cilium field name such as “fromNodes”. */
              _("%s only works when the Cilium agent runs with --enable-node-selector-labels; without it the "
              "agent rejects the policy."), key);
    }
  check_entities (v, entry, egress ? "toEntities" : "fromEntities", path);
  check_cidrs (v, entry, egress ? "toCIDR" : "fromCIDR", path);
  check_cidr_set (v, entry, egress ? "toCIDRSet" : "fromCIDRSet", path);
  if (section == NP_CILIUM_EGRESS)
    check_fqdns (v, entry, path);
  if (egress)
    {
      check_services (v, entry, path);
      if (np_cilium_list_length (entry, "toServices") > 0 && np_cilium_list_length (entry, "toPorts") > 0)
        {
          g_autofree char *sub = join (path, "toPorts");

          report (v, NP_SEVERITY_WARNING, "version-dependent-combination", sub, key_at (entry, "toPorts"),
                  _("toServices with toPorts in one rule is accepted by recent Cilium versions only; older "
                  "ones reject it (“Combining ToServices and ToPorts is not supported yet”)."));
        }
    }

  if (np_cilium_list_length (entry, "icmps") > 0 && np_cilium_list_length (entry, "toPorts") > 0)
    {
      g_autofree char *sub = join (path, "icmps");

      report (v, NP_SEVERITY_ERROR, "ports-and-icmps", sub, key_at (entry, "icmps"),
              _("A rule takes toPorts or icmps, not both: define a separate rule for the ICMP types."));
    }

  np_cilium_validator_check_port_rules (v, entry, path, section, host);
  np_cilium_validator_check_icmps (v, entry, path);

  if (present (entry, "authentication"))
    {
      NpNode *auth = np_node_lookup (entry, "authentication");
      const char *mode = np_cilium_get_text (auth, "mode");
      g_autofree char *mode_path = join (path, "authentication.mode");

      if (mode == NULL)
        report (v, NP_SEVERITY_ERROR, "required", mode_path, auth,
                _("authentication needs a mode: required, disabled or test-always-fail."));
      else if (!g_str_equal (mode, "required") && !g_str_equal (mode, "disabled") &&
               !g_str_equal (mode, "test-always-fail"))
        report (v, NP_SEVERITY_ERROR, "invalid-value", mode_path, at (auth, "mode"),
                _("“%s” is not an authentication mode: use required, disabled or test-always-fail."), mode);
    }
}

static void
check_endpoint_selector_namespace (Validator *v, const NpNode *selector, const char *path)
{
  NpNode *labels = np_node_lookup (selector, "matchLabels");

  if (v->clusterwide || labels == NULL || np_node_get_kind (labels) != NP_NODE_MAPPING)
    return;
  for (guint i = 0; i < np_node_get_n_pairs (labels); i++)
    {
      g_autofree char *source = NULL;
      const char *key = np_cilium_split_label_key (np_node_get_key (labels, i), &source);
      NpNode *value = np_node_get_value (labels, i);

      if (g_str_equal (key, NP_CILIUM_POD_NAMESPACE_KEY) && np_node_is_string (value) &&
          v->namespace_ != NULL && !g_str_equal (np_node_get_text (value), v->namespace_))
        {
          g_autofree char *sub = g_strconcat (path, ".matchLabels.", np_node_get_key (labels, i), NULL);

          report (v, NP_SEVERITY_WARNING, "namespace-overridden", sub, value,
                  /* Translators: the first %s is the policy's namespace, the second the namespace the selector names. */
                  _("The endpointSelector of a CiliumNetworkPolicy always applies in the policy's namespace "
                  "“%s”: Cilium drops a k8s: match for “%s”, and any other one makes the rule select no pod."),
                  v->namespace_, np_node_get_text (value));
        }
    }
}

static void
check_rule (Validator *v, const NpNode *rule, const char *path, const NpNode *parent)
{
  const NpNode *here = rule != NULL && np_node_get_line (rule) != 0 ? rule : parent;
  gboolean has_es = present (rule, "endpointSelector");
  gboolean has_ns = present (rule, "nodeSelector");
  guint n_items = 0;

  if (rule != NULL && np_node_get_kind (rule) != NP_NODE_MAPPING && !np_node_is_null (rule))
    return;

  if (!has_es && !has_ns)
    {
      g_autofree char *sub = join (path, "endpointSelector");

      report (v, NP_SEVERITY_ERROR, "required", sub, here,
              /* Translators: %s is empty or “ or a nodeSelector (the nodes, for a host policy)”. */
              _("A rule needs an endpointSelector (the pods it applies to; {} for every pod)%s."),
              v->clusterwide ? _(" or a nodeSelector (the nodes, for a host policy)") : "");
    }
  else if (has_es && has_ns)
    {
      g_autofree char *sub = join (path, "nodeSelector");

      report (v, NP_SEVERITY_ERROR, "selector-conflict", sub, key_at (rule, "nodeSelector"),
              _("A rule takes an endpointSelector or a nodeSelector, not both."));
    }
  if (has_ns && !v->clusterwide)
    {
      g_autofree char *sub = join (path, "nodeSelector");

      report (v, NP_SEVERITY_ERROR, "node-selector-namespaced", sub, key_at (rule, "nodeSelector"),
              _("Only a CiliumClusterwideNetworkPolicy may select nodes: Cilium 1.18.2 and later reject a "
              "nodeSelector in a CiliumNetworkPolicy, and earlier versions accepted it but ignored the rule."));
    }
  if (has_es)
    {
      g_autofree char *sub = join (path, "endpointSelector");

      check_selector (v, np_node_lookup (rule, "endpointSelector"), sub);
      check_endpoint_selector_namespace (v, np_node_lookup (rule, "endpointSelector"), sub);
    }
  if (has_ns)
    {
      g_autofree char *sub = join (path, "nodeSelector");

      check_selector (v, np_node_lookup (rule, "nodeSelector"), sub);
    }

  for (guint s = 0; s < NP_CILIUM_N_SECTIONS; s++)
    {
      const char *key = np_cilium_section_to_key (s);
      NpNode *list = np_cilium_get_list (rule, key);
      g_autofree char *list_path = join (path, key);

      n_items += list != NULL ? np_node_get_n_items (list) : 0;
      for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
        {
          g_autofree char *sub = item_path (list_path, i);

          check_entry (v, np_node_get_item (list, i), sub, s, has_ns && !has_es);
        }
    }

  if (n_items == 0)
    report (v, NP_SEVERITY_ERROR, "empty-rule", path, here,
            /* Translators: %s is empty or “ (enableDefaultDeny alone is not enough)”. */
            _("The rule has no ingress, ingressDeny, egress or egressDeny item%s: Cilium 1.17 and later reject "
            "it, earlier versions accepted it and it did nothing. For a default-deny rule write “ingress: [{}]” "
            "or “egress: [{}]”."), present (rule, "enableDefaultDeny") ? _(" (enableDefaultDeny alone is not enough)") : "");

  {
    const char *log_value = np_cilium_get_text (np_node_lookup (rule, "log"), "value");

    if (log_value != NULL && np_node_is_string (np_node_lookup (np_node_lookup (rule, "log"), "value")))
      {
        gboolean printable = g_utf8_validate (log_value, -1, NULL);

        for (const char *p = log_value; printable && *p; p = g_utf8_next_char (p))
          if (!g_unichar_isprint (g_utf8_get_char (p)))
            printable = FALSE;
        if (!printable || g_utf8_strlen (log_value, -1) > MAX_LOG_VALUE)
          {
            g_autofree char *sub = join (path, "log.value");

            report (v, NP_SEVERITY_ERROR, "invalid-value", sub, at (np_node_lookup (rule, "log"), "value"),
                    /* Translators: %d is a number of characters. */
                    _("log.value takes at most %d printable characters."), MAX_LOG_VALUE);
          }
      }
  }

  {
    NpNode *labels = np_cilium_get_list (rule, "labels");
    g_autofree char *labels_path = join (path, "labels");

    for (guint i = 0; labels != NULL && i < np_node_get_n_items (labels); i++)
      {
        NpNode *label = np_node_get_item (labels, i);
        g_autofree char *sub = item_path (labels_path, i);

        if (np_cilium_get_text (label, "key") == NULL)
          report (v, NP_SEVERITY_ERROR, "required", sub, label, _("A rule label needs a key."));
      }
  }
}

/* The checks on a tree that reads as a Cilium policy (see
 * np_cilium_check_node()). */
static void
check_policy (NpNode          *root,
              gboolean         clusterwide,
              NpValidateFlags  flags,
              GPtrArray       *diagnostics)
{
  Validator v = { 0, };
  NpNode *spec, *specs;
  guint n_rules = 0;

  v.base.out = diagnostics;
  v.base.flags = flags;
  /* The schema walk reports unknown fields and types (object_name NULL);
   * point at a field written empty; selector keys may name a source. */
  v.base.point_at_fields = TRUE;
  v.base.selector_key = check_selector_key;
  v.clusterwide = clusterwide;
  v.kind_name = v.clusterwide ? NP_CILIUM_CLUSTERWIDE_KIND : NP_CILIUM_KIND;
  v.namespace_ = np_cilium_get_text (np_node_lookup (root, "metadata"), "namespace");

  walk (&v, root, &np_cs_policy, NULL);
  check_type_meta (&v, root);
  check_metadata (&v, root);

  spec = np_node_lookup (root, "spec");
  specs = np_cilium_get_list (root, "specs");
  if (!np_cilium_is_absent (spec))
    {
      n_rules++;
      check_rule (&v, spec, "spec", root);
    }
  for (guint i = 0; specs != NULL && i < np_node_get_n_items (specs); i++)
    {
      g_autofree char *path = item_path ("specs", i);

      n_rules++;
      check_rule (&v, np_node_get_item (specs, i), path, specs);
    }
  if (n_rules == 0)
    {
      const NpNode *where = np_node_lookup_key (root, "spec") ? np_node_lookup_key (root, "spec")
                          : np_node_lookup_key (root, "specs") ? np_node_lookup_key (root, "specs") : root;

      report (&v, NP_SEVERITY_ERROR, "no-rules", "spec", where,
              _("The policy has no rules: give it a “spec” (one rule) or “specs” (a list of rules)."));
    }

  if (v.has_fqdns && !v.has_dns_rules)
    report (&v, NP_SEVERITY_WARNING, "fqdn-without-dns-rule", v.first_fqdn_path, v.first_fqdn,
            _("toFQDNs only learns addresses from the DNS answers Cilium's DNS proxy sees: also allow the lookups "
            "with an egress rule to the DNS server on port 53 with “rules: {dns: [{matchPattern: \"*\"}]}”."));
  g_free (v.first_fqdn_path);
}

void
np_cilium_policy_validate (NpCiliumPolicy  *policy,
                           NpValidateFlags  flags,
                           GPtrArray       *diagnostics)
{
  g_return_if_fail (NP_IS_CILIUM_POLICY (policy));
  g_return_if_fail (diagnostics != NULL);

  check_policy (np_cilium_policy_get_node (policy), np_cilium_policy_is_clusterwide (policy),
                flags, diagnostics);
}

gboolean
np_cilium_validate_node (NpNode          *root,
                         NpValidateFlags  flags,
                         GPtrArray       *diagnostics)
{
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (diagnostics != NULL, FALSE);

  /* What does not read as a policy has only its type errors. */
  if (!np_cilium_check_node (root, diagnostics))
    return FALSE;
  check_policy (root, np_cilium_kind_is_clusterwide (np_cilium_get_text (root, "kind")), flags, diagnostics);
  return TRUE;
}
