/* np-k8s-names.h: the API server's checks of names, label keys and values,
 * port names and CIDRs (apimachinery validation.go, ip.go)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each check returns TRUE when @value is valid. Otherwise it returns FALSE and,
 * when @reason is not NULL, sets it to a sentence for a person that says what
 * is wrong ("must be no more than 63 characters", "must consist of lower case
 * alphanumeric characters or '-', and must start and end with an alphanumeric
 * character (e.g. 'my-name')"). */

/* DNS-1123 subdomain: <= 253, [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)* */
gboolean np_k8s_check_dns1123_subdomain (const char *value, char **reason);
/* DNS-1123 label: <= 63, [a-z0-9]([-a-z0-9]*[a-z0-9])? */
gboolean np_k8s_check_dns1123_label     (const char *value, char **reason);
/* Qualified name (label and annotation keys): optional DNS-1123 subdomain
 * prefix and '/', then 1..63 of [A-Za-z0-9_.-] starting and ending
 * alphanumeric. */
gboolean np_k8s_check_label_key         (const char *value, char **reason);
/* Empty, or <= 63 of [A-Za-z0-9_.-] starting and ending alphanumeric. */
gboolean np_k8s_check_label_value       (const char *value, char **reason);
/* @namespace_, or "default" when it is NULL or empty: where the API server
 * puts a namespaced object whose metadata names no namespace. */
const char *np_k8s_namespace_or_default (const char *namespace_);

/* IANA_SVC_NAME: <= 15 of [-a-z0-9], at least one letter, no leading or
 * trailing '-', no "--". */
gboolean np_k8s_check_port_name         (const char *value, char **reason);

typedef struct {
  int     family;    /* 4 or 6 */
  guint8  addr[16];  /* network byte order; IPv4 uses the first 4 bytes */
  guint   prefix;    /* prefix length */
} NpCidr;

/* Problems that only strict CIDR validation rejects (Kubernetes 1.36 on). */
typedef enum {
  NP_CIDR_LAX_NONE          = 0,
  NP_CIDR_LAX_LEADING_ZERO  = 1 << 0, /* 1.1.01.0/24 */
  NP_CIDR_LAX_IPV4_MAPPED   = 1 << 1, /* ::ffff:1.1.1.0/24 */
  NP_CIDR_LAX_HOST_BITS     = 1 << 2, /* 1.2.3.4/24 */
} NpCidrLaxIssues;

/* Parses "ADDR/PREFIX". Returns FALSE with @reason for text that is no CIDR
 * at all (garbage, no prefix, prefix out of range). A CIDR that only strict
 * validation rejects parses, and @issues says why it is not strict.
 * The parsed value is normalised: host bits cleared, an IPv4-mapped IPv6
 * address kept as IPv6. */
gboolean np_cidr_parse          (const char       *text,
                                 NpCidr           *cidr,
                                 NpCidrLaxIssues  *issues,
                                 char            **reason);
/* A bare address; gives prefix 32 or 128. */
gboolean np_ip_parse            (const char       *text,
                                 NpCidr           *address,
                                 char            **reason);
/* TRUE when every address of @inner is in @outer (same family). */
gboolean np_cidr_contains       (const NpCidr     *outer,
                                 const NpCidr     *inner);
/* Canonical text: "10.0.0.0/8", "fd00::/8". (transfer full) */
char    *np_cidr_to_string      (const NpCidr     *cidr);
/* A sentence per lax issue (for messages). (transfer full) */
char    *np_cidr_describe_issues (NpCidrLaxIssues issues);

G_END_DECLS
