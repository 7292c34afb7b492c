/* np-yaml-pane.c: the shown policy's YAML, editable, and the list of its problems
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
#include "np-cluster-policy.h"
#include "np-convert.h"
#include "np-document.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml-pane.h"
#include "np-yaml.h"

/* How long the YAML text must rest before it is read back into the policy. */
#define PARSE_DELAY_MS 400
#define PROBLEMS_DELAY_MS 120

struct _NpYamlPane
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget       *side_paned;
  GtkWidget       *preview_box;
  GtkSourceView   *preview_view;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkLabel        *problems_heading;
  GtkToggleButton *show_kubernetes_button;
  GtkToggleButton *show_cilium_button;
  GtkRevealer     *conversion_revealer;
  GtkLabel        *conversion_label;
  GtkListBox      *problems_list;

  /* Owned */
  NpManifest      *manifest;
  GObject         *policy;         /* NpPolicy or NpCiliumPolicy */
  GListStore      *problems;       /* NpDiagnostic, positions in the text */
  GPtrArray       *text_problems;  /* why the text could not become the policy */
  NpDiagnostic    *text_error;     /* the first of them, or the syntax error */
  GtkTextTag      *error_tag;
  guint            parse_source;
  guint            problems_source;
  gboolean         updating;
  gboolean         applying_text;
  gboolean         text_differs;
  gboolean         can_undo_text;
  gboolean         can_redo_text;
};

G_DEFINE_FINAL_TYPE (NpYamlPane, np_yaml_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT_VISIBLE,
  PROP_TEXT_DIFFERS,
  PROP_CAN_UNDO_TEXT,
  PROP_CAN_REDO_TEXT,
  N_PROPS
};

enum {
  PROBLEM_ACTIVATED,
  TEXT_READ,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkTextBuffer *
buffer_of (NpYamlPane *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
}

static char *
buffer_text (NpYamlPane *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer_of (self), &start, &end);
  return gtk_text_buffer_get_text (buffer_of (self), &start, &end, FALSE);
}

static gboolean
showing_cilium (NpYamlPane *self)
{
  return gtk_toggle_button_get_active (self->show_cilium_button);
}

/* The text is the person's to edit: a Kubernetes policy shown as such, or
 * a Cilium policy (the converted view is for reading). */
static gboolean
editable (NpYamlPane *self)
{
  return NP_IS_CILIUM_POLICY (self->policy) || NP_IS_CLUSTER_POLICY (self->policy) ||
         (NP_IS_POLICY (self->policy) && !showing_cilium (self));
}

/* (nullable) the document that is the policy and nothing else: its text is
 * the one saved. An item of a List has no text of its own. */
static NpDocument *
own_document (NpYamlPane *self)
{
  NpDocument *document;

  if (self->manifest == NULL || self->policy == NULL)
    return NULL;
  document = np_manifest_find_document (self->manifest, self->policy);
  if (document == NULL || np_document_get_kind (document) == NP_DOCUMENT_LIST)
    return NULL;
  return document;
}

/* The policy as a CiliumNetworkPolicy, for reading only; what the
 * conversion cannot keep is said above it. */
static char *
cilium_yaml (NpYamlPane *self)
{
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpCiliumPolicy) converted = np_convert_to_cilium (NP_POLICY (self->policy), FALSE, losses);
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

/* What the text shows when it shows the model: what saving writes. */
static char *
model_text (NpYamlPane *self)
{
  NpDocument *document = own_document (self);

  if (self->policy == NULL)
    return g_strdup ("");
  if (NP_IS_POLICY (self->policy) && showing_cilium (self))
    {
      char *yaml = cilium_yaml (self);

      return yaml != NULL ? yaml : g_strdup ("");
    }
  if (document != NULL)
    return np_manifest_dup_document_text (self->manifest, document);
  if (NP_IS_CILIUM_POLICY (self->policy))
    {
      g_autoptr(NpNode) node = np_cilium_policy_to_node (NP_CILIUM_POLICY (self->policy), FALSE);

      return np_yaml_write (node, 0, NULL);
    }
  if (NP_IS_CLUSTER_POLICY (self->policy))
    {
      g_autoptr(NpNode) node = np_cluster_policy_to_node (NP_CLUSTER_POLICY (self->policy));

      return np_yaml_write (node, 0, NULL);
    }
  return np_policy_to_yaml (NP_POLICY (self->policy));
}

