/* np-policy-rule.c: one ingress or egress rule (peers AND ports)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-model-private.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"

struct _NpPolicyRule
{
  GObject      parent_instance;

  GListStore  *peers;
  GListStore  *ports;
  NpDirection  direction;
};

G_DEFINE_FINAL_TYPE (NpPolicyRule, np_policy_rule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
np_policy_rule_dispose (GObject *object)
{
  NpPolicyRule *self = (NpPolicyRule *) object;

  g_clear_object (&self->peers);
  g_clear_object (&self->ports);

  G_OBJECT_CLASS (np_policy_rule_parent_class)->dispose (object);
}

static void
np_policy_rule_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NpPolicyRule *self = NP_POLICY_RULE (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_rule_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NpPolicyRule *self = NP_POLICY_RULE (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      self->direction = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_rule_class_init (NpPolicyRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_policy_rule_dispose;
  object_class->get_property = np_policy_rule_get_property;
  object_class->set_property = np_policy_rule_set_property;

  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL,
                       NP_TYPE_DIRECTION,
                       NP_DIRECTION_INGRESS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  np_model_new_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
np_policy_rule_init (NpPolicyRule *self)
{
  self->peers = g_list_store_new (NP_TYPE_POLICY_PEER);
  self->ports = g_list_store_new (NP_TYPE_POLICY_PORT);
  np_model_watch_list (self, self->peers);
  np_model_watch_list (self, self->ports);
}

/**
 * np_policy_rule_new:
 *
 * A rule with no peers and no ports: it matches everything. (transfer full)
 */
NpPolicyRule *
np_policy_rule_new (NpDirection direction)
{
  return g_object_new (NP_TYPE_POLICY_RULE,
                       "direction", direction,
                       NULL);
}

NpDirection
np_policy_rule_get_direction (NpPolicyRule *self)
{
  g_return_val_if_fail (NP_IS_POLICY_RULE (self), NP_DIRECTION_INGRESS);

  return self->direction;
}

GListModel *
np_policy_rule_get_peers (NpPolicyRule *self)
{
  g_return_val_if_fail (NP_IS_POLICY_RULE (self), NULL);

  return G_LIST_MODEL (self->peers);
}

GListModel *
np_policy_rule_get_ports (NpPolicyRule *self)
{
  g_return_val_if_fail (NP_IS_POLICY_RULE (self), NULL);

  return G_LIST_MODEL (self->ports);
}

void
np_policy_rule_add_peer (NpPolicyRule *self,
                         NpPolicyPeer *peer)
{
  g_return_if_fail (NP_IS_POLICY_RULE (self));
  g_return_if_fail (NP_IS_POLICY_PEER (peer));

  g_list_store_append (self->peers, peer);
}

void
np_policy_rule_add_port (NpPolicyRule *self,
                         NpPolicyPort *port)
{
  g_return_if_fail (NP_IS_POLICY_RULE (self));
  g_return_if_fail (NP_IS_POLICY_PORT (port));

  g_list_store_append (self->ports, port);
}

/**
 * np_policy_rule_copy:
 *
 * A deep copy: peers and ports are copied too. (transfer full)
 */
NpPolicyRule *
np_policy_rule_copy (NpPolicyRule *self)
{
  NpPolicyRule *copy;

  g_return_val_if_fail (NP_IS_POLICY_RULE (self), NULL);

  copy = np_policy_rule_new (self->direction);
  np_model_copy_list (copy->peers, G_LIST_MODEL (self->peers),
                      (NpModelCopyFunc) np_policy_peer_copy);
  np_model_copy_list (copy->ports, G_LIST_MODEL (self->ports),
                      (NpModelCopyFunc) np_policy_port_copy);
  return copy;
}
