/*
 * ctl_seal.c -- "esealctl seal": the seal register from the command
 * line (add, list, show, suspend, resume, revoke), dispatching custody,
 * grants and the trust list to ctl_seal_custody.c and ctl_seal_trust.c.
 *
 *   seal add REGNO --name NAME --body BODY --custodian CLERK
 *            [--purpose TEXT] [--impression FILE.png] [--diameter MM]
 *            [--ed25519] [--from DATE] [--until DATE]
 *
 * "add" is the office director (--user) with the clerk who becomes the
 * custodian: with --password-fd, the director's password is the first
 * line, the custodian's login password the second and the custodian's
 * new key password the third.  The impression is generated from BODY
 * and PURPOSE unless a PNG is given, which must pass the render layer's
 * check.  Like every verb this one only parses, asks and prints; the
 * core enforces the rules.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl/ctl_seal.h"
#include "ctl/verbs.h"
#include "render/render.h"

int
ctl_seal_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] seal COMMAND\n"
	    "  add REGNO --name NAME --body BODY --custodian CLERK\n"
	    "      [--purpose TEXT] [--impression FILE.png] [--diameter MM]\n"
	    "      [--ed25519] [--from DATE] [--until DATE]\n"
	    "  list | show REGNO\n"
	    "  suspend|resume|revoke REGNO --reason TEXT\n"
	    "  custody request REGNO --proxy CLERK --from DATE --until DATE "
	    "--reason TEXT\n"
	    "  custody approve ID | deny ID --reason TEXT\n"
	    "  custody handover ID --proxy CLERK | return ID --proxy CLERK\n"
	    "  custody list REGNO | custody pending\n"
	    "  grant add REGNO --to CLERK --from DATE --until DATE [--uses N]\n"
	    "  grant end ID --reason TEXT | grant list REGNO\n"
	    "  import-root FILE | import-crl FILE | export-crl FILE\n"
	    "  export-root FILE                 (no --user needed)\n"
	    "DATE is YYYY-MM-DD or \"YYYY-MM-DD HH:MM\" (local time); for\n"
	    "custody and grant, an --until day alone lasts to its end.\n"
	    "Second people (the custodian for add, the proxy for custody\n"
	    "handover and return) log in on the spot: with --password-fd\n"
	    "their passwords are the next lines, in the order asked.  For\n"
	    "custody handover the lines are the custodian's login password,\n"
	    "the proxy's login password, the custodian's key password and\n"
	    "the proxy's new key password; for return, the first two.\n"),
	    stderr);
	return CTL_EXIT_USAGE;
}

/* -- Shared helpers -------------------------------------------------------- */

int
ctl_seal_login(struct ctl *c, struct store *st, const char *name,
    const char *prompt, struct session **s)
{
	enum status rc;
	char *pw, *terminal;

	*s = NULL;
	pw = ctl_read_password(c->password_fd, prompt);
	/* XXX: a copy, because session_login() with no terminal reuses the
	 * audit module's current one, which it frees before copying. */
	terminal = xstrdup(audit_terminal());
	rc = session_login(st, name, pw, terminal, s);
	free(terminal);
	mem_free_secret(pw);
	if (rc == STATUS_OK || rc == STATUS_PW_MUST_CHANGE ||
	    rc == STATUS_PW_EXPIRED)
		return CTL_EXIT_OK;
	return ctl_fail(rc, name);
}

char *
ctl_seal_key_password(struct ctl *c, const char *prompt, int new)
{
	char *pw, *again;

	pw = ctl_read_password(c->password_fd, prompt);
	if (!new || c->password_fd >= 0)
		return pw;
	again = ctl_read_password(-1, _("Retype it: "));
	if (strcmp(pw, again) != 0) {
		mem_free_secret(pw);
		pw = NULL;
	}
	mem_free_secret(again);
	return pw;
}

int
ctl_seal_time(const char *text, int64_t *t)
{
	struct tm tm;
	const char *end;
	char *stop;

	if (text[0] == '@') {
		errno = 0;
		*t = strtoll(text + 1, &stop, 10);
		return errno != 0 || *stop != '\0' || stop == text + 1;
	}
	memset(&tm, 0, sizeof tm);
	if ((end = strptime(text, "%Y-%m-%d %H:%M", &tm)) == NULL) {
		memset(&tm, 0, sizeof tm);
		end = strptime(text, "%Y-%m-%d", &tm);
	}
	if (end == NULL || *end != '\0')
		return 1;
	tm.tm_isdst = -1;
	*t = (int64_t) mktime(&tm);
	return 0;
}

