/* np-policy-peer.c: one entry of a rule's `from` or `to`
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-ip-block.h"
#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-policy-peer.h"

struct _NpPolicyPeer
{
  GObject          parent_instance;

  NpLabelSelector *pod_selector;
  NpLabelSelector *namespace_selector;
  NpIpBlock       *ip_block;
};

G_DEFINE_FINAL_TYPE (NpPolicyPeer, np_policy_peer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POD_SELECTOR,
  PROP_NAMESPACE_SELECTOR,
  PROP_IP_BLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Replaces the child in *@slot, moving the "changed" forwarding with it. */
static void
replace_child (NpPolicyPeer *self,
               gpointer      slot,
               gpointer      child,
               GParamSpec   *pspec)
{
  GObject **field = slot;

  if (*field == child)
    return;

  np_model_unwatch_child (self, *field);
  g_set_object (field, child);
  np_model_watch_child (self, *field);

  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  np_model_emit_changed (self);
}

static void
clear_child (NpPolicyPeer *self,
             gpointer      slot)
{
  GObject **field = slot;

  np_model_unwatch_child (self, *field);
  g_clear_object (field);
}

static void
np_policy_peer_dispose (GObject *object)
{
  NpPolicyPeer *self = (NpPolicyPeer *) object;

  clear_child (self, &self->pod_selector);
  clear_child (self, &self->namespace_selector);
  clear_child (self, &self->ip_block);

  G_OBJECT_CLASS (np_policy_peer_parent_class)->dispose (object);
}

static void
np_policy_peer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NpPolicyPeer *self = NP_POLICY_PEER (object);

  switch (prop_id)
    {
    case PROP_POD_SELECTOR:
      g_value_set_object (value, self->pod_selector);
      break;

    case PROP_NAMESPACE_SELECTOR:
      g_value_set_object (value, self->namespace_selector);
      break;

    case PROP_IP_BLOCK:
      g_value_set_object (value, self->ip_block);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_peer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NpPolicyPeer *self = NP_POLICY_PEER (object);

  switch (prop_id)
    {
    case PROP_POD_SELECTOR:
      np_policy_peer_set_pod_selector (self, g_value_get_object (value));
      break;

    case PROP_NAMESPACE_SELECTOR:
      np_policy_peer_set_namespace_selector (self, g_value_get_object (value));
      break;

    case PROP_IP_BLOCK:
      np_policy_peer_set_ip_block (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_peer_class_init (NpPolicyPeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_policy_peer_dispose;
  object_class->get_property = np_policy_peer_get_property;
  object_class->set_property = np_policy_peer_set_property;

  properties[PROP_POD_SELECTOR] =
    g_param_spec_object ("pod-selector", NULL, NULL,
                         NP_TYPE_LABEL_SELECTOR,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAMESPACE_SELECTOR] =
    g_param_spec_object ("namespace-selector", NULL, NULL,
                         NP_TYPE_LABEL_SELECTOR,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_IP_BLOCK] =
    g_param_spec_object ("ip-block", NULL, NULL,
                         NP_TYPE_IP_BLOCK,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  np_model_new_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
np_policy_peer_init (NpPolicyPeer *self)
{
}

/**
 * np_policy_peer_new:
 *
 * A peer with no field set. (transfer full)
 */
NpPolicyPeer *
np_policy_peer_new (void)
{
  return g_object_new (NP_TYPE_POLICY_PEER, NULL);
}

/**
 * np_policy_peer_new_pods:
 * @pod_selector: (transfer none)
 *
 * (transfer full)
 */
NpPolicyPeer *
np_policy_peer_new_pods (NpLabelSelector *pod_selector)
{
  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (pod_selector), NULL);

  return g_object_new (NP_TYPE_POLICY_PEER,
                       "pod-selector", pod_selector,
                       NULL);
}

/**
 * np_policy_peer_new_namespaces:
 * @namespace_selector: (transfer none)
 *
 * (transfer full)
 */
NpPolicyPeer *
np_policy_peer_new_namespaces (NpLabelSelector *namespace_selector)
{
  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (namespace_selector), NULL);

  return g_object_new (NP_TYPE_POLICY_PEER,
                       "namespace-selector", namespace_selector,
                       NULL);
}

/**
 * np_policy_peer_new_ip_block:
 * @ip_block: (transfer none)
 *
 * (transfer full)
 */
NpPolicyPeer *
np_policy_peer_new_ip_block (NpIpBlock *ip_block)
{
  g_return_val_if_fail (NP_IS_IP_BLOCK (ip_block), NULL);

  return g_object_new (NP_TYPE_POLICY_PEER,
                       "ip-block", ip_block,
                       NULL);
}

/**
 * np_policy_peer_get_pod_selector:
 *
 * (transfer none) (nullable)
 */
NpLabelSelector *
np_policy_peer_get_pod_selector (NpPolicyPeer *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PEER (self), NULL);

  return self->pod_selector;
}

void
np_policy_peer_set_pod_selector (NpPolicyPeer    *self,
                                 NpLabelSelector *selector)
{
  g_return_if_fail (NP_IS_POLICY_PEER (self));
  g_return_if_fail (selector == NULL || NP_IS_LABEL_SELECTOR (selector));

  replace_child (self, &self->pod_selector, selector, properties[PROP_POD_SELECTOR]);
}

/**
 * np_policy_peer_get_namespace_selector:
 *
 * (transfer none) (nullable)
 */
NpLabelSelector *
np_policy_peer_get_namespace_selector (NpPolicyPeer *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PEER (self), NULL);

  return self->namespace_selector;
}

void
np_policy_peer_set_namespace_selector (NpPolicyPeer    *self,
                                       NpLabelSelector *selector)
{
  g_return_if_fail (NP_IS_POLICY_PEER (self));
  g_return_if_fail (selector == NULL || NP_IS_LABEL_SELECTOR (selector));

  replace_child (self, &self->namespace_selector, selector,
                 properties[PROP_NAMESPACE_SELECTOR]);
}

/**
 * np_policy_peer_get_ip_block:
 *
 * (transfer none) (nullable)
 */
NpIpBlock *
np_policy_peer_get_ip_block (NpPolicyPeer *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PEER (self), NULL);

  return self->ip_block;
}

