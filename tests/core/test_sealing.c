/*
 * test_sealing.c -- the signature a seal makes on a document version:
 * a GB/T 38540 SES_Signature that verifies against the workspace's own
 * trust and the rendered PDF, and that binds the document, version,
 * number, content, PDF, seal and its place, signer, issuer, approval
 * chain and copies; without a renderer it binds the canonical content.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/seal_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"

#define S(who)	sfx.s[SFX_##who]
#define ID(who)	sfx.id[SFX_##who]

static const char fake_pdf[] = "%PDF-1.5\n% the sealed original\n%%EOF\n";

/* Stands for the render layer: a fixed PDF, the seal on page 1. */
static enum status
sl_render(struct sealing_render *r, void *arg)
{
	ck_assert_ptr_eq(arg, fake_pdf);
	ck_assert_str_eq(r->seal->regno, SFX_REGNO);
	ck_assert_uint_eq(r->version->number, 1);
	ck_assert_uint_eq(r->doc->id, sfx.doc);
	r->page = 1;
	r->x_mm = 150.5;
	r->y_mm = 230.25;
	r->diameter_mm = 42.0;
	return crypto_sm3(fake_pdf, strlen(fake_pdf), r->pdf_sm3);
}

static enum status
sl_render_fails(struct sealing_render *r, void *arg)
{
	(void) r;
	(void) arg;
	return STATUS_RENDER_FONT;
}

/* Verify SIG over FILE with the workspace's trust; every check passes. */
static void
sl_verify_all(const struct blob *sig, const void *file, size_t n,
    struct ses_report *r)
{
	struct ses_trust t;
	int i;

	ses_trust_init(&t, clock_now());
	ck_assert_int_eq(seal_trust_load(fx.st, &t), STATUS_OK);
	ck_assert_int_eq(ses_verify(sig->data, sig->len, file, n, &t, r),
	    STATUS_OK);
	for (i = 0; i < SES_CHECK__COUNT; i++)
		ck_assert_msg(r->check[i].outcome == SES_PASS, "%s: %s",
		    ses_check_name(i), r->check[i].note);
	ses_trust_free(&t);
}

START_TEST(test_signature_binds_what_was_sealed)
{
	const struct ses_protected *p;
	struct rec_version v;
	struct rec_seal seal;
	struct ses_report r;
	struct blob sig;
	unsigned char pdf_h[32], png_h[32];

	sealing_set_renderer(sl_render, (void *) fake_pdf);
	clock_advance(120);
	ck_assert_int_eq(sfx_sign(SFX_CLERK, sfx.seal, sfx.version, SFX_KEY_PW,
	    &sig), STATUS_OK);
	sl_verify_all(&sig, fake_pdf, strlen(fake_pdf), &r);

	sfx_get(REC_VERSION, sfx.version, &v);
	ck_assert_int_eq(crypto_sm3(fake_pdf, strlen(fake_pdf), pdf_h),
	    STATUS_OK);
	ck_assert_int_eq(crypto_sm3(sfx_png, sfx_png_len, png_h), STATUS_OK);
	ck_assert(r.sig.has_protected);
	p = &r.sig.protected;
	ck_assert_int_eq(r.sig.time, FX_T0 + 120);
	ck_assert_str_eq(r.sig.property, "eseal/doc-1/v1/original.pdf");
	ck_assert_int_eq(p->data_kind, SES_DATA_PDF);
	ck_assert_uint_eq(p->doc_id, sfx.doc);
	ck_assert_uint_eq(p->doc_version, 1);
	ck_assert_str_eq(p->doc_number, "示司复〔2026〕7号");
	ck_assert_mem_eq(p->content_sm3, v.content_sm3.data, 32);
	ck_assert(p->has_pdf);
	ck_assert_mem_eq(p->pdf_sm3, pdf_h, 32);
	ck_assert_str_eq(p->seal_regno, SFX_REGNO);
	ck_assert_mem_eq(p->impression_sm3, png_h, 32);
	ck_assert_uint_eq(p->page, 1);
	ck_assert_uint_eq(p->x_um, 150500);
	ck_assert_uint_eq(p->y_um, 230250);
	ck_assert_uint_eq(p->diameter_um, 42000);
	ck_assert_uint_eq(p->signer.id, ID(CLERK));
	ck_assert_str_eq(p->signer.login, "wang");
	ck_assert_uint_eq(p->custody_id, 0);
	ck_assert_uint_eq(p->issuer.id, ID(APPROVER));
	ck_assert_str_eq(p->issuer.login, "zhao");
	ck_assert_int_eq(p->issued_at, FX_T0 - 3600);
	ck_assert_uint_eq(p->approvals, 2);
	ck_assert_uint_eq(p->copies, 3);
	ses_report_free(&r);

	/* The seal's own check of its signature on the version. */
	sfx_get_seal(sfx.seal, &seal);
	ck_assert_int_eq(sealing_verify(&seal, v.content_sm3.data, &sig),
	    STATUS_OK);
	v.content_sm3.data[0] ^= 1;
	ck_assert_int_eq(sealing_verify(&seal, v.content_sm3.data, &sig),
	    STATUS_BAD_SIGNATURE);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_VERSION, &v);
	free(sig.data);
}
END_TEST

