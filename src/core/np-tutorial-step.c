/* np-tutorial-step.c: one step of a tutorial: its text, its check, its "Do it for me"
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-cilium-edit.h"
#include "np-cilium-policy.h"
#include "np-cilium-rule.h"
#include "np-describe.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-policy-edit.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-tutorial-private.h"

G_DEFINE_QUARK (np-tutorial-error-quark, np_tutorial_error)

/* The label value "Do it for me" of step 1 falls back to when the policy
 * name suggests none. */
#define DEFAULT_APP "backend"

typedef gboolean (*CheckFunc) (NpPolicy *policy);
typedef void     (*ApplyFunc) (NpPolicy *policy);
typedef gboolean (*CiliumCheckFunc) (NpCiliumPolicy *policy);
typedef void     (*CiliumApplyFunc) (NpCiliumPolicy *policy);

/* Each step for both kinds of policy: a Cilium document is checked and
 * done the same way a NetworkPolicy is, in Cilium's terms. */
typedef struct {
  const char      *name;
  CheckFunc        check;
  ApplyFunc        apply;
  CiliumCheckFunc  check_cilium;
  CiliumApplyFunc  apply_cilium;
} Action;

struct _NpTutorialStep
{
  GObject       parent_instance;

  char         *id;
  char         *title;
  char         *body;
  const Action *action;     /* NULL for advice */
  gboolean      acknowledged;
  gboolean      done;
  GObject      *policy;     /* weak: the last one "done" was computed for */
};

G_DEFINE_FINAL_TYPE (NpTutorialStep, np_tutorial_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_HAS_ACTION,
  PROP_NEEDS_ACTION,
  PROP_ACKNOWLEDGED,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Step 1: the selector names some pods. A new policy has an empty one, so
 * "every pod of the namespace" cannot be told from "not chosen yet": whoever
 * means it acknowledges the step. */
static gboolean
check_select_pods (NpPolicy *policy)
{
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);

  return selector != NULL && !np_label_selector_is_empty (selector);
}

/* "allow-billing-api-policy" → "billing-api": the words around a name that
 * say it is a policy carry no meaning as a label. */
static char *
app_from_policy_name (const char *name)
{
  static const char * const prefixes[] = { "allow-", "deny-", "default-", NULL };
  static const char * const suffixes[] = {
    "-network-policy", "-networkpolicy", "-netpol", "-policy", "-np", NULL
  };
  g_autofree char *app = g_strdup (name != NULL ? name : "");
  gboolean stripped = TRUE;

  while (stripped)
    {
      stripped = FALSE;
      for (guint i = 0; prefixes[i] != NULL; i++)
        if (g_str_has_prefix (app, prefixes[i]) && strlen (app) > strlen (prefixes[i]))
          {
            memmove (app, app + strlen (prefixes[i]), strlen (app) - strlen (prefixes[i]) + 1);
            stripped = TRUE;
          }
      for (guint i = 0; suffixes[i] != NULL; i++)
        if (g_str_has_suffix (app, suffixes[i]) && strlen (app) > strlen (suffixes[i]))
          {
            app[strlen (app) - strlen (suffixes[i])] = '\0';
            stripped = TRUE;
          }
    }

  /* "new-policy" (what the editor calls a new one) and the like say nothing
   * about the pods. */
  if (*app == '\0' || g_str_equal (app, "new") || g_str_equal (app, "policy") ||
      g_str_equal (app, "default") || g_str_equal (app, "all") ||
      g_str_equal (app, "deny") || g_str_equal (app, "allow") ||
      !np_k8s_check_label_value (app, NULL))
    return g_strdup (DEFAULT_APP);
  return g_steal_pointer (&app);
}

static void
apply_select_pods (NpPolicy *policy)
{
  g_autoptr(NpLabelSelector) selector = np_label_selector_new ();
  g_autofree char *app = app_from_policy_name (np_policy_get_name (policy));

  np_label_selector_set_label (selector, "app", app);
  np_policy_set_pod_selector (policy, selector);
}

static gboolean
check_default_deny (NpPolicy *policy)
{
  return np_policy_affects (policy, NP_DIRECTION_INGRESS) &&
         np_policy_affects (policy, NP_DIRECTION_EGRESS);
}

static void
apply_default_deny (NpPolicy *policy)
{
  np_policy_set_isolated (policy, NP_DIRECTION_INGRESS, TRUE);
  np_policy_set_isolated (policy, NP_DIRECTION_EGRESS, TRUE);
}

static gboolean
check_dns (NpPolicy *policy)
{
  return np_policy_get_dns_allowed (policy);
}

