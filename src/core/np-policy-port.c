/* np-policy-port.c: one entry of a rule's `ports`, and the ports field syntax
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-cilium-rule-entry.h"
#include "np-model-private.h"
#include "np-policy-port.h"

struct _NpPolicyPort
{
  GObject     parent_instance;

  char       *protocol;
  char       *port_name;
  gint64      port_number;
  gint64      end_port;
  NpPortKind  port_kind;
  gboolean    has_end_port;
};

G_DEFINE_FINAL_TYPE (NpPolicyPort, np_policy_port, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROTOCOL,
  PROP_PORT_KIND,
  PROP_PORT_NUMBER,
  PROP_PORT_NAME,
  PROP_END_PORT,
  PROP_HAS_END_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The set_*_internal() helpers notify but leave "changed" to the public
 * setter, so that one call emits it once however many properties moved. */

static gboolean
set_port_kind_internal (NpPolicyPort *self,
                        NpPortKind    kind)
{
  if (self->port_kind == kind)
    return FALSE;
  self->port_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT_KIND]);
  return TRUE;
}

static gboolean
set_port_number_internal (NpPolicyPort *self,
                          gint64        port)
{
  if (self->port_number == port)
    return FALSE;
  self->port_number = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT_NUMBER]);
  return TRUE;
}

static gboolean
set_port_name_internal (NpPolicyPort *self,
                        const char   *name)
{
  if (!np_set_str (&self->port_name, name))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT_NAME]);
  return TRUE;
}

static gboolean
set_end_port_internal (NpPolicyPort *self,
                       gint64        end_port)
{
  if (self->end_port == end_port)
    return FALSE;
  self->end_port = end_port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_PORT]);
  return TRUE;
}

static gboolean
set_has_end_port_internal (NpPolicyPort *self,
                           gboolean      has_end_port)
{
  has_end_port = !!has_end_port;
  if (self->has_end_port == has_end_port)
    return FALSE;
  self->has_end_port = has_end_port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_END_PORT]);
  return TRUE;
}

static void
np_policy_port_finalize (GObject *object)
{
  NpPolicyPort *self = (NpPolicyPort *) object;

  g_clear_pointer (&self->protocol, g_free);
  g_clear_pointer (&self->port_name, g_free);

  G_OBJECT_CLASS (np_policy_port_parent_class)->finalize (object);
}

