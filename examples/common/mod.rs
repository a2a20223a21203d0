//! What the examples share: their command line.

/// The command-line arguments without the program name, and the megabytes of an
/// optional `--throughput MB` (taken out of the arguments).
pub fn args_and_throughput() -> (Vec<String>, Option<f64>) {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let throughput = args.iter().position(|a| a == "--throughput").map(|i| {
        let mb: f64 = args
            .get(i + 1)
            .and_then(|mb| mb.parse().ok())
            .expect("--throughput takes megabytes");
        args.drain(i..i + 2);
        mb
    });
    (args, throughput)
}
