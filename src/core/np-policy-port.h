/* np-policy-port.h: one entry of a rule's `ports`
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

#define NP_TYPE_PORT_KIND (np_port_kind_get_type ())
GType np_port_kind_get_type (void) G_GNUC_CONST;

#define NP_TYPE_POLICY_PORT (np_policy_port_get_type ())
G_DECLARE_FINAL_TYPE (NpPolicyPort, np_policy_port, NP, POLICY_PORT, GObject)

/* Properties: "protocol" (string, nullable: absent means TCP), "port-kind"
 * (NpPortKind), "port-number" (gint64), "port-name" (string, nullable),
 * "end-port" (gint64), "has-end-port" (boolean).
 * Values are kept as written, valid or not; the validator judges them. */
NpPolicyPort *np_policy_port_new              (void);
NpPolicyPort *np_policy_port_new_number       (const char   *protocol,
                                               gint64        port);
NpPolicyPort *np_policy_port_new_name         (const char   *protocol,
                                               const char   *name);
NpPolicyPort *np_policy_port_new_range        (const char   *protocol,
                                               gint64        port,
                                               gint64        end_port);

/* (nullable) as written */
const char   *np_policy_port_get_protocol     (NpPolicyPort *self);
void          np_policy_port_set_protocol     (NpPolicyPort *self,
                                               const char   *protocol);
/* The protocol in effect: "TCP" when none is written. */
const char   *np_policy_port_get_effective_protocol (NpPolicyPort *self);
NpPortKind    np_policy_port_get_port_kind    (NpPolicyPort *self);
gint64        np_policy_port_get_port_number  (NpPolicyPort *self);
/* Sets kind NUMBER */
void          np_policy_port_set_port_number  (NpPolicyPort *self,
                                               gint64        port);
const char   *np_policy_port_get_port_name    (NpPolicyPort *self);
/* Sets kind NAME */
void          np_policy_port_set_port_name    (NpPolicyPort *self,
                                               const char   *name);
/* Sets kind NONE (and clears the end port) */
void          np_policy_port_clear_port       (NpPolicyPort *self);
gboolean      np_policy_port_get_has_end_port (NpPolicyPort *self);
gint64        np_policy_port_get_end_port     (NpPolicyPort *self);
void          np_policy_port_set_end_port     (NpPolicyPort *self,
                                               gint64        end_port);
void          np_policy_port_clear_end_port   (NpPolicyPort *self);

/* "TCP 8080", "UDP 53", "TCP 8000-9000", "TCP http", "TCP (all ports)".
 * (transfer full) */
char         *np_policy_port_to_string        (NpPolicyPort *self);
NpPolicyPort *np_policy_port_copy             (NpPolicyPort *self);

/* How the editor's ports field reads for each kind of policy. Both take
 * a comma-separated list of entries `PORT[/PROTO]`, `FROM-TO[/PROTO]`,
 * `NAME[/PROTO]` or `/PROTO` (all ports of that protocol), e.g. "80,
 * 443/TCP, 53/UDP, 8000-9000, http"; the protocol is case-insensitive and
 * written upper case; without one, the port has none written. */
typedef enum {
  /* TCP, UDP, SCTP; none written is TCP, so "/TCP" stands for every port
   * of no protocol written */
  NP_PORT_SYNTAX_KUBERNETES,
  /* also ANY; none written is any protocol ("/ANY"); at most
   * NP_CILIUM_MAX_PORTS entries (semantics §2) */
  NP_PORT_SYNTAX_CILIUM,
} NpPortSyntax;

/* Maximum number of ports in one Cilium toPorts entry (semantics §2). */
#define NP_CILIUM_MAX_PORTS 40

/* Parses the editor's ports field. An empty text gives an empty array.
 * On error returns NULL and says which entry is wrong (its 1-based
 * character offset in @error's message).
 * (transfer full) (element-type NpPolicyPort) (nullable) */
GPtrArray    *np_policy_port_parse_list       (const char   *text,
                                               NpPortSyntax  syntax,
                                               GError      **error);
/* @ports (element-type NpPolicyPort) as np_policy_port_parse_list() reads
 * them back: "8080/TCP, 53/UDP, 8000-9000, http, /SCTP". (transfer full) */
char         *np_policy_port_format_list      (GListModel   *ports,
                                               NpPortSyntax  syntax);

/* The same for a Cilium rule's ports (element-type NpCiliumPort): "/UDP"
 * is port "0" of UDP (every port), no protocol is none written (ANY).
 * (transfer full) (nullable) */
GPtrArray    *np_policy_port_parse_cilium     (const char   *text,
                                               GError      **error);
/* "80, 443/TCP, 8000-9000/UDP, /SCTP" (transfer full) */
char         *np_policy_port_format_cilium    (GPtrArray    *ports);

G_END_DECLS
