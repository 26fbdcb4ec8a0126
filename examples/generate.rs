//! A generator of synthetic budgets, for benchmarks and scale tests:
//!
//! ```sh
//! cargo run --release --example generate -- DEPARTMENTS PROJECTS OUT_DIR
//! ```
//!
//! writes DEPARTMENTS valid, balanced `.bud` files of PROJECTS projects each (1 to 10,000
//! departments, 10 to 1,000 projects), with basic spending, goals and 15 indicators per project,
//! in canonical form. The numbers are deterministic (a fixed pseudo-random sequence).

use budc::synth::department;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(d), Some(p), Some(out)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: generate DEPARTMENTS PROJECTS OUT_DIR");
        std::process::exit(2);
    };
    let (Ok(d), Ok(p)) = (d.parse::<usize>(), p.parse::<usize>()) else {
        eprintln!("DEPARTMENTS and PROJECTS are numbers");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{out}: {e}");
        std::process::exit(2);
    }
    let mut bytes = 0;
    for n in 0..d {
        let text = department(n, p);
        bytes += text.len();
        if let Err(e) = std::fs::write(format!("{out}/dept-{n:05}.bud"), text) {
            eprintln!("{out}: {e}");
            std::process::exit(2);
        }
    }
    println!(
        "{d} budgets of {p} projects, {:.1} MB, in {out}",
        bytes as f64 / 1e6
    );
}
