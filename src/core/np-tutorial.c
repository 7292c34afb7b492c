/* np-tutorial.c: the guided tutorial and the short lessons, from shipped content
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "np-manifest.h"
#include "np-cilium-policy.h"
#include "np-policy.h"
#include "np-tutorial-private.h"
#include "np-tutorial-resources.h"
#include "np-tutorial.h"

#define RESOURCE_DIR "/io/github/netpoleditor/NetpolEditor/tutorials/"
#define CONTENT_FILE "netpol.tutorials.xml"

struct _NpTutorial
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *summary;
  char      *example;    /* resource file name, or NULL */
  GPtrArray *steps;      /* NpTutorialStep */
  GObject   *policy;   /* an NpPolicy or an NpCiliumPolicy */
  gulong     changed_handler;
  guint      n_done;
};

static void np_tutorial_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NpTutorial, np_tutorial, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, np_tutorial_list_model_init))

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_POLICY,
  PROP_N_DONE,
  PROP_HAS_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- reading the content ---- */

typedef struct {
  GPtrArray *tutorials;   /* NpTutorial */
  NpTutorial *tutorial;   /* being read */
  GString   *text;        /* of the element being read, or NULL */
  char      *title;       /* of the step being read */
  GPtrArray *paragraphs;  /* of the step being read */
  char      *step_id;
  char      *action;
  gboolean   in_step;
} Reader;

/* The same white-space rule as xgettext's for ITS (runs collapse into one
 * space, none at the ends), so the msgid looked up is the one extracted. */
static char *
collapse_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
translate (const char *text)
{
  g_autofree char *msgid = collapse_space (text);

  return g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
}

static void
replace_str (char **field, char **value)
{
  g_free (*field);
  *field = g_steal_pointer (value);
}

static void
reader_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              data,
              GError              **error)
{
  Reader *reader = data;
  const char *id = NULL, *action = NULL, *example = NULL;

  if (g_str_equal (element, "tutorials"))
    return;
  if (g_str_equal (element, "title") || g_str_equal (element, "summary") ||
      g_str_equal (element, "p"))
    {
      if (reader->tutorial == NULL || reader->text != NULL ||
          (g_str_equal (element, "p") && !reader->in_step))
        goto misplaced;
      reader->text = g_string_new (NULL);
      return;
    }
  if (g_str_equal (element, "tutorial"))
    {
      if (reader->tutorial != NULL ||
          !g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "example", &example,
                                        G_MARKUP_COLLECT_INVALID))
        goto misplaced;
      reader->tutorial = g_object_new (NP_TYPE_TUTORIAL, NULL);
      reader->tutorial->id = g_strdup (id);
      reader->tutorial->example = g_strdup (example);
      return;
    }
  if (g_str_equal (element, "step"))
    {
      if (reader->tutorial == NULL || reader->in_step ||
          !g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "action", &action,
                                        G_MARKUP_COLLECT_INVALID))
        goto misplaced;
      reader->in_step = TRUE;
      reader->step_id = g_strdup (id);
      reader->action = g_strdup (action);
      reader->paragraphs = g_ptr_array_new_with_free_func (g_free);
      return;
    }

misplaced:
  if (error != NULL && *error == NULL)
    {
      int line, column;

      g_markup_parse_context_get_position (context, &line, &column);
      g_set_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_INVALID_DATA,
                   /* Translators: file:line:column: an XML element of the
                    * tutorials out of place, e.g. "unexpected <step>" */
                   _("%s:%d:%d: unexpected <%s>"), CONTENT_FILE, line, column, element);
    }
}

static void
reader_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              data,
            GError              **error)
{
  Reader *reader = data;

  if (reader->text != NULL)
    {
      g_autofree char *text = translate (reader->text->str);

      g_string_free (reader->text, TRUE);
      reader->text = NULL;
      if (g_str_equal (element, "p"))
        g_ptr_array_add (reader->paragraphs, g_steal_pointer (&text));
      else if (reader->in_step)
        replace_str (&reader->title, &text);
      else if (g_str_equal (element, "title"))
        replace_str (&reader->tutorial->title, &text);
      else
        replace_str (&reader->tutorial->summary, &text);
      return;
    }

  if (g_str_equal (element, "step"))
    {
      g_autofree char *body = NULL;
      NpTutorialStep *step;

      g_ptr_array_add (reader->paragraphs, NULL);
      body = g_strjoinv ("\n\n", (char **) reader->paragraphs->pdata);
      step = np_tutorial_step_new (reader->step_id, reader->title != NULL ? reader->title : "",
                                   body, reader->action, error);
      if (step != NULL)
        g_ptr_array_add (reader->tutorial->steps, step);
      reader->in_step = FALSE;
      g_clear_pointer (&reader->step_id, g_free);
      g_clear_pointer (&reader->action, g_free);
      g_clear_pointer (&reader->title, g_free);
      g_clear_pointer (&reader->paragraphs, g_ptr_array_unref);
    }
  else if (g_str_equal (element, "tutorial"))
    {
      g_ptr_array_add (reader->tutorials, reader->tutorial);
      reader->tutorial = NULL;
    }
}

