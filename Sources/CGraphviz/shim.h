#ifndef SERVICEBLUEPRINT_CGRAPHVIZ_SHIM_H
#define SERVICEBLUEPRINT_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
