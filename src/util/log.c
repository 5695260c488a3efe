/*
 * log.c -- timestamped, escaped log lines to a file, stderr or syslog.
 *
 * Must not be called from a signal handler (it formats with vsnprintf).
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "util/log.h"

static FILE *log_file;
static int log_to_syslog;
static enum log_level log_max = LOG_LEVEL_ERROR;
static void (*die_hook)(void);

static const char *const log_level_names[] = { "error", "warn", "info", "debug" };

int
log_open(const char *path, enum log_level level)
{
	log_close();
	if (path == NULL)
		return 0;

	log_max = level;
	if (strcmp(path, "syslog") == 0) {
		openlog("eseal", LOG_PID, LOG_USER);
		log_to_syslog = 1;
		return 0;
	}
	if (strcmp(path, "-") == 0) {
		log_file = stderr;
		return 0;
	}
	log_file = fopen(path, "a");
	return log_file == NULL ? -1 : 0;
}

void
log_close(void)
{
	if (log_file != NULL && log_file != stderr)
		fclose(log_file);
	log_file = NULL;
	if (log_to_syslog)
		closelog();
	log_to_syslog = 0;
}

/* Replace every control byte with a visible escape, in place into OUT. */
static void
log_escape(const char *in, char *out, size_t size)
{
	size_t o = 0;

	for (; *in != '\0' && o + 5 < size; in++) {
		unsigned char c = (unsigned char) *in;

		if (c < 0x20 || c == 0x7f)
			o += (size_t) snprintf(out + o, size - o, "\\x%02x", c);
		else
			out[o++] = (char) c;
	}
	out[o] = '\0';
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	char raw[1024], clean[4096], stamp[32];
	struct timespec ts;
	struct tm tm;
	va_list ap;

	if ((log_file == NULL && !log_to_syslog) || level > log_max)
		return;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	log_escape(raw, clean, sizeof clean);

	if (log_to_syslog) {
		syslog(level == LOG_LEVEL_ERROR ? LOG_ERR : LOG_INFO, "%s", clean);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(log_file, "%s.%03ldZ %s: %s\n", stamp, ts.tv_nsec / 1000000L,
	    log_level_names[level], clean);
	fflush(log_file);
}

void
log_authpriv(const char *fmt, ...)
{
	char raw[1024], clean[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	log_escape(raw, clean, sizeof clean);

	syslog(LOG_AUTHPRIV | LOG_NOTICE, "eseal: %s", clean);
	log_msg(LOG_LEVEL_INFO, "auth: %s", clean);
}

void
die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	if (die_hook != NULL)
		die_hook();

	fputs("eseal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}
