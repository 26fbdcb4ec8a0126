//! The PDF's bytes made independent of the clock. LibreOffice writes the time of the conversion
//! into the document information (`/CreationDate`), the XMP metadata of a PDF/A, and the header
//! of the ICC colour profile of a PDF/A's output intent, and a random file `/ID`. Each is set to
//! a fixed value here: dates to 1 January of the budget year (as the DOCX is dated), the ID to a
//! hash of the rest. The profile's stream is deflated again, so the objects after it move: the
//! cross-reference table is rewritten with their new offsets.

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use std::io::{Read, Write};

/// The PDF with every clock-dependent value fixed.
pub(super) fn fixed(mut pdf: Vec<u8>, year: u16) -> Vec<u8> {
    let year = year.clamp(1, 9999);
    let digits = format!("{year:04}0101000000");
    for key in [&b"/CreationDate(D:"[..], b"/ModDate(D:"] {
        overwrite_after(&mut pdf, key, digits.as_bytes());
    }
    let xmp = format!("{year:04}-01-01T00:00:00");
    for key in [
        &b"<xmp:CreateDate>"[..],
        b"<xmp:ModifyDate>",
        b"<xmp:MetadataDate>",
    ] {
        overwrite_after(&mut pdf, key, xmp.as_bytes());
    }
    let pdf = fix_icc_dates(pdf, year);
    fix_id(pdf)
}

