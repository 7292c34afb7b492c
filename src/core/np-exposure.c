/* np-exposure.c: which workloads the policies open to the whole cluster or to selectors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * netpol-analyzer's exposure analysis (shared/docs/analysis-formats.md §5;
 * upstream pkg/netpol/eval/internal/k8s/netpol.go
 * getSelectorsAndUpdateExposureClusterWideConns, representative_selectors.go,
 * pkg/netpol/eval/exposure.go, pkg/netpol/connlist/exposure_map.go).
 *
 * A rule peer that selects every namespace (or a rule without peers) opens
 * the selected workloads to the entire cluster on the rule's ports. Every
 * other selector pair stands for pods that may exist: a "representative"
 * peer. A rule matches a representative only when its selectors equal the
 * representative's (or are empty), never by overlap. The cluster tiers
 * (AdminNetworkPolicy, BaselineAdminNetworkPolicy) add their own
 * representatives and decide before and after the NetworkPolicies:
 * np-exposure-cluster.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-evaluator.h"
#include "np-exposure.h"
#include "np-exposure-private.h"
#include "np-inventory.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"

#define NS_NAME_LABEL "kubernetes.io/metadata.name"

static void
row_free (gpointer data)
{
  NpExposureRow *row = data;

  g_free (row->workload);
  g_free (row->other);
  g_free (row->namespace_part);
  g_free (row->pod_part);
  g_clear_pointer (&row->conns, np_conn_set_free);
  g_free (row);
}

void
np_exposure_free (NpExposure *exposure)
{
  if (exposure == NULL)
    return;
  g_clear_pointer (&exposure->egress, g_ptr_array_unref);
  g_clear_pointer (&exposure->ingress, g_ptr_array_unref);
  g_clear_pointer (&exposure->unprotected, g_ptr_array_unref);
  g_clear_pointer (&exposure->warnings, g_ptr_array_unref);
  g_free (exposure);
}

/* Selectors ----------------------------------------------------------------- */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The requirements of @selector as the labels package compares them: one
 * string each, values sorted, "k in (v)" written "k=v", the list sorted
 * [representative_selectors.go SelectorsFullMatch, UniqueKeyFromLabelsSelector].
 * "" for the empty (or missing) selector. (transfer full) */
char *
np_exposure_selector_key (NpLabelSelector *selector)
{
  GListModel *terms;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (selector == NULL)
    return g_strdup ("");
  terms = np_label_selector_get_requirements (selector);
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      const char *key = np_selector_requirement_get_key (term);
      const char *op = np_selector_requirement_get_operator (term);
      const char * const *values = np_selector_requirement_get_values (term);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      if (op == NULL)
        {
          g_ptr_array_add (parts, g_strdup_printf ("%s=%s", key, np_selector_requirement_get_value (term)));
          continue;
        }
      for (guint v = 0; values != NULL && values[v] != NULL; v++)
        g_ptr_array_add (sorted, (gpointer) values[v]);
      g_ptr_array_sort (sorted, compare_strings);
      g_ptr_array_add (sorted, NULL);
      joined = g_strjoinv (",", (char **) sorted->pdata);
      if (g_str_equal (op, "In") && sorted->len == 2)
        g_ptr_array_add (parts, g_strdup_printf ("%s=%s", key, joined));
      else
        g_ptr_array_add (parts, g_strdup_printf ("%s %s (%s)", key, op, joined));
    }
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("\x1f", (char **) parts->pdata);
}

/* SEL of the representative text: the matchLabels as k=v sorted by key,
 * then the expressions as Go prints a LabelSelectorRequirement without its
 * "&LabelSelectorRequirement" prefix, sorted [CF writeLabelSelectorAsString].
 * (transfer full) */
static char *
selector_text (NpLabelSelector *selector)
{
  GListModel *terms = np_label_selector_get_requirements (selector);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expressions = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);
      const char *op = np_selector_requirement_get_operator (term);

      if (op == NULL)
        g_ptr_array_add (labels, g_strdup_printf ("%s=%s", np_selector_requirement_get_key (term),
                                                  np_selector_requirement_get_value (term)));
      else
        {
          const char * const *values = np_selector_requirement_get_values (term);
          g_autofree char *joined = values != NULL ? g_strjoinv (" ", (char **) values) : g_strdup ("");

          g_ptr_array_add (expressions, g_strdup_printf ("{Key:%s,Operator:%s,Values:[%s],}",
                                                         np_selector_requirement_get_key (term),
                                                         op, joined));
        }
    }
  g_ptr_array_sort (labels, compare_strings);
  g_ptr_array_sort (expressions, compare_strings);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", (char *) labels->pdata[i]);
  for (guint i = 0; i < expressions->len; i++)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", (char *) expressions->pdata[i]);
  return g_string_free (out, FALSE);
}

