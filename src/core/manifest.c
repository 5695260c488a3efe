/*
 * manifest.c -- the MANIFEST of a report export: the SM3 and size of
 * every file, signed by a one-time key that the office's root
 * certificate certifies for the day of the export (export.h says why);
 * and checking one.
 *
 * The one-time key is made, certified, used once and freed inside one
 * transaction; it must never be stored or logged.  The office's
 * authority is reached through the seal register's private interface
 * (seal_private.h), the one place that unwraps its root key.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/manifest.h"
#include "core/seal_private.h"
#include "crypto/crypto.h"

#define MANIFEST_MAGIC		"eseal-manifest 1"
#define MANIFEST_SIG		"signature: "
#define MANIFEST_CERT_HOURS	24

/* -- Making ---------------------------------------------------------------- */

static void
manifest_line(struct buf *out, const char *key, const char *value)
{
	char *clean = text_sanitize(value, strlen(value), 0);

	buf_add(out, key, strlen(key));
	buf_add(out, ": ", 2);
	buf_add(out, clean, strlen(clean));
	buf_add(out, "\n", 1);
	free(clean);
}

static void
manifest_hex_line(struct buf *out, const char *key, const unsigned char *p,
    size_t n)
{
	char *hex = xmalloc(2 * n + 1);

	crypto_hex(p, n, hex);
	manifest_line(out, key, hex);
	free(hex);
}

/* "2026-02-01 09:30:00 +0800 @1769909400": readable, and exact. */
static void
manifest_time(int64_t t, char *buf, size_t size)
{
	char local[40];
	struct tm tm;
	time_t tt = (time_t) t;

	if (localtime_r(&tt, &tm) == NULL)
		local[0] = '\0';
	else
		strftime(local, sizeof local, "%Y-%m-%d %H:%M:%S %z", &tm);
	snprintf(buf, size, "%s @%lld", local, (long long) t);
}

static enum status
manifest_files(const struct export_bundle *b, struct buf *out)
{
	unsigned char sm3[CRYPTO_SM3_LEN];
	char hex[2 * CRYPTO_SM3_LEN + 1], *line;
	enum status rc;
	size_t i;

	for (i = 0; i < b->nfiles; i++) {
		if ((rc = crypto_sm3(b->files[i].data, b->files[i].len, sm3)) !=
		    STATUS_OK)
			return rc;
		crypto_hex(sm3, sizeof sm3, hex);
		line = xasprintf("%s %zu %s", hex, b->files[i].len,
		    b->files[i].name);
		manifest_line(out, "file", line);
		free(line);
	}
	return STATUS_OK;
}

/* A certificate for KEY, issued by the office's root now and valid for
 * MANIFEST_CERT_HOURS: only exports of this day verify under it. */
static enum status
manifest_cert(struct store_txn *txn, struct seal_ca *ca, const char *bureau,
    const struct crypto_key *key, int64_t now, unsigned char **der,
    size_t *n)
{
	struct x509_template t;
	enum status rc;
	char *cn;

	memset(&t, 0, sizeof t);
	if ((rc = seal_ca_next_serial(txn, &t.serial)) != STATUS_OK)
		return rc;
	cn = xasprintf("%s报表签名", bureau);
	t.subject.country = "CN";
	t.subject.org = bureau;
	t.subject.common = cn;
	t.not_before = now - 3600;	/* a clock a little behind */
	t.not_after = now + MANIFEST_CERT_HOURS * 3600;
	t.subject_key = key;
	t.key_usage = X509_KU_DIGITAL_SIGNATURE | X509_KU_NON_REPUDIATION;
	rc = x509_cert_issue(&t, &ca->root, ca->root_key, der, n);
	free(cn);
	return rc;
}

/* Sign what OUT holds from START with a one-time key: the "signer:"
 * and "signature:" lines. */
static enum status
manifest_sign(struct store_txn *txn, const char *home, const char *bureau,
    int64_t now, struct buf *out, size_t start)
{
	unsigned char *cert = NULL, *sig = NULL;
	struct crypto_key *key = NULL;
	size_t cert_len = 0, sig_len = 0;
	struct seal_ca ca;
	enum status rc;

	memset(&ca, 0, sizeof ca);
	if ((rc = seal_ca_open(txn, home, &ca)) != STATUS_OK)
		return rc;
	if ((rc = crypto_key_generate(CRYPTO_ALG_SM2, &key)) != STATUS_OK ||
	    (rc = manifest_cert(txn, &ca, bureau, key, now, &cert,
	    &cert_len)) != STATUS_OK)
		goto out;
	manifest_hex_line(out, "signer", cert, cert_len);
	if ((rc = crypto_sign(key, out->data + start, out->len - start, &sig,
	    &sig_len)) ==
	    STATUS_OK)
		manifest_hex_line(out, "signature", sig, sig_len);
out:
	crypto_key_free(key);
	free(cert);
	free(sig);
	seal_ca_close(&ca);
	return rc;
}

