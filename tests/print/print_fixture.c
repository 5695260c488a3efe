/*
 * print_fixture.c -- the office the print suites work in (see
 * print_fixture.h).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/testlib.h"
#include "print/print_fixture.h"
#include "render/measure.h"
#include "render/render.h"

struct pfx pfx;

#define PFX_BODY	"示范市示范区司法局"

/* The impression, drawn once by the runner before the tests fork. */
static struct buf pfx_png;

void
pfx_prepare(void)
{
	struct impression_spec is = { PFX_BODY, NULL, 0, NULL, 0 };

	buf_init(&pfx_png);
	if (impression_png(&is, &pfx_png) != STATUS_OK)
		buf_free(&pfx_png);
}

/* The seal, drawn by the render layer and made by the register. */
static uint64_t
pfx_seal(void)
{
	struct seal_spec spec;
	struct session *office;
	uint64_t id = 0;

	ck_assert_msg(pfx_png.len > 0, "the render layer drew no impression");
	fx_user("pfxoffice", ROLE_OFFICE_DIRECTOR, FX_PW);
	office = fx_login("pfxoffice", FX_PW, STATUS_OK);
	memset(&spec, 0, sizeof spec);
	spec.regno = "PFX-001";
	spec.name = PFX_BODY;
	spec.owner_body = PFX_BODY;
	spec.impression = pfx_png.data;
	spec.impression_len = pfx_png.len;
	spec.diameter_mm = 42;
	ck_assert_int_eq(seal_add(office, wfx.s[WFX_CLERK], &spec, WFX_KEY_PW,
	    &id), STATUS_OK);
	session_free(office);
	return id;
}

uint64_t
pfx_printer(const char *name, enum printer_kind kind, const char *queue,
    int colour, int classified)
{
	struct printer_spec spec = { name, kind, queue, "文印室", colour,
	    classified };
	uint64_t id = 0;

	ck_assert_int_eq(printer_add(fx.sys, &spec, &id), STATUS_OK);
	return id;
}

void
pfx_setup(void)
{
	wfx_setup();
	memset(&pfx, 0, sizeof pfx);
	print_attach(fx.st);
	pfx.dir = testlib_tmpdir();
	/* cupsd's filters run as lp: they must reach the spool below. */
	ck_assert_int_eq(chmod(pfx.dir, 0711), 0);
	pfx.folder = xasprintf("%s/folder", pfx.dir);
	pfx.seal = pfx_seal();
	pfx.pr_folder = pfx_printer("folder", PRINTER_FOLDER, pfx.folder, 1,
	    0);
}

void
pfx_teardown(void)
{
	print_attach(NULL);
	cupsd_stop(&pfx.cupsd);
	testlib_rmdir(pfx.dir);
	free(pfx.folder);
	render_release();
	wfx_teardown();
}

char *
pfx_cups(const char *name, const char *queue)
{
	char *dir = xasprintf("%s/cups", pfx.dir);
	char *out = xasprintf("%s/%s.pdf", pfx.dir, queue);

	cupsd_start(&pfx.cupsd, dir);
	cupsd_queue(&pfx.cupsd, queue, out);
	pfx_printer(name, PRINTER_CUPS, queue, 1, 0);
	free(dir);
	return out;
}

static uint64_t
pfx_seal_doc(uint64_t id)
{
	struct rec_doc d;

	wfx_walk(id, DOC_TO_SEAL);
	wfx_doc(id, &d);
	ck_assert_int_eq(workflow_seal(fx.st, wfx.s[WFX_CLERK], id, pfx.seal,
	    d.copies, WFX_KEY_PW), STATUS_OK);
	rec_free(REC_DOC, &d);
	return id;
}

uint64_t
pfx_corpus_sealed(const char *file)
{
	struct import_error err;
	enum import_encoding enc;
	struct doc_content c;
	unsigned long len;
	char *data = wfx_corpus_file(file, &len);
	uint64_t id = 0;

	ck_assert_int_eq(import_parse(data, len, &c, &enc, &err), STATUS_OK);
	free(data);
	ck_assert_int_eq(workflow_create(fx.st, wfx.s[WFX_DRAFTER], &c, &id),
	    STATUS_OK);
	doc_content_free(&c);
	return pfx_seal_doc(id);
}

uint64_t
pfx_simple_sealed(uint32_t copies)
{
	return pfx_seal_doc(wfx_create(DOC_LIT_COMPOSED, copies));
}

void
pfx_print(uint64_t doc, const char *printer, uint32_t copies,
    print_progress_fn fn, void *arg, enum status want,
    struct print_result *res)
{
	struct print_request rq = { doc, printer, copies, fn, arg };
	enum status rc;

