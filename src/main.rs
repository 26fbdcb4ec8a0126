// mimalloc: about 30 % of `budc check`'s time on real budgets went to the system allocator (many
// small strings per statement); with mimalloc that time is a third shorter (README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(budc::cli::run(std::env::args_os()));
}
