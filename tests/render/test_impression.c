/*
 * test_impression.c -- the generated seal impression, measured on its
 * 600 dpi picture the way an office checks a new seal (Art. 5): a red
 * ring 42 mm across and round, the star in the centre, the name upright
 * at the top between star and ring with a clear gap, spanning 210 to 250
 * degrees, evenly spaced; and its PDF renders in poppler.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "render/measure.h"
#include "render/render.h"
#include "render/suites.h"

#define NAME	"示范市示范区司法局"
#define DPI	600.0
#define RAD	(M_PI / 180.0)

/* What an office would measure on an impression. */
struct seal_measure {
	double	cx, cy;		/* centre, pixels */
	double	diameter;	/* outer diameter, mm */
	double	r_min, r_max;	/* outer edge over all angles, mm */
	double	inner_min;	/* ring's inner edge, smallest, mm */
	double	width_max;	/* ring's width, largest, mm */
	double	gap_min;	/* ring to name along the top rays, mm */
};

static char *impression_dir;

static void
impression_setup(void)
{
	impression_dir = testlib_tmpdir();
}

static void
impression_teardown(void)
{
	testlib_rmdir(impression_dir);
	render_release();
}

/* Export SPEC's PNG into the test's folder and load it. */
static void
impression_load(const struct impression_spec *spec, struct picture *p)
{
	char *path = xasprintf("%s/seal.png", impression_dir);
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(impression_png(spec, &b), STATUS_OK);
	ck_assert_int_eq(render_save(b.data, b.len, path), STATUS_OK);
	picture_load(p, path, DPI);
	buf_free(&b);
	free(path);
}

static int
impression_red_at(const struct picture *p, double cx, double cy,
    double theta, double r_px)
{
	int x = (int) floor(cx + r_px * sin(theta));
	int y = (int) floor(cy - r_px * cos(theta));

	if (x < 0 || y < 0 || x >= p->w || y >= p->h)
		return 0;
	return picture_red(p, x, y);
}

/* Along one ray from outside: the ring's outer and inner edges, then the
 * next ink inward (0 when none before the star). */
static void
impression_ray(const struct picture *p, double cx, double cy, double theta,
    double edge[3])
{
	double r = cx + 2, step = 0.25;

	edge[0] = edge[1] = edge[2] = 0;
	while (r > 0 && !impression_red_at(p, cx, cy, theta, r))
		r -= step;
	edge[0] = r;
	while (r > 0 && impression_red_at(p, cx, cy, theta, r))
		r -= step;
	edge[1] = r;
	while (r > picture_px(p, 8) && !impression_red_at(p, cx, cy, theta, r))
		r -= step;
	edge[2] = r > picture_px(p, 8) ? r : 0;
}

static void
impression_measure(const struct picture *p, struct seal_measure *m)
{
	struct red_box box;
	double edge[3], a, rmm;
	int i;

	picture_red_box(p, 0, 0, 1e9, 1e9, &box);
	m->cx = picture_px(p, box.cx);
	m->cy = picture_px(p, box.cy);
	m->diameter = ((box.x1 - box.x0) + (box.y1 - box.y0)) / 2;
	m->r_min = m->inner_min = m->gap_min = 1e9;
	m->r_max = m->width_max = 0;

	for (i = 0; i < 720; i++) {
		a = i * 0.5 * RAD;
		impression_ray(p, m->cx, m->cy, a, edge);
		rmm = picture_mm(p, edge[0]);
		m->r_min = fmin(m->r_min, rmm);
		m->r_max = fmax(m->r_max, rmm);
		m->inner_min = fmin(m->inner_min, picture_mm(p, edge[1]));
		m->width_max = fmax(m->width_max,
		    picture_mm(p, edge[0] - edge[1]));
		if (edge[2] > 0 && (i <= 200 || i >= 520))
			m->gap_min = fmin(m->gap_min,
			    picture_mm(p, edge[1] - edge[2]));
	}
}

/* The angle from the top, clockwise, of pixel (X, Y); degrees. */
static double
impression_angle(const struct seal_measure *m, int x, int y)
{
	return atan2(x + 0.5 - m->cx, m->cy - (y + 0.5)) / RAD;
}