static void
reader_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              data,
             GError              **error)
{
  Reader *reader = data;

  if (reader->text != NULL)
    g_string_append_len (reader->text, text, length);
}

static const GMarkupParser reader_parser = {
  reader_start, reader_end, reader_text, NULL, NULL,
};

static GBytes *
lookup (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);

  /* Looked up in our own resource rather than the global ones: the core is
   * a static library, whose automatic registration may be dropped. */
  return g_resource_lookup_data (np_tutorial_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* Every tutorial in the content, main first. (element-type NpTutorial) */
static GPtrArray *
read_content (GError **error)
{
  g_autoptr(GBytes) bytes = lookup (CONTENT_FILE, error);
  g_autoptr(GMarkupParseContext) context = NULL;
  Reader reader = { 0 };
  gboolean ok;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;

  reader.tutorials = g_ptr_array_new_with_free_func (g_object_unref);
  context = g_markup_parse_context_new (&reader_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &reader, NULL);
  data = g_bytes_get_data (bytes, &size);
  ok = g_markup_parse_context_parse (context, data, size, error) &&
       g_markup_parse_context_end_parse (context, error);

  if (reader.text != NULL)
    g_string_free (reader.text, TRUE);
  g_clear_object (&reader.tutorial);
  g_free (reader.title);
  g_free (reader.step_id);
  g_free (reader.action);
  g_clear_pointer (&reader.paragraphs, g_ptr_array_unref);
  if (!ok)
    {
      g_ptr_array_unref (reader.tutorials);
      return NULL;
    }
  return reader.tutorials;
}

/* ---- the object ---- */

static GType
np_tutorial_get_item_type (GListModel *model)
{
  return NP_TYPE_TUTORIAL_STEP;
}

static guint
np_tutorial_get_n_items (GListModel *model)
{
  return NP_TUTORIAL (model)->steps->len;
}

static gpointer
np_tutorial_get_item (GListModel *model,
                      guint       position)
{
  NpTutorial *self = NP_TUTORIAL (model);

  if (position >= self->steps->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->steps, position));
}

static void
np_tutorial_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = np_tutorial_get_item_type;
  iface->get_n_items = np_tutorial_get_n_items;
  iface->get_item = np_tutorial_get_item;
}

static void
count_done (NpTutorial *self)
{
  guint n = 0;

  for (guint i = 0; i < self->steps->len; i++)
    n += np_tutorial_step_get_done (g_ptr_array_index (self->steps, i)) ? 1 : 0;
  if (n == self->n_done)
    return;
  self->n_done = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
}

static void
update_steps (NpTutorial *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    np_tutorial_step_update_done (g_ptr_array_index (self->steps, i), self->policy);
  count_done (self);
}

static void
policy_changed (GObject    *policy,
                NpTutorial *self)
{
  update_steps (self);
}

static void
step_notify_done (NpTutorialStep *step,
                  GParamSpec     *pspec,
                  NpTutorial     *self)
{
  count_done (self);
}

static void
np_tutorial_dispose (GObject *object)
{
  NpTutorial *self = NP_TUTORIAL (object);

  if (self->policy != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->policy);
      g_clear_object (&self->policy);
    }
  if (self->steps != NULL)
    for (guint i = 0; i < self->steps->len; i++)
      g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->steps, i),
                                            step_notify_done, self);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

  G_OBJECT_CLASS (np_tutorial_parent_class)->dispose (object);
}

static void
np_tutorial_finalize (GObject *object)
{
  NpTutorial *self = NP_TUTORIAL (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->example);

  G_OBJECT_CLASS (np_tutorial_parent_class)->finalize (object);
}

