/* test-cilium.c: table tests of the Cilium policy model and validator
 * (semantics §2): every rule with valid and invalid cases, exact field
 * paths and positions, reading errors, in-place edits, namespaces
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-cilium-validator.h"
#include "np-diagnostic.h"
#include "np-document.h"
#include "np-label-selector.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"
#define NP_TEST_TABLE_SHORTHANDS
#include "np-test-util.h"

/* Building blocks. Line numbers are given so that the positions in the
 * table can be checked by eye. */
#define TOP \
  "apiVersion: cilium.io/v2\n"              /* 1 */ \
  "kind: CiliumNetworkPolicy\n"             /* 2 */
#define META TOP \
  "metadata:\n"                             /* 3 */ \
  "  name: test\n"                          /* 4 */ \
  "  namespace: default\n"                  /* 5 */
#define HEAD META \
  "spec:\n"                                 /* 6 */ \
  "  endpointSelector: {}\n"                /* 7 */
/* section items from line 9, their keys in column 5 */
#define ING HEAD "  ingress:\n"             /* 8 */
#define EGR HEAD "  egress:\n"              /* 8 */
#define EDENY HEAD "  egressDeny:\n"        /* 8 */
#define IDENY HEAD "  ingressDeny:\n"       /* 8 */
/* port entries from line 11 ("      - port: " puts the value in column 15,
 * "        protocol: " in column 19) */
#define EPORTS EGR "  - toPorts:\n    - ports:\n"
#define IPORTS ING "  - toPorts:\n    - ports:\n"
#define P80 "      - port: \"80\"\n        protocol: TCP\n"   /* 11, 12 */
#define EPATH "spec.egress[0]"
#define IPATH "spec.ingress[0]"
#define PORT0 "spec.egress[0].toPorts[0].ports[0]"
#define IPORT0 "spec.ingress[0].toPorts[0].ports[0]"
#define RULES0 "spec.egress[0].toPorts[0].rules"
#define IRULES0 "spec.ingress[0].toPorts[0].rules"
/* an egress rule allowing DNS lookups, to go with toFQDNs */
#define DNS_RULE \
  "  - toEndpoints:\n" \
  "    - matchLabels: {\"k8s:k8s-app\": kube-dns, \"k8s:io.kubernetes.pod.namespace\": kube-system}\n" \
  "    toPorts:\n" \
  "    - ports: [{port: \"53\", protocol: ANY}]\n" \
  "      rules: {dns: [{matchPattern: \"*\"}]}\n"

#define CTOP \
  "apiVersion: cilium.io/v2\n"              /* 1 */ \
  "kind: CiliumClusterwideNetworkPolicy\n"  /* 2 */ \
  "metadata:\n"                             /* 3 */ \
  "  name: test\n"                          /* 4 */ \
  "spec:\n"                                 /* 5 */
#define CHEAD CTOP "  endpointSelector: {}\n"   /* 6 */
#define HOST CTOP "  nodeSelector: {}\n"        /* 6 */

typedef struct {
  const char     *name;
  const char     *yaml;
  NpTestOutcome   outcome;
  NpTestExpected  expected[NP_TEST_MAX_EXPECTED];
} Case;

