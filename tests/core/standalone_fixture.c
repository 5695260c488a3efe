/*
 * standalone_fixture.c -- the office and the station the standalone
 * suites work in, and the steps of a standalone seal's life they share.
 * See standalone_fixture.h.  No tampering here: that lives with its
 * tests in test_standalone_tamper.c.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/standalone_fixture.h"
#include "lib/testlib.h"
#include "util/testhook.h"

#define S(who)	sfx.s[SFX_##who]

struct sa_fixture sa;

static void
sa_user_in(const char *name, uint32_t roles, uint64_t dept, uint64_t *id)
{
	struct account_attrs a;

	*id = fx_user(name, roles, FX_PW);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_DEPT;
	a.dept_id = dept;
	ck_assert_int_eq(account_set_attrs(fx.sec, name, &a), STATUS_OK);
}

void
sa_setup(void)
{
	uint64_t other_dir;

	ck_assert_msg(testhook_enabled(), "the standalone tests need a build "
	    "configured with --enable-test-hooks (directory media)");
	setenv("ESEAL_TEST_MEDIA_DIRS", "1", 1);
	sfx_setup();
	memset(&sa, 0, sizeof sa);
	sa.stick = xasprintf("%s/stick", fx.dir);
	sa.pkgdir = xasprintf("%s/%s", sa.stick, STANDALONE_DIR);
	ck_assert_int_eq(mkdir(sa.stick, 0755), 0);
	ck_assert_int_eq(medium_register(fx.sec, sa.stick, "U盘"), STATUS_OK);
	ck_assert_int_eq(account_dept_add(fx.sys, SA_STATION, "示街", 1,
	    &sa.station), STATUS_OK);
	ck_assert_int_eq(account_dept_add(fx.sys, SA_OTHER_STATION, "东城", 1,
	    &sa.other), STATUS_OK);
	sa_user_in("sun", ROLE_STATION_DIRECTOR, sa.station, &sa.sdir_id);
	sa_user_in("liu", ROLE_DRAFTER, sa.station, &sa.person_id);
	sa_user_in("qian", ROLE_STATION_DIRECTOR, sa.other, &other_dir);
	sa.sdir = fx_login("sun", FX_PW, STATUS_OK);
	sa.odir = fx_login("qian", FX_PW, STATUS_OK);
}

void
sa_teardown(void)
{
	session_free(sa.sdir);
	session_free(sa.odir);
	free(sa.stick);
	free(sa.pkgdir);
	sfx_teardown();
	unsetenv("ESEAL_TEST_MEDIA_DIRS");
}

/* Log the directors in again after a jump of the clock. */
void
sa_clock(int64_t t)
{
	sfx_clock(t);
	session_free(sa.sdir);
	session_free(sa.odir);
	sa.sdir = fx_login("sun", FX_PW, STATUS_OK);
	sa.odir = fx_login("qian", FX_PW, STATUS_OK);
}

enum status
sa_apply_as(struct session *s, const char *person, const char *station,
    uint32_t uses, uint64_t *id)
{
	struct standalone_spec sp;

	memset(&sp, 0, sizeof sp);
	sp.regno = SFX_REGNO;
	sp.person = person;
	sp.station = station;
	sp.purpose = "街道调解文书用印";
	sp.from = SA_FROM;
	sp.to = SA_TO;
	sp.uses = uses;
	return standalone_apply(s, &sp, id);
}

uint64_t
sa_apply(uint32_t uses)
{
	uint64_t id = 0;

	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", SA_STATION, uses, &id),
	    STATUS_OK);
	ck_assert_uint_ne(id, 0);
	return id;
}

uint64_t
sa_approved(uint32_t uses)
{
	uint64_t id = sa_apply(uses);

	ck_assert_int_eq(standalone_decide(sa.sdir, id, 1, NULL), STATUS_OK);
	ck_assert_int_eq(standalone_decide(S(DIRECTOR), id, 1, NULL),
	    STATUS_OK);
	return id;
}

uint64_t
sa_issued(uint32_t uses)
{
	uint64_t id = sa_approved(uses);
	char *secret = NULL;

	ck_assert_int_eq(standalone_issue(S(CLERK), id, SFX_KEY_PW, sa.stick,
	    &secret), STATUS_OK);
	ck_assert_ptr_nonnull(secret);
	ck_assert_uint_eq(strlen(secret), STANDALONE_SECRET_LEN);
	memcpy(sa.secret, secret, sizeof sa.secret);
	crypto_secure_free(secret);
	return id;
}

void
sa_get(uint64_t id, struct rec_application *a)
{
	sfx_get(REC_APPLICATION, id, a);
}

/* Open the medium at the station and unlock it as liu. */
void
sa_open(struct standalone_station *st)
{
	ck_assert_int_eq(standalone_station_open(sa.stick, st), STATUS_OK);
	ck_assert_int_eq(standalone_station_unlock(st, "liu", sa.secret),
	    STATUS_OK);
}

enum status
sa_seal_as(struct standalone_station *st, const char *issuer, char **path)
{
	static const char pdf[] = "%PDF-1.5\n% a station's document\n";
	struct standalone_doc d;

	memset(&d, 0, sizeof d);
	d.title = "人民调解协议书";
	d.issuer = issuer;
	d.pdf = (const unsigned char *) pdf;
	d.pdf_len = sizeof pdf - 1;
	d.page = 1;
	d.x_mm = 150;
	d.y_mm = 230;
	d.diameter_mm = 42;
	return standalone_station_seal(st, &d, path);
}

void
sa_use(enum status want)
{
	struct standalone_station st;

	sa_open(&st);
	ck_assert_msg(sa_seal_as(&st, SA_STATION, NULL) == want, "use: want %s",
	    status_name(want));
	standalone_station_close(&st);
}

char *
sa_path(const char *name)
{
	return xasprintf("%s/%s", sa.pkgdir, name);
}

int
sa_exists(const char *name)
{
	char *p = sa_path(name);
	int yes = access(p, F_OK) == 0;

	free(p);
	return yes;
}

char *
sa_read(const char *name, unsigned long *n)
{
	char *p = sa_path(name), *d = testlib_read_file(p, n);

	free(p);
	ck_assert_ptr_nonnull(d);
	return d;
}
