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

/* How long the YAML text must rest before it is read back into the policy. */
#define PARSE_DELAY_MS 400
#define PROBLEMS_DELAY_MS 120
#define MAX_RECENT 8

typedef void (*NpWindowContinuation) (NpWindow *self,
                                      gpointer  data);

struct _NpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwSqueezer          *rating_squeezer;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *main_menu_button;
  GtkDropDown          *kind_dropdown;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkListView          *documents_list;
  GtkSingleSelection   *documents_selection;
  GtkStack             *canvas_stack;
  AdwStatusPage        *empty_page;
  NpCanvas             *canvas;
  NpCiliumCanvas       *cilium_canvas;
  GtkSourceView        *preview_view;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkLabel             *problems_heading;
  GtkToggleButton      *show_cilium_button;
  GtkRevealer          *conversion_revealer;
  GtkLabel             *conversion_label;
  GtkListBox           *problems_list;
  GMenu                *recent_section;
  GMenu                *templates_section;
  NpSidePanel          *side_panel;
  GtkWidget            *preview_box;
  NpTrafficPage        *traffic_page;
  NpTutorialPage       *tutorial_page;
  NpFlowsPage          *flows_page;
  NpRatingButton       *rating_button;

  /* Owned */
  NpManifest           *manifest;
  guint                 sidebar_scroll_tick;
  NpPolicyList         *policy_list;    /* of @manifest; the sidebar's once shown */
  GFile                *file;
  NpPolicy             *policy;
  NpCiliumPolicy       *cilium_policy;  /* shown instead of @policy */
  NpHistory            *history;
  GSettings            *settings;
  NpTemplateStore      *templates;      /* the user's, as in settings */
  GtkTextTag           *error_tag;
  GPtrArray            *problems;       /* NpDiagnostic, positions in the preview */
  GPtrArray            *text_problems;  /* why the text could not become the policy */
  guint                 parse_source;
  guint                 problems_source;
  gboolean              updating_preview;
  gboolean              applying_text;
  gboolean              close_confirmed;

  /* Changes on disk and recovery (see "Changed on disk" below) */
  NpFileWatch          *watch;
  NpRecovery           *recovery;
  AdwMessageDialog     *disk_dialog;
  AdwToast             *deleted_toast;     /* shown until the file is back or saved */
  gboolean              differs_from_disk;  /* restored, or the file is gone */
  gboolean              updating_kind;
};

/* The entries of the "Policy kind" drop-down, and their GSettings names. */
enum {
  KIND_KUBERNETES,
  KIND_CILIUM,
  KIND_CILIUM_CLUSTERWIDE,
};

static const char * const kind_keys[] = { "kubernetes", "cilium", "cilium-clusterwide", NULL };

G_DEFINE_FINAL_TYPE (NpWindow, np_window, ADW_TYPE_APPLICATION_WINDOW)

static void np_window_select_policy (NpWindow *self,
                                     NpPolicy *policy);
static void select_any_policy (NpWindow *self,
                               gpointer  policy);
static gpointer as_default_kind (NpWindow *self,
                                 NpPolicy *policy);
static void np_window_save_then (NpWindow             *self,
                                 gboolean              ask_for_file,
                                 NpWindowContinuation  then,
                                 gpointer              data);
static void track_file          (NpWindow             *self,
                                 NpRecovery           *recovery);
static void schedule_recovery   (NpWindow             *self);

static GtkTextBuffer *
preview_buffer (NpWindow *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
}

