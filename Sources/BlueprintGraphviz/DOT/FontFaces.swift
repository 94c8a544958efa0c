/// The font names for regular, bold and italic text in one family.
///
/// Bold and italic are chosen by font name rather than with HTML-like `<b>`/`<i>` tags or xdot font flags:
/// Graphviz 2.42 leaks a few hundred bytes per `<b>` or `<i>` span on every layout, while a different
/// `<font face>` costs nothing extra (measured with `render-bench memory`). PostScript families get their
/// standard face names (`Helvetica-Bold`, which Graphviz's SVG output turns into `font-weight="bold"`);
/// other families get fontconfig style names (`DejaVu Sans Bold`).
struct FontFaces: Sendable, Hashable {
    let regular: String
    let bold: String
    let italic: String

    private static let postScript: [String: (bold: String, italic: String)] = [
        "helvetica": ("Helvetica-Bold", "Helvetica-Oblique"),
        "times": ("Times-Bold", "Times-Italic"),
        "times-roman": ("Times-Bold", "Times-Italic"),
        "courier": ("Courier-Bold", "Courier-Oblique"),
        "palatino": ("Palatino-Bold", "Palatino-Italic"),
        "palatino-roman": ("Palatino-Bold", "Palatino-Italic"),
        "bookman": ("Bookman-Demi", "Bookman-LightItalic"),
        "avantgarde": ("AvantGarde-Demi", "AvantGarde-BookOblique"),
        "newcenturyschlbk": ("NewCenturySchlbk-Bold", "NewCenturySchlbk-Italic"),
    ]

    init(_ family: String) {
        regular = family
        if let faces = Self.postScript[family.lowercased()] {
            bold = faces.bold
            italic = faces.italic
        } else {
            bold = family + " Bold"
            italic = family + " Italic"
        }
    }

    /// The face for the given style.
    func face(bold isBold: Bool, italic isItalic: Bool) -> String {
        isBold ? bold : (isItalic ? italic : regular)
    }
}
