/*
 * docfmt.c -- what the document screens share: labels for the record's
 * codes, a document's name for summaries, the issuance a clerk must see
 * (Art. 9), and the reading of the numbers clerks type (copies, copy
 * numbers), full-width digits from a Chinese input method included.
 *
 * Labels only: nothing here decides what a user may do.  Must not call
 * curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/docs.h"
#include "ui/loop.h"
#include "ui/screens.h"

#define DOCFMT_LABEL(table, v) \
	((unsigned) (v) < sizeof (table) / sizeof (table)[0] ? \
	_((table)[v]) : "?")

static const char *const docfmt_urgencies[] = {
	N_("not marked"), N_("normal"), N_("urgent"), N_("very urgent")
};
static const char *const docfmt_classes[] = {
	N_("not classified"), N_("secret"), N_("confidential"),
	N_("top secret")
};
static const char *const docfmt_modes[] = {
	N_("electronic seal"), N_("traditional seal")
};
static const char *const docfmt_actions[] = {
	N_("approval"), N_("return"), N_("issuance"), N_("rejection")
};
static const char *const docfmt_app_kinds[] = {
	N_("reprint"), N_("extra print"), N_("blank-form batch"),
	N_("proxy custody"), N_("standalone seal"), N_("seal use")
};
static const char *const docfmt_app_states[] = {
	N_("pending"), N_("agreed"), N_("denied"), N_("done"),
	N_("cancelled")
};
static const char *const docfmt_outcomes[] = {
	N_("in progress"), N_("printed"), N_("failed"), N_("cancelled")
};
static const char *const docfmt_seal_statuses[] = {
	N_("active"), N_("suspended"), N_("revoked")
};

const char *
docfmt_urgency(unsigned u)
{
	return DOCFMT_LABEL(docfmt_urgencies, u);
}

const char *
docfmt_class(unsigned c)
{
	return DOCFMT_LABEL(docfmt_classes, c);
}

const char *
docfmt_mode(unsigned m)
{
	return DOCFMT_LABEL(docfmt_modes, m);
}

const char *
docfmt_action(unsigned a)
{
	return DOCFMT_LABEL(docfmt_actions, a);
}

const char *
docfmt_app_kind(unsigned k)
{
	return DOCFMT_LABEL(docfmt_app_kinds, k);
}

const char *
docfmt_app_state(unsigned s)
{
	return DOCFMT_LABEL(docfmt_app_states, s);
}

const char *
docfmt_outcome(unsigned o)
{
	return DOCFMT_LABEL(docfmt_outcomes, o);
}

const char *
docfmt_seal_status(unsigned s)
{
	return DOCFMT_LABEL(docfmt_seal_statuses, s);
}

void
docfmt_refused(enum status rc)
{
	if (rc == STATUS_SESSION_IDLE)
		lock_open();
	else
		loop_error("%s", status_message(rc));
}

char *
docfmt_name(const struct docview *v)
{
	const char *title = v->content.title != NULL ? v->content.title : "";

	if (v->number != NULL && *v->number != '\0')
		return xasprintf("%s (%s)", title, v->number);
	return xstrdup(title);
}

char *
docfmt_copies(const struct docview *v)
{
	if (v->doc.state <= DOC_RETURNED && v->doc.sealed_version == 0)
		return xasprintf(_("%u asked for"), v->content.copies);
	return xasprintf(_("%u approved, %u printed"), v->doc.copies,
	    v->doc.copies_printed);
}

char *
docfmt_intro(const struct docview *v)
{
	char *name = docfmt_name(v), *copies = docfmt_copies(v), *out;

	out = xasprintf(_("%s\nKind: %s.  State: %s.  Drafter: %s.\n"
	    "Copies: %s."), name, doc_kind_label((enum doc_kind) v->doc.kind),
	    doc_state_label((enum doc_state) v->doc.state), docfmt_user(v,
	    v->doc.drafter_id), copies);
	free(copies);
	free(name);
	return out;
}

const char *
docfmt_user(const struct docview *v, uint64_t id)
{
	size_t i;

	for (i = 0; i < v->nusers; i++)
		if (v->users[i].id == id)
			return v->users[i].full_name != NULL &&
			    *v->users[i].full_name != '\0' ?
			    v->users[i].full_name : v->users[i].name;
	return "-";
}

const struct rec_application *
docfmt_pending_app(const struct docview *v)
{
	size_t i;

	for (i = 0; i < v->napps; i++)
		if (v->apps[i].state == APP_PENDING)
			return &v->apps[i];
	return NULL;
}

const struct rec_approval *
docfmt_issuance(const struct docview *v)
{
	size_t i;

	for (i = v->napprovals; i > 0; i--)
		if (v->approvals[i - 1].version == v->doc.version &&
		    v->approvals[i - 1].action == APPROVAL_ISSUE)
			return &v->approvals[i - 1];
	return NULL;
}

/* -- Numbers as typed --------------------------------------------------- */

