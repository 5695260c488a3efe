/*
 * import.c -- the plain-text document format: encoding detection, the
 * "key: value" header, the body and its attachments.
 *
 * The whole text passes the sanitizer once, right after decoding, so no
 * control character or escape sequence reaches a record.  This file must
 * not record anything or decide permissions: it only reads.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/form.h"
#include "core/import.h"
#include "core/printable.h"

/* What the header has said so far, to refuse a key given twice. */
struct import_state {
	struct doc_content	*c;
	struct import_error	*err;
	struct buf		 extra;		/* unknown keys, verbatim */
	char			*names[8];	/* attachment names, in order */
	unsigned		 nnames;
	unsigned		 seen;		/* bit per import_keys row */
	int			 leader_given;
	unsigned		 approvers;	/* how many the header names */
};

typedef enum status (*import_key_fn)(struct import_state *, const char *);

/* Refuse TEXT (N bytes) when it holds a character eseal cannot print,
 * naming it: a box in the signed original is worse than a refusal. */
static enum status
import_printable(struct import_state *s, const char *text, size_t n)
{
	char name[PRINTABLE_NAME_MAX];
	uint32_t bad = printable_find(text, n);

	if (bad == 0)
		return STATUS_OK;
	printable_name(bad, name, sizeof name);
	snprintf(s->err->what_buf, sizeof s->err->what_buf,
	    _("the character %s cannot be printed: the document fonts have no such character"),
	    name);
	s->err->what = s->err->what_buf;
	return STATUS_IMPORT_FORMAT;
}

static enum status
import_fail(struct import_state *s, const char *what)
{
	s->err->what = what;
	return STATUS_IMPORT_FORMAT;
}

static enum status
import_too_large(struct import_state *s)
{
	snprintf(s->err->what_buf, sizeof s->err->what_buf,
	    _("the document is larger than %u KiB, the most one document may hold (text and attachments together)"),
	    IMPORT_MAX_KIB);
	s->err->what = s->err->what_buf;
	return STATUS_IMPORT_FORMAT;
}

static int
import_yes_no(const char *v)
{
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	return -1;
}

static enum status
import_kind(struct import_state *s, const char *v)
{
	int k = doc_kind_parse(v);

	if (k < 0)
		return import_fail(s, _("unknown kind of document"));
	s->c->kind = (uint8_t) k;
	return STATUS_OK;
}

static enum status
import_string(char **field, const char *v)
{
	free(*field);
	*field = *v != '\0' ? xstrdup(v) : NULL;
	return STATUS_OK;
}

static enum status
import_title(struct import_state *s, const char *v)
{
	if (*v == '\0')
		return import_fail(s, _("the title is empty"));
	return import_string(&s->c->title, v);
}

static enum status
import_recipients(struct import_state *s, const char *v)
{
	return import_string(&s->c->recipients, v);
}

static enum status
import_issuing_body(struct import_state *s, const char *v)
{
	return import_string(&s->c->issuing_body, v);
}

static enum status
import_class_period(struct import_state *s, const char *v)
{
	return import_string(&s->c->classification_period, v);
}

static enum status
import_form_key(struct import_state *s, const char *v)
{
	return import_string(&s->c->form, v);
}

static enum status
import_classification(struct import_state *s, const char *v)
{
	int c = doc_class_parse(v);

	if (c < 0)
		return import_fail(s, _("unknown classification; use none, "
		    "secret, confidential or top-secret"));
	s->c->classification = (uint8_t) c;
	return STATUS_OK;
}

static enum status
import_urgency(struct import_state *s, const char *v)
{
	int u = doc_urgency_parse(v);

	if (u < 0)
		return import_fail(s, _("unknown urgency; use none, normal, "
		    "urgent or very-urgent"));
	s->c->urgency = (uint8_t) u;
	return STATUS_OK;
}

static enum status
import_mode(struct import_state *s, const char *v)
{
	int m = doc_mode_parse(v);

	if (m < 0)
		return import_fail(s, _("unknown seal mode; use electronic or "
		    "traditional"));
	s->c->seal_mode = (uint8_t) m;
	return STATUS_OK;
}

static enum status
import_flag(struct import_state *s, const char *v, uint8_t *flag)
{
	int yn = import_yes_no(v);

	if (yn < 0)
		return import_fail(s, _("expected yes or no"));
	*flag = (uint8_t) yn;
	return STATUS_OK;
}

static enum status
import_special(struct import_state *s, const char *v)
{
	return import_flag(s, v, &s->c->special_number);
}

static enum status
import_batch(struct import_state *s, const char *v)
{
	return import_flag(s, v, &s->c->batch);
}

