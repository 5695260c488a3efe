/*
 * screen.c -- the real eseal in a pseudo-terminal, timed as a user sees
 * it: from the start to the login screen drawn, and from Enter on the
 * login screen to the home screen with its queue counts; then the peak
 * memory of that session.  Lines "name value unit" for run.sh:
 *
 *   screen login ESEAL DIR REPS   start -> "User name" on the screen
 *   screen use ESEAL DIR USER PASSWORD TEXT
 *                                 log in, wait for TEXT (the home
 *                                 screen), F10; the child's peak RSS
 *
 * It only reads the terminal's output and types keys, like the tmux
 * tests; it never looks inside the program.
 */
#include <config.h>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/bench.h"

struct screen {
	int	 fd;
	pid_t	 pid;
	char	 out[1 << 16];
	size_t	 len;
};

static void
screen_start(struct screen *sc, const char *eseal, const char *dir)
{
	struct winsize ws = { 24, 80, 0, 0 };

	sc->len = 0;
	sc->pid = forkpty(&sc->fd, NULL, NULL, &ws);
	if (sc->pid < 0)
		bench_check(STATUS_INVALID, "forkpty");
	if (sc->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("LANGUAGE", "", 1);
		execl(eseal, eseal, "--home", dir, (char *) NULL);
		_exit(127);
	}
}

/* Read until TEXT has appeared since FROM; non-zero on timeout. */
static int
screen_wait(struct screen *sc, size_t from, const char *text)
{
	struct pollfd p = { sc->fd, POLLIN, 0 };
	ssize_t n;

	for (;;) {
		sc->out[sc->len] = '\0';
		if (strstr(sc->out + from, text) != NULL)
			return 0;
		if (poll(&p, 1, 10000) <= 0)
			return 1;
		if (sc->len + 1 >= sizeof sc->out)
			sc->len = from = 0;	/* keep the tail only */
		n = read(sc->fd, sc->out + sc->len, sizeof sc->out - sc->len - 1);
		if (n <= 0)
			return 1;
		sc->len += (size_t) n;
	}
}

static void
screen_type(struct screen *sc, const char *keys)
{
	if (write(sc->fd, keys, strlen(keys)) < 0)
		bench_check(STATUS_INVALID, "write");
}

/* End the child; its peak RSS in KiB. */
static long
screen_end(struct screen *sc, int quit)
{
	struct rusage ru;
	char drain[4096];
	int status;

	if (quit)
		screen_type(sc, "\033[21~");	/* F10 */
	else
		kill(sc->pid, SIGTERM);
	while (read(sc->fd, drain, sizeof drain) > 0)
		;
	wait4(sc->pid, &status, 0, &ru);
	close(sc->fd);
	return ru.ru_maxrss;
}

static void
screen_login(const char *eseal, const char *dir, int reps)
{
	double *a = xcalloc((size_t) reps, sizeof *a);
	struct screen *sc = xcalloc(1, sizeof *sc);
	double t;
	int i;

	for (i = 0; i < reps; i++) {
		t = bench_ms();
		screen_start(sc, eseal, dir);
		if (screen_wait(sc, 0, "User name"))
			bench_check(STATUS_INVALID, "no login screen");
		a[i] = bench_ms() - t;
		screen_end(sc, 0);
	}
	printf("start_to_login %.2f ms\n", bench_median(a, (size_t) reps));
	free(sc);
	free(a);
}

static void
screen_use(const char *eseal, const char *dir, const char *user,
    const char *pw, const char *text)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	double t;
	size_t mark;

	screen_start(sc, eseal, dir);
	if (screen_wait(sc, 0, "User name"))
		bench_check(STATUS_INVALID, "no login screen");
	screen_type(sc, user);
	screen_type(sc, "\t");
	screen_type(sc, pw);
	mark = sc->len;
	t = bench_ms();
	screen_type(sc, "\r");
	if (screen_wait(sc, mark, text))
		bench_check(STATUS_INVALID, "no home screen");
	printf("login_to_home %.2f ms\n", bench_ms() - t);
	printf("peak_rss %.1f MiB\n", screen_end(sc, 1) / 1024.0);
	free(sc);
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "login") == 0)
		screen_login(argv[2], argv[3], atoi(argv[4]));
	else if (argc == 7 && strcmp(argv[1], "use") == 0)
		screen_use(argv[2], argv[3], argv[4], argv[5], argv[6]);
	else {
		fprintf(stderr, "usage: screen login|use ARGS (see screen.c)\n");
		return 2;
	}
	return 0;
}
