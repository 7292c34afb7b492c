/* np-window-actions.c: the main window's commands: copy, templates, policies of the file, undo, kind, export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "np-canvas.h"
#include "np-cilium-canvas.h"
#include "np-cilium-edit.h"
#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
#include "np-cluster-edit.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-document.h"
#include "np-export.h"
#include "np-file-watch.h"
#include "np-history.h"
#include "np-manifest.h"
#include "np-policy-codec.h"
#include "np-policy-list.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-preferences-window.h"
#include "np-rating-button.h"
#include "np-recovery.h"
#include "np-rule-editor.h"
#include "np-side-panel.h"
#include "np-template-store.h"
#include "np-flows-page.h"
#include "np-traffic-page.h"
#include "np-tutorial-page.h"
#include "np-tutorial.h"
#include "np-user-templates.h"
#include "np-validator.h"
#include "np-window.h"
#include "np-yaml.h"

#include "np-window-private.h"

/* (transfer full) (nullable) the policy shown as YAML, either kind. */
static char *
shown_policy_yaml (NpWindow *self)
{
  if (self->cilium_policy != NULL)
    {
      g_autoptr(NpNode) node = np_cilium_policy_to_node (self->cilium_policy, FALSE);

      return np_yaml_write (node, 0, NULL);
    }
  if (self->cluster_policy != NULL)
    {
      g_autoptr(NpNode) node = np_cluster_policy_to_node (self->cluster_policy);

      return np_yaml_write (node, 0, NULL);
    }
  if (self->policy != NULL)
    return np_policy_to_yaml (self->policy);
  return NULL;
}

static const char *
shown_policy_name (NpWindow *self)
{
  if (self->cilium_policy != NULL)
    return np_cilium_policy_get_name (self->cilium_policy);
  if (self->cluster_policy != NULL)
    return np_cluster_policy_get_name (self->cluster_policy);
  return self->policy != NULL ? np_policy_get_name (self->policy) : NULL;
}

void
np_window_update_templates_menu (NpWindow *self)
{
  g_clear_object (&self->templates);
  self->templates = np_user_templates_load (self->settings);
  np_user_templates_fill_menu (self->templates_section, self->templates);
}

static void
on_save_template_response (AdwMessageDialog *dialog,
                           const char       *response,
                           NpWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(NpTemplateStore) store = NULL;
  g_autofree char *yaml = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save") || (yaml = shown_policy_yaml (self)) == NULL)
    return;
  store = np_user_templates_load (self->settings);
  if (!np_template_store_add (store, gtk_editable_get_text (entry), yaml, &error))
    {
      np_window_show_error_dialog (self, _("Could Not Save the Template"), error->message);
      return;
    }
  np_user_templates_save (self->settings, store);
  np_window_toast (self, _("Template saved: find it under New from Template"));
}

static void
save_as_template_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->policy == NULL && self->cilium_policy == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save as Template"),
                                   _("Policies saved as templates appear under New from Template. A template of the same name is replaced."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), shown_policy_name (self) ? shown_policy_name (self) : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save Template"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_template_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (np_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

static void
copy_yaml_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autofree char *yaml = NULL;

  yaml = shown_policy_yaml (self);
  if (yaml == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), yaml);
  np_window_toast (self, _("YAML copied"));
}

static void
copy_kubectl_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autofree char *yaml = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *command = NULL;
  g_autofree char *line = NULL;

  yaml = shown_policy_yaml (self);
  if (yaml == NULL)
    return;
  /* The here-document ends at a line holding only the marker: pick one the
   * YAML does not contain as a line. */
  marker = g_strdup ("EOF");
  for (guint n = 1; ; n++)
    {
      g_free (line);
      line = g_strdup_printf ("\n%s\n", marker);
      if (strstr (yaml, line) == NULL && !g_str_has_prefix (yaml, line + 1))
        break;
      g_free (marker);
      marker = g_strdup_printf ("EOF%u", n);
    }
  command = g_strdup_printf ("kubectl apply -f - <<'%s'\n%s%s%s\n", marker, yaml,
                             g_str_has_suffix (yaml, "\n") ? "" : "\n", marker);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  np_window_toast (self, _("kubectl command copied"));
}

static void
add_policy_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autoptr(NpPolicy) policy = np_window_new_blank_policy ();
  g_autoptr(GObject) start = np_window_as_default_kind (self, policy);

  np_manifest_add_policy (self->manifest, policy);
  if (start != (gpointer) policy)
    {
      np_manifest_replace_policy (self->manifest, policy, start);
      np_history_watch_cilium_policy (self->history, NP_CILIUM_POLICY (start));
      np_window_sync_sidebar_selection (self);
      np_window_select_any_policy (self, start);
      return;
    }
  np_history_watch_policy (self->history, policy);
  np_window_select_any_policy (self, policy);
  np_window_sync_sidebar_selection (self);
  np_canvas_focus_field (self->canvas, "metadata.name");
}