static void
toast (NpWindow   *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_error_dialog (NpWindow   *self,
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

/* Title ------------------------------------------------------------------ */

static char *
display_name (NpWindow *self)
{
  if (self->file == NULL)
    return g_strdup (_("Untitled"));
  return g_file_get_basename (self->file);
}

/* Whether closing would lose something: a new, untouched policy is not
 * worth a question even though it was never saved. */
static gboolean
has_unsaved_changes (NpWindow *self)
{
  if (self->manifest != NULL && self->differs_from_disk)
    return TRUE;
  if (self->manifest == NULL || !np_manifest_get_modified (self->manifest))
    return FALSE;
  return self->file != NULL || np_history_get_can_undo (self->history);
}

static void
update_title (NpWindow *self)
{
  g_autofree char *name = display_name (self);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *folder = NULL;
  gboolean modified = has_unsaved_changes (self);

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

/* YAML preview ------------------------------------------------------------ */

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

static void
update_preview (NpWindow *self)
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
static gboolean
parse_preview_cb (gpointer data)
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
  self->parse_source = g_timeout_add (PARSE_DELAY_MS, parse_preview_cb, self);
}

static void
on_policy_changed (NpWindow *self,
                   NpPolicy *policy)
{
  schedule_recovery (self);
  if (policy != self->policy)
    return;
  /* A change that came from the text itself must not rewrite it under the
   * cursor; every other change shows at once. */
  if (!self->applying_text)
    update_preview (self);
}

static void
on_cilium_policy_changed (NpWindow       *self,
                          NpCiliumPolicy *policy)
{
  if (policy != self->cilium_policy)
    return;
  if (!self->applying_text)
    update_preview (self);
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
      parse_preview_cb (self);
    }
  update_preview (self);
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

/* Problems ----------------------------------------------------------------- */

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

/* Policies of the file ----------------------------------------------------- */

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
static void
sync_sidebar_selection (NpWindow *self)
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
static void
attach_policy_list (NpWindow *self)
{
  if (!adw_flap_get_reveal_flap (self->flap) ||
      gtk_single_selection_get_model (self->documents_selection) == G_LIST_MODEL (self->policy_list))
    return;
  gtk_single_selection_set_model (self->documents_selection, G_LIST_MODEL (self->policy_list));
  sync_sidebar_selection (self);
  scroll_sidebar_to_selected (self);
}

static void
on_document_selected (NpWindow *self)
{
  gpointer policy = gtk_single_selection_get_selected_item (self->documents_selection);

  if (policy == NULL || (!NP_IS_POLICY (policy) && !NP_IS_CILIUM_POLICY (policy)))
    return;
  if (policy != (gpointer) self->policy && policy != (gpointer) self->cilium_policy)
    select_any_policy (self, policy);
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
static gpointer
first_any_policy (NpManifest *manifest)
{
  NpPolicy *policy = first_policy (manifest);

  if (policy != NULL)
    return policy;
  return first_policy_of_type (manifest, NP_TYPE_CILIUM_POLICY);
}

static void
update_actions (NpWindow *self)
{
  gboolean have_policy = self->policy != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", np_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", np_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-policy", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-policy", have_policy || self->cilium_policy != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-policy", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-diagram", have_policy || self->cilium_policy != NULL);
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

static void update_kind_dropdown (NpWindow *self);

static void
clear_cilium_policy (NpWindow *self)
{
  if (self->cilium_policy == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->cilium_policy, on_cilium_policy_changed, self);
  g_clear_object (&self->cilium_policy);
  np_cilium_canvas_set_policy (self->cilium_canvas, NULL);
}

static void
np_window_select_cilium_policy (NpWindow       *self,
                                NpCiliumPolicy *policy)
{
  if (self->policy != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
      g_clear_object (&self->policy);
      np_canvas_set_policy (self->canvas, NULL);
    }
  if (self->cilium_policy != policy)
    {
      clear_cilium_policy (self);
      self->cilium_policy = g_object_ref (policy);
      g_signal_connect_object (policy, "changed", G_CALLBACK (on_cilium_policy_changed), self, G_CONNECT_SWAPPED);
    }
  np_cilium_canvas_set_policy (self->cilium_canvas, policy);
  np_flows_page_set_policy (self->flows_page, G_OBJECT (policy));
  gtk_stack_set_visible_child_name (self->canvas_stack, "cilium");
  update_preview (self);
  update_actions (self);
  update_kind_dropdown (self);
  np_history_watch_cilium_policy (self->history, policy);
  sync_sidebar_selection (self);
}

static void
select_any_policy (NpWindow *self,
                   gpointer  policy)
{
  if (policy != NULL && NP_IS_CILIUM_POLICY (policy))
    np_window_select_cilium_policy (self, policy);
  else
    np_window_select_policy (self, policy);
}

static void
np_window_select_policy (NpWindow *self,
                         NpPolicy *policy)
{
  clear_cilium_policy (self);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    {
      /* Only a policy on show is edited: watching it from now on is
       * enough, and a large file's other policies need not be read. */
      np_history_watch_policy (self->history, policy);
      g_signal_connect_object (policy, "changed", G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
    }

  if (policy == NULL)
    update_empty_page (self);
  np_canvas_set_policy (self->canvas, policy);
  gtk_stack_set_visible_child_name (self->canvas_stack, policy != NULL ? "canvas" : "empty");
  update_preview (self);
  update_actions (self);
  np_traffic_page_set_policy (self->traffic_page, policy);
  np_tutorial_page_set_policy (self->tutorial_page, policy);
  np_flows_page_set_policy (self->flows_page, G_OBJECT (policy));
  np_rating_button_set_policy (self->rating_button, policy);

  update_kind_dropdown (self);
  sync_sidebar_selection (self);
}

static void
on_manifest_modified (NpWindow *self)
{
  update_title (self);
  schedule_recovery (self);
}

static void
on_documents_changed (NpWindow *self)
{
  sync_sidebar_selection (self);
  schedule_recovery (self);
}

/* Shows @manifest, read from @file (NULL: not saved yet). */
static void
np_window_set_manifest (NpWindow   *self,
                        NpManifest *manifest,
                        GFile      *file)
{
  if (self->manifest != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->manifest, on_manifest_modified, self);
      g_signal_handlers_disconnect_by_func (np_manifest_get_documents (self->manifest),
                                            on_documents_changed, self);
    }
  g_set_object (&self->manifest, manifest);
  g_set_object (&self->file, file);
  /* Made before the window listens to the documents: it must have
   * followed a change by the time the window looks at it. */
  g_clear_object (&self->policy_list);
  self->policy_list = np_policy_list_new (manifest);
  gtk_single_selection_set_model (self->documents_selection, NULL);
  attach_policy_list (self);

  g_clear_object (&self->history);
  self->history = np_history_new ();
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (manifest, "notify::modified", G_CALLBACK (on_manifest_modified), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (np_manifest_get_documents (manifest), "items-changed",
                           G_CALLBACK (on_documents_changed), self, G_CONNECT_SWAPPED);

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  g_clear_object (&self->policy);
  clear_cilium_policy (self);
  select_any_policy (self, first_any_policy (manifest));
  track_file (self, NULL);
  update_title (self);
}

static NpManifest *
new_manifest_with (NpPolicy *policy)
{
  NpManifest *manifest = np_manifest_new ();
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  np_manifest_load_bytes (manifest, empty, NULL, NULL);
  np_manifest_add_policy (manifest, policy);
  return manifest;
}

/* Unsaved changes ---------------------------------------------------------- */

typedef struct {
  NpWindowContinuation then;
  gpointer             data;
  GDestroyNotify       destroy;
} Continuation;

static void
continuation_free (Continuation *c)
{
  if (c->destroy)
    c->destroy (c->data);
  g_free (c);
}

typedef struct {
  NpWindow     *self;
  Continuation *c;
  gboolean      save;
} PendingResponse;

/* Runs after the dialog is gone: closing the window from inside the
 * dialog's own response would leave the dialog with a dead parent. */
static gboolean
run_response (gpointer data)
{
  PendingResponse *pending = data;
  Continuation *c = pending->c;

  if (pending->save)
    {
      np_window_save_then (pending->self, pending->self->file == NULL, c->then, c->data);
      c->destroy = NULL;
    }
  else
    c->then (pending->self, c->data);
  continuation_free (c);
  g_object_unref (pending->self);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Continuation *c = user_data;
  NpWindow *self = NP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  PendingResponse *pending;

  if (!g_str_equal (response, "discard") && !g_str_equal (response, "save"))
    {
      continuation_free (c);
      return;
    }
  pending = g_new0 (PendingResponse, 1);
  pending->self = g_object_ref (self);
  pending->c = c;
  pending->save = g_str_equal (response, "save");
  g_idle_add (run_response, pending);
}

/* Runs @then once the user agrees to lose the unsaved changes (or saved
 * them); never when they cancel. */
static void
confirm_discard_then (NpWindow             *self,
                      NpWindowContinuation  then,
                      gpointer              data,
                      GDestroyNotify        destroy)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  Continuation *c;

  if (!has_unsaved_changes (self))
    {
      then (self, data);
      if (destroy)
        destroy (data);
      return;
    }

  name = display_name (self);
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be permanently lost."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  c = g_new0 (Continuation, 1);
  c->then = then;
  c->data = data;
  c->destroy = destroy;
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Changed on disk and recovery ---------------------------------------------- */

/* Unsaved work goes to a recovery file a moment after each edit, so that a
 * crash or a kill loses at most that moment. */
static void
schedule_recovery (NpWindow *self)
{
  if (self->recovery == NULL || self->manifest == NULL)
    return;
  /* A new document nobody touched is not worth keeping. */
  if (!has_unsaved_changes (self))
    {
      np_recovery_discard (self->recovery);
      return;
    }
  np_recovery_set_file (self->recovery, self->file);
  np_recovery_schedule (self->recovery, self->manifest, self->differs_from_disk);
}

static NpPolicy *
find_policy_like (NpManifest *manifest,
                  const char *name,
                  const char *namespace)
{
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (policies, i);

      if (NP_IS_POLICY (item) &&
          g_strcmp0 (np_policy_get_name (NP_POLICY (item)), name) == 0 &&
          g_strcmp0 (np_policy_get_namespace (NP_POLICY (item)), namespace) == 0)
        return NP_POLICY (item);
    }
  return NULL;
}

/* Reads the file again, keeping the selected policy when it is still there. */
static void
reload_from_disk (NpWindow *self)
{
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GFile) file = g_object_ref (self->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *namespace = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *message = NULL;
  NpPolicy *match;

  if (!np_manifest_load_file (manifest, file, NULL, &error))
    {
      /* Keep what is shown: it is now the only good copy. */
      message = g_strdup_printf (_("“%s” changed on disk and cannot be read: %s"), basename, error->message);
      toast (self, message);
      self->differs_from_disk = TRUE;
      update_title (self);
      schedule_recovery (self);
      return;
    }
  if (self->policy != NULL)
    {
      name = g_strdup (np_policy_get_name (self->policy));
      namespace = g_strdup (np_policy_get_namespace (self->policy));
    }
  np_window_set_manifest (self, manifest, file);
  match = find_policy_like (manifest, name, namespace);
  if (match != NULL)
    np_window_select_policy (self, match);
  message = g_strdup_printf (_("“%s” changed on disk and was reloaded"), basename);
  toast (self, message);
}

static void
on_disk_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         NpWindow         *self)
{
  self->disk_dialog = NULL;
  if (g_str_equal (response, "reload"))
    reload_from_disk (self);
}

static void
on_changed_on_disk (NpWindow    *self,
                    GBytes      *contents,
                    NpFileWatch *watch)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!has_unsaved_changes (self))
    {
      reload_from_disk (self);
      return;
    }
  /* One question at a time; its answer reads the file as it is then. */
  if (self->disk_dialog != NULL)
    return;
  self->differs_from_disk = TRUE;
  update_title (self);
  name = display_name (self);
  body = g_strdup_printf (_("“%s” was changed by another program while you have unsaved changes. "
                            "Reloading drops your changes; keeping them overwrites the file when you save."),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Changed on Disk"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep My Changes"),
                                    "reload", _("_Reload from Disk"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  self->disk_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disk_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_deleted_on_disk (NpWindow    *self,
                    NpFileWatch *watch)
{
  g_autofree char *name = display_name (self);
  g_autofree char *message = g_strdup_printf (_("“%s” was deleted on disk; save to keep it"), name);
  AdwToast *deleted = adw_toast_new (message);

  /* The document is now the only copy: it counts as unsaved. */
  self->differs_from_disk = TRUE;
  update_title (self);
  schedule_recovery (self);
  adw_toast_set_timeout (deleted, 0);
  g_set_object (&self->deleted_toast, deleted);
  adw_toast_overlay_add_toast (self->toast_overlay, deleted);
}

/* After opening or saving: watch self->file with what is in it now as the
 * reference, and start a fresh recovery (or carry on with @recovery, a
 * restored one). */
static void
track_file (NpWindow   *self,
            NpRecovery *recovery)
{
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  self->differs_from_disk = FALSE;
  if (self->deleted_toast != NULL)
    adw_toast_dismiss (self->deleted_toast);
  g_clear_object (&self->deleted_toast);

  if (self->recovery != NULL && self->recovery != recovery)
    np_recovery_discard (self->recovery);
  if (recovery != NULL)
    g_set_object (&self->recovery, recovery);
  else
    {
      g_clear_object (&self->recovery);
      self->recovery = np_recovery_new (NULL);
    }
  np_recovery_set_file (self->recovery, self->file);

  if (self->file != NULL && self->manifest != NULL)
    {
      g_autoptr(GBytes) contents = NULL;
      char *data = NULL;
      gsize length = 0;

      /* A restored document differs from its file: the reference is the
       * file as it is, so that only a later change counts. */
      if (recovery != NULL && g_file_load_contents (self->file, NULL, &data, &length, NULL, NULL))
        contents = g_bytes_new_take (data, length);
      else
        contents = np_manifest_to_bytes (self->manifest);

      self->watch = np_file_watch_new (self->file);
      np_file_watch_set_contents (self->watch, contents);
      g_signal_connect_object (self->watch, "changed-on-disk", G_CALLBACK (on_changed_on_disk),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->watch, "deleted-on-disk", G_CALLBACK (on_deleted_on_disk),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
restore_recovery (NpWindow   *self,
                  NpRecovery *recovery)
{
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  GFile *file = np_recovery_get_file (recovery);
  g_autofree char *name = file ? g_file_get_parse_name (file) : NULL;

  /* Text that does not parse is shown as it is, like a file that does not. */
  np_manifest_load_bytes (manifest, np_recovery_get_text (recovery), name, NULL);
  np_window_set_manifest (self, manifest, file);
  track_file (self, recovery);
  /* It differs from the file (or there is none): unsaved until saved. */
  self->differs_from_disk = TRUE;
  update_title (self);
  toast (self, _("Unsaved changes restored"));
}

static void
on_recovery_response (AdwMessageDialog *dialog,
                      const char       *response,
                      NpWindow         *self)
{
  NpRecovery *recovery = g_object_get_data (G_OBJECT (dialog), "np-recovery");

  if (g_str_equal (response, "restore"))
    restore_recovery (self, recovery);
  else if (g_str_equal (response, "discard"))
    np_recovery_discard (recovery);
}

void
np_window_offer_recovery (NpWindow *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;
  NpRecovery *newest;
  GtkWidget *dialog;

  g_return_if_fail (NP_IS_WINDOW (self));

  found = np_recovery_list (NULL);
  if (found->len == 0)
    return;
  /* One window for now: offer the newest; older ones wait for the next start. */
  newest = g_ptr_array_index (found, found->len - 1);
  local = g_date_time_to_local (np_recovery_get_saved_at (newest));
  when = g_date_time_format (local, "%x %X");
  what = np_recovery_get_file (newest) ? g_file_get_basename (np_recovery_get_file (newest))
                                       : g_strdup (_("Untitled"));
  body = g_strdup_printf (_("Unsaved changes from %s to “%s” were recovered."), when, what);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* Escape decides nothing: the offer comes back next time. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "np-recovery", g_object_ref (newest), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recovery_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening and saving -------------------------------------------------------- */

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
open_file_now (NpWindow *self,
               gpointer  data)
{
  GFile *file = data;
  g_autoptr(GError) error = NULL;

  if (!np_window_open_file (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error_dialog (self, heading, error->message);
    }
}

void
np_window_open (NpWindow *self,
                GFile    *file)
{
  g_return_if_fail (NP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  confirm_discard_then (self, open_file_now, g_object_ref (file), g_object_unref);
}

static void
add_file_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) manifests = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (manifests, _("Kubernetes Manifests (YAML, JSON)"));
  gtk_file_filter_add_mime_type (manifests, "application/yaml");
  gtk_file_filter_add_mime_type (manifests, "application/x-yaml");
  gtk_file_filter_add_mime_type (manifests, "text/yaml");
  gtk_file_filter_add_mime_type (manifests, "application/json");
  gtk_file_filter_add_suffix (manifests, "yaml");
  gtk_file_filter_add_suffix (manifests, "yml");
  gtk_file_filter_add_suffix (manifests, "json");
  gtk_file_chooser_add_filter (chooser, manifests);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  NpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      open_file_now (self, file);
    }
  g_object_unref (dialog);
}

static void
show_open_dialog (NpWindow *self,
                  gpointer  data)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Manifest"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_file_filters (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  confirm_discard_then (self, show_open_dialog, NULL, NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  np_window_open (self, file);
}

static gboolean
save_to (NpWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!np_manifest_save (self->manifest, file, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      show_error_dialog (self, heading, error->message);
      return FALSE;
    }
  g_set_object (&self->file, file);
  add_recent (file);
  track_file (self, NULL);
  update_title (self);

  /* Saving re-reads the file: the policies are new objects. */
  {
    gboolean cilium = self->cilium_policy != NULL;
    g_autofree char *name = cilium ? g_strdup (np_cilium_policy_get_name (self->cilium_policy))
                                   : self->policy ? g_strdup (np_policy_get_name (self->policy)) : NULL;
    g_autoptr(GListModel) policies = np_manifest_list_policies (self->manifest);
    gpointer match = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (policies) && match == NULL; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (policies, i);

        if (!cilium && NP_IS_POLICY (item) && g_strcmp0 (np_policy_get_name (NP_POLICY (item)), name) == 0)
          match = item;
        else if (cilium && NP_IS_CILIUM_POLICY (item) &&
                 g_strcmp0 (np_cilium_policy_get_name (NP_CILIUM_POLICY (item)), name) == 0)
          match = item;
      }
    g_clear_object (&self->history);
    self->history = np_history_new ();
    g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    if (self->policy != NULL)
      g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
    g_clear_object (&self->policy);
    clear_cilium_policy (self);
    sync_sidebar_selection (self);
    select_any_policy (self, match ? match : first_any_policy (self->manifest));
  }
  toast (self, _("Saved"));
  return TRUE;
}

typedef struct {
  NpWindow             *self;
  NpWindowContinuation  then;
  gpointer              data;
} SaveAs;

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SaveAs          *save_as)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (save_to (save_as->self, file) && save_as->then != NULL)
        save_as->then (save_as->self, save_as->data);
    }
  g_object_unref (save_as->self);
  g_free (save_as);
  g_object_unref (dialog);
}

