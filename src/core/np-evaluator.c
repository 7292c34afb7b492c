/* np-evaluator.c: decides which connections the policies of an inventory allow
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The driver: it knows endpoints and sides, not policy fields. Each kind of
 * policy is a family (np-evaluator-private.h): np-evaluator-k8s.c for
 * NetworkPolicy, np-evaluator-cilium.c for Cilium.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-evaluator-private.h"
#include "np-policy.h"

/* The families, in the order their reasons are listed. */
static const NpEvalFamily * const families[] = {
  &np_eval_family_k8s,
  &np_eval_family_cilium,
};

NpRuleRef *
np_rule_ref_copy (const NpRuleRef *ref)
{
  NpRuleRef *copy;

  g_return_val_if_fail (ref != NULL, NULL);

  copy = g_memdup2 (ref, sizeof *ref);
  copy->policy = ref->policy != NULL ? g_object_ref (ref->policy) : NULL;
  copy->file = g_strdup (ref->file);
  copy->where = g_strdup (ref->where);
  return copy;
}

void
np_rule_ref_free (NpRuleRef *ref)
{
  if (ref == NULL)
    return;
  g_clear_object (&ref->policy);
  g_free (ref->file);
  g_free (ref->where);
  g_free (ref);
}

void
np_side_decision_add (GPtrArray       *texts,
                      GPtrArray       *refs,
                      const NpRuleRef *ref,
                      NpDirection      direction,
                      char            *where)
{
  NpRuleRef *copy = np_rule_ref_copy (ref);

  copy->direction = direction;
  if (where != NULL)
    {
      g_free (copy->where);
      copy->where = where;
    }
  g_ptr_array_add (texts, g_strdup (copy->where));
  g_ptr_array_add (refs, copy);
}

static void
side_decision_clear (NpSideDecision *side)
{
  g_clear_pointer (&side->policy_refs, g_ptr_array_unref);
  g_clear_pointer (&side->rule_refs, g_ptr_array_unref);
  g_clear_pointer (&side->denial_refs, g_ptr_array_unref);
  g_clear_pointer (&side->policies, g_ptr_array_unref);
  g_clear_pointer (&side->rules, g_ptr_array_unref);
  g_clear_pointer (&side->denials, g_ptr_array_unref);
  g_clear_pointer (&side->note, g_free);
  g_clear_pointer (&side->tiers, g_free);
}

void
np_verdict_free (NpVerdict *verdict)
{
  if (verdict == NULL)
    return;
  side_decision_clear (&verdict->egress);
  side_decision_clear (&verdict->ingress);
  g_clear_pointer (&verdict->notes, g_ptr_array_unref);
  g_free (verdict);
}

NpRuleReason *
np_rule_reason_new (NpRuleReasonKind  kind,
                    const NpRuleRef  *ref,
                    char             *rule,
                    const NpConnSet  *conns)
{
  NpRuleReason *reason = g_new0 (NpRuleReason, 1);

  reason->kind = kind;
  reason->ref = np_rule_ref_copy (ref);
  reason->rule = rule;
  reason->conns = conns != NULL ? np_conn_set_copy (conns) : NULL;
  return reason;
}

static void
rule_reason_free (gpointer data)
{
  NpRuleReason *reason = data;

  if (reason == NULL)
    return;
  np_rule_ref_free (reason->ref);
  g_free (reason->rule);
  g_clear_pointer (&reason->conns, np_conn_set_free);
  g_free (reason);
}

NpPolicyReasons *
np_policy_reasons_new (const char *kind,
                       char       *name,
                       gboolean    isolates)
{
  NpPolicyReasons *policy = g_new0 (NpPolicyReasons, 1);

  policy->kind = kind;
  policy->name = name;
  policy->isolates = isolates;
  policy->reasons = g_ptr_array_new_with_free_func (rule_reason_free);
  return policy;
}

static void
policy_reasons_free (gpointer data)
{
  NpPolicyReasons *policy = data;

  g_free (policy->name);
  g_ptr_array_unref (policy->reasons);
  rule_reason_free (policy->fallback);
  g_free (policy);
}

