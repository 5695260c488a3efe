/*
 * control.c -- control.db, the workspace's own bookkeeping: the schema
 * version ("schema", 4 bytes big-endian) and one id sequence per record
 * kind ("seq/KIND", 8 bytes big-endian: the last id handed out).  The
 * counts of the counted indexes ("count/FILE/VALUE") live here too, but
 * belong to counts.c.
 *
 * While an upgrade runs in parts (schema.c), "schema" already holds the
 * version it goes to, so that an older program refuses the workspace
 * half-way, and "upgrading" (4 bytes) the version its records are at;
 * "upgrade-pos" (16 bytes) is where the step under way stopped.  The
 * version this program sees is "upgrading" when there is one.  Half-way
 * through a step the records are of neither version, and a program
 * that knows "upgrading" must not read them: "upgrading" then holds the
 * version the upgrade goes to, and "upgrade-step" (4 bytes) the step's
 * own, which only a program that knows that version (or a newer one)
 * takes as its version, to go on with the step.
 * "compact" (8 bytes) is set by the step whose pages want giving back,
 * in its last part (non-zero: version.db and audit.db are to be
 * compacted, pack.c):
 * the compaction runs after the upgrade, outside its parts, and a
 * process killed during it leaves the note for the next writable open
 * to compact again.
 *
 * A sequence is a plain record written in the transaction that uses the
 * id, not a DB_SEQUENCE with a cache: a crash can then neither skip ids
 * (the audit trail's sequence numbers must have no holes) nor hand one out
 * twice.  Writers are serialised anyway (wslock.c), so it costs no
 * concurrency.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

static enum status
control_get(struct store_txn *t, const char *name, unsigned char *out,
    size_t size, u_int32_t flags)
{
	DBT key, data;
	int ret;

	store_dbt_init(&key);
	store_dbt_init(&data);
	key.data = (void *) name;
	key.size = (u_int32_t) strlen(name);
	ret = t->st->control->get(t->st->control, t->txn, &key, &data, flags);
	if (ret == DB_NOTFOUND)
		return STATUS_NOT_FOUND;
	if (ret != 0)
		return txn_fail(t, ret, "reading control.db");
	if (data.size != size) {
		log_error("store: control.db: %s has %u bytes", name,
		    (unsigned) data.size);
		return STATUS_CORRUPT;
	}
	memcpy(out, data.data, size);
	return STATUS_OK;
}

static enum status
control_put(struct store_txn *t, const char *name, unsigned char *value,
    size_t size)
{
	DBT key, data;
	enum status rc;
	int ret;

	if ((rc = txn_writable(t)) != STATUS_OK)
		return rc;
	store_dbt_init(&key);
	store_dbt_init(&data);
	key.data = (void *) name;
	key.size = (u_int32_t) strlen(name);
	data.data = value;
	data.size = (u_int32_t) size;
	ret = t->st->control->put(t->st->control, t->txn, &key, &data, 0);
	return ret == 0 ? STATUS_OK : txn_fail(t, ret, "writing control.db");
}

static enum status
control_del(struct store_txn *t, const char *name)
{
	DBT key;
	enum status rc;
	int ret;

	if ((rc = txn_writable(t)) != STATUS_OK)
		return rc;
	store_dbt_init(&key);
	key.data = (void *) name;
	key.size = (u_int32_t) strlen(name);
	ret = t->st->control->del(t->st->control, t->txn, &key, 0);
	return ret == 0 || ret == DB_NOTFOUND ? STATUS_OK :
	    txn_fail(t, ret, "writing control.db");
}

static void
control_put_u32(unsigned char v[4], unsigned n)
{
	v[0] = (unsigned char) (n >> 24);
	v[1] = (unsigned char) (n >> 16);
	v[2] = (unsigned char) (n >> 8);
	v[3] = (unsigned char) n;
}

/* The version the records are at: "upgrading" during an upgrade. */
/* The 4-byte number NAME holds into *V. */
static enum status
control_get_u32(struct store_txn *t, const char *name, unsigned *v)
{
	unsigned char b[4];
	enum status rc = control_get(t, name, b, sizeof b, 0);

	if (rc == STATUS_OK)
		*v = (unsigned) b[0] << 24 | (unsigned) b[1] << 16 |
		    (unsigned) b[2] << 8 | b[3];
	return rc;
}

