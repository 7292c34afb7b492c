/* np-label-selector.c: matchLabels + matchExpressions, and their text form
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "np-label-selector.h"
#include "np-model-private.h"
#include "np-selector-requirement.h"

struct _NpLabelSelector
{
  GObject     parent_instance;

  GListStore *requirements;
};

G_DEFINE_FINAL_TYPE (NpLabelSelector, np_label_selector, G_TYPE_OBJECT)

static void
np_label_selector_dispose (GObject *object)
{
  NpLabelSelector *self = (NpLabelSelector *) object;

  g_clear_object (&self->requirements);

  G_OBJECT_CLASS (np_label_selector_parent_class)->dispose (object);
}

static void
np_label_selector_class_init (NpLabelSelectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = np_label_selector_dispose;

  np_model_new_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
np_label_selector_init (NpLabelSelector *self)
{
  self->requirements = g_list_store_new (NP_TYPE_SELECTOR_REQUIREMENT);
  np_model_watch_list (self, self->requirements);
}

/**
 * np_label_selector_new:
 *
 * An empty selector, which selects everything. (transfer full)
 */
NpLabelSelector *
np_label_selector_new (void)
{
  return g_object_new (NP_TYPE_LABEL_SELECTOR, NULL);
}

GListModel *
np_label_selector_get_requirements (NpLabelSelector *self)
{
  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (self), NULL);

  return G_LIST_MODEL (self->requirements);
}

/* (transfer none) the first matchLabels entry for @key, or NULL; with its
 * position in @position and the position after the last matchLabels entry
 * in @label_end. */
static NpSelectorRequirement *
find_label (NpLabelSelector *self,
            const char      *key,
            guint           *label_end)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));
  NpSelectorRequirement *found = NULL;

  *label_end = 0;
  for (guint i = 0; i < n; i++)
    {
      NpSelectorRequirement *req = g_list_model_get_item (G_LIST_MODEL (self->requirements), i);

      /* The store holds a reference, so borrowing is safe. */
      g_object_unref (req);
      if (!np_selector_requirement_is_label (req))
        continue;
      *label_end = i + 1;
      if (found == NULL && g_strcmp0 (np_selector_requirement_get_key (req), key) == 0)
        found = req;
    }

  return found;
}

void
np_label_selector_set_label (NpLabelSelector *self,
                             const char      *key,
                             const char      *value)
{
  g_autoptr(NpSelectorRequirement) req = NULL;
  NpSelectorRequirement *existing;
  guint label_end;

  g_return_if_fail (NP_IS_LABEL_SELECTOR (self));
  g_return_if_fail (key != NULL);

  existing = find_label (self, key, &label_end);
  if (existing != NULL)
    {
      np_selector_requirement_set_value (existing, value);
      return;
    }

  req = np_selector_requirement_new_label (key, value);
  g_list_store_insert (self->requirements, label_end, req);
}

const char *
np_label_selector_get_label (NpLabelSelector *self,
                             const char      *key)
{
  NpSelectorRequirement *existing;
  guint label_end;

  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  existing = find_label (self, key, &label_end);
  return existing != NULL ? np_selector_requirement_get_value (existing) : NULL;
}

void
np_label_selector_add_expression (NpLabelSelector    *self,
                                  const char         *key,
                                  const char         *operator_,
                                  const char * const *values)
{
  g_autoptr(NpSelectorRequirement) req = NULL;

  g_return_if_fail (NP_IS_LABEL_SELECTOR (self));
  g_return_if_fail (operator_ != NULL);

  req = np_selector_requirement_new_expression (key, operator_, values);
  g_list_store_append (self->requirements, req);
}

void
np_label_selector_begin_change (NpLabelSelector *self)
{
  g_return_if_fail (NP_IS_LABEL_SELECTOR (self));
  np_model_begin_batch (self);
}

void
np_label_selector_end_change (NpLabelSelector *self)
{
  g_return_if_fail (NP_IS_LABEL_SELECTOR (self));
  np_model_end_batch (self);
}

gboolean
np_label_selector_is_empty (NpLabelSelector *self)
{
  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (self), TRUE);

  return g_list_model_get_n_items (G_LIST_MODEL (self->requirements)) == 0;
}

gboolean
np_label_selector_matches (NpLabelSelector *self,
                           GHashTable      *labels)
{
  guint n;

  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (self), FALSE);
  g_return_val_if_fail (labels != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpSelectorRequirement) req = g_list_model_get_item (G_LIST_MODEL (self->requirements), i);

      if (!np_selector_requirement_matches (req, labels))
        return FALSE;
    }

  return TRUE;
}