static void
apply_dns (NpPolicy *policy)
{
  np_policy_set_dns_allowed (policy, TRUE);
}

/* A rule of @direction with a peer "pods of this namespace" (a pod
 * selector alone), whatever its ports. */
static gboolean
has_namespace_rule (NpPolicy *policy, NpDirection direction)
{
  GListModel *rules = np_policy_get_rules (policy, direction);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *peers = np_policy_rule_get_peers (rule);

      for (guint j = 0; j < g_list_model_get_n_items (peers); j++)
        {
          g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, j);

          if (np_policy_peer_get_pod_selector (peer) != NULL &&
              np_peer_get_group (peer) == NP_PEER_GROUP_NAMESPACE)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
check_same_namespace (NpPolicy *policy)
{
  return has_namespace_rule (policy, NP_DIRECTION_INGRESS) &&
         has_namespace_rule (policy, NP_DIRECTION_EGRESS);
}

static void
apply_same_namespace (NpPolicy *policy)
{
  for (NpDirection direction = NP_DIRECTION_INGRESS; direction <= NP_DIRECTION_EGRESS; direction++)
    if (!has_namespace_rule (policy, direction))
      {
        g_autoptr(NpPolicyRule) rule = np_policy_rule_new_for_group (direction, NP_PEER_GROUP_NAMESPACE);

        g_list_store_append (G_LIST_STORE (np_policy_get_rules (policy, direction)), rule);
      }
}

/* An egress rule to address ranges only, limited to some ports. */
static gboolean
check_to_outside (NpPolicy *policy)
{
  GListModel *rules = np_policy_get_egress (policy);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *peers = np_policy_rule_get_peers (rule);
      guint n_peers = g_list_model_get_n_items (peers);
      gboolean only_blocks = n_peers > 0;

      for (guint j = 0; j < n_peers && only_blocks; j++)
        {
          g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, j);

          only_blocks = np_policy_peer_get_ip_block (peer) != NULL;
        }
      if (only_blocks && g_list_model_get_n_items (np_policy_rule_get_ports (rule)) > 0)
        return TRUE;
    }
  return FALSE;
}

static void
apply_to_outside (NpPolicy *policy)
{
  static const char * const ranges[] = {
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", NULL
  };
  g_autoptr(NpPolicyRule) rule = np_policy_rule_new (NP_DIRECTION_EGRESS);
  g_autoptr(NpIpBlock) block = np_ip_block_new ("0.0.0.0/0", ranges);
  g_autoptr(NpPolicyPeer) peer = np_policy_peer_new_ip_block (block);
  g_autoptr(NpPolicyPort) https = np_policy_port_new_number ("TCP", 443);

  np_policy_rule_add_peer (rule, peer);
  np_policy_rule_add_port (rule, https);
  g_list_store_append (G_LIST_STORE (np_policy_get_egress (policy)), rule);
}

/* ---- The same steps for Cilium policies (the editor's first rule) ---- */

static gboolean
cilium_check_select_pods (NpCiliumPolicy *policy)
{
  NpCiliumRule *rule = np_cilium_edit_get_rule (policy);
  NpLabelSelector *selector;

  if (rule == NULL)
    return FALSE;
  selector = np_cilium_rule_is_host_policy (rule) ? np_cilium_rule_get_node_selector (rule)
                                                  : np_cilium_rule_get_endpoint_selector (rule);
  return selector != NULL && !np_label_selector_is_empty (selector);
}

static void
cilium_apply_select_pods (NpCiliumPolicy *policy)
{
  g_autoptr(NpLabelSelector) selector = np_label_selector_new ();
  g_autofree char *app = app_from_policy_name (np_cilium_policy_get_name (policy));

  np_label_selector_set_label (selector, "app", app);
  np_cilium_edit_rule_set_subject (np_cilium_edit_ensure_rule (policy), selector);
}

static gboolean
cilium_check_default_deny (NpCiliumPolicy *policy)
{
  return np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (policy), NP_DIRECTION_INGRESS) &&
         np_cilium_edit_rule_get_default_deny (np_cilium_edit_get_rule (policy), NP_DIRECTION_EGRESS);
}

static void
cilium_apply_default_deny (NpCiliumPolicy *policy)
{
  np_cilium_edit_rule_set_default_deny (np_cilium_edit_ensure_rule (policy), NP_DIRECTION_INGRESS, TRUE);
  np_cilium_edit_rule_set_default_deny (np_cilium_edit_ensure_rule (policy), NP_DIRECTION_EGRESS, TRUE);
}

static gboolean
cilium_check_dns (NpCiliumPolicy *policy)
{
  return np_cilium_edit_rule_get_dns (np_cilium_edit_get_rule (policy), NULL);
}

