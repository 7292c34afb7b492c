/* test-k8s-names.c: table tests of the API server's name, label, port name
 * and CIDR checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-k8s-names.h"
#include "np-test-util.h"

typedef gboolean (*NameCheck) (const char *value, char **reason);

typedef struct
{
  const char *input;
  gboolean    valid;
  const char *reason_part;  /* for invalid input, a part of the reason */
} NameCase;

/* Runs @check over @cases: the verdict, a reason only when invalid (and
 * containing reason_part), the same verdict without a reason pointer. Every
 * mismatch fails the test with the case's context; the loop goes on. */
static void
run_name_cases (const char     *what,
                NameCheck       check,
                const NameCase *cases,
                gsize           n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const NameCase *tc = &cases[i];
      g_autofree char *reason = NULL;
      gboolean valid;

      valid = check (tc->input, &reason);
      if (valid != tc->valid)
        np_test_fail ("%s case %" G_GSIZE_FORMAT " '%s': expected %s, "
                      "got %s (%s)", what, i, tc->input,
                      tc->valid ? "valid" : "invalid",
                      valid ? "valid" : "invalid",
                      reason != NULL ? reason : "no reason");
      else if (valid && reason != NULL)
        np_test_fail ("%s case %" G_GSIZE_FORMAT " '%s': valid, yet a "
                      "reason '%s'", what, i, tc->input, reason);
      else if (!valid && (reason == NULL || *reason == '\0'))
        np_test_fail ("%s case %" G_GSIZE_FORMAT " '%s': invalid "
                      "without a reason", what, i, tc->input);
      else if (!valid && tc->reason_part != NULL &&
               strstr (reason, tc->reason_part) == NULL)
        np_test_fail ("%s case %" G_GSIZE_FORMAT " '%s': reason '%s' "
                      "lacks '%s'", what, i, tc->input, reason,
                      tc->reason_part);
      else if (check (tc->input, NULL) != tc->valid)
        np_test_fail ("%s case %" G_GSIZE_FORMAT " '%s': another "
                      "verdict without a reason pointer", what, i,
                      tc->input);
      else if (g_test_verbose ())
        g_test_message ("%s case %" G_GSIZE_FORMAT " '%s': %s", what, i,
                        tc->input, valid ? "valid" : reason);
    }
}

static const NameCase label_key_cases[] = {
  /* valid */
  { "simple", TRUE, NULL },
  { "now-with-dashes", TRUE, NULL },
  { "1-starts-with-num", TRUE, NULL },
  { "1234", TRUE, NULL },
  { "a", TRUE, NULL },
  { "A", TRUE, NULL },
  { "Uppercase_Is_OK_123", TRUE, NULL },
  { "a_b.c-d", TRUE, NULL },
  { "simple/simple", TRUE, NULL },
  { "now-with-dashes/simple", TRUE, NULL },
  { "now-with-dashes/now-with-dashes", TRUE, NULL },
  { "now.with.dots/simple", TRUE, NULL },
  { "now-with.dashes-and.dots/simple", TRUE, NULL },
  { "1-num.2-num/3-num", TRUE, NULL },
  { "1234/5678", TRUE, NULL },
  { "1.2.3.4/5678", TRUE, NULL },
  { "example.com/Uppercase_Is_OK_123", TRUE, NULL },
  { "app.kubernetes.io/name", TRUE, NULL },
  { "kubernetes.io/metadata.name", TRUE, NULL },
  { "example.com/" A63, TRUE, NULL },
  { S253 "/a", TRUE, NULL },
  { A63, TRUE, NULL },
  /* invalid */
  { "", FALSE, "name part must be non-empty" },
  { "nospecialchars%^=@", FALSE, "name part must consist of" },
  { "cantendwithadash-", FALSE, "name part" },
  { "-cantstartwithadash", FALSE, "name part" },
  { "_abc", FALSE, "start and end with an alphanumeric" },
  { "abc_", FALSE, "name part" },
  { ".abc", FALSE, "name part" },
  { "a b", FALSE, "name part" },
  { "café", FALSE, "name part" },
  { "abc\n", FALSE, "name part" },
  { "only/one/slash", FALSE, "at most one '/'" },
  { "a/b/c", FALSE, "at most one '/'" },
  { "Example.com/abc", FALSE, "prefix part must consist of lower case" },
  { "example_com/abc", FALSE, "prefix part" },
  { "a..com/b", FALSE, "prefix part" },
  { "-a.com/b", FALSE, "prefix part" },
  { "example.com./b", FALSE, "prefix part" },
  { "example.com/", FALSE, "name part must be non-empty" },
  { "/simple", FALSE, "prefix part must be non-empty" },
  { "/", FALSE, "prefix part must be non-empty" },
  { A64, FALSE, "name part must be no more than 63 characters" },
  { "example.com/" A64, FALSE, "name part must be no more than 63 characters" },
  { S254 "/a", FALSE, "prefix part must be no more than 253 characters" },
  { "example.com/-abc", FALSE, "name part" },
};

