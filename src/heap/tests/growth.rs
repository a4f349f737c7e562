//! Carving blocks from the pages memory adds: the gap skipped to align a block is cut into
//! free blocks, large blocks take whole pages, growth that leaves a gap starts a new region,
//! and memory that cannot grow makes `alloc` and `realloc` fail without losing anything.
use super::*;

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
