## src/crypto/local.mk
noinst_LIBRARIES += src/crypto/libescrypto.a
src_crypto_libescrypto_a_CPPFLAGS = $(AM_CPPFLAGS) $(GCRYPT_CFLAGS)
src_crypto_libescrypto_a_SOURCES = \
	src/crypto/crypto.h \
	src/crypto/crypto_version.c
