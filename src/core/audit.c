/*
 * audit.c -- appending to the audit trail: the canonical encoding of an
 * entry, the hash chain, and the signed checkpoints.
 *
 * It must not edit or delete an entry, ever: the only write here is the
 * next entry at the end.  It must not be handed a secret (audit.h).
 *
 * The chain.  Entry N (its record id, from 1) stores in prev_hash the SM3
 * of the canonical encoding of entry N-1; entry 1 stores 32 zero bytes.
 * Changing any byte of an entry changes its hash, which no longer matches
 * the link in the entry after it; anyone can recompute the links, so
 * every CHECKPOINT_EVERY entries (and at each export and archive) a
 * checkpoint entry (ACT_AUDIT_CHECKPOINT, written by the system, object =
 * the head's sequence number) carries an SM2 signature by the
 * workstation key over its own encoding without the signature field.
 * That encoding holds its prev_hash, the hash of the head, and its
 * sequence number, one past the head's: so the signature covers the whole
 * chain up to the head, and rewriting the chain means forging it.
 *
 * The canonical encoding (version 1).  Fields in this order, integers
 * big-endian and unsigned (time as its two's complement), each string
 * and byte string as a 32-bit big-endian length and then its bytes (no
 * terminating NUL; a missing string is empty):
 *
 *	u8	1			encoding version
 *	u64	id			sequence number
 *	u64	time			seconds since the epoch, UTC
 *	u64	user_id			0 for the system
 *	u32	role			role bits acted in
 *	str	terminal
 *	u16	action			enum action
 *	u8	object_kind		enum rec_kind
 *	u64	object_id
 *	u8	outcome			enum audit_outcome
 *	str	detail
 *	bytes	prev_hash		32 bytes
 *	bytes	signature		DER SM2 signature, or empty
 *
 * A checkpoint signs this encoding with the signature field empty
 * (length 0).  The encoding is ours, not the store's: the store may
 * change how it keeps records without breaking a single link.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit_private.h"
#include "core/perm.h"

#define AUDIT_ENCODING_VERSION	1
#define AUDIT_DETAIL_MAX	2048	/* bytes kept of a detail */

static char *audit_term;	/* audit_set_terminal(), or NULL */
static char *audit_home_dir;	/* audit_attach() */

void
audit_set_terminal(const char *terminal)
{
	char *old = audit_term;

	/* Copy before freeing: TERMINAL may be the string audit_terminal()
	 * returned, i.e. the one being replaced. */
	audit_term = terminal != NULL ?
	    text_sanitize(terminal, strlen(terminal), 0) : NULL;
	free(old);
}

const char *
audit_terminal(void)
{
	const char *tty;

	if (audit_term != NULL)
		return audit_term;
	tty = isatty(STDIN_FILENO) ? ttyname(STDIN_FILENO) : NULL;
	return tty != NULL ? tty : "batch";
}

void
audit_attach(struct store *st)
{
	free(audit_home_dir);
	audit_home_dir = st != NULL ? xstrdup(store_home(st)) : NULL;
}

const char *
audit_home(void)
{
	return audit_home_dir;
}

static void
audit_encode_bytes(struct buf *b, const void *p, size_t n)
{
	buf_add_u32(b, (uint32_t) n);
	if (n > 0)
		buf_add(b, p, n);
}

static void
audit_encode_str(struct buf *b, const char *s)
{
	audit_encode_bytes(b, s, s != NULL ? strlen(s) : 0);
}

void
audit_encode(const struct rec_audit *e, int for_signing, struct buf *out)
{
	buf_add_u8(out, AUDIT_ENCODING_VERSION);
	buf_add_u64(out, e->id);
	buf_add_u64(out, (uint64_t) e->time);
	buf_add_u64(out, e->user_id);
	buf_add_u32(out, e->role);
	audit_encode_str(out, e->terminal);
	buf_add_u16(out, e->action);
	buf_add_u8(out, e->object_kind);
	buf_add_u64(out, e->object_id);
	buf_add_u8(out, e->outcome);
	audit_encode_str(out, e->detail);
	audit_encode_bytes(out, e->prev_hash.data, e->prev_hash.len);
	if (for_signing)
		audit_encode_bytes(out, NULL, 0);
	else
		audit_encode_bytes(out, e->signature.data, e->signature.len);
}

