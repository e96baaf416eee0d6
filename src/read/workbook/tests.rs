//! Reading workbooks and CSV files: decoding in pieces, quotes, cells.

use calamine::Data;

use super::csv::*;
use super::*;

/// How a CSV's bytes were decoded when the file was read whole, the reference for the
/// reading in pieces: UTF-8 with or without a BOM, else GB18030 (after BOM sniffing).
fn decoded_whole(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Reading a CSV a piece at a time decodes it as reading it whole did, whatever its encoding
/// and wherever a character falls across the pieces.
#[test]
fn a_csv_read_in_pieces_reads_as_it_did_whole() {
    let dir = tempfile::tempdir().unwrap();
    // A 3- or 4-byte character begins k bytes before a piece ends, so that the piece cuts it.
    let mut text = String::from("日期,摘要,借方\n");
    for (k, c) in [(1, '发'), (2, '€'), (3, '𠀀'), (1, '𠀀')] {
        let pad = (CHUNK - (text.len() + 1 + k) % CHUNK) % CHUNK;
        text.push_str(&"a".repeat(pad));
        text.push(',');
        text.push(c);
        text.push_str(",1000\n");
    }
    // And a GBK character, two bytes, cut the same way.
    let mut gbk = encoding_rs::GBK.encode("日期,摘要,借方\n").0.into_owned();
    for _ in 0..2 {
        let pad = (CHUNK - (gbk.len() + 2) % CHUNK) % CHUNK;
        gbk.extend(std::iter::repeat_n(b'a', pad));
        gbk.push(b',');
        gbk.extend_from_slice(&encoding_rs::GBK.encode("发放").0);
        gbk.extend_from_slice(b",1000\n");
    }
    let utf8 = text.as_bytes().to_vec();
    let bom = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
    let mut bom_invalid = bom.clone();
    bom_invalid.extend_from_slice(b"\xD5\xC5,\xF0\x9F,\xE6\x97\n");
    let mut late_invalid = utf8.clone();
    late_invalid.extend_from_slice(b"\xD5\xC5\xCE\xB0,1\n");
    let utf16 = [
        b"\xFF\xFE".as_slice(),
        &"日期,摘要\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    ]
    .concat();
    for (name, bytes) in [
        ("utf8.csv", utf8),
        ("bom.csv", bom),
        ("gbk.csv", gbk),
        ("late-invalid.csv", late_invalid),
        ("bom-invalid.csv", bom_invalid),
        ("utf16.csv", utf16),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        // Issue 19: a line that does not decode, or UTF-8 lines in a file that is not, are
        // refused at their line rather than garbled.
        let refused = match name {
            "late-invalid.csv" => Some("but line 1 is in UTF-8"),
            "bom-invalid.csv" => Some("is not text in UTF-8"),
            _ => None,
        };
        if let Some(said) = refused {
            let err = csv_encoding(&path).unwrap_err().to_string();
            assert!(err.contains(said), "{name}: {err}");
            continue;
        }
        let mut read = String::new();
        csv_text(&path, csv_encoding(&path).unwrap())
            .unwrap()
            .read_to_string(&mut read)
            .unwrap();
        assert!(read == decoded_whole(&bytes), "{name} decodes otherwise");
        assert!(read.starts_with("日期"), "{name}");
    }
}

/// Issue 19: a GBK file with one line pasted in UTF-8 was read as GBK, that line garbled and
/// its posting unassigned, the encoding never named.
#[test]
fn a_utf8_line_in_a_gbk_file_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = encoding_rs::GBK
        .encode("日期,摘要,借方\n2024-01-05,慰问金,3000\n")
        .0
        .into_owned();
    bytes.extend_from_slice("2024-01-06,困难补助,2000\n".as_bytes());
    let path = dir.path().join("gbk.csv");
    std::fs::write(&path, &bytes).unwrap();
    let err = csv_encoding(&path).unwrap_err().to_string();
    assert!(err.contains("but line 3 is in UTF-8"), "{err}");
    // A line of GBK bytes that GB18030 cannot decode either.
    let mut bad = encoding_rs::GBK.encode("日期,摘要\n").0.into_owned();
    bad.extend_from_slice(b"2024-01-05,\x81\x20\n");
    std::fs::write(&path, &bad).unwrap();
    let err = csv_encoding(&path).unwrap_err().to_string();
    assert!(err.contains("line 2 is not text in GBK"), "{err}");
}

/// Review of issue 19: a GBK line whose only Chinese is 元 (D4 AA, two-byte UTF-8 too) is GBK,
/// not a UTF-8 line; lines ended by a lone `\r` are lines, their commas counted apart.
#[test]
fn gbk_pairs_that_read_as_utf8_and_cr_line_ends_are_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.csv");
    let mut bytes = encoding_rs::GBK.encode("日期,摘要,借方\n").0.into_owned();
    bytes.extend_from_slice(&encoding_rs::GBK.encode("2024-01-05,元,3000\n").0);
    std::fs::write(&path, &bytes).unwrap();
    assert!(csv_encoding(&path).is_ok());
    let path = dir.path().join("cr.csv");
    let line = format!("{}\r", ",".repeat(10_000));
    std::fs::write(&path, format!("日期,摘要\r{line}{line}")).unwrap();
    assert!(csv_encoding(&path).is_ok());
}

