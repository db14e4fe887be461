//! Plain-text tables with aligned columns, for people reading a terminal.

/// Which side of its column a cell sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text: padded on the right.
    Left,
    /// Numbers: padded on the left.
    Right,
}

/// A table: a header row and data rows, rendered with two spaces between columns.
#[derive(Debug)]
pub struct Table {
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers; every column is left-aligned until told otherwise.
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            align: vec![Align::Left; header.len()],
            rows: Vec::new(),
        }
    }

    /// Right-aligns the columns at these positions (numbers).
    pub fn right(mut self, columns: &[usize]) -> Table {
        for &column in columns {
            if let Some(align) = self.align.get_mut(column) {
                *align = Align::Right;
            }
        }
        self
    }

    /// Adds a row; missing cells are blank, extra cells are dropped.
    pub fn row(&mut self, cells: Vec<String>) {
        let mut cells = cells;
        cells.resize(self.header.len(), String::new());
        self.rows.push(cells);
    }

    /// The table as text, one line per row, each ending in a newline.
    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (column, cell) in row.iter().enumerate() {
                if column > 0 {
                    line.push_str("  ");
                }
                let pad = widths[column].saturating_sub(width(cell));
                match self.align[column] {
                    Align::Left => {
                        line.push_str(cell);
                        line.extend(std::iter::repeat_n(' ', pad));
                    }
                    Align::Right => {
                        line.extend(std::iter::repeat_n(' ', pad));
                        line.push_str(cell);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// The width of a cell in columns (one per character; good enough for names and titles).
fn width(cell: &str) -> usize {
    cell.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_and_numbers_align_right() {
        let mut table = Table::new(&["name", "n"]).right(&[1]);
        table.row(vec!["Zoë Adams".into(), "5".into()]);
        table.row(vec!["Al".into(), "12".into()]);
        assert_eq!(
            table.render(),
            "name        n\nZoë Adams   5\nAl         12\n"
        );
    }

    #[test]
    fn short_rows_are_padded() {
        let mut table = Table::new(&["a", "b"]);
        table.row(vec!["x".into()]);
        assert_eq!(table.render(), "a  b\nx\n");
    }
}
