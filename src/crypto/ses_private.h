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

#endif
