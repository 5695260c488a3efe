/*
 * docnum.c -- formatting document numbers and stepping their counters.
 *
 * Pure: the workflow reads and writes the counter record in the same
 * transaction that records the issuance, so a number is allocated
 * exactly once and a rolled-back issuance leaves no gap to reuse.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "core/docnum.h"

char *
docnum_counter_key(const char *prefix, uint32_t year)
{
	return xasprintf("docnum.%u.%s", (unsigned) year, prefix);
}

enum status
docnum_next(const char *current, uint32_t *seq)
{
	unsigned long long v;
	char *end;

	if (current == NULL) {
		*seq = 1;
		return STATUS_OK;
	}
	errno = 0;
	v = strtoull(current, &end, 10);
	if (end == current || *end != '\0' || errno != 0)
		return STATUS_CORRUPT;
	if (v >= UINT32_MAX)
		return STATUS_INVALID;
	*seq = (uint32_t) v + 1;
	return STATUS_OK;
}

uint32_t
docnum_year(int64_t t)
{
	time_t tt = (time_t) t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		return 1970;
	return (uint32_t) tm.tm_year + 1900;
}

char *
docnum_format(const char *prefix, uint32_t year, uint32_t seq)
{
	if (prefix == NULL || *prefix == '\0' || seq == 0)
		return xstrdup("");
	/* GB/T 9704: the year in hexagonal brackets 〔〕, then 号. */
	return xasprintf("%s\xe3\x80\x94%u\xe3\x80\x95%u\xe5\x8f\xb7", prefix,
	    (unsigned) year, (unsigned) seq);
}
