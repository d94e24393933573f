//! Converter output (issue 20): a report turned into Markdown by a
//! conversion tool, made here from every real report whose tables are
//! tab-separated, in the habits of several converters (below). Each must read
//! every cell as the tab-separated text does — or leave a cell unread and say
//! so (S004) — and never show a figure that is not the report's; it raises no
//! finding the tab-separated text does not.

mod common;
use common::*;
use nianbao::check;

/// A converter's habit.
#[derive(Debug, Clone, Copy)]
enum Habit {
    /// GitHub pipe tables (a separator row after each table's first row), `#` headings.
    Pipes,
    /// Long labels broken with `<br>` inside their cells.
    BreaksInLabels,
    /// The table broken where the PDF's page broke: a page number, and the rest a new
    /// pipe table of its own (header separator and all).
    SplitAtPageBreak,
    /// As above, and the first row after the break without its label, which stands
    /// above the new table as a paragraph.
    LabelAbove,
    /// HTML tables inside the Markdown, one row a line.
    HtmlRows,
    /// HTML tables inside the Markdown, a whole table on one line.
    HtmlOneLine,
}

const HABITS: [Habit; 6] = [
    Habit::Pipes,
    Habit::BreaksInLabels,
    Habit::SplitAtPageBreak,
    Habit::LabelAbove,
    Habit::HtmlRows,
    Habit::HtmlOneLine,
];

fn pipe_row(cells: &[&str]) -> String {
    format!("| {} |", cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join(" | "))
}

fn separator(n: usize) -> String {
    format!("|{}", "---|".repeat(n))
}

fn html_row(cells: &[&str]) -> String {
    format!(
        "<tr>{}</tr>",
        cells.iter().map(|c| format!("<td>{}</td>", c.trim())).collect::<String>()
    )
}

/// The report's text as a converter with `habit` would write it.
fn convert(text: &str, habit: Habit) -> String {
    let mut out: Vec<String> = Vec::new();
    // The rows of the table being written (HTML habits write them at its end).
    let mut table: Vec<String> = Vec::new();
    let mut rows = 0usize;
    let flush = |table: &mut Vec<String>, out: &mut Vec<String>| {
        if table.is_empty() {
            return;
        }
        match habit {
            Habit::HtmlOneLine => out.push(format!("<table>{}</table>", table.concat())),
            Habit::HtmlRows => {
                out.push("<table>".into());
                out.append(table);
                out.push("</table>".into());
            }
            _ => out.append(table),
        }
        table.clear();
    };
    for line in text.lines() {
        if !line.contains('\t') {
            flush(&mut table, &mut out);
            rows = 0;
            let numbered = line.trim_start().chars().next().is_some_and(|c| "一二三四五六".contains(c)) && line.contains('、');
            out.push(if numbered {
                format!("## {}", line.trim())
            } else {
                line.to_string()
            });
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        rows += 1;
        match habit {
            Habit::HtmlRows | Habit::HtmlOneLine => table.push(html_row(&cells)),
            _ if rows == 1 => {
                table.push(pipe_row(&cells));
                table.push(separator(cells.len()));
            }
            Habit::SplitAtPageBreak | Habit::LabelAbove if rows == 12 => {
                table.extend(["".to_string(), "- 3 -".to_string(), "".to_string()]);
                // The label cells: those before the first figure.
                let first_figure = cells.iter().position(|c| c.trim().parse::<u64>().is_ok()).unwrap_or(0);
                let label: String = cells[..first_figure].iter().map(|c| c.trim()).collect();
                if matches!(habit, Habit::LabelAbove) && !label.is_empty() {
                    table.push(label);
                    table.push(String::new());
                    table.push(pipe_row(&cells[first_figure..]));
                    table.push(separator(cells.len() - first_figure));
                } else {
                    table.push(pipe_row(&cells));
                    table.push(separator(cells.len()));
                }
            }
            Habit::BreaksInLabels => {
                let mut cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
                if let Some(c) = cells.iter_mut().find(|c| c.chars().count() > 8) {
                    let at = c.char_indices().nth(6).map_or(0, |(i, _)| i);
                    c.insert_str(at, "<br>");
                }
                let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                table.push(pipe_row(&refs));
            }
            _ => table.push(pipe_row(&cells)),
        }
    }
    flush(&mut table, &mut out);
    out.join("\n")
}

#[test]
fn converter_markdown_reads_as_the_tab_separated_text() {
    let names: Vec<String> = SEEDS
        .iter()
        .map(|s| s.to_string())
        .chain(
            std::fs::read_dir(format!("{}/tests/fixtures/reports/dev", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
                .map(|e| format!("dev/{}", e.unwrap().file_name().to_string_lossy()))
                .filter(|n| n.ends_with(".txt")),
        )
        .collect();
    let mut failures = Vec::new();
    let (mut reports, mut exact, mut total) = (0, 0, 0);
    for name in &names {
        let text = fixture(name);
        if !text.contains('\t') {
            continue;
        }
        reports += 1;
        let want = check(&text);
        let want_cells = cells(&want);
        for habit in HABITS {
            let md = convert(&text, habit);
            let r = check(&md);
            let got = cells(&r);
            for (k, w) in &want_cells {
                let Some(w) = w else {
                    // a figure where the report has none (a row it leaves out, a cell left empty)
                    if let Some(g) = got.get(k).copied().flatten() {
                        failures.push(format!("{name} {habit:?} {k:?}: read {g}, the report has none"));
                    }
                    continue;
                };
                total += 1;
                match got.get(k).copied().flatten() {
                    Some(g) if g == *w => exact += 1,
                    Some(g) => failures.push(format!("{name} {habit:?} {k:?}: read {g}, the report says {w}")),
                    None if with_code(&r, "S004").is_empty() => failures.push(format!("{name} {habit:?} {k:?}: unread without S004")),
                    None => {}
                }
            }
            let rep = r.report.as_ref().unwrap();
            let want_rep = want.report.as_ref().unwrap();
            if (rep.agency.as_deref(), rep.year) != (want_rep.agency.as_deref(), want_rep.year) {
                failures.push(format!("{name} {habit:?}: title read as {:?} {:?}", rep.agency, rep.year));
            }
            for code in codes(&r) {
                if code != "S004" && codes(&r).iter().filter(|c| **c == code).count() > codes(&want).iter().filter(|c| **c == code).count()
                {
                    failures.push(format!("{name} {habit:?}: {code} not raised on the tab-separated text"));
                }
            }
        }
    }
    println!(
        "converter Markdown: {exact} of {total} cells read exactly over {reports} reports × {} habits",
        HABITS.len()
    );
    assert!(reports >= 5, "{reports} reports with tab-separated tables");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every habit above keeps each row's cells together: all are read.
    assert_eq!(exact, total);
}
