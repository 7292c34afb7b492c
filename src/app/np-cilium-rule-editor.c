/* np-cilium-rule-editor.c: the dialog that adds an item to a Cilium policy, or edits one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "np-cilium-describe.h"
#include "np-cilium-edit.h"
#include "np-cilium-policy.h"
#include "np-cilium-rule-editor.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-field-message.h"
#include "np-label-selector.h"
#include "np-selector-editor.h"

typedef enum {
  PEER_ENTITY,
  PEER_CIDR,
  PEER_FQDN,
} PeerType;

struct _NpCiliumRuleEditor
{
  AdwWindow       parent_instance;

  NpCiliumPolicy *policy;
  NpCiliumRule   *rule;                  /* nullable: the first rule */
  NpCiliumRuleEntry *entry;              /* nullable: the item edited in place */
  gboolean        editable;              /* whether the editor can show all of @entry */
  gboolean        building;
  NpDirection     direction;
  NpPeerGroup     group;

  /* Template widgets */
  GtkWidget      *outside_box;
  GtkWidget      *type_dropdown;
  GtkWidget      *entity_box;
  GtkWidget      *entity_dropdown;
  GtkWidget      *cidr_box;
  GtkWidget      *cidr_entry;
  GtkWidget      *except_entry;
  GtkWidget      *fqdn_box;
  GtkWidget      *fqdn_entry;
  GtkWidget      *pattern_check;
  GtkWidget      *namespace_box;
  GtkWidget      *namespace_entry;
  GtkWidget      *labels_box;
  NpSelectorEditor *labels_editor;
  NpLabelSelector *pods;                 /* what labels_editor edits */
  GtkWidget      *deny_check;
  GtkWidget      *ports_entry;
  GtkWidget      *ports_message;
  GtkWidget      *summary_icon;
  GtkWidget      *summary_label;
  GtkWidget      *summary_note;
  GtkWidget      *message_label;
  GtkWidget      *add_button;
  GtkWidget      *cancel_button;
  AdwWindowTitle *window_title;
};

G_DEFINE_FINAL_TYPE (NpCiliumRuleEditor, np_cilium_rule_editor, ADW_TYPE_WINDOW)

static PeerType
peer_type (NpCiliumRuleEditor *self)
{
  return (PeerType) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->type_dropdown));
}

static NpCiliumSection
form_section (NpCiliumRuleEditor *self)
{
  gboolean deny = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->deny_check));

  if (self->direction == NP_DIRECTION_INGRESS)
    return deny ? NP_CILIUM_INGRESS_DENY : NP_CILIUM_INGRESS;
  return deny ? NP_CILIUM_EGRESS_DENY : NP_CILIUM_EGRESS;
}

/* Writes the form with @ports: into @scratch (a policy of its own, for
 * the sentence; an empty peer reads "…"), or as the edit the editor was
 * opened for. Returns the item written. (transfer none) */
