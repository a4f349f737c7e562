//! The page's global allocator: [`crate::heap::Heap`] (segregated free lists by size class,
//! see its docs for the design and the memory trade-off) over wasm linear memory, instead of the
//! standard library's dlmalloc (about 7 KB of the wasm). The only `unsafe` code in the crate.
#![allow(unsafe_code)]

use crate::heap::{Heap, Memory, PAGE};
use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;

/// Wasm linear memory (memory index 0): pages from `memory.grow`, links read and written in
/// place.
struct LinearMemory;

impl Memory for LinearMemory {
    #[inline]
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let old_pages = wasm32::memory_grow::<0>(pages);
        // `old_pages` < 65,536 (a wasm32 memory has at most 4 GiB), so this cannot overflow;
        // it is never 0 (the stack and static data come first).
        (old_pages != usize::MAX).then(|| old_pages * PAGE)
    }

    #[inline]
    fn load(&self, addr: usize) -> usize {
        // SAFETY: the heap only reads links of free blocks it owns: inside memory it grew,
        // at least `MIN_BLOCK` (8) bytes long and aligned to their size (>= 8).
        unsafe { (addr as *const usize).read() }
    }

    #[inline]
    fn store(&mut self, addr: usize, value: usize) {
        // SAFETY: as in `load`: a block the heap owns (just freed or released), no longer
        // visible to the program.
        unsafe { (addr as *mut usize).write(value) }
    }

    #[inline]
    fn copy(&mut self, dst: usize, src: usize, len: usize) {
        // SAFETY: `src` is the live block being moved (at least `len` bytes), `dst` a block
        // just allocated from another class (at least `len` bytes); distinct blocks never
        // overlap.
        unsafe { core::ptr::copy_nonoverlapping(src as *const u8, dst as *mut u8, len) }
    }
}

/// The heap, behind a cell so the allocator's `&self` methods can change it.
struct PageHeap(UnsafeCell<Heap<LinearMemory>>);

// SAFETY: wasm32 without the atomics feature has one thread (this crate is not built with
// threads); no two accesses can race.
unsafe impl Sync for PageHeap {}

impl PageHeap {
    /// Runs `f` with the heap borrowed mutably.
    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut Heap<LinearMemory>) -> R) -> R {
        // SAFETY: single-threaded (see `Sync`), and the heap never allocates, so no call
        // re-enters the allocator while this borrow lives: it is the only reference.
        f(unsafe { &mut *self.0.get() })
    }
}

// SAFETY: blocks are distinct and never overlap, each at least `layout.size()` bytes and
// aligned to `layout.align()` (or null when that cannot be done), as `GlobalAlloc` requires;
// the native tests in src/heap/tests.rs check these rules on the same code.
unsafe impl GlobalAlloc for PageHeap {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.with(|heap| heap.alloc(layout.size(), layout.align())) as *mut u8
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.with(|heap| heap.free(ptr as usize, layout.size(), layout.align()));
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.with(|heap| heap.realloc(ptr as usize, layout.size(), layout.align(), new_size))
            as *mut u8
    }
}

#[global_allocator]
static HEAP: PageHeap = PageHeap(UnsafeCell::new(Heap::new(LinearMemory)));
