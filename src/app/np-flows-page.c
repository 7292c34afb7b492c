/* np-flows-page.c: the side panel's flows page: recorded Hubble flows, policies from them, replay
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "np-cilium-policy.h"
#include "np-diagnostic.h"
#include "np-flow-generator.h"
#include "np-flow-replay.h"
#include "np-flow.h"
#include "np-flows-page.h"
#include "np-inventory.h"
#include "np-label-selector.h"
#include "np-policy.h"

struct _NpFlowsPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkButton            *open_button;
  GtkSpinner           *spinner;
  GtkLabel             *file_label;
  GtkStack             *content_stack;
  GtkLabel             *message_label;
  GtkLabel             *shown_label;
  GtkSearchEntry       *filter_entry;
  GtkColumnView        *flows_view;
  GtkColumnViewColumn  *source_column;
  GtkColumnViewColumn  *destination_column;
  GtkColumnViewColumn  *port_column;
  GtkColumnViewColumn  *verdict_column;
  GtkColumnViewColumn  *count_column;
  GtkColumnViewColumn  *replay_column;
  GtkDropDown          *workload_dropdown;
  GtkButton            *generate_button;
  GtkButton            *add_rules_button;
  GtkButton            *replay_button;
  GtkLabel             *replay_label;

  /* Owned */
  GObject              *policy;       /* NpPolicy or NpCiliumPolicy */
  GListModel           *flows;        /* NpFlow, as the core read them */
  GtkStringList        *workloads;    /* "NAMESPACE:LABELS" */
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;
  GtkMultiSelection    *selection;
  GHashTable           *outcomes;     /* NpFlow → NpFlowReplayOutcome + 1; empty: no replay */
  GHashTable           *replay_cells; /* GtkListItem of the Replay column → TRUE, while bound */
  GCancellable         *loading;
};

G_DEFINE_FINAL_TYPE (NpFlowsPage, np_flows_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POLICY,
  N_PROPS
};

