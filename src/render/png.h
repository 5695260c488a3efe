/*
 * png.h -- inside the render layer: PNG pictures in memory, and the pHYs
 * chunk that records a picture's physical size.
 *
 * Not part of the facade; only src/render and its tests include it.
 */
#ifndef ESEAL_RENDER_PNG_H
#define ESEAL_RENDER_PNG_H

#include <cairo.h>

#include "util/util.h"

/* Decode the PNG at DATA into a new image surface (*OUT). */
enum status png_decode(const unsigned char *data, size_t len,
    cairo_surface_t **out);

/* Encode SURFACE as PNG, with a pHYs chunk saying DPI, appended to OUT. */
enum status png_encode(cairo_surface_t *surface, double dpi, struct buf *out);

/* The resolution recorded in DATA's pHYs chunk, in dots per inch, or 0
 * when it has none (or records only an aspect ratio). */
double png_dpi(const unsigned char *data, size_t len);

#endif
