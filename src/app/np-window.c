/* np-window.c: the main window: policies of the file, the canvas, the YAML and its problems
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
#include "np-cluster-canvas.h"
#include "np-cluster-policy.h"
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
#include "np-tooltip.h"
#include "np-validator.h"
#include "np-window.h"
#include "np-yaml.h"

#include "np-window-private.h"

/* How long a canvas may wait for its frame before it is veiled: as the
 * loading page, nothing that would show for a frame or two. */
#define VEIL_DELAY_MS 100

G_DEFINE_FINAL_TYPE (NpWindow, np_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_READING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
np_window_notify_reading (NpWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READING]);
}

static void
np_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NpWindow *self = NP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_READING:
      g_value_set_boolean (value, np_window_get_reading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

/* Any change of the policy shown (canvas, dialogs, text, undo): the pane
 * follows it by itself; unsaved work goes to the recovery file. */
static void
on_policy_changed (NpWindow *self)
{
  np_window_schedule_recovery (self);
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

/* The pane shows the problem in the text; a finding about a rule or a
 * field is pointed at on the canvas too. */
static void
on_problem_activated (NpWindow     *self,
                      NpDiagnostic *d)
{
  const char *path = np_diagnostic_get_path (d);
  NpDirection direction;
  guint rule;
  int peer;

  if (self->cilium_policy != NULL || self->cluster_policy != NULL)
    np_yaml_pane_focus_text (self->yaml_pane);
  else if (path != NULL && parse_rule_path (path, &direction, &rule, &peer))
    np_canvas_select_item (self->canvas, direction, rule, peer);
  else if (path == NULL || !np_canvas_focus_field (self->canvas, path))
    np_yaml_pane_focus_text (self->yaml_pane);
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

/* A cluster-scoped policy's row: its name over its kind, where a
 * namespaced policy's namespace would be. */
static void
update_cluster_row (GtkWidget       *box,
                    NpClusterPolicy *policy)
{
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *kind = gtk_widget_get_next_sibling (name);
  const char *text = policy != NULL ? np_cluster_policy_get_name (policy) : NULL;
  const char *kind_text = policy == NULL ? "" : np_cluster_policy_get_kind (policy) == NP_CLUSTER_POLICY_ANP ? "AdminNetworkPolicy"
                          : np_cluster_policy_get_kind (policy) == NP_CLUSTER_POLICY_BANP ? "BaselineAdminNetworkPolicy"
                          : "ClusterNetworkPolicy";

  gtk_label_set_label (GTK_LABEL (name), text != NULL && *text != '\0' ? text : _("(unnamed policy)"));
  gtk_label_set_label (GTK_LABEL (kind), kind_text);
  np_tooltip_update_text (box, kind_text);
}

static void
drop_closure (gpointer closure)
{
  g_closure_invalidate (closure);
  g_closure_unref (closure);
}

/* (transfer full) the closure that keeps the row in step; invalidated on
 * unbind, which disconnects it. */
static GClosure *
watch_cluster_row (GtkWidget       *box,
                   NpClusterPolicy *policy)
{
  GClosure *closure = g_cclosure_new_object_swap (G_CALLBACK (update_cluster_row), G_OBJECT (box));

  /* update_cluster_row (box, policy): the swapped closure passes the box
   * first and the policy (the emitter) second. */
  g_closure_ref (closure);
  g_signal_connect_closure (policy, "changed", closure, FALSE);
  return closure;
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
  gboolean cluster = NP_IS_DOCUMENT (object) &&
                     np_document_get_kind (NP_DOCUMENT (object)) == NP_DOCUMENT_CLUSTER_POLICY;

  gtk_list_item_set_selectable (item, policy || cluster);
  gtk_list_item_set_activatable (item, policy || cluster);
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
      /* Rows are bound as the list scrolls, a pick at a time. */
      np_tooltip_update_text (box, NP_IS_CILIUM_POLICY (object)
                                   ? np_cilium_policy_get_kind (NP_CILIUM_POLICY (object)) : NULL);
    }
  else if (cluster)
    {
      NpClusterPolicy *model = np_document_get_cluster_policy (NP_DOCUMENT (object));

      /* The row follows the policy's name as it is edited. */
      update_cluster_row (box, model);
      gtk_widget_set_visible (namespace_, TRUE);
      if (model != NULL)
        g_object_set_data_full (G_OBJECT (box), "np-cluster-handler",
                                watch_cluster_row (box, model), drop_closure);
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
        np_tooltip_update_text (box, _("A Cilium policy: checked and kept in the file as it is; "
                                       "the canvas edits Kubernetes NetworkPolicies"));
      else
        np_tooltip_update_text (box, _("Not a NetworkPolicy: kept in the file as it is"));
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
  /* Invalidating the closure disconnects it from the cluster policy. */
  g_object_set_data (G_OBJECT (box), "np-cluster-handler", NULL);
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
  gpointer policy = np_window_get_shown_policy (self);
  gpointer selected = gtk_single_selection_get_selected_item (self->documents_selection);
  guint position = GTK_INVALID_LIST_POSITION;

  if (model == NULL)
    return;
  /* A pick in the list: the row is the policy already, and looking for it
   * would walk the documents before it. */
  if (policy != NULL && selected != NULL &&
      (selected == policy ||
       (NP_IS_DOCUMENT (selected) && np_document_peek_cluster_policy (NP_DOCUMENT (selected)) == policy)))
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

/* Points the canvases at the policy shown, now. */
static void
np_window_update_canvas (NpWindow *self)
{
  NpPolicy *k8s = self->cluster_policy == NULL && self->cilium_policy == NULL ? self->policy : NULL;
  NpCiliumPolicy *cilium = self->cluster_policy == NULL ? self->cilium_policy : NULL;

  if (self->canvas_clock != NULL)
    g_clear_signal_handler (&self->canvas_paint_handler, self->canvas_clock);
  g_clear_object (&self->canvas_clock);
  g_clear_handle_id (&self->canvas_source, g_source_remove);
  g_clear_handle_id (&self->canvas_timeout, g_source_remove);
  g_clear_handle_id (&self->veil_timeout, g_source_remove);

  np_canvas_set_manifest (self->canvas, self->manifest);
  np_canvas_set_policy (self->canvas, k8s);
  if (cilium != NULL && self->cilium_canvas == NULL)
    {
      self->cilium_canvas = NP_CILIUM_CANVAS (np_cilium_canvas_new ());
      gtk_scrolled_window_set_child (self->cilium_scroller, GTK_WIDGET (self->cilium_canvas));
    }
  if (self->cilium_canvas != NULL)
    np_cilium_canvas_set_policy (self->cilium_canvas, cilium);
  if (self->cluster_policy != NULL && self->cluster_canvas == NULL)
    {
      self->cluster_canvas = NP_CLUSTER_CANVAS (np_cluster_canvas_new ());
      gtk_scrolled_window_set_child (self->cluster_scroller, GTK_WIDGET (self->cluster_canvas));
    }
  if (self->cluster_canvas != NULL)
    np_cluster_canvas_set_policy (self->cluster_canvas, self->cluster_policy);
  gtk_stack_set_visible_child_name (self->canvas_stack, k8s != NULL ? "canvas" : cilium != NULL ? "cilium" :
                                                        self->cluster_policy != NULL ? "cluster" : "empty");
  /* No longer the last policy's picture: see np_window_defer_canvas(). */
  gtk_widget_set_visible (self->canvas_veil, FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->canvas_stack), TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->canvas_stack), GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
}

static gboolean
update_canvas_cb (gpointer data)
{
  NpWindow *self = NP_WINDOW (data);

  self->canvas_source = 0;
  np_window_update_canvas (self);
  return G_SOURCE_REMOVE;
}

/* The frame that shows the pick in the list and the YAML is out: the
 * canvas is made for the next one. */
static void
on_pick_painted (GdkFrameClock *clock,
                 NpWindow      *self)
{
  g_clear_signal_handler (&self->canvas_paint_handler, clock);
  if (self->canvas_source == 0)
    self->canvas_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_canvas_cb, self, NULL);
}

/* A window not drawn (hidden, minimised) paints no frame to wait for. */
static gboolean
update_canvas_timeout_cb (gpointer data)
{
  NpWindow *self = NP_WINDOW (data);

  self->canvas_timeout = 0;
  np_window_update_canvas (self);
  return G_SOURCE_REMOVE;
}

/* The canvas has waited for its frame longer than a glance: picks come
 * faster than frames, or the machine is slow. */
static gboolean
show_veil_cb (gpointer data)
{
  NpWindow *self = NP_WINDOW (data);

  self->veil_timeout = 0;
  gtk_widget_set_visible (self->canvas_veil, TRUE);
  return G_SOURCE_REMOVE;
}

/* Picking policy after policy in a large file: the canvas's layout is most
 * of a frame's work, so the list and the YAML show the pick in the next
 * frame and the canvas in the one after, or, when picks come faster than
 * frames, once for the last of them. Until then the canvas still holds
 * the last policy's picture: it is marked busy for assistive technologies
 * and takes no clicks, and if it still waits after VEIL_DELAY_MS it is
 * veiled, so that it never passes for the policy picked. (A veil at once
 * would show for one frame on every pick: a flicker, and the frame that
 * shows the pick would paint the whole canvas again under it.) Returns
 * FALSE where the canvas must follow at once. */
static gboolean
np_window_defer_canvas (NpWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Keys typed into the canvas must reach the policy it shows. */
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->canvas_stack)) ||
      (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->canvas_stack))))
    return FALSE;
  if (self->canvas_clock == NULL)
    {
      self->canvas_clock = g_object_ref (clock);
      self->canvas_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_pick_painted), self);
      self->canvas_timeout = g_timeout_add (250, update_canvas_timeout_cb, self);
    }
  if (self->veil_timeout == 0 && !gtk_widget_get_visible (self->canvas_veil))
    self->veil_timeout = g_timeout_add (VEIL_DELAY_MS, show_veil_cb, self);
  gtk_widget_set_can_target (GTK_WIDGET (self->canvas_stack), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->canvas_stack), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
  return TRUE;
}

