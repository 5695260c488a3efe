/*
 * chain.c -- the approval chain: parsing the configuration, building a
 * version's chain from its kind and flags, and judging who may act at a
 * step.
 *
 * Pure rules; it must not read the store (workflow.c passes the
 * configuration in), so the rules can be tested on their own.
 */
#include <config.h>

#include <assert.h>
#include <stdlib.h>

#include "core/chain.h"

enum status
chain_parse(const char *spec, struct chain *out)
{
	const char *p = spec;
	unsigned long v;
	char *end;

	out->n = 0;
	if (p == NULL || *p == '\0')
		return STATUS_INVALID;

	for (;;) {
		while (*p == ' ')
			p++;
		v = strtoul(p, &end, 10);
		if (end == p || v < CHAIN_SECTION_CHIEF
		    || v > CHAIN_BUREAU_LEADER || out->n == CHAIN_MAX)
			return STATUS_INVALID;
		/* Level by level: a chain never climbs down. */
		if (out->n > 0 && v < out->level[out->n - 1])
			return STATUS_INVALID;
		out->level[out->n++] = (uint8_t) v;

		for (p = end; *p == ' '; p++)
			continue;
		if (*p == '\0')
			return STATUS_OK;
		if (*p++ != ',')
			return STATUS_INVALID;
	}
}

static void
chain_parse_or(const char *spec, const char *fallback, struct chain *out)
{
	if (chain_parse(spec, out) != STATUS_OK) {
		enum status st = chain_parse(fallback, out);

		assert(st == STATUS_OK);
		(void) st;
	}
}

void
chain_build(const char *base, const char *special, int special_number,
    int leader_in_charge, struct chain *out)
{
	if (special_number) {
		chain_parse_or(special, CHAIN_DEFAULT_SPECIAL, out);
		/* Flow 1.3: whatever the configuration says, a bureau
		 * leader signs a special-number document off. */
		if (out->level[out->n - 1] < CHAIN_BUREAU_LEADER) {
			if (out->n == CHAIN_MAX)
				out->n--;
			out->level[out->n++] = CHAIN_BUREAU_LEADER;
		}
		return;
	}

	chain_parse_or(base, CHAIN_DEFAULT, out);
	if (leader_in_charge &&
	    out->level[out->n - 1] < CHAIN_LEADER_IN_CHARGE) {
		if (out->n == CHAIN_MAX)
			out->n--;
		out->level[out->n++] = CHAIN_LEADER_IN_CHARGE;
	}
}

enum status
chain_may_act(const struct chain *chain, unsigned step,
    const struct rec_user *user, enum doc_kind kind, int issuing)
{
	if (step >= chain->n)
		return STATUS_STATE;
	if (user->leader_level < chain->level[step])
		return STATUS_CHAIN_LEVEL;

	/* Art. 9: the last step is the sign-off. */
	if (issuing && step + 1 == chain->n
	    && (user->issuing_kinds & (1u << kind)) == 0)
		return STATUS_NOT_ISSUER;
	return STATUS_OK;
}

const char *
chain_level_label(unsigned level)
{
	switch (level) {
	case CHAIN_SECTION_CHIEF:
		return _("section chief or deputy");
	case CHAIN_LEADER_IN_CHARGE:
		return _("bureau leader in charge");
	case CHAIN_BUREAU_LEADER:
		return _("bureau leader");
	default:
		return _("no leader level");
	}
}
