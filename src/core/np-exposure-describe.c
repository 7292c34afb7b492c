/* np-exposure-describe.c: the exposure of one policy's pods, in a sentence per direction
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor's centre card says who may reach the pods a policy selects
 * (and what they may reach), from that policy and the other
 * NetworkPolicies of its file or folder that select those pods too. The
 * parts follow the exposure analysis (np-exposure.c): a peer selecting
 * every namespace is "any pod in the cluster", other selector pairs the
 * pods they describe, ipBlocks addresses outside the cluster. Policies
 * of other kinds are not read: a caveat names those that may decide too.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cluster-policy.h"
#include "np-document.h"
#include "np-exposure.h"
#include "np-ip-block.h"
#include "np-k8s-names.h"
#include "np-label-selector.h"
#include "np-manifest.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-policy.h"
#include "np-selector-requirement.h"

#define NS_NAME_LABEL "kubernetes.io/metadata.name"

typedef struct {
  char     *text;
  gboolean  in_cluster;  /* pods, not addresses */
  gboolean  everything;  /* the whole cluster, or every address, on every port */
} Part;

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->text);
  g_free (part);
}

static gboolean
selector_is_empty (NpLabelSelector *selector)
{
  return selector == NULL || np_label_selector_is_empty (selector);
}

/* Whether @other selects at least the pods @policy selects: the same
 * namespace, and an empty selector, an equal one, or matchLabels that
 * @policy's matchLabels all have. @namespace_ is @policy's namespace and
 * @text its pod selector as np_label_selector_to_string() writes it (NULL
 * when the selector is empty): asked once per walk, not once per policy. */
