## src/crypto/local.mk: libgcrypt's one home (SM2, SM3, Ed25519, password
## hashing, key wrapping) and the DER encoding the seal structures use.
noinst_LIBRARIES += src/crypto/libescrypto.a
src_crypto_libescrypto_a_CPPFLAGS = $(AM_CPPFLAGS) $(GCRYPT_CFLAGS)
src_crypto_libescrypto_a_SOURCES = \
	src/crypto/crypto.h src/crypto/der.h src/crypto/internal.h \
	src/crypto/base64.c \
	src/crypto/crypto_init.c \
	src/crypto/der_oid.c \
	src/crypto/der_read.c \
	src/crypto/der_text.c \
	src/crypto/der_write.c \
	src/crypto/ed25519.c \
	src/crypto/ed25519_long.c \
	src/crypto/kdf.c \
	src/crypto/keyscan.c \
	src/crypto/key.c \
	src/crypto/pem.c \
	src/crypto/pwhash.c \
	src/crypto/rand.c \
	src/crypto/secure.c \
	src/crypto/ses.c src/crypto/ses.h src/crypto/ses_private.h \
	src/crypto/ses_memo.c src/crypto/ses_protect.c src/crypto/ses_verify.c \
	src/crypto/sign.c \
	src/crypto/sm2.c \
	src/crypto/sm3.c \
	src/crypto/spki.c \
	src/crypto/wrap.c \
	src/crypto/x509.c src/crypto/x509.h src/crypto/x509_crl.c
