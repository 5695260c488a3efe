/*
 * font.c -- picks the installed face for each role of a document or seal
 * and makes pango layouts that measure exactly.
 *
 * Each role has the bureau's faces first, in the order offices install
 * them, and Debian's fonts-noto-cjk last, so a workstation without the
 * bureau's fonts still lays out every line in the same places.  It must
 * not guess: a role with no installed face is an error, never a silent
 * substitution by fontconfig (which would draw boxes or Latin glyphs).
 */
#include <config.h>

#include <string.h>

#include <fontconfig/fontconfig.h>

#include "render/font.h"
#include "render/png.h"

struct font_candidate {
	const char	*family;
	PangoWeight	 weight;
};

#define FONT_MAX_CANDIDATES 10
#define FONT_RELEASE_WAIT_MS 5000	/* for pango's font workers */

/* Non-zero once pango's default font map was made (render_release). */
static int font_map_made;

/* Candidates per role, best first; the Noto faces are the fallback. */
static const struct font_candidate font_candidates[RENDER_FONT__COUNT]
    [FONT_MAX_CANDIDATES] = {
	[RENDER_FONT_BODY] = {
		{ "FangSong_GB2312", PANGO_WEIGHT_NORMAL },
		{ "仿宋_GB2312", PANGO_WEIGHT_NORMAL },
		{ "FangSong", PANGO_WEIGHT_NORMAL },
		{ "仿宋", PANGO_WEIGHT_NORMAL },
		{ "FZFangSong-Z02S", PANGO_WEIGHT_NORMAL },
		{ "STFangsong", PANGO_WEIGHT_NORMAL },
		{ "Noto Serif CJK SC", PANGO_WEIGHT_NORMAL },
	},
	[RENDER_FONT_TITLE] = {
		{ "FZXiaoBiaoSong-B05S", PANGO_WEIGHT_NORMAL },
		{ "方正小标宋简体", PANGO_WEIGHT_NORMAL },
		{ "方正小标宋_GBK", PANGO_WEIGHT_NORMAL },
		{ "Noto Serif CJK SC", PANGO_WEIGHT_BOLD },
	},
	[RENDER_FONT_HEI] = {
		{ "SimHei", PANGO_WEIGHT_NORMAL },
		{ "黑体", PANGO_WEIGHT_NORMAL },
		{ "FZHei-B01S", PANGO_WEIGHT_NORMAL },
		{ "Noto Sans CJK SC", PANGO_WEIGHT_NORMAL },
		{ "Noto Serif CJK SC", PANGO_WEIGHT_BOLD },
	},
	[RENDER_FONT_SONG] = {
		{ "SimSun", PANGO_WEIGHT_NORMAL },
		{ "宋体", PANGO_WEIGHT_NORMAL },
		{ "FZShuSong-Z01S", PANGO_WEIGHT_NORMAL },
		{ "方正书宋_GBK", PANGO_WEIGHT_NORMAL },
		{ "Noto Serif CJK SC", PANGO_WEIGHT_NORMAL },
	},
	/* An engraved seal's strokes are heavy: the thin fallback face is
	 * taken bold so the impression reads like a real one. */
	[RENDER_FONT_SEAL] = {
		{ "SimSun", PANGO_WEIGHT_NORMAL },
		{ "宋体", PANGO_WEIGHT_NORMAL },
		{ "FZShuSong-Z01S", PANGO_WEIGHT_NORMAL },
		{ "方正书宋_GBK", PANGO_WEIGHT_NORMAL },
		{ "Noto Serif CJK SC", PANGO_WEIGHT_BOLD },
	},
};

static int
font_installed(PangoFontFamily **families, int n, const char *family)
{
	int i;

	for (i = 0; i < n; i++)
		if (g_ascii_strcasecmp(pango_font_family_get_name(families[i]),
		    family) == 0)
			return 1;
	return 0;
}

static const struct font_candidate *
font_pick(enum render_font role)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	const struct font_candidate *c, *found = NULL;
	PangoFontFamily **families;
	int n;

	font_map_made = 1;
	if ((unsigned) role >= RENDER_FONT__COUNT)
		return NULL;
	pango_font_map_list_families(map, &families, &n);

	for (c = font_candidates[role]; c < font_candidates[role] +
	    FONT_MAX_CANDIDATES && c->family != NULL; c++)
		if (font_installed(families, n, c->family)) {
			found = c;
			break;
		}
	g_free(families);
	return found;
}

