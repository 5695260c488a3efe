/*
 * test_standalone.c -- standalone seals for the work stations (Art. 14):
 * the application and both directors' approvals in either order, the
 * issue to a medium (a directory, in test mode), the station's use
 * within the person, secret, station, period and count, each at its
 * boundary, the return into the register and the audit trail, each
 * kind of tampering with the package or the log found with its own
 * reason, and an unreturned seal flagged overdue.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/seal_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"
#include "util/testhook.h"

#define S(who)	sfx.s[SFX_##who]
#define ID(who)	sfx.id[SFX_##who]

#define STATION		"示范街道工作站"
#define OTHER_STATION	"东城工作站"
#define FROM		(FX_T0 + FX_DAY)
#define TO		(FX_T0 + 5 * FX_DAY)

static struct {
	char		*stick;		/* the medium: a directory */
	char		*pkgdir;	/* stick/eseal-standalone */
	uint64_t	 station, other;
	uint64_t	 sdir_id, person_id;
	struct session	*sdir;		/* the station's director */
	struct session	*odir;		/* the other station's */
	char		 secret[STANDALONE_SECRET_LEN + 1];
} sa;

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

static void
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
	ck_assert_int_eq(account_dept_add(fx.sys, STATION, "示街", 1,
	    &sa.station), STATUS_OK);
	ck_assert_int_eq(account_dept_add(fx.sys, OTHER_STATION, "东城", 1,
	    &sa.other), STATUS_OK);
	sa_user_in("sun", ROLE_STATION_DIRECTOR, sa.station, &sa.sdir_id);
	sa_user_in("liu", ROLE_DRAFTER, sa.station, &sa.person_id);
	sa_user_in("qian", ROLE_STATION_DIRECTOR, sa.other, &other_dir);
	sa.sdir = fx_login("sun", FX_PW, STATUS_OK);
	sa.odir = fx_login("qian", FX_PW, STATUS_OK);
}

static void
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
static void
sa_clock(int64_t t)
{
	sfx_clock(t);
	session_free(sa.sdir);
	session_free(sa.odir);
	sa.sdir = fx_login("sun", FX_PW, STATUS_OK);
	sa.odir = fx_login("qian", FX_PW, STATUS_OK);
}

static enum status
sa_apply_as(struct session *s, const char *person, const char *station,
    uint32_t uses, uint64_t *id)
{
	struct standalone_spec sp;

	memset(&sp, 0, sizeof sp);
	sp.regno = SFX_REGNO;
	sp.person = person;
	sp.station = station;
	sp.purpose = "街道调解文书用印";
	sp.from = FROM;
	sp.to = TO;
	sp.uses = uses;
	return standalone_apply(s, &sp, id);
}

/* Apply as the clerk for liu with 3 uses over FROM_T .. TO_T. */
static enum status
sa_apply_period(int64_t from_t, int64_t to_t)
{
	struct standalone_spec sp;
	uint64_t id = 0;

	memset(&sp, 0, sizeof sp);
	sp.regno = SFX_REGNO;
	sp.person = "liu";
	sp.station = STATION;
	sp.purpose = "街道调解文书用印";
	sp.from = from_t;
	sp.to = to_t;
	sp.uses = 3;
	return standalone_apply(S(CLERK), &sp, &id);
}

static uint64_t
sa_apply(uint32_t uses)
{
	uint64_t id = 0;

	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", STATION, uses, &id),
	    STATUS_OK);
	ck_assert_uint_ne(id, 0);
	return id;
}

static uint64_t
sa_approved(uint32_t uses)
{
	uint64_t id = sa_apply(uses);

	ck_assert_int_eq(standalone_decide(sa.sdir, id, 1, NULL), STATUS_OK);
	ck_assert_int_eq(standalone_decide(S(DIRECTOR), id, 1, NULL),
	    STATUS_OK);
	return id;
}

static uint64_t
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

static void
sa_get(uint64_t id, struct rec_application *a)
{
	sfx_get(REC_APPLICATION, id, a);
}

/* Open the medium at the station and unlock it as liu. */
static void
sa_open(struct standalone_station *st)
{
	ck_assert_int_eq(standalone_station_open(sa.stick, st), STATUS_OK);
	ck_assert_int_eq(standalone_station_unlock(st, "liu", sa.secret),
	    STATUS_OK);
}

static enum status
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

static void
sa_use(enum status want)
{
	struct standalone_station st;

	sa_open(&st);
	ck_assert_msg(sa_seal_as(&st, STATION, NULL) == want, "use: want %s",
	    status_name(want));
	standalone_station_close(&st);
}

static char *
sa_path(const char *name)
{
	return xasprintf("%s/%s", sa.pkgdir, name);
}

