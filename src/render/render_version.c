/*
 * render_version.c -- placeholder so the render library is never empty while
 * the layer is being built up.
 */
#include <config.h>

#include "render/render.h"

const char render_layer_name[] = "render";
