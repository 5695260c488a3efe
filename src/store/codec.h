/*
 * codec.h -- the storage layer's description of each record kind: its
 * field table (tag, type, offset) and its secondary indexes, and the
 * generic codec driven by those tables (codec.c, which also documents the
 * binary format).
 *
 * Internal to src/store: nothing here is a Berkeley DB type, but no other
 * layer should depend on how records are laid out on disk.
 */
#ifndef ESEAL_STORE_CODEC_H
#define ESEAL_STORE_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/util.h"

/* The first byte of every stored record value. */
#define CODEC_FORMAT		1

/* The largest encoded record accepted; a log record must fit in one log
 * file (env.c sets those to 4 MiB). */
#define CODEC_MAX_RECORD	(1024 * 1024)

enum field_type {
	FT_U8,
	FT_U16,
	FT_U32,
	FT_U64,
	FT_I64,
	FT_STR,
	FT_BLOB
};

enum field_flags {
	FF_SECRET	= 1 << 0,	/* dump shows "(set, N bytes)" only */
	FF_TIME		= 1 << 1,	/* seconds since the epoch */
	FF_ROLES	= 1 << 2,	/* enum role bits */
	FF_DEFLATE	= 1 << 3,	/* stored packed when that is shorter */
	FF_DICT		= 1 << 4,	/* ... or against field.dict */
};

/* How a writer may store strings and blobs: all plain (before schema 8),
 * packed (FF_DEFLATE), or also against a dictionary (FF_DICT, from
 * schema 10). */
#define CODEC_PLAIN		0
#define CODEC_PACK		1
#define CODEC_PACK_DICT		2

struct field {
	unsigned		 tag;		/* never reused, see codec.c */
	enum field_type		 type;
	unsigned		 flags;
	size_t			 offset;
	size_t			 size;		/* of the member: tests compare */
	const char		*name;
	const char *const	*names;		/* enum value names, or NULL */
	unsigned		 nnames;
	unsigned		 dict;		/* FF_DICT's dictionary */
};

#define FIELD_SIZE(st, m)	sizeof ((struct st *) 0)->m
#define FIELD(tag, type, flags, st, m) \
	{ tag, type, flags, offsetof(struct st, m), FIELD_SIZE(st, m), #m, \
	    NULL, 0, 0 }
#define FIELD_ENUM(tag, type, st, m, names) \
	{ tag, type, 0, offsetof(struct st, m), FIELD_SIZE(st, m), #m, \
	    names, sizeof names / sizeof names[0], 0 }
/* A string or blob packed against built-in dictionary DICT (dict.c) when
 * that is shorter (schema 10). */
