/*
 * png.c -- PNG pictures in memory for the impression: decoding through
 * cairo, encoding with the pHYs chunk cairo does not write, and reading
 * that chunk back.
 *
 * The physical size matters: an impression is 42 mm across on paper, and
 * a picture that does not say its resolution cannot be placed at its true
 * size.  This file parses only the chunk framing it needs; it must not
 * decode image data itself (cairo and libpng do that).
 */
#include <config.h>

#include <string.h>

#include "render/png.h"

static const unsigned char png_signature[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

#define PNG_INCH_M	0.0254

struct png_reader {
	const unsigned char	*data;
	size_t			 len;
	size_t			 off;
};

static cairo_status_t
png_read(void *closure, unsigned char *out, unsigned int n)
{
	struct png_reader *r = closure;

	if (r->len - r->off < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->off, n);
	r->off += n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
png_write(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

enum status
png_decode(const unsigned char *data, size_t len, cairo_surface_t **out)
{
	struct png_reader r = { data, len, 0 };
	cairo_surface_t *s;

	if (len < sizeof png_signature ||
	    memcmp(data, png_signature, sizeof png_signature) != 0)
		return STATUS_IMPRESSION_NOT_PNG;

	s = cairo_image_surface_create_from_png_stream(png_read, &r);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return STATUS_IMPRESSION_NOT_PNG;
	}
	*out = s;
	return STATUS_OK;
}

static uint32_t
png_crc(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return c ^ 0xffffffffu;
}

static uint32_t
png_be32(const unsigned char *p)
{
	return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
	    (uint32_t) p[2] << 8 | p[3];
}

static void
png_put_be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* A pHYs chunk: pixels per metre on both axes, unit "metre". */
static void
png_phys_chunk(double dpi, unsigned char chunk[21])
{
	uint32_t ppm = (uint32_t) (dpi / PNG_INCH_M + 0.5);

	png_put_be32(chunk, 9);
	memcpy(chunk + 4, "pHYs", 4);
	png_put_be32(chunk + 8, ppm);
	png_put_be32(chunk + 12, ppm);
	chunk[16] = 1;
	png_put_be32(chunk + 17, png_crc(chunk + 4, 13));
}

enum status
png_encode(cairo_surface_t *surface, double dpi, struct buf *out)
{
	/* Signature and IHDR (length, type, 13 bytes, CRC) come first. */
	const size_t head = sizeof png_signature + 4 + 4 + 13 + 4;
	unsigned char chunk[21];
	struct buf png;
	enum status st = STATUS_RENDER;

	buf_init(&png);
	if (cairo_surface_write_to_png_stream(surface, png_write, &png) !=
	    CAIRO_STATUS_SUCCESS || png.len < head ||
	    memcmp(png.data + sizeof png_signature + 4, "IHDR", 4) != 0)
		goto out;

	png_phys_chunk(dpi, chunk);
	buf_add(out, png.data, head);
	buf_add(out, chunk, sizeof chunk);
	buf_add(out, png.data + head, png.len - head);
	st = STATUS_OK;
out:
	buf_free(&png);
	return st;
}

/* The lower of the two axes' resolutions, so neither is overstated. */
static double
png_min_dpi(const unsigned char *phys)
{
	uint32_t x = png_be32(phys), y = png_be32(phys + 4);

	return (x < y ? x : y) * PNG_INCH_M;
}

double
png_dpi(const unsigned char *data, size_t len)
{
	size_t off = sizeof png_signature;
	uint32_t n;

	if (len < off || memcmp(data, png_signature, off) != 0)
		return 0;

	/* pHYs must come before the first IDAT; stop there. */
	while (len - off >= 12) {
		n = png_be32(data + off);
		if (n > len - off - 12)
			return 0;
		if (memcmp(data + off + 4, "IDAT", 4) == 0)
			return 0;
		if (memcmp(data + off + 4, "pHYs", 4) == 0 && n == 9 &&
		    data[off + 16] == 1)
			return png_min_dpi(data + off + 8);
		off += 12 + (size_t) n;
	}
	return 0;
}