static const Case cases[] = {
  /* The object */
  { "minimal namespaced policy", ING "  - {}\n", CLEAN, { { 0 } } },
  { "minimal clusterwide policy", CHEAD "  egress:\n  - {}\n", CLEAN, { { 0 } } },
  { "apiVersion missing",
    "kind: CiliumNetworkPolicy\nmetadata: {name: test, namespace: default}\nspec:\n  endpointSelector: {}\n"
    "  ingress: [{}]\n", EXPECT, { E ("required", "apiVersion", 1, 1) } },
  { "apiVersion in lower case",
    "apiversion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: test, namespace: default}\nspec:\n"
    "  endpointSelector: {}\n  ingress: [{}]\n", EXPECT,
    { EM ("unknown-field", "apiversion", 1, 1, "did you mean “apiVersion”"), E ("required", "apiVersion", 1, 1) } },
  { "wrong apiVersion", "apiVersion: cilium.io/v1\nkind: CiliumNetworkPolicy\nmetadata: {name: test, namespace: default}\n"
    "spec: {endpointSelector: {}, ingress: [{}]}\n", EXPECT, { E ("wrong-api-version", "apiVersion", 1, 13) } },
  { "wrong kind", "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicies\nmetadata: {name: test, namespace: default}\n"
    "spec: {endpointSelector: {}, ingress: [{}]}\n", EXPECT, { E ("wrong-kind", "kind", 2, 7) } },
  { "top-level description", TOP "description: x\nmetadata: {name: test, namespace: default}\n"
    "spec: {endpointSelector: {}, ingress: [{}]}\n", EXPECT,
    { EM ("unknown-field", "description", 3, 1, "spec.description") } },
  { "metadata.description", META "  description: x\nspec: {endpointSelector: {}, ingress: [{}]}\n", EXPECT,
    { EM ("unknown-field", "metadata.description", 6, 3, "whatever the Cilium version") } },
  { "description in spec", HEAD "  description: fine\n  ingress: [{}]\n", CLEAN, { { 0 } } },
  { "name missing", TOP "metadata: {namespace: default}\nspec: {endpointSelector: {}, ingress: [{}]}\n", EXPECT,
    { E ("required", "metadata.name", 3, 11) } },
  { "name invalid", TOP "metadata: {name: Test, namespace: default}\nspec: {endpointSelector: {}, ingress: [{}]}\n",
    EXPECT, { E ("invalid-name", "metadata.name", 3, 18) } },
  { "namespace missing", TOP "metadata: {name: test}\nspec: {endpointSelector: {}, ingress: [{}]}\n", EXPECT,
    { W ("no-namespace", "metadata.namespace", 3, 11) } },
  { "namespace of a clusterwide policy",
    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: test, namespace: x}\n"
    "spec: {endpointSelector: {}, ingress: [{}]}\n", EXPECT, { W ("namespace-ignored", "metadata.namespace", 3, 35) } },
  { "spec null, no specs", META "spec:\n", EXPECT, { E ("no-rules", "spec", 6, 1) } },
  { "specs empty", META "specs: []\n", EXPECT, { E ("no-rules", "spec", 6, 1) } },
  { "spec and specs", HEAD "  ingress: [{}]\nspecs:\n- endpointSelector: {}\n  egress: [{}]\n", CLEAN, { { 0 } } },
  { "unknown field in a rule", HEAD "  ingres: [{}]\n  egress: [{}]\n", EXPECT,
    { EM ("unknown-field", "spec.ingres", 8, 3, "did you mean “ingress”") } },
  { "unknown field in a port", EPORTS "      - portt: \"80\"\n", EXPECT,
    { EM ("unknown-field", PORT0 ".portt", 11, 9, "did you mean “port”"), E ("required", PORT0 ".port", 11, 9) } },
  { "unknown field in a selector", ING "  - fromEndpoints:\n    - matchLabels:\n      role: frontend\n", EXPECT,
    { E ("unknown-field", IPATH ".fromEndpoints[0].role", 11, 7) } },

  /* Selectors of the rule */
  { "no selector", META "spec:\n  ingress: [{}]\n", EXPECT, { E ("required", "spec.endpointSelector", 7, 3) } },
  { "no selector, clusterwide", CTOP "  ingress: [{}]\n", EXPECT,
    { EM ("required", "spec.endpointSelector", 6, 3, "nodeSelector") } },
  { "both selectors", HOST "  endpointSelector: {}\n  ingress: [{}]\n", EXPECT,
    { E ("selector-conflict", "spec.nodeSelector", 6, 3) } },
  { "nodeSelector in a namespaced policy", META "spec:\n  nodeSelector: {}\n  ingress: [{}]\n", EXPECT,
    { EM ("node-selector-namespaced", "spec.nodeSelector", 7, 3, "Cilium 1.18.2") } },
  { "host policy", HOST "  ingress:\n  - fromEntities: [cluster]\n", CLEAN, { { 0 } } },
  { "endpointSelector naming another namespace",
    META "spec:\n  endpointSelector:\n    matchLabels:\n      k8s:io.kubernetes.pod.namespace: other\n  ingress: [{}]\n",
    EXPECT, { W ("namespace-overridden", "spec.endpointSelector.matchLabels.k8s:io.kubernetes.pod.namespace", 9, 40) } },

  /* Sections */
  { "a rule with no section", HEAD, EXPECT, { EM ("empty-rule", "spec", 7, 3, "Cilium 1.17") } },
  { "enableDefaultDeny alone", HEAD "  enableDefaultDeny: {ingress: true}\n", EXPECT,
    { EM ("empty-rule", "spec", 7, 3, "enableDefaultDeny alone") } },
  { "empty ingress list", HEAD "  ingress: []\n", EXPECT, { E ("empty-rule", "spec", 7, 3) } },
  { "enableDefaultDeny off", HEAD "  enableDefaultDeny: {ingress: false}\n  ingress: [{fromEntities: [world]}]\n",
    CLEAN, { { 0 } } },
  { "enableDefaultDeny not a boolean", HEAD "  enableDefaultDeny: {ingress: \"yes\"}\n  ingress: [{}]\n", EXPECT,
    { E ("wrong-type", "spec.enableDefaultDeny.ingress", 8, 32) } },
  { "log value", HEAD "  log: {value: audit-web}\n  ingress: [{}]\n", CLEAN, { { 0 } } },
  { "log value too long", HEAD "  log: {value: " "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" "}\n  ingress: [{}]\n", EXPECT,
    { E ("invalid-value", "spec.log.value", 8, 16) } },
  { "rule label without key", HEAD "  labels: [{value: x}]\n  ingress: [{}]\n", EXPECT,
    { E ("required", "spec.labels[0]", 8, 12) } },

  /* One kind of peer per rule (rule_validation.go) */
  { "endpoints and CIDR", ING "  - fromEndpoints: [{}]\n    fromCIDR: [10.0.0.0/8]\n", EXPECT,
    { EM ("multiple-peer-kinds", IPATH ".fromCIDR", 10, 5, "Combining fromEndpoints and fromCIDR") } },
  { "toCIDR and toCIDRSet", EGR "  - toCIDR: [20.1.1.1/32]\n    toCIDRSet: [{cidr: 10.0.0.0/8}]\n", EXPECT,
    { EM ("multiple-peer-kinds", EPATH ".toCIDRSet", 10, 5, "early Cilium 1.x") } },
  { "an empty list is no peer", ING "  - fromEndpoints: []\n    fromEntities: [world]\n", CLEAN, { { 0 } } },

  /* Entities */
  { "every entity", ING "  - fromEntities: [all, world, cluster, host, remote-node, kube-apiserver, init, health, "
    "unmanaged, ingress, none]\n", CLEAN, { { 0 } } },
  { "unknown entity", ING "  - fromEntities: [world, wrld]\n", EXPECT,
    { EM ("unknown-entity", IPATH ".fromEntities[1]", 9, 27, "did you mean “world”") } },
  { "entity in capitals", EGR "  - toEntities: [World]\n", EXPECT, { E ("unknown-entity", EPATH ".toEntities[0]", 9, 18) } },

  /* CIDRs */
  { "fromCIDR prefix and address", ING "  - fromCIDR: [10.0.0.0/8, 192.0.2.1, \"2001:db8::/32\"]\n", CLEAN, { { 0 } } },
  { "fromCIDR prefix too long", ING "  - fromCIDR: [10.0.0.0/33]\n", EXPECT,
    { E ("invalid-cidr", IPATH ".fromCIDR[0]", 9, 16) } },
  { "fromCIDR leading zero", ING "  - fromCIDR: [10.0.01.0/24]\n", EXPECT,
    { EM ("invalid-cidr", IPATH ".fromCIDR[0]", 9, 16, "leading zeros") } },
  { "fromCIDR placeholder", ING "  - fromCIDR:\n    - NODE_WITHOUT_CILIUM_IP/32\n", EXPECT,
    { E ("invalid-cidr", IPATH ".fromCIDR[0]", 10, 7) } },
  { "CIDR host bits are fine", ING "  - fromCIDR: [10.1.2.3/8]\n", CLEAN, { { 0 } } },
  { "toCIDRSet needs a prefix", EGR "  - toCIDRSet: [{cidr: 10.0.0.1}]\n", EXPECT,
    { EM ("invalid-cidr", EPATH ".toCIDRSet[0].cidr", 9, 24, "prefix length") } },
  { "except equal to the cidr", EGR "  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.0.0.0/8]}]\n", CLEAN, { { 0 } } },
  { "except inside", EGR "  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.96.0.0/12]}]\n", CLEAN, { { 0 } } },
  { "except outside", EGR "  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [11.0.0.0/12]}]\n", EXPECT,
    { E ("except-outside", EPATH ".toCIDRSet[0].except[0]", 9, 45) } },
  { "except wider", EGR "  - toCIDRSet: [{cidr: 10.0.0.0/16, except: [10.0.0.0/8]}]\n", EXPECT,
    { E ("except-outside", EPATH ".toCIDRSet[0].except[0]", 9, 46) } },
  { "except of the other family", EGR "  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [\"fd00::/8\"]}]\n", EXPECT,
    { EM ("except-outside", EPATH ".toCIDRSet[0].except[0]", 9, 45, "IPv6") } },
  { "cidr and cidrGroupRef", EGR "  - toCIDRSet: [{cidr: 10.0.0.0/8, cidrGroupRef: office}]\n", EXPECT,
    { E ("cidr-set-choice", EPATH ".toCIDRSet[0]", 9, 17) } },
  { "cidrSet entry without a choice", EGR "  - toCIDRSet: [{except: [10.0.0.0/8]}]\n", EXPECT,
    { E ("cidr-set-choice", EPATH ".toCIDRSet[0]", 9, 17) } },
  { "cidrGroupRef", EGR "  - toCIDRSet: [{cidrGroupRef: office-ranges}]\n", CLEAN, { { 0 } } },
  { "cidrGroupRef invalid", EGR "  - toCIDRSet: [{cidrGroupRef: Office_Ranges}]\n", EXPECT,
    { E ("invalid-name", EPATH ".toCIDRSet[0].cidrGroupRef", 9, 32) } },
  { "cidrGroupSelector", EGR "  - toCIDRSet: [{cidrGroupSelector: {matchLabels: {team: a}}}]\n", CLEAN, { { 0 } } },
  { "except with a CIDR group", EGR "  - toCIDRSet: [{cidrGroupRef: office, except: [10.0.0.0/8]}]\n", EXPECT,
    { W ("except-ignored", EPATH ".toCIDRSet[0].except", 9, 48) } },

  /* FQDNs */
  { "toFQDNs with a DNS rule", EGR DNS_RULE "  - toFQDNs: [{matchName: api.example.com}, {matchPattern: \"*.example.com\"}]\n",
    CLEAN, { { 0 } } },
  { "toFQDNs without a DNS rule", EGR "  - toFQDNs: [{matchName: api.example.com}]\n", EXPECT,
    { W ("fqdn-without-dns-rule", EPATH ".toFQDNs", 9, 5) } },
  { "toFQDNs with both", EGR DNS_RULE "  - toFQDNs: [{matchName: a.example.com, matchPattern: \"*.example.com\"}]\n", EXPECT,
    { E ("fqdn-choice", "spec.egress[1].toFQDNs[0]", 14, 56) } },
  { "toFQDNs with neither", EGR DNS_RULE "  - toFQDNs: [{}]\n", EXPECT, { E ("fqdn-choice", "spec.egress[1].toFQDNs[0]", 14, 15) } },
  { "matchName with a wildcard", EGR DNS_RULE "  - toFQDNs: [{matchName: \"*.example.com\"}]\n", EXPECT,
    { E ("invalid-fqdn", "spec.egress[1].toFQDNs[0].matchName", 14, 27) } },
  { "matchName with an empty label", EGR DNS_RULE "  - toFQDNs: [{matchName: a..example.com}]\n", EXPECT,
    { E ("invalid-fqdn", "spec.egress[1].toFQDNs[0].matchName", 14, 27) } },
  { "matchPattern star", EGR DNS_RULE "  - toFQDNs: [{matchPattern: \"*\"}]\n", CLEAN, { { 0 } } },
  { "matchPattern multi-level", EGR DNS_RULE "  - toFQDNs: [{matchPattern: \"**.example.com\"}]\n", EXPECT,
    { WM ("fqdn-multilevel-wildcard", "spec.egress[1].toFQDNs[0].matchPattern", 14, 30, "Cilium 1.19") } },
  { "matchPattern bad character", EGR DNS_RULE "  - toFQDNs: [{matchPattern: \"*.exa$mple.com\"}]\n", EXPECT,
    { E ("invalid-fqdn", "spec.egress[1].toFQDNs[0].matchPattern", 14, 30) } },
  { "toFQDNs in egressDeny", EDENY "  - toFQDNs: [{matchName: a.example.com}]\n", EXPECT,
    { E ("fqdn-in-deny", "spec.egressDeny[0].toFQDNs", 9, 5) } },
  { "toFQDNs on ingress", ING "  - toFQDNs: [{matchName: a.example.com}]\n", EXPECT,
    { E ("unknown-field", IPATH ".toFQDNs", 9, 5) } },

  /* Ports */
  { "a port", EPORTS P80, CLEAN, { { 0 } } },
  { "port as a number", EPORTS "      - port: 80\n", EXPECT,
    { EM ("wrong-type", PORT0 ".port", 11, 15, "\"80\"") } },
  { "port out of range", EPORTS "      - port: \"70000\"\n", EXPECT, { E ("invalid-port", PORT0 ".port", 11, 15) } },
  { "port zero", EPORTS "      - port: \"0\"\n", CLEAN, { { 0 } } },
  { "named port", EPORTS "      - port: http-alt\n", CLEAN, { { 0 } } },
  { "named port in capitals", EPORTS "      - port: HTTP\n", CLEAN, { { 0 } } },
  { "port placeholder", EPORTS "      - port: \"REMOVE_ME_AFTER_DOUBLE_CHECKING_PORTS\"\n", EXPECT,
    { E ("invalid-port", PORT0 ".port", 11, 15) } },
  { "port missing", EPORTS "      - protocol: TCP\n", EXPECT, { E ("required", PORT0 ".port", 11, 9) } },
  { "protocol in lower case", EPORTS "      - port: \"80\"\n        protocol: tcp\n", EXPECT,
    { EM ("invalid-protocol", PORT0 ".protocol", 12, 19, "“TCP”") } },
  { "protocol ICMP", EPORTS "      - port: \"80\"\n        protocol: ICMP\n", EXPECT,
    { EM ("invalid-protocol", PORT0 ".protocol", 12, 19, "icmps") } },
  { "protocols ANY, UDP, SCTP", EPORTS "      - {port: \"53\", protocol: ANY}\n      - {port: \"53\", protocol: UDP}\n"
    "      - {port: \"9\", protocol: SCTP}\n", CLEAN, { { 0 } } },
  { "protocol VRRP", EPORTS "      - protocol: VRRP\n", EXPECT,
    { WM ("version-dependent-protocol", PORT0 ".protocol", 11, 19, "Cilium 1.19") } },
  { "VRRP with a port", EPORTS "      - port: \"80\"\n        protocol: VRRP\n", EXPECT,
    { W ("version-dependent-protocol", PORT0 ".protocol", 12, 19), E ("invalid-port", PORT0 ".port", 11, 15) } },
  { "port range", EPORTS "      - port: \"8000\"\n        endPort: 8080\n", CLEAN, { { 0 } } },
  { "endPort below port", EPORTS "      - port: \"8000\"\n        endPort: 80\n", EXPECT,
    { E ("invalid-end-port", PORT0 ".endPort", 12, 18) } },
  { "endPort out of range", EPORTS "      - port: \"8000\"\n        endPort: 70000\n", EXPECT,
    { E ("invalid-end-port", PORT0 ".endPort", 12, 18) } },
  { "endPort with a named port", EPORTS "      - port: http\n        endPort: 8080\n", EXPECT,
    { E ("invalid-end-port", PORT0 ".endPort", 12, 18) } },
  { "40 ports", EPORTS "      - {port: \"1\"}\n      - {port: \"2\"}\n      - {port: \"3\"}\n      - {port: \"4\"}\n"
    "      - {port: \"5\"}\n      - {port: \"6\"}\n      - {port: \"7\"}\n      - {port: \"8\"}\n      - {port: \"9\"}\n"
    "      - {port: \"10\"}\n      - {port: \"11\"}\n      - {port: \"12\"}\n      - {port: \"13\"}\n      - {port: \"14\"}\n"
    "      - {port: \"15\"}\n      - {port: \"16\"}\n      - {port: \"17\"}\n      - {port: \"18\"}\n      - {port: \"19\"}\n"
    "      - {port: \"20\"}\n      - {port: \"21\"}\n      - {port: \"22\"}\n      - {port: \"23\"}\n      - {port: \"24\"}\n"
    "      - {port: \"25\"}\n      - {port: \"26\"}\n      - {port: \"27\"}\n      - {port: \"28\"}\n      - {port: \"29\"}\n"
    "      - {port: \"30\"}\n      - {port: \"31\"}\n      - {port: \"32\"}\n      - {port: \"33\"}\n      - {port: \"34\"}\n"
    "      - {port: \"35\"}\n      - {port: \"36\"}\n      - {port: \"37\"}\n      - {port: \"38\"}\n      - {port: \"39\"}\n"
    "      - {port: \"40\"}\n", CLEAN, { { 0 } } },
  { "41 ports", EPORTS "      - {port: \"1\"}\n      - {port: \"2\"}\n      - {port: \"3\"}\n      - {port: \"4\"}\n"
    "      - {port: \"5\"}\n      - {port: \"6\"}\n      - {port: \"7\"}\n      - {port: \"8\"}\n      - {port: \"9\"}\n"
    "      - {port: \"10\"}\n      - {port: \"11\"}\n      - {port: \"12\"}\n      - {port: \"13\"}\n      - {port: \"14\"}\n"
    "      - {port: \"15\"}\n      - {port: \"16\"}\n      - {port: \"17\"}\n      - {port: \"18\"}\n      - {port: \"19\"}\n"
    "      - {port: \"20\"}\n      - {port: \"21\"}\n      - {port: \"22\"}\n      - {port: \"23\"}\n      - {port: \"24\"}\n"
    "      - {port: \"25\"}\n      - {port: \"26\"}\n      - {port: \"27\"}\n      - {port: \"28\"}\n      - {port: \"29\"}\n"
    "      - {port: \"30\"}\n      - {port: \"31\"}\n      - {port: \"32\"}\n      - {port: \"33\"}\n      - {port: \"34\"}\n"
    "      - {port: \"35\"}\n      - {port: \"36\"}\n      - {port: \"37\"}\n      - {port: \"38\"}\n      - {port: \"39\"}\n"
    "      - {port: \"40\"}\n      - {port: \"41\"}\n", EXPECT,
    { E ("too-many-ports", "spec.egress[0].toPorts[0].ports", 10, 7) } },
  { "toPorts and icmps", EGR "  - toPorts: [{ports: [{port: \"80\"}]}]\n    icmps: [{fields: [{type: 8}]}]\n", EXPECT,
    { E ("ports-and-icmps", EPATH ".icmps", 10, 5) } },
  { "ports on deny rules", EDENY "  - toEntities: [world]\n    toPorts: [{ports: [{port: \"22\", protocol: TCP}]}]\n",
    CLEAN, { { 0 } } },

  /* L7 */
  { "HTTP on TCP", IPORTS P80 "      rules:\n        http:\n        - {method: GET, path: /public}\n", CLEAN, { { 0 } } },
  { "HTTP on UDP", IPORTS "      - port: \"80\"\n        protocol: UDP\n      rules:\n        http: [{method: GET}]\n", EXPECT,
    { EM ("l7-protocol", IPORT0 ".protocol", 12, 19, "only apply to TCP") } },
  { "HTTP without a protocol", IPORTS "      - port: \"80\"\n      rules:\n        http: [{method: GET}]\n", EXPECT,
    { EM ("l7-protocol", IPORT0 ".protocol", 11, 9, "protocol: TCP") } },
  { "HTTP on port 0", IPORTS "      - port: \"0\"\n        protocol: TCP\n      rules:\n        http: [{}]\n", EXPECT,
    { E ("l7-port-zero", "spec.ingress[0].toPorts[0].ports", 10, 7) } },
  { "HTTP bad regular expression", IPORTS P80 "      rules:\n        http: [{path: \"/a(b\"}]\n", EXPECT,
    { E ("invalid-regex", IRULES0 ".http[0].path", 14, 23) } },
  { "HTTP header match", IPORTS P80 "      rules:\n        http: [{headerMatches: [{name: X-Token, value: a, mismatch: LOG}]}]\n",
    CLEAN, { { 0 } } },
  { "HTTP header match without a name", IPORTS P80 "      rules:\n        http: [{headerMatches: [{value: a}]}]\n",
    EXPECT, { E ("required", IRULES0 ".http[0].headerMatches[0]", 14, 33) } },
  { "DNS on UDP", EPORTS "      - port: \"53\"\n        protocol: UDP\n      rules:\n        dns: [{matchName: example.com}]\n",
    CLEAN, { { 0 } } },
  { "DNS on SCTP", EPORTS "      - port: \"53\"\n        protocol: SCTP\n      rules:\n        dns: [{matchName: example.com}]\n",
    EXPECT, { E ("l7-protocol", PORT0 ".protocol", 12, 19) } },
  { "DNS on ingress", IPORTS "      - port: \"53\"\n        protocol: UDP\n      rules:\n        dns: [{matchName: example.com}]\n",
    EXPECT, { E ("dns-on-ingress", IRULES0, 14, 9) } },
  { "DNS without a port", EGR "  - toPorts:\n    - rules:\n        dns: [{matchPattern: \"*\"}]\n", EXPECT,
    { E ("dns-port-required", RULES0, 11, 9) } },
  { "DNS with a port range", EPORTS "      - port: \"53\"\n        endPort: 54\n        protocol: UDP\n      rules:\n"
    "        dns: [{matchPattern: \"*\"}]\n", EXPECT, { E ("dns-port-range", PORT0 ".endPort", 12, 18) } },
  { "DNS rule with both", EPORTS "      - port: \"53\"\n      rules:\n        dns: [{matchName: a.com, matchPattern: \"*\"}]\n",
    EXPECT, { E ("fqdn-choice", RULES0 ".dns[0]", 13, 48) } },
  { "two kinds of L7", EPORTS P80 "      rules:\n        http: [{}]\n        dns: [{matchPattern: \"*\"}]\n", EXPECT,
    { E ("multiple-l7-kinds", RULES0, 14, 9) } },
  { "L7 in a deny rule", IDENY "  - toPorts:\n    - ports: [{port: \"80\", protocol: TCP}]\n      rules:\n"
    "        http: [{method: GET}]\n", EXPECT, { E ("l7-in-deny", "spec.ingressDeny[0].toPorts[0].rules", 11, 7) } },
  { "HTTP in a host policy", HOST "  ingress:\n  - toPorts:\n    - ports: [{port: \"80\", protocol: TCP}]\n"
    "      rules:\n        http: [{method: GET}]\n", EXPECT,
    { E ("l7-in-host-policy", "spec.ingress[0].toPorts[0].rules", 10, 7) } },
  { "DNS in a host policy's egress", HOST "  egress:\n  - toPorts:\n    - ports: [{port: \"53\", protocol: UDP}]\n"
    "      rules:\n        dns: [{matchPattern: \"*\"}]\n", EXPECT,
    { W ("version-dependent-l7", "spec.egress[0].toPorts[0].rules", 10, 7) } },
  { "Kafka rules", IPORTS "      - port: \"9092\"\n        protocol: TCP\n      rules:\n        kafka: [{role: produce, topic: t}]\n",
    EXPECT, { WM ("deprecated-kafka", IRULES0 ".kafka", 14, 9, "Cilium 1.20") } },
  { "Kafka role", IPORTS "      - port: \"9092\"\n        protocol: TCP\n      rules:\n        kafka: [{role: write}]\n",
    EXPECT, { W ("deprecated-kafka", IRULES0 ".kafka", 14, 9), E ("invalid-value", IRULES0 ".kafka[0].role", 14, 24) } },
  { "l7proto", EPORTS P80 "      rules:\n        l7proto: mysql\n        l7: [{action: deny}]\n", EXPECT,
    { WM ("deprecated-l7proto", RULES0 ".l7proto", 14, 9, "Cilium 1.20") } },
  { "l7 without l7proto", EPORTS P80 "      rules:\n        l7: [{action: deny}]\n", EXPECT,
    { E ("l7-without-proto", RULES0 ".l7", 14, 9) } },
  { "SNI", EPORTS "      - {port: \"443\", protocol: TCP}\n      serverNames: [one.one.one.one, \"*.example.com\"]\n",
    CLEAN, { { 0 } } },
  { "SNI empty", EPORTS "      - {port: \"443\", protocol: TCP}\n      serverNames: [\"\"]\n", EXPECT,
    { E ("invalid-server-name", "spec.egress[0].toPorts[0].serverNames[0]", 12, 21) } },
  { "SNI with L7 and no TLS termination", EPORTS "      - {port: \"443\", protocol: TCP}\n      serverNames: [a.com]\n"
    "      rules: {http: [{}]}\n", EXPECT, { E ("sni-with-l7", "spec.egress[0].toPorts[0].serverNames", 12, 7) } },
  { "listener", EPORTS "      - {port: \"80\", protocol: TCP}\n      listener: {envoyConfig: {name: proxy}, name: l}\n",
    CLEAN, { { 0 } } },
  { "listener on ingress", IPORTS "      - {port: \"80\", protocol: TCP}\n      listener: {envoyConfig: {name: proxy}, name: l}\n",
    EXPECT, { E ("listener-on-ingress", "spec.ingress[0].toPorts[0].listener", 12, 7) } },
  { "listener without envoyConfig", EPORTS "      - {port: \"80\", protocol: TCP}\n      listener: {name: l}\n",
    EXPECT, { E ("required", "spec.egress[0].toPorts[0].listener", 12, 17) } },
  { "TLS without secret", EPORTS "      - {port: \"443\", protocol: TCP}\n      terminatingTLS: {trustedCA: ca.crt}\n",
    EXPECT, { E ("required", "spec.egress[0].toPorts[0].terminatingTLS", 12, 23) } },

  /* ICMP */
  { "ICMP types", EGR "  - icmps:\n    - fields:\n      - {type: 8, family: IPv4}\n      - {type: EchoRequest}\n"
    "      - {type: PacketTooBig, family: IPv6}\n", CLEAN, { { 0 } } },
  { "ICMP type out of range", EGR "  - icmps: [{fields: [{type: 300}]}]\n", EXPECT,
    { E ("invalid-icmp-type", EPATH ".icmps[0].fields[0].type", 9, 30) } },
  { "ICMP name of the other family", EGR "  - icmps: [{fields: [{type: PacketTooBig}]}]\n", EXPECT,
    { E ("invalid-icmp-type", EPATH ".icmps[0].fields[0].type", 9, 30) } },
  { "ICMP family in lower case", EGR "  - icmps: [{fields: [{type: 8, family: ipv4}]}]\n", EXPECT,
    { E ("invalid-icmp-family", EPATH ".icmps[0].fields[0].family", 9, 41) } },
  { "ICMP type missing", EGR "  - icmps: [{fields: [{family: IPv4}]}]\n", EXPECT,
    { E ("required", EPATH ".icmps[0].fields[0].type", 9, 23) } },

  /* Authentication */
  { "authentication", ING "  - fromEntities: [cluster]\n    authentication: {mode: required}\n", CLEAN, { { 0 } } },
  { "authentication mode", ING "  - fromEntities: [cluster]\n    authentication: {mode: strict}\n", EXPECT,
    { E ("invalid-value", IPATH ".authentication.mode", 10, 28) } },
  { "authentication in a deny rule", IDENY "  - fromEntities: [cluster]\n    authentication: {mode: required}\n",
    EXPECT, { E ("unknown-field", "spec.ingressDeny[0].authentication", 10, 5) } },
  { "the old auth field", EGR "  - toEntities: [cluster]\n    auth: {type: \"null\"}\n", EXPECT,
    { EM ("renamed-field", EPATH ".auth", 10, 5, "Cilium 1.14") } },

  /* Peer selectors */
  { "selector with sources", ING "  - fromEndpoints:\n    - matchLabels:\n        k8s:app: web\n        any:tier: db\n"
    "        io.cilium.k8s.namespace.labels.team: a\n        reserved:host: \"\"\n", CLEAN, { { 0 } } },
  { "unknown reserved label", ING "  - fromEndpoints: [{matchLabels: {\"reserved:everything\": \"\"}}]\n", EXPECT,
    { W ("unknown-reserved-label", IPATH ".fromEndpoints[0].matchLabels.reserved:everything", 9, 36) } },
  { "unknown label source", ING "  - fromEndpoints: [{matchLabels: {\"foo:app\": web}}]\n", EXPECT,
    { EM ("invalid-label-key", IPATH ".fromEndpoints[0].matchLabels.foo:app", 9, 36, "label source") } },
  { "operator in lower case", ING "  - fromEndpoints:\n    - matchExpressions:\n      - key: \"k8s:io.kubernetes.pod.namespace\"\n"
    "        operator: \"in\"\n        values: [production]\n", EXPECT,
    { EM ("invalid-operator", IPATH ".fromEndpoints[0].matchExpressions[0].operator", 12, 19, "did you mean “In”") } },
  { "In without values", ING "  - fromEndpoints: [{matchExpressions: [{key: app, operator: In}]}]\n", EXPECT,
    { E ("selector-values", IPATH ".fromEndpoints[0].matchExpressions[0].values", 9, 41) } },
  { "Exists with values", ING "  - fromEndpoints: [{matchExpressions: [{key: app, operator: Exists, values: [a]}]}]\n", EXPECT,
    { E ("selector-values", IPATH ".fromEndpoints[0].matchExpressions[0].values", 9, 78) } },
  { "label value invalid", ING "  - fromEndpoints: [{matchLabels: {app: -web}}]\n", EXPECT,
    { E ("invalid-label-value", IPATH ".fromEndpoints[0].matchLabels.app", 9, 41) } },
  { "label value a boolean", ING "  - fromEndpoints: [{matchLabels: {enabled: true}}]\n", EXPECT,
    { E ("wrong-type", IPATH ".fromEndpoints[0].matchLabels.enabled", 9, 45) } },
  { "fromRequires", ING "  - fromEndpoints: [{}]\n    fromRequires: [{matchLabels: {env: prod}}]\n", EXPECT,
    { WM ("deprecated-field", IPATH ".fromRequires", 10, 5, "Cilium 1.19") } },
  { "fromNodes", ING "  - fromNodes: [{matchLabels: {role: worker}}]\n", EXPECT,
    { WM ("needs-agent-option", IPATH ".fromNodes", 9, 5, "enable-node-selector-labels") } },
  { "toGroups", EGR "  - toGroups: [{aws: {securityGroupsIds: [sg-1], region: eu-west-1}}]\n", CLEAN, { { 0 } } },

  /* Services */
  { "toServices", EGR "  - toServices:\n    - k8sService: {serviceName: db, namespace: default}\n"
    "    - k8sServiceSelector: {selector: {matchLabels: {app: db}}}\n", CLEAN, { { 0 } } },
  { "empty toServices entry", EGR "  - toServices: [{}]\n", EXPECT,
    { WM ("empty-service", EPATH ".toServices[0]", 9, 18, "every Cilium version") } },
  { "k8sService without a name", EGR "  - toServices: [{k8sService: {namespace: default}}]\n", EXPECT,
    { E ("required", EPATH ".toServices[0].k8sService.serviceName", 9, 31) } },
  { "toServices with toPorts", EGR "  - toServices: [{k8sService: {serviceName: db}}]\n    toPorts: [{ports: [{port: \"5432\"}]}]\n",
    EXPECT, { W ("version-dependent-combination", EPATH ".toPorts", 10, 5) } },

  /* Reading: values of the wrong shape make the policy unreadable */
  { "toPorts is a number", EGR "  - toPorts: 3\n", LOAD, { E ("wrong-type", EPATH ".toPorts", 9, 14) } },
  { "spec is a list", META "spec: []\n", LOAD, { E ("wrong-type", "spec", 6, 7) } },
  { "fromEndpoints is a mapping", ING "  - fromEndpoints: {app: web}\n", LOAD,
    { E ("wrong-type", IPATH ".fromEndpoints", 9, 20) } },
  { "matchLabels is a list", ING "  - fromEndpoints: [{matchLabels: [app]}]\n", LOAD,
    { E ("wrong-type", IPATH ".fromEndpoints[0].matchLabels", 9, 35) } },
  { "a port is a list", EPORTS "      - port: [80]\n", LOAD, { E ("wrong-type", PORT0 ".port", 11, 15) } },
  { "the policy is a list", "- a\n", LOAD, { E ("wrong-type", "", 1, 1) } },
};

