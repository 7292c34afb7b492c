/* np-cluster-rule-editor.c: the dialog that edits one rule of a cluster-wide policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-cluster-edit.h"
#include "np-cluster-rule-editor.h"
#include "np-label-selector.h"
#include "np-node.h"

struct _NpClusterRuleEditor
{
  AdwWindow           parent_instance;

  NpClusterPolicy    *policy;
  NpClusterDirection  direction;
  guint               index;
  NpClusterAction     actions[3];     /* by the action drop-down's position */
  guint               n_actions;
  NpClusterPeerKind   peer_kinds[5];  /* by the peer-kind drop-down's position */
  guint               n_peer_kinds;
  gboolean            updating;

  /* Template widgets */
  GtkWidget          *name_entry;
  GtkWidget          *action_dropdown;
  GtkStringList      *action_names;
  GtkWidget          *action_note;
  GtkWidget          *peers_heading;
  GtkWidget          *peers_list;
  GtkWidget          *peer_kind_dropdown;
  GtkStringList      *peer_kind_names;
  GtkWidget          *namespace_entry;
  GtkWidget          *pod_entry;
  GtkWidget          *values_entry;
  GtkWidget          *peer_error;
  GtkWidget          *ports_list;
  GtkWidget          *port_entry;
  GtkWidget          *port_error;
};

G_DEFINE_FINAL_TYPE (NpClusterRuleEditor, np_cluster_rule_editor, ADW_TYPE_WINDOW)

static const char *
peer_kind_title (NpClusterPeerKind kind)
{
  switch (kind)
    {
    case NP_CLUSTER_PEER_NAMESPACES:
      return _("Every pod of namespaces");
    case NP_CLUSTER_PEER_PODS:
      return _("Pods in namespaces");
    case NP_CLUSTER_PEER_NODES:
      return _("Nodes");
    case NP_CLUSTER_PEER_NETWORKS:
      return _("Networks (CIDRs)");
    case NP_CLUSTER_PEER_DOMAIN_NAMES:
      return _("Domain names");
    case NP_CLUSTER_PEER_UNKNOWN:
    default:
      return "";
    }
}

static const char *
action_note (NpClusterPolicy *policy, NpClusterAction action)
{
  switch (action)
    {
    case NP_CLUSTER_ACTION_ALLOW:
      return _("Allowed, and no later rule or policy below can refuse it.");
    case NP_CLUSTER_ACTION_DENY:
      return _("Refused, and no later rule or policy below can allow it.");
    case NP_CLUSTER_ACTION_PASS:
      /* cluster-policies.md §3: Pass leaves the tier; below Admin come the
       * NetworkPolicies, below Baseline only the default, allow. */
      return g_strcmp0 (np_cluster_policy_get_tier (policy), "Baseline") == 0
             ? _("Skips the rest of the baseline tier: with nothing below it, the connection is allowed.")
             : _("Skips the rest of this tier: NetworkPolicies decide, then the baseline.");
    case NP_CLUSTER_ACTION_NONE:
    default:
      return _("No action the policy’s kind accepts: choose one.");
    }
}

static const NpClusterRule *
current_rule (NpClusterRuleEditor *self)
{
  if (self->policy == NULL || self->index >= np_cluster_policy_get_n_rules (self->policy, self->direction))
    return NULL;
  return np_cluster_policy_get_rule (self->policy, self->direction, self->index);
}

static void
show_error (GtkWidget *label, GtkWidget *entry, const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  if (entry == NULL)
    return;
  if (message != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void on_remove_peer_clicked (GtkButton *button, NpClusterRuleEditor *self);
static void on_remove_port_clicked (GtkButton *button, NpClusterRuleEditor *self);

static GtkWidget *
item_row_new (NpClusterRuleEditor *self, const char *text, guint index, GCallback remove_cb)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = g_strdup_printf (_("Remove %s"), text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (remove), "np-index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", remove_cb, self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), remove);
  return row;
}

/* The dialog shows the rule as the policy has it now, after each edit and
 * after an undo elsewhere. */
static void
update (NpClusterRuleEditor *self)
{
  const NpClusterRule *rule = current_rule (self);
  NpClusterPolicyKind kind;
  NpClusterAction action;
  g_autoptr(GPtrArray) ports = NULL;
  guint n_peers;

  if (rule == NULL)
    {
      /* The rule went (an undo of its addition): nothing left to edit. */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  kind = np_cluster_policy_get_kind (self->policy);
  action = np_cluster_rule_get_action (rule, kind);

  self->updating = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), rule->name ? rule->name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), rule->name ? rule->name : "");
  for (guint i = 0; i < self->n_actions; i++)
    if (self->actions[i] == action)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->action_dropdown), i);
  gtk_label_set_text (GTK_LABEL (self->action_note), action_note (self->policy, action));
  self->updating = FALSE;

  clear_box (self->peers_list);
  n_peers = rule->peers != NULL ? np_node_get_n_items (rule->peers) : 0;
  for (guint i = 0; i < n_peers; i++)
    {
      g_autofree char *text = np_cluster_peer_describe (np_node_get_item (rule->peers, i));

      gtk_box_append (GTK_BOX (self->peers_list), item_row_new (self, text, i, G_CALLBACK (on_remove_peer_clicked)));
    }
  if (n_peers == 0)
    {
      GtkWidget *none = gtk_label_new (_("No peer yet: a rule needs at least one. Add one below."));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (self->peers_list), none);
    }

  clear_box (self->ports_list);
  ports = np_cluster_rule_get_ports (rule, kind);
  for (guint i = 0; i < ports->len; i++)
    {
      g_autofree char *text = np_cluster_port_format (g_ptr_array_index (ports, i));

      gtk_box_append (GTK_BOX (self->ports_list), item_row_new (self, text, i, G_CALLBACK (on_remove_port_clicked)));
    }
  if (ports->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("Every port"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (self->ports_list), none);
    }
}

