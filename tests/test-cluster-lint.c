/* test-cluster-lint.c: the structural coverage check of cluster-policy rules
 * (np_cluster_policy_rule_shadowed_by) case by case, and each lint of the
 * cluster-wide policies on a text that triggers it, at its position, and on
 * one that does not
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cluster-analysis.h"
#include "np-convert.h"
#include "np-rating.h"
#include "np-diagnostic.h"
#include "np-inventory.h"
#include "np-lint.h"
#include "np-node.h"
#include "np-yaml.h"
#include "np-test-util.h"

/* Rules start on line 9 (ANP, CNP admin and baseline), 8 (BANP). */
#define ANP \
  "apiVersion: policy.networking.k8s.io/v1alpha1\n" \
  "kind: AdminNetworkPolicy\n" \
  "metadata: {name: a}\n" \
  "spec:\n" \
  "  priority: 5\n" \
  "  subject: {namespaces: {}}\n"
#define CNP_ADMIN \
  "apiVersion: policy.networking.k8s.io/v1alpha2\n" \
  "kind: ClusterNetworkPolicy\n" \
  "metadata: {name: c}\n" \
  "spec:\n" \
  "  tier: Admin\n" \
  "  priority: 5\n" \
  "  subject: {namespaces: {}}\n"
#define CNP_BASELINE(name, priority) \
  "apiVersion: policy.networking.k8s.io/v1alpha2\n" \
  "kind: ClusterNetworkPolicy\n" \
  "metadata: {name: " name "}\n" \
  "spec:\n" \
  "  tier: Baseline\n" \
  "  priority: " priority "\n" \
  "  subject: {namespaces: {}}\n"
#define BANP \
  "apiVersion: policy.networking.k8s.io/v1alpha1\n" \
  "kind: BaselineAdminNetworkPolicy\n" \
  "metadata: {name: default}\n" \
  "spec:\n" \
  "  subject: {namespaces: {}}\n"
#define NETPOL \
  "---\n" \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: np, namespace: shop}\n" \
  "spec: {podSelector: {}}\n"

/* ---- coverage ---- */

typedef struct {
  const char *name;
  const char *yaml;   /* a policy; the last egress rule is the one asked about */
  gint        expected;
} ShadowCase;

#define E(first, second) CNP_ADMIN "  egress:\n  - " first "\n  - " second "\n"
#define A(first, second) ANP "  ingress:\n  - " first "\n  - " second "\n"

