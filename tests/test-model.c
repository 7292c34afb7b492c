/* test-model.c: the policy model classes: properties, "changed", parsing, copies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-ip-block.h"
#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-policy.h"
#include "np-policy-peer.h"
#include "np-policy-port.h"
#include "np-policy-rule.h"
#include "np-selector-requirement.h"
#include "np-test-util.h"

/* Records the notifications and "changed" emissions of one object, without
 * keeping it alive. */
typedef struct
{
  GObject   *object;
  GPtrArray *notified;
  guint      changed;
  gulong     notify_id;
  gulong     changed_id;
} Watch;

static void
watch_on_notify (GObject    *object,
                 GParamSpec *pspec,
                 Watch      *watch)
{
  g_ptr_array_add (watch->notified, g_strdup (pspec->name));
}

static void
watch_on_changed (GObject *object,
                  Watch   *watch)
{
  watch->changed++;
}

static Watch *
watch_new (gpointer object)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->object = object;
  g_object_add_weak_pointer (object, (gpointer *) &watch->object);
  watch->notified = g_ptr_array_new_with_free_func (g_free);
  watch->notify_id = g_signal_connect (object, "notify", G_CALLBACK (watch_on_notify), watch);
  watch->changed_id = g_signal_connect (object, "changed", G_CALLBACK (watch_on_changed), watch);
  return watch;
}

static void
watch_free (Watch *watch)
{
  if (watch->object != NULL)
    {
      g_signal_handler_disconnect (watch->object, watch->notify_id);
      g_signal_handler_disconnect (watch->object, watch->changed_id);
      g_object_remove_weak_pointer (watch->object, (gpointer *) &watch->object);
    }
  g_ptr_array_unref (watch->notified);
  g_free (watch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Watch, watch_free)

/* Asserts that, since the last check, "changed" was emitted @changed times
 * and exactly the properties named in the NULL-terminated list notified, in
 * that order. Then forgets them. */
static void watch_check (Watch *watch, guint changed, ...) G_GNUC_NULL_TERMINATED;

static void
watch_check (Watch *watch,
             guint  changed,
             ...)
{
  const char *name;
  guint n = 0;
  va_list args;

  va_start (args, changed);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (n, <, watch->notified->len);
      g_assert_cmpstr (g_ptr_array_index (watch->notified, n), ==, name);
      n++;
    }
  va_end (args);

  g_assert_cmpuint (watch->notified->len, ==, n);
  g_assert_cmpuint (watch->changed, ==, changed);

  g_ptr_array_set_size (watch->notified, 0);
  watch->changed = 0;
}

static GHashTable *
labels_new (const char *first_key,
            ...) G_GNUC_NULL_TERMINATED;

static GHashTable *
labels_new (const char *first_key,
            ...)
{
  GHashTable *labels = g_hash_table_new (g_str_hash, g_str_equal);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      g_hash_table_insert (labels, (gpointer) key, va_arg (args, char *));
      key = va_arg (args, const char *);
    }
  va_end (args);
  return labels;
}

static NpLabelSelector *
parse_selector (const char *text)
{
  g_autoptr(GError) error = NULL;
  NpLabelSelector *selector = np_label_selector_new_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (selector);
  return selector;
}

/* Deep equality, field by field. */

static void
assert_requirement_equal (NpSelectorRequirement *a,
                          NpSelectorRequirement *b)
{
  g_assert_true (a != b);
  g_assert_cmpstr (np_selector_requirement_get_key (a), ==, np_selector_requirement_get_key (b));
  g_assert_cmpstr (np_selector_requirement_get_operator (a), ==, np_selector_requirement_get_operator (b));
  g_assert_cmpstr (np_selector_requirement_get_value (a), ==, np_selector_requirement_get_value (b));
  g_assert_true (np_strv_equal0 (np_selector_requirement_get_values (a),
                                 np_selector_requirement_get_values (b)));
}

static void
assert_selector_equal (NpLabelSelector *a,
                       NpLabelSelector *b)
{
  GListModel *ra;
  GListModel *rb;

  if (a == NULL || b == NULL)
    {
      g_assert_null (a);
      g_assert_null (b);
      return;
    }

  g_assert_true (a != b);
  ra = np_label_selector_get_requirements (a);
  rb = np_label_selector_get_requirements (b);
  g_assert_cmpuint (g_list_model_get_n_items (ra), ==, g_list_model_get_n_items (rb));
  for (guint i = 0; i < g_list_model_get_n_items (ra); i++)
    {
      g_autoptr(NpSelectorRequirement) x = g_list_model_get_item (ra, i);
      g_autoptr(NpSelectorRequirement) y = g_list_model_get_item (rb, i);

      assert_requirement_equal (x, y);
    }
}

static void
assert_ip_block_equal (NpIpBlock *a,
                       NpIpBlock *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_null (a);
      g_assert_null (b);
      return;
    }

  g_assert_true (a != b);
  g_assert_cmpstr (np_ip_block_get_cidr (a), ==, np_ip_block_get_cidr (b));
  g_assert_true (np_strv_equal0 (np_ip_block_get_except (a), np_ip_block_get_except (b)));
}

static void
assert_port_equal (NpPolicyPort *a,
                   NpPolicyPort *b)
{
  g_assert_true (a != b);
  g_assert_cmpstr (np_policy_port_get_protocol (a), ==, np_policy_port_get_protocol (b));
  g_assert_cmpint (np_policy_port_get_port_kind (a), ==, np_policy_port_get_port_kind (b));
  g_assert_cmpint (np_policy_port_get_port_number (a), ==, np_policy_port_get_port_number (b));
  g_assert_cmpstr (np_policy_port_get_port_name (a), ==, np_policy_port_get_port_name (b));
  g_assert_cmpint (np_policy_port_get_has_end_port (a), ==, np_policy_port_get_has_end_port (b));
  g_assert_cmpint (np_policy_port_get_end_port (a), ==, np_policy_port_get_end_port (b));
}

static void
assert_peer_equal (NpPolicyPeer *a,
                   NpPolicyPeer *b)
{
  g_assert_true (a != b);
  assert_selector_equal (np_policy_peer_get_pod_selector (a), np_policy_peer_get_pod_selector (b));
  assert_selector_equal (np_policy_peer_get_namespace_selector (a),
                         np_policy_peer_get_namespace_selector (b));
  assert_ip_block_equal (np_policy_peer_get_ip_block (a), np_policy_peer_get_ip_block (b));
}

static void
assert_rule_equal (NpPolicyRule *a,
                   NpPolicyRule *b)
{
  GListModel *pa = np_policy_rule_get_peers (a);
  GListModel *pb = np_policy_rule_get_peers (b);
  GListModel *qa = np_policy_rule_get_ports (a);
  GListModel *qb = np_policy_rule_get_ports (b);

  g_assert_true (a != b);
  g_assert_cmpint (np_policy_rule_get_direction (a), ==, np_policy_rule_get_direction (b));

  g_assert_cmpuint (g_list_model_get_n_items (pa), ==, g_list_model_get_n_items (pb));
  for (guint i = 0; i < g_list_model_get_n_items (pa); i++)
    {
      g_autoptr(NpPolicyPeer) x = g_list_model_get_item (pa, i);
      g_autoptr(NpPolicyPeer) y = g_list_model_get_item (pb, i);

      assert_peer_equal (x, y);
    }

  g_assert_cmpuint (g_list_model_get_n_items (qa), ==, g_list_model_get_n_items (qb));
  for (guint i = 0; i < g_list_model_get_n_items (qa); i++)
    {
      g_autoptr(NpPolicyPort) x = g_list_model_get_item (qa, i);
      g_autoptr(NpPolicyPort) y = g_list_model_get_item (qb, i);

      assert_port_equal (x, y);
    }
}

static void
assert_rules_equal (GListModel *a,
                    GListModel *b)
{
  g_assert_true (a != b);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(NpPolicyRule) x = g_list_model_get_item (a, i);
      g_autoptr(NpPolicyRule) y = g_list_model_get_item (b, i);

      assert_rule_equal (x, y);
    }
}

static void
assert_policy_equal (NpPolicy *a,
                     NpPolicy *b)
{
  g_assert_true (a != b);
  g_assert_cmpstr (np_policy_get_api_version (a), ==, np_policy_get_api_version (b));
  g_assert_cmpstr (np_policy_get_kind (a), ==, np_policy_get_kind (b));
  g_assert_cmpstr (np_policy_get_name (a), ==, np_policy_get_name (b));
  g_assert_cmpstr (np_policy_get_namespace (a), ==, np_policy_get_namespace (b));
  assert_selector_equal (np_policy_get_pod_selector (a), np_policy_get_pod_selector (b));
  g_assert_true (np_strv_equal0 (np_policy_get_policy_types (a), np_policy_get_policy_types (b)));
  assert_rules_equal (np_policy_get_ingress (a), np_policy_get_ingress (b));
  assert_rules_equal (np_policy_get_egress (a), np_policy_get_egress (b));
}

