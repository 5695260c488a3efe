/*
 * crypto.h -- facade of the crypto layer.  Other layers include only this header.
 */
#ifndef ESEAL_CRYPTO_H
#define ESEAL_CRYPTO_H

#include "util/util.h"

#endif
