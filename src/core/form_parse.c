/*
 * form_parse.c -- reading form definitions into struct form.  No
 * terminal, database or cryptography here; form_validate.c checks filled
 * forms against what this file reads.
 *
 * THE FILE FORMAT (forms/README says the same for the people who write
 * forms).  A form is one UTF-8 text file NAME.form in the forms folder;
 * adding one needs no recompile.  It is a sequence of records separated
 * by blank lines; a record is a group of "key: value" lines.  A line
 * starting with '#' is a comment.  A line starting with '+' continues
 * the value of the line above on a new line ("+ text", one space after
 * the '+' is dropped).  A key may name a language in brackets, as in
 * "label[zh_CN]: 标题"; the program shows the text for the user's
 * language (zh_CN, then any zh), else the plain key's text, in English.
 *
 * The first record describes the form:
 *
 *   form: ID              letters, digits and '-'; unique in the folder
 *   kind: KIND            official-admin, official-office,
 *                         litigation-table, litigation-fill-in,
 *                         litigation-composed, or application
 *   title: TEXT           required; title[zh_CN]: ...
 *   help: TEXT            optional; help[zh_CN]: ...
 *
 * Every other record is one field, in the order shown:
 *
 *   field: NAME           what the value is stored under; document forms
 *                         use the sample documents' header names (title,
 *                         recipients, issuing-body, classification ...)
 *   type: TYPE            line, text (several lines), date (YYYY-MM-DD),
 *                         number, choice, person, department
 *   label: TEXT           required; label[zh_CN]: ...
 *   help: TEXT            shown while the field is being filled
 *   required: yes|no      default no
 *   required-unless: F=V  required except when field F holds value V
 *   max-chars: N          characters (not bytes, not columns)
 *   min: N, max: N        bounds of a number
 *   choice: VALUE LABEL   one line per choice, in order; the label in
 *                         another language: choice[zh_CN]: VALUE LABEL
 *   default: VALUE        the value a new form starts with
 *   rows: N               how many rows a text field shows
 *
 * A record of the single line "include: NAME.fields" inserts the field
 * records of that file (same folder, no further includes), so fields
 * every document shares are written once.
 *
 * Values read from the files are untrusted text: each passes
 * text_sanitize() here, where it enters the program.
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

#define FORM_FILE_MAX	(1024 * 1024)	/* no form needs more */
#define FORM_ROWS_DEFAULT 6

enum form_in { FORM_IN_NONE, FORM_IN_FORM, FORM_IN_FIELD, FORM_IN_INCLUDE };

/* What the parser knows while it reads one file (and its include). */
struct form_parser {
	const char	*dir;		/* includes are looked up here */
	const char	*name;		/* file name, for messages */
	int		 line;
	int		 depth;		/* 1 inside an included file */
	enum form_in	 in;		/* kind of the record being read */
	struct form	*form;
	char		**last;		/* the value a '+' line continues */
	char		*err;		/* first error, "FILE:LINE: ..." */
};

static const char *const form_type_ids[] = {
	"line", "text", "date", "number", "choice", "person", "department", NULL
};

/* Default limits per type, in characters. */
static const size_t form_type_max_chars[] = {
	200, 20000, 10, 12, 0, 64, 100
};

/* -- Small helpers --------------------------------------------------- */

/* Record the first error only: later ones are usually its echoes. */
static enum status
form_error(struct form_parser *p, int line, const char *msg)
{
	if (p->err == NULL)
		p->err = xasprintf("%s:%d: %s", p->name, line, msg);
	return STATUS_FORM_SYNTAX;
}

/* Non-zero when S is a name made of [a-z0-9-], as ids and field names. */
static int
form_is_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char) *s) &&
		    !isdigit((unsigned char) *s) && *s != '-')
			return 0;
	return 1;
}

/* Set the text of T for LANG (NULL: the default); returns where the
 * value lives so a '+' line can extend it, or NULL if it was set. */
