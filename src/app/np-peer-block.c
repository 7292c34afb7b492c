/* np-peer-block.c: one peer of a rule in the rule editor: its type, selectors or addresses
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "np-field-message.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-peer-block.h"
#include "np-policy-peer.h"
#include "np-selector-editor.h"

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* NpPeerBlock: one peer of the rule being edited; the dialog makes one per
 * peer, as peers come and go. It edits its peer in place; the peer belongs
 * to the dialog's copy of the rule, never to the policy. */

struct _NpPeerBlock
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *or_label;
  GtkLabel         *type_label;
  GtkDropDown      *type_drop_down;
  GtkWidget        *namespaces_row;
  NpSelectorEditor *namespaces_editor;
  GtkWidget        *pods_row;
  GtkWidget        *pods_hint;
  NpSelectorEditor *pods_editor;
  AdwEntryRow      *cidr_row;
  AdwEntryRow      *except_row;
  GtkWidget        *cidr_message_box;
  GtkLabel         *cidr_message;
  GtkWidget        *cidr_fix_button;
  GtkLabel         *except_message;

  /* Owned */
  NpPolicyPeer     *peer;
  /* What the peer lacks but the person may want back: the pod selector
   * edited while the peer has none (it becomes the peer's on its first
   * term), and what a change of type took away. */
  NpLabelSelector  *spare_pods;
  NpLabelSelector  *spare_namespaces;
  NpIpBlock        *spare_ip_block;
  char             *initial_cidr;
  char             *initial_except;
  char             *canonical_cidr;

  /* Borrowed */
  GListStore       *peers;

  NpPeerGroup       group;
  gboolean          cidr_ok;
  gboolean          except_ok;
  gboolean          valid;
  gboolean          switching;
};

G_DEFINE_FINAL_TYPE (NpPeerBlock, np_peer_block, GTK_TYPE_WIDGET)

enum {
  BLOCK_PROP_0,
  BLOCK_PROP_VALID,
  BLOCK_N_PROPS
};

static GParamSpec *block_properties[BLOCK_N_PROPS];

/* The drop-down's items, nearest first, as np-peer-block.ui lists them:
 * the order is not NpPeerGroup's. */
static const NpPeerGroup group_order[] = {
  NP_PEER_GROUP_NAMESPACE,
  NP_PEER_GROUP_CLUSTER,
  NP_PEER_GROUP_OUTSIDE,
};

static guint
np_peer_block_group_to_position (NpPeerGroup group)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_order); i++)
    if (group_order[i] == group)
      return i;
  return 0;
}

static void
np_peer_block_update_valid (NpPeerBlock *self)
{
  gboolean valid = TRUE;

  if (self->group == NP_PEER_GROUP_OUTSIDE)
    valid = self->cidr_ok && self->except_ok;
  else
    {
      gboolean bad_pods = FALSE;
      gboolean bad_namespaces = FALSE;

      g_object_get (self->pods_editor, "has-error", &bad_pods, NULL);
      if (self->group == NP_PEER_GROUP_CLUSTER)
        g_object_get (self->namespaces_editor, "has-error", &bad_namespaces, NULL);
      valid = !bad_pods && !bad_namespaces;
    }

  if (self->valid == valid)
    return;

  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), block_properties[BLOCK_PROP_VALID]);
}

static void
np_peer_block_set_spare_pods (NpPeerBlock     *self,
                              NpLabelSelector *selector);

/* The spare pod selector got its first term: from now on it is the
 * peer's, so that an untouched peer keeps its YAML as written. */
static void
np_peer_block_spare_pods_changed (NpPeerBlock *self)
{
  if (self->group == NP_PEER_GROUP_OUTSIDE ||
      np_policy_peer_get_pod_selector (self->peer) != NULL ||
      np_label_selector_is_empty (self->spare_pods))
    return;

  np_policy_peer_set_pod_selector (self->peer, self->spare_pods);
}