/* np-model */

static void
test_model_source (void)
{
  g_autoptr(NpNode) first = np_node_new_mapping ();
  g_autoptr(NpNode) second = np_node_new_mapping ();
  NpIpBlock *block = np_ip_block_new ("10.0.0.0/8", NULL);

  g_assert_null (np_model_get_source (block));

  np_model_set_source (block, first);
  g_assert_true (np_model_get_source (block) == first);

  /* The object keeps its own reference. */
  g_clear_pointer (&first, np_node_unref);
  g_assert_cmpint (np_node_get_kind (np_model_get_source (block)), ==, NP_NODE_MAPPING);

  np_model_set_source (block, second);
  g_assert_true (np_model_get_source (block) == second);

  np_model_set_source (block, NULL);
  g_assert_null (np_model_get_source (block));

  /* Dropped with the object (valgrind checks the reference). */
  np_model_set_source (block, second);
  g_assert_finalize_object (block);
}

static void
test_model_strv_equal (void)
{
  const char *ab[] = { "a", "b", NULL };
  const char *ab2[] = { "a", "b", NULL };
  const char *ba[] = { "b", "a", NULL };
  const char *empty[] = { NULL };

  g_assert_true (np_strv_equal0 (NULL, NULL));
  g_assert_true (np_strv_equal0 (ab, ab2));
  g_assert_false (np_strv_equal0 (ab, ba));
  g_assert_false (np_strv_equal0 (ab, NULL));
  g_assert_false (np_strv_equal0 (NULL, empty));
  g_assert_true (np_strv_equal0 (empty, empty));
}

/* The shadow list of np_model_watch_list() must follow splices that remove
 * and add in one go, in the middle of the store. */
static void
test_model_watch_list_splice (void)
{
  NpLabelSelector *selector = np_label_selector_new ();
  GListStore *store = G_LIST_STORE (np_label_selector_get_requirements (selector));
  g_autoptr(NpSelectorRequirement) a = np_selector_requirement_new_label ("a", "1");
  g_autoptr(NpSelectorRequirement) b = np_selector_requirement_new_label ("b", "2");
  g_autoptr(NpSelectorRequirement) c = np_selector_requirement_new_label ("c", "3");
  g_autoptr(NpSelectorRequirement) d = np_selector_requirement_new_label ("d", "4");
  g_autoptr(NpSelectorRequirement) e = np_selector_requirement_new_label ("e", "5");
  g_autoptr(Watch) watch = watch_new (selector);
  gpointer first[] = { a, b, c };
  gpointer replacement[] = { d, e };

  g_list_store_splice (store, 0, 0, first, G_N_ELEMENTS (first));
  watch_check (watch, 1, NULL);

  /* Replace b by d, e: one "changed" for the splice. */
  g_list_store_splice (store, 1, 1, replacement, G_N_ELEMENTS (replacement));
  watch_check (watch, 1, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);

  np_selector_requirement_set_value (b, "gone");
  watch_check (watch, 0, NULL);

  np_selector_requirement_set_value (a, "x");
  watch_check (watch, 1, NULL);
  np_selector_requirement_set_value (d, "x");
  watch_check (watch, 1, NULL);
  np_selector_requirement_set_value (e, "x");
  watch_check (watch, 1, NULL);
  np_selector_requirement_set_value (c, "x");
  watch_check (watch, 1, NULL);

  g_list_store_remove_all (store);
  watch_check (watch, 1, NULL);
  np_selector_requirement_set_value (a, "y");
  np_selector_requirement_set_value (c, "y");
  np_selector_requirement_set_value (d, "y");
  watch_check (watch, 0, NULL);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (selector);
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&e));
}

/* A child that outlives its parent must not call into the dead parent. */
static void
test_model_child_outlives_parent (void)
{
  NpPolicyPeer *peer = np_policy_peer_new ();
  NpLabelSelector *selector = np_label_selector_new ();
  NpPolicyRule *rule = np_policy_rule_new (NP_DIRECTION_INGRESS);
  GListModel *peers = g_object_ref (np_policy_rule_get_peers (rule));

  np_policy_peer_set_pod_selector (peer, selector);
  np_policy_rule_add_peer (rule, peer);

  g_assert_finalize_object (rule);
  /* The store is still alive and still holds the peer. */
  g_assert_cmpuint (g_list_model_get_n_items (peers), ==, 1);
  np_policy_peer_set_ip_block (peer, NULL);
  np_label_selector_set_label (selector, "app", "web");
  g_object_unref (peers);

  g_object_unref (peer);
  np_label_selector_set_label (selector, "app", "db");
  g_assert_finalize_object (selector);
}

/* NpSelectorRequirement */

static void
test_requirement_properties (void)
{
  NpSelectorRequirement *req = np_selector_requirement_new_label ("app", "web");
  const char *values[] = { "api", "web", NULL };
  const char *empty[] = { NULL };
  g_autoptr(Watch) watch = watch_new (req);
  g_autofree char *key = NULL;
  g_auto(GStrv) got_values = NULL;

  g_assert_true (np_selector_requirement_is_label (req));
  g_assert_cmpstr (np_selector_requirement_get_key (req), ==, "app");
  g_assert_cmpstr (np_selector_requirement_get_value (req), ==, "web");
  g_assert_null (np_selector_requirement_get_operator (req));
  g_assert_null (np_selector_requirement_get_values (req));

  np_selector_requirement_set_key (req, "tier");
  watch_check (watch, 1, "key", NULL);
  np_selector_requirement_set_key (req, "tier");
  watch_check (watch, 0, NULL);

  np_selector_requirement_set_value (req, "api");
  watch_check (watch, 1, "value", NULL);
  np_selector_requirement_set_value (req, "api");
  watch_check (watch, 0, NULL);
  np_selector_requirement_set_value (req, NULL);
  watch_check (watch, 1, "value", NULL);
  np_selector_requirement_set_value (req, NULL);
  watch_check (watch, 0, NULL);

  np_selector_requirement_set_operator (req, "In");
  watch_check (watch, 1, "operator", NULL);
  g_assert_false (np_selector_requirement_is_label (req));
  np_selector_requirement_set_operator (req, "In");
  watch_check (watch, 0, NULL);

  np_selector_requirement_set_values (req, values);
  watch_check (watch, 1, "values", NULL);
  g_assert_cmpstrv (np_selector_requirement_get_values (req), values);
  g_assert_true (np_selector_requirement_get_values (req) != values);
  np_selector_requirement_set_values (req, values);
  watch_check (watch, 0, NULL);

  /* No values is NULL, whichever way it is written. */
  np_selector_requirement_set_values (req, empty);
  watch_check (watch, 1, "values", NULL);
  g_assert_null (np_selector_requirement_get_values (req));
  np_selector_requirement_set_values (req, NULL);
  watch_check (watch, 0, NULL);

  /* Through GObject properties */
  g_object_set (req, "key", "env", NULL);
  watch_check (watch, 1, "key", NULL);
  g_object_set (req, "values", values, NULL);
  watch_check (watch, 1, "values", NULL);
  g_object_get (req, "key", &key, "values", &got_values, NULL);
  g_assert_cmpstr (key, ==, "env");
  g_assert_cmpstrv (got_values, values);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (req);
}

