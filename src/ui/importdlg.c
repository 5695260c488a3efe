/*
 * importdlg.c -- importing a document file on the Documents screen (i):
 * the drafter types the file's path; Enter reads it through the core
 * (import_file, the same reading as 'esealctl doc new --import') and
 * shows what was read: the encoding (UTF-8 or GB18030), the header and
 * the start of the body.  Enter again asks, then records the document
 * as a new draft of the drafter (workflow_create), or as a batch of
 * blank forms when the file says "batch: yes" (printapp_batch).  A file
 * the core refuses is named next to the path with the reason: no such
 * file, unreadable, a folder, too large, neither encoding, not in the
 * document format (with the line and key).  A kind that is never
 * e-sealed (Art. 2) is recorded all the same, and the preview and the
 * document screen say it is refused for e-sealing, and why.
 *
 * The document recorded is the one shown: the file is not read again
 * between the preview and the confirmation.  Must not call curses, and
 * must not judge a value: the core does.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/entry.h"

#define IMPORTDLG_PATH_MAX	4096	/* characters of the path */
#define IMPORTDLG_PATH_COLS	60
#define IMPORTDLG_BODY_LINES	3	/* paragraphs of the body shown */
#define IMPORTDLG_BODY_COLS	64	/* columns of each, cut after */

struct importdlg {
	struct entry		 entry;		/* first: it is a screen */
	size_t			 path;		/* the input */
	char			*read;		/* the path shown, or NULL */
	struct doc_content	 c;		/* what was read from it */
	enum import_encoding	 enc;
	uint64_t		*doc_id;	/* the caller's: recorded */
};

/* -- Reading ------------------------------------------------------------ */

/* The core's refusal of the file, in words: the import's own
 * explanation, with the line and key where it has them. */
static char *
importdlg_why(enum status rc, const struct import_error *err)
{
	const char *what = err->what != NULL ? err->what :
	    status_message(rc);

	if (rc == STATUS_IMPORT_FORMAT && err->line > 0 && err->key[0] != '\0')
		return xasprintf(_("Not imported: line %u, %s: %s"),
		    err->line, err->key, what);
	if (rc == STATUS_IMPORT_FORMAT && err->line > 0)
		return xasprintf(_("Not imported: line %u: %s"), err->line,
		    what);
	return xasprintf(_("Not imported: %s"), what);
}

/* The first N paragraphs of BODY, one row each, and how many more
 * there are: the preview must leave room for what follows it. */
static char *
importdlg_body(const char *body, unsigned n)
{
	const char *p = body != NULL ? body : "", *nl;
	unsigned shown = 0, more = 0;
	char *out = xstrdup(""), *next, *para;
	size_t fit;

	for (; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		if (nl == p)
			continue;
		if (shown == n) {
			more++;
			continue;
		}
		para = xstrndup(p, (size_t) (nl - p));
		fit = text_fit(para, IMPORTDLG_BODY_COLS);
		next = xasprintf("%s  %.*s%s\n", out, (int) fit, para,
		    para[fit] != '\0' ? "..." : "");
		free(para);
		free(out);
		out = next;
		shown++;
	}
	if (more == 0)
		return out;
	next = xasprintf(ngettext("%s  (and %u more paragraph)\n",
	    "%s  (and %u more paragraphs)\n", more), out, more);
	free(out);
	return next;
}

/* What was read, for the notes under the path: the encoding first. */
static char *
importdlg_preview(const struct importdlg *d)
{
	const struct doc_content *c = &d->c;
	char *body = importdlg_body(c->body, IMPORTDLG_BODY_LINES), *text;
	char *refused = doc_kind_sealable((enum doc_kind) c->kind) ?
	    xstrdup("") : xasprintf(_("It is recorded, and refused for "
	    "e-sealing: %s\n"), status_message(STATUS_REFUSED_KIND));

	text = xasprintf(_("Read as %s.\n"
	    "Title: %s\n"
	    "Kind: %s; copies: %u; seal: %s\n"
	    "Classification: %s; urgency: %s\n"
	    "Issuing body: %s\n"
	    "Body:\n%s"
	    "%s"
	    "Enter again records it as your new draft; change the path to "
	    "read another file."),
	    import_encoding_name(d->enc), c->title,
	    doc_kind_label((enum doc_kind) c->kind), c->copies,
	    docfmt_mode(c->seal_mode), docfmt_class(c->classification),
	    docfmt_urgency(c->urgency),
	    c->issuing_body != NULL ? c->issuing_body : "", body, refused);
	free(refused);
	free(body);
	return text;
}

/* Forget what was read. */
static void
importdlg_forget(struct importdlg *d)
{
	free(d->read);
	d->read = NULL;
	doc_content_free(&d->c);
	doc_content_init(&d->c);
	entry_set_notes(&d->entry, NULL);
}

