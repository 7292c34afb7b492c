/* np-window.c: the main window: policies of the file, the canvas, the YAML and its problems
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "np-canvas.h"
#include "np-cilium-canvas.h"
#include "np-cilium-edit.h"
#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
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

/* How long the YAML text must rest before it is read back into the policy. */
#define PARSE_DELAY_MS 400
#define PROBLEMS_DELAY_MS 120

G_DEFINE_FINAL_TYPE (NpWindow, np_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkTextBuffer *
preview_buffer (NpWindow *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
}

void
np_window_toast (NpWindow   *self,
                 const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
np_window_show_error_dialog (NpWindow   *self,
                             const char *heading,
                             const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
showing_cilium (NpWindow *self)
{
  return gtk_toggle_button_get_active (self->show_cilium_button);
}

void
np_window_update_title (NpWindow *self)
{
  g_autofree char *name = np_window_display_name (self);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *folder = NULL;
  gboolean modified = np_window_has_unsaved_changes (self);

  title = modified ? g_strdup_printf ("• %s", name) : g_strdup (name);
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      if (parent != NULL)
        folder = g_file_get_parse_name (parent);
    }
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, folder ? folder : "");

  /* The window's own title is what screen readers and task switchers show. */
  window_title = g_strdup_printf (_("%s — Network Policy Editor"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
clear_text_error (NpWindow *self)
{
  GtkTextBuffer *buffer = preview_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_text_error (NpWindow     *self,
                 NpDiagnostic *diagnostic)
{
  GtkTextBuffer *buffer = preview_buffer (self);
  GtkTextIter start, end;
  guint line = np_diagnostic_get_line (diagnostic);
  guint column = np_diagnostic_get_column (diagnostic);
  g_autofree char *text = NULL;

  clear_text_error (self);
  if (line > 0)
    {
      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, line - 1, column > 0 ? column - 1 : 0);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      else if (gtk_text_iter_get_line_offset (&start) > 0)
        gtk_text_iter_backward_char (&start);
      gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
      text = g_strdup_printf (_("Line %u, column %u: %s The editor keeps the last valid policy."),
                              line, column, np_diagnostic_get_message (diagnostic));
    }
  else
    text = g_strdup_printf (_("%s The editor keeps the last valid policy."),
                            np_diagnostic_get_message (diagnostic));
  gtk_label_set_text (self->error_label, text);
  /* GtkLabel names itself after its text; the name is the one the .ui gives
   * (screen readers and tests find the error by it), the text its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("YAML error"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
refresh_problems_now (NpWindow *self)
{
  GtkTextBuffer *buffer = preview_buffer (self);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  GtkWidget *child;
  GtkTextIter start, end;
  guint n_errors = 0, n_warnings = 0;

  if (self->cilium_policy == NULL && self->policy != NULL && showing_cilium (self))
    {
      /* The findings are the policy's, with positions in its own YAML. */
      g_autofree char *yaml = np_policy_to_yaml (self->policy);
      g_autoptr(NpNode) own = np_yaml_parse_one (yaml, strlen (yaml), NULL);

      np_policy_validate (self->policy, NP_VALIDATE_DEFAULT, found);
      np_diagnostics_relocate (found, 0, own);
    }
  else if (self->cilium_policy != NULL || self->policy != NULL)
    {
      g_autoptr(NpDiagnostic) syntax = NULL;
      g_autoptr(NpNode) shown = NULL;

      /* Positions are the preview's: the model is checked, and each finding
       * pointed at its field in the text as shown. */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      shown = np_yaml_parse_one (text, strlen (text), &syntax);
      if (syntax != NULL)
        g_ptr_array_add (found, g_steal_pointer (&syntax));
      else if (self->text_problems != NULL && self->text_problems->len > 0)
        for (guint i = 0; i < self->text_problems->len; i++)
          g_ptr_array_add (found, g_object_ref (g_ptr_array_index (self->text_problems, i)));
      else
        {
          if (self->cilium_policy != NULL)
            np_cilium_policy_validate (self->cilium_policy, NP_VALIDATE_DEFAULT, found);
          else
            np_policy_validate (self->policy, NP_VALIDATE_DEFAULT, found);
          np_diagnostics_relocate (found, 0, shown);
        }
    }
  else if (self->manifest != NULL)
    {
      /* No NetworkPolicy to show: the file's own findings, Cilium policies
       * included, with their positions in the file. */
      np_manifest_validate (self->manifest, NP_VALIDATE_DEFAULT, found);
    }
  g_ptr_array_sort (found, np_diagnostic_compare);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_ptr_array_ref (found);

  for (guint i = 0; i < found->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (found, i);
      gboolean error = np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = g_markup_escape_text (np_diagnostic_get_message (d), -1);

      if (error)
        n_errors++;
      else
        n_warnings++;
      gtk_widget_add_css_class (icon, error ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      if (np_diagnostic_get_path (d) != NULL)
        subtitle = g_strdup_printf (_("Line %u · %s"), np_diagnostic_get_line (d), np_diagnostic_get_path (d));
      else
        subtitle = g_strdup_printf (_("Line %u"), np_diagnostic_get_line (d));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "np-index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->problems_list, row);
    }

  if (found->len == 0)
    {
      GtkWidget *label = gtk_label_new (self->policy != NULL || self->cilium_policy != NULL
                                        ? _("No problems: the API server would accept this policy.")
                                        : _("No problems in this file."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_list_box_append (self->problems_list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
      gtk_label_set_text (self->problems_heading, _("Problems"));
    }
  else
    {
      g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
      g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
      /* Translators: the heading of the problems list, e.g. "Problems (1 error, 2 warnings)" */
      g_autofree char *heading = g_strdup_printf (_("Problems (%s, %s)"), errors, warnings);
      gtk_label_set_text (self->problems_heading, heading);
    }
}

static gboolean
refresh_problems_cb (gpointer data)
{
  NpWindow *self = data;

  self->problems_source = 0;
  refresh_problems_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_problems (NpWindow *self)
{
  g_clear_handle_id (&self->problems_source, g_source_remove);
  self->problems_source = g_timeout_add (PROBLEMS_DELAY_MS, refresh_problems_cb, self);
}

/* The policy as a CiliumNetworkPolicy, for reading only; what the
 * conversion cannot keep is said under the switch. */
static char *
cilium_yaml (NpWindow *self)
{
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpCiliumPolicy) converted = np_convert_to_cilium (self->policy, FALSE, losses);
  g_autoptr(NpNode) node = NULL;
  GString *note;

  if (converted == NULL)
    {
      gtk_label_set_text (self->conversion_label, _("This policy cannot be shown as a CiliumNetworkPolicy: fix its problems first."));
      return NULL;
    }
  note = g_string_new (_("Converted to a CiliumNetworkPolicy, read-only: switch back to Kubernetes to edit."));
  if (losses->len == 0)
    g_string_append (note, _(" It means exactly the same."));
  for (guint i = 0; i < losses->len; i++)
    g_string_append_printf (note, "\n• %s", np_diagnostic_get_message (g_ptr_array_index (losses, i)));
  gtk_label_set_text (self->conversion_label, note->str);
  g_string_free (note, TRUE);

  node = np_cilium_policy_to_node (converted, TRUE);
  return np_yaml_write (node, 0, NULL);
}

void
np_window_update_preview (NpWindow *self)
{
  GtkTextBuffer *buffer = preview_buffer (self);
  g_autofree char *yaml = NULL;

  GtkTextIter start, end, cursor;
  g_autofree char *shown = NULL;
  int line, offset;

  if (self->cilium_policy != NULL)
    {
      /* A Cilium policy is shown as it is, and edited as it is. */
      g_autoptr(NpNode) node = np_cilium_policy_to_node (self->cilium_policy, FALSE);

      yaml = np_yaml_write (node, 0, NULL);
    }
  else if (self->policy != NULL)
    yaml = showing_cilium (self) ? cilium_yaml (self) : np_policy_to_yaml (self->policy);
  gtk_revealer_set_reveal_child (self->conversion_revealer, self->policy != NULL && showing_cilium (self));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->preview_view),
                              self->cilium_policy != NULL || (self->policy != NULL && !showing_cilium (self)));
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->show_cilium_button)), self->cilium_policy == NULL);

  /* Rewrite only what changed, and keep the cursor where it was: the text
   * is rewritten after every edit, also while the person reads it. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (shown, yaml != NULL ? yaml : "") != 0)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      line = gtk_text_iter_get_line (&cursor);
      offset = gtk_text_iter_get_line_offset (&cursor);

      self->updating_preview = TRUE;
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, yaml != NULL ? yaml : "", -1);
      gtk_text_buffer_end_irreversible_action (buffer);
      self->updating_preview = FALSE;

      if (line < gtk_text_buffer_get_line_count (buffer))
        {
          gtk_text_buffer_get_iter_at_line (buffer, &cursor, line);
          if (!gtk_text_iter_ends_line (&cursor))
            {
              int length = gtk_text_iter_get_chars_in_line (&cursor);
              gtk_text_iter_set_line_offset (&cursor, MIN (offset, MAX (length - 1, 0)));
            }
          gtk_text_buffer_place_cursor (buffer, &cursor);
        }
    }
  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_pointer (&self->text_problems, g_ptr_array_unref);
  clear_text_error (self);
  schedule_problems (self);
}

/* The text was edited: read it back into the policy when it is valid. */
gboolean
np_window_parse_preview_cb (gpointer data)
{
  NpWindow *self = data;
  GtkTextBuffer *buffer = preview_buffer (self);
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  g_autoptr(NpNode) node = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  self->parse_source = 0;
  if (self->policy == NULL && self->cilium_policy == NULL)
    return G_SOURCE_REMOVE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  node = np_yaml_parse_one (text, strlen (text), &diagnostic);
  if (node == NULL)
    {
      if (diagnostic == NULL)
        diagnostic = np_diagnostic_new (NP_SEVERITY_ERROR, "empty", NULL, _("The text is empty."));
      show_text_error (self, diagnostic);
      schedule_problems (self);
      return G_SOURCE_REMOVE;
    }

  self->applying_text = TRUE;
  g_clear_pointer (&self->text_problems, g_ptr_array_unref);
  if (self->cilium_policy != NULL
      ? !np_cilium_policy_update_from_node (self->cilium_policy, node, problems)
      : !np_policy_update_from_node (self->policy, node, problems))
    {
      self->applying_text = FALSE;
      self->text_problems = g_ptr_array_ref (problems);
      if (problems->len > 0)
        show_text_error (self, g_ptr_array_index (problems, 0));
      schedule_problems (self);
      return G_SOURCE_REMOVE;
    }
  self->applying_text = FALSE;
  clear_text_error (self);
  schedule_problems (self);
  return G_SOURCE_REMOVE;
}

static void
on_preview_changed (NpWindow      *self,
                    GtkTextBuffer *buffer)
{
  if (self->updating_preview)
    return;
  g_clear_handle_id (&self->parse_source, g_source_remove);
  self->parse_source = g_timeout_add (PARSE_DELAY_MS, np_window_parse_preview_cb, self);
}

void
np_window_on_policy_changed (NpWindow *self,
                             NpPolicy *policy)
{
  np_window_schedule_recovery (self);
  if (policy != self->policy)
    return;
  /* A change that came from the text itself must not rewrite it under the
   * cursor; every other change shows at once. */
  if (!self->applying_text)
    np_window_update_preview (self);
}

static void
on_cilium_policy_changed (NpWindow       *self,
                          NpCiliumPolicy *policy)
{
  if (policy != self->cilium_policy)
    return;
  if (!self->applying_text)
    np_window_update_preview (self);
}

static void
on_preview_kind_toggled (NpWindow        *self,
                         GtkToggleButton *button)
{
  /* Both buttons of the group report; act once, on the one turned on. */
  if (!gtk_toggle_button_get_active (button))
    return;
  if (self->parse_source != 0)
    {
      g_clear_handle_id (&self->parse_source, g_source_remove);
      np_window_parse_preview_cb (self);
    }
  np_window_update_preview (self);
}

static void
update_style_scheme (NpWindow *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes,
                                                       adw_style_manager_get_dark (style_manager)
                                                       ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (preview_buffer (self)), scheme);
}

/* "spec.ingress[2].from[1].ipBlock" → ingress, 2, 1 */
static gboolean
parse_rule_path (const char  *path,
                 NpDirection *direction,
                 guint       *rule,
                 int         *peer)
{
  const char *rest;
  char *end;

  if (g_str_has_prefix (path, "spec.ingress["))
    *direction = NP_DIRECTION_INGRESS, rest = path + strlen ("spec.ingress[");
  else if (g_str_has_prefix (path, "spec.egress["))
    *direction = NP_DIRECTION_EGRESS, rest = path + strlen ("spec.egress[");
  else
    return FALSE;

  *rule = (guint) g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != ']')
    return FALSE;
  *peer = -1;
  rest = end + 1;
  if (g_str_has_prefix (rest, ".from[") || g_str_has_prefix (rest, ".to["))
    {
      rest = strchr (rest, '[') + 1;
      *peer = (int) g_ascii_strtoll (rest, &end, 10);
      if (end == rest)
        *peer = -1;
    }
  return TRUE;
}

static void
on_problem_activated (NpWindow      *self,
                      GtkListBoxRow *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "np-index"));
  GtkTextBuffer *buffer = preview_buffer (self);
  NpDiagnostic *d;
  const char *path;
  NpDirection direction;
  guint rule;
  int peer;

  /* Without a NetworkPolicy shown the findings are the file's: there is
   * nothing on screen to point at. */
  if (self->problems == NULL || index >= self->problems->len ||
      (self->policy == NULL && self->cilium_policy == NULL))
    return;
  d = g_ptr_array_index (self->problems, index);

  if (np_diagnostic_get_line (d) > 0)
    {
      GtkTextIter iter, line_end;

      gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, np_diagnostic_get_line (d) - 1,
                                               np_diagnostic_get_column (d) > 0 ? np_diagnostic_get_column (d) - 1 : 0);
      line_end = iter;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      gtk_text_buffer_select_range (buffer, &iter, &line_end);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->preview_view), &iter, 0.1, FALSE, 0, 0);
    }

  path = np_diagnostic_get_path (d);
  if (self->cilium_policy != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->preview_view));
  else if (path != NULL && parse_rule_path (path, &direction, &rule, &peer))
    np_canvas_select_item (self->canvas, direction, rule, peer);
  else if (path == NULL || !np_canvas_focus_field (self->canvas, path))
    gtk_widget_grab_focus (GTK_WIDGET (self->preview_view));
}

