#ifndef CLEARBILL_CQRENCODE_SHIM_H
#define CLEARBILL_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