static void
duplicate_policy_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autoptr(NpPolicy) copy = NULL;
  g_autofree char *name = NULL;

  if (self->policy == NULL)
    return;
  copy = np_policy_copy (self->policy);
  name = g_strdup_printf ("%s-copy", np_policy_get_name (self->policy) ? np_policy_get_name (self->policy) : "policy");
  np_policy_set_name (copy, name);
  np_manifest_add_policy (self->manifest, copy);
  np_history_watch_policy (self->history, copy);
  np_window_select_any_policy (self, copy);
  np_window_sync_sidebar_selection (self);
  np_canvas_focus_field (self->canvas, "metadata.name");
}

static void
rename_policy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  np_canvas_focus_field (self->canvas, "metadata.name");
}

static void
delete_policy_now (NpWindow *self,
                   gpointer  data)
{
  NpDocument *document;
  gpointer policy = data;

  document = np_manifest_find_document (self->manifest, policy);
  if (document == NULL)
    return;
  if (np_document_get_kind (document) == NP_DOCUMENT_LIST)
    {
      np_window_toast (self, _("This policy is an item of a List; remove it in the YAML of the list."));
      return;
    }
  np_history_unwatch_policy (self->history, policy);
  np_manifest_remove_document (self->manifest, document);
  if (policy == np_window_get_shown_policy (self))
    np_window_select_any_policy (self, np_window_first_any_policy (self->manifest));
  np_window_sync_sidebar_selection (self);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    NpWindow         *self)
{
  gpointer policy = g_object_get_data (G_OBJECT (dialog), "np-policy");

  if (g_str_equal (response, "delete"))
    delete_policy_now (self, policy);
}

static void
delete_policy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  const char *name;
  gpointer policy;

  policy = np_window_get_shown_policy (self);
  if (policy == NULL)
    return;
  name = shown_policy_name (self);
  body = g_strdup_printf (_("The policy “%s” will be removed from the file when you save."), name ? name : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Policy?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "np-policy", g_object_ref (policy), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
after_history_step (NpWindow *self,
                    gpointer  policy)
{
  if (policy != NULL && policy != np_window_get_shown_policy (self))
    np_window_select_any_policy (self, policy);
  /* Undone back to the file as saved: nothing is left to save, and the
   * title says so. */
  if (policy != NULL && self->manifest != NULL)
    np_manifest_check_saved (self->manifest);
}

/* One history for the canvas and the text: typing in the YAML that reads
 * back is a step of the policy's history like any edit; typing that does
 * not parse is not the policy yet, and is undone by the text's own undo
 * until the text is the policy again. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  /* Text typed but not yet read back is an edit too: take it first. */
  np_yaml_pane_flush (self->yaml_pane);
  if (np_yaml_pane_undo_text (self->yaml_pane))
    return;
  after_history_step (self, np_history_undo (self->history));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  gpointer policy;

  np_yaml_pane_flush (self->yaml_pane);
  policy = np_history_redo (self->history);
  if (policy != NULL)
    after_history_step (self, policy);
  else
    np_yaml_pane_redo_text (self->yaml_pane);
}

/* The "Policy kind" drop-down lists the kinds in NpPolicyKind's order,
 * then the three cluster-scoped kinds (NpClusterPolicyKind's order). */
#define CLUSTER_KIND_POSITION(kind) (NP_N_POLICY_KINDS + (guint) (kind))

static guint
current_kind (NpWindow *self)
{
  if (self->cluster_policy != NULL)
    return CLUSTER_KIND_POSITION (np_cluster_policy_get_kind (self->cluster_policy));
  if (self->cilium_policy != NULL)
    return np_cilium_policy_is_clusterwide (self->cilium_policy) ? NP_POLICY_KIND_CILIUM_CLUSTERWIDE
                                                                 : NP_POLICY_KIND_CILIUM;
  return NP_POLICY_KIND_KUBERNETES;
}

void
np_window_update_kind_dropdown (NpWindow *self)
{
  self->updating_kind = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, current_kind (self));
  /* With no policy shown, a cluster-scoped kind still adds one. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), self->manifest != NULL && self->reading == NULL);
  self->updating_kind = FALSE;
}

/* The history's way to put one policy object in place of another. */
static void
replace_in_manifest (gpointer out_policy,
                     gpointer in_policy,
                     gpointer user_data)
{
  NpWindow *self = user_data;

  if (!np_manifest_replace_policy (self->manifest, out_policy, in_policy))
    return;
  if (NP_IS_CILIUM_POLICY (in_policy))
    np_history_watch_cilium_policy (self->history, in_policy);
  else
    np_history_watch_policy (self->history, in_policy);
  np_window_sync_sidebar_selection (self);
  np_window_select_any_policy (self, in_policy);
}

