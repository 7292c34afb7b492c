/* np-connlist-ranges.c: the external ranges of the connectivity list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The address space cut at every boundary of the ipBlocks, Cilium CIDRs
 * and cluster networks, so that no policy tells two addresses of one
 * range apart (split out of np-connlist.c).
 */
#include "config.h"

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-cluster-policy.h"
#include "np-connlist-ranges.h"
#include "np-ip-block.h"
#include "np-node.h"
#include "np-policy-peer.h"
#include "np-policy-rule.h"
#include "np-policy.h"

typedef struct {
  NpIpRange  cidr;
  GArray    *excepts;  /* NpIpRange, same family */
} RangeBlock;

/* A prefix, or (as Cilium's toCIDR takes them) a bare address. */
static gboolean
cidr_range (const char *text, NpIpRange *range)
{
  NpCidr cidr;
  guint host_bits;
  NpAddr mask = { 0, 0 };

  if (text == NULL)
    return FALSE;
  if (!np_cidr_parse (text, &cidr, NULL, NULL) &&
      (strchr (text, '/') != NULL || !np_ip_parse (text, &cidr, NULL)))
    return FALSE;
  range->family = cidr.family;
  range->first.hi = range->first.lo = 0;
  if (cidr.family == 4)
    {
      for (guint i = 0; i < 4; i++)
        range->first.lo = (range->first.lo << 8) | cidr.addr[i];
      host_bits = 32 - MIN (cidr.prefix, 32);
    }
  else
    {
      for (guint i = 0; i < 8; i++)
        {
          range->first.hi = (range->first.hi << 8) | cidr.addr[i];
          range->first.lo = (range->first.lo << 8) | cidr.addr[i + 8];
        }
      host_bits = 128 - MIN (cidr.prefix, 128);
    }
  if (host_bits >= 64)
    {
      mask.lo = G_MAXUINT64;
      mask.hi = host_bits >= 128 ? G_MAXUINT64 : (1ULL << (host_bits - 64)) - 1;
    }
  else if (host_bits > 0)
    mask.lo = (1ULL << host_bits) - 1;
  range->first.hi &= ~mask.hi;
  range->first.lo &= ~mask.lo;
  range->last.hi = range->first.hi | mask.hi;
  range->last.lo = range->first.lo | mask.lo;
  return TRUE;
}

static gboolean
range_contains (const NpIpRange *range, int family, const NpAddr *address)
{
  return range->family == family && np_addr_compare (address, &range->first) >= 0 &&
         np_addr_compare (address, &range->last) <= 0;
}

static gboolean
block_contains (const RangeBlock *block, int family, const NpAddr *address)
{
  if (!range_contains (&block->cidr, family, address))
    return FALSE;
  for (guint i = 0; i < block->excepts->len; i++)
    if (range_contains (&g_array_index (block->excepts, NpIpRange, i), family, address))
      return FALSE;
  return TRUE;
}

static void
range_block_clear (gpointer data)
{
  g_clear_pointer (&((RangeBlock *) data)->excepts, g_array_unref);
}

/* Records where @range starts and where the one after it starts. */
static void
add_bounds (GArray **bounds, const NpIpRange *range)
{
  GArray *array = bounds[range->family == 6];
  NpAddr next;

  g_array_append_val (array, range->first);
  if (np_addr_next (range->family, &range->last, &next))
    g_array_append_val (array, next);
}

/* Adds the block @cidr except @excepts, and its boundaries. */
static void
add_block (GArray *blocks, GArray **bounds, const char *cidr, const char * const *excepts)
{
  RangeBlock block = { 0 };

  if (!cidr_range (cidr, &block.cidr))
    return;
  block.excepts = g_array_new (FALSE, FALSE, sizeof (NpIpRange));
  add_bounds (bounds, &block.cidr);
  for (guint e = 0; excepts != NULL && excepts[e] != NULL; e++)
    {
      NpIpRange except;

      if (!cidr_range (excepts[e], &except) || except.family != block.cidr.family)
        continue;
      g_array_append_val (block.excepts, except);
      add_bounds (bounds, &except);
    }
  g_array_append_val (blocks, block);
}

