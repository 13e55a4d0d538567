//! The `shuyu` binary: parse the arguments and hand over to [`shuyu::cli`].

use clap::Parser;

/// mimalloc: a glossary is millions of small strings, allocated on every core at once, and
/// the system allocator spent a sixth of `shuyu validate`'s instructions on them. Version 2:
/// on a machine with transparent huge pages always on, version 3 held up to 40 MB more
/// (10k concepts: v2 267 MB at most in 18 runs, v3 310 MB; v2 a little faster too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v2's `mimalloc.h` (the 16th option of `mi_option_e`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    main_thread_works();
    shuyu::cli::run(shuyu::cli::Cli::parse())
}

/// The main thread is one of rayon's threads instead of waiting beside them: it takes its
/// share of every parallel step, so the memory it allocated while loading and validating
/// (its allocator heap) serves the pages it renders once that is freed (with the linker freed
/// before rendering: 10k build 370 MB -> 273 MB at most, in 3 runs each). If the pool cannot
/// be set up, rayon's default one is used.
fn main_thread_works() {
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
}

/// Freed memory stays with the process instead of going back to the kernel 10 ms later: a
/// build frees and allocates hundreds of megabytes of page views and HTML, and with transparent
/// huge pages each purged and reused segment was zeroed again by the kernel (a fifth of a 10k
/// build's CPU time in `clear_page`; median wall 2.08 → 1.99 s, at most 30 MB more, in 12
/// alternated runs).
fn keep_freed_memory() {
    // SAFETY: sets a documented option of the allocator this binary links, before any thread
    // is started; the option takes any `long`, -1 meaning "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
