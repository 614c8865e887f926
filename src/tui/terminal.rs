//! Taking the terminal and always giving it back: raw mode, alternate screen, bracketed
//! paste; restored on quit, panic and suspend. Must not know about the app.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is in veille's modes, so restoring twice (quit after a signal, a
/// panic inside restore) does nothing the second time.
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub fn enter() -> io::Result<Term> {
    take()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    repaint(&mut terminal)?;
    Ok(terminal)
}

fn take() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Give the terminal back. Safe to call at any time, any number of times.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        // Each step is tried even if an earlier one fails: a half-restored terminal is worse.
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
    }
}

/// Restore the terminal before the panic message is printed, so the message is readable
/// and the shell is usable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        // A panic on the worker or input thread would leave the loop drawing over a restored
        // terminal, or waiting forever for a corpus: end the whole program instead.
        std::process::exit(101);
    }));
}

/// Ctrl-Z: give the terminal back, stop like any job, and take it again on `fg`.
pub fn suspend(terminal: &mut Term) -> io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    resume(terminal)
}

/// Take the terminal again after a stop, and repaint everything.
pub fn resume(terminal: &mut Term) -> io::Result<()> {
    take()?;
    repaint(terminal)
}

/// Clear the screen and make the next draw write every cell. `Terminal::clear` would do it
/// but asks the terminal for the cursor position, and a terminal that never answers would
/// stall veille for seconds and then fail.
fn repaint(terminal: &mut Term) -> io::Result<()> {
    execute!(io::stdout(), Clear(ClearType::All))?;
    // Each swap blanks the buffer it leaves behind; two leave both blank, so the next draw
    // differs from "previous" wherever it has content.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}
