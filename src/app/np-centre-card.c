/* np-centre-card.c: the canvas's centre card: the policy and the pods it selects
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-centre-card.h"
#include "np-exposure.h"
#include "np-label-selector.h"
#include "np-manifest.h"
#include "np-policy-edit.h"
#include "np-policy.h"
#include "np-selector-editor.h"

struct _NpCentreCard
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *box;
  GtkEntry         *name_entry;
  GtkEntry         *namespace_entry;
  NpSelectorEditor *pod_selector_editor;
  GtkToggleButton  *ingress_toggle;
  GtkToggleButton  *egress_toggle;
  GtkImage         *ingress_icon;
  GtkImage         *egress_icon;
  GtkLabel         *exposure_label;
  guint             exposure_source;
  guint             exposure_read;  /* documents of the manifest read for it so far */
  gboolean          exposure_stale; /* the label says it is being worked out */
  GdkFrameClock    *locks_clock;    /* while the toggles are set at once (owned) */
  gulong            locks_paint_handler;

  /* Owned */
  NpPolicy         *policy;
  NpManifest       *manifest;
  GBinding         *name_binding;
  GBinding         *namespace_binding;
  /* The selector the editor fills in while the policy has none; it becomes
   * the policy's pod selector with its first term. */
  NpLabelSelector  *pending_selector;

  gboolean          updating;
};

G_DEFINE_FINAL_TYPE (NpCentreCard, np_centre_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  PROP_MANIFEST,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* An empty entry means the field is absent from the policy, and the other
 * way around: GtkEntry's "text" cannot be NULL. */
static gboolean
string_to_text (GBinding     *binding,
                const GValue *from_value,
                GValue       *to_value,
                gpointer      user_data)
{
  const char *string = g_value_get_string (from_value);

  g_value_set_string (to_value, string != NULL ? string : "");
  return TRUE;
}

static gboolean
text_to_string (GBinding     *binding,
                const GValue *from_value,
                GValue       *to_value,
                gpointer      user_data)
{
  const char *text = g_value_get_string (from_value);

  g_value_set_string (to_value, text != NULL && text[0] != '\0' ? text : NULL);
  return TRUE;
}

static GBinding *
bind_entry (NpCentreCard *self,
            const char   *property,
            GtkEntry     *entry)
{
  return g_object_bind_property_full (self->policy, property,
                                      entry, "text",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                      string_to_text,
                                      text_to_string,
                                      NULL, NULL);
}

static void
np_centre_card_clear_pending_selector (NpCentreCard *self)
{
  if (self->pending_selector == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->pending_selector, self);
  g_clear_object (&self->pending_selector);
}

static void
np_centre_card_pending_selector_changed (NpCentreCard    *self,
                                         NpLabelSelector *selector)
{
  if (self->policy == NULL || np_policy_get_pod_selector (self->policy) != NULL)
    return;
  if (np_label_selector_is_empty (selector))
    return;

  /* Keep it alive across the notify that clears the pending pointer. */
  {
    g_autoptr(NpLabelSelector) hold = g_object_ref (selector);

    np_policy_set_pod_selector (self->policy, hold);
  }
}

static void
np_centre_card_update_selector (NpCentreCard *self)
{
  NpLabelSelector *selector = self->policy != NULL ? np_policy_get_pod_selector (self->policy) : NULL;

  if (selector != NULL || self->policy == NULL)
    {
      np_centre_card_clear_pending_selector (self);
      np_selector_editor_set_selector (self->pod_selector_editor, selector);
      return;
    }

  /* No podSelector key: the editor shows "All pods in the namespace" and
   * edits a selector of its own until a term makes it the policy's. */
  if (self->pending_selector == NULL)
    {
      self->pending_selector = np_label_selector_new ();
      g_signal_connect_object (self->pending_selector, "changed",
                               G_CALLBACK (np_centre_card_pending_selector_changed),
                               self, G_CONNECT_SWAPPED);
    }
  np_selector_editor_set_selector (self->pod_selector_editor, self->pending_selector);
}

static void
np_centre_card_update_locks (NpCentreCard *self)
{
  gboolean ingress = self->policy != NULL && np_policy_get_isolated (self->policy, NP_DIRECTION_INGRESS);
  gboolean egress = self->policy != NULL && np_policy_get_isolated (self->policy, NP_DIRECTION_EGRESS);

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->ingress_toggle, ingress);
  gtk_toggle_button_set_active (self->egress_toggle, egress);
  self->updating = FALSE;

  gtk_image_set_from_icon_name (self->ingress_icon,
                                ingress ? "changes-prevent-symbolic" : "changes-allow-symbolic");
  gtk_image_set_from_icon_name (self->egress_icon,
                                egress ? "changes-prevent-symbolic" : "changes-allow-symbolic");
}

