/* test-convert.c: table tests of NetworkPolicy <-> Cilium policy conversion
 * (semantics §2.2, §2.3), every kind of loss, and the corpus
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-validator.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"
#include "np-test-util.h"

#define K8S_HEAD \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: web, namespace: shop}\n" \
  "spec:\n"
#define CNP_HEAD \
  "apiVersion: cilium.io/v2\n" \
  "kind: CiliumNetworkPolicy\n" \
  "metadata: {name: web, namespace: shop}\n"
#define CCNP_HEAD \
  "apiVersion: cilium.io/v2\n" \
  "kind: CiliumClusterwideNetworkPolicy\n" \
  "metadata: {name: web}\n"
/* what a Cilium policy with these specs turns into, line 4 on */
#define K8S_OUT \
  "apiVersion: networking.k8s.io/v1\n" \
  "kind: NetworkPolicy\n" \
  "metadata: {name: web, namespace: shop}\n" \
  "spec:\n"

#define EXISTS "{key: \"k8s:io.kubernetes.pod.namespace\", operator: Exists}"

#define MAX_LOSSES 4

typedef struct {
  const char *name;
  const char *input;
  gboolean    clusterwide;        /* to Cilium: make a clusterwide policy */
  const char *expected;
  const char *losses[MAX_LOSSES]; /* paths of the losses, in order */
} Case;

