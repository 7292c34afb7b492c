/* np-connlist-explain.c: why each pair of the connectivity list allows or denies what it does
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * netpol-analyzer's `list --explain` (shared/docs/analysis-formats.md §6).
 * The evaluator says, per side and rule by rule, which connections each
 * rule allows (np_evaluator_explain_side()); this file decides, port by
 * port, which of those reasons netpol-analyzer names, groups the ports that
 * share their reasons into classes and prints them. The texts are
 * netpol-analyzer's and stay untranslated: scripts compare them.
 *
 * Which reasons a port gets, per direction [NP GetXgressAllowedConns,
 * AUG AugmentedCanonicalSet.Union]:
 * - no policy selects the pod (or the end is outside the cluster): the
 *   system default (Allow all);
 * - otherwise, within one policy, the first of its rules that selects the
 *   peer and allows the port; when none does, the first rule that selects
 *   the peer ("the protocols and ports do not match"), or the policy
 *   itself when no rule selects the peer or it has none;
 * - across policies, the port is allowed when one allows it, and then the
 *   reasons are those of the policies that allow it; otherwise those of
 *   every policy, collected;
 * - a Cilium deny rule (no netpol-analyzer counterpart) refuses the port
 *   whatever allows it, and is then the only reason given.
 *
 * The ingress controller's pairs [CL getIngressAllowedConnections, IA
 * getIngressPeerConnection]: both sides are those of netpol-analyzer's fake
 * pod (np-ingress.c), and the Ingress side adds one reason per Ingress or
 * Route and Service that leads to the workload: "… allows ingress
 * connections through service S" for the TCP ports it opens, "… allows
 * ingress to service S, but the protocols and ports do not match" for every
 * other port. Across those objects a port is open when one opens it (its
 * reasons are then the objects that do), as across policies; with the
 * policies it is an intersection: allowed when both allow it, with the
 * reasons of both (the system default is then not named); refused by one,
 * with that one's reasons; refused by both, with the reasons of both.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-connlist-explain.h"
#include "np-ingress.h"

/* The protocols in netpol-analyzer's order [CS allProtocols]. */
static const NpProtocol protocol_order[] = { NP_PROTOCOL_TCP, NP_PROTOCOL_UDP, NP_PROTOCOL_SCTP };

#define SYSTEM_DEFAULT "the system default (Allow all)"
#define SEPARATOR_WIDTH 160

gboolean
np_explain_only_parse (const char     *text,
                       NpExplainOnly  *only,
                       GError        **error)
{
  g_return_val_if_fail (text != NULL && only != NULL, FALSE);

  if (g_str_equal (text, "allow"))
    *only = NP_EXPLAIN_ONLY_ALLOW;
  else if (g_str_equal (text, "deny"))
    *only = NP_EXPLAIN_ONLY_DENY;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is no --explain-only value: it must be allow or deny."), text);
      return FALSE;
    }
  return TRUE;
}

/* One pair being explained. */
typedef struct {
  const char    *source;
  const char    *destination;
  NpSideReasons *sides[2];   /* per NpDirection */
  gboolean       with_lines;
  GPtrArray     *exposers;   /* (nullable) (element-type NpIngressReason): the
                              * Ingresses and Routes of an ingress controller pair */
} Pair;

/* One reason line, before sorting: its tier, kind ("NetworkPolicy") and text. */
typedef struct {
  int         rank;  /* netpol-analyzer's order: the Admin tier, NetworkPolicies (and
                      * Ingresses, Routes), the Baseline tier, the system default */
  const char *kind;
  char       *text;
} Line;

enum { RANK_ADMIN, RANK_POLICY, RANK_BASELINE, RANK_DEFAULT };

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->text);
}

/* netpol-analyzer's kind order: the Admin tier first, the Baseline tier
 * and the system default last, the others alphabetically between. */
static int
compare_lines (gconstpointer a, gconstpointer b)
{
  const Line *x = a;
  const Line *y = b;
  int order = x->rank - y->rank;

  if (order == 0)
    order = strcmp (x->kind, y->kind);

  return order != 0 ? order : strcmp (x->text, y->text);
}

static const char *
direction_name (NpDirection direction)
{
  return direction == NP_DIRECTION_INGRESS ? "Ingress" : "Egress";
}

