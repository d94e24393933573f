//! The benchmark: `cargo run --release --bin nianbao-bench [-- REPORTS_DIR]`
//! (or `scripts/bench.sh`). Prints figures only; it asserts nothing.
//!
//! For every report in ../shared/reports (or REPORTS_DIR), a 1 MB and a 10 MB
//! synthetic report of each shape (long prose; many tables), and the
//! adversarial inputs of issue 6, it prints:
//!
//! - the native check time and its ratio to one plain pass over the same text
//!   (`text.chars().count()`: the cost of reading the input once);
//! - throughput in MB/s;
//! - when a wasm build exists (pkg/ or dist/, see scripts/build-wasm.sh), the
//!   check time in WebAssembly under Node and its ratio to native, and the
//!   wasm's size raw and gzipped, and the single-file edition's size.
//!
//! Every ratio is measured in this one run. Times are the fastest of several
//! rounds (the machine is shared; the minimum is the least disturbed figure).
//!
//! It also times the search for the wrong cell (L001, issue 11) per table:
//! one cell changed, two, every relation failing.
//!
//! Options: `--quick` (shorter rounds, no stage breakdown), `--no-adversarial`,
//! `--locate` (only the L001 figures),
//! `--only TEXT` (inputs whose name contains TEXT), `--write DIR` (save the
//! synthetic and adversarial inputs as files and stop), `--profile FILE N`
//! (check FILE N times and print nothing: for callgrind or perf).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One input to measure.
struct Input {
    name: String,
    text: String,
}

/// The fastest time of `f` per call, over rounds of at least `budget` / 5 each.
fn time<R>(budget: Duration, mut f: impl FnMut() -> R) -> Duration {
    // One call to learn the cost and warm up.
    let t = Instant::now();
    black_box(f());
    let once = t.elapsed().max(Duration::from_nanos(50));
    let round = budget / 5;
    let per_round = ((round.as_nanos() / once.as_nanos()) as u32).clamp(1, 1_000_000);
    let rounds = if once > budget { 1 } else { 5 };
    let mut best = once;
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..per_round {
            black_box(f());
        }
        best = best.min(t.elapsed() / per_round);
    }
    best
}

/// One plain pass over the text: count its characters.
fn plain_pass(text: &str) -> usize {
    black_box(text).chars().count()
}

/// A pass that decodes and looks at every character (std's `count` above
/// only counts the bytes that start a character, many at a time).
fn visit_pass(text: &str) -> u32 {
    black_box(text).chars().fold(0u32, |a, c| a.rotate_left(1) ^ black_box(c) as u32)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Every file under `dir` (recursively, in name order) with one of `exts`.
fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, exts, out);
        } else if p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

/// Every report under `dir`: text files and saved web pages (read as the
/// checker reads them), named by their path under `dir`; the same text
/// twice (a copy) only once.
fn reports(dir: &Path, seen: &mut std::collections::HashSet<String>) -> Vec<Input> {
    let mut files = Vec::new();
    walk(dir, &["txt", "html", "htm"], &mut files);
    files
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let name = p.strip_prefix(dir).unwrap_or(&p).to_string_lossy().into_owned();
            let text = if p.extension().is_some_and(|x| x == "txt") {
                nianbao::decode(&bytes).ok()?
            } else {
                nianbao::convert::to_text(&name, &bytes).ok()?
            };
            // Not a report: README files, notes.
            if !text.contains("政府信息公开") || !seen.insert(text.clone()) {
                return None;
            }
            Some(Input { name, text })
        })
        .collect()
}

/// A report whose section 一 is its own prose repeated until the whole text
/// is about `size` bytes.
fn long_prose(seed: &str, size: usize) -> String {
    let a = seed.find("一、总体情况").unwrap_or(0);
    let b = seed.find("二、主动公开").unwrap_or(seed.len());
    let head_end = seed[a..].find('\n').map_or(a, |p| a + p + 1);
    let prose = &seed[head_end..b];
    let mut out = String::with_capacity(size + seed.len());
    out.push_str(&seed[..head_end]);
    while out.len() + (seed.len() - b) < size && !prose.is_empty() {
        out.push_str(prose);
    }
    out.push_str(&seed[b..]);
    out
}

/// The whole report repeated until about `size` bytes: many tables, and every
/// heading repeated (each repeat is an S002 finding).
fn many_tables(seed: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + seed.len());
    while out.len() < size {
        out.push_str(seed);
        out.push('\n');
    }
    out
}