static void
np_window_save_then (NpWindow             *self,
                     gboolean              ask_for_file,
                     NpWindowContinuation  then,
                     gpointer              data)
{
  GtkFileChooserNative *dialog;
  SaveAs *save_as;

  if (!ask_for_file && self->file != NULL)
    {
      if (save_to (self, self->file) && then != NULL)
        then (self, data);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Save Manifest"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  add_file_filters (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    {
      const char *name = self->policy ? np_policy_get_name (self->policy)
                         : self->cilium_policy ? np_cilium_policy_get_name (self->cilium_policy) : NULL;
      g_autofree char *suggested = g_strdup_printf ("%s.yaml", name && *name ? name : "network-policy");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
    }
  save_as = g_new0 (SaveAs, 1);
  save_as->self = g_object_ref (self);
  save_as->then = then;
  save_as->data = data;
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), save_as);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  np_window_save_then (self, FALSE, NULL, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  np_window_save_then (self, TRUE, NULL, NULL);
}

/* New, templates, policies ------------------------------------------------- */

static NpPolicy *
new_blank_policy (void)
{
  NpPolicy *policy = np_policy_new ();

  np_policy_set_name (policy, "new-policy");
  np_policy_set_namespace (policy, "default");
  return policy;
}

static void
new_now (NpWindow *self,
         gpointer  data)
{
  NpPolicy *policy = data;
  g_autoptr(NpManifest) manifest = new_manifest_with (policy);
  g_autoptr(GObject) start = as_default_kind (self, policy);

  /* Before the window shows it: a new policy starts as the kind chosen last. */
  if (start != (gpointer) policy)
    np_manifest_replace_policy (manifest, policy, start);
  np_window_set_manifest (self, manifest, NULL);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  confirm_discard_then (self, new_now, new_blank_policy (), g_object_unref);
}

