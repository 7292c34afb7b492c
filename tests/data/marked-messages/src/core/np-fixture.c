/* np-fixture.c: input of build-aux/check-marked-messages.py --self-test.
 * Each line that ends in the comment "expect: unmarked" must be reported, and no
 * other. Not compiled. */
#include <glib/gi18n.h>

static void report (Reader *reader, const char *code, const char *message);

void
np_evaluator_add_note (NpEvaluator *self,
                       char        *note)
{
}

static void
fixture (NpEvaluator *evaluator, GPtrArray *list, Side *side, GError **error, gboolean ingress)
{
  /* Unmarked messages, written each way the check looks through. */
  np_evaluator_add_note (evaluator, g_strdup (("The note of an old session."))); /* expect: unmarked */
  np_evaluator_add_note (evaluator, g_strdup_printf ("%s is isolated.", "pod")); /* expect: unmarked */
  g_ptr_array_add (list, np_diagnostic_new (NP_SEVERITY_ERROR, "flow-wrong-type", "spec.ingress",
                                            "The flow is no mapping.")); /* expect: unmarked */
  np_diagnostic_list_add (list, NP_SEVERITY_WARNING, "code", "spec", NULL,
                          ingress ? _("Marked.") : "Not marked."); /* expect: unmarked */
  side->note = g_strdup ("Traffic from the node is allowed."); /* expect: unmarked */
  g_set_error_literal (error, NP_ERROR, NP_ERROR_FAILED, "Something failed"); /* expect: unmarked */
  g_set_error (error, NP_ERROR, NP_ERROR_FAILED,
               "%s: no such "                                                 /* expect: unmarked */
               "file", "x");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove peer", /* expect: unmarked */
                                  -1);

  /* Fine: marked, format only, codes and paths, not a literal, opted out. */
  np_evaluator_add_note (evaluator, g_strdup (_("Traffic from the pod's own node is always allowed.")));
  np_evaluator_add_note (evaluator, g_strdup_printf (_("%s is isolated."), "pod"));
  g_ptr_array_add (list, np_diagnostic_new (NP_SEVERITY_ERROR, "flow-wrong-type", "spec.ingress",
                                            _("The flow is no mapping.")));
  np_diagnostic_list_add (list, NP_SEVERITY_WARNING, "code", "spec", NULL, "%s", text);
  np_diagnostic_list_add (list, NP_SEVERITY_WARNING, "code", "spec", NULL,
                          g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);
  np_diagnostic_list_add (list, NP_SEVERITY_WARNING, "code", "spec", NULL,
                          ngettext ("%u entry", "%u entries", n), n);
  np_diagnostic_list_add (list, NP_SEVERITY_WARNING, "code", "spec", NULL,
                          C_("policy", "Denied"));
  np_diagnostic_list_add (list, NP_SEVERITY_WARNING, "code", "spec", NULL, message);
  side->note = g_strdup (_("No policy isolates the destination."));
  side->note = NULL;
  side->message = g_strdup_printf ("%s: %s", a, b);
  g_set_error (error, NP_ERROR, NP_ERROR_FAILED, "%s: %" G_GINT64_FORMAT, path, n);
  g_printerr ("netpol: %s\n", message);
  gtk_label_set_text (label, ingress ? _("From") : "");
  gtk_label_set_text (label, "All Connections"); /* not translated: netpol-analyzer's output */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove peer"),
                                  -1);
  /* report ("A comment is no call.") */
  report (reader, "yaml-syntax", "Not one of the message functions of this file.");
}

static void
fixture_pairs (GtkWidget *editor, AdwMessageDialog *dialog, GtkStringList *types, gboolean cluster)
{
  g_object_set (editor, "empty-text", "All namespaces", NULL); /* expect: unmarked */
  g_object_set (editor,
                "css-name", "np-peer",
                "empty-text", cluster ? _("All pods in those namespaces")
                                      : "All pods in this namespace", /* expect: unmarked */
                NULL);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "save", "_Save", NULL); /* expect: unmarked */
  gtk_string_list_append (types, "Pods in this namespace"); /* expect: unmarked */

  g_object_set (editor, "empty-text", _("All namespaces"), "name", "np-peer", NULL);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  gtk_string_list_append (types, _("Pods in this namespace"));
}
