## forms/local.mk: form definitions, read at run time (no recompile to
## add one).