static double
impression_radius(const struct picture *p, const struct seal_measure *m,
    int x, int y)
{
	return picture_mm(p, hypot(x + 0.5 - m->cx, y + 0.5 - m->cy));
}

/* The name's pixels: between star and ring, above the lower line. */
static int
impression_name_pixel(const struct picture *p, const struct seal_measure *m,
    int x, int y)
{
	double r = impression_radius(p, m, x, y);

	return r > 8.0 && r < m->inner_min - 0.1 &&
	    fabs(impression_angle(m, x, y)) <= 135 && picture_red(p, x, y);
}

START_TEST(test_ring_is_42mm_and_round)
{
	struct impression_spec spec = { NAME, "公文专用", 0, NULL, 0 };
	struct seal_measure m;
	struct picture p;

	impression_load(&spec, &p);
	impression_measure(&p, &m);

	/* Art. 5: round, 42 mm across. */
	ck_assert_msg(fabs(m.diameter - 42.0) <= 0.2, "diameter %.3f mm",
	    m.diameter);
	ck_assert_msg(m.r_max - m.r_min <= 0.1, "radius spread %.3f mm",
	    m.r_max - m.r_min);
	ck_assert_msg(m.width_max <= 1.5, "ring %.3f mm wide somewhere: ink "
	    "touches it", m.width_max);

	/* Centred in its picture, so it lands where it is placed. */
	ck_assert_msg(fabs(picture_mm(&p, m.cx - p.w / 2.0)) <= 0.1 &&
	    fabs(picture_mm(&p, m.cy - p.h / 2.0)) <= 0.1, "ring off centre");
	picture_free(&p);
}
END_TEST

START_TEST(test_star_is_centred)
{
	struct impression_spec spec = { NAME, "公文专用", 0, NULL, 0 };
	struct seal_measure m;
	struct picture p;
	double sx = 0, sy = 0, r, a;
	long n = 0;
	int x, y, arcs = 0, was, is, i;

	impression_load(&spec, &p);
	impression_measure(&p, &m);
	for (y = 0; y < p.h; y++)
		for (x = 0; x < p.w; x++)
			if (picture_red(&p, x, y) &&
			    impression_radius(&p, &m, x, y) < 7.6) {
				sx += x + 0.5;
				sy += y + 0.5;
				n++;
			}
	ck_assert_int_gt(n, 1000);
	ck_assert_msg(hypot(picture_mm(&p, sx / n - m.cx),
	    picture_mm(&p, sy / n - m.cy)) <= 0.2, "star off centre by "
	    "%.3f mm", hypot(picture_mm(&p, sx / n - m.cx),
	    picture_mm(&p, sy / n - m.cy)));

	/* Five points: five red arcs on a circle through the points. */
	was = impression_red_at(&p, m.cx, m.cy, -0.5 * RAD,
	    picture_px(&p, 5.5));
	for (i = 0; i < 720; i++) {
		a = i * 0.5 * RAD;
		r = picture_px(&p, 5.5);
		is = impression_red_at(&p, m.cx, m.cy, a, r);
		arcs += is && !was;
		was = is;
	}
	ck_assert_int_eq(arcs, 5);
	ck_assert(impression_red_at(&p, m.cx, m.cy, 0, picture_px(&p, 6.5)));
	picture_free(&p);
}
END_TEST

START_TEST(test_name_between_star_and_ring)
{
	struct impression_spec spec = { NAME, "公文专用", 0, NULL, 0 };
	struct seal_measure m;
	struct picture p;
	double rmin = 1e9, rmax = 0, r;
	int x, y;

	impression_load(&spec, &p);
	impression_measure(&p, &m);
	for (y = 0; y < p.h; y++)
		for (x = 0; x < p.w; x++)
			if (impression_name_pixel(&p, &m, x, y)) {
				r = impression_radius(&p, &m, x, y);
				rmin = fmin(rmin, r);
				rmax = fmax(rmax, r);
			}

	/* Every glyph inside the ring with a clear gap, outside the star. */
	ck_assert_msg(m.gap_min >= 0.6, "gap to the ring %.3f mm", m.gap_min);
	ck_assert_msg(m.inner_min - rmax >= 0.6, "name reaches %.3f mm, ring "
	    "at %.3f mm", rmax, m.inner_min);
	ck_assert_msg(rmin >= 7.0 + 3.0, "name comes down to %.3f mm", rmin);
	ck_assert_msg(rmax - rmin >= 4.5, "name band only %.3f mm tall",
	    rmax - rmin);
	picture_free(&p);
}
END_TEST

