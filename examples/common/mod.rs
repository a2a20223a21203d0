//! What the examples share: their command line.

use std::str::FromStr;

/// The command-line arguments without the program name, and the megabytes of an
/// optional `--throughput MB` (taken out of the arguments).
#[allow(dead_code)] // not every example measures throughput
pub fn args_and_throughput() -> (Vec<String>, Option<f64>) {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let throughput = take_number(&mut args, "--throughput");
    (args, throughput)
}

/// The number after `name` in `args`, both taken out of `args` (None without `name`;
/// panics, naming the option, when the value is missing or not a number).
pub fn take_number<T: FromStr>(args: &mut Vec<String>, name: &str) -> Option<T> {
    let at = args.iter().position(|a| a == name)?;
    let value = args
        .get(at + 1)
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("{name} takes a number"));
    args.drain(at..at + 2);
    Some(value)
}

/// The gazetteer in the JSON Lines file `path` (panics with the path on failure).
#[allow(dead_code)] // not every example reads a gazetteer
pub fn read_gazetteer(path: &str) -> presswork::entities::Gazetteer {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    presswork::entities::io::read_jsonl(std::io::BufReader::new(file))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}