static void
np_policy_port_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NpPolicyPort *self = NP_POLICY_PORT (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      g_value_set_string (value, self->protocol);
      break;

    case PROP_PORT_KIND:
      g_value_set_enum (value, self->port_kind);
      break;

    case PROP_PORT_NUMBER:
      g_value_set_int64 (value, self->port_number);
      break;

    case PROP_PORT_NAME:
      g_value_set_string (value, self->port_name);
      break;

    case PROP_END_PORT:
      g_value_set_int64 (value, self->end_port);
      break;

    case PROP_HAS_END_PORT:
      g_value_set_boolean (value, self->has_end_port);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_port_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NpPolicyPort *self = NP_POLICY_PORT (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      np_policy_port_set_protocol (self, g_value_get_string (value));
      break;

    case PROP_PORT_KIND:
      if (set_port_kind_internal (self, g_value_get_enum (value)))
        np_model_emit_changed (self);
      break;

    case PROP_PORT_NUMBER:
      np_policy_port_set_port_number (self, g_value_get_int64 (value));
      break;

    case PROP_PORT_NAME:
      np_policy_port_set_port_name (self, g_value_get_string (value));
      break;

    case PROP_END_PORT:
      np_policy_port_set_end_port (self, g_value_get_int64 (value));
      break;

    case PROP_HAS_END_PORT:
      if (set_has_end_port_internal (self, g_value_get_boolean (value)))
        np_model_emit_changed (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_policy_port_class_init (NpPolicyPortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = np_policy_port_finalize;
  object_class->get_property = np_policy_port_get_property;
  object_class->set_property = np_policy_port_set_property;

  properties[PROP_PROTOCOL] =
    g_param_spec_string ("protocol", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PORT_KIND] =
    g_param_spec_enum ("port-kind", NULL, NULL,
                       NP_TYPE_PORT_KIND,
                       NP_PORT_KIND_NONE,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* Any integer: values are kept as written and judged by the validator. */
  properties[PROP_PORT_NUMBER] =
    g_param_spec_int64 ("port-number", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PORT_NAME] =
    g_param_spec_string ("port-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_END_PORT] =
    g_param_spec_int64 ("end-port", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HAS_END_PORT] =
    g_param_spec_boolean ("has-end-port", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  np_model_new_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
np_policy_port_init (NpPolicyPort *self)
{
  self->port_kind = NP_PORT_KIND_NONE;
}

/**
 * np_policy_port_new:
 *
 * `{}`: every TCP port. (transfer full)
 */
NpPolicyPort *
np_policy_port_new (void)
{
  return g_object_new (NP_TYPE_POLICY_PORT, NULL);
}

/**
 * np_policy_port_new_number:
 * @protocol: (nullable)
 *
 * (transfer full)
 */
NpPolicyPort *
np_policy_port_new_number (const char *protocol,
                           gint64      port)
{
  NpPolicyPort *self = np_policy_port_new ();

  self->protocol = g_strdup (protocol);
  self->port_kind = NP_PORT_KIND_NUMBER;
  self->port_number = port;
  return self;
}

/**
 * np_policy_port_new_name:
 * @protocol: (nullable)
 *
 * (transfer full)
 */
NpPolicyPort *
np_policy_port_new_name (const char *protocol,
                         const char *name)
{
  NpPolicyPort *self = np_policy_port_new ();

  self->protocol = g_strdup (protocol);
  self->port_kind = NP_PORT_KIND_NAME;
  self->port_name = g_strdup (name);
  return self;
}

/**
 * np_policy_port_new_range:
 * @protocol: (nullable)
 *
 * (transfer full)
 */
NpPolicyPort *
np_policy_port_new_range (const char *protocol,
                          gint64      port,
                          gint64      end_port)
{
  NpPolicyPort *self = np_policy_port_new_number (protocol, port);

  self->end_port = end_port;
  self->has_end_port = TRUE;
  return self;
}

const char *
np_policy_port_get_protocol (NpPolicyPort *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PORT (self), NULL);

  return self->protocol;
}

void
np_policy_port_set_protocol (NpPolicyPort *self,
                             const char   *protocol)
{
  g_return_if_fail (NP_IS_POLICY_PORT (self));

  if (np_set_str (&self->protocol, protocol))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
      np_model_emit_changed (self);
    }
}

const char *
np_policy_port_get_effective_protocol (NpPolicyPort *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PORT (self), NULL);

  return self->protocol != NULL ? self->protocol : "TCP";
}

NpPortKind
np_policy_port_get_port_kind (NpPolicyPort *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PORT (self), NP_PORT_KIND_NONE);

  return self->port_kind;
}

gint64
np_policy_port_get_port_number (NpPolicyPort *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PORT (self), 0);

  return self->port_number;
}

void
np_policy_port_set_port_number (NpPolicyPort *self,
                                gint64        port)
{
  gboolean changed = FALSE;

  g_return_if_fail (NP_IS_POLICY_PORT (self));

  changed |= set_port_number_internal (self, port);
  changed |= set_port_kind_internal (self, NP_PORT_KIND_NUMBER);
  if (changed)
    np_model_emit_changed (self);
}

const char *
np_policy_port_get_port_name (NpPolicyPort *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PORT (self), NULL);

  return self->port_name;
}

void
np_policy_port_set_port_name (NpPolicyPort *self,
                              const char   *name)
{
  gboolean changed = FALSE;

  g_return_if_fail (NP_IS_POLICY_PORT (self));

  changed |= set_port_name_internal (self, name);
  changed |= set_port_kind_internal (self, NP_PORT_KIND_NAME);
  if (changed)
    np_model_emit_changed (self);
}

void
np_policy_port_clear_port (NpPolicyPort *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (NP_IS_POLICY_PORT (self));

  changed |= set_port_kind_internal (self, NP_PORT_KIND_NONE);
  changed |= set_end_port_internal (self, 0);
  changed |= set_has_end_port_internal (self, FALSE);
  if (changed)
    np_model_emit_changed (self);
}

gboolean
np_policy_port_get_has_end_port (NpPolicyPort *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PORT (self), FALSE);

  return self->has_end_port;
}

