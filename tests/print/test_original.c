/*
 * test_original.c -- the sealed original (src/print/original.c): drawn
 * when the clerk seals, its SM3 signed and kept in the version record,
 * its bytes kept in the workspace; read back or drawn again, always
 * checked against the signed hash, a kept file changed since sealing
 * recorded in the audit trail; a version that no longer draws as it
 * was signed is never printed; and a sealing sweeps away the temporary
 * originals of dead sealings only, never one another process is still
 * signing.
 */
#include <config.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/testlib.h"
#include "print/print_fixture.h"
#include "print/print_int.h"
#include "print/suites.h"

static void
original_sm3(const void *p, size_t n, unsigned char h[32])
{
	ck_assert_int_eq(crypto_sm3(p, n, h), STATUS_OK);
}

START_TEST(test_original_signed_and_kept)
{
	uint64_t doc = pfx_simple_sealed(2);
	char *path = print_original_path(store_home(fx.st), doc, 1);
	struct render_result rr;
	struct original_src src;
	struct ses_signature sig;
	struct rec_version v;
	unsigned char h[32];
	unsigned long len;
	char *kept;
	struct buf b;

	/* The version keeps the hash of the kept file. */
	wfx_version(doc, 1, &v);
	ck_assert_uint_eq(v.pdf_sm3.len, 32);
	kept = testlib_read_file(path, &len);
	ck_assert_msg(kept != NULL, "no original kept at %s", path);
	ck_assert_int_eq(memcmp(kept, "%PDF-", 5), 0);
	original_sm3(kept, len, h);
	ck_assert_mem_eq(h, v.pdf_sm3.data, 32);

	/* The signature covers that PDF and the seal's place on it. */
	ck_assert_int_eq(ses_signature_parse(v.signature.data,
	    v.signature.len, &sig), STATUS_OK);
	ck_assert(sig.has_protected && sig.protected.has_pdf);
	ck_assert_uint_eq(sig.protected.data_kind, SES_DATA_PDF);
	ck_assert_mem_eq(sig.protected.pdf_sm3, h, 32);
	ck_assert_uint_eq(sig.data_hash_len, 32);
	ck_assert_mem_eq(sig.data_hash, h, 32);
	buf_init(&b);
	ck_assert_int_eq(original_src_get(fx.st, wfx.s[WFX_PRINTER], doc,
	    &src), STATUS_OK);
	ck_assert_int_eq(original_draw(&src, 0, &b, &rr), STATUS_OK);
	ck_assert_uint_eq(sig.protected.page, (uint32_t) rr.seal_page);
	ck_assert_uint_eq(sig.protected.x_um,
	    (uint32_t) (rr.seal_x_mm * 1000 + 0.5));
	ck_assert_uint_eq(sig.protected.y_um,
	    (uint32_t) (rr.seal_y_mm * 1000 + 0.5));
	/* Drawn again, the same bytes. */
	ck_assert_uint_eq(b.len, len);
	ck_assert_mem_eq(b.data, kept, len);

	ses_signature_free(&sig);
	original_src_free(&src);
	buf_free(&b);
	free(kept);
	free(path);
	rec_free(REC_VERSION, &v);
}
END_TEST