static enum status
import_leader(struct import_state *s, const char *v)
{
	s->leader_given = 1;
	return import_flag(s, v, &s->c->leader_in_charge);
}

static enum status
import_copies(struct import_state *s, const char *v)
{
	unsigned long n;
	char *end;

	n = strtoul(v, &end, 10);
	if (end == v || *end != '\0' || n < 1 || n > DOC_COPIES_MAX)
		return import_fail(s, _("copies must be a number from 1 to 9999"));
	s->c->copies = (uint32_t) n;
	return STATUS_OK;
}

static enum status
import_attachment(struct import_state *s, const char *v)
{
	if (*v == '\0')
		return import_fail(s, _("the attachment has no name"));
	if (s->nnames == sizeof s->names / sizeof s->names[0])
		return import_fail(s, _("too many attachments"));
	s->names[s->nnames++] = xstrdup(v);
	buf_add(&s->extra, "attachment: ", 12);
	buf_add(&s->extra, v, strlen(v));
	buf_add_u8(&s->extra, '\n');
	return STATUS_OK;
}

/* Kept for the record, not acted on: the acting user is the drafter of
 * record, and the chain comes from the rules, not from names. */
static enum status
import_keep(struct import_state *s, const char *key, const char *v)
{
	buf_add(&s->extra, key, strlen(key));
	buf_add(&s->extra, ": ", 2);
	buf_add(&s->extra, v, strlen(v));
	buf_add_u8(&s->extra, '\n');
	return STATUS_OK;
}

static enum status
import_drafter(struct import_state *s, const char *v)
{
	return import_keep(s, "drafter", v);
}

/* Approvers are separated by full-width or ASCII semicolons. */
static enum status
import_approvers(struct import_state *s, const char *v)
{
	const char *p = v;

	s->approvers = *v != '\0';
	while ((p = strpbrk(p, ";\xef")) != NULL) {
		if (*p == ';')
			s->approvers++, p++;
		else if (strncmp(p, "\xef\xbc\x9b", 3) == 0)	/* ； */
			s->approvers++, p += 3;
		else
			p++;
	}
	return import_keep(s, "approvers", v);
}

static const struct import_key {
	const char	*key;
	import_key_fn	 fn;
	int		 repeatable;
} import_keys[] = {
	{ "kind",			import_kind,		0 },
	{ "title",			import_title,		0 },
	{ "recipients",			import_recipients,	0 },
	{ "issuing-body",		import_issuing_body,	0 },
	{ "classification",		import_classification,	0 },
	{ "classification-period",	import_class_period,	0 },
	{ "urgency",			import_urgency,		0 },
	{ "special-number",		import_special,		0 },
	{ "seal-mode",			import_mode,		0 },
	{ "copies",			import_copies,		0 },
	{ "batch",			import_batch,		0 },
	{ "leader-in-charge",		import_leader,		0 },
	{ "form",			import_form_key,	0 },
	{ "drafter",			import_drafter,		0 },
	{ "approvers",			import_approvers,	0 },
	{ "attachment",			import_attachment,	1 },
};

#define IMPORT_NKEYS	(sizeof import_keys / sizeof import_keys[0])

static int
import_key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
	    || ch == '-' || ch == '_';
}

/* One header line, NUL-terminated, without its newline. */
static enum status
import_header_line(struct import_state *s, char *line)
{
	char *colon = strchr(line, ':'), *v;
	size_t i, klen;

	if (colon == NULL || colon == line)
		return import_fail(s, _("not a 'key: value' line"));
	klen = (size_t) (colon - line);
	for (i = 0; i < klen; i++)
		if (!import_key_char(line[i]))
			return import_fail(s, _("not a 'key: value' line"));
	*colon = '\0';
	snprintf(s->err->key, sizeof s->err->key, "%s", line);
	for (v = colon + 1; *v == ' '; v++)
		continue;
	for (i = strlen(v); i > 0 && v[i - 1] == ' '; i--)
		v[i - 1] = '\0';
	if (import_printable(s, v, strlen(v)) != STATUS_OK)
		return STATUS_IMPORT_FORMAT;

	for (i = 0; i < IMPORT_NKEYS; i++) {
		if (strcmp(import_keys[i].key, line) != 0)
			continue;
		if ((s->seen & (1u << i)) && !import_keys[i].repeatable)
			return import_fail(s, _("this key is given twice"));
		s->seen |= 1u << i;
		return import_keys[i].fn(s, v);
	}
	return import_keep(s, line, v);
}

/* The next line of *P (NUL-terminating it in place), or NULL at the end. */
static char *
import_next_line(char **p)
{
	char *line = *p, *nl;

	if (*line == '\0')
		return NULL;
	nl = strchr(line, '\n');
	if (nl != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = line + strlen(line);
	}
	return line;
}