static gboolean
selector_is_empty (NpLabelSelector *selector)
{
  return selector == NULL || np_label_selector_is_empty (selector);
}

static gboolean
selector_labels_only (NpLabelSelector *selector)
{
  GListModel *terms = np_label_selector_get_requirements (selector);

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);

      if (!np_selector_requirement_is_label (term))
        return FALSE;
    }
  return TRUE;
}

/* Representatives --------------------------------------------------------- */

typedef NpExposureRep Rep;

static void
rep_free (gpointer data)
{
  Rep *rep = data;

  g_clear_object (&rep->ns);
  g_clear_object (&rep->pod);
  g_free (rep->ns_name);
  g_free (rep->ns_key);
  g_free (rep->pod_key);
  g_free (rep->ns_part);
  g_free (rep->pod_part);
  g_free (rep);
}

static Rep *
rep_new (NpLabelSelector *ns, const char *policy_namespace, NpLabelSelector *pod)
{
  Rep *rep = g_new0 (Rep, 1);

  rep->pod = pod != NULL ? g_object_ref (pod) : NULL;
  rep->pod_key = np_exposure_selector_key (pod);
  if (ns == NULL)
    {
      rep->ns_name = g_strdup (policy_namespace);
      rep->ns_key = g_strdup_printf (NS_NAME_LABEL "=%s", policy_namespace);
      rep->ns_part = g_strdup (policy_namespace);
      rep->ns_bare = TRUE;
    }
  else
    {
      GListModel *terms = np_label_selector_get_requirements (ns);
      const char *name = np_label_selector_get_label (ns, NS_NAME_LABEL);

      rep->ns = g_object_ref (ns);
      rep->ns_key = np_exposure_selector_key (ns);
      /* [CF getRepresentativeNamespaceString] */
      if (name != NULL && g_list_model_get_n_items (terms) == 1)
        {
          rep->ns_part = g_strdup (name);
          rep->ns_bare = TRUE;
        }
      else if (np_label_selector_is_empty (ns))
        rep->ns_part = g_strdup ("all namespaces");
      else
        {
          g_autofree char *text = selector_text (ns);

          rep->ns_part = g_strdup_printf ("namespace with {%s}", text);
        }
    }
  if (selector_is_empty (pod))
    rep->pod_part = g_strdup ("all pods");
  else
    {
      g_autofree char *text = selector_text (pod);

      rep->pod_part = g_strdup_printf ("pod with {%s}", text);
    }
  return rep;
}

/* Whether a real workload matches @rep's selectors, which are labels only
 * and both non-empty: then the representative adds nothing and is dropped
 * [eval/exposure.go removeRepresentativePeersMatchingLabels]. */
static gboolean
rep_is_redundant (const Rep *rep, NpInventory *inventory)
{
  if (selector_is_empty (rep->pod) || !selector_labels_only (rep->pod))
    return FALSE;
  if (rep->ns != NULL && (np_label_selector_is_empty (rep->ns) || !selector_labels_only (rep->ns)))
    return FALSE;
  for (guint w = 0; w < np_inventory_get_n_workloads (inventory); w++)
    {
      const NpWorkload *workload = np_inventory_get_workload (inventory, w);
      GHashTable *ns_labels = np_inventory_get_namespace_labels (inventory, workload->namespace_);
      gboolean ns_ok;

      if (rep->ns == NULL)
        ns_ok = g_str_equal (rep->ns_name, workload->namespace_);
      else
        ns_ok = ns_labels != NULL && np_label_selector_matches (rep->ns, ns_labels);
      if (ns_ok && np_label_selector_matches (rep->pod, workload->labels))
        return TRUE;
    }
  return FALSE;
}

/* Whether the rule peer (@ns, @pod) of a policy in @policy_namespace
 * matches @rep: equal selectors, or an empty one [SelectorsFullMatch]. A
 * missing namespaceSelector is the policy's namespace, which we compare by
 * meaning (kubernetes.io/metadata.name=NS). */