static NpCiliumRuleEntry *
write_form (NpCiliumRuleEditor *self,
            NpCiliumPolicy     *scratch,
            GPtrArray          *ports)
{
  NpCiliumSection section = form_section (self);
  NpCiliumRuleEntry *entry = scratch != NULL ? NULL : self->entry;
  NpCiliumRule *rule = self->rule;

  /* Without a rule (an empty policy) a new item goes to a first rule, made
   * in the change on_add() opens, so both are one undo step. */
  if (scratch != NULL)
    rule = np_cilium_edit_ensure_rule (scratch);
  else if (rule == NULL && entry == NULL)
    rule = np_cilium_edit_ensure_rule (self->policy);

  if (self->group == NP_PEER_GROUP_OUTSIDE)
    {
      switch (peer_type (self))
        {
        case PEER_ENTITY:
          {
            GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->entity_dropdown));
            const char *entity = item != NULL ? gtk_string_object_get_string (item) : "…";

            if (entry != NULL)
              return np_cilium_edit_replace_entity (entry, section, entity, ports);
            return np_cilium_edit_rule_add_entity (rule, section, entity, ports);
          }
        case PEER_CIDR:
          {
            g_auto(GStrv) except = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->except_entry)), ", ", -1);
            g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
            g_auto(GStrv) kept = NULL;
            const char *cidr = gtk_editable_get_text (GTK_EDITABLE (self->cidr_entry));

            for (guint i = 0; except[i] != NULL; i++)
              if (*except[i] != '\0')
                g_strv_builder_add (builder, except[i]);
            kept = g_strv_builder_end (builder);
            if (scratch != NULL && *cidr == '\0')
              cidr = "…";

            if (entry != NULL)
              return np_cilium_edit_replace_cidr (entry, section, cidr, (const char * const *) kept, ports);
            return np_cilium_edit_rule_add_cidr (rule, section, cidr, (const char * const *) kept, ports);
          }
        case PEER_FQDN:
        default:
          {
            const char *text = gtk_editable_get_text (GTK_EDITABLE (self->fqdn_entry));
            gboolean pattern = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->pattern_check));

            if (scratch != NULL && *text == '\0')
              text = "…";
            if (entry != NULL)
              return np_cilium_edit_replace_fqdn (entry, pattern ? NULL : text, pattern ? text : NULL, ports);
            return np_cilium_edit_rule_add_fqdn (rule, pattern ? NULL : text, pattern ? text : NULL, ports);
          }
        }
    }
  else
    {
      NpLabelSelector *selector = self->pods;
      const char *namespace_ = NULL;

      if (self->group == NP_PEER_GROUP_CLUSTER)
        {
          namespace_ = gtk_editable_get_text (GTK_EDITABLE (self->namespace_entry));
          if (*namespace_ == '\0')
            namespace_ = "*";
        }
      if (entry != NULL)
        return np_cilium_edit_replace_endpoints (entry, section, selector, namespace_, ports);
      return np_cilium_edit_rule_add_endpoints (rule, section, selector, namespace_, ports);
    }
}

/* The sentence above the form says what Add would write; fields that do
 * not parse are left out of it, and the note says so. */
static void
update_summary (NpCiliumRuleEditor *self,
                GPtrArray          *ports,
                gboolean            ok)
{
  g_autoptr(NpCiliumPolicy) scratch = np_cilium_policy_new (np_cilium_policy_is_clusterwide (self->policy));
  NpCiliumRuleEntry *entry = write_form (self, scratch, ports);
  g_autofree char *sentence = entry != NULL ? np_cilium_describe_entry (entry) : NULL;
  gboolean deny = np_cilium_section_is_deny (form_section (self));

  gtk_label_set_text (GTK_LABEL (self->summary_label), sentence != NULL ? sentence : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rule description"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence != NULL ? sentence : "",
                                  -1);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->summary_icon),
                                deny ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  gtk_widget_set_visible (self->summary_note, !ok && self->editable);
  if (ok)
    gtk_widget_remove_css_class (self->summary_label, "dim-label");
  else
    gtk_widget_add_css_class (self->summary_label, "dim-label");
}

/* Checks what is typed so far; the message says what is wrong, and Add
 * stays off until it is right. */
static void
validate (NpCiliumRuleEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) ports = NULL;
  g_autoptr(GError) ports_error = NULL;
  gboolean ok = TRUE;

  if (self->building)
    return;
  if (self->group == NP_PEER_GROUP_OUTSIDE)
    {
      PeerType type = peer_type (self);

      gtk_widget_set_visible (self->entity_box, type == PEER_ENTITY);
      gtk_widget_set_visible (self->cidr_box, type == PEER_CIDR);
      gtk_widget_set_visible (self->fqdn_box, type == PEER_FQDN);
      if (type == PEER_CIDR)
        {
          const char *cidr = gtk_editable_get_text (GTK_EDITABLE (self->cidr_entry));

          if (*cidr == '\0')
            ok = FALSE, message = g_strdup (_("Type an address range, such as 10.0.0.0/8."));
          else if (!g_hostname_is_ip_address (cidr) && strchr (cidr, '/') == NULL)
            ok = FALSE, message = g_strdup (_("An address range is an address with a prefix length, such as 10.0.0.0/8."));
        }
      else if (type == PEER_FQDN)
        {
          ok = np_cilium_check_fqdn (gtk_editable_get_text (GTK_EDITABLE (self->fqdn_entry)),
                                     gtk_check_button_get_active (GTK_CHECK_BUTTON (self->pattern_check)),
                                     &message);
          if (!ok)
            gtk_widget_add_css_class (self->fqdn_entry, "error");
          else
            gtk_widget_remove_css_class (self->fqdn_entry, "error");
        }
    }
  else
    {
      gboolean has_error = FALSE;

      /* The selector editor says itself what does not parse. */
      g_object_get (self->labels_editor, "has-error", &has_error, NULL);
      if (has_error)
        ok = FALSE;
    }

  /* The ports field says itself what is wrong, as in the Kubernetes
   * editor. */
  ports = np_policy_port_parse_cilium (gtk_editable_get_text (GTK_EDITABLE (self->ports_entry)), &ports_error);
  if (ports == NULL)
    {
      ok = FALSE;
      np_field_message_set (self->ports_entry, GTK_LABEL (self->ports_message), NP_FIELD_ERROR, ports_error->message);
    }
  else
    np_field_message_set (self->ports_entry, GTK_LABEL (self->ports_message), NP_FIELD_OK, NULL);

  if (!self->editable)
    {
      ok = FALSE;
      g_free (message);
      message = g_strdup (_("This item names more than one peer, or a kind of peer this editor does not offer: "
                            "edit it in the YAML."));
    }
  gtk_label_set_text (GTK_LABEL (self->message_label), message ? message : "");
  gtk_widget_set_visible (self->message_label, message != NULL);
  gtk_widget_set_sensitive (self->add_button, ok);
  update_summary (self, ports, ok);
}