static void
update_can_undo_text (NpYamlPane *self)
{
  gboolean can = self->text_differs && gtk_text_buffer_get_can_undo (buffer_of (self));

  if (can == self->can_undo_text)
    return;
  self->can_undo_text = can;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO_TEXT]);
}

/* Text undone can be typed again; any text the model writes into the
 * preview is irreversible, so there is nothing to redo after it. */
static void
update_can_redo_text (NpYamlPane *self)
{
  gboolean can = editable (self) && gtk_text_buffer_get_can_redo (buffer_of (self));

  if (can == self->can_redo_text)
    return;
  self->can_redo_text = can;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO_TEXT]);
}

/* The text differs from what saving writes while it is not read back:
 * typed a moment ago, or it does not parse or cannot be the policy. Text
 * read back is the document's text (np_document_set_text()). */
static gboolean
text_is_documents (NpYamlPane *self)
{
  NpDocument *document = own_document (self);
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;

  if (document == NULL)
    return FALSE;
  text = buffer_text (self);
  saved = np_manifest_dup_document_text (self->manifest, document);
  return g_strcmp0 (text, saved) == 0;
}

static void
update_text_differs (NpYamlPane *self)
{
  /* Text that does not parse but was kept as typed (saved so, say) is
   * what saving writes: no unsaved edit, though still an error. */
  gboolean differs = editable (self) &&
                     (self->parse_source != 0 || (self->text_error != NULL && !text_is_documents (self)));

  if (differs != self->text_differs)
    {
      self->text_differs = differs;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_DIFFERS]);
    }
  update_can_undo_text (self);
  update_can_redo_text (self);
}

/* Error marks ---------------------------------------------------------------- */

static void
clear_text_error (NpYamlPane *self)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  g_clear_object (&self->text_error);
}

static void
show_text_error (NpYamlPane   *self,
                 NpDiagnostic *diagnostic)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;
  guint line = np_diagnostic_get_line (diagnostic);
  guint column = np_diagnostic_get_column (diagnostic);
  g_autofree char *text = NULL;

  clear_text_error (self);
  self->text_error = g_object_ref (diagnostic);
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

/* Problems ------------------------------------------------------------------- */

