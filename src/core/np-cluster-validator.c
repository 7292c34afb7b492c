/* np-cluster-validator.c: the CRD schema and CEL rules of AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cluster-policies.md §2: what the API server checks with the CRDs of
 * kubernetes-sigs/network-policy-api (v0.1.7 for v1alpha1, v0.2.0 for
 * v1alpha2). Fields of the experimental channel only get a warning that
 * says so: the object is valid where the experimental CRDs are installed
 * (OVN-Kubernetes, for one, supports them), and which CRDs a cluster has
 * cannot be known from the file; where only the standard ones are, the
 * API server rejects or drops the field, which the warning names.
 *
 * The CEL rules' messages are quoted as the API server prints them (and not
 * translated), so that they can be searched for; each comes with a
 * translated sentence where the channel matters.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "np-model-private.h"
#include "np-addr.h"
#include "np-cluster-policy.h"
#include "np-diagnostic.h"
#include "np-k8s-schema.h"
#include "np-node.h"
#include "np-validator-private.h"

#define report np_validation_report

/* The CEL messages, verbatim (cluster-policies.md §2.3). */
#define CEL_BANP_NAME     "Only one baseline admin network policy with metadata.name=\"default\" can be created in the cluster"
#define CEL_NAMED_PORT    "networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames"
#define CEL_NAMED_PORT_B  "networks/nodes peer cannot be set with namedPorts since there are no namedPorts for networks/nodes"
#define CEL_CIDR          "Invalid CIDR format provided"
#define CEL_RANGE         "Start port must be less than End port"

/* The DomainName pattern of T1A and T2, literally (its “A-z” included). */
#define DOMAIN_NAME_PATTERN "^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$"

typedef struct {
  NpValidation         v;
  NpClusterPolicyKind  kind;
} Check;

static gboolean
is_cnp (Check *c)
{
  return c->kind == NP_CLUSTER_POLICY_CNP;
}

/* Limits of lists: v1alpha1 allows 100 rules, peers and ports, v1alpha2 25. */
static guint
list_max (Check *c)
{
  return is_cnp (c) ? 25 : 100;
}

static const char *
type_name (NpNodeKind kind)
{
  switch (kind)
    {
    case NP_NODE_MAPPING:
      /* Translators: fills “%s must be %s, not %s.” */
      return _("an object");
    case NP_NODE_SEQUENCE:
      /* Translators: fills “%s must be %s, not %s.” */
      return _("a list");
    case NP_NODE_SCALAR:
    default:
      /* Translators: fills “%s must be %s, not %s.” */
      return _("a value");
    }
}

/* The value of @key in @parent when it is of @kind; a wrong type is
 * reported, absent and null read as NULL (reported by required()). */
/* Reports that @value, at @field, is not of @kind. */
static void
report_wrong_type (Check        *c,
                   const NpNode *value,
                   const char   *field,
                   NpNodeKind    kind)
{
  report (&c->v, NP_SEVERITY_ERROR, "wrong-type", field, value,
          /* Translators: the first %s is a field path, the others YAML types such as “an object”, “a list”. */
          _("%s must be %s, not %s."), field, type_name (kind), np_node_describe_type (value));
}

static const NpNode *
child (Check        *c,
       const NpNode *parent,
       const char   *key,
       const char   *path,
       NpNodeKind    kind)
{
  NpNode *value = np_node_lookup (parent, key);
  g_autofree char *field = NULL;

  if (value == NULL || np_node_is_null (value))
    return NULL;
  if (np_node_get_kind (value) == kind)
    return value;
  field = np_validation_join (path, key);
  report_wrong_type (c, value, field, kind);
  return NULL;
}

static gboolean
required (Check        *c,
          const NpNode *parent,
          const char   *key,
          const char   *path)
{
  NpNode *value = np_node_lookup (parent, key);
  g_autofree char *field = NULL;

  if (value != NULL && !np_node_is_null (value))
    return TRUE;
  field = np_validation_join (path, key);
  report (&c->v, NP_SEVERITY_ERROR, "required", field, np_validation_field_at (parent, key),
          /* Translators: %s is a field path such as “spec.subject”. */
          _("%s is required."), field);
  return FALSE;
}