static NpClusterPeerKind
selected_peer_kind (NpClusterRuleEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->peer_kind_dropdown));

  return i < self->n_peer_kinds ? self->peer_kinds[i] : NP_CLUSTER_PEER_UNKNOWN;
}

/* Only the fields the chosen kind of peer takes show. */
static void
on_peer_kind_selected (NpClusterRuleEditor *self)
{
  NpClusterPeerKind kind = selected_peer_kind (self);

  gtk_widget_set_visible (self->namespace_entry, kind == NP_CLUSTER_PEER_NAMESPACES || kind == NP_CLUSTER_PEER_PODS ||
                                                 kind == NP_CLUSTER_PEER_NODES);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->namespace_entry),
                                  kind == NP_CLUSTER_PEER_NODES ? _("Node labels, e.g. node-role.kubernetes.io/control-plane (empty: all)")
                                                                : _("Namespace labels, e.g. team=shop (empty: all)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->namespace_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == NP_CLUSTER_PEER_NODES ? _("Peer node selector") : _("Peer namespace selector"), -1);
  gtk_widget_set_visible (self->pod_entry, kind == NP_CLUSTER_PEER_PODS);
  gtk_widget_set_visible (self->values_entry, kind == NP_CLUSTER_PEER_NETWORKS || kind == NP_CLUSTER_PEER_DOMAIN_NAMES);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->values_entry),
                                  kind == NP_CLUSTER_PEER_NETWORKS ? _("CIDRs, comma-separated: 10.0.0.0/8, 169.254.169.254/32")
                                                                   : _("Names, comma-separated: example.com, *.example.org"));
  show_error (self->peer_error, NULL, NULL);
}

static void
on_name_changed (NpClusterRuleEditor *self)
{
  if (self->updating || current_rule (self) == NULL)
    return;
  np_cluster_edit_set_rule_name (self->policy, self->direction, self->index,
                                 gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
}

static void
on_action_selected (NpClusterRuleEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->action_dropdown));

  if (self->updating || current_rule (self) == NULL || i >= self->n_actions)
    return;
  np_cluster_edit_set_rule_action (self->policy, self->direction, self->index, self->actions[i]);
}

/* (transfer full) (nullable) the selector typed in @entry; NULL with the
 * reason shown when it does not parse. An empty entry means every one. */
static NpLabelSelector *
read_selector (NpClusterRuleEditor *self, GtkWidget *entry, gboolean *ok)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  NpLabelSelector *selector;

  *ok = TRUE;
  if (*text == '\0')
    return NULL;
  selector = np_label_selector_new_from_string (text, &error);
  if (selector == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Not a label selector: %s"), error != NULL ? error->message : text);

      show_error (self->peer_error, entry, message);
      *ok = FALSE;
    }
  return selector;
}

static void
on_add_peer_clicked (NpClusterRuleEditor *self)
{
  NpClusterPeerKind kind = selected_peer_kind (self);
  gboolean ok;

  if (current_rule (self) == NULL || kind == NP_CLUSTER_PEER_UNKNOWN)
    return;
  show_error (self->peer_error, self->namespace_entry, NULL);
  show_error (self->peer_error, self->pod_entry, NULL);
  show_error (self->peer_error, self->values_entry, NULL);
  if (kind == NP_CLUSTER_PEER_NETWORKS || kind == NP_CLUSTER_PEER_DOMAIN_NAMES)
    {
      g_auto(GStrv) values = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->values_entry)), ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) kept = NULL;

      for (guint i = 0; values[i] != NULL; i++)
        {
          g_autofree char *message = NULL;
          char *value = g_strstrip (values[i]);

          if (*value == '\0')
            continue;
          if (!np_cluster_check_peer_value (kind, value, &message))
            {
              show_error (self->peer_error, self->values_entry, message);
              return;
            }
          g_strv_builder_add (builder, value);
        }
      kept = g_strv_builder_end (builder);
      if (kept[0] == NULL)
        {
          show_error (self->peer_error, self->values_entry, _("Type at least one value."));
          return;
        }
      np_cluster_edit_add_list_peer (self->policy, self->direction, self->index, kind, (const char * const *) kept);
      gtk_editable_set_text (GTK_EDITABLE (self->values_entry), "");
      return;
    }
  {
    g_autoptr(NpLabelSelector) namespaces = read_selector (self, self->namespace_entry, &ok);
    g_autoptr(NpLabelSelector) pods = NULL;

    if (!ok)
      return;
    if (kind == NP_CLUSTER_PEER_PODS)
      {
        pods = read_selector (self, self->pod_entry, &ok);
        if (!ok)
          return;
      }
    np_cluster_edit_add_selector_peer (self->policy, self->direction, self->index, kind, namespaces, pods);
    gtk_editable_set_text (GTK_EDITABLE (self->namespace_entry), "");
    gtk_editable_set_text (GTK_EDITABLE (self->pod_entry), "");
  }
}

