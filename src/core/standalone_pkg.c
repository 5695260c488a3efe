/*
 * standalone_pkg.c -- the files of a standalone seal on its medium: the
 * package, the use log and the log's head, written and checked.
 *
 * The package is UTF-8 text, one "name value" line per field in the
 * fixed order of pkg_fields (numbers in decimal, texts sanitized to one
 * line, binary values in hex), after the line "eseal-standalone-package
 * 1", and ends with "signature HEX": the office root key's signature
 * over every byte before that line.
 *
 * The log has one line per use:
 *   use N TIME PREV PDF TITLE SIG
 * N counts from 1, TIME is the station's clock, PREV the SM3 of the line
 * before (of the package file for the first), PDF the SM3 of the sealed
 * PDF, TITLE the title in hex, and SIG the seal key's signature over
 * "eseal-standalone-use ID " and the line up to SIG, ID the package's.
 * After a use may come the lines of its printing at the station:
 *   print N TIME PREV WHERE RESULT SIG
 * N the use printed, WHERE the printer's answer (the file or the CUPS
 * job) in hex, RESULT the status name of the outcome (STATUS_OK when it
 * printed), signed after "eseal-standalone-print ID ".  Every line
 * chains to the line before it, whatever its kind.
 * The head is one line "head COUNT LAST SIG", COUNT the lines of the
 * log, LAST what the next line chains to, signed the same way after
 * "eseal-standalone-head ID ".
 * The log is appended before the head is rewritten, so a station that
 * stops between the two leaves a log one entry ahead of its head, which
 * is accepted; anything else that disagrees is tampering.
 *
 * It must not read the store, nor keep or write a secret or a key.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/standalone_private.h"

#define PKG_MAGIC	"eseal-standalone-package 1\n"
#define PKG_SIG		"signature "

enum pkg_type { PKG_U64, PKG_I64, PKG_U32, PKG_STR, PKG_HEX };

struct pkg_field {
	const char	*name;
	enum pkg_type	 type;
	size_t		 off;
};

#define PF(name, type, m) { name, type, offsetof(struct standalone_pkg, m) }
static const struct pkg_field pkg_fields[] = {
	PF("id", PKG_U64, id),
	PF("seal", PKG_STR, regno),
	PF("seal-name", PKG_STR, seal_name),
	PF("person-id", PKG_U64, person_id),
	PF("person", PKG_STR, person),
	PF("person-name", PKG_STR, person_name),
	PF("station-id", PKG_U64, station_id),
	PF("station", PKG_STR, station),
	PF("purpose", PKG_STR, purpose),
	PF("from", PKG_I64, from),
	PF("to", PKG_I64, to),
	PF("uses", PKG_U32, uses),
	PF("issued", PKG_I64, issued),
	PF("issuer", PKG_STR, issuer),
	PF("key", PKG_HEX, wrapped),
	PF("sealed", PKG_HEX, seal_der),
	PF("cert", PKG_HEX, cert),
	PF("root", PKG_HEX, root),
};
#undef PF
#define PKG_NFIELDS	(sizeof pkg_fields / sizeof pkg_fields[0])

void
standalone_pkg_free(struct standalone_pkg *p)
{
	size_t i;

	for (i = 0; i < PKG_NFIELDS; i++) {
		void *m = (char *) p + pkg_fields[i].off;

		if (pkg_fields[i].type == PKG_STR)
			free(*(char **) m);
		else if (pkg_fields[i].type == PKG_HEX)
			free(((struct blob *) m)->data);
	}
	free(p->sig.data);
	memset(p, 0, sizeof *p);
}

/* -- Writing --------------------------------------------------------------- */

static void
pkg_add_hex(struct buf *out, const unsigned char *p, size_t n)
{
	char *hex = xmalloc(2 * n + 1);

	crypto_hex(p, n, hex);
	buf_add(out, hex, 2 * n);
	free(hex);
}

