//! The heap's rules checked natively over a `Vec`-backed fake memory: classes, alignment,
//! reuse, in-place and moving `realloc`, gap release, large blocks, failure, non-contiguous
//! growth, and random alloc/realloc/free sequences against a model (no overlap, alignment,
//! contents kept).
use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// The fake memory's first address (0 stays "no block", as in wasm where data comes first).
const BASE: usize = PAGE;
const WORD: usize = std::mem::size_of::<usize>();

/// Linear memory in a `Vec`: grows by pages up to `max_pages`, skipping `skip` pages before
/// the next growth (as if someone else had grown memory in between).
struct Fake {
    bytes: Vec<u8>,
    max_pages: usize,
    skip: usize,
    grows: usize,
}

impl Fake {
    fn new(max_pages: usize) -> Self {
        Fake {
            bytes: Vec::new(),
            max_pages,
            skip: 0,
            grows: 0,
        }
    }
    fn at(&mut self, addr: usize, len: usize) -> &mut [u8] {
        &mut self.bytes[addr - BASE..addr - BASE + len]
    }
}

impl Memory for Fake {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let first = self.bytes.len() / PAGE + std::mem::take(&mut self.skip);
        if first + pages > self.max_pages {
            return None;
        }
        self.bytes.resize((first + pages) * PAGE, 0xEE);
        self.grows += 1;
        Some(BASE + first * PAGE)
    }
    fn load(&self, addr: usize) -> usize {
        let word = &self.bytes[addr - BASE..addr - BASE + WORD];
        usize::from_le_bytes(word.try_into().unwrap())
    }
    fn store(&mut self, addr: usize, value: usize) {
        self.at(addr, WORD).copy_from_slice(&value.to_le_bytes());
    }
    fn copy(&mut self, dst: usize, src: usize, len: usize) {
        assert!(
            dst + len <= src || src + len <= dst,
            "copy between overlapping blocks"
        );
        self.bytes
            .copy_within(src - BASE..src - BASE + len, dst - BASE);
    }
}

fn heap(max_pages: usize) -> Heap<Fake> {
    Heap::new(Fake::new(max_pages))
}

#[test]
fn classes_are_the_smallest_block_holding_size_that_is_a_multiple_of_align() {
    assert_eq!(class_of(0, 1), Some(0));
    assert_eq!(class_of(1, 1), Some(0));
    assert_eq!(class_of(8, 8), Some(0));
    assert_eq!(class_of(9, 1), Some(1));
    assert_eq!(class_of(16, 4), Some(1));
    assert_eq!(block_size(class_of(17, 8).unwrap()), 24);
    assert_eq!(block_size(class_of(17, 16).unwrap()), 32);
    assert_eq!(block_size(class_of(33, 1).unwrap()), 40);
    assert_eq!(block_size(class_of(33, 16).unwrap()), 48);
    assert_eq!(block_size(class_of(33, 32).unwrap()), 64);
    assert_eq!(block_size(class_of(100, 8).unwrap()), 112);
    assert_eq!(block_size(class_of(1, 64).unwrap()), 64);
    assert_eq!(block_size(class_of(PAGE + 1, 1).unwrap()), PAGE + PAGE / 4);
    assert_eq!(block_size(class_of(PAGE + 1, PAGE).unwrap()), 2 * PAGE);
    assert_eq!(class_of(1 << 31, 1), Some(CLASSES - 1));
    assert_eq!(class_of((1 << 31) + 1, 1), None);
    assert_eq!(class_of(usize::MAX, 1), None);
    assert_eq!(class_of(8, PAGE * 2), None);
}

#[test]
fn class_sizes_rise_by_at_most_a_quarter_and_class_of_inverts_block_size() {
    assert_eq!(block_size(CLASSES - 1), 1 << 31);
    for class in 0..CLASSES {
        let block = block_size(class);
        assert_eq!(block % MIN_BLOCK, 0);
        assert_eq!(class_of(block, 1), Some(class));
        assert_eq!(class_of(block - 1, 1), Some(class), "block {block}");
        if class + 1 < CLASSES {
            assert_eq!(class_of(block + 1, 1), Some(class + 1));
            assert!(block_size(class + 1) <= (block + MIN_BLOCK).max(block + block / 4));
        }
        // Every alignment the block's own alignment covers keeps the class.
        let natural = (block & block.wrapping_neg()).min(PAGE);
        assert_eq!(class_of(block, natural), Some(class));
    }
}

#[test]
fn every_alignment_up_to_a_page_is_honoured() {
    let mut h = heap(4096);
    for shift in 0..=16 {
        let align = 1usize << shift;
        for size in [1, 3, 8, 24, 100, 5000, PAGE + 8] {
            let a = h.alloc(size, align);
            assert_ne!(a, 0);
            assert_eq!(a % align, 0, "size {size} align {align}");
        }
    }
    assert_eq!(
        h.alloc(8, PAGE * 2),
        0,
        "alignment above a page fails, not misaligns"
    );
}