enum {
  OPEN_POLICY,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The labels that report something have names of their own ("Replay
 * summary"): screen readers get their text as the description. */
static void
show_text (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* Cell texts ------------------------------------------------------------------ */

static char *
port_text (NpFlow *flow)
{
  const char *protocol = np_flow_get_protocol (flow);

  if (np_flow_get_port (flow) == 0)
    return g_strdup (protocol != NULL ? protocol : "");
  return g_strdup_printf ("%u/%s", np_flow_get_port (flow), protocol != NULL ? protocol : "");
}

static const char *
outcome_text (NpFlowsPage *self,
              NpFlow      *flow)
{
  gpointer value = g_hash_table_lookup (self->outcomes, flow);

  if (value == NULL)
    return "";
  switch (GPOINTER_TO_UINT (value) - 1)
    {
    case NP_FLOW_REPLAY_ALLOWED:
      return _("Allowed");
    case NP_FLOW_REPLAY_DROPPED:
      return _("Dropped");
    default:
      return _("Not evaluated");
    }
}

typedef enum {
  COLUMN_SOURCE,
  COLUMN_DESTINATION,
  COLUMN_PORT,
  COLUMN_VERDICT,
  COLUMN_COUNT,
  COLUMN_REPLAY,
} Column;

static char *
cell_text (NpFlowsPage *self,
           NpFlow      *flow,
           Column       column)
{
  switch (column)
    {
    case COLUMN_SOURCE:
      return np_flow_dup_source_name (flow);
    case COLUMN_DESTINATION:
      return np_flow_dup_destination_name (flow);
    case COLUMN_PORT:
      return port_text (flow);
    case COLUMN_VERDICT:
      /* Replies count for neither generating nor replaying: say which they are. */
      if (np_flow_get_is_reply (flow))
        /* TRANSLATORS: a flow's recorded verdict, "FORWARDED (reply)" */
        return g_strdup_printf (_("%s (reply)"), np_flow_get_verdict (flow));
      return g_strdup (np_flow_get_verdict (flow));
    case COLUMN_COUNT:
      return g_strdup_printf ("%u", np_flow_get_count (flow));
    case COLUMN_REPLAY:
    default:
      return g_strdup (outcome_text (self, flow));
    }
}

/* Columns ---------------------------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Names are long and ports, verdicts and counts short: only names give way. */
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "np-column")) <= COLUMN_DESTINATION)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           NpFlowsPage              *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "np-column"));
  NpFlow *flow = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (self, flow, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  if (column == COLUMN_REPLAY)
    {
      gpointer value = g_hash_table_lookup (self->outcomes, flow);

      if (value != NULL && GPOINTER_TO_UINT (value) - 1 == NP_FLOW_REPLAY_DROPPED)
        gtk_widget_add_css_class (label, "error");
      else if (value != NULL && GPOINTER_TO_UINT (value) - 1 == NP_FLOW_REPLAY_ALLOWED)
        gtk_widget_add_css_class (label, "success");
      g_hash_table_add (self->replay_cells, item);
    }
  if (column == COLUMN_VERDICT && !np_flow_is_forwarded (flow))
    gtk_widget_add_css_class (label, "error");
  /* A name may be cut in the middle to fit its column: the tooltip and
   * the description have it whole. */
  if (column == COLUMN_SOURCE)
    {
      /* TRANSLATORS: a flow's source as its tooltip: "NAME\nLine 12 of the file" */
      g_autofree char *tip = g_strdup_printf (_("%s\nLine %u"), text, np_flow_get_line (flow));

      gtk_widget_set_tooltip_text (label, tip);
    }
  else if (column == COLUMN_DESTINATION)
    gtk_widget_set_tooltip_text (label, text);
  if (column == COLUMN_SOURCE || column == COLUMN_DESTINATION)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             NpFlowsPage              *self)
{
  g_hash_table_remove (self->replay_cells, item);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  NpFlowsPage *self = g_object_get_data (G_OBJECT (data), "np-page");
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (data), "np-column"));
  NpFlow *fa = (NpFlow *) a, *fb = (NpFlow *) b;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (column == COLUMN_COUNT)
    return (int) np_flow_get_count (fa) - (int) np_flow_get_count (fb);
  if (column == COLUMN_PORT && np_flow_get_port (fa) != np_flow_get_port (fb))
    return np_flow_get_port (fa) < np_flow_get_port (fb) ? -1 : 1;
  ta = cell_text (self, fa, column);
  tb = cell_text (self, fb, column);
  return g_utf8_collate (ta, tb);
}

static void
setup_column (NpFlowsPage         *self,
              GtkColumnViewColumn *column,
              Column               which)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  /* The sorter holds the factory's data: both know their column and page. */
  GtkCustomSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "np-column", GUINT_TO_POINTER (which));
  g_object_set_data (G_OBJECT (factory), "np-page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  sorter = gtk_custom_sorter_new (compare_cells, g_object_ref (factory), g_object_unref);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  g_object_unref (factory);
  g_object_unref (sorter);
}

/* Workload names are long ("NAMESPACE:LABELS") and often differ only at
 * the end (version=v1, version=v2): the drop-down's button cuts them in
 * the middle, keeping the namespace and the last labels; its list shows
 * them whole, wrapped. */
static void
setup_workload (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *box;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (data))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      {
        /* "heri-tage=Tiller" would read as another label */
        PangoAttrList *attributes = pango_attr_list_new ();

        pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
        gtk_label_set_attributes (GTK_LABEL (label), attributes);
        pango_attr_list_unref (attributes);
      }
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    }
  /* In a box, as GtkDropDown's own factory lays its items out. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_workload (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkStringObject *name = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (name));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (name));
}

/* Filtering --------------------------------------------------------------------- */

