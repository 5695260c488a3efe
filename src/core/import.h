/*
 * import.h -- reading a document from a plain-text file: a header of
 * "key: value" lines, a blank line, then the body, one paragraph per
 * line; the text of each attachment follows the body after a line
 * holding only the attachment's name.  UTF-8 or GB18030 (the encoding
 * many offices still use), detected, never guessed silently.
 *
 * Pure: bytes in, struct doc_content out.  Recording the document is
 * the workflow's business; nothing here touches the store.
 */
#ifndef ESEAL_CORE_IMPORT_H
#define ESEAL_CORE_IMPORT_H

#include <stddef.h>

#include "core/doc.h"
#include "util/util.h"

/* The largest document accepted, in bytes of its file and again of its
 * text once in UTF-8: the store keeps a record of at most 1 MiB, and a
 * version's other fields and its seal's signature need the rest. */
#define IMPORT_MAX_KIB		960u
#define IMPORT_MAX_BYTES	(IMPORT_MAX_KIB << 10)

enum import_encoding { IMPORT_UTF8, IMPORT_GB18030 };

/* Where and why a file was refused, for the message the user sees. */
struct import_error {
	unsigned	 line;		/* 1-based header line, or 0 */
	char		 key[32];	/* the key concerned, or "" */
	const char	*what;		/* translated explanation, or NULL */
	char		 what_buf[160];	/* where WHAT is made up */
};

/*
 * Decode N bytes at DATA into new UTF-8 text (*OUT): valid UTF-8 is
 * taken as it is (a byte-order mark dropped); anything else must convert
 * from GB18030; otherwise STATUS_ENCODING.  *ENC says which it was.
 */
enum status import_decode(const char *data, size_t n, char **out,
    enum import_encoding *enc);

/*
 * Parse the file at DATA (N bytes, either encoding) into C (initialised
 * here; doc_content_free() after, also on failure).  Every value passes
 * text_sanitize().  Unknown keys are kept in C->extra; "drafter" and
 * "approvers" are kept there too (the acting user is the drafter of
 * record), and when "leader-in-charge" is absent, two or more approvers
 * mean the leader in charge approves too.  A character eseal cannot
 * print (printable.h) is refused with its line and character named.
 * STATUS_ENCODING,
 * STATUS_IMPORT_FORMAT (with ERR filled in) or STATUS_OK.
 */
enum status import_parse(const char *data, size_t n, struct doc_content *c,
    enum import_encoding *enc, struct import_error *err);

/*
 * The content of a filled document form F (VALUES: one per field, in
 * field order, NULL for empty; check them with form_validate() first).
 * The fields are named like the header keys ("title", "copies" ...);
 * "body" is the body, "attachment" and "attachment-text" one
 * attachment; other fields are kept in C->extra.  A form without a
 * "body" field (table and fill-in forms) gets a body made of its own
 * fields, one "label：value" line each (Chinese labels, choices by
 * their label, an empty fill-in blank as a line to write on; further
 * lines of a text field indented by two U+3000), so that the document
 * shows and prints what was filled in.  The form's id is recorded, and
 * its kind unless the form lets the drafter choose.
 * Same results as import_parse.
 */
struct form;
enum status import_form(const struct form *f, const char *const *values,
    struct doc_content *c, struct import_error *err);

/*
 * import_file.c: read the document file at PATH and parse it as
 * import_parse() does, with the same results, and also STATUS_NO_FILE
 * (no such file), STATUS_PERM_FS (not readable), STATUS_IO (a folder or
 * a device rather than a file, ERR->what saying which, or a read
 * error).  Only a regular file is opened for reading, so a FIFO or a
 * device never blocks the caller.  An empty file is
 * STATUS_IMPORT_FORMAT with ERR->what saying so.
 */
enum status import_file(const char *path, struct doc_content *c,
    enum import_encoding *enc, struct import_error *err);

/* The same for what can be read from the open descriptor FD (standard
 * input for esealctl's "-"), at most IMPORT_MAX_BYTES + 1 bytes. */
enum status import_fd(int fd, struct doc_content *c,
    enum import_encoding *enc, struct import_error *err);

/* "UTF-8" or "GB18030". */
const char *import_encoding_name(enum import_encoding enc);

#endif
