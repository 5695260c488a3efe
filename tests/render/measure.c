/*
 * measure.c -- pictures, red pixels and poppler for the render tests.
 */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/testlib.h"
#include "render/measure.h"
#include "util/util.h"

void
picture_load(struct picture *p, const char *path, double dpi)
{
	p->s = cairo_image_surface_create_from_png(path);
	ck_assert_msg(cairo_surface_status(p->s) == CAIRO_STATUS_SUCCESS,
	    "cannot load the picture %s", path);
	cairo_surface_flush(p->s);
	p->w = cairo_image_surface_get_width(p->s);
	p->h = cairo_image_surface_get_height(p->s);
	p->dpi = dpi;
}

void
picture_free(struct picture *p)
{
	cairo_surface_destroy(p->s);
}

int
picture_red(const struct picture *p, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(p->s) +
	    (size_t) y * cairo_image_surface_get_stride(p->s);
	uint32_t px = ((const uint32_t *) (const void *) row)[x];
	unsigned a = px >> 24, r = (px >> 16) & 0xff, g = (px >> 8) & 0xff,
	    b = px & 0xff;

	if (cairo_image_surface_get_format(p->s) != CAIRO_FORMAT_ARGB32)
		a = 255;
	if (a < 128)
		return 0;
	return r * 255 / a >= 150 && g * 255 / a <= 100 && b * 255 / a <= 100;
}

double
picture_mm(const struct picture *p, double px)
{
	return px * 25.4 / p->dpi;
}

double
picture_px(const struct picture *p, double mm)
{
	return mm * p->dpi / 25.4;
}

static int
picture_clamp(double v, int max)
{
	return v < 0 ? 0 : v > max ? max : (int) v;
}

void
picture_red_box(const struct picture *p, double x0, double y0, double x1,
    double y1, struct red_box *box)
{
	int px0 = picture_clamp(picture_px(p, x0), p->w);
	int px1 = picture_clamp(picture_px(p, x1), p->w);
	int py0 = picture_clamp(picture_px(p, y0), p->h);
	int py1 = picture_clamp(picture_px(p, y1), p->h);
	int x, y, minx = p->w, maxx = -1, miny = p->h, maxy = -1;
	double sx = 0, sy = 0;

	box->n = 0;
	for (y = py0; y < py1; y++)
		for (x = px0; x < px1; x++) {
			if (!picture_red(p, x, y))
				continue;
			box->n++;
			sx += x + 0.5;
			sy += y + 0.5;
			minx = x < minx ? x : minx;
			maxx = x > maxx ? x : maxx;
			miny = y < miny ? y : miny;
			maxy = y > maxy ? y : maxy;
		}
	box->x0 = picture_mm(p, minx);
	box->x1 = picture_mm(p, maxx + 1);
	box->y0 = picture_mm(p, miny);
	box->y1 = picture_mm(p, maxy + 1);
	box->cx = (box->x0 + box->x1) / 2;
	box->cy = (box->y0 + box->y1) / 2;
	box->mx = box->n ? picture_mm(p, sx / box->n) : 0;
	box->my = box->n ? picture_mm(p, sy / box->n) : 0;
}

void
measure_run(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int rc;

	va_start(ap, fmt);
	ck_assert(vasprintf(&cmd, fmt, ap) >= 0);
	va_end(ap);
	rc = system(cmd);
	ck_assert_msg(rc == 0,
	    "command failed (is poppler-utils installed?): %s", cmd);
	free(cmd);
}

char *
measure_raster(const char *dir, const char *pdf, int page, int dpi)
{
	char *prefix = xasprintf("%s/page%d-%d", dir, page, dpi);
	char *png = xasprintf("%s.png", prefix);

	measure_run("pdftoppm -r %d -f %d -l %d -singlefile -png '%s' '%s'",
	    dpi, page, page, pdf, prefix);
	free(prefix);
	return png;
}

char *
measure_text(const char *dir, const char *pdf, int page, const char *opts)
{
	char *out = xasprintf("%s/text%d.txt", dir, page), *text;

	if (page > 0)
		measure_run("pdftotext %s -f %d -l %d '%s' '%s'", opts, page,
		    page, pdf, out);
	else
		measure_run("pdftotext %s '%s' '%s'", opts, pdf, out);
	text = testlib_read_file(out, NULL);
	ck_assert_msg(text != NULL, "pdftotext wrote nothing to %s", out);
	free(out);
	return text;
}

static int
measure_page_number(const char *s, size_t *len)
{
	static const char dash[] = "—";
	size_t n = sizeof dash - 1, i = n;

	if (strncmp(s, dash, n) != 0)
		return 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == n || strncmp(s + i, dash, n) != 0)
		return 0;
	*len = i + n;
	return 1;
}

char *
measure_squeeze(const char *text)
{
	char *flat = xmalloc(strlen(text) + 1), *out, *o, *f = flat;
	size_t skip;

	for (; *text != '\0'; text++)
		if (strchr(" \n\f\t\r", *text) == NULL)
			*f++ = *text;
	*f = '\0';

	out = o = xmalloc(strlen(flat) + 1);
	for (f = flat; *f != '\0';)
		if (measure_page_number(f, &skip))
			f += skip;
		else
			*o++ = *f++;
	*o = '\0';
	free(flat);
	return out;
}

char *
measure_corpus_dir(void)
{
	const char *env = getenv("ESEAL_CORPUS_DIR");
	const char *top = getenv("abs_top_srcdir");
	struct stat st;
	char *dir;

	if (env != NULL && *env != '\0')
		dir = xstrdup(env);
	else
		dir = xasprintf("%s/../shared/corpus", top != NULL ? top : ".");
	ck_assert_msg(stat(dir, &st) == 0 && S_ISDIR(st.st_mode),
	    "the sample corpus is missing at %s: set ESEAL_CORPUS_DIR to its "
	    "folder", dir);
	return dir;
}
