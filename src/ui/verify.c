/*
 * verify.c -- the verify screen: a sealed file's path (the folder of
 * sealed originals to start with), and on Enter every check of its
 * GB/T 38540 signature with its result, then whether the file is the
 * signed original, a printed copy of it, or not valid (Art. 4).
 *
 * An entry screen (entry.h) for the path, with the result drawn below
 * it: the verdict first, so that it is seen at 80x24 whatever the
 * checks' notes take, then the checks; Up, Down, PgUp and PgDn scroll
 * the result when it does not fit.  The checks are
 * the core's (verify.h), the same that esealctl verify prints; this file
 * only words them.  Results are plain words, never symbols whose width
 * differs between terminals.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/screens.h"

#define VERIFY_PATH_MAX		4096	/* characters of the path */
#define VERIFY_PATH_COLS	60

struct verify_screen {
	struct entry	 entry;		/* first: it is a screen */
	size_t		 path;		/* the input */
	char		*verdict;	/* the last result's verdict and */
	char		*checks;	/* checks, sanitized; NULL: none */
	int		 bad;		/* the verdict is "not valid" */
	int		 top;		/* the result's first row shown */
	int		 page;		/* its rows shown at the last draw */
	int		 max_top;	/* TOP showing its last row */
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
	/* The copy's status message would say "not the signed original"
	 * a second time: the verdict says it once, with the reason. */
	if (rc == STATUS_IS_COPY)
		return xasprintf(_("Result: this file is printed copy %06u of "
		    "document %llu version %u, not the signed original: only "
		    "the original carries the seal's signature (Art. 4); "
		    "compare the copy with the original."),
		    (unsigned) v->copy_no, (unsigned long long) v->doc_id,
		    (unsigned) v->version);
	return xasprintf(_("Result: NOT VALID: this file is not the signed "
	    "original (Art. 4).  %s"), status_message(rc));
}

/* The signature's origin and one line per check; sanitized, since the
 * notes quote names read from the signature. */
static char *
verify_screen_checks(const struct verify_result *v)
{
	const struct ses_check_result *c;
	char *text, *next, *what, *line, *clean;
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
	clean = text_sanitize(text, strlen(text), 1);
	free(text);
	return clean;
}

/* Keep the result of V (RC) to draw, from its first row; NULL: none. */
static void
verify_screen_keep(struct verify_screen *vs, const struct verify_result *v,
    enum status rc)
{
	char *verdict;

	free(vs->verdict);
	free(vs->checks);
	vs->verdict = vs->checks = NULL;
	vs->top = vs->max_top = 0;
	if (v == NULL)
		return;

	verdict = verify_screen_verdict(v, rc);
	vs->verdict = text_sanitize(verdict, strlen(verdict), 1);
	free(verdict);
	vs->checks = verify_screen_checks(v);
	vs->bad = rc != STATUS_OK && rc != STATUS_IS_COPY;
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
	verify_screen_keep(vs, NULL, STATUS_OK);
	ses_trust_init(&t, clock_now());
	rc = verify_trust_load(app_store(), &t);
	if (rc == STATUS_OK)
		rc = verify_file(app_store(), &t, path, NULL, &v);
	else
		memset(&v, 0, sizeof v);
	if (v.ran) {
		verify_screen_keep(vs, &v, rc);
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

/*
 * The result in R from its row TOP on.  When it needs more rows than R
 * has, the last row says which way more of it lies, so that a clerk
 * never takes the rows shown for the whole.
 */
static void
verify_screen_result(struct verify_screen *vs, const struct draw_rect *r)
{
	struct draw_rect text = *r;
	int vrows = draw_wrap_rows(vs->verdict, r->w);
	int total = vrows + 1 + draw_wrap_rows(vs->checks, r->w);
	const char *more = NULL;

	if (total > text.h)
		text.h--;	/* the row saying there is more */
	vs->page = text.h > 1 ? text.h : 1;
	vs->max_top = total > text.h ? total - text.h : 0;
	if (vs->top > vs->max_top)
		vs->top = vs->max_top;

	draw_wrap(&text, -vs->top, vs->verdict, vs->bad ? DRAW_ERROR :
	    DRAW_LABEL);
	draw_wrap(&text, vrows + 1 - vs->top, vs->checks, DRAW_NORMAL);
	if (vs->top < vs->max_top)
		more = _("More below: Down or PgDn.");
	else if (vs->top > 0)
		more = _("More above: Up or PgUp.");
	if (more != NULL)
		draw_line(r, r->h - 1, more, DRAW_HINT);
}

/* The entry, then the result (if any) below the input, above the
 * hint row. */
static void
verify_screen_draw(struct ui_screen *s)
{
	struct verify_screen *vs = (struct verify_screen *) s;
	const struct entry_item *it = &vs->entry.items[vs->path];
	struct draw_rect r = draw_body();
	int row;

	entry_draw(s);
	if (vs->verdict == NULL)
		return;

	row = it->y + it->h + 1 - vs->entry.top;
	r.y += row;
	r.h -= row + 1;
	r.x += 1;
	r.w -= 2;
	if (r.h > 0 && r.w > 0)
		verify_screen_result(vs, &r);
}

static int
verify_screen_scroll(struct ui_screen *s, enum command cmd)
{
	struct verify_screen *vs = (struct verify_screen *) s;
	int by;

	switch (cmd) {
	case CMD_UP:		by = -1; break;
	case CMD_DOWN:		by = 1; break;
	case CMD_PAGE_UP:	by = -(vs->page > 1 ? vs->page - 1 : 1); break;
	default:		by = vs->page > 1 ? vs->page - 1 : 1; break;
	}
	vs->top += by;
	if (vs->top > vs->max_top)
		vs->top = vs->max_top;
	if (vs->top < 0)
		vs->top = 0;
	return UI_DRAW_SCREEN;
}

/* The screen has one input, so Up and Down are free to scroll. */
static const struct command_row verify_screen_commands[] = {
	{ CMD_UP,	 verify_screen_scroll, CMD_ANYONE, 0, 0, 0 },
	{ CMD_DOWN,	 verify_screen_scroll, CMD_ANYONE, 0, 0, 0 },
	{ CMD_PAGE_UP,	 verify_screen_scroll, CMD_ANYONE, 0, 0, 0 },
	{ CMD_PAGE_DOWN, verify_screen_scroll, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const verify_screen_tables[] = {
	verify_screen_commands, entry_save_commands, entry_commands, NULL
};

static void
verify_screen_close(struct ui_screen *s)
{
	struct verify_screen *vs = (struct verify_screen *) s;

	verify_screen_keep(vs, NULL, STATUS_OK);
	entry_free(&vs->entry);
	free(vs);
}

static const struct ui_screen_ops verify_screen_ops = {
	"verify", UI_SCREEN_TEXT, verify_screen_tables, verify_screen_draw,
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
