/* np-cluster-canvas.c: the canvas of an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>

#include "np-canvas.h"
#include "np-cluster-analysis.h"
#include "np-cluster-canvas.h"
#include "np-cluster-edit.h"
#include "np-cluster-policy.h"
#include "np-cluster-rule-editor.h"
#include "np-columns.h"
#include "np-edges.h"
#include "np-export.h"
#include "np-label-selector.h"
#include "np-node.h"
#include "np-selector-editor.h"
#include "np-wrap-label.h"

struct _NpClusterCanvas
{
  GtkWidget        parent_instance;

  NpClusterPolicy *policy;
  /* The subject's selectors as the editors edit them; made afresh from
   * the policy after each change, applied to it on each of theirs. */
  NpLabelSelector *namespaces;
  NpLabelSelector *pods;
  gboolean         updating;
  gboolean         compact;          /* one column: no room for edges */

  /* Template widgets */
  GtkWidget       *parts[3];         /* ingress side, centre card, egress side */
  GtkWidget       *lists[2];         /* by NpClusterDirection */
  GtkWidget       *empties[2];
  GtkWidget       *adds[2];
  GtkWidget       *kind_label;
  GtkWidget       *name_entry;
  GtkWidget       *priority_row;
  GtkWidget       *priority_spin;
  GtkWidget       *tier_row;
  GtkWidget       *tier_dropdown;
  GtkWidget       *tier_note;
  GtkWidget       *subject_dropdown;
  GtkWidget       *namespace_editor;
  GtkWidget       *pods_box;
  GtkWidget       *pod_editor;
  GtkWidget       *legend_allow;
  GtkWidget       *legend_deny;
  GtkWidget       *legend_pass;
};

G_DEFINE_FINAL_TYPE (NpClusterCanvas, np_cluster_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const tiers[] = { "Admin", "Baseline" };

static const char * const action_classes[] = {
  [NP_CLUSTER_ACTION_NONE] = "np-action-none",
  [NP_CLUSTER_ACTION_ALLOW] = "np-action-allow",
  [NP_CLUSTER_ACTION_DENY] = "np-action-deny",
  [NP_CLUSTER_ACTION_PASS] = "np-action-pass",
};

/* The edge colours of np-edges.c: green, red, and for Pass the third one
 * (amber); a rule without a valid action is drawn dashed and grey. */
static NpRuleEffect
action_effect (NpClusterAction action)
{
  switch (action)
    {
    case NP_CLUSTER_ACTION_ALLOW:
      return NP_RULE_EFFECT_ALLOWED;
    case NP_CLUSTER_ACTION_DENY:
      return NP_RULE_EFFECT_DENIED;
    case NP_CLUSTER_ACTION_PASS:
      return NP_RULE_EFFECT_PARTIAL;
    case NP_CLUSTER_ACTION_NONE:
    default:
      return NP_RULE_EFFECT_IGNORED;
    }
}

/* What the colour says, for those who do not see it: the words of the
 * legend. */
static char *
action_description (NpClusterPolicy *policy, NpClusterAction action)
{
  const char *word = np_cluster_action_to_string (np_cluster_policy_get_kind (policy), action);

  switch (action)
    {
    case NP_CLUSTER_ACTION_ALLOW:
      /* Translators: %s is Allow or Accept */
      return g_strdup_printf (_("%s (green): the connections it matches are allowed"), word);
    case NP_CLUSTER_ACTION_DENY:
      return g_strdup (_("Deny (red): the connections it matches are refused"));
    case NP_CLUSTER_ACTION_PASS:
      return g_strdup (g_strcmp0 (np_cluster_policy_get_tier (policy), "Baseline") == 0
                       ? _("Pass (amber): the connections it matches skip the rest of the baseline and are allowed")
                       : _("Pass (amber): the connections it matches go on to the NetworkPolicies"));
    case NP_CLUSTER_ACTION_NONE:
    default:
      return g_strdup (_("No valid action (grey): the rule is invalid"));
    }
}

static const char *
direction_title (NpClusterDirection direction)
{
  return direction == NP_CLUSTER_INGRESS ? _("Ingress") : _("Egress");
}

/* "Egress rule 2 (to-team)", the name screen readers and tests know a
 * rule by; the number is its place, which decides. */
static char *
rule_title (NpClusterDirection direction, guint index, const NpClusterRule *rule)
{
  if (rule->name != NULL && *rule->name != '\0')
    /* Translators: "Ingress rule 2 (allow-dns)" */
    return g_strdup_printf (_("%s rule %u (%s)"), direction_title (direction), index + 1, rule->name);
  /* Translators: "Ingress rule 2" */
  return g_strdup_printf (_("%s rule %u"), direction_title (direction), index + 1);
}

/* Rules -------------------------------------------------------------------- */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWindow *
parent_window (NpClusterCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_editor (NpClusterCanvas *self, NpClusterDirection direction, guint index)
{
  NpClusterRuleEditor *editor;

  if (self->policy == NULL || index >= np_cluster_policy_get_n_rules (self->policy, direction))
    return;
  editor = np_cluster_rule_editor_new (parent_window (self), self->policy, direction, index);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
row_position (GtkWidget *widget, NpClusterDirection *direction, guint *index)
{
  *direction = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "np-direction"));
  *index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "np-index"));
}

