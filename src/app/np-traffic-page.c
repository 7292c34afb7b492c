/* np-traffic-page.c: the side panel's test traffic page: would this connection be allowed?
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "np-evaluator.h"
#include "np-inventory.h"
#include "np-cilium-policy.h"
#include "np-policy.h"
#include "np-traffic-page.h"
#include "np-traffic.h"

/* Typing is judged once it pauses this long. */
#define CHECK_DELAY_MS 250

struct _NpTrafficPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkEntry       *folder_entry;
  GtkLabel       *folder_status;
  GtkEntry       *source_entry;
  GtkEntry       *destination_entry;
  GtkMenuButton  *source_menu;
  GtkMenuButton  *destination_menu;
  GtkEntry       *port_entry;
  GtkDropDown    *protocol_dropdown;
  GtkLabel       *verdict_label;
  GtkLabel       *explanation_label;
  GtkLabel       *unanswered_heading;
  GtkLabel       *unanswered_label;

  /* Owned */
  GObject        *policy;      /* NpPolicy or NpCiliumPolicy */
  char           *folder;
  guint           check_source;
  gboolean        stale;          /* changed while not shown */
};

G_DEFINE_FINAL_TYPE (NpTrafficPage, np_traffic_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  PROP_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_verdict (NpTrafficPage *self,
             const char    *verdict,
             const char    *css_class,
             const char    *explanation)
{
  gtk_label_set_text (self->verdict_label, verdict);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), css_class);
  gtk_label_set_text (self->explanation_label, explanation);
  /* Screen readers read the verdict itself, not only "Verdict". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, verdict, -1);
}

static void
show_unanswered (NpTrafficPage *self,
                 GPtrArray     *found)
{
  gboolean any = found != NULL && found->len > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->unanswered_heading), any);
  gtk_widget_set_visible (GTK_WIDGET (self->unanswered_label), any);
  if (any)
    {
      g_ptr_array_add (found, NULL);
      g_autofree char *text = g_strjoinv ("\n", (char **) found->pdata);
      g_ptr_array_remove_index (found, found->len - 1);
      gtk_label_set_text (self->unanswered_label, text);
    }
  else
    gtk_label_set_text (self->unanswered_label, "");
}

static void
check_now (NpTrafficPage *self)
{
  const char *source_text = gtk_editable_get_text (GTK_EDITABLE (self->source_entry));
  const char *destination_text = gtk_editable_get_text (GTK_EDITABLE (self->destination_entry));
  const char *typed[3] = { source_text, destination_text, NULL };
  g_autofree char *port_text = NULL;
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(NpEvaluator) evaluator = NULL;
  g_autoptr(NpVerdict) verdict = NULL;
  g_autoptr(GPtrArray) unanswered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  NpProtocol protocol;
  guint port;

  g_clear_handle_id (&self->check_source, g_source_remove);
  self->stale = FALSE;

  inventory = np_traffic_build_inventory (self->folder, self->policy, typed, &error);
  if (inventory == NULL)
    {
      set_verdict (self, "", NULL, error->message);
      show_unanswered (self, NULL);
      return;
    }
  evaluator = np_evaluator_new (inventory, NP_EVAL_FLAGS_NONE);
  /* Cilium policies: np_traffic_unanswered_egress() reads NetworkPolicy
   * rules only. */
  if (self->policy != NULL && NP_IS_POLICY (self->policy))
    unanswered = np_traffic_unanswered_egress (evaluator, NP_POLICY (self->policy));
  show_unanswered (self, unanswered);

  if (*source_text == '\0' || *destination_text == '\0')
    {
      set_verdict (self, "", NULL, _("Name a source and a destination to see whether the policies let them talk."));
      return;
    }
  port_text = g_strdup_printf ("%s/%s", gtk_editable_get_text (GTK_EDITABLE (self->port_entry)),
                               gtk_string_object_get_string (gtk_drop_down_get_selected_item (self->protocol_dropdown)));
  if (!np_traffic_parse_port (port_text, &port, &protocol))
    {
      set_verdict (self, "", NULL, _("The port is a number from 1 to 65535."));
      return;
    }
  /* The same path as `netpol explain`. */
  verdict = np_traffic_decide (evaluator, source_text, destination_text, protocol, port, &error);
  if (verdict == NULL)
    {
      set_verdict (self, "", NULL, error->message);
      return;
    }
  text = np_traffic_describe_verdict (verdict, self->folder);
  if (*text != '\0' && text[strlen (text) - 1] == '\n')
    text[strlen (text) - 1] = '\0';
  set_verdict (self, verdict->allowed ? _("Allowed") : _("Denied"),
               verdict->allowed ? "success" : "error", text);
}

