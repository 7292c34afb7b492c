/* fuzz-manifest.c: libFuzzer target: read, validate, save and format any text, and check the round trips
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every input that reads as YAML or JSON: saving untouched gives the
 * same bytes; `fmt` output reads back as the same data; every policy written
 * out reads back as the same policy. Any difference aborts (a finding).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "np-cilium-policy.h"
#include "np-diagnostic.h"
#include "np-manifest.h"
#include "np-node.h"
#include "np-policy-codec.h"
#include "np-policy.h"
#include "np-validator.h"
#include "np-yaml.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GPtrArray *
trees_of (const char *text, gsize length)
{
  g_autoptr(GPtrArray) documents = np_yaml_parse (text, length, NULL);
  GPtrArray *trees;

  if (documents == NULL)
    return NULL;
  trees = g_ptr_array_new_with_free_func ((GDestroyNotify) np_node_unref);
  for (guint i = 0; i < documents->len; i++)
    {
      NpYamlDocument *d = g_ptr_array_index (documents, i);

      if (d->root != NULL && !np_node_is_null (d->root))
        g_ptr_array_add (trees, np_node_ref (d->root));
    }
  return trees;
}

static void
check_same_trees (GPtrArray *a, GPtrArray *b, const char *what)
{
  if (a == NULL || b == NULL || a->len != b->len)
    {
      g_printerr ("%s: the documents changed in number or no longer read\n", what);
      abort ();
    }
  for (guint i = 0; i < a->len; i++)
    if (!np_node_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      {
        g_printerr ("%s: document %u changed\n", what, i);
        abort ();
      }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(NpManifest) manifest = np_manifest_new ();
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) formatted = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GListModel) policies = NULL;

  if (!np_manifest_load_bytes (manifest, bytes, "fuzz", NULL))
    {
      /* Refused text is still kept whole. */
      saved = np_manifest_to_bytes (manifest);
      if (!g_bytes_equal (saved, bytes))
        abort ();
      return 0;
    }

  np_manifest_validate (manifest, NP_VALIDATE_STRICT_CIDR, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

      if (line == NULL || *line == '\0')
        abort ();
    }

  saved = np_manifest_to_bytes (manifest);
  if (!g_bytes_equal (saved, bytes))
    abort ();

  /* Checking and formatting a document at a time give the same. */
  {
    g_autoptr(GPtrArray) streamed = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GBytes) streamed_format = NULL;
    g_autoptr(GBytes) whole_format = NULL;
    guint n_policies = 0;

    if (!np_manifest_validate_bytes (bytes, "fuzz", NP_VALIDATE_STRICT_CIDR, streamed, &n_policies, NULL) ||
        streamed->len != diagnostics->len || n_policies != np_manifest_count_policies (manifest))
      abort ();
    for (guint i = 0; i < diagnostics->len; i++)
      {
        g_autofree char *a = np_diagnostic_format (g_ptr_array_index (diagnostics, i));
        g_autofree char *b = np_diagnostic_format (g_ptr_array_index (streamed, i));

        if (g_strcmp0 (a, b) != 0)
          abort ();
      }
    streamed_format = np_manifest_format_bytes (bytes, "fuzz", NP_FORMAT_YAML, NULL);
    whole_format = np_manifest_format (manifest, NP_FORMAT_YAML);
    if (streamed_format == NULL || !g_bytes_equal (streamed_format, whole_format))
      abort ();
  }

  before = trees_of ((const char *) data, size);
  formatted = np_manifest_format (manifest, NP_FORMAT_YAML);
  after = trees_of (g_bytes_get_data (formatted, NULL), g_bytes_get_size (formatted));
  check_same_trees (before, after, "fmt");

  policies = np_manifest_list_policies (manifest);
  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (policies, i);
      g_autoptr(NpPolicy) back = NULL;
      g_autoptr(NpNode) a = NULL;
      g_autoptr(NpNode) b = NULL;
      g_autofree char *yaml = NULL;

      if (!NP_IS_POLICY (item))
        continue;
      yaml = np_policy_to_yaml (NP_POLICY (item));
      back = np_policy_new_from_yaml (yaml, -1, NULL);
      if (back == NULL)
        abort ();
      a = np_policy_to_node (NP_POLICY (item), NP_CODEC_CANONICAL);
      b = np_policy_to_node (back, NP_CODEC_CANONICAL);
      if (!np_node_equal (a, b))
        abort ();
    }
  return 0;
}