static GtkWidget *
create_problem_row (gpointer item,
                    gpointer user_data)
{
  NpDiagnostic *d = item;
  gboolean error = np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = g_markup_escape_text (np_diagnostic_get_message (d), -1);

  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  /* The whole message, however long: 0 is "no limit", and the row wraps. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_tooltip_text (row, np_diagnostic_get_message (d));
  if (np_diagnostic_get_path (d) != NULL)
    subtitle = g_strdup_printf (_("Line %u · %s"), np_diagnostic_get_line (d), np_diagnostic_get_path (d));
  else
    subtitle = g_strdup_printf (_("Line %u"), np_diagnostic_get_line (d));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
refresh_problems_now (NpYamlPane *self)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_errors = 0, n_warnings = 0;

  if (NP_IS_POLICY (self->policy) && showing_cilium (self))
    {
      /* The findings are the policy's, with positions in its own YAML. */
      g_autofree char *yaml = np_policy_to_yaml (NP_POLICY (self->policy));
      g_autoptr(NpNode) own = np_yaml_parse_one (yaml, strlen (yaml), NULL);

      np_policy_validate (NP_POLICY (self->policy), NP_VALIDATE_DEFAULT, found);
      np_diagnostics_relocate (found, 0, own);
    }
  else if (self->policy != NULL)
    {
      g_autoptr(NpDiagnostic) syntax = NULL;
      g_autoptr(NpNode) shown = NULL;
      g_autofree char *text = buffer_text (self);

      /* Positions are the text's: the model is checked, and each finding
       * pointed at its field in the text as shown. */
      shown = np_yaml_parse_one (text, strlen (text), &syntax);
      if (syntax != NULL)
        g_ptr_array_add (found, g_steal_pointer (&syntax));
      else if (self->text_problems != NULL && self->text_problems->len > 0)
        for (guint i = 0; i < self->text_problems->len; i++)
          g_ptr_array_add (found, g_object_ref (g_ptr_array_index (self->text_problems, i)));
      else
        {
          if (NP_IS_CILIUM_POLICY (self->policy))
            np_cilium_policy_validate (NP_CILIUM_POLICY (self->policy), NP_VALIDATE_DEFAULT, found);
          else if (NP_IS_CLUSTER_POLICY (self->policy))
            np_cluster_policy_validate (NP_CLUSTER_POLICY (self->policy), NP_VALIDATE_DEFAULT, found);
          else
            np_policy_validate (NP_POLICY (self->policy), NP_VALIDATE_DEFAULT, found);
          np_diagnostics_relocate (found, 0, shown);
        }
    }
  else if (self->manifest != NULL)
    {
      /* No policy to show: the file's own findings, with their positions
       * in the file. */
      np_manifest_validate (self->manifest, NP_VALIDATE_DEFAULT, found);
    }
  g_ptr_array_sort (found, np_diagnostic_compare);

  for (guint i = 0; i < found->len; i++)
    {
      if (np_diagnostic_get_severity (g_ptr_array_index (found, i)) == NP_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
    }
  g_list_store_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       found->pdata, found->len);

  if (found->len == 0)
    gtk_label_set_text (self->problems_heading, _("Problems"));
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
  NpYamlPane *self = data;

  self->problems_source = 0;
  refresh_problems_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_problems (NpYamlPane *self)
{
  g_clear_handle_id (&self->problems_source, g_source_remove);
  self->problems_source = g_timeout_add (PROBLEMS_DELAY_MS, refresh_problems_cb, self);
}

static void
update_placeholder (NpYamlPane *self)
{
  GtkWidget *label = gtk_label_new (self->policy != NULL
                                    ? _("No problems: the API server would accept this policy.")
                                    : _("No problems in this file."));

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_box_set_placeholder (self->problems_list, label);
}

/* The text ------------------------------------------------------------------- */

void
np_yaml_pane_refresh (NpYamlPane *self)
{
  GtkTextBuffer *buffer;
  g_autofree char *yaml = NULL;
  g_autofree char *shown = NULL;
  GtkTextIter cursor;
  int line, offset;

  g_return_if_fail (NP_IS_YAML_PANE (self));

  buffer = buffer_of (self);
  yaml = model_text (self);
  gtk_revealer_set_reveal_child (self->conversion_revealer, NP_IS_POLICY (self->policy) && showing_cilium (self));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->preview_view), editable (self));
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->show_cilium_button)),
                            !NP_IS_CILIUM_POLICY (self->policy) && !NP_IS_CLUSTER_POLICY (self->policy));

  /* Rewrite only what changed, and keep the cursor where it was: the text
   * is rewritten after every edit, also while the person reads it. */
  shown = buffer_text (self);
  if (g_strcmp0 (shown, yaml) != 0)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      line = gtk_text_iter_get_line (&cursor);
      offset = gtk_text_iter_get_line_offset (&cursor);

      /* Irreversible: the text's own undo holds only typing since the
       * model last spoke; older steps are the history's. */
      self->updating = TRUE;
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, yaml, -1);
      gtk_text_buffer_end_irreversible_action (buffer);
      self->updating = FALSE;

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
      /* Errors were the old text's. Text left as it was keeps its own
       * (text that does not parse, saved as typed). */
      g_clear_handle_id (&self->parse_source, g_source_remove);
      g_clear_pointer (&self->text_problems, g_ptr_array_unref);
      clear_text_error (self);
    }
  schedule_problems (self);
  update_text_differs (self);
}

