/*
 * testlib.c -- temporary directories and the shared runner main.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/testlib.h"
#include "util/util.h"

char *
testlib_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *path = xasprintf("%s/eseal-test-XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp");

	if (mkdtemp(path) == NULL) {
		perror("mkdtemp");
		abort();
	}
	return path;
}

void
testlib_rmdir(char *path)
{
	char *cmd;

	if (path == NULL)
		return;
	cmd = xasprintf("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", path, path);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
	free(cmd);
	free(path);
}

void
testlib_write_file(const char *path, const void *data, unsigned long n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

char *
testlib_read_file(const char *path, unsigned long *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = xmalloc((size_t) n + 1);
	if (fread(data, 1, (size_t) n, f) != (size_t) n)
		n = 0;
	data[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (unsigned long) n;
	return data;
}

int
testlib_run(Suite **suites)
{
	SRunner *sr = srunner_create(suites[0]);
	int failed;

	for (suites++; *suites != NULL; suites++)
		srunner_add_suite(sr, *suites);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
