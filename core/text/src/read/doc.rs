//! .doc (Word 97–2003) and .wps (WPS, the same binary format), read natively:
//! the compound file is opened with the `cfb` crate, then the Word binary
//! format ([MS-DOC]) is read here:
//! - the FIB gives the table stream and where its structures are;
//! - the piece table (the CLX's PlcPcd) gives the main document's text, in
//!   8-bit (cp1252) and UTF-16 pieces; headers, footnotes, comments and text
//!   boxes lie after it and are not read;
//! - the character runs (CHPX FKPs) mark deleted revisions, which are left
//!   out (tracked changes read as accepted);
//! - the paragraph runs (PAPX FKPs) give each paragraph's list (`ilfo`) and
//!   level (`ilvl`) and its table role; the list tables (PlfLst: LSTF and LVL;
//!   PlfLfo: LFO and their start overrides) give the numbers, written in
//!   front of the paragraphs as Word shows them;
//! - field codes are dropped, field results kept; table rows become one line
//!   each, cells separated by tabs.
//!
//! An encrypted file or one that is not a Word document is a [`Problem`];
//! the reader never indexes out of bounds and never panics.

use std::io::{Cursor, Read};

use super::docx_numbering::{Level, Numbering};
use super::number_format::{NumFormat, Suffix};
use super::{Format, Problem, RawText, Repair, MAX_FILE_BYTES};

fn bad(why: &str) -> Problem {
    Problem::CorruptDoc(why.to_string())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    u32_at(b, at).map(|v| v as i32)
}

fn stream(cf: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut s = cf.open_stream(name).ok()?;
    let mut out = Vec::new();
    s.by_ref().take(MAX_FILE_BYTES).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The FIB's (fc, lcb) pair number `i` of fibRgFcLcb.
struct Fib<'a> {
    word: &'a [u8],
    fc_lcb_at: usize,
    fc_lcb_count: usize,
    ccp_text: u32,
}

impl Fib<'_> {
    fn pair(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.fc_lcb_count {
            return None;
        }
        let at = self.fc_lcb_at + i * 8;
        Some((u32_at(self.word, at)? as usize, u32_at(self.word, at + 4)? as usize))
    }
}

const CLX: usize = 33;
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

/// A piece of the main text: CPs `cp..cp_end` stored at byte `fc`, 8-bit or UTF-16.
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: usize,
    compressed: bool,
}

fn pieces(table: &[u8], fib: &Fib) -> Result<Vec<Piece>, Problem> {
    let (fc, lcb) = fib.pair(CLX).ok_or_else(|| bad("缺少文本位置表"))?;
    let clx = table.get(fc..fc.saturating_add(lcb)).ok_or_else(|| bad("文本位置表越界"))?;
    let mut at = 0;
    // Prcs (property modifiers) come first; skip them.
    while clx.get(at) == Some(&1) {
        let cb = u16_at(clx, at + 1).ok_or_else(|| bad("文本位置表不完整"))? as usize;
        at += 3 + cb;
    }
    if clx.get(at) != Some(&2) {
        return Err(bad("文本位置表无法识别"));
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| bad("文本位置表不完整"))? as usize;
    let plc = clx.get(at + 5..(at + 5).saturating_add(lcb)).ok_or_else(|| bad("文本位置表越界"))?;
    if plc.len() < 4 {
        return Err(bad("文本位置表是空的"));
    }
    let n = (plc.len() - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4).unwrap_or(0);
        let cp_end = u32_at(plc, (i + 1) * 4).unwrap_or(cp);
        let pcd = (n + 1) * 4 + i * 8;
        let raw = u32_at(plc, pcd + 2).unwrap_or(0);
        let compressed = raw & 0x4000_0000 != 0;
        let fc = (raw & 0x3FFF_FFFF) as usize;
        out.push(Piece { cp, cp_end: cp_end.max(cp), fc: if compressed { fc / 2 } else { fc }, compressed });
    }
    Ok(out)
}