static char **
form_text_set(struct form_text *t, const char *lang, const char *value)
{
	size_t i;

	if (lang == NULL) {
		if (t->text != NULL)
			return NULL;
		t->text = xstrdup(value);
		return &t->text;
	}
	for (i = 0; i < t->ntr; i++)
		if (strcmp(t->tr[i].lang, lang) == 0)
			return NULL;
	t->tr = xrealloc(t->tr, (t->ntr + 1) * sizeof *t->tr);
	t->tr[t->ntr].lang = xstrdup(lang);
	t->tr[t->ntr].text = xstrdup(value);
	return &t->tr[t->ntr++].text;
}

static struct form_field *
form_current_field(struct form_parser *p)
{
	return &p->form->fields[p->form->nfields - 1];
}

/* -- Keys of the form record ----------------------------------------- */

static enum status
form_key_form(struct form_parser *p, const char *key, const char *lang,
    const char *value)
{
	struct form *f = p->form;

	if (strcmp(key, "kind") == 0 && lang == NULL) {
		if (f->kind != NULL)
			return form_error(p, p->line, _("kind is given twice"));
		if (form_word_index(form_kinds, value) < 0)
			return form_error(p, p->line, _("unknown kind; see the list in forms/README"));
		f->kind = xstrdup(value);
		return STATUS_OK;
	}
	if (strcmp(key, "title") == 0)
		p->last = form_text_set(&f->title, lang, value);
	else if (strcmp(key, "help") == 0)
		p->last = form_text_set(&f->help, lang, value);
	else
		return form_error(p, p->line, _("unknown key in the form record"));
	if (p->last == NULL)
		return form_error(p, p->line, _("the same key is given twice"));
	return STATUS_OK;
}

/* -- Keys of a field record ------------------------------------------ */

/* "choice: VALUE LABEL" adds a choice; "choice[LANG]: VALUE LABEL"
 * translates the label of an existing one. */
static enum status
form_key_choice(struct form_parser *p, struct form_field *fl,
    const char *lang, const char *value)
{
	const char *sp = strchr(value, ' ');
	struct form_choice *c;
	char *v;

	if (sp == NULL)
		return form_error(p, p->line, _("a choice needs a value and a label"));
	v = xstrndup(value, (size_t) (sp - value));
	while (*sp == ' ')
		sp++;

	c = (struct form_choice *) form_choice_find(fl, v);
	if (lang == NULL && c == NULL && form_is_name(v)) {
		fl->choices = xrealloc(fl->choices,
		    (fl->nchoices + 1) * sizeof *fl->choices);
		c = &fl->choices[fl->nchoices++];
		memset(c, 0, sizeof *c);
		c->value = v;
		c->label.text = xstrdup(sp);
		return STATUS_OK;
	}
	free(v);
	if (lang == NULL)
		return form_error(p, p->line, _("a choice value must be a new name of a-z, 0-9 and '-'"));
	if (c == NULL)
		return form_error(p, p->line, _("a translated choice names a value not listed above"));
	if (form_text_set(&c->label, lang, sp) == NULL)
		return form_error(p, p->line, _("the same key is given twice"));
	return STATUS_OK;
}

static enum status
form_key_number(struct form_parser *p, const char *key, const char *value,
    struct form_field *fl)
{
	long v;

	if (form_parse_long(value, &v) != 0)
		return form_error(p, p->line, _("expected a whole number"));
	if (strcmp(key, "min") == 0) {
		fl->min = v;
	} else if (strcmp(key, "max") == 0) {
		fl->max = v;
	} else if (strcmp(key, "rows") == 0) {
		if (v < 1 || v > 40)
			return form_error(p, p->line, _("rows must be from 1 to 40"));
		fl->rows = (int) v;
	} else {
		if (v < 1)
			return form_error(p, p->line, _("max-chars must be at least 1"));
		fl->max_chars = (size_t) v;
	}
	return STATUS_OK;
}