static void
add_cilium_blocks (NpCiliumPolicy *policy, NpDirection direction, GArray *blocks, GArray **bounds)
{
  GListModel *rules = np_cilium_policy_get_rules (policy);

  for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
    {
      g_autoptr(NpCiliumRule) rule = g_list_model_get_item (rules, r);

      for (guint sec = 0; sec < NP_CILIUM_N_SECTIONS; sec++)
        {
          GListModel *entries = np_cilium_rule_get_entries (rule, sec);

          if (np_cilium_section_get_direction (sec) != direction)
            continue;
          for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
            {
              g_autoptr(NpCiliumRuleEntry) entry = g_list_model_get_item (entries, i);
              g_auto(GStrv) cidrs = np_cilium_rule_entry_get_cidrs (entry);
              g_autoptr(GPtrArray) sets = np_cilium_rule_entry_get_cidr_rules (entry);

              for (guint c = 0; cidrs != NULL && cidrs[c] != NULL; c++)
                add_block (blocks, bounds, cidrs[c], NULL);
              for (guint c = 0; sets != NULL && c < sets->len; c++)
                {
                  NpCiliumCidrRule *set = sets->pdata[c];

                  if (set->cidr != NULL)
                    add_block (blocks, bounds, set->cidr, (const char * const *) set->except);
                }
            }
        }
    }
}

/* Splits the space of @family at @bounds into @ranges, joining neighbours
 * that every block treats alike. */
static void
split_family (int family, GArray *bounds, GArray *blocks, GArray *ranges)
{
  NpAddr zero = { 0, 0 };
  guint first_range = ranges->len;

  g_array_append_val (bounds, zero);
  g_array_sort (bounds, np_addr_compare_func);
  for (guint i = 0; i < bounds->len; i++)
    {
      NpAddr *first = &g_array_index (bounds, NpAddr, i);
      NpIpRange range = { family, *first, np_addr_max (family) };
      gboolean join = ranges->len > first_range;

      if (i + 1 < bounds->len && np_addr_compare (first, &g_array_index (bounds, NpAddr, i + 1)) == 0)
        continue;  /* the same boundary twice */
      for (guint j = i + 1; j < bounds->len; j++)
        {
          NpAddr *next = &g_array_index (bounds, NpAddr, j);

          if (np_addr_compare (next, first) > 0)
            {
              range.last = *next;
              if (range.last.lo-- == 0)
                range.last.hi--;
              break;
            }
        }
      for (guint b = 0; join && b < blocks->len; b++)
        {
          RangeBlock *block = &g_array_index (blocks, RangeBlock, b);
          NpIpRange *previous = &g_array_index (ranges, NpIpRange, ranges->len - 1);

          if (block_contains (block, family, &previous->first) != block_contains (block, family, first))
            join = FALSE;
        }
      if (join)
        g_array_index (ranges, NpIpRange, ranges->len - 1).last = range.last;
      else
        g_array_append_val (ranges, range);
    }
}

/* The IPv4 networks of AdminNetworkPolicy (and baseline, and
 * ClusterNetworkPolicy) egress rules [GetReferencedIPBlocks]. */