static gboolean
contains_folded (const char *text,
                 const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
match_flow (gpointer item,
            gpointer data)
{
  NpFlowsPage *self = data;
  NpFlow *flow = item;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *needle = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  needle = g_utf8_casefold (query, -1);
  for (Column c = COLUMN_SOURCE; c <= COLUMN_VERDICT; c++)
    {
      g_autofree char *text = cell_text (self, flow, c);

      if (contains_folded (text, needle))
        return TRUE;
    }
  return FALSE;
}

static void
on_filter_changed (NpFlowsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* State of the buttons ----------------------------------------------------------- */

static guint
n_selected (NpFlowsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static void
update_shown (NpFlowsPage *self)
{
  guint total = self->flows != NULL ? g_list_model_get_n_items (self->flows) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *text = NULL;

  if (self->flows == NULL)
    {
      show_text (self->shown_label, "");
      return;
    }
  /* TRANSLATORS: "4 of 52 rows shown", after filtering */
  text = g_strdup_printf (ngettext ("%u of %u row shown", "%u of %u rows shown", total), shown, total);
  show_text (self->shown_label, text);
}

static void
update_buttons (NpFlowsPage *self)
{
  gboolean have_flows = self->flows != NULL && g_list_model_get_n_items (self->flows) > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button),
                            g_list_model_get_n_items (G_LIST_MODEL (self->workloads)) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->workload_dropdown),
                            g_list_model_get_n_items (G_LIST_MODEL (self->workloads)) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_rules_button), self->policy != NULL && n_selected (self) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replay_button), self->policy != NULL && have_flows);
}

static void
set_message (NpFlowsPage *self,
             const char  *text,
             gboolean     is_error)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  /* Screen readers read what is wrong, not only the label's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "", -1);
}

/* Replay ------------------------------------------------------------------------- */

static void
refresh_replay_cells (NpFlowsPage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->replay_cells);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      NpFlow *flow = gtk_list_item_get_item (item);
      GtkWidget *label = gtk_list_item_get_child (item);
      gpointer value;

      if (flow == NULL || label == NULL)
        continue;
      value = g_hash_table_lookup (self->outcomes, flow);
      gtk_label_set_text (GTK_LABEL (label), outcome_text (self, flow));
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_remove_css_class (label, "success");
      if (value != NULL && GPOINTER_TO_UINT (value) - 1 == NP_FLOW_REPLAY_DROPPED)
        gtk_widget_add_css_class (label, "error");
      else if (value != NULL && GPOINTER_TO_UINT (value) - 1 == NP_FLOW_REPLAY_ALLOWED)
        gtk_widget_add_css_class (label, "success");
    }
}

static void
forget_replay (NpFlowsPage *self,
               const char  *why)
{
  if (g_hash_table_size (self->outcomes) == 0)
    return;
  g_hash_table_remove_all (self->outcomes);
  refresh_replay_cells (self);
  gtk_column_view_column_set_visible (self->replay_column, FALSE);
  show_text (self->replay_label, why);
}

static void
on_policy_changed (NpFlowsPage *self)
{
  forget_replay (self, _("The policy changed since the replay: replay again to see what it lets through."));
}

static NpInventory *
replay_inventory (NpFlowsPage *self)
{
  NpInventory *inventory = np_flow_inventory_new (self->flows);

  if (NP_IS_POLICY (self->policy))
    np_inventory_put_policy (inventory, NP_POLICY (self->policy), _("the policy being edited"));
  else
    {
      /* The core's own text of the policy, read back by the core. */
      g_autofree char *text = np_flow_policy_to_yaml (self->policy);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));

      np_inventory_add_bytes (inventory, bytes, _("the policy being edited"), NULL);
    }
  return inventory;
}