static int
sa_exists(const char *name)
{
	char *p = sa_path(name);
	int yes = access(p, F_OK) == 0;

	free(p);
	return yes;
}

static char *sa_read(const char *name, unsigned long *n);

/* -- The round trip -------------------------------------------------------- */

START_TEST(test_round_trip)
{
	struct standalone_return_info info;
	struct standalone_station st;
	struct standalone_limits l;
	struct verify_result v;
	struct rec_application a;
	struct ses_trust t;
	uint64_t id, before;
	char *pdf = NULL, *pkg;
	unsigned long n;

	id = sa_issued(3);
	sa_get(id, &a);
	ck_assert_int_eq(a.state, APP_ISSUED);
	ck_assert_uint_eq(a.issued_by, ID(CLERK));
	ck_assert_uint_ne(a.medium_id, 0);
	rec_free(REC_APPLICATION, &a);
	/* The secret is not on the medium: only the key wrapped under it. */
	pkg = sa_read(STANDALONE_PACKAGE, &n);
	ck_assert_ptr_null(strstr(pkg, sa.secret));
	ck_assert_ptr_nonnull(strstr(pkg, "\nstation " STATION "\n"));
	ck_assert_ptr_nonnull(strstr(pkg, "\nuses 3\n"));
	free(pkg);

	sa_clock(FROM + 3600);
	sa_open(&st);
	standalone_station_limits(&st, &l);
	ck_assert_str_eq(l.station, STATION);
	ck_assert_str_eq(l.person, "liu");
	ck_assert_str_eq(l.regno, SFX_REGNO);
	ck_assert_uint_eq(l.uses, 3);
	ck_assert_uint_eq(l.used, 0);
	ck_assert_int_eq(sa_seal_as(&st, STATION, &pdf), STATUS_OK);
	standalone_station_limits(&st, &l);
	ck_assert_uint_eq(l.used, 1);
	standalone_station_close(&st);

	/* The office verifies what the station sealed. */
	ses_trust_init(&t, clock_now());
	ck_assert_int_eq(verify_trust_load(fx.st, &t), STATUS_OK);
	ck_assert_int_eq(verify_file(fx.st, &t, pdf, NULL, &v), STATUS_OK);
	verify_result_free(&v);
	ses_trust_free(&t);
	free(pdf);

	sa_clock(FROM + 7200);
	before = fx_audit_count();
	ck_assert_int_eq(standalone_return(S(CLERK), id, sa.stick, &info),
	    STATUS_OK);
	ck_assert_uint_eq(info.uses, 1);
	ck_assert_int_eq(info.tampered, STATUS_OK);
	ck_assert(fx_audit_has(before, ACT_STANDALONE_USE, AUDIT_OK,
	    sa.person_id));
	ck_assert(fx_audit_has(before, ACT_STANDALONE, AUDIT_OK, ID(CLERK)));
	ck_assert(!sa_exists(STANDALONE_PACKAGE));
	ck_assert(!sa_exists(STANDALONE_LOG));
	sa_get(id, &a);
	ck_assert_int_eq(a.state, APP_DONE);
	ck_assert_uint_eq(a.uses, 1);
	ck_assert_int_eq(a.returned_at, FROM + 7200);
	ck_assert_uint_eq(a.returned_by, ID(CLERK));
	ck_assert_str_eq(standalone_state_name(&a, clock_now()), "returned");
	rec_free(REC_APPLICATION, &a);

	/* Nothing left to use, nor to return. */
	ck_assert_int_eq(standalone_station_open(sa.stick, &st),
	    STATUS_SA_NO_PACKAGE);
	standalone_station_close(&st);
	ck_assert_int_eq(standalone_return(S(CLERK), id, sa.stick, &info),
	    STATUS_STATE);
}
END_TEST

START_TEST(test_return_rules)
{
	struct standalone_return_info info;
	struct rec_application a;
	uint64_t id;
	char *pkg;

	id = sa_issued(3);
	ck_assert_int_eq(standalone_return(S(DRAFTER), id, sa.stick, &info),
	    STATUS_DENIED);
	ck_assert_int_eq(standalone_return(S(CLERK), id, fx.dir, &info),
	    STATUS_MEDIUM_UNREGISTERED);
	/* A medium without the package changes nothing. */
	pkg = sa_path(STANDALONE_PACKAGE);
	ck_assert_int_eq(unlink(pkg), 0);
	free(pkg);
	ck_assert_int_eq(standalone_return(S(CLERK), id, sa.stick, &info),
	    STATUS_SA_NO_PACKAGE);
	sa_get(id, &a);
	ck_assert_int_eq(a.state, APP_ISSUED);
	rec_free(REC_APPLICATION, &a);
}
END_TEST