static gboolean
name_to_label (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *name = g_value_get_string (from);

  g_value_set_string (to, name != NULL && *name != '\0' ? name : _("(unnamed policy)"));
  return TRUE;
}

/* Each row: the policy's name over its namespace, or, for a document that
 * holds no policy, what it is, greyed and not selectable. */
static void
on_document_item_setup (NpWindow                 *self,
                        GtkListItem              *item,
                        GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *namespace_ = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (namespace_), 0);
  gtk_label_set_ellipsize (GTK_LABEL (namespace_), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (namespace_, "caption");
  gtk_widget_add_css_class (namespace_, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), namespace_);
  gtk_list_item_set_child (item, box);
}

static void
on_document_item_bind (NpWindow                 *self,
                       GtkListItem              *item,
                       GtkSignalListItemFactory *factory)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *namespace_ = gtk_widget_get_next_sibling (name);
  gboolean policy = NP_IS_POLICY (object) || NP_IS_CILIUM_POLICY (object);

  gtk_list_item_set_selectable (item, policy);
  gtk_list_item_set_activatable (item, policy);
  gtk_widget_set_visible (namespace_, policy);
  if (policy)
    {
      GBinding *binding;

      /* A reference of our own: unbinding stays safe whichever end goes first. */
      binding = g_object_bind_property_full (object, "name", name, "label", G_BINDING_SYNC_CREATE,
                                             name_to_label, NULL, NULL, NULL);
      g_object_set_data_full (G_OBJECT (name), "np-binding", g_object_ref (binding), g_object_unref);
      binding = g_object_bind_property (object, "namespace", namespace_, "label", G_BINDING_SYNC_CREATE);
      g_object_set_data_full (G_OBJECT (namespace_), "np-binding", g_object_ref (binding), g_object_unref);
      gtk_widget_set_tooltip_text (box, NP_IS_CILIUM_POLICY (object)
                                        ? np_cilium_policy_get_kind (NP_CILIUM_POLICY (object)) : NULL);
    }
  else
    {
      NpDocument *document = NP_DOCUMENT (object);
      const char *kind = np_document_get_object_kind (document);
      const char *object_name = np_document_get_object_name (document);
      g_autofree char *text = NULL;

      if (np_document_get_kind (document) == NP_DOCUMENT_EMPTY)
        text = g_strdup (_("(empty document)"));
      else
        text = g_strdup_printf ("%s %s", kind ? kind : _("(no kind)"), object_name ? object_name : "");
      gtk_label_set_label (GTK_LABEL (name), text);
      if (np_document_get_kind (document) == NP_DOCUMENT_CILIUM_POLICY)
        gtk_widget_set_tooltip_text (box, _("A Cilium policy: checked and kept in the file as it is; "
                                            "the canvas edits Kubernetes NetworkPolicies"));
      else
        gtk_widget_set_tooltip_text (box, _("Not a NetworkPolicy: kept in the file as it is"));
      gtk_widget_add_css_class (box, "dim-label");
    }
}

