/* np-convert.c: Kubernetes NetworkPolicy to Cilium policy and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-cilium-private.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-policy-codec.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"

#define MAX_PORTS 40
#define K8S_PREFIX "k8s:"
#define NAMESPACE_NAME_LABEL "kubernetes.io/metadata.name"

typedef struct {
  GPtrArray *losses;
} Converter;

static void loss (Converter    *c,
                  const char   *path,
                  const NpNode *node,
                  const char   *format,
                  ...) G_GNUC_PRINTF (4, 5);

static void
loss (Converter    *c,
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

  diagnostic = np_diagnostic_new (NP_SEVERITY_WARNING, "conversion-loss", path, message);
  if (node != NULL && np_node_get_line (node) != 0)
    np_diagnostic_set_position (diagnostic, np_node_get_line (node), np_node_get_column (node));
  g_ptr_array_add (c->losses, diagnostic);
}

static void
copy_metadata_maps (NpNode *metadata, const NpNode *source_metadata)
{
  static const char * const keys[] = { "labels", "annotations", NULL };

  for (guint k = 0; keys[k] != NULL; k++)
    {
      NpNode *value = np_node_lookup (source_metadata, keys[k]);

      if (value != NULL && np_node_get_kind (value) == NP_NODE_MAPPING && np_node_get_n_pairs (value) > 0)
        np_node_set (metadata, keys[k], np_node_copy (value));
    }
}

/* Kubernetes to Cilium ------------------------------------------------------ */

typedef struct {
  NpNode *labels;       /* matchLabels, or NULL */
  NpNode *expressions;  /* matchExpressions, or NULL */
} Terms;

static void
terms_clear (Terms *terms)
{
  g_clear_pointer (&terms->labels, np_node_unref);
  g_clear_pointer (&terms->expressions, np_node_unref);
}

static void
terms_add_label (Terms *terms, const char *key, const char *value)
{
  if (terms->labels == NULL)
    terms->labels = np_node_new_mapping ();
  np_node_set (terms->labels, key, np_node_new_string (value));
}

static void
terms_add_expression (Terms *terms, const char *key, const char *op, const char * const *values)
{
  NpNode *item = np_node_new_mapping ();

  np_node_set (item, "key", np_node_new_string (key));
  np_node_set (item, "operator", np_node_new_string (op));
  if (values != NULL && values[0] != NULL)
    {
      NpNode *list = np_node_new_sequence ();

      for (guint i = 0; values[i] != NULL; i++)
        np_node_append (list, np_node_new_string (values[i]));
      np_node_set (item, "values", list);
    }
  if (terms->expressions == NULL)
    terms->expressions = np_node_new_sequence ();
  np_node_append (terms->expressions, item);
}

/* The terms of a Kubernetes selector, keys prefixed with @prefix. */
static void
terms_add_selector (Terms *terms, NpLabelSelector *selector, const char *prefix)
{
  GListModel *list = np_label_selector_get_requirements (selector);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (list, i);
      g_autofree char *key = g_strconcat (prefix, np_selector_requirement_get_key (term), NULL);

      if (np_selector_requirement_is_label (term))
        terms_add_label (terms, key, np_selector_requirement_get_value (term));
      else
        terms_add_expression (terms, key, np_selector_requirement_get_operator (term),
                              np_selector_requirement_get_values (term));
    }
}

static NpNode *
terms_to_node (Terms *terms)
{
  NpNode *node = np_node_new_mapping ();

  if (terms->labels != NULL)
    np_node_set (node, "matchLabels", g_steal_pointer (&terms->labels));
  if (terms->expressions != NULL)
    np_node_set (node, "matchExpressions", g_steal_pointer (&terms->expressions));
  return node;
}

/* A Kubernetes peer with selectors as a Cilium endpoint selector. @namespace_
 * is the policy's, written out only for a clusterwide result. */
static NpNode *
peer_to_endpoint_selector (NpPolicyPeer *peer, const char *namespace_, gboolean clusterwide)
{
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (peer);
  Terms terms = { NULL, NULL };
  NpNode *node;

  if (pods != NULL)
    terms_add_selector (&terms, pods, K8S_PREFIX);

  if (namespaces == NULL)
    {
      /* podSelector alone: the policy's own namespace, which Cilium adds to a
       * namespaced policy by itself. */
      if (clusterwide && namespace_ != NULL)
        terms_add_label (&terms, K8S_PREFIX NP_CILIUM_POD_NAMESPACE_KEY, namespace_);
    }
  else
    {
      GListModel *list = np_label_selector_get_requirements (namespaces);
      gboolean named = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (list, i);
          const char *key = np_selector_requirement_get_key (term);
          const char *op = np_selector_requirement_get_operator (term);
          g_autofree char *label_key = g_strconcat (K8S_PREFIX NP_CILIUM_NAMESPACE_LABELS, key, NULL);

          /* Naming the namespace reads best as the pod's namespace label. */
          if (g_str_equal (key, NAMESPACE_NAME_LABEL) && np_selector_requirement_is_label (term))
            {
              terms_add_label (&terms, K8S_PREFIX NP_CILIUM_POD_NAMESPACE_KEY, np_selector_requirement_get_value (term));
              named = TRUE;
            }
          else if (g_str_equal (key, NAMESPACE_NAME_LABEL) && g_strcmp0 (op, "In") == 0)
            {
              terms_add_expression (&terms, K8S_PREFIX NP_CILIUM_POD_NAMESPACE_KEY, op,
                                    np_selector_requirement_get_values (term));
              named = TRUE;
            }
          else if (np_selector_requirement_is_label (term))
            terms_add_label (&terms, label_key, np_selector_requirement_get_value (term));
          else
            terms_add_expression (&terms, label_key, op, np_selector_requirement_get_values (term));
        }
      /* Only pods have a namespace: without this, Cilium would add the
       * policy's namespace ({} namespaceSelector) or, for label terms that
       * match by absence, select identities that are no pods at all. */
      if (!named)
        terms_add_expression (&terms, K8S_PREFIX NP_CILIUM_POD_NAMESPACE_KEY, "Exists", NULL);
    }

  node = terms_to_node (&terms);
  terms_clear (&terms);
  return node;
}

