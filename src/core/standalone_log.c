/*
 * standalone_log.c -- checking a standalone seal's use log and its head
 * (the format is in standalone_pkg.c), the same way at the station and
 * at the return, so that what the station accepts is what the office
 * imports.
 *
 * Each fault has its own reason: a line cut off is a truncation; an
 * entry whose signature fails, an edit; numbers with a gap, a removal;
 * numbers all there in another order, a reordering; a head counting
 * more entries than the log holds, an older copy of the log.  A print
 * line (the station's printing of a use) chains like a use line and
 * must name a use before it; it is handed back with that use.  What the
 * seal key's holder could rewrite whole is not caught here: the manual
 * says so, and the return compares the uses with what the office knows.
 *
 * It must not read the store, nor keep a key.
 */
#include <config.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/standalone_private.h"

struct log_entry {
	struct standalone_use	 u;	/* a print line: N the use printed,
					 * print_where and print_result */
	int			 print;
	unsigned char		 prev[32];
	unsigned char		 self[32];	/* SM3 of the line */
	int			 ok;		/* parsed, signature holds */
};

struct log_check {
	const struct standalone_pkg	*p;
	const struct crypto_key		*pub;
	struct log_entry		*v;
	size_t				 n;
};

/* Hex of exactly 32 bytes into OUT. */
static int
log_hex32(const char *hex, unsigned char out[32])
{
	unsigned char *b = NULL;
	size_t n = 0;
	int ok;

	ok = strlen(hex) == 64 && crypto_unhex(hex, &b, &n) == STATUS_OK &&
	    n == 32;
	if (ok)
		memcpy(out, b, 32);
	free(b);
	return ok;
}

static char *
log_title(const char *hex)
{
	unsigned char *b = NULL;
	size_t n = 0;
	char *t;

	if (strcmp(hex, "-") == 0)
		return xstrdup("");
	if (crypto_unhex(hex, &b, &n) != STATUS_OK || !text_utf8_valid((char *)
	    b, n)) {
		free(b);
		return NULL;
	}
	t = xstrndup((char *) b, n);
	free(b);
	return t;
}

static int
log_fields(char *line, char *f[7])
{
	char *save = NULL, *tok;
	int i = 0;

	for (tok = strtok_r(line, " ", &save); tok != NULL && i < 7;
	    tok = strtok_r(NULL, " ", &save))
		f[i++] = tok;
	return i == 7 && tok == NULL && (strcmp(f[0], "use") == 0 ||
	    strcmp(f[0], "print") == 0);
}

/* The rest of a print line: where, and the outcome's status name. */
static int
log_print_fields(char *f[7], struct log_entry *e)
{
	e->print = 1;
	if (strncmp(f[5], "STATUS_", 7) != 0 ||
	    (e->u.print_where = log_title(f[4])) == NULL)
		return 0;
	e->u.print_result = xstrdup(f[5]);
	return 1;
}

/* Parse and check one line (without its newline) into E. */
static void
log_entry_read(struct log_check *c, const char *line, size_t len,
    struct log_entry *e)
{
	char *copy = xstrndup(line, len), *f[7], *end;
	const char *sig = memrchr(line, ' ', len);

	memset(e, 0, sizeof *e);
	(void) crypto_sm3(line, len, e->self);
	if (sig == NULL || !log_fields(copy, f))
		goto out;
	e->u.n = (uint32_t) strtoul(f[1], &end, 10);
	if (*end != '\0')
		goto out;
	e->u.time = strtoll(f[2], &end, 10);
	if (*end != '\0' || !log_hex32(f[3], e->prev))
		goto out;
	if (strcmp(f[0], "print") == 0 ? !log_print_fields(f, e) :
	    !log_hex32(f[4], e->u.pdf_sm3) ||
	    (e->u.title = log_title(f[5])) == NULL)
		goto out;
	e->ok = standalone_log_signed_ok(c->pub, f[0], c->p->id, line,
	    (size_t) (sig - line), f[6]) == STATUS_OK;
out:
	free(copy);
}

/* Read every whole line of LOG; STATUS_SA_LOG_TRUNCATED when the last is
 * cut off. */
static enum status
log_read_all(struct log_check *c, const struct buf *log, uint32_t *at)
{
	const char *p = (const char *) log->data, *end = p + log->len, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t) (end - p))) != NULL) {
		c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
		log_entry_read(c, p, (size_t) (nl - p), &c->v[c->n++]);
		p = nl + 1;
	}
	*at = (uint32_t) c->n + 1;
	return p < end ? STATUS_SA_LOG_TRUNCATED : STATUS_OK;
}

static int
log_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;

	return x < y ? -1 : x > y;
}

/* The uses numbered 1..n in order, each print after the use it names;
 * or the uses all there in another order; or not.  *AT is a line. */
static enum status
log_numbers(const struct log_check *c, uint32_t *at)
{
	uint32_t *nums = xcalloc(c->n + 1, sizeof *nums);
	enum status st = STATUS_OK;
	size_t i, k = 0;

	for (i = 0; i < c->n && st == STATUS_OK; i++) {
		if (c->v[i].print) {
			if (c->v[i].u.n == 0 || c->v[i].u.n > k) {
				*at = (uint32_t) i + 1;
				st = STATUS_SA_LOG_EDITED;
			}
			continue;
		}
		nums[k++] = c->v[i].u.n;
		if (c->v[i].u.n != k) {
			*at = (uint32_t) i + 1;
			st = STATUS_SA_LOG_REMOVED;
		}
	}
	for (; i < c->n; i++)
		if (!c->v[i].print)
			nums[k++] = c->v[i].u.n;
	if (st == STATUS_SA_LOG_REMOVED) {
		qsort(nums, k, sizeof *nums, log_u32_cmp);
		for (i = 0; i < k && nums[i] == i + 1; i++)
			;
		if (i == k)
			st = STATUS_SA_LOG_REORDERED;
	}
	free(nums);
	return st;
}

