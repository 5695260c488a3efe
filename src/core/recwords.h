/*
 * recwords.h -- the English a record keeps, in the reader's language.
 *
 * An audit entry's detail and a print job's message are stored in
 * English, as data: they are signed and chained, and must read the
 * same whatever the language of the program that wrote them.  What is
 * shown to a person is translated when it is shown, here: the stored
 * text is matched against the forms the program writes it in, and the
 * parts (numbers, names, status names) are put into the translated form.
 * Text of no known form is shown as it was stored.
 */
#ifndef ESEAL_CORE_RECWORDS_H
#define ESEAL_CORE_RECWORDS_H

/* STORED (may be NULL) translated for showing; a new string, never
 * NULL.  Not sanitized: the caller sanitizes what it draws. */
char *recwords_text(const char *stored);

#endif
