/*
 * station.c -- "eseal --standalone DIR": the program at a town or street
 * work station, with a standalone seal on the medium at DIR and no
 * workspace (Art. 14).
 *
 * One entry screen: the package's limits above, then the designated
 * person's name and the one-time secret, and the document filled in on
 * the spot (title, recipients, body; the issuing body is the station).
 * F2 draws the document with the seal's impression, asks, seals it
 * through the core (standalone.h: the limits, the signature, the log)
 * and says where the sealed PDF and its signature were saved on the
 * medium.  A package that cannot be used at all (none, altered, past
 * its period, used up) is refused with the reason before the terminal
 * is taken.  Must not call curses.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
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

/* Draw the document with the seal into PDF; RES says where it went. */
static enum status
station_draw(struct station_screen *ss, struct buf *pdf,
    struct render_result *res)
{
	struct impression_spec seal;
	struct render_doc doc;
	time_t now = (time_t) clock_now();
	struct tm tm;
	enum status rc;

	memset(&seal, 0, sizeof seal);
	if ((rc = standalone_station_impression(ss->st, &seal.png,
	    &seal.png_len, &seal.diameter_mm)) != STATUS_OK)
		return rc;
	if (localtime_r(&now, &tm) == NULL)
		return STATUS_INVALID;
	memset(&doc, 0, sizeof doc);
	doc.title = entry_text(&ss->entry, ss->title);
	doc.recipients = entry_text(&ss->entry, ss->recipients);
	doc.body = entry_text(&ss->entry, ss->body);
	doc.issuer = entry_text(&ss->entry, ss->issuer);
	doc.year = tm.tm_year + 1900;
	doc.month = tm.tm_mon + 1;
	doc.day = tm.tm_mday;
	doc.sealed = 1;
	return render_document(&doc, &seal, 0, pdf, res);
}

/* Which input a refusal belongs next to. */
static size_t
station_field_of(const struct station_screen *ss, enum status rc)
{
	switch (rc) {
	case STATUS_SA_PERSON:	return ss->person;
	case STATUS_SA_SECRET:	return ss->secret;
	case STATUS_SA_STATION:	return ss->issuer;
	default:		return ss->title;
	}
}

static enum status
station_seal(struct station_screen *ss, char **path)
{
	struct standalone_doc d;
	struct render_result res;
	struct buf pdf;
	enum status rc;

	buf_init(&pdf);
	if ((rc = station_draw(ss, &pdf, &res)) != STATUS_OK)
		goto out;
	memset(&d, 0, sizeof d);
	d.title = entry_text(&ss->entry, ss->title);
	d.issuer = entry_text(&ss->entry, ss->issuer);
	d.pdf = pdf.data;
	d.pdf_len = pdf.len;
	d.page = (uint32_t) res.seal_page;
	d.x_mm = res.seal_x_mm;
	d.y_mm = res.seal_y_mm;
	d.diameter_mm = res.seal_diameter_mm;
	if (dialog_confirm(_("Seal the document"), _("The document is sealed "
	    "with the standalone seal; the use is recorded on the medium and "
	    "counted."), _("Seal"), 1) != 1) {
		rc = STATUS_CANCELLED;
		goto out;
	}
	rc = standalone_station_seal(ss->st, &d, path);
out:
	buf_free(&pdf);
	return rc;
}

static int
station_submit(struct entry *e)
{
	struct station_screen *ss = (struct station_screen *) e;
	struct standalone_limits l;
	char *path = NULL, *done, *limits;
	enum status rc;

	entry_clear_errors(e);
	rc = standalone_station_unlock(ss->st, entry_text(e, ss->person),
	    entry_text(e, ss->secret));
	if (rc == STATUS_OK && *entry_text(e, ss->title) == '\0')
		rc = STATUS_INVALID;
	/* The core refuses it too; asking first would only waste a look. */
	standalone_station_limits(ss->st, &l);
	if (rc == STATUS_OK && strcmp(entry_text(e, ss->issuer), l.station) !=
	    0)
		rc = STATUS_SA_STATION;
	if (rc == STATUS_OK)
		rc = station_seal(ss, &path);
	if (rc == STATUS_CANCELLED)
		return UI_DRAW_ALL;
	if (rc != STATUS_OK) {
		entry_fail(e, station_field_of(ss, rc), status_message(rc));
		return UI_DRAW_ALL;
	}
	limits = station_limits_text(ss->st);
	entry_set_intro(e, limits);
	done = xasprintf(_("Sealed.  Saved as %s, its signature beside it "
	    "(.sig); print it from there."), path);
	entry_set_notes(e, done);
	free(limits);
	free(done);
	free(path);
	return UI_DRAW_ALL;
}

static const struct command_row *const station_tables[] = {
	entry_save_commands, entry_commands, NULL
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
station_open(struct standalone_station *st)
{
	struct station_screen *ss = xcalloc(1, sizeof *ss);
	struct standalone_limits l;
	char *limits = station_limits_text(st);

	standalone_station_limits(st, &l);
	ss->st = st;
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
ui_station_main(const char *dir)
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
	station_open(&st);
	sig = loop_run();
	term_stop();
	i18n_utf8_messages(0);
	standalone_station_close(&st);
	render_release();
	return sig != 0 ? 128 + sig : UI_EXIT_OK;
}