static void
on_document_item_unbind (NpWindow                 *self,
                         GtkListItem              *item,
                         GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  for (GtkWidget *label = gtk_widget_get_first_child (box);
       label != NULL;
       label = gtk_widget_get_next_sibling (label))
    {
      GBinding *binding = g_object_steal_data (G_OBJECT (label), "np-binding");

      if (binding != NULL)
        {
          g_binding_unbind (binding);
          g_object_unref (binding);
        }
    }
  gtk_widget_remove_css_class (box, "dim-label");
}

/* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action does it,
 * but only once the list has a size: asked before, it draws nothing. */
static gboolean
scroll_sidebar_tick (GtkWidget     *list,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  NpWindow *self = NP_WINDOW (user_data);
  guint position = gtk_single_selection_get_selected (self->documents_selection);

  if (gtk_widget_get_height (list) == 0)
    return G_SOURCE_CONTINUE;
  self->sidebar_scroll_tick = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

static void
scroll_sidebar_to_selected (NpWindow *self)
{
  if (self->sidebar_scroll_tick != 0 || !adw_flap_get_reveal_flap (self->flap))
    return;
  self->sidebar_scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->documents_list),
                                                            scroll_sidebar_tick, self, NULL);
}

/* The list follows the policy shown, whichever way it was picked. */
void
np_window_sync_sidebar_selection (NpWindow *self)
{
  GListModel *model = gtk_single_selection_get_model (self->documents_selection);
  gpointer policy = self->cilium_policy != NULL ? (gpointer) self->cilium_policy : (gpointer) self->policy;
  guint position = GTK_INVALID_LIST_POSITION;

  if (model == NULL)
    return;
  if (policy != NULL && !np_policy_list_find (NP_POLICY_LIST (model), policy, &position))
    position = GTK_INVALID_LIST_POSITION;
  if (gtk_single_selection_get_selected (self->documents_selection) != position)
    {
      gtk_single_selection_set_selected (self->documents_selection, position);
      scroll_sidebar_to_selected (self);
    }
}

