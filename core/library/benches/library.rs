//! The library at size: 10,000 generated lectures of about 5,000 characters.
//!
//! 1. Import: the 10,000 lectures are written as .txt files and imported
//!    through `Library::import_files` (the text engine's reader and cleaner,
//!    duplicate check, both search indexes). Target: under 30 s. The
//!    resulting library is cached under `target/lectern-bench/` and reused by
//!    later runs (set `LECTERN_BENCH_REBUILD=1` to measure the import again).
//! 2. Search latency over that library, per query class (one character, two,
//!    three or more), each query run several times: p50, p95 and max are
//!    printed. Targets: p95 under 30 ms for three or more characters, under
//!    150 ms for one or two.
//! 3. Criterion measurements of a few single operations (search per class,
//!    a save with an automatic-snapshot check, the list).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use lectern_library::Library;
use std::hint::black_box;

const LECTURES: usize = 10_000;
/// Bump when the schema or the generator changes, so a stale cache is rebuilt.
const CACHE_VERSION: u32 = 4;
/// Results per search, as the app's search page shows them.
const LIMIT: usize = 20;

const ONE: &[&str] = &["党", "的", "民", "治", "农", "网", "绿", "廉", "史", "梦"];
const TWO: &[&str] = &["党建", "发展", "乡村", "治理", "人民", "作风", "廉洁", "数字", "生态", "青年"];
const THREE: &[&str] = &[
    "乡村振兴",
    "高质量发展",
    "全面从严治党",
    "基层治理",
    "中国式现代化",
    "新质生产力",
    "党风廉政建设",
    "共同富裕",
    "数字经济",
    "生态文明建设",
];

/// Words the generated lectures are made of: common ones, and rarer ones
/// drawn less often, so queries range from very common to selective.
const COMMON: &[&str] = &[
    "我们", "要", "坚持", "党的", "领导", "人民", "群众", "发展", "建设", "工作", "推进", "全面", "深化", "改革",
    "加强", "提高", "能力", "水平", "基层", "组织", "干部", "党员", "思想", "政治", "学习", "贯彻", "精神",
    "实践", "理论", "创新", "制度", "体系", "治理", "现代化", "国家", "社会", "经济", "文化", "生态", "的",
    "和", "在", "是", "把", "以", "为", "对", "中", "新时代", "高质量", "乡村", "振兴", "城乡", "融合",
    "作风", "纪律", "责任", "落实", "问题", "导向", "目标", "任务", "重点", "关键", "核心", "根本", "始终",
    "不断", "更加", "切实", "扎实", "稳步", "积极", "主动", "服务", "保障", "民生", "就业", "教育", "医疗",
    "安全", "稳定", "环境", "绿色", "低碳", "产业", "农业", "农村", "农民", "城市", "科技", "人才", "青年",
];
const RARE: &[&str] = &[
    "共同富裕", "数字经济", "新质生产力", "中国式现代化", "党风廉政建设", "生态文明", "全面从严治党", "初心使命",
    "廉洁", "历史", "梦想", "网络", "红色基因", "基层治理", "党建引领", "乡村振兴", "作风建设", "理想信念",
];
const ORDINALS: &[&str] = &["一、", "二、", "三、", "四、", "五、"];
const SUB: &[&str] = &["（一）", "（二）", "（三）"];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next() % words.len() as u64) as usize]
    }
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let words = 8 + rng.next() % 10;
    for w in 0..words {
        out.push_str(if rng.next().is_multiple_of(12) { rng.pick(RARE) } else { rng.pick(COMMON) });
        if w > 0 && w + 1 < words && rng.next().is_multiple_of(6) {
            out.push('，');
        }
    }
    out.push('。');
}

/// Lecture number `n`: a title, a salutation, then parts and sub-parts of
/// sentences, about 5,000 characters in all.
fn lecture(n: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0x1000_0000_01B3));
    let mut text = format!("关于{}的{}专题党课（第{n}讲）\n\n同志们：\n\n", rng.pick(RARE), rng.pick(COMMON));
    let target = 4_800 + (rng.next() % 400) as usize;
    let mut part = 0;
    while text.chars().count() < target {
        if part < ORDINALS.len() {
            text.push_str(ORDINALS[part]);
            text.push_str(rng.pick(RARE));
            text.push_str("\n\n");
        }
        for sub in SUB {
            text.push_str(sub);
            for _ in 0..(6 + rng.next() % 5) {
                sentence(&mut rng, &mut text);
            }
            text.push_str("\n\n");
        }
        part += 1;
    }
    text
}

