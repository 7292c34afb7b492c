/* test-validation.c: table tests of the NetworkPolicy validator (semantics
 * §1.2): every rule with valid and invalid cases, exact field paths and the
 * line and column of the offending value
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-diagnostic.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"
#define NP_TEST_TABLE_SHORTHANDS
#include "np-test-util.h"

/* Building blocks of the snippets. Line numbers are given so that the
 * positions in the table can be checked by eye. */
#define TOP \
  "apiVersion: networking.k8s.io/v1\n"    /* 1 */ \
  "kind: NetworkPolicy\n"                 /* 2 */
#define META TOP "metadata:\n"            /* 3 */
#define HEAD META \
  "  name: test\n"                        /* 4 */ \
  "  namespace: default\n"                /* 5 */ \
  "spec:\n"                               /* 6 */
#define SPEC "spec:\n  podSelector: {}\n"
#define PS "  podSelector: {}\n"          /* 7 */
/* peers start on line 10 with "    - " (a peer's first key in column 7) */
#define ING HEAD PS "  ingress:\n  - from:\n"
#define EGR HEAD PS "  egress:\n  - to:\n"
/* port entries start on line 10 with "    - " */
#define PORTS HEAD PS "  ingress:\n  - ports:\n"
/* line 10; then "        cidr: " (value in column 15) on line 11 and
 * "        - " (except items in column 11) from line 13 */
#define IPB ING "    - ipBlock:\n"
#define IPB_PATH "spec.ingress[0].from[0].ipBlock"
/* matchLabels entries from line 9, keys in column 7 */
#define SEL HEAD "  podSelector:\n    matchLabels:\n"
#define SEL_PATH "spec.podSelector.matchLabels."
/* "    - key: " on line 9 (term in column 7, key value in column 12),
 * "      operator: " on line 10 (column 17), "      values: " on line 11
 * (column 15) */
#define EXPR HEAD "  podSelector:\n    matchExpressions:\n"
#define EXPR_PATH "spec.podSelector.matchExpressions[0]"
#define PORT_PATH "spec.ingress[0].ports[0]"

typedef struct {
  const char      *name;
  const char      *yaml;
  NpValidateFlags  flags;
  NpTestOutcome    outcome;
  NpTestExpected   expected[NP_TEST_MAX_EXPECTED];
} Case;

#define STRICT NP_VALIDATE_STRICT_CIDR
#define DEF NP_VALIDATE_DEFAULT
#define HINT(word) "did you mean “" word "”"
#define NO_HINT "!did you mean"

static const char test_network_policy[] =
  "apiVersion: networking.k8s.io/v1\n"
  "kind: NetworkPolicy\n"
  "metadata:\n"
  "  name: test-network-policy\n"
  "  namespace: default\n"
  "spec:\n"
  "  podSelector:\n"
  "    matchLabels:\n"
  "      role: db\n"
  "  policyTypes:\n"
  "  - Ingress\n"
  "  - Egress\n"
  "  ingress:\n"
  "  - from:\n"
  "    - ipBlock:\n"
  "        cidr: 172.17.0.0/16\n"
  "        except:\n"
  "        - 172.17.1.0/24\n"
  "    - namespaceSelector:\n"
  "        matchLabels:\n"
  "          project: myproject\n"
  "    - podSelector:\n"
  "        matchLabels:\n"
  "          role: frontend\n"
  "    ports:\n"
  "    - protocol: TCP\n"
  "      port: 6379\n"
  "  egress:\n"
  "  - to:\n"
  "    - ipBlock:\n"
  "        cidr: 10.0.0.0/24\n"
  "    ports:\n"
  "    - protocol: TCP\n"
  "      port: 5978\n";

