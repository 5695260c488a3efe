/*
 * sealadd.c -- making a seal on the seal register (Art. 5, 6): the
 * office director types the seal's entry, and the clerk who will keep
 * it, present at the same desk, types their own login password and
 * chooses the seal key's password, twice, in the same dialog.
 *
 * The custodian's session is opened with the core's session_login(),
 * as 'esealctl seal add' does, and logged out right after seal_add();
 * the impression is the standard one (Art. 5) drawn from the issuing
 * body and the purpose, as esealctl draws it when given no picture.  A
 * refusal is shown next to the input to correct, with what to do; the
 * other inputs keep what was typed, and a password is typed again only
 * when it was the one refused.
 *
 * Must not call curses, and must not keep a password after the dialog.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/entry.h"

#define SEALADD_TEXT_MAX	60	/* characters of a name or body */
#define SEALADD_LOGIN_MAX	32

struct sealadd {
	struct entry	 entry;		/* first: it is a screen */
	size_t		 regno, name, body, purpose, custodian, login_pw,
			 key_pw, key_again;
};

/* What must be typed before anything is tried: the first gap, or 0. */
static int
sealadd_missing(struct sealadd *a)
{
	struct entry *e = &a->entry;
	static const char *const why[] = {
		N_("Type the seal's registration number: letters, digits, '-', '.' or '/'."),
		N_("Type the seal's name, as it is registered."),
		N_("Type the issuing body's full name: it goes around the star."),
		N_("Type the login name of the clerk who will keep the seal."),
		N_("The custodian types their own login password here."),
		N_("The custodian chooses the seal key's password here.")
	};
	const size_t at[] = {
		a->regno, a->name, a->body, a->custodian, a->login_pw,
		a->key_pw
	};
	size_t i;

	for (i = 0; i < sizeof at / sizeof at[0]; i++)
		if (*entry_text(e, at[i]) == '\0') {
			entry_fail(e, at[i], _(why[i]));
			return 1;
		}
	if (strcmp(entry_text(e, a->key_pw), entry_text(e, a->key_again)) !=
	    0) {
		entry_clear(e, a->key_pw);
		entry_clear(e, a->key_again);
		entry_fail(e, a->key_pw, _("The two key passwords differ; type "
		    "the same password twice."));
		return 1;
	}
	return 0;
}

/* A refused key password: what this workstation's policy needs, in the
 * policy's own sentence, since "longer" is wrong for one long enough
 * that lacks a kind of character. */
static void
sealadd_weak(struct sealadd *a)
{
	struct policy pol;
	char *rules, *msg;

	if (policy_get(app_store(), &pol) != STATUS_OK) {
		entry_fail(&a->entry, a->key_pw, status_message(STATUS_PW_WEAK));
		return;
	}
	rules = policy_password_rules(&pol);
	msg = xasprintf(_("The key password is too weak.  %s  Type the new "
	    "one twice."), rules);
	entry_fail(&a->entry, a->key_pw, msg);
	free(msg);
	free(rules);
}

