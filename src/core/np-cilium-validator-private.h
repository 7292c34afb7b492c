/* np-cilium-validator-private.h: the state of a Cilium validation, shared by its rule and port checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed. np-cilium-validator.c checks the object, its rules and
 * their peers; np-cilium-validator-ports.c the toPorts of a rule (ports,
 * L7 rules, listeners, TLS) and its icmps.
 */
#pragma once

#include "np-cilium-private.h"
#include "np-cilium-validator.h"
#include "np-validator-private.h"

G_BEGIN_DECLS

#define NP_CILIUM_MAX_DNS_NAME 255

typedef struct {
  NpValidation     base;          /* first: reporting and the shared checks */
  gboolean         clusterwide;
  const char      *kind_name;     /* "CiliumNetworkPolicy" or the clusterwide one */
  const char      *namespace_;    /* metadata.namespace, for CNP lints */
  gboolean         has_fqdns;
  const NpNode    *first_fqdn;
  char            *first_fqdn_path;
  gboolean         has_dns_rules;
} NpCiliumValidator;

/* Findings go to the validation's list. */
#define np_cilium_report(v, ...) np_validation_report (&(v)->base, __VA_ARGS__)

static inline gboolean
np_cilium_present (const NpNode *mapping,
                   const char   *key)
{
  return !np_cilium_is_absent (np_node_lookup (mapping, key));
}

/* ^([-a-zA-Z0-9_]+[.]?)+$, with '*' too when @pattern */
gboolean np_cilium_match_dns                   (const char        *text,
                                                gboolean           pattern);

/* A toFQDNs entry or a DNS rule (@dns_rule) at @path. */
void     np_cilium_validator_check_fqdn        (NpCiliumValidator *v,
                                                const NpNode      *item,
                                                const char        *path,
                                                gboolean           dns_rule);

/* The toPorts of the rule item @entry at @path, in @section; @host: the
 * rule selects nodes (a host policy). */
void     np_cilium_validator_check_port_rules  (NpCiliumValidator *v,
                                                const NpNode      *entry,
                                                const char        *path,
                                                NpCiliumSection    section,
                                                gboolean           host);

/* The icmps of the rule item @entry at @path. */
void     np_cilium_validator_check_icmps       (NpCiliumValidator *v,
                                                const NpNode      *entry,
                                                const char        *path);

/* The shorthand both halves of the Cilium validator are written in. */
typedef NpCiliumValidator Validator;

#define report(v, ...) np_cilium_report (v, __VA_ARGS__)
/* Where to point for @key of @mapping: its value, or its key when the
 * value is null (nothing to point at), or the mapping itself. */
#define at(mapping, key) np_validation_field_at (mapping, key)
#define key_at(mapping, key) np_validation_key_at (mapping, key)
#define present(mapping, key) np_cilium_present (mapping, key)
#define join(path, key) np_validation_join (path, key)
#define item_path(path, index) np_path_index (path, index)

G_END_DECLS