static const Case cases[] = {
  /* metadata.name (§1.2.1) */
  { "minimal policy", META "  name: test\n  namespace: default\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "name missing", META "  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("required", "metadata.name", 4, 3) } },
  { "name empty", META "  name: \"\"\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("required", "metadata.name", 4, 3) } },
  { "generateName only", META "  generateName: test-\n  namespace: default\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "name 253 characters", META "  name: " S253 "\n  namespace: default\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "name 254 characters", META "  name: " S254 "\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("invalid-name", "metadata.name", 4, 9) } },
  { "name upper case", META "  name: Test\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("invalid-name", "metadata.name", 4, 9) } },
  { "name leading dash", META "  name: -test\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("invalid-name", "metadata.name", 4, 9) } },
  { "name trailing dash", META "  name: test-\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("invalid-name", "metadata.name", 4, 9) } },
  { "name with dots", META "  name: web.example.com\n  namespace: default\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "name with empty dot part", META "  name: web..example\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("invalid-name", "metadata.name", 4, 9) } },
  { "name with underscore", META "  name: my_policy\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("invalid-name", "metadata.name", 4, 9) } },
  { "name all digits (quoted)", META "  name: \"123\"\n  namespace: default\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "name: 123 is a number", META "  name: 123\n  namespace: default\n" SPEC, DEF, LOAD,
    { E ("wrong-type", "metadata.name", 4, 9) } },

  /* metadata.namespace (§1.2.2) */
  { "namespace missing", META "  name: test\n" SPEC, DEF, EXPECT,
    { W ("no-namespace", "metadata.namespace", 4, 3) } },
  { "namespace upper case", META "  name: test\n  namespace: Default\n" SPEC, DEF, EXPECT,
    { E ("invalid-namespace", "metadata.namespace", 5, 14) } },
  { "namespace 63 characters", META "  name: test\n  namespace: " A63 "\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "namespace 64 characters", META "  name: test\n  namespace: " A64 "\n" SPEC, DEF, EXPECT,
    { E ("invalid-namespace", "metadata.namespace", 5, 14) } },
  { "namespace with a dot", META "  name: test\n  namespace: my.team\n" SPEC, DEF, EXPECT,
    { E ("invalid-namespace", "metadata.namespace", 5, 14) } },
  { "namespace leading dash", META "  name: test\n  namespace: -ns\n" SPEC, DEF, EXPECT,
    { E ("invalid-namespace", "metadata.namespace", 5, 14) } },
  { "namespace null", META "  name: test\n  namespace:\n" SPEC, DEF, EXPECT,
    { W ("no-namespace", "metadata.namespace", 4, 3) } },
  { "namespace kube-system", META "  name: test\n  namespace: kube-system\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "namespace: 5 is a number", META "  name: test\n  namespace: 5\n" SPEC, DEF, LOAD,
    { E ("wrong-type", "metadata.namespace", 5, 14) } },

  /* metadata.labels and metadata.annotations (§1.2.3) */
  { "labels valid keys and values",
    META "  name: test\n  namespace: default\n  labels:\n    app.kubernetes.io/name: web\n    tier: \"\"\n"
    "    1.2.3.4/5678: x\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "label key with upper-case prefix",
    META "  name: test\n  namespace: default\n  labels:\n    Example.com/abc: x\n" SPEC, DEF, EXPECT,
    { E ("invalid-label-key", "metadata.labels.Example.com/abc", 7, 5) } },
  { "label value leading dash",
    META "  name: test\n  namespace: default\n  labels:\n    app: -web\n" SPEC, DEF, EXPECT,
    { E ("invalid-label-value", "metadata.labels.app", 7, 10) } },
  { "label value 64 characters",
    META "  name: test\n  namespace: default\n  labels:\n    app: " A64 "\n" SPEC, DEF, EXPECT,
    { E ("invalid-label-value", "metadata.labels.app", 7, 10) } },
  { "label value unquoted true",
    META "  name: test\n  namespace: default\n  labels:\n    enabled: true\n" SPEC, DEF, EXPECT,
    { E ("wrong-type", "metadata.labels.enabled", 7, 14) } },
  { "label value null (~ and null)",
    META "  name: test\n  namespace: default\n  labels:\n    tier: ~\n    zone: null\n    app:\n" SPEC, DEF, CLEAN,
    { { 0 } } },
  { "annotation value null (~)",
    META "  name: test\n  namespace: default\n  annotations:\n    note: ~\n" SPEC, DEF, CLEAN, { { 0 } } },
  { "label key prefix 254 characters",
    META "  name: test\n  namespace: default\n  labels:\n    " S254 "/a: x\n" SPEC, DEF, EXPECT,
    { E ("invalid-label-key", "metadata.labels." S254 "/a", 7, 5) } },
  { "labels is a list",
    META "  name: test\n  namespace: default\n  labels: [a]\n" SPEC, DEF, EXPECT,
    { E ("wrong-type", "metadata.labels", 6, 11) } },
  /* apimachinery ValidateAnnotations checks IsQualifiedName(strings.ToLower(key)) */
  { "annotation key with upper-case prefix",
    META "  name: test\n  namespace: default\n  annotations:\n    Example.com/Owner: team-a\n" SPEC, DEF,
    CLEAN, { { 0 } } },
  { "annotation value free text",
    META "  name: test\n  namespace: default\n  annotations:\n    description: \"Allow: web -> db, 100%\"\n"
    SPEC, DEF, CLEAN, { { 0 } } },
  { "annotation key with a space",
    META "  name: test\n  namespace: default\n  annotations:\n    bad key: x\n" SPEC, DEF, EXPECT,
    { E ("invalid-label-key", "metadata.annotations.bad key", 7, 5) } },
  { "annotation key with two slashes",
    META "  name: test\n  namespace: default\n  annotations:\n    a/b/c: x\n" SPEC, DEF, EXPECT,
    { E ("invalid-label-key", "metadata.annotations.a/b/c", 7, 5) } },
  { "annotation value a number",
    META "  name: test\n  namespace: default\n  annotations:\n    replicas: 3\n" SPEC, DEF, EXPECT,
    { E ("wrong-type", "metadata.annotations.replicas", 7, 15) } },
  { "unknown field namespaceSelector under metadata",
    META "  name: test\n  namespace: default\n  namespaceSelector: {}\n" SPEC, DEF, EXPECT,
    { EM ("unknown-field", "metadata.namespaceSelector", 6, 3, NO_HINT) } },
  { "unknown field nmae under metadata",
    META "  nmae: test\n  name: test\n  namespace: default\n" SPEC, DEF, EXPECT,
    { EM ("unknown-field", "metadata.nmae", 4, 3, HINT ("name")) } },
  { "known metadata fields",
    META "  name: test\n  namespace: default\n  uid: 0d7cbd1e-6d5f-4c8e-9c1a-1d1f0f0f0f0f\n"
    "  resourceVersion: \"42\"\n  generation: 1\n  creationTimestamp: \"2024-01-01T00:00:00Z\"\n" SPEC,
    DEF, CLEAN, { { 0 } } },

  /* Top level */
  { "apiVersion missing", "kind: NetworkPolicy\nmetadata:\n  name: test\n  namespace: default\n" SPEC, DEF,
    EXPECT, { E ("required", "apiVersion", 1, 1) } },
  { "apiVersion networking.k8s.io/v1beta1",
    "apiVersion: networking.k8s.io/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: test\n  namespace: default\n"
    SPEC, DEF, EXPECT, { E ("wrong-api-version", "apiVersion", 1, 13) } },
  { "apiVersion extensions/v1beta1",
    "apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: test\n  namespace: default\n"
    SPEC, DEF, EXPECT, { E ("wrong-api-version", "apiVersion", 1, 13) } },
  { "apiVersion v1",
    "apiVersion: v1\nkind: NetworkPolicy\nmetadata:\n  name: test\n  namespace: default\n" SPEC, DEF, EXPECT,
    { E ("wrong-api-version", "apiVersion", 1, 13) } },
  { "apiVersion misspelt key",
    "apiversion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: test\n  namespace: default\n"
    SPEC, DEF, EXPECT,
    { EM ("unknown-field", "apiversion", 1, 1, HINT ("apiVersion")), E ("required", "apiVersion", 1, 1) } },
  { "kind Networkpolicy",
    "apiVersion: networking.k8s.io/v1\nkind: Networkpolicy\nmetadata:\n  name: test\n  namespace: default\n"
    SPEC, DEF, EXPECT, { E ("wrong-kind", "kind", 2, 7) } },
  { "kind Deployment",
    "apiVersion: networking.k8s.io/v1\nkind: Deployment\nmetadata:\n  name: test\n  namespace: default\n"
    SPEC, DEF, EXPECT, { E ("wrong-kind", "kind", 2, 7) } },
  { "kind missing", "apiVersion: networking.k8s.io/v1\nmetadata:\n  name: test\n  namespace: default\n" SPEC,
    DEF, EXPECT, { E ("required", "kind", 1, 1) } },
  /* ValidateNetworkPolicy: the spec is a value in Go, so no spec is the
   * zero spec, which the API server accepts (every pod, ingress isolated). */
  { "spec missing is the empty spec", META "  name: test\n  namespace: default\n", DEF, CLEAN, { { 0 } } },
  { "spec: {}", META "  name: test\n  namespace: default\nspec: {}\n", DEF, CLEAN, { { 0 } } },
  { "spec null", META "  name: test\n  namespace: default\nspec:\n", DEF, CLEAN, { { 0 } } },
  { "spec misspelt specs", META "  name: test\n  namespace: default\nspecs:\n  podSelector: {}\n", DEF, EXPECT,
    { EM ("unknown-field", "specs", 6, 1, HINT ("spec")) } },
  { "status is a known field", HEAD PS "status: {}\n", DEF, CLEAN, { { 0 } } },
  { "unknown top-level field", HEAD PS "extra: 1\n", DEF, EXPECT,
    { EM ("unknown-field", "extra", 8, 1, NO_HINT) } },
  { "spec: [] is a list", META "  name: test\n  namespace: default\nspec: []\n", DEF, LOAD,
    { E ("wrong-type", "spec", 6, 7) } },
  { "metadata: x is a string", TOP "metadata: x\n" SPEC, DEF, LOAD,
    { E ("wrong-type", "metadata", 3, 11) } },
  { "apiVersion: 1 is a number", "apiVersion: 1\nkind: NetworkPolicy\nmetadata:\n  name: test\n" SPEC, DEF, LOAD,
    { E ("wrong-type", "apiVersion", 1, 13) } },
  { "the policy is a list", "- a\n- b\n", DEF, LOAD, { E ("wrong-type", "", 1, 1) } },

  /* spec */
  { "spec field ingres", HEAD PS "  ingres:\n  - {}\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.ingres", 8, 3, HINT ("ingress")) } },
  { "spec field podselector", HEAD "  podselector: {}\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.podselector", 7, 3, HINT ("podSelector")) } },
  { "spec field policytypes", HEAD PS "  policytypes: [Ingress]\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.policytypes", 8, 3, HINT ("policyTypes")) } },
  { "spec field Egress", HEAD PS "  Egress: []\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.Egress", 8, 3, HINT ("egress")) } },
  { "spec field from (a rule at the wrong level)", HEAD PS "  from: []\n", DEF, EXPECT,
    { E ("unknown-field", "spec.from", 8, 3) } },
  /* ValidateNetworkPolicySpec: podSelector is a value, absent is {} */
  { "podSelector missing is every pod", HEAD "  ingress: []\n", DEF, CLEAN, { { 0 } } },
  { "podSelector missing, only policyTypes", HEAD "  policyTypes: [Egress]\n", DEF, CLEAN, { { 0 } } },
  { "podSelector null is every pod", HEAD "  podSelector:\n", DEF, CLEAN, { { 0 } } },
  { "podSelector: 3", HEAD "  podSelector: 3\n", DEF, LOAD, { E ("wrong-type", "spec.podSelector", 7, 16) } },
  { "ingress: {}", HEAD PS "  ingress: {}\n", DEF, LOAD, { E ("wrong-type", "spec.ingress", 8, 12) } },
  { "egress: x", HEAD PS "  egress: x\n", DEF, LOAD, { E ("wrong-type", "spec.egress", 8, 11) } },
  { "ingress: [] denies all", HEAD PS "  ingress: []\n", DEF, CLEAN, { { 0 } } },
  { "ingress rule null allows all", HEAD PS "  ingress: [null]\n", DEF, VALID, { { 0 } } },
  { "ingress rule: 5", HEAD PS "  ingress: [5]\n", DEF, LOAD, { E ("wrong-type", "spec.ingress[0]", 8, 13) } },
  { "egress rule with from", HEAD PS "  egress:\n  - from:\n    - podSelector: {}\n", DEF, EXPECT,
    { E ("unknown-field", "spec.egress[0].from", 9, 5) } },
  { "ingress rule with to", HEAD PS "  ingress:\n  - to:\n    - podSelector: {}\n", DEF, EXPECT,
    { E ("unknown-field", "spec.ingress[0].to", 9, 5) } },
  { "ingress rule with port", HEAD PS "  ingress:\n  - port: []\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.ingress[0].port", 9, 5, HINT ("ports")) } },
  { "empty from and ports lists", HEAD PS "  ingress:\n  - from: []\n    ports: []\n", DEF, CLEAN, { { 0 } } },
  { "from: \"x\"", HEAD PS "  ingress:\n  - from: \"x\"\n", DEF, LOAD,
    { E ("wrong-type", "spec.ingress[0].from", 9, 11) } },
  { "ports is a mapping", HEAD PS "  ingress:\n  - ports: {port: 80}\n", DEF, LOAD,
    { E ("wrong-type", "spec.ingress[0].ports", 9, 12) } },
  { "second egress rule", HEAD PS "  egress:\n  - {}\n  - to:\n    - {}\n", DEF, EXPECT,
    { E ("empty-peer", "spec.egress[1].to[0]", 11, 7) } },

  /* Peers (§1.2.7) */
  { "empty peer (flow)", HEAD PS "  ingress:\n  - from: [{}]\n", DEF, EXPECT,
    { E ("empty-peer", "spec.ingress[0].from[0]", 9, 12) } },
  { "empty peer (block)", ING "    - {}\n", DEF, EXPECT, { E ("empty-peer", "spec.ingress[0].from[0]", 10, 7) } },
  { "empty egress peer", EGR "    - {}\n", DEF, EXPECT, { E ("empty-peer", "spec.egress[0].to[0]", 10, 7) } },
  { "null peer", HEAD PS "  ingress:\n  - from: [null]\n", DEF, EXPECT,
    { E ("empty-peer", "spec.ingress[0].from[0]", 9, 12) } },
  { "second peer empty", ING "    - podSelector: {}\n    - {}\n", DEF, EXPECT,
    { E ("empty-peer", "spec.ingress[0].from[1]", 11, 7) } },
  { "ipBlock with podSelector", ING "    - podSelector: {}\n      ipBlock:\n        cidr: 10.0.0.0/8\n", DEF,
    EXPECT, { E ("ipblock-with-selector", "spec.ingress[0].from[0]", 10, 7) } },
  { "ipBlock with namespaceSelector", EGR "    - ipBlock:\n        cidr: 10.0.0.0/8\n      namespaceSelector: {}\n",
    DEF, EXPECT, { E ("ipblock-with-selector", "spec.egress[0].to[0]", 10, 7) } },
  { "namespaceSelector with podSelector",
    ING "    - namespaceSelector:\n        matchLabels:\n          team: a\n      podSelector:\n        matchLabels:\n"
    "          app: web\n", DEF, CLEAN, { { 0 } } },
  { "podSelector and namespaceSelector peers", ING "    - podSelector: {}\n    - namespaceSelector: {}\n", DEF,
    CLEAN, { { 0 } } },
  { "unknown peer field near namespaceSelector", ING "    - podSelector: {}\n      namespaceselector: {}\n",
    DEF, EXPECT,
    { EM ("unknown-field", "spec.ingress[0].from[0].namespaceselector", 11, 7, HINT ("namespaceSelector")) } },
  { "peer with only a misspelt field", ING "    - podSelectr: {}\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.ingress[0].from[0].podSelectr", 10, 7, HINT ("podSelector")),
      E ("empty-peer", "spec.ingress[0].from[0]", 10, 7) } },
  { "peer with an unrelated field", ING "    - podSelector: {}\n      serviceAccount: x\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.ingress[0].from[0].serviceAccount", 11, 7, NO_HINT) } },

  /* ipBlock (§1.2.8, §1.2.9) */
  { "ipBlock with excepts",
    IPB "        cidr: 10.0.0.0/8\n        except:\n        - 10.1.0.0/16\n        - 10.2.0.0/16\n", DEF, CLEAN,
    { { 0 } } },
  { "ipBlock cidr missing", IPB "        except:\n        - 10.1.0.0/16\n", DEF, EXPECT,
    { E ("required", IPB_PATH ".cidr", 11, 9) } },
  { "ipBlock: {}", ING "    - ipBlock: {}\n", DEF, EXPECT, { E ("required", IPB_PATH ".cidr", 10, 16) } },
  { "cidr without prefix", IPB "        cidr: 192.168.5.6\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "cidr garbage", IPB "        cidr: not-a-cidr\n", DEF, EXPECT, { E ("invalid-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "cidr prefix 33", IPB "        cidr: 10.0.0.0/33\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "cidr octet 256", IPB "        cidr: 10.0.256.0/24\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "cidr with a space", IPB "        cidr: \" 10.0.0.0/8\"\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "cidr with an IPv6 zone", IPB "        cidr: fe80::1%eth0/64\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "cidr IPv6", IPB "        cidr: 2001:db8::/32\n", DEF, CLEAN, { { 0 } } },
  { "cidr IPv6 with except", IPB "        cidr: 2001:db8::/32\n        except:\n        - 2001:db8:1::/48\n", STRICT,
    CLEAN, { { 0 } } },
  { "cidr 0.0.0.0/0", IPB "        cidr: 0.0.0.0/0\n", STRICT, CLEAN, { { 0 } } },
  { "cidr ::/0", IPB "        cidr: \"::/0\"\n", STRICT, CLEAN, { { 0 } } },
  { "cidr quoted", IPB "        cidr: \"10.0.0.0/8\"\n        except:\n", STRICT, CLEAN, { { 0 } } },
  { "cidr IPv6 prefix 129", IPB "        cidr: 2001:db8::/129\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "IPv6 except outside", IPB "        cidr: 2001:db8::/32\n        except:\n        - 2001:db9::/48\n", DEF, EXPECT,
    { E ("except-outside", IPB_PATH ".except[0]", 13, 11) } },
  { "cidr: 10 is a number", IPB "        cidr: 10\n", DEF, LOAD, { E ("wrong-type", IPB_PATH ".cidr", 11, 15) } },
  { "except is a string", IPB "        cidr: 10.0.0.0/8\n        except: 10.1.0.0/16\n", DEF, LOAD,
    { E ("wrong-type", IPB_PATH ".except", 12, 17) } },
  { "except equal to cidr", IPB "        cidr: 10.0.0.0/8\n        except:\n        - 10.0.0.0/8\n", DEF, EXPECT,
    { E ("except-outside", IPB_PATH ".except[0]", 13, 11) } },
  { "except outside cidr", IPB "        cidr: 10.0.0.0/16\n        except:\n        - 10.1.0.0/24\n", DEF, EXPECT,
    { E ("except-outside", IPB_PATH ".except[0]", 13, 11) } },
  { "except wider than cidr", IPB "        cidr: 10.1.0.0/16\n        except:\n        - 10.0.0.0/8\n", DEF,
    EXPECT, { E ("except-outside", IPB_PATH ".except[0]", 13, 11) } },
  { "except of the other family", IPB "        cidr: 10.0.0.0/8\n        except:\n        - fd00::/64\n", DEF,
    EXPECT, { E ("except-outside", IPB_PATH ".except[0]", 13, 11) } },
  { "second except outside",
    IPB "        cidr: 10.0.0.0/8\n        except:\n        - 10.1.0.0/16\n        - 11.0.0.0/16\n", DEF, EXPECT,
    { E ("except-outside", IPB_PATH ".except[1]", 14, 11) } },
  { "except garbage", IPB "        cidr: 10.0.0.0/8\n        except:\n        - 10.1.0.0/abc\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".except[0]", 13, 11) } },
  { "except without prefix", IPB "        cidr: 10.0.0.0/8\n        except:\n        - 10.1.2.3\n", DEF, EXPECT,
    { E ("invalid-cidr", IPB_PATH ".except[0]", 13, 11) } },
  { "egress ipBlock except outside",
    EGR "    - ipBlock:\n        cidr: 192.168.0.0/16\n        except: [192.169.0.0/24]\n", DEF, EXPECT,
    { E ("except-outside", "spec.egress[0].to[0].ipBlock.except[0]", 12, 18) } },
  { "host bits set (lax)", IPB "        cidr: 1.2.3.4/24\n", DEF, EXPECT,
    { W ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "host bits set (strict)", IPB "        cidr: 1.2.3.4/24\n", STRICT, EXPECT,
    { E ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "leading zero (lax)", IPB "        cidr: 1.1.01.0/24\n", DEF, EXPECT,
    { W ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "leading zero (strict)", IPB "        cidr: 1.1.01.0/24\n", STRICT, EXPECT,
    { E ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "prefix with a leading zero (lax)", IPB "        cidr: 10.0.0.0/08\n", DEF, EXPECT,
    { W ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "prefix with a leading zero (strict)", IPB "        cidr: 10.0.0.0/08\n", STRICT, EXPECT,
    { E ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "IPv4-mapped IPv6 (lax)", IPB "        cidr: \"::ffff:1.1.1.0/120\"\n", DEF, EXPECT,
    { W ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "IPv4-mapped IPv6 (strict)", IPB "        cidr: \"::ffff:1.1.1.0/120\"\n", STRICT, EXPECT,
    { E ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "IPv6 host bits (lax)", IPB "        cidr: 2001:db8::1/32\n", DEF, EXPECT,
    { W ("lax-cidr", IPB_PATH ".cidr", 11, 15) } },
  { "except with host bits (lax)", IPB "        cidr: 10.0.0.0/8\n        except:\n        - 10.1.2.3/16\n", DEF,
    EXPECT, { W ("lax-cidr", IPB_PATH ".except[0]", 13, 11) } },
  { "except with host bits (strict)", IPB "        cidr: 10.0.0.0/8\n        except:\n        - 10.1.2.3/16\n",
    STRICT, EXPECT, { E ("lax-cidr", IPB_PATH ".except[0]", 13, 11) } },
  { "unknown ipBlock field", IPB "        cidr: 10.0.0.0/8\n        excepts: []\n", DEF, EXPECT,
    { EM ("unknown-field", IPB_PATH ".excepts", 12, 9, HINT ("except")) } },

  /* Ports (§1.2.5, §1.2.6) */
  { "protocols TCP, UDP and SCTP",
    PORTS "    - protocol: TCP\n      port: 80\n    - protocol: UDP\n      port: 53\n    - protocol: SCTP\n"
    "      port: 9\n", DEF, CLEAN, { { 0 } } },
  { "protocol absent", PORTS "    - port: 443\n", DEF, CLEAN, { { 0 } } },
  { "protocol tcp", PORTS "    - protocol: tcp\n      port: 80\n", DEF, EXPECT,
    { EM ("invalid-protocol", PORT_PATH ".protocol", 10, 17, "“TCP”") } },
  { "protocol Udp", PORTS "    - protocol: Udp\n", DEF, EXPECT,
    { EM ("invalid-protocol", PORT_PATH ".protocol", 10, 17, "“UDP”") } },
  { "protocol ICMP", PORTS "    - protocol: ICMP\n", DEF, EXPECT,
    { E ("invalid-protocol", PORT_PATH ".protocol", 10, 17) } },
  { "protocol empty string", PORTS "    - protocol: \"\"\n      port: 80\n", DEF, EXPECT,
    { E ("invalid-protocol", PORT_PATH ".protocol", 10, 17) } },
  { "port 0", PORTS "    - protocol: TCP\n      port: 0\n", DEF, EXPECT,
    { E ("invalid-port", PORT_PATH ".port", 11, 13) } },
  { "port 65536", PORTS "    - protocol: TCP\n      port: 65536\n", DEF, EXPECT,
    { E ("invalid-port", PORT_PATH ".port", 11, 13) } },
  { "port -1", PORTS "    - port: -1\n", DEF, EXPECT, { E ("invalid-port", PORT_PATH ".port", 10, 13) } },
  { "ports 1 and 65535", PORTS "    - port: 1\n    - port: 65535\n", DEF, CLEAN, { { 0 } } },
  { "port 0x50 (YAML 1.1 hex)", PORTS "    - port: 0x50\n", DEF, CLEAN, { { 0 } } },
  { "protocol null is TCP", PORTS "    - protocol:\n      port: 80\n", DEF, CLEAN, { { 0 } } },
  { "named port quoted", PORTS "    - port: \"http\"\n    - port: a\n", DEF, CLEAN, { { 0 } } },
  { "port: 80.0", PORTS "    - port: 80.0\n", DEF, LOAD, { E ("wrong-type", PORT_PATH ".port", 10, 13) } },
  { "port \"80\" is a string", PORTS "    - port: \"80\"\n", DEF, EXPECT,
    { EM ("invalid-port", PORT_PATH ".port", 10, 13, "quotes") } },
  { "named port http", PORTS "    - port: http\n", DEF, CLEAN, { { 0 } } },
  { "named port dns-tcp 15 characters", PORTS "    - port: abcdefghijklmno\n    - port: dns-tcp\n", DEF, CLEAN,
    { { 0 } } },
  { "named port -http", PORTS "    - port: -http\n", DEF, EXPECT, { E ("invalid-port", PORT_PATH ".port", 10, 13) } },
  { "named port http-", PORTS "    - port: http-\n", DEF, EXPECT, { E ("invalid-port", PORT_PATH ".port", 10, 13) } },
  { "named port 16 characters", PORTS "    - port: abcdefghijklmnop\n", DEF, EXPECT,
    { E ("invalid-port", PORT_PATH ".port", 10, 13) } },
  { "named port a--b", PORTS "    - port: a--b\n", DEF, EXPECT, { E ("invalid-port", PORT_PATH ".port", 10, 13) } },
  { "named port HTTP", PORTS "    - port: HTTP\n", DEF, EXPECT, { E ("invalid-port", PORT_PATH ".port", 10, 13) } },
  { "named port with underscore", PORTS "    - port: my_port\n", DEF, EXPECT,
    { E ("invalid-port", PORT_PATH ".port", 10, 13) } },
  { "endPort with numeric port", PORTS "    - port: 32000\n      endPort: 32768\n", DEF, CLEAN, { { 0 } } },
  { "endPort equal to port", PORTS "    - port: 80\n      endPort: 80\n", DEF, CLEAN, { { 0 } } },
  { "endPort below port", PORTS "    - port: 32000\n      endPort: 31999\n", DEF, EXPECT,
    { E ("invalid-end-port", PORT_PATH ".endPort", 11, 16) } },
  { "endPort 65536", PORTS "    - port: 32000\n      endPort: 65536\n", DEF, EXPECT,
    { E ("invalid-port", PORT_PATH ".endPort", 11, 16) } },
  { "endPort with named port", PORTS "    - port: http\n      endPort: 90\n", DEF, EXPECT,
    { E ("invalid-end-port", PORT_PATH ".endPort", 11, 16) } },
  { "endPort without port", PORTS "    - protocol: TCP\n      endPort: 90\n", DEF, EXPECT,
    { E ("invalid-end-port", PORT_PATH ".endPort", 11, 16) } },
  { "port: [1]", PORTS "    - port: [1]\n", DEF, LOAD, { E ("wrong-type", PORT_PATH ".port", 10, 13) } },
  { "port: 1.5", PORTS "    - port: 1.5\n", DEF, LOAD, { E ("wrong-type", PORT_PATH ".port", 10, 13) } },
  { "port: true", PORTS "    - port: true\n", DEF, LOAD, { E ("wrong-type", PORT_PATH ".port", 10, 13) } },
  /* a whole number, too large for int32: the message must not call it "not an integer" */
  { "port beyond int32", PORTS "    - port: 99999999999\n", DEF, LOAD,
    { EM ("wrong-type", PORT_PATH ".port", 10, 13, "!not an integer") } },
  { "endPort: \"100\" is a string", PORTS "    - port: 80\n      endPort: \"100\"\n", DEF, LOAD,
    { E ("wrong-type", PORT_PATH ".endPort", 11, 16) } },
  { "port null is every port", PORTS "    - protocol: UDP\n      port:\n", DEF, CLEAN, { { 0 } } },
  { "ports: [{}] is every TCP port", PORTS "    - {}\n", DEF, CLEAN, { { 0 } } },
  { "port entry: 80", PORTS "    - 80\n", DEF, LOAD, { E ("wrong-type", PORT_PATH, 10, 7) } },
  { "unknown port field protocoll", PORTS "    - port: 80\n      protocoll: TCP\n", DEF, EXPECT,
    { EM ("unknown-field", PORT_PATH ".protocoll", 11, 7, HINT ("protocol")) } },
  { "unknown port field endport", PORTS "    - port: 80\n      endport: 90\n", DEF, EXPECT,
    { EM ("unknown-field", PORT_PATH ".endport", 11, 7, HINT ("endPort")) } },
  { "egress port 0", HEAD PS "  egress:\n  - ports:\n    - port: 0\n", DEF, EXPECT,
    { E ("invalid-port", "spec.egress[0].ports[0].port", 10, 13) } },
  { "second port out of range", PORTS "    - port: 80\n    - port: 70000\n", DEF, EXPECT,
    { E ("invalid-port", "spec.ingress[0].ports[1].port", 11, 13) } },

  /* matchLabels (§1.2.3) */
  { "matchLabels valid", SEL "      app: web\n      tier: \"\"\n", DEF, CLEAN, { { 0 } } },
  { "matchLabels null value", SEL "      app:\n", DEF, CLEAN, { { 0 } } },
  { "matchLabels key Example.com/abc", SEL "      Example.com/abc: x\n", DEF, EXPECT,
    { E ("invalid-label-key", SEL_PATH "Example.com/abc", 9, 7) } },
  { "matchLabels key 1.2.3.4/5678", SEL "      1.2.3.4/5678: x\n", DEF, CLEAN, { { 0 } } },
  { "matchLabels key name 63 characters", SEL "      " A63 ": x\n", DEF, CLEAN, { { 0 } } },
  { "matchLabels key name 64 characters", SEL "      " A64 ": x\n", DEF, EXPECT,
    { E ("invalid-label-key", SEL_PATH A64, 9, 7) } },
  { "matchLabels key prefix and 63-character name", SEL "      example.com/" A63 ": x\n", DEF, CLEAN,
    { { 0 } } },
  { "matchLabels key two slashes", SEL "      a/b/c: x\n", DEF, EXPECT,
    { E ("invalid-label-key", SEL_PATH "a/b/c", 9, 7) } },
  { "matchLabels key empty prefix", SEL "      /abc: x\n", DEF, EXPECT,
    { E ("invalid-label-key", SEL_PATH "/abc", 9, 7) } },
  { "matchLabels key empty name", SEL "      example.com/: x\n", DEF, EXPECT,
    { E ("invalid-label-key", SEL_PATH "example.com/", 9, 7) } },
  { "matchLabels key leading underscore", SEL "      _app: x\n", DEF, EXPECT,
    { E ("invalid-label-key", SEL_PATH "_app", 9, 7) } },
  { "matchLabels key with _ . -", SEL "      My_App.name-1: x\n", DEF, CLEAN, { { 0 } } },
  { "matchLabels value 63 characters", SEL "      app: " A63 "\n", DEF, CLEAN, { { 0 } } },
  { "matchLabels value 64 characters", SEL "      app: " A64 "\n", DEF, EXPECT,
    { E ("invalid-label-value", SEL_PATH "app", 9, 12) } },
  { "matchLabels value leading dash", SEL "      app: -web\n", DEF, EXPECT,
    { E ("invalid-label-value", SEL_PATH "app", 9, 12) } },
  { "matchLabels value trailing dot", SEL "      app: web.\n", DEF, EXPECT,
    { E ("invalid-label-value", SEL_PATH "app", 9, 12) } },
  { "matchLabels value with a space", SEL "      app: \"a b\"\n", DEF, EXPECT,
    { E ("invalid-label-value", SEL_PATH "app", 9, 12) } },
  { "matchLabels value with a slash", SEL "      app: a/b\n", DEF, EXPECT,
    { E ("invalid-label-value", SEL_PATH "app", 9, 12) } },
  { "matchLabels value \"true\" quoted", SEL "      enabled: \"true\"\n", DEF, CLEAN, { { 0 } } },
  { "matchLabels value true unquoted", SEL "      enabled: true\n", DEF, LOAD,
    { E ("wrong-type", SEL_PATH "enabled", 9, 16) } },
  { "matchLabels value 80 unquoted", SEL "      port: 80\n", DEF, LOAD, { E ("wrong-type", SEL_PATH "port", 9, 13) } },
  { "matchLabels is a list", HEAD "  podSelector:\n    matchLabels: [a]\n", DEF, LOAD,
    { E ("wrong-type", "spec.podSelector.matchLabels", 8, 18) } },
  { "selector field matchlabels", HEAD "  podSelector:\n    matchlabels:\n      app: web\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.podSelector.matchlabels", 8, 5, HINT ("matchLabels")) } },
  { "selector field matchExpression", HEAD "  podSelector:\n    matchExpression: []\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.podSelector.matchExpression", 8, 5, HINT ("matchExpressions")) } },
  { "peer namespaceSelector invalid key",
    ING "    - namespaceSelector:\n        matchLabels:\n          Team_: x\n", DEF, EXPECT,
    { E ("invalid-label-key", "spec.ingress[0].from[0].namespaceSelector.matchLabels.Team_", 12, 11) } },
  { "peer podSelector invalid value",
    ING "    - podSelector:\n        matchLabels:\n          app: -x\n", DEF, EXPECT,
    { E ("invalid-label-value", "spec.ingress[0].from[0].podSelector.matchLabels.app", 12, 16) } },
  { "peer selector unknown field", ING "    - podSelector:\n        matchLables: {}\n", DEF, EXPECT,
    { EM ("unknown-field", "spec.ingress[0].from[0].podSelector.matchLables", 11, 9, HINT ("matchLabels")) } },
  { "namespace by name",
    ING "    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: prod\n", DEF, CLEAN,
    { { 0 } } },

  /* matchExpressions (§1.2.4) */
  { "operator In", EXPR "    - key: app\n      operator: In\n      values: [a, b]\n", DEF, CLEAN, { { 0 } } },
  { "operator NotIn", EXPR "    - key: app\n      operator: NotIn\n      values: [a]\n", DEF, CLEAN, { { 0 } } },
  { "operator Exists", EXPR "    - key: app\n      operator: Exists\n", DEF, CLEAN, { { 0 } } },
  { "operator DoesNotExist", EXPR "    - key: app\n      operator: DoesNotExist\n", DEF, CLEAN, { { 0 } } },
  { "operator Exists with values: []", EXPR "    - key: app\n      operator: Exists\n      values: []\n", DEF,
    CLEAN, { { 0 } } },
  { "operator in", EXPR "    - key: app\n      operator: in\n      values: [a]\n", DEF, EXPECT,
    { EM ("invalid-operator", EXPR_PATH ".operator", 10, 17, HINT ("In")) } },
  { "operator exists", EXPR "    - key: app\n      operator: exists\n", DEF, EXPECT,
    { EM ("invalid-operator", EXPR_PATH ".operator", 10, 17, HINT ("Exists")) } },
  { "operator Equals", EXPR "    - key: app\n      operator: Equals\n      values: [a]\n", DEF, EXPECT,
    { EM ("invalid-operator", EXPR_PATH ".operator", 10, 17, NO_HINT) } },
  { "operator missing", EXPR "    - key: app\n      values: [a]\n", DEF, EXPECT,
    { E ("required", EXPR_PATH ".operator", 9, 7) } },
  { "In without values", EXPR "    - key: app\n      operator: In\n", DEF, EXPECT,
    { E ("selector-values", EXPR_PATH ".values", 9, 7) } },
  { "In with values: []", EXPR "    - key: app\n      operator: In\n      values: []\n", DEF, EXPECT,
    { E ("selector-values", EXPR_PATH ".values", 11, 15) } },
  { "NotIn without values", EXPR "    - key: app\n      operator: NotIn\n", DEF, EXPECT,
    { E ("selector-values", EXPR_PATH ".values", 9, 7) } },
  { "Exists with values", EXPR "    - key: app\n      operator: Exists\n      values: [a]\n", DEF, EXPECT,
    { E ("selector-values", EXPR_PATH ".values", 11, 15) } },
  { "DoesNotExist with values", EXPR "    - key: app\n      operator: DoesNotExist\n      values: [a]\n", DEF,
    EXPECT, { E ("selector-values", EXPR_PATH ".values", 11, 15) } },
  { "expression key missing", EXPR "    - operator: Exists\n", DEF, EXPECT,
    { E ("required", EXPR_PATH ".key", 9, 7) } },
  { "expression key empty", EXPR "    - key: \"\"\n      operator: Exists\n", DEF, EXPECT,
    { E ("required", EXPR_PATH ".key", 9, 7) } },
  { "expression field Key", EXPR "    - Key: app\n      operator: Exists\n", DEF, EXPECT,
    { EM ("unknown-field", EXPR_PATH ".Key", 9, 7, HINT ("key")), E ("required", EXPR_PATH ".key", 9, 7) } },
  { "expression key invalid", EXPR "    - key: Example.com/x\n      operator: Exists\n", DEF, EXPECT,
    { E ("invalid-label-key", EXPR_PATH ".key", 9, 12) } },
  { "expression key with prefix", EXPR "    - key: example.com/x\n      operator: Exists\n", DEF, CLEAN,
    { { 0 } } },
  { "expression value invalid", EXPR "    - key: app\n      operator: In\n      values: [ok, \"a b\"]\n", DEF,
    EXPECT, { E ("invalid-label-value", EXPR_PATH ".values[1]", 11, 20) } },
  { "expression value empty", EXPR "    - key: app\n      operator: In\n      values: [\"\"]\n", DEF, CLEAN,
    { { 0 } } },
  { "expression values is a string", EXPR "    - key: app\n      operator: In\n      values: a\n", DEF, LOAD,
    { E ("wrong-type", EXPR_PATH ".values", 11, 15) } },
  { "expression value is a number", EXPR "    - key: app\n      operator: In\n      values: [1]\n", DEF, LOAD,
    { E ("wrong-type", EXPR_PATH ".values[0]", 11, 16) } },
  { "expression field value", EXPR "    - key: app\n      operator: Exists\n      value: x\n", DEF, EXPECT,
    { EM ("unknown-field", EXPR_PATH ".value", 11, 7, HINT ("values")) } },
  { "matchExpressions is a mapping", HEAD "  podSelector:\n    matchExpressions: {}\n", DEF, LOAD,
    { E ("wrong-type", "spec.podSelector.matchExpressions", 8, 23) } },
  { "matchLabels and matchExpressions",
    HEAD "  podSelector:\n    matchLabels:\n      app: web\n    matchExpressions:\n    - key: tier\n"
    "      operator: NotIn\n      values: [cache]\n", DEF, CLEAN, { { 0 } } },
  { "expression index does not count matchLabels",
    HEAD "  podSelector:\n    matchLabels:\n      app: web\n    matchExpressions:\n    - key: tier\n"
    "      operator: in\n      values: [a]\n", DEF, EXPECT,
    { E ("invalid-operator", "spec.podSelector.matchExpressions[0].operator", 12, 17) } },
  { "second expression",
    EXPR "    - key: app\n      operator: Exists\n    - key: tier\n      operator: In\n", DEF, EXPECT,
    { E ("selector-values", "spec.podSelector.matchExpressions[1].values", 11, 7) } },
  { "peer namespaceSelector expression (flow)",
    ING "    - namespaceSelector: {matchExpressions: [{key: team, operator: NotIn}]}\n", DEF, EXPECT,
    { E ("selector-values", "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values", 10, 46) } },

  /* policyTypes (§1.2.10) */
  { "policyTypes Ingress", HEAD PS "  policyTypes: [Ingress]\n", DEF, CLEAN, { { 0 } } },
  { "policyTypes Egress", HEAD PS "  policyTypes: [Egress]\n", DEF, CLEAN, { { 0 } } },
  { "policyTypes both", HEAD PS "  policyTypes:\n  - Ingress\n  - Egress\n", DEF, CLEAN, { { 0 } } },
  { "policyTypes empty", HEAD PS "  policyTypes: []\n", DEF, CLEAN, { { 0 } } },
  { "policyTypes Ingress twice", HEAD PS "  policyTypes: [Ingress, Ingress]\n", DEF, VALID, { { 0 } } },
  { "policyTypes three entries", HEAD PS "  policyTypes: [Ingress, Egress, Ingress]\n", DEF, EXPECT,
    { E ("too-many-policy-types", "spec.policyTypes", 8, 16) } },
  { "policyTypes Both", HEAD PS "  policyTypes: [Both]\n", DEF, EXPECT,
    { E ("invalid-policy-type", "spec.policyTypes[0]", 8, 17) } },
  { "policyTypes lower case", HEAD PS "  policyTypes:\n  - Egress\n  - ingress\n", DEF, EXPECT,
    { EM ("invalid-policy-type", "spec.policyTypes[1]", 10, 5, "“Ingress”") } },
  { "policyTypes is a string", HEAD PS "  policyTypes: Ingress\n", DEF, LOAD,
    { E ("wrong-type", "spec.policyTypes", 8, 16) } },

  /* Examples of the Kubernetes documentation */
  { "docs: default deny ingress",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n"
    "spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n", DEF, EXPECT,
    { W ("no-namespace", "metadata.namespace", 4, 3) } },
  { "docs: allow all ingress",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-all-ingress\n"
    "spec:\n  podSelector: {}\n  ingress:\n  - {}\n  policyTypes:\n  - Ingress\n", DEF, VALID, { { 0 } } },
  { "docs: default deny egress",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-egress\n"
    "spec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n", DEF, VALID, { { 0 } } },
  { "docs: allow all egress",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-all-egress\n"
    "spec:\n  podSelector: {}\n  egress:\n  - {}\n  policyTypes:\n  - Egress\n", DEF, VALID, { { 0 } } },
  { "docs: default deny all",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-all\n"
    "spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n", DEF, VALID, { { 0 } } },
  { "docs: test-network-policy", test_network_policy, STRICT, CLEAN, { { 0 } } },
  { "docs: multi-port-egress",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: multi-port-egress\n"
    "  namespace: default\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  policyTypes:\n"
    "    - Egress\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/24\n      ports:\n"
    "        - protocol: TCP\n          port: 32000\n          endPort: 32768\n", STRICT, CLEAN, { { 0 } } },
  { "JSON policy",
    "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"NetworkPolicy\",\n"
    " \"metadata\": {\"name\": \"web\", \"namespace\": \"prod\"},\n"
    " \"spec\": {\"podSelector\": {\"matchLabels\": {\"app\": \"web\"}},\n"
    "  \"ingress\": [{\"ports\": [{\"port\": 8080, \"protocol\": \"TCP\"}]}]}}\n", DEF, CLEAN, { { 0 } } },
  { "JSON policy with a bad port",
    "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"NetworkPolicy\",\n"
    " \"metadata\": {\"name\": \"web\", \"namespace\": \"prod\"},\n"
    " \"spec\": {\"podSelector\": {},\n"
    "  \"ingress\": [{\"ports\": [{\"port\": 0}]}]}}\n", DEF, EXPECT,
    { E ("invalid-port", PORT_PATH ".port", 4, 35) } },

  /* Text that is no policy at all */
  { "YAML syntax error", HEAD "  podSelector: {\n", DEF, LOAD, { E ("yaml-syntax", "", 0, 0) } },
  { "duplicate key", HEAD PS "  podSelector: {}\n", DEF, LOAD, { E ("yaml-duplicate-key", "", 8, 3) } },
  { "empty text", "", DEF, LOAD, { E ("empty", "", 0, 0) } },
};

static GPtrArray *
diagnose (const Case *c, gboolean *loaded)
{
  GPtrArray *diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (c->yaml, -1, diagnostics);

  *loaded = policy != NULL;
  if (policy != NULL)
    np_policy_validate (policy, c->flags, diagnostics);
  return diagnostics;
}

static void
run_case (const Case *c)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  gboolean loaded;

  diagnostics = diagnose (c, &loaded);
  np_test_check_findings (c->name, c->outcome, loaded, diagnostics, c->expected, G_N_ELEMENTS (c->expected));
}

static void
test_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    run_case (&cases[i]);
  g_test_message ("%" G_GSIZE_FORMAT " cases", G_N_ELEMENTS (cases));
}

static void
assert_same_findings (const char *name, GPtrArray *expected, GPtrArray *actual)
{
  if (actual->len != expected->len)
    {
      np_test_fail ("%s: %u findings from the tree, %u from the model", name, actual->len, expected->len);
      return;
    }
  for (guint i = 0; i < expected->len; i++)
    {
      NpDiagnostic *e = g_ptr_array_index (expected, i);
      NpDiagnostic *a = g_ptr_array_index (actual, i);

      if (np_diagnostic_get_severity (a) != np_diagnostic_get_severity (e) ||
          g_strcmp0 (np_diagnostic_get_code (a), np_diagnostic_get_code (e)) != 0 ||
          g_strcmp0 (np_diagnostic_get_path (a), np_diagnostic_get_path (e)) != 0 ||
          g_strcmp0 (np_diagnostic_get_message (a), np_diagnostic_get_message (e)) != 0 ||
          np_diagnostic_get_line (a) != np_diagnostic_get_line (e) ||
          np_diagnostic_get_column (a) != np_diagnostic_get_column (e))
        np_test_fail ("%s: finding %u differs: tree %s %s %u:%u “%s”, model %s %s %u:%u “%s”", name, i,
                      np_diagnostic_get_code (a), np_diagnostic_get_path (a), np_diagnostic_get_line (a),
                      np_diagnostic_get_column (a), np_diagnostic_get_message (a),
                      np_diagnostic_get_code (e), np_diagnostic_get_path (e), np_diagnostic_get_line (e),
                      np_diagnostic_get_column (e), np_diagnostic_get_message (e));
    }
}

/* `netpol validate` and `netpol fmt` read the trees without models: every
 * case of the table gives the same findings, and the same canonical text,
 * either way. */
static void
test_table_trees (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(NpDiagnostic) syntax = NULL;
      g_autoptr(NpNode) root = np_yaml_parse_one (c->yaml, strlen (c->yaml), &syntax);
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpPolicy) policy = NULL;
      gboolean loaded, read;

      if (root == NULL)
        continue;
      expected = diagnose (c, &loaded);
      read = np_policy_validate_node (root, c->flags, actual);
      if (read != loaded)
        np_test_fail ("%s: the tree reads: %d, the model: %d", c->name, read, loaded);
      assert_same_findings (c->name, expected, actual);

      policy = np_policy_new_from_node (root, NULL);
      if (policy != NULL)
        {
          g_autoptr(NpNode) from_model = np_policy_to_node (policy, NP_CODEC_CANONICAL);
          g_autoptr(NpNode) from_tree = np_policy_canonical_node (root);
          g_autofree char *a = np_yaml_write (from_model, 0, NULL);
          g_autofree char *b = np_yaml_write (from_tree, 0, NULL);

          if (!g_str_equal (a, b))
            np_test_fail ("%s: canonical text differs:\n--- model\n%s--- tree\n%s", c->name, a, b);
        }
    }
}

