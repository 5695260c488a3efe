/*
 * pdfsplice.h -- inside the render layer: a picture's compressed streams
 * as cairo writes them into a PDF, kept once and put in the place of a
 * small stand-in's in each document drawn afterwards.
 *
 * Not part of the facade; only src/render and its tests include it.
 */
#ifndef ESEAL_RENDER_PDFSPLICE_H
#define ESEAL_RENDER_PDFSPLICE_H

#include "util/util.h"

/* One picture as an image XObject: its stream and its soft mask's. */
struct pdfsplice_image {
	struct buf	 img;		/* the image's stream, compressed */
	struct buf	 mask;		/* its /SMask's stream; empty: none */
	unsigned	 width;		/* pixels, as /Width and /Height say */
	unsigned	 height;
};

void pdfsplice_image_init(struct pdfsplice_image *im);
void pdfsplice_image_free(struct pdfsplice_image *im);

/*
 * Read the only picture of the PDF at PDF (LEN bytes, written by cairo)
 * into OUT: the image with its soft mask, if any.  STATUS_RENDER when the
 * PDF holds no picture, more than one, or is not laid out as cairo 1.16
 * writes it.
 */
enum status pdfsplice_read(const unsigned char *pdf, size_t len,
    struct pdfsplice_image *out);

/*
 * In the PDF that starts at byte START of OUT and runs to its end, put
 * TO's streams, size and lengths where FROM's are, and move the
 * cross-reference table's offsets to match.  FROM's streams must each be
 * found exactly once; STATUS_RENDER otherwise, and OUT is left as it was.
 */
enum status pdfsplice_apply(struct buf *out, size_t start,
    const struct pdfsplice_image *from, const struct pdfsplice_image *to);

#endif
