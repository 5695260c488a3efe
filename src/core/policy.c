/*
 * policy.c -- the password and session policy, its floors, and the rules
 * a new password must pass.
 *
 * The floors.  The bureau's own rule (Art. 8) holds on every machine: at
 * least 10 characters mixing three of upper case, lower case, digits and
 * other characters, expiry after at most 60 days.  The secrecy rules for
 * classified computers add to it: on a 秘密 (secret) machine a password
 * mixes letters and digits and expires after at most 30 days (their
 * 8-character minimum is already below the bureau's 10); on a 机密
 * (confidential) machine it expires after at most 7 days.  A floor is
 * therefore the stricter of the two rules, field by field, so that a
 * classified machine is never looser than an unclassified one.
 * Everywhere: none of the last 5 passwords, a warning 7 days before expiry
 * (1 day when passwords last a week or less), 5 failed logins lock the
 * account for 10 minutes, an idle session locks after 10 minutes (5 on a
 * classified machine).  The KDF cost has a floor too, so that stored
 * hashes cannot be made cheap to attack.
 *
 * This file must not decide who may change the policy beyond asking
 * session_authorize(), and never sees a password except to measure it.
 */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/session.h"
#include "crypto/crypto.h"
#include "util/util.h"

/* The KDF floor is the crypto layer's default cost (0 here), which takes
 * a fraction of a second per login and far more to an attacker with a
 * stolen hash; only the test suites lower it. */
static uint32_t policy_kdf_floor_memory;
static uint32_t policy_kdf_floor_passes;

enum policy_sense {
	POLICY_AT_LEAST,	/* a higher number is stricter */
	POLICY_AT_MOST		/* a lower number is stricter */
};

/*
 * X(field, name, sense, floor unclassified, floor secret, floor
 *   confidential, lowest, highest, description).  A floor of 0 for the
 * KDF rows means "the KDF floor variable".
 */
#define POLICY_LIST(X) \
	X(min_length,	  "min-length",	    POLICY_AT_LEAST, 10, 10, 10, 1, 128,	N_("minimum length of a password, in characters")) \
	X(min_classes,	  "min-classes",    POLICY_AT_LEAST, 3, 3, 3, 0, 4,		N_("kinds of character a password mixes, of upper case, lower case, digits and others")) \
	X(letters_digits, "letters-digits", POLICY_AT_LEAST, 0, 1, 1, 0, 1,		N_("1 when a password needs at least one letter and one digit")) \
	X(max_age_days,	  "max-age-days",   POLICY_AT_MOST, 60, 30, 7, 1, 60,		N_("days after which a password expires")) \
	X(warn_days,	  "warn-days",	    POLICY_AT_LEAST, 7, 7, 1, 1, 60,		N_("days before expiry that the user is warned")) \
	X(history,	  "history",	    POLICY_AT_LEAST, 5, 5, 5, 1, 24,		N_("a new password differs from this many last ones")) \
	X(max_failures,	  "max-failures",   POLICY_AT_MOST, 5, 5, 5, 1, 5,		N_("failed logins that lock the account")) \
	X(lock_minutes,	  "lock-minutes",   POLICY_AT_LEAST, 10, 10, 10, 1, 10080,	N_("minutes an account stays locked")) \
	X(idle_minutes,	  "idle-minutes",   POLICY_AT_MOST, 10, 5, 5, 1, 10,		N_("idle minutes before a session locks")) \
	X(kdf_memory_kib, "kdf-memory-kib", POLICY_AT_LEAST, 0, 0, 0, 8, 4194304,	N_("memory cost of password hashing, in KiB")) \
	X(kdf_passes,	  "kdf-passes",	    POLICY_AT_LEAST, 0, 0, 0, 1, 64,		N_("passes of password hashing"))

struct policy_row {
	const char		*name;
	size_t			 offset;
	enum policy_sense	 sense;
	uint32_t		 floor[3];	/* per classification */
	uint32_t		 lo, hi;
	const char		*desc;
};

#define POLICY_ROW(f, n, s, f0, f1, f2, l, h, d) \
	{ n, offsetof(struct policy, f), s, { f0, f1, f2 }, l, h, d },
static const struct policy_row policy_rows[] = { POLICY_LIST(POLICY_ROW) };
#undef POLICY_ROW

#define POLICY_NROWS	(sizeof policy_rows / sizeof policy_rows[0])

static const char *const policy_class_names[] = {
	"none", "secret", "confidential"
};

