//! Random alloc/realloc/free sequences (with memory grown by someone else in between) checked
//! against a model: no two live blocks overlap, every block is aligned, contents survive
//! `realloc` and no free list's link lands in a live block.
use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

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
