/* np-connlist.c: every allowed connection between workloads and external ranges
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-cilium-rule-entry.h"
#include "np-cilium-rule.h"
#include "np-connlist.h"
#include "np-ingress.h"
#include "np-ip-block.h"
#include "np-policy-peer.h"
#include "np-policy-rule.h"
#include "np-policy.h"

void
np_connection_free (NpConnection *connection)
{
  if (connection == NULL)
    return;
  g_free (connection->source);
  g_free (connection->destination);
  np_conn_set_free (connection->conns);
  g_free (connection);
}

/* External ranges ---------------------------------------------------------- */

/* An address as a 128-bit number: IPv4 in the low 32 bits of @lo. */
typedef struct {
  guint64 hi;
  guint64 lo;
} Addr;

typedef struct {
  int  family;  /* 4 or 6 */
  Addr first;
  Addr last;
} IpRange;

typedef struct {
  IpRange  cidr;
  GArray  *excepts;  /* IpRange, same family */
} RangeBlock;

static int
addr_compare (const Addr *a, const Addr *b)
{
  if (a->hi != b->hi)
    return a->hi < b->hi ? -1 : 1;
  return (a->lo > b->lo) - (a->lo < b->lo);
}

static int
compare_addr (gconstpointer a, gconstpointer b)
{
  return addr_compare (a, b);
}

static Addr
addr_max (int family)
{
  Addr max = { family == 6 ? G_MAXUINT64 : 0, family == 6 ? G_MAXUINT64 : 0xffffffffULL };

  return max;
}

/* @a + 1; FALSE when @a is the family's last address. */
static gboolean
addr_next (int family, const Addr *a, Addr *next)
{
  Addr max = addr_max (family);

  if (addr_compare (a, &max) == 0)
    return FALSE;
  *next = *a;
  if (++next->lo == 0)
    next->hi++;
  return TRUE;
}

/* A prefix, or (as Cilium's toCIDR takes them) a bare address. */
static gboolean
cidr_range (const char *text, IpRange *range)
{
  NpCidr cidr;
  guint host_bits;
  Addr mask = { 0, 0 };

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
range_contains (const IpRange *range, int family, const Addr *address)
{
  return range->family == family && addr_compare (address, &range->first) >= 0 &&
         addr_compare (address, &range->last) <= 0;
}

static gboolean
block_contains (const RangeBlock *block, int family, const Addr *address)
{
  if (!range_contains (&block->cidr, family, address))
    return FALSE;
  for (guint i = 0; i < block->excepts->len; i++)
    if (range_contains (&g_array_index (block->excepts, IpRange, i), family, address))
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
add_bounds (GArray **bounds, const IpRange *range)
{
  GArray *array = bounds[range->family == 6];
  Addr next;

  g_array_append_val (array, range->first);
  if (addr_next (range->family, &range->last, &next))
    g_array_append_val (array, next);
}

/* Adds the block @cidr except @excepts, and its boundaries. */
static void
add_block (GArray *blocks, GArray **bounds, const char *cidr, const char * const *excepts)
{
  RangeBlock block = { 0 };

  if (!cidr_range (cidr, &block.cidr))
    return;
  block.excepts = g_array_new (FALSE, FALSE, sizeof (IpRange));
  add_bounds (bounds, &block.cidr);
  for (guint e = 0; excepts != NULL && excepts[e] != NULL; e++)
    {
      IpRange except;

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
  Addr zero = { 0, 0 };
  guint first_range = ranges->len;

  g_array_append_val (bounds, zero);
  g_array_sort (bounds, compare_addr);
  for (guint i = 0; i < bounds->len; i++)
    {
      Addr *first = &g_array_index (bounds, Addr, i);
      IpRange range = { family, *first, addr_max (family) };
      gboolean join = ranges->len > first_range;

      if (i + 1 < bounds->len && addr_compare (first, &g_array_index (bounds, Addr, i + 1)) == 0)
        continue;  /* the same boundary twice */
      for (guint j = i + 1; j < bounds->len; j++)
        {
          Addr *next = &g_array_index (bounds, Addr, j);

          if (addr_compare (next, first) > 0)
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
          IpRange *previous = &g_array_index (ranges, IpRange, ranges->len - 1);

          if (block_contains (block, family, &previous->first) != block_contains (block, family, first))
            join = FALSE;
        }
      if (join)
        g_array_index (ranges, IpRange, ranges->len - 1).last = range.last;
      else
        g_array_append_val (ranges, range);
    }
}

/* The IPv4 space split into disjoint ranges at the boundaries of the ipBlocks
 * and CIDR rules of @direction, as netpol-analyzer does; then the IPv6 space
 * likewise, but only when some policy names an IPv6 prefix (netpol-analyzer
 * lists no IPv6 range). */
static GArray *
external_ranges (NpInventory *inventory, NpDirection direction)
{
  g_autoptr(GArray) blocks = g_array_new (FALSE, TRUE, sizeof (RangeBlock));
  g_autoptr(GArray) bounds4 = g_array_new (FALSE, FALSE, sizeof (Addr));
  g_autoptr(GArray) bounds6 = g_array_new (FALSE, FALSE, sizeof (Addr));
  GArray *bounds[2] = { bounds4, bounds6 };
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (IpRange));

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

  split_family (4, bounds4, blocks, ranges);
  if (bounds6->len > 0)
    split_family (6, bounds6, blocks, ranges);
  return ranges;
}

static char *
addr_to_string (int family, const Addr *address)
{
  guint8 bytes[16];
  g_autoptr(GInetAddress) inet = NULL;

  if (family == 4)
    return g_strdup_printf ("%u.%u.%u.%u", (guint) (address->lo >> 24) & 0xff,
                            (guint) (address->lo >> 16) & 0xff, (guint) (address->lo >> 8) & 0xff,
                            (guint) address->lo & 0xff);
  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (address->hi >> (56 - 8 * i)) & 0xff;
      bytes[i + 8] = (address->lo >> (56 - 8 * i)) & 0xff;
    }
  inet = g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV6);
  return g_inet_address_to_string (inet);
}

