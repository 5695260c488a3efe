/*
 * test_chain.c -- the approval chain rules (Flow 1, Art. 9): which
 * leader approves at each step, and who may issue.
 */
#include <config.h>

#include <string.h>

#include "core/suites.h"
#include "core/core.h"

static struct rec_user
chain_user(uint8_t level, uint32_t issuing_kinds)
{
	struct rec_user u;

	memset(&u, 0, sizeof u);
	u.id = 7;
	u.roles = ROLE_APPROVER;
	u.leader_level = level;
	u.issuing_kinds = issuing_kinds;
	return u;
}

START_TEST(test_chain_parse)
{
	struct chain c;

	ck_assert_int_eq(chain_parse("1,2", &c), STATUS_OK);
	ck_assert_uint_eq(c.n, 2);
	ck_assert_uint_eq(c.level[0], 1);
	ck_assert_uint_eq(c.level[1], 2);
	ck_assert_int_eq(chain_parse(" 1 , 3 ", &c), STATUS_OK);
	ck_assert_uint_eq(c.n, 2);

	/* Never empty, never above a bureau leader, never climbing down,
	 * never longer than CHAIN_MAX. */
	ck_assert_int_eq(chain_parse("", &c), STATUS_INVALID);
	ck_assert_int_eq(chain_parse(NULL, &c), STATUS_INVALID);
	ck_assert_int_eq(chain_parse("4", &c), STATUS_INVALID);
	ck_assert_int_eq(chain_parse("0", &c), STATUS_INVALID);
	ck_assert_int_eq(chain_parse("2,1", &c), STATUS_INVALID);
	ck_assert_int_eq(chain_parse("1,1,2,2,3", &c), STATUS_INVALID);
	ck_assert_int_eq(chain_parse("1;2", &c), STATUS_INVALID);
}
END_TEST

START_TEST(test_chain_build_defaults)
{
	struct chain c;

	/* A section chief alone signs off by default. */
	chain_build(NULL, NULL, 0, 0, &c);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_uint_eq(c.level[0], CHAIN_SECTION_CHIEF);

	/* The leader in charge where the document needs one. */
	chain_build(NULL, NULL, 0, 1, &c);
	ck_assert_uint_eq(c.n, 2);
	ck_assert_uint_eq(c.level[1], CHAIN_LEADER_IN_CHARGE);

	/* Flow 1.3: a special-number document is approved by a bureau
	 * leader, whatever else is asked. */
	chain_build("1,2", NULL, 1, 1, &c);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_uint_eq(c.level[0], CHAIN_BUREAU_LEADER);
}
END_TEST

START_TEST(test_chain_build_config)
{
	struct chain c;

	chain_build("1,2", NULL, 0, 0, &c);
	ck_assert_uint_eq(c.n, 2);
	/* Already has a leader: none added. */
	chain_build("1,2", NULL, 0, 1, &c);
	ck_assert_uint_eq(c.n, 2);
	/* A malformed configuration falls back to the default, never to
	 * fewer steps. */
	chain_build("x", NULL, 0, 1, &c);
	ck_assert_uint_eq(c.n, 2);
	ck_assert_uint_eq(c.level[0], CHAIN_SECTION_CHIEF);

	/* A configured special chain still ends with a bureau leader. */
	chain_build(NULL, "1,2", 1, 0, &c);
	ck_assert_uint_eq(c.n, 3);
	ck_assert_uint_eq(c.level[2], CHAIN_BUREAU_LEADER);
	chain_build(NULL, "1,3", 1, 0, &c);
	ck_assert_uint_eq(c.n, 2);
}
END_TEST

START_TEST(test_chain_may_act)
{
	struct rec_user chief = chain_user(1, 1u << DOC_LIT_COMPOSED);
	struct rec_user leader = chain_user(2, 0);
	struct rec_user bureau = chain_user(3, (1u << DOC_PARTY_GROUP) - 1);
	struct chain c;

	chain_build(NULL, NULL, 0, 1, &c);	/* chief, then leader */
	ck_assert_int_eq(chain_may_act(&c, 0, &chief, DOC_LIT_COMPOSED, 1),
	    STATUS_OK);
	/* A higher leader may act at a lower step. */
	ck_assert_int_eq(chain_may_act(&c, 0, &bureau, DOC_LIT_COMPOSED, 1),
	    STATUS_OK);
	ck_assert_int_eq(chain_may_act(&c, 1, &chief, DOC_LIT_COMPOSED, 1),
	    STATUS_CHAIN_LEVEL);
	/* The last step is issuance: the level is not enough (Art. 9). */
	ck_assert_int_eq(chain_may_act(&c, 1, &leader, DOC_LIT_COMPOSED, 1),
	    STATUS_NOT_ISSUER);
	/* ... but returning needs no issuing authority. */
	ck_assert_int_eq(chain_may_act(&c, 1, &leader, DOC_LIT_COMPOSED, 0),
	    STATUS_OK);
	ck_assert_int_eq(chain_may_act(&c, 1, &bureau, DOC_LIT_COMPOSED, 1),
	    STATUS_OK);

	/* Issuing authority is per kind. */
	chain_build(NULL, NULL, 0, 0, &c);
	ck_assert_int_eq(chain_may_act(&c, 0, &chief, DOC_LIT_COMPOSED, 1),
	    STATUS_OK);
	ck_assert_int_eq(chain_may_act(&c, 0, &chief, DOC_OFFICIAL_ADMIN, 1),
	    STATUS_NOT_ISSUER);
	ck_assert_int_eq(chain_may_act(&c, 1, &chief, DOC_LIT_COMPOSED, 1),
	    STATUS_STATE);
}
END_TEST

START_TEST(test_chain_labels)
{
	ck_assert_str_eq(chain_level_label(CHAIN_BUREAU_LEADER),
	    "bureau leader");
	ck_assert_str_eq(chain_level_label(CHAIN_SECTION_CHIEF),
	    "section chief or deputy");
}
END_TEST

Suite *
chain_suite(void)
{
	Suite *s = suite_create("chain");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_chain_parse);
	tcase_add_test(tc, test_chain_build_defaults);
	tcase_add_test(tc, test_chain_build_config);
	tcase_add_test(tc, test_chain_may_act);
	tcase_add_test(tc, test_chain_labels);
	suite_add_tcase(s, tc);
	return s;
}