enum status
manifest_make(struct store_txn *txn, const char *home,
    const struct manifest_head *h, const struct export_bundle *b,
    struct buf *out)
{
	char when[80];
	size_t start = out->len;
	enum status rc;

	manifest_time(h->at, when, sizeof when);
	buf_add(out, MANIFEST_MAGIC "\n", sizeof MANIFEST_MAGIC);
	manifest_line(out, "what", h->what);
	manifest_line(out, "bureau", h->bureau);
	manifest_line(out, "by", h->by);
	manifest_line(out, "at", when);
	manifest_line(out, "medium", h->medium);
	if ((rc = manifest_files(b, out)) == STATUS_OK)
		rc = manifest_sign(txn, home, h->bureau, h->at, out, start);
	if (rc != STATUS_OK)
		out->len = start;
	return rc;
}

/* -- Checking -------------------------------------------------------------- */

/* The whole file at PATH, NUL-terminated, into *DATA (free after). */
static enum status
manifest_read_file(const char *path, char **data, size_t *len)
{
	struct buf b;
	char chunk[8192];
	enum status rc = STATUS_OK;
	size_t n;
	FILE *f;

	*data = NULL;
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return status_from_errno(errno);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f))
		rc = STATUS_IO;
	fclose(f);
	*len = b.len;
	buf_add_u8(&b, 0);
	if (rc != STATUS_OK) {
		buf_free(&b);
		return rc;
	}
	*data = (char *) b.data;
	return STATUS_OK;
}

/* A manifest as read: pointers into the text, which the caller keeps. */
struct manifest_read {
	char		*text;
	size_t		 signed_len;	/* bytes the signature covers */
	int64_t		 at;
	char		*signer_hex;
	char		*sig_hex;
	char		*dir;		/* where the files are */
};