static enum status
form_key_unless(struct form_parser *p, struct form_field *fl,
    const char *value)
{
	const char *eq = strchr(value, '=');

	if (eq == NULL || eq == value || eq[1] == '\0')
		return form_error(p, p->line, _("required-unless takes FIELD=VALUE"));
	free(fl->unless_field);
	free(fl->unless_value);
	fl->unless_field = xstrndup(value, (size_t) (eq - value));
	fl->unless_value = xstrdup(eq + 1);
	return STATUS_OK;
}

static enum status
form_key_field(struct form_parser *p, const char *key, const char *lang,
    const char *value)
{
	struct form_field *fl = form_current_field(p);
	int t;

	if (strcmp(key, "label") == 0 || strcmp(key, "help") == 0) {
		p->last = form_text_set(key[0] == 'l' ? &fl->label : &fl->help,
		    lang, value);
		return p->last != NULL ? STATUS_OK :
		    form_error(p, p->line, _("the same key is given twice"));
	}
	if (strcmp(key, "choice") == 0)
		return form_key_choice(p, fl, lang, value);
	if (lang != NULL)
		return form_error(p, p->line, _("only title, label, help and choice take a language"));

	if (strcmp(key, "type") == 0) {
		if ((t = form_word_index(form_type_ids, value)) < 0)
			return form_error(p, p->line, _("unknown type; use line, text, date, number, choice, person or department"));
		fl->type = (enum form_type) t;
		return STATUS_OK;
	}
	if (strcmp(key, "required") == 0) {
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
			return form_error(p, p->line, _("required takes yes or no"));
		fl->required = strcmp(value, "yes") == 0;
		return STATUS_OK;
	}
	if (strcmp(key, "required-unless") == 0)
		return form_key_unless(p, fl, value);
	if (strcmp(key, "default") == 0) {
		free(fl->def);
		fl->def = xstrdup(value);
		return STATUS_OK;
	}
	if (strcmp(key, "min") == 0 || strcmp(key, "max") == 0 ||
	    strcmp(key, "rows") == 0 || strcmp(key, "max-chars") == 0)
		return form_key_number(p, key, value, fl);
	return form_error(p, p->line, _("unknown key in a field record"));
}

/* -- Records --------------------------------------------------------- */

static enum status
form_start_field(struct form_parser *p, const char *name)
{
	struct form *f = p->form;
	struct form_field *fl;

	if (f->id == NULL)
		return form_error(p, p->line, _("the first record must be the form: record"));
	if (!form_is_name(name))
		return form_error(p, p->line, _("a field name is made of a-z, 0-9 and '-'"));
	if (form_field_index(f, name) >= 0)
		return form_error(p, p->line, _("two fields have the same name"));

	f->fields = xrealloc(f->fields, (f->nfields + 1) * sizeof *f->fields);
	fl = &f->fields[f->nfields++];
	memset(fl, 0, sizeof *fl);
	fl->name = xstrdup(name);
	fl->type = (enum form_type) -1;
	fl->min = LONG_MIN;
	fl->max = LONG_MAX;
	fl->line = p->line;
	p->in = FORM_IN_FIELD;
	return STATUS_OK;
}

static enum status form_parse_buf(struct form_parser *p, char *buf);

/* Read a whole definition file (a few kilobytes) into a new string. */
static enum status
form_read_file(const char *path, char **out)
{
	FILE *fp = fopen(path, "rb");
	enum status st = STATUS_OK;
	char *buf = NULL;
	size_t n;

	if (fp == NULL)
		return status_from_errno(errno);
	buf = xmalloc(FORM_FILE_MAX + 1);
	n = fread(buf, 1, FORM_FILE_MAX + 1, fp);
	if (ferror(fp))
		st = STATUS_IO;
	else if (n > FORM_FILE_MAX || memchr(buf, '\0', n) != NULL)
		st = STATUS_ENCODING;	/* not a text file */
	fclose(fp);

	if (st != STATUS_OK) {
		free(buf);
		return st;
	}
	buf[n] = '\0';
	*out = buf;
	return STATUS_OK;
}

