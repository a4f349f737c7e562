//! A small, fast heap for a page-lifetime program: segregated free lists by power-of-two size
//! class, blocks carved from pages the [`Memory`] adds. The wasm build's global allocator
//! (`web::alloc`) runs it over wasm linear memory; the tests here run the same code over a
//! `Vec`-backed fake, so every rule is checked natively.
//!
//! # Design
//! - A request (`size`, `align`) takes one block of the class `max(size, align, MIN_BLOCK)`
//!   rounded up to a power of two: `MIN_BLOCK << k`, `k` in `0..CLASSES`.
//! - Each class keeps a singly linked list of freed blocks (the link is stored in the free
//!   block's first word). `alloc` pops its class's list; `free` pushes onto it. Both are O(1).
//! - When the list is empty, the block is carved at the bump pointer, aligned to
//!   `min(block, PAGE)`; the skipped gap is not lost, it is cut into power-of-two pieces
//!   (each aligned to its size) pushed onto their own classes' lists. When the current region
//!   is too short, [`Memory::grow`] adds just the pages needed.
//! - So every block of `b <= PAGE` bytes is aligned to `b`, every larger one to `PAGE`: any
//!   `align <= PAGE` is honoured (the class is at least `align`); a larger `align` fails
//!   (returns 0, the allocator's null).
//! - `realloc` keeps the block when the new size falls in the same class, else it moves the
//!   contents to a block of the new class and frees the old one.
//!
//! # Memory trade-off
//! A block is up to 2x its request (power-of-two classes: internal fragmentation), and blocks
//! are never split or merged: freed memory is reused by its own class only and never returned
//! (wasm memory cannot shrink anyway). A program whose live set per class levels off, like a
//! page running the engine, levels off too; one that frees many blocks of one class and then
//! needs another class grows instead. No locks: wasm32 without threads is single-threaded.

#[cfg(test)]
mod tests;

/// Bytes in one page of memory: wasm linear memory grows by 64 KiB pages (the wasm spec's
/// fixed size). Blocks larger than this are aligned to it, not to their size.
pub const PAGE: usize = 65_536;

/// The smallest block in bytes: it must hold a free block's link (one `usize`: 4 bytes on
/// wasm32, 8 natively). A power of two from 8 (the native `usize`) to `PAGE`; a larger value
/// wastes more on small requests (most of the engine's are short strings and small vectors).
pub const MIN_BLOCK: usize = 8;

/// Number of size classes: blocks of `MIN_BLOCK << k` for `k` in `0..CLASSES`, 8 B to 2 GiB
/// (half of wasm32's 4 GiB address space). 1 to 29 (more would not fit in wasm32 memory);
/// a request above the largest class fails.
pub const CLASSES: usize = 29;

/// Where a [`Heap`] gets its pages and how it reads and writes the links in free blocks.
pub trait Memory {
    /// Adds `pages` pages of [`PAGE`] bytes and returns the address of the first new byte,
    /// or `None` when memory cannot grow. Addresses are page-aligned and never 0.
    fn grow(&mut self, pages: usize) -> Option<usize>;
    /// Reads the `usize` at `addr` (a free block's link).
    fn load(&self, addr: usize) -> usize;
    /// Writes `value` at `addr` (a free block's link).
    fn store(&mut self, addr: usize, value: usize);
    /// Copies `len` bytes from `src` to `dst` (two distinct blocks, never overlapping).
    fn copy(&mut self, dst: usize, src: usize, len: usize);
}

/// Segregated free lists over a [`Memory`]; addresses are `usize`, 0 means "no block".
pub struct Heap<M> {
    /// The source of pages and of the free blocks' links.
    memory: M,
    /// Per class, the first free block (0: none); each free block links to the next.
    heads: [usize; CLASSES],
    /// The next unused byte of the current region (a multiple of `MIN_BLOCK`; 0 only before
    /// the first region, while `end` is 0 too, so `release` never sees address 0).
    bump: usize,
    /// The end of the current region (page-aligned).
    end: usize,
}

