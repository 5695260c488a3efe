/*
 * admin_media.c -- the register of removable media (Art. 11), kept by
 * the security administrator: every medium registered (UUID, label,
 * registered by whom and when, revoked or not) and every removable
 * medium mounted now that is not, so that an inserted one can be
 * registered by the UUID shown; registering one and revoking one, each
 * confirmed with a summary.  The core checks the role and audits both
 * (medium.h).
 *
 * An instance of the generic list, with the selected medium's details
 * under it, and a flowask dialog to register one.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/flowask.h"
#include "ui/list.h"
#include "ui/screens.h"

#define MEDIA_LABEL_COL		38	/* columns of the list */
#define MEDIA_STATE_COL		54
#define MEDIA_MOUNT_COL		68
#define MEDIA_FOOTER		3	/* rows of details under the list */
#define MEDIA_UUID_MAX		1024	/* a test directory may be long */
#define MEDIA_LABEL_MAX		64

struct admin_media {
	struct list	 list;
	struct medium	*media;
	size_t		 n;
	char		**texts;
};

static const char *
admin_media_state(const struct medium *m)
{
	if (m->id == 0)
		return _("not registered");
	return m->revoked ? _("revoked") : _("registered");
}

/* -- The model ------------------------------------------------------------- */

static void
admin_media_forget(struct admin_media *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->texts[i]);
	free(a->texts);
	if (a->media != NULL)
		medium_list_free(a->media, a->n);
	a->media = NULL;
	a->texts = NULL;
	a->n = 0;
}

static void
admin_media_load(struct admin_media *a)
{
	const struct medium *m;
	enum status rc;
	size_t i;

	admin_media_forget(a);
	rc = medium_list(app_session(), &a->media, &a->n);
	if (rc != STATUS_OK) {
		a->media = NULL;
		a->n = 0;
		loop_error("%s", status_message(rc));
	}
	a->texts = xcalloc(a->n > 0 ? a->n : 1, sizeof *a->texts);
	for (i = 0; i < a->n; i++) {
		m = &a->media[i];
		a->texts[i] = xasprintf("%s %s %s", m->uuid, m->label != NULL ?
		    m->label : "", admin_media_state(m));
	}
}

static size_t
admin_media_count(struct list *l)
{
	return ((struct admin_media *) l)->n;
}

static const char *
admin_media_text(struct list *l, size_t item)
{
	return ((struct admin_media *) l)->texts[item];
}

static void
admin_media_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct medium *m = &((struct admin_media *) l)->media[item];
	struct draw_rect cell = *r;

	cell.w = MEDIA_LABEL_COL - 1 < r->w ? MEDIA_LABEL_COL - 1 : r->w;
	draw_text(&cell, row, 0, m->uuid, st);
	cell.w = MEDIA_STATE_COL - 1 < r->w ? MEDIA_STATE_COL - 1 : r->w;
	draw_text(&cell, row, MEDIA_LABEL_COL, m->label != NULL ? m->label :
	    "", st);
	draw_text(r, row, MEDIA_STATE_COL, admin_media_state(m),
	    m->id != 0 && !m->revoked ? st : st == DRAW_NORMAL ? DRAW_HINT :
	    st);
	draw_text(r, row, MEDIA_MOUNT_COL, m->mounted ? _("mounted") : "",
	    st);
}

static const struct list_ops admin_media_list_ops = {
	admin_media_count, admin_media_draw_row, admin_media_text, NULL, NULL
};

/* -- The details of the selected medium ------------------------------------ */

/* "Registered by secadmin on 2026-02-01 09:30." or "" */
static char *
admin_media_registered(const struct medium *m)
{
	time_t t = (time_t) m->registered_at;
	char when[32];
	struct tm tm;

	if (m->id == 0)
		return xstrdup(_("Not registered: a registers it by this "
		    "UUID."));
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	return xasprintf(m->revoked ? _("Registered by %s on %s; revoked.") :
	    _("Registered by %s on %s."), m->registered_by != NULL ?
	    m->registered_by : "", when);
}

static char *
admin_media_mounted(const struct medium *m)
{
	char size[32], avail[32];

	if (!m->mounted)
		return xstrdup(_("Not mounted now."));
	return xasprintf(_("Mounted at %s: %s, %s free%s."),
	    m->info.mountpoint != NULL ? m->info.mountpoint : "",
	    media_size_text(m->info.size, size, sizeof size),
	    media_size_text(m->info.avail, avail, sizeof avail),
	    m->info.read_only ? _(", read-only") : "");
}

static void
admin_media_draw(struct ui_screen *s)
{
	struct admin_media *a = (struct admin_media *) s;
	struct draw_rect foot = list_footer(&a->list);
	size_t item;
	char *line;

	list_draw(s);
	draw_clear(&foot, DRAW_NORMAL);
	draw_hline(&foot, 0);
	if (!list_selected(&a->list, &item))
		return;
	line = admin_media_registered(&a->media[item]);
	draw_line(&foot, 1, line, DRAW_NORMAL);
	free(line);
	line = admin_media_mounted(&a->media[item]);
	draw_line(&foot, 2, line, DRAW_NORMAL);
	free(line);
}

/* -- Registering one ------------------------------------------------------- */

struct admin_media_add {
	size_t		 uuid, label;
};

