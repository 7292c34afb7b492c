/* np-tutorial-page.c: the side panel's tutorial page: steps with check marks and "Do it for me", and lessons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-cilium-policy.h"
#include "np-policy.h"
#include "np-tutorial-page.h"
#include "np-tutorial.h"

struct _NpTutorialPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *summary_label;
  GtkLabel       *progress;
  GtkListBox     *steps_list;
  GtkListBox     *lessons_list;

  /* Owned */
  NpTutorial     *tutorial;
  GListModel     *lessons;
  gboolean        cluster_shown;
};

G_DEFINE_FINAL_TYPE (NpTutorialPage, np_tutorial_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  N_PROPS
};

enum {
  LOAD_LESSON,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_progress (NpTutorialPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tutorial));
  guint done = np_tutorial_get_n_done (self->tutorial);
  g_autofree char *text = NULL;

  /* Without a policy on show the steps have nothing to check: say so
   * rather than "0 of 9". */
  if (self->cluster_shown)
    text = g_strdup (_("This tutorial is for namespaced policies (NetworkPolicy, CiliumNetworkPolicy). "
                       "The policy on show is a cluster-wide one: its steps do not apply to it."));
  else if (np_tutorial_get_policy (self->tutorial) == NULL)
    text = g_strdup (_("The steps check the policy on show; none is shown."));
  else
    text = g_strdup_printf (_("%u of %u steps done"), done, n);

  /* A label, not a progress bar: GTK 4.8's bar warns when it redraws
   * while the page is being rebuilt. */
  gtk_label_set_text (self->progress, text);
}

/* The row says whether its step is done with its icon and, for screen
 * readers and tests, in its accessible name and description. */
static void
update_step_row (GtkWidget *row)
{
  NpTutorialStep *step = g_object_get_data (G_OBJECT (row), "np-step");
  GtkImage *mark = g_object_get_data (G_OBJECT (row), "np-mark");
  gboolean done = np_tutorial_step_get_done (step);
  const char *state = done ? _("Done") : _("Not done");
  g_autofree char *name = g_strdup_printf ("%s: %s", np_tutorial_step_get_title (step), state);

  gtk_image_set_from_icon_name (mark, done ? "emblem-ok-symbolic" : "media-record-symbolic");
  if (done)
    {
      gtk_widget_add_css_class (GTK_WIDGET (mark), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (mark), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (mark), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (mark), "success");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (mark), state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
}

static void
on_do_it_clicked (GtkButton      *button,
                  NpTutorialPage *self)
{
  NpTutorialStep *step = g_object_get_data (G_OBJECT (button), "np-step");
  gpointer policy = np_tutorial_get_policy (self->tutorial);
  g_autoptr(GError) error = NULL;

  if (policy == NULL)
    {
      g_signal_emit (self, signals[TOAST], 0, _("Open or create a policy first."));
      return;
    }
  if (!np_tutorial_step_apply (step, policy, &error))
    g_signal_emit (self, signals[TOAST], 0, error->message);
}

static GtkWidget *
step_row_new (NpTutorialPage *self,
              NpTutorialStep *step,
              guint           number)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *mark = gtk_image_new ();
  g_autofree char *heading = g_strdup_printf ("%u. %s", number, np_tutorial_step_get_title (step));
  GtkWidget *title = gtk_label_new (heading);
  g_auto(GStrv) paragraphs = g_strsplit (np_tutorial_step_get_body (step), "\n\n", -1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), mark);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (box), header);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      GtkWidget *body = gtk_label_new (paragraphs[i]);

      gtk_label_set_xalign (GTK_LABEL (body), 0);
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), body);
    }

  if (np_tutorial_step_get_has_action (step))
    {
      GtkWidget *button = gtk_button_new ();
      /* GTK 4.8 appends a button's label text to its accessible name; a
       * presentational label keeps the name exactly what is set below. */
      GtkWidget *text = g_object_new (GTK_TYPE_LABEL,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      "label", _("_Do It for Me"),
                                      "use-underline", TRUE,
                                      NULL);

      gtk_button_set_child (GTK_BUTTON (button), text);
      g_autofree char *label = g_strdup_printf (_("Do it for me: %s"), np_tutorial_step_get_title (step));

      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_add_css_class (button, "pill");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (button), "np-step", step);
      g_signal_connect (button, "clicked", G_CALLBACK (on_do_it_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  else if (!np_tutorial_step_get_needs_action (step))
    {
      /* Advice is done once read. */
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("_I have read this"));
      g_autofree char *label = g_strdup_printf (_("Mark as read: %s"), np_tutorial_step_get_title (step));

      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_bind_property (step, "acknowledged", check, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "np-step", g_object_ref (step), g_object_unref);
  g_object_set_data (G_OBJECT (row), "np-mark", mark);
  g_signal_connect_object (step, "notify::done", G_CALLBACK (update_step_row), row, G_CONNECT_SWAPPED);
  update_step_row (row);
  return row;
}

static void
on_load_lesson_clicked (GtkButton      *button,
                        NpTutorialPage *self)
{
  g_signal_emit (self, signals[LOAD_LESSON], 0, g_object_get_data (G_OBJECT (button), "np-lesson"));
}

static GtkWidget *
lesson_row_new (NpTutorialPage *self,
                NpTutorial     *lesson)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");
  g_autofree char *label = g_strdup_printf (_("Load lesson: %s"), np_tutorial_get_title (lesson));
  g_autofree char *body = NULL;
  GListModel *steps = G_LIST_MODEL (lesson);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), np_tutorial_get_title (lesson));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), np_tutorial_get_summary (lesson));
  /* The lesson's explanation goes with its example, as the tooltip. */
  if (g_list_model_get_n_items (steps) > 0)
    {
      g_autoptr(NpTutorialStep) step = g_list_model_get_item (steps, 0);
      gtk_widget_set_tooltip_text (row, np_tutorial_step_get_body (step));
    }
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Open the Lesson’s Example"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "np-lesson", g_object_ref (lesson), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_load_lesson_clicked), self);
  gtk_widget_set_sensitive (button, np_tutorial_get_has_example (lesson));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

