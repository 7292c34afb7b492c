/* netpol-convert.c: `netpol convert`: between NetworkPolicy and Cilium policies, and between
 * the two versions of the cluster-wide policies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "netpol-builtins.h"
#include "np-cilium-policy.h"
#include "np-cluster-policy.h"
#include "np-convert.h"
#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy-kind.h"
#include "np-policy.h"
#include "np-yaml.h"

/* What --to names: one of the namespaced kinds, or one of the versions
 * of the cluster-scoped policies of policy.networking.k8s.io. */
typedef enum {
  TARGET_NAMESPACED,
  TARGET_CLUSTER_NETWORK_POLICY,  /* v1alpha2 */
  TARGET_ADMIN_NETWORK_POLICY,    /* v1alpha1: ANP or BANP by tier */
} Target;

#define TARGET_NAMES "kubernetes, cilium, cilium-clusterwide, cluster-network-policy or admin-network-policy"

static gboolean
parse_target (const char *text, Target *target, NpPolicyKind *kind)
{
  if (np_policy_kind_from_string (text, kind))
    *target = TARGET_NAMESPACED;
  else if (g_strcmp0 (text, "cluster-network-policy") == 0)
    *target = TARGET_CLUSTER_NETWORK_POLICY;
  else if (g_strcmp0 (text, "admin-network-policy") == 0)
    *target = TARGET_ADMIN_NETWORK_POLICY;
  else
    return FALSE;
  return TRUE;
}

/* (transfer full) the converted tree of @policy */
static NpNode *
convert_cluster (NpClusterPolicy *policy,
                 Target           cluster_target,
                 guint           *n_baselines,
                 GPtrArray       *losses)
{
  g_autoptr(NpClusterPolicy) result = cluster_target == TARGET_CLUSTER_NETWORK_POLICY
                                      ? np_convert_cluster_to_v1alpha2 (policy, losses)
                                      : np_convert_cluster_to_v1alpha1 (policy, n_baselines, losses);

  return np_node_ref (np_cluster_policy_get_node (result));
}

/* Converts the policies of @document, appending the results (or the
 * document itself, when nothing is to be converted) to @out and the
 * losses to @losses. A cluster-scoped policy converts only to the other
 * version of its API, a namespaced one only to the other namespaced kinds:
 * otherwise it is printed as it is. */
static void
convert_document (NpDocument   *document,
                  Target        cluster_target,
                  NpPolicyKind  target,
                  guint        *n_baselines,
                  GPtrArray    *out,
                  GPtrArray    *losses)
{
  GListModel *policies = np_document_get_policies (document);
  NpDocumentKind kind = np_document_get_kind (document);
  NpNode *root = np_document_get_root (document);
  g_autoptr(NpClusterPolicy) cluster = root != NULL ? np_cluster_policy_new_from_node (root) : NULL;

  if (kind == NP_DOCUMENT_EMPTY)
    return;
  if (cluster != NULL && cluster_target != TARGET_NAMESPACED)
    {
      g_ptr_array_add (out, convert_cluster (cluster, cluster_target, n_baselines, losses));
      return;
    }
  if (cluster_target != TARGET_NAMESPACED && kind == NP_DOCUMENT_LIST)
    {
      /* The items one by one, as for the policies of a List above:
       * kubectl prints what it gets as a List. */
      NpNode *items = np_node_lookup (root, "items");

      for (guint i = 0; i < np_node_get_n_items (items); i++)
        {
          NpNode *item = np_node_get_item (items, i);
          g_autoptr(NpClusterPolicy) policy = np_cluster_policy_new_from_node (item);

          g_ptr_array_add (out, policy != NULL ? convert_cluster (policy, cluster_target, n_baselines, losses)
                                               : np_node_copy (item));
        }
      return;
    }
  if (cluster_target != TARGET_NAMESPACED)
    {
      NpNode *node = np_document_to_node (document, NP_CODEC_DEFAULT);

      if (node != NULL)
        g_ptr_array_add (out, node);
      return;
    }
  if (kind == NP_DOCUMENT_OTHER || g_list_model_get_n_items (policies) == 0)
    {
      NpNode *node = np_document_to_node (document, NP_CODEC_DEFAULT);

      if (node != NULL)
        g_ptr_array_add (out, node);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (policies, i);

      if (NP_IS_POLICY (item) && target == NP_POLICY_KIND_KUBERNETES)
        g_ptr_array_add (out, np_policy_to_node (NP_POLICY (item), NP_CODEC_CANONICAL));
      else if (NP_IS_POLICY (item))
        {
          g_autoptr(NpCiliumPolicy) cilium =
            np_convert_to_cilium (NP_POLICY (item), target == NP_POLICY_KIND_CILIUM_CLUSTERWIDE, losses);

          g_ptr_array_add (out, np_cilium_policy_to_node (cilium, TRUE));
        }
      else if (target == NP_POLICY_KIND_KUBERNETES)
        {
          g_autoptr(NpPolicy) policy = np_convert_to_kubernetes (NP_CILIUM_POLICY (item), losses);

          g_ptr_array_add (out, np_policy_to_node (policy, NP_CODEC_CANONICAL));
        }
      else
        /* Already a Cilium policy: it stays as it is. */
        g_ptr_array_add (out, np_cilium_policy_to_node (NP_CILIUM_POLICY (item), TRUE));
    }
}

