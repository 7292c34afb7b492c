/* np-k8s-names.c: the API server's checks of names, label keys and values,
 * port names and CIDRs (apimachinery validation.go, ip.go)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-k8s-names.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <string.h>

#define DNS1123_LABEL_MAX_LENGTH      63
#define DNS1123_SUBDOMAIN_MAX_LENGTH 253
#define LABEL_KEY_NAME_MAX_LENGTH     63
#define LABEL_VALUE_MAX_LENGTH        63
#define PORT_NAME_MAX_LENGTH          15

/* Translators: the reasons below, all starting with “must”, follow a message such as ““%s” is not a valid name: ”; several are joined with “; ”. */
#define MSG_DNS1123_LABEL \
  N_("must consist of lower case alphanumeric characters or '-', and must " \
  "start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')")
#define MSG_DNS1123_SUBDOMAIN \
  N_("must consist of lower case alphanumeric characters, '-' or '.', and " \
  "each part between dots must start and end with an alphanumeric " \
  "character (e.g. 'example.com')")
#define MSG_LABEL_KEY_NAME \
  N_("must consist of alphanumeric characters, '-', '_' or '.', and must " \
  "start and end with an alphanumeric character (e.g. 'MyName', or " \
  "'my.name', or '123-abc')")
#define MSG_LABEL_KEY_SLASHES \
  N_("must contain at most one '/': a label key is an optional DNS subdomain " \
  "prefix and '/', followed by a name (e.g. 'MyName', or " \
  "'example.com/MyName')")
#define MSG_LABEL_VALUE \
  N_("must be empty or consist of alphanumeric characters, '-', '_' or '.', " \
  "and must start and end with an alphanumeric character (e.g. 'MyValue', " \
  "or 'my_value', or '12345')")
#define MSG_EMPTY N_("must be non-empty")


/* Problem lists: every message found, joined with "; " like the several
 * errors the API server reports for one value. */