/* Reads the text back into the policy when it is valid; TRUE when it is. */
static gboolean
parse_now (NpYamlPane *self)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  g_autoptr(NpNode) node = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  NpDocument *document;
  gboolean ok;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  if (!editable (self))
    return TRUE;

  text = buffer_text (self);
  node = np_yaml_parse_one (text, strlen (text), &diagnostic);
  if (node == NULL)
    {
      if (diagnostic == NULL)
        diagnostic = np_diagnostic_new (NP_SEVERITY_ERROR, "empty", NULL, _("The text is empty."));
      show_text_error (self, diagnostic);
      schedule_problems (self);
      update_text_differs (self);
      return FALSE;
    }

  /* A change that comes from the text must not rewrite it under the cursor. */
  self->applying_text = TRUE;
  g_clear_pointer (&self->text_problems, g_ptr_array_unref);
  if (NP_IS_CLUSTER_POLICY (self->policy))
    {
      /* The text must stay one of the three kinds: another kind (or none)
       * is not this policy any more. */
      ok = np_cluster_policy_update_from_node (NP_CLUSTER_POLICY (self->policy), node);
      if (!ok)
        g_ptr_array_add (problems, np_diagnostic_new (NP_SEVERITY_ERROR, "wrong-kind", "kind",
                                                      _("The text must stay an AdminNetworkPolicy, BaselineAdminNetworkPolicy "
                                                        "or ClusterNetworkPolicy of policy.networking.k8s.io.")));
    }
  else
    ok = NP_IS_CILIUM_POLICY (self->policy)
         ? np_cilium_policy_update_from_node (NP_CILIUM_POLICY (self->policy), node, problems)
         : np_policy_update_from_node (NP_POLICY (self->policy), node, problems);
  self->applying_text = FALSE;
  if (!ok)
    {
      self->text_problems = g_ptr_array_ref (problems);
      if (problems->len > 0)
        show_text_error (self, g_ptr_array_index (problems, 0));
      schedule_problems (self);
      update_text_differs (self);
      return FALSE;
    }

  /* The text as typed, comments and all, is what saving writes now. */
  document = own_document (self);
  if (document != NULL)
    {
      saved = np_manifest_dup_document_text (self->manifest, document);
      if (g_strcmp0 (saved, text) != 0)
        np_document_set_text (document, text);
    }
  clear_text_error (self);
  schedule_problems (self);
  update_text_differs (self);
  return TRUE;
}

static gboolean
parse_cb (gpointer data)
{
  NpYamlPane *self = data;

  self->parse_source = 0;
  parse_now (self);
  g_signal_emit (self, signals[TEXT_READ], 0);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (NpYamlPane    *self,
                   GtkTextBuffer *buffer)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->parse_source, g_source_remove);
  self->parse_source = g_timeout_add (PARSE_DELAY_MS, parse_cb, self);
  update_text_differs (self);
}

static void
on_policy_changed (NpYamlPane *self)
{
  if (self->applying_text)
    return;
  /* Typed text that does not read back is the person's work: a change made
   * elsewhere (the canvas, a tutorial step) must not wipe it. It stays, with
   * its error, an unsaved edit that saving asks about; once it reads back it
   * is the policy again. */
  if (self->text_differs && self->text_error != NULL)
    {
      schedule_problems (self);
      return;
    }
  np_yaml_pane_refresh (self);
}

static void
on_kind_toggled (NpYamlPane      *self,
                 GtkToggleButton *button)
{
  /* Both buttons of the group report; act once, on the one turned on. */
  if (!gtk_toggle_button_get_active (button) || self->updating)
    return;
  if (button == self->show_cilium_button && NP_IS_POLICY (self->policy))
    {
      gboolean taken;

      /* Typing is read back before the converted view replaces it; text
       * that does not parse stays, and so does the Kubernetes view. */
      self->updating = TRUE;
      gtk_toggle_button_set_active (self->show_kubernetes_button, TRUE);
      taken = np_yaml_pane_flush (self) && !self->text_differs;
      if (taken)
        gtk_toggle_button_set_active (self->show_cilium_button, TRUE);
      self->updating = FALSE;
      if (!taken)
        return;
    }
  np_yaml_pane_refresh (self);
}