static void
np_centre_card_lock_toggled (NpCentreCard    *self,
                             GtkToggleButton *toggle)
{
  NpDirection direction = toggle == self->ingress_toggle ? NP_DIRECTION_INGRESS : NP_DIRECTION_EGRESS;
  gboolean active = gtk_toggle_button_get_active (toggle);

  if (self->updating || self->policy == NULL)
    return;

  if (!np_policy_set_isolated (self->policy, direction, active))
    {
      const char *message;

      np_centre_card_update_locks (self);
      message = direction == NP_DIRECTION_INGRESS
        ? _("A NetworkPolicy always isolates at least one direction: turn on “Deny egress by default” first")
        : _("A NetworkPolicy always isolates at least one direction: turn on “Deny ingress by default” first");
      g_signal_emit (self, signals[TOAST], 0, message);
      return;
    }

  /* When nothing changed (policyTypes already said so), no "changed"
   * follows; the icons must still match the button. */
  np_centre_card_update_locks (self);
}

static void
on_locks_painted (GdkFrameClock *clock,
                  NpCentreCard  *self)
{
  g_clear_signal_handler (&self->locks_paint_handler, clock);
  g_clear_object (&self->locks_clock);
  gtk_widget_remove_css_class (GTK_WIDGET (self->ingress_toggle), "np-instant");
  gtk_widget_remove_css_class (GTK_WIDGET (self->egress_toggle), "np-instant");
}

/* The toggles of a policy shown in place of another take its state at
 * once, as a GtkSwitch does when set from code: the theme's 200 ms fade is
 * for a press, and on a pick it would show a change the person did not
 * make (and keep GTK's frame clock ticking, so that the next pick waits
 * for a tick). The class that stops the fade goes after the frame that
 * styles the toggles with it. */
static void
np_centre_card_show_locks_at_once (NpCentreCard *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      np_centre_card_update_locks (self);
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->ingress_toggle), "np-instant");
  gtk_widget_add_css_class (GTK_WIDGET (self->egress_toggle), "np-instant");
  np_centre_card_update_locks (self);
  if (self->locks_paint_handler == 0)
    {
      self->locks_clock = g_object_ref (clock);
      self->locks_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_locks_painted), self);
    }
}

#define EXPOSURE_SLICE_US 5000

/* While the sentences wait for the file's policies to be read, the last
 * ones (of another policy, or of the file as it was) would say something
 * this policy does not. */
static void
show_exposure_pending (NpCentreCard *self)
{
  const char *text = gtk_label_get_text (self->exposure_label);

  if (self->exposure_stale || text == NULL || *text == '\0')
    return;
  self->exposure_stale = TRUE;
  gtk_label_set_text (self->exposure_label, _("Working out who may reach these pods…"));
}

/* Who may reach the selected pods and what they may reach: the core's
 * sentences, from this policy and the others of the file or folder. */