static const Case to_cilium[] = {
  /* §2.3: default deny */
  { "deny all ingress", K8S_HEAD "  podSelector: {}\n  policyTypes: [Ingress]\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, ingress: [{}]}\n", { NULL } },
  { "deny everything", K8S_HEAD "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, ingress: [{}], egress: [{}]}\n", { NULL } },
  { "deny ingress, default policyTypes", K8S_HEAD "  podSelector: {matchLabels: {app: web}}\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {matchLabels: {\"k8s:app\": web}}, ingress: [{}]}\n", { NULL } },
  { "empty ingress list", K8S_HEAD "  podSelector: {}\n  ingress: []\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, ingress: [{}]}\n", { NULL } },
  /* Kubernetes `[{}]` allows everything; Cilium `[{}]` nothing. */
  { "allow all ingress", K8S_HEAD "  podSelector: {}\n  ingress: [{}]\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, ingress: [{fromEntities: [all]}]}\n", { NULL } },
  { "allow all egress, deny ingress", K8S_HEAD "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  egress: [{}]\n",
    FALSE, CNP_HEAD "spec: {endpointSelector: {}, ingress: [{}], egress: [{toEntities: [all]}]}\n", { NULL } },
  { "egress rules ignored by policyTypes", K8S_HEAD "  podSelector: {}\n  policyTypes: [Ingress]\n"
    "  egress: [{to: [{podSelector: {}}]}]\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, ingress: [{}]}\n", { NULL } },
  { "egress rules make egress count", K8S_HEAD "  podSelector: {}\n  egress: [{ports: [{port: 53, protocol: UDP}]}]\n",
    FALSE, CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress: [{}]\n"
    "  egress: [{toPorts: [{ports: [{port: \"53\", protocol: UDP}]}]}]\n", { NULL } },

  /* §2.2: namespaces */
  { "pods of the same namespace", K8S_HEAD "  podSelector: {}\n  ingress: [{from: [{podSelector: {matchLabels: {role: frontend}}}]}]\n",
    FALSE, CNP_HEAD "spec: {endpointSelector: {}, ingress: [{fromEndpoints: [{matchLabels: {\"k8s:role\": frontend}}]}]}\n",
    { NULL } },
  { "every pod of the same namespace", K8S_HEAD "  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, ingress: [{fromEndpoints: [{}]}]}\n", { NULL } },
  { "namespaces by label", K8S_HEAD "  podSelector: {}\n"
    "  ingress: [{from: [{namespaceSelector: {matchLabels: {project: myproject}}}]}]\n", FALSE,
    CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoints:\n"
    "    - matchLabels: {\"k8s:io.cilium.k8s.namespace.labels.project\": myproject}\n"
    "      matchExpressions: [" EXISTS "]\n", { NULL } },
  { "every namespace", K8S_HEAD "  podSelector: {}\n  egress: [{to: [{namespaceSelector: {}}]}]\n  policyTypes: [Egress]\n",
    FALSE, CNP_HEAD "spec: {endpointSelector: {}, egress: [{toEndpoints: [{matchExpressions: [" EXISTS "]}]}]}\n",
    { NULL } },
  { "pods in other namespaces", K8S_HEAD "  podSelector: {}\n  ingress:\n  - from:\n"
    "    - namespaceSelector: {matchExpressions: [{key: team, operator: NotIn, values: [a]}]}\n"
    "      podSelector: {matchLabels: {app: db}}\n", FALSE,
    CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoints:\n"
    "    - matchLabels: {\"k8s:app\": db}\n"
    "      matchExpressions:\n"
    "      - {key: \"k8s:io.cilium.k8s.namespace.labels.team\", operator: NotIn, values: [a]}\n"
    "      - " EXISTS "\n", { NULL } },
  { "a namespace by name", K8S_HEAD "  podSelector: {}\n"
    "  egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]}]\n"
    "  policyTypes: [Egress]\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, egress: [{toEndpoints: [{matchLabels: "
    "{\"k8s:io.kubernetes.pod.namespace\": kube-system}}]}]}\n", { NULL } },

  /* ipBlock */
  { "ipBlock with except", K8S_HEAD "  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}}]}]\n",
    FALSE, CNP_HEAD "spec: {endpointSelector: {}, ingress: [{fromCIDRSet: [{cidr: 172.17.0.0/16, except: [172.17.1.0/24]}]}]}\n",
    { NULL } },
  { "one kind of peer per Cilium rule", K8S_HEAD "  podSelector: {}\n  ingress:\n  - from:\n"
    "    - podSelector: {matchLabels: {app: a}}\n    - ipBlock: {cidr: 10.0.0.0/8}\n    - namespaceSelector: {}\n"
    "    ports: [{port: 443}]\n", FALSE,
    CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {\"k8s:app\": a}}, {matchExpressions: [" EXISTS "]}]\n"
    "    toPorts: [{ports: [{port: \"443\", protocol: TCP}]}]\n"
    "  - fromCIDRSet: [{cidr: 10.0.0.0/8}]\n"
    "    toPorts: [{ports: [{port: \"443\", protocol: TCP}]}]\n", { NULL } },

  /* Ports */
  { "ports", K8S_HEAD "  podSelector: {}\n  ingress:\n  - ports:\n    - port: 80\n    - {port: http, protocol: TCP}\n"
    "    - {protocol: UDP}\n    - {port: 8000, endPort: 8080, protocol: SCTP}\n", FALSE,
    CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - toPorts:\n    - ports:\n"
    "      - {port: \"80\", protocol: TCP}\n      - {port: http, protocol: TCP}\n      - {port: \"0\", protocol: UDP}\n"
    "      - {port: \"8000\", endPort: 8080, protocol: SCTP}\n", { NULL } },
  { "ports: [{}] means every TCP port", K8S_HEAD "  podSelector: {}\n  ingress: [{ports: [{}]}]\n", FALSE,
    CNP_HEAD "spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"0\", protocol: TCP}]}]}]}\n",
    { NULL } },

  /* The Kubernetes documentation's example */
  { "test-network-policy", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
    "metadata: {name: test-network-policy, namespace: default, labels: {team: a}}\n"
    "spec:\n  podSelector: {matchLabels: {role: db}}\n  policyTypes: [Ingress, Egress]\n"
    "  ingress:\n  - from:\n    - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}\n"
    "    - namespaceSelector: {matchLabels: {project: myproject}}\n    - podSelector: {matchLabels: {role: frontend}}\n"
    "    ports: [{protocol: TCP, port: 6379}]\n"
    "  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/24}}], ports: [{protocol: TCP, port: 5978}]}]\n", FALSE,
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"
    "metadata: {name: test-network-policy, namespace: default, labels: {team: a}}\n"
    "spec:\n  endpointSelector: {matchLabels: {\"k8s:role\": db}}\n  ingress:\n"
    "  - fromEndpoints:\n"
    "    - matchLabels: {\"k8s:io.cilium.k8s.namespace.labels.project\": myproject}\n"
    "      matchExpressions: [" EXISTS "]\n"
    "    - matchLabels: {\"k8s:role\": frontend}\n"
    "    toPorts: [{ports: [{port: \"6379\", protocol: TCP}]}]\n"
    "  - fromCIDRSet: [{cidr: 172.17.0.0/16, except: [172.17.1.0/24]}]\n"
    "    toPorts: [{ports: [{port: \"6379\", protocol: TCP}]}]\n"
    "  egress:\n  - toCIDRSet: [{cidr: 10.0.0.0/24}]\n    toPorts: [{ports: [{port: \"5978\", protocol: TCP}]}]\n",
    { NULL } },

  /* Clusterwide: pinned to the policy's namespace */
  { "clusterwide", K8S_HEAD "  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from:\n"
    "    - podSelector: {matchLabels: {app: lb}}\n    - namespaceSelector: {}\n", TRUE,
    "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: web}\n"
    "spec:\n  endpointSelector: {matchLabels: {\"k8s:app\": web, \"k8s:io.kubernetes.pod.namespace\": shop}}\n"
    "  ingress:\n  - fromEndpoints:\n    - matchLabels: {\"k8s:app\": lb, \"k8s:io.kubernetes.pod.namespace\": shop}\n"
    "    - matchExpressions: [" EXISTS "]\n", { NULL } },
  { "clusterwide without a namespace", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web}\n"
    "spec: {podSelector: {}}\n", TRUE,
    CCNP_HEAD "spec: {endpointSelector: {}, ingress: [{}]}\n", { "metadata.namespace" } },
};

