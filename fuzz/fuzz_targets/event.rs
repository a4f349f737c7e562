//! Event validation and learning: any event a page can send, at any clock reading. After each
//! event the profile's kept size figures equal a full count (`check_size`).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::{Config, Engine};
use shelfwise_fuzz::{check_profile, check_size, event, now};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(t) = now(&mut u) else { return };
    let mut engine = Engine::new(&Config::default(), t);
    while let (Ok(ev), Ok(t)) = (event(&mut u), now(&mut u)) {
        let before = engine.profile().clone();
        if engine.track(ev, t).is_err() {
            assert_eq!(
                engine.profile(),
                &before,
                "a rejected event changes nothing"
            );
        }
        check_size(engine.profile());
        if u.is_empty() {
            break;
        }
    }
    check_profile(engine.profile());
});