/* The sentence netpol-analyzer writes for @reason of @policy [NC, NP]. */
static char *
reason_text (const Pair *pair, NpDirection direction, const NpPolicyReasons *policy,
             const NpRuleReason *reason)
{
  /* The policy's own pod, and the other end. */
  const char *subject = direction == NP_DIRECTION_INGRESS ? pair->destination : pair->source;
  const char *peer = direction == NP_DIRECTION_INGRESS ? pair->source : pair->destination;
  g_autofree char *text = NULL;

  switch (reason->kind)
    {
    case NP_RULE_REASON_ALLOW:
      text = g_strdup_printf ("%s allows connections by %s", policy->name, reason->rule);
      break;
    case NP_RULE_REASON_DENY:
      text = g_strdup_printf ("%s denies connections by %s", policy->name, reason->rule);
      break;
    case NP_RULE_REASON_PASS:
      text = g_strdup_printf ("%s passes connections by %s", policy->name, reason->rule);
      break;
    case NP_RULE_REASON_NO_RULES:
    case NP_RULE_REASON_NOT_SELECTED:
      text = g_strdup_printf ("%s selects %s, but %s is not allowed by any %s rule%s", policy->name,
                              subject, peer, direction_name (direction),
                              reason->kind == NP_RULE_REASON_NO_RULES ? " (no rules defined)" : "");
      break;
    case NP_RULE_REASON_PORTS:
    case NP_RULE_REASON_NAMED_PORTS:
      text = g_strdup_printf ("%s selects %s, and %s selects %s, %s", policy->name, subject, reason->rule,
                              peer, reason->kind == NP_RULE_REASON_PORTS ?
                              "but the protocols and ports do not match" :
                              "but named ports of the rule have no match in the configuration of the destination peer");
      break;
    default:
      g_assert_not_reached ();
    }
  if (pair->with_lines && reason->ref != NULL && reason->ref->file != NULL)
    return g_strdup_printf ("%s (%s:%u)", text, reason->ref->file, reason->ref->line);
  return g_steal_pointer (&text);
}

static void
add_ranked_line (GArray *lines, int rank, const Pair *pair, NpDirection direction,
                 const NpPolicyReasons *policy, const NpRuleReason *reason)
{
  Line line = { rank, policy->kind, reason_text (pair, direction, policy, reason) };

  g_array_append_val (lines, line);
}

static void
add_line (GArray *lines, const Pair *pair, NpDirection direction, const NpPolicyReasons *policy,
          const NpRuleReason *reason)
{
  add_ranked_line (lines, RANK_POLICY, pair, direction, policy, reason);
}

/* The reason of a cluster tier (@tiers: NpPolicyReasons, nullable) that
 * decides the port, and its policy; the rules' sets are disjoint. */
static const NpRuleReason *
tier_reason (GPtrArray *tiers, NpProtocol protocol, guint port, const NpPolicyReasons **policy)
{
  for (guint p = 0; tiers != NULL && p < tiers->len; p++)
    {
      const NpPolicyReasons *candidate = tiers->pdata[p];

      for (guint r = 0; r < candidate->reasons->len; r++)
        {
          const NpRuleReason *reason = candidate->reasons->pdata[r];

          if (reason->conns != NULL && np_conn_set_contains (reason->conns, protocol, port))
            {
              *policy = candidate;
              return reason;
            }
        }
    }
  return NULL;
}

static void
add_default_line (GArray *lines)
{
  Line line = { RANK_DEFAULT, "", g_strdup (SYSTEM_DEFAULT) };

  g_array_append_val (lines, line);
}

/* The reason of an Ingress or Route [IA ingress rule names]. */
static void
add_exposer_line (GArray *lines, const Pair *pair, const NpIngressReason *reason, gboolean opens)
{
  Line line = { RANK_POLICY, reason->kind, NULL };
  g_autofree char *text = NULL;

  if (opens)
    text = g_strdup_printf ("%s '%s' allows ingress connections through service %s",
                            reason->kind, reason->object, reason->service);
  else
    text = g_strdup_printf ("%s '%s' allows ingress to service %s, but the protocols and ports do not match",
                            reason->kind, reason->object, reason->service);
  if (pair->with_lines && reason->file != NULL)
    line.text = g_strdup_printf ("%s (%s:%u)", text, reason->file, reason->line);
  else
    line.text = g_steal_pointer (&text);
  g_array_append_val (lines, line);
}