/* A list of @min to @max items. */
static void
check_count (Check        *c,
             const NpNode *list,
             const char   *path,
             guint         min,
             guint         max)
{
  guint n = np_node_get_n_items (list);

  if (n < min)
    report (&c->v, NP_SEVERITY_ERROR, "too-few-items", path, list,
            /* Translators: %s is a field path, %u a number of items. */
            _("%s must have at least %u item(s)."), path, min);
  else if (n > max)
    report (&c->v, NP_SEVERITY_ERROR, "too-many-items", path, list,
            /* Translators: %s is a field path, the first %u the items written, the second the most allowed. */
            _("%s has %u items; at most %u are allowed."), path, n, max);
}

/* An integer from @min to @max at @key; FALSE when it is none. */
static gboolean
check_int (Check        *c,
           const NpNode *parent,
           const char   *key,
           const char   *path,
           gint64        min,
           gint64        max,
           gint64       *out)
{
  NpNode *value = np_node_lookup (parent, key);
  g_autofree char *field = np_validation_join (path, key);
  gint64 n;

  if (value == NULL || np_node_is_null (value))
    return FALSE;
  if (np_node_get_kind (value) != NP_NODE_SCALAR || np_node_is_string (value) || !np_node_get_int (value, &n))
    {
      report (&c->v, NP_SEVERITY_ERROR, "wrong-type", field, value,
              /* Translators: %s is a field path; the second a YAML type such as “a string”. */
              _("%s must be an integer, not %s."), field, np_node_describe_type (value));
      return FALSE;
    }
  if (n < min || n > max)
    {
      report (&c->v, NP_SEVERITY_ERROR, "out-of-range", field, value,
              /* Translators: %s is a field path, then the value and the limits. */
              _("%s is %lld; it must be from %lld to %lld."),
              field, (long long) n, (long long) min, (long long) max);
      return FALSE;
    }
  if (out != NULL)
    *out = n;
  return TRUE;
}

/* A string at @key (NULL when absent or of another type, which is reported). */
static const char *
check_string (Check        *c,
              const NpNode *parent,
              const char   *key,
              const char   *path)
{
  NpNode *value = np_node_lookup (parent, key);
  g_autofree char *field = NULL;

  if (value == NULL || np_node_is_null (value))
    return NULL;
  if (np_node_is_string (value))
    return np_node_get_text (value);
  field = np_validation_join (path, key);
  report (&c->v, NP_SEVERITY_ERROR, "wrong-type", field, value,
          /* Translators: %s is a field path; the second a YAML type such as “a number”. */
          _("%s must be a string, not %s."), field, np_node_describe_type (value));
  return NULL;
}

/* "One of" (minProperties = maxProperties = 1) over @keys: the one set,
 * or NULL when none or several are. */
static const char *
check_one_of (Check              *c,
              const NpNode       *node,
              const char         *path,
              const char * const *keys)
{
  const char *found = NULL;
  g_autofree char *names = g_strjoinv (", ", (char **) keys);

  for (guint i = 0; i < np_node_get_n_pairs (node); i++)
    {
      const char *key = np_node_get_key (node, i);

      if (!g_strv_contains (keys, key))
        continue;
      if (found != NULL)
        {
          g_autofree char *field = np_validation_join (path, key);

          report (&c->v, NP_SEVERITY_ERROR, "one-of", field, np_node_get_key_node (node, i),
                  /* Translators: the first %s is a field path, then two field names, then a list of them. */
                  _("%s sets both “%s” and “%s”; exactly one of %s is allowed."), path, found, key, names);
          return NULL;
        }
      found = key;
    }
  if (found == NULL)
    report (&c->v, NP_SEVERITY_ERROR, "one-of", path, node,
            /* Translators: the first %s is a field path, the second a list of field names. */
            _("%s must set exactly one of %s."), path, names);
  return found;
}

/* A field only the experimental CRDs have. */
static void
experimental (Check        *c,
              const NpNode *parent,
              const char   *key,
              const char   *path)
{
  g_autofree char *field = np_validation_join (path, key);

  report (&c->v, NP_SEVERITY_WARNING, "experimental-field", field, np_validation_key_at (parent, key),
          /* Translators: %s is a field name such as “nodes”. */
          _("“%s” needs the experimental channel of the network-policy-api CRDs: with the standard ones "
            "the API server rejects or drops it."), key);
}

