//! The source reads as the pipeline, top to bottom: each module of `src/` uses only modules of
//! the layers below its own (docs/architecture.md). A `use crate::` of a higher or equal layer,
//! or a cycle between the files of one folder, fails here, naming the file and the line, before
//! it tangles the next feature.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use those of lower layers only.
const LAYERS: &[&[&str]] = &[
    // Shared leaves: no module of the crate below them.
    &[
        "lang", "label", "money", "date", "guard", "location", "file",
    ],
    // The words the tool writes, in both languages.
    &["glossary", "chart"],
    &["error"],
    &["read"],
    &["reconcile"],
    &["check"],
    // The indicator system as data, holding each stage's settings.
    &["rules"],
    &["measure"],
    &["score"],
    // The files a fund is evaluated from, then the pipeline as one call.
    &["sources"],
    &["evaluate"],
    &["render", "rules_file"],
    &["config", "template"],
    &["batch"],
    &["cli"],
    &["run"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The file's lines less its tests: a `#[cfg(test)]` item (a test module, a test helper) may
/// use whatever it tests with.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut skipping = false;
    let mut depth = 0i32;
    let mut opened = false;
    for (n, line) in text.lines().enumerate() {
        if !skipping && line.trim() == "#[cfg(test)]" {
            (skipping, depth, opened) = (true, 0, false);
            continue;
        }
        if skipping {
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            opened |= line.contains('{');
            // An item without a body (`mod tests;`) ends at its semicolon.
            if (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';')) {
                skipping = false;
            }
            continue;
        }
        let code = line.split("//").next().unwrap_or_default();
        out.push((n + 1, code));
    }
    out
}

/// The modules a line names after `prefix` (`crate::`), including those of a `use crate::{a, b}`.
fn named_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find(prefix) {
        rest = &rest[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            out.extend(inner.split(',').map(|p| {
                p.trim()
                    .split("::")
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(';')
            }));
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            out.push(&rest[..end]);
        }
    }
    out.retain(|m| !m.is_empty() && *m != "self");
    out
}

/// (top module, file within it) of a path under `src/`: `src/check/late.rs` → (check, late).
fn module_of(src: &Path, path: &Path) -> (String, String) {
    let rel = path.strip_prefix(src).unwrap();
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    let top = parts[0].clone();
    let file = parts.get(1).cloned().unwrap_or_else(|| "mod".into());
    (top, file)
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for path in sources(&src) {
        let (top, _) = module_of(&src, &path);
        if matches!(top.as_str(), "lib" | "main") {
            continue;
        }
        seen.insert(top.clone());
        let Some(own) = layer(&top) else {
            wrong.push(format!(
                "{}: module {top} is in no layer of tests/integration/architecture.rs; add it \
                 where it belongs in the pipeline",
                path.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in code_lines(&text) {
            for used in named_after(line, "crate::") {
                if used == top {
                    continue;
                }
                match layer(used) {
                    Some(l) if l < own => {}
                    _ => wrong.push(format!(
                        "{}:{n}: {top} uses crate::{used}, which is not below it: {}",
                        path.strip_prefix(&src).unwrap().display(),
                        line.trim()
                    )),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    // The list names no module that is gone.
    for module in LAYERS.iter().flat_map(|l| l.iter()) {
        assert!(seen.contains(*module), "no module {module} in src/");
    }
}

/// The files of one folder (`read/ledger.rs`, `read/workbook.rs` …) use each other without a
/// cycle; the folder's `mod.rs`, whose children use what it declares, is left out.
#[test]
fn the_files_of_a_folder_use_each_other_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for path in sources(&src) {
        let (top, file) = module_of(&src, &path);
        if path.parent() == Some(src.as_path()) || file == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let uses = graph.entry(top.clone()).or_default().entry(file.clone());
        let uses = uses.or_default();
        for (_, line) in code_lines(&text) {
            let siblings = named_after(line, &format!("crate::{top}::"))
                .into_iter()
                .chain(named_after(line, "super::"));
            uses.extend(siblings.filter(|s| *s != file).map(str::to_string));
        }
    }
    for (folder, files) in &graph {
        // Depth-first search for a path back to where it started.
        fn reaches(
            files: &BTreeMap<String, BTreeSet<String>>,
            from: &str,
            to: &str,
            seen: &mut BTreeSet<String>,
            path: &mut Vec<String>,
        ) -> bool {
            for next in files.get(from).into_iter().flatten() {
                path.push(next.clone());
                if next == to
                    || (files.contains_key(next)
                        && seen.insert(next.clone())
                        && reaches(files, next, to, seen, path))
                {
                    return true;
                }
                path.pop();
            }
            false
        }
        for file in files.keys() {
            let mut path = vec![file.clone()];
            if reaches(files, file, file, &mut BTreeSet::new(), &mut path) {
                panic!("a cycle in src/{folder}/: {}", path.join(" → "));
            }
        }
    }
}

#[test]
fn the_checker_sees_what_a_file_uses() {
    assert_eq!(
        named_after("use crate::{lang::Lang, money};", "crate::"),
        ["lang", "money"]
    );
    assert_eq!(
        named_after("let x = crate::money::round(crate::date::x);", "crate::"),
        ["money", "date"]
    );
    let text = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\nuse crate::c;\n#[cfg(test)]\nmod more;\nuse crate::d;";
    let kept: Vec<&str> = code_lines(text).into_iter().map(|(_, l)| l).collect();
    assert_eq!(kept, ["use crate::a;", "use crate::c;", "use crate::d;"]);
}