static char *
admin_media_add_summary(struct flowask *a)
{
	struct admin_media_add *d = a->ctx;
	const char *uuid = entry_text(&a->entry, d->uuid);
	const char *label = entry_text(&a->entry, d->label);

	if (!medium_id_valid(uuid)) {
		entry_fail(&a->entry, d->uuid, _("Type the file-system UUID "
		    "as the list shows it: hex digits and '-'."));
		return NULL;
	}
	return xasprintf(_("Register the medium %s (%s) for exports: the "
	    "clerk and the office director will be offered it whenever it is "
	    "mounted.  The registration is recorded in the audit trail."),
	    uuid, *label != '\0' ? label : _("no label"));
}

static enum status
admin_media_add_act(struct flowask *a)
{
	struct admin_media_add *d = a->ctx;
	const char *label = entry_text(&a->entry, d->label);

	return medium_register(app_session(), entry_text(&a->entry, d->uuid),
	    *label != '\0' ? label : NULL);
}

static size_t
admin_media_add_where(struct flowask *a, enum status rc, const char **msg)
{
	struct admin_media_add *d = a->ctx;

	(void) msg;
	return rc == STATUS_EXISTS || rc == STATUS_INVALID ? d->uuid :
	    FLOWASK_NOWHERE;
}

static char *
admin_media_add_done(struct flowask *a)
{
	struct admin_media_add *d = a->ctx;

	return xasprintf(_("The medium %s is registered."),
	    entry_text(&a->entry, d->uuid));
}

static const struct flowask_ops admin_media_add_ops = {
	admin_media_add_summary, admin_media_add_act, admin_media_add_where,
	admin_media_add_done
};

static int
admin_media_register(struct ui_screen *s, enum command cmd)
{
	struct admin_media *l = (struct admin_media *) s;
	const struct medium *m = NULL;
	struct admin_media_add d;
	struct flowask *a;
	size_t item;

	(void) cmd;
	if (list_selected(&l->list, &item) && (l->media[item].id == 0 ||
	    l->media[item].revoked))
		m = &l->media[item];
	a = flowask_new(_("Register a medium"), _("A removable medium that "
	    "reports may be exported to, by its file-system UUID.  F2 "
	    "registers it."), &admin_media_add_ops, _("Register"), &d);
	d.uuid = entry_add_text(&a->entry, _("UUID"), 0, MEDIA_UUID_MAX,
	    m != NULL ? m->uuid : NULL);
	d.label = entry_add_text(&a->entry, _("Label"), 0, MEDIA_LABEL_MAX,
	    m != NULL ? m->label : NULL);
	entry_set_hint(&a->entry, d.label, _("A name the clerk recognises "
	    "the medium by."));
	if (flowask_run(a) && !loop_is_quitting()) {
		admin_media_load(l);
		list_reload(&l->list);
	}
	return UI_DRAW_ALL;
}

/* -- Revoking one ---------------------------------------------------------- */

static int
admin_media_revoke(struct ui_screen *s, enum command cmd)
{
	struct admin_media *a = (struct admin_media *) s;
	char *summary, *uuid;
	const char *label;
	enum status rc;
	size_t item;
	int yes;

	(void) cmd;
	if (!list_selected(&a->list, &item))
		return UI_DRAW_NONE;
	if (a->media[item].id == 0 || a->media[item].revoked) {
		loop_error("%s", _("That medium is not registered."));
		return UI_DRAW_STATUS;
	}
	uuid = xstrdup(a->media[item].uuid);
	label = a->media[item].label;
	summary = xasprintf(_("Revoke the registration of the medium %s (%s): "
	    "nothing can be exported to it any more.  The revocation is "
	    "recorded in the audit trail."), uuid, label != NULL &&
	    *label != '\0' ? label : _("no label"));
	yes = dialog_confirm(_("Revoke a medium"), summary, _("Revoke"), 0);
	free(summary);
	if (yes == 1) {
		rc = medium_revoke(app_session(), uuid);
		if (rc != STATUS_OK)
			loop_error("%s", status_message(rc));
		else {
			loop_message(_("The medium %s is revoked."), uuid);
			admin_media_load(a);
			list_reload(&a->list);
		}
	}
	free(uuid);
	return UI_DRAW_ALL;
}

static const struct command_row admin_media_commands[] = {
	{ CMD_MEDIUM_REGISTER, admin_media_register, ACT_MEDIUM_REGISTER, 0,
	  0, CMD_BOTTOM },
	{ CMD_MEDIUM_REVOKE, admin_media_revoke, ACT_MEDIUM_REGISTER,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const admin_media_tables[] = {
	admin_media_commands, list_commands, NULL
};

static void
admin_media_close(struct ui_screen *s)
{
	struct admin_media *a = (struct admin_media *) s;

	admin_media_forget(a);
	list_free(&a->list);
	free(a);
}

static const struct ui_screen_ops admin_media_ops = {
	"media", 0, admin_media_tables, admin_media_draw, NULL, list_context,
	NULL, admin_media_close
};

void
admin_media_open(void)
{
	static const int cols[] = { 0, MEDIA_LABEL_COL, MEDIA_STATE_COL,
		MEDIA_MOUNT_COL };
	struct admin_media *a = xcalloc(1, sizeof *a);
	const char *names[4];
	char *header;

	names[0] = _("UUID");
	names[1] = _("Label");
	names[2] = _("State");
	names[3] = _("Mounted");
	admin_media_load(a);
	list_init(&a->list, &admin_media_ops, &admin_media_list_ops,
	    _("Removable media"));
	header = list_columns(names, cols, 4);
	list_set_header(&a->list, header);
	free(header);
	list_set_empty(&a->list, _("No medium registered or mounted: insert "
	    "one, or a registers one by its UUID."));
	a->list.footer = MEDIA_FOOTER;
	loop_push(&a->list.screen);
}