START_TEST(test_original_read_back_or_redrawn)
{
	uint64_t doc = pfx_simple_sealed(1);
	char *path = print_original_path(store_home(fx.st), doc, 1);
	unsigned long len;
	char *kept = testlib_read_file(path, &len), *again;
	uint32_t version = 0;
	struct rec_audit e;
	uint64_t since;
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(print_original(fx.st, wfx.s[WFX_PRINTER], doc, &b,
	    &version), STATUS_OK);
	ck_assert_uint_eq(version, 1);
	ck_assert_uint_eq(b.len, len);
	ck_assert_mem_eq(b.data, kept, len);

	/* Lost or damaged, it is drawn again, checked and kept again; a
	 * damaged one is an alert for the security auditor. */
	testlib_write_file(path, "%PDF-1.5 not the original", 25);
	buf_reset(&b);
	since = fx_audit_count();
	ck_assert_int_eq(print_original(fx.st, wfx.s[WFX_PRINTER], doc, &b,
	    NULL), STATUS_OK);
	ck_assert_mem_eq(b.data, kept, len);
	ck_assert_uint_eq(wfx_audit_since(since, &e), 1);
	ck_assert_int_eq(e.action, ACT_DOC_READ);
	ck_assert_int_eq(e.outcome, AUDIT_FAILED);
	ck_assert_int_eq(e.object_kind, REC_DOC);
	ck_assert_uint_eq(e.object_id, doc);
	ck_assert_uint_ne(e.user_id, 0);
	ck_assert_ptr_nonnull(strstr(e.detail, "kept original"));
	rec_free(REC_AUDIT, &e);
	ck_assert_int_eq(unlink(path), 0);
	buf_reset(&b);
	since = fx_audit_count();
	ck_assert_int_eq(print_original(fx.st, wfx.s[WFX_PRINTER], doc, &b,
	    NULL), STATUS_OK);
	ck_assert_uint_eq(b.len, len);
	ck_assert_uint_eq(wfx_audit_since(since, NULL), 0);
	again = testlib_read_file(path, NULL);
	ck_assert_ptr_nonnull(again);
	ck_assert_mem_eq(again, kept, len);

	free(again);
	free(kept);
	free(path);
	buf_free(&b);
}
END_TEST

START_TEST(test_original_mismatch_is_not_printed)
{
	uint64_t doc = pfx_simple_sealed(3);
	struct print_result r;
	struct rec_version v;
	struct docview dv;
	char *copy;

	/* As if the fonts had changed since sealing. */
	wfx_version(doc, 1, &v);
	v.pdf_sm3.data[0] ^= 0xff;
	wfx_put(REC_VERSION, &v);
	rec_free(REC_VERSION, &v);

	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_PRINT_ORIGINAL, &r);
	ck_assert_uint_eq(r.printed, 0);
	ck_assert_int_eq(r.outcome, PRINT_FAILED);
	print_result_free(&r);
	copy = xasprintf("%s/doc-%llu-v1-000001.pdf", pfx.folder,
	    (unsigned long long) doc);
	ck_assert_int_ne(access(copy, F_OK), 0);
	free(copy);

	pfx_view(doc, &dv);
	ck_assert_uint_eq(dv.njobs, 1);
	ck_assert_int_eq(dv.jobs[0].outcome, PRINT_FAILED);
	ck_assert_ptr_nonnull(strstr(dv.jobs[0].message, "sealed"));
	ck_assert_uint_eq(dv.doc.next_copy_no, 1);	/* nothing consumed */
	ck_assert_uint_eq(dv.doc.copies_printed, 0);
	docview_free(&dv);
}
END_TEST

START_TEST(test_original_without_renderer)
{
	struct print_result r;
	struct rec_version v;
	uint64_t doc;

	/* A version sealed before this layer was installed signs its
	 * content only; it still prints. */
	print_attach(NULL);
	doc = pfx_simple_sealed(1);
	print_attach(fx.st);
	wfx_version(doc, 1, &v);
	ck_assert_uint_eq(v.pdf_sm3.len, 0);
	rec_free(REC_VERSION, &v);
	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_OK, &r);
	ck_assert_uint_eq(r.printed, 1);
	print_result_free(&r);
}
END_TEST

