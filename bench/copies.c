/*
 * copies.c -- how long the print room waits for numbered copies: one
 * long notice (about six pages, official-document masthead, the seal
 * on page 1 as the office's picture) sealed for 51 copies, printed on a
 * folder printer as a job of 1 copy and then a job of 50, each job
 * through print_run() as 'esealctl print' does it.
 *
 * Usage: copies DIR NOW FOLDER
 *
 * DIR is a workspace of gen's office ('gen DIR 0'), NOW its "now" (gen
 * prints it), FOLDER where the printer writes (made if missing).  Prints
 * "name value unit" lines for run.sh:
 *
 *   copies_draw_whole   drawing the original once, as every copy was
 *                       drawn before the stamp (kept file removed)
 *   copies_1            ms a copy in a job of 1
 *   copies_50           ms a copy in a job of 50
 *
 * The folder printer writes each copy durably (fsync), so the figures
 * include the disk.  Changes the workspace: run it on a copy.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/bench.h"
#include "crypto/crypto.h"
#include "print/print.h"
#include "render/render.h"

#define COPIES_TOTAL	51
#define COPIES_PARAS	40	/* about six pages of body */

static const char copies_para[] =
	"根据《电子签章管理办法（试行）》的规定，加盖电子印章的公文、文书"
	"须由文印室按照提交的打印份数通过彩色打印机进行打印，"
	"打印人员应当核对份号，逐份登记，确保不多印、不漏印。\n";

static struct store *st;
static struct session *who[BENCH__COUNT];

static uint64_t
copies_printer(const char *folder)
{
	struct session *sys = bench_login(st, "sysadmin", "Sys-admin-2026");
	struct printer_spec p;
	uint64_t id;

	memset(&p, 0, sizeof p);
	p.name = "bench-folder";
	p.kind = PRINTER_FOLDER;
	p.queue = folder;
	p.colour = 1;
	bench_check(printer_add(sys, &p, &id), "printer_add");
	session_free(sys);
	return id;
}

/* A seal whose picture the renderer draws, as esealctl makes one. */
static uint64_t
copies_seal(void)
{
	struct impression_spec is;
	struct seal_spec spec;
	struct buf png;
	uint64_t id;

	memset(&is, 0, sizeof is);
	is.name = "示范市示范区司法局";
	buf_init(&png);
	bench_check(impression_png(&is, &png), "impression");
	memset(&spec, 0, sizeof spec);
	spec.regno = "BENCH-COPIES";
	spec.name = is.name;
	spec.owner_body = is.name;
	spec.impression = png.data;
	spec.impression_len = png.len;
	spec.diameter_mm = 42;
	bench_check(seal_add(who[BENCH_DIRECTOR], who[BENCH_CLERK], &spec,
	    BENCH_KEY_PW, &id), "seal_add");
	buf_free(&png);
	return id;
}

static uint64_t
copies_draft(void)
{
	struct doc_content c;
	struct buf body;
	uint64_t id;
	int k;

	doc_content_init(&c);
	c.kind = DOC_OFFICIAL_ADMIN;
	c.copies = COPIES_TOTAL;
	c.title = xstrdup("关于规范电子签章文书打印工作的通知");
	c.recipients = xstrdup("局机关各科室");
	c.issuing_body = xstrdup("示范市示范区司法局");
	buf_init(&body);
	for (k = 0; k < COPIES_PARAS; k++)
		buf_add(&body, copies_para, sizeof copies_para - 1);
	buf_add(&body, "特此通知。", sizeof "特此通知。");
	c.body = (char *) body.data;
	bench_check(workflow_create(st, who[BENCH_DRAFTER], &c, &id),
	    "create");
	doc_content_free(&c);
	return id;
}

/* Submitted, approved level by level (whoever may act), sent, sealed. */
static void
copies_seal_doc(uint64_t id, uint64_t seal)
{
	static const enum bench_who approvers[] = {
		BENCH_CHIEF, BENCH_LEADER, BENCH_BUREAU
	};
	struct docview v;
	size_t i;
	int state;

	bench_check(workflow_submit(st, who[BENCH_DRAFTER], id), "submit");
	for (;;) {
		bench_check(docview_get(st, who[BENCH_CLERK], id, &v), "view");
		state = v.doc.state;
		docview_free(&v);
		if (state != DOC_IN_APPROVAL)
			break;
		for (i = 0; i < 3; i++)
			if (workflow_approve(st, who[approvers[i]], id, NULL) ==
			    STATUS_OK)
				break;
		if (i == 3)
			bench_check(STATUS_STATE, "approve");
	}
	bench_check(workflow_send(st, who[BENCH_DRAFTER], id), "send");
	bench_check(workflow_seal(st, who[BENCH_CLERK], id, seal,
	    COPIES_TOTAL, BENCH_KEY_PW), "seal");
}

/* One job of N copies; returns ms a copy. */
static double
copies_print(uint64_t id, uint32_t n)
{
	struct print_request rq;
	struct print_result res;
	double t;

	memset(&rq, 0, sizeof rq);
	rq.doc_id = id;
	rq.printer = "bench-folder";
	rq.copies = n;
	t = bench_ms();
	bench_check(print_run(st, who[BENCH_PRINTER], &rq, &res), "print");
	t = bench_ms() - t;
	if (res.printed != n)
		bench_check(STATUS_INVALID, "printed");
	print_result_free(&res);
	return t / n;
}

/* One drawing of the original, as each copy cost before. */
static double
copies_draw_whole(uint64_t id)
{
	char *path = print_original_path(store_home(st), id, 1);
	struct buf pdf;
	double t;

	buf_init(&pdf);
	unlink(path);
	t = bench_ms();
	bench_check(print_original(st, who[BENCH_PRINTER], id, &pdf, NULL),
	    "original");
	t = bench_ms() - t;
	buf_free(&pdf);
	free(path);
	return t;
}

int
main(int argc, char **argv)
{
	uint64_t seal, id;
	double whole, one, fifty;
	int i;

	if (argc != 4) {
		fprintf(stderr, "usage: copies DIR NOW FOLDER\n");
		return 2;
	}
	bench_check(crypto_init(), "crypto_init");
	clock_set(strtoll(argv[2], NULL, 10));
	bench_check(store_open(argv[1], 0, &st), argv[1]);
	audit_attach(st);
	print_attach(st);
	mkdir(argv[3], 0755);
	copies_printer(argv[3]);
	for (i = 0; i < BENCH__COUNT; i++)
		who[i] = bench_login(st, bench_names[i], BENCH_PW_NOW);
	seal = copies_seal();
	id = copies_draft();
	copies_seal_doc(id, seal);

	whole = copies_draw_whole(id);
	one = copies_print(id, 1);
	fifty = copies_print(id, COPIES_TOTAL - 1);
	printf("copies_draw_whole %.2f ms\ncopies_1 %.2f ms\n"
	    "copies_50 %.2f ms\n", whole, one, fifty);

	for (i = 0; i < BENCH__COUNT; i++)
		session_free(who[i]);
	print_attach(NULL);
	audit_attach(NULL);
	store_close(st);
	return 0;
}
