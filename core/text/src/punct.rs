//! Character classes and the half-width → full-width punctuation rule.

/// A Han character (CJK unified ideographs, extensions, compatibility
/// ideographs, and `〇`).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF
        | 0x30000..=0x3134F
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F
        | 0x3007)
}

/// Han characters and the marks that only occur in Chinese text: CJK
/// punctuation, full-width forms, Chinese quotes, `……` and `——`.
pub fn is_chinese_context(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// The full-width form of a half-width mark `,` `:` `;` `!` `?` `(` `)`.
pub fn full_width_of(c: char) -> Option<char> {
    let w = widen(c);
    (w != c).then_some(w)
}

fn widen(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => c,
    }
}

/// 1 for the half-width marks that may widen, 2 for parentheses.
static MARK: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b',' as usize] = 1;
    t[b':' as usize] = 1;
    t[b';' as usize] = 1;
    t[b'!' as usize] = 1;
    t[b'?' as usize] = 1;
    t[b'(' as usize] = 2;
    t[b')' as usize] = 2;
    t
};

/// The first byte from `from` on that is a mark of the kind wanted (0: any
/// mark, 1: `,` `:` `;` `!` `?`, 2: a parenthesis). Chinese text is mostly
/// bytes of 0x80 and above and every mark is below 0x40, so 16-byte blocks
/// without such a byte are skipped whole (the block test vectorises).
fn find_mark(bytes: &[u8], from: usize, want: u8) -> Option<usize> {
    let hit = |b: u8| {
        let m = MARK[b as usize];
        m != 0 && (want == 0 || m == want)
    };
    let mut i = from;
    while i + 16 <= bytes.len() {
        let block = &bytes[i..i + 16];
        if block.iter().fold(false, |a, &b| a | (b < 0x40)) {
            if let Some(k) = block.iter().position(|&b| hit(b)) {
                return Some(i + k);
            }
        }
        i += 16;
    }
    bytes[i..].iter().position(|&b| hit(b)).map(|k| i + k)
}