static void
check_selector (Check        *c,
                const NpNode *parent,
                const char   *key,
                const char   *path,
                gboolean      needed)
{
  g_autofree char *field = np_validation_join (path, key);

  if (needed && !required (c, parent, key, path))
    return;
  if (child (c, parent, key, path, NP_NODE_MAPPING) != NULL)
    np_validation_check_selector (&c->v, np_node_lookup (parent, key), field);
}

/* subject.pods or a pods peer: v1alpha1 needs both selectors, v1alpha2
 * only podSelector (an absent namespaceSelector means all namespaces). */
static void
check_pods (Check        *c,
            const NpNode *pods,
            const char   *path)
{
  static const char * const fields[] = { "namespaceSelector", "podSelector", NULL };

  np_validation_check_fields (&c->v, pods, path, fields);
  check_selector (c, pods, "namespaceSelector", path, !is_cnp (c));
  check_selector (c, pods, "podSelector", path, TRUE);
}

static void
check_subject (Check        *c,
               const NpNode *spec)
{
  static const char * const fields[] = { "namespaces", "pods", NULL };
  const NpNode *subject;
  const char *which;

  if (!required (c, spec, "subject", "spec") ||
      (subject = child (c, spec, "subject", "spec", NP_NODE_MAPPING)) == NULL)
    return;
  np_validation_check_fields (&c->v, subject, "spec.subject", fields);
  which = check_one_of (c, subject, "spec.subject", fields);
  if (g_strcmp0 (which, "namespaces") == 0)
    check_selector (c, subject, "namespaces", "spec.subject", FALSE);
  else if (g_strcmp0 (which, "pods") == 0)
    {
      const NpNode *pods = child (c, subject, "pods", "spec.subject", NP_NODE_MAPPING);

      if (pods != NULL)
        check_pods (c, pods, "spec.subject.pods");
    }
}

/* A CIDR as CEL's isCIDR() takes it: an address, a slash and a prefix
 * length that fits the family. */
static gboolean
is_cidr (const char *text)
{
  const char *slash = strchr (text, '/');
  g_autofree char *address = NULL;
  NpAddr parsed;
  int family;
  char *end;
  long bits;

  if (slash == NULL || slash[1] == '\0' || !g_ascii_isdigit (slash[1]))
    return FALSE;
  address = g_strndup (text, slash - text);
  if (!np_addr_parse (address, &family, &parsed))
    return FALSE;
  bits = strtol (slash + 1, &end, 10);
  return *end == '\0' && bits >= 0 && bits <= (family == 4 ? 32 : 128);
}

/* networks or domainNames: 1–25 unique strings, each checked by @item. */
static void
check_string_set (Check        *c,
                  const NpNode *peer,
                  const char   *key,
                  const char   *path)
{
  g_autofree char *field = np_validation_join (path, key);
  const NpNode *list = child (c, peer, key, path, NP_NODE_SEQUENCE);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GRegex) domain = NULL;

  if (list == NULL)
    return;
  check_count (c, list, field, 1, 25);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_str_equal (key, "domainNames"))
    domain = g_regex_new (DOMAIN_NAME_PATTERN, 0, 0, NULL);
  for (guint i = 0; i < np_node_get_n_items (list); i++)
    {
      const NpNode *item = np_node_get_item (list, i);
      g_autofree char *item_path = np_path_index (field, i);
      const char *text;

      if (!np_node_is_string (item))
        {
          report (&c->v, NP_SEVERITY_ERROR, "wrong-type", item_path, item,
                  _("%s must be a string, not %s."), item_path, np_node_describe_type (item));
          continue;
        }
      text = np_node_get_text (item);
      if (!g_hash_table_add (seen, (gpointer) text))
        report (&c->v, NP_SEVERITY_ERROR, "duplicate", item_path, item,
                /* Translators: %s is a field path, then the value written twice. */
                _("%s: “%s” is listed twice; the list is a set."), item_path, text);
      if (domain != NULL)
        {
          if (!g_regex_match (domain, text, 0, NULL))
            report (&c->v, NP_SEVERITY_ERROR, "invalid-domain-name", item_path, item,
                    /* Translators: %s is what was written. */
                    _("“%s” is no domain name as the CRD takes one: two or more labels, optionally after “*.”."),
                    text);
        }
      else if (strlen (text) > 43)
        report (&c->v, NP_SEVERITY_ERROR, "too-long", item_path, item,
                /* Translators: %s is a field path. */
                _("%s is longer than 43 characters."), item_path);
      else if (!is_cidr (text))
        report (&c->v, NP_SEVERITY_ERROR, "invalid-cidr", item_path, item,
                "%s", CEL_CIDR); /* not translated: the CEL rule's message, as the API server prints it */
    }
}

