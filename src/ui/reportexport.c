/*
 * reportexport.c -- the export dialog of the reports screen (Art. 11):
 * which forms of the report to write (CSV in UTF-8, with or without a
 * byte-order mark, CSV in GB18030, PDF) and to which registered medium
 * mounted now; a summary to confirm; progress while the forms are drawn
 * (cancellable: nothing is written yet) and written; then where the
 * files went.
 *
 * The core writes, reads back, signs the MANIFEST and audits
 * (export.h); a full, read-only, pulled or unregistered medium comes
 * back as its status, shown next to the medium with the dialog left open
 * for another try.  The core leaves nothing that looks complete, so
 * trying again is always safe.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/flowask.h"
#include "ui/mediumpick.h"
#include "ui/reports.h"
#include "ui/screens.h"

/* The forms, in the order of the inputs and of the progress. */
static const struct reportexport_form {
	unsigned	 bit;
	const char	*label;		/* N_() */
	int		 on;		/* chosen at first */
} reportexport_forms[] = {
	{ REPORTEXPORT_CSV,	N_("CSV, UTF-8"),		1 },
	{ REPORTEXPORT_CSV_BOM,	N_("CSV, UTF-8 with BOM"),	0 },
	{ REPORTEXPORT_CSV_GB,	N_("CSV, GB18030"),		1 },
	{ REPORTEXPORT_PDF,	N_("PDF"),			1 },
};

#define REPORTEXPORT_NFORMS \
	(sizeof reportexport_forms / sizeof reportexport_forms[0])

struct reportexport {
	const struct report	*r;
	struct mediumpick	 pick;		/* the medium's input */
	size_t			 form[REPORTEXPORT_NFORMS];	/* inputs */
	struct export_result	 res;
	char			*msg;	/* a refusal, said for this dialog */
};

char *
reportexport_file_name(const struct report *r, unsigned format,
    unsigned formats)
{
	const char *kind = report_kind_name(r->kind);

	switch (format) {
	case REPORTEXPORT_CSV_BOM:
		return xasprintf((formats & REPORTEXPORT_CSV) ? "%s-bom.csv" :
		    "%s.csv", kind);
	case REPORTEXPORT_CSV_GB:
		return xasprintf("%s-gb18030.csv", kind);
	case REPORTEXPORT_PDF:
		return xasprintf("%s.pdf", kind);
	default:
		return xasprintf("%s.csv", kind);
	}
}

/* The forms chosen, as REPORTEXPORT_* bits. */
static unsigned
reportexport_chosen(struct flowask *a)
{
	struct reportexport *x = a->ctx;
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < REPORTEXPORT_NFORMS; i++)
		if (entry_flag(&a->entry, x->form[i]))
			bits |= reportexport_forms[i].bit;
	return bits;
}

static const struct medium *
reportexport_medium(struct flowask *a)
{
	struct reportexport *x = a->ctx;

	return mediumpick_chosen(&x->pick, &a->entry);
}

static char *
reportexport_summary(struct flowask *a)
{
	struct reportexport *x = a->ctx;
	unsigned bits = reportexport_chosen(a);
	char *names = xstrdup(""), *next, *name, *medium, *out;
	size_t i;

	if (bits == 0) {
		entry_fail(&a->entry, x->form[0], _("Choose at least one "
		    "form."));
		return NULL;
	}
	for (i = 0; i < REPORTEXPORT_NFORMS; i++) {
		if (!(bits & reportexport_forms[i].bit))
			continue;
		name = reportexport_file_name(x->r, reportexport_forms[i].bit,
		    bits);
		next = xasprintf("%s%s%s", names, *names != '\0' ? ", " : "",
		    name);
		free(name);
		free(names);
		names = next;
	}
	medium = mediumpick_text(reportexport_medium(a));
	out = xasprintf(_("%s, %s to %s, will be written to the medium %s as "
	    "%s and a MANIFEST signed for the office.  Each file is read back "
	    "and checked; the export is recorded in the audit trail."),
	    x->r->title, x->r->period.first, x->r->period.last, medium, names);
	free(medium);
	free(names);
	return out;
}

/* Draw form BIT of the report into B. */
static enum status
reportexport_draw_form(const struct report *r, unsigned bit, struct buf *b)
{
	switch (bit) {
	case REPORTEXPORT_CSV_BOM:
		return report_csv(r, REPORT_CSV_UTF8_BOM, b);
	case REPORTEXPORT_CSV_GB:
		return report_csv(r, REPORT_CSV_GB18030, b);
	case REPORTEXPORT_PDF:
		return report_pdf(r, b);
	default:
		return report_csv(r, REPORT_CSV_UTF8, b);
	}
}

/* Every form chosen into bundle B, with progress; STATUS_CANCELLED when
 * the user stops it (nothing has been written then). */
static enum status
reportexport_bundle(struct reportexport *x, unsigned bits,
    struct dialog_progress *p, struct export_bundle *b)
{
	enum status rc = STATUS_OK;
	unsigned long done = 0, total = 1;
	struct buf data;
	char *name;
	size_t i;

