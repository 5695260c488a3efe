/*
 * admin_audit_export.c -- the security auditor writing the audit trail
 * to a registered removable medium: the export of a search's entries,
 * and the archive of the entries past the retention period, which the
 * core then deletes from the trail.
 *
 * Both are dialogs (flowask.h): the medium is chosen among those the
 * core offers (mediumpick.h), a summary says in full what will happen
 * and asks, progress shows while the file is written and read back, and
 * the result says where the file is.  The core checks the permission,
 * the register, the retention period and the trail, and audits every
 * attempt.  Must not call curses.
 */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/flowask.h"
#include "ui/mediumpick.h"
#include "ui/screens.h"

/* Where a refusal about the medium goes: next to its choice. */
static size_t
admin_audit_export_where_medium(const struct mediumpick *p, enum status rc)
{
	switch (rc) {
	case STATUS_MEDIUM_UNREGISTERED:
	case STATUS_MEDIUM_ABSENT:
	case STATUS_MEDIUM_GONE:
	case STATUS_MEDIUM_MISMATCH:
	case STATUS_NO_SPACE:
	case STATUS_READ_ONLY:
	case STATUS_PERM_FS:
		return p->input;
	default:
		return FLOWASK_NOWHERE;
	}
}

/* Run CALL under a progress display titled TITLE. */
static enum status
admin_audit_export_progress(const char *title, const char *what,
    enum status (*call)(void *arg), void *arg)
{
	struct dialog_progress *p;
	enum status rc;

	p = dialog_progress_open(title, 0);
	dialog_progress_update(p, 0, 1, what);
	rc = call(arg);
	dialog_progress_update(p, 1, 1, what);
	dialog_progress_close(p);
	return rc;
}

/* -- Export of a search ---------------------------------------------------- */

struct admin_audit_export {
	const struct audit_filter	*f;
	const char			*criteria;
	size_t				 found;
	struct mediumpick		 media;
	struct entry			*entry;
	char				*where;
	uint64_t			 count;
};

static char *
admin_audit_export_summary(struct flowask *a)
{
	struct admin_audit_export *x = a->ctx;
	char *medium, *out;

	medium = mediumpick_text(mediumpick_chosen(&x->media, &a->entry));
	out = xasprintf(_("The entries the search finds (%zu just now: %s) "
	    "will be written to the medium %s as one text file, signed with "
	    "the workstation's audit key, then read back and compared.  "
	    "'esealctl audit check FILE' checks it later.  The export is "
	    "recorded in the audit trail."), x->found, x->criteria, medium);
	free(medium);
	return out;
}

static enum status
admin_audit_export_call(void *arg)
{
	struct flowask *a = arg;
	struct admin_audit_export *x = a->ctx;
	const struct medium *m = mediumpick_chosen(&x->media, &a->entry);

	free(x->where);
	x->where = NULL;
	return audit_export_medium_as(app_session(), x->f, m->uuid, &x->where,
	    &x->count);
}

static enum status
admin_audit_export_act(struct flowask *a)
{
	return admin_audit_export_progress(_("Exporting the audit entries"),
	    _("Writing and reading back the export file"),
	    admin_audit_export_call, a);
}

static size_t
admin_audit_export_where(struct flowask *a, enum status rc, const char **msg)
{
	(void) msg;
	return admin_audit_export_where_medium(
	    &((struct admin_audit_export *) a->ctx)->media, rc);
}

static char *
admin_audit_export_done(struct flowask *a)
{
	struct admin_audit_export *x = a->ctx;
	char *raw = xasprintf(ngettext("%" PRIu64 " entry exported to %s.",
	    "%" PRIu64 " entries exported to %s.", (unsigned long) x->count),
	    x->count, x->where != NULL ? x->where : "");
	char *clean = text_sanitize(raw, strlen(raw), 0);

	free(raw);
	return clean;
}

static const struct flowask_ops admin_audit_export_ops = {
	admin_audit_export_summary, admin_audit_export_act,
	admin_audit_export_where, admin_audit_export_done
};

void
admin_audit_export_run(const struct audit_filter *f, const char *criteria,
    size_t found)
{
	struct admin_audit_export x;
	struct flowask *a;
	char *intro;

	memset(&x, 0, sizeof x);
	x.f = f;
	x.criteria = criteria;
	x.found = found;
	if (mediumpick_find(&x.media, _("Export the audit entries"))) {
		intro = xasprintf(ngettext("%zu entry found: %s.  Choose the "
		    "medium; F2 exports.", "%zu entries found: %s.  Choose the "
		    "medium; F2 exports.", (unsigned long) found), found,
		    criteria);
		a = flowask_new(_("Export the audit entries"), intro,
		    &admin_audit_export_ops, _("Export"), &x);
		free(intro);
		mediumpick_add(&x.media, &a->entry);
		flowask_run(a);
	}
	free(x.where);
	mediumpick_free(&x.media);
}

/* -- Archive --------------------------------------------------------------- */

