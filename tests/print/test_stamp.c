/*
 * test_stamp.c -- printed copies made from the sealed original: no
 * prefix of a copy is the signed original (cut at its length or at any
 * %%EOF it hashes to something else), each reads and looks like the
 * copy drawn whole, and a PDF the stamp cannot read is refused so that
 * the job draws the copy instead.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "lib/testlib.h"
#include "print/print_fixture.h"
#include "print/print_int.h"
#include "print/suites.h"

#define STAMP_COPIES	5

/* An empty update after a PDF: its trailer has a /Prev. */
#define UPDATE	"xref\n0 1\n0000000000 65535 f \ntrailer\n" \
		"<< /Size 3 /Root 1 0 R /Prev 9 >>\n"

/* A digest of page 1 of PDF rasterised (grey, 100 dpi). */
static char *
stamp_raster(const char *pdf)
{
	char *cmd = xasprintf("pdftoppm -f 1 -l 1 -r 100 -gray '%s' | "
	    "od -An -tx1 | md5sum", pdf);
	char *out = pfx_output(cmd);

	free(cmd);
	return out;
}

/* The words of page 1 of PDF with their boxes (pdftotext -bbox). */
static char *
stamp_boxes(const char *pdf)
{
	char *cmd = xasprintf("pdftotext -f 1 -l 1 -bbox '%s' - | "
	    "grep '<word'", pdf);
	char *out = pfx_output(cmd);

	free(cmd);
	return out;
}

/* Copy COPY_NO drawn whole, as every copy was before the stamp, in a
 * file of the test's own; its path. */
static char *
stamp_whole(const struct original_src *src, uint32_t copy_no)
{
	char *path = xasprintf("%s/whole-%u.pdf", pfx.dir, (unsigned) copy_no);
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(original_draw(src, copy_no, &b, NULL), STATUS_OK);
	testlib_write_file(path, b.data, b.len);
	buf_free(&b);
	return path;
}

/* Art. 4: the first LEN bytes of COPY are not the signed original. */
static void
stamp_not_original(const char *copy, size_t len,
    const struct original_src *src)
{
	unsigned char h[32];

	ck_assert_int_eq(crypto_sm3(copy, len, h), STATUS_OK);
	ck_assert_msg(memcmp(h, src->v->pdf_sm3.data, 32) != 0,
	    "the first %zu bytes of a copy are the signed original", len);
}

/* Copy COPY_NO at PATH against the original ORIG and the whole drawing. */
static void
stamp_check(const char *path, uint32_t copy_no, const struct buf *orig,
    const struct original_src *src, int pages)
{
	unsigned long len;
	char *copy = testlib_read_file(path, &len), *whole, *eof;
	char *a, *b;
	int neof = 0;

	/* Art. 4: cut at the original's length, or after any %%EOF, a
	 * copy is not the original; nor is it the original followed by
	 * anything. */
	ck_assert_msg(copy != NULL, "no copy %s", path);
	ck_assert_uint_gt(len, orig->len);
	ck_assert_int_ne(memcmp(copy, orig->data, orig->len), 0);
	stamp_not_original(copy, orig->len, src);
	for (eof = copy; (eof = memmem(eof, len - (size_t) (eof - copy),
	    "%%EOF", 5)) != NULL; eof += 5, neof++) {
		stamp_not_original(copy, (size_t) (eof - copy) + 5, src);
		stamp_not_original(copy, (size_t) (eof - copy) + 6, src);
	}
	ck_assert_int_eq(neof, 1);
	ck_assert_ptr_null(memmem(copy, len, "/Prev", 5));
	/* Stamped, not drawn whole: the number is the stamp's form. */
	ck_assert_ptr_nonnull(memmem(copy, len, "/EsealCopyNo", 12));
	/* Its own table is right: a reader has nothing to repair. */
	a = xasprintf("pdfinfo '%s' 2>&1 >/dev/null", path);
	b = pfx_output(a);
	ck_assert_str_eq(b, "");
	free(a);
	free(b);
	stamp_not_original(copy, len, src);
	pfx_check_copy(path, copy_no, pages);

	/* It reads and looks as the copy drawn whole would. */
	whole = stamp_whole(src, copy_no);
	a = stamp_boxes(path);
	b = stamp_boxes(whole);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	a = pfx_text(path, 2);
	b = pfx_text(whole, 2);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	a = stamp_raster(path);
	b = stamp_raster(whole);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	free(whole);
	free(copy);
}