START_TEST(test_register_shows_issue_uses_and_return)
{
	struct standalone_return_info info;
	struct report_period p;
	struct report r;
	const struct report_table *t;
	uint64_t id;

	id = sa_issued(2);
	sa_clock(FROM);
	sa_use(STATUS_OK);
	sa_use(STATUS_OK);
	ck_assert_int_eq(standalone_return(S(CLERK), id, sa.stick, &info),
	    STATUS_OK);
	ck_assert_int_eq(report_period_parse("2026-01", &p), STATUS_OK);
	ck_assert_int_eq(report_registers(S(CLERK), &p, REGISTER_STANDALONE,
	    &r), STATUS_OK);
	ck_assert_uint_eq(r.ntables, 1);
	t = &r.tables[0];
	ck_assert_uint_eq(t->nrows, 1);
	ck_assert_str_eq(report_cell(t, 0, 3), "liu");
	ck_assert_str_eq(report_cell(t, 0, 8), "2");
	ck_assert_str_eq(report_cell(t, 0, 10), "2");
	ck_assert_str_ne(report_cell(t, 0, 11), "");
	report_free(&r);
}
END_TEST

/* -- Applications and approvals -------------------------------------------- */

START_TEST(test_apply_rules)
{
	uint64_t id = 0;

	/* Each limit refused with its own reason, not "invalid input". */
	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", OTHER_STATION, 3, &id),
	    STATUS_SA_PERSON_STATION);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "zhang", STATION, 3, &id),
	    STATUS_SA_PERSON_STATION);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", STATION, 0, &id),
	    STATUS_SA_USES);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", STATION,
	    STANDALONE_USES_MAX + 1, &id), STATUS_SA_USES);
	ck_assert_int_eq(sa_apply_period(TO, FROM), STATUS_SA_PERIOD);
	ck_assert_int_eq(sa_apply_period(FROM, FROM), STATUS_SA_PERIOD);
	ck_assert_int_eq(sa_apply_period(FX_T0 - 2 * FX_DAY, FX_T0 - 1),
	    STATUS_SA_PERIOD);
	ck_assert_int_eq(sa_apply_period(FROM, FX_T0 + (int64_t) 40 * 365 *
	    FX_DAY), STATUS_SA_PERIOD_SEAL);
	ck_assert_str_ne(status_message(STATUS_SA_USES),
	    status_message(STATUS_INVALID));
	ck_assert_int_eq(sa_apply_as(S(DRAFTER), "liu", STATION, 3, &id),
	    STATUS_DENIED);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "nobody", STATION, 3, &id),
	    STATUS_NOT_FOUND);
	ck_assert_uint_eq(id, 0);
}
END_TEST

START_TEST(test_two_approvals_in_either_order)
{
	struct rec_application a;
	uint64_t one, two;
	char *secret = NULL;

	/* The office director first, then the station's. */
	one = sa_apply(3);
	ck_assert_int_eq(standalone_decide(S(DIRECTOR), one, 1, NULL),
	    STATUS_OK);
	sa_get(one, &a);
	ck_assert_int_eq(a.state, APP_PENDING);
	ck_assert_uint_eq(a.decided_by2, ID(DIRECTOR));
	rec_free(REC_APPLICATION, &a);

	/* One approval is not enough to issue. */
	ck_assert_int_eq(standalone_issue(S(CLERK), one, SFX_KEY_PW,
	    sa.stick, &secret), STATUS_SA_APPROVALS);
	ck_assert_ptr_null(secret);
	ck_assert(!sa_exists(STANDALONE_PACKAGE));
	/* The same side twice, another station's director, a drafter. */
	ck_assert_int_eq(standalone_decide(S(DIRECTOR), one, 1, NULL),
	    STATUS_STATE);
	ck_assert_int_eq(standalone_decide(sa.odir, one, 1, NULL),
	    STATUS_STATE);
	ck_assert_int_eq(standalone_decide(S(DRAFTER), one, 1, NULL),
	    STATUS_DENIED);

	ck_assert_int_eq(standalone_decide(sa.sdir, one, 1, NULL), STATUS_OK);
	sa_get(one, &a);
	ck_assert_int_eq(a.state, APP_APPROVED);
	ck_assert_uint_eq(a.decided_by, sa.sdir_id);
	rec_free(REC_APPLICATION, &a);

	/* The station's director first, then the office director. */
	two = sa_apply(3);
	ck_assert_int_eq(standalone_decide(sa.sdir, two, 1, NULL), STATUS_OK);
	sa_get(two, &a);
	ck_assert_int_eq(a.state, APP_PENDING);
	rec_free(REC_APPLICATION, &a);
	ck_assert_int_eq(standalone_decide(S(DIRECTOR), two, 1, NULL),
	    STATUS_OK);
	sa_get(two, &a);
	ck_assert_int_eq(a.state, APP_APPROVED);
	rec_free(REC_APPLICATION, &a);
}
END_TEST

