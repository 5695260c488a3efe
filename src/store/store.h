/*
 * store.h -- facade of the store layer.  Other layers include only this header.
 */
#ifndef ESEAL_STORE_H
#define ESEAL_STORE_H

#include "util/util.h"

#endif