static const Case to_kubernetes[] = {
  { "pods and ports", CNP_HEAD "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {\"k8s:role\": frontend}}]\n"
    "    toPorts: [{ports: [{port: \"80\", protocol: TCP}, {port: \"53\", protocol: UDP}]}]\n", FALSE,
    K8S_OUT "  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n"
    "  ingress: [{from: [{podSelector: {matchLabels: {role: frontend}}}], ports: [{protocol: TCP, port: 80}, "
    "{protocol: UDP, port: 53}]}]\n", { NULL } },
  { "default deny", CNP_HEAD "spec: {endpointSelector: {}, ingress: [{}], egress: [{}]}\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n", { NULL } },
  { "entity all", CNP_HEAD "spec: {endpointSelector: {}, egress: [{toEntities: [all]}]}\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]\n", { NULL } },
  { "entity world", CNP_HEAD "spec: {endpointSelector: {}, egress: [{toEntities: [world], toPorts: [{ports: [{port: \"443\", protocol: TCP}]}]}]}\n",
    FALSE, K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n"
    "  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: \"::/0\"}}], ports: [{protocol: TCP, port: 443}]}]\n",
    { NULL } },
  { "entity cluster", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [cluster]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{from: [{namespaceSelector: {}}]}]\n",
    { "spec.ingress[0].fromEntities[0]" } },
  { "entity host", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [host]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n", { "spec.ingress[0].fromEntities[0]" } },
  { "ports alone", CNP_HEAD "spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"0\"}]}]}]}\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n"
    "  ingress: [{ports: [{protocol: TCP}, {protocol: UDP}, {protocol: SCTP}]}]\n", { NULL } },
  { "ANY, ranges and names", CNP_HEAD "spec:\n  endpointSelector: {}\n  egress:\n  - toPorts:\n    - ports:\n"
    "      - {port: \"53\", protocol: ANY}\n      - {port: \"8000\", endPort: 8080, protocol: TCP}\n"
    "      - {port: HTTP, protocol: TCP}\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n"
    "    - {protocol: TCP, port: 53}\n    - {protocol: UDP, port: 53}\n    - {protocol: SCTP, port: 53}\n"
    "    - {protocol: TCP, port: 8000, endPort: 8080}\n    - {protocol: TCP, port: http}\n", { NULL } },
  { "addresses", CNP_HEAD "spec:\n  endpointSelector: {}\n  egress:\n  - toCIDR: [192.0.2.1, 10.1.2.3/8]\n"
    "  - toCIDRSet: [{cidr: 172.16.0.0/12, except: [172.16.1.0/24]}, {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n"
    "  - to: [{ipBlock: {cidr: 192.0.2.1/32}}, {ipBlock: {cidr: 10.0.0.0/8}}]\n"
    "  - to: [{ipBlock: {cidr: 172.16.0.0/12, except: [172.16.1.0/24]}}]\n", { NULL } },
  { "namespaces", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoints:\n"
    "    - matchLabels: {\"k8s:io.kubernetes.pod.namespace\": shop, app: a}\n"
    "    - matchLabels: {\"k8s:io.kubernetes.pod.namespace\": kube-system}\n"
    "    - matchLabels: {io.cilium.k8s.namespace.labels.team: b}\n"
    "    - matchExpressions: [" EXISTS "]\n    - {}\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n"
    "    - podSelector: {matchLabels: {app: a}}\n"
    "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n"
    "    - namespaceSelector: {matchLabels: {team: b}}\n"
    "    - namespaceSelector: {}\n"
    "    - podSelector: {}\n", { NULL } },
  { "reserved identity", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {\"reserved:host\": \"\"}}, {matchLabels: {app: a}}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{from: [{podSelector: {matchLabels: {app: a}}}]}]\n",
    { "spec.ingress[0].fromEndpoints[0]" } },
  { "service account", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n"
    "  - fromEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: sa}}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n", { "spec.ingress[0].fromEndpoints[0]" } },
  { "FQDNs", CNP_HEAD "spec:\n  endpointSelector: {}\n  egress:\n  - toFQDNs: [{matchName: a.example.com}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n", { "spec.egress[0].toFQDNs[0]" } },
  { "L7 rules", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - toPorts:\n"
    "    - ports: [{port: \"80\", protocol: TCP}]\n      rules: {http: [{method: GET}]}\n"
    "    - ports: [{port: \"9090\", protocol: TCP}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{ports: [{protocol: TCP, port: 9090}]}]\n",
    { "spec.ingress[0].toPorts[0].rules" } },
  { "only L7 rules", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n  - toPorts:\n"
    "    - ports: [{port: \"80\", protocol: TCP}]\n      rules: {http: [{method: GET}]}\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n", { "spec.ingress[0].toPorts[0].rules" } },
  { "SNI", CNP_HEAD "spec:\n  endpointSelector: {}\n  egress:\n  - toPorts:\n"
    "    - ports: [{port: \"443\", protocol: TCP}]\n      serverNames: [a.com]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n", { "spec.egress[0].toPorts[0].serverNames" } },
  { "deny rules", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress: [{fromEntities: [all]}]\n"
    "  egressDeny: [{toEntities: [world]}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress: [{}]\n", { "spec.egressDeny[0]" } },
  { "ICMP", CNP_HEAD "spec:\n  endpointSelector: {}\n  egress:\n  - icmps: [{fields: [{type: 8}]}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n", { "spec.egress[0].icmps" } },
  { "authentication", CNP_HEAD "spec:\n  endpointSelector: {}\n  ingress:\n"
    "  - fromEndpoints: [{}]\n    authentication: {mode: required}\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n", { "spec.ingress[0].authentication" } },
  { "VRRP", CNP_HEAD "spec:\n  endpointSelector: {}\n  egress:\n  - toPorts:\n"
    "    - ports: [{protocol: VRRP}, {port: \"22\", protocol: TCP}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{ports: [{protocol: TCP, port: 22}]}]\n",
    { "spec.egress[0].toPorts[0].ports[0]" } },
  { "services, nodes, groups", CNP_HEAD "spec:\n  endpointSelector: {}\n  egress:\n"
    "  - toServices: [{k8sService: {serviceName: db}}]\n  - toNodes: [{}]\n  - toGroups: [{aws: {region: x}}]\n"
    "  - toEndpoints: [{}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{podSelector: {}}]}]\n",
    { "spec.egress[0].toServices[0]", "spec.egress[1].toNodes[0]", "spec.egress[2].toGroups[0]" } },
  { "default deny off", CNP_HEAD "spec:\n  endpointSelector: {}\n  enableDefaultDeny: {ingress: false}\n"
    "  ingress: [{fromEndpoints: [{}]}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{from: [{podSelector: {}}]}]\n",
    { "spec.enableDefaultDeny.ingress" } },
  { "description", CNP_HEAD "spec:\n  description: web\n  endpointSelector: {}\n  ingress: [{}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n", { "spec.description" } },
  { "selector by namespace labels", CNP_HEAD "spec:\n  endpointSelector: {matchLabels: {io.cilium.k8s.namespace.labels.a: b, app: c}}\n"
    "  ingress: [{}]\n", FALSE,
    K8S_OUT "  podSelector: {matchLabels: {app: c}}\n  policyTypes: [Ingress]\n",
    { "spec.endpointSelector.matchLabels.io.cilium.k8s.namespace.labels.a" } },
  { "several rules", CNP_HEAD "specs:\n- endpointSelector: {matchLabels: {app: a}}\n  ingress: [{fromEndpoints: [{}]}]\n"
    "- endpointSelector: {matchLabels: {app: a}}\n  egress: [{toEndpoints: [{}]}]\n"
    "- endpointSelector: {matchLabels: {app: b}}\n  egress: [{}]\n", FALSE,
    K8S_OUT "  podSelector: {matchLabels: {app: a}}\n  policyTypes: [Ingress, Egress]\n"
    "  ingress: [{from: [{podSelector: {}}]}]\n  egress: [{to: [{podSelector: {}}]}]\n", { "specs[2]" } },
  { "only a deny rule", CNP_HEAD "spec:\n  endpointSelector: {}\n  enableDefaultDeny: {ingress: false}\n"
    "  ingressDeny: [{fromEntities: [world]}]\n", FALSE,
    K8S_OUT "  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{}]\n", { "spec.ingressDeny[0]" } },
  { "clusterwide", CCNP_HEAD "spec:\n  endpointSelector: {matchLabels: {\"k8s:io.kubernetes.pod.namespace\": shop, app: web}}\n"
    "  ingress: [{fromEndpoints: [{}, {matchLabels: {\"k8s:io.kubernetes.pod.namespace\": shop}}]}]\n", FALSE,
    K8S_OUT "  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n"
    "  ingress: [{from: [{namespaceSelector: {}}, {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}}]}]\n",
    { "kind" } },
  { "host policy", CCNP_HEAD "spec:\n  nodeSelector: {}\n  ingress: [{fromEntities: [world]}]\n", FALSE,
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{}]\n", { "kind", "spec.nodeSelector" } },
};

static NpNode *
parse (const char *text)
{
  g_autoptr(NpDiagnostic) diagnostic = NULL;
  NpNode *node = np_yaml_parse_one (text, strlen (text), &diagnostic);

  if (node == NULL)
    g_error ("cannot parse: %s\n%s", diagnostic ? np_diagnostic_get_message (diagnostic) : "", text);
  return node;
}

static void
check_losses (const Case *c, GPtrArray *losses)
{
  guint n = 0;

  while (n < MAX_LOSSES && c->losses[n] != NULL)
    n++;
  for (guint i = 0; i < losses->len; i++)
    {
      NpDiagnostic *d = g_ptr_array_index (losses, i);
      g_autofree char *text = np_diagnostic_format (d);

      g_test_message ("%s: %s", c->name, text);
      g_assert_cmpstr (np_diagnostic_get_code (d), ==, "conversion-loss");
      g_assert_cmpint (np_diagnostic_get_severity (d), ==, NP_SEVERITY_WARNING);
      g_assert_true (g_str_has_suffix (np_diagnostic_get_message (d), "."));
      if (np_diagnostic_get_line (d) == 0)
        g_test_fail_printf ("%s: the loss at %s has no position", c->name, np_diagnostic_get_path (d));
    }
  if (losses->len != n)
    {
      g_test_fail_printf ("%s: %u losses, expected %u", c->name, losses->len, n);
      return;
    }
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (np_diagnostic_get_path (g_ptr_array_index (losses, i)), c->losses[i]) != 0)
      g_test_fail_printf ("%s: loss %u is at %s, expected %s", c->name, i,
                          np_diagnostic_get_path (g_ptr_array_index (losses, i)), c->losses[i]);
}

