/*
 * ctl_seal_trust.c -- "esealctl seal import-root|import-crl|export-root|
 * export-crl": other bodies' root certificates and revocation lists come
 * in from media, the office's go out (nothing can be fetched online).
 *
 * Files are DER, or PEM when they are read; what is written is PEM when
 * the file name ends in ".pem", else DER.  export-root needs no login:
 * the root certificate is public.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_seal.h"

/* Write DER to PATH, as PEM with LABEL when PATH ends in ".pem". */
static enum status
ctl_seal_trust_write(const char *path, const char *label,
    const unsigned char *der, size_t n)
{
	size_t len = strlen(path);
	enum status st;
	char *pem;

	if (len < 4 || strcmp(path + len - 4, ".pem") != 0)
		return ctl_seal_write_file(path, der, n);
	if ((st = crypto_pem_encode(label, der, n, &pem)) != STATUS_OK)
		return st;
	st = ctl_seal_write_file(path, pem, strlen(pem));
	free(pem);
	return st;
}

static int
ctl_seal_export_root(struct ctl *c, const char *path)
{
	unsigned char *der = NULL;
	struct store *st = NULL;
	enum status rc;
	size_t n = 0;
	char fpr[17];
	int ex;

	if ((ex = ctl_store_open(c, STORE_RDONLY, &st)) != CTL_EXIT_OK)
		return ex;
	rc = seal_ca_root(st, &der, &n);
	audit_attach(NULL);
	store_close(st);
	if (rc == STATUS_OK)
		rc = ctl_seal_trust_write(path, "CERTIFICATE", der, n);
	if (rc == STATUS_OK) {
		x509_cert_short_id(der, n, fpr);
		printf("root: %s %s\n", path, fpr);
	}
	free(der);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, path);
}

static enum status
ctl_seal_trust_act(struct session *s, const char *cmd, const char *path)
{
	unsigned char *data = NULL;
	enum status rc;
	size_t n = 0;

	if (strcmp(cmd, "export-crl") == 0) {
		if ((rc = seal_ca_export_crl(s, &data, &n)) == STATUS_OK)
			rc = ctl_seal_trust_write(path, "X509 CRL", data, n);
		free(data);
		return rc;
	}
	if ((rc = ctl_seal_read_file(path, &data, &n)) != STATUS_OK)
		return rc;
	rc = strcmp(cmd, "import-root") == 0 ?
	    seal_trust_import_root(s, data, n) :
	    seal_trust_import_crl(s, data, n);
	free(data);
	return rc;
}

int
ctl_seal_trust(struct ctl *c, int argc, char **argv)
{
	struct session *s = NULL;
	struct store *st = NULL;
	const char *cmd = argv[0];
	enum status rc;
	int ex;

	if (argc != 2 || (strcmp(cmd, "import-root") != 0 &&
	    strcmp(cmd, "import-crl") != 0 && strcmp(cmd, "export-root") != 0 &&
	    strcmp(cmd, "export-crl") != 0))
		return ctl_seal_usage();
	if (strcmp(cmd, "export-root") == 0)
		return ctl_seal_export_root(c, argv[1]);
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	rc = ctl_seal_trust_act(s, cmd, argv[1]);
	ctl_session_close(st, s);
	if (rc != STATUS_OK)
		return ctl_fail(rc, argv[1]);
	printf("%s: %s\n", cmd, argv[1]);
	return CTL_EXIT_OK;
}
