## tests/crypto/local.mk: the crypto layer's runner, one suite per module.
check_PROGRAMS += tests/crypto/check_crypto
TESTS += tests/crypto/check_crypto
tests_crypto_check_crypto_CPPFLAGS = $(TEST_CPPFLAGS)
tests_crypto_check_crypto_SOURCES = tests/crypto/check_crypto.c \
	tests/crypto/suites.h tests/crypto/helpers.c tests/crypto/helpers.h \
	tests/crypto/test_sm3.c tests/crypto/test_sm2.c \
	tests/crypto/test_ed25519.c tests/crypto/test_key.c \
	tests/crypto/test_openssl.c tests/crypto/test_der.c \
	tests/crypto/test_pwhash.c tests/crypto/test_wrap.c \
	tests/crypto/test_rand.c \
	tests/crypto/test_x509.c tests/crypto/test_ses.c \
	tests/crypto/test_keyscan.c
# Only the layers the crypto layer stands on, so this runner builds and
# runs whatever state the layers above are in.
tests_crypto_check_crypto_LDADD = tests/lib/libestest.a \
	src/crypto/libescrypto.a src/util/libesutil.a \
	$(GCRYPT_LIBS) $(LIBINTL) -lpthread $(CHECK_LIBS)
