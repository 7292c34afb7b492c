/* np-window-private.h: what np-window.c, np-window-actions.c and np-window-files.c share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is one class in three files, the way gnome-text-editor splits
 * its editor window: np-window.c builds it and follows the policy shown,
 * np-window-actions.c holds the commands, np-window-files.c everything about
 * a document arriving and leaving (open, save, prompts, recovery, changes on
 * disk, new).
 */
#pragma once

#include <adwaita.h>

#include "np-canvas.h"
#include "np-cilium-canvas.h"
#include "np-cilium-policy.h"
#include "np-cluster-canvas.h"
#include "np-cluster-policy.h"
#include "np-file-watch.h"
#include "np-flows-page.h"
#include "np-history.h"
#include "np-manifest.h"
#include "np-policy-kind.h"
#include "np-policy.h"
#include "np-rating-button.h"
#include "np-recovery.h"
#include "np-side-panel.h"
#include "np-template-store.h"
#include "np-traffic-page.h"
#include "np-tutorial-page.h"
#include "np-tutorial.h"
#include "np-window.h"
#include "np-yaml-pane.h"

G_BEGIN_DECLS

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
  GtkStack             *content_stack;  /* the document, or the loading page */
  AdwStatusPage        *loading_page;
  GtkButton            *stop_reading_button;
  GtkStack             *canvas_stack;
  GtkWidget            *canvas_veil;   /* over the canvas until it shows the policy picked */
  AdwStatusPage        *empty_page;
  NpCanvas             *canvas;
  /* Made the first time a policy of their kind shows (most files have
   * none), in their scrolled windows; NULL until then. */
  GtkScrolledWindow    *cilium_scroller;
  GtkScrolledWindow    *cluster_scroller;
  NpCiliumCanvas       *cilium_canvas;
  NpClusterCanvas      *cluster_canvas;
  GMenu                *recent_section;
  GMenu                *templates_section;
  NpSidePanel          *side_panel;
  NpYamlPane           *yaml_pane;
  NpTrafficPage        *traffic_page;
  NpTutorialPage       *tutorial_page;
  NpFlowsPage          *flows_page;
  NpRatingButton       *rating_button;

  /* Owned */
  NpManifest           *manifest;
  guint                 sidebar_scroll_tick;
  /* A policy picked in the list: its canvas waits for the frame that
   * shows the pick (see np_window_defer_canvas()). */
  GdkFrameClock        *canvas_clock;
  gulong                canvas_paint_handler;
  guint                 canvas_source;
  guint                 canvas_timeout;
  guint                 veil_timeout;   /* veils the canvas that waits too long */
  gboolean              defer_canvas;
  NpPolicyList         *policy_list;    /* of @manifest; the sidebar's once shown */
  GFile                *file;
  NpPolicy             *policy;
  NpCiliumPolicy       *cilium_policy;  /* shown instead of @policy */
  NpClusterPolicy      *cluster_policy; /* shown instead of either */
  NpHistory            *history;
  GSettings            *settings;
  NpTemplateStore      *templates;      /* the user's, as in settings */
  gboolean              close_confirmed;
  gboolean              blank;           /* a blank new policy: nothing to lose yet */

  /* Changes on disk and recovery (see np-window-files.c) */
  NpFileWatch          *watch;
  NpRecovery           *recovery;
  AdwMessageDialog     *disk_dialog;
  AdwToast             *deleted_toast;     /* shown until the file is back or saved */
  gboolean              differs_from_disk;  /* restored, or the file is gone */
  gboolean              updating_kind;

  /* A file read in a worker (see np-window-read.c) */
  GCancellable         *reading;          /* NULL when no read is under way */
  GCancellable         *listing_recoveries; /* while the recovery files are read */
  gboolean              reading_reload;   /* that read is the shown file's, again */
  GtkWidget            *focus_before_read; /* (weak) where the keyboard was when it began */
  guint                 loading_timeout;  /* shows the loading page, for a read that lasts */
};

/* How a document arrived (see np_window_load()). */
typedef enum {
  NP_ARRIVAL_FILE,       /* read from its file: command line, Open, a drop, recent files */
  NP_ARRIVAL_RELOAD,     /* read again: changed on disk, or saved as other documents */
  NP_ARRIVAL_BLANK,      /* New: a blank policy, nothing to lose until edited */
  NP_ARRIVAL_CONTENT,    /* untitled with content: a template, a lesson, a generated policy */
  NP_ARRIVAL_RECOVERED,  /* restored from a recovery file */
} NpArrival;