/* After a move the rows are made afresh: focus goes to the same control
 * of the rule in its new place, so that Alt+Up can be pressed again. */
static void
focus_rule_control (NpClusterCanvas *self, NpClusterDirection direction, guint index, const char *control)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->lists[direction]); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      NpClusterDirection d;
      guint i;
      GtkWidget *target;

      row_position (row, &d, &i);
      if (i != index)
        continue;
      target = g_object_get_data (G_OBJECT (row), control);
      /* At the top, Move up is off: the other one takes the focus. */
      if (target != NULL && !gtk_widget_get_sensitive (target))
        target = g_object_get_data (G_OBJECT (row), g_str_equal (control, "np-up") ? "np-down" : "np-up");
      if (target != NULL && gtk_widget_get_sensitive (target))
        gtk_widget_grab_focus (target);
      else
        gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "np-edit"));
      return;
    }
}

static void
move_rule (NpClusterCanvas *self, NpClusterDirection direction, guint from, int to, const char *focus)
{
  guint n;

  if (self->policy == NULL)
    return;
  n = np_cluster_policy_get_n_rules (self->policy, direction);
  if (to < 0 || (guint) to >= n || from >= n || (guint) to == from)
    return;
  np_cluster_edit_move_rule (self->policy, direction, from, to);
  if (focus != NULL)
    focus_rule_control (self, direction, to, focus);
}

static void
on_move_clicked (GtkButton *button, NpClusterCanvas *self)
{
  NpClusterDirection direction;
  guint index;
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "np-delta"));

  row_position (GTK_WIDGET (button), &direction, &index);
  move_rule (self, direction, index, (int) index + delta, delta < 0 ? "np-up" : "np-down");
}

static gboolean
on_move_key (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NpClusterCanvas *self = user_data;
  NpClusterDirection direction;
  guint index;
  int delta = g_variant_get_int32 (args);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  const char *control = "np-edit";

  row_position (widget, &direction, &index);
  if (focus == g_object_get_data (G_OBJECT (widget), "np-up"))
    control = "np-up";
  else if (focus == g_object_get_data (G_OBJECT (widget), "np-down"))
    control = "np-down";
  else if (focus == g_object_get_data (G_OBJECT (widget), "np-remove"))
    control = "np-remove";
  move_rule (self, direction, index, (int) index + delta, control);
  return TRUE;
}

static void
on_edit_clicked (GtkButton *button, NpClusterCanvas *self)
{
  NpClusterDirection direction;
  guint index;

  row_position (GTK_WIDGET (button), &direction, &index);
  open_editor (self, direction, index);
}