static void
np_peer_block_set_spare_pods (NpPeerBlock     *self,
                              NpLabelSelector *selector)
{
  if (self->spare_pods != NULL)
    g_signal_handlers_disconnect_by_func (self->spare_pods,
                                          np_peer_block_spare_pods_changed, self);
  g_set_object (&self->spare_pods, selector);
  g_signal_connect_object (self->spare_pods, "changed",
                           G_CALLBACK (np_peer_block_spare_pods_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
np_peer_block_check_except (NpPeerBlock *self)
{
  g_autofree char *text = strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->except_row)));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) entries = g_strsplit (text, ",", -1);
  g_auto(GStrv) except = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *error = NULL;
  NpIpBlock *block = np_policy_peer_get_ip_block (self->peer);
  const char *cidr_text = block != NULL ? np_ip_block_get_cidr (block) : NULL;
  NpCidr outer;
  gboolean have_outer;

  have_outer = self->cidr_ok && cidr_text != NULL &&
               np_cidr_parse (cidr_text, &outer, NULL, NULL);

  for (guint i = 0; entries[i] != NULL && error == NULL; i++)
    {
      g_autofree char *reason = NULL;
      NpCidrLaxIssues issues;
      const char *entry = g_strstrip (entries[i]);
      NpCidr inner;

      /* A trailing comma is typing in progress, not a mistake. */
      if (entry[0] == '\0')
        continue;

      if (!np_cidr_parse (entry, &inner, &issues, &reason))
        error = g_strdup_printf (_("“%s” is not a CIDR: it %s."), entry, reason);
      else if (have_outer && !np_cidr_contains (&outer, &inner))
        error = g_strdup_printf (_("“%s” is not inside %s: an exception must be part of the CIDR."),
                                 entry, cidr_text);
      else if (have_outer && inner.prefix <= outer.prefix)
        error = g_strdup_printf (_("“%s” is all of %s: an exception needs a longer prefix than the CIDR."),
                                 entry, cidr_text);
      else if (issues != NP_CIDR_LAX_NONE && warning == NULL)
        {
          g_autofree char *why = np_cidr_describe_issues (issues);
          g_autofree char *canonical = np_cidr_to_string (&inner);

          /* It follows a colon here, not the start of a sentence. */
          why[0] = g_ascii_tolower (why[0]);
          warning = g_strdup_printf (_("“%s”: %s. Newer Kubernetes versions refuse it; write %s."),
                                     entry, why, canonical);
        }

      g_strv_builder_add (builder, entry);
    }

  /* An unchanged value is kept as the policy has it: the dialog must not
   * stop someone editing the ports because of an old mistake here. */
  if (error != NULL && g_strcmp0 (text, self->initial_except) != 0)
    {
      self->except_ok = FALSE;
      np_field_message_set (GTK_WIDGET (self->except_row), self->except_message, NP_FIELD_ERROR, error);
    }
  else
    {
      self->except_ok = TRUE;
      np_field_message_set (GTK_WIDGET (self->except_row), self->except_message,
                         error != NULL || warning != NULL ? NP_FIELD_WARNING : NP_FIELD_OK,
                         error != NULL ? error : warning);

      except = g_strv_builder_end (builder);
      if (block != NULL && error == NULL)
        np_ip_block_set_except (block, except[0] != NULL ? (const char * const *) except : NULL);
    }

  np_peer_block_update_valid (self);
}

