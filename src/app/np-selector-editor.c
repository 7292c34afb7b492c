/* np-selector-editor.c: a label selector as removable chips, with an entry to add terms
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-selector-editor.h"
#include "np-selector-requirement.h"

/* How long typing must pause before a bad term is pointed out: shorter
 * would flag every half-typed "tier in (". */
#define CHECK_DELAY_MS 600

struct _NpSelectorEditor
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkFlowBox      *chip_box;
  GtkLabel        *empty_label;
  GtkEntry        *entry;
  GtkLabel        *message_label;

  /* Owned */
  NpLabelSelector *selector;
  char            *label;
  char            *empty_text;
  guint            check_source;

  gboolean         has_error;
};

G_DEFINE_FINAL_TYPE (NpSelectorEditor, np_selector_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTOR,
  PROP_LABEL,
  PROP_EMPTY_TEXT,
  PROP_HAS_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListStore *
np_selector_editor_get_store (NpSelectorEditor *self)
{
  g_assert (self->selector != NULL);

  return G_LIST_STORE (np_label_selector_get_requirements (self->selector));
}

static void
np_selector_editor_set_has_error (NpSelectorEditor *self,
                                  gboolean          has_error)
{
  has_error = !!has_error;
  if (self->has_error == has_error)
    return;

  self->has_error = has_error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERROR]);
}

/* @message NULL clears the mark. The message is also the entry's
 * accessible description, so a screen reader says why it is invalid. */
static void
np_selector_editor_show_message (NpSelectorEditor *self,
                                 const char       *message)
{
  gboolean bad = message != NULL;

  gtk_label_set_text (self->message_label, bad ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), bad);
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (bad)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->entry),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  np_selector_editor_set_has_error (self, bad);
}

/* The parser accepts any word as a key or value, as Kubernetes' own does;
 * the API server would then refuse "App Name" or "-web", so say so now,
 * while the person is still typing it. */
static gboolean
np_selector_editor_check_terms (NpLabelSelector  *parsed,
                                char            **message)
{
  GListModel *terms = np_label_selector_get_requirements (parsed);
  guint n = g_list_model_get_n_items (terms);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpSelectorRequirement) req = g_list_model_get_item (terms, i);
      const char *key = np_selector_requirement_get_key (req);
      g_autofree char *reason = NULL;

      if (!np_k8s_check_label_key (key, &reason))
        {
          *message = g_strdup_printf (_("“%s” is not a valid label key: it %s."), key, reason);
          return FALSE;
        }

      if (np_selector_requirement_is_label (req))
        {
          const char *value = np_selector_requirement_get_value (req);

          if (!np_k8s_check_label_value (value != NULL ? value : "", &reason))
            {
              *message = g_strdup_printf (_("“%s” is not a valid label value: it %s."),
                                          value, reason);
              return FALSE;
            }
        }
      else
        {
          const char * const *values = np_selector_requirement_get_values (req);

          for (guint j = 0; values != NULL && values[j] != NULL; j++)
            if (!np_k8s_check_label_value (values[j], &reason))
              {
                *message = g_strdup_printf (_("“%s” is not a valid label value: it %s."),
                                            values[j], reason);
                return FALSE;
              }
        }
    }

  return TRUE;
}

/* (transfer full) (nullable): the terms the entry holds, or NULL with
 * @message set. Blank text gives an empty selector. */
static NpLabelSelector *
np_selector_editor_parse (NpSelectorEditor  *self,
                          char             **message)
{
  g_autoptr(NpLabelSelector) parsed = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  parsed = np_label_selector_new_from_string (text, &error);
  if (parsed == NULL)
    {
      *message = g_strdup (error->message);
      return NULL;
    }
  if (!np_selector_editor_check_terms (parsed, message))
    return NULL;

  return g_steal_pointer (&parsed);
}

static void
np_selector_editor_check_now (NpSelectorEditor *self)
{
  g_autoptr(NpLabelSelector) parsed = NULL;
  g_autofree char *message = NULL;

  g_clear_handle_id (&self->check_source, g_source_remove);

  parsed = np_selector_editor_parse (self, &message);
  np_selector_editor_show_message (self, message);
}

static gboolean
np_selector_editor_check_timeout (gpointer user_data)
{
  NpSelectorEditor *self = user_data;

  self->check_source = 0;
  np_selector_editor_check_now (self);

  return G_SOURCE_REMOVE;
}