/* Brings a canvas that waits for its frame up to date at once: for
 * commands that work on it. */
void
np_window_flush_canvas (NpWindow *self)
{
  if (np_window_get_canvas_pending (self))
    np_window_update_canvas (self);
}

gboolean
np_window_get_canvas_pending (NpWindow *self)
{
  return self->canvas_clock != NULL || self->canvas_source != 0;
}

static void
on_document_selected (NpWindow *self)
{
  gpointer policy = gtk_single_selection_get_selected_item (self->documents_selection);

  /* A cluster-scoped policy's row is its document. */
  if (NP_IS_DOCUMENT (policy))
    policy = np_document_get_cluster_policy (NP_DOCUMENT (policy));
  if (policy == NULL || (!NP_IS_POLICY (policy) && !NP_IS_CILIUM_POLICY (policy) && !NP_IS_CLUSTER_POLICY (policy)))
    return;
  if (policy != np_window_get_shown_policy (self))
    {
      self->defer_canvas = TRUE;
      np_window_select_any_policy (self, policy);
      self->defer_canvas = FALSE;
    }
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

/* A file of Cilium policies only opens on the first of them; one of
 * cluster-scoped policies only on the first of those. */
gpointer
np_window_first_any_policy (NpManifest *manifest)
{
  NpPolicy *policy = first_policy (manifest);
  gpointer cilium;
  GListModel *documents;

  if (policy != NULL)
    return policy;
  cilium = first_policy_of_type (manifest, NP_TYPE_CILIUM_POLICY);
  if (cilium != NULL)
    return cilium;
  documents = np_manifest_get_documents (manifest);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      if (np_document_get_cluster_policy (document) != NULL)
        return np_document_get_cluster_policy (document);
    }
  return NULL;
}

