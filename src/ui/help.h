/*
 * help.h -- the help screen (? and F1): every key of the screen it was
 * opened from, generated from that screen's command tables, so help
 * never lists a key that does not work nor misses one that does.
 */
#ifndef ESEAL_UI_HELP_H
#define ESEAL_UI_HELP_H

#include "ui/loop.h"

/* Open the help screen for screen S (on top of it). */
void help_open(struct ui_screen *s);

/* Non-zero when S is a help screen. */
int help_is(const struct ui_screen *s);

#endif