static const NameCase label_value_cases[] = {
  /* valid */
  { "", TRUE, NULL },
  { "simple", TRUE, NULL },
  { "now-with-dashes", TRUE, NULL },
  { "1-starts-with-num", TRUE, NULL },
  { "end-with-num-1", TRUE, NULL },
  { "1234", TRUE, NULL },
  { "Uppercase_Is_OK_123", TRUE, NULL },
  { "a.b_c-d", TRUE, NULL },
  { "a", TRUE, NULL },
  { "MyValue", TRUE, NULL },
  { "my_value", TRUE, NULL },
  { A63, TRUE, NULL },
  /* invalid */
  { "nospecialchars%^=@", FALSE, "must be empty or consist of" },
  { "Tama-nui-te-rā", FALSE, "alphanumeric" },
  { "cantendwithadash-", FALSE, "start and end with an alphanumeric" },
  { "-cantstartwithadash", FALSE, NULL },
  { "_x", FALSE, NULL },
  { "x.", FALSE, NULL },
  { "a/b", FALSE, NULL },
  { " ", FALSE, NULL },
  { "with space", FALSE, NULL },
  { "a:b", FALSE, NULL },
  { A64, FALSE, "must be no more than 63 characters" },
};

static const NameCase subdomain_cases[] = {
  /* valid */
  { "a", TRUE, NULL },
  { "ab", TRUE, NULL },
  { "abc", TRUE, NULL },
  { "a1", TRUE, NULL },
  { "a-1", TRUE, NULL },
  { "a--1--2--b", TRUE, NULL },
  { "0", TRUE, NULL },
  { "01", TRUE, NULL },
  { "1-a", TRUE, NULL },
  { "a.a", TRUE, NULL },
  { "ab.a", TRUE, NULL },
  { "a.b.c", TRUE, NULL },
  { "1.2.3.4", TRUE, NULL },
  { "example.com", TRUE, NULL },
  { A63, TRUE, NULL },
  { A64, TRUE, NULL },  /* as the API server: no limit per part */
  { S253, TRUE, NULL },
  /* invalid */
  { "", FALSE, "must consist of lower case" },
  { "A", FALSE, "must consist of lower case" },
  { "ABC", FALSE, NULL },
  { "aBc", FALSE, NULL },
  { "Example.com", FALSE, NULL },
  { "a_1", FALSE, NULL },
  { "a@1", FALSE, NULL },
  { "a.", FALSE, NULL },
  { ".a", FALSE, NULL },
  { "a..b", FALSE, NULL },
  { "-a", FALSE, NULL },
  { "a-", FALSE, NULL },
  { "a.-a", FALSE, NULL },
  { "a-.a", FALSE, NULL },
  { "a b", FALSE, NULL },
  { "a/b", FALSE, NULL },
  { S254, FALSE, "must be no more than 253 characters" },
  { S254 "-", FALSE, "no more than 253 characters; must consist of" },
};

static const NameCase label_cases[] = {
  /* valid */
  { "a", TRUE, NULL },
  { "ab", TRUE, NULL },
  { "abc", TRUE, NULL },
  { "a1", TRUE, NULL },
  { "a-1", TRUE, NULL },
  { "a--1--2--b", TRUE, NULL },
  { "0", TRUE, NULL },
  { "01", TRUE, NULL },
  { "1-a", TRUE, NULL },
  { "my-name", TRUE, NULL },
  { A63, TRUE, NULL },
  /* invalid */
  { "", FALSE, "must consist of lower case alphanumeric characters or '-'" },
  { "A", FALSE, "e.g. 'my-name'" },
  { "ABC", FALSE, NULL },
  { "a.b", FALSE, "must not contain dots" },
  { "1.2.3.4", FALSE, "must not contain dots" },
  { "-a", FALSE, NULL },
  { "a-", FALSE, NULL },
  { "a_b", FALSE, NULL },
  { "a b", FALSE, NULL },
  { "a@b", FALSE, NULL },
  { "a..b", FALSE, "must consist of lower case" },
  { A64, FALSE, "must be no more than 63 characters" },
};

