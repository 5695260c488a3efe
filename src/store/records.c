/*
 * records.c -- the tables that tie each record kind and each index to its
 * description in rec_KIND.c, and the small public helpers of records.h
 * (rec_free, rec_size, rec_format, rec_kind_name).
 *
 * It must not hold any kind's layout: that lives in rec_KIND.c alone.
 */
#include <config.h>

#include <string.h>

#include "store/codec.h"

/* Also the names dump prints and accepts, and the start of each kind's
 * file name: never rename one. */
const char *const rec_kind_names[REC__COUNT] = {
	"meta", "dept", "user", "seal", "printer", "medium", "doc", "version",
	"approval", "application", "printjob", "recall", "custody", "grant",
	"audit"
};

const char *const rec_class_names[4] = {
	"none", "secret", "confidential", "top-secret"
};

static const struct rec_type *const records_types[REC__COUNT] = {
	[REC_META] = &rec_meta_type,
	[REC_DEPT] = &rec_dept_type,
	[REC_USER] = &rec_user_type,
	[REC_SEAL] = &rec_seal_type,
	[REC_PRINTER] = &rec_printer_type,
	[REC_MEDIUM] = &rec_medium_type,
	[REC_DOC] = &rec_doc_type,
	[REC_VERSION] = &rec_version_type,
	[REC_APPROVAL] = &rec_approval_type,
	[REC_APPLICATION] = &rec_application_type,
	[REC_PRINTJOB] = &rec_printjob_type,
	[REC_RECALL] = &rec_recall_type,
	[REC_CUSTODY] = &rec_custody_type,
	[REC_GRANT] = &rec_grant_type,
	[REC_AUDIT] = &rec_audit_type
};

static const struct index_def *const records_indexes[IDX__COUNT] = {
	[IDX_META_KEY] = &rec_meta_idx_key,
	[IDX_USER_NAME] = &rec_user_idx_name,
	[IDX_SEAL_REGNO] = &rec_seal_idx_regno,
	[IDX_PRINTER_NAME] = &rec_printer_idx_name,
	[IDX_MEDIUM_UUID] = &rec_medium_idx_uuid,
	[IDX_DOC_STATE] = &rec_doc_idx_state,
	[IDX_DOC_DRAFTER] = &rec_doc_idx_drafter,
	[IDX_DOC_UPDATED] = &rec_doc_idx_updated,
	[IDX_VERSION_DOC] = &rec_version_idx_doc,
	[IDX_APPROVAL_DOC] = &rec_approval_idx_doc,
	[IDX_APPLICATION_STATE] = &rec_application_idx_state,
	[IDX_PRINTJOB_TIME] = &rec_printjob_idx_time,
	[IDX_PRINTJOB_DOC] = &rec_printjob_idx_doc,
	[IDX_RECALL_DOC] = &rec_recall_idx_doc,
	[IDX_CUSTODY_SEAL] = &rec_custody_idx_seal,
	[IDX_GRANT_USER] = &rec_grant_idx_user,
	[IDX_APPROVAL_ACTION] = &rec_approval_idx_action,
	[IDX_RECALL_RECALLED] = &rec_recall_idx_recalled,
	[IDX_RECALL_DESTROYED] = &rec_recall_idx_destroyed,
	[IDX_APPLICATION_KIND] = &rec_application_idx_kind,
	[IDX_DOC_GRAM] = &rec_doc_idx_gram,
	[IDX_APPLICATION_DOC] = &rec_application_idx_doc,
	[IDX_DOC_STEP] = &rec_doc_idx_step,
	[IDX_DOC_OWN_STEP] = &rec_doc_idx_own_step,
	[IDX_DOC_ACTED1] = &rec_doc_idx_acted1,
	[IDX_DOC_ACTED2] = &rec_doc_idx_acted2,
	[IDX_DOC_ACTED3] = &rec_doc_idx_acted3
};

const struct rec_type *
rec_type_of(enum rec_kind kind)
{
	if ((unsigned) kind >= REC__COUNT)
		return NULL;
	return records_types[kind];
}

const struct index_def *
index_def_of(enum store_index idx)
{
	if ((unsigned) idx >= IDX__COUNT)
		return NULL;
	return records_indexes[idx];
}

void
rec_free(enum rec_kind kind, void *rec)
{
	const struct rec_type *t = rec_type_of(kind);

	if (t != NULL && rec != NULL)
		codec_free(t, rec);
}

size_t
rec_size(enum rec_kind kind)
{
	const struct rec_type *t = rec_type_of(kind);

	return t == NULL ? 0 : t->size;
}

char *
rec_format(enum rec_kind kind, const void *rec)
{
	const struct rec_type *t = rec_type_of(kind);

	return t == NULL ? xstrdup("") : codec_format(t, rec);
}

const char *
rec_kind_name(enum rec_kind kind)
{
	return (unsigned) kind < REC__COUNT ? rec_kind_names[kind] : "unknown";
}

int
rec_kind_from_name(const char *name, enum rec_kind *kind)
{
	unsigned i;

	for (i = 0; i < REC__COUNT; i++) {
		if (strcmp(rec_kind_names[i], name) == 0) {
			*kind = (enum rec_kind) i;
			return 1;
		}
	}
	return 0;
}