/* The refusal RC of seal_add(), next to the input that must change. */
static void
sealadd_refused(struct sealadd *a, enum status rc)
{
	struct entry *e = &a->entry;

	/* The director as the custodian is refused as no clerk first; the
	 * rule they meet is that of two people (Art. 5, 6). */
	if (rc == STATUS_DENIED && strcmp(entry_text(e, a->custodian),
	    app_session()->name) == 0)
		rc = STATUS_SEAL_TWO_PEOPLE;
	switch (rc) {
	case STATUS_EXISTS:
		entry_fail(e, a->regno, _("A seal with this registration "
		    "number exists already; type another number."));
		break;
	case STATUS_SEAL_REGNO:
		/* The core's refusal, so that esealctl says the same. */
		entry_fail(e, a->regno, status_message(rc));
		break;
	case STATUS_UNPRINTABLE:
		entry_fail(e, a->body, _("The issuing body or the purpose has a "
		    "character the seal's typeface cannot draw; correct it."));
		break;
	case STATUS_SEAL_TWO_PEOPLE:
		entry_fail(e, a->custodian, _("You cannot keep a seal you make: "
		    "the custodian is another person, a clerk (Art. 5, 6)."));
		break;
	case STATUS_DENIED:
		entry_fail(e, a->custodian, _("This account is not a clerk: "
		    "type the login name of a clerk of the office."));
		break;
	case STATUS_PW_WEAK:
	case STATUS_PW_HAS_NAME:
	case STATUS_PW_REUSED:
		entry_clear(e, a->key_pw);
		entry_clear(e, a->key_again);
		if (rc == STATUS_PW_WEAK)
			sealadd_weak(a);
		else
			entry_fail(e, a->key_pw, status_message(rc));
		break;
	default:
		loop_error("%s", status_message(rc));
		break;
	}
}

/* The custodian logs in on the spot; NULL (and the reason shown) when
 * the password or the account is refused. */
static struct session *
sealadd_custodian(struct sealadd *a)
{
	struct entry *e = &a->entry;
	struct session *cust = NULL;
	enum status rc;

	loop_message(_("Checking the custodian's password..."));
	loop_paint();
	rc = session_login(app_store(), entry_text(e, a->custodian),
	    entry_text(e, a->login_pw), app_terminal(), &cust);
	loop_message("%s", "");
	if (cust != NULL)
		return cust;

	/* Kept when it opened the session: a later refusal of another
	 * input then needs no second typing of it. */
	entry_clear(e, a->login_pw);
	entry_fail(e, rc == STATUS_BAD_PASSWORD ? a->login_pw : a->custodian,
	    rc == STATUS_BAD_PASSWORD ? _("Wrong user name or password: the "
	    "custodian checks the login name and types their password "
	    "again.") : status_message(rc));
	return NULL;
}

static enum status
sealadd_make(struct sealadd *a, struct session *cust)
{
	struct entry *e = &a->entry;
	struct impression_spec is;
	struct seal_spec spec;
	struct buf png;
	enum status rc;

	memset(&spec, 0, sizeof spec);
	spec.regno = entry_text(e, a->regno);
	spec.name = entry_text(e, a->name);
	spec.owner_body = entry_text(e, a->body);
	spec.purpose = *entry_text(e, a->purpose) != '\0' ?
	    entry_text(e, a->purpose) : NULL;

	/* The standard impression, as esealctl draws it without a PNG. */
	memset(&is, 0, sizeof is);
	is.name = spec.owner_body;
	is.lower = spec.purpose;
	buf_init(&png);
	rc = impression_png(&is, &png);
	/* Judged at the registered diameter, as every sealing judges it. */
	if (rc == STATUS_OK)
		rc = impression_check_register(png.data, png.len,
		    IMPRESSION_DIAMETER_MM, &spec.diameter_mm);
	/* Seals are made rarely: the fonts are not kept for the run. */
	render_release();
	if (rc != STATUS_OK)
		goto out;
	spec.impression = png.data;
	spec.impression_len = png.len;

	rc = seal_add(app_session(), cust, &spec, entry_text(e, a->key_pw),
	    NULL);
out:
	buf_free(&png);
	return rc;
}

