/* np-test-util.h: helpers shared by the test programs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The shared/ folder beside the project (NP_SHARED_DIR), or skip the test. */
const char *np_test_shared_dir        (void);
/* (transfer full) path under shared/corpus */
char       *np_test_corpus_path       (const char *relative);
/* (transfer full) every file with one of the endings in @suffixes under
 * @dir, recursively, sorted. */
GPtrArray  *np_test_list_files        (const char *dir,
                                       const char * const *suffixes);
/* (transfer full) contents or fail the test */
char       *np_test_read_file         (const char *path,
                                       gsize      *length);

/* Asserts which properties of @object notify while @func runs. @expected is a
 * NULL-terminated list of property names in the order they must notify. */
typedef void (*NpTestFunc) (gpointer data);
void        np_test_assert_notifies   (gpointer            object,
                                       NpTestFunc          func,
                                       gpointer            data,
                                       const char * const *expected);
/* Counts emissions of a no-argument signal while @func runs. */
guint       np_test_count_signal      (gpointer            object,
                                       const char         *signal,
                                       NpTestFunc          func,
                                       gpointer            data);

G_END_DECLS