gpointer
np_window_get_shown_policy (NpWindow *self)
{
  if (self->cluster_policy != NULL)
    return self->cluster_policy;
  if (self->cilium_policy != NULL)
    return self->cilium_policy;
  return self->policy;
}

void
np_window_update_actions (NpWindow *self)
{
  gboolean have_policy = self->policy != NULL;
  gboolean any_policy = have_policy || self->cilium_policy != NULL || self->cluster_policy != NULL;

  /* Off while a file is read; its arrival sets them again. */
  if (self->reading != NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", np_history_get_can_undo (self->history) ||
                                                                 np_yaml_pane_get_can_undo_text (self->yaml_pane));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", np_history_get_can_redo (self->history) ||
                                                                 np_yaml_pane_get_can_redo_text (self->yaml_pane));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-policy", have_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-policy", any_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-policy", have_policy);
  /* The diagram export draws the namespaced canvases only. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-diagram", any_policy && self->cluster_policy == NULL);
  /* Either kind of policy is YAML that kubectl applies and a template keeps. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as-template", any_policy && self->cluster_policy == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-yaml", any_policy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-kubectl", any_policy);
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

/* Shows @policy (an NpPolicy, an NpCiliumPolicy or NULL): the one place
 * that points the canvas, the YAML, the rating, the tutorial, the side
 * panel's pages and the history at the policy shown, however it came. */