#[test]
fn a_freed_block_is_reused_by_its_class_and_memory_stops_growing() {
    let mut h = heap(64);
    let a = h.alloc(40, 8);
    h.free(a, 40, 8);
    assert_eq!(h.alloc(33, 4), a, "33 and 40 bytes share the 40-byte class");
    h.free(a, 33, 4);
    let mut grows = 0;
    for round in 0..10_000 {
        let sizes = [5, 17, 33, 200, 3000, 70_000];
        let blocks: Vec<usize> = sizes.iter().map(|&s| h.alloc(s, 4)).collect();
        assert!(blocks.iter().all(|&b| b != 0), "round {round}");
        for (&b, &s) in blocks.iter().zip(&sizes) {
            h.free(b, s, 4);
        }
        if round == 0 {
            grows = h.memory().grows;
        }
    }
    assert_eq!(h.memory().grows, grows, "no growth after the first round");
}

#[test]
fn realloc_keeps_the_block_within_its_class_and_moves_the_contents_otherwise() {
    let mut h = heap(64);
    let a = h.alloc(20, 4);
    h.alloc(8, 1); // `a` is not the last block carved: no resizing at the top
    h.memory().at(a, 20).copy_from_slice(&[7; 20]);
    assert_eq!(h.realloc(a, 20, 4, 24), a);
    assert_eq!(h.realloc(a, 24, 4, 17), a);
    let b = h.realloc(a, 17, 4, 100);
    assert_ne!(b, a);
    assert_eq!(h.memory().at(b, 17), &[7; 17]);
    assert_eq!(h.alloc(24, 4), a, "the old block went back to its class");
    let c = h.realloc(b, 100, 4, 9);
    assert_eq!(h.memory().at(c, 9), &[7; 9]);
}

#[test]
fn the_gap_skipped_to_align_a_block_is_cut_into_free_blocks() {
    let mut h = heap(64);
    let first = h.alloc(8, 1);
    assert_eq!(first, BASE);
    let big = h.alloc(4096, 1);
    assert_eq!(big, BASE + 4096);
    // BASE+8 .. BASE+4096 became blocks of 8, 16, 32, …, 2048 bytes, each aligned to its size.
    for shift in 3..12 {
        let size = 1usize << shift;
        assert_eq!(h.alloc(size, 1), BASE + size, "size {size}");
    }
    assert_eq!(
        h.alloc(8, 1),
        BASE + 8192,
        "the gap is used up; the bump pointer goes on"
    );
    assert_eq!(h.memory().grows, 1);
}

#[test]
fn large_blocks_take_whole_pages_and_are_reused() {
    let mut h = heap(64);
    let small = h.alloc(100, 8);
    let large = h.alloc(3 * PAGE, 8);
    assert_eq!(large % PAGE, 0);
    assert!(large >= small + 112);
    h.memory().at(large, 3 * PAGE).fill(1);
    h.free(large, 3 * PAGE, 8);
    assert_eq!(h.alloc(3 * PAGE - 100, 1), large, "the same class");
    assert_eq!(
        h.alloc(128, 8),
        small + 128,
        "the first page's rest went to free lists"
    );
}

#[test]
fn when_memory_cannot_grow_alloc_and_realloc_fail_without_losing_anything() {
    let mut h = heap(2);
    let a = h.alloc(PAGE, 8);
    assert_ne!(a, 0);
    h.memory().at(a, 16).copy_from_slice(&[3; 16]);
    assert_eq!(h.alloc(2 * PAGE, 8), 0);
    assert_eq!(
        h.realloc(a, PAGE, 8, 3 * PAGE),
        0,
        "neither in place nor moved"
    );
    assert_eq!(h.memory().at(a, 16), &[3; 16], "the old block is kept");
    assert_eq!(h.alloc(usize::MAX / 2, 8), 0);
    assert_ne!(h.alloc(16, 8), 0, "smaller requests still succeed");
}

#[test]
fn the_last_block_carved_grows_and_shrinks_in_place() {
    let mut h = heap(64);
    let a = h.alloc(PAGE, 8);
    h.memory().at(a, 16).copy_from_slice(&[5; 16]);
    let grown = h.realloc(a, PAGE, 8, 5 * PAGE);
    assert_eq!(grown, a, "grown in place, memory grown after it");
    assert_eq!(h.memory().grows, 2);
    assert_eq!(h.realloc(a, 5 * PAGE, 8, 2 * PAGE), a, "shrunk in place");
    let next = h.alloc(PAGE, 8);
    assert_eq!(next, a + 2 * PAGE, "the tail went back to the bump pointer");
    // Not at the top any more: it moves.
    let b = h.realloc(a, 2 * PAGE, 8, 3 * PAGE);
    assert_ne!(b, a);
    assert_eq!(h.memory().at(b, 16), &[5; 16]);
    h.free(b, 3 * PAGE, 8);
    assert_eq!(
        h.alloc(3 * PAGE, 8),
        b,
        "a block freed at the top goes to its list"
    );
    // A block whose address does not suit the new class's alignment moves.
    let filler = h.alloc(24, 8);
    assert_eq!(filler % 32, 0);
    let top = h.alloc(24, 8);
    assert_eq!(top % 16, 8);
    let moved = h.realloc(top, 24, 8, 48);
    assert_ne!(moved, top, "48-byte blocks are 16-aligned");
    assert_eq!(moved % 32, 16);
    assert_eq!(
        h.realloc(moved, 48, 8, 80),
        moved,
        "last carved, 16-aligned: in place"
    );
    assert_ne!(
        h.realloc(moved, 80, 8, 128),
        moved,
        "128-byte blocks are 128-aligned"
    );
}