/* np-window.c: building the window and following the policy shown */
void        np_window_toast                  (NpWindow             *self,
                                              const char           *message);
void        np_window_show_error_dialog      (NpWindow             *self,
                                              const char           *heading,
                                              const char           *body);
void        np_window_update_title           (NpWindow             *self);
void        np_window_update_actions         (NpWindow             *self);
/* The policy shown, whichever kind (NULL: none). */
gpointer    np_window_get_shown_policy       (NpWindow             *self);
void        np_window_flush_canvas           (NpWindow             *self);
gboolean    np_window_get_canvas_pending     (NpWindow             *self);
/* The one place that shows a policy (NpPolicy, NpCiliumPolicy, NpClusterPolicy or NULL) on
 * the canvas, in the YAML, the rating, the tutorial and the side panel. */
void        np_window_select_any_policy      (NpWindow             *self,
                                              gpointer              policy);
void        np_window_sync_sidebar_selection (NpWindow             *self);
void        np_window_attach_policy_list     (NpWindow             *self);
gpointer    np_window_first_any_policy       (NpManifest           *manifest);

/* np-window-actions.c: the commands */
void        np_window_actions_class_init     (GtkWidgetClass       *widget_class);
void        np_window_update_templates_menu  (NpWindow             *self);
void        np_window_update_kind_dropdown   (NpWindow             *self);
void        np_window_on_kind_selected       (NpWindow             *self);
/* (transfer full) a new @policy as the kind chosen last */
gpointer    np_window_as_default_kind        (NpWindow             *self,
                                              NpPolicy             *policy);

/* np-window-files.c: documents arriving and leaving */
void        np_window_files_class_init       (GtkWidgetClass       *widget_class);
/* Every way a document arrives ends here (see NpArrival). */
void        np_window_load                   (NpWindow             *self,
                                              NpManifest           *manifest,
                                              GFile                *file,
                                              NpArrival             arrival,
                                              NpRecovery           *recovery);
/* @policy (an NpPolicy or an NpCiliumPolicy) as a new, untitled document. */
void        np_window_load_new               (NpWindow             *self,
                                              gpointer              policy,
                                              NpArrival             arrival);
NpPolicy   *np_window_new_blank_policy       (void);
NpManifest *np_window_new_manifest_with      (gpointer              policy);
char       *np_window_display_name           (NpWindow             *self);
gboolean    np_window_has_unsaved_changes    (NpWindow             *self);
/* Runs @then once the person agrees to lose unsaved changes, or saved them. */
void        np_window_confirm_discard_then   (NpWindow             *self,
                                              NpWindowContinuation  then,
                                              gpointer              data,
                                              GDestroyNotify        destroy);
/* Saves (asking for a file when there is none or @ask_for_file), then
 * runs @then; YAML that does not parse is asked about first. */
void        np_window_save_then              (NpWindow             *self,
                                              gboolean              ask_for_file,
                                              NpWindowContinuation  then,
                                              gpointer              data);
void        np_window_schedule_recovery      (NpWindow             *self);
void        np_window_track_file             (NpWindow             *self,
                                              NpRecovery           *recovery);
void        np_window_update_recent_menu     (NpWindow             *self);
gboolean    np_window_on_drop                (GtkDropTarget        *target,
                                              const GValue         *value,
                                              double                x,
                                              double                y,
                                              NpWindow             *self);
void        np_window_on_load_lesson         (NpWindow             *self,
                                              NpTutorial           *lesson);
void        np_window_on_open_generated      (NpWindow             *self,
                                              GObject              *policy);

/* np-window-read.c: a file read in a worker, behind the loading page */
void        np_window_read_class_init        (GtkWidgetClass       *widget_class);
/* Stops a read under way (if any); the document shown before comes back. */
void        np_window_cancel_reading         (NpWindow             *self);
/* Reads the shown @file again in the worker (it changed on disk). */
void        np_window_reload_file            (NpWindow             *self,
                                              GFile                *file,
                                              const char           *name,
                                              const char           *namespace_);
/* np-window-files.c: the reload has read @manifest, or failed with @error;
 * the policy shown before is the @match_position-th of document
 * @match_document (-1: it is gone). */
void        np_window_finish_reload          (NpWindow             *self,
                                              NpManifest           *manifest,
                                              GFile                *file,
                                              const GError         *error,
                                              int                   match_document,
                                              guint                 match_position);
/* np-window.c: the "reading" property changed. */
void        np_window_notify_reading         (NpWindow             *self);

G_END_DECLS
