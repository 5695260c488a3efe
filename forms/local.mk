## forms/local.mk: form definitions, read at run time (no recompile to
## add one).  The format is in forms/README, installed beside them.
formsdir = $(pkgdatadir)/forms
dist_forms_DATA = \
	forms/README \
	forms/document.fields \
	forms/request.form \
	forms/decision.form \
	forms/entrustment.form \
	forms/notice.form \
	forms/case-register.form \
	forms/service-receipt.form \
	forms/seal.form \
	forms/reprint.form \
	forms/extra-print.form \
	forms/blank-batch.form \
	forms/proxy.form