static void
on_add (NpCiliumRuleEditor *self)
{
  g_autoptr(GPtrArray) ports = NULL;

  /* A term still in the selector's entry counts, as in the Kubernetes editor. */
  if (gtk_widget_get_visible (self->labels_box) && !np_selector_editor_commit (self->labels_editor))
    return;
  validate (self);
  if (!gtk_widget_get_sensitive (self->add_button))
    return;
  /* The policy was replaced meanwhile (the YAML edited, undo): what the
   * editor was opened for is gone. */
  if ((self->entry != NULL && np_cilium_rule_entry_get_rule (self->entry) == NULL) ||
      (self->rule != NULL && np_cilium_rule_get_policy (self->rule) == NULL))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  ports = np_policy_port_parse_cilium (gtk_editable_get_text (GTK_EDITABLE (self->ports_entry)), NULL);
  g_return_if_fail (ports != NULL);
  np_cilium_policy_begin_change (self->policy);
  write_form (self, NULL, ports);
  np_cilium_policy_end_change (self->policy);
  gtk_window_close (GTK_WINDOW (self));
}

static void
np_cilium_rule_editor_dispose (GObject *object)
{
  NpCiliumRuleEditor *self = NP_CILIUM_RULE_EDITOR (object);

  g_clear_object (&self->policy);
  g_clear_object (&self->rule);
  g_clear_object (&self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_CILIUM_RULE_EDITOR);
  g_clear_object (&self->pods);
  G_OBJECT_CLASS (np_cilium_rule_editor_parent_class)->dispose (object);
}

static void
np_cilium_rule_editor_class_init (NpCiliumRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_cilium_rule_editor_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (NP_TYPE_SELECTOR_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-cilium-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, outside_box);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, entity_box);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, entity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, cidr_box);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, cidr_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, except_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, fqdn_box);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, fqdn_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, pattern_check);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, namespace_box);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, namespace_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, labels_box);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, labels_editor);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, deny_check);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, ports_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, ports_message);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, summary_note);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, NpCiliumRuleEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
}