static gboolean
selects_those_pods (NpPolicy *other, NpPolicy *policy, const char *namespace_, const char *text)
{
  NpLabelSelector *mine = np_policy_get_pod_selector (policy);
  NpLabelSelector *theirs = np_policy_get_pod_selector (other);
  GListModel *terms;
  g_autofree char *b = NULL;

  if (other == policy)
    return TRUE;
  if (!g_str_equal (np_k8s_namespace_or_default (np_policy_get_namespace (other)), namespace_))
    return FALSE;
  if (selector_is_empty (theirs))
    return TRUE;
  if (text == NULL)
    return FALSE;
  b = np_label_selector_to_string (theirs);
  if (g_str_equal (text, b))
    return TRUE;
  terms = np_label_selector_get_requirements (theirs);
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(NpSelectorRequirement) term = g_list_model_get_item (terms, i);

      if (!np_selector_requirement_is_label (term) ||
          g_strcmp0 (np_label_selector_get_label (mine, np_selector_requirement_get_key (term)),
                     np_selector_requirement_get_value (term)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* " on TCP 80, UDP 53" for a rule's ports; "" for every port. (transfer full) */
static char *
ports_suffix (NpPolicyRule *rule)
{
  GListModel *ports = np_policy_rule_get_ports (rule);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (g_list_model_get_n_items (ports) == 0)
    return g_strdup ("");
  for (guint i = 0; i < g_list_model_get_n_items (ports); i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);
      const char *protocol = np_policy_port_get_effective_protocol (port);

      switch (np_policy_port_get_port_kind (port))
        {
        case NP_PORT_KIND_NUMBER:
          if (np_policy_port_get_has_end_port (port))
            g_ptr_array_add (texts, g_strdup_printf ("%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, protocol,
                                                     np_policy_port_get_port_number (port),
                                                     np_policy_port_get_end_port (port)));
          else
            g_ptr_array_add (texts, g_strdup_printf ("%s %" G_GINT64_FORMAT, protocol,
                                                     np_policy_port_get_port_number (port)));
          break;
        case NP_PORT_KIND_NAME:
          g_ptr_array_add (texts, g_strdup_printf ("%s %s", protocol, np_policy_port_get_port_name (port)));
          break;
        case NP_PORT_KIND_NONE:
        default:
          /* TRANSLATORS: a protocol, e.g. "every UDP port" */
          g_ptr_array_add (texts, g_strdup_printf (_("every %s port"), protocol));
          break;
        }
    }
  g_ptr_array_add (texts, NULL);
  joined = g_strjoinv (", ", (char **) texts->pdata);
  /* TRANSLATORS: appended to a part of "Reachable from: …"; %s is a port list */
  return g_strdup_printf (_(" on %s"), joined);
}

static void
add_part (GPtrArray *parts, char *text, gboolean in_cluster, gboolean everything)
{
  Part *part;

  for (guint i = 0; i < parts->len; i++)
    if (g_str_equal (((Part *) parts->pdata[i])->text, text))
      {
        g_free (text);
        return;
      }
  part = g_new0 (Part, 1);
  part->text = text;
  part->in_cluster = in_cluster;
  part->everything = everything;
  g_ptr_array_add (parts, part);
}

/* The pods a selector pair describes, as a phrase. (transfer full) */
static char *
pods_phrase (NpLabelSelector *ns, NpLabelSelector *pod, const char *policy_namespace)
{
  g_autofree char *pods = selector_is_empty (pod) ? NULL : np_label_selector_to_string (pod);
  const char *name = NULL;
  g_autofree char *namespaces = NULL;

  if (ns == NULL)
    name = policy_namespace;
  else if (!np_label_selector_is_empty (ns))
    {
      name = np_label_selector_get_label (ns, NS_NAME_LABEL);
      if (name == NULL || g_list_model_get_n_items (np_label_selector_get_requirements (ns)) != 1)
        {
          name = NULL;
          namespaces = np_label_selector_to_string (ns);
        }
    }

  if (pods == NULL)
    {
      if (name != NULL)
        return g_strdup_printf (_("any pod in namespace %s"), name);
      if (namespaces != NULL)
        return g_strdup_printf (_("any pod in namespaces labelled %s"), namespaces);
      return g_strdup (_("any pod in the cluster"));
    }
  if (name != NULL)
    /* TRANSLATORS: first %s: labels such as "app=web", second: a namespace */
    return g_strdup_printf (_("pods labelled %s in namespace %s"), pods, name);
  if (namespaces != NULL)
    /* TRANSLATORS: both %s are labels such as "app=web" */
    return g_strdup_printf (_("pods labelled %s in namespaces labelled %s"), pods, namespaces);
  return g_strdup_printf (_("pods labelled %s in any namespace"), pods);
}

static gboolean
is_every_address (NpIpBlock *block)
{
  const char * const *except = np_ip_block_get_except (block);

  return (except == NULL || except[0] == NULL) &&
         (g_strcmp0 (np_ip_block_get_cidr (block), "0.0.0.0/0") == 0 ||
          g_strcmp0 (np_ip_block_get_cidr (block), "::/0") == 0);
}

/* The parts one rule adds. */
static void
rule_parts (NpPolicyRule *rule, const char *policy_namespace, GPtrArray *parts)
{
  GListModel *peers = np_policy_rule_get_peers (rule);
  g_autofree char *suffix = ports_suffix (rule);
  gboolean all_ports = suffix[0] == '\0';

  if (g_list_model_get_n_items (peers) == 0)
    {
      add_part (parts, g_strconcat (_("any pod in the cluster"), suffix, NULL), TRUE, all_ports);
      add_part (parts, g_strconcat (_("outside the cluster"), suffix, NULL), FALSE, all_ports);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, i);
      NpIpBlock *block = np_policy_peer_get_ip_block (peer);
      NpLabelSelector *ns = np_policy_peer_get_namespace_selector (peer);
      NpLabelSelector *pod = np_policy_peer_get_pod_selector (peer);
      g_autofree char *phrase = NULL;

      if (block != NULL)
        {
          const char * const *except = np_ip_block_get_except (block);

          if (is_every_address (block))
            phrase = g_strdup (_("outside the cluster"));
          else if (except != NULL && except[0] != NULL)
            {
              g_autofree char *excepts = g_strjoinv (", ", (char **) except);

              phrase = g_strdup_printf (_("addresses in %s except %s"), np_ip_block_get_cidr (block), excepts);
            }
          else
            phrase = g_strdup_printf (_("addresses in %s"), np_ip_block_get_cidr (block));
          add_part (parts, g_strconcat (phrase, suffix, NULL), FALSE, all_ports && is_every_address (block));
          continue;
        }
      if (ns == NULL && pod == NULL)
        continue;
      phrase = pods_phrase (ns, pod, policy_namespace);
      add_part (parts, g_strconcat (phrase, suffix, NULL), TRUE,
                all_ports && ns != NULL && np_label_selector_is_empty (ns) && selector_is_empty (pod));
    }
}

/* The sentence of one direction, from @policies: those that select the
 * pods of the policy shown; past @max_parts parts (0: no limit), a count of
 * the rest. (transfer full) */
static char *
describe_direction (GPtrArray *policies, NpDirection direction, guint max_parts)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  gboolean isolated = FALSE;
  gboolean whole[2] = { FALSE, FALSE };  /* outside, in the cluster */
  g_autofree char *joined = NULL;
  g_autofree char *more = NULL;
  gboolean ingress = direction == NP_DIRECTION_INGRESS;

  for (guint p = 0; p < policies->len; p++)
    {
      NpPolicy *other = policies->pdata[p];
      GListModel *rules = np_policy_get_rules (other, direction);
      const char *namespace_ = np_k8s_namespace_or_default (np_policy_get_namespace (other));

      if (!np_policy_affects (other, direction))
        continue;
      isolated = TRUE;
      for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
        {
          g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, r);

          rule_parts (rule, namespace_, parts);
        }
    }

  if (!isolated)
    return g_strdup (ingress ? _("Reachable from: anywhere (no policy isolates these pods)")
                             : _("Can reach: anywhere (no policy isolates these pods)"));

  /* What the whole cluster (or every address) gets on every port covers
   * the narrower parts of its kind [§5: only what differs is listed]. */
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = parts->pdata[i];

      if (part->everything)
        whole[part->in_cluster] = TRUE;
    }
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = parts->pdata[i];

      if (!whole[part->in_cluster] || part->everything)
        g_ptr_array_add (texts, part->text);
    }
  if (texts->len == 0)
    return g_strdup (ingress ? _("Reachable from: nowhere") : _("Can reach: nowhere"));
  if (max_parts > 0 && texts->len > max_parts + 1)
    {
      guint rest = texts->len - max_parts;

      g_ptr_array_set_size (texts, max_parts);
      /* TRANSLATORS: the last part of "Reachable from: …" when the list
       * goes on: "…; pods labelled app=api in namespace shop; and 195 more" */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", rest), rest);
      g_ptr_array_add (texts, more);
    }
  g_ptr_array_add (texts, NULL);
  /* TRANSLATORS: separates the parts of "Reachable from: …" */
  joined = g_strjoinv (_("; "), (char **) texts->pdata);
  /* TRANSLATORS: %s lists who may connect to the pods, e.g.
   * "any pod in namespaces labelled team=payments; outside the cluster" */
  return g_strdup_printf (ingress ? _("Reachable from: %s") : _("Can reach: %s"), joined);
}


