//! A small, fast heap for a page-lifetime program: segregated free lists by size class (four
//! per doubling), blocks carved from pages the [`Memory`] adds. The wasm build's global allocator
//! (`web::alloc`) runs it over wasm linear memory; the tests here run the same code over a
//! `Vec`-backed fake, so every rule is checked natively.
//!
//! # Design
//! - A request (`size`, `align`) takes one block of its size class: 8, 16, 24, 32 bytes, then
//!   four classes per doubling (40, 48, 56, 64, 80, 96, 112, 128, 160, …, 2 GiB), the
//!   smallest that holds `size` and is a multiple of `align` ([`class_of`]).
//! - Each class keeps a singly linked list of freed blocks (the link is stored in the free
//!   block's first word). `alloc` pops its class's list; `free` pushes onto it. Both are O(1).
//! - When the list is empty, the block is carved at the bump pointer, aligned to the largest
//!   power of two dividing its size (at most `PAGE`); the skipped gap is not lost, it is cut
//!   into power-of-two pieces (each aligned to its size, each a class) pushed onto their
//!   classes' lists. When the current region is too short, [`Memory::grow`] adds just the
//!   pages needed.
//! - So every block is aligned to the largest power of two dividing its size (at most `PAGE`),
//!   and a class that is a multiple of `align` is aligned to `align`: any `align <= PAGE` is
//!   honoured; a larger `align` fails (returns 0, the allocator's null).
//! - `realloc` keeps the block when the new size falls in the same class, or when the block
//!   is the last one carved (it ends at the bump pointer) and its address suits the new
//!   class: then the bump pointer moves. Else it moves the contents to a block of the new
//!   class and frees the old one. The top is only used while the new class's list is empty:
//!   else the top kept growing while that list kept its blocks (39 MB after 20 `rank` calls
//!   of 10,000 items in a benchmark). Freed blocks always go to their list.
//!
//! # Memory trade-off
//! A block is up to 1.25x its request (internal fragmentation; 8 bytes at least), and blocks
//! are never split or merged: freed memory is reused by its own class only and never returned
//! (wasm memory cannot shrink anyway). A program whose live set per class levels off, like a
//! page running the engine, levels off too; one that frees many blocks of one class and then
//! needs another class grows instead. No locks: wasm32 without threads is single-threaded.

// Native only: proptest is a native dev-dependency (the wasm tests run the heap for real).
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests;

/// Bytes in one page of memory: wasm linear memory grows by 64 KiB pages (the wasm spec's
/// fixed size). Blocks larger than this are aligned to it, not to their size.
pub const PAGE: usize = 65_536;

/// The smallest block in bytes: it must hold a free block's link (one `usize`: 4 bytes on
/// wasm32, 8 natively). A power of two from 8 (the native `usize`) to `PAGE`; a larger value
/// wastes more on small requests (most of the engine's are short strings and small vectors).
pub const MIN_BLOCK: usize = 8;

/// Classes per doubling of the block size: each power of two `2^k` (from `4 * MIN_BLOCK`)
/// up to `2^(k+1)` is cut into this many equal steps, so a block is at most `1 + 1/STEPS`
/// times its request (rounded up to `MIN_BLOCK`): 25 % at most, instead of 100 % with
/// power-of-two classes. A power of two, 1 to 4 (the first `STEPS` classes are
/// `MIN_BLOCK`, `2 * MIN_BLOCK`, … `STEPS * MIN_BLOCK`, which needs `STEPS * MIN_BLOCK` to be
/// the first power of two cut).
pub const STEPS: usize = 4;
const STEPS_SHIFT: u32 = STEPS.trailing_zeros();
/// `log2(STEPS * MIN_BLOCK)`: the first power of two cut into steps.
const FIRST_SHIFT: u32 = (STEPS * MIN_BLOCK).trailing_zeros();

