/* np-peer-card.c: one column card of the canvas: the peers of one group in one direction
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-canvas.h"
#include "np-describe.h"
#include "np-export.h"
#include "np-peer-card.h"
#include "np-tooltip.h"
#include "np-wrap-label.h"
#include "np-policy-edit.h"
#include "np-policy-peer.h"
#include "np-policy-rule.h"
#include "np-policy.h"

/* NpPeerItem: one row of the card. A private class: the canvas only sees
 * rows and verdicts (np_peer_card_foreach_item()). */

typedef enum {
  ITEM_DEFAULT,   /* the group as a whole: "Any endpoint" ... */
  ITEM_DNS,       /* the kube-dns switch (egress, in cluster) */
  ITEM_PEER,      /* one peer of one rule */
  ITEM_ANY_PEER,  /* a rule without peers: it lets every peer through */
} ItemKind;

#define NP_TYPE_PEER_ITEM (np_peer_item_get_type ())
G_DECLARE_FINAL_TYPE (NpPeerItem, np_peer_item, NP, PEER_ITEM, GtkListBoxRow)

/* Laid out by hand rather than as an AdwActionRow: the rule badge goes on
 * the subtitle's line, which leaves the title the whole width of a narrow
 * card.
 *
 *   Title of the peer, wrapped             [suffix]
 *   (Rule 2) On TCP 443
 */
struct _NpPeerItem
{
  GtkListBoxRow  parent_instance;

  ItemKind       kind;
  NpRuleEffect   verdict;
  guint          rule_index;
  int            peer_index;

  /* Owned */
  NpPolicyRule  *rule;
  NpPolicyPeer  *peer;

  /* Borrowed: children of the row */
  GtkWidget     *box;             /* GtkGrid */
  int            n_suffixes;
  NpWrapLabel   *title;
  NpWrapLabel   *subtitle;
  GtkWidget     *badge;
  GtkWidget     *edit_button;
  GtkWidget     *remove_button;
  GtkWidget     *dns_switch;

  /* Whether the row's last snapshot drew its content (np_canvas_shows()) */
  gboolean       drawn;
};

G_DEFINE_FINAL_TYPE (NpPeerItem, np_peer_item, GTK_TYPE_LIST_BOX_ROW)

static const char * const verdict_classes[] = {
  [NP_RULE_EFFECT_ALLOWED] = "allowed",
  [NP_RULE_EFFECT_PARTIAL] = "partial",
  [NP_RULE_EFFECT_DENIED] = "denied",
  [NP_RULE_EFFECT_IGNORED] = "ignored",
};

static void
np_peer_item_dispose (GObject *object)
{
  NpPeerItem *self = NP_PEER_ITEM (object);

  g_clear_object (&self->rule);
  g_clear_object (&self->peer);

  G_OBJECT_CLASS (np_peer_item_parent_class)->dispose (object);
}

/* Far from what the window shows, the row is its background alone: see
 * np_canvas_shows(). */
static void
np_peer_item_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  NpPeerItem *self = NP_PEER_ITEM (widget);
  GtkWidget *canvas = gtk_widget_get_ancestor (widget, NP_TYPE_CANVAS);

  self->drawn = canvas == NULL || np_canvas_shows (NP_CANVAS (canvas), widget);
  if (self->drawn)
    GTK_WIDGET_CLASS (np_peer_item_parent_class)->snapshot (widget, snapshot);
}

static void
np_peer_item_class_init (NpPeerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_peer_item_dispose;
  widget_class->snapshot = np_peer_item_snapshot;
}

/* The row says all of it in its own name and description: its texts are
 * hidden from assistive technologies. */
static GtkWidget *
hidden_text (GtkWidget *label)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return label;
}

/* A grid, not boxes: a horizontal GtkBox measures its children's widths
 * for its height when it allocates them, and a wrapping label answers that
 * by trying width after width; with a few dozen rows that was most of the
 * time a large policy took to show. A grid measures widths alone first. */