/* Moves the lines of @from to the end of @to. */
static void
move_lines (GArray *to, GArray *from)
{
  g_array_append_vals (to, from->data, from->len);
  /* The texts now belong to @to. */
  g_array_set_clear_func (from, NULL);
  g_array_set_size (from, 0);
  g_array_set_clear_func (from, line_clear);
}

/* One direction's reasons for one port, as netpol-analyzer prints them
 * after "\t\tEgress " [AUG ImplyingXgressRulesType.String]; sets @allowed,
 * and @by_default when only the system default decides. */
static char *
direction_text (const Pair *pair, NpDirection direction, NpProtocol protocol, guint port,
                gboolean *allowed, gboolean *by_default)
{
  const NpSideReasons *side = pair->sides[direction];
  g_autoptr(GArray) denies = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) allows = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) fallbacks = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) tiers = g_array_new (FALSE, FALSE, sizeof (Line));
  const NpPolicyReasons *tier_policy = NULL;
  const NpRuleReason *admin;
  gboolean admin_final = FALSE;
  GArray *lines = tiers;
  GString *out;

  g_array_set_clear_func (denies, line_clear);
  g_array_set_clear_func (allows, line_clear);
  g_array_set_clear_func (fallbacks, line_clear);
  g_array_set_clear_func (tiers, line_clear);
  *by_default = FALSE;

  /* The Admin tier: an Allow or a Deny decides alone; a Pass is named
   * before the tier that decides next. */
  admin = side->applies ? tier_reason (side->admin, protocol, port, &tier_policy) : NULL;
  if (admin != NULL)
    {
      add_ranked_line (tiers, RANK_ADMIN, pair, direction, tier_policy, admin);
      if (admin->kind != NP_RULE_REASON_PASS)
        {
          *allowed = admin->kind == NP_RULE_REASON_ALLOW;
          admin_final = TRUE;
        }
    }

  /* The NetworkPolicy tier, or for a pod it does not isolate, the
   * Baseline tier and the system default. */
  if (!admin_final)
    {
      for (guint p = 0; side->applies && p < side->policies->len; p++)
        {
          const NpPolicyReasons *policy = side->policies->pdata[p];
          gboolean allowing = FALSE;

          for (guint r = 0; r < policy->reasons->len; r++)
            {
              const NpRuleReason *reason = policy->reasons->pdata[r];

              if (reason->conns == NULL || !np_conn_set_contains (reason->conns, protocol, port))
                continue;
              if (reason->kind == NP_RULE_REASON_DENY)
                add_line (denies, pair, direction, policy, reason);
              else if (reason->kind == NP_RULE_REASON_ALLOW && !allowing)
                {
                  /* Within one policy, only the first rule that allows it. */
                  add_line (allows, pair, direction, policy, reason);
                  allowing = TRUE;
                }
            }
          if (!allowing && policy->isolates && policy->fallback != NULL)
            add_line (fallbacks, pair, direction, policy, policy->fallback);
        }

      if (denies->len > 0)
        {
          *allowed = FALSE;
          lines = denies;
        }
      else if (!side->applies || !side->isolated)
        {
          const NpRuleReason *baseline = side->applies ? tier_reason (side->baseline, protocol, port,
                                                                      &tier_policy) : NULL;

          /* Not named: an Ingress or Route may still add its reasons. */
          g_array_set_size (allows, 0);
          lines = allows;
          *allowed = TRUE;
          /* A baseline Deny refuses; its Allow only keeps later Deny rules
           * away, and netpol-analyzer names the system default then. */
          if (baseline != NULL && baseline->kind == NP_RULE_REASON_DENY)
            {
              *allowed = FALSE;
              add_ranked_line (lines, RANK_BASELINE, pair, direction, tier_policy, baseline);
            }
          else if (tiers->len > 0)
            add_default_line (lines);
          else
            *by_default = TRUE;
        }
      else if (allows->len > 0)
        {
          *allowed = TRUE;
          lines = allows;
        }
      else
        {
          *allowed = FALSE;
          lines = fallbacks;
        }
    }

  /* A Pass is named before what decided next. */
  if (lines != tiers && tiers->len > 0)
    {
      move_lines (tiers, lines);
      lines = tiers;
    }

  /* An ingress controller pair: the Ingresses and Routes decide with the
   * policies (see the top of this file). */
  if (direction == NP_DIRECTION_INGRESS && pair->exposers != NULL)
    {
      g_autoptr(GArray) opening = g_array_new (FALSE, FALSE, sizeof (Line));
      g_autoptr(GArray) refusing = g_array_new (FALSE, FALSE, sizeof (Line));
      gboolean opened;

      g_array_set_clear_func (opening, line_clear);
      g_array_set_clear_func (refusing, line_clear);
      for (guint i = 0; i < pair->exposers->len; i++)
        {
          const NpIngressReason *reason = pair->exposers->pdata[i];
          gboolean opens = np_conn_set_contains (reason->conns, protocol, port);

          add_exposer_line (opens ? opening : refusing, pair, reason, opens);
        }
      opened = opening->len > 0;
      /* Refused by the objects alone: only their reasons. */
      if (*allowed && !opened)
        g_array_set_size (lines, 0);
      if (!opened)
        move_lines (lines, refusing);
      else if (*allowed)
        move_lines (lines, opening);
      /* Opened by an object but refused by the policies: the policies'. */
      *allowed = *allowed && opened;
      *by_default = FALSE;
    }

  if (*by_default)
    return g_strdup ("(Allowed) due to " SYSTEM_DEFAULT);

  out = g_string_new (*allowed ? "(Allowed)" : "(Denied)");
  g_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len;)
    {
      const char *kind = g_array_index (lines, Line, i).kind;
      guint end = i;
      guint count = 0;

      while (end < lines->len && g_str_equal (g_array_index (lines, Line, end).kind, kind))
        end++;
      /* The same sentence twice (two rules of one text) counts once. */
      for (guint j = i; j < end; j++)
        count += j == i || !g_str_equal (g_array_index (lines, Line, j).text,
                                         g_array_index (lines, Line, j - 1).text);
      if (count == 1)
        g_string_append_printf (out, "\n\t\t\t%s", g_array_index (lines, Line, i).text);
      else
        {
          g_string_append_printf (out, "\n\t\t\t%s list:\n", kind);
          for (guint j = i; j < end; j++)
            if (j == i || !g_str_equal (g_array_index (lines, Line, j).text,
                                        g_array_index (lines, Line, j - 1).text))
              g_string_append_printf (out, "\t\t\t\t- %s\n", g_array_index (lines, Line, j).text);
        }
      i = end;
    }
  return g_string_free (out, FALSE);
}