static void
importdlg_read(struct importdlg *d, const char *path)
{
	struct import_error err;
	enum status rc;
	char *text;

	importdlg_forget(d);
	rc = import_file(path, &d->c, &d->enc, &err);
	if (rc != STATUS_OK) {
		text = importdlg_why(rc, &err);
		entry_fail(&d->entry, d->path, text);
		free(text);
		doc_content_free(&d->c);
		doc_content_init(&d->c);
		return;
	}
	d->read = xstrdup(path);
	text = importdlg_preview(d);
	entry_set_notes(&d->entry, text);
	free(text);
}

/* -- Recording ---------------------------------------------------------- */

/* A file that says "batch: yes" applies for its copies as blank forms
 * (Flow 1.2), with a purpose, like the form's b. */
static enum status
importdlg_batch(struct importdlg *d)
{
	char *reason = NULL;
	enum status rc;

	if (dialog_prompt(_("Apply for sealed blank forms"), _("Purpose:"),
	    NULL, 500, &reason) != STATUS_OK)
		return STATUS_CANCELLED;
	rc = printapp_batch(app_store(), app_session(), &d->c, d->c.copies,
	    0, reason, d->doc_id);
	free(reason);
	return rc;
}

/* Ask, then record what was shown. */
static int
importdlg_record(struct importdlg *d)
{
	char *summary;
	enum status rc;
	int yes;

	summary = xasprintf(_("\"%s\", read as %s from %s, becomes a new "
	    "document drafted by you, approved like any draft.%s%s"),
	    d->c.title, import_encoding_name(d->enc), d->read,
	    doc_kind_sealable((enum doc_kind) d->c.kind) ? "" : "  ",
	    doc_kind_sealable((enum doc_kind) d->c.kind) ? "" :
	    status_message(STATUS_REFUSED_KIND));
	yes = dialog_confirm(_("Record the imported document"), summary,
	    _("Record"), 1);
	free(summary);
	if (yes != 1)
		return UI_DRAW_ALL;

	if (d->c.batch)
		rc = importdlg_batch(d);
	else
		rc = workflow_create(app_store(), app_session(), &d->c,
		    d->doc_id);
	if (rc == STATUS_OK)
		loop_finish(1);
	else if (rc != STATUS_CANCELLED)
		entry_fail(&d->entry, d->path, status_message(rc));
	if (rc == STATUS_SESSION_IDLE)
		docfmt_refused(rc);
	return UI_DRAW_ALL;
}

/* Enter or F2: read the file, or record it once it is shown. */
static int
importdlg_submit(struct entry *e)
{
	struct importdlg *d = (struct importdlg *) e;
	const char *path = entry_text(e, d->path);

	entry_clear_errors(e);
	if (*path == '\0') {
		entry_fail(e, d->path, _("Type the path of the file."));
		return UI_DRAW_ALL;
	}
	if (d->read != NULL && strcmp(d->read, path) == 0)
		return importdlg_record(d);
	importdlg_read(d, path);
	return UI_DRAW_ALL;
}

/* -- The screen --------------------------------------------------------- */

/* A path typed anew: what was shown no longer goes with it. */
static int
importdlg_input(struct ui_screen *s, int key)
{
	struct importdlg *d = (struct importdlg *) s;
	int r = entry_input(s, key);

	if (r != UI_PASS && d->read != NULL && strcmp(d->read,
	    entry_text(&d->entry, d->path)) != 0) {
		importdlg_forget(d);
		r |= UI_DRAW_SCREEN;
	}
	return r;
}

static const struct command_row *const importdlg_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
importdlg_close(struct ui_screen *s)
{
	struct importdlg *d = (struct importdlg *) s;

	importdlg_forget(d);
	entry_free(&d->entry);
	free(d);
}

static const struct ui_screen_ops importdlg_ops = {
	"import", UI_SCREEN_TEXT, importdlg_tables, entry_draw,
	importdlg_input, NULL, NULL, importdlg_close
};

int
importdlg_run(uint64_t *doc_id)
{
	struct importdlg *d = xcalloc(1, sizeof *d);

	*doc_id = 0;
	d->doc_id = doc_id;
	doc_content_init(&d->c);
	entry_init(&d->entry, &importdlg_ops, _("Import a document file"),
	    importdlg_submit);
	entry_set_intro(&d->entry, _("A text file in UTF-8 or GB18030: a "
	    "header of 'key: value' lines, a blank line, then the body.  "
	    "Enter reads it and shows what was read."));
	d->path = entry_add_text(&d->entry, _("File"), 0, IMPORTDLG_PATH_MAX,
	    NULL);
	entry_set_width(&d->entry, d->path, IMPORTDLG_PATH_COLS);
	entry_set_hint(&d->entry, d->path, _("The path of the document "
	    "file, e.g. /media/usb/notice.txt."));
	return loop_modal(&d->entry.screen) == 1;
}