enum status
ctl_seal_read_file(const char *path, unsigned char **data, size_t *n)
{
	struct buf b;
	char chunk[8192];
	size_t got;
	FILE *f;

	*data = NULL;
	*n = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return status_from_errno(errno);
	buf_init(&b);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	if (ferror(f)) {
		fclose(f);
		buf_free(&b);
		return STATUS_IO;
	}
	fclose(f);
	buf_add_u8(&b, 0);	/* PEM is read as text */
	*data = b.data;
	*n = b.len - 1;
	return STATUS_OK;
}

enum status
ctl_seal_write_file(const char *path, const void *data, size_t n)
{
	FILE *f;
	int bad;

	if ((f = fopen(path, "wb")) == NULL)
		return status_from_errno(errno);
	bad = fwrite(data, 1, n, f) != n;
	if (fclose(f) != 0 || bad)
		return STATUS_IO;
	return STATUS_OK;
}

/* -- add ------------------------------------------------------------------- */

struct ctl_seal_add {
	struct seal_spec	 spec;
	const char		*custodian;
	const char		*png_path;
	double			 diameter;
	struct buf		 png;
};

static int
ctl_seal_add_option(struct ctl_seal_add *a, int ch)
{
	switch (ch) {
	case 'n': a->spec.name = optarg; break;
	case 'b': a->spec.owner_body = optarg; break;
	case 'p': a->spec.purpose = optarg; break;
	case 'c': a->custodian = optarg; break;
	case 'i': a->png_path = optarg; break;
	case 'd': a->diameter = atof(optarg); break;
	case 'e': a->spec.alg = CRYPTO_ALG_ED25519; break;
	case 'f': return ctl_seal_time(optarg, &a->spec.valid_from);
	case 'u': return ctl_seal_time(optarg, &a->spec.valid_to);
	default: return 1;
	}
	return 0;
}

static int
ctl_seal_add_options(int argc, char **argv, struct ctl_seal_add *a)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "body", required_argument, NULL, 'b' },
		{ "purpose", required_argument, NULL, 'p' },
		{ "custodian", required_argument, NULL, 'c' },
		{ "impression", required_argument, NULL, 'i' },
		{ "diameter", required_argument, NULL, 'd' },
		{ "ed25519", no_argument, NULL, 'e' },
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1)
		if (ctl_seal_add_option(a, ch) != 0)
			return ctl_seal_usage();
	if (optind + 1 != argc || a->spec.name == NULL ||
	    a->spec.owner_body == NULL || a->custodian == NULL ||
	    a->diameter < 0)
		return ctl_seal_usage();
	/* Art. 5 fixes the size, and no other kind of seal is made here:
	 * any other diameter would make a seal the rules do not allow. */
	if (a->diameter != 0 && (a->diameter < IMPRESSION_DIAMETER_MM - 0.5 ||
	    a->diameter > IMPRESSION_DIAMETER_MM + 0.5)) {
		(void) ctl_fail(STATUS_SEAL_DIAMETER, "--diameter");
		return CTL_EXIT_USAGE;
	}
	a->spec.regno = argv[optind];
	return -1;
}

/* The impression: the given PNG, or one drawn from the name; either is
 * judged at the diameter it is registered with, as every sealing judges
 * it, so that a seal made here is never refused at its first sealing. */
static enum status
ctl_seal_impression(struct ctl_seal_add *a)
{
	struct impression_spec is;
	unsigned char *data = NULL;
	size_t n = 0;
	enum status st;

	memset(&is, 0, sizeof is);
	is.name = a->spec.owner_body;
	is.lower = a->spec.purpose;
	is.diameter_mm = a->diameter;
	if (a->png_path == NULL)
		st = impression_png(&is, &a->png);
	else if ((st = ctl_seal_read_file(a->png_path, &data, &n)) ==
	    STATUS_OK)
		buf_add(&a->png, data, n);
	free(data);

	if (st == STATUS_OK)
		st = impression_check_register(a->png.data, a->png.len,
		    a->diameter, &a->spec.diameter_mm);
	a->spec.impression = a->png.data;
	a->spec.impression_len = a->png.len;
	return st;
}

