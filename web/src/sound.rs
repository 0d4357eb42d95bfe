//! The timer's tone at time-up: two short beeps made with WebAudio (an oscillator and a
//! gain envelope), so there is no audio file to load or cache.
//!
//! Browsers let a page make sound only after the person interacted with it (a click,
//! a tap, a key). So the audio context is created, or resumed, inside the first such
//! gesture on the page ([`unlock_on_first_gesture`]); until then [`play_time_up`] does
//! nothing and says so, and the room screen, where nobody clicks, offers a one-time
//! "enable sound" button. Every tone played is counted in
//! `<body data-sound-played="<n>">`, which is what tests (and a curious person in the
//! inspector) can see.

use std::cell::{Cell, RefCell};

use web_sys::{AudioContext, OscillatorType};

use crate::dom::{self, js_message, log_error, set_attr};

thread_local! {
    static AUDIO: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
    static PLAYED: Cell<u32> = const { Cell::new(0) };
}

/// Creates or resumes the audio context; call it from a user gesture.
pub fn unlock() {
    AUDIO.with(|audio| {
        let mut audio = audio.borrow_mut();
        match audio.as_ref() {
            Some(ctx) => {
                let _ = ctx.resume();
            }
            None => match AudioContext::new() {
                Ok(ctx) => *audio = Some(ctx),
                Err(e) => log_error("audio", &js_message(&e)),
            },
        }
    });
}

/// Whether a gesture has unlocked the sound on this page.
pub fn unlocked() -> bool {
    AUDIO.with(|audio| audio.borrow().is_some())
}

/// Unlocks the sound at the page's first click, tap or key press.
pub fn unlock_on_first_gesture() {
    let Ok(document) = dom::document() else {
        return;
    };
    for event in ["pointerdown", "keydown"] {
        dom::listen(&document, event, |_| {
            if !unlocked() {
                unlock();
            }
        });
    }
}

/// Plays the time-up tone; returns whether it could (the page was unlocked).
pub fn play_time_up() -> bool {
    let played = AUDIO.with(|audio| {
        let audio = audio.borrow();
        let Some(ctx) = audio.as_ref() else {
            return false;
        };
        let _ = ctx.resume();
        let start = ctx.current_time();
        // Two beeps, 880 Hz, 0.18 s each with a short fade in and out (no clicks).
        for offset in [0.0, 0.3] {
            if let Err(e) = beep(ctx, start + offset) {
                log_error("audio", &js_message(&e));
                return false;
            }
        }
        true
    });
    if played {
        let count = PLAYED.with(|p| {
            p.set(p.get() + 1);
            p.get()
        });
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            set_attr(&body, "data-sound-played", &count.to_string());
        }
    }
    played
}

fn beep(ctx: &AudioContext, at: f64) -> Result<(), wasm_bindgen::JsValue> {
    let osc = ctx.create_oscillator()?;
    osc.set_type(OscillatorType::Sine);
    osc.frequency().set_value(880.0);
    let gain = ctx.create_gain()?;
    let level = gain.gain();
    level.set_value_at_time(0.0, at)?;
    level.linear_ramp_to_value_at_time(0.3, at + 0.02)?;
    level.linear_ramp_to_value_at_time(0.0, at + 0.18)?;
    osc.connect_with_audio_node(&gain)?;
    gain.connect_with_audio_node(&ctx.destination())?;
    osc.start_with_when(at)?;
    osc.stop_with_when(at + 0.2)?;
    Ok(())
}
