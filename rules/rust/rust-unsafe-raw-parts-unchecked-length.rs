use std::ptr;
use std::slice;

#[repr(C)]
pub struct Frame {
    pub data: *const u8,
    pub len: usize,
}

pub unsafe fn payload<'a>(frame: &Frame) -> &'a [u8] {
    // ruleid: rust-unsafe-raw-parts-unchecked-length
    slice::from_raw_parts(frame.data, frame.len)
}

pub fn copy_header(dst: &mut [u8; 64], src: *const u8, n: usize) {
    unsafe {
        // ruleid: rust-unsafe-raw-parts-unchecked-length
        ptr::copy_nonoverlapping(src, dst.as_mut_ptr(), n);
    }
}

pub fn copy_header_checked(dst: &mut [u8; 64], src: *const u8, n: usize) {
    assert!(n <= dst.len());
    unsafe {
        // ok: rust-unsafe-raw-parts-unchecked-length
        ptr::copy_nonoverlapping(src, dst.as_mut_ptr(), n);
    }
}

pub fn as_bytes(v: &Vec<u32>) -> &[u8] {
    // ok: rust-unsafe-raw-parts-unchecked-length
    unsafe { slice::from_raw_parts(v.as_ptr() as *const u8, v.len() * std::mem::size_of::<u32>()) }
}
