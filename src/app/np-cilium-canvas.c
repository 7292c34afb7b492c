/* np-cilium-canvas.c: the canvas of a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-canvas.h"
#include "np-cilium-canvas.h"
#include "np-cilium-describe.h"
#include "np-cilium-edit.h"
#include "np-cilium-policy.h"
#include "np-cilium-rule-editor.h"
#include "np-cilium-rule.h"
#include "np-columns.h"
#include "np-edges.h"
#include "np-export.h"
#include "np-label-selector.h"
#include "np-tooltip.h"
#include "np-wrap-label.h"

struct _NpCiliumCanvas
{
  GtkWidget       parent_instance;

  NpCiliumPolicy *policy;

  /* Template widgets */
  GtkWidget      *parts[3];              /* ingress side, centre card, egress side */
  GtkWidget      *kind_label;
  GtkWidget      *rule_dropdown;
  GtkStringList  *rule_names;
  guint           rule_index;            /* the rule shown: views are made afresh on undo */
  GtkWidget      *subject_box;
  GtkWidget      *subject_heading;
  GtkWidget      *subject_entry;
  GtkWidget      *name_entry;
  GtkWidget      *namespace_row;
  GtkWidget      *namespace_entry;
  GtkWidget      *deny_switch[2];        /* by NpDirection */
  GtkWidget      *group_cards[2][3];     /* by NpDirection, NpPeerGroup */
  GtkWidget      *group_headers[2][3];
  GtkWidget      *group_adds[2][3];
  GtkWidget      *group_lists[2][3];
  GtkWidget      *verdicts[2][3];
  GtkWidget      *group_defaults[2][3];  /* the group as a whole, as on the Kubernetes canvas */
  GtkWidget      *group_titles[2][3];
  GtkWidget      *dns_check;
  GtkWidget      *dns_proxy_check;
  gboolean        updating;
  gboolean        compact;               /* one column: no room for edges */
};

G_DEFINE_FINAL_TYPE (NpCiliumCanvas, np_cilium_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The words of the Kubernetes canvas, so that both read alike. */
static const char * const default_titles[] = { N_("Any endpoint"), N_("Any pod"), N_("Everything in the cluster") };

static const char * const verdict_classes[] = {
  [NP_RULE_EFFECT_ALLOWED] = "allowed",
  [NP_RULE_EFFECT_PARTIAL] = "partial",
  [NP_RULE_EFFECT_DENIED] = "denied",
  [NP_RULE_EFFECT_IGNORED] = "ignored",
};

/* A row's verdict: its colour (CSS), its edge (np-verdict) and, for
 * those who do not see either, its accessible description. */
static void
set_row_verdict (GtkWidget  *row,
                 NpRuleEffect   verdict,
                 const char *title,
                 const char *description)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdict_classes); i++)
    gtk_widget_remove_css_class (row, verdict_classes[i]);
  gtk_widget_add_css_class (row, verdict_classes[verdict]);
  g_object_set_data (G_OBJECT (row), "np-verdict", GINT_TO_POINTER (verdict));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The accessible names the Kubernetes canvas uses, so both read alike. */
static char *
add_button_name (NpDirection direction, NpPeerGroup group)
{
  static const char *groups[] = { N_("outside cluster"), N_("in namespace"), N_("in cluster") };

  if (direction == NP_DIRECTION_INGRESS)
    /* Translators: %s is a group of peers, "outside cluster" */
    return g_strdup_printf (_("Add ingress rule: %s"), _(groups[group]));
  /* Translators: %s is a group of peers, "outside cluster" */
  return g_strdup_printf (_("Add egress rule: %s"), _(groups[group]));
}

/* (transfer none) (nullable) the rule shown; the policy's list keeps it */
static NpCiliumRule *
current_rule (NpCiliumCanvas *self)
{
  GListModel *rules;
  g_autoptr(NpCiliumRule) rule = NULL;

  if (self->policy == NULL)
    return NULL;
  rules = np_cilium_policy_get_rules (self->policy);
  if (g_list_model_get_n_items (rules) == 0)
    return NULL;
  rule = g_list_model_get_item (rules, MIN (self->rule_index, g_list_model_get_n_items (rules) - 1));
  return rule;
}

/* (transfer none) the rule an edit goes to: the one shown, or a first rule
 * made now; callers wrap both in one change, so they are one undo step. */
static NpCiliumRule *
edited_rule (NpCiliumCanvas *self)
{
  NpCiliumRule *rule = current_rule (self);

  return rule != NULL ? rule : np_cilium_edit_ensure_rule (self->policy);
}

/* Items -------------------------------------------------------------------- */

