/* np-rule-editor.c: the dialog that adds or edits one rule, on a copy applied in one change
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-describe.h"
#include "np-field-message.h"
#include "np-peer-block.h"
#include "np-policy.h"
#include "np-policy-edit.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-rule-editor.h"
#include "np-selector-editor.h"

/* GTK 4.8 names a labelled button twice over, "_Apply Apply": its label
 * property as written, then the label widget it is labelled by. Keep the
 * second, the label as shown, which is what tests and screen readers
 * expect the name to be. */
static void
fix_button_name (GtkButton *button)
{
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

struct _NpRuleEditor
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *apply_button;
  GtkImage       *summary_icon;
  GtkLabel       *summary_label;
  GtkLabel       *summary_note;
  AdwPreferencesGroup *peers_group;
  GtkBox         *peers_box;
  GtkLabel       *no_peers_label;
  AdwEntryRow    *ports_row;
  GtkLabel       *ports_message;
  GtkButton      *cancel_button;
  GtkButton      *remove_button;

  /* Owned */
  NpPolicy       *policy;
  NpPolicyRule   *rule;          /* the original, NULL for a new rule */
  NpPolicyRule   *copy;          /* what the dialog edits */
  GPtrArray      *blocks;        /* NpPeerBlock, in the order of the copy's peers */
  char           *initial_ports;

  NpDirection     direction;
  NpPeerGroup     group;
  gboolean        ports_ok;
  gboolean        setting_ports;
  gboolean        peers_dirty;
};

G_DEFINE_FINAL_TYPE (NpRuleEditor, np_rule_editor, ADW_TYPE_WINDOW)

static void
np_rule_editor_update_summary (NpRuleEditor *self)
{
  g_autofree char *sentence = np_describe_rule (self->policy, self->copy);
  gboolean ignored = np_rule_get_verdict (self->policy, self->copy) == NP_RULE_EFFECT_IGNORED;

  /* GtkLabel names itself after its text: name it again, so that it can
   * be found, and let the sentence be read as its text and description. */
  gtk_label_set_text (self->summary_label, sentence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rule summary"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence,
                                  -1);
  gtk_image_set_from_icon_name (self->summary_icon,
                                ignored ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (ignored)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "warning");
}

static gboolean
np_rule_editor_is_valid (NpRuleEditor *self)
{
  if (!self->ports_ok)
    return FALSE;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      if (!np_peer_block_get_valid (g_ptr_array_index (self->blocks, i)))
        return FALSE;
    }

  return TRUE;
}

static void
np_rule_editor_update_valid (NpRuleEditor *self)
{
  gboolean valid = np_rule_editor_is_valid (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule.apply", valid);

  /* The sentence describes the copy, which only takes what parses: say
   * that it leaves the marked fields out rather than let it mislead. */
  gtk_widget_set_visible (GTK_WIDGET (self->summary_note), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
}

static void
np_rule_editor_copy_changed (NpRuleEditor *self)
{
  /* The only changes of the copy besides the ports are the peers'. */
  if (!self->setting_ports)
    self->peers_dirty = TRUE;

  np_rule_editor_update_summary (self);
}

static void
np_rule_editor_ports_changed (NpRuleEditor *self)
{
  g_autoptr(GPtrArray) ports = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->ports_row));
  gboolean untouched = g_strcmp0 (text, self->initial_ports) == 0;
  GListStore *store = G_LIST_STORE (np_policy_rule_get_ports (self->copy));

  ports = np_policy_port_parse_list (text, NP_PORT_SYNTAX_KUBERNETES, &error);
  if (ports == NULL)
    {
      /* An untouched list is kept as the policy has it (see apply). */
      self->ports_ok = untouched;
      np_field_message_set (GTK_WIDGET (self->ports_row), self->ports_message,
                         untouched ? NP_FIELD_WARNING : NP_FIELD_ERROR, error->message);
    }
  else
    {
      self->ports_ok = TRUE;
      np_field_message_set (GTK_WIDGET (self->ports_row), self->ports_message, NP_FIELD_OK, NULL);

      /* The copy follows the field so that the sentence above does. */
      self->setting_ports = TRUE;
      g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                           ports->pdata, ports->len);
      self->setting_ports = FALSE;
    }

  np_rule_editor_update_valid (self);
}

static void
np_rule_editor_update_peers_state (NpRuleEditor *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      /* Peers are OR'd: say so between them. */
      np_peer_block_set_show_or (g_ptr_array_index (self->blocks, i), i > 0);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->peers_box), self->blocks->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_peers_label), self->blocks->len == 0);
  np_rule_editor_update_valid (self);
}