void
np_tutorial_page_set_policy (NpTutorialPage *self,
                             gpointer        policy)
{
  g_return_if_fail (NP_IS_TUTORIAL_PAGE (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy));

  if (self->tutorial == NULL || np_tutorial_get_policy (self->tutorial) == policy)
    return;
  np_tutorial_set_policy (self->tutorial, policy);
  update_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

void
np_tutorial_page_set_cluster_shown (NpTutorialPage *self,
                                    gboolean        shown)
{
  g_return_if_fail (NP_IS_TUTORIAL_PAGE (self));

  shown = !!shown;
  if (self->cluster_shown == shown)
    return;
  self->cluster_shown = shown;
  /* "Do it for me" has nothing to do to a cluster-wide policy. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->steps_list), !shown);
  update_progress (self);
}

gpointer
np_tutorial_page_get_policy (NpTutorialPage *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL_PAGE (self), NULL);

  return self->tutorial != NULL ? np_tutorial_get_policy (self->tutorial) : NULL;
}

static void
np_tutorial_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NpTutorialPage *self = NP_TUTORIAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, np_tutorial_page_get_policy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_tutorial_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NpTutorialPage *self = NP_TUTORIAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_tutorial_page_set_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_tutorial_page_dispose (GObject *object)
{
  NpTutorialPage *self = NP_TUTORIAL_PAGE (object);

  if (self->tutorial != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tutorial, self);
      np_tutorial_set_policy (self->tutorial, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), NP_TYPE_TUTORIAL_PAGE);
  /* Children the template does not name are left to us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->tutorial);
  g_clear_object (&self->lessons);

  G_OBJECT_CLASS (np_tutorial_page_parent_class)->dispose (object);
}

static void
np_tutorial_page_class_init (NpTutorialPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_tutorial_page_dispose;
  object_class->get_property = np_tutorial_page_get_property;
  object_class->set_property = np_tutorial_page_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOAD_LESSON] = g_signal_new ("load-lesson", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, NP_TYPE_TUTORIAL);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-tutorial-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NpTutorialPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, NpTutorialPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NpTutorialPage, progress);
  gtk_widget_class_bind_template_child (widget_class, NpTutorialPage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, NpTutorialPage, lessons_list);
}

static void
np_tutorial_page_init (NpTutorialPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tutorial = np_tutorial_new (NP_TUTORIAL_MAIN, &error);
  if (self->tutorial == NULL)
    {
      /* Only a damaged build lacks the content; say so where the steps go. */
      gtk_label_set_text (self->title_label, _("The tutorial could not be loaded."));
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
      return;
    }
  gtk_label_set_text (self->title_label, np_tutorial_get_title (self->tutorial));
  gtk_label_set_text (self->summary_label, np_tutorial_get_summary (self->tutorial));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tutorial)); i++)
    {
      g_autoptr(NpTutorialStep) step = g_list_model_get_item (G_LIST_MODEL (self->tutorial), i);

      gtk_list_box_append (self->steps_list, step_row_new (self, step, i + 1));
    }
  g_signal_connect_object (self->tutorial, "notify::n-done", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  update_progress (self);

  self->lessons = np_tutorial_list_lessons ();
  for (guint i = 0; i < g_list_model_get_n_items (self->lessons); i++)
    {
      g_autoptr(NpTutorial) lesson = g_list_model_get_item (self->lessons, i);

      gtk_list_box_append (self->lessons_list, lesson_row_new (self, lesson));
    }
}

GtkWidget *
np_tutorial_page_new (void)
{
  return g_object_new (NP_TYPE_TUTORIAL_PAGE, NULL);
}
