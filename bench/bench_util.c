/*
 * bench_util.c -- helpers every benchmark program uses (bench.h).
 *
 * Timing and stopping only: no measurement logic lives here.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench/bench.h"

const char *const bench_names[BENCH__COUNT] = {
	"drafter", "chief", "leader", "bureau", "clerk", "printroom", "office"
};

double
bench_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

void
bench_check(enum status rc, const char *what)
{
	if (rc != STATUS_OK) {
		fprintf(stderr, "bench: %s: %s\n", what, status_name(rc));
		exit(1);
	}
}

struct session *
bench_login(struct store *st, const char *name, const char *pw)
{
	struct session *s = NULL;

	bench_check(session_login(st, name, pw, "bench", &s), name);
	return s;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return (x > y) - (x < y);
}

double
bench_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, bench_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
