/*
 * station.c -- "eseal --standalone DIR": the program at a town or street
 * work station, with a standalone seal on the medium at DIR and no
 * workspace (Art. 14).
 *
 * One entry screen: the package's limits above, then the designated
 * person's name and the one-time secret, and the document filled in on
 * the spot (title, recipients, body; the issuing body is the station).
 * F2 draws the document with the seal's impression, asks, seals it
 * through the core (standalone.h: the limits, the signature, the log),
 * saves the sealed PDF and its signature on the medium, prints copy 1
 * of it (drawn again with its number, never the sealed original: Art.
 * 4) on the station's printer when one was given (--printer or
 * --print-dir, through the print layer's CUPS and folder output) and
 * records the printing in the use log.  F3 seals a document file instead (the
 * import format of 'esealctl doc new --import', read by the core's
 * import), shown before it is sealed as the station's.  After a use the
 * person, the secret and the document are cleared, so that the next
 * use is asked for afresh.  A package that cannot be used at all (none,
 * altered, past its period, used up) is refused with the reason before
 * the terminal is taken.  Must not call curses.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "print/print.h"
#include "render/render.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/term.h"
#include "ui/ui.h"

#define STATION_TEXT_MAX	200
#define STATION_BODY_MAX	4000

struct station_screen {
	struct entry			 entry;	/* first: it is a screen */
	struct standalone_station	*st;
	struct print_target		 printer;	/* queue NULL: none */
	size_t				 person, secret, title, recipients,
					 body, issuer;
};

/* The limits and the uses left, for the top of the screen. */
static char *
station_limits_text(const struct standalone_station *st)
{
	struct standalone_limits l;
	char from[32], to[32];
	char *text, *clean;

	standalone_station_limits(st, &l);
	text = xasprintf(_("Standalone seal %s (%s) for %s (%s) at %s, "
	    "for: %s.\nPeriod: %s to %s.  Uses: %u of %u made, %u left.\n"
	    "The period is judged by this machine's clock."), l.regno,
	    l.seal_name, l.person_name, l.person, l.station, l.purpose,
	    clock_format(l.from, from, sizeof from),
	    clock_format(l.to, to, sizeof to), (unsigned) l.used,
	    (unsigned) l.uses, (unsigned) (l.uses - l.used));
	clean = text_sanitize(text, strlen(text), 1);
	free(text);
	return clean;
}

/* Draw DOC (its title, recipients, body and issuer) with the seal and
 * today's date into PDF; RES says where the seal went. */
static enum status
station_draw(struct station_screen *ss, struct render_doc *doc,
    struct buf *pdf, struct render_result *res)
{
	struct impression_spec seal;
	time_t now = (time_t) clock_now();
	struct tm tm;
	enum status rc;

	memset(&seal, 0, sizeof seal);
	if ((rc = standalone_station_impression(ss->st, &seal.png,
	    &seal.png_len, &seal.diameter_mm)) != STATUS_OK)
		return rc;
	if (localtime_r(&now, &tm) == NULL)
		return STATUS_INVALID;
	doc->year = tm.tm_year + 1900;
	doc->month = tm.tm_mon + 1;
	doc->day = tm.tm_mday;
	doc->sealed = 1;
	/* The 份号's line, as the print room's originals have it: empty
	 * here, copy 1's number on the printed copy, nothing else moved. */
	doc->numbered = 1;
	return render_document(doc, &seal, 0, pdf, res);
}

/* Copy 1 of the sealed DOC, drawn again with its number into COPY: the
 * station's printer gets a numbered copy, never the sealed original,
 * which stays on the medium with its signature (Art. 4).  DOC keeps
 * the date station_draw() gave it, so the copy shows the same one. */
static enum status
station_draw_copy(struct station_screen *ss, const struct render_doc *doc,
    struct buf *copy)
{
	struct impression_spec seal;
	enum status rc;

	memset(&seal, 0, sizeof seal);
	if ((rc = standalone_station_impression(ss->st, &seal.png,
	    &seal.png_len, &seal.diameter_mm)) != STATUS_OK)
		return rc;
	return render_document(doc, &seal, 1, copy, NULL);
}

/* Which input a refusal belongs next to. */
static size_t
station_field_of(const struct station_screen *ss, enum status rc)
{
	switch (rc) {
	case STATUS_SA_NO_PERSON:
	case STATUS_SA_PERSON:	return ss->person;
	case STATUS_SA_SECRET:	return ss->secret;
	case STATUS_SA_STATION:	return ss->issuer;
	default:		return ss->title;
	}
}

