/*
 * picture.c -- the seal picture of the last document drawn, kept
 * decoded and judged between documents, with what splicing it into a
 * document needs: a stand-in of its colours and both as cairo writes
 * them into a PDF.
 *
 * A clerk seals one document after another with the same seal: decoding
 * its 600 dpi PNG and judging every pixel again for each document took
 * three decodings a document, a third of the drawing; compressing it
 * again inside cairo's PDF writer took another third (pdfsplice.c).  The
 * kept picture is found again only by the very same bytes and size
 * (compared whole, never trusted by length or address), so what is
 * drawn does not change.  It must not keep anything the next drawing
 * could not recompute: one entry, replaced by any other picture, dropped
 * by render_release().
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "render/pdfsplice.h"
#include "render/png.h"

/* The colours a stand-in holds at most (256 x 256 pixels, a quarter
 * of a 600 dpi picture's side), and the slots of the table that finds
 * them (a power of two, twice as many). */
#define PICTURE_COLOURS_MAX	65536
#define PICTURE_SLOTS		131072

/* A stand-in is worth it when the picture has this many times its
 * pixels on each side. */
#define PICTURE_STANDIN_GAIN	4

static struct {
	unsigned char			*png;	/* a copy of the bytes */
	size_t				 len;
	double				 size_mm;
	enum status			 st;	/* the check's verdict */
	struct impression_png_info	 info;
	cairo_surface_t			*img;	/* when the check passed */

	/* Made on the first picture_splice() for this picture. */
	int				 splice_made;
	enum status			 splice_st;
	cairo_surface_t			*standin;
	struct pdfsplice_image		 from;	/* the stand-in, in a PDF */
	struct pdfsplice_image		 to;	/* the picture, in a PDF */
} picture;

static int picture_splice_off;

void
picture_release(void)
{
	if (picture.img != NULL)
		cairo_surface_destroy(picture.img);
	if (picture.standin != NULL)
		cairo_surface_destroy(picture.standin);
	pdfsplice_image_free(&picture.from);
	pdfsplice_image_free(&picture.to);
	free(picture.png);
	memset(&picture, 0, sizeof picture);
}

void
picture_splice_refused(void)
{
	picture.splice_st = STATUS_RENDER;
}

void
picture_splice_allow(int allow)
{
	picture_splice_off = !allow;
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

/* Add pixel V to the colours met so far (SLOTS holds V + 1, 0 is free);
 * 0 once there are more than PICTURE_COLOURS_MAX. */
static int
picture_colour_add(uint64_t *slots, uint32_t *colours, size_t *n,
    uint32_t v, uint32_t key)
{
	size_t k = (key * 2654435761u) & (PICTURE_SLOTS - 1);

	while (slots[k] != 0 && slots[k] != (uint64_t) key + 1)
		k = (k + 1) & (PICTURE_SLOTS - 1);
	if (slots[k] != 0)
		return 1;
	if (*n == PICTURE_COLOURS_MAX)
		return 0;
	slots[k] = (uint64_t) key + 1;
	colours[(*n)++] = v;
	return 1;
}

/* IMG's distinct pixels in the order first met, into COLOURS; 0 when
 * there are too many.  An opaque picture's unused byte does not count. */
static size_t
picture_colours(cairo_surface_t *img, uint32_t *colours)
{
	uint64_t *slots = xcalloc(PICTURE_SLOTS, sizeof *slots);
	uint32_t ignore = cairo_image_surface_get_format(img) ==
	    CAIRO_FORMAT_RGB24 ? 0x00ffffffu : 0xffffffffu;
	const unsigned char *row = cairo_image_surface_get_data(img);
	int w = cairo_image_surface_get_width(img), x, y;
	size_t n = 0;
	const uint32_t *p;

	for (y = 0; y < cairo_image_surface_get_height(img); y++) {
		p = (const uint32_t *) (const void *) (row + (size_t) y *
		    (size_t) cairo_image_surface_get_stride(img));
		for (x = 0; x < w; x++)
			if (!picture_colour_add(slots, colours, &n, p[x],
			    p[x] & ignore)) {
				n = 0;
				goto out;
			}
	}
out:
	free(slots);
	return n;
}

/*
 * A picture of a few pixels with exactly IMG's colours, each at least
 * once: cairo judges a picture by its set of colours (opaque or not,
 * grey or colour), so it writes the stand-in as the same kind of
 * objects.  NULL when IMG has too many colours or is too small.
 */
static cairo_surface_t *
picture_standin_make(cairo_surface_t *img)
{
	cairo_format_t f = cairo_image_surface_get_format(img);
	uint32_t *colours = xmalloc(PICTURE_COLOURS_MAX * sizeof *colours);
	cairo_surface_t *s = NULL;
	size_t n = 0, i;
	int side = 1, x, y;
	uint32_t *p;

	if (f == CAIRO_FORMAT_ARGB32 || f == CAIRO_FORMAT_RGB24)
		n = picture_colours(img, colours);
	while ((size_t) side * (size_t) side < n)
		side++;
	if (n == 0 ||
	    side * PICTURE_STANDIN_GAIN > cairo_image_surface_get_width(img) ||
	    side * PICTURE_STANDIN_GAIN > cairo_image_surface_get_height(img))
		goto out;

	s = cairo_image_surface_create(f, side, side);
	cairo_surface_flush(s);
	for (y = 0, i = 0; y < side; y++) {
		p = (uint32_t *) (void *) (cairo_image_surface_get_data(s) +
		    (size_t) y * (size_t) cairo_image_surface_get_stride(s));
		for (x = 0; x < side; x++, i++)
			p[x] = colours[i < n ? i : 0];
	}
	cairo_surface_mark_dirty(s);
out:
	free(colours);
	return s;
}

/* The stand-in of the kept picture, and both written as cairo does. */
static enum status
picture_splice_make(const struct impression_spec *spec)
{
	struct buf pdf;
	enum status st;

	picture.standin = picture_standin_make(picture.img);
	if (picture.standin == NULL)
		return STATUS_RENDER;
	buf_init(&pdf);
	st = impression_pdf_as(spec, NULL, &pdf);
	if (st == STATUS_OK)
		st = pdfsplice_read(pdf.data, pdf.len, &picture.to);
	buf_reset(&pdf);
	if (st == STATUS_OK)
		st = impression_pdf_as(spec, picture.standin, &pdf);
	if (st == STATUS_OK)
		st = pdfsplice_read(pdf.data, pdf.len, &picture.from);
	buf_free(&pdf);
	if (st == STATUS_OK && (picture.to.width != picture.info.width_px ||
	    picture.to.height != picture.info.height_px))
		st = STATUS_RENDER;
	return st;
}

enum status
picture_splice(const struct impression_spec *spec, cairo_surface_t **standin,
    const struct pdfsplice_image **from, const struct pdfsplice_image **to)
{
	enum status st;

	if (picture_splice_off)
		return STATUS_RENDER;
	st = picture_get(spec->png, spec->png_len, spec->diameter_mm, NULL,
	    NULL);
	if (st != STATUS_OK)
		return st;
	if (!picture.splice_made) {
		picture.splice_made = 1;
		picture.splice_st = picture_splice_make(spec);
	}
	*standin = picture.standin;
	*from = &picture.from;
	*to = &picture.to;
	return picture.splice_st;
}