static NpCiliumPolicy *
read_policy (const char *yaml, GPtrArray *diagnostics)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  g_autoptr(NpNode) root = np_yaml_parse_one (yaml, strlen (yaml), &diagnostic);

  g_assert_no_error (NULL);
  if (root == NULL)
    g_error ("cannot parse: %s\n%s", diagnostic ? np_diagnostic_get_message (diagnostic) : "empty", yaml);
  return np_cilium_policy_new_from_node (root, diagnostics);
}

static GPtrArray *
diagnose (const Case *c, gboolean *loaded)
{
  GPtrArray *diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpCiliumPolicy) policy = read_policy (c->yaml, diagnostics);

  *loaded = policy != NULL;
  if (policy != NULL)
    np_cilium_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
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

/* The first diagnostic of @code in @diagnostics, or NULL */
static NpDiagnostic *
find_code (GPtrArray *diagnostics, const char *code)
{
  for (guint i = 0; i < diagnostics->len; i++)
    if (g_str_equal (np_diagnostic_get_code (g_ptr_array_index (diagnostics, i)), code))
      return g_ptr_array_index (diagnostics, i);
  return NULL;
}

/* Both validators check ObjectMeta and label selectors with one set of
 * checks (np-validator-base.c): the same findings in the same words. The
 * Cilium validator lacked the API server's 256 KiB limit on annotations
 * before, which every object has. */
