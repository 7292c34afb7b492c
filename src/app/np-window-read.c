/* np-window-read.c: the main window reads a file in a worker, behind a loading page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file of thousands of policies takes longer to read than the window
 * takes to appear: the window shows at once and the core's loader
 * (np_manifest_load_file) reads in a worker thread, on a manifest no other
 * thread sees until it is handed over. Everything bound to the main context
 * (the file watch, recent files, the recovery, the widgets) happens after
 * the read, in np_window_load(), exactly as for any other arrival.
 *
 * While reading, the document shown before (the blank one at start, or the
 * one the person agreed to leave) stays underneath, insensitive, and the
 * commands that would edit or save it are off; a read that fails brings it
 * back as it was, with the error in the dialog a failing open has always
 * shown. Closing the window, cancelling, or any other document arriving
 * cancels the read.
 *
 * The loading page comes only after LOADING_DELAY_MS: a small file is read
 * well within it, and a page that shows for one frame and goes would be a
 * flicker, not information.
 *
 * A file that changed on disk is read again the same way (a reload); then
 * the document underneath is the file as it was, and a reload stopped or
 * overtaken leaves it marked as differing from the disk.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sys/resource.h>

#include "np-document.h"
#include "np-manifest.h"
#include "np-policy.h"
#include "np-policy-list.h"
#include "np-window.h"

#include "np-window-private.h"

#define LOADING_DELAY_MS 100
#define READ_NICE 10

/* The commands of the document shown; the rest (open, new, the panels,
 * preferences, help) stay usable while a file is read. */
static const char *const document_actions[] = {
  "win.save", "win.save-as", "win.undo", "win.redo", "win.add-policy",
  "win.duplicate-policy", "win.rename-policy", "win.delete-policy",
  "win.export-diagram", "win.save-as-template", "win.copy-yaml", "win.copy-kubectl",
};

typedef struct {
  GPtrArray *files;     /* GFile: the first that reads is opened */
  gboolean   report;    /* the command line: each failure is also printed */
  guint      opened;    /* the index of the file read */
  GPtrArray *errors;    /* GError, one per file that did not read, in order */
  gboolean   reload;    /* the shown file again (np_window_reload_file()) */
  char      *name;      /* reload: the policy shown when it began, to show again */
  char      *namespace_;
  int        match_document;  /* reload: where that policy is now (-1: gone) */
  guint      match_position;
} Read;

static void
read_free (Read *read)
{
  g_ptr_array_unref (read->files);
  g_ptr_array_unref (read->errors);
  g_free (read->name);
  g_free (read->namespace_);
  g_free (read);
}

/* In the worker, for a reload: where the policy shown before is in the
 * new @manifest. Looking needs every policy's model: made here, and not
 * kept, they cost the window nothing. */
static void
find_match (Read *read, NpManifest *manifest)
{
  GListModel *documents = np_manifest_get_documents (manifest);

  read->match_document = -1;
  if (read->name == NULL)
    return;
  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, d);
      g_autoptr(GPtrArray) policies = np_document_read_policies (document);

      for (guint i = 0; i < policies->len; i++)
        if (NP_IS_POLICY (policies->pdata[i]) &&
            g_strcmp0 (np_policy_get_name (policies->pdata[i]), read->name) == 0 &&
            g_strcmp0 (np_policy_get_namespace (policies->pdata[i]), read->namespace_) == 0)
          {
            read->match_document = (int) d;
            read->match_position = i;
            return;
          }
    }
}

/* In the worker: touches only @read and the manifest it makes. */
static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Read *read = task_data;

  /* On a busy machine the window comes first: the read takes what the
   * main thread leaves. Linux keeps a nice value per thread; the pool's
   * thread keeps it for later work, all of it background work too. */
  if (getpriority (PRIO_PROCESS, 0) < READ_NICE)
    setpriority (PRIO_PROCESS, 0, READ_NICE);

  for (guint i = 0; i < read->files->len; i++)
    {
      g_autoptr(NpManifest) manifest = np_manifest_new ();
      GError *error = NULL;

      if (np_manifest_load_file (manifest, read->files->pdata[i], cancellable, &error))
        {
          read->opened = i;
          if (read->reload)
            find_match (read, manifest);
          g_task_return_pointer (task, g_steal_pointer (&manifest), g_object_unref);
          return;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (read->errors, error);
    }
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                           ((GError *) read->errors->pdata[0])->message);
}

static void
set_document_actions_enabled (NpWindow *self,
                              gboolean  enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), document_actions[i], enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", !enabled);
}

static gboolean
show_loading_page (gpointer data)
{
  NpWindow *self = data;

  self->loading_timeout = 0;
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  return G_SOURCE_REMOVE;
}

/* Back to the document, whatever became of the read. */
static void
end_reading (NpWindow *self)
{
  GtkWidget *focus = self->focus_before_read;

  g_clear_object (&self->reading);
  self->reading_reload = FALSE;
  g_clear_handle_id (&self->loading_timeout, g_source_remove);
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  gtk_widget_set_sensitive (gtk_stack_get_child_by_name (self->content_stack, "document"), TRUE);
  set_document_actions_enabled (self, TRUE);
  /* The shown policy decides which of them really apply. */
  np_window_update_actions (self);
  np_window_update_kind_dropdown (self);
  np_window_update_title (self);
  gtk_widget_set_visible (GTK_WIDGET (self->rating_squeezer), TRUE);
  /* The document went insensitive and took the keyboard focus with it:
   * give it back to what had it, if that is still there to take it. */
  g_clear_weak_pointer (&self->focus_before_read);
  if (focus != NULL && gtk_widget_get_mapped (focus) && gtk_widget_is_sensitive (focus) &&
      gtk_root_get_focus (GTK_ROOT (self)) == NULL)
    gtk_widget_grab_focus (focus);
  np_window_notify_reading (self);
}