static gboolean
peer_matches_rep (NpLabelSelector *ns, NpLabelSelector *pod, const char *policy_namespace,
                  const Rep *rep)
{
  if (ns == NULL)
    {
      g_autofree char *key = g_strdup_printf (NS_NAME_LABEL "=%s", policy_namespace);

      if (!g_str_equal (key, rep->ns_key))
        return FALSE;
    }
  else if (!np_label_selector_is_empty (ns))
    {
      g_autofree char *key = np_exposure_selector_key (ns);

      if (!g_str_equal (key, rep->ns_key))
        return FALSE;
    }
  if (!selector_is_empty (pod))
    {
      g_autofree char *key = np_exposure_selector_key (pod);

      if (!g_str_equal (key, rep->pod_key))
        return FALSE;
    }
  return TRUE;
}

/* Policies ------------------------------------------------------------------ */

/* The connections a rule's ports allow; named ports resolve on @workload
 * (the destination on Ingress), and on Egress, toward pods not known, they
 * are left out. */
static NpConnSet *
rule_ports (NpPolicyRule *rule, const NpWorkload *workload)
{
  GListModel *model = np_policy_rule_get_ports (rule);
  g_autoptr(GPtrArray) ports = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (ports, g_list_model_get_item (model, i));
  return np_evaluator_ports_allow ((NpPolicyPort * const *) ports->pdata, ports->len, workload);
}

/* Whether a peer selects every namespace: namespaceSelector {} with no or
 * an empty podSelector [NP doesRuleSelectAllNamespaces]. */
static gboolean
peer_is_cluster_wide (NpPolicyPeer *peer)
{
  NpLabelSelector *ns = np_policy_peer_get_namespace_selector (peer);

  return np_policy_peer_get_ip_block (peer) == NULL && ns != NULL && np_label_selector_is_empty (ns) &&
         selector_is_empty (np_policy_peer_get_pod_selector (peer));
}

/* Whether @rule opens the entire cluster [NP getSelectorsAndUpdateExposureClusterWideConns]. */
static gboolean
rule_is_cluster_wide (NpPolicyRule *rule)
{
  GListModel *peers = np_policy_rule_get_peers (rule);

  if (g_list_model_get_n_items (peers) == 0)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);

      if (peer_is_cluster_wide (peer))
        return TRUE;
    }
  return FALSE;
}

static const char *
policy_namespace (NpPolicy *policy)
{
  return np_k8s_namespace_or_default (np_policy_get_namespace (policy));
}

/* Adds @rep to @reps unless one with the same selectors is there. */
static void
add_rep (GHashTable *reps, Rep *rep)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", rep->ns_key, rep->pod_key);

  if (g_hash_table_contains (reps, key))
    rep_free (rep);
  else
    g_hash_table_insert (reps, g_steal_pointer (&key), rep);
}

/* A representative of an AdminNetworkPolicy or BaselineAdminNetworkPolicy
 * rule: its namespace selector is always given (empty: every namespace). */
static void
add_cluster_rep (NpLabelSelector *ns, NpLabelSelector *pod, gpointer data)
{
  g_autoptr(NpLabelSelector) every = ns == NULL ? np_label_selector_new () : NULL;

  add_rep (data, rep_new (ns != NULL ? ns : every, NULL, pod));
}

/* Adds the representatives of @policy's rules to @reps (by key). */
static void
collect_reps (NpPolicy *policy, GHashTable *reps)
{
  for (guint d = 0; d < 2; d++)
    {
      GListModel *rules = np_policy_get_rules (policy, d);

      if (!np_policy_affects (policy, d))
        continue;
      for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
        {
          g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, r);
          GListModel *peers = np_policy_rule_get_peers (rule);

          /* A rule that selects every namespace yields no representative
           * at all, not even for its other peers. */
          if (rule_is_cluster_wide (rule))
            continue;
          for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
            {
              g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
              NpLabelSelector *ns = np_policy_peer_get_namespace_selector (peer);
              NpLabelSelector *pod = np_policy_peer_get_pod_selector (peer);

              if (np_policy_peer_get_ip_block (peer) != NULL || (ns == NULL && pod == NULL))
                continue;
              add_rep (reps, rep_new (ns, policy_namespace (policy), pod));
            }
        }
    }
}

static gboolean
policy_selects (NpPolicy *policy, const NpWorkload *workload)
{
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);

  return g_str_equal (policy_namespace (policy), workload->namespace_) &&
         (selector == NULL || np_label_selector_matches (selector, workload->labels));
}

/* What @policies (those selecting @workload in @direction) allow with the
 * entire cluster, or with @rep when given. */