static void
on_problem_activated (NpYamlPane    *self,
                      GtkListBoxRow *row)
{
  guint index = gtk_list_box_row_get_index (row);
  g_autoptr(NpDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (self->problems), index);
  GtkTextBuffer *buffer = buffer_of (self);

  /* Without a policy shown the findings are the file's: there is nothing
   * on screen to point at. */
  if (d == NULL || self->policy == NULL)
    return;
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
  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, d);
}

static void
update_style_scheme (NpYamlPane *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes,
                                                       adw_style_manager_get_dark (style_manager)
                                                       ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer_of (self)), scheme);
}

/* Public --------------------------------------------------------------------- */

void
np_yaml_pane_set_policy (NpYamlPane *self,
                         NpManifest *manifest,
                         gpointer    policy)
{
  g_return_if_fail (NP_IS_YAML_PANE (self));
  g_return_if_fail (manifest == NULL || NP_IS_MANIFEST (manifest));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy) ||
                    NP_IS_CLUSTER_POLICY (policy));

  /* Typed text that does not read back stays with its document when
   * another policy is shown: saving writes it as typed, showing that
   * policy again shows it. */
  if (self->policy != NULL && self->policy != policy && self->text_differs && self->text_error != NULL)
    np_yaml_pane_keep_text (self);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  g_set_object (&self->manifest, manifest);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    g_signal_connect_object (policy, "changed", G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
  if (NP_IS_CILIUM_POLICY (policy) || NP_IS_CLUSTER_POLICY (policy))
    {
      self->updating = TRUE;
      gtk_toggle_button_set_active (self->show_kubernetes_button, TRUE);
      self->updating = FALSE;
    }
  update_placeholder (self);
  np_yaml_pane_refresh (self);
}

gboolean
np_yaml_pane_get_text_differs (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), FALSE);

  return self->text_differs;
}

char *
np_yaml_pane_dup_typed_text (NpYamlPane  *self,
                             NpDocument **document)
{
  NpDocument *own;

  g_return_val_if_fail (NP_IS_YAML_PANE (self), NULL);
  g_return_val_if_fail (document != NULL, NULL);

  *document = NULL;
  own = own_document (self);
  if (!self->text_differs || own == NULL)
    return NULL;
  *document = own;
  return buffer_text (self);
}

gboolean
np_yaml_pane_get_can_undo_text (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), FALSE);

  return self->can_undo_text;
}

gboolean
np_yaml_pane_flush (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), FALSE);

  if (self->parse_source != 0)
    return parse_now (self);
  return self->text_error == NULL;
}

NpDiagnostic *
np_yaml_pane_get_text_error (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), NULL);

  return self->text_differs ? self->text_error : NULL;
}

char *
np_yaml_pane_dup_text (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), NULL);

  return buffer_text (self);
}

gboolean
np_yaml_pane_keep_text (NpYamlPane *self)
{
  NpDocument *document;
  g_autofree char *text = NULL;

  g_return_val_if_fail (NP_IS_YAML_PANE (self), FALSE);

  document = own_document (self);
  if (document == NULL || !editable (self))
    return FALSE;
  text = buffer_text (self);
  np_document_set_text (document, text);
  update_text_differs (self);
  return TRUE;
}

gboolean
np_yaml_pane_get_can_redo_text (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), FALSE);

  return self->can_redo_text;
}

gboolean
np_yaml_pane_undo_text (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), FALSE);

  if (!self->can_undo_text)
    return FALSE;
  gtk_text_buffer_undo (buffer_of (self));
  parse_now (self);
  return TRUE;
}

gboolean
np_yaml_pane_redo_text (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), FALSE);

  if (!editable (self) || !gtk_text_buffer_get_can_redo (buffer_of (self)))
    return FALSE;
  gtk_text_buffer_redo (buffer_of (self));
  parse_now (self);
  return TRUE;
}

void
np_yaml_pane_focus_text (NpYamlPane *self)
{
  g_return_if_fail (NP_IS_YAML_PANE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->preview_view));
}

void
np_yaml_pane_type_text (NpYamlPane *self,
                        const char *text)
{
  g_return_if_fail (NP_IS_YAML_PANE (self));
  g_return_if_fail (text != NULL);

  /* Through the buffer's own path, as typing goes: it is read back after
   * the usual pause and counts as typed until it is the policy. */
  gtk_text_buffer_set_text (buffer_of (self), text, -1);
}