/**
 * np_label_selector_to_string:
 *
 * "app=web, tier in (api, web), !legacy"; "" for the empty selector.
 * (transfer full)
 */
char *
np_label_selector_to_string (NpLabelSelector *self)
{
  GString *out;
  guint n;

  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (self), NULL);

  out = g_string_new (NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->requirements));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NpSelectorRequirement) req = g_list_model_get_item (G_LIST_MODEL (self->requirements), i);
      g_autofree char *term = np_selector_requirement_to_string (req);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, term);
    }

  return g_string_free (out, FALSE);
}

static NpSelectorRequirement *
copy_requirement (NpSelectorRequirement *req)
{
  if (np_selector_requirement_is_label (req))
    return np_selector_requirement_new_label (np_selector_requirement_get_key (req),
                                              np_selector_requirement_get_value (req));

  return np_selector_requirement_new_expression (np_selector_requirement_get_key (req),
                                                 np_selector_requirement_get_operator (req),
                                                 np_selector_requirement_get_values (req));
}

/**
 * np_label_selector_copy:
 *
 * A deep copy: new terms with the same values. (transfer full)
 */
NpLabelSelector *
np_label_selector_copy (NpLabelSelector *self)
{
  NpLabelSelector *copy;

  g_return_val_if_fail (NP_IS_LABEL_SELECTOR (self), NULL);

  copy = np_label_selector_new ();
  np_model_copy_list (copy->requirements, G_LIST_MODEL (self->requirements),
                      (NpModelCopyFunc) copy_requirement);
  return copy;
}

/* Parsing. The grammar is that of apimachinery's labels.Parse(): terms
 * separated by commas, each `k=v`, `k==v`, `k!=v`, `k in (a, b)`,
 * `k notin (a, b)`, `k` or `!k`. */

typedef struct
{
  const char *text;   /* the whole input, for positions */
  const char *start;  /* the term, trimmed */
  const char *end;
  const char *p;
} TermParser;

static gboolean
is_ident_char (char c)
{
  return c != '\0' && !g_ascii_isspace (c) && strchr ("!=(),", c) == NULL;
}

static void
skip_spaces (TermParser *tp)
{
  while (tp->p < tp->end && g_ascii_isspace (*tp->p))
    tp->p++;
}

static char *
read_ident (TermParser *tp)
{
  const char *begin = tp->p;

  while (tp->p < tp->end && is_ident_char (*tp->p))
    tp->p++;
  return g_strndup (begin, tp->p - begin);
}

static gboolean
at_end (TermParser *tp)
{
  return tp->p >= tp->end;
}

static glong
char_position (const char *text,
               const char *p)
{
  return g_utf8_pointer_to_offset (text, p) + 1;
}

static gboolean
term_error (TermParser  *tp,
            GError     **error,
            const char  *why)
{
  g_autofree char *term = g_strndup (tp->start, tp->end - tp->start);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a valid selector term: %s (at character %ld)"),
               term, why, char_position (tp->text, tp->start));
  return FALSE;
}

/* Sets *@req to the parsed term (transfer full). */
static gboolean
parse_term (TermParser             *tp,
            NpSelectorRequirement **req,
            GError                **error)
{
  g_autofree char *key = NULL;
  g_autofree char *word = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GStrvBuilder) values = NULL;
  g_auto(GStrv) strv = NULL;
  const char *op;

  tp->p = tp->start;

  if (*tp->p == '!')
    {
      tp->p++;
      skip_spaces (tp);
      key = read_ident (tp);
      if (key[0] == '\0')
        return term_error (tp, error, _("a label key must follow “!”"));
      skip_spaces (tp);
      if (!at_end (tp))
        return term_error (tp, error, _("nothing may follow “!key”"));
      *req = np_selector_requirement_new_expression (key, "DoesNotExist", NULL);
      return TRUE;
    }

  key = read_ident (tp);
  if (key[0] == '\0')
    return term_error (tp, error, _("it must start with a label key"));
  skip_spaces (tp);

  if (at_end (tp))
    {
      *req = np_selector_requirement_new_expression (key, "Exists", NULL);
      return TRUE;
    }

  if (*tp->p == '=' || (*tp->p == '!' && tp->p + 1 < tp->end && tp->p[1] == '='))
    {
      gboolean not_equal = *tp->p == '!';

      tp->p++;
      if (tp->p < tp->end && *tp->p == '=')
        tp->p++;
      skip_spaces (tp);
      value = read_ident (tp);
      skip_spaces (tp);
      if (!at_end (tp))
        return term_error (tp, error, _("expected a single value after the operator"));

      if (not_equal)
        {
          const char *one[] = { value, NULL };

          *req = np_selector_requirement_new_expression (key, "NotIn", one);
        }
      else
        *req = np_selector_requirement_new_label (key, value);
      return TRUE;
    }

  word = read_ident (tp);
  if (g_str_equal (word, "in"))
    op = "In";
  else if (g_str_equal (word, "notin"))
    op = "NotIn";
  else
    return term_error (tp, error, _("expected “=”, “==”, “!=”, “in” or “notin” after the key"));

  skip_spaces (tp);
  if (at_end (tp) || *tp->p != '(')
    return term_error (tp, error, _("expected “(” after the operator"));
  tp->p++;

  values = g_strv_builder_new ();
  for (;;)
    {
      g_autofree char *item = NULL;

      skip_spaces (tp);
      item = read_ident (tp);
      skip_spaces (tp);
      if (item[0] == '\0')
        return term_error (tp, error, _("the set needs values separated by commas"));
      g_strv_builder_add (values, item);

      if (at_end (tp))
        return term_error (tp, error, _("missing “)”"));
      if (*tp->p == ')')
        {
          tp->p++;
          break;
        }
      if (*tp->p != ',')
        return term_error (tp, error, _("expected “,” or “)” in the set"));
      tp->p++;
    }

  skip_spaces (tp);
  if (!at_end (tp))
    return term_error (tp, error, _("nothing may follow “)”"));

  strv = g_strv_builder_end (values);
  *req = np_selector_requirement_new_expression (key, op, (const char * const *) strv);
  return TRUE;
}

