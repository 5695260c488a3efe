/*
 * standalone_station.c -- a standalone seal at its work station: open
 * the package on the medium and check it, let the designated person
 * unlock the key with the one-time secret, and seal a document within
 * the limits, appending the use to the log.
 *
 * There is no workspace here: the package carries everything, the
 * office's root certificate included.  That root is only the package's
 * claim at the station (a forger would replace it too); the office
 * checks the package and the log against its own keys on the return.
 * Likewise the period is judged by the station's clock, which is only
 * that machine's claim.
 *
 * It must not write the secret or the unwrapped key anywhere, nor log
 * them.
 */
#include <config.h>

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/standalone_private.h"
#include "util/safefile.h"

/* -- Opening --------------------------------------------------------------- */

/* The seal's certificate is the root's, and certifies the wrapped key. */
static enum status
station_certs(const struct standalone_pkg *p, struct x509_cert *root,
    struct x509_cert *cert)
{
	unsigned char a[CRYPTO_SM3_LEN], b[CRYPTO_SM3_LEN];
	struct crypto_key *pub = NULL;
	enum status st = STATUS_SA_PACKAGE_TAMPERED;

	if (x509_cert_parse(p->root.data, p->root.len, root) != STATUS_OK)
		return STATUS_SA_PACKAGE_TAMPERED;
	if (x509_cert_parse(p->cert.data, p->cert.len, cert) != STATUS_OK)
		return STATUS_SA_PACKAGE_TAMPERED;
	if (x509_cert_check_issued(cert, root) != STATUS_OK ||
	    crypto_key_wrapped_public(p->wrapped.data, p->wrapped.len, &pub) !=
	    STATUS_OK)
		return STATUS_SA_PACKAGE_TAMPERED;
	if (crypto_key_fingerprint(pub, a) == STATUS_OK &&
	    crypto_key_fingerprint(cert->key, b) == STATUS_OK &&
	    memcmp(a, b, sizeof a) == 0)
		st = STATUS_OK;
	crypto_key_free(pub);
	return st;
}