static void
np_peer_block_check_cidr (NpPeerBlock *self)
{
  g_autofree char *text = strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->cidr_row)));
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  NpIpBlock *block = np_policy_peer_get_ip_block (self->peer);
  NpCidrLaxIssues issues = NP_CIDR_LAX_NONE;
  NpFieldState state = NP_FIELD_OK;
  NpCidr cidr;

  g_clear_pointer (&self->canonical_cidr, g_free);

  if (text[0] == '\0')
    {
      state = NP_FIELD_ERROR;
      message = g_strdup (_("Enter the addresses as a CIDR, e.g. 10.0.0.0/8 or fd00::/8."));
    }
  else if (!np_cidr_parse (text, &cidr, &issues, &reason))
    {
      state = NP_FIELD_ERROR;
      message = g_strdup_printf (_("This is not a CIDR: it %s."), reason);
    }
  else if (issues != NP_CIDR_LAX_NONE)
    {
      g_autofree char *why = np_cidr_describe_issues (issues);

      /* Older API servers take it, newer ones refuse it: a warning, with
       * the canonical form one click away. */
      state = NP_FIELD_WARNING;
      self->canonical_cidr = np_cidr_to_string (&cidr);
      message = g_strdup_printf (_("%s. Newer Kubernetes versions refuse it; did you mean %s?"),
                                 why, self->canonical_cidr);
      message[0] = g_ascii_toupper (message[0]);
    }

  if (state == NP_FIELD_ERROR && g_strcmp0 (text, self->initial_cidr) == 0)
    {
      /* As in check_except(): an untouched value does not block. */
      state = NP_FIELD_WARNING;
      self->cidr_ok = TRUE;
    }
  else
    self->cidr_ok = state != NP_FIELD_ERROR;

  np_field_message_set (GTK_WIDGET (self->cidr_row), self->cidr_message, state, message);
  gtk_widget_set_visible (self->cidr_message_box, state != NP_FIELD_OK);
  if (self->canonical_cidr != NULL)
    {
      g_autofree char *use = g_strdup_printf (_("Use %s"), self->canonical_cidr);

      /* Named outright: without a mnemonic, GTK 4.8 names a button after
       * its label property only, so fix_button_name() of the dialog would
       * leave this one nameless. */
      gtk_button_set_label (GTK_BUTTON (self->cidr_fix_button), use);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->cidr_fix_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, use,
                                      -1);
    }
  gtk_widget_set_visible (self->cidr_fix_button, self->canonical_cidr != NULL);

  if (block != NULL && self->cidr_ok)
    np_ip_block_set_cidr (block, text);

  /* The exceptions are judged against the CIDR. */
  np_peer_block_check_except (self);
}

static void
np_peer_block_cidr_fix_clicked (NpPeerBlock *self)
{
  g_autofree char *canonical = g_strdup (self->canonical_cidr);

  if (canonical == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->cidr_row), canonical);
  gtk_widget_grab_focus (GTK_WIDGET (self->cidr_row));
}

/* Shows the fields of the peer's type and binds them to the peer. */
static void
np_peer_block_sync (NpPeerBlock *self)
{
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (self->peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (self->peer);
  gboolean outside = self->group == NP_PEER_GROUP_OUTSIDE;
  gboolean cluster = self->group == NP_PEER_GROUP_CLUSTER;

  if (self->switching)
    return;

  gtk_drop_down_set_selected (self->type_drop_down,
                              np_peer_block_group_to_position (self->group));

  np_selector_editor_set_selector (self->pods_editor, pods != NULL ? pods : self->spare_pods);
  np_selector_editor_set_selector (self->namespaces_editor,
                                   namespaces != NULL ? namespaces : self->spare_namespaces);
  g_object_set (self->pods_editor,
                "empty-text", cluster ? _("All pods in those namespaces")
                                      : _("All pods in this namespace"),
                NULL);

  gtk_widget_set_visible (self->pods_row, !outside);
  gtk_widget_set_visible (self->pods_hint, cluster);
  gtk_widget_set_visible (self->namespaces_row, cluster);
  gtk_widget_set_visible (GTK_WIDGET (self->cidr_row), outside);
  gtk_widget_set_visible (GTK_WIDGET (self->except_row), outside);

  if (outside)
    {
      NpIpBlock *block = np_policy_peer_get_ip_block (self->peer);
      const char * const *except = np_ip_block_get_except (block);
      g_autofree char *except_text = except != NULL ? g_strjoinv (", ", (char **) except) : g_strdup ("");
      const char *cidr = np_ip_block_get_cidr (block);

      g_free (self->initial_cidr);
      self->initial_cidr = g_strdup (cidr != NULL ? cidr : "");
      g_free (self->initial_except);
      self->initial_except = g_strdup (except_text);

      gtk_editable_set_text (GTK_EDITABLE (self->cidr_row), self->initial_cidr);
      gtk_editable_set_text (GTK_EDITABLE (self->except_row), except_text);
      np_peer_block_check_cidr (self);
    }
  else
    {
      gtk_widget_set_visible (self->cidr_message_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->except_message), FALSE);
    }

  np_peer_block_update_valid (self);
}

/* Changes what kind of peer this is. What the old kind had is put aside,
 * not dropped, so switching back restores it. */