void
np_side_reasons_free (NpSideReasons *side)
{
  if (side == NULL)
    return;
  g_clear_pointer (&side->policies, g_ptr_array_unref);
  g_clear_pointer (&side->admin, g_ptr_array_unref);
  g_clear_pointer (&side->baseline, g_ptr_array_unref);
  g_free (side);
}

/* Compiled policies ------------------------------------------------------ */

G_DEFINE_FINAL_TYPE (NpEvaluator, np_evaluator, G_TYPE_OBJECT)

static void
np_evaluator_finalize (GObject *object)
{
  NpEvaluator *self = NP_EVALUATOR (object);

  for (guint f = 0; self->family_state != NULL && f < G_N_ELEMENTS (families); f++)
    if (self->family_state[f] != NULL)
      families[f]->free_state (self->family_state[f]);
  g_clear_pointer (&self->family_state, g_free);
  g_clear_pointer ((NpEvalCluster **) &self->cluster, np_eval_cluster_free);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (np_evaluator_parent_class)->finalize (object);
}

static void
np_evaluator_class_init (NpEvaluatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = np_evaluator_finalize;
}

static void
np_evaluator_init (NpEvaluator *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

void
np_side_decision_add_selected (const NpSideQuery *query,
                               GPtrArray         *selected)
{
  for (guint i = 0; i < selected->len; i++)
    np_side_decision_add (query->side->policies, query->side->policy_refs,
                          (const NpRuleRef *) selected->pdata[i], query->direction, NULL);
}

GPtrArray *
np_evaluator_new_subject_table (NpEvaluator *self)
{
  GPtrArray *table = g_ptr_array_new_full (self->n_workloads + 1, (GDestroyNotify) g_ptr_array_unref);

  for (guint w = 0; w <= self->n_workloads; w++)
    g_ptr_array_add (table, g_ptr_array_new ());
  return table;
}

void
np_evaluator_add_note (NpEvaluator *self,
                       char        *note)
{
  for (guint i = 0; i < self->notes->len; i++)
    if (g_str_equal (self->notes->pdata[i], note))
      {
        g_free (note);
        return;
      }
  g_ptr_array_add (self->notes, note);
}

void
np_evaluator_add_warning (NpEvaluator *self,
                          char        *warning)
{
  for (guint i = 0; i < self->warnings->len; i++)
    if (g_str_equal (self->warnings->pdata[i], warning))
      {
        g_free (warning);
        return;
      }
  g_ptr_array_add (self->warnings, warning);
}

/**
 * np_evaluator_new:
 * @inventory: the workloads and policies
 * @flags: options
 *
 * Returns: (transfer full): an evaluator for @inventory
 */
NpEvaluator *
np_evaluator_new (NpInventory *inventory,
                  NpEvalFlags  flags)
{
  NpEvaluator *self;

  g_return_val_if_fail (NP_IS_INVENTORY (inventory), NULL);

  self = g_object_new (NP_TYPE_EVALUATOR, NULL);
  self->inventory = g_object_ref (inventory);
  self->flags = flags;
  self->n_workloads = np_inventory_get_n_workloads (inventory);
  self->family_state = g_new0 (gpointer, G_N_ELEMENTS (families));
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      /* The families make the NetworkPolicy tier; the tiers around it
       * are np-evaluator-cluster.c's. */
      g_assert (families[f]->tier == NP_EVAL_TIER_NETWORK_POLICY);
      self->family_state[f] = families[f]->compile (self);
    }
  self->cluster = np_eval_cluster_compile (self);
  return self;
}

gpointer
np_evaluator_get_family_state (NpEvaluator        *self,
                               const NpEvalFamily *family)
{
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    if (families[f] == family)
      return self->family_state[f];
  g_return_val_if_reached (NULL);
}

NpInventory *
np_evaluator_get_inventory (NpEvaluator *self)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  return self->inventory;
}

GPtrArray *
np_evaluator_get_notes (NpEvaluator *self)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  return self->notes;
}

GPtrArray *
np_evaluator_get_warnings (NpEvaluator *self)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  return self->warnings;
}

const char *
np_evaluator_get_cluster_error (NpEvaluator *self)
{
  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  return np_eval_cluster_get_error (self->cluster);
}