static void
np_peer_item_init (NpPeerItem *self)
{
  GtkGrid *grid;

  gtk_widget_add_css_class (GTK_WIDGET (self), "np-item");
  self->verdict = NP_RULE_EFFECT_ALLOWED;
  gtk_widget_add_css_class (GTK_WIDGET (self), verdict_classes[self->verdict]);

  self->box = gtk_grid_new ();
  grid = GTK_GRID (self->box);
  gtk_grid_set_column_spacing (grid, 6);
  gtk_grid_set_row_spacing (grid, 3);
  gtk_widget_add_css_class (self->box, "np-item-box");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->box);

  /* Title above; the badge, when shown, and the subtitle below it. A long
   * title (a generated policy's selectors) takes a few lines at most, the
   * rest is in its tooltip: the row stays readable and its card short. */
  self->title = NP_WRAP_LABEL (hidden_text (np_wrap_label_new ("title")));
  np_wrap_label_set_lines (self->title, 3);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->title), GTK_ALIGN_END);
  gtk_grid_attach (grid, GTK_WIDGET (self->title), 0, 0, 2, 1);

  self->badge = hidden_text (gtk_label_new (NULL));
  gtk_label_set_xalign (GTK_LABEL (self->badge), 0);
  gtk_widget_add_css_class (self->badge, "np-rule-badge");
  gtk_widget_add_css_class (self->badge, "caption");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->badge, FALSE);
  gtk_grid_attach (grid, self->badge, 0, 1, 1, 1);

  self->subtitle = NP_WRAP_LABEL (hidden_text (np_wrap_label_new ("subtitle")));
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "caption");
  gtk_widget_set_hexpand (GTK_WIDGET (self->subtitle), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->subtitle), GTK_ALIGN_START);
  gtk_grid_attach (grid, GTK_WIDGET (self->subtitle), 1, 1, 1, 1);
}

static void
np_peer_item_add_suffix (NpPeerItem *self,
                         GtkWidget  *widget)
{
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (self->box), widget, 2 + self->n_suffixes++, 0, 1, 2);
}

/* Only on a change: each is a message to the accessibility bus. Through
 * np_tooltip_set_text(): gtk_widget_set_tooltip_text() asks the display
 * server where the pointer is, a round trip per row (see np-tooltip.c). */
static gboolean
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (np_tooltip_get_text (widget), text) == 0)
    return FALSE;
  np_tooltip_set_text (widget, text);
  return TRUE;
}

/* The row's accessible name is its title, as on screen; the rest (verdict,
 * ports, rule) goes in the description. Like the labels, only on a change:
 * each update is a message to the accessibility bus. */