enum status
audit_hash(const struct rec_audit *e, unsigned char out[AUDIT_HASH_LEN])
{
	struct buf b;
	enum status st;

	buf_init(&b);
	audit_encode(e, 0, &b);
	st = crypto_sm3(b.data, b.len, out);
	buf_free(&b);
	return st;
}

/*
 * The next sequence number and the link to the newest entry.  If the
 * newest entry is missing (removed behind the program's back) the trail
 * goes on with a zero link rather than stopping all work: audit_verify()
 * reports the removal first, at its own sequence number.
 */
static enum status
audit_head(struct store_txn *txn, uint64_t *next,
    unsigned char link[AUDIT_HASH_LEN])
{
	struct rec_audit last;
	uint64_t id;
	enum status st;

	memset(link, 0, AUDIT_HASH_LEN);
	if ((st = store_last_id(txn, REC_AUDIT, &id)) != STATUS_OK)
		return st;
	*next = id + 1;
	if (id == 0)
		return STATUS_OK;

	st = store_get(txn, REC_AUDIT, id, &last);
	if (st == STATUS_NOT_FOUND) {
		log_error("audit: newest entry %llu is missing; chaining on",
		    (unsigned long long) id);
		return STATUS_OK;
	}
	if (st == STATUS_OK)
		st = audit_hash(&last, link);
	rec_free(REC_AUDIT, &last);
	return st;
}

/* A detail as it may enter the trail: one line of valid UTF-8 without
 * control characters, cut at a character boundary. */
static char *
audit_clean_detail(const char *detail)
{
	char *s;
	size_t n;

	if (detail == NULL)
		return xstrdup("");
	s = text_sanitize(detail, strlen(detail), 0);
	n = strlen(s);
	if (n > AUDIT_DETAIL_MAX) {
		n = AUDIT_DETAIL_MAX;
		while (n > 0 && ((unsigned char) s[n] & 0xc0) == 0x80)
			n--;
		s[n] = '\0';
	}
	return s;
}

/* Sign checkpoint E (already stored, so its id is final) with KEY and
 * store it again with the signature, in the same transaction. */
static enum status
audit_sign_entry(struct store_txn *txn, const struct crypto_key *key,
    struct rec_audit *e)
{
	struct buf b;
	unsigned char *sig = NULL;
	size_t siglen = 0;
	enum status st;

	buf_init(&b);
	audit_encode(e, 1, &b);
	st = crypto_sign(key, b.data, b.len, &sig, &siglen);
	buf_free(&b);
	if (st != STATUS_OK)
		return st;

	free(e->signature.data);
	e->signature.data = sig;
	e->signature.len = siglen;
	return store_put(txn, REC_AUDIT, e);
}

/* The one place an entry is written, signed when SIGNER is not NULL.
 * *SEQ gets its sequence number. */
static enum status
audit_write(struct store_txn *txn, const struct rec_audit *tmpl,
    const struct crypto_key *signer, uint64_t *seq)
{
	struct rec_audit e = *tmpl;
	unsigned char link[AUDIT_HASH_LEN];
	uint64_t next = 0;
	enum status st;

	if ((st = audit_head(txn, &next, link)) != STATUS_OK)
		return st;
	e.id = 0;
	e.time = clock_now();
	e.terminal = xstrdup(audit_terminal());
	e.detail = audit_clean_detail(tmpl->detail);
	e.prev_hash.data = xmalloc(AUDIT_HASH_LEN);
	memcpy(e.prev_hash.data, link, AUDIT_HASH_LEN);
	e.prev_hash.len = AUDIT_HASH_LEN;
	e.signature.data = NULL;
	e.signature.len = 0;

	if ((st = store_put(txn, REC_AUDIT, &e)) != STATUS_OK)
		goto out;
	if (e.id != next)
		log_warn("audit: entry stored as %llu, expected %llu",
		    (unsigned long long) e.id, (unsigned long long) next);
	if (signer != NULL)
		st = audit_sign_entry(txn, signer, &e);
	if (seq != NULL)
		*seq = e.id;
out:
	rec_free(REC_AUDIT, &e);
	return st;
}