/* One peer of from/to. Which kinds a peer may have: ingress namespaces and
 * pods; egress also networks, nodes (experimental) and domainNames (ANP
 * and CNP, experimental). */
static void
check_peer (Check        *c,
            const NpNode *peer,
            const char   *path,
            gboolean      egress)
{
  static const char * const ingress_fields[] = { "namespaces", "pods", NULL };
  static const char * const anp_egress[] = { "namespaces", "pods", "nodes", "networks", "domainNames", NULL };
  static const char * const banp_egress[] = { "namespaces", "pods", "nodes", "networks", NULL };
  const char * const *fields = !egress ? ingress_fields
                               : c->kind == NP_CLUSTER_POLICY_BANP ? banp_egress : anp_egress;
  const char *which;

  np_validation_check_fields (&c->v, peer, path, fields);
  which = check_one_of (c, peer, path, fields);
  if (which == NULL)
    return;
  if (g_str_equal (which, "namespaces") || g_str_equal (which, "nodes"))
    check_selector (c, peer, which, path, FALSE);
  else if (g_str_equal (which, "pods"))
    {
      const NpNode *pods = child (c, peer, "pods", path, NP_NODE_MAPPING);
      g_autofree char *field = np_validation_join (path, "pods");

      if (pods != NULL)
        check_pods (c, pods, field);
    }
  else
    check_string_set (c, peer, which, path);
  if (g_str_equal (which, "nodes") || g_str_equal (which, "domainNames"))
    experimental (c, peer, which, path);
}

static void
check_port_protocol (Check        *c,
                     const NpNode *node,
                     const char   *path)
{
  const char *protocol = check_string (c, node, "protocol", path);
  g_autofree char *field = np_validation_join (path, "protocol");

  /* The CRD takes any string (default TCP); implementations know three. */
  if (protocol != NULL && !g_str_equal (protocol, "TCP") && !g_str_equal (protocol, "UDP") &&
      !g_str_equal (protocol, "SCTP"))
    report (&c->v, NP_SEVERITY_WARNING, "unknown-protocol", field, np_validation_value_at (node, "protocol"),
            /* Translators: %s is a protocol as written. */
            _("Protocol “%s” is none of TCP, UDP and SCTP: no implementation matches it."), protocol);
}

/* v1alpha1 ports[]: portNumber, namedPort (experimental) or portRange. */
static gboolean
check_v1alpha1_port (Check        *c,
                     const NpNode *port,
                     const char   *path)
{
  static const char * const fields[] = { "portNumber", "namedPort", "portRange", NULL };
  static const char * const number_fields[] = { "protocol", "port", NULL };
  static const char * const range_fields[] = { "protocol", "start", "end", NULL };
  const char *which;
  const NpNode *node;
  g_autofree char *field = NULL;

  np_validation_check_fields (&c->v, port, path, fields);
  which = check_one_of (c, port, path, fields);
  if (which == NULL)
    return FALSE;
  field = np_validation_join (path, which);
  if (g_str_equal (which, "namedPort"))
    {
      check_string (c, port, which, path);
      experimental (c, port, which, path);
      return TRUE;
    }
  if ((node = child (c, port, which, path, NP_NODE_MAPPING)) == NULL)
    return FALSE;
  check_port_protocol (c, node, field);
  if (g_str_equal (which, "portNumber"))
    {
      np_validation_check_fields (&c->v, node, field, number_fields);
      if (required (c, node, "port", field))
        check_int (c, node, "port", field, 1, 65535, NULL);
    }
  else
    {
      gint64 start = 0, end = 0;
      gboolean have_start, have_end;

      np_validation_check_fields (&c->v, node, field, range_fields);
      have_start = required (c, node, "start", field) && check_int (c, node, "start", field, 1, 65535, &start);
      have_end = required (c, node, "end", field) && check_int (c, node, "end", field, 1, 65535, &end);
      /* v1alpha1 says start < end in prose only: the CRD takes the rest. */
      if (have_start && have_end && start >= end)
        report (&c->v, NP_SEVERITY_WARNING, "port-range", field, node,
                _("The range starts at %lld and ends at %lld: the API says the start must be "
                  "less than the end, though the v1alpha1 CRD does not check it."), (long long) start, (long long) end);
    }
  return FALSE;
}

