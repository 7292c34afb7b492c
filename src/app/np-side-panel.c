/* np-side-panel.c: the window's side panel: tutorial, test traffic, flows … as switchable pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-side-panel.h"

struct _NpSidePanel
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwViewSwitcher *switcher;
  AdwViewStack    *stack;
};

G_DEFINE_FINAL_TYPE (NpSidePanel, np_side_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_visible_child_changed (NpSidePanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

static void
np_side_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NpSidePanel *self = NP_SIDE_PANEL (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, np_side_panel_get_visible_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_side_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NpSidePanel *self = NP_SIDE_PANEL (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      np_side_panel_set_visible_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_side_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), NP_TYPE_SIDE_PANEL);
  /* Children the template does not name are left to us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (np_side_panel_parent_class)->dispose (object);
}

static void
np_side_panel_class_init (NpSidePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_side_panel_dispose;
  object_class->get_property = np_side_panel_get_property;
  object_class->set_property = np_side_panel_set_property;

  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NpSidePanel, switcher);
  gtk_widget_class_bind_template_child (widget_class, NpSidePanel, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_changed);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
np_side_panel_init (NpSidePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
np_side_panel_new (void)
{
  return g_object_new (NP_TYPE_SIDE_PANEL, NULL);
}

AdwViewStackPage *
np_side_panel_add_page (NpSidePanel *self,
                        GtkWidget   *child,
                        const char  *name,
                        const char  *title,
                        const char  *icon_name)
{
  AdwViewStackPage *page;
  GtkWidget *bin;

  g_return_val_if_fail (NP_IS_SIDE_PANEL (self), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Each page's content sits in a bin, so it can be swapped later (the
   * flows page is filled once flows are loaded) without moving the page. */
  bin = adw_bin_new ();
  adw_bin_set_child (ADW_BIN (bin), child);
  page = adw_view_stack_add_titled (self->stack, bin, name, title);
  adw_view_stack_page_set_icon_name (page, icon_name);
  return page;
}

gboolean
np_side_panel_set_page_child (NpSidePanel *self,
                              const char  *name,
                              GtkWidget   *child)
{
  GtkWidget *bin;

  g_return_val_if_fail (NP_IS_SIDE_PANEL (self), FALSE);
  g_return_val_if_fail (child == NULL || GTK_IS_WIDGET (child), FALSE);

  bin = name != NULL ? adw_view_stack_get_child_by_name (self->stack, name) : NULL;
  if (bin == NULL)
    return FALSE;
  adw_bin_set_child (ADW_BIN (bin), child);
  return TRUE;
}

GtkWidget *
np_side_panel_get_page_child (NpSidePanel *self,
                              const char  *name)
{
  GtkWidget *bin;

  g_return_val_if_fail (NP_IS_SIDE_PANEL (self), NULL);

  bin = name != NULL ? adw_view_stack_get_child_by_name (self->stack, name) : NULL;
  return bin != NULL ? adw_bin_get_child (ADW_BIN (bin)) : NULL;
}

const char *
np_side_panel_get_visible_page (NpSidePanel *self)
{
  g_return_val_if_fail (NP_IS_SIDE_PANEL (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
np_side_panel_set_visible_page (NpSidePanel *self,
                                const char  *name)
{
  g_return_if_fail (NP_IS_SIDE_PANEL (self));

  if (name != NULL && adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}