static void
on_replay_clicked (NpFlowsPage *self)
{
  g_autoptr(NpInventory) inventory = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *summary = NULL;
  guint n_forwarded = 0, n_dropped = 0, n_skipped = 0;

  if (self->policy == NULL || self->flows == NULL)
    return;
  inventory = replay_inventory (self);
  results = np_flow_replay (self->flows, inventory, NP_EVAL_FLAGS_NONE);
  g_hash_table_remove_all (self->outcomes);
  for (guint i = 0; i < results->len; i++)
    {
      NpFlowReplayResult *r = g_ptr_array_index (results, i);
      guint count = np_flow_get_count (r->flow);

      g_hash_table_insert (self->outcomes, r->flow, GUINT_TO_POINTER (r->outcome + 1));
      if (r->outcome == NP_FLOW_REPLAY_SKIPPED)
        n_skipped += count;
      if (!np_flow_is_forwarded (r->flow) || r->outcome == NP_FLOW_REPLAY_SKIPPED)
        continue;
      n_forwarded += count;
      if (r->outcome == NP_FLOW_REPLAY_DROPPED)
        n_dropped += count;
    }
  gtk_column_view_column_set_visible (self->replay_column, TRUE);
  refresh_replay_cells (self);

  /* TRANSLATORS: "3 of 120 forwarded flows would be dropped by the policy being edited." */
  summary = g_strdup_printf (ngettext ("%u of %u forwarded flow would be dropped by the policy being edited.",
                                       "%u of %u forwarded flows would be dropped by the policy being edited.",
                                       n_forwarded),
                             n_dropped, n_forwarded);
  if (n_skipped > 0)
    {
      g_autofree char *skipped = g_strdup_printf (ngettext ("%u flow could not be evaluated (no ports, or an end not known).",
                                                            "%u flows could not be evaluated (no ports, or an end not known).",
                                                            n_skipped),
                                                  n_skipped);
      g_autofree char *both = g_strconcat (summary, " ", skipped, NULL);

      g_free (summary);
      summary = g_steal_pointer (&both);
    }
  show_text (self->replay_label, summary);
}

/* Generating --------------------------------------------------------------------- */

static NpPolicyKind
policy_kind (NpFlowsPage *self)
{
  return NP_IS_CILIUM_POLICY (self->policy) ? NP_POLICY_KIND_CILIUM : NP_POLICY_KIND_KUBERNETES;
}

/* The first error of @diagnostics, as the core wrote it. (transfer full) (nullable) */
static char *
first_error (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR)
        return g_strdup (np_diagnostic_get_message (d));
    }
  return NULL;
}

static void
on_generate_clicked (NpFlowsPage *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->workload_dropdown);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpLabelSelector) selector = NULL;
  g_autoptr(GObject) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *namespace_ = NULL;

  if (item == NULL || self->flows == NULL)
    return;
  if (!np_flow_parse_workload (gtk_string_object_get_string (item), &namespace_, &selector, &error))
    {
      set_message (self, error->message, TRUE);
      return;
    }
  policy = np_flow_generate_policy (self->flows, namespace_, selector, policy_kind (self),
                                    NP_FLOW_GENERATE_DEFAULT, diagnostics);
  if (policy == NULL)
    {
      g_autofree char *reason = first_error (diagnostics);

      set_message (self, reason != NULL ? reason : _("No policy could be generated for this workload."), TRUE);
      return;
    }
  g_signal_emit (self, signals[OPEN_POLICY], 0, policy);
}

static void
on_add_rules_clicked (NpFlowsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GListStore) chosen = g_list_store_new (NP_TYPE_FLOW);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *done = NULL;
  GtkBitsetIter iter;
  guint position;
  guint added;

  if (self->policy == NULL)
    return;
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      g_list_store_append (chosen, flow);
    }
  /* The person chose these flows: a dropped one among them is one to let through. */
  added = np_flow_add_rules_to_policy (self->policy, G_LIST_MODEL (chosen), NP_FLOW_GENERATE_INCLUDE_DROPPED,
                                       diagnostics);
  if (added == 0)
    {
      g_autofree char *reason = first_error (diagnostics);

      set_message (self, reason != NULL ? reason : _("The policy already has rules for the selected flows."),
                   reason != NULL);
      return;
    }
  set_message (self, NULL, FALSE);
  done = g_strdup_printf (ngettext ("%u rule added to the policy.", "%u rules added to the policy.", added), added);
  g_signal_emit (self, signals[TOAST], 0, done);
}

