//! The heap's rules checked natively over a `Vec`-backed fake memory, one module per concern:
//! the class table and alignment (`classes`), reuse and `realloc` (`reuse`), carving from the
//! pages memory adds, gaps, large blocks and failure to grow (`growth`), and random
//! alloc/realloc/free sequences against a model (`random`: no overlap, alignment, contents
//! kept). This file holds the fake memory they share.
use super::*;

mod classes;
mod growth;
mod random;
mod reuse;

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