static void
cilium_apply_dns (NpCiliumPolicy *policy)
{
  np_cilium_edit_rule_set_dns (np_cilium_edit_ensure_rule (policy), TRUE, FALSE);
}

static NpCiliumSection
allow_section (NpDirection direction)
{
  return direction == NP_DIRECTION_INGRESS ? NP_CILIUM_INGRESS : NP_CILIUM_EGRESS;
}

/* An allow item of @direction with pods of this namespace as its peer. */
static gboolean
cilium_has_namespace_entry (NpCiliumPolicy *policy, NpDirection direction)
{
  NpCiliumRule *rule = np_cilium_edit_get_rule (policy);
  GListModel *entries;

  if (rule == NULL)
    return FALSE;
  entries = np_cilium_rule_get_entries (rule, allow_section (direction));
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);

      if ((np_cilium_rule_entry_get_peer_kinds (entry) & (1u << NP_CILIUM_PEER_ENDPOINTS)) &&
          np_cilium_entry_get_group (policy, entry) == NP_PEER_GROUP_NAMESPACE)
        return TRUE;
    }
  return FALSE;
}

static gboolean
cilium_check_same_namespace (NpCiliumPolicy *policy)
{
  return cilium_has_namespace_entry (policy, NP_DIRECTION_INGRESS) &&
         cilium_has_namespace_entry (policy, NP_DIRECTION_EGRESS);
}

static void
cilium_apply_same_namespace (NpCiliumPolicy *policy)
{
  for (NpDirection direction = NP_DIRECTION_INGRESS; direction <= NP_DIRECTION_EGRESS; direction++)
    if (!cilium_has_namespace_entry (policy, direction))
      {
        g_autoptr(NpLabelSelector) every_pod = np_label_selector_new ();

        np_cilium_edit_rule_add_endpoints (np_cilium_edit_ensure_rule (policy), allow_section (direction), every_pod, NULL, NULL);
      }
}

/* An egress item to addresses or DNS names only, limited to some ports. */
static gboolean
cilium_check_to_outside (NpCiliumPolicy *policy)
{
  const guint outside = (1u << NP_CILIUM_PEER_CIDR) | (1u << NP_CILIUM_PEER_CIDR_SET) | (1u << NP_CILIUM_PEER_FQDNS);
  NpCiliumRule *rule = np_cilium_edit_get_rule (policy);
  GListModel *entries;

  if (rule == NULL)
    return FALSE;
  entries = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
      guint kinds = np_cilium_rule_entry_get_peer_kinds (entry);

      if (kinds != 0 && (kinds & ~outside) == 0 && np_cilium_rule_entry_get_n_port_rules (entry) > 0)
        return TRUE;
    }
  return FALSE;
}

static const char * const private_ranges[] = {
  "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", NULL
};

static void
cilium_apply_to_outside (NpCiliumPolicy *policy)
{
  g_autoptr(GPtrArray) https = np_policy_port_parse_cilium ("443/TCP", NULL);

  np_cilium_edit_rule_add_cidr (np_cilium_edit_ensure_rule (policy), NP_CILIUM_EGRESS, "0.0.0.0/0", private_ranges, https);
}

static const Action actions[] = {
  { "select-pods", check_select_pods, apply_select_pods, cilium_check_select_pods, cilium_apply_select_pods },
  { "default-deny", check_default_deny, apply_default_deny, cilium_check_default_deny, cilium_apply_default_deny },
  { "dns", check_dns, apply_dns, cilium_check_dns, cilium_apply_dns },
  { "same-namespace", check_same_namespace, apply_same_namespace,
    cilium_check_same_namespace, cilium_apply_same_namespace },
  { "to-outside", check_to_outside, apply_to_outside, cilium_check_to_outside, cilium_apply_to_outside },
};

/* @action's check on @policy, of either kind. */
static gboolean
action_check (const Action *action, gpointer policy)
{
  if (NP_IS_POLICY (policy))
    return action->check (policy);
  return action->check_cilium (policy);
}

static void
np_tutorial_step_finalize (GObject *object)
{
  NpTutorialStep *self = NP_TUTORIAL_STEP (object);

  g_clear_weak_pointer (&self->policy);
  g_free (self->id);
  g_free (self->title);
  g_free (self->body);

  G_OBJECT_CLASS (np_tutorial_step_parent_class)->finalize (object);
}