static void
on_remove_clicked (GtkButton *button, NpCiliumCanvas *self)
{
  NpCiliumRuleEntry *entry = g_object_get_data (G_OBJECT (button), "np-entry");

  if (entry != NULL && self->policy != NULL)
    np_cilium_edit_remove_entry (entry);
}

static void
on_edit_clicked (GtkButton *button, NpCiliumCanvas *self)
{
  NpCiliumRuleEntry *entry = g_object_get_data (G_OBJECT (button), "np-entry");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  NpCiliumRuleEditor *editor;

  if (entry == NULL || self->policy == NULL || np_cilium_rule_entry_get_rule (entry) == NULL)
    return;
  editor = np_cilium_rule_editor_new_for_entry (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, entry);
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
on_delete_key (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NpCiliumCanvas *self = user_data;
  NpCiliumRuleEntry *entry = g_object_get_data (G_OBJECT (widget), "np-entry");

  if (entry == NULL || self->policy == NULL || np_cilium_rule_entry_get_rule (entry) == NULL)
    return FALSE;
  np_cilium_edit_remove_entry (entry);
  return TRUE;
}

static const char * const port_protocols[] = { "TCP", "UDP", "SCTP", "ANY", NULL };

typedef struct {
  NpCiliumCanvas    *self;
  NpCiliumRuleEntry *entry;
  char              *port;
  const char        *protocol;
} PendingPort;

/* Runs once the popover is gone: the edit rebuilds the rows, and with them
 * the menu button the popover belongs to. */
static gboolean
add_port_idle (gpointer data)
{
  PendingPort *pending = data;

  if (pending->self->policy != NULL && np_cilium_rule_entry_get_rule (pending->entry) != NULL)
    np_cilium_edit_add_port (pending->entry, pending->port, pending->protocol);
  g_object_unref (pending->self);
  g_object_unref (pending->entry);
  g_free (pending->port);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
on_add_port (GtkWidget *button, NpCiliumCanvas *self)
{
  NpCiliumRuleEntry *entry = g_object_get_data (G_OBJECT (button), "np-entry");
  GtkWidget *port_entry = g_object_get_data (G_OBJECT (button), "np-port-entry");
  GtkWidget *protocol = g_object_get_data (G_OBJECT (button), "np-protocol");
  const char *port = gtk_editable_get_text (GTK_EDITABLE (port_entry));
  PendingPort *pending;
  guint64 number;

  if (self->policy == NULL || entry == NULL)
    return;
  /* A number 1..65535 or a name (IANA_SVC_NAME: letters first). */
  if (*port == '\0' ||
      (g_ascii_isdigit (*port) && !g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL)))
    {
      gtk_widget_add_css_class (port_entry, "error");
      return;
    }
  gtk_widget_remove_css_class (port_entry, "error");
  pending = g_new0 (PendingPort, 1);
  pending->self = g_object_ref (self);
  pending->entry = g_object_ref (entry);
  pending->port = g_strdup (port);
  for (GtkWidget *toggle = gtk_widget_get_first_child (protocol); toggle != NULL; toggle = gtk_widget_get_next_sibling (toggle))
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
      pending->protocol = g_object_get_data (G_OBJECT (toggle), "np-protocol");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER)));
  g_idle_add (add_port_idle, pending);
}

/* A menu button whose popover takes one more port for @entry. */
static GtkWidget *
port_button_new (NpCiliumCanvas *self, NpCiliumRuleEntry *entry, const char *title)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *port = gtk_entry_new ();
  /* A drop-down's own popover inside this popover gets torn down with the
   * row on every change; toggle buttons are plain widgets. */
  GtkWidget *protocol = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *first = NULL;

  gtk_widget_add_css_class (protocol, "linked");
  for (guint i = 0; port_protocols[i] != NULL; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (port_protocols[i]);

      if (first == NULL)
        first = toggle;
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), GTK_TOGGLE_BUTTON (first));
      g_object_set_data (G_OBJECT (toggle), "np-protocol", (gpointer) port_protocols[i]);
      gtk_box_append (GTK_BOX (protocol), toggle);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (first), TRUE);
  GtkWidget *add = gtk_button_new_with_label (_("Add Port"));
  g_autofree char *name = g_strdup_printf (_("Add port to %s"), title);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  np_tooltip_set_text (button, _("Add a port"));
  gtk_widget_add_css_class (button, NP_EDIT_CONTROL_CLASS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (port), "443");
  gtk_editable_set_width_chars (GTK_EDITABLE (port), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (port), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Port"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (protocol), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Protocol"), -1);
  gtk_widget_add_css_class (add, "suggested-action");
  g_object_set_data_full (G_OBJECT (add), "np-entry", g_object_ref (entry), g_object_unref);
  g_object_set_data (G_OBJECT (add), "np-port-entry", port);
  g_object_set_data (G_OBJECT (add), "np-protocol", protocol);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_port), self);
  g_signal_connect_swapped (port, "activate", G_CALLBACK (gtk_widget_activate), add);
  gtk_box_append (GTK_BOX (box), port);
  gtk_box_append (GTK_BOX (box), protocol);
  gtk_box_append (GTK_BOX (box), add);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static GtkWidget *