static void
assert_tree (const Case *c, NpNode *actual)
{
  g_autoptr(NpNode) expected = parse (c->expected);

  if (!np_node_equal (expected, actual))
    {
      g_autofree char *a = np_yaml_write (expected, 0, NULL);
      g_autofree char *b = np_yaml_write (actual, 0, NULL);

      g_test_fail_printf ("%s: differs:\n--- expected\n%s--- actual\n%s", c->name, a, b);
    }
}

static void
test_to_cilium (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (to_cilium); i++)
    {
      const Case *c = &to_cilium[i];
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (c->input, -1, diagnostics);
      g_autoptr(NpCiliumPolicy) cilium = NULL;

      g_assert_nonnull (policy);
      cilium = np_convert_to_cilium (policy, c->clusterwide, losses);
      g_assert_cmpint (np_cilium_policy_is_clusterwide (cilium), ==, c->clusterwide);
      assert_tree (c, np_cilium_policy_get_node (cilium));
      check_losses (c, losses);

      /* The result is a valid policy (a namespaced one may lack a namespace). */
      np_cilium_policy_validate (cilium, NP_VALIDATE_DEFAULT, findings);
      for (guint j = 0; j < findings->len; j++)
        {
          NpDiagnostic *d = g_ptr_array_index (findings, j);
          g_autofree char *text = np_diagnostic_format (d);

          if (np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR)
            g_test_fail_printf ("%s: the result is invalid: %s", c->name, text);
        }
    }
}

