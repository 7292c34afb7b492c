/* np-cilium-describe.h: Cilium rules and items in words, for the editor
 * (the counterpart of np-describe.h for Kubernetes policies)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

/* The rule by what it applies to, for a list of the rules: "app=web",
 * "all pods", "nodes role=worker". (transfer full) */
char              *np_cilium_describe_rule         (NpCiliumRule     *rule);

/* One line for the canvas: "host", "10.0.0.0/8 except 10.1.0.0/16",
 * "api.example.com", "app=web in namespace prod"… (transfer full) */
char              *np_cilium_describe_peers        (NpCiliumRuleEntry *entry);
/* "443/TCP, 53/UDP", "ICMP type 8" or "all ports" (transfer full) */
char              *np_cilium_describe_ports        (NpCiliumRuleEntry *entry);

/* The item as a sentence, for the editor: "Ingress traffic from host on
 * 80/TCP will be allowed", "Egress traffic to 10.0.0.0/8 on all ports will
 * be denied". (transfer full) */
char              *np_cilium_describe_entry        (NpCiliumRuleEntry *entry);

/* What the "Kubernetes DNS" option of @rule stands for, as the rules say it
 * (np_cilium_describe_entry() of each kube-dns entry, joined by "; "):
 * "Egress traffic to Kubernetes DNS on 53/UDP will be allowed". NULL when
 * @rule (nullable) has none. (transfer full) */
char              *np_cilium_describe_dns          (NpCiliumRule     *rule);

G_END_DECLS