/* The package's directory: DIR/eseal-standalone, or DIR itself. */
static char *
station_dir(const char *dir)
{
	char *sub = xasprintf("%s/%s", dir, STANDALONE_DIR);
	struct stat sb;

	if (stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
		return sub;
	free(sub);
	return xstrdup(dir);
}

static enum status
station_log(struct standalone_station *st, const struct crypto_key *pub)
{
	struct buf log, head;
	enum status rc, hrc;
	uint32_t at;
	size_t i;

	buf_init(&log);
	buf_init(&head);
	rc = standalone_read(st->dir, STANDALONE_LOG, &log);
	if (rc == STATUS_NOT_FOUND)
		rc = STATUS_SA_LOG_EDITED;
	hrc = standalone_read(st->dir, STANDALONE_HEAD, &head);
	if (rc == STATUS_OK)
		rc = standalone_log_check(st->pkg, pub, &log, hrc == STATUS_OK ?
		    &head : NULL, &st->uses, &st->nuses, st->last, &at);
	/* Whole lines: the head counts them, print lines included. */
	st->nlines = 0;
	for (i = 0; rc == STATUS_OK && i < log.len; i++)
		st->nlines += log.data[i] == '\n';
	if (rc != STATUS_OK)
		log_warn("standalone: package %" PRIu64 ": log refused at "
		    "entry %u: %s", st->pkg->id, (unsigned) at,
		    status_name(rc));
	buf_free(&log);
	buf_free(&head);
	return rc;
}

enum status
standalone_station_open(const char *dir, struct standalone_station *st)
{
	struct x509_cert root, cert;
	struct buf b;
	enum status rc;

	memset(st, 0, sizeof *st);
	memset(&root, 0, sizeof root);
	memset(&cert, 0, sizeof cert);
	buf_init(&b);
	st->dir = station_dir(dir);
	st->pkg = xcalloc(1, sizeof *st->pkg);
	/* No workspace was opened here to set the library up (secure
	 * memory for the key and the secret). */
	if ((rc = crypto_init()) == STATUS_OK &&
	    (rc = standalone_read(st->dir, STANDALONE_PACKAGE, &b)) ==
	    STATUS_NOT_FOUND)
		rc = STATUS_SA_NO_PACKAGE;
	if (rc == STATUS_OK)
		rc = standalone_pkg_parse(b.data, b.len, st->pkg);
	if (rc == STATUS_OK)
		rc = station_certs(st->pkg, &root, &cert);
	if (rc == STATUS_OK)
		rc = standalone_pkg_verify(st->pkg, b.data, root.key);
	if (rc == STATUS_OK)
		rc = station_log(st, cert.key);
	x509_cert_free(&root);
	x509_cert_free(&cert);
	buf_free(&b);
	return rc;
}

void
standalone_station_close(struct standalone_station *st)
{
	if (st->pkg != NULL)
		standalone_pkg_free(st->pkg);
	free(st->pkg);
	crypto_key_free(st->key);
	standalone_uses_free(st->uses, st->nuses);
	free(st->dir);
	memset(st, 0, sizeof *st);
}

void
standalone_station_limits(const struct standalone_station *st,
    struct standalone_limits *l)
{
	const struct standalone_pkg *p = st->pkg;

	l->id = p->id;
	l->regno = p->regno;
	l->seal_name = p->seal_name;
	l->person = p->person;
	l->person_name = p->person_name;
	l->station = p->station;
	l->purpose = p->purpose;
	l->from = p->from;
	l->to = p->to;
	l->uses = p->uses;
	l->used = (uint32_t) st->nuses;
}

/* -- Unlocking and the limits ---------------------------------------------- */

/* The secret as issued: upper case, groups of four joined by '-',
 * whatever spaces or dashes the person typed.  NULL when too long. */
static char *
station_secret(const char *typed)
{
	char *out = crypto_secure_alloc(STANDALONE_SECRET_LEN + 1);
	size_t o = 0;

	for (; *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-')
			continue;
		if (o == STANDALONE_SECRET_LEN) {
			crypto_secure_free(out);
			return NULL;
		}
		if (o % 5 == 4)
			out[o++] = '-';
		out[o++] = (char) toupper((unsigned char) *typed);
	}
	out[o] = '\0';
	return out;
}

enum status
standalone_station_unlock(struct standalone_station *st, const char *person,
    const char *secret)
{
	const struct standalone_pkg *p = st->pkg;
	char *canon;
	enum status rc;

	/* Nothing typed is not another person: ask for the name. */
	if (person == NULL || *person == '\0')
		return STATUS_SA_NO_PERSON;
	if (strcmp(person, p->person) != 0 &&
	    strcmp(person, p->person_name) != 0)
		return STATUS_SA_PERSON;
	if ((canon = station_secret(secret)) == NULL)
		return STATUS_SA_SECRET;
	crypto_key_free(st->key);
	st->key = NULL;
	rc = crypto_key_unwrap(p->wrapped.data, p->wrapped.len, canon,
	    &st->key);
	crypto_secure_free(canon);
	if (rc == STATUS_BAD_PASSWORD)
		return STATUS_SA_SECRET;
	return rc == STATUS_OK ? STATUS_OK : STATUS_SA_PACKAGE_TAMPERED;
}

void
standalone_station_lock(struct standalone_station *st)
{
	crypto_key_free(st->key);
	st->key = NULL;
}

enum status
standalone_station_check(const struct standalone_station *st)
{
	int64_t now = clock_now();

	if (now < st->pkg->from)
		return STATUS_SA_NOT_YET;
	if (now > st->pkg->to)
		return STATUS_SA_EXPIRED;
	return st->nuses >= st->pkg->uses ? STATUS_SA_USED_UP : STATUS_OK;
}

enum status
standalone_station_impression(const struct standalone_station *st,
    const unsigned char **png, size_t *len, double *diameter_mm)
{
	struct ses_seal s;
	enum status rc;

	if ((rc = ses_seal_parse(st->pkg->seal_der.data,
	    st->pkg->seal_der.len, &s)) != STATUS_OK)
		return STATUS_SA_PACKAGE_TAMPERED;
	*png = s.picture;
	*len = s.picture_len;
	*diameter_mm = (double) s.width_mm;
	ses_seal_free(&s);
	return STATUS_OK;
}