static void
manifest_say(export_report_fn fn, void *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
manifest_say(export_report_fn fn, void *arg, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fn(line, arg);
}

/* Split TEXT into M: the signature line must be the last. */
static enum status
manifest_parse(char *text, size_t len, struct manifest_read *m)
{
	char *sig, *line, *at;

	if (len < sizeof MANIFEST_MAGIC || memcmp(text, MANIFEST_MAGIC "\n",
	    sizeof MANIFEST_MAGIC) != 0 || text[len - 1] != '\n' ||
	    strlen(text) != len)
		return STATUS_MALFORMED;
	text[len - 1] = '\0';
	if ((sig = strrchr(text, '\n')) == NULL ||
	    strncmp(sig + 1, MANIFEST_SIG, strlen(MANIFEST_SIG)) != 0)
		return STATUS_MALFORMED;
	m->signed_len = (size_t) (sig + 1 - text);
	m->sig_hex = sig + 1 + strlen(MANIFEST_SIG);
	*sig = '\0';
	for (line = text; line != NULL; line = strchr(line, '\n')) {
		if (*line == '\n')
			*line++ = '\0';
		if (strncmp(line, "signer: ", 8) == 0)
			m->signer_hex = line + 8;
		if (strncmp(line, "at: ", 4) == 0 &&
		    (at = strchr(line, '@')) != NULL)
			m->at = strtoll(at + 1, NULL, 10);
	}
	return m->signer_hex != NULL && m->at > 0 ? STATUS_OK :
	    STATUS_MALFORMED;
}

/* The signer's certificate: from ROOT, valid at the manifest's time,
 * allowed to sign; then the signature over the signed part. */
static enum status
manifest_check_signer(const struct manifest_read *m, const char *signed_text,
    const unsigned char *root, size_t root_len, export_report_fn fn,
    void *arg)
{
	unsigned char *cert_der = NULL, *sig = NULL;
	struct x509_cert cert, anchor;
	size_t cert_len = 0, sig_len = 0;
	enum status rc;

	memset(&cert, 0, sizeof cert);
	memset(&anchor, 0, sizeof anchor);
	if (crypto_unhex(m->signer_hex, &cert_der, &cert_len) != STATUS_OK ||
	    crypto_unhex(m->sig_hex, &sig, &sig_len) != STATUS_OK ||
	    x509_cert_parse(cert_der, cert_len, &cert) != STATUS_OK) {
		rc = STATUS_MALFORMED;
		goto out;
	}
	if ((rc = x509_cert_parse(root, root_len, &anchor)) != STATUS_OK)
		goto out;
	if (x509_cert_check_issued(&cert, &anchor) != STATUS_OK)
		rc = STATUS_CERT_UNTRUSTED;
	else if (m->at < cert.not_before || m->at > cert.not_after)
		rc = STATUS_CERT_EXPIRED;
	else if (!cert.has_key_usage ||
	    !(cert.key_usage & X509_KU_DIGITAL_SIGNATURE))
		rc = STATUS_CERT_USAGE;
	else
		rc = crypto_verify(cert.key, signed_text, m->signed_len, sig,
		    sig_len);
	manifest_say(fn, arg, "%s: %s (%s, %s)", _("signature"),
	    rc == STATUS_OK ? _("good") : status_message(rc), cert.subject_cn,
	    _("issued by the office's root certificate"));
out:
	x509_cert_free(&cert);
	x509_cert_free(&anchor);
	free(cert_der);
	free(sig);
	return rc;
}

/* Whether one "file:" line matches the file beside the manifest. */
static enum status
manifest_check_file(const struct manifest_read *m, const char *entry,
    export_report_fn fn, void *arg)
{
	unsigned char sm3[CRYPTO_SM3_LEN];
	char hex[2 * CRYPTO_SM3_LEN + 1], want[2 * CRYPTO_SM3_LEN + 1];
	char name[256], *path, *data;
	unsigned long long size;
	size_t len = 0;
	enum status rc;

	if (sscanf(entry, "%64s %llu %255s", want, &size, name) != 3 ||
	    strchr(name, '/') != NULL || name[0] == '.')
		return STATUS_MALFORMED;
	path = xasprintf("%s/%s", m->dir, name);
	rc = manifest_read_file(path, &data, &len);
	free(path);
	if (rc != STATUS_OK) {
		manifest_say(fn, arg, "%s: %s", name, _("missing"));
		return STATUS_MANIFEST_MISMATCH;
	}
	rc = crypto_sm3(data, len, sm3);
	free(data);
	if (rc != STATUS_OK)
		return rc;
	crypto_hex(sm3, sizeof sm3, hex);
	rc = len == size && strcmp(hex, want) == 0 ? STATUS_OK :
	    STATUS_MANIFEST_MISMATCH;
	manifest_say(fn, arg, "%s: %s", name, rc == STATUS_OK ? _("good") :
	    _("changed since the export"));
	return rc;
}

static enum status
manifest_check_files(const struct manifest_read *m, const char *text,
    export_report_fn fn, void *arg)
{
	enum status rc = STATUS_OK, one;
	const char *line;

	for (line = text; line < text + m->signed_len;
	    line += strlen(line) + 1) {
		if (strncmp(line, "file: ", 6) != 0)
			continue;
		one = manifest_check_file(m, line + 6, fn, arg);
		if (rc == STATUS_OK)
			rc = one;
	}
	return rc;
}

enum status
manifest_check(const char *path, const unsigned char *root, size_t root_len,
    export_report_fn fn, void *arg)
{
	struct manifest_read m;
	const char *slash;
	enum status rc, files;
	char *text, *copy;
	size_t len;

	memset(&m, 0, sizeof m);
	if ((rc = manifest_read_file(path, &text, &len)) != STATUS_OK)
		return rc;
	copy = xmalloc(len + 1);
	memcpy(copy, text, len + 1);
	if ((rc = manifest_parse(copy, len, &m)) != STATUS_OK) {
		manifest_say(fn, arg, "%s", status_message(rc));
		goto out;
	}
	slash = strrchr(path, '/');
	m.dir = slash != NULL ? xstrndup(path, (size_t) (slash - path)) :
	    xstrdup(".");
	/* The signature covers the original bytes, not the split copy. */
	rc = manifest_check_signer(&m, text, root, root_len, fn, arg);
	files = manifest_check_files(&m, copy, fn, arg);
	if (rc == STATUS_OK)
		rc = files;
out:
	free(m.dir);
	free(copy);
	free(text);
	return rc;
}
