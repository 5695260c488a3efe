/*
 * core_version.c -- placeholder so the core library is never empty while
 * the layer is being built up.
 */
#include <config.h>

#include "core/core.h"

const char core_layer_name[] = "core";