static void
test_requirement_to_string (void)
{
  const char *two[] = { "api", "web", NULL };
  const char *one[] = { "db", NULL };
  struct {
    const char *key;
    const char *op;
    const char * const *values;
    const char *expected;
  } cases[] = {
    { "tier", "In", two, "tier in (api, web)" },
    { "tier", "NotIn", one, "tier notin (db)" },
    { "legacy", "Exists", NULL, "legacy" },
    { "legacy", "DoesNotExist", NULL, "!legacy" },
    { "x", "Like", one, "x Like (db)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpSelectorRequirement) req =
        np_selector_requirement_new_expression (cases[i].key, cases[i].op, cases[i].values);
      g_autofree char *text = np_selector_requirement_to_string (req);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autoptr(NpSelectorRequirement) req = np_selector_requirement_new_label ("app", "web");
    g_autoptr(NpSelectorRequirement) empty = np_selector_requirement_new_label ("app", NULL);
    g_autofree char *text = np_selector_requirement_to_string (req);
    g_autofree char *empty_text = np_selector_requirement_to_string (empty);

    g_assert_cmpstr (text, ==, "app=web");
    g_assert_cmpstr (empty_text, ==, "app=");
  }
}

static void
test_requirement_matches (void)
{
  g_autoptr(GHashTable) labels = labels_new ("app", "web", "tier", "api", "empty", "", NULL);
  const char *api_web[] = { "api", "web", NULL };
  const char *db[] = { "db", NULL };
  const char *api[] = { "api", NULL };
  struct {
    const char *key;
    const char *op;          /* NULL: a matchLabels entry with @value */
    const char *value;
    const char * const *values;
    gboolean expected;
  } cases[] = {
    { "app", NULL, "web", NULL, TRUE },
    { "app", NULL, "db", NULL, FALSE },
    { "missing", NULL, "web", NULL, FALSE },
    { "empty", NULL, "", NULL, TRUE },
    { "empty", NULL, "x", NULL, FALSE },
    { "tier", "In", NULL, api_web, TRUE },
    { "tier", "In", NULL, db, FALSE },
    { "missing", "In", NULL, api_web, FALSE },
    { "tier", "NotIn", NULL, db, TRUE },
    { "tier", "NotIn", NULL, api, FALSE },
    { "missing", "NotIn", NULL, db, TRUE },
    { "tier", "Exists", NULL, NULL, TRUE },
    { "missing", "Exists", NULL, NULL, FALSE },
    { "tier", "DoesNotExist", NULL, NULL, FALSE },
    { "missing", "DoesNotExist", NULL, NULL, TRUE },
    /* Unknown operators (case matters) match nothing. */
    { "tier", "in", NULL, api_web, FALSE },
    { "missing", "notin", NULL, db, FALSE },
    { "tier", "", NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpSelectorRequirement) req = NULL;

      if (cases[i].op == NULL)
        req = np_selector_requirement_new_label (cases[i].key, cases[i].value);
      else
        req = np_selector_requirement_new_expression (cases[i].key, cases[i].op, cases[i].values);

      g_test_message ("case %u: %s %s", i, cases[i].key, cases[i].op ? cases[i].op : "=");
      g_assert_cmpint (np_selector_requirement_matches (req, labels), ==, cases[i].expected);
    }
}

/* NpLabelSelector */

static void
test_selector_labels (void)
{
  NpLabelSelector *selector = np_label_selector_new ();
  GListModel *reqs = np_label_selector_get_requirements (selector);
  const char *values[] = { "api", NULL };
  g_autoptr(Watch) watch = watch_new (selector);
  g_autofree char *text = NULL;

  g_assert_true (G_IS_LIST_STORE (reqs));
  g_assert_true (np_label_selector_is_empty (selector));
  g_assert_null (np_label_selector_get_label (selector, "app"));

  np_label_selector_add_expression (selector, "tier", "In", values);
  watch_check (watch, 1, NULL);
  np_label_selector_set_label (selector, "app", "web");
  watch_check (watch, 1, NULL);
  np_label_selector_set_label (selector, "team", "ops");
  watch_check (watch, 1, NULL);
  np_label_selector_add_expression (selector, "legacy", "DoesNotExist", NULL);
  watch_check (watch, 1, NULL);

  /* Labels first, in order, then the expressions. */
  text = np_label_selector_to_string (selector);
  g_assert_cmpstr (text, ==, "app=web, team=ops, tier in (api), !legacy");
  g_assert_false (np_label_selector_is_empty (selector));
  g_assert_cmpstr (np_label_selector_get_label (selector, "team"), ==, "ops");

  /* Updating an entry edits it in place. */
  np_label_selector_set_label (selector, "app", "db");
  watch_check (watch, 1, NULL);
  np_label_selector_set_label (selector, "app", "db");
  watch_check (watch, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (reqs), ==, 4);
  g_assert_cmpstr (np_label_selector_get_label (selector, "app"), ==, "db");

  /* An expression is not a label. */
  g_assert_null (np_label_selector_get_label (selector, "tier"));

  /* Removing a term through the store. */
  g_list_store_remove (G_LIST_STORE (reqs), 0);
  watch_check (watch, 1, NULL);
  g_assert_null (np_label_selector_get_label (selector, "app"));

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (selector);
}

static void
test_selector_matches (void)
{
  g_autoptr(GHashTable) labels = labels_new ("app", "web", "tier", "api", NULL);
  g_autoptr(GHashTable) no_labels = g_hash_table_new (g_str_hash, g_str_equal);
  struct {
    const char *selector;
    gboolean expected;
  } cases[] = {
    { "", TRUE },
    { "app=web", TRUE },
    { "app=db", FALSE },
    { "app=web, tier=api", TRUE },
    { "app=web, tier=db", FALSE },
    { "tier in (api, web)", TRUE },
    { "tier in (db)", FALSE },
    { "tier notin (db)", TRUE },
    { "tier notin (api)", FALSE },
    { "missing notin (api)", TRUE },
    { "app", TRUE },
    { "missing", FALSE },
    { "!missing", TRUE },
    { "!app", FALSE },
    { "app=web, tier in (api), !legacy", TRUE },
    { "app=web, tier in (api), legacy", FALSE },
    { "app!=db", TRUE },
    { "app!=web", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpLabelSelector) selector = parse_selector (cases[i].selector);

      g_test_message ("selector “%s”", cases[i].selector);
      g_assert_cmpint (np_label_selector_matches (selector, labels), ==, cases[i].expected);
    }

  /* Only the empty selector and negative terms match an unlabelled pod. */
  {
    g_autoptr(NpLabelSelector) empty = np_label_selector_new ();
    g_autoptr(NpLabelSelector) negative = parse_selector ("!app, tier notin (api)");
    g_autoptr(NpLabelSelector) positive = parse_selector ("app");
    const char *values[] = { "web", NULL };

    g_assert_true (np_label_selector_matches (empty, no_labels));
    g_assert_true (np_label_selector_matches (negative, no_labels));
    g_assert_false (np_label_selector_matches (positive, no_labels));

    /* One unknown operator makes the whole selector match nothing. */
    np_label_selector_add_expression (empty, "app", "in", values);
    g_assert_false (np_label_selector_matches (empty, labels));
  }
}

static void
test_selector_parse (void)
{
  struct {
    const char *text;
    const char *printed;
  } cases[] = {
    { "", "" },
    { "   ", "" },
    { "app=web", "app=web" },
    { "app == web", "app=web" },
    { "app=", "app=" },
    { "app!=web", "app notin (web)" },
    { "tier in (api,web)", "tier in (api, web)" },
    { "tier notin ( db )", "tier notin (db)" },
    { "tier in(api)", "tier in (api)" },
    { "legacy", "legacy" },
    { "! legacy", "!legacy" },
    { " app = web , !legacy, tier in (api, web) ", "app=web, !legacy, tier in (api, web)" },
    { "tier in (api), app=web, team=ops", "app=web, team=ops, tier in (api)" },
    { "a=1, a=2", "a=1, a in (2)" },
    { "example.com/app=web-1_2.3", "example.com/app=web-1_2.3" },
    { "in", "in" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NpLabelSelector) selector = parse_selector (cases[i].text);
      g_autofree char *printed = np_label_selector_to_string (selector);
      g_autoptr(NpLabelSelector) again = parse_selector (printed);

      g_test_message ("selector “%s”", cases[i].text);
      g_assert_cmpstr (printed, ==, cases[i].printed);
      assert_selector_equal (selector, again);
    }

  /* Operators parse to the Kubernetes names. */
  {
    g_autoptr(NpLabelSelector) selector = parse_selector ("a=1, b!=2, c in (3, 4), d notin (5), e, !f");
    GListModel *reqs = np_label_selector_get_requirements (selector);
    const char *ops[] = { NULL, "NotIn", "In", "NotIn", "Exists", "DoesNotExist" };
    const char *keys[] = { "a", "b", "c", "d", "e", "f" };
    const char *c_values[] = { "3", "4", NULL };

    g_assert_cmpuint (g_list_model_get_n_items (reqs), ==, G_N_ELEMENTS (ops));
    for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
      {
        g_autoptr(NpSelectorRequirement) req = g_list_model_get_item (reqs, i);

        g_assert_cmpstr (np_selector_requirement_get_key (req), ==, keys[i]);
        g_assert_cmpstr (np_selector_requirement_get_operator (req), ==, ops[i]);
        if (i == 2)
          g_assert_cmpstrv (np_selector_requirement_get_values (req), c_values);
        if (i >= 4)
          g_assert_null (np_selector_requirement_get_values (req));
      }
  }
}

static void
test_selector_round_trip (void)
{
  g_autoptr(NpLabelSelector) selector = np_label_selector_new ();
  g_autoptr(NpLabelSelector) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *tiers[] = { "api", "web", NULL };
  const char *envs[] = { "dev", NULL };

  np_label_selector_add_expression (selector, "tier", "In", tiers);
  np_label_selector_set_label (selector, "app", "web");
  np_label_selector_set_label (selector, "example.com/team", "");
  np_label_selector_add_expression (selector, "env", "NotIn", envs);
  np_label_selector_add_expression (selector, "canary", "Exists", NULL);
  np_label_selector_add_expression (selector, "legacy", "DoesNotExist", NULL);

  text = np_label_selector_to_string (selector);
  g_assert_cmpstr (text, ==,
                   "app=web, example.com/team=, tier in (api, web), env notin (dev), canary, !legacy");

  parsed = np_label_selector_new_from_string (text, &error);
  g_assert_no_error (error);
  assert_selector_equal (selector, parsed);

  g_assert_finalize_object (g_steal_pointer (&parsed));
  g_assert_finalize_object (g_steal_pointer (&selector));
}

static void
test_selector_parse_errors (void)
{
  struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "app=web,,tier", "Empty selector term (at character 9)" },
    { "app=web, ", "Empty selector term (at character 9)" },
    { "app=web,", "Empty selector term after the last comma (at character 9)" },
    { ",app=web", "Empty selector term (at character 1)" },
    { "tier in (a, b", "“tier in (a, b” is not a valid selector term: missing “)” (at character 1)" },
    { "app=web, tier in ()", "“tier in ()” is not a valid selector term: the set needs values separated by commas (at character 10)" },
    { "tier in (a,,b)", "“tier in (a,,b)” is not a valid selector term: the set needs values separated by commas (at character 1)" },
    { "tier in a", "“tier in a” is not a valid selector term: expected “(” after the operator (at character 1)" },
    { "app web", "“app web” is not a valid selector term: expected “=”, “==”, “!=”, “in” or “notin” after the key (at character 1)" },
    { "app=web=x", "“app=web=x” is not a valid selector term: expected a single value after the operator (at character 1)" },
    { "=web", "“=web” is not a valid selector term: it must start with a label key (at character 1)" },
    { "a=1, !", "“!” is not a valid selector term: a label key must follow “!” (at character 6)" },
    { "!a b", "“!a b” is not a valid selector term: nothing may follow “!key” (at character 1)" },
    { "tier in (a) b", "“tier in (a) b” is not a valid selector term: nothing may follow “)” (at character 1)" },
    { "tier in (a b)", "“tier in (a b)” is not a valid selector term: expected “,” or “)” in the set (at character 1)" },
    /* Positions count characters, not bytes. */
    { "é=è, )", "“)” is not a valid selector term: it must start with a label key (at character 6)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string (cases[i].text, &error);

      g_test_message ("selector “%s”", cases[i].text);
      g_assert_null (selector);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_selector_copy (void)
{
  NpLabelSelector *selector = parse_selector ("app=web, tier in (api, web), !legacy");
  NpLabelSelector *copy = np_label_selector_copy (selector);
  g_autoptr(Watch) watch = watch_new (selector);
  g_autoptr(NpSelectorRequirement) first = NULL;

  assert_selector_equal (selector, copy);

  /* Editing the copy leaves the original alone. */
  first = g_list_model_get_item (np_label_selector_get_requirements (copy), 0);
  np_selector_requirement_set_value (first, "db");
  np_label_selector_set_label (copy, "team", "ops");
  watch_check (watch, 0, NULL);
  g_assert_cmpstr (np_label_selector_get_label (selector, "app"), ==, "web");
  g_assert_null (np_label_selector_get_label (selector, "team"));

  g_clear_object (&first);
  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (selector);
}

/* NpIpBlock */

static void
test_ip_block (void)
{
  const char *except[] = { "10.1.0.0/16", "10.2.0.0/16", NULL };
  const char *empty[] = { NULL };
  NpIpBlock *block = np_ip_block_new ("10.0.0.0/8", NULL);
  g_autoptr(Watch) watch = watch_new (block);
  g_autofree char *text = NULL;
  g_autofree char *with_except = NULL;
  NpIpBlock *copy;

  g_assert_cmpstr (np_ip_block_get_cidr (block), ==, "10.0.0.0/8");
  g_assert_null (np_ip_block_get_except (block));
  text = np_ip_block_to_string (block);
  g_assert_cmpstr (text, ==, "10.0.0.0/8");

  np_ip_block_set_cidr (block, "10.0.0.0/8");
  watch_check (watch, 0, NULL);
  np_ip_block_set_cidr (block, "192.168.0.0/16");
  watch_check (watch, 1, "cidr", NULL);
  np_ip_block_set_cidr (block, "10.0.0.0/8");
  watch_check (watch, 1, "cidr", NULL);

  np_ip_block_set_except (block, except);
  watch_check (watch, 1, "except", NULL);
  np_ip_block_set_except (block, except);
  watch_check (watch, 0, NULL);
  g_assert_cmpstrv (np_ip_block_get_except (block), except);
  with_except = np_ip_block_to_string (block);
  g_assert_cmpstr (with_except, ==, "10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16");

  /* `except: []` is kept apart from no `except` key. */
  np_ip_block_set_except (block, empty);
  watch_check (watch, 1, "except", NULL);
  g_assert_nonnull (np_ip_block_get_except (block));
  g_assert_null (np_ip_block_get_except (block)[0]);
  np_ip_block_set_except (block, NULL);
  watch_check (watch, 1, "except", NULL);
  np_ip_block_set_except (block, except);
  watch_check (watch, 1, "except", NULL);

  copy = np_ip_block_copy (block);
  assert_ip_block_equal (block, copy);
  g_assert_true (np_ip_block_get_except (copy) != np_ip_block_get_except (block));
  np_ip_block_set_cidr (copy, "172.16.0.0/12");
  watch_check (watch, 0, NULL);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (block);
}

/* NpPolicyPort */

static void
set_port_number_8080 (gpointer data)
{
  np_policy_port_set_port_number (data, 8080);
}

static void
test_port_properties (void)
{
  NpPolicyPort *port = np_policy_port_new ();
  g_autoptr(Watch) watch = NULL;
  const char *kind_and_number[] = { "port-number", "port-kind", NULL };
  const char *nothing[] = { NULL };
  NpPortKind kind;

  g_assert_null (np_policy_port_get_protocol (port));
  g_assert_cmpstr (np_policy_port_get_effective_protocol (port), ==, "TCP");
  g_assert_cmpint (np_policy_port_get_port_kind (port), ==, NP_PORT_KIND_NONE);
  g_assert_false (np_policy_port_get_has_end_port (port));

  np_test_assert_notifies (port, set_port_number_8080, port, kind_and_number);
  np_test_assert_notifies (port, set_port_number_8080, port, nothing);
  g_assert_cmpint (np_policy_port_get_port_kind (port), ==, NP_PORT_KIND_NUMBER);
  g_assert_cmpint (np_policy_port_get_port_number (port), ==, 8080);

  watch = watch_new (port);

  np_policy_port_set_protocol (port, "UDP");
  watch_check (watch, 1, "protocol", NULL);
  np_policy_port_set_protocol (port, "UDP");
  watch_check (watch, 0, NULL);
  g_assert_cmpstr (np_policy_port_get_effective_protocol (port), ==, "UDP");
  np_policy_port_set_protocol (port, NULL);
  watch_check (watch, 1, "protocol", NULL);
  g_assert_cmpstr (np_policy_port_get_effective_protocol (port), ==, "TCP");

  np_policy_port_set_port_number (port, 9090);
  watch_check (watch, 1, "port-number", NULL);

  np_policy_port_set_end_port (port, 9100);
  watch_check (watch, 1, "end-port", "has-end-port", NULL);
  np_policy_port_set_end_port (port, 9100);
  watch_check (watch, 0, NULL);
  g_assert_true (np_policy_port_get_has_end_port (port));
  g_assert_cmpint (np_policy_port_get_end_port (port), ==, 9100);
  np_policy_port_clear_end_port (port);
  watch_check (watch, 1, "end-port", "has-end-port", NULL);
  np_policy_port_clear_end_port (port);
  watch_check (watch, 0, NULL);

  np_policy_port_set_port_name (port, "http");
  watch_check (watch, 1, "port-name", "port-kind", NULL);
  np_policy_port_set_port_name (port, "http");
  watch_check (watch, 0, NULL);
  g_assert_cmpint (np_policy_port_get_port_kind (port), ==, NP_PORT_KIND_NAME);
  g_assert_cmpstr (np_policy_port_get_port_name (port), ==, "http");

  /* Back to the number it had: only the kind moves. */
  np_policy_port_set_port_number (port, 9090);
  watch_check (watch, 1, "port-kind", NULL);

  np_policy_port_set_end_port (port, 9100);
  watch_check (watch, 1, "end-port", "has-end-port", NULL);
  np_policy_port_clear_port (port);
  watch_check (watch, 1, "port-kind", "end-port", "has-end-port", NULL);
  np_policy_port_clear_port (port);
  watch_check (watch, 0, NULL);
  g_assert_cmpint (np_policy_port_get_port_kind (port), ==, NP_PORT_KIND_NONE);

  /* Through GObject properties */
  g_object_set (port, "port-kind", NP_PORT_KIND_NAME, NULL);
  watch_check (watch, 1, "port-kind", NULL);
  g_object_set (port, "has-end-port", TRUE, NULL);
  watch_check (watch, 1, "has-end-port", NULL);
  g_object_set (port, "has-end-port", TRUE, NULL);
  watch_check (watch, 0, NULL);
  g_object_get (port, "port-kind", &kind, NULL);
  g_assert_cmpint (kind, ==, NP_PORT_KIND_NAME);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (port);
}

static void
test_port_to_string (void)
{
  g_autoptr(NpPolicyPort) number = np_policy_port_new_number (NULL, 8080);
  g_autoptr(NpPolicyPort) udp = np_policy_port_new_number ("UDP", 53);
  g_autoptr(NpPolicyPort) range = np_policy_port_new_range (NULL, 8000, 9000);
  g_autoptr(NpPolicyPort) name = np_policy_port_new_name ("TCP", "http");
  g_autoptr(NpPolicyPort) all = np_policy_port_new ();
  g_autoptr(NpPolicyPort) all_sctp = np_policy_port_new ();
  struct {
    NpPolicyPort *port;
    const char *expected;
  } cases[] = {
    { number, "TCP 8080" },
    { udp, "UDP 53" },
    { range, "TCP 8000-9000" },
    { name, "TCP http" },
    { all, "TCP (all ports)" },
    { all_sctp, "SCTP (all ports)" },
  };

  np_policy_port_set_protocol (all_sctp, "SCTP");

  g_assert_cmpint (np_policy_port_get_port_kind (range), ==, NP_PORT_KIND_NUMBER);
  g_assert_true (np_policy_port_get_has_end_port (range));
  g_assert_cmpint (np_policy_port_get_end_port (range), ==, 9000);
  g_assert_cmpstr (np_policy_port_get_protocol (name), ==, "TCP");
  g_assert_null (np_policy_port_get_protocol (number));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = np_policy_port_to_string (cases[i].port);
      g_autoptr(NpPolicyPort) copy = np_policy_port_copy (cases[i].port);
      g_autofree char *copy_text = np_policy_port_to_string (copy);

      g_assert_cmpstr (text, ==, cases[i].expected);
      assert_port_equal (cases[i].port, copy);
      g_assert_cmpstr (copy_text, ==, cases[i].expected);
    }
}

static char *
ports_to_string (GPtrArray *ports)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ports->len; i++)
    {
      NpPolicyPort *port = g_ptr_array_index (ports, i);
      g_autofree char *text = np_policy_port_to_string (port);

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, text);
      /* Mark entries that wrote no protocol. */
      if (np_policy_port_get_protocol (port) == NULL)
        g_string_append_c (out, '*');
    }
  return g_string_free (out, FALSE);
}