static void
test_to_kubernetes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (to_kubernetes); i++)
    {
      const Case *c = &to_kubernetes[i];
      g_autoptr(NpNode) root = parse (c->input);
      g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(NpCiliumPolicy) cilium = np_cilium_policy_new_from_node (root, NULL);
      g_autoptr(NpPolicy) policy = NULL;
      g_autoptr(NpNode) actual = NULL;

      g_assert_nonnull (cilium);
      policy = np_convert_to_kubernetes (cilium, losses);
      actual = np_policy_to_node (policy, NP_CODEC_DEFAULT);
      assert_tree (c, actual);
      check_losses (c, losses);

      np_policy_validate (policy, NP_VALIDATE_STRICT_CIDR, findings);
      for (guint j = 0; j < findings->len; j++)
        {
          NpDiagnostic *d = g_ptr_array_index (findings, j);
          g_autofree char *text = np_diagnostic_format (d);

          if (np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR)
            g_test_fail_printf ("%s: the result is invalid: %s", c->name, text);
        }
    }
}

/* More than 40 ports go to several port rules of the same Cilium rule. */
static void
test_many_ports (void)
{
  g_autoptr(GString) yaml = g_string_new (K8S_HEAD "  podSelector: {}\n  ingress:\n  - ports:\n");
  g_autoptr(NpPolicy) policy = NULL;
  g_autoptr(NpCiliumPolicy) cilium = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  NpNode *entry, *port_rules;

  for (guint i = 1; i <= 45; i++)
    g_string_append_printf (yaml, "    - port: %u\n", 1000 + i);
  policy = np_policy_new_from_yaml (yaml->str, -1, NULL);
  cilium = np_convert_to_cilium (policy, FALSE, NULL);
  entry = np_node_get_item (np_node_lookup (np_node_lookup (np_cilium_policy_get_node (cilium), "spec"), "ingress"), 0);
  port_rules = np_node_lookup (entry, "toPorts");
  g_assert_cmpuint (np_node_get_n_items (port_rules), ==, 2);
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (port_rules, 0), "ports")), ==, 40);
  g_assert_cmpuint (np_node_get_n_items (np_node_lookup (np_node_get_item (port_rules, 1), "ports")), ==, 5);
  np_cilium_policy_validate (cilium, NP_VALIDATE_DEFAULT, findings);
  g_assert_false (np_diagnostics_have_errors (findings));
}

