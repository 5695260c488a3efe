/*
 * audit_export.c -- the security auditor's reading of the trail: search,
 * and export to a signed text file, given by its path or on a registered
 * removable medium.
 *
 * Every function here checks the auditor's permission first and audits
 * a refusal; none edits or deletes an entry (the archive, in
 * audit_archive.c, is the one place that deletes).  Files are written only
 * after the transaction that selected their content has committed, since
 * a transaction may run twice.
 *
 * An export file is UTF-8 text: one line per entry (audit_format with the
 * chain fields), then one last line
 *	sm3:HEX <TAB> sm2:HEX <TAB> key:HEX
 * holding the SM3 of every byte above it, the workstation key's SM2
 * signature over those bytes (DER, hex), and the key's fingerprint.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/audit_private.h"
#include "core/medium.h"
#include "core/perm.h"
#include "core/session.h"

void
audit_filter_init(struct audit_filter *f)
{
	memset(f, 0, sizeof *f);
	f->action = -1;
	f->object_kind = -1;
	f->outcome = -1;
}

/* -- Formatting ------------------------------------------------------------ */

static void
audit_escape(struct buf *b, const char *s)
{
	char x[5];

	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\\')
			buf_add(b, "\\\\", 2);
		else if (*s == '\t')
			buf_add(b, "\\t", 2);
		else if (*s == '\n')
			buf_add(b, "\\n", 2);
		else if ((unsigned char) *s < 0x20 || *s == 0x7f) {
			snprintf(x, sizeof x, "\\x%02x", (unsigned char) *s);
			buf_add(b, x, 4);
		} else
			buf_add(b, s, 1);
	}
}

static void
audit_add_hex(struct buf *b, const struct blob *p)
{
	char *hex;

	if (p->len == 0) {
		buf_add(b, "-", 1);
		return;
	}
	hex = xmalloc(2 * p->len + 1);
	crypto_hex(p->data, p->len, hex);
	buf_add(b, hex, strlen(hex));
	free(hex);
}

static const char *
audit_outcome_name(unsigned outcome)
{
	static const char *const names[] = { "ok", "refused", "failed" };

	return outcome < 3 ? names[outcome] : "?";
}

char *
audit_format(const struct rec_audit *e, const char *user, int with_chain)
{
	char head[160], roles[160], when[32], *s;
	time_t t = (time_t) e->time;
	struct tm tm;
	struct buf b;

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	perm_roles_format(e->role, roles, sizeof roles);
	snprintf(head, sizeof head, "%" PRIu64 "\t%s\t%" PRIu64 "\t", e->id,
	    when, e->user_id);

	buf_init(&b);
	buf_add(&b, head, strlen(head));
	audit_escape(&b, user != NULL ? user : "-");
	buf_add(&b, "\t", 1);
	buf_add(&b, roles, strlen(roles));
	buf_add(&b, "\t", 1);
	audit_escape(&b, e->terminal);
	snprintf(head, sizeof head, "\t%s\t%s:%" PRIu64 "\t%s\t",
	    action_name((enum action) e->action),
	    rec_kind_name((enum rec_kind) e->object_kind), e->object_id,
	    audit_outcome_name(e->outcome));
	buf_add(&b, head, strlen(head));
	audit_escape(&b, e->detail);
	if (with_chain) {
		buf_add(&b, "\t", 1);
		audit_add_hex(&b, &e->prev_hash);
		buf_add(&b, "\t", 1);
		audit_add_hex(&b, &e->signature);
	}
	buf_add_u8(&b, 0);
	s = (char *) b.data;
	return s;
}

/* -- Selecting entries ----------------------------------------------------- */

/* Does TEXT occur in E's object ("doc:12") or its detail?  ASCII
 * letters match either case, as the lists' searches do. */