/* The end of the term starting at @p: the next comma outside parentheses. */
static const char *
find_term_end (const char *p)
{
  int depth = 0;

  for (; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (*p == ',' && depth == 0)
        break;
    }
  return p;
}

static gboolean
has_label_key (GPtrArray  *labels,
               const char *key)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (np_selector_requirement_get_key (g_ptr_array_index (labels, i)), key) == 0)
      return TRUE;
  return FALSE;
}

/**
 * np_label_selector_new_from_string:
 *
 * Parses Kubernetes selector syntax. Blank text gives the empty selector.
 * On error, the message names the bad term and its 1-based character
 * position. (transfer full) (nullable)
 */
NpLabelSelector *
np_label_selector_new_from_string (const char  *text,
                                   GError     **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) expressions = NULL;
  g_autoptr(NpLabelSelector) self = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The selector is not valid UTF-8 text."));
      return NULL;
    }

  labels = g_ptr_array_new_with_free_func (g_object_unref);
  expressions = g_ptr_array_new_with_free_func (g_object_unref);

  p = text;
  while (g_ascii_isspace (*p))
    p++;

  while (*p != '\0')
    {
      TermParser tp = { text, NULL, NULL, NULL };
      NpSelectorRequirement *req = NULL;
      const char *term_end = find_term_end (p);

      tp.start = p;
      tp.end = term_end;
      while (tp.start < tp.end && g_ascii_isspace (*tp.start))
        tp.start++;
      while (tp.end > tp.start && g_ascii_isspace (tp.end[-1]))
        tp.end--;

      if (tp.start == tp.end)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Empty selector term (at character %ld)"),
                       char_position (text, p));
          return NULL;
        }

      if (!parse_term (&tp, &req, error))
        return NULL;

      if (!np_selector_requirement_is_label (req))
        g_ptr_array_add (expressions, req);
      else if (has_label_key (labels, np_selector_requirement_get_key (req)) &&
               *np_selector_requirement_get_value (req) == '\0')
        {
          /* "in" with the empty value has no written form to read back. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The label key “%s” is given twice (at character %ld): give it once."),
                       np_selector_requirement_get_key (req), char_position (text, tp.start));
          g_object_unref (req);
          return NULL;
        }
      else if (has_label_key (labels, np_selector_requirement_get_key (req)))
        {
          /* matchLabels cannot hold a key twice: keep the term as an
           * equivalent expression rather than lose it. */
          const char *one[] = { np_selector_requirement_get_value (req), NULL };

          g_ptr_array_add (expressions,
                           np_selector_requirement_new_expression (np_selector_requirement_get_key (req),
                                                                   "In", one));
          g_object_unref (req);
        }
      else
        g_ptr_array_add (labels, req);

      if (*term_end == '\0')
        break;

      /* After a comma, a term must follow: "a=b," is an error. */
      p = term_end + 1;
      if (*p == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Empty selector term after the last comma (at character %ld)"),
                       char_position (text, p));
          return NULL;
        }
    }

  self = np_label_selector_new ();
  g_ptr_array_extend_and_steal (labels, g_steal_pointer (&expressions));
  g_list_store_splice (self->requirements, 0, 0, labels->pdata, labels->len);

  return g_steal_pointer (&self);
}
