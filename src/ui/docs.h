/*
 * docs.h -- the document screens (Flows 1-5): the lists of documents
 * and queues, the document screen with the actions its state and the
 * user's roles allow, drafting from a form, the dialogs of approval,
 * sealing, printing, reject, reprint, extra print, decisions, recall
 * and destruction, the print log and the seal register.
 *
 * Every opener pushes its screen and returns at once, like those in
 * screens.h.  The dialogs run until answered and return 1 when a record
 * changed, so the screen that asked reads the document again.  The core
 * decides every rule; these screens show, ask, and show the core's
 * refusal next to the input it is about or on the message line.
 */
#ifndef ESEAL_UI_DOCS_H
#define ESEAL_UI_DOCS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* doclist.c: the documents waiting in queue Q (enum inbox_queue), with
 * tagging where the rules allow acting on several at once. */
void doclist_open_queue(int q);

/* doclist.c: every document the user may read, most recently changed
 * first. */
void doclist_open_all(void);

/* docscreen.c: one document, its record as a timeline, and its
 * actions. */
void docscreen_open(uint64_t doc_id);

/* draft.c: choose a document form and fill it in as a new draft. */
void draft_open(void);

/* draft.c: the drafter's revision of V, in its form (workflow_revise);
 * REPRINT non-zero: the revision of a sealed document is a reprint
 * application with a reason instead (Flow 4).  Returns 1 when saved. */
int draft_revise(const struct docview *v, int reprint);

/* importdlg.c: read a document file (UTF-8 or GB18030), show what was
 * read, and record it as the user's new draft after a confirmation.
 * Runs until closed; returns 1 when recorded, its id in *DOC_ID. */
int importdlg_run(uint64_t *doc_id);

/* flowdlg.c: submit, approve (optional comment; the last step issues),
 * return (required comment), send for sealing, reject (required
 * reason).  Each confirms with a summary first. */
int flowdlg_submit(const struct docview *v);
int flowdlg_approve(const struct docview *v);
int flowdlg_return(const struct docview *v);
int flowdlg_send(const struct docview *v);
int flowdlg_reject(const struct docview *v);

/* flowdlg.c: approve the N documents IDS at once, with one optional
 * comment; reports each refusal, naming the document and, for a step
 * needing a higher leader, the level it needs.  Returns 1 once the
 * approvals were tried (the queue has changed, refused or not). */
int flowdlg_approve_many(const uint64_t *ids, size_t n);

/* sealdlg.c: seal V with an active seal in the clerk's custody,
 * confirming the copies, with the key password (never echoed). */
int sealdlg_seal(const struct docview *v);

/* sealdlg.c: seal the N blank-form batches IDS with one seal and one
 * password, each with its approved copies (Flow 1.2). */
int sealdlg_seal_many(const uint64_t *ids, size_t n);

/* printdlg.c: print V's remaining copies: a printer, the copies,
 * progress with cancel between copies. */
int printdlg_print(const struct docview *v);

/* copiesdlg.c: extra print (N and a reason), the decision on a pending
 * application, recall of printed copies by number, and their
 * destruction before a witness (Flows 4 and 5). */
int copiesdlg_extra(const struct docview *v);
int copiesdlg_decide(const struct docview *v);
int copiesdlg_recall(const struct docview *v);
int copiesdlg_destroy(const struct docview *v);

/* printlogview.c: every print job, newest first. */
void printlogview_open(void);

/* seals.c: the seal register: each seal, its custody and its history,
 * and the proxy custody steps (custodydlg.h). */
void seals_open(void);

/* sealadd.c: the office director makes a seal with its custodian
 * present (Art. 5, 6); 1 when a seal was made. */
int sealadd_open(void);

/* -- Shared by the files above (docfmt.c) ------------------------------- */

/* Show the core's refusal RC on the message line; an idle session
 * locks instead. */
void docfmt_refused(enum status rc);

/* "关于…的请示 (示司办〔2026〕1号)", or the title alone: for
 * summaries.  A new string. */
char *docfmt_name(const struct docview *v);

/* "3 asked for" before approval, else "3 approved, 1 printed" (a new
 * string). */
char *docfmt_copies(const struct docview *v);

/* The document in three lines, above a dialog's inputs (a new
 * string). */
char *docfmt_intro(const struct docview *v);

/* The full name, else the login name, of user ID as read with V. */
const char *docfmt_user(const struct docview *v, uint64_t id);

/* The translated labels of an urgency, a classification, a seal mode,
 * an approval action, an application's kind and state, a print outcome
 * and a seal's status. */
const char *docfmt_urgency(unsigned u);
const char *docfmt_class(unsigned c);
const char *docfmt_mode(unsigned m);
const char *docfmt_action(unsigned a);
const char *docfmt_app_kind(unsigned k);
const char *docfmt_app_state(unsigned s);
const char *docfmt_outcome(unsigned o);
const char *docfmt_seal_status(unsigned s);

/* The first pending application of V, or NULL. */
const struct rec_application *docfmt_pending_app(const struct docview *v);

/* Who issued (签发) V's current version and when: the issuance record,
 * or NULL (Art. 9: the clerk must see it before sealing). */
const struct rec_approval *docfmt_issuance(const struct docview *v);

/* Parse copy numbers "1-3 5" (spaces or commas; full-width digits too)
 * into a new array; STATUS_INVALID for anything else. */
enum status docfmt_copy_numbers(const char *text, uint32_t **nos,
    size_t *n);

/* Parse a whole number in 1..MAX (full-width digits too). */
enum status docfmt_number(const char *text, uint32_t max, uint32_t *out);

#endif