void
np_window_select_any_policy (NpWindow *self,
                             gpointer  policy)
{
  gpointer shown = np_window_get_shown_policy (self);
  NpPolicy *k8s = NP_IS_POLICY (policy) ? policy : NULL;
  NpCiliumPolicy *cilium = NP_IS_CILIUM_POLICY (policy) ? policy : NULL;
  NpClusterPolicy *cluster = NP_IS_CLUSTER_POLICY (policy) ? policy : NULL;
  /* The side panel's pages know the namespaced kinds only; the core rates
   * every kind. */
  gpointer namespaced = cluster != NULL ? NULL : policy;

  if (shown != NULL && shown != policy)
    g_signal_handlers_disconnect_by_func (shown, on_policy_changed, self);
  g_set_object (&self->policy, k8s);
  g_set_object (&self->cilium_policy, cilium);
  g_set_object (&self->cluster_policy, cluster);
  if (policy != NULL && shown != policy)
    {
      /* Only a policy on show is edited: watching it from now on is
       * enough, and a large file's other policies need not be read. */
      if (k8s != NULL)
        np_history_watch_policy (self->history, k8s);
      else if (cilium != NULL)
        np_history_watch_cilium_policy (self->history, cilium);
      else
        np_history_watch_cluster_policy (self->history, cluster);
      g_signal_connect_object (policy, "changed", G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
    }

  if (policy == NULL)
    update_empty_page (self);
  if (!self->defer_canvas || !np_window_defer_canvas (self))
    np_window_update_canvas (self);
  np_yaml_pane_set_policy (self->yaml_pane, self->manifest, policy);
  np_traffic_page_set_policy (self->traffic_page, namespaced);
  np_tutorial_page_set_policy (self->tutorial_page, namespaced);
  np_tutorial_page_set_cluster_shown (self->tutorial_page, cluster != NULL);
  np_flows_page_set_policy (self->flows_page, namespaced);
  np_rating_button_set_policy (self->rating_button, policy);

  np_window_update_actions (self);
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

/* The side panel's pages, and its and the preview's shown state kept in
 * settings. */
static void
setup_side_panel (NpWindow *self)
{

  self->rating_button = NP_RATING_BUTTON (np_rating_button_new ());
  /* It gives way in a narrow window. */
  adw_squeezer_add (self->rating_squeezer, GTK_WIDGET (self->rating_button));

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
  g_settings_bind (self->settings, "preview-visible", self->yaml_pane, "text-visible", G_SETTINGS_BIND_DEFAULT);
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

  /* A file is read only once the document shown was saved or knowingly
   * left (np_window_open()): nothing to ask about. */
  if (self->reading != NULL)
    {
      np_window_cancel_reading (self);
      self->close_confirmed = TRUE;
    }
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

  if (self->sidebar_scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->documents_list), self->sidebar_scroll_tick);
      self->sidebar_scroll_tick = 0;
    }
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->listing_recoveries != NULL)
    g_cancellable_cancel (self->listing_recoveries);
  g_clear_object (&self->listing_recoveries);
  g_clear_handle_id (&self->loading_timeout, g_source_remove);
  if (self->canvas_clock != NULL)
    g_clear_signal_handler (&self->canvas_paint_handler, self->canvas_clock);
  g_clear_object (&self->canvas_clock);
  g_clear_handle_id (&self->canvas_source, g_source_remove);
  g_clear_handle_id (&self->canvas_timeout, g_source_remove);
  g_clear_handle_id (&self->veil_timeout, g_source_remove);
  g_clear_weak_pointer (&self->focus_before_read);
  if (self->canvas != NULL)
    np_canvas_set_policy (self->canvas, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_WINDOW);
  /* Gone with their scrolled windows. */
  self->cilium_canvas = NULL;
  self->cluster_canvas = NULL;

  if (self->manifest != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->manifest, self);
      g_signal_handlers_disconnect_by_data (np_manifest_get_documents (self->manifest), self);
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->policy);
  g_clear_object (&self->cilium_policy);
  g_clear_object (&self->cluster_policy);
  g_clear_object (&self->history);
  g_clear_object (&self->watch);
  g_clear_object (&self->recovery);
  g_clear_object (&self->deleted_toast);
  g_clear_object (&self->manifest);
  g_clear_object (&self->policy_list);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->templates);

  G_OBJECT_CLASS (np_window_parent_class)->dispose (object);
}

