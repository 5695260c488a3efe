/*
 * editor.h -- writing a long text in the user's own editor ($VISUAL or
 * $EDITOR) instead of in the field editor (field.h).
 *
 * The text goes to a private temporary file, the terminal is handed to
 * the editor, and what the editor saved comes back through the one
 * sanitizer.  Nothing here judges the text beyond its length; the form's
 * rules stay the core's (form_validate).
 */
#ifndef ESEAL_UI_EDITOR_H
#define ESEAL_UI_EDITOR_H

#include <stddef.h>

#include "util/util.h"

/*
 * Edit TEXT (UTF-8) in the user's editor.  On STATUS_OK *OUT is the new
 * text (sanitized, newlines kept, trailing newlines removed), which has
 * at most MAX_CHARS characters (0: no limit).  Otherwise *OUT is NULL
 * and *WHY is a new, translated message saying what went wrong and that
 * the field keeps its text: no editor is set (STATUS_UNSUPPORTED), the
 * editor failed or was killed (STATUS_CANCELLED), the text is too long
 * (STATUS_INVALID), a file could not be written or read (STATUS_IO).
 * The temporary file is removed in every case.
 */
enum status editor_edit(const char *text, size_t max_chars, char **out,
    char **why);

/* Remove the private folders (and the text in them) that an eseal
 * killed while its editor was open left behind; each folder names its
 * process, and only those of processes that are gone are touched. */
void editor_sweep(void);

/* The command that editor_edit() would run, or NULL when none is set
 * and no vi is installed.  A new string. */
char *editor_command(void);

#endif