static void
np_peer_block_set_group (NpPeerBlock *self,
                         NpPeerGroup  group)
{
  NpLabelSelector *pods = np_policy_peer_get_pod_selector (self->peer);
  NpLabelSelector *namespaces = np_policy_peer_get_namespace_selector (self->peer);
  NpIpBlock *block = np_policy_peer_get_ip_block (self->peer);

  if (self->group == group)
    return;

  /* The peer notifies as each field goes; sync once it is whole. */
  self->group = group;
  self->switching = TRUE;

  if (group != NP_PEER_GROUP_OUTSIDE && block != NULL)
    {
      g_set_object (&self->spare_ip_block, block);
      np_policy_peer_set_ip_block (self->peer, NULL);
    }
  if (group != NP_PEER_GROUP_CLUSTER && namespaces != NULL)
    {
      g_set_object (&self->spare_namespaces, namespaces);
      np_policy_peer_set_namespace_selector (self->peer, NULL);
    }
  if (group == NP_PEER_GROUP_OUTSIDE && pods != NULL)
    {
      np_peer_block_set_spare_pods (self, pods);
      np_policy_peer_set_pod_selector (self->peer, NULL);
    }

  switch (group)
    {
    case NP_PEER_GROUP_NAMESPACE:
      if (pods == NULL)
        np_policy_peer_set_pod_selector (self->peer, self->spare_pods);
      break;

    case NP_PEER_GROUP_CLUSTER:
      np_policy_peer_set_namespace_selector (self->peer, self->spare_namespaces);
      break;

    case NP_PEER_GROUP_OUTSIDE:
    default:
      if (self->spare_ip_block == NULL)
        self->spare_ip_block = np_ip_block_new ("0.0.0.0/0", NULL);
      np_policy_peer_set_ip_block (self->peer, self->spare_ip_block);
      break;
    }

  self->switching = FALSE;
  np_peer_block_sync (self);
}

static void
np_peer_block_type_selected (NpPeerBlock *self)
{
  guint position = gtk_drop_down_get_selected (self->type_drop_down);

  if (position < G_N_ELEMENTS (group_order))
    np_peer_block_set_group (self, group_order[position]);
}

static void
np_peer_block_remove_clicked (NpPeerBlock *self)
{
  guint position;

  if (g_list_store_find (self->peers, self->peer, &position))
    g_list_store_remove (self->peers, position);
}

static void
np_peer_block_setup_type_item (GtkSignalListItemFactory *factory,
                               GtkListItem              *item,
                               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
np_peer_block_bind_type_item (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

/* (transfer full) The drop-down's button shows the type ellipsized, so that
 * the dialog can be narrow; its list shows it whole. */
static GtkListItemFactory *
np_peer_block_type_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup",
                    G_CALLBACK (np_peer_block_setup_type_item), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind",
                    G_CALLBACK (np_peer_block_bind_type_item), NULL);
  return factory;
}

