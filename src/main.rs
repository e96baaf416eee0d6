fn main() -> std::process::ExitCode {
    jixiao::run::run(std::env::args_os())
}
