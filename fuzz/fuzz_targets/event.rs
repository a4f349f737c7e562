//! Event validation and learning: any event a page can send, at any clock reading. After each
//! event the profile's kept size figures equal a full count (`check_size`), and items that
//! meet the interests held before and after it rank with the engine's kept score table as with
//! one built afresh (`shelfwise_fuzz::table`; the clock often stays in one minute).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::{Config, Engine};
use shelfwise_fuzz::table::{items_for, same_as_afresh};
use shelfwise_fuzz::{check_profile, check_size, event, now};

/// Items ranked after each event: as many meeting the interests held before it as after.
const RANKED: usize = 12;

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
        let mut list = items_for(&before, 0, RANKED);
        list.extend(items_for(engine.profile(), RANKED, RANKED));
        same_as_afresh(&mut engine, &list, &Default::default(), t);
        if u.is_empty() {
            break;
        }
    }
    check_profile(engine.profile());
});