static void
test_port_parse_list (void)
{
  struct {
    const char *text;
    const char *expected;  /* "*": no protocol written */
  } cases[] = {
    { "", "" },
    { "  \t ", "" },
    { "80", "TCP 80*" },
    { "443/tcp", "TCP 443" },
    { "53/UDP", "UDP 53" },
    { "53/Udp", "UDP 53" },
    { "8000-9000", "TCP 8000-9000*" },
    { "8000-9000/sctp", "SCTP 8000-9000" },
    { "80-80", "TCP 80-80*" },
    { "http", "TCP http*" },
    { "dns-tcp/UDP", "UDP dns-tcp" },
    { "h2c", "TCP h2c*" },
    { "abcdefghijklmno", "TCP abcdefghijklmno*" },
    { "/udp", "UDP (all ports)" },
    { "1, 65535", "TCP 1*; TCP 65535*" },
    { " 80 , 443 / TCP ,53/udp, http,/sctp ", "TCP 80*; TCP 443; UDP 53; TCP http*; SCTP (all ports)" },
  };
  struct {
    const char *text;
    const char *message;
  } errors[] = {
    { "80, 70000", "“70000” is not a port: use 1 to 65535 (at character 5)" },
    { "0", "“0” is not a port: use 1 to 65535 (at character 1)" },
    { "99999999999999999999999", "“99999999999999999999999” is not a port: use 1 to 65535 (at character 1)" },
    { "1-70000", "“70000” is not a port: use 1 to 65535 (at character 3)" },
    { "9000-8000", "“9000-8000” is not a port range: the first port is greater than the last (at character 1)" },
    { "80,,443", "An entry is missing between commas (at character 4)" },
    { "80, ", "An entry is missing between commas (at character 4)" },
    { ",80", "An entry is missing between commas (at character 1)" },
    { "80/icmp", "“icmp” is not a protocol: use TCP, UDP or SCTP (at character 4)" },
    { "80/tcp/udp", "“tcp/udp” is not a protocol: use TCP, UDP or SCTP (at character 4)" },
    { "80/", "A protocol must follow “/”: use TCP, UDP or SCTP (at character 3)" },
    { "/", "A protocol must follow “/”: use TCP, UDP or SCTP (at character 1)" },
    { "HTTP", "“HTTP” is not a port, a port range or a port name (names are lower-case letters, digits and “-”) (at character 1)" },
    { "80-", "“80-” is not a port, a port range or a port name (names are lower-case letters, digits and “-”) (at character 1)" },
    { "-", "“-” is not a port, a port range or a port name (names are lower-case letters, digits and “-”) (at character 1)" },
    { "+80", "“+80” is not a port, a port range or a port name (names are lower-case letters, digits and “-”) (at character 1)" },
    { "http_alt", "“http_alt” is not a port, a port range or a port name (names are lower-case letters, digits and “-”) (at character 1)" },
    { "abcdefghijklmnop", "“abcdefghijklmnop” is too long for a port name: use at most 15 characters (at character 1)" },
    /* Positions count characters, not bytes. */
    { "éé, x!", "“éé” is not a port, a port range or a port name (names are lower-case letters, digits and “-”) (at character 1)" },
    { "80, 443, ü", "“ü” is not a port, a port range or a port name (names are lower-case letters, digits and “-”) (at character 10)" },
    { "ß/UDPX", "“UDPX” is not a protocol: use TCP, UDP or SCTP (at character 3)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) ports = np_policy_port_parse_list (cases[i].text, NP_PORT_SYNTAX_KUBERNETES, &error);
      g_autofree char *text = NULL;

      g_test_message ("ports “%s”", cases[i].text);
      g_assert_no_error (error);
      g_assert_nonnull (ports);
      text = ports_to_string (ports);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) ports = np_policy_port_parse_list (errors[i].text, NP_PORT_SYNTAX_KUBERNETES, &error);

      g_test_message ("ports “%s”", errors[i].text);
      g_assert_null (ports);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, errors[i].message);
    }
}