static const NameCase port_name_cases[] = {
  /* valid */
  { "telnet", TRUE, NULL },
  { "re-mail-ck", TRUE, NULL },
  { "pop3", TRUE, NULL },
  { "a", TRUE, NULL },
  { "a-1", TRUE, NULL },
  { "1-a", TRUE, NULL },
  { "a-1-b", TRUE, NULL },
  { "abcdefghijklmno", TRUE, NULL },
  { "http", TRUE, NULL },
  { "dns-tcp", TRUE, NULL },
  { "h2c", TRUE, NULL },
  { "1x", TRUE, NULL },
  /* invalid */
  { "", FALSE, "must be non-empty" },
  { "80", FALSE, "at least one letter" },
  { "12-34", FALSE, "at least one letter" },
  { "abcdefghijklmnop", FALSE, "must be no more than 15 characters" },
  { "longerthan15characters", FALSE, "no more than 15" },
  { "-abc", FALSE, "must not begin or end with a hyphen" },
  { "abc-", FALSE, "must not begin or end with a hyphen" },
  { "ab--cd", FALSE, "consecutive hyphens" },
  { "Http", FALSE, "lower case alphanumeric characters" },
  { "http_alt", FALSE, "hyphens" },
  { "a.b", FALSE, NULL },
  { " http", FALSE, NULL },
  { "-", FALSE, NULL },
  { "--", FALSE, "consecutive hyphens" },
};

static void
test_label_key (void)
{
  run_name_cases ("label key", np_k8s_check_label_key,
                  label_key_cases, G_N_ELEMENTS (label_key_cases));
}

static void
test_label_value (void)
{
  run_name_cases ("label value", np_k8s_check_label_value,
                  label_value_cases, G_N_ELEMENTS (label_value_cases));
}

static void
test_subdomain (void)
{
  run_name_cases ("subdomain", np_k8s_check_dns1123_subdomain,
                  subdomain_cases, G_N_ELEMENTS (subdomain_cases));
}

static void
test_label (void)
{
  run_name_cases ("label", np_k8s_check_dns1123_label,
                  label_cases, G_N_ELEMENTS (label_cases));
}

static void
test_port_name (void)
{
  run_name_cases ("port name", np_k8s_check_port_name,
                  port_name_cases, G_N_ELEMENTS (port_name_cases));
}

/* A reason is only written for invalid values. */
static void
test_reason_untouched (void)
{
  char *reason = (char *) "untouched";

  g_assert_true (np_k8s_check_label_key ("app", &reason));
  g_assert_true (np_k8s_check_label_value ("web", &reason));
  g_assert_true (np_k8s_check_dns1123_subdomain ("a.b", &reason));
  g_assert_true (np_k8s_check_dns1123_label ("a", &reason));
  g_assert_true (np_k8s_check_port_name ("http", &reason));
  g_assert_true (np_cidr_parse ("10.0.0.0/8", NULL, NULL, &reason));
  g_assert_true (np_ip_parse ("10.0.0.1", NULL, &reason));
  g_assert_cmpstr (reason, ==, "untouched");
}

#define LZ     NP_CIDR_LAX_LEADING_ZERO
#define MAPPED NP_CIDR_LAX_IPV4_MAPPED
#define HOST   NP_CIDR_LAX_HOST_BITS

typedef struct
{
  const char     *input;
  gboolean        valid;
  int             family;
  const char     *canonical;    /* valid: np_cidr_to_string of the result */
  NpCidrLaxIssues issues;       /* valid: the lax issues */
  const char     *reason_part;  /* invalid: a part of the reason */
} CidrCase;