static void
np_selector_editor_entry_changed (NpSelectorEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  g_clear_handle_id (&self->check_source, g_source_remove);

  /* Nothing typed is never wrong: clear at once rather than after a pause. */
  if (text[0] == '\0')
    {
      np_selector_editor_show_message (self, NULL);
      return;
    }

  self->check_source = g_timeout_add (CHECK_DELAY_MS, np_selector_editor_check_timeout, self);
}

static void
np_selector_editor_entry_activate (NpSelectorEditor *self)
{
  np_selector_editor_commit (self);
}

static void
np_selector_editor_entry_focus_leave (NpSelectorEditor *self)
{
  /* Leaving the field is the end of typing: no need to wait. */
  if (self->check_source != 0)
    np_selector_editor_check_now (self);
}

static void
np_selector_editor_remove_at (NpSelectorEditor *self,
                              guint             position)
{
  GListStore *store = np_selector_editor_get_store (self);
  guint n;
  GtkFlowBoxChild *next;

  g_list_store_remove (store, position);

  /* The focused button went with its chip: keep the keyboard where the
   * person was, on the chip that took its place, or else the entry. */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  next = n > 0 ? gtk_flow_box_get_child_at_index (self->chip_box, MIN (position, n - 1)) : NULL;
  if (next != NULL)
    gtk_widget_child_focus (GTK_WIDGET (next), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static gboolean
np_selector_editor_entry_key_pressed (NpSelectorEditor *self,
                                      guint             keyval,
                                      guint             keycode,
                                      GdkModifierType   state)
{
  guint n;

  if (keyval != GDK_KEY_BackSpace ||
      (state & GDK_MODIFIER_MASK) != 0 ||
      self->selector == NULL ||
      gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0')
    return GDK_EVENT_PROPAGATE;

  n = g_list_model_get_n_items (np_label_selector_get_requirements (self->selector));
  if (n == 0)
    return GDK_EVENT_PROPAGATE;

  g_list_store_remove (np_selector_editor_get_store (self), n - 1);
  return GDK_EVENT_STOP;
}

static void
np_selector_editor_chip_remove_clicked (GtkButton        *button,
                                        NpSelectorEditor *self)
{
  NpSelectorRequirement *req = g_object_get_data (G_OBJECT (button), "np-requirement");
  guint position;

  if (self->selector == NULL)
    return;

  if (g_list_store_find (np_selector_editor_get_store (self), req, &position))
    np_selector_editor_remove_at (self, position);
}

/* A term's text can change under its chip (set_label() on an existing key
 * replaces the value): keep the label and the button's name in step. */
static void
np_selector_editor_update_chip (GtkWidget *chip)
{
  NpSelectorRequirement *req = g_object_get_data (G_OBJECT (chip), "np-requirement");
  GtkWidget *label = gtk_widget_get_first_child (chip);
  GtkWidget *button = gtk_widget_get_last_child (chip);
  g_autofree char *term = np_selector_requirement_to_string (req);
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), term);

  gtk_label_set_text (GTK_LABEL (label), term);
  gtk_widget_set_tooltip_text (label, term);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                  -1);
}

static GtkWidget *
np_selector_editor_create_chip (gpointer item,
                                gpointer user_data)
{
  NpSelectorEditor *self = user_data;
  NpSelectorRequirement *req = item;
  GtkFlowBoxChild *child;
  GtkWidget *chip;
  GtkWidget *label;
  GtkWidget *button;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (chip, "np-chip");
  g_object_set_data_full (G_OBJECT (chip), "np-requirement",
                          g_object_ref (req), g_object_unref);

  label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (chip), label);

  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  g_object_set_data_full (G_OBJECT (button), "np-requirement",
                          g_object_ref (req), g_object_unref);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (np_selector_editor_chip_remove_clicked),
                           self, 0);
  gtk_box_append (GTK_BOX (chip), button);

  g_signal_connect_object (req, "changed",
                           G_CALLBACK (np_selector_editor_update_chip),
                           chip, G_CONNECT_SWAPPED);
  np_selector_editor_update_chip (chip);

  /* The chip itself is no stop for Tab: its remove button is. Without
   * this the flow box would take the focus and keep it to arrow keys. */
  child = GTK_FLOW_BOX_CHILD (gtk_flow_box_child_new ());
  gtk_widget_set_focusable (GTK_WIDGET (child), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (child), GTK_ALIGN_START);
  gtk_flow_box_child_set_child (child, chip);

  return GTK_WIDGET (child);
}