/* Draw DOC, ask with SUMMARY, and seal it: the use is counted. */
static enum status
station_seal(struct station_screen *ss, struct render_doc *doc,
    const char *summary, struct buf *pdf, char **path)
{
	struct standalone_doc d;
	struct render_result res;
	enum status rc;

	if ((rc = station_draw(ss, doc, pdf, &res)) != STATUS_OK)
		return rc;
	memset(&d, 0, sizeof d);
	d.title = doc->title;
	d.issuer = doc->issuer;
	d.pdf = pdf->data;
	d.pdf_len = pdf->len;
	d.page = (uint32_t) res.seal_page;
	d.x_mm = res.seal_x_mm;
	d.y_mm = res.seal_y_mm;
	d.diameter_mm = res.seal_diameter_mm;
	/* "Apply seal": the button is the verb; "Seal" alone is the noun in
	 * other places, and one msgid cannot be both. */
	if (dialog_confirm(_("Seal the document"), summary, _("Apply seal"),
	    1) != 1)
		return STATUS_CANCELLED;
	return standalone_station_seal(ss->st, &d, path);
}

/* Print copy 1 of use N's document DOC on the station's printer and
 * record it in the use log; what the clerk is told, with PATH the
 * sealed original on the medium. */
static char *
station_print(struct station_screen *ss, const struct render_doc *doc,
    const char *path)
{
	struct print_pdf_result res;
	struct standalone_limits l;
	uint32_t n = (uint32_t) ss->st->nuses;
	enum status rc, logged;
	struct buf copy;
	char *name, *text, *where;

	if (ss->printer.queue == NULL)
		return xasprintf(_("Sealed.  Saved as %s, its signature beside "
		    "it (.sig); print it from there."), path);
	standalone_station_limits(ss->st, &l);
	name = xasprintf("standalone-%" PRIu64 "-use-%" PRIu32, l.id, n);
	buf_init(&copy);
	memset(&res, 0, sizeof res);
	if ((rc = station_draw_copy(ss, doc, &copy)) == STATUS_OK)
		rc = print_pdf(&ss->printer, name, &copy, &res);
	buf_free(&copy);
	logged = standalone_station_printed(ss->st, n, res.where != NULL ?
	    res.where : "", rc);
	if (rc == STATUS_OK) {
		/* The print layer words the CUPS job in English, as the
		 * use log keeps it; the clerk reads it in the own words. */
		where = recwords_text(res.where);
		text = xasprintf(_("Sealed and printed (%s).  The sealed PDF "
		    "is kept as %s, its signature beside it (.sig)."),
		    where, path);
		free(where);
	} else
		text = xasprintf(_("Sealed, but not printed: %s  The sealed "
		    "PDF is kept as %s; print it from there."),
		    status_message(rc), path);
	if (logged != STATUS_OK)
		log_error("standalone: the printing of use %u could not be "
		    "recorded: %s", (unsigned) n, status_name(logged));
	print_pdf_result_free(&res);
	free(name);
	return text;
}

/* Clear what one use took: the person, the secret, the document, and
 * the unlocked key. */
static void
station_forget(struct station_screen *ss)
{
	entry_clear(&ss->entry, ss->person);
	entry_clear(&ss->entry, ss->secret);
	entry_clear(&ss->entry, ss->title);
	entry_clear(&ss->entry, ss->recipients);
	entry_clear(&ss->entry, ss->body);
	entry_focus(&ss->entry, ss->person);
	standalone_station_lock(ss->st);
}

/* The person and the secret typed open the key; a refusal is shown
 * next to its input.  A package that can no longer be used (no uses
 * left, its period over) is refused first, on the message line: there
 * is nothing to retype.  The last use's message goes, so that it is
 * not read as this attempt's. */
static enum status
station_unlock(struct station_screen *ss)
{
	struct entry *e = &ss->entry;
	enum status rc;

	entry_clear_errors(e);
	entry_set_notes(e, NULL);
	if ((rc = standalone_station_check(ss->st)) != STATUS_OK) {
		loop_error("%s", status_message(rc));
		return rc;
	}
	rc = standalone_station_unlock(ss->st, entry_text(e, ss->person),
	    entry_text(e, ss->secret));
	/* The secret input shows nothing of what it holds: a wrong one
	 * left there would be prefixed, unseen, to the next try. */
	if (rc == STATUS_SA_SECRET)
		entry_clear(e, ss->secret);
	if (rc != STATUS_OK)
		entry_fail(e, station_field_of(ss, rc), status_message(rc));
	return rc;
}

/* After a use: print, tell, and forget the person, the secret and the
 * document, so that a second F2 must not spend another use unasked. */