#define FIELD_DICT(tag, type, flags, dict, st, m) \
	{ tag, type, (flags) | FF_DICT, offsetof(struct st, m), \
	    FIELD_SIZE(st, m), #m, NULL, 0, dict }

/* One numeric part of an index key. */
struct index_part {
	size_t			 offset;
	enum field_type		 type;		/* FT_U8 ... FT_I64 */
	int			 desc;		/* stored inverted: sorts high first */
};

/*
 * A secondary index.  A unique string index (unique_str INDEX_UNIQUE)
 * maps the string at parts[0].offset to the id; a numeric index holds
 * one key per record, the parts then the id, with empty data; a gram
 * index (unique_str INDEX_GRAMS, grams.c and postings.c) holds posting
 * lists, keyed by a gram (one FT_U64 part) and a chunk's bound, each
 * item packing many documents' entries.
 */
#define INDEX_UNIQUE	1
#define INDEX_GRAMS	2

struct index_def {
	enum store_index	 idx;
	enum rec_kind		 kind;
	const char		*file;
	int			 unique_str;
	unsigned		 nparts;
	struct index_part	 parts[3];
	/* A list reads it newest first, backwards: its file is left
	 * uncompressed (prefix.c says why). */
	int			 backwards;
};

struct rec_type {
	enum rec_kind		 kind;
	const char		*name;		/* dump name and file name */
	size_t			 size;
	const struct field	*fields;
	unsigned		 nfields;
	/* Refuse a record the rules never allow (or NULL). */
	enum status		(*validate)(const void *rec);
	/* Non-zero when field F of REC must not be shown (or NULL; blobs
	 * flagged FF_SECRET are never shown either way). */
	int			(*is_secret)(const void *rec, const struct field *f);
};

/* The descriptions, one per rec_KIND.c. */
extern const struct rec_type rec_meta_type, rec_dept_type, rec_user_type,
    rec_seal_type, rec_printer_type, rec_medium_type, rec_doc_type,
    rec_version_type, rec_approval_type, rec_application_type,
    rec_printjob_type, rec_recall_type, rec_custody_type, rec_grant_type,
    rec_audit_type;
extern const struct index_def rec_meta_idx_key, rec_user_idx_name,
    rec_seal_idx_regno, rec_printer_idx_name, rec_medium_idx_uuid,
    rec_doc_idx_state, rec_doc_idx_drafter, rec_doc_idx_updated,
    rec_version_idx_doc, rec_approval_idx_doc, rec_application_idx_state,
    rec_printjob_idx_time, rec_printjob_idx_doc, rec_recall_idx_doc,
    rec_custody_idx_seal, rec_grant_idx_user;
/* The period reports' indexes (report.c in src/core). */
extern const struct index_def rec_approval_idx_action,
    rec_recall_idx_recalled, rec_recall_idx_destroyed,
    rec_application_idx_kind;
/* The search index of titles and numbers (grams.c). */
extern const struct index_def rec_doc_idx_gram;
/* A document's applications (schema 3). */
extern const struct index_def rec_application_idx_doc;
/* Who may act on a document in approval (schema 5, steps.c). */
extern const struct index_def rec_doc_idx_step, rec_doc_idx_own_step,
    rec_doc_idx_acted1, rec_doc_idx_acted2, rec_doc_idx_acted3;

/* Every record large enough for any kind: scans decode into one. */
union rec_any {
	struct rec_meta		 meta;
	struct rec_dept		 dept;
	struct rec_user		 user;
	struct rec_seal		 seal;
	struct rec_printer	 printer;
	struct rec_medium	 medium;
	struct rec_doc		 doc;
	struct rec_version	 version;
	struct rec_approval	 approval;
	struct rec_application	 application;
	struct rec_printjob	 printjob;
	struct rec_recall	 recall;
	struct rec_custody	 custody;
	struct rec_grant	 grant;
	struct rec_audit	 audit;
};

/* Names for dump, shared by several kinds (records.c). */
extern const char *const rec_kind_names[REC__COUNT];
extern const char *const rec_class_names[4];

/* The description of KIND, or NULL when KIND is out of range. */
const struct rec_type *rec_type_of(enum rec_kind kind);

/* The description of index IDX, or NULL. */
const struct index_def *index_def_of(enum store_index idx);

/* Append the encoding of REC (without its id) to OUT, every form
 * allowed (CODEC_PACK_DICT). */
void codec_encode(const struct rec_type *t, const void *rec, struct buf *out);
/* The same, the forms limited to PACK: CODEC_PLAIN (the format before
 * schema 8), CODEC_PACK (before schema 10) or CODEC_PACK_DICT. */
void codec_encode_as(const struct rec_type *t, const void *rec, int pack,
    struct buf *out);

/* Decode N bytes at DATA into REC (zeroed first); on STATUS_CORRUPT
 * nothing is left allocated. */
enum status codec_decode(const struct rec_type *t, const void *data,
    size_t n, void *rec);

/* Release what REC owns and zero it. */
void codec_free(const struct rec_type *t, void *rec);

/* "field: value" lines; secrets are never shown. */
char *codec_format(const struct rec_type *t, const void *rec);

/* "drafter,clerk (0x5)": the role names of ROLES (rec_user.c). */
char *rec_user_roles_text(uint32_t roles);

/* -- zip.c: the packed form of long strings and blobs ------------------- */

/* The longest value packed, and the longest a packed value may declare
 * (so that a damaged length cannot make the reader allocate without
 * bound). */
#define ZIP_MAX_PLAIN	(16u * 1024 * 1024)

/* Append the packed form of the N bytes at PLAIN to OUT -- their length
 * (varint), then their zlib stream -- and return 1, when it is
 * shorter than N; else return 0 and leave OUT as it was. */
int zip_pack(const void *plain, size_t n, struct buf *out);

/* Unpack the N bytes at P into *PLAIN (malloc'd, *LEN bytes and a NUL
 * after them): STATUS_CORRUPT unless the stream inflates to exactly the
 * declared length and ends with the N bytes. */
enum status zip_unpack(const unsigned char *p, size_t n,
    unsigned char **plain, size_t *len);

/* Append the form of wire type 4 of the N bytes at PLAIN to OUT (the
 * dictionary's NUMBER, N, the raw deflate stream) and return its length;
 * 0, OUT unchanged, when NUMBER is unknown or N is 0. */
size_t zip_pack_dict(const void *plain, size_t n, unsigned number,
    struct buf *out);

/* Unpack the N bytes of wire type 4 at P into *PLAIN (malloc'd, *LEN
 * bytes and a NUL after them): STATUS_CORRUPT when the dictionary is
 * unknown, or the stream does not inflate to exactly the declared length
 * or does not end with the N bytes. */
enum status zip_unpack_dict(const unsigned char *p, size_t n,
    unsigned char **plain, size_t *len);

/* -- dict.c: the built-in dictionaries ---------------------------------- */

/* The first schema whose records may hold values packed against a
 * built-in dictionary (wire type 4): a program pretending to be older
 * writes none (pack.c's pack_level). */
#define DICT_SCHEMA		10

/* Numbers of the dictionaries; a released one never changes (dict.c). */
#define DICT_AUDIT		1	/* audit entries' details */
#define DICT_TEXT		2	/* documents' Chinese text */
#define DICT_SES		3	/* seal signatures as stored */
#define DICT__LAST		3

struct dict {
	unsigned		 number;
	const unsigned char	*data;
	size_t			 len;
};

/* Dictionary NUMBER, or NULL when this program does not know it. */
const struct dict *dict_get(unsigned number);

/* The value of a numeric field, widened. */
uint64_t codec_get_uint(const void *rec, size_t offset, enum field_type type);

#endif
