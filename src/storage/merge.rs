//! Three-way merge of a saved struct: what one window changed (its values against the ones
//! it started from) is laid over the file as another window may have saved it since, so
//! each keeps its own changes. Works on any serde struct through its JSON shape.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// `on_disk` with every field that `mine` changed from `base` set to `mine`'s value.
/// Structs are merged field by field; anything else (numbers, text, lists, an enum that
/// switched variant) is taken whole. `None` when a value has no JSON shape (a path that
/// is not UTF-8): the caller then saves `mine` as it is.
pub fn merge_changes<T: Serialize + DeserializeOwned>(
    on_disk: &T,
    base: &T,
    mine: &T,
) -> Option<T> {
    let mut merged = serde_json::to_value(on_disk).ok()?;
    let base = serde_json::to_value(base).ok()?;
    let mine = serde_json::to_value(mine).ok()?;
    lay_over(&mut merged, &base, &mine);
    serde_json::from_value(merged).ok()
}

fn lay_over(target: &mut Value, base: &Value, mine: &Value) {
    if mine == base {
        return;
    }
    match (target, base, mine) {
        // The same struct on all three sides: field by field.
        (Value::Object(t), Value::Object(b), Value::Object(m))
            if same_keys(t, m) && same_keys(b, m) =>
        {
            for (key, value) in m {
                if let (Some(t), Some(b)) = (t.get_mut(key), b.get(key)) {
                    lay_over(t, b, value);
                }
            }
        }
        (target, _, mine) => *target = mine.clone(),
    }
}

fn same_keys(a: &serde_json::Map<String, Value>, b: &serde_json::Map<String, Value>) -> bool {
    a.len() == b.len() && a.keys().all(|k| b.contains_key(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    struct Inner {
        size: f32,
        font: Font,
    }

    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    enum Font {
        #[default]
        Serif,
        Own(String),
    }

    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    struct Outer {
        theme: String,
        inner: Inner,
        list: Vec<u32>,
    }

    #[test]
    fn each_side_keeps_its_own_changes() {
        let base = Outer::default();
        let mut disk = base.clone();
        disk.theme = "dark".into(); // another window's change
        disk.inner.size = 20.0;
        let mut mine = base.clone();
        mine.inner.font = Font::Own("a.ttf".into()); // this window's
        mine.list = vec![1, 2];
        let merged = merge_changes(&disk, &base, &mine);
        let expected = Outer {
            theme: "dark".into(),
            inner: Inner {
                size: 20.0,
                font: Font::Own("a.ttf".into()),
            },
            list: vec![1, 2],
        };
        assert_eq!(merged, Some(expected));
    }

    #[test]
    fn the_same_field_changed_twice_takes_this_windows_value() {
        let base = Outer::default();
        let disk = Outer {
            theme: "dark".into(),
            ..base.clone()
        };
        let mine = Outer {
            theme: "sepia".into(),
            ..base.clone()
        };
        assert_eq!(merge_changes(&disk, &base, &mine), Some(mine));
    }

    #[test]
    fn nothing_changed_here_keeps_the_file() {
        let base = Outer::default();
        let disk = Outer {
            list: vec![9],
            ..base.clone()
        };
        assert_eq!(merge_changes(&disk, &base, &base), Some(disk));
    }

    #[test]
    fn an_enum_that_switched_variant_is_taken_whole() {
        let base = Inner {
            font: Font::Own("a.ttf".into()),
            ..Inner::default()
        };
        let disk = Inner {
            font: Font::Own("b.ttf".into()),
            ..Inner::default()
        };
        let mine = Inner::default(); // back to Serif here
        assert_eq!(merge_changes(&disk, &base, &mine), Some(mine));
    }
}