static void
np_tutorial_step_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NpTutorialStep *self = NP_TUTORIAL_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_HAS_ACTION:
      g_value_set_boolean (value, np_tutorial_step_get_has_action (self));
      break;
    case PROP_NEEDS_ACTION:
      g_value_set_boolean (value, np_tutorial_step_get_needs_action (self));
      break;
    case PROP_ACKNOWLEDGED:
      g_value_set_boolean (value, self->acknowledged);
      break;
    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_tutorial_step_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NpTutorialStep *self = NP_TUTORIAL_STEP (object);

  switch (prop_id)
    {
    case PROP_ACKNOWLEDGED:
      np_tutorial_step_set_acknowledged (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_tutorial_step_class_init (NpTutorialStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = np_tutorial_step_finalize;
  object_class->get_property = np_tutorial_step_get_property;
  object_class->set_property = np_tutorial_step_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_ACTION] =
    g_param_spec_boolean ("has-action", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_ACTION] =
    g_param_spec_boolean ("needs-action", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACKNOWLEDGED] =
    g_param_spec_boolean ("acknowledged", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_tutorial_step_init (NpTutorialStep *self)
{
}

NpTutorialStep *
np_tutorial_step_new (const char  *id,
                      const char  *title,
                      const char  *body,
                      const char  *action,
                      GError     **error)
{
  NpTutorialStep *self;
  const Action *found = NULL;

  g_return_val_if_fail (id != NULL && title != NULL && body != NULL, NULL);

  if (action != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        if (g_str_equal (actions[i].name, action))
          found = &actions[i];
      if (found == NULL)
        {
          g_set_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_INVALID_DATA,
                       _("Step “%s” names the unknown action “%s”"), id, action);
          return NULL;
        }
    }

  self = g_object_new (NP_TYPE_TUTORIAL_STEP, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->body = g_strdup (body);
  self->action = found;
  return self;
}

const char *
np_tutorial_step_get_id (NpTutorialStep *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), NULL);

  return self->id;
}

const char *
np_tutorial_step_get_title (NpTutorialStep *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), NULL);

  return self->title;
}

const char *
np_tutorial_step_get_body (NpTutorialStep *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), NULL);

  return self->body;
}

gboolean
np_tutorial_step_get_has_action (NpTutorialStep *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), FALSE);

  return self->action != NULL && self->action->apply != NULL;
}

gboolean
np_tutorial_step_get_needs_action (NpTutorialStep *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), FALSE);

  return self->action != NULL && self->action->check != NULL;
}

gboolean
np_tutorial_step_get_acknowledged (NpTutorialStep *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), FALSE);

  return self->acknowledged;
}

static void
set_done (NpTutorialStep *self,
          gboolean        done)
{
  if (self->done == done)
    return;
  self->done = done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

void
np_tutorial_step_set_acknowledged (NpTutorialStep *self,
                                   gboolean        acknowledged)
{
  g_return_if_fail (NP_IS_TUTORIAL_STEP (self));

  acknowledged = !!acknowledged;
  if (self->acknowledged == acknowledged)
    return;
  self->acknowledged = acknowledged;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACKNOWLEDGED]);
  np_tutorial_step_update_done (self, self->policy);
}

gboolean
np_tutorial_step_get_done (NpTutorialStep *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), FALSE);

  return self->done;
}

gboolean
np_tutorial_step_check (NpTutorialStep *self,
                        gpointer        policy)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), FALSE);
  g_return_val_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy), FALSE);

  return np_tutorial_step_get_needs_action (self) && action_check (self->action, policy);
}

void
np_tutorial_step_update_done (NpTutorialStep *self,
                              gpointer        policy)
{
  g_return_if_fail (NP_IS_TUTORIAL_STEP (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy));

  g_set_weak_pointer (&self->policy, (GObject *) policy);
  /* The person may know better than the check (every pod of the namespace
   * is meant, say): acknowledging marks any step done. */
  set_done (self, self->acknowledged ||
                  (np_tutorial_step_get_needs_action (self) && policy != NULL &&
                   action_check (self->action, policy)));
}

gboolean
np_tutorial_step_apply (NpTutorialStep  *self,
                        gpointer         policy,
                        GError         **error)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_STEP (self), FALSE);
  g_return_val_if_fail (NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!np_tutorial_step_get_has_action (self))
    {
      g_set_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_NO_ACTION,
                   _("The step “%s” is advice: there is nothing to do for you"), self->title);
      return FALSE;
    }
  if (action_check (self->action, policy))
    return TRUE;

  /* One change, so that one undo takes the whole step back. */
  if (NP_IS_POLICY (policy))
    {
      np_policy_begin_change (policy);
      self->action->apply (policy);
      np_policy_end_change (policy);
    }
  else
    {
      np_cilium_policy_begin_change (policy);
      self->action->apply_cilium (policy);
      np_cilium_policy_end_change (policy);
    }
  return TRUE;
}
