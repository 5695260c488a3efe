/*
 * command.h -- what a user can ask of a screen, separate from the keys
 * that ask it.
 *
 * Every command is one row of COMMAND_LIST with its label (for the
 * bottom line) and its help text.  Keys are bound to commands in one
 * table in command.c; a key may be bound to several commands, and the
 * first that the current screen offers wins ('n' is "next match" in a
 * list and "no" in a confirmation).  A screen offers commands through
 * tables of struct command_row: the handler and its precondition (the
 * roles allowed, through the core's permission table; a selection;
 * tagged rows; a document state).  Dispatch, the help screen (? and F1)
 * and the bottom line are all generated from those tables, so a key
 * never works without being listed, nor is listed without working.
 *
 * (The core's "actions" in core/action.h are the business operations
 * that the permission table and the audit trail know; a command row
 * names the one it leads to in its perm field.)
 *
 * Add commands at the end of the list; nothing stores their numbers.
 */
#ifndef ESEAL_UI_COMMAND_H
#define ESEAL_UI_COMMAND_H

#include <stddef.h>

#include "ui/draw.h"
#include "ui/loop.h"
#include "util/util.h"

/* X(name, label on the bottom line, help text) */
#define COMMAND_LIST(X) \
	X(CMD_NONE,		"",			"") \
	X(CMD_HELP,		N_("Help"),		N_("Show every key of this screen")) \
	X(CMD_QUIT,		N_("Quit"),		N_("Leave eseal; asks first when work is unsaved")) \
	X(CMD_BACK,		N_("Back"),		N_("Close this screen and go back")) \
	X(CMD_REDRAW,		N_("Redraw"),		N_("Paint the whole screen again")) \
	X(CMD_UP,		N_("Up"),		N_("Move up one line")) \
	X(CMD_DOWN,		N_("Down"),		N_("Move down one line")) \
	X(CMD_PAGE_UP,		N_("Page up"),		N_("Move up one page")) \
	X(CMD_PAGE_DOWN,	N_("Page down"),	N_("Move down one page")) \
	X(CMD_FIRST,		N_("First"),		N_("Go to the first line")) \
	X(CMD_LAST,		N_("Last"),		N_("Go to the last line")) \
	X(CMD_OPEN,		N_("Open"),		N_("Open the selected line")) \
	X(CMD_SEARCH,		N_("Search"),		N_("Search the lines for a text")) \
	X(CMD_SEARCH_NEXT,	N_("Next match"),	N_("Go to the next line that matches the search")) \
	X(CMD_SEARCH_PREV,	N_("Previous match"),	N_("Go to the previous line that matches the search")) \
	X(CMD_LIMIT,		N_("Limit"),		N_("Show only the lines that contain a text (empty: all)")) \
	X(CMD_SORT,		N_("Sort"),		N_("Sort by the next column")) \
	X(CMD_SORT_REVERSE,	N_("Reverse"),		N_("Reverse the order of the sort")) \
	X(CMD_TAG,		N_("Tag"),		N_("Tag or untag this line, to act on several at once")) \
	X(CMD_TAG_ALL,		N_("Tag all"),		N_("Tag every line shown, or untag them all")) \
	X(CMD_NEXT_FIELD,	N_("Next field"),	N_("Go to the next field")) \
	X(CMD_PREV_FIELD,	N_("Previous field"),	N_("Go to the previous field")) \
	X(CMD_LEFT,		N_("Left"),		N_("Move the cursor one character left; in a choice, the previous choice")) \
	X(CMD_RIGHT,		N_("Right"),		N_("Move the cursor one character right; in a choice, the next choice")) \
	X(CMD_HOME,		N_("Start of line"),	N_("Move the cursor to the start of the line")) \
	X(CMD_END,		N_("End of line"),	N_("Move the cursor to the end of the line")) \
	X(CMD_BACKSPACE,	N_("Erase"),		N_("Erase the character before the cursor")) \
	X(CMD_DELETE,		N_("Delete"),		N_("Delete the character under the cursor")) \
	X(CMD_NEWLINE,		N_("New line"),		N_("Start a new line in a text; in other fields, go to the next field")) \
	X(CMD_SAVE,		N_("Save"),		N_("Check the form and save it")) \
	X(CMD_ACCEPT,		N_("OK"),		N_("Accept the highlighted answer")) \
	X(CMD_YES,		N_("Yes"),		N_("Answer yes")) \
	X(CMD_NO,		N_("No"),		N_("Answer no")) \
	X(CMD_CANCEL,		N_("Cancel"),		N_("Stop the work in progress")) \
	X(CMD_LOGIN,		N_("Log in"),		N_("In the name field, go to the password; in the password field, log in")) \
	X(CMD_RESUME,		N_("Unlock"),		N_("Unlock the session with your password")) \
	X(CMD_LOGOUT,		N_("Log out"),		N_("End your session and return to the login screen")) \
	X(CMD_PASSWD,		N_("Password"),		N_("Change your own password")) \
	X(CMD_ADD,		N_("Add"),		N_("Add a new one: an account, a department")) \
	X(CMD_DISABLE,		N_("Disable/enable"),	N_("Disable the selected account, or enable it again")) \
	X(CMD_EDIT,		N_("Roles"),		N_("Change the roles, clearance, issuing authority, leader level and department of the selected account")) \
	X(CMD_UNLOCK,		N_("Unlock account"),	N_("Lift the lock put on the selected account after failed logins")) \
	X(CMD_RESET_PW,		N_("Reset password"),	N_("Give the selected account a new initial password, shown once")) \
	X(CMD_VERIFY,		N_("Verify"),		N_("Verify the whole audit trail again")) \
	/* The document screens (docs.h). */ \
	X(CMD_DOC_REVISE,	N_("Revise"),		N_("Edit the document in its form; a revision is approved again (Art. 10)")) \
	X(CMD_DOC_SUBMIT,	N_("Submit"),		N_("Submit the draft for approval")) \
	X(CMD_DOC_APPROVE,	N_("Approve"),		N_("Approve at your step, with an optional comment; at the last step this issues it")) \
	X(CMD_DOC_RETURN,	N_("Return"),		N_("Return the document to its drafter, with a comment")) \
	X(CMD_DOC_SEND,		N_("Send"),		N_("Send the issued document to the clerk for sealing; it can no longer be edited (Art. 10)")) \
	X(CMD_DOC_SEAL,		N_("Apply seal"),	N_("Apply a seal in your custody, confirming the copies, with the seal's key password")) \
	X(CMD_DOC_PRINT,	N_("Print"),		N_("Print the approved copies on a colour printer (Flow 2)")) \
	X(CMD_DOC_REJECT,	N_("Reject"),		N_("Reject the document back to its drafter with a written reason (Flow 3)")) \
	X(CMD_DOC_REPRINT,	N_("Reprint"),		N_("Revise the sealed document and apply for a reprint, with a reason (Flow 4)")) \
	X(CMD_DOC_EXTRA,	N_("Extra print"),	N_("Apply for more copies of the sealed document (Flow 5)")) \
	X(CMD_APP_DECIDE,	N_("Decide"),		N_("Approve or deny the application waiting on this document")) \
	X(CMD_DOC_RECALL,	N_("Recall"),		N_("Record printed copies of the replaced version as recalled, by copy number (Flow 4)")) \
	X(CMD_DOC_DESTROY,	N_("Destroyed"),	N_("Record recalled copies as destroyed, with a witness (Flow 4)")) \
	X(CMD_DOC_BATCH,	N_("Blank forms"),	N_("Apply for a batch of sealed blank forms of this form (Flow 1)")) \
	X(CMD_DOC_IMPORT,	N_("Import"),		N_("Read a document from a text file (UTF-8 or GB18030), check it, and record it as a new draft")) \
	X(CMD_EDITOR,		N_("Editor"),		N_("Write this text in your own editor ($VISUAL or $EDITOR); it comes back when the editor is left")) \
	/* The reports screen and the printer and media registers. */ \
	X(CMD_SCROLL_LEFT,	N_("Left"),		N_("Show the columns to the left; the first column stays")) \
	X(CMD_SCROLL_RIGHT,	N_("Right"),		N_("Show the columns to the right; the first column stays")) \
	X(CMD_TABLE_NEXT,	N_("Next table"),	N_("Show the report's next table")) \
	X(CMD_TABLE_PREV,	N_("Previous table"),	N_("Show the report's previous table")) \
	X(CMD_REPORT_CHOOSE,	N_("Report"),		N_("Choose another report or period")) \
	X(CMD_EXPORT,		N_("Export"),		N_("Write the report to a registered removable medium, with a signed MANIFEST")) \
	X(CMD_PRINTER_ADD,	N_("Add printer"),	N_("Register a printer: a CUPS queue or a folder, with its colour and classification")) \
	X(CMD_PRINTER_DISABLE,	N_("Disable/enable"),	N_("Disable the selected printer for new jobs, or enable it again")) \
	X(CMD_PRINTER_REMOVE,	N_("Remove"),		N_("Remove the selected printer; only one the print log never names")) \
	X(CMD_MEDIUM_REGISTER,	N_("Register"),		N_("Register a removable medium by its file-system UUID (the selected mounted one)")) \
	X(CMD_MEDIUM_REVOKE,	N_("Revoke"),		N_("Revoke the selected medium's registration: nothing is exported to it any more")) \
	/* The auditor's search of the audit trail. */ \
	X(CMD_AUDIT_EXPORT,	N_("Export"),		N_("Write the entries found to a registered removable medium, signed")) \
	/* Standalone seals (Art. 14). */ \
	X(CMD_SA_APPLY,		N_("Apply"),		N_("Apply for a standalone seal for a work station's designated person")) \
	X(CMD_SA_APPROVE,	N_("Approve"),		N_("Approve the selected standalone seal, as the station's director or the office director")) \
	X(CMD_SA_DENY,		N_("Deny"),		N_("Deny the selected standalone seal, with a reason")) \
	X(CMD_SA_ISSUE,		N_("Issue"),		N_("Write the approved standalone seal to a registered medium; shows its one-time secret once")) \
	X(CMD_SA_RETURN,	N_("Take back"),	N_("Read the standalone seal's medium back: import its uses, wipe it, close it")) \
	X(CMD_SA_SEAL_FILE,	N_("Seal a file"),	N_("Read a document file (the import format, UTF-8 or GB18030), show it, and seal it as this station's")) \
	/* Making a seal (Art. 5), on the seal register. */ \
	X(CMD_SEAL_ADD,		N_("Add seal"),		N_("Make and register a seal; the clerk who will keep it, present, types their password and chooses the key's")) \
	/* Proxy custody of a seal (Art. 6), on the seal register. */ \
	X(CMD_CUSTODY_REQUEST,	N_("Ask for a proxy"),	N_("Ask that another clerk hold the selected seal in your custody for a period, with a reason")) \
	X(CMD_CUSTODY_APPROVE,	N_("Approve proxy"),	N_("Approve the proxy custody asked for the selected seal")) \
	X(CMD_CUSTODY_DENY,	N_("Deny proxy"),	N_("Deny the proxy custody asked for the selected seal, with a reason")) \
	X(CMD_CUSTODY_HANDOVER,	N_("Hand over"),	N_("Hand the selected seal over to its approved proxy, both present, each typing a password")) \
	X(CMD_CUSTODY_RETURN,	N_("Take back seal"),	N_("End the proxy custody of the selected seal early, both present"))