/* Deciding ----------------------------------------------------------------- */

/* "NetworkPolicy 'ns/name'" or "CiliumNetworkPolicy 'ns/name'": the policy
 * of @ref, for the tiers sentence. (transfer full) */
static char *
ref_policy_name (const NpRuleRef *ref)
{
  const char *where = ref->where != NULL ? ref->where : "";
  const char *colon = strstr (where, ": ");
  const char *rest = colon != NULL ? colon + 2 : where;
  const char *comma = strchr (rest, ',');

  /* where is "FILE:LINE: ns/name, ingress rule N" for both families. */
  return g_strdup_printf ("%s '%.*s'", NP_IS_POLICY (ref->policy) ? "NetworkPolicy" : "CiliumNetworkPolicy",
                          (int) (comma != NULL ? comma - rest : (ptrdiff_t) strlen (rest)), rest);
}

/* Ends the tiers sentence of a side with what the NetworkPolicy tier
 * (isolated) or the default did with the query's connection. */
static void
finish_tiers (GString *tiers, NpSideDecision *side, gboolean isolated, gboolean allowed)
{
  if (tiers->len > 0)
    g_string_append (tiers, _(", then "));
  if (isolated && allowed && side->rule_refs->len > 0)
    {
      g_autofree char *name = ref_policy_name (side->rule_refs->pdata[0]);

      /* TRANSLATORS: "NetworkPolicy 'shop/web' allows" */
      g_string_append_printf (tiers, _("%s allows"), name);
    }
  else if (isolated && side->policy_refs->len > 0)
    {
      g_autofree char *name = ref_policy_name (side->policy_refs->pdata[0]);

      g_string_append_printf (tiers, allowed ? _("%s allows") : _("%s denies"), name);
    }
  else
    g_string_append (tiers, allowed ? _("the default allows") : _("the default denies"));
}

/* What the policies of @subject allow in @direction with @peer;
 * @destination resolves named ports. Fills @side when given. */
