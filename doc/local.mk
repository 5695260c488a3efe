## doc/local.mk: the Texinfo manual and the man pages.
info_TEXINFOS = doc/eseal.texi
doc_eseal_TEXINFOS = doc/version.texi doc/documents.texi doc/seals.texi \
	doc/printing.texi doc/reports.texi doc/audit.texi \
	doc/standalone.texi

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
