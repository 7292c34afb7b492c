/* np-flow.c: one observed Hubble flow, or several identical ones
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-flow-private.h"
#include "np-k8s-names.h"

G_DEFINE_FINAL_TYPE (NpFlow, np_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_DESTINATION,
  PROP_PROTOCOL,
  PROP_PORT,
  PROP_VERDICT,
  PROP_DIRECTION,
  PROP_IS_REPLY,
  PROP_L7,
  PROP_COUNT,
  PROP_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Labels that Kubernetes, its controllers or Cilium add for their own
 * bookkeeping: they differ between rollouts or pods of one workload, or
 * repeat what the namespace already says. */
static const char * const bookkeeping_keys[] = {
  "pod-template-hash",
  "controller-revision-hash",
  "pod-template-generation",
  "statefulset.kubernetes.io/pod-name",
  "apps.kubernetes.io/pod-index",
  "controller-uid",
  "batch.kubernetes.io/controller-uid",
  "batch.kubernetes.io/job-completion-index",
  "job-name",
  "batch.kubernetes.io/job-name",
  "io.kubernetes.pod.namespace",
  "io.kubernetes.pod.name",
  NULL,
};

static const char * const bookkeeping_prefixes[] = {
  "io.cilium.k8s.",
  "io.cilium.",
  NULL,
};

/* The label's key and value without the source prefix. */
static const char *
strip_source (const char *label, gboolean *known_source)
{
  const char *colon = strchr (label, ':');
  const char *equals = strchr (label, '=');

  *known_source = TRUE;
  if (colon == NULL || (equals != NULL && equals < colon))
    return label;
  if (strncmp (label, "k8s:", 4) == 0 || strncmp (label, "any:", 4) == 0 ||
      strncmp (label, "container:", 10) == 0 || strncmp (label, "unspec:", 7) == 0)
    return colon + 1;
  *known_source = FALSE;
  return colon + 1;
}

gboolean
np_flow_label_is_bookkeeping (const char *label)
{
  g_autofree char *key = NULL;
  gboolean known;
  const char *bare, *equals;

  g_return_val_if_fail (label != NULL, FALSE);

  bare = strip_source (label, &known);
  equals = strchr (bare, '=');
  key = equals != NULL ? g_strndup (bare, equals - bare) : g_strdup (bare);
  if (g_strv_contains (bookkeeping_keys, key))
    return TRUE;
  for (guint i = 0; bookkeeping_prefixes[i] != NULL; i++)
    if (g_str_has_prefix (key, bookkeeping_prefixes[i]))
      return TRUE;
  return FALSE;
}

char *
np_flow_label_to_stable (const char *label)
{
  gboolean known;
  const char *bare;

  g_return_val_if_fail (label != NULL, NULL);

  bare = strip_source (label, &known);
  if (!known || *bare == '\0' || *bare == '=' || np_flow_label_is_bookkeeping (label))
    return NULL;
  /* A label a selector cannot name is no use for selecting. */
  {
    const char *equals = strchr (bare, '=');
    g_autofree char *key = equals != NULL ? g_strndup (bare, equals - bare) : g_strdup (bare);

    if (!np_k8s_check_label_key (key, NULL) || (equals != NULL && !np_k8s_check_label_value (equals + 1, NULL)))
      return NULL;
  }
  if (strchr (bare, '=') == NULL)
    return g_strconcat (bare, "=", NULL);
  return g_strdup (bare);
}