static void
test_shared_metadata_checks (void)
{
  static const char * const heads[] = {
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n",
  };
  static const char * const specs[] = {
    "spec:\n  endpointSelector:\n    matchLabels: {app: -web}\n  ingress: [{}]\n",
    "spec:\n  podSelector:\n    matchLabels: {app: -web}\n",
  };
  static const char * const codes[] = { "invalid-label-key", "invalid-label-value", "annotations-too-long" };
  char *messages[G_N_ELEMENTS (codes)][2] = { { NULL } };

  for (guint kind = 0; kind < 2; kind++)
    for (guint size = 256 * 1024; size <= 256 * 1024 + 1; size++)
      {
        g_autoptr(GString) yaml = g_string_new (heads[kind]);
        g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(NpNode) root = NULL;
        gboolean over = size > 256 * 1024;

        /* one annotation "a" whose key and value add up to @size bytes */
        g_string_append (yaml, "metadata:\n  name: test\n  namespace: default\n"
                               "  labels: {Example.com/abc: x}\n  annotations:\n    a: ");
        for (guint i = 0; i < size - 1; i++)
          g_string_append_c (yaml, 'x');
        g_string_append_printf (yaml, "\n%s", specs[kind]);
        root = np_yaml_parse_one (yaml->str, yaml->len, NULL);
        g_assert_nonnull (root);
        if (kind == 0)
          g_assert_true (np_cilium_validate_node (root, NP_VALIDATE_DEFAULT, diagnostics));
        else
          g_assert_true (np_policy_validate_node (root, NP_VALIDATE_DEFAULT, diagnostics));

        g_assert_cmpint (find_code (diagnostics, "annotations-too-long") != NULL, ==, over);
        if (!over)
          continue;
        g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (codes));
        for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
          {
            NpDiagnostic *d = find_code (diagnostics, codes[c]);

            g_assert_nonnull (d);
            g_assert_cmpint (np_diagnostic_get_severity (d), ==, NP_SEVERITY_ERROR);
            messages[c][kind] = g_strdup (np_diagnostic_get_message (d));
          }
      }
  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    {
      g_assert_cmpstr (messages[c][0], ==, messages[c][1]);
      g_free (messages[c][0]);
      g_free (messages[c][1]);
    }
}

