/* np-cilium-rule-editor.c: the dialog that adds an item to a Cilium policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "np-cilium-edit.h"
#include "np-cilium-policy.h"
#include "np-cilium-rule-editor.h"
#include "np-label-selector.h"

typedef enum {
  PEER_ENTITY,
  PEER_CIDR,
  PEER_FQDN,
} PeerType;

struct _NpCiliumRuleEditor
{
  AdwWindow       parent_instance;

  NpCiliumPolicy *policy;
  NpDirection     direction;
  NpPeerGroup     group;

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
  GtkWidget      *labels_entry;
  GtkWidget      *deny_check;
  GtkWidget      *port_entry;
  GtkWidget      *protocol_dropdown;
  GtkWidget      *message_label;
  GtkWidget      *add_button;
};

G_DEFINE_FINAL_TYPE (NpCiliumRuleEditor, np_cilium_rule_editor, ADW_TYPE_WINDOW)

static const char * const protocols[] = { "TCP", "UDP", "SCTP", "ANY", NULL };

static PeerType
peer_type (NpCiliumRuleEditor *self)
{
  return (PeerType) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->type_dropdown));
}

/* Checks what is typed so far; the message says what is wrong, and Add
 * stays off until it is right. */
static void
validate (NpCiliumRuleEditor *self)
{
  g_autofree char *message = NULL;
  gboolean ok = TRUE;
  const char *port = gtk_editable_get_text (GTK_EDITABLE (self->port_entry));

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
      g_autoptr(GError) error = NULL;
      g_autoptr(NpLabelSelector) selector =
        np_label_selector_new_from_string (gtk_editable_get_text (GTK_EDITABLE (self->labels_entry)), &error);

      if (selector == NULL)
        ok = FALSE, message = g_strdup (error->message);
    }
  if (ok && *port != '\0')
    {
      guint64 number;

      if (g_ascii_string_to_unsigned (port, 10, 0, 65535, &number, NULL) == FALSE &&
          (g_ascii_isdigit (*port) || strlen (port) > 15))
        ok = FALSE, message = g_strdup (_("A port is a number from 1 to 65535 or a port name."));
    }
  gtk_label_set_text (GTK_LABEL (self->message_label), message ? message : "");
  gtk_widget_set_visible (self->message_label, message != NULL);
  gtk_widget_set_sensitive (self->add_button, ok);
}

static void
on_add (NpCiliumRuleEditor *self)
{
  const char *port = gtk_editable_get_text (GTK_EDITABLE (self->port_entry));
  const char *protocol = protocols[gtk_drop_down_get_selected (GTK_DROP_DOWN (self->protocol_dropdown))];
  gboolean deny = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->deny_check));
  NpCiliumSection section;

  validate (self);
  if (!gtk_widget_get_sensitive (self->add_button))
    return;
  if (*port == '\0')
    port = NULL, protocol = NULL;
  if (self->direction == NP_DIRECTION_INGRESS)
    section = deny ? NP_CILIUM_INGRESS_DENY : NP_CILIUM_INGRESS;
  else
    section = deny ? NP_CILIUM_EGRESS_DENY : NP_CILIUM_EGRESS;

  if (self->group == NP_PEER_GROUP_OUTSIDE)
    {
      switch (peer_type (self))
        {
        case PEER_ENTITY:
          {
            GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->entity_dropdown));

            np_cilium_edit_add_entity (self->policy, section, gtk_string_object_get_string (item), port, protocol);
          }
          break;
        case PEER_CIDR:
          {
            g_auto(GStrv) except = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->except_entry)), ", ", -1);
            g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
            g_auto(GStrv) kept = NULL;

            for (guint i = 0; except[i] != NULL; i++)
              if (*except[i] != '\0')
                g_strv_builder_add (builder, except[i]);
            kept = g_strv_builder_end (builder);
            np_cilium_edit_add_cidr (self->policy, section, gtk_editable_get_text (GTK_EDITABLE (self->cidr_entry)),
                                     (const char * const *) kept, port, protocol);
          }
          break;
        case PEER_FQDN:
        default:
          {
            const char *text = gtk_editable_get_text (GTK_EDITABLE (self->fqdn_entry));
            gboolean pattern = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->pattern_check));

            np_cilium_edit_add_fqdn (self->policy, pattern ? NULL : text, pattern ? text : NULL, port, protocol);
          }
          break;
        }
    }
  else
    {
      g_autoptr(NpLabelSelector) selector =
        np_label_selector_new_from_string (gtk_editable_get_text (GTK_EDITABLE (self->labels_entry)), NULL);
      const char *namespace_ = NULL;

      if (self->group == NP_PEER_GROUP_CLUSTER)
        {
          namespace_ = gtk_editable_get_text (GTK_EDITABLE (self->namespace_entry));
          if (*namespace_ == '\0')
            namespace_ = "*";
        }
      np_cilium_edit_add_endpoints (self->policy, section, selector, namespace_, port, protocol);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
field (GtkWidget *content, const char *title, GtkWidget *widget, const char *accessible)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (GTK_BOX (content), box);
  return box;
}

static GtkWidget *
entry_new (NpCiliumRuleEditor *self, const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (validate), self);
  return entry;
}