static const CidrCase cidr_cases[] = {
  /* strict and valid */
  { "1.0.0.0/8", TRUE, 4, "1.0.0.0/8", 0, NULL },
  { "0.0.0.0/0", TRUE, 4, "0.0.0.0/0", 0, NULL },
  { "1.1.1.1/32", TRUE, 4, "1.1.1.1/32", 0, NULL },
  { "10.0.0.0/8", TRUE, 4, "10.0.0.0/8", 0, NULL },
  { "172.16.0.0/12", TRUE, 4, "172.16.0.0/12", 0, NULL },
  { "192.168.0.0/16", TRUE, 4, "192.168.0.0/16", 0, NULL },
  { "192.168.1.128/25", TRUE, 4, "192.168.1.128/25", 0, NULL },
  { "255.255.255.255/32", TRUE, 4, "255.255.255.255/32", 0, NULL },
  { "2001:4860:4860::/48", TRUE, 6, "2001:4860:4860::/48", 0, NULL },
  { "::/0", TRUE, 6, "::/0", 0, NULL },
  { "::1/128", TRUE, 6, "::1/128", 0, NULL },
  { "fd00::/8", TRUE, 6, "fd00::/8", 0, NULL },
  { "fe80::/10", TRUE, 6, "fe80::/10", 0, NULL },
  /* valid but not canonical text: no lax issue */
  { "2a00:79e0:2:0::/64", TRUE, 6, "2a00:79e0:2::/64", 0, NULL },
  { "2001:DB8::/64", TRUE, 6, "2001:db8::/64", 0, NULL },
  { "2001:0db8:0000:0000:0000:0000:0000:0000/32", TRUE, 6, "2001:db8::/32", 0, NULL },
  { "1:2:3:4:5:6:7::/128", TRUE, 6, "1:2:3:4:5:6:7:0/128", 0, NULL },
  { "1:0:0:1:0:0:0:1/128", TRUE, 6, "1:0:0:1::1/128", 0, NULL },
  { "1:0:0:0:1:0:0:1/128", TRUE, 6, "1::1:0:0:1/128", 0, NULL },
  { "1:0:1:0:1:0:1:0/128", TRUE, 6, "1:0:1:0:1:0:1:0/128", 0, NULL },
  { "::1.2.3.4/128", TRUE, 6, "::102:304/128", 0, NULL },
  { "64:ff9b::10.0.0.1/128", TRUE, 6, "64:ff9b::a00:1/128", 0, NULL },
  /* valid only under the legacy (lax) rules */
  { "1.1.01.0/24", TRUE, 4, "1.1.1.0/24", LZ, NULL },
  { "010.001.002.000/24", TRUE, 4, "10.1.2.0/24", LZ, NULL },
  { "192.168.0.0/016", TRUE, 4, "192.168.0.0/16", LZ, NULL },
  { "1.2.3.4/0032", TRUE, 4, "1.2.3.4/32", LZ, NULL },
  { "2001:db8::/064", TRUE, 6, "2001:db8::/64", LZ, NULL },
  { "::ffff:1.1.1.0/120", TRUE, 6, "::ffff:1.1.1.0/120", MAPPED, NULL },
  { "::FFFF:101:100/120", TRUE, 6, "::ffff:1.1.1.0/120", MAPPED, NULL },
  { "::ffff:0.0.0.0/96", TRUE, 6, "::ffff:0.0.0.0/96", MAPPED, NULL },
  { "::ffff:01.1.1.0/120", TRUE, 6, "::ffff:1.1.1.0/120", MAPPED | LZ, NULL },
  { "::ffff:1.1.1.0/24", TRUE, 6, "::/24", MAPPED | HOST, NULL },
  { "1.2.3.4/24", TRUE, 4, "1.2.3.0/24", HOST, NULL },
  { "1.2.3.4/16", TRUE, 4, "1.2.0.0/16", HOST, NULL },
  { "192.168.1.200/25", TRUE, 4, "192.168.1.128/25", HOST, NULL },
  { "10.0.0.1/0", TRUE, 4, "0.0.0.0/0", HOST, NULL },
  { "2001:db8::1/64", TRUE, 6, "2001:db8::/64", HOST, NULL },
  { "fe80::1:2:3:4/10", TRUE, 6, "fe80::/10", HOST, NULL },
  { "01.2.3.4/8", TRUE, 4, "1.0.0.0/8", LZ | HOST, NULL },
  /* no CIDR at all */
  { "", FALSE, 0, NULL, 0, "must be a valid CIDR value" },
  { "aaaaaaa", FALSE, 0, NULL, 0, "must be a valid CIDR value" },
  { "1.2.3.4", FALSE, 0, NULL, 0, "1.2.3.4/32" },
  { "192.168.5.6", FALSE, 0, NULL, 0, "prefix length" },
  { "2001:db8::1", FALSE, 0, NULL, 0, "2001:db8::1/128" },
  { "192.168.0.1/healthz", FALSE, 0, NULL, 0, "decimal number" },
  { "192.168.0.1/0/99", FALSE, 0, NULL, 0, "decimal number" },
  { "192.168.0.0/-16", FALSE, 0, NULL, 0, "without a sign" },
  { "192.168.0.0/+16", FALSE, 0, NULL, 0, "without a sign" },
  { "1.2.3.0/33", FALSE, 0, NULL, 0, "from 0 to 32" },
  { "1.2.3.0/99999999999999999999", FALSE, 0, NULL, 0, "from 0 to 32" },
  { "::/129", FALSE, 0, NULL, 0, "from 0 to 128" },
  { "1.2.3.0/", FALSE, 0, NULL, 0, "prefix length" },
  { "/24", FALSE, 0, NULL, 0, "address" },
  { "1.2.3/24", FALSE, 0, NULL, 0, "valid IPv4 or IPv6 address" },
  { "1.2.3.4.5/24", FALSE, 0, NULL, 0, NULL },
  { "1.2.3.256/24", FALSE, 0, NULL, 0, NULL },
  { "1.2.3.0000256/24", FALSE, 0, NULL, 0, NULL },
  { "-1.0.0.0/8", FALSE, 0, NULL, 0, NULL },
  { "0x1.2.3.4/32", FALSE, 0, NULL, 0, NULL },
  { "1..2.3/24", FALSE, 0, NULL, 0, NULL },
  { "1.2.3.0/24 ", FALSE, 0, NULL, 0, "spaces" },
  { " 1.2.3.0/24", FALSE, 0, NULL, 0, "spaces" },
  { "1.2.3.0 /24", FALSE, 0, NULL, 0, "spaces" },
  { "1.2.3.0/2 4", FALSE, 0, NULL, 0, "spaces" },
  { "fe80::1%eth0/64", FALSE, 0, NULL, 0, "zone" },
  { "fe80::1%eth0", FALSE, 0, NULL, 0, "zone" },
  { "2001:db8::10005/64", FALSE, 0, NULL, 0, NULL },
  { "2001:db8:00001::/64", FALSE, 0, NULL, 0, NULL },
  { "2001:db8:::/64", FALSE, 0, NULL, 0, NULL },
  { "1::2::3/64", FALSE, 0, NULL, 0, NULL },
  { "1:2:3:4:5:6:7:8:9/64", FALSE, 0, NULL, 0, NULL },
  { "1:2:3:4:5:6:7:8::/128", FALSE, 0, NULL, 0, NULL },
  { "1:2:3:4:5:6:7/64", FALSE, 0, NULL, 0, NULL },
  { ":1::/64", FALSE, 0, NULL, 0, NULL },
  { "1::/64:", FALSE, 0, NULL, 0, NULL },
  { "[2001:db8::]/64", FALSE, 0, NULL, 0, NULL },
  { "::ffff:1.2.3/120", FALSE, 0, NULL, 0, NULL },
  { "::1.2.3.4:5/128", FALSE, 0, NULL, 0, NULL },
  { "1.2.3.4::/128", FALSE, 0, NULL, 0, NULL },
  { "1:2:3:4:5:6:7:1.2.3.4/128", FALSE, 0, NULL, 0, NULL },
  { "1.2.3.4:80/24", FALSE, 0, NULL, 0, NULL },
  { "example.com/24", FALSE, 0, NULL, 0, NULL },
};