START_TEST(test_denial_and_queues)
{
	struct rec_application *v, a;
	struct standalone_item *it;
	struct inbox_counts c;
	uint64_t id;
	size_t n;

	id = sa_apply(3);
	/* The station's director's inbox counts it; the other's does not. */
	ck_assert_int_eq(inbox_counts(fx.st, sa.sdir, &c), STATUS_OK);
	ck_assert_uint_eq(c.n[INBOX_STANDALONE], 1);
	ck_assert_int_eq(inbox_counts(fx.st, sa.odir, &c), STATUS_OK);
	ck_assert_uint_eq(c.n[INBOX_STANDALONE], 0);
	ck_assert_int_eq(standalone_pending(sa.sdir, &v, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(v[0].id, id);
	standalone_list_free(v, n);
	ck_assert_int_eq(standalone_pending(sa.odir, &v, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	standalone_list_free(v, n);

	ck_assert_int_eq(standalone_decide(sa.sdir, id, 0, NULL),
	    STATUS_REASON_REQUIRED);
	ck_assert_int_eq(standalone_decide(sa.sdir, id, 0, "期间过长"),
	    STATUS_OK);
	sa_get(id, &a);
	ck_assert_int_eq(a.state, APP_DENIED);
	rec_free(REC_APPLICATION, &a);
	ck_assert_int_eq(standalone_decide(S(DIRECTOR), id, 1, NULL),
	    STATUS_STATE);
	ck_assert_int_eq(standalone_pending(S(DIRECTOR), &v, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	standalone_list_free(v, n);
	ck_assert_int_eq(standalone_items(sa.sdir, 0, &it, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(it[0].regno, SFX_REGNO);
	ck_assert_str_eq(it[0].person, "liu");
	ck_assert_str_eq(it[0].station, STATION);
	ck_assert_int_eq(it[0].app.state, APP_DENIED);
	standalone_items_free(it, n);
	ck_assert_int_eq(standalone_list(S(DRAFTER), &v, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(standalone_state_name(&v[0], clock_now()), "denied");
	standalone_list_free(v, n);
}
END_TEST

START_TEST(test_issue_rules)
{
	uint64_t id = sa_approved(3);
	char *secret = NULL;

	ck_assert_int_eq(standalone_issue(S(CLERK2), id, SFX_KEY_PW, sa.stick,
	    &secret), STATUS_SEAL_CUSTODY);
	ck_assert_int_eq(standalone_issue(S(CLERK), id, "wrong", sa.stick,
	    &secret), STATUS_BAD_PASSWORD);
	ck_assert_int_eq(standalone_issue(S(CLERK), id, SFX_KEY_PW, fx.dir,
	    &secret), STATUS_MEDIUM_UNREGISTERED);
	ck_assert_ptr_null(secret);
	sa_clock(TO + 1);
	ck_assert_int_eq(standalone_issue(S(CLERK), id, SFX_KEY_PW, sa.stick,
	    &secret), STATUS_SA_EXPIRED);
	ck_assert(!sa_exists(STANDALONE_PACKAGE));
}
END_TEST

/* -- Limits at the station ------------------------------------------------- */

START_TEST(test_period_boundaries)
{
	struct standalone_station st;

	sa_issued(5);
	sa_clock(FROM - 1);
	sa_open(&st);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_NOT_YET);
	clock_set(FROM);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	clock_set(TO);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	clock_set(TO + 1);
	ck_assert_int_eq(standalone_station_check(&st), STATUS_SA_EXPIRED);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_EXPIRED);
	standalone_station_close(&st);
}
END_TEST

/* The local date of T as "YYYY-MM-DD". */
static void
sa_day(int64_t t, char out[16])
{
	time_t tt = (time_t) t;
	struct tm tm;

	ck_assert_ptr_nonnull(localtime_r(&tt, &tm));
	ck_assert_uint_ne(strftime(out, 16, "%Y-%m-%d", &tm), 0);
}

/* An until-date typed without a time allows the whole of that day, as
 * the screens show it: the last second of the day is in, the first of
 * the next is out; a from-date starts at the day's first second. */
START_TEST(test_until_date_is_whole_day)
{
	struct standalone_station st;
	struct standalone_spec sp;
	char from_day[16], to_day[16], *secret = NULL;
	int64_t from, to, start, t;
	uint64_t id;

	setenv("TZ", "CST-8", 1);
	tzset();
	sa_day(FROM, from_day);
	sa_day(TO, to_day);
	ck_assert_int_eq(standalone_time_parse(from_day, 0, &from), STATUS_OK);
	ck_assert_int_eq(standalone_time_parse(to_day, 1, &to), STATUS_OK);
	ck_assert_int_eq(standalone_time_parse(to_day, 0, &start), STATUS_OK);
	ck_assert_int_eq(to - start, FX_DAY - 1);
	ck_assert_int_eq(standalone_time_parse("2026-01-06 18:00", 1, &t),
	    STATUS_OK);
	ck_assert_int_eq(standalone_time_parse("2026-01-06 18:00", 0, &start),
	    STATUS_OK);
	ck_assert_int_eq(t, start);
	ck_assert_int_eq(standalone_time_parse("@1767254400", 1, &t),
	    STATUS_OK);
	ck_assert_int_eq(t, FX_T0);
	ck_assert_int_eq(standalone_time_parse("06.01.2026", 1, &t),
	    STATUS_INVALID);

	memset(&sp, 0, sizeof sp);
	sp.regno = SFX_REGNO;
	sp.person = "liu";
	sp.station = STATION;
	sp.purpose = "街道调解文书用印";
	sp.from = from;
	sp.to = to;
	sp.uses = 5;
	ck_assert_int_eq(standalone_apply(S(CLERK), &sp, &id), STATUS_OK);
	ck_assert_int_eq(standalone_decide(sa.sdir, id, 1, NULL), STATUS_OK);
	ck_assert_int_eq(standalone_decide(S(DIRECTOR), id, 1, NULL),
	    STATUS_OK);
	ck_assert_int_eq(standalone_issue(S(CLERK), id, SFX_KEY_PW, sa.stick,
	    &secret), STATUS_OK);
	memcpy(sa.secret, secret, sizeof sa.secret);
	crypto_secure_free(secret);

	sa_clock(from - 1);
	sa_open(&st);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_NOT_YET);
	clock_set(from);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	clock_set(to);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	clock_set(to + 1);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_EXPIRED);
	standalone_station_close(&st);
	unsetenv("TZ");
	tzset();
}
END_TEST

/* The detail of the first ACT_STANDALONE_USE entry after SINCE whose
 * detail holds WANT; 0 when none. */
static int
sa_use_audit_has(uint64_t since, const char *want)
{
	uint64_t id, last = fx_audit_count();
	struct rec_audit e;
	int found = 0;

	for (id = since + 1; id <= last && !found; id++) {
		sfx_get(REC_AUDIT, id, &e);
		found = e.action == ACT_STANDALONE_USE && e.detail != NULL &&
		    strstr(e.detail, want) != NULL;
		rec_free(REC_AUDIT, &e);
	}
	return found;
}

/* The station's printing of a use goes into the log as a signed line
 * chained like a use: it spends no use, the log still checks when
 * opened again, and the return shows it on that use's audit entry. */
START_TEST(test_printing_recorded)
{
	struct standalone_return_info info;
	struct standalone_station st;
	struct standalone_limits l;
	uint64_t id, before;

	id = sa_issued(3);
	sa_clock(FROM);
	sa_open(&st);
	ck_assert_int_eq(standalone_station_printed(&st, 1, "/p/x.pdf",
	    STATUS_OK), STATUS_INVALID);	/* no use 1 yet */
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	ck_assert_int_eq(standalone_station_printed(&st, 1,
	    "/p/standalone-1-use-1-000001.pdf", STATUS_OK), STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	ck_assert_int_eq(standalone_station_printed(&st, 2, "",
	    STATUS_PRINT_SERVICE), STATUS_OK);
	standalone_station_close(&st);

	/* Opened afresh: two uses made, each with its printing. */
	sa_open(&st);
	standalone_station_limits(&st, &l);
	ck_assert_uint_eq(l.used, 2);
	ck_assert_uint_eq(st.nlines, 4);
	ck_assert_str_eq(st.uses[0].print_result, "STATUS_OK");
	ck_assert_str_eq(st.uses[0].print_where,
	    "/p/standalone-1-use-1-000001.pdf");
	ck_assert_str_eq(st.uses[1].print_result, "STATUS_PRINT_SERVICE");
	/* Locked again (the station after a use): the secret is needed. */
	standalone_station_lock(&st);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_SECRET);
	ck_assert_int_eq(standalone_station_printed(&st, 2, "", STATUS_OK),
	    STATUS_SA_SECRET);
	ck_assert_int_eq(standalone_station_unlock(&st, "liu", sa.secret),
	    STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_USED_UP);
	standalone_station_close(&st);

	before = fx_audit_count();
	ck_assert_int_eq(standalone_return(S(CLERK), id, sa.stick, &info),
	    STATUS_OK);
	ck_assert_uint_eq(info.uses, 3);
	ck_assert(sa_use_audit_has(before, "; printed at the station: "
	    "/p/standalone-1-use-1-000001.pdf"));
	ck_assert(sa_use_audit_has(before, "; not printed at the station: "
	    "STATUS_PRINT_SERVICE"));
}
END_TEST

/* A print line edited on the medium is tampering like any entry. */
START_TEST(test_print_line_edited)
{
	struct standalone_station st;
	unsigned long n;
	char *log, *at, *path;

	sa_issued(3);
	sa_clock(FROM);
	sa_open(&st);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	ck_assert_int_eq(standalone_station_printed(&st, 1, "", STATUS_OK),
	    STATUS_OK);
	standalone_station_close(&st);
	log = sa_read(STANDALONE_LOG, &n);
	at = strstr(log, "\nprint 1 ");
	ck_assert_ptr_nonnull(at);
	at = strstr(at, " STATUS_OK ");
	ck_assert_ptr_nonnull(at);
	memcpy(at + 1, "STATUS_NO", 9);	/* printed becomes not */
	path = sa_path(STANDALONE_LOG);
	testlib_write_file(path, log, n);
	free(path);
	free(log);
	ck_assert_int_eq(standalone_station_open(sa.stick, &st),
	    STATUS_SA_LOG_EDITED);
	standalone_station_close(&st);
}
END_TEST

/* The return's tampering note is stored in English and shown in the
 * reader's words: the status inside it becomes its message. */
START_TEST(test_tamper_note_has_words)
{
	char *t, *want;

	t = recwords_text("standalone 4 tampered with, found at entry 2: "
	    "STATUS_SA_LOG_EDITED");
	want = xasprintf("standalone 4 tampered with, found at entry 2: %s",
	    status_message(STATUS_SA_LOG_EDITED));
	ck_assert_str_eq(t, want);
	free(t);
	free(want);
}
END_TEST

START_TEST(test_count_boundaries)
{
	struct standalone_station st;
	struct standalone_limits l;

	sa_issued(3);
	sa_clock(FROM);
	sa_use(STATUS_OK);
	sa_use(STATUS_OK);		/* n - 1 */
	sa_open(&st);
	ck_assert_int_eq(standalone_station_check(&st), STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK); /* n */
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_USED_UP);
	standalone_station_close(&st);
	/* Counted from the log, opened afresh. */
	sa_open(&st);
	standalone_station_limits(&st, &l);
	ck_assert_uint_eq(l.used, 3);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_USED_UP);
	standalone_station_close(&st);
}
END_TEST

/* A station medium that fills up while a use is written: the use is not
 * counted, no document is left half there, and once there is room the
 * same number is taken again and the package still checks. */
START_TEST(test_full_medium_counts_nothing)
{
	static unsigned char pdf[64 * 1024];
	struct standalone_station st;
	struct standalone_limits l;
	struct standalone_doc d;
	struct rlimit saved, lim;
	char *p;

	sa_issued(3);
	sa_clock(FROM);
	memset(pdf, '%', sizeof pdf);
	memcpy(pdf, "%PDF-1.5\n", 9);
	memset(&d, 0, sizeof d);
	d.title = "人民调解协议书";
	d.issuer = STATION;
	d.pdf = pdf;
	d.pdf_len = sizeof pdf;
	d.page = 1;
	d.x_mm = 150;
	d.y_mm = 230;
	d.diameter_mm = 42;

	/* Room for the log and its head, not for the document. */
	sa_open(&st);
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &saved), 0);
	lim = saved;
	lim.rlim_cur = 32 * 1024;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	ck_assert_int_ne(standalone_station_seal(&st, &d, NULL), STATUS_OK);
	ck_assert_int_ne(standalone_station_seal(&st, &d, NULL), STATUS_OK);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &saved), 0);
	standalone_station_limits(&st, &l);
	ck_assert_uint_eq(l.used, 0);
	p = xasprintf("%s/%s/use-1.pdf", sa.pkgdir, STANDALONE_SEALED);
	ck_assert_int_ne(access(p, F_OK), 0);
	free(p);

	/* With room again: use 1, and the medium opens clean. */
	ck_assert_int_eq(standalone_station_seal(&st, &d, NULL), STATUS_OK);
	standalone_station_close(&st);
	sa_open(&st);
	ck_assert_int_eq(standalone_station_check(&st), STATUS_OK);
	standalone_station_limits(&st, &l);
	ck_assert_uint_eq(l.used, 1);
	standalone_station_close(&st);
}
END_TEST

