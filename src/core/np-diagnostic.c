/* np-diagnostic.c: one finding about a policy or a file, with its position
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-diagnostic.h"
#include "np-node.h"

struct _NpDiagnostic
{
  GObject     parent_instance;

  NpSeverity  severity;
  char       *code;
  char       *path;
  char       *message;
  char       *file;
  guint       line;
  guint       column;
  int         document;
};

G_DEFINE_FINAL_TYPE (NpDiagnostic, np_diagnostic, G_TYPE_OBJECT)

static void
np_diagnostic_finalize (GObject *object)
{
  NpDiagnostic *self = NP_DIAGNOSTIC (object);

  g_free (self->code);
  g_free (self->path);
  g_free (self->message);
  g_free (self->file);

  G_OBJECT_CLASS (np_diagnostic_parent_class)->finalize (object);
}

static void
np_diagnostic_class_init (NpDiagnosticClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = np_diagnostic_finalize;
}

static void
np_diagnostic_init (NpDiagnostic *self)
{
  self->document = -1;
}

NpDiagnostic *
np_diagnostic_new (NpSeverity  severity,
                   const char *code,
                   const char *path,
                   const char *message)
{
  NpDiagnostic *self = g_object_new (NP_TYPE_DIAGNOSTIC, NULL);

  self->severity = severity;
  self->code = g_strdup (code);
  self->path = g_strdup (path);
  self->message = g_strdup (message);
  return self;
}

NpDiagnostic *
np_diagnostic_new_at_node (NpSeverity    severity,
                           const char   *code,
                           const char   *path,
                           const NpNode *node,
                           const char   *format,
                           ...)
{
  g_autofree char *message = NULL;
  NpDiagnostic *self;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  self = np_diagnostic_new (severity, code, path, message);
  if (node != NULL)
    np_diagnostic_set_position (self, np_node_get_line (node), np_node_get_column (node));
  return self;
}

void
np_diagnostic_list_add (GPtrArray    *list,
                        NpSeverity    severity,
                        const char   *code,
                        const char   *path,
                        const NpNode *node,
                        const char   *format,
                        ...)
{
  g_autofree char *message = NULL;
  NpDiagnostic *self;
  va_list args;

  g_return_if_fail (list != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  self = np_diagnostic_new (severity, code, path, message);
  if (node != NULL)
    np_diagnostic_set_position (self, np_node_get_line (node), np_node_get_column (node));
  g_ptr_array_add (list, self);
}

NpSeverity
np_diagnostic_get_severity (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), NP_SEVERITY_ERROR);
  return self->severity;
}

const char *
np_diagnostic_get_code (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), NULL);
  return self->code;
}

const char *
np_diagnostic_get_path (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), NULL);
  return self->path;
}

const char *
np_diagnostic_get_message (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), NULL);
  return self->message;
}

const char *
np_diagnostic_get_file (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), NULL);
  return self->file;
}

void
np_diagnostic_set_file (NpDiagnostic *self, const char *file)
{
  g_return_if_fail (NP_IS_DIAGNOSTIC (self));
  g_free (self->file);
  self->file = g_strdup (file);
}

guint
np_diagnostic_get_line (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), 0);
  return self->line;
}

guint
np_diagnostic_get_column (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), 0);
  return self->column;
}

void
np_diagnostic_set_position (NpDiagnostic *self, guint line, guint column)
{
  g_return_if_fail (NP_IS_DIAGNOSTIC (self));
  self->line = line;
  self->column = column;
}

int
np_diagnostic_get_document (NpDiagnostic *self)
{
  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), -1);
  return self->document;
}

void
np_diagnostic_set_document (NpDiagnostic *self, int document)
{
  g_return_if_fail (NP_IS_DIAGNOSTIC (self));
  self->document = document;
}

const char *
np_severity_to_string (NpSeverity severity)
{
  switch (severity)
    {
    case NP_SEVERITY_ERROR:
      return "error";
    case NP_SEVERITY_WARNING:
      return "warning";
    case NP_SEVERITY_INFO:
    default:
      return "info";
    }
}

char *
np_diagnostic_format (NpDiagnostic *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (NP_IS_DIAGNOSTIC (self), NULL);

  if (self->file != NULL)
    g_string_append_printf (out, "%s:", self->file);
  if (self->line > 0)
    {
      g_string_append_printf (out, "%u:", self->line);
      if (self->column > 0)
        g_string_append_printf (out, "%u:", self->column);
    }
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s: %s", np_severity_to_string (self->severity), self->message);
  if (self->path != NULL && *self->path != '\0')
    g_string_append_printf (out, " [%s]", self->path);
  return g_string_free (out, FALSE);
}

int
np_diagnostic_compare (gconstpointer a, gconstpointer b)
{
  NpDiagnostic *x = *(NpDiagnostic **) a;
  NpDiagnostic *y = *(NpDiagnostic **) b;
  int r = g_strcmp0 (x->file, y->file);

  if (r != 0)
    return r;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  return (int) x->severity - (int) y->severity;
}
