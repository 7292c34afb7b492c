/* np-cluster-edit.h: user-level edits of a cluster-scoped policy, one change each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cluster-policy.h"
#include "np-label-selector.h"
#include "np-types.h"

G_BEGIN_DECLS

/* Every edit below is what one gesture in the editor does and emits
 * "changed" exactly once (nothing when nothing changes), so NpHistory
 * records it as one undo step. Rules are named by direction and index,
 * since rule views are read again after each change. Out-of-range indices
 * are programming errors (g_return_if_fail). */

/* The kinds of peer of cluster-policies.md §2.1: ingress peers are
 * namespaces or pods; egress ones may also be nodes, networks (CIDRs) and
 * domainNames (ANP and CNP only). */
typedef enum {
  NP_CLUSTER_PEER_NAMESPACES,
  NP_CLUSTER_PEER_PODS,
  NP_CLUSTER_PEER_NODES,
  NP_CLUSTER_PEER_NETWORKS,
  NP_CLUSTER_PEER_DOMAIN_NAMES,
  NP_CLUSTER_PEER_UNKNOWN,  /* none of these, or several */
} NpClusterPeerKind;

/* One port entry as the editor shows it: a named port (@name set), a
 * single port (@start, @end 0) or a range (@start < @end); @protocol is
 * "TCP", "UDP" or "SCTP". */
typedef struct {
  char  *protocol;
  guint  start;
  guint  end;
  char  *name;
} NpClusterPort;

void               np_cluster_port_free            (NpClusterPort *port);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NpClusterPort, np_cluster_port_free)

/* The word the policy's kind uses for @action: "Allow" (ANP, BANP) or
 * "Accept" (CNP), "Deny", "Pass"; NULL for NONE. */
const char        *np_cluster_action_to_string     (NpClusterPolicyKind kind,
                                                    NpClusterAction     action);
/* Whether a policy of @kind may use @action (a BANP has no Pass). */
gboolean           np_cluster_action_allowed       (NpClusterPolicyKind kind,
                                                    NpClusterAction     action);
/* Whether a peer of @peer_kind may stand in a rule of @direction of a
 * policy of @kind. */
gboolean           np_cluster_peer_allowed         (NpClusterPolicyKind kind,
                                                    NpClusterDirection  direction,
                                                    NpClusterPeerKind   peer_kind);

/* A peer node of a rule: its kind, and a line that says what it matches
 * ("Namespaces app=web", "Pods role=db in namespaces team=a", "Networks
 * 10.0.0.0/8", ...). (transfer full) */
NpClusterPeerKind  np_cluster_peer_get_kind        (const NpNode       *peer);
char              *np_cluster_peer_describe        (const NpNode       *peer);
/* The port entries of a rule (`ports` or `protocols`), as read; entries
 * the editor cannot show are left out. (element-type NpClusterPort)
 * (transfer full) */
GPtrArray         *np_cluster_rule_get_ports       (const NpClusterRule *rule,
                                                    NpClusterPolicyKind  kind);
/* "80/TCP", "1000-2000/UDP", "http" (transfer full) */
char              *np_cluster_port_format          (const NpClusterPort *port);
/* Reads what the user typed for one port: "80", "80/UDP", "1000-2000/TCP"
 * or a port name ("http"). On failure returns NULL and sets @message to a
 * translated reason. (transfer full) (nullable) */
NpClusterPort     *np_cluster_port_parse           (const char          *text,
                                                    char               **message);

/* Checks one value the user typed for a NETWORKS peer (a CIDR) or a
 * DOMAIN_NAMES peer (upstream's DomainName pattern, "*." prefix allowed).
 * On failure returns FALSE and sets @message to a translated reason. */
gboolean           np_cluster_check_peer_value     (NpClusterPeerKind   peer_kind,
                                                    const char         *text,
                                                    char              **message);

/* The label selector of @node (a mapping with matchLabels and
 * matchExpressions), or an empty one for NULL. (transfer full) */
