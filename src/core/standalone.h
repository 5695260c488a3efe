/*
 * standalone.h -- standalone seals for the town and street work stations
 * (Art. 14: a standalone copy of a seal goes to a designated person at a
 * work station, only for that station's documents, after the approval of
 * both the station's director and the office director; its use is
 * registered and it comes back right after use).
 *
 * The way of one standalone seal, each step an application record
 * (REC_APPLICATION, kind APP_STANDALONE) and an audit entry:
 *
 *   standalone_apply()    a clerk asks: seal, designated person, station,
 *                         purpose, period, uses            -> PENDING
 *   standalone_decide()   the station's director and the office director,
 *                         in either order; both needed     -> APPROVED
 *                         either may deny                  -> DENIED
 *   standalone_issue()    the seal's custodian writes the package to a
 *                         registered medium; the one-time secret is
 *                         shown once and never kept        -> ISSUED
 *   (at the station)      eseal --standalone seals within the limits and
 *                         appends each use to the signed log on the medium
 *   standalone_return()   the clerk reads the medium back: each use goes
 *                         into the audit trail, the package is wiped, the
 *                         application is done (tampering recorded) -> DONE
 *
 * An issued seal not returned by the end of its period is overdue
 * (standalone_overdue): the office's inbox counts it.
 *
 * The medium holds the directory STANDALONE_DIR with the package
 * (signed by the office's root key), the use log (each entry signed by
 * the seal key and chained to the one before) and the log's head (the
 * count and the last entry's hash, signed by the seal key), and the
 * sealed documents in STANDALONE_DIR/sealed.  standalone_pkg.c has the
 * formats.
 */
#ifndef ESEAL_CORE_STANDALONE_H
#define ESEAL_CORE_STANDALONE_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "util/util.h"

/* Names on the medium. */
#define STANDALONE_DIR		"eseal-standalone"
#define STANDALONE_PACKAGE	"package"
#define STANDALONE_LOG		"uses.log"
#define STANDALONE_HEAD		"uses.head"
#define STANDALONE_SEALED	"sealed"

/* The one-time secret: 4 groups of 4 characters with no look-alikes,
 * "7KQM-3XPA-..." (19 bytes and a NUL). */
#define STANDALONE_SECRET_LEN	19
/* The most uses one package may allow. */
#define STANDALONE_USES_MAX	999

/* What a clerk applies for. */
struct standalone_spec {
	const char	*regno;		/* the seal */
	const char	*person;	/* the designated person's login */
	const char	*station;	/* the work station's name */
	const char	*purpose;
	int64_t		 from;
	int64_t		 to;
	uint32_t	 uses;		/* 1 .. STANDALONE_USES_MAX */
};

/*
 * Apply for a standalone seal (ACT_STANDALONE, clerk).  The seal must be
 * active and valid for the period, the station a work station and the
 * person an enabled account of that station.  STATUS_SA_PERIOD for a
 * period that ends before it begins or is over, STATUS_SA_PERIOD_SEAL
 * outside the seal's validity, STATUS_SA_USES for a count outside 1 ..
 * STANDALONE_USES_MAX, STATUS_SA_PERSON_STATION for a person who is not
 * an enabled account of that work station, STATUS_REASON_REQUIRED
 * without a purpose.  The period includes both ends.  *ID gets the
 * application's id.  Audited.
 */
enum status standalone_apply(struct session *s,
    const struct standalone_spec *spec, uint64_t *id);

/*
 * TEXT as one end of a period, local time: "YYYY-MM-DD HH:MM",
 * "YYYY-MM-DD" or "@SECONDS".  A date alone is the start of that day,
 * or for the end (UNTIL non-zero) its last second, so that "until
 * 2026-01-15" allows the whole of that day.  STATUS_INVALID otherwise.
 */
enum status standalone_time_parse(const char *text, int until, int64_t *t);

/*
 * Decide application ID (ACT_APP_DECIDE): the director of its work
 * station (ROLE_STATION_DIRECTOR, an account of that station) or the
 * office director (ROLE_OFFICE_DIRECTOR) approves, or denies with a
 * REASON.  Both approvals in either order make it APPROVED; a second
 * approval by the same side is STATUS_STATE.  Neither may be the
 * applicant or the designated person (STATUS_SELF_APPROVAL).  Audited.
 */
enum status standalone_decide(struct session *s, uint64_t id, int approve,
    const char *reason);

/*
 * Issue approved application ID to the registered medium MEDIUM (its
 * UUID, or a directory in test mode) (ACT_STANDALONE, the seal's
 * custodian, whose KEY_PW opens the seal key).  The key is re-wrapped
 * under a new one-time secret, returned in *SECRET (crypto_secure_free;
 * shown once, kept nowhere).  STATUS_SA_APPROVALS before both
 * approvals, STATUS_SA_EXPIRED after the period, STATUS_EXISTS when the
 * medium holds a package already, STATUS_KEY_PASSWORD for a wrong key
 * password.  Audited.
 */
enum status standalone_issue(struct session *s, uint64_t id,
    const char *key_pw, const char *medium, char **secret);

/* What a return found. */
struct standalone_return_info {
	uint32_t	 uses;		/* imported into the audit trail */
	enum status	 tampered;	/* STATUS_OK, or what was altered */
	uint32_t	 at;		/* the entry where it was noticed */
};

/*
 * Take issued application ID back from MEDIUM (ACT_STANDALONE, clerk):
 * the package is checked against the office's key, the log against the
 * seal's; each use becomes one ACT_STANDALONE_USE audit entry; the
 * package, log and head are wiped from the medium; the application is
 * DONE with the uses and the return recorded.  A tampered package or log
 * is taken back all the same: the tampering goes into the audit trail
 * and the record, and is returned (a STATUS_SA_* code) with INFO filled.
 * STATUS_SA_NO_PACKAGE when the medium holds none (nothing changes).
 */