static NpConnSet *
side_allowed (NpEvaluator      *self,
              NpDirection       direction,
              guint             subject,
              const NpEndpoint *peer,
              const NpEndpoint *destination,
              NpSideDecision   *side,
              NpProtocol        protocol,
              guint             port)
{
  NpSideQuery query = { direction, subject, peer, destination, side, protocol, port };
  gboolean isolated = FALSE;
  /* Some cluster-wide policy selects the subject in this direction. */
  gboolean cluster = np_eval_cluster_selects (self, NP_EVAL_TIER_ADMIN, direction, subject) ||
                     np_eval_cluster_selects (self, NP_EVAL_TIER_BASELINE, direction, subject);
  NpConnSet *undecided = NULL;
  NpConnSet *admin_allowed = NULL;
  guint n_admin_rules = 0, n_admin_denials = 0;
  g_autoptr(GString) tiers = cluster && side != NULL ? g_string_new (NULL) : NULL;
  NpConnSet *result;

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    isolated |= families[f]->isolates (self, self->family_state[f], direction, subject);

  /* Only the connections are asked (the list): when no rule of the tiers
   * that count matches the peer, they decide nothing here. */
  if (cluster && side == NULL &&
      !np_eval_cluster_matches (self, NP_EVAL_TIER_ADMIN, &query) &&
      (isolated || !np_eval_cluster_matches (self, NP_EVAL_TIER_BASELINE, &query)))
    cluster = FALSE;

  if (side != NULL)
    {
      side->applies = TRUE;
      side->isolated = isolated;
      side->policies = g_ptr_array_new_with_free_func (g_free);
      side->rules = g_ptr_array_new_with_free_func (g_free);
      side->denials = g_ptr_array_new_with_free_func (g_free);
      side->policy_refs = g_ptr_array_new_with_free_func ((GDestroyNotify) np_rule_ref_free);
      side->rule_refs = g_ptr_array_new_with_free_func ((GDestroyNotify) np_rule_ref_free);
      side->denial_refs = g_ptr_array_new_with_free_func ((GDestroyNotify) np_rule_ref_free);
      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        families[f]->list_policies (self, self->family_state[f], &query);
    }

  if (direction == NP_DIRECTION_INGRESS && peer->kind == NP_ENDPOINT_NODE &&
      subject < self->n_workloads && !(self->flags & NP_EVAL_DENY_FROM_NODE))
    {
      if (side != NULL)
        side->note = g_strdup (_("Traffic from the pod's own node is always allowed."));
      return np_conn_set_new_all ();
    }

  /* The Admin tier: what it allows or denies is settled here; what it
   * passes, or does not match, goes on (@undecided). */
  if (cluster)
    {
      undecided = np_conn_set_new_all ();
      np_eval_cluster_decide (self, NP_EVAL_TIER_ADMIN, &query, undecided, &admin_allowed, NULL, NULL,
                              tiers, NULL);
      if (side != NULL)
        {
          n_admin_rules = side->rules->len;
          n_admin_denials = side->denials->len;
        }
    }

  /* The Admin tier settled every connection (the list only): the other
   * tiers have nothing left to decide. */
  if (cluster && side == NULL && np_conn_set_is_empty (undecided))
    {
      np_conn_set_free (undecided);
      return admin_allowed != NULL ? admin_allowed : np_conn_set_new ();
    }

  if (!isolated)
    {
      if (side != NULL)
        side->note = g_strdup (direction == NP_DIRECTION_INGRESS ?
                               _("No policy isolates the destination for ingress: it is not isolated.") :
                               _("No policy isolates the source for egress: it is not isolated."));
      result = np_conn_set_new_all ();
    }
  else
    {
      result = np_conn_set_new ();
      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        families[f]->allow (self, self->family_state[f], &query, result);
      if (side != NULL && side->rules->len == 0)
        side->note = g_strdup (_("No allow rule of the policies that isolate it matches both the peer and the port."));
    }

  /* Deny rules override every allow, whichever family allowed. */
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    if (families[f]->deny != NULL)
      families[f]->deny (self, self->family_state[f], &query, result);

  if (cluster)
    {
      gboolean admin_decided = side != NULL && !np_conn_set_contains (undecided, protocol, port);
      gboolean baseline_decided = FALSE;

      /* The Baseline tier, for a side no NetworkPolicy isolates: its Deny
       * rules refuse what its Allow rules before them did not take. */
      if (!isolated && (side != NULL || np_eval_cluster_matches (self, NP_EVAL_TIER_BASELINE, &query)))
        {
          g_autoptr(NpConnSet) rest = np_conn_set_copy (undecided);
          g_autoptr(NpConnSet) denied = NULL;

          np_eval_cluster_decide (self, NP_EVAL_TIER_BASELINE, &query, rest, NULL, &denied, NULL,
                                  admin_decided ? NULL : tiers, NULL);
          baseline_decided = side != NULL && np_conn_set_contains (undecided, protocol, port) &&
                             !np_conn_set_contains (rest, protocol, port);
          if (denied != NULL)
            np_conn_set_subtract (undecided, denied);
        }
      np_conn_set_intersect (result, undecided);
      if (admin_allowed != NULL)
        np_conn_set_union (result, admin_allowed);
      if (tiers != NULL)
        {
          if (!admin_decided && !baseline_decided)
            finish_tiers (tiers, side, isolated, np_conn_set_contains (result, protocol, port));
          if (admin_decided || baseline_decided)
            g_clear_pointer (&side->note, g_free);
          /* What the NetworkPolicy tier's rules say does not count when
           * the Admin tier decided: only its rule is listed. */
          if (admin_decided)
            {
              g_ptr_array_set_size (side->rules, n_admin_rules);
              g_ptr_array_set_size (side->rule_refs, n_admin_rules);
              g_ptr_array_set_size (side->denials, n_admin_denials);
              g_ptr_array_set_size (side->denial_refs, n_admin_denials);
            }
          side->tiers = g_string_free (g_steal_pointer (&tiers), FALSE);
        }
      np_conn_set_free (undecided);
      g_clear_pointer (&admin_allowed, np_conn_set_free);
    }
  return result;
}

static int
endpoint_subject (NpEvaluator *self, const NpEndpoint *endpoint)
{
  switch (endpoint->kind)
    {
    case NP_ENDPOINT_WORKLOAD:
      return endpoint->workload;
    case NP_ENDPOINT_NODE:
    case NP_ENDPOINT_REMOTE_NODE:
      return NP_EVAL_NODES (self);
    default:
      return -1;
    }
}

