/*
 * impression_check.c -- judges an impression picture the office imports
 * instead of generating one: it must be a PNG, red ink on a transparent
 * background, at least 600 dpi at its physical size, so that it prints
 * sharp and lies on the page like a generated impression.
 *
 * Each refusal names its reason.  This file only reads the picture; it
 * must not repair or convert it (a converted seal is not the office's).
 */
#include <config.h>

#include <stdint.h>

#include "render/png.h"
#include "render/render.h"

/* Tolerances: a pHYs of 23622 pixels per metre is 599.9988 dpi. */
#define CHECK_MIN_DPI		(IMPRESSION_DPI - 0.5)
#define CHECK_CLEAR_ALPHA	8	/* at most this is background */
#define CHECK_INK_ALPHA		128	/* at least this is ink */
/*
 * The background rule.  It used to ask 30 % of the whole square clear,
 * which is wrong for a round seal both ways: the corners outside the
 * circle are 1 - pi/4 = 21.5 % of the square, so a picture filled
 * inside its circle (a photograph with the paper left in) was refused
 * for a "background" that is clear where there is one, while one clear
 * in only a tenth of its circle passed.  What must be clear is where the
 * document's text lies under the seal: the corners, outside the circle,
 * and inside the circle whatever is not ink.  The ring, the star and the
 * name of a generated impression cover about a quarter of the circle, a
 * worn or heavy stamp less than half, so at least 40 % of the circle
 * must be clear; a picture with the paper left in has nearly none.
 */
#define CHECK_MIN_CLEAR		0.40	/* share of the circle's pixels */
#define CHECK_MIN_INK		0.005	/* share of ink pixels */
#define CHECK_MIN_RED		0.95	/* share of ink that is red */

struct check_counts {
	unsigned long	disc;		/* pixels inside the circle */
	unsigned long	disc_clear;	/* of them, clear */
	unsigned long	ink;
	unsigned long	red;
	int		corners_clear;
};

/* Red ink: strong red, weak green and blue, once un-premultiplied. */
static int
impression_check_red(uint32_t px)
{
	unsigned a = px >> 24, r = (px >> 16) & 0xff, g = (px >> 8) & 0xff,
	    b = px & 0xff;

	r = r * 255 / a;
	g = g * 255 / a;
	b = b * 255 / a;
	return r >= 150 && g <= 90 && b <= 90;
}

static uint32_t
impression_check_pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(s) +
	    (size_t) y * cairo_image_surface_get_stride(s);

	return ((const uint32_t *) (const void *) row)[x];
}

/* Whether the centre of pixel (X, Y) lies in the circle inscribed in
 * the W x H picture. */
static int
impression_check_in_disc(int w, int h, int x, int y)
{
	double r = (w < h ? w : h) / 2.0, dx = x + 0.5 - w / 2.0,
	    dy = y + 0.5 - h / 2.0;

	return dx * dx + dy * dy <= r * r;
}

static void
impression_check_count(cairo_surface_t *s, struct check_counts *c)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s), x, y;
	uint32_t px;

	c->disc = c->disc_clear = c->ink = c->red = 0;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			px = impression_check_pixel(s, x, y);
			if (impression_check_in_disc(w, h, x, y)) {
				c->disc++;
				c->disc_clear += px >> 24 <= CHECK_CLEAR_ALPHA;
			}
			if (px >> 24 >= CHECK_INK_ALPHA) {
				c->ink++;
				c->red += impression_check_red(px);
			}
		}
	c->corners_clear =
	    impression_check_pixel(s, 0, 0) >> 24 <= CHECK_CLEAR_ALPHA &&
	    impression_check_pixel(s, w - 1, 0) >> 24 <= CHECK_CLEAR_ALPHA &&
	    impression_check_pixel(s, 0, h - 1) >> 24 <= CHECK_CLEAR_ALPHA &&
	    impression_check_pixel(s, w - 1, h - 1) >> 24 <= CHECK_CLEAR_ALPHA;
}

static enum status
impression_check_ink(cairo_surface_t *s)
{
	double all = (double) cairo_image_surface_get_width(s) *
	    cairo_image_surface_get_height(s);
	struct check_counts c;

	/* Without an alpha channel nothing is transparent. */
	if (cairo_image_surface_get_format(s) != CAIRO_FORMAT_ARGB32)
		return STATUS_IMPRESSION_OPAQUE;

	cairo_surface_flush(s);
	impression_check_count(s, &c);
	if (!c.corners_clear)
		return STATUS_IMPRESSION_OPAQUE;
	if (c.disc_clear < CHECK_MIN_CLEAR * c.disc)
		return STATUS_IMPRESSION_FILLED;
	if (c.ink < CHECK_MIN_INK * all || c.red < CHECK_MIN_RED * c.ink)
		return STATUS_IMPRESSION_NOT_RED;
	return STATUS_OK;
}

enum status
impression_check_surface(cairo_surface_t *s, const unsigned char *png,
    size_t len, double size_mm, struct impression_png_info *info)
{
	struct impression_png_info i;
	enum status st;

	/* The physical size: given, or what the picture records. */
	i.width_px = (unsigned) cairo_image_surface_get_width(s);
	i.height_px = (unsigned) cairo_image_surface_get_height(s);
	i.dpi = size_mm > 0 ? i.width_px * 25.4 / size_mm : png_dpi(png, len);
	i.width_mm = i.dpi > 0 ? i.width_px * 25.4 / i.dpi : 0;
	i.height_mm = i.dpi > 0 ? i.height_px * 25.4 / i.dpi : 0;
	if (info != NULL)
		*info = i;

	if (i.dpi <= 0)
		st = STATUS_IMPRESSION_NO_SIZE;
	else if (i.dpi < CHECK_MIN_DPI)
		st = STATUS_IMPRESSION_LOW_RES;
	else
		st = impression_check_ink(s);
	return st;
}

enum status
impression_check_png(const unsigned char *png, size_t len, double size_mm,
    struct impression_png_info *info)
{
	cairo_surface_t *s;
	enum status st;

	if (png == NULL)
		return STATUS_IMPRESSION_NOT_PNG;
	st = png_decode(png, len, &s);
	if (st != STATUS_OK)
		return st;
	st = impression_check_surface(s, png, len, size_mm, info);
	cairo_surface_destroy(s);
	return st;
}

enum status
impression_check_register(const unsigned char *png, size_t len,
    double size_mm, uint32_t *diameter_mm)
{
	struct impression_png_info info;
	enum status st;

	*diameter_mm = 0;
	if (size_mm <= 0) {
		st = impression_check_png(png, len, 0, &info);
		if (st != STATUS_OK)
			return st;
		size_mm = info.width_mm;
	}

	/* The SESeal holds whole millimetres, and a sealing judges the
	 * picture at that size, not at the one its pHYs says: a 12-pixel
	 * picture at 600 dpi (0.5 mm) is a 1 mm seal of 305 dpi. */
	*diameter_mm = size_mm < 1 ? 1 : (uint32_t) (size_mm + 0.5);
	return impression_check_png(png, len, *diameter_mm, NULL);
}
