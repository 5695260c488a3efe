/*
 * rec_version.c -- how the store keeps one immutable version of a document
 * (struct rec_version) and its index by document and number.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 *
 * The long fields are flagged FF_DEFLATE (schema 8): measured at 10,000
 * generated documents, a body of 722 bytes packs to about 250 and a seal
 * signature of 2,440 (the seal and its certificates, the signer's
 * certificate twice) to about 1,200; a version takes 1,560 bytes instead
 * of 3,130.  The content hash is the core's, over the plain text, so
 * packing changes no hash.  From schema 9 the signature is stored
 * without the SESeal and certificate its seal record holds (splice.c,
 * which record.c calls): about 440 bytes packed instead of 1,200 (and
 * 1 KB instead of 100 KB with a real seal's picture), read back whole.
 * From schema 10 the text fields may be packed against the dictionary
 * of documents' text and the signature against the template of our own
 * seal signatures (FF_DICT, dict.c), whichever is shortest.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const struct field rec_version_fields[] = {
	FIELD(1, FT_U64, 0, rec_version, doc_id),
	FIELD(2, FT_U32, 0, rec_version, number),
	FIELD(3, FT_U8, 0, rec_version, frozen),
	FIELD(4, FT_U64, 0, rec_version, author_id),
	FIELD_DICT(5, FT_STR, FF_DEFLATE, DICT_TEXT,
	    rec_version, title),
	FIELD_DICT(6, FT_STR, FF_DEFLATE, DICT_TEXT,
	    rec_version, recipients),
	FIELD_DICT(7, FT_STR, FF_DEFLATE, DICT_TEXT,
	    rec_version, body),
	FIELD_DICT(8, FT_STR, FF_DEFLATE, DICT_TEXT,
	    rec_version, attachments),
	FIELD_DICT(9, FT_STR, 0, DICT_TEXT, rec_version, issuing_body),
	FIELD_DICT(10, FT_STR, 0, DICT_TEXT, rec_version,
	    classification_period),
	FIELD_DICT(11, FT_STR, FF_DEFLATE, DICT_TEXT,
	    rec_version, fields),
	FIELD(12, FT_BLOB, 0, rec_version, content_sm3),
	FIELD(13, FT_BLOB, 0, rec_version, pdf_sm3),
	FIELD_DICT(14, FT_BLOB, FF_DEFLATE, DICT_SES, rec_version,
	    signature),
	FIELD(15, FT_I64, FF_TIME, rec_version, created),
};

const struct rec_type rec_version_type = {
	REC_VERSION, "version", sizeof (struct rec_version),
	rec_version_fields, sizeof rec_version_fields / sizeof rec_version_fields[0],
	NULL, NULL
};

/* IDX_VERSION_DOC: document, number, then the id. */
const struct index_def rec_version_idx_doc = {
	IDX_VERSION_DOC, REC_VERSION, "version-by-doc.db", 0, 2,
	{ { offsetof(struct rec_version, doc_id), FT_U64, 0 },
	    { offsetof(struct rec_version, number), FT_U32, 0 } }, 0
};