static void
on_remove_clicked (GtkButton *button, NpClusterCanvas *self)
{
  NpClusterDirection direction;
  guint index;

  row_position (GTK_WIDGET (button), &direction, &index);
  if (self->policy != NULL && index < np_cluster_policy_get_n_rules (self->policy, direction))
    np_cluster_edit_remove_rule (self->policy, direction, index);
}

/* Drag and drop: a rule is dragged as "DIRECTION:INDEX" and dropped on
 * another rule of the same direction, taking its place. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, NpClusterCanvas *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  NpClusterDirection direction;
  guint index;
  g_autofree char *text = NULL;

  row_position (row, &direction, &index);
  text = g_strdup_printf ("%d:%u", direction, index);
  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
on_drag_begin (GtkDragSource *source, GdkDrag *drag, NpClusterCanvas *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

typedef struct {
  NpClusterCanvas    *self;
  NpClusterDirection  direction;
  guint               from;
  guint               to;
} PendingMove;

static gboolean
move_idle (gpointer data)
{
  PendingMove *move = data;

  move_rule (move->self, move->direction, move->from, (int) move->to, NULL);
  g_object_unref (move->self);
  g_free (move);
  return G_SOURCE_REMOVE;
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, NpClusterCanvas *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *text = g_value_get_string (value);
  NpClusterDirection direction;
  PendingMove *move;
  guint index;
  int from_direction;
  guint from;

  if (text == NULL || sscanf (text, "%d:%u", &from_direction, &from) != 2)
    return FALSE;
  row_position (row, &direction, &index);
  if ((NpClusterDirection) from_direction != direction || from == index)
    return FALSE;
  /* Once the drop is over: the move makes the rows afresh, this one
   * (whose drop target is still at work) among them. */
  move = g_new0 (PendingMove, 1);
  move->self = g_object_ref (self);
  move->direction = direction;
  move->from = from;
  move->to = index;
  g_idle_add (move_idle, move);
  return TRUE;
}

