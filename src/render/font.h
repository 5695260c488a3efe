/*
 * font.h -- inside the render layer: which installed face draws each role,
 * and pango layouts set up for exact, unhinted measurement.
 *
 * Not part of the facade; only src/render and its tests include it.
 */
#ifndef ESEAL_RENDER_FONT_H
#define ESEAL_RENDER_FONT_H

#include <pango/pangocairo.h>

#include "render/render.h"

/* The bureau's face (or its fallback) for one role. */
struct font_face {
	const char	*family;
	PangoWeight	 weight;
};

/* Find the face for ROLE; STATUS_RENDER_FONT when none is installed. */
enum status font_face(enum render_font role, struct font_face *face);

/*
 * A new layout on CR drawing ROLE's face SIZE_MM tall (one em), without
 * hinting or rounding so widths scale exactly with the size.  Free it
 * with g_object_unref().
 */
enum status font_layout(cairo_t *cr, enum render_font role, double size_mm,
    PangoLayout **out);

/* Logical width and ink box of TEXT (LEN bytes) in LAYOUT, millimetres;
 * INK_TOP and INK_BOTTOM are measured upwards from the baseline. */
struct font_metrics {
	double	advance;
	double	ink_left;
	double	ink_width;
	double	ink_top;
	double	ink_bottom;
	double	baseline;	/* from the top of the layout */
};

void font_measure(PangoLayout *layout, const char *text, int len,
    struct font_metrics *m);

#endif