/// The adversarial inputs of issue 6.
fn adversarial(seed: &str) -> Vec<Input> {
    let ten_mb = 10 * 1024 * 1024;
    let one_line = {
        let line: String = seed.lines().collect::<Vec<_>>().join(" ");
        let mut s = String::with_capacity(ten_mb + line.len());
        while s.len() < ten_mb {
            s.push_str(&line);
            s.push(' ');
        }
        s
    };
    let short_lines = "1\n".repeat(1_000_000);
    let headings = "一、总体\n".repeat(1_000_000);
    let long_table = {
        let a = seed.find("三、收到和处理").unwrap_or(0);
        let mut s = seed[..a].to_string();
        s.push_str("三、收到和处理政府信息公开申请情况\n");
        for i in 0..10_000 {
            s.push_str(&format!("（一）予以公开\t{i}\t0\t0\t0\t0\t0\t{i}\n"));
        }
        s.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        s
    };
    let one_line_of_headings = "一、总体情况二、主动公开".repeat(ten_mb / 36);
    let digits_one_line = "1 ".repeat(ten_mb / 2);
    let table_of_numbers = {
        let mut s = String::from("某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n");
        s.push_str(&"0 ".repeat(ten_mb / 2));
        s
    };
    vec![
        Input {
            name: "adv: 10 MB one line (prose)".into(),
            text: one_line,
        },
        Input {
            name: "adv: 10 MB one line of headings".into(),
            text: one_line_of_headings,
        },
        Input {
            name: "adv: a million short lines".into(),
            text: short_lines,
        },
        Input {
            name: "adv: a million section headings".into(),
            text: headings,
        },
        Input {
            name: "adv: table of 10,000 rows".into(),
            text: long_table,
        },
        Input {
            name: "adv: 10 MB of figures, one line".into(),
            text: digits_one_line,
        },
        Input {
            name: "adv: 10 MB of figures in table 三".into(),
            text: table_of_numbers,
        },
        Input {
            name: "adv: over the limit (16 MB + 1)".into(),
            text: "字".repeat(nianbao::MAX_INPUT_BYTES / 3 + 1),
        },
    ]
}

struct Row {
    name: String,
    bytes: usize,
    native: Duration,
    plain: Duration,
    visit: Duration,
    status: String,
    findings: usize,
}

fn measure(inp: &Input, budget: Duration) -> Row {
    let native = time(budget, || nianbao::check(&inp.text));
    let plain = time(budget / 4, || plain_pass(&inp.text));
    let visit = time(budget / 4, || visit_pass(&inp.text));
    let r = nianbao::check(&inp.text);
    Row {
        name: inp.name.clone(),
        bytes: inp.text.len(),
        native,
        plain,
        visit,
        status: format!("{:?}", r.status),
        findings: r.findings.len(),
    }
}

/// Where the time goes, stage by stage (nianbao::stages).
fn stages(text: &str, budget: Duration) -> String {
    let mut timer = |f: &mut dyn FnMut()| time(budget, f);
    let parts = nianbao::stages::stage_times(text, &mut timer);
    let total: Duration = parts.iter().map(|p| p.1).sum();
    let mut out = String::new();
    for (name, d) in &parts {
        out.push_str(&format!(
            "{name} {:.3} ms ({:.0}%), ",
            ms(*d),
            100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-12)
        ));
    }
    out.push_str(&format!("together {:.3} ms", ms(total)));
    out
}

/// Each wasm module's gzip budget (bytes) from wasm-pack.toml: (out_name, gzip_budget).
fn gzip_budgets(toml: &Path) -> Vec<(String, u64)> {
    let text = std::fs::read_to_string(toml).unwrap_or_default();
    let mut out = Vec::new();
    let mut name = String::new();
    for line in text.lines() {
        let value = |key: &str| {
            line.strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix('='))
                .map(|v| v.split('#').next().unwrap_or("").trim().trim_matches('"').to_string())
        };
        if let Some(v) = value("out_name") {
            name = v;
        } else if let Some(b) = value("gzip_budget").and_then(|v| v.parse().ok()) {
            out.push((name.clone(), b));
        }
    }
    out
}

fn find_wasm(root: &Path) -> Option<PathBuf> {
    for dir in ["dist/pkg", "pkg", "dist", "www/pkg"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut found: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
            .collect();
        found.sort();
        if let Some(p) = found.into_iter().next() {
            return Some(p);
        }
    }
    None
}