static void
pkg_add_field(struct buf *out, const struct standalone_pkg *p,
    const struct pkg_field *f)
{
	const void *m = (const char *) p + f->off;
	char num[32], *clean;
	const char *s;

	buf_add(out, f->name, strlen(f->name));
	buf_add_u8(out, ' ');
	switch (f->type) {
	case PKG_U64:
		snprintf(num, sizeof num, "%" PRIu64, *(const uint64_t *) m);
		buf_add(out, num, strlen(num));
		break;
	case PKG_I64:
		snprintf(num, sizeof num, "%" PRId64, *(const int64_t *) m);
		buf_add(out, num, strlen(num));
		break;
	case PKG_U32:
		snprintf(num, sizeof num, "%" PRIu32, *(const uint32_t *) m);
		buf_add(out, num, strlen(num));
		break;
	case PKG_STR:
		s = *(char *const *) m != NULL ? *(char *const *) m : "";
		clean = text_sanitize(s, strlen(s), 0);
		buf_add(out, clean, strlen(clean));
		free(clean);
		break;
	case PKG_HEX:
		pkg_add_hex(out, ((const struct blob *) m)->data,
		    ((const struct blob *) m)->len);
		break;
	}
	buf_add_u8(out, '\n');
}

enum status
standalone_pkg_encode(struct standalone_pkg *p,
    const struct crypto_key *root_key, struct buf *out)
{
	size_t start = out->len, i;
	unsigned char *sig = NULL;
	size_t siglen = 0;
	enum status st;

	buf_add(out, PKG_MAGIC, strlen(PKG_MAGIC));
	for (i = 0; i < PKG_NFIELDS; i++)
		pkg_add_field(out, p, &pkg_fields[i]);
	if ((st = crypto_sign(root_key, out->data + start, out->len - start,
	    &sig, &siglen)) != STATUS_OK)
		return st;
	buf_add(out, PKG_SIG, strlen(PKG_SIG));
	pkg_add_hex(out, sig, siglen);
	buf_add_u8(out, '\n');
	free(sig);
	return crypto_sm3(out->data + start, out->len - start, p->sm3);
}

/* -- Reading --------------------------------------------------------------- */

/* The next line of [*P, END) without its newline, NUL-terminated in a
 * new string; NULL when there is no whole line left. */
static char *
pkg_line(const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t) (end - *p));
	char *line;

	if (nl == NULL)
		return NULL;
	line = xstrndup(*p, (size_t) (nl - *p));
	*p = nl + 1;
	return line;
}

static enum status
pkg_number(const char *v, int sign, void *out, enum pkg_type t)
{
	char *end;
	long long sv;
	unsigned long long uv;

	errno = 0;
	if (*v == '\0' || (!sign && *v == '-'))
		return STATUS_SA_PACKAGE_TAMPERED;
	if (sign) {
		sv = strtoll(v, &end, 10);
		*(int64_t *) out = sv;
	} else {
		uv = strtoull(v, &end, 10);
		if (t == PKG_U32 && uv > UINT32_MAX)
			return STATUS_SA_PACKAGE_TAMPERED;
		if (t == PKG_U32)
			*(uint32_t *) out = (uint32_t) uv;
		else
			*(uint64_t *) out = uv;
	}
	return errno != 0 || *end != '\0' ? STATUS_SA_PACKAGE_TAMPERED :
	    STATUS_OK;
}

static enum status
pkg_set(struct standalone_pkg *p, const struct pkg_field *f, const char *v)
{
	void *m = (char *) p + f->off;
	struct blob *b = m;

	switch (f->type) {
	case PKG_U64:
	case PKG_U32:
		return pkg_number(v, 0, m, f->type);
	case PKG_I64:
		return pkg_number(v, 1, m, f->type);
	case PKG_STR:
		if (!text_utf8_valid(v, strlen(v)))
			return STATUS_SA_PACKAGE_TAMPERED;
		*(char **) m = xstrdup(v);
		return STATUS_OK;
	case PKG_HEX:
		return crypto_unhex(v, &b->data, &b->len) == STATUS_OK ?
		    STATUS_OK : STATUS_SA_PACKAGE_TAMPERED;
	}
	return STATUS_SA_PACKAGE_TAMPERED;
}