NpLabelSelector   *np_cluster_selector_from_node   (const NpNode       *node);

/* The policy */
void               np_cluster_edit_set_name        (NpClusterPolicy   *policy,
                                                    const char        *name);
/* 0–1000; not for a BANP */
void               np_cluster_edit_set_priority    (NpClusterPolicy   *policy,
                                                    gint64             priority);
/* "Admin" or "Baseline"; CNP only */
void               np_cluster_edit_set_tier        (NpClusterPolicy   *policy,
                                                    const char        *tier);
/* NAMESPACES: `subject.namespaces` is @namespaces; PODS: `subject.pods`
 * with namespaceSelector @namespaces and podSelector @pods (either NULL:
 * `{}`, everything). Keys other than the two selectors stay. */
void               np_cluster_edit_set_subject     (NpClusterPolicy      *policy,
                                                    NpClusterSubjectKind  kind,
                                                    NpLabelSelector      *namespaces,
                                                    NpLabelSelector      *pods);

/* Rules */
/* Adds a rule at the end of @direction with @action and @name (nullable)
 * and no peer yet, and returns its index. An empty from/to is invalid
 * upstream: the editor adds the first peer next (the validator says so
 * until then). */
guint              np_cluster_edit_add_rule        (NpClusterPolicy    *policy,
                                                    NpClusterDirection  direction,
                                                    NpClusterAction     action,
                                                    const char         *name);
void               np_cluster_edit_remove_rule     (NpClusterPolicy    *policy,
                                                    NpClusterDirection  direction,
                                                    guint               index);
/* @name NULL or empty removes it */
void               np_cluster_edit_set_rule_name   (NpClusterPolicy    *policy,
                                                    NpClusterDirection  direction,
                                                    guint               index,
                                                    const char         *name);
void               np_cluster_edit_set_rule_action (NpClusterPolicy    *policy,
                                                    NpClusterDirection  direction,
                                                    guint               index,
                                                    NpClusterAction     action);
/* Moves the rule at @from to @to (both < the number of rules); the rules
 * between shift by one. Order decides, so this is a change of meaning. */
void               np_cluster_edit_move_rule       (NpClusterPolicy    *policy,
                                                    NpClusterDirection  direction,
                                                    guint               from,
                                                    guint               to);

/* Peers of a rule. Selector peers: NAMESPACES takes @namespaces; PODS
 * both (NULL: `{}`); NODES takes @namespaces as the node selector. */
void               np_cluster_edit_add_selector_peer (NpClusterPolicy    *policy,
                                                      NpClusterDirection  direction,
                                                      guint               index,
                                                      NpClusterPeerKind   peer_kind,
                                                      NpLabelSelector    *namespaces,
                                                      NpLabelSelector    *pods);
/* NETWORKS (CIDRs) or DOMAIN_NAMES, egress only; @values NULL-terminated,
 * at least one. */
void               np_cluster_edit_add_list_peer   (NpClusterPolicy    *policy,
                                                    NpClusterDirection  direction,
                                                    guint               index,
                                                    NpClusterPeerKind   peer_kind,
                                                    const char * const *values);
void               np_cluster_edit_remove_peer     (NpClusterPolicy    *policy,
                                                    NpClusterDirection  direction,
                                                    guint               index,
                                                    guint               peer);

/* Ports: written as the policy's version spells them (v1alpha1 portNumber,
 * portRange, namedPort; v1alpha2 tcp/udp/sctp destinationPort number or
 * range, destinationNamedPort). */
void               np_cluster_edit_add_port        (NpClusterPolicy     *policy,
                                                    NpClusterDirection   direction,
                                                    guint                index,
                                                    const NpClusterPort *port);
void               np_cluster_edit_remove_port     (NpClusterPolicy     *policy,
                                                    NpClusterDirection   direction,
                                                    guint                index,
                                                    guint                port);

G_END_DECLS
