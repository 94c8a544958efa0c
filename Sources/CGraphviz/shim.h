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

/* The graph's `layout` attribute (NULL or "" when unset); agget takes a non-const name. */
static inline const char *sbgv_graph_layout(Agraph_t *graph) { return agget(graph, (char *)"layout"); }

/* The width in points of a laid-out node's label text, as Graphviz measured it (with the text layout plugin,
   pango/cairo, when one is loaded; else with its own width table); -1 when the node has no label yet.
   ND_label is a public macro of types.h. */
static inline double sbgv_node_label_width(Agnode_t *node) {
    if (node == NULL || AGDATA(node) == NULL || ND_label(node) == NULL) return -1;
    return ND_label(node)->dimen.x;
}

/* cgraph's lexer keeps its input buffer between parses; this exported (but unpublished) cgraph function
   discards it. Declared here because no public header does. */
extern void aglexbad(void);

/* ---- Graphviz 2.42 per-render leaks (Debian bookworm's libgvc 2.42.2, which reports itself as 2.43.0) ----

   valgrind --leak-check=full over N renders of one blueprint shows two allocations lost per render:
   1. free_html_text() (lib/common/htmltable.c) frees each text line's strings but never the line's
      `items` array (one textspan_t, 72 bytes, per line of every HTML-like label): about 9.5 KiB per
      30-step blueprint render, 74 KiB at 200 steps.
   2. The nop2 layout's node list (GD_neato_nlist, 8 bytes per node + 8), which neato's cleanup only frees
      while its global `Nop` flag is still set.
   The functions below let the renderer free both itself, only for that version (the caller checks
   gvcVersion). The structs mirror the private lib/common/htmltable.h of that version; they are read, never
   written. Graphviz frees the rest of each label in gvFreeLayout, so the `items` pointers are collected
   before gvFreeLayout and freed after it. */

typedef struct { textspan_t *items; short nitems; char just; double size; double lfsize; } sbgv242_htextspan;
typedef struct { sbgv242_htextspan *spans; short nspans; char simple; boxf box; } sbgv242_htmltxt;
typedef struct {
    char *href, *port, *target, *title, *id, *bgcolor, *pencolor;
    int gradientangle;
    signed char space;
    unsigned char border, pad, sides;
    unsigned short flags, width, height, style;
    boxf box;
} sbgv242_htmldata;
struct sbgv242_htmltbl;
typedef struct {
    union { struct sbgv242_htmltbl *tbl; sbgv242_htmltxt *txt; void *img; } u;
    char kind; /* 1 table, 2 text, 3 image */
} sbgv242_htmllabel;
typedef struct {
    sbgv242_htmldata data;
    unsigned short cspan, rspan, col, row;
    sbgv242_htmllabel child;
    struct sbgv242_htmltbl *parent;
    unsigned char ruled;
} sbgv242_htmlcell;
typedef struct sbgv242_htmltbl {
    sbgv242_htmldata data;
    union {
        struct { sbgv242_htmlcell *parent; sbgv242_htmlcell **cells; } n; /* after layout: NULL-terminated */
        struct { void *prev; void *rows; } p;                              /* while parsing (rc == -1) */
    } u;
    signed char cb;
    int *heights, *widths;
    int rc, cc;
    textfont_t *font;
    unsigned char flags;
} sbgv242_htmltbl;

/* A growable list of pointers to free later. */
typedef struct { void **items; size_t count; size_t capacity; } sbgv_pointer_list;

static inline void sbgv_pointer_list_add(sbgv_pointer_list *list, void *pointer) {
    if (pointer == NULL) return;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 64;
        void **grown = (void **)realloc(list->items, capacity * sizeof(void *));
        if (grown == NULL) return; /* out of memory: leak this one as Graphviz would */
        list->items = grown;
        list->capacity = capacity;
    }
    list->items[list->count++] = pointer;
}

/* Frees every collected pointer, then the list. */
static inline void sbgv_pointer_list_free(sbgv_pointer_list list) {
    for (size_t index = 0; index < list.count; index++) free(list.items[index]);
    free(list.items);
}

static inline void sbgv242_collect_html(const sbgv242_htmllabel *label, sbgv_pointer_list *list, int depth) {
    if (label == NULL || depth > 100) return;
    if (label->kind == 2 && label->u.txt != NULL && label->u.txt->spans != NULL) {
        for (short line = 0; line < label->u.txt->nspans; line++) sbgv_pointer_list_add(list, label->u.txt->spans[line].items);
    } else if (label->kind == 1 && label->u.tbl != NULL && label->u.tbl->rc != -1 && label->u.tbl->u.n.cells != NULL) {
        for (sbgv242_htmlcell **cell = label->u.tbl->u.n.cells; *cell != NULL; cell++) {
            sbgv242_collect_html(&(*cell)->child, list, depth + 1);
        }
    }
}

static inline void sbgv242_collect_label(const textlabel_t *label, sbgv_pointer_list *list) {
    if (label != NULL && label->html && label->u.html != NULL) {
        sbgv242_collect_html((const sbgv242_htmllabel *)label->u.html, list, 0);
    }
}

static inline void sbgv242_collect_graph_labels(Agraph_t *graph, sbgv_pointer_list *list, int depth) {
    if (AGDATA(graph) == NULL || depth > 100) return;
    sbgv242_collect_label(GD_label(graph), list);
    for (Agraph_t *sub = agfstsubg(graph); sub != NULL; sub = agnxtsubg(sub)) {
        sbgv242_collect_graph_labels(sub, list, depth + 1);
    }
}

/* The `items` arrays of every HTML-like label line in a laid-out graph, which gvFreeLayout will not free. */
static inline sbgv_pointer_list sbgv242_html_line_items(Agraph_t *graph) {
    sbgv_pointer_list list = {NULL, 0, 0};
    sbgv242_collect_graph_labels(graph, &list, 0);
    for (Agnode_t *node = agfstnode(graph); node != NULL; node = agnxtnode(graph, node)) {
        if (AGDATA(node) == NULL) continue;
        sbgv242_collect_label(ND_label(node), &list);
        sbgv242_collect_label(ND_xlabel(node), &list);
        for (Agedge_t *edge = agfstout(graph, node); edge != NULL; edge = agnxtout(graph, edge)) {
            if (AGDATA(edge) == NULL) continue;
            sbgv242_collect_label(ED_label(edge), &list);
            sbgv242_collect_label(ED_xlabel(edge), &list);
            sbgv242_collect_label(ED_head_label(edge), &list);
            sbgv242_collect_label(ED_tail_label(edge), &list);
        }
    }
    return list;
}

/* Frees the nop/nop2 layout's node list and clears the pointer, so a later free in Graphviz is free(NULL). */
static inline void sbgv242_free_neato_node_list(Agraph_t *graph) {
    if (AGDATA(graph) == NULL) return;
    free(GD_neato_nlist(graph));
    GD_neato_nlist(graph) = NULL;
}

#endif