/* One "name value" line for field F. */
static enum status
pkg_read_field(struct standalone_pkg *p, const struct pkg_field *f,
    const char **at, const char *end)
{
	size_t len = strlen(f->name);
	char *line = pkg_line(at, end);
	enum status st = STATUS_SA_PACKAGE_TAMPERED;

	if (line != NULL && strncmp(line, f->name, len) == 0 &&
	    line[len] == ' ')
		st = pkg_set(p, f, line + len + 1);
	free(line);
	return st;
}

enum status
standalone_pkg_parse(const unsigned char *data, size_t n,
    struct standalone_pkg *p)
{
	const char *at = (const char *) data, *end = at + n;
	size_t magic = strlen(PKG_MAGIC), i;
	char *line = NULL;
	enum status st = STATUS_SA_PACKAGE_TAMPERED;

	memset(p, 0, sizeof *p);
	if (n < magic || memcmp(data, PKG_MAGIC, magic) != 0)
		return STATUS_SA_PACKAGE_TAMPERED;
	at += magic;
	for (i = 0; i < PKG_NFIELDS; i++)
		if ((st = pkg_read_field(p, &pkg_fields[i], &at, end)) !=
		    STATUS_OK)
			return st;

	/* The signature line, and nothing after it. */
	p->signed_len = (size_t) (at - (const char *) data);
	line = pkg_line(&at, end);
	st = STATUS_SA_PACKAGE_TAMPERED;
	if (line != NULL && at == end &&
	    strncmp(line, PKG_SIG, strlen(PKG_SIG)) == 0 &&
	    crypto_unhex(line + strlen(PKG_SIG), &p->sig.data, &p->sig.len) ==
	    STATUS_OK)
		st = crypto_sm3(data, n, p->sm3);
	free(line);
	return st;
}

enum status
standalone_pkg_verify(const struct standalone_pkg *p,
    const unsigned char *data, const struct crypto_key *root_pub)
{
	return crypto_verify(root_pub, data, p->signed_len, p->sig.data,
	    p->sig.len) == STATUS_OK ? STATUS_OK : STATUS_SA_PACKAGE_TAMPERED;
}

/* -- The log and its head -------------------------------------------------- */

static enum status
log_sign(const struct crypto_key *key, const char *what, uint64_t id,
    const char *text, size_t n, struct buf *out)
{
	unsigned char *sig = NULL;
	size_t siglen = 0;
	enum status st;
	char *msg;

	msg = xasprintf("eseal-standalone-%s %" PRIu64 " %.*s", what, id,
	    (int) n, text);
	st = crypto_sign(key, msg, strlen(msg), &sig, &siglen);
	free(msg);
	if (st != STATUS_OK)
		return st;
	buf_add_u8(out, ' ');
	pkg_add_hex(out, sig, siglen);
	buf_add_u8(out, '\n');
	free(sig);
	return STATUS_OK;
}

enum status
standalone_log_signed_ok(const struct crypto_key *pub, const char *what,
    uint64_t id, const char *text, size_t n, const char *sighex)
{
	unsigned char *sig = NULL;
	size_t siglen = 0;
	enum status st;
	char *msg;

	if (crypto_unhex(sighex, &sig, &siglen) != STATUS_OK)
		return STATUS_BAD_SIGNATURE;
	msg = xasprintf("eseal-standalone-%s %" PRIu64 " %.*s", what, id,
	    (int) n, text);
	st = crypto_verify(pub, msg, strlen(msg), sig, siglen);
	free(msg);
	free(sig);
	return st;
}