/* The sidebar gets its list when it shows: a list view makes a few hundred
 * rows at once, whether they show or not, and each reads its policy; a
 * large file opened with the sidebar hidden reads none of them. */
void
np_window_attach_policy_list (NpWindow *self)
{
  if (!adw_flap_get_reveal_flap (self->flap) ||
      gtk_single_selection_get_model (self->documents_selection) == G_LIST_MODEL (self->policy_list))
    return;
  gtk_single_selection_set_model (self->documents_selection, G_LIST_MODEL (self->policy_list));
  np_window_sync_sidebar_selection (self);
  scroll_sidebar_to_selected (self);
}

static void
on_document_selected (NpWindow *self)
{
  gpointer policy = gtk_single_selection_get_selected_item (self->documents_selection);

  if (policy == NULL || (!NP_IS_POLICY (policy) && !NP_IS_CILIUM_POLICY (policy)))
    return;
  if (policy != (gpointer) self->policy && policy != (gpointer) self->cilium_policy)
    np_window_select_any_policy (self, policy);
}

/* The first policy of the kind wanted, reading documents only up to it. */
static gpointer
first_policy_of_type (NpManifest *manifest,
                      GType       type)
{
  GListModel *documents = np_manifest_get_documents (manifest);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);
      GListModel *policies;

      switch (np_document_get_kind (document))
        {
        case NP_DOCUMENT_POLICY:
        case NP_DOCUMENT_CILIUM_POLICY:
        case NP_DOCUMENT_LIST:
          break;

        case NP_DOCUMENT_EMPTY:
        case NP_DOCUMENT_OTHER:
        default:
          continue;
        }
      policies = np_document_get_policies (document);
      for (guint j = 0; j < g_list_model_get_n_items (policies); j++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (policies, j);

          if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
            return item;
        }
    }
  return NULL;
}