/* Every finding is a sentence, positioned, with a well-formed field path. */
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

          if (message == NULL || !g_str_has_suffix (message, "."))
            np_test_case_failed (c->name, diagnostics, "the message of “%s” does not end in a full stop: %s",
                                 code, message);
          if ((path == NULL || *path == '\0') && !g_str_equal (code, "wrong-type"))
            np_test_case_failed (c->name, diagnostics, "“%s” concerns a field but has no path", code);
          if (path != NULL && (g_str_has_prefix (path, ".") || g_str_has_suffix (path, ".") ||
                               strchr (path, ' ') != NULL))
            np_test_case_failed (c->name, diagnostics, "“%s” has a malformed path “%s”", code, path);
          if (np_diagnostic_get_line (d) == 0)
            np_test_case_failed (c->name, diagnostics, "“%s” has no position", code);
        }
    }
}

/* Edits -------------------------------------------------------------------- */

static const char rich_policy[] =
  "apiVersion: cilium.io/v2\n"
  "kind: CiliumNetworkPolicy\n"
  "x-first: 1\n"
  "metadata:\n"
  "  name: web\n"
  "  namespace: shop\n"
  "  x-meta: kept\n"
  "spec:\n"
  "  x-rule: {b: 2, a: 1}\n"
  "  endpointSelector:\n"
  "    matchLabels:\n"
  "      app: web\n"
  "    x-selector: kept\n"
  "  ingress:\n"
  "  - fromEndpoints:\n"
  "    - matchLabels:\n"
  "        k8s:app: frontend\n"
  "    toPorts:\n"
  "    - ports:\n"
  "      - port: \"80\"\n"
  "        protocol: TCP\n"
  "        x-port: kept\n"
  "      rules:\n"
  "        http:\n"
  "        - method: GET\n"
  "          path: /api\n"
  "          headers: ['X-A: 1']\n"
  "  egress:\n"
  "  - toFQDNs:\n"
  "    - matchPattern: '*.example.com'\n"
  "  - icmps:\n"
  "    - fields:\n"
  "      - type: 8\n"
  "        family: IPv4\n"
  "  - toCIDRSet:\n"
  "    - cidr: 10.0.0.0/8\n"
  "      except: [10.96.0.0/12]\n"
  "    authentication:\n"
  "      mode: required\n"
  "x-last: [1, 2]\n";

static void
count_changed (gpointer data)
{
  guint *count = data;

  (*count)++;
}

