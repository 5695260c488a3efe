/*
 * test_standalone_tamper.c -- each kind of tampering with a standalone
 * seal's package or its log on the medium (the limits, the signature,
 * an entry edited, removed, reordered or cut short, an older log, the
 * head removed, a print line edited) is found with its own reason: the
 * station refuses the medium, and the office takes it back all the same
 * and records it.
 *
 * The tampering is done to the files on the medium, as someone holding
 * the stick would; the seal's life up to it is standalone_fixture.h's.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/standalone_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"

#define S(who)	sfx.s[SFX_##who]
#define ID(who)	sfx.id[SFX_##who]

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
	sa_clock(SA_FROM);
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

/* A print line edited on the medium is tampering like any entry. */
START_TEST(test_print_line_edited)
{
	struct standalone_station st;
	unsigned long n;
	char *log, *at, *path;

	sa_issued(3);
	sa_clock(SA_FROM);
	sa_open(&st);
	ck_assert_int_eq(sa_seal_as(&st, SA_STATION, NULL), STATUS_OK);
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

Suite *
standalone_tamper_suite(void)
{
	Suite *s = suite_create("standalone_tamper");
	TCase *tc = tcase_create("standalone_tamper");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, sa_setup, sa_teardown);
	tcase_add_test(tc, test_tamper_note_has_words);
	tcase_add_test(tc, test_print_line_edited);
	tcase_add_loop_test(tc, test_tampering_found, 0, T__COUNT);
	suite_add_tcase(s, tc);
	return s;
}