/* NULL when @tc holds, else what is wrong. (transfer full) */
static char *
check_cidr_case (const CidrCase *tc)
{
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;
  NpCidr cidr, again;
  NpCidrLaxIssues issues = 0xff;
  NpCidrLaxIssues again_issues = 0xff;
  NpCidrLaxIssues again_expected;
  gboolean valid;

  valid = np_cidr_parse (tc->input, &cidr, &issues, &reason);
  if (valid != tc->valid)
    return g_strdup_printf ("expected %s, got %s (%s)",
                            tc->valid ? "valid" : "invalid",
                            valid ? "valid" : "invalid",
                            reason != NULL ? reason : "no reason");
  if (np_cidr_parse (tc->input, NULL, NULL, NULL) != valid)
    return g_strdup ("another verdict without the optional arguments");

  if (!valid)
    {
      if (reason == NULL || *reason == '\0')
        return g_strdup ("invalid without a reason");
      if (issues != NP_CIDR_LAX_NONE)
        return g_strdup_printf ("invalid, yet issues %#x", issues);
      if (cidr.family != 0)
        return g_strdup ("invalid, yet a family");
      if (tc->reason_part != NULL && strstr (reason, tc->reason_part) == NULL)
        return g_strdup_printf ("reason '%s' lacks '%s'", reason,
                                tc->reason_part);
      return NULL;
    }

  if (reason != NULL)
    return g_strdup_printf ("valid, yet a reason '%s'", reason);
  if (cidr.family != tc->family)
    return g_strdup_printf ("family %d, expected %d", cidr.family, tc->family);
  if (issues != tc->issues)
    return g_strdup_printf ("issues %#x, expected %#x", issues, tc->issues);
  text = np_cidr_to_string (&cidr);
  if (g_strcmp0 (text, tc->canonical) != 0)
    return g_strdup_printf ("text '%s', expected '%s'", text, tc->canonical);

  /* The canonical text parses to the same value; of the issues only
   * IPv4-mapped can remain, as part of the value itself. */
  again_expected = g_str_has_prefix (text, "::ffff:") && strchr (text, '.')
                   ? NP_CIDR_LAX_IPV4_MAPPED : NP_CIDR_LAX_NONE;
  if (!np_cidr_parse (text, &again, &again_issues, NULL))
    return g_strdup_printf ("its text '%s' does not parse", text);
  if (again_issues != again_expected)
    return g_strdup_printf ("its text '%s' has issues %#x", text, again_issues);
  if (again.family != cidr.family || again.prefix != cidr.prefix ||
      memcmp (again.addr, cidr.addr, sizeof cidr.addr) != 0)
    return g_strdup_printf ("its text '%s' parses to another value", text);
  again_text = np_cidr_to_string (&again);
  if (g_strcmp0 (again_text, text) != 0)
    return g_strdup_printf ("its text '%s' prints as '%s'", text, again_text);
  return NULL;
}

