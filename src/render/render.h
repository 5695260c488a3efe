/*
 * render.h -- facade of the render layer.  Other layers include only this header.
 */
#ifndef ESEAL_RENDER_H
#define ESEAL_RENDER_H

#include "util/util.h"

#endif