static void
new_from_template_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  NpPolicy *policy = np_user_templates_load_builtin (g_variant_get_string (parameter, NULL), &error);

  if (policy == NULL)
    {
      toast (self, error ? error->message : _("The template could not be read."));
      return;
    }
  confirm_discard_then (self, new_now, policy, g_object_unref);
}

static void
new_from_user_template_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  const char *yaml = np_template_store_get_yaml (self->templates, g_variant_get_string (parameter, NULL));
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  NpPolicy *policy = yaml != NULL ? np_policy_new_from_yaml (yaml, -1, diagnostics) : NULL;

  if (policy == NULL)
    {
      g_autofree char *reason = diagnostics->len > 0 ? np_diagnostic_format (diagnostics->pdata[0]) : NULL;

      toast (self, reason != NULL ? reason : _("The template could not be read."));
      return;
    }
  confirm_discard_then (self, new_now, policy, g_object_unref);
}

static void
update_templates_menu (NpWindow *self)
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

  if (!g_str_equal (response, "save") || self->policy == NULL)
    return;
  store = np_user_templates_load (self->settings);
  yaml = np_policy_to_yaml (self->policy);
  if (!np_template_store_add (store, gtk_editable_get_text (entry), yaml, &error))
    {
      show_error_dialog (self, _("Could Not Save the Template"), error->message);
      return;
    }
  np_user_templates_save (self->settings, store);
  toast (self, _("Template saved: find it under New from Template"));
}

