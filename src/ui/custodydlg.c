/*
 * custodydlg.c -- proxy custody of a seal (Art. 6) from the seal
 * register: the custodian asks that a clerk hold the seal for a period,
 * the office director approves or denies, and custodian and proxy, both
 * at the keyboard, hand the seal over and take it back early.
 *
 * At the handover and the return the proxy logs in beside the custodian
 * in the same dialog: a second session is opened with the core's own
 * login (session_login, as esealctl does) for the one core call and
 * logged out right after, so both people are in the audit trail.  Every
 * password input is masked and emptied after a refusal (flowask).
 *
 * Must not call curses, keep a password past its dialog, or decide a
 * rule: what is allowed is the core's answer (custody.h), shown next to
 * the input it is about with what to do.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "ui/custodydlg.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/flowask.h"

#define CUSTODYDLG_TEXT_MAX	200
#define CUSTODYDLG_LOGIN_MAX	64
#define CUSTODYDLG_TIME_MAX	16

/* -- What a custody is --------------------------------------------------- */

/* Asked for or approved, but its period ended before any handover: it
 * can no longer become a custody (the core no longer counts it open). */
static int
custodydlg_lapsed(const struct rec_custody *c)
{
	return (c->state == CUSTODY_REQUESTED ||
	    c->state == CUSTODY_APPROVED) && c->period_to < clock_now();
}

const char *
custodydlg_state_label(const struct rec_custody *c)
{
	static const char *const labels[] = {
		N_("asked, waiting for the office director"),
		N_("approved, waiting for the handover"),
		N_("held by the proxy"), N_("returned"), N_("denied")
	};

	if (custodydlg_lapsed(c))
		return _("period over, never handed over");
	return c->state < sizeof labels / sizeof labels[0] ?
	    _(labels[c->state]) : "?";
}

