/*
 * compose.c -- a document version and its seal as the render layer
 * draws them (struct render_doc, struct impression_spec).
 *
 * The drafter's text carries lines the layout writes by itself: the
 * recipients line ("…：") at the top of the body and the attachment note
 * ("附件：…") at its end.  They are taken out here so that they are not
 * printed twice.  A table form's rows ("label：value", import.c) are
 * padded here so that their values stand in one column.  Everything is
 * derived from the records alone, in a fixed way: the original drawn at
 * sealing and each copy drawn at printing must come out the same but
 * for the copy number.
 *
 * This file must not read the store, the clock or the environment
 * (the date is the sign-off's, in the bureau's local time, as the
 * document number's year is).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/crypto.h"
#include "print/print_int.h"

static const char *
compose_keep(struct compose *c, char *s)
{
	if (c->nowned == sizeof c->owned / sizeof c->owned[0]) {
		free(s);
		return "";
	}
	c->owned[c->nowned++] = s;
	return s;
}

void
compose_free(struct compose *c)
{
	size_t i;

	for (i = 0; i < c->nowned; i++)
		free(c->owned[i]);
	memset(c, 0, sizeof *c);
}

int64_t
compose_issued_at(const struct rec_approval *approvals, size_t n,
    uint32_t version)
{
	int64_t at = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (approvals[i].version != version)
			continue;
		if (approvals[i].action == APPROVAL_ISSUE)
			at = approvals[i].time;
		else if (approvals[i].action == APPROVAL_RETURN)
			at = 0;
	}
	return at;
}

/* -- The body -------------------------------------------------------------- */

/* P without leading spaces, ideographic ones included. */
static const char *
compose_skip_space(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (strncmp(p, "\xe3\x80\x80", 3) == 0)	/* U+3000 */
			p += 3;
		else
			return p;
	}
}

/* Non-zero when the paragraph P (LEN bytes) is TEXT followed by a colon,
 * full-width or not. */
static int
compose_is_label(const char *p, size_t len, const char *text)
{
	size_t n = strlen(text);
	const char *q = compose_skip_space(p);

	len -= (size_t) (q - p);
	if (len < n || strncmp(q, text, n) != 0)
		return 0;
	q += n;
	len -= n;
	return (len == 3 && strncmp(q, "：", 3) == 0) ||
	    (len == 1 && *q == ':');
}

/*
 * Non-zero when paragraph P (LEN bytes) is (a line of) the attachment
 * note: "附件：…", or "2．…" for the later names of a numbered one, and
 * naming one of C's attachments -- a numbered paragraph of the text
 * itself names none.
 */
static int
compose_is_note(const struct compose *c, const char *p, size_t len)
{
	const char *q = compose_skip_space(p), *end = p + len;
	size_t i;

	if ((end - q >= 9 && strncmp(q, "附件：", 9) == 0) ||
	    (end - q >= 7 && strncmp(q, "附件:", 7) == 0))
		q = end;
	while (q < end && *q >= '0' && *q <= '9')
		q++;
	if (q == compose_skip_space(p) ||
	    (q < end && strncmp(q, "．", 3) != 0 && *q != '.'))
		return 0;
	for (i = 0; i < c->doc.n_attachments; i++)
		if (memmem(p, len, c->att[i].title,
		    strlen(c->att[i].title)) != NULL)
			return 1;
	return 0;
}

/*
 * BODY without a first paragraph that is the recipients line and
 * without the trailing attachment note (C's attachments are known).
 */
static char *
compose_body(const struct compose *c, const char *body,
    const char *recipients)
{
	const char *start = body, *end, *nl, *last;

	nl = strchr(start, '\n');
	end = nl != NULL ? nl : start + strlen(start);
	if (recipients != NULL && *recipients != '\0' &&
	    compose_is_label(start, (size_t) (end - start), recipients))
		start = nl != NULL ? nl + 1 : end;

	end = start + strlen(start);
	while (c->doc.n_attachments > 0 && end > start) {
		while (end > start && end[-1] == '\n')
			end--;
		for (last = end; last > start && last[-1] != '\n'; last--)
			;
		if (!compose_is_note(c, last, (size_t) (end - last)))
			break;
		end = last;
	}
	while (end > start && end[-1] == '\n')
		end--;
	return xstrndup(start, (size_t) (end - start));
}