/* The selector the chips edit: a copy of @selector, or an empty one. */
static void
set_pods (NpCiliumRuleEditor *self,
          NpLabelSelector    *selector)
{
  if (self->pods != NULL)
    g_signal_handlers_disconnect_by_data (self->pods, self);
  g_clear_object (&self->pods);
  self->pods = selector != NULL ? np_label_selector_copy (selector) : np_label_selector_new ();
  g_signal_connect_object (self->pods, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  np_selector_editor_set_selector (self->labels_editor, self->pods);
}

static void
np_cilium_rule_editor_init (NpCiliumRuleEditor *self)
{
  /* Until the editor knows what it edits (build()), it checks nothing. */
  self->editable = TRUE;
  self->building = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  set_pods (self, NULL);
}

/* The item's fields, when the editor can show all of its peers: one
 * entity, address range, DNS name or pod selector. */
static gboolean
fill_peer (NpCiliumRuleEditor *self)
{
  NpCiliumRuleEntry *entry = self->entry;
  guint kinds = np_cilium_rule_entry_get_peer_kinds (entry);
  NpCiliumPeerKind kind = np_cilium_rule_entry_get_peer_kind (entry);

  if (kinds != (1u << kind) || np_cilium_rule_entry_get_n_peers (entry, kind) != 1)
    return FALSE;

  if (self->group != NP_PEER_GROUP_OUTSIDE)
    {
      g_autofree char *namespace_ = NULL;
      g_autoptr(NpLabelSelector) selector = np_cilium_entry_get_pod_selector (entry, &namespace_);

      if (selector == NULL)
        return FALSE;
      set_pods (self, selector);
      if (self->group == NP_PEER_GROUP_CLUSTER)
        gtk_editable_set_text (GTK_EDITABLE (self->namespace_entry),
                               namespace_ != NULL && !g_str_equal (namespace_, "*") ? namespace_ : "");
      return TRUE;
    }

  switch (kind)
    {
    case NP_CILIUM_PEER_ENTITIES:
      {
        g_auto(GStrv) entities = np_cilium_rule_entry_get_entities (entry);
        const char * const *known = np_cilium_list_entities ();

        for (guint i = 0; known[i] != NULL; i++)
          if (g_str_equal (known[i], entities[0]))
            {
              gtk_drop_down_set_selected (GTK_DROP_DOWN (self->type_dropdown), PEER_ENTITY);
              gtk_drop_down_set_selected (GTK_DROP_DOWN (self->entity_dropdown), i);
              return TRUE;
            }
        return FALSE;
      }
    case NP_CILIUM_PEER_CIDR:
      {
        g_auto(GStrv) cidrs = np_cilium_rule_entry_get_cidrs (entry);

        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->type_dropdown), PEER_CIDR);
        gtk_editable_set_text (GTK_EDITABLE (self->cidr_entry), cidrs[0]);
        return TRUE;
      }
    case NP_CILIUM_PEER_CIDR_SET:
      {
        g_autoptr(GPtrArray) rules = np_cilium_rule_entry_get_cidr_rules (entry);
        NpCiliumCidrRule *rule = g_ptr_array_index (rules, 0);
        g_autofree char *except = NULL;

        if (rule->cidr == NULL)
          return FALSE;  /* a group of addresses by reference */
        except = g_strjoinv (", ", rule->except);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->type_dropdown), PEER_CIDR);
        gtk_editable_set_text (GTK_EDITABLE (self->cidr_entry), rule->cidr);
        gtk_editable_set_text (GTK_EDITABLE (self->except_entry), except);
        return TRUE;
      }
    case NP_CILIUM_PEER_FQDNS:
      {
        g_autoptr(GPtrArray) fqdns = np_cilium_rule_entry_get_fqdns (entry);
        NpCiliumFqdn *fqdn = g_ptr_array_index (fqdns, 0);

        if (self->direction != NP_DIRECTION_EGRESS)
          return FALSE;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->type_dropdown), PEER_FQDN);
        gtk_editable_set_text (GTK_EDITABLE (self->fqdn_entry),
                               fqdn->match_name != NULL ? fqdn->match_name : fqdn->match_pattern);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (self->pattern_check), fqdn->match_name == NULL);
        return TRUE;
      }
    case NP_CILIUM_PEER_NONE:
    case NP_CILIUM_PEER_ENDPOINTS:
    case NP_CILIUM_PEER_SERVICES:
    case NP_CILIUM_PEER_NODES:
    case NP_CILIUM_PEER_GROUPS:
    default:
      return FALSE;
    }
}

static void
fill (NpCiliumRuleEditor *self)
{
  g_autofree char *ports = np_cilium_entry_format_ports (self->entry);

  self->editable = fill_peer (self);
  /* every port of the item's toPorts entry, so that Save keeps them */
  gtk_editable_set_text (GTK_EDITABLE (self->ports_entry), ports);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->deny_check),
                               np_cilium_section_is_deny (np_cilium_rule_entry_get_section (self->entry)));
}