static void
test_cidr_parse (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cidr_cases); i++)
    {
      g_autofree char *why = check_cidr_case (&cidr_cases[i]);

      if (why != NULL)
        np_test_fail ("CIDR case %" G_GSIZE_FORMAT " '%s': %s", i,
                      cidr_cases[i].input, why);
    }
}

typedef struct
{
  const char *input;
  const char *canonical;    /* NULL: invalid */
  const char *reason_part;  /* invalid: a part of the reason */
} IpCase;

static const IpCase ip_cases[] = {
  { "1.2.3.4", "1.2.3.4/32", NULL },
  { "0.0.0.0", "0.0.0.0/32", NULL },
  { "255.255.255.255", "255.255.255.255/32", NULL },
  { "1234::abcd", "1234::abcd/128", NULL },
  { "::", "::/128", NULL },
  { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", NULL },
  { "0:0:0:0:0:0:0:0", "::/128", NULL },
  { "0001:002:03:4::", "1:2:3:4::/128", NULL },
  { "1234::ABCD", "1234::abcd/128", NULL },
  { "::ffff:1.1.1.1", "::ffff:1.1.1.1/128", NULL },
  { "1.1.1.01", NULL, "leading zeros" },
  { "010.1.1.1", NULL, "leading zeros" },
  { "::ffff:01.1.1.1", NULL, "leading zeros" },
  { "", NULL, "must be a valid IP address" },
  { "aaaaaaa", NULL, "must be a valid IP address" },
  { "myhost.mydomain", NULL, NULL },
  { "1.2.3.0/24", NULL, "without a prefix length" },
  { "1.2.3.400", NULL, NULL },
  { "-1.0.0.0", NULL, NULL },
  { "2001:db8::10005", NULL, NULL },
  { "1.2.3.4:80", NULL, NULL },
  { "[2001:db8::1]", NULL, NULL },
  { "[2001:db8::1]:80", NULL, NULL },
  { "example.com:80", NULL, NULL },
  { "1234::abcd%eth0", NULL, "zone" },
  { "169.254.0.0%eth0", NULL, "zone" },
  { " 1.2.3.4", NULL, "spaces" },
};

static char *
check_ip_case (const IpCase *tc)
{
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  NpCidr address;
  gboolean valid;

  valid = np_ip_parse (tc->input, &address, &reason);
  if (valid != (tc->canonical != NULL))
    return g_strdup_printf ("expected %s, got %s (%s)",
                            tc->canonical != NULL ? "valid" : "invalid",
                            valid ? "valid" : "invalid",
                            reason != NULL ? reason : "no reason");
  if (np_ip_parse (tc->input, NULL, NULL) != valid)
    return g_strdup ("another verdict without the optional arguments");

  if (!valid)
    {
      if (reason == NULL || *reason == '\0')
        return g_strdup ("invalid without a reason");
      if (tc->reason_part != NULL && strstr (reason, tc->reason_part) == NULL)
        return g_strdup_printf ("reason '%s' lacks '%s'", reason,
                                tc->reason_part);
      return NULL;
    }

  if (reason != NULL)
    return g_strdup_printf ("valid, yet a reason '%s'", reason);
  if (address.prefix != (address.family == 4 ? 32u : 128u))
    return g_strdup_printf ("prefix %u", address.prefix);
  text = np_cidr_to_string (&address);
  if (g_strcmp0 (text, tc->canonical) != 0)
    return g_strdup_printf ("text '%s', expected '%s'", text, tc->canonical);
  return NULL;
}

static void
test_ip_parse (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ip_cases); i++)
    {
      g_autofree char *why = check_ip_case (&ip_cases[i]);

      if (why != NULL)
        np_test_fail ("IP case %" G_GSIZE_FORMAT " '%s': %s", i,
                      ip_cases[i].input, why);
    }
}