static gboolean
check_cb (gpointer data)
{
  NpTrafficPage *self = data;

  self->check_source = 0;
  check_now (self);
  return G_SOURCE_REMOVE;
}

/* A check reads the whole cluster folder again: do it only while the page
 * is shown, and once it is shown again after changes. */
static void
schedule_check (NpTrafficPage *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_cb, self);
}

static void
np_traffic_page_map (GtkWidget *widget)
{
  NpTrafficPage *self = NP_TRAFFIC_PAGE (widget);

  GTK_WIDGET_CLASS (np_traffic_page_parent_class)->map (widget);
  if (self->stale)
    check_now (self);
}

/* The workloads of the folder, as menus that fill the entries. */
static void
fill_pickers (NpTrafficPage *self,
              NpInventory   *inventory)
{
  g_autoptr(GMenu) sources = g_menu_new ();
  g_autoptr(GMenu) destinations = g_menu_new ();
  guint n = inventory != NULL ? np_inventory_get_n_workloads (inventory) : 0;

  for (guint i = 0; i < n; i++)
    {
      const NpWorkload *workload = np_inventory_get_workload (inventory, i);
      g_autofree char *name = g_strdup_printf ("%s/%s", workload->namespace_, workload->name);
      g_autoptr(GMenuItem) source = g_menu_item_new (workload->display, NULL);
      g_autoptr(GMenuItem) destination = g_menu_item_new (workload->display, NULL);

      g_menu_item_set_action_and_target (source, "traffic.pick-source", "s", name);
      g_menu_item_set_action_and_target (destination, "traffic.pick-destination", "s", name);
      g_menu_append_item (sources, source);
      g_menu_append_item (destinations, destination);
    }
  gtk_menu_button_set_menu_model (self->source_menu, G_MENU_MODEL (sources));
  gtk_menu_button_set_menu_model (self->destination_menu, G_MENU_MODEL (destinations));
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_menu), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->destination_menu), n > 0);
}

gboolean
np_traffic_page_set_folder (NpTrafficPage  *self,
                            const char     *folder,
                            GError        **error)
{
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *status = NULL;

  g_return_val_if_fail (NP_IS_TRAFFIC_PAGE (self), FALSE);

  if (folder != NULL && *folder == '\0')
    folder = NULL;
  if (folder != NULL && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("%s is no folder."), folder);
  else if (folder != NULL)
    inventory = np_traffic_build_inventory (folder, NULL, NULL, &local_error);

  if (local_error != NULL)
    {
      gtk_label_set_text (self->folder_status, local_error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->folder_status), "error");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->folder_status), "error");
  g_free (self->folder);
  self->folder = g_strdup (folder);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->folder_entry)), folder ? folder : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->folder_entry), folder ? folder : "");
  if (inventory != NULL)
    {
      guint workloads = np_inventory_get_n_workloads (inventory);
      guint policies = np_inventory_count_all_policies (inventory);
      g_autofree char *w = g_strdup_printf (ngettext ("%u workload", "%u workloads", workloads), workloads);
      g_autofree char *p = g_strdup_printf (ngettext ("%u policy", "%u policies", policies), policies);

      /* TRANSLATORS: "3 workloads and 2 policies read from the folder" */
      status = g_strdup_printf (_("%s and %s read from the folder."), w, p);
    }
  else
    status = g_strdup (_("No cluster folder: describe endpoints as NAMESPACE:LABEL=VALUE, an address or a DNS name."));
  gtk_label_set_text (self->folder_status, status);
  fill_pickers (self, inventory);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  check_now (self);
  return TRUE;
}