impl<M: Memory> Heap<M> {
    /// An empty heap: it asks `memory` for pages on the first allocation.
    pub const fn new(memory: M) -> Self {
        Heap {
            memory,
            heads: [0; CLASSES],
            bump: 0,
            end: 0,
        }
    }

    /// A block of at least `size` bytes aligned to `align` (a power of two), or 0 when no
    /// class fits the request or memory cannot grow.
    #[inline]
    pub fn alloc(&mut self, size: usize, align: usize) -> usize {
        let Some(class) = class_of(size, align) else {
            return 0;
        };
        let Some(&head) = self.heads.get(class) else {
            return 0;
        };
        if head != 0 {
            let next = self.memory.load(head);
            if let Some(slot) = self.heads.get_mut(class) {
                *slot = next;
            }
            return head;
        }
        self.carve(MIN_BLOCK << class).unwrap_or(0)
    }

    /// Returns the block at `addr`, allocated with the same `size` and `align`, to its class.
    #[inline]
    pub fn free(&mut self, addr: usize, size: usize, align: usize) {
        if let Some(class) = class_of(size, align) {
            self.push(class, addr);
        }
    }

    /// Resizes the block at `addr` (allocated with `size` and `align`) to `new_size`: the same
    /// address when the class does not change, else a new block holding the first
    /// `min(size, new_size)` bytes (the old one freed), or 0 (the old one kept) on failure.
    pub fn realloc(&mut self, addr: usize, size: usize, align: usize, new_size: usize) -> usize {
        if class_of(size, align) == class_of(new_size, align) {
            return addr;
        }
        let moved = self.alloc(new_size, align);
        if moved != 0 {
            self.memory.copy(moved, addr, size.min(new_size));
            self.free(addr, size, align);
        }
        moved
    }

    /// The page source (tests inspect the fake memory through it).
    #[cfg(test)]
    pub fn memory(&mut self) -> &mut M {
        &mut self.memory
    }

    /// Pushes the free block `addr` onto `class`'s list.
    fn push(&mut self, class: usize, addr: usize) {
        if let Some(slot) = self.heads.get_mut(class) {
            let next = *slot;
            *slot = addr;
            self.memory.store(addr, next);
        }
    }

    /// A new block of `block` bytes (a class size) at the bump pointer, growing memory when
    /// the current region is too short.
    fn carve(&mut self, block: usize) -> Option<usize> {
        loop {
            let align = block.min(PAGE);
            let start = self.bump.checked_add(align - 1)? & !(align - 1);
            let stop = start.checked_add(block)?;
            if stop <= self.end {
                self.release(self.bump, start);
                self.bump = stop;
                return Some(start);
            }
            let pages = (stop - self.end).div_ceil(PAGE);
            let at = self.memory.grow(pages)?;
            if at != self.end {
                // Not contiguous (someone else grew memory, or the first region): the rest of
                // the old region goes to the free lists and the new region starts at `at`.
                self.release(self.bump, self.end);
                self.bump = at;
            }
            self.end = at.checked_add(pages.checked_mul(PAGE)?)?;
        }
    }

    /// Cuts the unused range `from..to` (multiples of `MIN_BLOCK`; `to` aligned at least as
    /// much as the block carved there, or page-aligned) into the largest power-of-two pieces
    /// aligned to their size, and frees each.
    fn release(&mut self, mut from: usize, to: usize) {
        while from < to {
            let lowest_bit = from & from.wrapping_neg();
            let room = 1 << (usize::BITS - 1 - (to - from).leading_zeros());
            let piece = lowest_bit.min(room);
            if let Some(class) = class_of(piece, MIN_BLOCK) {
                self.push(class, from);
            }
            from += piece;
        }
    }
}

/// The class of a request: `k` for blocks of `MIN_BLOCK << k` bytes, the smallest power of two
/// holding `size` and `align`; `None` past the largest class or when `align > PAGE`.
#[inline]
pub fn class_of(size: usize, align: usize) -> Option<usize> {
    if align > PAGE {
        return None;
    }
    let block = size.max(align).max(MIN_BLOCK).checked_next_power_of_two()?;
    let class = (block.trailing_zeros() - MIN_BLOCK.trailing_zeros()) as usize;
    (class < CLASSES).then_some(class)
}
