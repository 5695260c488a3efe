/*
 * layout_table.h -- private to layout.c and layout_table.c: a table
 * form's rows, set as the paragraphs of layout_paragraph.h are.
 *
 * Not even the render layer's other files include it; they and the
 * tests see only layout.h.
 */
#ifndef ESEAL_RENDER_LAYOUT_TABLE_H
#define ESEAL_RENDER_LAYOUT_TABLE_H

#include "render/layout_paragraph.h"

/* A table form's body TEXT set as P says, its continuation lines at
 * column COL of the grid (layout_table.c). */
enum status layout_table_rows(struct layout *l, const char *text, int col,
    const struct layout_para *p);

#endif
