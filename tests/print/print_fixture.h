/*
 * print_fixture.h -- the office the print suites work in: the workflow
 * fixture's people (wf_fixture.h), the drawing of sealed originals
 * installed (print_attach), a seal with a real impression drawn by the
 * render layer, a colour folder printer registered through the printer
 * register, and a directory of the test's own for printers' output and
 * a private cupsd.
 */
#ifndef ESEAL_TESTS_PRINT_PRINT_FIXTURE_H
#define ESEAL_TESTS_PRINT_PRINT_FIXTURE_H

#include <stdint.h>

#include "core/wf_fixture.h"
#include "print/cupsd_fixture.h"
#include "print/print.h"

struct pfx {
	char		*dir;		/* output, searchable by cupsd's lp */
	char		*folder;	/* the folder printer's folder */
	uint64_t	 seal;		/* PFX-001, custodian WFX_CLERK */
	uint64_t	 pr_folder;	/* "folder": colour, into FOLDER */
	struct cupsd	 cupsd;		/* started by pfx_cups() */
};

extern struct pfx pfx;

/* Draw the seal's impression once, in the runner before it forks the
 * tests: they inherit it, and the fonts already loaded. */
void pfx_prepare(void);

void pfx_setup(void);
void pfx_teardown(void);

/* Register a printer as the system administrator; returns its id. */
uint64_t pfx_printer(const char *name, enum printer_kind kind,
    const char *queue, int colour, int classified);

/* Start the private cupsd with a colour CUPS printer NAME in the
 * register whose queue QUEUE writes into DIR/QUEUE.pdf (returned). */
char *pfx_cups(const char *name, const char *queue);

/* Corpus file FILE, recorded, approved, sent and sealed with pfx.seal
 * for the number of copies it asks; returns the document's id. */
uint64_t pfx_corpus_sealed(const char *file);

/* The workflow fixture's short document, sealed for COPIES copies. */
uint64_t pfx_simple_sealed(uint32_t copies);

/* Print as the print room; asserts print_run returned WANT. */
void pfx_print(uint64_t doc, const char *printer, uint32_t copies,
    print_progress_fn fn, void *arg, enum status want,
    struct print_result *res);

/* The print log of DOC as the print room reads it (docview_free). */
void pfx_view(uint64_t doc, struct docview *v);

/* The PDFs concatenated in FILE (a CUPS file: device appends each
 * document of a job), split into DIR/PREFIX-N.pdf; returns how many. */
unsigned pfx_split(const char *file, const char *prefix);

/* The seal on the copy PDF as R says the layout put it: red ink of
 * its diameter centred within 1 mm of its place, on the page with the
 * issuer's name and the date. */
void pfx_check_seal(const char *pdf, const struct print_result *r);

/* PDF is copy COPY_NO: PAGES pages, the six-digit number on page 1. */
void pfx_check_copy(const char *pdf, uint32_t copy_no, int pages);

/* The number of pages of PDF (pdfinfo). */
int pfx_pages(const char *pdf);

/* The output of the shell command CMD, a new string; fails the test
 * when it cannot run or exits non-zero. */
char *pfx_output(const char *cmd);

/* The text of page PAGE of PDF (pdftotext), a new string. */
char *pfx_text(const char *pdf, int page);

#endif