/* The use lines among the N lines of V. */
static size_t
log_use_count(const struct log_entry *v, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += !v[i].print;
	return k;
}

/* Signatures, numbering and the chain of the entries read. */
static enum status
log_entries(const struct log_check *c, uint32_t *at)
{
	const unsigned char *prev = c->p->sm3;
	enum status st;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!c->v[i].ok) {
			*at = (uint32_t) i + 1;
			return STATUS_SA_LOG_EDITED;
		}
	if ((st = log_numbers(c, at)) != STATUS_OK)
		return st;
	for (i = 0; i < c->n; i++) {
		if (memcmp(c->v[i].prev, prev, 32) != 0) {
			*at = (uint32_t) i + 1;
			return STATUS_SA_LOG_REMOVED;
		}
		prev = c->v[i].self;
	}
	*at = (uint32_t) c->n;
	return log_use_count(c->v, c->n) > c->p->uses ? STATUS_SA_LOG_EDITED :
	    STATUS_OK;
}

/* The head against the entries; LAST is what the next entry chains to. */
static enum status
log_head(const struct log_check *c, const struct buf *head,
    const unsigned char last[32], uint32_t *at)
{
	char *line, *f[4] = { NULL }, *save = NULL, *end;
	const unsigned char *before;
	unsigned char hlast[32];
	enum status st = STATUS_SA_LOG_EDITED;
	unsigned long count;
	int i;

	*at = 0;
	/* A head deleted is told apart from one whose bytes were changed:
	 * the entries may all be intact. */
	if (head == NULL)
		return STATUS_SA_LOG_NO_HEAD;
	if (head->len == 0 ||
	    head->data[head->len - 1] != '\n')
		return STATUS_SA_LOG_EDITED;
	line = xstrndup((const char *) head->data, head->len - 1);
	f[0] = strtok_r(line, " ", &save);
	for (i = 1; i < 4 && f[i - 1] != NULL; i++)
		f[i] = strtok_r(NULL, " ", &save);
	if (f[3] == NULL || strtok_r(NULL, " ", &save) != NULL ||
	    strcmp(f[0], "head") != 0 || !log_hex32(f[2], hlast))
		goto out;
	count = strtoul(f[1], &end, 10);
	if (*end != '\0' || standalone_log_signed_ok(c->pub, "head", c->p->id,
	    (const char *) head->data, (size_t) (f[3] - 1 - line), f[3]) !=
	    STATUS_OK)
		goto out;
	before = c->n >= 2 ? c->v[c->n - 2].self : c->p->sm3;
	if (count > c->n) {
		*at = (uint32_t) c->n + 1;
		st = STATUS_SA_LOG_OLDER;
	} else if (count == c->n && memcmp(hlast, last, 32) == 0)
		st = STATUS_OK;
	else if (count + 1 == c->n && memcmp(hlast, before, 32) == 0)
		st = STATUS_OK;		/* stopped between log and head */
out:
	free(line);
	return st;
}

/* Give print line P's outcome to the use it names among the N of V
 * (taking P's strings); 0 when there is no such use. */
static int
log_print_onto(struct standalone_use *v, size_t n, struct standalone_use *p)
{
	size_t i;

	for (i = n; i > 0; i--)
		if (v[i - 1].n == p->n) {
			free(v[i - 1].print_where);
			free(v[i - 1].print_result);
			v[i - 1].print_where = p->print_where;
			v[i - 1].print_result = p->print_result;
			free(p->title);
			return 1;
		}
	return 0;
}

enum status
standalone_log_check(const struct standalone_pkg *p,
    const struct crypto_key *pub, const struct buf *log,
    const struct buf *head, struct standalone_use **uses, size_t *nuses,
    unsigned char last[32], uint32_t *at)
{
	struct log_check c = { p, pub, NULL, 0 };
	enum status st;
	size_t i;

	*uses = NULL;
	*nuses = 0;
	*at = 0;
	st = log_read_all(&c, log, at);
	if (st == STATUS_OK)
		st = log_entries(&c, at);
	memcpy(last, c.n > 0 ? c.v[c.n - 1].self : p->sm3, 32);
	if (st == STATUS_OK)
		st = log_head(&c, head, last, at);

	/* Hand over the uses whose signatures hold, each with its last
	 * printing. */
	*uses = xcalloc(c.n + 1, sizeof **uses);
	for (i = 0; i < c.n; i++) {
		if (c.v[i].ok && !c.v[i].print) {
			(*uses)[(*nuses)++] = c.v[i].u;
			continue;
		}
		if (c.v[i].ok && log_print_onto(*uses, *nuses, &c.v[i].u))
			continue;
		free(c.v[i].u.title);
		free(c.v[i].u.print_where);
		free(c.v[i].u.print_result);
	}
	free(c.v);
	return st;
}
