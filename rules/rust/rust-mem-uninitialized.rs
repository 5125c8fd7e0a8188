use std::mem::{self, MaybeUninit};

unsafe fn make() -> Header {
    // ruleid: rust-mem-uninitialized
    let h: Header = mem::uninitialized();
    h
}

unsafe fn make2() -> [u8; 64] {
    // ruleid: rust-mem-uninitialized
    MaybeUninit::uninit().assume_init()
}

fn make_ok() -> Header {
    let mut h = MaybeUninit::<Header>::uninit();
    unsafe {
        h.as_mut_ptr().write(Header::default());
        // ok: rust-mem-uninitialized
        h.assume_init()
    }
}

fn headers() -> usize {
    // ok: rust-mem-uninitialized
    let buf: [MaybeUninit<u8>; 32] = unsafe { MaybeUninit::uninit().assume_init() };
    buf.len()
}
