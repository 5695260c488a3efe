/*
 * impression.c -- draws the seal impression (印模) the office issues, as
 * the State Council rules describe a bureau department's seal: a red ring
 * 42 mm across, a five-pointed star in the centre, the body's full name in
 * a Song face around the upper arc from left to right, evenly spaced,
 * each glyph upright along its radius, and an optional line under the
 * star.  Everything is vector drawing, so the office's export and every
 * document draw the same impression through render_impression().
 *
 * Geometry is fixed for 42 mm and scales with the diameter.  This file
 * must not decide where a seal goes on a page (layout.c does) nor keep
 * any state between calls (an imported picture is kept decoded by
 * picture.c, which gives the same picture for the same bytes).
 */
#include <config.h>

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>

#include "render/font.h"
#include "render/png.h"

/* Millimetres on a 42 mm seal. */
#define IMP_RING_WIDTH	1.2	/* the ring's stroke */
#define IMP_STAR_R	7.0	/* star's circumradius: 14 mm across */
#define IMP_NAME_EM	6.6	/* the name's font size */
#define IMP_NAME_GAP	1.1	/* clear gap between name and ring */
#define IMP_LOWER_EM	4.4	/* the lower line's font size */
#define IMP_LOWER_Y	11.2	/* the lower line's centre below the centre */

#define IMP_MAX_CHARS	40
#define IMP_MIN_HSCALE	0.35	/* narrower glyphs stop being legible */
#define IMP_MM_PER_INCH	25.4
#define IMP_PT_PER_MM	(72.0 / IMP_MM_PER_INCH)

/* The office's own PDF carries no date of its own: a fixed one keeps the
 * bytes, and so their hash, the same on every export. */
#define IMP_PDF_DATE	"2000-01-01T00:00:00"

struct impression_geom {
	double	scale;		/* diameter / 42 mm */
	double	radius;		/* outer edge of the ring */
	double	ring_inner;	/* inner edge of the ring */
	double	x;		/* centre */
	double	y;
};

/* The name's characters (spaces dropped), as byte ranges of the name. */
struct impression_chars {
	const char	*at[IMP_MAX_CHARS];
	int		 len[IMP_MAX_CHARS];
	int		 n;
};

static enum status
impression_split(const char *name, struct impression_chars *c)
{
	size_t left = strlen(name), n;
	uint32_t cp;

	c->n = 0;
	while (left > 0) {
		n = text_utf8_decode(name, left, &cp);
		if (n == 0)
			return STATUS_ENCODING;
		if (cp != ' ' && cp != 0x3000 && cp >= 0x20) {
			if (c->n == IMP_MAX_CHARS)
				return STATUS_IMPRESSION_NAME;
			c->at[c->n] = name;
			c->len[c->n++] = (int) n;
		}
		name += n;
		left -= n;
	}
	return c->n > 0 ? STATUS_OK : STATUS_INVALID;
}

static void
impression_ring(cairo_t *cr, const struct impression_geom *g)
{
	double w = IMP_RING_WIDTH * g->scale;

	cairo_new_path(cr);
	cairo_arc(cr, g->x, g->y, g->radius - w / 2, 0, 2 * M_PI);
	cairo_set_line_width(cr, w);
	cairo_stroke(cr);
}

static void
impression_star(cairo_t *cr, const struct impression_geom *g)
{
	/* A regular pentagram's inner vertices lie at cos 72 / cos 36 of
	 * the outer radius. */
	double outer = IMP_STAR_R * g->scale;
	double inner = outer * cos(2 * M_PI / 5) / cos(M_PI / 5);
	double a, r;
	int k;

	cairo_new_path(cr);
	for (k = 0; k < 10; k++) {
		a = -M_PI / 2 + k * M_PI / 5;
		r = k % 2 == 0 ? outer : inner;
		cairo_line_to(cr, g->x + r * cos(a), g->y + r * sin(a));
	}
	cairo_close_path(cr);
	cairo_fill(cr);
}

/* The arc the name spans, centred on the top: wider for longer names,
 * within the 210-250 degrees a bureau seal shows. */
static double
impression_span(int n)
{
	double deg = 190.0 + 5.0 * n;

	if (deg < 220.0)
		deg = 220.0;
	if (deg > 240.0)
		deg = 240.0;
	return deg * M_PI / 180.0;
}

/* Add one glyph to the path: upright along the radius at angle THETA
 * (clockwise from the top), its baseline at radius BASE. */
static void
impression_glyph(cairo_t *cr, PangoLayout *layout,
    const struct impression_geom *g, double theta, double base,
    double hscale)
{
	struct font_metrics m;

	font_measure(layout, pango_layout_get_text(layout), -1, &m);
	cairo_save(cr);
	cairo_translate(cr, g->x, g->y);
	cairo_rotate(cr, theta);
	cairo_translate(cr, 0, -base);
	cairo_scale(cr, hscale, 1);
	cairo_move_to(cr, -m.advance / 2, -m.baseline);
	pango_cairo_layout_path(cr, layout);
	cairo_restore(cr);
}