void
np_policy_peer_set_ip_block (NpPolicyPeer *self,
                             NpIpBlock    *ip_block)
{
  g_return_if_fail (NP_IS_POLICY_PEER (self));
  g_return_if_fail (ip_block == NULL || NP_IS_IP_BLOCK (ip_block));

  replace_child (self, &self->ip_block, ip_block, properties[PROP_IP_BLOCK]);
}

/* "all pods", "pods app=web"; likewise for namespaces. */
static void
append_selector (GString         *out,
                 const char      *what,
                 NpLabelSelector *selector)
{
  g_autofree char *text = NULL;

  if (np_label_selector_is_empty (selector))
    {
      g_string_append_printf (out, "all %s", what);
      return;
    }

  text = np_label_selector_to_string (selector);
  g_string_append_printf (out, "%s %s", what, text);
}

/**
 * np_policy_peer_to_string:
 *
 * "pods app=web in namespaces team=ops", "all namespaces",
 * "10.0.0.0/8 except 10.1.0.0/16", "(nothing)" for a peer with no field.
 * (transfer full)
 */
char *
np_policy_peer_to_string (NpPolicyPeer *self)
{
  GString *out;

  g_return_val_if_fail (NP_IS_POLICY_PEER (self), NULL);

  out = g_string_new (NULL);

  if (self->pod_selector != NULL)
    append_selector (out, "pods", self->pod_selector);

  if (self->namespace_selector != NULL)
    {
      if (out->len > 0)
        g_string_append (out, " in ");
      append_selector (out, "namespaces", self->namespace_selector);
    }

  /* An ipBlock beside a selector is invalid, but show what is written. */
  if (self->ip_block != NULL)
    {
      g_autofree char *text = np_ip_block_to_string (self->ip_block);

      if (out->len > 0)
        g_string_append (out, " and ");
      g_string_append (out, text);
    }

  if (out->len == 0)
    g_string_append (out, "(nothing)");

  return g_string_free (out, FALSE);
}

/**
 * np_policy_peer_copy:
 *
 * A deep copy: the selectors and the IP block are copied too.
 * (transfer full)
 */
NpPolicyPeer *
np_policy_peer_copy (NpPolicyPeer *self)
{
  g_autoptr(NpLabelSelector) pod_selector = NULL;
  g_autoptr(NpLabelSelector) namespace_selector = NULL;
  g_autoptr(NpIpBlock) ip_block = NULL;

  g_return_val_if_fail (NP_IS_POLICY_PEER (self), NULL);

  if (self->pod_selector != NULL)
    pod_selector = np_label_selector_copy (self->pod_selector);
  if (self->namespace_selector != NULL)
    namespace_selector = np_label_selector_copy (self->namespace_selector);
  if (self->ip_block != NULL)
    ip_block = np_ip_block_copy (self->ip_block);

  return g_object_new (NP_TYPE_POLICY_PEER,
                       "pod-selector", pod_selector,
                       "namespace-selector", namespace_selector,
                       "ip-block", ip_block,
                       NULL);
}
