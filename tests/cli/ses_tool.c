/*
 * ses_tool.c -- helps tests/cli/seal.sh: makes a GB/T 38540 signature
 * over any file with a seal of a workspace, and damages one part of a
 * signature, so that "esealctl verify" can be run against both.
 *
 *   ses_tool sign HOME REGNO KEY-PASSWORD FILE SIGNATURE [SECONDS]
 *   ses_tool flip SIGNATURE time|hash|value|cert|seal
 *
 * "sign" takes the seal's record straight from the store and signs as a
 * custodian would, without the workflow's checks (the document flow is
 * not under test there), and without this product's protected
 * information, as another vendor's signature would be; SECONDS dates it
 * that much later than now.  "flip" changes
 * one byte of the named part and leaves the DER well-formed.  A test
 * tool: it is never installed.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "store/store.h"

static unsigned char *
tool_read(const char *path, size_t *n)
{
	unsigned char *p = NULL;
	long len;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto fail;
	p = xmalloc((size_t) len + 1);
	if (fread(p, 1, (size_t) len, f) != (size_t) len)
		goto fail;
	fclose(f);
	*n = (size_t) len;
	return p;
fail:
	perror(path);
	exit(2);
}

static void
tool_write(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

struct tool_seal {
	const char	*regno;
	struct rec_seal	 seal;
};

static enum status
tool_seal_txn(struct store_txn *txn, void *arg)
{
	struct tool_seal *t = arg;

	rec_free(REC_SEAL, &t->seal);
	return store_get_by_name(txn, IDX_SEAL_REGNO, t->regno, &t->seal);
}

static int
tool_sign(char **argv)
{
	struct tool_seal t = { argv[1], { 0 } };
	struct crypto_key *key = NULL;
	unsigned char hash[32], *file, *sig;
	struct ses_sign_in in;
	struct store *st;
	size_t n, siglen;

	if (crypto_init() != STATUS_OK || store_open(argv[0], 0, &st) !=
	    STATUS_OK || store_run(st, STORE_READ, tool_seal_txn, &t) !=
	    STATUS_OK || crypto_key_unwrap(t.seal.wrapped_key.data,
	    t.seal.wrapped_key.len, argv[2], &key) != STATUS_OK) {
		fprintf(stderr, "ses_tool: cannot open the seal\n");
		return 1;
	}
	file = tool_read(argv[3], &n);
	crypto_sm3(file, n, hash);
	memset(&in, 0, sizeof in);
	in.seal = t.seal.seal_der.data;
	in.seal_len = t.seal.seal_der.len;
	in.time = clock_now() + (argv[5] != NULL ? atoi(argv[5]) : 0);
	in.data_hash = hash;
	in.property = "test/file";
	in.cert = t.seal.cert.data;
	in.cert_len = t.seal.cert.len;
	if (ses_sign(&in, key, &sig, &siglen) != STATUS_OK)
		return 1;
	tool_write(argv[4], sig, siglen);
	free(sig);
	free(file);
	crypto_key_free(key);
	rec_free(REC_SEAL, &t.seal);
	store_close(st);
	return 0;
}

/* The offset of a byte inside PART of the signature S read from P. */
static size_t
tool_offset(const unsigned char *p, size_t n, const struct ses_signature *s,
    const char *part)
{
	const unsigned char *at;

	if (strcmp(part, "time") == 0) {
		/* The seconds of timeInfo: GeneralizedTime right after the
		 * seal inside TBS_Sign. */
		at = s->seal.der + s->seal.der_len;
		return (size_t) (at - p) + 2 + 13;
	}
	if (strcmp(part, "hash") == 0)
		return (size_t) (s->data_hash - p) + 7;
	if (strcmp(part, "value") == 0)
		return n - 1;
	if (strcmp(part, "cert") == 0)
		return (size_t) (s->cert - p) + s->cert_len - 1;
	if (strcmp(part, "seal") == 0)
		return (size_t) (s->seal.picture - p) + s->seal.picture_len / 2;
	fprintf(stderr, "ses_tool: no part %s\n", part);
	exit(2);
}

static int
tool_flip(char **argv)
{
	struct ses_signature s;
	unsigned char *p;
	size_t n, off;

	crypto_init();
	p = tool_read(argv[0], &n);
	if (ses_signature_parse(p, n, &s) != STATUS_OK) {
		fprintf(stderr, "ses_tool: %s is no signature\n", argv[0]);
		return 1;
	}
	off = tool_offset(p, n, &s, argv[1]);
	ses_signature_free(&s);
	p[off] ^= 0x01;
	tool_write(argv[0], p, n);
	free(p);
	return 0;
}

int
main(int argc, char **argv)
{
	if ((argc == 7 || argc == 8) && strcmp(argv[1], "sign") == 0)
		return tool_sign(argv + 2);
	if (argc == 4 && strcmp(argv[1], "flip") == 0)
		return tool_flip(argv + 2);
	fprintf(stderr, "usage: ses_tool sign HOME REGNO KEY-PW FILE SIG "
	    "[SECONDS]\n"
	    "       ses_tool flip SIG time|hash|value|cert|seal\n");
	return 2;
}