/* The kinds np_exposure_describe_others() names, in the order it names them. */
enum {
  OTHER_ANP,
  OTHER_BANP,
  OTHER_CNP,
  OTHER_CILIUM,
  OTHER_CILIUM_CLUSTERWIDE,
  N_OTHERS
};

static const char * const other_kinds[N_OTHERS] = {
  "AdminNetworkPolicies", "BaselineAdminNetworkPolicies", "ClusterNetworkPolicies",
  "CiliumNetworkPolicies", "CiliumClusterwideNetworkPolicies",
};

/* One walk of @manifest's documents (nullable) for the sentences and the
 * caveat: into @selecting (nullable) the NetworkPolicies that select the
 * pods of @policy too, @policy always among them; into @found (nullable)
 * the other kinds of policy that may decide their traffic. Document by
 * document, not through np_manifest_list_policies(): the editor asks this
 * after every pick, and a list of a large file's thousands of policies was
 * built and dropped each time. */
static void
walk_documents (NpManifest *manifest,
                NpPolicy   *policy,
                GPtrArray  *selecting,
                gboolean   *found)
{
  const char *namespace_ = np_k8s_namespace_or_default (np_policy_get_namespace (policy));
  NpLabelSelector *mine = np_policy_get_pod_selector (policy);
  g_autofree char *text = selector_is_empty (mine) ? NULL : np_label_selector_to_string (mine);
  GListModel *documents = manifest != NULL ? np_manifest_get_documents (manifest) : NULL;

  for (guint d = 0, n = documents != NULL ? g_list_model_get_n_items (documents) : 0; d < n; d++)
    {
      g_autoptr(NpDocument) document = g_list_model_get_item (documents, d);
      NpDocumentKind document_kind = np_document_get_kind (document);
      GListModel *all;

      /* A cluster-wide policy is known by its kind: no model is built. */
      if (document_kind == NP_DOCUMENT_CLUSTER_POLICY)
        {
          NpClusterPolicyKind kind;

          if (found != NULL && np_cluster_policy_kind_of_node (np_document_get_root (document), &kind))
            found[kind == NP_CLUSTER_POLICY_ANP ? OTHER_ANP :
                  kind == NP_CLUSTER_POLICY_BANP ? OTHER_BANP : OTHER_CNP] = TRUE;
          continue;
        }
      /* For the caveat alone, most documents (NetworkPolicies) are passed
       * over without a look at their models. */
      if (selecting == NULL && document_kind != NP_DOCUMENT_CILIUM_POLICY && document_kind != NP_DOCUMENT_LIST)
        continue;
      all = np_document_get_policies (document);
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(GObject) object = g_list_model_get_item (all, i);

          if (NP_IS_POLICY (object))
            {
              if (selecting != NULL && selects_those_pods (NP_POLICY (object), policy, namespace_, text))
                g_ptr_array_add (selecting, g_steal_pointer (&object));
            }
          else if (found != NULL && NP_IS_CILIUM_POLICY (object))
            {
              NpCiliumPolicy *cilium = NP_CILIUM_POLICY (object);

              if (np_cilium_policy_is_clusterwide (cilium))
                found[OTHER_CILIUM_CLUSTERWIDE] = TRUE;
              /* A namespaced Cilium policy selects pods of its namespace only. */
              else if (g_str_equal (np_k8s_namespace_or_default (np_cilium_policy_get_namespace (cilium)), namespace_))
                found[OTHER_CILIUM] = TRUE;
            }
        }
    }
  /* The policy shown counts even before it is added to a file. */
  if (selecting != NULL && !g_ptr_array_find (selecting, policy, NULL))
    g_ptr_array_add (selecting, g_object_ref (policy));
}