static gboolean
update_exposure_cb (gpointer data)
{
  NpCentreCard *self = data;
  g_autofree char *text = NULL;

  if (self->policy == NULL)
    {
      self->exposure_source = 0;
      self->exposure_stale = FALSE;
      gtk_label_set_text (self->exposure_label, "");
      return G_SOURCE_REMOVE;
    }

  /* The first time, a large file's documents are read a few at a time,
   * each slice short enough that the frames between them are not kept
   * waiting; the sentences then only read what is already built. */
  if (self->manifest != NULL)
    {
      GListModel *documents = np_manifest_get_documents (self->manifest);
      gint64 deadline = g_get_monotonic_time () + EXPOSURE_SLICE_US;

      while (self->exposure_read < g_list_model_get_n_items (documents))
        {
          g_autoptr(NpDocument) document = g_list_model_get_item (documents, self->exposure_read++);

          np_document_get_policies (document);
          if (g_get_monotonic_time () >= deadline)
            {
              show_exposure_pending (self);
              return G_SOURCE_CONTINUE;
            }
        }
    }

  self->exposure_source = 0;
  /* With a caveat when policies of other kinds may deny what the
   * sentences say is open. */
  text = np_exposure_describe_card (self->manifest, self->policy);
  self->exposure_stale = FALSE;
  gtk_label_set_text (self->exposure_label, text);
  return G_SOURCE_REMOVE;
}

/* The sentences read every policy of the file, which a large file builds
 * only when asked: once per burst of changes, and after the frame that
 * shows the policy (below the frame clock's priority). */
static void
np_centre_card_update_exposure (NpCentreCard *self)
{
  if (self->exposure_source == 0)
    self->exposure_source = g_idle_add_full (G_PRIORITY_LOW, update_exposure_cb, self, NULL);
}

static void
np_centre_card_dispose (GObject *object)
{
  NpCentreCard *self = NP_CENTRE_CARD (object);

  g_clear_pointer (&self->name_binding, g_binding_unbind);
  g_clear_pointer (&self->namespace_binding, g_binding_unbind);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_clear_object (&self->policy);
  if (self->manifest != NULL)
    g_signal_handlers_disconnect_by_data (np_manifest_get_documents (self->manifest), self);
  g_clear_object (&self->manifest);
  g_clear_handle_id (&self->exposure_source, g_source_remove);
  if (self->locks_clock != NULL)
    g_clear_signal_handler (&self->locks_paint_handler, self->locks_clock);
  g_clear_object (&self->locks_clock);
  np_centre_card_clear_pending_selector (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_CENTRE_CARD);

  G_OBJECT_CLASS (np_centre_card_parent_class)->dispose (object);
}

static void
np_centre_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NpCentreCard *self = NP_CENTRE_CARD (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;

    case PROP_MANIFEST:
      g_value_set_object (value, self->manifest);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_centre_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NpCentreCard *self = NP_CENTRE_CARD (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_centre_card_set_policy (self, g_value_get_object (value));
      break;

    case PROP_MANIFEST:
      np_centre_card_set_manifest (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_centre_card_class_init (NpCentreCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_centre_card_dispose;
  object_class->get_property = np_centre_card_get_property;
  object_class->set_property = np_centre_card_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL,
                         NP_TYPE_POLICY,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_MANIFEST] =
    g_param_spec_object ("manifest", NULL, NULL,
                         NP_TYPE_MANIFEST,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The template names NpSelectorEditor: make sure the type exists. */
  g_type_ensure (NP_TYPE_SELECTOR_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-centre-card.ui");
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, box);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, namespace_entry);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, pod_selector_editor);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, ingress_toggle);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, egress_toggle);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, ingress_icon);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, egress_icon);
  gtk_widget_class_bind_template_child (widget_class, NpCentreCard, exposure_label);
  gtk_widget_class_bind_template_callback (widget_class, np_centre_card_lock_toggled);
}