static void
np_rule_editor_peers_changed (NpRuleEditor *self,
                              guint         position,
                              guint         removed,
                              guint         added,
                              GListModel   *peers)
{
  GtkWidget *sibling = NULL;
  gboolean had_focus = FALSE;

  for (guint i = 0; i < removed; i++)
    {
      NpPeerBlock *block = g_ptr_array_index (self->blocks, position);
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (block)))
        had_focus = TRUE;
      g_signal_handlers_disconnect_by_func (block, np_rule_editor_update_valid, self);
      gtk_box_remove (self->peers_box, GTK_WIDGET (block));
      g_ptr_array_remove_index (self->blocks, position);
    }

  if (position > 0)
    sibling = g_ptr_array_index (self->blocks, position - 1);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, position + i);
      NpPeerBlock *block = np_peer_block_new (peer, G_LIST_STORE (peers), self->direction);

      g_signal_connect_object (block, "notify::valid",
                               G_CALLBACK (np_rule_editor_update_valid),
                               self, G_CONNECT_SWAPPED);
      gtk_box_insert_child_after (self->peers_box, GTK_WIDGET (block), sibling);
      g_ptr_array_insert (self->blocks, position + i, block);
      sibling = GTK_WIDGET (block);
    }

  np_rule_editor_update_peers_state (self);

  /* The focused block went away: keep the keyboard near where it was. */
  if (had_focus)
    {
      if (self->blocks->len > 0)
        np_peer_block_grab_focus (g_ptr_array_index (self->blocks,
                                                     MIN (position, self->blocks->len - 1)));
      else
        gtk_widget_grab_focus (adw_preferences_group_get_header_suffix (self->peers_group));
    }
}

/* A peer of @group with nothing selected yet, as np_policy_rule_new_for_group()
 * makes them. (transfer full) */
static NpPolicyPeer *
np_rule_editor_new_peer (NpRuleEditor *self)
{
  g_autoptr(NpPolicyRule) scratch = np_policy_rule_new_for_group (self->direction, self->group);

  return g_list_model_get_item (np_policy_rule_get_peers (scratch), 0);
}

static void
np_rule_editor_add_peer (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NpRuleEditor *self = NP_RULE_EDITOR (widget);
  g_autoptr(NpPolicyPeer) peer = np_rule_editor_new_peer (self);

  np_policy_rule_add_peer (self->copy, peer);
  np_peer_block_grab_focus (g_ptr_array_index (self->blocks, self->blocks->len - 1));
}

static void
np_rule_editor_apply (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NpRuleEditor *self = NP_RULE_EDITOR (widget);
  gboolean committed = TRUE;
  const char *ports_text;

  /* Terms typed but not yet entered are meant: add them first. */
  for (guint i = 0; i < self->blocks->len; i++)
    committed &= np_peer_block_commit (g_ptr_array_index (self->blocks, i));
  if (!committed)
    return;

  if (!np_rule_editor_is_valid (self))
    return;

  ports_text = gtk_editable_get_text (GTK_EDITABLE (self->ports_row));

  if (self->rule == NULL)
    {
      g_list_store_append (G_LIST_STORE (np_policy_get_rules (self->policy, self->direction)),
                           self->copy);
    }
  else
    {
      gboolean ports_dirty = g_strcmp0 (ports_text, self->initial_ports) != 0;

      /* Untouched parts are left alone, so that they keep their YAML as
       * written; the rest is replaced in one change, so one undo step. */
      np_policy_begin_change (self->policy);
      if (self->peers_dirty)
        {
          GListModel *peers = np_policy_rule_get_peers (self->copy);
          guint n = g_list_model_get_n_items (peers);
          g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
          GListStore *target = G_LIST_STORE (np_policy_rule_get_peers (self->rule));

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);

              g_ptr_array_add (items, np_policy_peer_copy (peer));
            }
          g_list_store_splice (target, 0, g_list_model_get_n_items (G_LIST_MODEL (target)),
                               items->pdata, items->len);
        }
      if (ports_dirty)
        {
          GListModel *ports = np_policy_rule_get_ports (self->copy);
          guint n = g_list_model_get_n_items (ports);
          g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
          GListStore *target = G_LIST_STORE (np_policy_rule_get_ports (self->rule));

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);

              g_ptr_array_add (items, np_policy_port_copy (port));
            }
          g_list_store_splice (target, 0, g_list_model_get_n_items (G_LIST_MODEL (target)),
                               items->pdata, items->len);
        }
      np_policy_end_change (self->policy);
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
np_rule_editor_remove (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NpRuleEditor *self = NP_RULE_EDITOR (widget);
  GListStore *rules;
  guint position;

  if (self->rule == NULL)
    return;

  rules = G_LIST_STORE (np_policy_get_rules (self->policy, self->direction));
  if (g_list_store_find (rules, self->rule, &position))
    {
      np_policy_begin_change (self->policy);
      g_list_store_remove (rules, position);
      np_policy_end_change (self->policy);
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
np_rule_editor_dispose (GObject *object)
{
  NpRuleEditor *self = NP_RULE_EDITOR (object);

  if (self->copy != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->copy, self);
      g_signal_handlers_disconnect_by_data (np_policy_rule_get_peers (self->copy), self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_RULE_EDITOR);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->copy);
  g_clear_object (&self->rule);
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (np_rule_editor_parent_class)->dispose (object);
}

static void
np_rule_editor_finalize (GObject *object)
{
  NpRuleEditor *self = NP_RULE_EDITOR (object);

  g_free (self->initial_ports);

  G_OBJECT_CLASS (np_rule_editor_parent_class)->finalize (object);
}

static void
np_rule_editor_class_init (NpRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_rule_editor_dispose;
  object_class->finalize = np_rule_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, apply_button);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, summary_note);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, peers_group);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, peers_box);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, no_peers_label);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, ports_row);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, ports_message);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, NpRuleEditor, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, np_rule_editor_ports_changed);

  gtk_widget_class_install_action (widget_class, "rule.apply", NULL, np_rule_editor_apply);
  gtk_widget_class_install_action (widget_class, "rule.add-peer", NULL, np_rule_editor_add_peer);
  gtk_widget_class_install_action (widget_class, "rule.remove", NULL, np_rule_editor_remove);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "rule.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "rule.apply", NULL);
}