item_row_new (NpCiliumCanvas *self, NpCiliumRuleEntry *entry)
{
  NpCiliumSection section = np_cilium_rule_entry_get_section (entry);
  gboolean deny = np_cilium_section_is_deny (section);
  g_autofree char *peers = np_cilium_describe_peers (entry);
  g_autofree char *ports = np_cilium_describe_ports (entry);
  g_autofree char *title = deny ? g_strdup_printf (_("Deny: %s"), peers) : g_strdup (peers);
  g_autofree char *remove_name = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  /* Not GtkLabels: see np-wrap-label.c. */
  GtkWidget *label = np_wrap_label_new ("title");
  GtkWidget *ports_label = np_wrap_label_new ("subtitle");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *edit = gtk_button_new ();
  GtkEventController *shortcuts;
  g_autofree char *edit_name = NULL;
  NpRuleEffect verdict;

  gtk_widget_add_css_class (row, "np-cilium-item");
  gtk_widget_add_css_class (row, "np-item");
  if (deny)
    gtk_widget_add_css_class (row, "np-deny");
  np_wrap_label_set_text (NP_WRAP_LABEL (label), title);
  np_wrap_label_set_text (NP_WRAP_LABEL (ports_label), ports);
  gtk_widget_add_css_class (ports_label, "caption");
  /* As on the Kubernetes canvas: a long title takes a few lines at most. */
  np_wrap_label_set_lines (NP_WRAP_LABEL (label), 3);
  if (g_utf8_strlen (title, -1) > 40)
    np_tooltip_set_text (label, title);
  gtk_widget_set_hexpand (edit, TRUE);
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (texts), ports_label);
  /* Click or Enter edits the item in place; Delete removes it. */
  edit_name = g_strdup_printf (_("Edit %s"), title);
  gtk_button_set_child (GTK_BUTTON (edit), texts);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (edit, "np-cilium-item-edit");
  np_tooltip_set_text (edit, _("Edit this item (Delete removes it)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);
  g_object_set_data_full (G_OBJECT (edit), "np-entry", g_object_ref (entry), g_object_unref);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked), self);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                                                          gtk_callback_action_new (on_delete_key, self, NULL)));
  gtk_widget_add_controller (edit, shortcuts);
  gtk_box_append (GTK_BOX (row), edit);
  /* Ports belong to allow items and deny items alike; L7 rules stay as they are. */
  gtk_box_append (GTK_BOX (row), port_button_new (self, entry, title));

  remove_name = g_strdup_printf (_("Remove %s"), title);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  np_tooltip_set_text (remove, _("Remove this item"));
  gtk_widget_add_css_class (remove, NP_EDIT_CONTROL_CLASS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "np-entry", g_object_ref (entry), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (GTK_BOX (row), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  /* The edge's colour, for those who do not see it. */
  verdict = np_cilium_entry_get_verdict (entry);
  set_row_verdict (row, verdict == NP_RULE_EFFECT_DENIED ? NP_RULE_EFFECT_DENIED : NP_RULE_EFFECT_ALLOWED, title,
                   verdict == NP_RULE_EFFECT_DENIED ? _("Denied") : _("Allowed"));
  return row;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* Where the keyboard focus is among the item rows: the group's list and the
 * row's place in it, or FALSE when it is elsewhere. */
static gboolean
find_focused_row (NpCiliumCanvas *self,
                  guint          *direction,
                  guint          *group,
                  guint          *position)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint d = 0; focus != NULL && d < 2; d++)
    for (guint g = 0; g < 3; g++)
      {
        GtkWidget *list = self->group_lists[d][g];
        GtkWidget *row = focus;

        if (!gtk_widget_is_ancestor (focus, list))
          continue;
        while (gtk_widget_get_parent (row) != list)
          row = gtk_widget_get_parent (row);
        *direction = d;
        *group = g;
        *position = 0;
        for (GtkWidget *child = gtk_widget_get_first_child (list); child != row;
             child = gtk_widget_get_next_sibling (child))
          (*position)++;
        return TRUE;
      }
  return FALSE;
}