/* Kubernetes to Cilium and back gives the policy back (with what
 * Kubernetes defaults written out). */
static void
test_round_trip (void)
{
  static const char input[] =
    K8S_HEAD
    "  podSelector: {matchLabels: {app: web}}\n"
    "  policyTypes: [Ingress, Egress]\n"
    "  ingress:\n"
    "  - from:\n"
    "    - podSelector: {matchExpressions: [{key: tier, operator: In, values: [a, b]}]}\n"
    "    - namespaceSelector: {matchLabels: {team: x}}\n"
    "      podSelector: {matchLabels: {app: api}}\n"
    "    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 8000, endPort: 8100}]\n"
    "  egress:\n"
    "  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]\n";
  g_autoptr(NpPolicy) policy = np_policy_new_from_yaml (input, -1, NULL);
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpCiliumPolicy) cilium = np_convert_to_cilium (policy, FALSE, losses);
  g_autoptr(NpPolicy) back = np_convert_to_kubernetes (cilium, losses);
  g_autoptr(NpNode) expected = parse (input);
  g_autoptr(NpNode) actual = np_policy_to_node (back, NP_CODEC_DEFAULT);

  g_assert_cmpuint (losses->len, ==, 0);
  if (!np_node_equal (expected, actual))
    {
      g_autofree char *text = np_yaml_write (actual, 0, NULL);

      g_error ("round trip differs:\n%s", text);
    }
}