const char *
render_font_family(enum render_font role)
{
	const struct font_candidate *c = font_pick(role);

	return c != NULL ? c->family : NULL;
}

enum status
font_face(enum render_font role, struct font_face *face)
{
	const struct font_candidate *c = font_pick(role);

	if (c == NULL) {
		log_error("render: no installed face for font role %d", role);
		return STATUS_RENDER_FONT;
	}
	face->family = c->family;
	face->weight = c->weight;
	return STATUS_OK;
}

/* No hinting and no rounding: a glyph's width is then the same on a PDF
 * page, a 600 dpi picture and a 150 dpi preview, so layouts agree. */
static void
font_exact(PangoLayout *layout)
{
	PangoContext *ctx = pango_layout_get_context(layout);
	cairo_font_options_t *opts = cairo_font_options_create();

	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_layout_context_changed(layout);
}

enum status
font_layout(cairo_t *cr, enum render_font role, double size_mm,
    PangoLayout **out)
{
	PangoFontDescription *desc;
	struct font_face face;
	PangoLayout *layout;
	enum status st;

	st = font_face(role, &face);
	if (st != STATUS_OK)
		return st;

	layout = pango_cairo_create_layout(cr);
	font_exact(layout);
	desc = pango_font_description_new();
	pango_font_description_set_family(desc, face.family);
	pango_font_description_set_weight(desc, face.weight);
	pango_font_description_set_absolute_size(desc, size_mm * PANGO_SCALE);
	pango_layout_set_font_description(layout, desc);
	pango_font_description_free(desc);
	*out = layout;
	return STATUS_OK;
}

void
font_measure(PangoLayout *layout, const char *text, int len,
    struct font_metrics *m)
{
	PangoRectangle ink, logical;
	double baseline;

	pango_layout_set_text(layout, text, len);
	pango_layout_get_extents(layout, &ink, &logical);
	baseline = (double) pango_layout_get_baseline(layout) / PANGO_SCALE;

	m->advance = (double) logical.width / PANGO_SCALE;
	m->ink_left = (double) ink.x / PANGO_SCALE;
	m->ink_width = (double) ink.width / PANGO_SCALE;
	m->ink_top = baseline - (double) ink.y / PANGO_SCALE;
	m->ink_bottom = baseline - (double) (ink.y + ink.height) / PANGO_SCALE;
	m->baseline = baseline;
}

/* Wait until MAP is held by no one but the caller, at most
 * FONT_RELEASE_WAIT_MS; non-zero when it is. */
static int
font_map_unshared(PangoFontMap *map)
{
	int ms;

	for (ms = 0; ms < FONT_RELEASE_WAIT_MS; ms++) {
		/* GObject's count is a public field; pango offers no way to
		 * wait for its workers. */
		if (g_atomic_int_get(&G_OBJECT(map)->ref_count) == 1)
			return 1;
		g_usleep(1000);
	}
	return 0;
}

/* The caches live in thread-private storage that leak checkers do not
 * scan; dropping them at exit keeps sanitizer runs quiet and honest.
 * Pango sorts fonts in worker threads that keep the font map until
 * they finish, often after the drawing: the map is finalized by the
 * last one out, destroying cairo fonts there.  Resetting cairo while
 * that runs fails cairo's own check and aborts the program; so the
 * map is kept until the workers are done and finalized here, and when
 * they do not finish in time the caches are left as they are. */
void
render_release(void)
{
	PangoFontMap *map;

	picture_release();
	/* Asking for the map when none was made would make one, and start
	 * fontconfig's loading in a thread of its own. */
	if (font_map_made) {
		map = pango_cairo_font_map_get_default();
		g_object_ref(map);
		pango_cairo_font_map_set_default(NULL);
		font_map_made = 0;
		if (!font_map_unshared(map)) {
			log_warn("render: pango's font workers did not finish; "
			    "the font caches are kept");
			g_object_unref(map);
			return;
		}
		g_object_unref(map);
	}
	cairo_debug_reset_static_data();
	FcFini();
}