static GtkWidget *
icon_button_new (NpClusterCanvas *self, const char *icon, const char *tooltip, const char *name,
                 NpClusterDirection direction, guint index, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, NP_EDIT_CONTROL_CLASS);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "np-direction", GINT_TO_POINTER (direction));
  g_object_set_data (G_OBJECT (button), "np-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
rule_row_new (NpClusterCanvas *self, NpClusterDirection direction, guint index)
{
  NpClusterPolicyKind kind = np_cluster_policy_get_kind (self->policy);
  const NpClusterRule *rule = np_cluster_policy_get_rule (self->policy, direction, index);
  NpClusterAction action = np_cluster_rule_get_action (rule, kind);
  guint n = np_cluster_policy_get_n_rules (self->policy, direction);
  g_autofree char *title = rule_title (direction, index, rule);
  g_autofree char *description = action_description (self->policy, action);
  /* A rule an earlier one covers never decides: drawn in its action's
   * colour it would claim connections the earlier rule takes. */
  gint shadowed_by = np_cluster_policy_rule_shadowed_by (self->policy, direction, index);
  g_autofree char *shadow_text = NULL;
  g_autofree char *up_name = g_strdup_printf (_("Move up: %s"), title);
  g_autofree char *down_name = g_strdup_printf (_("Move down: %s"), title);
  g_autofree char *edit_name = g_strdup_printf (_("Edit %s"), title);
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), title);
  g_autoptr(GPtrArray) ports = np_cluster_rule_get_ports (rule, kind);
  GString *peers = g_string_new (NULL);
  GString *ports_text = g_string_new (NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *badge = gtk_label_new (action != NP_CLUSTER_ACTION_NONE ? np_cluster_action_to_string (kind, action)
                                                                      : (rule->action != NULL ? rule->action : _("No action")));
  /* The rule's texts are not GtkLabels: see np-wrap-label.c. */
  GtkWidget *name = np_wrap_label_new ("heading");
  GtkWidget *peers_label, *ports_label, *up, *down, *edit, *remove;
  GtkEventController *controller;
  GtkShortcutController *shortcuts;
  GtkDragSource *source;
  GtkDropTarget *target;

  gtk_widget_add_css_class (row, "card");
  gtk_widget_add_css_class (row, "np-cluster-rule");
  gtk_widget_add_css_class (row, action_classes[action]);
  g_object_set_data (G_OBJECT (row), "np-direction", GINT_TO_POINTER (direction));
  g_object_set_data (G_OBJECT (row), "np-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "np-verdict",
                     GINT_TO_POINTER (shadowed_by >= 0 ? NP_RULE_EFFECT_IGNORED : action_effect (action)));
  if (shadowed_by >= 0)
    {
      const NpClusterRule *earlier = np_cluster_policy_get_rule (self->policy, direction, shadowed_by);
      g_autofree char *earlier_title = rule_title (direction, shadowed_by, earlier);
      char *full;

      /* Translators: %s is a rule's title, "Egress rule 1 (deny-all)" */
      shadow_text = g_strdup_printf (_("Never matches: %s matches everything it does, and decides first."),
                                     earlier_title);
      full = g_strconcat (shadow_text, " ", description, NULL);
      g_free (description);
      description = full;
      gtk_widget_add_css_class (row, "np-rule-shadowed");
    }

  gtk_widget_add_css_class (badge, "np-action-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  np_wrap_label_set_text (NP_WRAP_LABEL (name), rule->name != NULL ? rule->name : "");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (header), badge);
  gtk_box_append (GTK_BOX (header), name);
  up = icon_button_new (self, "go-up-symbolic", _("Move up (Alt+Up): decides earlier"), up_name,
                        direction, index, G_CALLBACK (on_move_clicked));
  g_object_set_data (G_OBJECT (up), "np-delta", GINT_TO_POINTER (-1));
  gtk_widget_set_sensitive (up, index > 0);
  down = icon_button_new (self, "go-down-symbolic", _("Move down (Alt+Down): decides later"), down_name,
                          direction, index, G_CALLBACK (on_move_clicked));
  g_object_set_data (G_OBJECT (down), "np-delta", GINT_TO_POINTER (1));
  gtk_widget_set_sensitive (down, index + 1 < n);
  edit = icon_button_new (self, "document-edit-symbolic", _("Edit the rule’s name, action, peers and ports"), edit_name,
                          direction, index, G_CALLBACK (on_edit_clicked));
  remove = icon_button_new (self, "user-trash-symbolic", _("Remove this rule"), remove_name,
                            direction, index, G_CALLBACK (on_remove_clicked));
  /* The controls go under the rule's text: the name keeps the width. */
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), up);
  gtk_box_append (GTK_BOX (buttons), down);
  gtk_box_append (GTK_BOX (buttons), edit);
  gtk_box_append (GTK_BOX (buttons), remove);
  gtk_box_append (GTK_BOX (row), header);
  g_object_set_data (G_OBJECT (row), "np-up", up);
  g_object_set_data (G_OBJECT (row), "np-down", down);
  g_object_set_data (G_OBJECT (row), "np-edit", edit);
  g_object_set_data (G_OBJECT (row), "np-remove", remove);

  for (guint i = 0; rule->peers != NULL && i < np_node_get_n_items (rule->peers); i++)
    {
      g_autofree char *text = np_cluster_peer_describe (np_node_get_item (rule->peers, i));

      if (peers->len > 0)
        g_string_append_c (peers, '\n');
      g_string_append (peers, text);
    }
  if (peers->len == 0)
    g_string_append (peers, _("No peer: add one, a rule needs at least one"));
  peers_label = np_wrap_label_new (NULL);
  np_wrap_label_set_text (NP_WRAP_LABEL (peers_label), peers->str);
  gtk_box_append (GTK_BOX (row), peers_label);

  for (guint i = 0; i < ports->len; i++)
    {
      g_autofree char *text = np_cluster_port_format (g_ptr_array_index (ports, i));

      if (ports_text->len > 0)
        g_string_append (ports_text, ", ");
      g_string_append (ports_text, text);
    }
  ports_label = np_wrap_label_new ("caption");
  np_wrap_label_set_text (NP_WRAP_LABEL (ports_label), ports_text->len > 0 ? ports_text->str : _("Every port"));
  gtk_widget_add_css_class (ports_label, "dim-label");
  gtk_box_append (GTK_BOX (row), ports_label);
  if (shadow_text != NULL)
    {
      GtkWidget *shadow = np_wrap_label_new ("caption");

      np_wrap_label_set_text (NP_WRAP_LABEL (shadow), shadow_text);
      gtk_widget_add_css_class (shadow, "warning");
      gtk_box_append (GTK_BOX (row), shadow);
    }
  gtk_box_append (GTK_BOX (row), buttons);

  /* The row is a group with the rule's name; its action and colour are
   * its description (the edge says the same, in colour). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (badge, description);

  /* Alt+Up / Alt+Down move the rule whichever of its controls has focus. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new_with_arguments (gtk_shortcut_trigger_parse_string ("<Alt>Up"),
                                                                         gtk_callback_action_new (on_move_key, self, NULL),
                                                                         "i", -1));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new_with_arguments (gtk_shortcut_trigger_parse_string ("<Alt>Down"),
                                                                         gtk_callback_action_new (on_move_key, self, NULL),
                                                                         "i", 1));
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (shortcuts));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  controller = GTK_EVENT_CONTROLLER (target);
  gtk_widget_add_controller (row, controller);

  g_string_free (peers, TRUE);
  g_string_free (ports_text, TRUE);
  return row;
}

static void
update_rules (NpClusterCanvas *self)
{
  for (NpClusterDirection d = NP_CLUSTER_INGRESS; d <= NP_CLUSTER_EGRESS; d++)
    {
      guint n = self->policy != NULL ? np_cluster_policy_get_n_rules (self->policy, d) : 0;

      clear_box (self->lists[d]);
      for (guint i = 0; i < n; i++)
        gtk_box_append (GTK_BOX (self->lists[d]), rule_row_new (self, d, i));
      gtk_widget_set_visible (self->empties[d], n == 0);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Centre card --------------------------------------------------------------- */