static void
np_peer_block_dispose (GObject *object)
{
  NpPeerBlock *self = NP_PEER_BLOCK (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), NP_TYPE_PEER_BLOCK);
  /* That unparents the children the class binds; the list is not one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->spare_pods != NULL)
    g_signal_handlers_disconnect_by_func (self->spare_pods,
                                          np_peer_block_spare_pods_changed, self);
  g_clear_object (&self->spare_pods);
  g_clear_object (&self->spare_namespaces);
  g_clear_object (&self->spare_ip_block);
  g_clear_object (&self->peer);

  G_OBJECT_CLASS (np_peer_block_parent_class)->dispose (object);
}

static void
np_peer_block_finalize (GObject *object)
{
  NpPeerBlock *self = NP_PEER_BLOCK (object);

  g_free (self->initial_cidr);
  g_free (self->initial_except);
  g_free (self->canonical_cidr);

  G_OBJECT_CLASS (np_peer_block_parent_class)->finalize (object);
}

static void
np_peer_block_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NpPeerBlock *self = NP_PEER_BLOCK (object);

  switch (prop_id)
    {
    case BLOCK_PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_peer_block_class_init (NpPeerBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = np_peer_block_dispose;
  object_class->finalize = np_peer_block_finalize;
  object_class->get_property = np_peer_block_get_property;

  block_properties[BLOCK_PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, BLOCK_N_PROPS, block_properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netpoleditor/NetpolEditor/np-peer-block.ui");
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, or_label);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, type_label);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, type_drop_down);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, namespaces_row);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, namespaces_editor);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, pods_row);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, pods_hint);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, pods_editor);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, cidr_row);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, except_row);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, cidr_message_box);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, cidr_message);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, cidr_fix_button);
  gtk_widget_class_bind_template_child (widget_class, NpPeerBlock, except_message);
  gtk_widget_class_bind_template_callback (widget_class, np_peer_block_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, np_peer_block_cidr_fix_clicked);

  gtk_widget_class_set_css_name (widget_class, "np-peer-block");
}

static void
np_peer_block_init (NpPeerBlock *self)
{
  g_autoptr(GtkListItemFactory) button_factory = np_peer_block_type_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = np_peer_block_type_factory (FALSE);

  g_type_ensure (NP_TYPE_SELECTOR_EDITOR);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_factory (self->type_drop_down, button_factory);
  gtk_drop_down_set_list_factory (self->type_drop_down, list_factory);

  self->valid = TRUE;
  self->cidr_ok = TRUE;
  self->except_ok = TRUE;
  self->spare_namespaces = np_label_selector_new ();
}

NpPeerBlock *
np_peer_block_new (NpPolicyPeer *peer,
                   GListStore   *peers,
                   NpDirection   direction)
{
  g_autoptr(NpLabelSelector) spare_pods = np_label_selector_new ();
  NpPeerBlock *self;

  self = g_object_new (NP_TYPE_PEER_BLOCK, NULL);
  self->peer = g_object_ref (peer);
  self->peers = peers;
  self->group = np_peer_get_group (peer);
  np_peer_block_set_spare_pods (self, spare_pods);
  if (np_policy_peer_get_ip_block (peer) == NULL)
    self->spare_ip_block = np_ip_block_new ("0.0.0.0/0", NULL);

  /* Translators: "From [Pods in this namespace]", "To [Pods in other namespaces]" */
  gtk_label_set_text (self->type_label, direction == NP_DIRECTION_INGRESS ? _("From") : _("To"));

  np_peer_block_sync (self);

  g_signal_connect_object (self->type_drop_down, "notify::selected",
                           G_CALLBACK (np_peer_block_type_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cidr_row, "changed",
                           G_CALLBACK (np_peer_block_check_cidr),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->except_row, "changed",
                           G_CALLBACK (np_peer_block_check_except),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pods_editor, "notify::has-error",
                           G_CALLBACK (np_peer_block_update_valid),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->namespaces_editor, "notify::has-error",
                           G_CALLBACK (np_peer_block_update_valid),
                           self, G_CONNECT_SWAPPED);
  /* The spare pod selector may become the peer's, or the other way
   * around: the editor follows. */
  g_signal_connect_object (self->peer, "notify::pod-selector",
                           G_CALLBACK (np_peer_block_sync),
                           self, G_CONNECT_SWAPPED);

  return self;
}

/* Adds what the selector entries still hold; FALSE when one does not parse. */
gboolean
np_peer_block_commit (NpPeerBlock *self)
{
  gboolean ok = TRUE;

  if (self->group == NP_PEER_GROUP_OUTSIDE)
    return TRUE;

  if (self->group == NP_PEER_GROUP_CLUSTER)
    ok = np_selector_editor_commit (self->namespaces_editor);
  return np_selector_editor_commit (self->pods_editor) && ok;
}

void
np_peer_block_grab_focus (NpPeerBlock *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->type_drop_down));
}

/* The field a person fills in first for this kind of peer. */
GtkWidget *
np_peer_block_get_first_field (NpPeerBlock *self)
{
  switch (self->group)
    {
    case NP_PEER_GROUP_NAMESPACE:
      return GTK_WIDGET (self->pods_editor);
    case NP_PEER_GROUP_CLUSTER:
      return GTK_WIDGET (self->namespaces_editor);
    case NP_PEER_GROUP_OUTSIDE:
    default:
      return GTK_WIDGET (self->cidr_row);
    }
}

/**
 * np_peer_block_get_valid:
 *
 * Returns: FALSE while a field holds text the peer cannot take
 */
gboolean
np_peer_block_get_valid (NpPeerBlock *self)
{
  g_return_val_if_fail (NP_IS_PEER_BLOCK (self), FALSE);

  return self->valid;
}

/* The dialog knows the order of its peers; the block only shows the word. */
void
np_peer_block_set_show_or (NpPeerBlock *self,
                           gboolean     show_or)
{
  g_return_if_fail (NP_IS_PEER_BLOCK (self));

  gtk_widget_set_visible (self->or_label, show_or);
}