static void
save_as_template_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->policy == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save as Template"),
                                   _("Policies saved as templates appear under New from Template. A template of the same name is replaced."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), np_policy_get_name (self->policy) ? np_policy_get_name (self->policy) : "");
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

/* Copying ------------------------------------------------------------------ */

static void
copy_yaml_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autofree char *yaml = NULL;

  if (self->policy == NULL)
    return;
  yaml = np_policy_to_yaml (self->policy);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), yaml);
  toast (self, _("YAML copied"));
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

  if (self->policy == NULL)
    return;
  yaml = np_policy_to_yaml (self->policy);
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
  toast (self, _("kubectl command copied"));
}

static void
add_policy_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  g_autoptr(NpPolicy) policy = new_blank_policy ();
  g_autoptr(GObject) start = as_default_kind (self, policy);

  np_manifest_add_policy (self->manifest, policy);
  if (start != (gpointer) policy)
    {
      np_manifest_replace_policy (self->manifest, policy, start);
      np_history_watch_cilium_policy (self->history, NP_CILIUM_POLICY (start));
      sync_sidebar_selection (self);
      np_window_select_cilium_policy (self, NP_CILIUM_POLICY (start));
      return;
    }
  np_history_watch_policy (self->history, policy);
  np_window_select_policy (self, policy);
  sync_sidebar_selection (self);
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
  np_window_select_policy (self, copy);
  sync_sidebar_selection (self);
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
      toast (self, _("This policy is an item of a List; remove it in the YAML of the list."));
      return;
    }
  np_history_unwatch_policy (self->history, policy);
  np_manifest_remove_document (self->manifest, document);
  if (policy == (gpointer) self->policy || policy == (gpointer) self->cilium_policy)
    select_any_policy (self, first_any_policy (self->manifest));
  sync_sidebar_selection (self);
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

  if (self->policy == NULL && self->cilium_policy == NULL)
    return;
  policy = self->policy != NULL ? (gpointer) self->policy : (gpointer) self->cilium_policy;
  name = self->policy != NULL ? np_policy_get_name (self->policy) : np_cilium_policy_get_name (self->cilium_policy);
  body = g_strdup_printf (_("The policy “%s” will be removed from the file when you save."), name ? name : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Policy?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "np-policy", g_object_ref (policy), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo and redo -------------------------------------------------------------- */

static void
after_history_step (NpWindow *self,
                    gpointer  policy)
{
  if (policy != NULL && policy != (gpointer) self->policy && policy != (gpointer) self->cilium_policy)
    select_any_policy (self, policy);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  /* Text typed but not yet read back is an edit too: take it first. */
  if (self->parse_source != 0)
    {
      g_clear_handle_id (&self->parse_source, g_source_remove);
      parse_preview_cb (self);
    }
  after_history_step (self, np_history_undo (self->history));
  update_preview (self);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  after_history_step (self, np_history_redo (self->history));
  update_preview (self);
}

/* Policy kind --------------------------------------------------------------- */

static guint
current_kind (NpWindow *self)
{
  if (self->cilium_policy != NULL)
    return np_cilium_policy_is_clusterwide (self->cilium_policy) ? KIND_CILIUM_CLUSTERWIDE : KIND_CILIUM;
  return KIND_KUBERNETES;
}

static void
update_kind_dropdown (NpWindow *self)
{
  self->updating_kind = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, current_kind (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), self->policy != NULL || self->cilium_policy != NULL);
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
  sync_sidebar_selection (self);
  select_any_policy (self, in_policy);
}