/* (transfer full) (nullable) the shown policy as @kind; NULL when the core
 * cannot convert it, with the reason in @losses. */
static gpointer
convert_current (NpWindow     *self,
                 NpPolicyKind  kind,
                 GPtrArray    *losses)
{
  if (self->policy != NULL)
    return np_convert_to_cilium (self->policy, kind == NP_POLICY_KIND_CILIUM_CLUSTERWIDE, losses);
  if (kind == NP_POLICY_KIND_KUBERNETES)
    return np_convert_to_kubernetes (self->cilium_policy, losses);
  return np_convert_cilium_scope (self->cilium_policy, kind == NP_POLICY_KIND_CILIUM_CLUSTERWIDE, losses);
}

static void
apply_converted (NpWindow *self,
                 gpointer  converted,
                 gboolean  record)
{
  gpointer old = self->cilium_policy != NULL ? (gpointer) self->cilium_policy : (gpointer) self->policy;
  g_autoptr(GObject) keep = g_object_ref (old);

  if (!np_manifest_replace_policy (self->manifest, old, converted))
    {
      np_window_toast (self, _("This policy is an item of a List, which holds NetworkPolicies only: it keeps its kind."));
      np_window_update_kind_dropdown (self);
      return;
    }
  if (record)
    np_history_record_replace (self->history, old, converted, replace_in_manifest, self);
  if (NP_IS_CILIUM_POLICY (converted))
    np_history_watch_cilium_policy (self->history, converted);
  else
    np_history_watch_policy (self->history, converted);
  np_window_sync_sidebar_selection (self);
  np_window_select_any_policy (self, converted);
  /* The kind chosen last is the kind of the next new policy. */
  if (record)
    g_settings_set_string (self->settings, "policy-kind", np_policy_kind_to_string ((NpPolicyKind) current_kind (self)));
}

static void
on_convert_response (AdwMessageDialog *dialog,
                     const char       *response,
                     NpWindow         *self)
{
  gpointer converted = g_object_get_data (G_OBJECT (dialog), "np-converted");

  if (g_str_equal (response, "convert"))
    apply_converted (self, converted, TRUE);
  else
    np_window_update_kind_dropdown (self);
}