/* v1alpha2 protocols[]: tcp, udp, sctp ({destinationPort: number | range})
 * or destinationNamedPort. TRUE for a named port. */
static gboolean
check_v1alpha2_protocol (Check        *c,
                         const NpNode *protocol,
                         const char   *path)
{
  static const char * const fields[] = { "tcp", "udp", "sctp", "destinationNamedPort", NULL };
  static const char * const proto_fields[] = { "destinationPort", NULL };
  static const char * const port_fields[] = { "number", "range", NULL };
  static const char * const range_fields[] = { "start", "end", NULL };
  const char *which;
  const NpNode *node, *port, *range;
  g_autofree char *field = NULL, *port_path = NULL, *range_path = NULL;
  gint64 start = 0, end = 0;
  gboolean have_start, have_end;

  np_validation_check_fields (&c->v, protocol, path, fields);
  which = check_one_of (c, protocol, path, fields);
  if (which == NULL)
    return FALSE;
  if (g_str_equal (which, "destinationNamedPort"))
    {
      check_string (c, protocol, which, path);
      return TRUE;
    }
  field = np_validation_join (path, which);
  if ((node = child (c, protocol, which, path, NP_NODE_MAPPING)) == NULL)
    return FALSE;
  np_validation_check_fields (&c->v, node, field, proto_fields);
  /* minProperties 1: all ports of a protocol is a range 1–65535 (npep-187). */
  if (!required (c, node, "destinationPort", field) ||
      (port = child (c, node, "destinationPort", field, NP_NODE_MAPPING)) == NULL)
    return FALSE;
  port_path = np_validation_join (field, "destinationPort");
  np_validation_check_fields (&c->v, port, port_path, port_fields);
  which = check_one_of (c, port, port_path, port_fields);
  if (g_strcmp0 (which, "number") == 0)
    check_int (c, port, "number", port_path, 1, 65535, NULL);
  if (g_strcmp0 (which, "range") != 0 || (range = child (c, port, "range", port_path, NP_NODE_MAPPING)) == NULL)
    return FALSE;
  range_path = np_validation_join (port_path, "range");
  np_validation_check_fields (&c->v, range, range_path, range_fields);
  have_start = required (c, range, "start", range_path) && check_int (c, range, "start", range_path, 1, 65535, &start);
  have_end = required (c, range, "end", range_path) && check_int (c, range, "end", range_path, 1, 65535, &end);
  if (have_start && have_end && start >= end)
    report (&c->v, NP_SEVERITY_ERROR, "port-range", range_path, range,
            "%s", CEL_RANGE); /* not translated: the CEL rule's message, as the API server prints it */
  return FALSE;
}