/* (transfer full) (nullable) the shown policy as @kind; NULL when the core
 * cannot convert it, with the reason in @losses. */
static gpointer
convert_current (NpWindow  *self,
                 guint      kind,
                 GPtrArray *losses)
{
  if (self->policy != NULL)
    return np_convert_to_cilium (self->policy, kind == KIND_CILIUM_CLUSTERWIDE, losses);
  if (kind == KIND_KUBERNETES)
    return np_convert_to_kubernetes (self->cilium_policy, losses);
  return np_cilium_edit_change_scope (self->cilium_policy, kind == KIND_CILIUM_CLUSTERWIDE, losses);
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
      toast (self, _("This policy is an item of a List, which holds NetworkPolicies only: it keeps its kind."));
      update_kind_dropdown (self);
      return;
    }
  if (record)
    np_history_record_replace (self->history, old, converted, replace_in_manifest, self);
  if (NP_IS_CILIUM_POLICY (converted))
    np_history_watch_cilium_policy (self->history, converted);
  else
    np_history_watch_policy (self->history, converted);
  sync_sidebar_selection (self);
  select_any_policy (self, converted);
  /* The kind chosen last is the kind of the next new policy. */
  if (record)
    g_settings_set_string (self->settings, "policy-kind", kind_keys[current_kind (self)]);
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
    update_kind_dropdown (self);
}

