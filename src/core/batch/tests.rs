//! Unit tests of [`ItemBatch`]: items come back as they went in, and what is clean.

use super::*;

/// A batch of validated items, each distinct text held once (the tests' shorthand for a
/// [`BatchBuilder`]).
fn from_items(items: &[Item]) -> ItemBatch {
    let mut batch = BatchBuilder::default();
    for it in items {
        batch.add(it);
    }
    batch.finish()
}

fn shoe(id: &str, color: &str) -> Item {
    let mut it = Item::with_id(id);
    it.name = Some(format!("Trail shoe {id}"));
    it.category = vec!["Shoes".into(), "Trail".into()];
    it.brand = Some("Acme".into());
    it.price = Some(80.0);
    it.tags = vec!["Trail".into()];
    it.facets = vec![("color".into(), color.into()), ("size".into(), "42".into())];
    it
}

#[test]
fn items_come_back_as_they_went_in_each_text_held_once() {
    let items: Vec<Item> = (0..100)
        .map(|i| shoe(&format!("s{i}"), ["red", "blue"][i % 2]))
        .collect();
    let batch = from_items(&items);
    assert_eq!(batch.len(), 100);
    // 100 ids, 100 names, and Shoes, Trail, Acme, color, red, size, 42, blue.
    assert_eq!(batch.text_count(), 208);
    assert!(batch.is_clean());
    for (i, it) in items.iter().enumerate() {
        assert_eq!(&batch.item(i), it);
        assert_eq!(batch.id(i), it.id);
    }
    let p = batch.parts(1);
    let texts = |l: &[u32]| -> Vec<&str> { l.iter().map(|&t| batch.text(t)).collect() };
    assert_eq!(texts(p.category), ["Shoes", "Trail"]);
    assert_eq!(texts(p.tags), ["Trail"]);
    assert_eq!(p.tags, &p.category[1..], "one text, one number");
    assert_eq!(texts(p.facets), ["color", "blue", "size", "42"]);
    assert_eq!(p.brand.map(|t| batch.text(t)), Some("Acme"));
    assert_eq!(batch.position("s7"), Some(7));
    assert_eq!(batch.position("s100"), None);
    assert!(batch.ids_untrimmed());
}

#[test]
fn anything_validation_would_change_is_not_clean() {
    let clean = |f: &dyn Fn(&mut Item)| {
        let mut items = vec![shoe("a", "red"), shoe("b", "red")];
        f(&mut items[1]);
        from_items(&items).is_clean()
    };
    assert!(clean(&|_| {}));
    assert!(!clean(&|it| it.id = "a".into()));
    assert!(!clean(&|it| it.id = " b".into()));
    assert!(!clean(&|it| it.name = Some(String::new())));
    assert!(!clean(&|it| it.tags.push("x ".into())));
    assert!(!clean(
        &|it| it.brand = Some("b".repeat(MAX_STRING_BYTES + 1))
    ));
    assert!(!clean(&|it| it.facets.push(("color".into(), "x".into()))));
    assert!(!clean(&|it| it.facets.push(("size".into(), "x".into()))));
    assert!(clean(&|it| it.facets.push(("width".into(), "42".into()))));
    assert!(!clean(&|it| it.price = Some(-1.0)));
    assert!(!clean(&|it| it.quantity = f64::NAN));
    assert!(!clean(&|it| it.score = Some(f64::INFINITY)));
    assert!(!clean(
        &|it| it.category = vec!["c".into(); MAX_CATEGORY_DEPTH + 1]
    ));
    assert!(clean(&|it| it.name = Some("日本 ü".into())));
    let mut odd = from_items(&[shoe("a", "red")]);
    odd.refs.pop();
    assert!(!odd.is_clean(), "texts missing");
}

#[test]
fn parts_are_cut_from_the_counts_and_a_short_batch_gives_empty_pieces() {
    let shape = Shape {
        id: true,
        name: true,
        depth: 2,
        brand: true,
        tags: 2,
        facets: 1,
        ..Shape::default()
    };
    // Texts: id, name, two levels, brand, two tags, a facet's name and value.
    let full: Vec<u32> = (0..9).collect();
    let spans = (0..9).map(|i| (i, i + 1)).collect();
    let mut batch = ItemBatch::new("abcdefghi".into(), spans, full.clone());
    batch.push(shape);
    let p = batch.parts(0);
    assert_eq!((p.id, p.name, p.brand), (Some(0), Some(1), Some(4)));
    assert_eq!(
        (p.category, p.tags, p.facets),
        (&[2, 3][..], &[5, 6][..], &[7, 8][..])
    );
    // Refs read short of the counts (only a malformed page list): every piece empty.
    let pieces = |held: usize| {
        let refs = full.get(..held).unwrap_or(&[]).to_vec();
        let mut batch = ItemBatch::new("abcdefghi".into(), Vec::new(), refs);
        batch.push(shape);
        let p = batch.parts(0);
        (p.category.len(), p.tags.len(), p.facets.len())
    };
    for held in [8, 6, 3, 0] {
        assert_eq!(pieces(held), (0, 0, 0), "{held} refs of 9");
    }
    assert_eq!(batch.parts(1).category, &[] as &[u32]);
}