static char *
range_display (const IpRange *range)
{
  g_autofree char *first = addr_to_string (range->family, &range->first);
  g_autofree char *last = addr_to_string (range->family, &range->last);

  return g_strdup_printf ("%s-%s[External]", first, last);
}

static void
range_endpoint (const IpRange *range, NpEndpoint *endpoint)
{
  g_autofree char *text = addr_to_string (range->family, &range->first);

  np_endpoint_init_address (endpoint, text);
}

/* The list ----------------------------------------------------------------- */

static char *
connection_line (const NpConnection *connection)
{
  g_autofree char *conns = np_conn_set_to_string (connection->conns);

  return g_strdup_printf ("%s => %s : %s", connection->source, connection->destination, conns);
}

/* One end of a line: a workload, or an external range. */
typedef struct {
  const char *display;   /* the workload's, or @owned */
  char       *owned;
  int         workload;  /* -1 for a range */
  NpEndpoint  endpoint;
} End;

static void
end_clear (gpointer data)
{
  g_free (((End *) data)->owned);
}

/* Sorts as the whole lines would sort: each end holds one "]", at its end,
 * so no end is a prefix of another and comparing the ends in turn is the
 * same as comparing the lines. Equal displays stay in inventory order. */
static int
compare_ends (gconstpointer a, gconstpointer b)
{
  const End *x = a;
  const End *y = b;
  int order = strcmp (x->display, y->display);

  if (order != 0)
    return order;
  return (x->workload > y->workload) - (x->workload < y->workload);
}