static void
np_selector_editor_update_empty (NpSelectorEditor *self)
{
  guint n = 0;

  if (self->selector != NULL)
    n = g_list_model_get_n_items (np_label_selector_get_requirements (self->selector));

  gtk_widget_set_visible (GTK_WIDGET (self->chip_box), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          n == 0 && self->empty_text != NULL && self->empty_text[0] != '\0');
}

static void
np_selector_editor_update_label (NpSelectorEditor *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->label != NULL ? self->label : "",
                                  -1);
}

/* Tab goes through each chip's remove button, then the entry. GtkFlowBox
 * (GTK 4.8) does not take the focus into children it cannot focus itself
 * when Tab comes from before it, and does not let it leave backwards, so
 * the editor orders its stops itself; arrow keys are left to the children. */
static gboolean
np_selector_editor_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  NpSelectorEditor *self = NP_SELECTOR_EDITOR (widget);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  int current = -1;
  int next;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (np_selector_editor_parent_class)->focus (widget, direction);

  if (gtk_widget_get_visible (GTK_WIDGET (self->chip_box)))
    {
      GtkFlowBoxChild *child;

      for (int i = 0; (child = gtk_flow_box_get_child_at_index (self->chip_box, i)) != NULL; i++)
        {
          GtkWidget *chip = gtk_flow_box_child_get_child (child);
          GtkWidget *button = chip != NULL ? gtk_widget_get_last_child (chip) : NULL;

          if (button != NULL && gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button))
            g_ptr_array_add (stops, button);
        }
    }
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->entry)))
    g_ptr_array_add (stops, self->entry);

  for (guint i = 0; i < stops->len && focus != NULL; i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);

      if (focus == stop || gtk_widget_is_ancestor (focus, stop))
        current = (int) i;
    }

  if (current < 0)
    next = forward ? 0 : (int) stops->len - 1;
  else
    next = current + (forward ? 1 : -1);
  if (next < 0 || next >= (int) stops->len)
    return FALSE;
  return gtk_widget_grab_focus (g_ptr_array_index (stops, next));
}

/* Focusing the editor means typing into it. */
static gboolean
np_selector_editor_grab_focus (GtkWidget *widget)
{
  NpSelectorEditor *self = NP_SELECTOR_EDITOR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
np_selector_editor_dispose (GObject *object)
{
  NpSelectorEditor *self = NP_SELECTOR_EDITOR (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->selector != NULL)
    np_selector_editor_set_selector (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_SELECTOR_EDITOR);

  G_OBJECT_CLASS (np_selector_editor_parent_class)->dispose (object);
}

static void
np_selector_editor_finalize (GObject *object)
{
  NpSelectorEditor *self = NP_SELECTOR_EDITOR (object);

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->empty_text, g_free);

  G_OBJECT_CLASS (np_selector_editor_parent_class)->finalize (object);
}