static int
sealadd_submit(struct entry *e)
{
	struct sealadd *a = (struct sealadd *) e;
	struct session *cust;
	char *summary;
	enum status rc;
	int yes;

	entry_clear_errors(e);
	if (sealadd_missing(a))
		return UI_DRAW_SCREEN;
	/* A number the core would refuse is refused before the question. */
	if ((rc = seal_regno_check(entry_text(e, a->regno))) != STATUS_OK) {
		sealadd_refused(a, rc);
		return UI_DRAW_SCREEN;
	}
	summary = xasprintf(_("Make the seal %s %s of %s, kept by %s.  Its key "
	    "is made now and only its custodian's password opens it; this "
	    "is recorded in the audit trail."), entry_text(e, a->regno),
	    entry_text(e, a->name), entry_text(e, a->body),
	    entry_text(e, a->custodian));
	yes = dialog_confirm(_("Make a seal"), summary, _("Make"), 1);
	free(summary);
	if (yes != 1)
		return UI_DRAW_ALL;

	if ((cust = sealadd_custodian(a)) == NULL)
		return UI_DRAW_ALL;
	loop_message(_("Making the seal's key..."));
	loop_paint();
	rc = sealadd_make(a, cust);
	session_logout(cust);
	if (rc != STATUS_OK) {
		loop_message("%s", "");
		sealadd_refused(a, rc);
		return UI_DRAW_ALL;
	}
	loop_message(_("The seal %s is made, in the custody of %s."),
	    entry_text(e, a->regno), entry_text(e, a->custodian));
	loop_finish(1);		/* frees A */
	return UI_DRAW_ALL;
}

static const struct command_row *const sealadd_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
sealadd_close(struct ui_screen *s)
{
	struct sealadd *a = (struct sealadd *) s;

	entry_free(&a->entry);	/* wipes the passwords */
	free(a);
}

static const struct ui_screen_ops sealadd_ops = {
	"seal-add", UI_SCREEN_TEXT, sealadd_tables, entry_draw, entry_input,
	NULL, entry_unsaved, sealadd_close
};

static void
sealadd_inputs(struct sealadd *a)
{
	struct entry *e = &a->entry;

	a->regno = entry_add_text(e, _("Registration number"), 0,
	    SEAL_REGNO_MAX, NULL);
	a->name = entry_add_text(e, _("Seal name"), 0, SEALADD_TEXT_MAX, NULL);
	a->body = entry_add_text(e, _("Issuing body"), 0, SEALADD_TEXT_MAX,
	    NULL);
	a->purpose = entry_add_text(e, _("Purpose"), 0, SEALADD_TEXT_MAX,
	    NULL);
	entry_set_hint(e, a->purpose, _("The line under the star, for "
	    "example 公文专用; may be empty."));
	a->custodian = entry_add_text(e, _("Custodian (clerk)"), 0,
	    SEALADD_LOGIN_MAX, NULL);
	a->login_pw = entry_add_text(e, _("Custodian's password"), 1, 0, NULL);
	entry_set_hint(e, a->login_pw, _("The custodian types their own "
	    "login password."));
	a->key_pw = entry_add_text(e, _("New key password"), 1, 0, NULL);
	a->key_again = entry_add_text(e, _("Key password again"), 1, 0, NULL);
	entry_set_hint(e, a->key_pw, _("The custodian chooses it, and "
	    "nobody else may know it."));
}

int
sealadd_open(void)
{
	struct session *s = app_session();
	struct sealadd *a;

	/* The seal screen offers it to the office director only
	 * (CMD_PERM_ROLES); whoever else gets here is told why. */
	if (s == NULL || !(s->roles & ROLE_OFFICE_DIRECTOR)) {
		loop_error("%s", _("Only the office director makes a seal, "
		    "with the clerk who will keep it (Art. 5)."));
		return 0;
	}

	a = xcalloc(1, sizeof *a);
	entry_init(&a->entry, &sealadd_ops, _("Make a seal"), sealadd_submit);
	entry_set_intro(&a->entry, _("The office director and the clerk who "
	    "will keep the seal, together (Art. 5, 6).  F2 makes it."));
	sealadd_inputs(a);
	entry_set_notes(&a->entry, _("The impression is drawn by the rules "
	    "of Art. 5: round, 42 mm across, red, a five-pointed star in the "
	    "centre, the issuing body's full name around it, the purpose "
	    "below the star."));
	return loop_modal(&a->entry.screen) == 1 && !loop_is_quitting();
}
