/* fuzz-flow-reader.c: libFuzzer target: read any text as a Hubble flow log
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader alone, so that it is fuzzed at full speed with large inputs
 * (fuzz-flows writes and replays policies, which is much slower): the flows
 * read account for every record counted, every finding formats to a message
 * and every flow names its source. Any difference aborts (a finding).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "np-diagnostic.h"
#include "np-flow.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) flows = NULL;
  guint n_records = 0, total = 0;

  flows = np_flow_read_bytes (bytes, "fuzz", &n_records, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = np_diagnostic_format (g_ptr_array_index (diagnostics, i));

      if (line == NULL || *line == '\0')
        abort ();
    }
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(NpFlow) flow = g_list_model_get_item (flows, i);
      g_autofree char *source = NULL;

      total += np_flow_get_count (flow);
      g_object_get (flow, "source", &source, NULL);
      if (source == NULL)
        abort ();
    }
  if (total != n_records)
    abort ();
  return 0;
}