static NpConnSet *
allowed_with (GPtrArray *policies, NpDirection direction, const NpWorkload *workload, const Rep *rep)
{
  NpConnSet *set = np_conn_set_new ();
  const NpWorkload *resolver = direction == NP_DIRECTION_INGRESS ? workload : NULL;

  for (guint p = 0; p < policies->len; p++)
    {
      NpPolicy *policy = policies->pdata[p];
      GListModel *rules = np_policy_get_rules (policy, direction);

      for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
        {
          g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, r);
          GListModel *peers = np_policy_rule_get_peers (rule);
          gboolean match = rule_is_cluster_wide (rule);

          for (guint i = 0; rep != NULL && !match && i < g_list_model_get_n_items (peers); i++)
            {
              g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
              NpLabelSelector *ns = np_policy_peer_get_namespace_selector (peer);
              NpLabelSelector *pod = np_policy_peer_get_pod_selector (peer);

              if (np_policy_peer_get_ip_block (peer) != NULL || (ns == NULL && pod == NULL))
                continue;
              match = peer_matches_rep (ns, pod, policy_namespace (policy), rep);
            }
          if (match)
            {
              g_autoptr(NpConnSet) conns = rule_ports (rule, resolver);

              np_conn_set_union (set, conns);
            }
        }
    }
  return set;
}

/* Computing ----------------------------------------------------------------- */

static NpExposureRow *
row_new (const char *workload, NpExposureKind kind, const char *other, NpConnSet *conns)
{
  NpExposureRow *row = g_new0 (NpExposureRow, 1);

  row->workload = g_strdup (workload);
  row->kind = kind;
  row->other = g_strdup (other);
  row->conns = conns;
  return row;
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const NpExposureRow *x = *(const NpExposureRow * const *) a;
  const NpExposureRow *y = *(const NpExposureRow * const *) b;
  int c = strcmp (x->workload, y->workload);

  return c != 0 ? c : strcmp (x->other, y->other);
}

/* Whether a Cilium policy selects @workload, in either direction: asked
 * of the evaluator with an outside address at the other end (a pod and
 * itself are always allowed, without reasons). */
static gboolean
cilium_selects (NpEvaluator *evaluator, guint workload)
{
  NpEndpoint self_end;
  NpEndpoint outside;

  np_endpoint_init_workload (&self_end, workload);
  np_endpoint_init_address (&outside, "192.0.2.1");
  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(NpVerdict) verdict = NULL;
      const NpSideDecision *side;

      if (d == NP_DIRECTION_INGRESS)
        verdict = np_evaluator_decide (evaluator, &outside, &self_end, NP_PROTOCOL_TCP, 1);
      else
        verdict = np_evaluator_decide (evaluator, &self_end, &outside, NP_PROTOCOL_TCP, 1);
      side = d == NP_DIRECTION_INGRESS ? &verdict->ingress : &verdict->egress;
      for (guint i = 0; side->policy_refs != NULL && i < side->policy_refs->len; i++)
        {
          const NpRuleRef *ref = side->policy_refs->pdata[i];

          if (NP_IS_CILIUM_POLICY (ref->policy))
            return TRUE;
        }
    }
  return FALSE;
}

/* What @workload may do with @rep (NULL: the entire cluster) in
 * @direction: the NetworkPolicies selecting it there (@policies, empty when
 * none does) and, with @tiers, the cluster tiers on both sides. (transfer full) */
static NpConnSet *
exposure_conns (NpExposureTiers *tiers, GPtrArray *policies, const NpWorkload *workload,
                NpDirection direction, const Rep *rep)
{
  g_autoptr(NpConnSet) np_allowed = allowed_with (policies, direction, workload, rep);
  NpConnSet *conns;

  if (tiers == NULL)
    return g_steal_pointer (&np_allowed);
  conns = np_exposure_tiers_side (tiers, workload, direction, rep, policies->len > 0 ? np_allowed : NULL);
  if (rep != NULL)
    {
      /* A representative's own side: allowed unless a cluster policy whose
       * subject equals its selectors says otherwise. */
      g_autoptr(NpConnSet) other = np_exposure_tiers_rep_side (tiers, workload, direction, rep);

      np_conn_set_intersect (conns, other);
    }
  return conns;
}