START_TEST(test_without_renderer_binds_content)
{
	struct rec_version v;
	struct ses_report r;
	struct blob sig;
	struct buf b;

	ck_assert_int_eq(sfx_sign(SFX_CLERK, sfx.seal, sfx.version, SFX_KEY_PW,
	    &sig), STATUS_OK);
	sfx_get(REC_VERSION, sfx.version, &v);
	buf_init(&b);
	doc_canonical(sfx.doc, &v, &b);
	sl_verify_all(&sig, b.data, b.len, &r);
	ck_assert_int_eq(r.sig.protected.data_kind, SES_DATA_CONTENT);
	ck_assert(!r.sig.protected.has_pdf);
	ck_assert_uint_eq(r.sig.protected.page, 0);
	ck_assert_str_eq(r.sig.property, "eseal/doc-1/v1/content");
	ses_report_free(&r);
	buf_free(&b);
	rec_free(REC_VERSION, &v);
	free(sig.data);
}
END_TEST

START_TEST(test_ed25519_seal)
{
	struct rec_version v;
	struct ses_report r;
	struct blob sig;
	struct buf b;
	uint64_t ed;

	ed = sfx_add("4401-2026-ED", CRYPTO_ALG_ED25519);
	ck_assert_int_eq(sfx_sign(SFX_CLERK, ed, sfx.version, SFX_KEY_PW,
	    &sig), STATUS_OK);
	sfx_get(REC_VERSION, sfx.version, &v);
	buf_init(&b);
	doc_canonical(sfx.doc, &v, &b);
	sl_verify_all(&sig, b.data, b.len, &r);
	ck_assert_str_eq(r.sig.sig_oid, CRYPTO_OID_ED25519);
	/* The seal itself is still made by the office's SM2 key. */
	ck_assert_str_eq(r.sig.seal.sig_oid, CRYPTO_OID_SM2_SM3);
	ses_report_free(&r);
	buf_free(&b);
	rec_free(REC_VERSION, &v);
	free(sig.data);
}
END_TEST

START_TEST(test_refusals)
{
	struct rec_approval a;
	struct rec_seal seal;
	struct blob sig;

	/* The renderer's failure is the sealing's. */
	sealing_set_renderer(sl_render_fails, NULL);
	ck_assert_int_eq(sfx_sign(SFX_CLERK, sfx.seal, sfx.version, SFX_KEY_PW,
	    &sig), STATUS_RENDER_FONT);
	sealing_set_renderer(NULL, NULL);

	/* Nobody but the holder, and not with a wrong password. */
	ck_assert_int_eq(sfx_sign(SFX_CLERK2, sfx.seal, sfx.version,
	    SFX_KEY_PW, &sig), STATUS_SEAL_CUSTODY);
	ck_assert_int_eq(sfx_sign(SFX_CLERK, sfx.seal, sfx.version,
	    "Wrong-Pass-2026!", &sig), STATUS_KEY_PASSWORD);

	/* A record the register did not make: no certificate, no SESeal. */
	sfx_get_seal(sfx.seal, &seal);
	seal.id = 0;
	free(seal.regno);
	seal.regno = xstrdup("HAND-MADE");
	free(seal.cert.data);
	free(seal.seal_der.data);
	memset(&seal.cert, 0, sizeof seal.cert);
	memset(&seal.seal_der, 0, sizeof seal.seal_der);
	sfx_put(REC_SEAL, &seal);
	ck_assert_int_eq(sfx_sign(SFX_CLERK, seal.id, sfx.version, SFX_KEY_PW,
	    &sig), STATUS_CORRUPT);
	rec_free(REC_SEAL, &seal);

	/* A return after the issuance leaves the version unissued. */
	memset(&a, 0, sizeof a);
	a.doc_id = sfx.doc;
	a.version = 1;
	a.action = APPROVAL_RETURN;
	a.approver_id = ID(APPROVER);
	a.time = FX_T0 - 60;
	sfx_put(REC_APPROVAL, &a);
	ck_assert_int_eq(sfx_sign(SFX_CLERK, sfx.seal, sfx.version, SFX_KEY_PW,
	    &sig), STATUS_NOT_ISSUED);

	/* A suspended seal is used by nobody. */
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO,
	    SEAL_SUSPENDED, "检查"), STATUS_OK);
	ck_assert_int_eq(sfx_sign(SFX_CLERK, sfx.seal, sfx.version, SFX_KEY_PW,
	    &sig), STATUS_SEAL_INACTIVE);
}
END_TEST

Suite *
sealing_suite(void)
{
	Suite *s = suite_create("sealing");
	TCase *tc = tcase_create("sealing");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, sfx_setup, sfx_teardown);
	tcase_add_test(tc, test_signature_binds_what_was_sealed);
	tcase_add_test(tc, test_without_renderer_binds_content);
	tcase_add_test(tc, test_ed25519_seal);
	tcase_add_test(tc, test_refusals);
	suite_add_tcase(s, tc);
	return s;
}