/* A class: the ports (per protocol) that share a verdict and its reasons. */
typedef struct {
  gboolean  allowed;
  char     *reasons;                 /* " due to …\n…" */
  GArray   *ranges[NP_N_PROTOCOLS];  /* guint pairs: first, last */
  char     *line;                    /* "\tAllowed TCP:[80], UDP" */
} Class;

static void
class_free (gpointer data)
{
  Class *class = data;

  g_free (class->reasons);
  for (guint p = 0; p < NP_N_PROTOCOLS; p++)
    g_array_unref (class->ranges[p]);
  g_free (class->line);
  g_free (class);
}

static void
class_add (Class *class, NpProtocol protocol, guint first, guint last)
{
  GArray *ranges = class->ranges[protocol];

  if (ranges->len >= 2 && g_array_index (ranges, guint, ranges->len - 1) + 1 == first)
    g_array_index (ranges, guint, ranges->len - 1) = last;
  else
    {
      g_array_append_val (ranges, first);
      g_array_append_val (ranges, last);
    }
}

/* "\tDenied TCP:[1-79,81-65535], UDP" [CS sameRulesConnections.string]. */
static char *
class_line (const Class *class)
{
  GString *out = g_string_new (class->allowed ? "\tAllowed " : "\tDenied ");
  gboolean first_protocol = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (protocol_order); i++)
    {
      GArray *ranges = class->ranges[protocol_order[i]];

      if (ranges->len == 0)
        continue;
      if (!first_protocol)
        g_string_append (out, ", ");
      first_protocol = FALSE;
      g_string_append (out, np_protocol_to_string (protocol_order[i]));
      if (ranges->len == 2 && g_array_index (ranges, guint, 0) == NP_PORT_MIN &&
          g_array_index (ranges, guint, 1) == NP_PORT_MAX)
        continue;
      g_string_append (out, ":[");
      for (guint r = 0; r < ranges->len; r += 2)
        {
          guint first = g_array_index (ranges, guint, r);
          guint last = g_array_index (ranges, guint, r + 1);

          if (r > 0)
            g_string_append_c (out, ',');
          if (first == last)
            g_string_append_printf (out, "%u", first);
          else
            g_string_append_printf (out, "%u-%u", first, last);
        }
      g_string_append_c (out, ']');
    }
  return g_string_free (out, FALSE);
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static int
compare_classes (gconstpointer a, gconstpointer b)
{
  const Class *x = *(const Class * const *) a;
  const Class *y = *(const Class * const *) b;

  return strcmp (x->line, y->line);
}

