/*
 * standalone_private.h -- what the standalone-seal files share: the
 * package as a struct, and the formats of the package, the use log and
 * its head (standalone_pkg.c).  Everything else goes through
 * standalone.h.
 */
#ifndef ESEAL_CORE_STANDALONE_PRIVATE_H
#define ESEAL_CORE_STANDALONE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/standalone.h"

/* The package: the limits, the wrapped key and what verifies it. */
struct standalone_pkg {
	uint64_t	 id;		/* the application */
	char		*regno;
	char		*seal_name;
	uint64_t	 person_id;
	char		*person;
	char		*person_name;
	uint64_t	 station_id;
	char		*station;
	char		*purpose;
	int64_t		 from;
	int64_t		 to;
	uint32_t	 uses;
	int64_t		 issued;
	char		*issuer;	/* the clerk's login */
	struct blob	 wrapped;	/* under the one-time secret */
	struct blob	 seal_der;	/* SESeal */
	struct blob	 cert;		/* the seal key's certificate */
	struct blob	 root;		/* the office's root certificate */
	/* Filled by parsing. */
	size_t		 signed_len;	/* bytes the signature covers */
	struct blob	 sig;
	unsigned char	 sm3[32];	/* of the whole package file */
};

void standalone_pkg_free(struct standalone_pkg *p);

/* P as the package file, signed with ROOT_KEY, into OUT (appended);
 * P->sm3 gets the file's hash. */
enum status standalone_pkg_encode(struct standalone_pkg *p,
    const struct crypto_key *root_key, struct buf *out);

/* Read the package file DATA; STATUS_SA_PACKAGE_TAMPERED when it is not
 * one.  The signature is not checked here. */
enum status standalone_pkg_parse(const unsigned char *data, size_t n,
    struct standalone_pkg *p);

/* STATUS_OK when ROOT_PUB signed DATA (parsed into P), else
 * STATUS_SA_PACKAGE_TAMPERED. */
enum status standalone_pkg_verify(const struct standalone_pkg *p,
    const unsigned char *data, const struct crypto_key *root_pub);

/* Append use N of package P at TIME, chained to PREV, to OUT, signed by
 * KEY; NEXT (may be NULL) gets the hash the next entry chains to. */
enum status standalone_log_append(const struct standalone_pkg *p,
    const struct crypto_key *key, const struct standalone_use *u,
    const unsigned char prev[32], struct buf *out, unsigned char next[32]);

/* Append the printing of use N at TIME to WHERE ("" when nothing
 * printed) with outcome RESULT, chained to PREV, to OUT, signed by KEY;
 * NEXT (may be NULL) gets the hash the next line chains to. */
enum status standalone_log_append_print(const struct standalone_pkg *p,
    const struct crypto_key *key, uint32_t n, int64_t time,
    const char *where, enum status result, const unsigned char prev[32],
    struct buf *out, unsigned char next[32]);

/* STATUS_OK when SIGHEX is PUB's signature of the N bytes of TEXT as
 * an entry of WHAT ("use" or "head") of package ID. */
enum status standalone_log_signed_ok(const struct crypto_key *pub,
    const char *what, uint64_t id, const char *text, size_t n,
    const char *sighex);

/* The head file for COUNT lines ending in LAST, signed by KEY. */
enum status standalone_head_make(const struct standalone_pkg *p,
    const struct crypto_key *key, uint32_t count, const unsigned char last[32],
    struct buf *out);

/*
 * Check the log LOG and its head HEAD (NULL when missing) of package P
 * with the seal's public key PUB.  *USES (standalone_uses_free) gets
 * every entry whose signature holds, *LAST what the next entry chains
 * to, *AT the entry where a fault was found.  STATUS_OK or one of
 * STATUS_SA_LOG_EDITED, _REMOVED, _REORDERED, _TRUNCATED, _OLDER,
 * _NO_HEAD.
 */
enum status standalone_log_check(const struct standalone_pkg *p,
    const struct crypto_key *pub, const struct buf *log,
    const struct buf *head, struct standalone_use **uses, size_t *nuses,
    unsigned char last[32], uint32_t *at);
void standalone_uses_free(struct standalone_use *v, size_t n);

/* Read DIR/NAME whole into OUT (buf_init'ed); STATUS_NOT_FOUND when it
 * is not there. */
enum status standalone_read(const char *dir, const char *name,
    struct buf *out);

/* Overwrite DIR/NAME with zeros, flush it, and remove it. */
enum status standalone_wipe(const char *dir, const char *name);

#endif