fn gzip_size(path: &Path) -> Option<usize> {
    let out = std::process::Command::new("gzip").args(["-9", "-c"]).arg(path).output().ok()?;
    out.status.success().then_some(out.stdout.len())
}

/// The single-file edition (one HTML with the wasm inlined), if built: an
/// HTML file under dist*/ whose name says "single", or one too large to be a
/// page that loads its wasm separately.
fn single_file(root: &Path) -> Option<PathBuf> {
    let mut found: Vec<(u64, PathBuf)> = Vec::new();
    let Ok(rd) = std::fs::read_dir(root) else { return None };
    for d in rd.flatten().filter(|e| e.file_name().to_string_lossy().starts_with("dist")) {
        let Ok(inner) = std::fs::read_dir(d.path()) else { continue };
        for e in inner.flatten() {
            let p = e.path();
            let len = e.metadata().map(|m| m.len()).unwrap_or(0);
            let name = p.file_name().unwrap_or_default().to_string_lossy().to_lowercase();
            if p.extension().is_some_and(|x| x == "html") && (name.contains("single") || len > 100_000) {
                found.push((len, p));
            }
        }
    }
    found.sort();
    found.pop().map(|(_, p)| p)
}

/// The JavaScript glue next to the wasm (wasm-bindgen's output: `nianbao.js`
/// beside `nianbao_bg.wasm`, any target).
fn node_glue(wasm: &Path) -> Option<PathBuf> {
    let dir = wasm.parent()?;
    let stem = wasm.file_stem()?.to_string_lossy().trim_end_matches("_bg").to_string();
    [
        dir.join(format!("{stem}.js")),
        dir.join(format!("{stem}.mjs")),
        dir.join(format!("{stem}.cjs")),
    ]
    .into_iter()
    .find(|p| p.exists())
}

/// Loads the glue as an ES module (copied as .mjs; `--target web` glue is
/// ESM), instantiates the wasm from its bytes, and times `check` as the page
/// calls it: the result converted to JavaScript objects included.
const NODE_HARNESS: &str = r#"
import fs from 'fs';
const [glue, wasm, list] = process.argv.slice(2);
let mod;
try {
  mod = await import(glue);
  const bytes = fs.readFileSync(wasm);
  if (typeof mod.initSync === 'function') mod.initSync({ module: bytes });
  else if (typeof mod.default === 'function') await mod.default({ module_or_path: bytes });
} catch (e) { console.log(JSON.stringify({ error: String(e) })); process.exit(0); }
const fn = mod.check || mod.check_text || mod.checkText;
if (typeof fn !== 'function') { console.log(JSON.stringify({ error: 'no check export: ' + Object.keys(mod).join(',') })); process.exit(0); }
const out = {};
for (const line of fs.readFileSync(list, 'utf8').split('\n').filter(Boolean)) {
  const [name, path, budgetMs] = line.split('\t');
  const text = fs.readFileSync(path, 'utf8');
  fn(text);
  let once = process.hrtime.bigint(); fn(text); once = Number(process.hrtime.bigint() - once) / 1e6;
  const per = Math.max(1, Math.floor(Number(budgetMs) / 5 / Math.max(once, 0.001)));
  let best = once;
  for (let r = 0; r < (once > Number(budgetMs) ? 1 : 5); r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < per; i++) fn(text);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6 / per);
  }
  out[name] = best;
}
console.log(JSON.stringify(out));
"#;

/// Wasm times (ms) by input name, measured under Node.
fn wasm_times(glue: &Path, wasm: &Path, inputs: &[&Input], budget: Duration) -> Result<std::collections::HashMap<String, f64>, String> {
    let dir = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut list = String::new();
    for (i, inp) in inputs.iter().enumerate() {
        let p = dir.join(format!("{i}.txt"));
        std::fs::write(&p, &inp.text).map_err(|e| e.to_string())?;
        list.push_str(&format!("{}\t{}\t{}\n", inp.name, p.display(), budget.as_millis()));
    }
    std::fs::write(dir.join("list.tsv"), list).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("harness.mjs"), NODE_HARNESS).map_err(|e| e.to_string())?;
    std::fs::copy(glue, dir.join("glue.mjs")).map_err(|e| e.to_string())?;
    let out = std::process::Command::new("node")
        .arg("--max-old-space-size=4096")
        .arg(dir.join("harness.mjs"))
        .arg(dir.join("glue.mjs"))
        .arg(std::fs::canonicalize(wasm).map_err(|e| e.to_string())?)
        .arg(dir.join("list.tsv"))
        .output()
        .map_err(|e| format!("node: {e}"))?;
    let _ = std::fs::remove_dir_all(&dir);
    let s = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(s.trim()).map_err(|e| format!("{e}: {s} {}", String::from_utf8_lossy(&out.stderr)))?;
    if let Some(e) = v.get("error") {
        return Err(e.to_string());
    }
    Ok(v.as_object()
        .map(|o| o.iter().filter_map(|(k, v)| Some((k.clone(), v.as_f64()?))).collect())
        .unwrap_or_default())
}