/* The arc the name covers and its centre, from the angles of its ink. */
static void
impression_span(const struct picture *p, const struct seal_measure *m,
    double *span, double *mid, double *left, double *right)
{
	double lo = 1e9, hi = -1e9, a;
	int x, y;

	*left = *right = 0;
	for (y = 0; y < p->h; y++)
		for (x = 0; x < p->w; x++) {
			if (!impression_name_pixel(p, m, x, y))
				continue;
			a = impression_angle(m, x, y);
			lo = fmin(lo, a);
			hi = fmax(hi, a);
			*(a < 0 ? left : right) += 1;
		}
	*span = hi - lo;
	*mid = (hi + lo) / 2;
}

START_TEST(test_name_spans_the_upper_arc)
{
	struct impression_spec spec = { NAME, NULL, 0, NULL, 0 };
	double span, mid, left, right;
	struct seal_measure m;
	struct picture p;

	impression_load(&spec, &p);
	impression_measure(&p, &m);
	impression_span(&p, &m, &span, &mid, &left, &right);

	ck_assert_msg(span >= 210 && span <= 250, "name spans %.1f degrees",
	    span);
	/* The end glyphs' ink differs (示, 局): a degree or two either way. */
	ck_assert_msg(fabs(mid) <= 2.5, "name centred %.2f degrees off the top",
	    mid);

	/* Nothing but the name below the star when there is no lower line. */
	{
		struct red_box box;

		picture_red_box(&p, picture_mm(&p, m.cx) - 9,
		    picture_mm(&p, m.cy) + 7.5, picture_mm(&p, m.cx) + 9,
		    picture_mm(&p, m.cy) + 16, &box);
		ck_assert_int_eq(box.n, 0);
	}
	picture_free(&p);
}
END_TEST

/* One glyph of the name as the picture shows it. */
struct glyph_ink {
	int	from, to;	/* quarter-degree bins it covers */
	double	angle;		/* its centroid's angle */
	double	mass;
	double	rmin, rmax;	/* its radial extent, mm */
};

#define MAX_GLYPHS 16

/* Split the name's ink into runs of angle separated by empty ones. */
static int
impression_glyphs(const struct picture *p, const struct seal_measure *m,
    struct glyph_ink *g)
{
	double bins[1440] = { 0 };
	int x, y, i, n = 0;

	for (y = 0; y < p->h; y++)
		for (x = 0; x < p->w; x++)
			if (impression_name_pixel(p, m, x, y))
				bins[(int) ((impression_angle(m, x, y) + 180) *
				    4) % 1440] += 1;
	for (i = 0; i < 1440; i++) {
		if (bins[i] > 0 && (i == 0 || bins[i - 1] == 0)) {
			ck_assert_int_lt(n, MAX_GLYPHS);
			g[n].from = i;
			g[n].angle = g[n].mass = g[n].rmax = 0;
			g[n++].rmin = 1e9;
		}
		if (bins[i] > 0)
			g[n - 1].to = i;
	}
	return n;
}

/* Each glyph's centroid angle and radial extent. */
static void
impression_glyph_shape(const struct picture *p, const struct seal_measure *m,
    struct glyph_ink *g, int n)
{
	double a, r;
	int x, y, i, bin;

	for (y = 0; y < p->h; y++)
		for (x = 0; x < p->w; x++) {
			if (!impression_name_pixel(p, m, x, y))
				continue;
			a = impression_angle(m, x, y);
			bin = (int) ((a + 180) * 4) % 1440;
			r = impression_radius(p, m, x, y);
			for (i = 0; i < n; i++)
				if (bin >= g[i].from && bin <= g[i].to) {
					g[i].angle += a;
					g[i].mass += 1;
					g[i].rmin = fmin(g[i].rmin, r);
					g[i].rmax = fmax(g[i].rmax, r);
				}
		}
	for (i = 0; i < n; i++)
		g[i].angle /= g[i].mass;
}