/* NpPolicyPeer */

static void
test_peer_properties (void)
{
  NpPolicyPeer *peer = np_policy_peer_new ();
  NpLabelSelector *pods = parse_selector ("app=web");
  NpLabelSelector *other = parse_selector ("app=db");
  NpLabelSelector *namespaces = parse_selector ("team=ops");
  NpIpBlock *block = np_ip_block_new ("10.0.0.0/8", NULL);
  g_autoptr(Watch) watch = watch_new (peer);
  NpLabelSelector *got = NULL;

  g_assert_null (np_policy_peer_get_pod_selector (peer));
  g_assert_null (np_policy_peer_get_namespace_selector (peer));
  g_assert_null (np_policy_peer_get_ip_block (peer));

  np_policy_peer_set_pod_selector (peer, pods);
  watch_check (watch, 1, "pod-selector", NULL);
  np_policy_peer_set_pod_selector (peer, pods);
  watch_check (watch, 0, NULL);
  g_assert_true (np_policy_peer_get_pod_selector (peer) == pods);

  /* The child's changes reach the peer. */
  np_label_selector_set_label (pods, "tier", "api");
  watch_check (watch, 1, NULL);

  /* Replacing the child: the old one no longer reaches the peer. */
  np_policy_peer_set_pod_selector (peer, other);
  watch_check (watch, 1, "pod-selector", NULL);
  np_label_selector_set_label (pods, "tier", "web");
  watch_check (watch, 0, NULL);
  np_label_selector_set_label (other, "tier", "web");
  watch_check (watch, 1, NULL);

  np_policy_peer_set_namespace_selector (peer, namespaces);
  watch_check (watch, 1, "namespace-selector", NULL);
  np_policy_peer_set_namespace_selector (peer, namespaces);
  watch_check (watch, 0, NULL);
  np_label_selector_set_label (namespaces, "env", "prod");
  watch_check (watch, 1, NULL);

  np_policy_peer_set_ip_block (peer, block);
  watch_check (watch, 1, "ip-block", NULL);
  np_ip_block_set_cidr (block, "10.0.0.0/16");
  watch_check (watch, 1, NULL);
  np_policy_peer_set_ip_block (peer, NULL);
  watch_check (watch, 1, "ip-block", NULL);
  np_ip_block_set_cidr (block, "10.0.0.0/24");
  watch_check (watch, 0, NULL);

  np_policy_peer_set_pod_selector (peer, NULL);
  watch_check (watch, 1, "pod-selector", NULL);
  np_label_selector_set_label (other, "tier", "db");
  watch_check (watch, 0, NULL);

  /* Through GObject properties */
  g_object_set (peer, "pod-selector", pods, NULL);
  watch_check (watch, 1, "pod-selector", NULL);
  g_object_get (peer, "pod-selector", &got, NULL);
  g_assert_true (got == pods);
  g_clear_object (&got);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (peer);
  g_assert_finalize_object (pods);
  g_assert_finalize_object (other);
  g_assert_finalize_object (namespaces);
  g_assert_finalize_object (block);
}