void
np_flow_endpoint_clear (NpFlowEndpoint *endpoint)
{
  g_clear_pointer (&endpoint->namespace_, g_free);
  g_clear_pointer (&endpoint->pod_name, g_free);
  g_clear_pointer (&endpoint->entity, g_free);
  g_clear_pointer (&endpoint->ip, g_free);
  g_clear_pointer (&endpoint->labels, g_strfreev);
  g_clear_pointer (&endpoint->stable, g_strfreev);
  g_clear_pointer (&endpoint->names, g_strfreev);
  g_clear_pointer (&endpoint->workloads, g_strfreev);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char **
sorted_unique (GPtrArray *items)
{
  GPtrArray *out = g_ptr_array_new ();

  g_ptr_array_sort (items, compare_strings);
  for (guint i = 0; i < items->len; i++)
    if (out->len == 0 || strcmp (out->pdata[out->len - 1], items->pdata[i]) != 0)
      g_ptr_array_add (out, g_strdup (items->pdata[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* The reserved identities that are also Cilium entities. */
static const char * const known_entities[] = {
  "host", "remote-node", "kube-apiserver", "health", "init", "ingress", "unmanaged", NULL,
};

/* A pod has one value per label key, but a record may list a key twice
 * (a damaged or hand-edited log). Every reader of the labels (the policy
 * writer through `stable`, the replay through `labels`) must see the same
 * value, so the first one is kept here and the later ones dropped. Returns
 * the first key that had two different values, for the reader's warning. */
static char *
drop_repeated_keys (NpFlowEndpoint *endpoint)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *kept = g_ptr_array_new ();
  char *conflict = NULL;

  for (guint i = 0; endpoint->labels[i] != NULL; i++)
    {
      char *label = endpoint->labels[i];
      gboolean known;
      const char *bare = strip_source (label, &known);
      const char *equals = strchr (bare, '=');
      const char *value = equals != NULL ? equals + 1 : "";
      g_autofree char *key = equals != NULL ? g_strndup (bare, equals - bare) : g_strdup (bare);
      const char *before;

      if (g_str_has_prefix (label, "reserved:") || *key == '\0')
        {
          g_ptr_array_add (kept, label);
          continue;
        }
      before = g_hash_table_lookup (values, key);
      if (before == NULL)
        {
          g_hash_table_insert (values, g_steal_pointer (&key), (gpointer) value);
          g_ptr_array_add (kept, label);
          continue;
        }
      if (conflict == NULL && !g_str_equal (before, value))
        conflict = g_steal_pointer (&key);
      g_free (label);
    }
  g_ptr_array_add (kept, NULL);
  g_free (endpoint->labels);
  endpoint->labels = (char **) g_ptr_array_free (kept, FALSE);
  return conflict;
}

char *
np_flow_endpoint_finish (NpFlowEndpoint *endpoint)
{
  g_autoptr(GPtrArray) stable = g_ptr_array_new_with_free_func (g_free);
  const char *reserved = NULL;
  char *conflict;

  if (endpoint->labels == NULL)
    endpoint->labels = g_new0 (char *, 1);
  conflict = drop_repeated_keys (endpoint);
  if (endpoint->names == NULL)
    endpoint->names = g_new0 (char *, 1);
  if (endpoint->workloads == NULL)
    endpoint->workloads = g_new0 (char *, 1);
  for (guint i = 0; endpoint->labels[i] != NULL; i++)
    {
      const char *label = endpoint->labels[i];
      char *s;

      if (g_str_has_prefix (label, "reserved:"))
        {
          /* "reserved:world" beside others (world-ipv4) still says world. */
          if (reserved == NULL || g_str_equal (label, "reserved:world"))
            reserved = label + strlen ("reserved:");
          continue;
        }
      s = np_flow_label_to_stable (label);
      if (s != NULL)
        g_ptr_array_add (stable, s);
    }
  g_clear_pointer (&endpoint->stable, g_strfreev);
  endpoint->stable = sorted_unique (stable);

  g_clear_pointer (&endpoint->entity, g_free);
  if (reserved != NULL && (g_str_has_prefix (reserved, "world")))
    endpoint->kind = NP_FLOW_PEER_WORLD;
  else if (reserved != NULL && g_strv_contains (known_entities, reserved))
    {
      endpoint->kind = NP_FLOW_PEER_ENTITY;
      endpoint->entity = g_strdup (reserved);
    }
  else if (endpoint->identity == 2)
    endpoint->kind = NP_FLOW_PEER_WORLD;
  else if (reserved == NULL && endpoint->namespace_ != NULL && np_k8s_check_dns1123_label (endpoint->namespace_, NULL))
    endpoint->kind = NP_FLOW_PEER_POD;
  else if (endpoint->names[0] != NULL)
    endpoint->kind = NP_FLOW_PEER_WORLD;
  else
    endpoint->kind = NP_FLOW_PEER_UNKNOWN;
  return conflict;
}

char *
np_flow_endpoint_to_string (const NpFlowEndpoint *endpoint)
{
  g_return_val_if_fail (endpoint != NULL, NULL);

  switch (endpoint->kind)
    {
    case NP_FLOW_PEER_POD:
      if (endpoint->pod_name != NULL && *endpoint->pod_name != '\0')
        return g_strdup_printf ("%s/%s", endpoint->namespace_, endpoint->pod_name);
      else
        {
          g_autofree char *labels = g_strjoinv (",", endpoint->stable);

          return g_strdup_printf ("%s:%s", endpoint->namespace_, labels);
        }
    case NP_FLOW_PEER_ENTITY:
      return g_strdup (endpoint->entity);
    case NP_FLOW_PEER_WORLD:
      if (endpoint->names != NULL && endpoint->names[0] != NULL)
        return g_strdup (endpoint->names[0]);
      return g_strdup (endpoint->ip != NULL ? endpoint->ip : "world");
    case NP_FLOW_PEER_UNKNOWN:
    default:
      return g_strdup (endpoint->ip != NULL ? endpoint->ip : "?");
    }
}

static void
np_flow_finalize (GObject *object)
{
  NpFlow *self = NP_FLOW (object);

  np_flow_endpoint_clear (&self->source);
  np_flow_endpoint_clear (&self->destination);
  g_free (self->protocol);
  g_free (self->verdict);
  g_free (self->direction);
  g_free (self->l7);

  G_OBJECT_CLASS (np_flow_parent_class)->finalize (object);
}

static void
np_flow_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  NpFlow *self = NP_FLOW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_take_string (value, np_flow_dup_source_name (self));
      break;
    case PROP_DESTINATION:
      g_value_take_string (value, np_flow_dup_destination_name (self));
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, self->protocol);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_VERDICT:
      g_value_set_string (value, self->verdict);
      break;
    case PROP_DIRECTION:
      g_value_set_string (value, self->direction);
      break;
    case PROP_IS_REPLY:
      g_value_set_boolean (value, self->is_reply);
      break;
    case PROP_L7:
      g_value_set_string (value, self->l7);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_flow_class_init (NpFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = np_flow_finalize;
  object_class->get_property = np_flow_get_property;

  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_DESTINATION] = g_param_spec_string ("destination", NULL, NULL, NULL, flags);
  properties[PROP_PROTOCOL] = g_param_spec_string ("protocol", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0, flags);
  properties[PROP_VERDICT] = g_param_spec_string ("verdict", NULL, NULL, NULL, flags);
  properties[PROP_DIRECTION] = g_param_spec_string ("direction", NULL, NULL, NULL, flags);
  properties[PROP_IS_REPLY] = g_param_spec_boolean ("is-reply", NULL, NULL, FALSE, flags);
  properties[PROP_L7] = g_param_spec_string ("l7", NULL, NULL, NULL, flags);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 1, flags);
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_flow_init (NpFlow *self)
{
  self->count = 1;
  self->verdict = g_strdup ("VERDICT_UNKNOWN");
}

NpFlow *
np_flow_new_empty (void)
{
  return g_object_new (NP_TYPE_FLOW, NULL);
}

const NpFlowEndpoint *
np_flow_get_source (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return &self->source;
}

const NpFlowEndpoint *
np_flow_get_destination (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return &self->destination;
}

char *
np_flow_dup_source_name (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return np_flow_endpoint_to_string (&self->source);
}

char *
np_flow_dup_destination_name (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return np_flow_endpoint_to_string (&self->destination);
}

const char *
np_flow_get_protocol (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return self->protocol;
}

guint
np_flow_get_port (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), 0);
  return self->port;
}

