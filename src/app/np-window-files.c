/* np-window-files.c: the main window's documents: new, open, save, the prompts before losing changes, recovery and changes on disk
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

#define MAX_RECENT 8

static void
on_manifest_modified (NpWindow *self);
static void
on_documents_changed (NpWindow *self);

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

char *
np_window_display_name (NpWindow *self)
{
  if (self->file == NULL)
    return g_strdup (_("Untitled"));
  return g_file_get_basename (self->file);
}

/* Whether closing would lose something. Text typed into the YAML that is
 * not the policy yet is an edit; an untitled document counts once it holds
 * something (a template, a lesson, a generated policy); only a blank new
 * policy is not worth a question until it is edited. */
gboolean
np_window_has_unsaved_changes (NpWindow *self)
{
  if (self->manifest == NULL)
    return FALSE;
  if (self->differs_from_disk || np_yaml_pane_get_text_differs (self->yaml_pane))
    return TRUE;
  if (self->file == NULL)
    return !self->blank || np_history_get_can_undo (self->history);
  return np_manifest_get_modified (self->manifest);
}
static void
on_manifest_modified (NpWindow *self)
{
  np_window_update_title (self);
  np_window_schedule_recovery (self);
}

static void
on_documents_changed (NpWindow *self)
{
  np_window_sync_sidebar_selection (self);
  np_window_schedule_recovery (self);
}