static void problems_add (GString    *problems,
                          const char *part,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

static void
problems_add (GString    *problems,
              const char *part,
              const char *format,
              ...)
{
  va_list args;

  if (problems->len > 0)
    g_string_append (problems, "; ");
  if (part != NULL)
    g_string_append (problems, part);

  va_start (args, format);
  g_string_append_vprintf (problems, format, args);
  va_end (args);
}

/* Frees @problems; TRUE when it is empty, else hands it to @reason. */
static gboolean
problems_finish (GString  *problems,
                 char    **reason)
{
  if (problems->len == 0)
    {
      g_string_free (problems, TRUE);
      return TRUE;
    }

  if (reason != NULL)
    *reason = g_string_free (problems, FALSE);
  else
    g_string_free (problems, TRUE);
  return FALSE;
}

static gboolean fail (char       **reason,
                      const char  *format,
                      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (char       **reason,
      const char  *format,
      ...)
{
  va_list args;

  if (reason == NULL)
    return FALSE;

  va_start (args, format);
  *reason = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

/* Character classes (ASCII only, as the API server's regular expressions). */

static inline gboolean
is_lower_alnum (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static inline gboolean
is_alnum (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? */
static gboolean
match_dns1123_label (const char *s,
                     gsize       len)
{
  if (len == 0 || !is_lower_alnum (s[0]) || !is_lower_alnum (s[len - 1]))
    return FALSE;

  for (gsize i = 1; i + 1 < len; i++)
    if (!is_lower_alnum (s[i]) && s[i] != '-')
      return FALSE;
  return TRUE;
}

/* label(\.label)* */
static gboolean
match_dns1123_subdomain (const char *s,
                         gsize       len)
{
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && s[i] != '.')
        continue;
      if (!match_dns1123_label (s + start, i - start))
        return FALSE;
      start = i + 1;
    }
  return TRUE;
}

/* ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] */
static gboolean
match_label_name (const char *s,
                  gsize       len)
{
  if (len == 0 || !is_alnum (s[0]) || !is_alnum (s[len - 1]))
    return FALSE;

  for (gsize i = 1; i + 1 < len; i++)
    if (!is_alnum (s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
      return FALSE;
  return TRUE;
}

static void
check_subdomain (const char *s,
                 gsize       len,
                 const char *part,
                 GString    *problems)
{
  if (len > DNS1123_SUBDOMAIN_MAX_LENGTH)
    problems_add (problems, part, _("must be no more than %d characters"),
                  DNS1123_SUBDOMAIN_MAX_LENGTH);
  if (!match_dns1123_subdomain (s, len))
    problems_add (problems, part, "%s", _(MSG_DNS1123_SUBDOMAIN));
}

gboolean
np_k8s_check_dns1123_subdomain (const char  *value,
                                char       **reason)
{
  GString *problems;

  g_return_val_if_fail (value != NULL, FALSE);

  problems = g_string_new (NULL);
  check_subdomain (value, strlen (value), NULL, problems);
  return problems_finish (problems, reason);
}

gboolean
np_k8s_check_dns1123_label (const char  *value,
                            char       **reason)
{
  GString *problems;
  gsize len;

  g_return_val_if_fail (value != NULL, FALSE);

  problems = g_string_new (NULL);
  len = strlen (value);
  if (len > DNS1123_LABEL_MAX_LENGTH)
    problems_add (problems, NULL, _("must be no more than %d characters"),
                  DNS1123_LABEL_MAX_LENGTH);
  if (!match_dns1123_label (value, len))
    {
      /* As the API server: a valid subdomain that is no label can only be
       * wrong because of its dots. */
      if (match_dns1123_subdomain (value, len))
        problems_add (problems, NULL, _("must not contain dots"));
      else
        problems_add (problems, NULL, "%s", _(MSG_DNS1123_LABEL));
    }
  return problems_finish (problems, reason);
}

gboolean
np_k8s_check_label_key (const char  *value,
                        char       **reason)
{
  GString *problems;
  const char *slash;
  const char *name;
  gsize name_len;

  g_return_val_if_fail (value != NULL, FALSE);

  problems = g_string_new (NULL);
  slash = strchr (value, '/');
  if (slash != NULL && strchr (slash + 1, '/') != NULL)
    {
      problems_add (problems, NULL, "%s", _(MSG_LABEL_KEY_SLASHES));
      return problems_finish (problems, reason);
    }

  if (slash != NULL)
    {
      gsize prefix_len = (gsize) (slash - value);

      if (prefix_len == 0)
        /* Translators: a label key is “prefix/name”; this begins a reason such as “prefix part must be non-empty”. The reasons follow “is not a valid label key: ”. */
        problems_add (problems, _("prefix part "), _(MSG_EMPTY));
      else
        check_subdomain (value, prefix_len, _("prefix part "), problems);
      name = slash + 1;
    }
  else
    {
      name = value;
    }

  name_len = strlen (name);
  if (name_len == 0)
    {
      /* Translators: a label key is “prefix/name”; this begins a reason such as “name part must be non-empty”. */
      problems_add (problems, _("name part "), _(MSG_EMPTY));
    }
  else
    {
      if (name_len > LABEL_KEY_NAME_MAX_LENGTH)
        problems_add (problems, _("name part "),
                      _("must be no more than %d characters"),
                      LABEL_KEY_NAME_MAX_LENGTH);
      if (!match_label_name (name, name_len))
        problems_add (problems, _("name part "), "%s", _(MSG_LABEL_KEY_NAME));
    }
  return problems_finish (problems, reason);
}

gboolean
np_k8s_check_label_value (const char  *value,
                          char       **reason)
{
  GString *problems;
  gsize len;

  g_return_val_if_fail (value != NULL, FALSE);

  problems = g_string_new (NULL);
  len = strlen (value);
  if (len > LABEL_VALUE_MAX_LENGTH)
    problems_add (problems, NULL, _("must be no more than %d characters"),
                  LABEL_VALUE_MAX_LENGTH);
  if (len > 0 && !match_label_name (value, len))
    problems_add (problems, NULL, "%s", _(MSG_LABEL_VALUE));
  return problems_finish (problems, reason);
}

gboolean
np_k8s_check_port_name (const char  *value,
                        char       **reason)
{
  GString *problems;
  gsize len;
  gboolean charset_ok = TRUE;
  gboolean has_letter = FALSE;

  g_return_val_if_fail (value != NULL, FALSE);

  problems = g_string_new (NULL);
  len = strlen (value);
  if (len == 0)
    {
      problems_add (problems, NULL, _(MSG_EMPTY));
      return problems_finish (problems, reason);
    }

  for (gsize i = 0; i < len; i++)
    {
      if (value[i] >= 'a' && value[i] <= 'z')
        has_letter = TRUE;
      else if (!is_digit (value[i]) && value[i] != '-')
        charset_ok = FALSE;
    }

  if (len > PORT_NAME_MAX_LENGTH)
    problems_add (problems, NULL, _("must be no more than %d characters"),
                  PORT_NAME_MAX_LENGTH);
  if (!charset_ok)
    problems_add (problems, NULL,
                  _("must contain only lower case alphanumeric characters "
                  "(a-z, 0-9) and hyphens (-)"));
  if (!has_letter)
    problems_add (problems, NULL, _("must contain at least one letter (a-z)"));
  if (strstr (value, "--") != NULL)
    problems_add (problems, NULL, _("must not contain consecutive hyphens"));
  if (value[0] == '-' || value[len - 1] == '-')
    problems_add (problems, NULL, _("must not begin or end with a hyphen"));
  return problems_finish (problems, reason);
}

/* Addresses and CIDRs.
 *
 * The legacy parser of the API server (k8s.io/utils/net ParseCIDRSloppy, Go's
 * net.ParseCIDR before 1.17) accepts leading zeros in IPv4 octets (also in the
 * dotted tail of an IPv6 address) and in the prefix length, reading them as
 * decimal; strict validation (netip.ParsePrefix) rejects them. */

/* Decimal digits s[0..len) as a number; values above 999999 are clamped so
 * that any number of digits is safe. */
static guint
decimal_value (const char *s,
               gsize       len)
{
  guint value = 0;

  for (gsize i = 0; i < len; i++)
    {
      value = value * 10 + (guint) (s[i] - '0');
      if (value > 999999)
        value = 1000000;
    }
  return value;
}

/* Four decimal octets 0..255 separated by '.', nothing else. */
static gboolean
parse_ipv4 (const char *s,
            gsize       len,
            guint8      out[4],
            gboolean   *leading_zero)
{
  gsize pos = 0;

  for (guint octet = 0; octet < 4; octet++)
    {
      gsize start;
      guint value;

      if (octet > 0)
        {
          if (pos >= len || s[pos] != '.')
            return FALSE;
          pos++;
        }

      start = pos;
      while (pos < len && is_digit (s[pos]))
        pos++;
      if (pos == start)
        return FALSE;

      value = decimal_value (s + start, pos - start);
      if (value > 255)
        return FALSE;
      if (pos - start > 1 && s[start] == '0')
        *leading_zero = TRUE;
      out[octet] = (guint8) value;
    }
  return pos == len;
}

/* RFC 4291 text (hex groups of 1 to 4 digits, at most one "::", an optional
 * dotted IPv4 tail); no zone. */
static gboolean
parse_ipv6 (const char *s,
            gsize       len,
            guint8      out[16],
            gboolean   *leading_zero)
{
  g_autofree char *text = g_strndup (s, len);
  g_autofree char *rewritten = NULL;
  char *last_colon;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (text[i]) && text[i] != ':' && text[i] != '.')
      return FALSE;

  last_colon = strrchr (text, ':');
  if (last_colon == NULL)
    return FALSE;

  /* inet_pton() rejects leading zeros in a dotted tail, which the legacy
   * parser accepted: read the tail here and hand on two hex groups. */
  if (strchr (last_colon + 1, '.') != NULL)
    {
      guint8 v4[4];
      const char *tail = last_colon + 1;

      if (!parse_ipv4 (tail, strlen (tail), v4, leading_zero))
        return FALSE;
      last_colon[1] = '\0';
      rewritten = g_strdup_printf ("%s%x:%x", text,
                                   (guint) (v4[0] << 8 | v4[1]),
                                   (guint) (v4[2] << 8 | v4[3]));
    }

  return inet_pton (AF_INET6, rewritten != NULL ? rewritten : text, out) == 1;
}

/* An IPv4 or IPv6 address; returns its family (4 or 6) or 0. */
static int
parse_address (const char *s,
               gsize       len,
               guint8      out[16],
               gboolean   *leading_zero)
{
  memset (out, 0, 16);
  if (memchr (s, ':', len) == NULL)
    return parse_ipv4 (s, len, out, leading_zero) ? 4 : 0;
  return parse_ipv6 (s, len, out, leading_zero) ? 6 : 0;
}

static gboolean
has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

/* ::ffff:0:0/96 */
static gboolean
is_ipv4_mapped (const guint8 addr[16])
{
  static const guint8 mapped_prefix[12] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
  };

  return memcmp (addr, mapped_prefix, sizeof mapped_prefix) == 0;
}

static guint
family_bits (int family)
{
  return family == 4 ? 32 : 128;
}

/* The mask byte for byte @index of an address under @prefix. */
static guint8
mask_byte (guint prefix,
           guint index)
{
  guint first_bit = index * 8;

  if (prefix >= first_bit + 8)
    return 0xff;
  if (prefix <= first_bit)
    return 0;
  return (guint8) (0xff << (8 - (prefix - first_bit)));
}

/* Clears the bits after the prefix; TRUE when any was set. */
static gboolean
clear_host_bits (NpCidr *cidr)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < 16; i++)
    {
      guint8 masked = cidr->addr[i] & mask_byte (cidr->prefix, i);

      if (masked != cidr->addr[i])
        changed = TRUE;
      cidr->addr[i] = masked;
    }
  return changed;
}

/* Why @text (no '/' in it, not empty) is no address. */
static gboolean
fail_address (char       **reason,
              const char  *text,
              gsize        len)
{
  if (memchr (text, '%', len) != NULL)
    return fail (reason, _("must not have a zone index (the '%%' and the "
                 "interface name after an IPv6 address)"));
  return fail (reason, _("must start with a valid IPv4 or IPv6 address (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
}

gboolean
np_cidr_parse (const char       *text,
               NpCidr           *cidr,
               NpCidrLaxIssues  *issues,
               char            **reason)
{
  NpCidr result = { 0, };
  NpCidrLaxIssues found = NP_CIDR_LAX_NONE;
  gboolean leading_zero = FALSE;
  const char *slash;
  const char *prefix_text;
  gsize prefix_len;
  guint max_prefix;

  g_return_val_if_fail (text != NULL, FALSE);

  if (cidr != NULL)
    memset (cidr, 0, sizeof *cidr);
  if (issues != NULL)
    *issues = NP_CIDR_LAX_NONE;

  if (*text == '\0')
    return fail (reason, _("must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  if (has_space (text))
    return fail (reason, _("must not contain spaces"));

  slash = strchr (text, '/');
  if (slash == NULL)
    {
      NpCidr address = { 0, };
      gboolean lz = FALSE;

      address.family = parse_address (text, strlen (text), address.addr, &lz);
      if (address.family != 0)
        {
          g_autofree char *example = NULL;

          address.prefix = family_bits (address.family);
          example = np_cidr_to_string (&address);
          /* Translators: %s is the address with a full prefix, such as “10.9.8.7/32”. */
          return fail (reason, _("must include a prefix length after a '/' "
                       "(e.g. %s for this one address)"), example);
        }
      if (strchr (text, '%') != NULL)
        return fail_address (reason, text, strlen (text));
      return fail (reason, _("must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
    }

  if (slash == text)
    return fail (reason, _("must have an address before the '/' (e.g. 10.9.8.0/24 or 2001:db8::/64)"));

  result.family = parse_address (text, (gsize) (slash - text), result.addr,
                                 &leading_zero);
  if (result.family == 0)
    return fail_address (reason, text, (gsize) (slash - text));

  prefix_text = slash + 1;
  prefix_len = strlen (prefix_text);
  max_prefix = family_bits (result.family);
  if (prefix_len == 0)
    return fail (reason, _("must have a prefix length after the '/' (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  if (prefix_text[0] == '+' || prefix_text[0] == '-')
    return fail (reason, _("must have a prefix length without a sign "
                 "(a number from 0 to %u)"), max_prefix);
  for (gsize i = 0; i < prefix_len; i++)
    if (!is_digit (prefix_text[i]))
      return fail (reason, _("must have a prefix length that is a decimal "
                   "number from 0 to %u after the '/'"), max_prefix);

  result.prefix = decimal_value (prefix_text, prefix_len);
  if (result.prefix > max_prefix)
    /* Translators: %u is 32 or 128, %d is 4 or 6. */
    return fail (reason, _("must have a prefix length from 0 to %u for an "
                 "IPv%d address"), max_prefix, result.family);

  if (prefix_len > 1 && prefix_text[0] == '0')
    leading_zero = TRUE;
  if (leading_zero)
    found |= NP_CIDR_LAX_LEADING_ZERO;
  if (result.family == 6 && is_ipv4_mapped (result.addr))
    found |= NP_CIDR_LAX_IPV4_MAPPED;
  if (clear_host_bits (&result))
    found |= NP_CIDR_LAX_HOST_BITS;

  if (cidr != NULL)
    *cidr = result;
  if (issues != NULL)
    *issues = found;
  return TRUE;
}

gboolean
np_ip_parse (const char  *text,
             NpCidr      *address,
             char       **reason)
{
  NpCidr result = { 0, };
  gboolean leading_zero = FALSE;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);

  if (address != NULL)
    memset (address, 0, sizeof *address);

  len = strlen (text);
  if (len == 0)
    return fail (reason, _("must be a valid IP address (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  if (has_space (text))
    return fail (reason, _("must not contain spaces"));
  if (strchr (text, '/') != NULL)
    return fail (reason, _("must be a single IP address without a prefix "
                 "length (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  if (strchr (text, '%') != NULL)
    return fail (reason, _("must not have a zone index (the '%%' and the "
                 "interface name after an IPv6 address)"));

  result.family = parse_address (text, len, result.addr, &leading_zero);
  if (result.family == 0)
    return fail (reason, _("must be a valid IP address (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  if (leading_zero)
    return fail (reason, _("must not have leading zeros in the IPv4 numbers "
                 "(some software reads them as octal)"));

  result.prefix = family_bits (result.family);
  if (address != NULL)
    *address = result;
  return TRUE;
}

gboolean
np_cidr_contains (const NpCidr *outer,
                  const NpCidr *inner)
{
  g_return_val_if_fail (outer != NULL, FALSE);
  g_return_val_if_fail (inner != NULL, FALSE);

  if (outer->family != inner->family ||
      (outer->family != 4 && outer->family != 6))
    return FALSE;
  if (outer->prefix > family_bits (outer->family) ||
      inner->prefix > family_bits (inner->family))
    return FALSE;
  if (inner->prefix < outer->prefix)
    return FALSE;

  for (guint i = 0; i < 16; i++)
    {
      guint8 mask = mask_byte (outer->prefix, i);

      if ((outer->addr[i] & mask) != (inner->addr[i] & mask))
        return FALSE;
    }
  return TRUE;
}

/* As Go's netip.Addr.String: lower case hex, the longest run of two or more
 * zero groups (the first of equal runs) as "::", an IPv4-mapped address with
 * a dotted tail. */
static void
append_ipv6 (GString      *out,
             const guint8  addr[16])
{
  guint16 groups[8];
  int best_start = -1;
  int best_len = 0;

  for (guint i = 0; i < 8; i++)
    groups[i] = (guint16) (addr[2 * i] << 8 | addr[2 * i + 1]);

  for (int i = 0; i < 8;)
    {
      int run = 0;

      while (i + run < 8 && groups[i + run] == 0)
        run++;
      if (run >= 2 && run > best_len)
        {
          best_start = i;
          best_len = run;
        }
      i += run > 0 ? run : 1;
    }

  if (is_ipv4_mapped (addr))
    {
      g_string_append_printf (out, "::ffff:%u.%u.%u.%u",
                              addr[12], addr[13], addr[14], addr[15]);
      return;
    }

  for (int i = 0; i < 8; i++)
    {
      if (i == best_start)
        {
          g_string_append (out, "::");
          i += best_len - 1;
          continue;
        }
      if (i > 0 && i != best_start + best_len)
        g_string_append_c (out, ':');
      g_string_append_printf (out, "%x", groups[i]);
    }
}

char *
np_cidr_to_string (const NpCidr *cidr)
{
  GString *out;

  g_return_val_if_fail (cidr != NULL, NULL);
  g_return_val_if_fail (cidr->family == 4 || cidr->family == 6, NULL);

  out = g_string_new (NULL);
  if (cidr->family == 4)
    g_string_append_printf (out, "%u.%u.%u.%u",
                            cidr->addr[0], cidr->addr[1],
                            cidr->addr[2], cidr->addr[3]);
  else
    append_ipv6 (out, cidr->addr);
  g_string_append_printf (out, "/%u", cidr->prefix);
  return g_string_free (out, FALSE);
}

char *
np_cidr_describe_issues (NpCidrLaxIssues issues)
{
  GString *out = g_string_new (NULL);

  if (issues & NP_CIDR_LAX_LEADING_ZERO)
    problems_add (out, NULL, _("the address or the prefix length has leading "
                  "zeros"));
  if (issues & NP_CIDR_LAX_IPV4_MAPPED)
    problems_add (out, NULL, _("an IPv4-mapped IPv6 address is not allowed"));
  if (issues & NP_CIDR_LAX_HOST_BITS)
    problems_add (out, NULL, _("the address has bits set beyond the prefix "
                  "length"));
  return g_string_free (out, FALSE);
}

const char *
np_k8s_namespace_or_default (const char *namespace_)
{
  return namespace_ != NULL && *namespace_ != '\0' ? namespace_ : "default";
}