/* The rows are made afresh on every change: the focus goes to the row that
 * took the focused one's place, the one above when it was the last, or the
 * group's add button when none is left, so that Delete, undo and the keys
 * that follow keep working where the person was. */
static void
restore_focus (NpCiliumCanvas *self,
               guint           direction,
               guint           group,
               guint           position)
{
  GtkWidget *list = self->group_lists[direction][group];
  GtkWidget *row = gtk_widget_get_first_child (list);

  for (guint i = 0; row != NULL && i < position && gtk_widget_get_next_sibling (row) != NULL; i++)
    row = gtk_widget_get_next_sibling (row);
  if (row != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (row));
  else
    gtk_widget_grab_focus (self->group_adds[direction][group]);
}

static void
rebuild_items (NpCiliumCanvas *self)
{
  NpCiliumRule *rule = current_rule (self);
  guint focus_direction = 0, focus_group = 0, focus_position = 0;
  gboolean had_focus = find_focused_row (self, &focus_direction, &focus_group, &focus_position);

  for (guint d = 0; d < 2; d++)
    for (guint g = 0; g < 3; g++)
      clear_box (self->group_lists[d][g]);
  if (rule == NULL)
    return;

  for (NpCiliumSection section = 0; section < NP_CILIUM_N_SECTIONS; section++)
    {
      GListModel *entries = np_cilium_rule_get_entries (rule, section);
      NpDirection direction = np_cilium_section_get_direction (section);

      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
          NpPeerGroup group;

          /* Empty items only switch default deny on: the switch shows them;
           * Kubernetes DNS has its own check button. */
          if (np_cilium_entry_is_placeholder (entry))
            continue;
          if (np_cilium_entry_is_kube_dns (entry))
            continue;
          group = np_cilium_entry_get_group (self->policy, entry);
          gtk_box_append (GTK_BOX (self->group_lists[direction][group]), item_row_new (self, entry));
        }
    }
  if (had_focus)
    restore_focus (self, focus_direction, focus_group, focus_position);
}

/* Centre card -------------------------------------------------------------- */

static void
set_entry_text (GtkWidget *entry, const char *text)
{
  /* Never rewrite what the person is typing. */
  if (gtk_widget_has_focus (entry) || gtk_widget_is_focus (entry) ||
      gtk_widget_has_focus (gtk_widget_get_first_child (entry)))
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static void
update_subject (NpCiliumCanvas *self)
{
  NpCiliumRule *rule = current_rule (self);
  g_autoptr(NpLabelSelector) selector = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) terms = NULL;

  clear_box (self->subject_box);
  if (rule != NULL)
    selector = np_cilium_rule_is_host_policy (rule) ? np_cilium_rule_get_node_selector (rule)
                                                    : np_cilium_rule_get_endpoint_selector (rule);
  text = selector ? np_label_selector_to_string (selector) : NULL;
  set_entry_text (self->subject_entry, text);
  /* A host policy selects nodes (nodeSelector), every other one pods. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->subject_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rule != NULL && np_cilium_rule_is_host_policy (rule)
                                  ? _("Node selector") : _("Endpoint selector"), -1);
  gtk_label_set_text (GTK_LABEL (self->subject_heading),
                      rule != NULL && np_cilium_rule_is_host_policy (rule) ? _("Applies to nodes") : _("Applies to pods"));
  terms = g_strsplit (text ? text : "", ",", -1);
  if (terms[0] == NULL || *text == '\0')
    {
      GtkWidget *chip = gtk_label_new (rule != NULL && np_cilium_rule_is_host_policy (rule)
                                       ? _("all nodes")
                                       : np_cilium_policy_is_clusterwide (self->policy)
                                       ? _("all pods of the cluster") : _("all pods of the namespace"));

      gtk_widget_add_css_class (chip, "np-chip");
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (self->subject_box), chip);
    }
  for (guint i = 0; terms[0] != NULL && *text != '\0' && terms[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (terms[i]));
      GtkWidget *chip = gtk_label_new (stripped);

      gtk_widget_add_css_class (chip, "np-chip");
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (self->subject_box), chip);
    }
}

/* The verdict comes from the core; the colour says it at a glance. */
static void
update_verdicts (NpCiliumCanvas *self)
{
  for (NpDirection d = NP_DIRECTION_INGRESS; d <= NP_DIRECTION_EGRESS; d++)
    for (NpPeerGroup g = NP_PEER_GROUP_OUTSIDE; g <= NP_PEER_GROUP_CLUSTER; g++)
      {
        GtkWidget *label = self->verdicts[d][g];
        NpRuleEffect verdict = np_cilium_edit_rule_get_group_verdict (current_rule (self), d, g);

        switch (verdict)
          {
          case NP_RULE_EFFECT_ALLOWED:
            gtk_label_set_text (GTK_LABEL (label), _("Allowed"));
            break;
          case NP_RULE_EFFECT_PARTIAL:
            gtk_label_set_text (GTK_LABEL (label), _("Only the items below are allowed"));
            break;
          case NP_RULE_EFFECT_DENIED:
          case NP_RULE_EFFECT_IGNORED:
          default:
            verdict = NP_RULE_EFFECT_DENIED;
            gtk_label_set_text (GTK_LABEL (label), _("Denied"));
            break;
          }
        set_row_verdict (self->group_defaults[d][g], verdict, _(default_titles[g]),
                         gtk_label_get_text (GTK_LABEL (label)));
      }
}

static void update_all (NpCiliumCanvas *self);

/* The rule switcher: each rule by what it applies to, then "Add rule". */
static void
update_rules (NpCiliumCanvas *self)
{
  GListModel *rules = np_cilium_policy_get_rules (self->policy);
  guint n = g_list_model_get_n_items (rules);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean changed = FALSE;

  if (n > 0 && self->rule_index >= n)
    self->rule_index = n - 1;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, i);
      g_autofree char *subject = np_cilium_describe_rule (rule);

      /* Translators: a rule of a Cilium policy: its number, what it applies to */
      g_ptr_array_add (names, g_strdup_printf (_("Rule %u: %s"), i + 1, subject));
    }
  g_ptr_array_add (names, g_strdup (_("Add rule")));
  /* Only when they changed: a new list closes the drop-down's popover and
   * loses its selection. */
  for (guint i = 0; i < names->len && !changed; i++)
    changed = g_strcmp0 (gtk_string_list_get_string (self->rule_names, i), g_ptr_array_index (names, i)) != 0;
  changed |= g_list_model_get_n_items (G_LIST_MODEL (self->rule_names)) != names->len;
  g_ptr_array_add (names, NULL);
  if (changed)
    gtk_string_list_splice (self->rule_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rule_names)),
                            (const char * const *) names->pdata);
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->rule_dropdown)) != (n > 0 ? self->rule_index : GTK_INVALID_LIST_POSITION))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->rule_dropdown), n > 0 ? self->rule_index : GTK_INVALID_LIST_POSITION);
}

