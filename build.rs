//! The default theme is built into the binary (`include_dir!` in
//! `src/load.rs`). That macro tells Cargo about the files it read, but not
//! about files added later: a new message table or template would be left
//! out until something else changed. Watching the folder closes that gap.

fn main() {
    println!("cargo::rerun-if-changed=themes/default");
}
