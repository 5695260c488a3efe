/*
 * test_docsearch.c -- searching titles and numbers (docview_search)
 * finds exactly what reading every document finds, newest first, a page
 * at a time with the right total:
 * on random documents and random texts, Chinese and not, one character
 * and several, parts of numbers, texts found nowhere, and texts that are
 * empty or not UTF-8; the reader's clearance applies to both.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/suites.h"
#include "core/wf_fixture.h"

#define DS_DOCS		300
#define DS_QUERIES	400

/* Few characters, so that texts share many of them and their pairs
 * (and repeat them: 打打打), brackets, and bytes that are not UTF-8 (a
 * lone lead byte, a stray one). */
static const char *const ds_chars[] = {
	"打", "印", "机", "关", "于", "通", "知", "纸", "复", "章",
	"1", "2", "a", " ", "打", "打", "〔", "）", "\xff", "\xe6"
};
#define DS_NCHARS	(sizeof ds_chars / sizeof ds_chars[0])

static uint64_t ds_rng;

static unsigned
ds_rand(unsigned n)
{
	ds_rng = ds_rng * UINT64_C(6364136223846793005) +
	    UINT64_C(1442695040888963407);
	return (unsigned) ((ds_rng >> 33) % n);
}

static char *
ds_text(unsigned len)
{
	struct buf b;
	unsigned i;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		const char *c = ds_chars[ds_rand(DS_NCHARS)];

		buf_add(&b, c, strlen(c));
	}
	buf_add_u8(&b, 0);
	return (char *) b.data;
}

/* Random titles, numbers, times (many alike) and classifications,
 * written straight into the store. */
static void
ds_fill(void)
{
	static const char *const prefixes[] = { "示司发", "示司函", NULL };
	struct rec_doc d;
	unsigned i;

	for (i = 0; i < DS_DOCS; i++) {
		memset(&d, 0, sizeof d);
		d.kind = DOC_OFFICIAL_ADMIN;
		d.state = (uint8_t) ds_rand(DOC_CLOSED + 1);
		d.title = ds_text(1 + ds_rand(12));
		d.number_prefix = (char *) prefixes[ds_rand(3)];
		d.number_year = 2025 + ds_rand(2);
		d.number_seq = d.number_prefix != NULL ? 1 + ds_rand(30) : 0;
		d.classification = (uint8_t) ds_rand(CLASS_TOP_SECRET + 1);
		d.drafter_id = wfx.id[WFX_DRAFTER];
		d.dept_id = wfx.dept;
		d.created = d.updated = 1767000000 + ds_rand(50);
		wfx_put(REC_DOC, &d);
		free(d.title);
	}
}

/* The ids a search gave, in its order, as "1,2,3". */
struct ds_found {
	const char	*text;		/* NULL: take every document */
	struct buf	 ids;
};

static void
ds_found_add(struct ds_found *f, uint64_t id)
{
	char num[24];

	snprintf(num, sizeof num, "%llu,", (unsigned long long) id);
	buf_add(&f->ids, num, strlen(num));
}

static int
ds_search_each(const struct rec_doc *d, void *arg)
{
	ds_found_add(arg, d->id);
	return 0;
}

/* What a user finds without the index: every document, matched. */
static int
ds_scan_each(const struct rec_doc *d, void *arg)
{
	struct ds_found *f = arg;
	char *num = docnum_format(d->number_prefix, d->number_year,
	    d->number_seq);

	if ((d->title != NULL && strstr(d->title, f->text) != NULL) ||
	    strstr(num, f->text) != NULL)
		ds_found_add(f, d->id);
	free(num);
	return 0;
}

static int
ds_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

	return x > y ? -1 : x < y;
}

/* The ids of the string S ("3,2,1,") from the Nth to the N+Lth (L 0:
 * all) as another such string. */
static char *
ds_slice(const char *s, size_t n, size_t l)
{
	const char *p = s, *end;
	size_t taken = 0;

	for (; n > 0 && *p != '\0'; n--)
		p = strchr(p, ',') + 1;
	for (end = p; *end != '\0' && (l == 0 || taken < l); taken++)
		end = strchr(end, ',') + 1;
	return xstrndup(p, (size_t) (end - p));
}

/* The scan as a string of ids, newest first; their number in *N. */
static char *
ds_scan(enum wfx_who who, const char *text, size_t *n)
{
	struct docview_filter all = { -1, 0, 0, 0 };
	struct ds_found b = { text, { NULL, 0, 0 } };
	struct ds_found out = { text, { NULL, 0, 0 } };
	uint64_t *ids;
	const char *p;
	size_t i;

	ck_assert_int_eq(docview_list(fx.st, wfx.s[who], &all, ds_scan_each,
	    &b), STATUS_OK);
	buf_add_u8(&b.ids, 0);
	for (*n = 0, p = (char *) b.ids.data; *p != '\0'; p++)
		*n += *p == ',';
	ids = xcalloc(*n + 1, sizeof *ids);
	for (i = 0, p = (char *) b.ids.data; i < *n; i++) {
		ids[i] = strtoull(p, NULL, 10);
		p = strchr(p, ',') + 1;
	}
	qsort(ids, *n, sizeof *ids, ds_desc);
	for (i = 0; i < *n; i++)
		ds_found_add(&out, ids[i]);
	buf_add_u8(&out.ids, 0);
	free(ids);
	buf_free(&b.ids);
	return (char *) out.ids.data;
}

