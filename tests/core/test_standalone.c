/*
 * test_standalone.c -- standalone seals for the work stations (Art. 14):
 * the application and both directors' approvals in either order, the
 * issue to a medium (a directory, in test mode), the station's use
 * within the person, secret, station, period and count, each at its
 * boundary, the return into the register and the audit trail, and an
 * unreturned seal flagged overdue.  Tampering with the package or the
 * log is test_standalone_tamper.c's.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/standalone_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"
#include "util/testhook.h"

#define S(who)	sfx.s[SFX_##who]
#define ID(who)	sfx.id[SFX_##who]

/* Apply as the clerk for liu with 3 uses over FROM_T .. TO_T. */
static enum status
sa_apply_period(int64_t from_t, int64_t to_t)
{
	struct standalone_spec sp;
	uint64_t id = 0;

	memset(&sp, 0, sizeof sp);
	sp.regno = SFX_REGNO;
	sp.person = "liu";
	sp.station = SA_STATION;
	sp.purpose = "街道调解文书用印";
	sp.from = from_t;
	sp.to = to_t;
	sp.uses = 3;
	return standalone_apply(S(CLERK), &sp, &id);
}

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
	ck_assert_ptr_nonnull(strstr(pkg, "\nstation " SA_STATION "\n"));
	ck_assert_ptr_nonnull(strstr(pkg, "\nuses 3\n"));
	free(pkg);

	sa_clock(SA_FROM + 3600);
	sa_open(&st);
	standalone_station_limits(&st, &l);
	ck_assert_str_eq(l.station, SA_STATION);
	ck_assert_str_eq(l.person, "liu");
	ck_assert_str_eq(l.regno, SFX_REGNO);
	ck_assert_uint_eq(l.uses, 3);
	ck_assert_uint_eq(l.used, 0);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, &pdf), STATUS_OK);
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

	sa_clock(SA_FROM + 7200);
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
	ck_assert_int_eq(a.returned_at, SA_FROM + 7200);
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
	sa_clock(SA_FROM);
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
	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", SA_OTHER_STATION, 3, &id),
	    STATUS_SA_PERSON_STATION);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "zhang", SA_STATION, 3, &id),
	    STATUS_SA_PERSON_STATION);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", SA_STATION, 0, &id),
	    STATUS_SA_USES);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "liu", SA_STATION,
	    STANDALONE_USES_MAX + 1, &id), STATUS_SA_USES);
	ck_assert_int_eq(sa_apply_period(SA_TO, SA_FROM), STATUS_SA_PERIOD);
	ck_assert_int_eq(sa_apply_period(SA_FROM, SA_FROM), STATUS_SA_PERIOD);
	ck_assert_int_eq(sa_apply_period(FX_T0 - 2 * FX_DAY, FX_T0 - 1),
	    STATUS_SA_PERIOD);
	ck_assert_int_eq(sa_apply_period(SA_FROM, FX_T0 + (int64_t) 40 * 365 *
	    FX_DAY), STATUS_SA_PERIOD_SEAL);
	ck_assert_str_ne(status_message(STATUS_SA_USES),
	    status_message(STATUS_INVALID));
	ck_assert_int_eq(sa_apply_as(S(DRAFTER), "liu", SA_STATION, 3, &id),
	    STATUS_DENIED);
	ck_assert_int_eq(sa_apply_as(S(CLERK), "nobody", SA_STATION, 3, &id),
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
	ck_assert_str_eq(it[0].station, SA_STATION);
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
	    &secret), STATUS_KEY_PASSWORD);
	ck_assert_int_eq(standalone_issue(S(CLERK), id, SFX_KEY_PW, fx.dir,
	    &secret), STATUS_MEDIUM_UNREGISTERED);
	ck_assert_ptr_null(secret);
	sa_clock(SA_TO + 1);
	ck_assert_int_eq(standalone_issue(S(CLERK), id, SFX_KEY_PW, sa.stick,
	    &secret), STATUS_SA_EXPIRED);
	ck_assert(!sa_exists(STANDALONE_PACKAGE));
}
END_TEST

/* -- Limits at the station ------------------------------------------------- */

/* At the station, opened one second before FROM: no use yet; one use
 * at FROM and one at TO; the clock left at TO + 1, the station ST open. */