static void
test_views (void)
{
  g_autoptr(NpCiliumPolicy) policy = read_policy (rich_policy, NULL);
  GListModel *rules = np_cilium_policy_get_rules (policy);
  g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, 0);
  g_autoptr(NpCiliumRuleEntry) in = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_INGRESS), 0);
  g_autoptr(NpCiliumRuleEntry) fqdn = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS), 0);
  g_autoptr(NpCiliumRuleEntry) icmp = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS), 1);
  g_autoptr(NpCiliumRuleEntry) cidr = g_list_model_get_item (np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS), 2);
  g_autoptr(NpLabelSelector) es = np_cilium_rule_get_endpoint_selector (rule);
  g_autoptr(GPtrArray) selectors = np_cilium_rule_entry_get_selectors (in, NP_CILIUM_PEER_ENDPOINTS);
  g_autoptr(GPtrArray) ports = np_cilium_rule_entry_get_ports (in, 0);
  g_autoptr(GPtrArray) http = np_cilium_rule_entry_get_http_rules (in, 0);
  g_autoptr(GPtrArray) fqdns = np_cilium_rule_entry_get_fqdns (fqdn);
  g_autoptr(GPtrArray) fields = np_cilium_rule_entry_get_icmp_fields (icmp);
  g_autoptr(GPtrArray) cidr_rules = np_cilium_rule_entry_get_cidr_rules (cidr);
  g_autofree char *es_text = np_label_selector_to_string (es);
  g_autofree char *peer_text = np_label_selector_to_string (g_ptr_array_index (selectors, 0));
  g_autofree char *path = np_cilium_rule_entry_get_path (cidr);
  NpCiliumPort *port;
  NpCiliumHttpRule *h;
  NpCiliumCidrRule *cr;

  g_assert_false (np_cilium_policy_is_clusterwide (policy));
  g_assert_cmpstr (np_cilium_policy_get_name (policy), ==, "web");
  g_assert_cmpstr (np_cilium_policy_get_namespace (policy), ==, "shop");
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 1);
  g_assert_cmpstr (es_text, ==, "app=web");
  g_assert_cmpstr (peer_text, ==, "k8s:app=frontend");
  g_assert_false (np_cilium_rule_is_host_policy (rule));
  g_assert_true (np_cilium_rule_enables_default_deny (rule, NP_DIRECTION_INGRESS));
  g_assert_true (np_cilium_rule_enables_default_deny (rule, NP_DIRECTION_EGRESS));

  g_assert_cmpint (np_cilium_rule_entry_get_peer_kind (in), ==, NP_CILIUM_PEER_ENDPOINTS);
  g_assert_cmpuint (np_cilium_rule_entry_get_n_port_rules (in), ==, 1);
  port = g_ptr_array_index (ports, 0);
  g_assert_cmpstr (port->port, ==, "80");
  g_assert_cmpstr (port->protocol, ==, "TCP");
  g_assert_cmpint (port->end_port, ==, 0);
  g_assert_cmpint (np_cilium_rule_entry_get_l7_kind (in, 0), ==, NP_CILIUM_L7_HTTP);
  h = g_ptr_array_index (http, 0);
  g_assert_cmpstr (h->method, ==, "GET");
  g_assert_cmpstr (h->path, ==, "/api");
  g_assert_cmpstr (h->headers[0], ==, "X-A: 1");

  g_assert_cmpint (np_cilium_rule_entry_get_peer_kind (fqdn), ==, NP_CILIUM_PEER_FQDNS);
  g_assert_cmpstr (((NpCiliumFqdn *) g_ptr_array_index (fqdns, 0))->match_pattern, ==, "*.example.com");
  g_assert_cmpint (np_cilium_rule_entry_get_peer_kind (icmp), ==, NP_CILIUM_PEER_NONE);
  g_assert_cmpstr (((NpCiliumIcmpField *) g_ptr_array_index (fields, 0))->type, ==, "8");
  g_assert_cmpstr (((NpCiliumIcmpField *) g_ptr_array_index (fields, 0))->family, ==, "IPv4");
  cr = g_ptr_array_index (cidr_rules, 0);
  g_assert_cmpstr (cr->cidr, ==, "10.0.0.0/8");
  g_assert_cmpstr (cr->except[0], ==, "10.96.0.0/12");
  g_assert_cmpstr (np_cilium_rule_entry_get_authentication (cidr), ==, "required");
  g_assert_cmpstr (path, ==, "spec.egress[2]");
}

/* Edits change the tree in place: untouched and unknown fields stay, in
 * their order; every edit is one "changed". */
static void
test_edits_keep_unknown_fields (void)
{
  static const char expected[] =
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumNetworkPolicy\n"
    "x-first: 1\n"
    "metadata:\n"
    "  name: web-v2\n"
    "  namespace: shop\n"
    "  x-meta: kept\n"
    "spec:\n"
    "  x-rule:\n"
    "    b: 2\n"
    "    a: 1\n"
    "  endpointSelector:\n"
    "    matchLabels:\n"
    "      app: web\n"
    "      tier: front\n"
    "    x-selector: kept\n"
    "  ingress:\n"
    "  - fromEndpoints:\n"
    "    - matchLabels:\n"
    "        k8s:app: frontend\n"
    "    - matchLabels:\n"
    "        k8s:io.kubernetes.pod.namespace: monitoring\n"
    "    toPorts:\n"
    "    - ports:\n"
    "      - port: \"80\"\n"
    "        protocol: TCP\n"
    "        x-port: kept\n"
    "      - port: \"8080\"\n"
    "        endPort: 8090\n"
    "        protocol: TCP\n"
    "      rules:\n"
    "        http:\n"
    "        - method: GET\n"
    "          path: /api\n"
    "          headers:\n"
    "          - 'X-A: 1'\n"
    "  egress:\n"
    "  - toFQDNs:\n"
    "    - matchPattern: '*.example.com'\n"
    "    - matchName: api.example.com\n"
    "  - toCIDRSet:\n"
    "    - cidr: 10.0.0.0/8\n"
    "      except:\n"
    "      - 10.96.0.0/12\n"
    "    authentication:\n"
    "      mode: required\n"
    "  - toEntities:\n"
    "    - world\n"
    "  description: edited\n"
    "  enableDefaultDeny:\n"
    "    egress: false\n"
    "x-last:\n"
    "- 1\n"
    "- 2\n";
  g_autoptr(NpCiliumPolicy) policy = read_policy (rich_policy, NULL);
  g_autoptr(NpCiliumRule) rule = g_list_model_get_item (np_cilium_policy_get_rules (policy), 0);
  GListModel *ingress = np_cilium_rule_get_entries (rule, NP_CILIUM_INGRESS);
  GListModel *egress = np_cilium_rule_get_entries (rule, NP_CILIUM_EGRESS);
  g_autoptr(NpCiliumRuleEntry) in = g_list_model_get_item (ingress, 0);
  g_autoptr(NpCiliumRuleEntry) fqdn = g_list_model_get_item (egress, 0);
  g_autoptr(NpCiliumRuleEntry) icmp = g_list_model_get_item (egress, 1);
  g_autoptr(NpCiliumRuleEntry) cidr = g_list_model_get_item (egress, 2);
  g_autoptr(NpLabelSelector) es = np_cilium_rule_get_endpoint_selector (rule);
  g_autoptr(NpLabelSelector) peer = np_label_selector_new ();
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *written = NULL;
  g_autofree char *cidr_path = NULL;
  NpCiliumRuleEntry *world;
  guint changes = 0;

  g_signal_connect_swapped (policy, "changed", G_CALLBACK (count_changed), &changes);

  np_cilium_policy_set_name (policy, "web-v2");
  g_assert_cmpuint (changes, ==, 1);
  np_cilium_policy_set_name (policy, "web-v2");
  g_assert_cmpuint (changes, ==, 1);

  np_label_selector_set_label (es, "tier", "front");
  np_cilium_rule_set_endpoint_selector (rule, es);
  g_assert_cmpuint (changes, ==, 2);

  np_label_selector_set_label (peer, "k8s:io.kubernetes.pod.namespace", "monitoring");
  np_cilium_rule_entry_add_selector (in, NP_CILIUM_PEER_ENDPOINTS, peer);
  np_cilium_rule_entry_add_port (in, 0, "8080", 8090, "TCP");
  np_cilium_rule_entry_add_fqdn (fqdn, "api.example.com", NULL);
  g_assert_cmpuint (changes, ==, 5);

  /* Removing an item shifts the views after it. */
  np_cilium_rule_remove_entry (rule, icmp);
  g_assert_null (np_cilium_rule_entry_get_rule (icmp));
  g_assert_cmpuint (g_list_model_get_n_items (egress), ==, 2);
  cidr_path = np_cilium_rule_entry_get_path (cidr);
  g_assert_cmpstr (cidr_path, ==, "spec.egress[1]");

  /* Several edits, one change. */
  np_cilium_policy_begin_change (policy);
  world = np_cilium_rule_add_entry (rule, NP_CILIUM_EGRESS);
  np_cilium_rule_entry_add_entity (world, "world");
  np_cilium_rule_set_description (rule, "edited");
  np_cilium_rule_set_default_deny (rule, NP_DIRECTION_EGRESS, TRUE, FALSE);
  np_cilium_policy_end_change (policy);
  g_assert_cmpuint (changes, ==, 7);

  written = np_yaml_write (np_cilium_policy_get_node (policy), 0, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_false (np_cilium_rule_enables_default_deny (rule, NP_DIRECTION_EGRESS));

  np_cilium_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
  /* x-* fields are unknown: the validator says so, the edits kept them. */
  g_assert_true (np_diagnostics_have_errors (diagnostics));
}

static void
test_edit_null_items (void)
{
  static const char yaml[] =
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumClusterwideNetworkPolicy\n"
    "metadata: {name: t}\n"
    "specs:\n"
    "- \n"
    "- endpointSelector: {}\n"
    "  egress:\n"
    "  - \n";
  static const char expected[] =
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumClusterwideNetworkPolicy\n"
    "metadata:\n"
    "  name: t\n"
    "specs:\n"
    "- nodeSelector: {}\n"
    "- endpointSelector: {}\n"
    "  egress:\n"
    "  - toPorts:\n"
    "    - ports:\n"
    "      - port: \"53\"\n"
    "        protocol: UDP\n";
  g_autoptr(NpCiliumPolicy) policy = read_policy (yaml, NULL);
  GListModel *rules = np_cilium_policy_get_rules (policy);
  g_autoptr(NpCiliumRule) first = g_list_model_get_item (rules, 0);
  g_autoptr(NpCiliumRule) second = g_list_model_get_item (rules, 1);
  g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (np_cilium_rule_get_entries (second, NP_CILIUM_EGRESS), 0);
  g_autoptr(NpLabelSelector) all = np_label_selector_new ();
  g_autofree char *written = NULL;

  g_assert_true (np_cilium_policy_is_clusterwide (policy));
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 2);
  np_cilium_rule_set_node_selector (first, all);
  g_assert_true (np_cilium_rule_is_host_policy (first));
  np_cilium_rule_entry_add_port (entry, -1, "53", 0, "UDP");
  written = np_yaml_write (np_cilium_policy_get_node (policy), 0, NULL);
  g_assert_cmpstr (written, ==, expected);
}