const char *
np_traffic_page_get_folder (NpTrafficPage *self)
{
  g_return_val_if_fail (NP_IS_TRAFFIC_PAGE (self), NULL);

  return self->folder;
}

static void
on_folder_activate (NpTrafficPage *self)
{
  np_traffic_page_set_folder (self, gtk_editable_get_text (GTK_EDITABLE (self->folder_entry)), NULL);
}

static void
on_folder_response (GtkNativeDialog *dialog,
                    int              response,
                    NpTrafficPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        np_traffic_page_set_folder (self, path, NULL);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_open_folder_clicked (NpTrafficPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Cluster Folder"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_folder_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NpTrafficPage *self = NP_TRAFFIC_PAGE (widget);
  GtkEntry *entry = g_str_equal (action_name, "traffic.pick-source") ? self->source_entry : self->destination_entry;

  gtk_editable_set_text (GTK_EDITABLE (entry), g_variant_get_string (parameter, NULL));
}

void
np_traffic_page_set_policy (NpTrafficPage *self,
                            gpointer       policy)
{
  g_return_if_fail (NP_IS_TRAFFIC_PAGE (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    g_signal_connect_object (policy, "changed", G_CALLBACK (schedule_check), self, G_CONNECT_SWAPPED);
  schedule_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

gpointer
np_traffic_page_get_policy (NpTrafficPage *self)
{
  g_return_val_if_fail (NP_IS_TRAFFIC_PAGE (self), NULL);

  return self->policy;
}

static void
np_traffic_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NpTrafficPage *self = NP_TRAFFIC_PAGE (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_traffic_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NpTrafficPage *self = NP_TRAFFIC_PAGE (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_traffic_page_set_policy (self, g_value_get_object (value));
      break;
    case PROP_FOLDER:
      np_traffic_page_set_folder (self, g_value_get_string (value), NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_traffic_page_dispose (GObject *object)
{
  NpTrafficPage *self = NP_TRAFFIC_PAGE (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_clear_object (&self->policy);
  gtk_widget_dispose_template (GTK_WIDGET (object), NP_TYPE_TRAFFIC_PAGE);
  /* Children the template does not name are left to us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (np_traffic_page_parent_class)->dispose (object);
}

static void
np_traffic_page_finalize (GObject *object)
{
  NpTrafficPage *self = NP_TRAFFIC_PAGE (object);

  g_free (self->folder);

  G_OBJECT_CLASS (np_traffic_page_parent_class)->finalize (object);
}

static void
np_traffic_page_class_init (NpTrafficPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_traffic_page_dispose;
  object_class->finalize = np_traffic_page_finalize;
  object_class->get_property = np_traffic_page_get_property;
  object_class->set_property = np_traffic_page_set_property;
  widget_class->map = np_traffic_page_map;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-traffic-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, folder_entry);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, folder_status);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, source_entry);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, destination_entry);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, source_menu);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, destination_menu);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, port_entry);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, protocol_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, unanswered_heading);
  gtk_widget_class_bind_template_child (widget_class, NpTrafficPage, unanswered_label);
  gtk_widget_class_bind_template_callback (widget_class, schedule_check);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_open_folder_clicked);

  gtk_widget_class_install_action (widget_class, "traffic.pick-source", "s", pick_action);
  gtk_widget_class_install_action (widget_class, "traffic.pick-destination", "s", pick_action);
}

static void
np_traffic_page_init (NpTrafficPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stale = TRUE;
}

GtkWidget *
np_traffic_page_new (void)
{
  return g_object_new (NP_TYPE_TRAFFIC_PAGE, NULL);
}