static const ShadowCase shadow_cases[] = {
  /* Peers. */
  { "same rule", E ("{action: Deny, to: [{namespaces: {}}]}", "{action: Accept, to: [{namespaces: {}}]}"), 0 },
  { "all namespaces cover labels",
    E ("{action: Deny, to: [{namespaces: {}}]}", "{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}]}"), 0 },
  { "labels do not cover all",
    E ("{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}]}", "{action: Deny, to: [{namespaces: {}}]}"), -1 },
  { "fewer labels cover more",
    E ("{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}]}",
       "{action: Deny, to: [{namespaces: {matchLabels: {a: b, c: d}}}]}"), 0 },
  { "other label value",
    E ("{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}]}",
       "{action: Deny, to: [{namespaces: {matchLabels: {a: x}}}]}"), -1 },
  { "In covers a label",
    E ("{action: Deny, to: [{namespaces: {matchExpressions: [{key: a, operator: In, values: [b, c]}]}}]}",
       "{action: Deny, to: [{namespaces: {matchLabels: {a: c}}}]}"), 0 },
  { "In does not cover another value",
    E ("{action: Deny, to: [{namespaces: {matchExpressions: [{key: a, operator: In, values: [b, c]}]}}]}",
       "{action: Deny, to: [{namespaces: {matchLabels: {a: d}}}]}"), -1 },
  { "Exists covers In",
    E ("{action: Deny, to: [{namespaces: {matchExpressions: [{key: a, operator: Exists}]}}]}",
       "{action: Deny, to: [{namespaces: {matchExpressions: [{key: a, operator: In, values: [x]}]}}]}"), 0 },
  { "NotIn does not cover a missing key",
    E ("{action: Deny, to: [{namespaces: {matchExpressions: [{key: a, operator: NotIn, values: [x]}]}}]}",
       "{action: Deny, to: [{namespaces: {matchLabels: {b: c}}}]}"), -1 },
  { "namespaces cover pods",
    E ("{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}]}",
       "{action: Deny, to: [{pods: {namespaceSelector: {matchLabels: {a: b}}, podSelector: {matchLabels: {x: y}}}}]}"), 0 },
  { "pods do not cover namespaces",
    E ("{action: Deny, to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {x: y}}}}]}",
       "{action: Deny, to: [{namespaces: {}}]}"), -1 },
  { "pods without namespaceSelector: every namespace",
    E ("{action: Deny, to: [{pods: {podSelector: {}}}]}", "{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}]}"), 0 },
  { "every peer must be covered",
    E ("{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}]}",
       "{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}, {namespaces: {matchLabels: {c: d}}}]}"), -1 },
  { "by one peer or another",
    E ("{action: Deny, to: [{namespaces: {matchLabels: {a: b}}}, {namespaces: {matchLabels: {c: d}}}]}",
       "{action: Deny, to: [{namespaces: {matchLabels: {c: d, e: f}}}]}"), 0 },
  { "networks within",
    E ("{action: Deny, to: [{networks: [10.0.0.0/8, 192.168.0.0/16]}]}",
       "{action: Deny, to: [{networks: [10.1.0.0/16, 192.168.3.4/32]}]}"), 0 },
  { "networks beyond",
    E ("{action: Deny, to: [{networks: [10.0.0.0/16]}]}", "{action: Deny, to: [{networks: [10.0.0.0/8]}]}"), -1 },
  { "other family",
    E ("{action: Deny, to: [{networks: [0.0.0.0/0]}]}", "{action: Deny, to: [{networks: [\"fd00::/8\"]}]}"), -1 },
  { "IPv6 within",
    E ("{action: Deny, to: [{networks: [\"fd00::/8\"]}]}", "{action: Deny, to: [{networks: [\"fd12:3456::/32\"]}]}"), 0 },
  { "networks do not cover pods (conservative)",
    E ("{action: Deny, to: [{networks: [0.0.0.0/0]}]}", "{action: Deny, to: [{namespaces: {}}]}"), -1 },
  { "wildcard domain",
    E ("{action: Accept, to: [{domainNames: [\"*.example.com\"]}]}",
       "{action: Accept, to: [{domainNames: [a.b.example.com, \"*.x.example.com\"]}]}"), 0 },
  { "wildcard is not the bare domain",
    E ("{action: Accept, to: [{domainNames: [\"*.example.com\"]}]}", "{action: Accept, to: [{domainNames: [example.com]}]}"), -1 },
  { "all nodes",
    E ("{action: Deny, to: [{nodes: {}}]}", "{action: Deny, to: [{nodes: {matchLabels: {role: x}}}]}"), 0 },
  /* Ports. */
  { "no ports cover ports",
    E ("{action: Deny, to: [{namespaces: {}}]}",
       "{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}"), 0 },
  { "ports do not cover every port",
    E ("{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}",
       "{action: Deny, to: [{namespaces: {}}]}"), -1 },
  { "ranges joined",
    E ("{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 1, end: 100}}}},"
       " {tcp: {destinationPort: {range: {start: 101, end: 200}}}}]}",
       "{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 50, end: 150}}}}]}"), 0 },
  { "range with a gap",
    E ("{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 1, end: 100}}}},"
       " {tcp: {destinationPort: {range: {start: 102, end: 200}}}}]}",
       "{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 50, end: 150}}}}]}"), -1 },
  { "other protocol",
    E ("{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 53}}}]}",
       "{action: Deny, to: [{namespaces: {}}], protocols: [{udp: {destinationPort: {number: 53}}}]}"), -1 },
  { "named ports by name",
    E ("{action: Deny, to: [{namespaces: {}}], protocols: [{destinationNamedPort: http}]}",
       "{action: Deny, to: [{namespaces: {}}], protocols: [{destinationNamedPort: http}]}"), 0 },
  { "a number does not cover a name",
    E ("{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}",
       "{action: Deny, to: [{namespaces: {}}], protocols: [{destinationNamedPort: http}]}"), -1 },
  { "v1alpha1 ports, TCP by default",
    A ("{action: Deny, from: [{namespaces: {}}], ports: [{portRange: {protocol: TCP, start: 1, end: 1000}}]}",
       "{action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {port: 443}}]}"), 0 },
  { "v1alpha1 protocol case",
    A ("{action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {protocol: udp, port: 53}}]}",
       "{action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {protocol: UDP, port: 53}}]}"), 0 },
  /* What cannot be read neither covers nor is covered. */
  { "unknown peer field",
    E ("{action: Deny, to: [{namespaces: {}, future: {}}]}", "{action: Deny, to: [{namespaces: {}}]}"), -1 },
  { "no action",
    E ("{to: [{namespaces: {}}]}", "{action: Deny, to: [{namespaces: {}}]}"), -1 },
  { "first rule", CNP_ADMIN "  egress:\n  - {action: Deny, to: [{namespaces: {}}]}\n", -1 },
};