/* The search of TEXT as WHO, page PAGE (or all), with its total. */
static char *
ds_search(enum wfx_who who, const char *text,
    const struct docview_page *page, size_t *total)
{
	struct ds_found a = { text, { NULL, 0, 0 } };

	ck_assert_int_eq(docview_search(fx.st, wfx.s[who], text, page,
	    ds_search_each, &a, total), STATUS_OK);
	buf_add_u8(&a.ids, 0);
	return (char *) a.ids.data;
}

/* Both ways for TEXT as WHO, the whole list and a random page; the
 * number found. */
static size_t
ds_compare(enum wfx_who who, const char *text)
{
	struct docview_page page;
	size_t n, total;
	char *a, *b, *want;

	b = ds_scan(who, text, &n);
	a = ds_search(who, text, NULL, &total);
	ck_assert_msg(strcmp(a, b) == 0, "search \"%s\": index %s, scan %s",
	    text, a, b);
	ck_assert_uint_eq(total, n);
	free(a);

	page.offset = ds_rand((unsigned) n + 3);
	page.limit = ds_rand(4);
	want = ds_slice(b, page.offset, page.limit);
	a = ds_search(who, text, &page, &total);
	ck_assert_msg(strcmp(a, want) == 0, "search \"%s\" from %zu, %zu: "
	    "%s, want %s", text, page.offset, page.limit, a, want);
	ck_assert_uint_eq(total, n);
	free(a);
	free(b);
	free(want);
	return n;
}

/* A piece of a random document's title or number. */
static char *
ds_piece(void)
{
	char *num, *s, *out;
	size_t len, at, chars;

	num = docnum_format("示司发", 2025 + ds_rand(2), 1 + ds_rand(30));
	s = ds_rand(2) ? num : ds_text(1 + ds_rand(6));
	len = strlen(s);
	/* Cut at character starts, so the piece is UTF-8. */
	do
		at = ds_rand((unsigned) len);
	while ((s[at] & 0xc0) == 0x80);
	chars = 1 + ds_rand(4);
	out = xstrdup(s + at);
	for (len = 0; out[len] != '\0' && chars > 0; chars--)
		do
			len++;
		while ((out[len] & 0xc0) == 0x80);
	out[len] = '\0';
	if (s != num)
		free(s);
	free(num);
	return out;
}

START_TEST(test_search_is_the_scan)
{
	size_t found = 0, empty = 0;
	char *text;
	unsigned i;

	ds_rng = 20261204;
	ds_fill();
	for (i = 0; i < DS_QUERIES; i++) {
		text = i % 3 == 0 ? ds_text(1 + ds_rand(3)) : ds_piece();
		if (ds_compare(i % 2 ? WFX_CLERK : WFX_DRAFTER, text) > 0)
			found++;
		else
			empty++;
		free(text);
	}
	/* The random texts must have tried both outcomes, many times. */
	ck_assert_uint_gt(found, DS_QUERIES / 4);
	ck_assert_uint_gt(empty, 10);
}
END_TEST

START_TEST(test_search_odd_texts)
{
	ds_rng = 7;
	ds_fill();
	ck_assert_uint_gt(ds_compare(WFX_CLERK, ""), 0);
	ck_assert_uint_gt(ds_compare(WFX_CLERK, "\xff"), 0);	/* the scan */
	ck_assert_uint_gt(ds_compare(WFX_CLERK, "号"), 0);
	ck_assert_uint_gt(ds_compare(WFX_CLERK, "〔2026〕"), 0);
	ck_assert_uint_eq(ds_compare(WFX_CLERK, "没有这样的标题"), 0);
	ck_assert_uint_eq(ds_compare(WFX_CLERK, "知示"), 0);	/* across */
	ck_assert_uint_gt(ds_compare(WFX_CLERK, "打打"), 0);
	ck_assert_uint_gt(ds_compare(WFX_CLERK, "打打打"), 0);
	ck_assert_uint_gt(ds_compare(WFX_CLERK, "〔打"), 0);
}
END_TEST

/* Lists of many chunks, where the search seeks through the common
 * pairs' lists at the rare one's ids (the number's 〔20 in two thirds of
 * the documents, a title's pair in a few), and merges the lists of the
 * pairs one character starts: the same answers as the scan, whole and a
 * page at a time. */
