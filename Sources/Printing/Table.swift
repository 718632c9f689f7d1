public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Double
    public var alignment: TextAlignment
    /// `.wrap` makes rows as tall as the cell's text needs; `.ellipsis` keeps the row one line high.
    public var overflow: TextOverflow

    public init(_ title: String, width: Double, alignment: TextAlignment = .left, overflow: TextOverflow = .ellipsis) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.overflow = overflow
    }
}

public struct TableRow: Hashable, Sendable {
    /// One string per column; missing cells are blank, extra cells are ignored.
    public var cells: [String]
    public var weight: FontWeight
    public var fill: Color?
    /// `cells[0]` runs across the whole table on one line, e.g. a visit's date and provider above its lines.
    public var spansAllColumns: Bool
    /// Never end a page with this row: it moves to the next page with the row after it.
    public var keepWithNext: Bool
    /// A rule above the row, e.g. above a visit's total.
    public var ruleAbove: Bool

    public init(_ cells: [String], weight: FontWeight = .regular, fill: Color? = nil, ruleAbove: Bool = false,
                keepWithNext: Bool = false) {
        self.cells = cells
        self.weight = weight
        self.fill = fill
        self.spansAllColumns = false
        self.keepWithNext = keepWithNext
        self.ruleAbove = ruleAbove
    }

    /// A heading row across all columns that stays with the first row under it.
    public static func spanning(_ text: String, weight: FontWeight = .bold, fill: Color? = nil) -> TableRow {
        var row = TableRow([text], weight: weight, fill: fill, keepWithNext: true)
        row.spansAllColumns = true
        return row
    }
}

/// Columns and looks of a table whose header row repeats on every page it runs over.
public struct Table: Sendable {
    public var columns: [TableColumn]
    public var font: Font
    public var headerFont: Font
    public var textColor: Color
    public var headerFill: Color?
    public var horizontalPadding: Double
    public var verticalPadding: Double
    public var rule: Stroke

    public init(columns: [TableColumn], font: Font = .sans(8.5), headerFont: Font = .sans(8.5, weight: .bold),
                textColor: Color = .black, headerFill: Color? = .gray(0.9), horizontalPadding: Double = 4,
                verticalPadding: Double = 2.5, rule: Stroke = .hairline) {
        self.columns = columns
        self.font = font
        self.headerFont = headerFont
        self.textColor = textColor
        self.headerFill = headerFill
        self.horizontalPadding = horizontalPadding
        self.verticalPadding = verticalPadding
        self.rule = rule
    }

    public var width: Double { columns.reduce(0) { $0 + $1.width } }

    /// Splits `rows` into fragments: the first placed at the top of `first`, each later one at the top of `next` on
    /// a new page. Of each rectangle only the top-left corner and the bottom edge matter; the columns set the width.
    /// A fragment whose `startsNewPage` is set goes on a new page, which can happen to the first fragment too
    /// when not even one row fits in `first`. The last fragment's `maxY` is where the table ends.
    public func paginate(_ rows: [TableRow], first: Rect, next: Rect,
                         using document: PDFDocument) throws(PrintingError) -> [TableFragment] {
        let typesetter = document.typesetter
        let headerHeight = self.headerHeight(typesetter)
        let heights = rows.map { rowHeight($0, typesetter) }
        guard !rows.isEmpty else {
            return [TableFragment(table: self, rows: [], rowHeights: [], headerHeight: headerHeight,
                                  origin: first.origin, startsNewPage: false)]
        }
        var fragments: [TableFragment] = []
        var start = 0
        var region = first
        var onNewPage = false
        while start < rows.count {
            let available = region.height - headerHeight
            var end = start
            var used = 0.0
            // The tolerance keeps a row that fits exactly from being pushed over by rounding in the sums.
            while end < rows.count, used + heights[end] <= available + 0.001 {
                used += heights[end]
                end += 1
            }
            if end < rows.count {
                while end - 1 > start, rows[end - 1].keepWithNext { end -= 1 }
            }
            if end == start {
                if onNewPage {
                    throw .tableRowTooTall(row: start, height: heights[start], available: available)
                }
                region = next
                onNewPage = true
                continue
            }
            fragments.append(TableFragment(table: self, rows: rows[start..<end], rowHeights: Array(heights[start..<end]),
                                           headerHeight: headerHeight, origin: region.origin, startsNewPage: onNewPage))
            start = end
            region = next
            onNewPage = true
        }
        return fragments
    }