/* How many entries (hidden ones too) the folder DIR holds. */
static unsigned
original_entries(const char *dir)
{
	struct dirent *e;
	unsigned n = 0;
	DIR *d;

	ck_assert_msg((d = opendir(dir)) != NULL, "no folder %s", dir);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

START_TEST(test_original_only_with_the_commit)
{
	uint64_t doc = wfx_create(DOC_LIT_COMPOSED, 1);
	char *dir = xasprintf("%s/originals", store_home(fx.st));
	char *path = print_original_path(store_home(fx.st), doc, 1);
	char *left = xasprintf("%s/.doc-999-v1.pdf.sealing", dir);
	struct rec_doc d;

	/* What a sealing killed before its end leaves behind. */
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	testlib_write_file(left, "%PDF-", 5);

	/* A sealing that fails before its commit (here the seal's key
	 * password is wrong, after the original is drawn) keeps no file,
	 * and sweeps the leftover away. */
	wfx_walk(doc, DOC_TO_SEAL);
	ck_assert_int_eq(workflow_seal(fx.st, wfx.s[WFX_CLERK], doc, pfx.seal,
	    1, "not-the-key-password"), STATUS_KEY_PASSWORD);
	wfx_doc(doc, &d);
	ck_assert_uint_eq(d.state, DOC_TO_SEAL);
	rec_free(REC_DOC, &d);
	ck_assert_uint_eq(original_entries(dir), 0);

	/* The sealing that commits keeps its original, and only that. */
	ck_assert_int_eq(workflow_seal(fx.st, wfx.s[WFX_CLERK], doc, pfx.seal,
	    1, WFX_KEY_PW), STATUS_OK);
	ck_assert_int_eq(access(path, R_OK), 0);
	ck_assert_uint_eq(original_entries(dir), 1);

	free(left);
	free(path);
	free(dir);
}
END_TEST

/* A sealing in another process with its original pending as NAME in
 * DIR (written as original.c writes it, lock held): the child holds it
 * until told to go (a byte on *GO, or the pipe closed), then dies. */
static pid_t
original_other_sealing(const char *dir, const char *name, int *go)
{
	int ready[2], wait_go[2], fd;
	pid_t pid;
	char c;

	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(wait_go), 0);
	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		close(ready[0]);
		close(wait_go[1]);
		if (pfile_save_held(dir, name, "%PDF-", 5, 0600, &fd) !=
		    STATUS_OK)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		(void) read(wait_go[0], &c, 1);
		_exit(0);	/* the kernel drops the lock */
	}
	close(ready[1]);
	close(wait_go[0]);
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	close(ready[0]);
	*go = wait_go[1];
	return pid;
}

/* Let the other sealing PID (told through GO) end without its end. */
static void
original_other_dies(pid_t pid, int go)
{
	int wstatus;

	close(go);
	ck_assert_int_eq(waitpid(pid, &wstatus, 0), pid);
	ck_assert(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
}

START_TEST(test_original_other_sealings_pending)
{
	char *dir = xasprintf("%s/originals", store_home(fx.st));
	char *alive = xasprintf("%s/.doc-998-v1.pdf.77.sealing", dir);
	char *dead = xasprintf("%s/.doc-999-v1.pdf.78.sealing", dir);
	uint64_t doc, doc2;
	pid_t a, b;
	int go_a, go_b;
	char *path;

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	a = original_other_sealing(dir, ".doc-998-v1.pdf.77.sealing", &go_a);
	b = original_other_sealing(dir, ".doc-999-v1.pdf.78.sealing", &go_b);
	original_other_dies(b, go_b);	/* killed before its end */

	/* This sealing draws and writes its original while the other one
	 * is still signing: the other's file stays, the dead one's goes. */
	doc = pfx_simple_sealed(1);
	ck_assert_int_ne(access(dead, F_OK), 0);
	path = print_original_path(store_home(fx.st), doc, 1);
	ck_assert_int_eq(access(path, R_OK), 0);
	free(path);
	ck_assert_int_eq(access(alive, F_OK), 0);
	ck_assert_uint_eq(original_entries(dir), 2);

	/* Once the other process is gone, the next sealing sweeps its
	 * file away. */
	original_other_dies(a, go_a);
	doc2 = pfx_simple_sealed(1);
	ck_assert_int_ne(access(alive, F_OK), 0);
	path = print_original_path(store_home(fx.st), doc2, 1);
	ck_assert_int_eq(access(path, R_OK), 0);
	free(path);
	ck_assert_uint_eq(original_entries(dir), 2);	/* the two kept */

	free(alive);
	free(dead);
	free(dir);
}
END_TEST

Suite *
original_suite(void)
{
	Suite *s = suite_create("original");
	TCase *tc = tcase_create("sealed original");

	tcase_add_checked_fixture(tc, pfx_setup, pfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_original_signed_and_kept);
	tcase_add_test(tc, test_original_read_back_or_redrawn);
	tcase_add_test(tc, test_original_mismatch_is_not_printed);
	tcase_add_test(tc, test_original_without_renderer);
	tcase_add_test(tc, test_original_only_with_the_commit);
	tcase_add_test(tc, test_original_other_sealings_pending);
	suite_add_tcase(s, tc);
	return s;
}