static int
audit_sel_object_text(const char *text, const struct rec_audit *e)
{
	char *hay;
	int found;

	if (text == NULL || *text == '\0')
		return 1;
	hay = xasprintf("%s:%" PRIu64 " %s",
	    rec_kind_name((enum rec_kind) e->object_kind), e->object_id,
	    e->detail != NULL ? e->detail : "");
	found = strcasestr(hay, text) != NULL;
	free(hay);
	return found;
}

static int
audit_sel_match(const struct audit_sel *s, const struct rec_audit *e)
{
	const struct audit_filter *f = s->f;

	if (e->id < s->seq_lo || e->id > s->seq_hi)
		return 0;
	if ((f->from != 0 && e->time < f->from) ||
	    (f->to != 0 && e->time > f->to))
		return 0;
	if ((f->user_id != 0 && e->user_id != f->user_id) ||
	    (f->user_name != NULL && e->user_id != s->user_id))
		return 0;
	if (f->action >= 0 && e->action != (unsigned) f->action)
		return 0;
	if (f->object_kind >= 0 && e->object_kind != (unsigned) f->object_kind)
		return 0;
	if (f->outcome >= 0 && e->outcome != (unsigned) f->outcome)
		return 0;
	if (f->object_id != 0 && e->object_id != f->object_id)
		return 0;
	return audit_sel_object_text(f->object_text, e);
}

static int
audit_sel_each(const void *rec, void *arg)
{
	struct audit_sel *s = arg;

	if (audit_sel_match(s, rec))
		audit_list_add(&s->list, rec);
	return 0;
}