/// A copy of `t` with cell (r, c) set to `v`.
fn with_cell(t: &nianbao::Table, r: usize, c: usize, v: u64) -> nianbao::Table {
    let mut t = t.clone();
    if let Some(cell) = t.cells.get_mut(r).and_then(|row| row.get_mut(c)) {
        cell.value = nianbao::Value::Count(v);
    }
    t
}

/// Issue 11: the time of the search for the wrong cell (L001) per table —
/// one cell changed (found among single cells), two changed (the pair
/// search), every relation failing (the cap) — and of a whole check with
/// and without a changed figure (the L001 finding with its prose ranking).
fn locate_figures(seed: &str, budget: Duration) {
    use nianbao::rules::locate::locate_up_to;
    let doc = nianbao::parse(seed);
    println!("\nwhich cell is wrong (L001, issue 11), on the 001 seed's tables:");
    println!("  {:<54} {:>10} {:>8}", "case", "µs/table", "found");
    let count = |t: &nianbao::Table, r: usize, c: usize| t.cell(r, c).and_then(|x| x.value.count()).unwrap_or(0);
    for t in doc.tables.all().filter(|t| !t.def.relations.is_empty()) {
        let id = t.def.id;
        let rows = t.cells.len();
        let last = rows.saturating_sub(1);
        let width = t.cells.first().map_or(0, Vec::len);
        if width == 0 {
            continue;
        }
        // The last cell that takes part in a relation (table 二's fee row takes none).
        let insts = nianbao::all_instances(t.def);
        let (lr, lc) = (0..rows)
            .flat_map(|r| (0..t.cells[r].len()).map(move |c| (r, c)))
            .rfind(|&(r, c)| insts.iter().any(|i| i.weight(r, c) != 0.0))
            .unwrap_or((last, width - 1));
        let mut cases: Vec<(String, nianbao::Table, usize)> = vec![
            ("relations hold".into(), t.clone(), 2),
            ("one cell changed, search 1".into(), with_cell(t, 0, 0, count(t, 0, 0) + 1), 1),
            ("one cell changed, search 1 and 2".into(), with_cell(t, 0, 0, count(t, 0, 0) + 1), 2),
            (
                "two cells changed, search 1 and 2".into(),
                with_cell(&with_cell(t, 0, 0, count(t, 0, 0) + 1), lr, lc, count(t, lr, lc) + 2),
                2,
            ),
        ];
        let mut all = t.clone();
        for (r, row) in all.cells.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                cell.value = nianbao::Value::Count(((r * 7 + c * 3 + 1) % 11) as u64);
            }
        }
        cases.push(("every cell scrambled (all relations fail)".into(), all, 2));
        for (name, m, size) in &cases {
            let d = time(budget / 4, || locate_up_to(black_box(m), *size));
            let found = locate_up_to(m, *size).map_or("-".to_string(), |l| {
                format!("{}×{}{}", l.explanations.len(), l.size(), if l.capped { " capped" } else { "" })
            });
            println!("  table {id}: {:<45} {:>10.1} {:>8}", name, d.as_secs_f64() * 1e6, found);
        }
    }
    // Every third pair of cells of table 三 changed (+1, +2): the slowest search.
    if let Some(t) = doc.tables.applications.as_ref() {
        let cells: Vec<(usize, usize)> = (0..t.cells.len())
            .flat_map(|r| (0..t.cells[r].len()).map(move |c| (r, c)))
            .collect();
        let (mut n, mut total, mut worst) = (0usize, Duration::ZERO, (Duration::ZERO, 0usize, t.clone()));
        for (a, &(r1, c1)) in cells.iter().enumerate() {
            for &(r2, c2) in cells[a + 1..].iter().step_by(3) {
                let m = with_cell(&with_cell(t, r1, c1, count(t, r1, c1) + 1), r2, c2, count(t, r2, c2) + 2);
                let start = Instant::now();
                let found = black_box(locate_up_to(black_box(&m), 2)).map_or(0, |l| l.explanations.len());
                let d = start.elapsed();
                n += 1;
                total += d;
                if d > worst.0 {
                    worst = (d, found, m);
                }
            }
        }
        // The slowest timed again (a single call can be preempted on a shared machine).
        let again = time(budget / 4, || locate_up_to(black_box(&worst.2), 2));
        println!(
            "  table B: {n} two-cell mutants (every third pair): mean {:.1} µs; slowest {:.1} µs once, {:.1} µs timed again ({} explanations)",
            total.as_secs_f64() * 1e6 / n.max(1) as f64,
            worst.0.as_secs_f64() * 1e6,
            again.as_secs_f64() * 1e6,
            worst.1
        );
    }
    // A whole check, clean and with one figure of table 三 changed.
    if let Some(span) = doc.tables.applications.as_ref().and_then(|t| t.cell(2, 0)).and_then(|c| c.span) {
        let v: u64 = seed[span.start..span.end].parse().unwrap_or(0);
        let changed = format!("{}{}{}", &seed[..span.start], v + 1, &seed[span.end..]);
        let clean = time(budget, || nianbao::check(black_box(seed)));
        let wrong = time(budget, || nianbao::check(black_box(&changed)));
        println!(
            "  whole check of the seed: {:.3} ms clean, {:.3} ms with one figure of table 三 changed (L001 with its prose ranking)",
            ms(clean),
            ms(wrong)
        );
    }
}

