//! The formats a harvest is exported in: the server's export routes
//! (`/api/sessions/{id}/export.{ext}`) and command line, and the page's download
//! buttons, list the same ones from here. Their names on the buttons are words
//! ([`crate::words::Word::Format`]).

use std::fmt;
use std::str::FromStr;

/// The export formats, in the order of the buttons, named by their file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Json,
    Markdown,
    Csv,
    Svg,
    Png,
    Pdf,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Json,
        ExportFormat::Markdown,
        ExportFormat::Csv,
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Pdf,
    ];

    /// The file extension, also the name used in the URL and on the command line.
    pub fn ext(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Pdf => "pdf",
        }
    }

    /// The `Content-Type` the server answers a download with.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Json => "application/json",
            ExportFormat::Markdown => "text/markdown; charset=utf-8",
            ExportFormat::Csv => "text/csv; charset=utf-8; header=present",
            ExportFormat::Svg => "image/svg+xml",
            ExportFormat::Png => "image/png",
            ExportFormat::Pdf => "application/pdf",
        }
    }

    /// Whether the format names who wrote each card even when the facilitator hides
    /// names (only the lossless JSON does: it is the session's backup). The server
    /// refuses it to participants while names are hidden, and the page offers it
    /// only when it would be given.
    pub fn always_names_authors(self) -> bool {
        self == ExportFormat::Json
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: use json, md, csv, svg, png or pdf")]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        let s = s.trim().to_ascii_lowercase();
        let s = if s == "markdown" { "md".to_owned() } else { s };
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.ext() == s)
            .ok_or_else(|| UnknownFormat(s.chars().take(20).collect()))
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ext())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_reads_back_from_its_extension() {
        for format in ExportFormat::ALL {
            assert_eq!(format.ext().parse::<ExportFormat>(), Ok(format));
            assert_eq!(format.to_string(), format.ext());
        }
        assert_eq!(
            " Markdown ".parse::<ExportFormat>(),
            Ok(ExportFormat::Markdown)
        );
        assert!("docx".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn extensions_and_content_types_are_distinct() {
        let exts: std::collections::HashSet<_> =
            ExportFormat::ALL.iter().map(|f| f.ext()).collect();
        let types: std::collections::HashSet<_> =
            ExportFormat::ALL.iter().map(|f| f.content_type()).collect();
        assert_eq!(exts.len(), ExportFormat::ALL.len());
        assert_eq!(types.len(), ExportFormat::ALL.len());
    }

    #[test]
    fn only_the_backup_names_authors_when_names_are_hidden() {
        let naming: Vec<_> = ExportFormat::ALL
            .into_iter()
            .filter(|f| f.always_names_authors())
            .collect();
        assert_eq!(naming, [ExportFormat::Json]);
    }
}
