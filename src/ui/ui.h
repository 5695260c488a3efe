/*
 * ui.h -- facade of the ui layer.  Other layers include only this header.
 */
#ifndef ESEAL_UI_H
#define ESEAL_UI_H

#include "util/util.h"

#endif
