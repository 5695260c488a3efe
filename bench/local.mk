## bench/local.mk: benchmarks, run by 'make bench', never by 'make check'.
bench:
	@echo "no benchmarks yet"
.PHONY: bench