static void
test_peer_to_string (void)
{
  const char *except[] = { "10.1.0.0/16", NULL };
  g_autoptr(NpLabelSelector) web = parse_selector ("app=web");
  g_autoptr(NpLabelSelector) ops = parse_selector ("team=ops");
  g_autoptr(NpLabelSelector) all = np_label_selector_new ();
  g_autoptr(NpIpBlock) block = np_ip_block_new ("10.0.0.0/8", except);
  g_autoptr(NpPolicyPeer) pods = np_policy_peer_new_pods (web);
  g_autoptr(NpPolicyPeer) all_pods = np_policy_peer_new_pods (all);
  g_autoptr(NpPolicyPeer) both = np_policy_peer_new_pods (web);
  g_autoptr(NpPolicyPeer) all_pods_in_ops = np_policy_peer_new_namespaces (ops);
  g_autoptr(NpPolicyPeer) all_namespaces = np_policy_peer_new_namespaces (all);
  g_autoptr(NpPolicyPeer) namespaces = np_policy_peer_new_namespaces (ops);
  g_autoptr(NpPolicyPeer) ip = np_policy_peer_new_ip_block (block);
  g_autoptr(NpPolicyPeer) nothing = np_policy_peer_new ();
  struct {
    NpPolicyPeer *peer;
    const char *expected;
  } cases[] = {
    { pods, "pods app=web" },
    { all_pods, "all pods" },
    { both, "pods app=web in namespaces team=ops" },
    { all_pods_in_ops, "all pods in namespaces team=ops" },
    { all_namespaces, "all namespaces" },
    { namespaces, "namespaces team=ops" },
    { ip, "10.0.0.0/8 except 10.1.0.0/16" },
    { nothing, "(nothing)" },
  };

  np_policy_peer_set_namespace_selector (both, ops);
  np_policy_peer_set_pod_selector (all_pods_in_ops, all);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = np_policy_peer_to_string (cases[i].peer);
      g_autoptr(NpPolicyPeer) copy = np_policy_peer_copy (cases[i].peer);
      g_autofree char *copy_text = np_policy_peer_to_string (copy);

      g_assert_cmpstr (text, ==, cases[i].expected);
      assert_peer_equal (cases[i].peer, copy);
      g_assert_cmpstr (copy_text, ==, cases[i].expected);
    }
}

/* NpPolicyRule */

static void
test_rule (void)
{
  NpPolicyRule *rule = np_policy_rule_new (NP_DIRECTION_EGRESS);
  g_autoptr(NpLabelSelector) selector = parse_selector ("app=web");
  g_autoptr(NpPolicyPeer) peer = np_policy_peer_new_pods (selector);
  g_autoptr(NpPolicyPort) port = np_policy_port_new_number (NULL, 443);
  g_autoptr(Watch) watch = watch_new (rule);
  NpPolicyRule *copy;
  NpDirection direction;

  g_assert_cmpint (np_policy_rule_get_direction (rule), ==, NP_DIRECTION_EGRESS);
  g_object_get (rule, "direction", &direction, NULL);
  g_assert_cmpint (direction, ==, NP_DIRECTION_EGRESS);
  g_assert_true (G_IS_LIST_STORE (np_policy_rule_get_peers (rule)));
  g_assert_true (G_IS_LIST_STORE (np_policy_rule_get_ports (rule)));
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_rule_get_peers (rule)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_rule_get_ports (rule)), ==, 0);

  {
    g_autoptr(NpPolicyRule) ingress = np_policy_rule_new (NP_DIRECTION_INGRESS);

    g_assert_cmpint (np_policy_rule_get_direction (ingress), ==, NP_DIRECTION_INGRESS);
  }

  np_policy_rule_add_peer (rule, peer);
  watch_check (watch, 1, NULL);
  np_policy_rule_add_port (rule, port);
  watch_check (watch, 1, NULL);

  np_label_selector_set_label (selector, "tier", "api");
  watch_check (watch, 1, NULL);
  np_policy_port_set_protocol (port, "UDP");
  watch_check (watch, 1, NULL);

  copy = np_policy_rule_copy (rule);
  assert_rule_equal (rule, copy);

  /* Removed children no longer reach the rule. */
  g_list_store_remove (G_LIST_STORE (np_policy_rule_get_peers (rule)), 0);
  watch_check (watch, 1, NULL);
  np_label_selector_set_label (selector, "tier", "web");
  np_policy_peer_set_ip_block (peer, NULL);
  np_policy_peer_set_pod_selector (peer, NULL);
  watch_check (watch, 0, NULL);
  g_list_store_remove (G_LIST_STORE (np_policy_rule_get_ports (rule)), 0);
  watch_check (watch, 1, NULL);
  np_policy_port_set_port_number (port, 8443);
  watch_check (watch, 0, NULL);

  /* The copy kept its own children. */
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_rule_get_peers (copy)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_rule_get_ports (copy)), ==, 1);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (rule);
}

/* NpPolicy */

static void
test_policy_defaults (void)
{
  NpPolicy *policy = np_policy_new ();
  NpLabelSelector *selector = np_policy_get_pod_selector (policy);

  g_assert_cmpstr (np_policy_get_api_version (policy), ==, "networking.k8s.io/v1");
  g_assert_cmpstr (np_policy_get_kind (policy), ==, "NetworkPolicy");
  g_assert_null (np_policy_get_name (policy));
  g_assert_null (np_policy_get_namespace (policy));
  g_assert_nonnull (selector);
  g_assert_true (np_label_selector_is_empty (selector));
  g_assert_null (np_policy_get_policy_types (policy));
  g_assert_true (G_IS_LIST_STORE (np_policy_get_ingress (policy)));
  g_assert_true (G_IS_LIST_STORE (np_policy_get_egress (policy)));
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_get_ingress (policy)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (np_policy_get_egress (policy)), ==, 0);
  g_assert_true (np_policy_get_rules (policy, NP_DIRECTION_INGRESS) == np_policy_get_ingress (policy));
  g_assert_true (np_policy_get_rules (policy, NP_DIRECTION_EGRESS) == np_policy_get_egress (policy));
  g_assert_true (np_policy_get_ingress (policy) != np_policy_get_egress (policy));

  g_object_add_weak_pointer (G_OBJECT (selector), (gpointer *) &selector);
  g_assert_finalize_object (policy);
  g_assert_null (selector);
}

static void
test_policy_properties (void)
{
  NpPolicy *policy = np_policy_new ();
  NpLabelSelector *old_selector = np_policy_get_pod_selector (policy);
  NpLabelSelector *selector = parse_selector ("app=web");
  const char *types[] = { "Ingress", "Egress", NULL };
  const char *empty[] = { NULL };
  g_autoptr(Watch) watch = watch_new (policy);
  g_autofree char *name = NULL;
  g_auto(GStrv) got_types = NULL;

  np_policy_set_name (policy, "web");
  watch_check (watch, 1, "name", NULL);
  np_policy_set_name (policy, "web");
  watch_check (watch, 0, NULL);

  np_policy_set_namespace (policy, "prod");
  watch_check (watch, 1, "namespace", NULL);
  np_policy_set_namespace (policy, "prod");
  watch_check (watch, 0, NULL);
  np_policy_set_namespace (policy, NULL);
  watch_check (watch, 1, "namespace", NULL);

  np_policy_set_api_version (policy, "networking.k8s.io/v1beta1");
  watch_check (watch, 1, "api-version", NULL);
  np_policy_set_api_version (policy, "networking.k8s.io/v1beta1");
  watch_check (watch, 0, NULL);

  np_policy_set_kind (policy, "networkpolicy");
  watch_check (watch, 1, "kind", NULL);
  np_policy_set_kind (policy, "networkpolicy");
  watch_check (watch, 0, NULL);

  np_policy_set_policy_types (policy, types);
  watch_check (watch, 1, "policy-types", NULL);
  np_policy_set_policy_types (policy, types);
  watch_check (watch, 0, NULL);
  g_assert_cmpstrv (np_policy_get_policy_types (policy), types);
  np_policy_set_policy_types (policy, empty);
  watch_check (watch, 1, "policy-types", NULL);
  g_assert_nonnull (np_policy_get_policy_types (policy));
  np_policy_set_policy_types (policy, NULL);
  watch_check (watch, 1, "policy-types", NULL);
  g_assert_null (np_policy_get_policy_types (policy));

  g_object_ref (old_selector);
  np_policy_set_pod_selector (policy, selector);
  watch_check (watch, 1, "pod-selector", NULL);
  np_policy_set_pod_selector (policy, selector);
  watch_check (watch, 0, NULL);
  np_label_selector_set_label (old_selector, "x", "y");
  watch_check (watch, 0, NULL);
  np_label_selector_set_label (selector, "x", "y");
  watch_check (watch, 1, NULL);
  np_policy_set_pod_selector (policy, NULL);
  watch_check (watch, 1, "pod-selector", NULL);
  g_assert_null (np_policy_get_pod_selector (policy));
  np_label_selector_set_label (selector, "x", "z");
  watch_check (watch, 0, NULL);

  /* Through GObject properties */
  g_object_set (policy, "name", "api", NULL);
  watch_check (watch, 1, "name", NULL);
  g_object_set (policy, "policy-types", types, NULL);
  watch_check (watch, 1, "policy-types", NULL);
  g_object_get (policy, "name", &name, "policy-types", &got_types, NULL);
  g_assert_cmpstr (name, ==, "api");
  g_assert_cmpstrv (got_types, types);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (policy);
  g_assert_finalize_object (selector);
  g_assert_finalize_object (old_selector);
}