static const char *
kind_title (NpClusterPolicyKind kind)
{
  switch (kind)
    {
    case NP_CLUSTER_POLICY_ANP:
      return _("AdminNetworkPolicy");
    case NP_CLUSTER_POLICY_BANP:
      return _("BaselineAdminNetworkPolicy");
    case NP_CLUSTER_POLICY_CNP:
    default:
      return _("ClusterNetworkPolicy");
    }
}

static void on_selector_changed (NpClusterCanvas *self);

/* Keeps *@selector when it says what @node says (the editor may be in the
 * middle of its own change of it), else puts a fresh one from @node there,
 * watched. */
static void
sync_selector (NpClusterCanvas *self, NpLabelSelector **selector, const NpNode *node, GtkWidget *editor)
{
  g_autoptr(NpLabelSelector) fresh = np_cluster_selector_from_node (node);

  if (*selector != NULL)
    {
      g_autofree char *old_text = np_label_selector_to_string (*selector);
      g_autofree char *new_text = np_label_selector_to_string (fresh);

      if (g_str_equal (old_text, new_text))
        return;
      g_signal_handlers_disconnect_by_func (*selector, on_selector_changed, self);
      g_clear_object (selector);
    }
  *selector = g_steal_pointer (&fresh);
  g_signal_connect_object (*selector, "changed", G_CALLBACK (on_selector_changed), self, G_CONNECT_SWAPPED);
  np_selector_editor_set_selector (NP_SELECTOR_EDITOR (editor), *selector);
}

