/*
 * stamp.c -- a printed copy made from the sealed original without
 * drawing the document again: the original's PDF written out afresh
 * with the copy's number laid over its first page.  The number itself
 * is drawn by the render layer (render_copy_numbers: one page a copy,
 * the line where the layout puts the 份号), and its page's content and
 * fonts are carried into the copy as a form XObject.
 *
 * The copy is a whole rewrite, not an incremental update (ISO 32000-1,
 * 7.5.6) appended to the original: a copy that began with the signed
 * bytes would be the original again once cut at its length (Art. 4),
 * and copies leave the workstation (a folder printer's files, the CUPS
 * spool).  So no prefix of a copy, and no stretch of it, is the signed
 * original.  What a copy holds:
 *
 *   the original's header and every object of it in its order, byte
 *   for byte, but page 1, written again with its contents wrapped as
 *   [q original Q-and-stamp] and its resources a new object;
 *   the stamp page's content as a form, and every object its
 *   resources reach (fonts, their files and lengths), renumbered
 *   after the original's last object;
 *   two small content streams, "q" and "Q /EsealCopyNo Do";
 *   page 1's resources again, with the form among its XObjects;
 *   one cross-reference table for all of it and a trailer without
 *   /Prev.
 *
 * It reads only what cairo writes: one cross-reference table, one
 * trailer, no object streams, no encryption.  Anything else is
 * STATUS_UNSUPPORTED, and the job then draws that copy whole as it
 * used to.  It must not change, reorder or re-encode a byte of the
 * original's other objects, and it never parses stream data.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/print_int.h"

/* The name of the stamp among page 1's XObjects; cairo's own are x<N>. */
#define STAMP_XOBJECT	"/EsealCopyNo"

/* The most objects one object of the stamp may refer to: cairo's
 * resources name a few fonts and states. */
#define STAMP_REFS_MAX	256

/* -- Tokens ---------------------------------------------------------------- */

enum stamp_tok {
	TOK_END, TOK_NUM, TOK_NAME, TOK_WORD, TOK_STR, TOK_DICT, TOK_DICT_END,
	TOK_ARR, TOK_ARR_END, TOK_BAD
};

struct stamp_lex {
	const char	*p;
	const char	*end;
	const char	*tok;		/* the last token */
	size_t		 len;
	enum stamp_tok	 type;
};

static int
stamp_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
	    c == '\0';
}