static uint32_t *
policy_slot(struct policy *p, const struct policy_row *r)
{
	return (uint32_t *) (void *) ((char *) p + r->offset);
}

static uint32_t
policy_value(const struct policy *p, const struct policy_row *r)
{
	const char *base = (const char *) p;

	return *(const uint32_t *) (const void *) (base + r->offset);
}

static const struct policy_row *
policy_row_find(const char *name)
{
	size_t i;

	for (i = 0; i < POLICY_NROWS; i++)
		if (strcmp(policy_rows[i].name, name) == 0)
			return &policy_rows[i];
	return NULL;
}

/* The floor of row R for P's classification (and, for the warning, its
 * expiry: weekly passwords are warned one day ahead). */
static uint32_t
policy_floor(const struct policy *p, const struct policy_row *r)
{
	struct crypto_kdf_params k;

	/* A test build's end-to-end tests log in hundreds of times. */
	if (policy_kdf_floor_memory == 0 && testhook_env("ESEAL_TEST_KDF") != NULL)
		policy_test_kdf_floor(64, 1);

	if (r->offset == offsetof(struct policy, kdf_memory_kib) ||
	    r->offset == offsetof(struct policy, kdf_passes)) {
		crypto_kdf_defaults(&k);
		if (r->offset == offsetof(struct policy, kdf_passes))
			return policy_kdf_floor_passes != 0 ?
			    policy_kdf_floor_passes : k.passes;
		return policy_kdf_floor_memory != 0 ?
		    policy_kdf_floor_memory : k.mem_kib;
	}
	if (r->offset == offsetof(struct policy, warn_days))
		return p->max_age_days <= 7 ? 1 : 7;
	return r->floor[p->classification];
}

/* Non-zero when VALUE is looser than FLOOR for row R. */
static int
policy_looser(const struct policy_row *r, uint32_t value, uint32_t floor)
{
	return r->sense == POLICY_AT_LEAST ? value < floor : value > floor;
}

enum status
policy_defaults(unsigned cls, struct policy *p)
{
	size_t i;

	if (cls > CLASS_CONFIDENTIAL)
		return STATUS_INVALID;

	memset(p, 0, sizeof *p);
	p->classification = (uint8_t) cls;
	/* In table order: max_age_days comes before the warning, whose floor
	 * depends on it. */
	for (i = 0; i < POLICY_NROWS; i++)
		*policy_slot(p, &policy_rows[i]) =
		    policy_floor(p, &policy_rows[i]);
	return STATUS_OK;
}

enum status
policy_validate(const struct policy *p, const char **field)
{
	const struct policy_row *r;
	uint32_t v;
	size_t i;

	if (p->classification > CLASS_CONFIDENTIAL)
		return STATUS_INVALID;

	for (i = 0; i < POLICY_NROWS; i++) {
		r = &policy_rows[i];
		v = policy_value(p, r);
		if (field != NULL)
			*field = r->name;
		if (policy_looser(r, v, policy_floor(p, r)))
			return STATUS_POLICY_FLOOR;
		if (v < r->lo || v > r->hi)
			return STATUS_INVALID;
	}

	if (field != NULL)
		*field = "warn-days";
	if (p->warn_days > p->max_age_days)
		return STATUS_INVALID;
	if (field != NULL)
		*field = NULL;
	return STATUS_OK;
}

/* -- Stored settings ----------------------------------------------------- */

enum status
policy_meta_get(struct store_txn *txn, const char *key, char **value)
{
	struct rec_meta m;
	enum status rc;

	memset(&m, 0, sizeof m);
	rc = store_get_by_name(txn, IDX_META_KEY, key, &m);
	if (rc == STATUS_OK)
		*value = xstrdup(m.value != NULL ? m.value : "");
	rec_free(REC_META, &m);
	return rc;
}

enum status
policy_meta_set(struct store_txn *txn, const char *key, const char *value)
{
	struct rec_meta m;
	enum status rc;

	memset(&m, 0, sizeof m);
	rc = store_get_by_name(txn, IDX_META_KEY, key, &m);
	if (rc == STATUS_NOT_FOUND) {
		memset(&m, 0, sizeof m);
		m.key = xstrdup(key);
	} else if (rc != STATUS_OK) {
		goto out;
	}

	free(m.value);
	m.value = xstrdup(value);
	rc = store_put(txn, REC_META, &m);
out:
	rec_free(REC_META, &m);
	return rc;
}

/* Parse a stored decimal number; a damaged setting is reported, not
 * silently replaced by a default. */