static void
update_centre (NpClusterCanvas *self)
{
  NpClusterPolicyKind kind = np_cluster_policy_get_kind (self->policy);
  const NpNode *namespaces = NULL, *pods = NULL;
  NpClusterSubjectKind subject = np_cluster_policy_get_subject (self->policy, &namespaces, &pods);
  const char *name = np_cluster_policy_get_name (self->policy);
  const char *tier = np_cluster_policy_get_tier (self->policy);
  gint64 priority = 0;
  g_autofree char *allow = NULL;

  self->updating = TRUE;
  gtk_label_set_text (GTK_LABEL (self->kind_label), kind_title (kind));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), name ? name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name ? name : "");

  /* A BaselineAdminNetworkPolicy has no priority: there is one of them. */
  gtk_widget_set_visible (self->priority_row, kind != NP_CLUSTER_POLICY_BANP);
  if (np_cluster_policy_get_priority (self->policy, &priority))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->priority_spin), CLAMP (priority, 0, 1000));
  gtk_widget_set_visible (self->tier_row, kind == NP_CLUSTER_POLICY_CNP);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->tier_dropdown), g_strcmp0 (tier, "Baseline") == 0 ? 1 : 0);
  gtk_label_set_text (GTK_LABEL (self->tier_note),
                      g_strcmp0 (tier, "Baseline") == 0
                      ? _("Baseline: decides after the NetworkPolicies, for what they leave open.")
                      : _("Admin: decides before the NetworkPolicies; lower priority numbers first."));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->subject_dropdown), subject == NP_CLUSTER_SUBJECT_PODS ? 1 : 0);
  gtk_widget_set_visible (self->pods_box, subject == NP_CLUSTER_SUBJECT_PODS);

  /* Selectors from the tree; each change of theirs goes back to it. */
  sync_selector (self, &self->namespaces, namespaces, self->namespace_editor);
  sync_selector (self, &self->pods, pods, self->pod_editor);

  allow = action_description (self->policy, NP_CLUSTER_ACTION_ALLOW);
  gtk_label_set_text (GTK_LABEL (self->legend_allow), allow);
  {
    g_autofree char *deny = action_description (self->policy, NP_CLUSTER_ACTION_DENY);
    g_autofree char *pass = action_description (self->policy, NP_CLUSTER_ACTION_PASS);

    gtk_label_set_text (GTK_LABEL (self->legend_deny), deny);
    gtk_label_set_text (GTK_LABEL (self->legend_pass), pass);
    /* A BaselineAdminNetworkPolicy cannot pass. */
    gtk_widget_set_visible (self->legend_pass, np_cluster_action_allowed (kind, NP_CLUSTER_ACTION_PASS));
  }
  self->updating = FALSE;
}

static void
update_all (NpClusterCanvas *self)
{
  if (self->policy == NULL)
    return;
  update_centre (self);
  update_rules (self);
}

static void
on_policy_changed (NpClusterCanvas *self)
{
  update_all (self);
}

static void
apply_subject (NpClusterCanvas *self)
{
  NpClusterSubjectKind kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->subject_dropdown)) == 1
                              ? NP_CLUSTER_SUBJECT_PODS : NP_CLUSTER_SUBJECT_NAMESPACES;
  g_autoptr(NpLabelSelector) namespaces = g_object_ref (self->namespaces);
  g_autoptr(NpLabelSelector) pods = g_object_ref (self->pods);

  np_cluster_edit_set_subject (self->policy, kind, namespaces, pods);
}

static void
on_selector_changed (NpClusterCanvas *self)
{
  if (self->updating || self->policy == NULL)
    return;
  apply_subject (self);
}

static void
on_subject_kind_selected (NpClusterCanvas *self)
{
  if (self->updating || self->policy == NULL)
    return;
  apply_subject (self);
}

static void
on_name_changed (GtkEditable *editable, NpClusterCanvas *self)
{
  if (self->updating || self->policy == NULL)
    return;
  np_cluster_edit_set_name (self->policy, gtk_editable_get_text (editable));
}

