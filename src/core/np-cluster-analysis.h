/* np-cluster-analysis.h: what the rules of a cluster-wide policy mean to each other
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-cluster-policy.h"

G_BEGIN_DECLS

/* The index of the first earlier rule of @direction in @policy that
 * matches every connection rule @index matches, or -1. Such a rule can
 * never decide anything: the first matching rule wins (cluster-policies.md
 * §3), whatever the actions. The check is structural and conservative: -1
 * when coverage cannot be shown from the text alone. A rule covers another
 * when each of the other's peers lies within one of its own (same kind, or
 * a namespaces peer covering a pods peer; selectors whose every
 * requirement the narrower one repeats; CIDRs within a CIDR; domain names
 * equal or under a wildcard; every node for `nodes: {}`), and each of the
 * other's ports within one of its own entries (no ports: every port). A
 * rule whose peers or ports cannot be read, or hold a field this code does
 * not know, neither covers nor is covered. */
gint     np_cluster_policy_rule_shadowed_by (NpClusterPolicy    *policy,
                                             NpClusterDirection  direction,
                                             guint               index);

/* Whether the peers of @rule include every address of some IP family
 * (`networks` 0.0.0.0/0 or ::/0). */
gboolean np_cluster_rule_has_all_networks   (const NpClusterRule *rule);

/* Whether @rule matches port @port of @protocol ("tcp", "udp", "sctp"):
 * it has no ports (every port), or an entry holds it. Named ports never
 * count (they resolve on each pod). */
gboolean np_cluster_rule_ports_include      (const NpClusterRule *rule,
                                             const char          *protocol,
                                             guint                port);

/* Whether the selector node @selector (a mapping of matchLabels /
 * matchExpressions, or NULL) matches everything: absent or `{}`. */
gboolean np_cluster_selector_is_empty       (const NpNode        *selector);

/* Whether the peer @peer (a mapping of a `from`/`to` list) matches every
 * pod of the cluster: `namespaces: {}` or `pods` with empty selectors. */
gboolean np_cluster_peer_is_all_pods        (const NpNode        *peer);

/* The cluster-wide policies a document holds: @root itself, or the items
 * of a List (as `kubectl get anp -o yaml` prints them). Empty when there
 * are none. (transfer full) (element-type NpClusterPolicy) */
GPtrArray *np_cluster_policies_in_node      (NpNode              *root);

G_END_DECLS
