/* np-bench-gen.c: deterministic generator of large, realistic policy manifests for the benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-bench-gen.h"

#define N_NAMESPACES 50

static const char * const tiers[] = { "web", "api", "db", "cache", "queue", "batch" };
static const char * const envs[] = { "prod", "staging", "dev" };
static const char * const port_names[] = { "http", "https", "grpc", "metrics", "data" };
static const char * const protocols[] = { "TCP", "UDP", "SCTP" };

static void
append_labels (GString    *out,
               const char *indent,
               GRand      *rand)
{
  g_string_append_printf (out, "%smatchLabels:\n%s  app: app-%d\n", indent, indent,
                          g_rand_int_range (rand, 0, 40));
  if (g_rand_boolean (rand))
    g_string_append_printf (out, "%s  tier: %s\n", indent,
                            tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))]);
  if (g_rand_int_range (rand, 0, 5) == 0)
    g_string_append_printf (out, "%smatchExpressions:\n"
                                 "%s- key: env\n"
                                 "%s  operator: %s\n"
                                 "%s  values:\n"
                                 "%s  - %s\n"
                                 "%s  - %s\n",
                            indent, indent, indent,
                            g_rand_boolean (rand) ? "In" : "NotIn", indent,
                            indent, envs[g_rand_int_range (rand, 0, 2)],
                            indent, envs[2]);
}

/* One NetworkPolicy rule: peers under "from:"/"to:", then ports. */
static void
append_k8s_rule (GString  *out,
                 gboolean  ingress,
                 GRand    *rand)
{
  guint n_peers = g_rand_int_range (rand, 1, 3);
  guint n_ports = g_rand_int_range (rand, 0, 3);

  g_string_append_printf (out, "  - %s:\n", ingress ? "from" : "to");
  for (guint p = 0; p < n_peers; p++)
    switch (g_rand_int_range (rand, 0, 4))
      {
      case 0:
        g_string_append (out, "    - podSelector:\n");
        append_labels (out, "        ", rand);
        break;
      case 1:
        g_string_append_printf (out, "    - namespaceSelector:\n"
                                     "        matchLabels:\n"
                                     "          team: team-%d\n",
                                g_rand_int_range (rand, 0, 10));
        break;
      case 2:
        g_string_append_printf (out, "    - namespaceSelector:\n"
                                     "        matchLabels:\n"
                                     "          kubernetes.io/metadata.name: ns-%d\n"
                                     "      podSelector:\n",
                                g_rand_int_range (rand, 0, N_NAMESPACES));
        append_labels (out, "        ", rand);
        break;
      default:
        {
          guint a = g_rand_int_range (rand, 0, 256), b = g_rand_int_range (rand, 0, 256);

          g_string_append_printf (out, "    - ipBlock:\n"
                                       "        cidr: 10.%u.0.0/16\n"
                                       "        except:\n"
                                       "        - 10.%u.%u.0/24\n",
                                  a, a, b);
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_string_append_printf (out, "        - 10.%u.%u.128/25\n", a, (b + 1) % 256);
        }
        break;
      }
  if (n_ports > 0)
    g_string_append (out, "    ports:\n");
  for (guint p = 0; p < n_ports; p++)
    switch (g_rand_int_range (rand, 0, 3))
      {
      case 0:
        g_string_append_printf (out, "    - protocol: %s\n      port: %d\n",
                                protocols[g_rand_int_range (rand, 0, 2)],
                                g_rand_int_range (rand, 1, 65536));
        break;
      case 1:
        g_string_append_printf (out, "    - protocol: TCP\n      port: %s\n",
                                port_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (port_names))]);
        break;
      default:
        {
          int first = g_rand_int_range (rand, 1000, 60000);

          g_string_append_printf (out, "    - protocol: TCP\n      port: %d\n      endPort: %d\n",
                                  first, first + g_rand_int_range (rand, 1, 100));
        }
        break;
      }
}

static void
append_k8s_policy (GString *out,
                   guint    index,
                   GRand   *rand)
{
  guint n_rules = g_rand_int_range (rand, 1, 21);
  guint n_ingress = g_rand_int_range (rand, 0, n_rules + 1);
  guint n_egress = n_rules - n_ingress;

  g_string_append_printf (out, "---\n"
                               "apiVersion: networking.k8s.io/v1\n"
                               "kind: NetworkPolicy\n"
                               "metadata:\n"
                               "  name: policy-%u\n"
                               "  namespace: ns-%u\n"
                               "  labels:\n"
                               "    generated-by: bench\n"
                               "spec:\n"
                               "  podSelector:\n",
                          index, index % N_NAMESPACES);
  append_labels (out, "    ", rand);
  g_string_append (out, "  policyTypes:\n");
  if (n_ingress > 0)
    g_string_append (out, "  - Ingress\n");
  if (n_egress > 0)
    g_string_append (out, "  - Egress\n");
  if (n_ingress > 0)
    g_string_append (out, "  ingress:\n");
  for (guint r = 0; r < n_ingress; r++)
    append_k8s_rule (out, TRUE, rand);
  if (n_egress > 0)
    g_string_append (out, "  egress:\n");
  for (guint r = 0; r < n_egress; r++)
    append_k8s_rule (out, FALSE, rand);
}