fn target_dir() -> PathBuf {
    // The bench binary lives in target/<profile>/deps/.
    let exe = std::env::current_exe().expect("bench binary path");
    exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("target"))
}

/// The cached 10,000-lecture library, imported (and timed) when missing.
fn library() -> PathBuf {
    let dir = target_dir().join("lectern-bench");
    let db = dir.join(format!("library-{LECTURES}-v{CACHE_VERSION}.db"));
    let rebuild = std::env::var_os("LECTERN_BENCH_REBUILD").is_some_and(|v| !v.is_empty());
    if db.exists() && !rebuild {
        eprintln!("import: reusing {} (LECTERN_BENCH_REBUILD=1 measures the import again)", db.display());
        return db;
    }
    for f in [db.clone(), db.with_extension("db-wal"), db.with_extension("db-shm")] {
        let _ = std::fs::remove_file(f);
    }
    let files_dir = dir.join("files");
    let _ = std::fs::remove_dir_all(&files_dir);
    std::fs::create_dir_all(&files_dir).unwrap();
    let mut chars = 0;
    let files: Vec<PathBuf> = (0..LECTURES)
        .map(|n| {
            let text = lecture(n);
            chars += text.chars().count();
            let p = files_dir.join(format!("lecture-{n:05}.txt"));
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    eprintln!("import: {LECTURES} files written, {} characters each on average", chars / LECTURES);

    let start = Instant::now();
    let lib = Library::open(&db).unwrap();
    let reports = lib.import_files(&files);
    let took = start.elapsed();
    let added = reports.iter().filter(|r| matches!(r.outcome, lectern_library::ImportOutcome::Added { .. })).count();
    assert_eq!(added, LECTURES, "every generated lecture is new: {:?}", reports.iter().find(|r| r.message().is_some()));
    drop(lib);
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "import: {LECTURES} lectures in {:.1} s ({:.0} per second), database {} MB   [target < 30 s]",
        took.as_secs_f64(),
        LECTURES as f64 / took.as_secs_f64(),
        size / 1_000_000
    );
    let _ = std::fs::remove_dir_all(&files_dir);
    db
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Runs every query `rounds` times; prints p50, p95 and max.
fn latency(lib: &Library, class: &str, queries: &[&str], rounds: usize, target_ms: u64) {
    for q in queries {
        lib.search(q, LIMIT).unwrap(); // warm the cache
    }
    let mut times = Vec::new();
    let mut hits = 0;
    for _ in 0..rounds {
        for q in queries {
            let start = Instant::now();
            hits += black_box(lib.search(q, LIMIT).unwrap()).len();
            times.push(start.elapsed());
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "search {class:>10}: {} runs, p50 {:6.2} ms, p95 {:6.2} ms, max {:6.2} ms, {:.1} hits per query   [target p95 < {target_ms} ms]",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().unwrap()),
        hits as f64 / times.len() as f64
    );
}

fn main() {
    let db = library();
    let lib = Library::open(&db).unwrap();
    latency(&lib, "1 char", ONE, 10, 150);
    latency(&lib, "2 chars", TWO, 10, 150);
    latency(&lib, "3+ chars", THREE, 10, 30);

    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut g = c.benchmark_group("library search (10,000 lectures)");
    for q in ["党", "党建", "乡村振兴"] {
        g.bench_function(q, |b| b.iter(|| lib.search(black_box(q), LIMIT).unwrap()));
    }
    g.finish();

    // Saving works on a copy of one lecture so the cached library stays as generated.
    let id = lib.list().unwrap()[0].id;
    let body = lib.get(id).unwrap().body;
    let draft = lib.adapt(id).unwrap();
    let mut n = 0u64;
    c.bench_function("update_body, 5,000 characters", |b| {
        b.iter(|| {
            n += 1;
            lib.update_body(draft, &format!("{body}{}", n % 7)).unwrap()
        })
    });
    c.bench_function("list, 10,000 lectures", |b| b.iter(|| lib.list().unwrap().len()));
    lib.delete(draft).unwrap();
    c.final_summary();
}