struct admin_audit_archive {
	struct mediumpick	 media;
	uint64_t		 first;		/* the oldest entry kept */
	uint64_t		 last;		/* the newest past retention */
	uint64_t		 upto;		/* as typed */
	uint32_t		 days;
	size_t			 input;		/* "up to" */
	char			*where;
};

static int
admin_audit_archive_each(const struct rec_audit *e, const char *user,
    void *arg)
{
	struct admin_audit_archive *x = arg;

	(void) user;
	if (x->first == 0)
		x->first = e->id;
	x->last = e->id;
	return 0;
}

/* Which entries are past the retention period (a search, audited). */
static enum status
admin_audit_archive_range(struct admin_audit_archive *x)
{
	struct audit_filter f;
	enum status rc;

	if ((rc = audit_settings(app_store(), &x->days, NULL, NULL)) !=
	    STATUS_OK)
		return rc;
	audit_filter_init(&f);
	f.from = 1;
	f.to = clock_now() - (int64_t) x->days * 86400;
	return audit_search_as(app_session(), &f, admin_audit_archive_each, x);
}

static char *
admin_audit_archive_summary(struct flowask *a)
{
	struct admin_audit_archive *x = a->ctx;
	const char *text = entry_text(&a->entry, x->input);
	char *end, *medium, *out;
	unsigned long long n;

	errno = 0;
	n = strtoull(text, &end, 10);
	if (*text < '0' || *text > '9' || *end != '\0' || errno != 0 ||
	    n < x->first) {
		entry_fail(&a->entry, x->input, _("Type the number of the last "
		    "entry to archive."));
		return NULL;
	}
	x->upto = n;
	medium = mediumpick_text(mediumpick_chosen(&x->media, &a->entry));
	out = xasprintf(_("Entries %" PRIu64 " to %" PRIu64 " will be written "
	    "to the medium %s, signed, and read back; then they are DELETED "
	    "from the audit trail, and a signed archive record keeps the rest "
	    "of the trail verifiable.  This cannot be undone.  Keep the "
	    "medium: it is the only copy of these entries."), x->first,
	    x->upto, medium);
	free(medium);
	return out;
}

static enum status
admin_audit_archive_call(void *arg)
{
	struct flowask *a = arg;
	struct admin_audit_archive *x = a->ctx;
	const struct medium *m = mediumpick_chosen(&x->media, &a->entry);

	free(x->where);
	x->where = NULL;
	return audit_archive_as(app_session(), x->upto, m->uuid, &x->where);
}

static enum status
admin_audit_archive_act(struct flowask *a)
{
	return admin_audit_export_progress(_("Archiving the audit trail"),
	    _("Writing and reading back the archive file"),
	    admin_audit_archive_call, a);
}

static size_t
admin_audit_archive_where(struct flowask *a, enum status rc, const char **msg)
{
	struct admin_audit_archive *x = a->ctx;

	(void) msg;
	if (rc == STATUS_AUDIT_RETENTION || rc == STATUS_INVALID ||
	    rc == STATUS_NOT_FOUND)
		return x->input;
	return admin_audit_export_where_medium(&x->media, rc);
}

static char *
admin_audit_archive_done(struct flowask *a)
{
	struct admin_audit_archive *x = a->ctx;
	char *raw = xasprintf(_("Entries up to %" PRIu64 " archived to %s and "
	    "removed from the trail."), x->upto, x->where != NULL ?
	    x->where : "");
	char *clean = text_sanitize(raw, strlen(raw), 0);

	free(raw);
	return clean;
}

static const struct flowask_ops admin_audit_archive_ops = {
	admin_audit_archive_summary, admin_audit_archive_act,
	admin_audit_archive_where, admin_audit_archive_done
};

void
admin_audit_archive_open(void)
{
	struct admin_audit_archive x;
	struct flowask *a;
	enum status rc;
	char *intro, num[24];

	memset(&x, 0, sizeof x);
	if ((rc = admin_audit_archive_range(&x)) != STATUS_OK) {
		loop_error("%s", status_message(rc));
		return;
	}
	if (x.last == 0) {
		loop_message(_("No entry is older than the retention period "
		    "(%u days): there is nothing to archive."),
		    (unsigned) x.days);
		return;
	}
	if (!mediumpick_find(&x.media, _("Archive the audit trail")))
		goto out;
	intro = xasprintf(_("Entries %" PRIu64 " to %" PRIu64 " are older than "
	    "the retention period (%u days) and may be archived onto a "
	    "registered medium, then removed from the trail.  F2 archives."),
	    x.first, x.last, (unsigned) x.days);
	a = flowask_new(_("Archive the audit trail"), intro,
	    &admin_audit_archive_ops, _("Archive"), &x);
	free(intro);
	snprintf(num, sizeof num, "%" PRIu64, x.last);
	x.input = entry_add_text(&a->entry, _("Up to entry"), 0, 20, num);
	entry_set_hint(&a->entry, x.input, _("The last entry to archive; "
	    "every one before it that is still in the trail goes too."));
	mediumpick_add(&x.media, &a->entry);
	flowask_run(a);
out:
	free(x.where);
	mediumpick_free(&x.media);
}