typedef struct
{
  const char *outer;
  const char *inner;
  gboolean    contains;
} ContainsCase;

static const ContainsCase contains_cases[] = {
  { "10.0.0.0/8", "10.0.0.0/8", TRUE },
  { "10.0.0.0/8", "10.1.0.0/16", TRUE },
  { "10.0.0.0/8", "10.255.255.255/32", TRUE },
  { "0.0.0.0/0", "192.168.1.0/24", TRUE },
  { "0.0.0.0/0", "0.0.0.0/0", TRUE },
  { "192.168.0.0/23", "192.168.1.128/25", TRUE },
  { "10.0.0.0/8", "11.0.0.0/16", FALSE },
  { "10.0.0.0/8", "0.0.0.0/0", FALSE },
  { "10.1.0.0/16", "10.0.0.0/8", FALSE },
  { "192.168.1.0/24", "192.168.2.0/24", FALSE },
  { "192.168.0.0/23", "192.168.2.0/25", FALSE },
  { "192.168.1.0/24", "192.168.1.0/23", FALSE },
  { "2001:db8::/32", "2001:db8::/32", TRUE },
  { "fd00::/8", "fd12:3456::/32", TRUE },
  { "::/0", "2001:db8::/32", TRUE },
  { "2001:db8::/33", "2001:db8:7fff::/48", TRUE },
  { "2001:db8::/33", "2001:db8:8000::/48", FALSE },
  { "fd00::/8", "fe80::/10", FALSE },
  { "2001:db8::/64", "2001:db8::/48", FALSE },
  { "::/0", "0.0.0.0/0", FALSE },
  { "0.0.0.0/0", "::/0", FALSE },
  { "::ffff:0.0.0.0/96", "10.0.0.0/8", FALSE },
  { "10.0.0.0/8", "::ffff:10.0.0.0/104", FALSE },
};

static void
test_cidr_contains (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (contains_cases); i++)
    {
      const ContainsCase *tc = &contains_cases[i];
      NpCidr outer, inner;
      gboolean contains;

      if (!np_cidr_parse (tc->outer, &outer, NULL, NULL) ||
          !np_cidr_parse (tc->inner, &inner, NULL, NULL))
        {
          np_test_fail ("contains case %" G_GSIZE_FORMAT ": '%s' or "
                        "'%s' does not parse", i, tc->outer, tc->inner);
          continue;
        }

      contains = np_cidr_contains (&outer, &inner);
      if (contains != tc->contains)
        np_test_fail ("contains case %" G_GSIZE_FORMAT ": '%s' %s "
                      "'%s', expected the opposite", i, tc->outer,
                      contains ? "contains" : "does not contain",
                      tc->inner);
      /* Only equal CIDRs contain each other. */
      else if (contains && np_cidr_contains (&inner, &outer) &&
               g_strcmp0 (tc->outer, tc->inner) != 0)
        np_test_fail ("contains case %" G_GSIZE_FORMAT ": '%s' and "
                      "'%s' contain each other", i, tc->outer,
                      tc->inner);
    }
}