static void
new_history (NpWindow *self)
{
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  self->history = np_history_new ();
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (np_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (np_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (np_window_update_title), self, G_CONNECT_SWAPPED);
}

/* Every way a document arrives ends here (the command line, Open, a drop,
 * recent files, a reload, New, a template, a lesson, a generated policy,
 * a recovery): the one place that sets up the policy list, the history, the
 * file watch and, through np_window_select_any_policy(), the canvas, the
 * YAML, the rating and the tutorial. @file is NULL for a document not
 * saved yet; @recovery a restored recovery to carry on with. */
void
np_window_load (NpWindow   *self,
                NpManifest *manifest,
                GFile      *file,
                NpArrival   arrival,
                NpRecovery *recovery)
{
  gpointer shown = np_window_get_shown_policy (self);

  /* Whatever arrives now is what the person asked for last. */
  np_window_cancel_reading (self);
  if (self->manifest != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->manifest, on_manifest_modified, self);
      g_signal_handlers_disconnect_by_func (np_manifest_get_documents (self->manifest),
                                            on_documents_changed, self);
    }
  if (shown != NULL)
    g_signal_handlers_disconnect_by_data (shown, self);
  g_clear_object (&self->policy);
  g_clear_object (&self->cilium_policy);
  g_clear_object (&self->cluster_policy);
  g_set_object (&self->manifest, manifest);
  g_set_object (&self->file, file);
  self->blank = arrival == NP_ARRIVAL_BLANK;
  /* Made before the window listens to the documents: it must have
   * followed a change by the time the window looks at it. */
  g_clear_object (&self->policy_list);
  self->policy_list = np_policy_list_new (manifest);
  gtk_single_selection_set_model (self->documents_selection, NULL);
  np_window_attach_policy_list (self);

  /* A document read anew starts a history of its own. */
  new_history (self);

  g_signal_connect_object (manifest, "notify::modified", G_CALLBACK (on_manifest_modified), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (np_manifest_get_documents (manifest), "items-changed",
                           G_CALLBACK (on_documents_changed), self, G_CONNECT_SWAPPED);

  np_window_select_any_policy (self, np_window_first_any_policy (manifest));
  np_window_track_file (self, recovery);
  /* Restored: it differs from the file (or there is none) until saved. */
  if (arrival == NP_ARRIVAL_RECOVERED)
    self->differs_from_disk = TRUE;
  if (file != NULL && arrival == NP_ARRIVAL_FILE)
    {
      add_recent (file);
      if (np_window_get_shown_policy (self) == NULL)
        np_window_toast (self, _("This file has no NetworkPolicy; its other documents are kept as they are."));
    }
  np_window_update_title (self);
  np_window_update_actions (self);
}
NpManifest *
np_window_new_manifest_with (gpointer policy)
{
  NpManifest *manifest = np_manifest_new ();
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  np_manifest_load_bytes (manifest, empty, NULL, NULL);
  np_manifest_add_policy (manifest, policy);
  return manifest;
}

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
void
np_window_confirm_discard_then (NpWindow             *self,
                                NpWindowContinuation  then,
                                gpointer              data,
                                GDestroyNotify        destroy)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  Continuation *c;

  if (!np_window_has_unsaved_changes (self))
    {
      then (self, data);
      if (destroy)
        destroy (data);
      return;
    }

  name = np_window_display_name (self);
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

/* Unsaved work goes to a recovery file a moment after each edit, so that a
 * crash or a kill loses at most that moment. */
void
np_window_schedule_recovery (NpWindow *self)
{
  g_autofree char *typed = NULL;
  NpDocument *document;

  if (self->recovery == NULL || self->manifest == NULL)
    return;
  /* A new document nobody touched is not worth keeping. */
  if (!np_window_has_unsaved_changes (self))
    {
      np_recovery_discard (self->recovery);
      return;
    }
  np_recovery_set_file (self->recovery, self->file);
  typed = np_yaml_pane_dup_typed_text (self->yaml_pane, &document);
  /* Text typed but not yet the policy (half a line, say) is an edit too. */
  if (typed != NULL)
    np_recovery_schedule_typed (self->recovery, self->manifest, document, typed);
  else
    np_recovery_schedule (self->recovery, self->manifest, self->differs_from_disk);
}

/* Reads the file again in the worker, to keep the selected policy when it
 * is still there. */
static void
reload_from_disk (NpWindow *self)
{
  g_autoptr(GFile) file = g_object_ref (self->file);

  np_window_reload_file (self, file,
                         self->policy != NULL ? np_policy_get_name (self->policy) : NULL,
                         self->policy != NULL ? np_policy_get_namespace (self->policy) : NULL);
}

void
np_window_finish_reload (NpWindow     *self,
                         NpManifest   *manifest,
                         GFile        *file,
                         const GError *error,
                         int           match_document,
                         guint         match_position)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (manifest == NULL)
    {
      /* Keep what is shown: it is now the only good copy. */
      message = g_strdup_printf (_("“%s” changed on disk and cannot be read: %s"), basename, error->message);
      np_window_toast (self, message);
      self->differs_from_disk = TRUE;
      np_window_update_title (self);
      np_window_schedule_recovery (self);
      return;
    }
  np_window_load (self, manifest, file, NP_ARRIVAL_RELOAD, NULL);
  if (match_document >= 0)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (np_manifest_get_documents (manifest),
                                                              (guint) match_document);
      g_autoptr(GObject) match = document != NULL
                                 ? g_list_model_get_item (np_document_get_policies (document), match_position)
                                 : NULL;

      if (match != NULL)
        np_window_select_any_policy (self, match);
    }
  message = g_strdup_printf (_("“%s” changed on disk and was reloaded"), basename);
  np_window_toast (self, message);
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

  if (!np_window_has_unsaved_changes (self))
    {
      reload_from_disk (self);
      return;
    }
  /* One question at a time; its answer reads the file as it is then. */
  if (self->disk_dialog != NULL)
    return;
  self->differs_from_disk = TRUE;
  np_window_update_title (self);
  name = np_window_display_name (self);
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
  g_autofree char *name = np_window_display_name (self);
  g_autofree char *message = g_strdup_printf (_("“%s” was deleted on disk; save to keep it"), name);
  AdwToast *deleted = adw_toast_new (message);

  /* The document is now the only copy: it counts as unsaved. */
  self->differs_from_disk = TRUE;
  np_window_update_title (self);
  np_window_schedule_recovery (self);
  adw_toast_set_timeout (deleted, 0);
  g_set_object (&self->deleted_toast, deleted);
  adw_toast_overlay_add_toast (self->toast_overlay, deleted);
}

/* After opening or saving: watch self->file with what is in it now as the
 * reference, and start a fresh recovery (or carry on with @recovery, a
 * restored one). */
