//! Resizing one photo: the image crate's resize against fast_image_resize,
//! both with a Lanczos3 filter, as the images stage uses it.
//!
//! ```sh
//! cargo run --release --example resize_bench [-- WIDTH HEIGHT TARGET]
//! ```
//!
//! Defaults: a 4000 x 3000 picture down to 1600 pixels wide. Prints the
//! median of five runs of each.

use std::time::{Duration, Instant};

use fast_image_resize as fir;
use image::{imageops, Rgb, RgbImage};

fn main() {
    let args: Vec<u32> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (width, height, target) = match args.as_slice() {
        [w, h, t] => (*w, *h, *t),
        _ => (4000, 3000, 1600),
    };
    let target_height = height * target / width;
    let picture = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, ((x ^ y) % 256) as u8])
    });
    let crate_time = median(|| {
        let resized = imageops::resize(
            &picture,
            target,
            target_height,
            imageops::FilterType::Lanczos3,
        );
        assert_eq!(resized.width(), target);
    });
    let fir_time = median(|| {
        let source =
            fir::images::ImageRef::new(width, height, picture.as_raw(), fir::PixelType::U8x3)
                .expect("a whole buffer");
        let mut resized = fir::images::Image::new(target, target_height, fir::PixelType::U8x3);
        let options = fir::ResizeOptions::new()
            .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
        fir::Resizer::new()
            .resize(&source, &mut resized, &options)
            .expect("a resize");
    });
    println!(
        "{width}x{height} -> {target}x{target_height}: image::imageops::resize {:.0} ms, fast_image_resize {:.0} ms ({:.1}x)",
        ms(crate_time),
        ms(fir_time),
        crate_time.as_secs_f64() / fir_time.as_secs_f64()
    );
}

fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[2]
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}
