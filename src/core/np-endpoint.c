/* np-endpoint.c: the ends of a connection, and matching addresses and DNS names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-endpoint.h"

void
np_endpoint_init_workload (NpEndpoint *endpoint,
                           guint       workload)
{
  g_return_if_fail (endpoint != NULL);

  memset (endpoint, 0, sizeof *endpoint);
  endpoint->kind = NP_ENDPOINT_WORKLOAD;
  endpoint->workload = workload;
}

gboolean
np_endpoint_init_address (NpEndpoint *endpoint,
                          const char *address)
{
  g_return_val_if_fail (endpoint != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  memset (endpoint, 0, sizeof *endpoint);
  endpoint->kind = NP_ENDPOINT_EXTERNAL;
  return np_ip_parse (address, &endpoint->address, NULL);
}

static const struct {
  const char     *name;
  NpEndpointKind  kind;
} reserved_names[] = {
  { "host", NP_ENDPOINT_NODE },
  { "remote-node", NP_ENDPOINT_REMOTE_NODE },
  { "kube-apiserver", NP_ENDPOINT_KUBE_APISERVER },
  { "init", NP_ENDPOINT_INIT },
  { "health", NP_ENDPOINT_HEALTH },
  { "unmanaged", NP_ENDPOINT_UNMANAGED },
  { "ingress", NP_ENDPOINT_INGRESS },
};

gboolean
np_endpoint_init_reserved (NpEndpoint *endpoint,
                           const char *name)
{
  g_return_val_if_fail (endpoint != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, "world"))
    return np_endpoint_init_address (endpoint, "192.0.2.1");
  for (guint i = 0; i < G_N_ELEMENTS (reserved_names); i++)
    if (g_str_equal (name, reserved_names[i].name))
      {
        memset (endpoint, 0, sizeof *endpoint);
        endpoint->kind = reserved_names[i].kind;
        return TRUE;
      }
  return FALSE;
}

gboolean
np_endpoint_init_name (NpEndpoint *endpoint,
                       const char *name)
{
  NpCidr ignored;
  gsize length;

  g_return_val_if_fail (endpoint != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  length = strlen (name);
  if (length == 0 || length > 254 || strchr (name, '.') == NULL || name[0] == '.' ||
      np_ip_parse (name, &ignored, NULL))
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.' && *c != '_')
      return FALSE;
  memset (endpoint, 0, sizeof *endpoint);
  endpoint->kind = NP_ENDPOINT_NAME;
  endpoint->name = name;
  return TRUE;
}

/* Lower case, without the trailing dot of a fully qualified name. */
static char *
fqdn_normalize (const char *name)
{
  char *result = g_ascii_strdown (name, -1);
  gsize length = strlen (result);

  if (length > 1 && result[length - 1] == '.')
    result[length - 1] = '\0';
  return result;
}

/* `*` matches any run of characters within one label. */
static gboolean
label_glob (const char *pattern, const char *name)
{
  if (*pattern == '\0')
    return *name == '\0';
  if (*pattern == '*')
    {
      for (const char *n = name;; n++)
        {
          if (label_glob (pattern + 1, n))
            return TRUE;
          if (*n == '\0' || *n == '.')
            return FALSE;
        }
    }
  return *name != '\0' && *pattern == *name && label_glob (pattern + 1, name + 1);
}

gboolean
np_fqdn_pattern_matches (const char *pattern,
                         const char *name)
{
  g_autofree char *p = NULL;
  g_autofree char *n = NULL;

  g_return_val_if_fail (pattern != NULL && name != NULL, FALSE);

  p = fqdn_normalize (pattern);
  n = fqdn_normalize (name);
  if (g_str_equal (p, "*"))
    return TRUE;
  if (g_str_has_prefix (p, "**."))
    {
      /* One label or more, then the rest of the pattern. */
      for (const char *dot = strchr (n, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
        if (dot > n && label_glob (p + 3, dot + 1))
          return TRUE;
      return FALSE;
    }
  return label_glob (p, n);
}

gboolean
np_fqdn_matches (const char *match_name,
                 const char *match_pattern,
                 const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (match_name != NULL)
    {
      g_autofree char *a = fqdn_normalize (match_name);
      g_autofree char *b = fqdn_normalize (name);

      return g_str_equal (a, b);
    }
  return match_pattern != NULL && np_fqdn_pattern_matches (match_pattern, name);
}

/* Address blocks ----------------------------------------------------------- */

gboolean
np_address_block_init (NpAddressBlock     *block,
                       const char         *cidr,
                       const char * const *excepts,
                       gboolean            bare_address)
{
  NpCidr prefix;

  g_return_val_if_fail (block != NULL, FALSE);

  if (cidr == NULL ||
      (!np_cidr_parse (cidr, &prefix, NULL, NULL) && !(bare_address && np_ip_parse (cidr, &prefix, NULL))))
    return FALSE;
  block->cidr = prefix;
  block->excepts = g_array_new (FALSE, TRUE, sizeof (NpCidr));
  for (guint i = 0; excepts != NULL && excepts[i] != NULL; i++)
    {
      NpCidr except;

      if (np_cidr_parse (excepts[i], &except, NULL, NULL))
        g_array_append_val (block->excepts, except);
    }
  return TRUE;
}

void
np_address_block_clear (NpAddressBlock *block)
{
  g_return_if_fail (block != NULL);

  g_clear_pointer (&block->excepts, g_array_unref);
}

gboolean
np_address_block_contains (const NpAddressBlock *block,
                           const NpCidr         *address)
{
  g_return_val_if_fail (block != NULL && address != NULL, FALSE);

  if (block->cidr.family != address->family || !np_cidr_contains (&block->cidr, address))
    return FALSE;
  for (guint i = 0; block->excepts != NULL && i < block->excepts->len; i++)
    {
      const NpCidr *except = &g_array_index (block->excepts, NpCidr, i);

      if (except->family == address->family && np_cidr_contains (except, address))
        return FALSE;
    }
  return TRUE;
}