static void
np_window_class_init (NpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = np_window_dispose;
  object_class->get_property = np_window_get_property;

  /* TRUE while a file is read in a worker: the document is not the one
   * asked for yet. */
  properties[PROP_READING] =
    g_param_spec_boolean ("reading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = np_window_close_request;

  g_type_ensure (NP_TYPE_CANVAS);
  g_type_ensure (NP_TYPE_SIDE_PANEL);
  g_type_ensure (NP_TYPE_CILIUM_CANVAS);
  g_type_ensure (NP_TYPE_CLUSTER_CANVAS);
  g_type_ensure (NP_TYPE_YAML_PANE);

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
  gtk_widget_class_bind_template_child (widget_class, NpWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, stop_reading_button);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, canvas_veil);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, cilium_scroller);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, cluster_scroller);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, templates_section);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, NpWindow, yaml_pane);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_edit_rule);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_add_rule);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_document_item_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_document_item_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_document_item_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_document_selected);

  np_window_actions_class_init (widget_class);
  np_window_files_class_init (widget_class);
  np_window_read_class_init (widget_class);
}

static void
np_window_init (NpWindow *self)
{
  GtkDropTarget *drop;
  g_autoptr(NpPolicy) policy = np_window_new_blank_policy ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Nothing is being read yet (np-window-read.c turns it on and off). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", FALSE);

  self->settings = g_settings_new (APP_ID);
  restore_state (self);
  setup_side_panel (self);
  g_signal_connect_object (self->settings, "changed::" NP_USER_TEMPLATES_KEY,
                           G_CALLBACK (np_window_update_templates_menu), self, G_CONNECT_SWAPPED);
  np_window_update_templates_menu (self);

  /* Text typed into the YAML is an unsaved edit, and its own undo counts. */
  g_signal_connect_object (self->yaml_pane, "notify::text-differs",
                           G_CALLBACK (np_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->yaml_pane, "notify::can-undo-text",
                           G_CALLBACK (np_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->yaml_pane, "notify::can-redo-text",
                           G_CALLBACK (np_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->yaml_pane, "text-read",
                           G_CALLBACK (np_window_schedule_recovery), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (np_window_attach_policy_list), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (np_window_on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (np_window_update_recent_menu), self, G_CONNECT_SWAPPED);
  np_window_update_recent_menu (self);

  np_window_load_new (self, policy, NP_ARRIVAL_BLANK);
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
