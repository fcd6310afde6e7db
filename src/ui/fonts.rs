//! Reading fonts: the bundled faces (Literata, Source Serif 4, Atkinson Hyperlegible,
//! OpenDyslexic), built into the binary and registered as named egui families, plus any font
//! file the reader picks. egui's own fonts stay behind each face as fallbacks, so a glyph a
//! face lacks still shows.

use std::path::Path;
use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::settings::ReadingFont;

/// (egui font name, bytes) of every bundled file.
const FILES: &[(&str, &[u8])] = &[
    (
        "literata",
        include_bytes!("../../assets/fonts/Literata-Regular.ttf"),
    ),
    (
        "literata-bold",
        include_bytes!("../../assets/fonts/Literata-Bold.ttf"),
    ),
    (
        "literata-italic",
        include_bytes!("../../assets/fonts/Literata-Italic.ttf"),
    ),
    (
        "source-serif",
        include_bytes!("../../assets/fonts/SourceSerif4-Regular.ttf"),
    ),
    (
        "source-serif-bold",
        include_bytes!("../../assets/fonts/SourceSerif4-Bold.ttf"),
    ),
    (
        "source-serif-italic",
        include_bytes!("../../assets/fonts/SourceSerif4-Italic.ttf"),
    ),
    (
        "atkinson",
        include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Regular.ttf"),
    ),
    (
        "opendyslexic",
        include_bytes!("../../assets/fonts/OpenDyslexic-Regular.otf"),
    ),
];

/// The name of the family for the reader's own font.
const CUSTOM: &str = "custom";
/// Largest font file accepted from the reader.
const MAX_FONT_BYTES: u64 = 40 * 1024 * 1024;

/// The families story text uses for a reading font: (regular, for headings).
pub fn families(font: &ReadingFont) -> (FontFamily, FontFamily) {
    let (regular, heading) = match font {
        ReadingFont::Literata => ("literata", "literata-bold"),
        ReadingFont::SourceSerif => ("source-serif", "source-serif-bold"),
        ReadingFont::Atkinson => ("atkinson", "atkinson"),
        ReadingFont::OpenDyslexic => ("opendyslexic", "opendyslexic"),
        ReadingFont::Custom(_) => (CUSTOM, CUSTOM),
    };
    (
        FontFamily::Name(regular.into()),
        FontFamily::Name(heading.into()),
    )
}

/// The bundled face for italic or bold text in `family`, and whether the italics must still
/// be slanted by the renderer (bold italic, which is not bundled). `None` when the face has
/// no bundled variants (Atkinson, OpenDyslexic, the reader's own font): then italics are
/// slanted and bold is left as it is.
pub fn variant(family: &FontFamily, italic: bool, bold: bool) -> Option<(FontFamily, bool)> {
    let FontFamily::Name(name) = family else {
        return None;
    };
    let root = name
        .strip_suffix("-bold")
        .or_else(|| name.strip_suffix("-italic"))
        .unwrap_or(name);
    if !matches!(root, "literata" | "source-serif") {
        return None;
    }
    let face = match (italic, bold) {
        (_, true) => format!("{root}-bold"),
        (true, false) => format!("{root}-italic"),
        (false, false) => root.to_string(),
    };
    Some((FontFamily::Name(face.into()), italic && bold))
}

/// Installs the bundled faces, and the reader's own font file if one is chosen. Returns why
/// the reader's font could not be used, if it couldn't (the bundled Literata stands in).
pub fn install(ctx: &egui::Context, font: &ReadingFont) -> Result<(), String> {
    let mut defs = FontDefinitions::default();
    let fallbacks: Vec<String> = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for (name, bytes) in FILES {
        defs.font_data
            .insert((*name).into(), Arc::new(FontData::from_static(bytes)));
        let mut chain = vec![(*name).to_string()];
        chain.extend(fallbacks.iter().cloned());
        defs.families
            .insert(FontFamily::Name((*name).into()), chain);
    }
    let custom = match font {
        ReadingFont::Custom(path) => read_font(path),
        _ => Ok(None),
    };
    let face = match &custom {
        Ok(Some(bytes)) => {
            defs.font_data
                .insert(CUSTOM.into(), Arc::new(FontData::from_owned(bytes.clone())));
            CUSTOM
        }
        _ => "literata",
    };
    let mut chain = vec![face.to_string()];
    chain.extend(fallbacks.iter().cloned());
    defs.families.insert(FontFamily::Name(CUSTOM.into()), chain);
    ctx.set_fonts(defs);
    custom.map(|_| ())
}

/// Reads a font file the reader picked, checking it looks like a font.
fn read_font(path: &Path) -> Result<Option<Vec<u8>>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    if size > MAX_FONT_BYTES {
        return Err(format!(
            "{} is too large to be a font ({size} bytes)",
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // TrueType, OpenType (CFF) and TrueType collections open with these tags.
    let known = [&b"\x00\x01\x00\x00"[..], b"OTTO", b"true", b"ttcf"];
    if !known.iter().any(|tag| bytes.starts_with(tag)) {
        return Err(format!(
            "{} is not a TrueType or OpenType font file",
            path.display()
        ));
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_has_a_family() {
        for font in ReadingFont::BUNDLED {
            let (regular, heading) = families(&font);
            for family in [regular, heading] {
                let FontFamily::Name(name) = family else {
                    panic!("named family")
                };
                assert!(FILES.iter().any(|(n, _)| **n == *name), "{name} is bundled");
            }
        }
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused_with_its_name() {
        let dir = crate::testing::TestDir::named("font");
        let path = dir.join("not-a-font.ttf");
        std::fs::write(&path, b"Title: not a font\n").unwrap_or_else(|e| panic!("{e}"));
        let err = read_font(&path).err().unwrap_or_default();
        assert!(
            err.contains("not a TrueType or OpenType font") && err.contains("not-a-font"),
            "{err}"
        );
        let ctx = egui::Context::default();
        assert!(
            install(&ctx, &ReadingFont::Custom(path)).is_err(),
            "install reports it (and falls back)"
        );
        let ok = install(&ctx, &ReadingFont::Literata);
        assert_eq!(ok, Ok(()));
    }

    #[test]
    fn italic_and_bold_use_the_bundled_faces() {
        let literata = FontFamily::Name("literata".into());
        let named = |n: &str| Some((FontFamily::Name(n.into()), false));
        assert_eq!(variant(&literata, true, false), named("literata-italic"));
        assert_eq!(variant(&literata, false, true), named("literata-bold"));
        let bold_italic = variant(&literata, true, true);
        assert_eq!(
            bold_italic,
            Some((FontFamily::Name("literata-bold".into()), true))
        );
        let heading = FontFamily::Name("source-serif-bold".into());
        assert_eq!(variant(&heading, true, false), named("source-serif-italic"));
        let atkinson = FontFamily::Name("atkinson".into());
        assert_eq!(variant(&atkinson, true, false), None);
        for (name, _) in FILES {
            if let Some((FontFamily::Name(face), _)) =
                variant(&FontFamily::Name((*name).into()), true, false)
            {
                assert!(FILES.iter().any(|(n, _)| **n == *face), "{face} is bundled");
            }
        }
    }

    #[test]
    fn bundled_files_are_fonts() {
        for (name, bytes) in FILES {
            let known = [&b"\x00\x01\x00\x00"[..], b"OTTO"];
            assert!(known.iter().any(|t| bytes.starts_with(t)), "{name}");
        }
    }
}
