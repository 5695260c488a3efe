/*
 * i18n.h -- gettext glue.  Every user-visible string goes through _() or
 * N_(); log lines stay in English and are not translated.
 */
#ifndef ESEAL_UTIL_I18N_H
#define ESEAL_UTIL_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

/*
 * Bind the message catalogue and set the locale from the environment.
 * Returns 0, or -1 when the locale's codeset is neither UTF-8 nor GB18030:
 * typed Chinese would then be dropped silently, so callers refuse to start.
 */
int i18n_init(void);

/* Non-zero when the active locale's codeset is GB18030 (not UTF-8). */
int i18n_is_gb18030(void);

/* Messages from the catalogue in UTF-8 (ON non-zero), as the interface
 * wants them in any locale, or in the locale's character set again. */
void i18n_utf8_messages(int on);

#endif