/* Loading ------------------------------------------------------------------------- */

typedef struct {
  GListModel *flows;
  GPtrArray  *diagnostics;
  char       *display_name;
  guint       n_records;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->flows);
  g_clear_pointer (&loaded->diagnostics, g_ptr_array_unref);
  g_free (loaded->display_name);
  g_free (loaded);
}

/* In a worker thread: the core reads the whole file at once, which takes a
 * moment for large logs. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Loaded *loaded;

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  loaded = g_new0 (Loaded, 1);
  loaded->display_name = g_file_get_basename (file);
  loaded->diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  loaded->flows = np_flow_read_bytes (bytes, loaded->display_name, &loaded->n_records, loaded->diagnostics);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
show_flows (NpFlowsPage *self,
            Loaded      *loaded)
{
  g_autoptr(GPtrArray) workloads = NULL;
  g_autofree char *status = NULL;
  GString *messages = g_string_new (NULL);
  gboolean errors = FALSE;
  guint n_rows = g_list_model_get_n_items (loaded->flows);

  g_hash_table_remove_all (self->outcomes);
  gtk_column_view_column_set_visible (self->replay_column, FALSE);
  show_text (self->replay_label, "");
  g_set_object (&self->flows, loaded->flows);
  gtk_filter_list_model_set_model (self->filtered, self->flows);
  update_shown (self);

  workloads = np_flow_list_workloads (self->flows, NP_FLOW_GENERATE_DEFAULT);
  {
    guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->workloads));
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < workloads->len; i++)
      g_ptr_array_add (names, np_flow_workload_to_string (g_ptr_array_index (workloads, i)));
    g_ptr_array_add (names, NULL);
    gtk_string_list_splice (self->workloads, 0, n_old, (const char * const *) names->pdata);
  }

  /* TRANSLATORS: "flows.json: 400 flow records in 52 rows" */
  status = g_strdup_printf (ngettext ("%s: %u flow record in %u rows", "%s: %u flow records in %u rows",
                                      loaded->n_records),
                            loaded->display_name, loaded->n_records, n_rows);
  show_text (self->file_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), TRUE);
  /* Nothing read (an empty file, or no line that parses): the status page
   * again, under the messages that say why. */
  gtk_stack_set_visible_child_name (self->content_stack, n_rows > 0 ? "flows" : "empty");

  for (guint i = 0; i < loaded->diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (loaded->diagnostics, i);
      g_autofree char *line = NULL;

      if (np_diagnostic_get_severity (d) == NP_SEVERITY_INFO)
        continue;
      errors |= np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR;
      line = np_diagnostic_format (d);
      g_string_append_printf (messages, "%s%s", messages->len > 0 ? "\n" : "", line);
    }
  if (loaded->n_records > 0 && workloads->len == 0)
    {
      g_autofree char *none = np_flow_describe_nothing_usable (loaded->display_name, loaded->n_records);

      g_string_append_printf (messages, "%s%s", messages->len > 0 ? "\n" : "", none);
    }
  set_message (self, messages->str, errors);
  g_string_free (messages, TRUE);
  update_buttons (self);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  NpFlowsPage *self = NP_FLOWS_PAGE (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), TRUE);
  if (loaded == NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }
  show_flows (self, loaded);
  loaded_free (loaded);
}