/// Issue 19: one giant line, or a line of commas, is refused at its line before it is read.
#[test]
fn a_giant_line_or_a_line_of_commas_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("commas.csv");
    std::fs::write(&path, format!("日期,摘要\n{}\n", ",".repeat(20_000))).unwrap();
    let err = csv_encoding(&path).unwrap_err().to_string();
    assert!(err.contains("line 2 has more than 16384 fields"), "{err}");
    let path = dir.path().join("long.csv");
    std::fs::write(&path, format!("日期,摘要\n{}\n", "摘".repeat(6 << 20))).unwrap();
    let err = csv_encoding(&path).unwrap_err().to_string();
    assert!(
        err.contains("line 2 is longer than the limit of 16 MB"),
        "{err}"
    );
}

#[test]
fn an_unclosed_quote_is_found_and_its_line_named() {
    let unclosed = |text: &str| unclosed_quote(text.as_bytes()).unwrap();
    assert_eq!(unclosed("a,b\n1,\"x,2\n3,4\n"), Some(2));
    assert_eq!(unclosed("a,b\n1,\"x,\n2\"\n3,\"say \"\"hi\"\"\"\n"), None);
    // A quote inside an unquoted field is a character, as the CSV reader takes it.
    assert_eq!(unclosed("a,b\n5\"寸,2\n"), None);
    // A field closed by the text's last character; one whose closing quote is escaped.
    assert_eq!(unclosed("a,\"b\""), None);
    assert_eq!(unclosed("a,\"b\"\""), Some(1));
}

#[test]
fn displays_numbers_shortest() {
    assert_eq!(display(&Data::Float(4850.0)), "4850");
    assert_eq!(display(&Data::Float(0.1)), "0.1");
    assert_eq!(display(&Data::String("  记-0001 ".into())), "记-0001");
}

/// Issue 19: a shared-strings table beyond its limit is refused before it is read (one that
/// inflated to 1.2 GB cost 1.2 GB before the sheet was found to have no header).
#[test]
fn a_shared_strings_table_beyond_its_limit_is_refused_unread() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/changde-2019/ledger.xlsx");
    let mut limits = super::limits::Limits::current();
    assert!(super::limits::check_package(&path, &limits).is_ok());
    limits.max_strings = 1024;
    let err = super::limits::check_package(&path, &limits)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("its shared-strings table inflates to"),
        "{err}"
    );
    assert!(err.contains("JIXIAO_MAX_STRINGS_MB"), "{err}");
}

proptest::proptest! {
    /// The fast trim is `str::trim`, whatever white space (ASCII, U+3000, U+00A0) is at the ends.
    #[test]
    fn trimmed_is_str_trim(s in "[ \t\u{3000}\u{a0}\u{2028}a-z张伟\u{85}\r\n]{0,8}") {
        proptest::prop_assert_eq!(super::cell::trimmed(&s), s.trim());
    }
}
