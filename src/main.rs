fn main() {
    std::process::exit(zhixing::app::main_with_args(std::env::args_os().collect()));
}
