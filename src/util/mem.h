/*
 * mem.h -- allocation that cannot return NULL, and wiping of secrets.
 */
#ifndef ESEAL_UTIL_MEM_H
#define ESEAL_UTIL_MEM_H

#include <stddef.h>

/* Allocate or die: out of memory in this program is not recoverable. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Overwrite N bytes at P in a way the compiler may not elide. */
void mem_wipe(void *p, size_t n);

/* Free a string after wiping it (for anything that held a secret). */
void mem_free_secret(char *s);

#endif
