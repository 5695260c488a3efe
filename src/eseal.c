/*
 * eseal.c -- the program clerks use.  A thin main: options, the locale
 * check, then everything is in src/ui.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

enum { ESEAL_EXIT_FAIL = 1, ESEAL_EXIT_USAGE = 2 };

static void
eseal_usage(void)
{
	printf(_("Usage: %s [OPTION]...\n"), "eseal");
	fputs(_("The electronic-seal workstation: draft documents from forms, "
	    "approve,\nseal and print them, by keyboard.\n\n"), stdout);
	fputs(_("Options:\n"
	    "  -H, --home=DIR         use the workspace in DIR (default\n"
	    "                         $ESEAL_HOME, else $XDG_DATA_HOME/eseal)\n"
	    "  -v, --verbose          log what is done (to syslog, or to the\n"
	    "                         --log file); twice for more detail\n"
	    "      --log=FILE         write the log to FILE\n"
	    "      --check-tty        exit 0 if eseal can run on this terminal\n"
	    "      --help             display this help and exit\n"
	    "      --version          output version information and exit\n\n"),
	    stdout);
	/* A block of its own, so that the options' translation stands. */
	fputs(_("At a work station (Art. 14), instead of a workspace:\n"
	    "      --standalone=DIR   seal with the standalone seal on the medium\n"
	    "                         mounted at DIR: asks for the designated\n"
	    "                         person, the one-time secret and the\n"
	    "                         document, and saves the sealed PDF and its\n"
	    "                         signature on the medium; exit status 3\n"
	    "                         when the seal there cannot be used (none,\n"
	    "                         altered, past its period or used up),\n"
	    "                         with the reason\n"
	    "      --printer=QUEUE    with --standalone: print each sealed\n"
	    "                         document on this machine's CUPS queue\n"
	    "      --print-dir=DIR    with --standalone: print each sealed\n"
	    "                         document as a PDF file into DIR instead;\n"
	    "                         the use log on the medium records what\n"
	    "                         was printed where\n\n"), stdout);
	fputs(_("Environment:\n"
	    "  LANG             language and character set, e.g. zh_CN.UTF-8\n"
	    "                   (Chinese) or C.UTF-8 (English); the character\n"
	    "                   set must be UTF-8 or GB18030\n"
	    "  ESEAL_FORMS_DIR  the folder of form definitions\n"
	    "  NO_COLOR         if set, use no colours\n\n"), stdout);
	fputs(_("Inside, F1 or ? lists the keys of every screen; F10 quits.\n\n"),
	    stdout);
	fputs(_("Exit status:\n"
	    "  0  done            1  the terminal cannot be used\n"
	    "  2  bad usage       3  the workspace is missing or damaged\n\n"),
	    stdout);
	printf(_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

static void
eseal_version(void)
{
	printf("eseal (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs(_("Copyright (C) 2026 the eseal authors.\n"
	    "License GPLv3+: GNU GPL version 3 or later "
	    "<https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

static int
eseal_flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("eseal: write error: %s\n"), strerror(errno));
		return ESEAL_EXIT_FAIL;
	}
	return 0;
}

/*
 * In a locale whose character set is neither UTF-8 nor GB18030, typed
 * Chinese would be dropped silently, so eseal refuses to start and says
 * what to set.  The message is in the locale's language; when that is
 * not Chinese, the Chinese text from the catalogue follows in UTF-8,
 * which is what a Chinese terminal most likely shows.
 */
#define ESEAL_LOCALE_MSG N_("eseal: the character set of this locale is " \
	"%s, but eseal needs UTF-8 or GB18030,\notherwise typed Chinese " \
	"would be lost.  Set LANG, for example:\n" \
	"  LANG=zh_CN.UTF-8 eseal    (Chinese)\n" \
	"  LANG=C.UTF-8 eseal        (English)\n")

