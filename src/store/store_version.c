/*
 * store_version.c -- placeholder so the store library is never empty while
 * the layer is being built up.
 */
#include <config.h>

#include "store/store.h"

const char store_layer_name[] = "store";