void
np_window_track_file (NpWindow   *self,
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
  const char *typed;
  guint index;

  np_manifest_load_bytes (manifest, np_recovery_get_text (recovery), name, NULL);
  np_window_load (self, manifest, file, NP_ARRIVAL_RECOVERED, recovery);
  /* Text typed for a policy but not yet read into it comes back as typed,
   * on that policy. */
  typed = np_recovery_get_typed_text (recovery, &index);
  if (typed != NULL && index < g_list_model_get_n_items (np_manifest_get_documents (manifest)))
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (np_manifest_get_documents (manifest), index);
      GListModel *policies = np_document_get_policies (document);
      g_autoptr(GObject) policy = g_list_model_get_n_items (policies) > 0 ? g_list_model_get_item (policies, 0) : NULL;

      if (policy != NULL)
        {
          np_window_select_any_policy (self, policy);
          np_yaml_pane_type_text (self->yaml_pane, typed);
        }
    }
  np_window_toast (self, _("Unsaved changes restored"));
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

/* The recovery files are read (in a worker); offers the newest that this
 * window did not write itself. */
static void
on_recoveries_listed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GPtrArray) found = np_recovery_list_finish (result, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;
  NpRecovery *newest = NULL;
  NpWindow *self;
  GtkWidget *dialog;

  /* Cancelled: the window is gone. */
  if (found == NULL)
    return;
  self = NP_WINDOW (user_data);
  g_clear_object (&self->listing_recoveries);
  /* One window for now: offer the newest; older ones wait for the next
   * start. An edit made while the files were read may have written this
   * window's own recovery by now: it is not a lost one. */
  for (guint i = found->len; i > 0 && newest == NULL; i--)
    {
      NpRecovery *recovery = g_ptr_array_index (found, i - 1);

      if (self->recovery == NULL ||
          g_strcmp0 (np_recovery_get_path (recovery), np_recovery_get_path (self->recovery)) != 0)
        newest = recovery;
    }
  if (newest == NULL)
    return;
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

/* Offers back the unsaved changes an editor that is no longer running left
 * behind, once the window is up: reading them (a large file's are
 * megabytes) does not hold up its first frame. */
void
np_window_offer_recovery (NpWindow *self)
{
  g_return_if_fail (NP_IS_WINDOW (self));

  if (self->listing_recoveries != NULL)
    return;
  self->listing_recoveries = g_cancellable_new ();
  np_recovery_list_async (NULL, self->listing_recoveries, on_recoveries_listed, self);
}


static void
open_file_now (NpWindow *self,
               gpointer  data)
{
  GFile *file = data;

  /* In a worker: a large file must not freeze the window (a failure
   * comes as a dialog, as it always did). */
  np_window_read_files (self, &file, 1, FALSE);
}

void
np_window_open (NpWindow *self,
                GFile    *file)
{
  g_return_if_fail (NP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  np_window_confirm_discard_then (self, open_file_now, g_object_ref (file), g_object_unref);
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

  np_window_confirm_discard_then (self, show_open_dialog, NULL, NULL);
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

/* Every save ends here: writes the document, text typed into the YAML
 * included, and keeps the history and the policies shown (the core keeps
 * the policy objects when it reads the saved text back). */
static gboolean
save_to (NpWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  gpointer shown = np_window_get_shown_policy (self);

  if (!np_manifest_save (self->manifest, file, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      np_window_show_error_dialog (self, heading, error->message);
      return FALSE;
    }
  g_set_object (&self->file, file);
  self->blank = FALSE;
  add_recent (file);
  np_window_track_file (self, NULL);

  if (shown != NULL && np_manifest_find_document (self->manifest, shown) == NULL)
    {
      /* The saved text read back as other documents (rare: a document
       * whose kind the edit changed): new objects, a new history. */
      np_window_load (self, self->manifest, file, NP_ARRIVAL_RELOAD, NULL);
    }
  else
    {
      /* The text shown is the file's now. */
      np_yaml_pane_refresh (self->yaml_pane);
    }
  np_window_update_title (self);
  np_window_update_actions (self);
  np_window_toast (self, _("Saved"));
  return TRUE;
}

typedef struct {
  NpWindow             *self;
  gboolean              ask_for_file;
  NpWindowContinuation  then;
  gpointer              data;
  /* the document whose kept text was asked about, when not the one shown */
  NpDocument           *typed_document;
} SaveAs;

static void
save_as_free (SaveAs *save_as)
{
  g_object_unref (save_as->self);
  g_clear_object (&save_as->typed_document);
  g_free (save_as);
}

/* The name of the document's first policy, as the policies list shows it. */
static const char *
document_policy_name (NpDocument *document)
{
  g_autoptr(GObject) policy = NULL;

  if (g_list_model_get_n_items (np_document_get_policies (document)) == 0)
    return "";
  policy = g_list_model_get_item (np_document_get_policies (document), 0);
  if (NP_IS_POLICY (policy))
    return np_policy_get_name (NP_POLICY (policy));
  if (NP_IS_CILIUM_POLICY (policy))
    return np_cilium_policy_get_name (NP_CILIUM_POLICY (policy));
  return "";
}

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
  save_as_free (save_as);
  g_object_unref (dialog);
}

/* Saves, asking for a file when there is none or @ask_for_file. */
static void
save_checked (NpWindow             *self,
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
                         : self->cilium_policy ? np_cilium_policy_get_name (self->cilium_policy)
                         : self->cluster_policy ? np_cluster_policy_get_name (self->cluster_policy) : NULL;
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

/* Runs after the question is gone, as run_response() does: saving may
 * close the window, which must not happen inside the dialog's response. */
static gboolean
save_as_typed_cb (gpointer data)
{
  SaveAs *save_as = data;
  NpWindow *self = save_as->self;

  /* Text kept for another policy is in its document already. */
  if (save_as->typed_document != NULL || np_yaml_pane_keep_text (self->yaml_pane))
    save_checked (self, save_as->ask_for_file, save_as->then, save_as->data);
  else
    np_window_toast (self, _("This policy is an item of a List: fix its YAML to save it."));
  save_as_free (save_as);
  return G_SOURCE_REMOVE;
}

static void
on_text_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        SaveAs           *save_as)
{
  if (g_str_equal (response, "save"))
    {
      g_idle_add (save_as_typed_cb, save_as);
      return;
    }
  /* Keep editing: the text stays as it is, and whatever was to follow
   * the save (closing, opening) does not happen. Text kept for another
   * policy is shown, to be fixed there. */
  if (save_as->typed_document != NULL &&
      g_list_model_get_n_items (np_document_get_policies (save_as->typed_document)) > 0)
    {
      g_autoptr(GObject) policy = g_list_model_get_item (np_document_get_policies (save_as->typed_document), 0);

      np_window_select_any_policy (save_as->self, policy);
    }
  np_yaml_pane_focus_text (save_as->self->yaml_pane);
  save_as_free (save_as);
}

/* Saves, and runs @then once saved. Text in the YAML that does not parse
 * is not dropped for the last valid policy: the person decides whether
 * to save it as typed or to keep editing (which leaves the text as it is
 * and does not run @then). */
void
np_window_save_then (NpWindow             *self,
                     gboolean              ask_for_file,
                     NpWindowContinuation  then,
                     gpointer              data)
{
  NpDiagnostic *problem;
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  SaveAs *save_as;

  g_autoptr(NpDiagnostic) elsewhere = NULL;
  NpDocument *typed_document = NULL;

  if (np_yaml_pane_flush (self->yaml_pane) || (problem = np_yaml_pane_get_text_error (self->yaml_pane)) == NULL)
    {
      /* Text kept for a policy not shown now is saved as typed too: the
       * same question, about that policy. */
      typed_document = np_manifest_find_typed_error (self->manifest, &elsewhere);
      if (typed_document == NULL)
        {
          save_checked (self, ask_for_file, then, data);
          return;
        }
      problem = elsewhere;
    }
  if (typed_document != NULL)
    body = g_strdup_printf (_("The YAML typed for policy “%s” has an error on line %u: save it as typed, "
                              "or keep editing?\n\n%s"),
                            document_policy_name (typed_document), np_diagnostic_get_line (problem),
                            np_diagnostic_get_message (problem));
  else if (np_diagnostic_get_line (problem) > 0)
    body = g_strdup_printf (_("The YAML has an error on line %u: save it as typed, or keep editing?\n\n%s"),
                            np_diagnostic_get_line (problem), np_diagnostic_get_message (problem));
  else
    body = g_strdup_printf (_("The YAML has an error: save it as typed, or keep editing?\n\n%s"),
                            np_diagnostic_get_message (problem));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save YAML With an Error?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "edit", _("_Keep Editing"),
                                    "save", _("Save as _Typed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  save_as = g_new0 (SaveAs, 1);
  save_as->self = g_object_ref (self);
  save_as->ask_for_file = ask_for_file;
  save_as->then = then;
  save_as->data = data;
  save_as->typed_document = typed_document != NULL ? g_object_ref (typed_document) : NULL;
  g_signal_connect (dialog, "response", G_CALLBACK (on_text_error_response), save_as);
  gtk_window_present (GTK_WINDOW (dialog));
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

NpPolicy *
np_window_new_blank_policy (void)
{
  NpPolicy *policy = np_policy_new ();

  np_policy_set_name (policy, "new-policy");
  np_policy_set_namespace (policy, "default");
  return policy;
}

/* @policy (an NpPolicy or an NpCiliumPolicy) as a new, untitled document. */
void
np_window_load_new (NpWindow  *self,
                    gpointer   policy,
                    NpArrival  arrival)
{
  g_autoptr(NpManifest) manifest = np_window_new_manifest_with (policy);
  g_autoptr(GObject) start = NP_IS_POLICY (policy) ? np_window_as_default_kind (self, policy) : g_object_ref (policy);

  /* Before the window shows it: a new policy starts as the kind chosen last. */
  if (start != (gpointer) policy)
    np_manifest_replace_policy (manifest, policy, start);
  np_window_load (self, manifest, NULL, arrival, NULL);
}

static void
new_now (NpWindow *self,
         gpointer  data)
{
  np_window_load_new (self, data, NP_ARRIVAL_BLANK);
}

/* A template holds something worth keeping: a change from the start. */
static void
new_from_template_now (NpWindow *self,
                       gpointer  data)
{
  np_window_load_new (self, data, NP_ARRIVAL_CONTENT);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);

  np_window_confirm_discard_then (self, new_now, np_window_new_blank_policy (), g_object_unref);
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
      np_window_toast (self, error ? error->message : _("The template could not be read."));
      return;
    }
  np_window_confirm_discard_then (self, new_from_template_now, policy, g_object_unref);
}

static void
new_from_user_template_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  NpWindow *self = NP_WINDOW (widget);
  const char *yaml = np_template_store_get_yaml (self->templates, g_variant_get_string (parameter, NULL));
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer policy = yaml != NULL ? np_template_store_read_policy (yaml, diagnostics) : NULL;

  if (policy == NULL)
    {
      g_autofree char *reason = diagnostics->len > 0 ? np_diagnostic_format (diagnostics->pdata[0]) : NULL;

      np_window_toast (self, reason != NULL ? reason : _("The template could not be read."));
      return;
    }
  np_window_confirm_discard_then (self, new_from_template_now, policy, g_object_unref);
}

void
np_window_update_recent_menu (NpWindow *self)
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

gboolean
np_window_on_drop (GtkDropTarget *target,
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
load_lesson_now (NpWindow *self,
                 gpointer  data)
{
  np_window_load (self, data, NULL, NP_ARRIVAL_CONTENT, NULL);
}

/* A lesson's example opens as a new, untitled document. */
void
np_window_on_load_lesson (NpWindow   *self,
                          NpTutorial *lesson)
{
  g_autoptr(GError) error = NULL;
  NpManifest *manifest = np_tutorial_load_example (lesson, &error);

  if (manifest == NULL)
    {
      np_window_show_error_dialog (self, _("Could Not Open the Lesson"), error->message);
      return;
    }
  np_window_confirm_discard_then (self, load_lesson_now, manifest, g_object_unref);
}

/* A policy generated from flows opens as a new, untitled document, as a
 * lesson's example does. */
void
np_window_on_open_generated (NpWindow *self,
                             GObject  *policy)
{
  NpManifest *manifest = np_manifest_new ();
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  np_manifest_load_bytes (manifest, empty, NULL, NULL);
  np_manifest_add_policy (manifest, policy);
  np_window_confirm_discard_then (self, load_lesson_now, manifest, g_object_unref);
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

  np_window_load (self, manifest, file, NP_ARRIVAL_FILE, NULL);
}

void
np_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-user-template", "s", new_from_user_template_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s", new_from_template_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
}