static int
eseal_refuse_locale(void)
{
	char *codeset = xstrdup(nl_langinfo(CODESET));
	int untranslated = strcmp(_(ESEAL_LOCALE_MSG), ESEAL_LOCALE_MSG) == 0;

	fprintf(stderr, _(ESEAL_LOCALE_MSG), codeset);
	if (untranslated && setlocale(LC_MESSAGES, "C.UTF-8") != NULL) {
		bind_textdomain_codeset(PACKAGE, "UTF-8");
		setenv("LANGUAGE", "zh_CN", 1);
		if (strcmp(gettext(ESEAL_LOCALE_MSG), ESEAL_LOCALE_MSG) != 0)
			fprintf(stderr, gettext(ESEAL_LOCALE_MSG), codeset);
	}
	free(codeset);
	return ESEAL_EXIT_FAIL;
}

static void
eseal_start_log(int verbose, const char *file)
{
	if (verbose == 0 && file == NULL)
		return;
	/* Never stderr: it would write over the screen. */
	if (log_open(file != NULL ? file : "syslog",
	    verbose > 1 ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO) != 0)
		fprintf(stderr, _("eseal: cannot open the log %s: %s\n"), file,
		    strerror(errno));
}

int
main(int argc, char **argv)
{
	enum { OPT_HELP = 256, OPT_VERSION, OPT_LOG, OPT_CHECK_TTY,
		OPT_STANDALONE, OPT_PRINTER, OPT_PRINT_DIR };
	static const struct option opts[] = {
		{ "home", required_argument, NULL, 'H' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "log", required_argument, NULL, OPT_LOG },
		{ "check-tty", no_argument, NULL, OPT_CHECK_TTY },
		{ "standalone", required_argument, NULL, OPT_STANDALONE },
		{ "printer", required_argument, NULL, OPT_PRINTER },
		{ "print-dir", required_argument, NULL, OPT_PRINT_DIR },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct ui_options ui = { NULL, NULL };
	struct ui_station_printer printer = { NULL, NULL };
	const char *log_file = NULL, *standalone = NULL;
	int locale_ok, ch, verbose = 0, check_tty = 0, rc;

	locale_ok = i18n_init() == 0;
	while ((ch = getopt_long(argc, argv, "H:v", opts, NULL)) != -1) {
		switch (ch) {
		case 'H':
			ui.home = optarg;
			break;
		case 'v':
			verbose++;
			break;
		case OPT_LOG:
			log_file = optarg;
			break;
		case OPT_CHECK_TTY:
			check_tty = 1;
			break;
		case OPT_STANDALONE:
			standalone = optarg;
			break;
		case OPT_PRINTER:
			printer.queue = optarg;
			break;
		case OPT_PRINT_DIR:
			printer.folder = optarg;
			break;
		case OPT_HELP:
			eseal_usage();
			return eseal_flush_stdout();
		case OPT_VERSION:
			eseal_version();
			return eseal_flush_stdout();
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"),
			    "eseal");
			return ESEAL_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("eseal: unexpected argument '%s'\n"), argv[optind]);
		fprintf(stderr, _("Try '%s --help' for more information.\n"), "eseal");
		return ESEAL_EXIT_USAGE;
	}

	if ((printer.queue != NULL || printer.folder != NULL) &&
	    (standalone == NULL || (printer.queue != NULL &&
	    printer.folder != NULL))) {
		fputs(_("eseal: --printer or --print-dir (one of them) goes "
		    "with --standalone\n"), stderr);
		fprintf(stderr, _("Try '%s --help' for more information.\n"),
		    "eseal");
		return ESEAL_EXIT_USAGE;
	}
	if (!locale_ok)
		return eseal_refuse_locale();
	if (check_tty)
		return ui_can_run() ? 0 : ESEAL_EXIT_FAIL;
	eseal_start_log(verbose, log_file);
	rc = standalone != NULL ? ui_station_main(standalone,
	    &printer) : ui_main(&ui);
	log_close();
	return rc;
}