static void
test_add_and_remove_rules (void)
{
  g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (FALSE);
  GListModel *rules = np_cilium_policy_get_rules (policy);
  g_autoptr(NpLabelSelector) all = np_label_selector_new ();
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *written = NULL;
  g_autofree char *second_path = NULL;
  NpCiliumRule *first, *second, *third;

  np_cilium_policy_set_name (policy, "built");
  np_cilium_policy_set_namespace (policy, "default");
  first = np_cilium_policy_add_rule (policy);
  second = np_cilium_policy_add_rule (policy);
  third = np_cilium_policy_add_rule (policy);
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 3);
  np_cilium_rule_set_endpoint_selector (first, all);
  np_cilium_rule_add_entry (first, NP_CILIUM_INGRESS);
  np_cilium_rule_set_endpoint_selector (third, all);
  np_cilium_rule_add_entry (third, NP_CILIUM_EGRESS);
  g_object_ref (second);
  np_cilium_policy_remove_rule (policy, second);
  g_assert_null (np_cilium_rule_get_policy (second));
  g_object_unref (second);
  second = g_list_model_get_item (rules, 1);
  second_path = np_cilium_rule_get_path (second);
  g_assert_cmpstr (second_path, ==, "specs[0]");
  g_object_unref (second);

  written = np_yaml_write (np_cilium_policy_get_node (policy), 0, NULL);
  g_assert_cmpstr (written, ==,
                   "apiVersion: cilium.io/v2\n"
                   "kind: CiliumNetworkPolicy\n"
                   "metadata:\n"
                   "  name: built\n"
                   "  namespace: default\n"
                   "spec:\n"
                   "  endpointSelector: {}\n"
                   "  ingress:\n"
                   "  - {}\n"
                   "specs:\n"
                   "- endpointSelector: {}\n"
                   "  egress:\n"
                   "  - {}\n");
  np_cilium_policy_validate (policy, NP_VALIDATE_DEFAULT, diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
test_copy_is_independent (void)
{
  g_autoptr(NpCiliumPolicy) policy = read_policy (rich_policy, NULL);
  g_autoptr(NpCiliumPolicy) copy = np_cilium_policy_copy (policy);

  g_assert_true (np_node_equal (np_cilium_policy_get_node (policy), np_cilium_policy_get_node (copy)));
  np_cilium_policy_set_name (copy, "other");
  g_assert_cmpstr (np_cilium_policy_get_name (policy), ==, "web");
  g_assert_false (np_node_equal (np_cilium_policy_get_node (policy), np_cilium_policy_get_node (copy)));
}

/* Namespaces (semantics §2.2) --------------------------------------------------- */

static const struct {
  const char *name;
  gboolean    clusterwide;
  const char *rule_selector;  /* the rule's endpointSelector, Kubernetes syntax */
  const char *selector;       /* Kubernetes selector syntax */
  gboolean    peer;
  const char *expected;
} injections[] = {
  { "namespaced: rule selector", FALSE, "", "app=web", FALSE,
    "any:app=web, k8s:io.kubernetes.pod.namespace=shop" },
  { "namespaced: another namespace in the rule selector is replaced", FALSE, "",
    "k8s:io.kubernetes.pod.namespace=other, app=web", FALSE, "any:app=web, k8s:io.kubernetes.pod.namespace=shop" },
  { "namespaced: {} peer is the same namespace", FALSE, "", "", TRUE, "k8s:io.kubernetes.pod.namespace=shop" },
  { "namespaced: peer keeps its source", FALSE, "", "k8s:app=db", TRUE,
    "k8s:app=db, k8s:io.kubernetes.pod.namespace=shop" },
  { "namespaced: peer in another namespace", FALSE, "", "k8s:io.kubernetes.pod.namespace=other, app=db", TRUE,
    "k8s:io.kubernetes.pod.namespace=other, any:app=db" },
  { "namespaced: namespace without source", FALSE, "", "io.kubernetes.pod.namespace=other", TRUE,
    "any:io.kubernetes.pod.namespace=other" },
  { "namespaced: any namespace", FALSE, "", "k8s:io.kubernetes.pod.namespace", TRUE,
    "k8s:io.kubernetes.pod.namespace" },
  { "namespaced: by namespace labels", FALSE, "", "io.cilium.k8s.namespace.labels.team=a", TRUE,
    "any:io.cilium.k8s.namespace.labels.team=a" },
  { "namespaced: reserved identity", FALSE, "", "reserved:host", TRUE, "reserved:host" },
  { "clusterwide: rule selector unchanged", TRUE, "", "app=web", FALSE, "any:app=web" },
  { "clusterwide: {} peer is every managed pod", TRUE, "", "", TRUE, "k8s:io.kubernetes.pod.namespace" },
  { "clusterwide: peer", TRUE, "", "app=db", TRUE, "any:app=db, k8s:io.kubernetes.pod.namespace" },
  { "clusterwide: peer pinned to a namespace", TRUE, "", "k8s:io.kubernetes.pod.namespace=kube-system", TRUE,
    "k8s:io.kubernetes.pod.namespace=kube-system" },
  { "clusterwide: initializing endpoints", TRUE, "reserved:init", "", TRUE, "" },
};

static void
test_namespace_injection (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (injections); i++)
    {
      g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (injections[i].clusterwide);
      g_autoptr(NpLabelSelector) rule_selector = np_label_selector_new_from_string (injections[i].rule_selector, NULL);
      g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string (injections[i].selector, NULL);
      g_autoptr(NpLabelSelector) effective = NULL;
      g_autofree char *text = NULL;
      NpCiliumRule *rule;

      g_assert_nonnull (rule_selector);
      g_assert_nonnull (selector);
      if (!injections[i].clusterwide)
        np_cilium_policy_set_namespace (policy, "shop");
      rule = np_cilium_policy_add_rule (policy);
      np_cilium_rule_set_endpoint_selector (rule, rule_selector);
      effective = np_cilium_policy_effective_selector (policy, rule, selector, injections[i].peer);
      text = np_label_selector_to_string (effective);
      if (g_strcmp0 (text, injections[i].expected) != 0)
        g_test_fail_printf ("%s: got “%s”, expected “%s”", injections[i].name, text, injections[i].expected);
    }
}

/* Documents ------------------------------------------------------------------------ */

static NpManifest *
load_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  NpManifest *manifest = np_manifest_new ();

  g_assert_true (np_manifest_load_bytes (manifest, bytes, "test.yaml", &error));
  g_assert_no_error (error);
  return manifest;
}