gint64
np_policy_port_get_end_port (NpPolicyPort *self)
{
  g_return_val_if_fail (NP_IS_POLICY_PORT (self), 0);

  return self->end_port;
}

void
np_policy_port_set_end_port (NpPolicyPort *self,
                             gint64        end_port)
{
  gboolean changed = FALSE;

  g_return_if_fail (NP_IS_POLICY_PORT (self));

  changed |= set_end_port_internal (self, end_port);
  changed |= set_has_end_port_internal (self, TRUE);
  if (changed)
    np_model_emit_changed (self);
}

void
np_policy_port_clear_end_port (NpPolicyPort *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (NP_IS_POLICY_PORT (self));

  changed |= set_end_port_internal (self, 0);
  changed |= set_has_end_port_internal (self, FALSE);
  if (changed)
    np_model_emit_changed (self);
}

/**
 * np_policy_port_to_string:
 *
 * "TCP 8080", "UDP 53", "TCP 8000-9000", "TCP http", "TCP (all ports)".
 * (transfer full)
 */
char *
np_policy_port_to_string (NpPolicyPort *self)
{
  const char *protocol;

  g_return_val_if_fail (NP_IS_POLICY_PORT (self), NULL);

  protocol = np_policy_port_get_effective_protocol (self);

  switch (self->port_kind)
    {
    case NP_PORT_KIND_NUMBER:
      if (self->has_end_port)
        return g_strdup_printf ("%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                protocol, self->port_number, self->end_port);
      return g_strdup_printf ("%s %" G_GINT64_FORMAT, protocol, self->port_number);

    case NP_PORT_KIND_NAME:
      return g_strdup_printf ("%s %s", protocol,
                              self->port_name != NULL ? self->port_name : "");

    case NP_PORT_KIND_NONE:
    default:
      /* Translators: a protocol with every port, as in "TCP (all ports)" */
      return g_strdup_printf (_("%s (all ports)"), protocol);
    }
}

/**
 * np_policy_port_copy:
 *
 * (transfer full)
 */
NpPolicyPort *
np_policy_port_copy (NpPolicyPort *self)
{
  NpPolicyPort *copy;

  g_return_val_if_fail (NP_IS_POLICY_PORT (self), NULL);

  copy = np_policy_port_new ();
  copy->protocol = g_strdup (self->protocol);
  copy->port_kind = self->port_kind;
  copy->port_number = self->port_number;
  copy->port_name = g_strdup (self->port_name);
  copy->end_port = self->end_port;
  copy->has_end_port = self->has_end_port;
  return copy;
}

/* Parsing the editor's ports field. */

typedef struct
{
  const char *text;  /* the whole input, for positions */
  const char *start;
  const char *end;
} Span;

static glong
span_position (const Span *span)
{
  return g_utf8_pointer_to_offset (span->text, span->start) + 1;
}

static char *
span_dup (const Span *span)
{
  return g_strndup (span->start, span->end - span->start);
}

static void
span_trim (Span *span)
{
  while (span->start < span->end && g_ascii_isspace (*span->start))
    span->start++;
  while (span->end > span->start && g_ascii_isspace (span->end[-1]))
    span->end--;
}

static gboolean
span_is_empty (const Span *span)
{
  return span->start >= span->end;
}

static gboolean
span_all_digits (const Span *span)
{
  if (span_is_empty (span))
    return FALSE;
  for (const char *p = span->start; p < span->end; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

#define SPAN_ARGS(span) (int) ((span)->end - (span)->start), (span)->start

static gboolean span_error (const Span  *span,
                            GError     **error,
                            const char  *format,
                            ...) G_GNUC_PRINTF (3, 4);

static gboolean
span_error (const Span  *span,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("%s (at character %ld)"), message, span_position (span));
  return FALSE;
}

static gboolean
parse_port_number (const Span  *span,
                   gint64      *port,
                   GError     **error)
{
  g_autofree char *digits = span_dup (span);
  guint64 value;

  if (!g_ascii_string_to_unsigned (digits, 10, 1, 65535, &value, NULL))
    return span_error (span, error, _("“%.*s” is not a port: use 1 to 65535"), SPAN_ARGS (span));

  *port = (gint64) value;
  return TRUE;
}

static gboolean
looks_like_port_name (const Span *span)
{
  gboolean has_letter = FALSE;

  for (const char *p = span->start; p < span->end; p++)
    {
      if (g_ascii_islower (*p))
        has_letter = TRUE;
      else if (!g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }
  return has_letter;
}

static const char * const protocols[] = { "TCP", "UDP", "SCTP", NULL };
static const char * const protocols_any[] = { "TCP", "UDP", "SCTP", "ANY", NULL };

/* One entry, trimmed and not empty; @any: ANY is a protocol too (Cilium).
 * (transfer full) */
static NpPolicyPort *
parse_port_entry (const Span  *entry,
                  gboolean     any,
                  GError     **error)
{
  g_autoptr(NpPolicyPort) port = np_policy_port_new ();
  Span port_span = *entry;
  const char *slash = memchr (entry->start, '/', entry->end - entry->start);
  const char *dash;

  if (slash != NULL)
    {
      Span proto_span = { entry->text, slash + 1, entry->end };
      g_autofree char *written = NULL;
      g_autofree char *proto = NULL;

      span_trim (&proto_span);
      if (span_is_empty (&proto_span))
        {
          Span at_slash = { entry->text, slash, slash + 1 };

          if (any)
            span_error (&at_slash, error, _("A protocol must follow “/”: use TCP, UDP, SCTP or ANY"));
          else
            span_error (&at_slash, error, _("A protocol must follow “/”: use TCP, UDP or SCTP"));
          return NULL;
        }

      written = span_dup (&proto_span);
      proto = g_ascii_strup (written, -1);
      if (!g_strv_contains (any ? protocols_any : protocols, proto))
        {
          if (any)
            span_error (&proto_span, error, _("“%.*s” is not a protocol: use TCP, UDP, SCTP or ANY"),
                        SPAN_ARGS (&proto_span));
          else
            span_error (&proto_span, error, _("“%.*s” is not a protocol: use TCP, UDP or SCTP"),
                        SPAN_ARGS (&proto_span));
          return NULL;
        }
      port->protocol = g_steal_pointer (&proto);

      port_span.end = slash;
      span_trim (&port_span);
    }

  /* "/UDP": every port of the protocol. */
  if (span_is_empty (&port_span))
    return g_steal_pointer (&port);

  if (span_all_digits (&port_span))
    {
      if (!parse_port_number (&port_span, &port->port_number, error))
        return NULL;
      port->port_kind = NP_PORT_KIND_NUMBER;
      return g_steal_pointer (&port);
    }

  dash = memchr (port_span.start, '-', port_span.end - port_span.start);
  if (dash != NULL)
    {
      Span from = { entry->text, port_span.start, dash };
      Span to = { entry->text, dash + 1, port_span.end };

      if (span_all_digits (&from) && span_all_digits (&to))
        {
          if (!parse_port_number (&from, &port->port_number, error) ||
              !parse_port_number (&to, &port->end_port, error))
            return NULL;
          if (port->port_number > port->end_port)
            {
              span_error (&port_span, error,
                          _("“%.*s” is not a port range: the first port is greater than the last"),
                          SPAN_ARGS (&port_span));
              return NULL;
            }
          port->port_kind = NP_PORT_KIND_NUMBER;
          port->has_end_port = TRUE;
          return g_steal_pointer (&port);
        }
    }

  if (!looks_like_port_name (&port_span))
    {
      span_error (&port_span, error,
                  _("“%.*s” is not a port, a port range or a port name "
                  "(names are lower-case letters, digits and “-”)"),
                  SPAN_ARGS (&port_span));
      return NULL;
    }
  if (g_utf8_pointer_to_offset (port_span.start, port_span.end) > 15)
    {
      span_error (&port_span, error,
                  _("“%.*s” is too long for a port name: use at most 15 characters"),
                  SPAN_ARGS (&port_span));
      return NULL;
    }

  port->port_kind = NP_PORT_KIND_NAME;
  port->port_name = span_dup (&port_span);
  return g_steal_pointer (&port);
}

/**
 * np_policy_port_parse_list:
 *
 * Parses "80, 443/TCP, 53/UDP, 8000-9000, http, /SCTP" the way @syntax
 * reads it. Blank text gives an empty array.
 * (transfer full) (element-type NpPolicyPort) (nullable)
 */
GPtrArray *
np_policy_port_parse_list (const char    *text,
                           NpPortSyntax   syntax,
                           GError       **error)
{
  gboolean any_protocol = syntax == NP_PORT_SYNTAX_CILIUM;
  g_autoptr(GPtrArray) ports = NULL;
  Span all;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The ports are not valid UTF-8 text."));
      return NULL;
    }

  ports = g_ptr_array_new_with_free_func (g_object_unref);

  all = (Span) { text, text, text + strlen (text) };
  span_trim (&all);
  if (span_is_empty (&all))
    return g_steal_pointer (&ports);

  p = text;
  for (;;)
    {
      const char *comma = strchr (p, ',');
      Span entry = { text, p, comma != NULL ? comma : p + strlen (p) };
      NpPolicyPort *port;

      span_trim (&entry);
      if (span_is_empty (&entry))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("An entry is missing between commas (at character %ld)"),
                       g_utf8_pointer_to_offset (text, p) + 1);
          return NULL;
        }

      port = parse_port_entry (&entry, any_protocol, error);
      if (port == NULL)
        return NULL;
      g_ptr_array_add (ports, port);

      if (comma == NULL)
        break;
      p = comma + 1;
    }

  if (syntax == NP_PORT_SYNTAX_CILIUM && ports->len > NP_CILIUM_MAX_PORTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %u is the number of ports typed, %d the maximum (40) */
                   _("%u ports are too many: Cilium takes at most %d in one rule"),
                   ports->len, NP_CILIUM_MAX_PORTS);
      return NULL;
    }
  return g_steal_pointer (&ports);
}