START_TEST(test_stamp_copies_are_not_the_original)
{
	uint64_t doc = pfx_corpus_sealed("01-notice-rules.txt");
	struct original_src src;
	struct print_result r;
	struct buf orig;
	uint32_t i;

	buf_init(&orig);
	ck_assert_int_eq(print_original(fx.st, wfx.s[WFX_PRINTER], doc, &orig,
	    NULL), STATUS_OK);
	ck_assert_int_eq(original_src_get(fx.st, wfx.s[WFX_PRINTER], doc,
	    &src), STATUS_OK);

	/* Two jobs: the copy numbers go on from the first. */
	pfx_print(doc, "folder", 2, NULL, NULL, STATUS_OK, &r);
	ck_assert_uint_eq(r.printed, 2);
	for (i = 0; i < r.printed; i++)
		stamp_check(r.files[i], i + 1, &orig, &src, (int) r.pages);
	print_result_free(&r);
	pfx_print(doc, "folder", STAMP_COPIES - 2, NULL, NULL, STATUS_OK, &r);
	ck_assert_uint_eq(r.first_copy, 3);
	for (i = 0; i < r.printed; i++)
		stamp_check(r.files[i], i + 3, &orig, &src, (int) r.pages);
	pfx_check_seal(r.files[0], &r);
	print_result_free(&r);

	original_src_free(&src);
	buf_free(&orig);
}
END_TEST

START_TEST(test_stamp_refuses_what_it_cannot_read)
{
	uint64_t doc = pfx_simple_sealed(2);
	struct original_src src;
	struct buf orig, marks, copy, again;
	size_t updated_at;
	char *updated;

	buf_init(&orig);
	buf_init(&marks);
	buf_init(&copy);
	buf_init(&again);
	ck_assert_int_eq(print_original(fx.st, wfx.s[WFX_PRINTER], doc, &orig,
	    NULL), STATUS_OK);
	ck_assert_int_eq(original_src_get(fx.st, wfx.s[WFX_PRINTER], doc,
	    &src), STATUS_OK);
	ck_assert_int_eq(original_marks(&src, 1, 2, &marks, NULL), STATUS_OK);
	ck_assert_int_eq(stamp_copy(&orig, &marks, 1, &copy), STATUS_OK);

	/* A PDF already updated (a /Prev), or no PDF at all: refused, and
	 * nothing written. */
	buf_add(&again, "x", 1);
	updated_at = orig.len;
	buf_add(&orig, UPDATE, strlen(UPDATE));
	buf_add(&orig, "startxref\n", 10);
	updated = xasprintf("%zu\n%%%%EOF\n", updated_at);
	buf_add(&orig, updated, strlen(updated));
	free(updated);
	ck_assert_int_eq(stamp_copy(&orig, &marks, 0, &again),
	    STATUS_UNSUPPORTED);
	orig.len = updated_at;
	ck_assert_uint_eq(again.len, 1);
	ck_assert_int_eq(stamp_copy(&marks, &orig, 5, &again),
	    STATUS_UNSUPPORTED);
	orig.len -= 200;
	ck_assert_int_eq(stamp_copy(&orig, &marks, 0, &again),
	    STATUS_UNSUPPORTED);
	ck_assert_uint_eq(again.len, 1);

	original_src_free(&src);
	buf_free(&again);
	buf_free(&copy);
	buf_free(&marks);
	buf_free(&orig);
}
END_TEST

Suite *
stamp_suite(void)
{
	Suite *s = suite_create("stamp");
	TCase *tc = tcase_create("copies");

	tcase_add_checked_fixture(tc, pfx_setup, pfx_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_stamp_copies_are_not_the_original);
	tcase_add_test(tc, test_stamp_refuses_what_it_cannot_read);
	suite_add_tcase(s, tc);
	return s;
}