static void
switch_kind (NpWindow *self,
             guint     kind)
{
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GObject) converted = NULL;
  GtkWidget *dialog;
  GString *body;

  if ((self->policy == NULL && self->cilium_policy == NULL) || kind == current_kind (self))
    return;

  converted = convert_current (self, kind, losses);
  if (converted == NULL)
    {
      body = g_string_new (_("The core cannot convert this policy:"));
      for (guint i = 0; i < losses->len; i++)
        g_string_append_printf (body, "\n• %s", np_diagnostic_get_message (g_ptr_array_index (losses, i)));
      show_error_dialog (self, _("Cannot Change the Kind"), body->str);
      g_string_free (body, TRUE);
      update_kind_dropdown (self);
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

static void
on_kind_selected (NpWindow *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->updating_kind || kind >= G_N_ELEMENTS (kind_keys) - 1)
    return;
  switch_kind (self, kind);
}

/* A new @policy as the kind chosen last (GSettings "policy-kind"): the
 * policy itself, or its conversion. Not an undo step: it is how the
 * policy starts. (transfer full) */
static gpointer
as_default_kind (NpWindow *self,
                 NpPolicy *policy)
{
  g_autofree char *key = g_settings_get_string (self->settings, "policy-kind");
  guint kind = KIND_KUBERNETES;
  NpCiliumPolicy *converted;

  while (kind_keys[kind] != NULL && g_strcmp0 (kind_keys[kind], key) != 0)
    kind++;
  if (kind_keys[kind] == NULL || kind == KIND_KUBERNETES)
    return g_object_ref (policy);
  converted = np_convert_to_cilium (policy, kind == KIND_CILIUM_CLUSTERWIDE, NULL);
  return converted != NULL ? (gpointer) converted : g_object_ref (policy);
}

/* Canvas ------------------------------------------------------------------- */

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
  toast (self, message);
}

/* Export ------------------------------------------------------------------- */

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    NpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      /* the canvas shown: a Cilium policy has its own */
      GtkWidget *canvas = self->cilium_policy != NULL ? GTK_WIDGET (self->cilium_canvas) : GTK_WIDGET (self->canvas);

      if (np_export_widget (canvas, file, &error))
        toast (self, _("Diagram exported"));
      else
        show_error_dialog (self, _("Could Not Export the Diagram"), error->message);
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
  const char *name = self->policy ? np_policy_get_name (self->policy) : NULL;
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

/* Recent files and drag and drop ------------------------------------------- */

static void
update_recent_menu (NpWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_has_application (info, g_get_application_name ()) &&
          !gtk_recent_info_has_application (info, g_get_prgname ()))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_section, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         NpWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  np_window_open (self, G_FILE (files->data));
  return TRUE;
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
load_lesson_now (NpWindow *self,
                 gpointer  data)
{
  np_window_set_manifest (self, data, NULL);
}

/* A lesson's example opens as a new, untitled document. */
static void
on_load_lesson (NpWindow   *self,
                NpTutorial *lesson)
{
  g_autoptr(GError) error = NULL;
  NpManifest *manifest = np_tutorial_load_example (lesson, &error);

  if (manifest == NULL)
    {
      show_error_dialog (self, _("Could Not Open the Lesson"), error->message);
      return;
    }
  confirm_discard_then (self, load_lesson_now, manifest, g_object_unref);
}