enum status
audit_checkpoint(struct store_txn *txn, const char *detail, uint64_t *seq)
{
	struct crypto_key *key = NULL;
	struct rec_audit e;
	uint64_t head;
	enum status st;

	/* The key first: without it, no unsigned checkpoint is written. */
	if ((st = audit_key_borrow(txn, &key)) != STATUS_OK)
		return st;
	if ((st = store_last_id(txn, REC_AUDIT, &head)) != STATUS_OK)
		goto out;

	memset(&e, 0, sizeof e);
	e.action = ACT_AUDIT_CHECKPOINT;
	e.object_kind = REC_AUDIT;
	e.object_id = head;
	e.outcome = AUDIT_OK;
	e.detail = (char *) (detail != NULL ? detail : "");
	st = audit_write(txn, &e, key, seq);
out:
	audit_key_return(key);
	return st;
}

/* After entry SEQ: a checkpoint when the next number is a multiple of
 * the interval.  Without the key (a process that did not attach, or a
 * workspace made before the key) the entry stands and the next
 * multiple tries again; verify shows how far the signatures reach. */
static enum status
audit_checkpoint_if_due(struct store_txn *txn, uint64_t seq)
{
	uint64_t every;
	enum status st;

	st = audit_meta_u64(txn, AUDIT_META_EVERY, AUDIT_CHECKPOINT_EVERY,
	    &every);
	if (st != STATUS_OK)
		return st;
	if (every == 0 || (seq + 1) % every != 0)
		return STATUS_OK;

	st = audit_checkpoint(txn, NULL, NULL);
	if (st == STATUS_AUDIT_NO_KEY) {
		log_warn("audit: checkpoint after %llu skipped: no key",
		    (unsigned long long) seq);
		return STATUS_OK;
	}
	return st;
}

enum status
audit_append(struct store_txn *txn, const struct rec_user *actor,
    uint32_t role, enum action act, enum rec_kind object_kind,
    uint64_t object_id, enum audit_outcome outcome, const char *detail)
{
	struct rec_audit e;
	uint64_t seq = 0;
	enum status st;

	if ((unsigned) act >= ACT__COUNT || act == ACT_AUDIT_CHECKPOINT ||
	    (unsigned) object_kind >= REC__COUNT || (unsigned) outcome >
	    AUDIT_FAILED)
		return STATUS_INVALID;

	memset(&e, 0, sizeof e);
	e.user_id = actor != NULL ? actor->id : 0;
	e.role = role;
	e.action = (uint16_t) act;
	e.object_kind = (uint8_t) object_kind;
	e.object_id = object_id;
	e.outcome = (uint8_t) outcome;
	e.detail = (char *) detail;

	if ((st = audit_write(txn, &e, NULL, &seq)) != STATUS_OK)
		return st;
	return audit_checkpoint_if_due(txn, seq);
}

enum status
audit_init_workstation_key(struct store_txn *txn, const char *home)
{
	unsigned char fpr[CRYPTO_SM3_LEN];
	char hex[2 * CRYPTO_SM3_LEN + 1];
	char *detail;
	enum status st;

	if (home == NULL)
		return STATUS_INVALID;
	if ((st = audit_key_create(txn, home, fpr)) != STATUS_OK)
		return st;

	/* The key's own first checkpoint: it names the fingerprint the
	 * auditor keeps on paper, and proves the key signs. */
	crypto_hex(fpr, sizeof fpr, hex);
	detail = xasprintf("workstation key sm3:%s", hex);
	st = audit_checkpoint(txn, detail, NULL);
	free(detail);
	return st;
}

/* -- Lists of entries ------------------------------------------------------ */

static void
audit_blob_copy(struct blob *dst, const struct blob *src)
{
	dst->len = src->len;
	dst->data = NULL;
	if (src->len > 0) {
		dst->data = xmalloc(src->len);
		memcpy(dst->data, src->data, src->len);
	}
}

void
audit_list_add(struct audit_list *l, const struct rec_audit *e)
{
	struct rec_audit *c;

	if (l->n == l->cap) {
		l->cap = l->cap > 0 ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	c = &l->v[l->n++];
	*c = *e;
	c->terminal = xstrdup(e->terminal != NULL ? e->terminal : "");
	c->detail = xstrdup(e->detail != NULL ? e->detail : "");
	audit_blob_copy(&c->prev_hash, &e->prev_hash);
	audit_blob_copy(&c->signature, &e->signature);
}

void
audit_list_clear(struct audit_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		rec_free(REC_AUDIT, &l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int
audit_list_each(const void *rec, void *arg)
{
	audit_list_add(arg, rec);
	return 0;
}

enum status
audit_list_all(struct store_txn *txn, struct audit_list *l)
{
	audit_list_clear(l);
	return store_scan_all(txn, REC_AUDIT, audit_list_each, l);
}