/* The caveat for the kinds @found, or NULL. (transfer full) (nullable) */
static char *
describe_found (const gboolean *found)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint k = 0; k < N_OTHERS; k++)
    if (found[k])
      g_ptr_array_add (names, (gpointer) other_kinds[k]);
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);
  /* TRANSLATORS: %s lists policy kinds, as the API names them, e.g.
   * "AdminNetworkPolicies, CiliumNetworkPolicies". */
  return g_strdup_printf (_("Read from NetworkPolicies only: the file's %s may decide too."), joined);
}

char *
np_exposure_describe_policy (NpManifest  *manifest,
                             NpPolicy    *policy,
                             NpDirection  direction)
{
  g_autoptr(GPtrArray) selecting = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (manifest == NULL || NP_IS_MANIFEST (manifest), NULL);
  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  walk_documents (manifest, policy, selecting, NULL);
  return describe_direction (selecting, direction, 0);
}

char *
np_exposure_describe_others (NpManifest *manifest,
                             NpPolicy   *policy)
{
  gboolean found[N_OTHERS] = { FALSE };

  g_return_val_if_fail (manifest == NULL || NP_IS_MANIFEST (manifest), NULL);
  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  walk_documents (manifest, policy, NULL, found);
  return describe_found (found);
}

char *
np_exposure_describe_card (NpManifest *manifest,
                           NpPolicy   *policy)
{
  g_autoptr(GPtrArray) selecting = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean found[N_OTHERS] = { FALSE };
  g_autofree char *ingress = NULL;
  g_autofree char *egress = NULL;
  g_autofree char *others = NULL;

  g_return_val_if_fail (manifest == NULL || NP_IS_MANIFEST (manifest), NULL);
  g_return_val_if_fail (NP_IS_POLICY (policy), NULL);

  walk_documents (manifest, policy, selecting, found);
  ingress = describe_direction (selecting, NP_DIRECTION_INGRESS, NP_EXPOSURE_CARD_MAX_PARTS);
  egress = describe_direction (selecting, NP_DIRECTION_EGRESS, NP_EXPOSURE_CARD_MAX_PARTS);
  others = describe_found (found);
  /* No caveat: the list ends at its NULL, two lines. */
  return g_strjoin ("\n", ingress, egress, others, NULL);
}