/* The exposure of one workload in one direction; FALSE when it has none. */
static gboolean
expose (NpInventory *inventory, NpExposureTiers *tiers, const NpWorkload *workload, NpDirection direction,
        GPtrArray *reps, const NpConnSet *focus_conn, GPtrArray *rows, GPtrArray *unprotected)
{
  g_autoptr(GPtrArray) policies = g_ptr_array_new ();
  g_autoptr(NpConnSet) cluster = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    {
      GObject *object = np_inventory_get_policy (inventory, i)->policy;

      if (NP_IS_POLICY (object) && np_policy_affects (NP_POLICY (object), direction) &&
          policy_selects (NP_POLICY (object), workload))
        g_ptr_array_add (policies, object);
    }

  /* Protected: a NetworkPolicy, AdminNetworkPolicy or
   * BaselineAdminNetworkPolicy selects it that way [EM addPeerUnprotectedData]. */
  if (policies->len == 0 && !np_exposure_tiers_protect (tiers, workload, direction))
    {
      NpExposureRow *row = row_new (workload->display, NP_EXPOSURE_ENTIRE_CLUSTER, "entire-cluster",
                                    np_conn_set_new_all ());

      row->unprotected = TRUE;
      g_ptr_array_add (rows, row);
      g_ptr_array_add (unprotected, g_strdup_printf ("%s is not protected on %s", workload->display,
                                                     direction == NP_DIRECTION_INGRESS ? "Ingress" : "Egress"));
      return TRUE;
    }

  cluster = exposure_conns (tiers, policies, workload, direction, NULL);
  if (focus_conn != NULL)
    np_conn_set_intersect (cluster, focus_conn);
  if (!np_conn_set_is_empty (cluster))
    {
      g_ptr_array_add (rows, row_new (workload->display, NP_EXPOSURE_ENTIRE_CLUSTER, "entire-cluster",
                                      np_conn_set_copy (cluster)));
      any = TRUE;
    }
  for (guint r = 0; r < reps->len; r++)
    {
      const Rep *rep = reps->pdata[r];
      NpConnSet *conns = exposure_conns (tiers, policies, workload, direction, rep);
      NpExposureRow *row;
      g_autofree char *other = NULL;

      if (focus_conn != NULL)
        np_conn_set_intersect (conns, focus_conn);
      /* A row when it differs from the entire cluster's, even an empty one
       * (a Deny rule's exception to an entire-cluster exposure), but not
       * without a connection where there is no entire-cluster one, nor
       * with a focus connection [EM addConnToExposureMap,
       * connectionEqualsEntireClusterConn]. */
      if (np_conn_set_is_empty (conns) ? np_conn_set_is_empty (cluster) || focus_conn != NULL
                                       : np_conn_set_equal (conns, cluster))
        {
          np_conn_set_free (conns);
          continue;
        }
      if (rep->ns_bare)
        other = g_strdup_printf ("%s/[%s]", rep->ns_part, rep->pod_part);
      else
        other = g_strdup_printf ("[%s]/[%s]", rep->ns_part, rep->pod_part);
      row = row_new (workload->display, NP_EXPOSURE_REPRESENTATIVE, other, conns);
      row->namespace_part = g_strdup (rep->ns_part);
      row->pod_part = g_strdup (rep->pod_part);
      g_ptr_array_add (rows, row);
      any = TRUE;
    }
  return any;
}