/**
 * np_policy_port_format_list:
 *
 * The ports as np_policy_port_parse_list() reads them back with @syntax.
 * (transfer full)
 */
char *
np_policy_port_format_list (GListModel   *ports,
                            NpPortSyntax  syntax)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (G_IS_LIST_MODEL (ports), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (ports); i++)
    {
      g_autoptr(NpPolicyPort) port = g_list_model_get_item (ports, i);
      const char *protocol = port->protocol;

      /* An empty protocol is none written: "80/" would not read back. */
      if (protocol != NULL && *protocol == '\0')
        protocol = NULL;
      if (i > 0)
        g_string_append (out, ", ");
      switch (port->port_kind)
        {
        case NP_PORT_KIND_NUMBER:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, port->port_number);
          if (port->has_end_port)
            g_string_append_printf (out, "-%" G_GINT64_FORMAT, port->end_port);
          break;
        case NP_PORT_KIND_NAME:
          g_string_append (out, port->port_name != NULL ? port->port_name : "");
          break;
        case NP_PORT_KIND_NONE:
        default:
          /* Every port of a protocol is "/PROTO": one is needed to read it
           * back, the one that no protocol means (semantics §1, §2). */
          if (protocol == NULL)
            protocol = syntax == NP_PORT_SYNTAX_CILIUM ? "ANY" : "TCP";
          break;
        }
      if (protocol != NULL)
        g_string_append_printf (out, "/%s", protocol);
    }
  return g_string_free (out, FALSE);
}

