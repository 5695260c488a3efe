/*
 * doc.c -- document content: names of kinds, states and flags, the
 * mapping between a version record and its content, and the canonical
 * serialisation that is hashed when a version is frozen.
 *
 * Pure functions: no store, no crypto, no permission decisions here.
 * The names are part of the import format, esealctl's output and the
 * manual; change them only together with all three.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/doc.h"

static const char *const doc_kind_names[] = {
	"official-admin", "official-office", "litigation-table",
	"litigation-fill-in", "litigation-composed", "party-group",
	"outside-system"
};

static const char *const doc_kind_labels[] = {
	N_("administrative document"), N_("office document"),
	N_("litigation table form"), N_("litigation fill-in form"),
	N_("composed litigation document"), N_("Party-group document"),
	N_("document from outside the system")
};

static const char *const doc_state_names[] = {
	"draft", "in-approval", "returned", "approved", "to-seal", "sealed",
	"printed", "rejected", "refused", "closed"
};

static const char *const doc_state_labels[] = {
	N_("draft"), N_("in approval"), N_("returned"), N_("approved"),
	N_("waiting for the seal"), N_("sealed"), N_("printed"),
	N_("rejected"), N_("refused for e-sealing"), N_("closed")
};

static const char *const doc_class_names[] = {
	"none", "secret", "confidential", "top-secret"
};

static const char *const doc_urgency_names[] = {
	"none", "normal", "urgent", "very-urgent"
};

static const char *const doc_mode_names[] = { "electronic", "traditional" };

#define DOC_COUNT(a)	(sizeof (a) / sizeof (a)[0])

static const char *
doc_name(const char *const *names, size_t n, unsigned v)
{
	return v < n ? names[v] : "unknown";
}

static int
doc_parse(const char *const *names, size_t n, const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int) i;
	return -1;
}

const char *
doc_kind_name(enum doc_kind kind)
{
	return doc_name(doc_kind_names, DOC_COUNT(doc_kind_names), kind);
}

const char *
doc_state_name(enum doc_state state)
{
	return doc_name(doc_state_names, DOC_COUNT(doc_state_names), state);
}

const char *
doc_class_name(enum classification c)
{
	return doc_name(doc_class_names, DOC_COUNT(doc_class_names), c);
}

const char *
doc_urgency_name(enum urgency u)
{
	return doc_name(doc_urgency_names, DOC_COUNT(doc_urgency_names), u);
}

const char *
doc_mode_name(enum seal_mode m)
{
	return doc_name(doc_mode_names, DOC_COUNT(doc_mode_names), m);
}

int
doc_kind_parse(const char *s)
{
	return doc_parse(doc_kind_names, DOC_COUNT(doc_kind_names), s);
}

int
doc_state_parse(const char *s)
{
	return doc_parse(doc_state_names, DOC_COUNT(doc_state_names), s);
}

int
doc_class_parse(const char *s)
{
	return doc_parse(doc_class_names, DOC_COUNT(doc_class_names), s);
}

int
doc_urgency_parse(const char *s)
{
	return doc_parse(doc_urgency_names, DOC_COUNT(doc_urgency_names), s);
}

int
doc_mode_parse(const char *s)
{
	return doc_parse(doc_mode_names, DOC_COUNT(doc_mode_names), s);
}

const char *
doc_kind_label(enum doc_kind kind)
{
	if ((unsigned) kind >= DOC_COUNT(doc_kind_labels))
		return _("unknown kind");
	return _(doc_kind_labels[kind]);
}

const char *
doc_state_label(enum doc_state state)
{
	if ((unsigned) state >= DOC_COUNT(doc_state_labels))
		return _("unknown state");
	return _(doc_state_labels[state]);
}

int
doc_kind_sealable(enum doc_kind kind)
{
	/* Art. 2: Party-group documents and documents that did not flow
	 * through the system are recorded, never e-sealed. */
	return kind < DOC_PARTY_GROUP;
}

void
doc_content_init(struct doc_content *c)
{
	memset(c, 0, sizeof *c);
	c->copies = 1;
}

void
doc_content_free(struct doc_content *c)
{
	free(c->form);
	free(c->title);
	free(c->recipients);
	free(c->body);
	free(c->attachments);
	free(c->issuing_body);
	free(c->classification_period);
	free(c->extra);
	doc_content_init(c);
}

static char *
doc_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
doc_content_copy(struct doc_content *dst, const struct doc_content *src)
{
	*dst = *src;
	dst->form = doc_dup(src->form);
	dst->title = doc_dup(src->title);
	dst->recipients = doc_dup(src->recipients);
	dst->body = doc_dup(src->body);
	dst->attachments = doc_dup(src->attachments);
	dst->issuing_body = doc_dup(src->issuing_body);
	dst->classification_period = doc_dup(src->classification_period);
	dst->extra = doc_dup(src->extra);
}

static int
doc_text_ok(const char *s)
{
	return s == NULL || text_utf8_valid(s, strlen(s));
}

/* A single-line value: no newline may smuggle in a second field. */
static int
doc_line_ok(const char *s)
{
	return doc_text_ok(s) && (s == NULL || strchr(s, '\n') == NULL);
}