int
netpol_builtin_convert (int    argc,
                        char **argv)
{
  gboolean allow_lossy = FALSE;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      N_("What to convert to: kubernetes, cilium, cilium-clusterwide, cluster-network-policy or "
         "admin-network-policy (required)"), N_("KIND") },
    { "allow-lossy", 0, 0, G_OPTION_ARG_NONE, &allow_lossy,
      N_("Write the result even when some of a policy cannot be said in the target kind; the parts "
         "left out are listed as warnings"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output, N_("Output format: yaml (default) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  g_autoptr(GPtrArray) all_losses = g_ptr_array_new_with_free_func (g_object_unref);
  NpPolicyKind target = NP_POLICY_KIND_KUBERNETES;
  Target cluster_target;
  guint n_baselines = 0, n_losses = 0;
  guint format;
  gboolean invalid = FALSE, trouble = FALSE;

  context = netpol_option_context_new (_("— convert network policies"), entries,
    _("Reads each FILE (YAML or JSON; “-” for standard input) and prints every policy in it\n"
      "converted to the kind that --to names; other objects are printed as they are.\n"
      "\n"
      "To Cilium, the meaning is kept exactly: the namespace Cilium adds to a namespaced\n"
      "policy is accounted for, namespaceSelector becomes io.cilium.k8s.namespace.labels\n"
      "selectors ({} becomes “any namespace”), ipBlock becomes toCIDRSet/fromCIDRSet,\n"
      "an isolated direction without rules becomes “ingress: [{}]” (default deny), an\n"
      "allow-all rule becomes the entity “all”, and every port gets its protocol written out.\n"
      "\n"
      "To Kubernetes, what a NetworkPolicy cannot say (deny rules, L7 rules, DNS names,\n"
      "entities other than world and all, nodes, services, ICMP, cluster scope…) is left out\n"
      "and listed as FILE:LINE:COLUMN: warning: MESSAGE [FIELD PATH]. Where leaving a part out\n"
      "would allow more than the original, the whole rule is left out instead. Nothing is\n"
      "written unless --allow-lossy is given.\n"
      "\n"
      "The cluster-wide policies of policy.networking.k8s.io convert between their two\n"
      "versions: --to cluster-network-policy makes a ClusterNetworkPolicy (v1alpha2) of each\n"
      "AdminNetworkPolicy (tier Admin, same priority) and BaselineAdminNetworkPolicy (tier\n"
      "Baseline, priority 10); --to admin-network-policy makes an AdminNetworkPolicy of each\n"
      "Admin-tier ClusterNetworkPolicy and the BaselineAdminNetworkPolicy “default” of a\n"
      "Baseline-tier one. Allow/Accept, ports/protocols and the rest are rewritten; a rule\n"
      "with more than 25 peers or ports is split (same meaning); what the target cannot say\n"
      "(more than 25 rules, a second baseline, domainNames in a baseline…) is listed as for\n"
      "Cilium, and changes of form that keep the meaning as notes. Namespaced policies are\n"
      "left as they are by these two targets, and cluster-wide ones by the other three."),
    _("Exit status:\n"
      "  0  converted (with --allow-lossy, possibly with parts left out)\n"
      "  1  some policy could not be converted without loss and --allow-lossy was not given,\n"
      "     or some file is not valid YAML or JSON, or some policy has errors\n"
      "  2  a file could not be read, or the command line is wrong\n"
      "\n"
      "Examples:\n"
      "  netpol convert --to cilium policy.yaml > cilium-policy.yaml\n"
      "  netpol convert --to cilium-clusterwide -o json policy.yaml\n"
      "  kubectl get cnp -n web -o yaml | netpol convert --to kubernetes --allow-lossy -\n"
      "  kubectl get anp,banp -o yaml | netpol convert --to cluster-network-policy -"));

  if (!netpol_option_context_parse (context, &argc, &argv))
    return NETPOL_EXIT_TROUBLE;
  if (to == NULL)
    {
      /* Translators: %s is a list of the kinds, e.g. “kubernetes, cilium or cilium-clusterwide”. */
      g_printerr (_("netpol convert: say what to convert to with --to %s\n"), TARGET_NAMES);
      return NETPOL_EXIT_TROUBLE;
    }
  if (!parse_target (to, &cluster_target, &target))
    {
      /* Translators: the second %s is a list of the kinds. */
      g_printerr (_("netpol convert: unknown kind “%s”: use %s\n"), to, TARGET_NAMES);
      return NETPOL_EXIT_TROUBLE;
    }
  if (!netpol_parse_output (output, netpol_yaml_or_json, &format))
    return NETPOL_EXIT_TROUBLE;
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s", _("netpol convert: name at least one FILE (or - for standard input)\n"));
      return NETPOL_EXIT_TROUBLE;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(NpManifest) manifest = netpol_load_manifest (files[i], &name, &invalid, &trouble);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      GListModel *documents;

      if (manifest == NULL)
        continue;

      /* Only valid policies are converted: a broken one has no meaning to keep. */
      np_manifest_validate (manifest, NP_VALIDATE_DEFAULT, diagnostics);
      if (netpol_print_errors (diagnostics))
        {
          invalid = TRUE;
          continue;
        }

      documents = np_manifest_get_documents (manifest);
      for (guint j = 0; j < g_list_model_get_n_items (documents); j++)
        {
          g_autoptr(NpDocument) document = g_list_model_get_item (documents, j);
          g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func (g_object_unref);

          convert_document (document, cluster_target, target, &n_baselines, nodes, losses);
          for (guint k = 0; k < losses->len; k++)
            {
              NpDiagnostic *d = g_ptr_array_index (losses, k);

              np_diagnostic_set_file (d, name);
              np_diagnostic_set_document (d, j);
              /* Notes say what changed form but kept its meaning. */
              if (np_diagnostic_get_severity (d) != NP_SEVERITY_INFO)
                n_losses++;
              g_ptr_array_add (all_losses, g_object_ref (d));
            }
        }
    }

  for (guint i = 0; i < all_losses->len; i++)
    {
      g_autofree char *line = np_diagnostic_format (g_ptr_array_index (all_losses, i));

      g_printerr ("%s\n", line);
    }
  if (trouble)
    return NETPOL_EXIT_TROUBLE;
  if (invalid)
    return NETPOL_EXIT_INVALID;
  if (n_losses > 0 && !allow_lossy)
    {
      g_printerr (ngettext ("netpol convert: %u part cannot be converted (listed above); nothing was written. "
                            "Run again with --allow-lossy to convert the rest.\n",
                            "netpol convert: %u parts cannot be converted (listed above); nothing was written. "
                            "Run again with --allow-lossy to convert the rest.\n", n_losses),
                  n_losses);
      return NETPOL_EXIT_INVALID;
    }

  if (format == NETPOL_OUTPUT_JSON)
    {
      /* JSON holds one value: several objects become a List, as kubectl does. */
      g_autoptr(NpNode) root = np_node_wrap_list (nodes);
      g_autofree char *text = np_json_write (root, NULL);

      g_print ("%s", text);
    }
  else
    for (guint i = 0; i < nodes->len; i++)
      {
        g_autofree char *text = np_yaml_write (g_ptr_array_index (nodes, i), 0, NULL);

        if (i > 0)
          g_print ("---\n");
        g_print ("%s", text);
      }
  fflush (stdout);
  return NETPOL_EXIT_OK;
}