static NpPolicy *
first_policy (NpManifest *manifest)
{
  return first_policy_of_type (manifest, NP_TYPE_POLICY);
}

/* A file of Cilium policies only opens on the first of them. */
gpointer
np_window_first_any_policy (NpManifest *manifest)
{
  NpPolicy *policy = first_policy (manifest);

  if (policy != NULL)
    return policy;
  return first_policy_of_type (manifest, NP_TYPE_CILIUM_POLICY);
}

void
np_window_update_actions (NpWindow *self)
{
  gboolean have_policy = self->policy != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", np_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", np_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-policy", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-policy", have_policy || self->cilium_policy != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-policy", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-diagram", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as-template", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-yaml", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-kubectl", have_policy);
}

/* Says what the file holds when there is no NetworkPolicy to draw. */
static void
update_empty_page (NpWindow *self)
{
  GListModel *documents = self->manifest ? np_manifest_get_documents (self->manifest) : NULL;
  guint n_cilium = 0;

  for (guint i = 0; documents != NULL && i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      if (np_document_get_kind (document) == NP_DOCUMENT_CILIUM_POLICY)
        n_cilium++;
    }
  if (n_cilium > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("This file holds %u Cilium policy. It is checked (see Problems) "
                                                         "and kept as it is; the canvas edits Kubernetes NetworkPolicies. "
                                                         "Convert it with “netpol convert --to kubernetes”, or add a NetworkPolicy.",
                                                         "This file holds %u Cilium policies. They are checked (see Problems) "
                                                         "and kept as they are; the canvas edits Kubernetes NetworkPolicies. "
                                                         "Convert them with “netpol convert --to kubernetes”, or add a NetworkPolicy.",
                                                         n_cilium), n_cilium);
      adw_status_page_set_description (self->empty_page, text);
    }
  else
    adw_status_page_set_description (self->empty_page,
                                     _("This file holds no NetworkPolicy the editor can show. Add one to get started."));
}