gboolean
np_window_get_reading (NpWindow *self)
{
  g_return_val_if_fail (NP_IS_WINDOW (self), FALSE);
  return self->reading != NULL;
}

void
np_window_cancel_reading (NpWindow *self)
{
  gboolean reload = self->reading_reload;

  if (self->reading == NULL)
    return;
  g_cancellable_cancel (self->reading);
  end_reading (self);
  /* The file changed and was not read: what is shown is not what is on
   * disk any more. */
  if (reload)
    {
      self->differs_from_disk = TRUE;
      np_window_update_title (self);
      np_window_schedule_recovery (self);
    }
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  NpWindow *self = NP_WINDOW (source);
  Read *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(NpManifest) manifest = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled or superseded (another file, another document, the window
   * closed): what is shown now is not this read's to change. */
  if (self->reading == NULL || g_task_get_cancellable (G_TASK (result)) != self->reading)
    return;
  end_reading (self);

  if (read->reload)
    {
      np_window_finish_reload (self, manifest, read->files->pdata[0], error, read->match_document,
                               read->match_position);
      return;
    }
  if (read->report)
    for (guint i = 0; i < read->errors->len; i++)
      g_printerr ("netpol-editor: %s\n", ((GError *) read->errors->pdata[i])->message);
  if (manifest == NULL)
    {
      g_autofree char *name = g_file_get_basename (read->files->pdata[0]);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      np_window_show_error_dialog (self, heading, error->message);
      return;
    }
  np_window_show_manifest (self, manifest, read->files->pdata[read->opened]);
}

/* Starts @read (taken) in the worker; @title for the loading page, the
 * header's @subtitle meanwhile. */
static void
start_read (NpWindow   *self,
            Read       *read,
            const char *title,
            const char *subtitle)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (read->files->pdata[0]);
  g_autofree char *window_title = NULL;

  /* A reload that overtakes a reload: the file is read after all. */
  if (read->reload)
    self->reading_reload = FALSE;
  np_window_cancel_reading (self);
  self->reading = g_cancellable_new ();
  self->reading_reload = read->reload;

  adw_status_page_set_title (self->loading_page, title);
  window_title = g_strdup_printf (_("%s — Network Policy Editor"), title);
  /* What screen readers and task switchers show: the window is busy. */
  gtk_window_set_title (GTK_WINDOW (self), window_title);
  gtk_button_set_label (self->stop_reading_button, read->reload ? _("_Stop Reloading") : _("_Stop Opening"));
  /* The header names what comes, not what goes; its rating is of what goes. */
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->rating_squeezer), FALSE);
  {
    GtkWidget *document = gtk_stack_get_child_by_name (self->content_stack, "document");
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

    if (focus != NULL && gtk_widget_is_ancestor (focus, document))
      g_set_weak_pointer (&self->focus_before_read, focus);
    gtk_widget_set_sensitive (document, FALSE);
  }
  set_document_actions_enabled (self, FALSE);
  self->loading_timeout = g_timeout_add (LOADING_DELAY_MS, show_loading_page, self);
  np_window_notify_reading (self);

  task = g_task_new (self, self->reading, on_read, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  /* A cancelled read answers at once; the worker finishes on its own and
   * its manifest is dropped there. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_in_thread);
}

static Read *
read_new (GFile **files,
          guint   n_files)
{
  Read *read = g_new0 (Read, 1);

  read->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (read->files, g_object_ref (files[i]));
  read->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  return read;
}

/* Reads the first of @files that reads (one for Open, all the command
 * line's for a start) and shows it; a failure is reported in a dialog,
 * and printed too when @report. Any earlier read is cancelled. */
void
np_window_read_files (NpWindow  *self,
                      GFile    **files,
                      guint      n_files,
                      gboolean   report)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  Read *read;

  g_return_if_fail (NP_IS_WINDOW (self));
  g_return_if_fail (n_files > 0);

  read = read_new (files, n_files);
  read->report = report;
  name = g_file_get_basename (files[0]);
  message = g_strdup_printf (_("Opening “%s”…"), name);
  start_read (self, read, message, _("Opening…"));
}

/* Reads @file, the one shown, again (it changed on disk); when it has
 * read, np_window_finish_reload() shows it, with the policy @name in
 * @namespace_ if it is still there (found in the worker). */
void
np_window_reload_file (NpWindow   *self,
                       GFile      *file,
                       const char *name,
                       const char *namespace_)
{
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;
  Read *read;

  g_return_if_fail (NP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  read = read_new (&file, 1);
  read->reload = TRUE;
  read->name = g_strdup (name);
  read->namespace_ = g_strdup (namespace_);
  basename = g_file_get_basename (file);
  message = g_strdup_printf (_("Reloading “%s”…"), basename);
  start_read (self, read, message, _("Reloading…"));
}

/* Shows the loading page at once: for a window that has shown no document
 * yet, a blank policy for a moment would be the flicker. */
void
np_window_show_reading_now (NpWindow *self)
{
  g_return_if_fail (NP_IS_WINDOW (self));

  if (self->loading_timeout != 0)
    {
      g_clear_handle_id (&self->loading_timeout, g_source_remove);
      show_loading_page (self);
    }
}

static void
cancel_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  np_window_cancel_reading (NP_WINDOW (widget));
}

void
np_window_read_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_action);
  /* Off while nothing is read: then Escape goes on to whatever else wants it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-open", NULL);
}