/// Number of size classes: the `STEPS` multiples of `MIN_BLOCK`, then `STEPS` per doubling
/// up to 2 GiB (half of wasm32's 4 GiB address space): 8 B to 2^31 B. From `STEPS` (blocks up
/// to 32 B only) to 108; a request above the largest class fails.
pub const CLASSES: usize = STEPS + STEPS * (31 - FIRST_SHIFT as usize);

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
        self.carve(block_size(class)).unwrap_or(0)
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
        let (old, new) = (class_of(size, align), class_of(new_size, align));
        if old == new {
            return addr;
        }
        if let (Some(old), Some(new)) = (old, new) {
            // Only while the new class has no free block: else the top would keep growing
            // while that class's list kept its blocks (see the module docs).
            if self.heads.get(new) == Some(&0)
                && self.resize_at_top(addr, block_size(old), block_size(new))
            {
                return addr;
            }
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
    #[cfg(not(target_arch = "wasm32"))]
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
            let align = natural_align(block);
            let start = self.bump.checked_add(align - 1)? & !(align - 1);
            let stop = start.checked_add(block)?;
            if stop <= self.end {
                self.release(self.bump, start);
                self.bump = stop;
                return Some(start);
            }
            self.grow_to(stop)?;
        }
    }

    /// Resizes the last block carved (the one ending at the bump pointer) from `old` to `new`
    /// bytes in place, when its address suits the new class's alignment and memory can grow
    /// right after it: a vector that keeps growing at the top is never copied.
    fn resize_at_top(&mut self, addr: usize, old: usize, new: usize) -> bool {
        if addr.wrapping_add(old) != self.bump || addr % natural_align(new) != 0 {
            return false;
        }
        let Some(stop) = addr.checked_add(new) else {
            return false;
        };
        if stop > self.end && self.grow_to(stop) != Some(true) {
            return false;
        }
        self.bump = stop;
        true
    }

    /// Grows memory so that the region reaches `stop` (beyond `end`); `Some(false)` when the
    /// new pages are not contiguous (someone else grew memory, or the first region): then the
    /// rest of the old region goes to the free lists and a new region starts at the new pages.
    fn grow_to(&mut self, stop: usize) -> Option<bool> {
        let pages = (stop - self.end).div_ceil(PAGE);
        let at = self.memory.grow(pages)?;
        let contiguous = at == self.end;
        if !contiguous {
            self.release(self.bump, self.end);
            self.bump = at;
        }
        self.end = at.checked_add(pages.checked_mul(PAGE)?)?;
        Some(contiguous)
    }

    /// Cuts the unused range `from..to` (multiples of `MIN_BLOCK`) into power-of-two pieces,
    /// each aligned to its size and as large as that allows, and frees each.
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

/// The alignment of every block of `block` bytes: the largest power of two dividing it, at
/// most `PAGE`.
fn natural_align(block: usize) -> usize {
    (block & block.wrapping_neg()).min(PAGE)
}

/// The class of a request: the smallest class size that holds `size` and is a multiple of
/// `align`; `None` past the largest class or when `align > PAGE`. Classes: 8, 16, 24, 32,
/// then four steps per doubling (40, 48, 56, 64, 80, 96, 112, 128, 160, …).
#[inline]
pub fn class_of(size: usize, align: usize) -> Option<usize> {
    if align > PAGE {
        return None;
    }
    // A multiple of `align` at least MIN_BLOCK; its class is then that multiple or a larger
    // one whose step (a quarter of its power of two, or 8) is a multiple of `align`.
    let need = size.max(MIN_BLOCK).checked_add(align - 1)? & !(align - 1);
    let class = if need <= STEPS * MIN_BLOCK {
        (need - 1) / MIN_BLOCK
    } else {
        let k = usize::BITS - 1 - (need - 1).leading_zeros(); // 2^k < need <= 2^(k+1)
        let step_shift = k - STEPS_SHIFT;
        let steps = (need - (1 << k) + (1 << step_shift) - 1) >> step_shift; // 1..=STEPS
        (k - FIRST_SHIFT) as usize * STEPS + STEPS - 1 + steps
    };
    (class < CLASSES).then_some(class)
}

/// The block size of `class` (the inverse of [`class_of`]).
#[inline]
pub fn block_size(class: usize) -> usize {
    if class < STEPS {
        return (class + 1) * MIN_BLOCK;
    }
    let above = class - STEPS;
    let k = FIRST_SHIFT as usize + above / STEPS;
    (1 << k) + (above % STEPS + 1) * (1 << (k - STEPS_SHIFT as usize))
}