static int
audit_sel_cmp(const void *a, const void *b)
{
	const struct rec_audit *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

void
audit_sel_clear(struct audit_sel *s)
{
	size_t i;

	for (i = 0; s->users != NULL && i < s->list.n; i++)
		free(s->users[i]);
	free(s->users);
	s->users = NULL;
	audit_list_clear(&s->list);
}

/* The login name of every selected entry's user. */
static enum status
audit_sel_users(struct store_txn *txn, struct audit_sel *s)
{
	struct rec_user u;
	enum status st;
	size_t i, j;

	s->users = xcalloc(s->list.n + 1, sizeof *s->users);
	for (i = 0; i < s->list.n; i++) {
		uint64_t id = s->list.v[i].user_id;

		for (j = 0; j < i && s->list.v[j].user_id != id; j++)
			continue;
		if (j < i) {
			s->users[i] = xstrdup(s->users[j]);
			continue;
		}
		memset(&u, 0, sizeof u);
		st = id == 0 ? STATUS_NOT_FOUND :
		    store_get(txn, REC_USER, id, &u);
		if (st != STATUS_OK && st != STATUS_NOT_FOUND)
			return st;
		s->users[i] = xstrdup(st == STATUS_OK && u.name != NULL ?
		    u.name : id == 0 ? "-" : "?");
		rec_free(REC_USER, &u);
	}
	return STATUS_OK;
}

/* The id of the user the filter names (an unknown name matches no
 * entry: ids start at 1, so UINT64_MAX is nobody's). */
static enum status
audit_sel_user_id(struct store_txn *txn, struct audit_sel *s)
{
	struct rec_user u;
	enum status st;

	if (s->f->user_name == NULL)
		return STATUS_OK;
	memset(&u, 0, sizeof u);
	st = store_get_by_name(txn, IDX_USER_NAME, s->f->user_name, &u);
	s->user_id = st == STATUS_OK ? u.id : UINT64_MAX;
	rec_free(REC_USER, &u);
	return st == STATUS_NOT_FOUND ? STATUS_OK : st;
}

/* Select into S (cleared first) the entries its filter and sequence
 * range allow, in sequence order; a time range reads only the blocks of
 * the trail whose times meet it (the store's summary by time). */
enum status
audit_select(struct store_txn *txn, struct audit_sel *s)
{
	enum status st;

	audit_sel_clear(s);
	if ((st = audit_sel_user_id(txn, s)) != STATUS_OK)
		return st;
	if (s->f->from != 0 || s->f->to != 0) {
		st = store_audit_scan_time(txn, s->f->from > 0 ?
		    s->f->from : 0, s->f->to > 0 ? s->f->to : INT64_MAX,
		    audit_sel_each, s);
	} else {
		st = store_scan_all(txn, REC_AUDIT, audit_sel_each, s);
	}
	if (st != STATUS_OK)
		return st;
	if (s->list.n > 1)
		qsort(s->list.v, s->list.n, sizeof *s->list.v, audit_sel_cmp);
	return audit_sel_users(txn, s);
}

void
audit_sel_init(struct audit_sel *s, const struct audit_filter *f,
    struct audit_filter *all)
{
	memset(s, 0, sizeof *s);
	if (f == NULL) {
		audit_filter_init(all);
		f = all;
	}
	s->f = f;
	s->seq_hi = UINT64_MAX;
}

/* -- Search ---------------------------------------------------------------- */

/* What a search asked for, for its own entry in the trail: the criteria
 * given, and how many entries matched. */
static char *
audit_filter_describe(const struct audit_sel *s)
{
	const struct audit_filter *f = s->f;
	char part[96];
	struct buf b;

	buf_init(&b);
	buf_add(&b, "search", 6);
	if (f->from != 0 || f->to != 0) {
		snprintf(part, sizeof part, " time %" PRId64 "..%" PRId64,
		    f->from, f->to);
		buf_add(&b, part, strlen(part));
	}
	if (f->user_id != 0 || f->user_name != NULL) {
		snprintf(part, sizeof part, " user %" PRIu64, f->user_id != 0 ?
		    f->user_id : s->user_id);
		buf_add(&b, part, strlen(part));
	}
	if (f->action >= 0) {
		snprintf(part, sizeof part, " action %s",
		    action_name((enum action) f->action));
		buf_add(&b, part, strlen(part));
	}
	if (f->object_kind >= 0 || f->object_id != 0) {
		snprintf(part, sizeof part, " object %s:%" PRIu64,
		    f->object_kind >= 0 ?
		    rec_kind_name((enum rec_kind) f->object_kind) : "any",
		    f->object_id);
		buf_add(&b, part, strlen(part));
	}
	if (f->outcome >= 0) {
		snprintf(part, sizeof part, " outcome %s",
		    audit_outcome_name((unsigned) f->outcome));
		buf_add(&b, part, strlen(part));
	}
	if (f->object_text != NULL && *f->object_text != '\0') {
		buf_add(&b, " text ", 6);
		buf_add(&b, f->object_text, strlen(f->object_text));
	}
	snprintf(part, sizeof part, ": %zu found", s->list.n);
	buf_add(&b, part, strlen(part) + 1);
	return (char *) b.data;
}

static enum status
audit_search_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_sel *sel = arg;
	enum status st;
	char *detail;

	if ((st = audit_select(txn, sel)) != STATUS_OK)
		return st;
	detail = audit_filter_describe(sel);
	st = audit_append(txn, actor, audit_role(actor, ACT_AUDIT_READ),
	    ACT_AUDIT_READ, REC_AUDIT, 0, AUDIT_OK, detail);
	free(detail);
	return st;
}

enum status
audit_search_as(struct session *s, const struct audit_filter *f,
    audit_each_fn fn, void *arg)
{
	struct audit_filter all;
	struct audit_sel sel;
	enum status st;
	size_t i;

	audit_sel_init(&sel, f, &all);
	st = audit_session_run(s, ACT_AUDIT_READ, STORE_WRITE, audit_search_txn,
	    &sel, REC_AUDIT, 0, "search");
	for (i = 0; st == STATUS_OK && i < sel.list.n; i++)
		if (fn(&sel.list.v[i], sel.users[i], arg) != 0)
			break;
	audit_sel_clear(&sel);
	return st;
}

/* -- Export files ---------------------------------------------------------- */