/* Validation and reading use one vocabulary: every finding is a sentence,
 * positioned in the text, with a field path unless it is about the text
 * itself (YAML syntax, an empty text). */
static void
test_messages (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GPtrArray) diagnostics = NULL;
      gboolean loaded;

      diagnostics = diagnose (c, &loaded);
      for (guint j = 0; j < diagnostics->len; j++)
        {
          NpDiagnostic *d = g_ptr_array_index (diagnostics, j);
          const char *code = np_diagnostic_get_code (d);
          const char *message = np_diagnostic_get_message (d);
          const char *path = np_diagnostic_get_path (d);
          gboolean about_text = g_str_has_prefix (code, "yaml-") || g_str_equal (code, "empty");

          if (code == NULL || *code == '\0')
            np_test_case_failed (c->name, diagnostics, "a diagnostic without a code");
          if (message == NULL || *message == '\0')
            np_test_case_failed (c->name, diagnostics, "“%s” has no message", code);
          else if (!g_str_has_suffix (message, "."))
            np_test_case_failed (c->name, diagnostics, "the message of “%s” does not end in a full stop: %s",
                                 code, message);
          if (!about_text && (path == NULL || *path == '\0') && !g_str_equal (code, "wrong-type"))
            np_test_case_failed (c->name, diagnostics, "“%s” concerns a field but has no path", code);
          if (path != NULL && (g_str_has_prefix (path, ".") || g_str_has_suffix (path, ".") ||
                               strchr (path, ' ') != NULL) && !g_str_has_prefix (path, "metadata.annotations."))
            np_test_case_failed (c->name, diagnostics, "“%s” has a malformed path “%s”", code, path);
          if (np_diagnostic_get_line (d) == 0 && !g_str_equal (code, "empty"))
            np_test_case_failed (c->name, diagnostics, "“%s” has no position", code);
          if (np_diagnostic_get_file (d) != NULL)
            np_test_case_failed (c->name, diagnostics, "“%s” names a file, but none was given", code);
        }
    }
}