    private func headerHeight(_ typesetter: Typesetter) -> Double {
        let tallest = columns.map { column in
            typesetter.measure(column.title, width: column.width - 2 * horizontalPadding,
                               style: TextStyle(font: headerFont)).height
        }.max() ?? 0
        return max(tallest, typesetter.lineHeight(headerFont)) + 2 * verticalPadding
    }

    private func rowHeight(_ row: TableRow, _ typesetter: Typesetter) -> Double {
        let font = self.font.with(weight: row.weight)
        let line = typesetter.lineHeight(font)
        guard !row.spansAllColumns else { return line + 2 * verticalPadding }
        // Single-line cells are one line high whatever they say, so only wrapping cells are laid out here.
        var tallest = line
        for (column, text) in zip(columns, row.cells) where column.overflow == .wrap && !text.isEmpty {
            let height = typesetter.measure(text, width: column.width - 2 * horizontalPadding,
                                            style: TextStyle(font: font)).height
            tallest = max(tallest, height)
        }
        return tallest + 2 * verticalPadding
    }
}

/// The part of a table that goes on one page: a header row and a run of rows, with their heights already known.
public struct TableFragment: Sendable {
    public let table: Table
    /// The rows with their indices in the array given to `paginate`.
    public let rows: ArraySlice<TableRow>
    let rowHeights: [Double]
    public let headerHeight: Double
    public let origin: Point
    public let startsNewPage: Bool

    public var height: Double { headerHeight + rowHeights.reduce(0, +) }
    public var maxY: Double { origin.y + height }

    func record(on page: inout Page) {
        let left = origin.x, padding = table.horizontalPadding
        var y = origin.y
        if let fill = table.headerFill {
            page.box(Rect(x: left, y: y, width: table.width, height: headerHeight), stroke: nil, fill: fill)
        }
        var x = left
        for column in table.columns {
            // Titles sit on the header's bottom edge, so a one-line title lines up with the last line of a
            // two-line one beside it.
            let style = TextStyle(font: table.headerFont, color: table.textColor, alignment: column.alignment)
            let width = column.width - 2 * padding
            let titleHeight = page.measure(column.title, width: width, style: style).height
            page.text(column.title, at: Point(x: x + padding, y: y + headerHeight - table.verticalPadding - titleHeight),
                      width: width, style: style)
            x += column.width
        }
        y += headerHeight
        page.line(from: Point(x: left, y: y), to: Point(x: left + table.width, y: y), stroke: table.rule)

        for (row, height) in zip(rows, rowHeights) {
            if let fill = row.fill {
                page.box(Rect(x: left, y: y, width: table.width, height: height), stroke: nil, fill: fill)
            }
            if row.ruleAbove {
                page.line(from: Point(x: left, y: y), to: Point(x: left + table.width, y: y), stroke: table.rule)
            }
            let font = table.font.with(weight: row.weight)
            let textTop = y + table.verticalPadding
            if row.spansAllColumns {
                let style = TextStyle(font: font, color: table.textColor, overflow: .ellipsis)
                page.text(row.cells.first ?? "", at: Point(x: left + padding, y: textTop),
                          width: table.width - 2 * padding, style: style)
            } else {
                var x = left
                for (column, text) in zip(table.columns, row.cells) {
                    let style = TextStyle(font: font, color: table.textColor, alignment: column.alignment,
                                          overflow: column.overflow)
                    if !text.isEmpty {
                        page.text(text, at: Point(x: x + padding, y: textTop), width: column.width - 2 * padding,
                                  style: style)
                    }
                    x += column.width
                }
            }
            y += height
        }
    }
}
