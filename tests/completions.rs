//! `argmap completions` and `argmap man`: the scripts are read by their own shells, the pages rendered by groff.

use std::process::Command;

use crate::common::argmap;

fn stdout_of(args: &[&str]) -> String {
    let out = argmap().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Bash loads the script, which registers a completion for argmap, and the
/// completion it computes for `argmap que` is `query`.
#[test]
fn bash_loads_the_script_and_completes_a_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("argmap.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();
    let probe = format!(
        "source {}\ncomplete -p argmap\nCOMP_WORDS=(argmap que); COMP_CWORD=1; COMP_LINE='argmap que'; COMP_POINT=10\n_argmap argmap que argmap\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display()
    );
    let out = Command::new("bash").args(["-c", &probe]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("-F _argmap argmap"), "{stdout}");
    assert!(stdout.lines().any(|l| l == "query"), "{stdout}");
}

/// zsh and fish parse their scripts without running them.
#[test]
fn zsh_and_fish_parse_their_scripts() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, check) in [("zsh", "-n"), ("fish", "--no-execute")] {
        let script = dir.path().join(format!("argmap.{shell}"));
        let text = stdout_of(&["completions", shell]);
        assert!(text.contains("trace"), "{shell}: {text}");
        std::fs::write(&script, text).unwrap();
        let out = Command::new(shell)
            .arg(check)
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_that_lists_the_shells() {
    let out = argmap().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bash") && stderr.contains("zsh") && stderr.contains("fish"),
        "{stderr}"
    );
}

/// groff renders the page with no warning, and it holds every subcommand.
#[test]
fn groff_renders_the_manual_page() {
    let page = stdout_of(&["man"]);
    let out = groff(&["-k", "-man", "-Tutf8", "-ww", "-z"], &page);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = groff(&["-k", "-man", "-Tutf8", "-P", "-cbou"], &page).stdout;
    let text = String::from_utf8_lossy(&text);
    for heading in ["NAME", "SYNOPSIS", "OPTIONS", "SUBCOMMANDS"] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    for sub in ["check", "trace", "query", "completions", "man"] {
        assert!(text.contains(&format!("argmap-{sub}(1)")), "{sub}: {text}");
    }
}

fn groff(args: &[&str], page: &str) -> std::process::Output {
    assert_cmd::Command::new("groff")
        .args(args)
        .write_stdin(page.as_bytes().to_vec())
        .output()
        .unwrap()
}

/// `man --dir` writes one page per subcommand, each of which `man -l` reads.
#[test]
fn man_dir_writes_a_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(&["man", "--dir", dir.path().to_str().unwrap()]);
    for page in [
        "argmap.1",
        "argmap-check.1",
        "argmap-query.1",
        "argmap-completions.1",
    ] {
        let path = dir.path().join(page);
        assert!(path.is_file(), "{page}");
        let out = Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{page}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("SYNOPSIS"),
            "{page}"
        );
    }
}
