/*
 * dialog.h -- the dialogs every screen uses: a confirmation with a
 * summary of what will happen (before every action that changes
 * records), a message box, a text prompt, a password prompt, and a
 * progress display that can offer to cancel.
 *
 * Each is a modal screen run by loop_modal(): the call returns when the
 * user has answered, with everything else painted and resized around
 * it by the loop.  All text passed in is already translated; text that
 * came from documents or users must have been sanitized where it
 * entered the program.
 */
#ifndef ESEAL_UI_DIALOG_H
#define ESEAL_UI_DIALOG_H

#include <stddef.h>

#include "util/util.h"

/*
 * Ask before acting.  TITLE names the action ("Seal the document"),
 * SUMMARY says what will happen, in full ("3 copies of 关于… will be
 * sealed with …; this is recorded in the signing history"), YES labels
 * the button that does it.  DEFAULT_YES chooses which button Enter
 * presses first; use 0 where saying yes by mistake loses work.
 * Returns 1 for yes, 0 for no, -1 when the program is quitting.
 */
int dialog_confirm(const char *title, const char *summary, const char *yes,
    int default_yes);

/* Show TEXT (wrapped, scrollable) until Enter or Esc. */
void dialog_message(const char *title, const char *text);

/*
 * Ask for one line of text, starting with INITIAL (may be NULL), at most
 * MAX_CHARS characters (0: no limit).  On Enter returns STATUS_OK and a
 * new string in *OUT; on Esc returns STATUS_CANCELLED.
 */
enum status dialog_prompt(const char *title, const char *label,
    const char *initial, size_t max_chars, char **out);

/* The same for a password: nothing is echoed, the editor's buffer is
 * wiped, and *OUT must be freed with mem_free_secret(). */
enum status dialog_password(const char *title, const char *label, char **out);

/*
 * Progress of long work (rendering, printing many copies, exports,
 * reports).  Open it, then call dialog_progress_update() as the work
 * goes on: it repaints and, when CAN_CANCEL, notices Esc or c and asks
 * whether to stop; it returns STATUS_CANCELLED when the user stopped the
 * work or the program is quitting, and the caller then stops safely.
 * Close it in every case.
 */
struct dialog_progress;

struct dialog_progress *dialog_progress_open(const char *title,
    int can_cancel);
enum status dialog_progress_update(struct dialog_progress *p,
    unsigned long done, unsigned long total, const char *what);
void dialog_progress_close(struct dialog_progress *p);

#endif