static void
switch_kind (NpWindow     *self,
             NpPolicyKind  kind)
{
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GObject) converted = NULL;
  GtkWidget *dialog;
  GString *body;

  if ((self->policy == NULL && self->cilium_policy == NULL) || (guint) kind == current_kind (self))
    return;

  converted = convert_current (self, kind, losses);
  if (converted == NULL)
    {
      body = g_string_new (_("The core cannot convert this policy:"));
      for (guint i = 0; i < losses->len; i++)
        g_string_append_printf (body, "\n• %s", np_diagnostic_get_message (g_ptr_array_index (losses, i)));
      np_window_show_error_dialog (self, _("Cannot Change the Kind"), body->str);
      g_string_free (body, TRUE);
      np_window_update_kind_dropdown (self);
      return;
    }
  if (losses->len == 0)
    {
      apply_converted (self, converted, TRUE);
      return;
    }

  /* Something would be lost: say what, and let the person decide. */
  body = g_string_new (_("The converted policy cannot say everything this one says:"));
  for (guint i = 0; i < losses->len; i++)
    g_string_append_printf (body, "\n• %s", np_diagnostic_get_message (g_ptr_array_index (losses, i)));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Convert and Lose Something?"), body->str);
  g_string_free (body, TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "convert", _("C_onvert"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "convert", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "np-converted", g_steal_pointer (&converted), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_convert_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A cluster-scoped policy is no conversion of a namespaced one (its
 * subject is namespaces, its rules ordered actions): choosing one of those
 * kinds adds a new policy of it to the file, with the defaults of
 * np_cluster_policy_new(), and shows it. */
static void
add_cluster_policy (NpWindow            *self,
                    NpClusterPolicyKind  kind)
{
  g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new (kind);

  /* A baseline must be called "default" (upstream's CEL rule); the others
   * get a name the person replaces. */
  np_cluster_edit_set_name (policy, kind == NP_CLUSTER_POLICY_BANP ? "default" : "cluster-policy");
  /* A blank new window's untouched NetworkPolicy was only a start: the
   * chosen kind takes its place instead of joining it. */
  if (self->blank && self->policy != NULL && !np_history_get_can_undo (self->history) &&
      g_list_model_get_n_items (np_manifest_get_documents (self->manifest)) == 1)
    {
      NpDocument *document = np_manifest_find_document (self->manifest, self->policy);

      if (document != NULL)
        {
          np_history_unwatch_policy (self->history, self->policy);
          np_manifest_remove_document (self->manifest, document);
        }
    }
  np_manifest_add_policy (self->manifest, policy);
  np_history_watch_cluster_policy (self->history, policy);
  np_window_select_any_policy (self, policy);
  np_window_sync_sidebar_selection (self);
  {
    /* Translators: %s is a kind, AdminNetworkPolicy */
    g_autofree char *message = g_strdup_printf (_("Added a new %s to the file"),
                                                np_document_get_object_kind (np_manifest_find_document (self->manifest, policy)));

    np_window_toast (self, message);
  }
}

void
np_window_on_kind_selected (NpWindow *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->updating_kind || kind == GTK_INVALID_LIST_POSITION || kind == current_kind (self))
    return;
  if (kind >= NP_N_POLICY_KINDS)
    {
      add_cluster_policy (self, kind - NP_N_POLICY_KINDS);
      return;
    }
  if (self->cluster_policy != NULL)
    {
      np_window_show_error_dialog (self, _("Cannot Change the Kind"),
                                   _("A cluster-wide policy does not become a namespaced one here: its subject is "
                                     "namespaces and its rules are ordered actions. Add a NetworkPolicy with "
                                     "“Add Policy”, or convert with “netpol convert”."));
      np_window_update_kind_dropdown (self);
      return;
    }
  switch_kind (self, kind);
}

/* A new @policy as the kind chosen last (GSettings "policy-kind"): the
 * policy itself, or its conversion. Not an undo step: it is how the
 * policy starts. (transfer full) */
gpointer
np_window_as_default_kind (NpWindow *self,
                           NpPolicy *policy)
{
  g_autofree char *key = g_settings_get_string (self->settings, "policy-kind");
  NpPolicyKind kind = NP_POLICY_KIND_KUBERNETES;
  NpCiliumPolicy *converted;

  if (!np_policy_kind_from_string (key, &kind) || kind == NP_POLICY_KIND_KUBERNETES)
    return g_object_ref (policy);
  converted = np_convert_to_cilium (policy, kind == NP_POLICY_KIND_CILIUM_CLUSTERWIDE, NULL);
  return converted != NULL ? (gpointer) converted : g_object_ref (policy);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    NpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      GtkWidget *canvas;

      /* the canvas shown: a Cilium policy has its own */
      np_window_flush_canvas (self);
      canvas = self->cilium_policy != NULL && self->cilium_canvas != NULL ? GTK_WIDGET (self->cilium_canvas)
                                                                          : GTK_WIDGET (self->canvas);

      if (np_export_widget (canvas, file, &error))
        np_window_toast (self, _("Diagram exported"));
      else
        np_window_show_error_dialog (self, _("Could Not Export the Diagram"), error->message);
    }
  g_object_unref (dialog);
}

static void
export_diagram_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) svg = gtk_file_filter_new ();
  const char *name = self->policy != NULL ? np_policy_get_name (self->policy)
                     : self->cilium_policy != NULL ? np_cilium_policy_get_name (self->cilium_policy) : NULL;
  g_autofree char *suggested = g_strdup_printf ("%s.png", name && *name ? name : "network-policy");

  dialog = gtk_file_chooser_native_new (_("Export Diagram"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (png, _("PNG Images"));
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);
  gtk_file_filter_set_name (svg, _("SVG Images (name ending in .svg)"));
  gtk_file_filter_add_mime_type (svg, "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), svg);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
toggle_side_panel_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->side_panel), !gtk_widget_get_visible (GTK_WIDGET (self->side_panel)));
}

void
np_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-policy", NULL, add_policy_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-policy", NULL, duplicate_policy_action);
  gtk_widget_class_install_action (widget_class, "win.rename-policy", NULL, rename_policy_action);
  gtk_widget_class_install_action (widget_class, "win.delete-policy", NULL, delete_policy_action);
  gtk_widget_class_install_action (widget_class, "win.export-diagram", NULL, export_diagram_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-side-panel", NULL, toggle_side_panel_action);
  gtk_widget_class_install_action (widget_class, "win.save-as-template", NULL, save_as_template_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.copy-yaml", NULL, copy_yaml_action);
  gtk_widget_class_install_action (widget_class, "win.copy-kubectl", NULL, copy_kubectl_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-yaml", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-yaml", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}