/* The workloads and the ranges of one side, sorted by display. */
static GArray *
sorted_ends (NpInventory *inventory, GArray *ranges)
{
  guint n = np_inventory_get_n_workloads (inventory);
  GArray *ends = g_array_sized_new (FALSE, TRUE, sizeof (End), n + ranges->len);

  g_array_set_clear_func (ends, end_clear);
  for (guint w = 0; w < n; w++)
    {
      End end = { 0 };

      end.display = np_inventory_get_workload (inventory, w)->display;
      end.workload = w;
      np_endpoint_init_workload (&end.endpoint, w);
      g_array_append_val (ends, end);
    }
  for (guint r = 0; r < ranges->len; r++)
    {
      IpRange *range = &g_array_index (ranges, IpRange, r);
      End end = { 0 };

      end.owned = range_display (range);
      end.display = end.owned;
      end.workload = -1;
      range_endpoint (range, &end.endpoint);
      g_array_append_val (ends, end);
    }
  g_array_sort (ends, compare_ends);
  return ends;
}

/* The length of the run of ends from @i on that share a display: pods
 * grouped under one workload name make one line. */
static guint
group_length (GArray *ends, guint i)
{
  const char *display = g_array_index (ends, End, i).display;
  guint j = i + 1;

  while (j < ends->len && g_str_equal (g_array_index (ends, End, j).display, display))
    j++;
  return j - i;
}

GPtrArray *
np_connlist_compute (NpEvaluator  *evaluator,
                     const char   *focus_workload,
                     GError      **error)
{
  NpInventory *inventory;
  g_autoptr(GArray) source_ranges = NULL;
  g_autoptr(GArray) destination_ranges = NULL;
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GArray) destinations = NULL;
  const char *focus = NULL;
  GPtrArray *result;

  g_return_val_if_fail (NP_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  inventory = np_evaluator_get_inventory (evaluator);
  if (focus_workload != NULL)
    {
      int index = np_inventory_find_workload (inventory, focus_workload);

      if (index < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "No workload “%s” in the manifests; name one as NAMESPACE/NAME.",
                       focus_workload);
          return NULL;
        }
      focus = np_inventory_get_workload (inventory, index)->display;
    }

  source_ranges = external_ranges (inventory, NP_DIRECTION_INGRESS);
  destination_ranges = external_ranges (inventory, NP_DIRECTION_EGRESS);
  sources = sorted_ends (inventory, source_ranges);
  destinations = sorted_ends (inventory, destination_ranges);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) np_connection_free);

  /* Both sides in line order, so the lines come out sorted, with no table
   * of all pairs to build and sort. */
  for (guint s = 0, s_len; s < sources->len; s += s_len)
    {
      const End *src = &g_array_index (sources, End, s);
      gboolean src_focus;

      s_len = group_length (sources, s);
      src_focus = focus == NULL || g_str_equal (src->display, focus);

      for (guint d = 0, d_len; d < destinations->len; d += d_len)
        {
          const End *dst = &g_array_index (destinations, End, d);
          NpConnSet *conns = NULL;

          d_len = group_length (destinations, d);
          /* Ranges only ever meet workloads; a workload never meets itself. */
          if ((src->workload < 0 && dst->workload < 0) || g_str_equal (src->display, dst->display))
            continue;
          if (!src_focus && !g_str_equal (dst->display, focus))
            continue;

          for (guint i = s; i < s + s_len; i++)
            for (guint j = d; j < d + d_len; j++)
              {
                NpConnSet *allowed = np_evaluator_allowed (evaluator,
                                                           &g_array_index (sources, End, i).endpoint,
                                                           &g_array_index (destinations, End, j).endpoint);

                if (conns == NULL)
                  conns = allowed;
                else
                  {
                    np_conn_set_union (conns, allowed);
                    np_conn_set_free (allowed);
                  }
              }

          if (np_conn_set_is_empty (conns))
            np_conn_set_free (conns);
          else
            {
              NpConnection *connection = g_new0 (NpConnection, 1);

              connection->source = g_strdup (src->display);
              connection->destination = g_strdup (dst->display);
              connection->conns = conns;
              g_ptr_array_add (result, connection);
            }
        }
    }
  /* The ingress controller's rows (Ingress and Route objects) come last,
   * as "{" sorts after every workload and range. */
  g_ptr_array_extend_and_steal (result, np_ingress_compute (evaluator, focus));
  return result;
}

/* Output ------------------------------------------------------------------- */