static void
sa_period(struct standalone_station *st, int64_t from, int64_t to)
{
	sa_clock(from - 1);
	sa_open(st);
	ck_assert_int_eq(sa_seal_as(st, SA_STATION, NULL), STATUS_SA_NOT_YET);
	clock_set(from);
	ck_assert_int_eq(sa_seal_as(st, SA_STATION, NULL), STATUS_OK);
	clock_set(to);
	ck_assert_int_eq(sa_seal_as(st, SA_STATION, NULL), STATUS_OK);
	clock_set(to + 1);
}

START_TEST(test_period_boundaries)
{
	struct standalone_station st;

	sa_issued(5);
	sa_period(&st, SA_FROM, SA_TO);
	ck_assert_int_eq(standalone_station_check(&st), STATUS_SA_EXPIRED);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_SA_EXPIRED);
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
	sa_day(SA_FROM, from_day);
	sa_day(SA_TO, to_day);
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
	sp.station = SA_STATION;
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

	sa_period(&st, from, to);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_SA_EXPIRED);
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
	sa_clock(SA_FROM);
	sa_open(&st);
	ck_assert_int_eq(standalone_station_printed(&st, 1, "/p/x.pdf",
	    STATUS_OK), STATUS_INVALID);	/* no use 1 yet */
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_OK);
	ck_assert_int_eq(standalone_station_printed(&st, 1,
	    "/p/standalone-1-use-1-000001.pdf", STATUS_OK), STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_OK);
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
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_SA_SECRET);
	ck_assert_int_eq(standalone_station_printed(&st, 2, "", STATUS_OK),
	    STATUS_SA_SECRET);
	ck_assert_int_eq(standalone_station_unlock(&st, "liu", sa.secret),
	    STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_SA_USED_UP);
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

START_TEST(test_count_boundaries)
{
	struct standalone_station st;
	struct standalone_limits l;

	sa_issued(3);
	sa_clock(SA_FROM);
	sa_use(STATUS_OK);
	sa_use(STATUS_OK);		/* n - 1 */
	sa_open(&st);
	ck_assert_int_eq(standalone_station_check(&st), STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_OK); /* n */
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_SA_USED_UP);
	standalone_station_close(&st);
	/* Counted from the log, opened afresh. */
	sa_open(&st);
	standalone_station_limits(&st, &l);
	ck_assert_uint_eq(l.used, 3);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_SA_USED_UP);
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
	sa_clock(SA_FROM);
	memset(pdf, '%', sizeof pdf);
	memcpy(pdf, "%PDF-1.5\n", 9);
	memset(&d, 0, sizeof d);
	d.title = "人民调解协议书";
	d.issuer = SA_STATION;
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
	sa_clock(SA_FROM);
	ck_assert_int_eq(standalone_station_open(sa.stick, &st), STATUS_OK);
	ck_assert_int_eq(standalone_station_unlock(&st, "wang", sa.secret),
	    STATUS_SA_PERSON);
	/* Nothing typed asks for the person, not "another person". */
	ck_assert_int_eq(standalone_station_unlock(&st, "", sa.secret),
	    STATUS_SA_NO_PERSON);
	ck_assert_int_eq(standalone_station_unlock(&st, "liu",
	    "AAAA-BBBB-CCCC-DDDD"), STATUS_SA_SECRET);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_SA_SECRET);
	/* Typed in lower case with spaces for dashes: still the secret. */
	for (i = 0; sa.secret[i] != '\0'; i++)
		typed[o++] = sa.secret[i] == '-' ? ' ' :
		    (char) (sa.secret[i] >= 'A' && sa.secret[i] <= 'Z' ?
		    sa.secret[i] - 'A' + 'a' : sa.secret[i]);
	typed[o] = '\0';
	ck_assert_int_eq(standalone_station_unlock(&st, "liu", typed),
	    STATUS_OK);
	ck_assert_int_eq(sa_seal_as(&st, SA_OTHER_STATION, NULL),
	    STATUS_SA_STATION);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_OK);
	standalone_station_close(&st);
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
	sa_clock(SA_TO);
	ck_assert_int_eq(standalone_overdue(fx.st, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	sa_clock(SA_TO + 1);
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
	tcase_add_test(tc, test_printing_recorded);
	tcase_add_test(tc, test_count_boundaries);
	tcase_add_test(tc, test_full_medium_counts_nothing);
	tcase_add_test(tc, test_person_secret_station);
	tcase_add_test(tc, test_overdue_flagged);
	suite_add_tcase(s, tc);
	return s;
}