#define COMMAND_ENUM(name, label, help) name,
enum command {
	COMMAND_LIST(COMMAND_ENUM)
	CMD__COUNT
};
#undef COMMAND_ENUM

/* Preconditions a command row can state (command_row.needs). */
#define CMD_NEEDS_SELECTION	1	/* a line is selected */
#define CMD_NEEDS_TAGGED	2	/* at least one line is tagged */

/* command_row.flags */
#define CMD_BOTTOM		1	/* shown on the bottom line */

/* command_row.perm for commands anyone may use. */
#define CMD_ANYONE		(-1)

/*
 * command_row.perm for a core action ACT offered only to ROLES (role
 * bits): the permission table names every role that takes part in an
 * action, and some only take part (the clerk who will keep a new seal
 * types their password in the office director's dialog) without ever
 * starting it from a screen.  The row is offered to a user with a role
 * in both.  The core checks the action again all the same.
 */
#define CMD_PERM_SHIFT		8
#define CMD_PERM_ACTION		((1 << CMD_PERM_SHIFT) - 1)
#define CMD_PERM_ROLES(act, roles) \
	((int) ((unsigned) (act) | (unsigned) (roles) << CMD_PERM_SHIFT))

/* One command a screen offers.  Tables end with { CMD_NONE }. */
struct command_row {
	enum command	 cmd;
	int		(*run)(struct ui_screen *s, enum command cmd);
					/* returns UI_DRAW_*; CMD tells one
					 * handler serving several which */
	int		 perm;		/* the core action (ACT_*) whose role
					 * check gates it, CMD_PERM_ROLES()
					 * of one, or CMD_ANYONE */
	unsigned	 needs;		/* CMD_NEEDS_* */
	unsigned	 states;	/* document states allowed, as
					 * 1u << state; 0 for any */
	unsigned	 flags;		/* CMD_BOTTOM */
};