static void
np_rule_editor_init (NpRuleEditor *self)
{
  g_type_ensure (NP_TYPE_SELECTOR_EDITOR);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->blocks = g_ptr_array_new_with_free_func (NULL);
  self->ports_ok = TRUE;
  fix_button_name (self->cancel_button);
  fix_button_name (self->remove_button);
}

/**
 * np_rule_editor_new:
 * @parent: (nullable): the window the dialog is modal for
 * @policy: the policy the rule is (or will be) part of
 * @direction: the rule's direction
 * @rule: (nullable): the rule to edit, or NULL to add one
 * @group: for a new rule, the kind of its first peer
 *
 * Returns: (transfer none): the dialog, not yet shown: present it. It
 * destroys itself when closed.
 */
NpRuleEditor *
np_rule_editor_new (GtkWindow    *parent,
                    NpPolicy     *policy,
                    NpDirection   direction,
                    NpPolicyRule *rule,
                    NpPeerGroup   group)
{
  NpRuleEditor *self;
  GListModel *peers;
  gboolean ingress = direction == NP_DIRECTION_INGRESS;
  const char *name;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);
  g_return_val_if_fail (rule == NULL || NP_IS_POLICY_RULE (rule), NULL);
  g_return_val_if_fail (rule == NULL || np_policy_rule_get_direction (rule) == direction, NULL);

  self = g_object_new (NP_TYPE_RULE_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->policy = g_object_ref (policy);
  self->direction = direction;
  self->group = group;

  if (rule != NULL)
    {
      g_autoptr(NpPolicyPeer) first = NULL;

      self->rule = g_object_ref (rule);
      self->copy = np_policy_rule_copy (rule);

      /* "Add peer" adds what the rule is mostly about. */
      first = g_list_model_get_item (np_policy_rule_get_peers (rule), 0);
      self->group = first != NULL ? np_peer_get_group (first) : NP_PEER_GROUP_NAMESPACE;
    }
  else
    self->copy = np_policy_rule_new_for_group (direction, group);

  if (rule == NULL)
    adw_window_title_set_title (self->window_title,
                                ingress ? _("Add Ingress Rule") : _("Add Egress Rule"));
  else
    adw_window_title_set_title (self->window_title,
                                ingress ? _("Edit Ingress Rule") : _("Edit Egress Rule"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  name = np_policy_get_name (policy);
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");

  /* A labelled button's accessible name is its label. */
  gtk_button_set_label (self->apply_button, rule == NULL ? _("_Add Rule") : _("_Apply"));
  fix_button_name (self->apply_button);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), rule != NULL);

  adw_preferences_group_set_description (self->peers_group,
                                         ingress
                                         ? _("Traffic matches when it comes from any of these.")
                                         : _("Traffic matches when it goes to any of these."));
  gtk_label_set_text (self->no_peers_label,
                      ingress
                      ? _("No peers: traffic from every source matches, inside the cluster and out.")
                      : _("No peers: traffic to every destination matches, inside the cluster and out."));

  peers = np_policy_rule_get_peers (self->copy);
  np_rule_editor_peers_changed (self, 0, 0, g_list_model_get_n_items (peers), peers);
  g_signal_connect_object (peers, "items-changed",
                           G_CALLBACK (np_rule_editor_peers_changed),
                           self, G_CONNECT_SWAPPED);

  self->initial_ports = np_policy_port_format_list (np_policy_rule_get_ports (self->copy), NP_PORT_SYNTAX_KUBERNETES);
  gtk_editable_set_text (GTK_EDITABLE (self->ports_row), self->initial_ports);
  np_rule_editor_ports_changed (self);

  self->peers_dirty = FALSE;
  g_signal_connect_object (self->copy, "changed",
                           G_CALLBACK (np_rule_editor_copy_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (policy, "changed",
                           G_CALLBACK (np_rule_editor_update_summary),
                           self, G_CONNECT_SWAPPED);
  np_rule_editor_update_summary (self);

  /* Start where the typing starts, rather than on the Cancel button. */
  if (self->blocks->len > 0)
    gtk_widget_grab_focus (np_peer_block_get_first_field (g_ptr_array_index (self->blocks, 0)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->ports_row));

  return self;
}
