/*
 * i18n.c -- locale and message catalogue set-up.
 */
#include <config.h>

#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <strings.h>

#include "util/i18n.h"
#include "util/testhook.h"

int
i18n_init(void)
{
	/* A test build run from the build tree finds its catalogue where
	 * the test put it; an installed one only in LOCALEDIR. */
	const char *dir = testhook_env("ESEAL_LOCALEDIR");
	const char *codeset;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, dir != NULL ? dir : LOCALEDIR);
	textdomain(PACKAGE);

	codeset = nl_langinfo(CODESET);
	if (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0)
		return 0;
	if (i18n_is_gb18030())
		return 0;
	return -1;
}

int
i18n_is_gb18030(void)
{
	return strcasecmp(nl_langinfo(CODESET), "GB18030") == 0;
}

/* The interface converts UTF-8 to wide characters itself (draw.c), so
 * while curses runs the catalogue must hand it UTF-8 even in a GB18030
 * locale; what is printed outside curses stays in the locale's set. */
void
i18n_utf8_messages(int on)
{
	bind_textdomain_codeset(PACKAGE, on ? "UTF-8" : nl_langinfo(CODESET));
}