static void
check_rule (Check        *c,
            const NpNode *rule,
            const char   *path,
            gboolean      egress)
{
  static const char * const ingress_v1[] = { "name", "action", "from", "ports", NULL };
  static const char * const egress_v1[] = { "name", "action", "to", "ports", NULL };
  static const char * const ingress_v2[] = { "name", "action", "from", "protocols", NULL };
  static const char * const egress_v2[] = { "name", "action", "to", "protocols", NULL };
  const char *peers_key = egress ? "to" : "from";
  const char *ports_key = is_cnp (c) ? "protocols" : "ports";
  const char *name, *action;
  const NpNode *peers, *ports;
  gboolean named_port = FALSE, other_peer = FALSE, networks_only = TRUE;

  np_validation_check_fields (&c->v, rule, path,
                              is_cnp (c) ? (egress ? egress_v2 : ingress_v2) : (egress ? egress_v1 : ingress_v1));
  name = check_string (c, rule, "name", path);
  if (name != NULL && strlen (name) > 100)
    {
      g_autofree char *field = np_validation_join (path, "name");

      report (&c->v, NP_SEVERITY_ERROR, "too-long", field, np_validation_value_at (rule, "name"),
              _("%s is longer than 100 characters."), field);
    }
  if (required (c, rule, "action", path) && (action = check_string (c, rule, "action", path)) != NULL)
    {
      static const char * const anp[] = { "Allow", "Deny", "Pass", NULL };
      static const char * const banp[] = { "Allow", "Deny", NULL };
      static const char * const cnp[] = { "Accept", "Deny", "Pass", NULL };
      const char * const *allowed = c->kind == NP_CLUSTER_POLICY_ANP ? anp
                                    : c->kind == NP_CLUSTER_POLICY_BANP ? banp : cnp;
      g_autofree char *field = np_validation_join (path, "action");
      g_autofree char *names = g_strjoinv (", ", (char **) allowed);

      if (!g_strv_contains (allowed, action))
        report (&c->v, NP_SEVERITY_ERROR, "invalid-action", field, np_validation_value_at (rule, "action"),
                /* Translators: the first %s is the action written, the second a list such as “Allow, Deny, Pass”. */
                _("Unsupported action “%s”: it must be one of %s."), action, names);
    }
  if (required (c, rule, peers_key, path) && (peers = child (c, rule, peers_key, path, NP_NODE_SEQUENCE)) != NULL)
    {
      g_autofree char *field = np_validation_join (path, peers_key);

      check_count (c, peers, field, 1, list_max (c));
      for (guint i = 0; i < np_node_get_n_items (peers); i++)
        {
          const NpNode *peer = np_node_get_item (peers, i);
          g_autofree char *item_path = np_path_index (field, i);

          if (np_node_get_kind (peer) != NP_NODE_MAPPING)
            {
              report_wrong_type (c, peer, item_path, NP_NODE_MAPPING);
              continue;
            }
          check_peer (c, peer, item_path, egress);
          if (np_node_has_key (peer, "nodes") || np_node_has_key (peer, "domainNames"))
            other_peer = TRUE, networks_only = FALSE;
          else if (np_node_has_key (peer, "networks"))
            other_peer = TRUE;
        }
    }
  if ((ports = child (c, rule, ports_key, path, NP_NODE_SEQUENCE)) != NULL)
    {
      g_autofree char *field = np_validation_join (path, ports_key);

      check_count (c, ports, field, 1, list_max (c));
      for (guint i = 0; i < np_node_get_n_items (ports); i++)
        {
          const NpNode *port = np_node_get_item (ports, i);
          g_autofree char *item_path = np_path_index (field, i);

          if (np_node_get_kind (port) != NP_NODE_MAPPING)
            {
              report_wrong_type (c, port, item_path, NP_NODE_MAPPING);
              continue;
            }
          if (is_cnp (c) ? check_v1alpha2_protocol (c, port, item_path) : check_v1alpha1_port (c, port, item_path))
            named_port = TRUE;
        }
    }
  /* The egress CEL rule. v1alpha1: named ports are experimental anyway, and
   * that channel rejects the rule: an error. v1alpha2: the standard channel
   * takes networks with a named port (which then never match); only the
   * experimental one rejects it, so that alone is a warning. */
  if (egress && named_port && other_peer)
    {
      gboolean warn = is_cnp (c) && networks_only;

      report (&c->v, warn ? NP_SEVERITY_WARNING : NP_SEVERITY_ERROR, "named-port-peer", path, rule,
              "%s %s",
              c->kind == NP_CLUSTER_POLICY_BANP ? CEL_NAMED_PORT_B : CEL_NAMED_PORT, /* not translated: CEL message */
              warn ? _("(Experimental channel; the standard one accepts it, but a named port never matches "
                       "these peers.)")
                   : _("(A named port never matches these peers.)"));
    }
}

static void
check_rules (Check        *c,
             const NpNode *spec,
             gboolean      egress)
{
  const char *key = egress ? "egress" : "ingress";
  g_autofree char *field = np_validation_join ("spec", key);
  const NpNode *rules = child (c, spec, key, "spec", NP_NODE_SEQUENCE);

  if (rules == NULL)
    return;
  check_count (c, rules, field, 0, list_max (c));
  for (guint i = 0; i < np_node_get_n_items (rules); i++)
    {
      const NpNode *rule = np_node_get_item (rules, i);
      g_autofree char *item_path = np_path_index (field, i);

      if (np_node_get_kind (rule) != NP_NODE_MAPPING)
        {
          report_wrong_type (c, rule, item_path, NP_NODE_MAPPING);
          continue;
        }
      check_rule (c, rule, item_path, egress);
    }
}