/* The lines of S, then the hash and signature line, into OUT. */
enum status
audit_export_build(const struct audit_sel *s, const struct crypto_key *key,
    struct buf *out)
{
	unsigned char h[CRYPTO_SM3_LEN], fpr[CRYPTO_SM3_LEN], *sig = NULL;
	char hh[2 * CRYPTO_SM3_LEN + 1], fh[2 * CRYPTO_SM3_LEN + 1];
	struct blob sb;
	size_t i, siglen = 0;
	enum status st;
	char *line;

	buf_reset(out);
	for (i = 0; i < s->list.n; i++) {
		line = audit_format(&s->list.v[i], s->users[i], 1);
		buf_add(out, line, strlen(line));
		buf_add(out, "\n", 1);
		free(line);
	}

	st = crypto_sm3(out->data, out->len, h);
	if (st == STATUS_OK)
		st = crypto_sign(key, out->data, out->len, &sig, &siglen);
	if (st == STATUS_OK)
		st = crypto_key_fingerprint(key, fpr);
	if (st != STATUS_OK)
		goto out;

	crypto_hex(h, sizeof h, hh);
	crypto_hex(fpr, sizeof fpr, fh);
	sb.data = sig;
	sb.len = siglen;
	buf_add(out, "sm3:", 4);
	buf_add(out, hh, strlen(hh));
	buf_add(out, "\tsm2:", 5);
	audit_add_hex(out, &sb);
	buf_add(out, "\tkey:", 5);
	buf_add(out, fh, strlen(fh));
	buf_add(out, "\n", 1);
out:
	free(sig);
	return st;
}

/* Write N bytes to PATH through a temporary file renamed into place, so a
 * reader never sees half an export. */
static enum status
audit_write_file(const char *path, const void *p, size_t n)
{
	char *tmp = xasprintf("%s.tmp", path);
	enum status st = STATUS_OK;
	int fd;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0) {
		st = status_from_errno(errno);
		goto out;
	}
	if (write(fd, p, n) != (ssize_t) n || fsync(fd) != 0)
		st = status_from_errno(errno != 0 ? errno : EIO);
	if (close(fd) != 0 && st == STATUS_OK)
		st = status_from_errno(errno);
	if (st == STATUS_OK && rename(tmp, path) != 0)
		st = status_from_errno(errno);
	if (st != STATUS_OK)
		unlink(tmp);
out:
	free(tmp);
	return st;
}

/* The SM3 of the file's content (without its last line), as hex. */
void
audit_content_hex(const struct buf *content, char *hex)
{
	const char *p = (const char *) content->data;
	size_t n = content->len;

	/* The last line starts "sm3:" and its 64 hex digits follow. */
	while (n > 1 && p[n - 2] != '\n')
		n--;
	if (n > 0)
		n--;
	memcpy(hex, p + n + 4, 2 * CRYPTO_SM3_LEN);
	hex[2 * CRYPTO_SM3_LEN] = '\0';
}

struct audit_export_args {
	struct audit_sel	 sel;
	struct buf		 content;
	const char		*path;		/* the file, once written */
	const char		*medium;	/* or NULL: PATH as given */
	char			*where;		/* on the medium */
	char			 hex[2 * CRYPTO_SM3_LEN + 1];
};

/* The medium's register entry, when the export goes to one. */
static enum status
audit_export_medium_check(struct store_txn *txn, const char *medium)
{
	struct rec_medium m;
	enum status st;

	if (medium == NULL)
		return STATUS_OK;
	memset(&m, 0, sizeof m);
	st = medium_find(txn, medium, &m);
	rec_free(REC_MEDIUM, &m);
	return st;
}

/* The checkpoint that signs the head, then the file's content. */
static enum status
audit_export_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_export_args *a = arg;
	struct crypto_key *key = NULL;
	enum status st;

	(void) actor;
	if ((st = audit_export_medium_check(txn, a->medium)) != STATUS_OK)
		return st;
	if ((st = audit_key_private(txn, &key)) != STATUS_OK)
		return st;
	st = audit_checkpoint(txn, "export", NULL);
	if (st == STATUS_OK)
		st = audit_select(txn, &a->sel);
	if (st == STATUS_OK)
		st = audit_export_build(&a->sel, key, &a->content);
	crypto_key_free(key);
	return st;
}

