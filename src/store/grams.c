/*
 * grams.c -- the search index of documents (IDX_DOC_GRAM): every pair
 * of adjacent characters of a document's title and of its number, and
 * each one's last character alone, so that a search for any text of one or more
 * characters, Chinese or not, reads a few ranges of keys instead of
 * every document.
 *
 * Why pairs: a substring of one character is found by the range of the
 * grams it starts (each character starts one, with the next character or
 * alone at the end); a longer one only in documents holding each of its
 * pairs, a short list even at a million documents, which the core then
 * checks against the text itself (core/docsearch.c), so the index only
 * narrows and never decides.  A separate entry for every character would
 * nearly double the file for nothing the range does not give.  Code
 * points, not bytes: a Chinese character is one gram, and a valid UTF-8
 * text is a substring of another exactly when its characters are.
 *
 * The number is indexed as docnum_format() writes it; the two must stay
 * alike (the core's search test compares the index with a scan).  This
 * file knows nothing of who may read a document: the core filters.
 */
#include <config.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* IDX_DOC_GRAM: a gram (STORE_GRAM), then the id. */
const struct index_def rec_doc_idx_gram = {
	IDX_DOC_GRAM, REC_DOC, "doc-by-gram.db", INDEX_GRAMS, 1,
	{ { 0, FT_U64, 0 } }
};

/* The keys under construction: GRAMS_KEY_LEN bytes each. */
struct grams {
	uint64_t	 id;
	struct buf	*keys;
};

static void
grams_add(struct grams *g, uint32_t c1, uint32_t c2)
{
	buf_add_u64(g->keys, STORE_GRAM(c1, c2));
	buf_add_u64(g->keys, g->id);
}

/* Each character of TEXT with the one after it, or alone when it ends
 * the text: every character starts exactly one gram, so the grams
 * starting with a character find every text holding it.  A byte that is
 * not UTF-8 is no character: the one before it ends a run. */
static void
grams_text(struct grams *g, const char *text)
{
	size_t left = text != NULL ? strlen(text) : 0, n;
	uint32_t cp, prev = 0;
	int have_prev = 0;

	while (left > 0) {
		n = text_utf8_decode(text, left, &cp);
		if (have_prev)
			grams_add(g, prev, n != 0 ? cp : 0);
		have_prev = n != 0;
		prev = cp;
		text += n != 0 ? n : 1;
		left -= n != 0 ? n : 1;
	}
	if (have_prev)
		grams_add(g, prev, 0);
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
	grams_text(g, num);
	free(num);
}

static int
grams_cmp(const void *a, const void *b)
{
	return memcmp(a, b, GRAMS_KEY_LEN);
}

/* Sorted, each key once: the set of entries a document has. */
static void
grams_unique(struct buf *keys)
{
	size_t n = keys->len / GRAMS_KEY_LEN, i, out = 0;
	unsigned char *k = keys->data;

	if (n == 0)
		return;
	qsort(k, n, GRAMS_KEY_LEN, grams_cmp);
	for (i = 1; i < n; i++)
		if (memcmp(k + out * GRAMS_KEY_LEN, k + i * GRAMS_KEY_LEN,
		    GRAMS_KEY_LEN) != 0) {
			out++;
			memmove(k + out * GRAMS_KEY_LEN, k + i * GRAMS_KEY_LEN,
			    GRAMS_KEY_LEN);
		}
	keys->len = (out + 1) * GRAMS_KEY_LEN;
}

void
grams_keys(const void *rec, uint64_t id, struct buf *keys)
{
	const struct rec_doc *d = rec;
	struct grams g = { id, keys };

	buf_reset(keys);
	grams_text(&g, d->title);
	grams_number(&g, d);
	grams_unique(keys);
}
