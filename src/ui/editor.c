/*
 * editor.c -- a field's text written in the user's editor: a private
 * temporary folder (mode 0700) under $TMPDIR holding one file (mode
 * 0600), the terminal handed over (term.h), the editor run through the
 * shell so that EDITOR="emacs -nw" works, then the file read back,
 * converted from the locale's character set, sanitized and measured.
 *
 * The file and its folder are removed on every path, so no copy of a
 * document body stays behind; what a killed eseal could not remove, the
 * next one does at its start (editor_sweep).  Must not call curses
 * (term.c does) and must not log the text.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui/editor.h"
#include "ui/term.h"

#define EDITOR_MAX_BYTES	(4u << 20)	/* read back, at most */
#define EDITOR_PREFIX		"eseal-edit-"	/* then PID-XXXXXX */

/* One editing: where the file is, and what came back. */
struct editor_job {
	char	*dir;		/* the private folder */
	char	*path;		/* the file in it */
	char	*raw;		/* the file's bytes, read back */
	size_t	 rawlen;
};

/* Non-zero when an executable NAME is on $PATH. */
static int
editor_on_path(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *file;
	int found = 0;

	if (path == NULL || *path == '\0')
		path = "/usr/bin:/bin";
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir != NULL && !found;
	    dir = strtok_r(NULL, ":", &save)) {
		file = xasprintf("%s/%s", *dir != '\0' ? dir : ".", name);
		found = access(file, X_OK) == 0;
		free(file);
	}
	free(copy);
	return found;
}

char *
editor_command(void)
{
	const char *vars[] = { "VISUAL", "EDITOR" }, *v;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v != NULL && v[strspn(v, " \t")] != '\0')
			return xstrdup(v);
	}
	return editor_on_path("vi") ? xstrdup("vi") : NULL;
}

/* -- The file ------------------------------------------------------------ */

/* Where the private folders go: $TMPDIR when it is a plain absolute
 * path, else /tmp. */
static const char *
editor_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || *tmp != '/' || strchr(tmp, '\'') != NULL)
		return "/tmp";
	return tmp;
}

/* Write TEXT, in the locale's character set, to a new private file.  The
 * folder's name carries our process id, so that editor_sweep() can tell
 * a folder left by a killed eseal from one another eseal is using. */