/* The highest ink above the baseline among the name's glyphs, and the
 * widest advance: every glyph then shares one baseline radius. */
static void
impression_name_extent(PangoLayout *layout, const struct impression_chars *c,
    double *top, double *bottom, double *advance)
{
	struct font_metrics m;
	int i;

	*top = *advance = 0;
	*bottom = 1e9;
	for (i = 0; i < c->n; i++) {
		font_measure(layout, c->at[i], c->len[i], &m);
		*top = fmax(*top, m.ink_top);
		*bottom = fmin(*bottom, m.ink_bottom);
		*advance = fmax(*advance, m.advance);
	}
}

static enum status
impression_name(cairo_t *cr, const char *name, const struct impression_geom *g)
{
	double top, bottom, adv, base, mid, span, hscale, a, step;
	struct impression_chars c;
	PangoLayout *layout;
	enum status st;
	int i;

	st = impression_split(name, &c);
	if (st != STATUS_OK)
		return st;
	st = font_layout(cr, RENDER_FONT_SEAL, IMP_NAME_EM * g->scale, &layout);
	if (st != STATUS_OK)
		return st;

	/* The band's outer edge keeps the clear gap from the ring. */
	impression_name_extent(layout, &c, &top, &bottom, &adv);
	base = g->ring_inner - IMP_NAME_GAP * g->scale - top;
	mid = base + (top + bottom) / 2;

	/* Narrow the glyphs until neighbours keep a gap of their own. */
	span = impression_span(c.n);
	hscale = fmin(0.9, 0.84 * span * mid / c.n / adv);
	if (hscale < IMP_MIN_HSCALE) {
		st = STATUS_IMPRESSION_NAME;
		goto out;
	}

	a = adv * hscale / mid;
	step = c.n > 1 ? (span - a) / (c.n - 1) : 0;
	cairo_new_path(cr);
	for (i = 0; i < c.n; i++) {
		pango_layout_set_text(layout, c.at[i], c.len[i]);
		impression_glyph(cr, layout, g, c.n > 1 ?
		    -span / 2 + a / 2 + i * step : 0, base, hscale);
	}
	cairo_fill(cr);
out:
	g_object_unref(layout);
	return st;
}

static enum status
impression_lower(cairo_t *cr, const char *lower,
    const struct impression_geom *g)
{
	double em = IMP_LOWER_EM * g->scale, cy, room, hscale, base;
	struct font_metrics m;
	PangoLayout *layout;
	enum status st;

	if (!text_utf8_valid(lower, strlen(lower)))
		return STATUS_ENCODING;
	st = font_layout(cr, RENDER_FONT_SEAL, em, &layout);
	if (st != STATUS_OK)
		return st;

	/* Fit the line inside the ring with a margin on both sides. */
	font_measure(layout, lower, -1, &m);
	cy = IMP_LOWER_Y * g->scale;
	room = 2 * sqrt(pow(g->ring_inner, 2) - pow(cy + em / 2, 2)) -
	    4 * g->scale;
	hscale = m.advance > room ? room / m.advance : 1.0;
	if (hscale < IMP_MIN_HSCALE) {
		st = STATUS_IMPRESSION_NAME;
		goto out;
	}

	base = g->y + cy + (m.ink_top + m.ink_bottom) / 2;
	cairo_new_path(cr);
	cairo_save(cr);
	cairo_translate(cr, g->x, base);
	cairo_scale(cr, hscale, 1);
	cairo_move_to(cr, -m.advance / 2, -m.baseline);
	pango_cairo_layout_path(cr, layout);
	cairo_restore(cr);
	cairo_fill(cr);
out:
	g_object_unref(layout);
	return st;
}

/* An imported picture, drawn at its physical size; AS, when not NULL,
 * is drawn in its place (pdfsplice.c puts the picture back). */
static enum status
impression_picture(cairo_t *cr, const struct impression_spec *spec,
    double x, double y, cairo_surface_t *as)
{
	struct impression_png_info info;
	cairo_surface_t *img = NULL;
	enum status st;

	/* Decoded and judged once for all the documents it seals. */
	st = picture_get(spec->png, spec->png_len, spec->diameter_mm, &info,
	    &img);
	if (st != STATUS_OK)
		return st;
	if (as != NULL) {
		img = as;
		info.width_px = (unsigned) cairo_image_surface_get_width(as);
		info.height_px = (unsigned) cairo_image_surface_get_height(as);
	}

	cairo_save(cr);
	cairo_translate(cr, x - info.width_mm / 2, y - info.height_mm / 2);
	cairo_scale(cr, info.width_mm / info.width_px,
	    info.height_mm / info.height_px);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	return STATUS_OK;
}

static double
impression_diameter(const struct impression_spec *spec)
{
	return spec->diameter_mm > 0 ? spec->diameter_mm :
	    IMPRESSION_DIAMETER_MM;
}