static void
np_cilium_rule_editor_dispose (GObject *object)
{
  NpCiliumRuleEditor *self = NP_CILIUM_RULE_EDITOR (object);

  g_clear_object (&self->policy);
  G_OBJECT_CLASS (np_cilium_rule_editor_parent_class)->dispose (object);
}

static void
np_cilium_rule_editor_class_init (NpCiliumRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_cilium_rule_editor_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
np_cilium_rule_editor_init (NpCiliumRuleEditor *self)
{
}

static void
build (NpCiliumRuleEditor *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *cancel = gtk_button_new_with_label (_("Cancel"));
  GtkWidget *port_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gboolean egress = self->direction == NP_DIRECTION_EGRESS;
  const char *outside_types[] = { N_("Entity"), N_("Address range (CIDR)"), N_("DNS name"), NULL };
  const char *translated[4] = { NULL };

  gtk_window_set_title (GTK_WINDOW (self), egress ? _("Add Egress Rule") : _("Add Ingress Rule"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->add_button = gtk_button_new_with_label (_("Add"));
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add"), -1);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->add_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_box_append (GTK_BOX (toolbar), content);

  if (self->group == NP_PEER_GROUP_OUTSIDE)
    {
      /* DNS names only work for egress (toFQDNs). */
      for (guint i = 0; i < (egress ? 3u : 2u); i++)
        translated[i] = _(outside_types[i]);
      self->type_dropdown = gtk_drop_down_new_from_strings (translated);
      g_signal_connect_swapped (self->type_dropdown, "notify::selected", G_CALLBACK (validate), self);
      field (content, _("Peer"), self->type_dropdown, _("Peer type"));

      self->entity_dropdown = gtk_drop_down_new_from_strings (np_cilium_list_entities ());
      gtk_widget_set_tooltip_text (self->entity_dropdown,
                                   _("world: everything outside the cluster; host: the local node; "
                                     "cluster: everything in the cluster; kube-apiserver: the API server"));
      self->entity_box = field (content, _("Entity"), self->entity_dropdown, _("Entity"));

      self->cidr_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      self->cidr_entry = entry_new (self, "10.0.0.0/8");
      field (self->cidr_box, _("Address range"), self->cidr_entry, _("Address range"));
      self->except_entry = entry_new (self, "10.1.0.0/16, 10.2.0.0/16");
      field (self->cidr_box, _("Except (optional)"), self->except_entry, _("Except"));
      gtk_box_append (GTK_BOX (content), self->cidr_box);

      self->fqdn_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      self->fqdn_entry = entry_new (self, "api.example.com");
      field (self->fqdn_box, _("DNS name"), self->fqdn_entry, _("DNS name"));
      self->pattern_check = gtk_check_button_new_with_label (_("Pattern with “*” wildcards (matchPattern)"));
      g_signal_connect_swapped (self->pattern_check, "toggled", G_CALLBACK (validate), self);
      gtk_box_append (GTK_BOX (self->fqdn_box), self->pattern_check);
      gtk_box_append (GTK_BOX (content), self->fqdn_box);
    }
  else
    {
      if (self->group == NP_PEER_GROUP_CLUSTER)
        {
          self->namespace_entry = entry_new (self, _("any namespace"));
          self->namespace_box = field (content, _("Namespace"), self->namespace_entry, _("Peer namespace"));
        }
      self->labels_entry = entry_new (self, _("all pods"));
      gtk_widget_set_tooltip_text (self->labels_entry, _("Pod labels such as app=db, tier in (a,b); empty: all pods"));
      self->labels_box = field (content, _("Pod labels"), self->labels_entry, _("Pod labels"));
    }

  self->port_entry = entry_new (self, _("all ports"));
  gtk_widget_set_hexpand (self->port_entry, TRUE);
  field (port_row, _("Port"), self->port_entry, _("Port"));
  self->protocol_dropdown = gtk_drop_down_new_from_strings (protocols);
  field (port_row, _("Protocol"), self->protocol_dropdown, _("Protocol"));
  gtk_box_append (GTK_BOX (content), port_row);

  self->deny_check = gtk_check_button_new_with_label (egress ? _("Deny this traffic (egressDeny)")
                                                             : _("Deny this traffic (ingressDeny)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->deny_check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deny this traffic"), -1);
  gtk_widget_set_tooltip_text (self->deny_check, _("A deny rule wins over every allow rule, Kubernetes ones too"));
  gtk_box_append (GTK_BOX (content), self->deny_check);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_box_append (GTK_BOX (content), self->message_label);

  adw_window_set_content (ADW_WINDOW (self), toolbar);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->add_button);
  validate (self);
}

NpCiliumRuleEditor *
np_cilium_rule_editor_new (GtkWindow      *parent,
                           NpCiliumPolicy *policy,
                           NpDirection     direction,
                           NpPeerGroup     group)
{
  NpCiliumRuleEditor *self;

  g_return_val_if_fail (NP_IS_CILIUM_POLICY (policy), NULL);

  self = g_object_new (NP_TYPE_CILIUM_RULE_EDITOR, "transient-for", parent, NULL);
  self->policy = g_object_ref (policy);
  self->direction = direction;
  self->group = group;
  build (self);
  return self;
}
