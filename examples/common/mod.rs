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

/// The gazetteer in the JSON Lines file `path` (panics with the path on failure).
#[allow(dead_code)] // not every example reads a gazetteer
pub fn read_gazetteer(path: &str) -> presswork::entities::Gazetteer {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    presswork::entities::io::read_jsonl(std::io::BufReader::new(file))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}