static NpNode *
ip_block_to_cidr_rule (NpIpBlock *block)
{
  NpNode *rule = np_node_new_mapping ();
  const char * const *except = np_ip_block_get_except (block);

  np_node_set (rule, "cidr", np_node_new_string (np_ip_block_get_cidr (block)));
  if (except != NULL && except[0] != NULL)
    {
      NpNode *list = np_node_new_sequence ();

      for (guint i = 0; except[i] != NULL; i++)
        np_node_append (list, np_node_new_string (except[i]));
      np_node_set (rule, "except", list);
    }
  return rule;
}

/* The ports of a Kubernetes rule as Cilium toPorts (NULL for none): every
 * protocol written out (Kubernetes defaults to TCP, Cilium to ANY), a
 * missing port as "0", at most 40 ports per port rule. */
static NpNode *
ports_to_port_rules (GListModel *ports)
{
  NpNode *rules, *current = NULL;
  guint n = g_list_model_get_n_items (ports);

  if (n == 0)
    return NULL;
  rules = np_node_new_sequence ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);
      NpNode *item = np_node_new_mapping ();
      g_autofree char *number = NULL;

      switch (np_policy_port_get_port_kind (port))
        {
        case NP_PORT_KIND_NUMBER:
          number = g_strdup_printf ("%" G_GINT64_FORMAT, np_policy_port_get_port_number (port));
          np_node_set (item, "port", np_node_new_string (number));
          break;
        case NP_PORT_KIND_NAME:
          np_node_set (item, "port", np_node_new_string (np_policy_port_get_port_name (port)));
          break;
        case NP_PORT_KIND_NONE:
        default:
          np_node_set (item, "port", np_node_new_string ("0"));
          break;
        }
      if (np_policy_port_get_has_end_port (port))
        np_node_set (item, "endPort", np_node_new_int (np_policy_port_get_end_port (port)));
      np_node_set (item, "protocol", np_node_new_string (np_policy_port_get_effective_protocol (port)));

      if (current == NULL || np_node_get_n_items (current) >= MAX_PORTS)
        {
          NpNode *rule = np_node_new_mapping ();

          current = np_node_new_sequence ();
          np_node_set (rule, "ports", current);
          np_node_append (rules, rule);
        }
      np_node_append (current, item);
    }
  return rules;
}

static void
convert_k8s_rules (Converter *c, NpPolicy *policy, NpDirection direction, gboolean clusterwide, NpNode *spec)
{
  GListModel *rules = np_policy_get_rules (policy, direction);
  gboolean ingress = direction == NP_DIRECTION_INGRESS;
  const char *namespace_ = np_policy_get_namespace (policy);
  NpNode *out = np_node_new_sequence ();

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *peers = np_policy_rule_get_peers (rule);
      g_autoptr(NpNode) port_rules = ports_to_port_rules (np_policy_rule_get_ports (rule));
      g_autoptr(NpNode) endpoints = np_node_new_sequence ();
      g_autoptr(NpNode) cidr_set = np_node_new_sequence ();

      if (g_list_model_get_n_items (peers) == 0)
        {
          NpNode *entry = np_node_new_mapping ();

          /* No peers: every peer. Without ports too that is everything,
           * which a Cilium rule must say outright: `{}` would match nothing. */
          if (port_rules == NULL)
            {
              NpNode *entities = np_node_new_sequence ();

              np_node_append (entities, np_node_new_string ("all"));
              np_node_set (entry, ingress ? "fromEntities" : "toEntities", entities);
            }
          else
            np_node_set (entry, "toPorts", np_node_ref (port_rules));
          np_node_append (out, entry);
          continue;
        }

      for (guint j = 0; j < g_list_model_get_n_items (peers); j++)
        {
          g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, j);
          NpIpBlock *block = np_policy_peer_get_ip_block (peer);

          if (block != NULL)
            np_node_append (cidr_set, ip_block_to_cidr_rule (block));
          else if (np_policy_peer_get_pod_selector (peer) != NULL || np_policy_peer_get_namespace_selector (peer) != NULL)
            np_node_append (endpoints, peer_to_endpoint_selector (peer, namespace_, clusterwide));
          else
            {
              g_autofree char *path = g_strdup_printf ("spec.%s[%u].%s[%u]", ingress ? "ingress" : "egress", i,
                                                       ingress ? "from" : "to", j);

              loss (c, path, np_model_get_source (peer),
                    _("An empty peer is invalid in a NetworkPolicy and selects nothing here; it was left out."));
            }
        }

      /* Cilium takes one kind of peer per rule: selectors and addresses go
       * to separate rules with the same ports (rules are OR'd). */
      if (np_node_get_n_items (endpoints) > 0)
        {
          NpNode *entry = np_node_new_mapping ();

          np_node_set (entry, ingress ? "fromEndpoints" : "toEndpoints", g_steal_pointer (&endpoints));
          if (port_rules != NULL)
            np_node_set (entry, "toPorts", np_node_copy (port_rules));
          np_node_append (out, entry);
        }
      if (np_node_get_n_items (cidr_set) > 0)
        {
          NpNode *entry = np_node_new_mapping ();

          np_node_set (entry, ingress ? "fromCIDRSet" : "toCIDRSet", g_steal_pointer (&cidr_set));
          if (port_rules != NULL)
            np_node_set (entry, "toPorts", np_node_copy (port_rules));
          np_node_append (out, entry);
        }
    }

  /* Isolated with nothing allowed: an empty rule switches default-deny on
   * and matches nothing. */
  if (np_node_get_n_items (out) == 0)
    np_node_append (out, np_node_new_mapping ());
  np_node_set (spec, ingress ? "ingress" : "egress", out);
}