static void
test_shadowed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shadow_cases); i++)
    {
      const ShadowCase *c = &shadow_cases[i];
      g_autoptr(NpNode) root = np_yaml_parse_one (c->yaml, strlen (c->yaml), NULL);
      g_autoptr(NpClusterPolicy) policy = NULL;
      NpClusterDirection direction;
      guint n;
      gint got;

      g_assert_nonnull (root);
      policy = np_cluster_policy_new_from_node (root);
      g_assert_nonnull (policy);
      direction = np_cluster_policy_get_n_rules (policy, NP_CLUSTER_EGRESS) > 0 ? NP_CLUSTER_EGRESS : NP_CLUSTER_INGRESS;
      n = np_cluster_policy_get_n_rules (policy, direction);
      got = np_cluster_policy_rule_shadowed_by (policy, direction, n - 1);
      if (got != c->expected)
        np_test_case_failed (c->name, NULL, "shadowed by %d, expected %d", got, c->expected);
    }
}

/* ---- lint ---- */

typedef struct {
  const char *name;
  const char *code;
  const char *triggers;   /* a text where @code is found ... */
  guint       line;       /* ... at this position ... */
  guint       column;
  const char *path;       /* ... on this field */
  const char *quiet;      /* a text without @code */
} LintCase;

static const LintCase lint_cases[] = {
  { "shadowed", "shadowed-rule",
    ANP "  ingress:\n"
    "  - {name: all, action: Pass, from: [{namespaces: {}}]}\n"
    "  - {name: late, action: Deny, from: [{namespaces: {matchLabels: {a: b}}}]}\n" NETPOL,
    9, 5, "spec.ingress[1]",
    ANP "  ingress:\n"
    "  - {name: late, action: Deny, from: [{namespaces: {matchLabels: {a: b}}}]}\n"
    "  - {name: all, action: Pass, from: [{namespaces: {}}]}\n" NETPOL },

  { "pass with nothing below", "pass-to-nothing",
    CNP_ADMIN "  ingress:\n  - action: Pass\n    from: [{namespaces: {}}]\n",
    9, 13, "spec.ingress[0].action",
    CNP_ADMIN "  ingress:\n  - action: Pass\n    from: [{namespaces: {}}]\n" NETPOL },
  { "pass with a baseline below", "pass-to-nothing",
    ANP "  ingress:\n  - action: Pass\n    from: [{namespaces: {}}]\n",
    8, 13, "spec.ingress[0].action",
    ANP "  ingress:\n  - action: Pass\n    from: [{namespaces: {}}]\n"
    "---\n" BANP "  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n" },
  { "pass in the baseline", "pass-in-baseline",
    CNP_BASELINE ("b", "3") "  ingress:\n  - action: Pass\n    from: [{namespaces: {}}]\n"
    "  - {action: Deny, from: [{namespaces: {}}]}\n",
    9, 13, "spec.ingress[0].action",
    CNP_BASELINE ("b", "3") "  ingress:\n  - action: Accept\n    from: [{namespaces: {}}]\n"
    "  - {action: Deny, from: [{namespaces: {}}]}\n" },

  { "deny all networks", "deny-all-networks",
    CNP_ADMIN "  egress:\n  - action: Deny\n    to: [{networks: [\"::/0\"]}]\n",
    10, 5, "spec.egress[0].to",
    CNP_ADMIN "  egress:\n  - {action: Pass, to: [{namespaces: {}}]}\n"
    "  - action: Deny\n    to: [{networks: [\"::/0\", 0.0.0.0/0]}]\n" NETPOL },
  { "deny part of the networks", "deny-all-networks",
    ANP "  egress:\n  - action: Deny\n    to: [{networks: [10.0.0.0/8, 0.0.0.0/0]}]\n",
    9, 5, "spec.egress[0].to",
    ANP "  egress:\n  - action: Deny\n    to: [{networks: [10.0.0.0/8, 0.0.0.0/1]}]\n" },

  { "domain names in deny", "domain-names-not-allow",
    CNP_ADMIN "  egress:\n  - action: Deny\n    to:\n    - domainNames: [evil.example.com]\n",
    11, 7, "spec.egress[0].to[0].domainNames",
    CNP_ADMIN "  egress:\n  - action: Accept\n    to:\n    - domainNames: [good.example.com]\n" },

  { "baseline allow without deny", "baseline-allow-shields-nothing",
    BANP "  egress:\n  - action: Deny\n    to: [{namespaces: {matchLabels: {a: b}}}]\n"
    "  - action: Allow\n    to: [{namespaces: {}}]\n",
    9, 13, "spec.egress[1].action",
    BANP "  egress:\n  - action: Allow\n    to: [{namespaces: {}}]\n"
    "  - action: Deny\n    to: [{namespaces: {matchLabels: {a: b}}}]\n" },
  { "baseline allow, deny in a later baseline", "baseline-allow-shields-nothing",
    CNP_BASELINE ("first", "5") "  egress:\n  - action: Accept\n    to: [{namespaces: {}}]\n"
    "---\n" CNP_BASELINE ("earlier", "1") "  egress: [{action: Deny, to: [{networks: [0.0.0.0/0]}]}]\n",
    9, 13, "spec.egress[0].action",
    CNP_BASELINE ("first", "5") "  egress:\n  - action: Accept\n    to: [{namespaces: {}}]\n"
    "---\n" CNP_BASELINE ("later", "9") "  egress: [{action: Deny, to: [{networks: [0.0.0.0/0]}]}]\n" },

  { "named port with networks", "named-port-ip-peer",
    CNP_ADMIN "  egress:\n  - action: Accept\n    to: [{networks: [10.0.0.0/8]}]\n"
    "    protocols:\n    - destinationNamedPort: http\n",
    12, 7, "spec.egress[0].protocols[0].destinationNamedPort",
    CNP_ADMIN "  egress:\n  - action: Accept\n    to: [{namespaces: {}}]\n"
    "    protocols:\n    - destinationNamedPort: http\n" },
};