static char *
import_trimmed(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return n > 0 ? xstrndup(s, n) : NULL;
}

/* Is there a line holding exactly NAME in TEXT?  Its start, or NULL. */
static char *
import_find_line(char *text, const char *name)
{
	size_t n = strlen(name);
	char *p = text;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return p;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

/* Split REST into the body and the attachments that follow it. */
static void
import_body(struct import_state *s, char *rest)
{
	char *first = NULL;
	unsigned i;

	if (s->nnames > 0)
		first = import_find_line(rest, s->names[0]);
	for (i = 1; first != NULL && i < s->nnames; i++)
		if (import_find_line(first, s->names[i]) == NULL)
			first = NULL;	/* not all there: keep it all as body */

	if (first == NULL) {
		s->c->body = import_trimmed(rest, strlen(rest));
		return;
	}
	s->c->body = import_trimmed(rest, (size_t) (first - rest));
	s->c->attachments = import_trimmed(first, strlen(first));
}

static enum status
import_header(struct import_state *s, char **p)
{
	enum status st;
	char *line;

	for (;;) {
		line = import_next_line(p);
		if (line == NULL)
			return import_fail(s, _("no blank line after the header"));
		s->err->line++;
		if (*line == '\0')
			return STATUS_OK;
		s->err->key[0] = '\0';
		if ((st = import_header_line(s, line)) != STATUS_OK)
			return st;
	}
}

/* The body and attachments after the header: each line checked, so
 * the refusal names the file's line. */
static enum status
import_text_printable(struct import_state *s, const char *p)
{
	unsigned header = s->err->line;
	size_t len;

	snprintf(s->err->key, sizeof s->err->key, "body");
	for (; *p != '\0'; p += len + (p[len] == '\n')) {
		len = strcspn(p, "\n");
		s->err->line++;
		if (import_printable(s, p, len) != STATUS_OK)
			return STATUS_IMPORT_FORMAT;
	}
	s->err->key[0] = '\0';
	s->err->line = header;
	return STATUS_OK;
}

/* What the header must have said, and what it implies. */
static enum status
import_finish(struct import_state *s)
{
	s->err->key[0] = '\0';
	if (!(s->seen & 1u)) {
		snprintf(s->err->key, sizeof s->err->key, "kind");
		return import_fail(s, _("the header has no 'kind'"));
	}
	if (s->c->title == NULL) {
		snprintf(s->err->key, sizeof s->err->key, "title");
		return import_fail(s, _("the header has no 'title'"));
	}
	if (!s->leader_given && s->approvers >= 2)
		s->c->leader_in_charge = 1;
	if (s->extra.len > 0)
		s->c->extra = xstrndup((const char *) s->extra.data,
		    s->extra.len);
	return STATUS_OK;
}

enum status
import_parse(const char *data, size_t n, struct doc_content *c,
    enum import_encoding *enc, struct import_error *err)
{
	struct import_state s;
	char *text = NULL, *clean = NULL, *p;
	enum status st;
	unsigned i;

	memset(&s, 0, sizeof s);
	memset(err, 0, sizeof *err);
	doc_content_init(c);
	c->kind = DOC__KIND_COUNT;
	s.c = c;
	s.err = err;
	buf_init(&s.extra);
	if (n == 0) {
		st = import_fail(&s, _("the file is empty"));
		goto out;
	}
	if (n > IMPORT_MAX_BYTES) {
		st = import_too_large(&s);
		goto out;
	}
	if ((st = import_decode(data, n, &text, enc)) != STATUS_OK)
		goto out;
	if (strlen(text) > IMPORT_MAX_BYTES) {	/* GB18030 grows in UTF-8 */
		st = import_too_large(&s);
		goto out;
	}

	clean = text_sanitize(text, strlen(text), 1);
	p = clean;
	if ((st = import_header(&s, &p)) != STATUS_OK)
		goto out;
	if ((st = import_text_printable(&s, p)) != STATUS_OK)
		goto out;
	import_body(&s, p);
	st = import_finish(&s);

out:
	for (i = 0; i < s.nnames; i++)
		free(s.names[i]);
	buf_free(&s.extra);
	free(clean);
	free(text);
	return st;
}

enum status
import_decode(const char *data, size_t n, char **out,
    enum import_encoding *enc)
{
	*out = NULL;
	if (text_utf8_valid(data, n) && memchr(data, '\0', n) == NULL) {
		if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
			data += 3, n -= 3;
		*out = xstrndup(data, n);
		*enc = IMPORT_UTF8;
		return STATUS_OK;
	}
	if (memchr(data, '\0', n) != NULL)
		return STATUS_ENCODING;
	*enc = IMPORT_GB18030;
	return text_from_gb18030(data, n, out);
}

const char *
import_encoding_name(enum import_encoding enc)
{
	return enc == IMPORT_GB18030 ? "GB18030" : "UTF-8";
}

/* A form value as one header line: the sanitizer's job is done later,
 * but a newline here would start a header line of its own. */
static void
import_form_line(struct buf *b, const char *key, const char *v)
{
	buf_add(b, key, strlen(key));
	buf_add(b, ": ", 2);
	for (; *v != '\0'; v++)
		buf_add_u8(b, *v == '\n' || *v == '\r' ? ' ' : *v);
	buf_add_u8(b, '\n');
}

static const char *
import_form_value(const struct form *f, const char *const *values,
    const char *name)
{
	int i = form_field_index(f, name);

	return i >= 0 && values[i] != NULL ? values[i] : "";
}

/* Non-zero for a field that says something about the document rather
 * than in it: a header key (printed in its own place, or a flag). */
static int
import_form_header_field(const char *name)
{
	size_t i;

	if (strcmp(name, "body") == 0 || strcmp(name, "attachment-text") == 0)
		return 1;
	for (i = 0; i < IMPORT_NKEYS; i++)
		if (strcmp(import_keys[i].key, name) == 0)
			return 1;
	return 0;
}

/* What FIELD's VALUE reads as on paper: a choice by its label. */
static const char *
import_form_shown(const struct form_field *field, const char *v)
{
	const struct form_choice *ch;

	if (field->type == FORM_CHOICE && (ch = form_choice_find(field,
	    v)) != NULL)
		return form_text_get(&ch->label, "zh_CN");
	return v;
}

/* One "label：value" line; further lines of a text field follow as
 * paragraphs of their own, indented two ideographic spaces.  An empty
 * value of a fill-in form is a blank to fill by hand. */
static void
import_form_row(struct buf *b, const struct form_field *field,
    const char *v, int fill_in)
{
	const char *label = form_text_get(&field->label, "zh_CN");
	const char *p;

	buf_add(b, label, strlen(label));
	buf_add(b, "：", strlen("："));
	if (*v == '\0' && fill_in)
		v = "____________________";
	for (p = v; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		buf_add_u8(b, *p);
		if (*p == '\n')
			buf_add(b, "\u3000\u3000", 6);
	}
	buf_add_u8(b, '\n');
}

/*
 * The body of a form that has no "body" field (table and fill-in forms):
 * its own fields as "label：value" lines, so that what the approver
 * reads, the clerk seals and the copies print is what was filled in
 * (Art. 9, 12).  The labels are the form's Chinese ones, whatever the
 * drafter's screen language: the document is the bureau's.
 */
static void
import_form_body(const struct form *f, const char *const *values,
    struct buf *b)
{
	int fill_in = strcmp(f->kind, "litigation-fill-in") == 0;
	size_t i;

	for (i = 0; i < f->nfields; i++) {
		if (import_form_header_field(f->fields[i].name))
			continue;
		import_form_row(b, &f->fields[i], import_form_shown(
		    &f->fields[i], values[i] != NULL ? values[i] : ""),
		    fill_in);
	}
}

enum status
import_form(const struct form *f, const char *const *values,
    struct doc_content *c, struct import_error *err)
{
	const char *att = import_form_value(f, values, "attachment");
	enum import_encoding enc;
	enum status rc;
	struct buf b;
	size_t i;

	buf_init(&b);
	if (form_field_index(f, "kind") < 0)
		import_form_line(&b, "kind", f->kind);
	import_form_line(&b, "form", f->id);
	for (i = 0; i < f->nfields; i++) {
		const char *name = f->fields[i].name;

		if (values[i] == NULL || *values[i] == '\0' ||
		    strcmp(name, "body") == 0 ||
		    strcmp(name, "attachment-text") == 0)
			continue;
		import_form_line(&b, name, values[i]);
	}

	buf_add_u8(&b, '\n');
	if (form_field_index(f, "body") < 0)
		import_form_body(f, values, &b);
	buf_add(&b, import_form_value(f, values, "body"),
	    strlen(import_form_value(f, values, "body")));
	if (*att != '\0') {
		buf_add_u8(&b, '\n');
		buf_add(&b, att, strlen(att));
		buf_add_u8(&b, '\n');
		buf_add(&b, import_form_value(f, values, "attachment-text"),
		    strlen(import_form_value(f, values, "attachment-text")));
	}
	rc = import_parse((const char *) b.data, b.len, c, &enc, err);
	buf_free(&b);
	return rc;
}