START_TEST(test_person_secret_station)
{
	struct standalone_station st;
	char typed[64];
	size_t i, o = 0;

	sa_issued(3);
	sa_clock(FROM);
	ck_assert_int_eq(standalone_station_open(sa.stick, &st), STATUS_OK);
	ck_assert_int_eq(standalone_station_unlock(&st, "wang", sa.secret),
	    STATUS_SA_PERSON);
	/* Nothing typed asks for the person, not "another person". */
	ck_assert_int_eq(standalone_station_unlock(&st, "", sa.secret),
	    STATUS_SA_NO_PERSON);
	ck_assert_int_eq(standalone_station_unlock(&st, "liu",
	    "AAAA-BBBB-CCCC-DDDD"), STATUS_SA_SECRET);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_SA_SECRET);
	/* Typed in lower case with spaces for dashes: still the secret. */
	for (i = 0; sa.secret[i] != '\0'; i++)
		typed[o++] = sa.secret[i] == '-' ? ' ' :
		    (char) (sa.secret[i] >= 'A' && sa.secret[i] <= 'Z' ?
		    sa.secret[i] - 'A' + 'a' : sa.secret[i]);
	typed[o] = '\0';
	ck_assert_int_eq(standalone_station_unlock(&st, "liu", typed),
	    STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, OTHER_STATION, NULL),
	    STATUS_SA_STATION);
	ck_assert_int_eq(sa_seal_as(&st, STATION, NULL), STATUS_OK);
	standalone_station_close(&st);
}
END_TEST