/* -- Table forms ----------------------------------------------------------- */

#define COMPOSE_TABLE_COL_MAX	10	/* characters, label and colon */
#define COMPOSE_IDEO_SPACE	"\u3000"

/* Characters (grid cells) that the S bytes at P take. */
static size_t
compose_cells(const char *p, size_t n)
{
	char *s = xstrndup(p, n);
	size_t w = (text_width(s) + 1) / 2;

	free(s);
	return w;
}

/* Non-zero for a continuation line: it starts with an ideographic
 * space (import.c indents further lines of a value so). */
static int
compose_is_continuation(const char *line)
{
	return strncmp(line, COMPOSE_IDEO_SPACE, 3) == 0;
}

/* The value column: the longest label and its colon, within bounds. */
static size_t
compose_table_col(const char *body)
{
	const char *p, *colon, *nl;
	size_t col = 2, w;

	for (p = body; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		colon = strstr(p, "：");
		if (compose_is_continuation(p) || colon == NULL || colon > nl)
			continue;
		w = compose_cells(p, (size_t) (colon - p)) + 1;
		if (w > col && w <= COMPOSE_TABLE_COL_MAX)
			col = w;
	}
	return col;
}

/* BODY's rows with each value moved to column COL: labels and
 * continuation lines padded with ideographic spaces. */
static char *
compose_table_rows(const char *body, size_t col)
{
	const char *p, *colon, *nl, *v;
	struct buf b;
	size_t w;

	buf_init(&b);
	for (p = body; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		colon = strstr(p, "：");
		if (compose_is_continuation(p)) {
			for (v = p; compose_is_continuation(v); v += 3)
				continue;
			w = 0;
		} else if (colon != NULL && colon < nl) {
			v = colon + 3;
			buf_add(&b, p, (size_t) (v - p));
			w = compose_cells(p, (size_t) (colon - p)) + 1;
		} else {
			v = p;
			w = col;
		}
		for (; w < col; w++)
			buf_add(&b, COMPOSE_IDEO_SPACE, 3);
		buf_add(&b, v, (size_t) (nl - v));
		buf_add_u8(&b, '\n');
	}
	buf_add_u8(&b, '\0');
	return (char *) b.data;
}

/* A table form drafted in eseal has its rows as the body (import.c):
 * set them as a table.  An imported table document's body is free
 * text and stays as it is, and so does the empty body of one drafted
 * before the rows were made. */
static void
compose_table(struct compose *out, const struct rec_doc *doc,
    const struct doc_content *c)
{
	size_t col;

	if (doc->kind != DOC_LIT_TABLE || c->form == NULL ||
	    out->doc.body == NULL || *out->doc.body == '\0')
		return;
	col = compose_table_col(out->doc.body);
	out->doc.body = compose_keep(out, compose_table_rows(out->doc.body,
	    col));
	out->doc.table_col = (int) col;
}

/* -- Attachments ----------------------------------------------------------- */

/* The start of the line of TEXT that is exactly NAME, or NULL. */
static const char *
compose_find_line(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return p;
		p = strchr(p, '\n');
		p = p != NULL ? p + 1 : NULL;
	}
	return NULL;
}

/* The attachments named in C's "attachment: NAME" lines, with the text
 * that follows each name in C's attachment part. */
static void
compose_attachments(struct compose *out, const struct doc_content *c)
{
	const char *extra = c->extra != NULL ? c->extra : "";
	const char *text = c->attachments != NULL ? c->attachments : "";
	const char *p, *from, *to;
	size_t n = 0, i, len;

	for (p = extra; *p != '\0' && n < COMPOSE_ATTACH_MAX;
	    p += len + (p[len] == '\n')) {
		len = strcspn(p, "\n");
		if (len > 12 && strncmp(p, "attachment: ", 12) == 0)
			out->att[n++].title = compose_keep(out,
			    xstrndup(p + 12, len - 12));
	}
	for (i = 0; i < n; i++) {
		from = compose_find_line(text, out->att[i].title);
		if (from == NULL)
			continue;
		from += strlen(out->att[i].title);
		from += *from == '\n';
		to = i + 1 < n ?
		    compose_find_line(from, out->att[i + 1].title) : NULL;
		if (to == NULL)
			to = from + strlen(from);
		while (to > from && to[-1] == '\n')
			to--;
		if (to > from)
			out->att[i].body = compose_keep(out,
			    xstrndup(from, (size_t) (to - from)));
	}
	out->doc.attachments = n > 0 ? out->att : NULL;
	out->doc.n_attachments = n;
}

