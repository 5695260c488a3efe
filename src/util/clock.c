/*
 * clock.c -- real or injected time.
 */
#include <config.h>

#include <stdlib.h>
#include <time.h>

#include "util/clock.h"
#include "util/testhook.h"

static int64_t clock_fixed;
static int clock_env_read;

int64_t
clock_now(void)
{
	const char *env;

	if (!clock_env_read) {
		clock_env_read = 1;
		env = testhook_env("ESEAL_FAKE_TIME");
		if (env != NULL && clock_fixed == 0)
			clock_fixed = strtoll(env, NULL, 10);
	}
	if (clock_fixed != 0)
		return clock_fixed;
	return (int64_t) time(NULL);
}

void
clock_set(int64_t t)
{
	clock_env_read = 1;
	clock_fixed = t;
}

void
clock_advance(int64_t seconds)
{
	if (clock_fixed == 0)
		clock_fixed = (int64_t) time(NULL);
	clock_fixed += seconds;
}

const char *
clock_format(int64_t t, char *buf, unsigned long size)
{
	time_t tt = (time_t) t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	return buf;
}