void
np_cluster_policy_validate_node (NpNode          *root,
                                 NpValidateFlags  flags,
                                 GPtrArray       *diagnostics)
{
  static const char * const top_fields[] = { "apiVersion", "kind", "metadata", "spec", "status", NULL };
  static const char * const anp_fields[] = { "priority", "subject", "ingress", "egress", NULL };
  static const char * const banp_fields[] = { "subject", "ingress", "egress", NULL };
  static const char * const cnp_fields[] = { "tier", "priority", "subject", "ingress", "egress", NULL };
  Check c = { 0 };
  const NpNode *metadata, *spec;
  const char *api_version, *kind, *expected, *name;

  g_return_if_fail (root != NULL);
  g_return_if_fail (diagnostics != NULL);

  if (!np_cluster_policy_kind_of_node (root, &c.kind))
    return;
  c.v = (NpValidation) {
    .out = diagnostics,
    .flags = flags,
    .object_name = c.kind == NP_CLUSTER_POLICY_ANP ? _("an AdminNetworkPolicy")
                   : c.kind == NP_CLUSTER_POLICY_BANP ? _("a BaselineAdminNetworkPolicy")
                   : _("a ClusterNetworkPolicy"),
    .selector_fields = np_k8s_schema_known_fields (NP_K8S_OBJECT_SELECTOR),
    .requirement_fields = np_k8s_schema_known_fields (NP_K8S_OBJECT_REQUIREMENT),
    .point_at_fields = FALSE,
    .selector_key = NULL,
  };

  np_validation_check_fields (&c.v, root, NULL, top_fields);
  kind = np_node_get_text (np_node_lookup (root, "kind"));
  expected = is_cnp (&c) ? NP_CLUSTER_V1ALPHA2 : NP_CLUSTER_V1ALPHA1;
  api_version = check_string (&c, root, "apiVersion", NULL);
  if (required (&c, root, "apiVersion", NULL) && api_version != NULL && !g_str_equal (api_version, expected))
    report (&c.v, NP_SEVERITY_ERROR, "invalid-api-version", "apiVersion", np_validation_value_at (root, "apiVersion"),
            /* Translators: the first %s is a kind, the second the apiVersion written, the third the right one. */
            _("%s is not served as “%s”: its apiVersion is “%s”."), kind, api_version, expected);

  metadata = child (&c, root, "metadata", NULL, NP_NODE_MAPPING);
  np_validation_check_name (&c.v, root, metadata);
  if (metadata != NULL)
    {
      np_validation_check_string_map (&c.v, np_node_lookup (metadata, "labels"), "metadata.labels", TRUE);
      np_validation_check_string_map (&c.v, np_node_lookup (metadata, "annotations"), "metadata.annotations", FALSE);
      if (np_node_lookup (metadata, "namespace") != NULL && !np_node_is_null (np_node_lookup (metadata, "namespace")))
        report (&c.v, NP_SEVERITY_WARNING, "cluster-scoped", "metadata.namespace",
                np_validation_key_at (metadata, "namespace"),
                /* Translators: %s is a kind such as “AdminNetworkPolicy”. */
                _("%s is cluster-scoped: metadata.namespace is ignored."), kind);
    }
  name = metadata != NULL ? np_node_get_text (np_node_lookup (metadata, "name")) : NULL;
  if (c.kind == NP_CLUSTER_POLICY_BANP && np_node_is_string (np_node_lookup (metadata, "name")) &&
      g_strcmp0 (name, "default") != 0)
    report (&c.v, NP_SEVERITY_ERROR, "banp-name", "metadata.name", np_validation_value_at (metadata, "name"),
            "%s", CEL_BANP_NAME); /* not translated: the CEL rule's message, as the API server prints it */

  if (!required (&c, root, "spec", NULL) || (spec = child (&c, root, "spec", NULL, NP_NODE_MAPPING)) == NULL)
    return;
  np_validation_check_fields (&c.v, spec, "spec",
                              c.kind == NP_CLUSTER_POLICY_ANP ? anp_fields
                              : c.kind == NP_CLUSTER_POLICY_BANP ? banp_fields : cnp_fields);
  if (is_cnp (&c) && required (&c, spec, "tier", "spec"))
    {
      const char *tier = check_string (&c, spec, "tier", "spec");

      if (tier != NULL && !g_str_equal (tier, "Admin") && !g_str_equal (tier, "Baseline"))
        report (&c.v, NP_SEVERITY_ERROR, "invalid-tier", "spec.tier", np_validation_value_at (spec, "tier"),
                /* Translators: %s is the tier written. */
                _("Unsupported tier “%s”: it must be Admin or Baseline."), tier);
    }
  if (c.kind != NP_CLUSTER_POLICY_BANP && required (&c, spec, "priority", "spec"))
    check_int (&c, spec, "priority", "spec", 0, 1000, NULL);
  check_subject (&c, spec);
  check_rules (&c, spec, FALSE);
  check_rules (&c, spec, TRUE);
}