void np_window_update_kind_dropdown (NpWindow *self);

void
np_window_clear_cilium_policy (NpWindow *self)
{
  if (self->cilium_policy == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->cilium_policy, on_cilium_policy_changed, self);
  g_clear_object (&self->cilium_policy);
  np_cilium_canvas_set_policy (self->cilium_canvas, NULL);
}

void
np_window_select_cilium_policy (NpWindow       *self,
                                NpCiliumPolicy *policy)
{
  if (self->policy != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->policy, np_window_on_policy_changed, self);
      g_clear_object (&self->policy);
      np_canvas_set_policy (self->canvas, NULL);
    }
  if (self->cilium_policy != policy)
    {
      np_window_clear_cilium_policy (self);
      self->cilium_policy = g_object_ref (policy);
      g_signal_connect_object (policy, "changed", G_CALLBACK (on_cilium_policy_changed), self, G_CONNECT_SWAPPED);
    }
  np_cilium_canvas_set_policy (self->cilium_canvas, policy);
  np_flows_page_set_policy (self->flows_page, G_OBJECT (policy));
  gtk_stack_set_visible_child_name (self->canvas_stack, "cilium");
  np_window_update_preview (self);
  np_window_update_actions (self);
  np_window_update_kind_dropdown (self);
  np_history_watch_cilium_policy (self->history, policy);
  np_window_sync_sidebar_selection (self);
}

