/*
 * fixture.c -- the storage tests' shared helpers (fixture.h).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <db.h>

#include "store/fixture.h"

/* ESEAL_TEST_LOG=1 shows the store's log while a test runs. */
void
fixture_init(struct fixture *f)
{
	if (getenv("ESEAL_TEST_LOG") != NULL)
		log_open("-", LOG_LEVEL_DEBUG);
	f->tmp = testlib_tmpdir();
	f->home = xasprintf("%s/ws", f->tmp);
}

void
fixture_done(struct fixture *f)
{
	testlib_rmdir(f->tmp);
	free(f->home);
}

struct store *
fixture_open(const char *home)
{
	struct store *st = NULL;
	enum status rc = store_open(home, STORE_CREATE, &st);

	ck_assert_msg(rc == STATUS_OK, "store_open: %s", status_name(rc));
	return st;
}

static void
fixture_set(unsigned char *p, size_t size, uint64_t v)
{
	uint8_t v8 = (uint8_t) v;
	uint16_t v16 = (uint16_t) v;
	uint32_t v32 = (uint32_t) v;

	if (size == 1)
		memcpy(p, &v8, 1);
	else if (size == 2)
		memcpy(p, &v16, 2);
	else if (size == 4)
		memcpy(p, &v32, 4);
	else
		memcpy(p, &v, 8);
}

/* Values that need every width: a U8 above 127, a U16 above 255 ...;
 * odd-tagged times are negative. */
static void
fixture_fill_field(const struct field *f, unsigned char *p, unsigned seed)
{
	uint64_t v = (uint64_t) f->tag * 7 + seed;
	struct blob *b;
	char *s;
	size_t i;

	switch (f->type) {
	case FT_STR:
		s = xasprintf("%s-%u-签章\x01", f->name, seed);
		memcpy(p, &s, sizeof s);
		break;
	case FT_BLOB:
		b = (struct blob *) p;
		b->len = 3 + f->tag;
		b->data = xmalloc(b->len);
		for (i = 0; i < b->len; i++)
			b->data[i] = (unsigned char) (f->tag * 31 + i + seed);
		break;
	case FT_I64:
		v = (f->tag & 1) ? (uint64_t) -(int64_t) (1000 + f->tag) :
		    UINT64_C(1700000000) + v;
		fixture_set(p, 8, v);
		break;
	case FT_U8:
		fixture_set(p, 1, 128 + v % 120);
		break;
	default:
		fixture_set(p, f->size, (f->size == 2 ? 300 : f->size == 4 ?
		    70000 : UINT64_C(1) << 40) + v);
		break;
	}
}

void
fixture_fill(enum rec_kind kind, void *rec, unsigned seed)
{
	const struct rec_type *t = rec_type_of(kind);
	unsigned i;

	memset(rec, 0, t->size);
	for (i = 0; i < t->nfields; i++)
		fixture_fill_field(&t->fields[i],
		    (unsigned char *) rec + t->fields[i].offset, seed);
	if (kind == REC_USER)
		((struct rec_user *) rec)->roles = ROLE_DRAFTER | ROLE_CLERK;
	/* The store files a document for approval itself (steps.c); in
	 * no state of approval, this one is filed nowhere. */
	if (kind == REC_DOC) {
		struct rec_doc *d = rec;

		d->waits_for = 0;
		d->acted1 = d->acted2 = d->acted3 = 0;
	}
}

void
fixture_assert_equal(enum rec_kind kind, const void *a, const void *b)
{
	const struct rec_type *t = rec_type_of(kind);
	const struct field *f;
	const struct blob *ba, *bb;
	const char *sa, *sb;
	unsigned i;

	ck_assert_uint_eq(codec_get_uint(a, 0, FT_U64),
	    codec_get_uint(b, 0, FT_U64));
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (f->type == FT_STR) {
			memcpy(&sa, (const char *) a + f->offset, sizeof sa);
			memcpy(&sb, (const char *) b + f->offset, sizeof sb);
			ck_assert_msg(strcmp(sa ? sa : "", sb ? sb : "") == 0,
			    "%s.%s differs", t->name, f->name);
		} else if (f->type == FT_BLOB) {
			ba = (const struct blob *) ((const char *) a + f->offset);
			bb = (const struct blob *) ((const char *) b + f->offset);
			ck_assert_msg(ba->len == bb->len && (ba->len == 0 ||
			    memcmp(ba->data, bb->data, ba->len) == 0),
			    "%s.%s differs", t->name, f->name);
		} else {
			ck_assert_msg(codec_get_uint(a, f->offset, f->type) ==
			    codec_get_uint(b, f->offset, f->type),
			    "%s.%s differs", t->name, f->name);
		}
	}
}