static void
np_peer_item_set_text (NpPeerItem *self,
                       const char *title,
                       const char *subtitle,
                       const char *description)
{
  gboolean changed = FALSE;

  if (g_strcmp0 (np_wrap_label_get_text (self->title), title) != 0)
    {
      np_wrap_label_set_text (self->title, title);
      /* The whole of a title that may not fit; short ones need none. */
      set_tooltip (GTK_WIDGET (self->title), g_utf8_strlen (title, -1) > 40 ? title : NULL);
      changed = TRUE;
    }
  if (g_strcmp0 (np_wrap_label_get_text (self->subtitle), subtitle) != 0)
    {
      np_wrap_label_set_text (self->subtitle, subtitle);
      changed = TRUE;
    }
  if (changed || g_object_get_data (G_OBJECT (self), "np-description") == NULL ||
      g_strcmp0 (g_object_get_data (G_OBJECT (self), "np-description"), description) != 0)
    {
      g_object_set_data_full (G_OBJECT (self), "np-description", g_strdup (description), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

static void
np_peer_item_set_verdict (NpPeerItem    *self,
                          NpRuleEffect   verdict)
{
  g_assert (verdict < G_N_ELEMENTS (verdict_classes));

  /* A style class that comes and goes restyles the row: only on a change. */
  if (self->verdict == verdict)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self), verdict_classes[self->verdict]);
  self->verdict = verdict;
  gtk_widget_add_css_class (GTK_WIDGET (self), verdict_classes[verdict]);
}

static void
np_peer_item_set_selected (NpPeerItem *self,
                           gboolean    selected)
{
  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
}

/* The card */

struct _NpPeerCard
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *box;
  GtkImage     *icon;
  GtkLabel     *title_label;
  GtkButton    *add_button;
  GtkListBox   *list_box;

  /* Owned */
  NpPolicy     *policy;
  NpPolicyRule *selected_rule;
  NpPolicyPeer *selected_peer;
  GPtrArray    *peer_items;    /* (element-type NpPeerItem): rows after the fixed ones */
  GPtrArray    *spare_items;   /* (element-type NpPeerItem): hidden rows after those, for reuse */

  /* Borrowed: rows of list_box */
  NpPeerItem   *default_item;
  NpPeerItem   *dns_item;      /* only on the egress "In cluster" card */

  NpDirection   direction;
  NpPeerGroup   group;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (NpPeerCard, np_peer_card, GTK_TYPE_WIDGET)

#define MAX_SPARE_ITEMS 32

enum {
  PROP_0,
  PROP_POLICY,
  PROP_DIRECTION,
  PROP_GROUP,
  N_PROPS
};

enum {
  ADD_RULE,
  EDIT_RULE,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void np_peer_card_update (NpPeerCard *self);

static const char *
group_icon (NpPeerGroup group)
{
  switch (group)
    {
    case NP_PEER_GROUP_OUTSIDE:
      return "web-browser-symbolic";
    case NP_PEER_GROUP_NAMESPACE:
      return "view-app-grid-symbolic";
    case NP_PEER_GROUP_CLUSTER:
    default:
      return "network-workgroup-symbolic";
    }
}

static const char *
group_default_title (NpPeerGroup group)
{
  switch (group)
    {
    case NP_PEER_GROUP_OUTSIDE:
      return _("Any endpoint");
    case NP_PEER_GROUP_NAMESPACE:
      return _("Any pod");
    case NP_PEER_GROUP_CLUSTER:
    default:
      return _("Everything in the cluster");
    }
}

/* The accessible names are part of the interface: tests and screen readers
 * look the buttons up by them. */
static const char *
add_button_label (NpDirection direction,
                  NpPeerGroup group)
{
  if (direction == NP_DIRECTION_INGRESS)
    switch (group)
      {
      case NP_PEER_GROUP_OUTSIDE:
        return _("Add ingress rule: outside cluster");
      case NP_PEER_GROUP_NAMESPACE:
        return _("Add ingress rule: in namespace");
      case NP_PEER_GROUP_CLUSTER:
      default:
        return _("Add ingress rule: in cluster");
      }
  else
    switch (group)
      {
      case NP_PEER_GROUP_OUTSIDE:
        return _("Add egress rule: outside cluster");
      case NP_PEER_GROUP_NAMESPACE:
        return _("Add egress rule: in namespace");
      case NP_PEER_GROUP_CLUSTER:
      default:
        return _("Add egress rule: in cluster");
      }
}

static const char *
ignored_text (NpDirection direction)
{
  return direction == NP_DIRECTION_INGRESS
    ? _("Ignored: policyTypes leave Ingress out")
    : _("Ignored: policyTypes leave Egress out");
}

/* The core's sentences start in lower case to fit inside other sentences;
 * as a title they start with a capital. */
static char *
capitalize (const char *text)
{
  gunichar first;
  char buffer[6];
  int len;

  if (text == NULL || text[0] == '\0')
    return g_strdup ("");

  first = g_utf8_get_char (text);
  len = g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strdup_printf ("%.*s%s", len, buffer, g_utf8_next_char (text));
}

static void
np_peer_card_add_clicked (NpPeerCard *self)
{
  g_signal_emit (self, signals[ADD_RULE], 0);
}

static void
np_peer_card_set_selection (NpPeerCard   *self,
                            NpPolicyRule *rule,
                            NpPolicyPeer *peer)
{
  g_set_object (&self->selected_rule, rule);
  g_set_object (&self->selected_peer, peer);
  if (self->dns_item != NULL)
    np_peer_item_set_selected (self->dns_item, FALSE);

  for (guint i = 0; i < self->peer_items->len; i++)
    {
      NpPeerItem *item = g_ptr_array_index (self->peer_items, i);

      np_peer_item_set_selected (item,
                                 rule != NULL && item->rule == rule && item->peer == peer);
    }
}

static void
np_peer_card_row_activated (NpPeerCard    *self,
                            GtkListBoxRow *row)
{
  NpPeerItem *item = NP_PEER_ITEM (row);

  /* Like an AdwActionRow with an activatable widget. */
  if (item->kind == ITEM_DNS)
    {
      gtk_switch_set_active (GTK_SWITCH (item->dns_switch),
                             !gtk_switch_get_active (GTK_SWITCH (item->dns_switch)));
      return;
    }

  if (item->kind != ITEM_PEER && item->kind != ITEM_ANY_PEER)
    return;

  /* Keep the rule alive: the handlers may change the policy. */
  {
    g_autoptr(NpPolicyRule) rule = g_object_ref (item->rule);

    np_peer_card_set_selection (self, item->rule, item->peer);
    g_signal_emit (self, signals[EDIT_RULE], 0, rule);
  }
}

/* Removes @item's peer from its rule, or the rule when nothing would be left
 * of it, as one change of the policy. */
static void
np_peer_card_remove_item (NpPeerCard *self,
                          NpPeerItem *item)
{
  g_autoptr(NpPolicyRule) rule = NULL;
  g_autoptr(NpPolicyPeer) peer = NULL;
  GListModel *peers;
  GListStore *rules;
  guint position;

  g_assert (item->kind == ITEM_PEER || item->kind == ITEM_ANY_PEER);

  if (self->policy == NULL)
    return;

  /* The update that follows the change reuses @item for another peer. */
  rule = g_object_ref (item->rule);
  peer = item->peer != NULL ? g_object_ref (item->peer) : NULL;
  peers = np_policy_rule_get_peers (rule);
  rules = G_LIST_STORE (np_policy_get_rules (self->policy, self->direction));

  np_policy_begin_change (self->policy);
  if (peer == NULL || g_list_model_get_n_items (peers) <= 1)
    {
      if (g_list_store_find (rules, rule, &position))
        g_list_store_remove (rules, position);
    }
  else
    {
      if (g_list_store_find (G_LIST_STORE (peers), peer, &position))
        g_list_store_remove (G_LIST_STORE (peers), position);
    }
  np_policy_end_change (self->policy);
}

static void
np_peer_card_remove_clicked (GtkButton *button,
                             NpPeerCard *self)
{
  GtkWidget *item = gtk_widget_get_ancestor (GTK_WIDGET (button), NP_TYPE_PEER_ITEM);

  g_return_if_fail (item != NULL);

  np_peer_card_remove_item (self, NP_PEER_ITEM (item));
}

static void
np_peer_card_dns_active_changed (NpPeerCard *self,
                                 GParamSpec *pspec,
                                 GtkSwitch  *dns_switch)
{
  g_autofree char *removed = NULL;

  if (self->updating || self->policy == NULL)
    return;

  if (gtk_switch_get_active (dns_switch))
    {
      np_policy_set_dns_allowed (self->policy, TRUE);
      return;
    }
  /* The rule may have been written by hand: say what went (one undo step
   * brings it back). */
  removed = np_policy_remove_dns_rules (self->policy);
  if (removed != NULL)
    g_signal_emit (self, signals[TOAST], 0, removed);
}

static NpPeerItem *
np_peer_card_new_default_item (NpPeerCard *self)
{
  NpPeerItem *item = g_object_new (NP_TYPE_PEER_ITEM, NULL);

  item->kind = ITEM_DEFAULT;
  item->peer_index = -1;
  gtk_widget_add_css_class (GTK_WIDGET (item), "np-default-item");
  /* Focusable so that a screen reader can read the verdict, but there is
   * no rule behind it to edit. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), FALSE);
  return item;
}

static NpPeerItem *
np_peer_card_new_dns_item (NpPeerCard *self)
{
  NpPeerItem *item = g_object_new (NP_TYPE_PEER_ITEM, NULL);
  GtkWidget *dns_switch = gtk_switch_new ();

  item->kind = ITEM_DNS;
  item->peer_index = -1;

  gtk_widget_add_css_class (dns_switch, NP_EDIT_CONTROL_CLASS);
  np_tooltip_set_text (dns_switch, _("Allow DNS to kube-dns"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dns_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Allow DNS to kube-dns"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("kube-dns in kube-system on UDP and TCP 53"),
                                  -1);
  g_signal_connect_object (dns_switch, "notify::active",
                           G_CALLBACK (np_peer_card_dns_active_changed),
                           self, G_CONNECT_SWAPPED);
  np_peer_item_add_suffix (item, dns_switch);
  item->dns_switch = dns_switch;
  return item;
}

/* The visible way to open a rule (a click on the row or Enter does too). */
static void
np_peer_card_edit_clicked (GtkButton  *button,
                           NpPeerCard *self)
{
  GtkWidget *item = gtk_widget_get_ancestor (GTK_WIDGET (button), NP_TYPE_PEER_ITEM);

  g_return_if_fail (item != NULL);

  np_peer_card_row_activated (self, GTK_LIST_BOX_ROW (item));
}

static NpPeerItem *
np_peer_card_new_peer_item (NpPeerCard *self)
{
  NpPeerItem *item = g_object_new (NP_TYPE_PEER_ITEM, NULL);
  GtkWidget *edit_button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  item->kind = ITEM_PEER;
  gtk_widget_set_visible (item->badge, TRUE);

  gtk_widget_add_css_class (edit_button, "flat");
  gtk_widget_add_css_class (edit_button, "circular");
  gtk_widget_add_css_class (edit_button, NP_EDIT_CONTROL_CLASS);
  g_signal_connect_object (edit_button, "clicked",
                           G_CALLBACK (np_peer_card_edit_clicked),
                           self, 0);
  np_peer_item_add_suffix (item, edit_button);
  item->edit_button = edit_button;

  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_add_css_class (remove_button, "circular");
  gtk_widget_add_css_class (remove_button, NP_EDIT_CONTROL_CLASS);
  g_signal_connect_object (remove_button, "clicked",
                           G_CALLBACK (np_peer_card_remove_clicked),
                           self, 0);
  np_peer_item_add_suffix (item, remove_button);
  item->remove_button = remove_button;
  return item;
}

/* Shows @peer of @rule (or, with @peer NULL, the rule's "any peer") in @item. */
static void
np_peer_card_fill_peer_item (NpPeerCard   *self,
                             NpPeerItem   *item,
                             NpPolicyRule *rule,
                             guint         rule_index,
                             NpPolicyPeer *peer,
                             int           peer_index)
{
  guint n_peers = g_list_model_get_n_items (np_policy_rule_get_peers (rule));
  NpRuleEffect verdict = np_rule_get_verdict (self->policy, rule);
  g_autofree char *peer_text = peer != NULL ? np_describe_peer (peer) : NULL;
  g_autofree char *title = peer != NULL ? capitalize (peer_text) : g_strdup (_("Any peer"));
  g_autofree char *ports_text = np_describe_ports (np_policy_rule_get_ports (rule));
  g_autofree char *subtitle = capitalize (ports_text);
  g_autofree char *badge = g_strdup_printf (_("Rule %u"), rule_index + 1);
  g_autofree char *remove_label = NULL;
  g_autofree char *remove_tooltip = NULL;
  g_autofree char *edit_label = g_strdup_printf (_("Edit rule %u"), rule_index + 1);
  g_autofree char *edit_tooltip = g_strdup_printf (_("Edit rule %u (Enter)"), rule_index + 1);
  g_autofree char *description = NULL;
  gboolean removes_rule = peer == NULL || n_peers <= 1;

  item->kind = peer != NULL ? ITEM_PEER : ITEM_ANY_PEER;
  g_set_object (&item->rule, rule);
  g_set_object (&item->peer, peer);
  item->rule_index = rule_index;
  item->peer_index = peer_index;
  np_peer_item_set_verdict (item, verdict);
  np_peer_item_set_selected (item,
                             self->selected_rule == rule && self->selected_peer == peer);

  gtk_label_set_text (GTK_LABEL (item->badge), badge);

  if (removes_rule)
    {
      remove_label = g_strdup_printf (_("Remove rule %u"), rule_index + 1);
      remove_tooltip = g_strdup (remove_label);
    }
  else
    {
      remove_label = g_strdup (_("Remove peer"));
      remove_tooltip = g_strdup_printf (_("Remove this peer from rule %u"), rule_index + 1);
    }
  /* The tooltips change whenever the labels do. */
  if (set_tooltip (item->edit_button, edit_tooltip))
    gtk_accessible_update_property (GTK_ACCESSIBLE (item->edit_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label,
                                    -1);
  if (set_tooltip (item->remove_button, remove_tooltip))
    gtk_accessible_update_property (GTK_ACCESSIBLE (item->remove_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, remove_tooltip,
                                    -1);

  if (verdict == NP_RULE_EFFECT_IGNORED)
    {
      set_tooltip (GTK_WIDGET (item), ignored_text (self->direction));
      /* Translators: "Rule 2: On TCP 443. Ignored: …" */
      description = g_strdup_printf (_("%s: %s. %s."), badge, subtitle, ignored_text (self->direction));
    }
  else
    {
      set_tooltip (GTK_WIDGET (item), NULL);
      /* Translators: "Rule 2: On TCP 443." */
      description = g_strdup_printf (_("%s: %s."), badge, subtitle);
    }
  np_peer_item_set_text (item, title, subtitle, description);
}

static void
np_peer_card_update_default_item (NpPeerCard *self)
{
  g_autofree char *ports = NULL;
  g_autofree char *subtitle = NULL;
  NpRuleEffect verdict;

  verdict = np_policy_get_group_verdict (self->policy, self->direction, self->group, &ports);
  switch (verdict)
    {
    case NP_RULE_EFFECT_ALLOWED:
      subtitle = g_strdup (_("Allowed"));
      break;
    case NP_RULE_EFFECT_PARTIAL:
      /* Translators: %s lists ports, e.g. "TCP 80, UDP 53" */
      subtitle = g_strdup_printf (_("Allowed on %s"), ports != NULL ? ports : "");
      break;
    case NP_RULE_EFFECT_DENIED:
    case NP_RULE_EFFECT_IGNORED:
    default:
      subtitle = g_strdup (_("Denied"));
      break;
    }
  np_peer_item_set_verdict (self->default_item, verdict);
  np_peer_item_set_text (self->default_item, group_default_title (self->group), subtitle, subtitle);
}

static void
np_peer_card_update_dns_item (NpPeerCard *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  NpRuleEffect verdict;
  const char *verdict_text;

  /* The switch stands for its own rule; the text and the edge for what
   * every rule together lets through to kube-dns. */
  self->updating = TRUE;
  gtk_switch_set_active (GTK_SWITCH (self->dns_item->dns_switch),
                         np_policy_get_dns_allowed (self->policy));
  self->updating = FALSE;

  verdict = np_policy_describe_dns (self->policy, &subtitle);
  switch (verdict)
    {
    case NP_RULE_EFFECT_ALLOWED:
      verdict_text = _("Allowed");
      break;
    case NP_RULE_EFFECT_PARTIAL:
      verdict_text = _("Partly allowed");
      break;
    case NP_RULE_EFFECT_DENIED:
    case NP_RULE_EFFECT_IGNORED:
    default:
      verdict_text = _("Denied");
      break;
    }
  np_peer_item_set_verdict (self->dns_item, verdict);
  /* Translators: "kube-dns in kube-system on UDP 53 only. Partly allowed." */
  description = g_strdup_printf (_("%s. %s."), subtitle, verdict_text);
  np_peer_item_set_text (self->dns_item, _("Kubernetes DNS"), subtitle, description);
}

static NpPeerItem *
np_peer_card_get_focused_item (NpPeerCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *item;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    return NULL;
  item = NP_IS_PEER_ITEM (focus) ? focus : gtk_widget_get_ancestor (focus, NP_TYPE_PEER_ITEM);
  return item != NULL ? NP_PEER_ITEM (item) : NULL;
}

/* Rows no longer needed (beyond the first @n_items) are hidden and kept,
 * up to a few dozen, for the next policy shown: a new row is a dozen
 * widgets to build, style and measure, and going through a large file
 * shows one policy after another with more rows and then fewer. */
static void
np_peer_card_put_away_items (NpPeerCard *self,
                             guint       n_items)
{
  while (self->peer_items->len > n_items)
    {
      NpPeerItem *item = g_ptr_array_steal_index (self->peer_items, self->peer_items->len - 1);

      if (self->spare_items->len >= MAX_SPARE_ITEMS)
        {
          gtk_list_box_remove (self->list_box, GTK_WIDGET (item));
          continue;
        }
      gtk_widget_set_visible (GTK_WIDGET (item), FALSE);
      g_clear_object (&item->rule);
      g_clear_object (&item->peer);
      g_ptr_array_add (self->spare_items, item);
    }
}

/* Brings the rows in line with the policy. The rows are reused in place, so
 * that the focus, and a screen reader's position, stay where they were when
 * nothing moved. */
static void
np_peer_card_update (NpPeerCard *self)
{
  g_autoptr(NpPolicyRule) focus_rule = NULL;
  g_autoptr(NpPolicyPeer) focus_peer = NULL;
  NpPeerItem *focused;
  int focus_position = -1;
  GListModel *rules;
  guint n_rules;
  guint n_items = 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->policy != NULL);
  if (self->policy == NULL)
    {
      /* Kept, like rows a shorter policy does not need: going through a
       * file of both kinds shows a Cilium policy (no policy here) between
       * NetworkPolicies. */
      np_peer_card_put_away_items (self, 0);
      return;
    }

  focused = np_peer_card_get_focused_item (self);
  if (focused != NULL && (focused->kind == ITEM_PEER || focused->kind == ITEM_ANY_PEER))
    {
      g_ptr_array_find (self->peer_items, focused, (guint *) &focus_position);
      focus_rule = g_object_ref (focused->rule);
      focus_peer = focused->peer != NULL ? g_object_ref (focused->peer) : NULL;
    }

  np_peer_card_update_default_item (self);
  if (self->dns_item != NULL)
    np_peer_card_update_dns_item (self);

  rules = np_policy_get_rules (self->policy, self->direction);
  n_rules = g_list_model_get_n_items (rules);
  for (guint i = 0; i < n_rules; i++)
    {
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, i);
      GListModel *peers = np_policy_rule_get_peers (rule);
      guint n_peers = g_list_model_get_n_items (peers);

      /* The kube-dns rule has its own switch. */
      if (np_rule_is_dns_rule (rule))
        continue;

      if (n_peers == 0 && self->group != NP_PEER_GROUP_OUTSIDE)
        continue;

      for (guint j = 0; j < MAX (n_peers, 1); j++)
        {
          g_autoptr(NpPolicyPeer) peer = n_peers > 0 ? g_list_model_get_item (peers, j) : NULL;
          NpPeerItem *item;

          if (peer != NULL && np_peer_get_group (peer) != self->group)
            continue;

          if (n_items < self->peer_items->len)
            item = g_ptr_array_index (self->peer_items, n_items);
          else if (self->spare_items->len > 0)
            {
              /* The last one put away is the one right after the rows shown. */
              item = g_ptr_array_steal_index (self->spare_items, self->spare_items->len - 1);
              g_ptr_array_add (self->peer_items, item);
              gtk_widget_set_visible (GTK_WIDGET (item), TRUE);
            }
          else
            {
              item = np_peer_card_new_peer_item (self);
              gtk_list_box_append (self->list_box, GTK_WIDGET (item));
              g_ptr_array_add (self->peer_items, item);
            }
          np_peer_card_fill_peer_item (self, item, rule, i, peer, peer != NULL ? (int) j : -1);
          n_items++;
        }
    }

  np_peer_card_put_away_items (self, n_items);

  /* Follow the focused item when it moved (undo, an edit elsewhere); when
   * it went away, the item that took its place, or the one above, gets it. */
  if (focus_position >= 0)
    {
      NpPeerItem *target = NULL;

      for (guint i = 0; i < self->peer_items->len && target == NULL; i++)
        {
          NpPeerItem *item = g_ptr_array_index (self->peer_items, i);

          if (item->rule == focus_rule && item->peer == focus_peer)
            target = item;
        }
      if (target == NULL && self->peer_items->len > 0)
        target = g_ptr_array_index (self->peer_items,
                                    MIN ((guint) focus_position, self->peer_items->len - 1));
      if (target == NULL)
        target = self->default_item;
      if (np_peer_card_get_focused_item (self) != target)
        gtk_widget_grab_focus (GTK_WIDGET (target));
    }
}

static gboolean
np_peer_card_delete_pressed (GtkWidget *widget,
                             GVariant  *args,
                             gpointer   user_data)
{
  return np_peer_card_remove_focused_item (NP_PEER_CARD (widget));
}

static void
np_peer_card_constructed (GObject *object)
{
  NpPeerCard *self = NP_PEER_CARD (object);
  const char *add_label = add_button_label (self->direction, self->group);

  G_OBJECT_CLASS (np_peer_card_parent_class)->constructed (object);

  gtk_label_set_text (self->title_label, np_peer_group_get_title (self->group));
  gtk_image_set_from_icon_name (self->icon, group_icon (self->group));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);
  gtk_widget_add_css_class (GTK_WIDGET (self),
                            self->direction == NP_DIRECTION_INGRESS ? "ingress" : "egress");

  self->default_item = np_peer_card_new_default_item (self);
  gtk_list_box_append (self->list_box, GTK_WIDGET (self->default_item));

  if (self->direction == NP_DIRECTION_EGRESS && self->group == NP_PEER_GROUP_CLUSTER)
    {
      self->dns_item = np_peer_card_new_dns_item (self);
      gtk_list_box_append (self->list_box, GTK_WIDGET (self->dns_item));
    }

  np_peer_card_update (self);
}

static void
np_peer_card_dispose (GObject *object)
{
  NpPeerCard *self = NP_PEER_CARD (object);

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, np_peer_card_update, self);
  g_clear_object (&self->policy);
  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_PEER_CARD);
  self->default_item = NULL;
  self->dns_item = NULL;
  g_clear_pointer (&self->peer_items, g_ptr_array_unref);
  g_clear_pointer (&self->spare_items, g_ptr_array_unref);
  g_clear_object (&self->selected_rule);
  g_clear_object (&self->selected_peer);

  G_OBJECT_CLASS (np_peer_card_parent_class)->dispose (object);
}

