/*
 * bench.h -- what the benchmark programs share: the office that gen
 * builds (who is who, their passwords), the clock it runs on, and small
 * helpers to time things and stop on a failed call.
 *
 * Benchmark code only: nothing in src/ includes this, and nothing here
 * may take a short cut past the core's rules (no raw record writes for
 * documents: they go through the workflow like a clerk's).
 */
#ifndef ESEAL_BENCH_H
#define ESEAL_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* The people of the office, in the order gen creates them. */
enum bench_who {
	BENCH_DRAFTER, BENCH_CHIEF, BENCH_LEADER, BENCH_BUREAU, BENCH_CLERK,
	BENCH_PRINTER, BENCH_DIRECTOR, BENCH__COUNT
};

extern const char *const bench_names[BENCH__COUNT];

/* Every business account's password, and the seal's key password. */
#define BENCH_PW	"Bench-user-2026"
/* The password after gen's last change, the one the measurements use. */
#define BENCH_PW_NOW	"Bench-user-2027"
#define BENCH_KEY_PW	"Bench-seal-2026"
#define BENCH_SEAL	"BENCH-001"

/* The generated decade starts here (2017-01-02 09:00 +08:00) and each
 * document moves the clock on by BENCH_STEP seconds, so 1,000,000
 * documents span ten years, a busy bureau's 274 a day. */
#define BENCH_T0	1483318800LL
#define BENCH_STEP	315

/* Monotonic time in milliseconds. */
double bench_ms(void);

/* Stop the program when RC is not STATUS_OK, naming WHAT. */
void bench_check(enum status rc, const char *what);

/* Log in NAME with PASSWORD; dies unless the session is a full one. */
struct session *bench_login(struct store *st, const char *name,
    const char *pw);

/* The median of the N values in V (V is sorted in place). */
double bench_median(double *v, size_t n);

#endif
