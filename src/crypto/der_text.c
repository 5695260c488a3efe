/*
 * der_text.c -- the textual DER types: UTF8String, IA5String,
 * PrintableString, UTCTime and GeneralizedTime, written and read.
 *
 * Times are UTC seconds since the epoch, converted with a calendar
 * computation of our own so that neither the time zone nor the C
 * library's time_t range can change what a signed structure says.  Must
 * not accept strings with embedded NULs (a name that C would cut short
 * is how certificate names get spoofed) or times with fractions or zones
 * other than Z.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/der.h"

/* The PrintableString alphabet besides letters and digits. */
static const char der_printable_extra[] = " '()+,-./:=?";

static int
der_text_in_alphabet(unsigned tag, const char *s, size_t n)
{
	size_t i;

	if (memchr(s, '\0', n) != NULL)
		return 0;
	if (tag == DER_UTF8STRING)
		return text_utf8_valid(s, n);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x80)
			return 0;
		if (tag == DER_PRINTABLESTRING &&
		    !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(der_printable_extra, c)))
			return 0;
	}
	return 1;
}

static void
der_put_text(struct der_writer *w, unsigned tag, const char *s)
{
	size_t n = strlen(s);

	if (w->error != STATUS_OK)
		return;
	if (!der_text_in_alphabet(tag, s, n)) {
		w->error = STATUS_INVALID;
		return;
	}
	der_put_tlv(w, tag, s, n);
}

void
der_put_utf8(struct der_writer *w, const char *s)
{
	der_put_text(w, DER_UTF8STRING, s);
}

void
der_put_ia5(struct der_writer *w, const char *s)
{
	der_put_text(w, DER_IA5STRING, s);
}

void
der_put_printable(struct der_writer *w, const char *s)
{
	der_put_text(w, DER_PRINTABLESTRING, s);
}

enum status
der_get_string(struct der_reader *r, unsigned tag, char **s)
{
	struct der_reader save = *r;
	struct der_tlv tlv;
	enum status st;

	*s = NULL;
	if (tag != DER_UTF8STRING && tag != DER_IA5STRING &&
	    tag != DER_PRINTABLESTRING)
		return STATUS_INVALID;
	if ((st = der_get_expect(r, tag, &tlv)) != STATUS_OK)
		return st;
	if (!der_text_in_alphabet(tag, (const char *) tlv.data, tlv.len)) {
		*r = save;
		return STATUS_MALFORMED;
	}

	*s = xstrndup((const char *) tlv.data, tlv.len);
	return STATUS_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (any year). */
static int64_t
der_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse: a day number to year, month and day. */
static void
der_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned) (doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static void
der_put_time_as(struct der_writer *w, unsigned tag, int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400, y;
	unsigned m, d;
	char s[32];

	der_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999 ||
	    (tag == DER_UTCTIME && (y < 1950 || y > 2049))) {
		if (w->error == STATUS_OK)
			w->error = STATUS_INVALID;
		return;
	}

	if (tag == DER_UTCTIME)
		snprintf(s, sizeof s, "%02u%02u%02u%02u%02u%02uZ",
		    (unsigned) (y % 100), m, d, (unsigned) (secs / 3600),
		    (unsigned) (secs / 60 % 60), (unsigned) (secs % 60));
	else
		snprintf(s, sizeof s, "%04u%02u%02u%02u%02u%02uZ",
		    (unsigned) y, m, d, (unsigned) (secs / 3600),
		    (unsigned) (secs / 60 % 60), (unsigned) (secs % 60));
	der_put_tlv(w, tag, s, strlen(s));
}

void
der_put_gtime(struct der_writer *w, int64_t t)
{
	der_put_time_as(w, DER_GENERALIZEDTIME, t);
}

void
der_put_time(struct der_writer *w, int64_t t)
{
	/* 1950-01-01 and 2050-01-01, the ends of UTCTime's window. */
	if (t >= -631152000 && t < 2524608000LL)
		der_put_time_as(w, DER_UTCTIME, t);
	else
		der_put_time_as(w, DER_GENERALIZEDTIME, t);
}

/* N decimal digits at S as a number, or -1. */
static int64_t
der_digits(const unsigned char *s, size_t n)
{
	int64_t v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

static const unsigned char der_month_days[12] = {
	31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

/* "YYYYMMDDHHMMSSZ" or "YYMMDDHHMMSSZ" at P (N bytes) to seconds. */
static enum status
der_parse_time(const unsigned char *p, size_t n, int ylen, int64_t *t)
{
	int64_t y, mo, d, h, mi, s;
	int leap;

	if (n != (size_t) ylen + 11 || p[n - 1] != 'Z')
		return STATUS_MALFORMED;
	y = der_digits(p, (size_t) ylen);
	p += ylen;
	mo = der_digits(p, 2);
	d = der_digits(p + 2, 2);
	h = der_digits(p + 4, 2);
	mi = der_digits(p + 6, 2);
	s = der_digits(p + 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || s < 0 || s > 59)
		return STATUS_MALFORMED;
	if (ylen == 2)
		y += y >= 50 ? 1900 : 2000;

	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > der_month_days[mo - 1] || (mo == 2 && d == 29 && !leap))
		return STATUS_MALFORMED;
	*t = der_days_from_civil(y, (unsigned) mo, (unsigned) d) * 86400 +
	    h * 3600 + mi * 60 + s;
	return STATUS_OK;
}

enum status
der_get_time(struct der_reader *r, int64_t *t)
{
	struct der_reader save = *r;
	struct der_tlv tlv;
	enum status st;

	if (der_next_is(r, DER_UTCTIME))
		st = der_get_tlv(r, &tlv);
	else
		st = der_get_expect(r, DER_GENERALIZEDTIME, &tlv);
	if (st != STATUS_OK)
		return st;

	st = der_parse_time(tlv.data, tlv.len,
	    tlv.tag == DER_UTCTIME ? 2 : 4, t);
	if (st != STATUS_OK)
		*r = save;
	return st;
}
