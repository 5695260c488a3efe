/*
 * crypto_version.c -- placeholder so the crypto library is never empty while
 * the layer is being built up.
 */
#include <config.h>

#include "crypto/crypto.h"

const char crypto_layer_name[] = "crypto";
