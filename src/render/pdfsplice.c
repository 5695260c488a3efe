/*
 * pdfsplice.c -- puts a picture's compressed streams, kept from one
 * drawing, in the place of a small stand-in's in a PDF cairo wrote.
 *
 * Why: cairo's PDF writer compresses a picture again for every document
 * it appears in, and takes no ready compressed picture but JPEG, JPEG
 * 2000, JBIG2 or CCITT; a seal's 600 dpi picture cost a third of drawing
 * a short document.  Drawn with a stand-in of a few pixels holding the
 * same colours (so that cairo judges it alike and writes the same
 * objects), a document differs from the one drawn with the picture only
 * in those objects' streams, their /Width, /Height and /Length, and the
 * offsets of the cross-reference table: this file rewrites exactly those
 * bytes.  It reads only what cairo 1.16 writes (a classic
 * cross-reference table, every stream's /Length an object of its own
 * written right after it) and refuses anything else, so that the caller
 * draws the picture itself instead.  It must not change any other byte,
 * and must leave the document as it was when it refuses.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdfsplice.h"

#define SPLICE_NOT_FOUND	((size_t) -1)
#define SPLICE_MAX_EDITS	8	/* two objects, four edits each */
#define SPLICE_DICT_MAX		1024	/* an image dictionary's bytes */
#define SPLICE_XREF_ENTRY	20	/* "0000000015 00000 n \n" */
#define SPLICE_XREF_DIGITS	10

static const char splice_stream[] = ">>\nstream\n";
static const char splice_end[] = "\nendstream\nendobj\n";
static const char splice_image[] = "/Subtype /Image\n";

/* One image object in the PDF: where its numbers and stream are. */
struct splice_obj {
	size_t		 dict;		/* "<<" of its dictionary */
	size_t		 dict_len;
	size_t		 data;		/* its stream */
	size_t		 data_len;
	size_t		 width_at;	/* the digits of /Width */
	size_t		 width_len;
	size_t		 height_at;
	size_t		 height_len;
	size_t		 length_at;	/* the digits of its /Length object */
	size_t		 length_len;
	unsigned long	 width;
	unsigned long	 height;
	unsigned long	 mask_obj;	/* /SMask N 0 R, or 0 */
};

/* Replace OLD_LEN bytes at POS (of the old PDF) with LEN bytes at DATA. */
struct splice_edit {
	size_t			 pos;
	size_t			 old_len;
	const unsigned char	*data;		/* NULL: NUM */
	size_t			 len;
	char			 num[24];	/* a number's new digits */
};

struct splice_edits {
	struct splice_edit	 e[SPLICE_MAX_EDITS];
	int			 n;
};

void
pdfsplice_image_init(struct pdfsplice_image *im)
{
	memset(im, 0, sizeof *im);
	buf_init(&im->img);
	buf_init(&im->mask);
}

void
pdfsplice_image_free(struct pdfsplice_image *im)
{
	buf_free(&im->img);
	buf_free(&im->mask);
	pdfsplice_image_init(im);
}

static size_t
splice_find(const unsigned char *p, size_t len, size_t from,
    const void *what, size_t n)
{
	const unsigned char *at;

	if (from > len)
		return SPLICE_NOT_FOUND;
	at = memmem(p + from, len - from, what, n);
	return at == NULL ? SPLICE_NOT_FOUND : (size_t) (at - p);
}

/* The decimal number at P (at most LEN bytes): its value and digits. */
static size_t
splice_number(const unsigned char *p, size_t len, unsigned long *v)
{
	size_t n = 0;

	*v = 0;
	while (n < len && n < 12 && p[n] >= '0' && p[n] <= '9')
		*v = *v * 10 + (unsigned long) (p[n++] - '0');
	return n;
}

/* The number after KEY in the dictionary of O: its value and place. */
static int
splice_dict_number(const unsigned char *pdf, const struct splice_obj *o,
    const char *key, unsigned long *v, size_t *at, size_t *n)
{
	size_t k = splice_find(pdf, o->dict + o->dict_len, o->dict, key,
	    strlen(key));

	if (k == SPLICE_NOT_FOUND)
		return 0;
	*at = k + strlen(key);
	*n = splice_number(pdf + *at, o->dict + o->dict_len - *at, v);
	return *n > 0;
}

/* The dictionary that ends just before the stream at DATA. */
static int
splice_dict(const unsigned char *pdf, size_t data, struct splice_obj *o)
{
	size_t end = data - strlen(splice_stream), k;

	if (data < strlen(splice_stream) ||
	    memcmp(pdf + end, splice_stream, strlen(splice_stream)) != 0)
		return 0;
	for (k = end; k > 0 && end - k < SPLICE_DICT_MAX; k--)
		if (memcmp(pdf + k - 1, "\n<<", 3) == 0) {
			o->dict = k;
			o->dict_len = end - k;
			return 1;
		}
	return 0;
}