/// Converts half-width `,` `:` `;` `!` `?` `(` `)` inside Chinese text to
/// full width, leaving numbers, times and Latin text alone (`17:20:52`,
/// `1,000`, `66.2%`, `5G`, `(GDP)` between Latin words). A pair of
/// parentheses converts together when it encloses or touches Chinese text.
/// Spaces that followed a converted mark before Chinese text are dropped.
pub fn widen_punctuation(s: &str) -> String {
    let bytes = s.as_bytes();
    let Some(first) = find_mark(bytes, 0, 0) else { return s.to_string() };
    if find_mark(bytes, first, 2).is_some() {
        return widen_with_parens(s);
    }
    // The common case, one pass over the marks only: a mark converts when a
    // neighbour is Chinese and not both neighbours are Latin letters or digits.
    let cn = |c: Option<char>| c.is_some_and(is_chinese_context);
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut out = String::with_capacity(s.len() + 16);
    let mut copied = 0;
    let mut from = first;
    while let Some(p) = find_mark(bytes, from, 1) {
        from = p + 1;
        // The marks are ASCII, so p and p + 1 are char boundaries.
        let prev = s[..p].chars().next_back();
        let next = s[p + 1..].chars().next();
        if (cn(prev) || cn(next)) && !(alnum(prev) && alnum(next)) {
            out.push_str(&s[copied..p]);
            out.push(widen(bytes[p] as char));
            copied = p + 1;
            // `，  下面` → `，下面`
            if next == Some(' ') {
                let spaces = bytes[p + 1..].iter().take_while(|&&b| b == b' ').count();
                if cn(s[p + 1 + spaces..].chars().next()) {
                    copied += spaces;
                    from = copied;
                }
            }
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// The half-width marks of `chars` that Chinese typography wants full width,
/// as (index, full-width mark), in order: what [`widen_punctuation`] converts
/// and what the proofreader (`check`) reports. `,` `:` `;` `!` `?` convert
/// when a neighbour is Chinese and not both neighbours are Latin letters or
/// digits; a pair of parentheses (paired within a line) converts together
/// when it encloses Han text or touches Chinese text other than a quote
/// mark, a lone one when it touches Chinese text.
pub fn half_width_marks(chars: &[char]) -> Vec<(usize, char)> {
    let n = chars.len();
    let at = |i: usize| -> Option<char> { chars.get(i).copied() };
    let before = |i: usize| -> Option<char> { if i == 0 { None } else { at(i - 1) } };
    let cn = |c: Option<char>| c.is_some_and(is_chinese_context);
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let cn_not_quote = |c: Option<char>| cn(c) && !matches!(c, Some('“' | '”' | '‘' | '’'));

    // Pair parentheses within a line (only when there are any); `han[k]`: Han characters before
    // `k`, so whether a pair encloses one is a subtraction, not a walk (nested pairs stay linear).
    let mut partner: Vec<usize> = Vec::new();
    let mut han: Vec<usize> = Vec::new();
    if chars.iter().any(|&c| c == '(' || c == ')') {
        han = Vec::with_capacity(n + 1);
        han.push(0);
        for &c in chars {
            han.push(han[han.len() - 1] + usize::from(is_han(c)));
        }
        partner = vec![usize::MAX; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '\n' => stack.clear(),
                '(' => stack.push(i),
                ')' => {
                    if let Some(o) = stack.pop() {
                        partner[o] = i;
                        partner[i] = o;
                    }
                }
                _ => {}
            }
        }
    }
    let mut out: Vec<(usize, char)> = Vec::new();
    let mut closing: Vec<usize> = Vec::new();
    for i in 0..n {
        let c = chars[i];
        let yes = match c {
            ',' | ':' | ';' | '!' | '?' => {
                let (p, q) = (before(i), at(i + 1));
                (cn(p) || cn(q)) && !(alnum(p) && alnum(q))
            }
            '(' if partner[i] != usize::MAX => {
                let j = partner[i];
                // A quote outside is no sign: `“… (2nd ed.)”` is Latin.
                let yes = han[j] > han[i + 1] || cn_not_quote(before(i)) || cn_not_quote(at(j + 1));
                if yes {
                    closing.push(j);
                }
                yes
            }
            // Pairs nest, so a closing mark whose opening one converted is the last one pushed.
            ')' if partner[i] != usize::MAX => closing.last() == Some(&i) && closing.pop().is_some(),
            '(' | ')' => cn(before(i)) || cn(at(i + 1)),
            _ => false,
        };
        if yes {
            out.push((i, widen(c)));
        }
    }
    out
}

fn widen_with_parens(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let cn = |c: Option<char>| c.is_some_and(is_chinese_context);
    let mut convert = vec![false; n];
    for (i, _) in half_width_marks(&chars) {
        convert[i] = true;
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if convert[i] {
            out.push(widen(c));
            if c != '(' {
                let mut k = i + 1;
                while k < n && chars[k] == ' ' {
                    k += 1;
                }
                if k > i + 1 && cn(chars.get(k).copied()) {
                    i = k;
                    continue;
                }
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// A half-width `.` that ends a Chinese sentence (`认识.我们`, `落实.` at a
/// line end): after a Han character, before a Han character, a closing
/// quote or the end of the line, and not one of a run of dots (`...` is an
/// ellipsis). Decimals, versions, dates and `A.`-style markers have a Latin
/// letter or a digit beside them and are never one.
pub fn is_chinese_full_stop(chars: &[char], i: usize) -> bool {
    if chars.get(i) != Some(&'.') || i == 0 || !is_han(chars[i - 1]) {
        return false;
    }
    match chars.get(i + 1) {
        None | Some('\n') => true,
        Some(&c) => is_han(c) || matches!(c, '”' | '’' | '“'),
    }
}

/// Pause marks (`，` `、` `；` `：`): a sentence goes on after them.
pub fn is_pause_mark(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：')
}

/// Marks that end a sentence (`。` `！` `？`).
pub fn is_end_mark(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// The paired marks of GB/T 15834, as (opening, closing).
pub const PAIRS: [(char, char); 5] = [('“', '”'), ('‘', '’'), ('《', '》'), ('（', '）'), ('【', '】')];

/// Chinese marks that close or follow a phrase and so never have a space
/// before them (`，` `。` `）` `》` `”` …).
pub fn is_closing_or_stop(c: char) -> bool {
    is_pause_mark(c) || is_end_mark(c) || matches!(c, '）' | '》' | '”' | '’' | '】' | '…')
}

/// The half-width (ASCII) form of a full-width digit or letter (`２` → `2`, `Ａ` → `A`).
pub fn narrow_alnum(c: char) -> Option<char> {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ').then(|| char::from_u32(c as u32 - 0xFEE0)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_marks_widen_numbers_and_latin_stay() {
        assert_eq!(widen_punctuation("按照局党组工作安排,下面,我围绕"), "按照局党组工作安排，下面，我围绕");
        assert_eq!(widen_punctuation("同志们:"), "同志们：");
        assert_eq!(widen_punctuation("(一)以新型城镇化"), "（一）以新型城镇化");
        assert_eq!(widen_punctuation("(1)完善考核办法"), "（1）完善考核办法");
        assert_eq!(widen_punctuation("w227 2025-02-07 17:20:52 讲稿讲义"), "w227 2025-02-07 17:20:52 讲稿讲义");
        assert_eq!(widen_punctuation("提高至目前的66.2%,城乡关系"), "提高至目前的66.2%，城乡关系");
        assert_eq!(widen_punctuation("开通5G网络;宽带"), "开通5G网络；宽带");
        assert_eq!(widen_punctuation("工作日上午8:30-11:30"), "工作日上午8:30-11:30");
        assert_eq!(widen_punctuation("增加1,083万人"), "增加1,083万人");
        assert_eq!(widen_punctuation("规划(2014—2020年)》"), "规划（2014—2020年）》");
        assert_eq!(widen_punctuation("国内生产总值(GDP)增长"), "国内生产总值（GDP）增长");
        assert_eq!(widen_punctuation("see (GDP) in English, ok"), "see (GDP) in English, ok");
        assert_eq!(widen_punctuation("真的吗?是的!"), "真的吗？是的！");
        assert_eq!(widen_punctuation("重试。 如有问题, 再加"), "重试。 如有问题，再加");
        assert_eq!(widen_punctuation("(一) 坚持, 再加:17:20"), "（一）坚持，再加：17:20");
        assert_eq!(widen_punctuation("a, b; ok!"), "a, b; ok!");
    }

    #[test]
    fn nested_parentheses_convert_by_what_each_pair_encloses() {
        let deep = format!("学习{}党章{}体会", "(".repeat(5000), ")".repeat(5000));
        let wide = format!("学习{}党章{}体会", "（".repeat(5000), "）".repeat(5000));
        assert_eq!(widen_punctuation(&deep), wide);
        // The inner pair holds Han text, the outer one too; Latin nesting stays as it is.
        assert_eq!(widen_punctuation("规划((试行)稿)"), "规划（（试行）稿）");
        assert_eq!(widen_punctuation("see ((a) b) ok,然后"), "see ((a) b) ok，然后");
    }
}
