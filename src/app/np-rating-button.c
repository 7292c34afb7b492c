/* np-rating-button.c: the header bar's policy rating: a 0 to 5 score that opens its reasons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-cilium-policy.h"
#include "np-cluster-policy.h"
#include "np-policy.h"
#include "np-rating-button.h"
#include "np-tooltip.h"
#include "np-rating.h"

struct _NpRatingButton
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GtkLabel      *stars;
  GtkLabel      *heading;
  GtkBox        *reasons;

  GObject       *policy;  /* NpPolicy or NpCiliumPolicy: the core rates both */
};

G_DEFINE_FINAL_TYPE (NpRatingButton, np_rating_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (NpRatingButton *self)
{
  g_autoptr(NpRating) rating = NULL;
  g_autofree char *heading = NULL;
  GString *stars;
  GString *description;
  GtkWidget *child;
  guint score;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reasons))) != NULL)
    gtk_box_remove (self->reasons, child);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), self->policy != NULL);
  if (self->policy == NULL)
    {
      gtk_label_set_text (self->stars, "");
      return;
    }

  rating = np_rating_new (self->policy);
  score = np_rating_get_score (rating);
  stars = g_string_new (NULL);
  for (guint i = 0; i < 5; i++)
    g_string_append (stars, i < score ? "★" : "☆");
  gtk_label_set_text (self->stars, stars->str);
  g_string_free (stars, TRUE);

  /* TRANSLATORS: the policy rating, e.g. "3 of 5 (7 of 12 points)" */
  heading = g_strdup_printf (_("%u of 5 (%u of %u points)"), score,
                             np_rating_get_points (rating), np_rating_get_max_points (rating));
  gtk_label_set_text (self->heading, heading);
  description = g_string_new (heading);
  for (guint i = 0; i < np_rating_get_n_reasons (rating); i++)
    {
      gboolean met = np_rating_get_reason_met (rating, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name (met ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      GtkWidget *text = gtk_label_new (np_rating_get_reason_text (rating, i));
      g_autofree char *points = g_strdup_printf ("%u/%u", np_rating_get_reason_points (rating, i),
                                                 np_rating_get_reason_max_points (rating, i));
      GtkWidget *points_label = gtk_label_new (points);

      gtk_widget_add_css_class (icon, met ? "success" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      met ? _("Met") : _("Not met"), -1);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_widget_add_css_class (points_label, "dim-label");
      gtk_widget_add_css_class (points_label, "numeric");
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (row), points_label);
      gtk_box_append (self->reasons, row);
      g_string_append_printf (description, "; %s", np_rating_get_reason_text (rating, i));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  /* Most picks keep the heading: then no round trip to the display. */
  np_tooltip_update_text (GTK_WIDGET (self->button), heading);
  g_string_free (description, TRUE);
}

void
np_rating_button_set_policy (NpRatingButton *self,
                             gpointer        policy)
{
  g_return_if_fail (NP_IS_RATING_BUTTON (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy) ||
                    NP_IS_CLUSTER_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    g_signal_connect_object (policy, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

static void
np_rating_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NpRatingButton *self = NP_RATING_BUTTON (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_rating_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_POLICY:
      np_rating_button_set_policy (NP_RATING_BUTTON (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_rating_button_dispose (GObject *object)
{
  NpRatingButton *self = NP_RATING_BUTTON (object);

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_clear_object (&self->policy);
  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }

  G_OBJECT_CLASS (np_rating_button_parent_class)->dispose (object);
}

static void
np_rating_button_class_init (NpRatingButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_rating_button_dispose;
  object_class->get_property = np_rating_button_get_property;
  object_class->set_property = np_rating_button_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
np_rating_button_init (NpRatingButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (_("Policy Rating"));
  GtkWidget *explanation = gtk_label_new (_("How tightly the policy limits traffic. Each criterion that applies earns points."));

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  /* A presentational label: GTK 4.8 would add its stars to the button's name. */
  self->stars = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_menu_button_set_child (self->button, GTK_WIDGET (self->stars));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Policy rating"), -1);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 44);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_add_css_class (explanation, "dim-label");
  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-4");
  self->reasons = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (box), explanation);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reasons));
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  update (self);
}

GtkWidget *
np_rating_button_new (void)
{
  return g_object_new (NP_TYPE_RATING_BUTTON, NULL);
}