static void
np_centre_card_init (NpCentreCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
np_centre_card_new (void)
{
  return g_object_new (NP_TYPE_CENTRE_CARD, NULL);
}

NpPolicy *
np_centre_card_get_policy (NpCentreCard *self)
{
  g_return_val_if_fail (NP_IS_CENTRE_CARD (self), NULL);

  return self->policy;
}

void
np_centre_card_set_policy (NpCentreCard *self,
                           NpPolicy     *policy)
{
  g_return_if_fail (NP_IS_CENTRE_CARD (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy));

  if (self->policy == policy)
    return;

  g_clear_pointer (&self->name_binding, g_binding_unbind);
  g_clear_pointer (&self->namespace_binding, g_binding_unbind);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  np_centre_card_clear_pending_selector (self);

  g_set_object (&self->policy, policy);

  if (policy != NULL)
    {
      self->name_binding = bind_entry (self, "name", self->name_entry);
      self->namespace_binding = bind_entry (self, "namespace", self->namespace_entry);
      g_signal_connect_object (policy, "notify::pod-selector",
                               G_CALLBACK (np_centre_card_update_selector),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (policy, "changed",
                               G_CALLBACK (np_centre_card_update_locks),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (policy, "changed",
                               G_CALLBACK (np_centre_card_update_exposure),
                               self, G_CONNECT_SWAPPED);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->namespace_entry), "");
    }

  np_centre_card_update_selector (self);
  np_centre_card_show_locks_at_once (self);
  np_centre_card_update_exposure (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), policy != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

NpManifest *
np_centre_card_get_manifest (NpCentreCard *self)
{
  g_return_val_if_fail (NP_IS_CENTRE_CARD (self), NULL);

  return self->manifest;
}

void
np_centre_card_set_manifest (NpCentreCard *self,
                             NpManifest   *manifest)
{
  g_return_if_fail (NP_IS_CENTRE_CARD (self));
  g_return_if_fail (manifest == NULL || NP_IS_MANIFEST (manifest));

  if (self->manifest == manifest)
    return;
  if (self->manifest != NULL)
    g_signal_handlers_disconnect_by_data (np_manifest_get_documents (self->manifest), self);
  g_set_object (&self->manifest, manifest);
  self->exposure_read = 0;
  /* What the sentences said was of another file. */
  show_exposure_pending (self);
  /* A policy added to or removed from the file changes what the others
   * open; an edit of the policy shown comes as its "changed". */
  if (manifest != NULL)
    g_signal_connect_object (np_manifest_get_documents (manifest), "items-changed",
                             G_CALLBACK (np_centre_card_update_exposure), self, G_CONNECT_SWAPPED);
  np_centre_card_update_exposure (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANIFEST]);
}

/* TRUE when @path is @field or a path below it ("spec.podSelector" takes in
 * "spec.podSelector.matchLabels.app"). */
static gboolean
path_is_under (const char *path,
               const char *field)
{
  gsize len = strlen (field);

  return strncmp (path, field, len) == 0 &&
         (path[len] == '\0' || path[len] == '.' || path[len] == '[');
}

static gboolean
focus_widget (GtkWidget *widget)
{
  /* A composite such as the selector editor is not focusable itself: move
   * into it the way Tab would. */
  if (gtk_widget_grab_focus (widget))
    return TRUE;
  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

gboolean
np_centre_card_focus_field (NpCentreCard *self,
                            const char   *path)
{
  g_return_val_if_fail (NP_IS_CENTRE_CARD (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (path_is_under (path, "metadata.namespace"))
    return focus_widget (GTK_WIDGET (self->namespace_entry));
  if (path_is_under (path, "metadata"))
    return focus_widget (GTK_WIDGET (self->name_entry));
  if (path_is_under (path, "spec.podSelector"))
    return focus_widget (GTK_WIDGET (self->pod_selector_editor));
  if (path_is_under (path, "spec.policyTypes"))
    {
      /* The toggle of the direction that is on tells the story best. */
      if (self->policy != NULL && !np_policy_get_isolated (self->policy, NP_DIRECTION_INGRESS))
        return focus_widget (GTK_WIDGET (self->egress_toggle));
      return focus_widget (GTK_WIDGET (self->ingress_toggle));
    }
  return FALSE;
}