static enum status
editor_write(struct editor_job *j, const char *text)
{
	char *conv = NULL;
	size_t len = strlen(text);
	enum status rc = STATUS_IO;
	int fd;

	j->dir = xasprintf("%s/" EDITOR_PREFIX "%ld-XXXXXX", editor_tmpdir(),
	    (long) getpid());
	if (mkdtemp(j->dir) == NULL) {
		free(j->dir);
		j->dir = NULL;
		return STATUS_IO;
	}
	j->path = xasprintf("%s/text.txt", j->dir);

	if (i18n_is_gb18030() && text_to_gb18030(text, &conv, &len) !=
	    STATUS_OK)
		return STATUS_ENCODING;
	fd = open(j->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	if (write(fd, conv != NULL ? conv : text, len) == (ssize_t) len &&
	    (len == 0 || write(fd, "\n", 1) == 1))
		rc = STATUS_OK;
	if (close(fd) != 0)
		rc = STATUS_IO;
out:
	free(conv);
	return rc;
}

/* Read the file back, refusing more than EDITOR_MAX_BYTES. */
static enum status
editor_read(struct editor_job *j)
{
	FILE *fp = fopen(j->path, "rb");
	size_t n;

	if (fp == NULL)
		return STATUS_IO;
	j->raw = xmalloc(EDITOR_MAX_BYTES + 1);
	n = fread(j->raw, 1, EDITOR_MAX_BYTES + 1, fp);
	if (ferror(fp)) {
		fclose(fp);
		return STATUS_IO;
	}
	fclose(fp);
	j->rawlen = n;
	return n > EDITOR_MAX_BYTES ? STATUS_INVALID : STATUS_OK;
}

/* Remove the file and its folder: every path ends here. */
static void
editor_cleanup(struct editor_job *j)
{
	if (j->path != NULL)
		unlink(j->path);
	if (j->dir != NULL)
		rmdir(j->dir);
	free(j->path);
	free(j->dir);
	if (j->raw != NULL)
		memset(j->raw, 0, j->rawlen);
	free(j->raw);
}

/* -- Leftovers ------------------------------------------------------------ */

/* Remove the folder NAME in the temporary folder TMP and what is in it,
 * if it is ours and the eseal that made it is gone. */
static void
editor_sweep_one(int tmp, const char *name)
{
	struct dirent *e;
	struct stat sb;
	char *end;
	long pid;
	DIR *d;
	int fd;

	pid = strtol(name + strlen(EDITOR_PREFIX), &end, 10);
	if (pid <= 0 || *end != '-' || (kill((pid_t) pid, 0) == 0 ||
	    errno != ESRCH))
		return;
	if (fstatat(tmp, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
		return;
	fd = openat(tmp, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(fd, e->d_name, 0);
	closedir(d);
	unlinkat(tmp, name, AT_REMOVEDIR);
}

void
editor_sweep(void)
{
	struct dirent *e;
	DIR *d;

	if ((d = opendir(editor_tmpdir())) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, EDITOR_PREFIX,
		    strlen(EDITOR_PREFIX)) == 0)
			editor_sweep_one(dirfd(d), e->d_name);
	closedir(d);
}

/* -- Running the editor --------------------------------------------------- */

/* Run CMD on the file with the terminal handed over; Ctrl-C in the
 * editor is the editor's, so eseal ignores it meanwhile (as system()
 * does).  Returns the wait status, or -1. */
static int
editor_spawn(const char *cmd, const char *path)
{
	struct sigaction ign, old_int, old_quit;
	/* exec: the editor itself is the child, so its death by a signal
	 * is seen as such. */
	char *line = xasprintf("exec %s '%s'", cmd, path);
	int status = -1;
	pid_t pid;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	term_suspend();

	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", line, (char *) NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;

	term_resume();
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(line);
	return pid > 0 ? status : -1;
}

/* Why the editor's run does not count, or NULL when it ended well. */
static char *
editor_failed(int status)
{
	if (status == -1)
		return xstrdup(_("The editor could not be started; the field "
		    "keeps its text."));
	if (WIFSIGNALED(status))
		return xasprintf(_("The editor was stopped (signal %d); the "
		    "field keeps its text."), WTERMSIG(status));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return xstrdup(_("The editor could not be run; check VISUAL "
		    "or EDITOR.  The field keeps its text."));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return xasprintf(_("The editor ended with status %d; the field "
		    "keeps its text."), WEXITSTATUS(status));
	return NULL;
}

/* -- What came back ------------------------------------------------------- */

/* The bytes read back as sanitized UTF-8 without trailing newlines. */
static enum status
editor_text(struct editor_job *j, char **out)
{
	char *utf8 = NULL;
	size_t n;
	enum status rc;

	if (i18n_is_gb18030()) {
		rc = text_from_gb18030(j->raw, j->rawlen, &utf8);
		if (rc != STATUS_OK)
			return rc;
		*out = text_sanitize(utf8, strlen(utf8), 1);
		free(utf8);
	} else {
		*out = text_sanitize(j->raw, j->rawlen, 1);
	}
	n = strlen(*out);
	while (n > 0 && (*out)[n - 1] == '\n')
		(*out)[--n] = '\0';
	return STATUS_OK;
}

static size_t
editor_count_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char) *s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Read the result into *OUT, or say why it is refused. */
static enum status
editor_take(struct editor_job *j, size_t max_chars, char **out, char **why)
{
	enum status rc = editor_read(j);
	size_t n;

	if (rc == STATUS_INVALID) {
		*why = xstrdup(_("The text is too long for this field; the "
		    "field keeps its text."));
		return rc;
	}
	if (rc == STATUS_OK)
		rc = editor_text(j, out);
	if (rc != STATUS_OK) {
		*why = xasprintf(_("The editor's file could not be read (%s); "
		    "the field keeps its text."), status_message(rc));
		return rc;
	}
	n = editor_count_chars(*out);
	if (max_chars != 0 && n > max_chars) {
		*why = xasprintf(_("The text has %zu characters, but this "
		    "field holds at most %zu; the field keeps its text."), n,
		    max_chars);
		free(*out);
		*out = NULL;
		return STATUS_INVALID;
	}
	return STATUS_OK;
}

enum status
editor_edit(const char *text, size_t max_chars, char **out, char **why)
{
	struct editor_job j = { NULL, NULL, NULL, 0 };
	char *cmd = editor_command();
	enum status rc;

	*out = NULL;
	*why = NULL;
	if (cmd == NULL) {
		*why = xstrdup(_("No editor is set: set VISUAL or EDITOR (for "
		    "example EDITOR=nano) before starting eseal."));
		return STATUS_UNSUPPORTED;
	}
	rc = editor_write(&j, text);
	if (rc != STATUS_OK) {
		*why = xasprintf(_("The text could not be written for the "
		    "editor (%s); the field keeps its text."),
		    status_message(rc));
		goto out;
	}
	if ((*why = editor_failed(editor_spawn(cmd, j.path))) != NULL) {
		rc = STATUS_CANCELLED;
		goto out;
	}
	rc = editor_take(&j, max_chars, out, why);
out:
	editor_cleanup(&j);
	free(cmd);
	return rc;
}
