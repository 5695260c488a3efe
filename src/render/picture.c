/*
 * picture.c -- the seal picture of the last document drawn, kept
 * decoded and judged between documents.
 *
 * A clerk seals one document after another with the same seal: decoding
 * its 600 dpi PNG and judging every pixel again for each document took
 * three decodings a document, a third of the drawing.  The kept picture
 * is found again only by the very same bytes and size (compared whole,
 * never trusted by length or address), so what is drawn does not change.
 * It must not keep anything the next drawing could not recompute: one
 * entry, replaced by any other picture, dropped by render_release().
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "render/png.h"

static struct {
	unsigned char			*png;	/* a copy of the bytes */
	size_t				 len;
	double				 size_mm;
	enum status			 st;	/* the check's verdict */
	struct impression_png_info	 info;
	cairo_surface_t			*img;	/* when the check passed */
} picture;

void
picture_release(void)
{
	if (picture.img != NULL)
		cairo_surface_destroy(picture.img);
	free(picture.png);
	memset(&picture, 0, sizeof picture);
}

static int
picture_is(const unsigned char *png, size_t len, double size_mm)
{
	return picture.png != NULL && picture.len == len &&
	    picture.size_mm == size_mm && memcmp(picture.png, png, len) == 0;
}

/* Decode and judge PNG into the cache; the previous picture goes. */
static void
picture_load(const unsigned char *png, size_t len, double size_mm)
{
	cairo_surface_t *s = NULL;
	enum status st;

	picture_release();
	st = png_decode(png, len, &s);
	if (st == STATUS_OK)
		st = impression_check_surface(s, png, len, size_mm,
		    &picture.info);
	if (st != STATUS_OK && s != NULL) {
		cairo_surface_destroy(s);
		s = NULL;
	}
	picture.png = xmalloc(len > 0 ? len : 1);
	memcpy(picture.png, png, len);
	picture.len = len;
	picture.size_mm = size_mm;
	picture.st = st;
	picture.img = s;
}

enum status
picture_get(const unsigned char *png, size_t len, double size_mm,
    struct impression_png_info *info, cairo_surface_t **img)
{
	if (png == NULL)
		return STATUS_IMPRESSION_NOT_PNG;
	if (!picture_is(png, len, size_mm))
		picture_load(png, len, size_mm);
	if (info != NULL)
		*info = picture.info;
	if (img != NULL)
		*img = picture.img;
	return picture.st;
}