GListModel *
np_yaml_pane_get_problems (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), NULL);

  return G_LIST_MODEL (self->problems);
}

/* GObject -------------------------------------------------------------------- */

static void
np_yaml_pane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NpYamlPane *self = NP_YAML_PANE (object);

  switch (prop_id)
    {
    case PROP_TEXT_VISIBLE:
      g_value_set_boolean (value, gtk_widget_get_visible (self->preview_box));
      break;
    case PROP_TEXT_DIFFERS:
      g_value_set_boolean (value, self->text_differs);
      break;
    case PROP_CAN_UNDO_TEXT:
      g_value_set_boolean (value, self->can_undo_text);
      break;

    case PROP_CAN_REDO_TEXT:
      g_value_set_boolean (value, self->can_redo_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_yaml_pane_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NpYamlPane *self = NP_YAML_PANE (object);

  switch (prop_id)
    {
    case PROP_TEXT_VISIBLE:
      gtk_widget_set_visible (self->preview_box, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_preview_box_visible (NpYamlPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_VISIBLE]);
}

static void
np_yaml_pane_dispose (GObject *object)
{
  NpYamlPane *self = NP_YAML_PANE (object);

  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_handle_id (&self->problems_source, g_source_remove);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_YAML_PANE);
  g_clear_object (&self->policy);
  g_clear_object (&self->manifest);
  g_clear_object (&self->problems);
  g_clear_object (&self->text_error);
  g_clear_pointer (&self->text_problems, g_ptr_array_unref);

  G_OBJECT_CLASS (np_yaml_pane_parent_class)->dispose (object);
}

static void
np_yaml_pane_class_init (NpYamlPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = np_yaml_pane_get_property;
  object_class->set_property = np_yaml_pane_set_property;
  object_class->dispose = np_yaml_pane_dispose;

  properties[PROP_TEXT_VISIBLE] =
    g_param_spec_boolean ("text-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_DIFFERS] =
    g_param_spec_boolean ("text-differs", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO_TEXT] =
    g_param_spec_boolean ("can-undo-text", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Text undone by np_yaml_pane_undo_text() that np_yaml_pane_redo_text()
   * can type again. */
  properties[PROP_CAN_REDO_TEXT] =
    g_param_spec_boolean ("can-redo-text", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, NP_TYPE_DIAGNOSTIC);
  signals[TEXT_READ] =
    g_signal_new ("text-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-yaml-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, side_paned);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, preview_box);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, preview_view);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, error_label);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, show_kubernetes_button);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, show_cilium_button);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, conversion_revealer);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, conversion_label);
  gtk_widget_class_bind_template_child (widget_class, NpYamlPane, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
}

static void
np_yaml_pane_init (NpYamlPane *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextBuffer *buffer;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->problems = g_list_store_new (NP_TYPE_DIAGNOSTIC);
  gtk_list_box_bind_model (self->problems_list, G_LIST_MODEL (self->problems),
                           create_problem_row, NULL, NULL);
  update_placeholder (self);

  buffer = buffer_of (self);
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "yaml"));
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);
  /* The text's own undo holds typing the policy's history cannot: text
   * that does not parse. Ctrl+Z goes to the window's Undo, which picks. */
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.redo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self->preview_view), shortcuts);

  self->error_tag = gtk_text_buffer_create_tag (buffer, "np-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "notify::can-undo", G_CALLBACK (update_can_undo_text), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "notify::can-redo", G_CALLBACK (update_can_redo_text), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview_box, "notify::visible", G_CALLBACK (on_preview_box_visible),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

GtkWidget *
np_yaml_pane_new (void)
{
  return g_object_new (NP_TYPE_YAML_PANE, NULL);
}

GtkTextView *
np_yaml_pane_get_text_view (NpYamlPane *self)
{
  g_return_val_if_fail (NP_IS_YAML_PANE (self), NULL);
  return GTK_TEXT_VIEW (self->preview_view);
}