enum status
control_get_schema(struct store_txn *t, unsigned *version)
{
	unsigned step, to;
	enum status rc;

	*version = 0;
	rc = control_get_u32(t, "upgrade-step", &step);
	if (rc == STATUS_OK) {
		if ((rc = control_get_u32(t, "schema", &to)) != STATUS_OK)
			return rc == STATUS_NOT_FOUND ? STATUS_CORRUPT : rc;
		*version = to > schema_current() ? to : step;
		return STATUS_OK;
	}
	if (rc == STATUS_NOT_FOUND)
		rc = control_get_u32(t, "upgrading", version);
	if (rc == STATUS_NOT_FOUND)
		rc = control_get_u32(t, "schema", version);
	if (rc == STATUS_NOT_FOUND) {
		log_error("store: control.db holds no schema version");
		return STATUS_CORRUPT;
	}
	return rc;
}

enum status
control_put_schema(struct store_txn *t, unsigned version)
{
	unsigned char v[4];

	control_put_u32(v, version);
	return control_put(t, "schema", v, sizeof v);
}

/* An upgrade to TO begins, or goes on, with the records at AT. */
enum status
control_put_upgrading(struct store_txn *t, unsigned at, unsigned to)
{
	unsigned char v[4];
	enum status rc;

	control_put_u32(v, at);
	if ((rc = control_put(t, "upgrading", v, sizeof v)) != STATUS_OK ||
	    (rc = control_del(t, "upgrade-step")) != STATUS_OK)
		return rc;
	return control_put_schema(t, to);
}

/* The step from FROM has committed a part and wants more: its records
 * are of neither version, so a program that knows only FROM must find
 * the version the upgrade goes to (TO) and refuse them. */
enum status
control_put_mid_step(struct store_txn *t, unsigned from, unsigned to)
{
	unsigned char v[4];
	enum status rc;

	control_put_u32(v, from);
	if ((rc = control_put(t, "upgrade-step", v, sizeof v)) != STATUS_OK)
		return rc;
	control_put_u32(v, to);
	return control_put(t, "upgrading", v, sizeof v);
}

/* Is an upgrade stopped half-way through a step ("upgrade-step")? */
enum status
control_get_mid_step(struct store_txn *t, int *mid)
{
	unsigned step;
	enum status rc = control_get_u32(t, "upgrade-step", &step);

	*mid = rc == STATUS_OK;
	return rc == STATUS_NOT_FOUND ? STATUS_OK : rc;
}

/* The upgrade is over: the records are at "schema". */
enum status
control_end_upgrading(struct store_txn *t)
{
	enum status rc = control_del(t, "upgrading");

	if (rc == STATUS_OK)
		rc = control_del(t, "upgrade-step");
	return rc == STATUS_OK ? control_del(t, "upgrade-pos") : rc;
}

/* Where the step under way stopped: zeros before its first part. */
enum status
control_get_upgrade_pos(struct store_txn *t, uint64_t pos[2])
{
	unsigned char v[16];
	enum status rc = control_get(t, "upgrade-pos", v, sizeof v, 0);

	pos[0] = pos[1] = 0;
	if (rc == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (rc == STATUS_OK) {
		pos[0] = buf_read_be64(v);
		pos[1] = buf_read_be64(v + 8);
	}
	return rc;
}

enum status
control_put_upgrade_pos(struct store_txn *t, const uint64_t pos[2])
{
	unsigned char v[16];

	buf_put_be64(v, pos[0]);
	buf_put_be64(v + 8, pos[1]);
	return control_put(t, "upgrade-pos", v, sizeof v);
}

/* Whether a compaction after an upgrade is due (pack.c): 0 when none
 * is. */
enum status
control_get_compact(struct store_txn *t, uint64_t *from)
{
	unsigned char v[8];
	enum status rc = control_get(t, "compact", v, sizeof v, 0);

	*from = 0;
	if (rc == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (rc == STATUS_OK)
		*from = buf_read_be64(v);
	return rc;
}

/* Note that a compaction after an upgrade is due (FROM non-zero) or
 * done (0). */
enum status
control_put_compact(struct store_txn *t, uint64_t from)
{
	unsigned char v[8];

	if (from == 0)
		return control_del(t, "compact");
	buf_put_be64(v, from);
	return control_put(t, "compact", v, sizeof v);
}

enum status
control_get_seq(struct store_txn *t, enum rec_kind kind, uint64_t *seq,
    u_int32_t flags)
{
	char *name = xasprintf("seq/%s", rec_kind_name(kind));
	unsigned char v[8];
	enum status rc;

	*seq = 0;
	rc = control_get(t, name, v, sizeof v, flags);
	free(name);
	if (rc == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (rc == STATUS_OK)
		*seq = buf_read_be64(v);
	return rc;
}

enum status
control_put_seq(struct store_txn *t, enum rec_kind kind, uint64_t seq)
{
	char *name = xasprintf("seq/%s", rec_kind_name(kind));
	unsigned char v[8];
	enum status rc;

	buf_put_be64(v, seq);
	rc = control_put(t, name, v, sizeof v);
	free(name);
	return rc;
}