/* The auditor's own entry for a file written. */
static enum status
audit_exported_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_export_args *a = arg;
	enum status st;
	char *detail;

	detail = xasprintf("%zu entries to %s sm3:%s", a->sel.list.n, a->path,
	    a->hex);
	st = audit_append(txn, actor, audit_role(actor, ACT_AUDIT_EXPORT),
	    ACT_AUDIT_EXPORT, REC_AUDIT, 0, AUDIT_OK, detail);
	free(detail);
	return st;
}

/* Write the content A holds: to its path, or to a new file on its
 * medium (the path then points there). */
static enum status
audit_export_write(struct audit_export_args *a)
{
	char stamp[32], *base;
	time_t t = (time_t) clock_now();
	struct tm tm;
	enum status st;

	if (a->medium == NULL)
		return audit_write_file(a->path, a->content.data,
		    a->content.len);
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	base = xasprintf("eseal-audit-%s", stamp);
	st = audit_medium_write(a->medium, base, ".txt", a->content.data,
	    a->content.len, &a->where);
	free(base);
	if (st == STATUS_OK)
		a->path = a->where;
	return st;
}

/* An export to PATH or to MEDIUM (audit_export_as and
 * audit_export_medium_as). */
static enum status
audit_export_run(struct session *s, const struct audit_filter *f,
    const char *path, const char *medium, char **where, uint64_t *count)
{
	struct audit_export_args a;
	struct audit_filter all;
	const char *what = medium != NULL ? medium : path;
	enum status st;

	if (count != NULL)
		*count = 0;
	memset(&a, 0, sizeof a);
	audit_sel_init(&a.sel, f, &all);
	buf_init(&a.content);
	a.path = path;
	a.medium = medium;

	st = audit_session_run(s, ACT_AUDIT_EXPORT, STORE_WRITE,
	    audit_export_txn, &a, REC_AUDIT, 0, what);
	if (st != STATUS_OK)
		goto out;
	if ((st = audit_export_write(&a)) != STATUS_OK) {
		session_audit_failure(s, ACT_AUDIT_EXPORT, REC_AUDIT, 0, st,
		    what);
		goto out;
	}

	audit_content_hex(&a.content, a.hex);
	st = audit_session_run(s, ACT_AUDIT_EXPORT, STORE_WRITE,
	    audit_exported_txn, &a, REC_AUDIT, 0, what);
	if (st == STATUS_OK && count != NULL)
		*count = a.sel.list.n;
	if (st == STATUS_OK && where != NULL && a.where != NULL) {
		*where = a.where;
		a.where = NULL;
	}
out:
	free(a.where);
	audit_sel_clear(&a.sel);
	buf_free(&a.content);
	return st;
}

enum status
audit_export_as(struct session *s, const struct audit_filter *f,
    const char *path, uint64_t *count)
{
	return audit_export_run(s, f, path, NULL, NULL, count);
}

enum status
audit_export_medium_as(struct session *s, const struct audit_filter *f,
    const char *medium, char **where, uint64_t *count)
{
	if (where != NULL)
		*where = NULL;
	if (medium == NULL)
		return STATUS_INVALID;
	return audit_export_run(s, f, NULL, medium, where, count);
}

/* -- Checking an export file ----------------------------------------------- */

static enum status
audit_export_public(struct store_txn *txn, void *arg)
{
	return audit_key_public(txn, arg);
}

/* The hex signature that starts at P, up to a tab or the newline. */
static enum status
audit_export_sig(const char *p, const char *end, unsigned char **sig,
    size_t *siglen)
{
	const char *q = p;
	enum status st;
	char *hex;

	while (q < end && *q != '\t' && *q != '\n')
		q++;
	hex = xstrndup(p, (size_t) (q - p));
	st = crypto_unhex(hex, sig, siglen);
	free(hex);
	return st == STATUS_OK ? STATUS_OK : STATUS_MALFORMED;
}