/* policy → ingress rule → peer → pod selector → requirement */
typedef struct
{
  NpPolicy              *policy;
  NpPolicyRule          *rule;
  NpPolicyPeer          *peer;
  NpLabelSelector       *selector;
  NpSelectorRequirement *requirement;
  NpPolicyPort          *port;
} Tree;

static void
tree_build (Tree *tree)
{
  g_autoptr(NpPolicyRule) rule = np_policy_rule_new (NP_DIRECTION_INGRESS);
  g_autoptr(NpLabelSelector) selector = parse_selector ("app=web");
  g_autoptr(NpPolicyPeer) peer = np_policy_peer_new_pods (selector);
  g_autoptr(NpPolicyPort) port = np_policy_port_new_number (NULL, 80);

  tree->policy = np_policy_new ();
  np_policy_rule_add_peer (rule, peer);
  np_policy_rule_add_port (rule, port);
  g_list_store_append (G_LIST_STORE (np_policy_get_ingress (tree->policy)), rule);

  /* Borrowed: the policy owns them all. */
  tree->rule = rule;
  tree->peer = peer;
  tree->selector = selector;
  tree->port = port;
  tree->requirement = g_list_model_get_item (np_label_selector_get_requirements (selector), 0);
  g_object_unref (tree->requirement);
}

static void
set_requirement_key (gpointer data)
{
  Tree *tree = data;

  np_selector_requirement_set_key (tree->requirement, "tier");
}

static void
test_policy_deep_changed (void)
{
  Tree tree;
  g_autoptr(Watch) policy_watch = NULL;
  g_autoptr(Watch) rule_watch = NULL;
  g_autoptr(Watch) peer_watch = NULL;
  g_autoptr(Watch) selector_watch = NULL;
  g_autoptr(Watch) requirement_watch = NULL;

  tree_build (&tree);
  policy_watch = watch_new (tree.policy);
  rule_watch = watch_new (tree.rule);
  peer_watch = watch_new (tree.peer);
  selector_watch = watch_new (tree.selector);
  requirement_watch = watch_new (tree.requirement);

  g_assert_cmpuint (np_test_count_signal (tree.policy, "changed", set_requirement_key, &tree), ==, 1);
  watch_check (requirement_watch, 1, "key", NULL);
  watch_check (selector_watch, 1, NULL);
  watch_check (peer_watch, 1, NULL);
  watch_check (rule_watch, 1, NULL);
  watch_check (policy_watch, 1, NULL);

  /* Same value: nothing anywhere. */
  g_assert_cmpuint (np_test_count_signal (tree.policy, "changed", set_requirement_key, &tree), ==, 0);
  watch_check (requirement_watch, 0, NULL);
  watch_check (policy_watch, 0, NULL);

  np_policy_port_set_port_number (tree.port, 8080);
  watch_check (rule_watch, 1, NULL);
  watch_check (policy_watch, 1, NULL);

  np_label_selector_set_label (tree.selector, "team", "ops");
  watch_check (peer_watch, 1, NULL);
  watch_check (policy_watch, 1, NULL);

  /* Adding a rule, a peer, a port: one "changed" each. */
  {
    g_autoptr(NpPolicyRule) egress = np_policy_rule_new (NP_DIRECTION_EGRESS);
    g_autoptr(NpPolicyPeer) peer = np_policy_peer_new ();
    g_autoptr(NpPolicyPort) port = np_policy_port_new ();

    g_list_store_append (G_LIST_STORE (np_policy_get_egress (tree.policy)), egress);
    watch_check (policy_watch, 1, NULL);
    np_policy_rule_add_peer (egress, peer);
    watch_check (policy_watch, 1, NULL);
    np_policy_rule_add_port (tree.rule, port);
    watch_check (policy_watch, 1, NULL);
  }

  g_clear_pointer (&requirement_watch, watch_free);
  g_clear_pointer (&selector_watch, watch_free);
  g_clear_pointer (&peer_watch, watch_free);
  g_clear_pointer (&rule_watch, watch_free);
  g_clear_pointer (&policy_watch, watch_free);

  /* Everything goes with the policy: no reference cycle. */
  g_object_add_weak_pointer (G_OBJECT (tree.requirement), (gpointer *) &tree.requirement);
  g_object_add_weak_pointer (G_OBJECT (tree.rule), (gpointer *) &tree.rule);
  g_object_add_weak_pointer (G_OBJECT (tree.port), (gpointer *) &tree.port);
  g_assert_finalize_object (tree.policy);
  g_assert_null (tree.requirement);
  g_assert_null (tree.rule);
  g_assert_null (tree.port);
}

static void
three_edits (gpointer data)
{
  Tree *tree = data;
  g_autoptr(NpPolicyRule) rule = np_policy_rule_new (NP_DIRECTION_EGRESS);

  np_policy_begin_change (tree->policy);
  np_policy_set_name (tree->policy, "batched");
  np_selector_requirement_set_value (tree->requirement, "api");
  g_list_store_append (G_LIST_STORE (np_policy_get_egress (tree->policy)), rule);
  np_policy_end_change (tree->policy);
}

static void
test_policy_batch (void)
{
  Tree tree;
  g_autoptr(Watch) watch = NULL;

  tree_build (&tree);

  g_assert_cmpuint (np_test_count_signal (tree.policy, "changed", three_edits, &tree), ==, 1);

  watch = watch_new (tree.policy);

  /* Nesting: only the outermost end emits. */
  np_policy_begin_change (tree.policy);
  np_policy_begin_change (tree.policy);
  np_policy_set_namespace (tree.policy, "prod");
  np_policy_end_change (tree.policy);
  watch_check (watch, 0, "namespace", NULL);
  np_policy_port_set_protocol (tree.port, "UDP");
  watch_check (watch, 0, NULL);
  np_policy_end_change (tree.policy);
  watch_check (watch, 1, NULL);

  /* No change, no emission. */
  np_policy_begin_change (tree.policy);
  np_policy_set_namespace (tree.policy, "prod");
  np_policy_end_change (tree.policy);
  watch_check (watch, 0, NULL);

  /* Back to normal after a batch. */
  np_policy_set_namespace (tree.policy, "dev");
  watch_check (watch, 1, "namespace", NULL);
  np_policy_begin_change (tree.policy);
  np_policy_end_change (tree.policy);
  watch_check (watch, 0, NULL);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (tree.policy);
}

static void
test_policy_removed_child (void)
{
  Tree tree;
  g_autoptr(Watch) watch = NULL;
  g_autoptr(NpPolicyRule) rule = NULL;
  g_autoptr(NpPolicyPeer) peer = NULL;
  g_autoptr(NpLabelSelector) namespaces = np_label_selector_new ();

  tree_build (&tree);
  watch = watch_new (tree.policy);
  rule = g_object_ref (tree.rule);
  peer = g_object_ref (tree.peer);

  /* A peer removed from its rule. */
  g_list_store_remove (G_LIST_STORE (np_policy_rule_get_peers (rule)), 0);
  watch_check (watch, 1, NULL);
  np_selector_requirement_set_value (tree.requirement, "db");
  np_policy_peer_set_namespace_selector (peer, namespaces);
  watch_check (watch, 0, NULL);

  /* Put back, it reaches the policy again. */
  np_policy_rule_add_peer (rule, peer);
  watch_check (watch, 1, NULL);
  np_selector_requirement_set_value (tree.requirement, "api");
  watch_check (watch, 1, NULL);

  /* A rule removed from the policy. */
  g_list_store_remove_all (G_LIST_STORE (np_policy_get_ingress (tree.policy)));
  watch_check (watch, 1, NULL);
  np_selector_requirement_set_value (tree.requirement, "web");
  np_policy_port_set_port_name (tree.port, "http");
  np_policy_rule_add_peer (rule, peer);
  watch_check (watch, 0, NULL);

  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (tree.policy);
  g_clear_object (&peer);
  g_assert_finalize_object (g_steal_pointer (&rule));
}

