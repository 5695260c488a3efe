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
#define CHECK_MIN_CLEAR		0.30	/* share of background pixels */
#define CHECK_MIN_INK		0.005	/* share of ink pixels */
#define CHECK_MIN_RED		0.95	/* share of ink that is red */

struct check_counts {
	unsigned long	clear;
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

static void
impression_check_count(cairo_surface_t *s, struct check_counts *c)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s), x, y;
	uint32_t px;

	c->clear = c->ink = c->red = 0;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			px = impression_check_pixel(s, x, y);
			if (px >> 24 <= CHECK_CLEAR_ALPHA)
				c->clear++;
			else if (px >> 24 >= CHECK_INK_ALPHA) {
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
	if (!c.corners_clear || c.clear < CHECK_MIN_CLEAR * all)
		return STATUS_IMPRESSION_OPAQUE;
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
