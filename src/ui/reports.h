/*
 * reports.h -- what the reports screen (reports.c) and its export dialog
 * (reportexport.c) share.  Other screens open the reports through
 * screens.h.  Must not include curses.
 */
#ifndef ESEAL_UI_REPORTS_H
#define ESEAL_UI_REPORTS_H

#include "core/core.h"

/* The report formats an export can carry, as bits. */
#define REPORTEXPORT_CSV	1	/* UTF-8 */
#define REPORTEXPORT_CSV_BOM	2	/* UTF-8 with a byte-order mark */
#define REPORTEXPORT_CSV_GB	4	/* GB18030 */
#define REPORTEXPORT_PDF	8
#define REPORTEXPORT_ALL	15

/* The file name of report R's form FORMAT (one REPORTEXPORT_* bit) in
 * an export of the forms FORMATS: "summary.csv", "summary-bom.csv" (only
 * beside a plain UTF-8 one), "summary-gb18030.csv", "summary.pdf".  A
 * new string. */
char *reportexport_file_name(const struct report *r, unsigned format,
    unsigned formats);

/*
 * The export dialog for report R: the formats, a registered medium that
 * is mounted now (medium_offered), a summary to confirm, progress while
 * the forms are drawn and written, then where the files went.  A refusal
 * shows the core's message next to the medium and the dialog stays for
 * another try.  Returns 1 when an export was written.
 */
int reportexport_run(const struct report *r);

#endif