static int
stamp_delim(char c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

static void
stamp_lex_init(struct stamp_lex *x, const char *p, const char *end)
{
	memset(x, 0, sizeof *x);
	x->p = p;
	x->end = end;
}

/* A literal string, X->p just after its '(': nested, with escapes. */
static enum stamp_tok
stamp_string(struct stamp_lex *x)
{
	int depth = 1;

	while (x->p < x->end && depth > 0) {
		if (*x->p == '\\')
			x->p++;
		else if (*x->p == '(')
			depth++;
		else if (*x->p == ')')
			depth--;
		x->p++;
	}
	return depth == 0 ? TOK_STR : TOK_BAD;
}

static enum stamp_tok
stamp_scan(struct stamp_lex *x)
{
	char c = *x->p++;

	if (c == '<' && x->p < x->end && *x->p == '<')
		return x->p++, TOK_DICT;
	if (c == '>' && x->p < x->end && *x->p == '>')
		return x->p++, TOK_DICT_END;
	if (c == '[' || c == ']')
		return c == '[' ? TOK_ARR : TOK_ARR_END;
	if (c == '(')
		return stamp_string(x);
	if (c == '<') {
		while (x->p < x->end && *x->p != '>')
			x->p++;
		return x->p < x->end ? (x->p++, TOK_STR) : TOK_BAD;
	}
	if (c != '/' && stamp_delim(c))
		return TOK_BAD;
	while (x->p < x->end && !stamp_space(*x->p) && !stamp_delim(*x->p))
		x->p++;
	if (c == '/')
		return TOK_NAME;
	return strchr("+-.0123456789", c) != NULL ? TOK_NUM : TOK_WORD;
}

static enum stamp_tok
stamp_next(struct stamp_lex *x)
{
	for (;;) {
		while (x->p < x->end && stamp_space(*x->p))
			x->p++;
		if (x->p < x->end && *x->p == '%') {
			while (x->p < x->end && *x->p != '\n' && *x->p != '\r')
				x->p++;
			continue;
		}
		break;
	}
	x->tok = x->p;
	x->type = x->p < x->end ? stamp_scan(x) : TOK_END;
	x->len = (size_t) (x->p - x->tok);
	return x->type;
}

static int
stamp_is(const struct stamp_lex *x, const char *word)
{
	return x->len == strlen(word) && memcmp(x->tok, word, x->len) == 0;
}

/* A whole value from the token just read: a dictionary or array to its
 * end, "N G R" as one.  Returns the end of the value, NULL when bad. */
static const char *
stamp_skip(struct stamp_lex *x)
{
	struct stamp_lex y;
	int depth = 0;

	do {
		if (x->type == TOK_DICT || x->type == TOK_ARR)
			depth++;
		else if (x->type == TOK_DICT_END || x->type == TOK_ARR_END)
			depth--;
		if (depth < 0 || x->type == TOK_END || x->type == TOK_BAD)
			return NULL;
		if (depth > 0 && stamp_next(x) == TOK_END)
			return NULL;
	} while (depth > 0);
	if (x->type == TOK_NUM) {
		y = *x;
		if (stamp_next(&y) == TOK_NUM && stamp_next(&y) == TOK_WORD &&
		    stamp_is(&y, "R"))
			*x = y;
	}
	return x->p;
}

/* -- Objects --------------------------------------------------------------- */

/* A PDF as cairo writes it. */
struct stamp_pdf {
	const char	*d;
	size_t		 n;
	size_t		*off;		/* object I's offset; 0: free */
	uint32_t	 size;
	uint32_t	 root;
	uint32_t	 info;
	size_t		 xref;		/* where its table starts */
};

/* A text range of D: a value, or an object's dictionary. */
struct stamp_span {
	const char	*p;
	const char	*end;
};

/* The object number of the reference SPAN ("N 0 R"), or 0. */
static uint32_t
stamp_ref(struct stamp_span v)
{
	struct stamp_lex x;
	unsigned long n;

	stamp_lex_init(&x, v.p, v.end);
	if (stamp_next(&x) != TOK_NUM)
		return 0;
	n = strtoul(x.tok, NULL, 10);
	if (stamp_next(&x) != TOK_NUM || stamp_next(&x) != TOK_WORD ||
	    !stamp_is(&x, "R") || stamp_next(&x) != TOK_END)
		return 0;
	return n < UINT32_MAX ? (uint32_t) n : 0;
}

/* The value of KEY in the dictionary DICT; STATUS_NOT_FOUND. */
static enum status
stamp_get(struct stamp_span dict, const char *key, struct stamp_span *v)
{
	struct stamp_lex x;

	stamp_lex_init(&x, dict.p, dict.end);
	if (stamp_next(&x) != TOK_DICT)
		return STATUS_UNSUPPORTED;
	while (stamp_next(&x) == TOK_NAME) {
		int hit = x.len == strlen(key) + 1 &&
		    memcmp(x.tok + 1, key, x.len - 1) == 0;

		if (stamp_next(&x) == TOK_END)
			return STATUS_UNSUPPORTED;
		v->p = x.tok;
		if ((v->end = stamp_skip(&x)) == NULL)
			return STATUS_UNSUPPORTED;
		if (hit)
			return STATUS_OK;
	}
	return x.type == TOK_DICT_END ? STATUS_NOT_FOUND : STATUS_UNSUPPORTED;
}

/* Object NUM's value; *DATA and *LEN its stream's bytes (LEN 0 and DATA
 * NULL when it is no stream). */
static enum status
stamp_obj(const struct stamp_pdf *pdf, uint32_t num, struct stamp_span *v,
    const char **data, size_t *len)
{
	struct stamp_span lv;
	struct stamp_lex x;
	uint32_t lref;
	long n;

	if (num == 0 || num >= pdf->size || pdf->off[num] == 0)
		return STATUS_UNSUPPORTED;
	stamp_lex_init(&x, pdf->d + pdf->off[num], pdf->d + pdf->n);
	if (stamp_next(&x) != TOK_NUM || strtoul(x.tok, NULL, 10) != num ||
	    stamp_next(&x) != TOK_NUM || stamp_next(&x) != TOK_WORD ||
	    !stamp_is(&x, "obj") || stamp_next(&x) == TOK_END)
		return STATUS_UNSUPPORTED;
	v->p = x.tok;
	if ((v->end = stamp_skip(&x)) == NULL || stamp_next(&x) != TOK_WORD)
		return STATUS_UNSUPPORTED;
	*data = NULL;
	*len = 0;
	if (stamp_is(&x, "endobj"))
		return STATUS_OK;
	if (!stamp_is(&x, "stream") || stamp_get(*v, "Length", &lv) !=
	    STATUS_OK)
		return STATUS_UNSUPPORTED;
	if ((lref = stamp_ref(lv)) != 0) {
		const char *d2;
		size_t l2;

		if (stamp_obj(pdf, lref, &lv, &d2, &l2) != STATUS_OK)
			return STATUS_UNSUPPORTED;
	}
	n = strtol(lv.p, NULL, 10);
	*data = x.p + (x.p < x.end && *x.p == '\r') + 1;
	if (n < 0 || *data > x.end || (size_t) (x.end - *data) < (size_t) n)
		return STATUS_UNSUPPORTED;
	*len = (size_t) n;
	return STATUS_OK;
}

/* Object NUM's value, which must be a dictionary (a stream's too). */
static enum status
stamp_dict(const struct stamp_pdf *pdf, uint32_t num, struct stamp_span *v)
{
	const char *data;
	size_t len;
	enum status rc;

	if ((rc = stamp_obj(pdf, num, v, &data, &len)) != STATUS_OK)
		return rc;
	return strncmp(v->p, "<<", 2) == 0 ? STATUS_OK : STATUS_UNSUPPORTED;
}

/* The reference under KEY in DICT, or 0. */
static uint32_t
stamp_get_ref(struct stamp_span dict, const char *key)
{
	struct stamp_span v;

	return stamp_get(dict, key, &v) == STATUS_OK ? stamp_ref(v) : 0;
}

/* -- Reading the cross-reference table ------------------------------------ */

static enum status
stamp_trailer(struct stamp_pdf *pdf, const char *p)
{
	struct stamp_span t, v;

	t.p = p;
	t.end = pdf->d + pdf->n;
	if (stamp_get(t, "Prev", &v) != STATUS_NOT_FOUND ||
	    stamp_get(t, "Encrypt", &v) != STATUS_NOT_FOUND ||
	    stamp_get(t, "Size", &v) != STATUS_OK)
		return STATUS_UNSUPPORTED;
	pdf->size = (uint32_t) strtoul(v.p, NULL, 10);
	pdf->root = stamp_get_ref(t, "Root");
	pdf->info = stamp_get_ref(t, "Info");
	return pdf->root != 0 && pdf->size > 0 && pdf->size < 1000000 ?
	    STATUS_OK : STATUS_UNSUPPORTED;
}

/* The subsections of the table at P; fills PDF->off. */
static enum status
stamp_xref(struct stamp_pdf *pdf, const char *p)
{
	const char *end = pdf->d + pdf->n;
	unsigned long first, count, i;
	char *e;

	while (p < end && strncmp(p, "trailer", 7) != 0) {
		first = strtoul(p, &e, 10);
		if (e == p)
			return STATUS_UNSUPPORTED;
		count = strtoul(e, &e, 10);
		while (e < end && stamp_space(*e))
			e++;
		if (first + count > pdf->size ||
		    (size_t) (end - e) < count * 20)
			return STATUS_UNSUPPORTED;
		for (i = 0; i < count; i++, e += 20)
			if (e[17] == 'n')
				pdf->off[first + i] = strtoul(e, NULL, 10);
		p = e;
	}
	return p < end ? STATUS_OK : STATUS_UNSUPPORTED;
}

static enum status
stamp_read(struct stamp_pdf *pdf, const struct buf *b)
{
	const char *end, *p, *t;
	size_t back;
	enum status rc;

	memset(pdf, 0, sizeof *pdf);
	pdf->d = (const char *) b->data;
	pdf->n = b->len;
	end = pdf->d + pdf->n;
	back = pdf->n < 64 ? pdf->n : 64;
	p = memmem(end - back, back, "startxref", 9);
	if (p == NULL)
		return STATUS_UNSUPPORTED;
	pdf->xref = strtoul(p + 9, NULL, 10);
	if (pdf->xref + 4 >= pdf->n ||
	    strncmp(pdf->d + pdf->xref, "xref", 4) != 0)
		return STATUS_UNSUPPORTED;
	t = memmem(pdf->d + pdf->xref, pdf->n - pdf->xref, "trailer", 7);
	if (t == NULL || (rc = stamp_trailer(pdf, t + 7)) != STATUS_OK)
		return STATUS_UNSUPPORTED;
	pdf->off = xcalloc(pdf->size, sizeof *pdf->off);
	return stamp_xref(pdf, pdf->d + pdf->xref + 4);
}

/* Page INDEX (0-based) of a flat page tree, as cairo writes it. */
static uint32_t
stamp_page(const struct stamp_pdf *pdf, uint32_t index)
{
	struct stamp_span cat, pages, kids;
	struct stamp_lex x;
	uint32_t i;

	if (stamp_dict(pdf, pdf->root, &cat) != STATUS_OK ||
	    stamp_dict(pdf, stamp_get_ref(cat, "Pages"), &pages) !=
	    STATUS_OK || stamp_get(pages, "Kids", &kids) != STATUS_OK)
		return 0;
	stamp_lex_init(&x, kids.p, kids.end);
	if (stamp_next(&x) != TOK_ARR)
		return 0;
	for (i = 0; stamp_next(&x) == TOK_NUM; i++) {
		kids.p = x.tok;
		if ((kids.end = stamp_skip(&x)) == NULL)
			return 0;
		if (i == index)
			return stamp_ref(kids);
	}
	return 0;
}

/* -- Writing --------------------------------------------------------------- */

static void
stamp_printf(struct buf *b, const char *fmt, ...)
{
	char s[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_add(b, s, (size_t) n < sizeof s ? (size_t) n :
		    sizeof s - 1);
}

/* SPAN copied to B (when not NULL) with each reference's number raised
 * by ADD; the first MAX referenced numbers also go to REFS (when not
 * NULL), and *NREFS counts them all. */
static void
stamp_renumber(struct buf *b, struct stamp_span v, uint32_t add,
    uint32_t *refs, size_t *nrefs, size_t max)
{
	struct stamp_lex x, y;
	const char *done = v.p;
	unsigned long n;

	stamp_lex_init(&x, v.p, v.end);
	while (stamp_next(&x) != TOK_END && x.type != TOK_BAD) {
		if (x.type != TOK_NUM)
			continue;
		y = x;
		if (stamp_next(&y) != TOK_NUM || stamp_next(&y) != TOK_WORD ||
		    !stamp_is(&y, "R"))
			continue;
		n = strtoul(x.tok, NULL, 10);
		if (b != NULL) {
			buf_add(b, done, (size_t) (x.tok - done));
			stamp_printf(b, "%lu", n + add);
			done = x.tok + x.len;
		}
		/* Counted past MAX, so that the caller sees it overflow. */
		if (refs != NULL && (*nrefs)++ < max)
			refs[*nrefs - 1] = n < UINT32_MAX ? (uint32_t) n : 0;
		x = y;
	}
	if (b != NULL)
		buf_add(b, done, (size_t) (v.end - done));
}

/* Objects of the stamp PDF M reachable from FROM[0..N), through their
 * dictionaries, in *OUT (numbers ascending); returns how many, 0 when
 * an object refers to more than STAMP_REFS_MAX others. */
static size_t
stamp_closure(const struct stamp_pdf *m, const uint32_t *from, size_t n,
    uint32_t **out)
{
	/* Per object: 0 not reached, 1 reached and to read, 2 read. */
	unsigned char *seen = xcalloc(m->size, 1);
	uint32_t refs[STAMP_REFS_MAX];
	size_t nout = 0, nrefs, i;
	struct stamp_span v;
	const char *data;
	size_t len;
	uint32_t k;
	int more = 1;

	*out = NULL;
	for (i = 0; i < n; i++)
		if (from[i] < m->size)
			seen[from[i]] = 1;
	while (more) {
		more = 0;
		for (k = 1; k < m->size; k++) {
			if (seen[k] != 1)
				continue;
			seen[k] = 2;
			nrefs = 0;
			if (stamp_obj(m, k, &v, &data, &len) == STATUS_OK)
				stamp_renumber(NULL, v, 0, refs, &nrefs,
				    STAMP_REFS_MAX);
			if (nrefs > STAMP_REFS_MAX)
				goto out;
			for (i = 0; i < nrefs; i++)
				if (refs[i] < m->size && seen[refs[i]] == 0)
					seen[refs[i]] = more = 1;
		}
	}
	*out = xcalloc(m->size, sizeof **out);
	for (k = 1; k < m->size; k++)
		if (seen[k])
			(*out)[nout++] = k;
out:
	free(seen);
	return nout;
}

/* One object of the original: where it starts in it. */
struct stamp_entry {
	uint32_t	 num;
	size_t		 off;
};

static int
stamp_entry_cmp(const void *a, const void *b)
{
	const struct stamp_entry *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* Stamp object K of M as object K + ADD; its content stream C becomes
 * the form, with BBOX and the resources R. */
static enum status
stamp_carry(struct buf *out, const struct stamp_pdf *m, uint32_t k,
    uint32_t add, uint32_t c, struct stamp_span bbox, uint32_t r)
{
	struct stamp_span v;
	const char *data;
	size_t len;
	enum status rc;

	if ((rc = stamp_obj(m, k, &v, &data, &len)) != STATUS_OK)
		return rc;
	stamp_printf(out, "%u 0 obj\n", (unsigned) (k + add));
	if (k == c) {
		if (strncmp(v.p, "<<", 2) != 0 || data == NULL)
			return STATUS_UNSUPPORTED;
		buf_add(out, "<< /Type /XObject /Subtype /Form /BBox ", 39);
		buf_add(out, bbox.p, (size_t) (bbox.end - bbox.p));
		stamp_printf(out, " /Resources %u 0 R", (unsigned) (r + add));
		v.p += 2;
	}
	stamp_renumber(out, v, add, NULL, NULL, 0);
	if (data != NULL) {
		buf_add(out, "\nstream\n", 8);
		buf_add(out, data, len);
		buf_add(out, "\nendstream", 10);
	}
	buf_add(out, "\nendobj\n", 8);
	return STATUS_OK;
}

/* A stream object NUM holding TEXT. */
static void
stamp_stream(struct buf *out, uint32_t num, const char *text)
{
	stamp_printf(out, "%u 0 obj\n<< /Length %zu >>\nstream\n%s\n"
	    "endstream\nendobj\n", (unsigned) num, strlen(text), text);
}

/* Page 1's resources again, with the form FORM among its XObjects. */
static enum status
stamp_resources(struct buf *out, const struct stamp_pdf *o,
    struct stamp_span page, uint32_t num, uint32_t form)
{
	struct stamp_span res, xo;
	uint32_t ref;
	enum status rc;

	if ((rc = stamp_get(page, "Resources", &res)) != STATUS_OK)
		return STATUS_UNSUPPORTED;
	if ((ref = stamp_ref(res)) != 0 &&
	    (rc = stamp_dict(o, ref, &res)) != STATUS_OK)
		return rc;
	rc = stamp_get(res, "XObject", &xo);
	if (rc == STATUS_NOT_FOUND)
		xo.p = res.p;		/* a new /XObject right after "<<" */
	else if (rc != STATUS_OK || strncmp(xo.p, "<<", 2) != 0)
		return STATUS_UNSUPPORTED;
	stamp_printf(out, "%u 0 obj\n", (unsigned) num);
	buf_add(out, res.p, (size_t) (xo.p + 2 - res.p));
	stamp_printf(out, rc == STATUS_OK ? " " STAMP_XOBJECT " %u 0 R " :
	    " /XObject << " STAMP_XOBJECT " %u 0 R >> ", (unsigned) form);
	buf_add(out, xo.p + 2, (size_t) (res.end - xo.p - 2));
	buf_add(out, "\nendobj\n", 8);
	return STATUS_OK;
}

/* Page 1 again: its contents wrapped [Q1 old Q2], its resources RES. */
static enum status
stamp_page1(struct buf *out, uint32_t num, struct stamp_span page,
    uint32_t q1, uint32_t q2, uint32_t res)
{
	struct stamp_span c, r, first, second;
	int arr;

	if (stamp_get(page, "Contents", &c) != STATUS_OK ||
	    stamp_get(page, "Resources", &r) != STATUS_OK)
		return STATUS_UNSUPPORTED;
	arr = *c.p == '[';
	if (!arr && stamp_ref(c) == 0)
		return STATUS_UNSUPPORTED;
	first = c.p < r.p ? c : r;
	second = c.p < r.p ? r : c;
	stamp_printf(out, "%u 0 obj\n", (unsigned) num);
	buf_add(out, page.p, (size_t) (first.p - page.p));
	for (;;) {
		if (first.p == c.p) {
			stamp_printf(out, "[ %u 0 R ", (unsigned) q1);
			buf_add(out, c.p + arr,
			    (size_t) (c.end - c.p - 2 * arr));
			stamp_printf(out, " %u 0 R ]", (unsigned) q2);
		} else {
			stamp_printf(out, "%u 0 R", (unsigned) res);
		}
		if (first.p == second.p)
			break;
		buf_add(out, first.end, (size_t) (second.p - first.end));
		first = second;
	}
	buf_add(out, second.end, (size_t) (page.end - second.end));
	buf_add(out, "\nendobj\n", 8);
	return STATUS_OK;
}

/*
 * The original O's header and objects in their order, each copied byte
 * for byte but page 1 (PAGE, object PAGE1), which is written again with
 * its contents wrapped [Q1 old Q1+1] and its resources RES.  An object
 * runs to where the next begins (or the table).  OFFS[num] gets where
 * each starts, counted from BASE.
 */
static enum status
stamp_originals(struct buf *out, size_t base, const struct stamp_pdf *o,
    uint32_t page1, struct stamp_span page, uint32_t q1, uint32_t res,
    size_t *offs)
{
	struct stamp_entry *e = xcalloc(o->size, sizeof *e);
	enum status rc = STATUS_OK;
	size_t n = 0, i, end;
	uint32_t k;

	for (k = 1; k < o->size; k++)
		if (o->off[k] != 0) {
			e[n].num = k;
			e[n++].off = o->off[k];
		}
	qsort(e, n, sizeof *e, stamp_entry_cmp);
	if (n == 0 || e[0].off >= o->xref)
		rc = STATUS_UNSUPPORTED;
	else
		buf_add(out, o->d, e[0].off);

	for (i = 0; i < n && rc == STATUS_OK; i++) {
		end = i + 1 < n ? e[i + 1].off : o->xref;
		if (end <= e[i].off || end > o->n) {
			rc = STATUS_UNSUPPORTED;
			break;
		}
		offs[e[i].num] = out->len - base;
		if (e[i].num == page1)
			rc = stamp_page1(out, page1, page, q1, q1 + 1, res);
		else
			buf_add(out, o->d + e[i].off, end - e[i].off);
	}
	free(e);
	return rc;
}

/* A whole cross-reference table for objects 0 to SIZE - 1 (OFFS[num]
 * 0: free), and a trailer with O's root and information: no /Prev, so
 * that nothing in the copy leads back to the original's own table. */
static void
stamp_finish(struct buf *out, size_t base, const struct stamp_pdf *o,
    const size_t *offs, uint32_t size)
{
	size_t at = out->len - base;
	uint32_t k, next;

	stamp_printf(out, "xref\n0 %u\n", (unsigned) size);
	for (k = 0; k < size; k++) {
		if (k != 0 && offs[k] != 0) {
			stamp_printf(out, "%010zu 00000 n \n", offs[k]);
			continue;
		}
		/* Free: linked to the next free one, the last to 0. */
		for (next = k + 1; next < size && offs[next] != 0; next++)
			continue;
		stamp_printf(out, "%010u %05u f \n",
		    (unsigned) (next < size ? next : 0),
		    k == 0 ? 65535u : 1u);
	}
	stamp_printf(out, "trailer\n<< /Size %u /Root %u 0 R", (unsigned) size,
	    (unsigned) o->root);
	if (o->info != 0)
		stamp_printf(out, " /Info %u 0 R", (unsigned) o->info);
	stamp_printf(out, " >>\nstartxref\n%zu\n%%%%EOF\n", at);
}

/* After the original's objects: the stamp's objects of M (OBJS[0..N),
 * raised by ADD, its content C as the form with BBOX and resources R),
 * the two wrapping streams Q1 and Q1 + 1, and page 1's resources RES. */
static enum status
stamp_additions(struct buf *out, size_t base, const struct stamp_pdf *o,
    const struct stamp_pdf *m, const uint32_t *objs, size_t n,
    const uint32_t from[2], struct stamp_span bbox, struct stamp_span page,
    size_t *offs)
{
	uint32_t add = o->size, q1 = add + m->size, res = q1 + 2;
	enum status rc = STATUS_OK;
	size_t i;

	for (i = 0; i < n && rc == STATUS_OK; i++) {
		offs[objs[i] + add] = out->len - base;
		rc = stamp_carry(out, m, objs[i], add, from[0], bbox, from[1]);
	}
	if (rc != STATUS_OK)
		return rc;
	offs[q1] = out->len - base;
	/* Whitespace around each: readers join a page's streams. */
	stamp_stream(out, q1, "q\n");
	offs[q1 + 1] = out->len - base;
	stamp_stream(out, q1 + 1, "\nQ q " STAMP_XOBJECT " Do Q\n");
	offs[res] = out->len - base;
	return stamp_resources(out, o, page, res, from[0] + add);
}

/* Copy INDEX written whole from the original O and the marks M. */
static enum status
stamp_rewrite(struct buf *out, const struct stamp_pdf *o,
    const struct stamp_pdf *m, uint32_t index)
{
	struct stamp_span page, mpage, bbox;
	uint32_t page1 = stamp_page(o, 0), mp = stamp_page(m, index);
	uint32_t from[2], *objs = NULL, q1 = o->size + m->size;
	size_t base = out->len, n, *offs;
	enum status rc;

	if (stamp_dict(o, page1, &page) != STATUS_OK ||
	    stamp_dict(m, mp, &mpage) != STATUS_OK ||
	    stamp_get(mpage, "MediaBox", &bbox) != STATUS_OK ||
	    (from[0] = stamp_get_ref(mpage, "Contents")) == 0 ||
	    (from[1] = stamp_get_ref(mpage, "Resources")) == 0)
		return STATUS_UNSUPPORTED;
	if ((n = stamp_closure(m, from, 2, &objs)) == 0) {
		free(objs);
		return STATUS_UNSUPPORTED;
	}

	offs = xcalloc(q1 + 3, sizeof *offs);
	rc = stamp_originals(out, base, o, page1, page, q1, q1 + 2, offs);
	if (rc == STATUS_OK)
		rc = stamp_additions(out, base, o, m, objs, n, from, bbox,
		    page, offs);
	if (rc == STATUS_OK)
		stamp_finish(out, base, o, offs, q1 + 3);
	free(offs);
	free(objs);
	return rc;
}

enum status
stamp_copy(const struct buf *original, const struct buf *marks,
    uint32_t index, struct buf *out)
{
	struct stamp_pdf o, m;
	size_t start = out->len;
	enum status rc;

	memset(&m, 0, sizeof m);
	if ((rc = stamp_read(&o, original)) == STATUS_OK)
		rc = stamp_read(&m, marks);
	if (rc == STATUS_OK)
		rc = stamp_rewrite(out, &o, &m, index);
	if (rc != STATUS_OK) {
		log_info("print: the copy cannot be stamped on the original "
		    "(%s); it is drawn whole", status_name(rc));
		out->len = start;
	}
	free(o.off);
	free(m.off);
	return rc;
}