/* The annotations of one object add up to at most 256 KiB (keys and values). */
static void
test_annotations_size (void)
{
  static const guint sizes[] = { 256 * 1024, 256 * 1024 + 1 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GString) yaml = g_string_new (META "  name: test\n  namespace: default\n  annotations:\n");
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpPolicy) policy = NULL;
      guint value_length = sizes[s] - (guint) strlen ("a") - (guint) strlen ("b");
      gboolean too_long = FALSE;

      /* two annotations, "a" and "b", whose keys and values add up to sizes[s] */
      g_string_append (yaml, "    a: ");
      for (guint i = 0; i < value_length / 2; i++)
        g_string_append_c (yaml, 'x');
      g_string_append (yaml, "\n    b: ");
      for (guint i = 0; i < value_length - value_length / 2; i++)
        g_string_append_c (yaml, 'y');
      g_string_append (yaml, "\n" SPEC);

      policy = np_policy_new_from_yaml (yaml->str, yaml->len, diagnostics);
      g_assert_nonnull (policy);
      np_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
      for (guint i = 0; i < diagnostics->len; i++)
        {
          NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

          if (g_str_equal (np_diagnostic_get_code (d), "annotations-too-long"))
            {
              too_long = TRUE;
              g_assert_cmpstr (np_diagnostic_get_path (d), ==, "metadata.annotations");
              g_assert_cmpint (np_diagnostic_get_severity (d), ==, NP_SEVERITY_ERROR);
              g_assert_cmpuint (np_diagnostic_get_line (d), ==, 7);
              g_assert_cmpuint (np_diagnostic_get_column (d), ==, 5);
            }
          else
            {
              g_autofree char *text = np_diagnostic_format (d);

              g_test_fail_printf ("annotations of %u bytes: unexpected %s", sizes[s], text);
            }
        }
      if (too_long != (sizes[s] > 256 * 1024))
        g_test_fail_printf ("annotations of %u bytes: %s", sizes[s],
                            too_long ? "refused, but 256 KiB are allowed" : "accepted, but over 256 KiB");
    }
}