NpCiliumPolicy *
np_convert_to_cilium (NpPolicy  *policy,
                      gboolean   clusterwide,
                      GPtrArray *losses)
{
  Converter c = { losses };
  g_autoptr(NpNode) root = np_node_new_mapping ();
  NpNode *metadata = np_node_new_mapping ();
  NpNode *spec = np_node_new_mapping ();
  NpNode *source;
  const char *name, *namespace_;
  NpLabelSelector *pods;
  Terms terms = { NULL, NULL };
  NpCiliumPolicy *result;

  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  source = np_model_get_source (policy);

  name = np_policy_get_name (policy);
  namespace_ = np_policy_get_namespace (policy);

  np_node_set (root, "apiVersion", np_node_new_string (NP_CILIUM_API_VERSION));
  np_node_set (root, "kind", np_node_new_string (clusterwide ? NP_CILIUM_CLUSTERWIDE_KIND : NP_CILIUM_KIND));
  np_node_set (root, "metadata", metadata);
  if (name != NULL)
    np_node_set (metadata, "name", np_node_new_string (name));
  if (namespace_ != NULL && !clusterwide)
    np_node_set (metadata, "namespace", np_node_new_string (namespace_));
  copy_metadata_maps (metadata, np_node_lookup (source, "metadata"));
  np_node_set (root, "spec", spec);

  if (clusterwide && (namespace_ == NULL || *namespace_ == '\0'))
    loss (&c, "metadata.namespace", source,
          _("The policy names no namespace, so the clusterwide policy cannot be pinned to one: it selects "
          "the matching pods of every namespace."));

  pods = np_policy_get_pod_selector (policy);
  if (pods != NULL)
    terms_add_selector (&terms, pods, K8S_PREFIX);
  if (clusterwide && namespace_ != NULL && *namespace_ != '\0')
    terms_add_label (&terms, K8S_PREFIX NP_CILIUM_POD_NAMESPACE_KEY, namespace_);
  np_node_set (spec, "endpointSelector", terms_to_node (&terms));
  terms_clear (&terms);

  /* Rules of a direction the policy does not affect are ignored by
   * Kubernetes: they are left out, which means the same. */
  if (np_policy_affects (policy, NP_DIRECTION_INGRESS))
    convert_k8s_rules (&c, policy, NP_DIRECTION_INGRESS, clusterwide, spec);
  if (np_policy_affects (policy, NP_DIRECTION_EGRESS))
    convert_k8s_rules (&c, policy, NP_DIRECTION_EGRESS, clusterwide, spec);

  result = np_cilium_policy_new_from_node (root, NULL);
  g_assert (result != NULL);
  return result;
}

/* Cilium to Kubernetes ------------------------------------------------------ */

typedef struct {
  Converter  *c;
  gboolean    clusterwide;
  const char *namespace_;   /* the namespace the result lives in */
} Back;

typedef enum {
  TERM_POD,
  TERM_NAMESPACE_LABEL,
  TERM_NAMESPACE_NAME,
  TERM_LOST,
} TermKind;

/* What a Cilium selector key means for Kubernetes; *@key_out is the key
 * to use on that side. */
static TermKind
classify_key (const char *written, const char **key_out)
{
  g_autofree char *source = NULL;
  const char *key = np_cilium_split_label_key (written, &source);

  *key_out = key;
  if (source != NULL && !g_str_equal (source, "k8s") && !g_str_equal (source, "any"))
    return TERM_LOST;
  if (source == NULL && strchr (written, ':') != NULL)
    return TERM_LOST;
  if (g_str_equal (key, NP_CILIUM_POD_NAMESPACE_KEY))
    return TERM_NAMESPACE_NAME;
  if (g_str_has_prefix (key, NP_CILIUM_NAMESPACE_LABELS))
    {
      *key_out = key + strlen (NP_CILIUM_NAMESPACE_LABELS);
      return TERM_NAMESPACE_LABEL;
    }
  if (g_str_has_prefix (key, "io.cilium.") || g_str_has_prefix (key, "io.kubernetes."))
    return TERM_LOST;
  return TERM_POD;
}

static NpNode *
k8s_selector_node (Terms *terms)
{
  return terms_to_node (terms);
}

/* A pod selector (podSelector of the result) from a Cilium endpoint
 * selector; terms Kubernetes cannot say are reported and left out. */