/* -- Tampering ------------------------------------------------------------- */

enum sa_tamper { T_LIMITS, T_SIGBYTE, T_EDIT, T_REMOVE, T_REORDER,
	T_TRUNCATE, T_OLDER, T_NOHEAD, T__COUNT };

static const enum status sa_tamper_want[T__COUNT] = {
	STATUS_SA_PACKAGE_TAMPERED, STATUS_SA_PACKAGE_TAMPERED,
	STATUS_SA_LOG_EDITED, STATUS_SA_LOG_REMOVED, STATUS_SA_LOG_REORDERED,
	STATUS_SA_LOG_TRUNCATED, STATUS_SA_LOG_OLDER, STATUS_SA_LOG_NO_HEAD
};

static void
sa_rewrite(const char *name, const char *data, size_t n)
{
	char *p = sa_path(name);

	testlib_write_file(p, data, n);
	free(p);
}

/* Delete NAME from the package's directory; what unlink() returns. */
static int
sa_remove(const char *name)
{
	char *p = sa_path(name);
	int rc = unlink(p);

	free(p);
	return rc;
}

static char *
sa_read(const char *name, unsigned long *n)
{
	char *p = sa_path(name), *d = testlib_read_file(p, n);

	free(p);
	ck_assert_ptr_nonnull(d);
	return d;
}

