fn main() {
    std::process::exit(budc::cli::run(std::env::args_os()));
}
