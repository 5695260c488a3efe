/*
 * form.c -- reading form definitions, and checking a filled form
 * against its definition.  No terminal, database or cryptography here:
 * the interface and esealctl both call form_validate(), so the rule is
 * the same whichever way a form is filled.
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

static const char *const form_kinds[] = {
	"official-admin", "official-office", "litigation-table",
	"litigation-fill-in", "litigation-composed", "application", NULL
};

static const char *const form_kind_labels[] = {
	N_("administrative document"), N_("office document"),
	N_("table form"), N_("fill-in form"), N_("composed document"),
	N_("application")
};

static const char *const form_type_ids[] = {
	"line", "text", "date", "number", "choice", "person", "department", NULL
};

static const char *const form_type_labels[] = {
	N_("line"), N_("text"), N_("date"), N_("number"), N_("choice"),
	N_("person"), N_("department")
};

/* Default limits per type, in characters. */
static const size_t form_type_max_chars[] = {
	200, 20000, 10, 12, 0, 64, 100
};

/* -- Small helpers --------------------------------------------------- */

static void
form_text_free(struct form_text *t)
{
	size_t i;

	for (i = 0; i < t->ntr; i++) {
		free(t->tr[i].lang);
		free(t->tr[i].text);
	}
	free(t->tr);
	free(t->text);
}

static void
form_field_free(struct form_field *fl)
{
	size_t i;

	for (i = 0; i < fl->nchoices; i++) {
		free(fl->choices[i].value);
		form_text_free(&fl->choices[i].label);
	}
	free(fl->choices);
	form_text_free(&fl->label);
	form_text_free(&fl->help);
	free(fl->name);
	free(fl->unless_field);
	free(fl->unless_value);
	free(fl->def);
}

void
form_free(struct form *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfields; i++)
		form_field_free(&f->fields[i]);
	free(f->fields);
	form_text_free(&f->title);
	form_text_free(&f->help);
	free(f->id);
	free(f->kind);
	free(f->path);
	free(f);
}

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

static int
form_lookup_word(const char *const *words, const char *s)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

/* A strict decimal number: optional '-', digits, nothing else. */
static int
form_parse_long(const char *s, long *out)
{
	char *end;
	long v;

	if (*s == '\0' || !(isdigit((unsigned char) *s) ||
	    (*s == '-' && isdigit((unsigned char) s[1]))))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
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
		if (form_lookup_word(form_kinds, value) < 0)
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
		if ((t = form_lookup_word(form_type_ids, value)) < 0)
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

static const char *form_check_value(const struct form_field *fl,
    const char *value, const struct form_lookup *lk, char **msg);

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

/* -- A folder of forms ----------------------------------------------- */

static int
form_cmp_id(const void *a, const void *b)
{
	const struct form *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static void
form_list_add(struct form_list *l, const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), *err = NULL;
	struct form *f;

	if (form_load(path, &f, &err) == STATUS_OK &&
	    form_list_find(l, f->id) != NULL) {
		err = xasprintf("%s: %s", name, _("another file already defines a form with this id"));
		form_free(f);
		f = NULL;
	}
	if (f != NULL) {
		l->forms = xrealloc(l->forms, (l->n + 1) * sizeof *l->forms);
		l->forms[l->n++] = f;
	} else {
		l->errors = xrealloc(l->errors,
		    (l->nerrors + 1) * sizeof *l->errors);
		l->errors[l->nerrors++] = err;
	}
	free(path);
}

enum status
form_list_load(const char *dir, struct form_list *out)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t n;

	memset(out, 0, sizeof *out);
	if (d == NULL)
		return status_from_errno(errno);
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n > 5 && de->d_name[0] != '.' &&
		    strcmp(de->d_name + n - 5, ".form") == 0)
			form_list_add(out, dir, de->d_name);
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->forms, out->n, sizeof *out->forms, form_cmp_id);
	return STATUS_OK;
}

void
form_list_free(struct form_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		form_free(l->forms[i]);
	for (i = 0; i < l->nerrors; i++)
		free(l->errors[i]);
	free(l->forms);
	free(l->errors);
	memset(l, 0, sizeof *l);
}

const struct form *
form_list_find(const struct form_list *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->forms[i]->id, id) == 0)
			return l->forms[i];
	return NULL;
}

/* -- Lookups ---------------------------------------------------------- */

const char *
form_dir(void)
{
	const char *e = getenv("ESEAL_FORMS_DIR");

	return e != NULL && *e != '\0' ? e : FORMSDIR;
}

const char *
form_lang(void)
{
	static char lang[16];
	const char *loc = setlocale(LC_MESSAGES, NULL), *l;
	size_t n;

	if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0 ||
	    strncmp(loc, "C.", 2) == 0)
		return "en";
	/* gettext lets LANGUAGE override the locale; the forms follow. */
	l = getenv("LANGUAGE");
	if (l == NULL || *l == '\0')
		l = loc;
	n = strcspn(l, ".@:");
	if (n == 0 || n >= sizeof lang)
		return "en";
	memcpy(lang, l, n);
	lang[n] = '\0';
	return lang;
}

const char *
form_text_get(const struct form_text *t, const char *lang)
{
	size_t i, n = strcspn(lang, "_");

	for (i = 0; i < t->ntr; i++)
		if (strcmp(t->tr[i].lang, lang) == 0)
			return t->tr[i].text;
	/* zh_CN falls back to zh, and zh to any zh_XX. */
	for (i = 0; i < t->ntr; i++)
		if (strncmp(t->tr[i].lang, lang, n) == 0 &&
		    (t->tr[i].lang[n] == '\0' || t->tr[i].lang[n] == '_'))
			return t->tr[i].text;
	return t->text != NULL ? t->text : "";
}

int
form_field_index(const struct form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return (int) i;
	return -1;
}

const struct form_choice *
form_choice_find(const struct form_field *field, const char *value)
{
	size_t i;

	for (i = 0; i < field->nchoices; i++)
		if (strcmp(field->choices[i].value, value) == 0)
			return &field->choices[i];
	return NULL;
}

const char *
form_type_name(enum form_type t)
{
	return _(form_type_labels[t]);
}

const char *
form_kind_name(const char *kind)
{
	int k = form_lookup_word(form_kinds, kind);

	return k >= 0 ? _(form_kind_labels[k]) : kind;
}

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
 * The message is stored in *MSG (new) and returned. */
static const char *
form_check_value(const struct form_field *fl, const char *value,
    const struct form_lookup *lk, char **msg)
{
	char *clean = text_sanitize(value, strlen(value),
	    fl->type == FORM_TEXT);
	size_t n = form_count_chars(value);
	int same = strcmp(clean, value) == 0;

	free(clean);
	*msg = NULL;
	if (!same && strchr(value, '\n') != NULL && fl->type != FORM_TEXT)
		*msg = xstrdup(_("One line only."));
	else if (!same)
		*msg = xstrdup(_("Contains characters that are not allowed (control or direction codes, or invalid text)."));
	else if (fl->type != FORM_CHOICE && n > fl->max_chars)
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