/* The stream's length, from the /Length object cairo writes after it. */
static int
splice_length(const unsigned char *pdf, size_t len, unsigned long obj,
    struct splice_obj *o)
{
	char head[64];
	unsigned long v;
	size_t k;

	snprintf(head, sizeof head, "%s%lu 0 obj\n   ", splice_end, obj);
	k = splice_find(pdf, len, o->data, head, strlen(head));
	if (k == SPLICE_NOT_FOUND)
		return 0;
	o->data_len = k - o->data;
	o->length_at = k + strlen(head);
	o->length_len = splice_number(pdf + o->length_at, len - o->length_at,
	    &v);
	return o->length_len > 0 && v == o->data_len;
}

/* The image object whose stream starts at DATA. */
static int
splice_object(const unsigned char *pdf, size_t len, size_t data,
    struct splice_obj *o)
{
	unsigned long length_obj;
	size_t at, n;

	memset(o, 0, sizeof *o);
	o->data = data;
	if (!splice_dict(pdf, data, o) ||
	    !splice_dict_number(pdf, o, "<< /Length ", &length_obj, &at, &n) ||
	    !splice_dict_number(pdf, o, "/Width ", &o->width, &o->width_at,
	    &o->width_len) ||
	    !splice_dict_number(pdf, o, "/Height ", &o->height,
	    &o->height_at, &o->height_len))
		return 0;
	if (!splice_dict_number(pdf, o, "/SMask ", &o->mask_obj, &at, &n))
		o->mask_obj = 0;
	return splice_length(pdf, len, length_obj, o);
}

/* The image objects of the PDF, at most MAX of them; -1 past MAX. */
static int
splice_images(const unsigned char *pdf, size_t len, struct splice_obj *o,
    int max)
{
	size_t k = 0, data;
	int n = 0;

	while ((k = splice_find(pdf, len, k, splice_image,
	    strlen(splice_image))) != SPLICE_NOT_FOUND) {
		data = splice_find(pdf, len, k, splice_stream,
		    strlen(splice_stream));
		if (n == max || data == SPLICE_NOT_FOUND ||
		    !splice_object(pdf, len, data + strlen(splice_stream),
		    &o[n]))
			return -1;
		k = o[n].data + o[n].data_len;
		n++;
	}
	return n;
}

enum status
pdfsplice_read(const unsigned char *pdf, size_t len,
    struct pdfsplice_image *out)
{
	struct splice_obj o[2];
	int n = splice_images(pdf, len, o, 2), img;

	if (n < 1 || (n == 1 && o[0].mask_obj != 0) ||
	    (n == 2 && (o[0].mask_obj != 0) == (o[1].mask_obj != 0)))
		return STATUS_RENDER;
	img = n == 2 && o[1].mask_obj != 0;
	pdfsplice_image_free(out);
	buf_add(&out->img, pdf + o[img].data, o[img].data_len);
	if (n == 2)
		buf_add(&out->mask, pdf + o[!img].data, o[!img].data_len);
	out->width = (unsigned) o[img].width;
	out->height = (unsigned) o[img].height;
	return STATUS_OK;
}

static void
splice_edit_add(struct splice_edits *ed, size_t pos, size_t old_len,
    const unsigned char *data, size_t len)
{
	struct splice_edit *e = &ed->e[ed->n++];

	e->pos = pos;
	e->old_len = old_len;
	e->data = data;
	e->len = len;
}

static void
splice_edit_number(struct splice_edits *ed, size_t pos, size_t old_len,
    unsigned long v)
{
	struct splice_edit *e = &ed->e[ed->n];

	/* The digits are read from the entry itself when it is applied:
	 * sorting the edits moves them. */
	snprintf(e->num, sizeof e->num, "%lu", v);
	splice_edit_add(ed, pos, old_len, NULL, strlen(e->num));
}

/* The edits that turn the object holding stream FROM into one holding
 * TO (W x H pixels); 0 when FROM is not there exactly once. */
static int
splice_plan(const unsigned char *pdf, size_t len, const struct buf *from,
    const struct buf *to, unsigned long w, unsigned long h,
    const struct pdfsplice_image *was, struct splice_edits *ed)
{
	struct buf needle;
	struct splice_obj o;
	size_t k;
	int ok;

	buf_init(&needle);
	buf_add(&needle, "stream\n", 7);
	buf_add(&needle, from->data, from->len);
	buf_add(&needle, splice_end, strlen(splice_end));
	k = splice_find(pdf, len, 0, needle.data, needle.len);
	ok = k != SPLICE_NOT_FOUND &&
	    splice_find(pdf, len, k + 1, needle.data, needle.len) ==
	    SPLICE_NOT_FOUND &&
	    splice_object(pdf, len, k + 7, &o) && o.data_len == from->len &&
	    o.width == was->width && o.height == was->height;
	buf_free(&needle);
	if (!ok)
		return 0;
	splice_edit_number(ed, o.width_at, o.width_len, w);
	splice_edit_number(ed, o.height_at, o.height_len, h);
	splice_edit_add(ed, o.data, o.data_len, to->data, to->len);
	splice_edit_number(ed, o.length_at, o.length_len, to->len);
	return 1;
}

