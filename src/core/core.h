/*
 * core.h -- facade of the core layer.  Other layers include only this header.
 */
#ifndef ESEAL_CORE_H
#define ESEAL_CORE_H

#include "util/util.h"

#endif