/* Two selectors can select nothing in common when both require different
 * values of one label key in matchLabels; anything else may overlap. */
static gboolean
disjoint (const NpNode *a,
          const NpNode *b)
{
  NpNode *la = np_node_lookup (a, "matchLabels"), *lb = np_node_lookup (b, "matchLabels");

  if (la == NULL || lb == NULL || np_node_get_kind (la) != NP_NODE_MAPPING ||
      np_node_get_kind (lb) != NP_NODE_MAPPING)
    return FALSE;
  for (guint i = 0; i < np_node_get_n_pairs (la); i++)
    {
      NpNode *va = np_node_get_value (la, i);
      NpNode *vb = np_node_lookup (lb, np_node_get_key (la, i));

      if (np_node_is_string (va) && np_node_is_string (vb) &&
          g_strcmp0 (np_node_get_text (va), np_node_get_text (vb)) != 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
subjects_may_overlap (NpClusterPolicy *a,
                      NpClusterPolicy *b)
{
  const NpNode *ns_a, *ns_b, *pods_a, *pods_b;
  NpClusterSubjectKind ka = np_cluster_policy_get_subject (a, &ns_a, &pods_a);
  NpClusterSubjectKind kb = np_cluster_policy_get_subject (b, &ns_b, &pods_b);

  if (ka == NP_CLUSTER_SUBJECT_NONE || kb == NP_CLUSTER_SUBJECT_NONE)
    return FALSE;
  if (ns_a != NULL && ns_b != NULL && disjoint (ns_a, ns_b))
    return FALSE;
  return !(pods_a != NULL && pods_b != NULL && disjoint (pods_a, pods_b));
}

void
np_cluster_policy_check_priorities (GPtrArray *policies,
                                    GArray    *documents,
                                    GPtrArray *diagnostics)
{
  g_return_if_fail (policies != NULL);
  g_return_if_fail (diagnostics != NULL);

  for (guint i = 0; i < policies->len; i++)
    {
      NpClusterPolicy *later = g_ptr_array_index (policies, i);
      gint64 p_later, p_earlier;

      if (g_strcmp0 (np_cluster_policy_get_tier (later), "Admin") != 0 ||
          !np_cluster_policy_get_priority (later, &p_later))
        continue;
      for (guint j = 0; j < i; j++)
        {
          NpClusterPolicy *earlier = g_ptr_array_index (policies, j);

          /* An ANP and an Admin-tier CNP never share a cluster's order. */
          if (np_cluster_policy_get_kind (earlier) != np_cluster_policy_get_kind (later) ||
              g_strcmp0 (np_cluster_policy_get_tier (earlier), "Admin") != 0 ||
              !np_cluster_policy_get_priority (earlier, &p_earlier) || p_earlier != p_later ||
              !subjects_may_overlap (earlier, later))
            continue;
          np_diagnostic_list_add (diagnostics, NP_SEVERITY_WARNING, "equal-priority", "spec.priority",
                                  np_node_lookup (np_node_lookup (np_cluster_policy_get_node (later), "spec"), "priority"),
                                  /* Translators: the first %s and %s are policy names, then the priority they share. */
                                  _("“%s” has the same priority as “%s” (%lld) and their subjects may "
                                    "overlap: which of the two applies first is undefined."),
                                  np_cluster_policy_get_name (later) ? np_cluster_policy_get_name (later) : "",
                                  np_cluster_policy_get_name (earlier) ? np_cluster_policy_get_name (earlier) : "",
                                  (long long) p_later);
          if (documents != NULL)
            np_diagnostic_set_document (g_ptr_array_index (diagnostics, diagnostics->len - 1),
                                        g_array_index (documents, guint, i));
          break;
        }
    }
}