static enum status
impression_generated(cairo_t *cr, const struct impression_spec *spec,
    double x, double y)
{
	struct impression_geom g;
	enum status st;

	g.scale = impression_diameter(spec) / IMPRESSION_DIAMETER_MM;
	g.radius = impression_diameter(spec) / 2;
	g.ring_inner = g.radius - IMP_RING_WIDTH * g.scale;
	g.x = x;
	g.y = y;

	cairo_set_source_rgb(cr, RENDER_RED_R, RENDER_RED_G, RENDER_RED_B);
	impression_ring(cr, &g);
	impression_star(cr, &g);
	st = impression_name(cr, spec->name, &g);
	if (st == STATUS_OK && spec->lower != NULL && *spec->lower != '\0')
		st = impression_lower(cr, spec->lower, &g);
	return st;
}

enum status
impression_draw_as(cairo_t *cr, const struct impression_spec *spec,
    double x_mm, double y_mm, cairo_surface_t *as)
{
	enum status st;

	if (spec == NULL || spec->diameter_mm < 0 || spec->diameter_mm > 100 ||
	    (spec->png == NULL && spec->name == NULL))
		return STATUS_INVALID;

	cairo_save(cr);
	if (spec->png != NULL)
		st = impression_picture(cr, spec, x_mm, y_mm, as);
	else
		st = impression_generated(cr, spec, x_mm, y_mm);
	cairo_restore(cr);

	if (st == STATUS_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		log_error("render: drawing the impression: %s",
		    cairo_status_to_string(cairo_status(cr)));
		st = STATUS_RENDER;
	}
	return st;
}

enum status
render_impression(cairo_t *cr, const struct impression_spec *spec,
    double x_mm, double y_mm)
{
	return impression_draw_as(cr, spec, x_mm, y_mm, NULL);
}

enum status
impression_png(const struct impression_spec *spec, struct buf *out)
{
	double mm, px_per_mm = IMPRESSION_DPI / IMP_MM_PER_INCH;
	cairo_surface_t *s;
	enum status st;
	cairo_t *cr;
	int px;

	if (spec != NULL && spec->png != NULL) {
		st = impression_check_png(spec->png, spec->png_len,
		    spec->diameter_mm, NULL);
		if (st == STATUS_OK)
			buf_add(out, spec->png, spec->png_len);
		return st;
	}
	if (spec == NULL)
		return STATUS_INVALID;

	/* Whole pixels, the ring centred: at most a pixel of margin. */
	px = (int) ceil(impression_diameter(spec) * px_per_mm);
	mm = px / px_per_mm;
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px);
	cr = cairo_create(s);
	cairo_scale(cr, px_per_mm, px_per_mm);
	st = render_impression(cr, spec, mm / 2, mm / 2);
	cairo_destroy(cr);
	cairo_surface_flush(s);

	if (st == STATUS_OK)
		st = png_encode(s, IMPRESSION_DPI, out);
	cairo_surface_destroy(s);
	return st;
}

static cairo_status_t
impression_pdf_write(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* The page an impression fills: its diameter, or an imported picture's
 * physical size. */
static enum status
impression_page(const struct impression_spec *spec, double *w, double *h)
{
	struct impression_png_info info;
	enum status st;

	if (spec->png == NULL) {
		*w = *h = impression_diameter(spec);
		return STATUS_OK;
	}
	st = impression_check_png(spec->png, spec->png_len, spec->diameter_mm,
	    &info);
	*w = info.width_mm;
	*h = info.height_mm;
	return st;
}

/* SPEC (AS in its place when not NULL) on a page of W x H mm. */
static enum status
impression_pdf_page(const struct impression_spec *spec, cairo_surface_t *as,
    double w, double h, struct buf *out)
{
	cairo_surface_t *s;
	enum status st;
	cairo_t *cr;

	s = cairo_pdf_surface_create_for_stream(impression_pdf_write, out,
	    w * IMP_PT_PER_MM, h * IMP_PT_PER_MM);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
	    IMP_PDF_DATE);
	cr = cairo_create(s);
	cairo_scale(cr, IMP_PT_PER_MM, IMP_PT_PER_MM);
	st = impression_draw_as(cr, spec, w / 2, h / 2, as);
	cairo_destroy(cr);
	cairo_surface_finish(s);

	if (st == STATUS_OK && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		st = STATUS_RENDER;
	cairo_surface_destroy(s);
	return st;
}

enum status
impression_pdf(const struct impression_spec *spec, struct buf *out)
{
	enum status st;
	double w, h;

	if (spec == NULL)
		return STATUS_INVALID;
	st = impression_page(spec, &w, &h);
	if (st != STATUS_OK)
		return st;
	return impression_pdf_page(spec, NULL, w, h, out);
}

enum status
impression_pdf_as(const struct impression_spec *spec, cairo_surface_t *as,
    struct buf *out)
{
	struct impression_png_info info;
	enum status st;

	st = picture_get(spec->png, spec->png_len, spec->diameter_mm, &info,
	    NULL);
	if (st != STATUS_OK)
		return st;
	return impression_pdf_page(spec, as, info.width_mm, info.height_mm,
	    out);
}