static void
on_priority_changed (GtkSpinButton *spin, NpClusterCanvas *self)
{
  if (self->updating || self->policy == NULL || np_cluster_policy_get_kind (self->policy) == NP_CLUSTER_POLICY_BANP)
    return;
  np_cluster_edit_set_priority (self->policy, (gint64) gtk_spin_button_get_value_as_int (spin));
}

static void
on_tier_selected (GtkDropDown *dropdown, GParamSpec *pspec, NpClusterCanvas *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->policy == NULL || np_cluster_policy_get_kind (self->policy) != NP_CLUSTER_POLICY_CNP ||
      selected >= G_N_ELEMENTS (tiers))
    return;
  np_cluster_edit_set_tier (self->policy, tiers[selected]);
}

/* A new rule starts as Deny for an Admin policy (what administrators add
 * first: guard rails) and Allow for a baseline one (exceptions to a final
 * deny), and opens in the rule editor for its peers. */
static void
on_add_clicked (GtkButton *button, NpClusterCanvas *self)
{
  NpClusterDirection direction = GTK_WIDGET (button) == self->adds[NP_CLUSTER_EGRESS] ? NP_CLUSTER_EGRESS
                                                                                       : NP_CLUSTER_INGRESS;
  gboolean baseline;
  guint index;

  if (self->policy == NULL)
    return;
  baseline = g_strcmp0 (np_cluster_policy_get_tier (self->policy), "Baseline") == 0;
  index = np_cluster_edit_add_rule (self->policy, direction,
                                    baseline ? NP_CLUSTER_ACTION_ALLOW : NP_CLUSTER_ACTION_DENY, NULL);
  open_editor (self, direction, index);
}

/* Layout: np-columns.c, shared with the other canvas of the same shape. */

static GtkSizeRequestMode
np_cluster_canvas_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
np_cluster_canvas_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  np_columns_measure (NP_CLUSTER_CANVAS (widget)->parts, orientation, for_size, minimum, natural);
}

static void
np_cluster_canvas_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  NpClusterCanvas *self = NP_CLUSTER_CANVAS (widget);

  self->compact = np_columns_allocate (self->parts, NP_COLUMNS_CENTRE_OWN_HEIGHT, width, height);
}

/* Edges: one per rule, from the rule's card to the centre card, in the
 * colour of the rule's action as the core reads it
 * (np_cluster_rule_get_action()). */
static void
draw_side (NpClusterCanvas *self, GtkSnapshot *snapshot, NpClusterDirection direction, const graphene_rect_t *centre)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, TRUE, sizeof (NpEdge));

  for (GtkWidget *row = gtk_widget_get_first_child (self->lists[direction]); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self), &bounds))
        continue;
      np_edges_append (edges, GTK_WIDGET (self), row,
                       direction == NP_CLUSTER_INGRESS ? bounds.origin.x + bounds.size.width : bounds.origin.x,
                       GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "np-verdict")));
    }
  np_edges_draw_side (GTK_WIDGET (self), snapshot, edges,
                      direction == NP_CLUSTER_INGRESS ? NP_DIRECTION_INGRESS : NP_DIRECTION_EGRESS, centre);
}

static void
np_cluster_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NpClusterCanvas *self = NP_CLUSTER_CANVAS (widget);
  graphene_rect_t centre;

  if (self->policy != NULL && !self->compact &&
      gtk_widget_compute_bounds (self->parts[NP_COLUMN_CENTRE], widget, &centre))
    {
      draw_side (self, snapshot, NP_CLUSTER_INGRESS, &centre);
      draw_side (self, snapshot, NP_CLUSTER_EGRESS, &centre);
    }

  GTK_WIDGET_CLASS (np_cluster_canvas_parent_class)->snapshot (widget, snapshot);

  if (self->policy != NULL && self->compact)
    for (guint d = 0; d < 2; d++)
      for (GtkWidget *row = gtk_widget_get_first_child (self->lists[d]); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        np_edges_draw_bar (widget, snapshot, row, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "np-verdict")));
}

