/*
 * ctl.h -- the esealctl command-line front end: one verb per file, the
 * table of verbs in ctl.c.  Like the UI, this layer only parses, asks
 * and prints; every rule is enforced by the core.
 *
 * Output is plain, stable text for scripts: one record per line or
 * "key: value" blocks, no colours, no padding that depends on the
 * terminal.  Exit codes (documented in the manual and --help):
 */
#ifndef ESEAL_CTL_H
#define ESEAL_CTL_H

#include <stdio.h>

#include "util/util.h"

struct option;		/* <getopt.h> */

enum ctl_exit {
	CTL_EXIT_OK = 0,	/* done */
	CTL_EXIT_FAIL = 1,	/* the action failed or a check found faults */
	CTL_EXIT_USAGE = 2,	/* bad command line */
	CTL_EXIT_DENIED = 3,	/* authentication failed or the role may not */
	CTL_EXIT_NOT_FOUND = 4,	/* no such record or workspace */
	CTL_EXIT_STATE = 5,	/* the record is not in a state that allows it */
	CTL_EXIT_IO = 6,	/* a file, disk or medium could not be used */
	CTL_EXIT_VERIFY = 7	/* a signature or chain did not verify */
};

/* What every verb receives: the global options, parsed once. */
struct ctl {
	const char	*home;		/* workspace directory */
	const char	*user;		/* --user NAME */
	int		 password_fd;	/* --password-fd N, or -1 */
	int		 verbose;
	int		 argc;		/* the verb's own arguments */
	char	       **argv;		/* argv[0] is the verb */
};

struct ctl_verb {
	const char	*name;
	int		(*run)(struct ctl *);
	const char	*args;		/* synopsis of arguments */
	const char	*help;		/* one line, N_() */
};

/* The verbs, in the order --help lists them (ctl.c). */
extern const struct ctl_verb ctl_verbs[];

/* Run esealctl with the process's arguments; returns the exit code. */
int ctl_main(int argc, char **argv);

/* Map a status to the documented exit code. */
int ctl_exit_for(enum status st);

/* Print "esealctl: MESSAGE" for ST on stderr (translated); returns the
 * exit code for ST. */
int ctl_fail(enum status st, const char *what);

/* Read a password (one line) from file descriptor FD, or from the
 * terminal with echo off when FD is -1 and stdin is a terminal.  The
 * result lives in secure memory where possible; free with
 * mem_free_secret(). */
char *ctl_read_password(int fd, const char *prompt);

/* Write to stdout and report a write error (e.g. /dev/full) at exit. */
int ctl_flush_stdout(void);

/* getopt_long() over a verb's or sub-command's ARGV (a tail of the
 * arguments ctl_main was given), its messages headed like all others:
 * "esealctl: doc list: option '--offset' requires an argument". */
int ctl_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts);

#endif
