## doc/local.mk: the Texinfo manual and the man pages.
info_TEXINFOS = doc/eseal.texi
doc_eseal_TEXINFOS = doc/version.texi doc/documents.texi doc/seals.texi \
	doc/formtext.texi \
	doc/printing.texi doc/reports.texi doc/audit.texi \
	doc/standalone.texi doc/interface.texi doc/workspaces.texi \
	doc/walkthrough.texi \
	doc/walkthrough/setup-departments.txt doc/walkthrough/setup-roles.txt \
	doc/walkthrough/setup-printers.txt doc/walkthrough/draft-request.txt \
	doc/walkthrough/setup-seal.txt \
	doc/walkthrough/issued-request.txt doc/walkthrough/sealed-request.txt \
	doc/walkthrough/printed-request.txt doc/walkthrough/rejected-decision.txt \
	doc/walkthrough/destroyed-entrustment.txt doc/walkthrough/special-waiting.txt \
	doc/walkthrough/refused-classified.txt doc/walkthrough/imported-gb18030.txt \
	doc/walkthrough/refused-classified-printer.txt \
	doc/walkthrough/import-gb18030.txt \
	doc/walkthrough/custody-handover.txt \
	doc/walkthrough/report-summary.txt \
	doc/walkthrough/verified-original.txt
## The walkthrough's screens are captured by the end-to-end test:
## doc/walkthrough-shots.sh BUILD-DIR makes them again.
EXTRA_DIST += doc/walkthrough-shots.sh

## The man pages are made from --help by help2man, so they never drift
## from the programs; the generated pages are distributed.
dist_man_MANS += doc/esealctl.1 doc/eseal.1
doc/esealctl.1: src/esealctl$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) doc && $(HELP2MAN) --no-info --name="administer an eseal workspace" \
	  --output=$@ $(top_builddir)/src/esealctl$(EXEEXT) || \
	  { test -f $(srcdir)/$@ && cp $(srcdir)/$@ $@; }
doc/eseal.1: src/eseal$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) doc && $(HELP2MAN) --no-info --name="the electronic-seal workstation" \
	  --output=$@ $(top_builddir)/src/eseal$(EXEEXT) || \
	  { test -f $(srcdir)/$@ && cp $(srcdir)/$@ $@; }
## The pages are rebuilt whenever the programs are, so distclean removes
## the build's copies (the distributed ones stay in the source tree).
DISTCLEANFILES = doc/esealctl.1 doc/eseal.1