static void
on_rule_selected (GtkDropDown *dropdown, GParamSpec *pspec, NpCiliumCanvas *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint n;

  if (self->updating || self->policy == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  n = g_list_model_get_n_items (np_cilium_policy_get_rules (self->policy));
  if (selected >= n)
    {
      /* "Add rule": the new rule is the one shown; the edit updates all. */
      self->rule_index = n;
      np_cilium_edit_add_rule (self->policy);
      return;
    }
  if (selected == self->rule_index)
    return;
  self->rule_index = selected;
  update_all (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The Kubernetes DNS option says what the rule it stands for allows (it
 * keeps the protocols the rule was written with). */
static void
update_dns_description (NpCiliumCanvas *self)
{
  g_autofree char *rules = np_cilium_describe_dns (current_rule (self));
  const char *text = rules != NULL ? rules : _("Allow DNS queries to kube-dns in kube-system on port 53, UDP and TCP");

  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->dns_check), text) == 0)
    return;
  gtk_widget_set_tooltip_text (self->dns_check, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dns_check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
update_all (NpCiliumCanvas *self)
{
  gboolean proxy = FALSE, dns;

  if (self->policy == NULL)
    return;
  self->updating = TRUE;
  gtk_label_set_text (GTK_LABEL (self->kind_label), np_cilium_policy_get_kind (self->policy));
  set_entry_text (self->name_entry, np_cilium_policy_get_name (self->policy));
  set_entry_text (self->namespace_entry, np_cilium_policy_get_namespace (self->policy));
  /* A clusterwide policy has no namespace. */
  gtk_widget_set_visible (self->namespace_row, !np_cilium_policy_is_clusterwide (self->policy));
  update_rules (self);
  update_subject (self);
  for (NpDirection d = NP_DIRECTION_INGRESS; d <= NP_DIRECTION_EGRESS; d++)
    gtk_switch_set_active (GTK_SWITCH (self->deny_switch[d]),
                           np_cilium_edit_rule_get_default_deny (current_rule (self), d));
  dns = np_cilium_edit_rule_get_dns (current_rule (self), &proxy);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->dns_check), dns);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->dns_proxy_check), proxy);
  gtk_widget_set_sensitive (self->dns_proxy_check, dns);
  update_dns_description (self);
  rebuild_items (self);
  update_verdicts (self);
  self->updating = FALSE;
}