static void
np_tutorial_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NpTutorial *self = NP_TUTORIAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_HAS_EXAMPLE:
      g_value_set_boolean (value, self->example != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_tutorial_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NpTutorial *self = NP_TUTORIAL (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      np_tutorial_set_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
np_tutorial_class_init (NpTutorialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_tutorial_dispose;
  object_class->finalize = np_tutorial_finalize;
  object_class->get_property = np_tutorial_get_property;
  object_class->set_property = np_tutorial_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_EXAMPLE] =
    g_param_spec_boolean ("has-example", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
np_tutorial_init (NpTutorial *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Hooks the steps up once the tutorial is complete. */
static NpTutorial *
finish (NpTutorial *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    g_signal_connect (g_ptr_array_index (self->steps, i), "notify::done",
                      G_CALLBACK (step_notify_done), self);
  if (self->title == NULL)
    self->title = g_strdup (self->id);
  if (self->summary == NULL)
    self->summary = g_strdup ("");
  return self;
}

NpTutorial *
np_tutorial_new (const char  *id,
                 GError     **error)
{
  g_autoptr(GPtrArray) tutorials = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tutorials = read_content (error);
  if (tutorials == NULL)
    return NULL;
  for (guint i = 0; i < tutorials->len; i++)
    {
      NpTutorial *tutorial = g_ptr_array_index (tutorials, i);

      if (g_str_equal (tutorial->id, id))
        return finish (g_object_ref (tutorial));
    }
  g_set_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_NOT_FOUND,
               _("There is no tutorial “%s”"), id);
  return NULL;
}

GListModel *
np_tutorial_list_lessons (void)
{
  GListStore *store = g_list_store_new (NP_TYPE_TUTORIAL);
  g_autoptr(GPtrArray) tutorials = NULL;
  g_autoptr(GError) error = NULL;

  tutorials = read_content (&error);
  /* The content is compiled in: failing to read it is a build defect. */
  if (tutorials == NULL)
    {
      g_critical ("Cannot read the tutorials: %s", error->message);
      return G_LIST_MODEL (store);
    }
  for (guint i = 0; i < tutorials->len; i++)
    {
      NpTutorial *tutorial = g_ptr_array_index (tutorials, i);

      if (!g_str_equal (tutorial->id, NP_TUTORIAL_MAIN))
        g_list_store_append (store, finish (tutorial));
    }
  return G_LIST_MODEL (store);
}

const char *
np_tutorial_get_id (NpTutorial *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), NULL);

  return self->id;
}

const char *
np_tutorial_get_title (NpTutorial *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), NULL);

  return self->title;
}

const char *
np_tutorial_get_summary (NpTutorial *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), NULL);

  return self->summary;
}

gboolean
np_tutorial_get_has_example (NpTutorial *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), FALSE);

  return self->example != NULL;
}

gpointer
np_tutorial_get_policy (NpTutorial *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), NULL);

  return self->policy;
}

void
np_tutorial_set_policy (NpTutorial *self,
                        gpointer    policy)
{
  g_return_if_fail (NP_IS_TUTORIAL (self));
  g_return_if_fail (policy == NULL || NP_IS_POLICY (policy) || NP_IS_CILIUM_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_clear_signal_handler (&self->changed_handler, self->policy);
  g_set_object (&self->policy, (GObject *) policy);
  if (policy != NULL)
    self->changed_handler = g_signal_connect (policy, "changed",
                                              G_CALLBACK (policy_changed), self);
  update_steps (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

guint
np_tutorial_get_n_done (NpTutorial *self)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), 0);

  return self->n_done;
}

NpTutorialStep *
np_tutorial_find_step (NpTutorial *self,
                       const char *step_id)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);

  for (guint i = 0; i < self->steps->len; i++)
    {
      NpTutorialStep *step = g_ptr_array_index (self->steps, i);

      if (g_str_equal (np_tutorial_step_get_id (step), step_id))
        return step;
    }
  return NULL;
}

GBytes *
np_tutorial_get_example (NpTutorial  *self,
                         GError     **error)
{
  g_return_val_if_fail (NP_IS_TUTORIAL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->example == NULL)
    {
      g_set_error (error, NP_TUTORIAL_ERROR, NP_TUTORIAL_ERROR_NOT_FOUND,
                   _("The tutorial “%s” has no example policy"), self->title);
      return NULL;
    }
  return lookup (self->example, error);
}

NpManifest *
np_tutorial_load_example (NpTutorial  *self,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = np_tutorial_get_example (self, error);
  g_autoptr(NpManifest) manifest = NULL;

  if (bytes == NULL)
    return NULL;
  manifest = np_manifest_new ();
  if (!np_manifest_load_bytes (manifest, bytes, self->example, error))
    return NULL;
  return g_steal_pointer (&manifest);
}
