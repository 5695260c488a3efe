/*
 * form_private.h -- what the form files (form.c, form_parse.c,
 * form_validate.c) share and nothing else includes.
 */
#ifndef ESEAL_CORE_FORM_PRIVATE_H
#define ESEAL_CORE_FORM_PRIVATE_H

/* The kind ids a form may name, NULL-terminated. */
extern const char *const form_kinds[];

/* The index of S in the NULL-terminated WORDS, or -1. */
int form_word_index(const char *const *words, const char *s);

/* A strict decimal number: optional '-', digits, nothing else; 0 or -1. */
int form_parse_long(const char *s, long *out);

/* The message for a non-empty VALUE that breaks FL's rules (stored in
 * *MSG, new), or NULL; LK may be NULL (no person or department check). */
const char *form_check_value(const struct form_field *fl, const char *value,
    const struct form_lookup *lk, char **msg);

#endif