NpExposure *
np_exposure_compute (NpEvaluator           *evaluator,
                     const NpConnlist      *list,
                     const NpConnlistFocus *focus)
{
  NpInventory *inventory;
  NpExposure *exposure;
  g_autoptr(GHashTable) rep_table = NULL;
  g_autoptr(GPtrArray) reps = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) exposed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) cilium = g_ptr_array_new ();
  g_autoptr(NpConnSet) focus_conn = NULL;
  g_autoptr(NpExposureTiers) tiers = NULL;
  gboolean directions[2] = { TRUE, TRUE };
  GPtrArray *sections[2];
  GList *values;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (list != NULL, NULL);

  inventory = np_evaluator_get_inventory (evaluator);
  exposure = g_new0 (NpExposure, 1);
  exposure->egress = g_ptr_array_new_with_free_func (row_free);
  exposure->ingress = g_ptr_array_new_with_free_func (row_free);
  exposure->unprotected = g_ptr_array_new_with_free_func (g_free);
  exposure->warnings = g_ptr_array_new_with_free_func (g_free);
  sections[NP_DIRECTION_INGRESS] = exposure->ingress;
  sections[NP_DIRECTION_EGRESS] = exposure->egress;

  if (focus != NULL && focus->workloads->len > 0 && focus->peers->len > 0)
    {
      /* [CL] focus workloads with focus peers turn exposure off. */
      g_ptr_array_add (exposure->warnings,
                       g_strdup (_("--exposure is ignored with --focus-workload-peer.")));
      exposure->off = TRUE;
      return exposure;
    }
  if (focus != NULL && focus->workloads->len > 0)
    {
      directions[NP_DIRECTION_INGRESS] = focus->direction != NP_FOCUS_DIRECTION_EGRESS;
      directions[NP_DIRECTION_EGRESS] = focus->direction != NP_FOCUS_DIRECTION_INGRESS;
    }
  if (focus != NULL && focus->has_conn)
    {
      focus_conn = np_conn_set_new ();
      np_conn_set_add_range (focus_conn, focus->conn_protocol, focus->conn_port, focus->conn_port);
    }

  rep_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rep_free);
  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    {
      GObject *object = np_inventory_get_policy (inventory, i)->policy;

      if (NP_IS_POLICY (object))
        collect_reps (NP_POLICY (object), rep_table);
    }
  tiers = np_exposure_tiers_new (inventory);
  np_exposure_tiers_collect_reps (tiers, add_cluster_rep, rep_table);
  values = g_hash_table_get_values (rep_table);
  for (GList *l = values; l != NULL; l = l->next)
    if (!rep_is_redundant (l->data, inventory))
      g_ptr_array_add (reps, l->data);
  g_list_free (values);

  for (guint w = 0; w < np_inventory_get_n_workloads (inventory); w++)
    {
      const NpWorkload *workload = np_inventory_get_workload (inventory, w);
      gboolean any = FALSE;

      /* Pods grouped under one owner are one workload. */
      if (!g_hash_table_add (seen, workload->display))
        continue;
      /* With a focus, only the focus workloads (list->nodes holds them). */
      if (list->nodes != NULL &&
          !g_ptr_array_find_with_equal_func (list->nodes, workload->display, g_str_equal, NULL))
        continue;
      if (cilium_selects (evaluator, w))
        {
          g_ptr_array_add (cilium, workload->display);
          continue;
        }
      for (guint d = 0; d < 2; d++)
        if (directions[d] &&
            expose (inventory, tiers, workload, d, reps, focus_conn, sections[d], exposure->unprotected))
          any = TRUE;
      if (any)
        {
          g_hash_table_add (exposed, workload->display);
          exposure->width = MAX (exposure->width, strlen (workload->display));
        }
    }

  /* The list's rows with address ranges, for the exposed workloads
   * [CF getXgressExposureConnsAsSingleConnFieldsArray]. */
  for (guint i = 0; i < list->connections->len; i++)
    {
      NpConnection *c = list->connections->pdata[i];

      if (g_str_has_suffix (c->source, "[External]") && g_hash_table_contains (exposed, c->destination) &&
          directions[NP_DIRECTION_INGRESS])
        g_ptr_array_add (exposure->ingress, row_new (c->destination, NP_EXPOSURE_EXTERNAL, c->source,
                                                     np_conn_set_copy (c->conns)));
      if (g_str_has_suffix (c->destination, "[External]") && g_hash_table_contains (exposed, c->source) &&
          directions[NP_DIRECTION_EGRESS])
        g_ptr_array_add (exposure->egress, row_new (c->source, NP_EXPOSURE_EXTERNAL, c->destination,
                                                    np_conn_set_copy (c->conns)));
    }

  g_ptr_array_sort (exposure->egress, compare_rows);
  g_ptr_array_sort (exposure->ingress, compare_rows);
  g_ptr_array_sort (exposure->unprotected, compare_strings);
  if (np_exposure_tiers_left_out_named (tiers))
    g_ptr_array_add (exposure->warnings,
                     g_strdup (_("Exposure analysis leaves out the named ports of AdminNetworkPolicy and "
                                 "BaselineAdminNetworkPolicy rules toward the entire cluster and representative "
                                 "pods, which have no container ports to name (netpol-analyzer shows the port "
                                 "name without a protocol).")));
  if (np_exposure_tiers_has_cnp (tiers))
    g_ptr_array_add (exposure->warnings,
                     g_strdup (_("Exposure analysis does not read ClusterNetworkPolicies (netpol-analyzer reads "
                                 "none): the rows leave out what they allow or deny.")));
  if (cilium->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (cilium, NULL);
      names = g_strjoinv (", ", (char **) cilium->pdata);
      g_ptr_array_add (exposure->warnings,
                       g_strdup_printf (_("Exposure analysis reads NetworkPolicies only; these workloads, "
                                          "which Cilium policies select, are left out of it: %s"),
                                        names));
    }
  return exposure;
}
