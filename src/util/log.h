/*
 * log.h -- the one logging entry point.
 *
 * Off unless enabled (-v on the command line).  Lines are English,
 * timestamped, with control characters escaped.  Never log a password,
 * key, PIN or the body of a classified document: the print log, signing
 * history and audit trail are records in the store, not log lines.
 */
#ifndef ESEAL_UTIL_LOG_H
#define ESEAL_UTIL_LOG_H

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Send log lines to PATH ("-" for stderr, "syslog" for syslog), or NULL to
 * turn logging off.  LEVEL is the most verbose level kept. */
int log_open(const char *path, enum log_level level);
void log_close(void);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_error(...)	log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

/* Security events (logins, lockouts, password changes) also go to syslog's
 * authpriv facility, whatever the log setting; same rules on content. */
void log_authpriv(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The one fatal exit: runs the registered hook (the UI ends curses there),
 * prints MSG on stderr and exits with status 2.
 */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void die_set_hook(void (*hook)(void));

#endif