START_TEST(test_search_long_lists)
{
	static const char *const texts[] = {
		"〔20", "〔2026〕", "示司发〔2025〕1", "发〔", "〕1号", "2",
		"打打", "打印机", "6〕", "示司函〔2026〕3号", "号", "打", "〔"
	};
	char *text;
	unsigned i, found = 0;

	ds_rng = 1205;
	for (i = 0; i < 5; i++)
		ds_fill();
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		found += ds_compare(WFX_CLERK, texts[i]) > 0;
		ds_compare(WFX_DRAFTER, texts[i]);
	}
	ck_assert_uint_ge(found, 12);
	for (i = 0; i < 60; i++) {
		text = ds_piece();
		ds_compare(i % 2 ? WFX_CLERK : WFX_DRAFTER, text);
		free(text);
	}
}
END_TEST

/* A page past the end is empty, a limit of 0 gives the rest, and the
 * total is every document found whatever the page. */
START_TEST(test_search_pages)
{
	struct docview_page page = { 0, 0 };
	struct rec_doc d;
	size_t total;
	char *a;
	unsigned i;

	memset(&d, 0, sizeof d);
	d.kind = DOC_OFFICIAL_ADMIN;
	d.drafter_id = wfx.id[WFX_DRAFTER];
	for (i = 0; i < 5; i++) {
		d.id = 0;
		d.title = i % 2 ? "采购打印机" : "打印纸";
		wfx_put(REC_DOC, &d);
	}
	a = ds_search(WFX_CLERK, "打印机", &page, &total);
	ck_assert_str_eq(a, "4,2,");
	ck_assert_uint_eq(total, 2);
	free(a);
	page.offset = 1;
	page.limit = 2;
	a = ds_search(WFX_CLERK, "打印", &page, &total);
	ck_assert_str_eq(a, "4,3,");
	ck_assert_uint_eq(total, 5);
	free(a);
	page.offset = 5;
	a = ds_search(WFX_CLERK, "打印", &page, &total);
	ck_assert_str_eq(a, "");
	ck_assert_uint_eq(total, 5);
	free(a);
	page.offset = 3;
	page.limit = 0;
	a = ds_search(WFX_CLERK, "打", &page, &total);
	ck_assert_str_eq(a, "2,1,");
	ck_assert_uint_eq(total, 5);
	free(a);
}
END_TEST

/* A title revised, a number assigned and a classification raised later
 * are found as they are now, never as they were. */
START_TEST(test_search_follows_changes)
{
	struct rec_doc d;
	size_t total;
	char *a;

	memset(&d, 0, sizeof d);
	d.kind = DOC_OFFICIAL_ADMIN;
	d.drafter_id = wfx.id[WFX_DRAFTER];
	d.title = "关于打印机的通知";
	wfx_put(REC_DOC, &d);
	d.title = "关于复印机的通知";
	d.number_prefix = "示司发";
	d.number_year = 2026;
	d.number_seq = 12;
	wfx_put(REC_DOC, &d);
	a = ds_search(WFX_CLERK, "打印", NULL, &total);
	ck_assert_str_eq(a, "");
	free(a);
	a = ds_search(WFX_CLERK, "复印机", NULL, &total);
	ck_assert_str_eq(a, "1,");
	free(a);
	a = ds_search(WFX_CLERK, "〔2026〕12号", NULL, &total);
	ck_assert_str_eq(a, "1,");
	free(a);
	d.classification = CLASS_TOP_SECRET;
	wfx_put(REC_DOC, &d);
	a = ds_search(WFX_CLERK, "复印机", NULL, &total);
	ck_assert_str_eq(a, "");
	ck_assert_uint_eq(total, 0);
	free(a);
}
END_TEST

/* Documents above the reader's clearance are never found. */
START_TEST(test_search_clearance)
{
	struct rec_doc d;
	size_t n;

	memset(&d, 0, sizeof d);
	d.kind = DOC_OFFICIAL_ADMIN;
	d.title = "绝密的打印机";
	d.classification = CLASS_TOP_SECRET;
	d.drafter_id = wfx.id[WFX_DRAFTER];
	wfx_put(REC_DOC, &d);
	d.id = 0;
	d.title = "公开的打印机";
	d.classification = CLASS_NONE;
	wfx_put(REC_DOC, &d);
	n = ds_compare(WFX_CLERK, "打印机");
	ck_assert_uint_eq(n, 1);
}
END_TEST

Suite *
docsearch_suite(void)
{
	Suite *s = suite_create("docsearch");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_search_is_the_scan);
	tcase_add_test(tc, test_search_odd_texts);
	tcase_add_test(tc, test_search_long_lists);
	tcase_add_test(tc, test_search_clearance);
	tcase_add_test(tc, test_search_pages);
	tcase_add_test(tc, test_search_follows_changes);
	suite_add_tcase(s, tc);
	return s;
}