static NpNode *
endpoint_selector_to_pod_selector (Back *b, const NpNode *selector, const char *path, char **namespace_out)
{
  NpNode *labels = np_node_lookup (selector, "matchLabels");
  NpNode *expressions = np_cilium_get_list (selector, "matchExpressions");
  Terms terms = { NULL, NULL };
  NpNode *node;

  if (labels != NULL && np_node_get_kind (labels) == NP_NODE_MAPPING)
    for (guint i = 0; i < np_node_get_n_pairs (labels); i++)
      {
        const char *written = np_node_get_key (labels, i);
        const char *value = np_node_get_text (np_node_get_value (labels, i));
        const char *key;
        g_autofree char *sub = g_strdup_printf ("%s.matchLabels.%s", path, written);

        switch (classify_key (written, &key))
          {
          case TERM_POD:
            terms_add_label (&terms, key, value ? value : "");
            break;
          case TERM_NAMESPACE_NAME:
            /* A namespaced policy always applies in its own namespace;
             * a clusterwide one pinned to a namespace lands in it. */
            if (namespace_out != NULL && *namespace_out == NULL)
              *namespace_out = g_strdup (value);
            break;
          case TERM_NAMESPACE_LABEL:
          case TERM_LOST:
          default:
            loss (b->c, sub, np_node_get_key_node (labels, i),
                  _("A podSelector selects by pod labels only: “%s” cannot be said and was left out, so the "
                  "policy applies to more pods."), written);
            break;
          }
      }

  for (guint i = 0; expressions != NULL && i < np_node_get_n_items (expressions); i++)
    {
      NpNode *item = np_node_get_item (expressions, i);
      const char *written = np_cilium_get_text (item, "key");
      const char *op = np_cilium_get_text (item, "operator");
      g_auto(GStrv) values = np_cilium_get_strv (item, "values");
      g_autofree char *sub = g_strdup_printf ("%s.matchExpressions[%u]", path, i);
      const char *key;

      if (written != NULL && classify_key (written, &key) == TERM_POD)
        terms_add_expression (&terms, key, op ? op : "", (const char * const *) values);
      else
        loss (b->c, sub, item,
              _("A podSelector selects by pod labels only: the expression on “%s” cannot be said and was left "
              "out, so the policy applies to more pods."), written ? written : "");
    }

  node = k8s_selector_node (&terms);
  terms_clear (&terms);
  return node;
}

/* A Kubernetes peer for a Cilium endpoint selector of from/toEndpoints, or
 * NULL (reported) when Kubernetes cannot say it. */
static NpNode *
endpoint_selector_to_peer (Back *b, const NpNode *selector, const char *path)
{
  NpNode *labels = np_node_lookup (selector, "matchLabels");
  NpNode *expressions = np_cilium_get_list (selector, "matchExpressions");
  Terms pods = { NULL, NULL };
  Terms namespaces = { NULL, NULL };
  guint n_namespace_terms = 0;
  gboolean constrained = FALSE;     /* the namespace is constrained at all */
  gboolean same_namespace = FALSE;  /* ...to the policy's own */
  gboolean positive = FALSE;        /* a term only pods can meet */
  const char *lost = NULL;
  NpNode *peer;

  if (labels != NULL && np_node_get_kind (labels) == NP_NODE_MAPPING)
    for (guint i = 0; i < np_node_get_n_pairs (labels) && lost == NULL; i++)
      {
        const char *written = np_node_get_key (labels, i);
        const char *value = np_node_get_text (np_node_get_value (labels, i));
        const char *key;

        value = value ? value : "";
        switch (classify_key (written, &key))
          {
          case TERM_POD:
            terms_add_label (&pods, key, value);
            break;
          case TERM_NAMESPACE_NAME:
            constrained = positive = TRUE;
            if (!b->clusterwide && g_strcmp0 (value, b->namespace_) == 0)
              same_namespace = TRUE;
            terms_add_label (&namespaces, NAMESPACE_NAME_LABEL, value);
            n_namespace_terms++;
            break;
          case TERM_NAMESPACE_LABEL:
            constrained = positive = TRUE;
            terms_add_label (&namespaces, key, value);
            n_namespace_terms++;
            break;
          case TERM_LOST:
          default:
            lost = written;
            break;
          }
      }

  for (guint i = 0; expressions != NULL && i < np_node_get_n_items (expressions) && lost == NULL; i++)
    {
      NpNode *item = np_node_get_item (expressions, i);
      const char *written = np_cilium_get_text (item, "key");
      const char *op = np_cilium_get_text (item, "operator");
      g_auto(GStrv) values = np_cilium_get_strv (item, "values");
      gboolean is_positive = g_strcmp0 (op, "In") == 0 || g_strcmp0 (op, "Exists") == 0;
      const char *key;

      if (written == NULL || op == NULL)
        {
          lost = written ? written : "";
          break;
        }
      switch (classify_key (written, &key))
        {
        case TERM_POD:
          terms_add_expression (&pods, key, op, (const char * const *) values);
          break;
        case TERM_NAMESPACE_NAME:
          constrained = TRUE;
          if (g_str_equal (op, "Exists"))
            positive = TRUE;           /* any namespace: namespaceSelector {} */
          else if (g_str_equal (op, "DoesNotExist"))
            lost = written;            /* no namespace: no pod */
          else
            {
              positive |= is_positive;
              terms_add_expression (&namespaces, NAMESPACE_NAME_LABEL, op, (const char * const *) values);
              n_namespace_terms++;
            }
          break;
        case TERM_NAMESPACE_LABEL:
          constrained = TRUE;
          positive |= is_positive;
          terms_add_expression (&namespaces, key, op, (const char * const *) values);
          n_namespace_terms++;
          break;
        case TERM_LOST:
        default:
          lost = written;
          break;
        }
    }

  if (lost != NULL)
    {
      loss (b->c, path, selector,
            _("“%s” is no pod or namespace label a NetworkPolicy peer can select by (reserved identities, "
            "service accounts and clusters cannot be said): this peer was left out."), lost);
      terms_clear (&pods);
      terms_clear (&namespaces);
      return NULL;
    }

  /* Terms that hold by absence alone also match identities that are no
   * pods (in a namespaced policy Cilium adds no namespace to them). */
  if (constrained && !positive && !same_namespace && !b->clusterwide)
    loss (b->c, path, selector,
          _("This selector matches namespaces by what their labels lack, which in Cilium also matches "
          "identities outside any namespace (world, host, ...); the NetworkPolicy peer only matches pods."));

  peer = np_node_new_mapping ();
  if (!constrained && b->clusterwide)
    np_node_set (peer, "namespaceSelector", np_node_new_mapping ());
  else if (constrained && !(same_namespace && n_namespace_terms == 1))
    np_node_set (peer, "namespaceSelector", k8s_selector_node (&namespaces));
  if (pods.labels != NULL || pods.expressions != NULL || !np_node_has_key (peer, "namespaceSelector"))
    np_node_set (peer, "podSelector", k8s_selector_node (&pods));
  terms_clear (&pods);
  terms_clear (&namespaces);
  return peer;
}

