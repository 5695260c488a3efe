/*
 * test_sealsize.c -- a sealed version's room in the store: with a seal
 * whose picture is as large as a real one (100 KB), the version sealed
 * through the workflow is stored in under 2 KB (its signature without
 * the seal and certificate the seal record holds), yet every reader
 * gets the whole SES_Signature, which verifies, seal picture included.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/seal_fixture.h"
#include "core/suites.h"
#include "core/wf_fixture.h"
#include "lib/testlib.h"
#include "store/store_test.h"

#define SZ_PICTURE	(100 * 1024)

/* A picture's bytes: a PNG is deflated, so they do not pack. */
static unsigned char *
sz_picture(void)
{
	unsigned char *p = xmalloc(SZ_PICTURE);
	uint32_t seed = 7;
	size_t i;

	for (i = 0; i < SZ_PICTURE; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char) (seed >> 16);
	}
	return p;
}

/* The seal SZ-100K with the large picture, custodian WFX_CLERK. */
static uint64_t
sz_seal(const unsigned char *picture)
{
	struct seal_spec spec;
	struct session *s;
	uint64_t id = 0;

	fx_user("office-sz", ROLE_OFFICE_DIRECTOR, FX_PW);
	s = fx_login("office-sz", FX_PW, STATUS_OK);
	memset(&spec, 0, sizeof spec);
	spec.regno = "SZ-100K";
	spec.name = "示范市示范区司法局";
	spec.owner_body = "示范市示范区司法局";
	spec.impression = picture;
	spec.impression_len = SZ_PICTURE;
	spec.diameter_mm = 42;
	ck_assert_int_eq(seal_add(s, wfx.s[WFX_CLERK], &spec, WFX_KEY_PW,
	    &id), STATUS_OK);
	session_free(s);
	return id;
}

struct sz_bytes {
	uint64_t	 id;
	struct buf	 b;
};

static enum status
sz_bytes_txn(struct store_txn *txn, void *arg)
{
	struct sz_bytes *q = arg;

	return store_test_get_bytes(txn, REC_VERSION, q->id, &q->b);
}

/* How many bytes version ID takes in the store. */
static size_t
sz_stored(uint64_t id)
{
	struct sz_bytes q;
	size_t n;

	q.id = id;
	buf_init(&q.b);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, sz_bytes_txn, &q),
	    STATUS_OK);
	n = q.b.len;
	buf_free(&q.b);
	return n;
}

START_TEST(test_large_seal_stored_small)
{
	unsigned char *picture = sz_picture();
	struct rec_version v;
	struct rec_seal seal;
	struct rec_doc d;
	uint64_t seal_id, doc;

	seal_id = sz_seal(picture);
	doc = wfx_create(DOC_LIT_COMPOSED, 2);
	wfx_walk(doc, DOC_TO_SEAL);
	ck_assert_int_eq(workflow_seal(fx.st, wfx.s[WFX_CLERK], doc, seal_id,
	    2, WFX_KEY_PW), STATUS_OK);
	wfx_doc(doc, &d);
	ck_assert_int_eq(d.state, DOC_SEALED);
	ck_assert_uint_eq(d.seal_id, seal_id);

	wfx_version(doc, d.sealed_version, &v);
	ck_assert_uint_lt(sz_stored(v.id), 2048);
	/* Read whole: the picture is in it, and it verifies. */
	ck_assert_uint_gt(v.signature.len, SZ_PICTURE);
	ck_assert_ptr_nonnull(memmem(v.signature.data, v.signature.len,
	    picture, SZ_PICTURE));
	sfx_get_seal(seal_id, &seal);
	ck_assert_ptr_nonnull(memmem(v.signature.data, v.signature.len,
	    seal.seal_der.data, seal.seal_der.len));
	ck_assert_int_eq(sealing_verify(&seal, v.content_sm3.data,
	    &v.signature), STATUS_OK);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_VERSION, &v);
	rec_free(REC_DOC, &d);
	free(picture);
}
END_TEST

Suite *
sealsize_suite(void)
{
	Suite *s = suite_create("sealsize");
	TCase *tc = tcase_create("sealsize");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_add_test(tc, test_large_seal_stored_small);
	suite_add_tcase(s, tc);
	return s;
}
