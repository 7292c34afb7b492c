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
#include "np-k8s-schema.h"
#include "np-model-private.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-validator-private.h"

/* The state and checks shared with the Cilium validator: see
 * np-validator-private.h. */
typedef NpValidation Validator;

#define report(v, ...) np_validation_report (v, __VA_ARGS__)
#define at(node, key) np_validation_value_at (node, key)
#define check_fields(v, node, path, known) np_validation_check_fields (v, node, path, known)
#define check_selector(v, node, path) np_validation_check_selector (v, node, path)

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
check_metadata (Validator *v, const NpNode *root)
{
  const NpNode *metadata = np_node_lookup (root, "metadata");

  if (metadata != NULL && np_node_get_kind (metadata) != NP_NODE_MAPPING)
    metadata = NULL;
  check_fields (v, metadata, "metadata", np_k8s_schema_known_fields (NP_K8S_OBJECT_METADATA));
  np_validation_check_name (v, root, metadata);
  np_validation_check_namespace (v, root, metadata,
                                 _("No namespace: kubectl will put the policy in the current context's namespace. "
                                 "Say which namespace it protects."));
  np_validation_check_string_map (v, np_node_lookup (metadata, "labels"), "metadata.labels", TRUE);
  np_validation_check_string_map (v, np_node_lookup (metadata, "annotations"), "metadata.annotations", FALSE);
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

static void
validator_init (Validator *v, NpValidateFlags flags, GPtrArray *diagnostics)
{
  *v = (Validator) {
    .out = diagnostics,
    .flags = flags,
    /* No schema walk: the shared checks report unknown fields and types. */
    /* Translators: fills the second %s of “Unknown field “%s”: %s has no such field…” for a field at the top level. */
    .object_name = _("a NetworkPolicy"),
    .selector_fields = np_k8s_schema_known_fields (NP_K8S_OBJECT_SELECTOR),
    .requirement_fields = np_k8s_schema_known_fields (NP_K8S_OBJECT_REQUIREMENT),
    .point_at_fields = FALSE,
    .selector_key = NULL,
  };
}

/* The checks themselves, on a tree that reads as a policy. What is
 * required and what is not follows the API server's Go validation
 * (kubernetes pkg/apis/networking/validation/validation.go), not the
 * OpenAPI text, which called podSelector required until Kubernetes 1.34
 * (kubernetes/kubernetes#131354):
 * - ValidateNetworkPolicy: ValidateObjectMeta (name or generateName;
 *   the namespace kubectl fills in, hence a warning) and the spec, which
 *   is a value in Go: no spec, `spec: {}` and `spec:` are the zero spec;
 * - ValidateNetworkPolicySpec: podSelector is a value too, so absent is
 *   the empty selector (every pod of the namespace; np-lint.c notes it);
 *   at most two policyTypes, each Ingress or Egress;
 * - ValidateNetworkPolicyPeer: at least one of podSelector,
 *   namespaceSelector and ipBlock, and ipBlock alone;
 * - ValidateIPBlock: cidr required, excepts strictly inside;
 * - ValidateNetworkPolicyPort: protocol, port, endPort (see check_port());
 * - ValidateLabelSelectorRequirement (apimachinery): key, operator and
 *   values (see np-validator-base.c).
 * apiVersion and kind are not checked there but by the decoder, which
 * refuses an object it cannot map to a type. */
static void
check_policy (Validator *v, const NpNode *root)
{
  const NpNode *spec;
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

  /* No spec is the zero spec: nothing more to check. */
  if (spec == NULL)
    return;
  check_fields (v, spec, "spec", np_k8s_schema_known_fields (NP_K8S_OBJECT_SPEC));

  /* A value, not a pointer, in Go: absent and null read as {} (all pods). */
  check_selector (v, np_node_lookup (spec, "podSelector"), "spec.podSelector");

  check_policy_types (v, spec);
  check_rules (v, NP_DIRECTION_INGRESS, spec);
  check_rules (v, NP_DIRECTION_EGRESS, spec);
}

gboolean
np_policy_validate_node (NpNode          *root,
                         NpValidateFlags  flags,
                         GPtrArray       *diagnostics)
{
  Validator v;

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (diagnostics != NULL, FALSE);

  /* What does not read as a policy has only its type errors. */
  if (!np_policy_check_node (root, diagnostics))
    return FALSE;
  validator_init (&v, flags, diagnostics);
  check_policy (&v, root);
  return TRUE;
}

void
np_policy_validate (NpPolicy        *policy,
                    NpValidateFlags  flags,
                    GPtrArray       *diagnostics)
{
  Validator v;
  NpNode *source;
  g_autoptr(NpNode) tree = NULL;
  guint first = diagnostics != NULL ? diagnostics->len : 0;

  g_return_if_fail (NP_IS_POLICY (policy));
  g_return_if_fail (diagnostics != NULL);

  validator_init (&v, flags, diagnostics);
  /* One set of checks, on trees: the model's own tree is its source while
   * the model says what the source says (positions and all), else the tree
   * the model writes. */
  source = np_model_get_source (policy);
  tree = np_policy_to_node (policy, NP_CODEC_DEFAULT);
  if (source != NULL && np_node_equal (tree, source))
    {
      check_policy (&v, source);
      return;
    }
  check_policy (&v, tree);
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
