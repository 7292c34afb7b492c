/* np-convert-cluster.c: AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1)
 * to ClusterNetworkPolicy (v1alpha2) and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-cluster-policy.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-node.h"

/* The mapping is cluster-policies.md §1.1. The result is built by walking
 * the source tree pair by pair, so that fields this code does not know
 * (newer CRD versions, implementation extensions) are carried over where
 * they stand, and the key order stays as written. */

/* v1alpha2 allows at most 25 rules per direction, peers per rule and
 * protocols per rule (v1alpha1: 100). */
#define V1ALPHA2_MAX 25

/* spec.priority given to a converted BaselineAdminNetworkPolicy: the value
 * of upstream's own example of a Baseline-tier ClusterNetworkPolicy
 * (site-src/user-story-examples/user-story-5.yaml, "default"/10). A lone
 * baseline is not ordered against anything, and 10 leaves room on both
 * sides for baselines written later. */
#define BASELINE_PRIORITY 10

/* Fields the API server sets on the object it stores: they belong to the
 * old object, and a create with resourceVersion set is refused. */
static const char * const server_fields[] = {
  "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", NULL
};

static const char * const protocols_v1alpha2[] = { "tcp", "udp", "sctp", NULL };

typedef struct {
  GPtrArray *losses;
  NpClusterPolicyKind from;
} Conv;