enum status standalone_return(struct session *s, uint64_t id,
    const char *medium, struct standalone_return_info *info);

/* Every standalone application, oldest first (ACT_SEAL_READ).  Free
 * with standalone_list_free(). */
enum status standalone_list(struct session *s, struct rec_application **v,
    size_t *n);
/* Those the session's user may decide now (ACT_APP_DECIDE). */
enum status standalone_pending(struct session *s, struct rec_application **v,
    size_t *n);
void standalone_list_free(struct rec_application *v, size_t n);

/* An application with the names a screen shows. */
struct standalone_item {
	struct rec_application	 app;
	char			*regno;
	char			*person;	/* login */
	char			*person_name;
	char			*station;
};

/* standalone_list() or (PENDING) standalone_pending() with the names.
 * Free with standalone_items_free(). */
enum status standalone_items(struct session *s, int pending,
    struct standalone_item **v, size_t *n);
void standalone_items_free(struct standalone_item *v, size_t n);

/* For the inbox (INBOX_STANDALONE): non-zero when USER may decide A
 * now, or A is overdue and USER is a clerk or the office director. */
int standalone_inbox_wants(const struct rec_application *a,
    const struct rec_user *user, int64_t now);

/* Non-zero when A is issued and its period ended before NOW. */
int standalone_is_overdue(const struct rec_application *a, int64_t now);

/* How many issued standalone seals are overdue (any business role). */
enum status standalone_overdue(struct store *st, uint32_t *n);

/* The stable English word for A's state: "pending", "approved",
 * "issued", "returned", "denied", "overdue", "tampered". */
const char *standalone_state_name(const struct rec_application *a,
    int64_t now);

/* -- At the work station (standalone_station.c): no workspace ----------- */

struct standalone_pkg;

/* One use as the log records it. */
struct standalone_use {
	uint32_t	 n;		/* 1, 2, ... */
	int64_t		 time;		/* the station's clock */
	unsigned char	 pdf_sm3[32];
	char		*title;
	/* Its last printing at the station, NULL when never printed. */
	char		*print_where;	/* the file or the CUPS job */
	char		*print_result;	/* "STATUS_OK" when it printed */
};

/* A package as the station opens it. */
struct standalone_station {
	char			*dir;		/* .../eseal-standalone */
	struct standalone_pkg	*pkg;
	struct crypto_key	*key;		/* after unlocking */
	struct standalone_use	*uses;
	size_t			 nuses;
	size_t			 nlines;	/* in the log: uses, prints */
	unsigned char		 last[32];	/* the next entry's PREV */
};

/* The limits a package carries, for the screen (pointers into it). */
struct standalone_limits {
	uint64_t	 id;
	const char	*regno;
	const char	*seal_name;
	const char	*person;	/* login */
	const char	*person_name;
	const char	*station;
	const char	*purpose;
	int64_t		 from;
	int64_t		 to;
	uint32_t	 uses;		/* allowed */
	uint32_t	 used;		/* in the log */
};

/*
 * Open the package on the medium at DIR (the medium's root or the
 * package's directory) into ST and check it: the office's signature,
 * the seal's certificate, the log and its head.  STATUS_SA_NO_PACKAGE,
 * STATUS_SA_PACKAGE_TAMPERED or a STATUS_SA_LOG_* code.  Free ST with
 * standalone_station_close() whatever the result.
 */
enum status standalone_station_open(const char *dir,
    struct standalone_station *st);
void standalone_station_close(struct standalone_station *st);

/* The package's limits and the uses made. */
void standalone_station_limits(const struct standalone_station *st,
    struct standalone_limits *l);

/* PERSON (login or full name) with SECRET opens the seal key:
 * STATUS_SA_NO_PERSON (none typed), STATUS_SA_PERSON, STATUS_SA_SECRET. */
enum status standalone_station_unlock(struct standalone_station *st,
    const char *person, const char *secret);

/* Forget the unlocked key: the next use needs the secret again. */
void standalone_station_lock(struct standalone_station *st);

/* May the package seal now?  STATUS_SA_NOT_YET, STATUS_SA_EXPIRED,
 * STATUS_SA_USED_UP. */
enum status standalone_station_check(const struct standalone_station *st);

/* A document the station seals: its PDF drawn with the impression, and
 * where the seal went. */
struct standalone_doc {
	const char		*title;
	const char		*issuer;	/* must be the station */
	const unsigned char	*pdf;
	size_t			 pdf_len;
	uint32_t		 page;
	double			 x_mm;
	double			 y_mm;
	double			 diameter_mm;
};

/*
 * Seal DOC with the unlocked package: checks the station and the
 * limits, signs, appends the use to the log (and its head), and writes
 * the PDF and its signature into the sealed directory as
 * use-N.pdf and use-N.pdf.sig.  *PATH (may be NULL) gets the PDF's path
 * (free it).  STATUS_SA_STATION for another station's document.
 */
enum status standalone_station_seal(struct standalone_station *st,
    const struct standalone_doc *doc, char **path);

/*
 * Record in the log that use N was printed at the station (RESULT
 * STATUS_OK) or not (RESULT why) on WHERE (the file or the CUPS job;
 * may be "" when nothing came out): a line signed by the unlocked key
 * and chained like a use, which the return imports with that use.
 * Does not count as a use.
 */
enum status standalone_station_printed(struct standalone_station *st,
    uint32_t n, const char *where, enum status result);

/* The impression picture (PNG) and its diameter from the package's
 * SESeal, for drawing: pointers into the package. */
enum status standalone_station_impression(const struct standalone_station *st,
    const unsigned char **png, size_t *len, double *diameter_mm);

#endif