static void
add_cluster_blocks (NpInventory *inventory, GArray *blocks, GArray *bounds4)
{
  GArray *bounds[2] = { bounds4, NULL };

  for (guint i = 0; i < np_inventory_get_n_cluster_policies (inventory); i++)
    {
      NpClusterPolicy *policy = NP_CLUSTER_POLICY (np_inventory_get_cluster_policy (inventory, i)->policy);

      for (guint r = 0; r < np_cluster_policy_get_n_rules (policy, NP_CLUSTER_EGRESS); r++)
        {
          const NpClusterRule *rule = np_cluster_policy_get_rule (policy, NP_CLUSTER_EGRESS, r);

          for (guint p = 0; rule->peers != NULL && p < np_node_get_n_items (rule->peers); p++)
            {
              NpNode *networks = np_node_lookup (np_node_get_item (rule->peers, p), "networks");
              NpIpRange range;

              for (guint n = 0; networks != NULL && np_node_get_kind (networks) == NP_NODE_SEQUENCE &&
                                n < np_node_get_n_items (networks); n++)
                {
                  NpNode *item = np_node_get_item (networks, n);

                  if (np_node_is_string (item) && strchr (np_node_get_text (item), '/') != NULL &&
                      cidr_range (np_node_get_text (item), &range) && range.family == 4)
                    add_block (blocks, bounds, np_node_get_text (item), NULL);
                }
            }
        }
    }
}

/* The IPv4 space split into disjoint ranges at the boundaries of the ipBlocks
 * and CIDR rules of @direction, as netpol-analyzer does; then the IPv6 space
 * likewise, but only when some policy names an IPv6 prefix (netpol-analyzer
 * lists no IPv6 range). */
GArray *
np_connlist_external_ranges (NpInventory *inventory, NpDirection direction)
{
  g_autoptr(GArray) blocks = g_array_new (FALSE, TRUE, sizeof (RangeBlock));
  g_autoptr(GArray) bounds4 = g_array_new (FALSE, FALSE, sizeof (NpAddr));
  g_autoptr(GArray) bounds6 = g_array_new (FALSE, FALSE, sizeof (NpAddr));
  GArray *bounds[2] = { bounds4, bounds6 };
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (NpIpRange));

  g_array_set_clear_func (blocks, range_block_clear);

  for (guint i = 0; i < np_inventory_get_n_policies (inventory); i++)
    {
      const NpInventoryPolicy *entry = np_inventory_get_policy (inventory, i);
      GListModel *rules;

      if (NP_IS_CILIUM_POLICY (entry->policy))
        {
          add_cilium_blocks (NP_CILIUM_POLICY (entry->policy), direction, blocks, bounds);
          continue;
        }
      if (!NP_IS_POLICY (entry->policy))
        continue;
      rules = np_policy_get_rules (NP_POLICY (entry->policy), direction);
      for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
        {
          g_autoptr(NpPolicyRule) rule = g_list_model_get_item (rules, r);
          GListModel *peers = np_policy_rule_get_peers (rule);

          for (guint p = 0; p < g_list_model_get_n_items (peers); p++)
            {
              g_autoptr(NpPolicyPeer) peer = g_list_model_get_item (peers, p);
              NpIpBlock *ip_block = np_policy_peer_get_ip_block (peer);

              if (ip_block != NULL && np_ip_block_get_cidr (ip_block) != NULL)
                add_block (blocks, bounds, np_ip_block_get_cidr (ip_block), np_ip_block_get_except (ip_block));
            }
        }
    }

  /* The networks of AdminNetworkPolicy and baseline egress rules
   * [GetReferencedIPBlocks]; netpol-analyzer skips IPv6 ones. */
  if (direction == NP_DIRECTION_EGRESS)
    add_cluster_blocks (inventory, blocks, bounds4);

  split_family (4, bounds4, blocks, ranges);
  if (bounds6->len > 0)
    split_family (6, bounds6, blocks, ranges);
  return ranges;
}

char *
np_connlist_range_display (const NpIpRange *range)
{
  g_autofree char *first = np_addr_to_string (range->family, &range->first);
  g_autofree char *last = np_addr_to_string (range->family, &range->last);

  return g_strdup_printf ("%s-%s[External]", first, last);
}

void
np_connlist_range_endpoint (const NpIpRange *range, NpEndpoint *endpoint)
{
  g_autofree char *text = np_addr_to_string (range->family, &range->first);

  np_endpoint_init_address (endpoint, text);
}