gboolean
np_connlist_format_parse (const char       *name,
                          NpConnlistFormat *format)
{
  static const struct { const char *name; NpConnlistFormat format; } formats[] = {
    { "txt", NP_CONNLIST_TEXT }, { "text", NP_CONNLIST_TEXT }, { "json", NP_CONNLIST_JSON },
    { "csv", NP_CONNLIST_CSV }, { "md", NP_CONNLIST_MD }, { "dot", NP_CONNLIST_DOT },
  };

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name))
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

static void
append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_dot_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
np_connlist_format (GPtrArray        *connections,
                    NpConnlistFormat  format)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (connections != NULL, NULL);

  switch (format)
    {
    case NP_CONNLIST_TEXT:
      for (guint i = 0; i < connections->len; i++)
        {
          g_autofree char *line = connection_line (connections->pdata[i]);

          g_string_append_printf (out, "%s\n", line);
        }
      break;

    case NP_CONNLIST_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autoptr(JsonNode) root = NULL;
        g_autofree char *text = NULL;

        json_builder_begin_array (builder);
        for (guint i = 0; i < connections->len; i++)
          {
            NpConnection *c = connections->pdata[i];
            g_autofree char *conns = np_conn_set_to_string (c->conns);

            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "src");
            json_builder_add_string_value (builder, c->source);
            json_builder_set_member_name (builder, "dst");
            json_builder_add_string_value (builder, c->destination);
            json_builder_set_member_name (builder, "conn");
            json_builder_add_string_value (builder, conns);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        root = json_builder_get_root (builder);
        json_generator_set_root (generator, root);
        json_generator_set_pretty (generator, TRUE);
        text = json_generator_to_data (generator, NULL);
        g_string_append_printf (out, "%s\n", text);
      }
      break;

    case NP_CONNLIST_CSV:
      g_string_append (out, "src,dst,conn\n");
      for (guint i = 0; i < connections->len; i++)
        {
          NpConnection *c = connections->pdata[i];
          g_autofree char *conns = np_conn_set_to_string (c->conns);

          append_csv_field (out, c->source);
          g_string_append_c (out, ',');
          append_csv_field (out, c->destination);
          g_string_append_c (out, ',');
          append_csv_field (out, conns);
          g_string_append_c (out, '\n');
        }
      break;

    case NP_CONNLIST_MD:
      g_string_append (out, "| src | dst | conn |\n|-----|-----|------|\n");
      for (guint i = 0; i < connections->len; i++)
        {
          NpConnection *c = connections->pdata[i];
          g_autofree char *conns = np_conn_set_to_string (c->conns);

          g_string_append_printf (out, "| %s | %s | %s |\n", c->source, c->destination, conns);
        }
      break;

    case NP_CONNLIST_DOT:
      {
        g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

        g_string_append (out, "digraph {\n");
        for (guint i = 0; i < connections->len; i++)
          {
            NpConnection *c = connections->pdata[i];
            const char *ends[] = { c->source, c->destination };

            for (guint e = 0; e < 2; e++)
              if (g_hash_table_add (seen, (gpointer) ends[e]))
                {
                  g_string_append (out, "\t");
                  append_dot_string (out, ends[e]);
                  g_string_append_printf (out, " [label=");
                  append_dot_string (out, ends[e]);
                  g_string_append_printf (out, " color=\"%s\" fontcolor=\"%s\"]\n",
                                          g_str_has_suffix (ends[e], "[External]") ? "red2" : "blue",
                                          g_str_has_suffix (ends[e], "[External]") ? "red2" : "blue");
                }
          }
        for (guint i = 0; i < connections->len; i++)
          {
            NpConnection *c = connections->pdata[i];
            g_autofree char *conns = np_conn_set_to_string (c->conns);

            g_string_append (out, "\t");
            append_dot_string (out, c->source);
            g_string_append (out, " -> ");
            append_dot_string (out, c->destination);
            g_string_append (out, " [label=");
            append_dot_string (out, conns);
            g_string_append (out, " color=\"gold2\" fontcolor=\"darkgreen\"]\n");
          }
        g_string_append (out, "}\n");
      }
      break;

    default:
      g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}
