/*
 * demo.h -- the forms in the forms folder, each opening in the form
 * screen, filled in and checked but not saved: what a drafter reaches
 * from the home screen until the document screens exist.  It exercises
 * the field editor, help and the quit confirmation, and is what the
 * terminal test tests/ui/demo.sh drives.
 */
#ifndef ESEAL_UI_DEMO_H
#define ESEAL_UI_DEMO_H

/* Push the list of the forms of the folder DIR.  Reports forms that
 * could not be read in a message box. */
void demo_open(const char *dir);

#endif