/* Offsets of the three lines of a log. */
static void
sa_lines(const char *log, size_t at[4])
{
	size_t i, k = 1;

	at[0] = 0;
	for (i = 0; log[i] != '\0' && k < 4; i++)
		if (log[i] == '\n')
			at[k++] = i + 1;
	ck_assert_uint_eq(k, 4);
}

static void
sa_tamper_log(enum sa_tamper how, const char *old, unsigned long oldn)
{
	unsigned long n;
	char *log = sa_read(STANDALONE_LOG, &n), *out = xmalloc(n + 1);
	size_t at[4], o = 0;

	sa_lines(log, at);
	switch (how) {
	case T_EDIT:		/* the time of the second use */
		log[at[1] + 6] = log[at[1] + 6] == '1' ? '2' : '1';
		memcpy(out, log, n);
		o = n;
		break;
	case T_REMOVE:		/* the second entry */
		memcpy(out, log, at[1]);
		memcpy(out + at[1], log + at[2], n - at[2]);
		o = at[1] + n - at[2];
		break;
	case T_REORDER:		/* the second and the third */
		memcpy(out, log, at[1]);
		memcpy(out + at[1], log + at[2], at[3] - at[2]);
		memcpy(out + at[1] + at[3] - at[2], log + at[1],
		    at[2] - at[1]);
		o = n;
		break;
	case T_TRUNCATE:	/* inside the third */
		memcpy(out, log, at[2] + 20);
		o = at[2] + 20;
		break;
	default:		/* T_OLDER: as it was after two uses */
		memcpy(out, old, oldn);
		o = oldn;
		break;
	}
	sa_rewrite(STANDALONE_LOG, out, o);
	free(out);
	free(log);
}

static void
sa_tamper_package(enum sa_tamper how)
{
	unsigned long n;
	char *pkg = sa_read(STANDALONE_PACKAGE, &n), *p;

	if (how == T_LIMITS) {		/* three uses become nine */
		p = strstr(pkg, "\nuses 3\n");
		ck_assert_ptr_nonnull(p);
		p[6] = '9';
	} else {			/* one byte of the signature */
		p = strstr(pkg, "\nsignature ");
		ck_assert_ptr_nonnull(p);
		p[20] = p[20] == 'a' ? 'b' : 'a';
	}
	sa_rewrite(STANDALONE_PACKAGE, pkg, n);
	free(pkg);
}

