/*
 * ui.h -- facade of the ui layer: what src/eseal.c needs to run the
 * interface.  Other layers include only this header; the screen API
 * for the ui layer's own files is in loop.h, command.h, draw.h,
 * field.h, list.h, dialog.h and formview.h.
 */
#ifndef ESEAL_UI_H
#define ESEAL_UI_H

#include "util/util.h"

struct ui_options {
	const char	*home;		/* the workspace directory; NULL:
					 * store_default_home() */
	const char	*forms_dir;	/* NULL: form_dir() */
};

/* What ui_main() returns, besides 128 + N after signal N. */
enum ui_exit {
	UI_EXIT_OK = 0,
	UI_EXIT_TERMINAL = 1,	/* the terminal cannot be used */
	UI_EXIT_WORKSPACE = 3	/* the workspace is missing or damaged */
};

/*
 * Open the workspace, then run the interface on the terminal until the
 * user quits; returns the exit status (enum ui_exit, or 128 + N after
 * signal N).  A workspace that cannot be opened is reported on standard
 * error before the terminal is touched.  The locale must have been
 * checked first (i18n_init).
 */
int ui_main(const struct ui_options *opt);

/* Non-zero when standard input and output are a terminal the interface
 * can run on (eseal --check-tty). */
int ui_can_run(void);

/* Where the station prints each sealed document: a CUPS queue or a
 * folder (at most one set), or neither (saved on the medium only). */
struct ui_station_printer {
	const char	*queue;
	const char	*folder;
};

/* eseal --standalone DIR: the work station's program for the standalone
 * seal on the medium at DIR, without a workspace (station.c); returns
 * like ui_main(), UI_EXIT_WORKSPACE when the seal cannot be used. */
int ui_station_main(const char *dir, const struct ui_station_printer *p);

#endif
