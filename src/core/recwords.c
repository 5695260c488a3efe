/*
 * recwords.c -- stored English shown translated (recwords.h).
 *
 * Each row of the table is a printf format the program stores text in,
 * marked for translation.  A stored text is matched against each format
 * (a conversion matches what it would have printed: digits for a
 * number, any text for a string, the shortest first), the parts kept,
 * a part that is itself a known form or a status name translated in
 * turn, and the translated format filled with them by hand: the parts
 * are data, never a format.  A translation may reorder them ("%2$s").
 *
 * It must not change a record or decide anything from the text: it
 * only words it.  A format added where text is stored belongs here too.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/recwords.h"
#include "util/util.h"

#define RECWORDS_ARGS	8	/* conversions in one format, at most */
#define RECWORDS_DEPTH	3	/* parts translated within parts */

static const char *const recwords_forms[] = {
	/* Sessions and accounts. */
	N_("logged in"),
	N_("logged out"),
	N_("logged in with an initial password; must change it"),
	N_("logged in with an expired password; must change it"),
	N_("%s; password re-hashed with the current parameters"),
	N_("locked after failed logins"),
	N_("unknown user name"),
	N_("wrong password"),
	N_("wrong password at session unlock"),
	N_("wrong current password at password change"),
	N_("password changed"),
	N_("account %s"),
	/* Documents (Flows 1-5). */
	N_("created %s, version 1, %s"),
	N_("created %s, version 1, %s: never e-sealed (Art. 2)"),
	N_("revised: version %u"),
	N_("submitted version %u"),
	/* An approval step's note ends in what the step did; the whole
	 * forms, since "approved" and "issued" alone mean other things
	 * elsewhere. */
	N_("version %u, step %u of %u: approved"),
	N_("version %u, step %u of %u: issued"),
	N_("version %u, step %u of %u: issued as %s/%u/%u"),
	N_("version %u, step %u of %u: %s"),
	N_("returned to the drafter"),
	N_("sent version %u for e-sealing"),
	N_("sealed version %u with seal %s, %u copies"),
	N_("rejected version %u in state %s"),
	N_("reprint of sealed version %u as version %u"),
	/* Printing (Flow 2). */
	N_("document %llu version %u: copies %u-%u reserved on printer %llu"),
	N_("document %llu: copies %u-%u done, %u printed"),
	N_("document %llu: copies %u-%u failed, %u printed"),
	N_("document %llu: copies %u-%u cancelled, %u printed"),
	N_("application %llu: %u more copies of version %u"),
	N_("folder %s: cannot write %s (%s)"),
	N_("folder %s: %s: %s"),
	N_("CUPS queue %s: %s"),
	N_("CUPS queue %s, job %u"),	/* print/direct.c, the station's */
	N_("settled from the folder: %u of %u copies found"),
	/* Standalone seals (Art. 14, standalone*.c). */
	N_("standalone %llu tampered with, found at entry %u: %s"),
	N_("standalone %llu returned from medium %s: %zu uses, package wiped"),
	N_("standalone %llu returned from medium %s: %zu uses, package wiped, tampered with"),
	N_("standalone %llu use %u at %s (station clock) by %s: %s; pdf sm3 %s; printed at the station: %s"),
	N_("standalone %llu use %u at %s (station clock) by %s: %s; pdf sm3 %s; not printed at the station: %s"),
	N_("standalone %llu use %u at %s (station clock) by %s: %s; pdf sm3 %s"),
	/* The seal register, proxy custody and grants (Art. 5, 6): a
	 * seal's history.  The longer forms come first, since "seal %s"
	 * would match any of them. */
	N_("seal %s \"%s\" made, %s key, certificate serial %llu, custodian %s"),
	N_("seal %s \"%s\" made, %s key, certificate serial %llu"),
	N_("took custody of seal %s and set its key password"),
	/* A status change, each pair whole: with "%s %s" the matching
	 * could not tell where the number ends. */
	N_("seal %s active -> suspended: %s"),
	N_("seal %s suspended -> active: %s"),
	N_("seal %s active -> revoked: %s"),
	N_("seal %s suspended -> revoked: %s"),
	N_("seal %s -> %s"),
	N_("active"),
	N_("suspended"),
	N_("revoked"),
	N_("custody %llu of seal %s requested for proxy %s, %s to %s: %s"),
	N_("custody %llu approved: %s"),
	N_("custody %llu approved"),
	N_("custody %llu denied: %s"),
	N_("custody %llu denied"),
	N_("custody %llu"),
	N_("proxy custody of seal %s for %s"),
	N_("seal %s handed over to %s, custody %llu approved by %s"),
	N_("seal %s returned by %s, custody %llu approved by %s"),
	N_("handover of custody %llu"),
	N_("return of custody %llu"),
	N_("the proxy's key password"),
	N_("grant %llu: seal %s to %s, %s to %s, at most %u uses"),
	N_("grant %llu: seal %s to %s, %s to %s, any number of 0 uses"),
	N_("grant %llu ended after %u uses: %s"),
	N_("grant of seal %s to %s"),
	N_("end of grant %llu"),
	N_("seal %s"),
	/* The audit trail. */
	N_("broken at entry %llu"),
	N_("workstation key sm3:%s"),
	N_("%zu entries to %s sm3:%s"),
	N_("export file %s: %s"),
	N_("archive up to %llu refused: entry %llu is younger than %llu days"),
	N_("archive of entries %llu..%llu to medium %s at %s sm3:%s last:%s"),
};