/* Where the reasons of a side can change along the ports of @protocol. */
static void
side_bounds (const NpSideReasons *side, NpProtocol protocol, GArray *bounds)
{
  for (guint p = 0; p < side->policies->len; p++)
    {
      const NpPolicyReasons *policy = side->policies->pdata[p];

      for (guint r = 0; r < policy->reasons->len; r++)
        {
          const NpRuleReason *reason = policy->reasons->pdata[r];

          if (reason->conns != NULL)
            np_conn_set_get_bounds (reason->conns, protocol, bounds);
        }
    }
  for (guint t = 0; t < 2; t++)
    {
      GPtrArray *tier = t == 0 ? side->admin : side->baseline;

      for (guint p = 0; tier != NULL && p < tier->len; p++)
        {
          const NpPolicyReasons *policy = tier->pdata[p];

          for (guint r = 0; r < policy->reasons->len; r++)
            np_conn_set_get_bounds (((const NpRuleReason *) policy->reasons->pdata[r])->conns, protocol, bounds);
        }
    }
}

/* The classes of @pair, allowed ones first, each sorted by its line; sets
 * @by_default when the system default alone decides everything.
 * (element-type Class) (transfer full) */
static GPtrArray *
pair_classes (const Pair *pair, gboolean *by_default)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *classes = g_ptr_array_new_with_free_func (class_free);

  *by_default = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (protocol_order); i++)
    {
      NpProtocol protocol = protocol_order[i];
      g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
      guint edge;

      edge = NP_PORT_MIN;
      g_array_append_val (bounds, edge);
      edge = NP_PORT_MAX + 1;
      g_array_append_val (bounds, edge);
      side_bounds (pair->sides[NP_DIRECTION_EGRESS], protocol, bounds);
      side_bounds (pair->sides[NP_DIRECTION_INGRESS], protocol, bounds);
      for (guint e = 0; pair->exposers != NULL && e < pair->exposers->len; e++)
        np_conn_set_get_bounds (((const NpIngressReason *) pair->exposers->pdata[e])->conns, protocol, bounds);
      g_array_sort (bounds, compare_guint);

      for (guint b = 0; b + 1 < bounds->len; b++)
        {
          guint first = g_array_index (bounds, guint, b);
          guint last = g_array_index (bounds, guint, b + 1) - 1;
          gboolean egress_allowed, ingress_allowed, egress_default, ingress_default;
          g_autofree char *egress = NULL;
          g_autofree char *ingress = NULL;
          g_autofree char *reasons = NULL;
          g_autofree char *key = NULL;
          Class *class;

          if (first > last || first > NP_PORT_MAX)
            continue;
          egress = direction_text (pair, NP_DIRECTION_EGRESS, protocol, first, &egress_allowed, &egress_default);
          ingress = direction_text (pair, NP_DIRECTION_INGRESS, protocol, first, &ingress_allowed, &ingress_default);
          if (egress_default && ingress_default)
            reasons = g_strdup (" due to " SYSTEM_DEFAULT "\n");
          else
            {
              *by_default = FALSE;
              reasons = g_strdup_printf (" due to the following policies and rules:\n\t\tEgress %s\n\t\tIngress %s\n",
                                         egress, ingress);
            }
          key = g_strdup_printf ("%c%s", egress_allowed && ingress_allowed ? 'A' : 'D', reasons);
          class = g_hash_table_lookup (by_key, key);
          if (class == NULL)
            {
              class = g_new0 (Class, 1);
              class->allowed = egress_allowed && ingress_allowed;
              class->reasons = g_steal_pointer (&reasons);
              for (guint p = 0; p < NP_N_PROTOCOLS; p++)
                class->ranges[p] = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (by_key, g_steal_pointer (&key), class);
              g_ptr_array_add (classes, class);
            }
          class_add (class, protocol, first, last);
        }
    }
  for (guint c = 0; c < classes->len; c++)
    {
      Class *class = classes->pdata[c];

      class->line = class_line (class);
    }
  g_ptr_array_sort (classes, compare_classes);
  return classes;
}

