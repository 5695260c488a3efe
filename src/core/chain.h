/*
 * chain.h -- the approval chain of a document version: which leader
 * level approves at each step, and who may act at a step (Flow 1, Art. 9).
 *
 * Pure rules: the chain is computed from the document's kind and flags
 * and the workspace's configuration strings, never stored, so the same
 * inputs always give the same chain.  No store access here.
 */
#ifndef ESEAL_CORE_CHAIN_H
#define ESEAL_CORE_CHAIN_H

#include <stdint.h>

#include "store/records.h"
#include "util/util.h"

#define CHAIN_MAX	4	/* steps in one chain */

/* Leader levels, as in rec_user.leader_level. */
enum chain_level {
	CHAIN_SECTION_CHIEF = 1,	/* 科长 or 副科长 */
	CHAIN_LEADER_IN_CHARGE = 2,	/* 分管局领导 */
	CHAIN_BUREAU_LEADER = 3		/* 局领导 */
};

/*
 * The steps in order; level[i] is the lowest leader level that may act
 * at step i (a higher leader may act too).  The last step is issuance
 * (签发): its approver must also hold issuing authority for the kind.
 */
struct chain {
	unsigned	 n;
	uint8_t		 level[CHAIN_MAX];
};

/* The configuration keys in REC_META: "chain.<kind name>" for each kind
 * and "chain.special-number"; values are levels separated by commas,
 * e.g. "1,2".  The defaults when a key is missing or malformed: */
#define CHAIN_DEFAULT		"1"
#define CHAIN_DEFAULT_SPECIAL	"3"

/* Parse SPEC ("1,2"); STATUS_INVALID unless 1..CHAIN_MAX levels of 1-3,
 * never decreasing. */
enum status chain_parse(const char *spec, struct chain *out);

/*
 * The chain for a version: special-number documents follow SPECIAL (a
 * bureau leader by default, Flow 1.3); others follow BASE, with a step
 * for the leader in charge appended when LEADER_IN_CHARGE and BASE has
 * none at that level or above.  BASE and SPECIAL are configuration
 * strings (NULL for the default); a malformed one falls back to the
 * default, so a typo in the configuration can never drop a step below
 * the built-in minimum.
 */
void chain_build(const char *base, const char *special, int special_number,
    int leader_in_charge, struct chain *out);

/*
 * May USER act (approve, issue or return) at STEP of CHAIN for a
 * document of KIND?  STATUS_CHAIN_LEVEL when the user's leader level is
 * too low; at the last step, for approving (ISSUING non-zero),
 * STATUS_NOT_ISSUER without issuing authority for KIND.
 */
enum status chain_may_act(const struct chain *chain, unsigned step,
    const struct rec_user *user, enum doc_kind kind, int issuing);

/* The translated name of a level: 科长/副科长, 分管局领导, 局领导. */
const char *chain_level_label(unsigned level);

#endif