/* One Cilium rule: endpoints, entities or CIDR sets, then toPorts. */
static void
append_cilium_rule (GString  *out,
                    gboolean  ingress,
                    GRand    *rand)
{
  const char *from = ingress ? "from" : "to";

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      g_string_append_printf (out, "  - %sEndpoints:\n"
                                   "    - matchLabels:\n"
                                   "        app: app-%d\n"
                                   "        k8s:io.kubernetes.pod.namespace: ns-%d\n",
                              from, g_rand_int_range (rand, 0, 40),
                              g_rand_int_range (rand, 0, N_NAMESPACES));
      break;
    case 1:
      g_string_append_printf (out, "  - %sEntities:\n    - %s\n", from,
                              g_rand_boolean (rand) ? "cluster" : "world");
      break;
    default:
      {
        guint a = g_rand_int_range (rand, 0, 256), b = g_rand_int_range (rand, 0, 256);

        g_string_append_printf (out, "  - %sCIDRSet:\n"
                                     "    - cidr: 172.%u.0.0/16\n"
                                     "      except:\n"
                                     "      - 172.%u.%u.0/24\n",
                                from, a % 16 + 16, a % 16 + 16, b);
      }
      break;
    }
  if (g_rand_int_range (rand, 0, 4) != 0)
    {
      g_string_append_printf (out, "    toPorts:\n"
                                   "    - ports:\n"
                                   "      - port: \"%d\"\n"
                                   "        protocol: TCP\n",
                              g_rand_int_range (rand, 1, 65536));
      if (g_rand_boolean (rand))
        g_string_append_printf (out, "      - port: \"%d\"\n"
                                     "        protocol: UDP\n",
                                g_rand_int_range (rand, 1, 65536));
    }
}

static void
append_cilium_policy (GString *out,
                      guint    index,
                      GRand   *rand)
{
  guint n_rules = g_rand_int_range (rand, 1, 21);
  guint n_ingress = g_rand_int_range (rand, 0, n_rules + 1);
  guint n_egress = n_rules - n_ingress;

  g_string_append_printf (out, "---\n"
                               "apiVersion: cilium.io/v2\n"
                               "kind: CiliumNetworkPolicy\n"
                               "metadata:\n"
                               "  name: cilium-policy-%u\n"
                               "  namespace: ns-%u\n"
                               "spec:\n"
                               "  description: generated rule set %u\n"
                               "  endpointSelector:\n"
                               "    matchLabels:\n"
                               "      app: app-%d\n",
                          index, index % N_NAMESPACES, index, g_rand_int_range (rand, 0, 40));
  if (n_ingress > 0)
    g_string_append (out, "  ingress:\n");
  for (guint r = 0; r < n_ingress; r++)
    append_cilium_rule (out, TRUE, rand);
  if (n_egress > 0)
    g_string_append (out, "  egress:\n");
  for (guint r = 0; r < n_egress; r++)
    append_cilium_rule (out, FALSE, rand);
}

char *
np_bench_gen_manifest (guint    n_policies,
                       guint    n_workloads,
                       guint32  seed,
                       gsize   *length)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_sized_new ((gsize) n_policies * 2200 + (gsize) n_workloads * 600);

  for (guint n = 0; n < N_NAMESPACES; n++)
    g_string_append_printf (out, "---\n"
                                 "apiVersion: v1\n"
                                 "kind: Namespace\n"
                                 "metadata:\n"
                                 "  name: ns-%u\n"
                                 "  labels:\n"
                                 "    team: team-%u\n"
                                 "    env: %s\n",
                            n, n % 10, envs[n % G_N_ELEMENTS (envs)]);

  for (guint w = 0; w < n_workloads; w++)
    g_string_append_printf (out, "---\n"
                                 "apiVersion: apps/v1\n"
                                 "kind: Deployment\n"
                                 "metadata:\n"
                                 "  name: app-%u\n"
                                 "  namespace: ns-%u\n"
                                 "spec:\n"
                                 "  replicas: 2\n"
                                 "  selector:\n"
                                 "    matchLabels:\n"
                                 "      app: app-%u\n"
                                 "  template:\n"
                                 "    metadata:\n"
                                 "      labels:\n"
                                 "        app: app-%u\n"
                                 "        tier: %s\n"
                                 "    spec:\n"
                                 "      containers:\n"
                                 "      - name: main\n"
                                 "        image: registry.example.com/app:1.%u\n"
                                 "        ports:\n"
                                 "        - containerPort: 8080\n"
                                 "          name: http\n"
                                 "        - containerPort: %u\n"
                                 "          name: data\n",
                            w, w % N_NAMESPACES, w % 40, w % 40,
                            tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))], w % 7,
                            g_rand_boolean (rand) ? 5432 : 6379);

  for (guint p = 0; p < n_policies; p++)
    {
      if (g_rand_int_range (rand, 0, 3) == 0)
        append_cilium_policy (out, p, rand);
      else
        append_k8s_policy (out, p, rand);
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
