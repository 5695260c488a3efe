/*
 * rec_meta.c -- how the store keeps a workspace setting (struct rec_meta),
 * one record per key, and its index by key. Values whose key names a secret
 * are never shown.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "store/codec.h"

/*
 * Some settings hold secrets: the workstation's wrapped audit signing key
 * ("audit.signing_key") and whatever later joins it.  The convention, for
 * everyone who adds a setting: a key that ends in "_key" (other than
 * "public_key"), or that contains "secret", "private", "wrapped",
 * "password" or "kek", holds a secret, and dump shows only its length.
 */
static int
rec_meta_secret_key(const char *key)
{
	static const char *const words[] = {
		"secret", "private", "wrapped", "password", "kek"
	};
	size_t n = strlen(key), i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(key, words[i]) != NULL)
			return 1;
	if (n >= 10 && strcmp(key + n - 10, "public_key") == 0)
		return 0;
	return n >= 4 && strcmp(key + n - 4, "_key") == 0;
}

static int
rec_meta_is_secret(const void *rec, const struct field *f)
{
	const struct rec_meta *m = rec;

	return strcmp(f->name, "value") == 0 && m->key != NULL &&
	    rec_meta_secret_key(m->key);
}

static const struct field rec_meta_fields[] = {
	FIELD(1, FT_STR, 0, rec_meta, key),
	FIELD(2, FT_STR, 0, rec_meta, value),
};

const struct rec_type rec_meta_type = {
	REC_META, "meta", sizeof (struct rec_meta),
	rec_meta_fields, sizeof rec_meta_fields / sizeof rec_meta_fields[0],
	NULL, rec_meta_is_secret
};

/* IDX_META_KEY: the key, unique, to the id. */
const struct index_def rec_meta_idx_key = {
	IDX_META_KEY, REC_META, "meta-by-key.db", 1, 1,
	{ { offsetof(struct rec_meta, key), FT_STR, 0 } }, 0
};