/// The PDF path (issue 10) per PDF of tests/fixtures/pdf and its folders (grid/: narrow labels;
/// real/: published WPS PDFs): the native reader, the geometry (items and paths → text and map;
/// and without the paths, the tables from the lines alone) and the check with its places, apart.
#[cfg(feature = "pdf")]
fn pdf_times(root: &Path, budget: Duration) {
    let mut files: Vec<PathBuf> = Vec::new();
    walk(&root.join("tests/fixtures/pdf"), &["pdf"], &mut files);
    files.sort();
    println!(
        "\nPDF (tests/fixtures/pdf): native reader (pdf_oxide), geometry (with the drawn grid; from the lines alone), check — ms per PDF"
    );
    println!(
        "  {:<36} {:>8} {:>8} {:>8} {:>9} {:>8} {:>7} {:>6}",
        "file", "read", "geometry", "no grid", "check", "total", "items", "paths"
    );
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        let name = f
            .strip_prefix(root.join("tests/fixtures/pdf"))
            .unwrap_or(&f)
            .to_string_lossy()
            .into_owned();
        let Ok((items, pages, paths)) = nianbao::pdf::read::items(&bytes) else {
            println!(
                "  {name:<36} not read: {}",
                nianbao::pdf::check_bytes(&bytes).err().map(|p| p.code()).unwrap_or("?")
            );
            continue;
        };
        let layout = match nianbao::pdf::layout(&items, &pages, &paths) {
            Ok(l) => l,
            Err(p) => {
                println!("  {name:<36} no text: {}", p.code());
                continue;
            }
        };
        let read = time(budget, || nianbao::pdf::read::items(&bytes));
        let geometry = time(budget, || nianbao::pdf::layout(&items, &pages, &paths));
        let lines_alone = time(budget, || nianbao::pdf::layout(&items, &pages, &[]));
        let check = time(budget, || {
            let mut r = nianbao::check(&layout.text);
            nianbao::pdf::locate(&mut r, &layout);
            r
        });
        println!(
            "  {name:<36} {:>8.2} {:>8.2} {:>8.2} {:>9.2} {:>8.2} {:>7} {:>6}",
            ms(read),
            ms(geometry),
            ms(lines_alone),
            ms(check),
            ms(read + geometry + check),
            items.len(),
            paths.len()
        );
    }
    for pages in [20, 200] {
        pdf_lattice(pages, budget);
    }
}

