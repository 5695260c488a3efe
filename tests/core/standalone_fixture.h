/*
 * standalone_fixture.h -- the office and the work stations the
 * standalone suites (test_standalone.c, test_standalone_tamper.c) work
 * in: the seal fixture's office, a medium (a directory registered in
 * test mode), two stations each with its director, and liu, the
 * station's person; and the steps of a standalone seal's life both
 * suites take: apply, approve, issue, open at the station, use.  It
 * tampers with nothing: the tampering stays with its tests.
 *
 * Needs a build configured with --enable-test-hooks (directory media).
 */
#ifndef ESEAL_TESTS_CORE_STANDALONE_FIXTURE_H
#define ESEAL_TESTS_CORE_STANDALONE_FIXTURE_H

#include <stdint.h>

#include "core/seal_fixture.h"

#define SA_STATION		"示范街道工作站"
#define SA_OTHER_STATION	"东城工作站"
/* The period every application asks for. */
#define SA_FROM			(FX_T0 + FX_DAY)
#define SA_TO			(FX_T0 + 5 * FX_DAY)

struct sa_fixture {
	char		*stick;		/* the medium: a directory */
	char		*pkgdir;	/* stick/eseal-standalone */
	uint64_t	 station, other;
	uint64_t	 sdir_id, person_id;
	struct session	*sdir;		/* the station's director */
	struct session	*odir;		/* the other station's */
	char		 secret[STANDALONE_SECRET_LEN + 1];
};

extern struct sa_fixture sa;

void sa_setup(void);
void sa_teardown(void);

/* Set the clock to T and log everybody in again, the directors too. */
void sa_clock(int64_t t);

/* Apply as S for PERSON at STATION with USES over SA_FROM .. SA_TO;
 * *ID gets the application's id.  Returns what standalone_apply says. */
enum status sa_apply_as(struct session *s, const char *person,
    const char *station, uint32_t uses, uint64_t *id);

/* An application by the clerk for liu at SA_STATION with USES: applied,
 * approved by both directors, or also issued to the medium (the secret
 * in sa.secret).  Each returns its id. */
uint64_t sa_apply(uint32_t uses);
uint64_t sa_approved(uint32_t uses);
uint64_t sa_issued(uint32_t uses);

/* The application ID as stored (rec_free after). */
void sa_get(uint64_t id, struct rec_application *a);

/* Open the medium at the station and unlock it as liu. */
void sa_open(struct standalone_station *st);

/* Seal a small document at the opened station ST for ISSUER; the
 * sealed file's path to *PATH when not NULL. */
enum status sa_seal_as(struct standalone_station *st, const char *issuer,
    char **path);

/* One use at SA_STATION, which must end in WANT. */
void sa_use(enum status want);

/* NAME in the package's directory on the medium (free it), whether it
 * is there, and its contents (free them; *N gets the length). */
char *sa_path(const char *name);
int sa_exists(const char *name);
char *sa_read(const char *name, unsigned long *n);

#endif