/* Cilium ports ------------------------------------------------------------ */

GPtrArray *
np_policy_port_parse_cilium (const char  *text,
                             GError     **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) ports = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = np_policy_port_parse_list (text, NP_PORT_SYNTAX_CILIUM, error);
  if (parsed == NULL)
    return NULL;

  ports = g_ptr_array_new_with_free_func ((GDestroyNotify) np_cilium_port_free);
  for (guint i = 0; i < parsed->len; i++)
    {
      NpPolicyPort *from = g_ptr_array_index (parsed, i);
      NpCiliumPort *port = g_new0 (NpCiliumPort, 1);

      switch (from->port_kind)
        {
        case NP_PORT_KIND_NUMBER:
          port->port = g_strdup_printf ("%" G_GINT64_FORMAT, from->port_number);
          if (from->has_end_port)
            port->end_port = from->end_port;
          break;
        case NP_PORT_KIND_NAME:
          port->port = g_strdup (from->port_name);
          break;
        case NP_PORT_KIND_NONE:
        default:
          /* port 0 is every port (semantics §2) */
          port->port = g_strdup ("0");
          break;
        }
      port->protocol = g_strdup (from->protocol);
      g_ptr_array_add (ports, port);
    }
  return g_steal_pointer (&ports);
}

/* @port as np_policy_port_format_list() takes it: Cilium writes the port
 * as a string, "0" (or nothing) for every port. A number not written the
 * usual way ("080") stays as written, as a name would. (transfer full) */