/// The operand length of a sprm (by its spra bits) at `at` in a grpprl; `None` past the end.
fn sprm_len(grpprl: &[u8], at: usize, sprm: u16) -> Option<usize> {
    Some(match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => {
            // Variable: a size byte (sprmTDefTable and sprmPChgTabs are longer).
            if sprm == 0xD608 {
                u16_at(grpprl, at + 2)? as usize + 1
            } else if sprm == 0xC615 {
                let n = *grpprl.get(at + 2)? as usize;
                if n == 255 {
                    return None;
                }
                n + 1
            } else {
                *grpprl.get(at + 2)? as usize + 1
            }
        }
    })
}

/// Each sprm of a grpprl with its operand.
fn sprms(grpprl: &[u8]) -> Vec<(u16, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(sprm) = u16_at(grpprl, at) {
        let Some(len) = sprm_len(grpprl, at, sprm) else { break };
        let Some(op) = grpprl.get(at + 2..at + 2 + len) else { break };
        out.push((sprm, op));
        at += 2 + len;
    }
    out
}

/// The FKP pages a bin table (PlcBteChpx/PlcBtePapx) points at.
fn fkp_pages(table: &[u8], pair: Option<(usize, usize)>) -> Vec<usize> {
    let Some((fc, lcb)) = pair else { return Vec::new() };
    let Some(plc) = table.get(fc..fc.saturating_add(lcb)) else { return Vec::new() };
    if plc.len() < 4 {
        return Vec::new();
    }
    let n = (plc.len() - 4) / 8;
    (0..n).filter_map(|i| u32_at(plc, (n + 1) * 4 + i * 4)).map(|pn| (pn & 0x003F_FFFF) as usize).collect()
}

/// Byte ranges of the WordDocument stream whose characters are deleted revisions.
fn deleted_ranges(word: &[u8], table: &[u8], fib: &Fib) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for pn in fkp_pages(table, fib.pair(PLCF_BTE_CHPX)) {
        let Some(page) = word.get(pn * 512..pn * 512 + 512) else { continue };
        let crun = page[511] as usize;
        for i in 0..crun.min(101) {
            let (Some(start), Some(end)) = (u32_at(page, i * 4), u32_at(page, (i + 1) * 4)) else { break };
            let off = *page.get((crun + 1) * 4 + i).unwrap_or(&0) as usize * 2;
            if off == 0 {
                continue;
            }
            let Some(&cb) = page.get(off) else { continue };
            let Some(grpprl) = page.get(off + 1..off + 1 + cb as usize) else { continue };
            // sprmCFRMarkDel: on (1), or opposite of a style that has it off (0x81).
            if sprms(grpprl).iter().any(|(s, op)| *s == 0x0800 && matches!(op.first(), Some(1) | Some(0x81))) {
                out.push((start as usize, end as usize));
            }
        }
    }
    out.sort_unstable();
    out
}

/// What a paragraph run says: its list, level and table role.
#[derive(Clone, Copy, Default)]
struct ParaProps {
    ilfo: i16,
    ilvl: u8,
    in_table: bool,
    row_end: bool,
}

