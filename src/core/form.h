/*
 * form.h -- form definitions: what a document or an application asks
 * for, read at run time from plain text files in the forms folder, and
 * the one rule that says whether a filled form is complete.
 *
 * The file format is described at the top of form.c and in
 * forms/README.  Both the interface and esealctl validate through
 * form_validate(), so a value the one accepts the other accepts too.
 * No terminal, database or cryptography here.
 */
#ifndef ESEAL_CORE_FORM_H
#define ESEAL_CORE_FORM_H

#include <stddef.h>

#include "util/util.h"

enum form_type {
	FORM_LINE,		/* one line of text */
	FORM_TEXT,		/* several lines (a body) */
	FORM_DATE,		/* YYYY-MM-DD */
	FORM_NUMBER,		/* a whole number, within min..max */
	FORM_CHOICE,		/* one of the listed values */
	FORM_PERSON,		/* a user name */
	FORM_DEPARTMENT		/* a department or body */
};

/* One translation of a text. */
struct form_tr {
	char	*lang;		/* "zh_CN", "zh" ... */
	char	*text;
};

/* A text with its translations; TEXT is the default (English). */
struct form_text {
	char		*text;
	struct form_tr	*tr;
	size_t		 ntr;
};

struct form_choice {
	char		*value;		/* what is stored, e.g. "secret" */
	struct form_text label;		/* what is shown, e.g. 秘密 */
};

struct form_field {
	char			*name;		/* storage name, e.g. "title" */
	enum form_type		 type;
	struct form_text	 label;
	struct form_text	 help;
	int			 required;
	char			*unless_field;	/* required-unless F=V */
	char			*unless_value;
	size_t			 max_chars;	/* characters, never bytes */
	long			 min, max;	/* FORM_NUMBER bounds */
	struct form_choice	*choices;
	size_t			 nchoices;
	char			*def;		/* default value, or NULL */
	int			 rows;		/* FORM_TEXT: rows shown */
	int			 line;		/* where it was defined */
};

struct form {
	char			*id;		/* e.g. "request" */
	char			*kind;		/* corpus kind or "application" */
	struct form_text	 title;
	struct form_text	 help;
	struct form_field	*fields;
	size_t			 nfields;
	char			*path;		/* the file it came from */
};

/* Every form found in one folder. */
struct form_list {
	struct form	**forms;	/* sorted by id */
	size_t		  n;
	char		**errors;	/* one "FILE:LINE: message" per bad file */
	size_t		  nerrors;
};

/* Lookups that validation needs from other parts of the core (accounts,
 * departments).  A NULL function accepts any well-formed name. */
struct form_lookup {
	int	(*person_exists)(void *ctx, const char *name);
	int	(*department_exists)(void *ctx, const char *name);
	void	*ctx;
};

/* The forms folder: $ESEAL_FORMS_DIR when set (tests, the demo); in a
 * build with the test hooks that is not installed, the source tree's;
 * else the installed one. */
const char *form_dir(void);

/* The language form texts are shown in, from the message locale: "zh_CN",
 * "en" ... (never NULL). */
const char *form_lang(void);

/*
 * Read the form definition at PATH into a new *OUT.  On a syntax error
 * returns STATUS_FORM_SYNTAX and sets *ERR (if not NULL) to a new
 * "FILE:LINE: message" string for whoever wrote the file.  Other
 * failures: STATUS_IO, STATUS_ENCODING.
 */
enum status form_load(const char *path, struct form **out, char **err);
void form_free(struct form *f);

/* Load every NAME.form in DIR.  A broken file is reported in
 * OUT->errors and left out; the others still load.  Returns STATUS_IO
 * only when DIR itself cannot be read. */
enum status form_list_load(const char *dir, struct form_list *out);
void form_list_free(struct form_list *l);
const struct form *form_list_find(const struct form_list *l, const char *id);

/* TEXT in LANG ("zh_CN" tries zh_CN, then zh, then the default). */
const char *form_text_get(const struct form_text *t, const char *lang);

/* Index of the field called NAME, or -1. */
int form_field_index(const struct form *f, const char *name);

/* The choice of FIELD whose value is VALUE, or NULL. */
const struct form_choice *form_choice_find(const struct form_field *field,
    const char *value);

/*
 * Check VALUES (one per field, in field order; NULL counts as empty)
 * against the definition.  MESSAGES (an array of f->nfields pointers,
 * filled by this call) gets a new, translated message for each field in
 * error and NULL for the others; free them with form_messages_free().
 * Returns STATUS_OK when every field is fine, else STATUS_INVALID.
 * LOOKUP may be NULL.
 */
enum status form_validate(const struct form *f, const char *const *values,
    const struct form_lookup *lookup, char **messages);
void form_messages_free(const struct form *f, char **messages);

/* The translated name of a type ("line", "date" ...), for help screens. */
const char *form_type_name(enum form_type t);

/* The translated name of a form's kind ("litigation-composed" ...). */
const char *form_kind_name(const char *kind);

#endif
