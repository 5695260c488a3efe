/*
 * verify.c -- the verify screen: a sealed file's path (the folder of
 * sealed originals to start with), and on Enter every check of its
 * GB/T 38540 signature with its result, then whether the file is the
 * signed original, a printed copy of it, or not valid (Art. 4).
 *
 * An entry screen (entry.h) whose notes hold the report.  The checks are
 * the core's (verify.h), the same that esealctl verify prints; this file
 * only words them.  Results are plain words, never symbols whose width
 * differs between terminals.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/entry.h"
#include "ui/screens.h"

#define VERIFY_PATH_MAX		4096	/* characters of the path */
#define VERIFY_PATH_COLS	60

struct verify_screen {
	struct entry	 entry;		/* first: it is a screen */
	size_t		 path;		/* the input */
};

/* "OK  WHAT" for outcome O: the status word leads, in words, never a
 * symbol; one message per outcome, so that translations can order it. */
static char *
verify_screen_line(enum ses_outcome o, const char *what)
{
	switch (o) {
	case SES_PASS:	return xasprintf(_("OK  %s"), what);
	case SES_FAIL:	return xasprintf(_("FAILED  %s"), what);
	default:	return xasprintf(_("not checked  %s"), what);
	}
}

/* The verdict: the signed original, a printed copy of it (by its name,
 * with a signature and seal that hold), or not valid: an altered file
 * is no copy. */
static char *
verify_screen_verdict(const struct verify_result *v, enum status rc)
{
	if (rc == STATUS_OK)
		return xstrdup(_("Result: this file is the signed original "
		    "(Art. 4)."));
	if (rc == STATUS_IS_COPY)
		return xasprintf(_("Result: this file is printed copy %06u of "
		    "document %llu version %u, not the signed original.  %s"),
		    (unsigned) v->copy_no, (unsigned long long) v->doc_id,
		    (unsigned) v->version, status_message(rc));
	return xasprintf(_("Result: NOT VALID: this file is not the signed "
	    "original (Art. 4).  %s"), status_message(rc));
}

/* One line per check, then the verdict; sanitized, since the notes
 * quote names read from the signature. */
static char *
verify_screen_report(const struct verify_result *v, enum status rc)
{
	const struct ses_check_result *c;
	char *text, *next, *what, *line, *verdict, *clean;
	int i;

	text = xasprintf(_("Signature: %s\n"), v->sig_path);
	for (i = 0; i < SES_CHECK__COUNT; i++) {
		c = &v->report.check[i];
		what = c->outcome == SES_NOT_RUN || c->note[0] == '\0' ?
		    xstrdup(ses_check_name((enum ses_check) i)) :
		    xasprintf("%s: %s", ses_check_name((enum ses_check) i),
		    c->note);
		line = verify_screen_line(c->outcome, what);
		next = xasprintf("%s%s\n", text, line);
		free(what);
		free(line);
		free(text);
		text = next;
	}
	verdict = verify_screen_verdict(v, rc);
	next = xasprintf("%s\n%s", text, verdict);
	free(verdict);
	free(text);
	clean = text_sanitize(next, strlen(next), 1);
	free(next);
	return clean;
}

static int
verify_screen_run(struct entry *e)
{
	struct verify_screen *vs = (struct verify_screen *) e;
	const char *path = entry_text(e, vs->path);
	struct verify_result v;
	struct ses_trust t;
	enum status rc;
	char *report;

	entry_clear_errors(e);
	entry_set_notes(e, NULL);
	ses_trust_init(&t, clock_now());
	rc = verify_trust_load(app_store(), &t);
	if (rc == STATUS_OK)
		rc = verify_file(app_store(), &t, path, NULL, &v);
	else
		memset(&v, 0, sizeof v);
	if (v.ran) {
		report = verify_screen_report(&v, rc);
		entry_set_notes(e, report);
		free(report);
	} else {
		report = v.unreadable != NULL ? xasprintf("%s: %s",
		    v.unreadable, status_message(rc)) :
		    xstrdup(status_message(rc));
		entry_fail(e, vs->path, report);
		free(report);
	}
	verify_result_free(&v);
	ses_trust_free(&t);
	return UI_DRAW_ALL;
}

static const struct command_row *const verify_screen_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
verify_screen_close(struct ui_screen *s)
{
	struct verify_screen *vs = (struct verify_screen *) s;

	entry_free(&vs->entry);
	free(vs);
}

static const struct ui_screen_ops verify_screen_ops = {
	"verify", UI_SCREEN_TEXT, verify_screen_tables, entry_draw,
	entry_input, NULL, NULL, verify_screen_close
};

void
verify_open(void)
{
	struct verify_screen *vs = xcalloc(1, sizeof *vs);
	char *dir = xasprintf("%s/originals/", app_home());

	entry_init(&vs->entry, &verify_screen_ops, _("Verify a sealed file"),
	    verify_screen_run);
	entry_set_intro(&vs->entry, _("The signature is read from the same "
	    "path with \".sig\" added or, for a sealed original "
	    "(doc-ID-vN.pdf), from the workspace.  Enter checks the file."));
	vs->path = entry_add_text(&vs->entry, _("File"), 0, VERIFY_PATH_MAX,
	    dir);
	entry_set_width(&vs->entry, vs->path, VERIFY_PATH_COLS);
	entry_set_hint(&vs->entry, vs->path, _("The path of a sealed PDF, "
	    "e.g. originals/doc-ID-vN.pdf in the workspace."));
	free(dir);
	loop_push(&vs->entry.screen);
}