enum status
doc_content_check(const struct doc_content *c)
{
	if (c->kind >= DOC__KIND_COUNT || c->classification > CLASS_TOP_SECRET
	    || c->urgency > URGENCY_VERY_URGENT
	    || c->seal_mode > SEAL_MODE_TRADITIONAL)
		return STATUS_INVALID;
	if (c->copies < 1 || c->copies > DOC_COPIES_MAX)
		return STATUS_INVALID;
	if (c->title == NULL || *c->title == '\0')
		return STATUS_INVALID;

	if (!doc_line_ok(c->title) || !doc_line_ok(c->form)
	    || !doc_line_ok(c->issuing_body)
	    || !doc_line_ok(c->classification_period))
		return STATUS_INVALID;
	if (!doc_text_ok(c->recipients) || !doc_text_ok(c->body)
	    || !doc_text_ok(c->attachments) || !doc_text_ok(c->extra))
		return STATUS_INVALID;
	return STATUS_OK;
}

static void
doc_replace(char **field, const char *value)
{
	free(*field);
	*field = doc_dup(value);
}

void
doc_content_to_version(const struct doc_content *c, struct rec_version *v)
{
	char *fields;

	doc_replace(&v->title, c->title);
	doc_replace(&v->recipients, c->recipients);
	doc_replace(&v->body, c->body);
	doc_replace(&v->attachments, c->attachments);
	doc_replace(&v->issuing_body, c->issuing_body);
	doc_replace(&v->classification_period, c->classification_period);

	/* The fixed keys first, always all of them, in this order. */
	fields = xasprintf("kind: %s\nclassification: %s\nurgency: %s\n"
	    "special-number: %s\nseal-mode: %s\ncopies: %u\n"
	    "leader-in-charge: %s\nbatch: %s\nform: %s\n%s",
	    doc_kind_name(c->kind), doc_class_name(c->classification),
	    doc_urgency_name(c->urgency), c->special_number ? "yes" : "no",
	    doc_mode_name(c->seal_mode), (unsigned) c->copies,
	    c->leader_in_charge ? "yes" : "no", c->batch ? "yes" : "no",
	    c->form != NULL ? c->form : "", c->extra != NULL ? c->extra : "");
	free(v->fields);
	v->fields = fields;
}

char *
doc_fields_get(const char *fields, const char *key)
{
	size_t klen = strlen(key);
	const char *p = fields, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, '\n');
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			p += klen + 1;
			while (*p == ' ')
				p++;
			return end != NULL ? xstrndup(p, (size_t) (end - p))
			    : xstrdup(p);
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return NULL;
}

/* Parse a "yes"/"no" or enum-name field; -1 when missing or unknown. */
static int
doc_fields_enum(const char *fields, const char *key,
    int (*parse)(const char *))
{
	char *v = doc_fields_get(fields, key);
	int r = parse(v);

	free(v);
	return r;
}

static int
doc_yes_no_parse(const char *s)
{
	static const char *const yn[] = { "no", "yes" };

	return doc_parse(yn, 2, s);
}

/* The extra lines: everything after the fixed "form:" line. */
static char *
doc_fields_extra(const char *fields)
{
	const char *p = strstr(fields, "\nform:");

	if (p == NULL || (p = strchr(p + 1, '\n')) == NULL || p[1] == '\0')
		return NULL;
	return xstrdup(p + 1);
}

enum status
doc_content_from_version(const struct rec_version *v, struct doc_content *c)
{
	const char *f = v->fields != NULL ? v->fields : "";
	int kind, cls, urg, special, mode, leader, batch;
	char *copies;

	doc_content_init(c);
	kind = doc_fields_enum(f, "kind", doc_kind_parse);
	cls = doc_fields_enum(f, "classification", doc_class_parse);
	urg = doc_fields_enum(f, "urgency", doc_urgency_parse);
	special = doc_fields_enum(f, "special-number", doc_yes_no_parse);
	mode = doc_fields_enum(f, "seal-mode", doc_mode_parse);
	leader = doc_fields_enum(f, "leader-in-charge", doc_yes_no_parse);
	batch = doc_fields_enum(f, "batch", doc_yes_no_parse);
	copies = doc_fields_get(f, "copies");
	if (kind < 0 || cls < 0 || urg < 0 || special < 0 || mode < 0
	    || leader < 0 || batch < 0 || copies == NULL) {
		free(copies);
		return STATUS_CORRUPT;
	}

	c->kind = (uint8_t) kind;
	c->classification = (uint8_t) cls;
	c->urgency = (uint8_t) urg;
	c->special_number = (uint8_t) special;
	c->seal_mode = (uint8_t) mode;
	c->leader_in_charge = (uint8_t) leader;
	c->batch = (uint8_t) batch;
	c->copies = (uint32_t) strtoul(copies, NULL, 10);
	free(copies);

	c->form = doc_fields_get(f, "form");
	if (c->form != NULL && *c->form == '\0') {
		free(c->form);
		c->form = NULL;
	}
	c->title = doc_dup(v->title);
	c->recipients = doc_dup(v->recipients);
	c->body = doc_dup(v->body);
	c->attachments = doc_dup(v->attachments);
	c->issuing_body = doc_dup(v->issuing_body);
	c->classification_period = doc_dup(v->classification_period);
	c->extra = doc_fields_extra(f);
	return STATUS_OK;
}

static void
doc_canonical_str(struct buf *out, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	buf_add_u32(out, (uint32_t) n);
	buf_add(out, s, n);
}

void
doc_canonical(uint64_t doc_id, const struct rec_version *v, struct buf *out)
{
	static const char magic[] = "eseal-content-1\n";

	buf_add(out, magic, sizeof magic - 1);
	buf_add_u64(out, doc_id);
	buf_add_u32(out, v->number);

	doc_canonical_str(out, v->title);
	doc_canonical_str(out, v->recipients);
	doc_canonical_str(out, v->body);
	doc_canonical_str(out, v->attachments);
	doc_canonical_str(out, v->issuing_body);
	doc_canonical_str(out, v->classification_period);
	doc_canonical_str(out, v->fields);
}