static void
on_policy_changed (NpCiliumCanvas *self)
{
  update_all (self);
}

static void
on_name_changed (GtkEditable *editable, NpCiliumCanvas *self)
{
  if (self->updating || self->policy == NULL)
    return;
  np_cilium_policy_set_name (self->policy, gtk_editable_get_text (editable));
}

static void
on_namespace_changed (GtkEditable *editable, NpCiliumCanvas *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->updating || self->policy == NULL)
    return;
  np_cilium_policy_set_namespace (self->policy, *text != '\0' ? text : NULL);
}

static void
on_subject_activate (GtkEntry *entry, NpCiliumCanvas *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NpLabelSelector) selector = NULL;

  if (self->policy == NULL)
    return;
  selector = np_label_selector_new_from_string (gtk_editable_get_text (GTK_EDITABLE (entry)), &error);
  if (selector == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), _("Labels of the pods this policy applies to, such as app=web, tier in (a,b); press Enter to apply"));
  np_cilium_policy_begin_change (self->policy);
  np_cilium_edit_rule_set_subject (edited_rule (self), selector);
  np_cilium_policy_end_change (self->policy);
}

static void
on_deny_switched (GtkSwitch *sw, GParamSpec *pspec, NpCiliumCanvas *self)
{
  NpDirection direction = sw == GTK_SWITCH (self->deny_switch[NP_DIRECTION_INGRESS])
                          ? NP_DIRECTION_INGRESS : NP_DIRECTION_EGRESS;

  if (self->updating || self->policy == NULL)
    return;
  /* No rule is made only to say there is no default deny. */
  if (current_rule (self) == NULL && !gtk_switch_get_active (sw))
    return;
  np_cilium_policy_begin_change (self->policy);
  np_cilium_edit_rule_set_default_deny (edited_rule (self), direction, gtk_switch_get_active (sw));
  np_cilium_policy_end_change (self->policy);
}

static void
on_dns_toggled (GtkCheckButton *button, NpCiliumCanvas *self)
{
  gboolean allowed = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->dns_check));
  gboolean proxy = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->dns_proxy_check));

  if (self->updating || self->policy == NULL)
    return;
  /* No rule is made only to say there is no DNS. */
  if (current_rule (self) == NULL && !allowed)
    return;
  np_cilium_policy_begin_change (self->policy);
  np_cilium_edit_rule_set_dns (edited_rule (self), allowed, allowed && proxy);
  np_cilium_policy_end_change (self->policy);
}

static void
on_add_clicked (GtkButton *button, NpCiliumCanvas *self)
{
  NpDirection direction = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "np-direction"));
  NpPeerGroup group = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "np-group"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  NpCiliumRuleEditor *editor;

  if (self->policy == NULL)
    return;
  editor = np_cilium_rule_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->policy, current_rule (self), direction, group);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Layout: np-columns.c, shared with the other canvas of the same shape. */

static GtkSizeRequestMode
np_cilium_canvas_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
np_cilium_canvas_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  np_columns_measure (NP_CILIUM_CANVAS (widget)->parts, orientation, for_size, minimum, natural);
}

static void
np_cilium_canvas_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  NpCiliumCanvas *self = NP_CILIUM_CANVAS (widget);

  self->compact = np_columns_allocate (self->parts, NP_COLUMNS_NONE, width, height);
}

/* Edges ------------------------------------------------------------------- */

/* Each item's edge leaves its group's card at the border facing the centre
 * card; the verdict is the core's (np_cilium_entry_get_verdict()). */
static void
draw_side (NpCiliumCanvas        *self,
           GtkSnapshot           *snapshot,
           NpDirection            direction,
           const graphene_rect_t *centre)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, TRUE, sizeof (NpEdge));

  for (NpPeerGroup g = NP_PEER_GROUP_OUTSIDE; g <= NP_PEER_GROUP_CLUSTER; g++)
    {
      graphene_rect_t card;
      double card_x;

      if (!gtk_widget_compute_bounds (self->group_cards[direction][g], GTK_WIDGET (self), &card))
        continue;
      card_x = direction == NP_DIRECTION_INGRESS ? card.origin.x + card.size.width : card.origin.x;
      np_edges_append (edges, GTK_WIDGET (self), self->group_defaults[direction][g], card_x,
                       GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->group_defaults[direction][g]), "np-verdict")));
      for (GtkWidget *row = gtk_widget_get_first_child (self->group_lists[direction][g]);
           row != NULL; row = gtk_widget_get_next_sibling (row))
        np_edges_append (edges, GTK_WIDGET (self), row, card_x,
                         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "np-verdict")));
    }
  np_edges_draw_side (GTK_WIDGET (self), snapshot, edges, direction, centre);
}

