/*
 * measure.h -- what the render tests share: loading pictures, finding red
 * ink in them, and running poppler's pdftoppm and pdftotext on our PDFs.
 * Failures stop the test through libcheck with a message saying what was
 * missing.
 */
#ifndef TESTS_RENDER_MEASURE_H
#define TESTS_RENDER_MEASURE_H

#include <cairo.h>

struct picture {
	cairo_surface_t	*s;
	int		 w;
	int		 h;
	double		 dpi;
};

/* Red ink found in a region, in millimetres from the picture's corner. */
struct red_box {
	long	n;
	double	x0, y0, x1, y1;
	double	cx, cy;		/* the box's centre */
	double	mx, my;		/* the pixels' centroid */
};

void picture_load(struct picture *p, const char *path, double dpi);
void picture_free(struct picture *p);

/* Non-zero when the pixel is red ink: opaque enough, strongly red. */
int picture_red(const struct picture *p, int x, int y);

/* Red pixels in the rectangle [X0, X1) x [Y0, Y1), millimetres. */
void picture_red_box(const struct picture *p, double x0, double y0,
    double x1, double y1, struct red_box *box);

double picture_mm(const struct picture *p, double px);
double picture_px(const struct picture *p, double mm);

/* Run a shell command; the test fails when it does not exit 0. */
void measure_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Page PAGE of PDF rasterised at DPI into DIR; returns the PNG's path. */
char *measure_raster(const char *dir, const char *pdf, int page, int dpi);

/* pdftotext of PAGE (0: all) with OPTS; returns the text. */
char *measure_text(const char *dir, const char *pdf, int page,
    const char *opts);

/* TEXT without white space and without page numbers ("—3—"). */
char *measure_squeeze(const char *text);

/* The corpus folder: $ESEAL_CORPUS_DIR, else beside the source tree. */
char *measure_corpus_dir(void);

#endif