static GPtrArray *
lint_text (const char *text)
{
  g_autoptr(NpInventory) inventory = np_inventory_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (np_inventory_add_bytes (inventory, bytes, "cluster.yaml", &error));
  g_assert_no_error (error);
  return np_lint_run (inventory, NULL);
}

static NpDiagnostic *
find_code (GPtrArray *diagnostics, const char *code)
{
  for (guint i = 0; i < diagnostics->len; i++)
    if (g_str_equal (np_diagnostic_get_code (g_ptr_array_index (diagnostics, i)), code))
      return g_ptr_array_index (diagnostics, i);
  return NULL;
}

static void
test_lint (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (lint_cases); i++)
    {
      const LintCase *c = &lint_cases[i];
      g_autoptr(GPtrArray) found = lint_text (c->triggers);
      g_autoptr(GPtrArray) quiet = lint_text (c->quiet);
      NpDiagnostic *d = find_code (found, c->code);

      if (d == NULL)
        np_test_case_failed (c->name, found, "no %s", c->code);
      else
        {
          if (np_diagnostic_get_line (d) != c->line || np_diagnostic_get_column (d) != c->column)
            np_test_case_failed (c->name, found, "at %u:%u, expected %u:%u", np_diagnostic_get_line (d),
                                 np_diagnostic_get_column (d), c->line, c->column);
          if (g_strcmp0 (np_diagnostic_get_path (d), c->path) != 0)
            np_test_case_failed (c->name, found, "on %s, expected %s", np_diagnostic_get_path (d), c->path);
          if (g_strcmp0 (np_diagnostic_get_file (d), "cluster.yaml") != 0)
            np_test_case_failed (c->name, found, "in file %s", np_diagnostic_get_file (d));
        }
      if (find_code (quiet, c->code) != NULL)
        np_test_case_failed (c->name, quiet, "%s where it does not apply", c->code);
    }
}