#[test]
fn growth_that_is_not_contiguous_starts_a_new_region_and_frees_the_old_rest() {
    let mut h = heap(64);
    h.memory().skip = 1;
    let a = h.alloc(PAGE / 2, 8);
    assert_eq!(a, BASE + PAGE, "the first page was skipped");
    h.memory().skip = 1;
    let b = h.alloc(PAGE, 8);
    assert_eq!(
        b,
        BASE + 3 * PAGE,
        "another page skipped before the new region"
    );
    assert_eq!(
        h.alloc(PAGE / 2, 8),
        a + PAGE / 2,
        "the old region's rest went to a free list"
    );
}

/// One step of a random sequence: `Alloc(size, align_shift)`, `Free(pick)`,
/// `Realloc(pick, size)` (picks index the live blocks), or `ForeignGrow` (someone else grows
/// memory by a page before the heap's next growth). Sizes: mostly small, a few large.
#[derive(Debug, Clone)]
enum Op {
    Alloc(usize, u32),
    Free(usize),
    Realloc(usize, usize),
    ForeignGrow,
}

fn size() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0usize..300, 3 => 300usize..20_000, 1 => 20_000usize..300_000]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (size(), 0u32..8).prop_map(|(size, align_shift)| Op::Alloc(size, align_shift)),
        3 => any::<usize>().prop_map(Op::Free),
        3 => (any::<usize>(), size()).prop_map(|(pick, size)| Op::Realloc(pick, size)),
        1 => Just(Op::ForeignGrow),
    ]
}

/// A live block in the model: address, size, alignment, and the byte it is filled with.
#[derive(Clone, Copy)]
struct Live {
    addr: usize,
    size: usize,
    align: usize,
    tag: u8,
}

/// Checks `block` against every live block (no overlap) and its alignment, then fills it.
fn admit(h: &mut Heap<Fake>, spans: &mut BTreeMap<usize, usize>, block: Live) {
    assert_ne!(block.addr, 0);
    assert_eq!(block.addr % block.align, 0);
    let end = block.addr + block.size.max(1);
    if let Some((&start, &len)) = spans.range(..end).next_back() {
        assert!(
            start + len.max(1) <= block.addr,
            "{:#x} overlaps {start:#x}",
            block.addr
        );
    }
    spans.insert(block.addr, block.size);
    h.memory().at(block.addr, block.size).fill(block.tag);
}

fn run(ops: &[Op]) {
    let mut h = heap(1024);
    let mut live: Vec<Live> = Vec::new();
    let mut spans = BTreeMap::new();
    for (n, op) in ops.iter().enumerate() {
        let tag = n as u8;
        match *op {
            Op::Alloc(size, align_shift) => {
                let align = 1 << align_shift;
                let addr = h.alloc(size, align);
                admit(
                    &mut h,
                    &mut spans,
                    Live {
                        addr,
                        size,
                        align,
                        tag,
                    },
                );
                live.push(Live {
                    addr,
                    size,
                    align,
                    tag,
                });
            }
            Op::Free(pick) if !live.is_empty() => {
                let b = live.swap_remove(pick % live.len());
                assert!(h.memory().at(b.addr, b.size).iter().all(|&x| x == b.tag));
                spans.remove(&b.addr);
                h.free(b.addr, b.size, b.align);
            }
            Op::Realloc(pick, size) if !live.is_empty() => {
                let i = pick % live.len();
                let b = live[i];
                spans.remove(&b.addr);
                let addr = h.realloc(b.addr, b.size, b.align, size);
                let kept = b.size.min(size);
                assert!(
                    h.memory().at(addr, kept).iter().all(|&x| x == b.tag),
                    "realloc lost data"
                );
                live[i] = Live {
                    addr,
                    size,
                    align: b.align,
                    tag,
                };
                admit(&mut h, &mut spans, live[i]);
            }
            Op::ForeignGrow => h.memory().skip = 1,
            _ => {}
        }
    }
    for b in &live {
        assert!(
            h.memory().at(b.addr, b.size).iter().all(|&x| x == b.tag),
            "a free link hit a live block"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn random_sequences_never_overlap_misalign_or_lose_contents(ops in prop::collection::vec(op(), 1..400)) {
        run(&ops);
    }
}