static void G_GNUC_PRINTF (5, 6)
note (Conv         *c,
      NpSeverity    severity,
      const char   *path,
      const NpNode *node,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  NpDiagnostic *diagnostic;
  va_list args;

  if (c->losses == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The same code as the NetworkPolicy ↔ Cilium conversion: one list of
   * losses, whatever was converted. Notes (INFO) say what changed its
   * spelling but not its meaning. */
  diagnostic = np_diagnostic_new (severity, severity == NP_SEVERITY_INFO ? "conversion-note" : "conversion-loss",
                                  path, message);
  if (node != NULL && np_node_get_line (node) != 0)
    np_diagnostic_set_position (diagnostic, np_node_get_line (node), np_node_get_column (node));
  g_ptr_array_add (c->losses, diagnostic);
}

static NpNode *
mapping_or_null (NpNode *node)
{
  return node != NULL && np_node_get_kind (node) == NP_NODE_MAPPING ? node : NULL;
}

static NpNode *
sequence_or_null (NpNode *node)
{
  return node != NULL && np_node_get_kind (node) == NP_NODE_SEQUENCE ? node : NULL;
}

/* Sets @key to a copy of @value, when there is one (an invalid tree may
 * lack it: the validator says so, the copy leaves it out). */
static void
set_copy (NpNode *mapping, const char *key, const NpNode *value)
{
  if (value != NULL)
    np_node_set (mapping, key, np_node_copy (value));
}

/* metadata without the server's fields. */
static NpNode *
convert_metadata (const NpNode *metadata)
{
  NpNode *out = np_node_new_mapping ();

  for (guint i = 0; metadata != NULL && i < np_node_get_n_pairs (metadata); i++)
    {
      const char *key = np_node_get_key (metadata, i);

      if (!g_strv_contains (server_fields, key))
        np_node_set (out, key, np_node_copy (np_node_get_value (metadata, i)));
    }
  return out;
}

/* A `pods` selector pair (subject or peer) as the target wants it:
 * v1alpha1 requires namespaceSelector, v1alpha2 reads a missing one as {}
 * (cluster-policies.md §6), so going back it is written out. */
static NpNode *
convert_pods (const NpNode *pods, gboolean to_v1alpha1)
{
  NpNode *out = np_node_copy (pods);

  if (to_v1alpha1 && np_node_get_kind (out) == NP_NODE_MAPPING && !np_node_has_key (out, "namespaceSelector"))
    {
      g_autoptr(NpNode) old = out;

      out = np_node_new_mapping ();
      np_node_set (out, "namespaceSelector", np_node_new_mapping ());
      for (guint i = 0; i < np_node_get_n_pairs (old); i++)
        np_node_set (out, np_node_get_key (old, i), np_node_copy (np_node_get_value (old, i)));
    }
  return out;
}

static NpNode *
convert_subject (const NpNode *subject, gboolean to_v1alpha1)
{
  NpNode *out;

  if (mapping_or_null ((NpNode *) subject) == NULL)
    return np_node_copy (subject);
  out = np_node_new_mapping ();
  for (guint i = 0; i < np_node_get_n_pairs (subject); i++)
    {
      const char *key = np_node_get_key (subject, i);
      NpNode *value = np_node_get_value (subject, i);

      np_node_set (out, key, g_str_equal (key, "pods") ? convert_pods (value, to_v1alpha1) : np_node_copy (value));
    }
  return out;
}

/* ---- ports ↔ protocols ---- */

/* One v1alpha1 port entry as v1alpha2 protocols entry; NULL (reported)
 * when it cannot be said. */
static NpNode *
port_to_protocol (Conv *c, NpNode *port, const char *path)
{
  NpNode *out, *inner, *destination, *value;
  const char *protocol = NULL;
  g_autofree char *lower = NULL;

  if (mapping_or_null (port) == NULL || np_node_get_n_pairs (port) != 1)
    {
      note (c, NP_SEVERITY_WARNING, path, port, _("This port entry is not one of portNumber, portRange and "
            "namedPort: it was left out."));
      return NULL;
    }
  value = np_node_get_value (port, 0);
  if (g_str_equal (np_node_get_key (port, 0), "namedPort") && np_node_is_string (value))
    {
      out = np_node_new_mapping ();
      np_node_set (out, "destinationNamedPort", np_node_copy (value));
      return out;
    }
  if (!g_str_equal (np_node_get_key (port, 0), "portNumber") && !g_str_equal (np_node_get_key (port, 0), "portRange"))
    {
      note (c, NP_SEVERITY_WARNING, path, port,
            /* Translators: %s is a field name of an AdminNetworkPolicy port entry. */
            _("A ClusterNetworkPolicy has no port entry “%s”: it was left out."), np_node_get_key (port, 0));
      return NULL;
    }

  /* The protocol defaults to TCP and is a free string in the CRD. */
  if (np_node_is_string (np_node_lookup (value, "protocol")))
    protocol = np_node_get_text (np_node_lookup (value, "protocol"));
  lower = g_ascii_strdown (protocol != NULL ? protocol : "TCP", -1);
  if (!g_strv_contains (protocols_v1alpha2, lower))
    {
      note (c, NP_SEVERITY_WARNING, path, port,
            /* Translators: %s is a protocol name as written, e.g. “ICMP”. */
            _("A ClusterNetworkPolicy has no protocol “%s” (only TCP, UDP and SCTP): this port was left out."),
            protocol);
      return NULL;
    }

  destination = np_node_new_mapping ();
  if (g_str_equal (np_node_get_key (port, 0), "portNumber"))
    set_copy (destination, "number", np_node_lookup (value, "port"));
  else
    {
      gint64 start = 0, end = 0;

      np_node_get_int (np_node_lookup (value, "start"), &start);
      np_node_get_int (np_node_lookup (value, "end"), &end);
      if (start == end)
        /* v1alpha2 wants start < end: a one-port range is a number. */
        np_node_set (destination, "number", np_node_new_int (start));
      else if (start > end)
        {
          np_node_unref (destination);
          note (c, NP_SEVERITY_WARNING, path, port,
                _("This port range ends before it starts: it matches no port, and a ClusterNetworkPolicy "
                  "refuses it. It was left out."));
          return NULL;
        }
      else
        {
          NpNode *range = np_node_new_mapping ();

          np_node_set (range, "start", np_node_new_int (start));
          np_node_set (range, "end", np_node_new_int (end));
          np_node_set (destination, "range", range);
        }
    }
  inner = np_node_new_mapping ();
  np_node_set (inner, "destinationPort", destination);
  out = np_node_new_mapping ();
  np_node_set (out, lower, inner);
  return out;
}

/* One v1alpha2 protocols entry as a v1alpha1 port entry. */
static NpNode *
protocol_to_port (Conv *c, NpNode *entry, const char *path)
{
  NpNode *out, *inner, *value, *destination;
  const char *key;
  g_autofree char *upper = NULL;

  if (mapping_or_null (entry) == NULL || np_node_get_n_pairs (entry) != 1)
    {
      note (c, NP_SEVERITY_WARNING, path, entry, _("This protocols entry is not one of tcp, udp, sctp and "
            "destinationNamedPort: it was left out."));
      return NULL;
    }
  key = np_node_get_key (entry, 0);
  value = np_node_get_value (entry, 0);
  if (g_str_equal (key, "destinationNamedPort") && np_node_is_string (value))
    {
      out = np_node_new_mapping ();
      np_node_set (out, "namedPort", np_node_copy (value));
      return out;
    }
  if (!g_strv_contains (protocols_v1alpha2, key))
    {
      note (c, NP_SEVERITY_WARNING, path, entry,
            /* Translators: %s is a field name of a ClusterNetworkPolicy protocols entry. */
            _("An AdminNetworkPolicy has no port entry for “%s”: it was left out."), key);
      return NULL;
    }
  upper = g_ascii_strup (key, -1);
  destination = mapping_or_null (np_node_lookup (value, "destinationPort"));
  inner = np_node_new_mapping ();
  np_node_set (inner, "protocol", np_node_new_string (upper));
  out = np_node_new_mapping ();
  if (destination != NULL && np_node_lookup (destination, "number") != NULL)
    {
      set_copy (inner, "port", np_node_lookup (destination, "number"));
      np_node_set (out, "portNumber", inner);
    }
  else
    {
      NpNode *range = mapping_or_null (np_node_lookup (destination, "range"));

      if (range != NULL)
        {
          set_copy (inner, "start", np_node_lookup (range, "start"));
          set_copy (inner, "end", np_node_lookup (range, "end"));
        }
      else
        {
          /* No port: every port of the protocol (site-src/api-overview.md),
           * which v1alpha1 can only say as the whole range (npep-187). */
          np_node_set (inner, "start", np_node_new_int (1));
          np_node_set (inner, "end", np_node_new_int (65535));
          note (c, NP_SEVERITY_INFO, path, entry,
                /* Translators: %s is a protocol: TCP, UDP or SCTP. */
                _("Every %s port is written as the range 1–65535: an AdminNetworkPolicy has no other way to "
                  "say it."), upper);
        }
      np_node_set (out, "portRange", inner);
    }
  return out;
}

/* ---- rules ---- */

/* The action a rule gets in the target version. */
static NpNode *
convert_action (Conv *c, NpNode *action, gboolean to_v1alpha1, gboolean baseline, const char *path)
{
  const char *text = np_node_is_string (action) ? np_node_get_text (action) : NULL;

  if (action == NULL)
    return NULL;
  if (text == NULL)
    return np_node_copy (action);
  if (!to_v1alpha1 && g_str_equal (text, "Allow"))
    return np_node_new_string ("Accept");
  if (to_v1alpha1 && g_str_equal (text, "Accept"))
    return np_node_new_string ("Allow");
  if (to_v1alpha1 && baseline && g_str_equal (text, "Pass"))
    {
      /* In the baseline tier Pass goes on to the default, which allows:
       * Allow means the same and is what a BANP can say. */
      note (c, NP_SEVERITY_INFO, path, action,
            _("A BaselineAdminNetworkPolicy has no Pass: it became Allow, which means the same in the "
              "baseline tier (Pass there goes on to the default, which allows)."));
      return np_node_new_string ("Allow");
    }
  return np_node_copy (action);
}

/* The peers of a rule, those the target cannot say left out (reported). */
static NpNode *
convert_peers (Conv *c, NpNode *peers, gboolean to_v1alpha1, gboolean to_banp, const char *path)
{
  NpNode *out = np_node_new_sequence ();

  for (guint i = 0; i < np_node_get_n_items (peers); i++)
    {
      NpNode *peer = np_node_get_item (peers, i);
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
      NpNode *copy;

      if (mapping_or_null (peer) == NULL)
        {
          np_node_append (out, np_node_copy (peer));
          continue;
        }
      if (to_banp && np_node_has_key (peer, "domainNames"))
        {
          note (c, NP_SEVERITY_WARNING, sub, peer,
                _("A BaselineAdminNetworkPolicy cannot select by domain name: this peer was left out."));
          continue;
        }
      copy = np_node_new_mapping ();
      for (guint k = 0; k < np_node_get_n_pairs (peer); k++)
        {
          const char *key = np_node_get_key (peer, k);
          NpNode *value = np_node_get_value (peer, k);

          np_node_set (copy, key, g_str_equal (key, "pods") ? convert_pods (value, to_v1alpha1) : np_node_copy (value));
        }
      np_node_append (out, copy);
    }
  return out;
}

/* The ports (v1alpha1) or protocols (v1alpha2) of a rule in the target's
 * form; NULL when the rule has none. *@lost is set when some were left
 * out. */
static NpNode *
convert_ports (Conv *c, NpNode *ports, gboolean to_v1alpha1, const char *path, gboolean *lost)
{
  NpNode *out = np_node_new_sequence ();

  for (guint i = 0; i < np_node_get_n_items (ports); i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
      NpNode *item = to_v1alpha1 ? protocol_to_port (c, np_node_get_item (ports, i), sub)
                                 : port_to_protocol (c, np_node_get_item (ports, i), sub);

      if (item != NULL)
        np_node_append (out, item);
      else
        *lost = TRUE;
    }
  return out;
}

/* A copy of @rule with its peers and ports replaced. */
static NpNode *
rebuild_rule (const NpNode *rule,
              const char   *peers_key,
              NpNode       *peers,
              const char   *old_ports_key,
              const char   *new_ports_key,
              NpNode       *ports,
              NpNode       *action)
{
  NpNode *out = np_node_new_mapping ();

  for (guint k = 0; k < np_node_get_n_pairs (rule); k++)
    {
      const char *key = np_node_get_key (rule, k);

      if (g_str_equal (key, "action") && action != NULL)
        np_node_set (out, key, np_node_ref (action));
      else if (g_str_equal (key, peers_key) && peers != NULL)
        np_node_set (out, key, np_node_ref (peers));
      else if (g_str_equal (key, old_ports_key))
        {
          if (ports != NULL)
            np_node_set (out, new_ports_key, np_node_ref (ports));
        }
      else
        np_node_set (out, key, np_node_copy (np_node_get_value (rule, k)));
    }
  return out;
}

/* A slice [@start, @start + @n) of a sequence. */
static NpNode *
slice (NpNode *sequence, guint start, guint n)
{
  NpNode *out = np_node_new_sequence ();

  for (guint i = start; i < start + n && i < np_node_get_n_items (sequence); i++)
    np_node_append (out, np_node_ref (np_node_get_item (sequence, i)));
  return out;
}

static void
convert_rules (Conv *c, NpNode *spec_in, NpNode *spec_out, const char *direction, gboolean to_v1alpha1,
               gboolean baseline)
{
  NpNode *rules = sequence_or_null (np_node_lookup (spec_in, direction));
  const char *peers_key = g_str_equal (direction, "ingress") ? "from" : "to";
  const char *old_ports_key = to_v1alpha1 ? "protocols" : "ports";
  const char *new_ports_key = to_v1alpha1 ? "ports" : "protocols";
  g_autoptr(NpNode) out = np_node_new_sequence ();
  guint n_out = 0;

  if (rules == NULL)
    {
      if (np_node_lookup (spec_in, direction) != NULL)
        np_node_set (spec_out, direction, np_node_copy (np_node_lookup (spec_in, direction)));
      return;
    }

  for (guint i = 0; i < np_node_get_n_items (rules); i++)
    {
      NpNode *rule = np_node_get_item (rules, i);
      g_autofree char *path = g_strdup_printf ("spec.%s[%u]", direction, i);
      g_autofree char *peers_path = g_strdup_printf ("%s.%s", path, peers_key);
      g_autofree char *ports_path = g_strdup_printf ("%s.%s", path, old_ports_key);
      g_autoptr(NpNode) peers = NULL;
      g_autoptr(NpNode) ports = NULL;
      g_autoptr(NpNode) action = NULL;
      NpNode *peers_in, *ports_in;
      gboolean lost_ports = FALSE;
      guint n_peers, n_ports, peer_chunks, port_chunks;

      if (mapping_or_null (rule) == NULL)
        {
          np_node_append (out, np_node_copy (rule));
          n_out++;
          continue;
        }
      peers_in = sequence_or_null (np_node_lookup (rule, peers_key));
      ports_in = sequence_or_null (np_node_lookup (rule, old_ports_key));
      action = convert_action (c, np_node_lookup (rule, "action"), to_v1alpha1, baseline, path);
      if (peers_in != NULL)
        {
          peers = convert_peers (c, peers_in, to_v1alpha1, to_v1alpha1 && baseline, peers_path);
          if (np_node_get_n_items (peers) == 0 && np_node_get_n_items (peers_in) > 0)
            {
              note (c, NP_SEVERITY_WARNING, path, rule,
                    _("None of this rule's peers can be said in the target kind: the rule was left out."));
              continue;
            }
        }
      if (ports_in != NULL)
        {
          ports = convert_ports (c, ports_in, to_v1alpha1, ports_path, &lost_ports);
          /* No ports left would mean every port: the rule goes instead. */
          if (np_node_get_n_items (ports) == 0 && np_node_get_n_items (ports_in) > 0)
            {
              note (c, NP_SEVERITY_WARNING, path, rule,
                    _("None of this rule's ports can be said in the target kind, and without them the rule "
                      "would match every port: it was left out."));
              continue;
            }
        }

      /* v1alpha2 takes at most 25 peers and 25 protocols per rule. A rule
       * with more becomes several rules in a row, with the same action,
       * each with a share of them: the first match wins and they all do
       * the same, so the meaning is kept. */
      n_peers = peers != NULL ? np_node_get_n_items (peers) : 0;
      n_ports = ports != NULL ? np_node_get_n_items (ports) : 0;
      peer_chunks = to_v1alpha1 || n_peers == 0 ? 1 : (n_peers + V1ALPHA2_MAX - 1) / V1ALPHA2_MAX;
      port_chunks = to_v1alpha1 || n_ports == 0 ? 1 : (n_ports + V1ALPHA2_MAX - 1) / V1ALPHA2_MAX;
      if (peer_chunks * port_chunks > 1)
        note (c, NP_SEVERITY_INFO, path, rule,
              ngettext ("This rule has more peers or ports than the %u a ClusterNetworkPolicy rule takes: it "
                        "became %u rules in a row with the same action, which means the same.",
                        "This rule has more peers or ports than the %u a ClusterNetworkPolicy rule takes: it "
                        "became %u rules in a row with the same action, which means the same.",
                        peer_chunks * port_chunks),
              V1ALPHA2_MAX, peer_chunks * port_chunks);
      for (guint p = 0; p < peer_chunks; p++)
        for (guint q = 0; q < port_chunks; q++)
          {
            g_autoptr(NpNode) peer_part = peers != NULL && peer_chunks > 1 ? slice (peers, p * V1ALPHA2_MAX, V1ALPHA2_MAX)
                                          : (peers != NULL ? np_node_ref (peers) : NULL);
            g_autoptr(NpNode) port_part = ports != NULL && port_chunks > 1 ? slice (ports, q * V1ALPHA2_MAX, V1ALPHA2_MAX)
                                          : (ports != NULL ? np_node_ref (ports) : NULL);

            np_node_append (out, rebuild_rule (rule, peers_key, peer_part, old_ports_key, new_ports_key,
                                               port_part, action));
            n_out++;
          }
    }

  if (!to_v1alpha1 && n_out > V1ALPHA2_MAX)
    {
      g_autofree char *path = g_strdup_printf ("spec.%s[%u]", direction, V1ALPHA2_MAX);

      note (c, NP_SEVERITY_WARNING, path, np_node_get_item (rules, MIN (V1ALPHA2_MAX, np_node_get_n_items (rules) - 1)),
            ngettext ("A ClusterNetworkPolicy takes at most %u rules per direction: the last %u rule was left "
                      "out (move it to a policy of its own with a higher priority number).",
                      "A ClusterNetworkPolicy takes at most %u rules per direction: the last %u rules were "
                      "left out (move them to a policy of their own with a higher priority number).",
                      n_out - V1ALPHA2_MAX),
            V1ALPHA2_MAX, n_out - V1ALPHA2_MAX);
      while (np_node_get_n_items (out) > V1ALPHA2_MAX)
        np_node_remove_item (out, np_node_get_n_items (out) - 1);
    }
  np_node_set (spec_out, direction, g_steal_pointer (&out));
}

/* ---- policies ---- */

static NpClusterPolicy *
copy_policy (NpClusterPolicy *policy)
{
  g_autoptr(NpNode) root = np_node_copy (np_cluster_policy_get_node (policy));

  return np_cluster_policy_new_from_node (root);
}

NpClusterPolicy *
np_convert_cluster_to_v1alpha2 (NpClusterPolicy *policy,
                                GPtrArray       *losses)
{
  Conv c = { losses, 0 };
  NpNode *source, *spec_in;
  g_autoptr(NpNode) root = np_node_new_mapping ();
  NpNode *spec_out;
  gboolean baseline;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (policy), NULL);

  c.from = np_cluster_policy_get_kind (policy);
  if (c.from == NP_CLUSTER_POLICY_CNP)
    return copy_policy (policy);
  baseline = c.from == NP_CLUSTER_POLICY_BANP;
  source = np_cluster_policy_get_node (policy);
  spec_in = mapping_or_null (np_node_lookup (source, "spec"));

  for (guint i = 0; i < np_node_get_n_pairs (source); i++)
    {
      const char *key = np_node_get_key (source, i);
      NpNode *value = np_node_get_value (source, i);

      if (g_str_equal (key, "apiVersion"))
        np_node_set (root, key, np_node_new_string (NP_CLUSTER_V1ALPHA2));
      else if (g_str_equal (key, "kind"))
        np_node_set (root, key, np_node_new_string (NP_CLUSTER_CNP_KIND));
      else if (g_str_equal (key, "metadata") && mapping_or_null (value) != NULL)
        np_node_set (root, key, convert_metadata (value));
      else if (g_str_equal (key, "status"))
        continue;   /* the old object's conditions, set by its implementation */
      else if (!g_str_equal (key, "spec") || spec_in == NULL)
        np_node_set (root, key, np_node_copy (value));
      else
        {
          spec_out = np_node_new_mapping ();
          np_node_set (root, key, spec_out);
          np_node_set (spec_out, "tier", np_node_new_string (baseline ? "Baseline" : "Admin"));
          if (baseline)
            {
              np_node_set (spec_out, "priority", np_node_new_int (BASELINE_PRIORITY));
              note (&c, NP_SEVERITY_INFO, "spec", value,
                    _("A Baseline-tier ClusterNetworkPolicy needs a priority, which a BaselineAdminNetworkPolicy "
                      "does not have: it was given %d. It only orders this policy against other baselines."),
                    BASELINE_PRIORITY);
            }
          for (guint k = 0; k < np_node_get_n_pairs (spec_in); k++)
            {
              const char *spec_key = np_node_get_key (spec_in, k);
              NpNode *spec_value = np_node_get_value (spec_in, k);

              if (g_str_equal (spec_key, "ingress") || g_str_equal (spec_key, "egress"))
                convert_rules (&c, spec_in, spec_out, spec_key, FALSE, baseline);
              else if (g_str_equal (spec_key, "subject"))
                np_node_set (spec_out, spec_key, convert_subject (spec_value, FALSE));
              else
                np_node_set (spec_out, spec_key, np_node_copy (spec_value));
            }
        }
    }
  /* The apiVersion and kind are written even when the source left them out. */
  if (!np_node_has_key (root, "apiVersion"))
    np_node_set (root, "apiVersion", np_node_new_string (NP_CLUSTER_V1ALPHA2));
  if (!np_node_has_key (root, "kind"))
    np_node_set (root, "kind", np_node_new_string (NP_CLUSTER_CNP_KIND));
  return np_cluster_policy_new_from_node (root);
}

