/* np-wrap-label.c: a wrapping line of text that shapes it once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The peer rows of the canvas are short texts that wrap only in a narrow
 * window. A wrapping GtkLabel lays its text out again for every width it
 * is asked about: the least width (a layout ten characters wide), the
 * natural one (no width) and the height at the width it gets, each a new
 * layout shaped from scratch, which for a policy of a few dozen peers was
 * most of the frame that shows it. This label shapes the text once, with
 * no width, and reuses that layout for every width it fits in; only a
 * text wider than the width it gets is laid out a second time, wrapped
 * (and, with a limit of lines, ellipsized past it). Its least width is
 * ten characters of the font's metrics, as GtkLabel's width-chars is,
 * without shaping anything.
 */
#include "config.h"

#include "np-wrap-label.h"

#define MIN_WIDTH_CHARS 10

struct _NpWrapLabel
{
  GtkWidget    parent_instance;

  char        *text;
  int          lines;          /* at most this many when wrapped; 0: no limit */
  int          char_width;     /* approximate, of the font, pango units; -1: not measured */

  /* Owned: the text with no width, and, when it had to wrap, at a width */
  PangoLayout *layout;
  PangoLayout *wrapped;
  guint        serial;         /* of the pango context they were made for */
  int          natural_width;  /* of layout, pango units; -1: not measured */
  int          natural_height;
  int          n_lines;        /* of layout: more than one only with newlines */
  int          wrapped_width;  /* of wrapped, pango units */
  int          wrapped_height;
};

G_DEFINE_FINAL_TYPE (NpWrapLabel, np_wrap_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_LINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the text's layout was: made again for a new text or a new font. */
static void
np_wrap_label_forget (NpWrapLabel *self)
{
  g_clear_object (&self->layout);
  g_clear_object (&self->wrapped);
  self->natural_width = -1;
}

/* The layout with no width, shaped; made again when the font changed
 * (a style class, the text scale: the widget's context changes with it). */
static PangoLayout *
np_wrap_label_ensure_layout (NpWrapLabel *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  /* A new font: the layouts go, and the character width, which is the
   * font's and so kept across texts. */
  if (self->serial != pango_context_get_serial (context))
    {
      np_wrap_label_forget (self);
      self->char_width = -1;
      self->serial = pango_context_get_serial (context);
    }
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
    }
  if (self->natural_width < 0)
    {
      pango_layout_get_size (self->layout, &self->natural_width, &self->natural_height);
      self->n_lines = pango_layout_get_line_count (self->layout);
    }
  return self->layout;
}

/* Whether the text fits @width (pango units) without wrapping or cutting. */
static gboolean
np_wrap_label_fits (NpWrapLabel *self,
                    int          width)
{
  np_wrap_label_ensure_layout (self);
  return (width < 0 || self->natural_width <= width) && (self->lines <= 0 || self->n_lines <= self->lines);
}

static PangoLayout *
np_wrap_label_get_wrapped (NpWrapLabel *self,
                           int          width)
{
  np_wrap_label_ensure_layout (self);
  if (self->wrapped == NULL)
    {
      self->wrapped = pango_layout_copy (self->layout);
      if (self->lines > 0)
        {
          pango_layout_set_ellipsize (self->wrapped, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (self->wrapped, -self->lines);
        }
      self->wrapped_width = -1;
    }
  if (self->wrapped_width != width)
    {
      pango_layout_set_width (self->wrapped, width);
      pango_layout_get_size (self->wrapped, NULL, &self->wrapped_height);
      self->wrapped_width = width;
    }
  return self->wrapped;
}

static int
np_wrap_label_get_char_width (NpWrapLabel *self)
{
  if (self->char_width < 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                              pango_font_metrics_get_approximate_digit_width (metrics));
      pango_font_metrics_unref (metrics);
    }
  return self->char_width;
}

static void
np_wrap_label_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  NpWrapLabel *self = NP_WRAP_LABEL (widget);
  int size;

  np_wrap_label_ensure_layout (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int least = MIN_WIDTH_CHARS * np_wrap_label_get_char_width (self);

      *minimum = PANGO_PIXELS_CEIL (MIN (least, self->natural_width));
      *natural = PANGO_PIXELS_CEIL (self->natural_width);
      return;
    }

  if (for_size >= 0)
    for_size *= PANGO_SCALE;
  if (np_wrap_label_fits (self, for_size))
    size = self->natural_height;
  else
    {
      np_wrap_label_get_wrapped (self, for_size < 0 ? self->natural_width : for_size);
      size = self->wrapped_height;
    }
  *minimum = *natural = PANGO_PIXELS_CEIL (size);
}

static GtkSizeRequestMode
np_wrap_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
np_wrap_label_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  NpWrapLabel *self = NP_WRAP_LABEL (widget);
  int width = gtk_widget_get_width (widget) * PANGO_SCALE;
  PangoLayout *layout;
  GdkRGBA color;
  int x = 0;

  if (self->text == NULL || *self->text == '\0')
    return;
  if (np_wrap_label_fits (self, width))
    {
      layout = self->layout;
      /* Text starts at the start: the right edge in a right-to-left window. */
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        x = PANGO_PIXELS (width - self->natural_width);
    }
  else
    {
      layout = np_wrap_label_get_wrapped (self, width);
      pango_layout_set_alignment (layout, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ?
                                  PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 0));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
np_wrap_label_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NpWrapLabel *self = NP_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, np_wrap_label_get_text (self));
      break;
    case PROP_LINES:
      g_value_set_int (value, self->lines);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_wrap_label_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NpWrapLabel *self = NP_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      np_wrap_label_set_text (self, g_value_get_string (value));
      break;
    case PROP_LINES:
      np_wrap_label_set_lines (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_wrap_label_finalize (GObject *object)
{
  NpWrapLabel *self = NP_WRAP_LABEL (object);

  np_wrap_label_forget (self);
  g_free (self->text);

  G_OBJECT_CLASS (np_wrap_label_parent_class)->finalize (object);
}

static void
np_wrap_label_class_init (NpWrapLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = np_wrap_label_get_property;
  object_class->set_property = np_wrap_label_set_property;
  object_class->finalize = np_wrap_label_finalize;
  widget_class->measure = np_wrap_label_measure;
  widget_class->get_request_mode = np_wrap_label_get_request_mode;
  widget_class->snapshot = np_wrap_label_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINES] =
    g_param_spec_int ("lines", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
np_wrap_label_init (NpWrapLabel *self)
{
  self->natural_width = -1;
  self->char_width = -1;
  self->text = g_strdup ("");
}

GtkWidget *
np_wrap_label_new (const char *css_class)
{
  GtkWidget *label = g_object_new (NP_TYPE_WRAP_LABEL, NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

const char *
np_wrap_label_get_text (NpWrapLabel *self)
{
  g_return_val_if_fail (NP_IS_WRAP_LABEL (self), NULL);

  return self->text;
}

/* Only a changed text is laid out again. */
void
np_wrap_label_set_text (NpWrapLabel *self,
                        const char  *text)
{
  g_return_if_fail (NP_IS_WRAP_LABEL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  np_wrap_label_forget (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
np_wrap_label_set_lines (NpWrapLabel *self,
                         int          lines)
{
  g_return_if_fail (NP_IS_WRAP_LABEL (self));

  lines = MAX (lines, 0);
  if (self->lines == lines)
    return;
  self->lines = lines;
  g_clear_object (&self->wrapped);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINES]);
}
