/* bench-edit.c: how long a model change takes to reach the YAML preview and the problems list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For policies of 10, 200 and 2,000 rules: change one port (as the canvas
 * does), then do what the window does on every change: write the YAML, read
 * the text back and validate it (the problems list). Prints one markdown
 * table row per size with the median and the 95th percentile of many runs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "np-diagnostic.h"
#include "np-label-selector.h"
#include "np-policy-codec.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"

static NpPolicy *
make_policy (guint n_rules)
{
  NpPolicy *policy = np_policy_new ();
  g_autoptr(NpLabelSelector) selector = np_label_selector_new ();
  const char * const types[] = { "Ingress", "Egress", NULL };

  np_policy_set_name (policy, "bench");
  np_policy_set_namespace (policy, "default");
  np_label_selector_set_label (selector, "app", "backend");
  np_policy_set_pod_selector (policy, selector);
  np_policy_set_policy_types (policy, types);

  for (guint i = 0; i < n_rules; i++)
    {
      NpDirection direction = i % 2 ? NP_DIRECTION_EGRESS : NP_DIRECTION_INGRESS;
      g_autoptr(NpPolicyRule) rule = np_policy_rule_new (direction);
      g_autoptr(NpLabelSelector) pods = np_label_selector_new ();
      g_autoptr(NpLabelSelector) namespaces = np_label_selector_new ();
      g_autoptr(NpPolicyPeer) peer = np_policy_peer_new ();
      g_autoptr(NpPolicyPort) port = np_policy_port_new_number ("TCP", 1000 + i % 60000);
      g_autoptr(NpPolicyPort) udp = np_policy_port_new_number ("UDP", 53);
      g_autofree char *app = g_strdup_printf ("client-%u", i);
      g_autofree char *team = g_strdup_printf ("team-%u", i % 17);

      np_label_selector_set_label (pods, "app", app);
      np_label_selector_set_label (namespaces, "team", team);
      np_policy_peer_set_pod_selector (peer, pods);
      np_policy_peer_set_namespace_selector (peer, namespaces);
      np_policy_rule_add_peer (rule, peer);
      np_policy_rule_add_port (rule, port);
      np_policy_rule_add_port (rule, udp);
      g_list_store_append (G_LIST_STORE (np_policy_get_rules (policy, direction)), rule);
    }
  return policy;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* What NpWindow does on a change: the preview's text, then the problems,
 * with their positions in that text. */
static gsize
refresh (NpPolicy *policy)
{
  g_autofree char *yaml = np_policy_to_yaml (policy);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NpNode) shown = np_yaml_parse_one (yaml, strlen (yaml), NULL);

  np_policy_validate (policy, NP_VALIDATE_DEFAULT, problems);
  np_diagnostics_relocate (problems, 0, shown);
  return problems->len;
}

int
main (int argc, char **argv)
{
  static const guint sizes[] = { 10, 200, 2000 };
  static const double targets_ms[] = { 1.0, 16.0, 0.0 };

  printf ("| policy rules | median (ms) | p95 (ms) | target |\n");
  printf ("|---:|---:|---:|---|\n");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(NpPolicy) policy = make_policy (sizes[s]);
      g_autoptr(NpPolicyRule) rule = g_list_model_get_item (np_policy_get_ingress (policy), 0);
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (np_policy_rule_get_ports (rule), 0);
      guint runs = sizes[s] >= 2000 ? 30 : 200;
      g_autofree double *times = g_new (double, runs);
      gsize found = 0;
      char target[32];

      refresh (policy); /* warm up */
      for (guint r = 0; r < runs; r++)
        {
          gint64 start = g_get_monotonic_time ();

          np_policy_port_set_port_number (port, 2000 + r);
          found += refresh (policy);
          times[r] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (times, runs, sizeof (double), compare_doubles);
      if (targets_ms[s] > 0)
        g_snprintf (target, sizeof target, "< %g ms %s", targets_ms[s],
                    times[runs / 2] < targets_ms[s] ? "(met)" : "(MISSED)");
      else
        g_snprintf (target, sizeof target, "(none)");
      printf ("| %u | %.3f | %.3f | %s |\n", sizes[s], times[runs / 2], times[runs * 95 / 100], target);
      if (found != 0)
        g_printerr ("bench-edit: the generated policy of %u rules has problems\n", sizes[s]);
    }
  return 0;
}