NpClusterPolicy *
np_convert_cluster_to_v1alpha1 (NpClusterPolicy *policy,
                                guint           *n_baselines,
                                GPtrArray       *losses)
{
  Conv c = { losses, 0 };
  NpNode *source, *spec_in;
  g_autoptr(NpNode) root = np_node_new_mapping ();
  const char *tier, *name;
  gboolean baseline;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (policy), NULL);

  c.from = np_cluster_policy_get_kind (policy);
  if (c.from != NP_CLUSTER_POLICY_CNP)
    {
      if (c.from == NP_CLUSTER_POLICY_BANP && n_baselines != NULL)
        ++*n_baselines;
      return copy_policy (policy);
    }
  source = np_cluster_policy_get_node (policy);
  spec_in = mapping_or_null (np_node_lookup (source, "spec"));
  tier = np_cluster_policy_get_tier (policy);
  baseline = g_strcmp0 (tier, "Baseline") == 0;
  name = np_cluster_policy_get_name (policy);

  if (baseline && n_baselines != NULL && (*n_baselines)++ > 0)
    note (&c, NP_SEVERITY_WARNING, "spec.tier", np_node_lookup (spec_in, "tier"),
          _("There can be only one BaselineAdminNetworkPolicy, and an earlier Baseline-tier policy already "
            "became it: merge this one's rules into it (in priority order) by hand."));
  if (baseline && g_strcmp0 (name, "default") != 0)
    note (&c, NP_SEVERITY_WARNING, "metadata.name", np_node_lookup (np_node_lookup (source, "metadata"), "name"),
          /* Translators: %s is the policy's name. */
          _("A BaselineAdminNetworkPolicy must be named “default”: “%s” was renamed."),
          name != NULL ? name : "");

  for (guint i = 0; i < np_node_get_n_pairs (source); i++)
    {
      const char *key = np_node_get_key (source, i);
      NpNode *value = np_node_get_value (source, i);

      if (g_str_equal (key, "apiVersion"))
        np_node_set (root, key, np_node_new_string (NP_CLUSTER_V1ALPHA1));
      else if (g_str_equal (key, "kind"))
        np_node_set (root, key, np_node_new_string (baseline ? NP_CLUSTER_BANP_KIND : NP_CLUSTER_ANP_KIND));
      else if (g_str_equal (key, "metadata") && mapping_or_null (value) != NULL)
        {
          NpNode *metadata = convert_metadata (value);

          if (baseline)
            np_node_set (metadata, "name", np_node_new_string ("default"));
          np_node_set (root, key, metadata);
        }
      else if (g_str_equal (key, "status"))
        continue;
      else if (!g_str_equal (key, "spec") || spec_in == NULL)
        np_node_set (root, key, np_node_copy (value));
      else
        {
          NpNode *spec_out = np_node_new_mapping ();

          np_node_set (root, key, spec_out);
          for (guint k = 0; k < np_node_get_n_pairs (spec_in); k++)
            {
              const char *spec_key = np_node_get_key (spec_in, k);
              NpNode *spec_value = np_node_get_value (spec_in, k);

              if (g_str_equal (spec_key, "tier"))
                continue;
              else if (g_str_equal (spec_key, "priority") && baseline)
                continue;   /* a BANP has none; it is alone in its tier */
              else if (g_str_equal (spec_key, "ingress") || g_str_equal (spec_key, "egress"))
                convert_rules (&c, spec_in, spec_out, spec_key, TRUE, baseline);
              else if (g_str_equal (spec_key, "subject"))
                np_node_set (spec_out, spec_key, convert_subject (spec_value, TRUE));
              else
                np_node_set (spec_out, spec_key, np_node_copy (spec_value));
            }
        }
    }
  if (!np_node_has_key (root, "apiVersion"))
    np_node_set (root, "apiVersion", np_node_new_string (NP_CLUSTER_V1ALPHA1));
  if (!np_node_has_key (root, "kind"))
    np_node_set (root, "kind", np_node_new_string (baseline ? NP_CLUSTER_BANP_KIND : NP_CLUSTER_ANP_KIND));
  return np_cluster_policy_new_from_node (root);
}