struct fixture_op {
	enum rec_kind	 kind;
	void		*rec;
	uint64_t	 id;
	uint64_t	 count;
};

static enum status
fixture_put_txn(struct store_txn *txn, void *arg)
{
	struct fixture_op *op = arg;

	return store_put(txn, op->kind, op->rec);
}

enum status
fixture_put(struct store *st, enum rec_kind kind, void *rec)
{
	struct fixture_op op = { kind, rec, 0, 0 };

	return store_run(st, STORE_WRITE, fixture_put_txn, &op);
}

static enum status
fixture_get_txn(struct store_txn *txn, void *arg)
{
	struct fixture_op *op = arg;

	return store_get(txn, op->kind, op->id, op->rec);
}

enum status
fixture_get(struct store *st, enum rec_kind kind, uint64_t id, void *rec)
{
	struct fixture_op op = { kind, rec, id, 0 };

	return store_run(st, STORE_READ, fixture_get_txn, &op);
}

static enum status
fixture_del_txn(struct store_txn *txn, void *arg)
{
	struct fixture_op *op = arg;

	return store_del(txn, op->kind, op->id);
}

enum status
fixture_del(struct store *st, enum rec_kind kind, uint64_t id)
{
	struct fixture_op op = { kind, NULL, id, 0 };

	return store_run(st, STORE_WRITE, fixture_del_txn, &op);
}

static int
fixture_count_each(const void *rec, void *arg)
{
	((struct fixture_op *) arg)->count++;
	return 0;
}

static enum status
fixture_count_txn(struct store_txn *txn, void *arg)
{
	struct fixture_op *op = arg;

	op->count = 0;
	return store_scan_all(txn, op->kind, fixture_count_each, op);
}

uint64_t
fixture_count(struct store *st, enum rec_kind kind)
{
	struct fixture_op op = { kind, NULL, 0, 0 };
	enum status rc = store_run(st, STORE_READ, fixture_count_txn, &op);

	ck_assert_msg(rc == STATUS_OK, "count: %s", status_name(rc));
	return op.count;
}

static void
fixture_report(const char *what, void *arg)
{
	struct fixture_faults *f = arg;
	size_t n = strlen(f->text);

	snprintf(f->text + n, sizeof f->text - n, "%s\n", what);
}

enum status
fixture_check(const char *home, struct fixture_faults *faults)
{
	faults->text[0] = '\0';
	faults->n = 0;
	return store_check(home, fixture_report, faults, &faults->n);
}

void
fixture_watchdog(unsigned seconds)
{
	alarm(seconds);
}

double
fixture_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

void
fixture_old_file(const char *home, const char *file)
{
	char *path = xasprintf("%s/%s", home, file);
	DBT k, d;
	DB *db;

	ck_assert_int_eq(db_create(&db, NULL, 0), 0);
	ck_assert_int_eq(db->open(db, NULL, path, NULL, DB_BTREE, DB_CREATE,
	    0600), 0);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.data = "0123456789abcdef";
	k.size = 16;
	ck_assert_int_eq(db->put(db, NULL, &k, &d, 0), 0);
	ck_assert_int_eq(db->close(db, 0), 0);
	free(path);
}

void
fixture_open_killed(const char *home, const char *what)
{
	struct store *st;
	int status;
	pid_t pid;

	if ((pid = fork()) == 0) {
		if (store_open(home, 0, &st) != STATUS_OK)
			_exit(2);
		_exit(1);	/* it never got to its kill */
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "%s: not killed (status %d)", what, status);
}