static void
toggle_side_panel_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->side_panel), !gtk_widget_get_visible (GTK_WIDGET (self->side_panel)));
}

/* The side panel's pages, and its and the preview's shown state kept in
 * settings. */
/* A policy generated from flows opens as a new, untitled document, as a
 * lesson's example does. */
static void
on_open_generated (NpWindow *self,
                   GObject  *policy)
{
  NpManifest *manifest = np_manifest_new ();
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  np_manifest_load_bytes (manifest, empty, NULL, NULL);
  np_manifest_add_policy (manifest, policy);
  confirm_discard_then (self, load_lesson_now, manifest, g_object_unref);
}

static void
setup_side_panel (NpWindow *self)
{

  self->rating_button = NP_RATING_BUTTON (np_rating_button_new ());
  /* It gives way in a narrow window. */
  adw_squeezer_add (self->rating_squeezer, GTK_WIDGET (self->rating_button));

  self->tutorial_page = NP_TUTORIAL_PAGE (np_tutorial_page_new ());
  g_signal_connect_object (self->tutorial_page, "load-lesson", G_CALLBACK (on_load_lesson), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tutorial_page, "toast", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  np_side_panel_add_page (self->side_panel, GTK_WIDGET (self->tutorial_page), "tutorial",
                          _("Tutorial"), "user-bookmarks-symbolic");
  self->traffic_page = NP_TRAFFIC_PAGE (np_traffic_page_new ());
  np_side_panel_add_page (self->side_panel, GTK_WIDGET (self->traffic_page), "traffic",
                          _("Test Traffic"), "network-transmit-receive-symbolic");
  self->flows_page = NP_FLOWS_PAGE (np_flows_page_new ());
  g_signal_connect_object (self->flows_page, "open-policy", G_CALLBACK (on_open_generated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flows_page, "toast", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  np_side_panel_add_page (self->side_panel, GTK_WIDGET (self->flows_page), "flows",
                          _("Flows"), "network-workgroup-symbolic");

  g_settings_bind (self->settings, "side-panel-visible", self->side_panel, "visible", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "preview-visible", self->preview_box, "visible", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "side-panel-page", self->side_panel, "visible-page", G_SETTINGS_BIND_DEFAULT);
}

/* Window state --------------------------------------------------------------- */

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

  if (!self->close_confirmed && has_unsaved_changes (self))
    {
      confirm_discard_then (self, close_now, NULL, NULL);
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
  gtk_widget_class_bind_template_child (widget_class, NpWindow, rating_squeezer);
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

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s", new_from_template_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-policy", NULL, add_policy_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-policy", NULL, duplicate_policy_action);
  gtk_widget_class_install_action (widget_class, "win.rename-policy", NULL, rename_policy_action);
  gtk_widget_class_install_action (widget_class, "win.delete-policy", NULL, delete_policy_action);
  gtk_widget_class_install_action (widget_class, "win.export-diagram", NULL, export_diagram_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-side-panel", NULL, toggle_side_panel_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-user-template", "s", new_from_user_template_action);
  gtk_widget_class_install_action (widget_class, "win.save-as-template", NULL, save_as_template_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.copy-yaml", NULL, copy_yaml_action);
  gtk_widget_class_install_action (widget_class, "win.copy-kubectl", NULL, copy_kubectl_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-yaml", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-yaml", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
np_window_init (NpWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextBuffer *buffer;
  GtkDropTarget *drop;
  g_autoptr(NpPolicy) policy = new_blank_policy ();
  g_autoptr(NpManifest) manifest = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_state (self);
  setup_side_panel (self);
  g_signal_connect_object (self->settings, "changed::" NP_USER_TEMPLATES_KEY,
                           G_CALLBACK (update_templates_menu), self, G_CONNECT_SWAPPED);
  update_templates_menu (self);

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
                           G_CALLBACK (attach_policy_list), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  manifest = new_manifest_with (policy);
  {
    g_autoptr(GObject) start = as_default_kind (self, policy);

    if (start != (gpointer) policy)
      np_manifest_replace_policy (manifest, policy, start);
  }
  np_window_set_manifest (self, manifest, NULL);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (on_kind_selected), self, G_CONNECT_SWAPPED);
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

gboolean
np_window_open_file (NpWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(NpManifest) manifest = np_manifest_new ();

  g_return_val_if_fail (NP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!np_manifest_load_file (manifest, file, NULL, error))
    return FALSE;

  np_window_show_manifest (self, manifest, file);
  return TRUE;
}

void
np_window_show_manifest (NpWindow   *self,
                         NpManifest *manifest,
                         GFile      *file)
{
  g_return_if_fail (NP_IS_WINDOW (self));
  g_return_if_fail (NP_IS_MANIFEST (manifest));
  g_return_if_fail (G_IS_FILE (file));

  np_window_set_manifest (self, manifest, file);
  add_recent (file);
  if (self->policy == NULL && self->cilium_policy == NULL)
    toast (self, _("This file has no NetworkPolicy; its other documents are kept as they are."));
}