static enum status
policy_parse_u32(const char *text, uint32_t *v)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || n > UINT32_MAX)
		return STATUS_MALFORMED;
	*v = (uint32_t) n;
	return STATUS_OK;
}

static enum status
policy_load_class(struct store_txn *txn, unsigned *cls)
{
	enum status rc;
	char *v = NULL;

	*cls = CLASS_NONE;
	rc = policy_meta_get(txn, "classification", &v);
	if (rc == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (rc == STATUS_OK && policy_class_parse(v, cls) != STATUS_OK)
		rc = STATUS_MALFORMED;
	free(v);
	return rc;
}

enum status
policy_load(struct store_txn *txn, struct policy *p)
{
	const struct policy_row *r;
	char key[64], *v;
	enum status rc;
	unsigned cls;
	uint32_t n;
	size_t i;

	if ((rc = policy_load_class(txn, &cls)) != STATUS_OK)
		return rc;
	if ((rc = policy_defaults(cls, p)) != STATUS_OK)
		return rc;

	for (i = 0; i < POLICY_NROWS; i++) {
		r = &policy_rows[i];
		snprintf(key, sizeof key, "policy.%s", r->name);
		v = NULL;
		rc = policy_meta_get(txn, key, &v);
		if (rc == STATUS_OK)
			rc = policy_parse_u32(v, &n);
		free(v);
		if (rc == STATUS_NOT_FOUND)
			continue;
		if (rc != STATUS_OK)
			return rc;
		/* A setting below a floor raised since (by a newer program or
		 * a new classification) reads as the floor. */
		*policy_slot(p, r) = policy_looser(r, n, policy_floor(p, r)) ?
		    policy_floor(p, r) : n;
	}
	return STATUS_OK;
}

enum status
policy_save(struct store_txn *txn, const struct policy *p)
{
	char key[64], val[16];
	enum status rc;
	size_t i;

	if ((rc = policy_validate(p, NULL)) != STATUS_OK)
		return rc;

	rc = policy_meta_set(txn, "classification",
	    policy_class_name(p->classification));
	for (i = 0; i < POLICY_NROWS && rc == STATUS_OK; i++) {
		snprintf(key, sizeof key, "policy.%s", policy_rows[i].name);
		snprintf(val, sizeof val, "%u",
		    (unsigned) policy_value(p, &policy_rows[i]));
		rc = policy_meta_set(txn, key, val);
	}
	return rc;
}

static enum status
policy_get_txn(struct store_txn *txn, void *arg)
{
	return policy_load(txn, arg);
}

enum status
policy_get(struct store *st, struct policy *p)
{
	return store_run(st, STORE_READ, policy_get_txn, p);
}

/* -- Passwords ----------------------------------------------------------- */

/* Count the characters of PW and the kinds among them; STATUS_ENCODING
 * for invalid UTF-8. */
static enum status
policy_measure(const char *pw, size_t *chars, unsigned kinds[4])
{
	size_t left = strlen(pw), n;
	uint32_t cp;

	*chars = 0;
	memset(kinds, 0, 4 * sizeof kinds[0]);
	while (left > 0) {
		n = text_utf8_decode(pw, left, &cp);
		if (n == 0)
			return STATUS_ENCODING;
		if (cp >= 'A' && cp <= 'Z')
			kinds[0] = 1;
		else if (cp >= 'a' && cp <= 'z')
			kinds[1] = 1;
		else if (cp >= '0' && cp <= '9')
			kinds[2] = 1;
		else
			kinds[3] = 1;
		(*chars)++;
		pw += n;
		left -= n;
	}
	return STATUS_OK;
}

/* Words and keyboard runs that guessers try first, in lower case. */
static const char *const policy_common[] = {
	"password", "passw0rd", "qwerty", "asdfgh", "zxcvbn", "123456",
	"654321"
};

/* Non-zero when PW is easy to guess however long and mixed it is: one
 * character four times running, the same one to three characters over
 * and over ("Aa1Aa1Aa1Aa1"), or a common word or keyboard run. */
static int
policy_guessable(const char *pw)
{
	size_t n = strlen(pw), i, period;

	for (i = 0; i + 3 < n; i++)
		if (pw[i] == pw[i + 1] && pw[i] == pw[i + 2] &&
		    pw[i] == pw[i + 3])
			return 1;
	for (period = 1; period <= 3; period++) {
		for (i = 0; i + period < n && pw[i] == pw[i + period]; i++)
			;
		if (n > 2 * period && i + period == n)
			return 1;
	}
	for (i = 0; i < sizeof policy_common / sizeof policy_common[0]; i++)
		if (strcasestr(pw, policy_common[i]) != NULL)
			return 1;
	return 0;
}

enum status
policy_check_password(const struct policy *p, const char *name,
    const char *pw)
{
	unsigned kinds[4];
	enum status rc;
	size_t chars;

	if ((rc = policy_measure(pw, &chars, kinds)) != STATUS_OK)
		return rc;

	if (chars < p->min_length)
		return STATUS_PW_WEAK;
	if (kinds[0] + kinds[1] + kinds[2] + kinds[3] < p->min_classes)
		return STATUS_PW_WEAK;
	if (p->letters_digits && (!(kinds[0] || kinds[1]) || !kinds[2]))
		return STATUS_PW_WEAK;
	if (policy_guessable(pw))
		return STATUS_PW_WEAK;

	/* Case is folded for ASCII only: a Chinese name has no case. */
	if (name != NULL && *name != '\0' && strcasestr(pw, name) != NULL)
		return STATUS_PW_HAS_NAME;
	return STATUS_OK;
}

char *
policy_password_rules(const struct policy *p)
{
	if (p->letters_digits)
		return xasprintf(_("A password here needs at least %u "
		    "characters, of at least %u kinds (capital letters, small "
		    "letters, digits, other characters), with both letters "
		    "and digits, and no common word, keyboard run or "
		    "repeated pattern."), (unsigned) p->min_length,
		    (unsigned) p->min_classes);
	return xasprintf(_("A password here needs at least %u characters, "
	    "of at least %u kinds (capital letters, small letters, digits, "
	    "other characters), and no common word, keyboard run or "
	    "repeated pattern."), (unsigned) p->min_length,
	    (unsigned) p->min_classes);
}

int64_t
policy_expires_at(const struct policy *p, int64_t changed)
{
	return changed + (int64_t) p->max_age_days * 86400;
}

int64_t
policy_warn_from(const struct policy *p, int64_t changed)
{
	return policy_expires_at(p, changed) - (int64_t) p->warn_days * 86400;
}

/* -- Settings by name ---------------------------------------------------- */

const char *
policy_field_name(unsigned i)
{
	return i < POLICY_NROWS ? policy_rows[i].name : NULL;
}

const char *
policy_field_describe(unsigned i)
{
	return i < POLICY_NROWS ? _(policy_rows[i].desc) : NULL;
}

enum status
policy_field_get(const struct policy *p, const char *name, uint32_t *value)
{
	const struct policy_row *r = policy_row_find(name);

	if (r == NULL)
		return STATUS_NOT_FOUND;
	*value = policy_value(p, r);
	return STATUS_OK;
}

enum status
policy_field_set(struct policy *p, const char *name, uint32_t value)
{
	const struct policy_row *r = policy_row_find(name);

	if (r == NULL)
		return STATUS_NOT_FOUND;
	*policy_slot(p, r) = value;
	return STATUS_OK;
}

enum status
policy_field_floor(const struct policy *p, const char *name, uint32_t *value)
{
	const struct policy_row *r = policy_row_find(name);

	if (r == NULL)
		return STATUS_NOT_FOUND;
	*value = policy_floor(p, r);
	return STATUS_OK;
}

const char *
policy_class_name(unsigned cls)
{
	return cls <= CLASS_CONFIDENTIAL ? policy_class_names[cls] : "?";
}

enum status
policy_class_parse(const char *text, unsigned *cls)
{
	unsigned i;

	for (i = 0; i <= CLASS_CONFIDENTIAL; i++) {
		if (strcmp(text, policy_class_names[i]) == 0) {
			*cls = i;
			return STATUS_OK;
		}
	}
	return STATUS_INVALID;
}

void
policy_test_kdf_floor(uint32_t memory_kib, uint32_t passes)
{
	policy_kdf_floor_memory = memory_kib;
	policy_kdf_floor_passes = passes;
}

/* -- Changing the policy (the security administrator) -------------------- */

struct policy_op {
	struct session		*s;
	const struct policy	*want;		/* policy_set */
	unsigned		 cls;		/* policy_set_classification */
	char			 detail[512];
};

/* Describe what differs between OLD and NEW ("min-length 10->12, ..."). */
static void
policy_diff(const struct policy *old, const struct policy *new,
    char *buf, size_t size)
{
	size_t i, used = 0;
	uint32_t a, b;

	buf[0] = '\0';
	for (i = 0; i < POLICY_NROWS && used < size; i++) {
		a = policy_value(old, &policy_rows[i]);
		b = policy_value(new, &policy_rows[i]);
		if (a == b)
			continue;
		used += (size_t) snprintf(buf + used, size - used,
		    "%s%s %u->%u", used > 0 ? ", " : "", policy_rows[i].name,
		    (unsigned) a, (unsigned) b);
	}
	if (used == 0)
		snprintf(buf, size, "no change");
}

static enum status
policy_set_txn(struct store_txn *txn, void *arg)
{
	struct policy_op *op = arg;
	struct rec_user actor;
	struct policy cur;
	enum status rc;

	rc = session_authorize(txn, op->s, ACT_POLICY_SET, &actor);
	if (rc != STATUS_OK)
		return rc;

	if ((rc = policy_load(txn, &cur)) != STATUS_OK)
		goto out;
	rc = STATUS_INVALID;
	if (op->want->classification != cur.classification)
		goto out;
	if ((rc = policy_save(txn, op->want)) != STATUS_OK)
		goto out;

	policy_diff(&cur, op->want, op->detail, sizeof op->detail);
	rc = audit_append(txn, &actor, perm_acting_role(&actor, ACT_POLICY_SET),
	    ACT_POLICY_SET, REC_META, 0, AUDIT_OK, op->detail);
out:
	rec_free(REC_USER, &actor);
	return rc;
}

enum status
policy_set(struct session *s, const struct policy *p)
{
	struct policy_op op = { s, p, 0, "" };
	const char *field = NULL;
	enum status rc;

	rc = store_run(s->store, STORE_WRITE, policy_set_txn, &op);
	if (rc == STATUS_OK) {
		log_info("policy changed by %s: %s", s->name, op.detail);
		return STATUS_OK;
	}
	if (policy_validate(p, &field) != STATUS_OK && field != NULL)
		snprintf(op.detail, sizeof op.detail, "setting %s", field);
	return session_audit_failure(s, ACT_POLICY_SET, REC_META, 0, rc,
	    op.detail[0] != '\0' ? op.detail : NULL);
}

static enum status
policy_class_txn(struct store_txn *txn, void *arg)
{
	struct policy_op *op = arg;
	struct policy cur, next;
	struct rec_user actor;
	enum status rc;
	uint32_t floor;
	size_t i;

	rc = session_authorize(txn, op->s, ACT_WORKSTATION_CLASS, &actor);
	if (rc != STATUS_OK)
		return rc;
	if ((rc = policy_load(txn, &cur)) != STATUS_OK)
		goto out;

	/* Raise every setting looser than the new floor; keep the rest. */
	next = cur;
	next.classification = (uint8_t) op->cls;
	for (i = 0; i < POLICY_NROWS; i++) {
		floor = policy_floor(&next, &policy_rows[i]);
		if (policy_looser(&policy_rows[i],
		    policy_value(&next, &policy_rows[i]), floor))
			*policy_slot(&next, &policy_rows[i]) = floor;
	}
	/* The warning belongs to the expiry: a new expiry brings its own
	 * (a week's passwords are warned one day ahead, not seven). */
	if (next.max_age_days != cur.max_age_days)
		next.warn_days = policy_floor(&next,
		    policy_row_find("warn-days"));
	if ((rc = policy_save(txn, &next)) != STATUS_OK)
		goto out;

	snprintf(op->detail, sizeof op->detail, "classification %s->%s",
	    policy_class_name(cur.classification), policy_class_name(op->cls));
	rc = audit_append(txn, &actor,
	    perm_acting_role(&actor, ACT_WORKSTATION_CLASS),
	    ACT_WORKSTATION_CLASS, REC_META, 0, AUDIT_OK, op->detail);
out:
	rec_free(REC_USER, &actor);
	return rc;
}

enum status
policy_set_classification(struct session *s, unsigned cls)
{
	struct policy_op op = { s, NULL, cls, "" };
	enum status rc;

	if (cls > CLASS_CONFIDENTIAL)
		return session_audit_failure(s, ACT_WORKSTATION_CLASS, REC_META,
		    0, STATUS_INVALID, "no such classification");

	rc = store_run(s->store, STORE_WRITE, policy_class_txn, &op);
	if (rc == STATUS_OK) {
		log_info("workstation classification changed by %s: %s",
		    s->name, op.detail);
		return STATUS_OK;
	}
	return session_audit_failure(s, ACT_WORKSTATION_CLASS, REC_META, 0,
	    rc, NULL);
}
