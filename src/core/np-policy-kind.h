/* np-policy-kind.h: the kinds of policy the editor reads, writes and converts between
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* In the order of the window's "Policy kind" drop-down. */
typedef enum {
  NP_POLICY_KIND_KUBERNETES,         /* networking.k8s.io/v1 NetworkPolicy */
  NP_POLICY_KIND_CILIUM,             /* cilium.io/v2 CiliumNetworkPolicy */
  NP_POLICY_KIND_CILIUM_CLUSTERWIDE, /* cilium.io/v2 CiliumClusterwideNetworkPolicy */
} NpPolicyKind;

#define NP_N_POLICY_KINDS (NP_POLICY_KIND_CILIUM_CLUSTERWIDE + 1)

#define NP_TYPE_POLICY_KIND (np_policy_kind_get_type ())
GType np_policy_kind_get_type (void) G_GNUC_CONST;

/* The name of @kind where people and settings name it: "kubernetes",
 * "cilium" or "cilium-clusterwide" (the GSettings "policy-kind" values, the
 * `--to` arguments of the command line, the GEnum nicks). */
const char *np_policy_kind_to_string   (NpPolicyKind  kind);

/* Sets @kind from a name np_policy_kind_to_string() gives, or from "k8s"
 * (the short name the command line also takes). Returns FALSE, leaving
 * @kind as it was, for any other text (and NULL). */
gboolean    np_policy_kind_from_string (const char   *text,
                                        NpPolicyKind *kind);

G_END_DECLS