/// The PDF geometry on a large drawing: `pages` pages each ruled as a lattice of 499 + 499 rules
/// (a drawing, not a table, at the bounds grid.rs sets) with forty lines of figures under it —
/// the work per page must stay bounded, and the lines alone linear in the pages.
#[cfg(feature = "pdf")]
fn pdf_lattice(pages: u32, budget: Duration) {
    use nianbao::pdf::{Item, PageSize, Path};
    let sizes: Vec<PageSize> = (0..pages)
        .map(|_| PageSize {
            width: 600.0,
            height: 800.0,
        })
        .collect();
    let (mut paths, mut items) = (Vec::new(), Vec::new());
    for page in 1..=pages {
        for k in 0..499 {
            let v = 1.0 + k as f64 * 1.2;
            let rule = |x0, y0, x1, y1| Path {
                page,
                x0,
                y0,
                x1,
                y1,
                width: 0.5,
                fill: false,
            };
            paths.push(rule(v, 0.0, v, 800.0));
            paths.push(rule(0.0, v, 600.0, v));
        }
        for r in 0..40 {
            let y = 100.0 + 15.0 * r as f64;
            for (text, x) in [("行政处罚", 50.0), ("12", 150.0), ("3", 250.0)] {
                let width = 10.0 * text.chars().count() as f64;
                items.push(Item {
                    text: text.into(),
                    x,
                    y,
                    width,
                    height: 10.0,
                    page,
                });
            }
        }
    }
    let with = time(budget, || nianbao::pdf::layout(&items, &sizes, &paths));
    let alone = time(budget, || nianbao::pdf::layout(&items, &sizes, &[]));
    println!(
        "  {pages} pages ruled as a lattice (998 rules a page), 40 lines of figures each: geometry {:.1} ms with the rules, {:.1} ms from the lines alone",
        ms(with),
        ms(alone)
    );
}