/* What a screen's context() reports for the preconditions. */
struct command_context {
	int	selected;	/* non-zero when a line is selected */
	size_t	tagged;		/* lines tagged */
	int	state;		/* the document's state, or -1 */
};

/*
 * The role check.  PERMIT(perm, ctx) says whether the person logged in
 * may perform the core action PERM; the login screen installs it (it
 * calls the core's permission check).  Until then every command is
 * allowed.  Commands that fail it are neither listed nor run.
 */
void command_set_permit(int (*permit)(int perm, void *ctx), void *ctx);

/* Handle KEY on screen S: ops->input, then S's tables, then the global
 * table.  Returns UI_DRAW_* for the loop. */
int command_dispatch(struct ui_screen *s, int key);

/* The row KEY leads to on S, or NULL (what dispatch would run). */
const struct command_row *command_resolve(struct ui_screen *s, int key);

/* Run command CMD on S as if its key was pressed (checks included);
 * UI_PASS when S does not offer it. */
int command_run(struct ui_screen *s, enum command cmd);

/* STATUS_OK when ROW may run on S now; else STATUS_DENIED (roles),
 * STATUS_STATE (document state) or STATUS_INVALID (no selection or
 * nothing tagged), and *WHY says it in words (translated). */
enum status command_allowed(struct ui_screen *s, const struct command_row *row,
    const char **why);

/* The commands S offers that the user's roles permit, in table order,
 * each once, the global ones last: what the help screen lists.  Fills
 * up to MAX rows; returns how many there are. */
size_t command_offered(struct ui_screen *s, const struct command_row **rows,
    size_t max);

/* The keys that reach CMD on S, in binding order; returns how many. */
size_t command_keys(struct ui_screen *s, enum command cmd, int *keys,
    size_t max);

/* A key's name as printed on keyboards ("F10", "Shift-Tab", "Ctrl-L",
 * "j"), into BUF of SIZE bytes; returns BUF. */
const char *command_key_name(int key, char *buf, size_t size);

/* The translated label and help text of CMD. */
const char *command_label(enum command cmd);
const char *command_help(enum command cmd);

/* Paint the keys line for S into row ROW of R: "F1 Help" first, then
 * S's CMD_BOTTOM commands, then Back and Quit, as many as fit. */
void command_draw_keys(struct ui_screen *s, const struct draw_rect *r,
    int row);

/* The global commands, usable by screens that want to call them. */
int command_quit(struct ui_screen *s, enum command cmd);
int command_back(struct ui_screen *s, enum command cmd);

#endif