/* Problems are reported where they are, not just the first one. */
static void
test_several_problems (void)
{
  static const char yaml[] =
    "apiVersion: networking.k8s.io/v1\n"
    "kind: NetworkPolicy\n"
    "metadata:\n"
    "  name: Bad_Name\n"
    "spec:\n"
    "  podSelector: {}\n"
    "  policyTypes: [Ingres]\n"
    "  ingress:\n"
    "  - from:\n"
    "    - {}\n"
    "    ports:\n"
    "    - protocol: icmp\n"
    "      port: 0\n";
  static const struct { const char *code; const char *path; guint line; guint column; } expected[] = {
    { "invalid-name", "metadata.name", 4, 9 },
    { "no-namespace", "metadata.namespace", 4, 3 },
    { "invalid-policy-type", "spec.policyTypes[0]", 7, 17 },
    { "empty-peer", "spec.ingress[0].from[0]", 10, 7 },
    { "invalid-protocol", "spec.ingress[0].ports[0].protocol", 12, 17 },
    { "invalid-port", "spec.ingress[0].ports[0].port", 13, 13 },
  };
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (yaml, -1, diagnostics);

  g_assert_nonnull (policy);
  np_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
  g_assert_true (np_diagnostics_have_errors (diagnostics));
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < diagnostics->len && !found; j++)
        {
          NpDiagnostic *d = g_ptr_array_index (diagnostics, j);

          if (g_str_equal (np_diagnostic_get_code (d), expected[i].code) &&
              g_strcmp0 (np_diagnostic_get_path (d), expected[i].path) == 0)
            {
              found = TRUE;
              g_assert_cmpuint (np_diagnostic_get_line (d), ==, expected[i].line);
              g_assert_cmpuint (np_diagnostic_get_column (d), ==, expected[i].column);
            }
        }
      if (!found)
        g_test_fail_printf ("no “%s” at “%s”", expected[i].code, expected[i].path);
    }
}