static NpNode *
ip_block_node (const char *cidr, char **except)
{
  NpNode *block = np_node_new_mapping ();
  NpNode *peer = np_node_new_mapping ();

  np_node_set (block, "cidr", np_node_new_string (cidr));
  if (except != NULL && except[0] != NULL)
    {
      NpNode *list = np_node_new_sequence ();

      for (guint i = 0; except[i] != NULL; i++)
        np_node_append (list, np_node_new_string (except[i]));
      np_node_set (block, "except", list);
    }
  np_node_set (peer, "ipBlock", block);
  return peer;
}

/* Canonical text of a prefix or address, NULL when it does not parse. */
static char *
canonical_cidr (const char *text, NpCidr *out)
{
  NpCidr cidr;

  if (strchr (text, '/') == NULL ? !np_ip_parse (text, &cidr, NULL) : !np_cidr_parse (text, &cidr, NULL, NULL))
    return NULL;
  if (out != NULL)
    *out = cidr;
  return np_cidr_to_string (&cidr);
}

typedef enum {
  PEERS_SOME,      /* *peers holds the peers */
  PEERS_ANY,       /* every peer (entity all): no from/to */
  PEERS_UNSET,     /* no peer field: the ports alone decide */
  PEERS_NOTHING,   /* selects nothing (or nothing Kubernetes can say): drop the rule */
} PeerResult;

