#ifndef CLEARBILL_CPANGO_SHIM_H
#define CLEARBILL_CPANGO_SHIM_H
#include <pango/pangocairo.h>
#endif
