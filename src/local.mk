## src/local.mk: the layers, lowest first.  Each layer is a static
## library; a layer links only the layers beneath it.

include src/util/local.mk
include src/crypto/local.mk
include src/store/local.mk
include src/core/local.mk
include src/render/local.mk
include src/print/local.mk
include src/ui/local.mk
include src/ctl/local.mk

bin_PROGRAMS += src/esealctl src/eseal

# What every program links, top layer first so static libraries resolve.
ESEAL_LAYERS = src/ctl/libesctl.a src/ui/libesui.a src/print/libesprint.a \
	src/render/libesrender.a src/core/libescore.a src/store/libesstore.a \
	src/crypto/libescrypto.a src/util/libesutil.a
ESEAL_LIBS = $(ESEAL_LAYERS) $(NCURSESW_LIBS) $(CAIRO_LIBS) $(CUPS_LIBS) \
	$(DB_LIBS) $(ZLIB_LIBS) $(GCRYPT_LIBS) $(LIBINTL) -lpthread -lm

src_esealctl_SOURCES = src/esealctl.c
src_esealctl_LDADD = $(ESEAL_LIBS)
src_eseal_SOURCES = src/eseal.c
src_eseal_LDADD = $(ESEAL_LIBS)
