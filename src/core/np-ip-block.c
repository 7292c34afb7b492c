/* np-ip-block.c: a CIDR with exceptions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-ip-block.h"
#include "np-model-private.h"

struct _NpIpBlock
{
  GObject  parent_instance;

  char    *cidr;
  GStrv    except;
};

G_DEFINE_FINAL_TYPE (NpIpBlock, np_ip_block, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CIDR,
  PROP_EXCEPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
np_ip_block_finalize (GObject *object)
{
  NpIpBlock *self = (NpIpBlock *) object;

  g_clear_pointer (&self->cidr, g_free);
  g_clear_pointer (&self->except, g_strfreev);

  G_OBJECT_CLASS (np_ip_block_parent_class)->finalize (object);
}

static void
np_ip_block_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NpIpBlock *self = NP_IP_BLOCK (object);

  switch (prop_id)
    {
    case PROP_CIDR:
      g_value_set_string (value, self->cidr);
      break;

    case PROP_EXCEPT:
      g_value_set_boxed (value, self->except);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_ip_block_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NpIpBlock *self = NP_IP_BLOCK (object);

  switch (prop_id)
    {
    case PROP_CIDR:
      np_ip_block_set_cidr (self, g_value_get_string (value));
      break;

    case PROP_EXCEPT:
      np_ip_block_set_except (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_ip_block_class_init (NpIpBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = np_ip_block_finalize;
  object_class->get_property = np_ip_block_get_property;
  object_class->set_property = np_ip_block_set_property;

  properties[PROP_CIDR] =
    g_param_spec_string ("cidr", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* NULL (no `except` key) and an empty list are kept apart, as written. */
  properties[PROP_EXCEPT] =
    g_param_spec_boxed ("except", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  np_model_new_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
np_ip_block_init (NpIpBlock *self)
{
}

/**
 * np_ip_block_new:
 *
 * (transfer full)
 */
NpIpBlock *
np_ip_block_new (const char         *cidr,
                 const char * const *except)
{
  return g_object_new (NP_TYPE_IP_BLOCK,
                       "cidr", cidr,
                       "except", except,
                       NULL);
}

const char *
np_ip_block_get_cidr (NpIpBlock *self)
{
  g_return_val_if_fail (NP_IS_IP_BLOCK (self), NULL);

  return self->cidr;
}

void
np_ip_block_set_cidr (NpIpBlock  *self,
                      const char *cidr)
{
  g_return_if_fail (NP_IS_IP_BLOCK (self));

  if (np_set_str (&self->cidr, cidr))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CIDR]);
      np_model_emit_changed (self);
    }
}

const char * const *
np_ip_block_get_except (NpIpBlock *self)
{
  g_return_val_if_fail (NP_IS_IP_BLOCK (self), NULL);

  return (const char * const *) self->except;
}

void
np_ip_block_set_except (NpIpBlock          *self,
                        const char * const *except)
{
  g_return_if_fail (NP_IS_IP_BLOCK (self));

  if (np_set_strv (&self->except, except))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCEPT]);
      np_model_emit_changed (self);
    }
}

/**
 * np_ip_block_to_string:
 *
 * "10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16". (transfer full)
 */
char *
np_ip_block_to_string (NpIpBlock *self)
{
  GString *out;

  g_return_val_if_fail (NP_IS_IP_BLOCK (self), NULL);

  out = g_string_new (self->cidr != NULL ? self->cidr : "(no CIDR)");
  if (self->except != NULL && self->except[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", self->except);

      g_string_append_printf (out, " except %s", joined);
    }

  return g_string_free (out, FALSE);
}

/**
 * np_ip_block_copy:
 *
 * (transfer full)
 */
NpIpBlock *
np_ip_block_copy (NpIpBlock *self)
{
  g_return_val_if_fail (NP_IS_IP_BLOCK (self), NULL);

  return np_ip_block_new (self->cidr, (const char * const *) self->except);
}
