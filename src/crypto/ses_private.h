/*
 * ses_private.h -- what ses.c, ses_protect.c and ses_verify.c share and
 * nobody else needs.  Never included outside src/crypto.
 */
#ifndef ESEAL_CRYPTO_SES_PRIVATE_H
#define ESEAL_CRYPTO_SES_PRIVATE_H

#include <stddef.h>

#include "crypto/der.h"

/* Write SES_OID_PROTECTED.  Its 128-bit arc is beyond what der_put_oid()
 * parses, so the encoding is kept ready-made. */
void ses_put_protected_oid(struct der_writer *w);

/* Non-zero when the OID content octets P (N bytes) are
 * SES_OID_PROTECTED. */
int ses_oid_is_protected(const unsigned char *p, size_t n);

/* The verdicts a trust keeps (ses_memo.c): x509_cert_check_issued() and
 * x509_crl_check_issued() against root ROOT of T, each pair of bytes
 * and root checked once.  Safe from several threads at once. */
struct ses_trust;
struct x509_cert;
struct x509_crl;
struct ses_memo *ses_memo_new(void);
void ses_memo_free(struct ses_memo *m);
enum status ses_memo_cert_issued(const struct ses_trust *t,
    const struct x509_cert *c, size_t root);
enum status ses_memo_crl_issued(const struct ses_trust *t,
    const struct x509_crl *crl, size_t root);

#endif