fn paragraph_runs(word: &[u8], table: &[u8], fib: &Fib) -> Vec<(usize, usize, ParaProps)> {
    let mut out = Vec::new();
    for pn in fkp_pages(table, fib.pair(PLCF_BTE_PAPX)) {
        let Some(page) = word.get(pn * 512..pn * 512 + 512) else { continue };
        let cpara = page[511] as usize;
        for i in 0..cpara.min(101) {
            let (Some(start), Some(end)) = (u32_at(page, i * 4), u32_at(page, (i + 1) * 4)) else { break };
            let bx = (cpara + 1) * 4 + i * 13;
            let off = *page.get(bx).unwrap_or(&0) as usize * 2;
            let mut props = ParaProps::default();
            if off != 0 {
                let (grpprl_at, len) = match page.get(off) {
                    Some(&0) => (off + 2, *page.get(off + 1).unwrap_or(&0) as usize * 2),
                    Some(&cb) => (off + 1, cb as usize * 2 - 1),
                    None => (0, 0),
                };
                // The first two bytes are the style (istd).
                if let Some(g) = page.get(grpprl_at + 2..(grpprl_at + len).min(512)) {
                    for (sprm, op) in sprms(g) {
                        match sprm {
                            0x460B => props.ilfo = op.get(..2).map(|b| i16::from_le_bytes([b[0], b[1]])).unwrap_or(0),
                            0x260A => props.ilvl = op.first().copied().unwrap_or(0).min(8),
                            0x2416 => props.in_table = op.first() == Some(&1),
                            0x2417 => props.row_end = op.first() == Some(&1),
                            _ => {}
                        }
                    }
                }
            }
            out.push((start as usize, end as usize, props));
        }
    }
    out.sort_by_key(|r| r.0);
    out
}

/// A list level's number text: placeholders 0–8 become `%1`…`%9`.
fn level_text(xst: &[u16]) -> String {
    let mut s = String::new();
    for c in char::decode_utf16(xst.iter().copied()) {
        match c {
            Ok(c) if (c as u32) < 9 => {
                s.push('%');
                s.push(char::from_digit(c as u32 + 1, 10).unwrap_or('1'));
            }
            Ok('%') => s.push_str("%%"),
            Ok(c) => s.push(c),
            Err(_) => {}
        }
    }
    s
}

/// Reads one LVL at `at`; returns it and the position after it.
fn lvl(table: &[u8], at: usize) -> Option<(Level, usize)> {
    let start = i32_at(table, at)? as i64;
    let nfc = *table.get(at + 4)?;
    let info = *table.get(at + 5)?;
    let follow = *table.get(at + 15)?;
    let cb_chpx = *table.get(at + 24)? as usize;
    let cb_papx = *table.get(at + 25)? as usize;
    let restart_lim = *table.get(at + 26)?;
    let mut p = at + 28 + cb_papx + cb_chpx;
    let cch = u16_at(table, p)? as usize;
    let xst: Vec<u16> = (0..cch).map(|k| u16_at(table, p + 2 + 2 * k)).collect::<Option<_>>()?;
    p += 2 + 2 * cch;
    let suffix = match follow {
        1 => Suffix::Space,
        2 => Suffix::Nothing,
        _ => Suffix::Tab,
    };
    let restart = if info & 0x08 != 0 { Some(restart_lim) } else { None };
    let level = Level::new(start, NumFormat::from_nfc(nfc), level_text(&xst).replace("%%", "%"), restart, suffix, info & 0x04 != 0);
    Some((level, p))
}

