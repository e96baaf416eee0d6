//! The form as a grid of ten columns: each cell spans columns to its right and rows below it,
//! and the cells it covers are marked, as both a workbook and a Word table merge them.

/// The form's ten columns, relative widths: the section labels, 一级, 二级, 三级, 年度指标值,
/// 实际完成值, 分值, 得分, and two for 偏差原因分析及改进措施.
pub const WEIGHTS: [usize; 10] = [5, 8, 8, 14, 10, 11, 5, 7, 11, 11];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A printed label of the form (项目名称, 年初预算数 …).
    Label,
    Text,
    Number,
    /// Under or beside a merged cell: drawn by the cell that spans it.
    Covered,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub kind: Kind,
    /// Columns it spans, itself included.
    pub cols: usize,
    /// Rows it spans, itself included.
    pub down: usize,
}

impl Cell {
    fn new(text: String, kind: Kind) -> Cell {
        Cell {
            text,
            kind,
            cols: 1,
            down: 1,
        }
    }

    pub fn label(text: String) -> Cell {
        Cell::new(text, Kind::Label)
    }

    pub fn text(text: String) -> Cell {
        Cell::new(text, Kind::Text)
    }

    pub fn number(text: String) -> Cell {
        Cell::new(text, Kind::Number)
    }

    /// Covered by a cell above that spans down over it.
    pub fn covered() -> Cell {
        Cell::new(String::new(), Kind::Covered)
    }

    pub fn cols(mut self, n: usize) -> Cell {
        self.cols = n.max(1);
        self
    }

    pub fn down(mut self, n: usize) -> Cell {
        self.down = n.max(1);
        self
    }
}

#[derive(Debug, Clone)]
pub struct Grid {
    pub title: String,
    pub subtitle: Option<String>,
    pub rows: Vec<Vec<Cell>>,
    /// What the form could not fill that the user should be told, beside it.
    pub notes: Vec<String>,
}

impl Grid {
    pub fn new(title: &str) -> Grid {
        Grid {
            title: title.to_string(),
            subtitle: None,
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Each row's cells with the column each starts at.
    pub fn placed(&self) -> impl Iterator<Item = (usize, Vec<(usize, &Cell)>)> {
        self.rows.iter().enumerate().map(|(r, row)| {
            let mut col = 0;
            let cells = row
                .iter()
                .map(|c| {
                    let at = col;
                    col += c.cols;
                    (at, c)
                })
                .collect();
            (r, cells)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_placed_after_the_columns_of_those_before() {
        let mut g = Grid::new("t");
        g.row(vec![
            Cell::label("a".into()).cols(2),
            Cell::text("b".into()).cols(8),
        ]);
        g.row(vec![Cell::covered(), Cell::text("c".into()).cols(9)]);
        let placed: Vec<Vec<usize>> = g
            .placed()
            .map(|(_, cells)| cells.iter().map(|(at, _)| *at).collect())
            .collect();
        assert_eq!(placed, vec![vec![0, 2], vec![0, 1]]);
        // Every row of the form spans the ten columns.
        for row in &g.rows {
            assert_eq!(row.iter().map(|c| c.cols).sum::<usize>(), 10);
        }
    }
}
