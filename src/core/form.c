/*
 * form.c -- the form model shared by the parser (form_parse.c) and the
 * checks (form_validate.c): freeing a form, the folder of forms, and the
 * lookups the interface and esealctl use (labels in the user's language,
 * field and choice by name, the names of kinds and types).  No terminal,
 * database or cryptography here.
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
#include <unistd.h>

#include "core/form.h"
#include "core/form_private.h"

/* The document kinds a form may name, and how they are shown. */
const char *const form_kinds[] = {
	"official-admin", "official-office", "litigation-table",
	"litigation-fill-in", "litigation-composed", "application", NULL
};

static const char *const form_kind_labels[] = {
	N_("administrative document"), N_("office document"),
	N_("table form"), N_("fill-in form"), N_("composed document"),
	N_("application")
};

static const char *const form_type_labels[] = {
	N_("line"), N_("text"), N_("date"), N_("number"), N_("choice"),
	N_("person"), N_("department")
};

/* -- Freeing ---------------------------------------------------------- */

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

/* -- Shared by the parser and the checks ------------------------------ */

int
form_word_index(const char *const *words, const char *s)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

/* A strict decimal number: optional '-', digits, nothing else. */
int
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

	if (e != NULL && *e != '\0')
		return e;
#ifdef SRCFORMSDIR
	/* A test build, not installed: the forms of its source tree. */
	if (access(FORMSDIR, F_OK) != 0)
		return SRCFORMSDIR;
#endif
	return FORMSDIR;
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
	int k = form_word_index(form_kinds, kind);

	return k >= 0 ? _(form_kind_labels[k]) : kind;
}