#[cfg(not(feature = "pdf"))]
fn pdf_times(_root: &Path, _budget: Duration) {
    println!("\nPDF: built without the `pdf` feature (no native reader)");
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--profile FILE N`: check FILE N times and nothing else (for callgrind / perf).
    if args.first().map(String::as_str) == Some("--profile") {
        let text = std::fs::read_to_string(args.get(1).expect("--profile FILE N")).expect("readable UTF-8 file");
        let n: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
        for _ in 0..n {
            black_box(nianbao::check(black_box(&text)));
        }
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let no_adv = args.iter().any(|a| a == "--no-adversarial");
    let given = args
        .iter()
        .enumerate()
        .find(|(k, a)| !a.starts_with("--") && (*k == 0 || !matches!(args[k - 1].as_str(), "--only" | "--write")))
        .map(|(_, a)| PathBuf::from(a));
    let dir = given.clone().unwrap_or_else(|| root.join("../shared/reports"));
    let budget = Duration::from_millis(if quick { 200 } else { 1000 });

    let mut seen = std::collections::HashSet::new();
    let mut inputs = reports(&dir, &mut seen);
    // With no folder given, also the real reports of the tests in their other shapes (PDF
    // text with and without layout, …), each timed briefly and summed up in a few lines.
    let fixtures: Vec<Input> = if given.is_none() {
        ["tests/fixtures/shapes", "tests/fixtures/continuity", "tests/fixtures/reports"]
            .iter()
            .flat_map(|d| reports(&root.join(d), &mut seen))
            .collect()
    } else {
        Vec::new()
    };
    let seed = inputs
        .iter()
        .find(|i| i.name.contains("001_"))
        .or(inputs.first())
        .map(|i| i.text.clone())
        .unwrap_or_else(|| "某某局2023年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n".to_string());
    let mb1 = 1024 * 1024;
    inputs.push(Input {
        name: "synthetic 1 MB prose".into(),
        text: long_prose(&seed, mb1),
    });
    inputs.push(Input {
        name: "synthetic 1 MB tables".into(),
        text: many_tables(&seed, mb1),
    });
    inputs.push(Input {
        name: "synthetic 10 MB prose".into(),
        text: long_prose(&seed, 10 * mb1),
    });
    inputs.push(Input {
        name: "synthetic 10 MB tables".into(),
        text: many_tables(&seed, 10 * mb1),
    });
    if !no_adv {
        inputs.extend(adversarial(&seed));
    }
    // `--write DIR`: save the synthetic and adversarial inputs as files (for
    // callgrind: scripts/bench.sh --instructions) and stop.
    if let Some(k) = args.iter().position(|a| a == "--write") {
        let out = PathBuf::from(args.get(k + 1).expect("--write DIR"));
        std::fs::create_dir_all(&out).expect("create DIR");
        for i in inputs
            .iter()
            .filter(|i| i.name.starts_with("synthetic") || i.name.starts_with("adv:"))
        {
            let name: String = i.name.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
            std::fs::write(out.join(format!("{name}.txt")), &i.text).expect("write");
        }
        return;
    }
    // `--only TEXT`: just the inputs whose name contains TEXT.
    if let Some(k) = args.iter().position(|a| a == "--only") {
        let want = args.get(k + 1).cloned().unwrap_or_default();
        inputs.retain(|i| i.name.contains(&want));
    }
    let n_main = inputs.iter().position(|i| i.name.starts_with("adv:")).unwrap_or(inputs.len());

    let profile = if cfg!(debug_assertions) {
        "debug (figures meaningless: use --release)"
    } else if cfg!(panic = "abort") {
        "release (opt-level z, as the wasm is built)"
    } else {
        "bench-native (opt-level 3)"
    };
    println!("nianbao-bench — profile: {profile}; reports: {}", dir.display());
    println!("plain pass = text.chars().count(); ratio = native / plain pass; ÷visit = native / a pass decoding every char");
    println!("times are the fastest of 5 rounds (the machine is shared); wasm times include the result's conversion to JS objects\n");

    if args.iter().any(|a| a == "--locate") {
        locate_figures(&seed, budget);
        return;
    }
    let rows: Vec<Row> = inputs.iter().map(|i| measure(i, budget)).collect();

    // WebAssembly, when built.
    let wasm = find_wasm(&root);
    let mut wasm_ms = std::collections::HashMap::new();
    let mut wasm_note = String::new();
    match wasm.as_deref().and_then(node_glue) {
        Some(glue) => {
            let list: Vec<&Input> = inputs[..n_main].iter().collect();
            match wasm_times(&glue, wasm.as_deref().unwrap_or(&glue), &list, budget) {
                Ok(m) => wasm_ms = m,
                Err(e) => wasm_note = format!("wasm under Node failed: {e}"),
            }
        }
        None if wasm.is_some() => wasm_note = "wasm found but no wasm-bindgen glue (.js) next to it".into(),
        None => wasm_note = "no wasm build found (pkg/ or dist/): run scripts/build-wasm.sh".into(),
    }

    println!(
        "{:<40} {:>9} {:>10} {:>9} {:>7} {:>7} {:>8} {:>10} {:>6}  result",
        "input", "size MB", "native ms", "plain ms", "ratio", "÷visit", "MB/s", "wasm ms", "w/n"
    );
    for (k, r) in rows.iter().enumerate() {
        if k == n_main {
            println!("-- adversarial (issue 6) --");
        }
        let ratio = r.native.as_secs_f64() / r.plain.as_secs_f64().max(1e-12);
        let mbs = mb(r.bytes) / r.native.as_secs_f64().max(1e-12);
        let (w, wn) = match wasm_ms.get(&r.name) {
            Some(&w) => (format!("{w:.3}"), format!("{:.2}", w / ms(r.native))),
            None => ("-".into(), "-".into()),
        };
        println!(
            "{:<40} {:>9.3} {:>10.3} {:>9.4} {:>7.0} {:>7.1} {:>8.1} {:>10} {:>6}  {} ({} findings)",
            r.name,
            mb(r.bytes),
            ms(r.native),
            ms(r.plain),
            ratio,
            r.native.as_secs_f64() / r.visit.as_secs_f64().max(1e-12),
            mbs,
            w,
            wn,
            r.status,
            r.findings
        );
    }
    let real: Vec<&Row> = rows[..n_main].iter().filter(|r| !r.name.starts_with("synthetic")).collect();
    if !real.is_empty() {
        let total: f64 = real.iter().map(|r| r.native.as_secs_f64()).sum();
        let plain: f64 = real.iter().map(|r| r.plain.as_secs_f64()).sum();
        let bytes: usize = real.iter().map(|r| r.bytes).sum();
        println!(
            "\nreal reports together: {:.3} ms native, ratio {:.1} to one plain pass, {:.1} MB/s",
            total * 1e3,
            total / plain,
            mb(bytes) / total
        );
    }
    let visit = |r: &Row| r.native.as_secs_f64() / r.visit.as_secs_f64().max(1e-12);
    let slowest = real.iter().copied().max_by(|a, b| a.native.cmp(&b.native));
    let widest = real.iter().copied().max_by(|a, b| visit(a).total_cmp(&visit(b)));
    if let (Some(s), Some(w)) = (slowest, widest) {
        println!(
            "slowest real report: {:.3} ms ({}; goal ≤ 2 ms); largest ÷visit: {:.1} ({}; goal ≤ 60)",
            ms(s.native),
            s.name,
            visit(w),
            w.name
        );
    }
    if !fixtures.is_empty() {
        let fx: Vec<Row> = fixtures.iter().map(|i| measure(i, budget / 10)).collect();
        let worst = fx.iter().max_by(|a, b| a.native.cmp(&b.native));
        let widest = fx.iter().max_by(|a, b| visit(a).total_cmp(&visit(b)));
        let mut sorted: Vec<f64> = fx.iter().map(|r| ms(r.native)).collect();
        sorted.sort_by(f64::total_cmp);
        if let (Some(w), Some(v)) = (worst, widest) {
            println!(
                "{} more texts of the tests' reports (tests/fixtures: PDF shapes, continuity; copies left out): median {:.3} ms, slowest {:.3} ms ({}), largest ÷visit {:.1} ({})",
                fx.len(),
                sorted[sorted.len() / 2],
                ms(w.native),
                w.name,
                visit(v),
                v.name
            );
        }
    }
    if let Some(s) = slowest {
        let text = &inputs.iter().find(|i| i.name == s.name).map(|i| i.text.as_str()).unwrap_or("");
        println!("\nthe slowest real report by stage ({}):\n  {}", s.name, stages(text, budget / 4));
    }

    locate_figures(&seed, budget);
    if !quick {
        println!("\nwhere the time goes:");
        for r in inputs[..n_main].iter().filter(|i| i.name.starts_with("synthetic")) {
            println!("  {:<30} {}", r.name, stages(&r.text, Duration::from_millis(300)));
        }
    }

    println!();
    if !wasm_note.is_empty() {
        println!("{wasm_note}");
    }
    if let Some(w) = &wasm {
        // Every .wasm beside the one timed (the page may load a second module,
        // e.g. the file converter, only when a file is dropped).
        let mut all: Vec<PathBuf> = std::fs::read_dir(w.parent().unwrap_or(&root))
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
                    .collect()
            })
            .unwrap_or_default();
        all.sort();
        let budgets = gzip_budgets(&root.join("wasm-pack.toml"));
        for p in &all {
            let raw = std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0);
            let gz = gzip_size(p).unwrap_or(0);
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().trim_end_matches("_bg").to_string())
                .unwrap_or_default();
            let budget = budgets.iter().find(|(name, _)| *name == stem).map_or(String::new(), |(_, b)| {
                format!("; budget {:.1} KB in wasm-pack.toml", *b as f64 / 1024.0)
            });
            println!(
                "wasm {}: {:.1} KB raw, {:.1} KB gzipped (gzip -9{budget}){}",
                p.strip_prefix(&root).unwrap_or(p).display(),
                raw as f64 / 1024.0,
                gz as f64 / 1024.0,
                if p == w { "  ← timed above" } else { "" }
            );
        }
        if !wasm_ms.is_empty() {
            let (mut n, mut t) = (0.0, 0.0);
            for r in &rows[..n_main] {
                if let Some(&w) = wasm_ms.get(&r.name) {
                    n += ms(r.native);
                    t += w;
                }
            }
            println!("wasm / native over all inputs: {:.2} (goal ≤ 2)", t / n);
            // per report of ../shared/reports (the first row timed is left out: it pays for the
            // module's first calls)
            let mut per: Vec<f64> = rows[..n_main]
                .iter()
                .skip(1)
                .filter(|r| !r.name.starts_with("synthetic"))
                .filter_map(|r| wasm_ms.get(&r.name).map(|&w| w / ms(r.native)))
                .collect();
            per.sort_by(f64::total_cmp);
            if let (Some(first), Some(last)) = (per.first(), per.last()) {
                println!(
                    "wasm / native per real report: {:.2} to {:.2}, median {:.2} (the result's conversion to JS objects included)",
                    first,
                    last,
                    per[per.len() / 2]
                );
            }
        }
    }
    pdf_times(&root, budget);
    match single_file(&root) {
        Some(p) => {
            let raw = std::fs::metadata(&p).map(|m| m.len() as usize).unwrap_or(0);
            let gz = gzip_size(&p).unwrap_or(0);
            println!(
                "single-file edition {}: {:.1} KB raw, {:.1} KB gzipped",
                p.strip_prefix(&root).unwrap_or(&p).display(),
                raw as f64 / 1024.0,
                gz as f64 / 1024.0
            );
        }
        None => println!("no single-file edition found (dist*/…single….html, or an HTML over 100 KB)"),
    }
    println!(
        "\ninput limit: {} bytes of UTF-8 (MAX_INPUT_BYTES); larger input is refused with Status::TooLarge",
        nianbao::MAX_INPUT_BYTES
    );
}
