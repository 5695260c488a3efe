/*
 * cupsd_fixture.c -- a private cupsd for one test (see cupsd_fixture.h).
 */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cups/cups.h>

#include "lib/testlib.h"
#include "print/cupsd_fixture.h"
#include "util/util.h"

static char *
cupsd_script(void)
{
	const char *top = getenv("abs_top_srcdir");

	return xasprintf("%s/tests/lib/cupsd.sh", top != NULL ? top : ".");
}

/* Until the scheduler answers on its socket, at most five seconds. */
static void
cupsd_wait(struct cupsd *c)
{
	struct timespec ts = { 0, 20 * 1000000L };
	char *cmd = xasprintf("lpstat -o >/dev/null 2>&1");
	struct stat sb;
	int i;

	for (i = 0; i < 250; i++) {
		if (stat(c->sock, &sb) == 0 && system(cmd) == 0)
			break;
		nanosleep(&ts, NULL);
	}
	free(cmd);
	ck_assert_msg(i < 250, "cupsd did not start; see %s/log", c->dir);
}

void
cupsd_start(struct cupsd *c, const char *dir)
{
	char *script = cupsd_script();
	pid_t parent = getpid();

	memset(c, 0, sizeof *c);
	c->dir = xstrdup(dir);
	c->sock = xasprintf("%s/sock", dir);
	ck_assert_int_eq(mkdir(dir, 0711), 0);
	setenv("CUPS_SERVER", c->sock, 1);
	cupsSetServer(NULL);	/* read CUPS_SERVER again */

	c->pid = fork();
	ck_assert_int_ge(c->pid, 0);
	if (c->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(1);
		execl("/bin/sh", "sh", script, "exec", dir, (char *) NULL);
		_exit(127);
	}
	free(script);
	cupsd_wait(c);
}

void
cupsd_run(struct cupsd *c, const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int rc;

	(void) c;
	va_start(ap, fmt);
	ck_assert(vasprintf(&cmd, fmt, ap) >= 0);
	va_end(ap);
	rc = system(cmd);
	ck_assert_msg(rc == 0, "command failed: %s", cmd);
	free(cmd);
}

void
cupsd_queue(struct cupsd *c, const char *name, const char *file)
{
	char *script = cupsd_script();

	cupsd_run(c, "sh '%s' queue '%s' '%s' '%s'", script, c->dir, name,
	    file);
	free(script);
}

void
cupsd_stop(struct cupsd *c)
{
	if (c->pid > 0) {
		kill(c->pid, SIGTERM);
		while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
			;
		c->pid = 0;
	}
	free(c->dir);
	free(c->sock);
	c->dir = c->sock = NULL;
}
