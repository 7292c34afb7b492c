/* np-addr.c: an IP address as a 128-bit number, for cutting and joining ranges
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "np-addr.h"

int
np_addr_compare (const NpAddr *a,
                 const NpAddr *b)
{
  if (a->hi != b->hi)
    return a->hi < b->hi ? -1 : 1;
  return (a->lo > b->lo) - (a->lo < b->lo);
}

int
np_addr_compare_func (gconstpointer a,
                      gconstpointer b)
{
  return np_addr_compare (a, b);
}

NpAddr
np_addr_max (int family)
{
  NpAddr max = { family == 6 ? G_MAXUINT64 : 0, family == 6 ? G_MAXUINT64 : 0xffffffffULL };

  return max;
}

gboolean
np_addr_next (int           family,
              const NpAddr *a,
              NpAddr       *next)
{
  NpAddr max = np_addr_max (family);

  if (np_addr_compare (a, &max) == 0)
    return FALSE;
  *next = *a;
  if (++next->lo == 0)
    next->hi++;
  return TRUE;
}

NpAddr
np_addr_previous (const NpAddr *a)
{
  NpAddr previous = *a;

  if (previous.lo-- == 0)
    previous.hi--;
  return previous;
}

gboolean
np_addr_parse (const char *text,
               int        *family,
               NpAddr     *address)
{
  g_autoptr(GInetAddress) inet = NULL;
  const guint8 *bytes;

  g_return_val_if_fail (text != NULL && family != NULL && address != NULL, FALSE);

  inet = g_inet_address_new_from_string (text);
  if (inet == NULL)
    return FALSE;
  bytes = g_inet_address_to_bytes (inet);
  address->hi = address->lo = 0;
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4)
    {
      *family = 4;
      for (guint i = 0; i < 4; i++)
        address->lo = (address->lo << 8) | bytes[i];
      return TRUE;
    }
  *family = 6;
  for (guint i = 0; i < 8; i++)
    {
      address->hi = (address->hi << 8) | bytes[i];
      address->lo = (address->lo << 8) | bytes[i + 8];
    }
  return TRUE;
}

char *
np_addr_to_string (int           family,
                   const NpAddr *address)
{
  guint8 bytes[16];
  g_autoptr(GInetAddress) inet = NULL;

  if (family == 4)
    return g_strdup_printf ("%u.%u.%u.%u", (guint) (address->lo >> 24) & 0xff,
                            (guint) (address->lo >> 16) & 0xff, (guint) (address->lo >> 8) & 0xff,
                            (guint) address->lo & 0xff);
  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (address->hi >> (56 - 8 * i)) & 0xff;
      bytes[i + 8] = (address->lo >> (56 - 8 * i)) & 0xff;
    }
  inet = g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV6);
  return g_inet_address_to_string (inet);
}