/// The lists of the document (PlfLst, PlfLfo).
fn lists(table: &[u8], fib: &Fib) -> Numbering {
    let mut numbering = Numbering::default();
    let Some((fc, lcb)) = fib.pair(PLF_LST) else { return numbering };
    if lcb == 0 {
        return numbering;
    }
    let count = u16_at(table, fc).unwrap_or(0) as usize;
    let mut lstfs = Vec::new();
    for i in 0..count.min(4096) {
        let at = fc + 2 + i * 28;
        let (Some(lsid), Some(flags)) = (i32_at(table, at), table.get(at + 26)) else { break };
        lstfs.push((lsid, flags & 1 != 0));
    }
    // The LVLs follow the LSTFs: nine per list, one for a simple list.
    let mut at = fc + 2 + lstfs.len() * 28;
    for (lsid, simple) in &lstfs {
        let mut levels = Vec::new();
        for _ in 0..if *simple { 1 } else { 9 } {
            let Some((l, next)) = lvl(table, at) else { break };
            levels.push(l);
            at = next;
        }
        numbering.add_list(lsid.to_string(), levels);
    }
    let Some((fc, lcb)) = fib.pair(PLF_LFO) else { return numbering };
    if lcb == 0 {
        return numbering;
    }
    let count = u32_at(table, fc).unwrap_or(0) as usize;
    let mut lfos = Vec::new();
    for i in 0..count.min(4096) {
        let at = fc + 4 + i * 16;
        let (Some(lsid), Some(&clfolvl)) = (i32_at(table, at), table.get(at + 12)) else { break };
        lfos.push((lsid, clfolvl as usize));
    }
    // Then each LFO's LFOData: a CP and its LFOLVLs (start overrides, maybe a whole LVL).
    let mut at = fc + 4 + lfos.len() * 16;
    for (i, (lsid, clfolvl)) in lfos.iter().enumerate() {
        at += 4;
        let mut starts = Vec::new();
        for _ in 0..*clfolvl {
            let (Some(start), Some(flags)) = (i32_at(table, at), u32_at(table, at + 4)) else { break };
            at += 8;
            if flags & 0x20 != 0 {
                match lvl(table, at) {
                    Some((_, next)) => at = next,
                    None => break,
                }
            }
            if flags & 0x10 != 0 {
                starts.push(((flags & 0x0F) as usize, start as i64));
            }
        }
        // ilfo is 1-based.
        numbering.add_instance((i + 1).to_string(), lsid.to_string(), starts);
    }
    numbering
}

pub(super) fn read(bytes: &[u8]) -> Result<RawText, Problem> {
    match std::panic::catch_unwind(|| read_doc(bytes)) {
        Ok(r) => r,
        Err(_) => Err(bad("内容无法解析")),
    }
}

