/* np-cilium-rule-entry.h: one item of ingress, ingressDeny, egress or egressDeny
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cilium-rule.h"
#include "np-types.h"

G_BEGIN_DECLS

/* The kinds of peer (L3) an item may name; Cilium allows one per item. */
typedef enum {
  NP_CILIUM_PEER_NONE,
  NP_CILIUM_PEER_ENDPOINTS,  /* from/toEndpoints */
  NP_CILIUM_PEER_ENTITIES,   /* from/toEntities */
  NP_CILIUM_PEER_CIDR,       /* from/toCIDR */
  NP_CILIUM_PEER_CIDR_SET,   /* from/toCIDRSet */
  NP_CILIUM_PEER_FQDNS,      /* toFQDNs */
  NP_CILIUM_PEER_SERVICES,   /* toServices */
  NP_CILIUM_PEER_NODES,      /* from/toNodes */
  NP_CILIUM_PEER_GROUPS,     /* from/toGroups */
} NpCiliumPeerKind;

#define NP_CILIUM_N_PEER_KINDS 9

/* The field of @kind in a section ("fromEndpoints", "toFQDNs"), or NULL
 * when the section has no such field (toFQDNs in ingress). */
const char       *np_cilium_peer_kind_to_key   (NpCiliumPeerKind kind,
                                                NpCiliumSection  section);

typedef enum {
  NP_CILIUM_L7_NONE,
  NP_CILIUM_L7_HTTP,
  NP_CILIUM_L7_DNS,
  NP_CILIUM_L7_KAFKA,    /* deprecated upstream */
  NP_CILIUM_L7_GENERIC,  /* l7proto + l7 */
} NpCiliumL7Kind;

/* One entry of toPorts[].ports. Strings as written, NULL when absent. */
typedef struct {
  char   *port;
  gint64  end_port;   /* 0 when absent */
  char   *protocol;   /* NULL or "" mean ANY */
} NpCiliumPort;

/* A toFQDNs entry or a DNS rule. */
typedef struct {
  char *match_name;
  char *match_pattern;
} NpCiliumFqdn;

typedef struct {
  char  *method;
  char  *path;
  char  *host;
  char **headers;   /* NULL-terminated, never NULL */
} NpCiliumHttpRule;

typedef struct {
  char *family;     /* NULL: IPv4 */
  char *type;       /* a number or a name, as written */
} NpCiliumIcmpField;

/* A toCIDRSet/fromCIDRSet entry. */
typedef struct {
  char            *cidr;
  char            *group_ref;
  NpLabelSelector *group_selector;  /* nullable */
  char           **except;          /* NULL-terminated, never NULL */
} NpCiliumCidrRule;

/* A toServices entry. */
typedef struct {
  char            *service_name;
  char            *namespace_;
  NpLabelSelector *selector;        /* k8sServiceSelector.selector, nullable */
  gboolean         by_selector;
} NpCiliumService;

void np_cilium_port_free       (NpCiliumPort      *port);
void np_cilium_fqdn_free       (NpCiliumFqdn      *fqdn);
void np_cilium_http_rule_free  (NpCiliumHttpRule  *rule);
void np_cilium_icmp_field_free (NpCiliumIcmpField *field);
void np_cilium_cidr_rule_free  (NpCiliumCidrRule  *rule);
void np_cilium_service_free    (NpCiliumService   *service);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpCiliumPort, np_cilium_port_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpCiliumFqdn, np_cilium_fqdn_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpCiliumHttpRule, np_cilium_http_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpCiliumIcmpField, np_cilium_icmp_field_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpCiliumCidrRule, np_cilium_cidr_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpCiliumService, np_cilium_service_free)

#define NP_TYPE_CILIUM_RULE_ENTRY (np_cilium_rule_entry_get_type ())
G_DECLARE_FINAL_TYPE (NpCiliumRuleEntry, np_cilium_rule_entry, NP, CILIUM_RULE_ENTRY, GObject)

/* A view of one item of a rule's section. Getters read the tree as it is
 * now and return copies; adders and setters edit the tree and emit the
 * policy's "changed". */

/* (transfer none) (nullable): NULL once removed */
NpCiliumRule     *np_cilium_rule_entry_get_rule     (NpCiliumRuleEntry *self);
NpCiliumSection   np_cilium_rule_entry_get_section  (NpCiliumRuleEntry *self);
/* (transfer none) the item's mapping (or null for `- ~`) */
NpNode           *np_cilium_rule_entry_get_node     (NpCiliumRuleEntry *self);
/* "spec.ingress[2]" (transfer full) */
char             *np_cilium_rule_entry_get_path     (NpCiliumRuleEntry *self);

/* The first peer kind with at least one item, in the order of the enum;
 * NONE when the item names no peer (then its ports, if any, apply to
 * every peer). */
NpCiliumPeerKind  np_cilium_rule_entry_get_peer_kind (NpCiliumRuleEntry *self);
/* Bit (1 << kind) for every peer kind with at least one item. More than one
 * bit set is an error the validator reports. */
guint             np_cilium_rule_entry_get_peer_kinds (NpCiliumRuleEntry *self);
/* Number of items of the field of @kind. */
guint             np_cilium_rule_entry_get_n_peers  (NpCiliumRuleEntry *self,
                                                     NpCiliumPeerKind   kind);