/* With identical glyphs the picture is symmetric about the vertical
 * axis, the glyphs evenly spaced, each standing alike on its radius. */
START_TEST(test_name_upright_and_even)
{
	struct impression_spec spec = {
		"口口口口口口口口口", NULL, 0, NULL, 0
	};
	double span, mid, left, right, mean, dev = 0;
	struct glyph_ink g[MAX_GLYPHS];
	struct seal_measure m;
	struct picture p;
	int i, n;

	impression_load(&spec, &p);
	impression_measure(&p, &m);
	impression_span(&p, &m, &span, &mid, &left, &right);
	ck_assert_msg(fabs(left - right) / (left + right) <= 0.02,
	    "left %.0f px, right %.0f px", left, right);

	n = impression_glyphs(&p, &m, g);
	ck_assert_int_eq(n, 9);
	impression_glyph_shape(&p, &m, g, n);
	mean = (g[n - 1].angle - g[0].angle) / (n - 1);
	for (i = 0; i + 1 < n; i++)
		dev = fmax(dev, fabs(g[i + 1].angle - g[i].angle - mean));
	ck_assert_msg(dev <= 0.3, "spacing varies by %.2f degrees", dev);
	ck_assert_msg(fabs(g[4].angle) <= 0.3, "middle glyph at %.2f degrees",
	    g[4].angle);

	/* Rotated with its radius, every glyph spans the same radii. */
	for (i = 1; i < n; i++)
		ck_assert_msg(fabs(g[i].rmin - g[0].rmin) <= 0.1 &&
		    fabs(g[i].rmax - g[0].rmax) <= 0.1, "glyph %d spans "
		    "%.2f-%.2f mm, the first %.2f-%.2f", i, g[i].rmin,
		    g[i].rmax, g[0].rmin, g[0].rmax);
	picture_free(&p);
}
END_TEST

START_TEST(test_lower_line_under_star)
{
	struct impression_spec spec = { NAME, "公文专用", 0, NULL, 0 };
	struct seal_measure m;
	struct red_box box;
	struct picture p;

	impression_load(&spec, &p);
	impression_measure(&p, &m);
	picture_red_box(&p, picture_mm(&p, m.cx) - 10.5,
	    picture_mm(&p, m.cy) + 7.5, picture_mm(&p, m.cx) + 10.5,
	    picture_mm(&p, m.cy) + 16, &box);

	/* Horizontal and centred under the star. */
	ck_assert_int_gt(box.n, 2000);
	ck_assert_msg(fabs(box.cx - picture_mm(&p, m.cx)) <= 0.3,
	    "lower line %.2f mm off centre", box.cx - picture_mm(&p, m.cx));
	ck_assert_msg(box.y1 - box.y0 <= 5.0, "lower line %.2f mm tall",
	    box.y1 - box.y0);
	picture_free(&p);
}
END_TEST

START_TEST(test_png_records_600dpi)
{
	struct impression_spec spec = { NAME, NULL, 0, NULL, 0 };
	struct impression_png_info info;
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(impression_png(&spec, &b), STATUS_OK);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, &info),
	    STATUS_OK);
	ck_assert(fabs(info.dpi - 600) < 0.01);
	ck_assert(fabs(info.width_mm - 42) < 0.1);
	ck_assert_uint_eq(info.width_px, info.height_px);
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf_renders_in_poppler)
{
	struct impression_spec spec = { NAME, "公文专用", 0, NULL, 0 };
	char *pdf = xasprintf("%s/seal.pdf", impression_dir), *png;
	struct picture p;
	struct red_box box;
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(impression_pdf(&spec, &b), STATUS_OK);
	ck_assert_int_eq(render_save(b.data, b.len, pdf), STATUS_OK);
	png = measure_raster(impression_dir, pdf, 1, 300);

	picture_load(&p, png, 300);
	picture_red_box(&p, 0, 0, 1e9, 1e9, &box);
	ck_assert_msg(fabs(box.x1 - box.x0 - 42) <= 0.3 &&
	    fabs(box.y1 - box.y0 - 42) <= 0.3, "PDF ring %.2f x %.2f mm",
	    box.x1 - box.x0, box.y1 - box.y0);
	picture_free(&p);
	buf_free(&b);
	free(png);
	free(pdf);
}
END_TEST

