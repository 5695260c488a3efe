/*
 * printer.h -- the printer register (Art. 13, Flow 2): the printers the
 * print room may choose, kept by the system administrator.
 *
 * A printer is a name the print room sees, where its copies go (a CUPS
 * queue, or a folder that receives one PDF per copy), whether it prints
 * in colour (sealed documents need colour, Flow 2), whether it is a
 * classified printer (classified documents need one, Art. 13), and where
 * it stands.  Adding, disabling, enabling and removing are
 * ACT_PRINTER_MANAGE, each with its audit entry in the same transaction;
 * a refusal is audited too.  The print room (ACT_DOC_PRINT) and the
 * system administrator read the register.
 *
 * Whether a given job may use a printer is decided by printlog_reserve()
 * when the job is reserved, not here.
 */
#ifndef ESEAL_CORE_PRINTER_H
#define ESEAL_CORE_PRINTER_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "store/store.h"
#include "util/status.h"

/* The longest printer name and location, in bytes of UTF-8. */
#define PRINTER_NAME_MAX	64
#define PRINTER_LOCATION_MAX	200
/* CUPS allows 127 bytes for a queue name; a folder path may be longer. */
#define PRINTER_QUEUE_MAX	127
#define PRINTER_FOLDER_MAX	1024

struct printer_spec {
	const char		*name;		/* what the print room picks */
	enum printer_kind	 kind;
	const char		*queue;		/* CUPS queue, or a folder's
						 * absolute path */
	const char		*location;	/* may be NULL */
	int			 colour;
	int			 classified;
};

/*
 * Register a printer (ACT_PRINTER_MANAGE).  STATUS_EXISTS for a name in
 * use; STATUS_INVALID for an empty or over-long name, a CUPS queue name
 * with a space, '/', '#' or a control character, or a folder that is not
 * an absolute path.  *ID gets the new record's id (may be NULL).
 */
enum status printer_add(struct session *s, const struct printer_spec *spec,
    uint64_t *id);

/* Disable (DISABLED non-zero) or enable the printer NAME
 * (ACT_PRINTER_MANAGE).  A disabled printer is refused for new jobs
 * (STATUS_PRINTER_DISABLED) but stays in the register and the log. */
enum status printer_set_disabled(struct session *s, const char *name,
    int disabled);

/* Remove the printer NAME from the register (ACT_PRINTER_MANAGE).
 * STATUS_PRINTER_USED when the print log names it: the log must keep
 * saying where each copy went, so such a printer is only disabled. */
enum status printer_remove(struct session *s, const char *name);

/* Every printer by name (ACT_PRINTER_MANAGE or ACT_DOC_PRINT); free
 * with printer_list_free(). */
enum status printer_list(struct session *s, struct rec_printer **printers,
    size_t *n);
void printer_list_free(struct rec_printer *printers, size_t n);

/* The printer NAME (ACT_PRINTER_MANAGE or ACT_DOC_PRINT); rec_free()
 * after, also on failure.  STATUS_NOT_FOUND when there is none. */
enum status printer_get(struct session *s, const char *name,
    struct rec_printer *p);

/* The stable name of a kind ("folder", "cups"), as esealctl prints it. */
const char *printer_kind_name(enum printer_kind kind);

#endif
