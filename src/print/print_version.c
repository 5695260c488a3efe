/*
 * print_version.c -- placeholder so the print library is never empty while
 * the layer is being built up.
 */
#include <config.h>

#include "print/print.h"

const char print_layer_name[] = "print";