enum status
standalone_log_append(const struct standalone_pkg *p,
    const struct crypto_key *key, const struct standalone_use *u,
    const unsigned char prev[32], struct buf *out, unsigned char next[32])
{
	const char *title = u->title != NULL ? u->title : "";
	size_t start = out->len;
	char num[48];
	enum status st;

	snprintf(num, sizeof num, "use %" PRIu32 " %" PRId64 " ", u->n,
	    u->time);
	buf_add(out, num, strlen(num));
	pkg_add_hex(out, prev, 32);
	buf_add_u8(out, ' ');
	pkg_add_hex(out, u->pdf_sm3, 32);
	buf_add_u8(out, ' ');
	pkg_add_hex(out, (const unsigned char *) title, strlen(title));
	if (*title == '\0')
		buf_add_u8(out, '-');
	if ((st = log_sign(key, "use", p->id, (const char *) out->data + start,
	    out->len - start, out)) != STATUS_OK)
		return st;
	/* The next entry chains to this line, without its newline. */
	if (next != NULL)
		st = crypto_sm3(out->data + start, out->len - start - 1, next);
	return st;
}

enum status
standalone_log_append_print(const struct standalone_pkg *p,
    const struct crypto_key *key, uint32_t n, int64_t time,
    const char *where, enum status result, const unsigned char prev[32],
    struct buf *out, unsigned char next[32])
{
	size_t start = out->len;
	const char *word;
	char num[48];
	enum status st;

	snprintf(num, sizeof num, "print %" PRIu32 " %" PRId64 " ", n, time);
	buf_add(out, num, strlen(num));
	pkg_add_hex(out, prev, 32);
	buf_add_u8(out, ' ');
	pkg_add_hex(out, (const unsigned char *) where, strlen(where));
	if (*where == '\0')
		buf_add_u8(out, '-');
	buf_add_u8(out, ' ');
	word = status_name(result);
	buf_add(out, word, strlen(word));
	if ((st = log_sign(key, "print", p->id, (const char *) out->data +
	    start, out->len - start, out)) != STATUS_OK)
		return st;
	if (next != NULL)
		st = crypto_sm3(out->data + start, out->len - start - 1, next);
	return st;
}

enum status
standalone_head_make(const struct standalone_pkg *p,
    const struct crypto_key *key, uint32_t count, const unsigned char last[32],
    struct buf *out)
{
	size_t start = out->len;
	char num[32];

	snprintf(num, sizeof num, "head %" PRIu32 " ", count);
	buf_add(out, num, strlen(num));
	pkg_add_hex(out, last, 32);
	return log_sign(key, "head", p->id, (const char *) out->data + start,
	    out->len - start, out);
}

void
standalone_uses_free(struct standalone_use *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].print_where);
		free(v[i].print_result);
	}
	free(v);
}

/* -- Files on the medium --------------------------------------------------- */

enum status
standalone_read(const char *dir, const char *name, struct buf *out)
{
	char *path = xasprintf("%s/%s", dir, name), chunk[8192];
	enum status st = STATUS_OK;
	ssize_t got;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		st = errno == ENOENT ? STATUS_NOT_FOUND :
		    status_from_errno(errno);
		goto out;
	}
	while ((got = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t) got);
	if (got < 0)
		st = status_from_errno(errno);
	close(fd);
out:
	free(path);
	return st;
}

/* The key on the medium must not outlive the return: the bytes are
 * overwritten and flushed before the name goes.  (A flash medium may
 * keep old blocks; the key stays wrapped under a secret nobody kept.) */
enum status
standalone_wipe(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), zeros[4096];
	enum status st = STATUS_OK;
	off_t size, done = 0;
	ssize_t put;
	int fd;

	memset(zeros, 0, sizeof zeros);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		st = errno == ENOENT ? STATUS_OK : status_from_errno(errno);
		goto out;
	}
	size = lseek(fd, 0, SEEK_END);
	if (size > 0 && lseek(fd, 0, SEEK_SET) == 0)
		while (done < size && (put = write(fd, zeros,
		    (size_t) (size - done) < sizeof zeros ?
		    (size_t) (size - done) : sizeof zeros)) > 0)
			done += put;
	if (done < size || fsync(fd) != 0)
		st = status_from_errno(errno);
	close(fd);
	if (unlink(path) != 0 && st == STATUS_OK)
		st = status_from_errno(errno);
out:
	free(path);
	return st;
}