/// Overwrites, after every occurrence of `key`, as many bytes as `value` has, where those bytes
/// are of the same shape (digits where `value` has digits): the lengths never change.
fn overwrite_after(pdf: &mut [u8], key: &[u8], value: &[u8]) {
    let mut from = 0;
    while let Some(i) = find(pdf, key, from) {
        let at = i + key.len();
        from = at;
        let Some(old) = pdf.get(at..at + value.len()) else {
            return;
        };
        let same_shape = old
            .iter()
            .zip(value)
            .all(|(o, v)| o.is_ascii_digit() == v.is_ascii_digit());
        if same_shape {
            if let Some(slot) = pdf.get_mut(at..at + value.len()) {
                slot.copy_from_slice(value);
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A change of the file: `len` bytes at `at` replaced by `new`.
struct Edit {
    at: usize,
    len: usize,
    new: Vec<u8>,
}

/// ICC profiles (`/N 3` streams whose data has the `acsp` signature) with their creation date
/// (header bytes 24–35) set to the budget year, deflated again; the xref follows.
fn fix_icc_dates(pdf: Vec<u8>, year: u16) -> Vec<u8> {
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(s) = find(&pdf, b">>\nstream\n", from) {
        from = s + 1;
        let data_start = s + b">>\nstream\n".len();
        let Some(dict_start) = pdf
            .get(..s)
            .and_then(|h| h.windows(2).rposition(|w| w == b"<<"))
        else {
            continue;
        };
        let Some(dict) = pdf.get(dict_start..s) else {
            continue;
        };
        if find(dict, b"/N 3", 0).is_none() || find(dict, b"/FlateDecode", 0).is_none() {
            continue;
        }
        let Some(end) = find(&pdf, b"\nendstream", data_start) else {
            continue;
        };
        let Some(data) = pdf.get(data_start..end) else {
            continue;
        };
        let mut profile = Vec::new();
        if ZlibDecoder::new(data).read_to_end(&mut profile).is_err() {
            continue;
        }
        if profile.get(36..40) != Some(b"acsp") {
            continue;
        }
        let date: Vec<u8> = [year, 1, 1, 0, 0, 0]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        if let Some(slot) = profile.get_mut(24..36) {
            slot.copy_from_slice(&date);
        }
        let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        if z.write_all(&profile).is_err() {
            continue;
        }
        let Ok(new) = z.finish() else {
            continue;
        };
        length_edit(&pdf, dict, dict_start, new.len(), &mut edits);
        edits.push(Edit {
            at: data_start,
            len: data.len(),
            new,
        });
    }
    if edits.is_empty() {
        return pdf;
    }
    apply(pdf, edits)
}

/// The edit of a stream's `/Length` for its new length: written in the dictionary, or in the
/// object it refers to (`/Length 12 0 R`).
fn length_edit(pdf: &[u8], dict: &[u8], dict_start: usize, len: usize, edits: &mut Vec<Edit>) {
    let Some(k) = find(dict, b"/Length ", 0) else {
        return;
    };
    let num_start = k + b"/Length ".len();
    let num_end = dict
        .get(num_start..)
        .and_then(|r| r.iter().position(|c| !c.is_ascii_digit()))
        .map_or(dict.len(), |p| num_start + p);
    let Some(number) = dict.get(num_start..num_end) else {
        return;
    };
    if dict.get(num_end..num_end + 4) == Some(b" 0 R") {
        // Indirect: the object `n 0 obj\n<len>\nendobj`.
        let mut head = b"\n".to_vec();
        head.extend_from_slice(number);
        head.extend_from_slice(b" 0 obj\n");
        if let Some(o) = find(pdf, &head, 0) {
            let value_start = o + head.len();
            let value_len = pdf
                .get(value_start..)
                .and_then(|r| r.iter().position(|c| !c.is_ascii_digit()))
                .unwrap_or(0);
            edits.push(Edit {
                at: value_start,
                len: value_len,
                new: len.to_string().into_bytes(),
            });
        }
    } else {
        edits.push(Edit {
            at: dict_start + num_start,
            len: number.len(),
            new: len.to_string().into_bytes(),
        });
    }
}

/// Applies non-overlapping edits, then moves every offset of the cross-reference table (and
/// `startxref`) by the bytes inserted or removed before it.
fn apply(pdf: Vec<u8>, mut edits: Vec<Edit>) -> Vec<u8> {
    edits.sort_by_key(|e| e.at);
    let shift = |offset: usize| -> usize {
        let mut o = offset as i64;
        for e in edits.iter().filter(|e| e.at < offset) {
            o += e.new.len() as i64 - e.len as i64;
        }
        o.max(0) as usize
    };
    let xref = startxref(&pdf);
    let mut out = Vec::with_capacity(pdf.len() + 64);
    let mut pos = 0;
    for e in &edits {
        if e.at < pos {
            continue;
        }
        out.extend_from_slice(pdf.get(pos..e.at).unwrap_or_default());
        out.extend_from_slice(&e.new);
        pos = e.at + e.len;
    }
    out.extend_from_slice(pdf.get(pos..).unwrap_or_default());
    let Some(xref) = xref else {
        return out;
    };
    let new_xref = shift(xref);
    rewrite_xref(&mut out, new_xref, &shift);
    // `startxref\n<offset>\n%%EOF` at the end.
    if let Some(k) = out.windows(10).rposition(|w| w == b"startxref\n") {
        let start = k + 10;
        let end = out
            .get(start..)
            .and_then(|r| r.iter().position(|c| !c.is_ascii_digit()))
            .map_or(out.len(), |p| start + p);
        out.splice(start..end, new_xref.to_string().into_bytes());
    }
    out
}

/// The offset `startxref` gives.
fn startxref(pdf: &[u8]) -> Option<usize> {
    let k = pdf.windows(10).rposition(|w| w == b"startxref\n")?;
    let digits: Vec<u8> = pdf
        .get(k + 10..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// Rewrites the entries of the classic cross-reference table at `at` (`xref\n0 N\n` then N
/// entries `oooooooooo ggggg n \n`) with `shift`ed offsets; the entries keep their width.
fn rewrite_xref(pdf: &mut [u8], at: usize, shift: &dyn Fn(usize) -> usize) {
    let Some(head) = pdf.get(at..at + 5) else {
        return;
    };
    if head != b"xref\n" {
        return;
    }
    let mut p = at + 5;
    // Subsections: `first count\n` then count entries of 20 bytes.
    while let Some(line_end) = pdf
        .get(p..)
        .and_then(|r| r.iter().position(|c| *c == b'\n'))
    {
        let line = pdf.get(p..p + line_end).unwrap_or_default();
        let Ok(text) = std::str::from_utf8(line) else {
            return;
        };
        let mut parts = text.split_whitespace();
        let (Some(_first), Some(count), None) = (parts.next(), parts.next(), parts.next()) else {
            return;
        };
        let Ok(count) = count.parse::<usize>() else {
            return;
        };
        p += line_end + 1;
        for _ in 0..count {
            let Some(entry) = pdf.get_mut(p..p + 20) else {
                return;
            };
            if entry.get(17) == Some(&b'n') {
                let offset = std::str::from_utf8(&entry[..10])
                    .ok()
                    .and_then(|s| s.parse::<usize>().ok());
                if let Some(o) = offset {
                    let moved = format!("{:010}", shift(o));
                    if moved.len() == 10 {
                        entry[..10].copy_from_slice(moved.as_bytes());
                    }
                }
            }
            p += 20;
        }
    }
}

/// The hex digits starting at `at` (their length).
fn hex_run(pdf: &[u8], at: usize) -> usize {
    pdf.get(at..).map_or(0, |r| {
        r.iter().take_while(|c| c.is_ascii_hexdigit()).count()
    })
}

/// `/ID [ <hex> <hex> ]` and LibreOffice's `/DocChecksum /hex` (an MD5 it takes of the content
/// with the clock in it) set to a hash of the file with them left out: two runs on the same
/// document give the same values, different documents different ones.
fn fix_id(mut pdf: Vec<u8>) -> Vec<u8> {
    let mut slots: Vec<(usize, usize)> = Vec::new();
    if let Some(k) = find(&pdf, b"/ID [", 0) {
        // `<hex>`, a space or a line break, `<hex>`.
        let mut p = k + b"/ID [".len();
        for _ in 0..2 {
            let Some(open) = pdf.get(p..).and_then(|r| r.iter().position(|c| *c == b'<')) else {
                break;
            };
            let at = p + open + 1;
            let len = hex_run(&pdf, at);
            if len == 0 || open > 2 {
                break;
            }
            slots.push((at, len));
            p = at + len + 1;
        }
    }
    if let Some(k) = find(&pdf, b"/DocChecksum /", 0) {
        let at = k + b"/DocChecksum /".len();
        slots.push((at, hex_run(&pdf, at)));
    }
    slots.retain(|(_, len)| *len > 0);
    for (at, len) in &slots {
        if let Some(s) = pdf.get_mut(*at..at + len) {
            s.fill(b'0');
        }
    }
    for (at, len) in &slots {
        let id = hash_hex(&pdf, *len);
        if let Some(s) = pdf.get_mut(*at..at + len) {
            s.copy_from_slice(id.as_bytes());
        }
    }
    pdf
}

/// A 128-bit FNV-1a of the bytes (two 64-bit lanes), as `len` upper-case hex digits.
fn hash_hex(bytes: &[u8], len: usize) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for &x in bytes {
        a = (a ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ u64::from(x.rotate_left(3))).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let hex = format!("{a:016X}{b:016X}");
    hex.chars().cycle().take(len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_the_budget_year_without_moving_anything() {
        let pdf = b"<</CreationDate(D:20261130223726Z')>>\n<xmp:CreateDate>2026-11-30T22:37:07Z</xmp:CreateDate>".to_vec();
        let out = fixed(pdf.clone(), 2024);
        assert_eq!(out.len(), pdf.len());
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("/CreationDate(D:20240101000000Z')"), "{text}");
        assert!(
            text.contains("<xmp:CreateDate>2024-01-01T00:00:00Z<"),
            "{text}"
        );
    }

    #[test]
    fn the_id_is_a_hash_of_the_rest() {
        let a = fix_id(b"x /ID [ <0123456789ABCDEF0123456789ABCDEF>\n<0123456789ABCDEF0123456789ABCDEF> ]\n/DocChecksum /0123456789ABCDEF0123456789ABCDEF\n".to_vec());
        let b = fix_id(b"x /ID [ <FFFF456789ABCDEF0123456789ABCDEF>\n<0123456789ABCDEF0123456789ABCDEF> ]\n/DocChecksum /FFFF456789ABCDEF0123456789ABCDEF\n".to_vec());
        assert_eq!(a, b);
        let c = fix_id(b"y /ID [ <0123456789ABCDEF0123456789ABCDEF>\n<0123456789ABCDEF0123456789ABCDEF> ]\n/DocChecksum /0123456789ABCDEF0123456789ABCDEF\n".to_vec());
        assert_ne!(a, c);
    }

    /// A PDF with one ICC profile stream (`/Length` in another object) and a later object.
    fn icc_pdf(seconds: u16) -> Vec<u8> {
        let mut profile = vec![0u8; 128];
        profile[36..40].copy_from_slice(b"acsp");
        let date: Vec<u8> = [2026u16, 11, 30, 22, 37, seconds]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        profile[24..36].copy_from_slice(&date);
        let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&profile).unwrap();
        let data = z.finish().unwrap();
        let mut pdf = b"%PDF-1.6\n".to_vec();
        let o1 = pdf.len();
        pdf.extend_from_slice(b"1 0 obj\n<</N 3/Length 2 0 R/Filter/FlateDecode>>\nstream\n");
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        let o2 = pdf.len();
        pdf.extend_from_slice(format!("2 0 obj\n{}\nendobj\n", data.len()).as_bytes());
        let o3 = pdf.len();
        pdf.extend_from_slice(b"3 0 obj\n<</Type/Catalog>>\nendobj\n");
        let xref = pdf.len();
        pdf.extend_from_slice(
            format!("xref\n0 4\n0000000000 65535 f \n{o1:010} 00000 n \n{o2:010} 00000 n \n{o3:010} 00000 n \ntrailer\n<</Size 4>>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        pdf
    }

    #[test]
    fn an_icc_profile_gets_the_budget_year_and_the_xref_follows() {
        let a = fixed(icc_pdf(7), 2024);
        assert_eq!(a, fixed(icc_pdf(12), 2024), "the clock still shows");
        // The stream decodes to the profile with the new date, its length object says its
        // length, and every xref offset points at its object.
        let s = find(&a, b"stream\n", 0).unwrap() + 7;
        let e = find(&a, b"\nendstream", s).unwrap();
        let mut profile = Vec::new();
        ZlibDecoder::new(&a[s..e])
            .read_to_end(&mut profile)
            .unwrap();
        assert_eq!(&profile[24..28], &[0x07, 0xe8, 0, 1]);
        let len_obj = find(&a, b"2 0 obj\n", 0).unwrap() + 8;
        let len: usize = std::str::from_utf8(&a[len_obj..len_obj + hex_run(&a, len_obj)])
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(len, e - s);
        let xref = startxref(&a).unwrap();
        assert_eq!(&a[xref..xref + 5], b"xref\n");
        for (n, line) in String::from_utf8_lossy(&a[xref..])
            .lines()
            .skip(3)
            .take(3)
            .enumerate()
        {
            let offset: usize = line[..10].parse().unwrap();
            let head = format!("{} 0 obj", n + 1);
            assert!(
                a[offset..].starts_with(head.as_bytes()),
                "{head} at {offset}"
            );
        }
    }

    #[test]
    fn offsets_after_a_longer_stream_move_in_the_xref() {
        // Object 1 at 0, object 2 at 20; 5 bytes inserted at 10 move object 2 to 25.
        let mut body = b"1 0 obj\n<<>>\nendobj\n2 0 obj\n<<>>\nendobj\n".to_vec();
        let xref_at = body.len();
        body.extend_from_slice(
            b"xref\n0 3\n0000000000 65535 f \n0000000000 00000 n \n0000000020 00000 n \n",
        );
        body.extend_from_slice(format!("trailer\n<<>>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        let out = apply(
            body,
            vec![Edit {
                at: 10,
                len: 0,
                new: b"12345".to_vec(),
            }],
        );
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("0000000025 00000 n"), "{text}");
        assert!(
            text.contains(&format!("startxref\n{}\n", xref_at + 5)),
            "{text}"
        );
    }
}
