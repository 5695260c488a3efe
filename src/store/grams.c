/*
 * grams.c -- what the search index (IDX_DOC_GRAM, postings.c) holds of
 * one document: every pair of adjacent characters of its title and of
 * its number, and each one's last character alone, with where each
 * stands (the field and the character's position) and the document's
 * classification.
 *
 * Why pairs with positions: a substring of one character is found by
 * the grams it starts (each character starts one, with the next
 * character or alone at the end); a longer one exactly where its pairs
 * stand at consecutive positions of one field, so the index alone
 * answers as strstr would, without reading a document.  Code points,
 * not bytes: a Chinese character is one gram, and a valid UTF-8 text is
 * a substring of another exactly when its characters are.  A byte that
 * is not UTF-8 is no character, but it takes a position, so that no two
 * characters it separates look adjacent.
 *
 * The number is indexed as docnum_format() writes it; the two must stay
 * alike (the core's search test compares the index with a scan).  This
 * file knows nothing of who may read a document: it records the
 * classification, the core decides.
 */
#include <config.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* IDX_DOC_GRAM: posting lists (postings.c), keyed by gram and chunk. */
const struct index_def rec_doc_idx_gram = {
	IDX_DOC_GRAM, REC_DOC, "doc-grams.db", INDEX_GRAMS, 1,
	{ { 0, FT_U64, 0 } }, 0
};

/* One gram where it stands, before sorting. */
struct grams_at {
	uint64_t	 gram;
	uint32_t	 pos;		/* STORE_POS(field, n) */
};

struct grams {
	struct grams_at	*at;
	size_t		 n;
	size_t		 cap;
};

static void
grams_add(struct grams *g, uint32_t c1, uint32_t c2, unsigned field,
    uint32_t n)
{
	if (g->n == g->cap) {
		g->cap = g->cap != 0 ? g->cap * 2 : 64;
		g->at = xrealloc(g->at, g->cap * sizeof *g->at);
	}
	g->at[g->n].gram = STORE_GRAM(c1, c2);
	g->at[g->n].pos = STORE_POS(field, n);
	g->n++;
}

/* Each character of TEXT with the one after it, or alone when it ends
 * the text or comes before a byte that is not UTF-8: every character
 * starts exactly one gram, at its position. */
static void
grams_text(struct grams *g, const char *text, unsigned field)
{
	size_t left = text != NULL ? strlen(text) : 0, n;
	uint32_t cp, prev = 0, pos = 0;
	int have_prev = 0;

	while (left > 0) {
		n = text_utf8_decode(text, left, &cp);
		if (have_prev)
			grams_add(g, prev, n != 0 ? cp : 0, field, pos - 1);
		have_prev = n != 0;
		prev = cp;
		text += n != 0 ? n : 1;
		left -= n != 0 ? n : 1;
		pos++;
	}
	if (have_prev)
		grams_add(g, prev, 0, field, pos - 1);
}

/* As docnum_format() writes it: PREFIX〔YEAR〕SEQ号, or nothing. */
static void
grams_number(struct grams *g, const struct rec_doc *d)
{
	char *num;

	if (d->number_prefix == NULL || *d->number_prefix == '\0' ||
	    d->number_seq == 0)
		return;
	num = xasprintf("%s\xe3\x80\x94%u\xe3\x80\x95%u\xe5\x8f\xb7",
	    d->number_prefix, (unsigned) d->number_year,
	    (unsigned) d->number_seq);
	grams_text(g, num, STORE_FIELD_NUMBER);
	free(num);
}

static int
grams_cmp(const void *a, const void *b)
{
	const struct grams_at *x = a, *y = b;

	if (x->gram != y->gram)
		return x->gram < y->gram ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Each gram once, with its positions in order. */
static void
grams_emit(const struct grams *g, struct buf *out)
{
	size_t i = 0, j;
	uint32_t n;

	while (i < g->n) {
		for (j = i; j < g->n && g->at[j].gram == g->at[i].gram; j++)
			continue;
		n = (uint32_t) (j - i);
		buf_add(out, &g->at[i].gram, sizeof g->at[i].gram);
		buf_add(out, &n, sizeof n);
		for (; i < j; i++)
			buf_add(out, &g->at[i].pos, sizeof g->at[i].pos);
	}
}

void
grams_keys(const void *rec, uint64_t id, struct buf *out)
{
	const struct rec_doc *d = rec;
	struct grams g = { NULL, 0, 0 };
	uint8_t cls = d->classification;

	(void) id;
	buf_reset(out);
	buf_add(out, &cls, 1);
	grams_text(&g, d->title, STORE_FIELD_TITLE);
	grams_number(&g, d);
	if (g.n > 1)
		qsort(g.at, g.n, sizeof *g.at, grams_cmp);
	grams_emit(&g, out);
	free(g.at);
}

uint8_t
grams_class(const struct buf *e)
{
	return e->len > 0 ? e->data[0] : 0;
}

int
grams_next(const struct buf *e, size_t *off, struct grams_entry *g)
{
	size_t at = *off != 0 ? *off : 1;

	if (at + 12 > e->len)
		return 0;
	memcpy(&g->gram, e->data + at, 8);
	memcpy(&g->npos, e->data + at + 8, 4);
	g->pos = e->data + at + 12;
	*off = at + 12 + (size_t) g->npos * 4;
	return 1;
}

uint32_t
grams_pos(const struct grams_entry *g, size_t i)
{
	uint32_t v;

	memcpy(&v, g->pos + i * 4, 4);
	return v;
}