/* The length of the conversion at F (after its '%'), 0 if none; *NUM
 * tells whether it prints a number. */
static size_t
recwords_conversion(const char *f, int *num)
{
	size_t n = strspn(f, "0123456789$-+ #.hlzjt");

	*num = f[n] != '\0' && strchr("diuxX", f[n]) != NULL;
	return f[n] != '\0' && strchr("diuxXs", f[n]) != NULL ? n + 1 : 0;
}

struct recwords_match {
	const char	*start[RECWORDS_ARGS];
	size_t		 len[RECWORDS_ARGS];
	size_t		 n;
};

/* Non-zero when S matches the format F, its parts from M->n on in M. */
static int
recwords_match(const char *s, const char *f, struct recwords_match *m)
{
	size_t conv = 0, take, most, at = m->n;
	int num = 0;

	for (; *f != '\0'; f++, s++) {
		if (*f == '%' && f[1] == '%')
			f++;
		else if (*f == '%' && (conv = recwords_conversion(f + 1,
		    &num)) != 0)
			break;
		if (*s != *f)
			return 0;
	}
	if (*f == '\0')
		return *s == '\0';
	if (at == RECWORDS_ARGS)
		return 0;

	/* A part: the shortest that lets the rest match. */
	m->start[at] = s;
	most = num ? strspn(s, "0123456789") : strlen(s);
	for (take = num ? 1 : 0; take <= most; take++) {
		m->len[at] = take;
		m->n = at + 1;
		if (recwords_match(s + take, f + 1 + conv, m))
			return 1;
	}
	m->n = at;
	return 0;
}

static char *recwords_text_depth(const char *stored, int depth);

/* The translated FORMAT with the parts of M (translated in turn). */
static char *
recwords_fill(const char *format, const struct recwords_match *m, int depth)
{
	struct buf b;
	size_t conv, next = 0, i;
	char *part;
	int num;

	buf_init(&b);
	for (; *format != '\0'; format++) {
		if (*format != '%' || (conv = recwords_conversion(format + 1,
		    &num)) == 0) {
			buf_add(&b, format, 1);
			format += *format == '%' && format[1] == '%';
			continue;
		}
		i = format[1] >= '1' && format[1] <= '9' && format[2] == '$' ?
		    (size_t) (format[1] - '1') : next++;
		if (i < m->n) {
			part = xstrndup(m->start[i], m->len[i]);
			if (!num) {
				char *t = recwords_text_depth(part, depth + 1);

				free(part);
				part = t;
			}
			buf_add(&b, part, strlen(part));
			free(part);
		}
		format += conv;
	}
	buf_add_u8(&b, 0);
	return (char *) b.data;
}

/* "STATUS_NAME" or "STATUS_NAME: more": the message, then the rest. */
static char *
recwords_status(const char *stored, int depth)
{
	size_t len = strcspn(stored, ": ");
	char *rest, *text;
	int i;

	for (i = 0; i < STATUS__COUNT; i++) {
		const char *name = status_name((enum status) i);

		if (strlen(name) != len || strncmp(name, stored, len) != 0)
			continue;
		if (stored[len] == '\0')
			return xstrdup(status_message((enum status) i));
		if (strncmp(stored + len, ": ", 2) != 0)
			return NULL;
		rest = recwords_text_depth(stored + len + 2, depth + 1);
		text = xasprintf(_("%s: %s"), status_message((enum status) i),
		    rest);
		free(rest);
		return text;
	}
	return NULL;
}

static char *
recwords_text_depth(const char *stored, int depth)
{
	struct recwords_match m;
	char *text;
	size_t i;

	if (stored == NULL || *stored == '\0' || depth > RECWORDS_DEPTH)
		return xstrdup(stored != NULL ? stored : "");
	if (strncmp(stored, "STATUS_", 7) == 0 &&
	    (text = recwords_status(stored, depth)) != NULL)
		return text;
	for (i = 0; i < sizeof recwords_forms / sizeof recwords_forms[0];
	    i++) {
		memset(&m, 0, sizeof m);
		if (recwords_match(stored, recwords_forms[i], &m))
			return recwords_fill(_(recwords_forms[i]), &m, depth);
	}
	return xstrdup(stored);
}

char *
recwords_text(const char *stored)
{
	return recwords_text_depth(stored, 0);
}