static PeerResult
convert_peers (Back *b, const NpNode *entry, NpCiliumSection section, const char *path, NpNode *peers)
{
  gboolean any_peer_key = FALSE;

  for (guint k = NP_CILIUM_PEER_ENDPOINTS; k < NP_CILIUM_N_PEER_KINDS; k++)
    {
      const char *key = np_cilium_peer_kind_to_key (k, section);
      NpNode *list = key != NULL ? np_cilium_get_list (entry, key) : NULL;
      g_autofree char *list_path = NULL;

      if (list == NULL)
        continue;
      any_peer_key = TRUE;
      list_path = g_strdup_printf ("%s.%s", path, key);

      for (guint i = 0; i < np_node_get_n_items (list); i++)
        {
          NpNode *item = np_node_get_item (list, i);
          g_autofree char *sub = g_strdup_printf ("%s[%u]", list_path, i);

          switch ((NpCiliumPeerKind) k)
            {
            case NP_CILIUM_PEER_ENDPOINTS:
              {
                NpNode *peer = endpoint_selector_to_peer (b, item, sub);

                if (peer != NULL)
                  np_node_append (peers, peer);
              }
              break;

            case NP_CILIUM_PEER_ENTITIES:
              {
                const char *entity = np_node_get_text (item);

                if (g_strcmp0 (entity, "all") == 0)
                  return PEERS_ANY;
                if (g_strcmp0 (entity, "world") == 0)
                  {
                    np_node_append (peers, ip_block_node ("0.0.0.0/0", NULL));
                    np_node_append (peers, ip_block_node ("::/0", NULL));
                  }
                else if (g_strcmp0 (entity, "cluster") == 0)
                  {
                    NpNode *peer = np_node_new_mapping ();

                    np_node_set (peer, "namespaceSelector", np_node_new_mapping ());
                    np_node_append (peers, peer);
                    loss (b->c, sub, item,
                          _("The entity “cluster” also covers the nodes (host, remote-node), health checks, "
                          "kube-apiserver and unmanaged endpoints; only its pods (every namespace) were kept."));
                  }
                else if (g_strcmp0 (entity, "none") != 0)
                  loss (b->c, sub, item,
                        _("A NetworkPolicy cannot select the entity “%s”: it was left out."), entity ? entity : "");
              }
              break;

            case NP_CILIUM_PEER_CIDR:
              {
                g_autofree char *cidr = np_node_is_string (item) ? canonical_cidr (np_node_get_text (item), NULL) : NULL;

                if (cidr != NULL)
                  np_node_append (peers, ip_block_node (cidr, NULL));
                else
                  loss (b->c, sub, item, _("This address does not parse: it was left out."));
              }
              break;

            case NP_CILIUM_PEER_CIDR_SET:
              {
                const char *text = np_cilium_get_text (item, "cidr");
                g_auto(GStrv) except = np_cilium_get_strv (item, "except");
                g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
                g_autofree char *cidr = NULL;
                NpCidr outer;
                gboolean empty = FALSE;

                if (text == NULL)
                  {
                    loss (b->c, sub, item,
                          _("A NetworkPolicy cannot refer to a CiliumCIDRGroup: this entry was left out."));
                    break;
                  }
                cidr = canonical_cidr (text, &outer);
                if (cidr == NULL)
                  {
                    loss (b->c, sub, item, _("This CIDR does not parse: it was left out."));
                    break;
                  }
                for (guint j = 0; except[j] != NULL; j++)
                  {
                    NpCidr inner;
                    char *e = canonical_cidr (except[j], &inner);

                    if (e == NULL)
                      continue;
                    /* Excepting the whole range leaves nothing (allowed in
                     * Cilium, invalid in Kubernetes). */
                    if (inner.family == outer.family && inner.prefix <= outer.prefix)
                      empty = TRUE;
                    g_ptr_array_add (kept, e);
                  }
                g_ptr_array_add (kept, NULL);
                if (!empty)
                  np_node_append (peers, ip_block_node (cidr, (char **) kept->pdata));
              }
              break;

            case NP_CILIUM_PEER_FQDNS:
              loss (b->c, sub, item, _("A NetworkPolicy cannot select by DNS name: this name was left out."));
              break;
            case NP_CILIUM_PEER_SERVICES:
              loss (b->c, sub, item,
                    _("A NetworkPolicy cannot select a Service: select its pods with a podSelector instead. "
                    "This entry was left out."));
              break;
            case NP_CILIUM_PEER_NODES:
              loss (b->c, sub, item, _("A NetworkPolicy cannot select nodes: this entry was left out."));
              break;
            case NP_CILIUM_PEER_GROUPS:
              loss (b->c, sub, item, _("A NetworkPolicy cannot select cloud groups: this entry was left out."));
              break;
            case NP_CILIUM_PEER_NONE:
            default:
              break;
            }
        }
    }

  if (!any_peer_key)
    return PEERS_UNSET;
  return np_node_get_n_items (peers) > 0 ? PEERS_SOME : PEERS_NOTHING;
}

/* The ports of the entry as Kubernetes ports; FALSE (reported) when none of
 * them can be said, and the rule must go. */
static gboolean
convert_ports (Back *b, const NpNode *entry, const char *path, NpNode *ports_out)
{
  NpNode *port_rules = np_cilium_get_list (entry, "toPorts");
  static const char * const expanded[] = { "TCP", "UDP", "SCTP", NULL };

  for (guint i = 0; port_rules != NULL && i < np_node_get_n_items (port_rules); i++)
    {
      NpNode *port_rule = np_node_get_item (port_rules, i);
      NpNode *ports = np_cilium_get_list (port_rule, "ports");
      g_autofree char *sub = g_strdup_printf ("%s.toPorts[%u]", path, i);
      static const char * const restricting[] = {
        "rules", "serverNames", "listener", "terminatingTLS", "originatingTLS", NULL
      };
      gboolean dropped = FALSE;

      for (guint k = 0; restricting[k] != NULL && !dropped; k++)
        if (!np_cilium_is_absent (np_node_lookup (port_rule, restricting[k])))
          {
            g_autofree char *field = g_strdup_printf ("%s.%s", sub, restricting[k]);

            loss (b->c, field, np_node_lookup_key (port_rule, restricting[k]),
                  /* Translators: %s is a Cilium field name such as “serverNames”, or “L7 rules”. */
                  _("A NetworkPolicy has no %s: rather than allow these ports without it, the port rule was "
                  "left out."), g_str_equal (restricting[k], "rules") ? _("L7 rules") : restricting[k]);
            dropped = TRUE;
          }
      if (dropped)
        continue;

      for (guint j = 0; ports != NULL && j < np_node_get_n_items (ports); j++)
        {
          NpNode *item = np_node_get_item (ports, j);
          const char *port = np_cilium_get_text (item, "port");
          const char *protocol = np_cilium_get_text (item, "protocol");
          g_autofree char *port_path = g_strdup_printf ("%s.ports[%u]", sub, j);
          gint64 end = 0;
          guint64 number = 0;
          gboolean numeric;
          char *tail = NULL;

          np_node_get_int (np_node_lookup (item, "endPort"), &end);
          if (protocol == NULL || *protocol == '\0')
            protocol = "ANY";
          if (!g_str_equal (protocol, "ANY") && !g_strv_contains (expanded, protocol))
            {
              loss (b->c, port_path, item,
                    /* Translators: %s is a protocol name as written in the Cilium policy, such as “ICMP” or “ANY”. */
                    _("A NetworkPolicy has no protocol %s (only TCP, UDP and SCTP): this port was left out."), protocol);
              continue;
            }
          numeric = port != NULL && *port != '\0' && g_ascii_isdigit (*port) &&
                    (number = g_ascii_strtoull (port, &tail, 10), tail != NULL && *tail == '\0');

          for (guint p = 0; expanded[p] != NULL; p++)
            {
              NpNode *out;

              if (!g_str_equal (protocol, "ANY") && !g_str_equal (protocol, expanded[p]))
                continue;
              out = np_node_new_mapping ();
              np_node_set (out, "protocol", np_node_new_string (expanded[p]));
              if (numeric && number != 0)
                {
                  np_node_set (out, "port", np_node_new_int (number));
                  if (end > (gint64) number)
                    np_node_set (out, "endPort", np_node_new_int (end));
                }
              else if (numeric && end > 0)
                {
                  /* "0" starts a range at 0, which Kubernetes cannot say (ports start at 1). */
                  np_node_set (out, "port", np_node_new_int (1));
                  np_node_set (out, "endPort", np_node_new_int (end));
                }
              else if (port != NULL && *port != '\0' && !numeric)
                {
                  /* Cilium compares port names without case; Kubernetes
                   * takes them in lower case only. */
                  g_autofree char *lower = g_ascii_strdown (port, -1);

                  np_node_set (out, "port", np_node_new_string (lower));
                }
              np_node_append (ports_out, out);
            }
        }
    }

  return port_rules == NULL || np_node_get_n_items (port_rules) == 0 || np_node_get_n_items (ports_out) > 0;
}

