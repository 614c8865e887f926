//! Sixteen bytes tested at once, a bit per byte (bit `k` for byte `k`): with SSE2 on
//! x86-64, whose every processor has it, a byte at a time elsewhere. The fast paths of the
//! word count and of the sanitiser's check class French text with them, accents and all,
//! where a test of sixteen plain bytes stopped at every accent. Must not decide what a
//! class means for text: callers do.

/// Sixteen bytes, loaded once for several tests.
#[derive(Clone, Copy)]
pub struct Lanes(Repr);

#[cfg(target_arch = "x86_64")]
type Repr = std::arch::x86_64::__m128i;

#[cfg(not(target_arch = "x86_64"))]
type Repr = [u8; 16];

#[cfg(target_arch = "x86_64")]
impl Lanes {
    #[inline]
    pub fn load(chunk: &[u8; 16]) -> Lanes {
        Lanes(bytemuck::cast(*chunk))
    }

    /// The bytes in `from..=from + span`.
    #[inline]
    pub fn within(self, from: u8, span: u8) -> u16 {
        use std::arch::x86_64::_mm_movemask_epi8;
        // SAFETY: SSE2 is part of x86-64 itself; it reads and writes registers only.
        unsafe { _mm_movemask_epi8(self.within_bytes(from, span)) as u16 }
    }

    /// [`Lanes::within`] a byte per byte: 0xFF for those in the range, 0 for the others.
    #[inline]
    fn within_bytes(self, from: u8, span: u8) -> Repr {
        use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_min_epu8, _mm_set1_epi8, _mm_sub_epi8};
        // SAFETY: SSE2 is part of x86-64 itself; these read and write registers only. A
        // byte is within when, taken `from`, it wraps to at most `span`.
        unsafe {
            let off = _mm_sub_epi8(self.0, _mm_set1_epi8(from as i8));
            let kept = _mm_min_epu8(off, _mm_set1_epi8(span as i8));
            _mm_cmpeq_epi8(kept, off)
        }
    }

    /// The bytes equal to `b`.
    #[inline]
    pub fn equal(self, b: u8) -> u16 {
        use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8};
        // SAFETY: as in `within`.
        unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(self.0, _mm_set1_epi8(b as i8))) as u16 }
    }

    /// The bytes past ASCII.
    #[inline]
    pub fn high(self) -> u16 {
        use std::arch::x86_64::_mm_movemask_epi8;
        // SAFETY: as in `within`.
        unsafe { _mm_movemask_epi8(self.0) as u16 }
    }

    /// The same bytes with their case bit (0x20) set: ASCII letters in lower case.
    #[inline]
    pub fn case_bit_set(self) -> Lanes {
        use std::arch::x86_64::{_mm_or_si128, _mm_set1_epi8};
        // SAFETY: as in `within`.
        Lanes(unsafe { _mm_or_si128(self.0, _mm_set1_epi8(0x20)) })
    }

    /// The bytes, ASCII capitals lowered and every other byte as it is.
    #[inline]
    pub fn ascii_lowered(self) -> [u8; 16] {
        use std::arch::x86_64::{_mm_and_si128, _mm_or_si128, _mm_set1_epi8};
        let capital = self.within_bytes(b'A', 25);
        // SAFETY: as in `within`: the capitals' case bit set.
        let lowered = unsafe { _mm_or_si128(self.0, _mm_and_si128(capital, _mm_set1_epi8(0x20))) };
        bytemuck::cast(lowered)
    }
}

#[cfg(not(target_arch = "x86_64"))]
impl Lanes {
    #[inline]
    pub fn load(chunk: &[u8; 16]) -> Lanes {
        Lanes(*chunk)
    }

    /// The bytes in `from..=from + span`.
    #[inline]
    pub fn within(self, from: u8, span: u8) -> u16 {
        bytewise::within(&self.0, from, span)
    }

    /// The bytes equal to `b`.
    #[inline]
    pub fn equal(self, b: u8) -> u16 {
        bytewise::equal(&self.0, b)
    }

    /// The bytes past ASCII.
    #[inline]
    pub fn high(self) -> u16 {
        bytewise::high(&self.0)
    }

    /// The same bytes with their case bit (0x20) set: ASCII letters in lower case.
    #[inline]
    pub fn case_bit_set(self) -> Lanes {
        Lanes(self.0.map(|b| b | 0x20))
    }

    /// The bytes, ASCII capitals lowered and every other byte as it is.
    #[inline]
    pub fn ascii_lowered(self) -> [u8; 16] {
        bytewise::ascii_lowered(&self.0)
    }
}

/// The tests a byte at a time: what runs off x86-64, and what the SSE2 form is held to.
#[cfg(any(test, not(target_arch = "x86_64")))]
mod bytewise {
    fn marked(chunk: &[u8; 16], test: impl Fn(u8) -> bool) -> u16 {
        (0..16).fold(0, |m, k| m | u16::from(test(chunk[k])) << k)
    }

    pub fn within(chunk: &[u8; 16], from: u8, span: u8) -> u16 {
        marked(chunk, |b| b.wrapping_sub(from) <= span)
    }

    pub fn equal(chunk: &[u8; 16], b: u8) -> u16 {
        marked(chunk, |x| x == b)
    }

    pub fn high(chunk: &[u8; 16]) -> u16 {
        marked(chunk, |b| b >= 0x80)
    }

    pub fn ascii_lowered(chunk: &[u8; 16]) -> [u8; 16] {
        chunk.map(|b| b.to_ascii_lowercase())
    }
}

impl Lanes {
    /// The ASCII letters and digits.
    #[inline]
    pub fn ascii_alphanumeric(self) -> u16 {
        self.within(b'0', 9) | self.case_bit_set().within(b'a', 25)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sixteen_bytes_are_marked_as_each_byte_alone_says(
            chunk in any::<[u8; 16]>(),
            from in any::<u8>(),
            span in any::<u8>(),
            b in any::<u8>(),
        ) {
            let lanes = Lanes::load(&chunk);
            prop_assert_eq!(lanes.within(from, span), bytewise::within(&chunk, from, span));
            prop_assert_eq!(lanes.equal(b), bytewise::equal(&chunk, b));
            prop_assert_eq!(lanes.equal(chunk[0]) & 1, 1);
            prop_assert_eq!(lanes.ascii_lowered(), bytewise::ascii_lowered(&chunk));
            prop_assert_eq!(lanes.high(), bytewise::high(&chunk));
            let alphanumeric = (0..16)
                .filter(|&k| chunk[k].is_ascii_alphanumeric())
                .fold(0u16, |m, k| m | 1 << k);
            prop_assert_eq!(lanes.ascii_alphanumeric(), alphanumeric);
        }
    }
}