/* Canonical texts print as they parse, with no lax issue (but the one an
 * IPv4-mapped value is). */
static const char * const round_trip_cases[] = {
  "10.0.0.0/8",
  "0.0.0.0/0",
  "255.255.255.255/32",
  "100.64.0.0/10",
  "fd00::/8",
  "2001:db8::/32",
  "::/0",
  "::1/128",
  "1::/16",
  "1::8/128",
  "1:2:3:4:5:6:7:8/128",
  "1:0:0:1::/64",
  "fe80::1:0:0:1/128",
  "2001:db8:0:1::/64",
  "::ffff:10.0.0.0/104",
};

static void
test_cidr_round_trip (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (round_trip_cases); i++)
    {
      const char *input = round_trip_cases[i];
      g_autofree char *text = NULL;
      NpCidr cidr;
      NpCidrLaxIssues issues;

      if (!np_cidr_parse (input, &cidr, &issues, NULL))
        {
          np_test_fail ("round trip case %" G_GSIZE_FORMAT " '%s' does "
                        "not parse", i, input);
          continue;
        }
      text = np_cidr_to_string (&cidr);
      if ((issues & ~MAPPED) != NP_CIDR_LAX_NONE || g_strcmp0 (text, input) != 0)
        np_test_fail ("round trip case %" G_GSIZE_FORMAT " '%s': "
                      "issues %#x, text '%s'", i, input, issues, text);
    }

  /* A value built by hand. */
  {
    NpCidr cidr = { .family = 6, .prefix = 48 };
    g_autofree char *text = NULL;

    cidr.addr[0] = 0x20;
    cidr.addr[1] = 0x01;
    cidr.addr[2] = 0x0d;
    cidr.addr[3] = 0xb8;
    text = np_cidr_to_string (&cidr);
    g_assert_cmpstr (text, ==, "2001:db8::/48");
  }
}

static void
test_describe_issues (void)
{
  g_autofree char *none = np_cidr_describe_issues (NP_CIDR_LAX_NONE);
  g_autofree char *lz = np_cidr_describe_issues (LZ);
  g_autofree char *mapped = np_cidr_describe_issues (MAPPED);
  g_autofree char *host = np_cidr_describe_issues (HOST);
  g_autofree char *all = np_cidr_describe_issues (LZ | MAPPED | HOST);

  g_assert_cmpstr (none, ==, "");
  g_assert_nonnull (strstr (lz, "leading zeros"));
  g_assert_cmpstr (mapped, ==, "an IPv4-mapped IPv6 address is not allowed");
  g_assert_nonnull (strstr (host, "bits set beyond the prefix length"));
  g_assert_null (strstr (lz, ";"));
  g_assert_null (strstr (host, ";"));

  g_assert_true (g_str_has_prefix (all, lz));
  g_assert_true (g_str_has_suffix (all, host));
  g_assert_nonnull (strstr (all, "; an IPv4-mapped IPv6 address is not allowed; "));
}

/* One answer for "the object's namespace" where about fifteen copies
 * were, two of which kept an empty namespace as it was. */
static void
test_namespace_or_default (void)
{
  g_assert_cmpstr (np_k8s_namespace_or_default (NULL), ==, "default");
  g_assert_cmpstr (np_k8s_namespace_or_default (""), ==, "default");
  g_assert_cmpstr (np_k8s_namespace_or_default ("shop"), ==, "shop");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/k8s-names/label-key", test_label_key);
  g_test_add_func ("/k8s-names/label-value", test_label_value);
  g_test_add_func ("/k8s-names/dns1123-subdomain", test_subdomain);
  g_test_add_func ("/k8s-names/dns1123-label", test_label);
  g_test_add_func ("/k8s-names/port-name", test_port_name);
  g_test_add_func ("/k8s-names/reason-untouched", test_reason_untouched);
  g_test_add_func ("/k8s-names/cidr-parse", test_cidr_parse);
  g_test_add_func ("/k8s-names/ip-parse", test_ip_parse);
  g_test_add_func ("/k8s-names/cidr-contains", test_cidr_contains);
  g_test_add_func ("/k8s-names/cidr-round-trip", test_cidr_round_trip);
  g_test_add_func ("/k8s-names/describe-issues", test_describe_issues);
  g_test_add_func ("/k8s-names/namespace-or-default", test_namespace_or_default);

  return g_test_run ();
}