static void
convert_entry (Back *b, const NpNode *entry, NpCiliumSection section, const char *path, NpNode *rules_out)
{
  gboolean egress = np_cilium_section_get_direction (section) == NP_DIRECTION_EGRESS;
  const char *requires_key = egress ? "toRequires" : "fromRequires";
  g_autoptr(NpNode) peers = np_node_new_sequence ();
  g_autoptr(NpNode) ports = np_node_new_sequence ();
  PeerResult result;
  NpNode *rule;

  if (np_cilium_is_absent (entry) || np_node_get_kind (entry) != NP_NODE_MAPPING)
    return;   /* `{}`: matches nothing */

  /* Constructs that narrow what the rule allows: without them it would
   * allow more, so the rule goes. */
  if (np_cilium_list_length (entry, requires_key) > 0 || !np_cilium_is_absent (np_node_lookup (entry, "authentication")))
    {
      const char *key = np_cilium_list_length (entry, requires_key) > 0 ? requires_key : "authentication";
      g_autofree char *sub = g_strdup_printf ("%s.%s", path, key);

      loss (b->c, sub, np_node_lookup_key (entry, key),
            /* Translators: %s is a Cilium field name: “toRequires”, “fromRequires” or “authentication”. */
            _("A NetworkPolicy has no %s: rather than allow more than the rule does, the rule was left out."),
            key);
      return;
    }
  if (np_cilium_list_length (entry, "icmps") > 0)
    {
      g_autofree char *sub = g_strdup_printf ("%s.icmps", path);

      loss (b->c, sub, np_node_lookup_key (entry, "icmps"),
            _("A NetworkPolicy cannot allow ICMP by type: the rule was left out."));
      return;
    }

  result = convert_peers (b, entry, section, path, peers);
  if (result == PEERS_NOTHING)
    return;
  /* Neither peers nor ports (`{}`): matches nothing in Cilium. */
  if (result == PEERS_UNSET && np_cilium_list_length (entry, "toPorts") == 0)
    return;
  if (!convert_ports (b, entry, path, ports))
    return;

  rule = np_node_new_mapping ();
  if (result == PEERS_SOME)
    np_node_set (rule, egress ? "to" : "from", g_steal_pointer (&peers));
  if (np_node_get_n_items (ports) > 0)
    np_node_set (rule, "ports", g_steal_pointer (&ports));
  np_node_append (rules_out, rule);
}