static void
np_cluster_canvas_dispose (GObject *object)
{
  NpClusterCanvas *self = NP_CLUSTER_CANVAS (object);

  np_cluster_canvas_set_policy (self, NULL);
  g_clear_object (&self->namespaces);
  g_clear_object (&self->pods);
  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_CLUSTER_CANVAS);
  G_OBJECT_CLASS (np_cluster_canvas_parent_class)->dispose (object);
}

static void
np_cluster_canvas_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NpClusterCanvas *self = NP_CLUSTER_CANVAS (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_cluster_canvas_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NpClusterCanvas *self = NP_CLUSTER_CANVAS (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_cluster_canvas_set_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_cluster_canvas_class_init (NpClusterCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_cluster_canvas_dispose;
  object_class->get_property = np_cluster_canvas_get_property;
  object_class->set_property = np_cluster_canvas_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, NP_TYPE_CLUSTER_POLICY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->get_request_mode = np_cluster_canvas_get_request_mode;
  widget_class->measure = np_cluster_canvas_measure;
  widget_class->size_allocate = np_cluster_canvas_size_allocate;
  widget_class->snapshot = np_cluster_canvas_snapshot;
  gtk_widget_class_set_css_name (widget_class, "np-cluster-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (NP_TYPE_SELECTOR_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-cluster-canvas.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "ingress_side", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, parts) + NP_COLUMN_INGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "centre_card", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, parts) + NP_COLUMN_CENTRE * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "egress_side", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, parts) + NP_COLUMN_EGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "ingress_list", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, lists) + NP_CLUSTER_INGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "egress_list", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, lists) + NP_CLUSTER_EGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "ingress_empty", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, empties) + NP_CLUSTER_INGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "egress_empty", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, empties) + NP_CLUSTER_EGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "ingress_add", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, adds) + NP_CLUSTER_INGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "egress_add", FALSE,
                                             G_STRUCT_OFFSET (NpClusterCanvas, adds) + NP_CLUSTER_EGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, kind_label);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, priority_row);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, priority_spin);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, tier_row);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, tier_note);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, subject_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, namespace_editor);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, pods_box);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, pod_editor);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, legend_allow);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, legend_deny);
  gtk_widget_class_bind_template_child (widget_class, NpClusterCanvas, legend_pass);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_priority_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tier_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
np_cluster_canvas_init (NpClusterCanvas *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cluster policy canvas"), -1);
  /* The edges take the theme's colours. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
np_cluster_canvas_new (void)
{
  return g_object_new (NP_TYPE_CLUSTER_CANVAS, NULL);
}

NpClusterPolicy *
np_cluster_canvas_get_policy (NpClusterCanvas *self)
{
  g_return_val_if_fail (NP_IS_CLUSTER_CANVAS (self), NULL);
  return self->policy;
}

void
np_cluster_canvas_set_policy (NpClusterCanvas *self,
                              NpClusterPolicy *policy)
{
  g_return_if_fail (NP_IS_CLUSTER_CANVAS (self));
  g_return_if_fail (policy == NULL || NP_IS_CLUSTER_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  g_set_object (&self->policy, policy);
  /* Another policy's selectors are its own. */
  if (self->namespaces != NULL)
    g_signal_handlers_disconnect_by_func (self->namespaces, on_selector_changed, self);
  if (self->pods != NULL)
    g_signal_handlers_disconnect_by_func (self->pods, on_selector_changed, self);
  g_clear_object (&self->namespaces);
  g_clear_object (&self->pods);
  if (policy != NULL)
    {
      np_canvas_scroll_to_top (GTK_WIDGET (self));
      g_signal_connect_object (policy, "changed", G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
      update_all (self);
    }
  else
    update_rules (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}