/* Every NetworkPolicy of the corpus converts to a valid Cilium policy with
 * no loss; every Cilium policy of the corpus converts to a valid
 * NetworkPolicy, every loss positioned. */
static void
test_corpus (void)
{
  static const char * const yaml[] = { ".yaml", ".yml", ".json", NULL };
  static const char * const folders[] = {
    "kubernetes-docs", "recipes", "connectivity", "cilium/examples", "cilium/test-manifests", NULL
  };
  guint n_k8s = 0, n_cilium = 0;

  if (np_test_shared_dir () == NULL)
    return;

  for (guint f = 0; folders[f] != NULL; f++)
    {
      g_autofree char *dir = np_test_corpus_path (folders[f]);
      g_autoptr(GPtrArray) files = np_test_list_files (dir, yaml);

      for (guint i = 0; i < files->len; i++)
        {
          const char *path = g_ptr_array_index (files, i);
          gsize length;
          g_autofree char *text = np_test_read_file (path, &length);
          g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);
          g_autoptr(NpManifest) manifest = np_manifest_new ();
          g_autoptr(GListModel) policies = NULL;

          g_assert_true (np_manifest_load_bytes (manifest, bytes, path, NULL));
          policies = np_manifest_list_policies (manifest);
          for (guint j = 0; j < g_list_model_get_n_items (policies); j++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (policies, j);
              g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);
              g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

              if (NP_IS_POLICY (item))
                {
                  g_autoptr(NpCiliumPolicy) cilium = np_convert_to_cilium (NP_POLICY (item), FALSE, losses);

                  n_k8s++;
                  g_assert_cmpuint (losses->len, ==, 0);
                  np_cilium_policy_validate (cilium, NP_VALIDATE_DEFAULT, findings);
                }
              else
                {
                  g_autoptr(NpPolicy) policy = np_convert_to_kubernetes (NP_CILIUM_POLICY (item), losses);

                  n_cilium++;
                  for (guint k = 0; k < losses->len; k++)
                    g_assert_cmpuint (np_diagnostic_get_line (g_ptr_array_index (losses, k)), >, 0);
                  np_policy_validate (policy, NP_VALIDATE_STRICT_CIDR, findings);
                }
              for (guint k = 0; k < findings->len; k++)
                {
                  NpDiagnostic *d = g_ptr_array_index (findings, k);
                  g_autofree char *line = np_diagnostic_format (d);

                  /* Names are kept as they are, valid or not. */
                  if (np_diagnostic_get_severity (d) == NP_SEVERITY_ERROR &&
                      !g_str_equal (np_diagnostic_get_code (d), "invalid-name"))
                    g_error ("%s: the conversion is invalid: %s", path, line);
                }
            }
        }
    }
  g_test_message ("%u NetworkPolicies and %u Cilium policies converted", n_k8s, n_cilium);
  g_assert_cmpuint (n_k8s, >, 0);
  g_assert_cmpuint (n_cilium, >, 0);
}

int
main (int argc, char **argv)
{
  np_test_init_keep_going (&argc, &argv);

  g_test_add_func ("/convert/to-cilium", test_to_cilium);
  g_test_add_func ("/convert/to-kubernetes", test_to_kubernetes);
  g_test_add_func ("/convert/many-ports", test_many_ports);
  g_test_add_func ("/convert/round-trip", test_round_trip);
  g_test_add_func ("/convert/corpus", test_corpus);

  return g_test_run ();
}