int
custodydlg_find_open(const struct rec_seal *seal, struct rec_custody *out)
{
	struct rec_custody *list;
	size_t n, i;
	int found = 0;

	if (custody_list(app_session(), seal->regno, &list, &n) != STATUS_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (list[i].kind == CUSTODY_PROXY &&
		    !custodydlg_lapsed(&list[i]) &&
		    (list[i].state == CUSTODY_REQUESTED ||
		    list[i].state == CUSTODY_APPROVED ||
		    list[i].state == CUSTODY_ACTIVE)) {
			*out = list[i];	/* listed without key material */
			found = 1;
		}
	custody_list_free(list, n);
	return found;
}

/* "YYYY-MM-DD HH:MM", or a day alone: its start (FROM) or its last
 * minute (an until-day is kept whole, as it reads); 0 when not a time. */
static int64_t
custodydlg_time(const char *text, int until)
{
	struct tm tm;
	const char *end;
	int day_only = 0;

	memset(&tm, 0, sizeof tm);
	if ((end = strptime(text, "%Y-%m-%d %H:%M", &tm)) == NULL) {
		memset(&tm, 0, sizeof tm);
		end = strptime(text, "%Y-%m-%d", &tm);
		day_only = 1;
	}
	if (end == NULL || *end != '\0')
		return 0;
	if (day_only && until) {
		tm.tm_hour = 23;
		tm.tm_min = 59;
	}
	tm.tm_isdst = -1;
	return (int64_t) mktime(&tm);
}

/* -- Asking for a proxy -------------------------------------------------- */

struct custodydlg_request {
	const struct rec_seal	*seal;
	size_t			 proxy, from, until, reason; /* inputs */
	int64_t			 t_from, t_until;
};

static const char *
custodydlg_period_msg(void)
{
	/* The core's refusal, so that esealctl says the same. */
	return status_message(STATUS_CUSTODY_BAD_PERIOD);
}

static char *
custodydlg_request_summary(struct flowask *a)
{
	struct custodydlg_request *d = a->ctx;
	struct entry *e = &a->entry;

	if ((d->t_from = custodydlg_time(entry_text(e, d->from), 0)) == 0) {
		entry_fail(e, d->from, _("Type a time as 2026-11-24 09:00, or "
		    "a day as 2026-11-24."));
		return NULL;
	}
	if ((d->t_until = custodydlg_time(entry_text(e, d->until), 1)) == 0) {
		entry_fail(e, d->until, _("Type a time as 2026-11-27 18:00, "
		    "or a day as 2026-11-27 (kept to its end)."));
		return NULL;
	}
	/* The period the core would refuse, refused before the question. */
	if (d->t_from >= d->t_until || d->t_until <= clock_now() ||
	    d->t_from < d->seal->valid_from ||
	    d->t_until > d->seal->valid_to) {
		entry_fail(e, d->until, custodydlg_period_msg());
		return NULL;
	}
	return xasprintf(_("Ask that %s hold the seal %s from %s to %s "
	    "while you are away.  The office director decides; once "
	    "approved you hand it over together.  Recorded in the audit "
	    "trail."), entry_text(e, d->proxy), d->seal->regno,
	    entry_text(e, d->from), entry_text(e, d->until));
}

static enum status
custodydlg_request_act(struct flowask *a)
{
	struct custodydlg_request *d = a->ctx;

	return custody_request(app_session(), d->seal->regno,
	    entry_text(&a->entry, d->proxy), d->t_from, d->t_until,
	    entry_text(&a->entry, d->reason), NULL);
}

static size_t
custodydlg_request_where(struct flowask *a, enum status rc, const char **msg)
{
	struct custodydlg_request *d = a->ctx;

	switch (rc) {
	case STATUS_NOT_FOUND:
		*msg = _("No account has this login name: type the proxy's "
		    "login name.");
		return d->proxy;
	case STATUS_CUSTODY_PROXY_ROLE:
		*msg = status_message(rc);
		return d->proxy;
	case STATUS_SEAL_TWO_PEOPLE:
		*msg = _("The proxy must be another clerk, not the seal's "
		    "custodian.");
		return d->proxy;
	case STATUS_CUSTODY_BAD_PERIOD:
		*msg = custodydlg_period_msg();
		return d->until;
	case STATUS_REASON_REQUIRED:
		*msg = _("Say why the seal needs a proxy (a trip, leave...).");
		return d->reason;
	case STATUS_CUSTODY_OPEN:
		*msg = status_message(rc);
		return FLOWASK_NOWHERE;
	default:
		return FLOWASK_NOWHERE;
	}
}

static char *
custodydlg_request_done(struct flowask *a)
{
	(void) a;
	return xstrdup(_("The proxy custody is asked for; it waits for the "
	    "office director's decision."));
}

static const struct flowask_ops custodydlg_request_ops = {
	custodydlg_request_summary, custodydlg_request_act,
	custodydlg_request_where, custodydlg_request_done
};

/* The seal's name and validity, above the inputs. */
static char *
custodydlg_intro(const struct rec_seal *seal, const char *what)
{
	char from[32], to[32];

	return xasprintf(_("Seal %s  %s, valid from %s to %s.\n%s"),
	    seal->regno, seal->name != NULL ? seal->name : "",
	    clock_format(seal->valid_from, from, sizeof from),
	    clock_format(seal->valid_to, to, sizeof to), what);
}

static int
custodydlg_request(const struct rec_seal *seal)
{
	struct custodydlg_request d;
	struct flowask *a;
	char *intro;

	/* Any clerk may ask, as in the core: usually the custodian, but a
	 * colleague when the custodian is called away at short notice; the
	 * custodian is still there in person for the handover. */
	memset(&d, 0, sizeof d);
	d.seal = seal;
	intro = custodydlg_intro(seal, _("Another clerk holds the seal "
	    "while you are away, once the office director approves and you "
	    "both confirm the handover (Art. 6).  F2 asks."));
	a = flowask_new(_("Ask for a proxy"), intro, &custodydlg_request_ops,
	    _("Ask"), &d);
	free(intro);
	d.proxy = entry_add_text(&a->entry, _("Proxy (login name)"), 0,
	    CUSTODYDLG_LOGIN_MAX, NULL);
	d.from = entry_add_text(&a->entry, _("From"), 0, CUSTODYDLG_TIME_MAX,
	    NULL);
	d.until = entry_add_text(&a->entry, _("Until"), 0,
	    CUSTODYDLG_TIME_MAX, NULL);
	d.reason = entry_add_text(&a->entry, _("Reason"), 0,
	    CUSTODYDLG_TEXT_MAX, NULL);
	entry_set_hint(&a->entry, d.proxy, _("The login name of the clerk "
	    "who will hold the seal."));
	entry_set_hint(&a->entry, d.from, _("2026-11-24 09:00, or a day."));
	entry_set_hint(&a->entry, d.until, _("2026-11-27 18:00, or a day "
	    "(kept to its end)."));
	return flowask_run(a);
}

/* -- The office director's decision --------------------------------------- */

static int
custodydlg_refused(enum status rc)
{
	if (rc == STATUS_SELF_APPROVAL)
		loop_error("%s", _("You take part in this proxy custody: "
		    "another office director decides."));
	else if (rc == STATUS_CUSTODY_STATE)
		loop_error("%s", _("This proxy custody is decided already: "
		    "the seal register shows its state."));
	else if (rc != STATUS_CANCELLED)
		docfmt_refused(rc);
	return 0;
}

/* The proxy's login name and the reason of request C, as its request was
 * recorded in the seal's history: the custody record keeps neither, and
 * the director decides on both.  "?" and "" when they cannot be read. */
static void
custodydlg_asked(const struct rec_seal *seal, const struct rec_custody *c,
    char **proxy, char **reason)
{
	struct seal_event *ev;
	const char *rest, *why;
	char *prefix;
	size_t n, i, len;

	*proxy = xstrdup("?");
	*reason = xstrdup("");
	if (seal_history(app_session(), seal->regno, &ev, &n) != STATUS_OK)
		return;

	/* The form custody_request() stores; a login name holds no comma
	 * and a time no ": ", so the reason is what follows the first. */
	prefix = xasprintf("custody %llu of seal %s requested for proxy ",
	    (unsigned long long) c->id, seal->regno);
	len = strlen(prefix);
	for (i = 0; i < n; i++) {
		if (ev[i].action != ACT_CUSTODY_REQUEST ||
		    ev[i].outcome != AUDIT_OK ||
		    strncmp(ev[i].detail, prefix, len) != 0)
			continue;
		rest = ev[i].detail + len;
		why = strstr(rest, ": ");
		free(*proxy);
		free(*reason);
		*proxy = xstrndup(rest, strcspn(rest, ","));
		*reason = xstrdup(why != NULL ? why + 2 : "");
	}
	free(prefix);
	seal_history_free(ev, n);
}

/* Who, when and why, for the director's decision (a new string). */
static char *
custodydlg_asked_text(const struct rec_seal *seal,
    const struct rec_custody *c)
{
	char *proxy, *reason, *text, from[32], to[32];

	custodydlg_asked(seal, c, &proxy, &reason);
	text = xasprintf(_("Proxy %s would hold the seal %s from %s to %s.\n"
	    "Reason given: %s"), proxy, seal->regno,
	    clock_format(c->period_from, from, sizeof from),
	    clock_format(c->period_to, to, sizeof to), reason);
	free(proxy);
	free(reason);
	return text;
}

struct custodydlg_deny {
	uint64_t		 id;
	size_t			 reason;	/* the input */
};

static char *
custodydlg_deny_summary(struct flowask *a)
{
	struct custodydlg_deny *d = a->ctx;
	const char *reason = entry_text(&a->entry, d->reason);

	/* Asked here, so that the dialog stays open for it. */
	if (reason[strspn(reason, " ")] == '\0') {
		entry_fail(&a->entry, d->reason, _("A denial needs a reason: "
		    "say why this proxy may not hold the seal."));
		return NULL;
	}
	return xstrdup(_("Deny this proxy custody, with your reason.  "
	    "Recorded in the audit trail."));
}

static enum status
custodydlg_deny_act(struct flowask *a)
{
	struct custodydlg_deny *d = a->ctx;

	return custody_decide(app_session(), d->id, 0,
	    entry_text(&a->entry, d->reason));
}

static size_t
custodydlg_deny_where(struct flowask *a, enum status rc, const char **msg)
{
	struct custodydlg_deny *d = a->ctx;

	switch (rc) {
	case STATUS_REASON_REQUIRED:
		*msg = _("A denial needs a reason: say why this proxy may not "
		    "hold the seal.");
		return d->reason;
	case STATUS_SELF_APPROVAL:
		*msg = _("You take part in this proxy custody: another office "
		    "director decides.");
		return FLOWASK_NOWHERE;
	case STATUS_CUSTODY_STATE:
		*msg = _("This proxy custody is decided already: the seal "
		    "register shows its state.");
		return FLOWASK_NOWHERE;
	default:
		return FLOWASK_NOWHERE;
	}
}

static char *
custodydlg_deny_done(struct flowask *a)
{
	(void) a;
	return xstrdup(_("The proxy custody is denied."));
}

static const struct flowask_ops custodydlg_deny_ops = {
	custodydlg_deny_summary, custodydlg_deny_act, custodydlg_deny_where,
	custodydlg_deny_done
};

static int
custodydlg_deny(const struct rec_seal *seal, const struct rec_custody *c)
{
	struct custodydlg_deny d;
	struct flowask *a;
	char *intro;

	memset(&d, 0, sizeof d);
	d.id = c->id;
	intro = custodydlg_asked_text(seal, c);
	a = flowask_new(_("Deny a proxy custody"), intro, &custodydlg_deny_ops,
	    _("Deny"), &d);
	free(intro);
	d.reason = entry_add_text(&a->entry, _("Reason"), 0,
	    CUSTODYDLG_TEXT_MAX, NULL);
	return flowask_run(a);
}

static int
custodydlg_approve(const struct rec_seal *seal, const struct rec_custody *c)
{
	char *asked, *summary;
	enum status rc;

	asked = custodydlg_asked_text(seal, c);
	summary = xasprintf(_("Approve the proxy custody.\n%s\nCustodian and "
	    "proxy then hand it over together.  Recorded in the audit "
	    "trail."), asked);
	rc = dialog_confirm(_("Approve a proxy custody"), summary,
	    _("Approve"), 0) == 1 ? custody_decide(app_session(), c->id, 1,
	    NULL) : STATUS_CANCELLED;
	free(summary);
	free(asked);
	if (rc != STATUS_OK)
		return custodydlg_refused(rc);
	loop_message("%s", _("The proxy custody is approved: custodian and "
	    "proxy hand the seal over together (h)."));
	return 1;
}

static int
custodydlg_decide(const struct rec_seal *seal, int approve)
{
	struct rec_custody c;

	if (!custodydlg_find_open(seal, &c) || c.state != CUSTODY_REQUESTED) {
		loop_error("%s", _("No proxy custody of this seal waits for a "
		    "decision."));
		return 0;
	}
	return approve ? custodydlg_approve(seal, &c) :
	    custodydlg_deny(seal, &c);
}

/* -- Handover and return, both present ----------------------------------- */

struct custodydlg_pair {
	const struct rec_seal	*seal;
	struct rec_custody	 c;
	int			 handover;	/* else the return */
	int			 logged_in;	/* the proxy logged in */
	size_t			 key_pw, login, login_pw, new_pw, again;
};

static char *
custodydlg_pair_summary(struct flowask *a)
{
	struct custodydlg_pair *d = a->ctx;
	struct entry *e = &a->entry;

	if (d->handover && strcmp(entry_text(e, d->new_pw),
	    entry_text(e, d->again)) != 0) {
		entry_clear(e, d->new_pw);
		entry_clear(e, d->again);
		entry_fail(e, d->new_pw, _("The two new key passwords differ: "
		    "the proxy types the same one twice."));
		return NULL;
	}
	if (d->handover)
		return xasprintf(_("Hand the seal %s over to %s until the end "
		    "of the approved period.  Only the proxy can use it then, "
		    "with the new key password.  Both of you are recorded in "
		    "the audit trail."), d->seal->regno, entry_text(e,
		    d->login));
	return xasprintf(_("Take the seal %s back from %s now, before the "
	    "period ends.  The proxy's copy of the key is destroyed.  Both of "
	    "you are recorded in the audit trail."), d->seal->regno,
	    entry_text(e, d->login));
}

/* The proxy logs in beside the custodian, for the one core call. */
static enum status
custodydlg_pair_act(struct flowask *a)
{
	struct custodydlg_pair *d = a->ctx;
	struct entry *e = &a->entry;
	struct session *proxy = NULL;
	enum status rc;

	d->logged_in = 0;
	rc = session_login(app_store(), entry_text(e, d->login),
	    entry_text(e, d->login_pw), app_terminal(), &proxy);
	if (proxy == NULL)
		return rc;
	d->logged_in = 1;
	if (d->handover)
		rc = custody_handover(app_session(), proxy, d->c.id,
		    entry_text(e, d->key_pw), entry_text(e, d->new_pw));
	else
		rc = custody_return(app_session(), proxy, d->c.id);
	session_logout(proxy);
	return rc;
}

static size_t
custodydlg_pair_login_where(struct custodydlg_pair *d, enum status rc,
    const char **msg)
{
	switch (rc) {
	case STATUS_BAD_PASSWORD:
		*msg = _("The proxy's login name or password is wrong: the "
		    "proxy types their own.");
		return d->login_pw;
	case STATUS_LOCKED:
	case STATUS_DISABLED:
		return d->login;
	default:
		return FLOWASK_NOWHERE;
	}
}

static size_t
custodydlg_pair_where(struct flowask *a, enum status rc, const char **msg)
{
	struct custodydlg_pair *d = a->ctx;

	if (!d->logged_in)
		return custodydlg_pair_login_where(d, rc, msg);
	switch (rc) {
	case STATUS_BAD_PASSWORD:
		*msg = _("That is not the seal's key password: the custodian "
		    "types the key password (not the login password).");
		return d->key_pw;
	case STATUS_PW_WEAK:
	case STATUS_PW_HAS_NAME:
		return d->new_pw;
	case STATUS_PW_MUST_CHANGE:
	case STATUS_PW_EXPIRED:
		*msg = _("The proxy must first log in and choose their own "
		    "login password.");
		return d->login_pw;
	case STATUS_DENIED:
	case STATUS_SEAL_TWO_PEOPLE:
		*msg = _("This is not the proxy the office director approved: "
		    "the approved proxy types their own login name and "
		    "password.");
		return d->login;
	case STATUS_SEAL_CUSTODY:
		*msg = _("Only the seal's custodian, logged in here, hands the "
		    "seal over or takes it back.");
		return FLOWASK_NOWHERE;
	case STATUS_CUSTODY_PERIOD:
		*msg = _("The approved period is over: the custody has ended; "
		    "ask for a new one (p) if the seal still needs a proxy.");
		return FLOWASK_NOWHERE;
	case STATUS_CUSTODY_STATE:
		*msg = _("The proxy custody is not in a state for this: the "
		    "office director approves it before the handover.");
		return FLOWASK_NOWHERE;
	default:
		return FLOWASK_NOWHERE;
	}
}

static char *
custodydlg_pair_done(struct flowask *a)
{
	struct custodydlg_pair *d = a->ctx;

	return xstrdup(d->handover ? _("The seal is handed over: the proxy "
	    "holds it for the approved period.") : _("The seal is taken "
	    "back: the proxy's copy of the key is destroyed."));
}

static const struct flowask_ops custodydlg_pair_ops = {
	custodydlg_pair_summary, custodydlg_pair_act, custodydlg_pair_where,
	custodydlg_pair_done
};

/* The inputs of the handover: the custodian's key password, the
 * proxy's login, and the proxy's new key password twice. */
static void
custodydlg_pair_inputs(struct flowask *a, struct custodydlg_pair *d)
{
	struct entry *e = &a->entry;

	if (d->handover) {
		d->key_pw = entry_add_text(e, _("Custodian's key password"),
		    1, 0, NULL);
		entry_set_hint(e, d->key_pw, _("The custodian types the "
		    "seal's key password; nothing shows."));
	}
	d->login = entry_add_text(e, _("Proxy (login name)"), 0,
	    CUSTODYDLG_LOGIN_MAX, NULL);
	d->login_pw = entry_add_text(e, _("Proxy's login password"), 1, 0,
	    NULL);
	entry_set_hint(e, d->login_pw, _("The proxy types their own login "
	    "password; nothing shows."));
	if (!d->handover)
		return;
	d->new_pw = entry_add_text(e, _("Proxy's new key password"), 1, 0,
	    NULL);
	d->again = entry_add_text(e, _("The same again"), 1, 0, NULL);
	entry_set_hint(e, d->new_pw, _("The proxy chooses the key password "
	    "they will seal with; the custodian's is not told."));
}

static int
custodydlg_pair(const struct rec_seal *seal, int handover)
{
	struct custodydlg_pair d;
	struct flowask *a;
	char *intro, from[32], to[32], *what;
	unsigned want = handover ? CUSTODY_APPROVED : CUSTODY_ACTIVE;

	memset(&d, 0, sizeof d);
	if (!custodydlg_find_open(seal, &d.c) || d.c.state != want) {
		loop_error("%s", handover ? _("No approved proxy custody of "
		    "this seal waits for its handover: the custodian asks "
		    "(p), the office director approves.") : _("The seal is "
		    "not held by a proxy now."));
		return 0;
	}
	d.seal = seal;
	d.handover = handover;
	what = xasprintf(handover ? _("Proxy custody from %s to %s, "
	    "approved.  Custodian and proxy, both here, each type their own "
	    "passwords.  F2 hands over.") : _("Proxy custody from %s to %s.  "
	    "The proxy, here, types their login password.  F2 takes the "
	    "seal back."), clock_format(d.c.period_from, from, sizeof from),
	    clock_format(d.c.period_to, to, sizeof to));
	intro = custodydlg_intro(seal, what);
	free(what);
	a = flowask_new(handover ? _("Hand the seal over") : _("Take the seal "
	    "back"), intro, &custodydlg_pair_ops, handover ? _("Hand over") :
	    _("Take back"), &d);
	free(intro);
	custodydlg_pair_inputs(a, &d);
	return flowask_run(a);
}

/* -- From the register --------------------------------------------------- */

int
custodydlg_run(const struct rec_seal *seal, enum command cmd)
{
	switch (cmd) {
	case CMD_CUSTODY_REQUEST:
		return custodydlg_request(seal);
	case CMD_CUSTODY_APPROVE:
	case CMD_CUSTODY_DENY:
		return custodydlg_decide(seal, cmd == CMD_CUSTODY_APPROVE);
	case CMD_CUSTODY_HANDOVER:
	case CMD_CUSTODY_RETURN:
		return custodydlg_pair(seal, cmd == CMD_CUSTODY_HANDOVER);
	default:
		return 0;
	}
}
