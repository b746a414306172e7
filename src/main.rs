//! The `trellis` command line: parses arguments, runs the pipeline, prints
//! diagnostics, picks the exit code (0 ok, 1 content/template/config
//! errors, 2 usage errors).

use std::path::PathBuf;

/// Counts what each page's render grows by, so a template that builds text
/// without end is stopped before memory runs out (see render::limits).
#[global_allocator]
static ALLOCATOR: trellis::render::CountingAllocator = trellis::render::CountingAllocator;

use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use trellis::diagnostics::{Diagnostics, Style, render_json, render_report};
use trellis::pipeline::{self, BuildOptions};

#[derive(Parser)]
#[command(
    name = "trellis",
    version,
    about = "Build step-by-step guides with fillable, printable worksheets"
)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more about what is happening.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The guide's folder (where guide.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site.
        #[arg(long, short, default_value = "public")]
        output: PathBuf,
        /// Override base_url from guide.toml (e.g. https://example.org/guide/).
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked draft.
        #[arg(long)]
        drafts: bool,
        /// Also print every worksheet and the workbook to PDF, A4 and US
        /// Letter, beside their pages (as `pdf = true` in guide.toml does).
        /// Needs Chromium: CHROME_PATH, or chromium on PATH.
        #[arg(long)]
        pdf: bool,
    },
    /// Check the guide and report every problem, writing nothing.
    Check {
        /// The guide's folder (where guide.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `human` for people, `json` for one JSON object per line.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (exit 1 when there are any).
        #[arg(long)]
        strict: bool,
        /// Include pages marked draft.
        #[arg(long)]
        drafts: bool,
    },
    /// Serve the guide locally, rebuilding and reloading the browser on every save.
    Serve {
        /// The guide's folder (where guide.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on. Anything but loopback makes the site reachable from the network.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes every MS milliseconds instead of using native
        /// file events (for WSL2, network drives and other file systems
        /// where events are lost).
        #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(10..=60_000))]
        poll: Option<u64>,
        /// Include pages marked draft.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new guide in DIR with two steps and a worksheet.
    New {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
        /// The guide's language, a BCP 47 tag (`es`, `ar`, `pt-BR`): its
        /// starter pages and every word trellis adds are in that language.
        #[arg(long, default_value = "en", value_name = "TAG")]
        language: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = Style::for_stderr();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            pdf,
        } => {
            let started = Instant::now();
            // The output folder is relative to the guide's folder, like its sources.
            let output = if output.is_relative() {
                root.join(&output)
            } else {
                output
            };
            let outcome = pipeline::build(&BuildOptions {
                root,
                output: output.clone(),
                base_url,
                drafts,
                pdf,
            });
            report(&outcome.diagnostics, cli.quiet, style);
            if cli.verbose {
                for (stage, took) in &outcome.timings {
                    eprintln!("  {stage:45} {:8.1} ms", took.as_secs_f64() * 1e3);
                }
            }
            match outcome.built {
                Some(built) => {
                    if !cli.quiet {
                        let pdfs = match built.pdf_count {
                            0 => String::new(),
                            n => format!(", with {n} PDFs,"),
                        };
                        eprintln!(
                            "Built {} pages and {} files{pdfs} into {} in {} ms",
                            built.page_count(),
                            built.files,
                            output.display(),
                            started.elapsed().as_millis()
                        );
                    }
                    // The model, sources and templates go with the
                    // process: freeing them one allocation at a time took
                    // a tenth of a second for 10,000 pages.
                    std::mem::forget(built);
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("Build failed; the previous output (if any) was left as it was.");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            format,
            strict,
            drafts,
        } => {
            let outcome = pipeline::render_in_memory(&root, None, drafts);
            let diags = &outcome.diagnostics;
            // `-q` shows errors only; under `--strict` warnings fail the
            // check, so they are shown too.
            let shown = if cli.quiet && !strict {
                only_errors(diags)
            } else {
                diags.clone()
            };
            match format {
                Format::Json => print!("{}", render_json(&shown)),
                Format::Human if shown.is_empty() => {
                    if !cli.quiet {
                        println!("No problems found.");
                    }
                }
                Format::Human => print!("{}", render_report(&shown, Style::for_stdout())),
            }
            let failed = diags.has_errors() || (strict && diags.warning_count() > 0);
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Serve {
            root,
            host,
            port,
            open,
            poll,
            drafts,
        } => {
            let opts = trellis::serve::ServeOptions {
                root,
                host,
                port,
                open,
                poll: poll.map(std::time::Duration::from_millis),
                drafts,
                verbose: cli.verbose,
                quiet: cli.quiet,
            };
            match trellis::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    report(&d.into(), false, style);
                    ExitCode::from(1)
                }
            }
        }
        Command::New { dir, language } => match trellis::scaffold::new_guide(&dir, &language) {
            Ok(known) => {
                if !known && !cli.quiet {
                    eprintln!(
                        "trellis has no messages in `{language}` yet: the words it adds (and the starter pages) are in English. See docs/themes.md to translate them."
                    );
                }
                if !cli.quiet {
                    let shown = dir.display().to_string();
                    let arg =
                        if shown.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
                            format!("'{}'", shown.replace('\'', "'\\''"))
                        } else {
                            shown.clone()
                        };
                    eprintln!(
                        "Created a new guide in {shown}. Build it with: trellis build --root {arg}"
                    );
                }
                ExitCode::SUCCESS
            }
            Err(d) => {
                report(&d.into(), false, style);
                ExitCode::from(1)
            }
        },
    }
}

fn only_errors(diags: &Diagnostics) -> Diagnostics {
    let mut errors = Diagnostics::new();
    errors.extend(diags.iter().filter(|d| d.is_error()).cloned());
    errors
}

fn report(diags: &Diagnostics, quiet: bool, style: Style) {
    let shown: Diagnostics = if quiet {
        only_errors(diags)
    } else {
        diags.clone()
    };
    if !shown.is_empty() {
        eprint!("{}", render_report(&shown, style));
    }
}
