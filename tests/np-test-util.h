/* np-test-util.h: helpers shared by the test programs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "np-diagnostic.h"

G_BEGIN_DECLS

/* Long values built at compile time. */
#define A10  "aaaaaaaaaa"
#define A61  A10 A10 A10 A10 A10 A10 "a"
#define A62  A61 "a"
#define A63  A62 "a"
#define A64  A63 "a"
#define S253 A63 "." A63 "." A63 "." A61   /* 253 characters */
#define S254 A63 "." A63 "." A63 "." A62   /* 254 characters */

/* The shared/ folder beside the project (NP_SHARED_DIR), or skip the test. */
const char *np_test_shared_dir        (void);
/* (transfer full) path under shared/corpus */
char       *np_test_corpus_path       (const char *relative);
/* (transfer full) every file with one of the endings in @suffixes under
 * @dir, recursively, sorted. */
GPtrArray  *np_test_list_files        (const char *dir,
                                       const char * const *suffixes);
/* (transfer full) each string of @lines followed by a newline, as one text
 * (warnings compared in one assertion, say). */
char       *np_test_join_lines        (GPtrArray  *lines);
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

/* Run every test even after a failure (as -k does), so that one run lists
 * every failing case: g_test_init() with "--keep-going" added to the
 * arguments. */
void        np_test_init_keep_going   (int    *argc,
                                       char ***argv);

/* Says why in the log as "FAILED: …", marks the test failed and lets the
 * test go on. */
void        np_test_fail              (const char *format,
                                       ...) G_GNUC_PRINTF (1, 2);
/* Says which @subject failed (a case, a file) and why, lists every
 * diagnostic in @diagnostics (may be NULL), marks the test failed and lets
 * the test go on. */
void        np_test_fail_listing      (const char *subject,
                                       GPtrArray  *diagnostics,
                                       const char *format,
                                       ...) G_GNUC_PRINTF (3, 4);
/* np_test_fail_listing() for the table row named @case_name. */
void        np_test_case_failed       (const char *case_name,
                                       GPtrArray  *diagnostics,
                                       const char *format,
                                       ...) G_GNUC_PRINTF (3, 4);

/* Tables of texts and the findings they must give. */
typedef enum {
  NP_TEST_VALID,   /* no errors; warnings allowed */
  NP_TEST_CLEAN,   /* no diagnostics at all */
  NP_TEST_EXPECT,  /* exactly the diagnostics listed (warnings too) */
  NP_TEST_LOAD,    /* reading fails with exactly the diagnostics listed */
} NpTestOutcome;

/* One finding a row expects. */
typedef struct {
  NpSeverity  severity;
  const char *code;       /* NULL ends the list */
  const char *path;       /* "" = no path */
  guint       line;       /* 0 = not checked */
  guint       column;     /* 0 = not checked */
  const char *message;    /* a part of the message; "!x": must not contain x */
} NpTestExpected;

/* The room for expected findings in a row. */
#define NP_TEST_MAX_EXPECTED 3

/* Short names for the rows of a table; define NP_TEST_TABLE_SHORTHANDS
 * before including this header to have them. */
#ifdef NP_TEST_TABLE_SHORTHANDS
#define VALID  NP_TEST_VALID
#define CLEAN  NP_TEST_CLEAN
#define EXPECT NP_TEST_EXPECT
#define LOAD   NP_TEST_LOAD
/* an error or a warning, and with a part of its message */
#define E(code, path, line, column) { NP_SEVERITY_ERROR, code, path, line, column, NULL }
#define EM(code, path, line, column, message) { NP_SEVERITY_ERROR, code, path, line, column, message }
#define W(code, path, line, column) { NP_SEVERITY_WARNING, code, path, line, column, NULL }
#define WM(code, path, line, column, message) { NP_SEVERITY_WARNING, code, path, line, column, message }
#endif

/* Checks what reading (and validating) the text of the row @case_name gave:
 * whether it could be read (@loaded) against @outcome, and @diagnostics
 * against the first @n_expected of @expected (fewer if a code is NULL):
 * each is found by code and path, and its severity, position and message
 * are checked; no other diagnostic may come (warnings may, for
 * NP_TEST_VALID). Every mismatch is reported with np_test_case_failed().
 * Returns TRUE when there was none. */
gboolean    np_test_check_findings    (const char           *case_name,
                                       NpTestOutcome         outcome,
                                       gboolean              loaded,
                                       GPtrArray            *diagnostics,
                                       const NpTestExpected *expected,
                                       guint                 n_expected);

/* Running the netpol command line (NETPOL in the environment) as a user
 * would, in the C.UTF-8 locale. */
typedef struct {
  int   status;
  char *out;   /* standard output */
  char *err;   /* standard error */
} NpTestRun;

void        np_test_run_clear         (NpTestRun  *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NpTestRun, np_test_run_clear)
/* Runs netpol with the NULL-terminated arguments after @input, which it
 * reads on its standard input (nothing when NULL), and logs what it said. */
void        np_test_run_netpol        (NpTestRun  *run,
                                       const char *input,
                                       ...) G_GNUC_NULL_TERMINATED;
/* A new file @name holding @contents in a new temporary folder; its path.
 * np_test_remove_temp() removes both. */
char       *np_test_temp_file         (const char *name,
                                       const char *contents);
void        np_test_remove_temp       (const char *path);

G_END_DECLS