/* TEXT with full-width digits, minus and comma made ASCII, and the
 * ideographic space a space (a new string). */
static char *
docfmt_narrow(const char *text)
{
	char *out = xcalloc(strlen(text) + 1, 1), *o = out;
	const char *p = text;
	uint32_t cp;
	size_t n;

	while (*p != '\0') {
		if ((n = text_utf8_decode(p, strlen(p), &cp)) == 0)
			break;
		if (cp >= 0xff10 && cp <= 0xff19)
			*o++ = (char) ('0' + (cp - 0xff10));
		else if (cp == 0xff0d)
			*o++ = '-';
		else if (cp == 0xff0c || cp == 0x3001 || cp == 0x3000)
			*o++ = cp == 0x3000 ? ' ' : ',';
		else
			o += text_utf8_encode(cp, o);
		p += n;
	}
	*o = '\0';
	return out;
}

/* A number of 1..MAX at *P (digits only), moving *P past it. */
static int
docfmt_take(const char **p, uint32_t max, uint32_t *out)
{
	unsigned long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	for (; **p >= '0' && **p <= '9'; (*p)++)
		if ((v = v * 10 + (unsigned long) (**p - '0')) > max)
			return -1;
	if (v == 0)
		return -1;
	*out = (uint32_t) v;
	return 0;
}

enum status
docfmt_number(const char *text, uint32_t max, uint32_t *out)
{
	char *s = docfmt_narrow(text);
	const char *p = s;
	enum status rc = STATUS_INVALID;

	while (*p == ' ')
		p++;
	if (docfmt_take(&p, max, out) == 0) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			rc = STATUS_OK;
	}
	free(s);
	return rc;
}

/* Add FROM..TO to *NOS. */
static enum status
docfmt_add_range(uint32_t from, uint32_t to, uint32_t **nos, size_t *n)
{
	uint32_t c;

	if (to < from || to - from >= DOC_COPIES_MAX)
		return STATUS_INVALID;
	*nos = xrealloc(*nos, (*n + (to - from) + 1) * sizeof **nos);
	for (c = from; c <= to; c++)
		(*nos)[(*n)++] = c;
	return STATUS_OK;
}

enum status
docfmt_copy_numbers(const char *text, uint32_t **nos, size_t *n)
{
	char *s = docfmt_narrow(text);
	const char *p = s;
	uint32_t from, to;
	enum status rc = STATUS_OK;

	*nos = NULL;
	*n = 0;
	while (rc == STATUS_OK) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		if (docfmt_take(&p, UINT32_MAX, &from) != 0) {
			rc = STATUS_INVALID;
			break;
		}
		to = from;
		if (*p == '-' && (p++, docfmt_take(&p, UINT32_MAX, &to)) != 0)
			rc = STATUS_INVALID;
		else
			rc = docfmt_add_range(from, to, nos, n);
	}
	if (rc == STATUS_OK && *n == 0)
		rc = STATUS_INVALID;
	if (rc != STATUS_OK) {
		free(*nos);
		*nos = NULL;
		*n = 0;
	}
	free(s);
	return rc;
}
