/*
 * docnum.h -- the document number (发文字号): the issuing department's
 * prefix, the year and a sequence that runs per prefix and per year,
 * allocated at issuance and never reused, e.g. 示司发〔2026〕7号.
 *
 * Pure helpers: the counter itself is a REC_META record the workflow
 * reads and writes in the issuing transaction (see workflow.c).
 */
#ifndef ESEAL_CORE_DOCNUM_H
#define ESEAL_CORE_DOCNUM_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* REC_META key holding the prefix of special-number documents; when
 * missing they take the department's prefix like any other. */
#define DOCNUM_SPECIAL_PREFIX_KEY	"number-prefix.special-number"

/* REC_META key holding the bureau's prefix, used when the drafter's
 * department has none. */
#define DOCNUM_PREFIX_KEY		"number-prefix"

/* The REC_META key of the counter for PREFIX in YEAR (a new string):
 * "docnum.<year>.<prefix>". */
char *docnum_counter_key(const char *prefix, uint32_t year);

/*
 * The sequence after the counter value CURRENT (NULL when the counter
 * does not exist yet: the first number is 1).  STATUS_CORRUPT when
 * CURRENT is not a number; STATUS_INVALID when the sequence would
 * overflow.
 */
enum status docnum_next(const char *current, uint32_t *seq);

/* The year of T in the bureau's local time. */
uint32_t docnum_year(int64_t t);

/* "示司发〔2026〕7号" (a new string); "" when PREFIX is empty or SEQ 0. */
char *docnum_format(const char *prefix, uint32_t year, uint32_t seq);

#endif