/* Whether the local host talks to one of its pods, which host policies
 * do not restrict either (allow-from-node). */
static gboolean
host_to_pod (NpEvaluator *self, const NpEndpoint *source, const NpEndpoint *destination)
{
  return source->kind == NP_ENDPOINT_NODE && destination->kind == NP_ENDPOINT_WORKLOAD &&
         !(self->flags & NP_EVAL_DENY_FROM_NODE);
}

static gboolean
same_workload (const NpEndpoint *a, const NpEndpoint *b)
{
  return a->kind == NP_ENDPOINT_WORKLOAD && b->kind == NP_ENDPOINT_WORKLOAD &&
         a->workload == b->workload;
}

static gboolean
endpoint_valid (NpEvaluator *self, const NpEndpoint *endpoint)
{
  return endpoint->kind != NP_ENDPOINT_WORKLOAD || endpoint->workload < self->n_workloads;
}

NpSideReasons *
np_evaluator_explain_side (NpEvaluator      *self,
                           NpDirection       direction,
                           const NpEndpoint *source,
                           const NpEndpoint *destination)
{
  const NpEndpoint *peer = direction == NP_DIRECTION_EGRESS ? destination : source;
  int subject;
  NpSideReasons *side;

  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (source != NULL && endpoint_valid (self, source), NULL);
  g_return_val_if_fail (destination != NULL && endpoint_valid (self, destination), NULL);

  subject = endpoint_subject (self, direction == NP_DIRECTION_EGRESS ? source : destination);
  side = g_new0 (NpSideReasons, 1);
  side->policies = g_ptr_array_new_with_free_func (policy_reasons_free);
  /* The same exceptions as side_allowed(): outside the cluster, and the
   * pod's own node, no policy applies. */
  if (subject < 0 || same_workload (source, destination) ||
      (direction == NP_DIRECTION_EGRESS && host_to_pod (self, source, destination)) ||
      (direction == NP_DIRECTION_INGRESS && peer->kind == NP_ENDPOINT_NODE &&
       (guint) subject < self->n_workloads && !(self->flags & NP_EVAL_DENY_FROM_NODE)))
    return side;

  side->applies = TRUE;
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    side->isolated |= families[f]->isolates (self, self->family_state[f], direction, subject);
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      NpSideQuery query = { direction, subject, peer, destination, NULL, 0, 0 };

      if (families[f]->explain != NULL)
        families[f]->explain (self, self->family_state[f], &query, side->policies);
    }
  if (self->cluster != NULL && (guint) subject < self->n_workloads)
    {
      NpSideQuery query = { direction, subject, peer, destination, NULL, 0, 0 };
      g_autoptr(NpConnSet) undecided = np_conn_set_new_all ();

      side->admin = g_ptr_array_new_with_free_func (policy_reasons_free);
      side->baseline = g_ptr_array_new_with_free_func (policy_reasons_free);
      np_eval_cluster_decide (self, NP_EVAL_TIER_ADMIN, &query, undecided, NULL, NULL, NULL, NULL, side->admin);
      np_eval_cluster_decide (self, NP_EVAL_TIER_BASELINE, &query, undecided, NULL, NULL, NULL, NULL,
                              side->baseline);
    }
  return side;
}

/**
 * np_evaluator_allowed:
 * @source: where the connection starts
 * @destination: where it goes
 *
 * Returns: (transfer full): the connections allowed from @source to
 *   @destination (egress of the source AND ingress of the destination)
 */