	rc = print_run(fx.st, wfx.s[WFX_PRINTER], &rq, res);
	ck_assert_msg(rc == want, "print_run: %s (wanted %s): %s",
	    status_name(rc), status_name(want),
	    res->message != NULL ? res->message : "-");
}

void
pfx_view(uint64_t doc, struct docview *v)
{
	ck_assert_int_eq(docview_get(fx.st, wfx.s[WFX_PRINTER], doc, v),
	    STATUS_OK);
}

unsigned
pfx_split(const char *file, const char *prefix)
{
	unsigned long len;
	char *data = testlib_read_file(file, &len), *path;
	unsigned long at, next;
	unsigned n = 0;

	ck_assert_msg(data != NULL, "the queue wrote no file %s", file);
	for (at = 0; at + 5 <= len; at++)
		if (memcmp(data + at, "%PDF-", 5) == 0)
			break;
	while (at < len) {
		for (next = at + 5; next + 5 <= len; next++)
			if (memcmp(data + next, "%PDF-", 5) == 0)
				break;
		if (next + 5 > len)
			next = len;
		path = xasprintf("%s/%s-%u.pdf", pfx.dir, prefix, ++n);
		testlib_write_file(path, data + at, next - at);
		free(path);
		at = next;
	}
	free(data);
	return n;
}

char *
pfx_output(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	struct buf b;
	char chunk[4096];
	size_t n;

	ck_assert_msg(p != NULL, "cannot run %s", cmd);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(&b, chunk, n);
	ck_assert_msg(pclose(p) == 0, "failed: %s", cmd);
	buf_add_u8(&b, 0);
	return (char *) b.data;
}

int
pfx_pages(const char *pdf)
{
	char *cmd = xasprintf("pdfinfo '%s' 2>/dev/null", pdf);
	char *out = pfx_output(cmd), *p = strstr(out, "Pages:");
	int n;

	ck_assert_msg(p != NULL, "pdfinfo gives no page count for %s", pdf);
	n = atoi(p + 6);
	free(out);
	free(cmd);
	return n;
}

char *
pfx_text(const char *pdf, int page)
{
	char *cmd = xasprintf("pdftotext -f %d -l %d '%s' - 2>/dev/null",
	    page, page, pdf);
	char *out = pfx_output(cmd);

	free(cmd);
	return out;
}

void
pfx_check_seal(const char *pdf, const struct print_result *r)
{
	double half = r->seal_diameter_mm / 2 + 4;
	struct red_box box;
	struct picture pic;
	char *png, *text;

	ck_assert_int_gt(r->seal_page, 0);
	png = measure_raster(pfx.dir, pdf, r->seal_page, 150);
	picture_load(&pic, png, 150);
	picture_red_box(&pic, r->seal_x_mm - half, r->seal_y_mm - half,
	    r->seal_x_mm + half, r->seal_y_mm + half, &box);
	/* Red ink, a disc of the seal's size, where the layout put it. */
	ck_assert_msg(box.n > 2000, "only %ld red pixels at the seal", box.n);
	ck_assert_msg(box.cx > r->seal_x_mm - 1 && box.cx < r->seal_x_mm + 1 &&
	    box.cy > r->seal_y_mm - 1 && box.cy < r->seal_y_mm + 1,
	    "seal centred at (%.2f, %.2f) mm, laid out at (%.2f, %.2f)",
	    box.cx, box.cy, r->seal_x_mm, r->seal_y_mm);
	ck_assert_msg(box.x1 - box.x0 > r->seal_diameter_mm - 1.5 &&
	    box.x1 - box.x0 < r->seal_diameter_mm + 1.5,
	    "seal %.2f mm across, not %.2f", box.x1 - box.x0,
	    r->seal_diameter_mm);
	/* It presses on the issuer's name and the date. */
	text = pfx_text(pdf, r->seal_page);
	ck_assert_ptr_nonnull(strstr(text, "示范市示范区司法局"));
	ck_assert_ptr_nonnull(strstr(text, "日"));
	free(text);
	picture_free(&pic);
	free(png);
}

void
pfx_check_copy(const char *pdf, uint32_t copy_no, int pages)
{
	char num[16], *text;

	ck_assert_int_eq(pfx_pages(pdf), pages);
	snprintf(num, sizeof num, "%06u", (unsigned) copy_no);
	text = pfx_text(pdf, 1);
	/* The copy number is the first line of the first page. */
	ck_assert_msg(strncmp(text, num, 6) == 0 && text[6] == '\n',
	    "copy %s: page 1 starts %.20s", num, text);
	free(text);
}
