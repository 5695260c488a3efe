/*
 * ui_version.c -- placeholder so the ui library is never empty while
 * the layer is being built up.
 */
#include <config.h>

#include "ui/ui.h"

const char ui_layer_name[] = "ui";