/* The same drawing placed anywhere: what documents use. */
START_TEST(test_drawn_where_placed)
{
	struct impression_spec spec = { NAME, NULL, 38, NULL, 0 };
	char *path = xasprintf("%s/placed.png", impression_dir);
	cairo_surface_t *s;
	struct red_box box;
	struct picture p;
	cairo_t *cr;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1181, 1181);
	cr = cairo_create(s);
	cairo_scale(cr, 300 / 25.4, 300 / 25.4);
	ck_assert_int_eq(render_impression(cr, &spec, 30, 60), STATUS_OK);
	cairo_destroy(cr);
	ck_assert_int_eq(cairo_surface_write_to_png(s, path),
	    CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);

	picture_load(&p, path, 300);
	picture_red_box(&p, 0, 0, 1e9, 1e9, &box);
	ck_assert_msg(fabs(box.cx - 30) <= 0.2 && fabs(box.cy - 60) <= 0.2,
	    "drawn at %.2f, %.2f", box.cx, box.cy);
	ck_assert_msg(fabs(box.x1 - box.x0 - 38) <= 0.2, "38 mm seal %.2f mm",
	    box.x1 - box.x0);
	picture_free(&p);
	free(path);
}
END_TEST

START_TEST(test_bad_names_refused)
{
	struct impression_spec spec = { "", NULL, 0, NULL, 0 };
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(impression_png(&spec, &b), STATUS_INVALID);
	spec.name = "示范\xff局";
	ck_assert_int_eq(impression_png(&spec, &b), STATUS_ENCODING);
	spec.name = "示范市示范区人民政府办公室关于电子印章管理工作的领导小组"
	    "办公室秘书科档案管理中心";
	ck_assert_int_eq(impression_png(&spec, &b), STATUS_IMPRESSION_NAME);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
}
END_TEST

/* Dropping the caches right after drawing (as esealctl seal add does
 * before it exits) must not race pango's font workers: a small seal,
 * whose drawing is quick, aborted inside cairo now and then.  Drawn
 * again after each release, it comes out the same. */
START_TEST(test_release_after_drawing)
{
	struct impression_spec spec = { "示例市司法局", "公文专用", 10, NULL,
	    0 };
	struct buf first, again;
	int i;

	buf_init(&first);
	ck_assert_int_eq(impression_png(&spec, &first), STATUS_OK);
	render_release();
	for (i = 0; i < 40; i++) {
		buf_init(&again);
		ck_assert_int_eq(impression_png(&spec, &again), STATUS_OK);
		render_release();
		ck_assert_uint_eq(again.len, first.len);
		ck_assert_mem_eq(again.data, first.data, first.len);
		buf_free(&again);
	}
	buf_free(&first);
}
END_TEST

Suite *
impression_suite(void)
{
	Suite *s = suite_create("impression");
	TCase *tc = tcase_create("impression");

	tcase_add_checked_fixture(tc, impression_setup, impression_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_ring_is_42mm_and_round);
	tcase_add_test(tc, test_star_is_centred);
	tcase_add_test(tc, test_name_between_star_and_ring);
	tcase_add_test(tc, test_name_spans_the_upper_arc);
	tcase_add_test(tc, test_name_upright_and_even);
	tcase_add_test(tc, test_lower_line_under_star);
	tcase_add_test(tc, test_png_records_600dpi);
	tcase_add_test(tc, test_pdf_renders_in_poppler);
	tcase_add_test(tc, test_drawn_where_placed);
	tcase_add_test(tc, test_bad_names_refused);
	tcase_add_test(tc, test_release_after_drawing);
	suite_add_tcase(s, tc);
	return s;
}