static void
np_peer_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NpPeerCard *self = NP_PEER_CARD (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;

    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    case PROP_GROUP:
      g_value_set_int (value, self->group);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_peer_card_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NpPeerCard *self = NP_PEER_CARD (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_peer_card_set_policy (self, g_value_get_object (value));
      break;

    case PROP_DIRECTION:
      self->direction = g_value_get_enum (value);
      break;

    case PROP_GROUP:
      self->group = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_peer_card_class_init (NpPeerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = np_peer_card_constructed;
  object_class->dispose = np_peer_card_dispose;
  object_class->get_property = np_peer_card_get_property;
  object_class->set_property = np_peer_card_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL,
                         NP_TYPE_POLICY,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL,
                       NP_TYPE_DIRECTION,
                       NP_DIRECTION_INGRESS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP] =
    g_param_spec_int ("group", NULL, NULL,
                      NP_PEER_GROUP_OUTSIDE, NP_PEER_GROUP_CLUSTER,
                      NP_PEER_GROUP_OUTSIDE,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADD_RULE] =
    g_signal_new ("add-rule",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* A message for the window's toast overlay: what the DNS switch removed. */
  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals[EDIT_RULE] =
    g_signal_new ("edit-rule",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, NP_TYPE_POLICY_RULE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-peer-card.ui");
  gtk_widget_class_bind_template_child (widget_class, NpPeerCard, box);
  gtk_widget_class_bind_template_child (widget_class, NpPeerCard, icon);
  gtk_widget_class_bind_template_child (widget_class, NpPeerCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, NpPeerCard, add_button);
  gtk_widget_class_bind_template_child (widget_class, NpPeerCard, list_box);
  gtk_widget_class_bind_template_callback (widget_class, np_peer_card_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, np_peer_card_row_activated);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, np_peer_card_delete_pressed, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, np_peer_card_delete_pressed, NULL);
}

static void
np_peer_card_init (NpPeerCard *self)
{
  self->peer_items = g_ptr_array_new ();
  self->spare_items = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
np_peer_card_new (NpDirection direction,
                  NpPeerGroup group)
{
  return g_object_new (NP_TYPE_PEER_CARD,
                       "direction", direction,
                       "group", (int) group,
                       NULL);
}

NpPolicy *
np_peer_card_get_policy (NpPeerCard *self)
{
  g_return_val_if_fail (NP_IS_PEER_CARD (self), NULL);

  return self->policy;
}

void
np_peer_card_set_policy (NpPeerCard *self,
                         NpPolicy   *policy)
{
  g_return_if_fail (NP_IS_PEER_CARD (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy));

  if (self->policy == policy)
    return;

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_func (self->policy, np_peer_card_update, self);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    g_signal_connect_object (policy, "changed",
                             G_CALLBACK (np_peer_card_update),
                             self, G_CONNECT_SWAPPED);

  /* A selection belongs to the policy it was made in. */
  g_clear_object (&self->selected_rule);
  g_clear_object (&self->selected_peer);

  /* Before constructed() there are no rows yet: it updates them. */
  if (self->default_item != NULL)
    np_peer_card_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

NpDirection
np_peer_card_get_direction (NpPeerCard *self)
{
  g_return_val_if_fail (NP_IS_PEER_CARD (self), NP_DIRECTION_INGRESS);

  return self->direction;
}

NpPeerGroup
np_peer_card_get_group (NpPeerCard *self)
{
  g_return_val_if_fail (NP_IS_PEER_CARD (self), NP_PEER_GROUP_OUTSIDE);

  return self->group;
}

void
np_peer_card_foreach_item (NpPeerCard         *self,
                           NpPeerCardItemFunc  func,
                           gpointer            user_data)
{
  g_return_if_fail (NP_IS_PEER_CARD (self));
  g_return_if_fail (func != NULL);

  if (self->policy == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (NP_IS_PEER_ITEM (child) && gtk_widget_get_visible (child))
        func (child, NP_PEER_ITEM (child)->verdict, user_data);
    }
}

void
np_peer_card_redraw_shown (NpPeerCard *self)
{
  GtkWidget *canvas;

  g_return_if_fail (NP_IS_PEER_CARD (self));

  canvas = gtk_widget_get_ancestor (GTK_WIDGET (self), NP_TYPE_CANVAS);
  if (canvas == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (NP_IS_PEER_ITEM (child) && gtk_widget_get_visible (child) &&
          NP_PEER_ITEM (child)->drawn != np_canvas_shows (NP_CANVAS (canvas), child))
        gtk_widget_queue_draw (child);
    }
}

GtkWidget *
np_peer_card_select_item (NpPeerCard *self,
                          guint       rule_index,
                          int         peer_index)
{
  g_return_val_if_fail (NP_IS_PEER_CARD (self), NULL);

  for (guint i = 0; i < self->peer_items->len; i++)
    {
      NpPeerItem *item = g_ptr_array_index (self->peer_items, i);

      if (item->rule_index == rule_index && (peer_index < 0 || item->peer_index == peer_index))
        {
          np_peer_card_set_selection (self, item->rule, item->peer);
          return GTK_WIDGET (item);
        }
    }

  /* The kube-dns rule shows as the DNS switch. */
  if (self->dns_item != NULL && self->policy != NULL)
    {
      GListModel *rules = np_policy_get_rules (self->policy, self->direction);
      g_autoptr(NpPolicyRule) rule = NULL;

      if (rule_index < g_list_model_get_n_items (rules))
        rule = g_list_model_get_item (rules, rule_index);
      if (rule != NULL && np_rule_is_dns_rule (rule))
        {
          np_peer_card_set_selection (self, NULL, NULL);
          np_peer_item_set_selected (self->dns_item, TRUE);
          return GTK_WIDGET (self->dns_item);
        }
    }
  return NULL;
}

void
np_peer_card_unselect (NpPeerCard *self)
{
  g_return_if_fail (NP_IS_PEER_CARD (self));

  np_peer_card_set_selection (self, NULL, NULL);
}

gboolean
np_peer_card_remove_focused_item (NpPeerCard *self)
{
  NpPeerItem *item;

  g_return_val_if_fail (NP_IS_PEER_CARD (self), FALSE);

  item = np_peer_card_get_focused_item (self);
  if (item == NULL || (item->kind != ITEM_PEER && item->kind != ITEM_ANY_PEER))
    return FALSE;

  np_peer_card_remove_item (self, item);
  return TRUE;
}
