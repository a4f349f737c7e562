//! The size-class table (`class_of`, `block_size`) and alignment: each request takes the
//! smallest class that holds it and is a multiple of its alignment; any alignment up to a page
//! is honoured, a larger one fails.
use super::*;

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