static NpPolicyPort *
port_from_cilium (const NpCiliumPort *port)
{
  NpPolicyPort *out = np_policy_port_new ();
  guint64 number;

  out->protocol = g_strdup (port->protocol);
  if (port->port == NULL || *port->port == '\0' || g_str_equal (port->port, "0"))
    return out;
  if (g_ascii_string_to_unsigned (port->port, 10, 1, G_MAXINT64, &number, NULL) &&
      port->port[0] != '0' && port->port[0] != '+')
    {
      out->port_kind = NP_PORT_KIND_NUMBER;
      out->port_number = (gint64) number;
      out->has_end_port = port->end_port != 0;
      out->end_port = port->end_port;
      return out;
    }
  out->port_kind = NP_PORT_KIND_NAME;
  out->port_name = g_strdup (port->port);
  /* a range of a port written oddly still reads back as one */
  if (port->end_port != 0)
    {
      g_autofree char *name = g_steal_pointer (&out->port_name);

      out->port_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, name, port->end_port);
    }
  return out;
}

char *
np_policy_port_format_cilium (GPtrArray *ports)
{
  g_autoptr(GListStore) store = g_list_store_new (NP_TYPE_POLICY_PORT);

  g_return_val_if_fail (ports != NULL, NULL);

  for (guint i = 0; i < ports->len; i++)
    {
      g_autoptr(NpPolicyPort) port = port_from_cilium (g_ptr_array_index (ports, i));

      g_list_store_append (store, port);
    }
  return np_policy_port_format_list (G_LIST_MODEL (store), NP_PORT_SYNTAX_CILIUM);
}