static void
np_cilium_canvas_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  NpCiliumCanvas *self = NP_CILIUM_CANVAS (widget);
  graphene_rect_t centre;

  if (self->policy != NULL && !self->compact &&
      gtk_widget_compute_bounds (self->parts[NP_COLUMN_CENTRE], widget, &centre))
    {
      draw_side (self, snapshot, NP_DIRECTION_INGRESS, &centre);
      draw_side (self, snapshot, NP_DIRECTION_EGRESS, &centre);
    }

  /* The cards go over the edges, which then end exactly at their borders. */
  GTK_WIDGET_CLASS (np_cilium_canvas_parent_class)->snapshot (widget, snapshot);

  if (self->policy != NULL && self->compact)
    for (guint d = 0; d < 2; d++)
      for (guint g = 0; g < 3; g++)
        {
          np_edges_draw_bar (widget, snapshot, self->group_defaults[d][g],
                             GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->group_defaults[d][g]), "np-verdict")));
          for (GtkWidget *row = gtk_widget_get_first_child (self->group_lists[d][g]);
               row != NULL; row = gtk_widget_get_next_sibling (row))
            np_edges_draw_bar (widget, snapshot, row,
                               GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "np-verdict")));
        }
}

static void
np_cilium_canvas_style_changed (NpCiliumCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
np_cilium_canvas_dispose (GObject *object)
{
  NpCiliumCanvas *self = NP_CILIUM_CANVAS (object);

  np_cilium_canvas_set_policy (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_CILIUM_CANVAS);
  G_OBJECT_CLASS (np_cilium_canvas_parent_class)->dispose (object);
}

static void
np_cilium_canvas_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NpCiliumCanvas *self = NP_CILIUM_CANVAS (object);

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
np_cilium_canvas_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NpCiliumCanvas *self = NP_CILIUM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_cilium_canvas_set_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_cilium_canvas_class_init (NpCiliumCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_cilium_canvas_dispose;
  object_class->get_property = np_cilium_canvas_get_property;
  object_class->set_property = np_cilium_canvas_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, NP_TYPE_CILIUM_POLICY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->get_request_mode = np_cilium_canvas_get_request_mode;
  widget_class->measure = np_cilium_canvas_measure;
  widget_class->size_allocate = np_cilium_canvas_size_allocate;
  widget_class->snapshot = np_cilium_canvas_snapshot;
  gtk_widget_class_set_css_name (widget_class, "np-cilium-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-cilium-canvas.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "ingress_side", FALSE,
                                             G_STRUCT_OFFSET (NpCiliumCanvas, parts) + NP_COLUMN_INGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "centre_card", FALSE,
                                             G_STRUCT_OFFSET (NpCiliumCanvas, parts) + NP_COLUMN_CENTRE * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "egress_side", FALSE,
                                             G_STRUCT_OFFSET (NpCiliumCanvas, parts) + NP_COLUMN_EGRESS * sizeof (GtkWidget *));
  for (guint d = 0; d < 2; d++)
    {
      static const char *directions[] = { "ingress", "egress" };
      static const char *groups[] = { "outside", "namespace", "cluster" };
      static const struct { const char *suffix; gssize offset; } parts[] = {
        { "card", G_STRUCT_OFFSET (NpCiliumCanvas, group_cards) },
        { "header", G_STRUCT_OFFSET (NpCiliumCanvas, group_headers) },
        { "verdict", G_STRUCT_OFFSET (NpCiliumCanvas, verdicts) },
        { "list", G_STRUCT_OFFSET (NpCiliumCanvas, group_lists) },
        { "add", G_STRUCT_OFFSET (NpCiliumCanvas, group_adds) },
        { "default", G_STRUCT_OFFSET (NpCiliumCanvas, group_defaults) },
        { "title", G_STRUCT_OFFSET (NpCiliumCanvas, group_titles) },
      };

      for (guint g = 0; g < 3; g++)
        for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
          {
            /* The builder keeps the name: it must outlive the class. */
            char *name = g_strdup_printf ("%s_%s_%s", directions[d], groups[g], parts[i].suffix);

            gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (name), FALSE,
                                                       parts[i].offset + (d * 3 + g) * sizeof (GtkWidget *));
            g_free (name);
          }
    }
  gtk_widget_class_bind_template_child_full (widget_class, "ingress_deny_switch", FALSE,
                                             G_STRUCT_OFFSET (NpCiliumCanvas, deny_switch) + NP_DIRECTION_INGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "egress_deny_switch", FALSE,
                                             G_STRUCT_OFFSET (NpCiliumCanvas, deny_switch) + NP_DIRECTION_EGRESS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, kind_label);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, namespace_row);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, namespace_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, rule_names);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, subject_heading);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, subject_box);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, dns_check);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumCanvas, dns_proxy_check);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_namespace_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_deny_switched);
  gtk_widget_class_bind_template_callback (widget_class, on_dns_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
np_cilium_canvas_init (NpCiliumCanvas *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* What the template cannot say: the group titles are the core's, the
   * accessible names those of the Kubernetes canvas. */
  for (NpDirection d = NP_DIRECTION_INGRESS; d <= NP_DIRECTION_EGRESS; d++)
    for (NpPeerGroup g = NP_PEER_GROUP_OUTSIDE; g <= NP_PEER_GROUP_CLUSTER; g++)
      {
        g_autofree char *name = add_button_name (d, g);

        gtk_label_set_text (GTK_LABEL (self->group_headers[d][g]), np_peer_group_get_title (g));
        gtk_label_set_text (GTK_LABEL (self->group_titles[d][g]), _(default_titles[g]));
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->group_adds[d][g]), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        gtk_widget_set_tooltip_text (self->group_adds[d][g], name);
        gtk_widget_add_css_class (self->group_adds[d][g], NP_EDIT_CONTROL_CLASS);
        g_object_set_data (G_OBJECT (self->group_adds[d][g]), "np-direction", GINT_TO_POINTER (d));
        g_object_set_data (G_OBJECT (self->group_adds[d][g]), "np-group", GINT_TO_POINTER (g));
      }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cilium policy canvas"), -1);
  /* The edges take the theme's colours. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (np_cilium_canvas_style_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
np_cilium_canvas_new (void)
{
  return g_object_new (NP_TYPE_CILIUM_CANVAS, NULL);
}

NpCiliumPolicy *
np_cilium_canvas_get_policy (NpCiliumCanvas *self)
{
  g_return_val_if_fail (NP_IS_CILIUM_CANVAS (self), NULL);
  return self->policy;
}

void
np_cilium_canvas_set_policy (NpCiliumCanvas *self,
                             NpCiliumPolicy *policy)
{
  g_return_if_fail (NP_IS_CILIUM_CANVAS (self));
  g_return_if_fail (policy == NULL || NP_IS_CILIUM_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  g_set_object (&self->policy, policy);
  self->rule_index = 0;
  if (policy != NULL)
    {
      /* Like the Kubernetes canvas: another policy shows from its top. */
      np_canvas_scroll_to_top (GTK_WIDGET (self));
      g_signal_connect_object (policy, "changed", G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
      update_all (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

GskRenderNode *
np_cilium_canvas_render_diagram (NpCiliumCanvas *self,
                                 int            *width,
                                 int            *height)
{
  g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *checks[] = { self->dns_check, self->dns_proxy_check };
  GtkAllocation shown;
  GtkSnapshot *snapshot;
  GdkRGBA background;
  int natural;

  g_return_val_if_fail (NP_IS_CILIUM_CANVAS (self), NULL);
  g_return_val_if_fail (width != NULL && height != NULL, NULL);

  gtk_widget_get_allocation (widget, &shown);

  /* As np_canvas_render_diagram(): laid out for the picture alone. A check
   * button that is off only offers a change. */
  np_export_hide_controls (widget, hidden);
  /* The rule chooser says which rule the picture shows only when there
   * are several (its list ends with "Add rule"); with one it is a control. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rule_names)) <= 2)
    {
      GtkWidget *rule_box = gtk_widget_get_parent (self->rule_dropdown);

      gtk_widget_set_visible (rule_box, FALSE);
      g_ptr_array_add (hidden, g_object_ref (rule_box));
    }
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (gtk_widget_get_visible (checks[i]) && !gtk_check_button_get_active (GTK_CHECK_BUTTON (checks[i])))
      {
        gtk_widget_set_visible (checks[i], FALSE);
        g_ptr_array_add (hidden, g_object_ref (checks[i]));
      }
  *width = np_columns_picture_width (self->parts, shown.width);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, *width, NULL, &natural, NULL, NULL);
  *height = *width == shown.width ? MAX (shown.height, natural) : natural;

  gtk_widget_size_allocate (widget, &(GtkAllocation) { 0, 0, *width, *height }, -1);
  snapshot = gtk_snapshot_new ();
  np_export_get_background (widget, &background);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  np_cilium_canvas_snapshot (widget, snapshot);

  np_export_show_controls (hidden);
  gtk_widget_size_allocate (widget, &shown, -1);
  gtk_widget_queue_resize (widget);

  return gtk_snapshot_free_to_node (snapshot);
}