static void
test_policy_affects (void)
{
  NpPolicy *policy = np_policy_new ();
  GListStore *egress = G_LIST_STORE (np_policy_get_egress (policy));
  g_autoptr(NpPolicyRule) rule = np_policy_rule_new (NP_DIRECTION_EGRESS);
  const char *egress_only[] = { "Egress", NULL };
  const char *ingress_only[] = { "Ingress", NULL };
  const char *both[] = { "Ingress", "Egress", NULL };
  const char *lower[] = { "egress", NULL };
  const char *empty[] = { NULL };

  /* No policyTypes, no egress rules: Ingress only. */
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_false (np_policy_affects (policy, NP_DIRECTION_EGRESS));

  /* No policyTypes, one egress rule: both. */
  g_list_store_append (egress, rule);
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_EGRESS));

  /* Explicit [Egress]. */
  np_policy_set_policy_types (policy, egress_only);
  g_assert_false (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_EGRESS));

  /* Explicit [Ingress] ignores the egress rule. */
  np_policy_set_policy_types (policy, ingress_only);
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_false (np_policy_affects (policy, NP_DIRECTION_EGRESS));

  np_policy_set_policy_types (policy, both);
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_EGRESS));

  /* Case sensitive. */
  np_policy_set_policy_types (policy, lower);
  g_assert_false (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_false (np_policy_affects (policy, NP_DIRECTION_EGRESS));

  /* Explicit [] counts as absent: the defaults apply. */
  np_policy_set_policy_types (policy, empty);
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_EGRESS));
  g_list_store_remove_all (egress);
  g_assert_true (np_policy_affects (policy, NP_DIRECTION_INGRESS));
  g_assert_false (np_policy_affects (policy, NP_DIRECTION_EGRESS));

  g_assert_finalize_object (policy);
}

static void
test_policy_copy (void)
{
  Tree tree;
  const char *types[] = { "Ingress", "Egress", NULL };
  const char *except[] = { "10.1.0.0/16", NULL };
  g_autoptr(NpPolicyRule) egress = np_policy_rule_new (NP_DIRECTION_EGRESS);
  g_autoptr(NpIpBlock) block = np_ip_block_new ("10.0.0.0/8", except);
  g_autoptr(NpPolicyPeer) ip_peer = np_policy_peer_new_ip_block (block);
  g_autoptr(NpLabelSelector) namespaces = parse_selector ("team in (ops, sre)");
  g_autoptr(NpPolicyPeer) ns_peer = np_policy_peer_new_namespaces (namespaces);
  g_autoptr(NpPolicyPort) range = np_policy_port_new_range ("UDP", 5000, 6000);
  g_autoptr(NpPolicyPort) named = np_policy_port_new_name (NULL, "dns");
  g_autoptr(NpNode) source = np_node_new_mapping ();
  g_autoptr(NpPolicyRule) copied_rule = NULL;
  g_autoptr(NpPolicyPort) copied_port = NULL;
  g_autoptr(Watch) watch = NULL;
  NpPolicy *copy;

  tree_build (&tree);
  np_policy_set_name (tree.policy, "web");
  np_policy_set_namespace (tree.policy, "prod");
  np_policy_set_policy_types (tree.policy, types);
  np_label_selector_set_label (np_policy_get_pod_selector (tree.policy), "app", "web");
  np_policy_peer_set_namespace_selector (tree.peer, namespaces);
  np_policy_rule_add_peer (egress, ip_peer);
  np_policy_rule_add_peer (egress, ns_peer);
  np_policy_rule_add_port (egress, range);
  np_policy_rule_add_port (egress, named);
  g_list_store_append (G_LIST_STORE (np_policy_get_egress (tree.policy)), egress);
  np_model_set_source (tree.policy, source);

  copy = np_policy_copy (tree.policy);
  assert_policy_equal (tree.policy, copy);
  g_assert_null (np_model_get_source (copy));

  /* A policy without a pod selector copies as one without. */
  {
    g_autoptr(NpPolicy) bare = np_policy_new ();
    g_autoptr(NpPolicy) bare_copy = NULL;

    np_policy_set_pod_selector (bare, NULL);
    bare_copy = np_policy_copy (bare);
    assert_policy_equal (bare, bare_copy);
    g_assert_null (np_policy_get_pod_selector (bare_copy));
  }

  /* Editing the copy deep down leaves the original alone, and the copy
   * forwards its own changes. */
  watch = watch_new (tree.policy);
  copied_rule = g_list_model_get_item (np_policy_get_ingress (copy), 0);
  copied_port = g_list_model_get_item (np_policy_rule_get_ports (copied_rule), 0);
  g_assert_true (copied_port != tree.port);
  g_assert_cmpuint (np_test_count_signal (copy, "changed", (NpTestFunc) np_policy_port_clear_port,
                                          copied_port), ==, 1);
  watch_check (watch, 0, NULL);
  g_assert_cmpint (np_policy_port_get_port_kind (tree.port), ==, NP_PORT_KIND_NUMBER);

  g_clear_object (&copied_rule);
  g_clear_object (&copied_port);
  g_clear_pointer (&watch, watch_free);
  g_assert_finalize_object (tree.policy);
  g_assert_finalize_object (copy);
}

/* Found by fuzz/fuzz-fields: what the selector parser reads, the printer
 * must write so that it reads back the same. */
static void
test_selector_fuzz_regressions (void)
{
  const char *round_trips[] = { "\n&!=", "app!=", "a=1, a=2", "tier notin (x), !legacy" };
  const char *refused[] = { "2F2=,\x02" "2=,\x02" "2=,", "a=, a=" };

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string (round_trips[i], &error);
      g_autoptr(NpLabelSelector) again = NULL;
      g_autofree char *printed = NULL;
      g_autofree char *printed_again = NULL;

      g_assert_no_error (error);
      printed = np_label_selector_to_string (selector);
      again = np_label_selector_new_from_string (printed, &error);
      g_assert_no_error (error);
      printed_again = np_label_selector_to_string (again);
      g_assert_cmpstr (printed, ==, printed_again);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NpLabelSelector) selector = np_label_selector_new_from_string (refused[i], &error);

      g_assert_null (selector);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/source", test_model_source);
  g_test_add_func ("/model/strv-equal", test_model_strv_equal);
  g_test_add_func ("/model/watch-list-splice", test_model_watch_list_splice);
  g_test_add_func ("/model/child-outlives-parent", test_model_child_outlives_parent);

  g_test_add_func ("/model/requirement/properties", test_requirement_properties);
  g_test_add_func ("/model/requirement/to-string", test_requirement_to_string);
  g_test_add_func ("/model/requirement/matches", test_requirement_matches);

  g_test_add_func ("/model/selector/labels", test_selector_labels);
  g_test_add_func ("/model/selector/matches", test_selector_matches);
  g_test_add_func ("/model/selector/parse", test_selector_parse);
  g_test_add_func ("/model/selector/round-trip", test_selector_round_trip);
  g_test_add_func ("/model/selector/parse-errors", test_selector_parse_errors);
  g_test_add_func ("/model/selector/copy", test_selector_copy);

  g_test_add_func ("/model/ip-block", test_ip_block);

  g_test_add_func ("/model/port/properties", test_port_properties);
  g_test_add_func ("/model/port/to-string", test_port_to_string);
  g_test_add_func ("/model/port/parse-list", test_port_parse_list);

  g_test_add_func ("/model/peer/properties", test_peer_properties);
  g_test_add_func ("/model/peer/to-string", test_peer_to_string);

  g_test_add_func ("/model/rule", test_rule);

  g_test_add_func ("/model/policy/defaults", test_policy_defaults);
  g_test_add_func ("/model/policy/properties", test_policy_properties);
  g_test_add_func ("/model/policy/deep-changed", test_policy_deep_changed);
  g_test_add_func ("/model/policy/batch", test_policy_batch);
  g_test_add_func ("/model/policy/removed-child", test_policy_removed_child);
  g_test_add_func ("/model/policy/affects", test_policy_affects);
  g_test_add_func ("/model/policy/copy", test_policy_copy);
  g_test_add_func ("/model/selector/fuzz-regressions", test_selector_fuzz_regressions);

  return g_test_run ();
}
