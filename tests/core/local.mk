## tests/core/local.mk: the core layer's runner, one suite per module.
check_PROGRAMS += tests/core/check_core
TESTS += tests/core/check_core
tests_core_check_core_CPPFLAGS = $(TEST_CPPFLAGS)
tests_core_check_core_SOURCES = tests/core/check_core.c tests/core/suites.h \
	tests/core/accounts_fixture.c tests/core/accounts_fixture.h \
	tests/core/test_account.c tests/core/test_perm.c \
	tests/core/test_policy.c tests/core/test_session.c \
	tests/core/audit_fixture.c tests/core/audit_fixture.h \
	tests/core/test_audit.c tests/core/test_audit_tamper.c \
	tests/core/test_kekfile.c \
	tests/core/test_form.c \
	tests/core/wf_fixture.c tests/core/wf_fixture.h \
	tests/core/test_chain.c tests/core/test_doc.c \
	tests/core/test_import.c tests/core/test_workflow.c \
	tests/core/test_corpus.c tests/core/test_invariants.c \
	tests/core/seal_fixture.c tests/core/seal_fixture.h \
	tests/core/test_seal.c tests/core/test_custody.c \
	tests/core/test_grant.c tests/core/test_sealing.c \
	tests/core/test_sealsize.c \
	tests/core/test_report.c tests/core/test_export.c \
	tests/core/test_daysum.c \
	tests/core/standalone_fixture.c tests/core/standalone_fixture.h \
	tests/core/test_standalone.c tests/core/test_standalone_tamper.c \
	tests/core/test_printjobs.c tests/core/test_docsearch.c \
	tests/core/test_bulk.c \
	tests/core/test_printable.c tests/core/test_recwords.c \
	tests/core/test_queuecount.c tests/core/test_approvebox.c \
	tests/core/test_sealsteps.c
tests_core_check_core_LDADD = $(TEST_LIBS)
