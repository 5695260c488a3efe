/*
 * keycheck.c -- the key files of a workspace, checked (keycheck.h):
 * seal-ca.kek against the office authority's wrapped keys and their
 * certificates, audit-key.kek against the audit trail's wrapped key and
 * its published public half.
 *
 * Must not write anything, and must never show or log a secret: only
 * which file failed, and how.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/audit_private.h"
#include "core/keycheck.h"
#include "core/kekfile.h"
#include "core/policy.h"
#include "core/seal_private.h"

struct keycheck {
	const char		*home;
	keycheck_report_fn	 report;
	void			*arg;
	unsigned		 faults;
};

static void
keycheck_fault(struct keycheck *k, const char *file, const char *why)
{
	char *s = xasprintf("%s: %s", file, why);

	k->faults++;
	log_warn("check: %s", s);
	if (k->report != NULL)
		k->report(s, k->arg);
	free(s);
}

/* Does the workspace keep META (a wrapped key)?  Store errors pass. */
static enum status
keycheck_has(struct store_txn *txn, const char *meta, int *has)
{
	char *v = NULL;
	enum status st = policy_meta_get(txn, meta, &v);

	free(v);
	*has = st == STATUS_OK;
	return st == STATUS_NOT_FOUND ? STATUS_OK : st;
}

/* Is FILE there, private and whole?  0 after reporting when not. */
static int
keycheck_file(struct keycheck *k, const char *file)
{
	char *kek = NULL;
	enum status st = kekfile_read(k->home, file, &kek);

	crypto_secure_free(kek);
	if (st == STATUS_NOT_FOUND)
		keycheck_fault(k, file, _("missing, cut short, malformed or "
		    "readable by other accounts"));
	else if (st != STATUS_OK)
		keycheck_fault(k, file, status_message(st));
	return st == STATUS_OK;
}

static enum status
keycheck_seal(struct store_txn *txn, struct keycheck *k)
{
	struct seal_ca ca;
	enum status st;
	int has;

	if ((st = keycheck_has(txn, SEAL_META_ROOT, &has)) != STATUS_OK ||
	    !has || !keycheck_file(k, SEAL_CA_KEK_FILE))
		return st;
	memset(&ca, 0, sizeof ca);
	st = seal_ca_open(txn, k->home, &ca);
	seal_ca_close(&ca);
	if (st == STATUS_SEAL_NO_CA || st == STATUS_CRYPTO ||
	    st == STATUS_MALFORMED || st == STATUS_CORRUPT) {
		keycheck_fault(k, SEAL_CA_KEK_FILE, _("does not open the "
		    "office authority's keys, or they do not match their "
		    "certificates"));
		st = STATUS_OK;
	}
	return st;
}

static enum status
keycheck_audit(struct store_txn *txn, struct keycheck *k)
{
	struct crypto_key *key = NULL;
	enum status st;
	int has;

	if ((st = keycheck_has(txn, AUDIT_META_WRAPPED, &has)) != STATUS_OK ||
	    !has || !keycheck_file(k, AUDIT_KEK_FILE))
		return st;
	st = audit_key_private(txn, &key);
	crypto_key_free(key);
	if (st == STATUS_AUDIT_NO_KEY || st == STATUS_CRYPTO ||
	    st == STATUS_MALFORMED) {
		keycheck_fault(k, AUDIT_KEK_FILE, _("does not open the audit "
		    "trail's signing key, or it is not the published one"));
		st = STATUS_OK;
	}
	return st;
}

static enum status
keycheck_txn(struct store_txn *txn, void *arg)
{
	struct keycheck *k = arg;
	enum status st;

	k->faults = 0;		/* a retried transaction starts over */
	if ((st = keycheck_seal(txn, k)) != STATUS_OK)
		return st;
	return keycheck_audit(txn, k);
}

enum status
keycheck_run(struct store *st, keycheck_report_fn report, void *arg,
    unsigned *faults)
{
	struct keycheck k = { store_home(st), report, arg, 0 };
	enum status rc;

	*faults = 0;
	if ((rc = crypto_init()) != STATUS_OK)
		return rc;
	rc = store_run(st, STORE_READ, keycheck_txn, &k);
	*faults = k.faults;
	return rc;
}