static int
ctl_seal_add(struct ctl *c, struct store *st, struct session *s, int argc,
    char **argv)
{
	struct ctl_seal_add a;
	struct session *cust = NULL;
	char *pw = NULL;
	enum status rc;
	uint64_t id = 0;
	int ex;

	memset(&a, 0, sizeof a);
	buf_init(&a.png);
	if ((ex = ctl_seal_add_options(argc, argv, &a)) >= 0)
		return ex;
	rc = ctl_seal_impression(&a);
	render_release();	/* nothing more is drawn in this run */
	if (rc != STATUS_OK) {
		buf_free(&a.png);
		return ctl_fail(rc, a.png_path != NULL ? a.png_path :
		    a.spec.owner_body);
	}
	if ((ex = ctl_seal_login(c, st, a.custodian,
	    _("Custodian's password: "), &cust)) == CTL_EXIT_OK) {
		pw = ctl_seal_key_password(c,
		    _("Custodian's new key password: "), 1);
		rc = pw == NULL ? STATUS_INVALID :
		    seal_add(s, cust, &a.spec, pw, &id);
		ex = rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, a.spec.regno);
		if (rc == STATUS_OK)
			printf("seal: %s %llu\n", a.spec.regno,
			    (unsigned long long) id);
	}
	mem_free_secret(pw);
	session_logout(cust);
	buf_free(&a.png);
	return ex;
}

/* -- list, show, status ---------------------------------------------------- */

static const char *const ctl_seal_status[] = {
	"active", "suspended", "revoked"
};

static const char *
ctl_seal_status_name(unsigned status)
{
	return status < 3 ? ctl_seal_status[status] : "?";
}

static int
ctl_seal_list(struct session *s, int argc)
{
	struct rec_seal *list;
	char t1[32], t2[32];
	enum status rc;
	size_t n, i;

	if (argc != 1)
		return ctl_seal_usage();
	if ((rc = seal_list(s, &list, &n)) != STATUS_OK)
		return ctl_fail(rc, NULL);
	/* regno, status, valid from, valid to, custodian id, name */
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%llu\t%s\n", list[i].regno,
		    ctl_seal_status_name(list[i].status),
		    ses_time_text(list[i].valid_from, t1, sizeof t1),
		    ses_time_text(list[i].valid_to, t2, sizeof t2),
		    (unsigned long long) list[i].custodian_id, list[i].name);
	seal_list_free(list, n);
	return CTL_EXIT_OK;
}

static void
ctl_seal_show_cert(const struct rec_seal *seal)
{
	char serial[2 * X509_SERIAL_MAX + 1], fpr[17];
	struct x509_cert c;

	if (x509_cert_parse(seal->cert.data, seal->cert.len, &c) != STATUS_OK)
		return;
	x509_serial_hex(c.serial, c.serial_len, serial);
	x509_cert_short_id(seal->cert.data, seal->cert.len, fpr);
	printf("certificate: serial %s, issued by %s, id %s\n", serial,
	    c.issuer_cn, fpr);
	x509_cert_free(&c);
}

static void
ctl_seal_show_record(const struct rec_seal *seal)
{
	char t1[32], t2[32], hex[65];

	printf("regno: %s\nname: %s\nbody: %s\npurpose: %s\n", seal->regno,
	    seal->name, seal->owner_body, seal->purpose);
	printf("status: %s\n", ctl_seal_status_name(seal->status));
	if (seal->status_time != 0)
		printf("status-changed: %s by user %llu: %s\n",
		    ses_time_text(seal->status_time, t1, sizeof t1),
		    (unsigned long long) seal->status_by, seal->status_reason);
	printf("key: %s\n", seal->key_alg == CRYPTO_ALG_ED25519 ? "Ed25519" :
	    "SM2");
	printf("valid: %s to %s\n", ses_time_text(seal->valid_from, t1,
	    sizeof t1), ses_time_text(seal->valid_to, t2, sizeof t2));
	printf("custodian: %llu\n", (unsigned long long) seal->custodian_id);
	if (seal->impression_sm3.len == 32) {
		crypto_hex(seal->impression_sm3.data, 32, hex);
		printf("impression: %zu bytes PNG, SM3 %s\n",
		    seal->impression.len, hex);
	}
	ctl_seal_show_cert(seal);
}