static void
np_selector_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NpSelectorEditor *self = NP_SELECTOR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SELECTOR:
      g_value_set_object (value, self->selector);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;

    case PROP_HAS_ERROR:
      g_value_set_boolean (value, self->has_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_selector_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NpSelectorEditor *self = NP_SELECTOR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SELECTOR:
      np_selector_editor_set_selector (self, g_value_get_object (value));
      break;

    case PROP_LABEL:
      if (g_strcmp0 (self->label, g_value_get_string (value)) != 0)
        {
          g_free (self->label);
          self->label = g_value_dup_string (value);
          np_selector_editor_update_label (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_EMPTY_TEXT:
      if (g_strcmp0 (self->empty_text, g_value_get_string (value)) != 0)
        {
          g_free (self->empty_text);
          self->empty_text = g_value_dup_string (value);
          gtk_label_set_text (self->empty_label, self->empty_text != NULL ? self->empty_text : "");
          np_selector_editor_update_empty (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_selector_editor_class_init (NpSelectorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_selector_editor_dispose;
  object_class->finalize = np_selector_editor_finalize;
  object_class->get_property = np_selector_editor_get_property;
  object_class->set_property = np_selector_editor_set_property;

  widget_class->grab_focus = np_selector_editor_grab_focus;
  widget_class->focus = np_selector_editor_focus;

  properties[PROP_SELECTOR] =
    g_param_spec_object ("selector", NULL, NULL,
                         NP_TYPE_LABEL_SELECTOR,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_HAS_ERROR] =
    g_param_spec_boolean ("has-error", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-selector-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NpSelectorEditor, chip_box);
  gtk_widget_class_bind_template_child (widget_class, NpSelectorEditor, empty_label);
  gtk_widget_class_bind_template_child (widget_class, NpSelectorEditor, entry);
  gtk_widget_class_bind_template_child (widget_class, NpSelectorEditor, message_label);
  gtk_widget_class_bind_template_callback (widget_class, np_selector_editor_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, np_selector_editor_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, np_selector_editor_entry_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, np_selector_editor_entry_focus_leave);

  gtk_widget_class_set_css_name (widget_class, "np-selector-editor");
}

static void
np_selector_editor_init (NpSelectorEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_entry_set_placeholder_text (self->entry,
                                  _("Add a label, e.g. app=web or tier in (web, api)"));
  np_selector_editor_update_label (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), FALSE);
}

/**
 * np_selector_editor_new:
 * @label: (nullable): the entry's accessible name, e.g. "Pod selector"
 *
 * (transfer floating)
 */
GtkWidget *
np_selector_editor_new (const char *label)
{
  return g_object_new (NP_TYPE_SELECTOR_EDITOR,
                       "label", label,
                       NULL);
}

/**
 * np_selector_editor_get_selector:
 *
 * (transfer none) (nullable)
 */
NpLabelSelector *
np_selector_editor_get_selector (NpSelectorEditor *self)
{
  g_return_val_if_fail (NP_IS_SELECTOR_EDITOR (self), NULL);

  return self->selector;
}

void
np_selector_editor_set_selector (NpSelectorEditor *self,
                                 NpLabelSelector  *selector)
{
  g_return_if_fail (NP_IS_SELECTOR_EDITOR (self));
  g_return_if_fail (selector == NULL || NP_IS_LABEL_SELECTOR (selector));

  if (self->selector == selector)
    return;

  if (self->selector != NULL)
    g_signal_handlers_disconnect_by_func (np_label_selector_get_requirements (self->selector),
                                          np_selector_editor_update_empty, self);

  g_set_object (&self->selector, selector);

  if (selector != NULL)
    {
      GListModel *terms = np_label_selector_get_requirements (selector);

      gtk_flow_box_bind_model (self->chip_box, terms,
                               np_selector_editor_create_chip, self, NULL);
      g_signal_connect_object (terms, "items-changed",
                               G_CALLBACK (np_selector_editor_update_empty),
                               self, G_CONNECT_SWAPPED);
    }
  else
    gtk_flow_box_bind_model (self->chip_box, NULL, NULL, NULL, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), selector != NULL);
  np_selector_editor_update_empty (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTOR]);
}

/**
 * np_selector_editor_commit:
 *
 * Adds the terms the entry holds to the selector and empties the entry.
 * Returns FALSE, leaving the text in place and marked, when it does not
 * parse (or there is no selector to add to). Blank text adds nothing and
 * returns TRUE.
 */
gboolean
np_selector_editor_commit (NpSelectorEditor *self)
{
  g_autoptr(NpLabelSelector) parsed = NULL;
  g_autofree char *message = NULL;
  GListModel *terms;
  guint n;

  g_return_val_if_fail (NP_IS_SELECTOR_EDITOR (self), FALSE);

  g_clear_handle_id (&self->check_source, g_source_remove);

  parsed = np_selector_editor_parse (self, &message);
  if (parsed == NULL)
    {
      np_selector_editor_show_message (self, message);
      return FALSE;
    }

  terms = np_label_selector_get_requirements (parsed);
  n = g_list_model_get_n_items (terms);
  if (n > 0 && self->selector == NULL)
    return FALSE;

  if (n == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      np_selector_editor_show_message (self, NULL);
      return TRUE;
    }

  /* Several terms typed at once are one edit, so one undo step. */
  np_label_selector_begin_change (self->selector);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpSelectorRequirement) req = g_list_model_get_item (terms, i);
      const char *key = np_selector_requirement_get_key (req);

      /* Through the selector's own API, so that a label with a key already
       * present replaces its value instead of adding a contradiction. */
      if (np_selector_requirement_is_label (req))
        np_label_selector_set_label (self->selector, key,
                                     np_selector_requirement_get_value (req));
      else
        np_label_selector_add_expression (self->selector, key,
                                          np_selector_requirement_get_operator (req),
                                          np_selector_requirement_get_values (req));
    }
  np_label_selector_end_change (self->selector);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  np_selector_editor_show_message (self, NULL);
  return TRUE;
}
