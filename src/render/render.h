/*
 * render.h -- facade of the render layer: the seal impression (印模) and
 * official documents laid out as GB/T 9704-2012, drawn with cairo and
 * pango.  Other layers include only this header (and add $(CAIRO_CFLAGS)).
 *
 * Pure drawing: nothing here reads the store, signs, prints or talks to
 * the user, and nothing depends on the clock or the environment beyond the
 * installed fonts, so the same input always gives the same bytes.  All
 * lengths are millimetres; page positions are measured from the top-left
 * corner of the page, y growing downwards.
 *
 * Fonts come from fontconfig, first installed family of each list in
 * font.c.  Output identical to the bureau's needs its own faces:
 * FangSong_GB2312 (仿宋_GB2312) for the body, FZXiaoBiaoSong-B05S
 * (方正小标宋简体) for masthead and title, SimHei (黑体) for classification,
 * urgency and the attachment label, SimSun (宋体) for the seal's name and
 * the page numbers.  Without them every role falls back to Debian's
 * fonts-noto-cjk (Noto Serif CJK SC, bold for titles and seals; Noto Sans
 * CJK SC for the black-face lines); the layout stays the same.
 */
#ifndef ESEAL_RENDER_H
#define ESEAL_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "util/util.h"

/* The State Council size for a bureau department's seal. */
#define IMPRESSION_DIAMETER_MM	42.0

/* The resolution of exported and imported impression pictures. */
#define IMPRESSION_DPI		600

/* The red of seals, masthead and rule: pure red ink (#E60000). */
#define RENDER_RED_R		0.902
#define RENDER_RED_G		0.0
#define RENDER_RED_B		0.0

/*
 * An impression: either generated from the body's name (png == NULL) or
 * an imported picture that passed impression_check_png().
 */
struct impression_spec {
	const char		*name;		/* the body's full name */
	const char		*lower;		/* under the star, or NULL */
	double			 diameter_mm;	/* 0 for IMPRESSION_DIAMETER_MM;
						 * for a PNG its physical width,
						 * 0 to read it from pHYs */
	const unsigned char	*png;		/* imported picture, or NULL */
	size_t			 png_len;
};

/* What impression_check_png() found in a picture. */
struct impression_png_info {
	unsigned	width_px;
	unsigned	height_px;
	double		dpi;		/* at its physical size */
	double		width_mm;
	double		height_mm;
};

/*
 * Draw SPEC centred on (X_MM, Y_MM) of CR, whose user unit must be one
 * millimetre.  The ink is RENDER_RED, drawn with CR's current operator
 * (documents use CAIRO_OPERATOR_MULTIPLY so the text under the seal stays
 * legible); CR's state is restored.  This is the only code that draws a
 * seal, on the office's export and on every document alike.
 */
enum status render_impression(cairo_t *cr, const struct impression_spec *spec,
    double x_mm, double y_mm);

/* The impression alone as a PNG at IMPRESSION_DPI (transparent, with a
 * pHYs chunk giving its physical size), or as a one-page PDF of its size,
 * appended to OUT. */
enum status impression_png(const struct impression_spec *spec, struct buf *out);
enum status impression_pdf(const struct impression_spec *spec, struct buf *out);

/*
 * Check an imported impression picture: a PNG, transparent background,
 * red ink, at least IMPRESSION_DPI at its physical size.  The size is
 * SIZE_MM across if positive, else read from the pHYs chunk.  Returns the
 * reason for a refusal (STATUS_IMPRESSION_*); fills INFO when not NULL.
 */
enum status impression_check_png(const unsigned char *png, size_t len,
    double size_mm, struct impression_png_info *info);

/*
 * Check an impression picture as the seal register will hold it: its
 * diameter is SIZE_MM if positive, else the picture's physical width,
 * in whole millimetres as the seal's SESeal records it (*DIAMETER_MM),
 * and the picture is judged at that diameter, as every sealing judges
 * it.  A picture that passes here is never refused at a sealing.
 */
enum status impression_check_register(const unsigned char *png, size_t len,
    double size_mm, uint32_t *diameter_mm);

enum render_class {
	RENDER_CLASS_NONE,
	RENDER_CLASS_SECRET,		/* 秘密 */
	RENDER_CLASS_CONFIDENTIAL,	/* 机密 */
	RENDER_CLASS_TOP_SECRET		/* 绝密 */
};

enum render_urgency {
	RENDER_URGENCY_NONE,
	RENDER_URGENCY_URGENT,		/* 加急 */
	RENDER_URGENCY_VERY_URGENT	/* 特急 */
};

