/*
 * form_validate.c -- checking a filled form against its definition: the
 * interface and esealctl both call form_validate(), so the rule is the
 * same whichever way a form is filled.  Must not read files or touch the
 * terminal, the database or cryptography.
 */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/form.h"
#include "core/form_private.h"
#include "core/printable.h"

/* -- Validation ------------------------------------------------------- */

static size_t
form_count_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char) *s & 0xc0) != 0x80)
			n++;
	return n;
}

/* YYYY-MM-DD naming a day that exists. */
static int
form_date_ok(const char *s)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, d, i, leap;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char) s[i]))
			return 0;
	}
	if (s[10] != '\0')
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

static char *
form_check_number(const struct form_field *fl, const char *value)
{
	long v;

	if (form_parse_long(value, &v) != 0)
		return xstrdup(_("Enter a whole number, digits only."));
	if (v >= fl->min && v <= fl->max)
		return NULL;
	if (fl->min != LONG_MIN && fl->max != LONG_MAX)
		return xasprintf(_("Enter a number from %ld to %ld."), fl->min, fl->max);
	if (fl->min != LONG_MIN)
		return xasprintf(_("Enter a number of at least %ld."), fl->min);
	return xasprintf(_("Enter a number of at most %ld."), fl->max);
}

/* The message for a non-empty VALUE that breaks FL's rules, or NULL.
 * The message is stored in *MSG (new) and returned.  The parser also
 * checks a field's default with it. */
const char *
form_check_value(const struct form_field *fl, const char *value,
    const struct form_lookup *lk, char **msg)
{
	char *clean = text_sanitize(value, strlen(value),
	    fl->type == FORM_TEXT);
	size_t n = form_count_chars(value);
	int same = strcmp(clean, value) == 0;
	uint32_t bad = printable_find(value, strlen(value));
	char name[PRINTABLE_NAME_MAX];

	free(clean);
	*msg = NULL;
	if (!same && strchr(value, '\n') != NULL && fl->type != FORM_TEXT)
		*msg = xstrdup(_("One line only."));
	else if (!same)
		*msg = xstrdup(_("Contains characters that are not allowed (control or direction codes, or invalid text)."));
	else if (bad != 0) {
		/* A box in the signed original is worse than a refusal
		 * (Art. 12); the clerk learns which character to change. */
		printable_name(bad, name, sizeof name);
		*msg = xasprintf(_("The character %s cannot be printed: the document fonts have no such character."), name);
	} else if (fl->type != FORM_CHOICE && n > fl->max_chars)
		*msg = xasprintf(_("At most %zu characters; this has %zu."), fl->max_chars, n);
	else if (fl->type == FORM_DATE && !form_date_ok(value))
		*msg = xstrdup(_("Enter an existing date as YYYY-MM-DD, e.g. 2026-03-01."));
	else if (fl->type == FORM_NUMBER)
		*msg = form_check_number(fl, value);
	else if (fl->type == FORM_CHOICE && form_choice_find(fl, value) == NULL)
		*msg = xstrdup(_("Choose one of the listed values."));
	else if (fl->type == FORM_PERSON && lk != NULL &&
	    lk->person_exists != NULL && !lk->person_exists(lk->ctx, value))
		*msg = xstrdup(_("No user has this name."));
	else if (fl->type == FORM_DEPARTMENT && lk != NULL &&
	    lk->department_exists != NULL &&
	    !lk->department_exists(lk->ctx, value))
		*msg = xstrdup(_("No department has this name."));
	return *msg;
}

/* Whether FL must be filled, given the other VALUES. */
static int
form_is_required(const struct form *f, const struct form_field *fl,
    const char *const *values)
{
	int u;

	if (!fl->required)
		return 0;
	if (fl->unless_field == NULL)
		return 1;
	u = form_field_index(f, fl->unless_field);
	return u < 0 || values[u] == NULL ||
	    strcmp(values[u], fl->unless_value) != 0;
}

/* Blank means nothing but spaces (ideographic ones too) and newlines. */
static int
form_is_blank(const char *s)
{
	while (*s == ' ' || *s == '\n' || strncmp(s, "\xe3\x80\x80", 3) == 0)
		s += *s == ' ' || *s == '\n' ? 1 : 3;
	return *s == '\0';
}

enum status
form_validate(const struct form *f, const char *const *values,
    const struct form_lookup *lookup, char **messages)
{
	const struct form_field *fl;
	enum status st = STATUS_OK;
	const char *v;
	size_t i;

	for (i = 0; i < f->nfields; i++) {
		fl = &f->fields[i];
		v = values[i] != NULL ? values[i] : "";
		messages[i] = NULL;

		if (form_is_blank(v)) {
			if (form_is_required(f, fl, values))
				messages[i] = xstrdup(_("This field must be filled in."));
		} else {
			form_check_value(fl, v, lookup, &messages[i]);
		}
		if (messages[i] != NULL)
			st = STATUS_INVALID;
	}
	return st;
}

void
form_messages_free(const struct form *f, char **messages)
{
	size_t i;

	for (i = 0; i < f->nfields; i++) {
		free(messages[i]);
		messages[i] = NULL;
	}
}
