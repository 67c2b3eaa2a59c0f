use super::*;

#[test]
fn numbers_people_see() {
    assert_eq!(num(72.45), "72.5");
    assert_eq!(num(-0.04), "0.0");
    assert_eq!(delta(5.0), "+5.0");
    assert_eq!(delta(-2.5), "−2.5");
    assert_eq!(Trend::of(1.0), Trend::Steady);
    assert_eq!(Trend::of(-1.01), Trend::Down);
    assert_eq!(Trend::of(1.01), Trend::Up);
}
