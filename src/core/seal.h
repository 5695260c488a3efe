/*
 * seal.h -- the seal register (Art. 5): each seal's registration number,
 * name, owning body, purpose, impression, key pair, certificate,
 * custodian and status, the office's certificate authority that
 * certifies the seals' keys, the trust list used to verify signatures,
 * and each seal's history.
 *
 * Who does what.  Only the office makes a seal, and "the office" here
 * means two people at once: the office director, who decides, and the
 * clerk who becomes the custodian, who chooses the key's password on the
 * spot so that nobody else ever knows it.  seal_add() therefore takes
 * both sessions, checks both in one transaction and audits both.  The
 * office director alone suspends, resumes and revokes (ACT_SEAL_SUSPEND):
 * a lost key must be stopped at once, without waiting for the custodian
 * who may be the one who lost it.  Every change is audited in its own
 * transaction, a refusal too.
 *
 * Keys.  The private key is generated here, wrapped under the
 * custodian's key password (crypto_key_wrap, AES-256-GCM under an
 * Argon2id-derived key) before any transaction starts, and only the
 * wrapped form is ever stored.  Revoking a seal destroys its wrapped
 * keys.
 *
 * The office's certificate authority (seal_ca.c) is a root certificate
 * and a seal-making certificate made when the workspace is created; the
 * root certifies every seal's key and signs the revocation list, the
 * seal-making key signs every SESeal as its maker.
 */
#ifndef ESEAL_CORE_SEAL_H
#define ESEAL_CORE_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "util/util.h"

/* A seal is valid this long unless told otherwise: calendar years, to
 * the same day and time on the local clock (29 February to 28). */
#define SEAL_DEFAULT_YEARS	5
/* The longest registration number (letters, digits, '-', '.', '/'). */
#define SEAL_REGNO_MAX		32

/* STATUS_OK when REGNO can be a registration number (at most
 * SEAL_REGNO_MAX letters, digits, '-', '.' or '/'), STATUS_SEAL_REGNO
 * (whose message gives the rule) when not: seal_add() checks it again, a
 * dialog before its last question. */
enum status seal_regno_check(const char *regno);

/* What seal_add() makes. */
struct seal_spec {
	const char		*regno;		/* registration number */
	const char		*name;	/* e.g. 示例市司法局行政复议专用章 */
	/* the body's full name (the ring) */
	const char		*owner_body;
	const char		*purpose;	/* lower line, or NULL */
	const unsigned char	*impression;	/* PNG: made by the render layer
						 * or an import it checked */
	size_t			 impression_len;
	uint32_t		 diameter_mm; /* the picture's size on paper */
	enum crypto_alg		 alg;	/* SM2 unless Ed25519 is chosen */
	int64_t			 valid_from;	/* 0: now */
	int64_t			 valid_to; /* 0: SEAL_DEFAULT_YEARS later */
};

/*
 * Make and register a seal.  DIRECTOR must be a session of an office
 * director and CUSTODIAN a session of a clerk, two different people
 * (STATUS_SEAL_TWO_PEOPLE otherwise); KEY_PASSWORD is the custodian's
 * new key password, held to the password policy for the custodian's
 * name.  In one transaction: the key is certified by the office's root,
 * the SESeal is made and signed by the seal-making key, the custodian's
 * custody begins, and the custodian is granted the seal for its
 * validity.  STATUS_EXISTS for a registration number in use,
 * STATUS_INVALID for a bad one or a missing name or impression.
 * *ID gets the seal's id (may be NULL).
 */
enum status seal_add(struct session *director, struct session *custodian,
    const struct seal_spec *spec, const char *key_password, uint64_t *id);

/*
 * Change the status of the seal REGNO (ACT_SEAL_SUSPEND, office
 * director), with a REASON (STATUS_REASON_REQUIRED when empty):
 * SEAL_SUSPENDED from active, SEAL_ACTIVE from suspended (a resumption),
 * SEAL_REVOKED from either; anything else is STATUS_STATE.  The office's
 * revocation list is reissued in the same transaction (a suspension is
 * listed as certificateHold, a revocation as cessationOfOperation) and a
 * revocation destroys the seal's wrapped keys.
 */
enum status seal_set_status(struct session *s, const char *regno,
    enum seal_status status, const char *reason);

/* Every seal, by id, without key material (ACT_SEAL_READ).  Free with
 * seal_list_free(). */
enum status seal_list(struct session *s, struct rec_seal **seals, size_t *n);
void seal_list_free(struct rec_seal *seals, size_t n);

/* The seal REGNO without its wrapped key (ACT_SEAL_READ); rec_free(). */
enum status seal_get(struct session *s, const char *regno,
    struct rec_seal *seal);

/* One step of a seal's history: an audit entry about the seal. */
struct seal_event {
	int64_t		 time;
	char		*user;		/* login name, "-" for the system */
	uint16_t	 action;	/* enum action */
	uint8_t		 outcome;	/* enum audit_outcome */
	char		*detail;
};

/* The history of the seal REGNO, oldest first (ACT_SEAL_READ): every
 * audited creation, status change, custody step, grant and use.  Free
 * with seal_history_free(). */
enum status seal_history(struct session *s, const char *regno,
    struct seal_event **events, size_t *n);
void seal_history_free(struct seal_event *events, size_t n);

/* -- The office's certificate authority (seal_ca.c) ------------------------ */

/* Create the office's root and seal-making certificates for BUREAU, with
 * their keys wrapped under a secret kept in a file of HOME (see
 * seal_ca.c), and an empty revocation list.  Called when the workspace
 * is made; a workspace that has them already is left alone. */
enum status seal_ca_init(struct store_txn *txn, const char *home,
    const char *bureau);

/* The office's root certificate (DER, *DER malloc'd), for export to
 * other bodies.  STATUS_SEAL_NO_CA before any seal or init made it. */
enum status seal_ca_root(struct store *st, unsigned char **der, size_t *n);

/* A fresh revocation list (ACT_SEAL_CRL), valid SEAL_CRL_DAYS, for
 * export to other bodies; audited. */
#define SEAL_CRL_DAYS	30
enum status seal_ca_export_crl(struct session *s, unsigned char **der,
    size_t *n);

/*
 * Import another body's root certificate (ACT_SEAL_TRUST, office
 * director) or revocation list (ACT_SEAL_CRL), as DER or PEM.  A root
 * must be a CA certificate that signed itself; a list must be signed by
 * a root already trusted, and replaces an older one from that root
 * (STATUS_STATE when it is older than the one held).  Audited.
 * STATUS_EXISTS for a root already trusted.
 */
enum status seal_trust_import_root(struct session *s,
    const unsigned char *data, size_t n);
enum status seal_trust_import_crl(struct session *s,
    const unsigned char *data, size_t n);

/* Fill T (ses_trust_init'ed by the caller) with the workspace's trust:
 * the office's root and its own complete revocation list, then every
 * imported root and list.  Needs no session: verifying is open to all. */
enum status seal_trust_load(struct store *st, struct ses_trust *t);

#endif