/* A policy built in code (no source text) is checked as well, without
 * positions. */
static void
test_built_policy (void)
{
  g_autoptr(NpPolicy) policy = np_policy_new ();
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean name_required = FALSE;

  np_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
  g_assert_true (np_diagnostics_have_errors (diagnostics));
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (np_diagnostic_get_code (d), "required") &&
          g_strcmp0 (np_diagnostic_get_path (d), "metadata.name") == 0)
        name_required = TRUE;
      g_assert_cmpuint (np_diagnostic_get_line (d), ==, 0);
    }
  g_assert_true (name_required);

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_assert_false (np_diagnostics_have_errors (diagnostics));
  g_assert_false (np_diagnostics_have_errors (NULL));
}

static void
test_suggest_field (void)
{
  static const char * const spec_fields[] = { "podSelector", "policyTypes", "ingress", "egress", NULL };
  static const char * const rule_fields[] = { "from", "ports", NULL };
  static const char * const port_fields[] = { "protocol", "port", "endPort", NULL };
  static const char * const metadata_fields[] = { "name", "generateName", "namespace", "labels", "annotations", NULL };
  static const char * const none[] = { NULL };
  static const struct {
    const char         *word;
    const char * const *candidates;
    const char         *expected;
  } suggestions[] = {
    { "ingres", spec_fields, "ingress" },
    { "ingresss", spec_fields, "ingress" },
    { "egres", spec_fields, "egress" },
    { "Egress", spec_fields, "egress" },
    { "podselector", spec_fields, "podSelector" },
    { "PODSELECTOR", spec_fields, "podSelector" },
    { "podSelectr", spec_fields, "podSelector" },
    { "pod_selector", spec_fields, "podSelector" },
    { "policytype", spec_fields, "policyTypes" },
    { "port", rule_fields, "ports" },
    { "form", rule_fields, "from" },   /* two letters swapped: one slip */
    { "protocoll", port_fields, "protocol" },
    { "endport", port_fields, "endPort" },
    { "nmae", metadata_fields, "name" },
    { "label", metadata_fields, "labels" },
    { "namespaceSelector", metadata_fields, NULL },
    { "xyz", spec_fields, NULL },
    { "serviceAccount", rule_fields, NULL },
    { "", spec_fields, NULL },
    { "ingress", none, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (suggestions); i++)
    {
      const char *got = np_suggest_field (suggestions[i].word, suggestions[i].candidates);

      if (g_strcmp0 (got, suggestions[i].expected) != 0)
        np_test_fail ("np_suggest_field (“%s”) gave %s, expected %s", suggestions[i].word,
                      got ? got : "NULL", suggestions[i].expected ? suggestions[i].expected : "NULL");
    }
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/validation/table", test_table);
  g_test_add_func ("/validation/table-trees", test_table_trees);
  g_test_add_func ("/validation/messages", test_messages);
  g_test_add_func ("/validation/annotations-size", test_annotations_size);
  g_test_add_func ("/validation/several-problems", test_several_problems);
  g_test_add_func ("/validation/built-policy", test_built_policy);
  g_test_add_func ("/validation/suggest-field", test_suggest_field);

  return g_test_run ();
}
