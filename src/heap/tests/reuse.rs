//! Reuse and resizing: a freed block goes back to its class's list and serves the next request
//! of that class (memory stops growing), `realloc` keeps a block within its class or at the top
//! and moves the contents otherwise.
use super::*;

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