static int
ctl_seal_show(struct session *s, int argc, char **argv)
{
	struct seal_event *ev;
	struct rec_seal seal;
	char t[32], *detail;
	enum status rc;
	size_t n, i;

	if (argc != 2)
		return ctl_seal_usage();
	if ((rc = seal_get(s, argv[1], &seal)) != STATUS_OK)
		return ctl_fail(rc, argv[1]);
	ctl_seal_show_record(&seal);
	rec_free(REC_SEAL, &seal);
	if ((rc = seal_history(s, argv[1], &ev, &n)) != STATUS_OK)
		return ctl_fail(rc, argv[1]);
	for (i = 0; i < n; i++) {
		/* The detail is stored in English; a person reads it in the
		 * language of the locale, a status name as its message. */
		detail = recwords_text(ev[i].detail);
		printf("history: %s\t%s\t%s\t%s\t%s\n",
		    ses_time_text(ev[i].time, t, sizeof t), ev[i].user,
		    action_name(ev[i].action), ev[i].outcome == AUDIT_OK ?
		    "ok" : ev[i].outcome == AUDIT_REFUSED ? "refused" :
		    "failed", detail);
		free(detail);
	}
	seal_history_free(ev, n);
	return CTL_EXIT_OK;
}

static int
ctl_seal_status_cmd(struct session *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *reason = NULL;
	enum seal_status to;
	enum status rc;
	int ch;

	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch != 'r')
			return ctl_seal_usage();
		reason = optarg;
	}
	if (optind + 1 != argc)
		return ctl_seal_usage();
	to = strcmp(argv[0], "suspend") == 0 ? SEAL_SUSPENDED :
	    strcmp(argv[0], "resume") == 0 ? SEAL_ACTIVE : SEAL_REVOKED;
	rc = seal_set_status(s, argv[optind], to, reason);
	if (rc != STATUS_OK)
		return ctl_fail(rc, argv[optind]);
	printf("seal: %s %s\n", argv[optind], ctl_seal_status_name(to));
	return CTL_EXIT_OK;
}

/* -- The verb -------------------------------------------------------------- */

static int
ctl_seal_known(const char *cmd)
{
	static const char *const cmds[] = {
		"add", "list", "show", "suspend", "resume", "revoke", "custody",
		"grant", NULL
	};
	size_t i;

	for (i = 0; cmds[i] != NULL; i++)
		if (strcmp(cmd, cmds[i]) == 0)
			return 1;
	return 0;
}

static int
ctl_seal_dispatch(struct ctl *c, struct store *st, struct session *s,
    int argc, char **argv)
{
	const char *cmd = argv[0];

	if (strcmp(cmd, "add") == 0)
		return ctl_seal_add(c, st, s, argc, argv);
	if (strcmp(cmd, "list") == 0)
		return ctl_seal_list(s, argc);
	if (strcmp(cmd, "show") == 0)
		return ctl_seal_show(s, argc, argv);
	if (strcmp(cmd, "custody") == 0)
		return ctl_seal_custody(c, st, s, argc - 1, argv + 1);
	if (strcmp(cmd, "grant") == 0)
		return ctl_seal_grant(s, argc - 1, argv + 1);
	return ctl_seal_status_cmd(s, argc, argv);
}

int
ctl_seal_run(struct ctl *c)
{
	struct session *s = NULL;
	struct store *st = NULL;
	int ex, argc = c->argc - 1;
	char **argv = c->argv + 1;

	if (argc < 1)
		return ctl_seal_usage();
	if (strncmp(argv[0], "import-", 7) == 0 ||
	    strncmp(argv[0], "export-", 7) == 0)
		return ctl_seal_trust(c, argc, argv);
	if (!ctl_seal_known(argv[0]))
		return ctl_seal_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	optind = 0;	/* rescan from argv[1] of the sub-command */
	ex = ctl_seal_dispatch(c, st, s, argc, argv);
	ctl_session_close(st, s);
	return ex;
}
