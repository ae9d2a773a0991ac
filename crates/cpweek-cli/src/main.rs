fn main() -> std::process::ExitCode {
    cpweek_cli::main()
}