struct render_attachment {
	const char	*title;		/* 附件名称 */
	const char	*body;		/* its text, one paragraph a line, or
					 * NULL when it is not rendered here */
};

/*
 * A document as the layout needs it: plain UTF-8 strings, already
 * sanitized by the caller; optional ones are NULL when absent.  The
 * recipients come without their colon and the note without brackets: the
 * layout adds them.  Paragraphs are separated by '\n'; leading spaces of
 * a paragraph are dropped (the layout indents by itself).
 */
struct render_doc {
	/* 发文机关标志 ("…文件"), or NULL: no masthead and no red rule. */
	const char			*masthead;
	const char			*doc_number;	/* 发文字号 */
	enum render_class		 classification;
	const char			*class_period;	/* 保密期限 "10年" */
	enum render_urgency		 urgency;
	int				 numbered;	/* 份号 when open */
	const char			*title;
	const char			*recipients;	/* 主送机关 */
	const char			*body;
	const struct render_attachment	*attachments;
	size_t				 n_attachments;
	const char			*issuer;	/* 发文机关署名 */
	int				 year;		/* 成文日期 */
	int				 month;
	int				 day;
	const char			*note;		/* 附注 */
	/* Leave room for a seal even when none is drawn (one pressed by
	 * hand later); a seal passed to render_document() implies it. */
	int				 sealed;
	/* Non-zero: the body is the rows of a table form, one a
	 * paragraph, set flush left with wrapped lines starting
	 * TABLE_COL characters in, under the value (the caller pads each
	 * label to that width); leading spaces are kept. */
	int				 table_col;
};

/* Where the layout put things; the seal's place is what gets signed. */
struct render_result {
	int	pages;
	int	seal_page;		/* 1-based; 0 when no seal was drawn */
	double	seal_x_mm;		/* centre of the seal on its page */
	double	seal_y_mm;
	double	seal_diameter_mm;
};

/*
 * Lay DOC out as GB/T 9704-2012 and append the PDF to OUT.  SEAL, when
 * not NULL, is pressed onto the issuer's name and the date; COPY_NUMBER
 * (1 to 999999) is printed as the six-digit 份号 of classified or
 * numbered documents, 0 leaves that line empty.  The same arguments give
 * the same bytes.  RESULT may be NULL.
 */
enum status render_document(const struct render_doc *doc,
    const struct impression_spec *seal, unsigned long copy_number,
    struct buf *out, struct render_result *result);

/*
 * The stamp that numbers printed copies: a PDF of COUNT pages of the
 * document's size, page I holding only the copy number FIRST + I where
 * render_document() would print it on DOC (an empty page when DOC
 * carries no copy number), appended to OUT.  Laid over the sealed
 * original's first page it gives the copy: the body is drawn once, at
 * sealing.  RESULT, when not NULL, gets what render_document() would
 * report for DOC and SEAL (pages and the seal's place).
 */
enum status render_copy_numbers(const struct render_doc *doc,
    const struct impression_spec *seal, unsigned long first,
    unsigned long count, struct buf *out, struct render_result *result);

/*
 * A report of the core (core/report.h: the summary of sealing and
 * printing, the registers) as a PDF on A4 landscape pages, appended to
 * OUT: title and heading, for the summary a chart of the daily volume of
 * sealing and printing (bars per month for periods over 93 days), then
 * each table with its headings repeated on every page and its totals
 * row in bold, "page N of M" at the foot.  The same report gives the
 * same bytes.
 */
struct report;
enum status report_pdf(const struct report *r, struct buf *out);

/* Write the N bytes at DATA to PATH (replacing it). */
enum status render_save(const void *data, size_t n, const char *path);

enum render_font {
	RENDER_FONT_BODY,		/* 仿宋: body, recipients, signature */
	RENDER_FONT_TITLE,		/* 小标宋: masthead and title */
	RENDER_FONT_HEI,		/* 黑体: 密级, 紧急程度, 附件 */
	RENDER_FONT_SONG,		/* 宋体: page numbers */
	RENDER_FONT_SEAL,		/* 宋体, heavy when it can: the seal */
	RENDER_FONT__COUNT
};

/* Free the fonts and caches cairo, pango and fontconfig keep, so leak
 * checkers see a clean exit.  Meant for the end of a program: the next
 * drawing would have to load every font again. */
void render_release(void);

/* The installed family that draws ROLE, or NULL when no Chinese font is
 * installed at all (rendering then fails with STATUS_RENDER_FONT). */
const char *render_font_family(enum render_font role);

#endif