static void
station_used(struct station_screen *ss, const struct render_doc *doc,
    const char *path)
{
	char *done = station_print(ss, doc, path), *limits;

	station_forget(ss);
	limits = station_limits_text(ss->st);
	entry_set_intro(&ss->entry, limits);
	entry_set_notes(&ss->entry, done);
	free(limits);
	free(done);
}

static int
station_submit(struct entry *e)
{
	struct station_screen *ss = (struct station_screen *) e;
	struct standalone_limits l;
	struct render_doc doc;
	char *path = NULL;
	struct buf pdf;
	enum status rc;

	if (station_unlock(ss) != STATUS_OK)
		return UI_DRAW_ALL;
	rc = *entry_text(e, ss->title) == '\0' ? STATUS_INVALID : STATUS_OK;
	/* The core refuses it too; asking first would only waste a look. */
	standalone_station_limits(ss->st, &l);
	if (rc == STATUS_OK && strcmp(entry_text(e, ss->issuer), l.station) !=
	    0)
		rc = STATUS_SA_STATION;
	memset(&doc, 0, sizeof doc);
	doc.title = entry_text(e, ss->title);
	doc.recipients = entry_text(e, ss->recipients);
	doc.body = entry_text(e, ss->body);
	doc.issuer = entry_text(e, ss->issuer);
	buf_init(&pdf);
	if (rc == STATUS_OK)
		rc = station_seal(ss, &doc, _("The document is sealed with the "
		    "standalone seal; the use is recorded on the medium and "
		    "counted."), &pdf, &path);
	if (rc == STATUS_OK)
		station_used(ss, &doc, path);
	else if (rc != STATUS_CANCELLED)
		entry_fail(e, station_field_of(ss, rc), status_message(rc));
	buf_free(&pdf);
	free(path);
	return UI_DRAW_ALL;
}

/* -- A document file ------------------------------------------------------- */

/* Why the imported C cannot be sealed here, or NULL: another body's
 * document, or one whose attachments the station does not draw. */
static const char *
station_file_refusal(const struct doc_content *c, const char *station)
{
	if (!doc_kind_sealable((enum doc_kind) c->kind))
		return status_message(STATUS_REFUSED_KIND);
	if (c->issuing_body != NULL && *c->issuing_body != '\0' &&
	    strcmp(c->issuing_body, station) != 0)
		return status_message(STATUS_SA_STATION);
	/* TODO: attachments are laid out by the print layer from a stored
	 * version (compose.c); the station has none, so a document with
	 * attachments is refused rather than sealed without them.  A call
	 * in the print layer that composes a struct doc_content would let
	 * the station draw them too. */
	if (c->attachments != NULL && *c->attachments != '\0')
		return _("A document with attachments cannot be sealed at the "
		    "station; seal it at the office.");
	return NULL;
}

/* What the person sees of the file before sealing it: the document as
 * read, the body cut short when long. */
static char *
station_file_summary(const char *path, const struct doc_content *c,
    const char *issuer)
{
	size_t len = c->body != NULL ? strlen(c->body) : 0;
	size_t cut = len > 0 ? text_fit(c->body, 600) : 0;

	return xasprintf(_("Seal the document read from %s with the "
	    "standalone seal; the use is recorded on the medium and counted."
	    "\n\nTitle: %s\nTo: %s\nIssuing body: %s\n\n%.*s%s"), path,
	    c->title != NULL ? c->title : "", c->recipients != NULL ?
	    c->recipients : "", issuer, (int) cut, c->body != NULL ? c->body :
	    "", cut < len ? "…" : "");
}

/* Read the file at PATH and seal it as the station's document, then
 * print and tell as station_used() does. */
static enum status
station_seal_file(struct station_screen *ss, const char *path,
    struct buf *pdf, char **out)
{
	struct standalone_limits l;
	struct import_error err;
	enum import_encoding enc;
	struct doc_content c;
	struct render_doc doc;
	const char *why;
	char *summary;
	enum status rc;

	standalone_station_limits(ss->st, &l);
	if ((rc = import_file(path, &c, &enc, &err)) != STATUS_OK) {
		loop_error("%s%s%s", status_message(rc), err.what != NULL ?
		    " " : "", err.what != NULL ? err.what : "");
		doc_content_free(&c);
		return STATUS_CANCELLED;
	}
	if ((why = station_file_refusal(&c, l.station)) != NULL) {
		loop_error("%s", why);
		doc_content_free(&c);
		return STATUS_CANCELLED;
	}
	memset(&doc, 0, sizeof doc);
	doc.title = c.title;
	doc.recipients = c.recipients;
	doc.body = c.body;
	doc.issuer = l.station;
	summary = station_file_summary(path, &c, l.station);
	rc = station_seal(ss, &doc, summary, pdf, out);
	if (rc == STATUS_OK)
		station_used(ss, &doc, *out);	/* while C holds the text */
	free(summary);
	doc_content_free(&c);
	return rc;
}

