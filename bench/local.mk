## bench/local.mk: benchmarks, run by 'make bench', never by 'make check'.
##
## The programs are EXTRA_PROGRAMS: built only when 'make bench' asks,
## so a plain 'make' stays fast.  bench/run.sh drives them and prints
## the table; BENCH_SIZES chooses the workspace sizes (e.g.
## make bench BENCH_SIZES="10000 100000"; bench/gen runs one worker
## process per processor, see bench/RESULTS.md for its rate).

EXTRA_PROGRAMS = bench/gen bench/probe bench/screen bench/copies
BENCH_COMMON = bench/bench.h bench/bench_util.c
bench_gen_SOURCES = bench/gen.c $(BENCH_COMMON)
bench_gen_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
bench_gen_LDADD = $(ESEAL_LIBS)
bench_probe_SOURCES = bench/probe.c $(BENCH_COMMON)
bench_probe_LDADD = $(ESEAL_LIBS)
bench_screen_SOURCES = bench/screen.c $(BENCH_COMMON)
bench_screen_LDADD = $(ESEAL_LIBS) -lutil
bench_copies_SOURCES = bench/copies.c $(BENCH_COMMON)
bench_copies_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
bench_copies_LDADD = $(ESEAL_LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_DIST += bench/run.sh bench/RESULTS.md

BENCH_SIZES = 10000

bench: bench/gen$(EXEEXT) bench/probe$(EXEEXT) bench/screen$(EXEEXT) \
    bench/copies$(EXEEXT) \
    src/eseal$(EXEEXT)
	$(SHELL) $(top_srcdir)/bench/run.sh $(top_builddir) $(BENCH_SIZES)
.PHONY: bench
