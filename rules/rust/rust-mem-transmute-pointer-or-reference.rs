use std::mem;

pub struct Registry {
    entries: Vec<String>,
}

pub fn forever(reg: &Registry) -> &'static Registry {
    // ruleid: rust-mem-transmute-pointer-or-reference
    unsafe { mem::transmute::<&Registry, &'static Registry>(reg) }
}

pub fn callback(addr: usize) {
    // ruleid: rust-mem-transmute-pointer-or-reference
    let f: fn(i32) -> i32 = unsafe { std::mem::transmute(addr) };
    f(1);
}

pub fn mutate(reg: &Registry) {
    unsafe {
        // ruleid: rust-mem-transmute-pointer-or-reference
        let m: &mut Registry = mem::transmute(reg);
        m.entries.clear();
    }
}

pub fn bits(x: f32) -> u32 {
    // ok: rust-mem-transmute-pointer-or-reference
    let b: u32 = unsafe { mem::transmute(x) };
    b
}

pub fn bytes(x: u64) -> [u8; 8] {
    // ok: rust-mem-transmute-pointer-or-reference
    unsafe { mem::transmute::<u64, [u8; 8]>(x) }
}