void
np_window_select_any_policy (NpWindow *self,
                             gpointer  policy)
{
  if (policy != NULL && NP_IS_CILIUM_POLICY (policy))
    np_window_select_cilium_policy (self, policy);
  else
    np_window_select_policy (self, policy);
}

void
np_window_select_policy (NpWindow *self,
                         NpPolicy *policy)
{
  np_window_clear_cilium_policy (self);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, np_window_on_policy_changed, self);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    {
      /* Only a policy on show is edited: watching it from now on is
       * enough, and a large file's other policies need not be read. */
      np_history_watch_policy (self->history, policy);
      g_signal_connect_object (policy, "changed", G_CALLBACK (np_window_on_policy_changed), self, G_CONNECT_SWAPPED);
    }

  if (policy == NULL)
    update_empty_page (self);
  np_canvas_set_policy (self->canvas, policy);
  gtk_stack_set_visible_child_name (self->canvas_stack, policy != NULL ? "canvas" : "empty");
  np_window_update_preview (self);
  np_window_update_actions (self);
  np_traffic_page_set_policy (self->traffic_page, policy);
  np_tutorial_page_set_policy (self->tutorial_page, policy);
  np_flows_page_set_policy (self->flows_page, G_OBJECT (policy));
  np_rating_button_set_policy (self->rating_button, policy);

  np_window_update_kind_dropdown (self);
  np_window_sync_sidebar_selection (self);
}

static void
on_canvas_edit_rule (NpWindow     *self,
                     NpPolicyRule *rule)
{
  NpRuleEditor *editor;

  if (self->policy == NULL || rule == NULL)
    return;
  editor = np_rule_editor_new (GTK_WINDOW (self), self->policy,
                               np_policy_rule_get_direction (rule), rule, NP_PEER_GROUP_NAMESPACE);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_canvas_add_rule (NpWindow    *self,
                    NpDirection  direction,
                    NpPeerGroup  group)
{
  NpRuleEditor *editor;

  if (self->policy == NULL)
    return;
  editor = np_rule_editor_new (GTK_WINDOW (self), self->policy, direction, NULL, group);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_canvas_toast (NpWindow   *self,
                 const char *message)
{
  np_window_toast (self, message);
}

static void
setup_side_panel (NpWindow *self)
{

  self->rating_button = NP_RATING_BUTTON (np_rating_button_new ());
  adw_header_bar_pack_end (self->header_bar, GTK_WIDGET (self->rating_button));

  self->tutorial_page = NP_TUTORIAL_PAGE (np_tutorial_page_new ());
  g_signal_connect_object (self->tutorial_page, "load-lesson", G_CALLBACK (np_window_on_load_lesson), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tutorial_page, "toast", G_CALLBACK (np_window_toast), self, G_CONNECT_SWAPPED);
  np_side_panel_add_page (self->side_panel, GTK_WIDGET (self->tutorial_page), "tutorial",
                          _("Tutorial"), "user-bookmarks-symbolic");
  self->traffic_page = NP_TRAFFIC_PAGE (np_traffic_page_new ());
  np_side_panel_add_page (self->side_panel, GTK_WIDGET (self->traffic_page), "traffic",
                          _("Test Traffic"), "network-transmit-receive-symbolic");
  self->flows_page = NP_FLOWS_PAGE (np_flows_page_new ());
  g_signal_connect_object (self->flows_page, "open-policy", G_CALLBACK (np_window_on_open_generated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flows_page, "toast", G_CALLBACK (np_window_toast), self, G_CONNECT_SWAPPED);
  np_side_panel_add_page (self->side_panel, GTK_WIDGET (self->flows_page), "flows",
                          _("Flows"), "network-workgroup-symbolic");

  g_settings_bind (self->settings, "side-panel-visible", self->side_panel, "visible", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "preview-visible", self->preview_box, "visible", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "side-panel-page", self->side_panel, "visible-page", G_SETTINGS_BIND_DEFAULT);
}

static void
restore_state (NpWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_state (NpWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  /* Keep the unmaximized size for next time. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

static void
close_now (NpWindow *self,
           gpointer  data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
np_window_close_request (GtkWindow *window)
{
  NpWindow *self = NP_WINDOW (window);

  if (!self->close_confirmed && np_window_has_unsaved_changes (self))
    {
      np_window_confirm_discard_then (self, close_now, NULL, NULL);
      return TRUE;
    }
  save_state (self);
  /* Closing, with the changes saved or knowingly dropped. */
  if (self->recovery != NULL)
    np_recovery_discard (self->recovery);
  return GTK_WINDOW_CLASS (np_window_parent_class)->close_request (window);
}

static void
np_window_dispose (GObject *object)
{
  NpWindow *self = NP_WINDOW (object);

  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_handle_id (&self->problems_source, g_source_remove);
  if (self->sidebar_scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->documents_list), self->sidebar_scroll_tick);
      self->sidebar_scroll_tick = 0;
    }
  if (self->canvas != NULL)
    np_canvas_set_policy (self->canvas, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_WINDOW);

  if (self->manifest != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->manifest, self);
      g_signal_handlers_disconnect_by_data (np_manifest_get_documents (self->manifest), self);
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->policy);
  g_clear_object (&self->cilium_policy);
  g_clear_object (&self->history);
  g_clear_object (&self->watch);
  g_clear_object (&self->recovery);
  g_clear_object (&self->deleted_toast);
  g_clear_object (&self->manifest);
  g_clear_object (&self->policy_list);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->templates);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->text_problems, g_ptr_array_unref);

  G_OBJECT_CLASS (np_window_parent_class)->dispose (object);
}