fn read_doc(bytes: &[u8]) -> Result<RawText, Problem> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(bad("不是 Word 97–2003 或 WPS 文档"));
    }
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| bad("复合文档结构无法读取"))?;
    if cf.exists("EncryptedPackage") || cf.exists("EncryptionInfo") {
        // An encrypted .docx is a compound file too.
        return Err(Problem::Encrypted);
    }
    let word = stream(&mut cf, "WordDocument").ok_or_else(|| bad("缺少 WordDocument 数据流，可能不是 Word 或 WPS 文档"))?;
    if u16_at(&word, 0) != Some(0xA5EC) {
        return Err(bad("文档头无法识别（可能是 Word 6/95 或更早的格式）"));
    }
    let flags = u16_at(&word, 0x0A).unwrap_or(0);
    if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
        return Err(Problem::Encrypted);
    }
    let table_name = if flags & 0x0200 != 0 { "1Table" } else { "0Table" };
    let table = stream(&mut cf, table_name).ok_or_else(|| bad("缺少表格数据流"))?;
    // FibBase (32 bytes), then fibRgW, fibRgLw and fibRgFcLcb, each after its count.
    let csw = u16_at(&word, 32).ok_or_else(|| bad("文档头不完整"))? as usize;
    let lw_at = 34 + csw * 2;
    let cslw = u16_at(&word, lw_at).ok_or_else(|| bad("文档头不完整"))? as usize;
    let ccp_text = u32_at(&word, lw_at + 2 + 3 * 4).ok_or_else(|| bad("文档头不完整"))?;
    let fc_at = lw_at + 2 + cslw * 4;
    let count = u16_at(&word, fc_at).ok_or_else(|| bad("文档头不完整"))? as usize;
    let fib = Fib { word: &word, fc_lcb_at: fc_at + 2, fc_lcb_count: count, ccp_text };

    let pieces = pieces(&table, &fib)?;
    let deleted = deleted_ranges(&word, &table, &fib);
    let para_runs = paragraph_runs(&word, &table, &fib);
    let mut numbering = lists(&table, &fib);
    let is_deleted = |fc: usize| {
        let i = deleted.partition_point(|r| r.0 <= fc);
        i > 0 && fc < deleted[i - 1].1
    };
    let props_at = |fc: usize| {
        let i = para_runs.partition_point(|r| r.0 <= fc);
        if i > 0 && fc < para_runs[i - 1].1 { para_runs[i - 1].2 } else { ParaProps::default() }
    };

    let mut lines: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut fields: Vec<bool> = Vec::new();
    let (mut deletions, mut in_deletion, mut table_rows, mut field_codes) = (0usize, false, 0usize, 0usize);
    for piece in &pieces {
        if piece.cp >= fib.ccp_text {
            break;
        }
        let end = piece.cp_end.min(fib.ccp_text);
        let n = (end - piece.cp) as usize;
        let width = if piece.compressed { 1 } else { 2 };
        let Some(raw) = word.get(piece.fc..piece.fc.saturating_add(n * width)) else {
            return Err(bad("文本超出文件范围"));
        };
        let chars: Vec<(char, usize)> = if piece.compressed {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
            text.chars().zip(0..).map(|(c, k)| (c, piece.fc + k)).collect()
        } else {
            let units: Vec<u16> = raw.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
            char::decode_utf16(units.iter().copied()).enumerate().map(|(k, c)| (c.unwrap_or('\u{fffd}'), piece.fc + 2 * k)).collect()
        };
        for (c, fc) in chars {
            if is_deleted(fc) {
                if !in_deletion {
                    deletions += 1;
                    in_deletion = true;
                }
                continue;
            }
            in_deletion = false;
            match c {
                '\u{13}' => {
                    fields.push(true);
                    field_codes += 1;
                }
                '\u{14}' => {
                    if let Some(f) = fields.last_mut() {
                        *f = false;
                    }
                }
                '\u{15}' => {
                    fields.pop();
                }
                _ if fields.iter().any(|&code| code) => {}
                '\r' | '\u{7}' => {
                    let props = props_at(fc);
                    let text = std::mem::take(&mut para);
                    if props.row_end {
                        cell.clear();
                        let row: Vec<String> = std::mem::take(&mut cells).into_iter().map(|c| c.trim().to_string()).collect();
                        if row.iter().any(|c| !c.is_empty()) {
                            lines.push(row.join("\t"));
                            table_rows += 1;
                        }
                    } else if props.in_table {
                        // Paragraphs of a cell run together; the cell mark ends the cell.
                        if !cell.is_empty() && !text.trim().is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(text.trim());
                        if c == '\u{7}' {
                            cells.push(std::mem::take(&mut cell));
                        }
                    } else {
                        let mut text = text;
                        if props.ilfo > 0 {
                            if let Some(num) = numbering.next(&props.ilfo.to_string(), props.ilvl as usize) {
                                text.insert_str(0, &num);
                            }
                        }
                        lines.push(text);
                    }
                }
                '\u{b}' => para.push('\n'),
                '\t' => para.push(' '),
                '\u{c}' | '\u{e}' => {}
                '\u{1e}' => para.push('-'),
                '\u{1f}' => {}
                c if (c as u32) < 0x20 => {}
                c => para.push(c),
            }
        }
    }
    if !para.trim().is_empty() {
        lines.push(para);
    }
    let lines: Vec<String> = lines.iter().flat_map(|l| l.split('\n')).map(|l| l.to_string()).filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Err(Problem::NoText);
    }
    let mut repairs = Vec::new();
    if numbering.rendered > 0 {
        repairs.push(Repair::NumberingRendered(numbering.rendered));
    }
    if deletions > 0 {
        repairs.push(Repair::DeletionsDropped(deletions));
    }
    if table_rows > 0 {
        repairs.push(Repair::TableRowsKept(table_rows));
    }
    if field_codes > 0 {
        repairs.push(Repair::FieldCodesDropped(field_codes));
    }
    Ok(RawText { text: lines.join("\n"), format: Format::Doc, encoding: None, headings: Vec::new(), repairs })
}