/* Trees of the wrong shape, as the editor may hold while one types: every
 * analysis, the lint, the rating and both conversions take them without a
 * warning (G_DEBUG=fatal-warnings) and without claiming coverage. */
static const char * const bad_inputs[] = {
  CNP_ADMIN "  egress: 3\n",
  CNP_ADMIN "  egress: [3, null, [], {}]\n",
  CNP_ADMIN "  egress:\n  - {action: [Deny], to: {a: b}, protocols: 7}\n  - {action: Deny, to: [7, null]}\n",
  CNP_ADMIN "  egress:\n  - {action: Deny, to: [{networks: [300.1.1.1/8, null, 10.0.0.0/99]}]}\n"
  "  - {action: Deny, to: [{networks: [10.0.0.0/8]}]}\n",
  CNP_ADMIN "  egress:\n  - {action: Deny, to: [{namespaces: {matchLabels: [a]}}], protocols: [{tcp: 5}, {udp: {}}]}\n"
  "  - {action: Deny, to: [{namespaces: {matchLabels: {a: b}}}], protocols: [{tcp: {destinationPort: {range: 3}}}]}\n",
  CNP_ADMIN "  ingress:\n  - {action: Pass, from: [{pods: 3}, {pods: {namespaceSelector: 4}}, {domainNames: x}]}\n"
  "  - {action: Pass, from: [{namespaces: {matchExpressions: [{key: a, operator: In, values: 5}, 3]}}]}\n",
  ANP "  ingress:\n  - {action: Allow, from: [{namespaces: {}}], ports: [{portNumber: 3}, {portRange: {start: x}}, {namedPort: 5}]}\n",
  CNP_BASELINE ("b", "x") "  egress:\n  - {action: Accept, to: [{domainNames: [\"*.\", \".\", \"\"]}]}\n"
  "  - {action: Accept, to: [{domainNames: [\"a.\"]}]}\n",
  "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nspec: 5\n",
  "kind: BaselineAdminNetworkPolicy\nmetadata: 3\nspec: {egress: [{action: Pass, to: [{networks: [\"::/0\"]}]}]}\nstatus: 1\n",
};

static void
test_bad_input (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(NpNode) root = np_yaml_parse_one (bad_inputs[i], strlen (bad_inputs[i]), NULL);
      g_autoptr(NpClusterPolicy) policy = NULL;
      g_autoptr(NpRating) rating = NULL;
      g_autoptr(NpClusterPolicy) v1 = NULL;
      g_autoptr(NpClusterPolicy) v2 = NULL;
      g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) found = lint_text (bad_inputs[i]);

      g_assert_nonnull (root);
      policy = np_cluster_policy_new_from_node (root);
      g_assert_nonnull (policy);
      for (NpClusterDirection d = NP_CLUSTER_INGRESS; d <= NP_CLUSTER_EGRESS; d++)
        for (guint r = 0; r < np_cluster_policy_get_n_rules (policy, d); r++)
          {
            gint by = np_cluster_policy_rule_shadowed_by (policy, d, r);

            /* Nothing here can be read well enough to cover another rule. */
            if (by >= 0)
              np_test_fail ("input %u: rule %u shadowed by %d", i, r, by);
            np_cluster_rule_has_all_networks (np_cluster_policy_get_rule (policy, d, r));
            np_cluster_rule_ports_include (np_cluster_policy_get_rule (policy, d, r), "udp", 53);
          }
      rating = np_rating_new (policy);
      g_assert_cmpuint (np_rating_get_score (rating), <=, 5);
      v1 = np_convert_cluster_to_v1alpha1 (policy, NULL, losses);
      v2 = np_convert_cluster_to_v1alpha2 (policy, losses);
      g_assert_nonnull (v1);
      g_assert_nonnull (v2);
    }
}

int
main (int argc, char *argv[])
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/cluster-lint/shadowed", test_shadowed);
  g_test_add_func ("/cluster-lint/lint", test_lint);
  g_test_add_func ("/cluster-lint/bad-input", test_bad_input);
  return g_test_run ();
}