	for (i = 0; i < REPORTEXPORT_NFORMS; i++)
		total += (bits & reportexport_forms[i].bit) != 0;
	export_bundle_init(b, x->r);
	for (i = 0; i < REPORTEXPORT_NFORMS && rc == STATUS_OK; i++) {
		if (!(bits & reportexport_forms[i].bit))
			continue;
		name = reportexport_file_name(x->r, reportexport_forms[i].bit,
		    bits);
		rc = dialog_progress_update(p, done++, total, name);
		buf_init(&data);
		if (rc == STATUS_OK)
			rc = reportexport_draw_form(x->r,
			    reportexport_forms[i].bit, &data);
		if (rc == STATUS_OK)
			export_bundle_add(b, name, data.data, data.len);
		buf_free(&data);
		free(name);
	}
	return rc;
}

/* Where the export went, in a message box. */
static void
reportexport_result(struct reportexport *x)
{
	char size[32], *text;

	text = xasprintf(_("The export is written and checked.\n\nFolder: "
	    "%s\nMedium: %s %s\nFiles: %zu, the MANIFEST included (%s)\n\n"
	    "'esealctl report verify' checks it against the office's root "
	    "certificate."), x->res.dir, x->res.label, x->res.uuid,
	    x->res.nfiles, media_size_text(x->res.bytes, size, sizeof size));
	dialog_message(_("Exported"), text);
	free(text);
}

static enum status
reportexport_act(struct flowask *a)
{
	struct reportexport *x = a->ctx;
	struct dialog_progress *p;
	struct export_bundle b;
	enum status rc;

	memset(&b, 0, sizeof b);
	p = dialog_progress_open(_("Exporting"), 1);
	rc = reportexport_bundle(x, reportexport_chosen(a), p, &b);
	if (rc == STATUS_OK)
		rc = dialog_progress_update(p, b.nfiles, b.nfiles + 1,
		    _("Writing to the medium and reading it back"));
	if (rc == STATUS_OK) {
		export_result_free(&x->res);
		rc = export_write(app_session(), reportexport_medium(a)->uuid,
		    &b, &x->res);
	}
	dialog_progress_close(p);
	export_bundle_free(&b);
	render_release();
	if (rc == STATUS_OK)
		reportexport_result(x);
	return rc;
}

static size_t
reportexport_where(struct flowask *a, enum status rc, const char **msg)
{
	struct reportexport *x = a->ctx;

	switch (rc) {
	case STATUS_NO_SPACE:
	case STATUS_READ_ONLY:
	case STATUS_PERM_FS:
	case STATUS_IO:
	case STATUS_MEDIUM_GONE:
	case STATUS_MEDIUM_MISMATCH:
		free(x->msg);
		x->msg = xasprintf(_("%s No export that looks complete was "
		    "left on it; F2 tries again."), *msg);
		*msg = x->msg;
		return x->pick.input;
	case STATUS_MEDIUM_UNREGISTERED:
	case STATUS_MEDIUM_ABSENT:
		return x->pick.input;
	default:
		return FLOWASK_NOWHERE;
	}
}

static char *
reportexport_done(struct flowask *a)
{
	struct reportexport *x = a->ctx;

	return xasprintf(_("Exported to %s."), x->res.dir);
}

static const struct flowask_ops reportexport_ops = {
	reportexport_summary, reportexport_act, reportexport_where,
	reportexport_done
};

/* The dialog's inputs: the forms, then the medium.
 *
 * TODO: the media are looked up once, when the dialog opens: a medium
 * inserted (or swapped) while it is open is only offered after Esc and
 * x again.  A key that looks the media up again, keeping the choice
 * where the same UUID is still offered, would save that step. */
static void
reportexport_inputs(struct flowask *a, struct reportexport *x)
{
	size_t i;

	for (i = 0; i < REPORTEXPORT_NFORMS; i++)
		x->form[i] = entry_add_flag(&a->entry,
		    _(reportexport_forms[i].label), reportexport_forms[i].on);
	mediumpick_add(&x->pick, &a->entry);
}

int
reportexport_run(const struct report *r)
{
	struct reportexport x;
	struct flowask *a;
	char *intro;
	int done = 0;

	memset(&x, 0, sizeof x);
	x.r = r;
	if (mediumpick_find(&x.pick, _("Export"))) {
		intro = xasprintf(_("%s, %s to %s.  Space toggles a form; Left "
		    "and Right choose the medium; F2 exports."), r->title,
		    r->period.first, r->period.last);
		a = flowask_new(_("Export the report"), intro,
		    &reportexport_ops, _("Export"), &x);
		free(intro);
		reportexport_inputs(a, &x);
		done = flowask_run(a);
	}
	export_result_free(&x.res);
	free(x.msg);
	mediumpick_free(&x.pick);
	return done;
}
