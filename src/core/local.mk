## src/core/local.mk
noinst_LIBRARIES += src/core/libescore.a
src_core_libescore_a_CPPFLAGS = $(AM_CPPFLAGS) 
src_core_libescore_a_SOURCES = \
	src/core/core.h \
	src/core/account.c src/core/account.h src/core/account_private.h \
	src/core/account_dept.c src/core/account_init.c \
	src/core/action.c src/core/action.h \
	src/core/audit.c src/core/audit.h src/core/audit_private.h \
	src/core/audit_export.c src/core/audit_key.c src/core/audit_settings.c \
	src/core/audit_verify.c \
	src/core/perm.c src/core/perm.h \
	src/core/policy.c src/core/policy.h \
	src/core/session.c src/core/session.h src/core/session_private.h \
	src/core/form.c src/core/form.h \
	src/core/chain.c src/core/chain.h src/core/doc.c src/core/doc.h \
	src/core/docnum.c src/core/docnum.h src/core/docview.c \
	src/core/docview.h src/core/import.c src/core/import.h \
	src/core/inbox.c src/core/inbox.h src/core/printapp.c \
	src/core/printapp.h src/core/printlog.c src/core/printlog.h \
	src/core/reprint.c src/core/reprint.h src/core/sealing.c \
	src/core/sealing.h \
	src/core/seal.c src/core/seal.h src/core/seal_private.h \
	src/core/seal_ca.c src/core/seal_read.c src/core/seal_trust.c \
	src/core/custody.c src/core/custody.h src/core/custody_handover.c \
	src/core/grant.c src/core/grant.h src/core/wfop.c src/core/wfop.h \
	src/core/workflow.c src/core/workflow.h \
	src/core/core_version.c