static void
test_documents (void)
{
  static const char text[] =
    "# policies\n"
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumNetworkPolicy\n"
    "metadata: {name: a, namespace: default}\n"
    "spec: {endpointSelector: {}, ingress: [{}]}\n"
    "---\n"
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumClusterwideNetworkPolicy\n"
    "metadata: {name: b}\n"
    "spec: {endpointSelector: {}, egress: [{}]}\n"
    "---\n"
    "apiversion: cilium.io/v2\n"
    "kind: CiliumNetworkPolicy\n"
    "metadata: {name: c, namespace: default}\n"
    "spec: {endpointSelector: {}, ingress: [{}]}\n"
    "---\n"
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumNetworkPolicyy\n"
    "metadata: {name: d, namespace: default}\n"
    "spec: {endpointSelector: {}, ingress: [{}]}\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: List\n"
    "items:\n"
    "- apiVersion: networking.k8s.io/v1\n"
    "  kind: NetworkPolicy\n"
    "  metadata: {name: e, namespace: default}\n"
    "  spec: {podSelector: {}}\n"
    "- apiVersion: cilium.io/v2\n"
    "  kind: CiliumNetworkPolicy\n"
    "  metadata: {name: f, namespace: default}\n"
    "  spec: {endpointSelector: {}, ingress: [{}]}\n"
    "---\n"
    "apiVersion: cilium.io/v2\n"
    "kind: CiliumEnvoyConfig\n"
    "metadata: {name: g}\n"
    "---\n"
    "kind: CiliumNetworkPolicy\n"
    "metadata: {name: h, namespace: default}\n"
    "spec: {endpointSelector: {}, ingress: [{toPorts: 3}]}\n";
  static const NpDocumentKind kinds[] = {
    NP_DOCUMENT_CILIUM_POLICY, NP_DOCUMENT_CILIUM_POLICY, NP_DOCUMENT_CILIUM_POLICY, NP_DOCUMENT_CILIUM_POLICY,
    NP_DOCUMENT_LIST, NP_DOCUMENT_OTHER, NP_DOCUMENT_CILIUM_POLICY,
  };
  g_autoptr(NpManifest) manifest = load_text (text);
  GListModel *documents = np_manifest_get_documents (manifest);
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) in_list = NULL;
  g_autoptr(GObject) k8s = NULL;
  g_autoptr(NpDocument) list = NULL;
  g_autoptr(NpDocument) broken = NULL;
  gboolean have_wrong_kind = FALSE, have_apiversion = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, i);

      g_assert_cmpint (np_document_get_kind (document), ==, kinds[i]);
    }
  /* a, b, c, d, e (NetworkPolicy), f; h cannot be read */
  g_assert_cmpuint (g_list_model_get_n_items (policies), ==, 6);
  first = g_list_model_get_item (policies, 0);
  k8s = g_list_model_get_item (policies, 4);
  in_list = g_list_model_get_item (policies, 5);
  g_assert_true (NP_IS_CILIUM_POLICY (first));
  g_assert_true (NP_IS_POLICY (k8s));
  g_assert_true (NP_IS_CILIUM_POLICY (in_list));
  broken = g_list_model_get_item (documents, 6);
  g_assert_cmpuint (np_document_get_load_diagnostics (broken)->len, ==, 1);

  np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (np_diagnostic_get_code (d), "wrong-kind") && np_diagnostic_get_line (d) == 18)
        have_wrong_kind = TRUE;
      if (g_str_equal (np_diagnostic_get_code (d), "unknown-field") && np_diagnostic_get_line (d) == 12)
        have_apiversion = TRUE;
    }
  g_assert_true (have_wrong_kind);
  g_assert_true (have_apiversion);

  /* Untouched: byte for byte. */
  saved = np_manifest_to_bytes (manifest);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), text, strlen (text));
  g_clear_pointer (&saved, g_bytes_unref);

  /* One edit: that document only is written again, its comment kept. */
  np_cilium_policy_set_name (NP_CILIUM_POLICY (first), "a2");
  np_cilium_policy_set_name (NP_CILIUM_POLICY (in_list), "f2");
  g_assert_true (np_manifest_get_modified (manifest));
  saved = np_manifest_to_bytes (manifest);
  {
    const char *data = g_bytes_get_data (saved, NULL);
    g_autofree char *copy = g_strndup (data, g_bytes_get_size (saved));

    g_assert_true (g_str_has_prefix (copy, "# policies\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"
                                           "metadata:\n  name: a2\n"));
    g_assert_nonnull (strstr (copy, "---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\n"
                                    "metadata: {name: b}\n"));
    g_assert_nonnull (strstr (copy, "name: f2"));
    g_assert_nonnull (strstr (copy, "spec: {endpointSelector: {}, ingress: [{toPorts: 3}]}\n"));
  }
  /* The document's tree is still the data as read. */
  list = g_list_model_get_item (documents, 4);
  g_assert_cmpstr (np_node_get_text (np_node_lookup (np_node_lookup (np_node_get_item (
                     np_node_lookup (np_document_get_root (list), "items"), 1), "metadata"), "name")), ==, "f");
}

static void
test_new_document (void)
{
  g_autoptr(NpCiliumPolicy) policy = np_cilium_policy_new (TRUE);
  g_autoptr(NpLabelSelector) all = np_label_selector_new ();
  g_autoptr(NpDocument) document = NULL;
  g_autoptr(GString) out = g_string_new ("a: 1\n");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  NpCiliumRule *rule;

  np_cilium_policy_set_name (policy, "new");
  rule = np_cilium_policy_add_rule (policy);
  np_cilium_rule_set_endpoint_selector (rule, all);
  np_cilium_rule_add_entry (rule, NP_CILIUM_EGRESS);
  document = np_document_new_for_policy (policy);
  g_assert_cmpint (np_document_get_kind (document), ==, NP_DOCUMENT_CILIUM_POLICY);
  g_assert_cmpstr (np_document_get_object_kind (document), ==, "CiliumClusterwideNetworkPolicy");
  g_assert_cmpstr (np_document_get_object_name (document), ==, "new");
  np_document_write (document, out);
  g_assert_cmpstr (out->str, ==,
                   "a: 1\n---\n"
                   "apiVersion: cilium.io/v2\n"
                   "kind: CiliumClusterwideNetworkPolicy\n"
                   "metadata:\n"
                   "  name: new\n"
                   "spec:\n"
                   "  endpointSelector: {}\n"
                   "  egress:\n"
                   "  - {}\n");
  np_document_validate (document, NP_VALIDATE_DEFAULT, diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

/* A JSON file keeps being JSON when one of its Cilium policies changes. */
static void
test_json (void)
{
  static const char text[] =
    "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\",\n"
    " \"metadata\": {\"name\": \"a\", \"namespace\": \"default\"},\n"
    " \"spec\": {\"endpointSelector\": {}, \"ingress\": [{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}]}]}]}}\n";
  g_autoptr(NpManifest) manifest = load_text (text);
  g_autoptr(GListModel) policies = np_manifest_list_policies (manifest);
  g_autoptr(GObject) policy = g_list_model_get_item (policies, 0);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(NpNode) reread = NULL;
  g_autoptr(NpDiagnostic) diagnostic = NULL;

  g_assert_true (NP_IS_CILIUM_POLICY (policy));
  np_cilium_policy_set_namespace (NP_CILIUM_POLICY (policy), "prod");
  saved = np_manifest_to_bytes (manifest);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (saved, NULL), "{\n"));
  reread = np_yaml_parse_one (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &diagnostic);
  g_assert_nonnull (reread);
  g_assert_cmpstr (np_node_get_text (np_node_lookup (np_node_lookup (reread, "metadata"), "namespace")), ==, "prod");
  g_assert_cmpstr (np_node_get_text (np_node_lookup (np_node_get_item (np_node_lookup (np_node_get_item (
                     np_node_lookup (np_node_get_item (np_node_lookup (np_node_lookup (reread, "spec"), "ingress"), 0),
                                     "toPorts"), 0), "ports"), 0), "port")), ==, "80");
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/cilium/table", test_table);
  g_test_add_func ("/cilium/messages", test_messages);
  g_test_add_func ("/cilium/shared-metadata-checks", test_shared_metadata_checks);
  g_test_add_func ("/cilium/views", test_views);
  g_test_add_func ("/cilium/edits-keep-unknown-fields", test_edits_keep_unknown_fields);
  g_test_add_func ("/cilium/edit-null-items", test_edit_null_items);
  g_test_add_func ("/cilium/add-and-remove-rules", test_add_and_remove_rules);
  g_test_add_func ("/cilium/copy", test_copy_is_independent);
  g_test_add_func ("/cilium/namespace-injection", test_namespace_injection);
  g_test_add_func ("/cilium/documents", test_documents);
  g_test_add_func ("/cilium/new-document", test_new_document);
  g_test_add_func ("/cilium/json", test_json);

  return g_test_run ();
}
