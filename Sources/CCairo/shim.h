#ifndef CLEARBILL_CCAIRO_SHIM_H
#define CLEARBILL_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#endif
