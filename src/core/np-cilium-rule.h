/* np-cilium-rule.h: one rule (spec or an item of specs) of a Cilium policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "np-types.h"

G_BEGIN_DECLS

/* The four lists of a rule. */
typedef enum {
  NP_CILIUM_INGRESS,
  NP_CILIUM_INGRESS_DENY,
  NP_CILIUM_EGRESS,
  NP_CILIUM_EGRESS_DENY,
} NpCiliumSection;

#define NP_CILIUM_N_SECTIONS 4

/* "ingress", "ingressDeny", "egress", "egressDeny" */
const char     *np_cilium_section_to_key         (NpCiliumSection  section);
NpDirection     np_cilium_section_get_direction  (NpCiliumSection  section);
gboolean        np_cilium_section_is_deny        (NpCiliumSection  section);

#define NP_TYPE_CILIUM_RULE (np_cilium_rule_get_type ())
G_DECLARE_FINAL_TYPE (NpCiliumRule, np_cilium_rule, NP, CILIUM_RULE, GObject)

/* A view of one rule of an NpCiliumPolicy. Setters edit the policy's tree
 * and emit the policy's "changed". */

/* (transfer none) (nullable): NULL once the rule was removed */
NpCiliumPolicy *np_cilium_rule_get_policy        (NpCiliumRule    *self);
/* (transfer none) the rule's mapping (or null, for `specs: [~]`) */
NpNode         *np_cilium_rule_get_node          (NpCiliumRule    *self);
/* "spec" or "specs[N]" (transfer full) */
char           *np_cilium_rule_get_path          (NpCiliumRule    *self);

/* Snapshots of the selectors, keys as written (`k8s:app`). NULL when the
 * key is absent. (transfer full) (nullable) */
NpLabelSelector *np_cilium_rule_get_endpoint_selector (NpCiliumRule    *self);
NpLabelSelector *np_cilium_rule_get_node_selector     (NpCiliumRule    *self);
/* Writes @selector (NULL removes the key). */
void            np_cilium_rule_set_endpoint_selector  (NpCiliumRule    *self,
                                                       NpLabelSelector *selector);
void            np_cilium_rule_set_node_selector      (NpCiliumRule    *self,
                                                       NpLabelSelector *selector);
/* TRUE for a host policy (a nodeSelector). */
gboolean        np_cilium_rule_is_host_policy         (NpCiliumRule    *self);

/* (nullable) */
const char     *np_cilium_rule_get_description   (NpCiliumRule    *self);
void            np_cilium_rule_set_description   (NpCiliumRule    *self,
                                                  const char      *description);
/* (transfer none) (nullable) the rule's `labels` list ({key, value,
 * source} items), as data */
NpNode         *np_cilium_rule_get_labels        (NpCiliumRule    *self);
/* (nullable) log.value */
const char     *np_cilium_rule_get_log_value     (NpCiliumRule    *self);

/* enableDefaultDeny.<direction>: returns TRUE and sets *@value when the
 * field is written. */
gboolean        np_cilium_rule_get_default_deny  (NpCiliumRule    *self,
                                                  NpDirection      direction,
                                                  gboolean        *value);
/* Writes enableDefaultDeny.<direction>, or removes it when @set is FALSE. */
void            np_cilium_rule_set_default_deny  (NpCiliumRule    *self,
                                                  NpDirection      direction,
                                                  gboolean         set,
                                                  gboolean         value);
/* Whether the rule puts what it selects in default-deny for @direction
 * (semantics §2.3.1): it has an allow or deny list for that direction and
 * does not turn enableDefaultDeny off, or turns it on explicitly. */
gboolean        np_cilium_rule_enables_default_deny (NpCiliumRule *self,
                                                     NpDirection   direction);

/* (transfer none) (element-type NpCiliumRuleEntry) */
GListModel     *np_cilium_rule_get_entries       (NpCiliumRule    *self,
                                                  NpCiliumSection  section);
/* Appends an empty item `{}` to the section. (transfer none) */
NpCiliumRuleEntry *np_cilium_rule_add_entry      (NpCiliumRule    *self,
                                                  NpCiliumSection  section);
void            np_cilium_rule_remove_entry      (NpCiliumRule    *self,
                                                  NpCiliumRuleEntry *entry);

G_END_DECLS