static int
splice_edit_cmp(const void *a, const void *b)
{
	const struct splice_edit *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Where byte OFF of the old PDF is in the new one. */
static size_t
splice_map(const struct splice_edits *ed, size_t off)
{
	size_t to = off;
	int i;

	for (i = 0; i < ed->n && ed->e[i].pos < off; i++)
		to = to + ed->e[i].len - ed->e[i].old_len;
	return to;
}

/* The old PDF with the edits made, up to its "startxref". */
static int
splice_build(const unsigned char *pdf, size_t len, struct splice_edits *ed,
    struct buf *out)
{
	size_t at = 0;
	int i;

	qsort(ed->e, (size_t) ed->n, sizeof ed->e[0], splice_edit_cmp);
	for (i = 0; i < ed->n; i++) {
		if (ed->e[i].pos < at || ed->e[i].pos + ed->e[i].old_len > len)
			return 0;
		buf_add(out, pdf + at, ed->e[i].pos - at);
		buf_add(out, ed->e[i].data != NULL ? ed->e[i].data :
		    (const unsigned char *) ed->e[i].num, ed->e[i].len);
		at = ed->e[i].pos + ed->e[i].old_len;
	}
	buf_add(out, pdf + at, len - at);
	return 1;
}

/* Move every offset of the table at XREF (of the new PDF) as the edits
 * moved the objects. */
static int
splice_xref(struct buf *pdf, size_t xref, const struct splice_edits *ed)
{
	unsigned long first, count, off, i;
	unsigned char *e;
	char digits[SPLICE_XREF_DIGITS + 1];
	size_t k = xref + 5, n;

	if (xref + 5 > pdf->len || memcmp(pdf->data + xref, "xref\n", 5) != 0)
		return 0;
	n = splice_number(pdf->data + k, pdf->len - k, &first);
	if (n == 0 || first != 0 || pdf->data[k + n] != ' ')
		return 0;
	k += n + 1;
	n = splice_number(pdf->data + k, pdf->len - k, &count);
	if (n == 0 || pdf->data[k + n] != '\n' ||
	    count > (pdf->len - k) / SPLICE_XREF_ENTRY)
		return 0;
	e = pdf->data + k + n + 1;
	for (i = 0; i < count; i++, e += SPLICE_XREF_ENTRY) {
		if (e[17] != 'n')
			continue;
		if (splice_number(e, SPLICE_XREF_DIGITS, &off) !=
		    SPLICE_XREF_DIGITS)
			return 0;
		snprintf(digits, sizeof digits, "%0*zu", SPLICE_XREF_DIGITS,
		    splice_map(ed, off));
		memcpy(e, digits, SPLICE_XREF_DIGITS);
	}
	return 1;
}

/* Edit the PDF and its table; the old "startxref" line is rewritten. */
static int
splice_make(const unsigned char *pdf, size_t len, struct splice_edits *ed,
    struct buf *out)
{
	static const char tail[] = "startxref\n";
	unsigned long xref;
	size_t k = len > 10 ? len - 10 : 0, n;
	char end[48];

	while (k > 0 && len - k < 32 && memcmp(pdf + k - 1, "\nstartxref\n",
	    11) != 0)
		k--;
	if (k == 0 || len - k >= 32)
		return 0;
	n = splice_number(pdf + k + strlen(tail), len - k - strlen(tail),
	    &xref);
	if (n == 0 || memcmp(pdf + k + strlen(tail) + n, "\n%%EOF\n", 7) != 0 ||
	    k + strlen(tail) + n + 7 != len || !splice_build(pdf, k, ed, out))
		return 0;
	if (!splice_xref(out, splice_map(ed, xref), ed))
		return 0;
	snprintf(end, sizeof end, "%s%zu\n%%%%EOF\n", tail,
	    splice_map(ed, xref));
	buf_add(out, end, strlen(end));
	return 1;
}

enum status
pdfsplice_apply(struct buf *out, size_t start,
    const struct pdfsplice_image *from, const struct pdfsplice_image *to)
{
	const unsigned char *pdf = out->data + start;
	size_t len = out->len - start;
	struct splice_edits ed;
	struct buf made;
	int ok;

	memset(&ed, 0, sizeof ed);
	if ((from->mask.len == 0) != (to->mask.len == 0))
		return STATUS_RENDER;
	ok = splice_plan(pdf, len, &from->img, &to->img, to->width,
	    to->height, from, &ed);
	if (ok && from->mask.len > 0)
		ok = splice_plan(pdf, len, &from->mask, &to->mask, to->width,
		    to->height, from, &ed);
	buf_init(&made);
	if (ok)
		ok = splice_make(pdf, len, &ed, &made);
	if (ok) {
		out->len = start;
		buf_add(out, made.data, made.len);
	}
	buf_free(&made);
	return ok ? STATUS_OK : STATUS_RENDER;
}