NpPolicy *
np_convert_to_kubernetes (NpCiliumPolicy *policy,
                          GPtrArray      *losses)
{
  Converter c = { losses };
  Back b = { &c, FALSE, NULL };
  NpNode *source;
  g_autoptr(NpNode) root = np_node_new_mapping ();
  NpNode *metadata = np_node_new_mapping ();
  NpNode *spec = np_node_new_mapping ();
  NpNode *ingress = np_node_new_sequence ();
  NpNode *egress = np_node_new_sequence ();
  NpNode *types = np_node_new_sequence ();
  GListModel *rules;
  const NpNode *selector_of_first = NULL;
  gboolean have_selector = FALSE;
  gboolean isolates[2] = { FALSE, FALSE };
  g_autofree char *namespace_ = NULL;
  const char *name;
  NpPolicy *result;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (policy), NULL);

  source = np_cilium_policy_get_node (policy);
  b.clusterwide = np_cilium_policy_is_clusterwide (policy);
  if (!b.clusterwide)
    namespace_ = g_strdup (np_cilium_policy_get_namespace (policy));
  rules = np_cilium_policy_get_rules (policy);

  if (b.clusterwide)
    loss (&c, "kind", np_node_lookup (source, "kind"),
          _("A CiliumClusterwideNetworkPolicy applies in every namespace, a NetworkPolicy in one: the result "
          "applies in a single namespace only."));

  for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
    {
      g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, r);
      NpNode *node = np_cilium_rule_get_node (rule);
      g_autofree char *path = np_cilium_rule_get_path (rule);
      NpNode *selector = np_node_lookup (node, "endpointSelector");
      static const char * const dropped_fields[] = { "description", "labels", "log", NULL };

      if (!np_cilium_is_absent (np_node_lookup (node, "nodeSelector")))
        {
          g_autofree char *sub = g_strdup_printf ("%s.nodeSelector", path);

          loss (&c, sub, np_node_lookup_key (node, "nodeSelector"),
                _("A NetworkPolicy cannot protect nodes (a host policy): this rule was left out."));
          continue;
        }
      if (np_cilium_is_absent (selector))
        continue;
      if (!have_selector)
        {
          g_autofree char *sub = g_strdup_printf ("%s.endpointSelector", path);
          g_autofree char *pinned = NULL;
          NpNode *pod_selector = endpoint_selector_to_pod_selector (&b, selector, sub, b.clusterwide ? &pinned : NULL);

          np_node_set (spec, "podSelector", pod_selector);
          if (b.clusterwide && pinned != NULL)
            namespace_ = g_steal_pointer (&pinned);
          else if (b.clusterwide)
            loss (&c, sub, selector,
                  _("The clusterwide policy is not pinned to a namespace (k8s:io.kubernetes.pod.namespace): the "
                  "NetworkPolicy has none either and lands in kubectl's current namespace."));
          selector_of_first = selector;
          have_selector = TRUE;
        }
      else if (!np_node_equal (selector, selector_of_first))
        {
          loss (&c, path, node,
                _("A NetworkPolicy has one podSelector, and this rule selects other pods than the first: it "
                "was left out (convert it to a policy of its own)."));
          continue;
        }
      b.namespace_ = namespace_;

      for (guint k = 0; dropped_fields[k] != NULL; k++)
        if (!np_cilium_is_absent (np_node_lookup (node, dropped_fields[k])))
          {
            g_autofree char *sub = g_strdup_printf ("%s.%s", path, dropped_fields[k]);

            loss (&c, sub, np_node_lookup_key (node, dropped_fields[k]),
                  /* Translators: %s is a Cilium field name: “description”, “labels” or “log”. */
                  _("A NetworkPolicy has no rule %s: it was left out."), dropped_fields[k]);
          }

      for (guint d = 0; d < 2; d++)
        {
          NpDirection direction = d == 0 ? NP_DIRECTION_INGRESS : NP_DIRECTION_EGRESS;
          gboolean value;

          if (np_cilium_rule_enables_default_deny (rule, direction))
            isolates[d] = TRUE;
          else if (np_cilium_rule_get_default_deny (rule, direction, &value) && !value &&
                   np_cilium_list_length (node, direction == NP_DIRECTION_INGRESS ? "ingress" : "egress") > 0)
            {
              g_autofree char *sub = g_strdup_printf ("%s.enableDefaultDeny.%s", path, d == 0 ? "ingress" : "egress");

              loss (&c, sub, np_node_lookup (np_node_lookup (node, "enableDefaultDeny"), d == 0 ? "ingress" : "egress"),
                    _("A NetworkPolicy always isolates the pods it selects: it cannot add allowances without "
                    "turning on default-deny, so the result denies what no policy allows."));
              isolates[d] = TRUE;
            }
        }

      for (guint s = 0; s < NP_CILIUM_N_SECTIONS; s++)
        {
          NpNode *list = np_cilium_get_list (node, np_cilium_section_to_key (s));
          g_autofree char *list_path = g_strdup_printf ("%s.%s", path, np_cilium_section_to_key (s));

          for (guint i = 0; list != NULL && i < np_node_get_n_items (list); i++)
            {
              g_autofree char *sub = g_strdup_printf ("%s[%u]", list_path, i);

              if (np_cilium_section_is_deny (s))
                {
                  loss (&c, sub, np_node_get_item (list, i),
                        _("A NetworkPolicy cannot deny: this deny rule was left out, so what it denies may be "
                        "allowed by the allow rules."));
                  continue;
                }
              convert_entry (&b, np_node_get_item (list, i), s, sub,
                             np_cilium_section_get_direction (s) == NP_DIRECTION_INGRESS ? ingress : egress);
            }
        }
    }

  np_node_set (root, "apiVersion", np_node_new_string (NP_K8S_API_VERSION));
  np_node_set (root, "kind", np_node_new_string (NP_K8S_KIND));
  np_node_set (root, "metadata", metadata);
  name = np_cilium_policy_get_name (policy);
  if (name != NULL)
    np_node_set (metadata, "name", np_node_new_string (name));
  if (namespace_ != NULL)
    np_node_set (metadata, "namespace", np_node_new_string (namespace_));
  copy_metadata_maps (metadata, np_node_lookup (source, "metadata"));

  if (!have_selector)
    np_node_set (spec, "podSelector", np_node_new_mapping ());
  if (!isolates[0] && !isolates[1])
    {
      /* Nothing isolated: a NetworkPolicy always isolates some direction,
       * so it isolates ingress and allows all of it, which changes nothing. */
      isolates[0] = TRUE;
      np_node_append (ingress, np_node_new_mapping ());
    }
  if (isolates[0])
    np_node_append (types, np_node_new_string ("Ingress"));
  if (isolates[1])
    np_node_append (types, np_node_new_string ("Egress"));
  np_node_set (spec, "policyTypes", types);
  if (isolates[0] && np_node_get_n_items (ingress) > 0)
    np_node_set (spec, "ingress", ingress);
  else
    np_node_unref (ingress);
  if (isolates[1] && np_node_get_n_items (egress) > 0)
    np_node_set (spec, "egress", egress);
  else
    np_node_unref (egress);
  np_node_set (root, "spec", spec);

  result = np_policy_new_from_node (root, NULL);
  g_assert (result != NULL);
  return result;
}