NpConnSet *
np_evaluator_allowed (NpEvaluator      *self,
                      const NpEndpoint *source,
                      const NpEndpoint *destination)
{
  NpConnSet *result;

  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (source != NULL && endpoint_valid (self, source), NULL);
  g_return_val_if_fail (destination != NULL && endpoint_valid (self, destination), NULL);

  if (same_workload (source, destination))
    return np_conn_set_new_all ();

  if (endpoint_subject (self, source) >= 0 && !host_to_pod (self, source, destination))
    result = side_allowed (self, NP_DIRECTION_EGRESS, endpoint_subject (self, source), destination,
                           destination, NULL, 0, 0);
  else
    result = np_conn_set_new_all ();
  if (endpoint_subject (self, destination) >= 0 && !np_conn_set_is_empty (result))
    {
      g_autoptr(NpConnSet) ingress = side_allowed (self, NP_DIRECTION_INGRESS,
                                                   endpoint_subject (self, destination),
                                                   source, destination, NULL, 0, 0);

      np_conn_set_intersect (result, ingress);
    }
  return result;
}

/**
 * np_evaluator_decide:
 * @source: where the connection starts
 * @destination: where it goes
 * @protocol: its protocol
 * @port: its destination port
 *
 * Returns: (transfer full): the verdict, each side's decision and the rules
 *   that allowed it
 */
NpVerdict *
np_evaluator_decide (NpEvaluator      *self,
                     const NpEndpoint *source,
                     const NpEndpoint *destination,
                     NpProtocol        protocol,
                     guint             port)
{
  NpVerdict *verdict;

  g_return_val_if_fail (NP_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (source != NULL && endpoint_valid (self, source), NULL);
  g_return_val_if_fail (destination != NULL && endpoint_valid (self, destination), NULL);
  g_return_val_if_fail (protocol < NP_N_PROTOCOLS, NULL);

  verdict = g_new0 (NpVerdict, 1);
  verdict->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->notes->len; i++)
    g_ptr_array_add (verdict->notes, g_strdup (self->notes->pdata[i]));
  /* The command line stops at it; the editor's Test traffic page says it. */
  if (np_eval_cluster_get_error (self->cluster) != NULL)
    g_ptr_array_add (verdict->notes,
                     g_strdup_printf (_("netpol-analyzer refuses the AdminNetworkPolicies: %s"),
                                      np_eval_cluster_get_error (self->cluster)));

  if (same_workload (source, destination))
    {
      verdict->allowed = TRUE;
      verdict->egress.allowed = verdict->ingress.allowed = TRUE;
      verdict->egress.note = g_strdup (_("A pod may always reach itself."));
      verdict->ingress.note = g_strdup (_("A pod may always reach itself."));
      return verdict;
    }

  if (host_to_pod (self, source, destination))
    {
      verdict->egress.allowed = TRUE;
      verdict->egress.note = g_strdup (_("Traffic from the pod's own node is always allowed."));
    }
  else if (endpoint_subject (self, source) >= 0)
    {
      g_autoptr(NpConnSet) conns = side_allowed (self, NP_DIRECTION_EGRESS, endpoint_subject (self, source),
                                                 destination, destination, &verdict->egress,
                                                 protocol, port);

      verdict->egress.allowed = np_conn_set_contains (conns, protocol, port);
    }
  else
    {
      verdict->egress.allowed = TRUE;
      if (source->kind == NP_ENDPOINT_EXTERNAL || source->kind == NP_ENDPOINT_NAME)
        verdict->egress.note = g_strdup (_("The source is outside the cluster: no egress policy applies."));
      else
        verdict->egress.note = g_strdup (_("The source is no pod but a reserved identity of the cluster: "
                                           "no egress policy applies to it here."));
    }

  if (endpoint_subject (self, destination) >= 0)
    {
      g_autoptr(NpConnSet) conns = side_allowed (self, NP_DIRECTION_INGRESS,
                                                 endpoint_subject (self, destination),
                                                 source, destination, &verdict->ingress,
                                                 protocol, port);

      verdict->ingress.allowed = np_conn_set_contains (conns, protocol, port);
    }
  else
    {
      verdict->ingress.allowed = TRUE;
      if (destination->kind == NP_ENDPOINT_EXTERNAL || destination->kind == NP_ENDPOINT_NAME)
        verdict->ingress.note = g_strdup (_("The destination is outside the cluster: no ingress policy applies."));
      else
        verdict->ingress.note = g_strdup (_("The destination is no pod but a reserved identity of the cluster: "
                                            "no ingress policy applies to it here."));
    }

  verdict->allowed = verdict->egress.allowed && verdict->ingress.allowed;
  return verdict;
}
