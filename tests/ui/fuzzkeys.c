/*
 * fuzzkeys.c -- a reproducible stream of random keystrokes for the
 * keystroke fuzzer (tests/ui/fuzz.sh): the same SEED always gives the
 * same stream, on every machine, so a seed that found a fault can be
 * kept as a regression case.
 *
 * Usage: fuzzkeys SEED COUNT
 *
 * Prints COUNT lines, one event each, as tmux names them:
 *   k NAME         a key for tmux send-keys (a, Space, Up, F10, C-x ...)
 *   t TEXT         text typed at once, as from an input method (UTF-8)
 *   r COLS LINES   a resize of the window
 *
 * The mix leans on what screens react to: printable letters (commands
 * and typed text), movement, Enter, Tab and Esc, then Chinese, function
 * and control keys, and now and then a resize (to sizes too small as
 * well).  Must not depend on libc's rand(): its sequence differs
 * between C libraries.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t fuzzkeys_state;

/* xorshift64*: small, fast and the same everywhere. */
static uint32_t
fuzzkeys_next(void)
{
	fuzzkeys_state ^= fuzzkeys_state >> 12;
	fuzzkeys_state ^= fuzzkeys_state << 25;
	fuzzkeys_state ^= fuzzkeys_state >> 27;
	return (uint32_t) ((fuzzkeys_state * 2685821657736338717ULL) >> 32);
}

static uint32_t
fuzzkeys_below(uint32_t n)
{
	return fuzzkeys_next() % n;
}

static const char *const fuzzkeys_moves[] = {
	"Up", "Down", "Left", "Right", "Home", "End", "PPage", "NPage",
	"Tab", "BTab", "BSpace", "DC", "IC"
};

static const char *const fuzzkeys_chinese[] = {
	"关于", "请示", "示例市司法局", "妥否，请批示。", "刘洋", "，", "。",
	"１２", "－", "印", "章", "《》", "“”", "𠀀", "é"
};

#define FUZZKEYS_N(a)	(sizeof (a) / sizeof (a)[0])

/* A printable ASCII key as tmux reads it. */
static void
fuzzkeys_ascii(void)
{
	int c = 0x21 + (int) fuzzkeys_below(0x7f - 0x21);

	if (c == ';')
		puts("k \\;");
	else
		printf("k %c\n", c);
}

static void
fuzzkeys_resize(void)
{
	static const int sizes[][2] = {
		{ 80, 24 }, { 100, 30 }, { 132, 43 }, { 60, 20 }, { 80, 25 },
		{ 81, 24 }, { 200, 60 }, { 79, 23 }
	};
	uint32_t i = fuzzkeys_below(FUZZKEYS_N(sizes));

	printf("r %d %d\n", sizes[i][0], sizes[i][1]);
}

static void
fuzzkeys_one(void)
{
	uint32_t r = fuzzkeys_below(1000);

	if (r < 330)
		fuzzkeys_ascii();
	else if (r < 370)
		puts("k Space");
	else if (r < 600)
		printf("k %s\n", fuzzkeys_moves[fuzzkeys_below(
		    FUZZKEYS_N(fuzzkeys_moves))]);
	else if (r < 680)
		puts("k Enter");
	else if (r < 730)
		puts("k Escape");
	else if (r < 820)
		printf("t %s\n", fuzzkeys_chinese[fuzzkeys_below(
		    FUZZKEYS_N(fuzzkeys_chinese))]);
	else if (r < 900)
		printf("k F%u\n", 1 + fuzzkeys_below(12));
	else if (r < 995)
		printf("k C-%c\n", 'a' + (int) fuzzkeys_below(26));
	else
		fuzzkeys_resize();
}

int
main(int argc, char **argv)
{
	unsigned long long seed;
	long count, i;

	if (argc != 3) {
		fputs("usage: fuzzkeys SEED COUNT\n", stderr);
		return 2;
	}
	seed = strtoull(argv[1], NULL, 10);
	count = strtol(argv[2], NULL, 10);
	fuzzkeys_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	for (i = 0; i < count; i++)
		fuzzkeys_one();
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