START_TEST(test_tampering_found)
{
	enum sa_tamper how = (enum sa_tamper) _i;
	enum status want = sa_tamper_want[how];
	struct standalone_return_info info;
	struct standalone_station st;
	struct rec_application a;
	unsigned long oldn = 0;
	char *old = NULL;
	uint64_t id, before;

	id = sa_issued(3);
	sa_clock(FROM);
	sa_use(STATUS_OK);
	sa_use(STATUS_OK);
	old = sa_read(STANDALONE_LOG, &oldn);
	sa_use(STATUS_OK);
	if (how <= T_SIGBYTE)
		sa_tamper_package(how);
	else if (how == T_NOHEAD)
		ck_assert(sa_remove(STANDALONE_HEAD) == 0);
	else
		sa_tamper_log(how, old, oldn);
	free(old);

	/* The station refuses it, with the reason. */
	ck_assert_int_eq(standalone_station_open(sa.stick, &st), want);
	standalone_station_close(&st);

	/* The office takes it back all the same, and records it. */
	before = fx_audit_count();
	ck_assert_int_eq(standalone_return(S(CLERK), id, sa.stick, &info),
	    want);
	ck_assert_int_eq(info.tampered, want);
	ck_assert(fx_audit_has(before, ACT_STANDALONE, AUDIT_FAILED,
	    ID(CLERK)));
	ck_assert(fx_audit_has(before, ACT_STANDALONE, AUDIT_OK, ID(CLERK)));
	ck_assert(!sa_exists(STANDALONE_PACKAGE));
	sa_get(id, &a);
	ck_assert_int_eq(a.state, APP_DONE);
	ck_assert_int_eq(a.tampered, want);
	ck_assert_str_eq(standalone_state_name(&a, clock_now()), "tampered");
	rec_free(REC_APPLICATION, &a);
}
END_TEST

START_TEST(test_overdue_flagged)
{
	struct standalone_return_info info;
	struct rec_application a;
	struct inbox_counts c;
	uint32_t n = 9;
	uint64_t id;

	id = sa_issued(3);
	ck_assert_int_eq(standalone_overdue(fx.st, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	sa_clock(TO);
	ck_assert_int_eq(standalone_overdue(fx.st, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	sa_clock(TO + 1);
	ck_assert_int_eq(standalone_overdue(fx.st, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(inbox_counts(fx.st, S(CLERK), &c), STATUS_OK);
	ck_assert_uint_eq(c.n[INBOX_STANDALONE], 1);
	ck_assert_int_eq(inbox_counts(fx.st, S(DIRECTOR), &c), STATUS_OK);
	ck_assert_uint_eq(c.n[INBOX_STANDALONE], 1);
	ck_assert_int_eq(inbox_counts(fx.st, S(DRAFTER), &c), STATUS_OK);
	ck_assert_uint_eq(c.n[INBOX_STANDALONE], 0);
	sa_get(id, &a);
	ck_assert_str_eq(standalone_state_name(&a, clock_now()), "overdue");
	rec_free(REC_APPLICATION, &a);

	ck_assert_int_eq(standalone_return(S(CLERK), id, sa.stick, &info),
	    STATUS_OK);
	ck_assert_int_eq(standalone_overdue(fx.st, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(inbox_counts(fx.st, S(CLERK), &c), STATUS_OK);
	ck_assert_uint_eq(c.n[INBOX_STANDALONE], 0);
}
END_TEST

Suite *
standalone_suite(void)
{
	Suite *s = suite_create("standalone");
	TCase *tc = tcase_create("standalone");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, sa_setup, sa_teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_register_shows_issue_uses_and_return);
	tcase_add_test(tc, test_return_rules);
	tcase_add_test(tc, test_apply_rules);
	tcase_add_test(tc, test_two_approvals_in_either_order);
	tcase_add_test(tc, test_denial_and_queues);
	tcase_add_test(tc, test_issue_rules);
	tcase_add_test(tc, test_period_boundaries);
	tcase_add_test(tc, test_until_date_is_whole_day);
	tcase_add_test(tc, test_tamper_note_has_words);
	tcase_add_test(tc, test_printing_recorded);
	tcase_add_test(tc, test_print_line_edited);
	tcase_add_test(tc, test_count_boundaries);
	tcase_add_test(tc, test_full_medium_counts_nothing);
	tcase_add_test(tc, test_person_secret_station);
	tcase_add_loop_test(tc, test_tampering_found, 0, T__COUNT);
	tcase_add_test(tc, test_overdue_flagged);
	suite_add_tcase(s, tc);
	return s;
}
