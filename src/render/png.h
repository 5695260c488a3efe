/*
 * png.h -- inside the render layer: PNG pictures in memory, and the pHYs
 * chunk that records a picture's physical size.
 *
 * Not part of the facade; only src/render and its tests include it.
 */
#ifndef ESEAL_RENDER_PNG_H
#define ESEAL_RENDER_PNG_H

#include <cairo.h>

#include "render/render.h"
#include "util/util.h"

/* Decode the PNG at DATA into a new image surface (*OUT). */
enum status png_decode(const unsigned char *data, size_t len,
    cairo_surface_t **out);

/* Encode SURFACE as PNG, with a pHYs chunk saying DPI, appended to OUT. */
enum status png_encode(cairo_surface_t *surface, double dpi, struct buf *out);

/* The resolution recorded in DATA's pHYs chunk, in dots per inch, or 0
 * when it has none (or records only an aspect ratio). */
double png_dpi(const unsigned char *data, size_t len);

/* impression_check_png() of a picture already decoded into S. */
enum status impression_check_surface(cairo_surface_t *s,
    const unsigned char *png, size_t len, double size_mm,
    struct impression_png_info *info);

/*
 * The seal picture PNG (LEN bytes) decoded and judged as
 * impression_check_png() does, at SIZE_MM; *IMG (may be NULL) is the
 * decoded picture, owned by the cache: valid until the next call or
 * picture_release().  Returns the check's status; *IMG is set only when
 * it passed.
 */
enum status picture_get(const unsigned char *png, size_t len,
    double size_mm, struct impression_png_info *info, cairo_surface_t **img);

/* Drop the kept picture (render_release). */
void picture_release(void);

#endif