static void
on_remove_peer_clicked (GtkButton *button, NpClusterRuleEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "np-index"));

  if (current_rule (self) != NULL)
    np_cluster_edit_remove_peer (self->policy, self->direction, self->index, index);
}

static void
on_add_port_clicked (NpClusterRuleEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(NpClusterPort) port = NULL;

  if (current_rule (self) == NULL)
    return;
  port = np_cluster_port_parse (gtk_editable_get_text (GTK_EDITABLE (self->port_entry)), &message);
  show_error (self->port_error, self->port_entry, message);
  if (port == NULL)
    return;
  np_cluster_edit_add_port (self->policy, self->direction, self->index, port);
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), "");
}

static void
on_remove_port_clicked (GtkButton *button, NpClusterRuleEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "np-index"));

  if (current_rule (self) != NULL)
    np_cluster_edit_remove_port (self->policy, self->direction, self->index, index);
}

static void
on_done_clicked (NpClusterRuleEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
np_cluster_rule_editor_dispose (GObject *object)
{
  NpClusterRuleEditor *self = NP_CLUSTER_RULE_EDITOR (object);

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, update, self);
  g_clear_object (&self->policy);
  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_CLUSTER_RULE_EDITOR);
  G_OBJECT_CLASS (np_cluster_rule_editor_parent_class)->dispose (object);
}

static void
np_cluster_rule_editor_class_init (NpClusterRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_cluster_rule_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-cluster-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, action_names);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, action_note);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, peers_heading);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, peers_list);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, peer_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, peer_kind_names);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, namespace_entry);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, pod_entry);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, values_entry);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, peer_error);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, ports_list);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, port_entry);
  gtk_widget_class_bind_template_child (widget_class, NpClusterRuleEditor, port_error);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_action_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_peer_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_add_peer_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_port_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
np_cluster_rule_editor_init (NpClusterRuleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NpClusterRuleEditor *
np_cluster_rule_editor_new (GtkWindow          *parent,
                            NpClusterPolicy    *policy,
                            NpClusterDirection  direction,
                            guint               index)
{
  static const NpClusterAction actions[] = { NP_CLUSTER_ACTION_ALLOW, NP_CLUSTER_ACTION_DENY, NP_CLUSTER_ACTION_PASS };
  static const NpClusterPeerKind peers[] = {
    NP_CLUSTER_PEER_NAMESPACES, NP_CLUSTER_PEER_PODS, NP_CLUSTER_PEER_NODES,
    NP_CLUSTER_PEER_NETWORKS, NP_CLUSTER_PEER_DOMAIN_NAMES,
  };
  NpClusterRuleEditor *self;
  NpClusterPolicyKind kind;

  g_return_val_if_fail (NP_IS_CLUSTER_POLICY (policy), NULL);
  g_return_val_if_fail (index < np_cluster_policy_get_n_rules (policy, direction), NULL);

  self = g_object_new (NP_TYPE_CLUSTER_RULE_EDITOR, "transient-for", parent, NULL);
  self->policy = g_object_ref (policy);
  self->direction = direction;
  self->index = index;
  kind = np_cluster_policy_get_kind (policy);

  gtk_window_set_title (GTK_WINDOW (self), direction == NP_CLUSTER_INGRESS ? _("Edit Ingress Rule") : _("Edit Egress Rule"));
  gtk_label_set_text (GTK_LABEL (self->peers_heading), direction == NP_CLUSTER_INGRESS ? _("From") : _("To"));

  /* The drop-downs offer what the policy's kind and the direction allow. */
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (np_cluster_action_allowed (kind, actions[i]))
      {
        self->actions[self->n_actions++] = actions[i];
        gtk_string_list_append (self->action_names, np_cluster_action_to_string (kind, actions[i]));
      }
  for (guint i = 0; i < G_N_ELEMENTS (peers); i++)
    if (np_cluster_peer_allowed (kind, direction, peers[i]))
      {
        self->peer_kinds[self->n_peer_kinds++] = peers[i];
        gtk_string_list_append (self->peer_kind_names, peer_kind_title (peers[i]));
      }
  self->updating = FALSE;
  on_peer_kind_selected (self);
  g_signal_connect_object (policy, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return self;
}