/* Split DATA (N bytes) into the content (*CONTENT_LEN bytes) and its last
 * line's hash and signature. */
static enum status
audit_export_parse(const char *data, size_t n, size_t *content_len,
    char hash_hex[2 * CRYPTO_SM3_LEN + 1], unsigned char **sig,
    size_t *siglen)
{
	const char *last;
	size_t m;

	if (n < 2 || data[n - 1] != '\n')
		return STATUS_MALFORMED;
	for (m = n - 1; m > 0 && data[m - 1] != '\n'; m--)
		continue;
	last = data + m;
	if (n - m < 4 + 2 * CRYPTO_SM3_LEN + 5 || strncmp(last, "sm3:", 4) != 0
	    || strncmp(last + 4 + 2 * CRYPTO_SM3_LEN, "\tsm2:", 5) != 0)
		return STATUS_MALFORMED;

	memcpy(hash_hex, last + 4, 2 * CRYPTO_SM3_LEN);
	hash_hex[2 * CRYPTO_SM3_LEN] = '\0';
	*content_len = m;
	return audit_export_sig(last + 4 + 2 * CRYPTO_SM3_LEN + 5, data + n,
	    sig, siglen);
}

/* The whole file at PATH, NUL-terminated, or NULL. */
static char *
audit_read_file(const char *path, size_t *n)
{
	struct buf b;
	char chunk[4096];
	size_t got;
	FILE *f;

	*n = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	if (ferror(f)) {
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	*n = b.len;
	buf_add_u8(&b, 0);
	return (char *) b.data;
}

enum status
audit_export_verify(struct store *st, const char *path)
{
	struct crypto_key *pub = NULL;
	unsigned char h[CRYPTO_SM3_LEN], *sig = NULL;
	char want[2 * CRYPTO_SM3_LEN + 1], got[2 * CRYPTO_SM3_LEN + 1];
	size_t n = 0, len = 0, siglen = 0;
	enum status r;
	char *data;

	if ((r = crypto_init()) != STATUS_OK)
		return r;
	if ((data = audit_read_file(path, &n)) == NULL)
		return STATUS_IO;
	r = audit_export_parse(data, n, &len, want, &sig, &siglen);
	if (r == STATUS_OK)
		r = crypto_sm3(data, len, h);
	if (r == STATUS_OK) {
		crypto_hex(h, sizeof h, got);
		if (strcmp(got, want) != 0)
			r = STATUS_BAD_SIGNATURE;
	}
	if (r == STATUS_OK)
		r = store_run(st, STORE_READ, audit_export_public, &pub);
	if (r == STATUS_OK)
		r = crypto_verify(pub, data, len, sig, siglen);
	crypto_key_free(pub);
	free(sig);
	free(data);
	return r;
}

struct audit_checked {
	const char	*path;
	enum status	 result;
};

static enum status
audit_export_checked_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_checked *c = arg;
	enum status st;
	char *detail;

	detail = xasprintf("export file %s: %s", c->path,
	    status_name(c->result));
	st = audit_append(txn, actor, audit_role(actor, ACT_AUDIT_VERIFY),
	    ACT_AUDIT_VERIFY, REC_AUDIT, 0, c->result == STATUS_OK ? AUDIT_OK :
	    AUDIT_FAILED, detail);
	free(detail);
	return st;
}

enum status
audit_export_verify_as(struct session *s, const char *path)
{
	struct audit_checked c = { path, STATUS_OK };
	enum status st;

	st = audit_session_run(s, ACT_AUDIT_VERIFY, STORE_READ,
	    audit_op_allowed, NULL, REC_AUDIT, 0, path);
	if (st != STATUS_OK)
		return st;
	c.result = audit_export_verify(s->store, path);
	st = audit_session_run(s, ACT_AUDIT_VERIFY, STORE_WRITE,
	    audit_export_checked_txn, &c, REC_AUDIT, 0, path);
	return c.result != STATUS_OK ? c.result : st;
}