const char *
np_flow_get_verdict (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return self->verdict;
}

const char *
np_flow_get_direction (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return self->direction;
}

gboolean
np_flow_get_is_reply (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), FALSE);
  return self->is_reply;
}

const char *
np_flow_get_l7 (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), NULL);
  return self->l7;
}

guint
np_flow_get_count (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), 0);
  return self->count;
}

guint
np_flow_get_line (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), 0);
  return self->line;
}

gboolean
np_flow_is_forwarded (NpFlow *self)
{
  g_return_val_if_fail (NP_IS_FLOW (self), FALSE);
  return g_str_equal (self->verdict, "FORWARDED") || g_str_equal (self->verdict, "REDIRECTED");
}

void
np_flow_add_count (NpFlow *self,
                   guint   count)
{
  self->count += count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

gboolean
np_flow_protocol_has_ports (const char *protocol)
{
  return protocol != NULL &&
         (g_str_equal (protocol, "TCP") || g_str_equal (protocol, "UDP") || g_str_equal (protocol, "SCTP"));
}

static void
append_endpoint_key (GString *key, const NpFlowEndpoint *e)
{
  g_autofree char *labels = g_strjoinv (",", e->labels);
  g_autofree char *names = g_strjoinv (",", e->names);

  g_string_append_printf (key, "%d|%s|%s|%s|%s|%s|%u|", e->kind, e->namespace_ ? e->namespace_ : "",
                          e->pod_name ? e->pod_name : "", e->ip ? e->ip : "", labels, names, e->identity);
}

char *
np_flow_dup_key (NpFlow *self)
{
  GString *key = g_string_new (NULL);

  append_endpoint_key (key, &self->source);
  append_endpoint_key (key, &self->destination);
  g_string_append_printf (key, "%s|%u|%s|%s|%d|%s", self->protocol ? self->protocol : "", self->port,
                          self->verdict, self->direction ? self->direction : "", self->is_reply,
                          self->l7 ? self->l7 : "");
  return g_string_free (key, FALSE);
}