void              np_cilium_rule_entry_remove_peer  (NpCiliumRuleEntry *self,
                                                     NpCiliumPeerKind   kind,
                                                     guint              index);

/* ENDPOINTS or NODES: (transfer full) (element-type NpLabelSelector) */
GPtrArray        *np_cilium_rule_entry_get_selectors (NpCiliumRuleEntry *self,
                                                      NpCiliumPeerKind   kind);
void              np_cilium_rule_entry_add_selector  (NpCiliumRuleEntry *self,
                                                      NpCiliumPeerKind   kind,
                                                      NpLabelSelector   *selector);
void              np_cilium_rule_entry_set_selector  (NpCiliumRuleEntry *self,
                                                      NpCiliumPeerKind   kind,
                                                      guint              index,
                                                      NpLabelSelector   *selector);
/* (transfer full) NULL-terminated */
char            **np_cilium_rule_entry_get_entities  (NpCiliumRuleEntry *self);
void              np_cilium_rule_entry_add_entity    (NpCiliumRuleEntry *self,
                                                      const char        *entity);
/* fromCIDR/toCIDR (transfer full) NULL-terminated */
char            **np_cilium_rule_entry_get_cidrs     (NpCiliumRuleEntry *self);
void              np_cilium_rule_entry_add_cidr      (NpCiliumRuleEntry *self,
                                                      const char        *cidr);
/* (transfer full) (element-type NpCiliumCidrRule) */
GPtrArray        *np_cilium_rule_entry_get_cidr_rules (NpCiliumRuleEntry *self);
void              np_cilium_rule_entry_add_cidr_rule  (NpCiliumRuleEntry  *self,
                                                       const char         *cidr,
                                                       const char * const *except);
/* toFQDNs (transfer full) (element-type NpCiliumFqdn) */
GPtrArray        *np_cilium_rule_entry_get_fqdns     (NpCiliumRuleEntry *self);
/* Exactly one of @match_name and @match_pattern. */
void              np_cilium_rule_entry_add_fqdn      (NpCiliumRuleEntry *self,
                                                      const char        *match_name,
                                                      const char        *match_pattern);
/* (transfer full) (element-type NpCiliumService) */
GPtrArray        *np_cilium_rule_entry_get_services  (NpCiliumRuleEntry *self);
/* (transfer none) (nullable) from/toGroups, as data */
NpNode           *np_cilium_rule_entry_get_groups    (NpCiliumRuleEntry *self);

/* toPorts: the number of port rules, and the ports of one. */
guint             np_cilium_rule_entry_get_n_port_rules (NpCiliumRuleEntry *self);
/* (transfer full) (element-type NpCiliumPort) */
GPtrArray        *np_cilium_rule_entry_get_ports     (NpCiliumRuleEntry *self,
                                                      guint              port_rule);
/* Appends a port to toPorts[@port_rule], or to a new port rule when
 * @port_rule is -1. @end_port 0 and @protocol NULL are left out. Returns
 * the index of the port rule. */
guint             np_cilium_rule_entry_add_port      (NpCiliumRuleEntry *self,
                                                      int                port_rule,
                                                      const char        *port,
                                                      gint64             end_port,
                                                      const char        *protocol);
void              np_cilium_rule_entry_remove_port   (NpCiliumRuleEntry *self,
                                                      guint              port_rule,
                                                      guint              index);
NpCiliumL7Kind    np_cilium_rule_entry_get_l7_kind   (NpCiliumRuleEntry *self,
                                                      guint              port_rule);
/* (transfer full) (element-type NpCiliumHttpRule) */
GPtrArray        *np_cilium_rule_entry_get_http_rules (NpCiliumRuleEntry *self,
                                                       guint              port_rule);
/* (transfer full) (element-type NpCiliumFqdn) */
GPtrArray        *np_cilium_rule_entry_get_dns_rules  (NpCiliumRuleEntry *self,
                                                       guint              port_rule);
/* (nullable) rules.l7proto */
const char       *np_cilium_rule_entry_get_l7_proto   (NpCiliumRuleEntry *self,
                                                       guint              port_rule);
/* (transfer full) NULL-terminated */
char            **np_cilium_rule_entry_get_server_names (NpCiliumRuleEntry *self,
                                                         guint              port_rule);
/* (nullable) listener.name */
const char       *np_cilium_rule_entry_get_listener   (NpCiliumRuleEntry *self,
                                                       guint              port_rule);
/* Whether terminatingTLS (or originatingTLS) is set. */
gboolean          np_cilium_rule_entry_has_tls        (NpCiliumRuleEntry *self,
                                                       guint              port_rule,
                                                       gboolean           originating);

/* icmps[].fields[], flattened. (transfer full) (element-type NpCiliumIcmpField) */
GPtrArray        *np_cilium_rule_entry_get_icmp_fields (NpCiliumRuleEntry *self);
/* TRUE when the entry has an icmps list with at least one item. */
gboolean          np_cilium_rule_entry_has_icmps       (NpCiliumRuleEntry *self);
/* (nullable) authentication.mode */
const char       *np_cilium_rule_entry_get_authentication (NpCiliumRuleEntry *self);

G_END_DECLS