void
np_flows_page_open (NpFlowsPage *self,
                    GFile       *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reading = NULL;

  g_return_if_fail (NP_IS_FLOWS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  name = g_file_get_basename (file);
  reading = g_strdup_printf (_("Reading %s…"), name);
  show_text (self->file_label, reading);
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), TRUE);
  set_message (self, NULL, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), FALSE);

  task = g_task_new (self, self->loading, on_loaded, NULL);
  g_task_set_source_tag (task, np_flows_page_open);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  NpFlowsPage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        np_flows_page_open (self, file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_open_clicked (NpFlowsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Flows"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (json, _("Hubble flows (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_filter_add_pattern (json, "*.jsonl");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The policy ---------------------------------------------------------------------- */

void
np_flows_page_set_policy (NpFlowsPage *self,
                          GObject     *policy)
{
  g_return_if_fail (NP_IS_FLOWS_PAGE (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    g_signal_connect_object (policy, "changed", G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
  forget_replay (self, "");
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

GObject *
np_flows_page_get_policy (NpFlowsPage *self)
{
  g_return_val_if_fail (NP_IS_FLOWS_PAGE (self), NULL);

  return self->policy;
}

static void
np_flows_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NpFlowsPage *self = NP_FLOWS_PAGE (object);

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
np_flows_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NpFlowsPage *self = NP_FLOWS_PAGE (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_flows_page_set_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_flows_page_dispose (GObject *object)
{
  NpFlowsPage *self = NP_FLOWS_PAGE (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, on_policy_changed, self);
  g_clear_object (&self->policy);
  gtk_widget_dispose_template (GTK_WIDGET (object), NP_TYPE_FLOWS_PAGE);
  /* Children the template does not name are left to us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->workloads);
  g_clear_object (&self->flows);
  g_clear_pointer (&self->outcomes, g_hash_table_unref);
  g_clear_pointer (&self->replay_cells, g_hash_table_unref);

  G_OBJECT_CLASS (np_flows_page_parent_class)->dispose (object);
}

static void
np_flows_page_class_init (NpFlowsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_flows_page_dispose;
  object_class->get_property = np_flows_page_get_property;
  object_class->set_property = np_flows_page_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_POLICY] = g_signal_new ("open-policy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-flows-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, file_label);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, shown_label);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, flows_view);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, source_column);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, destination_column);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, port_column);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, verdict_column);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, count_column);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, replay_column);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, workload_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, add_rules_button);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, replay_button);
  gtk_widget_class_bind_template_child (widget_class, NpFlowsPage, replay_label);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_generate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_rules_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_replay_clicked);
}

static void
np_flows_page_init (NpFlowsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->outcomes = g_hash_table_new (NULL, NULL);
  self->replay_cells = g_hash_table_new (NULL, NULL);
  self->workloads = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->workload_dropdown, G_LIST_MODEL (self->workloads));
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_workload), GINT_TO_POINTER (FALSE));
    g_signal_connect (factory, "bind", G_CALLBACK (bind_workload), NULL);
    gtk_drop_down_set_factory (self->workload_dropdown, factory);
    g_signal_connect (list_factory, "setup", G_CALLBACK (setup_workload), GINT_TO_POINTER (TRUE));
    g_signal_connect (list_factory, "bind", G_CALLBACK (bind_workload), NULL);
    gtk_drop_down_set_list_factory (self->workload_dropdown, list_factory);
  }

  setup_column (self, self->source_column, COLUMN_SOURCE);
  setup_column (self, self->destination_column, COLUMN_DESTINATION);
  setup_column (self, self->port_column, COLUMN_PORT);
  setup_column (self, self->verdict_column, COLUMN_VERDICT);
  setup_column (self, self->count_column, COLUMN_COUNT);
  setup_column (self, self->replay_column, COLUMN_REPLAY);

  self->filter = gtk_custom_filter_new (match_flow, self, NULL);
  /* The models own each other down the chain: selection → sort → filter. */
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->flows_view)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->sorted));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (update_shown), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->flows_view, GTK_SELECTION_MODEL (self->selection));
  update_buttons (self);
}

GtkWidget *
np_flows_page_new (void)
{
  return g_object_new (NP_TYPE_FLOWS_PAGE, NULL);
}
