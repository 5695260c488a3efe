## src/core/local.mk
noinst_LIBRARIES += src/core/libescore.a
src_core_libescore_a_CPPFLAGS = $(AM_CPPFLAGS) 
src_core_libescore_a_SOURCES = \
	src/core/core.h \
	src/core/account.c src/core/account.h src/core/account_private.h \
	src/core/account_dept.c src/core/account_init.c \
	src/core/action.c src/core/action.h \
	src/core/bulk.c src/core/bulk.h \
	src/core/kekfile.c src/core/kekfile.h \
	src/core/keycheck.c src/core/keycheck.h \
	src/core/audit.c src/core/audit.h src/core/audit_private.h \
	src/core/audit_export.c src/core/audit_key.c src/core/audit_settings.c \
	src/core/audit_verify.c src/core/audit_archive.c \
	src/core/perm.c src/core/perm.h \
	src/core/policy.c src/core/policy.h \
	src/core/session.c src/core/session.h src/core/session_private.h \
	src/core/form.c src/core/form.h src/core/form_private.h \
	src/core/form_parse.c src/core/form_validate.c \
	src/core/chain.c src/core/chain.h src/core/doc.c src/core/doc.h \
	src/core/docnum.c src/core/docnum.h src/core/docsearch.c \
	src/core/docview.c \
	src/core/docview.h src/core/import.c src/core/import.h \
	src/core/import_file.c \
	src/core/printable.c src/core/printable.h \
	src/core/inbox.c src/core/inbox.h src/core/printapp.c \
	src/core/printapp.h src/core/printlog.c src/core/printlog.h \
	src/core/printer.c src/core/printer.h \
	src/core/maint.c src/core/maint.h \
	src/core/printjobs.c src/core/printjobs.h \
	src/core/recwords.c src/core/recwords.h \
	src/core/reprint.c src/core/reprint.h src/core/sealing.c \
	src/core/sealing.h \
	src/core/seal.c src/core/seal.h src/core/seal_private.h \
	src/core/seal_ca.c src/core/seal_read.c src/core/seal_trust.c \
	src/core/standalone.c src/core/standalone.h \
	src/core/standalone_private.h src/core/standalone_issue.c \
	src/core/standalone_log.c src/core/standalone_pkg.c \
	src/core/standalone_return.c src/core/standalone_station.c \
	src/core/standalone_use.c \
	src/core/verify.c src/core/verify.h src/core/verify_many.c \
	src/core/custody.c src/core/custody.h src/core/custody_handover.c \
	src/core/custody_proxy.c \
	src/core/grant.c src/core/grant.h src/core/wfop.c src/core/wfop.h \
	src/core/workflow.c src/core/workflow.h \
	src/core/report.c src/core/report.h src/core/report_private.h \
	src/core/report_table.c src/core/report_docs.c src/core/report_daysum.c \
	src/core/report_csv.c src/core/register.c \
	src/core/medium.c src/core/medium.h \
	src/core/export.c src/core/export.h \
	src/core/manifest.c src/core/manifest.h \
	src/core/core_version.c
