/*
 * mkws.c -- make a workspace for the command-line tests: two records of
 * every kind with every field set, and in the first user's password hash
 * and the seals' and custodies' wrapped keys the bytes
 * "SECRET-HASH-BYTES", which dump must never print.
 *
 *   mkws HOME
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"

static void
mkws_secret(struct blob *b)
{
	static const char secret[] = "SECRET-HASH-BYTES";

	free(b->data);
	b->len = sizeof secret - 1;
	b->data = xmalloc(b->len);
	memcpy(b->data, secret, b->len);
}

int
main(int argc, char **argv)
{
	struct store *st;
	union rec_any rec;
	unsigned k, i;

	if (argc != 2) {
		fprintf(stderr, "usage: mkws HOME\n");
		return 2;
	}
	/* No ck_assert here: it works only inside a libcheck test. */
	if (store_open(argv[1], STORE_CREATE, &st) != STATUS_OK)
		return 1;
	for (i = 0; i < 2; i++) {
		for (k = 0; k < REC__COUNT; k++) {
			fixture_fill((enum rec_kind) k, &rec, 2 * k + i);
			rec.meta.id = 0;
			if (k == REC_USER)
				mkws_secret(&rec.user.pw_hash);
			if (k == REC_SEAL)
				mkws_secret(&rec.seal.wrapped_key);
			if (k == REC_CUSTODY)
				mkws_secret(&rec.custody.wrapped_key);
			if (fixture_put(st, (enum rec_kind) k, &rec) !=
			    STATUS_OK)
				return 1;
			rec_free((enum rec_kind) k, &rec);
		}
	}
	store_close(st);
	return 0;
}