static void
np_window_class_init (NpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = np_window_dispose;
  window_class->close_request = np_window_close_request;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (NP_TYPE_CANVAS);
  g_type_ensure (NP_TYPE_SIDE_PANEL);
  g_type_ensure (NP_TYPE_CILIUM_CANVAS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NpWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, documents_list);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, documents_selection);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, cilium_canvas);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, preview_view);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, show_cilium_button);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, conversion_revealer);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, conversion_label);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, templates_section);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, preview_box);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_edit_rule);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_add_rule);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_document_item_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_document_item_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_document_item_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_document_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_kind_toggled);

  np_window_actions_class_init (widget_class);
  np_window_files_class_init (widget_class);


}

static void
np_window_init (NpWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextBuffer *buffer;
  GtkDropTarget *drop;
  g_autoptr(NpPolicy) policy = np_window_new_blank_policy ();
  g_autoptr(NpManifest) manifest = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_state (self);
  setup_side_panel (self);
  g_signal_connect_object (self->settings, "changed::" NP_USER_TEMPLATES_KEY,
                           G_CALLBACK (np_window_update_templates_menu), self, G_CONNECT_SWAPPED);
  np_window_update_templates_menu (self);

  buffer = preview_buffer (self);
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "yaml"));
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);
  /* One undo stack, the core's: the text's own would fight it. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  self->error_tag = gtk_text_buffer_create_tag (buffer, "np-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_preview_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);

  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (np_window_attach_policy_list), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (np_window_on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (np_window_update_recent_menu), self, G_CONNECT_SWAPPED);
  np_window_update_recent_menu (self);

  manifest = np_window_new_manifest_with (policy);
  {
    g_autoptr(GObject) start = np_window_as_default_kind (self, policy);

    if (start != (gpointer) policy)
      np_manifest_replace_policy (manifest, policy, start);
  }
  np_window_set_manifest (self, manifest, NULL);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (np_window_on_kind_selected), self, G_CONNECT_SWAPPED);
}

NpWindow *
np_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (NP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

NpPolicy *
np_window_get_policy (NpWindow *self)
{
  g_return_val_if_fail (NP_IS_WINDOW (self), NULL);

  return self->policy;
}