static enum status
form_include(struct form_parser *p, const char *name)
{
	struct form_parser sub = *p;
	enum status st;
	char *path, *buf = NULL;
	size_t n = strlen(name);

	if (p->depth > 0)
		return form_error(p, p->line, _("an included file cannot include another"));
	if (n <= 7 || strcmp(name + n - 7, ".fields") != 0 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != n - 7)
		return form_error(p, p->line, _("include takes a file name NAME.fields in the same folder"));

	path = xasprintf("%s/%s", p->dir, name);
	sub.name = name;
	sub.line = 0;
	sub.depth = 1;
	sub.in = FORM_IN_NONE;
	sub.last = NULL;
	sub.err = NULL;

	st = form_read_file(path, &buf);
	free(path);
	if (st != STATUS_OK)
		return form_error(p, p->line, _("the included file cannot be read"));
	st = form_parse_buf(&sub, buf);
	free(buf);
	if (st != STATUS_OK && p->err == NULL)
		p->err = sub.err;
	else
		free(sub.err);
	p->in = FORM_IN_INCLUDE;
	return st;
}

/* Split "key[lang]: value" in place.  Returns -1 when the line is not
 * of that shape. */
static int
form_split_key(char *line, char **key, char **lang, char **value)
{
	char *p = line, *colon;

	while (islower((unsigned char) *p) || *p == '-')
		p++;
	if (p == line)
		return -1;
	*lang = NULL;
	if (*p == '[') {
		*p++ = '\0';
		*lang = p;
		while (isalpha((unsigned char) *p) || *p == '_')
			p++;
		if (*p != ']' || p == *lang || p - *lang > 15)
			return -1;
		*p++ = '\0';
	}
	if (*p != ':')
		return -1;
	colon = p;
	*colon = '\0';
	*key = line;
	for (p = colon + 1; *p == ' ' || *p == '\t'; p++)
		;
	*value = p;
	return 0;
}

/* A key line that opens a record decides what the record is. */
static enum status
form_open_record(struct form_parser *p, const char *key, const char *lang,
    const char *value)
{
	if (lang == NULL && strcmp(key, "form") == 0) {
		if (p->form->id != NULL || p->depth > 0)
			return form_error(p, p->line, _("only the first record of a form file may be the form: record"));
		if (!form_is_name(value))
			return form_error(p, p->line, _("a form id is made of a-z, 0-9 and '-'"));
		p->form->id = xstrdup(value);
		p->in = FORM_IN_FORM;
		return STATUS_OK;
	}
	if (lang == NULL && strcmp(key, "field") == 0)
		return form_start_field(p, value);
	if (lang == NULL && strcmp(key, "include") == 0)
		return form_include(p, value);
	return form_error(p, p->line, _("a record starts with form:, field: or include:"));
}

static enum status
form_parse_line(struct form_parser *p, char *line)
{
	char *key, *lang, *value, *joined;

	if (*line == '\0') {
		p->in = FORM_IN_NONE;
		p->last = NULL;
		return STATUS_OK;
	}
	if (*line == '#')
		return STATUS_OK;
	if (*line == '+') {
		if (p->last == NULL)
			return form_error(p, p->line, _("a '+' line must follow a text it continues"));
		line += line[1] == ' ' ? 2 : 1;
		joined = xasprintf("%s\n%s", *p->last, line);
		free(*p->last);
		*p->last = joined;
		return STATUS_OK;
	}

	if (form_split_key(line, &key, &lang, &value) != 0)
		return form_error(p, p->line, _("expected \"key: value\""));
	if (*value == '\0')
		return form_error(p, p->line, _("the value is empty"));
	p->last = NULL;
	switch (p->in) {
	case FORM_IN_NONE:
		return form_open_record(p, key, lang, value);
	case FORM_IN_FORM:
		return form_key_form(p, key, lang, value);
	case FORM_IN_FIELD:
		return form_key_field(p, key, lang, value);
	case FORM_IN_INCLUDE:
	default:
		return form_error(p, p->line, _("an include record holds only the include: line"));
	}
}

/* Parse a NUL-terminated file, line by line; each line must be valid
 * UTF-8 and is sanitized before anything keeps it. */
