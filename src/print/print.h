/*
 * print.h -- facade of the print layer.  Other layers include only this header.
 */
#ifndef ESEAL_PRINT_H
#define ESEAL_PRINT_H

#include "util/util.h"

#endif