/* -- The whole ------------------------------------------------------------- */

static void
compose_marks(struct compose *out, const struct rec_doc *doc,
    const struct doc_content *c, const struct rec_version *v)
{
	static const enum render_class classes[] = {
		[CLASS_NONE] = RENDER_CLASS_NONE,
		[CLASS_SECRET] = RENDER_CLASS_SECRET,
		[CLASS_CONFIDENTIAL] = RENDER_CLASS_CONFIDENTIAL,
		[CLASS_TOP_SECRET] = RENDER_CLASS_TOP_SECRET
	};
	char *number;

	if (c->classification <= CLASS_TOP_SECRET)
		out->doc.classification = classes[c->classification];
	if (out->doc.classification != RENDER_CLASS_NONE &&
	    v->classification_period != NULL)
		out->doc.class_period = v->classification_period;
	/* 平件 (normal) carries no mark. */
	if (c->urgency == URGENCY_URGENT)
		out->doc.urgency = RENDER_URGENCY_URGENT;
	else if (c->urgency == URGENCY_VERY_URGENT)
		out->doc.urgency = RENDER_URGENCY_VERY_URGENT;
	number = docnum_format(doc->number_prefix != NULL ?
	    doc->number_prefix : "", doc->number_year, doc->number_seq);
	out->doc.doc_number = *number != '\0' ? compose_keep(out, number) :
	    NULL;
	if (*number == '\0')
		free(number);
	/* Official documents carry the issuer's red masthead, 文件格式. */
	if ((doc->kind == DOC_OFFICIAL_ADMIN ||
	    doc->kind == DOC_OFFICIAL_OFFICE) && v->issuing_body != NULL &&
	    *v->issuing_body != '\0')
		out->doc.masthead = compose_keep(out, xasprintf("%s文件",
		    v->issuing_body));
}

/* The seal's picture, at the size registered in its SESeal. */
static void
compose_seal(struct compose *out, const struct rec_seal *seal)
{
	struct ses_seal s;

	out->seal.name = seal->owner_body;
	out->seal.lower = seal->purpose;
	out->seal.png = seal->impression.data;
	out->seal.png_len = seal->impression.len;
	if (seal->seal_der.len > 0 && ses_seal_parse(seal->seal_der.data,
	    seal->seal_der.len, &s) == STATUS_OK) {
		if (s.width_mm > 0 && s.width_mm <= 100)
			out->seal.diameter_mm = (double) s.width_mm;
		ses_seal_free(&s);
	}
}

enum status
compose_make(const struct rec_doc *doc, const struct rec_version *v,
    const struct rec_seal *seal, int64_t issued_at, struct compose *out)
{
	struct doc_content c;
	time_t t = (time_t) issued_at;
	struct tm tm;
	enum status rc;

	memset(out, 0, sizeof *out);
	if (issued_at == 0)
		return STATUS_NOT_ISSUED;
	if (localtime_r(&t, &tm) == NULL)
		return STATUS_INVALID;
	if ((rc = doc_content_from_version(v, &c)) != STATUS_OK)
		return rc;

	compose_marks(out, doc, &c, v);
	compose_attachments(out, &c);
	out->doc.numbered = 1;
	out->doc.title = v->title;
	out->doc.recipients = v->recipients != NULL && *v->recipients != '\0' ?
	    v->recipients : NULL;
	out->doc.body = compose_keep(out, compose_body(out, v->body != NULL ?
	    v->body : "", v->recipients));
	compose_table(out, doc, &c);
	out->doc.issuer = v->issuing_body;
	out->doc.year = tm.tm_year + 1900;
	out->doc.month = tm.tm_mon + 1;
	out->doc.day = tm.tm_mday;
	out->doc.sealed = 1;
	compose_seal(out, seal);
	doc_content_free(&c);
	return STATUS_OK;
}
