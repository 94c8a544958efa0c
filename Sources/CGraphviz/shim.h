#ifndef SERVICEBLUEPRINT_CGRAPHVIZ_SHIM_H
#define SERVICEBLUEPRINT_CGRAPHVIZ_SHIM_H
#include <stdlib.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/* Small accessors so Swift 6 code never touches C globals or macros directly. */

/* The error level that sends every Graphviz message to its internal buffer instead of stderr. */
static inline agerrlevel_t sbgv_error_level_max(void) { return AGMAX; }

/* The error level at and above which a message is an error (below: a warning). */
static inline int sbgv_error_level_error(void) { return (int)AGERR; }

/* Frees memory Graphviz allocated with malloc (aglasterr, gvPluginList entries). */
static inline void sbgv_free(void *pointer) { free(pointer); }

/* Frees a list returned by gvPluginList: every entry, then the list. */
static inline void sbgv_free_plugin_list(char **list, int count) {
    if (list == NULL) return;
    for (int index = 0; index < count; index++) free(list[index]);
    free(list);
}

/* cgraph's lexer keeps its input buffer between parses; this exported (but unpublished) cgraph function
   discards it. Declared here because no public header does. */
extern void aglexbad(void);

#endif