static int
station_cmd_open(struct ui_screen *s, enum command cmd)
{
	struct station_screen *ss = (struct station_screen *) s;
	char *file = NULL, *path = NULL;
	struct buf pdf;
	enum status rc;

	(void) cmd;
	if (station_unlock(ss) != STATUS_OK)
		return UI_DRAW_ALL;
	if (dialog_prompt(_("Seal a document file"), _("File"), NULL, 1024,
	    &file) != STATUS_OK || *file == '\0') {
		free(file);
		return UI_DRAW_ALL;
	}
	buf_init(&pdf);
	rc = station_seal_file(ss, file, &pdf, &path);
	if (rc != STATUS_OK && rc != STATUS_CANCELLED)
		loop_error("%s", status_message(rc));
	buf_free(&pdf);
	free(path);
	free(file);
	return UI_DRAW_ALL;
}

static const struct command_row station_commands[] = {
	{ CMD_SA_SEAL_FILE, station_cmd_open, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const station_tables[] = {
	entry_save_commands, station_commands, entry_commands, NULL
};

static void
station_close(struct ui_screen *s)
{
	struct station_screen *ss = (struct station_screen *) s;

	entry_free(&ss->entry);
	free(ss);
}

static const struct ui_screen_ops station_ops = {
	"station", UI_SCREEN_TEXT, station_tables, entry_draw, entry_input,
	NULL, NULL, station_close
};

static void
station_open(struct standalone_station *st,
    const struct ui_station_printer *p)
{
	struct station_screen *ss = xcalloc(1, sizeof *ss);
	struct standalone_limits l;
	char *limits = station_limits_text(st);

	standalone_station_limits(st, &l);
	ss->st = st;
	if (p != NULL && p->queue != NULL) {
		ss->printer.kind = PRINTER_CUPS;
		ss->printer.queue = p->queue;
	} else if (p != NULL && p->folder != NULL) {
		ss->printer.kind = PRINTER_FOLDER;
		ss->printer.queue = p->folder;
	}
	entry_init(&ss->entry, &station_ops, _("eseal: standalone seal"),
	    station_submit);
	entry_set_intro(&ss->entry, limits);
	free(limits);
	ss->person = entry_add_text(&ss->entry, _("Designated person"), 0, 64,
	    NULL);
	ss->secret = entry_add_text(&ss->entry, _("One-time secret"), 1, 32,
	    NULL);
	ss->title = entry_add_text(&ss->entry, _("Title"), 0,
	    STATION_TEXT_MAX, NULL);
	ss->recipients = entry_add_text(&ss->entry, _("Recipients"), 0,
	    STATION_TEXT_MAX, NULL);
	ss->body = entry_add_text(&ss->entry, _("Body"), 0, STATION_BODY_MAX,
	    NULL);
	ss->issuer = entry_add_text(&ss->entry, _("Issuing body"), 0,
	    STATION_TEXT_MAX, l.station);
	entry_set_hint(&ss->entry, ss->secret, _("The secret the office gave "
	    "you with the seal, e.g. 7KQM-3XPA-..."));
	entry_set_hint(&ss->entry, ss->issuer, _("Only this station's own "
	    "documents may be sealed."));
	loop_push(&ss->entry.screen);
}

/* The package at DIR, opened and usable now, or the reason why not. */
static enum status
station_prepare(const char *dir, struct standalone_station *st)
{
	enum status rc;

	if ((rc = standalone_station_open(dir, st)) != STATUS_OK)
		return rc;
	return standalone_station_check(st);
}

int
ui_station_main(const char *dir, const struct ui_station_printer *p)
{
	struct standalone_station st;
	enum status rc;
	char *where;
	int sig;

	if ((rc = station_prepare(dir, &st)) != STATUS_OK) {
		where = text_sanitize(dir, strlen(dir), 0);
		fprintf(stderr, _("eseal: the standalone seal on %s cannot be "
		    "used: %s\n"), where, status_message(rc));
		free(where);
		standalone_station_close(&st);
		return UI_EXIT_WORKSPACE;
	}
	i18n_utf8_messages(1);
	if (term_start() != STATUS_OK) {
		i18n_utf8_messages(0);
		standalone_station_close(&st);
		fputs(_("eseal: this program needs a terminal: run it in "
		    "a terminal window or on the console.\n"), stderr);
		return UI_EXIT_TERMINAL;
	}
	station_open(&st, p);
	sig = loop_run();
	term_stop();
	i18n_utf8_messages(0);
	standalone_station_close(&st);
	render_release();
	return sig != 0 ? 128 + sig : UI_EXIT_OK;
}