/* What the template cannot know: the direction, the group and the item. */
static void
build (NpCiliumRuleEditor *self)
{
  gboolean egress = self->direction == NP_DIRECTION_EGRESS;
  const char *outside_types[] = { N_("Entity"), N_("Address range (CIDR)"), N_("DNS name"), NULL };
  const char *translated[4] = { NULL };
  g_autoptr(GtkStringList) types = NULL;
  g_autoptr(GtkStringList) entities = NULL;
  const char *name = np_cilium_policy_get_name (self->policy);
  const char *action;

  /* The words of the Kubernetes rule editor: one dialog for both kinds. */
  if (self->entry != NULL)
    gtk_window_set_title (GTK_WINDOW (self), egress ? _("Edit Egress Rule") : _("Edit Ingress Rule"));
  else
    gtk_window_set_title (GTK_WINDOW (self), egress ? _("Add Egress Rule") : _("Add Ingress Rule"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  action = self->entry != NULL ? _("_Apply") : _("_Add Rule");
  gtk_button_set_label (GTK_BUTTON (self->add_button), action);
  /* GTK 4.8 names a labelled button "_Apply Apply", its label as written
   * and as shown: keep the name the label as shown. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  /* DNS names only work for egress (toFQDNs). */
  for (guint i = 0; i < (egress ? 3u : 2u); i++)
    translated[i] = _(outside_types[i]);
  types = gtk_string_list_new (translated);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->type_dropdown), G_LIST_MODEL (types));
  entities = gtk_string_list_new (np_cilium_list_entities ());
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->entity_dropdown), G_LIST_MODEL (entities));

  gtk_widget_set_visible (self->outside_box, self->group == NP_PEER_GROUP_OUTSIDE);
  gtk_widget_set_visible (self->namespace_box, self->group == NP_PEER_GROUP_CLUSTER);
  gtk_widget_set_visible (self->labels_box, self->group != NP_PEER_GROUP_OUTSIDE);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->deny_check),
                              egress ? _("Deny this traffic (egressDeny)") : _("Deny this traffic (ingressDeny)"));

  /* A new item outside the cluster starts as "world", what the button
   * that opened the editor says, never as "all" (every peer, the
   * cluster's pods too). */
  for (guint i = 0; np_cilium_list_entities ()[i] != NULL; i++)
    if (g_str_equal (np_cilium_list_entities ()[i], "world"))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->entity_dropdown), i);

  if (self->entry != NULL)
    fill (self);
  self->building = FALSE;
  validate (self);
}

NpCiliumRuleEditor *
np_cilium_rule_editor_new (GtkWindow      *parent,
                           NpCiliumPolicy *policy,
                           NpCiliumRule   *rule,
                           NpDirection     direction,
                           NpPeerGroup     group)
{
  NpCiliumRuleEditor *self;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (policy), NULL);
  g_return_val_if_fail (rule == NULL || NP_IS_CILIUM_RULE (rule), NULL);

  self = g_object_new (NP_TYPE_CILIUM_RULE_EDITOR, "transient-for", parent, NULL);
  self->policy = g_object_ref (policy);
  self->rule = rule != NULL ? g_object_ref (rule) : NULL;
  self->direction = direction;
  self->group = group;
  build (self);
  return self;
}

NpCiliumRuleEditor *
np_cilium_rule_editor_new_for_entry (GtkWindow         *parent,
                                     NpCiliumRuleEntry *entry)
{
  NpCiliumRuleEditor *self;
  NpCiliumRule *rule;
  NpCiliumPolicy *policy;

  g_return_val_if_fail (NP_IS_CILIUM_RULE_ENTRY (entry), NULL);
  rule = np_cilium_rule_entry_get_rule (entry);
  g_return_val_if_fail (rule != NULL, NULL);
  policy = np_cilium_rule_get_policy (rule);
  g_return_val_if_fail (policy != NULL, NULL);

  self = g_object_new (NP_TYPE_CILIUM_RULE_EDITOR, "transient-for", parent, NULL);
  self->policy = g_object_ref (policy);
  self->rule = g_object_ref (rule);
  self->entry = g_object_ref (entry);
  self->direction = np_cilium_section_get_direction (np_cilium_rule_entry_get_section (entry));
  self->group = np_cilium_entry_get_group (policy, entry);
  build (self);
  return self;
}
