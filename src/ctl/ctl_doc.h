/*
 * ctl_doc.h -- what the document verbs of esealctl share (ctl_doc.c,
 * ctl_docflow.c, ctl_print.c): reading a document's content from a file
 * or a form, parsing ids and copy numbers, finding records by name, and
 * printing a document's state after an action.
 *
 * Private to src/ctl.  Nothing here decides a rule: the core does.
 */
#ifndef ESEAL_CTL_DOC_H
#define ESEAL_CTL_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "ctl/ctl.h"
#include "store/store.h"

/* Where a document's content comes from on the command line. */
struct ctl_doc_source {
	const char	*import;	/* --import FILE ("-": stdin) */
	const char	*form;		/* --form ID */
	char		**fields;	/* --field NAME=VALUE, in order */
	size_t		 nfields;
};

void ctl_doc_source_add_field(struct ctl_doc_source *src, const char *arg);
void ctl_doc_source_free(struct ctl_doc_source *src);

/* Read the content SRC names into C (doc_content_free after); prints
 * what is wrong and returns the exit code, or CTL_EXIT_OK. */
int ctl_doc_content(const struct ctl_doc_source *src, struct doc_content *c);

/* A document or application id ("12"); 0 and prints usage on error. */
uint64_t ctl_doc_id(const char *arg);

/* Copy numbers from ARGV[0..ARGC-1], each "N" or "N-M", into a new
 * array *NOS of *N; non-zero on a malformed one. */
int ctl_doc_copies(int argc, char **argv, uint32_t **nos, size_t *n);

/* A whole number 1..MAX from ARG into *V; non-zero when it is not. */
int ctl_doc_number(const char *arg, uint32_t max, uint32_t *v);

/* The id of the record of KIND called NAME in the unique index IDX. */
enum status ctl_doc_find(struct store *st, enum store_index idx,
    enum rec_kind kind, const char *name, uint64_t *id);

/* Print "id: N" and "state: S" of document ID (read as S), for scripts
 * that want to know where an action left it. */
int ctl_doc_report(struct store *st, struct session *s, uint64_t id);

/* The usage text of "doc"; returns CTL_EXIT_USAGE. */
int ctl_doc_usage(void);

/* Non-zero when SUB is one of the flow sub-commands of ctl_docflow.c. */
int ctl_docflow_has(const char *sub);

/* Run flow sub-command ARGV[0] as S.  PASSWORD is the seal's key
 * password, read only for "seal" (NULL otherwise). */
int ctl_docflow_run(struct store *st, struct session *s,
    const char *password, int argc, char **argv);

#endif
