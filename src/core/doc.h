/*
 * doc.h -- what a document says: the content of one version, the names
 * of kinds, states and flags, and the canonical serialisation whose SM3
 * hash fixes a version once it is sent for e-sealing (Art. 10).
 *
 * Plain data and pure functions only: nothing here reads or writes the
 * store, and nothing here decides who may do what (workflow.c does).
 */
#ifndef ESEAL_CORE_DOC_H
#define ESEAL_CORE_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "store/records.h"
#include "util/util.h"

/* Copies one version may ask for: enough for a batch of blank forms. */
#define DOC_COPIES_MAX	9999

/*
 * The content of one version as the drafter writes it.  Strings are
 * owned, sanitised UTF-8 (NULL reads as "").  The flags travel with the
 * version (in rec_version.fields) so that a version is complete on its
 * own and its hash covers them; rec_doc keeps copies for the indexes.
 */
struct doc_content {
	uint8_t		 kind;		/* enum doc_kind, fixed per document */
	uint8_t		 classification; /* enum classification */
	uint8_t		 urgency;	/* enum urgency */
	uint8_t		 special_number; /* 特殊字号: a bureau leader */
	uint8_t		 seal_mode;	/* enum seal_mode, before approval */
	uint8_t		 leader_in_charge; /* the leader in charge too */
	uint8_t		 batch;		/* a batch of sealed blank forms */
	uint32_t	 copies;	/* asked for, 1..DOC_COPIES_MAX */
	char		*form;		/* form definition name, or NULL */
	char		*title;
	char		*recipients;
	char		*body;
	char		*attachments;	/* each: its name, a newline, text */
	char		*issuing_body;
	char		*classification_period;
	char		*extra;		/* other "key: value" lines, verbatim */
};

void doc_content_init(struct doc_content *c);
void doc_content_free(struct doc_content *c);

/* A deep copy of SRC into DST (DST is overwritten, not freed). */
void doc_content_copy(struct doc_content *dst, const struct doc_content *src);

/*
 * STATUS_OK when C can be recorded: a known kind, a title, copies within
 * 1..DOC_COPIES_MAX, known flag values, valid UTF-8 everywhere.
 */
enum status doc_content_check(const struct doc_content *c);

/* Non-zero when documents of KIND may ever be e-sealed (Art. 1-3). */
int doc_kind_sealable(enum doc_kind kind);

/*
 * Stable names, as in the import format and esealctl's output
 * ("official-admin", "in-approval" ...): never translated.  The parse
 * functions return -1 for an unknown name.
 */
const char *doc_kind_name(enum doc_kind kind);
const char *doc_state_name(enum doc_state state);
const char *doc_class_name(enum classification c);
const char *doc_urgency_name(enum urgency u);
const char *doc_mode_name(enum seal_mode m);
int doc_kind_parse(const char *s);
int doc_state_parse(const char *s);
int doc_class_parse(const char *s);
int doc_urgency_parse(const char *s);
int doc_mode_parse(const char *s);

/* Translated labels for screens (行政文件, 审批中 ...). */
const char *doc_kind_label(enum doc_kind kind);
const char *doc_state_label(enum doc_state state);

/*
 * The version record's text fields from C: title, recipients ... go to
 * their own fields, the flags to V->fields as "key: value" lines in a
 * fixed order followed by C->extra.  V's strings are replaced (freed
 * first); ids, number and hashes are left alone.
 */
void doc_content_to_version(const struct doc_content *c,
    struct rec_version *v);

/* The reverse; STATUS_CORRUPT when V->fields cannot be read back. */
enum status doc_content_from_version(const struct rec_version *v,
    struct doc_content *c);

/* The value of KEY in "key: value" lines (a new string), or NULL. */
char *doc_fields_get(const char *fields, const char *key);

/*
 * The canonical serialisation of version V of document DOC_ID, the bytes
 * whose SM3 is rec_version.content_sm3 (documented in the manual):
 *
 *   "eseal-content-1\n"
 *   u64 document id, u32 version number       (big-endian)
 *   title, recipients, body, attachments, issuing body,
 *   classification period, fields              (each: u32 big-endian
 *                                               byte length, UTF-8 bytes)
 *
 * Every field is length-prefixed, so no two different versions share a
 * serialisation; nothing that may legitimately change after sealing
 * (signature, PDF hash, author's current name) is in it.
 */
void doc_canonical(uint64_t doc_id, const struct rec_version *v,
    struct buf *out);

#endif
