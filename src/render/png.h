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

struct pdfsplice_image;

/*
 * For drawing SPEC's picture (spec->png) into documents: *STANDIN, a
 * picture of a few pixels holding exactly the picture's colours, to draw
 * in its place; *FROM, the stand-in as cairo writes it into a PDF, and
 * *TO, the picture as cairo writes it, for pdfsplice_apply().  Made once
 * for the kept picture and owned by the cache, like picture_get()'s
 * image.  STATUS_RENDER when the picture has too many colours for a
 * stand-in, is too small to gain from one, or splicing is off: then the
 * picture itself is drawn.
 */
enum status picture_splice(const struct impression_spec *spec,
    cairo_surface_t **standin, const struct pdfsplice_image **from,
    const struct pdfsplice_image **to);

/* The kept picture's splice was refused by the document drawn: draw it
 * whole from now on (another cairo would refuse every document). */
void picture_splice_refused(void);

/* Tests only: 0 makes picture_splice() refuse, so that a document drawn
 * with the picture itself can be compared with the spliced one. */
void picture_splice_allow(int allow);

/* render_impression(), drawing AS (any size) in the picture's place
 * when AS is not NULL. */
enum status impression_draw_as(cairo_t *cr, const struct impression_spec *spec,
    double x_mm, double y_mm, cairo_surface_t *as);

/* impression_pdf() of SPEC's picture, AS (any size) in its place when
 * not NULL. */
enum status impression_pdf_as(const struct impression_spec *spec,
    cairo_surface_t *as, struct buf *out);

#endif