/* "Allowed connections:" or "Denied connections:" and the classes of that
 * verdict [CS connectionClasses.string]. */
static void
append_section (GString *out, GPtrArray *classes, gboolean allowed)
{
  gboolean any = FALSE;

  for (guint c = 0; c < classes->len; c++)
    {
      const Class *class = classes->pdata[c];

      if (class->allowed != allowed)
        continue;
      if (!any)
        g_string_append (out, allowed ? "Allowed connections:\n" : "Denied connections:\n");
      any = TRUE;
      g_string_append_printf (out, "%s%s\n", class->line, class->reasons);
    }
}

/* "\n####\n# TITLE #\n####\n" [FT writeGroupHeader]. */
static void
append_group_header (GString *out, const char *title)
{
  gsize width = strlen (title) + 4;

  g_string_append_c (out, '\n');
  for (gsize i = 0; i < width; i++)
    g_string_append_c (out, '#');
  g_string_append_printf (out, "\n# %s #\n", title);
  for (gsize i = 0; i < width; i++)
    g_string_append_c (out, '#');
  g_string_append_c (out, '\n');
}

char *
np_connlist_explain (NpEvaluator      *evaluator,
                     const NpConnlist *list,
                     NpExplainOnly     only,
                     gboolean          with_lines)
{
  g_autoptr(GString) specific = g_string_new (NULL);
  g_autoptr(GString) defaults = g_string_new (NULL);
  g_autoptr(NpIngressExplainer) ingress = NULL;
  GString *out;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (list != NULL && list->connections != NULL, NULL);

  for (guint i = 0; i < list->connections->len; i++)
    {
      const NpConnection *c = list->connections->pdata[i];
      Pair pair = { c->source, c->destination, { NULL, NULL }, with_lines, NULL };
      g_autoptr(GPtrArray) classes = NULL;
      gboolean by_default, allows_some = FALSE;
      NpEvaluator *asked = evaluator;
      const NpEndpoint *source = &c->source_end;
      const NpEndpoint *destination = &c->destination_end;
      NpEndpoint controller, target;

      /* The ingress controller's lines: its fake pod, in the inventory
       * that holds it, and the Ingresses and Routes that lead there. */
      if (g_str_equal (c->source, NP_INGRESS_CONTROLLER))
        {
          if (ingress == NULL)
            ingress = np_ingress_explainer_new (evaluator);
          if (!np_ingress_explainer_lookup (ingress, c->destination, &asked, &controller, &target,
                                            &pair.exposers))
            continue;  /* not one of np_ingress_compute()'s: cannot be */
          source = &controller;
          destination = &target;
        }

      pair.sides[NP_DIRECTION_EGRESS] = np_evaluator_explain_side (asked, NP_DIRECTION_EGRESS,
                                                                   source, destination);
      pair.sides[NP_DIRECTION_INGRESS] = np_evaluator_explain_side (asked, NP_DIRECTION_INGRESS,
                                                                    source, destination);
      classes = pair_classes (&pair, &by_default);
      np_side_reasons_free (pair.sides[NP_DIRECTION_EGRESS]);
      np_side_reasons_free (pair.sides[NP_DIRECTION_INGRESS]);

      for (guint k = 0; k < classes->len; k++)
        allows_some |= ((Class *) classes->pdata[k])->allowed;
      if ((only == NP_EXPLAIN_ONLY_ALLOW && !allows_some) || (only == NP_EXPLAIN_ONLY_DENY && allows_some))
        continue;

      if (by_default)
        {
          g_string_append_printf (defaults, "%s => %s\n", c->source, c->destination);
          continue;
        }
      for (guint k = 0; k < SEPARATOR_WIDTH; k++)
        g_string_append_c (specific, '-');
      g_string_append_printf (specific, "\nConnections between %s => %s:\n\n", c->source, c->destination);
      append_section (specific, classes, TRUE);
      append_section (specific, classes, FALSE);
    }

  out = g_string_new (NULL);
  if (specific->len > 0)
    {
      append_group_header (out, "Specific connections and their reasons");
      g_string_append_len (out, specific->str, specific->len);
    }
  if (defaults->len > 0)
    {
      append_group_header (out, "All Connections due to " SYSTEM_DEFAULT);
      g_string_append_len (out, defaults->str, defaults->len);
    }
  return g_string_free (out, FALSE);
}