static enum status
form_parse_buf(struct form_parser *p, char *buf)
{
	enum status st = STATUS_OK;
	char *line = buf, *nl, *clean;
	size_t n;

	while (st == STATUS_OK && *line != '\0') {
		p->line++;
		nl = strchr(line, '\n');
		n = nl != NULL ? (size_t) (nl - line) : strlen(line);
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' ||
		    line[n - 1] == '\t'))
			n--;
		if (!text_utf8_valid(line, n))
			return form_error(p, p->line, _("not valid UTF-8; save the file as UTF-8"));

		clean = text_sanitize(line, n, 0);
		st = form_parse_line(p, clean);
		free(clean);
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return st;
}

/* -- Checks once the whole file is read ------------------------------ */

static enum status
form_finish_field(struct form_parser *p, struct form_field *fl)
{
	const struct form_field *other;
	char *msg = NULL;
	int u;

	if ((int) fl->type < 0)
		return form_error(p, fl->line, _("the field has no type:"));
	if (fl->label.text == NULL)
		return form_error(p, fl->line, _("the field has no label:"));
	if ((fl->type == FORM_CHOICE) != (fl->nchoices > 0))
		return form_error(p, fl->line, _("a choice field needs choice: lines, and only a choice field has them"));
	if (fl->type != FORM_NUMBER &&
	    (fl->min != LONG_MIN || fl->max != LONG_MAX))
		return form_error(p, fl->line, _("only a number field has min: and max:"));
	if (fl->min > fl->max)
		return form_error(p, fl->line, _("min: is larger than max:"));
	if (fl->max_chars == 0)
		fl->max_chars = form_type_max_chars[fl->type];
	if (fl->type == FORM_TEXT && fl->rows == 0)
		fl->rows = FORM_ROWS_DEFAULT;

	if (fl->unless_field != NULL) {
		u = form_field_index(p->form, fl->unless_field);
		other = u >= 0 ? &p->form->fields[u] : NULL;
		if (other == NULL || (other->type == FORM_CHOICE &&
		    form_choice_find(other, fl->unless_value) == NULL))
			return form_error(p, fl->line, _("required-unless names no such field or choice"));
	}
	if (fl->def != NULL &&
	    form_check_value(fl, fl->def, NULL, &msg) != NULL) {
		free(msg);
		return form_error(p, fl->line, _("the default value does not fit the field"));
	}
	return STATUS_OK;
}

static enum status
form_finish(struct form_parser *p)
{
	struct form *f = p->form;
	enum status st;
	size_t i;

	if (f->id == NULL)
		return form_error(p, 1, _("the first record must be the form: record"));
	if (f->kind == NULL || f->title.text == NULL)
		return form_error(p, 1, _("the form record needs kind: and title:"));
	if (f->nfields == 0)
		return form_error(p, p->line, _("the form has no fields"));
	for (i = 0; i < f->nfields; i++)
		if ((st = form_finish_field(p, &f->fields[i])) != STATUS_OK)
			return st;
	return STATUS_OK;
}

enum status
form_load(const char *path, struct form **out, char **err)
{
	struct form_parser p;
	const char *slash = strrchr(path, '/');
	enum status st;
	char *buf = NULL;

	memset(&p, 0, sizeof p);
	p.name = slash != NULL ? slash + 1 : path;
	p.form = xcalloc(1, sizeof *p.form);
	p.form->path = xstrdup(path);
	p.dir = slash != NULL ? xstrndup(path, (size_t) (slash - path)) : xstrdup(".");

	if ((st = form_read_file(path, &buf)) != STATUS_OK) {
		p.err = xasprintf("%s: %s", p.name, status_message(st));
		goto out;
	}
	st = form_parse_buf(&p, buf);
	if (st == STATUS_OK)
		st = form_finish(&p);

out:
	free(buf);
	free((char *) p.dir);
	if (st != STATUS_OK) {
		form_free(p.form);
		p.form = NULL;
	}
	*out = p.form;
	if (err != NULL)
		*err = p.err;
	else
		free(p.err);
	return st;
}
